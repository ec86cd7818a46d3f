# src/tls.s -- x86-64 thread-local storage: object and static executable.
#
# Purpose: .tdata (SHF_TLS, initialised) and .tbss (SHF_TLS, NOBITS) in an
# object with TLS relocations (R_X86_64_TPOFF32, R_X86_64_GOTTPOFF); linked
# statically it gives an ET_EXEC with a PT_TLS program header.
#   elf/x86_64-tls.o        as --64 -o elf/x86_64-tls.o src/tls.s
#   elf/x86_64-tls-exec     ld -m elf_x86_64 -o elf/x86_64-tls-exec tls.o
# The executable is for inspection only: _start does not set up a thread
# pointer, so it exits (status 0) without touching its TLS variables.

        .text
        .globl  _start
        .type   _start, @function
_start:
        movl    $60, %eax               # exit(0)
        xorl    %edi, %edi
        syscall
        .size   _start, . - _start

        .globl  read_tls
        .type   read_tls, @function
read_tls:                               # never called
        movl    %fs:tls_counter@tpoff, %eax          # local-exec
        movq    tls_buffer@gottpoff(%rip), %rdx      # initial-exec
        addl    %fs:(%rdx), %eax
        ret
        .size   read_tls, . - read_tls

        .section .tdata,"awT",@progbits
        .p2align 3
        .globl  tls_counter
        .type   tls_counter, @object
tls_counter: .long 100
        .size   tls_counter, 4
        .globl  tls_name
        .type   tls_name, @object
tls_name: .asciz "per-thread"
        .size   tls_name, 11

        .section .tbss,"awT",@nobits
        .p2align 4
        .globl  tls_buffer
        .type   tls_buffer, @object
tls_buffer: .skip 64
        .size   tls_buffer, 64

        .data
        .globl  counter
counter: .long  0
