/* future.h - the whole reference string, for Belady's optimal policy.
 *
 * opt must know when each page is next used.  A run records every page
 * reference (a key per access: which page of the program it touched, not
 * which frame held it), then future_seal() indexes the string; a second
 * run of the same script replays it and asks, at reference number T of
 * page KEY, when KEY is used next.  Sealing sorts the (key, position)
 * pairs once - O(n log n) - and each question is answered from the
 * precomputed successor of T, or, when the second run strays from the
 * recorded string (an OOM kill changes what follows), by a binary search
 * of KEY's positions: O(log n).
 */
#ifndef ELFAULT_FUTURE_H
#define ELFAULT_FUTURE_H

#include <stdbool.h>
#include <stdint.h>

#include "error.h"

#define FUTURE_NEVER UINT64_MAX

struct future {
	uint64_t *keys;		/* the string, in order */
	uint64_t count, capacity;
	uint64_t *next;		/* sealed: next position of keys[i]'s key */
	uint64_t *sorted;	/* sealed: positions ordered by (key, position) */
	bool sealed;
	bool failed;		/* a reference could not be recorded */
	uint64_t strays;	/* questions whose key the string did not have
				 * at that position */
};

void future_init(struct future *f);
void future_release(struct future *f);

/* Append a reference to KEY.  Returns 0, or -1 with ERR (host memory). */
int future_record(struct future *f, uint64_t key, struct ef_error *err);

/* Index the recorded string (again, after more was recorded).  Returns
 * 0, or -1 with ERR when host memory ran out, now or while recording. */
int future_seal(struct future *f, struct ef_error *err);

/* When KEY, referenced at position T, is referenced next (a position
 * after T), or FUTURE_NEVER. */
uint64_t future_next_use(struct future *f, uint64_t key, uint64_t t);

/* The first reference to KEY at or after position T, or FUTURE_NEVER
 * (a page loaded before its first use: read-around, swap-in). */
uint64_t future_first_use(const struct future *f, uint64_t key, uint64_t t);

/* Errors (ef_error kinds). */
enum future_error {
	FUTURE_ERR_NONE = 0,
	/* host memory */
	FUTURE_ERR_NOMEM = EF_ERR_BASE(EF_DOMAIN_FUTURE) + 1,
};

#endif
