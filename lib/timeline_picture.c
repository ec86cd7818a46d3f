/* timeline_picture.c - a replay's faults along its steps, by process and
 * kind (timeline_picture.h). */
#include <config.h>

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "timeline_picture.h"

/* ---- the classes --------------------------------------------------------- */

enum timeline_class timeline_class_of(enum fault_kind kind, bool major)
{
	switch (fault_kind_facts(kind)->class) {
	case FAULT_CLASS_SIGNAL:
		return TIMELINE_SIGNAL;
	case FAULT_CLASS_FIXUP:
	case FAULT_CLASS_OOPS:
		return TIMELINE_KERNEL;
	case FAULT_CLASS_OOM:
		return TIMELINE_OOM;
	case FAULT_CLASS_MAPPED:
		break;
	}
	if (major)
		return TIMELINE_MAJOR;
	/* do_wp_page() and a private file page's copy: what fork's
	 * sharing and a MAP_PRIVATE file cost when written. */
	if (kind == FAULT_WP_COPY || kind == FAULT_WP_REUSE ||
	    kind == FAULT_WP_ZERO || kind == FAULT_FILE_COW)
		return TIMELINE_COW;
	return TIMELINE_MINOR;
}

static const struct {
	const char *name, *svg_class, *letter, *legend;
	enum canvas_colour fill, ink;
} classes[TIMELINE_CLASSES] = {
	[TIMELINE_MINOR] = { "minor", "fault minor", "m", "minor",
			     CANVAS_ANON, CANVAS_INK },
	[TIMELINE_MAJOR] = { "major", "fault major", "M", "major (disk, swap)",
			     CANVAS_DATA, CANVAS_INK },
	[TIMELINE_COW] = { "cow", "fault cow", "c", "copy-on-write",
			   CANVAS_SHARED, CANVAS_INK },
	[TIMELINE_SIGNAL] = { "signal", "fault signal", "S", "signal",
			      CANVAS_ALERT, CANVAS_PAPER },
	[TIMELINE_KERNEL] = { "kernel", "fault kernel", "K",
			      "kernel: fixup, Oops", CANVAS_KERNEL,
			      CANVAS_INK },
	[TIMELINE_OOM] = { "oom", "fault oom", "O", "OOM kill", CANVAS_STACK,
			   CANVAS_INK },
};

const char *timeline_class_name(enum timeline_class class)
{
	return classes[class].name;
}

/* ---- collecting ---------------------------------------------------------- */

void timeline_init(struct timeline *t)
{
	memset(t, 0, sizeof *t);
}

void timeline_release(struct timeline *t)
{
	free(t->faults);
	free(t->processes);
	free(t->actor);
	timeline_init(t);
}

static int nomem(struct ef_error *err)
{
	return ef_error_set(err, REPLAY_ERR_HOST, ENOMEM, "out of memory");
}

/* ITEMS (of COUNT, SIZE bytes each) with room for one more, zeroed. */
static void *one_more(void *items, size_t count, size_t size)
{
	char *grown = realloc(items, (count + 1) * size);

	if (grown != NULL)
		memset(grown + count * size, 0, size);
	return grown;
}

/* The process PID, added (made in STEP by PARENT) if new; NULL when out
 * of memory. */
static struct timeline_process *process_of(struct timeline *t,
					   const struct replay *r, int pid,
					   int parent, unsigned step)
{
	struct timeline_process *p;

	for (size_t i = 0; i < t->process_count; i++)
		if (t->processes[i].pid == pid)
			return &t->processes[i];
	p = one_more(t->processes, t->process_count, sizeof *p);
	if (p == NULL)
		return NULL;
	t->processes = p;
	p = &p[t->process_count++];
	*p = (struct timeline_process){ .pid = pid, .parent = parent,
					.first = step, .last = step };
	snprintf(p->label, sizeof p->label, "%s", replay_label(r, pid));
	return p;
}

static int add_faults(struct timeline *t, const struct replay_outcome *o,
		      struct ef_error *err)
{
	for (unsigned i = 0; i < o->fault_count; i++) {
		const struct replay_fault *f = &o->faults[i];
		struct timeline_fault *grown = one_more(t->faults,
							t->fault_count,
							sizeof *grown);

		if (grown == NULL)
			return nomem(err);
		t->faults = grown;
		grown[t->fault_count++] = (struct timeline_fault){
			o->number, o->pid,
			timeline_class_of(f->result.kind, f->result.major),
			f->result.kind, f->hw.cr2 };
	}
	return 0;
}

/* Room for step N's actor. */
static int reserve_step(struct timeline *t, unsigned n)
{
	if (n > t->step_capacity) {
		size_t cap = t->step_capacity ? 2 * t->step_capacity : 64;
		int *grown;

		while (cap < n)
			cap *= 2;
		if ((grown = realloc(t->actor, cap * sizeof *grown)) == NULL)
			return -1;
		memset(grown + t->step_capacity, 0,
		       (cap - t->step_capacity) * sizeof *grown);
		t->actor = grown;
		t->step_capacity = cap;
	}
	return 0;
}

int timeline_add(struct timeline *t, const struct replay *r,
		 const struct replay_outcome *o, struct ef_error *err)
{
	struct timeline_process *p = NULL;

	if (o->number == 0 || reserve_step(t, o->number) != 0)
		return o->number == 0 ? 0 : nomem(err);
	if (o->number > t->steps)
		t->steps = o->number;
	t->actor[o->number - 1] = o->pid;
	if ((o->action == REPLAY_FORK || o->action == REPLAY_EXEC) &&
	    o->new_pid > 0 && o->new_pid != o->pid &&
	    process_of(t, r, o->new_pid, o->action == REPLAY_FORK ? o->pid
				       : 0, o->number) == NULL)
		return nomem(err);
	if (o->pid > 0 && (p = process_of(t, r, o->pid, 0, o->number)) == NULL)
		return nomem(err);
	if (p != NULL) {
		p->last = o->number;
		p->ended |= o->action == REPLAY_EXIT || o->killed || o->ended;
	}
	return add_faults(t, o, err);
}

/* ---- drawing ------------------------------------------------------------- */

#define MARGIN 16.0
#define ROW_H 30.0
#define MARK 10.0		/* a fault's marker, square */
#define PLOT_W 720.0		/* the steps' width, at most */

static const struct canvas_font title_font = { 11, true, false };
static const struct canvas_font sans = { 9, false, false };
static const struct canvas_font bold = { 9, true, false };
static const struct canvas_font letter = { 7, true, false };

struct axis {
	double x0, dx;		/* step N at x0 + (N - 1) * dx */
	double y0;		/* the first row's line */
	bool letters;		/* room for a letter in each marker */
};

static double step_x(const struct axis *a, unsigned step)
{
	return a->x0 + (step - 1) * a->dx + a->dx / 2;
}

/* The row of PID (its index in pid order). */
static double row_y(const struct timeline *t, const struct axis *a, int pid)
{
	size_t i = 0;

	while (i < t->process_count && t->processes[i].pid != pid)
		i++;
	return a->y0 + i * ROW_H;
}

/* The legend: a marker and a name for each class, from (X, Y); returns
 * its right end. */
static double draw_legend(struct canvas *c, double x, double y)
{
	for (unsigned k = 0; k < TIMELINE_CLASSES; k++) {
		canvas_box(c, x, y - MARK + 1, MARK, MARK, classes[k].fill,
			   NULL, NULL);
		canvas_text(c, x + MARK / 2, y - 1.5, classes[k].letter,
			    &letter, CANVAS_CENTER, classes[k].ink);
		canvas_text(c, x + MARK + 4, y, classes[k].legend, &sans,
			    CANVAS_LEFT, CANVAS_INK);
		x += MARK + 16 + canvas_text_width(c, classes[k].legend, &sans);
	}
	return x;
}

/* Each process's row: its name, its life as a line, a dot a step it
 * took, and from its parent's row the fork that made it. */
static void draw_rows(struct canvas *c, const struct timeline *t,
		      const struct axis *a)
{
	char text[64];

	for (size_t i = 0; i < t->process_count; i++) {
		const struct timeline_process *p = &t->processes[i];
		double y = a->y0 + i * ROW_H;
		unsigned end = p->ended ? p->last : t->steps;

		snprintf(text, sizeof text, "pid %d %s", p->pid, p->label);
		canvas_text(c, MARGIN, y + 3, text, &bold, CANVAS_LEFT,
			    CANVAS_INK);
		canvas_line(c, step_x(a, p->first), y, step_x(a, end), y, 1,
			    false, CANVAS_MUTED);
		if (p->parent > 0)
			canvas_line(c, step_x(a, p->first), row_y(t, a, p->parent),
				    step_x(a, p->first), y, 0.8, true,
				    CANVAS_MUTED);
		for (unsigned s = p->first; s <= end && a->dx >= 3; s++)
			if (t->actor[s - 1] == p->pid)
				canvas_dot(c, step_x(a, s), y, 1.6, CANVAS_INK);
	}
}

/* Fault F's marker, the K-th of its step, at X on its row. */
static void draw_fault(struct canvas *c, const struct timeline *t,
		       const struct axis *a, const struct timeline_fault *f,
		       unsigned k)
{
	double w = a->dx < MARK ? (a->dx > 3 ? a->dx : 3) : MARK;
	double x = step_x(a, f->step) - w / 2;
	double y = row_y(t, a, f->pid) - MARK / 2 - k * (MARK + 1);
	char title[128];

	snprintf(title, sizeof title, "step %u: pid %d %s at 0x%08" PRIx32,
		 f->step, f->pid, fault_kind_facts(f->kind)->name, f->address);
	canvas_box(c, x, y, w, MARK, classes[f->class].fill,
		   classes[f->class].svg_class, title);
	if (a->letters)
		canvas_text(c, x + w / 2, y + MARK - 2.5,
			    classes[f->class].letter, &letter, CANVAS_CENTER,
			    classes[f->class].ink);
}

/* Every fault; those of one step in one process stacked, three at most,
 * then "+N". */
static void draw_faults(struct canvas *c, const struct timeline *t,
			const struct axis *a)
{
	enum { STACK = 3 };

	for (size_t i = 0; i < t->fault_count;) {
		const struct timeline_fault *f = &t->faults[i];
		size_t n = 0;
		char more[24];

		while (i + n < t->fault_count && t->faults[i + n].step == f->step
		       && t->faults[i + n].pid == f->pid)
			n++;
		for (size_t k = 0; k < n && k < STACK; k++)
			draw_fault(c, t, a, &t->faults[i + k], k);
		if (n > STACK) {
			snprintf(more, sizeof more, "+%zu", n - STACK);
			canvas_text(c, step_x(a, f->step), row_y(t, a, f->pid) -
				    MARK / 2 - STACK * (MARK + 1) - 2, more,
				    &letter, CANVAS_CENTER, CANVAS_INK);
		}
		i += n;
	}
}

/* The steps' axis at Y: a tick and a number every few steps. */
static void draw_axis(struct canvas *c, const struct timeline *t,
		      const struct axis *a, double y)
{
	static const unsigned every[] = { 1, 2, 5, 10, 20, 50, 100, 200, 500,
					  1000, 2000, 5000, 10000, 20000,
					  50000, 100000 };
	unsigned k = 0;
	char text[16];

	while (k + 1 < sizeof every / sizeof every[0] && every[k] * a->dx < 24)
		k++;
	canvas_line(c, a->x0, y, a->x0 + t->steps * a->dx, y, 0.8, false,
		    CANVAS_INK);
	for (unsigned s = 1; s <= t->steps; s++) {
		if (s != 1 && s % every[k] != 0)
			continue;
		canvas_line(c, step_x(a, s), y, step_x(a, s), y + 3, 0.8, false,
			    CANVAS_INK);
		snprintf(text, sizeof text, "%u", s);
		canvas_text(c, step_x(a, s), y + 13, text, &sans, CANVAS_CENTER,
			    CANVAS_INK);
	}
	canvas_text(c, a->x0 + t->steps * a->dx / 2, y + 26, "step", &bold,
		    CANVAS_CENTER, CANVAS_INK);
}

void timeline_picture_draw(struct canvas *canvas, const struct timeline *t,
			   const char *title, double *width, double *height)
{
	double label_w = 0, w, legend_end;
	size_t rows = t->process_count ? t->process_count - 1 : 0;
	struct axis a;
	char text[64];

	for (size_t i = 0; i < t->process_count; i++) {
		snprintf(text, sizeof text, "pid %d %s", t->processes[i].pid,
			 t->processes[i].label);
		if ((w = canvas_text_width(canvas, text, &bold)) > label_w)
			label_w = w;
	}
	/* A long replay is squeezed into PLOT_W: its markers overlap, the
	 * axis numbers thin out. */
	a.dx = t->steps ? PLOT_W / t->steps : PLOT_W;
	a.dx = a.dx > 24 ? 24 : a.dx;
	a.x0 = MARGIN + label_w + 12;
	a.y0 = MARGIN + 76;
	a.letters = a.dx >= MARK;
	canvas_text(canvas, MARGIN, MARGIN + 12, title, &title_font,
		    CANVAS_LEFT, CANVAS_INK);
	legend_end = draw_legend(canvas, MARGIN, MARGIN + 34);
	draw_rows(canvas, t, &a);
	draw_faults(canvas, t, &a);
	draw_axis(canvas, t, &a, a.y0 + rows * ROW_H + 20);
	w = canvas_text_width(canvas, title, &title_font);
	*width = a.x0 + t->steps * a.dx + MARGIN;
	if (w + 2 * MARGIN > *width)
		*width = w + 2 * MARGIN;
	if (legend_end + MARGIN > *width)
		*width = legend_end + MARGIN;
	*height = a.y0 + rows * ROW_H + 20 + 34 + MARGIN;
}
