/* mmu.h - the i386 MMU: CR3, CR0.WP, CR4.PSE/PGE, the page walk, the TLB.
 *
 * mmu_translate() is what the hardware does for one access to one page:
 * look in the TLB; on a miss walk the page directory and page table in
 * physical memory (32-bit paging, no PAE: SDM vol. 3A, 4.3), checking at
 * each level P, then W (unless a read, or a supervisor write with CR0.WP
 * clear), then U (unless supervisor) - the chapter's six checks - plus
 * the reserved bits of a 4 MiB PDE; on success set A in the entries used
 * (and D in the leaf on a write) and fill the TLB.  A failed translation
 * is a page fault: CR2, the error code, the level and check that failed,
 * and the entries read.  As on the real CPU a fault also drops the
 * faulting page's TLB entries, so a fault from a stale (too narrow) entry
 * is followed, after the kernel finds nothing to do, by a fresh walk.
 *
 * The modelled CPU is the i386 target's: no NX, so an instruction fetch
 * is checked as a read and the error code has no I/D bit unless
 * reports_fetch is set (CPUs with NX or SMEP).  No SMEP or SMAP.
 */
#ifndef ELFAULT_MMU_H
#define ELFAULT_MMU_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "pgtable.h"
#include "phys_mem.h"
#include "tlb.h"

enum mmu_access_type { MMU_READ, MMU_WRITE, MMU_FETCH };
enum mmu_mode { MMU_USER, MMU_SUPERVISOR };

/* Page-fault error code bits (arch/x86/include/asm/trap_pf.h). */
enum {
	PF_PROT = 1u << 0,	/* 0: not present; 1: protection violation */
	PF_WRITE = 1u << 1,
	PF_USER = 1u << 2,
	PF_RSVD = 1u << 3,
	PF_INSTR = 1u << 4,
};

/* Where a walk stopped. */
enum mmu_level { MMU_LEVEL_PDE = 1, MMU_LEVEL_PTE = 2 };
enum mmu_check { MMU_CHECK_P, MMU_CHECK_W, MMU_CHECK_U, MMU_CHECK_RSVD };

struct mmu_fault {
	uint32_t cr2;		/* the faulting linear address */
	uint32_t error_code;	/* PF_* bits */
	enum mmu_level level;	/* the entry whose check failed */
	enum mmu_check check;
	bool from_tlb;		/* a TLB entry's cached permissions refused */
	pte_t pde;		/* the entries read (pte valid if pte_read) */
	pte_t pte;
	bool pte_read;
	uint32_t pde_paddr;	/* their physical addresses */
	uint32_t pte_paddr;
};

struct mmu_translation {
	uint32_t linear;
	uint64_t physical;
	bool large;		/* through a 4 MiB page */
	bool tlb_hit;
	const struct tlb_entry *entry; /* the TLB entry that holds it */
};

struct mmu {
	struct phys_mem *mem;
	uint32_t cr3;		/* physical address of the page directory */
	bool cr0_wp;		/* supervisor writes honour RW */
	bool cr4_pse;		/* 4 MiB pages */
	bool cr4_pge;		/* global pages survive CR3 writes */
	bool reports_fetch;	/* set PF_INSTR for instruction fetches */
	struct tlb tlb;
	/* Told of every frame an access (mmu_access()) went to, once the
	 * access is done: how reclaim's exact policies see references. */
	void (*touched)(void *ctx, uint64_t pfn);
	void *touched_ctx;
	uint64_t walks;		/* full page walks */
	uint64_t faults;
};

/* An MMU over MEM as Linux sets it up on i386: CR0.WP, CR4.PSE and
 * CR4.PGE on, CR3 = 0 (no page directory yet), TLB empty. */
void mmu_init(struct mmu *mmu, struct phys_mem *mem);

/* Translate one access to the page holding LINEAR.  Returns 0 and fills
 * OUT, or 1 and fills FAULT (the TLB entry, if any, is dropped). */
int mmu_translate(struct mmu *mmu, uint32_t linear,
		  enum mmu_access_type type, enum mmu_mode mode,
		  struct mmu_translation *out, struct mmu_fault *fault);

/* A whole access of SIZE bytes (1 to 16) at LINEAR, page by page: every
 * page is translated before any byte moves, so a fault on the second page
 * of a straddling write changes nothing.  BUF receives (read, fetch) or
 * supplies (write) the bytes.  Returns 0, 1 with FAULT filled, or -1 with
 * ERR set when the host ran out of memory. */
int mmu_access(struct mmu *mmu, uint32_t linear, size_t size,
	       enum mmu_access_type type, enum mmu_mode mode, void *buf,
	       struct mmu_fault *fault, struct ef_error *err);

/* mov to CR3: switch page directory; drops non-global TLB entries (all
 * of them without CR4.PGE). */
void mmu_write_cr3(struct mmu *mmu, uint32_t cr3);

/* invlpg: drop the TLB entries of the page holding LINEAR. */
void mmu_invlpg(struct mmu *mmu, uint32_t linear);

/* The names of a check, a level, an access (for reports). */
const char *mmu_check_name(enum mmu_check check);
const char *mmu_level_name(enum mmu_level level);
const char *mmu_access_name(enum mmu_access_type type);

/* The error code in words ("not-present page, user write"), as
 * arch/x86/mm/fault.c's show_fault_oops() would describe it. */
const char *mmu_error_code_text(uint32_t error_code, char *buf, size_t size);

#endif
