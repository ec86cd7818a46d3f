# proc-calls-1.s -- a probe of the process-state calls (issue 17) for the
# ground-truth VM: bash ../shared/i386-vm/run.sh testdata/i386-vm/probes
# (out/NAME/faults.txt has each call's arguments and result, out.txt the
# bytes the calls stored, written to stdout).  It asked: the rlimits of
# every resource by ugetrlimit, getrlimit and prlimit64; setrlimit's
# errors; the three unames; the ids, groups and sessions; set_tid_address,
# set_robust_list; rseq's errors (its fourth call registers the area at
# 0xbfffffe0, on the stack, so the later ones are EINVAL: see
# proc-calls-2.s); prctl; getrandom's flags; the clocks; rt_sigaction,
# rt_sigprocmask, rt_sigpending, kill of an ignored and a blocked signal;
# SIGCHLD ignored with fork and wait4 (ECHILD, and the rseq update's
# clear_user fault on the child's and the parent's copy-on-write stack
# page); madvise's advice and errors; old mmap; call 500.  The answers
# are in lib/proc_calls.h, clock_calls.h, rseq.h, signal_calls.h and
# mm_syscalls.h, and tests/unit/proc_calls_test.c.
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
        # rlimits: ugetrlimit, getrlimit, prlimit64 for 0..16
        xorl    %ebp, %ebp
1:      movl    $191, %eax
        movl    %ebp, %ebx
        movl    $buf, %ecx
        int     $0x80
        DUMP    buf, 8
        movl    $76, %eax
        movl    %ebp, %ebx
        movl    $buf, %ecx
        int     $0x80
        DUMP    buf, 8
        movl    $340, %eax
        xorl    %ebx, %ebx
        movl    %ebp, %ecx
        xorl    %edx, %edx
        movl    $buf, %esi
        int     $0x80
        DUMP    buf, 16
        incl    %ebp
        cmpl    $17, %ebp
        jne     1b
        SC      191, 3, 0xc0000000
        SC      191, 3, 0
        SC      340, 99999, 3, 0, buf
        SC      340, 0, 3, 0, 0
        SC      75, 7, rl_bad           # soft > hard: EINVAL
        SC      75, 7, rl_small         # nofile 64/512
        SC      191, 7, buf
        DUMP    buf, 8
        SC      75, 7, rl_big           # above nr_open: EPERM
        SC      340, 0, 7, rl64, buf    # new 100/200, old
        DUMP    buf, 16
        SC      340, 0, 7, 0, buf
        DUMP    buf, 16
        # uname, olduname, oldolduname
        SC      122, buf
        DUMP    buf, 390
        SC      109, buf
        DUMP    buf, 325
        SC      59, buf
        DUMP    buf, 45
        SC      122, 0xbffff000-1000     # touches a stack page? no: bad
        SC      122, 0xc0000000
        # ids
        SC      24
        SC      49
        SC      47
        SC      50
        SC      199
        SC      200
        SC      201
        SC      202
        SC      209, buf, buf+4, buf+8
        SC      211, buf, buf+4, buf+8
        SC      165, buf, buf+4, buf+8
        SC      171, buf, buf+4, buf+8
        SC      209, 0xc0000000, buf+4, buf+8
        SC      64
        SC      65
        SC      132, 0
        SC      132, 99999
        SC      147, 0
        SC      147, 99999
        SC      20
        SC      57, 0, 0
        SC      65
        SC      66
        SC      147, 0
        SC      66
        SC      57, 0, 0
        SC      57, 1, 0
        SC      57, 0, 99999
        # set_tid_address, set_robust_list
        SC      258, tidw
        SC      258, 0xc0000000
        SC      311, robust, 12
        SC      311, robust, 24
        SC      311, 0xc0000000, 12
        # rseq
        SC      386, rseqa, 31, 0, 0x53053053
        SC      386, rseqa+4, 32, 0, 0x53053053
        SC      386, rseqa, 32, 2, 0x53053053
        SC      386, 0xbfffffe0, 32, 0, 0x53053053
        SC      386, 0xc0000000, 32, 0, 0x53053053
        SC      386, rseqb, 32, 0, 0x53053053
        DUMP    rseqb, 32
        SC      386, rseqb, 32, 0, 0x53053053
        SC      386, rseqb, 32, 0, 0x12345678
        SC      386, rseqa, 32, 0, 0x53053053
        SC      386, rseqb, 33, 0, 0x53053053
        SC      386, rseqb, 32, 1, 0x12345678
        SC      386, rseqa, 32, 1, 0x53053053
        SC      386, rseqb, 32, 1, 0x53053053
        SC      386, rseqb, 32, 1, 0x53053053
        SC      386, rseqc, 64, 0, 0x53053053
        DUMP    rseqc, 32
        SC      386, rseqc, 64, 1, 0x53053053
        # prctl
        SC      172, 16, buf
        DUMP    buf, 16
        SC      172, 15, longname
        SC      172, 16, buf
        DUMP    buf, 16
        SC      172, 16, 0xc0000000
        SC      172, 15, 0
        SC      172, 9999
        SC      172, 0
        # getrandom
        SC      355, buf, 4, 1
        SC      355, buf, 4, 8
        SC      355, buf, 4, 6
        SC      355, 0xc0000000, 4, 1
        SC      355, buf, 0, 1
        SC      355, buf, 4, 4
        # clocks
        SC      403, 1, buf
        SC      403, 0, buf
        SC      403, 100, buf
        SC      403, 1, 0xc0000000
        SC      403, 2, buf
        SC      403, 3, buf
        SC      403, 7, buf
        SC      403, 0xfffffffe, buf
        SC      265, 1, buf
        SC      265, 1, 0
        SC      78, buf, buf+8
        SC      78, 0, 0
        SC      78, 0xc0000000, 0
        SC      13, 0
        SC      13, buf
        SC      13, 0xc0000000
        SC      266, 1, buf
        DUMP    buf, 8
        SC      406, 0, buf
        DUMP    buf, 16
        SC      266, 100, buf
        SC      266, 1, 0
        # signals
        SC      174, 9, sa_ign, 0, 8
        SC      174, 19, sa_ign, 0, 8
        SC      174, 9, 0, oldsa, 8
        SC      174, 10, sa_ign, 0, 7
        SC      174, 0, sa_ign, 0, 8
        SC      174, 65, sa_ign, 0, 8
        SC      174, 64, sa_ign, 0, 8
        SC      174, 10, sa_hand, 0, 8
        SC      174, 10, 0, oldsa, 8
        DUMP    oldsa, 20
        SC      174, 12, sa_ign, oldsa, 8
        DUMP    oldsa, 20
        SC      174, 12, 0xc0000000, 0, 8
        SC      174, 12, 0, 0xc0000000, 8
        SC      175, 0, set1, oldset, 8
        DUMP    oldset, 8
        SC      175, 3, set1, oldset, 8
        SC      175, 3, 0, oldset, 8
        SC      175, 0, set1, oldset, 4
        SC      175, 2, setall, oldset, 8
        DUMP    oldset, 8
        SC      175, 0, 0, oldset, 8
        DUMP    oldset, 8
        SC      175, 1, setall, 0, 8
        SC      175, 0, setusr1, 0, 8
        SC      20
        movl    %eax, %ebx
        movl    $12, %ecx               # SIGUSR2: ignored
        movl    $37, %eax
        int     $0x80
        SC      20
        movl    %eax, %ebx
        movl    $10, %ecx               # SIGUSR1: blocked, pending
        movl    $37, %eax
        int     $0x80
        SC      176, oldset, 8          # rt_sigpending
        DUMP    oldset, 8
        # SIGCHLD ignored: children reap themselves
        SC      174, 17, sa_ign, 0, 8
        SC      2
        testl   %eax, %eax
        jnz     2f
        SC      1, 3
2:      SC      114, -1, 0, 0, 0
        SC      174, 17, sa_dfl, 0, 8
        # madvise
        movl    $1, page2
        SC      219, page2, 4096, 4
        movl    page2, %eax
        SC      219, page2+1, 4096, 4
        SC      219, page2, 4096, 999
        SC      219, page2, 4096, 3
        SC      219, page2, 4096, 0
        SC      219, page2, 4096, 1
        SC      219, page2, 4096, 2
        SC      219, page2, 4096, 10
        SC      219, page2, 4096, 12
        SC      219, page2, 4096, 8
        SC      219, page2, 4096, 9
        SC      219, page2, 4096, 14
        SC      219, page2, 4096, 15
        SC      219, page2, 4096, 16
        SC      219, page2, 4096, 17
        SC      219, page2, 4096, 20
        SC      219, page2, 4096, 21
        SC      219, page2, 4096, 100
        SC      219, page2, 4096, 101
        SC      219, page2, 4096, 22
        SC      219, page2, 4096, 23
        SC      219, page2, 4096, 24
        SC      219, page2, 4096, 25
        SC      219, 0x40000000, 4096, 4
        SC      219, 0x40000000, 4096, 0
        SC      219, page2, 0, 4
        SC      219, page2, 0xffffffff, 4
        SC      219, page2, 4096, 0xffffffff
        SC      219, 0x08048000, 4096, 4
        SC      219, 0x08048000, 4096, 8
        # old mmap
        SC      90, mmarg
        movl    %eax, %esi
        movl    $7, (%esi)
        SC      90, mmarg_bad
        SC      90, 0xc0000000
        SC      90, mmarg_file
        SC      500
        SC      1, 42

        .data
        .p2align 5
rl_bad: .long 200, 100
rl_small: .long 64, 512
rl_big: .long 2000000, 2000000
rl64:   .long 100, 0, 200, 0
tidw:   .long 0
robust: .long robust, 0, 0
        .p2align 5
rseqa:  .long 0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0
        .p2align 5
rseqb:  .long 0xaaaaaaaa,0xbbbbbbbb,0xcccccccc,0xdddddddd,0xeeeeeeee,0xffffffff,0x11111111,0x22222222
        .p2align 5
rseqc:  .long 0xaaaaaaaa,0xbbbbbbbb,0xcccccccc,0xdddddddd,0xeeeeeeee,0xffffffff,0x11111111,0x22222222
        .long 0,0,0,0,0,0,0,0
longname: .asciz "averyveryverylongname"
sa_ign: .long 1, 0, 0, 0, 0
sa_dfl: .long 0, 0, 0, 0, 0
sa_hand: .long 0x08049000, 0x04000000, 0x08049010, 0x12345678, 0x9abcdef0
oldsa:  .long 0,0,0,0,0
set1:   .long 0x00000300, 0x1
setall: .long 0xffffffff, 0xffffffff
setusr1: .long 0x200, 0
oldset: .long 0, 0
mmarg:  .long 0, 8192, 3, 0x22, -1, 0
mmarg_bad: .long 0, 8192, 3, 0x22, -1, 5
mmarg_file: .long 0, 8192, 1, 2, 0, 0
        .bss
        .p2align 12
buf:    .skip 4096
page2:  .skip 4096
