# rp-pipe.s -- pipes between two processes, for elfault run against the
# real kernel (testdata/i386-vm/run/check.sh): pipe() stores its two
# descriptors in a fresh .bss page (copy_to_user()'s kernel-mode fault);
# after fork the parent reads the 5 bytes its child writes before it
# exits, then the end of the file (no writer left) - whichever of the two
# runs first (the VM's 6.1 ran the child first here; the parent's read
# would sleep until the child's write woke it), the faults come in the
# same order.  A child that writes to a pipe without a reader is killed by
# SIGPIPE (the parent's waitpid() sees signal 13); pread64() of a pipe is
# ESPIPE, a read of an empty O_NONBLOCK pipe EAGAIN; dup2() puts a pipe's
# write end on descriptor 1, and what is written there comes out of the
# pipe.  Linked with rp-pipe.ld (text, then data from the next page).  A
# failed check writes FAIL and exits with its number (rp.inc).
        .include "rp.inc"
        .set SYS_read,    3
        .set SYS_close,   6
        .set SYS_pipe,    42
        .set SYS_dup2,    63
        .set SYS_pread64, 180
        .set SYS_pipe2,   331
        .set O_NONBLOCK,  04000

        .macro  SC nr, a=$0, b=$0, c=$0, d=$0, e=$0
        movl    $\nr, %eax
        movl    \a, %ebx
        movl    \b, %ecx
        movl    \c, %edx
        movl    \d, %esi
        movl    \e, %edi
        int     $0x80
        .endm

        .text
        .globl  _start
_start: SC      SYS_pipe, $fds          # (1) the descriptors: 3 and 4
        CHECK   1, 0
        SC      SYS_fork
        testl   %eax, %eax
        jz      writer
        movl    %eax, %ebp              # the child
        SC      SYS_close, fds+4
        SC      SYS_read, fds, $buf, $100       # the child's 5 bytes,
        CHECK   2, 5                    # whichever of the two ran first
        SC      SYS_read, fds, $buf, $100       # no writer left:
        CHECK   3, 0                    # end of file
        SC      SYS_waitpid, %ebp, $status, $0
        movl    status, %eax
        CHECK   5, 0
        SC      SYS_close, fds
        SC      SYS_pipe, $fds          # (6) a pipe without a reader
        SC      SYS_close, fds
        SC      SYS_fork
        testl   %eax, %eax
        jz      broken
        movl    %eax, %ebp
        SC      SYS_waitpid, %ebp, $status, $0
        movl    status, %eax
        CHECK   6, 13                   # killed by SIGPIPE
        SC      SYS_pread64, fds+4, $buf, $4
        CHECK   7, -29                  # ESPIPE
        SC      SYS_pipe2, $fds, $O_NONBLOCK
        SC      SYS_read, fds, $buf, $4
        CHECK   8, -11                  # EAGAIN
        SC      SYS_dup2, fds+4, $1
        CHECK   9, 1
        SC      SYS_write, $1, $message, $6
        CHECK   10, 6
        SC      SYS_read, fds, $buf, $100
        CHECK   11, 6
        EXIT    $0
writer: SC      SYS_close, fds
        SC      SYS_write, fds+4, $message, $5
        CHECK   12, 5
        EXIT    $0
broken: SC      SYS_write, fds+4, $message, $5
        EXIT    $99                     # not reached: SIGPIPE
        FAIL_EXIT

        .section .rodata
message:
        .ascii  "piped\n"
failmsg:
        .ascii  "FAIL\n"
        .bss
        .balign 4096
fds:    .skip   8
status: .skip   4
        .balign 4096
buf:    .skip   0x6000
        .section .note.GNU-stack,"",@progbits
