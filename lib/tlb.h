/* tlb.h - the translation lookaside buffer of a Pentium-class CPU.
 *
 * Two caches, as on the Pentium Pro/II: 64 entries for 4 KiB pages,
 * 4-way set associative (16 sets, indexed by the low bits of the page
 * number), and 8 entries for 4 MiB pages, fully associative; each set
 * replaces round-robin.  An entry keeps the permissions the walk that
 * filled it found - writable and user only if both levels allowed it -
 * and whether the page was already dirty, so that a changed PTE is not
 * seen until the entry goes: a CR3 write drops all but global entries,
 * invlpg drops one page, and a page fault drops the faulting page's
 * entries (SDM vol. 3A, 4.10.4).
 */
#ifndef ELFAULT_TLB_H
#define ELFAULT_TLB_H

#include <stdbool.h>
#include <stdint.h>

#define TLB_SETS 16u
#define TLB_WAYS 4u
#define TLB_LARGE_ENTRIES 8u

enum {
	TLB_VALID = 1u << 0,
	TLB_WRITABLE = 1u << 1,	/* RW at both levels */
	TLB_USER = 1u << 2,	/* US at both levels */
	TLB_GLOBAL = 1u << 3,
	TLB_DIRTY = 1u << 4,	/* the PTE's D was set: writes need no walk */
};

struct tlb_entry {
	uint32_t page;		/* linear address >> 12 (>> 22 for 4 MiB) */
	uint32_t frame;		/* physical frame (4 KiB units) of the page */
	uint32_t flags;
};

struct tlb {
	struct tlb_entry small[TLB_SETS][TLB_WAYS];
	uint8_t next_way[TLB_SETS];
	struct tlb_entry large[TLB_LARGE_ENTRIES];
	uint8_t next_large;
	uint64_t hits, misses;
};

void tlb_init(struct tlb *tlb);

/* The entry translating LINEAR, or NULL (counting a hit or a miss). */
struct tlb_entry *tlb_lookup(struct tlb *tlb, uint32_t linear);

/* Remember a translation of LINEAR to FRAME (the 4 KiB frame of the
 * page, for a 4 MiB page too) with FLAGS; LARGE for a 4 MiB page.
 * Returns the entry that holds it now. */
struct tlb_entry *tlb_fill(struct tlb *tlb, uint32_t linear, uint32_t frame,
	      uint32_t flags, bool large);

/* Drop every entry for the page holding LINEAR (invlpg). */
void tlb_invalidate(struct tlb *tlb, uint32_t linear);

/* Drop every entry, or (KEEP_GLOBAL) every non-global one: a CR3 write
 * with CR4.PGE set. */
void tlb_flush(struct tlb *tlb, bool keep_global);

/* Valid entries now. */
unsigned tlb_count(const struct tlb *tlb);

#endif
