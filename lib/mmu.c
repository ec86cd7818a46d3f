/* mmu.c - the two-level walk, its checks, A/D bits and the TLB. */
#include <config.h>

#include <stdio.h>
#include <string.h>

#include "mmu.h"
#include "text.h"

void mmu_init(struct mmu *mmu, struct phys_mem *mem)
{
	memset(mmu, 0, sizeof *mmu);
	mmu->mem = mem;
	mmu->cr0_wp = true;
	mmu->cr4_pse = true;
	mmu->cr4_pge = true;
	tlb_init(&mmu->tlb);
}

/* The rights one entry grants: does it refuse this access on W or U?
 * Reads never need W; supervisor writes need it only with CR0.WP. */
static bool needs_write(const struct mmu *mmu, enum mmu_access_type type,
			enum mmu_mode mode)
{
	return type == MMU_WRITE && (mode == MMU_USER || mmu->cr0_wp);
}

static bool check_entry(const struct mmu *mmu, pte_t entry,
			enum mmu_access_type type, enum mmu_mode mode,
			enum mmu_check *failed)
{
	if (needs_write(mmu, type, mode) && !(entry & PTE_RW)) {
		*failed = MMU_CHECK_W;
		return false;
	}
	if (mode == MMU_USER && !(entry & PTE_US)) {
		*failed = MMU_CHECK_U;
		return false;
	}
	return true;
}

static uint32_t error_code(const struct mmu *mmu, bool protection,
			   enum mmu_access_type type, enum mmu_mode mode)
{
	uint32_t code = protection ? PF_PROT : 0;

	if (type == MMU_WRITE)
		code |= PF_WRITE;
	if (mode == MMU_USER)
		code |= PF_USER;
	if (type == MMU_FETCH && mmu->reports_fetch)
		code |= PF_INSTR;
	return code;
}

static int fault_at(struct mmu *mmu, struct mmu_fault *fault, uint32_t code,
		    enum mmu_level level, enum mmu_check check)
{
	fault->error_code = code;
	fault->level = level;
	fault->check = check;
	mmu->faults++;
	/* A page fault invalidates the faulting page's TLB entries. */
	tlb_invalidate(&mmu->tlb, fault->cr2);
	return 1;
}

/* Set A (and D) in an entry that a successful access used. */
static void mark_used(struct mmu *mmu, uint32_t paddr, pte_t *entry,
		      uint32_t bits)
{
	if ((*entry & bits) == bits)
		return;
	*entry |= bits;
	phys_write32(mmu->mem, paddr, *entry);
}

/* Permissions that both levels grant, as the TLB keeps them. */
static uint32_t tlb_flags(pte_t pde, pte_t leaf, bool dirty)
{
	uint32_t flags = 0;

	if ((pde & PTE_RW) && (leaf & PTE_RW))
		flags |= TLB_WRITABLE;
	if ((pde & PTE_US) && (leaf & PTE_US))
		flags |= TLB_USER;
	if (leaf & PTE_G)
		flags |= TLB_GLOBAL;
	if (dirty)
		flags |= TLB_DIRTY;
	return flags;
}

/* The leaf check: the chapter's order is the PDE's W and U, then the
 * PTE's; the hardware refuses if any of them does. */
static int check_levels(struct mmu *mmu, struct mmu_fault *fault,
			enum mmu_access_type type, enum mmu_mode mode,
			bool large)
{
	enum mmu_check failed;
	uint32_t code = error_code(mmu, true, type, mode);

	if (!check_entry(mmu, fault->pde, type, mode, &failed))
		return fault_at(mmu, fault, code, MMU_LEVEL_PDE, failed);
	if (!large && !check_entry(mmu, fault->pte, type, mode, &failed))
		return fault_at(mmu, fault, code, MMU_LEVEL_PTE, failed);
	return 0;
}

/* A walk through a 4 MiB PDE. */
static int walk_large(struct mmu *mmu, uint32_t linear,
		      enum mmu_access_type type, enum mmu_mode mode,
		      struct mmu_translation *out, struct mmu_fault *fault)
{
	pte_t *pde = &fault->pde;
	uint32_t frame;

	if (*pde & PDE_LARGE_RESERVED)
		return fault_at(mmu, fault, error_code(mmu, true, type, mode) |
				PF_RSVD, MMU_LEVEL_PDE, MMU_CHECK_RSVD);
	if (check_levels(mmu, fault, type, mode, true) != 0)
		return 1;
	mark_used(mmu, fault->pde_paddr, pde,
		  PTE_A | (type == MMU_WRITE ? PTE_D : 0));
	frame = pde_large_pfn(*pde, linear);
	out->entry = tlb_fill(&mmu->tlb, linear, frame,
			      tlb_flags(*pde, *pde, *pde & PTE_D), true);
	out->physical = pfn_phys(frame) | offset_in_page(linear);
	out->large = true;
	return 0;
}

static int walk(struct mmu *mmu, uint32_t linear, enum mmu_access_type type,
		enum mmu_mode mode, struct mmu_translation *out,
		struct mmu_fault *fault)
{
	uint32_t not_present = error_code(mmu, false, type, mode);

	mmu->walks++;
	fault->pde_paddr = (mmu->cr3 & PTE_FRAME_MASK) + 4 * pde_index(linear);
	fault->pde = phys_read32(mmu->mem, fault->pde_paddr);
	if (!pte_present(fault->pde))
		return fault_at(mmu, fault, not_present, MMU_LEVEL_PDE, MMU_CHECK_P);
	if ((fault->pde & PTE_PS) && mmu->cr4_pse)
		return walk_large(mmu, linear, type, mode, out, fault);
	fault->pte_paddr = (fault->pde & PTE_FRAME_MASK) + 4 * pte_index(linear);
	fault->pte = phys_read32(mmu->mem, fault->pte_paddr);
	fault->pte_read = true;
	if (!pte_present(fault->pte))
		return fault_at(mmu, fault, not_present, MMU_LEVEL_PTE, MMU_CHECK_P);
	if (check_levels(mmu, fault, type, mode, false) != 0)
		return 1;
	mark_used(mmu, fault->pde_paddr, &fault->pde, PTE_A);
	mark_used(mmu, fault->pte_paddr, &fault->pte,
		  PTE_A | (type == MMU_WRITE ? PTE_D : 0));
	out->entry = tlb_fill(&mmu->tlb, linear, pte_pfn(fault->pte),
			      tlb_flags(fault->pde, fault->pte,
					fault->pte & PTE_D), false);
	out->physical = pfn_phys(pte_pfn(fault->pte)) | offset_in_page(linear);
	return 0;
}

/* A TLB hit: its cached permissions decide; a write to a page not yet
 * known dirty needs a walk to set D. */
static int use_tlb_entry(struct mmu *mmu, struct tlb_entry *e, uint32_t linear,
			 enum mmu_access_type type, enum mmu_mode mode,
			 struct mmu_translation *out, struct mmu_fault *fault)
{
	bool large = e >= mmu->tlb.large &&
		     e < mmu->tlb.large + TLB_LARGE_ENTRIES;
	enum mmu_check check = MMU_CHECK_W;

	if (needs_write(mmu, type, mode) && !(e->flags & TLB_WRITABLE))
		check = MMU_CHECK_W;
	else if (mode == MMU_USER && !(e->flags & TLB_USER))
		check = MMU_CHECK_U;
	else if (type == MMU_WRITE && !(e->flags & TLB_DIRTY))
		return walk(mmu, linear, type, mode, out, fault);
	else {
		uint32_t frame = large ? e->frame + pte_index(linear)
				       : e->frame;

		out->physical = pfn_phys(frame) | offset_in_page(linear);
		out->large = large;
		out->tlb_hit = true;
		out->entry = e;
		return 0;
	}
	fault->from_tlb = true;
	return fault_at(mmu, fault, error_code(mmu, true, type, mode),
			MMU_LEVEL_PTE, check);
}

int mmu_translate(struct mmu *mmu, uint32_t linear,
		  enum mmu_access_type type, enum mmu_mode mode,
		  struct mmu_translation *out, struct mmu_fault *fault)
{
	struct tlb_entry *e = tlb_lookup(&mmu->tlb, linear);

	memset(out, 0, sizeof *out);
	memset(fault, 0, sizeof *fault);
	out->linear = linear;
	fault->cr2 = linear;
	if (e != NULL)
		return use_tlb_entry(mmu, e, linear, type, mode, out, fault);
	return walk(mmu, linear, type, mode, out, fault);
}

int mmu_access(struct mmu *mmu, uint32_t linear, size_t size,
	       enum mmu_access_type type, enum mmu_mode mode, void *buf,
	       struct mmu_fault *fault, struct ef_error *err)
{
	struct mmu_translation pages[2];
	size_t first = PAGE_SIZE - offset_in_page(linear);
	unsigned count = size > first ? 2 : 1;
	uint8_t *bytes = buf;

	if (size == 0 || size > 16)
		return ef_error_set(err, PHYS_ERR_RANGE, 0, "an access of %zu "
				    "bytes (1 to 16)", size);
	for (unsigned i = 0; i < count; i++) {
		uint32_t page = i == 0 ? linear : (linear & ~0xfffu) + 0x1000;

		if (mmu_translate(mmu, page, type, mode, &pages[i], fault) != 0)
			return 1;
	}
	for (unsigned i = 0; i < count; i++) {
		size_t n = i == 0 ? (count == 2 ? first : size) : size - first;
		int rc = type == MMU_WRITE
			 ? phys_write(mmu->mem, pages[i].physical, bytes, n, err)
			 : phys_read(mmu->mem, pages[i].physical, bytes, n, err);

		if (rc != 0)
			return -1;
		bytes += n;
	}
	if (mmu->touched != NULL)
		for (unsigned i = 0; i < count; i++)
			mmu->touched(mmu->touched_ctx,
				     phys_pfn(pages[i].physical));
	return 0;
}

void mmu_write_cr3(struct mmu *mmu, uint32_t cr3)
{
	mmu->cr3 = cr3;
	tlb_flush(&mmu->tlb, mmu->cr4_pge);
}

void mmu_invlpg(struct mmu *mmu, uint32_t linear)
{
	tlb_invalidate(&mmu->tlb, linear);
}

const char *mmu_check_name(enum mmu_check check)
{
	static const char *const names[] = { "P", "W", "U", "RSVD" };

	return names[check];
}

const char *mmu_level_name(enum mmu_level level)
{
	return level == MMU_LEVEL_PDE ? "pde" : "pte";
}

const char *mmu_access_name(enum mmu_access_type type)
{
	static const char *const names[] = { "read", "write", "fetch" };

	return names[type];
}

const char *mmu_error_code_text(uint32_t code, char *buf, size_t size)
{
	const char *cause = code & PF_RSVD ? "reserved bit violation"
			    : code & PF_PROT ? "permissions violation"
					     : "not-present page";
	const char *access = code & PF_INSTR ? "instruction fetch"
			     : code & PF_WRITE ? "write access" : "read access";

	struct text t;

	text_init(&t, buf, size);
	text_str(&t, cause);
	text_str(&t, code & PF_USER ? ", user " : ", supervisor ");
	text_str(&t, access);
	return buf;
}
