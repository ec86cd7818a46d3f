/* mm_syscalls.c - do_mmap(), do_munmap(), mprotect_fixup() and brk(). */
#include <config.h>

#include <errno.h>
#include <string.h>

#include "mm_syscalls.h"

static int done(struct mm_result *result, int64_t value)
{
	*result = (struct mm_result){ .value = value };
	return 0;
}

static int fail(struct mm_result *result, int error)
{
	*result = (struct mm_result){ .value = -error, .error = error };
	return 0;
}

/* calc_vm_prot_bits(): PROT_* to VMA flags (do_mmap(),
 * do_mprotect_pkey()). */
static unsigned prot_flags(const struct process *p, int prot)
{
	return mm_vma_flags(&p->mm, prot & MM_PROT_READ, prot & MM_PROT_WRITE,
			    prot & MM_PROT_EXEC);
}

/* The part of [START, END) that VMAs cover, from the first's start to
 * the last's end (clipped to the range), or false when none does. */
static bool mapped_extent(const struct vma_set *vmas, uint64_t start,
			  uint64_t end, uint64_t *from, uint64_t *to)
{
	const struct vma *first = vma_set_find(vmas, start), *last;

	if (first == NULL || first->start >= end)
		return false;
	last = vma_set_lookup(vmas, end - 1);
	if (last == NULL)
		last = vma_set_find_prev(vmas, end);
	*from = first->start > start ? first->start : start;
	*to = last->end < end ? last->end : end;
	return true;
}

/* unmap_region(): unmap [start, end) - the pages, then the VMAs (split at
 * the edges) - and free_pgtables() for the VMAs that went: their page
 * tables freed, but for one shared with the VMA left below or above.
 * The kernel frees by groups of VMAs less than 4 MiB apart, leaving the
 * slots of a wider hole between them alone; those have no table here
 * (nothing maps a page outside a VMA), so one span frees the same. */
static int unmap_range(struct machine *m, struct process *p, uint64_t start,
		       uint64_t end, struct ef_error *err)
{
	const struct vma *prev, *next;
	uint64_t from, to;

	if (!mapped_extent(&p->mm.vmas, start, end, &from, &to))
		return 0;	/* do_vmi_munmap(): no VMA there, nothing */
	process_zap_range(m, p, start, end);
	if (vma_set_unmap(&p->mm.vmas, start, end, err) != 0)
		return -1;
	prev = vma_set_find_prev(&p->mm.vmas, start);
	next = vma_set_find(&p->mm.vmas, start);
	process_free_tables(m, p, from, to, prev ? prev->end : 0,
			    next ? next->start : 0);
	return 0;
}

/* ---- mmap ------------------------------------------------------------- */

/* The mapping type: MAP_SHARED, MAP_PRIVATE, or MAP_SHARED_VALIDATE
 * (both bits), which do_mmap() takes as shared for a file only. */
static int map_type(int flags)
{
	return flags & (MM_MAP_SHARED | MM_MAP_PRIVATE);
}

/* The checks ksys_mmap_pgoff() and do_mmap() make before placing.  Unknown
 * PROT_ bits are ignored, as calc_vm_prot_bits() ignores them. */
static int mmap_check(uint32_t length, int flags,
		      const struct mapped_file *file, uint64_t offset)
{
	int type = map_type(flags);
	bool anonymous = flags & MM_MAP_ANONYMOUS;

	if (!anonymous && file == NULL)
		return EBADF;
	if (offset % PAGE_SIZE != 0 || length == 0)
		return EINVAL;
	if (type == 0 || (anonymous && type == (MM_MAP_SHARED | MM_MAP_PRIVATE)))
		return EINVAL;
	if (page_up(length) > UINT32_MAX)
		return ENOMEM;
	if (!anonymous &&
	    offset / PAGE_SIZE + page_up(length) / PAGE_SIZE > UINT32_MAX)
		return EOVERFLOW;
	return 0;
}

/* do_mmap()'s VM_MAYWRITE rule: a shared mapping of a file opened
 * read-only cannot be written, now (EACCES) or after mprotect(). */
static int shared_file_access(int prot, int flags, bool file_writable,
			      unsigned *vma_flags)
{
	if ((flags & MM_MAP_ANONYMOUS) || !(map_type(flags) & MM_MAP_SHARED) ||
	    file_writable)
		return 0;
	if (prot & MM_PROT_WRITE)
		return EACCES;
	*vma_flags |= VMA_WRITE_DENIED;
	return 0;
}

/* get_unmapped_area(): MAP_FIXED (and MAP_FIXED_NOREPLACE, which implies
 * it) takes ADDR as it is, checked in the kernel's order; otherwise ADDR is
 * a hint, rounded down to a page and up to mmap_min_addr
 * (round_hint_to_min()).  Returns an errno or 0. */
static int place(struct machine *m, struct process *p, uint32_t addr,
		 uint64_t length, int flags, uint64_t *start)
{
	const struct exec_target *t = m->target;

	if (flags & (MM_MAP_FIXED | MM_MAP_FIXED_NOREPLACE)) {
		if (length > t->task_size || addr > t->task_size - length)
			return ENOMEM;
		if (addr % PAGE_SIZE != 0)
			return EINVAL;
		if (addr < t->mmap_min_addr)
			return EPERM;	/* cap_mmap_addr() for a user */
		if ((flags & MM_MAP_FIXED_NOREPLACE) &&
		    vma_set_overlaps(&p->mm.vmas, addr, addr + length))
			return EEXIST;
		*start = addr;
		return 0;
	}
	addr = (uint32_t)page_down(addr);
	if (addr != 0 && addr < t->mmap_min_addr)
		addr = (uint32_t)page_up(t->mmap_min_addr);
	if (length > t->task_size ||
	    vma_set_get_unmapped_area(&p->mm.vmas, addr, length,
				      t->mmap_min_addr, t->mmap_base,
				      t->task_size, t->stack_guard_gap, start,
				      NULL) != 0)
		return ENOMEM;
	return 0;
}

int mm_mmap(struct machine *m, struct process *p, uint32_t addr,
	    uint32_t length, int prot, int flags,
	    const struct mapped_file *file, bool file_writable,
	    uint64_t file_id, uint64_t offset, struct mm_result *result,
	    struct ef_error *err)
{
	uint64_t size = page_up(length), start;
	struct vma vma = { .flags = prot_flags(p, prot) };
	int error = mmap_check(length, flags, file, offset);

	/* do_mmap(): "Too many mappings?" */
	if (error == 0 && p->mm.vmas.count > MM_MAX_MAP_COUNT)
		error = ENOMEM;
	if (error == 0)
		error = place(m, p, addr, size, flags, &start);
	if (error == 0)
		error = shared_file_access(prot, flags, file_writable, &vma.flags);
	if (error != 0)
		return fail(result, error);
	if (map_type(flags) & MM_MAP_SHARED)
		vma.flags |= VMA_SHARED;
	vma.start = start;
	vma.end = start + size;
	/* shmem_zero_setup(): shared anonymous memory is a shmem file's. */
	if ((flags & MM_MAP_ANONYMOUS) && (vma.flags & VMA_SHARED)) {
		file = memfs_shmem(&m->memfs, size, err);
		if (file == NULL)
			return -1;
		offset = 0;
		flags &= ~MM_MAP_ANONYMOUS;
	}
	if (flags & MM_MAP_ANONYMOUS) {
		vma.kind = VMA_KIND_ANON;
	} else {
		vma.kind = VMA_KIND_FILE;
		vma.file = file;
		vma.file_id = file_id;
		vma.pgoff = offset / PAGE_SIZE;
	}
	/* mmap_region(): what was there (MAP_FIXED) goes first. */
	if (unmap_range(m, p, vma.start, vma.end, err) != 0 ||
	    vma_set_map(&p->mm.vmas, &vma, err) != 0)
		return -1;
	process_reap_shmem(m);
	return done(result, (int64_t)start);
}

/* ---- munmap ------------------------------------------------------------ */

/* do_vmi_align_munmap(): a hole in the middle of one VMA makes two of
 * it, refused when P has max_map_count VMAs already ("let map_count go
 * just above its limit temporarily": a cut that trims a VMA is not). */
static bool punches_hole(const struct process *p, uint64_t start,
			 uint64_t end)
{
	const struct vma *vma = vma_set_lookup(&p->mm.vmas, start);

	return p->mm.vmas.count >= MM_MAX_MAP_COUNT && vma != NULL &&
	       vma->start < start && end < vma->end;
}

int mm_munmap(struct machine *m, struct process *p, uint32_t addr,
	      uint32_t length, struct mm_result *result, struct ef_error *err)
{
	uint64_t size = page_up(length);

	/* do_vmi_munmap(): an aligned start, a length, inside TASK_SIZE. */
	if (addr % PAGE_SIZE != 0 || length == 0 || size < length ||
	    size > m->target->task_size || addr > m->target->task_size - size)
		return fail(result, EINVAL);
	if (punches_hole(p, addr, addr + size))
		return fail(result, ENOMEM);
	if (unmap_range(m, p, addr, addr + size, err) != 0)
		return -1;
	process_reap_shmem(m);
	return done(result, 0);
}

/* ---- mprotect ----------------------------------------------------------- */

/* change_pte_range(): write access removed from every PTE; added only
 * to anonymous pages this process alone maps (others fault and copy);
 * PROT_NONE hides the page (P clear, PROTNONE set). */
static pte_t change_pte(struct machine *m, pte_t pte, unsigned flags)
{
	struct frame_info *info = phys_frame(&m->mem, pte_pfn(pte));
	bool exclusive = info && info->kind == FRAME_ANON &&
			 info->refcount == 1 && info->mapcount == 1;

	if (!(flags & (VMA_READ | VMA_WRITE | VMA_EXEC)))
		return (pte & ~PTE_P) | PTE_G;
	pte = (pte | PTE_P) & ~PTE_G;
	if (!(flags & VMA_WRITE))
		return pte & ~PTE_RW;
	if (exclusive && !(flags & VMA_SHARED))
		return pte | PTE_RW;
	return pte;
}

/* mprotect_fixup() for the part of WHOLE inside [start, end): 0, -1
 * with ERR when the machine failed, or 1 when a split is refused
 * (split_vma() at max_map_count: ENOMEM; the vma_merge() that can
 * spare a split there is not modelled). */
static int protect_part(struct machine *m, struct process *p,
			const struct vma *whole, uint64_t start, uint64_t end,
			unsigned prot_bits, struct ef_error *err)
{
	struct vma vma = *whole;

	if (vma.start < start) {
		vma.pgoff += (start - vma.start) / PAGE_SIZE;
		vma.start = start;
	}
	if (vma.end > end)
		vma.end = end;
	vma.flags = (vma.flags & ~(VMA_READ | VMA_WRITE | VMA_EXEC)) | prot_bits;
	/* mprotect_fixup(): nothing to change, nothing done - no split, and
	 * no PTE touched (a write-protected page stays so) */
	if (vma.flags == whole->flags)
		return 0;
	if (p->mm.vmas.count >= MM_MAX_MAP_COUNT &&
	    (whole->start < vma.start || whole->end > vma.end))
		return 1;	/* ENOMEM */
	if (vma_set_map(&p->mm.vmas, &vma, err) != 0)
		return -1;
	for (uint64_t addr = process_next_table(m, p, vma.start, vma.end);
	     addr < vma.end;
	     addr = process_next_table(m, p, addr + PAGE_SIZE, vma.end)) {
		pte_t pte = process_get_pte(m, p, (uint32_t)addr);

		if (pte_maps_frame(pte) &&
		    process_set_pte(m, p, (uint32_t)addr,
				    change_pte(m, pte, vma.flags), err) != 0)
			return -1;
	}
	return 0;
}

/* do_mprotect_pkey(): VMA by VMA from ADDR, each changed before the next is
 * looked at; a hole fails with ENOMEM, leaving the VMAs before it changed,
 * as the kernel does.  Write cannot be added where VM_MAYWRITE is clear,
 * nor exec where VM_MAYEXEC is (EACCES); READ_IMPLIES_EXEC adds exec to
 * each VMA that may have it, the request itself again for the next
 * (prot |= PROT_EXEC, then prot = reqprot). */
int mm_mprotect(struct machine *m, struct process *p, uint32_t addr,
		uint32_t length, int prot, struct mm_result *result,
		struct ef_error *err)
{
	uint64_t end = (uint64_t)addr + page_up(length);
	int rc;

	if (addr % PAGE_SIZE != 0 ||
	    (prot & ~(MM_PROT_READ | MM_PROT_WRITE | MM_PROT_EXEC)))
		return fail(result, EINVAL);
	if (length == 0)
		return done(result, 0);
	for (uint64_t at = addr; at < end;) {
		const struct vma *found = vma_set_lookup(&p->mm.vmas, at);
		struct vma vma;
		unsigned bits;

		if (found == NULL || at >= m->target->task_size)
			return fail(result, ENOMEM);
		vma = *found;
		bits = prot_flags(p, prot);
		/* READ_IMPLIES_EXEC's exec only where the VMA may have it */
		if ((vma.flags & VMA_EXEC_DENIED) && !(prot & MM_PROT_EXEC))
			bits &= ~VMA_EXEC;
		if (((vma.flags & VMA_WRITE_DENIED) && (bits & VMA_WRITE)) ||
		    ((vma.flags & VMA_EXEC_DENIED) && (bits & VMA_EXEC)))
			return fail(result, EACCES);
		rc = protect_part(m, p, &vma, at, end, bits, err);
		if (rc != 0)
			return rc < 0 ? -1 : fail(result, ENOMEM);
		at = vma.end < end ? vma.end : end;
	}
	return done(result, 0);
}

/* ---- brk ------------------------------------------------------------------ */

int mm_brk(struct machine *m, struct process *p, uint32_t new_brk,
	   struct mm_result *result, struct ef_error *err)
{
	struct mm *mm = &p->mm;
	uint64_t old_end = page_up(mm->brk), new_end = page_up(new_brk);
	const struct vma *next;
	struct vma heap = { .kind = VMA_KIND_ANON,
			    .flags = VMA_READ | VMA_WRITE | VMA_BRK };

	if (new_brk < mm->start_brk)
		return done(result, (int64_t)mm->brk);
	if (new_end == old_end) {
		mm->brk = new_brk;
		return done(result, (int64_t)mm->brk);
	}
	if (new_brk <= mm->brk) {	/* shrinking is always allowed */
		/* but with no VMA left between the new end and the old
		 * (munmap took the heap), 6.1's brk() goes out: the break
		 * stays (testdata/replay/programs/rp-brk-gone) */
		if (!vma_set_overlaps(&mm->vmas, new_end, old_end))
			return done(result, (int64_t)mm->brk);
		if (unmap_range(m, p, new_end, old_end, err) != 0)
			return -1;
		mm->brk = new_brk;
		return done(result, (int64_t)mm->brk);
	}
	/* Growing stops a page short of the next mapping (and its gap). */
	next = vma_set_find(&mm->vmas, old_end);
	if (next != NULL &&
	    new_end + PAGE_SIZE > ((next->flags & VMA_GROWSDOWN)
			      ? next->start - m->target->stack_guard_gap
			      : next->start))
		return done(result, (int64_t)mm->brk);
	/* do_brk_flags(): "if (mm->map_count > sysctl_max_map_count)" */
	if (mm->vmas.count > MM_MAX_MAP_COUNT)
		return done(result, (int64_t)mm->brk);
	if (mm->read_implies_exec)
		heap.flags |= VMA_EXEC;
	heap.start = old_end;
	heap.end = new_end;
	if (vma_set_map(&mm->vmas, &heap, err) != 0)
		return -1;
	mm->brk = new_brk;
	return done(result, (int64_t)mm->brk);
}

/* ---- madvise --------------------------------------------------------------- */

/* The advice 6.1 knows (madvise_behavior_valid(), with CONFIG_KSM,
 * CONFIG_TRANSPARENT_HUGEPAGE and CONFIG_MEMORY_FAILURE as the VM's
 * kernel has them), and what each does to a VMA's flags. */
static const struct {
	int advice;
	unsigned set, clear;
} advices[] = {
	{ MM_MADV_NORMAL, 0, VMA_SEQ_READ | VMA_RAND_READ },
	{ MM_MADV_RANDOM, VMA_RAND_READ, VMA_SEQ_READ },
	{ MM_MADV_SEQUENTIAL, VMA_SEQ_READ, VMA_RAND_READ },
	{ MM_MADV_WILLNEED, 0, 0 }, { MM_MADV_DONTNEED, 0, 0 },
	{ MM_MADV_FREE, 0, 0 }, { MM_MADV_REMOVE, 0, 0 },
	{ MM_MADV_DONTFORK, VMA_DONTCOPY, 0 },
	{ MM_MADV_DOFORK, 0, VMA_DONTCOPY },
	{ MM_MADV_MERGEABLE, VMA_MERGEABLE, 0 },
	{ MM_MADV_UNMERGEABLE, 0, VMA_MERGEABLE },
	{ MM_MADV_HUGEPAGE, VMA_HUGEPAGE, VMA_NOHUGEPAGE },
	{ MM_MADV_NOHUGEPAGE, VMA_NOHUGEPAGE, VMA_HUGEPAGE },
	{ MM_MADV_DONTDUMP, VMA_DONTDUMP, 0 },
	{ MM_MADV_DODUMP, 0, VMA_DONTDUMP },
	{ MM_MADV_WIPEONFORK, VMA_WIPEONFORK, 0 },
	{ MM_MADV_KEEPONFORK, 0, VMA_WIPEONFORK },
	{ MM_MADV_COLD, 0, 0 }, { MM_MADV_PAGEOUT, 0, 0 },
	{ MM_MADV_POPULATE_READ, 0, 0 }, { MM_MADV_POPULATE_WRITE, 0, 0 },
	{ MM_MADV_DONTNEED_LOCKED, 0, 0 }, { MM_MADV_COLLAPSE, 0, 0 },
	{ MM_MADV_HWPOISON, 0, 0 }, { MM_MADV_SOFT_OFFLINE, 0, 0 },
};

static int advice_index(int advice)
{
	for (size_t i = 0; i < sizeof advices / sizeof advices[0]; i++)
		if (advices[i].advice == advice)
			return (int)i;
	return -1;
}

/* madvise_vma_behavior()'s refusals for VMA: the errno, or 0. */
static int advice_refused(const struct vma *vma, int advice)
{
	bool anonymous = vma->kind != VMA_KIND_FILE &&
			 !(vma->flags & (VMA_SHARED | VMA_SPECIAL));

	switch (advice) {
	case MM_MADV_FREE:		/* vma_is_anonymous() */
	case MM_MADV_WIPEONFORK:	/* anonymous private memory only */
		return anonymous ? 0 : EINVAL;
	case MM_MADV_REMOVE:		/* a file (shmem) mapped shared, writable */
		if (vma->kind != VMA_KIND_FILE)
			return EINVAL;
		return (vma->flags & (VMA_SHARED | VMA_WRITE)) ==
		       (VMA_SHARED | VMA_WRITE) ? 0 : EACCES;
	case MM_MADV_DODUMP:		/* VM_SPECIAL */
		return vma->flags & VMA_SPECIAL ? EINVAL : 0;
	case MM_MADV_POPULATE_READ:	/* check_vma_flags() */
		return vma->flags & VMA_READ ? 0 : EINVAL;
	case MM_MADV_POPULATE_WRITE:
		return vma->flags & VMA_WRITE ? 0 : EINVAL;
	case MM_MADV_COLLAPSE:		/* hugepage_vma_check(): THP "never" */
		return EINVAL;
	default:
		return 0;
	}
}

/* The part [START, END) of the VMA at START: its flags changed as
 * madvise_update_vma() changes them (split off, merged where the same),
 * or its pages zapped (MADV_DONTNEED: zap_page_range(), the next touch
 * faults again).  0, -1 with ERR, or 1 when a split is refused at
 * max_map_count (ENOMEM). */
static int advise_part(struct machine *m, struct process *p,
		       const struct vma *whole, uint64_t start, uint64_t end,
		       int i, struct ef_error *err)
{
	struct vma vma = *whole;
	unsigned set = advices[i].set;

	if (advices[i].advice == MM_MADV_DONTNEED ||
	    advices[i].advice == MM_MADV_DONTNEED_LOCKED ||
	    advices[i].advice == MM_MADV_REMOVE) {
		process_zap_range(m, p, start, end);
		return 0;
	}
	/* ksm_madvise() leaves shared and special mappings as they are */
	if (set == VMA_MERGEABLE && (vma.flags & (VMA_SHARED | VMA_SPECIAL)))
		set = 0;
	vma.flags = (vma.flags & ~advices[i].clear) | set;
	if (vma.flags == whole->flags)
		return 0;
	if (vma.start < start) {
		vma.pgoff += (start - vma.start) / PAGE_SIZE;
		vma.start = start;
	}
	if (vma.end > end)
		vma.end = end;
	if (p->mm.vmas.count >= MM_MAX_MAP_COUNT &&
	    (whole->start < vma.start || whole->end > vma.end))
		return 1;
	return vma_set_map(&p->mm.vmas, &vma, err) != 0 ? -1 : 0;
}

/* madvise_walk_vmas(): each VMA in [START, END) in turn; a hole is
 * ENOMEM, but only once the VMAs after it were advised. */
int mm_madvise(struct machine *m, struct process *p, uint32_t addr,
	       uint32_t length, int advice, struct mm_result *result,
	       struct ef_error *err)
{
	uint64_t end = (uint64_t)addr + page_up(length), at = addr;
	int i = advice_index(advice), hole = 0, rc;

	if (i < 0 || addr % PAGE_SIZE != 0 || end > UINT32_MAX ||
	    (length != 0 && page_up(length) == 0))
		return fail(result, EINVAL);
	if (length == 0)
		return done(result, 0);
	if (advice == MM_MADV_HWPOISON || advice == MM_MADV_SOFT_OFFLINE)
		return fail(result, EINVAL);	/* not modelled */
	while (at < end) {
		const struct vma *found = vma_set_find(&p->mm.vmas, at);
		struct vma vma;

		if (found == NULL || at >= m->target->task_size)
			return fail(result, ENOMEM);
		vma = *found;
		if (at < vma.start) {
			hole = ENOMEM;
			if ((at = vma.start) >= end)
				break;
		}
		if ((rc = advice_refused(&vma, advice)) != 0)
			return fail(result, rc);
		if ((rc = advise_part(m, p, &vma, at, end, i, err)) != 0)
			return rc < 0 ? -1 : fail(result, ENOMEM);
		at = vma.end < end ? vma.end : end;
	}
	return hole ? fail(result, hole) : done(result, 0);
}
