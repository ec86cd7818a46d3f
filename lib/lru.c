/* lru.c - folio_add_lru(), mark_page_accessed(), and opt's page keys. */
#include <config.h>

#include "lru.h"
#include "machine.h"

/* Page keys: anonymous pages count up from 1; file pages are the file's
 * number in the page cache and the page index. */
#define FILE_KEY_BIT (1ull << 63)

static bool on_lru(enum frame_kind kind)
{
	return kind == FRAME_ANON || kind == FRAME_PAGE_CACHE;
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
	const struct frame_info *info = phys_frame(&m->mem, pfn);
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
 * the lists of them then, and is spared the call otherwise. */
static void wire_touches(struct machine *m)
{
	bool needed = m->lru.policy == POLICY_LRU || m->recording != NULL ||
		      m->future != NULL;

	m->mmu.touched = needed ? touched : NULL;
	m->mmu.touched_ctx = m;
}

void lru_attach(struct machine *m)
{
	replacement_init(&m->lru, POLICY_LRU2Q);
	m->mem.hooks.allocated = allocated;
	m->mem.hooks.freed = freed;
	m->mem.hooks.ctx = m;
	wire_touches(m);
}

void lru_set_policy(struct machine *m, enum replacement_policy policy)
{
	replacement_release(&m->lru);
	replacement_init(&m->lru, policy);
	wire_touches(m);
}

void lru_record_references(struct machine *m, struct future *f)
{
	m->recording = f;
	wire_touches(m);
}

void lru_use_future(struct machine *m, struct future *f)
{
	m->future = f;
	wire_touches(m);
}

void lru_mark_accessed(struct machine *m, uint64_t pfn)
{
	replacement_mark_accessed(&m->lru, (uint32_t)pfn);
	touched(m, pfn);
}

void lru_page_loaded(struct machine *m, uint64_t pfn)
{
	if (m->future != NULL)
		replacement_set_next_use(&m->lru, (uint32_t)pfn,
					 future_first_use(m->future,
							  page_key(m, phys_frame(&m->mem, pfn)),
							  m->references));
}

void lru_new_anon(struct machine *m, uint64_t pfn, uint32_t address)
{
	struct frame_info *info = phys_frame(&m->mem, pfn);

	info->address = (uint32_t)page_down(address);
	info->page_id = ++m->next_anon_key;
	lru_page_loaded(m, pfn);
}
