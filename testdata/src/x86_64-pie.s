# src/x86_64-pie.s -- dynamically linked x86-64 PIE with PT_INTERP.
#
# Purpose: ET_DYN executable with PT_INTERP (/lib64/ld-linux-x86-64.so.2),
# PT_DYNAMIC, DT_NEEDED libtiny.so (elf/libtiny.so, found via
# DT_RUNPATH $ORIGIN), .interp/.dynamic/.plt/.got.plt/.rela.plt sections.
# Links against no libc: the dynamic loader runs _start directly.
#
# Build:  as --64 -o x86_64-pie.o src/x86_64-pie.s
#         ld -m elf_x86_64 -pie -dynamic-linker /lib64/ld-linux-x86-64.so.2 \
#            -rpath '$ORIGIN' --hash-style=both -o elf/x86_64-pie \
#            x86_64-pie.o elf/libtiny.so
# Runs (prints libtiny's message) and exits 0.

        .text
        .globl  _start
        .type   _start, @function
_start:
        andq    $-16, %rsp
        call    tiny_hello@PLT          # R_X86_64_JUMP_SLOT into libtiny.so
        movl    %eax, %edi              # exit(tiny_hello())
        movl    $60, %eax
        syscall
        .size   _start, . - _start

        .data
        .p2align 3
        .globl  main_ptr
main_ptr: .quad _start                  # R_X86_64_RELATIVE
