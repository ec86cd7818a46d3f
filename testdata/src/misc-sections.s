# src/misc-sections.s -- x86-64 object with unusual sections.
#
# Purpose: one object collecting section shapes that stress the section
# table printer:
#   .excluded            SHF_EXCLUDE ("e" flag; objdump shows EXCLUDE)
#   .note.elfault        SHT_NOTE with a well-formed note (name "elfault")
#   .a_very_long_section_name_for_column_tests   name wider than objdump's
#                        13-character Name column
#   "odd name$-+.!"      quoted section name with a space and punctuation
#   .rodata.str1.1       SHF_MERGE|SHF_STRINGS
#   .aligned_4k          2**12 alignment
#   .zero_size           empty PROGBITS section
#   .mybss               NOBITS section not called .bss
#   .init_array          SHT_INIT_ARRAY with a relocation
#   .retained            SHF_GNU_RETAIN ("R" flag)
#   .linkorder           SHF_LINK_ORDER ("o" flag) linked to .text
#   .comment             non-alloc PROGBITS (like the one compilers emit)
#
# Build:  as --64 -o elf/misc-sections.o src/misc-sections.s

        .text
        .globl  misc_func
        .type   misc_func, @function
misc_func:
        ret
        .size   misc_func, . - misc_func

        .section .excluded,"e",@progbits
        .ascii  "dropped by the linker"

        .section .note.elfault,"a",@note
        .p2align 2
        .long   8                       # namesz ("elfault\0")
        .long   4                       # descsz
        .long   1                       # type
        .asciz  "elfault"
        .p2align 2
        .long   0x20240601              # desc
        .p2align 2

        .section .a_very_long_section_name_for_column_tests,"a",@progbits
        .ascii  "long name"

        .section "odd name$-+.!","aw",@progbits
        .long   1, 2, 3

        .section .rodata.str1.1,"aMS",@progbits,1
        .asciz  "merge me"
        .asciz  "and me"

        .section .aligned_4k,"a",@progbits
        .p2align 12
        .quad   0x1122334455667788

        .section .zero_size,"a",@progbits

        .section .mybss,"aw",@nobits
        .p2align 6
        .skip   1000

        .section .init_array,"aw",@init_array
        .p2align 3
        .quad   misc_func

        .section .retained,"axR",@progbits
        nop

        .section .linkorder,"ao",@progbits,.text
        .long   0xdeadbeef

        .section .comment,"",@progbits
        .asciz  "elfault test fixture"
