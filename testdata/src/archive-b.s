# src/archive-b.s -- second member of elf/libpair.a (see archive-a.s).
#
# Build:  as --64 -o b.o src/archive-b.s; ar rcD elf/libpair.a a.o b.o
        .text
        .globl  pair_b
        .type   pair_b, @function
pair_b: movl    $2, %eax
        ret
        .size   pair_b, . - pair_b
        .section .rodata
        .asciz  "member b"
        .bss
        .globl  b_buffer
b_buffer: .skip 128
