/* tables_picture.c - page directories, page tables and the frames they
 * map, after a step of a replay (tables_picture.h). */
#include <config.h>

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "machine.h"
#include "process.h"
#include "replay_report.h"
#include "swap.h"
#include "tables_picture.h"

/* ---- taking a panel ------------------------------------------------------ */

/* The step's line as the text report starts it: "step 3 (line 16): pid
 * 1 parent: fork: pid 2". */
static void caption_of(struct tables_panel *p, const struct replay *r,
		       const struct replay_outcome *o)
{
	char *text = NULL;
	size_t size = 0;
	FILE *out = open_memstream(&text, &size);

	snprintf(p->caption, sizeof p->caption, "after step %u", o->number);
	if (out == NULL)
		return;
	replay_report_text_step(out, r, o, 0);
	if (fclose(out) == 0 && text != NULL)
		snprintf(p->caption, sizeof p->caption, "after %.*s",
			 (int)strcspn(text, "\n"), text);
	free(text);
}

static int take_process(struct tables_panel *p, struct replay *r,
			const struct process *proc, struct ef_error *err)
{
	struct tables_process *grown = realloc(p->processes,
					       (p->process_count + 1) *
					       sizeof *grown);
	struct tables_process *t;

	if (grown == NULL)
		return ef_error_set(err, REPLAY_ERR_HOST, ENOMEM,
				    "out of memory");
	p->processes = grown;
	t = memset(&grown[p->process_count++], 0, sizeof *t);
	t->pid = proc->pid;
	snprintf(t->label, sizeof t->label, "%s", replay_label(r, proc->pid));
	return replay_view(r, proc->pid, VIEW_ENTRIES, &t->view, err);
}

int tables_panel_take(struct tables_panel *p, struct replay *r,
		      const struct replay_outcome *o, struct ef_error *err)
{
	const struct machine *m = replay_machine(r);

	memset(p, 0, sizeof *p);
	if (o != NULL)
		caption_of(p, r, o);
	for (unsigned i = 0; m != NULL && i < m->process_count; i++)
		if (m->processes[i]->alive &&
		    take_process(p, r, m->processes[i], err) != 0)
			return -1;
	return replay_view(r, 0, VIEW_FRAMES, &p->frames, err);
}

void tables_panel_release(struct tables_panel *p)
{
	for (size_t i = 0; i < p->process_count; i++)
		view_release(&p->processes[i].view);
	free(p->processes);
	view_release(&p->frames);
	memset(p, 0, sizeof *p);
}

/* ---- the layout ---------------------------------------------------------- */

#define ROW 14.0		/* a table row */
#define PAD 5.0			/* text inside a box */
#define ARROWS 48.0		/* between two columns, for the arrows */
#define FRAME_H 26.0		/* a frame: two lines */
#define TAG_W 22.0		/* a PTE's "ro"/"rw" at its row's end */

static const struct canvas_font mono = { 8.5, false, true };
static const struct canvas_font mono_bold = { 8.5, true, true };
static const struct canvas_font head = { 10, true, false };
static const struct canvas_font note = { 8, false, false };
static const struct canvas_font caption_font = { 11, true, false };

/* An arrow to draw once the frames are placed: from a PTE row to PFN. */
struct link {
	double x, y;
	uint32_t pfn;
	bool read_only;
	char title[64];		/* "pid 1 pte[73] -> frame 0x19" */
};

/* One panel being drawn. */
struct layout {
	struct canvas *c;
	const struct tables_panel *panel;
	double x_pd, x_pt, x_frames;	/* the columns */
	double w_pd, w_pt, w_frames;
	double y;			/* the next process's top */
	struct link links[512];		/* what fits; the rest go unlinked */
	size_t link_count;
};

static const struct view_frame *frame_of(const struct view *frames,
					 uint32_t pfn)
{
	size_t lo = 0, hi = frames->frame_count;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (frames->frames[mid].pfn == pfn)
			return &frames->frames[mid];
		if (frames->frames[mid].pfn < pfn)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* A PTE row's text: "pte[73] 08049000 P US A D", or its swap entry. */
static void pte_text(const struct view_entry *e, char *buf, size_t size)
{
	char bits[64];

	if (pte_is_swap(e->value))
		snprintf(buf, size, "pte[%u] %08" PRIx32 " swap slot %" PRIu32,
			 e->index, e->address, swap_pte_offset(e->value));
	else
		snprintf(buf, size, "pte[%u] %08" PRIx32 " %s", e->index,
			 e->address, pte_describe(e->value, false, bits,
						  sizeof bits));
}

static void pde_text(const struct view_entry *e, char *buf, size_t size)
{
	snprintf(buf, size, "pde[%u] %08" PRIx32 "%s", e->index, e->address,
		 (e->value & PTE_PS) ? " 4M page" : "");
}

/* The widest entry of the panel, PDEs and PTEs apart. */
static void measure_entries(struct layout *l)
{
	char text[96];

	for (size_t i = 0; i < l->panel->process_count; i++) {
		const struct view *v = &l->panel->processes[i].view;

		for (size_t j = 0; j < v->entry_count; j++) {
			const struct view_entry *e = &v->entries[j];
			double *w = e->is_pde ? &l->w_pd : &l->w_pt;
			double tw;

			if (e->is_pde)
				pde_text(e, text, sizeof text);
			else
				pte_text(e, text, sizeof text);
			tw = canvas_text_width(l->c, text, &mono) + 2 * PAD +
			     (e->is_pde ? 0 : TAG_W);
			if (tw > *w)
				*w = tw;
		}
	}
}

/* Column widths and places, from the panel's longest texts. */
static void measure(struct layout *l, double x0)
{
	const struct view *f = &l->panel->frames;
	double tw;

	l->w_pd = canvas_text_width(l->c, "page directory 0x0000", &note) +
		  2 * PAD;
	l->w_pt = canvas_text_width(l->c, "page table 0x00000", &note) +
		  2 * PAD;
	l->w_frames = canvas_text_width(l->c, "frame 0x00000 map 00", &mono) +
		      2 * PAD;
	measure_entries(l);
	for (size_t i = 0; i < f->frame_count; i++)
		if (f->frames[i].mapper_count > 0 &&
		    (tw = canvas_text_width(l->c, f->frames[i].what, &note) +
			  2 * PAD) > l->w_frames)
			l->w_frames = tw;
	l->x_pd = x0;
	l->x_pt = l->x_pd + l->w_pd + ARROWS;
	l->x_frames = l->x_pt + l->w_pt + ARROWS;
}

/* ---- drawing a process --------------------------------------------------- */

/* PTE row E of pid PID at Y, and its link to the frame it maps. */
static void draw_pte(struct layout *l, int pid, const struct view_entry *e,
		     double y)
{
	bool present = pte_present(e->value);
	bool read_only = present && !(e->value & PTE_RW);
	char text[96], title[160];

	pte_text(e, text, sizeof text);
	snprintf(title, sizeof title, "pid %d %s", pid, text);
	if (present)
		snprintf(title + strlen(title), sizeof title - strlen(title),
			 " -> frame %#" PRIx32 " %s", pte_pfn(e->value),
			 read_only ? "ro" : "rw");
	canvas_box(l->c, l->x_pt, y, l->w_pt, ROW, CANVAS_PAPER, "pte", title);
	canvas_text(l->c, l->x_pt + PAD, y + ROW - 4, text, &mono, CANVAS_LEFT,
		    CANVAS_INK);
	if (!present)
		return;
	/* The bit copy-on-write turns on: RW clear in a writable VMA. */
	canvas_text(l->c, l->x_pt + l->w_pt - PAD, y + ROW - 4,
		    read_only ? "ro" : "rw", read_only ? &mono_bold : &mono,
		    CANVAS_RIGHT, read_only ? CANVAS_ALERT : CANVAS_MUTED);
	if (l->link_count < sizeof l->links / sizeof l->links[0]) {
		struct link *k = &l->links[l->link_count++];

		*k = (struct link){ l->x_pt + l->w_pt, y + ROW / 2,
				    pte_pfn(e->value), read_only, "" };
		snprintf(k->title, sizeof k->title, "pid %d pte[%u] -> frame "
			 "%#" PRIx32, pid, e->index, k->pfn);
	}
}

/* A box's header row: "page table 0x18" at (X, Y), W wide. */
static void draw_header_row(struct layout *l, double x, double y, double w,
			    const char *class, const char *text)
{
	canvas_box(l->c, x, y, w, ROW, CANVAS_KERNEL, class, text);
	canvas_text(l->c, x + PAD, y + ROW - 4, text, &note, CANVAS_LEFT,
		    CANVAS_INK);
}

/* The page table under the PDE at ENTRIES[*I], from Y: its PTE rows while
 * *SHOWN is below the cap (*HIDDEN counts the rest).  Leaves *I on the
 * next PDE; returns the table's bottom. */
static double draw_table(struct layout *l, const struct tables_process *p,
			 size_t *i, double y, unsigned *shown,
			 unsigned *hidden)
{
	const struct view *v = &p->view;
	char text[64];

	snprintf(text, sizeof text, "page table %#" PRIx32,
		 pte_pfn(v->entries[*i].value));
	draw_header_row(l, l->x_pt, y, l->w_pt, "page-table", text);
	y += ROW;
	for ((*i)++; *i < v->entry_count && !v->entries[*i].is_pde; (*i)++) {
		if (*shown == TABLES_PICTURE_MAX_PTES) {
			(*hidden)++;
			continue;
		}
		draw_pte(l, p->pid, &v->entries[*i], y);
		(*shown)++;
		y += ROW;
	}
	return y;
}

/* PDE row E of pid PID at Y. */
static void draw_pde(struct layout *l, int pid, const struct view_entry *e,
		     double y)
{
	char text[64], title[128];

	pde_text(e, text, sizeof text);
	snprintf(title, sizeof title, "pid %d %s -> %s %#" PRIx32, pid, text,
		 (e->value & PTE_PS) ? "frame" : "page table",
		 pte_pfn(e->value));
	canvas_box(l->c, l->x_pd, y, l->w_pd, ROW, CANVAS_PAPER, "pde", title);
	canvas_text(l->c, l->x_pd + PAD, y + ROW - 4, text, &mono, CANVAS_LEFT,
		    CANVAS_INK);
}

/* The process's name over its page directory. */
static void draw_process_header(struct layout *l,
				const struct tables_process *p)
{
	char text[64];

	snprintf(text, sizeof text, "pid %d %s", p->pid, p->label);
	canvas_text(l->c, l->x_pd, l->y + 10, text, &head, CANVAS_LEFT,
		    CANVAS_INK);
	snprintf(text, sizeof text, "page directory %#" PRIx32,
		 p->view.cr3 >> PAGE_SHIFT);
	draw_header_row(l, l->x_pd, l->y + 16, l->w_pd, "page-directory",
			text);
}

/* Process P's page directory and tables from L->y; moves L->y below. */
static void draw_process(struct layout *l, const struct tables_process *p)
{
	const struct view *v = &p->view;
	double y_pd, y_pt, top;
	unsigned shown = 0, hidden = 0;
	char text[64];
	size_t i = 0;

	draw_process_header(l, p);
	top = l->y + 16;
	y_pd = y_pt = top + ROW;
	while (i < v->entry_count) {
		const struct view_entry *e = &v->entries[i];

		draw_pde(l, p->pid, e, y_pd);
		if (e->value & PTE_PS) {
			i++;
		} else {
			canvas_arrow(l->c, l->x_pd + l->w_pd, y_pd + ROW / 2,
				     l->x_pt, y_pt + ROW / 2, CANVAS_INK);
			y_pt = draw_table(l, p, &i, y_pt, &shown, &hidden) + 8;
		}
		y_pd += ROW;
	}
	if (hidden > 0) {
		snprintf(text, sizeof text, "... %u more PTEs", hidden);
		canvas_text(l->c, l->x_pt, y_pt + 6, text, &note, CANVAS_LEFT,
			    CANVAS_MUTED);
		y_pt += ROW;
	}
	l->y = (y_pd > y_pt ? y_pd : y_pt) + 18;
}

/* ---- the frames ---------------------------------------------------------- */

/* A frame's box: its place, and the arrows into it (drawn, to come). */
struct placed {
	uint32_t pfn;
	double y;
	unsigned arrows, drawn;
};

static enum canvas_colour frame_colour(const struct view_frame *f)
{
	if (f->mapper_count > 1)
		return CANVAS_SHARED;
	switch (f->kind) {
	case FRAME_PAGE_CACHE:
		return CANVAS_FILE;
	case FRAME_ZERO:
		return CANVAS_MUTED;
	default:
		return CANVAS_ANON;
	}
}

static void draw_frame(struct layout *l, uint32_t pfn, double y)
{
	const struct view_frame *f = frame_of(&l->panel->frames, pfn);
	char text[48], title[192];

	snprintf(text, sizeof text, "frame %#" PRIx32 "  map %" PRIu32, pfn,
		 f ? f->mapcount : 0);
	snprintf(title, sizeof title, "frame %#" PRIx32 " ref %" PRIu32
		 " map %" PRIu32 "%s: %s", pfn, f ? f->refcount : 0,
		 f ? f->mapcount : 0, f && f->mapper_count > 1 ? " shared" : "",
		 f ? f->what : "?");
	canvas_box(l->c, l->x_frames, y, l->w_frames, FRAME_H,
		   f ? frame_colour(f) : CANVAS_PAPER, "frame", title);
	canvas_text(l->c, l->x_frames + PAD, y + 11, text, &mono_bold,
		    CANVAS_LEFT, CANVAS_INK);
	canvas_text(l->c, l->x_frames + PAD, y + 22, f ? f->what : "",
		    &note, CANVAS_LEFT, CANVAS_INK);
}

/* Each frame a link points at, once, in the order the links were made,
 * as near its first link's row as the frames above it allow.  Returns
 * the column's bottom. */
static double place_frames(struct layout *l, struct placed *placed,
			   size_t *count, double top)
{
	double bottom = top;

	*count = 0;
	for (size_t i = 0; i < l->link_count; i++) {
		size_t j = 0;

		while (j < *count && placed[j].pfn != l->links[i].pfn)
			j++;
		if (j == *count) {
			double y = l->links[i].y - FRAME_H / 2;

			placed[j] = (struct placed){ l->links[i].pfn,
						     y > bottom ? y : bottom,
						     0, 0 };
			bottom = placed[j].y + FRAME_H + 6;
			(*count)++;
		}
		placed[j].arrows++;
	}
	return bottom;
}

/* The arrows from the PTEs to their frames, spread over each frame's
 * left side; a read-only PTE's dashed. */
static void draw_links(struct layout *l, struct placed *placed, size_t count)
{
	for (size_t i = 0; i < l->link_count; i++) {
		const struct link *k = &l->links[i];
		struct placed *p = placed;
		double y, x_end = l->x_frames;

		while (p < placed + count && p->pfn != k->pfn)
			p++;
		y = p->y + FRAME_H * (++p->drawn) / (p->arrows + 1);
		canvas_link(l->c, k->x, k->y, x_end, y, k->read_only,
			    CANVAS_INK, "link", k->title);
	}
}

/* The frames' column from TOP; returns its bottom. */
static double draw_frames(struct layout *l, double top)
{
	struct placed placed[sizeof l->links / sizeof l->links[0]];
	size_t count;
	double bottom = place_frames(l, placed, &count, top);

	for (size_t i = 0; i < count; i++)
		draw_frame(l, placed[i].pfn, placed[i].y);
	draw_links(l, placed, count);
	return bottom;
}

/* ---- the panels ---------------------------------------------------------- */

/* Panel P from (X0, Y0); its size into *W and *H. */
static void draw_panel(struct canvas *c, const struct tables_panel *p,
		       double x0, double y0, double *w, double *h)
{
	static struct layout l;	/* its links are many for the stack */
	double top, bottom;

	memset(&l, 0, sizeof l);
	l.c = c;
	l.panel = p;
	measure(&l, x0);
	canvas_text(c, x0, y0 + 12, p->caption, &caption_font, CANVAS_LEFT,
		    CANVAS_INK);
	canvas_text(c, l.x_frames, y0 + 34, "frames", &head, CANVAS_LEFT,
		    CANVAS_INK);
	l.y = top = y0 + 24;
	for (size_t i = 0; i < p->process_count; i++)
		draw_process(&l, &p->processes[i]);
	bottom = draw_frames(&l, top + 16 + ROW);
	*w = l.x_frames + l.w_frames - x0;
	if (canvas_text_width(c, p->caption, &caption_font) > *w)
		*w = canvas_text_width(c, p->caption, &caption_font);
	*h = (bottom > l.y ? bottom : l.y) - y0;
}

/* What the colours and marks say, from (X, Y); returns its right end. */
static double draw_legend(struct canvas *c, double x, double y)
{
	static const char shared[] = "a frame more than one PTE maps";
	static const char ro[] = "a read-only PTE (RW = 0): its arrow dashed";

	canvas_box(c, x, y - 9, 18, 11, CANVAS_SHARED, NULL, NULL);
	canvas_text(c, x + 24, y, shared, &note, CANVAS_LEFT, CANVAS_INK);
	x += 24 + canvas_text_width(c, shared, &note) + 18;
	canvas_text(c, x, y, "ro", &mono_bold, CANVAS_LEFT, CANVAS_ALERT);
	x += canvas_text_width(c, "ro", &mono_bold) + 6;
	canvas_text(c, x, y, ro, &note, CANVAS_LEFT, CANVAS_INK);
	return x + canvas_text_width(c, ro, &note);
}

void tables_picture_draw(struct canvas *canvas,
			 const struct tables_panel *panels, size_t count,
			 double *width, double *height)
{
	const double margin = 12, between = 36;
	double x = margin, h_max = 0, legend_end;

	for (size_t i = 0; i < count; i++) {
		double w, h;

		draw_panel(canvas, &panels[i], x, margin, &w, &h);
		if (i + 1 < count)
			canvas_line(canvas, x + w + between / 2, margin,
				    x + w + between / 2, margin + h, 0.5, true,
				    CANVAS_MUTED);
		x += w + between;
		if (h > h_max)
			h_max = h;
	}
	legend_end = draw_legend(canvas, margin, margin + h_max + 14);
	*width = x - between + margin;
	if (legend_end + margin > *width)
		*width = legend_end + margin;
	*height = h_max + 14 + 2 * margin;
}
