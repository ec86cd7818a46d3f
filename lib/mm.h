/* mm.h - a process's memory descriptor: struct mm_struct's fields.
 *
 * exec builds one (exec_layout.h), fork copies one (dup_mmap(): mm_dup),
 * mmap, munmap, mprotect and brk change its VMAs (mm_syscalls.h), and
 * exit releases it.  The page tables are not here: they belong to the
 * process (process.h), as the kernel's pgd hangs off the mm but is
 * walked by the MMU.
 */
#ifndef ELFAULT_MM_H
#define ELFAULT_MM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "exec_target.h"
#include "mapped_file.h"
#include "vma.h"

/* An auxiliary vector entry (AT_*) placed on the stack. */
struct auxv_entry {
	uint64_t type;
	uint64_t value;
};

/* The memory counters of an mm (mm->rss_stat, mm_pgtables_bytes()):
 * pages its PTEs map, swap entries, page tables - kept as the page
 * tables change (process.h), read by the OOM killer in O(1). */
struct mm_rss {
	uint64_t anon, file;	/* MM_ANONPAGES, MM_FILEPAGES */
	uint64_t shmem;		/* MM_SHMEMPAGES: a file in memory's */
	uint64_t swapents;	/* MM_SWAPENTS */
	uint64_t pgtables;	/* page-table pages */
};

/* A range of user addresses, [start, end). */
struct mm_range {
	uint64_t start, end;
};

/* The memory descriptor (right after exec: what exec_layout_build()
 * set). */
struct mm {
	const struct exec_target *target;
	struct vma_set vmas;
	struct mapped_file program;	/* the file exec'd */
	struct mapped_file interpreter;	/* PT_INTERP, when path != NULL */
	uint64_t start_code, end_code;
	uint64_t start_data, end_data;
	uint64_t start_brk, brk;
	uint64_t start_stack;		/* where argc is */
	uint64_t arg_start, arg_end, env_start, env_end;
	uint64_t load_bias;		/* added to the program's p_vaddr */
	uint64_t interp_base;		/* AT_BASE: the interpreter's bias */
	uint64_t vdso_base;		/* AT_SYSINFO_EHDR */
	uint64_t entry;			/* where the first instruction runs */
	uint64_t sp;			/* the initial stack pointer */
	struct mm_rss rss;		/* kept by process_set_pte() */
	bool read_implies_exec;		/* personality READ_IMPLIES_EXEC */
	bool executable_stack;
	size_t auxv_count;
	struct auxv_entry auxv[32];
	uint8_t *stack;			/* the bytes of [stack_low, stack_top):
					 * strings, pointers, auxv; gaps zero */
	uint64_t stack_low;		/* = sp: the lowest byte exec wrote */
	/* padzero()'s calls, in exec's order (the program's segments, then
	 * the interpreter's): each zeroes the rest of the page a segment's
	 * file part ends in with clear_user(), which the caller of exec
	 * runs (process.h).  Not copied by mm_dup(). */
	struct mm_range *padzero;
	size_t padzero_count;
	/* Set when exec failed after its point of no return
	 * (begin_new_exec()): the kernel then kills the process with
	 * SIGSEGV instead of returning the error to the caller. */
	bool killed;
};

/* Free what MM holds (its VMAs, files and stack bytes) and zero it. */
void mm_release(struct mm *mm);

/* dup_mmap()'s copy of SRC into DST: the fields, the VMAs (their files
 * now DST's own records; not those madvise(MADV_DONTFORK) marked, and
 * without an anon_vma those MADV_WIPEONFORK marked) and the files; not
 * the stack bytes exec wrote.
 * Returns 0, or -1 with ERR EXEC_ERR_HOST.  DST is released with
 * mm_release(). */
int mm_dup(struct mm *dst, const struct mm *src, struct ef_error *err);

/* Move SRC into DST (SRC is left empty): the VMAs of the program and
 * the interpreter then point to DST's records of them (an mm holds
 * pointers into itself, so it cannot be copied as bytes). */
void mm_move(struct mm *dst, struct mm *src);

/* The VMA flags of a mapping MM makes readable, writable, executable
 * (calc_vm_prot_bits() for mmap and mprotect, make_prot() for exec's
 * segments): under READ_IMPLIES_EXEC every readable mapping is
 * executable too. */
unsigned mm_vma_flags(const struct mm *mm, bool read, bool write, bool exec);

#endif
