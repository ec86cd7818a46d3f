# src/libtiny.s -- tiny x86-64 shared library (ET_DYN, no libc).
#
# Purpose: exercise the dynamic-linking sections: .hash/.gnu.hash/.dynsym/
# .dynstr, .dynamic, .rela.dyn (R_X86_64_64 from a data pointer, GLOB_DAT
# from a GOT load), .got, .rela.plt/.plt/.got.plt (a call to a preemptible
# exported function goes through the PLT).  DT_SONAME is libtiny.so.
#
# Build:  as --64 -o libtiny.o src/libtiny.s
#         ld -m elf_x86_64 -shared -soname libtiny.so --hash-style=both \
#            -o elf/libtiny.so libtiny.o

        .text
        .globl  tiny_get
        .type   tiny_get, @function
tiny_get:
        movq    tiny_counter@GOTPCREL(%rip), %rax   # GOT + R_X86_64_GLOB_DAT
        movl    (%rax), %eax
        ret
        .size   tiny_get, . - tiny_get

        .globl  tiny_hello
        .type   tiny_hello, @function
tiny_hello:                             # write(1, msg, len); return tiny_get()
        movl    $1, %eax
        movl    $1, %edi
        leaq    msg(%rip), %rsi
        movl    $msg_len, %edx
        syscall
        movq    tiny_counter@GOTPCREL(%rip), %rax
        incl    (%rax)
        call    tiny_get@PLT            # preemptible: PLT + R_X86_64_JUMP_SLOT
        subl    $1, %eax                # returns 0 after the first call
        ret
        .size   tiny_hello, . - tiny_hello

        .section .rodata
msg:    .ascii  "libtiny: hello\n"
        .set    msg_len, . - msg

        .data
        .p2align 3
        .globl  tiny_counter
        .type   tiny_counter, @object
tiny_counter: .long 0
        .size   tiny_counter, 4
        .p2align 3
        .globl  tiny_table
        .type   tiny_table, @object
tiny_table: .quad tiny_hello, tiny_counter  # R_X86_64_64 in .rela.dyn
        .size   tiny_table, 16

        .bss
        .globl  tiny_scratch
        .type   tiny_scratch, @object
tiny_scratch: .skip 256
        .size   tiny_scratch, 256
