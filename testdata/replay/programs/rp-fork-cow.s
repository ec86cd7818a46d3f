# rp-fork-cow.s -- the accesses of testdata/replay/fork-cow.yaml (see rp.inc).
# The script's "switch"es are made with SIGSTOP: the parent waits
# (waitpid WUNTRACED, no status word: it would be a write to memory) until
# the child has done its steps and stopped itself, and lets it go on
# (SIGCONT) to exit at the script's "exit: child".  The parent stops
# itself after steps 2 and 10: its counter page must keep its frame
# (wp-reuse, not a copy) and be mapped once.
        .include "rp.inc"
        LAYOUT
main:   movl    $1, counter             # (2) write: counter, value 1
        MARK    2
        STOP                            # stop 1: counter's frame before fork
        movl    $SYS_fork, %eax         # (3) fork: child
        int     $0x80
        testl   %eax, %eax
        jz      child
        movl    %eax, %edi              # the child's pid
        MARK    3
        movl    $SYS_waitpid, %eax      # (4) switch: child ... until it stops
        movl    %edi, %ebx
        xorl    %ecx, %ecx
        movl    $WUNTRACED, %edx
        int     $0x80
        MARK    8                       # (8) switch: parent
        movl    counter, %eax           # (9) read: counter
        CHECK   9, 1
        MARK    9
        movl    $3, counter             # (10) write: counter, value 3
        MARK    10
        STOP                            # stop 2: the same frame, reused
        movl    $SYS_kill, %eax         # (11) exit: child
        movl    %edi, %ebx
        movl    $SIGCONT, %ecx
        int     $0x80
        movl    $SYS_waitpid, %eax
        movl    %edi, %ebx
        xorl    %ecx, %ecx
        xorl    %edx, %edx
        int     $0x80
        MARK    11
        EXIT    $0                      # (12) exit:
child:  MARK    4
        movl    counter, %eax           # (5) read: counter
        CHECK   5, 1
        MARK    5
        movl    $2, counter             # (6) write: counter, value 2
        MARK    6
        movl    counter, %eax           # (7) read: counter
        CHECK   7, 2
        MARK    7
        movl    $SYS_getpid, %eax       # (8) switch: parent -- stop
        int     $0x80
        movl    %eax, %ebx
        movl    $SIGSTOP, %ecx
        movl    $SYS_kill, %eax
        int     $0x80
        EXIT    $0                      # (11) exit: child
