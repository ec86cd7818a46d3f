/* batch_ring.c - a single-producer, single-consumer ring of batches: a
 * flag per batch says whose it is; a mutex and two condition variables
 * are there only for a side that has waited long enough to sleep. */
#include <config.h>

#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "batch_ring.h"

/* A batch's flag, alone on its cache line: the two sides write them. */
struct flag {
	_Alignas(64) atomic_bool full;	/* handed over, not yet released */
};

struct batch_ring {
	unsigned count;
	unsigned spins;
	size_t size;
	unsigned char *bytes;		/* COUNT batches of SIZE */
	struct flag *flags;
	atomic_bool ended;		/* the producer is done */
	atomic_bool cancelled;		/* the consumer is done */
	pthread_mutex_t lock;
	pthread_cond_t handed;		/* a batch was handed over, or ended */
	pthread_cond_t released;	/* a batch was released, or cancelled */
	_Alignas(64) unsigned fill_at;	/* the producer's batch */
	_Alignas(64) unsigned take_at;	/* the consumer's batch */
};

static void cpu_relax(void)
{
#if defined(__x86_64__) || defined(__i386__)
	__builtin_ia32_pause();
#endif
}

static bool is_full(struct batch_ring *ring, unsigned i)
{
	return atomic_load_explicit(&ring->flags[i].full, memory_order_acquire);
}

static bool is_set(atomic_bool *flag)
{
	return atomic_load_explicit(flag, memory_order_acquire);
}

/* Whether batch I's flag is FULL, or STOP is set. */
static bool ready(struct batch_ring *ring, unsigned i, bool full,
		  atomic_bool *stop)
{
	return is_full(ring, i) == full || is_set(stop);
}

/* Wait until ready(): spin, then sleep on COND. */
static void wait_until(struct batch_ring *ring, unsigned i, bool full,
		       atomic_bool *stop, pthread_cond_t *cond)
{
	for (unsigned n = 0; n < ring->spins; n++) {
		if (ready(ring, i, full, stop))
			return;
		cpu_relax();
	}
	pthread_mutex_lock(&ring->lock);
	while (!ready(ring, i, full, stop))
		pthread_cond_wait(cond, &ring->lock);
	pthread_mutex_unlock(&ring->lock);
}

/* Set FLAG (a batch's, or the end or the cancel) to VALUE, and wake the
 * side that may sleep on COND. */
static void set_and_wake(struct batch_ring *ring, atomic_bool *flag,
			 bool value, pthread_cond_t *cond)
{
	atomic_store_explicit(flag, value, memory_order_release);
	pthread_mutex_lock(&ring->lock);
	pthread_cond_signal(cond);
	pthread_mutex_unlock(&ring->lock);
}

static void *batch(struct batch_ring *ring, unsigned i)
{
	return ring->bytes + (size_t)i * ring->size;
}

/* ---- the producer ------------------------------------------------------- */

void *batch_ring_fill(struct batch_ring *ring)
{
	unsigned i = ring->fill_at;

	wait_until(ring, i, false, &ring->cancelled, &ring->released);
	return is_set(&ring->cancelled) ? NULL : batch(ring, i);
}

void batch_ring_hand_over(struct batch_ring *ring)
{
	set_and_wake(ring, &ring->flags[ring->fill_at].full, true,
		     &ring->handed);
	ring->fill_at = (ring->fill_at + 1) % ring->count;
}

void batch_ring_drain(struct batch_ring *ring)
{
	for (unsigned i = 0; i < ring->count; i++)
		wait_until(ring, i, false, &ring->cancelled, &ring->released);
}

void batch_ring_end(struct batch_ring *ring)
{
	set_and_wake(ring, &ring->ended, true, &ring->handed);
}

/* ---- the consumer ------------------------------------------------------- */

void *batch_ring_take(struct batch_ring *ring)
{
	unsigned i = ring->take_at;

	wait_until(ring, i, true, &ring->ended, &ring->handed);
	/* The last hand-over comes before the end: once the end is seen,
	 * so is the flag of every batch handed over before it. */
	return is_full(ring, i) ? batch(ring, i) : NULL;
}

void batch_ring_release(struct batch_ring *ring)
{
	set_and_wake(ring, &ring->flags[ring->take_at].full, false,
		     &ring->released);
	ring->take_at = (ring->take_at + 1) % ring->count;
}

void batch_ring_cancel(struct batch_ring *ring)
{
	set_and_wake(ring, &ring->cancelled, true, &ring->released);
}

/* ---- life --------------------------------------------------------------- */

struct batch_ring *batch_ring_new(unsigned count, size_t size,
				  unsigned spins)
{
	struct batch_ring *ring;

	if (count < 2 || size == 0 || size > ((size_t)1 << 30))
		return NULL;
	ring = aligned_alloc(64, sizeof *ring);
	if (ring == NULL)
		return NULL;
	memset(ring, 0, sizeof *ring);
	ring->count = count;
	ring->spins = spins;
	ring->size = (size + 63) & ~(size_t)63;
	ring->bytes = aligned_alloc(64, count * ring->size);
	ring->flags = aligned_alloc(64, count * sizeof *ring->flags);
	if (ring->bytes == NULL || ring->flags == NULL ||
	    pthread_mutex_init(&ring->lock, NULL) != 0)
		goto fail;
	if (pthread_cond_init(&ring->handed, NULL) != 0)
		goto no_handed;
	if (pthread_cond_init(&ring->released, NULL) != 0)
		goto no_released;
	for (unsigned i = 0; i < count; i++)
		atomic_init(&ring->flags[i].full, false);
	atomic_init(&ring->ended, false);
	atomic_init(&ring->cancelled, false);
	return ring;
no_released:
	pthread_cond_destroy(&ring->handed);
no_handed:
	pthread_mutex_destroy(&ring->lock);
fail:
	free(ring->bytes);
	free(ring->flags);
	free(ring);
	return NULL;
}

bool batch_ring_worth_a_thread(void)
{
	cpu_set_t cpus;

	/* the CPUs this process may run on (taskset), not the machine's */
	if (sched_getaffinity(0, sizeof cpus, &cpus) != 0)
		return sysconf(_SC_NPROCESSORS_ONLN) > 1;
	return CPU_COUNT(&cpus) > 1;
}

void batch_ring_free(struct batch_ring *ring)
{
	if (ring == NULL)
		return;
	pthread_cond_destroy(&ring->released);
	pthread_cond_destroy(&ring->handed);
	pthread_mutex_destroy(&ring->lock);
	free(ring->bytes);
	free(ring->flags);
	free(ring);
}
