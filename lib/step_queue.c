/* step_queue.c - a script read ahead: one reader thread fills batches of
 * steps, the replay empties them, and the two meet only once a batch
 * (under one mutex), so that handing a step over costs next to nothing
 * beside parsing it. */
#include <config.h>

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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

struct batch {
	atomic_bool full;	/* filled, and the consumer's until released */
	unsigned count;		/* steps packed into it */
	int end;		/* 1: steps follow; 0: the script ended; -1: ERR */
	struct ef_error err;
	_Alignas(8) unsigned char bytes[STEP_QUEUE_BATCH_BYTES];
};

struct step_queue {
	struct script *script;
	bool threaded;
	pthread_t reader;
	pthread_mutex_t lock;
	pthread_cond_t filled;		/* a batch became full */
	pthread_cond_t emptied;		/* a batch was released, or stopping */
	bool stopping;			/* the consumer wants no more */
	struct script_step reading;	/* the reader's step, packed from */

	/* the consumer's place */
	unsigned current;		/* the batch it reads */
	bool holding;			/* it has waited for that batch */
	unsigned taken;			/* steps of it unpacked */
	size_t offset;			/* where the next one starts */
	int end;			/* in place: how the script went on */
	struct ef_error err;		/* in place: the error, when it failed */
	struct script_step step;	/* the step handed out */

	struct batch batches[STEP_QUEUE_BATCHES];
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

/* How long a side spins on a batch's flag before it sleeps on the
 * condition variable (a PAUSE is 10-40 ns: some 20-80 us): the other side
 * is often a few steps from done, and a sleep and a wake-up cost more.
 * Spinning ten times longer burnt a CPU for nothing: a script of cheap
 * steps ran no faster (0.48 s per million steps against 0.45). */
enum { SPINS = 2000 };

static void cpu_relax(void)
{
#if defined(__x86_64__) || defined(__i386__)
	__builtin_ia32_pause();
#endif
}

/* Wait until B's full flag is FULL (spinning first, then sleeping on
 * COND); false when the consumer is stopping. */
static bool wait_for(struct step_queue *q, struct batch *b, bool full,
		     pthread_cond_t *cond)
{
	bool stopping;

	for (unsigned i = 0; i < SPINS; i++) {
		if (atomic_load_explicit(&b->full, memory_order_acquire) == full)
			return true;
		cpu_relax();
	}
	pthread_mutex_lock(&q->lock);
	while (atomic_load_explicit(&b->full, memory_order_acquire) != full &&
	       !q->stopping)
		pthread_cond_wait(cond, &q->lock);
	stopping = q->stopping;
	pthread_mutex_unlock(&q->lock);
	return !stopping;
}

/* Set B's full flag to FULL and wake the other side if it sleeps. */
static void set_full(struct step_queue *q, struct batch *b, bool full,
		     pthread_cond_t *cond)
{
	atomic_store_explicit(&b->full, full, memory_order_release);
	pthread_mutex_lock(&q->lock);
	pthread_cond_signal(cond);
	pthread_mutex_unlock(&q->lock);
}

/* ---- the reader thread -------------------------------------------------- */

/* Read steps into B until it might not hold another; returns how the
 * script went on. */
static int fill(struct step_queue *q, struct batch *b)
{
	size_t used = 0;

	b->count = 0;
	b->end = 1;
	while (used + PACKED_MAX <= sizeof b->bytes) {
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

	for (unsigned i = 0;; i = (i + 1) % STEP_QUEUE_BATCHES) {
		struct batch *b = &q->batches[i];
		int end;

		if (!wait_for(q, b, false, &q->emptied))
			return NULL;
		end = fill(q, b);
		set_full(q, b, true, &q->filled);
		if (end != 1)
			return NULL;
	}
}

/* ---- the consumer ------------------------------------------------------- */

static int next_threaded(struct step_queue *q, const struct script_step **step,
			 struct ef_error *err)
{
	for (;;) {
		struct batch *b = &q->batches[q->current];

		if (!q->holding) {
			wait_for(q, b, true, &q->filled);
			q->holding = true;
			q->taken = 0;
			q->offset = 0;
		}
		if (q->taken < b->count) {
			q->offset += unpack(b->bytes + q->offset, &q->step);
			q->taken++;
			*step = &q->step;
			return 1;
		}
		if (b->end != 1) {	/* kept: later calls say the same */
			if (b->end < 0 && err != NULL)
				*err = b->err;
			return b->end;
		}
		set_full(q, b, false, &q->emptied);
		q->holding = false;
		q->current = (q->current + 1) % STEP_QUEUE_BATCHES;
	}
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
	if (pthread_mutex_init(&q->lock, NULL) != 0)
		return false;
	if (pthread_cond_init(&q->filled, NULL) != 0)
		goto no_filled;
	if (pthread_cond_init(&q->emptied, NULL) != 0)
		goto no_emptied;
	if (pthread_create(&q->reader, NULL, read_ahead, q) != 0)
		goto no_thread;
	return true;
no_thread:
	pthread_cond_destroy(&q->emptied);
no_emptied:
	pthread_cond_destroy(&q->filled);
no_filled:
	pthread_mutex_destroy(&q->lock);
	return false;
}

struct step_queue *step_queue_new(struct script *script, bool threaded,
				  struct ef_error *err)
{
	struct step_queue *q = calloc(1, threaded ? sizeof *q
				      : offsetof(struct step_queue, batches));

	if (q == NULL) {
		ef_error_set(err, SCRIPT_ERR_NOMEM, ENOMEM, "out of memory");
		return NULL;
	}
	q->script = script;
	q->end = 1;
	q->threaded = threaded && start_reader(q);
	return q;
}

bool step_queue_threaded(const struct step_queue *q)
{
	return q->threaded;
}

void step_queue_free(struct step_queue *q)
{
	if (q == NULL)
		return;
	if (q->threaded) {
		pthread_mutex_lock(&q->lock);
		q->stopping = true;
		pthread_cond_signal(&q->emptied);
		pthread_mutex_unlock(&q->lock);
		pthread_join(q->reader, NULL);
		pthread_cond_destroy(&q->emptied);
		pthread_cond_destroy(&q->filled);
		pthread_mutex_destroy(&q->lock);
	}
	free(q);
}

bool step_queue_worth_a_thread(void)
{
	return sysconf(_SC_NPROCESSORS_ONLN) > 1;
}
