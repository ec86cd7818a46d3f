# vdso-dump.s -- how data/vdso32-6.1-686.so was made: in the i386 VM
# (shared/i386-vm/run.sh DIR with this file and common.inc), write the
# vDSO's two pages, at AT_SYSINFO_EHDR, to stdout.  Take the bytes from
# the harness's base64 record (OUT/vm/data.txt, the section
# "vdsodump/out" between its @@BEGIN and @@END lines), not from out.txt,
# which report.py writes as text:
#   python3 -c 'import base64,sys; t=open(sys.argv[1],"rb").read().decode("latin-1"); s=t.split("@@BEGIN vdsodump/out\n")[1].split("@@END")[0]; sys.stdout.buffer.write(base64.b64decode("".join(s.split())))' OUT/vm/data.txt > vdso32-6.1-686.so
        .include "common.inc"
        .text
        .globl  _start
_start:
        movl    (%esp), %ecx            # argc
        leal    8(%esp,%ecx,4), %esi    # envp
1:      lodsl                           # past envp's NULL
        testl   %eax, %eax
        jnz     1b
2:      lodsl                           # auxv: type, value
        movl    %eax, %edx
        lodsl
        cmpl    $33, %edx               # AT_SYSINFO_EHDR
        jne     2b
        movl    %eax, %ecx
        movl    $SYS_write, %eax
        movl    $1, %ebx
        movl    $8192, %edx
        int     $0x80
        EXIT    $0
