# rp-brk-gone.s -- brk() shrinking over a heap that munmap() took away:
# 6.1's brk() finds no VMA between the new end and the old, and leaves
# the break where it was (goto out).  The heap grows by 3 pages, one is
# written, munmap() unmaps all 3 (their page table too: free_pgtables()),
# brk() back to the start returns the old break, start + 3 pages:
# exit((break - start) >> 12), 3 on the real 6.1 kernel.
        .include "rp.inc"
        .set SYS_brk,     45
        .set SYS_munmap,  91

        .text
        .globl  _start
_start: SYSCALL6 SYS_brk, $0
        movl    %eax, start
        leal    0x3000(%eax), %ebx              # grow by 3 pages
        movl    $SYS_brk, %eax
        int     $0x80
        cmpl    %ebx, %eax
        movl    $2, %esi
        jne     fail
        movl    start, %eax
        movl    $1, (%eax)                      # a heap page
        SYSCALL6 SYS_munmap, start, $0x3000
        CHECK   3, 0
        SYSCALL6 SYS_brk, start                 # no VMA there: unchanged
        subl    start, %eax
        shrl    $12, %eax
        movl    %eax, %ebx
        movl    $SYS_exit, %eax
        int     $0x80
        FAIL_EXIT

        .section .rodata
failmsg: .ascii "FAIL\n"
        .bss
        .p2align 2
start:  .long   0
