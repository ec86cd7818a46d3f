/* memfs_test.c - created files by path; shmem objects numbered by inode
 * and reaped, their pages leaving the page cache, when a reap's marking
 * does not see them mapped - each once, and none made again. */
#include <config.h>

#include <string.h>

#include "memfs.h"
#include "page_cache.h"
#include "phys_mem.h"
#include "tap.h"

#define OBJECTS 5

/* One reap: the objects whose bit is set in MARKED are seen mapped. */
struct reap_case {
	const char *name;
	unsigned marked;	/* bit i: object i */
	bool begins;		/* memfs_reap_begin()'s answer */
	unsigned cached_after;	/* bit i: object i's page still cached */
};

static const struct reap_case reaps[] = {
	{ "all mapped: none reaped", 0x1f, true, 0x1f },
	{ "0 and 3 not mapped: reaped", 0x16, true, 0x16 },
	{ "marking a reaped object brings nothing back", 0x1f, true, 0x16 },
	{ "only 2 mapped", 0x04, true, 0x04 },
	{ "none mapped: the last reaped", 0x00, true, 0x00 },
	{ "nothing left to reap", 0x1f, false, 0x00 },
};

static unsigned cached(struct page_cache *pc,
		       const struct mapped_file *objects[OBJECTS])
{
	unsigned bits = 0;
	uint64_t pfn;

	for (unsigned i = 0; i < OBJECTS; i++)
		if (page_cache_find(pc, objects[i], 0, &pfn))
			bits |= 1u << i;
	return bits;
}

static void test_reaps(struct memfs *fs, struct page_cache *pc)
{
	const struct mapped_file *objects[OBJECTS];
	uint64_t pfn;

	for (unsigned i = 0; i < OBJECTS; i++) {
		objects[i] = memfs_shmem(fs, 8192, NULL);
		tap_ok(objects[i] != NULL && objects[i]->shmem &&
		       objects[i]->inode == i + 1 && objects[i]->dev_minor == 1 &&
		       strcmp(objects[i]->path, "/dev/zero (deleted)") == 0,
		       "shmem object %u: inode %u on 00:01", i, i + 1);
		page_cache_read(pc, objects[i], 0, &pfn, NULL);
	}
	for (size_t c = 0; c < sizeof reaps / sizeof reaps[0]; c++) {
		const struct reap_case *t = &reaps[c];
		bool begins = memfs_reap_begin(fs);

		for (unsigned i = 0; begins && i < OBJECTS; i++)
			if (t->marked & (1u << i))
				memfs_mark_mapped(fs, objects[i]);
		if (begins)
			memfs_reap_end(fs, pc);
		tap_ok(begins == t->begins && cached(pc, objects) ==
		       t->cached_after, "%s", t->name);
	}
}

static void test_files(struct memfs *fs, struct page_cache *pc)
{
	const struct mapped_file *a = memfs_create(fs, "a", NULL);
	const struct mapped_file *b = memfs_create(fs, "dir/b", NULL);
	const struct mapped_file *shmem = memfs_shmem(fs, 4096, NULL);
	const struct mapped_file stranger = { .shmem = true, .inode = 99 };

	tap_ok(a && b && a->inode == 2 && b->inode == 3 && a->dev_minor == 2 &&
	       a->in_memory && !a->shmem, "created files: inodes 2, 3 on 00:02");
	tap_ok(memfs_lookup(fs, "a") == a && memfs_lookup(fs, "dir/b") == b &&
	       memfs_lookup(fs, "b") == NULL,
	       "found by the path as given, and only by it");
	tap_ok(memfs_lookup(fs, "/dev/zero (deleted)") == NULL,
	       "no path finds a shmem object");
	tap_ok(shmem != NULL && shmem->inode == 6,
	       "shmem inodes go on from the last (the five before)");
	/* neither a created file nor an inode memfs never gave is marked */
	tap_ok(memfs_reap_begin(fs), "one object to reap");
	memfs_mark_mapped(fs, a);
	memfs_mark_mapped(fs, &stranger);
	memfs_reap_end(fs, pc);
	tap_ok(!memfs_reap_begin(fs), "reaped: marks of others did not count");
}

int main(void)
{
	struct phys_mem mem;
	struct page_cache pc;
	struct memfs fs;

	phys_init(&mem, 1u << 20, NULL);
	page_cache_init(&pc, &mem);
	memfs_init(&fs);
	test_reaps(&fs, &pc);
	test_files(&fs, &pc);
	memfs_release(&fs);
	page_cache_release(&pc);
	phys_release(&mem);
	return tap_done();
}
