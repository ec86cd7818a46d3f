# rp-split-cmpxchg8b.s -- `cmpxchg8b (%esi)` (0f c7 0e) split after its
# opcode's two bytes, the last of 0x083ff000, its ModRM the first byte
# of 0x08400000 (rp-code-ahead's layout), that page not yet given a
# frame when the block is translated: with zeros or int3 for the ModRM
# it is a register form, #UD; the CPU fetches on and compares: exit(0).
        .include "rp.inc"
        .text
        .globl  _start
_start: movl    %esp, %esi
        jmp     first
        .section .first, "ax"
first:  .fill   0x083ffffe - 0x083ffff0, 1, 0x90
        .byte   0x0f, 0xc7              # cmpxchg8b (%esi): 0f c7 | 0e
        .section .second, "ax"
        .byte   0x0e
        xorl    %ebx, %ebx
        movl    $SYS_exit, %eax
        int     $0x80
