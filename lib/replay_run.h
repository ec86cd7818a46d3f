/* replay_run.h - a script's steps run on a replay, from the first to the
 * last: the one loop every front end drives (`elfault replay` with its
 * report, the silent runs of opt's first pass and of the policy
 * comparison, and any later one).
 *
 * The loop takes the steps from a step_queue, runs each (replay_step()),
 * counts what it did and hands its outcome to the caller's hook.  It
 * stops at the end of the script, at an error (the reader's or a step's),
 * or when the kernel panics (the machine stops).  Under opt it first runs
 * the script once more, silently and with memory enough for every page,
 * to record the future opt reads - as soon as the script's machine:
 * settings are in, for they choose the policy.
 */
#ifndef ELFAULT_REPLAY_RUN_H
#define ELFAULT_REPLAY_RUN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "future.h"
#include "reclaim.h"
#include "replacement.h"
#include "replay.h"
#include "script.h"
#include "step_queue.h"

/* The most --allow-read directories one command line gives. */
#define REPLAY_MAX_ALLOW_READ 64

/* Machine settings that win over the script's machine: keys. */
struct replay_settings {
	const char *script;	/* its path, or its name in messages */
	const char *script_text;	/* a stream's script, read whole
					 * (stream.h), or NULL: SCRIPT's
					 * file, read at each run */
	size_t script_size;
	bool has_memory, has_swap, has_policy;
	uint64_t memory, swap;
	enum replacement_policy policy;
	unsigned show_each;	/* --show=each: VIEW_* parts after each step */
	bool show_end;		/* --show=end: views after the last step */
	const char *const *allow_read;	/* --allow-read: more directories
					 * the script may read under */
	size_t allow_read_count;
};

/* S's script, to read from its start (script_open() or
 * script_open_memory()), and a replay for it (replay_new(): a stream's
 * script has the working directory for its own).  Return NULL with ERR
 * as those do. */
struct script *replay_open_script(const struct replay_settings *s,
				  struct ef_error *err);
struct replay *replay_new_for(const struct replay_settings *s,
			      struct ef_error *err);

/* Give R the settings S has.  Returns 0, or -1 with ERR as
 * replay_allow_read() sets it. */
int replay_apply_settings(struct replay *r, const struct replay_settings *s,
			  struct ef_error *err);

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

/* The totals of a run, counted step by step. */
struct replay_tally {
	unsigned steps, faults, minor, major, signals, fixups, oopses, failed;
	unsigned reclaims, oom_kills;
	unsigned panic_step;	/* the step the kernel panicked in, or 0 */
};

/* Add step O's faults, signals, reclaims and failed expectations to T. */
void replay_tally_count(struct replay_tally *t, const struct replay_outcome *o);

/* Whether the OOM kill of O's process ended one of its faults (else it
 * ended a fork or a system call's own allocation). */
bool replay_oom_ended_fault(const struct replay_outcome *o);

/* Called with each step's outcome (not for machine: settings). */
struct replay_run_hooks {
	void (*step)(void *ctx, const struct replay *r,
		     const struct replay_outcome *o);
	void *ctx;
};

/* What a run came to. */
struct replay_run_result {
	enum replay_end end;
	struct ef_error err;	/* why, when END is not REPLAY_END_OK */
	struct replay_tally tally;
	bool unexpected_panic;	/* the kernel panicked where no expect: said
				 * it would, in the step at PANIC_MARK */
	struct script_mark panic_mark;
};

/* Run STEPS on R to the end, each outcome to HOOKS (NULL: none).  Under
 * opt, FIRST_PASS names the script and settings of the silent first pass
 * that records the future into FUTURE (FIRST_PASS NULL: opt runs without
 * a future, or with the one R was given); a first pass that fails leaves
 * opt without one - the run then meets the script's error itself - unless
 * elfault itself failed: the run ends there (REPLAY_END_HOST). */
void replay_run(struct replay *r, struct step_queue *steps,
		const struct replay_run_hooks *hooks,
		const struct replay_settings *first_pass,
		struct future *future, struct replay_run_result *out);

/* What a silent run came to. */
struct replay_totals {
	enum replay_end end;
	struct ef_error err;	/* why, when END is not REPLAY_END_OK */
	struct vmstat vmstat;
	uint64_t peak_frames;	/* the most frames in use at once */
	uint64_t kernel_frames;	/* those the kernel took for itself */
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

#endif
