/* pipe.c - pipe_read() and pipe_write() of fs/pipe.c (pipe.h). */
#include <config.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "kernel_space.h"
#include "pipe.h"

/* Where the pipes' pages are: page-aligned, as alloc_page() gives them. */
#define KADDR_PIPE_PAGES (PAGE_OFFSET + 0x00c00000u)

/* A slot's page comes with its first write, as pipe_write() allocates
 * one (alloc_page()) for each buffer it fills: a pipe no one writes
 * costs no page. */
struct pipe *pipe_new(void)
{
	struct pipe *pipe = calloc(1, sizeof *pipe);

	if (pipe == NULL)
		return NULL;
	pipe->readers = pipe->writers = 1;
	pipe->kaddr = KADDR_PIPE_PAGES;
	return pipe;
}

/* S's page, made on its first use: false when the host has no memory
 * for it. */
static bool slot_page(struct pipe_slot *s)
{
	return s->page != NULL || (s->page = malloc(PAGE_SIZE)) != NULL;
}

static void release_pages(struct pipe *pipe)
{
	for (unsigned i = 0; i < PIPE_SLOTS; i++)
		free(pipe->slot[i].page);
}

void pipe_put_end(struct pipe *pipe, bool write_end)
{
	if (write_end)
		pipe->writers--;
	else
		pipe->readers--;
	if (pipe->readers == 0 && pipe->writers == 0) {
		release_pages(pipe);
		free(pipe);
	}
}

static bool empty(const struct pipe *pipe)
{
	return pipe->head == pipe->tail;
}

static bool full(const struct pipe *pipe)
{
	return pipe->head - pipe->tail >= PIPE_SLOTS;
}

static struct pipe_slot *slot_at(struct pipe *pipe, unsigned index)
{
	return &pipe->slot[index % PIPE_SLOTS];
}

static uint32_t slot_kaddr(const struct pipe *pipe, unsigned index)
{
	return pipe->kaddr + (index % PIPE_SLOTS) * PAGE_SIZE;
}

uint32_t pipe_bytes(const struct pipe *pipe)
{
	uint32_t n = 0;

	for (unsigned i = pipe->tail; i != pipe->head; i++)
		n += pipe->slot[i % PIPE_SLOTS].len;
	return n;
}

/* The end of an access that did not complete: -1, or 0 for an Oops. */
static int access_failed(int rc, struct rw_result *res)
{
	res->dead = rc == UACCESS_DEAD;
	return rc < 0 ? -1 : 0;
}

/* One buffer at the tail: up to *LEFT of its bytes copied to BUF + *DONE
 * (copy_page_to_iter()); *FAILED on a short copy. */
static int read_slot(struct pipe *pipe, uint32_t buf, uint32_t *done,
		     uint32_t *left, bool *failed, const struct uaccess *u,
		     struct rw_result *res)
{
	struct pipe_slot *s = slot_at(pipe, pipe->tail);
	uint32_t chars = s->len < *left ? s->len : *left, written = 0;
	int rc = chars == 0 ? 0
		 : uaccess_copy_page(u, UACCESS_TO_USER, buf + *done,
				     s->page + s->offset,
				     slot_kaddr(pipe, pipe->tail) + s->offset,
				     chars, &written);

	if (rc != 0)
		return rc;
	res->copied += written;
	if (written < chars) {
		*failed = true;
		return 0;
	}
	rw_keep(res, s->page + s->offset, chars);
	*done += chars;
	*left -= chars;
	s->offset += chars;
	s->len -= chars;
	if (s->packet) {	/* one packet a read; its rest dropped */
		*left = 0;
		s->len = 0;
	}
	if (s->len == 0)	/* pipe_buf_release() */
		pipe->tail++;
	return 0;
}

int pipe_read(struct pipe *pipe, uint32_t buf, uint32_t count, bool nonblock,
	      const struct uaccess *u, uint32_t limit, struct rw_result *res,
	      enum pipe_end *end)
{
	uint32_t done = 0, left;
	bool failed = false;

	*end = PIPE_DONE;
	pipe->woke = false;
	if (!rw_start(buf, count, limit, res) || res->count == 0)
		return 0;
	pipe->woke = full(pipe);	/* was_full */
	left = res->count;
	while (left > 0 && !empty(pipe) && !failed) {
		int rc = read_slot(pipe, buf, &done, &left, &failed, u, res);

		if (rc != 0)
			return access_failed(rc, res);
	}
	if (left != 0 && done == 0 && !failed && pipe->writers > 0 &&
	    res->count != 0) {
		pipe->woke = false;
		if (!nonblock) {
			*end = PIPE_WOULD_SLEEP;
			return 0;
		}
		res->value = -EAGAIN;
		res->error = EAGAIN;
		return 0;
	}
	rw_finish(res, done, failed);
	return 0;
}

/* The last buffer topped up with CHARS bytes from BUF: 0 with *FAILED on
 * a short copy. */
static int merge(struct pipe *pipe, uint32_t buf, uint32_t chars,
		 bool *failed, const struct uaccess *u, struct rw_result *res)
{
	struct pipe_slot *s = slot_at(pipe, pipe->head - 1);
	uint32_t at = s->offset + s->len, copied;
	int rc = uaccess_copy_page(u, UACCESS_FROM_USER, buf, s->page + at,
				   slot_kaddr(pipe, pipe->head - 1) + at, chars,
				   &copied);

	if (rc != 0)
		return rc;
	res->copied += copied;
	*failed = copied < chars;
	if (!*failed) {
		rw_keep(res, s->page + at, chars);
		s->len += chars;
	}
	return 0;
}

/* A fresh page in the next slot, filled from BUF + *DONE: the whole page
 * or what is left; a short copy leaves the slot empty, *FAILED; no page
 * to be had (the host's memory), *NOMEM and nothing done. */
static int fill_slot(struct pipe *pipe, uint32_t buf, uint32_t *done,
		     bool *failed, bool *nomem, bool packet,
		     const struct uaccess *u, struct rw_result *res)
{
	struct pipe_slot *s = slot_at(pipe, pipe->head);
	uint32_t want = res->count - *done < PAGE_SIZE ? res->count - *done
						      : PAGE_SIZE, copied;
	int rc;

	if (!slot_page(s)) {
		*nomem = true;
		return 0;
	}
	pipe->head++;		/* the slot is taken before the copy */
	*s = (struct pipe_slot){ s->page, 0, 0, !packet, packet };
	rc = uaccess_copy_page(u, UACCESS_FROM_USER, buf + *done, s->page,
			       slot_kaddr(pipe, pipe->head - 1), want, &copied);
	if (rc != 0)
		return rc;
	res->copied += copied;
	if (copied < want) {
		*failed = true;
		return 0;
	}
	rw_keep(res, s->page, copied);
	s->len = copied;
	*done += copied;
	return 0;
}

/* Whether a write of COUNT bytes can top up the last buffer. */
static bool can_merge(struct pipe *pipe, uint32_t count)
{
	const struct pipe_slot *s;
	uint32_t chars = count & (PAGE_SIZE - 1);

	if (chars == 0 || empty(pipe))
		return false;
	s = slot_at(pipe, pipe->head - 1);
	return s->can_merge && s->offset + s->len + chars <= PAGE_SIZE;
}

int pipe_write(struct pipe *pipe, uint32_t buf, uint32_t count, bool nonblock,
	       bool packet, const struct uaccess *u, uint32_t limit,
	       struct rw_result *res, enum pipe_end *end)
{
	uint32_t done = 0;
	bool failed = false, nomem = false;
	int rc = 0;

	*end = PIPE_DONE;
	pipe->woke = false;
	if (!rw_start(buf, count, limit, res) || res->count == 0)
		return 0;
	if (pipe->readers == 0) {
		*end = PIPE_BROKEN;
		res->value = -EPIPE;
		res->error = EPIPE;
		return 0;
	}
	pipe->woke = empty(pipe);	/* was_empty */
	if (can_merge(pipe, res->count)) {
		rc = merge(pipe, buf, res->count & (PAGE_SIZE - 1), &failed, u,
			   res);
		if (rc == 0 && !failed)
			done = res->count & (PAGE_SIZE - 1);
	} else if (full(pipe)) {
		if (nonblock) {
			res->value = -EAGAIN;
			res->error = EAGAIN;
		} else {
			*end = PIPE_WOULD_SLEEP;
		}
		return 0;
	}
	while (rc == 0 && !failed && !nomem && done < res->count &&
	       !full(pipe))
		rc = fill_slot(pipe, buf, &done, &failed, &nomem, packet, u,
			       res);
	if (rc != 0)
		return access_failed(rc, res);
	rw_finish(res, done, failed);
	if (nomem && done == 0) {	/* ret = ret ? : -ENOMEM */
		res->value = -ENOMEM;
		res->error = ENOMEM;
	}
	return 0;
}

bool pipe_is_full(const struct pipe *pipe)
{
	return full(pipe);
}

bool pipe_splice_page(struct pipe *pipe, const uint8_t *bytes, uint32_t n)
{
	struct pipe_slot *s;

	if (full(pipe) || !slot_page(slot_at(pipe, pipe->head)))
		return false;	/* no page to be had: as full */
	s = slot_at(pipe, pipe->head++);
	memcpy(s->page, bytes, n);
	s->offset = 0;
	s->len = n;
	s->can_merge = false;
	s->packet = false;
	return true;
}
