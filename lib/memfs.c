/* memfs.c - created files, by path. */
#include <config.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "memfs.h"

void memfs_init(struct memfs *fs)
{
	memset(fs, 0, sizeof *fs);
	fs->next_inode = 2;
}

void memfs_release(struct memfs *fs)
{
	for (unsigned i = 0; i < fs->count; i++) {
		mapped_file_release(fs->files[i]);
		free(fs->files[i]);
	}
	free(fs->files);
	memset(fs, 0, sizeof *fs);
}

const struct mapped_file *memfs_lookup(const struct memfs *fs,
				       const char *path)
{
	for (unsigned i = 0; i < fs->count; i++)
		if (strcmp(fs->files[i]->path, path) == 0)
			return fs->files[i];
	return NULL;
}

const struct mapped_file *memfs_create(struct memfs *fs, const char *path,
				       struct ef_error *err)
{
	struct mapped_file *file = calloc(1, sizeof *file), **grown;

	grown = realloc(fs->files, (fs->count + 1) * sizeof *grown);
	if (grown != NULL)
		fs->files = grown;
	if (file == NULL || grown == NULL ||
	    (file->path = strdup(path)) == NULL) {
		free(file);
		ef_error_set(err, MEMFS_ERR_NOMEM, ENOMEM, "out of memory");
		return NULL;
	}
	file->dev_major = 0;
	file->dev_minor = 2;
	file->inode = fs->next_inode++;
	file->in_memory = true;
	fs->files[fs->count++] = file;
	return file;
}
