/* pipe.h - a pipe as Linux 6.1 keeps one (fs/pipe.c): a ring of
 * PIPE_SLOTS buffers (struct pipe_buffer, pipe->bufs), each a page of
 * its own holding the bytes from offset to offset + len, so the pipe
 * holds at most 16 pages - 65536 bytes when every write filled its
 * page, fewer when small writes could not share one.
 *
 * pipe_write() is pipe_write(): no reader is EPIPE (and SIGPIPE, the
 * caller's to send); a write whose size is not a multiple of the page
 * first tops up the last buffer when it has room (PIPE_BUF_FLAG_CAN_MERGE:
 * copy_page_from_iter() into it, a short copy EFAULT); then each free
 * slot takes a fresh page, filled with copy_page_from_iter() - a copy
 * short of the page with more of the user's buffer left ends the call
 * (EFAULT when nothing was written; the slot stays, empty, as the kernel
 * leaves it).  A full pipe with no byte written would sleep; one written
 * in part returns what it wrote (6.1 sleeps there, holding what it wrote,
 * until a reader makes room - the model's one difference: a short write,
 * which a program's write loop completes).  A write of at most a page
 * into a pipe with a free slot is whole, as PIPE_BUF promises.
 *
 * pipe_read() is pipe_read(): the buffers from the tail, each copied
 * with copy_page_to_iter() (a short copy: EFAULT when nothing was read,
 * else what was read), a buffer emptied freed; it returns as soon as it
 * read something; an empty pipe is 0 (end of file) without writers, and
 * would sleep with them.  With O_NONBLOCK a call that would sleep is
 * EAGAIN.  A write end with O_DIRECT is in packet mode: each page a write
 * fills is a packet, never topped up, and a read takes at most one
 * packet, the rest of a packet it did not take is dropped.
 *
 * The pages are elfault's, not the modelled machine's (a pipe's pages
 * are never reclaimed, so they change nothing the model reports); each
 * has a page-aligned kernel address for the copy routines.
 */
#ifndef ELFAULT_PIPE_H
#define ELFAULT_PIPE_H

#include <stdbool.h>
#include <stdint.h>

#include "rw_syscalls.h"
#include "uaccess.h"

enum { PIPE_SLOTS = 16 };	/* PIPE_DEF_BUFFERS */

struct pipe_slot {
	uint8_t *page;
	uint32_t offset, len;
	bool can_merge;		/* PIPE_BUF_FLAG_CAN_MERGE */
	bool packet;		/* PIPE_BUF_FLAG_PACKET (O_DIRECT) */
};

struct pipe {
	struct pipe_slot slot[PIPE_SLOTS];
	unsigned head, tail;	/* free-running, as pipe->head, ->tail */
	unsigned readers, writers;	/* open descriptions of each end */
	uint32_t kaddr;		/* slot I's page is at kaddr + I pages */
	bool woke;		/* the last pipe_read() or pipe_write() woke
				 * the other end's sleepers: a read that
				 * found the pipe full, a write that found it
				 * empty (wake_up_interruptible_sync_poll()) */
};

/* A new empty pipe with one reader and one writer; NULL without host
 * memory. */
struct pipe *pipe_new(void);

/* One description of the write end (WRITE_END) or the read end closed;
 * the pipe is freed with the last. */
void pipe_put_end(struct pipe *pipe, bool write_end);

/* The bytes the pipe holds. */
uint32_t pipe_bytes(const struct pipe *pipe);

/* How a pipe call ended beyond RES. */
enum pipe_end {
	PIPE_DONE = 0,		/* RES says what moved */
	PIPE_WOULD_SLEEP,	/* nothing moved; the call would sleep */
	PIPE_BROKEN,		/* write with no reader: EPIPE, SIGPIPE */
};

/* read(fd, BUF, COUNT) of PIPE; NONBLOCK: O_NONBLOCK.  Returns 0 with
 * *END and RES filled, or -1 when an access failed (U's error). */
int pipe_read(struct pipe *pipe, uint32_t buf, uint32_t count, bool nonblock,
	      const struct uaccess *u, uint32_t limit, struct rw_result *res,
	      enum pipe_end *end);

/* write(fd, BUF, COUNT) to PIPE, as pipe_read(); PACKET: the write end
 * has O_DIRECT.  Each buffer's page comes with its first write (ENOMEM
 * when the host has none and nothing was written).  Returns 0 or -1. */
int pipe_write(struct pipe *pipe, uint32_t buf, uint32_t count, bool nonblock,
	       bool packet, const struct uaccess *u, uint32_t limit,
	       struct rw_result *res, enum pipe_end *end);

/* splice of a file's page into PIPE (sendfile to a pipe): N bytes (at
 * most a page) as a buffer of their own, not merged with later writes
 * (page_cache_pipe_buf_ops).  Returns false when the pipe is full (or
 * the host has no memory for the buffer's page). */
bool pipe_splice_page(struct pipe *pipe, const uint8_t *bytes, uint32_t n);

/* Whether PIPE has no free slot (pipe_full()). */
bool pipe_is_full(const struct pipe *pipe);

#endif
