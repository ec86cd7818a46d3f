# rp-files.s -- the system calls of testdata/replay/files.yaml (see rp.inc),
# linked with rp-files.ld: open() of /proc/self/exe with the path in an
# untouched page (strncpy_from_user's fault), read() into a fresh .bss page,
# lseek(), _llseek() with its result in another fresh page, close(), open()
# of a bad pointer, openat() of /proc/self/maps and a read() of it; then
# a new file (O_CREAT, relative to the current directory) written from a
# fresh .bss page (fault_in_readable()'s prefault) and read back; last a
# write to /dev/console from another fresh page (no prefault: the copy's
# own fault).
        .include "rp.inc"
        .set SYS_read,    3
        .set SYS_open,    5
        .set SYS_close,   6
        .set SYS_lseek,   19
        .set SYS__llseek, 140
        .set SYS_openat,  295
        .set AT_FDCWD,    -100

        .macro  CALL4 nr, a, b, c, d, e
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
_start: CALL4   SYS_open, $exe_path, $0, $0, $0, $0     # (2) open
        CHECK   2, 3
        MARK    2
        CALL4   SYS_read, $3, $buffer, $100, $0, $0     # (3) read 100
        CHECK   3, 100
        MARK    3
        CALL4   SYS_lseek, $3, $0, $2, $0, $0           # (4) lseek to the end
        MARK    4                       # (its return: compare.py's to check)
        CALL4   SYS__llseek, $3, $0, $16, $result, $0   # (5) _llseek to 16
        CHECK   5, 0
        MARK    5
        movl    result, %eax                            # (6) read: result
        CHECK   6, 16
        MARK    6
        CALL4   SYS_read, $3, $buffer+200, $10, $0, $0  # (7) read 10
        CHECK   7, 10
        MARK    7
        CALL4   SYS_close, $3, $0, $0, $0, $0           # (8) close
        CHECK   8, 0
        MARK    8
        CALL4   SYS_open, $0x10000000, $0, $0, $0, $0   # (9) open: EFAULT
        CHECK   9, -14
        MARK    9
        CALL4   SYS_openat, $AT_FDCWD, $maps_path, $0, $0, $0  # (10) openat
        CHECK   10, 3
        MARK    10
        CALL4   SYS_read, $3, $buffer+300, $8, $0, $0   # (11) read 8 of maps
        CHECK   11, 8
        MARK    11
        CALL4   SYS_close, $3, $0, $0, $0, $0           # (12) close
        CHECK   12, 0
        MARK    12
        CALL4   SYS_close, $3, $0, $0, $0, $0           # (13) close: EBADF
        CHECK   13, -9
        MARK    13
        CALL4   SYS_open, $out_path, $0x241, $0644, $0, $0      # (14) creat
        CHECK   14, 3
        MARK    14
        CALL4   SYS_write, $3, $out_buf, $100, $0, $0   # (15) write 100
        CHECK   15, 100
        MARK    15
        CALL4   SYS_close, $3, $0, $0, $0, $0           # (16) close
        CHECK   16, 0
        MARK    16
        CALL4   SYS_open, $out_path, $0, $0, $0, $0     # (17) open it
        CHECK   17, 3
        MARK    17
        CALL4   SYS_read, $3, $buffer+400, $200, $0, $0 # (18) read it back
        CHECK   18, 100
        MARK    18
        CALL4   SYS_close, $3, $0, $0, $0, $0           # (19) close
        CHECK   19, 0
        MARK    19
        CALL4   SYS_open, $console, $1, $0, $0, $0      # (20) the console
        CHECK   20, 3
        MARK    20
        CALL4   SYS_write, $3, $con_buf, $100, $0, $0   # (21) write 100
        CHECK   21, 100
        MARK    21
        CALL4   SYS_close, $3, $0, $0, $0, $0           # (22) close
        CHECK   22, 0
        MARK    22
        EXIT    $0
        FAIL_EXIT

        .section .rodata
        .globl  exe_path, maps_path, out_path, console
exe_path:
        .asciz  "/proc/self/exe"
maps_path:
        .asciz  "/proc/self/maps"
out_path:
        .asciz  "rp-files.out"
console:
        .asciz  "/dev/console"
failmsg:
        .ascii  "FAIL\n"
        .data
        .long   0
        .bss
        .globl  buffer, result, out_buf, con_buf
buffer: .skip   4096
result: .skip   8
        .balign 4096
out_buf: .skip  4096
con_buf: .skip  4096

# Non-executable stack (PT_GNU_STACK RW-), like seed/a.out.
        .section .note.GNU-stack,"",@progbits
