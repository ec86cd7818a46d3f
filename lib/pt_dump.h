/* pt_dump.h - page tables in the kernel's debugfs format, and raw entries.
 *
 * pt_dump_write() prints what /sys/kernel/debug/page_tables/ would show
 * for the page directory at CR3 (arch/x86/mm/dump_pagetables.c, 6.1):
 * runs of pages with the same flags and level, one line each,
 *
 *   0x08048000-0x08049000           4K     ro                 x  pte
 *
 * that is the range, its size, then USR, RW or ro, PWT, PCD, PSE, PAT,
 * GLB (blank when clear) and "x" (no NX on this CPU), and the level:
 * "pte" for 4 KiB pages, "pmd" for a 4 MiB PDE or an empty one (on
 * two-level paging the kernel reports the page directory as its pmd
 * level).  Not-present runs have blank flags.  Markers separate user
 * space, the kernel mapping and the vmalloc area.
 */
#ifndef ELFAULT_PT_DUMP_H
#define ELFAULT_PT_DUMP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "phys_mem.h"

/* Dump the page tables under CR3.  VMALLOC_START places the vmalloc
 * marker (0 for none).  Returns 0, or -1 when writing failed. */
int pt_dump_write(FILE *out, struct phys_mem *mem, uint32_t cr3,
		  uint32_t vmalloc_start);

/* The user half only (below PAGE_OFFSET), as debugfs's current_user
 * file shows it for the running process: CR3's.  Returns 0, or -1 when
 * writing failed. */
int pt_dump_user(FILE *out, struct phys_mem *mem, uint32_t cr3);

/* One run of the dump: the pages [start, end) of one level with the
 * same flags, in the area a marker names. */
struct pt_dump_run {
	uint64_t start, end;
	bool pte_level;		/* "pte" (4 KiB pages), else "pmd" */
	uint32_t prot;		/* the entries' flags; no PTE_P: not present */
	const char *area;	/* "User Space"... (a static string) */
};

/* Called with each run in address order; a non-zero return stops the
 * dump and is returned. */
typedef int pt_dump_visitor(void *ctx, const struct pt_dump_run *run);

/* The runs pt_dump_user() prints, each given to VISIT.  Returns 0, or
 * VISIT's first non-zero return. */
int pt_dump_user_runs(struct phys_mem *mem, uint32_t cr3,
		      pt_dump_visitor *visit, void *ctx);

/* The most flags a run has. */
#define PT_DUMP_FLAGS 7

/* RUN's flags as ptdump names them, in its column order (USR, RW, PWT,
 * PCD, PSE, PAT, GLB; none for a run not present) into NAMES (static
 * strings).  Returns how many. */
size_t pt_dump_run_flags(const struct pt_dump_run *run,
			 const char *names[PT_DUMP_FLAGS]);

/* The walk for LINEAR, word by word: the PDE (index, physical address,
 * value, bits) and, under a page table, the PTE; then the frame.
 * Returns 0, or -1 when writing failed. */
int pt_dump_entries(FILE *out, struct phys_mem *mem, uint32_t cr3,
		    uint32_t linear);

#endif
