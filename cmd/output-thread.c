/* output-thread.c - a stdio stream (fopencookie()) whose writes are
 * copied into batches (batch_ring.h) that a writer thread writes to the
 * real standard output. */
#include <config.h>

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "batch_ring.h"
#include "output-thread.h"

enum {
	STREAM_BUFFER = 64 << 10,	/* stdio's buffer: a write per 64 KiB */
	BATCH_SIZE = STREAM_BUFFER + 64,
	BATCHES = 4,
};

/* A batch: the bytes of one or more of the stream's writes. */
struct chunk {
	size_t used;
	char bytes[];
};

#define CHUNK_ROOM (BATCH_SIZE - sizeof(struct chunk))

static struct {
	FILE *real;			/* stdout before start */
	int fd;				/* its file descriptor */
	struct batch_ring *ring;
	pthread_t writer;
	atomic_int error;		/* the writer's errno, once one failed */
} out;

/* ---- the writer thread -------------------------------------------------- */

static int write_all(int fd, const char *bytes, size_t n)
{
	while (n != 0) {
		ssize_t done = write(fd, bytes, n);

		if (done < 0 && errno == EINTR)
			continue;
		if (done < 0)
			return errno;
		bytes += done;
		n -= (size_t)done;
	}
	return 0;
}

static void *write_out(void *arg)
{
	struct chunk *c;

	(void)arg;
	while ((c = batch_ring_take(out.ring)) != NULL) {
		if (atomic_load(&out.error) == 0) {
			int e = write_all(out.fd, c->bytes, c->used);

			if (e != 0)
				atomic_store(&out.error, e);
		}
		batch_ring_release(out.ring);
	}
	return NULL;
}

/* ---- the stream --------------------------------------------------------- */

/* stdio's write: copied into batches handed to the writer at once, so a
 * fflush() of the stream sends what it has on its way. */
static ssize_t stream_write(void *cookie, const char *bytes, size_t n)
{
	size_t left = n;
	int e = atomic_load(&out.error);

	(void)cookie;
	if (e != 0) {
		errno = e;
		return -1;
	}
	while (left != 0) {
		struct chunk *c = batch_ring_fill(out.ring);
		size_t part = left < CHUNK_ROOM ? left : CHUNK_ROOM;

		memcpy(c->bytes, bytes, part);
		c->used = part;
		batch_ring_hand_over(out.ring);
		bytes += part;
		left -= part;
	}
	return (ssize_t)n;
}

bool output_thread_start(void)
{
	static const cookie_io_functions_t io = { .write = stream_write };
	static char buffer[STREAM_BUFFER];
	FILE *stream;

	if (isatty(STDOUT_FILENO))
		return false;
	fflush(stdout);
	if (!batch_ring_worth_a_thread()) {	/* one CPU: 64 KiB writes */
		setvbuf(stdout, buffer, _IOFBF, sizeof buffer);
		return false;
	}
	out.real = stdout;
	out.fd = fileno(stdout);
	atomic_store(&out.error, 0);
	out.ring = batch_ring_new(BATCHES, BATCH_SIZE, BATCH_RING_SLEEP);
	if (out.ring == NULL)
		return false;
	stream = fopencookie(NULL, "w", io);
	/* glibc's setvbuf() ignores the size unless it is given the buffer */
	if (stream == NULL ||
	    setvbuf(stream, buffer, _IOFBF, sizeof buffer) != 0 ||
	    pthread_create(&out.writer, NULL, write_out, NULL) != 0) {
		if (stream != NULL)
			fclose(stream);
		batch_ring_free(out.ring);
		out.ring = NULL;
		return false;
	}
	stdout = stream;	/* glibc's stdout is a variable to assign */
	return true;
}

void output_thread_sync(void)
{
	fflush(stdout);
	if (out.ring != NULL)
		batch_ring_drain(out.ring);
}

int output_thread_finish(void)
{
	int failed = fclose(stdout) != 0 ? errno : 0;
	int e;

	stdout = out.real;
	batch_ring_end(out.ring);
	pthread_join(out.writer, NULL);
	batch_ring_free(out.ring);
	out.ring = NULL;
	e = atomic_load(&out.error);
	if (e == 0)
		e = failed;
	if (e == 0)
		return 0;
	errno = e;
	return -1;
}
