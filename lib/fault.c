/* fault.c - do_user_addr_fault() and handle_mm_fault() for replay. */
#include <config.h>

#include <errno.h>
#include <string.h>

#include "fault.h"
#include "vdso.h"
#include "lru.h"
#include "kernel_text.h"

/* A user PTE as mk_pte(page, vma->vm_page_prot) makes it on x86: the
 * protection_map entries carry _PAGE_ACCESSED; RW only when writable. */
static pte_t user_pte(uint64_t pfn, bool writable, bool dirty)
{
	return pte_make((uint32_t)pfn, PTE_P | PTE_US | PTE_A |
			(writable ? PTE_RW : 0) | (dirty ? PTE_D : 0));
}

static int signal_result(struct fault_result *r, enum fault_kind kind,
			 int si_code, const char *why)
{
	r->kind = kind;
	r->si_code = si_code;
	r->why = why;
	return 0;
}

/* ---- finding the VMA: find_vma(), expand_stack() ---------------------- */

/* expand_downwards(): the stack may grow to ADDR's page unless that
 * comes within stack_guard_gap of the VMA below or beyond the rlimit
 * (acct_stack_growth(): the process's RLIMIT_STACK, now). */
static bool expand_stack(struct machine *m, struct process *p,
			 const struct vma *stack, uint32_t addr,
			 struct ef_error *err, bool *failed)
{
	uint64_t start = page_down(addr);
	const struct vma *below = NULL;
	struct vma grown = *stack;

	*failed = false;
	for (size_t i = 0; i < p->mm.vmas.count; i++)
		if (p->mm.vmas.vmas[i].end <= stack->start)
			below = &p->mm.vmas.vmas[i];
	if (start < m->target->mmap_min_addr ||
	    (below != NULL && start < below->end + m->target->stack_guard_gap) ||
	    stack->end - start > p->rlim.cur[RLIMIT_STACK_])
		return false;
	grown.start = start;
	if (vma_set_map(&p->mm.vmas, &grown, err) != 0) {
		*failed = true;
		return false;
	}
	return true;
}

/* access_error(): does the VMA forbid this access? */
static bool access_error(uint32_t code, const struct vma *vma)
{
	if (code & PF_WRITE)
		return !(vma->flags & VMA_WRITE);
	if (code & PF_PROT)
		return true;	/* a read of a present page it cannot read */
	return !(vma->flags & (VMA_READ | VMA_WRITE | VMA_EXEC));
}

/* ---- frames -------------------------------------------------------------- */

static struct frame_info *frame(struct machine *m, uint64_t pfn)
{
	return phys_frame(&m->mem, pfn);
}

/* A new mapping of PFN: one more PTE, one more reference (the zero page
 * is not counted, as the kernel does not count it). */
static void hold(struct machine *m, uint64_t pfn)
{
	struct frame_info *info = frame(m, pfn);

	if (info->kind == FRAME_ZERO)
		return;
	info->mapcount++;
	info->refcount++;
}

/* process_new_anon(), its reference left to hold() (the mapping's). */
static int new_anon(struct machine *m, struct process *p, uint32_t addr,
		    const uint64_t *source, uint64_t *pfn, struct ef_error *err)
{
	if (process_new_anon(m, p, addr, source, pfn, err) != 0)
		return -1;
	frame(m, *pfn)->refcount = 0;
	return 0;
}

/* ---- file pages: filemap_fault(), do_fault_around() ------------------- */

static uint64_t file_index(const struct vma *vma, uint32_t addr)
{
	return vma->pgoff + (page_down(addr) - vma->start) / PAGE_SIZE;
}

/* filemap_fault(): the cached page, or a disk read of the read-around
 * window (a major fault).  The page cache's own reference stays; the
 * page itself is returned pinned (the caller unpins it once mapped), so
 * that reading its neighbours cannot reclaim it. */
static int file_page(struct machine *m, const struct vma *vma, uint32_t addr,
		     uint64_t *pfn, struct fault_result *r,
		     struct ef_error *err)
{
	const struct mapped_file *file = vma->file;
	uint64_t index = file_index(vma, addr);
	uint64_t pages = page_count(file->size), first, last, cached;
	bool read;

	if (process_cached_page(m, file, index, pfn, &read, err) != 0)
		return -1;
	phys_get(&m->mem, *pfn);
	if (!read)
		return 0;
	r->read_pages++;
	r->major = true;
	first = index > FAULT_READ_AROUND_PAGES / 2
		? index - FAULT_READ_AROUND_PAGES / 2 : 0;
	last = first + FAULT_READ_AROUND_PAGES;
	if (last > pages)
		last = pages;
	for (uint64_t i = first; i < last; i++) {
		if (process_cached_page(m, file, i, &cached, &read, err) != 0) {
			phys_put(&m->mem, *pfn);
			return -1;
		}
		r->read_pages += read;
	}
	return 0;
}

/* vma_wants_writenotify(): a shared writable mapping of a file that is
 * written back (a disk's) gets read-only PTEs, so that its first write
 * faults and dirties the page; one of a file in memory (shmem, tmpfs:
 * memfs.h) has no writeback to track, and its vm_page_prot is writable -
 * a read fault or fault-around maps its pages writable. */
static bool maps_writable_on_read(const struct vma *vma)
{
	return (vma->flags & VMA_SHARED) && (vma->flags & VMA_WRITE) &&
	       vma->file->in_memory;
}

/* A page of the window: cached, or - on a warm cache, where every page of
 * the file is in memory - any page of a host file (a file in memory has
 * only the pages it has: filemap_map_pages() makes none). */
static int around_page(struct machine *m, const struct vma *vma,
		       uint64_t index, uint64_t *pfn, struct ef_error *err)
{
	if (page_cache_find(&m->cache, vma->file, index, pfn))
		return 1;
	if (!m->cache.warm || vma->file->in_memory ||
	    index >= page_count(vma->file->size))
		return 0;
	return process_cached_page(m, vma->file, index, pfn, NULL, err) == 0
	       ? 1 : -1;
}

/* do_fault_around(): map the cached pages around ADDR that are in the
 * same VMA and page table and not mapped yet, read-only.  The window
 * starts at ADDR rounded down to its size, or at the VMA's start when
 * that is higher, and takes its full size from there (6.1: address =
 * max(address & mask, vm_start), end_pgoff = start_pgoff + nr_pages - 1;
 * 6.18's from_pte/to_pte say the same), cut at the VMA's end and at the
 * end of the page table. */
static int fault_around(struct machine *m, struct process *p,
			const struct vma *vma, uint32_t addr, unsigned bytes,
			struct fault_result *r, struct ef_error *err)
{
	uint64_t window = bytes >= PAGE_SIZE ? bytes : PAGE_SIZE;
	uint64_t start = addr & ~(window - 1), end;
	uint64_t table = addr & ~((1u << PGDIR_SHIFT) - 1);

	if (start < vma->start)
		start = vma->start;
	if (start < table)
		start = table;
	end = start + window;
	if (end > vma->end)
		end = vma->end;
	if (end > table + (1u << PGDIR_SHIFT))
		end = table + (1u << PGDIR_SHIFT);
	for (uint64_t page = start; page < end; page += PAGE_SIZE) {
		uint64_t pfn;
		int cached;

		if (page == page_down(addr) ||
		    process_get_pte(m, p, (uint32_t)page) != 0)
			continue;
		cached = around_page(m, vma, file_index(vma, (uint32_t)page),
				     &pfn, err);
		if (cached < 0)
			return -1;
		if (cached == 0)
			continue;
		if (process_set_pte(m, p, (uint32_t)page,
				    user_pte(pfn, maps_writable_on_read(vma),
					     false), err) != 0)
			return -1;
		hold(m, pfn);
		r->around++;
	}
	return 0;
}

/* ---- handle_pte_fault() cases ------------------------------------------ */

static int map_new(struct machine *m, struct process *p, uint32_t addr,
		   uint64_t pfn, pte_t pte, struct fault_result *r,
		   struct ef_error *err)
{
	if (process_set_pte(m, p, addr, pte, err) != 0)
		return -1;
	hold(m, pfn);
	r->new_pfn = pfn;
	return 0;
}

/* do_anonymous_page() */
static int anonymous_fault(struct machine *m, struct process *p,
			   uint32_t addr, bool write, struct fault_result *r,
			   struct ef_error *err)
{
	uint64_t pfn;

	if (!write) {
		r->kind = FAULT_ANON_ZERO;
		return map_new(m, p, addr, m->zero_pfn,
			       user_pte(m->zero_pfn, false, false), r, err);
	}
	r->kind = FAULT_ANON_NEW;
	if (new_anon(m, p, addr, NULL, &pfn, err) != 0)
		return -1;
	return map_new(m, p, addr, pfn, user_pte(pfn, true, true), r, err);
}

/* do_read_fault(), do_cow_fault(), do_shared_fault() */
static int file_fault(struct machine *m, struct process *p,
		      const struct vma *vma, uint32_t addr, bool write,
		      unsigned around_bytes, struct fault_result *r,
		      struct ef_error *err)
{
	uint64_t pages = page_count(vma->file->size), pfn, copy;
	int rc;

	if (file_index(vma, addr) >= pages)
		return signal_result(r, FAULT_SIGBUS, FAULT_BUS_ADRERR,
				     "the page lies wholly past the end of "
				     "the file");
	if (file_page(m, vma, addr, &pfn, r, err) != 0)
		return -1;
	if (!write) {
		r->kind = FAULT_FILE_READ;
		rc = around_bytes > PAGE_SIZE
		     ? fault_around(m, p, vma, addr, around_bytes, r, err) : 0;
		if (rc == 0)
			rc = map_new(m, p, addr, pfn,
				     user_pte(pfn, maps_writable_on_read(vma),
					      false), r, err);
	} else if (vma->flags & VMA_SHARED) {
		r->kind = FAULT_FILE_SHARED;
		frame(m, pfn)->dirty = true;
		rc = map_new(m, p, addr, pfn, user_pte(pfn, true, true), r, err);
	} else {
		r->kind = FAULT_FILE_COW;
		r->old_pfn = pfn;
		rc = new_anon(m, p, addr, &pfn, &copy, err);
		if (rc == 0)
			rc = map_new(m, p, addr, copy, user_pte(copy, true, true),
				     r, err);
	}
	phys_put(&m->mem, pfn);
	return rc;
}

/* do_wp_page()'s test for an anonymous page in frame PFN: mapped here
 * only and held by no one else - a page in the swap cache is first freed
 * from it when no swap PTE needs the slot. */
static bool reusable(struct machine *m, uint64_t pfn)
{
	const struct frame_info *info = frame(m, pfn);

	if (info->mapcount != 1 ||
	    info->refcount > 1 + (info->swap_slot != 0 ? 1u : 0u))
		return false;
	swap_free_cache(&m->swap, &m->mem, pfn);
	return info->refcount == 1;
}

/* do_wp_page(): a write to a present, read-only PTE of a writable VMA. */
static int wp_fault(struct machine *m, struct process *p,
		    const struct vma *vma, uint32_t addr, pte_t pte,
		    struct fault_result *r, struct ef_error *err)
{
	uint64_t old = pte_pfn(pte), copy;
	struct frame_info *info = frame(m, old);

	r->old_pfn = old;
	if (vma->flags & VMA_SHARED) {
		r->kind = FAULT_FILE_SHARED;
		info->dirty = true;
		r->new_pfn = old;
		return process_set_pte(m, p, addr, user_pte(old, true, true), err);
	}
	if (info->kind == FRAME_ANON && reusable(m, old)) {
		/* wp_page_reuse(): the only mapper keeps the page. */
		r->kind = FAULT_WP_REUSE;
		r->new_pfn = old;
		return process_set_pte(m, p, addr, user_pte(old, true, true), err);
	}
	r->kind = info->kind == FRAME_ZERO ? FAULT_WP_ZERO : FAULT_WP_COPY;
	if (new_anon(m, p, addr, info->kind == FRAME_ZERO ? NULL : &old, &copy,
		      err) != 0)
		return -1;
	if (map_new(m, p, addr, copy, user_pte(copy, true, true), r, err) != 0)
		return -1;
	process_put_frame(m, old);
	return 0;
}

/* do_swap_page(): the PTE is a swap entry.  The page is in the swap cache
 * (a minor fault: another process brought it in, or it never left) or is
 * read from the slot into a new frame that joins the swap cache (a major
 * fault; no swap readahead: vm.page-cluster = 0).  This PTE's hold on the
 * slot goes; the page leaves the swap cache when the swap area is over
 * half full or, on a write, when nothing else holds it.  A write maps it
 * writable when the page is now this PTE's alone, else do_wp_page()
 * decides; a read always maps it read-only (i386 6.1 has no exclusive
 * bit in swap PTEs). */
static int swap_fault(struct machine *m, struct process *p,
		      const struct vma *vma, uint32_t addr, pte_t entry,
		      bool write, struct fault_result *r, struct ef_error *err)
{
	uint32_t slot = swap_pte_offset(entry);
	uint64_t pfn = swap_cache_lookup(&m->swap, slot);
	uint8_t page[PAGE_SIZE];
	struct frame_info *info;
	struct fault_result wp = { 0 };
	bool writable;

	r->swap_offset = slot;
	r->kind = FAULT_SWAP_CACHE;
	if (pfn == 0) {
		if (phys_alloc(&m->mem, FRAME_ANON, &pfn, err) != 0)
			return -1;
		swap_read(&m->swap, slot, page);
		if (phys_write(&m->mem, pfn_phys(pfn), page, sizeof page,
			       err) != 0)
			return -1;
		info = frame(m, pfn);
		info->address = page_down(addr);
		info->page_id = m->swap.tag[slot];
		info->swap_slot = slot;		/* the cache's reference: 1 */
		swap_cache_set(&m->swap, slot, (uint32_t)pfn);
		lru_page_loaded(m, pfn);
		r->kind = FAULT_SWAP_IN;
		r->major = true;
		r->read_pages = 1;
	}
	info = frame(m, pfn);
	swap_put(&m->swap, slot);
	/* should_try_to_free_swap(): the kernel counts the fault's own
	 * reference too, so "2" there is "the cache's only" here. */
	if (swap_full(&m->swap) || (write && info->refcount == 1))
		swap_free_cache(&m->swap, &m->mem, pfn);
	writable = write && info->refcount == 0;
	if (map_new(m, p, addr, pfn, user_pte(pfn, writable, writable), r,
		    err) != 0)
		return -1;
	if (!write || writable)
		return 0;
	if (wp_fault(m, p, vma, addr, process_get_pte(m, p, addr), &wp,
		     err) != 0)
		return -1;
	r->wp_copied = wp.kind == FAULT_WP_COPY;
	r->new_pfn = wp.new_pfn;
	return 0;
}

/* special_mapping_fault() for the vDSO's VMAs (vdso.h): vdso_fault()
 * maps the image's page, vvar_fault() inserts the vvar page's pfn -
 * read-only, no fault-around (no map_pages); a vvar page the kernel does
 * not have is VM_FAULT_SIGBUS. */
static int special_fault(struct machine *m, struct process *p,
			 const struct vma *vma, uint32_t addr,
			 struct fault_result *r, struct ef_error *err)
{
	uint64_t pfn;
	int rc = vdso_page(m, vma->kind == VMA_KIND_VDSO,
			   (page_down(addr) - vma->start) / PAGE_SIZE, &pfn,
			   err);

	if (rc < 0)
		return -1;
	if (rc > 0)
		return signal_result(r, FAULT_SIGBUS, FAULT_BUS_ADRERR,
				     "vvar_fault(): no such page for this "
				     "kernel's clocks");
	r->kind = FAULT_SPECIAL;
	return map_new(m, p, addr, pfn, user_pte(pfn, false, false), r, err);
}

/* handle_mm_fault() for an address inside VMA.  The page table comes
 * first (pte_alloc()), so that nothing the fault allocates later needs a
 * frame while holding a page it has not mapped yet. */
static int handle_mm_fault(struct machine *m, struct process *p,
			   const struct vma *vma, const struct mmu_fault *hw,
			   unsigned around_bytes, struct fault_result *r,
			   struct ef_error *err)
{
	uint32_t addr = hw->cr2;
	bool write = hw->error_code & PF_WRITE;
	pte_t pte;

	if (process_ensure_table(m, p, addr, err) != 0)
		return -1;
	pte = process_get_pte(m, p, addr);
	if (pte_is_swap(pte))
		return swap_fault(m, p, vma, addr, pte, write, r, err);
	if (!pte_present(pte) && (vma->kind == VMA_KIND_VDSO ||
				  vma->kind == VMA_KIND_VVAR))
		return special_fault(m, p, vma, addr, r, err);
	if (!pte_present(pte))
		return vma->kind == VMA_KIND_FILE
		       ? file_fault(m, p, vma, addr, write, around_bytes, r, err)
		       : anonymous_fault(m, p, addr, write, r, err);
	if (write && !(pte & PTE_RW))
		return wp_fault(m, p, vma, addr, pte, r, err);
	/* The PTE allows it: the TLB held an older, narrower entry. */
	r->kind = FAULT_SPURIOUS;
	return process_set_pte(m, p, addr, pte | PTE_A | (write ? PTE_D : 0), err);
}

/* mm_account_fault(), and /proc/vmstat's pgfault and pgmajfault. */
static void account(struct machine *m, struct process *p,
		    const struct fault_result *r)
{
	if (fault_kind_facts(r->kind)->class == FAULT_CLASS_SIGNAL)
		return;
	m->stat.pgfault++;
	if (r->major) {
		p->majflt++;
		m->stat.pgmajfault++;
	} else {
		p->minflt++;
	}
}

/* The VMA for ADDR, growing the stack when ADDR is just below it.
 * Returns 0 with *VMA set, 1 when the answer is SIGSEGV (R filled), -1 on
 * a host error. */
static int find_area(struct machine *m, struct process *p, uint32_t addr,
		     const struct vma **vma, struct fault_result *r,
		     struct ef_error *err)
{
	bool failed;

	*vma = vma_set_find(&p->mm.vmas, addr);
	if (*vma == NULL)
		return signal_result(r, FAULT_SIGSEGV, FAULT_SEGV_MAPERR,
				     "no VMA at or above the address") + 1;
	if ((*vma)->start <= addr)
		return 0;
	if (!((*vma)->flags & VMA_GROWSDOWN))
		return signal_result(r, FAULT_SIGSEGV, FAULT_SEGV_MAPERR,
				     "no VMA holds the address") + 1;
	if (!expand_stack(m, p, *vma, addr, err, &failed))
		return failed ? -1 : signal_result(r, FAULT_SIGSEGV,
				FAULT_SEGV_MAPERR, "the stack cannot grow that "
				"far (guard gap or rlimit)") + 1;
	r->stack_grown = true;
	*vma = vma_set_lookup(&p->mm.vmas, addr);
	return 0;
}

/* do_user_addr_fault() from the VMA lookup on: the VMA, access_error(),
 * handle_mm_fault().  A bad area is a SIGSEGV or SIGBUS result. */
static int user_address_fault(struct machine *m, struct process *p,
			      const struct mmu_fault *hw,
			      unsigned fault_around_bytes,
			      struct fault_result *r, struct ef_error *err)
{
	const struct vma *vma;
	int rc = find_area(m, p, hw->cr2, &vma, r, err);

	if (rc != 0)
		return rc < 0 ? -1 : 0;
	r->vma = *vma;
	r->has_vma = true;
	if (access_error(hw->error_code, vma))
		return signal_result(r, FAULT_SIGSEGV, FAULT_SEGV_ACCERR,
				     "the VMA does not allow this access");
	if (handle_mm_fault(m, p, vma, hw, fault_around_bytes, r, err) != 0)
		return -1;
	account(m, p, r);
	return 0;
}

int fault_handle(struct machine *m, struct process *p,
		 const struct mmu_fault *hw, unsigned fault_around_bytes,
		 struct fault_result *r, struct ef_error *err)
{
	struct process *was = m->allocating;
	int rc;

	memset(r, 0, sizeof *r);
	if (hw->cr2 >= m->target->task_size)
		return signal_result(r, FAULT_SIGSEGV, FAULT_SEGV_MAPERR,
				     "a user access to the kernel's half");
	m->allocating = p;	/* the OOM killer must not tear P down */
	rc = user_address_fault(m, p, hw, fault_around_bytes, r, err);
	m->allocating = was;
	return rc;
}

/* kernelmode_fixup_or_oops(): the exception table's fixup when it lists
 * EIP (in interrupt context too), else page_fault_oops(). */
static void fixup_or_oops(struct machine *m, uint32_t eip, bool in_interrupt,
			  struct fault_result *r)
{
	r->bad_area = r->kind;
	if (kernel_text_fixup(eip, &r->fixup_eip)) {
		r->kind = FAULT_FIXUP;
		return;
	}
	r->kind = FAULT_OOPS;
	r->panic = in_interrupt;	/* oops_end(): in_interrupt() panics */
	r->oops_number = ++m->oops_count;
}

int fault_handle_kernel(struct machine *m, struct process *p,
			const struct mmu_fault *hw, uint32_t eip,
			bool in_interrupt, unsigned fault_around_bytes,
			struct fault_result *r, struct ef_error *err)
{
	memset(r, 0, sizeof *r);
	if (hw->cr2 >= m->target->task_size) {
		/* do_kern_addr_fault(): nothing to fault in; the kernel's
		 * mappings never change here, so no fault is spurious. */
		signal_result(r, FAULT_SIGSEGV, FAULT_SEGV_MAPERR,
			      hw->error_code & PF_PROT
			      ? "the kernel's mapping forbids the access"
			      : "nothing is mapped at this kernel address");
	} else if (in_interrupt) {
		/* faulthandler_disabled(): bad_area_nosemaphore(). */
		signal_result(r, FAULT_SIGSEGV, FAULT_SEGV_MAPERR,
			      "in interrupt context the kernel takes no "
			      "fault on user memory");
	} else {
		struct process *was = m->allocating;
		int rc;

		m->allocating = p;
		rc = user_address_fault(m, p, hw, fault_around_bytes, r, err);
		m->allocating = was;
		if (rc != 0)
			return -1;
	}
	if (fault_kind_facts(r->kind)->class == FAULT_CLASS_SIGNAL)
		fixup_or_oops(m, eip, in_interrupt, r);
	return 0;
}

const struct fault_kind_facts *fault_kind_facts(enum fault_kind kind)
{
	static const struct fault_kind_facts facts[] = {
		[FAULT_ANON_ZERO] = { "zero-page", "anonymous read: the zero "
				      "page, read-only", NULL, FAULT_CLASS_MAPPED },
		[FAULT_ANON_NEW] = { "anon-new", "anonymous write: a new zeroed "
				     "page", NULL, FAULT_CLASS_MAPPED },
		[FAULT_FILE_READ] = { "file-read", "file read: the page-cache "
				      "page", NULL, FAULT_CLASS_MAPPED },
		[FAULT_FILE_COW] = { "file-cow", "private file write: a copy "
				     "of the page", NULL, FAULT_CLASS_MAPPED },
		[FAULT_FILE_SHARED] = { "file-shared", "shared file write: the "
					"page, writable", NULL,
					FAULT_CLASS_MAPPED },
		[FAULT_WP_ZERO] = { "wp-zero", "write to the zero page: a new "
				    "zeroed page", NULL, FAULT_CLASS_MAPPED },
		[FAULT_WP_REUSE] = { "wp-reuse", "write-protect fault: the page "
				     "reused", NULL, FAULT_CLASS_MAPPED },
		[FAULT_WP_COPY] = { "wp-copy", "write-protect fault: the page "
				    "copied", NULL, FAULT_CLASS_MAPPED },
		[FAULT_SWAP_IN] = { "swap-in", "swap entry: the page read from "
				    "swap", NULL, FAULT_CLASS_MAPPED },
		[FAULT_SWAP_CACHE] = { "swap-cache", "swap entry: the page in "
				       "the swap cache", NULL,
				       FAULT_CLASS_MAPPED },
		[FAULT_SPURIOUS] = { "spurious", "spurious: the PTE already "
				     "allowed it", NULL, FAULT_CLASS_MAPPED },
		[FAULT_SPECIAL] = { "special", "special mapping: the "
				    "kernel's vDSO or vvar page, read-only",
				    NULL, FAULT_CLASS_MAPPED },
		[FAULT_SIGSEGV] = { "sigsegv", "SIGSEGV", "SIGSEGV",
				    FAULT_CLASS_SIGNAL },
		[FAULT_SIGBUS] = { "sigbus", "SIGBUS", "SIGBUS",
				   FAULT_CLASS_SIGNAL },
		[FAULT_FIXUP] = { "fixup", "bad area in kernel mode: the "
				  "exception table's fixup", NULL,
				  FAULT_CLASS_FIXUP },
		[FAULT_OOPS] = { "oops", "bad area in kernel mode, no fixup: "
				 "Oops", "SIGKILL", FAULT_CLASS_OOPS },
		[FAULT_OOM] = { "oom", "out of memory: the OOM killer chose "
				"this process (SIGKILL)", "SIGKILL",
				FAULT_CLASS_OOM },
	};

	return &facts[kind];
}
