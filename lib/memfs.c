/* memfs.c - created files, by path. */
#include <config.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "memfs.h"
#include "page_cache.h"

void memfs_init(struct memfs *fs)
{
	memset(fs, 0, sizeof *fs);
	fs->next_inode = 2;
	fs->next_shmem_inode = 1;
}

void memfs_release(struct memfs *fs)
{
	for (unsigned i = 0; i < fs->count; i++) {
		mapped_file_release(fs->files[i].file);
		free(fs->files[i].file);
	}
	free(fs->files);
	memset(fs, 0, sizeof *fs);
}

const struct mapped_file *memfs_lookup(const struct memfs *fs,
				       const char *path)
{
	for (unsigned i = 0; i < fs->count; i++)
		if (!fs->files[i].file->shmem &&
		    strcmp(fs->files[i].file->path, path) == 0)
			return fs->files[i].file;
	return NULL;
}

/* A new in-memory file named PATH, on device 00:MINOR, inode INODE. */
static struct mapped_file *add(struct memfs *fs, const char *path,
			       unsigned minor, uint64_t inode,
			       struct ef_error *err)
{
	struct mapped_file *file = calloc(1, sizeof *file);
	struct memfs_file *grown;

	grown = realloc(fs->files, (fs->count + 1) * sizeof *grown);
	if (grown != NULL)
		fs->files = grown;
	if (file == NULL || grown == NULL ||
	    (file->path = strdup(path)) == NULL) {
		free(file);
		ef_error_set(err, MEMFS_ERR_NOMEM, ENOMEM, "out of memory");
		return NULL;
	}
	file->dev_minor = minor;
	file->inode = inode;
	file->in_memory = true;
	fs->files[fs->count++] = (struct memfs_file){ file, false };
	return file;
}

const struct mapped_file *memfs_create(struct memfs *fs, const char *path,
				       struct ef_error *err)
{
	struct mapped_file *file = add(fs, path, 2, fs->next_inode, err);

	if (file != NULL)
		fs->next_inode++;
	return file;
}

const struct mapped_file *memfs_shmem(struct memfs *fs, uint64_t size,
				      struct ef_error *err)
{
	struct mapped_file *file = add(fs, "/dev/zero (deleted)", 1,
				       fs->next_shmem_inode, err);

	if (file == NULL)
		return NULL;
	fs->next_shmem_inode++;
	file->size = size;
	file->shmem = true;
	return file;
}

void memfs_reap(struct memfs *fs, struct page_cache *pc,
		memfs_mapped_fn *mapped, void *ctx)
{
	for (unsigned i = 0; i < fs->count; i++) {
		struct memfs_file *f = &fs->files[i];

		if (!f->file->shmem || f->gone || mapped(ctx, f->file))
			continue;
		page_cache_forget(pc, f->file);
		f->gone = true;
	}
}
