# rp-alias-read.s -- code a read() writes through one mapping of a page,
# run through another (rp-alias-code's, the store made by the kernel): a
# file of its own holds a page of zeros, then `mov $7, %eax; ret`; its
# first page is mapped twice MAP_SHARED, read-write and read-execute.
# The program stores `mov $42, %eax; ret` through the first and calls it
# through the second, then pread()s the file's second page's six bytes
# into the first mapping and calls it again: exit(7).
        .include "rp.inc"
        .set SYS_open,    5
        .set SYS_pread64, 180
        .set O_RDWR_CREAT_TRUNC, 0x242
        .set PROT_RW,     3
        .set PROT_RX,     5
        .set MAP_SHARED,  1

        .text
        .globl  _start
_start: SYSCALL6 SYS_open, $name, $O_RDWR_CREAT_TRUNC, $0600, $0, $0, $0
        CHECK   2, 3
        SYSCALL6 SYS_write, $3, $zeros, $4096, $0, $0, $0  # page 0: zeros
        CHECK   3, 4096
        SYSCALL6 SYS_write, $3, $code7, $6, $0, $0, $0     # page 1: code
        CHECK   4, 6
        SYSCALL6 SYS_mmap2, $0, $4096, $PROT_RW, $MAP_SHARED, $3, $0
        movl    %eax, views                     # the writable view
        SYSCALL6 SYS_mmap2, $0, $4096, $PROT_RX, $MAP_SHARED, $3, $0
        movl    %eax, views+4                   # the executable view
        movl    views, %esi
        movl    $0x00002ab8, (%esi)             # mov $42, %eax
        movl    $0x0000c300, 4(%esi)            # (the immediate), ret
        call    *views+4
        CHECK   5, 42
        SYSCALL6 SYS_pread64, $3, views, $6, $4096, $0, $0
        CHECK   6, 6
        call    *views+4
        movl    %eax, %ebx
        movl    $SYS_exit, %eax
        int     $0x80
        FAIL_EXIT

        .section .rodata
name:   .asciz  "alias-read.bin"
code7:  .byte   0xb8, 7, 0, 0, 0, 0xc3          # mov $7, %eax; ret
failmsg: .ascii "FAIL\n"
        .bss
        .p2align 12
zeros:  .skip   4096
views:  .skip   8                               # the two views' addresses
