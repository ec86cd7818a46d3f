/* number_index_test.c - numbers found by their things' keys: each key's
 * slot holds the highest number put there, an unknown key an empty slot,
 * and growing (a rebuild from the table) keeps every answer. */
#include <config.h>

#include <stdio.h>
#include <string.h>

#include "number_index.h"
#include "tap.h"

#define THINGS 5000

struct table {
	char names[THINGS][16];
	size_t count;
};

static const void *name_of(const void *owner, size_t number)
{
	return ((const struct table *)owner)->names[number];
}

static size_t hash_badly(const void *key)
{
	(void)key;
	return 7;	/* every key collides: the probe alone tells them */
}

/* Put NAME into T and the index: its number in the slot. */
static bool put(struct table *t, struct number_index *index,
		const struct number_index_keys *keys, const char *name)
{
	size_t *slot;

	if (number_index_room(index, keys, t, t->count) != 0)
		return false;
	snprintf(t->names[t->count], sizeof t->names[0], "%s", name);
	slot = number_index_slot(index, keys, t, name);
	*slot = ++t->count;
	return true;
}

static size_t number_of(const struct table *t,
			const struct number_index *index,
			const struct number_index_keys *keys, const char *name)
{
	const size_t *slot = number_index_slot(index, keys, t, name);

	return slot != NULL ? *slot : 0;	/* +1, or 0 */
}

static void run(const char *what, const struct number_index_keys *keys,
		size_t things)
{
	static struct table t;
	struct number_index index = { 0 };
	char name[16];
	size_t found = 0;

	t.count = 0;
	tap_ok(number_index_slot(&index, keys, &t, "a") == NULL,
	       "%s: no slot before room is made", what);
	/* names n0, n1 ...; every tenth given again later: "n0" again */
	for (size_t i = 0; i < things; i++) {
		snprintf(name, sizeof name, "n%zu", i % 10 == 9 ? i - 9 : i);
		put(&t, &index, keys, name);
	}
	for (size_t i = 0; i < things; i++) {
		size_t want = i % 10 == 9 ? 0 : i + 1;

		snprintf(name, sizeof name, "n%zu", i);
		if (i % 10 == 0 && i + 9 < things)
			want = i + 10;	/* given again at i + 9: the later */
		found += number_of(&t, &index, keys, name) == want;
	}
	tap_eq_u64(found, things, "%s: %zu names, each at its newest number, "
		   "the names never given absent", what, things);
	tap_ok(index.capacity >= 2 * (t.count + 1) &&
	       number_of(&t, &index, keys, "") == 0 &&
	       number_of(&t, &index, keys, "n") == 0,
	       "%s: the index at most half full, other keys absent", what);
	number_index_release(&index);
}

int main(void)
{
	const struct number_index_keys keys = {
		name_of, number_index_hash_string, number_index_same_string,
	};
	const struct number_index_keys colliding = {
		name_of, hash_badly, number_index_same_string,
	};

	run("FNV-1a", &keys, THINGS);
	run("one hash for all", &colliding, 300);
	tap_eq_u64(number_index_hash_string(""), 0xcbf29ce484222325ull,
		   "FNV-1a of \"\": its offset basis");
	tap_eq_u64(number_index_hash_string("a"), 0xaf63dc4c8601ec8cull,
		   "FNV-1a of \"a\"");
	return tap_done();
}
