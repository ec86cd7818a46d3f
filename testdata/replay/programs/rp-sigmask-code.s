# rp-sigmask-code.s -- code in an anonymous RWX page (`mov $42, %eax; ret`)
# is called; rt_sigprocmask() then writes the old mask - chosen so that
# its bytes are `07 00 00 00 c3 00 00 00` - over the immediate and the
# byte after: the page now holds `mov $7, %eax; ret`.  No PTE changes,
# no read(): the kernel's copy_to_user() alone changed the code.  The
# CPU runs the bytes there now: exit(7).
        .include "rp.inc"
        .set SYS_rt_sigprocmask, 175
        .set SIG_SETMASK, 2
        .set PROT_RWX,    7
        .set MAP_PRIVATE_ANON, 0x22

        .text
        .globl  _start
_start: SYSCALL6 SYS_mmap2, $0, $4096, $PROT_RWX, $MAP_PRIVATE_ANON, $-1, $0
        movl    %eax, where
        movl    $0x00002ab8, (%eax)             # mov $42, %eax
        movl    $0x0000c300, 4(%eax)            # (the immediate), ret
        call    *%eax
        CHECK   2, 42
        SYSCALL6 SYS_rt_sigprocmask, $SIG_SETMASK, $want, $0, $8
        CHECK   3, 0
        movl    where, %edx
        incl    %edx                            # the immediate's address
        SYSCALL6 SYS_rt_sigprocmask, $SIG_SETMASK, $want, %edx, $8
        CHECK   4, 0
        movl    where, %eax
        call    *%eax                           # mov $7, %eax; ret
        movl    %eax, %ebx
        movl    $SYS_exit, %eax
        int     $0x80
        FAIL_EXIT

        .section .rodata
want:   .byte   7, 0, 0, 0, 0xc3, 0, 0, 0       # signals 1-3, 33, 34, 39, 40
failmsg: .ascii "FAIL\n"
        .bss
        .p2align 2
where:  .skip   4
