# rp-page-end.s -- a one-byte instruction in the last byte of the text's
# only page, the first instruction a process runs after fork() returns in
# it: `int $0x80` (fork) ends at 0x08048ffe and `ret` is the page's last
# byte, 0x08048fff.  The page after it, 0x08049000, is in no VMA (the
# program has no data segment), so a fetch that reached into it would be
# a SIGSEGV: the CPU fetches the one byte of `ret` and no more, and both
# processes return to `after` and exit 0.
        .include "rp.inc"
        .text
        .globl  _start
_start: pushl   $after                  # where tail's ret goes
        movl    $SYS_fork, %eax
        jmp     tail
after:  testl   %eax, %eax
        jz      child
        movl    %eax, %ebx              # the parent waits for the child
        movl    $SYS_waitpid, %eax
        xorl    %ecx, %ecx
        xorl    %edx, %edx
        int     $0x80
        EXIT    $0
child:  EXIT    $0

        .section .tail, "ax"
tail:   int     $0x80                   # 0x08048ffd: fork
        ret                             # 0x08048fff: the page's last byte
