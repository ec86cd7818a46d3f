/* run-output.h - what a program under `elfault run` writes to its
 * terminal (descriptors 1 and 2), kept apart from the report:
 *   - text: each line it writes is printed after the step that wrote it,
 *     marked "pid PID> " (stdout) or "pid PID 2> " (stderr) and escaped
 *     as the report escapes data; a line left without its newline is
 *     printed when the run ends; the bytes not printed yet are at most
 *     RUN_OUTPUT_KEPT from before the step and as many from the step (a
 *     writer that would pass it has the rest of its bytes counted in a
 *     line of their own, and the others' unended lines are shown at once);
 *   - YAML: the report's `output:` list, one entry per run of writes by
 *     one process to one descriptor, at most RUN_OUTPUT_KEPT bytes in all
 *     (the rest counted in `output-dropped:`);
 *   - --program-output FILE: the bytes as written, in order, to FILE and
 *     not in the report.
 */
#ifndef ELFAULT_RUN_OUTPUT_H
#define ELFAULT_RUN_OUTPUT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "machine.h"
#include "number_index.h"
#include "yaml_writer.h"

enum { RUN_OUTPUT_KEPT = 1 << 20 };

struct run_output_piece {
	int pid, fd;
	char *bytes;
	size_t len, capacity;
	size_t scanned;		/* text: the first bytes, known to hold no
				 * newline (a flush looks at the rest) */
	uint64_t dropped;	/* text: bytes past RUN_OUTPUT_KEPT held */
	bool spill;		/* text: shown at the next flush, ended or not */
	bool touched;		/* text: written (or to spill) since the last
				 * flush: in the touched list */
	bool gone;		/* text: printed whole, a hole until the
				 * pieces are packed */
};

struct run_output {
	FILE *raw;			/* --program-output: NULL for none */
	bool yaml;
	struct run_output_piece *pieces; /* text: lines not printed yet, in
					  * the order of their first bytes;
					  * YAML: everything kept */
	unsigned piece_count, piece_capacity;
	unsigned gone;			/* text: holes among the pieces */
	struct number_index by_writer;	/* text: (pid, fd) to its piece */
	unsigned *touched;		/* text: the pieces a flush looks at */
	unsigned touched_count, touched_capacity;
	size_t kept;			/* bytes kept (text: not printed) */
	uint64_t dropped;		/* YAML: bytes over RUN_OUTPUT_KEPT */
	bool failed;			/* out of host memory, or RAW failed */
};

/* An output for the report's format (YAML or text), or to RAW. */
void run_output_init(struct run_output *o, bool yaml, FILE *raw);

/* The machine's terminal, writing into O. */
struct terminal_output run_output_terminal(struct run_output *o);

/* Text: print the complete lines written so far to OUT (after a step's
 * report); at the END of the run, the incomplete ones too. */
void run_output_flush_text(struct run_output *o, FILE *out, bool end);

/* YAML: the output: list (and output-dropped:) into the report's map. */
void run_output_yaml(struct run_output *o, struct yaml_writer *w);

void run_output_release(struct run_output *o);

#endif
