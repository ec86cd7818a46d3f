/* replay-compare.c - silent replays: opt's first pass, and the table of
 * faults per policy per memory size (--compare-policies). */
#include <config.h>

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "batch_ring.h"
#include "commands.h"
#include "replay-run.h"
#include "script.h"
#include "step_queue.h"
#include "yaml_writer.h"

#define PAGE 4096u
#define MAX_SIZES 16u

void replay_apply_settings(struct replay *r, const struct replay_settings *s)
{
	if (s->has_memory)
		replay_override_memory(r, s->memory);
	if (s->has_swap)
		replay_override_swap(r, s->swap);
	if (s->has_policy)
		replay_override_policy(r, s->policy);
}

int replay_exit_status(const struct ef_error *err, bool reading)
{
	if (reading)
		return err->kind == SCRIPT_ERR_NOMEM ? EXIT_SOFTWARE
						     : EXIT_REFUSED;
	switch (err->kind) {
	case REPLAY_ERR_MEMORY:
		return EXIT_EXHAUSTED;
	case REPLAY_ERR_HOST:
		return EXIT_SOFTWARE;
	default:
		return EXIT_REFUSED;
	}
}

void replay_error_line(const char *script, const struct ef_error *err,
		       char *buf, size_t size)
{
	if (err->line != 0)
		snprintf(buf, size, "%s:%u:%u: %s", script, err->line,
			 err->column, err->detail);
	else
		snprintf(buf, size, "%s: %s", script, err->detail);
}

static void fail(struct replay_totals *out, int status,
		 const struct replay_settings *s, const struct ef_error *err)
{
	out->status = status;
	replay_error_line(s->script, err, out->error, sizeof out->error);
}

/* The step loop of replay_silently(). */
static void run_steps(struct step_queue *steps, struct replay *r,
		      const struct replay_settings *s,
		      struct replay_totals *out)
{
	static struct replay_outcome outcome;
	const struct script_step *step;
	struct ef_error err = { 0 };
	int rc;

	while ((rc = step_queue_next(steps, &step, &err)) == 1) {
		if (replay_step(r, step, &outcome, &err) != 0) {
			fail(out, replay_exit_status(&err, false), s, &err);
			return;
		}
		if (outcome.panicked)
			return;
	}
	if (rc < 0)
		fail(out, replay_exit_status(&err, true), s, &err);
}

void replay_silently(const struct replay_settings *s, struct future *record,
		     struct future *future, struct replay_totals *out)
{
	struct ef_error err = { 0 };
	struct script *script = script_open(s->script, &err);
	struct replay *r = script ? replay_new(s->script, &err) : NULL;
	struct step_queue *steps = r ? step_queue_new(script,
		batch_ring_worth_a_thread(), &err) : NULL;
	const struct machine *m;

	memset(out, 0, sizeof *out);
	if (steps == NULL) {
		fail(out, script ? EXIT_SOFTWARE : EXIT_REFUSED, s, &err);
		replay_free(r);
		script_close(script);
		return;
	}
	replay_apply_settings(r, s);
	replay_record_references(r, record);
	replay_use_future(r, future);
	run_steps(steps, r, s, out);
	step_queue_free(steps);
	m = replay_machine(r);
	if (m != NULL) {
		reclaim_vmstat(m, &out->vmstat);
		out->peak_frames = m->mem.peak_used;
		out->memory = m->mem.frame_count * PAGE;
		out->swap = swap_bytes(&m->swap);
	}
	out->policy = replay_policy(r);
	replay_free(r);
	script_close(script);
}

int replay_record_future(const struct replay_settings *s, struct future *f,
			 struct replay_totals *out)
{
	struct replay_settings big = *s;
	struct ef_error err = { 0 };

	big.has_memory = true;
	big.memory = UINT64_C(4) << 30;
	big.has_policy = true;
	big.policy = POLICY_LRU;
	future_init(f);
	replay_silently(&big, f, NULL, out);
	if (out->status != EXIT_OK)
		return -1;
	if (future_seal(f, &err) != 0) {
		fail(out, EXIT_SOFTWARE, s, &err);
		return -1;
	}
	return 0;
}

/* ---- the table ----------------------------------------------------------- */

struct comparison {
	unsigned size_count;
	uint64_t sizes[MAX_SIZES];
	struct replay_totals runs[POLICY_COUNT][MAX_SIZES];
	uint64_t swap;
};

/* --sizes: memory sizes, comma-separated, ascending. */
static int parse_sizes(const char *list, struct comparison *c)
{
	struct ef_error err = { 0 };
	const char *at = list;

	while (*at != '\0') {
		size_t n = strcspn(at, ",");
		char item[32];

		snprintf(item, sizeof item, "%.*s", (int)(n < 31 ? n : 31), at);
		if (c->size_count == MAX_SIZES) {
			report_error("--sizes: at most %u sizes", MAX_SIZES);
			return -1;
		}
		if (n >= sizeof item ||
		    replay_parse_memory(item, &c->sizes[c->size_count],
					&err) != 0) {
			report_error("--sizes: %s", n >= sizeof item
				     ? "a size too long to be one" : err.detail);
			return -1;
		}
		if (c->size_count > 0 &&
		    c->sizes[c->size_count] <= c->sizes[c->size_count - 1]) {
			report_error("--sizes: %s is not larger than the size "
				     "before it", item);
			return -1;
		}
		c->size_count++;
		at += n + (at[n] == ',');
	}
	if (c->size_count == 0)
		report_error("--sizes: no size given");
	return c->size_count ? 0 : -1;
}

/* Sizes from a quarter of the peak (the first pass's frames in use at
 * once) to the peak itself, where nothing needs reclaiming: every frame
 * count when there are at most MAX_SIZES, else MAX_SIZES evenly apart. */
static void auto_sizes(uint64_t peak_frames, struct comparison *c)
{
	uint64_t low = peak_frames / 4, step;

	if (low < REPLAY_MIN_MEMORY / PAGE)
		low = REPLAY_MIN_MEMORY / PAGE;
	if (peak_frames < low)
		peak_frames = low;
	step = (peak_frames - low + MAX_SIZES - 2) / (MAX_SIZES - 1);
	if (step == 0)
		step = 1;
	for (uint64_t f = low; c->size_count < MAX_SIZES; f += step) {
		c->sizes[c->size_count++] = (f < peak_frames ? f : peak_frames) *
					    PAGE;
		if (f >= peak_frames)
			break;
	}
}

static const char *cell(const struct replay_totals *t, char *buf, size_t n)
{
	if (t->status == EXIT_EXHAUSTED)
		return "-";
	if (t->status != EXIT_OK)
		return "x";
	snprintf(buf, n, "%" PRIu64 "%s", t->vmstat.pgfault,
		 t->vmstat.oom_kill ? "!" : "");
	return buf;
}

/* Belady's anomaly: more memory, more faults (runs that completed). */
static bool anomaly(const struct comparison *c, unsigned policy, unsigned i)
{
	const struct replay_totals *a = &c->runs[policy][i - 1];
	const struct replay_totals *b = &c->runs[policy][i];

	return a->status == EXIT_OK && b->status == EXIT_OK &&
	       !a->vmstat.oom_kill && !b->vmstat.oom_kill &&
	       b->vmstat.pgfault > a->vmstat.pgfault;
}

static void print_table(const struct replay_settings *s,
			const struct comparison *c)
{
	char buf[32];

	printf("%s: page faults (pgfault) per policy and memory size, swap "
	       "%" PRIu64 "K\n\n%-8s", s->script, c->swap / 1024, "memory");
	for (unsigned i = 0; i < c->size_count; i++)
		printf(" %7" PRIu64 "K", c->sizes[i] / 1024);
	printf("\n%-8s", "frames");
	for (unsigned i = 0; i < c->size_count; i++)
		printf(" %8" PRIu64, c->sizes[i] / PAGE);
	printf("\n");
	for (unsigned p = 0; p < POLICY_COUNT; p++) {
		printf("%-8s", replacement_policy_name(p));
		for (unsigned i = 0; i < c->size_count; i++)
			printf(" %8s", cell(&c->runs[p][i], buf, sizeof buf));
		printf("\n");
	}
	printf("\n(! the OOM killer ran; - too little memory to go on, with "
	       "no process to kill;\n x a step failed: one that needs a "
	       "process the OOM killer killed)\n");
	for (unsigned p = 0; p < POLICY_COUNT; p++)
		for (unsigned i = 1; i < c->size_count; i++)
			if (anomaly(c, p, i))
				printf("%s: Belady's anomaly: %" PRIu64 " faults "
				       "with %" PRIu64 "K, %" PRIu64 " with %"
				       PRIu64 "K\n", replacement_policy_name(p),
				       c->runs[p][i - 1].vmstat.pgfault,
				       c->sizes[i - 1] / 1024,
				       c->runs[p][i].vmstat.pgfault,
				       c->sizes[i] / 1024);
}

static const char *status_name(int status)
{
	return status == EXIT_OK ? "ok" : status == EXIT_EXHAUSTED
	       ? "exhausted" : "error";
}

static void yaml_run(struct yaml_writer *w, unsigned policy, uint64_t size,
		     const struct replay_totals *t)
{
	yaml_writer_begin_map(w);
	yaml_writer_key_str(w, "policy", replacement_policy_name(policy));
	yaml_writer_key_int(w, "memory", (long long)size);
	yaml_writer_key_int(w, "frames", (long long)(size / PAGE));
	yaml_writer_key_str(w, "status", status_name(t->status));
	if (t->status != EXIT_OK)
		yaml_writer_key_str(w, "error", t->error);
	for (unsigned i = 0; i < VMSTAT_COUNTERS; i++)
		yaml_writer_key_int(w, vmstat_name(i),
				    (long long)vmstat_value(&t->vmstat, i));
	yaml_writer_end_map(w);
}

static int print_yaml(const struct replay_settings *s,
		      const struct comparison *c)
{
	struct yaml_writer w;
	struct ef_error err;

	yaml_writer_init(&w, stdout);
	yaml_writer_begin_document(&w);
	yaml_writer_begin_map(&w);
	yaml_writer_key_str(&w, "script", s->script);
	yaml_writer_key_int(&w, "swap", (long long)c->swap);
	yaml_writer_str(&w, "runs");
	yaml_writer_begin_seq(&w, false);
	for (unsigned p = 0; p < POLICY_COUNT; p++)
		for (unsigned i = 0; i < c->size_count; i++)
			yaml_run(&w, p, c->sizes[i], &c->runs[p][i]);
	yaml_writer_end_seq(&w);
	yaml_writer_str(&w, "anomalies");
	yaml_writer_begin_seq(&w, false);
	for (unsigned p = 0; p < POLICY_COUNT; p++)
		for (unsigned i = 1; i < c->size_count; i++) {
			if (!anomaly(c, p, i))
				continue;
			yaml_writer_begin_map(&w);
			yaml_writer_key_str(&w, "policy",
					    replacement_policy_name(p));
			yaml_writer_key_int(&w, "smaller", (long long)c->sizes[i - 1]);
			yaml_writer_key_int(&w, "larger", (long long)c->sizes[i]);
			yaml_writer_end_map(&w);
		}
	yaml_writer_end_seq(&w);
	yaml_writer_end_map(&w);
	yaml_writer_end_document(&w);
	if (yaml_writer_finish(&w, &err) != 0) {
		report_error("writing YAML: %s", err.detail);
		return EXIT_SOFTWARE;
	}
	return EXIT_OK;
}

int replay_compare_policies(const struct replay_settings *s)
{
	static struct comparison c;
	struct replay_totals first;
	struct future f;
	int status = EXIT_OK;

	memset(&c, 0, sizeof c);
	/* The first pass: opt's future, the peak, the swap size. */
	if (replay_record_future(s, &f, &first) != 0) {
		fprintf(stderr, "%s\n", first.error);
		future_release(&f);
		return first.status;
	}
	c.swap = first.swap;
	if (s->sizes != NULL ? parse_sizes(s->sizes, &c) != 0
			     : (auto_sizes(first.peak_frames, &c), 0)) {
		future_release(&f);
		return EXIT_USAGE;
	}
	for (unsigned p = 0; p < POLICY_COUNT; p++)
		for (unsigned i = 0; i < c.size_count; i++) {
			struct replay_settings one = *s;

			one.has_memory = true;
			one.memory = c.sizes[i];
			one.has_policy = true;
			one.policy = (enum replacement_policy)p;
			replay_silently(&one, NULL, p == POLICY_OPT ? &f : NULL,
					&c.runs[p][i]);
			if (c.runs[p][i].status == EXIT_SOFTWARE)
				status = EXIT_SOFTWARE;
		}
	future_release(&f);
	if (s->yaml)
		return status != EXIT_OK ? status : print_yaml(s, &c);
	print_table(s, &c);
	return status;
}
