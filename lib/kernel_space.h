/* kernel_space.h - the kernel's 1 GiB above PAGE_OFFSET on i386.
 *
 * Linux on i386 maps the kernel into every address space at 0xC0000000
 * and up, with U/S clear so that user mode cannot touch it: a new page
 * directory copies the kernel's PDEs from swapper_pg_dir (pgd_alloc()),
 * so all of them share the kernel's page tables.  The kernel half
 * direct-maps low memory (physical 0 up to 896 MiB, or the memory's end)
 * at PAGE_OFFSET + physical, global, supervisor only
 * (arch/x86/mm/init_32.c kernel_physical_mapping_init()):
 *
 *  - the first 4 MiB through a page table of 4 KiB pages, because the
 *    kernel's text there is read-only (mark_rodata_ro() splits it);
 *  - each further whole 4 MiB with one PSE PDE (CR4.PSE);
 *  - a partial last 4 MiB through a page table;
 *  - nothing above (vmalloc, kmap and fixmap areas are empty here).
 *
 * The kernel image is modelled small so that tiny memories work: frame 0
 * is the BIOS's, frames 1-8 the kernel's text (read-only), frames 9-16
 * its data; all claimed as FRAME_KERNEL.
 */
#ifndef ELFAULT_KERNEL_SPACE_H
#define ELFAULT_KERNEL_SPACE_H

#include <stdint.h>

#include "error.h"
#include "phys_mem.h"

#define PAGE_OFFSET 0xc0000000u
#define LOWMEM_LIMIT (896u << 20)	/* the direct map's largest size */
#define KERNEL_TEXT_START (PAGE_OFFSET + 0x1000u)
#define KERNEL_TEXT_END (PAGE_OFFSET + 0x9000u)
#define KERNEL_DATA_END (PAGE_OFFSET + 0x11000u)

struct kernel_space {
	struct phys_mem *mem;
	uint32_t pgd;		/* swapper_pg_dir's physical address */
	uint32_t high_memory;	/* the end of the direct map (virtual) */
	uint32_t vmalloc_start;	/* high_memory + 8 MiB (VMALLOC_OFFSET) */
	uint32_t frames_used;	/* frames the kernel took for itself */
};

/* Build the kernel's half in MEM: claim its frames, make swapper_pg_dir
 * and the direct map.  Returns 0, or -1 with ERR set (a memory too small
 * for the kernel: PHYS_ERR_NO_FRAME). */
int kernel_space_init(struct kernel_space *ks, struct phys_mem *mem,
		      struct ef_error *err);

/* pgd_alloc(): a new page directory, user half empty, kernel half copied
 * from swapper_pg_dir.  Returns 0 with *PGD its physical address, or -1
 * with ERR set (no frame). */
int kernel_space_new_pgd(struct kernel_space *ks, uint32_t *pgd,
			 struct ef_error *err);

#endif
