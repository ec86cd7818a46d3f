/* machine.h - the simulated machine: physical memory, the kernel's half
 * of every address space, one MMU, the page cache, the processes
 * (process.h), and what reclaim keeps - the replacement policy's lists,
 * the swap area, /proc/vmstat's counters and the log of what it did.
 */
#ifndef ELFAULT_MACHINE_H
#define ELFAULT_MACHINE_H

#include <stdint.h>

#include "error.h"
#include "exec_target.h"
#include "future.h"
#include "kernel_space.h"
#include "memfs.h"
#include "mmu.h"
#include "page_cache.h"
#include "phys_mem.h"
#include "reclaim.h"
#include "replacement.h"
#include "swap.h"
#include "vmstat.h"

struct process;

/* Where the bytes processes write to their output go (descriptors 1
 * and 2 as exec gives them: files.h): WRITE gets them as the file takes
 * them, with the writer's pid and descriptor (NULL: they are in the
 * steps' data only). */
struct terminal_output {
	void (*write)(void *ctx, int pid, int fd, const uint8_t *bytes,
		      uint32_t n);
	void *ctx;
};

struct machine {
	const struct exec_target *target;
	struct phys_mem mem;
	struct kernel_space kernel;
	struct mmu mmu;
	struct page_cache cache;
	struct memfs memfs;	/* the files processes created */
	uint64_t zero_pfn;	/* the shared zero page */
	/* the vDSO's two pages and the vvar page (vdso.h), once made */
	bool has_vdso;
	uint64_t vdso_pfn[2], vvar_pfn;
	struct process **processes;	/* every process made, by pid */
	unsigned process_count, process_capacity;
	struct process **live;		/* those alive, and zombies: the
					 * task list the kernel scans */
	unsigned live_count, live_capacity;
	struct process **dead;		/* gone since machine_collect() */
	unsigned dead_count, dead_capacity;
	struct process **retiring;	/* those whose execve() retired an mm
					 * since machine_collect() */
	unsigned retiring_count, retiring_capacity;
	int next_pid;
	struct process *current; /* whose page directory is in CR3 */
	struct process *allocating; /* the process a fault or fork is for:
				     * the OOM killer fails its allocation
				     * rather than tear it down */
	unsigned oops_count;	/* die_counter: Oopses so far (taint D) */
	struct replacement lru;	/* the pages reclaim may take (lru.h) */
	struct swap_area swap;
	struct vmstat stat;	/* fault and reclaim counters (reclaim_vmstat()
				 * adds the replacement's scans) */
	struct reclaim_log log;	/* what reclaim did: the caller clears it */
	struct future *future;	/* opt: the references to come */
	struct future *recording; /* a run recording its references */
	uint64_t references;	/* page references so far: opt's clock */
	uint64_t next_anon_key;	/* page keys of anonymous pages */
	struct terminal_output terminal;
	uint64_t clock_ns;	/* the modelled clock (clock_calls.h) */
	uint64_t random_state;	/* getrandom()'s bytes (proc_calls.h) */
	uint64_t mapped_opens;	/* open files mmap'd so far: their ids */
};

/* A machine with MEMORY_BYTES of physical memory and the kernel in it,
 * the page lists and reclaim wired in (policy lru2q: lru.h; no swap:
 * reclaim.h);
 * TARGET must be a 32-bit target whose address space the i386 MMU
 * covers (the i386 target).  Returns 0, or -1 with ERR set. */
int machine_init(struct machine *m, uint64_t memory_bytes,
		 const struct exec_target *target, struct ef_error *err);

/* The process with PID (made by exec or fork), or NULL: a binary search
 * of M->processes, which is in pid order. */
struct process *machine_process(const struct machine *m, int pid);

/* Free what the processes that have gone since the last call still hold
 * (their VMAs, files' names, replaced mms): their pid, name and counts
 * stay for the reports; and the mms the live ones' execve() replaced.
 * A replay calls it between steps, once the step's report no longer
 * names their VMAs. */
void machine_collect(struct machine *m);

/* Tear every process down and release the machine. */
void machine_release(struct machine *m);

#endif
