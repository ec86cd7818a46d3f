/* future.c - a recorded reference string and its next-use index. */
#include <config.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "future.h"

void future_init(struct future *f)
{
	memset(f, 0, sizeof *f);
}

void future_release(struct future *f)
{
	free(f->keys);
	free(f->next);
	free(f->sorted);
	future_init(f);
}

int future_record(struct future *f, uint64_t key, struct ef_error *err)
{
	if (f->count == f->capacity) {
		uint64_t capacity = f->capacity ? 2 * f->capacity : 4096;
		uint64_t *grown = realloc(f->keys, capacity * sizeof *grown);

		if (grown == NULL) {
			f->failed = true;
			return ef_error_set(err, FUTURE_ERR_NOMEM, ENOMEM, "out of memory");
		}
		f->keys = grown;
		f->capacity = capacity;
	}
	f->keys[f->count++] = key;
	return 0;
}

static int by_key_then_position(const void *a, const void *b, void *ctx)
{
	const uint64_t *keys = ctx;
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	if (keys[x] != keys[y])
		return keys[x] < keys[y] ? -1 : 1;
	return x < y ? -1 : x > y;
}

int future_seal(struct future *f, struct ef_error *err)
{
	uint64_t n = f->count;

	if (f->failed)
		return ef_error_set(err, FUTURE_ERR_NOMEM, ENOMEM, "out of memory while "
				    "recording the references");
	free(f->next);
	free(f->sorted);
	f->next = malloc((n ? n : 1) * sizeof *f->next);
	f->sorted = malloc((n ? n : 1) * sizeof *f->sorted);
	if (f->next == NULL || f->sorted == NULL)
		return ef_error_set(err, FUTURE_ERR_NOMEM, ENOMEM, "out of memory");
	for (uint64_t i = 0; i < n; i++)
		f->sorted[i] = i;
	qsort_r(f->sorted, n, sizeof *f->sorted, by_key_then_position, f->keys);
	for (uint64_t i = 0; i < n; i++) {
		uint64_t pos = f->sorted[i];

		f->next[pos] = i + 1 < n && f->keys[f->sorted[i + 1]] == f->keys[pos]
			       ? f->sorted[i + 1] : FUTURE_NEVER;
	}
	f->sealed = true;
	return 0;
}

uint64_t future_first_use(const struct future *f, uint64_t key, uint64_t t)
{
	uint64_t lo = 0, hi = f->count;

	if (!f->sealed)
		return FUTURE_NEVER;
	/* The first (key, position) pair not below (KEY, T). */
	while (lo < hi) {
		uint64_t mid = lo + (hi - lo) / 2, pos = f->sorted[mid];

		if (f->keys[pos] < key || (f->keys[pos] == key && pos < t))
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < f->count && f->keys[f->sorted[lo]] == key)
		return f->sorted[lo];
	return FUTURE_NEVER;
}

uint64_t future_next_use(struct future *f, uint64_t key, uint64_t t)
{
	if (!f->sealed)
		return FUTURE_NEVER;
	if (t < f->count && f->keys[t] == key)
		return f->next[t];
	f->strays++;
	return t == UINT64_MAX ? FUTURE_NEVER : future_first_use(f, key, t + 1);
}
