/* syscalls.h - the system calls small i386 programs make, as int $0x80
 * makes them: the number (eax) and up to six arguments (ebx, ecx, edx,
 * esi, edi, ebp) in, one value out (eax: the result, or -errno).
 *
 * Each call does what Linux 6.1 does with user memory, at the kernel's
 * routines and offsets (kernel_text.h): open() reads the path with
 * strncpy_from_user() (a kernel-mode read fault on an absent page, EFAULT
 * for a bad pointer - never an Oops); read() and write() move the bytes
 * with the copy routines (rw_syscalls.h); _llseek() stores its result
 * with copy_to_user().  The caller's uaccess makes every such access on
 * the MMU and handles its faults, so the same calls serve a script's
 * steps and a program's int $0x80.
 *
 * The calls (with their i386 numbers):
 *   getpid (20);
 *   open (5), openat (295; AT_FDCWD or a directory's descriptor is not
 *     modelled beyond AT_FDCWD): O_RDONLY, O_WRONLY, O_RDWR, O_APPEND,
 *     O_CREAT (a new file in memory: memfs.h); the host's files are
 *     read-only to the model - what is written to them stays in the page
 *     cache (page_cache.h), and O_TRUNC of a file that is not empty is
 *     EROFS; /proc/self/maps, /proc/PID/maps, /proc/self/exe (the
 *     program file), /dev/null and /dev/console (the terminal; /dev/tty
 *     is ENXIO: no controlling terminal) are the kernel's;
 *   close (6); lseek (19), _llseek (140);
 *   read (3): a file at the descriptor's offset, /proc/PID/maps as
 *     show_map_vma() writes it, /dev/null and the terminal (nothing);
 *   write (4): a file at the descriptor's offset (O_APPEND: at its end),
 *     into the page cache only; the terminal (shown, not kept) and
 *     /dev/null (no access);
 *   exit (1), exit_group (252): the process ends with status code << 8;
 *   wait4 (114), waitpid (7): a child that has ended is reaped (WUNTRACED:
 *     a stopped one reported), its status stored with put_user() - a
 *     fault there is EFAULT, the child reaped all the same - and, for
 *     wait4, its rusage with copy_to_user() (ru_minflt and ru_majflt;
 *     the rest 0); a child still running would block (would_block);
 *   execve (11): the path (getname()), then the argv and envp pointers
 *     (get_user(), counted first) and their strings - envp's, then
 *     argv's, each list from its last string, each measured with
 *     strnlen_user() and copied with copy_from_user() in pieces that end
 *     at the new stack's page boundaries - read from the old memory; then
 *     the new image (process_execve()) and padzero()'s clear_user();
 *   kill (37), rt_sigaction (174), rt_sigprocmask (175), rt_sigpending
 *     (176): signal_calls.h - a signal's default action on a process
 *     (SIGKILL and the others that terminate end it, SIGSTOP stops it,
 *     SIGCONT continues it, SIGCHLD, SIGURG and SIGWINCH do nothing),
 *     unless the process ignores it (discarded) or blocks it (pending);
 *     process groups by kill(0), kill(-pgid) and kill(-1); no handler
 *     ever runs (a caught signal stays pending); SIGCHLD at SIG_IGN makes
 *     children reap themselves;
 *   brk (45), munmap (91), mprotect (125), mmap2 (192): mm_syscalls.h's
 *     calls (mmap2's offset in pages; a file by its descriptor: EBADF
 *     when none is open there, ENODEV for one that is not a host file,
 *     EACCES for one opened write-only); mmap (90, old_mmap()): the six
 *     arguments read from user memory with copy_from_user() (EFAULT),
 *     the offset in bytes (EINVAL when not page aligned), then as mmap2;
 *     madvise (219): mm_madvise() (MADV_DONTNEED zaps the pages, the
 *     fork advice marks the VMAs, the rest validated as 6.1 does);
 *   getuid (24), getgid (47), geteuid (49), getegid (50), their *32 forms
 *     (199-202), getresuid32 (209), getresgid32 (211): root, all 0;
 *     getppid (64), getpgrp (65), getpgid (132), getsid (147), setpgid
 *     (57), setsid (66); set_tid_address (258), set_robust_list (311);
 *     prctl (172: PR_SET_NAME, PR_GET_NAME, PR_[GS]ET_PDEATHSIG,
 *     PR_[GS]ET_DUMPABLE); uname (122), olduname (109), oldolduname
 *     (59): the VM kernel's; getrlimit (76), ugetrlimit (191), setrlimit
 *     (75), prlimit64 (340): rlimit.h's limits; getrandom (355): a crng
 *     never ready (GRND_NONBLOCK is EAGAIN) and the same bytes in every
 *     run - all proc_calls.h;
 *   time (13), gettimeofday (78), clock_gettime (265), clock_getres
 *     (266), clock_gettime64 (403), clock_getres_time64 (406): the
 *     modelled clock of clock_calls.h, which advances 1 us per read;
 *   rseq (386): rseq.h - the registration as 6.1 checks it, and the
 *     update of cpu_id_start, cpu_id and rseq_cs before the process next
 *     returns to user mode (after the registration, in a fork's child,
 *     after a call that slept), with the kernel's accesses and faults;
 *   set_thread_area (243), get_thread_area (244): the process's three
 *     TLS descriptors (tls.h: the user_desc read with copy_from_user(),
 *     entry -1 the first free one, stored back with put_user(); EINVAL,
 *     ESRCH, EFAULT as arch/x86/kernel/tls.c gives them); the CPU's GDT
 *     holds them from the call's return on;
 * and the descriptor calls of fd_syscalls.h (pread64, pwrite64, pipe,
 * pipe2, dup, dup2, dup3, fcntl, fcntl64, ioctl, readlink, readlinkat,
 * getcwd, stat64, lstat64, fstat64, fstatat64, statx, getdents64,
 * sendfile, sendfile64), with what they add to open, read, write and execve:
 *   open: a host directory opens read-only (EISDIR for writing; O_DIRECTORY
 *     on anything else is ENOTDIR), for getdents64; O_CLOEXEC sets the
 *     descriptor's FD_CLOEXEC, and execve() closes those descriptors;
 *   read, write: a pipe (pipe.h: a read of an empty pipe with writers and
 *     a write to a full one would sleep; a write with no reader is EPIPE
 *     and SIGPIPE, acted on as the call returns); a directory is EISDIR; the
 *     output (descriptors 1 and 2, files.h) is written as a regular file
 *     is, fault_in_readable() first.
 * Any other number is ENOSYS, and the result says it is not modelled.
 */
#ifndef ELFAULT_SYSCALLS_H
#define ELFAULT_SYSCALLS_H

#include <stdbool.h>
#include <stdint.h>

#include "error.h"
#include "mapped_file.h"
#include "process.h"
#include "rw_syscalls.h"
#include "uaccess.h"

enum sys_number {
	SYS_EXIT = 1, SYS_READ = 3, SYS_WRITE = 4, SYS_OPEN = 5, SYS_CLOSE = 6,
	SYS_WAITPID = 7, SYS_EXECVE = 11, SYS_TIME = 13, SYS_LSEEK = 19,
	SYS_GETPID = 20, SYS_GETUID = 24, SYS_KILL = 37, SYS_DUP = 41,
	SYS_PIPE = 42, SYS_BRK = 45, SYS_GETGID = 47, SYS_GETEUID = 49,
	SYS_GETEGID = 50, SYS_IOCTL = 54, SYS_FCNTL = 55, SYS_SETPGID = 57,
	SYS_OLDOLDUNAME = 59, SYS_DUP2 = 63, SYS_GETPPID = 64,
	SYS_GETPGRP = 65, SYS_SETSID = 66, SYS_SETRLIMIT = 75,
	SYS_GETRLIMIT = 76, SYS_GETTIMEOFDAY = 78, SYS_READLINK = 85,
	SYS_MMAP = 90, SYS_MUNMAP = 91, SYS_OLDUNAME = 109, SYS_WAIT4 = 114,
	SYS_UNAME = 122, SYS_MPROTECT = 125, SYS_GETPGID = 132,
	SYS_LLSEEK = 140, SYS_GETSID = 147, SYS_PRCTL = 172,
	SYS_RT_SIGACTION = 174, SYS_RT_SIGPROCMASK = 175,
	SYS_RT_SIGPENDING = 176, SYS_PREAD64 = 180, SYS_PWRITE64 = 181,
	SYS_GETCWD = 183, SYS_SENDFILE = 187, SYS_UGETRLIMIT = 191,
	SYS_MMAP2 = 192,
	SYS_STAT64 = 195, SYS_LSTAT64 = 196, SYS_FSTAT64 = 197,
	SYS_GETUID32 = 199, SYS_GETGID32 = 200, SYS_GETEUID32 = 201,
	SYS_GETEGID32 = 202, SYS_GETRESUID32 = 209, SYS_GETRESGID32 = 211,
	SYS_MADVISE = 219, SYS_GETDENTS64 = 220, SYS_FCNTL64 = 221,
	SYS_SENDFILE64 = 239, SYS_SET_THREAD_AREA = 243,
	SYS_GET_THREAD_AREA = 244, SYS_EXIT_GROUP = 252,
	SYS_SET_TID_ADDRESS = 258, SYS_CLOCK_GETTIME = 265,
	SYS_CLOCK_GETRES = 266, SYS_OPENAT = 295, SYS_FSTATAT64 = 300,
	SYS_READLINKAT = 305, SYS_SET_ROBUST_LIST = 311, SYS_DUP3 = 330,
	SYS_PIPE2 = 331, SYS_PRLIMIT64 = 340, SYS_GETRANDOM = 355,
	SYS_STATX = 383, SYS_RSEQ = 386, SYS_CLOCK_GETTIME64 = 403,
	SYS_CLOCK_GETRES_TIME64 = 406,
};

/* openat()'s "the current directory". */
#define SYS_AT_FDCWD (-100)

/* Where a call runs: the machine, the calling process (current), how the
 * kernel's accesses to its memory are made, and how a path names a file
 * of the host: LOOKUP returns 0 with FILE filled (mapped_file_stat()), or
 * -errno (ENOENT, EACCES, ENOTDIR...). */
struct sys_context {
	struct machine *m;
	struct process *p;
	const struct uaccess *u;
	int (*lookup)(void *ctx, const char *path, struct mapped_file *file);
	/* execve(): the ELF image of the host file PATH names, opened and
	 * kept by the caller, or NULL with *ERROR an errno. */
	struct elf_image *(*open_image)(void *ctx, const char *path,
					int *error);
	void *lookup_ctx;
	/* what an execve()'d program's PT_INTERP may name (NULL: any) */
	const struct host_access *access;
	/* The canonical host path PATH names (its last link followed when
	 * FOLLOW) into *REAL, the caller's to free: 0, or -errno (ENOENT,
	 * ENOTDIR, ELOOP...; EACCES for a path the run may not read). */
	int (*resolve)(void *ctx, const char *path, bool follow, char **real);
};

enum { SYS_PATH_SHOWN = 128 };

struct sys_result {
	int32_t value;		/* eax: the result, or -errno */
	bool not_modelled;	/* no such call in the model: ENOSYS, which
				 * the kernel may not have answered */
	bool dead;		/* an access ended in an Oops: no return */
	bool ended;		/* exit, or a signal the call sent to its own
				 * process: no return */
	bool would_block;	/* wait4 with no child ready and no WNOHANG,
				 * a pipe's read or write: the caller would
				 * sleep (the result is 0) */
	bool woke;		/* a pipe's read, write or last close woke
				 * those that sleep on it
				 * (wake_up_interruptible_sync_poll()) */
	struct elf_image *image;	/* execve: the new program's */
	bool has_rw;		/* read, write: RW says what moved */
	struct rw_result rw;
	char path[SYS_PATH_SHOWN];	/* open: the path it read (cut) */
};

/* The call NR with ARG (ebx, ecx, edx, esi, edi, ebp) by C->p, and
 * what the kernel does before the process returns to user mode
 * (exit_to_user_mode_loop()): a pending signal it may act on is acted
 * on (signal_calls.h: the process may end), then rseq's fields are
 * updated when due (rseq.h).  A call that would sleep marks the process
 * scheduled out (rseq_preempt()).  Returns 0 with RES filled, or -1
 * with ERR: the machine's errors (memory), the descriptor table's, or an
 * access's. */
int sys_call(const struct sys_context *c, uint32_t nr, const uint32_t arg[6],
	     struct sys_result *res, struct ef_error *err);

/* The return to user mode of C->p when it runs again without a call to
 * finish - a fork's child running for the first time: the pending
 * signals and rseq's update, as sys_call() ends.  Returns 0 with RES's
 * dead and ended set, or -1 with ERR. */
int sys_return_to_user(const struct sys_context *c, struct sys_result *res,
		       struct ef_error *err);

/* One call's function, as the modules that hold the calls
 * (proc_calls.h, clock_calls.h, signal_calls.h, rseq.h) give them. */
typedef int sys_fn(const struct sys_context *c, const uint32_t arg[6],
		   struct sys_result *res, struct ef_error *err);

/* For those modules: TASK_SIZE of C->p, access_ok()'s limit. */
uint32_t sys_task_size(const struct sys_context *c);

/* An access's end: 0 (the call's result stands), or -1 on an error; an
 * Oops (UACCESS_DEAD) marks RES dead. */
int sys_access_end(int rc, struct sys_result *res);

/* copy_to_user() and copy_from_user() of N bytes between USER and
 * KBUF, a kernel buffer at KADDR (its low bits choose __copy_user_ll()'s
 * path when N is 64 or more): access_ok(), then the copy.  Returns 0 with
 * *FAILED set when not every byte was copied (EFAULT), UACCESS_DEAD, or
 * -1 on an error. */
int sys_copy_to_user(const struct sys_context *c, uint32_t user,
		     const void *kbuf, uint32_t kaddr, uint32_t n,
		     bool *failed);
int sys_copy_from_user(const struct sys_context *c, uint32_t user,
		       void *kbuf, uint32_t kaddr, uint32_t n, bool *failed);

/* The live process (or zombie) PID, or NULL. */
struct process *sys_process(const struct sys_context *c, int pid);

/* The name of call NR ("open"), or NULL for one not modelled. */
const char *sys_name(uint32_t nr);

/* The number of the call named NAME into *NR; false when elfault models
 * none of that name. */
bool sys_number(const char *name, uint32_t *nr);

#endif
