# src/archive-a.s -- first member of elf/libpair.a (see archive-b.s).
#
# Purpose: an ar archive of two x86-64 objects; `objdump -h` prints an
# "In archive" header and then each member's section table.
# Build:  as --64 -o a.o src/archive-a.s; as --64 -o b.o src/archive-b.s
#         ar rcD elf/libpair.a a.o b.o   (D: zero timestamps/uids, mode 644)
        .text
        .globl  pair_a
        .type   pair_a, @function
pair_a: call    pair_b
        ret
        .size   pair_a, . - pair_a
        .data
        .globl  a_value
a_value: .long  1
