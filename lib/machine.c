/* machine.c - a machine made and taken apart (machine.h). */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "lru.h"
#include "machine.h"
#include "process.h"

int machine_init(struct machine *m, uint64_t memory_bytes,
		 const struct exec_target *target, struct ef_error *err)
{
	memset(m, 0, sizeof *m);
	m->target = target;
	if (phys_init(&m->mem, memory_bytes, err) != 0)
		return -1;
	if (kernel_space_init(&m->kernel, &m->mem, err) != 0 ||
	    phys_alloc(&m->mem, FRAME_ZERO, &m->zero_pfn, err) != 0) {
		phys_release(&m->mem);
		return -1;
	}
	mmu_init(&m->mmu, &m->mem);
	mmu_write_cr3(&m->mmu, m->kernel.pgd);
	page_cache_init(&m->cache, &m->mem);
	memfs_init(&m->memfs, memfs_default_max_inodes(m->mem.frame_count,
						       LOWMEM_LIMIT >> PAGE_SHIFT));
	lru_attach(m);
	reclaim_attach(m);
	return 0;
}

struct process *machine_process(const struct machine *m, int pid)
{
	unsigned low = 0, high = m->process_count;

	while (low < high) {
		unsigned mid = low + (high - low) / 2;

		if (m->processes[mid]->pid == pid)
			return m->processes[mid];
		if (m->processes[mid]->pid < pid)
			low = mid + 1;
		else
			high = mid;
	}
	return NULL;
}

/* The mms P's execve() calls retired, freed. */
static void release_retired(struct process *p)
{
	for (size_t j = 0; j < p->retired_count; j++) {
		mm_release(p->retired[j]);
		free(p->retired[j]);
	}
	free(p->retired);
	p->retired = NULL;
	p->retired_count = 0;
}

/* What a buried P no longer needs, freed: its memory descriptors and
 * its exe path (what is left is the record the summary shows). */
static void release_task(struct process *p)
{
	free(p->exe_path);
	p->exe_path = NULL;
	mm_release(&p->mm);
	release_retired(p);
}

void machine_collect(struct machine *m)
{
	for (unsigned i = 0; i < m->retiring_count; i++)
		release_retired(m->retiring[i]);
	m->retiring_count = 0;
	for (unsigned i = 0; i < m->dead_count; i++)
		release_task(m->dead[i]);
	m->dead_count = 0;
}

void machine_release(struct machine *m)
{
	for (unsigned i = 0; i < m->process_count; i++) {
		struct process *p = m->processes[i];

		if (p->alive)
			process_exit(m, p);
		files_release(&p->files);
		release_task(p);
		free(p);
	}
	free(m->processes);
	free(m->live);
	free(m->dead);
	free(m->retiring);
	m->mem.hooks = (struct phys_hooks){ NULL, NULL, NULL, NULL };
	page_cache_release(&m->cache);
	memfs_release(&m->memfs);
	replacement_release(&m->lru);
	swap_release(&m->swap);
	phys_release(&m->mem);
	memset(m, 0, sizeof *m);
}
