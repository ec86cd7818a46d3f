/* rw_syscalls.c - filemap_read() and pipe_write() over copy routines. */
#include <config.h>

#include <errno.h>
#include <string.h>

#include "kernel_space.h"
#include "lru.h"
#include "rw_syscalls.h"

#define MAX_RW_COUNT 0x7ffff000u	/* INT_MAX & PAGE_MASK */

/* vfs_read()/vfs_write() before the file's own method. */
static bool vfs_start(uint32_t buf, uint32_t count, uint32_t limit,
		      struct rw_result *res)
{
	memset(res, 0, sizeof *res);
	res->count = count > MAX_RW_COUNT ? MAX_RW_COUNT : count;
	if (!uaccess_ok(buf, count, limit)) {
		res->refused = true;
		res->error = EFAULT;
		res->value = -EFAULT;
		return false;
	}
	return true;
}

static void keep_data(struct rw_result *res, const uint8_t *bytes,
		      uint32_t n)
{
	uint32_t room = RW_DATA_MAX - res->data_len;

	if (n > room)
		n = room;
	memcpy(res->data + res->data_len, bytes, n);
	res->data_len += n;
}

/* The call's end: DONE bytes, or EFAULT when none moved and it failed. */
static void finish(struct rw_result *res, uint64_t done, bool failed)
{
	res->value = done != 0 || !failed ? (int64_t)done : -EFAULT;
	res->error = res->value < 0 ? EFAULT : 0;
}

int rw_read_file(struct machine *m, const struct mapped_file *file,
		 uint64_t pos, uint32_t buf, uint32_t count,
		 const struct uaccess *u, uint32_t limit, struct rw_result *res,
		 struct ef_error *err)
{
	uint64_t end, done = 0;
	bool failed = false;

	if (!vfs_start(buf, count, limit, res))
		return 0;
	end = pos + res->count < file->size ? pos + res->count : file->size;
	while (pos < end && !failed) {
		uint8_t page[PAGE_SIZE];
		uint32_t offset = (uint32_t)(pos % PAGE_SIZE), copied;
		uint32_t bytes = end - pos < PAGE_SIZE - offset
				 ? (uint32_t)(end - pos) : PAGE_SIZE - offset;
		uint64_t pfn;
		bool read;
		int rc;

		if (process_cached_page(m, file, pos / PAGE_SIZE, &pfn, &read,
					err) != 0 ||
		    phys_read(&m->mem, pfn_phys(pfn) + offset, page + offset,
			      bytes, err) != 0)
			return -1;
		res->pages_read += read;
		lru_mark_accessed(m, pfn);	/* folio_mark_accessed() */
		rc = uaccess_copy_page(u, UACCESS_TO_USER, buf + (uint32_t)done,
				       page + offset, PAGE_OFFSET +
				       (uint32_t)pfn_phys(pfn) + offset, bytes,
				       &copied);
		if (rc != 0) {
			res->dead = rc == UACCESS_DEAD;
			return rc < 0 ? -1 : 0;
		}
		keep_data(res, page + offset, copied);
		res->copied += copied;
		done += copied;
		pos += copied;
		failed = copied < bytes;	/* filemap_read(): EFAULT */
	}
	finish(res, done, failed);
	return 0;
}

int rw_write_pipe(uint32_t buf, uint32_t count, const struct uaccess *u,
		  uint32_t limit, struct rw_result *res)
{
	uint32_t done = 0;
	bool failed = false;

	if (!vfs_start(buf, count, limit, res))
		return 0;
	while (done < res->count && !failed) {
		uint8_t page[PAGE_SIZE];
		uint32_t piece = res->count - done < PAGE_SIZE
				 ? res->count - done : PAGE_SIZE, copied;
		/* the pipe's page is fresh and page-aligned */
		int rc = uaccess_copy_page(u, UACCESS_FROM_USER, buf + done,
					   page, PAGE_OFFSET, piece, &copied);

		if (rc != 0) {
			res->dead = rc == UACCESS_DEAD;
			return rc < 0 ? -1 : 0;
		}
		res->copied += copied;
		failed = copied < piece;	/* dropped with its page */
		if (!failed) {
			keep_data(res, page, copied);
			done += copied;
		}
	}
	finish(res, done, failed);
	return 0;
}
