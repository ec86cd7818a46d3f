/* memfs.c - created files, by path, and the shmem objects, by inode. */
#include <config.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "memfs.h"
#include "page_cache.h"

void memfs_init(struct memfs *fs, size_t max_inodes)
{
	memset(fs, 0, sizeof *fs);
	fs->next_inode = 2;
	fs->max_inodes = max_inodes;
}

/* mm/shmem.c (6.1): min(totalram_pages() - totalhigh_pages(),
 * totalram_pages() / 2) - the first is the lowmem, which on a machine
 * smaller than it is all of it, and then the half is the smaller. */
size_t memfs_default_max_inodes(uint64_t frames, uint64_t lowmem_frames)
{
	uint64_t half = frames / 2;

	return (size_t)(lowmem_frames < half ? lowmem_frames : half);
}

static void free_file(struct mapped_file *file)
{
	mapped_file_release(file);
	free(file);
}

void memfs_release(struct memfs *fs)
{
	for (size_t i = 0; i < fs->count; i++)
		free_file(fs->files[i]);
	for (size_t i = 0; i < fs->shmem_count; i++)
		free_file(fs->shmem[i].file);
	free(fs->files);
	number_index_release(&fs->by_path);
	free(fs->shmem);
	free(fs->live);
	memset(fs, 0, sizeof *fs);
}

static const void *path_of(const void *fs, size_t number)
{
	return ((const struct memfs *)fs)->files[number]->path;
}

static const struct number_index_keys paths = {
	path_of, number_index_hash_string, number_index_same_string,
};

const struct mapped_file *memfs_lookup(const struct memfs *fs,
				       const char *path)
{
	const size_t *slot = number_index_slot(&fs->by_path, &paths, fs, path);

	return slot != NULL && *slot != 0 ? fs->files[*slot - 1] : NULL;
}

/* ARRAY (COUNT elements of SIZE bytes, *CAPACITY allocated) with room
 * for one more: itself, or moved with its capacity doubled when it is
 * full; NULL without host memory (ARRAY as it was). */
static void *room_for_one(void *array, size_t *capacity, size_t count,
			  size_t size)
{
	size_t wanted = *capacity ? 2 * *capacity : 16;
	void *grown;

	if (count < *capacity)
		return array;
	grown = realloc(array, wanted * size);
	if (grown != NULL)
		*capacity = wanted;
	return grown;
}

/* A new in-memory file named PATH, on device 00:MINOR, inode INODE. */
static struct mapped_file *new_file(const char *path, unsigned minor,
				    uint64_t inode, struct ef_error *err)
{
	struct mapped_file *file = calloc(1, sizeof *file);

	if (file == NULL || (file->path = strdup(path)) == NULL) {
		free(file);
		ef_error_set(err, MEMFS_ERR_NOMEM, ENOMEM, "out of memory");
		return NULL;
	}
	file->dev_minor = minor;
	file->inode = inode;
	file->in_memory = true;
	return file;
}

static const struct mapped_file *out_of_memory(struct mapped_file *file,
					       struct ef_error *err)
{
	free_file(file);
	ef_error_set(err, MEMFS_ERR_NOMEM, ENOMEM, "out of memory");
	return NULL;
}

const struct mapped_file *memfs_create(struct memfs *fs, const char *path,
				       struct ef_error *err)
{
	struct mapped_file *file, **files;

	/* shmem_reserve_inode(): no inode left is ENOSPC (the root
	 * directory, made with the mount - shmem_fill_super() - has one) */
	if (fs->max_inodes != 0 && fs->count + 1 >= fs->max_inodes) {
		ef_error_set(err, MEMFS_ERR_NOSPC, ENOSPC, "%s: No space left "
			     "on device (%zu inodes)", path, fs->max_inodes);
		return NULL;
	}
	file = new_file(path, 2, fs->next_inode, err);
	if (file == NULL)
		return NULL;
	files = room_for_one(fs->files, &fs->capacity, fs->count,
			     sizeof *fs->files);
	if (files != NULL)
		fs->files = files;
	if (files == NULL ||
	    number_index_room(&fs->by_path, &paths, fs, fs->count) != 0)
		return out_of_memory(file, err);
	fs->files[fs->count] = file;
	*number_index_slot(&fs->by_path, &paths, fs, path) = ++fs->count;
	fs->next_inode++;
	return file;
}

const struct mapped_file *memfs_shmem(struct memfs *fs, uint64_t size,
				      struct ef_error *err)
{
	struct mapped_file *file = new_file("/dev/zero (deleted)", 1,
					    fs->shmem_count + 1, err);
	struct memfs_shmem *shmem;
	size_t *live;

	if (file == NULL)
		return NULL;
	shmem = room_for_one(fs->shmem, &fs->shmem_capacity, fs->shmem_count,
			     sizeof *fs->shmem);
	if (shmem != NULL)
		fs->shmem = shmem;
	live = room_for_one(fs->live, &fs->live_capacity, fs->live_count,
			    sizeof *fs->live);
	if (live != NULL)
		fs->live = live;
	if (shmem == NULL || live == NULL)
		return out_of_memory(file, err);
	file->size = size;
	file->shmem = true;
	fs->live[fs->live_count++] = fs->shmem_count;
	fs->shmem[fs->shmem_count++] = (struct memfs_shmem){ file, false };
	return file;
}

bool memfs_reap_begin(struct memfs *fs)
{
	for (size_t i = 0; i < fs->live_count; i++)
		fs->shmem[fs->live[i]].mapped = false;
	return fs->live_count > 0;
}

void memfs_mark_mapped(struct memfs *fs, const struct mapped_file *shmem)
{
	/* memfs_shmem() numbers its objects' inodes from 1 */
	if (shmem->shmem && shmem->inode >= 1 &&
	    shmem->inode <= fs->shmem_count)
		fs->shmem[shmem->inode - 1].mapped = true;
}

void memfs_reap_end(struct memfs *fs, struct page_cache *pc)
{
	size_t kept = 0;

	for (size_t i = 0; i < fs->live_count; i++) {
		struct memfs_shmem *s = &fs->shmem[fs->live[i]];

		if (s->mapped) {
			fs->live[kept++] = fs->live[i];
			continue;
		}
		page_cache_forget(pc, s->file);
	}
	fs->live_count = kept;
}
