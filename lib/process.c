/* process.c - exec's first pages, page tables, fork, exit. */
#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lru.h"
#include "signals.h"
#include "process.h"

/* A user page table's PDE (_PAGE_TABLE) and a written user page's PTE. */
#define USER_TABLE_FLAGS (PTE_P | PTE_RW | PTE_US | PTE_A | PTE_D)
#define WRITTEN_PAGE_FLAGS (PTE_P | PTE_RW | PTE_US | PTE_A | PTE_D)

void process_switch(struct machine *m, struct process *p)
{
	m->current = p;
	mmu_write_cr3(&m->mmu, p ? p->pgd : m->kernel.pgd);
}

pte_t process_get_pte(struct machine *m, const struct process *p,
		      uint32_t addr)
{
	pte_t pde = phys_read32(&m->mem, p->pgd + 4 * pde_index(addr));

	if (!pte_present(pde) || (pde & PTE_PS))
		return 0;
	return phys_read32(&m->mem, (pde & PTE_FRAME_MASK) + 4 * pte_index(addr));
}

uint64_t process_next_table(struct machine *m, const struct process *p,
			    uint64_t addr, uint64_t end)
{
	for (; addr < end; addr = ((addr >> PGDIR_SHIFT) + 1) << PGDIR_SHIFT) {
		pte_t pde = phys_read32(&m->mem, p->pgd +
					4 * pde_index((uint32_t)addr));

		if (pte_present(pde) && !(pde & PTE_PS))
			return addr;
	}
	return end;
}

int process_ensure_table(struct machine *m, struct process *p, uint32_t addr,
			 struct ef_error *err)
{
	uint32_t pde_addr = p->pgd + 4 * pde_index(addr);
	uint64_t table;

	if (pte_present(phys_read32(&m->mem, pde_addr)))
		return 0;
	if (phys_alloc(&m->mem, FRAME_PAGE_TABLE, &table, err) != 0)
		return -1;
	phys_write32(&m->mem, pde_addr, pte_make((uint32_t)table,
						 USER_TABLE_FLAGS));
	p->mm.rss.pgtables++;
	return 0;
}

/* add_mm_counter(): what PTE maps, counted in P's mm by DELTA (a frame's
 * kind is the one it has while mapped). */
static void count_pte(struct machine *m, struct process *p, pte_t pte,
		      int delta)
{
	const struct frame_info *info;

	if (pte_is_swap(pte)) {
		p->mm.rss.swapents += (uint64_t)(int64_t)delta;
		return;
	}
	if (!pte_maps_frame(pte))
		return;
	info = phys_frame(&m->mem, pte_pfn(pte));
	if (info != NULL && info->kind == FRAME_ANON)
		p->mm.rss.anon += (uint64_t)(int64_t)delta;
	else if (info != NULL && info->kind == FRAME_PAGE_CACHE &&
		 info->file != NULL && info->file->in_memory)
		p->mm.rss.shmem += (uint64_t)(int64_t)delta;	/* swap-backed */
	else if (info != NULL && info->kind == FRAME_PAGE_CACHE)
		p->mm.rss.file += (uint64_t)(int64_t)delta;
}

int process_set_pte(struct machine *m, struct process *p, uint32_t addr,
		    pte_t pte, struct ef_error *err)
{
	pte_t pde;
	uint32_t at;

	if (process_ensure_table(m, p, addr, err) != 0)
		return -1;
	pde = phys_read32(&m->mem, p->pgd + 4 * pde_index(addr));
	at = (pde & PTE_FRAME_MASK) + 4 * pte_index(addr);
	count_pte(m, p, phys_read32(&m->mem, at), -1);
	if (phys_write32(&m->mem, at, pte) != 0)
		return ef_error_set(err, PHYS_ERR_NOMEM, ENOMEM, "out of memory");
	count_pte(m, p, pte, +1);
	if (m->current == p)
		mmu_invlpg(&m->mmu, addr);
	return 0;
}

int process_new_anon(struct machine *m, struct process *p, uint32_t addr,
		     const uint64_t *source, uint64_t *pfn, struct ef_error *err)
{
	int rc;

	vma_set_add_flags(&p->mm.vmas, addr, VMA_ANON_VMA);
	if (source != NULL)
		phys_get(&m->mem, *source);
	rc = phys_alloc(&m->mem, FRAME_ANON, pfn, err);
	if (rc == 0) {
		lru_new_anon(m, *pfn, addr);
		if (source != NULL &&
		    phys_copy_frame(&m->mem, *pfn, *source, err) != 0) {
			phys_free(&m->mem, *pfn);
			rc = -1;
		}
	}
	if (source != NULL)
		phys_put(&m->mem, *source);
	return rc;
}

/* A new zeroed anonymous frame for ADDR, mapped as written: A and D
 * set, since exec's writes went through the MMU (get_user_pages() with
 * FOLL_WRITE sets them). */
static int map_written_page(struct machine *m, struct process *p,
			    uint32_t addr, struct ef_error *err)
{
	uint64_t pfn;

	if (process_ensure_table(m, p, addr, err) != 0 ||
	    process_new_anon(m, p, addr, NULL, &pfn, err) != 0)
		return -1;
	phys_frame(&m->mem, pfn)->mapcount = 1;
	return process_set_pte(m, p, addr, pte_make((uint32_t)pfn,
						    WRITTEN_PAGE_FLAGS), err);
}

/* copy_strings() and create_elf_tables() wrote the top of the stack. */
static int map_stack_pages(struct machine *m, struct process *p,
			   struct ef_error *err)
{
	const struct mm *mm = &p->mm;
	uint64_t top = mm->target->stack_top;

	for (uint64_t page = page_down(mm->sp); page < top; page += PAGE_SIZE) {
		uint64_t from = page > mm->stack_low ? page : mm->stack_low;
		uint64_t to = page + PAGE_SIZE < top ? page + PAGE_SIZE : top;
		pte_t pte;

		if (map_written_page(m, p, (uint32_t)page, err) != 0)
			return -1;
		pte = process_get_pte(m, p, (uint32_t)page);
		if (phys_write(&m->mem, pfn_phys(pte_pfn(pte)) + (from - page),
			       mm->stack + (from - mm->stack_low), to - from,
			       err) != 0)
			return -1;
	}
	return 0;
}

int process_cached_page(struct machine *m, const struct mapped_file *file,
			uint64_t index, uint64_t *pfn, bool *read,
			struct ef_error *err)
{
	if (read != NULL)
		*read = false;
	if (page_cache_find(&m->cache, file, index, pfn))
		return 0;
	if (page_cache_read(&m->cache, file, index, pfn, err) != 0)
		return -1;
	lru_page_loaded(m, *pfn);
	if (read != NULL)
		*read = !m->cache.warm && !file->in_memory;
	return 0;
}

/* The file pages padzero() will write into: exec read them (its reads
 * of the file bring a small program's first pages into the page cache),
 * so clear_user()'s fault on them is minor.  Not a read-only segment's:
 * clear_user() faults there without reading the page. */
static int cache_padzero_pages(struct machine *m, struct process *p,
			       struct ef_error *err)
{
	const struct mm *mm = &p->mm;

	for (size_t i = 0; i < mm->padzero_count; i++) {
		uint64_t page = page_down(mm->padzero[i].start), pfn, index;
		const struct vma *vma = vma_set_lookup(&mm->vmas, page);

		if (vma == NULL || vma->kind != VMA_KIND_FILE ||
		    !(vma->flags & VMA_WRITE))
			continue;
		index = vma->pgoff + (page - vma->start) / PAGE_SIZE;
		if (index < page_count(vma->file->size) &&
		    process_cached_page(m, vma->file, index, &pfn, NULL,
					err) != 0)
			return -1;
	}
	return 0;
}

int process_exec_padzero(const struct process *p, const struct uaccess *u)
{
	const struct mm *mm = &p->mm;

	for (size_t i = 0; i < mm->padzero_count; i++) {
		uint32_t left;
		int rc = uaccess_clear(u, (uint32_t)mm->padzero[i].start,
				       (uint32_t)(mm->padzero[i].end -
						  mm->padzero[i].start),
				       mm->target->task_size, &left);

		if (rc != 0)
			return rc;
	}
	return 0;
}

/* Room for one more in LIST (COUNT of CAPACITY), doubling. */
static int reserve_one(struct process ***list, unsigned count,
		       unsigned *capacity)
{
	struct process **grown;
	unsigned more = *capacity ? 2 * *capacity : 16;

	if (count < *capacity)
		return 0;
	grown = realloc(*list, more * sizeof *grown);
	if (grown == NULL)
		return -1;
	*list = grown;
	*capacity = more;
	return 0;
}

static int add_process(struct machine *m, struct process *p,
		       struct ef_error *err)
{
	if (reserve_one(&m->processes, m->process_count,
			&m->process_capacity) != 0 ||
	    reserve_one(&m->live, m->live_count, &m->live_capacity) != 0)
		return ef_error_set(err, PHYS_ERR_NOMEM, ENOMEM, "out of memory");
	m->processes[m->process_count++] = p;
	m->live[m->live_count++] = p;
	return 0;
}

/* P off the list LIST of *COUNT processes, the order of the others
 * kept. */
static void take_out(struct process **list, unsigned *count,
		     const struct process *p)
{
	for (unsigned i = *count; i-- > 0;)
		if (list[i] == p) {
			memmove(&list[i], &list[i + 1],
				(*count - i - 1) * sizeof list[0]);
			(*count)--;
			return;
		}
}

/* release_task(): P leaves the task list (the kernel's scans skip it);
 * what it still holds is freed by machine_collect(). */
static void bury(struct machine *m, struct process *p)
{
	take_out(m->live, &m->live_count, p);
	/* without room to remember it, it is freed with the machine */
	if (reserve_one(&m->dead, m->dead_count, &m->dead_capacity) == 0)
		m->dead[m->dead_count++] = p;
}

void process_reap(struct machine *m, struct process *p)
{
	p->zombie = false;
	bury(m, p);
}

/* forget_original_parent(): P's children go to init, which reaps the
 * ones that have ended and will reap the others. */
static void reparent_children(struct machine *m, const struct process *p)
{
	for (unsigned i = p->forked ? m->live_count : 0; i-- > 0;) {
		struct process *q = m->live[i];

		if (q->ppid != p->pid)
			continue;
		q->ppid = 0;
		if (q->zombie)
			process_reap(m, q);
	}
}

/* What begin_new_exec() resets in the task: exec_mm_release() forgets
 * clear_child_tid (nothing is written: the mm is not shared),
 * futex_exec_release() the robust list, rseq_execve() the rseq area;
 * PF_FORKNOEXEC is cleared, the new mm is dumpable (SUID_DUMP_USER),
 * and flush_signal_handlers(me, 0) resets the handlers. */
static void exec_task_state(struct process *p)
{
	p->clear_child_tid = 0;
	p->robust_list = 0;
	p->robust_list_len = 0;
	p->rseq = 0;
	p->rseq_sig = 0;
	p->rseq_resume = false;
	p->forknoexec = false;
	p->dumpable = 1;
	signal_state_exec(&p->sig);
}

/* What copy_process() gives a fork's child of PARENT's task state: the
 * process group and session (not the leadership: copy_signal()), the
 * limits, the dispositions and the mask; the rseq registration
 * (rseq_fork()), whose fields are updated before the child first returns
 * to user mode (wake_up_new_task(): rseq_migrate()); no clear_child_tid
 * (no CLONE_CHILD_CLEARTID), no robust list, no parent-death signal. */
static void fork_task_state(struct process *child,
			    const struct process *parent)
{
	child->pgid = parent->pgid;
	child->sid = parent->sid;
	child->forknoexec = true;
	child->dumpable = parent->dumpable;
	child->rseq = parent->rseq;
	child->rseq_sig = parent->rseq_sig;
	child->rseq_resume = parent->rseq != 0;
	child->rlim = parent->rlim;
	signal_state_fork(&child->sig, &parent->sig);
}

static void set_name(struct process *p, const char *filename)
{
	const char *base = strrchr(filename, '/');

	snprintf(p->name, sizeof p->name, "%s", base ? base + 1 : filename);
	free(p->exe_path);
	p->exe_path = strdup(filename);
}

/* The pages exec itself left: exec read the ELF header and the pages
 * padzero() writes through the page cache, and wrote the stack. */
static int build_first_pages(struct machine *m, struct process *p,
			     struct ef_error *err)
{
	uint64_t pfn;

	if (kernel_space_new_pgd(&m->kernel, &p->pgd, err) != 0 ||
	    process_cached_page(m, &p->mm.program, 0, &pfn, NULL, err) != 0 ||
	    (p->mm.interpreter.path != NULL &&
	     process_cached_page(m, &p->mm.interpreter, 0, &pfn, NULL,
				 err) != 0) ||
	    map_stack_pages(m, p, err) != 0 || cache_padzero_pages(m, p, err) != 0)
		return -1;
	return 0;
}

struct process *process_exec(struct machine *m, struct elf_image *image,
			     const struct exec_args *args,
			     struct ef_error *err)
{
	struct process *p = calloc(1, sizeof *p);

	if (p == NULL) {
		ef_error_set(err, PHYS_ERR_NOMEM, ENOMEM, "out of memory");
		return NULL;
	}
	if (exec_layout_build(image, m->target, args, &p->mm, err) != 0) {
		mm_release(&p->mm);
		free(p);
		return NULL;
	}
	p->pid = ++m->next_pid;
	p->alive = true;
	set_name(p, args->filename);
	p->dumpable = 1;
	rlimit_init(&p->rlim);
	signal_state_init(&p->sig);
	if (add_process(m, p, err) != 0) {
		mm_release(&p->mm);
		free(p->exe_path);
		free(p);
		return NULL;
	}
	if (build_first_pages(m, p, err) != 0) {
		/* The machine keeps P (freed by machine_release()), dead. */
		if (p->pgd != 0)
			process_exit(m, p);
		p->alive = false;
		return NULL;
	}
	if (files_init(&p->files, true, err) != 0) {
		process_exit(m, p);
		return NULL;
	}
	free(p->mm.stack);	/* its bytes are in the process's pages now */
	p->mm.stack = NULL;
	p->started = true;
	return p;
}

void process_put_frame(struct machine *m, uint64_t pfn)
{
	struct frame_info *info = phys_frame(&m->mem, pfn);

	if (info == NULL || info->kind == FRAME_ZERO || info->kind == FRAME_FREE)
		return;
	if (info->mapcount > 0)
		info->mapcount--;
	/* free_swap_cache(): unmapped, and no one will look for the slot
	 * again. */
	if (info->mapcount == 0)
		swap_free_cache(&m->swap, &m->mem, pfn);
	phys_put(&m->mem, pfn);
}

/* zap_pte_range()'s for a PTE that maps a frame: a file page written
 * through it is dirty (set_page_dirty()), so that reclaim writes it
 * back rather than drop it; then the frame is put. */
static void unmap_frame(struct machine *m, pte_t pte)
{
	struct frame_info *info = phys_frame(&m->mem, pte_pfn(pte));

	if (info != NULL && info->kind == FRAME_PAGE_CACHE && (pte & PTE_D))
		info->dirty = true;
	process_put_frame(m, pte_pfn(pte));
}

/* zap_pte_range()'s work for an entry PTE cleared (or its table gone):
 * the frame it maps let go, or the swap slot it names freed. */
static void release_pte(struct machine *m, pte_t pte)
{
	if (pte_maps_frame(pte))
		unmap_frame(m, pte);
	else if (pte_is_swap(pte))
		swap_free_and_cache(&m->swap, &m->mem, pte);
}

void process_zap_range(struct machine *m, struct process *p, uint64_t start,
		       uint64_t end)
{
	for (uint64_t addr = process_next_table(m, p, start, end); addr < end;
	     addr = process_next_table(m, p, addr + PAGE_SIZE, end)) {
		pte_t pte = process_get_pte(m, p, (uint32_t)addr);

		if (pte == 0)
			continue;
		/* the PTE first, so that it is counted out by its frame's
		 * kind, then the frame it held */
		process_set_pte(m, p, (uint32_t)addr, 0, NULL);
		release_pte(m, pte);
	}
}

/* free_pte_range(): the table of the 4 MiB at ADDR, if there is one,
 * freed and its PDE cleared.  Its PTEs are clear already (the range was
 * zapped, and nothing maps a page outside a VMA); any left is zapped. */
static void free_table(struct machine *m, struct process *p, uint64_t addr)
{
	uint32_t pde_addr = p->pgd + 4 * pde_index((uint32_t)addr);
	pte_t pde = phys_read32(&m->mem, pde_addr);

	if (!pte_present(pde) || (pde & PTE_PS))
		return;
	process_zap_range(m, p, addr, addr + (1ull << PGDIR_SHIFT));
	phys_write32(&m->mem, pde_addr, 0);
	phys_free(&m->mem, pte_pfn(pde));
	p->mm.rss.pgtables--;
}

void process_free_tables(struct machine *m, struct process *p,
			 uint64_t start, uint64_t end, uint64_t floor,
			 uint64_t ceiling)
{
	const uint64_t slot = 1ull << PGDIR_SHIFT;
	uint64_t addr = start & ~(slot - 1);

	/* the kernel's half of the directory, every process's, never */
	if (end > PAGE_OFFSET)
		end = PAGE_OFFSET;
	/* a table shared with the VMA below or above stays */
	if (addr < floor)
		addr += slot;
	if (ceiling != 0) {
		ceiling &= ~(slot - 1);
		if (ceiling == 0)
			return;
		if (end > ceiling)
			end -= slot;
	}
	for (; addr < end; addr += slot)
		free_table(m, p, addr);
}

/* The shmem objects no VMA of a live process maps reaped: one pass over
 * the live processes' VMAs, and none when no object is left to reap. */
void process_reap_shmem(struct machine *m)
{
	if (!memfs_reap_begin(&m->memfs))
		return;
	for (unsigned i = 0; i < m->live_count; i++) {
		const struct process *p = m->live[i];

		for (size_t v = 0; p->alive && v < p->mm.vmas.count; v++) {
			const struct vma *vma = &p->mm.vmas.vmas[v];

			if (vma->kind == VMA_KIND_FILE && vma->file->shmem)
				memfs_mark_mapped(&m->memfs, vma->file);
		}
	}
	memfs_reap_end(&m->memfs, &m->cache);
}

void process_end(struct machine *m, struct process *p, int wait_status)
{
	struct process *parent = p->ppid != 0
				 ? machine_process(m, p->ppid) : NULL;

	p->wait_status = wait_status;
	/* do_notify_parent(): SIGCHLD to the parent (pending when it has a
	 * handler: none runs); a parent that ignores it (or set
	 * SA_NOCLDWAIT) does not wait: the child reaps itself */
	p->zombie = parent != NULL && !signal_autoreap(&parent->sig);
	if (parent != NULL && parent->alive)
		signal_post(&parent->sig, SIG_CHLD);
	process_exit(m, p);
}

/* exit_mmap(): every user page and page table of P, and its page
 * directory. */
static void release_user_memory(struct machine *m, struct process *p)
{
	pte_t pgd[PTRS_PER_TABLE], table[PTRS_PER_TABLE];

	if (p->pgd == 0)
		return;
	/* each table read whole: a walk entry by entry through the frame
	 * lookup costs a thousand lookups for a table's few entries */
	if (phys_read_words(&m->mem, p->pgd >> PAGE_SHIFT, pgd))
		for (unsigned i = 0; i < pde_index(PAGE_OFFSET); i++) {
			if (!pte_present(pgd[i]))
				continue;
			if (phys_read_words(&m->mem, pte_pfn(pgd[i]), table))
				for (unsigned j = 0; j < PTRS_PER_TABLE; j++)
					release_pte(m, table[j]);
			phys_free(&m->mem, pte_pfn(pgd[i]));
		}
	phys_free(&m->mem, p->pgd >> PAGE_SHIFT);
	p->pgd = 0;
	p->mm.rss = (struct mm_rss){ 0 };
}

void process_exit(struct machine *m, struct process *p)
{
	release_user_memory(m, p);
	files_release(&p->files);
	if (m->current == p)
		process_switch(m, NULL);
	p->alive = false;
	reparent_children(m, p);
	if (!p->zombie)
		bury(m, p);
	process_reap_shmem(m);
}

/* copy_present_pte(): the child maps the same frame; a private writable
 * page becomes read-only in both (copy-on-write); the child's entry is
 * old (A clear), and clean in a shared mapping. */
static int copy_pte(struct machine *m, struct process *parent,
		    struct process *child, const struct vma *vma,
		    uint32_t addr, pte_t pte, struct ef_error *err)
{
	struct frame_info *info = phys_frame(&m->mem, pte_pfn(pte));
	bool cow = !(vma->flags & VMA_SHARED);

	if (cow && (pte & PTE_RW)) {
		pte &= ~PTE_RW;
		if (process_set_pte(m, parent, addr, pte, err) != 0)
			return -1;
	}
	if (info->kind != FRAME_ZERO) {
		info->mapcount++;
		info->refcount++;
	}
	pte &= ~PTE_A;
	if (!cow)
		pte &= ~PTE_D;
	return process_set_pte(m, child, addr, pte, err);
}

/* copy_page_range() for one VMA; vma_needs_copy(): only VMAs with
 * anonymous pages - the others fill in again by faults, cheaper at fork.
 * The child's page table comes first (pte_alloc()), so that reclaim,
 * which the allocation may run, never sees a half-copied entry; a
 * swap entry is shared, its slot counted once more
 * (copy_nonpresent_pte()). */
static int copy_vma_ptes(struct machine *m, struct process *parent,
			 struct process *child, const struct vma *vma,
			 struct ef_error *err)
{
	/* copy_page_range() is not run for what fork leaves out or
	 * wipes (dup_mmap()); a VM_PFNMAP VMA (the vvar page) is copied */
	if ((!(vma->flags & VMA_ANON_VMA) && vma->kind != VMA_KIND_VVAR) ||
	    (vma->flags & (VMA_DONTCOPY | VMA_WIPEONFORK)))
		return 0;
	for (uint64_t addr = process_next_table(m, parent, vma->start,
						vma->end);
	     addr < vma->end;
	     addr = process_next_table(m, parent, addr + PAGE_SIZE,
				       vma->end)) {
		pte_t pte = process_get_pte(m, parent, (uint32_t)addr);

		if (!pte_is_swap(pte) && !pte_maps_frame(pte))
			continue;
		if (process_ensure_table(m, child, (uint32_t)addr, err) != 0)
			return -1;
		pte = process_get_pte(m, parent, (uint32_t)addr);
		if (pte_is_swap(pte)) {
			swap_dup(&m->swap, swap_pte_offset(pte));
			if (process_set_pte(m, child, (uint32_t)addr, pte,
					    err) != 0)
				return -1;
		} else if (pte_maps_frame(pte) &&	/* PROT_NONE too */
			   copy_pte(m, parent, child, vma, (uint32_t)addr, pte,
				    err) != 0) {
			return -1;
		}
	}
	return 0;
}

/* Keep P's mm (its VMAs and files) among the retired ones, until
 * machine_collect() (without room to say so, until the machine goes). */
static int retire_mm(struct machine *m, struct process *p)
{
	struct mm **grown = realloc(p->retired, (p->retired_count + 1) *
				    sizeof *grown);
	struct mm *old = malloc(sizeof *old);

	if (grown != NULL)
		p->retired = grown;
	if (grown == NULL || old == NULL) {
		free(old);
		return -1;
	}
	mm_move(old, &p->mm);
	p->retired[p->retired_count++] = old;
	if (p->retired_count == 1 &&
	    reserve_one(&m->retiring, m->retiring_count,
			&m->retiring_capacity) == 0)
		m->retiring[m->retiring_count++] = p;
	return 0;
}

int process_execve(struct machine *m, struct process *p,
		   struct elf_image *image, const struct exec_args *args,
		   bool *killed, struct ef_error *err)
{
	struct mm mm = { 0 };
	bool was_current = m->current == p;

	*killed = false;
	if (exec_layout_build(image, m->target, args, &mm, err) != 0 &&
	    !mm.killed) {
		mm_release(&mm);
		return -1;	/* before the point of no return */
	}
	/* begin_new_exec(): exec_mmap() - the old mm goes */
	if (was_current)
		process_switch(m, NULL);
	release_user_memory(m, p);
	if (retire_mm(m, p) != 0) {
		mm_release(&mm);
		process_end(m, p, SIG_SEGV);
		return ef_error_set(err, PHYS_ERR_NOMEM, ENOMEM,
				    "out of memory");
	}
	mm_move(&p->mm, &mm);
	set_name(p, args->filename);
	memset(p->tls, 0, sizeof p->tls);	/* flush_thread() */
	exec_task_state(p);
	if (mm.killed || build_first_pages(m, p, err) != 0) {
		/* past it, a failure kills the process (SIGSEGV) */
		*killed = mm.killed;
		process_end(m, p, SIG_SEGV);
		process_reap_shmem(m);
		return mm.killed ? 0 : -1;
	}
	process_reap_shmem(m);
	free(p->mm.stack);	/* its bytes are in the process's pages now */
	p->mm.stack = NULL;
	if (was_current)
		process_switch(m, p);
	return 0;
}

/* copy_process()'s bad_fork_* unwinding: a child that fork could not
 * finish (no frame for its page tables, or the OOM killer chose its
 * parent) is undone - its page tables and descriptors released, and it
 * leaves the task list and the machine's processes, freed: nobody saw
 * it (no zombie, no SIGCHLD, no line in a summary).  Its pid stays
 * taken, as alloc_pid()'s cyclic allocation has moved on past it. */
static void discard_child(struct machine *m, struct process *child)
{
	release_user_memory(m, child);
	files_release(&child->files);
	take_out(m->live, &m->live_count, child);
	take_out(m->processes, &m->process_count, child);
	free(child->exe_path);
	mm_release(&child->mm);
	free(child);
}

struct process *process_fork(struct machine *m, struct process *parent,
			     struct ef_error *err)
{
	struct process *child = calloc(1, sizeof *child), *was;

	if (child == NULL) {
		ef_error_set(err, PHYS_ERR_NOMEM, ENOMEM, "out of memory");
		return NULL;
	}
	if (mm_dup(&child->mm, &parent->mm, err) != 0 ||
	    add_process(m, child, err) != 0) {
		mm_release(&child->mm);
		free(child);
		return NULL;
	}
	child->pid = ++m->next_pid;
	child->ppid = parent->pid;
	parent->forked = true;
	memcpy(child->name, parent->name, sizeof child->name);
	memcpy(child->tls, parent->tls, sizeof child->tls);
	fork_task_state(child, parent);
	child->exe_path = parent->exe_path ? strdup(parent->exe_path) : NULL;
	child->alive = true;
	was = m->allocating;
	m->allocating = parent;	/* the OOM killer must not tear it down */
	if (files_dup(&child->files, &parent->files, err) != 0 ||
	    kernel_space_new_pgd(&m->kernel, &child->pgd, err) != 0)
		goto fail;
	for (size_t i = 0; i < parent->mm.vmas.count; i++)
		if (copy_vma_ptes(m, parent, child, &parent->mm.vmas.vmas[i],
				  err) != 0)
			goto fail;
	m->allocating = was;
	/* dup_mmap() flushes the parent's TLB: its entries were writable. */
	if (m->current == parent)
		mmu_write_cr3(&m->mmu, parent->pgd);
	child->started = true;
	return child;
fail:
	m->allocating = was;
	discard_child(m, child);
	return NULL;
}
