/* replay_report.h - what `elfault replay` prints of a run, for people
 * (text) and for programs (YAML): each step's line, its page faults
 * (where the walk failed, the error code, the VMA, what the kernel did:
 * the page it mapped, the signal, the exception-table fixup, the Oops
 * report), what reclaim did in it, and at the end the processes' fault
 * counts, the machine and /proc/vmstat's counters.
 *
 * The writers take a step's outcome (replay.h) and the replay it came
 * from (for the processes' VMAs and names); text goes to a stdio stream,
 * YAML to a yaml_writer, both in the order the steps ran.  Write errors
 * are the stream's (ferror()) or the writer's (yaml_writer_finish()).
 */
#ifndef ELFAULT_REPLAY_REPORT_H
#define ELFAULT_REPLAY_REPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "replay.h"
#include "replay_run.h"
#include "yaml_writer.h"

/* How the text report is written: what it leaves out, and colour. */
enum replay_text_flags {
	/* nothing for a step without a fault, a reclaim or a failed
	 * expectation */
	REPLAY_TEXT_QUIET = 1,
	/* each fault's kind in colour (colour.h): green for a page mapped,
	 * yellow for a fixup, red for a signal, an Oops or an OOM kill */
	REPLAY_TEXT_COLOUR = 2,
};

/* Step O's line, its reclaims and its faults, as text to OUT, as FLAGS
 * (enum replay_text_flags) say. */
void replay_report_text_step(FILE *out, const struct replay *r,
			     const struct replay_outcome *o, unsigned flags);

/* The closing lines: each process's minflt and majflt, the machine's
 * memory, swap and policy, /proc/vmstat's counters, and T. */
void replay_report_text_summary(FILE *out, const struct replay *r,
				const struct replay_tally *t);

/* Step O as one item of the report's "steps" sequence (QUIET as for the
 * text). */
void replay_report_yaml_step(struct yaml_writer *w, const struct replay *r,
			     const struct replay_outcome *o, bool quiet);

/* --format=brief: one line a step, as on a slide - the access and its
 * page, the faults' kinds (or "hit"), the pages reclaim took, the pages
 * the process has present after it (replay_collect_resident()) - after
 * a header line before the first step. */
void replay_report_brief_step(FILE *out, const struct replay *r,
			      const struct replay_outcome *o, bool quiet);

/* --quiz: the brief line with the answers left blank - what the step
 * faults on, what reclaim takes, what is present after - for a
 * worksheet; --format=brief gives the answers, numbered alike. */
void replay_report_quiz_step(FILE *out, const struct replay_outcome *o);

/* The "processes", "summary", "machine" and "vmstat" keys of the
 * report's mapping. */
void replay_report_yaml_summary(struct yaml_writer *w, const struct replay *r,
				const struct replay_tally *t);

/* The report's "error" key: why the run that SCRIPT drove ended early
 * (END, ERR): its file, line and column (absent: none), the message, and
 * whose the fault is ("script", "memory" when the simulated memory ran
 * out, "elfault"). */
void replay_report_yaml_error(struct yaml_writer *w, const char *script,
			      enum replay_end end, const struct ef_error *err);

/* --show=end: a view (view.h) of each live process's VMAs and page
 * tables, then of the frames, as text or as the report's "end" key.
 * Returns 0, or -1 with ERR (host memory). */
int replay_report_text_end(FILE *out, struct replay *r, struct ef_error *err);
int replay_report_yaml_end(struct yaml_writer *w, struct replay *r,
			   struct ef_error *err);

#endif
