/* proc_calls_test.c - the process-state calls through sys_call(), on the
 * seed program: results and errnos (tables; the values the i386 VM's 6.1
 * kernel gave for the same calls, see testdata/run/proc-calls.s), the
 * bytes the calls store, and what the task state does across fork and
 * execve - rseq's update, signals, madvise's zap and fork advice. */
#include <config.h>

#include <errno.h>
#include <string.h>

#include "clock_calls.h"
#include "kernel_text.h"
#include "mm_syscalls.h"
#include "proc_calls.h"
#include "rlimit.h"
#include "syscalls.h"
#include "tap.h"
#include "world.h"

#define BUF 0x40000000u		/* two anonymous pages the tests map */
#define NO_ARGS { 0 }

struct env {
	struct world w;
	struct kernel_faults k;
	struct uaccess u;
	struct sys_context c;
};

static int no_lookup(void *ctx, const char *path, struct mapped_file *file)
{
	(void)ctx, (void)path, (void)file;
	return -ENOENT;
}

static struct elf_image *no_image(void *ctx, const char *path, int *error)
{
	(void)ctx, (void)path;
	*error = ENOENT;
	return NULL;
}

/* The seed program exec'd, BUF mapped (read-write, anonymous). */
static void env_start(struct env *e)
{
	struct mm_result r;

	world_start(&e->w, "seed/a.out");
	e->k = (struct kernel_faults){ .m = &e->w.m, .p = e->w.p };
	e->u = (struct uaccess){ kernel_access, &e->k, 7 };
	e->c = (struct sys_context){ &e->w.m, e->w.p, &e->u, no_lookup,
				     no_image, NULL, NULL, NULL };
	mm_mmap(&e->w.m, e->w.p, BUF, 0x2000, MM_PROT_READ | MM_PROT_WRITE,
		MM_MAP_ANONYMOUS | MM_MAP_PRIVATE | MM_MAP_FIXED, NULL, false, 0,
		0, &r, NULL);
}

/* Make P the caller (and the running process). */
static void env_become(struct env *e, struct process *p)
{
	process_switch(&e->w.m, p);
	e->k.p = p;
	e->c.p = p;
}

static int32_t call(struct env *e, uint32_t nr, uint32_t a0, uint32_t a1,
		    uint32_t a2, uint32_t a3)
{
	const uint32_t arg[6] = { a0, a1, a2, a3, 0, 0 };
	struct sys_result res;

	if (sys_call(&e->c, nr, arg, &res, NULL) != 0)
		return -100000;
	return res.value;
}

/* N bytes at ADDR of the caller, as the kernel reads them. */
static void peek(struct env *e, uint32_t addr, void *buf, unsigned n)
{
	memset(buf, 0, n);
	for (unsigned i = 0; i < n; i++)
		kernel_access(&e->k, KTEXT_UNNAMED, MMU_READ, addr + i, 1,
			      (uint8_t *)buf + i);
}

static void poke(struct env *e, uint32_t addr, const void *buf, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		kernel_access(&e->k, KTEXT_UNNAMED, MMU_WRITE, addr + i, 1,
			      (uint8_t *)buf + i);
}

static uint32_t peek32(struct env *e, uint32_t addr)
{
	uint8_t b[4];

	peek(e, addr, b, 4);
	return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 |
	       (uint32_t)b[3] << 24;
}

static void poke32(struct env *e, uint32_t addr, uint32_t v)
{
	const uint8_t b[4] = { (uint8_t)v, (uint8_t)(v >> 8),
			       (uint8_t)(v >> 16), (uint8_t)(v >> 24) };

	poke(e, addr, b, 4);
}

/* ---- results and errnos: one call each, on a fresh process ----------- */

static void test_results(void)
{
	static const struct {
		uint32_t nr, arg[4];
		int32_t want;
		const char *what;
	} cases[] = {
		{ SYS_GETUID, NO_ARGS, 0, "getuid: root" },
		{ SYS_GETEGID32, NO_ARGS, 0, "getegid32: root" },
		{ SYS_GETPPID, NO_ARGS, 0, "getppid: exec'd, no parent" },
		{ SYS_GETPGRP, NO_ARGS, 0, "getpgrp: init's group, 0" },
		{ SYS_GETPGID, { 0 }, 0, "getpgid(0)" },
		{ SYS_GETPGID, { 99999 }, -ESRCH, "getpgid(99999): ESRCH" },
		{ SYS_GETSID, { 1 }, 0, "getsid(1): session 0" },
		{ SYS_GETSID, { 99999 }, -ESRCH, "getsid(99999): ESRCH" },
		{ SYS_SETPGID, { 2, 0 }, -ESRCH, "setpgid(2, 0): no process" },
		{ SYS_SETPGID, { 0, 99999 }, -EPERM,
		  "setpgid(0, 99999): no such group" },
		{ SYS_SETPGID, { 0, -5u }, -EINVAL, "setpgid: negative pgid" },
		{ SYS_SETSID, NO_ARGS, 1, "setsid: a new session, its pid" },
		{ SYS_SET_TID_ADDRESS, { 0xc0000000 }, 1,
		  "set_tid_address: the pid, the pointer not looked at" },
		{ SYS_SET_ROBUST_LIST, { BUF, 12 }, 0, "set_robust_list: 12" },
		{ SYS_SET_ROBUST_LIST, { BUF, 24 }, -EINVAL,
		  "set_robust_list: 24 is EINVAL" },
		{ SYS_PRCTL, { 9999 }, -EINVAL, "prctl(9999): EINVAL" },
		{ SYS_PRCTL, { 0 }, -EINVAL, "prctl(0): EINVAL" },
		{ SYS_PRCTL, { 16, 0xc0000000 }, -EFAULT,
		  "PR_GET_NAME to a kernel address: EFAULT" },
		{ SYS_PRCTL, { 15, 0 }, -EFAULT, "PR_SET_NAME from NULL" },
		{ SYS_PRCTL, { 3 }, 1, "PR_GET_DUMPABLE: 1" },
		{ SYS_PRCTL, { 4, 2 }, -EINVAL, "PR_SET_DUMPABLE 2: EINVAL" },
		{ SYS_PRCTL, { 1, 65 }, -EINVAL, "PR_SET_PDEATHSIG 65: EINVAL" },
		{ SYS_UNAME, { 0xc0000000 }, -EFAULT, "uname: EFAULT" },
		{ SYS_OLDUNAME, { 0 }, -EFAULT, "olduname(NULL): EFAULT" },
		{ SYS_UGETRLIMIT, { 16, BUF }, -EINVAL, "ugetrlimit(16)" },
		{ SYS_UGETRLIMIT, { 3, 0 }, -EFAULT, "ugetrlimit(3, NULL)" },
		{ SYS_GETRLIMIT, { 16, BUF }, -EINVAL, "getrlimit(16)" },
		{ SYS_SETRLIMIT, { 3, 0xc0000000 }, -EFAULT,
		  "setrlimit from a kernel address" },
		{ SYS_PRLIMIT64, { 99999, 3, 0, BUF }, -ESRCH,
		  "prlimit64 of no process" },
		{ SYS_PRLIMIT64, { 0, 3, 0, 0 }, 0, "prlimit64 asking nothing" },
		{ SYS_GETRANDOM, { BUF, 4, 1 }, -EAGAIN,
		  "getrandom NONBLOCK: the crng is not ready" },
		{ SYS_GETRANDOM, { 0xc0000000, 4, 1 }, -EAGAIN,
		  "getrandom NONBLOCK: EAGAIN before the pointer" },
		{ SYS_GETRANDOM, { BUF, 4, 8 }, -EINVAL, "getrandom flag 8" },
		{ SYS_GETRANDOM, { BUF, 4, 6 }, -EINVAL,
		  "getrandom INSECURE|RANDOM" },
		{ SYS_GETRANDOM, { BUF, 4, 4 }, 4, "getrandom INSECURE: 4" },
		{ SYS_GETRANDOM, { BUF, 100, 0 }, 100, "getrandom blocking" },
		{ SYS_GETRANDOM, { 0xbffffff0, 100, 0 }, -EFAULT,
		  "getrandom past TASK_SIZE" },
		{ SYS_CLOCK_GETTIME64, { 100, BUF }, -EINVAL, "clock 100" },
		{ SYS_CLOCK_GETTIME64, { 10, BUF }, -EINVAL, "clock 10" },
		{ SYS_CLOCK_GETTIME64, { 11, BUF }, 0, "CLOCK_TAI" },
		{ SYS_CLOCK_GETTIME64, { -1u, BUF }, -EINVAL, "clock -1" },
		{ SYS_CLOCK_GETTIME64, { -6u, BUF }, 0,
		  "clock -6: the caller's thread CPU clock" },
		{ SYS_CLOCK_GETTIME64, { -994u, BUF }, -EINVAL,
		  "another thread's CPU clock" },
		{ SYS_CLOCK_GETTIME64, { 1, 0xc0000000 }, -EFAULT,
		  "clock_gettime64 to a kernel address" },
		{ SYS_CLOCK_GETTIME, { 1, 0 }, -EFAULT,
		  "clock_gettime to NULL" },
		{ SYS_CLOCK_GETRES, { 1, 0 }, 0, "clock_getres to NULL: 0" },
		{ SYS_CLOCK_GETRES, { 100, BUF }, -EINVAL, "clock_getres 100" },
		{ SYS_GETTIMEOFDAY, { 0, 0 }, 0, "gettimeofday(NULL, NULL)" },
		{ SYS_GETTIMEOFDAY, { 0xc0000000, 0 }, -EFAULT,
		  "gettimeofday to a kernel address" },
		{ SYS_TIME, { 0xc0000000 }, -EFAULT, "time to a kernel address" },
		{ SYS_RT_SIGACTION, { 9, BUF, 0, 8 }, -EINVAL,
		  "a handler for SIGKILL" },
		{ SYS_RT_SIGACTION, { 19, BUF, 0, 8 }, -EINVAL,
		  "a handler for SIGSTOP" },
		{ SYS_RT_SIGACTION, { 9, 0, BUF, 8 }, 0, "SIGKILL's, asked" },
		{ SYS_RT_SIGACTION, { 10, BUF, 0, 7 }, -EINVAL,
		  "sigsetsize 7" },
		{ SYS_RT_SIGACTION, { 0, BUF, 0, 8 }, -EINVAL, "signal 0" },
		{ SYS_RT_SIGACTION, { 65, BUF, 0, 8 }, -EINVAL, "signal 65" },
		{ SYS_RT_SIGACTION, { 64, BUF, 0, 8 }, 0, "signal 64" },
		{ SYS_RT_SIGACTION, { 12, 0xc0000000, 0, 8 }, -EFAULT,
		  "the new action from a kernel address" },
		{ SYS_RT_SIGACTION, { 12, 0, 0xc0000000, 8 }, -EFAULT,
		  "the old action to a kernel address" },
		{ SYS_RT_SIGPROCMASK, { 3, BUF, 0, 8 }, -EINVAL, "how 3" },
		{ SYS_RT_SIGPROCMASK, { 3, 0, BUF, 8 }, 0,
		  "how 3 without a set: not looked at" },
		{ SYS_RT_SIGPROCMASK, { 0, BUF, 0, 4 }, -EINVAL,
		  "sigsetsize 4" },
		{ SYS_RT_SIGPENDING, { BUF, 9 }, -EINVAL, "rt_sigpending 9" },
		{ SYS_KILL, { 1, 65 }, -EINVAL, "kill with signal 65" },
		{ SYS_KILL, { 99999, 0 }, -ESRCH, "kill of no process" },
		{ SYS_KILL, { 0x80000000u, 0 }, -ESRCH, "kill(INT_MIN)" },
		{ SYS_KILL, { 1, 0 }, 0, "kill(self, 0)" },
		{ SYS_KILL, { -1u, 0 }, -ESRCH, "kill(-1): no other process" },
		{ SYS_MADVISE, { BUF + 1, 4096, 4 }, -EINVAL,
		  "madvise unaligned" },
		{ SYS_MADVISE, { BUF, 4096, 999 }, -EINVAL, "advice 999" },
		{ SYS_MADVISE, { BUF, 4096, 25 }, -EINVAL,
		  "MADV_COLLAPSE: THP never" },
		{ SYS_MADVISE, { BUF, 4096, 9 }, -EINVAL,
		  "MADV_REMOVE of anonymous memory" },
		{ SYS_MADVISE, { 0x30000000, 4096, 3 }, -ENOMEM,
		  "madvise of nothing mapped" },
		{ SYS_MADVISE, { BUF, 0, 4 }, 0, "madvise of 0 bytes" },
		{ SYS_MADVISE, { BUF, 0xffffffff, 4 }, -EINVAL,
		  "a length that wraps" },
		{ SYS_MADVISE, { 0x08048000, 4096, 18 }, -EINVAL,
		  "MADV_WIPEONFORK of a file" },
		{ SYS_MADVISE, { 0x08048000, 4096, 8 }, -EINVAL,
		  "MADV_FREE of a file" },
		{ SYS_MADVISE, { 0x08048000, 4096, 23 }, -EINVAL,
		  "MADV_POPULATE_WRITE of read-only text" },
		{ SYS_MADVISE, { 0x08048000, 4096, 4 }, 0,
		  "MADV_DONTNEED of text" },
		{ SYS_MADVISE, { BUF - 0x1000, 0x3000, 3 }, -ENOMEM,
		  "a range that begins in a hole" },
		{ SYS_MMAP, { 0xc0000000 }, -EFAULT,
		  "mmap's arguments from a kernel address" },
		{ SYS_RSEQ, { BUF, 31, 0, 0x53053053 }, -EINVAL, "rseq len 31" },
		{ SYS_RSEQ, { BUF + 4, 32, 0, 0x53053053 }, -EINVAL,
		  "rseq not 32-byte aligned" },
		{ SYS_RSEQ, { BUF, 64, 0, 0x53053053 }, -EINVAL,
		  "rseq len 64: 6.1 knows no longer area" },
		{ SYS_RSEQ, { BUF, 32, 2, 0x53053053 }, -EINVAL, "rseq flag 2" },
		{ SYS_RSEQ, { 0xc0000000, 32, 0, 0x53053053 }, -EFAULT,
		  "rseq at a kernel address" },
		{ SYS_RSEQ, { BUF, 32, 1, 0x53053053 }, -EINVAL,
		  "rseq unregistering none" },
		{ 500, NO_ARGS, -ENOSYS, "call 500: ENOSYS" },
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct env e;

		env_start(&e);
		tap_eq_u64((uint32_t)call(&e, cases[i].nr, cases[i].arg[0],
					  cases[i].arg[1], cases[i].arg[2],
					  cases[i].arg[3]),
			   (uint32_t)cases[i].want, "%s", cases[i].what);
		world_stop(&e.w);
	}
}

/* ---- the bytes stored ------------------------------------------------- */

static void test_uname(void)
{
	struct env e;
	char b[390], old[45];

	env_start(&e);
	tap_eq_u64(call(&e, SYS_UNAME, BUF, 0, 0, 0), 0, "uname: 0");
	peek(&e, BUF, b, sizeof b);
	tap_eq_str(b, "Linux", "uname: sysname");
	tap_eq_str(b + 65, "(none)", "uname: nodename");
	tap_eq_str(b + 130, "6.1.0-57-686", "uname: release");
	tap_eq_str(b + 195, "#1 SMP PREEMPT_DYNAMIC Debian 6.1.192-3 "
		   "(2026-11-26)", "uname: version");
	tap_eq_str(b + 260, "i686", "uname: machine");
	tap_eq_str(b + 325, "(none)", "uname: domainname");
	tap_eq_u64(call(&e, SYS_OLDOLDUNAME, BUF + 0x800, 0, 0, 0), 0,
		   "oldolduname: 0");
	peek(&e, BUF + 0x800, old, sizeof old);
	tap_eq_str(old + 18, "6.1.0-57", "oldolduname: release cut to 8");
	tap_eq_str(old + 27, "#1 SMP P", "oldolduname: version cut to 8");
	world_stop(&e.w);
}

static void test_name(void)
{
	struct env e;
	char name[16];
	const char *longname = "averyveryverylongname";

	env_start(&e);
	tap_eq_u64(call(&e, SYS_PRCTL, 16, BUF, 0, 0), 0, "PR_GET_NAME: 0");
	peek(&e, BUF, name, sizeof name);
	tap_eq_str(name, "a.out", "comm: the file name's last part");
	poke(&e, BUF + 64, longname, (unsigned)strlen(longname) + 1);
	tap_eq_u64(call(&e, SYS_PRCTL, 15, BUF + 64, 0, 0), 0, "PR_SET_NAME");
	call(&e, SYS_PRCTL, 16, BUF, 0, 0);
	peek(&e, BUF, name, sizeof name);
	tap_eq_str(name, "averyveryverylo", "PR_SET_NAME keeps 15 bytes");
	tap_eq_str(e.w.p->name, "averyveryverylo", "the process's comm");
	world_stop(&e.w);
}

/* The VM's limits: ugetrlimit, then getrlimit's 31-bit view. */
static void test_rlimits(void)
{
	static const struct {
		uint32_t resource, cur, max, old_cur, old_max;
	} vm[] = {
		{ 0, ~0u, ~0u, 0x7fffffff, 0x7fffffff },
		{ 3, 0x800000, ~0u, 0x800000, 0x7fffffff },
		{ 4, 0, ~0u, 0, 0x7fffffff },
		{ 6, 0x760, 0x760, 0x760, 0x760 },
		{ 7, 0x400, 0x1000, 0x400, 0x1000 },
		{ 8, 0x800000, 0x800000, 0x800000, 0x800000 },
		{ 11, 0x760, 0x760, 0x760, 0x760 },
		{ 12, 0xc8000, 0xc8000, 0xc8000, 0xc8000 },
		{ 13, 0, 0, 0, 0 },
		{ 15, ~0u, ~0u, 0x7fffffff, 0x7fffffff },
	};
	struct env e;
	uint8_t b[16];

	env_start(&e);
	for (size_t i = 0; i < sizeof vm / sizeof vm[0]; i++) {
		call(&e, SYS_UGETRLIMIT, vm[i].resource, BUF, 0, 0);
		tap_eq_u64(peek32(&e, BUF), vm[i].cur, "ugetrlimit(%u): soft",
			   vm[i].resource);
		tap_eq_u64(peek32(&e, BUF + 4), vm[i].max,
			   "ugetrlimit(%u): hard", vm[i].resource);
		call(&e, SYS_GETRLIMIT, vm[i].resource, BUF, 0, 0);
		tap_eq_u64(peek32(&e, BUF), vm[i].old_cur, "getrlimit(%u): "
			   "soft", vm[i].resource);
		tap_eq_u64(peek32(&e, BUF + 4), vm[i].old_max, "getrlimit(%u): "
			   "hard", vm[i].resource);
	}
	poke32(&e, BUF, 200);
	poke32(&e, BUF + 4, 100);
	tap_eq_u64((uint32_t)call(&e, SYS_SETRLIMIT, 7, BUF, 0, 0),
		   (uint32_t)-EINVAL, "setrlimit: soft above hard");
	poke32(&e, BUF, 2000000);
	poke32(&e, BUF + 4, 2000000);
	tap_eq_u64((uint32_t)call(&e, SYS_SETRLIMIT, 7, BUF, 0, 0),
		   (uint32_t)-EPERM, "setrlimit: NOFILE above nr_open");
	poke32(&e, BUF, 64);
	poke32(&e, BUF + 4, 512);
	tap_eq_u64(call(&e, SYS_SETRLIMIT, 7, BUF, 0, 0), 0, "setrlimit");
	memset(b, 0, sizeof b);
	b[0] = 100;
	b[8] = 200;
	poke(&e, BUF + 16, b, 16);
	tap_eq_u64(call(&e, SYS_PRLIMIT64, 0, 7, BUF + 16, BUF + 32), 0,
		   "prlimit64: set and get");
	tap_eq_u64(peek32(&e, BUF + 32), 64, "prlimit64: the old soft");
	tap_eq_u64(peek32(&e, BUF + 40), 512, "prlimit64: the old hard");
	call(&e, SYS_PRLIMIT64, 0, 3, 0, BUF + 32);
	tap_eq_u64(peek32(&e, BUF + 40), ~0u, "prlimit64: RLIM64_INFINITY's "
		   "low half");
	tap_eq_u64(peek32(&e, BUF + 44), ~0u, "and its high half");
	tap_eq_u64(e.w.p->rlim.cur[RLIMIT_NOFILE_], 100, "the limit kept");
	world_stop(&e.w);
}

static void test_clocks(void)
{
	struct env e;
	uint32_t first, second;

	env_start(&e);
	call(&e, SYS_CLOCK_GETTIME64, 1, BUF, 0, 0);
	first = peek32(&e, BUF + 8);
	call(&e, SYS_CLOCK_GETTIME64, 1, BUF, 0, 0);
	second = peek32(&e, BUF + 8);
	tap_eq_u64(first, CLOCK_READ_NS, "the monotonic clock: 1 us");
	tap_eq_u64(second - first, CLOCK_READ_NS, "then 1 us more");
	call(&e, SYS_CLOCK_GETTIME, 0, BUF, 0, 0);
	tap_eq_u64(peek32(&e, BUF), CLOCK_EPOCH, "CLOCK_REALTIME's seconds");
	tap_eq_u64(peek32(&e, BUF + 4), 3 * CLOCK_READ_NS,
		   "and its nanoseconds (old_timespec32)");
	call(&e, SYS_CLOCK_GETTIME, 6, BUF, 0, 0);
	tap_eq_u64(peek32(&e, BUF + 4), 0, "CLOCK_MONOTONIC_COARSE: the tick");
	call(&e, SYS_CLOCK_GETRES, 5, BUF, 0, 0);
	tap_eq_u64(peek32(&e, BUF + 4), 4000000, "a coarse clock's "
		   "resolution: 4 ms");
	call(&e, SYS_CLOCK_GETRES_TIME64, 0, BUF, 0, 0);
	tap_eq_u64(peek32(&e, BUF + 8), 1, "CLOCK_REALTIME's: 1 ns");
	call(&e, SYS_GETTIMEOFDAY, BUF, BUF + 8, 0, 0);
	tap_eq_u64(peek32(&e, BUF), CLOCK_EPOCH, "gettimeofday's seconds");
	tap_eq_u64(peek32(&e, BUF + 4), 5, "and microseconds");
	tap_eq_u64(peek32(&e, BUF + 8), 0, "the timezone: 0");
	tap_eq_u64((uint32_t)call(&e, SYS_TIME, BUF + 16, 0, 0, 0),
		   CLOCK_EPOCH, "time(): the seconds");
	tap_eq_u64(peek32(&e, BUF + 16), CLOCK_EPOCH, "stored too");
	world_stop(&e.w);
}

/* getrandom's bytes: the same for every machine, different each call. */
static void test_random(void)
{
	uint8_t a[8], b[8], c[8];
	struct env e;

	env_start(&e);
	call(&e, SYS_GETRANDOM, BUF, 8, 0, 0);
	peek(&e, BUF, a, 8);
	call(&e, SYS_GETRANDOM, BUF, 8, 0, 0);
	peek(&e, BUF, b, 8);
	world_stop(&e.w);
	env_start(&e);
	call(&e, SYS_GETRANDOM, BUF, 8, 0, 0);
	peek(&e, BUF, c, 8);
	world_stop(&e.w);
	tap_ok(memcmp(a, c, 8) == 0, "getrandom: every run the same bytes");
	tap_ok(memcmp(a, b, 8) != 0, "getrandom: each call others");
}

/* ---- rseq -------------------------------------------------------------- */

/* The registration's sequence on one process, as the VM answered it. */
static void test_rseq_calls(void)
{
	static const struct {
		uint32_t area, len, flags, sig;
		int32_t want;
		const char *what;
	} steps[] = {
		{ BUF + 32, 32, 0, 0x53053053, 0, "registered" },
		{ BUF + 32, 32, 0, 0x53053053, -EBUSY, "again: EBUSY" },
		{ BUF + 32, 32, 0, 0x12345678, -EPERM, "another sig: EPERM" },
		{ BUF, 32, 0, 0x53053053, -EINVAL, "another area: EINVAL" },
		{ BUF + 32, 33, 0, 0x53053053, -EINVAL, "another len" },
		{ BUF + 32, 32, 3, 0x53053053, -EINVAL, "flags 3" },
		{ BUF + 32, 32, 1, 0x12345678, -EPERM,
		  "unregistering with another sig" },
		{ BUF, 32, 1, 0x53053053, -EINVAL, "unregistering another" },
		{ BUF + 32, 16, 1, 0x53053053, -EINVAL, "unregistering len 16" },
		{ BUF + 32, 32, 1, 0x53053053, 0, "unregistered" },
		{ BUF + 32, 32, 1, 0x53053053, -EINVAL, "unregistered again" },
	};
	struct env e;

	env_start(&e);
	for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++)
		tap_eq_u64((uint32_t)call(&e, SYS_RSEQ, steps[i].area,
					  steps[i].len, steps[i].flags,
					  steps[i].sig),
			   (uint32_t)steps[i].want, "rseq: %s", steps[i].what);
	world_stop(&e.w);
}

/* The area's words after registration (the update before the return to
 * user mode) and after unregistration. */
static void test_rseq_area(void)
{
	static const uint32_t fill[8] = { 0xaaaaaaaa, 0xbbbbbbbb, 0xcccccccc,
					  0xdddddddd, 0xeeeeeeee, 0xffffffff,
					  0x11111111, 0x22222222 };
	static const uint32_t registered[8] = { 0, 0, 0, 0, 0xeeeeeeee,
						0xffffffff, 0x11111111,
						0x22222222 };
	struct env e;

	env_start(&e);
	poke(&e, BUF + 32, fill, sizeof fill);
	call(&e, SYS_RSEQ, BUF + 32, 32, 0, 0x53053053);
	for (unsigned i = 0; i < 8; i++)
		tap_eq_u64(peek32(&e, BUF + 32 + 4 * i), registered[i],
			   "rseq registered: word %u", i);
	call(&e, SYS_RSEQ, BUF + 32, 32, 1, 0x53053053);
	tap_eq_u64(peek32(&e, BUF + 32), 0, "unregistered: cpu_id_start 0");
	tap_eq_u64(peek32(&e, BUF + 36), 0xffffffff,
		   "unregistered: cpu_id RSEQ_CPU_ID_UNINITIALIZED");
	world_stop(&e.w);
}

/* After fork, the child's first return to user mode clears rseq_cs on
 * the copy-on-write page: a kernel write fault at clear_user, as the VM
 * takes it; the parent, which ran on, takes none until it sleeps. */
static void test_rseq_fork(void)
{
	struct env e;
	struct process *child;
	struct sys_result res;

	env_start(&e);
	call(&e, SYS_RSEQ, BUF + 32, 32, 0, 0x53053053);
	child = process_fork(&e.w.m, e.w.p, NULL);
	tap_ok(child != NULL && child->rseq == BUF + 32 && child->rseq_resume,
	       "fork: the child has the area, its update due");
	tap_ok(!e.w.p->rseq_resume, "the parent's is not");
	env_become(&e, child);
	e.k.count = 0;
	sys_return_to_user(&e.c, &res, NULL);
	tap_eq_u64(e.k.count, 1, "the child's update: one fault");
	tap_eq_u64(e.k.cr2, BUF + 40, "at rseq_cs");
	tap_eq_u64(e.k.eip, KTEXT_CLEAR_USER + CLU_STOSL, "in clear_user");
	tap_eq_u64(e.k.error_code, 0x3, "a write to a present page");
	tap_ok(!child->rseq_resume, "done");
	world_stop(&e.w);
}

/* ---- signals ----------------------------------------------------------- */

static void put_action(struct env *e, uint32_t handler, uint32_t flags)
{
	const uint32_t act[5] = { handler, flags, 0, 0, 0 };

	poke(e, BUF + 0x100, act, sizeof act);
}

static void put_set(struct env *e, uint64_t set)
{
	poke32(e, BUF + 0x200, (uint32_t)set);
	poke32(e, BUF + 0x204, (uint32_t)(set >> 32));
}

static void test_signal_mask(void)
{
	struct env e;
	const uint32_t handler[5] = { 0x08049000, 0x04000103, 0x08049010,
				      0x12345678, 0x9abcdef0 };

	env_start(&e);
	poke(&e, BUF + 0x100, handler, sizeof handler);
	call(&e, SYS_RT_SIGACTION, 10, BUF + 0x100, 0, 8);
	call(&e, SYS_RT_SIGACTION, 10, 0, BUF + 0x140, 8);
	tap_eq_u64(peek32(&e, BUF + 0x144), 0x04000003,
		   "rt_sigaction: an unknown flag dropped");
	tap_eq_u64(peek32(&e, BUF + 0x14c), 0x12345678,
		   "rt_sigaction: the mask kept as given");
	put_set(&e, 0x100000300ull);
	call(&e, SYS_RT_SIGPROCMASK, 0, BUF + 0x200, BUF + 0x210, 8);
	tap_eq_u64(peek32(&e, BUF + 0x210), 0, "the old mask: none");
	put_set(&e, ~0ull);
	call(&e, SYS_RT_SIGPROCMASK, 2, BUF + 0x200, BUF + 0x210, 8);
	tap_eq_u64(peek32(&e, BUF + 0x210), 0x200, "SIG_BLOCK: SIGKILL "
		   "not blocked");
	tap_eq_u64(peek32(&e, BUF + 0x214), 1, "signal 33 blocked");
	call(&e, SYS_RT_SIGPROCMASK, 0, 0, BUF + 0x210, 8);
	tap_eq_u64(peek32(&e, BUF + 0x210), 0xfffbfeff,
		   "SIG_SETMASK of all: neither SIGKILL nor SIGSTOP");
	world_stop(&e.w);
}

/* kill() of the caller: ignored, blocked (pending), then unblocked. */
static void test_signal_delivery(void)
{
	struct env e;
	struct sys_result res;
	const uint32_t unblock[6] = { 1, BUF + 0x200, 0, 8, 0, 0 };

	env_start(&e);
	put_action(&e, SIGNAL_IGN, 0);
	call(&e, SYS_RT_SIGACTION, 12, BUF + 0x100, 0, 8);
	tap_eq_u64(call(&e, SYS_KILL, 1, 12, 0, 0), 0, "kill SIGUSR2: 0");
	tap_ok(e.w.p->alive && e.w.p->sig.pending == 0,
	       "SIGUSR2 ignored: discarded");
	put_set(&e, 0x200);
	call(&e, SYS_RT_SIGPROCMASK, 0, BUF + 0x200, 0, 8);
	call(&e, SYS_KILL, 1, 10, 0, 0);
	tap_ok(e.w.p->alive, "SIGUSR1 blocked: the process runs on");
	call(&e, SYS_RT_SIGPENDING, BUF + 0x220, 8, 0, 0);
	tap_eq_u64(peek32(&e, BUF + 0x220), 0x200, "rt_sigpending: SIGUSR1");
	sys_call(&e.c, SYS_RT_SIGPROCMASK, unblock, &res, NULL);
	tap_ok(res.ended && !e.w.p->alive && e.w.p->wait_status == 10,
	       "unblocked: SIGUSR1 ends the process as it returns");
	world_stop(&e.w);
}

/* SIGCHLD at SIG_IGN: the child reaps itself; wait4 finds none. */
static void test_sigchld_ignored(void)
{
	struct env e;
	struct process *child;

	env_start(&e);
	put_action(&e, SIGNAL_IGN, 0);
	call(&e, SYS_RT_SIGACTION, 17, BUF + 0x100, 0, 8);
	child = process_fork(&e.w.m, e.w.p, NULL);
	tap_eq_u64(child->sig.action[16].handler, SIGNAL_IGN,
		   "fork: the child has the dispositions");
	process_end(&e.w.m, child, 3 << 8);
	tap_ok(!child->zombie, "the child is no zombie");
	tap_eq_u64((uint32_t)call(&e, SYS_WAIT4, -1u, 0, 0, 0),
		   (uint32_t)-ECHILD, "wait4: ECHILD");
	world_stop(&e.w);
}

/* A child's end sends its parent SIGCHLD: kept pending when the parent
 * has a handler (none runs), dropped at SIG_DFL. */
static void test_sigchld_sent(void)
{
	struct env e;
	struct process *child;

	env_start(&e);
	child = process_fork(&e.w.m, e.w.p, NULL);
	process_end(&e.w.m, child, 0);
	tap_eq_u64(e.w.p->sig.pending, 0, "SIGCHLD at SIG_DFL: dropped");
	tap_ok(child->zombie, "the child waits for wait4()");
	put_action(&e, 0x08049000, 0);
	call(&e, SYS_RT_SIGACTION, 17, BUF + 0x100, 0, 8);
	child = process_fork(&e.w.m, e.w.p, NULL);
	process_end(&e.w.m, child, 0);
	tap_eq_u64(e.w.p->sig.pending, signal_bit(17),
		   "SIGCHLD with a handler: pending");
	tap_ok(e.w.p->alive, "the parent runs on");
	world_stop(&e.w);
}

static void test_exec_resets(void)
{
	struct env e;

	env_start(&e);
	put_action(&e, 0x08049000, 0);
	call(&e, SYS_RT_SIGACTION, 10, BUF + 0x100, 0, 8);
	put_action(&e, SIGNAL_IGN, 0);
	call(&e, SYS_RT_SIGACTION, 12, BUF + 0x100, 0, 8);
	call(&e, SYS_RSEQ, BUF + 32, 32, 0, 0x53053053);
	call(&e, SYS_SET_ROBUST_LIST, BUF, 12, 0, 0);
	signal_state_exec(&e.w.p->sig);
	tap_eq_u64(e.w.p->sig.action[9].handler, SIGNAL_DFL,
		   "execve: a handler back to SIG_DFL");
	tap_eq_u64(e.w.p->sig.action[11].handler, SIGNAL_IGN,
		   "execve: SIG_IGN kept");
	world_stop(&e.w);
}

/* setpgid() on a child, before and after it execs; setsid(). */
static void test_sessions(void)
{
	struct env e;
	struct process *child;

	env_start(&e);
	child = process_fork(&e.w.m, e.w.p, NULL);
	tap_eq_u64(call(&e, SYS_SETPGID, (uint32_t)child->pid, 0, 0, 0), 0,
		   "setpgid(child, 0): its own group");
	tap_eq_u64(call(&e, SYS_GETPGID, (uint32_t)child->pid, 0, 0, 0),
		   (uint32_t)child->pid, "getpgid(child)");
	tap_eq_u64(call(&e, SYS_SETPGID, 0, (uint32_t)child->pid, 0, 0), 0,
		   "setpgid(0, child's group): a group of the session");
	tap_eq_u64(call(&e, SYS_GETPGRP, 0, 0, 0, 0), (uint32_t)child->pid,
		   "getpgrp: the child's");
	child->forknoexec = false;	/* as execve leaves it */
	tap_eq_u64((uint32_t)call(&e, SYS_SETPGID, (uint32_t)child->pid, 0, 0,
				  0), (uint32_t)-EACCES,
		   "setpgid of a child that exec'd: EACCES");
	env_become(&e, child);
	tap_eq_u64((uint32_t)call(&e, SYS_SETSID, 0, 0, 0, 0),
		   (uint32_t)-EPERM, "setsid of a group leader: EPERM");
	world_stop(&e.w);
}

/* ---- madvise ----------------------------------------------------------- */

static void test_madvise(void)
{
	struct env e;
	struct process *child;
	size_t count;

	env_start(&e);
	poke32(&e, BUF, 7);
	tap_ok(pte_maps_frame(process_get_pte(&e.w.m, e.w.p, BUF)),
	       "written: the page is there");
	call(&e, SYS_MADVISE, BUF, 4096, MM_MADV_DONTNEED, 0);
	tap_ok(!pte_maps_frame(process_get_pte(&e.w.m, e.w.p, BUF)),
	       "MADV_DONTNEED: zapped");
	tap_eq_u64(peek32(&e, BUF), 0, "the next touch: a fresh zero page");
	count = e.w.p->mm.vmas.count;
	call(&e, SYS_MADVISE, BUF, 4096, MM_MADV_DONTFORK, 0);
	tap_eq_u64(e.w.p->mm.vmas.count, count + 1,
		   "MADV_DONTFORK of one page: the VMA split");
	poke32(&e, BUF + 4096, 6);
	call(&e, SYS_MADVISE, BUF + 4096, 4096, MM_MADV_WIPEONFORK, 0);
	child = process_fork(&e.w.m, e.w.p, NULL);
	tap_ok(vma_set_lookup(&child->mm.vmas, BUF) == NULL,
	       "fork: the DONTFORK page is not in the child");
	tap_ok(vma_set_lookup(&child->mm.vmas, BUF + 4096) != NULL &&
	       !pte_maps_frame(process_get_pte(&e.w.m, child, BUF + 4096)),
	       "fork: the WIPEONFORK page is, empty");
	call(&e, SYS_MADVISE, BUF, 4096, MM_MADV_DOFORK, 0);
	call(&e, SYS_MADVISE, BUF + 4096, 4096, MM_MADV_KEEPONFORK, 0);
	tap_eq_u64(e.w.p->mm.vmas.count, count, "DOFORK, KEEPONFORK: merged "
		   "again");
	world_stop(&e.w);
}

/* old mmap: the arguments from memory. */
static void test_old_mmap(void)
{
	const uint32_t a[6] = { 0, 8192, 3, 0x22, -1u, 0 };
	const uint32_t bad[6] = { 0, 8192, 3, 0x22, -1u, 5 };
	struct env e;
	int32_t addr;

	env_start(&e);
	poke(&e, BUF, a, sizeof a);
	poke(&e, BUF + 32, bad, sizeof bad);
	addr = call(&e, SYS_MMAP, BUF, 0, 0, 0);
	tap_ok((uint32_t)addr == 0xb7ff8000u &&
	       vma_set_lookup(&e.w.p->mm.vmas, (uint32_t)addr) != NULL,
	       "mmap: an anonymous mapping");
	tap_eq_u64((uint32_t)call(&e, SYS_MMAP, BUF + 32, 0, 0, 0),
		   (uint32_t)-EINVAL, "mmap: an offset not page aligned");
	world_stop(&e.w);
}

static void test_names(void)
{
	static const struct {
		uint32_t nr;
		const char *name;
	} names[] = {
		{ 13, "time" }, { 90, "mmap" }, { 59, "oldolduname" },
		{ 109, "olduname" }, { 122, "uname" }, { 76, "getrlimit" },
		{ 191, "ugetrlimit" }, { 386, "rseq" }, { 403, "clock_gettime64" },
		{ 219, "madvise" }, { 174, "rt_sigaction" },
	};

	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		tap_eq_str(sys_name(names[i].nr), names[i].name,
			   "call %u's name", names[i].nr);
}

int main(void)
{
	test_results();
	test_uname();
	test_name();
	test_rlimits();
	test_clocks();
	test_random();
	test_rseq_calls();
	test_rseq_area();
	test_rseq_fork();
	test_signal_mask();
	test_signal_delivery();
	test_sigchld_ignored();
	test_sigchld_sent();
	test_sessions();
	test_exec_resets();
	test_madvise();
	test_old_mmap();
	test_names();
	return tap_done();
}
