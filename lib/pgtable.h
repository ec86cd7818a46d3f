/* pgtable.h - i386 two-level page-table entries, bit by bit.
 *
 * 32-bit paging without PAE (Intel SDM vol. 3A, 4.3): CR3 holds the
 * physical address of a page directory of 1024 32-bit PDEs; each PDE maps
 * 4 MiB, either through a page table of 1024 PTEs (4 KiB pages) or, with
 * CR4.PSE and PS=1, directly as one 4 MiB page.  Bit names follow
 * arch/x86/include/asm/pgtable_types.h.
 */
#ifndef ELFAULT_PGTABLE_H
#define ELFAULT_PGTABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "page.h"

typedef uint32_t pte_t;		/* a PDE or a PTE: the same word format */

enum {
	PTE_P = 1u << 0,	/* present */
	PTE_RW = 1u << 1,	/* writable */
	PTE_US = 1u << 2,	/* user (U/S): user mode may access */
	PTE_PWT = 1u << 3,	/* write-through */
	PTE_PCD = 1u << 4,	/* cache disabled */
	PTE_A = 1u << 5,	/* accessed: set by the MMU */
	PTE_D = 1u << 6,	/* dirty: set by the MMU on a write (leaf) */
	PTE_PS = 1u << 7,	/* PDE: 4 MiB page (CR4.PSE); PTE: PAT */
	PTE_G = 1u << 8,	/* global: kept across CR3 writes (CR4.PGE) */
	/* Bits 9-11 are the software's; Linux's names for them: */
	PTE_SOFTW1 = 1u << 9,	/* _PAGE_SPECIAL */
	PTE_SOFTW2 = 1u << 10,	/* _PAGE_UFFD_WP / CPA test */
	PTE_SOFTW3 = 1u << 11,	/* _PAGE_SOFT_DIRTY */
	PTE_PAT_LARGE = 1u << 12, /* 4 MiB PDE: PAT */
};

#define PTE_FLAGS_MASK 0x00000fffu
#define PTE_FRAME_MASK 0xfffff000u
/* A 4 MiB PDE's frame is bits 31:22; bits 21:13 are reserved (no PSE-36
 * on the modelled CPU), bit 12 is PAT. */
#define PDE_LARGE_FRAME_MASK 0xffc00000u
#define PDE_LARGE_RESERVED 0x003fe000u

#define PGDIR_SHIFT 22
#define PTRS_PER_TABLE 1024u

/* Index of ADDR's PDE in the page directory and of its PTE in a table. */
static inline unsigned pde_index(uint32_t addr)
{
	return addr >> PGDIR_SHIFT;
}

static inline unsigned pte_index(uint32_t addr)
{
	return (addr >> PAGE_SHIFT) & (PTRS_PER_TABLE - 1);
}

/* An entry for frame PFN (4 KiB units) with FLAGS. */
static inline pte_t pte_make(uint32_t pfn, uint32_t flags)
{
	return (pfn << PAGE_SHIFT) | (flags & PTE_FLAGS_MASK);
}

static inline uint32_t pte_pfn(pte_t entry)
{
	return entry >> PAGE_SHIFT;
}

/* The frame of ADDR's 4 KiB page in the 4 MiB page a large PDE maps. */
static inline uint32_t pde_large_pfn(pte_t pde, uint32_t addr)
{
	return ((pde & PDE_LARGE_FRAME_MASK) >> PAGE_SHIFT) + pte_index(addr);
}

static inline bool pte_present(pte_t entry)
{
	return entry & PTE_P;
}

/* A 4 MiB PDE for the 4 MiB-aligned physical address PADDR. */
static inline pte_t pde_make_large(uint32_t paddr, uint32_t flags)
{
	return (paddr & PDE_LARGE_FRAME_MASK) | PTE_PS |
	       (flags & (PTE_FLAGS_MASK | PTE_PAT_LARGE));
}

/* The most flag names pte_bit_names() gives. */
#define PTE_BITS 12

/* ENTRY's flags as the SDM names them ("P", "RW", "US"...; LARGE says
 * whether bit 7 is PS (PDE) or PAT (PTE)), in bit order, into NAMES
 * (static strings).  Returns how many. */
size_t pte_bit_names(pte_t entry, bool large, const char *names[PTE_BITS]);

/* Write ENTRY's flags as the SDM names them ("P RW US A D G"; "-" for
 * none; LARGE says whether bit 7 is PS (PDE) or PAT (PTE)) into BUF.
 * Returns BUF. */
char *pte_describe(pte_t entry, bool large, char *buf, size_t size);

#endif
