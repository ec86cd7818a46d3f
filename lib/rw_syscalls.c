/* rw_syscalls.c - filemap_read() and pipe_write() over copy routines. */
#include <config.h>

#include <errno.h>
#include <string.h>

#include "kernel_space.h"
#include "lru.h"
#include "rw_syscalls.h"

#define MAX_RW_COUNT 0x7ffff000u	/* INT_MAX & PAGE_MASK */

/* vfs_read()/vfs_write() before the file's own method. */
bool rw_start(uint32_t buf, uint32_t count, uint32_t limit,
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

void rw_keep(struct rw_result *res, const uint8_t *bytes,
		      uint32_t n)
{
	uint32_t room = RW_DATA_MAX - res->data_len;

	if (n > room)
		n = room;
	memcpy(res->data + res->data_len, bytes, n);
	res->data_len += n;
}

/* The call's end: DONE bytes, or EFAULT when none moved and it failed. */
void rw_finish(struct rw_result *res, uint64_t done, bool failed)
{
	res->value = done != 0 || !failed ? (int64_t)done : -EFAULT;
	res->error = res->value < 0 ? EFAULT : 0;
}

/* shmem_file_read_iter(): a hole of a file in memory is no page
 * (SGP_READ): the read copies zeros and makes none. */
static bool is_hole(struct machine *m, const struct mapped_file *file,
		    uint64_t index)
{
	return file->in_memory && !page_cache_holds(&m->cache, file, index);
}

int rw_read_file(struct machine *m, const struct mapped_file *file,
		 uint64_t pos, uint32_t buf, uint32_t count,
		 const struct uaccess *u, uint32_t limit, struct rw_result *res,
		 struct ef_error *err)
{
	uint64_t end, done = 0;
	bool failed = false;

	uint64_t size = page_cache_file_size(&m->cache, file);

	if (!rw_start(buf, count, limit, res))
		return 0;
	end = pos + res->count < size ? pos + res->count : size;
	while (pos < end && !failed) {
		uint8_t page[PAGE_SIZE];
		uint32_t offset = (uint32_t)(pos % PAGE_SIZE), copied;
		uint32_t bytes = end - pos < PAGE_SIZE - offset
				 ? (uint32_t)(end - pos) : PAGE_SIZE - offset;
		uint64_t pfn = m->zero_pfn;
		bool read;
		int rc;

		if (is_hole(m, file, pos / PAGE_SIZE)) {	/* the zero page */
			memset(page + offset, 0, bytes);
		} else {
			if (process_cached_page(m, file, pos / PAGE_SIZE, &pfn,
						&read, err) != 0 ||
			    phys_read(&m->mem, pfn_phys(pfn) + offset,
				      page + offset, bytes, err) != 0)
				return -1;
			res->pages_read += read;
			lru_mark_accessed(m, pfn); /* folio_mark_accessed() */
		}
		rc = uaccess_copy_page(u, UACCESS_TO_USER, buf + (uint32_t)done,
				       page + offset, PAGE_OFFSET +
				       (uint32_t)pfn_phys(pfn) + offset, bytes,
				       &copied);
		if (rc != 0) {
			res->dead = rc == UACCESS_DEAD;
			return rc < 0 ? -1 : 0;
		}
		rw_keep(res, page + offset, copied);
		res->copied += copied;
		done += copied;
		pos += copied;
		failed = copied < bytes;	/* filemap_read(): EFAULT */
	}
	rw_finish(res, done, failed);
	return 0;
}

/* One page's piece of a file write: BYTES from BUF into page POS / 4096
 * at offset POS % 4096.  *COPIED what moved; -1 with ERR, or an access's
 * UACCESS_DEAD. */
static int write_file_page(struct machine *m, const struct mapped_file *file,
			   uint64_t pos, uint32_t buf, uint32_t bytes,
			   const struct uaccess *u, struct rw_result *res,
			   uint32_t *copied, struct ef_error *err)
{
	uint8_t piece[PAGE_SIZE];
	uint32_t offset = (uint32_t)(pos % PAGE_SIZE), left;
	uint64_t pfn;
	bool read;
	int rc;

	if (process_cached_page(m, file, pos / PAGE_SIZE, &pfn, &read, err) != 0)
		return -1;
	res->pages_read += read;
	lru_mark_accessed(m, pfn);	/* FGP_ACCESSED */
	rc = uaccess_copy(u, UACCESS_FROM_USER, buf, piece,
			  PAGE_OFFSET + (uint32_t)pfn_phys(pfn) + offset, bytes,
			  &left);
	if (rc != 0)
		return rc;
	*copied = bytes - left;
	if (phys_write(&m->mem, pfn_phys(pfn) + offset, piece, *copied,
		       err) != 0)
		return -1;
	if (*copied != 0)	/* one that copied nothing leaves it as it was */
		phys_frame(&m->mem, pfn)->dirty = true;
	rw_keep(res, piece, *copied);
	return 0;
}

int rw_write_file(struct machine *m, const struct mapped_file *file,
		  uint64_t pos, uint32_t buf, uint32_t count,
		  const struct uaccess *u, uint32_t limit,
		  struct rw_result *res, struct ef_error *err)
{
	uint32_t done = 0;
	bool failed = false;

	if (!rw_start(buf, count, limit, res))
		return 0;
	while (done < res->count && !failed) {
		uint32_t offset = (uint32_t)((pos + done) % PAGE_SIZE);
		uint32_t bytes = res->count - done < PAGE_SIZE - offset
				 ? res->count - done : PAGE_SIZE - offset;
		uint32_t left, copied = 0;
		int rc = uaccess_fault_in_readable(u, buf + done, bytes, limit,
						   &left);

		if (rc == 0 && left < bytes)
			rc = write_file_page(m, file, pos + done, buf + done,
					     bytes, u, res, &copied, err);
		if (rc != 0) {
			res->dead = rc == UACCESS_DEAD;
			return rc < 0 ? -1 : 0;
		}
		res->copied += copied;
		done += copied;
		failed = copied == 0;	/* nothing faulted in: EFAULT */
	}
	if (done != 0 && page_cache_grow_file(&m->cache, file, pos + done,
					      err) != 0)
		return -1;
	rw_finish(res, done, failed);
	return 0;
}

int rw_kernel_read(struct machine *m, const struct mapped_file *file,
		   uint64_t pos, uint8_t *bytes, uint32_t n, uint32_t *done,
		   unsigned *pages_read, struct ef_error *err)
{
	uint64_t size = page_cache_file_size(&m->cache, file);

	*done = 0;
	while (*done < n && pos + *done < size) {
		uint64_t at = pos + *done, pfn;
		uint32_t offset = (uint32_t)(at % PAGE_SIZE);
		uint32_t bytes_here = PAGE_SIZE - offset;
		bool read;

		if (bytes_here > n - *done)
			bytes_here = n - *done;
		if (bytes_here > size - at)
			bytes_here = (uint32_t)(size - at);
		if (is_hole(m, file, at / PAGE_SIZE)) {
			memset(bytes + *done, 0, bytes_here);
			*done += bytes_here;
			continue;
		}
		if (process_cached_page(m, file, at / PAGE_SIZE, &pfn, &read,
					err) != 0 ||
		    phys_read(&m->mem, pfn_phys(pfn) + offset, bytes + *done,
			      bytes_here, err) != 0)
			return -1;
		*pages_read += read;
		lru_mark_accessed(m, pfn);
		*done += bytes_here;
	}
	return 0;
}

int rw_kernel_write(struct machine *m, const struct mapped_file *file,
		    uint64_t pos, const uint8_t *bytes, uint32_t n,
		    struct ef_error *err)
{
	uint32_t done = 0;

	while (done < n) {
		uint64_t at = pos + done, pfn;
		uint32_t offset = (uint32_t)(at % PAGE_SIZE);
		uint32_t bytes_here = PAGE_SIZE - offset < n - done
				      ? PAGE_SIZE - offset : n - done;

		if (process_cached_page(m, file, at / PAGE_SIZE, &pfn, NULL,
					err) != 0 ||
		    phys_write(&m->mem, pfn_phys(pfn) + offset, bytes + done,
			       bytes_here, err) != 0)
			return -1;
		lru_mark_accessed(m, pfn);
		phys_frame(&m->mem, pfn)->dirty = true;
		done += bytes_here;
	}
	return n == 0 ? 0 : page_cache_grow_file(&m->cache, file, pos + n, err);
}

/* Where the output's page is: page-aligned, as a page cache page. */
#define KADDR_OUTPUT_PAGE (PAGE_OFFSET + 0x00a00000u)

int rw_write_output(uint64_t pos, uint32_t buf, uint32_t count,
		    const struct uaccess *u, uint32_t limit,
		    const struct rw_sink *sink, struct rw_result *res)
{
	uint32_t done = 0;
	bool failed = false;

	if (!rw_start(buf, count, limit, res))
		return 0;
	while (done < res->count && !failed) {
		uint8_t piece[PAGE_SIZE];
		uint32_t offset = (uint32_t)((pos + done) % PAGE_SIZE);
		uint32_t bytes = res->count - done < PAGE_SIZE - offset
				 ? res->count - done : PAGE_SIZE - offset;
		uint32_t left, copied = 0;
		int rc = uaccess_fault_in_readable(u, buf + done, bytes, limit,
						   &left);

		if (rc == 0 && left < bytes) {
			rc = uaccess_copy(u, UACCESS_FROM_USER, buf + done,
					  piece, KADDR_OUTPUT_PAGE + offset,
					  bytes, &left);
			copied = bytes - left;
		}
		if (rc != 0) {
			res->dead = rc == UACCESS_DEAD;
			return rc < 0 ? -1 : 0;
		}
		rw_keep(res, piece, copied);
		if (sink != NULL && sink->take != NULL && copied != 0)
			sink->take(sink->ctx, piece, copied);
		res->copied += copied;
		done += copied;
		failed = copied == 0;	/* nothing faulted in: EFAULT */
	}
	rw_finish(res, done, failed);
	return 0;
}

int rw_write_pipe(uint32_t buf, uint32_t count, const struct uaccess *u,
		  uint32_t limit, struct rw_result *res)
{
	uint32_t done = 0;
	bool failed = false;

	if (!rw_start(buf, count, limit, res))
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
			rw_keep(res, page, copied);
			done += copied;
		}
	}
	rw_finish(res, done, failed);
	return 0;
}

int rw_nothing(uint32_t buf, uint32_t count, uint32_t limit, uint32_t value,
	       struct rw_result *res)
{
	if (rw_start(buf, count, limit, res))
		rw_finish(res, value < res->count ? value : res->count, false);
	return 0;
}

int rw_read_text(const char *text, uint64_t len, uint64_t pos, uint32_t buf,
		 uint32_t count, uint32_t kaddr, const struct uaccess *u,
		 uint32_t limit, struct rw_result *res)
{
	uint32_t n, left;
	int rc;

	if (!rw_start(buf, count, limit, res))
		return 0;
	n = pos >= len ? 0 : len - pos < res->count ? (uint32_t)(len - pos)
						    : res->count;
	if (n == 0) {
		rw_finish(res, 0, false);
		return 0;
	}
	rc = uaccess_copy(u, UACCESS_TO_USER, buf, (uint8_t *)text + pos,
			  kaddr, n, &left);
	if (rc != 0) {
		res->dead = rc == UACCESS_DEAD;
		return rc < 0 ? -1 : 0;
	}
	res->copied = n - left;
	rw_keep(res, (const uint8_t *)text + pos, res->copied);
	rw_finish(res, res->copied, left != 0);
	return 0;
}

int rw_write_tty(uint32_t buf, uint32_t count, uint32_t kaddr,
		 const struct uaccess *u, uint32_t limit,
		 struct rw_result *res)
{
	enum { CHUNK = 2048 };
	uint32_t done = 0;
	bool failed = false;

	if (!rw_start(buf, count, limit, res))
		return 0;
	while (done < res->count && !failed) {
		uint8_t chunk[CHUNK];
		uint32_t size = res->count - done < CHUNK ? res->count - done
							   : CHUNK, left;
		int rc = uaccess_copy(u, UACCESS_FROM_USER, buf + done, chunk,
				      kaddr, size, &left);

		if (rc != 0) {
			res->dead = rc == UACCESS_DEAD;
			return rc < 0 ? -1 : 0;
		}
		res->copied += size - left;
		failed = left != 0;	/* iterate_tty_write(): EFAULT */
		if (!failed) {
			rw_keep(res, chunk, size);
			done += size;
		}
	}
	rw_finish(res, done, failed);
	return 0;
}
