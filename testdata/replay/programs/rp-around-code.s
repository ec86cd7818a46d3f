# rp-around-code.s -- rp-remap-code with the new code brought in by the
# kernel's own read and its page mapped by fault-around, so that the
# CPU's first access to it is the call's fetch, which takes no fault.
# An anonymous RWX page gets `mov $42, %eax; ret` and is called;
# munmap() frees its frame; pread64() of the program's own file's second
# page (its .seven section: `mov $7, %eax; ret`, in no segment) reads
# that page into the page cache - a new page-cache page, which may well
# be that very frame, the last one freed; the file's first two pages are
# then mapped read-execute with the second at the freed page's address,
# the first page is read - its fault maps the second too, by
# fault-around (do_fault_around(): the page is in the page cache and up
# to date) - and the second page is called.  The CPU runs what is mapped
# there now: exit(7).
        .include "rp.inc"
        .set SYS_open,    5
        .set SYS_munmap,  91
        .set SYS_pread64, 180
        .set PROT_RX,     5
        .set PROT_RWX,    7
        .set MAP_PRIVATE_ANON, 0x22
        .set MAP_PRIVATE_FIXED, 0x12

        .text
        .globl  _start
_start: movl    4(%esp), %eax                   # argv[0]: this program
        movl    %eax, self
        SYSCALL6 SYS_open, self, $0, $0, $0, $0, $0
        CHECK   2, 3
        SYSCALL6 SYS_mmap2, $0, $8192, $PROT_RWX, $MAP_PRIVATE_ANON, $-1, $0
        movl    %eax, base
        addl    $4096, %eax
        movl    %eax, where
        movl    $0x00002ab8, (%eax)             # mov $42, %eax
        movl    $0x0000c300, 4(%eax)            # (the immediate), ret
        call    *%eax
        CHECK   3, 42
        SYSCALL6 SYS_munmap, where, $4096, $0, $0, $0, $0
        CHECK   4, 0
        SYSCALL6 SYS_pread64, $3, $buffer, $6, $4096, $0, $0
        CHECK   5, 6
        SYSCALL6 SYS_mmap2, base, $8192, $PROT_RX, $MAP_PRIVATE_FIXED, $3, $0
        cmpl    base, %eax
        movl    $6, %esi
        jne     fail
        movl    (%eax), %ecx                    # the first page's fault
        movl    where, %eax
        call    *%eax                           # no fault: fault-around
        movl    %eax, %ebx
        movl    $SYS_exit, %eax
        int     $0x80
        FAIL_EXIT

        .section .rodata
failmsg: .ascii "FAIL\n"
        .section .seven, ""                     # the file's second page
        .p2align 12
        .byte   0xb8, 7, 0, 0, 0, 0xc3          # mov $7, %eax; ret
        .bss
        .p2align 2
self:   .skip   4                               # argv[0]
base:   .skip   4                               # the mapping's address
where:  .skip   4                               # its second page's
buffer: .skip   8                               # what pread64() read
