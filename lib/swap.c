/* swap.c - swap slots, their counts, the swap cache, their pages. */
#include <config.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "page.h"
#include "phys_mem.h"
#include "swap.h"

int swap_init(struct swap_area *area, uint64_t bytes, struct ef_error *err)
{
	size_t n;

	memset(area, 0, sizeof *area);
	if (bytes == 0)
		return 0;
	if (offset_in_page(bytes) != 0 || bytes < 2 * PAGE_SIZE ||
	    bytes > SWAP_MAX_BYTES)
		return ef_error_set(err, SWAP_ERR_SIZE, 0, "swap of %llu bytes: "
				    "want a multiple of 4 KiB, at least 8 KiB "
				    "(the header page and one slot), at most "
				    "4 GiB", (unsigned long long)bytes);
	area->slots = (uint32_t)(bytes / PAGE_SIZE - 1);
	area->next = 1;
	n = (size_t)area->slots + 1;
	area->count = calloc(n, sizeof *area->count);
	area->cache = calloc(n, sizeof *area->cache);
	area->tag = calloc(n, sizeof *area->tag);
	area->bytes = calloc(n, sizeof *area->bytes);
	if (area->count == NULL || area->cache == NULL || area->tag == NULL ||
	    area->bytes == NULL) {
		swap_release(area);
		return ef_error_set(err, SWAP_ERR_NOMEM, ENOMEM, "out of memory");
	}
	return 0;
}

void swap_release(struct swap_area *area)
{
	if (area->bytes != NULL)
		for (uint32_t i = 0; i <= area->slots; i++)
			free(area->bytes[i]);
	free(area->bytes);
	free(area->count);
	free(area->cache);
	free(area->tag);
	memset(area, 0, sizeof *area);
}

static bool slot_free(const struct swap_area *area, uint32_t offset)
{
	return area->count[offset] == 0 && area->cache[offset] == 0;
}

static void release_slot(struct swap_area *area, uint32_t offset)
{
	free(area->bytes[offset]);
	area->bytes[offset] = NULL;
	area->tag[offset] = 0;
	area->used--;
}

uint32_t swap_alloc(struct swap_area *area, uint32_t pfn)
{
	uint32_t offset = area->next;

	if (area->used == area->slots)
		return 0;
	for (uint32_t i = 0; i < area->slots; i++) {
		if (offset > area->slots)
			offset = 1;
		if (slot_free(area, offset)) {
			area->cache[offset] = pfn;
			area->used++;
			area->next = offset + 1;
			return offset;
		}
		offset++;
	}
	return 0;
}

void swap_dup(struct swap_area *area, uint32_t offset)
{
	if (offset >= 1 && offset <= area->slots)
		area->count[offset]++;
}

unsigned swap_put(struct swap_area *area, uint32_t offset)
{
	if (offset < 1 || offset > area->slots || area->count[offset] == 0)
		return 0;
	if (--area->count[offset] == 0 && area->cache[offset] == 0)
		release_slot(area, offset);
	return area->count[offset];
}

unsigned swap_count(const struct swap_area *area, uint32_t offset)
{
	return offset >= 1 && offset <= area->slots ? area->count[offset] : 0;
}

uint32_t swap_cache_lookup(const struct swap_area *area, uint32_t offset)
{
	return offset >= 1 && offset <= area->slots ? area->cache[offset] : 0;
}

void swap_cache_set(struct swap_area *area, uint32_t offset, uint32_t pfn)
{
	if (offset < 1 || offset > area->slots)
		return;
	area->cache[offset] = pfn;
	if (pfn == 0 && area->count[offset] == 0)
		release_slot(area, offset);
}

void swap_cache_delete(struct swap_area *area, struct phys_mem *mem,
		       uint64_t pfn)
{
	struct frame_info *info = phys_frame(mem, pfn);
	uint32_t slot = info->swap_slot;

	info->swap_slot = 0;
	info->refcount--;
	swap_cache_set(area, slot, 0);
}

bool swap_free_cache(struct swap_area *area, struct phys_mem *mem,
		     uint64_t pfn)
{
	const struct frame_info *info = phys_frame(mem, pfn);

	if (info->swap_slot == 0 || swap_count(area, info->swap_slot) > 0)
		return false;
	swap_cache_delete(area, mem, pfn);
	return true;
}

void swap_free_and_cache(struct swap_area *area, struct phys_mem *mem,
			 pte_t pte)
{
	uint32_t slot = swap_pte_offset(pte);
	uint32_t pfn = swap_cache_lookup(area, slot);

	if (swap_put(area, slot) > 0 || pfn == 0)
		return;
	/* Only the swap cache holds the slot; its page goes when no one
	 * maps it or swap is over half full (TTRS_UNMAPPED | TTRS_FULL). */
	if (phys_frame(mem, pfn)->mapcount > 0 && !swap_full(area))
		return;
	if (swap_free_cache(area, mem, pfn) && phys_frame(mem, pfn)->refcount == 0)
		phys_free(mem, pfn);
}

int swap_write(struct swap_area *area, uint32_t offset, const uint8_t *page,
	       struct ef_error *err)
{
	if (area->bytes[offset] == NULL) {
		area->bytes[offset] = malloc(PAGE_SIZE);
		if (area->bytes[offset] == NULL)
			return ef_error_set(err, SWAP_ERR_NOMEM, ENOMEM,
					    "out of memory");
	}
	memcpy(area->bytes[offset], page, PAGE_SIZE);
	area->writes++;
	return 0;
}

void swap_read(struct swap_area *area, uint32_t offset, uint8_t *page)
{
	if (area->bytes[offset] != NULL)
		memcpy(page, area->bytes[offset], PAGE_SIZE);
	else
		memset(page, 0, PAGE_SIZE);
	area->reads++;
}
