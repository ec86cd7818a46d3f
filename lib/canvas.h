/* canvas.h - a picture drawn with cairo and written as SVG, PNG or PDF.
 *
 * The one place elfault's pictures meet the drawing library: a picture
 * (the address space, the ELF file beside its VMAs, a replay's page
 * tables...) draws boxes, labels, arrows and breaks on a canvas in
 * points (1/72 inch; one pixel in PNG), with real text metrics (cairo's
 * toy font API on DejaVu Sans and DejaVu Sans Mono), then writes it.
 *
 * Coordinates: x to the right, y down, (0, 0) the top left corner; the
 * picture says its size when it writes (canvas_write()), so it may lay
 * itself out while it draws, up to 2^20 points either way (what lies
 * beyond is not drawn).  Nothing is written before canvas_write().
 *
 * SVG: cairo (1.16) draws text as glyph outlines, so that a browser
 * could neither find nor select a label.  The canvas therefore adds, over
 * cairo's drawing, an invisible layer: each label again as <text>
 * (searchable, selectable), and each box drawn with a title as a
 * transparent <rect class="CLASS"> holding a <title> (a tooltip), each
 * titled link as a <line> - also what the tests read to check a
 * picture's contents and geometry.  With
 * an id prefix, every id in the document is prefixed, so that several
 * pictures can be inlined in one HTML page without their glyphs' ids
 * colliding.
 *
 * Errors: the drawing calls record cairo's first failure in the canvas
 * and canvas_write() reports it; they never print.
 */
#ifndef ELFAULT_CANVAS_H
#define ELFAULT_CANVAS_H

#include <stdbool.h>
#include <stdio.h>

#include "error.h"

enum canvas_error_kind {
	CANVAS_ERR_NOMEM = EF_ERR_BASE(EF_DOMAIN_CANVAS) + 1,
	CANVAS_ERR_CAIRO,	/* cairo failed (its words in the detail) */
	CANVAS_ERR_WRITE,	/* writing the output failed (errno set) */
	CANVAS_ERR_FORMAT,	/* the format is not built in */
};

enum canvas_format {
	CANVAS_SVG,
	CANVAS_PNG,
	CANVAS_PDF,
};

/* The colours pictures share, so that one thing has one colour in every
 * picture: code is blue in the address space and in a page table. */
enum canvas_colour {
	CANVAS_INK,		/* lines, text */
	CANVAS_PAPER,		/* the background */
	CANVAS_MUTED,		/* secondary text, gaps, grid lines */
	CANVAS_KERNEL,		/* the kernel's part: supervisor only */
	CANVAS_CODE,		/* r-x: text, read-only file pages */
	CANVAS_DATA,		/* rw- file-backed: .data, its page */
	CANVAS_ANON,		/* anonymous zero-filled memory: .bss, heap */
	CANVAS_STACK,		/* the stack */
	CANVAS_SPECIAL,		/* vdso, vvar: the kernel's pages for users */
	CANVAS_FILE,		/* the ELF file's bytes */
	CANVAS_SHARED,		/* shared (copy-on-write) frames */
	CANVAS_ALERT,		/* a fault, a failed bit, an anomaly */
	CANVAS_GOOD,		/* a hit, a present bit */
	CANVAS_COLOUR_COUNT
};

/* A font: DejaVu Sans (or Sans Mono) at SIZE points. */
struct canvas_font {
	double size;
	bool bold;
	bool mono;
};

enum canvas_align {
	CANVAS_LEFT,		/* the text starts at x */
	CANVAS_CENTER,		/* the text is centred on x */
	CANVAS_RIGHT,		/* the text ends at x */
};

struct canvas;

/* Whether this elfault draws pictures: false when it was configured
 * --without-cairo (then canvas_new() fails with CANVAS_ERR_FORMAT). */
bool canvas_available(void);

/* The format named NAME ("svg", "png", "pdf"); returns -1 for another
 * name. */
int canvas_format_by_name(const char *name, enum canvas_format *format);

/* Whether output in FORMAT is written as bytes a terminal must not get
 * (PNG, PDF). */
bool canvas_format_is_binary(enum canvas_format format);

/* A new, empty canvas for FORMAT.  Returns NULL (ERR filled) when out of
 * memory.  The caller frees it with canvas_free(). */
struct canvas *canvas_new(enum canvas_format format, struct ef_error *err);

/* Free CANVAS (NULL is allowed). */
void canvas_free(struct canvas *canvas);

/* SVG only: prefix every id in the document with PREFIX (copied), e.g.
 * "fig2-", for pictures inlined in one HTML page. */
int canvas_set_id_prefix(struct canvas *canvas, const char *prefix);

/* The colour NAME's red, green and blue, each 0..1. */
void canvas_colour_rgb(enum canvas_colour name, double rgb[3]);

/* ---- measuring ------------------------------------------------------- */

/* The width TEXT (UTF-8) takes in FONT, in points. */
double canvas_text_width(struct canvas *canvas, const char *text,
			 const struct canvas_font *font);

/* FONT's ascent (above the baseline) and descent (below), in points. */
void canvas_font_extents(struct canvas *canvas,
			 const struct canvas_font *font, double *ascent,
			 double *descent);

/* ---- drawing --------------------------------------------------------- */

/* A rectangle filled with FILL and outlined in ink (0.8 pt).  With TITLE
 * non-NULL the SVG gets <rect class="CLASS"><title>TITLE</title></rect>
 * at the same place (CLASS may be NULL). */
void canvas_box(struct canvas *canvas, double x, double y, double w,
		double h, enum canvas_colour fill, const char *class,
		const char *title);

/* A rectangle filled with FILL, no outline. */
void canvas_fill(struct canvas *canvas, double x, double y, double w,
		 double h, enum canvas_colour fill);

/* Diagonal hatching in COLOUR over the rectangle (for memory that has no
 * bytes behind it yet: zero-filled, not present). */
void canvas_hatch(struct canvas *canvas, double x, double y, double w,
		  double h, enum canvas_colour colour);

/* TEXT with its baseline at Y, aligned on X as ALIGN says. */
void canvas_text(struct canvas *canvas, double x, double y,
		 const char *text, const struct canvas_font *font,
		 enum canvas_align align, enum canvas_colour colour);

/* A line WIDTH points wide; DASHED draws it in 3-point dashes. */
void canvas_line(struct canvas *canvas, double x1, double y1, double x2,
		 double y2, double width, bool dashed,
		 enum canvas_colour colour);

/* A line from (X1, Y1) to (X2, Y2) with an arrowhead at (X2, Y2). */
void canvas_arrow(struct canvas *canvas, double x1, double y1, double x2,
		  double y2, enum canvas_colour colour);

/* An arrow as canvas_arrow() draws it, its shaft DASHED or not, that
 * says what it links: with TITLE non-NULL the SVG gets <line class=CLASS
 * x1 y1 x2 y2><title>TITLE</title></line> (CLASS may be NULL), so that a
 * test can see where it starts and ends. */
void canvas_link(struct canvas *canvas, double x1, double y1, double x2,
		 double y2, bool dashed, enum canvas_colour colour,
		 const char *class, const char *title);

/* A filled circle of radius R at (X, Y): a point in a plot. */
void canvas_dot(struct canvas *canvas, double x, double y, double r,
		enum canvas_colour colour);

/* The mark of a span left out across a column [X, X + W) at height Y:
 * two parallel zigzags with paper between them, as a drawing breaks a
 * long shaft.  Takes 8 points of height, centred on Y. */
void canvas_break(struct canvas *canvas, double x, double y, double w);

/* ---- writing ---------------------------------------------------------- */

/* Write the picture, WIDTH x HEIGHT points from (0, 0), to OUT in the
 * canvas's format.  Returns 0, or -1 with ERR filled (a drawing call's
 * cairo error, out of memory, or the write's errno). */
int canvas_write(struct canvas *canvas, double width, double height,
		 FILE *out, struct ef_error *err);

#endif
