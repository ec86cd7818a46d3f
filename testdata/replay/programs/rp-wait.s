# rp-wait.s -- the system calls of testdata/replay/wait.yaml (see rp.inc):
# a child that exits with status 5 is reaped by wait4(), which stores the
# status in a fresh .bss page (put_user's fault); a second child is killed
# with SIGKILL and reaped by waitpid(); then there is no child left; a
# third is stopped (SIGSTOP, seen by a WUNTRACED waitpid), then killed.
        .include "rp.inc"
        .set SYS_exit_group, 252
        .set SYS_wait4,      114
        .set SIGKILL,        9
        .set ECHILD,         10
        LAYOUT
main:   movl    $SYS_fork, %eax         # (2) fork: child
        int     $0x80
        testl   %eax, %eax
        jz      child
        movl    %eax, %edi
        MARK    2
        MARK    3                       # (3) switch: child (it runs now)
        MARK    4                       # (4) its exit_group(5)
        MARK    5                       # (5) switch: parent
        movl    $SYS_wait4, %eax        # (6) wait4(-1, buffer_end, 0, 0)
        movl    $-1, %ebx
        movl    $buffer_end, %ecx
        xorl    %edx, %edx
        xorl    %esi, %esi
        int     $0x80
        cmpl    %edi, %eax
        movl    $6, %esi
        jne     fail
        MARK    6
        movl    buffer_end, %eax        # (7) read: buffer_end
        CHECK   7, 0x500
        MARK    7
        movl    $SYS_fork, %eax         # (8) fork: second
        int     $0x80
        testl   %eax, %eax
        jz      second
        movl    %eax, %edi
        MARK    8
        movl    $SYS_kill, %eax         # (9) kill($result, SIGKILL)
        movl    %edi, %ebx
        movl    $SIGKILL, %ecx
        int     $0x80
        CHECK   9, 0
        MARK    9
        movl    $SYS_waitpid, %eax      # (10) waitpid(-1, buffer_end+4, 0)
        movl    $-1, %ebx
        movl    $buffer_end+4, %ecx
        xorl    %edx, %edx
        int     $0x80
        cmpl    %edi, %eax
        movl    $10, %esi
        jne     fail
        MARK    10
        movl    buffer_end+4, %eax      # (11) read: buffer_end+4
        CHECK   11, 9
        MARK    11
        movl    $SYS_wait4, %eax        # (12) wait4(-1, 0, 0, 0): ECHILD
        movl    $-1, %ebx
        xorl    %ecx, %ecx
        xorl    %edx, %edx
        xorl    %esi, %esi
        int     $0x80
        CHECK   12, -ECHILD
        MARK    12
        movl    $SYS_fork, %eax         # (13) fork: third
        int     $0x80
        testl   %eax, %eax
        jz      second                  # it waits the same way
        movl    %eax, %edi
        MARK    13
        movl    $SYS_kill, %eax         # (14) kill($result, SIGSTOP)
        movl    %edi, %ebx
        movl    $SIGSTOP, %ecx
        int     $0x80
        CHECK   14, 0
        MARK    14
        movl    $SYS_waitpid, %eax      # (15) waitpid(-1, buffer_end+8,
        movl    $-1, %ebx               #      WUNTRACED): it stopped
        movl    $buffer_end+8, %ecx
        movl    $WUNTRACED, %edx
        int     $0x80
        cmpl    %edi, %eax
        movl    $15, %esi
        jne     fail
        MARK    15
        movl    buffer_end+8, %eax      # (16) read: buffer_end+8
        CHECK   16, 0x137f
        MARK    16
        movl    $SYS_kill, %eax         # (17) kill($result, SIGKILL)
        movl    %edi, %ebx
        movl    $SIGKILL, %ecx
        int     $0x80
        CHECK   17, 0
        MARK    17
        movl    $SYS_waitpid, %eax      # (18) waitpid(-1, buffer_end+12, 0)
        movl    $-1, %ebx
        movl    $buffer_end+12, %ecx
        xorl    %edx, %edx
        int     $0x80
        cmpl    %edi, %eax
        movl    $18, %esi
        jne     fail
        MARK    18
        movl    buffer_end+12, %eax     # (19) read: buffer_end+12
        CHECK   19, 9
        MARK    19
        EXIT    $0                      # (20) exit:
child:  movl    $SYS_exit_group, %eax   # (4) exit_group(5)
        movl    $5, %ebx
        int     $0x80
second: movl    $SYS_getpid, %eax       # waits for SIGKILL, touching nothing
        int     $0x80
        jmp     second
