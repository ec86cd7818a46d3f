# rp-fault-around.s -- the accesses of testdata/replay/fault-around.yaml
# (see rp.inc), linked with rp-fault-around.ld: 48 pages of .rodata in a
# VMA of their own from 0x08058000 (the middle of a 64 KiB block) to
# 0x08088000, the first word of each holding the page's number (1 to 48).
# Before its reads it pread()s all of them (file offset 0x1000) into a
# .bss buffer: in the VM the file is on tmpfs, wholly in the page cache,
# and after that read it is so in elfault too.
        .include "rp.inc"
        .set SYS_open,    5
        .set SYS_pread64, 180
        .set RODATA_BYTES, 48 * 4096
        .text
        .globl  _start
_start: movl    4(%esp), %ebx           # (2) fetch: _start
        movl    $SYS_open, %eax         # open(argv[0], O_RDONLY)
        xorl    %ecx, %ecx
        int     $0x80
        movl    %eax, %ebp              # the file, for pread
        MARK    2
        movl    %ebp, %ebx              # (3) sys-read: buffer
        movl    $SYS_pread64, %eax
        movl    $buffer, %ecx
        movl    $RODATA_BYTES, %edx
        movl    $0x1000, %esi
        xorl    %edi, %edi
        int     $0x80
        CHECK   3, RODATA_BYTES
        MARK    3
        movl    0x08058000, %eax        # (4) read: 0x08058000
        CHECK   4, 1
        MARK    4
        movl    0x08067000, %eax        # (5) read: 0x08067000
        CHECK   5, 16
        MARK    5
        movl    0x08068000, %eax        # (6) read: 0x08068000
        CHECK   6, 17
        MARK    6
        movl    0x0806f000, %eax        # (7) read: 0x0806f000
        CHECK   7, 24
        MARK    7
        movl    0x08087000, %eax        # (8) read: 0x08087000
        CHECK   8, 48
        MARK    8
        movl    0x08080000, %eax        # (9) read: 0x08080000
        CHECK   9, 41
        MARK    9
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
        .bss
        .globl  buffer
buffer: .skip   RODATA_BYTES

# Non-executable stack (PT_GNU_STACK RW-), like seed/a.out.
        .section .note.GNU-stack,"",@progbits
