/* reclaim.c - shrink_folio_list(), try_to_unmap(), the OOM killer. */
#include <config.h>

#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "process.h"
#include "reclaim.h"

/* Page keys: anonymous pages count up from 1; file pages are the file's
 * number in the page cache and the page index. */
#define FILE_KEY_BIT (1ull << 63)

static struct frame_info *frame(struct machine *m, uint64_t pfn)
{
	return phys_frame(&m->mem, pfn);
}

static bool on_lru(enum frame_kind kind)
{
	return kind == FRAME_ANON || kind == FRAME_PAGE_CACHE;
}

/* ---- the reverse map ----------------------------------------------------- */

/* One PTE that maps the frame: whose, where, and its physical address. */
struct mapping {
	struct process *p;
	const struct vma *vma;
	uint32_t address;
	uint32_t pte_paddr;
	pte_t pte;
};

typedef void (*mapping_fn)(struct machine *m, const struct mapping *map,
			   void *ctx);

static bool same_file(const struct mapped_file *a, const struct mapped_file *b)
{
	return a->dev_major == b->dev_major && a->dev_minor == b->dev_minor &&
	       a->inode == b->inode;
}

/* Visit P's PTE at ADDRESS if it maps PFN. */
static void visit_if_mapped(struct machine *m, struct process *p,
			    const struct vma *vma, uint32_t address,
			    uint64_t pfn, mapping_fn fn, void *ctx)
{
	pte_t pde = phys_read32(&m->mem, p->pgd + 4 * pde_index(address));
	struct mapping map = { p, vma, address, 0, 0 };

	if (!pte_present(pde) || (pde & PTE_PS))
		return;
	map.pte_paddr = (pde & PTE_FRAME_MASK) + 4 * pte_index(address);
	map.pte = phys_read32(&m->mem, map.pte_paddr);
	if (pte_maps_frame(map.pte) && pte_pfn(map.pte) == pfn)
		fn(m, &map, ctx);
}

/* rmap_walk(): every PTE mapping PFN, in every process with page tables
 * (a process being forked included: its copies count). */
static void for_each_mapping(struct machine *m, uint64_t pfn, mapping_fn fn,
			     void *ctx)
{
	const struct frame_info *info = frame(m, pfn);

	for (unsigned i = 0; i < m->process_count; i++) {
		struct process *p = m->processes[i];

		if (!p->alive || p->pgd == 0)
			continue;
		if (info->kind == FRAME_ANON) {
			visit_if_mapped(m, p, vma_set_lookup(&p->mm.vmas,
							     info->address),
					info->address, (uint32_t)pfn, fn, ctx);
			continue;
		}
		for (size_t v = 0; v < p->mm.vmas.count; v++) {
			const struct vma *vma = &p->mm.vmas.vmas[v];
			uint64_t pages = (vma->end - vma->start) / PAGE_SIZE;

			if (vma->kind != VMA_KIND_FILE ||
			    !same_file(vma->file, info->file) ||
			    info->index < vma->pgoff ||
			    info->index >= vma->pgoff + pages)
				continue;
			visit_if_mapped(m, p, vma, (uint32_t)(vma->start +
					(info->index - vma->pgoff) * PAGE_SIZE),
					pfn, fn, ctx);
		}
	}
}

/* ---- what the policies ask ----------------------------------------------- */

/* folio_referenced_one(): ptep_clear_flush_young() - on x86 without the
 * flush ("clearing the accessed bit without a TLB flush doesn't cause
 * data corruption"), so a cached TLB entry keeps the page looking old.
 * CTX counts the PTEs that were young. */
static void clear_young(struct machine *m, const struct mapping *map,
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

	for_each_mapping(ctx, pfn, clear_young, &young);
	return young;
}

/* What the mappings of a page say of it. */
struct mapping_notes {
	bool exec;	/* an executable VMA maps it */
	bool dirty;	/* a PTE has D set */
};

static void note_mapping(struct machine *m, const struct mapping *map,
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

	for_each_mapping(m, pfn, note_mapping, &n);
	return n;
}

/* Can PFN go now?  Not with references beyond its PTEs and its cache
 * (the kernel is using it), not an anonymous page without swap room, not
 * an anonymous page no PTE maps yet (still being set up). */
static bool ops_reclaimable(void *ctx, uint32_t pfn)
{
	struct machine *m = ctx;
	const struct frame_info *info = frame(m, pfn);

	if (info->kind == FRAME_PAGE_CACHE)
		return info->refcount == info->mapcount + 1;
	if (info->kind != FRAME_ANON)
		return false;
	if (info->swap_slot != 0)
		return info->refcount == info->mapcount + 1;
	return info->mapcount > 0 && info->refcount == info->mapcount &&
	       swap_free_slots(&m->swap) > 0;
}

/* can_reclaim_anon_pages(): only with a free swap slot. */
static bool ops_anon_reclaimable(void *ctx)
{
	return swap_free_slots(&((struct machine *)ctx)->swap) > 0;
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

static void unmap_one(struct machine *m, const struct mapping *map, void *ctx)
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
	static struct reclaim_event spare;
	struct reclaim_event *e = &spare;

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

/* __delete_from_swap_cache(): the page leaves its slot's cache, and
 * with it the cache's reference (the slot is freed when no swap PTE
 * refers to it). */
static void leave_swap_cache(struct machine *m, struct frame_info *info)
{
	uint32_t slot = info->swap_slot;

	info->swap_slot = 0;
	info->refcount--;
	swap_cache_set(&m->swap, slot, 0);
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
	for_each_mapping(m, pfn, unmap_one, &u);
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
	leave_swap_cache(m, info);	/* __remove_mapping() */
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

	for_each_mapping(m, pfn, unmap_one, &u);
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

/* ---- the OOM killer ------------------------------------------------------ */

void reclaim_mm_counts(struct machine *m, const struct process *p,
		       struct mm_counts *out)
{
	memset(out, 0, sizeof *out);
	for (size_t i = 0; i < p->mm.vmas.count; i++)
		out->total_vm += (p->mm.vmas.vmas[i].end -
				  p->mm.vmas.vmas[i].start) / PAGE_SIZE;
	if (p->pgd == 0)
		return;
	for (unsigned i = 0; i < pde_index(PAGE_OFFSET); i++) {
		pte_t pde = phys_read32(&m->mem, p->pgd + 4 * i);

		if (!pte_present(pde))
			continue;
		out->pgtables++;
		for (unsigned j = 0; j < PTRS_PER_TABLE; j++) {
			pte_t pte = phys_read32(&m->mem, (pde & PTE_FRAME_MASK) +
						4 * j);
			const struct frame_info *info;

			if (pte_is_swap(pte)) {
				out->swapents++;
				continue;
			}
			if (!pte_maps_frame(pte))
				continue;
			info = frame(m, pte_pfn(pte));
			if (info->kind == FRAME_ANON)
				out->anon++;
			else if (info->kind == FRAME_PAGE_CACHE)
				out->file++;
		}
	}
}

/* select_bad_process(): the highest oom_badness(), the later of equals. */
static struct process *select_bad_process(struct machine *m, uint64_t *points,
					  struct mm_counts *counts)
{
	struct process *chosen = NULL;

	for (unsigned i = 0; i < m->process_count; i++) {
		struct process *p = m->processes[i];
		struct mm_counts c;
		uint64_t score;

		if (!p->alive || !p->started)
			continue;
		reclaim_mm_counts(m, p, &c);
		score = c.anon + c.file + c.swapents + c.pgtables;
		if (chosen == NULL || score >= *points) {
			chosen = p;
			*points = score;
			*counts = c;
		}
	}
	return chosen;
}

static int out_of_memory(struct machine *m, struct ef_error *err)
{
	struct mm_counts c;
	uint64_t points = 0;
	struct process *victim = select_bad_process(m, &points, &c);
	struct reclaim_event *e;

	if (victim == NULL)
		return ef_error_set(err, PHYS_ERR_NO_FRAME, ENOMEM, "all %llu "
				    "frames are in use, none can be reclaimed "
				    "and no process can be killed",
				    (unsigned long long)m->mem.frame_count);
	e = log_event(m, RECLAIM_OOM_KILL);
	e->pid = victim->pid;
	snprintf(e->comm, sizeof e->comm, "%s", victim->name);
	e->points = points;
	e->total_vm_kb = c.total_vm * 4;
	e->anon_rss_kb = c.anon * 4;
	e->file_rss_kb = c.file * 4;
	e->pgtables_kb = c.pgtables * 4;
	m->stat.oom_kill++;
	victim->oom_killed = true;
	if (victim == m->current || victim == m->allocating)
		return ef_error_set(err, PHYS_ERR_OOM_KILLED, ENOMEM, "out of "
				    "memory: the OOM killer killed process "
				    "%d (%s)", victim->pid, victim->name);
	process_exit(m, victim);
	return 0;
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
			if (out_of_memory(m, err) != 0)
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

static void allocated(void *ctx, uint64_t pfn, enum frame_kind kind)
{
	struct machine *m = ctx;

	/* Without host memory for the list the page is never reclaimed:
	 * the machine goes on, short of one page's choice. */
	if (on_lru(kind))
		replacement_add(&m->lru, (uint32_t)pfn,
				kind == FRAME_PAGE_CACHE, NULL);
}

static void freed(void *ctx, uint64_t pfn)
{
	struct machine *m = ctx;

	replacement_remove(&m->lru, (uint32_t)pfn);
}

static int reclaim_hook(void *ctx, struct ef_error *err)
{
	return reclaim_run(ctx, err);
}

/* The key of the page in PFN: which page of the program it holds. */
static uint64_t page_key(struct machine *m, const struct frame_info *info)
{
	if (info->kind == FRAME_PAGE_CACHE)
		return FILE_KEY_BIT |
		       (uint64_t)page_cache_file_number(&m->cache, info->file) << 40 |
		       info->index;
	return info->page_id;
}

/* An access (or read()) reached PFN: lru's order, opt's clock, a
 * recording's string. */
static void touched(void *ctx, uint64_t pfn)
{
	struct machine *m = ctx;
	const struct frame_info *info = frame(m, pfn);
	uint64_t key;

	if (info == NULL || !on_lru(info->kind))
		return;
	replacement_accessed(&m->lru, (uint32_t)pfn);
	if (m->recording == NULL && m->future == NULL) {
		m->references++;
		return;
	}
	key = page_key(m, info);
	if (m->recording != NULL)
		future_record(m->recording, key, NULL);
	if (m->future != NULL)
		replacement_set_next_use(&m->lru, (uint32_t)pfn,
					 future_next_use(m->future, key,
							 m->references));
	m->references++;
}

/* Only lru's order and opt's string need every access: the MMU tells
 * reclaim of them then, and is spared the call otherwise. */
static void wire_touches(struct machine *m)
{
	bool needed = m->lru.policy == POLICY_LRU || m->recording != NULL ||
		      m->future != NULL;

	m->mmu.touched = needed ? touched : NULL;
	m->mmu.touched_ctx = m;
}

void reclaim_attach(struct machine *m)
{
	replacement_init(&m->lru, POLICY_LRU2Q);
	m->mem.hooks = (struct phys_hooks){ reclaim_hook, allocated, freed, m };
	wire_touches(m);
}

void reclaim_set_policy(struct machine *m, enum replacement_policy policy)
{
	replacement_release(&m->lru);
	replacement_init(&m->lru, policy);
	wire_touches(m);
}

int reclaim_set_swap(struct machine *m, uint64_t bytes, struct ef_error *err)
{
	swap_release(&m->swap);
	return swap_init(&m->swap, bytes, err);
}

void reclaim_record_references(struct machine *m, struct future *f)
{
	m->recording = f;
	wire_touches(m);
}

void reclaim_use_future(struct machine *m, struct future *f)
{
	m->future = f;
	wire_touches(m);
}

void reclaim_mark_accessed(struct machine *m, uint64_t pfn)
{
	replacement_mark_accessed(&m->lru, (uint32_t)pfn);
	touched(m, pfn);
}

void reclaim_page_loaded(struct machine *m, uint64_t pfn)
{
	if (m->future != NULL)
		replacement_set_next_use(&m->lru, (uint32_t)pfn,
					 future_first_use(m->future,
							  page_key(m, frame(m, pfn)),
							  m->references));
}

void reclaim_new_anon(struct machine *m, uint64_t pfn, uint32_t address)
{
	struct frame_info *info = frame(m, pfn);

	info->address = address & ~(PAGE_SIZE - 1);
	info->page_id = ++m->next_anon_key;
	reclaim_page_loaded(m, pfn);
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

void reclaim_put_swap(struct machine *m, pte_t pte)
{
	uint32_t slot = swap_pte_offset(pte);
	uint32_t pfn = swap_cache_lookup(&m->swap, slot);

	if (swap_put(&m->swap, slot) > 0 || pfn == 0)
		return;
	/* free_swap_and_cache(): only the swap cache holds the slot; its
	 * page goes when no one maps it or swap is over half full
	 * (TTRS_UNMAPPED | TTRS_FULL). */
	if (frame(m, pfn)->mapcount > 0 && !swap_full(&m->swap))
		return;
	if (reclaim_free_swap(m, pfn) && frame(m, pfn)->refcount == 0)
		phys_free(&m->mem, pfn);
}

bool reclaim_free_swap(struct machine *m, uint64_t pfn)
{
	struct frame_info *info = frame(m, pfn);

	if (info->swap_slot == 0 || swap_count(&m->swap, info->swap_slot) > 0)
		return false;
	leave_swap_cache(m, info);
	return true;
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
