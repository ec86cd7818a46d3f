# rp-tls.s -- set_thread_area() and get_thread_area() as glibc uses them
# and as they fail (arch/x86/kernel/tls.c), %gs on the entry, fork (the
# child has the same TLS) and execve (which clears it).  Each result is
# checked; a wrong one writes "FAIL\n" and exits with the check's number.
# The data page is written first, so that the kernel's copies of the
# user_desc do not fault: where a copy_from_user() fault lands in
# __copy_user_ll depends on 6.1's random kernel-stack offset.
        .include "rp.inc"
        .set    SYS_execve, 11
        .set    SYS_set_thread_area, 243
        .set    SYS_get_thread_area, 244
        .set    EINVAL, 22
        .set    ESRCH, 3
        .set    EFAULT, 14

        .macro  CALL nr, arg
        movl    $\nr, %eax
        movl    $\arg, %ebx
        int     $0x80
        .endm

        LAYOUT
        .section .steps,"ax",@progbits
main:   cmpl    $2, (%esp)              # argc 2: after the execve
        je      again
        movl    $1, counter             # the data page, written
        CALL    SYS_set_thread_area, desc       # entry -1: the first free
        CHECK   1, 0
        movl    desc, %eax              # its number, stored back: 6
        CHECK   2, 6
        movl    $0x33, %eax             # entry 6, RPL 3
        movw    %ax, %gs
        movl    %gs:4, %eax             # tlsblock's second word
        CHECK   3, 0x55667788
        CALL    SYS_get_thread_area, got6
        CHECK   4, 0
        movl    got6+4, %eax
        CHECK   5, tlsblock
        movl    got6+12, %eax           # seg_32bit, limit_in_pages, useable
        CHECK   6, 0x51
        CALL    SYS_set_thread_area, bad5
        CHECK   7, -EINVAL
        CALL    SYS_set_thread_area, bad16
        CHECK   8, -EINVAL
        CALL    SYS_set_thread_area, badnp
        CHECK   9, -EINVAL
        CALL    SYS_set_thread_area, badcode
        CHECK   10, -EINVAL
        CALL    SYS_set_thread_area, 0xc0001000 # access_ok() refuses it
        CHECK   11, -EFAULT
        CALL    SYS_set_thread_area, d7
        CHECK   12, 0
        CALL    SYS_set_thread_area, d8
        CHECK   13, 0
        CALL    SYS_set_thread_area, full
        CHECK   14, -ESRCH
        CALL    SYS_set_thread_area, empty8     # LDT_empty(): cleared
        CHECK   15, 0
        CALL    SYS_get_thread_area, get9
        CHECK   16, -EINVAL
        CALL    SYS_get_thread_area, get8
        CHECK   17, 0
        movl    get8+12, %eax           # read_exec_only, seg_not_present
        CHECK   18, 0x28
        CALL    SYS_get_thread_area, 0  # get_user() faults: EFAULT
        CHECK   19, -EFAULT
        movl    $SYS_fork, %eax
        int     $0x80
        testl   %eax, %eax
        jnz     parent
        movl    %gs:0, %ebx             # the child: the same %gs and TLS
        andl    $0x7f, %ebx
        movl    $SYS_exit, %eax
        int     $0x80
parent: movl    %eax, %ebx
        movl    $SYS_waitpid, %eax
        movl    $status, %ecx
        movl    $0, %edx
        int     $0x80
        movl    status, %eax
        CHECK   20, 0x4400              # exit(0x44)
        movl    $SYS_execve, %eax
        movl    $self, %ebx
        movl    $argv, %ecx
        movl    $envp, %edx
        int     $0x80
        movl    $21, %esi
        jmp     fail
again:  CALL    SYS_get_thread_area, got6
        CHECK   22, 0
        movl    got6+4, %eax            # flush_thread() cleared it
        CHECK   23, 0
        movl    got6+12, %eax
        CHECK   24, 0x28
        movl    %gs, %eax               # and the new program's %gs is 0
        CHECK   25, 0
        EXIT    $0

        .data
status: .long   0
got6:   .long   6, 0, 0, 0
get8:   .long   8, 0, 0, 0
get9:   .long   9, 0, 0, 0
desc:   .long   -1, tlsblock, 0xfffff, 0x51
bad5:   .long   5, tlsblock, 0xfffff, 0x51
bad16:  .long   -1, tlsblock, 0xfffff, 0x50
badnp:  .long   -1, tlsblock, 0xfffff, 0x71
badcode: .long  -1, tlsblock, 0xfffff, 0x55
d7:     .long   7, 0x1000, 0xfff, 0x41
d8:     .long   8, 0x2000, 0xff, 0x01
full:   .long   -1, tlsblock, 0xfffff, 0x51
empty8: .long   8, 0, 0, 0x28
self:   .asciz  "/proc/self/exe"
arg1:   .asciz  "again"
        .p2align 2
argv:   .long   self, arg1, 0
envp:   .long   0
        .p2align 4
tlsblock: .long 0x11223344, 0x55667788
