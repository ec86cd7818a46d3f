# rp-remap-ahead.s -- rp-remap-code's case one page on: code at the end
# of page A of an anonymous RWX mapping loads from page B, the page
# after it, and runs on into B, whose code is `mov $42, %eax; ret`.  B
# is then unmapped, a file of the program's own holding `mov $7, %eax;
# ret` mapped in its place, and the code called again: the load brings
# the new page in, in the block running, and the CPU runs B's new code:
# exit(7).
        .include "rp.inc"
        .set SYS_open,    5
        .set SYS_munmap,  91
        .set O_RDWR_CREAT_TRUNC, 0x242
        .set PROT_RX,     5
        .set PROT_RWX,    7
        .set MAP_PRIVATE_ANON, 0x22
        .set MAP_PRIVATE_FIXED, 0x12
        .text
        .globl  _start
_start: SYSCALL6 SYS_open, $name, $O_RDWR_CREAT_TRUNC, $0600, $0, $0, $0
        CHECK   2, 3
        SYSCALL6 SYS_mmap2, $0, $8192, $PROT_RWX, $MAP_PRIVATE_ANON, $-1, $0
        movl    %eax, where
        leal    4096(%eax), %ebx                # B
        movl    %ebx, pageb
        movw    $0x0d8b, 4090(%eax)             # mov B, %ecx (8b 0d imm32)
        movl    %ebx, 4092(%eax)
        movl    $0x00002ab8, (%ebx)             # mov $42, %eax
        movl    $0x0000c300, 4(%ebx)            # ret
        addl    $4090, %eax
        movl    %eax, entry
        call    *%eax
        CHECK   3, 42
        SYSCALL6 SYS_munmap, pageb, $4096, $0, $0, $0, $0
        CHECK   4, 0
        SYSCALL6 SYS_write, $3, $code7, $6, $0, $0, $0
        CHECK   5, 6
        SYSCALL6 SYS_mmap2, pageb, $4096, $PROT_RX, $MAP_PRIVATE_FIXED, $3, $0
        cmpl    pageb, %eax
        movl    $6, %esi
        jne     fail
        call    *entry
        movl    %eax, %ebx
        movl    $SYS_exit, %eax
        int     $0x80
        FAIL_EXIT
        .section .rodata
name:   .asciz  "remap-ahead.bin"
code7:  .byte   0xb8, 7, 0, 0, 0, 0xc3
failmsg: .ascii "FAIL\n"
        .bss
        .p2align 2
where:  .skip   4
pageb:  .skip   4
entry:  .skip   4
