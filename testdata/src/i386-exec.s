# src/i386-exec.s -- i386 static ET_EXEC with binutils' modern default layout.
#
# Purpose: contrast with seed/a.out: same kind of program, but linked by a
# plain `ld -m elf_i386` with no linker script, so it gets ld's current
# defaults (text at 0x08049000 in its own page because of -z separate-code,
# a read-only headers/rodata segment, etc.), plus .data and a big (1 MiB)
# .bss that spans many anonymous pages.
#
# Build:  as --32 -o i386-exec.o src/i386-exec.s
#         ld -m elf_i386 -o elf/i386-exec i386-exec.o
# Runs (static, no libc) and exits 0.

        .text
        .globl  _start
        .type   _start, @function
_start:
        movl    $4, %eax                # write(1, msg, len)
        movl    $1, %ebx
        movl    $msg, %ecx
        movl    $msg_len, %edx
        int     $0x80
        movl    $big, %edi              # touch every page of the big .bss
        movl    $(big_end - big), %ecx
1:      incb    (%edi)
        addl    $4096, %edi
        subl    $4096, %ecx
        jnz     1b
        incl    counter
        movl    $1, %eax                # exit(0)
        xorl    %ebx, %ebx
        int     $0x80
        .size   _start, . - _start

        .section .rodata
msg:    .ascii  "i386-exec: default ld layout\n"
        .set    msg_len, . - msg

        .data
        .p2align 2
        .globl  counter
        .type   counter, @object
counter: .long  41
        .size   counter, 4
        .globl  greeting
greeting: .asciz "hello, data"

        .bss
        .p2align 12
        .globl  big
        .type   big, @object
big:    .skip   0x100000
big_end:
        .size   big, 0x100000
