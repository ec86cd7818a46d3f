# rp-zero-page.s -- the accesses of testdata/replay/zero-page.yaml (see rp.inc).
# Stop 1 (after step 3) shows which page the read mapped.
        .include "rp.inc"
        LAYOUT
main:   movl    $SYS_mmap2, %eax        # (2) mmap: 0, 8192, rw, private|anonymous
        xorl    %ebx, %ebx
        movl    $8192, %ecx
        movl    $3, %edx                # PROT_READ|PROT_WRITE
        movl    $0x22, %esi             # MAP_PRIVATE|MAP_ANONYMOUS
        movl    $-1, %edi
        xorl    %ebp, %ebp
        int     $0x80
        CHECK   2, 0xb7ff8000
        movl    %eax, %edi              # $result
        MARK    2
        movl    (%edi), %eax            # (3) read: $result
        CHECK   3, 0
        MARK    3
        STOP                            # stop 1: the zero page at b7ff8000
        movl    $0x1234, (%edi)         # (4) write: $result, value 0x1234
        MARK    4
        movl    (%edi), %eax            # (5) read: $result
        CHECK   5, 0x1234
        MARK    5
        movl    $5, 4096(%edi)          # (6) write: $result+4096, value 5
        MARK    6
        EXIT    $0
