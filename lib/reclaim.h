/* reclaim.h - direct reclaim: swap-out, writeback, and the OOM killer's log.
 *
 * When an allocation finds no free frame, phys_mem calls reclaim_run(),
 * as the page allocator's slow path enters direct reclaim: the machine's
 * replacement policy (replacement.h) names a victim among the anonymous
 * and page-cache pages, and shrink_folio_list() takes it:
 *
 *  - every PTE that maps it is found through the reverse map (rmap.h)
 *    and cleared, the TLB entry flushed (try_to_unmap()); a dirty PTE
 *    makes the page dirty;
 *  - an anonymous page gets a swap slot (add_to_swap(): a new page is
 *    dirty), each PTE becomes a swap entry counted in the slot, and the
 *    page is written out (pageout(), pswpout) unless it is a clean page
 *    still in the swap cache since its swap-in - its slot already has its
 *    bytes; then it leaves the swap cache and the frame is freed;
 *  - a clean page-cache page is dropped; a dirty one (written through a
 *    shared mapping) is written back to its file first;
 *  - an anonymous page cannot go without swap room, and a page with
 *    references beyond its mappings and its cache (the kernel itself is
 *    using it: a copy in progress) cannot go at all.
 *
 * Exactly one page is freed per call: the kernel's direct reclaim asks
 * for SWAP_CLUSTER_MAX (32) pages and kswapd works ahead of the
 * watermarks; elfault reclaims on demand, one page at a time, the model
 * in which the classic policies are compared.
 *
 * When nothing can be reclaimed the OOM killer runs (oom_kill.h) and
 * its victim is logged.  Which pages are on the lists, and in what order,
 * is lru.h's; the PTEs of a page are found through rmap.h.
 *
 * What it does is counted in /proc/vmstat's counters (vmstat.h).
 */
#ifndef ELFAULT_RECLAIM_H
#define ELFAULT_RECLAIM_H

#include <stdbool.h>
#include <stdint.h>

#include "error.h"
#include "vmstat.h"

struct machine;
struct mapped_file;

enum reclaim_action {
	RECLAIM_DROP,		/* a clean page-cache page: dropped */
	RECLAIM_WRITEBACK,	/* a dirty file page: written, then dropped */
	RECLAIM_SWAP_OUT,	/* an anonymous page: written to swap */
	RECLAIM_SWAP_CACHE,	/* a clean one in the swap cache: dropped */
	RECLAIM_OOM_KILL,	/* no page could go: a process was killed */
};

/* One thing reclaim did. */
struct reclaim_event {
	enum reclaim_action action;
	uint32_t pfn;			/* the frame freed */
	unsigned unmapped;		/* PTEs the reverse map cleared */
	int pid;			/* the first process that mapped it, or
					 * the OOM victim (0: none) */
	uint32_t address;		/* that process's address of it */
	const struct mapped_file *file;	/* a file page: which page */
	uint64_t index;
	uint32_t swap_offset;		/* swapped out: the slot */
	/* RECLAIM_OOM_KILL: oom_badness() and the kernel's report */
	char comm[16];
	uint64_t points;
	uint64_t total_vm_kb, anon_rss_kb, file_rss_kb, shmem_rss_kb;
	uint64_t pgtables_kb;
};

enum { RECLAIM_LOG_SIZE = 64 };

/* What reclaim did since the log was last cleared. */
struct reclaim_log {
	struct reclaim_event events[RECLAIM_LOG_SIZE];
	unsigned count;			/* events kept */
	uint64_t lost;			/* events beyond RECLAIM_LOG_SIZE */
	struct reclaim_event spare;	/* where a lost one is written: the
					 * machine's own, for machines run
					 * side by side on threads */
};

/* Make reclaim M's memory's answer to an allocation that finds no free
 * frame (machine_init() does). */
void reclaim_attach(struct machine *m);

/* swapon a swap area of BYTES (0: none).  Returns 0, or -1 with ERR. */
int reclaim_set_swap(struct machine *m, uint64_t bytes, struct ef_error *err);

/* Free one frame (the phys_mem hook).  Returns 0, or -1 with ERR:
 * PHYS_ERR_OOM_KILLED, PHYS_ERR_NO_FRAME, or a host error. */
int reclaim_run(struct machine *m, struct ef_error *err);

/* The counters now. */
void reclaim_vmstat(const struct machine *m, struct vmstat *out);

/* The name of an action ("swap-out"). */
const char *reclaim_action_name(enum reclaim_action action);

#endif
