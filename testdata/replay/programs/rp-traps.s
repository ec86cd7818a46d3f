# rp-traps.s -- each trap a user instruction can take, in a child of its
# own: the parent forks, the child runs the instruction, and the parent's
# waitpid() must see the child killed by the signal arch/x86/kernel/
# traps.c sends for it (no handler runs).  Exit 0 when every one did, else
# "FAIL\n" and the number of the case that did not.
# elfault run makes each trap a trap: step; the VM judges the signals.
        .include "rp.inc"
        .set    SIGILL, 4
        .set    SIGTRAP, 5
        .set    SIGFPE, 8
        .set    SIGSEGV, 11

        LAYOUT
        .section .steps,"ax",@progbits
main:   movl    $cases, %edi
        movl    $1, %esi                # the case's number
next:   movl    (%edi), %eax
        testl   %eax, %eax
        jz      done
        movl    $SYS_fork, %eax
        int     $0x80
        testl   %eax, %eax
        jz      child
        movl    %eax, %ebx              # waitpid(child, &status, 0)
        movl    $SYS_waitpid, %eax
        movl    $counter, %ecx
        movl    $0, %edx
        int     $0x80
        movl    counter, %eax
        andl    $0x7f, %eax             # WTERMSIG
        cmpl    4(%edi), %eax
        jne     fail
        addl    $8, %edi
        incl    %esi
        jmp     next
done:   EXIT    $0
child:  jmp     *(%edi)

divide: movl    $1, %eax                # #DE: SIGFPE
        xorl    %edx, %edx
        xorl    %ecx, %ecx
        divl    %ecx
undef:  ud2                             # #UD: SIGILL
break:  int3                            # #BP: SIGTRAP
int3b:  int     $3                      # the same through int $3
ovf:    movl    $0x7fffffff, %eax       # #OF: SIGSEGV
        addl    $1, %eax
        into
int4:   int     $4                      # int $4: the #OF gate, DPL 3
int81:  int     $0x81                   # a gate user mode may not use: #GP
int1:   int     $1                      # (#DB's gate is DPL 0): #GP
halt:   hlt                             # privileged: #GP
clear:  cli                             # IOPL 0: #GP
port:   inb     $0x80, %al              # no I/O permission: #GP
cr0:    movl    %cr0, %eax              # privileged: #GP
bnd:    movl    $5, %eax                # #BR: SIGSEGV
        bound   %eax, bounds
gsbad:  movl    $0x3b, %eax             # TLS entry 7, empty: #GP
        movw    %ax, %gs
kcs:    movl    $0x60, %eax             # the kernel's code segment: #GP
        movw    %ax, %ds
# A far jmp or call through a register is #UD: the far pointer must be in
# memory (ff /5 and ff /3 with mod 3; Unicorn 2.0.1 aborted on them).
ljmpr:  movl    $0, %eax                # the block's second instruction:
        .byte   0xff, 0xe9              # ljmp *%ecx
lcallr: .byte   0x66, 0xff, 0xd8        # lcallw *%ax, its prefix first
# The same bytes inside an instruction are not one: 83 ff e8 is
# cmp $-24, %edi, and the ud2 is reached only when it compared -24.
cmpff:  movl    $-24, %edi
        cmpl    $-24, %edi
        jne     cmpbad
        ud2                             # #UD: SIGILL
cmpbad: hlt                             # #GP: SIGSEGV

        .section .rodata
        .p2align 2
cases:  .long   divide, SIGFPE, undef, SIGILL, break, SIGTRAP
        .long   int3b, SIGTRAP, ovf, SIGSEGV, int4, SIGSEGV
        .long   int81, SIGSEGV, int1, SIGSEGV, halt, SIGSEGV
        .long   clear, SIGSEGV, port, SIGSEGV, cr0, SIGSEGV
        .long   bnd, SIGSEGV, gsbad, SIGSEGV, kcs, SIGSEGV
        .long   ljmpr, SIGILL, lcallr, SIGILL, cmpff, SIGILL
        .long   0
bounds: .long   0, 3
