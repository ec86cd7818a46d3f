import sys,re
# summarise out.txt of the swap experiments
txt=open(sys.argv[1],errors='replace').read()
lines=txt.split('\n')
i=0
keys=('pswpin','pswpout','pgmajfault','pgfault','swap_ra','swap_ra_hit')
while i<len(lines):
    l=lines[i]
    if l.startswith('## ') or l.startswith('rc '):
        print(l)
    elif l.startswith('pm '):
        _,pid,addr,w=l.split()
        w=int(w,16)
        if w>>63&1: d='present pfn=%#x'%(w&((1<<55)-1))
        elif w>>62&1: d='SWAP type=%d off=%d'%(w&31,(w>>5)&((1<<50)-1))
        else: d='none'
        flags=[]
        if w>>61&1: flags.append('file/shared-anon')
        if w>>56&1: flags.append('excl')
        if w>>55&1: flags.append('soft-dirty')
        print('  pm pid=%d %s %016x %s %s'%(int(pid,16),addr,w,d,' '.join(flags)))
    elif l.startswith('== /proc/self/stat'):
        f=lines[i+1].split(') ')[1].split()
        # fields from 3: state=f[0]; minflt=field10 -> f[7], majflt field12 -> f[9]
        print('  stat pid=%s minflt=%s majflt=%s'%(lines[i+1].split()[0],f[7],f[9]))
    elif l.startswith('== /proc/vmstat'):
        j=i+1; out=[]
        while lines[j]!='==':
            k=lines[j].split()
            if k and k[0] in keys: out.append('%s=%s'%(k[0],k[1]))
            j+=1
        print('  vmstat',' '.join(out))
    elif l.startswith('== /proc/swaps'):
        print('  swaps', lines[i+2].split()[1:] if len(lines)>i+2 else '')
    i+=1
