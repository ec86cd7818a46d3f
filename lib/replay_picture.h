/* replay_picture.h - which picture of a replay to draw, and its facts
 * gathered step by step as the replay runs (`elfault replay --picture`).
 *
 * A picture is named as the command line names it:
 *
 *   timeline            every fault along the steps (timeline_picture.h)
 *   tables[:S[,S...]]   the page tables and frames after each step S,
 *                       side by side (tables_picture.h); without S, after
 *                       each show: step, or else after the last step that
 *                       left a process alive (a panel taken after every
 *                       step until a show: step comes)
 *   walk[:S[.N]]        the walk of fault N (1) of step S, or of the
 *                       replay's first fault (walk_picture.h)
 *
 * The collector is fed every outcome from the run's step hook, keeps
 * only what its picture needs, and draws once the run is over.
 */
#ifndef ELFAULT_REPLAY_PICTURE_H
#define ELFAULT_REPLAY_PICTURE_H

#include "canvas.h"
#include "error.h"
#include "replay.h"

enum replay_picture_error_kind {
	/* the picture's name or numbers are wrong */
	REPLAY_PICTURE_ERR_SPEC = EF_ERR_BASE(EF_DOMAIN_PICTURE) + 1,
	/* the replay has no such step, or no such fault in it */
	REPLAY_PICTURE_ERR_STEP,
	REPLAY_PICTURE_ERR_NOMEM,
};

enum replay_picture_kind {
	REPLAY_PICTURE_TIMELINE,
	REPLAY_PICTURE_TABLES,
	REPLAY_PICTURE_WALK,
};

enum { REPLAY_PICTURE_MAX_PANELS = 4 };

struct replay_picture_spec {
	enum replay_picture_kind kind;
	unsigned steps[REPLAY_PICTURE_MAX_PANELS];	/* 1-based */
	unsigned step_count;	/* 0: the default steps */
	unsigned fault;		/* walk: 1-based */
};

/* The picture TEXT names ("tables:3,6") into SPEC.  Returns 0, or -1
 * with ERR (REPLAY_PICTURE_ERR_SPEC, its detail saying what is wrong). */
int replay_picture_parse(const char *text, struct replay_picture_spec *spec,
			 struct ef_error *err);

struct replay_picture;

/* A collector for the picture SPEC names of the replay of SCRIPT (its
 * title).  Returns NULL (ERR: REPLAY_PICTURE_ERR_NOMEM) when out of
 * memory. */
struct replay_picture *replay_picture_new(const struct replay_picture_spec *spec,
					  const char *script,
					  struct ef_error *err);

/* Step O of R has run: keep what the picture needs of it.  Returns 0, or
 * -1 with ERR (REPLAY_ERR_HOST: host memory). */
int replay_picture_step(struct replay_picture *p, struct replay *r,
			const struct replay_outcome *o, struct ef_error *err);

/* The run is over (R as its last step left it).  Returns 0, or -1 with
 * ERR: REPLAY_PICTURE_ERR_STEP when a step the picture names was not
 * run or has not the fault it names, REPLAY_ERR_HOST. */
int replay_picture_finish(struct replay_picture *p, struct replay *r,
			  struct ef_error *err);

/* Draw the finished picture on CANVAS from (0, 0); its size into *WIDTH
 * and *HEIGHT (errors are the canvas's, at canvas_write()). */
void replay_picture_draw(const struct replay_picture *p,
			 struct canvas *canvas, double *width,
			 double *height);

void replay_picture_free(struct replay_picture *p);

#endif
