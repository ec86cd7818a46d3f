/* fd_syscalls.h - the descriptor and file-metadata calls of i386 Linux
 * 6.1 (syscalls.h lists every call; this is how these ones behave).
 *
 *   pipe (42), pipe2 (331; O_CLOEXEC, O_NONBLOCK, O_DIRECT for packets;
 *     notification pipes are not modelled: EINVAL): a pipe
 *     (pipe.h), its read end at the lowest free descriptor and the write
 *     end at the next, both stored with one copy_to_user() - a fault
 *     there is EFAULT and neither descriptor stays (do_pipe2());
 *   dup (41), dup2 (63), dup3 (330; O_CLOEXEC, EINVAL for any other
 *     flag and for oldfd == newfd; dup2 of a descriptor onto itself
 *     returns it): the description shared, FD_CLOEXEC cleared (dup3:
 *     set with O_CLOEXEC); newfd past RLIMIT_NOFILE (1024) is EBADF;
 *   fcntl (55), fcntl64 (221): F_DUPFD and F_DUPFD_CLOEXEC (the lowest
 *     free descriptor >= arg, EINVAL past RLIMIT_NOFILE), F_GETFD and
 *     F_SETFD (FD_CLOEXEC, honoured by execve()), F_GETFL (the access
 *     mode and the flags open() kept) and F_SETFL (O_APPEND, O_NONBLOCK,
 *     O_DIRECT, O_NOATIME change; the rest stays); every other command
 *     is EINVAL (do_fcntl()'s answer for one it does not know; locks,
 *     owners, leases and seals are not modelled);
 *   ioctl (54): FIOCLEX, FIONCLEX, FIONBIO (the int read with
 *     get_user()), FIONREAD on a regular file (i_size - f_pos) or a pipe
 *     (the bytes it holds), stored with put_user(); every other command
 *     is ENOTTY, the answer of a file without a tty behind it - which is
 *     every descriptor a run's program starts with (files.h) - and, here,
 *     of /dev/console too (its termios are not modelled);
 *   readlink (85), readlinkat (305): bufsiz <= 0 is EINVAL; the path read
 *     with getname() (strncpy_from_user(): a kernel-mode fault on an
 *     absent page); /proc/PID/exe gives the path execve() was given when
 *     it is absolute (else the program file's canonical path), as
 *     d_path() gives it; a host symbolic link its target; anything else
 *     EINVAL ("" ENOENT); the bytes (no NUL, cut to bufsiz) stored with
 *     copy_to_user();
 *   getcwd (183): the directory the run's relative paths start from
 *     (the current one, canonical; chdir is not modelled), its length with
 *     the NUL as the result, stored with copy_to_user(); ERANGE for a
 *     buffer too small;
 *   stat64 (195), lstat64 (196), fstat64 (197), fstatat64 (300;
 *     AT_SYMLINK_NOFOLLOW, AT_EMPTY_PATH, AT_NO_AUTOMOUNT, else EINVAL),
 *     statx (383; also AT_STATX_*, both sync flags at once EINVAL, as a
 *     mask with STATX__RESERVED): the file's struct kstat (file_stat.h)
 *     stored with one copy_to_user() from the kernel stack (which 6.1's
 *     CONFIG_RANDOMIZE_KSTACK_OFFSET moves by a random multiple of 4 at
 *     each call, so that __copy_user_ll takes its movsl or its Intel path
 *     at random for an 8-aligned buffer: the model's stack buffer is
 *     8-aligned, the movsl path) - a host file's as the host's
 *     stat(2) has it; the kernel's own files as 6.1 makes them
 *     (/dev/null character device 1:3, /dev/console 5:1, a pipe a FIFO,
 *     /proc/PID/maps an empty regular file, /proc/PID/exe a symbolic link
 *     to the program), the run's output a regular file of the bytes
 *     written so far (mode 0644, times 0);
 *   getdents64 (220): the records of dir.h from the description's
 *     position, each stored field by field as filldir64 stores them, then
 *     the last one's d_off with put_user() (8 bytes); a record that does
 *     not fit ends the call, EINVAL when it is the first; 0 at the end;
 *     ENOTDIR for a descriptor that is no directory;
 *   sendfile (187), sendfile64 (239): do_sendfile(): the input must be a
 *     host file open for reading (EBADF; EINVAL for what cannot be
 *     spliced: a pipe, /dev/null, /proc, a directory), with an offset
 *     pointer read with get_user() (sendfile) or copy_from_user()
 *     (sendfile64) and written back after with put_user(), the input's
 *     offset otherwise; ESPIPE for an offset on a file that has none;
 *     the output open for writing (EBADF) and not O_APPEND (EINVAL): a
 *     host file (its page cache), the run's output, /dev/null, the
 *     terminal, or a pipe (as many pages as it has room for, a full pipe
 *     sleeping); the count cut to MAX_RW_COUNT, and to 2^31 - 1 - offset
 *     for sendfile (EOVERFLOW past it).  No user memory is touched by the
 *     data.
 */
#ifndef ELFAULT_FD_SYSCALLS_H
#define ELFAULT_FD_SYSCALLS_H

#include "sys_internal.h"

sys_fn sys_pipe, sys_pipe2, sys_dup, sys_dup2, sys_dup3, sys_fcntl;
sys_fn sys_ioctl, sys_readlink, sys_readlinkat, sys_getcwd;
sys_fn sys_stat64, sys_lstat64, sys_fstat64, sys_fstatat64, sys_statx;
sys_fn sys_getdents64, sys_sendfile, sys_sendfile64;

#endif
