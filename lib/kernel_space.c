/* kernel_space.c - swapper_pg_dir and the direct map of low memory. */
#include <config.h>

#include <string.h>

#include "kernel_space.h"
#include "pgtable.h"

#define MIB (1u << 20)
#define KERNEL_FRAMES 17u	/* frame 0 (BIOS) and the kernel image */

/* _PAGE_KERNEL: present, writable, accessed, dirty, global; U/S clear. */
#define KERNEL_FLAGS (PTE_P | PTE_RW | PTE_A | PTE_D | PTE_G)
#define KERNEL_RO_FLAGS (PTE_P | PTE_A | PTE_G)
/* A page table is linked with _PAGE_TABLE: PTE_US set is harmless here,
 * but Linux's kernel PDEs (_KERNPG_TABLE) have it clear. */
#define KERNEL_TABLE_FLAGS (PTE_P | PTE_RW | PTE_A | PTE_D)

static int claim_kernel_frames(struct kernel_space *ks, struct ef_error *err)
{
	if (ks->mem->frame_count < KERNEL_FRAMES + 2)
		return ef_error_set(err, PHYS_ERR_NO_FRAME, 0, "a memory of %llu "
				    "frames cannot hold the kernel (%u frames "
				    "and its page directory)",
				    (unsigned long long)ks->mem->frame_count,
				    KERNEL_FRAMES + 2);
	for (uint32_t pfn = 0; pfn < KERNEL_FRAMES; pfn++)
		if (phys_claim(ks->mem, pfn, FRAME_KERNEL, err) != 0)
			return -1;
	ks->frames_used = KERNEL_FRAMES;
	return 0;
}

static int new_table(struct kernel_space *ks, uint32_t *paddr,
		     struct ef_error *err)
{
	uint64_t pfn;

	if (phys_alloc(ks->mem, FRAME_PAGE_TABLE, &pfn, err) != 0)
		return -1;
	ks->frames_used++;
	*paddr = (uint32_t)pfn << PAGE_SHIFT;
	return 0;
}

/* The direct map of frames [first, first + count) through a page table
 * in PDE slot INDEX; kernel text pages read-only. */
static int map_with_table(struct kernel_space *ks, unsigned index,
			  uint32_t first, uint32_t count, struct ef_error *err)
{
	uint32_t table;

	if (new_table(ks, &table, err) != 0)
		return -1;
	for (uint32_t i = 0; i < count; i++) {
		uint32_t pfn = first + i;
		uint32_t virt = PAGE_OFFSET + (pfn << PAGE_SHIFT);
		uint32_t flags = virt >= KERNEL_TEXT_START && virt < KERNEL_TEXT_END
				 ? KERNEL_RO_FLAGS : KERNEL_FLAGS;

		if (phys_write32(ks->mem, table + 4 * i, pte_make(pfn, flags)) != 0)
			return ef_error_set(err, PHYS_ERR_NOMEM, 0, "out of memory");
	}
	if (phys_write32(ks->mem, ks->pgd + 4 * index,
			 pte_make(phys_pfn(table), KERNEL_TABLE_FLAGS)) != 0)
		return ef_error_set(err, PHYS_ERR_NOMEM, 0, "out of memory");
	return 0;
}

int kernel_space_init(struct kernel_space *ks, struct phys_mem *mem,
		      struct ef_error *err)
{
	uint64_t bytes = mem->frame_count * PAGE_SIZE;
	uint32_t lowmem = bytes > LOWMEM_LIMIT ? LOWMEM_LIMIT : (uint32_t)bytes;
	uint32_t frames = lowmem >> PAGE_SHIFT;

	memset(ks, 0, sizeof *ks);
	ks->mem = mem;
	ks->high_memory = PAGE_OFFSET + lowmem;
	ks->vmalloc_start = ks->high_memory + 8 * MIB;
	if (claim_kernel_frames(ks, err) != 0 || new_table(ks, &ks->pgd, err) != 0)
		return -1;
	for (uint32_t first = 0; first < frames; first += PTRS_PER_TABLE) {
		unsigned index = pde_index(PAGE_OFFSET) + first / PTRS_PER_TABLE;
		uint32_t count = frames - first < PTRS_PER_TABLE
				 ? frames - first : PTRS_PER_TABLE;
		int rc;

		if (first == 0 || count < PTRS_PER_TABLE)
			rc = map_with_table(ks, index, first, count, err);
		else
			rc = phys_write32(mem, ks->pgd + 4 * index,
					  pde_make_large(first << PAGE_SHIFT,
							 KERNEL_FLAGS)) == 0
			     ? 0 : ef_error_set(err, PHYS_ERR_NOMEM, 0,
						"out of memory");
		if (rc != 0)
			return -1;
	}
	return 0;
}

int kernel_space_new_pgd(struct kernel_space *ks, uint32_t *pgd,
			 struct ef_error *err)
{
	uint64_t pfn;

	if (phys_alloc(ks->mem, FRAME_PAGE_TABLE, &pfn, err) != 0)
		return -1;
	*pgd = (uint32_t)pfn << PAGE_SHIFT;
	for (unsigned i = pde_index(PAGE_OFFSET); i < PTRS_PER_TABLE; i++) {
		pte_t pde = phys_read32(ks->mem, ks->pgd + 4 * i);

		if (pde != 0 && phys_write32(ks->mem, *pgd + 4 * i, pde) != 0)
			return ef_error_set(err, PHYS_ERR_NOMEM, 0, "out of memory");
	}
	return 0;
}
