/* number_index.h - things a table numbers (0, 1, 2...), found by a key
 * of theirs in time that does not grow with the table.
 *
 * Open addressing over the numbers: each slot holds a thing's number + 1,
 * or 0 when empty, and the index is kept at most half full.  The owner of
 * the things tells, through number_index_keys, what a number's key is,
 * its hash and when two keys are the same; the index holds only numbers,
 * so the table may move (realloc) under it.  One key, one slot: when
 * several things share a key, the slot holds the one put there last (a
 * rebuild puts the highest number), and the owner chains the others.
 * Nothing is ever removed.
 */
#ifndef ELFAULT_NUMBER_INDEX_H
#define ELFAULT_NUMBER_INDEX_H

#include <stdbool.h>
#include <stddef.h>

struct number_index {
	size_t *slots;		/* a number + 1, or 0 */
	size_t capacity;	/* a power of two, or 0 */
};

struct number_index_keys {
	const void *(*key_of)(const void *owner, size_t number);
	size_t (*hash)(const void *key);
	bool (*same)(const void *a, const void *b);
};

void number_index_release(struct number_index *index);

/* The slot for KEY: the one holding the number of the thing with KEY,
 * or the empty one where it would go; NULL while the index is empty of
 * room (number_index_room() not yet called). */
size_t *number_index_slot(const struct number_index *index,
			  const struct number_index_keys *keys,
			  const void *owner, const void *key);

/* Room for one more thing, the owner's table having COUNT (numbers 0 to
 * COUNT - 1): the index doubled and rebuilt from the table when it would
 * be more than half full.  Returns 0, or -1 without host memory (the
 * index is then as it was). */
int number_index_room(struct number_index *index,
		      const struct number_index_keys *keys,
		      const void *owner, size_t count);

/* For keys that are strings (const char *): FNV-1a of the string S, and
 * whether strings A and B are the same. */
size_t number_index_hash_string(const void *s);
bool number_index_same_string(const void *a, const void *b);

#endif
