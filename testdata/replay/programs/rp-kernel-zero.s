# rp-kernel-zero.s -- rp-shm-reuse with the kernel first at the new
# page: an anonymous page at A gets 42 (the CPU's store and load: its
# last load is of A); then 4 times: munmap(A), a MAP_SHARED|MAP_ANONYMOUS
# page at A, and write(1, A, 4) - the kernel's read faults in a new
# shmem page (zeros, in the frame just freed), filling the TLB entry the
# CPU's next load goes by; the CPU then loads A: 0, as on Linux.
        .include "rp.inc"
        .set SYS_munmap,  91
        .text
        .globl  _start
_start: movl    $SYS_mmap2, %eax
        xorl    %ebx, %ebx
        movl    $4096, %ecx
        movl    $3, %edx
        movl    $0x22, %esi
        movl    $-1, %edi
        xorl    %ebp, %ebp
        int     $0x80
        movl    %eax, %esp              # A in esp from here
        movl    $42, (%esp)
        movl    (%esp), %ecx            # the CPU's last load: A
        .rept   4
        movl    $SYS_munmap, %eax
        movl    %esp, %ebx
        movl    $4096, %ecx
        int     $0x80
        movl    $SYS_mmap2, %eax
        xorl    %ebx, %ebx
        movl    $4096, %ecx
        movl    $1, %edx
        movl    $0x21, %esi
        movl    $-1, %edi
        xorl    %ebp, %ebp
        int     $0x80
        cmpl    %eax, %esp
        movl    $3, %esi
        jne     fail
        movl    $SYS_write, %eax
        movl    $1, %ebx
        movl    %esp, %ecx
        movl    $4, %edx
        int     $0x80
        .endr
        movl    (%esp), %ebx
        movl    $SYS_exit, %eax
        int     $0x80
        FAIL_EXIT
        .section .rodata
failmsg: .ascii "FAIL\n"
