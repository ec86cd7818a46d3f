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
 * each read, as show_map_vma() makes it), /dev/null, and the terminal
 * on descriptors 0, 1 and 2 of a process exec made (reads find nothing;
 * what is written is shown, not kept).
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
};

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
};

enum { FILES_MAX = 1024 };	/* RLIMIT_NOFILE's default soft limit */

struct files {
	struct open_file **fd;	/* NULL: free */
	unsigned size;		/* slots so far, at most FILES_MAX */
};

enum files_error {
	FILES_ERR_NONE = 0,
	FILES_ERR_NOMEM = EF_ERR_BASE(EF_DOMAIN_FILES) + 1,
};

/* An empty table; with TERMINAL, descriptors 0, 1 and 2 on the terminal,
 * as a program started from a shell has them.  Returns 0, or -1 with
 * ERR (FILES_ERR_NOMEM). */
int files_init(struct files *f, bool terminal, struct ef_error *err);

/* A new description of KIND (FILE_REGULAR: a copy of FILE) with ACCESS,
 * at offset 0, not yet installed: refs 0.  NULL without host memory. */
struct open_file *files_new(enum file_kind kind, const struct mapped_file *file,
			    unsigned access);

/* Install OPEN at the lowest free descriptor: 0 with *FD the
 * descriptor, or -EMFILE when the table is full (OPEN is then freed if
 * nothing else holds it); -1 with ERR when the table cannot grow. */
int files_install(struct files *f, struct open_file *open, int *fd,
		  struct ef_error *err);

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
