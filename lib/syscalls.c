/* syscalls.c - getname(), do_sys_open(), ksys_read() and friends. */
#include <config.h>

#include <errno.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock_calls.h"
#include "exec_layout.h"
#include "kernel_space.h"
#include "maps_report.h"
#include "mm_syscalls.h"
#include "number.h"
#include "proc_calls.h"
#include "rseq.h"
#include "signal_calls.h"
#include "signals.h"
#include "fd_syscalls.h"
#include "pipe.h"
#include "sys_internal.h"
#include "syscalls.h"
#include "tls.h"

/* open()'s flags (include/uapi/asm-generic/fcntl.h, as i386 has them). */
#define O_ACCMODE 3
#define O_CREAT 0100
#define O_TRUNC 01000
#define O_APPEND 02000
#define O_NONBLOCK 04000
#define O_DIRECT 040000
#define O_DIRECTORY 0200000
#define O_CLOEXEC 02000000
/* what f_flags does not keep (do_dentry_open(), build_open_flags()) */
#define O_NOT_KEPT (O_CREAT | 0200 | 0400 | O_TRUNC | O_CLOEXEC)

enum { SIGPIPE_NR = 13 };

enum {
	PATH_MAX_KERNEL = 4096,
	/* PATH_MAX less struct filename's head: getname()'s first try */
	EMBEDDED_NAME_MAX = PATH_MAX_KERNEL - 16,
	SEEK_SET_ = 0, SEEK_CUR_ = 1, SEEK_END_ = 2,
};

/* Where the kernel's buffers are: only their low bits matter, choosing
 * __copy_user_ll()'s path.  The tty's write_buf is kmalloc()ed (8-byte
 * aligned), a seq_file's buffer is a page. */
#define KADDR_TTY_WRITE_BUF (PAGE_OFFSET + 0x00800008u)
#define KADDR_SEQ_BUF (PAGE_OFFSET + 0x00801000u)

uint32_t sys_task_size(const struct sys_context *c)
{
	return (uint32_t)c->p->mm.target->task_size;
}

int sys_access_end(int rc, struct sys_result *res)
{
	if (rc == UACCESS_DEAD)
		res->dead = true;
	return rc < 0 ? -1 : 0;
}

int sys_copy_to_user(const struct sys_context *c, uint32_t user,
		     const void *kbuf, uint32_t kaddr, uint32_t n,
		     bool *failed)
{
	uint8_t *copy = malloc(n ? n : 1);
	uint32_t left = n;
	int rc = 0;

	*failed = true;
	if (copy == NULL)
		return -1;
	memcpy(copy, kbuf, n);
	if (uaccess_ok(user, n, task_size(c)))
		rc = uaccess_copy(c->u, UACCESS_TO_USER, user, copy, kaddr, n,
				  &left);
	free(copy);
	*failed = left != 0;
	return rc;
}

int sys_copy_from_user(const struct sys_context *c, uint32_t user,
		       void *kbuf, uint32_t kaddr, uint32_t n, bool *failed)
{
	uint32_t left = n;
	int rc = 0;

	*failed = true;
	memset(kbuf, 0, n);
	if (uaccess_ok(user, n, task_size(c)))
		rc = uaccess_copy(c->u, UACCESS_FROM_USER, user, kbuf, kaddr,
				  n, &left);
	*failed = left != 0;
	return rc;
}

struct process *sys_process(const struct sys_context *c, int pid)
{
	for (unsigned i = 0; i < c->m->live_count; i++)
		if (c->m->live[i]->pid == pid)
			return c->m->live[i];
	return NULL;
}

/* ---- getpid ---------------------------------------------------------------- */

static int sys_getpid(const struct sys_context *c, const uint32_t arg[6],
		      struct sys_result *res, struct ef_error *err)
{
	res->value = c->p->pid;
	return 0;
}

/* ---- open ------------------------------------------------------------------- */

int sys_getname(const struct sys_context *c, uint32_t user, char *kbuf,
		bool empty_ok, int32_t *length)
{
	int rc = uaccess_strncpy(c->u, user, (uint8_t *)kbuf,
				 EMBEDDED_NAME_MAX, task_size(c), length);

	if (rc == 0 && *length == EMBEDDED_NAME_MAX)	/* a long name */
		rc = uaccess_strncpy(c->u, user, (uint8_t *)kbuf,
				     PATH_MAX_KERNEL, task_size(c), length);
	if (rc != 0 || *length < 0)
		return rc;
	if (*length == PATH_MAX_KERNEL)
		*length = -ENAMETOOLONG;
	else if (*length == 0 && !empty_ok)
		*length = -ENOENT;
	return 0;
}

struct process *sys_proc_process(const struct sys_context *c,
				    const char *pid)
{
	uint64_t n;

	if (strcmp(pid, "self") == 0)
		return c->p;
	if (!number_parse(pid, INT32_MAX, &n))
		return NULL;
	for (unsigned i = 0; i < c->m->live_count; i++)
		if (c->m->live[i]->alive &&
		    c->m->live[i]->pid == (int)n)
			return c->m->live[i];
	return NULL;
}

/* The kernel's own files: /proc/PID/maps, /proc/PID/exe, /dev/null,
 * /dev/console (the terminal; /dev/tty is ENXIO: the processes have no
 * controlling terminal).  Returns the description, NULL for a path of the
 * host, or sets *ERROR (ENOENT, EACCES, ENXIO, ENOMEM). */
static struct open_file *kernel_file(const struct sys_context *c,
				     const char *path, unsigned access,
				     int *error)
{
	char pid[16], name[16];
	struct process *p;
	struct open_file *open = NULL;

	*error = 0;
	if (strcmp(path, "/dev/null") == 0) {
		open = files_new(FILE_NULL, NULL, access);
	} else if (strcmp(path, "/dev/console") == 0) {
		open = files_new(FILE_TTY, NULL, access);
	} else if (strcmp(path, "/dev/tty") == 0) {
		*error = ENXIO;		/* no controlling terminal */
		return NULL;
	} else if (sscanf(path, "/proc/%15[^/]/%15s", pid, name) == 2) {
		p = sys_proc_process(c, pid);
		if (p == NULL || (strcmp(name, "maps") != 0 &&
				  strcmp(name, "exe") != 0)) {
			*error = ENOENT;
			return NULL;
		}
		if (access != FILE_O_RDONLY) {
			*error = EACCES;
			return NULL;
		}
		open = strcmp(name, "maps") == 0
		       ? files_new(FILE_PROC_MAPS, NULL, access)
		       : files_new(FILE_REGULAR, &p->mm.program, access);
		if (open != NULL)
			open->maps_pid = p->pid;
	} else {
		return NULL;
	}
	if (open == NULL)
		*error = ENOMEM;
	return open;
}

/* The directory a file created at PATH goes in, as path_openat()'s
 * lookup finds it: 0, ENOENT when there is none, ENOTDIR when it is a
 * file (ENOMEM); then EISDIR for a PATH that ends in "/"
 * (open_last_lookups() with O_CREAT). */
static int parent_error(const struct sys_context *c, const char *path)
{
	size_t end = strlen(path), cut;
	struct stat st;
	char *parent, *real;
	int error;

	while (end > 1 && path[end - 1] == '/')
		end--;		/* the name's trailing slashes */
	for (cut = end; cut > 0 && path[cut - 1] != '/'; cut--)
		;
	while (cut > 1 && path[cut - 1] == '/')
		cut--;		/* "a//x": the directory is "a" */
	if (cut == 0 || (cut == 1 && path[0] == '/'))
		return end < strlen(path) ? EISDIR : 0;	/* ".", or "/" */
	if ((parent = strndup(path, cut)) == NULL)
		return ENOMEM;
	if (memfs_lookup(&c->m->memfs, parent) != NULL)
		error = ENOTDIR;
	else if (c->resolve == NULL)
		error = ENOENT;
	else if ((error = -c->resolve(c->lookup_ctx, parent, true,
				      &real)) == 0) {
		error = stat(real, &st) != 0 ? errno
			: S_ISDIR(st.st_mode) ? 0 : ENOTDIR;
		free(real);
	}
	free(parent);
	return error == 0 && end < strlen(path) ? EISDIR : error;
}

/* A file created at PATH (memfs.h), or one of the host: 0 with FILE a
 * copy or *ERROR an errno; -1 with ERR when the machine fails. */
static int regular_file(const struct sys_context *c, const char *path,
			uint32_t flags, struct mapped_file *file, int *error,
			struct ef_error *err)
{
	const struct mapped_file *made = memfs_lookup(&c->m->memfs, path);
	struct ef_error why = { 0 };

	*error = 0;
	if (made == NULL) {
		int rc = c->lookup(c->lookup_ctx, path, file);

		if (rc != -ENOENT || !(flags & O_CREAT)) {
			*error = -rc;
			return 0;
		}
		if ((*error = parent_error(c, path)) != 0)
			return 0;
		made = memfs_create(&c->m->memfs, path, &why);
		if (made == NULL && why.kind == MEMFS_ERR_NOSPC) {
			*error = ENOSPC;	/* the call fails, not the machine */
			return 0;
		}
		if (made == NULL) {
			if (err != NULL)
				*err = why;
			return -1;
		}
	}
	return mapped_file_dup(file, made, err);
}

/* A directory of the host at PATH: 1 with *OPEN (read-only: EISDIR for
 * writing, may_open()), 0 when PATH is no host directory, or -1 with
 * *ERROR (ENOMEM). */
static int host_directory(const struct sys_context *c, const char *path,
			  unsigned access, struct open_file **open, int *error)
{
	struct stat st;
	char *real;

	if (c->resolve == NULL || memfs_lookup(&c->m->memfs, path) != NULL ||
	    c->resolve(c->lookup_ctx, path, true, &real) != 0)
		return 0;
	if (stat(real, &st) != 0 || !S_ISDIR(st.st_mode)) {
		free(real);
		return 0;
	}
	if (access != FILE_O_RDONLY) {
		free(real);
		*error = EISDIR;
		return 1;
	}
	*open = files_new(FILE_DIR, NULL, access);
	if (*open == NULL) {
		free(real);
		*error = ENOMEM;
		return 1;
	}
	(*open)->dir_path = real;
	return 1;
}

/* do_filp_open(): 0 with *OPEN the description PATH opens with FLAGS,
 * or *ERROR an errno; -1 with ERR when the machine fails. */
static int open_path(const struct sys_context *c, const char *path,
		     uint32_t flags, struct open_file **open, int *error,
		     struct ef_error *err)
{
	unsigned access = flags & O_ACCMODE;
	struct mapped_file file;

	*open = NULL;
	*error = access == 3 ? EINVAL : 0;
	if (*error == 0)
		*open = kernel_file(c, path, access, error);
	if (*error == 0 && *open == NULL &&
	    host_directory(c, path, access, open, error) == 1)
		return 0;
	if (*open != NULL && (flags & O_DIRECTORY) &&
	    (*open)->kind != FILE_DIR) {
		files_discard(*open);	/* do_open(): not a directory */
		*open = NULL;
		*error = ENOTDIR;
	}
	if (*open != NULL || *error != 0)
		return 0;
	if ((flags & O_DIRECTORY) && memfs_lookup(&c->m->memfs, path) == NULL) {
		/* a file is ENOTDIR; nothing there, the lookup's error */
		*error = -c->lookup(c->lookup_ctx, path, &file);
		if (*error == 0)
			mapped_file_release(&file);
		*error = *error == 0 ? ENOTDIR : *error;
		return 0;
	}
	if (flags & O_DIRECTORY) {
		*error = ENOTDIR;	/* a file a process made */
		return 0;
	}
	if (regular_file(c, path, flags, &file, error, err) != 0)
		return -1;
	if (*error != 0)
		return 0;
	/* O_TRUNC: only a file made empty is modelled (a new one). */
	if ((flags & O_TRUNC) && access != FILE_O_RDONLY &&
	    page_cache_file_size(&c->m->cache, &file) != 0)
		*error = EROFS;
	else if ((*open = files_new(FILE_REGULAR, &file, access)) == NULL)
		*error = ENOMEM;
	else
		(*open)->append = flags & O_APPEND;
	mapped_file_release(&file);
	return 0;
}

/* What open() keeps of FLAGS in the new description OPEN. */
static void keep_flags(struct open_file *open, uint32_t flags)
{
	open->flags = flags & ~(uint32_t)O_NOT_KEPT;
	open->append = flags & O_APPEND;
}

/* do_sys_openat2() with DFD AT_FDCWD: the path, then the descriptor. */
static int do_open(const struct sys_context *c, uint32_t user, uint32_t flags,
		   struct sys_result *res, struct ef_error *err)
{
	char *kbuf = malloc(PATH_MAX_KERNEL);
	struct open_file *open;
	int32_t length;
	int rc, fd, error;

	if (kbuf == NULL)
		return ef_error_set(err, FILES_ERR_NOMEM, ENOMEM, "out of memory");
	rc = sys_getname(c, user, kbuf, false, &length);
	if (rc != 0 || length < 0) {
		free(kbuf);
		res->value = length;
		return access_end(rc, res);
	}
	snprintf(res->path, sizeof res->path, "%s", kbuf);
	rc = open_path(c, kbuf, flags, &open, &error, err);
	free(kbuf);
	if (rc != 0)
		return -1;
	res->value = -error;
	if (error != 0)
		return 0;
	keep_flags(open, flags);
	if (files_install_from(&c->p->files, open, 0, flags & O_CLOEXEC, &fd,
			       err) != 0)
		return -1;
	res->value = fd;
	return 0;
}

static int sys_open(const struct sys_context *c, const uint32_t arg[6],
		    struct sys_result *res, struct ef_error *err)
{
	return do_open(c, arg[0], arg[1], res, err);
}

/* openat(dfd, path, flags, mode): only relative to the current
 * directory (AT_FDCWD), or with an absolute path. */
static int sys_openat(const struct sys_context *c, const uint32_t arg[6],
		      struct sys_result *res, struct ef_error *err)
{
	if ((int32_t)arg[0] != SYS_AT_FDCWD && files_get(&c->p->files,
						      (int32_t)arg[0]) == NULL) {
		res->value = -EBADF;
		return 0;
	}
	return do_open(c, arg[1], arg[2], res, err);
}

/* ---- close, lseek --------------------------------------------------------------- */

/* close(fd): the last description of a pipe's end wakes those that
 * sleep on the other (pipe_release()). */
static int sys_close(const struct sys_context *c, const uint32_t arg[6],
		     struct sys_result *res, struct ef_error *err)
{
	const struct open_file *open = files_get(&c->p->files, (int32_t)arg[0]);

	res->woke = open != NULL && open->kind == FILE_PIPE && open->refs == 1 &&
		    (open->access == FILE_O_WRONLY ? open->pipe->readers
						   : open->pipe->writers) > 0;
	res->value = files_close(&c->p->files, (int32_t)arg[0]);
	return 0;
}

/* vfs_llseek(): the new offset of OPEN (a file of SIZE bytes), or
 * -errno. */
static int64_t seek(struct open_file *open, uint64_t size, int64_t offset,
		    uint32_t whence)
{
	int64_t base;

	switch (open->kind) {
	case FILE_TTY:
	case FILE_PIPE:		/* no_llseek() */
		return -ESPIPE;
	case FILE_NULL:
		return 0;		/* null_lseek() */
	default:
		break;
	}
	if (whence == SEEK_SET_)
		base = 0;
	else if (whence == SEEK_CUR_)
		base = (int64_t)open->pos;
	else if (whence == SEEK_END_ && (open->kind == FILE_REGULAR ||
					 open->kind == FILE_OUTPUT))
		base = (int64_t)size;
	else
		return -EINVAL;
	if (base + offset < 0)
		return -EINVAL;
	open->pos = (uint64_t)(base + offset);
	return base + offset;
}

static int sys_lseek(const struct sys_context *c, const uint32_t arg[6],
		     struct sys_result *res, struct ef_error *err)
{
	struct open_file *open = files_get(&c->p->files, (int32_t)arg[0]);
	uint64_t was;
	int64_t to;

	if (open == NULL) {
		res->value = -EBADF;
		return 0;
	}
	was = open->pos;
	to = seek(open, page_cache_file_size(&c->m->cache, &open->file),
		  (int32_t)arg[1], arg[2]);
	if (to > INT32_MAX) {		/* off_t: 32 bits */
		open->pos = was;
		to = -EOVERFLOW;
	}
	res->value = (int32_t)to;
	return 0;
}

/* _llseek(fd, offset_high, offset_low, loff_t *result, whence): the
 * 64-bit offset stored with copy_to_user(). */
static int sys_llseek(const struct sys_context *c, const uint32_t arg[6],
		      struct sys_result *res, struct ef_error *err)
{
	struct open_file *open = files_get(&c->p->files, (int32_t)arg[0]);
	int64_t to;
	uint8_t bytes[8];
	uint32_t left;
	int rc;

	if (open == NULL) {
		res->value = -EBADF;
		return 0;
	}
	to = seek(open, page_cache_file_size(&c->m->cache, &open->file),
		  (int64_t)((uint64_t)arg[1] << 32 | arg[2]), arg[4]);
	if (to < 0) {
		res->value = (int32_t)to;
		return 0;
	}
	for (unsigned i = 0; i < 8; i++)
		bytes[i] = (uint8_t)((uint64_t)to >> (8 * i));
	res->value = 0;
	if (!uaccess_ok(arg[3], 8, task_size(c))) {
		res->value = -EFAULT;
		return 0;
	}
	rc = uaccess_copy(c->u, UACCESS_TO_USER, arg[3], bytes,
			  PAGE_OFFSET + 0x00802000u, 8, &left);
	if (rc == 0 && left != 0)
		res->value = -EFAULT;
	return access_end(rc, res);
}

/* ---- read, write ---------------------------------------------------------------- */

/* /proc/PID/maps's text now (show_map_vma() for each VMA). */
static char *maps_text(const struct sys_context *c, int pid, size_t *len)
{
	char *text = NULL;
	FILE *out = open_memstream(&text, len);
	int rc = 0;

	if (out == NULL)
		return NULL;
	for (unsigned i = 0; i < c->m->live_count; i++)
		if (c->m->live[i]->pid == pid &&
		    c->m->live[i]->alive)
			rc = maps_report_text(out, &c->m->live[i]->mm,
					      NULL);
	if (fclose(out) != 0 || rc != 0) {
		free(text);
		return NULL;
	}
	return text;
}

/* OPEN's read at offset POS (a file's; /proc's). */
static int read_file(const struct sys_context *c, struct open_file *open,
		     uint64_t pos, uint32_t buf, uint32_t count,
		     struct rw_result *rw, struct ef_error *err)
{
	char *text;
	size_t len = 0;
	int rc;

	switch (open->kind) {
	case FILE_REGULAR:
		return rw_read_file(c->m, &open->file, pos, buf, count,
				    c->u, task_size(c), rw, err);
	case FILE_PROC_MAPS:
		text = maps_text(c, open->maps_pid, &len);
		if (text == NULL)
			return ef_error_set(err, FILES_ERR_NOMEM, ENOMEM,
					    "out of memory");
		rc = rw_read_text(text, len, pos, buf, count,
				  KADDR_SEQ_BUF, c->u, task_size(c), rw);
		free(text);
		return rc;
	default:		/* /dev/null, the terminal: nothing to read */
		return rw_nothing(buf, count, task_size(c), 0, rw);
	}
}

/* A pipe call's end: sleeping, or SIGPIPE's default action. */
static void pipe_end_of(const struct sys_context *c, enum pipe_end end,
			struct sys_result *res)
{
	if (end == PIPE_WOULD_SLEEP) {
		res->would_block = true;
		res->has_rw = false;
	} else if (end == PIPE_BROKEN) {
		/* send_sig(SIGPIPE): acted on as the call returns (its
		 * default action ends the process; ignored, the program
		 * sees EPIPE) */
		signal_post(&c->p->sig, SIGPIPE_NR);
	}
}

/* read() or write() of the pipe end OPEN. */
static int pipe_rw(const struct sys_context *c, struct open_file *open,
		   bool write, const uint32_t arg[6], struct sys_result *res)
{
	bool nonblock = open->flags & O_NONBLOCK;
	enum pipe_end end;
	int rc = write ? pipe_write(open->pipe, arg[1], arg[2], nonblock,
				    open->flags & O_DIRECT, c->u, task_size(c),
				    &res->rw, &end)
		       : pipe_read(open->pipe, arg[1], arg[2], nonblock, c->u,
				   task_size(c), &res->rw, &end);

	if (rc != 0)
		return -1;
	res->dead = res->rw.dead;
	res->value = (int32_t)res->rw.value;
	res->woke = open->pipe->woke;
	pipe_end_of(c, end, res);
	return 0;
}

static int sys_read(const struct sys_context *c, const uint32_t arg[6],
		    struct sys_result *res, struct ef_error *err)
{
	struct open_file *open = files_get(&c->p->files, (int32_t)arg[0]);

	if (open == NULL || open->access == FILE_O_WRONLY) {
		res->value = -EBADF;
		return 0;
	}
	if (open->kind == FILE_DIR) {
		res->value = -EISDIR;	/* generic_read_dir() */
		return 0;
	}
	res->has_rw = true;
	if (open->kind == FILE_PIPE)
		return pipe_rw(c, open, false, arg, res);
	if (read_file(c, open, open->pos, arg[1], arg[2], &res->rw, err) != 0)
		return -1;
	res->dead = res->rw.dead;
	res->value = (int32_t)res->rw.value;
	if (res->value > 0)
		open->pos += (uint32_t)res->value;
	return 0;
}

/* The bytes a process writes to the run's output or the terminal go on
 * to the machine's terminal_output, with who wrote them. */
static void output_take(void *ctx, const uint8_t *bytes, uint32_t n)
{
	const struct sys_output_writer *w = ctx;

	w->to->write(w->to->ctx, w->pid, w->fd, bytes, n);
}

const struct rw_sink *sys_output_sink(const struct sys_context *c, int fd,
				      struct sys_output_writer *writer,
				      struct rw_sink *sink)
{
	if (c->m->terminal.write == NULL)
		return NULL;
	*writer = (struct sys_output_writer){ &c->m->terminal, c->p->pid, fd };
	*sink = (struct rw_sink){ output_take, writer };
	return sink;
}

/* OPEN's write at offset POS (a file's, the output's), or none; FD the
 * descriptor it was written through. */
static int write_file(const struct sys_context *c, int fd,
		      struct open_file *open, uint64_t pos, uint32_t buf,
		      uint32_t count, struct rw_result *rw, struct ef_error *err)
{
	struct sys_output_writer writer;
	struct rw_sink sink;
	const struct rw_sink *to = sys_output_sink(c, fd, &writer, &sink);

	switch (open->kind) {
	case FILE_OUTPUT:	/* a regular file, not in the modelled memory */
		return rw_write_output(pos, buf, count, c->u, task_size(c), to,
				       rw);
	case FILE_TTY:
		return rw_write_tty(buf, count, KADDR_TTY_WRITE_BUF, c->u,
				    task_size(c), rw);
	case FILE_NULL:		/* write_null(): the buffer is not read */
		return rw_nothing(buf, count, task_size(c), count, rw);
	default:		/* a file; /proc/PID/maps is never open for
				 * writing */
		return rw_write_file(c->m, &open->file, pos, buf, count, c->u,
				     task_size(c), rw, err);
	}
}

static int sys_write(const struct sys_context *c, const uint32_t arg[6],
		     struct sys_result *res, struct ef_error *err)
{
	struct open_file *open = files_get(&c->p->files, (int32_t)arg[0]);

	if (open == NULL || open->access == FILE_O_RDONLY) {
		res->value = -EBADF;
		return 0;
	}
	res->has_rw = true;
	if (open->kind == FILE_PIPE)
		return pipe_rw(c, open, true, arg, res);
	if (open->append && open->kind == FILE_REGULAR)
		open->pos = page_cache_file_size(&c->m->cache, &open->file);
	if (write_file(c, (int32_t)arg[0], open, open->pos, arg[1], arg[2],
		       &res->rw, err) != 0)
		return -1;
	res->dead = res->rw.dead;
	res->value = (int32_t)res->rw.value;
	if ((open->kind == FILE_REGULAR || open->kind == FILE_OUTPUT) &&
	    res->value > 0)
		open->pos += (uint32_t)res->value;
	if (open->kind == FILE_OUTPUT && open->pos > open->file.size)
		open->file.size = open->pos;	/* i_size */
	return 0;
}

/* pread64(fd, buf, count, pos) and pwrite64() (ksys_pread64()): the
 * offset in esi (low) and edi (high), as the i386 ABI passes a 64-bit
 * argument; a negative one is EINVAL, before the descriptor is looked
 * at; a pipe or the terminal (nonseekable_open(): no FMODE_PREAD) is
 * ESPIPE; the description's offset does not move. */
static int positioned(const struct sys_context *c, const uint32_t arg[6],
		      bool write, struct sys_result *res, struct ef_error *err)
{
	int64_t pos = (int64_t)((uint64_t)arg[4] << 32 | arg[3]);
	struct open_file *open = files_get(&c->p->files, (int32_t)arg[0]);
	int rc;

	res->value = pos < 0 ? -EINVAL : open == NULL ? -EBADF
		     : open->kind == FILE_PIPE || open->kind == FILE_TTY
		     ? -ESPIPE
		     : open->access == (write ? FILE_O_RDONLY : FILE_O_WRONLY)
		     ? -EBADF : open->kind == FILE_DIR ? -EISDIR : 0;
	if (res->value != 0)
		return 0;
	res->has_rw = true;
	if (write && open->append && open->kind == FILE_REGULAR)
		pos = (int64_t)page_cache_file_size(&c->m->cache, &open->file);
	rc = write ? write_file(c, (int32_t)arg[0], open, (uint64_t)pos,
				arg[1], arg[2], &res->rw, err)
		   : read_file(c, open, (uint64_t)pos, arg[1], arg[2], &res->rw,
			       err);
	if (rc != 0)
		return -1;
	res->dead = res->rw.dead;
	res->value = (int32_t)res->rw.value;
	return 0;
}

static int sys_pread64(const struct sys_context *c, const uint32_t arg[6],
		       struct sys_result *res, struct ef_error *err)
{
	return positioned(c, arg, false, res, err);
}

static int sys_pwrite64(const struct sys_context *c, const uint32_t arg[6],
			struct sys_result *res, struct ef_error *err)
{
	return positioned(c, arg, true, res, err);
}

/* ---- processes ------------------------------------------------------------------- */

/* wait4()'s options: WNOHANG, WUNTRACED, WCONTINUED, __WNOTHREAD, __WALL,
 * __WCLONE. */
enum { WNOHANG_ = 1, WUNTRACED_ = 2, WAIT_OPTIONS_ = 0xb | 0xe0000000 };

/* exit(), exit_group(): the one thread is the whole group. */
static int sys_exit(const struct sys_context *c, const uint32_t arg[6],
		    struct sys_result *res, struct ef_error *err)
{
	process_end(c->m, c->p, (int)(arg[0] & 0xff) << 8);
	res->ended = true;
	return 0;
}

/* do_wait()'s pick: a child of P that PID names (pid <= 0: any, the one
 * process group) and that has ended - or stopped, with WUNTRACED.  0
 * with *CHILD and *STATUS, or -ECHILD (no such child), or 1 (none ready). */
static int ready_child(const struct sys_context *c, int32_t pid,
		       uint32_t options, struct process **child, int *status)
{
	bool any = false;

	for (unsigned i = 0; i < c->m->live_count; i++) {
		struct process *q = c->m->live[i];

		if (q->ppid != c->p->pid || (!q->alive && !q->zombie) ||
		    (pid > 0 && q->pid != pid))
			continue;
		any = true;
		if (q->zombie) {
			*status = q->wait_status;
			process_reap(c->m, q);	/* release_task() */
		} else if ((options & WUNTRACED_) && q->stopped &&
			   !q->stop_reported) {
			q->stop_reported = true;
			*status = SIG_STOP << 8 | 0x7f;
		} else {
			continue;
		}
		*child = q;
		return 0;
	}
	return any ? 1 : -ECHILD;
}

/* The rusage wait4() stores: ru_minflt and ru_majflt of CHILD. */
static int put_rusage(const struct sys_context *c, uint32_t user,
		      const struct process *child, bool *failed)
{
	uint8_t r[72] = { 0 };		/* i386 struct rusage */
	uint32_t left;
	int rc;

	for (unsigned i = 0; i < 4; i++) {
		r[32 + i] = (uint8_t)(child->minflt >> (8 * i));
		r[36 + i] = (uint8_t)(child->majflt >> (8 * i));
	}
	*failed = true;
	if (!uaccess_ok(user, sizeof r, task_size(c)))
		return 0;
	rc = uaccess_copy(c->u, UACCESS_TO_USER, user, r,
			  PAGE_OFFSET + 0x00803000u, sizeof r, &left);
	*failed = left != 0;
	return rc;
}

/* wait4(pid, status, options, rusage) */
static int sys_wait4(const struct sys_context *c, const uint32_t arg[6],
		     struct sys_result *res, struct ef_error *err)
{
	struct process *child = NULL;
	int status = 0, rc;
	bool failed = false;

	if (arg[2] & ~(uint32_t)WAIT_OPTIONS_) {
		res->value = -EINVAL;
		return 0;
	}
	rc = ready_child(c, (int32_t)arg[0], arg[2], &child, &status);
	if (rc != 0) {
		res->value = rc < 0 ? rc : 0;
		res->would_block = rc > 0 && !(arg[2] & WNOHANG_);
		return 0;
	}
	res->value = child->pid;
	if (arg[1] != 0)
		rc = uaccess_put_user(c->u, arg[1], (uint32_t)status,
				      task_size(c), &failed);
	if (rc == 0 && !failed && arg[3] != 0)
		rc = put_rusage(c, arg[3], child, &failed);
	if (failed)
		res->value = -EFAULT;
	return access_end(rc, res);
}

static int sys_waitpid(const struct sys_context *c, const uint32_t arg[6],
		       struct sys_result *res, struct ef_error *err)
{
	const uint32_t wait4_arg[6] = { arg[0], arg[1], arg[2], 0, 0, 0 };

	return sys_wait4(c, wait4_arg, res, err);
}

/* ---- execve ---------------------------------------------------------------------- */

enum { MAX_ARG_STRLEN = 32 * 4096, MAX_ARG_STRINGS = 0x7fffffff };

/* The strings execve() copies: a list's pointers and its strings. */
struct arg_list {
	uint32_t user;		/* the list in the old memory (0: none) */
	uint32_t count;
	char **strings;
};

/* count(): LIST's pointers up to NULL, each read with get_user(). 0,
 * or a negative errno in *ERROR; -1 on an error. */
static int count_list(const struct sys_context *c, struct arg_list *list,
		      int *error)
{
	for (list->count = 0; list->user != 0; list->count++) {
		uint32_t pointer;
		bool failed;
		int rc = uaccess_get_user(c->u, list->user + 4 * list->count,
					  &pointer, task_size(c), &failed);

		if (rc != 0)
			return rc;
		if (failed) {
			*error = -EFAULT;
			return 0;
		}
		if (pointer == 0)
			break;
		if (list->count == MAX_ARG_STRINGS - 1) {
			*error = -E2BIG;
			return 0;
		}
	}
	return 0;
}

/* copy_strings(): string I of LIST into the new stack below *POS:
 * get_user() of its pointer, strnlen_user(), then copy_from_user() of
 * the pieces that end at the stack's page boundaries, its end first. */
static int copy_arg_string(const struct sys_context *c, struct arg_list *list,
			   uint32_t i, uint32_t *pos, uint64_t argmin,
			   int *error)
{
	uint32_t user, len;
	bool failed;
	char *s;
	int rc = uaccess_get_user(c->u, list->user + 4 * i, &user,
				  task_size(c), &failed);

	if (rc != 0 || failed) {
		*error = failed ? -EFAULT : 0;
		return rc;
	}
	if ((rc = uaccess_strnlen(c->u, user, MAX_ARG_STRLEN, task_size(c),
				  &len)) != 0)
		return rc;
	/* bprm->p < bprm->argmin: E2BIG before a byte is copied */
	if (len == 0 || len > MAX_ARG_STRLEN || *pos < argmin + len) {
		*error = len == 0 ? -EFAULT : -E2BIG;
		return 0;
	}
	if ((s = list->strings[i] = malloc(len)) == NULL)
		return -1;
	while (len > 0) {
		uint32_t offset = *pos % PAGE_SIZE ? *pos % PAGE_SIZE : PAGE_SIZE;
		uint32_t bytes = offset < len ? offset : len, left;

		*pos -= bytes;
		len -= bytes;
		rc = uaccess_copy(c->u, UACCESS_FROM_USER, user + len,
				  (uint8_t *)s + len, PAGE_OFFSET + *pos % PAGE_SIZE,
				  bytes, &left);
		if (rc != 0 || left != 0) {
			*error = left != 0 ? -EFAULT : 0;
			return rc;
		}
	}
	return 0;
}

/* do_execveat_common()'s reads of the old memory: the counts, then
 * envp's strings and argv's, each list from its last, each checked
 * against the limit before it is copied (copy_strings()), so that what
 * is held never passes it. */
static int read_args(const struct sys_context *c, const char *filename,
		     struct arg_list *argv, struct arg_list *envp, int *error)
{
	uint32_t top = (uint32_t)c->p->mm.target->stack_top - 4;
	uint32_t pos = top - (uint32_t)(strlen(filename) + 1);
	uint64_t argmin;
	int rc = count_list(c, argv, error);

	if (rc == 0 && *error == 0)
		rc = count_list(c, envp, error);
	if (rc != 0 || *error != 0)
		return rc;
	/* the file name first (copy_string_kernel(): checked too) */
	argmin = exec_args_floor(top, argv->count, envp->count, 4);
	if (argmin == 0 || pos < argmin) {
		*error = -E2BIG;
		return 0;
	}
	argv->strings = calloc(argv->count + 1, sizeof *argv->strings);
	envp->strings = calloc(envp->count + 1, sizeof *envp->strings);
	if (argv->strings == NULL || envp->strings == NULL)
		return -1;
	for (uint32_t i = envp->count; i-- > 0 && rc == 0 && *error == 0;)
		rc = copy_arg_string(c, envp, i, &pos, argmin, error);
	for (uint32_t i = argv->count; i-- > 0 && rc == 0 && *error == 0;)
		rc = copy_arg_string(c, argv, i, &pos, argmin, error);
	/* an empty argv gets "" (since 5.18), before the file is opened */
	if (rc == 0 && *error == 0 && argv->count == 0 && pos < argmin + 1)
		*error = -E2BIG;
	return rc;
}

static void free_list(struct arg_list *list)
{
	for (uint32_t i = 0; list->strings != NULL && i < list->count; i++)
		free(list->strings[i]);
	free(list->strings);
}

/* The new image: process_execve(), then padzero(). */
static int exec_image(const struct sys_context *c, const char *filename,
		      struct arg_list *argv, struct arg_list *envp,
		      struct sys_result *res, struct ef_error *err)
{
	struct exec_args args = {
		.filename = filename, .argv = (const char *const *)argv->strings,
		.argc = argv->count, .envp = (const char *const *)envp->strings,
		.envc = envp->count, .sysroot = "/", .access = c->access,
	};
	int error = 0;
	bool killed;
	char pid[16], name[8];
	const char *file = filename;
	struct process *q;

	/* /proc/PID/exe: that process's program file */
	if (sscanf(filename, "/proc/%15[^/]/%7s", pid, name) == 2 &&
	    strcmp(name, "exe") == 0 && (q = sys_proc_process(c, pid)) != NULL)
		file = q->mm.program.path;
	res->image = c->open_image(c->lookup_ctx, file, &error);
	if (res->image == NULL) {
		res->value = -error;
		return 0;
	}
	if (process_execve(c->m, c->p, res->image, &args, &killed, err) != 0) {
		if (ef_error_domain(err) != EF_DOMAIN_EXEC ||
		    err->kind == EXEC_ERR_HOST)
			return -1;
		res->value = -exec_error_errno(err->kind);
		res->image = NULL;
		return 0;
	}
	res->value = 0;
	if (killed) {
		res->ended = true;
		return 0;
	}
	files_close_on_exec(&c->p->files);	/* begin_new_exec() */
	return access_end(process_exec_padzero(c->p, c->u), res);
}

/* execve(filename, argv, envp) */
static int sys_execve(const struct sys_context *c, const uint32_t arg[6],
		      struct sys_result *res, struct ef_error *err)
{
	struct arg_list argv = { arg[1], 0, NULL }, envp = { arg[2], 0, NULL };
	char *kbuf = malloc(PATH_MAX_KERNEL);
	int32_t length;
	int rc, error = 0;

	if (kbuf == NULL)
		return ef_error_set(err, FILES_ERR_NOMEM, ENOMEM, "out of memory");
	rc = sys_getname(c, arg[0], kbuf, false, &length);
	if (rc == 0 && length >= 0) {
		snprintf(res->path, sizeof res->path, "%s", kbuf);
		rc = read_args(c, kbuf, &argv, &envp, &error);
		if (rc == 0 && error == 0)
			rc = exec_image(c, kbuf, &argv, &envp, res, err);
		else
			res->value = error;
	} else {
		res->value = length;
	}
	free_list(&argv);
	free_list(&envp);
	free(kbuf);
	return rc == -1 ? -1 : access_end(rc, res);
}

/* ---- the table ---------------------------------------------------------------------- */

/* ---- the address space: mmap2, munmap, mprotect, brk ---------------------- */

/* An mm_syscalls.h result as the call returns it: the value, or -errno. */
static int mm_return(const struct mm_result *r, struct sys_result *res)
{
	res->value = r->error ? -r->error : (int32_t)(uint32_t)r->value;
	return 0;
}

/* mmap2(ADDR, LENGTH, PROT, FLAGS, FD, PGOFF) (ksys_mmap_pgoff()): with
 * MAP_ANONYMOUS the descriptor is not looked at; else it must be open
 * (EBADF), on a host file (ENODEV: /proc, the terminal and /dev/null are
 * not mapped here), and readable (EACCES: mmap needs FMODE_READ). */
static int sys_mmap2(const struct sys_context *c, const uint32_t arg[6],
		     struct sys_result *res, struct ef_error *err)
{
	struct open_file *o = NULL;
	const struct mapped_file *file = NULL;
	struct mm_result r;

	if (!(arg[3] & MM_MAP_ANONYMOUS)) {
		o = files_get(&c->p->files, (int)arg[4]);
		if (o == NULL || o->kind != FILE_REGULAR ||
		    o->access == FILE_O_WRONLY) {
			res->value = o == NULL ? -EBADF
				     : o->kind != FILE_REGULAR ? -ENODEV
				     : -EACCES;
			return 0;
		}
	}
	/* The VMA keeps the file (vm_file = get_file()): it points to the
	 * page cache's record, which outlives the descriptor, and is known
	 * as this open file's by the map_id it gets at its first mmap - a
	 * close() leaves the mapping as it was. */
	if (o != NULL) {
		file = page_cache_file_record(&c->m->cache, &o->file, err);
		if (file == NULL)
			return -1;
		if (o->map_id == 0)
			o->map_id = ++c->m->mapped_opens;
	}
	if (mm_mmap(c->m, c->p, arg[0], arg[1], (int)arg[2], (int)arg[3],
		    file, o && o->access == FILE_O_RDWR, o ? o->map_id : 0,
		    (uint64_t)arg[5] << PAGE_SHIFT, &r, err) != 0)
		return -1;
	return mm_return(&r, res);
}

static int sys_munmap(const struct sys_context *c, const uint32_t arg[6],
		      struct sys_result *res, struct ef_error *err)
{
	struct mm_result r;

	return mm_munmap(c->m, c->p, arg[0], arg[1], &r, err) != 0
	       ? -1 : mm_return(&r, res);
}

static int sys_mprotect(const struct sys_context *c, const uint32_t arg[6],
			struct sys_result *res, struct ef_error *err)
{
	struct mm_result r;

	return mm_mprotect(c->m, c->p, arg[0], arg[1], (int)arg[2], &r,
			   err) != 0 ? -1 : mm_return(&r, res);
}

/* old_mmap(arg): the six arguments read with copy_from_user(), the
 * offset in bytes (EINVAL when not page aligned), then as mmap2. */
static int sys_old_mmap(const struct sys_context *c, const uint32_t arg[6],
			struct sys_result *res, struct ef_error *err)
{
	uint8_t b[24];
	uint32_t a[6];
	bool failed;
	int rc = sys_copy_from_user(c, arg[0], b, PAGE_OFFSET + 0x00808000u,
				    sizeof b, &failed);

	if (rc != 0 || failed) {
		res->value = -EFAULT;
		return access_end(rc, res);
	}
	for (unsigned i = 0; i < 6; i++)
		a[i] = (uint32_t)b[4 * i] | (uint32_t)b[4 * i + 1] << 8 |
		       (uint32_t)b[4 * i + 2] << 16 |
		       (uint32_t)b[4 * i + 3] << 24;
	if (a[5] % PAGE_SIZE != 0) {
		res->value = -EINVAL;
		return 0;
	}
	a[5] /= PAGE_SIZE;
	return sys_mmap2(c, a, res, err);
}

static int sys_madvise(const struct sys_context *c, const uint32_t arg[6],
		       struct sys_result *res, struct ef_error *err)
{
	struct mm_result r;

	return mm_madvise(c->m, c->p, arg[0], arg[1], (int)arg[2], &r,
			  err) != 0 ? -1 : mm_return(&r, res);
}

static int sys_brk(const struct sys_context *c, const uint32_t arg[6],
		   struct sys_result *res, struct ef_error *err)
{
	struct mm_result r;

	return mm_brk(c->m, c->p, arg[0], &r, err) != 0
	       ? -1 : mm_return(&r, res);
}

/* ---- set_thread_area, get_thread_area --------------------------------- */

/* The struct user_desc on the kernel stack (do_set_thread_area()'s
 * info): 8-byte aligned here.  6.1's randomize_kstack_offset moves the
 * stack by a multiple of 4 at each call, so the real one is so at random,
 * and a fault in its copy_from_user() is at __copy_user_ll+0x40 (movsl)
 * or +0x35 (the movsb that aligns to 8). */
#define KADDR_USER_DESC (PAGE_OFFSET + 0x00804ff0u)

static int sys_set_thread_area(const struct sys_context *c,
			       const uint32_t arg[6], struct sys_result *res,
			       struct ef_error *err)
{
	int rc = tls_set_thread_area(c->u, c->p->tls, arg[0], task_size(c),
				     KADDR_USER_DESC, &res->value);

	(void)err;
	return access_end(rc, res);
}

static int sys_get_thread_area(const struct sys_context *c,
			       const uint32_t arg[6], struct sys_result *res,
			       struct ef_error *err)
{
	int rc = tls_get_thread_area(c->u, c->p->tls, arg[0], task_size(c),
				     KADDR_USER_DESC, &res->value);

	(void)err;
	return access_end(rc, res);
}

static const struct {
	uint32_t nr;
	const char *name;
	sys_fn *fn;
} calls[] = {
	{ SYS_EXIT, "exit", sys_exit },
	{ SYS_READ, "read", sys_read },
	{ SYS_WRITE, "write", sys_write },
	{ SYS_OPEN, "open", sys_open },
	{ SYS_CLOSE, "close", sys_close },
	{ SYS_WAITPID, "waitpid", sys_waitpid },
	{ SYS_EXECVE, "execve", sys_execve },
	{ SYS_TIME, "time", clock_call_time },
	{ SYS_LSEEK, "lseek", sys_lseek },
	{ SYS_GETPID, "getpid", sys_getpid },
	{ SYS_GETUID, "getuid", proc_call_getid },
	{ SYS_KILL, "kill", signal_call_kill },
	{ SYS_DUP, "dup", sys_dup },
	{ SYS_PIPE, "pipe", sys_pipe },
	{ SYS_BRK, "brk", sys_brk },
	{ SYS_GETGID, "getgid", proc_call_getid },
	{ SYS_GETEUID, "geteuid", proc_call_getid },
	{ SYS_GETEGID, "getegid", proc_call_getid },
	{ SYS_IOCTL, "ioctl", sys_ioctl },
	{ SYS_FCNTL, "fcntl", sys_fcntl },
	{ SYS_SETPGID, "setpgid", proc_call_setpgid },
	{ SYS_OLDOLDUNAME, "oldolduname", proc_call_oldolduname },
	{ SYS_DUP2, "dup2", sys_dup2 },
	{ SYS_GETPPID, "getppid", proc_call_getppid },
	{ SYS_GETPGRP, "getpgrp", proc_call_getpgrp },
	{ SYS_SETSID, "setsid", proc_call_setsid },
	{ SYS_SETRLIMIT, "setrlimit", proc_call_setrlimit },
	{ SYS_GETRLIMIT, "getrlimit", proc_call_old_getrlimit },
	{ SYS_GETTIMEOFDAY, "gettimeofday", clock_call_gettimeofday },
	{ SYS_READLINK, "readlink", sys_readlink },
	{ SYS_MMAP, "mmap", sys_old_mmap },
	{ SYS_MUNMAP, "munmap", sys_munmap },
	{ SYS_OLDUNAME, "olduname", proc_call_olduname },
	{ SYS_WAIT4, "wait4", sys_wait4 },
	{ SYS_UNAME, "uname", proc_call_uname },
	{ SYS_MPROTECT, "mprotect", sys_mprotect },
	{ SYS_GETPGID, "getpgid", proc_call_getpgid },
	{ SYS_LLSEEK, "_llseek", sys_llseek },
	{ SYS_GETSID, "getsid", proc_call_getsid },
	{ SYS_PRCTL, "prctl", proc_call_prctl },
	{ SYS_RT_SIGACTION, "rt_sigaction", signal_call_rt_sigaction },
	{ SYS_RT_SIGPROCMASK, "rt_sigprocmask", signal_call_rt_sigprocmask },
	{ SYS_RT_SIGPENDING, "rt_sigpending", signal_call_rt_sigpending },
	{ SYS_PREAD64, "pread64", sys_pread64 },
	{ SYS_PWRITE64, "pwrite64", sys_pwrite64 },
	{ SYS_GETCWD, "getcwd", sys_getcwd },
	{ SYS_SENDFILE, "sendfile", sys_sendfile },
	{ SYS_UGETRLIMIT, "ugetrlimit", proc_call_getrlimit },
	{ SYS_MMAP2, "mmap2", sys_mmap2 },
	{ SYS_STAT64, "stat64", sys_stat64 },
	{ SYS_LSTAT64, "lstat64", sys_lstat64 },
	{ SYS_FSTAT64, "fstat64", sys_fstat64 },
	{ SYS_GETUID32, "getuid32", proc_call_getid },
	{ SYS_GETGID32, "getgid32", proc_call_getid },
	{ SYS_GETEUID32, "geteuid32", proc_call_getid },
	{ SYS_GETEGID32, "getegid32", proc_call_getid },
	{ SYS_GETRESUID32, "getresuid32", proc_call_getresid },
	{ SYS_GETRESGID32, "getresgid32", proc_call_getresid },
	{ SYS_MADVISE, "madvise", sys_madvise },
	{ SYS_GETDENTS64, "getdents64", sys_getdents64 },
	{ SYS_FCNTL64, "fcntl64", sys_fcntl },
	{ SYS_SENDFILE64, "sendfile64", sys_sendfile64 },
	{ SYS_SET_THREAD_AREA, "set_thread_area", sys_set_thread_area },
	{ SYS_GET_THREAD_AREA, "get_thread_area", sys_get_thread_area },
	{ SYS_EXIT_GROUP, "exit_group", sys_exit },
	{ SYS_SET_TID_ADDRESS, "set_tid_address", proc_call_set_tid_address },
	{ SYS_CLOCK_GETTIME, "clock_gettime", clock_call_gettime },
	{ SYS_CLOCK_GETRES, "clock_getres", clock_call_getres },
	{ SYS_OPENAT, "openat", sys_openat },
	{ SYS_FSTATAT64, "fstatat64", sys_fstatat64 },
	{ SYS_READLINKAT, "readlinkat", sys_readlinkat },
	{ SYS_SET_ROBUST_LIST, "set_robust_list", proc_call_set_robust_list },
	{ SYS_DUP3, "dup3", sys_dup3 },
	{ SYS_PIPE2, "pipe2", sys_pipe2 },
	{ SYS_PRLIMIT64, "prlimit64", proc_call_prlimit64 },
	{ SYS_GETRANDOM, "getrandom", proc_call_getrandom },
	{ SYS_STATX, "statx", sys_statx },
	{ SYS_RSEQ, "rseq", rseq_call },
	{ SYS_CLOCK_GETTIME64, "clock_gettime64", clock_call_gettime64 },
	{ SYS_CLOCK_GETRES_TIME64, "clock_getres_time64",
	  clock_call_getres_time64 },
};

const char *sys_name(uint32_t nr)
{
	for (size_t i = 0; i < sizeof calls / sizeof calls[0]; i++)
		if (calls[i].nr == nr)
			return calls[i].name;
	return NULL;
}

bool sys_number(const char *name, uint32_t *nr)
{
	for (size_t i = 0; i < sizeof calls / sizeof calls[0]; i++)
		if (strcmp(calls[i].name, name) == 0) {
			*nr = calls[i].nr;
			return true;
		}
	return false;
}

/* exit_to_user_mode_loop(): the signals, then rseq's update. */
static int return_to_user(const struct sys_context *c, struct sys_result *res,
			  struct ef_error *err)
{
	if (res->dead || res->ended || !c->p->alive)
		return 0;
	if (signal_calls_act(c->m, c->p)) {
		res->ended = true;
		return 0;
	}
	if (c->p->stopped) {	/* do_signal_stop(): schedule() */
		c->p->rseq_resume = c->p->rseq != 0;
		return 0;
	}
	return rseq_return_to_user(c, res, err);
}

int sys_return_to_user(const struct sys_context *c, struct sys_result *res,
		       struct ef_error *err)
{
	memset(res, 0, sizeof *res);
	return return_to_user(c, res, err);
}

int sys_call(const struct sys_context *c, uint32_t nr, const uint32_t arg[6],
	     struct sys_result *res, struct ef_error *err)
{
	size_t i = 0;

	memset(res, 0, sizeof *res);
	while (i < sizeof calls / sizeof calls[0] && calls[i].nr != nr)
		i++;
	if (i == sizeof calls / sizeof calls[0]) {
		res->value = -ENOSYS;
		res->not_modelled = true;
	} else if (calls[i].fn(c, arg, res, err) != 0) {
		return -1;
	}
	c->p->call_sleeps = res->would_block;
	if (res->would_block) {	/* it sleeps: schedule(), rseq_preempt() */
		c->p->rseq_resume = c->p->rseq != 0;
		return 0;
	}
	return return_to_user(c, res, err);
}
