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

        .section .rodata
        .p2align 2
cases:  .long   divide, SIGFPE, undef, SIGILL, break, SIGTRAP
        .long   int3b, SIGTRAP, ovf, SIGSEGV, int4, SIGSEGV
        .long   int81, SIGSEGV, int1, SIGSEGV, halt, SIGSEGV
        .long   clear, SIGSEGV, port, SIGSEGV, cr0, SIGSEGV
        .long   bnd, SIGSEGV, gsbad, SIGSEGV, kcs, SIGSEGV
        .long   0
bounds: .long   0, 3
