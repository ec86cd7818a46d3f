/* replay_compare.c - the policy x size sweep of silent runs, and the
 * table of faults it gives (replay_compare.h). */
#include <config.h>

#include <inttypes.h>
#include <limits.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "replay_compare.h"
#include "replay_report.h"
#include "text.h"

#define MAX_SIZES REPLAY_COMPARE_MAX_SIZES

int replay_compare_parse_sizes(const char *list, struct replay_comparison *c,
			       struct ef_error *err)
{
	const char *at = list;

	while (*at != '\0') {
		size_t n = strcspn(at, ",");
		char item[32];

		snprintf(item, sizeof item, "%.*s", (int)(n < 31 ? n : 31), at);
		if (c->size_count == MAX_SIZES)
			return ef_error_set(err, PHYS_ERR_SIZE, 0,
					    "at most %u sizes", MAX_SIZES);
		if (n >= sizeof item)
			return ef_error_set(err, PHYS_ERR_SIZE, 0,
					    "a size too long to be one");
		if (replay_parse_memory(item, &c->sizes[c->size_count],
					err) != 0)
			return -1;
		if (c->size_count > 0 &&
		    c->sizes[c->size_count] <= c->sizes[c->size_count - 1])
			return ef_error_set(err, PHYS_ERR_SIZE, 0,
					    "%s is not larger than the size "
					    "before it", item);
		c->size_count++;
		at += n + (at[n] == ',');
	}
	if (c->size_count == 0)
		return ef_error_set(err, PHYS_ERR_SIZE, 0, "no size given");
	return 0;
}

/* Sizes from a quarter of the peak (the first pass's frames in use at
 * once) to the peak itself, where nothing needs reclaiming: every frame
 * count when there are at most MAX_SIZES, else MAX_SIZES evenly apart. */
static void auto_sizes(uint64_t peak_frames, struct replay_comparison *c)
{
	uint64_t low = peak_frames / 4, step;

	if (low < REPLAY_MIN_MEMORY / PAGE_SIZE)
		low = REPLAY_MIN_MEMORY / PAGE_SIZE;
	if (peak_frames < low)
		peak_frames = low;
	step = (peak_frames - low + MAX_SIZES - 2) / (MAX_SIZES - 1);
	if (step == 0)
		step = 1;
	for (uint64_t f = low; c->size_count < MAX_SIZES; f += step) {
		c->sizes[c->size_count++] =
			(f < peak_frames ? f : peak_frames) * PAGE_SIZE;
		if (f >= peak_frames)
			break;
	}
}

static const char *cell(const struct replay_totals *t, char *buf, size_t n)
{
	if (t->end == REPLAY_END_EXHAUSTED)
		return "-";
	if (t->end != REPLAY_END_OK)
		return "x";
	snprintf(buf, n, "%" PRIu64 "%s", t->vmstat.pgfault,
		 t->vmstat.oom_kill ? "!" : "");
	return buf;
}

bool replay_compare_anomaly(const struct replay_comparison *c,
			    unsigned policy, unsigned i)
{
	const struct replay_totals *a = &c->runs[policy][i - 1];
	const struct replay_totals *b = &c->runs[policy][i];

	return a->end == REPLAY_END_OK && b->end == REPLAY_END_OK &&
	       !a->vmstat.oom_kill && !b->vmstat.oom_kill &&
	       b->vmstat.pgfault > a->vmstat.pgfault;
}

/* The anomalies: POLICY took more faults with size I than with I - 1. */
static void print_anomalies(FILE *out, const struct replay_comparison *c)
{
	for (unsigned p = 0; p < POLICY_COUNT; p++)
		for (unsigned i = 1; i < c->size_count; i++)
			if (replay_compare_anomaly(c, p, i))
				fprintf(out, "%s: Belady's anomaly: %" PRIu64
					" faults with %" PRIu64 "K, %" PRIu64
					" with %" PRIu64 "K\n",
					replacement_policy_name(p),
					c->runs[p][i - 1].vmstat.pgfault,
					c->sizes[i - 1] / 1024,
					c->runs[p][i].vmstat.pgfault,
					c->sizes[i] / 1024);
}

uint64_t replay_compare_frames_left(const struct replay_comparison *c,
				    unsigned i)
{
	uint64_t frames = c->sizes[i] / PAGE_SIZE;

	for (unsigned p = 0; p < POLICY_COUNT; p++)
		if (c->runs[p][i].kernel_frames != 0)
			return frames - c->runs[p][i].kernel_frames;
	return frames;
}

/* Whether a cell of C shows a run that could not go on. */
static bool any_failed(const struct replay_comparison *c)
{
	for (unsigned p = 0; p < POLICY_COUNT; p++)
		for (unsigned i = 0; i < c->size_count; i++)
			if (c->runs[p][i].end != REPLAY_END_OK)
				return true;
	return false;
}

/* One row a size: its memory, its frames and those the kernel leaves to
 * the processes, then the faults under each policy - eight columns
 * whatever the number of sizes. */
void replay_compare_print(FILE *out, const char *script,
			  const struct replay_comparison *c)
{
	char buf[32], size[32];
	struct text t;

	text_init(&t, size, sizeof size);
	text_size(&t, c->swap);
	fprintf(out, "%s: page faults (pgfault) per memory size and policy, "
		"%s%s\n\n%8s %7s %5s", script, c->swap ? "swap " : "no swap",
		c->swap ? size : "", "memory", "frames", "left");
	for (unsigned p = 0; p < POLICY_COUNT; p++)
		fprintf(out, " %8s", replacement_policy_name(p));
	fprintf(out, "\n");
	for (unsigned i = 0; i < c->size_count; i++) {
		text_init(&t, size, sizeof size);
		text_size(&t, c->sizes[i]);
		fprintf(out, "%8s %7" PRIu64 " %5" PRIu64, size,
			c->sizes[i] / PAGE_SIZE,
			replay_compare_frames_left(c, i));
		for (unsigned p = 0; p < POLICY_COUNT; p++)
			fprintf(out, " %8s",
				cell(&c->runs[p][i], buf, sizeof buf));
		fprintf(out, "\n");
	}
	fprintf(out, "\n(left: the frames the kernel leaves to the processes, "
		"their page tables\n included; ! the OOM killer ran; - too "
		"little memory to go on, with no\n process to kill; x a step "
		"failed: one that needs a process the OOM\n killer killed)\n");
	if (any_failed(c) && c->swap == 0)
		fprintf(out, "(with no swap, anonymous pages cannot be "
			"reclaimed: try --swap=SIZE)\n");
	print_anomalies(out, c);
}

static const char *end_name(enum replay_end end)
{
	return end == REPLAY_END_OK ? "ok" : end == REPLAY_END_EXHAUSTED
	       ? "exhausted" : "error";
}

static void yaml_run(struct yaml_writer *w, const char *script,
		     unsigned policy, uint64_t size,
		     const struct replay_totals *t)
{
	yaml_writer_begin_map(w);
	yaml_writer_key_str(w, "policy", replacement_policy_name(policy));
	yaml_writer_key_int(w, "memory", (long long)size);
	yaml_writer_key_int(w, "frames", (long long)(size / PAGE_SIZE));
	if (t->kernel_frames != 0)
		yaml_writer_key_int(w, "kernel-frames",
				    (long long)t->kernel_frames);
	yaml_writer_key_str(w, "status", end_name(t->end));
	if (t->end != REPLAY_END_OK)	/* the record replay's YAML has */
		replay_report_yaml_error(w, script, t->end, &t->err);
	/* a vmstat mapping, as replay's YAML has one */
	yaml_writer_str(w, "vmstat");
	yaml_writer_begin_map(w);
	for (unsigned i = 0; i < VMSTAT_COUNTERS; i++)
		yaml_writer_key_int(w, vmstat_name(i),
				    (long long)vmstat_value(&t->vmstat, i));
	yaml_writer_end_map(w);
	yaml_writer_end_map(w);
}

int replay_compare_write_csv(FILE *out, const struct replay_comparison *c)
{
	fprintf(out, "memory,frames,kernel-frames,policy,status");
	for (unsigned k = 0; k < VMSTAT_COUNTERS; k++)
		fprintf(out, ",%s", vmstat_name(k));
	fprintf(out, "\r\n");
	for (unsigned i = 0; i < c->size_count; i++)
		for (unsigned p = 0; p < POLICY_COUNT; p++) {
			const struct replay_totals *t = &c->runs[p][i];

			fprintf(out, "%" PRIu64 ",%" PRIu64 ",%" PRIu64 ",%s,%s",
				c->sizes[i], c->sizes[i] / PAGE_SIZE,
				t->kernel_frames, replacement_policy_name(p),
				end_name(t->end));
			for (unsigned k = 0; k < VMSTAT_COUNTERS; k++)
				fprintf(out, ",%" PRIu64, vmstat_value(&t->vmstat, k));
			fprintf(out, "\r\n");
		}
	return ferror(out) ? -1 : 0;
}

void replay_compare_write_yaml(struct yaml_writer *w, const char *script,
			       const struct replay_comparison *c)
{
	yaml_writer_begin_map(w);
	yaml_writer_key_str(w, "script", script);
	yaml_writer_key_int(w, "swap", (long long)c->swap);
	yaml_writer_str(w, "runs");
	yaml_writer_begin_seq(w, false);
	for (unsigned p = 0; p < POLICY_COUNT; p++)
		for (unsigned i = 0; i < c->size_count; i++)
			yaml_run(w, script, p, c->sizes[i], &c->runs[p][i]);
	yaml_writer_end_seq(w);
	yaml_writer_str(w, "anomalies");
	yaml_writer_begin_seq(w, false);
	for (unsigned p = 0; p < POLICY_COUNT; p++)
		for (unsigned i = 1; i < c->size_count; i++) {
			if (!replay_compare_anomaly(c, p, i))
				continue;
			yaml_writer_begin_map(w);
			yaml_writer_key_str(w, "policy",
					    replacement_policy_name(p));
			yaml_writer_key_int(w, "smaller",
					    (long long)c->sizes[i - 1]);
			yaml_writer_key_int(w, "larger",
					    (long long)c->sizes[i]);
			yaml_writer_end_map(w);
		}
	yaml_writer_end_seq(w);
	yaml_writer_end_map(w);
}

/* The sweep's cells, shared by its workers: each takes the next cell
 * not taken and writes only its own entry of C; the count of cells done,
 * and the progress told of it, are under LOCK. */
struct sweep {
	const struct replay_settings *s;
	struct replay_comparison *c;
	const struct future *future;	/* opt's, read-only once sealed */
	const struct replay_compare_progress *progress;
	pthread_mutex_t lock;
	unsigned next, done, total;
};

/* Cell N of the sweep (policy-major, as the progress counts them). */
static void run_cell(struct sweep *w, unsigned n)
{
	struct replay_comparison *c = w->c;
	unsigned p = n / c->size_count, i = n % c->size_count;
	struct replay_settings one = *w->s;
	struct future mine;

	one.has_memory = true;
	one.memory = c->sizes[i];
	one.has_policy = true;
	one.policy = (enum replacement_policy)p;
	/* A copy of the sealed future: its arrays are shared and only read;
	 * the count of stray questions is the run's own. */
	mine = *w->future;
	replay_silently(&one, NULL, p == POLICY_OPT ? &mine : NULL,
			&c->runs[p][i]);
}

static void *sweep_worker(void *arg)
{
	struct sweep *w = arg;

	for (;;) {
		unsigned n;

		pthread_mutex_lock(&w->lock);
		n = w->next < w->total ? w->next++ : w->total;
		pthread_mutex_unlock(&w->lock);
		if (n == w->total)
			return NULL;
		run_cell(w, n);
		pthread_mutex_lock(&w->lock);
		w->done++;
		if (w->progress != NULL)
			w->progress->ran(w->progress->ctx, w->done, w->total);
		pthread_mutex_unlock(&w->lock);
	}
}

unsigned replay_compare_cpus(void)
{
	cpu_set_t cpus;
	long online;

	/* the CPUs this process may run on (taskset, a container's
	 * cpuset), as nproc(1) counts them; else those online */
	if (sched_getaffinity(0, sizeof cpus, &cpus) == 0 &&
	    CPU_COUNT(&cpus) > 0)
		return (unsigned)CPU_COUNT(&cpus);
	online = sysconf(_SC_NPROCESSORS_ONLN);
	return online > 0 ? (unsigned)online : 1;
}

/* The cells on JOBS threads (the calling one among them); where a thread
 * cannot be had, those started do the work. */
static void sweep_run(struct sweep *w, unsigned jobs)
{
	pthread_t threads[REPLAY_COMPARE_MAX_JOBS];
	unsigned started = 0;

	if (jobs > w->total)
		jobs = w->total;
	while (started + 1 < jobs &&
	       pthread_create(&threads[started], NULL, sweep_worker, w) == 0)
		started++;
	sweep_worker(w);
	while (started > 0)
		pthread_join(threads[--started], NULL);
}

int replay_compare_run(const struct replay_settings *s,
		       struct replay_comparison *c, struct replay_totals *first,
		       const struct replay_compare_progress *progress,
		       unsigned jobs)
{
	struct future f;
	struct sweep w = { s, c, &f, progress, PTHREAD_MUTEX_INITIALIZER,
			   0, 0, 0 };

	/* The first pass: opt's future, the peak, the swap size. */
	if (replay_record_future(s, &f, first) != 0) {
		future_release(&f);
		return -1;
	}
	c->swap = first->swap;
	if (c->size_count == 0)
		auto_sizes(first->peak_frames, c);
	w.total = POLICY_COUNT * c->size_count;
	sweep_run(&w, jobs == 0 ? replay_compare_cpus()
			: jobs > REPLAY_COMPARE_MAX_JOBS ? REPLAY_COMPARE_MAX_JOBS
			: jobs);
	pthread_mutex_destroy(&w.lock);
	future_release(&f);
	return 0;
}
