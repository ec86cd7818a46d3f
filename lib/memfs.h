/* memfs.h - the files the processes create: in memory only.
 *
 * The host's files are read-only to the model (what is written to one
 * stays in the page cache: page_cache.h).  A file a process creates
 * (open() with O_CREAT of a path that names no file) lives in the
 * machine's memory, as a file on tmpfs does: its pages come from the
 * page cache alone, zeros until written.  It is known by the path the
 * process gave, exactly as given, and by a device and inode of its own
 * (device 00:02, inodes from 2: 1 is the root directory's).  As on
 * tmpfs, the root and the files are at most nr_inodes (memfs_init()):
 * a file more is ENOSPC.
 */
#ifndef ELFAULT_MEMFS_H
#define ELFAULT_MEMFS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "mapped_file.h"
#include "number_index.h"

/* A shmem object: the one file behind each MAP_SHARED|MAP_ANONYMOUS
 * mapping (shmem_zero_setup()). */
struct memfs_shmem {
	struct mapped_file *file;
	bool mapped;		/* seen in a VMA by this reap's marking */
};

struct memfs {
	struct mapped_file **files;	/* created; path: the path as given */
	size_t count, capacity;
	size_t max_inodes;		/* nr_inodes, the root's among them;
					 * 0: no limit */
	struct number_index by_path;	/* the files by path */
	struct memfs_shmem *shmem;	/* by inode: shmem[inode - 1] */
	size_t shmem_count, shmem_capacity;
	size_t *live;			/* indices of the shmem objects not
					 * reaped (their pages not freed) */
	size_t live_count, live_capacity;
	uint64_t next_inode;
};

enum memfs_error {
	MEMFS_ERR_NONE = 0,
	MEMFS_ERR_NOMEM = EF_ERR_BASE(EF_DOMAIN_MEMFS) + 1,
	MEMFS_ERR_NOSPC,	/* no inode left (ENOSPC) */
};

/* An empty memfs - its root directory alone - of at most MAX_INODES
 * inodes, the root's among them (0: no limit): MAX_INODES - 1 files. */
void memfs_init(struct memfs *fs, size_t max_inodes);

/* shmem_default_max_inodes(): the inodes of a tmpfs mounted without
 * nr_inodes - half a machine of FRAMES frames, and no more than its
 * lowmem frames (LOWMEM_FRAMES). */
size_t memfs_default_max_inodes(uint64_t frames, uint64_t lowmem_frames);

void memfs_release(struct memfs *fs);

/* The file created at PATH, or NULL. */
const struct mapped_file *memfs_lookup(const struct memfs *fs,
				       const char *path);

/* A new empty file at PATH (not already in FS).  Returns it, or NULL
 * with ERR (MEMFS_ERR_NOSPC, MEMFS_ERR_NOMEM). */
const struct mapped_file *memfs_create(struct memfs *fs, const char *path,
				       struct ef_error *err);

struct page_cache;

/* shmem_evict_inode(), for the shmem objects no VMA of a live process
 * maps any more - their pages leave the page cache, once - in three
 * calls: memfs_reap_begin(), which returns false when no shmem object is
 * left to reap (then nothing more is needed); memfs_mark_mapped() for the
 * file of every VMA of every live process that maps a shmem object; and
 * memfs_reap_end(), which reaps those not marked.  The work is that of
 * the VMAs and the objects not yet gone, whatever the machine made
 * before. */
bool memfs_reap_begin(struct memfs *fs);
void memfs_mark_mapped(struct memfs *fs, const struct mapped_file *shmem);
void memfs_reap_end(struct memfs *fs, struct page_cache *pc);

/* shmem_zero_setup(): the object behind a MAP_SHARED|MAP_ANONYMOUS
 * mapping of SIZE bytes - unnamed (no path finds it), shown in maps as
 * "/dev/zero (deleted)" on device 00:01, its inode the next of that
 * device's (from 1).  Returns it, or NULL with ERR. */
const struct mapped_file *memfs_shmem(struct memfs *fs, uint64_t size,
				      struct ef_error *err);

#endif
