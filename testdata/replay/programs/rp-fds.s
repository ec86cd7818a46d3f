# rp-fds.s -- descriptor and metadata calls, for elfault run against the
# real kernel (testdata/i386-vm/run/check.sh): readlink() of
# /proc/self/exe with the path in an untouched page (strncpy_from_user()'s
# kernel-mode fault) into a fresh .bss page (copy_to_user()'s); its own
# file opened through argv[0] and described by fstat64(), stat64() and
# statx() alike (type, size, inode; each stored into a fresh page, as
# lstat64()'s and fstatat64()'s) and by
# lseek(); descriptor 0 is
# /dev/null and 1 no terminal (TCGETS, TIOCGWINSZ: ENOTTY); FD_CLOEXEC by
# fcntl(), dup(), dup2() and dup3(); getdents64() of the current
# directory ("." and ".." first, EINVAL for a buffer too small, ENOTDIR
# for a file); pread64() (EINVAL for a negative offset); sendfile64() into
# a pipe and sendfile() to /dev/null, both from an offset they update;
# then execve() of itself with one more argument, where the descriptor
# with FD_CLOEXEC is closed and its dup() is not.  Linked with rp-fds.ld.
# A failed check writes FAIL and exits with its number (rp.inc).
        .include "rp.inc"
        .set SYS_read,       3
        .set SYS_open,       5
        .set SYS_close,      6
        .set SYS_execve,     11
        .set SYS_lseek,      19
        .set SYS_dup,        41
        .set SYS_pipe,       42
        .set SYS_ioctl,      54
        .set SYS_fcntl,      55
        .set SYS_dup2,       63
        .set SYS_readlink,   85
        .set SYS_pread64,    180
        .set SYS_sendfile,   187
        .set SYS_stat64,     195
        .set SYS_lstat64,    196
        .set SYS_fstat64,    197
        .set SYS_fstatat64,  300
        .set SYS_getdents64, 220
        .set SYS_sendfile64, 239
        .set SYS_dup3,       330
        .set SYS_statx,      383
        .set AT_FDCWD,       -100
        .set O_WRONLY,       1
        .set O_DIRECTORY,    0200000
        .set O_CLOEXEC,      02000000
        .set F_GETFD,        1
        .set F_SETFD,        2

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
_start: cmpl    $2, (%esp)
        je      again                   # the execve()'d image
        movl    4(%esp), %ebp           # argv[0]
        movl    %ebp, newargv
        SC      SYS_readlink, $exe, $link, $4096
        cmpl    $0, %eax
        jg      1f
        CHECK   1, 1                    # fails: the result was <= 0
1:      movzbl  link, %eax
        CHECK   2, 0x2f                 # an absolute path
        SC      SYS_open, %ebp, $0
        CHECK   3, 3
        SC      SYS_fstat64, $3, $st
        CHECK   4, 0
        movl    st+16, %eax
        andl    $0170000, %eax
        CHECK   5, 0100000              # S_IFREG
        SC      SYS_lseek, $3, $0, $2
        cmpl    st+44, %eax             # st_size
        je      1f
        CHECK   6, -1
1:      SC      SYS_stat64, %ebp, $st2
        CHECK   7, 0
        movl    st2+88, %eax
        cmpl    st+88, %eax             # st_ino
        je      1f
        CHECK   8, -1
1:      SC      SYS_statx, $AT_FDCWD, %ebp, $0, $0x7ff, $stx
        CHECK   9, 0
        movl    stx+0x28, %eax          # stx_size
        cmpl    st+44, %eax
        je      1f
        CHECK   10, -1
1:      SC      SYS_lstat64, %ebp, $st3
        CHECK   39, 0
        SC      SYS_fstatat64, $AT_FDCWD, %ebp, $st4, $0
        CHECK   40, 0
        SC      SYS_fstat64, $0, $st2
        movl    st2+32, %eax            # st_rdev
        CHECK   11, 0x103               # /dev/null, 1:3
        SC      SYS_ioctl, $1, $0x5401, $termios
        CHECK   12, -25                 # TCGETS: ENOTTY
        SC      SYS_ioctl, $0, $0x5413, $termios
        CHECK   13, -25                 # TIOCGWINSZ: ENOTTY
        SC      SYS_fcntl, $3, $F_SETFD, $1
        SC      SYS_fcntl, $3, $F_GETFD
        CHECK   14, 1
        SC      SYS_dup, $3
        CHECK   15, 4
        SC      SYS_fcntl, $4, $F_GETFD
        CHECK   16, 0                   # dup() clears FD_CLOEXEC
        SC      SYS_dup2, $3, $10
        CHECK   17, 10
        SC      SYS_dup3, $3, $10, $0
        CHECK   18, 10
        SC      SYS_dup3, $3, $3, $0
        CHECK   19, -22
        SC      SYS_close, $10
        SC      SYS_open, $dot, $O_DIRECTORY
        CHECK   20, 5
        SC      SYS_getdents64, $5, $dents, $8
        CHECK   21, -22                 # no room for "."
        SC      SYS_getdents64, $5, $dents, $4096
        cmpl    $48, %eax
        jg      1f
        CHECK   22, -1
1:      movl    dents+16, %eax          # reclen of "." and its name
        CHECK   23, 0x2e040018
        movl    dents+40, %eax          # reclen of "..", d_type, ".."
        CHECK   24, 0x2e040018
2:      SC      SYS_getdents64, $5, $dents, $4096
        testl   %eax, %eax
        jg      2b
        CHECK   25, 0
        SC      SYS_getdents64, $3, $dents, $4096
        CHECK   26, -20                 # ENOTDIR
        SC      SYS_pread64, $3, $buf, $4, $0, $0
        CHECK   27, 4
        movl    buf, %eax
        CHECK   28, 0x464c457f
        SC      SYS_pread64, $3, $buf, $4, $0, $0x80000000
        CHECK   29, -22
        SC      SYS_pipe, $fds
        SC      SYS_sendfile64, fds+4, $3, $offset64, $100
        CHECK   30, 100
        movl    offset64, %eax
        CHECK   31, 100
        SC      SYS_read, fds, $buf, $200
        CHECK   32, 100
        movl    buf, %eax
        CHECK   33, 0x464c457f
        SC      SYS_open, $devnull, $O_WRONLY
        movl    %eax, %esi
        movl    %eax, %ebx
        movl    $SYS_sendfile, %eax
        movl    $3, %ecx
        movl    $offset32, %edx
        movl    $16, %esi
        int     $0x80
        CHECK   34, 16
        movl    offset32, %eax
        CHECK   35, 20
        SC      SYS_execve, %ebp, $newargv, $0
        CHECK   36, 0                   # not reached
again:  SC      SYS_fcntl, $3, $F_GETFD
        CHECK   37, -9                  # closed by execve()
        SC      SYS_fcntl, $4, $F_GETFD
        CHECK   38, 0
        EXIT    $0
        FAIL_EXIT

        .section .rodata
failmsg:
        .ascii  "FAIL\n"
dot:    .asciz  "."
devnull:
        .asciz  "/dev/null"
        .section .rodata.far, "a"
exe:    .asciz  "/proc/self/exe"
        .data
newargv:
        .long   0, one, 0
one:    .asciz  "1"
offset32:
        .long   4
        .balign 8
offset64:
        .long   0, 0
        .bss
        .balign 4096
link:   .skip   4096
# The structs go into fresh pages at offset 2: the kernel copies them
# from its stack, which CONFIG_RANDOMIZE_KSTACK_OFFSET moves by a random
# multiple of 4 at each call; at an 8-aligned buffer __copy_user_ll would
# take its movsl or its Intel path at random, here always the Intel one.
        .skip   2
st:     .skip   96                      # fstat64() into a fresh page
        .balign 4096
        .skip   2
st2:    .skip   96                      # so stat64()
        .balign 4096
        .skip   2
stx:    .skip   256                     # and statx(),
        .balign 4096
        .skip   2
st3:    .skip   96                      # lstat64()
        .balign 4096
        .skip   2
st4:    .skip   96                      # and fstatat64()
termios:
        .skip   64
fds:    .skip   8
buf:    .skip   256
        .balign 4096
dents:  .skip   4096
        .section .note.GNU-stack,"",@progbits
