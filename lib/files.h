/* files.h - a process's open files: its descriptor table and the open
 * file descriptions the descriptors point to.
 *
 * As in the kernel (struct files_struct, struct file): a descriptor is
 * an index into the table; open() takes the lowest free one, up to
 * RLIMIT_NOFILE's default of 1024 (EMFILE beyond); close() frees it
 * (EBADF for one that is not open).  A description holds the file, the
 * offset read() and write() advance and lseek() moves, and the access
 * mode; fork gives the child the same descriptions (dup_fd()), so parent
 * and child share each offset, and a description goes when its last
 * descriptor is closed.
 *
 * What a description can be is what the modelled system calls read and
 * write: a file of the host (through the page cache, never written on
 * the host: page_cache.h), /proc/PID/maps (text made from the VMAs at
 * each read, as show_map_vma() makes it), /dev/null, the terminal
 * (/dev/console: reads find nothing; what is written is shown, not
 * kept), a directory of the host (getdents64), either end of a pipe
 * (pipe.h), and the run's output.
 *
 * A process exec made starts as the ground-truth VM's harness starts a
 * program (`PROGRAM > out 2>&1 &` in a non-interactive shell): descriptor
 * 0 is /dev/null, read-only, and 1 and 2 share one description of the
 * output, a regular file opened write-only - not a terminal, so every
 * tty ioctl on 0, 1 or 2 is ENOTTY, as in the VM; what is written to it
 * is the program's output (shown, not kept in the modelled memory).
 *
 * The close-on-exec flag (FD_CLOEXEC) belongs to the descriptor, not to
 * the description (struct fdtable's close_on_exec bitmap): dup() clears
 * it, fork copies it, execve() closes the descriptors that have it.
 */
#ifndef ELFAULT_FILES_H
#define ELFAULT_FILES_H

#include <stdbool.h>
#include <stdint.h>

#include "error.h"
#include "mapped_file.h"

enum file_kind {
	FILE_REGULAR,		/* a file of the host */
	FILE_PROC_MAPS,		/* /proc/PID/maps */
	FILE_NULL,		/* /dev/null */
	FILE_TTY,		/* the terminal */
	FILE_OUTPUT,		/* the run's output: a regular file */
	FILE_PIPE,		/* an end of a pipe (pipe.h) */
	FILE_DIR,		/* a directory of the host */
};

struct pipe;

/* open()'s access modes (O_ACCMODE), as the i386 ABI numbers them. */
enum { FILE_O_RDONLY = 0, FILE_O_WRONLY = 1, FILE_O_RDWR = 2 };

struct open_file {
	unsigned refs;		/* descriptors pointing to it, in all
				 * processes */
	enum file_kind kind;
	struct mapped_file file;	/* FILE_REGULAR: its own copy */
	int maps_pid;		/* FILE_PROC_MAPS: whose VMAs */
	uint64_t pos;		/* f_pos */
	unsigned access;	/* FILE_O_RDONLY, _WRONLY or _RDWR */
	bool append;		/* O_APPEND */
	uint32_t flags;		/* f_flags: open()'s flags less O_CREAT,
				 * O_EXCL, O_NOCTTY, O_TRUNC and O_CLOEXEC
				 * (F_GETFL, F_SETFL) */
	struct pipe *pipe;	/* FILE_PIPE: the pipe (the end: access) */
	char *dir_path;		/* FILE_DIR: the host directory, canonical */
	uint64_t map_id;	/* FILE_REGULAR, once mmap'd: which open file
				 * (struct file) its VMAs were mapped through
				 * (0: never mapped) */
};

enum { FILES_MAX = 1024 };	/* RLIMIT_NOFILE's default soft limit */

struct files {
	struct open_file **fd;	/* NULL: free */
	bool *cloexec;		/* FD_CLOEXEC of each descriptor */
	unsigned size;		/* slots so far, at most FILES_MAX */
};

enum files_error {
	FILES_ERR_NONE = 0,
	FILES_ERR_NOMEM = EF_ERR_BASE(EF_DOMAIN_FILES) + 1,
};

/* An empty table; with STANDARD, descriptor 0 on /dev/null and 1 and 2
 * on the output, as the VM's harness starts a program.  Returns 0, or -1
 * with ERR (FILES_ERR_NOMEM). */
int files_init(struct files *f, bool standard, struct ef_error *err);

/* A new description of KIND (FILE_REGULAR: a copy of FILE) with ACCESS,
 * at offset 0, not yet installed: refs 0.  NULL without host memory. */
struct open_file *files_new(enum file_kind kind, const struct mapped_file *file,
			    unsigned access);

/* Free OPEN, a description files_new() made that was never installed. */
void files_discard(struct open_file *open);

/* Install OPEN at the lowest free descriptor: 0 with *FD the
 * descriptor, or -EMFILE when the table is full (OPEN is then freed if
 * nothing else holds it); -1 with ERR when the table cannot grow. */
int files_install(struct files *f, struct open_file *open, int *fd,
		  struct ef_error *err);

/* F_DUPFD: install OPEN (one more reference) at the lowest free
 * descriptor >= LOW, with FD_CLOEXEC when CLOEXEC: 0 with *FD, or
 * -EINVAL (LOW beyond RLIMIT_NOFILE), -EMFILE; -1 with ERR. */
int files_install_from(struct files *f, struct open_file *open, int low,
		       bool cloexec, int *fd, struct ef_error *err);

/* dup2()/dup3()'s do_dup2(): OPEN (one more reference) at descriptor FD,
 * closing what was there, with FD_CLOEXEC when CLOEXEC: 0, -EBADF (FD
 * out of range), or -1 with ERR. */
int files_install_at(struct files *f, struct open_file *open, int fd,
		     bool cloexec, struct ef_error *err);

/* FD_CLOEXEC of descriptor FD (which is open), and setting it. */
bool files_cloexec(const struct files *f, int fd);
void files_set_cloexec(struct files *f, int fd, bool cloexec);

/* do_close_on_exec(): close every descriptor with FD_CLOEXEC. */
void files_close_on_exec(struct files *f);

/* The description at descriptor FD, or NULL (not open). */
struct open_file *files_get(const struct files *f, int fd);

/* close(FD): 0, or -EBADF. */
int files_close(struct files *f, int fd);

/* dup_fd(): DST (empty) gets SRC's descriptors, the same descriptions.
 * Returns 0, or -1 with ERR. */
int files_dup(struct files *dst, const struct files *src,
	      struct ef_error *err);

/* Close every descriptor (exit). */
void files_release(struct files *f);

#endif
