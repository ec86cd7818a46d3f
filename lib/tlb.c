/* tlb.c - a 4-way 4 KiB TLB and a small 4 MiB one. */
#include <config.h>

#include <string.h>

#include "tlb.h"

void tlb_init(struct tlb *tlb)
{
	memset(tlb, 0, sizeof *tlb);
}

struct tlb_entry *tlb_lookup(struct tlb *tlb, uint32_t linear)
{
	uint32_t page = linear >> 12, large = linear >> 22;
	struct tlb_entry *set = tlb->small[page % TLB_SETS];

	for (unsigned w = 0; w < TLB_WAYS; w++)
		if ((set[w].flags & TLB_VALID) && set[w].page == page) {
			tlb->hits++;
			return &set[w];
		}
	for (unsigned i = 0; i < TLB_LARGE_ENTRIES; i++)
		if ((tlb->large[i].flags & TLB_VALID) &&
		    tlb->large[i].page == large) {
			tlb->hits++;
			return &tlb->large[i];
		}
	tlb->misses++;
	return NULL;
}

struct tlb_entry *tlb_fill(struct tlb *tlb, uint32_t linear, uint32_t frame,
			   uint32_t flags, bool large)
{
	struct tlb_entry *e;

	tlb_invalidate(tlb, linear);
	if (large) {
		e = &tlb->large[tlb->next_large];
		tlb->next_large = (uint8_t)((tlb->next_large + 1) % TLB_LARGE_ENTRIES);
		e->page = linear >> 22;
		e->frame = frame & ~0x3ffu;
	} else {
		uint32_t set = (linear >> 12) % TLB_SETS;

		e = &tlb->small[set][tlb->next_way[set]];
		tlb->next_way[set] = (uint8_t)((tlb->next_way[set] + 1) % TLB_WAYS);
		e->page = linear >> 12;
		e->frame = frame;
	}
	e->flags = flags | TLB_VALID;
	return e;
}

void tlb_invalidate(struct tlb *tlb, uint32_t linear)
{
	uint32_t page = linear >> 12;
	struct tlb_entry *set = tlb->small[page % TLB_SETS];

	for (unsigned w = 0; w < TLB_WAYS; w++)
		if (set[w].page == page)
			set[w].flags = 0;
	for (unsigned i = 0; i < TLB_LARGE_ENTRIES; i++)
		if (tlb->large[i].page == linear >> 22)
			tlb->large[i].flags = 0;
}

static void flush_entry(struct tlb_entry *e, bool keep_global)
{
	if (!keep_global || !(e->flags & TLB_GLOBAL))
		e->flags = 0;
}

void tlb_flush(struct tlb *tlb, bool keep_global)
{
	for (unsigned s = 0; s < TLB_SETS; s++)
		for (unsigned w = 0; w < TLB_WAYS; w++)
			flush_entry(&tlb->small[s][w], keep_global);
	for (unsigned i = 0; i < TLB_LARGE_ENTRIES; i++)
		flush_entry(&tlb->large[i], keep_global);
}

unsigned tlb_count(const struct tlb *tlb)
{
	unsigned n = 0;

	for (unsigned s = 0; s < TLB_SETS; s++)
		for (unsigned w = 0; w < TLB_WAYS; w++)
			n += (tlb->small[s][w].flags & TLB_VALID) != 0;
	for (unsigned i = 0; i < TLB_LARGE_ENTRIES; i++)
		n += (tlb->large[i].flags & TLB_VALID) != 0;
	return n;
}
