# rp-shmem.s -- the accesses of testdata/replay/shmem.yaml (see rp.inc):
# MAP_SHARED|MAP_ANONYMOUS memory written by the parent, then by a forked
# child (its own PTEs, the same pages), then read back by the parent.
# The script's "switch: child" is the parent's waitpid() (no status
# word) until the child has done its steps and exited.
        .include "rp.inc"
        .set MAP_SHARED_ANONYMOUS, 0x21
        LAYOUT
main:   movl    $SYS_mmap2, %eax        # (2) mmap: 8192 bytes, shared
        xorl    %ebx, %ebx
        movl    $8192, %ecx
        movl    $3, %edx                # PROT_READ|PROT_WRITE
        movl    $MAP_SHARED_ANONYMOUS, %esi
        movl    $-1, %edi
        xorl    %ebp, %ebp
        int     $0x80
        CHECK   2, 0xb7ff8000
        MARK    2
        STOP                            # stop 1: the maps the script expects
        movl    $0x111, 0xb7ff8000      # (3) write: 0xb7ff8000
        MARK    3
        movl    $SYS_fork, %eax         # (4) fork: child
        int     $0x80
        testl   %eax, %eax
        jz      child
        movl    %eax, %edi
        MARK    4
        movl    $SYS_waitpid, %eax      # (5)-(9): the child's steps
        movl    %edi, %ebx
        xorl    %ecx, %ecx
        xorl    %edx, %edx
        int     $0x80
        MARK    10                      # (10) switch: parent
        movl    0xb7ff8000, %eax        # (11) read: 0xb7ff8000
        CHECK   11, 0x222
        MARK    11
        movl    0xb7ff9000, %eax        # (12) read: 0xb7ff9000
        CHECK   12, 0x333
        MARK    12
        MARK    13                      # (13) show: frames
        EXIT    $0                      # (14) exit:
child:  MARK    5                       # (5) switch: child
        movl    $0x222, 0xb7ff8000      # (6) write: 0xb7ff8000
        MARK    6
        movl    0xb7ff9000, %eax        # (7) read: 0xb7ff9000
        CHECK   7, 0
        MARK    7
        movl    $0x333, 0xb7ff9000      # (8) write: 0xb7ff9000
        MARK    8
        EXIT    $0                      # (9) exit: child
