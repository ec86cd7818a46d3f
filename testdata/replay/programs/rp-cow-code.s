# rp-cow-code.s -- page V (0x08049000, a private RWX file mapping) holds
# f: `mov $42, %eax; ret` and poke: `movb $1, flag; ret`, both in V.
# f is called (translated from the page-cache frame); poke's store, an
# instruction of page V itself, takes the copy-on-write fault (V gets
# an anonymous copy); rt_sigprocmask() then writes the old mask over
# f's immediate: `mov $7, %eax; ret`; f is called again: exit(7).
        .include "rp.inc"
        .set SYS_rt_sigprocmask, 175
        .set SIG_SETMASK, 2

        .text
        .globl  _start
_start: call    f
        CHECK   2, 42
        call    poke                            # COW of V from V
        SYSCALL6 SYS_rt_sigprocmask, $SIG_SETMASK, $want, $0, $8
        CHECK   3, 0
        SYSCALL6 SYS_rt_sigprocmask, $SIG_SETMASK, $want, $f+1, $8
        CHECK   4, 0
        call    f                               # mov $7, %eax; ret
        movl    %eax, %ebx
        movl    $SYS_exit, %eax
        int     $0x80
        FAIL_EXIT

        .section .rodata
want:   .byte   7, 0, 0, 0, 0xc3, 0, 0, 0
failmsg: .ascii "FAIL\n"

        .section .vcode, "awx"
f:      movl    $42, %eax
        ret
        .p2align 6
poke:   movb    $1, flag
        ret
        .p2align 8
flag:   .byte   0
