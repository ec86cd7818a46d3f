/* rw_syscalls.h - read(2) from a file and write(2) to a pipe, as Linux
 * 6.1 moves their bytes through the user's buffer.
 *
 * Both start as vfs_read()/vfs_write() do: access_ok() on the buffer (a
 * range reaching the kernel's half is EFAULT, with no access made) and a
 * count cut to MAX_RW_COUNT.  Then:
 *
 *  - read() of a regular file is filemap_read(): page by page of the
 *    file, from the page cache (a page not cached is read from the disk
 *    first - I/O, not a page fault - and without readahead), each copied
 *    with copy_page_to_iter(); a short copy ends the call, which returns
 *    the bytes copied so far, or EFAULT when there are none;
 *  - write() to a pipe is pipe_write() on an empty pipe whose reader
 *    keeps up: the buffer is taken in pieces of a page, each copied with
 *    copy_page_from_iter() into a fresh pipe page; a piece copied short
 *    (with more of the buffer left) is dropped and ends the call, which
 *    returns the bytes of the whole pieces before it, or EFAULT.
 *
 * Every access to the buffer is the copy routine's (uaccess.h), so the
 * faults it takes are kernel-mode faults; the caller's uaccess handles
 * them.
 */
#ifndef ELFAULT_RW_SYSCALLS_H
#define ELFAULT_RW_SYSCALLS_H

#include <stdbool.h>
#include <stdint.h>

#include "error.h"
#include "process.h"
#include "uaccess.h"

enum { RW_DATA_MAX = 64 };

struct rw_result {
	int64_t value;		/* what the call returns: bytes, or -errno */
	int error;		/* the errno when it failed (EFAULT) */
	bool refused;		/* access_ok() refused the buffer */
	bool dead;		/* a copy ended in an Oops: no return */
	uint32_t count;		/* the count after MAX_RW_COUNT */
	uint32_t copied;	/* bytes the copy routines moved */
	unsigned pages_read;	/* file pages read from the disk */
	unsigned data_len;	/* the first bytes the call moved... */
	uint8_t data[RW_DATA_MAX]; /* ...into the buffer or the pipe */
};

/* read(fd, BUF, COUNT) at file offset POS of FILE (as pread(2)), FILE's
 * pages going through M's page cache (each one marked accessed, as
 * folio_mark_accessed() does for reclaim).  LIMIT is access_ok()'s
 * TASK_SIZE_MAX.  Returns 0 with RES filled, or -1 with ERR set (the page cache's and
 * physical memory's errors, or an access's). */
int rw_read_file(struct machine *m, const struct mapped_file *file,
		 uint64_t pos, uint32_t buf, uint32_t count,
		 const struct uaccess *u, uint32_t limit, struct rw_result *res,
		 struct ef_error *err);

/* write(pipe, BUF, COUNT).  Returns 0 with RES filled, or -1 when an
 * access failed (U's access set its error). */
int rw_write_pipe(uint32_t buf, uint32_t count, const struct uaccess *u,
		  uint32_t limit, struct rw_result *res);

#endif
