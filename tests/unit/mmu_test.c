/* mmu_test.c - the emulated i386 MMU against the SDM's rules. */
#include <config.h>

#include <stdio.h>

#include "kernel_space.h"
#include "mmu.h"
#include "phys_mem.h"
#include "pt_dump.h"
#include "tap.h"

#define PD 0x10000u		/* the page directory's physical address */
#define PT 0x11000u		/* one page table */
#define FRAME 0x12u		/* the data frame */
#define ADDR 0x08048123u	/* an address in PDE 32, PTE 72 */

struct machine {
	struct phys_mem mem;
	struct mmu mmu;
};

static void machine_init(struct machine *m, uint64_t bytes)
{
	phys_init(&m->mem, bytes, NULL);
	mmu_init(&m->mmu, &m->mem);
	m->mmu.cr3 = PD;
}

static void set_entries(struct machine *m, pte_t pde, pte_t pte)
{
	phys_write32(&m->mem, PD + 4 * pde_index(ADDR), pde);
	phys_write32(&m->mem, PT + 4 * pte_index(ADDR), pte);
	tlb_flush(&m->mmu.tlb, false);
}

static const char *const access_names[] = { "read", "write", "fetch" };

/* The SDM's rules, stated on their own (vol. 3A 4.6, 4.7): a walk stops
 * at the first entry that is not present (error code P=0); otherwise the
 * access needs W at both levels if it is a user write, or a supervisor
 * write with CR0.WP; and U at both levels if it is a user access.  The
 * chapter's order names the check that failed: PDE W, PDE U, PTE W, PTE U. */
static bool expect_fault(unsigned pde_bits, unsigned pte_bits, int type,
			 int mode, bool wp, uint32_t *code, int *level, int *check)
{
	bool user = mode == MMU_USER, write = type == MMU_WRITE;
	bool need_w = write && (user || wp), need_u = user;
	const unsigned bits[2] = { pde_bits, pte_bits };

	*code = (write ? PF_WRITE : 0) | (user ? PF_USER : 0);
	for (int l = 0; l < 2; l++)
		if (!(bits[l] & PTE_P)) {
			*level = l + 1;
			*check = MMU_CHECK_P;
			return true;
		}
	*code |= PF_PROT;
	for (int l = 0; l < 2; l++) {
		*level = l + 1;
		if (need_w && !(bits[l] & PTE_RW)) {
			*check = MMU_CHECK_W;
			return true;
		}
		if (need_u && !(bits[l] & PTE_US)) {
			*check = MMU_CHECK_U;
			return true;
		}
	}
	return false;
}

static void test_all_combinations(void)
{
	static const unsigned masks[] = { PTE_P, PTE_RW, PTE_US };
	unsigned cases = 0, right = 0;
	struct machine m;

	machine_init(&m, 1 << 20);
	for (unsigned pde_bits = 0; pde_bits < 8; pde_bits++)
	for (unsigned pte_bits = 0; pte_bits < 8; pte_bits++)
	for (int type = MMU_READ; type <= MMU_FETCH; type++)
	for (int mode = MMU_USER; mode <= MMU_SUPERVISOR; mode++)
	for (int wp = 0; wp < 2; wp++) {
		unsigned pde = 0, pte = 0;
		struct mmu_translation t;
		struct mmu_fault f;
		uint32_t code;
		int level, check, rc;
		bool faults;

		for (unsigned b = 0; b < 3; b++) {
			if (pde_bits & (1u << b))
				pde |= masks[b];
			if (pte_bits & (1u << b))
				pte |= masks[b];
		}
		set_entries(&m, pte_make(PT >> 12, pde), pte_make(FRAME, pte));
		m.mmu.cr0_wp = wp;
		faults = expect_fault(pde, pte, type, mode, wp, &code, &level, &check);
		rc = mmu_translate(&m.mmu, ADDR, type, mode, &t, &f);
		cases++;
		if (faults ? rc == 1 && f.error_code == code && (int)f.level == level &&
			     (int)f.check == check && f.cr2 == ADDR
			   : rc == 0 && t.physical == (FRAME << 12 | (ADDR & 0xfff)))
			right++;
		else
			printf("# pde %x pte %x %s %s wp=%d: rc %d code %x level %d "
			       "check %d\n", pde, pte, access_names[type],
			       mode == MMU_USER ? "user" : "supervisor", wp, rc,
			       f.error_code, f.level, f.check);
	}
	tap_ok(right == cases && cases == 768,
	       "all 768 combinations of P/W/U at both levels, access, mode, WP "
	       "(%u right)", right);
	phys_release(&m.mem);
}

/* Hand-checked rows, including the error codes the chapter and the live
 * kernel show. */
static void test_known_rows(void)
{
	static const struct {
		const char *what;
		unsigned pde, pte;
		int type, mode;
		bool wp, reports_fetch;
		int rc;
		uint32_t code;
	} rows[] = {
		{ "user read of a user page", 7, 5, MMU_READ, MMU_USER, true, false, 0, 0 },
		{ "user write to a read-only page (COW)", 7, 5, MMU_WRITE, MMU_USER,
		  true, false, 1, PF_PROT | PF_WRITE | PF_USER },
		{ "user read of a kernel page", 3, 3, MMU_READ, MMU_USER, true, false,
		  1, PF_PROT | PF_USER },
		{ "user fetch, page not present", 7, 0, MMU_FETCH, MMU_USER, true,
		  false, 1, PF_USER },
		{ "the same on a CPU with NX (the host: 0x14)", 7, 0, MMU_FETCH,
		  MMU_USER, true, true, 1, PF_USER | PF_INSTR },
		{ "supervisor read, not present (0x0)", 3, 0, MMU_READ, MMU_SUPERVISOR,
		  true, false, 1, 0 },
		{ "supervisor write to read-only, WP set", 7, 5, MMU_WRITE,
		  MMU_SUPERVISOR, true, false, 1, PF_PROT | PF_WRITE },
		{ "supervisor write to read-only, WP clear", 7, 5, MMU_WRITE,
		  MMU_SUPERVISOR, false, false, 0, 0 },
		{ "supervisor read of a user page", 7, 7, MMU_READ, MMU_SUPERVISOR,
		  true, false, 0, 0 },
		{ "user write, PDE read-only, PTE writable", 5, 7, MMU_WRITE, MMU_USER,
		  true, false, 1, PF_PROT | PF_WRITE | PF_USER },
	};
	struct machine m;

	machine_init(&m, 1 << 20);
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		struct mmu_translation t;
		struct mmu_fault f;
		int rc;

		set_entries(&m, pte_make(PT >> 12, rows[i].pde),
			    pte_make(FRAME, rows[i].pte));
		m.mmu.cr0_wp = rows[i].wp;
		m.mmu.reports_fetch = rows[i].reports_fetch;
		rc = mmu_translate(&m.mmu, ADDR, rows[i].type, rows[i].mode, &t, &f);
		if (!tap_ok(rc == rows[i].rc && (rc == 0 || f.error_code == rows[i].code),
			    "%s", rows[i].what))
			printf("#   rc %d code %#x\n", rc, f.error_code);
	}
	phys_release(&m.mem);
}

static void test_accessed_dirty(void)
{
	struct machine m;
	struct mmu_translation t;
	struct mmu_fault f;

	machine_init(&m, 1 << 20);
	set_entries(&m, pte_make(PT >> 12, PTE_P | PTE_RW | PTE_US),
		    pte_make(FRAME, PTE_P | PTE_RW | PTE_US));
	mmu_translate(&m.mmu, ADDR, MMU_READ, MMU_USER, &t, &f);
	tap_ok(phys_read32(&m.mem, PD + 4 * pde_index(ADDR)) & PTE_A, "a read sets A in the PDE");
	tap_ok((phys_read32(&m.mem, PT + 4 * pte_index(ADDR)) & (PTE_A | PTE_D)) == PTE_A,
	       "a read sets A, not D, in the PTE");
	mmu_translate(&m.mmu, ADDR, MMU_WRITE, MMU_USER, &t, &f);
	tap_ok(phys_read32(&m.mem, PT + 4 * pte_index(ADDR)) & PTE_D,
	       "a write through a TLB entry not yet dirty walks and sets D");
	tap_eq_u64(m.mmu.walks, 2, "two walks: the read, the write's dirty assist");
	mmu_translate(&m.mmu, ADDR, MMU_WRITE, MMU_USER, &t, &f);
	tap_ok(t.tlb_hit && m.mmu.walks == 2, "a second write hits the TLB");
	set_entries(&m, pte_make(PT >> 12, PTE_P | PTE_RW | PTE_US), pte_make(FRAME, PTE_P | PTE_US));
	mmu_translate(&m.mmu, ADDR, MMU_WRITE, MMU_USER, &t, &f);
	tap_ok((phys_read32(&m.mem, PT + 4 * pte_index(ADDR)) & (PTE_A | PTE_D)) == 0,
	       "a faulting access sets neither A nor D");
	phys_release(&m.mem);
}

static void test_large_pages(void)
{
	struct machine m;
	struct mmu_translation t;
	struct mmu_fault f;
	uint32_t addr = 0x00c01234;	/* PDE 3 */

	machine_init(&m, 32 << 20);
	phys_write32(&m.mem, PD + 12, pde_make_large(0x01000000, PTE_P | PTE_RW | PTE_US));
	tap_ok(mmu_translate(&m.mmu, addr, MMU_WRITE, MMU_USER, &t, &f) == 0 &&
	       t.large && t.physical == 0x01001234, "a 4 MiB page translates");
	tap_ok((phys_read32(&m.mem, PD + 12) & (PTE_A | PTE_D)) == (PTE_A | PTE_D),
	       "a write sets A and D in the 4 MiB PDE");
	tap_ok(mmu_translate(&m.mmu, addr + 0x1000, MMU_READ, MMU_USER, &t, &f) == 0 &&
	       t.tlb_hit && t.physical == 0x01002234, "the 4 MiB TLB entry serves its neighbours");
	phys_write32(&m.mem, PD + 12, pde_make_large(0x01000000, PTE_P | PTE_US) | 0x2000);
	tlb_flush(&m.mmu.tlb, false);
	tap_ok(mmu_translate(&m.mmu, addr, MMU_READ, MMU_USER, &t, &f) == 1 &&
	       f.error_code == (PF_PROT | PF_RSVD | PF_USER) && f.check == MMU_CHECK_RSVD,
	       "a reserved bit in a 4 MiB PDE is a RSVD fault");
	m.mmu.cr4_pse = false;
	phys_write32(&m.mem, PD + 12, pte_make(PT >> 12, PTE_P | PTE_RW | PTE_US | PTE_PS));
	phys_write32(&m.mem, PT + 4 * pte_index(addr), pte_make(FRAME, PTE_P | PTE_US));
	tap_ok(mmu_translate(&m.mmu, addr, MMU_READ, MMU_USER, &t, &f) == 0 &&
	       !t.large && t.physical == (FRAME << 12 | 0x234),
	       "without CR4.PSE, PS is ignored and the PDE points to a table");
	phys_release(&m.mem);
}

/* Accesses of 2..16 bytes at every offset that crosses into the next page,
 * which is not present: the fault names the second page and nothing moves;
 * with the page present, the bytes arrive on both sides. */
static void test_straddling(void)
{
	unsigned right = 0, cases = 0;
	struct machine m;

	machine_init(&m, 1 << 20);
	phys_write32(&m.mem, PD + 4 * 32, pte_make(PT >> 12, PTE_P | PTE_RW | PTE_US));
	phys_write32(&m.mem, PT, pte_make(0x20, PTE_P | PTE_RW | PTE_US));
	for (size_t size = 2; size <= 16; size++)
		for (size_t back = 1; back < size; back++) {
			uint32_t addr = 0x08001000 - (uint32_t)back;
			uint8_t data[16], check[16] = { 0 };
			struct mmu_fault f;
			int rc;

			memset(data, 0xab, sizeof data);
			phys_write32(&m.mem, PT + 4, 0);
			tlb_flush(&m.mmu.tlb, false);
			rc = mmu_access(&m.mmu, addr, size, MMU_WRITE, MMU_USER, data, &f, NULL);
			phys_read(&m.mem, 0x20fff - (back - 1), check, back, NULL);
			cases++;
			if (rc == 1 && f.cr2 == 0x08001000 && check[0] == 0) {
				phys_write32(&m.mem, PT + 4, pte_make(0x21, PTE_P | PTE_RW | PTE_US));
				rc = mmu_access(&m.mmu, addr, size, MMU_WRITE, MMU_USER, data, &f, NULL);
				memset(check, 0, sizeof check);
				phys_read(&m.mem, 0x21000, check, size - back, NULL);
				right += rc == 0 && check[size - back - 1] == 0xab;
			}
			phys_write(&m.mem, 0x20ff0, (uint8_t[16]){ 0 }, 16, NULL);
		}
	tap_ok(right == cases, "straddling writes of 2..16 bytes: %u of %u right", right, cases);
	phys_release(&m.mem);
}

static void test_tlb(void)
{
	struct machine m;
	struct mmu_translation t;
	struct mmu_fault f;

	machine_init(&m, 1 << 20);
	set_entries(&m, pte_make(PT >> 12, PTE_P | PTE_RW | PTE_US), pte_make(FRAME, PTE_P | PTE_US));
	mmu_translate(&m.mmu, ADDR, MMU_READ, MMU_USER, &t, &f);
	tap_ok(!t.tlb_hit && m.mmu.tlb.misses == 1, "first access: a miss and a walk");
	mmu_translate(&m.mmu, ADDR + 4, MMU_READ, MMU_USER, &t, &f);
	tap_ok(t.tlb_hit && m.mmu.tlb.hits == 1, "same page again: a hit");

	/* The kernel makes the page writable in the PTE but does not flush:
	 * the TLB still says read-only, so the write faults - spuriously -
	 * and the fault drops the entry; the retry walks and succeeds. */
	phys_write32(&m.mem, PT + 4 * pte_index(ADDR), pte_make(FRAME, PTE_P | PTE_RW | PTE_US | PTE_A));
	tap_ok(mmu_translate(&m.mmu, ADDR, MMU_WRITE, MMU_USER, &t, &f) == 1 &&
	       f.from_tlb && f.error_code == (PF_PROT | PF_WRITE | PF_USER),
	       "a stale read-only TLB entry makes a write fault");
	tap_ok(mmu_translate(&m.mmu, ADDR, MMU_WRITE, MMU_USER, &t, &f) == 0 && !t.tlb_hit,
	       "the retry walks the new PTE and succeeds");

	/* A PTE cleared without invlpg still translates through the TLB. */
	phys_write32(&m.mem, PT + 4 * pte_index(ADDR), 0);
	tap_ok(mmu_translate(&m.mmu, ADDR, MMU_READ, MMU_USER, &t, &f) == 0 && t.tlb_hit,
	       "a cleared PTE is still used until invlpg");
	mmu_invlpg(&m.mmu, ADDR);
	tap_ok(mmu_translate(&m.mmu, ADDR, MMU_READ, MMU_USER, &t, &f) == 1 &&
	       f.error_code == PF_USER, "after invlpg the walk faults");

	set_entries(&m, pte_make(PT >> 12, PTE_P | PTE_RW | PTE_US),
		    pte_make(FRAME, PTE_P | PTE_US | PTE_G));
	mmu_translate(&m.mmu, ADDR, MMU_READ, MMU_USER, &t, &f);
	phys_write32(&m.mem, PT + 4 * pte_index(ADDR) + 4, pte_make(FRAME + 1, PTE_P | PTE_US));
	mmu_translate(&m.mmu, ADDR + 0x1000, MMU_READ, MMU_USER, &t, &f);
	tap_eq_u64(tlb_count(&m.mmu.tlb), 2, "two entries, one global");
	mmu_write_cr3(&m.mmu, PD);
	tap_eq_u64(tlb_count(&m.mmu.tlb), 1, "a CR3 write keeps only the global entry");
	m.mmu.cr4_pge = false;
	mmu_write_cr3(&m.mmu, PD);
	tap_eq_u64(tlb_count(&m.mmu.tlb), 0, "without CR4.PGE it drops that too");

	/* Five pages in the same set of a 4-way TLB: the first is evicted. */
	for (uint32_t i = 0; i < 5; i++) {
		phys_write32(&m.mem, PT + 4 * (i * TLB_SETS), pte_make(FRAME, PTE_P | PTE_US));
		mmu_translate(&m.mmu, 0x08000000 + i * TLB_SETS * 0x1000, MMU_READ,
			      MMU_USER, &t, &f);
	}
	mmu_translate(&m.mmu, 0x08000000, MMU_READ, MMU_USER, &t, &f);
	tap_ok(!t.tlb_hit, "a fifth page in a 4-way set evicts the first");
	phys_release(&m.mem);
}

static void test_phys_mem(void)
{
	struct phys_mem mem;
	struct ef_error err;
	uint64_t pfn = 0, bytes = 0, first = 0;
	unsigned n = 0;

	tap_ok(phys_parse_size("16M", &bytes, NULL) == 0 && bytes == 16u << 20, "16M");
	tap_ok(phys_parse_size("4G", &bytes, NULL) == 0 && bytes == 4ull << 30, "4G");
	tap_ok(phys_parse_size("64k", &bytes, NULL) == 0 && bytes == 65536, "64k");
	tap_ok(phys_parse_size("12x", &bytes, &err) != 0 && err.kind == PHYS_ERR_SIZE,
	       "12x is refused");
	tap_ok(phys_init(&mem, 5000, &err) != 0, "a size not a multiple of 4 KiB is refused");
	tap_ok(phys_init(&mem, 8ull << 30, &err) != 0, "8 GiB is refused (no PAE)");

	phys_init(&mem, 32 * 4096, NULL);
	while (phys_alloc(&mem, FRAME_ANON, &pfn, &err) == 0)
		n++;
	tap_ok(n == 32 && err.kind == PHYS_ERR_NO_FRAME, "32 frames, then PHYS_ERR_NO_FRAME");
	phys_free(&mem, 7);
	tap_ok(phys_alloc(&mem, FRAME_ANON, &pfn, NULL) == 0 && pfn == 7,
	       "a freed frame is handed out again");
	phys_write(&mem, 7 * 4096 + 10, "hello", 5, NULL);
	phys_free(&mem, 7);
	phys_alloc(&mem, FRAME_ANON, &pfn, NULL);
	phys_read(&mem, 7 * 4096 + 10, &first, 5, NULL);
	tap_ok(first == 0, "a reallocated frame reads as zeros");
	tap_ok(phys_write(&mem, 32 * 4096 - 2, "abcd", 4, &err) != 0 &&
	       err.kind == PHYS_ERR_RANGE, "a write past the end is refused");
	phys_release(&mem);

	phys_init(&mem, 4ull << 30, NULL);
	for (unsigned i = 0; i < 1000; i++) {
		phys_alloc(&mem, FRAME_ANON, &pfn, NULL);
		phys_write32(&mem, pfn << 12, i);
	}
	tap_ok(phys_host_bytes(&mem) < 8u << 20,
	       "4 GiB with 1000 touched frames costs %llu KiB of host memory",
	       (unsigned long long)(phys_host_bytes(&mem) >> 10));
	phys_release(&mem);
}

/* Looking at frames never used makes no metadata: each reader, over a
 * 4 GiB memory with one frame used, costs no host memory, and sees the
 * untouched frames free and zero. */
static void test_readers_make_nothing(void)
{
	static const struct {
		const char *reader;
		uint64_t pfn;	/* a frame far from the one in use */
	} cases[] = {
		{ "phys_frame_peek", 0x80000 },
		{ "phys_read", 0x90000 },
		{ "phys_read32", 0xa0000 },
		{ "phys_copy_frame's source", 0xb0000 },
		{ "phys_frame_peek of every frame", 0 },
	};
	struct phys_mem mem;
	uint64_t pfn = 0;

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		uint64_t before, word = ~0ull, paddr = cases[i].pfn << 12;
		const struct frame_info *info = NULL;
		bool zero = true;

		phys_init(&mem, 4ull << 30, NULL);
		phys_alloc(&mem, FRAME_ANON, &pfn, NULL);
		phys_write32(&mem, pfn << 12, 0x12345678);
		before = phys_host_bytes(&mem);
		switch (i) {
		case 0: info = phys_frame_peek(&mem, cases[i].pfn);
			zero = info && info->kind == FRAME_FREE &&
			       info->refcount == 0; break;
		case 1: zero = phys_read(&mem, paddr + 8, &word, 8, NULL) == 0 &&
			       word == 0; break;
		case 2: zero = phys_read32(&mem, paddr) == 0; break;
		case 3: zero = phys_copy_frame(&mem, pfn, cases[i].pfn, NULL) == 0 &&
			       phys_read32(&mem, pfn << 12) == 0; break;
		default:
			for (uint64_t f = 0; f < mem.frame_count; f++)
				if ((info = phys_frame_peek(&mem, f))->kind !=
				    (f == pfn ? FRAME_ANON : FRAME_FREE))
					zero = false;
			zero = zero && phys_frame_peek(&mem, mem.frame_count) == NULL;
		}
		tap_ok(zero && phys_host_bytes(&mem) == before,
		       "%s of an untouched frame: free, zeros, no host bytes "
		       "(%llu more)", cases[i].reader,
		       (unsigned long long)(phys_host_bytes(&mem) - before));
		phys_release(&mem);
	}
}

static void test_kernel_space(void)
{
	struct phys_mem mem;
	struct kernel_space ks;
	struct mmu mmu;
	struct mmu_translation t;
	struct mmu_fault f;
	uint32_t pgd;

	phys_init(&mem, 16u << 20, NULL);
	tap_ok(kernel_space_init(&ks, &mem, NULL) == 0, "the kernel half of 16 MiB");
	tap_ok(kernel_space_new_pgd(&ks, &pgd, NULL) == 0, "pgd_alloc()");
	mmu_init(&mmu, &mem);
	mmu_write_cr3(&mmu, pgd);
	tap_ok(mmu_translate(&mmu, 0xc0100000, MMU_READ, MMU_USER, &t, &f) == 1 &&
	       f.error_code == (PF_PROT | PF_USER) && f.level == MMU_LEVEL_PDE &&
	       f.check == MMU_CHECK_U, "a user read of the kernel fails on the PDE's U");
	tap_ok(mmu_translate(&mmu, 0xc0100000, MMU_READ, MMU_SUPERVISOR, &t, &f) == 0 &&
	       t.physical == 0x100000, "the kernel reads its direct map");
	tap_ok(mmu_translate(&mmu, KERNEL_TEXT_START, MMU_WRITE, MMU_SUPERVISOR, &t, &f) == 1 &&
	       f.error_code == (PF_PROT | PF_WRITE) && f.check == MMU_CHECK_W,
	       "a kernel write to its read-only text faults (CR0.WP)");
	tap_ok(mmu_translate(&mmu, 0xc0800000, MMU_WRITE, MMU_SUPERVISOR, &t, &f) == 0 &&
	       t.large && t.physical == 0x800000, "above 4 MiB the direct map is PSE");
	tap_ok(mmu_translate(&mmu, ks.high_memory, MMU_READ, MMU_SUPERVISOR, &t, &f) == 1 &&
	       f.error_code == 0, "above high_memory nothing is mapped");
	tap_ok(phys_read32(&mem, pgd + 4 * 0x300) == phys_read32(&mem, ks.pgd + 4 * 0x300),
	       "the new directory shares the kernel's PDEs");
	phys_release(&mem);
}

/* The dump of a small machine, checked line by line against
 * dump_pagetables.c's format. */
static void test_dump(void)
{
	static const char expected[] =
		"---[ User Space ]---\n"
		"0x00000000-0x08000000         128M                               pmd\n"
		"0x08000000-0x08048000         288K                               pte\n"
		"0x08048000-0x08049000           4K USR ro                     x  pte\n"
		"0x08049000-0x08400000        3804K                               pte\n"
		"0x08400000-0xc0000000        2940M                               pmd\n"
		"---[ Kernel Mapping ]---\n"
		"0xc0000000-0xc0001000           4K     RW                 GLB x  pte\n"
		"0xc0001000-0xc0009000          32K     ro                 GLB x  pte\n"
		"0xc0009000-0xc0400000        4060K     RW                 GLB x  pte\n"
		"0xc0400000-0xc0800000           4M     RW         PSE     GLB x  pmd\n"
		"0xc0800000-0xc1000000           8M                               pmd\n"
		"---[ vmalloc() Area ]---\n"
		/* The final note_page() is at address 0: 32-bit wrap. */
		"0xc1000000-0x00000000        1008M                               pmd\n";
	struct phys_mem mem;
	struct kernel_space ks;
	char *text = NULL;
	size_t length = 0;
	uint32_t pgd, table;
	uint64_t pfn;
	FILE *out;

	phys_init(&mem, 8u << 20, NULL);
	kernel_space_init(&ks, &mem, NULL);
	kernel_space_new_pgd(&ks, &pgd, NULL);
	phys_alloc(&mem, FRAME_PAGE_TABLE, &pfn, NULL);
	table = (uint32_t)pfn << 12;
	phys_write32(&mem, pgd + 4 * 32, pte_make(pfn, PTE_P | PTE_RW | PTE_US));
	phys_write32(&mem, table + 4 * 72, pte_make(0x30, PTE_P | PTE_US));
	out = open_memstream(&text, &length);
	pt_dump_write(out, &mem, pgd, ks.vmalloc_start);
	fclose(out);
	tap_eq_str(text, expected, "the page-table dump");
	if (strcmp(text, expected) != 0)
		printf("%s", text);
	free(text);
	phys_release(&mem);
}

static void test_entries_view(void)
{
	static const char expected[] =
		"08048123: pde[32] at 00010080 = 00011027 (P RW US A)\n"
		"          pte[72] at 00011120 = 00012065 (P US A D)\n"
		"          frame 00012\n"
		"c0000000: pde[768] at 00010c00 = 00800183 (P RW PS G)\n"
		"          4 MiB page: frame 00800\n";
	struct machine m;
	char *text = NULL;
	size_t length = 0;
	FILE *out;

	machine_init(&m, 16u << 20);
	set_entries(&m, pte_make(PT >> 12, PTE_P | PTE_RW | PTE_US | PTE_A),
		    pte_make(FRAME, PTE_P | PTE_US | PTE_A | PTE_D));
	phys_write32(&m.mem, PD + 4 * 768, pde_make_large(0x800000, PTE_P | PTE_RW | PTE_G));
	out = open_memstream(&text, &length);
	pt_dump_entries(out, &m.mem, PD, ADDR);
	pt_dump_entries(out, &m.mem, PD, 0xc0000000);
	fclose(out);
	tap_eq_str(text, expected, "the raw PDE/PTE view");
	free(text);
	phys_release(&m.mem);
}

int main(void)
{
	test_entries_view();
	test_all_combinations();
	test_known_rows();
	test_accessed_dirty();
	test_large_pages();
	test_straddling();
	test_tlb();
	test_phys_mem();
	test_readers_make_nothing();
	test_kernel_space();
	test_dump();
	return tap_done();
}
