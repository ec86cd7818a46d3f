# rp-padzero.s -- the accesses of testdata/replay/padzero.yaml (see rp.inc),
# linked with rp-padzero.ld: exec's padzero() calls clear_user() twice, on
# a read-only segment's .bss (a kernel write fault the exception table
# fixes up) and on a .bss that begins 2 bytes before its page's end (a
# private file copy made by "rep stosb").
        .include "rp.inc"
        .text
        .globl  _start
_start: movl    tail, %eax              # (2) read: tail
        CHECK   2, 0x00002211
        MARK    2
        movl    robss, %eax             # (3) read: robss
        CHECK   3, 0
        MARK    3
        movl    $7, bss+2               # (4) write: bss+2 (its second page)
        MARK    4
        EXIT    $0
        FAIL_EXIT

        .section .rodata
        .ascii  "read-only data\n\0"
failmsg:
        .ascii  "FAIL\n"
        .section .robss,"aw",@nobits
        .globl  robss
robss:  .skip   64
        .data
        .fill   4092, 1, 0x5a
        .globl  tail
tail:   .byte   0x11, 0x22
        .bss
        .globl  bss
bss:    .skip   4096

# Non-executable stack (PT_GNU_STACK RW-), like seed/a.out.
        .section .note.GNU-stack,"",@progbits
