/* reclaim.h - direct reclaim: the reverse map, swap-out, writeback, OOM.
 *
 * When an allocation finds no free frame, phys_mem calls reclaim_run(),
 * as the page allocator's slow path enters direct reclaim: the machine's
 * replacement policy (replacement.h) names a victim among the anonymous
 * and page-cache pages, and shrink_folio_list() takes it:
 *
 *  - every PTE that maps it is found through the reverse map (rmap.c:
 *    for an anonymous page every process's PTE at the page's address,
 *    which is where fork put the copies; for a file page every VMA that
 *    maps the file at that page) and cleared, the TLB entry flushed
 *    (try_to_unmap()); a dirty PTE makes the page dirty;
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
 * When nothing can be reclaimed the OOM killer runs (mm/oom_kill.c):
 * each process that has finished exec or fork scores oom_badness() -
 * resident pages plus swap entries plus page-table pages, oom_score_adj
 * being 0 for all - and the highest score is killed with SIGKILL (of
 * equal scores the one listed last, the newest: select_bad_process()
 * takes a later equal score).  Another process dies on the spot and its
 * memory is freed; when the victim is the process the allocation is for
 * (the running one, or the one a fault or fork works on:
 * machine.allocating), the allocation fails with PHYS_ERR_OOM_KILLED, the
 * victim is marked oom_killed, and the caller kills it once it has
 * unwound.  With no process to kill the
 * allocation fails with PHYS_ERR_NO_FRAME.
 *
 * What it does is counted in /proc/vmstat's counters (vmstat.h).
 */
#ifndef ELFAULT_RECLAIM_H
#define ELFAULT_RECLAIM_H

#include <stdbool.h>
#include <stdint.h>

#include "error.h"
#include "future.h"
#include "pgtable.h"
#include "replacement.h"
#include "vmstat.h"

struct machine;
struct process;
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
	uint64_t total_vm_kb, anon_rss_kb, file_rss_kb, pgtables_kb;
};

enum { RECLAIM_LOG_SIZE = 64 };

/* What reclaim did since the log was last cleared. */
struct reclaim_log {
	struct reclaim_event events[RECLAIM_LOG_SIZE];
	unsigned count;			/* events kept */
	uint64_t lost;			/* events beyond RECLAIM_LOG_SIZE */
};

/* A process's memory as the OOM killer counts it (pages). */
struct mm_counts {
	uint64_t anon, file;	/* MM_ANONPAGES, MM_FILEPAGES */
	uint64_t swapents;	/* MM_SWAPENTS */
	uint64_t pgtables;	/* page-table pages */
	uint64_t total_vm;	/* pages of its VMAs */
};

/* Wire M's memory and MMU to reclaim (machine_init() does). */
void reclaim_attach(struct machine *m);

/* Choose the policy: only before any page is on the lists. */
void reclaim_set_policy(struct machine *m, enum replacement_policy policy);

/* swapon a swap area of BYTES (0: none).  Returns 0, or -1 with ERR. */
int reclaim_set_swap(struct machine *m, uint64_t bytes, struct ef_error *err);

/* Write every page reference into F (a run that opt will replay), or
 * read the future from F (sealed) for opt.  F stays the caller's.  Both
 * runs must set it at the same point - before the first exec - so that
 * their reference counts agree. */
void reclaim_record_references(struct machine *m, struct future *f);
void reclaim_use_future(struct machine *m, struct future *f);

/* Free one frame (the phys_mem hook).  Returns 0, or -1 with ERR:
 * PHYS_ERR_OOM_KILLED, PHYS_ERR_NO_FRAME, or a host error. */
int reclaim_run(struct machine *m, struct ef_error *err);

/* mark_page_accessed(): the kernel read page PFN for read().  It is a
 * reference too, for lru's order and opt's string. */
void reclaim_mark_accessed(struct machine *m, uint64_t pfn);

/* A new anonymous page at ADDRESS in frame PFN: its rmap address and a
 * new page key. */
void reclaim_new_anon(struct machine *m, uint64_t pfn, uint32_t address);

/* A page came into frame PFN from the disk or from swap (its key set):
 * opt learns when it is used next. */
void reclaim_page_loaded(struct machine *m, uint64_t pfn);

/* The counters now. */
void reclaim_vmstat(const struct machine *m, struct vmstat *out);

/* P's memory, as oom_badness() and the OOM report count it. */
void reclaim_mm_counts(struct machine *m, const struct process *p,
		       struct mm_counts *out);

/* folio_free_swap(): take the page in frame PFN out of the swap cache
 * when no swap PTE refers to its slot any more (the slot is freed).  The
 * cache's reference goes; the frame stays, even unreferenced, for the
 * caller to map or put.  Returns whether it did. */
bool reclaim_free_swap(struct machine *m, uint64_t pfn);

/* Drop a swap PTE's hold on its slot (zap_pte_range():
 * free_swap_and_cache()): the slot is freed when nothing else refers to
 * it; a swap-cache page no swap PTE will look for again leaves the cache
 * when no one maps it or swap is over half full. */
void reclaim_put_swap(struct machine *m, pte_t pte);

/* The name of an action ("swap-out"). */
const char *reclaim_action_name(enum reclaim_action action);

#endif
