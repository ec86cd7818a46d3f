# src/iamcu.s -- Intel MCU (EM_IAMCU = 180) object and executable.
#
# Purpose: an ELFCLASS32 i386-family file whose e_machine is EM_IAMCU
# (file format elf32-iamcu), as made for Quark microcontrollers.
#   elf/iamcu.o      as --32 -march=iamcu -o elf/iamcu.o src/iamcu.s
#   elf/iamcu-exec   ld -m elf_iamcu -o elf/iamcu-exec iamcu.o
# Not runnable on Linux (the kernel only loads EM_386/EM_X86_64).

        .text
        .globl  _start
        .type   _start, @function
_start:
        movl    $1, %eax
        addl    counter, %eax
        movl    %eax, counter
1:      jmp     1b
        .size   _start, . - _start

        .data
        .p2align 2
        .globl  counter
        .type   counter, @object
counter: .long  0
        .size   counter, 4

        .bss
        .globl  stack_area
stack_area: .skip 512
