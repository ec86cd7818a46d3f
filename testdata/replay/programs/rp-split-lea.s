# rp-split-lea.s -- an instruction split by a page boundary, its second
# page not yet given a frame when the block is translated: `lea
# (%eax),%ebx` with its opcode 8d the last byte of 0x083ff000 and its
# ModRM (18) the first of 0x08400000 (rp-code-ahead's layout).  Decoded
# with the second page's scratch bytes, `8d cc` is no instruction; the
# CPU fetches on into the second page and runs the lea: exit(0).
        .include "rp.inc"
        .text
        .globl  _start
_start: movl    %esp, %eax
        jmp     first
        .section .first, "ax"
first:  .fill   0x083fffff - 0x083ffff0, 1, 0x90
        .byte   0x8d                    # lea (%eax),%ebx: opcode, last byte of the page
        .section .second, "ax"
        .byte   0x18                    # its ModRM
        xorl    %ebx, %ebx
        movl    $SYS_exit, %eax
        int     $0x80
