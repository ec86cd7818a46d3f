/* replay_compare.h - a script replayed without a report: opt's first
 * pass, which records every page reference for Belady's optimal policy to
 * read, and the same script under every replacement policy and several
 * memory sizes (`elfault replay --compare-policies`), with the runs where
 * more memory took more faults (Belady's anomaly).
 */
#ifndef ELFAULT_REPLAY_COMPARE_H
#define ELFAULT_REPLAY_COMPARE_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "error.h"
#include "future.h"
#include "reclaim.h"
#include "replacement.h"
#include "replay.h"
#include "yaml_writer.h"

/* Machine settings that win over the script's machine: keys. */
struct replay_settings {
	const char *script;
	bool has_memory, has_swap, has_policy;
	uint64_t memory, swap;
	enum replacement_policy policy;
};

/* How a run ended (expect: mismatches do not count). */
enum replay_end {
	REPLAY_END_OK,		/* every step ran, or the kernel panicked */
	REPLAY_END_EXHAUSTED,	/* memory ran out with nothing to reclaim
				 * and no process to kill */
	REPLAY_END_REFUSED,	/* the script, or a file it names, is wrong */
	REPLAY_END_HOST,	/* elfault itself failed (host memory) */
};

/* How ERR, an error of script_next() (READING) or of replay_step(), ends
 * a run. */
enum replay_end replay_end_of(const struct ef_error *err, bool reading);

/* ERR as SCRIPT's error: "SCRIPT:LINE:COLUMN: what", or "SCRIPT: what"
 * without a position, into BUF. */
void replay_error_line(const char *script, const struct ef_error *err,
		       char *buf, size_t size);

/* Give R the settings S has. */
void replay_apply_settings(struct replay *r, const struct replay_settings *s);

/* What a silent run came to. */
struct replay_totals {
	enum replay_end end;
	struct ef_error err;	/* why, when END is not REPLAY_END_OK */
	struct vmstat vmstat;
	uint64_t peak_frames;	/* the most frames in use at once */
	uint64_t memory;	/* the machine's memory and swap (bytes) */
	uint64_t swap;
	enum replacement_policy policy;
};

/* Run S's script to its end with no output: the references into RECORD
 * when not NULL, opt reading FUTURE when not NULL. */
void replay_silently(const struct replay_settings *s, struct future *record,
		     struct future *future, struct replay_totals *out);

/* opt's first pass: the script run with all the memory a replay can have
 * (so nothing is reclaimed), its page references recorded into F (which
 * it initializes; the caller releases it) and indexed.  Returns 0, or -1
 * with the reason in OUT. */
int replay_record_future(const struct replay_settings *s, struct future *f,
			 struct replay_totals *out);

/* ---- the comparison ------------------------------------------------------ */

enum { REPLAY_COMPARE_MAX_SIZES = 16 };

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

/* S's script under every policy and each of C's sizes (without sizes:
 * from a quarter of the first pass's peak to the peak, every frame count
 * or REPLAY_COMPARE_MAX_SIZES evenly apart).  Returns 0, or -1 when the
 * first pass failed (FIRST says why); a run that fails is in C. */
int replay_compare_run(const struct replay_settings *s,
		       struct replay_comparison *c, struct replay_totals *first);

/* Whether POLICY took more faults with C's size I than with size I - 1
 * (both runs complete, no OOM kill). */
bool replay_compare_anomaly(const struct replay_comparison *c,
			    unsigned policy, unsigned i);

/* The table of faults per policy and size, and the anomalies, as text to
 * OUT or as a YAML document's mapping to W. */
void replay_compare_print(FILE *out, const char *script,
			  const struct replay_comparison *c);
void replay_compare_write_yaml(struct yaml_writer *w, const char *script,
			       const struct replay_comparison *c);

#endif
