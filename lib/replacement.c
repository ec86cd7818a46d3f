/* replacement.c - the lists reclaim takes pages from, one policy each. */
#include <config.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "replacement.h"

#define NIL UINT32_MAX

/* lru2q's four lists, as the kernel's enum lru_list: a pair for
 * anonymous pages and a pair for file pages.  The other policies keep
 * every page on list 0. */
enum {
	LIST_INACTIVE = 0, LIST_ACTIVE = 1,	/* add LIST_FILE for a file page's */
	LIST_FILE = 2, LIST_NONE = 4,
};

/* The pair a page is on: LIST_FILE or 0. */
#define PAIR_OF(list) ((list) & LIST_FILE)

struct replacement_node {
	uint32_t prev, next;	/* in a circular list; NIL when not held */
	uint8_t list;		/* LIST_*: LIST_NONE when not held */
	bool referenced;	/* PG_referenced */
	uint64_t sequence;	/* when it was added: fifo order, opt ties */
	uint64_t next_use;	/* opt */
	uint32_t heap_index;	/* opt: its place in the heap */
};

static const char *const policy_names[POLICY_COUNT] = {
	[POLICY_LRU2Q] = "lru2q", [POLICY_CLOCK] = "clock",
	[POLICY_FIFO] = "fifo", [POLICY_LRU] = "lru", [POLICY_OPT] = "opt",
};

const char *replacement_policy_name(enum replacement_policy policy)
{
	return (unsigned)policy < POLICY_COUNT ? policy_names[policy] : "?";
}

int replacement_policy_parse(const char *name, enum replacement_policy *policy)
{
	for (unsigned i = 0; i < POLICY_COUNT; i++)
		if (strcasecmp(name, policy_names[i]) == 0) {
			*policy = (enum replacement_policy)i;
			return 0;
		}
	return -1;
}

void replacement_init(struct replacement *r, enum replacement_policy policy)
{
	memset(r, 0, sizeof *r);
	r->policy = policy;
	for (unsigned i = 0; i < LIST_NONE; i++)
		r->list_head[i] = NIL;
	r->hand = NIL;
}

void replacement_release(struct replacement *r)
{
	free(r->nodes);
	free(r->heap);
	replacement_init(r, r->policy);
}

static struct replacement_node *node(const struct replacement *r, uint32_t pfn)
{
	return pfn < r->node_capacity ? &r->nodes[pfn] : NULL;
}

bool replacement_holds(const struct replacement *r, uint32_t pfn)
{
	const struct replacement_node *n = node(r, pfn);

	return n != NULL && n->list != LIST_NONE;
}

static int grow_nodes(struct replacement *r, uint32_t pfn,
		      struct ef_error *err)
{
	uint32_t capacity = r->node_capacity ? r->node_capacity : 256;
	struct replacement_node *grown;

	while (capacity <= pfn)
		capacity = capacity > UINT32_MAX / 2 ? UINT32_MAX : capacity * 2;
	grown = realloc(r->nodes, (size_t)capacity * sizeof *grown);
	if (grown == NULL)
		return ef_error_set(err, REPLACEMENT_ERR_NOMEM, ENOMEM, "out of memory");
	for (uint32_t i = r->node_capacity; i < capacity; i++)
		grown[i] = (struct replacement_node){ NIL, NIL, LIST_NONE,
						      false, 0, 0, NIL };
	r->nodes = grown;
	r->node_capacity = capacity;
	return 0;
}

/* ---- circular lists: list_head is the oldest end (the kernel's tail) -- */

/* Put PFN just before AT in LIST (AT NIL: LIST is empty). */
static void list_insert_before(struct replacement *r, unsigned list,
			       uint32_t pfn, uint32_t at)
{
	struct replacement_node *n = &r->nodes[pfn];

	n->list = (uint8_t)list;
	if (at == NIL) {
		n->prev = n->next = pfn;
		r->list_head[list] = pfn;
	} else {
		n->prev = r->nodes[at].prev;
		n->next = at;
		r->nodes[n->prev].next = pfn;
		r->nodes[at].prev = pfn;
	}
	r->list_count[list]++;
}

/* PFN becomes the newest of LIST. */
static void list_append(struct replacement *r, unsigned list, uint32_t pfn)
{
	list_insert_before(r, list, pfn, r->list_head[list]);
}

static void list_unlink(struct replacement *r, uint32_t pfn)
{
	struct replacement_node *n = &r->nodes[pfn];
	unsigned list = n->list;

	if (n->next == pfn) {
		r->list_head[list] = NIL;
	} else {
		r->nodes[n->prev].next = n->next;
		r->nodes[n->next].prev = n->prev;
		if (r->list_head[list] == pfn)
			r->list_head[list] = n->next;
	}
	if (r->hand == pfn)
		r->hand = n->next == pfn ? NIL : n->next;
	n->prev = n->next = NIL;
	n->list = LIST_NONE;
	r->list_count[list]--;
}

/* Move PFN to the newest end of LIST. */
static void list_move(struct replacement *r, unsigned list, uint32_t pfn)
{
	list_unlink(r, pfn);
	list_append(r, list, pfn);
}

/* ---- opt's heap: the furthest next use on top, ties to the oldest ------ */

static bool heap_above(const struct replacement *r, uint32_t a, uint32_t b)
{
	const struct replacement_node *x = &r->nodes[a], *y = &r->nodes[b];

	if (x->next_use != y->next_use)
		return x->next_use > y->next_use;
	return x->sequence < y->sequence;
}

static void heap_set(struct replacement *r, uint32_t i, uint32_t pfn)
{
	r->heap[i] = pfn;
	r->nodes[pfn].heap_index = i;
}

static void heap_up(struct replacement *r, uint32_t i)
{
	uint32_t pfn = r->heap[i];

	while (i > 0 && heap_above(r, pfn, r->heap[(i - 1) / 2])) {
		heap_set(r, i, r->heap[(i - 1) / 2]);
		i = (i - 1) / 2;
	}
	heap_set(r, i, pfn);
}

static void heap_down(struct replacement *r, uint32_t i)
{
	uint32_t pfn = r->heap[i];

	for (;;) {
		uint32_t child = 2 * i + 1;

		if (child >= r->heap_count)
			break;
		if (child + 1 < r->heap_count &&
		    heap_above(r, r->heap[child + 1], r->heap[child]))
			child++;
		if (!heap_above(r, r->heap[child], pfn))
			break;
		heap_set(r, i, r->heap[child]);
		i = child;
	}
	heap_set(r, i, pfn);
}

static int heap_push(struct replacement *r, uint32_t pfn, struct ef_error *err)
{
	if (r->heap_count == r->heap_capacity) {
		uint32_t capacity = r->heap_capacity ? 2 * r->heap_capacity : 256;
		uint32_t *grown = realloc(r->heap, (size_t)capacity * sizeof *grown);

		if (grown == NULL)
			return ef_error_set(err, REPLACEMENT_ERR_NOMEM, ENOMEM, "out of memory");
		r->heap = grown;
		r->heap_capacity = capacity;
	}
	heap_set(r, r->heap_count++, pfn);
	heap_up(r, r->heap_count - 1);
	return 0;
}

static void heap_remove(struct replacement *r, uint32_t pfn)
{
	uint32_t i = r->nodes[pfn].heap_index, last = r->heap[--r->heap_count];

	r->nodes[pfn].heap_index = NIL;
	if (last == pfn)
		return;
	heap_set(r, i, last);
	heap_up(r, i);
	heap_down(r, r->nodes[last].heap_index);
}

/* ---- adding, removing, accessing --------------------------------------- */

int replacement_add(struct replacement *r, uint32_t pfn, bool file,
		    struct ef_error *err)
{
	struct replacement_node *n;

	if (pfn >= r->node_capacity && grow_nodes(r, pfn, err) != 0)
		return -1;
	n = &r->nodes[pfn];
	if (n->list != LIST_NONE)
		return 0;
	n->referenced = false;
	n->sequence = r->sequence++;
	n->next_use = REPLACEMENT_NEVER;
	if (r->policy == POLICY_OPT) {
		/* opt keeps no list order: the heap is its order. */
		if (heap_push(r, pfn, err) != 0)
			return -1;
		n->list = LIST_INACTIVE;
	} else if (r->policy == POLICY_CLOCK) {
		/* Just behind the hand: looked at last. */
		list_insert_before(r, LIST_INACTIVE, pfn, r->hand);
		if (r->hand == NIL)
			r->hand = pfn;
	} else {
		list_append(r, LIST_INACTIVE | (r->policy == POLICY_LRU2Q && file
						? LIST_FILE : 0), pfn);
	}
	r->count++;
	return 0;
}

void replacement_remove(struct replacement *r, uint32_t pfn)
{
	struct replacement_node *n = node(r, pfn);

	if (n == NULL || n->list == LIST_NONE)
		return;
	if (r->policy == POLICY_OPT) {
		heap_remove(r, pfn);
		n->list = LIST_NONE;
	} else {
		list_unlink(r, pfn);
	}
	r->count--;
}

void replacement_accessed(struct replacement *r, uint32_t pfn)
{
	if (r->policy == POLICY_LRU && replacement_holds(r, pfn))
		list_move(r, LIST_INACTIVE, pfn);
}

void replacement_mark_accessed(struct replacement *r, uint32_t pfn)
{
	struct replacement_node *n = node(r, pfn);

	if (n == NULL || n->list == LIST_NONE)
		return;
	if (r->policy == POLICY_LRU2Q && !(n->list & LIST_ACTIVE) &&
	    n->referenced) {
		/* folio_mark_accessed(): the second use activates. */
		n->referenced = false;
		list_move(r, PAIR_OF(n->list) | LIST_ACTIVE, pfn);
		r->stats.activated++;
		return;
	}
	n->referenced = true;
}

void replacement_set_next_use(struct replacement *r, uint32_t pfn,
			      uint64_t when)
{
	struct replacement_node *n = node(r, pfn);

	if (r->policy != POLICY_OPT || n == NULL || n->list == LIST_NONE ||
	    n->next_use == when)
		return;
	n->next_use = when;
	heap_up(r, n->heap_index);
	heap_down(r, n->heap_index);
}

bool replacement_is_active(const struct replacement *r, uint32_t pfn)
{
	const struct replacement_node *n = node(r, pfn);

	return r->policy == POLICY_LRU2Q && n != NULL && n->list != LIST_NONE &&
	       (n->list & LIST_ACTIVE);
}

/* ---- picking ------------------------------------------------------------ */

static bool test_clear_referenced(struct replacement *r, uint32_t pfn)
{
	bool was = r->nodes[pfn].referenced;

	r->nodes[pfn].referenced = false;
	return was;
}

/* fifo, lru: the oldest page that can go. */
static int pick_oldest(struct replacement *r, const struct replacement_ops *ops,
		       uint32_t *victim)
{
	uint32_t pfn = r->list_head[LIST_INACTIVE];

	for (uint32_t i = 0; i < r->list_count[LIST_INACTIVE]; i++) {
		r->stats.scanned++;
		if (ops->reclaimable(ops->ctx, pfn)) {
			*victim = pfn;
			return 0;
		}
		pfn = r->nodes[pfn].next;
	}
	return -1;
}

/* clock: pass over referenced pages, clearing their bits; two turns at
 * most find a clear one if any page can go. */
static int pick_clock(struct replacement *r, const struct replacement_ops *ops,
		      uint32_t *victim)
{
	uint64_t limit = 2ull * r->list_count[LIST_INACTIVE] + 1;

	for (uint64_t i = 0; i < limit && r->hand != NIL; i++) {
		uint32_t pfn = r->hand;
		bool young;

		r->hand = r->nodes[pfn].next;
		r->stats.scanned++;
		if (!ops->reclaimable(ops->ctx, pfn))
			continue;
		young = ops->referenced(ops->ctx, pfn) > 0;
		young |= test_clear_referenced(r, pfn);
		if (!young) {
			*victim = pfn;
			return 0;
		}
	}
	return -1;
}

/* opt: the furthest next use among the pages that can go. */
static int pick_opt(struct replacement *r, const struct replacement_ops *ops,
		    uint32_t *victim)
{
	uint32_t skipped = 0;
	int found = -1;

	while (r->heap_count > 0) {
		uint32_t pfn = r->heap[0];

		r->stats.scanned++;
		if (ops->reclaimable(ops->ctx, pfn)) {
			*victim = pfn;
			found = 0;
			break;
		}
		/* Park it just past the heap, before the others parked. */
		heap_remove(r, pfn);
		r->heap[r->heap_count] = pfn;
		skipped++;
	}
	while (skipped-- > 0) {
		uint32_t pfn = r->heap[r->heap_count];

		heap_set(r, r->heap_count++, pfn);
		heap_up(r, r->heap_count - 1);
	}
	return found;
}

/* shrink_active_list() for the oldest page of PAIR's active list. */
static void deactivate_one(struct replacement *r,
			   const struct replacement_ops *ops, unsigned pair)
{
	uint32_t pfn = r->list_head[pair | LIST_ACTIVE];
	unsigned young = ops->referenced(ops->ctx, pfn);

	r->stats.refilled++;
	if (young > 0 && pair == LIST_FILE && ops->exec_mapped(ops->ctx, pfn)) {
		list_move(r, pair | LIST_ACTIVE, pfn);	/* code stays active */
		return;
	}
	list_move(r, pair | LIST_INACTIVE, pfn);
	r->stats.deactivated++;
}

enum reference_verdict { KEEP, ACTIVATE, RECLAIM };

/* folio_check_references() */
static enum reference_verdict check_references(struct replacement *r,
					       const struct replacement_ops *ops,
					       uint32_t pfn, bool file)
{
	unsigned young = ops->referenced(ops->ctx, pfn);
	bool was_referenced = test_clear_referenced(r, pfn);

	if (young > 0) {
		r->nodes[pfn].referenced = true;
		if (was_referenced || young > 1)
			return ACTIVATE;
		if (file && ops->exec_mapped(ops->ctx, pfn))
			return ACTIVATE;
		return KEEP;
	}
	/* PAGEREF_RECLAIM_CLEAN: a dirty file page is not written back. */
	if (was_referenced && file && ops->dirty(ops->ctx, pfn))
		return KEEP;
	return RECLAIM;
}

/* lru2q on one pair (shrink_lruvec() for one type): scan the inactive
 * list's oldest pages, keeping it at least as long as the active one
 * (inactive_is_low()).  Every page's bits are cleared by a visit, so four
 * visits of every page settle it. */
static int pick_from_pair(struct replacement *r,
			  const struct replacement_ops *ops, unsigned pair,
			  uint32_t *victim)
{
	unsigned inactive = pair | LIST_INACTIVE, active = pair | LIST_ACTIVE;
	uint64_t limit = 4ull * (r->list_count[inactive] +
				 r->list_count[active]) + 4;

	for (uint64_t i = 0; i < limit; i++) {
		uint32_t pfn;

		if (r->list_count[active] > 0 &&
		    r->list_count[inactive] < r->list_count[active])
			deactivate_one(r, ops, pair);
		pfn = r->list_head[inactive];
		if (pfn == NIL)
			return -1;
		r->stats.scanned++;
		if (!ops->reclaimable(ops->ctx, pfn)) {
			list_move(r, inactive, pfn);
			continue;
		}
		switch (check_references(r, ops, pfn, pair == LIST_FILE)) {
		case ACTIVATE:
			list_move(r, active, pfn);
			r->stats.activated++;
			break;
		case KEEP:
			list_move(r, inactive, pfn);
			break;
		case RECLAIM:
			*victim = pfn;
			return 0;
		}
	}
	return -1;
}

/* lru2q: the victims shared between the pairs as get_scan_count()'s
 * SCAN_FRACT shares the scanning at swappiness 60 when both cost the
 * same: anon 60 to file 140; a pair with nothing to give is skipped. */
static int pick_lru2q(struct replacement *r, const struct replacement_ops *ops,
		      uint32_t *victim)
{
	bool anon = ops->anon_reclaimable(ops->ctx);
	bool anon_first = anon && r->anon_taken * 140 < r->file_taken * 60;
	unsigned first = anon_first ? 0 : LIST_FILE;

	if (pick_from_pair(r, ops, first, victim) != 0 &&
	    (!anon || pick_from_pair(r, ops, first ^ LIST_FILE, victim) != 0))
		return -1;
	if (PAIR_OF(r->nodes[*victim].list) == LIST_FILE)
		r->file_taken++;
	else
		r->anon_taken++;
	return 0;
}

int replacement_pick(struct replacement *r, const struct replacement_ops *ops,
		     uint32_t *victim)
{
	switch (r->policy) {
	case POLICY_LRU2Q:
		return pick_lru2q(r, ops, victim);
	case POLICY_CLOCK:
		return pick_clock(r, ops, victim);
	case POLICY_OPT:
		return pick_opt(r, ops, victim);
	case POLICY_FIFO:
	case POLICY_LRU:
		break;
	}
	return pick_oldest(r, ops, victim);
}
