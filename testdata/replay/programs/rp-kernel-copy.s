# rp-kernel-copy.s -- the system calls of testdata/replay/kernel-copy.yaml
# (see rp.inc), linked with rp-kernel-copy.ld.  Each sys-read is a
# pread64() of this program's own file (opened through argv[0], whose
# string is on the stack, before step 2), each sys-write a write() to a
# new pipe (its two fds on the stack, which exec left present), so that
# the only faults of the steps are the copies' and the script's accesses.
        .include "rp.inc"
        .set SYS_open,    5
        .set SYS_close,   6
        .set SYS_pipe,    42
        .set SYS_pread64, 180

# %eax = pread64(file, buf, count, offset)
        .macro PREAD buf, count, offset
        movl    $SYS_pread64, %eax
        movl    %ebp, %ebx
        movl    $\buf, %ecx
        movl    $\count, %edx
        movl    $\offset, %esi
        xorl    %edi, %edi
        int     $0x80
        .endm

# %eax = write(a new pipe, buf, count); both ends closed after.
        .macro PIPE_WRITE buf, count
        movl    $SYS_pipe, %eax
        movl    %esp, %ebx
        int     $0x80
        movl    $SYS_write, %eax
        movl    4(%esp), %ebx
        movl    $\buf, %ecx
        movl    $\count, %edx
        int     $0x80
        movl    %eax, %edi
        movl    $SYS_close, %eax
        movl    (%esp), %ebx
        int     $0x80
        movl    $SYS_close, %eax
        movl    4(%esp), %ebx
        int     $0x80
        movl    %edi, %eax
        .endm

        .text
        .globl  _start
_start: movl    4(%esp), %ebx           # (2) fetch: _start
        movl    $SYS_open, %eax         # open(argv[0], O_RDONLY)
        xorl    %ecx, %ecx
        int     $0x80
        movl    %eax, %ebp
        subl    $16, %esp               # the pipe's fds
        MARK    2
        PIPE_WRITE message, 14          # (3) sys-write: message
        CHECK   3, 14
        MARK    3
        PREAD   buffer, 100, 0          # (4) sys-read: buffer
        CHECK   4, 100
        MARK    4
        PREAD   0x10000000, 16, 0       # (5) sys-read: 0x10000000
        CHECK   5, -14
        MARK    5
        PREAD   0xc0000000, 16, 0       # (6) sys-read: 0xc0000000
        CHECK   6, -14
        MARK    6
        PREAD   buffer_end-16, 64, 0  # (7) sys-read: buffer_end-16
        CHECK   7, 16
        MARK    7
        PREAD   buffer_end-16, 64, 4  # (8) the same from offset 4
        CHECK   8, -14
        MARK    8
        PIPE_WRITE buffer_end-16, 64  # (9) sys-write: buffer_end-16
        CHECK   9, -14
        MARK    9
        movl    $1, counter             # (10) write: counter, value 1
        MARK    10
        movl    $SYS_fork, %eax         # (11) fork: child
        int     $0x80
        testl   %eax, %eax
        jz      child
        movl    %eax, %esi              # the child's pid
        MARK    11
        movl    $SYS_waitpid, %eax      # (12) switch: child ... until it stops
        movl    %esi, %ebx
        xorl    %ecx, %ecx
        movl    $WUNTRACED, %edx
        int     $0x80
        MARK    15                      # (15) switch: parent
        movl    counter, %eax           # (16) read: counter
        CHECK   16, 1
        MARK    16
        movl    $SYS_kill, %eax         # (17) exit: child
        movl    %esi, %ebx
        movl    $SIGCONT, %ecx
        int     $0x80
        movl    $SYS_waitpid, %eax
        movl    %esi, %ebx
        xorl    %ecx, %ecx
        xorl    %edx, %edx
        int     $0x80
        MARK    17
        EXIT    $0                      # (18) exit:
child:  MARK    12
        PREAD   counter, 4, 0           # (13) sys-read: counter
        CHECK   13, 4
        MARK    13
        movl    counter, %eax           # (14) read: counter
        CHECK   14, 0x464c457f
        MARK    14
        movl    $SYS_getpid, %eax       # (15) switch: parent -- stop
        int     $0x80
        movl    %eax, %ebx
        movl    $SIGSTOP, %ecx
        movl    $SYS_kill, %eax
        int     $0x80
        EXIT    $0                      # (17) exit: child
        FAIL_EXIT

        .section .rodata
        .globl  message
message:
        .ascii  "Hello, kernel\n"
failmsg:
        .ascii  "FAIL\n"
        .data
        .globl  counter
counter:
        .long   0
        .balign 4096, 0                 # the file's data ends on a page
        .bss
        .globl  buffer, buffer_end
buffer: .skip   0x2000
buffer_end:
