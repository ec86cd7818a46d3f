/* memfs_test.c - created files by path; shmem objects numbered by inode
 * and reaped, their pages leaving the page cache, when a reap's marking
 * does not see them mapped - each once, and none made again. */
#include <config.h>

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
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

/* shmem_default_max_inodes(): min(lowmem, half of all frames). */
static void test_limits(void)
{
	static const struct { uint64_t frames, lowmem; size_t files; } cases[] = {
		{ 256, 229376, 128 },		/* memory: 1M */
		{ 16384, 229376, 8192 },	/* 64M, the default */
		{ 1048576, 229376, 229376 },	/* 4G: lowmem is the limit */
		{ 1, 229376, 0 },
	};
	struct memfs fs;
	struct ef_error err = { 0 };
	const struct mapped_file *fourth;
	char path[32];
	unsigned found = 0;

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		tap_eq_u64(memfs_default_max_inodes(cases[i].frames,
						   cases[i].lowmem),
			   cases[i].files, "%" PRIu64 " frames: %zu inodes (0: no limit, as the kernel's)",
			   cases[i].frames, cases[i].files);
	memfs_init(&fs, 4);
	for (int i = 0; i < 3; i++) {
		snprintf(path, sizeof path, "f%d", i);
		memfs_create(&fs, path, NULL);
	}
	fourth = memfs_create(&fs, "f3", &err);
	tap_ok(fourth == NULL && err.kind == MEMFS_ERR_NOSPC &&
	       err.sys_errno == ENOSPC && memfs_lookup(&fs, "f2") != NULL &&
	       memfs_lookup(&fs, "f3") == NULL,
	       "4 inodes: the root and 3 files; the fourth file is ENOSPC, "
	       "and it is not made");
	memfs_release(&fs);
	memfs_init(&fs, 0);
	for (int i = 0; i < 3000; i++) {
		snprintf(path, sizeof path, "dir/%d", i);
		memfs_create(&fs, path, NULL);
	}
	for (int i = 0; i < 3000; i++) {
		const struct mapped_file *f;

		snprintf(path, sizeof path, "dir/%d", i);
		f = memfs_lookup(&fs, path);
		found += f != NULL && strcmp(f->path, path) == 0 &&
			 f->inode == 2u + (unsigned)i;
	}
	tap_eq_u64(found, 3000, "3000 files, each found by its path");
	tap_ok(memfs_lookup(&fs, "dir/3000") == NULL &&
	       memfs_lookup(&fs, "dir/") == NULL, "and no other path");
	memfs_release(&fs);
}

int main(void)
{
	struct phys_mem mem;
	struct page_cache pc;
	struct memfs fs;

	phys_init(&mem, 1u << 20, NULL);
	page_cache_init(&pc, &mem);
	memfs_init(&fs, 0);
	test_reaps(&fs, &pc);
	test_files(&fs, &pc);
	test_limits();
	memfs_release(&fs);
	page_cache_release(&pc);
	phys_release(&mem);
	return tap_done();
}
