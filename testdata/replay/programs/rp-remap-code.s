# rp-remap-code.s -- code in a page that is unmapped, and other code
# mapped at the same address: an anonymous RWX page gets `mov $42, %eax;
# ret` (stored by the program) and is called; munmap() frees its frame;
# a file of the program's own (O_CREAT, in the current directory) is
# then written `mov $7, %eax; ret` - its page-cache page may well be that
# very frame, the last one freed - and mapped read-execute at the same
# address, read (the page's fault is a load's), and called.  The CPU runs
# what is mapped there now: exit(7).
        .include "rp.inc"
        .set SYS_open,    5
        .set SYS_munmap,  91
        .set O_RDWR_CREAT_TRUNC, 0x242
        .set PROT_RX,     5
        .set PROT_RWX,    7
        .set MAP_PRIVATE, 2
        .set MAP_PRIVATE_ANON, 0x22
        .set MAP_PRIVATE_FIXED, 0x12

        .text
        .globl  _start
_start: SYSCALL6 SYS_open, $name, $O_RDWR_CREAT_TRUNC, $0600, $0, $0, $0
        CHECK   2, 3
        SYSCALL6 SYS_mmap2, $0, $4096, $PROT_RWX, $MAP_PRIVATE_ANON, $-1, $0
        movl    %eax, where
        movl    $0x00002ab8, (%eax)             # mov $42, %eax
        movl    $0x0000c300, 4(%eax)            # (the immediate), ret
        call    *%eax
        CHECK   3, 42
        SYSCALL6 SYS_munmap, where, $4096, $0, $0, $0, $0
        CHECK   4, 0
        SYSCALL6 SYS_write, $3, $code7, $6, $0, $0, $0
        CHECK   5, 6
        SYSCALL6 SYS_mmap2, where, $4096, $PROT_RX, $MAP_PRIVATE_FIXED, $3, $0
        cmpl    where, %eax
        movl    $6, %esi
        jne     fail
        movl    (%eax), %ecx                    # its fault a read's
        call    *%eax
        movl    %eax, %ebx
        movl    $SYS_exit, %eax
        int     $0x80
        FAIL_EXIT

        .section .rodata
name:   .asciz  "remap-code.bin"
code7:  .byte   0xb8, 7, 0, 0, 0, 0xc3          # mov $7, %eax; ret
failmsg: .ascii "FAIL\n"
        .bss
        .p2align 2
where:  .skip   4                               # the page's address
