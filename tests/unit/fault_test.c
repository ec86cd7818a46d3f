/* fault_test.c - the user-mode fault handler, case by case, on the seed
 * program: the access goes through the MMU; a fault goes to
 * fault_handle(); a resolved fault is retried, as the CPU restarts the
 * instruction. */
#include <config.h>

#include "elf_image.h"
#include "exec_target.h"
#include "fault.h"
#include "kernel_text.h"
#include "process.h"
#include "tap.h"
#include "world.h"


/* Access ADDR; returns the kind of the fault it took (NO_FAULT if none),
 * after retrying a resolved one. */
static int touch(struct world *w, uint32_t addr, enum mmu_access_type type,
		 struct fault_result *r)
{
	return access_page(&w->m, w->p, addr, type, 65536, r);
}

static bool frame_kind_of(struct world *w, uint64_t pfn)
{
	return phys_frame(&w->m.mem, pfn)->kind == FRAME_ANON;
}

static void test_seed(void)
{
	struct world w;
	struct fault_result r;
	struct vma mapping;

	world_start(&w, "seed/a.out");
	tap_eq_u64(touch(&w, 0x08048094, MMU_FETCH, &r), FAULT_FILE_READ,
		   "first fetch of the text: a file read fault");
	tap_ok(!r.major && w.p->minflt == 2 && w.p->majflt == 0,
	       "minor: exec read file page 0 into the page cache (the second "
	       "minor fault: padzero's was the first)");
	tap_eq_u64(touch(&w, 0x08048108, MMU_READ, &r), NO_FAULT,
		   ".rodata is on the same page: no fault");
	tap_eq_u64(touch(&w, 0x080497c8, MMU_WRITE, &r), NO_FAULT,
		   "counter++: the padzero page is present and writable");
	tap_eq_u64(touch(&w, 0x0804a000, MMU_WRITE, &r), FAULT_ANON_NEW,
		   "the second .bss page: an anonymous write, a new page");
	tap_eq_u64(touch(&w, 0x0804a7ff, MMU_READ, &r), NO_FAULT, "the rest of it");
	tap_eq_u64(touch(&w, 0x08048100, MMU_WRITE, &r), FAULT_SIGSEGV,
		   "a write to the text: SIGSEGV");
	tap_eq_u64(r.si_code, FAULT_SEGV_ACCERR, "SEGV_ACCERR: the VMA forbids it");
	tap_eq_u64(touch(&w, 0x10000000, MMU_READ, &r), FAULT_SIGSEGV,
		   "an address no VMA holds: SIGSEGV");
	tap_eq_u64(r.si_code, FAULT_SEGV_MAPERR, "SEGV_MAPERR");
	tap_eq_u64(touch(&w, 0xc0001000, MMU_READ, &r), FAULT_SIGSEGV,
		   "the kernel's half: SIGSEGV");
	tap_eq_u64(r.si_code, FAULT_SEGV_MAPERR,
		   "SEGV_MAPERR, as the live kernel reports (not ACCERR)");
	tap_eq_u64(touch(&w, 0xbffd0000, MMU_WRITE, &r), FAULT_ANON_NEW,
		   "below the stack: it grows");
	tap_ok(r.stack_grown && r.vma.start == 0xbffd0000, "the stack VMA now starts there");
	tap_eq_u64(touch(&w, 0xbf700000, MMU_WRITE, &r), FAULT_SIGSEGV,
		   "9 MiB below the top: beyond the 8 MiB rlimit");
	tap_eq_u64(w.p->minflt, 4, "four minor faults counted (padzero's "
		   "among them); signals not");

	/* A private, writable file mapping not yet touched (as mmap makes). */
	mapping = (struct vma){ .start = 0x20000000, .end = 0x20001000,
		.flags = VMA_READ | VMA_WRITE, .kind = VMA_KIND_FILE,
		.file = &w.p->mm.program, .pgoff = 0 };
	vma_set_map(&w.p->mm.vmas, &mapping, NULL);
	tap_eq_u64(touch(&w, 0x20000010, MMU_WRITE, &r), FAULT_FILE_COW,
		   "a private file write: a copy of the cached page");
	tap_ok(frame_kind_of(&w, r.new_pfn), "the copy is anonymous");
	world_stop(&w);
}

/* The zero page and what a write to it does; a page made read-only and
 * written again (mapped once: reused); a stale TLB entry. */
static void test_anon(void)
{
	struct world w;
	struct fault_result r;
	pte_t pte;

	world_start(&w, "seed/a.out");
	tap_eq_u64(touch(&w, 0x0804a400, MMU_READ, &r), FAULT_ANON_ZERO,
		   "an anonymous read: the zero page");
	tap_ok(r.new_pfn == w.m.zero_pfn &&
	       !(process_get_pte(&w.m, w.p, 0x0804a000) & PTE_RW),
	       "mapped read-only");
	tap_eq_u64(touch(&w, 0x0804a400, MMU_WRITE, &r), FAULT_WP_ZERO,
		   "then a write: a new zeroed page replaces it");
	pte = process_get_pte(&w.m, w.p, 0x0804a000);
	process_set_pte(&w.m, w.p, 0x0804a000, pte & ~PTE_RW, NULL);
	tap_eq_u64(touch(&w, 0x0804a400, MMU_WRITE, &r), FAULT_WP_REUSE,
		   "a write-protected page mapped only here is reused");
	tap_ok(r.new_pfn == pte_pfn(pte), "the same frame");

	/* The kernel widens a PTE without flushing: the TLB still says
	 * read-only, the write faults, and the handler finds nothing to do. */
	process_set_pte(&w.m, w.p, 0x0804a000, pte & ~PTE_RW, NULL);
	touch(&w, 0x0804a400, MMU_READ, &r);	/* the TLB: read-only */
	{
		uint32_t pde = phys_read32(&w.m.mem, w.p->pgd + 4 * pde_index(0x0804a000));

		/* PTE writable again, written straight to memory: no invlpg. */
		phys_write32(&w.m.mem, (pde & PTE_FRAME_MASK) + 4 * pte_index(0x0804a000),
			     pte | PTE_RW);
	}
	tap_eq_u64(touch(&w, 0x0804a400, MMU_WRITE, &r), FAULT_SPURIOUS,
		   "a stale read-only TLB entry: a spurious fault");
	world_stop(&w);
}

/* A segment whose file bytes lie past the end of the file: SIGBUS. */
static void test_sigbus(void)
{
	struct world w;
	struct fault_result r;

	world_start(&w, "exec/ok-past-eof32");
	tap_eq_u64(touch(&w, 0x08050000, MMU_READ, &r), FAULT_SIGBUS,
		   "a file page wholly past the end of the file: SIGBUS");
	world_stop(&w);
}

/* A 4-byte access through the MMU and the fault handler; returns the
 * kind of the last fault taken, NO_FAULT if none. */
static int access32(struct world *w, uint32_t addr, enum mmu_access_type type,
		    uint32_t *value, struct fault_result *r)
{
	uint8_t b[4] = { (uint8_t)*value, (uint8_t)(*value >> 8),
			 (uint8_t)(*value >> 16), (uint8_t)(*value >> 24) };
	struct mmu_fault hw;
	int kind = NO_FAULT;

	while (mmu_access(&w->m.mmu, addr, 4, type, MMU_USER, b, &hw, NULL) == 1) {
		if (fault_handle(&w->m, w->m.current, &hw, 65536, r, NULL) != 0 ||
		    r->kind == FAULT_SIGSEGV)
			return -2;
		kind = (int)r->kind;
	}
	*value = (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 |
		 (uint32_t)b[3] << 24;
	return kind;
}

/* The chapter's Fig. 14.24: after fork the writable private pages are
 * shared read-only; the first write in either process copies; once the
 * other process has gone, the survivor's write reuses its page. */
static void test_fork(void)
{
	struct world w;
	struct fault_result r;
	struct process *parent, *child;
	uint32_t v = 5;
	pte_t pte;

	world_start(&w, "seed/a.out");
	parent = w.p;
	touch(&w, 0x08048094, MMU_FETCH, &r);		/* the text, mapped */
	access32(&w, 0x080497c8, MMU_WRITE, &v, &r);	/* counter = 5 */
	child = process_fork(&w.m, parent, NULL);
	if (!tap_ok(child != NULL && child->pid == 2, "fork: pid 2"))
		return;
	pte = process_get_pte(&w.m, parent, 0x08049000);
	tap_ok(!(pte & PTE_RW) && !(process_get_pte(&w.m, child, 0x08049000) & PTE_RW),
	       "the data page is read-only in both");
	tap_ok(pte_pfn(pte) == pte_pfn(process_get_pte(&w.m, child, 0x08049000)) &&
	       phys_frame(&w.m.mem, pte_pfn(pte))->mapcount == 2 &&
	       phys_frame(&w.m.mem, pte_pfn(pte))->refcount == 2,
	       "one frame, mapped twice, two references");
	tap_ok(pte_present(process_get_pte(&w.m, child, 0xbffff000)),
	       "the stack page is shared too");
	tap_ok(!pte_present(process_get_pte(&w.m, child, 0x08048000)),
	       "the text is not copied: its VMA has no anonymous pages");

	process_switch(&w.m, child);
	w.p = child;
	v = 1;
	tap_eq_u64(access32(&w, 0x080497c8, MMU_WRITE, &v, &r), FAULT_WP_COPY,
		   "the child writes counter: copy-on-write");
	tap_ok(r.new_pfn != pte_pfn(pte), "the child has its own frame now");
	v = 0;
	access32(&w, 0x080497c8, MMU_READ, &v, &r);
	tap_eq_u64(v, 1, "the child reads its 1");
	process_switch(&w.m, parent);
	w.p = parent;
	v = 0;
	access32(&w, 0x080497c8, MMU_READ, &v, &r);
	tap_eq_u64(v, 5, "the parent still reads 5");
	v = 6;
	tap_eq_u64(access32(&w, 0x080497c8, MMU_WRITE, &v, &r), FAULT_WP_REUSE,
		   "the parent, now the only owner, reuses its page");
	tap_eq_u64(r.new_pfn, pte_pfn(pte), "the same frame as before fork");
	process_exit(&w.m, child);
	tap_ok(phys_frame(&w.m.mem, pte_pfn(pte))->mapcount == 1,
	       "after the child's exit the parent's page is mapped once");
	world_stop(&w);
}

/* A kernel access (supervisor mode) from EIP; returns the kind of the
 * last fault (NO_FAULT if none), as touch() does. */
static int kernel_touch(struct world *w, uint32_t addr,
			enum mmu_access_type type, uint32_t eip,
			bool in_interrupt, struct fault_result *r)
{
	uint8_t bytes[4] = { 0 };
	struct mmu_fault hw;
	int kind = NO_FAULT;

	for (int attempt = 0; attempt < 3; attempt++) {
		if (mmu_access(&w->m.mmu, addr, 4, type, MMU_SUPERVISOR, bytes,
			       &hw, NULL) == 0)
			return kind;
		if (fault_handle_kernel(&w->m, w->p, &hw, eip, in_interrupt,
					65536, r, NULL) != 0)
			return -2;
		kind = (int)r->kind;
		if (r->kind == FAULT_FIXUP || r->kind == FAULT_OOPS)
			return kind;
	}
	return -3;
}

static void test_kernel_mode(void)
{
	const uint32_t movsl = KTEXT_COPY_USER_LL + CUL_MOVSL;
	struct world w;
	struct fault_result r;

	world_start(&w, "seed/a.out");
	tap_eq_u64(kernel_touch(&w, 0x0804a800, MMU_WRITE, movsl, false, &r),
		   FAULT_ANON_NEW, "copy_to_user into fresh .bss: anonymous "
		   "write, as for the user");
	tap_eq_u64(w.p->minflt, 2, "and counted in minflt (after padzero's)");
	tap_eq_u64(kernel_touch(&w, 0x10000000, MMU_WRITE, movsl, false, &r),
		   FAULT_FIXUP, "no VMA, from rep movsl: the fixup");
	tap_ok(r.fixup_eip == KTEXT_COPY_USER_LL + CUL_MOVS_FIXUP &&
	       r.bad_area == FAULT_SIGSEGV && r.si_code == FAULT_SEGV_MAPERR,
	       "resumed at label 2; a SEGV_MAPERR area");
	tap_eq_u64(w.p->minflt, 2, "a bad area is not counted");
	tap_eq_u64(kernel_touch(&w, 0x08048094, MMU_WRITE, movsl, false, &r),
		   FAULT_FIXUP, "a write into the text VMA: fixed up too");
	tap_eq_u64(r.si_code, FAULT_SEGV_ACCERR, "the VMA forbids it: ACCERR");
	tap_eq_u64(kernel_touch(&w, 4, MMU_READ, KTEXT_UNNAMED, false, &r),
		   FAULT_OOPS, "NULL + 4 outside the copy routines: an Oops");
	tap_ok(!r.panic && r.oops_number == 1, "the first, no panic");
	tap_eq_u64(kernel_touch(&w, KERNEL_TEXT_START, MMU_WRITE,
				KTEXT_UNNAMED, false, &r),
		   FAULT_OOPS, "a write to the read-only kernel text: an Oops");
	tap_ok(r.oops_number == 2 && w.m.oops_count == 2,
	       "die_counter counts Oopses");
	tap_eq_u64(kernel_touch(&w, 0x0804a000 - 0x1000 + 0x2000, MMU_READ,
				movsl, true, &r),
		   FAULT_FIXUP, "in interrupt context the fixup still applies");
	tap_eq_u64(kernel_touch(&w, 0x08049000, MMU_READ, KTEXT_UNNAMED,
				true, &r), NO_FAULT,
		   "a present page: no fault, even in interrupt context");
	tap_eq_u64(kernel_touch(&w, 0xbfffe000 - 0x10000, MMU_READ,
				KTEXT_UNNAMED, true, &r), FAULT_OOPS,
		   "in interrupt context no user fault is handled: Oops");
	tap_ok(r.panic, "and an Oops in interrupt context panics");
	world_stop(&w);
}

int main(void)
{
	test_seed();
	test_kernel_mode();
	test_fork();
	test_anon();
	test_sigbus();
	return tap_done();
}
