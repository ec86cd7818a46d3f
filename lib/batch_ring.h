/* batch_ring.h - batches of bytes passed from one thread to another.
 *
 * One producer fills a batch and hands it over; one consumer takes the
 * batches in the order they were handed over and releases each when it
 * is done with it.  The ring has a fixed number of batches of a fixed
 * size, allocated once, so memory does not grow with what passes through.
 * The two sides meet once a batch, not once a record: a side that must
 * wait spins briefly on the batch's flag, then sleeps.
 *
 * The script's read-ahead (step_queue.h) and the replay's report writer
 * are built on it.  What a batch holds is the user's business.
 */
#ifndef ELFAULT_BATCH_RING_H
#define ELFAULT_BATCH_RING_H

#include <stdbool.h>
#include <stddef.h>

struct batch_ring;

/* How long a side spins on a batch's flag before it sleeps: spinning
 * saves a sleep and a wake-up when the other side is a few records from
 * done, and costs a CPU the other threads may need.  BATCH_RING_SPIN is
 * some 20-80 us (2000 PAUSEs of 10-40 ns); spinning ten times longer made
 * a script of cheap steps no faster (0.48 s per million steps against
 * 0.45).  A ring whose consumer is mostly idle (the report's writer: a
 * third thread on two CPUs) should not spin at all. */
enum { BATCH_RING_SPIN = 2000, BATCH_RING_SLEEP = 0 };

/* A ring of COUNT (>= 2) batches of SIZE bytes each, every batch aligned
 * for any type, whose sides spin SPINS times before they sleep.  Returns
 * NULL when memory or a mutex cannot be had. */
struct batch_ring *batch_ring_new(unsigned count, size_t size,
				  unsigned spins);

/* Whether a thread on the other side of a ring can run beside this one:
 * the process may run on more than one CPU. */
bool batch_ring_worth_a_thread(void);

/* Free RING; both sides must be done with it. */
void batch_ring_free(struct batch_ring *ring);

/* Producer: the next batch to fill, once it is free; NULL when the
 * consumer has cancelled the ring. */
void *batch_ring_fill(struct batch_ring *ring);

/* Producer: hand the batch batch_ring_fill() gave over to the consumer. */
void batch_ring_hand_over(struct batch_ring *ring);

/* Producer: wait until the consumer has released every batch handed
 * over (or cancelled the ring). */
void batch_ring_drain(struct batch_ring *ring);

/* Producer: nothing more will be handed over. */
void batch_ring_end(struct batch_ring *ring);

/* Consumer: the next batch handed over, once there is one; NULL when the
 * producer has ended the ring and every batch was taken. */
void *batch_ring_take(struct batch_ring *ring);

/* Consumer: give the batch batch_ring_take() gave back to the producer. */
void batch_ring_release(struct batch_ring *ring);

/* Consumer: no more batches will be taken; the producer's
 * batch_ring_fill() returns NULL from now on. */
void batch_ring_cancel(struct batch_ring *ring);

#endif
