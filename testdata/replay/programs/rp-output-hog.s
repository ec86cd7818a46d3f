# rp-output-hog.s -- one writer's long unended line and another's short
# line: 1 MiB of "A" to stdout without a newline, then "x\n" to stderr,
# then "\n" to stdout.  elfault run's text report holds at most 1 MiB of
# lines not shown yet: the stderr line must still be shown (the held
# line goes out first, whole), not dropped.  exit(0).
        .text
        .globl _start
_start:
        movl $192, %eax
        xorl %ebx, %ebx
        movl $0x100000, %ecx
        movl $3, %edx
        movl $0x22, %esi
        movl $-1, %edi
        xorl %ebp, %ebp
        int $0x80
        movl %eax, buf
        movl %eax, %edi
        movl $0x100000, %ecx
        movb $'A', %al
        cld
        rep stosb
        movl $4, %eax            # write(1, buf, 1 MiB)
        movl $1, %ebx
        movl buf, %ecx
        movl $0x100000, %edx
        int $0x80
        movl $4, %eax            # write(2, "x\n", 2)
        movl $2, %ebx
        movl $xnl, %ecx
        movl $2, %edx
        int $0x80
        movl $4, %eax            # write(1, "\n", 1)
        movl $1, %ebx
        movl $xnl+1, %ecx
        movl $1, %edx
        int $0x80
        movl $1, %eax
        xorl %ebx, %ebx
        int $0x80
        .data
xnl:    .ascii "x\n"
        .bss
        .p2align 2
buf:    .long 0
