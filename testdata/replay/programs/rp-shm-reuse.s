# rp-shm-reuse.s -- an anonymous page at A gets 42 and is unmapped (its
# frame freed); a MAP_SHARED|MAP_ANONYMOUS page (shmem) is mapped at A;
# a read of it maps a new shmem page, zeros: exit(0).
        .include "rp.inc"
        .set SYS_munmap,  91
        .set PROT_R,      1
        .set PROT_RW,     3
        .set MAP_PRIVATE_ANON, 0x22
        .set MAP_SHARED_ANON, 0x21

        .text
        .globl  _start
_start: SYSCALL6 SYS_mmap2, $0, $4096, $PROT_RW, $MAP_PRIVATE_ANON, $-1, $0
        movl    %eax, where
        movl    $42, (%eax)
        SYSCALL6 SYS_munmap, where, $4096, $0, $0, $0, $0
        CHECK   2, 0
        SYSCALL6 SYS_mmap2, $0, $4096, $PROT_R, $MAP_SHARED_ANON, $-1, $0
        cmpl    where, %eax
        movl    $3, %esi
        jne     fail
        movl    (%eax), %ebx                    # a new shmem page: 0
        movl    $SYS_exit, %eax
        int     $0x80
        FAIL_EXIT

        .section .rodata
failmsg: .ascii "FAIL\n"
        .bss
        .p2align 2
where:  .skip   4
