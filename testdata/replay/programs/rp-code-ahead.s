# rp-code-ahead.s -- one block of straight-line code across a page
# boundary, whose first instruction loads a word from the second page:
# the engine translates the whole block before it runs, when the second
# page (0x08400000) has no frame yet, and the load is what gives it one.
# The instructions on the second page then run as the bytes there are
# (exit(0)), not as what was translated before the page had them.
# Linked with rp-code-ahead.ld: the two pages are a VMA of their own, on
# either side of a page table's end (4 MiB), so that the fault at the
# block's start maps no more than its page - do_fault_around() stays in
# the VMA and in the page table - in the VM, where the whole file is in
# the page cache, as in elfault, where only its first page is.
        .include "rp.inc"
        .text
        .globl  _start
_start: jmp     first

        .section .first, "ax"           # 0x083ffff0: the block's start
first:  movl    word, %eax              # the second page's first fault
        .fill   0x08400000 - 0x083ffff5, 1, 0x90        # nops to the end

        .section .second, "ax"          # 0x08400000: the same block
        xorl    %ebx, %ebx
        movl    $SYS_exit, %eax
        int     $0x80
        .p2align 4
word:   .long   0x5a5a5a5a              # 0x08400010, what the load reads
