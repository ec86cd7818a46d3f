# rp-mprotect-same.s -- mprotect() to the protection a VMA has already
# changes nothing (mprotect_fixup(): newflags == oldflags, return): an
# anonymous page written, write-protected by fork (the child exits and
# is reaped), then mprotect(PROT_READ|PROT_WRITE) of it - the page stays
# write-protected, and the next write takes a write-protect fault (the
# page reused: its only mapper).  exit(0).
        .include "rp.inc"
        .set SYS_mprotect, 125
        .set PROT_RW,      3
        .set MAP_PRIVATE_ANON, 0x22

        .text
        .globl  _start
_start: SYSCALL6 SYS_mmap2, $0, $4096, $PROT_RW, $MAP_PRIVATE_ANON, $-1, $0
        movl    %eax, where
        movl    $1, (%eax)                      # anon-new
        movl    $SYS_fork, %eax
        int     $0x80
        testl   %eax, %eax
        jnz     1f
        EXIT    $0                              # the child
1:      SYSCALL6 SYS_waitpid, $-1, $0, $0
        SYSCALL6 SYS_mprotect, where, $4096, $PROT_RW
        CHECK   2, 0
        movl    where, %eax
        movl    $2, (%eax)                      # write-protect fault
        EXIT    $0
        FAIL_EXIT

        .section .rodata
failmsg: .ascii "FAIL\n"
        .bss
        .p2align 2
where:  .long   0
