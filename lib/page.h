/* page.h - the page, 4 KiB on every target elfault models: x86's base
 * page, the unit of VMAs, frames, page tables, the page cache and swap
 * slots (the i386's other, the 4 MiB PSE page, is one page table's reach:
 * pgtable.h).
 */
#ifndef ELFAULT_PAGE_H
#define ELFAULT_PAGE_H

#include <stdint.h>

#define PAGE_SHIFT 12
#define PAGE_SIZE (1u << PAGE_SHIFT)

/* ADDR's offset within its page (the kernel's offset_in_page()). */
static inline uint64_t offset_in_page(uint64_t addr)
{
	return addr & (PAGE_SIZE - 1);
}

/* ADDR rounded down, and up, to a page boundary. */
static inline uint64_t page_down(uint64_t addr)
{
	return addr - offset_in_page(addr);
}

static inline uint64_t page_up(uint64_t addr)
{
	return page_down(addr + PAGE_SIZE - 1);
}

/* How many pages BYTES fill, the last one perhaps in part. */
static inline uint64_t page_count(uint64_t bytes)
{
	return (bytes + PAGE_SIZE - 1) / PAGE_SIZE;
}

/* The physical address of frame PFN, and the frame of address PHYS
 * (the kernel's PFN_PHYS() and PHYS_PFN()). */
static inline uint64_t pfn_phys(uint64_t pfn)
{
	return pfn << PAGE_SHIFT;
}

static inline uint64_t phys_pfn(uint64_t phys)
{
	return phys >> PAGE_SHIFT;
}

#endif
