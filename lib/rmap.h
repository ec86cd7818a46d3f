/* rmap.h - the reverse map: from a frame to the PTEs that map it.
 *
 * rmap_walk() (mm/rmap.c) finds every PTE that maps a page, which reclaim
 * needs to unmap it and the policies need to read and clear its accessed
 * bits.  The kernel keeps an anon_vma chain and the file's i_mmap tree;
 * elfault finds the same PTEs from what the frame records:
 *
 *  - an anonymous page: each process's PTE at the page's address
 *    (page->index), which is where fork put the copies - mremap, which
 *    could move a copy elsewhere, is not modelled;
 *  - a page-cache page: each VMA that maps its file over its index
 *    (vma_address()), in every process.
 *
 * Processes with no page directory yet, and dead ones, map nothing; a
 * process being forked does (its copies count).
 */
#ifndef ELFAULT_RMAP_H
#define ELFAULT_RMAP_H

#include <stdint.h>

#include "pgtable.h"

struct machine;
struct process;
struct vma;

/* One PTE that maps the frame: whose, where, and its physical address. */
struct rmap_pte {
	struct process *p;
	const struct vma *vma;
	uint32_t address;
	uint32_t pte_paddr;
	pte_t pte;
};

typedef void (*rmap_fn)(struct machine *m, const struct rmap_pte *map,
			void *ctx);

/* Call FN for every PTE of M that maps frame PFN. */
void rmap_walk(struct machine *m, uint64_t pfn, rmap_fn fn, void *ctx);

#endif
