/* run-output.c - a run's program output, kept apart from its report
 * (run-output.h). */
#include <config.h>

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "replay.h"
#include "run-output.h"

void run_output_init(struct run_output *o, bool yaml, FILE *raw)
{
	memset(o, 0, sizeof *o);
	o->yaml = yaml;
	o->raw = raw;
}

/* The index's keys: a piece, by its writer (pid and fd). */
static const void *writer_of(const void *owner, size_t number)
{
	return &((const struct run_output *)owner)->pieces[number];
}

static size_t writer_hash(const void *key)
{
	const struct run_output_piece *p = key;
	uint64_t h = ((uint64_t)(uint32_t)p->pid << 32 | (uint32_t)p->fd) *
		     0x9e3779b97f4a7c15ull;

	return (size_t)(h ^ (h >> 29));
}

static bool same_writer(const void *a, const void *b)
{
	const struct run_output_piece *x = a, *y = b;

	return x->pid == y->pid && x->fd == y->fd;
}

static const struct number_index_keys writers = { writer_of, writer_hash,
						  same_writer };

/* Where bytes PID writes to FD go on: YAML keeps the order of the
 * writes, so only the last piece, when it is theirs; text keeps a line
 * per writer, found through the index (the newest piece of the writer:
 * one printed whole is a hole, and the writer's next bytes start a new
 * piece, after all the others).  NULL: a new piece. */
static struct run_output_piece *piece_for(struct run_output *o, int pid,
					  int fd)
{
	const struct run_output_piece key = { .pid = pid, .fd = fd };
	const size_t *slot;

	if (o->yaml) {
		struct run_output_piece *last = o->piece_count
			? &o->pieces[o->piece_count - 1] : NULL;

		return last && last->pid == pid && last->fd == fd ? last
								   : NULL;
	}
	slot = number_index_slot(&o->by_writer, &writers, o, &key);
	if (slot == NULL || *slot == 0 || o->pieces[*slot - 1].gone)
		return NULL;
	return &o->pieces[*slot - 1];
}

static struct run_output_piece *new_piece(struct run_output *o, int pid,
					  int fd)
{
	struct run_output_piece *p;

	if (o->piece_count == o->piece_capacity) {
		unsigned capacity = o->piece_capacity ? 2 * o->piece_capacity
						      : 8;
		struct run_output_piece *more =
			realloc(o->pieces, capacity * sizeof *more);

		if (more == NULL)
			return NULL;
		o->pieces = more;
		o->piece_capacity = capacity;
	}
	if (!o->yaml && number_index_room(&o->by_writer, &writers, o,
					  o->piece_count) != 0)
		return NULL;
	p = &o->pieces[o->piece_count];
	*p = (struct run_output_piece){ .pid = pid, .fd = fd };
	if (!o->yaml)
		*number_index_slot(&o->by_writer, &writers, o, p) =
			o->piece_count + 1;
	o->piece_count++;
	return p;
}

/* Text: P joins the pieces the next flush looks at.  Returns false
 * without host memory. */
static bool touch(struct run_output *o, struct run_output_piece *p)
{
	if (p->touched)
		return true;
	if (o->touched_count == o->touched_capacity) {
		unsigned capacity = o->touched_capacity
				    ? 2 * o->touched_capacity : 16;
		unsigned *more = realloc(o->touched, capacity * sizeof *more);

		if (more == NULL)
			return false;
		o->touched = more;
		o->touched_capacity = capacity;
	}
	o->touched[o->touched_count++] = (unsigned)(p - o->pieces);
	p->touched = true;
	return true;
}

static bool append(struct run_output_piece *p, const uint8_t *bytes,
		   uint32_t n)
{
	if (p->len + n > p->capacity) {
		size_t capacity = p->capacity ? p->capacity : 128;
		char *more;

		while (capacity < p->len + n)
			capacity *= 2;
		more = realloc(p->bytes, capacity);
		if (more == NULL)
			return false;
		p->bytes = more;
		p->capacity = capacity;
	}
	memcpy(p->bytes + p->len, bytes, n);
	p->len += n;
	return true;
}

/* Text, the held bytes about to pass RUN_OUTPUT_KEPT with N more of
 * P's: the other writers' unended lines are shown at the next flush (so
 * that one writer's long line holds no one else's back), and P keeps
 * what brings its own to RUN_OUTPUT_KEPT, the rest counted.  Returns the
 * bytes P keeps. */
static uint32_t make_room(struct run_output *o, struct run_output_piece *p,
			  uint32_t n)
{
	uint32_t room = p->len < RUN_OUTPUT_KEPT
			? (uint32_t)(RUN_OUTPUT_KEPT - p->len) : 0;

	/* each piece spilled is printed whole at the next flush: this
	 * pass costs no more than the bytes it lets go */
	for (unsigned i = 0; i < o->piece_count; i++) {
		struct run_output_piece *other = &o->pieces[i];

		if (other == p || other->len == 0 || other->spill)
			continue;
		if (!touch(o, other))
			o->failed = true;
		other->spill = true;
	}
	if (n > room) {
		p->dropped += n - room;
		n = room;
	}
	return n;
}

static void take(void *ctx, int pid, int fd, const uint8_t *bytes,
		 uint32_t n)
{
	struct run_output *o = ctx;
	struct run_output_piece *p;

	if (o->raw != NULL) {
		if (fwrite(bytes, 1, n, o->raw) != n)
			o->failed = true;
		return;
	}
	if (o->yaml && o->kept + n > RUN_OUTPUT_KEPT) {
		o->dropped += n;
		return;
	}
	p = piece_for(o, pid, fd);
	if (p == NULL)
		p = new_piece(o, pid, fd);
	if (p == NULL) {
		o->failed = true;
		return;
	}
	if (!o->yaml && o->kept + n > RUN_OUTPUT_KEPT)
		n = make_room(o, p, n);
	if ((n > 0 && !append(p, bytes, n)) || (!o->yaml && !touch(o, p))) {
		o->failed = true;
		return;
	}
	o->kept += n;
}

struct terminal_output run_output_terminal(struct run_output *o)
{
	return (struct terminal_output){ take, o };
}

/* The mark of P's lines: "pid PID> ", or "pid PID FD> ". */
static void print_mark(FILE *out, const struct run_output_piece *p)
{
	if (p->fd == 1)
		fprintf(out, "pid %d> ", p->pid);
	else
		fprintf(out, "pid %d %d> ", p->pid, p->fd);
}

/* One line (N bytes, no newline) as the report shows the program's. */
static void print_line(FILE *out, const struct run_output_piece *p,
		       const char *line, size_t n)
{
	size_t size = 4 * n + 1;
	char *escaped = malloc(size);

	print_mark(out, p);
	if (escaped == NULL) {	/* as it came, rather than not at all */
		fwrite(line, 1, n, out);
	} else {
		fputs(replay_escape((const uint8_t *)line, n, escaped, size),
		      out);
		free(escaped);
	}
	fputc('\n', out);
}

/* P's complete lines printed and dropped (at the END, when bytes were
 * left out or when P spills, all of it, then a line that counts what
 * was left out).  Only the bytes that came since the last flush are
 * looked at for a newline: a writer's unended line, held step after
 * step while a thousand others write, is not read again each time.
 * Returns the bytes printed. */
static size_t flush_piece(FILE *out, struct run_output_piece *p, bool end)
{
	size_t start = 0;

	end = end || p->dropped > 0 || p->spill;
	p->spill = false;

	for (size_t i = p->scanned; i < p->len; i++) {
		if (p->bytes[i] == '\n') {
			print_line(out, p, p->bytes + start, i - start);
			start = i + 1;
		}
	}
	if (end && start < p->len) {
		print_line(out, p, p->bytes + start, p->len - start);
		start = p->len;
	}
	memmove(p->bytes, p->bytes + start, p->len - start);
	p->len -= start;
	p->scanned = p->len;
	if (p->dropped > 0) {
		print_mark(out, p);
		fprintf(out, "[%" PRIu64 " more bytes in one step, not shown]\n",
			p->dropped);
		p->dropped = 0;
	}
	return start;
}

static int by_place(const void *a, const void *b)
{
	unsigned x = *(const unsigned *)a, y = *(const unsigned *)b;

	return (x > y) - (x < y);
}

/* The holes left out, the others kept in order and indexed again, once
 * the holes are half the pieces (so that packing costs each hole a
 * constant). */
static void pack(struct run_output *o)
{
	unsigned kept = 0;

	if (o->gone < 64 || 2 * o->gone < o->piece_count)
		return;
	for (unsigned i = 0; i < o->piece_count; i++)
		if (!o->pieces[i].gone)
			o->pieces[kept++] = o->pieces[i];
	o->piece_count = kept;
	o->gone = 0;
	/* an empty index is rebuilt from the pieces, in order */
	number_index_release(&o->by_writer);
	if (number_index_room(&o->by_writer, &writers, o, kept) != 0)
		o->failed = true;
}

/* The pieces written (or to spill) since the last flush, in the order
 * of their first bytes - which is all a flush not at the end would find
 * to print: the others hold no newline it has not seen. */
void run_output_flush_text(struct run_output *o, FILE *out, bool end)
{
	unsigned count = end ? o->piece_count : o->touched_count;

	if (!end && count > 1)
		qsort(o->touched, count, sizeof *o->touched, by_place);
	for (unsigned k = 0; k < count; k++) {
		struct run_output_piece *p =
			&o->pieces[end ? k : o->touched[k]];

		p->touched = false;
		if (p->gone)
			continue;
		o->kept -= flush_piece(out, p, end);
		if (p->len == 0) {	/* a writer's piece lasts a line */
			free(p->bytes);
			p->bytes = NULL;
			p->gone = true;
			o->gone++;
		}
	}
	o->touched_count = 0;
	pack(o);
}

void run_output_yaml(struct run_output *o, struct yaml_writer *w)
{
	yaml_writer_str(w, "output");
	yaml_writer_begin_seq(w, false);
	for (unsigned i = 0; i < o->piece_count; i++) {
		const struct run_output_piece *p = &o->pieces[i];
		size_t size = 4 * p->len + 1;
		char *escaped = malloc(size);

		if (escaped == NULL) {
			o->failed = true;
			break;
		}
		yaml_writer_begin_map(w);
		yaml_writer_key_int(w, "pid", p->pid);
		yaml_writer_key_int(w, "fd", p->fd);
		yaml_writer_key_str(w, "text",
				    replay_escape((const uint8_t *)p->bytes,
						  p->len, escaped, size));
		yaml_writer_end_map(w);
		free(escaped);
	}
	yaml_writer_end_seq(w);
	if (o->dropped > 0)
		yaml_writer_key_int(w, "output-dropped", (long long)o->dropped);
}

void run_output_release(struct run_output *o)
{
	for (unsigned i = 0; i < o->piece_count; i++)
		free(o->pieces[i].bytes);
	free(o->pieces);
	free(o->touched);
	number_index_release(&o->by_writer);
	memset(o, 0, sizeof *o);
}
