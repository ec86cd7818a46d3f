/* rw_syscalls.h - read(2) from a file, /proc and write(2) to a pipe or
 * the terminal, as Linux
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

/* Where what is written to the run's output goes on: TAKE gets each
 * piece the file took, in order (NULL: nowhere). */
struct rw_sink {
	void (*take)(void *ctx, const uint8_t *bytes, uint32_t n);
	void *ctx;
};

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

/* vfs_read()/vfs_write() before the file's own method: RES cleared, its
 * count COUNT cut to MAX_RW_COUNT; false (RES: EFAULT, refused) when
 * access_ok() refuses BUF, with LIMIT TASK_SIZE_MAX. */
bool rw_start(uint32_t buf, uint32_t count, uint32_t limit,
	      struct rw_result *res);

/* Keep the first of the N BYTES that moved in RES (RW_DATA_MAX in all). */
void rw_keep(struct rw_result *res, const uint8_t *bytes, uint32_t n);

/* The call's end: DONE bytes, or EFAULT when none moved and it FAILED. */
void rw_finish(struct rw_result *res, uint64_t done, bool failed);

/* read(fd, BUF, COUNT) at file offset POS of FILE (as pread(2)), FILE's
 * pages going through M's page cache (each one marked accessed, as
 * folio_mark_accessed() does for reclaim).  LIMIT is access_ok()'s
 * TASK_SIZE_MAX.  Returns 0 with RES filled, or -1 with ERR set (the page cache's and
 * physical memory's errors, or an access's). */
int rw_read_file(struct machine *m, const struct mapped_file *file,
		 uint64_t pos, uint32_t buf, uint32_t count,
		 const struct uaccess *u, uint32_t limit, struct rw_result *res,
		 struct ef_error *err);

/* write(fd, BUF, COUNT) of a regular file at offset POS, as
 * generic_perform_write() makes it: page by page of the file, first
 * fault_in_readable() of the piece of the buffer (a kernel-mode read
 * fault on each absent page; nothing faulted in is EFAULT), then the
 * file's page from the page cache (read from the disk when not cached)
 * and the copy into it, which finds the buffer present; the page is
 * dirty, and a write past the end makes the file longer.  Returns 0 with
 * RES filled, or -1 with ERR. */
int rw_write_file(struct machine *m, const struct mapped_file *file,
		  uint64_t pos, uint32_t buf, uint32_t count,
		  const struct uaccess *u, uint32_t limit,
		  struct rw_result *res, struct ef_error *err);

/* write() of a regular file whose pages are not the modelled machine's
 * (the run's output): generic_perform_write()'s accesses as
 * rw_write_file() makes them - fault_in_readable() of each page's piece,
 * then its copy into the file's page at offset POS % 4096 - without the
 * page cache; each piece copied is handed to SINK (may be NULL).  Returns
 * 0 with RES filled, or -1 when an access failed. */
int rw_write_output(uint64_t pos, uint32_t buf, uint32_t count,
		    const struct uaccess *u, uint32_t limit,
		    const struct rw_sink *sink, struct rw_result *res);

/* The kernel's own read of N bytes of FILE at POS into BYTES, through
 * M's page cache (no user memory: splice's), up to the file's end: *DONE
 * the bytes read, *PAGES_READ (added to) the pages read from the disk.
 * Returns 0, or -1 with ERR. */
int rw_kernel_read(struct machine *m, const struct mapped_file *file,
		   uint64_t pos, uint8_t *bytes, uint32_t n, uint32_t *done,
		   unsigned *pages_read, struct ef_error *err);

/* The kernel's own write of N BYTES into FILE at POS, through M's page
 * cache: the pages dirty, the file grown.  Returns 0, or -1 with ERR. */
int rw_kernel_write(struct machine *m, const struct mapped_file *file,
		    uint64_t pos, const uint8_t *bytes, uint32_t n,
		    struct ef_error *err);

/* write(pipe, BUF, COUNT).  Returns 0 with RES filled, or -1 when an
 * access failed (U's access set its error). */
int rw_write_pipe(uint32_t buf, uint32_t count, const struct uaccess *u,
		  uint32_t limit, struct rw_result *res);

/* A read() or write() whose file touches no byte of the buffer
 * (read_null(), write_null()): vfs_read()'s or vfs_write()'s checks, then
 * VALUE (cut to the count) as the result.  Returns 0 with RES filled. */
int rw_nothing(uint32_t buf, uint32_t count, uint32_t limit, uint32_t value,
	       struct rw_result *res);

/* read() of a seq_file (/proc/PID/maps): bytes POS onwards of TEXT (LEN
 * bytes, made for this read) copied to BUF with one copy_to_iter() - a
 * short copy returns what it moved, or EFAULT.  KADDR is the seq_file
 * buffer's kernel address.  Returns 0 with RES filled, or -1. */
int rw_read_text(const char *text, uint64_t len, uint64_t pos, uint32_t buf,
		 uint32_t count, uint32_t kaddr, const struct uaccess *u,
		 uint32_t limit, struct rw_result *res);

/* write() to the terminal (/dev/console): file_tty_write() takes the
 * buffer in chunks of 2048 bytes, each copied with copy_from_iter() into
 * the tty's write buffer (KADDR); a short copy ends the call with the
 * bytes of the whole chunks before it, or EFAULT.  Returns 0 with RES
 * filled, or -1. */
int rw_write_tty(uint32_t buf, uint32_t count, uint32_t kaddr,
		 const struct uaccess *u, uint32_t limit,
		 struct rw_result *res);

#endif
