/* step_queue.c - a script read ahead: one reader thread fills batches of
 * steps (batch_ring.h), the replay empties them, and the two meet only
 * once a batch, so that handing a step over costs next to nothing beside
 * parsing it. */
#include <config.h>

#include <errno.h>
#include <pthread.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "batch_ring.h"
#include "step_queue.h"

/* A step as it crosses: its fields, values and text one after another,
 * the pointers made offsets into the text.  A batch is a run of these,
 * written and read in order, so each side streams through memory rather
 * than touching a few scattered lines of a 10 KiB struct per step. */
struct packed_step {
	struct script_mark mark, expect_mark;
	bool is_machine, has_expect;
	unsigned field_count, value_count;
	size_t text_used;
};

struct packed_field {
	size_t key;			/* offset in the text */
	struct script_mark mark;
	bool in_expect, is_list;
	unsigned first_value, value_count;
};

struct packed_value {
	size_t text;			/* offset in the text */
	struct script_mark mark;
};

#define PACKED_MAX (sizeof(struct packed_step) +			\
		    SCRIPT_MAX_FIELDS * sizeof(struct packed_field) +	\
		    SCRIPT_MAX_VALUES * sizeof(struct packed_value) +	\
		    SCRIPT_TEXT_BYTES + 8)

/* A batch: how the script went on after its steps, then the steps. */
struct batch {
	unsigned count;		/* steps packed into it */
	int end;		/* 1: steps follow; 0: the script ended; -1: ERR */
	struct ef_error err;
	_Alignas(8) unsigned char bytes[];
};

#define BATCH_ROOM (STEP_QUEUE_BATCH_BYTES - sizeof(struct batch))

struct step_queue {
	struct script *script;
	bool threaded;
	struct batch_ring *ring;
	pthread_t reader;
	struct script_step reading;	/* the reader's step, packed from */

	/* the consumer's place */
	struct batch *batch;		/* the batch it reads, or NULL */
	unsigned taken;			/* steps of it unpacked */
	size_t offset;			/* where the next one starts */
	int end;			/* how the script went on, once known */
	struct ef_error err;		/* the error, when it failed */
	struct script_step step;	/* the step handed out */
};

/* ---- a step, packed and unpacked ---------------------------------------- */

static size_t align8(size_t n)
{
	return (n + 7) & ~(size_t)7;
}

/* Pack STEP at AT; returns the bytes used (at most PACKED_MAX). */
static size_t pack(const struct script_step *step, unsigned char *at)
{
	struct packed_step *h = (struct packed_step *)at;
	struct packed_field *f = (struct packed_field *)(h + 1);
	struct packed_value *v = (struct packed_value *)(f + step->field_count);
	char *text = (char *)(v + step->value_count);

	*h = (struct packed_step){ step->mark, step->expect_mark,
		step->is_machine, step->has_expect, step->field_count,
		step->value_count, step->text_used };
	for (unsigned i = 0; i < step->field_count; i++) {
		const struct script_field *sf = &step->fields[i];

		f[i] = (struct packed_field){ (size_t)(sf->key - step->text),
			sf->mark, sf->in_expect, sf->is_list, sf->first_value,
			sf->value_count };
	}
	for (unsigned i = 0; i < step->value_count; i++)
		v[i] = (struct packed_value){
			(size_t)(step->values[i].text - step->text),
			step->values[i].mark };
	memcpy(text, step->text, step->text_used);
	return align8((size_t)(text - (char *)at) + step->text_used);
}

/* Unpack the step at AT into STEP; returns the bytes it took. */
static size_t unpack(const unsigned char *at, struct script_step *step)
{
	const struct packed_step *h = (const struct packed_step *)at;
	const struct packed_field *f = (const struct packed_field *)(h + 1);
	const struct packed_value *v =
		(const struct packed_value *)(f + h->field_count);
	const char *text = (const char *)(v + h->value_count);

	step->is_machine = h->is_machine;
	step->mark = h->mark;
	step->has_expect = h->has_expect;
	step->expect_mark = h->expect_mark;
	step->field_count = h->field_count;
	step->value_count = h->value_count;
	step->text_used = h->text_used;
	memcpy(step->text, text, h->text_used);
	for (unsigned i = 0; i < h->field_count; i++)
		step->fields[i] = (struct script_field){ step->text + f[i].key,
			f[i].mark, f[i].in_expect, f[i].is_list,
			f[i].first_value, f[i].value_count };
	for (unsigned i = 0; i < h->value_count; i++)
		step->values[i] = (struct script_value){ step->text + v[i].text,
							 v[i].mark };
	return align8((size_t)(text - (const char *)at) + h->text_used);
}

/* ---- the reader thread -------------------------------------------------- */

/* Read steps into B until it might not hold another; returns how the
 * script went on. */
static int fill(struct step_queue *q, struct batch *b)
{
	size_t used = 0;

	b->count = 0;
	b->end = 1;
	while (used + PACKED_MAX <= BATCH_ROOM) {
		int rc = script_next(q->script, &q->reading, &b->err);

		if (rc != 1)
			return b->end = rc;
		used += pack(&q->reading, b->bytes + used);
		b->count++;
	}
	return 1;
}

static void *read_ahead(void *arg)
{
	struct step_queue *q = arg;
	struct batch *b;

	while ((b = batch_ring_fill(q->ring)) != NULL) {
		int end = fill(q, b);

		batch_ring_hand_over(q->ring);
		if (end != 1)
			break;
	}
	batch_ring_end(q->ring);
	return NULL;
}

/* ---- the consumer ------------------------------------------------------- */

static int next_threaded(struct step_queue *q, const struct script_step **step,
			 struct ef_error *err)
{
	while (q->end == 1) {
		struct batch *b = q->batch;

		if (b == NULL) {
			b = q->batch = batch_ring_take(q->ring);
			q->taken = 0;
			q->offset = 0;
			if (b == NULL) {	/* cannot be: the last says */
				q->end = 0;
				break;
			}
		}
		if (q->taken < b->count) {
			q->offset += unpack(b->bytes + q->offset, &q->step);
			q->taken++;
			*step = &q->step;
			return 1;
		}
		q->end = b->end;
		if (b->end < 0)
			q->err = b->err;
		batch_ring_release(q->ring);
		q->batch = NULL;
	}
	if (q->end < 0 && err != NULL)
		*err = q->err;
	return q->end;
}

/* One CPU: a step is read when it is asked for, straight into place. */
static int next_in_place(struct step_queue *q, const struct script_step **step,
			 struct ef_error *err)
{
	if (q->end == 1) {
		q->end = script_next(q->script, &q->step, &q->err);
		if (q->end == 1) {
			*step = &q->step;
			return 1;
		}
	}
	if (q->end < 0 && err != NULL)
		*err = q->err;
	return q->end;
}

int step_queue_next(struct step_queue *q, const struct script_step **step,
		    struct ef_error *err)
{
	return q->threaded ? next_threaded(q, step, err)
			   : next_in_place(q, step, err);
}

/* ---- life --------------------------------------------------------------- */

static bool start_reader(struct step_queue *q)
{
	q->ring = batch_ring_new(STEP_QUEUE_BATCHES, STEP_QUEUE_BATCH_BYTES,
				 BATCH_RING_SPIN);
	if (q->ring == NULL)
		return false;
	if (pthread_create(&q->reader, NULL, read_ahead, q) != 0) {
		batch_ring_free(q->ring);
		q->ring = NULL;
		return false;
	}
	return true;
}

struct step_queue *step_queue_new(struct script *script, bool threaded,
				  struct ef_error *err)
{
	struct step_queue *q = calloc(1, sizeof *q);

	if (q == NULL) {
		ef_error_set(err, SCRIPT_ERR_NOMEM, ENOMEM, "out of memory");
		return NULL;
	}
	q->script = script;
	q->end = 1;
	q->threaded = threaded && start_reader(q);
	return q;
}

void step_queue_free(struct step_queue *q)
{
	if (q == NULL)
		return;
	if (q->threaded) {
		batch_ring_cancel(q->ring);
		pthread_join(q->reader, NULL);
		batch_ring_free(q->ring);
	}
	free(q);
}
