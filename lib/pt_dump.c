/* pt_dump.c - note_page() and printk_prot() for the i386 page tables. */
#include <config.h>

#include <inttypes.h>
#include <stdbool.h>

#include "kernel_space.h"
#include "pgtable.h"
#include "pt_dump.h"

enum { LEVEL_PMD = 3, LEVEL_PTE = 4 };

struct marker {
	uint64_t start;
	const char *name;
};

/* The state of note_page(): the run being collected. */
struct dump {
	FILE *out;
	const struct marker *marker;	/* the area the run is in */
	uint64_t start;			/* the run's first address */
	uint32_t prot, effective;	/* its flags, and as both levels allow */
	int level;			/* -1 before the first entry */
};

static void put_prot(FILE *out, uint32_t prot, int level)
{
	if (!(prot & PTE_P)) {
		fputs("                              ", out);
	} else {
		fputs(prot & PTE_US ? "USR " : "    ", out);
		fputs(prot & PTE_RW ? "RW " : "ro ", out);
		fputs(prot & PTE_PWT ? "PWT " : "    ", out);
		fputs(prot & PTE_PCD ? "PCD " : "    ", out);
		fputs(level <= LEVEL_PMD && (prot & PTE_PS) ? "PSE " : "    ", out);
		fputs((level == LEVEL_PTE && (prot & PTE_PS)) ||
		      (level == LEVEL_PMD && (prot & PTE_PAT_LARGE))
		      ? "PAT " : "    ", out);
		fputs(prot & PTE_G ? "GLB " : "    ", out);
		fputs("x  ", out);	/* no NX without PAE */
	}
	fprintf(out, "%s\n", level == LEVEL_PTE ? "pte" : "pmd");
}

static void put_run(struct dump *d, uint64_t end)
{
	static const char units[] = "BKMGTPE";
	const char *unit = units;
	uint64_t delta = end - d->start;

	fprintf(d->out, "0x%08" PRIx64 "-0x%08" PRIx64 "   ", d->start,
		end & 0xffffffffu);
	while (!(delta & 1023) && unit[1]) {
		delta >>= 10;
		unit++;
	}
	fprintf(d->out, "%9" PRIu64 "%c ", delta, *unit);
	put_prot(d->out, d->prot, d->level);
}

/* note_page(): a new entry at ADDR; print the run it ends, if any. */
static void note(struct dump *d, uint64_t addr, int level, uint32_t prot,
		 uint32_t effective)
{
	if (d->level == -1) {
		fprintf(d->out, "---[ %s ]---\n", d->marker->name);
	} else if (prot != d->prot || effective != d->effective ||
		   level != d->level || addr >= d->marker[1].start) {
		put_run(d, addr);
		if (addr >= d->marker[1].start) {
			d->marker++;
			fprintf(d->out, "---[ %s ]---\n", d->marker->name);
		}
	} else {
		return;
	}
	d->start = addr;
	d->prot = prot;
	d->effective = effective;
	d->level = level;
}

/* ptdump_walk_pgd(): the entries of the page directory at CR3 below PDE index
 * LIMIT, each run noted; the last run ends at LIMIT's address. */
static int dump(FILE *out, struct phys_mem *mem, uint32_t cr3,
		const struct marker *markers, uint32_t limit)
{
	struct dump d = { .out = out, .marker = markers, .level = -1 };
	uint32_t pgd = cr3 & PTE_FRAME_MASK;

	for (uint32_t i = 0; i < limit; i++) {
		uint64_t addr = (uint64_t)i << PGDIR_SHIFT;
		pte_t pde = phys_read32(mem, pgd + 4 * i);

		if (!pte_present(pde) || (pde & PTE_PS)) {
			uint32_t prot = pde ? pde & (PTE_FLAGS_MASK | PTE_PAT_LARGE) : 0;

			note(&d, addr, LEVEL_PMD, prot, prot & (PTE_RW | PTE_US));
			continue;
		}
		for (uint32_t j = 0; j < PTRS_PER_TABLE; j++) {
			pte_t pte = phys_read32(mem, (pde & PTE_FRAME_MASK) + 4 * j);
			uint32_t prot = pte & PTE_FLAGS_MASK;

			note(&d, addr + pfn_phys(j), LEVEL_PTE, prot,
			     pte ? prot & pde & (PTE_RW | PTE_US) : 0);
		}
	}
	put_run(&d, (uint64_t)limit << PGDIR_SHIFT);
	return ferror(out) ? -1 : 0;
}

int pt_dump_write(FILE *out, struct phys_mem *mem, uint32_t cr3,
		  uint32_t vmalloc_start)
{
	const struct marker markers[] = {
		{ 0, "User Space" },
		{ PAGE_OFFSET, "Kernel Mapping" },
		{ vmalloc_start ? vmalloc_start : UINT64_MAX, "vmalloc() Area" },
		{ UINT64_MAX, NULL },
	};

	/* The last run ends where 32-bit addresses wrap, at 0. */
	return dump(out, mem, cr3, markers, PTRS_PER_TABLE);
}

int pt_dump_user(FILE *out, struct phys_mem *mem, uint32_t cr3)
{
	const struct marker markers[] = {
		{ 0, "User Space" },
		{ UINT64_MAX, NULL },
	};

	return dump(out, mem, cr3, markers, pde_index(PAGE_OFFSET));
}

int pt_dump_entries(FILE *out, struct phys_mem *mem, uint32_t cr3,
		    uint32_t linear)
{
	uint32_t pde_addr = (cr3 & PTE_FRAME_MASK) + 4 * pde_index(linear);
	pte_t pde = phys_read32(mem, pde_addr), pte;
	uint32_t pte_addr;
	char bits[64];

	fprintf(out, "%08" PRIx32 ": pde[%u] at %08" PRIx32 " = %08" PRIx32
		" (%s)\n", linear, pde_index(linear), pde_addr, pde,
		pte_describe(pde, true, bits, sizeof bits));
	if (!pte_present(pde))
		return ferror(out) ? -1 : 0;
	if (pde & PTE_PS) {
		fprintf(out, "          4 MiB page: frame %05" PRIx32 "\n",
			pde_large_pfn(pde, linear));
		return ferror(out) ? -1 : 0;
	}
	pte_addr = (pde & PTE_FRAME_MASK) + 4 * pte_index(linear);
	pte = phys_read32(mem, pte_addr);
	fprintf(out, "          pte[%u] at %08" PRIx32 " = %08" PRIx32 " (%s)\n",
		pte_index(linear), pte_addr, pte,
		pte_describe(pte, false, bits, sizeof bits));
	if (pte_present(pte))
		fprintf(out, "          frame %05" PRIx32 "\n", pte_pfn(pte));
	return ferror(out) ? -1 : 0;
}
