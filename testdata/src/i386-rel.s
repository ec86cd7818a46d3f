# src/i386-rel.s -- i386 relocatable object (ET_REL) with REL relocations.
#
# Purpose: an unlinked 32-bit object: .text with R_386_PC32/R_386_PLT32/
# R_386_32 relocations against an external function and data (.rel.text),
# and a .data pointer table (.rel.data); .rodata, .bss and a local common.
#
# Build:  as --32 -o elf/i386-rel.o src/i386-rel.s

        .text
        .globl  compute
        .type   compute, @function
compute:
        pushl   %ebp
        movl    %esp, %ebp
        call    external_helper         # R_386_PC32
        call    external_helper@PLT     # R_386_PLT32
        addl    external_value, %eax    # R_386_32 (undefined symbol)
        addl    local_value, %eax       # R_386_32 (.data)
        movl    %eax, result            # R_386_32 (.bss)
        leal    text_msg, %edx          # R_386_32 (.rodata)
        popl    %ebp
        ret
        .size   compute, . - compute

        .section .rodata
text_msg: .asciz "i386 relocatable"

        .data
        .p2align 2
local_value: .long 7
        .globl  pointers
pointers: .long compute, external_value, text_msg   # .rel.data

        .bss
        .p2align 2
        .globl  result
result: .skip   4
        .local  scratch
        .comm   scratch, 64, 32
