# rp-file-write.s -- code the kernel writes into a file's page while the
# page is mapped executable: a file of the program's own holds `mov $42,
# %eax; ret`, mapped MAP_SHARED read-execute and called; pwrite64() then
# writes `mov $7, %eax; ret` over it through the descriptor - into the
# page cache's page, the very frame mapped - and the code is called
# again.  The CPU runs the page's new bytes: exit(7).
        .include "rp.inc"
        .set SYS_open,    5
        .set SYS_pwrite64, 181
        .set O_RDWR_CREAT_TRUNC, 0x242
        .set PROT_RX,     5
        .set MAP_SHARED,  1
        .text
        .globl  _start
_start: SYSCALL6 SYS_open, $name, $O_RDWR_CREAT_TRUNC, $0600, $0, $0, $0
        CHECK   2, 3
        SYSCALL6 SYS_write, $3, $code42, $6, $0, $0, $0
        CHECK   3, 6
        SYSCALL6 SYS_mmap2, $0, $4096, $PROT_RX, $MAP_SHARED, $3, $0
        movl    %eax, view
        call    *view
        CHECK   4, 42
        SYSCALL6 SYS_pwrite64, $3, $code7, $6, $0, $0, $0
        CHECK   5, 6
        call    *view
        movl    %eax, %ebx
        movl    $SYS_exit, %eax
        int     $0x80
        FAIL_EXIT
        .section .rodata
name:   .asciz  "file-write.bin"
code7:  .byte   0xb8, 7, 0, 0, 0, 0xc3
failmsg: .ascii "FAIL\n"
        .bss
view:   .skip   4
        .text
        .p2align 4
code42: .byte   0xb8, 42, 0, 0, 0, 0xc3
