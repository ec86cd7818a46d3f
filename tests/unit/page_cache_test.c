/* page_cache_test.c - file pages read once, found afterwards, zero-filled
 * past the end of the file, removed and re-read. */
#include <config.h>

#include "exec_layout.h"
#include "page_cache.h"
#include "phys_mem.h"
#include "tap.h"

/* Files told apart by device and inode alone, however many the cache
 * has seen: each found again by another record of its identity, under
 * the number it got at first sight. */
static void test_many_files(struct page_cache *pc)
{
	static const struct { unsigned major, minor; } devices[] = {
		{ 0, 1 }, { 0, 2 }, { 8, 1 }, { 8, 2 },
	};
	enum { PER_DEVICE = 300, FILES = 4 * PER_DEVICE };
	unsigned found = 0, numbered = 0, again_numbered = 0;
	size_t base = pc->file_count;

	for (unsigned pass = 0; pass < 2; pass++)
		for (size_t n = 0; n < FILES; n++) {
			struct mapped_file f = {
				.path = (char *)"/dev/zero (deleted)",
				.dev_major = devices[n / PER_DEVICE].major,
				.dev_minor = devices[n / PER_DEVICE].minor,
				.inode = 1 + n % PER_DEVICE, .in_memory = true,
				.size = 4096 };
			uint64_t pfn, again;

			if (page_cache_read(pc, &f, 0, &pfn, NULL) != 0)
				continue;
			f.path = (char *)"another record of it";
			found += page_cache_find(pc, &f, 0, &again) &&
				 again == pfn;
			if (page_cache_file_number(pc, &f) == base + n)
				*(pass ? &again_numbered : &numbered) += 1;
			page_cache_remove(pc, &f, 0);
		}
	tap_eq_u64(found, 2 * FILES, "1200 files (4 devices, inodes 1-300), "
		   "twice: each page found by the file's identity");
	tap_eq_u64(numbered, FILES, "each file numbered in the order seen");
	tap_eq_u64(again_numbered, FILES, "the second time, each is the file "
		   "seen first: the same inode on another device is another");
}

/* A gone file's pages leave the cache in index order, whichever order
 * they came in (truncate_inode_pages()): the frames then come back
 * last-freed first.  A file of 8 pages is walked by index; one of 16,384,
 * more than the table has slots, is looked for in the table. */
static void test_forget(struct page_cache *pc, struct phys_mem *mem)
{
	static const struct {
		uint64_t size, index[4];
		const char *what;
	} cases[] = {
		{ 8 * 4096, { 6, 1, 7, 3 }, "8 pages" },
		{ 16384 * 4096, { 9000, 5, 16383, 300 }, "16,384 pages" },
	};

	for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
		struct mapped_file f = { .path = (char *)"/dev/zero (deleted)",
					 .dev_minor = 1, .inode = 1000 + c,
					 .in_memory = true,
					 .size = cases[c].size };
		uint64_t pfn[4], again, count = page_cache_count(pc);
		unsigned reused = 0;

		for (size_t i = 0; i < 4; i++)
			page_cache_read(pc, &f, cases[c].index[i], &pfn[i],
					NULL);
		page_cache_forget(pc, &f);
		tap_ok(page_cache_count(pc) == count &&
		       !page_cache_find(pc, &f, cases[c].index[0], &again),
		       "%s: forgotten, the other files' pages kept",
		       cases[c].what);
		/* by index, the last freed is the highest: 2, 0, 3, 1 */
		for (size_t i = 0; i < 4; i++) {
			static const size_t by_index_down[4] = { 2, 0, 3, 1 };

			reused += phys_alloc(mem, FRAME_ANON, &again, NULL) == 0 &&
				  again == pfn[by_index_down[i]];
		}
		tap_eq_u64(reused, 4, "%s: freed in index order",
			   cases[c].what);
		for (size_t i = 0; i < 4; i++)
			phys_free(mem, pfn[i]);
	}
}

/* Pages of a file in memory written back (swapped out) and read back
 * (swapped in: the written copy goes) in a scattered order, thousands of
 * them: each read back has its own bytes, the ones not read back are
 * still held, and the count of written pages follows. */
static void test_written(struct page_cache *pc, struct phys_mem *mem)
{
	enum { PAGES = 3000 };
	struct mapped_file f = { .path = (char *)"/dev/zero (deleted)",
				 .dev_minor = 1, .inode = 5000,
				 .in_memory = true, .size = PAGES * 4096ull };
	size_t written = pc->memory_written;
	unsigned right = 0, held = 0, gone = 0;
	uint64_t pfn;

	for (uint64_t i = 0; i < PAGES; i++)
		if (page_cache_read(pc, &f, i, &pfn, NULL) == 0) {
			phys_write32(mem, pfn * 4096 + 8, (uint32_t)i * 7 + 1);
			right += page_cache_write_back(pc, pfn, NULL) == 0;
			page_cache_remove(pc, &f, i);
		}
	tap_ok(right == PAGES && pc->memory_written == written + PAGES,
	       "3000 pages written back");
	right = 0;
	/* every other page, in the order 7 * k mod 3000 visits them */
	for (uint64_t k = 0; k < PAGES; k++) {
		uint64_t i = k * 7 % PAGES;

		if (i % 2 != 0)
			continue;
		if (page_cache_read(pc, &f, i, &pfn, NULL) == 0 &&
		    phys_read32(mem, pfn * 4096 + 8) == (uint32_t)i * 7 + 1)
			right++;
		page_cache_remove(pc, &f, i);
	}
	for (uint64_t i = 0; i < PAGES; i++) {
		held += i % 2 != 0 && page_cache_holds(pc, &f, i);
		gone += i % 2 == 0 && !page_cache_holds(pc, &f, i);
	}
	tap_ok(right == PAGES / 2 && pc->memory_written == written + PAGES / 2,
	       "1500 of them read back, scattered, each with its bytes; the "
	       "written copies gone");
	tap_ok(held == PAGES / 2 && gone == PAGES / 2,
	       "the others still held, the ones read back (and dropped) not");
	right = 0;
	for (uint64_t i = 1; i < PAGES; i += 2) {
		if (page_cache_read(pc, &f, i, &pfn, NULL) == 0 &&
		    phys_read32(mem, pfn * 4096 + 8) == (uint32_t)i * 7 + 1)
			right++;
		page_cache_remove(pc, &f, i);
	}
	tap_ok(right == PAGES / 2 && pc->memory_written == written,
	       "the other 1500 read back with their bytes, none left written");
	page_cache_forget(pc, &f);
}

int main(void)
{
	struct phys_mem mem;
	struct page_cache pc;
	struct mapped_file file;
	uint64_t pfn = 0, again = 0;
	uint8_t bytes[16];
	struct ef_error err;
	struct frame_info *info;

	phys_init(&mem, 1u << 20, NULL);
	page_cache_init(&pc, &mem);
	if (!tap_ok(mapped_file_stat(&file, testdata_path("seed/a.out"), NULL) == 0,
		    "seed/a.out"))
		return tap_done();
	tap_ok(!page_cache_find(&pc, &file, 0, &pfn), "an empty cache has nothing");
	tap_ok(page_cache_read(&pc, &file, 0, &pfn, NULL) == 0 && pc.reads == 1,
	       "page 0 read from the disk");
	phys_read(&mem, pfn * 4096, bytes, 4, NULL);
	tap_ok(memcmp(bytes, "\177ELF", 4) == 0, "it holds the file's bytes");
	info = phys_frame(&mem, pfn);
	tap_ok(info->kind == FRAME_PAGE_CACHE && info->file != &file &&
	       info->file->inode == file.inode && info->index == 0 &&
	       info->refcount == 1,
	       "its frame is a page-cache page of the file (the cache's record), "
	       "one reference");
	tap_ok(page_cache_find(&pc, &file, 0, &again) && again == pfn && pc.hits == 1,
	       "found again without reading");
	{
		/* Another process's record of the same file: same pages. */
		struct mapped_file other;

		mapped_file_stat(&other, testdata_path("seed/a.out"), NULL);
		tap_ok(page_cache_find(&pc, &other, 0, &again) && again == pfn,
		       "the same file known by another record shares the page");
		mapped_file_release(&other);
	}
	page_cache_read(&pc, &file, 1, &pfn, NULL);
	phys_read(&mem, pfn * 4096 + (file.size - 4096), bytes, 8, NULL);
	tap_ok(bytes[7] == 0, "past the end of the file the page is zero");
	page_cache_remove(&pc, &file, 0);
	tap_ok(!page_cache_find(&pc, &file, 0, &pfn) && page_cache_count(&pc) == 1,
	       "a removed page is gone");
	for (uint64_t i = 0; i < 300; i++) {
		page_cache_read(&pc, &file, 2 + i, &pfn, NULL);
		page_cache_remove(&pc, &file, 2 + i);
	}
	tap_ok(page_cache_count(&pc) == 1 && page_cache_find(&pc, &file, 1, &pfn),
	       "300 reads and removals later the table still works");
	{
		struct mapped_file gone = { .path = (char *)"/no/such/file" };

		tap_ok(page_cache_read(&pc, &gone, 0, &pfn, &err) != 0 &&
		       err.kind == PAGE_CACHE_ERR_IO, "an unreadable file is an I/O error");
	}
	test_forget(&pc, &mem);
	test_written(&pc, &mem);
	test_many_files(&pc);
	page_cache_release(&pc);
	tap_eq_u64(mem.used, 0, "releasing the cache frees its frames");
	mapped_file_release(&file);
	phys_release(&mem);
	return tap_done();
}
