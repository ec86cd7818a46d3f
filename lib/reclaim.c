/* reclaim.c - shrink_folio_list() and try_to_unmap(), one page at a time. */
#include <config.h>

#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "lru.h"
#include "oom_kill.h"
#include "process.h"
#include "reclaim.h"
#include "rmap.h"

static struct frame_info *frame(struct machine *m, uint64_t pfn)
{
	return phys_frame(&m->mem, pfn);
}

/* ---- what the policies ask ----------------------------------------------- */

/* folio_referenced_one(): ptep_clear_flush_young() - on x86 without the
 * flush ("clearing the accessed bit without a TLB flush doesn't cause
 * data corruption"), so a cached TLB entry keeps the page looking old.
 * CTX counts the PTEs that were young. */
static void clear_young(struct machine *m, const struct rmap_pte *map,
			void *ctx)
{
	if (!(map->pte & PTE_A))
		return;
	(*(unsigned *)ctx)++;
	phys_write32(&m->mem, map->pte_paddr, map->pte & ~PTE_A);
}

static unsigned ops_referenced(void *ctx, uint32_t pfn)
{
	unsigned young = 0;

	rmap_walk(ctx, pfn, clear_young, &young);
	return young;
}

/* What the mappings of a page say of it. */
struct mapping_notes {
	bool exec;	/* an executable VMA maps it */
	bool dirty;	/* a PTE has D set */
};

static void note_mapping(struct machine *m, const struct rmap_pte *map,
			 void *ctx)
{
	struct mapping_notes *n = ctx;

	(void)m;
	if (map->vma != NULL && (map->vma->flags & VMA_EXEC))
		n->exec = true;
	if (map->pte & PTE_D)
		n->dirty = true;
}

static struct mapping_notes look(struct machine *m, uint32_t pfn)
{
	struct mapping_notes n = { false, false };

	rmap_walk(m, pfn, note_mapping, &n);
	return n;
}

/* A free swap slot, the pages files in memory have written out counted
 * as held in it (shmem's pages go to swap too). */
static bool swap_room(const struct machine *m)
{
	return swap_free_slots(&m->swap) > m->cache.memory_written;
}

/* Can PFN go now?  Not with references beyond its PTEs and its cache
 * (the kernel is using it), not an anonymous page or a page of a file
 * in memory without swap room, not an anonymous page no PTE maps yet
 * (still being set up). */
static bool ops_reclaimable(void *ctx, uint32_t pfn)
{
	struct machine *m = ctx;
	const struct frame_info *info = frame(m, pfn);

	/* a file in memory (tmpfs, shmem) is swap-backed: shmem_writepage()
	 * needs a swap slot, and without one get_scan_count() leaves its
	 * pages alone; those it has written count against the swap */
	if (info->kind == FRAME_PAGE_CACHE && info->file->in_memory &&
	    !swap_room(m))
		return false;
	if (info->kind == FRAME_PAGE_CACHE)
		return info->refcount == info->mapcount + 1;
	if (info->kind != FRAME_ANON)
		return false;
	if (info->swap_slot != 0)
		return info->refcount == info->mapcount + 1;
	return info->mapcount > 0 && info->refcount == info->mapcount &&
	       swap_room(m);
}

/* can_reclaim_anon_pages(): only with a free swap slot. */
static bool ops_anon_reclaimable(void *ctx)
{
	return swap_room(ctx);
}

static bool ops_exec_mapped(void *ctx, uint32_t pfn)
{
	return look(ctx, pfn).exec;
}

static bool ops_dirty(void *ctx, uint32_t pfn)
{
	return frame(ctx, pfn)->dirty || look(ctx, pfn).dirty;
}

/* ---- taking a page: try_to_unmap() and shrink_folio_list() --------------- */

struct unmap {
	pte_t replacement;	/* 0, or the swap entry */
	struct swap_area *swap;
	unsigned count;
	bool dirty;
	int first_pid;
	uint32_t first_address;
};

static void unmap_one(struct machine *m, const struct rmap_pte *map, void *ctx)
{
	struct unmap *u = ctx;
	struct frame_info *info = frame(m, pte_pfn(map->pte));

	if (map->pte & PTE_D)
		u->dirty = true;
	if (u->replacement != 0)
		swap_dup(u->swap, swap_pte_offset(u->replacement));
	process_set_pte(m, map->p, map->address, u->replacement, NULL);
	info->mapcount--;
	info->refcount--;
	if (u->count++ == 0) {
		u->first_pid = map->p->pid;
		u->first_address = map->address;
	}
}

static struct reclaim_event *log_event(struct machine *m,
				       enum reclaim_action action)
{
	struct reclaim_event *e = &m->log.spare;

	if (m->log.count < RECLAIM_LOG_SIZE)
		e = &m->log.events[m->log.count++];
	else
		m->log.lost++;
	memset(e, 0, sizeof *e);
	e->action = action;
	return e;
}

static void log_unmap(struct reclaim_event *e, uint64_t pfn,
		      const struct unmap *u)
{
	e->pfn = (uint32_t)pfn;
	e->unmapped = u->count;
	e->pid = u->first_pid;
	e->address = u->first_address;
}

/* An anonymous page to swap: its slot (a new one is dirty), swap
 * entries for its PTEs, the write unless the slot already has the
 * bytes, and out of the swap cache. */
static int swap_out(struct machine *m, uint64_t pfn, struct ef_error *err)
{
	struct frame_info *info = frame(m, pfn);
	struct unmap u = { 0, &m->swap, 0, info->dirty, 0, 0 };
	uint32_t slot = info->swap_slot;
	struct reclaim_event *e;
	uint8_t page[PAGE_SIZE];

	if (slot == 0) {
		slot = swap_alloc(&m->swap, (uint32_t)pfn);
		if (slot == 0)
			return ef_error_set(err, PHYS_ERR_NO_FRAME, ENOMEM,
					    "swap is full");
		info->swap_slot = slot;
		info->refcount++;	/* the swap cache's */
		u.dirty = true;
	}
	u.replacement = swap_pte(slot);
	rmap_walk(m, pfn, unmap_one, &u);
	e = log_event(m, u.dirty ? RECLAIM_SWAP_OUT : RECLAIM_SWAP_CACHE);
	log_unmap(e, pfn, &u);
	e->address = info->address;
	e->swap_offset = slot;
	if (u.dirty) {
		if (phys_read(&m->mem, pfn_phys(pfn), page, PAGE_SIZE,
			      err) != 0 ||
		    swap_write(&m->swap, slot, page, err) != 0)
			return -1;
		m->stat.pswpout++;
	}
	m->swap.tag[slot] = (uint32_t)info->page_id;
	swap_cache_delete(&m->swap, &m->mem, pfn);	/* __remove_mapping() */
	if (info->refcount == 0)
		phys_free(&m->mem, pfn);
	return 0;
}

/* A page-cache page: unmapped, written back if dirty, dropped. */
static int drop_file_page(struct machine *m, uint64_t pfn,
			  struct ef_error *err)
{
	struct frame_info *info = frame(m, pfn);
	struct unmap u = { 0, NULL, 0, info->dirty, 0, 0 };
	const struct mapped_file *file = info->file;
	uint64_t index = info->index;
	struct reclaim_event *e;

	rmap_walk(m, pfn, unmap_one, &u);
	e = log_event(m, u.dirty ? RECLAIM_WRITEBACK : RECLAIM_DROP);
	log_unmap(e, pfn, &u);
	e->file = file;
	e->index = index;
	if (u.dirty) {
		if (page_cache_write_back(&m->cache, pfn, err) != 0)
			return -1;
		m->stat.nr_written++;
	}
	page_cache_remove(&m->cache, file, index);
	return 0;
}

/* ---- the OOM killer (oom_kill.h) ---------------------------------------- */

/* out_of_memory(), and its report in the log. */
static int kill_for_memory(struct machine *m, struct ef_error *err)
{
	struct oom_victim v;
	int rc = out_of_memory(m, &v, err);
	struct reclaim_event *e;

	if (v.pid == 0)
		return rc;
	e = log_event(m, RECLAIM_OOM_KILL);
	e->pid = v.pid;
	memcpy(e->comm, v.comm, sizeof e->comm);
	e->points = v.points;
	e->total_vm_kb = v.counts.total_vm * 4;
	e->anon_rss_kb = v.counts.rss.anon * 4;
	e->file_rss_kb = v.counts.rss.file * 4;
	e->shmem_rss_kb = v.counts.rss.shmem * 4;
	e->pgtables_kb = v.counts.rss.pgtables * 4;
	return rc;
}

/* ---- the hooks ----------------------------------------------------------- */

int reclaim_run(struct machine *m, struct ef_error *err)
{
	struct replacement_ops ops = { ops_referenced, ops_reclaimable,
				       ops_anon_reclaimable, ops_exec_mapped,
				       ops_dirty, m };
	uint64_t used = m->mem.used;
	uint32_t victim;

	while (m->mem.used >= used) {
		int rc;

		if (replacement_pick(&m->lru, &ops, &victim) != 0) {
			if (kill_for_memory(m, err) != 0)
				return -1;
			continue;
		}
		rc = frame(m, victim)->kind == FRAME_ANON
		     ? swap_out(m, victim, err) : drop_file_page(m, victim, err);
		if (rc != 0)
			return -1;
		if (frame(m, victim)->kind == FRAME_FREE)
			m->stat.pgsteal_direct++;
		else	/* a hold the model does not know of: not again */
			replacement_remove(&m->lru, victim);
	}
	return 0;
}

static int reclaim_hook(void *ctx, struct ef_error *err)
{
	return reclaim_run(ctx, err);
}

void reclaim_attach(struct machine *m)
{
	m->mem.hooks.reclaim = reclaim_hook;
	m->mem.hooks.ctx = m;
}

int reclaim_set_swap(struct machine *m, uint64_t bytes, struct ef_error *err)
{
	swap_release(&m->swap);
	return swap_init(&m->swap, bytes, err);
}

void reclaim_vmstat(const struct machine *m, struct vmstat *out)
{
	*out = m->stat;
	out->pswpin = m->swap.reads;
	out->pswpout = m->swap.writes;
	out->pgscan_direct = m->lru.stats.scanned;
	out->pgactivate = m->lru.stats.activated;
	out->pgdeactivate = m->lru.stats.deactivated;
	out->pgrefill = m->lru.stats.refilled;
}

const char *reclaim_action_name(enum reclaim_action action)
{
	static const char *const names[] = {
		[RECLAIM_DROP] = "drop", [RECLAIM_WRITEBACK] = "writeback",
		[RECLAIM_SWAP_OUT] = "swap-out",
		[RECLAIM_SWAP_CACHE] = "swap-cache-drop",
		[RECLAIM_OOM_KILL] = "oom-kill",
	};

	return names[action];
}
