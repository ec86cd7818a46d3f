# src/debug.s -- x86-64 object with DWARF debug info, plain and compressed.
#
# Purpose: `as -g` makes gas emit DWARF (version 2 .debug_info) for the
# assembly source itself: .debug_line/.debug_info/.debug_abbrev/
# .debug_aranges/.debug_str, with .rela.debug_* relocations; the .cfi
# directives add .eh_frame.  The compressed variants are derived from the
# plain object with objcopy, which only compresses a section when that
# makes it smaller (here .debug_info and .debug_aranges; the others stay
# as they are -- a useful mix).  objdump -h shows uncompressed sizes.
#   elf/debug.o             as -g (uncompressed .debug_* sections)
#   elf/debug-zlib.o        SHF_COMPRESSED .debug_*, ELFCOMPRESS_ZLIB
#   elf/debug-zstd.o        SHF_COMPRESSED .debug_*, ELFCOMPRESS_ZSTD
#   elf/debug-zlib-gnu.o    old GNU style: sections renamed .zdebug_*,
#                           "ZLIB" + 8-byte big-endian size header
# Build (from testdata/, so the recorded file name is src/debug.s; the
# --debug-prefix-map makes DW_AT_comp_dir "." whatever the checkout path):
#   as --64 -g --debug-prefix-map "$PWD"=. -o elf/debug.o src/debug.s
#   objcopy --compress-debug-sections=zlib     elf/debug.o elf/debug-zlib.o
#   objcopy --compress-debug-sections=zstd     elf/debug.o elf/debug-zstd.o
#   objcopy --compress-debug-sections=zlib-gnu elf/debug.o elf/debug-zlib-gnu.o

        .text
        .globl  add_one
        .type   add_one, @function
add_one:
        .cfi_startproc
        leal    1(%rdi), %eax
        ret
        .cfi_endproc
        .size   add_one, . - add_one

        .globl  sum_array
        .type   sum_array, @function
sum_array:                              # int sum_array(int *p, long n)
        .cfi_startproc
        xorl    %eax, %eax
        testq   %rsi, %rsi
        jz      2f
1:      addl    (%rdi), %eax
        addq    $4, %rdi
        decq    %rsi
        jnz     1b
2:      ret
        .cfi_endproc
        .size   sum_array, . - sum_array

        .data
        .p2align 2
        .globl  counter
        .type   counter, @object
counter: .long  0
        .size   counter, 4
