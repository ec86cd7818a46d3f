/* policy_plot.c - faults per memory size under each policy, drawn
 * (policy_plot.h). */
#include <config.h>

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "policy_plot.h"
#include "text.h"

#define MARGIN 16.0
#define PLOT_W 170.0		/* a policy's plot area */
#define PLOT_H 150.0
#define AXIS_W 34.0		/* the y labels, left of each plot */
#define GAP 22.0		/* between two plots */
#define POINT 5.0		/* a run's square */

static const struct canvas_font title_font = { 11, true, false };
static const struct canvas_font bold = { 9.5, true, false };
static const struct canvas_font sans = { 8, false, false };
static const struct canvas_font small = { 7, false, false };

/* One policy's plot area and the scales all of them share. */
struct plot {
	const struct replay_comparison *c;
	unsigned policy;
	double x0, bottom;	/* the plot area's left and bottom */
	uint64_t y_max, y_step;	/* faults at the top, between ticks */
	uint64_t f_min, f_max;	/* frames at the left and right ends */
};

static double x_of(const struct plot *p, unsigned i)
{
	uint64_t f = p->c->sizes[i] / PAGE_SIZE;

	if (p->f_max == p->f_min)
		return p->x0 + PLOT_W / 2;
	return p->x0 + 8 + (double)(f - p->f_min) / (p->f_max - p->f_min) *
	       (PLOT_W - 16);
}

static double y_of(const struct plot *p, uint64_t faults)
{
	return p->bottom - (double)faults / p->y_max * PLOT_H;
}

static bool run_ok(const struct replay_totals *t)
{
	return t->end == REPLAY_END_OK;
}

/* The y scale: a tick every 1, 2 or 5 times a power of ten, four or
 * five of them up to the most faults any run took. */
static void y_scale(struct plot *p)
{
	uint64_t most = 1, step = 1;

	for (unsigned k = 0; k < POLICY_COUNT; k++)
		for (unsigned i = 0; i < p->c->size_count; i++)
			if (run_ok(&p->c->runs[k][i]) &&
			    p->c->runs[k][i].vmstat.pgfault > most)
				most = p->c->runs[k][i].vmstat.pgfault;
	for (;; step *= 10) {
		if (step * 5 >= most)
			break;
		if (step * 2 * 5 >= most) {
			step *= 2;
			break;
		}
		if (step * 5 * 5 >= most) {
			step *= 5;
			break;
		}
	}
	p->y_step = step;
	p->y_max = (most + step - 1) / step * step;
}

/* SIZE as the table writes it: "108K". */
static const char *size_text(uint64_t size, char *buf, size_t n)
{
	struct text t;

	text_init(&t, buf, n);
	text_size(&t, size);
	return buf;
}

/* The axes, the grid and the ticks of P's plot. */
static void draw_axes(struct canvas *c, const struct plot *p)
{
	const unsigned every = (p->c->size_count + 5) / 6;
	char text[32];

	for (uint64_t v = 0; v <= p->y_max; v += p->y_step) {
		canvas_line(c, p->x0, y_of(p, v), p->x0 + PLOT_W, y_of(p, v),
			    0.3, false, CANVAS_MUTED);
		snprintf(text, sizeof text, "%" PRIu64, v);
		canvas_text(c, p->x0 - 4, y_of(p, v) + 3, text, &sans,
			    CANVAS_RIGHT, CANVAS_INK);
	}
	canvas_line(c, p->x0, p->bottom, p->x0 + PLOT_W, p->bottom, 0.8,
		    false, CANVAS_INK);
	canvas_line(c, p->x0, p->bottom, p->x0, p->bottom - PLOT_H, 0.8,
		    false, CANVAS_INK);
	for (unsigned i = 0; i < p->c->size_count; i += every) {
		double x = x_of(p, i);

		canvas_line(c, x, p->bottom, x, p->bottom + 3, 0.8, false,
			    CANVAS_INK);
		snprintf(text, sizeof text, "%" PRIu64,
			 replay_compare_frames_left(p->c, i));
		canvas_text(c, x, p->bottom + 12, text, &sans, CANVAS_CENTER,
			    CANVAS_INK);
		canvas_text(c, x, p->bottom + 21, size_text(p->c->sizes[i],
							    text, sizeof text),
			    &small, CANVAS_CENTER, CANVAS_MUTED);
	}
}

/* Run I of P's policy: a square at its faults (hollow when the OOM
 * killer ran), or an x (a step failed) or - (memory ran out) on the
 * axis. */
static void draw_run(struct canvas *c, const struct plot *p, unsigned i)
{
	const struct replay_totals *t = &p->c->runs[p->policy][i];
	const char *name = replacement_policy_name(p->policy);
	char title[128], size[32];
	double x = x_of(p, i);

	size_text(p->c->sizes[i], size, sizeof size);
	if (!run_ok(t)) {
		snprintf(title, sizeof title, "%s %s: %s", name, size,
			 t->end == REPLAY_END_EXHAUSTED ? "memory ran out"
							: "a step failed");
		canvas_box(c, x - POINT / 2, p->bottom - POINT - 1, POINT,
			   POINT, CANVAS_PAPER, "failed", title);
		canvas_text(c, x, p->bottom - 2, t->end == REPLAY_END_EXHAUSTED
			    ? "-" : "x", &bold, CANVAS_CENTER, CANVAS_ALERT);
		return;
	}
	snprintf(title, sizeof title, "%s %s (%" PRIu64 " frames left): %"
		 PRIu64 " faults%s", name, size,
		 replay_compare_frames_left(p->c, i), t->vmstat.pgfault,
		 t->vmstat.oom_kill ? ", the OOM killer ran" : "");
	canvas_box(c, x - POINT / 2, y_of(p, t->vmstat.pgfault) - POINT / 2,
		   POINT, POINT, t->vmstat.oom_kill ? CANVAS_PAPER : CANVAS_INK,
		   "run", title);
}

/* Belady's anomaly between runs I - 1 and I: the segment in the alert
 * colour and a label over it. */
static void draw_anomaly(struct canvas *c, const struct plot *p, unsigned i)
{
	const struct replay_totals *a = &p->c->runs[p->policy][i - 1];
	const struct replay_totals *b = &p->c->runs[p->policy][i];
	double xa = x_of(p, i - 1), xb = x_of(p, i);
	double ya = y_of(p, a->vmstat.pgfault), yb = y_of(p, b->vmstat.pgfault);
	char title[160], small_size[32], large_size[32], label[48];
	double w;

	canvas_line(c, xa, ya, xb, yb, 2.2, false, CANVAS_ALERT);
	canvas_dot(c, xb, yb, 4.5, CANVAS_ALERT);
	snprintf(title, sizeof title, "%s: Belady's anomaly: %" PRIu64
		 " faults with %s, %" PRIu64 " with %s",
		 replacement_policy_name(p->policy), a->vmstat.pgfault,
		 size_text(p->c->sizes[i - 1], small_size, sizeof small_size),
		 b->vmstat.pgfault,
		 size_text(p->c->sizes[i], large_size, sizeof large_size));
	snprintf(label, sizeof label, "Belady: %s", large_size);
	w = canvas_text_width(c, label, &sans) + 6;
	if (yb - 22 < p->bottom - PLOT_H)	/* no room above: below */
		yb += 30;
	canvas_box(c, xb - w / 2, yb - 22, w, 12, CANVAS_PAPER, "anomaly",
		   title);
	canvas_text(c, xb, yb - 13, label, &sans, CANVAS_CENTER, CANVAS_ALERT);
}

/* P's plot: its name, axes, the line through its runs, the runs, the
 * anomalies over them. */
static void draw_policy(struct canvas *c, const struct plot *p)
{
	const struct replay_totals *runs = p->c->runs[p->policy];

	canvas_text(c, p->x0 + PLOT_W / 2, p->bottom - PLOT_H - 10,
		    replacement_policy_name(p->policy), &bold, CANVAS_CENTER,
		    CANVAS_INK);
	draw_axes(c, p);
	for (unsigned i = 1; i < p->c->size_count; i++)
		if (run_ok(&runs[i - 1]) && run_ok(&runs[i]))
			canvas_line(c, x_of(p, i - 1),
				    y_of(p, runs[i - 1].vmstat.pgfault),
				    x_of(p, i), y_of(p, runs[i].vmstat.pgfault),
				    1, false, CANVAS_INK);
	for (unsigned i = 1; i < p->c->size_count; i++)
		if (replay_compare_anomaly(p->c, p->policy, i))
			draw_anomaly(c, p, i);
	for (unsigned i = 0; i < p->c->size_count; i++)
		draw_run(c, p, i);
}

static bool any_failed(const struct replay_comparison *c)
{
	for (unsigned p = 0; p < POLICY_COUNT; p++)
		for (unsigned i = 0; i < c->size_count; i++)
			if (!run_ok(&c->runs[p][i]))
				return true;
	return false;
}

/* The anomalies in words, and what the marks mean, from Y; returns the
 * bottom and the widest line's width in *W. */
static double draw_notes(struct canvas *c, const struct replay_comparison *cmp,
			 double y, double *w)
{
	static const char legend[] = "along x: the frames left to the "
		"processes, and the memory; a square is a run (hollow: the OOM "
		"killer ran); on the axis, x: a step failed, -: memory ran out";
	char line[160], a[32], b[32];
	unsigned found = 0;

	*w = canvas_text_width(c, legend, &sans);
	canvas_text(c, MARGIN, y, legend, &sans, CANVAS_LEFT, CANVAS_MUTED);
	for (unsigned p = 0; p < POLICY_COUNT; p++)
		for (unsigned i = 1; i < cmp->size_count; i++) {
			if (!replay_compare_anomaly(cmp, p, i))
				continue;
			snprintf(line, sizeof line, "%s: Belady's anomaly: %"
				 PRIu64 " faults with %s, %" PRIu64 " with %s",
				 replacement_policy_name(p),
				 cmp->runs[p][i - 1].vmstat.pgfault,
				 size_text(cmp->sizes[i - 1], a, sizeof a),
				 cmp->runs[p][i].vmstat.pgfault,
				 size_text(cmp->sizes[i], b, sizeof b));
			canvas_text(c, MARGIN, y += 14, line, &bold,
				    CANVAS_LEFT, CANVAS_ALERT);
			found++;
		}
	if (found == 0)
		canvas_text(c, MARGIN, y += 14, "no anomaly: more memory never "
			    "took more faults", &sans, CANVAS_LEFT, CANVAS_INK);
	if (cmp->swap == 0 && any_failed(cmp))	/* as the table says it */
		canvas_text(c, MARGIN, y += 14, "with no swap, anonymous pages "
			    "cannot be reclaimed: try --swap=SIZE", &sans,
			    CANVAS_LEFT, CANVAS_INK);
	return y;
}

void policy_plot_draw(struct canvas *canvas, const char *script,
		      const struct replay_comparison *c, double *width,
		      double *height)
{
	struct plot p = { .c = c, .bottom = MARGIN + 44 + PLOT_H };
	char title[512], swap[32];
	double notes_w, bottom;

	y_scale(&p);
	p.f_min = c->size_count ? c->sizes[0] / PAGE_SIZE : 0;
	p.f_max = c->size_count ? c->sizes[c->size_count - 1] / PAGE_SIZE : 0;
	snprintf(title, sizeof title, "%s: page faults per memory size and "
		 "policy, %s%s", script, c->swap ? "swap " : "no swap",
		 c->swap ? size_text(c->swap, swap, sizeof swap) : "");
	canvas_text(canvas, MARGIN, MARGIN + 12, title, &title_font,
		    CANVAS_LEFT, CANVAS_INK);
	for (p.policy = 0; p.policy < POLICY_COUNT; p.policy++) {
		p.x0 = MARGIN + AXIS_W + p.policy * (AXIS_W + PLOT_W + GAP);
		draw_policy(canvas, &p);
	}
	bottom = draw_notes(canvas, c, p.bottom + 40, &notes_w);
	*width = MARGIN + POLICY_COUNT * (AXIS_W + PLOT_W + GAP) - GAP + MARGIN;
	if (canvas_text_width(canvas, title, &title_font) + 2 * MARGIN > *width)
		*width = canvas_text_width(canvas, title, &title_font) +
			 2 * MARGIN;
	*height = bottom + MARGIN;
}
