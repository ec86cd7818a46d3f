/* vdso_test.c - the vDSO's pages (vdso.h): the vvar page's vdso_data
 * fields as update_vsyscall() writes them, and the faults on the [vdso]
 * and [vvar] VMAs of a program exec'd on the i386 target: vdso_fault()
 * maps the image's pages, vvar_fault() the vvar page, the other vvar
 * pages are SIGBUS, a write is SIGSEGV; fork copies the vvar PTE and not
 * the vDSO's.  (The real kernel's list for a vDSO call is in
 * testdata/expected/run/rp-vsyscall.faults.) */
#include <config.h>

#include "vdso.h"
#include "world.h"

static uint64_t get(const uint8_t *p, unsigned size)
{
	uint64_t v = 0;

	for (unsigned i = size; i-- > 0;)
		v = v << 8 | p[i];
	return v;
}

/* vdso_fill_vvar(): each field at its offset, in both vdso_data. */
static void test_vvar(void)
{
	static const struct vdso_clock clock = { 1700000000, 500000000, 42,
						 7 };
	static const struct { const char *what; unsigned offset, size;
			      uint64_t want; } fields[] = {
		{ "seq: even", 0, 4, 2 },
		{ "clock_mode: TSC", 4, 4, VDSO_CLOCKMODE_TSC },
		{ "cycle_last", 8, 8, 0 },
		{ "mask", 16, 8, UINT64_MAX },
		{ "mult: a TSC read adds nothing", 24, 4, 0 },
		{ "CLOCK_REALTIME sec", 32, 8, 1700000000 },
		{ "CLOCK_REALTIME nsec", 40, 8, 500000000 },
		{ "CLOCK_MONOTONIC sec", 48, 8, 42 },
		{ "CLOCK_MONOTONIC nsec", 56, 8, 7 },
		{ "CLOCK_REALTIME_COARSE sec", 32 + 5 * 16, 8, 1700000000 },
		{ "CLOCK_MONOTONIC_COARSE sec", 32 + 6 * 16, 8, 42 },
		{ "CLOCK_BOOTTIME sec", 32 + 7 * 16, 8, 42 },
		{ "CLOCK_TAI sec", 32 + 11 * 16, 8, 1700000000 },
		{ "hrtimer_res", 232, 4, 1 },
	};
	uint8_t page[PAGE_SIZE];

	vdso_fill_vvar(page, &clock);
	for (unsigned d = 0; d < 2; d++)
		for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
			tap_eq_u64(get(page + VDSO_DATA_OFFSET + 240 * d +
				       fields[i].offset, fields[i].size),
				   fields[i].want, "vdso_data[%u] %s", d,
				   fields[i].what);
	tap_eq_u64(get(page, 8), 0, "nothing before _vdso_data");
}

static void test_faults(void)
{
	static struct vdso_image image;
	struct world w;
	struct fault_result r;
	struct process *child;
	uint32_t vdso, vvar;
	uint8_t byte = 0;
	static const struct { const char *what; int vvar_page, vdso_page;
			      enum mmu_access_type type; int kind; } cases[] = {
		{ "the vDSO's first page", -1, 0, MMU_FETCH, FAULT_SPECIAL },
		{ "its second page", -1, 1, MMU_READ, FAULT_SPECIAL },
		{ "a write to it", -1, 0, MMU_WRITE, FAULT_SIGSEGV },
		{ "the vvar page", 0, -1, MMU_READ, FAULT_SPECIAL },
		{ "the pvclock page", 1, -1, MMU_READ, FAULT_SIGBUS },
		{ "the timens page", 3, -1, MMU_READ, FAULT_SIGBUS },
	};

	for (unsigned i = 0; i < sizeof image.bytes; i++)
		image.bytes[i] = (uint8_t)(i / PAGE_SIZE + 0xa0);
	world_start(&w, "seed/a.out");
	vdso = (uint32_t)w.p->mm.vdso_base;
	vvar = vdso - 4 * PAGE_SIZE;
	tap_ok(vdso_install(&w.m, &image, &(struct vdso_clock){ 0, 0, 0, 0 },
			    NULL) == 0, "vdso_install()");
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		uint32_t addr = cases[i].vdso_page >= 0
				? vdso + cases[i].vdso_page * PAGE_SIZE
				: vvar + cases[i].vvar_page * PAGE_SIZE;

		tap_eq_u64(access_page(&w.m, w.p, addr, cases[i].type, 65536,
				       &r), cases[i].kind, "%s", cases[i].what);
	}
	tap_eq_u64(pte_pfn(process_get_pte(&w.m, w.p, vdso + PAGE_SIZE)),
		   w.m.vdso_pfn[1], "the image's own frame, shared");
	tap_ok(!(process_get_pte(&w.m, w.p, vdso) & PTE_RW), "read-only");
	phys_read(&w.m.mem, w.m.vdso_pfn[1] << PAGE_SHIFT, &byte, 1, NULL);
	tap_eq_u64(byte, 0xa1, "holding the image's second page");
	tap_ok(!process_get_pte(&w.m, w.p, vdso - PAGE_SIZE) ||
	       !pte_present(process_get_pte(&w.m, w.p, vdso - PAGE_SIZE)),
	       "no fault-around");
	child = process_fork(&w.m, w.p, NULL);
	tap_ok(child != NULL && pte_present(process_get_pte(&w.m, child,
							      vvar)),
	       "fork copies the vvar PTE (VM_PFNMAP)");
	tap_ok(child != NULL && !pte_present(process_get_pte(&w.m, child,
							       vdso)),
	       "and not the vDSO's (no anon_vma)");
	world_stop(&w);
}

int main(void)
{
	test_vvar();
	test_faults();
	return tap_done();
}
