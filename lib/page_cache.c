/* page_cache.c - a hash of (file, index) to frames, filled from the host. */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "page_cache.h"

struct page_cache_slot {
	const struct mapped_file *file;	/* NULL: empty; TOMBSTONE: removed */
	uint64_t index;
	uint64_t pfn;
};

/* A page written back to the simulated disk (the host file stays as it
 * was): later reads of the page get these bytes. */
struct written_page {
	uint64_t index;
	uint8_t *bytes;
};

/* A file the cache has seen: its own record and the pages written back
 * to it, found by index through an open-addressed table of their places
 * (so that a lookup costs the same however many pages were written). */
struct page_cache_file {
	struct mapped_file *file;
	struct written_page *written;
	size_t written_count, written_capacity;
	size_t *written_slots;		/* a place in written + 1, or 0 */
	size_t written_slot_count;	/* a power of two, or 0 */
};

static const struct mapped_file tombstone;
#define TOMBSTONE (&tombstone)

/* ---- the pages written back to a file, by index ---------------------- */

static size_t written_home(const struct page_cache_file *f, uint64_t index)
{
	uint64_t h = index * 0x9e3779b97f4a7c15ull;

	return (size_t)(h ^ (h >> 29)) & (f->written_slot_count - 1);
}

/* The slot of F's table that holds page INDEX's place, or the empty one
 * where it would go; NULL while the table is empty. */
static size_t *written_slot(const struct page_cache_file *f, uint64_t index)
{
	size_t mask = f->written_slot_count - 1;

	if (f->written_slot_count == 0)
		return NULL;
	for (size_t i = written_home(f, index);; i = (i + 1) & mask) {
		size_t *slot = &f->written_slots[i];

		if (*slot == 0 || f->written[*slot - 1].index == index)
			return slot;
	}
}

static struct written_page *written_page(const struct page_cache_file *f,
					 uint64_t index)
{
	const size_t *slot = written_slot(f, index);

	return slot != NULL && *slot != 0 ? &f->written[*slot - 1] : NULL;
}

/* Room in F for one more written page: the array doubled when full, the
 * table (rebuilt) when it would be more than half full.  Returns 0, or
 * -1 without host memory, F as it was. */
static int written_room(struct page_cache_file *f)
{
	size_t wanted;
	size_t *slots;

	if (f->written_count == f->written_capacity) {
		size_t capacity = f->written_capacity ? 2 * f->written_capacity
						      : 16;
		struct written_page *grown = realloc(f->written, capacity *
						     sizeof *grown);

		if (grown == NULL)
			return -1;
		f->written = grown;
		f->written_capacity = capacity;
	}
	if ((f->written_count + 1) * 2 <= f->written_slot_count)
		return 0;
	wanted = f->written_slot_count ? 2 * f->written_slot_count : 32;
	if ((slots = calloc(wanted, sizeof *slots)) == NULL)
		return -1;
	free(f->written_slots);
	f->written_slots = slots;
	f->written_slot_count = wanted;
	for (size_t i = 0; i < f->written_count; i++)
		*written_slot(f, f->written[i].index) = i + 1;
	return 0;
}

/* Page INDEX joins F's written pages, with host memory for its bytes;
 * NULL without host memory. */
static struct written_page *written_add(struct page_cache_file *f,
					uint64_t index)
{
	struct written_page *w;
	uint8_t *bytes;

	if (written_room(f) != 0 || (bytes = malloc(PAGE_SIZE)) == NULL)
		return NULL;
	w = &f->written[f->written_count];
	*w = (struct written_page){ index, bytes };
	*written_slot(f, index) = ++f->written_count;
	return w;
}

/* W leaves F's written pages, its bytes freed: its slot emptied and the
 * slots after it in its run moved back where a lookup still finds them
 * (deletion without tombstones), and the last page moved to its place. */
static void written_remove(struct page_cache_file *f, struct written_page *w)
{
	size_t mask = f->written_slot_count - 1;
	size_t place = (size_t)(w - f->written);
	size_t hole = (size_t)(written_slot(f, w->index) - f->written_slots);
	size_t last = f->written_count - 1;

	free(w->bytes);
	f->written_slots[hole] = 0;
	for (size_t i = (hole + 1) & mask; f->written_slots[i] != 0;
	     i = (i + 1) & mask) {
		size_t home = written_home(f,
					   f->written[f->written_slots[i] - 1].index);

		/* the entry at I may fill the hole unless its home lies
		 * cyclically in (hole, i] */
		if (((i - home) & mask) >= ((i - hole) & mask)) {
			f->written_slots[hole] = f->written_slots[i];
			f->written_slots[i] = 0;
			hole = i;
		}
	}
	if (place != last) {
		f->written[place] = f->written[last];
		*written_slot(f, f->written[place].index) = place + 1;
	}
	f->written_count = last;
}

/* All of F's written pages gone. */
static void forget_written(struct page_cache_file *f)
{
	for (size_t i = 0; i < f->written_count; i++)
		free(f->written[i].bytes);
	free(f->written);
	free(f->written_slots);
	f->written = NULL;
	f->written_slots = NULL;
	f->written_count = f->written_capacity = f->written_slot_count = 0;
}

void page_cache_init(struct page_cache *pc, struct phys_mem *mem)
{
	memset(pc, 0, sizeof *pc);
	pc->mem = mem;
}

void page_cache_release(struct page_cache *pc)
{
	for (size_t i = 0; i < pc->capacity; i++)
		if (pc->slots[i].file != NULL && pc->slots[i].file != TOMBSTONE)
			phys_free(pc->mem, pc->slots[i].pfn);
	for (size_t i = 0; i < pc->file_count; i++) {
		forget_written(&pc->files[i]);
		free(pc->files[i].file->path);
		free(pc->files[i].file);
	}
	free(pc->slots);
	free(pc->files);
	number_index_release(&pc->by_identity);
	memset(pc, 0, sizeof *pc);
}

static size_t hash(const struct mapped_file *file, uint64_t index)
{
	uint64_t h = (uint64_t)(uintptr_t)file * 0x9e3779b97f4a7c15ull;

	h ^= index * 0xc2b2ae3d27d4eb4full;
	return (size_t)(h ^ (h >> 29));
}

/* The slot holding (FILE, INDEX), or NULL. */
static struct page_cache_slot *lookup(const struct page_cache *pc,
				      const struct mapped_file *file,
				      uint64_t index)
{
	if (pc->capacity == 0)
		return NULL;
	for (size_t i = hash(file, index) & (pc->capacity - 1);;
	     i = (i + 1) & (pc->capacity - 1)) {
		struct page_cache_slot *slot = &pc->slots[i];

		if (slot->file == NULL)
			return NULL;
		if (slot->file == file && slot->index == index)
			return slot;
	}
}

static void insert(struct page_cache *pc, const struct mapped_file *file,
		   uint64_t index, uint64_t pfn)
{
	size_t i = hash(file, index) & (pc->capacity - 1);

	while (pc->slots[i].file != NULL && pc->slots[i].file != TOMBSTONE)
		i = (i + 1) & (pc->capacity - 1);
	if (pc->slots[i].file == TOMBSTONE)
		pc->tombstones--;
	pc->slots[i].file = file;
	pc->slots[i].index = index;
	pc->slots[i].pfn = pfn;
	pc->count++;
}

/* Keep the table at most half full (tombstones dropped on growth). */
static int grow(struct page_cache *pc, struct ef_error *err)
{
	struct page_cache_slot *old = pc->slots;
	size_t old_capacity = pc->capacity;

	if ((pc->count + pc->tombstones + 1) * 2 <= pc->capacity)
		return 0;
	pc->capacity = old_capacity == 0 ? 256
		       : (pc->count + 1) * 4 > old_capacity ? old_capacity * 2
							    : old_capacity;
	pc->slots = calloc(pc->capacity, sizeof *pc->slots);
	if (pc->slots == NULL) {
		pc->slots = old;
		pc->capacity = old_capacity;
		return ef_error_set(err, PAGE_CACHE_ERR_NOMEM, ENOMEM,
				    "out of memory");
	}
	pc->count = 0;
	pc->tombstones = 0;
	for (size_t i = 0; i < old_capacity; i++)
		if (old[i].file != NULL && old[i].file != TOMBSTONE)
			insert(pc, old[i].file, old[i].index, old[i].pfn);
	free(old);
	return 0;
}

static const void *file_of(const void *pc, size_t number)
{
	return ((const struct page_cache *)pc)->files[number].file;
}

/* Where a file's identity (mapped_file_same()) starts its probe. */
static size_t identity_hash(const void *key)
{
	const struct mapped_file *file = key;
	uint64_t h = file->inode * 0x9e3779b97f4a7c15ull;

	h ^= ((uint64_t)file->dev_major << 32 | file->dev_minor) *
	     0xc2b2ae3d27d4eb4full;
	h ^= file->in_memory;
	return (size_t)(h ^ (h >> 31));
}

static bool same_identity(const void *a, const void *b)
{
	return mapped_file_same(a, b);
}

static const struct number_index_keys identities = { file_of, identity_hash,
						     same_identity };

/* The cache's record of FILE (same device and inode), or NULL, whatever
 * number of files the cache has seen. */
static struct page_cache_file *known_file(const struct page_cache *pc,
					  const struct mapped_file *file)
{
	const size_t *slot = number_index_slot(&pc->by_identity, &identities,
					       pc, file);

	return slot != NULL && *slot != 0 ? &pc->files[*slot - 1] : NULL;
}

/* Room for one more file: in the array (doubled when full) and in the
 * index. */
static int room_for_file(struct page_cache *pc)
{
	if (pc->file_count == pc->file_capacity) {
		size_t wanted = pc->file_capacity ? 2 * pc->file_capacity : 16;
		struct page_cache_file *grown = realloc(pc->files,
							wanted * sizeof *grown);

		if (grown == NULL)
			return -1;
		pc->files = grown;
		pc->file_capacity = wanted;
	}
	return number_index_room(&pc->by_identity, &identities, pc,
				 pc->file_count);
}

/* The cache's own record of FILE, made on first sight. */
static struct page_cache_file *canonical(struct page_cache *pc,
					 const struct mapped_file *file,
					 struct ef_error *err)
{
	struct page_cache_file *known = known_file(pc, file);
	struct mapped_file *copy;

	if (known != NULL)
		return known;
	if (room_for_file(pc) != 0)
		goto nomem;
	copy = malloc(sizeof *copy);
	if (copy == NULL)
		goto nomem;
	*copy = *file;
	copy->path = strdup(file->path);
	if (copy->path == NULL) {
		free(copy);
		goto nomem;
	}
	pc->files[pc->file_count] = (struct page_cache_file){ .file = copy };
	*number_index_slot(&pc->by_identity, &identities, pc, copy) =
		pc->file_count + 1;
	return &pc->files[pc->file_count++];
nomem:
	ef_error_set(err, PAGE_CACHE_ERR_NOMEM, ENOMEM, "out of memory");
	return NULL;
}

/* The host file behind F, open while a page is read from it. */
static int file_fd(const struct page_cache_file *f, struct ef_error *err)
{
	int fd = open(f->file->path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return ef_error_set(err, PAGE_CACHE_ERR_IO, errno, "%s: %s",
				    f->file->path, strerror(errno));
	return fd;
}

bool page_cache_find(struct page_cache *pc, const struct mapped_file *file,
		     uint64_t index, uint64_t *pfn)
{
	const struct page_cache_file *f = known_file(pc, file);
	struct page_cache_slot *slot = f ? lookup(pc, f->file, index) : NULL;

	if (slot == NULL)
		return false;
	pc->hits++;
	*pfn = slot->pfn;
	return true;
}


/* Page INDEX of F from the disk: written back, or the host file's bytes
 * (zeros past its end).  Returns the bytes that count, or -1. */
static ssize_t read_from_disk(struct page_cache_file *f, uint64_t index,
			      uint8_t *page, struct ef_error *err)
{
	const struct written_page *w = written_page(f, index);
	ssize_t n;
	int fd;

	if (w != NULL) {
		memcpy(page, w->bytes, PAGE_SIZE);
		return PAGE_SIZE;
	}
	if (f->file->in_memory)		/* no disk behind it: zeros */
		return 0;
	if ((fd = file_fd(f, err)) < 0)
		return -1;
	n = pread(fd, page, PAGE_SIZE, (off_t)(index * PAGE_SIZE));
	close(fd);
	if (n < 0)
		return ef_error_set(err, PAGE_CACHE_ERR_IO, errno, "%s: %s",
				    f->file->path, strerror(errno));
	return n;
}

/* A file in memory's page read back from where reclaim wrote it: that
 * copy goes, as shmem_swapin_folio() frees the slot, and the page is
 * dirty again, its only copy. */
static void swap_in(struct page_cache *pc, struct page_cache_file *f,
		    uint64_t index, struct frame_info *info)
{
	struct written_page *w = written_page(f, index);

	if (w == NULL)
		return;
	written_remove(f, w);
	pc->memory_written--;
	info->dirty = true;
}

bool page_cache_holds(struct page_cache *pc, const struct mapped_file *file,
		      uint64_t index)
{
	const struct page_cache_file *f = known_file(pc, file);

	return f != NULL && (lookup(pc, f->file, index) != NULL ||
			     written_page(f, index) != NULL);
}

int page_cache_read(struct page_cache *pc, const struct mapped_file *file,
		    uint64_t index, uint64_t *pfn, struct ef_error *err)
{
	uint8_t page[PAGE_SIZE] = { 0 };
	struct page_cache_file *f = canonical(pc, file, err);
	struct frame_info *info;
	ssize_t n;

	if (f == NULL || grow(pc, err) != 0 ||
	    (n = read_from_disk(f, index, page, err)) < 0)
		return -1;
	if (phys_alloc(pc->mem, FRAME_PAGE_CACHE, pfn, err) != 0)
		return -1;
	if (n > 0 && phys_write(pc->mem, pfn_phys(*pfn), page,
				(size_t)n, err) != 0) {
		phys_free(pc->mem, *pfn);
		return -1;
	}
	info = phys_frame(pc->mem, *pfn);
	info->file = f->file;
	info->index = index;
	insert(pc, f->file, index, *pfn);
	pc->reads += !pc->warm && !file->in_memory;
	if (f->file->in_memory && n > 0)
		swap_in(pc, f, index, info);
	return 0;
}

/* SLOT's page out of the cache, the cache's reference dropped. */
static void remove_slot(struct page_cache *pc, struct page_cache_slot *slot)
{
	phys_put(pc->mem, slot->pfn);
	slot->file = TOMBSTONE;
	pc->count--;
	pc->tombstones++;
}

void page_cache_remove(struct page_cache *pc, const struct mapped_file *file,
		       uint64_t index)
{
	const struct page_cache_file *f = known_file(pc, file);
	struct page_cache_slot *slot = f ? lookup(pc, f->file, index) : NULL;

	if (slot != NULL)
		remove_slot(pc, slot);
}

int page_cache_write_back(struct page_cache *pc, uint64_t pfn,
			  struct ef_error *err)
{
	struct frame_info *info = phys_frame(pc->mem, pfn);
	struct page_cache_file *f = known_file(pc, info->file);
	struct written_page *w = written_page(f, info->index);

	if (w == NULL) {
		if ((w = written_add(f, info->index)) == NULL)
			return ef_error_set(err, PAGE_CACHE_ERR_NOMEM, ENOMEM,
					    "out of memory");
		pc->memory_written += f->file->in_memory;
	}
	if (phys_read(pc->mem, pfn_phys(pfn), w->bytes, PAGE_SIZE,
		      err) != 0)
		return -1;
	/* The file ends inside its last page: what lies past the end is
	 * not written (block_write_full_page() zeroes it). */
	if (info->file->size < (info->index + 1) * PAGE_SIZE) {
		uint64_t kept = info->file->size > info->index * PAGE_SIZE
				? info->file->size - info->index * PAGE_SIZE
				: 0;

		memset(w->bytes + kept, 0, PAGE_SIZE - kept);
	}
	info->dirty = false;
	pc->writes++;
	return 0;
}

unsigned page_cache_file_number(const struct page_cache *pc,
				const struct mapped_file *file)
{
	const struct page_cache_file *f = known_file(pc, file);

	return f != NULL ? (unsigned)(f - pc->files) : (unsigned)pc->file_count;
}

size_t page_cache_count(const struct page_cache *pc)
{
	return pc->count;
}

const struct mapped_file *page_cache_file_record(struct page_cache *pc,
						 const struct mapped_file *file,
						 struct ef_error *err)
{
	struct page_cache_file *f = canonical(pc, file, err);

	return f != NULL ? f->file : NULL;
}

uint64_t page_cache_file_size(const struct page_cache *pc,
			      const struct mapped_file *file)
{
	const struct page_cache_file *f = known_file(pc, file);

	return f != NULL ? f->file->size : file->size;
}

int page_cache_grow_file(struct page_cache *pc, const struct mapped_file *file,
			 uint64_t size, struct ef_error *err)
{
	struct page_cache_file *f = canonical(pc, file, err);

	if (f == NULL)
		return -1;
	if (size > f->file->size)
		f->file->size = size;
	return 0;
}

static int by_index(const void *a, const void *b)
{
	const struct page_cache_slot *x = *(const struct page_cache_slot *const *)a;
	const struct page_cache_slot *y = *(const struct page_cache_slot *const *)b;

	return (x->index > y->index) - (x->index < y->index);
}

/* FILE's pages out of the cache in index order, found by a pass over the
 * table.  Returns false, having done nothing, when the host has no
 * memory for their list. */
static bool remove_found(struct page_cache *pc, const struct mapped_file *file)
{
	struct page_cache_slot **found;
	size_t n = 0;

	if (pc->count == 0)
		return true;
	found = malloc(pc->count * sizeof *found);
	if (found == NULL)
		return false;
	for (size_t i = 0; i < pc->capacity; i++)
		if (pc->slots[i].file == file)
			found[n++] = &pc->slots[i];
	qsort(found, n, sizeof *found, by_index);
	for (size_t i = 0; i < n; i++)
		remove_slot(pc, found[i]);
	free(found);
	return true;
}

/* truncate_inode_pages(): the pages go in index order, and the kernel's
 * walk of the file's pages skips its holes; so a file with more pages
 * than the table has slots (a shared anonymous object of gigabytes) is
 * looked for in the table, its cost the cache's size, not the file's. */
void page_cache_forget(struct page_cache *pc, const struct mapped_file *file)
{
	struct page_cache_file *f = known_file(pc, file);
	uint64_t pages;

	if (f == NULL)
		return;
	pages = page_count(f->file->size);
	if (pages <= pc->capacity || !remove_found(pc, f->file))
		for (uint64_t i = 0; i < pages; i++) {
			struct page_cache_slot *slot = lookup(pc, f->file, i);

			if (slot != NULL)
				remove_slot(pc, slot);
		}
	if (f->file->in_memory)
		pc->memory_written -= f->written_count;
	forget_written(f);
}
