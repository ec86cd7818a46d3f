# proc-calls-2.s -- the second probe (see proc-calls-1.s): rseq's
# registration and unregistration and the area's words after each
# (cpu_id_start and cpu_id 0, rseq_cs cleared; then 0 and -1); the clock
# ids 4 to 16 and negative ones, their resolutions; sa_flags' unknown bits
# dropped; prctl's PDEATHSIG and DUMPABLE; getrandom's blocking call (the
# crng then ready: later NONBLOCK calls succeed); getresuid (16-bit);
# rseq across fork on a .data page (the child's clear_user fault before
# its first instruction, the parent's after its wait4); MADV_DONTFORK
# and MADV_WIPEONFORK across fork; MADV_POPULATE_*.
        .include "common.inc"
        .macro SC nr, a=0, b=0, c=0, d=0, e=0
        movl    $\nr, %eax
        movl    $\a, %ebx
        movl    $\b, %ecx
        movl    $\c, %edx
        movl    $\d, %esi
        movl    $\e, %edi
        int     $0x80
        .endm
        .macro DUMP sym, len
        movl    $SYS_write, %eax
        movl    $1, %ebx
        movl    $\sym, %ecx
        movl    $\len, %edx
        int     $0x80
        .endm
        .text
        .globl  _start
_start:
        SC      386, rseqb, 64, 0, 0x53053053
        SC      386, rseqb, 32, 0, 0x53053053
        DUMP    rseqb, 32
        SC      386, rseqb, 32, 0, 0x53053053
        SC      386, rseqb, 32, 0, 0x12345678
        SC      386, rseqa, 32, 0, 0x53053053
        SC      386, rseqb, 33, 0, 0x53053053
        SC      386, rseqb, 32, 3, 0x53053053
        SC      386, rseqb, 32, 1, 0x12345678
        SC      386, rseqa, 32, 1, 0x53053053
        SC      386, rseqb, 16, 1, 0x53053053
        SC      386, rseqb, 32, 1, 0x53053053
        DUMP    rseqb, 32
        SC      386, rseqb, 32, 1, 0x53053053
        SC      386, rseqb, 32, 0, 0x53053053
        DUMP    rseqb, 32
        # clocks
        SC      265, 4, buf
        SC      265, 5, buf
        SC      265, 6, buf
        SC      265, 8, buf
        SC      265, 9, buf
        SC      265, 10, buf
        SC      265, 11, buf
        SC      265, 12, buf
        SC      265, 15, buf
        SC      265, 16, buf
        SC      265, 0xffffffff, buf
        SC      265, 0xfffffffa, buf
        SC      265, 0xfffffff7, buf
        SC      265, 0xfffffff3, buf
        SC      265, 0xfffffc1e, buf
        SC      266, 5, buf
        DUMP    buf, 8
        SC      266, 2, buf
        DUMP    buf, 8
        SC      266, 0xfffffffe, buf
        DUMP    buf, 8
        SC      266, 0xfffffffa, buf
        DUMP    buf, 8
        SC      266, 8, buf
        DUMP    buf, 8
        SC      266, 11, buf
        DUMP    buf, 8
        SC      78, 0, buf
        DUMP    buf, 8
        # sigaction flags
        SC      174, 10, sa_hand, 0, 8
        SC      174, 10, 0, oldsa, 8
        DUMP    oldsa, 20
        SC      174, 32, sa_hand, 0, 8
        SC      174, 33, sa_hand, 0, 8
        SC      175, 2, setall, 0, 8
        SC      175, 0, 0, oldset, 8
        DUMP    oldset, 8
        SC      175, 2, setnone, 0, 8
        # prctl
        SC      172, 3
        SC      172, 2, buf
        DUMP    buf, 4
        SC      172, 4, 2
        SC      172, 4, 0
        SC      172, 3
        SC      172, 1, 65
        SC      172, 1, 10
        SC      172, 15, buf+4093
        SC      172, 16, buf
        DUMP    buf, 16
        SC      355, buf, 4, 0
        SC      355, buf, 4, 2
        SC      355, buf, 4, 3
        SC      355, buf, 4, 5
        # getresuid 16
        movl    $0x55555555, buf
        movl    $0x55555555, buf+4
        SC      165, buf, buf+2, buf+4
        DUMP    buf, 8
        # fork with rseq registered on a .data page
        SC      2
        testl   %eax, %eax
        jnz     2f
        movl    $1, counter
        SC      1, 3
2:      SC      114, -1, 0, 0, 0
        movl    $2, counter
        # DONTFORK / WIPEONFORK: child reads
        movl    $5, page2
        movl    $6, page3
        SC      219, page2, 4096, 10
        SC      219, page3, 4096, 18
        SC      219, page3, 4096, 19
        SC      219, page3, 4096, 18
        SC      219, 0x08048000, 4096, 18
        SC      2
        testl   %eax, %eax
        jnz     3f
        movl    page3, %ebx
        SC      1
        # exit page3's value
3:      SC      114, -1, buf, 0, 0
        DUMP    buf, 4
        SC      219, page2, 4096, 22
        SC      219, page4, 4096, 23
        SC      219, page4, 4096, 9
        SC      219, 0x08048000, 4096, 23
        SC      219, 0x08048000, 4096, 22
        SC      1, 42

        .data
        .p2align 5
rseqa:  .long 0,0,0,0,0,0,0,0
rseqb:  .long 0xaaaaaaaa,0xbbbbbbbb,0xcccccccc,0xdddddddd,0xeeeeeeee,0xffffffff,0x11111111,0x22222222
        .long 0,0,0,0,0,0,0,0
counter: .long 0
sa_hand: .long 0x08049000, 0x04000103, 0x08049010, 0x12345678, 0x9abcdef0
oldsa:  .long 0,0,0,0,0
setall: .long 0xffffffff, 0xffffffff
setnone: .long 0, 0
oldset: .long 0, 0
        .bss
        .p2align 12
buf:    .skip 4096
page2:  .skip 4096
page3:  .skip 4096
page4:  .skip 4096
