/* fuzz-replay.c - libFuzzer target: a whole replay of a script, as
 * `elfault replay` runs it (opt's first pass included), with the text
 * report of every step and the summary - or, for an input of odd length,
 * the YAML report with its error entry - written to /dev/null, and for
 * one input in sixteen (by length: the views of a machine's every frame
 * cost more than most replays) those of --show=end, written only then,
 * as cmd-replay.c writes them.
 * The script sits in a scratch directory whose programs/ and data.txt
 * are testdata/replay's (links, allowed with --allow-read), so the
 * seed corpus's exec: programs/a.out runs the fixed small ELF. */
#include <config.h>

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzz.h"
#include "replay_report.h"
#include "replay_run.h"
#include "step_queue.h"
#include "yaml_writer.h"

static char replay_dir[PATH_MAX];
static const char *allow_read[1] = { replay_dir };

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *testdata = getenv("TESTDATA");
	char path[PATH_MAX + 64], link[PATH_MAX + 64];

	snprintf(path, sizeof path, "%s/replay",
		 testdata ? testdata : FUZZ_TESTDATA);
	if (realpath(path, replay_dir) == NULL)
		abort();
	snprintf(path, sizeof path, "%s/programs", replay_dir);
	snprintf(link, sizeof link, "%s/programs", fuzz_scratch_dir());
	if (symlink(path, link) != 0)
		abort();
	snprintf(path, sizeof path, "%s/data.txt", replay_dir);
	snprintf(link, sizeof link, "%s/data.txt", fuzz_scratch_dir());
	if (symlink(path, link) != 0)
		abort();
	return 0;
}

static void report_step(void *ctx, const struct replay *r,
			const struct replay_outcome *o)
{
	struct yaml_writer *w = ctx;

	if (w != NULL)
		replay_report_yaml_step(w, r, o, false);
	else
		replay_report_text_step(fuzz_sink(), r, o, false);
}

static void run(const struct replay_settings *s, struct step_queue *steps,
		struct replay *r, struct yaml_writer *w)
{
	const struct replay_run_hooks hooks = { report_step, w };
	struct replay_run_result result;
	struct future future;

	future_init(&future);
	if (w != NULL) {
		yaml_writer_begin_document(w);
		yaml_writer_begin_map(w);
		yaml_writer_str(w, "steps");
		yaml_writer_begin_seq(w, false);
	}
	replay_run(r, steps, &hooks, s, &future, &result);
	/* as cmd-replay.c writes them: the views only with --show=end */
	if (w != NULL) {
		yaml_writer_end_seq(w);
		if (result.end != REPLAY_END_OK)
			replay_report_yaml_error(w, s->script, result.end,
						 &result.err);
		if (s->show_end)
			replay_report_yaml_end(w, r, &result.err);
		replay_report_yaml_summary(w, r, &result.tally);
		yaml_writer_end_map(w);
		yaml_writer_end_document(w);
	} else {
		if (s->show_end)
			replay_report_text_end(fuzz_sink(), r, &result.err);
		replay_report_text_summary(fuzz_sink(), r, &result.tally);
	}
	future_release(&future);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_input_file(data, size, "input.yaml");
	const struct replay_settings s = {
		.script = path, .show_end = size % 16 == 0,
		.allow_read = allow_read, .allow_read_count = 1,
	};
	struct script *script = script_open(path, NULL);
	struct replay *r = script ? replay_new(path, NULL) : NULL;
	struct step_queue *steps = r ? step_queue_new(script, false, NULL)
				     : NULL;
	struct yaml_writer w;

	yaml_writer_init(&w, fuzz_sink());
	if (steps != NULL && replay_apply_settings(r, &s, NULL) == 0)
		run(&s, steps, r, size % 2 ? &w : NULL);
	yaml_writer_finish(&w, NULL);
	step_queue_free(steps);
	replay_free(r);
	script_close(script);
	return 0;
}
