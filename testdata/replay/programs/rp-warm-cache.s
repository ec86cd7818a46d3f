# rp-warm-cache.s -- the accesses of testdata/replay/warm-cache.yaml (see
# rp.inc), linked with rp-warm-cache.ld (rp-fault-around's layout): 48
# pages of .rodata in a VMA of their own from 0x08058000 to 0x08088000,
# the first word of each holding the page's number (1 to 48).  Unlike
# rp-fault-around it reads nothing first: in the VM the file is on tmpfs,
# every page of it in the page cache from the start.
        .include "rp.inc"
        .text
        .globl  _start
_start: MARK    2                       # (2) fetch: _start
        movl    0x08058000, %eax        # (3) read: 0x08058000
        CHECK   3, 1
        MARK    3
        movl    0x08067000, %eax        # (4) read: 0x08067000
        CHECK   4, 16
        MARK    4
        movl    0x08087000, %eax        # (5) read: 0x08087000
        CHECK   5, 48
        MARK    5
        MARK    6                       # (6) show: frames
        EXIT    $0
        FAIL_EXIT

        .section .rodata
        .set    page, 1
        .rept   48
        .long   page
        .fill   4092, 1, 0
        .set    page, page + 1
        .endr
        .data
failmsg:
        .ascii  "FAIL\n"

# Non-executable stack (PT_GNU_STACK RW-), like seed/a.out.
        .section .note.GNU-stack,"",@progbits
