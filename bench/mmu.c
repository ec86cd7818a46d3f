/* bench/mmu.c - translations per second through the emulated MMU, for
 * TLB hits and for full page walks, measured in one run; and the host
 * memory a 4 GiB simulated memory costs with 1000 pages touched.
 * Goals (issue 5): >= 100 M TLB-hit translations/s, >= 20 M walks/s on
 * one core.  usage: bench-mmu [MILLIONS]  (default 50) */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>

#include "kernel_space.h"
#include "mmu.h"
#include "phys_mem.h"

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static long max_rss_kib(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;
}

/* A user mapping of PAGES pages from 0x08000000, one page table per 4 MiB. */
static uint32_t map_pages(struct phys_mem *mem, struct kernel_space *ks,
			  uint32_t pages)
{
	uint32_t pgd, table = 0;
	uint64_t pfn;

	kernel_space_new_pgd(ks, &pgd, NULL);
	for (uint32_t i = 0; i < pages; i++) {
		uint32_t addr = 0x08000000 + i * 4096;

		if (pte_index(addr) == 0) {
			phys_alloc(mem, FRAME_PAGE_TABLE, &pfn, NULL);
			table = (uint32_t)pfn << 12;
			phys_write32(mem, pgd + 4 * pde_index(addr),
				     pte_make(pfn, PTE_P | PTE_RW | PTE_US));
		}
		phys_alloc(mem, FRAME_ANON, &pfn, NULL);
		phys_write32(mem, table + 4 * pte_index(addr),
			     pte_make(pfn, PTE_P | PTE_RW | PTE_US | PTE_A));
	}
	return pgd;
}

int main(int argc, char **argv)
{
	long millions = argc > 1 ? atol(argv[1]) : 50;
	uint64_t n = (uint64_t)millions * 1000000, sink = 0;
	struct phys_mem mem;
	struct kernel_space ks;
	struct mmu mmu;
	struct mmu_translation t;
	struct mmu_fault f;
	double start, hit_rate, walk_rate;
	long rss_before;

	phys_init(&mem, 64u << 20, NULL);
	kernel_space_init(&ks, &mem, NULL);
	mmu_init(&mmu, &mem);
	mmu_write_cr3(&mmu, map_pages(&mem, &ks, 4096));

	/* TLB hits: 8 pages, well inside the TLB. */
	start = now();
	for (uint64_t i = 0; i < n; i++) {
		mmu_translate(&mmu, 0x08000000 + ((i & 7) << 12) + (i & 0xff0),
			      MMU_READ, MMU_USER, &t, &f);
		sink += t.physical;
	}
	hit_rate = n / (now() - start);

	/* Full walks: 4096 pages cycled, so each lookup misses the 64-entry
	 * TLB and walks the tables. */
	mmu.tlb.misses = 0;
	start = now();
	for (uint64_t i = 0; i < n / 4; i++) {
		mmu_translate(&mmu, 0x08000000 + ((i & 4095) << 12), MMU_READ,
			      MMU_USER, &t, &f);
		sink += t.physical;
	}
	walk_rate = (n / 4) / (now() - start);
	printf("TLB-hit translations: %8.1f M/s   (goal 100 M/s: %.2fx)\n",
	       hit_rate / 1e6, hit_rate / 100e6);
	printf("full page walks:      %8.1f M/s   (goal  20 M/s: %.2fx; %.1f%% misses)\n",
	       walk_rate / 1e6, walk_rate / 20e6,
	       100.0 * mmu.tlb.misses / (double)(n / 4));
	phys_release(&mem);

	rss_before = max_rss_kib();
	phys_init(&mem, 4ull << 30, NULL);
	for (unsigned i = 0; i < 1000; i++) {
		uint64_t pfn;

		phys_alloc(&mem, FRAME_ANON, &pfn, NULL);
		phys_write32(&mem, pfn << 12, i);
	}
	printf("4 GiB simulated, 1000 pages touched: %.1f MiB of host memory "
	       "(max RSS grew %.1f MiB)\n", phys_host_bytes(&mem) / 1048576.0,
	       (max_rss_kib() - rss_before) / 1024.0);
	phys_release(&mem);
	return sink == 42;
}
