/* replay_compare.h - the same script under every replacement policy and
 * several memory sizes (`elfault replay --compare-policies`): silent runs
 * (replay_run.h), the page faults of each, and the runs where more memory
 * took more faults (Belady's anomaly).
 */
#ifndef ELFAULT_REPLAY_COMPARE_H
#define ELFAULT_REPLAY_COMPARE_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "error.h"
#include "replacement.h"
#include "replay_run.h"
#include "yaml_writer.h"

/* ---- the comparison ------------------------------------------------------ */

enum {
	REPLAY_COMPARE_MAX_SIZES = 16,
	REPLAY_COMPARE_MAX_JOBS = 64,	/* threads a comparison runs on */
};

struct replay_comparison {
	unsigned size_count;	/* 0: from the first pass's peak */
	uint64_t sizes[REPLAY_COMPARE_MAX_SIZES];	/* ascending, bytes */
	struct replay_totals runs[POLICY_COUNT][REPLAY_COMPARE_MAX_SIZES];
	uint64_t swap;		/* the script's swap area (bytes) */
};

/* Memory sizes, comma-separated and ascending ("104K,108K"), into C.
 * Returns 0, or -1 with ERR's detail saying what is wrong. */
int replay_compare_parse_sizes(const char *list, struct replay_comparison *c,
			       struct ef_error *err);

/* Told after each run of a comparison: DONE of TOTAL. */
struct replay_compare_progress {
	void (*ran)(void *ctx, unsigned done, unsigned total);
	void *ctx;
};

/* S's script under every policy and each of C's sizes (without sizes:
 * from a quarter of the first pass's peak to the peak, every frame count
 * or REPLAY_COMPARE_MAX_SIZES evenly apart), PROGRESS (NULL: none) told
 * after each run.  The runs after the first pass are independent (each
 * its own machine, script reader and copy of opt's future) and run on
 * JOBS threads at once (0: replay_compare_cpus(); at most
 * REPLAY_COMPARE_MAX_JOBS); C is the same whatever JOBS is, and PROGRESS
 * is told from those threads, one call at a time, DONE counting up.
 * Returns 0, or -1 when the first pass failed (FIRST says why); a run
 * that fails is in C. */
int replay_compare_run(const struct replay_settings *s,
		       struct replay_comparison *c, struct replay_totals *first,
		       const struct replay_compare_progress *progress,
		       unsigned jobs);

/* The CPUs this process may run on (its affinity mask; else those
 * online): the default number of jobs. */
unsigned replay_compare_cpus(void);

/* Whether POLICY took more faults with C's size I than with size I - 1
 * (both runs complete, no OOM kill). */
bool replay_compare_anomaly(const struct replay_comparison *c,
			    unsigned policy, unsigned i);

/* The frames the kernel leaves to the processes at C's size I (all of
 * them when no run got as far as starting the machine). */
uint64_t replay_compare_frames_left(const struct replay_comparison *c,
				    unsigned i);

/* The table of faults per policy and size, and the anomalies, as text to
 * OUT or as a YAML document's mapping to W. */
void replay_compare_print(FILE *out, const char *script,
			  const struct replay_comparison *c);
/* C as CSV (RFC 4180): a header, then one line per size and policy -
 * memory, frames, kernel-frames, policy, status and every /proc/vmstat
 * counter - for a spreadsheet.  Returns 0, or -1 when writing failed. */
int replay_compare_write_csv(FILE *out, const struct replay_comparison *c);

void replay_compare_write_yaml(struct yaml_writer *w, const char *script,
			       const struct replay_comparison *c);

#endif
