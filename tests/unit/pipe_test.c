/* pipe_test.c - pipe_write() and pipe_read() as fs/pipe.c moves bytes:
 * a table of calls on one pipe, each with its result and the bytes the
 * pipe holds after it - the 16 pages, merging small writes into the last
 * page, a full pipe that would sleep (or EAGAIN), the end of file, EPIPE,
 * EFAULT for a buffer the copy cannot reach, and O_DIRECT's packets. */
#include <config.h>

#include <errno.h>
#include <string.h>

#include "kernel_text.h"
#include "pipe.h"
#include "tap.h"

/* The user's memory: 128 KiB at USER; an access outside is fixed up, as
 * the kernel's fault on an unmapped page is. */
enum { USER = 0x10000000u, USER_SIZE = 0x20000 };
#define LIMIT 0xc0000000u

static uint8_t user_mem[USER_SIZE];

static int flat_access(void *ctx, uint32_t eip, enum mmu_access_type type,
		       uint32_t user, unsigned size, uint8_t *bytes)
{
	unsigned *faults = ctx;

	(void)eip;
	if (user < USER || user + size > USER + USER_SIZE) {
		++*faults;
		return UACCESS_FIXUP;
	}
	if (type == MMU_WRITE)
		memcpy(user_mem + (user - USER), bytes, size);
	else
		memcpy(bytes, user_mem + (user - USER), size);
	return UACCESS_DONE;
}

enum op { WRITE, READ, CLOSE_READER, CLOSE_WRITER };

static const struct {
	enum op op;
	uint32_t buf, count;
	bool nonblock, packet;
	int64_t result;
	enum pipe_end end;
	uint32_t held;		/* bytes in the pipe after */
	unsigned slots;		/* buffers in use after */
	const char *what;
} calls[] = {
	{ READ, USER, 10, false, false, 0, PIPE_WOULD_SLEEP, 0, 0,
	  "a read of an empty pipe with a writer would sleep" },
	{ READ, USER, 10, true, false, -EAGAIN, PIPE_DONE, 0, 0,
	  "with O_NONBLOCK it is EAGAIN" },
	{ WRITE, USER, 100, false, false, 100, PIPE_DONE, 100, 1,
	  "write 100 bytes: one page" },
	{ WRITE, USER, 50, false, false, 50, PIPE_DONE, 150, 1,
	  "50 more are merged into the same page" },
	{ WRITE, USER, 4096, false, false, 4096, PIPE_DONE, 4246, 2,
	  "a whole page is never merged: a page of its own" },
	{ READ, USER, 120, false, false, 120, PIPE_DONE, 4126, 2,
	  "a read takes from the oldest page" },
	{ READ, USER, 8192, false, false, 4126, PIPE_DONE, 0, 0,
	  "and goes on to the next: all of it" },
	{ WRITE, USER, 65536, false, false, 65536, PIPE_DONE, 65536, 16,
	  "64 KiB fill the 16 pages" },
	{ WRITE, USER, 1, false, false, 0, PIPE_WOULD_SLEEP, 65536, 16,
	  "a full pipe: a write would sleep" },
	{ WRITE, USER, 1, true, false, -EAGAIN, PIPE_DONE, 65536, 16,
	  "with O_NONBLOCK it is EAGAIN" },
	{ READ, USER, 4096, false, false, 4096, PIPE_DONE, 61440, 15,
	  "a read frees a page" },
	{ WRITE, USER, 10000, false, false, 4096, PIPE_DONE, 65536, 16,
	  "a write bigger than the room writes what fits (a short write)" },
	{ READ, USER, 0x20000, false, false, 65536, PIPE_DONE, 0, 0,
	  "read it all" },
	{ WRITE, 0x0fff0000, 10, false, false, -EFAULT, PIPE_DONE, 0, 1,
	  "a buffer out of reach: EFAULT, the page taken stays empty" },
	{ READ, USER, 10, false, false, 0, PIPE_WOULD_SLEEP, 0, 0,
	  "the empty page is dropped; nothing to read" },
	{ WRITE, 0xbfffff00, 0x200, false, false, -EFAULT, PIPE_DONE, 0, 0,
	  "access_ok() refuses a buffer reaching the kernel's half" },
	{ WRITE, USER, 3, false, true, 3, PIPE_DONE, 3, 1,
	  "O_DIRECT: a packet" },
	{ WRITE, USER, 4, false, true, 4, PIPE_DONE, 7, 2,
	  "another packet, not merged" },
	{ READ, USER, 100, false, false, 3, PIPE_DONE, 4, 1,
	  "a read takes one packet" },
	{ READ, USER, 2, false, false, 2, PIPE_DONE, 0, 0,
	  "a short read of a packet drops its rest" },
	{ WRITE, USER, 0, false, false, 0, PIPE_DONE, 0, 0,
	  "an empty write does nothing" },
	{ CLOSE_WRITER, 0, 0, false, false, 0, PIPE_DONE, 0, 0, "" },
	{ READ, USER, 10, false, false, 0, PIPE_DONE, 0, 0,
	  "no writer: an empty pipe is the end of the file" },
	{ CLOSE_READER, 0, 0, false, false, 0, PIPE_DONE, 0, 0, "" },
};

int main(void)
{
	unsigned faults = 0;
	const struct uaccess u = { flat_access, &faults, 7 };
	struct pipe *pipe = pipe_new();
	unsigned pages = 0;

	for (unsigned i = 0; i < PIPE_SLOTS; i++)
		pages += pipe->slot[i].page != NULL;
	tap_eq_u64(pages, 0, "a new pipe has no page: each comes with its "
		   "first write");
	for (size_t i = 0; i < sizeof calls / sizeof calls[0]; i++) {
		struct rw_result res;
		enum pipe_end end;
		int rc;

		if (calls[i].op == CLOSE_READER || calls[i].op == CLOSE_WRITER) {
			pipe_put_end(pipe, calls[i].op == CLOSE_WRITER);
			continue;
		}
		rc = calls[i].op == WRITE
		     ? pipe_write(pipe, calls[i].buf, calls[i].count,
				  calls[i].nonblock, calls[i].packet, &u, LIMIT,
				  &res, &end)
		     : pipe_read(pipe, calls[i].buf, calls[i].count,
				 calls[i].nonblock, &u, LIMIT, &res, &end);
		tap_ok(rc == 0 && end == calls[i].end &&
		       (end == PIPE_WOULD_SLEEP || res.value == calls[i].result) &&
		       pipe_bytes(pipe) == calls[i].held &&
		       pipe->head - pipe->tail == calls[i].slots,
		       "%s", calls[i].what);
		if (end != calls[i].end || pipe_bytes(pipe) != calls[i].held)
			printf("#   end %d, result %lld, held %u, slots %u\n",
			       end, (long long)res.value, pipe_bytes(pipe),
			       pipe->head - pipe->tail);
	}
	tap_ok(faults == 1, "only the out-of-reach buffer faulted");

	/* no reader: EPIPE (and SIGPIPE, the caller's), nothing copied */
	pipe = pipe_new();
	pipe_put_end(pipe, false);
	{
		struct rw_result res;
		enum pipe_end end;

		tap_ok(pipe_write(pipe, USER, 5, false, false, &u, LIMIT, &res,
				  &end) == 0 && end == PIPE_BROKEN &&
		       res.value == -EPIPE && res.copied == 0,
		       "no reader: EPIPE, SIGPIPE to send, nothing copied");
	}
	pipe_put_end(pipe, true);
	return tap_done();
}
