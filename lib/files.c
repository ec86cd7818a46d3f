/* files.c - the descriptor table: alloc_fd(), close_fd(), dup_fd(). */
#include <config.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "files.h"
#include "pipe.h"

static int nomem(struct ef_error *err)
{
	return ef_error_set(err, FILES_ERR_NOMEM, ENOMEM, "out of memory");
}

/* fput(): one descriptor fewer; the last one frees the description. */
static void put_file(struct open_file *open)
{
	if (open == NULL || --open->refs > 0)
		return;
	if (open->kind == FILE_PIPE)	/* pipe_release() */
		pipe_put_end(open->pipe, open->access == FILE_O_WRONLY);
	mapped_file_release(&open->file);
	free(open->dir_path);
	free(open);
}

/* Room for descriptor FD (the table grows by doubling, to FILES_MAX). */
static int reserve(struct files *f, unsigned fd, struct ef_error *err)
{
	unsigned size = f->size ? f->size : 4;
	struct open_file **grown;
	bool *flags;

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
	flags = realloc(f->cloexec, size * sizeof *flags);
	if (flags == NULL)
		return nomem(err);
	memset(flags + f->size, 0, (size - f->size) * sizeof *flags);
	f->cloexec = flags;
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

void files_discard(struct open_file *open)
{
	if (open == NULL)
		return;
	open->refs++;
	put_file(open);
}

int files_install_from(struct files *f, struct open_file *open, int low,
		       bool cloexec, int *fd, struct ef_error *err)
{
	unsigned free = low < 0 ? 0 : (unsigned)low;

	open->refs++;
	if (low < 0 || low >= FILES_MAX) {	/* f_dupfd(): EINVAL */
		put_file(open);
		*fd = -EINVAL;
		return 0;
	}
	while (free < f->size && f->fd[free] != NULL)
		free++;
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
	f->cloexec[free] = cloexec;
	*fd = (int)free;
	return 0;
}

int files_install(struct files *f, struct open_file *open, int *fd,
		  struct ef_error *err)
{
	return files_install_from(f, open, 0, false, fd, err);
}

int files_install_at(struct files *f, struct open_file *open, int fd,
		     bool cloexec, struct ef_error *err)
{
	struct open_file *was;

	if (fd < 0 || fd >= FILES_MAX)
		return -EBADF;
	if (reserve(f, (unsigned)fd, err) != 0)
		return -1;
	open->refs++;
	was = f->fd[fd];
	f->fd[fd] = open;
	f->cloexec[fd] = cloexec;
	put_file(was);		/* filp_close() of what was there */
	return 0;
}

bool files_cloexec(const struct files *f, int fd)
{
	return files_get(f, fd) != NULL && f->cloexec[fd];
}

void files_set_cloexec(struct files *f, int fd, bool cloexec)
{
	if (files_get(f, fd) != NULL)
		f->cloexec[fd] = cloexec;
}

void files_close_on_exec(struct files *f)
{
	for (unsigned fd = 0; fd < f->size; fd++)
		if (f->fd[fd] != NULL && f->cloexec[fd])
			files_close(f, (int)fd);
}

/* The f_flags F_GETFL finds on them in the VM: the harness's shell
 * (busybox ash, open64()) opened /dev/null O_RDONLY and its "> out"
 * O_WRONLY | O_CREAT | O_TRUNC, both with O_LARGEFILE, which f_flags
 * keeps without O_CREAT and O_TRUNC (do_dentry_open()). */
#define NULL_FLAGS 0100000u
#define OUTPUT_FLAGS 0100001u

int files_init(struct files *f, bool standard, struct ef_error *err)
{
	static const struct {
		enum file_kind kind;
		unsigned access;
		uint32_t flags;
	} standard_fds[] = {
		{ FILE_NULL, FILE_O_RDONLY, NULL_FLAGS },	/* "&": < /dev/null */
		{ FILE_OUTPUT, FILE_O_WRONLY, OUTPUT_FLAGS },	/* > out */
	};

	memset(f, 0, sizeof *f);
	for (int fd = 0; standard && fd < 3; fd++) {
		/* 2>&1: descriptor 2 shares 1's description (dup2()) */
		struct open_file *open = fd == 2 ? f->fd[1] : NULL;
		int installed;

		if (open == NULL) {
			open = files_new(standard_fds[fd].kind, NULL,
					 standard_fds[fd].access);
			if (open == NULL) {
				files_release(f);
				return nomem(err);
			}
			open->flags = standard_fds[fd].flags;
		}
		if (files_install(f, open, &installed, err) != 0) {
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
	f->cloexec[fd] = false;
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
		dst->cloexec[fd] = src->cloexec[fd];
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
	free(f->cloexec);
	memset(f, 0, sizeof *f);
}
