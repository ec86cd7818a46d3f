/* page_cache_test.c - file pages read once, found afterwards, zero-filled
 * past the end of the file, removed and re-read. */
#include <config.h>

#include "exec_layout.h"
#include "page_cache.h"
#include "phys_mem.h"
#include "tap.h"

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
	page_cache_release(&pc);
	tap_eq_u64(mem.used, 0, "releasing the cache frees its frames");
	mapped_file_release(&file);
	phys_release(&mem);
	return tap_done();
}
