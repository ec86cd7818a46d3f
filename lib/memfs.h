/* memfs.h - the files the processes create: in memory only.
 *
 * The host's files are read-only to the model (what is written to one
 * stays in the page cache: page_cache.h).  A file a process creates
 * (open() with O_CREAT of a path that names no file) lives in the
 * machine's memory, as a file on tmpfs does: its pages come from the
 * page cache alone, zeros until written.  It is known by the path the
 * process gave, exactly as given, and by a device and inode of its own
 * (device 00:02, inodes from 2).
 */
#ifndef ELFAULT_MEMFS_H
#define ELFAULT_MEMFS_H

#include <stdbool.h>

#include "error.h"
#include "mapped_file.h"

struct memfs_file {
	struct mapped_file *file;	/* path: the path as given */
	bool gone;			/* a shmem object no one maps: its
					 * pages freed */
};

struct memfs {
	struct memfs_file *files;
	unsigned count;
	uint64_t next_inode;
	uint64_t next_shmem_inode;	/* shm_mnt's, on device 00:01 */
};

enum memfs_error {
	MEMFS_ERR_NONE = 0,
	MEMFS_ERR_NOMEM = EF_ERR_BASE(EF_DOMAIN_MEMFS) + 1,
};

void memfs_init(struct memfs *fs);
void memfs_release(struct memfs *fs);

/* The file created at PATH, or NULL. */
const struct mapped_file *memfs_lookup(const struct memfs *fs,
				       const char *path);

/* A new empty file at PATH (not already in FS).  Returns it, or NULL
 * with ERR (MEMFS_ERR_NOMEM). */
const struct mapped_file *memfs_create(struct memfs *fs, const char *path,
				       struct ef_error *err);

struct page_cache;

/* Whether a VMA of a live process maps FILE. */
typedef bool memfs_mapped_fn(void *ctx, const struct mapped_file *file);

/* shmem_evict_inode(): every shmem object MAPPED says no one maps any
 * more is gone - its pages leave PC, once. */
void memfs_reap(struct memfs *fs, struct page_cache *pc,
		memfs_mapped_fn *mapped, void *ctx);

/* shmem_zero_setup(): the object behind a MAP_SHARED|MAP_ANONYMOUS
 * mapping of SIZE bytes - unnamed (no path finds it), shown in maps as
 * "/dev/zero (deleted)" on device 00:01, its inode the next of that
 * device's (from 1).  Returns it, or NULL with ERR. */
const struct mapped_file *memfs_shmem(struct memfs *fs, uint64_t size,
				      struct ef_error *err);

#endif
