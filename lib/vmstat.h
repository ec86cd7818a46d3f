/* vmstat.h - /proc/vmstat's counters for what elfault models: the page
 * faults the fault handler counts and the pages reclaim scans, frees,
 * writes to swap and back to their files (the names and the order of
 * mm/vmstat.c's vmstat_text, nr_written from the node section, the
 * others from the events').
 */
#ifndef ELFAULT_VMSTAT_H
#define ELFAULT_VMSTAT_H

#include <stdbool.h>
#include <stdint.h>

struct vmstat {
	uint64_t pgfault;	/* page faults handled (minor and major) */
	uint64_t pgmajfault;	/* of which major: read from disk or swap */
	uint64_t pswpin;	/* pages read from swap */
	uint64_t pswpout;	/* pages written to swap */
	uint64_t pgscan_direct;	/* pages direct reclaim looked at */
	uint64_t pgsteal_direct; /* pages it freed */
	uint64_t pgactivate;	/* moved to the active list */
	uint64_t pgdeactivate;	/* moved to the inactive list */
	uint64_t pgrefill;	/* active pages looked at */
	uint64_t nr_written;	/* pages written back to their files */
	uint64_t oom_kill;	/* processes the OOM killer killed */
};

/* The Ith counter's /proc/vmstat name (NULL past the last) and V's
 * value of it, I from 0 to VMSTAT_COUNTERS - 1 in /proc/vmstat's order. */
enum { VMSTAT_COUNTERS = 11 };
const char *vmstat_name(unsigned i);
uint64_t vmstat_value(const struct vmstat *v, unsigned i);

/* The counter called NAME: true with *VALUE set, or false. */
bool vmstat_lookup(const struct vmstat *v, const char *name, uint64_t *value);

#endif
