/* page_cache.h - file pages in physical memory, shared by every mapper.
 *
 * The kernel keeps the pages of files it has read in the page cache
 * (mm/filemap.c), keyed by the file and the page index: a fault on a file
 * page finds it there (a minor fault) or reads it from the disk first (a
 * major fault, counted in majflt).  Pages stay cached after the processes
 * that mapped them exit.  Here "the disk" is the file on the host: a read
 * copies its bytes into a FRAME_PAGE_CACHE frame, zero-filled past the
 * end of the file.
 *
 * The cache holds one reference on each of its frames; mappers add their
 * own (frame refcount) and count their PTEs (frame mapcount).
 *
 * Files are known by their identity (device and inode), not by the
 * mapped_file a caller passes: two processes that map the same file share
 * its cached pages.  The cache keeps its own copy of each file's record;
 * a cached frame's frame_info.file points to that copy.
 *
 * On a warm cache (page_cache.warm) every page of every file is in
 * memory already, as a file on tmpfs or in an initramfs is: a page not
 * cached yet still takes a frame, but no disk read (no major fault).
 *
 * Reclaim drops cached pages; a dirty one (written through a shared
 * mapping) is first written back, to a copy of the page the cache keeps -
 * the host file is never written - and a later read gets those bytes.
 */
#ifndef ELFAULT_PAGE_CACHE_H
#define ELFAULT_PAGE_CACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "number_index.h"
#include "phys_mem.h"
#include "vma.h"

enum page_cache_error {
	PAGE_CACHE_ERR_NONE = 0,
	/* the host file cannot be read */
	PAGE_CACHE_ERR_IO = EF_ERR_BASE(EF_DOMAIN_PAGE_CACHE) + 1,
	PAGE_CACHE_ERR_NOMEM,	/* host memory */
};

struct page_cache {
	struct phys_mem *mem;
	struct page_cache_slot *slots;	/* open addressing, by (file, index) */
	size_t capacity, count;
	size_t tombstones;		/* removed slots still in the table */
	struct page_cache_file *files;	/* the files seen */
	size_t file_count, file_capacity;
	struct number_index by_identity;	/* the files by device and
						 * inode */
	bool warm;			/* the files are in memory already
					 * (tmpfs, an initramfs): a page not
					 * cached yet comes without a disk
					 * read */
	uint64_t reads;			/* pages read from the disk */
	uint64_t hits;			/* lookups that found the page */
	uint64_t writes;		/* pages written back */
	size_t memory_written;		/* of files in memory (tmpfs, shmem):
					 * the pages written back, which the
					 * kernel would hold in swap */
};

void page_cache_init(struct page_cache *pc, struct phys_mem *mem);

/* Drop every cached page (freeing its frame) and forget the files. */
void page_cache_release(struct page_cache *pc);

/* Whether page INDEX of FILE is cached or was written back: for a file
 * in memory, whether it has the page at all (else a hole: zeros). */
bool page_cache_holds(struct page_cache *pc, const struct mapped_file *file,
		      uint64_t index);

/* The frame caching page INDEX of FILE, if cached: returns true and sets
 * *PFN (no reference taken; counts a hit). */
bool page_cache_find(struct page_cache *pc, const struct mapped_file *file,
		     uint64_t index, uint64_t *pfn);

/* Read page INDEX of FILE from the disk into a new frame and cache it
 * (filemap_fault()'s miss path).  Returns 0 with *PFN set, or -1 with ERR
 * set: the phys_mem error when no frame is free, PAGE_CACHE_ERR_IO or
 * _NOMEM otherwise. */
int page_cache_read(struct page_cache *pc, const struct mapped_file *file,
		    uint64_t index, uint64_t *pfn, struct ef_error *err);

/* Take page INDEX of FILE out of the cache (its frame is freed when no
 * one else holds it).  Nothing when it is not cached. */
void page_cache_remove(struct page_cache *pc, const struct mapped_file *file,
		       uint64_t index);

/* Write the cached page in frame PFN back to the disk: it is clean
 * afterwards.  Returns 0, or -1 with ERR (PAGE_CACHE_ERR_NOMEM). */
int page_cache_write_back(struct page_cache *pc, uint64_t pfn,
			  struct ef_error *err);

/* FILE's number among the files the cache has seen (0, 1, ...; the next
 * number for a file not seen yet). */
unsigned page_cache_file_number(const struct page_cache *pc,
				const struct mapped_file *file);

/* The file is gone (a shmem object no one maps): drop its cached pages,
 * in index order, and what was written back of it.  Costs the smaller of
 * the file's pages and the cache's size. */
void page_cache_forget(struct page_cache *pc, const struct mapped_file *file);

/* The cache's own record of FILE (one per device and inode, made on
 * first sight and kept as long as the cache): what a mapping made
 * through a descriptor points to, so that the mapping outlives the
 * descriptor.  Returns NULL with ERR (PAGE_CACHE_ERR_NOMEM). */
const struct mapped_file *page_cache_file_record(struct page_cache *pc,
						 const struct mapped_file *file,
						 struct ef_error *err);

/* FILE's size as the cache knows it: the host's, or more once a write
 * went past its end. */
uint64_t page_cache_file_size(const struct page_cache *pc,
			      const struct mapped_file *file);

/* i_size_write(): a write made FILE SIZE bytes long (never shorter).
 * Returns 0, or -1 with ERR (PAGE_CACHE_ERR_NOMEM). */
int page_cache_grow_file(struct page_cache *pc, const struct mapped_file *file,
			 uint64_t size, struct ef_error *err);

/* Pages cached now. */
size_t page_cache_count(const struct page_cache *pc);

#endif
