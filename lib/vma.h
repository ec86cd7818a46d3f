/* vma.h - a process's virtual memory areas, as the kernel's mm keeps them.
 *
 * A VMA is a page-aligned range [start, end) with one set of permissions
 * and one backing (a file at a page offset, or anonymous memory).  A
 * vma_set holds them sorted and never overlapping, like mm->mm_mt.  Its
 * operations are the kernel's: mapping over a range replaces what was
 * there (MAP_FIXED), unmapping splits VMAs, and a new VMA merges with an
 * adjacent one when vma_merge() would (same flags, same file with
 * contiguous offsets, or both anonymous).
 *
 * Ownership: a vma_set owns its array; files are referred to by pointer
 * and must outlive the set (exec_layout keeps them in struct mm; a
 * mapping made through a descriptor points to the page cache's record of
 * its file, which the cache keeps: the descriptor may be closed while
 * the mapping stays, as vm_file holds its own reference).
 */
#ifndef ELFAULT_VMA_H
#define ELFAULT_VMA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "mapped_file.h"
#include "page.h"


/* vm_flags bits that /proc/PID/maps and the fault handler look at. */
enum vma_flag {
	VMA_READ = 1u << 0,
	VMA_WRITE = 1u << 1,
	VMA_EXEC = 1u << 2,
	VMA_SHARED = 1u << 3,	/* VM_MAYSHARE: 's' in maps */
	VMA_GROWSDOWN = 1u << 4, /* the stack */
	VMA_SPECIAL = 1u << 5,	/* vdso/vvar: install_special_mapping() */
	VMA_ANON_VMA = 1u << 6,	/* vma->anon_vma is set: the VMA has had an
				 * anonymous page (fork copies its PTEs);
				 * no bar to merging */
	VMA_BRK = 1u << 7,	/* made by brk(): it grows only from the heap
				 * VMA at start_brk, never merging below */
	VMA_WRITE_DENIED = 1u << 8, /* VM_MAYWRITE clear: a shared mapping of
				 * a file opened read-only */
	/* what madvise() sets (mm_syscalls.h); a VMA split by it shows */
	VMA_DONTCOPY = 1u << 9,	/* MADV_DONTFORK: fork leaves it out */
	VMA_WIPEONFORK = 1u << 10, /* the child's starts empty */
	VMA_SEQ_READ = 1u << 11, VMA_RAND_READ = 1u << 12,
	VMA_DONTDUMP = 1u << 13, VMA_MERGEABLE = 1u << 14,
	VMA_HUGEPAGE = 1u << 15, VMA_NOHUGEPAGE = 1u << 16,
	VMA_EXEC_DENIED = 1u << 17, /* VM_MAYEXEC clear: [vvar] */
};

/* What /proc/PID/maps names a VMA by, when not by its file. */
enum vma_kind {
	VMA_KIND_ANON,		/* anonymous; [heap]/[stack] decided by the mm */
	VMA_KIND_FILE,
	VMA_KIND_VDSO,
	VMA_KIND_VVAR,
	VMA_KIND_VVAR_VCLOCK,
	VMA_KIND_VSYSCALL,
};

struct vma {
	uint64_t start;		/* page aligned */
	uint64_t end;		/* page aligned, > start */
	unsigned flags;		/* enum vma_flag */
	enum vma_kind kind;
	const struct mapped_file *file;	/* VMA_KIND_FILE only */
	uint64_t file_id;	/* which open of FILE it was mapped through
				 * (the kernel's vm_file): 0, or an mmap'd
				 * descriptor's map_id (files.h) */
	uint64_t pgoff;		/* file offset in pages (VMA_KIND_FILE) */
};

struct vma_set {
	struct vma *vmas;	/* sorted by start */
	size_t count;
	size_t capacity;
};

enum vma_error {
	VMA_ERR_NONE = 0,
	/* host memory */
	VMA_ERR_NOMEM = EF_ERR_BASE(EF_DOMAIN_VMA) + 1,
	VMA_ERR_RANGE,		/* an empty, unaligned or wrapping range */
	VMA_ERR_NO_SPACE,	/* no free range of that size (the kernel's ENOMEM) */
};

void vma_set_init(struct vma_set *set);
void vma_set_release(struct vma_set *set);

/* Map NEW over [new->start, new->end): whatever was there is unmapped
 * first (MAP_FIXED), then NEW is inserted and merged with its neighbours
 * where the kernel would merge.  Returns 0, or -1 with ERR set. */
int vma_set_map(struct vma_set *set, const struct vma *new,
		struct ef_error *err);

/* Unmap [start, end), splitting VMAs that straddle its edges.  Returns 0,
 * or -1 with ERR set (VMA_ERR_RANGE, VMA_ERR_NOMEM). */
int vma_set_unmap(struct vma_set *set, uint64_t start, uint64_t end,
		  struct ef_error *err);

/* find_vma(): the first VMA whose end is above ADDR, or NULL. */
const struct vma *vma_set_find(const struct vma_set *set, uint64_t addr);

/* The last VMA that ends at or below ADDR, or NULL: the one before
 * vma_set_find(ADDR) (find_vma_prev()'s prev). */
const struct vma *vma_set_find_prev(const struct vma_set *set, uint64_t addr);

/* The VMA containing ADDR, or NULL. */
const struct vma *vma_set_lookup(const struct vma_set *set, uint64_t addr);

/* Add FLAGS to the VMA containing ADDR (nothing if none): bookkeeping
 * such as VMA_ANON_VMA that does not change the mapping. */
void vma_set_add_flags(struct vma_set *set, uint64_t addr, unsigned flags);

/* Whether any VMA overlaps [start, end). */
bool vma_set_overlaps(const struct vma_set *set, uint64_t start, uint64_t end);

/* vm_unmapped_area() top-down: the highest free range of LENGTH bytes
 * (page aligned) that ends at or below HIGH and starts at or above LOW,
 * keeping GAP bytes free above a VMA that grows down (the stack guard
 * gap).  Returns 0 with *START set, or -1 with ERR VMA_ERR_NO_SPACE. */
int vma_set_free_area_topdown(const struct vma_set *set, uint64_t length,
			      uint64_t low, uint64_t high, uint64_t gap,
			      uint64_t *start, struct ef_error *err);

/* get_unmapped_area() for a mapping that is not MAP_FIXED: HINT when the
 * range there is free, at or above MIN_ADDR, inside TASK_SIZE and clear
 * of a stack's guard gap GAP; otherwise the highest free range below
 * MMAP_BASE (vm_unmapped_area() top-down).  Returns 0 with *ADDR set, or
 * -1 with ERR VMA_ERR_NO_SPACE. */
int vma_set_get_unmapped_area(const struct vma_set *set, uint64_t hint,
			      uint64_t length, uint64_t min_addr,
			      uint64_t mmap_base, uint64_t task_size,
			      uint64_t gap, uint64_t *addr,
			      struct ef_error *err);

#endif
