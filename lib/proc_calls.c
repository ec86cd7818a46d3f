/* proc_calls.c - kernel/sys.c's ids, sessions, prctl(), uname() and
 * rlimits; set_tid_address(), set_robust_list() and getrandom(). */
#include <config.h>

#include <errno.h>
#include <string.h>

#include "kernel_space.h"
#include "proc_calls.h"

/* Where the kernel's copies are: on its stack.  Only the destination's
 * alignment and, for 64 bytes or more (uname()'s struct, getrandom()'s
 * blocks), the source's choose __copy_user_ll()'s path.  The VM's kernel
 * moves its stack by a random multiple of 4 at each call
 * (CONFIG_RANDOMIZE_KSTACK_OFFSET): there a fault in such a copy is on
 * one path or the other at random (uname() to an 8-byte aligned buffer
 * was seen on the Intel path: its buffer 4 modulo 8, as the model's). */
#define KADDR_STACK (PAGE_OFFSET + 0x00806000u)
#define KADDR_UTS (PAGE_OFFSET + 0x00806104u)

/* ---- ids --------------------------------------------------------------- */

/* getuid() and the like: root. */
int proc_call_getid(const struct sys_context *c, const uint32_t arg[6],
		    struct sys_result *res, struct ef_error *err)
{
	(void)c, (void)arg, (void)err;
	res->value = 0;
	return 0;
}

/* getresuid32(ruid, euid, suid), getresgid32(): put_user() of each. */
int proc_call_getresid(const struct sys_context *c, const uint32_t arg[6],
		       struct sys_result *res, struct ef_error *err)
{
	bool failed = false;
	int rc = 0;

	(void)err;
	for (unsigned i = 0; i < 3 && rc == 0 && !failed; i++)
		rc = uaccess_put_user(c->u, arg[i], 0, sys_task_size(c),
				      &failed);
	res->value = failed ? -EFAULT : 0;
	return sys_access_end(rc, res);
}

int proc_call_getppid(const struct sys_context *c, const uint32_t arg[6],
		      struct sys_result *res, struct ef_error *err)
{
	(void)arg, (void)err;
	res->value = c->p->ppid;
	return 0;
}

int proc_call_getpgrp(const struct sys_context *c, const uint32_t arg[6],
		      struct sys_result *res, struct ef_error *err)
{
	(void)arg, (void)err;
	res->value = c->p->pgid;
	return 0;
}

/* find_task_by_vpid(): the caller for 0, else a process or a zombie. */
static struct process *task_of(const struct sys_context *c, int32_t pid)
{
	struct process *q = pid == 0 ? c->p : sys_process(c, pid);

	return q != NULL && (q->alive || q->zombie) ? q : NULL;
}

int proc_call_getpgid(const struct sys_context *c, const uint32_t arg[6],
		      struct sys_result *res, struct ef_error *err)
{
	struct process *q = task_of(c, (int32_t)arg[0]);

	(void)err;
	res->value = q != NULL ? q->pgid : -ESRCH;
	return 0;
}

int proc_call_getsid(const struct sys_context *c, const uint32_t arg[6],
		     struct sys_result *res, struct ef_error *err)
{
	struct process *q = task_of(c, (int32_t)arg[0]);

	(void)err;
	res->value = q != NULL ? q->sid : -ESRCH;
	return 0;
}

/* Does a process of session SID lead process group PGID? */
static bool group_in_session(const struct sys_context *c, int pgid, int sid)
{
	for (unsigned i = 0; i < c->m->live_count; i++) {
		const struct process *q = c->m->live[i];

		if ((q->alive || q->zombie) && q->pgid == pgid &&
		    q->sid == sid)
			return true;
	}
	return false;
}

/* setpgid(pid, pgid) */
static int32_t setpgid(const struct sys_context *c, int32_t pid,
		       int32_t pgid)
{
	struct process *q;

	if (pid == 0)
		pid = c->p->pid;
	if (pgid == 0)
		pgid = pid;
	if (pgid < 0)
		return -EINVAL;
	if ((q = task_of(c, pid)) == NULL)
		return -ESRCH;
	if (q->ppid == c->p->pid && q != c->p) {
		if (q->sid != c->p->sid)
			return -EPERM;
		if (!q->forknoexec)
			return -EACCES;
	} else if (q != c->p) {
		return -ESRCH;
	}
	if (q->session_leader ||
	    (pgid != pid && !group_in_session(c, pgid, c->p->sid)))
		return -EPERM;
	q->pgid = pgid;
	return 0;
}

int proc_call_setpgid(const struct sys_context *c, const uint32_t arg[6],
		      struct sys_result *res, struct ef_error *err)
{
	(void)err;
	res->value = setpgid(c, (int32_t)arg[0], (int32_t)arg[1]);
	return 0;
}

/* ksys_setsid() */
int proc_call_setsid(const struct sys_context *c, const uint32_t arg[6],
		     struct sys_result *res, struct ef_error *err)
{
	struct process *p = c->p;
	bool group_exists = false;

	(void)arg, (void)err;
	for (unsigned i = 0; i < c->m->live_count; i++)
		if ((c->m->live[i]->alive || c->m->live[i]->zombie) &&
		    c->m->live[i]->pgid == p->pid)
			group_exists = true;
	if (p->session_leader || group_exists) {
		res->value = -EPERM;
		return 0;
	}
	p->session_leader = true;
	p->sid = p->pgid = p->pid;
	res->value = p->pid;
	return 0;
}

/* ---- the thread's futex words ---------------------------------------- */

int proc_call_set_tid_address(const struct sys_context *c,
			      const uint32_t arg[6], struct sys_result *res,
			      struct ef_error *err)
{
	(void)err;
	c->p->clear_child_tid = arg[0];
	res->value = c->p->pid;
	return 0;
}

/* set_robust_list(head, len): sizeof(struct robust_list_head) is 12. */
int proc_call_set_robust_list(const struct sys_context *c,
			      const uint32_t arg[6], struct sys_result *res,
			      struct ef_error *err)
{
	(void)err;
	if (arg[1] != 12) {
		res->value = -EINVAL;
		return 0;
	}
	c->p->robust_list = arg[0];
	c->p->robust_list_len = arg[1];
	res->value = 0;
	return 0;
}

/* ---- prctl ------------------------------------------------------------- */

enum {
	PR_SET_PDEATHSIG = 1, PR_GET_PDEATHSIG = 2, PR_GET_DUMPABLE = 3,
	PR_SET_DUMPABLE = 4, PR_SET_NAME = 15, PR_GET_NAME = 16,
	TASK_COMM_LEN = 16,
};

/* PR_SET_NAME: strncpy_from_user() of at most 15 bytes; set_task_comm(). */
static int set_name(const struct sys_context *c, uint32_t user,
		    struct sys_result *res)
{
	char comm[TASK_COMM_LEN] = { 0 };
	int32_t length;
	int rc = uaccess_strncpy(c->u, user, (uint8_t *)comm,
				 TASK_COMM_LEN - 1, sys_task_size(c), &length);

	if (rc != 0)
		return sys_access_end(rc, res);
	if (length < 0) {
		res->value = -EFAULT;
		return 0;
	}
	comm[length < TASK_COMM_LEN ? length : TASK_COMM_LEN - 1] = '\0';
	memcpy(c->p->name, comm, TASK_COMM_LEN);
	res->value = 0;
	return 0;
}

/* PR_GET_NAME: get_task_comm() (padded with NULs), copy_to_user(). */
static int get_name(const struct sys_context *c, uint32_t user,
		    struct sys_result *res)
{
	char comm[TASK_COMM_LEN] = { 0 };
	bool failed;
	int rc;

	memcpy(comm, c->p->name, strnlen(c->p->name, TASK_COMM_LEN - 1));
	rc = sys_copy_to_user(c, user, comm, KADDR_STACK, TASK_COMM_LEN,
			      &failed);
	res->value = failed ? -EFAULT : 0;
	return sys_access_end(rc, res);
}

/* prctl(option, arg2, arg3, arg4, arg5) */
int proc_call_prctl(const struct sys_context *c, const uint32_t arg[6],
		    struct sys_result *res, struct ef_error *err)
{
	bool failed = false;
	int rc;

	(void)err;
	res->value = 0;
	switch (arg[0]) {
	case PR_SET_NAME:
		return set_name(c, arg[1], res);
	case PR_GET_NAME:
		return get_name(c, arg[1], res);
	case PR_SET_PDEATHSIG:	/* valid_signal() */
		if (arg[1] > SIGNAL_MAX)
			res->value = -EINVAL;
		else
			c->p->pdeath_signal = (int)arg[1];
		return 0;
	case PR_GET_PDEATHSIG:
		rc = uaccess_put_user(c->u, arg[1],
				      (uint32_t)c->p->pdeath_signal,
				      sys_task_size(c), &failed);
		res->value = failed ? -EFAULT : 0;
		return sys_access_end(rc, res);
	case PR_GET_DUMPABLE:
		res->value = c->p->dumpable;
		return 0;
	case PR_SET_DUMPABLE:	/* SUID_DUMP_DISABLE or SUID_DUMP_USER */
		if (arg[1] > 1)
			res->value = -EINVAL;
		else
			c->p->dumpable = (int)arg[1];
		return 0;
	default:
		res->value = -EINVAL;
		return 0;
	}
}

/* ---- uname ------------------------------------------------------------- */

enum { UTS_FIELD = 65, OLD_UTS_LEN = 8 };

const char *const proc_utsname[6] = {
	"Linux", "(none)", "6.1.0-57-686",
	"#1 SMP PREEMPT_DYNAMIC Debian 6.1.192-3 (2026-11-26)", "i686",
	"(none)",
};

/* FIELDS of the utsname, each WIDTH bytes (NUL padded, cut to WIDTH - 1),
 * copied to USER with copy_to_user(). */
static int put_utsname(const struct sys_context *c, uint32_t user,
		       unsigned fields, unsigned width, struct sys_result *res)
{
	char buf[6 * UTS_FIELD] = { 0 };
	bool failed;
	int rc;

	for (unsigned i = 0; i < fields; i++)
		memcpy(buf + i * width, proc_utsname[i],
		       strnlen(proc_utsname[i], width - 1));
	rc = sys_copy_to_user(c, user, buf, KADDR_UTS, fields * width,
			      &failed);
	res->value = failed ? -EFAULT : 0;
	return sys_access_end(rc, res);
}

/* newuname(struct new_utsname *) */
int proc_call_uname(const struct sys_context *c, const uint32_t arg[6],
		    struct sys_result *res, struct ef_error *err)
{
	(void)err;
	return put_utsname(c, arg[0], 6, UTS_FIELD, res);
}

/* uname(struct old_utsname *): NULL is EFAULT before the copy. */
int proc_call_olduname(const struct sys_context *c, const uint32_t arg[6],
		       struct sys_result *res, struct ef_error *err)
{
	(void)err;
	if (arg[0] == 0) {
		res->value = -EFAULT;
		return 0;
	}
	return put_utsname(c, arg[0], 5, UTS_FIELD, res);
}

/* olduname(struct oldold_utsname *): __OLD_UTS_LEN bytes of each. */
int proc_call_oldolduname(const struct sys_context *c, const uint32_t arg[6],
			  struct sys_result *res, struct ef_error *err)
{
	(void)err;
	if (arg[0] == 0) {
		res->value = -EFAULT;
		return 0;
	}
	return put_utsname(c, arg[0], 5, OLD_UTS_LEN + 1, res);
}

/* ---- rlimits ----------------------------------------------------------- */

static void put_u32(uint8_t *b, uint32_t v)
{
	for (unsigned i = 0; i < 4; i++)
		b[i] = (uint8_t)(v >> (8 * i));
}

static uint32_t get_u32(const uint8_t *b)
{
	return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 |
	       (uint32_t)b[3] << 24;
}

/* The struct rlimit CUR, MAX to USER with copy_to_user(). */
static int put_rlimit(const struct sys_context *c, uint32_t user,
		      uint32_t cur, uint32_t max, struct sys_result *res)
{
	uint8_t b[8];
	bool failed;
	int rc;

	put_u32(b, cur);
	put_u32(b + 4, max);
	rc = sys_copy_to_user(c, user, b, KADDR_STACK, sizeof b, &failed);
	res->value = failed ? -EFAULT : 0;
	return sys_access_end(rc, res);
}

/* getrlimit(resource, rlim): i386's ugetrlimit. */
int proc_call_getrlimit(const struct sys_context *c, const uint32_t arg[6],
			struct sys_result *res, struct ef_error *err)
{
	uint32_t cur, max;

	(void)err;
	res->value = rlimit_change(&c->p->rlim, arg[0], false, 0, 0, &cur,
				   &max);
	return res->value != 0 ? 0 : put_rlimit(c, arg[1], cur, max, res);
}

/* old_getrlimit(): what does not fit 31 bits is shown as 0x7fffffff. */
int proc_call_old_getrlimit(const struct sys_context *c,
			    const uint32_t arg[6], struct sys_result *res,
			    struct ef_error *err)
{
	uint32_t cur, max;

	(void)err;
	res->value = rlimit_change(&c->p->rlim, arg[0], false, 0, 0, &cur,
				   &max);
	if (res->value != 0)
		return 0;
	return put_rlimit(c, arg[1], cur > 0x7fffffff ? 0x7fffffff : cur,
			  max > 0x7fffffff ? 0x7fffffff : max, res);
}

/* setrlimit(resource, rlim): the copy first, then do_prlimit(). */
int proc_call_setrlimit(const struct sys_context *c, const uint32_t arg[6],
			struct sys_result *res, struct ef_error *err)
{
	uint8_t b[8];
	bool failed;
	int rc = sys_copy_from_user(c, arg[1], b, KADDR_STACK, sizeof b,
				    &failed);

	(void)err;
	if (rc != 0 || failed) {
		res->value = -EFAULT;
		return sys_access_end(rc, res);
	}
	res->value = rlimit_change(&c->p->rlim, arg[0], true, get_u32(b),
				   get_u32(b + 4), NULL, NULL);
	return 0;
}

/* prlimit64(pid, resource, new_rlim, old_rlim) */
int proc_call_prlimit64(const struct sys_context *c, const uint32_t arg[6],
			struct sys_result *res, struct ef_error *err)
{
	struct process *q;
	uint8_t b[16] = { 0 };
	uint32_t cur, max;
	bool failed = false;
	int rc = 0;

	(void)err;
	if (arg[2] != 0) {
		rc = sys_copy_from_user(c, arg[2], b, KADDR_STACK, sizeof b,
					&failed);
		if (rc != 0 || failed) {
			res->value = -EFAULT;
			return sys_access_end(rc, res);
		}
	}
	if ((q = task_of(c, (int32_t)arg[0])) == NULL) {
		res->value = -ESRCH;
		return 0;
	}
	res->value = rlimit_change(&q->rlim, arg[1], arg[2] != 0,
		rlimit_from_64((uint64_t)get_u32(b + 4) << 32 | get_u32(b)),
		rlimit_from_64((uint64_t)get_u32(b + 12) << 32 |
			       get_u32(b + 8)), &cur, &max);
	if (res->value != 0 || arg[3] == 0)
		return 0;
	for (unsigned i = 0; i < 2; i++) {
		uint64_t v = rlimit_to_64(i == 0 ? cur : max);

		put_u32(b + 8 * i, (uint32_t)v);
		put_u32(b + 8 * i + 4, (uint32_t)(v >> 32));
	}
	rc = sys_copy_to_user(c, arg[3], b, KADDR_STACK, sizeof b, &failed);
	res->value = failed ? -EFAULT : 0;
	return sys_access_end(rc, res);
}

/* ---- getrandom --------------------------------------------------------- */

enum {
	GRND_NONBLOCK = 1, GRND_RANDOM = 2, GRND_INSECURE = 4,
	CHACHA_KEY_SIZE = 32, CHACHA_BLOCK_SIZE = 64,
	MAX_RW_COUNT = 0x7ffff000,	/* INT_MAX & PAGE_MASK */
};

/* SplitMix64: the machine's next 8 bytes. */
static uint64_t next_random(struct machine *m)
{
	uint64_t z = (m->random_state += 0x9e3779b97f4a7c15u);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
	return z ^ (z >> 31);
}

static void fill_random(struct machine *m, uint8_t *buf, unsigned n)
{
	for (unsigned i = 0; i < n; i += 8) {
		uint64_t r = next_random(m);

		for (unsigned j = 0; j < 8 && i + j < n; j++)
			buf[i + j] = (uint8_t)(r >> (8 * j));
	}
}

/* get_random_bytes_user(): up to 32 bytes in one copy, else 64-byte
 * blocks until the buffer is full or a copy falls short.  The bytes
 * copied, or -EFAULT for none. */
static int random_to_user(const struct sys_context *c, uint32_t user,
			  uint32_t len, struct sys_result *res)
{
	uint8_t block[CHACHA_BLOCK_SIZE];
	uint32_t done = 0;
	int rc = 0;

	while (done < len && rc == 0) {
		uint32_t n = len <= CHACHA_KEY_SIZE ? len
			     : len - done < sizeof block ? len - done
			     : (uint32_t)sizeof block, left = n;

		fill_random(c->m, block, sizeof block);
		rc = uaccess_copy(c->u, UACCESS_TO_USER, user + done, block,
				  KADDR_STACK, n, &left);
		done += n - left;
		if (left != 0)
			break;
	}
	res->value = done > 0 ? (int32_t)done : -EFAULT;
	return sys_access_end(rc, res);
}

/* getrandom(buf, count, flags) */
int proc_call_getrandom(const struct sys_context *c, const uint32_t arg[6],
			struct sys_result *res, struct ef_error *err)
{
	uint32_t flags = arg[2], len = arg[1];

	(void)err;
	if ((flags & ~(uint32_t)(GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE)) ||
	    (flags & (GRND_INSECURE | GRND_RANDOM)) ==
	    (GRND_INSECURE | GRND_RANDOM))
		res->value = -EINVAL;
	else if (!(flags & GRND_INSECURE) && (flags & GRND_NONBLOCK))
		res->value = -EAGAIN;	/* !crng_ready() */
	else if (!uaccess_ok(arg[0], len > MAX_RW_COUNT ? MAX_RW_COUNT : len,
			     sys_task_size(c)))
		res->value = -EFAULT;	/* import_single_range() */
	else if (len == 0)
		res->value = 0;
	else
		return random_to_user(c, arg[0], len > MAX_RW_COUNT
					  ? MAX_RW_COUNT : len, res);
	return 0;
}
