# rp-self-alias.s -- code that stores into its own next instruction
# through another mapping of its page: a file of its own, one page long,
# mapped twice MAP_SHARED (read-write W, read-execute X, as rp-alias-code
# does); the code at X is `movb $7, 5(%esi)` (through W, into the
# immediate of the next instruction), `mov $42, %eax`, `ret`.  The CPU's
# fetches see the store: exit(7).
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
        SYSCALL6 SYS_write, $3, $zeros, $4096, $0, $0, $0
        CHECK   3, 4096
        SYSCALL6 SYS_mmap2, $0, $4096, $PROT_RW, $MAP_SHARED, $3, $0
        movl    %eax, views
        SYSCALL6 SYS_mmap2, $0, $4096, $PROT_RX, $MAP_SHARED, $3, $0
        movl    %eax, %edi
        movl    views, %esi
        movl    $0x070546c6, (%esi)             # movb $7, 5(%esi)
        movl    $0x00002ab8, 4(%esi)            # mov $42, %eax
        movl    $0x0000c300, 8(%esi)            # ret
        call    *%edi
        movl    %eax, %ebx
        movl    $SYS_exit, %eax
        int     $0x80
        FAIL_EXIT
        .section .rodata
name:   .asciz  "self-alias.bin"
failmsg: .ascii "FAIL\n"
        .bss
        .p2align 12
zeros:  .skip   4096
views:  .skip   4
