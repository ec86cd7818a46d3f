# rp-proc-calls.s -- the process-state calls of static glibc's start-up
# and busybox (issue 17), each checked against what the i386 VM's 6.1
# kernel answers (see rp.inc; no replay script goes with this one): a
# result that differs ends the program with "FAIL" and the step number.
# Its faults are compared with the VM's too (i386-vm/run/check.sh):
#   - rseq registered on a .bss page the program has read (the zero
#     page): the kernel's update before the return reads rseq_cs, clears
#     it (clear_user's write fault: the page's copy), then stores cpu_id;
#     unregistered, cpu_id is -1;
#   - clock_gettime to NULL: copy_to_user's fault at 0, fixed up (EFAULT);
#   - fork, wait4 storing the child's status (put_user's copy-on-write
#     fault); SIGCHLD ignored: the child reaps itself (ECHILD);
#   - madvise(MADV_DONTNEED) zaps a page: the next read faults again;
#   - the old mmap reads its six arguments from memory;
#   - call 500, which no kernel has: ENOSYS (elfault run says so once);
# and last, SIGUSR1, blocked and pending, unblocked: it kills the program
# (exit status 138).
# Not here, as the VM cannot repeat them: a fault in copy_from_user() to
# the kernel's stack (its EIP depends on the stack's random offset,
# CONFIG_RANDOMIZE_KSTACK_OFFSET), and rseq across fork (the parent's
# update comes whenever the scheduler preempted it).
        .include "rp.inc"
        .set SYS_exit_group, 252
        .set SYS_wait4, 114
        .set SYS_getpgrp, 65
        .set SYS_getsid, 147
        .set SYS_prctl, 172
        .set SYS_rt_sigaction, 174
        .set SYS_rt_sigprocmask, 175
        .set SYS_rt_sigpending, 176
        .set SYS_ugetrlimit, 191
        .set SYS_getuid32, 199
        .set SYS_madvise, 219
        .set SYS_set_tid_address, 258
        .set SYS_clock_gettime, 265
        .set SYS_set_robust_list, 311
        .set SYS_prlimit64, 340
        .set SYS_getrandom, 355
        .set SYS_rseq, 386
        .set SYS_clock_gettime64, 403
        .set SYS_uname, 122
        .set SYS_old_mmap, 90
        .set RSEQ_SIG, 0x53053053
        .set EINVAL, 22
        .set EFAULT, 14
        .set EBUSY, 16
        .set ECHILD, 10
        .set ENOSYS, 38

# SC nr, a, b, c, d: eax = nr, ebx..esi = a..d
        .macro SC nr, a=0, b=0, c=0, d=0
        movl    $\nr, %eax
        movl    $\a, %ebx
        movl    $\b, %ecx
        movl    $\c, %edx
        movl    $\d, %esi
        int     $0x80
        .endm

        LAYOUT
main:   SC      SYS_set_tid_address, tid        # (1) the pid
        testl   %eax, %eax
        movl    $1, %esi
        jle     fail
        SC      SYS_set_robust_list, robust, 12 # (2)
        CHECK   2, 0
        SC      SYS_set_robust_list, robust, 24 # (3)
        CHECK   3, -EINVAL
        movl    rseq_area, %eax                 # (4) the zero page
        SC      SYS_rseq, rseq_area, 32, 0, RSEQ_SIG    #     registered
        CHECK   4, 0
        SC      SYS_rseq, rseq_area, 32, 0, RSEQ_SIG    # (5) again
        CHECK   5, -EBUSY
        movl    rseq_area+4, %eax               # (6) cpu_id: 0
        CHECK   6, 0
        SC      SYS_ugetrlimit, 3, buffer       # (7) RLIMIT_STACK
        CHECK   7, 0
        movl    buffer, %eax
        CHECK   8, 0x800000
        SC      SYS_prlimit64, 0, 7, 0, buffer  # (9) RLIMIT_NOFILE
        CHECK   9, 0
        movl    buffer+8, %eax
        CHECK   10, 4096
        SC      SYS_uname, buffer               # (11) uname
        CHECK   11, 0
        movl    buffer+260, %eax                # "i686"
        CHECK   12, 0x36383669
        SC      SYS_prctl, 16, buffer           # (13) PR_GET_NAME
        CHECK   13, 0
        movl    buffer, %eax                    # "rp-p"
        CHECK   14, 0x702d7072
        SC      SYS_prctl, 15, newname          # (15) PR_SET_NAME
        CHECK   15, 0
        SC      SYS_prctl, 16, buffer
        movl    buffer+12, %eax                 # "verylongnameind": 15 bytes
        CHECK   16, 0x00646e69
        SC      SYS_getrandom, buffer, 4, 8     # (17) an unknown flag
        CHECK   17, -EINVAL
        SC      SYS_getrandom, buffer, 4, 4     # (18) GRND_INSECURE
        CHECK   18, 4
        SC      SYS_clock_gettime64, 1, buffer  # (19)
        CHECK   19, 0
        SC      SYS_clock_gettime, 100, buffer  # (20) no such clock
        CHECK   20, -EINVAL
        SC      SYS_clock_gettime, 1, 0         # (21) to NULL
        CHECK   21, -EFAULT
        SC      SYS_getuid32                    # (22) root
        CHECK   22, 0
        SC      SYS_getpgrp                     # (23) init's group
        CHECK   23, 0
        SC      SYS_getsid, 0                   # (24) init's session
        CHECK   24, 0
        SC      SYS_rt_sigaction, 9, sa_ign, 0, 8       # (25) SIGKILL
        CHECK   25, -EINVAL
        SC      SYS_rt_sigaction, 12, sa_ign, 0, 8      # (26) SIGUSR2
        CHECK   26, 0
        SC      SYS_rt_sigprocmask, 0, set_usr1, 0, 8   # (27) block
        CHECK   27, 0
        SC      SYS_getpid                      # (28) kill(self, SIGUSR2):
        movl    %eax, %ebx                      #      ignored
        movl    $12, %ecx
        movl    $SYS_kill, %eax
        int     $0x80
        CHECK   28, 0
        SC      SYS_getpid                      # (29) SIGUSR1: blocked
        movl    %eax, %ebx
        movl    $10, %ecx
        movl    $SYS_kill, %eax
        int     $0x80
        CHECK   29, 0
        SC      SYS_rt_sigpending, pending, 8   # (30) SIGUSR1 pending
        CHECK   30, 0
        movl    pending, %eax
        CHECK   30, 0x200
        SC      SYS_rseq, rseq_area, 32, 1, RSEQ_SIG    # (31) unregistered
        CHECK   31, 0
        movl    rseq_area+4, %eax               #      cpu_id: -1
        CHECK   31, -1
        SC      SYS_fork                        # (32) fork: the child
        testl   %eax, %eax                      #      exits 7
        jz      child
        SC      SYS_wait4, -1, buffer, 0, 0     # (33) it sleeps, then
        testl   %eax, %eax                      #      reaps the child
        movl    $33, %esi
        jle     fail
        movl    buffer, %eax
        CHECK   34, 0x700
        SC      SYS_rt_sigaction, 17, sa_ign, 0, 8      # (35) SIGCHLD
        CHECK   35, 0                           #      ignored
        SC      SYS_fork                        # (36) the child reaps
        testl   %eax, %eax                      #      itself
        jz      child
        SC      SYS_wait4, -1, 0, 0, 0
        CHECK   36, -ECHILD
        movl    $5, mpage                       # (37) MADV_DONTNEED
        SC      SYS_madvise, mpage, 4096, 4
        CHECK   37, 0
        movl    mpage, %eax                     # (38) faults again: 0
        CHECK   38, 0
        SC      SYS_madvise, mpage+1, 4096, 4   # (39) unaligned
        CHECK   39, -EINVAL
        SC      SYS_old_mmap, mmap_args         # (40) old mmap
        CHECK   40, 0xb7ff8000
        movl    $7, 0xb7ff8000
        SC      SYS_old_mmap, mmap_bad          # (41) an offset not
        CHECK   41, -EINVAL                     #      page aligned
        SC      500                             # (42) no such call,
        CHECK   42, -ENOSYS                     #      twice
        SC      500
        CHECK   42, -ENOSYS
        SC      SYS_rt_sigprocmask, 1, set_usr1, 0, 8   # (43) SIGUSR1
        EXIT    $43                             #      unblocked kills it
child:  SC      SYS_exit_group, 7

        .data
tid:    .long   0
robust: .long   robust, 0, 0
newname: .asciz "verylongnameindeed"
sa_ign: .long   1, 0, 0, 0, 0
set_usr1: .long 0x200, 0
pending: .long  0, 0
mmap_args: .long 0, 8192, 3, 0x22, -1, 0
mmap_bad: .long 0, 8192, 3, 0x22, -1, 5
        .bss
        .p2align 5
rseq_area: .skip 32
        .p2align 12
mpage:  .skip 4096
