/* replacement.h - page replacement: which page reclaim takes next.
 *
 * A replacement keeps the pages reclaim may take (the kernel's LRU lists:
 * anonymous pages and page-cache pages, by frame number) in the order one
 * policy needs, and picks a victim when memory is short:
 *
 *  lru2q  the kernel's active and inactive lists (mm/vmscan.c, classic
 *         LRU, not MGLRU), a pair for anonymous pages and a pair for file
 *         pages: new pages go to the head of their inactive list;
 *         reclaim takes an inactive list's tail and asks
 *         folio_check_references(): PTEs
 *         referenced (the accessed bits the MMU set, read and cleared
 *         through the reverse map) and PG_referenced already set, or more
 *         than one PTE referenced, or an executable file page -> the
 *         active list; PTEs referenced once -> PG_referenced set and kept
 *         on the inactive list for another trip; not referenced -> taken
 *         (a dirty file page that had only PG_referenced is kept once:
 *         PAGEREF_RECLAIM_CLEAN).  When the inactive list is shorter than
 *         the active one (inactive_is_low() below 1 GiB: ratio 1), the
 *         active list's tail moves to the inactive head
 *         (shrink_active_list(); a referenced executable file page goes
 *         round the active list instead).  The victims are shared between
 *         the pairs as get_scan_count() shares its scanning at swappiness
 *         60 when both kinds cost the same: 60 anonymous to 140 file; a
 *         pair with nothing reclaimable (anonymous pages without swap
 *         room) gives way to the other.  The kernel's cost tracking,
 *         cache-trim mode and refault detection are not modelled.
 *  clock  one ring and a hand: a page whose accessed bits (or
 *         PG_referenced) are set has them cleared and is passed over;
 *         the first page found clear is taken.  New pages go just behind
 *         the hand.
 *  fifo   the page loaded first is taken; accesses change nothing.
 *  lru    exact least-recently-used: every access the replay makes moves
 *         the page to the most-recent end (no hardware can do this; it is
 *         the yardstick the others approximate).
 *  opt    Belady's optimal: the page whose next use is furthest away (or
 *         never) is taken; the caller says when each page is next used
 *         (from the whole access sequence, known in advance: for
 *         comparison only).  Ties go to the page loaded first.
 *
 * Every policy passes over pages the caller says cannot be reclaimed now
 * (pinned, or anonymous with no swap room).  A replacement never touches
 * page tables itself: the caller's callbacks read and clear accessed bits
 * and say what a page is.
 */
#ifndef ELFAULT_REPLACEMENT_H
#define ELFAULT_REPLACEMENT_H

#include <stdbool.h>
#include <stdint.h>

#include "error.h"

enum replacement_policy {
	POLICY_LRU2Q,
	POLICY_CLOCK,
	POLICY_FIFO,
	POLICY_LRU,
	POLICY_OPT,
};

enum { POLICY_COUNT = POLICY_OPT + 1 };

#define REPLACEMENT_NEVER UINT64_MAX	/* opt: a page not used again */

/* What the policies ask the owner of the pages. */
struct replacement_ops {
	/* folio_referenced(): how many PTEs mapping PFN had their accessed
	 * bit set; the bits are cleared. */
	unsigned (*referenced)(void *ctx, uint32_t pfn);
	/* Can PFN be reclaimed now? */
	bool (*reclaimable)(void *ctx, uint32_t pfn);
	/* lru2q: can anonymous pages go at all (a free swap slot)?  When
	 * not, the anonymous lists are not scanned (get_scan_count():
	 * SCAN_FILE). */
	bool (*anon_reclaimable)(void *ctx);
	/* lru2q: a file page mapped by an executable VMA? */
	bool (*exec_mapped)(void *ctx, uint32_t pfn);
	/* lru2q: a dirty file page (written back before it can go)? */
	bool (*dirty)(void *ctx, uint32_t pfn);
	void *ctx;
};

/* What a pick did, in /proc/vmstat's terms. */
struct replacement_stats {
	uint64_t scanned;	/* pgscan: pages looked at for reclaim */
	uint64_t activated;	/* pgactivate: moved to the active list */
	uint64_t deactivated;	/* pgdeactivate: moved to the inactive list */
	uint64_t refilled;	/* pgrefill: active pages looked at */
};

struct replacement_node;

struct replacement {
	enum replacement_policy policy;
	struct replacement_node *nodes;	/* by frame number, grown on use */
	uint32_t node_capacity;
	uint32_t list_head[4], list_count[4]; /* fifo/lru/clock: list 0;
					       * lru2q: inactive and active
					       * anon, inactive and active file */
	uint64_t anon_taken, file_taken;	/* lru2q: victims of each type */
	uint32_t hand;			/* clock: the next page to look at */
	uint32_t *heap;			/* opt: pages, furthest use on top */
	uint32_t heap_count, heap_capacity;
	uint64_t sequence;		/* pages added so far */
	uint32_t count;			/* pages held */
	struct replacement_stats stats;
};

/* Policy names as scripts and the command line spell them ("lru2q"). */
const char *replacement_policy_name(enum replacement_policy policy);

/* The policy called NAME: 0 with *POLICY set, or -1. */
int replacement_policy_parse(const char *name, enum replacement_policy *policy);

void replacement_init(struct replacement *r, enum replacement_policy policy);
void replacement_release(struct replacement *r);

/* A new page PFN may be reclaimed from now on (lru_cache_add()); FILE
 * for a page-cache page (lru2q keeps it on the file lists).  Returns 0,
 * or -1 with ERR set when the host is out of memory. */
int replacement_add(struct replacement *r, uint32_t pfn, bool file,
		    struct ef_error *err);

/* PFN leaves: freed, or taken by reclaim.  Nothing when not held. */
void replacement_remove(struct replacement *r, uint32_t pfn);

/* Is PFN held? */
bool replacement_holds(const struct replacement *r, uint32_t pfn);

/* The replay accessed PFN (every access, for lru). */
void replacement_accessed(struct replacement *r, uint32_t pfn);

/* mark_page_accessed() (a read() of a cached page, for lru2q and clock):
 * inactive unreferenced -> referenced -> active. */
void replacement_mark_accessed(struct replacement *r, uint32_t pfn);

/* opt: PFN is next used at WHEN (REPLACEMENT_NEVER: not again). */
void replacement_set_next_use(struct replacement *r, uint32_t pfn,
			      uint64_t when);

/* Choose a page to reclaim: 0 with *VICTIM set (still held: the caller
 * removes it once it is gone), or -1 when no held page can go now. */
int replacement_pick(struct replacement *r, const struct replacement_ops *ops,
		     uint32_t *victim);

/* lru2q: is PFN on the active list? */
bool replacement_is_active(const struct replacement *r, uint32_t pfn);

/* Errors (ef_error kinds). */
enum replacement_error {
	REPLACEMENT_ERR_NONE = 0,
	/* host memory */
	REPLACEMENT_ERR_NOMEM = EF_ERR_BASE(EF_DOMAIN_REPLACEMENT) + 1,
};

#endif
