# rp-seed-pages.s -- the accesses of testdata/replay/seed-pages.yaml (see rp.inc).
# Stop 1 (after step 6) shows which page the read mapped.
        .include "rp.inc"
        LAYOUT
main:   MARK    2                       # (2) fetch: _start (the jmp there)
        movl    message, %eax           # (3) read: message
        CHECK   3, 0x756f2e61
        MARK    3
        movl    $1, counter             # (4) write: counter, value 1
        MARK    4
        movl    counter, %eax           # (5) read: counter
        CHECK   5, 1
        MARK    5
        movl    buffer_end, %eax        # (6) read: buffer_end
        CHECK   6, 0
        MARK    6
        STOP                            # stop 1: the zero page at 0804a000
        movl    $7, buffer_end          # (7) write: buffer_end, value 7
        MARK    7
        movl    $0, 0xbfffe000          # (8) write: "[stack]-8192"
        MARK    8
        EXIT    $0
