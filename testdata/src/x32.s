# src/x32.s -- x32 ABI object: ELFCLASS32 + EM_X86_64 (file format elf32-x86-64).
#
# Purpose: 64-bit code in a 32-bit ELF container; RELA relocations
# (.rela.text, .rela.data, .rela.eh_frame) with 32-bit fields.
#
# Build:  as --x32 -o elf/x32.o src/x32.s

        .text
        .globl  x32_func
        .type   x32_func, @function
x32_func:
        .cfi_startproc
        movl    value(%rip), %eax
        addq    %rdi, %rax
        call    external_fn@PLT
        ret
        .cfi_endproc
        .size   x32_func, . - x32_func

        .data
        .p2align 2
value:  .long   5
        .globl  fptr
fptr:   .long   x32_func                # R_X86_64_32

        .bss
        .globl  counter
counter: .skip  4
