# src/x86_64-rel.s -- x86-64 relocatable object (ET_REL) with RELA relocations.
#
# Purpose: an unlinked 64-bit object with .rela.text (PC32, PLT32, GOTPCREL,
# 32S, 64), .rela.data, and CFI directives so gas emits .eh_frame and
# .rela.eh_frame.
#
# Build:  as --64 -o elf/x86_64-rel.o src/x86_64-rel.s

        .text
        .globl  compute
        .type   compute, @function
compute:
        .cfi_startproc
        pushq   %rbp
        .cfi_def_cfa_offset 16
        .cfi_offset %rbp, -16
        movq    %rsp, %rbp
        .cfi_def_cfa_register %rbp
        call    external_helper@PLT                 # R_X86_64_PLT32
        movq    external_value@GOTPCREL(%rip), %rax # R_X86_64_REX_GOTPCRELX
        movl    (%rax), %eax
        addl    local_value(%rip), %eax             # R_X86_64_PC32
        movl    %eax, result(%rip)
        movl    $text_msg, %edx                     # R_X86_64_32
        movabsq $pointers, %rcx                     # R_X86_64_64
        popq    %rbp
        .cfi_def_cfa %rsp, 8
        ret
        .cfi_endproc
        .size   compute, . - compute

        .globl  leaf
        .type   leaf, @function
leaf:
        .cfi_startproc
        leal    1(%rdi), %eax
        ret
        .cfi_endproc
        .size   leaf, . - leaf

        .section .rodata
text_msg: .asciz "x86-64 relocatable"

        .data
        .p2align 3
local_value: .long 7
        .p2align 3
        .globl  pointers
pointers: .quad compute, external_value, text_msg   # .rela.data

        .bss
        .p2align 3
        .globl  result
result: .skip   8
