/* proc_calls.h - the calls that read and set a process's own state:
 * its ids, its session, its name, its limits, what the kernel tells it
 * about the machine, and random bytes (kernel/sys.c, kernel/fork.c,
 * kernel/futex/syscalls.c, drivers/char/random.c of Linux 6.1).
 *
 * The credentials: every process is root (uid, gid, their effective and
 * saved ids 0), as the VM's programs are.  A process exec: made is in
 * process group 0 and session 0 - those of the VM's init shell, which
 * the VM's programs inherit - and its parent is 0.
 *
 *   getuid (24), getgid (47), geteuid (49), getegid (50) and the *32
 *     forms (199-202): 0;
 *   getresuid32 (209), getresgid32 (211): 0, 0, 0 stored with put_user()
 *     in turn (EFAULT at the first that fails);
 *   getppid (64); getpgrp (65); getpgid (132) and getsid (147): of pid 0
 *     (the caller) or of a process (ESRCH);
 *   setpgid (57): pid and pgid 0 are the caller's pid; EINVAL for a
 *     negative pgid, ESRCH for a process that is neither the caller nor
 *     its child, EPERM for a child in another session or a session
 *     leader or a group no process of the session leads, EACCES for a
 *     child that has exec'd;
 *   setsid (66): EPERM for a session leader or a process whose pid is a
 *     process group's id, else a new session and group: its pid;
 *   set_tid_address (258): clear_child_tid kept (nothing written at
 *     exit: no thread shares the mm), returns the pid;
 *   set_robust_list (311): the length must be 12 (EINVAL); the head
 *     kept (not walked at exit);
 *   prctl (172): PR_SET_NAME (15) - at most 15 bytes with
 *     strncpy_from_user() (EFAULT) into the 16-byte comm, the name exec
 *     gave (the file name's last part, cut to 15 bytes); PR_GET_NAME (16)
 *     - comm's 16 bytes with copy_to_user() (EFAULT); PR_SET_PDEATHSIG
 *     (1, 0 to 64 else EINVAL), PR_GET_PDEATHSIG (2, put_user()),
 *     PR_GET_DUMPABLE (3: 1), PR_SET_DUMPABLE (4, 0 or 1 else EINVAL);
 *     every other option EINVAL;
 *   uname (122): struct new_utsname (6 x 65 bytes) of the VM's kernel -
 *     Linux, (none), 6.1.0-57-686, "#1 SMP PREEMPT_DYNAMIC Debian
 *     6.1.192-3 (2026-11-26)", i686, (none) - with copy_to_user()
 *     (EFAULT); olduname (109): its first 5 fields (EFAULT for NULL);
 *     oldolduname (59): 5 fields of 8 bytes and a NUL;
 *   getrlimit (76, values above 0x7fffffff shown as 0x7fffffff),
 *     ugetrlimit (191), setrlimit (75), prlimit64 (340; pid 0 or a
 *     process, else ESRCH; 64-bit values, RLIM64_INFINITY all ones): the
 *     limits rlimit.h keeps, EINVAL for a resource past 15, EFAULT from
 *     the copies;
 *   getrandom (355): flags beyond GRND_NONBLOCK, GRND_RANDOM and
 *     GRND_INSECURE, or INSECURE with RANDOM, EINVAL; the modelled crng
 *     is never ready (the VM's is not while its init runs), so
 *     GRND_NONBLOCK without GRND_INSECURE is EAGAIN; a blocking call
 *     returns at once, as if the crng had become ready.  The bytes are
 *     not random: a SplitMix64 sequence of the machine, the same in
 *     every run.  access_ok() of the buffer (EFAULT), then
 *     get_random_bytes_user()'s copy_to_user(): at most 32 bytes at
 *     once, else 64-byte blocks until one is short (the bytes copied, or
 *     EFAULT for none).
 */
#ifndef ELFAULT_PROC_CALLS_H
#define ELFAULT_PROC_CALLS_H

#include "syscalls.h"

sys_fn proc_call_getid, proc_call_getresid, proc_call_getppid,
       proc_call_getpgrp, proc_call_getpgid, proc_call_setpgid,
       proc_call_getsid, proc_call_setsid, proc_call_set_tid_address,
       proc_call_set_robust_list, proc_call_prctl, proc_call_uname,
       proc_call_olduname, proc_call_oldolduname, proc_call_getrlimit,
       proc_call_old_getrlimit, proc_call_setrlimit, proc_call_prlimit64,
       proc_call_getrandom;

/* The uname() fields: sysname, nodename, release, version, machine,
 * domainname. */
extern const char *const proc_utsname[6];

#endif
