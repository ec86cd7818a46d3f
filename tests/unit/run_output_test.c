/* run_output_test.c - the text report's program output (cmd/run-output.c):
 * each writer's lines shown after the step that ends them, in the order
 * the writers' bytes came; a writer found again after the pieces of the
 * ended lines are packed away; the unended ones at the end. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "run-output.h"
#include "tap.h"

/* What one step does: writers FIRST to LAST (pids, on fd 1) each write
 * "wPID" when NAMED, then TEXT; then the report flushes. */
struct step {
	const char *what;
	int first, last;
	bool named;
	const char *text;
	bool end;		/* the flush at the end of the run */
	const char *shown;	/* what the flush prints */
};

/* "pid N> wN" lines for writers FIRST to LAST but SKIP; writer 95's
 * line ends in "!". */
static char *lines(int first, int last, int skip)
{
	size_t size = 32 * (size_t)(last - first + 1) + 1, at = 0;
	char *s = malloc(size);

	s[0] = '\0';
	for (int pid = first; pid <= last; pid++)
		if (pid != skip)
			at += (size_t)snprintf(s + at, size - at,
					       "pid %d> w%d%s\n", pid, pid,
					       pid == 95 ? "!" : "");
	return s;
}

/* What O's flush at the END (or after a step) prints. */
static char *flushed(struct run_output *o, bool end)
{
	char *buf = NULL;
	size_t size = 0;
	FILE *out = open_memstream(&buf, &size);

	run_output_flush_text(o, out, end);
	fclose(out);
	return buf;
}

int main(void)
{
	char *ended = lines(1, 80, 0), *unended = lines(81, 100, 90);
	const struct step steps[] = {
		{ "100 writers start a line each: nothing shown",
		  1, 100, true, "", false, "" },
		{ "80 of them end theirs: their lines, in order",
		  1, 80, false, "\n", false, ended },
		{ "writer 90, found again after the packing, ends its line",
		  90, 90, false, "+\n", false, "pid 90> w90+\n" },
		{ "writer 95 adds to its line: nothing shown",
		  95, 95, false, "!", false, "" },
		{ "the end: the unended lines, in the order their bytes came",
		  0, -1, false, "", true, unended },
	};
	struct run_output o;
	struct terminal_output t;

	run_output_init(&o, false, NULL);
	t = run_output_terminal(&o);
	for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
		const struct step *s = &steps[i];
		char *shown;

		for (int pid = s->first; pid <= s->last; pid++) {
			char bytes[32];
			int n = s->named ? snprintf(bytes, sizeof bytes,
						    "w%d%s", pid, s->text)
					 : snprintf(bytes, sizeof bytes, "%s",
						    s->text);

			t.write(t.ctx, pid, 1, (const uint8_t *)bytes,
				(uint32_t)n);
		}
		shown = flushed(&o, s->end);
		tap_eq_str(shown, s->shown, "%s", s->what);
		free(shown);
		if (i == 1)
			tap_ok(o.gone == 0 && o.piece_count == 20,
			       "the 80 ended lines' pieces packed away, 20 "
			       "left");
	}
	tap_ok(!o.failed && o.kept == 0, "nothing held, no failure");
	run_output_release(&o);
	free(ended);
	free(unended);
	return tap_done();
}
