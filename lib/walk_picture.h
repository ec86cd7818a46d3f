/* walk_picture.h - one page fault's walk drawn: CR3 -> PDE -> PTE ->
 * frame, with the bit where the walk failed marked.
 *
 * The i386 MMU (Intel SDM vol. 3A, 4.3) splits the linear address into
 * a directory index (bits 31:22), a table index (21:12) and an offset
 * (11:0); CR3 locates the page directory, the PDE the page table, the
 * PTE the frame.  The picture shows the address split in three, each
 * entry the walk read as its word and as its flag bits (set bits
 * filled), and the check that failed (mmu.h: the level and P, W, U or
 * RSVD) in the alert colour: a not-present PDE leaves the page table
 * and the frame unread, a write-protected PTE still names its frame.
 * Under it, the report's lines for the fault: the walk, the error code,
 * the VMA and what the kernel did.
 *
 * In SVG (canvas.h) each entry is a <rect class="entry"> titled "pde[32]
 * 0x0001b067", each flag bit a <rect class="bit"> titled "pte.RW=0
 * failed" (or "pte.P=1"), the frame a <rect class="frame">.
 */
#ifndef ELFAULT_WALK_PICTURE_H
#define ELFAULT_WALK_PICTURE_H

#include <stdbool.h>

#include "canvas.h"
#include "replay.h"

enum { WALK_PICTURE_LINES = 6 };

/* What the picture shows of one fault. */
struct walk_fault {
	unsigned step;		/* its step's number */
	unsigned index;		/* 1-based, in the step */
	char heading[160];	/* the step's line in the text report */
	char fault_line[160];	/* "fault 1: user write at 0x080497c8" */
	char lines[WALK_PICTURE_LINES][160];	/* walk:, error:, vma:,
						 * kernel: as reported */
	unsigned line_count;
	struct mmu_fault hw;
};

/* Fault INDEX (1-based) of step O of R into F.  Returns 0, or -1 when
 * the step has fewer faults. */
int walk_fault_take(struct walk_fault *f, const struct replay *r,
		    const struct replay_outcome *o, unsigned index);

/* Draw F on CANVAS from (0, 0); the picture's size into *WIDTH and
 * *HEIGHT.  Errors are the canvas's (canvas_write()). */
void walk_picture_draw(struct canvas *canvas, const struct walk_fault *f,
		       double *width, double *height);

#endif
