/* number_index.c - open addressing over a table's numbers
 * (number_index.h). */
#include <config.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "number_index.h"

void number_index_release(struct number_index *index)
{
	free(index->slots);
	memset(index, 0, sizeof *index);
}

size_t *number_index_slot(const struct number_index *index,
			  const struct number_index_keys *keys,
			  const void *owner, const void *key)
{
	size_t mask = index->capacity - 1;
	size_t i;

	if (index->capacity == 0)
		return NULL;
	for (i = keys->hash(key) & mask; index->slots[i] != 0;
	     i = (i + 1) & mask)
		if (keys->same(keys->key_of(owner, index->slots[i] - 1), key))
			break;
	return &index->slots[i];
}

int number_index_room(struct number_index *index,
		      const struct number_index_keys *keys,
		      const void *owner, size_t count)
{
	struct number_index grown;

	if ((count + 1) * 2 <= index->capacity)
		return 0;
	grown.capacity = index->capacity ? 2 * index->capacity : 64;
	while ((count + 1) * 2 > grown.capacity)
		grown.capacity *= 2;
	grown.slots = calloc(grown.capacity, sizeof *grown.slots);
	if (grown.slots == NULL)
		return -1;
	for (size_t n = 0; n < count; n++)
		*number_index_slot(&grown, keys, owner,
				   keys->key_of(owner, n)) = n + 1;
	free(index->slots);
	*index = grown;
	return 0;
}

size_t number_index_hash_string(const void *s)
{
	uint64_t h = 0xcbf29ce484222325ull;

	for (const unsigned char *c = s; *c != '\0'; c++)
		h = (h ^ *c) * 0x100000001b3ull;
	return (size_t)h;
}

bool number_index_same_string(const void *a, const void *b)
{
	return strcmp(a, b) == 0;
}
