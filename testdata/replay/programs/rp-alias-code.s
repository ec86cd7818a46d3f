# rp-alias-code.s -- code written through one mapping of a page and run
# through another: a file of its own (O_CREAT, in the current directory)
# one page long, mapped twice MAP_SHARED, read-write and read-execute.
# The program writes `mov $42, %eax; ret` through the first, calls it
# through the second, then changes the immediate to 7 through the first
# and calls it again: the CPU runs what the page holds (x86 keeps its
# instruction fetches coherent with every store to the physical page,
# whatever address it was made through), so exit(7).
        .include "rp.inc"
        .set SYS_open,    5
        .set O_RDWR_CREAT_TRUNC, 0x242
        .set PROT_RW,     3
        .set PROT_RX,     5
        .set MAP_SHARED,  1

        .text
        .globl  _start
_start: SYSCALL6 SYS_open, $name, $O_RDWR_CREAT_TRUNC, $0600, $0, $0, $0
        CHECK   2, 3
        SYSCALL6 SYS_write, $3, $zeros, $4096, $0, $0, $0  # one page long
        CHECK   3, 4096
        SYSCALL6 SYS_mmap2, $0, $4096, $PROT_RW, $MAP_SHARED, $3, $0
        movl    %eax, views                     # the writable view
        SYSCALL6 SYS_mmap2, $0, $4096, $PROT_RX, $MAP_SHARED, $3, $0
        movl    %eax, %edi                      # the executable view
        movl    views, %esi
        movl    $0x00002ab8, (%esi)             # mov $42, %eax
        movl    $0x0000c300, 4(%esi)            # (the immediate), ret
        call    *%edi
        CHECK   4, 42
        movb    $7, 1(%esi)                     # mov $7, %eax
        call    *%edi
        movl    %eax, %ebx
        movl    $SYS_exit, %eax
        int     $0x80
        FAIL_EXIT

        .section .rodata
name:   .asciz  "alias-code.bin"
failmsg: .ascii "FAIL\n"
        .bss
        .p2align 12
zeros:  .skip   4096
views:  .skip   4                               # the writable view's address
