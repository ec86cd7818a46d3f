/* vmstat.c - /proc/vmstat's counters by name (vmstat.h). */
#include <config.h>

#include <stddef.h>
#include <string.h>

#include "vmstat.h"

static const struct {
	const char *name;
	size_t offset;
} vmstat_counters[VMSTAT_COUNTERS] = {
	{ "nr_written", offsetof(struct vmstat, nr_written) },
	{ "pswpin", offsetof(struct vmstat, pswpin) },
	{ "pswpout", offsetof(struct vmstat, pswpout) },
	{ "pgactivate", offsetof(struct vmstat, pgactivate) },
	{ "pgdeactivate", offsetof(struct vmstat, pgdeactivate) },
	{ "pgfault", offsetof(struct vmstat, pgfault) },
	{ "pgmajfault", offsetof(struct vmstat, pgmajfault) },
	{ "pgrefill", offsetof(struct vmstat, pgrefill) },
	{ "pgsteal_direct", offsetof(struct vmstat, pgsteal_direct) },
	{ "pgscan_direct", offsetof(struct vmstat, pgscan_direct) },
	{ "oom_kill", offsetof(struct vmstat, oom_kill) },
};

const char *vmstat_name(unsigned i)
{
	return i < VMSTAT_COUNTERS ? vmstat_counters[i].name : NULL;
}

uint64_t vmstat_value(const struct vmstat *v, unsigned i)
{
	uint64_t value;

	memcpy(&value, (const char *)v + vmstat_counters[i].offset,
	       sizeof value);
	return value;
}

bool vmstat_lookup(const struct vmstat *v, const char *name, uint64_t *value)
{
	for (unsigned i = 0; i < VMSTAT_COUNTERS; i++)
		if (strcmp(name, vmstat_counters[i].name) == 0) {
			*value = vmstat_value(v, i);
			return true;
		}
	return false;
}
