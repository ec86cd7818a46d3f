/* replay-run.h - running a script without a report, for cmd-replay.c's
 * opt first pass and its --compare-policies table.
 */
#ifndef ELFAULT_REPLAY_RUN_H
#define ELFAULT_REPLAY_RUN_H

#include <stdbool.h>
#include <stdint.h>

#include "future.h"
#include "reclaim.h"
#include "replacement.h"
#include "replay.h"

/* The command line's machine settings (each wins over the script's). */
struct replay_settings {
	const char *script;
	bool has_memory, has_swap, has_policy;
	uint64_t memory, swap;
	enum replacement_policy policy;
	const char *sizes;	/* --sizes: a comma-separated list, or NULL */
	bool yaml;
};

/* What a silent run came to. */
struct replay_totals {
	int status;		/* EXIT_OK, EXIT_EXHAUSTED, ... (expect:
				 * mismatches do not count) */
	char error[600];	/* the error's line, when status is not OK */
	struct vmstat vmstat;
	uint64_t peak_frames;	/* the most frames in use at once */
	uint64_t memory;	/* the machine's memory and swap (bytes) */
	uint64_t swap;
	enum replacement_policy policy;
};

/* The exit status for ERR, an error of script_next() (READING) or of
 * replay_step(). */
int replay_exit_status(const struct ef_error *err, bool reading);

/* ERR as SCRIPT reports it: "SCRIPT:LINE:COLUMN: what", or "SCRIPT: what"
 * without a position, into BUF. */
void replay_error_line(const char *script, const struct ef_error *err,
		       char *buf, size_t size);

/* Give R the settings S has. */
void replay_apply_settings(struct replay *r, const struct replay_settings *s);

/* Run S's script to its end with no output: the references into RECORD
 * when not NULL, opt reading FUTURE when not NULL. */
void replay_silently(const struct replay_settings *s, struct future *record,
		     struct future *future, struct replay_totals *out);

/* opt's first pass: the script run with all the memory a replay can have
 * (so nothing is reclaimed), its page references recorded into F and
 * indexed.  Returns 0, or -1 with the reason in OUT. */
int replay_record_future(const struct replay_settings *s, struct future *f,
			 struct replay_totals *out);

/* --compare-policies: S's script under every policy and several memory
 * sizes; prints the table (text or YAML).  Returns the exit status. */
int replay_compare_policies(const struct replay_settings *s);

#endif
