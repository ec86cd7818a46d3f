from mkelf import *
def P(t,off,va,pa,fs,ms): return dict(type=t,offset=off,vaddr=va,paddr=pa,filesz=fs,memsz=ms)
secs=[Sec('.a',1,A,addr=0x1000,offset=0x1000,size=0x100),Sec('.z',1,A,addr=0x1100,offset=0x1100,size=0),Sec('.b',1,A,addr=0x1100,offset=0x1100,size=0x100),
      Sec('.z2',1,A,addr=0x5000,offset=0x1100,size=0),  # file offset in seg1 end/seg2 start, vaddr only in seg? 
      Sec('.nb_gap',8,A,addr=0x1180,offset=0x1100,size=0x10)]
write('lma_tie.x',secs,phdrs=[P(1,0x1000,0x1000,0xa000,0x100,0x100),P(1,0x1100,0x1100,0xb000,0x100,0x100)],etype=2)
# segment 2 listed first
write('lma_tie_rev.x',secs,phdrs=[P(1,0x1100,0x1100,0xb000,0x100,0x100),P(1,0x1000,0x1000,0xa000,0x100,0x100)],etype=2)
# overlapping segments: same section in two PT_LOADs
write('lma_overlap.x',[Sec('.a',1,A,addr=0x1000,offset=0x1000,size=0x10)],phdrs=[P(1,0x1000,0x1000,0xa000,0x100,0x100),P(1,0x1000,0x1000,0xb000,0x100,0x100)],etype=2)
# section in file range of segment but vaddr outside
write('lma_vaout.x',[Sec('.a',1,A,addr=0x9000,offset=0x1000,size=0x10)],phdrs=[P(1,0x1000,0x1000,0xa000,0x100,0x100)],etype=2)
# NOBITS alloc with offset outside seg but vaddr inside
write('lma_nobits.x',[Sec('.bss',8,A|W,addr=0x1100,offset=0x999999,size=0x10)],phdrs=[P(1,0x1000,0x1000,0xa000,0x100,0x200)],etype=2)
# ET_REL with phdrs? and ET_DYN
write('lma_rel_phdr.o',[Sec('.a',1,A,addr=0x1000,offset=0x1000,size=0x10)],phdrs=[P(1,0x1000,0x1000,0xa000,0x100,0x100)],etype=1)
# 32-bit AT
write('lma32.x',[Sec('.a',1,A,addr=0x1000,offset=0x1000,size=0x10),Sec('.w',1,A,addr=0x1000,offset=0x1000,size=0x10)],phdrs=[P(1,0x1000,0x1000,0xfffff000,0x100,0x100)],etype=2,cls=32,machine=3)
