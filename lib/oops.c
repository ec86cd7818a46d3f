/* oops.c - page_fault_oops()'s report. */
#include <config.h>

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>

#include "oops.h"
#include "pgtable.h"

struct lines {
	char *buf;
	size_t size, used;
};

static void add(struct lines *l, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void add(struct lines *l, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (l->used >= l->size)
		return;
	va_start(ap, fmt);
	n = vsnprintf(l->buf + l->used, l->size - l->used, fmt, ap);
	va_end(ap);
	if (n > 0)
		l->used += (size_t)n < l->size - l->used ? (size_t)n
			   : l->size - l->used - 1;
}

/* show_fault_oops() */
static void fault_lines(struct lines *l, const struct mmu_fault *hw)
{
	uint32_t code = hw->error_code;

	if (hw->cr2 < PAGE_SIZE)
		add(l, "BUG: kernel NULL pointer dereference, address: %08"
		    PRIx32 "\n", hw->cr2);
	else
		add(l, "BUG: unable to handle page fault for address: %08"
		    PRIx32 "\n", hw->cr2);
	add(l, "#PF: %s %s in kernel mode\n",
	    code & PF_USER ? "user" : "supervisor",
	    code & PF_INSTR ? "instruction fetch"
	    : code & PF_WRITE ? "write access" : "read access");
	add(l, "#PF: error_code(0x%04" PRIx32 ") - %s\n", code,
	    !(code & PF_PROT) ? "not-present page"
	    : code & PF_RSVD ? "reserved bit violation"
	    : "permissions violation");
	/* dump_pagetable(): the PTE of a present, 4 KiB-page PDE */
	add(l, "*pde = %08" PRIx32 " ", hw->pde);
	if ((hw->pde & PTE_P) && !(hw->pde & PTE_PS) && hw->pte_read)
		add(l, "*pte = %08" PRIx32 " ", hw->pte);
	add(l, "\n");
}

/* print_tainted() of 6.1: "Not tainted", or one column per taint flag
 * (19: P F S R M B U D A W C I O E L K X T N) - after an Oops (add_taint
 * TAINT_DIE in oops_end()) G for "no proprietary module" and D. */
static const char *tainted(bool died, char *buf, size_t size)
{
	static const char flags[] = "G      D           ";

	snprintf(buf, size, died ? "Tainted: %s" : "Not tainted", flags);
	return buf;
}

char *oops_format(const struct oops_input *in, char *buf, size_t size)
{
	struct lines l = { .buf = buf, .size = size, .used = 0 };
	char taint[40];

	if (size != 0)
		buf[0] = '\0';
	fault_lines(&l, in->hw);
	add(&l, "Oops: %04" PRIx32 " [#%u] PREEMPT SMP\n",
	    in->hw->error_code & 0xffff, in->number);
	add(&l, "CPU: 0 PID: %d Comm: %.15s %s 6.1.0-elfault #1\n", in->pid,
	    in->comm, tainted(in->number > 1, taint, sizeof taint));
	add(&l, "EIP: %s\n", in->eip);
	add(&l, "CR0: %08" PRIx32 " CR2: %08" PRIx32 " CR3: %08" PRIx32
	    " CR4: %08" PRIx32 "\n", in->cr0, in->hw->cr2, in->cr3, in->cr4);
	add(&l, "CR2: %016" PRIx32 "\n", in->hw->cr2);
	add(&l, "---[ end trace 0000000000000000 ]---\n");
	if (in->panic)
		add(&l, "Kernel panic - not syncing: Fatal exception in "
		    "interrupt\n");
	return buf;
}

uint32_t oops_cr0(const struct mmu *mmu)
{
	return 0x80040033u | (mmu->cr0_wp ? 0x10000u : 0);
}

uint32_t oops_cr4(const struct mmu *mmu)
{
	return (mmu->cr4_pse ? 0x10u : 0) | (mmu->cr4_pge ? 0x80u : 0);
}
