/* view.h - a snapshot of a process's memory and of the machine's frames,
 * for people and for programs (the show: step, --show).
 *
 * What the chapter draws, read off the model at one moment:
 *
 *  - the process's VMAs, as /proc/PID/maps prints them (maps_report.h);
 *  - its page tables below PAGE_OFFSET as the kernel's ptdump prints
 *    them (debugfs page_tables/current_user: pt_dump.h), and word by
 *    word: each present page directory entry of the user half and each
 *    non-zero page table entry under it, with its physical address and
 *    its bits - a swap entry too, which is no frame;
 *  - every frame in use but the kernel's own (counted, not listed): its
 *    kind, page_ref_count() and page_mapcount(), what it holds (a file
 *    page, an anonymous page at an address, a page directory or table and
 *    whose) and every user PTE of every live process that maps it - found
 *    by walking the page tables, so that the zero page and a frame shared
 *    after fork show all their mappers.
 *
 * A view is self-contained (its strings are copies): it can be printed
 * after the machine has moved on.
 */
#ifndef ELFAULT_VIEW_H
#define ELFAULT_VIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "error.h"
#include "maps_report.h"
#include "pgtable.h"
#include "phys_mem.h"
#include "pt_dump.h"
#include "yaml_writer.h"

struct machine;
struct process;

/* The parts of a view, as show: names them. */
enum view_part {
	VIEW_VMAS = 1,		/* "vmas" */
	VIEW_PAGE_TABLE = 2,	/* "page-table": ptdump's lines */
	VIEW_ENTRIES = 4,	/* "entries": the PDE and PTE words */
	VIEW_FRAMES = 8,	/* "frames" */
	VIEW_ALL = 15,		/* "all" */
};

/* One page-table word: a present user PDE, or a non-zero PTE under it. */
struct view_entry {
	bool is_pde;
	unsigned index;		/* in its directory or table */
	uint32_t paddr;		/* where the word is */
	pte_t value;
	uint32_t address;	/* the first user address it covers */
};

/* A user PTE that maps a frame. */
struct view_mapper {
	int pid;
	uint32_t address;
	bool writable;		/* the PTE's RW bit */
};

/* Whose page directory or page table a frame is, and for a table the
 * addresses its entries map, [start, end). */
struct view_table_owner {
	bool directory;		/* a page directory, not a table */
	int pid;		/* 0: the kernel's */
	uint64_t start, end;	/* a table's; 0, 0 for a directory */
};

struct view_frame {
	uint32_t pfn;
	enum frame_kind kind;
	uint32_t refcount, mapcount;
	bool dirty;
	uint32_t swap_slot;	/* an anonymous page in the swap cache */
	char what[80];		/* "a.out page 0", "anonymous 0804a000",
				 * "page directory of pid 1" ... */
	/* what holds, as fields: an anonymous page's address, a file
	 * page's file (as in what) and index, a page table's owner */
	uint32_t address;
	char file[80];
	uint64_t index;
	bool has_owner;
	struct view_table_owner owner;
	size_t first_mapper;	/* its mappers in view.mappers */
	size_t mapper_count;
};

/* A VMA as maps --format=yaml gives it (record.name is name, a copy). */
struct view_vma {
	struct maps_vma_record record;
	char *name;
};

struct view {
	unsigned parts;		/* enum view_part */
	int pid;		/* whose VMAs and tables (0: none) */
	char name[16];
	uint32_t cr3;
	char **vmas;		/* maps lines */
	size_t vma_count;
	struct view_vma *vma_records;	/* the same VMAs, as fields */
	size_t vma_record_count;
	char **page_table;	/* ptdump lines, "---[ User Space ]---" first */
	size_t page_table_count;
	struct pt_dump_run *runs;	/* the same, as fields */
	size_t run_count;
	struct view_entry *entries;
	size_t entry_count;
	struct view_frame *frames;	/* in frame order */
	size_t frame_count;
	struct view_mapper *mappers;
	size_t mapper_count;
	uint64_t kernel_frames;	/* FRAME_KERNEL: in use, not listed */
	uint64_t used_frames;	/* all frames in use */
};

/* The name of PART ("page-table") and the part a name gives (0 for an
 * unknown name). */
const char *view_part_name(enum view_part part);
unsigned view_part_of(const char *name);

/* Take the PARTS of a view of M: P's VMAs and tables (P may be NULL: no
 * process), and the frames.  V is released first.  Returns 0, or -1
 * with ERR (host memory: PHYS_ERR_NOMEM). */
int view_take(struct view *v, struct machine *m, struct process *p,
	      unsigned parts, struct ef_error *err);

void view_release(struct view *v);

/* The view for people, each line indented by INDENT spaces.  Returns 0,
 * or -1 when writing failed. */
int view_write_text(FILE *out, const struct view *v, int indent);

/* The view as one YAML mapping (keys in elfault(1)). */
void view_write_yaml(struct yaml_writer *w, const struct view *v);

#endif
