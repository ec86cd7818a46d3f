# rp-stack-growth.s -- the accesses of testdata/replay/stack-growth.yaml
# (see rp.inc).  After step 4 the program stops itself (SIGSTOP) so that the
# VM records /proc/PID/maps (stop1.maps) for the script's "vmas:".
        .include "rp.inc"
        LAYOUT
main:   movl    $0, 0xbffde000          # (2) write: 0xbffde000
        MARK    2
        movl    $0, 0xbff00000          # (3) write: 0xbff00000
        MARK    3
        movl    0xbff00000, %eax        # (4) read: 0xbff00000
        CHECK   4, 0
        MARK    4
        STOP                            # stop 1: the maps
        movl    $0, 0xbf700000          # (5) write: 0xbf700000 (SIGSEGV)
        MARK    5
        EXIT    $0
