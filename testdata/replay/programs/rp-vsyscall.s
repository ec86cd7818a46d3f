# rp-vsyscall.s -- system calls as static glibc makes them: a thread block
# whose word 0x10 is AT_SYSINFO (__kernel_vsyscall in the vDSO), %gs on it
# (set_thread_area), and `call *%gs:0x10`, which enters the kernel by
# sysenter (do_fast_syscall_32(): the sixth argument from the stack) and
# comes back through the vDSO's landing pad; then the vDSO's time()
# and clock_gettime() (the vvar page).  Each result is checked; a wrong
# one writes "FAIL\n" and exits with the check's number.
        .include "rp.inc"
        .set    SYS_exit_group, 252
        .set    SYS_set_thread_area, 243
        .set    AT_SYSINFO, 32
        .set    AT_SYSINFO_EHDR, 33
        .set    VDSO_TIME, 0xb10                # __vdso_time
        .set    VDSO_CLOCK_GETTIME64, 0xfc0     # __vdso_clock_gettime64
        .set    CLOCK_MONOTONIC, 1
        .set    EBADF, 9
        .set    STACK_PAGE, 0xbffff000          # below the stack pointer

# AUX type: the auxv entry TYPE's value into the word at \to
        .macro  AUX type, to
        movl    %esp, %esi
        movl    (%esi), %ecx            # argc
        leal    8(%esi,%ecx,4), %esi    # envp
1:      lodsl
        testl   %eax, %eax
        jnz     1b
2:      lodsl
        movl    %eax, %edx
        lodsl
        cmpl    $\type, %edx
        jne     2b
        movl    %eax, \to
        .endm

        LAYOUT
        .section .steps,"ax",@progbits
main:   AUX     AT_SYSINFO, tcb+0x10
        AUX     AT_SYSINFO_EHDR, ehdr
        movl    $tcb, tcb               # the thread block points at itself
        movl    $SYS_set_thread_area, %eax
        movl    $desc, %ebx
        int     $0x80
        CHECK   1, 0
        movl    desc, %eax
        shll    $3, %eax
        orl     $3, %eax
        movw    %ax, %gs
        movl    $0x55aa55aa, %ebp       # kept across the call
        movl    $0x11111111, %esi
        movl    $0x22222222, %edi
        movl    $SYS_getpid, %eax
        call    *%gs:0x10
        cmpl    $0x55aa55aa, %ebp
        jne     bad2
        cmpl    $0x11111111, %esi
        jne     bad2
        cmpl    $0x22222222, %edi
        jne     bad2
        movl    $SYS_write, %eax
        movl    $1, %ebx
        movl    $message, %ecx
        movl    $20, %edx
        call    *%gs:0x10
        CHECK   3, 20
        movl    $SYS_mmap2, %eax        # mmap2(0, 4096, RW, PRIVATE|ANON,
        xorl    %ebx, %ebx              #       -1, 0): six arguments
        movl    $4096, %ecx
        movl    $3, %edx
        movl    $0x22, %esi
        movl    $-1, %edi
        xorl    %ebp, %ebp
        call    *%gs:0x10
        movl    $0x77, (%eax)           # its page: an anonymous fault
        movl    $SYS_mmap2, %eax        # a file mapping of descriptor 5
        xorl    %ebx, %ebx
        movl    $4096, %ecx
        movl    $3, %edx
        movl    $0x02, %esi
        movl    $5, %edi
        movl    $7, %ebp
        call    *%gs:0x10
        CHECK   4, -EBADF
        movl    $SYS_fork, %eax         # fork by sysenter: both come back
        call    *%gs:0x10               # through the landing pad
        movl    $0, STACK_PAGE          # each breaks its stack page's COW
        testl   %eax, %eax              # where the fault's address does not
        jnz     parent                  # depend on argv[0]'s length
        movl    $SYS_exit, %eax
        movl    $7, %ebx
        call    *%gs:0x10
parent: movl    %eax, %ebx
        movl    $SYS_waitpid, %eax
        movl    $counter, %ecx
        xorl    %edx, %edx
        call    *%gs:0x10
        movl    counter, %eax
        CHECK   5, 0x700
        pushl   $0                      # time(NULL): the vvar page
        movl    ehdr, %eax
        addl    $VDSO_TIME, %eax
        call    *%eax
        addl    $4, %esp
        pushl   $ts                     # clock_gettime(CLOCK_MONOTONIC)
        pushl   $CLOCK_MONOTONIC
        movl    ehdr, %eax
        addl    $VDSO_CLOCK_GETTIME64, %eax
        call    *%eax
        addl    $8, %esp
        CHECK   6, 0
        movl    $SYS_exit_group, %eax
        xorl    %ebx, %ebx
        call    *%gs:0x10
bad2:   movl    $2, %esi
        jmp     fail

        .data
ehdr:   .long   0
ts:     .long   0, 0, 0, 0
desc:   .long   -1, tcb, 0xfffff, 0x51
        .p2align 6
tcb:    .skip   64
