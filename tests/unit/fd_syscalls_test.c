/* fd_syscalls_test.c - the descriptor calls on the seed program, one
 * table of calls in order with the results Linux 6.1 gives (the VM's,
 * where tests/run.sh's rp-fds and rp-pipe do not already ask it): dup,
 * dup2, dup3, fcntl, ioctl, pread64, pwrite64, pipe, pipe2, getdents64,
 * readlink, fstat64, statx, fstatat64, sendfile64 - their errnos for bad
 * descriptors, flags, offsets and commands, and what the good ones store. */
#include <config.h>

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "file_stat.h"
#include "kernel_text.h"
#include "syscalls.h"
#include "world.h"

/* Addresses in the seed program's .bss (0x08049800, 4 KiB). */
enum {
	BUF = 0x08049800u, PATH_EXE = 0x08049c00u, PATH_NULL = 0x08049c40u,
	PATH_EMPTY = 0x08049c60u, PATH_DOT = 0x08049c70u,
};

static int lookup(void *ctx, const char *path, struct mapped_file *file)
{
	struct ef_error err = { 0 };

	(void)ctx;
	return mapped_file_stat(file, path, &err) == 0 ? 0 : -ENOENT;
}

static int resolve(void *ctx, const char *path, bool follow, char **real)
{
	(void)ctx;
	(void)follow;
	*real = realpath(path, NULL);
	return *real != NULL ? 0 : -errno;
}

static void poke(struct world *w, struct kernel_faults *k, uint32_t at,
		 const char *text)
{
	kernel_access(k, KTEXT_UNNAMED, MMU_WRITE, at, (unsigned)strlen(text) + 1,
		      (uint8_t *)text);
	(void)w;
}

static uint32_t peek32(struct kernel_faults *k, uint32_t at)
{
	uint8_t b[4];

	kernel_access(k, KTEXT_UNNAMED, MMU_READ, at, 4, b);
	return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 |
	       (uint32_t)b[3] << 24;
}

#define NEG(e) ((uint32_t)-(e))

static const struct {
	uint32_t nr, arg[6];
	int32_t result;
	const char *what;
} calls[] = {
	{ SYS_DUP, { 0 }, 3, "dup(0): the lowest free descriptor" },
	{ SYS_DUP, { 99 }, -EBADF, "dup() of no descriptor: EBADF" },
	{ SYS_DUP2, { 1, 1 }, 1, "dup2(1, 1): 1" },
	{ SYS_DUP2, { 7, 7 }, -EBADF, "dup2(7, 7) of no descriptor: EBADF" },
	{ SYS_DUP3, { 1, 1, 0 }, -EINVAL, "dup3(1, 1): EINVAL" },
	{ SYS_DUP3, { 1, 5, 1 }, -EINVAL, "dup3() with a bad flag: EINVAL" },
	{ SYS_DUP3, { 1, 1024, 0 }, -EBADF, "dup3() past RLIMIT_NOFILE: EBADF" },
	{ SYS_DUP3, { 1, 5, 02000000 }, 5, "dup3(1, 5, O_CLOEXEC): 5" },
	{ SYS_FCNTL, { 5, 1 }, 1, "its FD_CLOEXEC is set" },
	{ SYS_FCNTL, { 3, 1 }, 0, "dup()'s is not" },
	{ SYS_FCNTL, { 0, 3 }, 0100000, "F_GETFL of 0: O_RDONLY|O_LARGEFILE" },
	{ SYS_FCNTL64, { 1, 3 }, 0100001, "F_GETFL of 1: O_WRONLY|O_LARGEFILE" },
	{ SYS_FCNTL, { 1, 0, 10 }, 10, "F_DUPFD 10: 10" },
	{ SYS_FCNTL, { 1, 0, 1024 }, -EINVAL, "F_DUPFD 1024: EINVAL" },
	{ SYS_FCNTL, { 1, 1030, 0 }, 4, "F_DUPFD_CLOEXEC 0: 4" },
	{ SYS_FCNTL, { 4, 1 }, 1, "with FD_CLOEXEC" },
	{ SYS_FCNTL, { 4, 2, 0 }, 0, "F_SETFD 0" },
	{ SYS_FCNTL, { 4, 1 }, 0, "clears it" },
	{ SYS_FCNTL, { 1, 99 }, -EINVAL, "an unknown command: EINVAL" },
	{ SYS_FCNTL, { 99, 1 }, -EBADF, "no descriptor: EBADF" },
	{ SYS_FCNTL, { 10, 4, 04000 | 02000 | 01 }, 0,
	  "F_SETFL O_NONBLOCK|O_APPEND (and O_WRONLY, ignored)" },
	{ SYS_FCNTL, { 1, 3 }, 0104001 | 02000, "the description's flags" },
	{ SYS_IOCTL, { 0, 0x5401, BUF }, -ENOTTY, "TCGETS on /dev/null" },
	{ SYS_IOCTL, { 1, 0x5413, BUF }, -ENOTTY, "TIOCGWINSZ on the output" },
	{ SYS_IOCTL, { 99, 0x5401, BUF }, -EBADF, "ioctl() of no descriptor" },
	{ SYS_IOCTL, { 3, 0x5451 }, 0, "FIOCLEX" },
	{ SYS_FCNTL, { 3, 1 }, 1, "sets FD_CLOEXEC" },
	{ SYS_IOCTL, { 3, 0x5450 }, 0, "FIONCLEX" },
	{ SYS_FCNTL, { 3, 1 }, 0, "clears it" },
	{ SYS_IOCTL, { 1, 0x541b, BUF }, 0, "FIONREAD on the output" },
	{ SYS_PREAD64, { 0, BUF, 4, 0, 0 }, 0, "pread64() of /dev/null: 0" },
	{ SYS_PREAD64, { 99, BUF, 4, 0, 0x80000000 }, -EINVAL,
	  "a negative offset: EINVAL, before the descriptor" },
	{ SYS_PREAD64, { 99, BUF, 4, 0, 0 }, -EBADF, "no descriptor: EBADF" },
	{ SYS_PREAD64, { 1, BUF, 4, 0, 0 }, -EBADF, "a write-only one: EBADF" },
	{ SYS_PWRITE64, { 0, BUF, 4, 0, 0 }, -EBADF, "pwrite64() of a read-only one" },
	{ SYS_PWRITE64, { 1, BUF, 4, 0x1000, 0 }, 4, "pwrite64() of the output" },
	{ SYS_PIPE2, { BUF, 1 }, -EINVAL, "pipe2() with a bad flag: EINVAL" },
	{ SYS_PIPE2, { 0xc0000000u, 0 }, -EFAULT,
	  "pipe2() into the kernel's half: EFAULT" },
	{ SYS_PIPE, { BUF }, 0, "pipe(): 0" },
	{ SYS_PREAD64, { 6, BUF + 8, 4, 0, 0 }, -ESPIPE, "pread64() of a pipe: ESPIPE" },
	{ SYS_LSEEK, { 7, 0, 0 }, -ESPIPE, "lseek() of a pipe: ESPIPE" },
	{ SYS_FCNTL, { 7, 3 }, 1, "the write end is O_WRONLY" },
	{ SYS_GETDENTS64, { 0, BUF, 100 }, -ENOTDIR, "getdents64() of a file" },
	{ SYS_GETDENTS64, { 99, BUF, 100 }, -EBADF, "getdents64() of nothing" },
	{ SYS_READLINK, { PATH_EXE, BUF, 0 }, -EINVAL, "readlink() bufsiz 0" },
	{ SYS_READLINK, { PATH_NULL, BUF, 100 }, -EINVAL,
	  "readlink() of no link: EINVAL" },
	{ SYS_READLINK, { PATH_EMPTY, BUF, 100 }, -ENOENT, "readlink(\"\"): ENOENT" },
	{ SYS_READLINKAT, { 0, PATH_DOT, BUF, 100 }, -ENOTDIR,
	  "readlinkat() relative to a file: ENOTDIR" },
	{ SYS_READLINK, { PATH_EXE, BUF, 4 }, 4, "readlink() cut to bufsiz" },
	{ SYS_FSTAT64, { 99, BUF }, -EBADF, "fstat64() of nothing" },
	{ SYS_FSTAT64, { 0, 0xbfffffc0u }, -EFAULT,
	  "fstat64() reaching the kernel's half: EFAULT" },
	{ SYS_STATX, { NEG(100), PATH_NULL, 0x8000, 0x7ff, BUF }, -EINVAL,
	  "statx() with a bad flag" },
	{ SYS_STATX, { NEG(100), PATH_NULL, 0x6000, 0x7ff, BUF }, -EINVAL,
	  "statx() with both sync flags" },
	{ SYS_STATX, { NEG(100), PATH_NULL, 0, 0x80000000u, BUF }, -EINVAL,
	  "statx() with STATX__RESERVED" },
	{ SYS_STATX, { NEG(100), PATH_EMPTY, 0, 0x7ff, BUF }, -ENOENT,
	  "statx(\"\") without AT_EMPTY_PATH: ENOENT" },
	{ SYS_FSTATAT64, { NEG(100), PATH_NULL, BUF, 1 }, -EINVAL,
	  "fstatat64() with a bad flag" },
	{ SYS_SENDFILE64, { 1, 0, 0, 10 }, -EINVAL,
	  "sendfile64() from /dev/null: EINVAL" },
	{ SYS_SENDFILE64, { 1, 99, 0, 10 }, -EBADF, "sendfile64() from nothing" },
	{ SYS_SENDFILE64, { 99, 1, 0, 10 }, -EBADF,
	  "sendfile64() from the write-only output: EBADF" },
	{ SYS_GETCWD, { BUF, 1 }, -ERANGE, "getcwd() into 1 byte: ERANGE" },
	{ SYS_GETCWD, { 0xc0000000u, 4096 }, -EFAULT,
	  "getcwd() into the kernel's half: EFAULT" },
	{ SYS_FSTAT64, { 0, BUF }, 0, "fstat64(0): 0" },
};

int main(void)
{
	struct world w;
	struct kernel_faults k = { 0 };
	struct uaccess u = { kernel_access, &k, 7 };
	struct sys_context c = { .lookup = lookup, .resolve = resolve };
	struct sys_result res;

	world_start(&w, "seed/a.out");
	k.m = &w.m;
	k.p = w.p;
	c.m = &w.m;
	c.p = w.p;
	c.u = &u;
	poke(&w, &k, PATH_EXE, "/proc/self/exe");
	poke(&w, &k, PATH_NULL, "/dev/null");
	poke(&w, &k, PATH_EMPTY, "");
	poke(&w, &k, PATH_DOT, "exe");
	for (size_t i = 0; i < sizeof calls / sizeof calls[0]; i++) {
		int rc = sys_call(&c, calls[i].nr, calls[i].arg, &res, NULL);

		tap_ok(rc == 0 && res.value == calls[i].result, "%s %s",
		       sys_name(calls[i].nr), calls[i].what);
		if (res.value != calls[i].result)
			printf("#   got %d, want %d\n", res.value,
			       calls[i].result);
	}
	{
		char cwd[4096];
		const uint32_t getcwd_arg[6] = { BUF + 0x100, 4096 };

		tap_ok(getcwd(cwd, sizeof cwd) != NULL &&
		       sys_call(&c, SYS_GETCWD, getcwd_arg, &res, NULL) == 0 &&
		       res.value == (int32_t)strlen(cwd) + 1 &&
		       peek32(&k, BUF + 0x100) == (uint32_t)(cwd[0] |
			       cwd[1] << 8 | cwd[2] << 16 | cwd[3] << 24),
		       "getcwd(): the current directory and its length");
	}
	tap_eq_u64(peek32(&k, BUF + 32), 0x103, "fstat64(0): st_rdev 1:3");
	tap_eq_u64(peek32(&k, BUF + 16), FILE_S_IFCHR | 0666,
		   "fstat64(0): st_mode crw-rw-rw-");
	world_stop(&w);
	return tap_done();
}
