/* phys_mem.c - frames, their metadata, and their bytes, made on demand. */
#include <config.h>

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "phys_mem.h"

#define CHUNK_FRAMES 1024u
#define MAX_BYTES (4ull << 30)

/* Metadata for 1024 consecutive frames; which of them hold bytes that
 * count (written since the frame was handed out: the others read as
 * zeros), and which have a host page in the memfd (written at some time:
 * a freed frame keeps its page, to be zeroed when written again - cheaper
 * than giving it back and faulting a new one in). */
struct frame_chunk {
	struct frame_info info[CHUNK_FRAMES];
	uint64_t written[CHUNK_FRAMES / 64];
	uint64_t backed[CHUNK_FRAMES / 64];
};

int phys_parse_size(const char *text, uint64_t *bytes, struct ef_error *err)
{
	char *end;
	unsigned long long value;
	unsigned shift = 0;

	errno = 0;
	if (!isdigit((unsigned char)text[0]))
		goto bad;
	value = strtoull(text, &end, 0);
	if (errno != 0)
		goto bad;
	switch (toupper((unsigned char)*end)) {
	case 'K': shift = 10; end++; break;
	case 'M': shift = 20; end++; break;
	case 'G': shift = 30; end++; break;
	default: break;
	}
	if (*end != '\0' || value > (UINT64_MAX >> shift))
		goto bad;
	*bytes = (uint64_t)value << shift;
	return 0;
bad:
	return ef_error_set(err, PHYS_ERR_SIZE, 0, "bad memory size '%s' "
			    "(a number of bytes, K, M or G)", text);
}

/* The frames' bytes live in one memfd of the memory's size, mapped
 * shared: a file that costs host memory only for the pages written
 * (the rest is a hole, and reads as zeros), and that a CPU can map page
 * by page into an address space of its own (phys_frames_fd()). */
static int map_frames(struct phys_mem *mem, uint64_t bytes)
{
	void *frames;

	mem->frames_fd = memfd_create("elfault-frames", MFD_CLOEXEC);
	if (mem->frames_fd < 0 || ftruncate(mem->frames_fd, (off_t)bytes) != 0)
		return -1;
	frames = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_SHARED,
		      mem->frames_fd, 0);
	if (frames == MAP_FAILED)
		return -1;
	mem->frames = frames;
	return 0;
}

int phys_init(struct phys_mem *mem, uint64_t bytes, struct ef_error *err)
{
	memset(mem, 0, sizeof *mem);
	if (bytes == 0 || bytes % PAGE_SIZE != 0 || bytes > MAX_BYTES)
		return ef_error_set(err, PHYS_ERR_RANGE, 0, "memory of %llu "
				    "bytes: want a multiple of 4 KiB, at most "
				    "4 GiB", (unsigned long long)bytes);
	mem->frame_count = bytes / PAGE_SIZE;
	mem->chunk_count = (mem->frame_count + CHUNK_FRAMES - 1) / CHUNK_FRAMES;
	mem->frames_fd = -1;
	mem->chunks = calloc(mem->chunk_count, sizeof *mem->chunks);
	if (mem->chunks == NULL)
		return ef_error_set(err, PHYS_ERR_NOMEM, ENOMEM, "out of memory");
	if (map_frames(mem, bytes) != 0) {
		int error = errno;

		phys_release(mem);
		return ef_error_set(err, PHYS_ERR_NOMEM, error, "the frames' "
				    "memory: %s", strerror(error));
	}
	return 0;
}

void phys_release(struct phys_mem *mem)
{
	if (mem->chunks == NULL)	/* never made: nothing to let go */
		return;
	for (uint64_t c = 0; c < mem->chunk_count; c++)
		free(mem->chunks[c]);
	free(mem->chunks);
	if (mem->frames != NULL)
		munmap(mem->frames, mem->frame_count * PAGE_SIZE);
	if (mem->frames_fd >= 0)
		close(mem->frames_fd);
	free(mem->free_list);
	memset(mem, 0, sizeof *mem);
}

static struct frame_chunk *chunk_of(struct phys_mem *mem, uint64_t pfn)
{
	struct frame_chunk **slot = &mem->chunks[pfn / CHUNK_FRAMES];

	if (*slot == NULL)
		*slot = calloc(1, sizeof **slot);
	return *slot;
}

/* PFN's chunk if it was ever made: a reader's, which makes none (the
 * frames of a chunk never made are free and read as zeros). */
static const struct frame_chunk *chunk_made(const struct phys_mem *mem,
					    uint64_t pfn)
{
	return mem->chunks[pfn / CHUNK_FRAMES];
}

struct frame_info *phys_frame(struct phys_mem *mem, uint64_t pfn)
{
	struct frame_chunk *chunk;

	if (pfn >= mem->frame_count)
		return NULL;
	chunk = chunk_of(mem, pfn);
	return chunk ? &chunk->info[pfn % CHUNK_FRAMES] : NULL;
}

const struct frame_info *phys_frame_peek(const struct phys_mem *mem,
					 uint64_t pfn)
{
	static const struct frame_info never_used = { .kind = FRAME_FREE };
	const struct frame_chunk *chunk;

	if (pfn >= mem->frame_count)
		return NULL;
	chunk = chunk_made(mem, pfn);
	return chunk ? &chunk->info[pfn % CHUNK_FRAMES] : &never_used;
}

/* Frame PFN's bytes changed: the observer is told. */
static void tell_written(struct phys_mem *mem, uint64_t pfn)
{
	if (mem->observer.written != NULL)
		mem->observer.written(mem->observer.ctx, pfn);
}

/* The bytes of frame PFN, marked written on the first write after the
 * frame was handed out (zeroed then, if its host page held an earlier
 * user's bytes); NULL for an unwritten frame when only reading (it reads
 * as zeros), or without host memory. */
static uint8_t *frame_bytes(struct phys_mem *mem, uint64_t pfn, bool write)
{
	struct frame_chunk *chunk;
	unsigned word = (pfn % CHUNK_FRAMES) / 64;
	uint64_t bit = 1ull << (pfn % 64);
	uint8_t *bytes = mem->frames + pfn * PAGE_SIZE;

	if (!write) {	/* a read makes no chunk: no chunk, nothing written */
		const struct frame_chunk *made = chunk_made(mem, pfn);

		return made && (made->written[word] & bit) ? bytes : NULL;
	}
	chunk = chunk_of(mem, pfn);
	if (chunk == NULL)
		return NULL;
	if (!(chunk->written[word] & bit)) {
		if (chunk->backed[word] & bit) {
			memset(bytes, 0, PAGE_SIZE);	/* a new owner's */
			tell_written(mem, pfn);
		} else
			mem->backed_frames++;	/* a hole until now */
		chunk->backed[word] |= bit;
		chunk->written[word] |= bit;
	}
	return bytes;
}

/* Frame PFN reads as zeros again (its host page stays, for the next). */
static void drop_bytes(struct phys_mem *mem, uint64_t pfn)
{
	struct frame_chunk *chunk = mem->chunks[pfn / CHUNK_FRAMES];

	if (chunk != NULL)
		chunk->written[(pfn % CHUNK_FRAMES) / 64] &= ~(1ull << (pfn % 64));
}

/* A frame handed out to a new owner while the observer (the CPU) may
 * still show it somewhere: its old bytes, when its host page has them,
 * are zeroed now rather than at its first write, and the observer told
 * - its loads through a page that shows the frame already (the kernel's
 * own access may have filled the TLB entry they go by) must read the
 * zeros the new owner has. */
static void zero_now(struct phys_mem *mem, uint64_t pfn)
{
	const struct frame_chunk *chunk = mem->chunks[pfn / CHUNK_FRAMES];

	if (chunk != NULL &&
	    chunk->backed[(pfn % CHUNK_FRAMES) / 64] & (1ull << (pfn % 64)))
		frame_bytes(mem, pfn, true);	/* zeroes it, tells */
}

static int take(struct phys_mem *mem, uint64_t pfn, enum frame_kind kind,
		struct ef_error *err)
{
	struct frame_info *info = phys_frame(mem, pfn);

	if (info == NULL)
		return ef_error_set(err, PHYS_ERR_NOMEM, ENOMEM, "out of memory");
	memset(info, 0, sizeof *info);
	info->kind = kind;
	info->refcount = 1;
	if (++mem->used > mem->peak_used)
		mem->peak_used = mem->used;
	drop_bytes(mem, pfn);	/* a new frame reads as zeros */
	if (mem->observer.written != NULL)
		zero_now(mem, pfn);
	if (mem->hooks.allocated != NULL)
		mem->hooks.allocated(mem->hooks.ctx, pfn, kind);
	return 0;
}

/* A free frame, if there is one: 1 with *PFN taken, 0, or -1. */
static int take_free(struct phys_mem *mem, enum frame_kind kind,
		     uint64_t *pfn, struct ef_error *err)
{
	while (mem->free_count > 0) {
		uint64_t candidate = mem->free_list[--mem->free_count];
		struct frame_info *info = phys_frame(mem, candidate);

		/* phys_claim() may have taken a listed frame. */
		if (info != NULL && info->kind == FRAME_FREE) {
			*pfn = candidate;
			return take(mem, candidate, kind, err) == 0 ? 1 : -1;
		}
	}
	while (mem->next_fresh < mem->frame_count) {
		uint64_t candidate = mem->next_fresh++;
		struct frame_info *info = phys_frame(mem, candidate);

		if (info == NULL)
			return ef_error_set(err, PHYS_ERR_NOMEM, ENOMEM,
					    "out of memory");
		if (info->kind == FRAME_FREE) {
			*pfn = candidate;
			return take(mem, candidate, kind, err) == 0 ? 1 : -1;
		}
	}
	return 0;
}

int phys_alloc(struct phys_mem *mem, enum frame_kind kind, uint64_t *pfn,
	       struct ef_error *err)
{
	for (;;) {
		int found = take_free(mem, kind, pfn, err);
		int reclaimed;

		if (found != 0)
			return found > 0 ? 0 : -1;
		if (mem->hooks.reclaim == NULL || mem->reclaiming)
			break;
		mem->reclaiming = true;
		reclaimed = mem->hooks.reclaim(mem->hooks.ctx, err);
		mem->reclaiming = false;
		if (reclaimed != 0)
			return -1;
	}
	return ef_error_set(err, PHYS_ERR_NO_FRAME, ENOMEM, "all %llu frames "
			    "are in use", (unsigned long long)mem->frame_count);
}

int phys_claim(struct phys_mem *mem, uint64_t pfn, enum frame_kind kind,
	       struct ef_error *err)
{
	struct frame_info *info = phys_frame(mem, pfn);

	if (pfn >= mem->frame_count)
		return ef_error_set(err, PHYS_ERR_RANGE, 0, "frame %#llx is "
				    "beyond the memory",
				    (unsigned long long)pfn);
	if (info == NULL)
		return ef_error_set(err, PHYS_ERR_NOMEM, ENOMEM, "out of memory");
	if (info->kind != FRAME_FREE)
		return ef_error_set(err, PHYS_ERR_NO_FRAME, 0, "frame %#llx is "
				    "in use", (unsigned long long)pfn);
	return take(mem, pfn, kind, err);
}

void phys_get(struct phys_mem *mem, uint64_t pfn)
{
	phys_frame(mem, pfn)->refcount++;
}

void phys_put(struct phys_mem *mem, uint64_t pfn)
{
	struct frame_info *info = phys_frame(mem, pfn);

	if (info != NULL && info->refcount > 0 && --info->refcount == 0)
		phys_free(mem, pfn);
}

void phys_free(struct phys_mem *mem, uint64_t pfn)
{
	struct frame_info *info = phys_frame(mem, pfn);
	uint64_t *grown;

	if (info == NULL || info->kind == FRAME_FREE)
		return;
	if (mem->hooks.freed != NULL)
		mem->hooks.freed(mem->hooks.ctx, pfn);
	memset(info, 0, sizeof *info);
	mem->used--;
	drop_bytes(mem, pfn);
	if (mem->free_count == mem->free_capacity) {
		uint64_t capacity = mem->free_capacity ? 2 * mem->free_capacity : 64;

		grown = realloc(mem->free_list, capacity * sizeof *grown);
		if (grown == NULL)
			return;	/* the frame stays free, only unlisted */
		mem->free_list = grown;
		mem->free_capacity = capacity;
	}
	mem->free_list[mem->free_count++] = pfn;
}

static int check_range(const struct phys_mem *mem, uint64_t paddr,
		       size_t count, struct ef_error *err)
{
	uint64_t size = mem->frame_count * PAGE_SIZE;

	if (paddr > size || count > size - paddr)
		return ef_error_set(err, PHYS_ERR_RANGE, 0, "physical %#llx+%zu "
				    "is beyond the memory",
				    (unsigned long long)paddr, count);
	return 0;
}

/* How many of COUNT bytes from PADDR lie in PADDR's frame. */
static size_t in_frame(uint64_t paddr, size_t count)
{
	size_t room = PAGE_SIZE - (paddr & (PAGE_SIZE - 1));

	return room < count ? room : count;
}

int phys_read(struct phys_mem *mem, uint64_t paddr, void *buf, size_t count,
	      struct ef_error *err)
{
	uint8_t *out = buf;

	if (check_range(mem, paddr, count, err) != 0)
		return -1;
	while (count > 0) {
		size_t offset = paddr & (PAGE_SIZE - 1);
		size_t n = in_frame(paddr, count);
		const uint8_t *bytes =
			frame_bytes(mem, paddr >> PAGE_SHIFT, false);

		if (bytes != NULL)
			memcpy(out, bytes + offset, n);
		else
			memset(out, 0, n);
		out += n;
		paddr += n;
		count -= n;
	}
	return 0;
}

int phys_write(struct phys_mem *mem, uint64_t paddr, const void *buf,
	       size_t count, struct ef_error *err)
{
	const uint8_t *in = buf;

	if (check_range(mem, paddr, count, err) != 0)
		return -1;
	while (count > 0) {
		size_t offset = paddr & (PAGE_SIZE - 1);
		size_t n = in_frame(paddr, count);
		uint8_t *bytes = frame_bytes(mem, paddr >> PAGE_SHIFT, true);

		if (bytes == NULL)
			return ef_error_set(err, PHYS_ERR_NOMEM, ENOMEM,
					    "out of memory");
		memcpy(bytes + offset, in, n);
		tell_written(mem, paddr >> PAGE_SHIFT);
		in += n;
		paddr += n;
		count -= n;
	}
	return 0;
}

uint32_t phys_read32(struct phys_mem *mem, uint64_t paddr)
{
	const uint8_t *bytes;
	uint64_t pfn = paddr >> PAGE_SHIFT;

	if (pfn >= mem->frame_count)
		return 0;
	bytes = frame_bytes(mem, pfn, false);
	if (bytes == NULL)
		return 0;
	bytes += paddr & (PAGE_SIZE - 1);
	return (uint32_t)bytes[0] | (uint32_t)bytes[1] << 8 |
	       (uint32_t)bytes[2] << 16 | (uint32_t)bytes[3] << 24;
}

bool phys_read_words(struct phys_mem *mem, uint64_t pfn,
		     uint32_t words[PAGE_SIZE / 4])
{
	const uint8_t *bytes;

	if (pfn >= mem->frame_count ||
	    (bytes = frame_bytes(mem, pfn, false)) == NULL)
		return false;
	memcpy(words, bytes, PAGE_SIZE);
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	for (unsigned i = 0; i < PAGE_SIZE / 4; i++)
		words[i] = __builtin_bswap32(words[i]);
#endif
	return true;
}

int phys_write32(struct phys_mem *mem, uint64_t paddr, uint32_t value)
{
	uint64_t pfn = paddr >> PAGE_SHIFT;
	uint8_t *bytes;

	if (pfn >= mem->frame_count)
		return -1;
	bytes = frame_bytes(mem, pfn, true);
	if (bytes == NULL)
		return -1;
	bytes += paddr & (PAGE_SIZE - 1);
	bytes[0] = (uint8_t)value;
	bytes[1] = (uint8_t)(value >> 8);
	bytes[2] = (uint8_t)(value >> 16);
	bytes[3] = (uint8_t)(value >> 24);
	tell_written(mem, pfn);
	return 0;
}

int phys_copy_frame(struct phys_mem *mem, uint64_t dst, uint64_t src,
		    struct ef_error *err)
{
	const uint8_t *from = frame_bytes(mem, src, false);
	uint8_t *to;

	if (from == NULL) {
		drop_bytes(mem, dst);
		tell_written(mem, dst);
		return 0;
	}
	to = frame_bytes(mem, dst, true);
	if (to == NULL)
		return ef_error_set(err, PHYS_ERR_NOMEM, ENOMEM, "out of memory");
	memcpy(to, from, PAGE_SIZE);
	tell_written(mem, dst);
	return 0;
}

int phys_frames_fd(const struct phys_mem *mem)
{
	return mem->frames_fd;
}

uint8_t *phys_frame_data(struct phys_mem *mem, uint64_t pfn)
{
	if (pfn >= mem->frame_count)
		return NULL;
	return frame_bytes(mem, pfn, true);
}

uint64_t phys_host_bytes(const struct phys_mem *mem)
{
	uint64_t chunks = 0;

	for (uint64_t c = 0; c < mem->chunk_count; c++)
		chunks += mem->chunks[c] != NULL;
	return mem->chunk_count * sizeof *mem->chunks +
	       chunks * sizeof(struct frame_chunk) +
	       mem->backed_frames * PAGE_SIZE +
	       mem->free_capacity * sizeof *mem->free_list;
}
