/* oom_kill.h - the OOM killer (mm/oom_kill.c).
 *
 * When reclaim finds no page it can take, out_of_memory() picks a
 * victim: each process that has finished exec or fork scores
 * oom_badness() - resident pages plus swap entries plus page-table
 * pages, oom_score_adj being 0 for all - and the highest score is killed
 * with SIGKILL (of equal scores the one listed last, the newest:
 * select_bad_process() takes a later equal score).
 *
 * Another process dies on the spot and its memory is freed.  When the
 * victim is the process the allocation is for (the running one, or the
 * one a fault or fork works on: machine.allocating), it cannot be torn
 * down under its own feet: the allocation fails with PHYS_ERR_OOM_KILLED,
 * the victim is marked oom_killed, and the caller kills it once it has
 * unwound.  With no process to kill the allocation fails with
 * PHYS_ERR_NO_FRAME.
 *
 * This is the one place the model calls upwards, as the kernel does: the
 * memory allocator ends a process.
 */
#ifndef ELFAULT_OOM_KILL_H
#define ELFAULT_OOM_KILL_H

#include <stdint.h>

#include "error.h"
#include "mm.h"

struct machine;
struct process;

/* A process's memory as the OOM killer reports it (pages): the mm's
 * counters, and the pages of its VMAs. */
struct mm_counts {
	struct mm_rss rss;
	uint64_t total_vm;
};

/* Whom the OOM killer killed, as its report in the kernel log names it. */
struct oom_victim {
	int pid;
	char comm[16];
	uint64_t points;	/* oom_badness() */
	struct mm_counts counts;
};

/* P's memory, as oom_badness() and the OOM report count it. */
void oom_mm_counts(struct machine *m, const struct process *p,
		   struct mm_counts *out);

/* Kill the worst process of M and say whom in VICTIM (pid 0: no one).
 * Returns 0 when its memory is freed, or -1 with ERR: PHYS_ERR_OOM_KILLED
 * (the victim is the process the allocation is for: marked, not yet torn
 * down) or PHYS_ERR_NO_FRAME (no process to kill). */
int out_of_memory(struct machine *m, struct oom_victim *victim,
		  struct ef_error *err);

#endif
