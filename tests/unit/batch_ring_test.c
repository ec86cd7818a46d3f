/* batch_ring_test.c - batches cross between two threads whole and in
 * order, whatever the ring's size and spin; the producer's end and the
 * consumer's cancel stop the other side wherever it is; a drain returns
 * once every batch handed over was released. */
#include <config.h>

#include <pthread.h>
#include <stdint.h>
#include <time.h>

#include "batch_ring.h"
#include "tap.h"

struct run {
	struct batch_ring *ring;
	size_t size;
	unsigned sent;		/* batches to send (producer) */
	unsigned handed;	/* batches it handed over */
	bool stopped;		/* batch_ring_fill() returned NULL */
};

/* Each batch is filled with its number, every word of it. */
static void *produce(void *arg)
{
	struct run *run = arg;

	for (unsigned n = 0; n < run->sent; n++) {
		uint32_t *words = batch_ring_fill(run->ring);

		if (words == NULL) {
			run->stopped = true;
			break;
		}
		for (size_t i = 0; i < run->size / 4; i++)
			words[i] = n;
		batch_ring_hand_over(run->ring);
		run->handed++;
	}
	batch_ring_end(run->ring);
	return NULL;
}

/* Take up to LIMIT batches; returns how many came whole and in order. */
static unsigned consume(struct run *run, unsigned limit, unsigned *taken)
{
	unsigned good = 0;
	uint32_t *words;

	*taken = 0;
	while (*taken < limit && (words = batch_ring_take(run->ring)) != NULL) {
		bool whole = true;

		for (size_t i = 0; i < run->size / 4; i++)
			whole = whole && words[i] == *taken;
		good += whole;
		(*taken)++;
		batch_ring_release(run->ring);
	}
	return good;
}

/* The drain's consumer: it takes and releases what comes, slowly,
 * counting each batch (in HANDED) before it releases it. */
static void *drain_consumer(void *arg)
{
	struct run *run = arg;

	while (batch_ring_take(run->ring) != NULL) {
		struct timespec pause = { 0, 2000000 };

		nanosleep(&pause, NULL);
		run->handed++;
		batch_ring_release(run->ring);
	}
	return NULL;
}

int main(void)
{
	static const struct {
		unsigned count, spins, sent, limit;
		size_t size;
		const char *what;
	} cases[] = {
		{ 2, BATCH_RING_SPIN, 20000, ~0u, 64, "two batches, spinning" },
		{ 2, BATCH_RING_SLEEP, 20000, ~0u, 64, "two batches, sleeping" },
		{ 3, BATCH_RING_SPIN, 2000, ~0u, 65536, "three of 64 KiB" },
		{ 8, BATCH_RING_SLEEP, 5000, ~0u, 100, "eight of 100 bytes" },
		{ 4, BATCH_RING_SPIN, 0, ~0u, 64, "nothing sent" },
		{ 4, BATCH_RING_SPIN, 20000, 10, 64, "cancelled after 10" },
		{ 2, BATCH_RING_SLEEP, 20000, 0, 64, "cancelled at once" },
	};

	tap_ok(batch_ring_new(1, 64, 0) == NULL, "a ring of one batch is refused");
	for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
		struct run run = { .size = (cases[c].size + 63) & ~(size_t)63,
				   .sent = cases[c].sent };
		unsigned taken, good;
		pthread_t producer;

		run.ring = batch_ring_new(cases[c].count, cases[c].size,
					  cases[c].spins);
		pthread_create(&producer, NULL, produce, &run);
		good = consume(&run, cases[c].limit, &taken);
		if (cases[c].limit != ~0u)
			batch_ring_cancel(run.ring);
		pthread_join(producer, NULL);
		if (cases[c].limit == ~0u)
			tap_ok(taken == run.sent && good == taken && !run.stopped,
			       "%s: %u of %u batches whole and in order",
			       cases[c].what, good, run.sent);
		else
			tap_ok(taken == cases[c].limit && good == taken &&
			       run.stopped && run.handed < run.sent,
			       "%s: the producer stopped after %u", cases[c].what,
			       run.handed);
		batch_ring_free(run.ring);
	}

	/* A drain returns once the consumer has released all it was handed
	 * (it counts a batch before it releases it). */
	{
		struct run run = { .size = 64 };
		pthread_t consumer;

		run.ring = batch_ring_new(3, 64, BATCH_RING_SLEEP);
		for (uint32_t n = 0; n < 3; n++) {
			uint32_t *words = batch_ring_fill(run.ring);

			for (size_t i = 0; i < 16; i++)
				words[i] = n;
			batch_ring_hand_over(run.ring);
		}
		pthread_create(&consumer, NULL, drain_consumer, &run);
		batch_ring_drain(run.ring);
		tap_ok(run.handed == 3, "a drain returns after the 3 releases "
		       "(%u seen)", run.handed);
		batch_ring_end(run.ring);
		pthread_join(consumer, NULL);
		batch_ring_free(run.ring);
	}
	return tap_done();
}
