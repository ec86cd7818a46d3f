/* swap.h - a swap area, its slots, the swap cache, and swap PTEs.
 *
 * One swap area (type 0, the first swapon), as mkswap lays it out: page 0
 * is the header, slots 1 .. size/4096 - 1 hold pages.  Each slot has the
 * kernel's swap_map count - how many swap PTEs refer to it - and may be in
 * the swap cache: a frame that holds the slot's page (after a swap-in, or
 * while it is written out), which keeps the slot allocated
 * (SWAP_HAS_CACHE) until the cache lets it go.  A slot is free when
 * neither holds it.
 *
 * Slots are handed out as scan_swap_map_slots() does on a rotating disk:
 * next-fit from where the last allocation stopped (cluster_next), wrapping
 * to the lowest slot, so consecutive swap-outs get consecutive slots.
 *
 * A swapped-out page's PTE is a swap entry: not present, and on i386
 * without PAE (arch/x86/include/asm/pgtable-2level.h) the type in bits
 * 1-5 and the offset from bit 9 (SWP_OFFSET_SHIFT, past _PAGE_BIT_PROTNONE
 * = bit 8, which stays clear so that the entry cannot look PROT_NONE).
 */
#ifndef ELFAULT_SWAP_H
#define ELFAULT_SWAP_H

#include <stdbool.h>
#include <stdint.h>

#include "error.h"
#include "pgtable.h"

struct phys_mem;

enum swap_error {
	SWAP_ERR_NONE = 0,
	SWAP_ERR_SIZE = EF_ERR_BASE(EF_DOMAIN_SWAP) + 1,
	SWAP_ERR_NOMEM,
};

#define SWP_TYPE_SHIFT 1
#define SWP_TYPE_BITS 5
#define SWP_OFFSET_SHIFT 9
#define SWAP_MAX_BYTES (4ull << 30)

struct swap_area {
	uint32_t slots;		/* usable slots: offsets 1 .. slots */
	uint32_t used;		/* slots held by a PTE or the cache */
	uint32_t next;		/* cluster_next: where the next scan starts */
	uint16_t *count;	/* swap_map: swap PTEs per slot */
	uint32_t *cache;	/* the swap cache: frame per slot, 0 for none */
	uint32_t *tag;		/* the owner's word per slot (a page's id) */
	uint8_t **bytes;	/* the slot's page; NULL reads as zeros */
	uint64_t writes;	/* pages written (pswpout) */
	uint64_t reads;		/* pages read (pswpin) */
};

/* A swap area of BYTES (a multiple of 4 KiB, at most 4 GiB; 0 for none:
 * no swapon).  Returns 0, or -1 with ERR set. */
int swap_init(struct swap_area *area, uint64_t bytes, struct ef_error *err);
void swap_release(struct swap_area *area);

/* get_swap_page(): a free slot, held by the swap cache for frame PFN.
 * Returns the offset, or 0 when the area is full (or absent). */
uint32_t swap_alloc(struct swap_area *area, uint32_t pfn);

/* The area's size: the header page and the slots (0 for none). */
static inline uint64_t swap_bytes(const struct swap_area *area)
{
	return area->slots ? (area->slots + UINT64_C(1)) * 4096 : 0;
}

/* Free slots left. */
static inline uint32_t swap_free_slots(const struct swap_area *area)
{
	return area->slots - area->used;
}

/* vm_swap_full(): less than half the area is free. */
static inline bool swap_full(const struct swap_area *area)
{
	return (uint64_t)swap_free_slots(area) * 2 < area->slots;
}

/* swap_duplicate(): one more swap PTE refers to OFFSET. */
void swap_dup(struct swap_area *area, uint32_t offset);

/* swap_free(): one swap PTE fewer; the slot is freed when nothing holds
 * it.  Returns the PTEs still referring. */
unsigned swap_put(struct swap_area *area, uint32_t offset);

/* Swap PTEs referring to OFFSET (__swap_count()). */
unsigned swap_count(const struct swap_area *area, uint32_t offset);

/* The swap cache: the frame holding OFFSET, or 0. */
uint32_t swap_cache_lookup(const struct swap_area *area, uint32_t offset);

/* Put frame PFN in the swap cache for OFFSET (a swap-in), or take the
 * cache's hold away (PFN 0: __delete_from_swap_cache()), freeing the slot
 * when no PTE refers to it. */
void swap_cache_set(struct swap_area *area, uint32_t offset, uint32_t pfn);

/* __delete_from_swap_cache(): the page in frame PFN of MEM leaves its
 * slot's cache, and with it the cache's reference to the frame (the slot
 * is freed when no swap PTE refers to it). */
void swap_cache_delete(struct swap_area *area, struct phys_mem *mem,
		       uint64_t pfn);

/* folio_free_swap(): take the page in frame PFN out of the swap cache
 * when no swap PTE refers to its slot any more.  The frame stays, even
 * unreferenced, for the caller to map or put.  Returns whether it did. */
bool swap_free_cache(struct swap_area *area, struct phys_mem *mem,
		     uint64_t pfn);

/* free_swap_and_cache(): drop swap PTE PTE's hold on its slot (as
 * zap_pte_range() does).  The slot is freed when nothing else refers to
 * it; a swap-cache page no swap PTE will look for again leaves the cache
 * - and its frame is freed - when no one maps it or swap is over half
 * full. */
void swap_free_and_cache(struct swap_area *area, struct phys_mem *mem,
			 pte_t pte);

/* swap_writepage(), swap_readpage(): a page's 4096 bytes. */
int swap_write(struct swap_area *area, uint32_t offset, const uint8_t *page,
	       struct ef_error *err);
void swap_read(struct swap_area *area, uint32_t offset, uint8_t *page);

/* The swap PTE for OFFSET in area type 0 (__swp_entry_to_pte()). */
static inline pte_t swap_pte(uint32_t offset)
{
	return offset << SWP_OFFSET_SHIFT;
}

/* Is PTE a swap entry: not none, not present, not PROT_NONE? */
static inline bool pte_is_swap(pte_t pte)
{
	return pte != 0 && !(pte & (PTE_P | PTE_G));
}

static inline uint32_t swap_pte_offset(pte_t pte)
{
	return pte >> SWP_OFFSET_SHIFT;
}

static inline unsigned swap_pte_type(pte_t pte)
{
	return (pte >> SWP_TYPE_SHIFT) & ((1u << SWP_TYPE_BITS) - 1);
}

#endif
