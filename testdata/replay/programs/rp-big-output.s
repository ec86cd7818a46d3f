# rp-big-output.s -- one step that writes 3 MiB to the output: open("f",
# O_RDWR|O_CREAT) in /tmp's tmpfs (the current directory), pwrite64 of
# one byte at 3 MiB - 1 (the rest a hole, read as zeros), then
# sendfile(1, fd, NULL, 3 MiB): the file's 3 MiB go to the output in one
# call.  exit(sendfile's result >> 20): 3.  elfault run's text report
# holds at most 1 MiB of lines not yet shown, and counts the rest.
        .include "rp.inc"
        .set SYS_open,      5
        .set SYS_pwrite64,  181
        .set SYS_sendfile,  187
        .set SIZE,          0x300000

        .text
        .globl  _start
_start: SYSCALL6 SYS_open, $name, $0102, $0644
        movl    %eax, fd
        SYSCALL6 SYS_pwrite64, fd, $name, $1, $(SIZE - 1), $0
        CHECK   2, 1
        SYSCALL6 SYS_sendfile, $1, fd, $0, $SIZE
        shrl    $20, %eax
        movl    %eax, %ebx
        movl    $SYS_exit, %eax
        int     $0x80
        FAIL_EXIT

        .section .rodata
name:   .asciz  "f"
failmsg: .ascii "FAIL\n"
        .bss
        .p2align 2
fd:     .long   0
