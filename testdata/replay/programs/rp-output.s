# rp-output.s -- what a program writes to its standard output and error
# (elfault run shows each line after the step that wrote it, marked with
# the pid and descriptor): a line to stdout, a line written in two
# pieces, a line to stderr, a child's line, the parent's last piece with
# no newline, then exit status 3 once the child is reaped.
        .include "rp.inc"
        .set SYS_wait4, 114
        LAYOUT
        .macro WRITE fd, text, len
        movl    $SYS_write, %eax
        movl    $\fd, %ebx
        movl    $\text, %ecx
        movl    $\len, %edx
        int     $0x80
        .endm
main:   WRITE   1, one, 4               # "one\n"
        WRITE   1, two, 2               # "tw" ...
        WRITE   1, two+2, 2             # ... "o\n"
        WRITE   2, err, 13              # "to stderr\t!\n" (a tab)
        movl    $SYS_fork, %eax
        int     $0x80
        testl   %eax, %eax
        jz      child
        movl    $SYS_wait4, %eax        # wait4(-1, NULL, 0, NULL)
        movl    $-1, %ebx
        xorl    %ecx, %ecx
        xorl    %edx, %edx
        xorl    %esi, %esi
        int     $0x80
        WRITE   1, last, 4              # "last", no newline
        EXIT    $3
child:  WRITE   1, kid, 6               # "child\n"
        EXIT    $0
        .section .rodata
one:    .ascii  "one\n"
two:    .ascii  "two\n"
err:    .ascii  "to stderr\t!\n\0"
kid:    .ascii  "child\n"
last:   .ascii  "last"
