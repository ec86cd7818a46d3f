/* replay_picture.c - a picture of a replay, chosen by name and gathered
 * as the steps run (replay_picture.h). */
#include <config.h>

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "replay_picture.h"
#include "tables_picture.h"
#include "timeline_picture.h"
#include "walk_picture.h"

/* ---- the name ------------------------------------------------------------ */

#define PICTURES "timeline, tables[:STEP[,STEP...]] or walk[:STEP[.FAULT]]"

static int bad_spec(struct ef_error *err, const char *text, const char *why)
{
	return ef_error_set(err, REPLAY_PICTURE_ERR_SPEC, 0, "%s: %s", text,
			    why);
}

/* A step or fault number at *AT (1 to UINT_MAX), *AT moved past it. */
static int parse_number(const char **at, unsigned *n)
{
	char *end;
	unsigned long value;

	if (**at < '0' || **at > '9')
		return -1;
	errno = 0;
	value = strtoul(*at, &end, 10);
	if (errno != 0 || value == 0 || value > UINT_MAX)
		return -1;
	*n = (unsigned)value;
	*at = end;
	return 0;
}

/* "3,6": the steps of a tables picture. */
static int parse_steps(const char *text, const char *at,
		       struct replay_picture_spec *spec, struct ef_error *err)
{
	do {
		if (spec->step_count == REPLAY_PICTURE_MAX_PANELS)
			return bad_spec(err, text, "at most 4 steps");
		if (parse_number(&at, &spec->steps[spec->step_count++]) != 0)
			return bad_spec(err, text, "a step is a number from 1");
	} while (*at++ == ',');
	if (at[-1] != '\0')
		return bad_spec(err, text, "steps are numbers with commas "
				"between them");
	return 0;
}

/* "6" or "6.2": the step and fault of a walk. */
static int parse_walk(const char *text, const char *at,
		      struct replay_picture_spec *spec, struct ef_error *err)
{
	spec->step_count = 1;
	if (parse_number(&at, &spec->steps[0]) != 0)
		return bad_spec(err, text, "a step is a number from 1");
	if (*at == '.' && (at++, parse_number(&at, &spec->fault) != 0))
		return bad_spec(err, text, "a fault is a number from 1");
	if (*at != '\0')
		return bad_spec(err, text, "walk:STEP or walk:STEP.FAULT");
	return 0;
}

int replay_picture_parse(const char *text, struct replay_picture_spec *spec,
			 struct ef_error *err)
{
	memset(spec, 0, sizeof *spec);
	spec->fault = 1;
	if (strcmp(text, "timeline") == 0)
		return 0;
	if (strcmp(text, "tables") == 0 || strncmp(text, "tables:", 7) == 0) {
		spec->kind = REPLAY_PICTURE_TABLES;
		return text[6] ? parse_steps(text, text + 7, spec, err) : 0;
	}
	if (strcmp(text, "walk") == 0 || strncmp(text, "walk:", 5) == 0) {
		spec->kind = REPLAY_PICTURE_WALK;
		return text[4] ? parse_walk(text, text + 5, spec, err) : 0;
	}
	return bad_spec(err, text, "not one of " PICTURES);
}

/* ---- gathering ----------------------------------------------------------- */

struct replay_picture {
	struct replay_picture_spec spec;
	char title[PATH_MAX + 64];
	unsigned last_step;		/* the last step run */
	struct timeline timeline;
	struct tables_panel panels[REPLAY_PICTURE_MAX_PANELS];
	bool taken[REPLAY_PICTURE_MAX_PANELS];
	size_t panel_count;
	struct tables_panel alive;	/* after the last step that left a
					 * process alive, for want of show: */
	bool alive_taken;
	struct walk_fault walk;
	bool walk_seen;			/* the walk's step ran */
	unsigned walk_faults;		/* with this many faults */
	bool walk_taken;		/* and the fault named was taken */
};

struct replay_picture *replay_picture_new(const struct replay_picture_spec *spec,
					  const char *script,
					  struct ef_error *err)
{
	struct replay_picture *p = calloc(1, sizeof *p);

	if (p == NULL) {
		ef_error_set(err, REPLAY_PICTURE_ERR_NOMEM, ENOMEM,
			     "out of memory");
		return NULL;
	}
	p->spec = *spec;
	snprintf(p->title, sizeof p->title, "%s: page faults by step and "
		 "process", script);
	timeline_init(&p->timeline);
	p->panel_count = spec->step_count;
	return p;
}

/* tables without steps or show: steps so far: the panel after STEP O
 * if it left a process alive (the last such is drawn: after the last
 * step every process may have exited). */
static int alive_step(struct replay_picture *p, struct replay *r,
		      const struct replay_outcome *o, struct ef_error *err)
{
	struct tables_panel panel;

	if (tables_panel_take(&panel, r, o, err) != 0) {
		tables_panel_release(&panel);
		return -1;
	}
	if (panel.process_count == 0) {
		tables_panel_release(&panel);
		return 0;
	}
	if (p->alive_taken)
		tables_panel_release(&p->alive);
	p->alive = panel;
	p->alive_taken = true;
	return 0;
}

/* tables: a panel after each step named, or each show: step. */
static int tables_step(struct replay_picture *p, struct replay *r,
		       const struct replay_outcome *o, struct ef_error *err)
{
	if (p->spec.step_count == 0) {
		if (o->action != REPLAY_SHOW)
			return p->panel_count == 0 ? alive_step(p, r, o, err)
						   : 0;
		if (p->panel_count == REPLAY_PICTURE_MAX_PANELS)
			return 0;
		p->taken[p->panel_count] = true;
		return tables_panel_take(&p->panels[p->panel_count++], r, o,
					 err);
	}
	for (unsigned i = 0; i < p->spec.step_count; i++)
		if (p->spec.steps[i] == o->number && !p->taken[i]) {
			p->taken[i] = true;
			if (tables_panel_take(&p->panels[i], r, o, err) != 0)
				return -1;
		}
	return 0;
}

/* walk: the fault named, or the replay's first. */
static void walk_step(struct replay_picture *p, const struct replay *r,
		      const struct replay_outcome *o)
{
	if (p->walk_seen || (p->spec.step_count == 0 ? o->fault_count == 0
			     : o->number != p->spec.steps[0]))
		return;
	p->walk_seen = true;
	p->walk_faults = o->fault_count;
	if (p->spec.step_count == 0)
		p->spec.steps[0] = o->number;
	p->walk_taken = walk_fault_take(&p->walk, r, o, p->spec.fault) == 0;
}

int replay_picture_step(struct replay_picture *p, struct replay *r,
			const struct replay_outcome *o, struct ef_error *err)
{
	p->last_step = o->number;
	switch (p->spec.kind) {
	case REPLAY_PICTURE_TIMELINE:
		return timeline_add(&p->timeline, r, o, err);
	case REPLAY_PICTURE_TABLES:
		return tables_step(p, r, o, err);
	case REPLAY_PICTURE_WALK:
		walk_step(p, r, o);
		return 0;
	}
	return 0;
}

/* ---- finishing ----------------------------------------------------------- */

static int no_step(struct ef_error *err, unsigned step, unsigned last)
{
	return ef_error_set(err, REPLAY_PICTURE_ERR_STEP, 0, "step %u: the "
			    "replay ran %u step%s", step, last,
			    last == 1 ? "" : "s");
}

/* tables: every step named was run; without steps and show: steps, the
 * machine after the last step that left a process alive, or as the last
 * step left it. */
static int tables_finish(struct replay_picture *p, struct replay *r,
			 struct ef_error *err)
{
	for (unsigned i = 0; i < p->spec.step_count; i++)
		if (!p->taken[i])
			return no_step(err, p->spec.steps[i], p->last_step);
	if (p->panel_count > 0)
		return 0;
	if (p->alive_taken) {
		p->panels[p->panel_count++] = p->alive;
		p->taken[0] = true;
		p->alive_taken = false;
		return 0;
	}
	if (p->last_step == 0)
		return ef_error_set(err, REPLAY_PICTURE_ERR_STEP, 0,
				    "the replay ran no step");
	p->taken[0] = true;
	if (tables_panel_take(&p->panels[p->panel_count++], r, NULL, err) != 0)
		return -1;
	snprintf(p->panels[0].caption, sizeof p->panels[0].caption,
		 "at the end, after step %u", p->last_step);
	return 0;
}

static int walk_finish(const struct replay_picture *p, struct ef_error *err)
{
	const unsigned step = p->spec.steps[0], n = p->walk_faults;

	if (p->spec.step_count == 0 && !p->walk_seen)
		return ef_error_set(err, REPLAY_PICTURE_ERR_STEP, 0,
				    "the replay took no page fault");
	if (!p->walk_seen)
		return no_step(err, step, p->last_step);
	if (n == 0)
		return ef_error_set(err, REPLAY_PICTURE_ERR_STEP, 0, "step %u "
				    "took no page fault", step);
	if (p->spec.fault > n)
		return ef_error_set(err, REPLAY_PICTURE_ERR_STEP, 0, "step %u "
				    "took %u page fault%s, not %u", step, n,
				    n == 1 ? "" : "s", p->spec.fault);
	if (!p->walk_taken)
		return ef_error_set(err, REPLAY_ERR_HOST, ENOMEM,
				    "out of memory");
	return 0;
}

int replay_picture_finish(struct replay_picture *p, struct replay *r,
			  struct ef_error *err)
{
	switch (p->spec.kind) {
	case REPLAY_PICTURE_TIMELINE:
		return 0;
	case REPLAY_PICTURE_TABLES:
		return tables_finish(p, r, err);
	case REPLAY_PICTURE_WALK:
		return walk_finish(p, err);
	}
	return 0;
}

void replay_picture_draw(const struct replay_picture *p,
			 struct canvas *canvas, double *width, double *height)
{
	switch (p->spec.kind) {
	case REPLAY_PICTURE_TIMELINE:
		timeline_picture_draw(canvas, &p->timeline, p->title, width,
				      height);
		return;
	case REPLAY_PICTURE_TABLES:
		tables_picture_draw(canvas, p->panels, p->panel_count, width,
				    height);
		return;
	case REPLAY_PICTURE_WALK:
		walk_picture_draw(canvas, &p->walk, width, height);
		return;
	}
}

void replay_picture_free(struct replay_picture *p)
{
	if (p == NULL)
		return;
	timeline_release(&p->timeline);
	for (size_t i = 0; i < REPLAY_PICTURE_MAX_PANELS; i++)
		if (p->taken[i])
			tables_panel_release(&p->panels[i]);
	if (p->alive_taken)
		tables_panel_release(&p->alive);
	free(p);
}
