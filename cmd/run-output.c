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

/* Where bytes PID writes to FD go on: YAML keeps the order of the
 * writes, so only the last piece, when it is theirs; text keeps a line
 * per writer.  NULL: a new piece. */
static struct run_output_piece *piece_for(struct run_output *o, int pid,
					  int fd)
{
	for (unsigned i = o->piece_count; i-- > 0;) {
		struct run_output_piece *p = &o->pieces[i];

		if (p->pid == pid && p->fd == fd)
			return p;
		if (o->yaml)
			break;
	}
	return NULL;
}

static struct run_output_piece *new_piece(struct run_output *o, int pid,
					  int fd)
{
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
	o->pieces[o->piece_count] = (struct run_output_piece){ pid, fd, NULL,
							       0, 0, 0, false };
	return &o->pieces[o->piece_count++];
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

	for (unsigned i = 0; i < o->piece_count; i++)
		if (&o->pieces[i] != p && o->pieces[i].len > 0)
			o->pieces[i].spill = true;
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
	if (n > 0 && !append(p, bytes, n)) {
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
 * was left out). */
static void flush_piece(FILE *out, struct run_output_piece *p, bool end)
{
	size_t start = 0;

	end = end || p->dropped > 0 || p->spill;
	p->spill = false;

	for (size_t i = 0; i < p->len; i++) {
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
	if (p->dropped > 0) {
		print_mark(out, p);
		fprintf(out, "[%" PRIu64 " more bytes in one step, not shown]\n",
			p->dropped);
		p->dropped = 0;
	}
}

void run_output_flush_text(struct run_output *o, FILE *out, bool end)
{
	unsigned kept = 0;

	for (unsigned i = 0; i < o->piece_count; i++) {
		struct run_output_piece *p = &o->pieces[i];

		flush_piece(out, p, end);
		if (p->len == 0) {	/* a writer's piece lasts a line */
			free(p->bytes);
			continue;
		}
		o->pieces[kept++] = *p;
	}
	o->piece_count = kept;
	o->kept = 0;	/* what is held: the lines not ended yet */
	for (unsigned i = 0; i < kept; i++)
		o->kept += o->pieces[i].len;
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
	memset(o, 0, sizeof *o);
}
