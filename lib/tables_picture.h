/* tables_picture.h - the processes' page tables and the frames they map,
 * drawn (the chapter's Fig. 14.24, copy-on-write after fork).
 *
 * A panel is the machine after one step of a replay: for each live
 * process its page directory (the present user PDEs), a page table box
 * under each of them (its non-zero PTEs: a page's frame and flags, or a
 * swap entry), and one column of the frames those PTEs map, each frame
 * drawn once, with an arrow from every PTE that maps it.  A frame mapped
 * more than once is filled in the shared colour; a read-only PTE says
 * "ro" in the alert colour and its arrow is dashed: after fork both
 * processes' arrows run dashed into one shared frame, and after the
 * copy-on-write fault the writer's arrow runs solid into a frame of its
 * own.  Panels are drawn side by side, "before" and "after".
 *
 * In SVG (canvas.h) each PTE row is a <rect class="pte"> titled "pid 1
 * pte[73] 08049000 -> frame 0x19 ro", each frame a <rect class="frame">
 * titled "frame 0x19 anon ref 2 map 2 shared", each page directory and
 * table a <rect class="page-directory">/"page-table".
 */
#ifndef ELFAULT_TABLES_PICTURE_H
#define ELFAULT_TABLES_PICTURE_H

#include <stddef.h>

#include "canvas.h"
#include "error.h"
#include "replay.h"
#include "view.h"

/* The most PTE rows a process shows; the rest are counted in a row. */
enum { TABLES_PICTURE_MAX_PTES = 24 };

/* A live process at the panel's step: its PDEs and PTEs. */
struct tables_process {
	int pid;
	char label[32];		/* its name in the script */
	struct view view;	/* VIEW_ENTRIES */
};

struct tables_panel {
	char caption[160];	/* "after step 3 (line 16): pid 1 parent:
				 * fork: pid 2" */
	struct tables_process *processes;
	size_t process_count;
	struct view frames;	/* VIEW_FRAMES: who maps each frame */
};

/* Take panel P of replay R after step O (its outcome; NULL: no caption,
 * the caller's to write): every live process's entries and the frames.  Returns 0, or -1 with ERR
 * (REPLAY_ERR_HOST: host memory).  Release P with tables_panel_release()
 * either way. */
int tables_panel_take(struct tables_panel *p, struct replay *r,
		      const struct replay_outcome *o, struct ef_error *err);

void tables_panel_release(struct tables_panel *p);

/* Draw the COUNT panels side by side on CANVAS from (0, 0); the
 * picture's size into *WIDTH and *HEIGHT.  Errors are the canvas's
 * (canvas_write()). */
void tables_picture_draw(struct canvas *canvas,
			 const struct tables_panel *panels, size_t count,
			 double *width, double *height);

#endif
