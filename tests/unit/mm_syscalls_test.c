/* mm_syscalls_test.c - mmap, munmap, mprotect and brk on the seed program:
 * the errno table, where mappings land, how VMAs split and merge, and
 * what happens to the PTEs and frames beneath them. */
#include <config.h>

#include <string.h>

#include <errno.h>

#include "elf_image.h"
#include "exec_target.h"
#include "fault.h"
#include "mm_syscalls.h"
#include "process.h"
#include "tap.h"
#include "world.h"

#define PROT_RW (MM_PROT_READ | MM_PROT_WRITE)
#define ANON_PRIVATE (MM_MAP_ANONYMOUS | MM_MAP_PRIVATE)

/* Access ADDR as the CPU would, retrying resolved faults; returns the
 * kind of the last fault (NO_FAULT if none). */
static int touch(struct world *w, uint32_t addr, enum mmu_access_type type,
		 struct fault_result *r)
{
	return access_page(&w->m, w->p, addr, type, 4096, r);
}

static int64_t map_anon(struct world *w, uint32_t addr, uint32_t length,
			int prot, int extra_flags)
{
	struct mm_result r;

	if (mm_mmap(&w->m, w->p, addr, length, prot, ANON_PRIVATE | extra_flags,
		    NULL, false, 0, 0, &r, NULL) != 0)
		return -1000;
	return r.value;
}

static const struct vma *vma_at(struct world *w, uint64_t addr)
{
	return vma_set_lookup(&w->p->mm.vmas, addr);
}

/* The protection bits of the VMA at ADDR, as maps shows them. */
static unsigned prot_at(struct world *w, uint64_t addr)
{
	return vma_at(w, addr)->flags & (VMA_READ | VMA_WRITE | VMA_EXEC);
}

/* ---- the errno table ---------------------------------------------------- */

static void test_mmap_errors(void)
{
	static const struct {
		uint32_t addr, length;
		int prot, flags;
		bool with_file, file_writable;
		uint64_t offset;
		int error;
		const char *what;
	} cases[] = {
		{ 0, 0, PROT_RW, ANON_PRIVATE, false, false, 0, EINVAL,
		  "a zero length" },
		{ 0, 4096, PROT_RW, MM_MAP_PRIVATE, true, false, 100, EINVAL,
		  "an offset not a multiple of the page" },
		{ 0, 4096, PROT_RW, MM_MAP_ANONYMOUS, false, false, 0, EINVAL,
		  "neither shared nor private" },
		{ 0, 4096, PROT_RW, MM_MAP_ANONYMOUS | MM_MAP_SHARED |
		  MM_MAP_PRIVATE, false, false, 0, EINVAL,
		  "MAP_SHARED_VALIDATE without a file" },
		{ 0, 4096, PROT_RW, MM_MAP_PRIVATE, false, false, 0, EBADF,
		  "no file and not anonymous" },
		{ 0x20000010, 4096, PROT_RW, ANON_PRIVATE | MM_MAP_FIXED, false,
		  false, 0, EINVAL, "MAP_FIXED at an address not page aligned" },
		{ 0xbffff000, 0x2000, PROT_RW, ANON_PRIVATE | MM_MAP_FIXED,
		  false, false, 0, ENOMEM, "MAP_FIXED past TASK_SIZE" },
		{ 0x1000, 4096, PROT_RW, ANON_PRIVATE | MM_MAP_FIXED, false,
		  false, 0, EPERM, "MAP_FIXED below mmap_min_addr" },
		{ 0x08048000, 4096, PROT_RW, ANON_PRIVATE |
		  MM_MAP_FIXED_NOREPLACE, false, false, 0, EEXIST,
		  "MAP_FIXED_NOREPLACE over the text" },
		{ 0, 0xffffffff, PROT_RW, ANON_PRIVATE, false, false, 0, ENOMEM,
		  "a length that rounds past 4 GiB" },
		{ 0, 0xc0000000, MM_PROT_READ, ANON_PRIVATE, false, false, 0,
		  ENOMEM, "3 GiB: no room below mmap_base" },
		{ 0, 4096, PROT_RW, MM_MAP_SHARED, true, false, 0, EACCES,
		  "shared and writable, the file opened read-only" },
		{ 0, 4096, PROT_RW, MM_MAP_SHARED | MM_MAP_PRIVATE, true, false,
		  0, EACCES, "MAP_SHARED_VALIDATE is shared for a file" },
	};
	struct world w;

	world_start(&w, "seed/a.out");
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct mm_result r;
		size_t before = w.p->mm.vmas.count;
		int rc = mm_mmap(&w.m, w.p, cases[i].addr, cases[i].length,
				 cases[i].prot, cases[i].flags,
				 cases[i].with_file ? &w.p->mm.program : NULL,
				 cases[i].file_writable, 0, cases[i].offset, &r,
				 NULL);

		tap_ok(rc == 0 && r.error == cases[i].error &&
		       r.value == -cases[i].error &&
		       w.p->mm.vmas.count == before,
		       "mmap: %s: errno %d (got %d)", cases[i].what,
		       cases[i].error, r.error);
	}
	{
		struct mm_result r;
		size_t before = w.p->mm.vmas.count;

		const struct vma *v;

		tap_ok(mm_mmap(&w.m, w.p, 0, 4096, PROT_RW,
			       MM_MAP_ANONYMOUS | MM_MAP_SHARED, NULL, false, 0, 0,
			       &r, NULL) == 0 && r.error == 0 &&
		       w.p->mm.vmas.count == before + 1,
		       "shared anonymous memory: a mapping");
		v = vma_set_lookup(&w.p->mm.vmas, (uint32_t)r.value);
		tap_ok(v != NULL && v->kind == VMA_KIND_FILE &&
		       (v->flags & VMA_SHARED) && v->file->shmem &&
		       v->file->dev_minor == 1 &&
		       strcmp(v->file->path, "/dev/zero (deleted)") == 0,
		       "of a shmem object: /dev/zero (deleted), device 00:01");
	}
	world_stop(&w);
}

/* ---- placement ------------------------------------------------------------ */

static void test_mmap_placement(void)
{
	struct world w;
	int64_t first, second, at;
	const struct vma *vma;
	struct mm_result r;

	world_start(&w, "seed/a.out");
	first = map_anon(&w, 0, 0x3000, PROT_RW, 0);
	vma = vma_at(&w, (uint64_t)first);
	tap_ok(first > 0 && first % 4096 == 0 &&
	       (uint64_t)first + 0x3000 <= w.m.target->mmap_base,
	       "no hint: top-down below mmap_base (%#llx)",
	       (unsigned long long)first);
	tap_ok(vma && vma->start == (uint64_t)first &&
	       vma->kind == VMA_KIND_ANON &&
	       vma->flags == (VMA_READ | VMA_WRITE),
	       "an anonymous rw-p VMA");
	tap_ok(vma_set_find(&w.p->mm.vmas, (uint64_t)first + 0x3000) == NULL ||
	       vma_set_find(&w.p->mm.vmas, (uint64_t)first + 0x3000)->start ==
	       (uint64_t)first + 0x3000 ||
	       (uint64_t)first + 0x3000 == w.m.target->mmap_base,
	       "packed against the mapping above it");
	second = map_anon(&w, 0, 0x1000, PROT_RW, 0);
	tap_eq_u64((uint64_t)second, (uint64_t)first - 0x1000,
		   "the next one lands just below");
	tap_ok(vma_at(&w, (uint64_t)second)->end == (uint64_t)first + 0x3000,
	       "and merges with it: one VMA (vma_merge)");
	tap_eq_u64((uint64_t)map_anon(&w, 0x30000000, 0x2000, MM_PROT_READ, 0),
		   0x30000000, "a free hint is taken");
	tap_eq_u64((uint64_t)map_anon(&w, 0x30001123, 0x1000, MM_PROT_READ, 0),
		   (uint64_t)second - 0x1000,
		   "an occupied hint is not: top-down again");
	tap_eq_u64((uint64_t)map_anon(&w, 0x40000123, 0x1000, MM_PROT_READ, 0),
		   0x40000000, "a hint is rounded down to its page");
	tap_eq_u64((uint64_t)map_anon(&w, 0x2000, 0x1000, MM_PROT_READ, 0),
		   0x10000, "a hint below mmap_min_addr is raised to it");
	at = map_anon(&w, 0x50000000, 0x1000, PROT_RW, MM_MAP_FIXED_NOREPLACE);
	tap_eq_u64((uint64_t)at, 0x50000000, "MAP_FIXED_NOREPLACE on free space");

	/* A private file mapping: the offset becomes the VMA's pgoff. */
	tap_ok(mm_mmap(&w.m, w.p, 0x60000000, 0x1000, MM_PROT_READ,
		       MM_MAP_PRIVATE, &w.p->mm.program, false, 0, 0x1000, &r,
		       NULL) == 0 && r.value == 0x60000000,
	       "a private file mapping at its hint");
	vma = vma_at(&w, 0x60000000);
	tap_ok(vma && vma->kind == VMA_KIND_FILE && vma->pgoff == 1 &&
	       vma->file == &w.p->mm.program, "file, page offset 1");
	tap_ok(mm_mmap(&w.m, w.p, 0x61000000, 0x1000, MM_PROT_READ,
		       MM_MAP_SHARED, &w.p->mm.program, false, 0, 0, &r,
		       NULL) == 0 && r.value == 0x61000000,
	       "a shared read-only mapping of a read-only file is allowed");
	tap_ok(vma_at(&w, 0x61000000)->flags ==
	       (VMA_READ | VMA_SHARED | VMA_WRITE_DENIED),
	       "r--s, and VM_MAYWRITE clear");
	tap_eq_u64((uint64_t)(mm_mprotect(&w.m, w.p, 0x61000000, 0x1000,
					  PROT_RW, &r, NULL), r.error),
		   EACCES, "mprotect cannot make it writable: EACCES");
	world_stop(&w);
}

/* vma_merge() merges file mappings only of one open file (vm_file): the
 * next pages of a file mapped through the same descriptor extend its
 * VMA; mapped through another open() of the file, they are a VMA of
 * their own, as in the kernel - two struct files. */
static void test_merge_open_file(void)
{
	struct world w;
	struct mm_result r;
	const struct vma *vma;
	const struct mapped_file *file;

	world_start(&w, "seed/a.out");
	file = &w.p->mm.program;
	mm_mmap(&w.m, w.p, 0x60000000, 0x1000, MM_PROT_READ, MM_MAP_PRIVATE,
		file, false, 1, 0, &r, NULL);
	mm_mmap(&w.m, w.p, 0x60001000, 0x1000, MM_PROT_READ, MM_MAP_PRIVATE,
		file, false, 1, 0x1000, &r, NULL);
	vma = vma_at(&w, 0x60000000);
	tap_ok(vma && vma->end == 0x60002000 && vma->file_id == 1,
	       "the same open file, next pages: one VMA");
	mm_mmap(&w.m, w.p, 0x60002000, 0x1000, MM_PROT_READ, MM_MAP_PRIVATE,
		file, false, 2, 0x2000, &r, NULL);
	vma = vma_at(&w, 0x60002000);
	tap_ok(vma && vma->start == 0x60002000 && vma->file_id == 2 &&
	       vma_at(&w, 0x60000000)->end == 0x60002000,
	       "another open of the file: a VMA of its own");
	world_stop(&w);
}

/* MAP_FIXED over the .bss: the old pages go, the new mapping reads 0. */
static void test_mmap_fixed(void)
{
	struct world w;
	struct fault_result f;
	uint64_t pfn;

	world_start(&w, "seed/a.out");
	tap_eq_u64(touch(&w, 0x0804a000, MMU_WRITE, &f), FAULT_ANON_NEW,
		   "the second .bss page, written");
	pfn = f.new_pfn;
	tap_eq_u64((uint64_t)map_anon(&w, 0x0804a000, 0x1000, MM_PROT_READ,
				      MM_MAP_FIXED),
		   0x0804a000, "MAP_FIXED over it");
	tap_ok(!pte_present(process_get_pte(&w.m, w.p, 0x0804a000)),
	       "its PTE is gone");
	tap_eq_u64(phys_frame(&w.m.mem, pfn)->refcount, 0,
		   "and its frame is free");
	tap_ok(vma_at(&w, 0x0804a000)->flags == VMA_READ,
	       "the new VMA: r--p");
	tap_eq_u64(touch(&w, 0x0804a000, MMU_READ, &f), FAULT_ANON_ZERO,
		   "a read maps the zero page");
	tap_eq_u64(touch(&w, 0x0804a000, MMU_WRITE, &f), FAULT_SIGSEGV,
		   "a write is refused");
	world_stop(&w);
}

/* ---- munmap ------------------------------------------------------------------ */

static void test_munmap(void)
{
	struct world w;
	struct fault_result f;
	struct mm_result r;
	uint64_t pfn;
	size_t before;

	world_start(&w, "seed/a.out");
	map_anon(&w, 0x30000000, 0x3000, PROT_RW, MM_MAP_FIXED);
	touch(&w, 0x30001000, MMU_WRITE, &f);
	pfn = f.new_pfn;
	before = w.p->mm.vmas.count;
	tap_ok(mm_munmap(&w.m, w.p, 0x30001000, 0x800, &r, NULL) == 0 &&
	       r.value == 0 && r.error == 0,
	       "munmap of half a page: the page");
	tap_eq_u64(w.p->mm.vmas.count, before + 1, "the VMA split in two");
	tap_ok(vma_at(&w, 0x30000000)->end == 0x30001000 &&
	       vma_at(&w, 0x30002000)->start == 0x30002000,
	       "either side of the hole");
	tap_eq_u64(phys_frame(&w.m.mem, pfn)->refcount, 0, "the frame freed");
	tap_eq_u64(touch(&w, 0x30001000, MMU_READ, &f), FAULT_SIGSEGV,
		   "the hole: SIGSEGV");
	tap_eq_u64(f.si_code, FAULT_SEGV_MAPERR, "SEGV_MAPERR");
	tap_ok(mm_munmap(&w.m, w.p, 0x70000000, 0x1000, &r, NULL) == 0 &&
	       r.error == 0, "munmap of nothing mapped succeeds");
	tap_ok(mm_munmap(&w.m, w.p, 0x30000100, 0x1000, &r, NULL) == 0 &&
	       r.error == EINVAL, "an unaligned address: EINVAL");
	tap_ok(mm_munmap(&w.m, w.p, 0x30000000, 0, &r, NULL) == 0 &&
	       r.error == EINVAL, "a zero length: EINVAL");
	tap_ok(mm_munmap(&w.m, w.p, 0xbffff000, 0x2000, &r, NULL) == 0 &&
	       r.error == EINVAL, "past TASK_SIZE: EINVAL");
	world_stop(&w);
}

/* ---- mprotect ------------------------------------------------------------------ */

static void test_mprotect(void)
{
	struct world w;
	struct fault_result f;
	struct mm_result r;
	pte_t pte;

	world_start(&w, "seed/a.out");
	map_anon(&w, 0x30000000, 0x3000, PROT_RW, MM_MAP_FIXED);
	touch(&w, 0x30001000, MMU_WRITE, &f);
	tap_ok(mm_mprotect(&w.m, w.p, 0x30001000, 0x1000, MM_PROT_READ, &r,
			   NULL) == 0 && r.error == 0,
	       "mprotect(PROT_READ) on the middle page");
	tap_ok(vma_at(&w, 0x30000000)->end == 0x30001000 &&
	       vma_at(&w, 0x30001000)->end == 0x30002000 &&
	       prot_at(&w, 0x30001000) == VMA_READ &&
	       prot_at(&w, 0x30002000) == (VMA_READ | VMA_WRITE),
	       "three VMAs: rw-p r--p rw-p");
	pte = process_get_pte(&w.m, w.p, 0x30001000);
	tap_ok(pte_present(pte) && !(pte & PTE_RW), "the PTE lost its write bit");
	tap_eq_u64(touch(&w, 0x30001000, MMU_WRITE, &f), FAULT_SIGSEGV,
		   "a write now: SIGSEGV");
	tap_eq_u64(f.si_code, FAULT_SEGV_ACCERR, "SEGV_ACCERR");

	tap_ok(mm_mprotect(&w.m, w.p, 0x30001000, 0x1000, MM_PROT_NONE, &r,
			   NULL) == 0 && r.error == 0, "mprotect(PROT_NONE)");
	pte = process_get_pte(&w.m, w.p, 0x30001000);
	tap_ok(!pte_present(pte) && (pte & PTE_G) && pte_maps_frame(pte),
	       "the PTE hidden (present clear, _PAGE_PROTNONE), page kept");
	tap_eq_u64(touch(&w, 0x30001000, MMU_READ, &f), FAULT_SIGSEGV,
		   "even a read faults: SIGSEGV");
	tap_eq_u64(f.si_code, FAULT_SEGV_ACCERR, "SEGV_ACCERR");
	/* copy_present_pte(): fork copies a PROT_NONE PTE (pte_present()
	 * is true for it on x86) and shares its frame. */
	{
		struct process *child = process_fork(&w.m, w.p, NULL);
		pte_t copied = child ? process_get_pte(&w.m, child, 0x30001000)
				     : 0;

		tap_ok(pte_maps_frame(copied) && pte_pfn(copied) == pte_pfn(pte) &&
		       phys_frame(&w.m.mem, pte_pfn(pte))->mapcount == 2,
		       "fork copies the PROT_NONE PTE: the frame mapped twice");
		if (child != NULL)
			process_exit(&w.m, child);
		tap_eq_u64(phys_frame(&w.m.mem, pte_pfn(pte))->mapcount, 1,
			   "the child's exit lets its copy go");
	}

	tap_ok(mm_mprotect(&w.m, w.p, 0x30000000, 0x3000, PROT_RW, &r,
			   NULL) == 0 && r.error == 0,
	       "mprotect(PROT_READ|PROT_WRITE) over all three");
	tap_ok(vma_at(&w, 0x30000000)->start == 0x30000000 &&
	       vma_at(&w, 0x30000000)->end == 0x30003000,
	       "merged back into one VMA");
	pte = process_get_pte(&w.m, w.p, 0x30001000);
	tap_ok(pte_present(pte) && (pte & PTE_RW) && !(pte & PTE_G),
	       "an exclusive anonymous page: writable again at once");
	tap_eq_u64(touch(&w, 0x30001000, MMU_WRITE, &f), NO_FAULT,
		   "so the write does not fault");

	/* A hole: the VMAs before it are changed, then ENOMEM. */
	map_anon(&w, 0x30004000, 0x1000, PROT_RW, MM_MAP_FIXED);
	tap_ok(mm_mprotect(&w.m, w.p, 0x30002000, 0x3000, MM_PROT_READ, &r,
			   NULL) == 0 && r.error == ENOMEM,
	       "a range with a hole: ENOMEM");
	tap_ok(prot_at(&w, 0x30002000) == VMA_READ &&
	       prot_at(&w, 0x30004000) == (VMA_READ | VMA_WRITE),
	       "the part before the hole was changed, the part after not");
	tap_ok(mm_mprotect(&w.m, w.p, 0x30000800, 0x1000, MM_PROT_READ, &r,
			   NULL) == 0 && r.error == EINVAL,
	       "an unaligned address: EINVAL");
	tap_ok(mm_mprotect(&w.m, w.p, 0x30000000, 0x1000, 0x40, &r,
			   NULL) == 0 && r.error == EINVAL,
	       "an unknown PROT_ bit: EINVAL");
	tap_ok(mm_mprotect(&w.m, w.p, 0x70000000, 0, MM_PROT_READ, &r,
			   NULL) == 0 && r.error == 0 && r.value == 0,
	       "a zero length: 0, whatever the address");
	tap_ok(mm_mprotect(&w.m, w.p, 0x70000000, 0x1000, MM_PROT_READ, &r,
			   NULL) == 0 && r.error == ENOMEM,
	       "nothing mapped: ENOMEM");

	/* A forked child shares the page: mprotect cannot hand it write. */
	{
		struct process *child = process_fork(&w.m, w.p, NULL);

		mm_mprotect(&w.m, w.p, 0x30001000, 0x1000, MM_PROT_READ, &r, NULL);
		mm_mprotect(&w.m, w.p, 0x30001000, 0x1000, PROT_RW, &r, NULL);
		tap_ok(child != NULL, "fork");
		tap_eq_u64(touch(&w, 0x30001000, MMU_WRITE, &f), FAULT_WP_COPY,
		       "after fork, write returns through a copy-on-write fault");
	}
	world_stop(&w);
}

/* ---- brk ------------------------------------------------------------------------ */

static void test_brk(void)
{
	struct world w;
	struct fault_result f;
	struct mm_result r;
	uint64_t start_brk, pfn;
	const struct vma *heap;

	world_start(&w, "seed/a.out");
	start_brk = w.p->mm.start_brk;
	tap_ok(mm_brk(&w.m, w.p, 0, &r, NULL) == 0 &&
	       (uint64_t)r.value == start_brk,
	       "brk(0): the current break (%#llx)",
	       (unsigned long long)start_brk);
	tap_ok(mm_brk(&w.m, w.p, (uint32_t)start_brk + 0x1800, &r, NULL) == 0 &&
	       (uint64_t)r.value == start_brk + 0x1800, "grow by 1.5 pages");
	heap = vma_at(&w, start_brk);
	tap_ok(heap && heap->start == start_brk &&
	       heap->end == start_brk + 0x2000 &&
	       (heap->flags & (VMA_READ | VMA_WRITE)) == (VMA_READ | VMA_WRITE),
	       "the heap VMA: two pages, rw");
	tap_ok(vma_at(&w, start_brk - 1) == NULL ||
	       vma_at(&w, start_brk - 1)->end == start_brk,
	       "separate from the .bss below it (brk merges only above "
	       "start_brk)");
	tap_eq_u64(touch(&w, (uint32_t)start_brk + 0x1000, MMU_WRITE, &f),
		   FAULT_ANON_NEW, "a write there: a new anonymous page");
	pfn = f.new_pfn;
	tap_ok(mm_brk(&w.m, w.p, (uint32_t)start_brk + 0x3000, &r, NULL) == 0 &&
	       (uint64_t)r.value == start_brk + 0x3000, "grow again");
	tap_eq_u64(vma_at(&w, start_brk)->end, start_brk + 0x3000,
		   "the same heap VMA, longer");
	tap_ok(mm_brk(&w.m, w.p, (uint32_t)start_brk + 0x1000, &r, NULL) == 0 &&
	       (uint64_t)r.value == start_brk + 0x1000, "shrink");
	tap_eq_u64(vma_at(&w, start_brk)->end, start_brk + 0x1000,
		   "the heap VMA shrank");
	tap_eq_u64(phys_frame(&w.m.mem, pfn)->refcount, 0,
		   "the page above the new break was freed");
	tap_ok(mm_brk(&w.m, w.p, (uint32_t)start_brk - 0x1000, &r, NULL) == 0 &&
	       (uint64_t)r.value == start_brk + 0x1000,
	       "below start_brk: refused, the old break returned");

	/* A mapping above: brk() keeps a page free below it. */
	map_anon(&w, (uint32_t)start_brk + 0x10000, 0x1000, PROT_RW,
		 MM_MAP_FIXED);
	tap_ok(mm_brk(&w.m, w.p, (uint32_t)start_brk + 0xf001, &r, NULL) == 0 &&
	       (uint64_t)r.value == start_brk + 0x1000,
	       "growing to within a page of the next mapping: refused");
	tap_ok(mm_brk(&w.m, w.p, (uint32_t)start_brk + 0xf000, &r, NULL) == 0 &&
	       (uint64_t)r.value == start_brk + 0xf000,
	       "a page short of it: granted");

	/* The heap unmapped: shrinking finds no VMA and leaves the break
	 * (6.1's brk(); testdata/replay/programs/rp-brk-gone). */
	tap_ok(mm_munmap(&w.m, w.p, (uint32_t)start_brk, 0xf000, &r,
			 NULL) == 0 && r.error == 0 &&
	       vma_at(&w, start_brk) == NULL, "munmap of the whole heap");
	tap_ok(mm_brk(&w.m, w.p, (uint32_t)start_brk, &r, NULL) == 0 &&
	       (uint64_t)r.value == start_brk + 0xf000 &&
	       w.p->mm.brk == start_brk + 0xf000,
	       "brk() back to start_brk with no VMA there: the break stays");
	world_stop(&w);
}

/* ---- max_map_count --------------------------------------------------------- */

/* P filled with one-page VMAs from 0x10000000 up, prot alternating so
 * that none merges, to max_map_count. */
static void fill_to_max_map_count(struct world *w)
{
	struct mm_result r;
	uint32_t at = 0x10000000;

	while (w->p->mm.vmas.count < MM_MAX_MAP_COUNT) {
		int prot = (at >> 12) % 2 ? MM_PROT_READ : PROT_RW;

		if (mm_mmap(&w->m, w->p, at, 4096, prot,
			    ANON_PRIVATE | MM_MAP_FIXED, NULL, false, 0, 0, &r,
			    NULL) != 0 || r.error != 0)
			break;
		at += 4096;
	}
}

static void test_max_map_count(void)
{
	struct world w;
	struct mm_result r;
	uint64_t brk;

	world_start(&w, "seed/a.out");
	tap_ok(mm_mmap(&w.m, w.p, 0x0a000000, 3 * 4096, PROT_RW, ANON_PRIVATE |
		       MM_MAP_FIXED, NULL, false, 0, 0, &r, NULL) == 0,
	       "a three-page VMA to cut later");
	fill_to_max_map_count(&w);
	tap_eq_u64(w.p->mm.vmas.count, MM_MAX_MAP_COUNT,
		   "one-page VMAs up to max_map_count");
	tap_ok(mm_mmap(&w.m, w.p, 0, 4096, PROT_RW, ANON_PRIVATE, NULL, false, 0,
		       0, &r, NULL) == 0 && r.error == 0,
	       "do_mmap() checks map_count > max: one more is allowed");
	tap_ok(mm_mmap(&w.m, w.p, 0, 4096, PROT_RW, ANON_PRIVATE, NULL, false, 0,
		       0, &r, NULL) == 0 && r.error == ENOMEM,
	       "and the next is ENOMEM");
	tap_ok(mm_munmap(&w.m, w.p, 0x0a001000, 4096, &r, NULL) == 0 &&
	       r.error == ENOMEM, "munmap() of a hole in a VMA: ENOMEM");
	tap_ok(mm_mprotect(&w.m, w.p, 0x0a001000, 4096, MM_PROT_READ, &r,
			   NULL) == 0 && r.error == ENOMEM,
	       "mprotect() that splits a VMA: ENOMEM");
	tap_ok(mm_mprotect(&w.m, w.p, 0x0a001000, 4096, PROT_RW, &r,
			   NULL) == 0 && r.error == 0,
	       "mprotect() that changes nothing splits nothing");
	brk = w.p->mm.brk;
	tap_ok(mm_brk(&w.m, w.p, (uint32_t)brk + 8192, &r, NULL) == 0 &&
	       (uint64_t)r.value == brk, "brk() cannot grow: the old break");
	tap_ok(mm_munmap(&w.m, w.p, 0x0a002000, 4096, &r, NULL) == 0 &&
	       r.error == 0, "munmap() that trims a VMA is allowed");
	world_stop(&w);
}

int main(void)
{
	test_mmap_errors();
	test_mmap_placement();
	test_merge_open_file();
	test_mmap_fixed();
	test_munmap();
	test_mprotect();
	test_brk();
	test_max_map_count();
	return tap_done();
}
