/* mm_syscalls.h - mmap, munmap, mprotect and brk on a simulated process.
 *
 * Each call does what the Linux 6.1 system call does to the process's
 * VMAs and page tables (mm/mmap.c do_mmap(), mmap_region(), do_munmap(),
 * mm/mprotect.c, brk()), and fails with the errno the kernel returns.
 * Returns are the system call's: an address, 0, or -errno; -1 with ERR
 * set only for elfault's own failures (host memory, no simulated frame).
 */
#ifndef ELFAULT_MM_SYSCALLS_H
#define ELFAULT_MM_SYSCALLS_H

/* vm.max_map_count's default (DEFAULT_MAX_MAP_COUNT: USHRT_MAX less
 * MAPCOUNT_ELF_CORE_MARGIN): the VMAs a process may have.  mmap() and
 * brk() fail with ENOMEM past it, and munmap() and mprotect() when they
 * would split a VMA at it. */
#define MM_MAX_MAP_COUNT 65530

#include <stdbool.h>
#include <stdint.h>

#include "error.h"
#include "process.h"

/* PROT_* and MAP_* as in <sys/mman.h>. */
enum {
	MM_PROT_NONE = 0, MM_PROT_READ = 1, MM_PROT_WRITE = 2, MM_PROT_EXEC = 4,
};
enum {
	MM_MAP_SHARED = 0x01, MM_MAP_PRIVATE = 0x02, MM_MAP_FIXED = 0x10,
	MM_MAP_ANONYMOUS = 0x20, MM_MAP_FIXED_NOREPLACE = 0x100000,
};

/* The result of one call: the return value, or the errno. */
struct mm_result {
	int64_t value;		/* the address, 0 or the new brk */
	int error;		/* 0, or EINVAL, ENOMEM, EEXIST, EACCES... */
};

/* mmap(ADDR, LENGTH, PROT, FLAGS, FILE, OFFSET).  FILE is NULL with
 * MM_MAP_ANONYMOUS; FILE_WRITABLE says whether it was opened for writing
 * (a shared writable mapping needs it).  Returns 0 with RESULT filled
 * (MAP_SHARED|MAP_ANONYMOUS maps a new shmem object: memfs_shmem()), or
 * -1 with ERR set: simulated or host memory ran out. */
int mm_mmap(struct machine *m, struct process *p, uint32_t addr,
	    uint32_t length, int prot, int flags,
	    const struct mapped_file *file, bool file_writable,
	    uint64_t file_id, uint64_t offset, struct mm_result *result,
	    struct ef_error *err);

/* munmap(ADDR, LENGTH): the VMAs split, the pages' frames let go. */
int mm_munmap(struct machine *m, struct process *p, uint32_t addr,
	      uint32_t length, struct mm_result *result, struct ef_error *err);

/* mprotect(ADDR, LENGTH, PROT): VMAs split and their PTEs changed. */
int mm_mprotect(struct machine *m, struct process *p, uint32_t addr,
		uint32_t length, int prot, struct mm_result *result,
		struct ef_error *err);

/* madvise()'s advice (include/uapi/asm-generic/mman-common.h). */
enum {
	MM_MADV_NORMAL = 0, MM_MADV_RANDOM = 1, MM_MADV_SEQUENTIAL = 2,
	MM_MADV_WILLNEED = 3, MM_MADV_DONTNEED = 4, MM_MADV_FREE = 8,
	MM_MADV_REMOVE = 9, MM_MADV_DONTFORK = 10, MM_MADV_DOFORK = 11,
	MM_MADV_MERGEABLE = 12, MM_MADV_UNMERGEABLE = 13,
	MM_MADV_HUGEPAGE = 14, MM_MADV_NOHUGEPAGE = 15,
	MM_MADV_DONTDUMP = 16, MM_MADV_DODUMP = 17, MM_MADV_WIPEONFORK = 18,
	MM_MADV_KEEPONFORK = 19, MM_MADV_COLD = 20, MM_MADV_PAGEOUT = 21,
	MM_MADV_POPULATE_READ = 22, MM_MADV_POPULATE_WRITE = 23,
	MM_MADV_DONTNEED_LOCKED = 24, MM_MADV_COLLAPSE = 25,
	MM_MADV_HWPOISON = 100, MM_MADV_SOFT_OFFLINE = 101,
};

/* madvise(ADDR, LENGTH, ADVICE) (mm/madvise.c do_madvise()): EINVAL for
 * advice 6.1 does not know, an unaligned ADDR or a range that wraps; 0
 * for LENGTH 0; then VMA by VMA over the range - ENOMEM for a hole
 * (after the VMAs past it were advised) or a range that ends unmapped.
 * MADV_DONTNEED and MADV_DONTNEED_LOCKED zap the range's pages (the next
 * touch faults again: a fresh zero-filled page, or the file's page);
 * MADV_REMOVE zaps them too, for a file mapped shared and writable
 * (EINVAL for anonymous memory, EACCES otherwise; the file's pages are
 * not punched out); MADV_DONTFORK, MADV_DOFORK, MADV_WIPEONFORK
 * (anonymous private memory only, else EINVAL), MADV_KEEPONFORK,
 * MADV_NORMAL, MADV_RANDOM, MADV_SEQUENTIAL, MADV_DONTDUMP, MADV_DODUMP
 * (EINVAL for the vDSO), MADV_MERGEABLE, MADV_UNMERGEABLE, MADV_HUGEPAGE
 * and MADV_NOHUGEPAGE set or clear the VMA's flag, splitting it where the
 * range cuts it (fork honours DONTFORK and WIPEONFORK: mm_dup()); MADV_FREE
 * (anonymous private memory only, else EINVAL), MADV_WILLNEED,
 * MADV_COLD and MADV_PAGEOUT are accepted without effect (no readahead,
 * no early reclaim); MADV_POPULATE_READ and _WRITE check the VMA's
 * permissions (EINVAL) but fault nothing in; MADV_COLLAPSE is EINVAL
 * (transparent huge pages "never", as on the VM); MADV_HWPOISON and
 * MADV_SOFT_OFFLINE are not modelled (EINVAL). */
int mm_madvise(struct machine *m, struct process *p, uint32_t addr,
	       uint32_t length, int advice, struct mm_result *result,
	       struct ef_error *err);

/* brk(NEW): grows or shrinks the heap; returns the (new or old) brk. */
int mm_brk(struct machine *m, struct process *p, uint32_t new_brk,
	   struct mm_result *result, struct ef_error *err);

#endif
