/* step_queue_test.c - the read-ahead queue gives exactly what the script
 * reader gives: the same steps in the same order, then the same end or
 * the same error, whether it reads on its own thread or in place; and it
 * can be stopped anywhere. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "script.h"
#include "step_queue.h"
#include "tap.h"

static char path[] = "/tmp/elfault-step-queue-test-XXXXXX";

enum how { DIRECT, IN_PLACE, THREADED };
static const char *const how_names[] = { "script_next", "in place",
					 "threaded" };

static void write_script(const char *text)
{
	FILE *f = fopen(path, "w");

	fputs(text, f);
	fclose(f);
}

/* FNV-1a of everything a step carries, marks and list shapes included. */
static uint64_t mix(uint64_t h, const void *bytes, size_t n)
{
	const unsigned char *p = bytes;

	for (size_t i = 0; i < n; i++)
		h = (h ^ p[i]) * 0x100000001b3u;
	return h;
}

static uint64_t mix_str(uint64_t h, const char *s)
{
	return mix(h, s, strlen(s) + 1);
}

static uint64_t mix_step(uint64_t h, const struct script_step *step)
{
	unsigned head[6] = { step->is_machine, step->mark.line,
			     step->mark.column, step->has_expect,
			     step->has_expect ? step->expect_mark.line : 0,
			     step->field_count };

	h = mix(h, head, sizeof head);
	for (unsigned i = 0; i < step->field_count; i++) {
		const struct script_field *f = &step->fields[i];
		unsigned shape[5] = { f->mark.line, f->mark.column,
				      f->in_expect, f->is_list,
				      f->value_count };

		h = mix(mix_str(h, f->key), shape, sizeof shape);
		for (unsigned v = 0; v < f->value_count; v++) {
			const struct script_value *sv =
				&step->values[f->first_value + v];

			h = mix(mix_str(h, sv->text), &sv->mark,
				sizeof sv->mark);
		}
	}
	return h;
}

struct reading {
	unsigned steps;		/* steps read */
	uint64_t hash;		/* of them all */
	int end;		/* 0 at the end, -1 on an error */
	struct ef_error err;
	int again;		/* what a call after the end returned */
};

/* Read the script at PATH to its end, HOW; LIMIT steps at most (then the
 * queue is freed with the rest unread). */
static struct reading read_all(enum how how, unsigned limit)
{
	static struct script_step own;
	struct reading r = { .hash = 0xcbf29ce484222325u };
	struct script *s = script_open(path, NULL);
	struct step_queue *q = how == DIRECT ? NULL
		: step_queue_new(s, how == THREADED, NULL);
	const struct script_step *step = &own;
	struct ef_error again_err;
	int rc;

	while (r.steps < limit &&
	       (rc = q ? step_queue_next(q, &step, &r.err)
		       : script_next(s, &own, &r.err)) == 1) {
		r.hash = mix_step(r.hash, step);
		r.steps++;
	}
	if (r.steps < limit) {
		r.end = rc;
		r.again = q ? step_queue_next(q, &step, &again_err) : rc;
		if (r.again < 0 && strcmp(again_err.detail, r.err.detail) != 0)
			r.again = -2;
	}
	step_queue_free(q);
	script_close(s);
	return r;
}

/* The script's reading through both queues equals script_next()'s,
 * which is returned. */
static struct reading same_as_reader(const char *what, unsigned limit)
{
	struct reading want = read_all(DIRECT, limit);

	for (enum how how = IN_PLACE; how <= THREADED; how++) {
		struct reading got = read_all(how, limit);
		bool same = got.steps == want.steps && got.hash == want.hash &&
			    got.end == want.end;

		if (want.end < 0)
			same = same && got.err.line == want.err.line &&
			       got.err.column == want.err.column &&
			       got.err.kind == want.err.kind &&
			       strcmp(got.err.detail, want.err.detail) == 0;
		if (!tap_ok(same, "%s: %s gives what the reader gives", what,
			    how_names[how]))
			printf("#   %u steps, end %d (%u:%u %s); want %u, %d "
			       "(%u:%u %s)\n", got.steps, got.end,
			       got.err.line, got.err.column, got.err.detail,
			       want.steps, want.end, want.err.line,
			       want.err.column, want.err.detail);
		if (limit == ~0u)
			tap_ok(got.again == got.end, "%s: %s says the same "
			       "after the end", what, how_names[how]);
	}
	return want;
}

/* A script of N steps, every shape there is: lists, expect:, the largest
 * step the reader takes (32 keys, 64 values, most of its 8 KiB of text)
 * now and then, so that batches end at every kind of step; TAIL last. */
static char *generated(unsigned n, const char *tail)
{
	size_t size = 64 + (size_t)n * 200 + 60 * 9000 + strlen(tail);
	char *text = malloc(size), *p = text;

	p += sprintf(p, "machine:\n  memory: 16M\nsteps:\n");
	for (unsigned i = 0; i < n; i++) {
		if (i % 997 == 500) {
			p += sprintf(p, "  - read: %u\n    big: [", i);
			for (int v = 0; v < 34; v++)
				p += sprintf(p, "%s%0200d", v ? ", " : "", v);
			p += sprintf(p, "]\n");
			for (int k = 0; k < 28; k++)
				p += sprintf(p, "    k%02d: %d\n", k, k);
			p += sprintf(p, "    expect: {value: 1}\n");
		} else if (i % 3 == 0) {
			p += sprintf(p, "  - write: 0x%08x\n    value: %u\n",
				     0x40000000u + i * 4096, i & 255);
		} else if (i % 3 == 1) {
			p += sprintf(p, "  - {read: counter, expect: {fault: "
				     "[anon-zero, x%u], minflt: %u}}\n", i, i);
		} else {
			p += sprintf(p, "  - mmap: 0\n    flags: [private, "
				     "anonymous]\n    length: %u\n", i);
		}
	}
	strcpy(p, tail);
	return text;
}

int main(void)
{
	static const struct {
		const char *text, *what;
	} small[] = {
		{ "steps:\n  - read: counter\n    size: 4\n", "one step" },
		{ "machine:\n  memory: 16M\nsteps:\n  - exit:\n", "machine:" },
		{ "steps: []\n", "no steps" },
		{ "", "an empty file" },
		{ "steps: [\n", "a syntax error" },
		{ "steps:\n  - &s {exit: }\n  - *s\n", "an alias" },
	};
	struct reading want;
	char *text;

	if (mkstemp(path) < 0)
		return 99;
	for (size_t i = 0; i < sizeof small / sizeof small[0]; i++) {
		write_script(small[i].text);
		same_as_reader(small[i].what, ~0u);
	}

	text = generated(20000, "");
	write_script(text);
	free(text);
	want = same_as_reader("20000 steps of every shape", ~0u);
	tap_ok(want.steps == 20001 && want.end == 0,
	       "the 20000 steps and machine: are read to the end (%u, %d)",
	       want.steps, want.end);
	same_as_reader("stopped after 0 steps", 0);
	same_as_reader("stopped after 1000 steps", 1000);

	text = generated(5000, "  - read: 1\n    read: 2\n");
	write_script(text);
	free(text);
	want = same_as_reader("an error after 5000 steps", ~0u);
	tap_ok(want.steps == 5001 && want.end == -1 && want.err.line != 0,
	       "the error comes after the 5000 steps (%u, line %u)",
	       want.steps, want.err.line);

	text = generated(3000, "  - {read: 1\n");
	write_script(text);
	free(text);
	same_as_reader("a syntax error after 3000 steps", ~0u);

	unlink(path);
	return tap_done();
}
