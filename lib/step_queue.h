/* step_queue.h - a script's steps, read ahead on a thread of their own.
 *
 * libyaml's parser is most of what a replay of cheap steps costs: a step
 * that is a TLB hit takes a fraction of the time its YAML takes to parse.
 * With a second CPU the reader runs there, a few batches of steps ahead
 * of the replay, and the two overlap.  The queue changes nothing else:
 * steps come out in the script's order, exactly as script_next() reads
 * them, and an error comes out after every step before it.  It holds
 * STEP_QUEUE_BATCHES batches of STEP_QUEUE_BATCH_BYTES, so memory still
 * does not grow with the script's length.
 */
#ifndef ELFAULT_STEP_QUEUE_H
#define ELFAULT_STEP_QUEUE_H

#include <stdbool.h>

#include "error.h"
#include "script.h"

enum {
	STEP_QUEUE_BATCH_BYTES = 64 << 10, /* steps handed over at once */
	STEP_QUEUE_BATCHES = 3,		/* batches in flight */
};

struct step_queue;

/* A queue of SCRIPT's steps (SCRIPT stays the caller's, to be closed
 * after step_queue_free()).  THREADED: read on a thread of its own;
 * otherwise (one CPU, or a thread cannot be made) each step is read when
 * it is asked for.  Returns NULL with ERR (SCRIPT_ERR_NOMEM). */
struct step_queue *step_queue_new(struct script *script, bool threaded,
				  struct ef_error *err);

/* The next step in *STEP, valid until the next call: 1 when there was
 * one, 0 at the end of the script, -1 with ERR as script_next() set it
 * (every later call returns the same). */
int step_queue_next(struct step_queue *q, const struct script_step **step,
		    struct ef_error *err);

/* Stop reading (the rest of the script is left unread) and free Q. */
void step_queue_free(struct step_queue *q);

#endif
