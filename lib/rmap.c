/* rmap.c - rmap_walk() for anonymous and page-cache pages. */
#include <config.h>

#include "process.h"
#include "rmap.h"

/* Visit P's PTE at ADDRESS if it maps PFN. */
static void visit_if_mapped(struct machine *m, struct process *p,
			    const struct vma *vma, uint32_t address,
			    uint64_t pfn, rmap_fn fn, void *ctx)
{
	pte_t pde = phys_read32(&m->mem, p->pgd + 4 * pde_index(address));
	struct rmap_pte map = { p, vma, address, 0, 0 };

	if (!pte_present(pde) || (pde & PTE_PS))
		return;
	map.pte_paddr = (pde & PTE_FRAME_MASK) + 4 * pte_index(address);
	map.pte = phys_read32(&m->mem, map.pte_paddr);
	if (pte_maps_frame(map.pte) && pte_pfn(map.pte) == pfn)
		fn(m, &map, ctx);
}

/* rmap_walk_file(): each VMA of P that maps the file page. */
static void walk_file(struct machine *m, struct process *p,
		      const struct frame_info *info, uint64_t pfn, rmap_fn fn,
		      void *ctx)
{
	for (size_t v = 0; v < p->mm.vmas.count; v++) {
		const struct vma *vma = &p->mm.vmas.vmas[v];
		uint64_t pages = (vma->end - vma->start) / PAGE_SIZE;

		if (vma->kind != VMA_KIND_FILE ||
		    !mapped_file_same(vma->file, info->file) ||
		    info->index < vma->pgoff ||
		    info->index >= vma->pgoff + pages)
			continue;
		visit_if_mapped(m, p, vma, (uint32_t)(vma->start +
				(info->index - vma->pgoff) * PAGE_SIZE),
				pfn, fn, ctx);
	}
}

void rmap_walk(struct machine *m, uint64_t pfn, rmap_fn fn, void *ctx)
{
	const struct frame_info *info = phys_frame(&m->mem, pfn);

	for (unsigned i = 0; i < m->live_count; i++) {
		struct process *p = m->live[i];

		if (!p->alive || p->pgd == 0)
			continue;
		if (info->kind == FRAME_ANON)
			visit_if_mapped(m, p, vma_set_lookup(&p->mm.vmas,
							     info->address),
					info->address, pfn, fn, ctx);
		else
			walk_file(m, p, info, pfn, fn, ctx);
	}
}
