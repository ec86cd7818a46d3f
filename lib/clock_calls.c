/* clock_calls.c - posix_clock_realtime_get() and friends on the
 * modelled clock. */
#include <config.h>

#include <errno.h>

#include "clock_calls.h"
#include "kernel_space.h"

#define NSEC_PER_SEC 1000000000
#define TICK_NSEC 4000000	/* CONFIG_HZ=250 */
#define KADDR_STACK (PAGE_OFFSET + 0x00807000u)

enum clock_kind { CLOCK_NONE, CLOCK_WALL, CLOCK_ELAPSED, CLOCK_COARSE_WALL,
		  CLOCK_COARSE_ELAPSED, CLOCK_CPU_SCHED, CLOCK_CPU_TICK };

/* posix_clocks[] for ids 0 to 15. */
static const enum clock_kind clocks[16] = {
	CLOCK_WALL, CLOCK_ELAPSED, CLOCK_CPU_SCHED, CLOCK_CPU_SCHED,
	CLOCK_ELAPSED, CLOCK_COARSE_WALL, CLOCK_COARSE_ELAPSED, CLOCK_ELAPSED,
	CLOCK_WALL, CLOCK_ELAPSED, CLOCK_NONE, CLOCK_WALL,
};

/* pid_for_clock(): a negative id names a process's (or, with bit 2, a
 * thread's) CPU clock: ~(id >> 3) its pid, 0 the caller; id & 3 which
 * clock (3 is none, and a CLOCKFD id names no open clock here). */
static enum clock_kind cpu_clock(const struct sys_context *c, int32_t id)
{
	int32_t pid = ~(id >> 3);
	const struct process *q = pid == 0 ? c->p : sys_process(c, pid);

	if ((id & 3) == 3 || q == NULL || (!q->alive && !q->zombie) ||
	    ((id & 4) && q != c->p))
		return CLOCK_NONE;
	return (id & 3) == 2 ? CLOCK_CPU_SCHED : CLOCK_CPU_TICK;
}

static enum clock_kind clock_kind(const struct sys_context *c, int32_t id)
{
	if (id < 0)
		return cpu_clock(c, id);
	return id < 16 ? clocks[id] : CLOCK_NONE;
}

int64_t clock_read(const struct sys_context *c, int32_t id)
{
	enum clock_kind kind = clock_kind(c, id);
	int64_t now;

	if (kind == CLOCK_NONE)
		return -EINVAL;
	now = (int64_t)(c->m->clock_ns += CLOCK_READ_NS);
	if (kind == CLOCK_COARSE_WALL || kind == CLOCK_COARSE_ELAPSED)
		now -= now % TICK_NSEC;
	if (kind == CLOCK_WALL || kind == CLOCK_COARSE_WALL)
		now += (int64_t)CLOCK_EPOCH * NSEC_PER_SEC;
	return now;
}

/* The resolution of clock ID in nanoseconds, or -EINVAL. */
static int64_t clock_resolution(const struct sys_context *c, int32_t id)
{
	switch (clock_kind(c, id)) {
	case CLOCK_NONE:
		return -EINVAL;
	case CLOCK_COARSE_WALL:
	case CLOCK_COARSE_ELAPSED:
	case CLOCK_CPU_TICK:
		return TICK_NSEC;
	default:
		return 1;
	}
}

/* put_old_timespec32() (WIDE false) or put_timespec64() of NS to USER:
 * copy_to_user(). */
static int put_timespec(const struct sys_context *c, uint32_t user,
			int64_t ns, bool wide, struct sys_result *res)
{
	int64_t fields[2] = { ns / NSEC_PER_SEC, ns % NSEC_PER_SEC };
	unsigned width = wide ? 8 : 4;
	uint8_t b[16];
	bool failed;
	int rc;

	for (unsigned f = 0; f < 2; f++)
		for (unsigned i = 0; i < width; i++)
			b[f * width + i] = (uint8_t)((uint64_t)fields[f] >>
						     (8 * i));
	rc = sys_copy_to_user(c, user, b, KADDR_STACK, 2 * width, &failed);
	res->value = failed ? -EFAULT : 0;
	return sys_access_end(rc, res);
}

static int gettime(const struct sys_context *c, const uint32_t arg[6],
		   bool wide, struct sys_result *res)
{
	int64_t now = clock_read(c, (int32_t)arg[0]);

	if (now < 0) {
		res->value = (int32_t)now;
		return 0;
	}
	return put_timespec(c, arg[1], now, wide, res);
}

static int getres(const struct sys_context *c, const uint32_t arg[6],
		  bool wide, struct sys_result *res)
{
	int64_t ns = clock_resolution(c, (int32_t)arg[0]);

	res->value = ns < 0 ? (int32_t)ns : 0;
	if (ns < 0 || arg[1] == 0)
		return 0;
	return put_timespec(c, arg[1], ns, wide, res);
}

int clock_call_gettime(const struct sys_context *c, const uint32_t arg[6],
		       struct sys_result *res, struct ef_error *err)
{
	(void)err;
	return gettime(c, arg, false, res);
}

int clock_call_gettime64(const struct sys_context *c, const uint32_t arg[6],
			 struct sys_result *res, struct ef_error *err)
{
	(void)err;
	return gettime(c, arg, true, res);
}

int clock_call_getres(const struct sys_context *c, const uint32_t arg[6],
		      struct sys_result *res, struct ef_error *err)
{
	(void)err;
	return getres(c, arg, false, res);
}

int clock_call_getres_time64(const struct sys_context *c,
			     const uint32_t arg[6], struct sys_result *res,
			     struct ef_error *err)
{
	(void)err;
	return getres(c, arg, true, res);
}

/* gettimeofday(tv, tz): put_user() of tv_sec and tv_usec, then the
 * timezone (sys_tz: 0, 0) with copy_to_user(). */
int clock_call_gettimeofday(const struct sys_context *c,
			    const uint32_t arg[6], struct sys_result *res,
			    struct ef_error *err)
{
	static const uint8_t tz[8];
	bool failed = false;
	int rc = 0;

	(void)err;
	if (arg[0] != 0) {
		int64_t now = clock_read(c, 0);

		rc = uaccess_put_user(c->u, arg[0],
				      (uint32_t)(now / NSEC_PER_SEC),
				      sys_task_size(c), &failed);
		if (rc == 0 && !failed)
			rc = uaccess_put_user(c->u, arg[0] + 4,
					      (uint32_t)(now % NSEC_PER_SEC
							 / 1000),
					      sys_task_size(c), &failed);
	}
	if (rc == 0 && !failed && arg[1] != 0)
		rc = sys_copy_to_user(c, arg[1], tz, KADDR_STACK, sizeof tz,
				      &failed);
	res->value = failed ? -EFAULT : 0;
	return sys_access_end(rc, res);
}

/* time(tloc): the seconds, returned and stored. */
int clock_call_time(const struct sys_context *c, const uint32_t arg[6],
		    struct sys_result *res, struct ef_error *err)
{
	uint32_t seconds = (uint32_t)(clock_read(c, 0) / NSEC_PER_SEC);
	bool failed = false;
	int rc = 0;

	(void)err;
	if (arg[0] != 0)
		rc = uaccess_put_user(c->u, arg[0], seconds, sys_task_size(c),
				      &failed);
	res->value = failed ? -EFAULT : (int32_t)seconds;
	return sys_access_end(rc, res);
}
