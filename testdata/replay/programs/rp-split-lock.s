# rp-split-lock.s -- a lock prefix the last byte of 0x083ff000 and the
# instruction it prefixes, `add %ebx,(%eax)` (01 18), the first bytes of
# 0x08400000 (rp-code-ahead's layout), that page not yet given a frame
# when the block is translated: `f0 cc` would be a lock on an opcode
# that takes none (#UD); the CPU fetches on and adds: exit(0).
        .include "rp.inc"
        .text
        .globl  _start
_start: movl    %esp, %eax
        movl    $0, %ebx
        jmp     first
        .section .first, "ax"
first:  .fill   0x083fffff - 0x083ffff0, 1, 0x90
        .byte   0xf0                    # lock, last byte of the page
        .section .second, "ax"
        .byte   0x01, 0x18              # add %ebx,(%eax)
        xorl    %ebx, %ebx
        movl    $SYS_exit, %eax
        int     $0x80
