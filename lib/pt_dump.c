/* pt_dump.c - note_page() and printk_prot() for the i386 page tables. */
#include <config.h>

#include <inttypes.h>
#include <stdbool.h>
#include <string.h>

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
	pt_dump_visitor *visit;
	void *ctx;
	const struct marker *marker;	/* the area the run is in */
	uint64_t start;			/* the run's first address */
	uint32_t prot, effective;	/* its flags, and as both levels allow */
	int level;			/* -1 before the first entry */
	int rc;				/* the first visit's non-zero return */
};

static void end_run(struct dump *d, uint64_t end)
{
	const struct pt_dump_run run = {
		.start = d->start, .end = end, .pte_level = d->level == LEVEL_PTE,
		.prot = d->prot, .area = d->marker->name,
	};

	if (d->rc == 0)
		d->rc = d->visit(d->ctx, &run);
}

/* note_page(): a new entry at ADDR; end the run it ends, if any. */
static void note(struct dump *d, uint64_t addr, int level, uint32_t prot,
		 uint32_t effective)
{
	if (d->level != -1 &&
	    prot == d->prot && effective == d->effective &&
	    level == d->level && addr < d->marker[1].start)
		return;
	if (d->level != -1) {
		end_run(d, addr);
		if (addr >= d->marker[1].start)
			d->marker++;
	}
	d->start = addr;
	d->prot = prot;
	d->effective = effective;
	d->level = level;
}

/* ptdump_walk_pgd(): the entries of the page directory at CR3 below PDE index
 * LIMIT, each run noted; the last run ends at LIMIT's address. */
static int dump(struct phys_mem *mem, uint32_t cr3,
		const struct marker *markers, uint32_t limit,
		pt_dump_visitor *visit, void *ctx)
{
	struct dump d = { .visit = visit, .ctx = ctx, .marker = markers,
			  .level = -1 };
	pte_t pgd[PTRS_PER_TABLE] = { 0 }, table[PTRS_PER_TABLE];

	phys_read_words(mem, cr3 >> PAGE_SHIFT, pgd);
	for (uint32_t i = 0; i < limit; i++) {
		uint64_t addr = (uint64_t)i << PGDIR_SHIFT;
		pte_t pde = pgd[i];

		if (!pte_present(pde) || (pde & PTE_PS)) {
			uint32_t prot = pde ? pde & (PTE_FLAGS_MASK | PTE_PAT_LARGE) : 0;

			note(&d, addr, LEVEL_PMD, prot, prot & (PTE_RW | PTE_US));
			continue;
		}
		if (!phys_read_words(mem, pte_pfn(pde), table))
			memset(table, 0, sizeof table);
		for (uint32_t j = 0; j < PTRS_PER_TABLE; j++) {
			pte_t pte = table[j];
			uint32_t prot = pte & PTE_FLAGS_MASK;

			note(&d, addr + pfn_phys(j), LEVEL_PTE, prot,
			     pte ? prot & pde & (PTE_RW | PTE_US) : 0);
		}
	}
	end_run(&d, (uint64_t)limit << PGDIR_SHIFT);
	return d.rc;
}

size_t pt_dump_run_flags(const struct pt_dump_run *run,
			 const char *names[PT_DUMP_FLAGS])
{
	uint32_t prot = run->prot;
	size_t count = 0;

	if (!(prot & PTE_P))
		return 0;
	if (prot & PTE_US)
		names[count++] = "USR";
	if (prot & PTE_RW)
		names[count++] = "RW";
	if (prot & PTE_PWT)
		names[count++] = "PWT";
	if (prot & PTE_PCD)
		names[count++] = "PCD";
	if (!run->pte_level && (prot & PTE_PS))
		names[count++] = "PSE";
	/* PAT is bit 7 in a PTE, bit 12 in a large PDE */
	if (run->pte_level ? (prot & PTE_PS) : (prot & PTE_PAT_LARGE))
		names[count++] = "PAT";
	if (prot & PTE_G)
		names[count++] = "GLB";
	return count;
}

/* printk_prot(): the flags' columns, blank when clear (all blank for a
 * run not present) but RW's, "ro" when clear; "x" (no NX without PAE);
 * then the level. */
static void put_prot(FILE *out, const struct pt_dump_run *run)
{
	static const char *const columns[] = { "USR", "RW", "PWT", "PCD",
					       "PSE", "PAT", "GLB" };
	const char *names[PT_DUMP_FLAGS];
	size_t count = pt_dump_run_flags(run, names), at = 0;

	if (!(run->prot & PTE_P)) {
		fputs("                              ", out);
	} else {
		for (size_t i = 0; i < sizeof columns / sizeof columns[0]; i++) {
			bool set = at < count &&
				   strcmp(names[at], columns[i]) == 0;

			if (i == 1)
				fputs(set ? "RW " : "ro ", out);
			else
				fprintf(out, "%-3s ", set ? columns[i] : "");
			at += set;
		}
		fputs("x  ", out);
	}
	fprintf(out, "%s\n", run->pte_level ? "pte" : "pmd");
}

struct text_dump {
	FILE *out;
	const char *area;	/* the marker last printed */
};

/* A run as debugfs prints it: the range, the size in the largest unit
 * that divides it, the flags and level; a marker line where an area
 * begins. */
static int put_run(void *ctx, const struct pt_dump_run *run)
{
	static const char units[] = "BKMGTPE";
	struct text_dump *t = ctx;
	const char *unit = units;
	uint64_t delta = run->end - run->start;

	if (run->area != t->area)
		fprintf(t->out, "---[ %s ]---\n", run->area);
	t->area = run->area;
	fprintf(t->out, "0x%08" PRIx64 "-0x%08" PRIx64 "   ", run->start,
		run->end & 0xffffffffu);
	while (!(delta & 1023) && unit[1]) {
		delta >>= 10;
		unit++;
	}
	fprintf(t->out, "%9" PRIu64 "%c ", delta, *unit);
	put_prot(t->out, run);
	return 0;
}

static const struct marker user_markers[] = {
	{ 0, "User Space" },
	{ UINT64_MAX, NULL },
};

int pt_dump_write(FILE *out, struct phys_mem *mem, uint32_t cr3,
		  uint32_t vmalloc_start)
{
	const struct marker markers[] = {
		{ 0, "User Space" },
		{ PAGE_OFFSET, "Kernel Mapping" },
		{ vmalloc_start ? vmalloc_start : UINT64_MAX, "vmalloc() Area" },
		{ UINT64_MAX, NULL },
	};
	struct text_dump t = { out, NULL };

	/* The last run ends where 32-bit addresses wrap, at 0. */
	dump(mem, cr3, markers, PTRS_PER_TABLE, put_run, &t);
	return ferror(out) ? -1 : 0;
}

int pt_dump_user(FILE *out, struct phys_mem *mem, uint32_t cr3)
{
	struct text_dump t = { out, NULL };

	dump(mem, cr3, user_markers, pde_index(PAGE_OFFSET), put_run, &t);
	return ferror(out) ? -1 : 0;
}

int pt_dump_user_runs(struct phys_mem *mem, uint32_t cr3,
		      pt_dump_visitor *visit, void *ctx)
{
	return dump(mem, cr3, user_markers, pde_index(PAGE_OFFSET), visit,
		    ctx);
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
