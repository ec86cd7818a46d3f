/* files.c - the descriptor table: alloc_fd(), close_fd(), dup_fd(). */
#include <config.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "files.h"

static int nomem(struct ef_error *err)
{
	return ef_error_set(err, FILES_ERR_NOMEM, ENOMEM, "out of memory");
}

/* fput(): one descriptor fewer; the last one frees the description. */
static void put_file(struct open_file *open)
{
	if (open == NULL || --open->refs > 0)
		return;
	mapped_file_release(&open->file);
	free(open);
}

/* Room for descriptor FD (the table grows by doubling, to FILES_MAX). */
static int reserve(struct files *f, unsigned fd, struct ef_error *err)
{
	unsigned size = f->size ? f->size : 4;
	struct open_file **grown;

	if (fd < f->size)
		return 0;
	while (size <= fd)
		size *= 2;
	if (size > FILES_MAX)
		size = FILES_MAX;
	grown = realloc(f->fd, size * sizeof *grown);
	if (grown == NULL)
		return nomem(err);
	memset(grown + f->size, 0, (size - f->size) * sizeof *grown);
	f->fd = grown;
	f->size = size;
	return 0;
}

struct open_file *files_new(enum file_kind kind, const struct mapped_file *file,
			    unsigned access)
{
	struct open_file *open = calloc(1, sizeof *open);

	if (open == NULL)
		return NULL;
	open->kind = kind;
	open->access = access;
	if (file != NULL && mapped_file_dup(&open->file, file, NULL) != 0) {
		free(open);
		return NULL;
	}
	return open;
}

int files_install(struct files *f, struct open_file *open, int *fd,
		  struct ef_error *err)
{
	unsigned free = 0;

	while (free < f->size && f->fd[free] != NULL)
		free++;
	open->refs++;
	if (free >= FILES_MAX) {
		put_file(open);
		*fd = -EMFILE;
		return 0;
	}
	if (reserve(f, free, err) != 0) {
		put_file(open);
		return -1;
	}
	f->fd[free] = open;
	*fd = (int)free;
	return 0;
}

int files_init(struct files *f, bool terminal, struct ef_error *err)
{
	memset(f, 0, sizeof *f);
	for (int fd = 0; terminal && fd < 3; fd++) {
		/* one description of the terminal, as a shell's dup2() */
		struct open_file *tty = fd == 0 ? NULL : f->fd[0];
		int installed;

		if (tty == NULL &&
		    (tty = files_new(FILE_TTY, NULL, FILE_O_RDWR)) == NULL)
			return nomem(err);
		if (files_install(f, tty, &installed, err) != 0) {
			files_release(f);
			return -1;
		}
	}
	return 0;
}

struct open_file *files_get(const struct files *f, int fd)
{
	return fd >= 0 && (unsigned)fd < f->size ? f->fd[fd] : NULL;
}

int files_close(struct files *f, int fd)
{
	struct open_file *open = files_get(f, fd);

	if (open == NULL)
		return -EBADF;
	f->fd[fd] = NULL;
	put_file(open);
	return 0;
}

int files_dup(struct files *dst, const struct files *src,
	      struct ef_error *err)
{
	memset(dst, 0, sizeof *dst);
	if (src->size == 0)
		return 0;
	if (reserve(dst, src->size - 1, err) != 0)
		return -1;
	for (unsigned fd = 0; fd < src->size; fd++) {
		dst->fd[fd] = src->fd[fd];
		if (dst->fd[fd] != NULL)
			dst->fd[fd]->refs++;
	}
	return 0;
}

void files_release(struct files *f)
{
	for (unsigned fd = 0; fd < f->size; fd++)
		put_file(f->fd[fd]);
	free(f->fd);
	memset(f, 0, sizeof *f);
}
