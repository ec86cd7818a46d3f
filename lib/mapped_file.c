/* mapped_file.c - the files a process maps, as stat(2) names them. */
#include <config.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include "exec_error.h"
#include "mapped_file.h"

int mapped_file_stat(struct mapped_file *file, const char *path,
		     struct ef_error *err)
{
	struct stat st;
	char *canonical;

	memset(file, 0, sizeof *file);
	if (stat(path, &st) != 0)
		return ef_error_set(err, EXEC_ERR_NOENT, errno, "%s: %s", path,
				    strerror(errno));
	if (!S_ISREG(st.st_mode))
		return ef_error_set(err, EXEC_ERR_ACCES, EACCES,
				    "%s: not a regular file", path);
	canonical = realpath(path, NULL);
	if (canonical == NULL)
		return ef_error_set(err, EXEC_ERR_NOENT, errno, "%s: %s", path,
				    strerror(errno));
	file->path = canonical;
	file->dev_major = major(st.st_dev);
	file->dev_minor = minor(st.st_dev);
	file->inode = st.st_ino;
	file->size = (uint64_t)st.st_size;
	return 0;
}

void mapped_file_release(struct mapped_file *file)
{
	free(file->path);
	memset(file, 0, sizeof *file);
}

int mapped_file_dup(struct mapped_file *dst, const struct mapped_file *src,
		    struct ef_error *err)
{
	*dst = *src;
	if (src->path != NULL && (dst->path = strdup(src->path)) == NULL)
		return ef_error_set(err, EXEC_ERR_HOST, ENOMEM, "out of memory");
	return 0;
}

bool mapped_file_same(const struct mapped_file *a, const struct mapped_file *b)
{
	return a->dev_major == b->dev_major && a->dev_minor == b->dev_minor &&
	       a->inode == b->inode && a->in_memory == b->in_memory;
}
