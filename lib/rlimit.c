/* rlimit.c - kernel/sys.c do_prlimit() and the limits a process starts
 * with. */
#include <config.h>

#include <errno.h>
#include <stddef.h>

#include "rlimit.h"

#define INF RLIMIT_INFINITY

void rlimit_init(struct rlimits *r)
{
	/* INIT_RLIMITS, as the VM's programs see them */
	static const struct rlimits vm = {
		.cur = { INF, INF, INF, RLIMIT_STACK_DEFAULT, 0, INF, 1888,
			 1024, 8u << 20, INF, INF, 1888, 819200, 0, 0, INF },
		.max = { INF, INF, INF, INF, INF, INF, 1888, 4096, 8u << 20,
			 INF, INF, 1888, 819200, 0, 0, INF },
	};

	*r = vm;
}

int rlimit_change(struct rlimits *r, uint32_t resource, bool set,
		  uint32_t new_cur, uint32_t new_max, uint32_t *old_cur,
		  uint32_t *old_max)
{
	if (resource >= RLIMIT_COUNT)
		return -EINVAL;
	if (set && new_cur > new_max)
		return -EINVAL;
	if (set && resource == RLIMIT_NOFILE_ && new_max > RLIMIT_NR_OPEN)
		return -EPERM;
	if (old_cur != NULL)
		*old_cur = r->cur[resource];
	if (old_max != NULL)
		*old_max = r->max[resource];
	if (set) {
		r->cur[resource] = new_cur;
		r->max[resource] = new_max;
	}
	return 0;
}

uint64_t rlimit_to_64(uint32_t value)
{
	return value == INF ? UINT64_MAX : value;
}

uint32_t rlimit_from_64(uint64_t value)
{
	return value >= INF ? INF : (uint32_t)value;
}
