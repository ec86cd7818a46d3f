/* reclaim_test.c - swap entries and slots, the OOM killer, and the whole
 * reclaim path under every policy: random programs on a machine too small
 * for them, the bytes checked after every access and the books (map
 * counts, swap counts, the swap cache, the lists) checked after every
 * step. */
#include <config.h>

#include "lru.h"
#include "mm_syscalls.h"
#include "swap.h"
#include "world.h"

#define REGION 0x40000000u
#define PAGES 24u

/* ---- swap entries and slots -------------------------------------------- */

static void test_swap_pte(void)
{
	static const struct {
		uint32_t offset;
		pte_t pte;
	} cases[] = {
		{ 1, 0x00000200 }, { 5, 0x00000a00 }, { 0x7fffff, 0xfffffe00 },
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		pte_t pte = swap_pte(cases[i].offset);

		tap_eq_u64(pte, cases[i].pte, "slot %#x: PTE (pgtable-2level.h)",
			   cases[i].offset);
		tap_ok(pte_is_swap(pte) && !pte_present(pte) &&
		       !pte_maps_frame(pte) && swap_pte_type(pte) == 0 &&
		       swap_pte_offset(pte) == cases[i].offset,
		       "slot %#x: a swap entry, type 0, not present, not "
		       "PROT_NONE", cases[i].offset);
	}
	tap_ok(!pte_is_swap(0) && !pte_is_swap(0x1025) &&
	       !pte_is_swap(0x1100), "none, present, PROT_NONE: no swap entry");
}

static void test_swap_slots(void)
{
	struct swap_area a;
	uint32_t got[4];

	tap_ok(swap_init(&a, 4096, NULL) != 0, "a swap area of the header "
	       "page alone is refused");
	swap_init(&a, 5 * 4096, NULL);
	tap_eq_u64(a.slots, 4, "20 KiB: the header and 4 slots");
	for (int i = 0; i < 4; i++)
		got[i] = swap_alloc(&a, 100 + i);
	tap_ok(got[0] == 1 && got[1] == 2 && got[2] == 3 && got[3] == 4,
	       "slots are handed out from 1 up");
	tap_eq_u64(swap_alloc(&a, 200), 0, "a full area has none");
	swap_dup(&a, 2);
	swap_cache_set(&a, 2, 0);
	tap_eq_u64(swap_free_slots(&a), 0, "a slot a PTE holds stays taken");
	tap_eq_u64(swap_put(&a, 2), 0, "the last swap PTE gone...");
	tap_eq_u64(swap_free_slots(&a), 1, "...the slot is free");
	swap_cache_set(&a, 4, 0);
	tap_eq_u64(swap_alloc(&a, 300), 2, "next-fit wraps to the lowest "
		   "free slot (cluster_next past the end)");
	swap_release(&a);
}

/* ---- the books ----------------------------------------------------------- */

struct books {
	unsigned mappings[1024];	/* PTEs per frame */
	unsigned swap_ptes[64];		/* swap PTEs per slot */
};

static void count_tables(struct machine *m, struct books *b)
{
	for (unsigned i = 0; i < m->process_count; i++) {
		const struct process *p = m->processes[i];

		if (!p->alive)
			continue;
		for (unsigned d = 0; d < pde_index(PAGE_OFFSET); d++) {
			pte_t pde = phys_read32(&m->mem, p->pgd + 4 * d);

			for (unsigned t = 0; pte_present(pde) && t < 1024; t++) {
				pte_t pte = phys_read32(&m->mem, (pde & PTE_FRAME_MASK)
							+ 4 * t);

				if (pte_is_swap(pte) && swap_pte_offset(pte) < 64)
					b->swap_ptes[swap_pte_offset(pte)]++;
				else if (pte_maps_frame(pte) && pte_pfn(pte) < 1024)
					b->mappings[pte_pfn(pte)]++;
			}
		}
	}
}

/* Every frame's map count is its PTEs, its references its PTEs and its
 * caches; every slot's count is its swap PTEs; the swap cache and the
 * frames agree; the lists hold exactly the user pages. */
/* P's counters (mm->rss) against a walk of its page tables. */
static bool rss_balances(struct machine *m, const struct process *p,
			 char *why, size_t size)
{
	struct mm_rss walk = { 0 };

	for (unsigned i = 0; p->pgd != 0 && i < pde_index(PAGE_OFFSET); i++) {
		pte_t pde = phys_read32(&m->mem, p->pgd + 4 * i);

		if (!pte_present(pde))
			continue;
		walk.pgtables++;
		for (unsigned j = 0; j < PTRS_PER_TABLE; j++) {
			pte_t pte = phys_read32(&m->mem, (pde & PTE_FRAME_MASK) +
						4 * j);
			enum frame_kind kind = pte_maps_frame(pte)
				? phys_frame(&m->mem, pte_pfn(pte))->kind : FRAME_FREE;

			walk.swapents += pte_is_swap(pte);
			walk.anon += kind == FRAME_ANON;
			walk.file += kind == FRAME_PAGE_CACHE;
		}
	}
	if (memcmp(&walk, &p->mm.rss, sizeof walk) == 0)
		return true;
	snprintf(why, size, "pid %d: rss anon %llu file %llu swap %llu "
		 "tables %llu, walked %llu %llu %llu %llu", p->pid,
		 (unsigned long long)p->mm.rss.anon,
		 (unsigned long long)p->mm.rss.file,
		 (unsigned long long)p->mm.rss.swapents,
		 (unsigned long long)p->mm.rss.pgtables,
		 (unsigned long long)walk.anon, (unsigned long long)walk.file,
		 (unsigned long long)walk.swapents,
		 (unsigned long long)walk.pgtables);
	return false;
}

static bool books_balance(struct machine *m, char *why, size_t size)
{
	static struct books b;

	memset(&b, 0, sizeof b);
	count_tables(m, &b);
	for (unsigned i = 0; i < m->process_count; i++)
		if (m->processes[i]->alive &&
		    !rss_balances(m, m->processes[i], why, size))
			return false;
	for (uint32_t pfn = 0; pfn < m->mem.frame_count; pfn++) {
		const struct frame_info *f = phys_frame(&m->mem, pfn);
		bool user = f->kind == FRAME_ANON || f->kind == FRAME_PAGE_CACHE;
		unsigned held = f->mapcount + (f->kind == FRAME_PAGE_CACHE) +
				(f->swap_slot != 0);

		if (user && (f->mapcount != b.mappings[pfn] ||
			     f->refcount != held)) {
			snprintf(why, size, "frame %#x: map %u (PTEs %u), ref %u",
				 pfn, f->mapcount, b.mappings[pfn], f->refcount);
			return false;
		}
		if (user != replacement_holds(&m->lru, pfn)) {
			snprintf(why, size, "frame %#x: kind %d, listed %d", pfn,
				 f->kind, replacement_holds(&m->lru, pfn));
			return false;
		}
		if (f->swap_slot != 0 &&
		    swap_cache_lookup(&m->swap, f->swap_slot) != pfn) {
			snprintf(why, size, "frame %#x: slot %u not cached there",
				 pfn, f->swap_slot);
			return false;
		}
	}
	for (uint32_t s = 1; s <= m->swap.slots && s < 64; s++)
		if (swap_count(&m->swap, s) != b.swap_ptes[s]) {
			snprintf(why, size, "slot %u: count %u, swap PTEs %u", s,
				 swap_count(&m->swap, s), b.swap_ptes[s]);
			return false;
		}
	return true;
}

/* ---- random programs ----------------------------------------------------- */

struct program {
	struct world w;
	struct process *procs[4];
	uint8_t values[4][PAGES];	/* what each process last wrote */
	unsigned count;
	uint32_t seed;
};

static uint32_t next_random(struct program *g)
{
	g->seed = g->seed * 1103515245u + 12345u;
	return g->seed >> 16;
}

/* One byte at page PAGE_SIZE of process I, through the MMU and the fault
 * handler.  Returns whether it completed with the right value. */
static bool touch_page(struct program *g, unsigned i, unsigned page,
		       bool write)
{
	struct machine *m = &g->w.m;
	struct process *p = g->procs[i];
	uint8_t byte = (uint8_t)(next_random(g) | 1);
	struct mmu_fault hw;
	struct fault_result r;

	process_switch(m, p);
	for (int attempt = 0; attempt < 4; attempt++) {
		int rc = mmu_access(&m->mmu, REGION + page * 4096, 1,
				    write ? MMU_WRITE : MMU_READ, MMU_USER,
				    &byte, &hw, NULL);

		if (rc == 0) {
			if (write) {
				g->values[i][page] = byte;
				return true;
			}
			return byte == g->values[i][page];
		}
		if (fault_handle(m, p, &hw, 65536, &r, NULL) != 0 ||
		    r.kind == FAULT_SIGSEGV || r.kind == FAULT_SIGBUS)
			return false;
	}
	return false;
}

static void fork_one(struct program *g)
{
	unsigned parent = next_random(g) % g->count;
	struct process *child;

	if (g->count == 4)
		return;
	child = process_fork(&g->w.m, g->procs[parent], NULL);
	if (child == NULL)
		return;
	g->procs[g->count] = child;
	memcpy(g->values[g->count], g->values[parent], PAGES);
	g->count++;
}

static void exit_one(struct program *g)
{
	unsigned i = 1 + next_random(g) % (g->count - 1);

	process_exit(&g->w.m, g->procs[i]);
	g->procs[i] = g->procs[g->count - 1];
	memcpy(g->values[i], g->values[g->count - 1], PAGES);
	g->count--;
}

/* A machine of 48 frames (the kernel's 20, the rest for 24 pages of
 * each of up to four processes, their tables, exec's pages) with a swap
 * area big enough for all. */
static void start(struct program *g, enum replacement_policy policy,
		  struct future *recording, struct future *future)
{
	const char *argv[] = { "seed/a.out" };
	struct exec_args args = { .filename = "seed/a.out", .argv = argv,
				  .argc = 1 };
	struct mm_result res;

	memset(g, 0, sizeof *g);
	g->seed = 7;
	g->w.image = elf_image_open(testdata_path("seed/a.out"), NULL);
	machine_init(&g->w.m, recording ? 16u << 20 : 48 * 4096,
		     exec_target_by_name("i386"), NULL);
	lru_set_policy(&g->w.m, policy);
	reclaim_set_swap(&g->w.m, 128 * 4096, NULL);
	lru_record_references(&g->w.m, recording);
	lru_use_future(&g->w.m, future);
	g->w.p = process_exec(&g->w.m, g->w.image, &args, NULL);
	mm_mmap(&g->w.m, g->w.p, REGION, PAGES * 4096, MM_PROT_READ |
		MM_PROT_WRITE, MM_MAP_PRIVATE | MM_MAP_ANONYMOUS | MM_MAP_FIXED,
		NULL, false, 0, 0, &res, NULL);
	g->procs[0] = g->w.p;
	g->count = 1;
}

/* 3000 steps: touches (a third writes), a fork or an exit now and then.
 * Returns the steps that went wrong (0), WHY saying what first did. */
static unsigned run_program(struct program *g, char *why, size_t size)
{
	unsigned wrong = 0;

	for (unsigned step = 0; step < 3000; step++) {
		uint32_t r = next_random(g);
		unsigned i = r % g->count, page = (r >> 4) % PAGES;

		char broken[120];

		if (r % 97 == 0)
			fork_one(g);
		else if (r % 89 == 0 && g->count > 1)
			exit_one(g);
		else if (!touch_page(g, i, page, (r >> 9) % 3 == 0)) {
			if (wrong++ == 0)
				snprintf(why, size, "step %u: pid %d page %u: "
					 "wrong value or no progress", step,
					 g->procs[i]->pid, page);
			continue;
		}
		if (!books_balance(&g->w.m, broken, sizeof broken) &&
		    wrong++ == 0)
			snprintf(why, size, "step %u: %s", step, broken);
	}
	return wrong;
}

static void test_random_programs(void)
{
	for (unsigned policy = 0; policy < POLICY_COUNT; policy++) {
		struct program g;
		struct future f;
		struct vmstat v;
		char why[160] = "";
		unsigned wrong;

		future_init(&f);
		if (policy == POLICY_OPT) {	/* the first pass */
			start(&g, POLICY_LRU, &f, NULL);
			run_program(&g, why, sizeof why);
			world_stop(&g.w);
			future_seal(&f, NULL);
		}
		start(&g, (enum replacement_policy)policy, NULL,
		      policy == POLICY_OPT ? &f : NULL);
		wrong = run_program(&g, why, sizeof why);
		reclaim_vmstat(&g.w.m, &v);
		if (!tap_ok(wrong == 0, "%s: 3000 random steps, every byte "
			    "read back, the books balanced",
			    replacement_policy_name(policy)))
			printf("#   %u wrong; first: %s\n", wrong, why);
		tap_ok(v.pswpout > 100 && v.pswpin > 100 && v.oom_kill == 0,
		       "%s: it swapped (%llu out, %llu in), no OOM kill",
		       replacement_policy_name(policy),
		       (unsigned long long)v.pswpout,
		       (unsigned long long)v.pswpin);
		if (policy == POLICY_OPT)
			tap_eq_u64(f.strays, 0, "opt: the run followed the "
				   "recorded string");
		world_stop(&g.w);
		future_release(&f);
	}
}

/* Write pages of P's region below LAST until the OOM killer chooses
 * someone; returns the last fault_handle() status (ERR's kind in *KIND). */
static int fill_until_oom(struct program *g, struct process *p,
			  unsigned last, int *kind)
{
	struct ef_error err = { 0 };
	uint8_t byte = 1;

	for (unsigned page = 0; page < last; page++) {
		struct mmu_fault hw;
		struct fault_result r;

		if (mmu_access(&g->w.m.mmu, REGION + page * 4096, 1, MMU_WRITE,
			       MMU_USER, &byte, &hw, NULL) == 0)
			continue;
		if (fault_handle(&g->w.m, p, &hw, 4096, &r, &err) != 0) {
			*kind = err.kind;
			return -1;
		}
		if (g->w.m.stat.oom_kill != 0)
			return 0;
	}
	return 0;
}

/* No swap: the OOM killer.  B (forked, bigger) is killed on the spot
 * when A's fault needs a frame; when a fault on B itself needs one while
 * A runs, B is chosen but not torn down under the fault: the fault fails
 * with PHYS_ERR_OOM_KILLED for the caller to end B. */
static void test_oom(void)
{
	struct program g;
	struct process *a, *b;
	char why[120] = "";
	int kind = 0;

	start(&g, POLICY_LRU2Q, NULL, NULL);
	reclaim_set_swap(&g.w.m, 0, NULL);
	a = g.procs[0];
	b = process_fork(&g.w.m, a, NULL);
	process_switch(&g.w.m, b);
	fill_until_oom(&g, b, 12, &kind);
	process_switch(&g.w.m, a);
	tap_ok(g.w.m.stat.oom_kill == 0 &&
	       fill_until_oom(&g, a, PAGES, &kind) == 0
	       && g.w.m.stat.oom_kill == 1 && !b->alive && b->oom_killed &&
	       a->alive, "the bigger process dies for the running one's fault");
	tap_ok(books_balance(&g.w.m, why, sizeof why), "the books balance "
	       "after the kill %s", why);
	world_stop(&g.w);

	start(&g, POLICY_LRU2Q, NULL, NULL);
	reclaim_set_swap(&g.w.m, 0, NULL);
	a = g.procs[0];
	b = process_fork(&g.w.m, a, NULL);
	process_switch(&g.w.m, a);	/* B's faults happen while A runs */
	tap_ok(fill_until_oom(&g, b, PAGES, &kind) == -1 &&
	       kind == PHYS_ERR_OOM_KILLED && b->oom_killed && b->alive,
	       "a fault on a process that is not running: it is chosen, "
	       "not torn down under the fault");
	tap_ok(books_balance(&g.w.m, why, sizeof why), "the books balance "
	       "before the caller ends it %s", why);
	process_exit(&g.w.m, b);
	tap_ok(books_balance(&g.w.m, why, sizeof why), "and after %s", why);
	world_stop(&g.w);
}

int main(void)
{
	test_swap_pte();
	test_swap_slots();
	test_random_programs();
	test_oom();
	return tap_done();
}
