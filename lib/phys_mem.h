/* phys_mem.h - simulated physical memory: 4 KiB frames, allocated lazily.
 *
 * A phys_mem has a fixed number of frames (its size, e.g. 16 MiB or 4 GiB),
 * but costs host memory only for what is used: per-frame metadata (the
 * kernel's struct page/folio fields elfault needs) comes in chunks of 1024
 * frames made on first use, and the frames' bytes live in a memfd of the
 * memory's size in which a frame takes a host page only once it has been
 * written (and keeps it when freed, for the next user, who sees zeros);
 * an untouched or freed frame reads as zeros.
 *
 * The allocator hands out frames the way a simple buddy allocator's
 * order-0 path does here: the most recently freed frame first, then
 * frames never used, lowest first.  When none is free it calls its
 * owner's reclaim hook, as __alloc_pages_slowpath() enters direct
 * reclaim, and tries again; running out for good is an error the caller
 * sees (PHYS_ERR_NO_FRAME, or the hook's own), never an abort.
 */
#ifndef ELFAULT_PHYS_MEM_H
#define ELFAULT_PHYS_MEM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "page.h"


struct mapped_file;

enum phys_error {
	PHYS_ERR_NONE = 0,
	/* every frame is in use */
	PHYS_ERR_NO_FRAME = EF_ERR_BASE(EF_DOMAIN_PHYS) + 1,
	PHYS_ERR_RANGE,		/* an address or size beyond the memory */
	PHYS_ERR_NOMEM,		/* the host ran out of memory */
	PHYS_ERR_SIZE,		/* a size string elfault cannot read */
	PHYS_ERR_OOM_KILLED,	/* the OOM killer chose the allocating task */
};

/* What a frame holds (struct page's role). */
enum frame_kind {
	FRAME_FREE,
	FRAME_KERNEL,		/* the kernel's image and data, never freed */
	FRAME_PAGE_TABLE,	/* a page directory or page table */
	FRAME_ANON,		/* anonymous memory of processes */
	FRAME_PAGE_CACHE,	/* a page of a file */
	FRAME_ZERO,		/* the shared zero page */
};

/* The metadata of one frame: the parts of struct page/folio modelled. */
struct frame_info {
	enum frame_kind kind;
	uint32_t refcount;	/* page_ref_count(): holders of the frame */
	uint32_t mapcount;	/* page_mapcount(): PTEs that map it */
	const struct mapped_file *file;	/* FRAME_PAGE_CACHE: its file */
	uint64_t index;		/* FRAME_PAGE_CACHE: page index in the file */
	bool dirty;		/* PG_dirty */
	uint32_t address;	/* FRAME_ANON: its user address (the anon
				 * rmap's page->index, in bytes) */
	uint32_t swap_slot;	/* FRAME_ANON in the swap cache: the slot */
	uint32_t page_id;	/* which page of the program it holds: kept
				 * through swap and re-reads (opt's key) */
};

/* What the owner of the memory does when frames come and go. */
struct phys_hooks {
	/* No frame is free: free at least one (direct reclaim).  Returns
	 * 0 when it did, or -1 with ERR set. */
	int (*reclaim)(void *ctx, struct ef_error *err);
	/* A frame was handed out for KIND, or freed. */
	void (*allocated)(void *ctx, uint64_t pfn, enum frame_kind kind);
	void (*freed)(void *ctx, uint64_t pfn);
	void *ctx;
};

/* Who must know when a frame's bytes change by other hands than its
 * own: the CPU (cpu.c), whose code translated from the frame's old
 * bytes is then stale - the kernel's writes (a copy to user memory, a
 * page-cache page read in, a copy-on-write copy, a PTE) and a frame
 * zero-filled for a new owner. */
struct phys_observer {
	void (*written)(void *ctx, uint64_t pfn);
	void *ctx;
};

struct phys_mem {
	uint64_t frame_count;
	uint64_t used;		/* frames not FRAME_FREE */
	uint64_t peak_used;	/* the most used at once */
	uint64_t next_fresh;	/* first frame never handed out */
	uint64_t *free_list;	/* freed frames, the last freed on top */
	uint64_t free_count, free_capacity;
	struct frame_chunk **chunks; /* frame_count / 1024 entries, lazy */
	int frames_fd;		/* the memfd of the frames' bytes */
	uint8_t *frames;	/* it, mapped shared: frame PFN at PFN * 4096 */
	uint64_t chunk_count;
	uint64_t backed_frames;	/* frames with a host page in the memfd */
	struct phys_hooks hooks; /* all NULL: no reclaim, no notices */
	struct phys_observer observer;	/* NULL: none */
	bool reclaiming;	/* in the reclaim hook: it gets no reclaim */
};

/* Parse a memory size: a number of bytes with an optional K, M or G
 * suffix (binary units), e.g. "16M", "4G", "65536".  Returns 0, or -1
 * with ERR PHYS_ERR_SIZE. */
int phys_parse_size(const char *text, uint64_t *bytes, struct ef_error *err);

/* Make a memory of BYTES (a multiple of 4 KiB, at most 4 GiB: the i386
 * physical address space without PAE).  Returns 0, or -1 with ERR set. */
int phys_init(struct phys_mem *mem, uint64_t bytes, struct ef_error *err);

void phys_release(struct phys_mem *mem);

/* Allocate a frame for KIND: refcount 1, mapcount 0, zero-filled.
 * Returns 0 with *PFN set, or -1 with ERR PHYS_ERR_NO_FRAME/NOMEM. */
int phys_alloc(struct phys_mem *mem, enum frame_kind kind, uint64_t *pfn,
	       struct ef_error *err);

/* Allocate the frame PFN itself (for the kernel's fixed frames).
 * Returns 0, or -1 with ERR set when it is in use or out of range. */
int phys_claim(struct phys_mem *mem, uint64_t pfn, enum frame_kind kind,
	       struct ef_error *err);

/* Return frame PFN to the allocator (its bytes are dropped). */
void phys_free(struct phys_mem *mem, uint64_t pfn);

/* get_page() and put_page(): take a reference on frame PFN, and drop one
 * - the frame is freed when no one holds it any more.  A frame the
 * kernel holds so while it works with it (a copy's source, a page being
 * read) is one reclaim leaves alone. */
void phys_get(struct phys_mem *mem, uint64_t pfn);
void phys_put(struct phys_mem *mem, uint64_t pfn);

/* The metadata of frame PFN, or NULL when PFN is out of range or the host
 * ran out of memory.  Frames never used read as FRAME_FREE. */
struct frame_info *phys_frame(struct phys_mem *mem, uint64_t pfn);

/* The metadata of frame PFN to look at, made for no frame: a reader that
 * walks every frame (a view of the machine's frames) costs no host
 * memory for the frames never used, which read as one FRAME_FREE entry.
 * NULL when PFN is out of range. */
const struct frame_info *phys_frame_peek(const struct phys_mem *mem,
					 uint64_t pfn);

/* Read or write bytes at physical address PADDR; an access may span
 * frames.  Returns 0, or -1 with ERR set (PHYS_ERR_RANGE, NOMEM). */
int phys_read(struct phys_mem *mem, uint64_t paddr, void *buf, size_t count,
	      struct ef_error *err);
int phys_write(struct phys_mem *mem, uint64_t paddr, const void *buf,
	       size_t count, struct ef_error *err);

/* Little-endian 32-bit words, for page directory and table entries.
 * PADDR must be 4-byte aligned and inside the memory. */
uint32_t phys_read32(struct phys_mem *mem, uint64_t paddr);
int phys_write32(struct phys_mem *mem, uint64_t paddr, uint32_t value);

/* The 1024 little-endian words of frame PFN - a page directory or table
 * read whole, as a walk over every entry reads it - into WORDS.  False,
 * WORDS untouched, when the frame reads as zeros (never written since it
 * was handed out) or PFN is beyond the memory: no entry to look at. */
bool phys_read_words(struct phys_mem *mem, uint64_t pfn,
		     uint32_t words[PAGE_SIZE / 4]);

/* Copy frame SRC's bytes to frame DST (a COW break); zero-fill DST when
 * SRC was never written.  Returns 0, or -1 without host memory. */
int phys_copy_frame(struct phys_mem *mem, uint64_t dst, uint64_t src,
		    struct ef_error *err);

/* The memfd that holds the frames' bytes, frame PFN at offset PFN * 4096:
 * a CPU maps frames into an address space of its own from it (mmap
 * MAP_SHARED), and its loads and stores are the frames'. */
int phys_frames_fd(const struct phys_mem *mem);

/* The 4096 bytes of frame PFN, to read and write directly (as a CPU that
 * maps the frame does): zeros if the frame was not written since it was
 * handed out, and it counts as written from now on.  NULL when PFN is
 * beyond the memory or the host ran out of memory. */
uint8_t *phys_frame_data(struct phys_mem *mem, uint64_t pfn);

/* Host bytes this memory uses now (metadata and frame contents). */
uint64_t phys_host_bytes(const struct phys_mem *mem);

#endif
