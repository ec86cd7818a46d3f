# src/x86_64-prog.s -- position-independent x86-64 program without libc.
#
# Purpose: one PIC source linked two ways:
#   elf/x86_64-static-exec  static ET_EXEC (0x400000 base, no PT_INTERP)
#   elf/x86_64-static-pie   static PIE: ET_DYN, PT_DYNAMIC, no PT_INTERP
#                           (what `gcc -static-pie` makes; no relocations
#                           needed since all addressing is %rip-relative)
# Build:  as --64 -o x86_64-prog.o src/x86_64-prog.s
#         ld -m elf_x86_64 -o elf/x86_64-static-exec x86_64-prog.o
#         ld -m elf_x86_64 -pie --no-dynamic-linker -z text \
#            -o elf/x86_64-static-pie x86_64-prog.o
# Both run and exit 0.

        .text
        .globl  _start
        .type   _start, @function
_start:
        movl    $1, %eax                # write(1, msg, len)
        movl    $1, %edi
        leaq    msg(%rip), %rsi
        movl    $msg_len, %edx
        syscall
        incl    counter(%rip)
        leaq    buffer(%rip), %rdi
        movb    $1, 4095(%rdi)
        movl    $60, %eax               # exit(0)
        xorl    %edi, %edi
        syscall
        .size   _start, . - _start

        .section .rodata
msg:    .ascii  "x86_64-prog: static\n"
        .set    msg_len, . - msg

        .data
        .p2align 2
        .globl  counter
        .type   counter, @object
counter: .long  0
        .size   counter, 4

        .bss
        .p2align 5
        .globl  buffer
        .type   buffer, @object
buffer: .skip   0x3000
        .size   buffer, 0x3000
