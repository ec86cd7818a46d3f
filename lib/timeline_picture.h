/* timeline_picture.h - a replay's page faults along its steps, drawn.
 *
 * Steps run along x, one row per process (pid order) from the step that
 * made it (exec, fork) to the one that ended it (exit, a signal, the OOM
 * killer); each of its steps a tick on its row, each fault a marker on
 * it, by class: a minor fault, a major one (read from the disk or swap),
 * copy-on-write (wp-copy, wp-reuse, wp-zero, file-cow), a signal
 * (SIGSEGV, SIGBUS), the kernel's own (an exception-table fixup, an
 * Oops) and the OOM killer's.  A fork draws a dashed line from the
 * parent's row to the child's.
 *
 * In SVG (canvas.h) each fault is a <rect class="fault CLASS"> titled
 * "step 6: pid 2 child wp-copy at 0x080497c8".
 */
#ifndef ELFAULT_TIMELINE_PICTURE_H
#define ELFAULT_TIMELINE_PICTURE_H

#include <stddef.h>
#include <stdint.h>

#include "canvas.h"
#include "error.h"
#include "replay.h"

/* What the timeline marks a fault as. */
enum timeline_class {
	TIMELINE_MINOR,
	TIMELINE_MAJOR,
	TIMELINE_COW,
	TIMELINE_SIGNAL,
	TIMELINE_KERNEL,
	TIMELINE_OOM,
	TIMELINE_CLASSES
};

struct timeline_fault {
	unsigned step;
	int pid;
	enum timeline_class class;
	enum fault_kind kind;
	uint32_t address;	/* cr2 */
};

struct timeline_process {
	int pid;
	char label[32];
	int parent;		/* the pid that forked it (0: exec'd) */
	unsigned first, last;	/* the steps it was made and last seen in */
	bool ended;		/* exited or killed at LAST */
};

struct timeline {
	unsigned steps;		/* the last step's number */
	struct timeline_fault *faults;
	size_t fault_count;
	struct timeline_process *processes;	/* in pid order: pids are
						 * made in order, never reused */
	size_t process_count;
	int *actor;		/* the pid that acted in each step (0: none) */
	size_t step_capacity;
};

/* The class of a fault of KIND (MAJOR: read from the disk). */
enum timeline_class timeline_class_of(enum fault_kind kind, bool major);

/* Its name: "minor", "major", "cow", "signal", "kernel", "oom". */
const char *timeline_class_name(enum timeline_class class);

void timeline_init(struct timeline *t);

/* Add step O of R to T.  Returns 0, or -1 with ERR (REPLAY_ERR_HOST). */
int timeline_add(struct timeline *t, const struct replay *r,
		 const struct replay_outcome *o, struct ef_error *err);

void timeline_release(struct timeline *t);

/* Draw T on CANVAS from (0, 0), TITLE over it; the picture's size into
 * *WIDTH and *HEIGHT.  Errors are the canvas's (canvas_write()). */
void timeline_picture_draw(struct canvas *canvas, const struct timeline *t,
			   const char *title, double *width, double *height);

#endif
