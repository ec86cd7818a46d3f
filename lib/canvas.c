/* canvas.c - cairo behind elfault's pictures.
 *
 * Drawing goes to an unbounded recording surface, so a picture lays
 * itself out as it draws; canvas_write() replays the recording onto the
 * format's surface once the size is known.
 */
#include <config.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "canvas.h"
#include "text.h"


static const struct {
	unsigned char r, g, b;
} palette[CANVAS_COLOUR_COUNT] = {
	[CANVAS_INK] = { 0x22, 0x22, 0x22 },
	[CANVAS_PAPER] = { 0xff, 0xff, 0xff },
	[CANVAS_MUTED] = { 0x8a, 0x8a, 0x8a },
	[CANVAS_KERNEL] = { 0xc9, 0xc0, 0xd9 },
	[CANVAS_CODE] = { 0xa9, 0xc8, 0xea },
	[CANVAS_DATA] = { 0xf3, 0xcf, 0x8e },
	[CANVAS_ANON] = { 0xcf, 0xe8, 0xc4 },
	[CANVAS_STACK] = { 0xf2, 0xb6, 0xb0 },
	[CANVAS_SPECIAL] = { 0xdd, 0xdd, 0xdd },
	[CANVAS_FILE] = { 0xf4, 0xef, 0xe1 },
	[CANVAS_SHARED] = { 0xb8, 0xdc, 0xd6 },
	[CANVAS_ALERT] = { 0xc6, 0x28, 0x28 },
	[CANVAS_GOOD] = { 0x2e, 0x7d, 0x32 },
};

int canvas_format_by_name(const char *name, enum canvas_format *format)
{
	static const char *const names[] = { "svg", "png", "pdf" };

	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(name, names[i]) == 0) {
			*format = (enum canvas_format)i;
			return 0;
		}
	return -1;
}

bool canvas_format_is_binary(enum canvas_format format)
{
	return format != CANVAS_SVG;
}

void canvas_colour_rgb(enum canvas_colour name, double rgb[3])
{
	rgb[0] = palette[name].r / 255.0;
	rgb[1] = palette[name].g / 255.0;
	rgb[2] = palette[name].b / 255.0;
}

#if HAVE_CAIRO
#include <cairo.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <math.h>

bool canvas_available(void)
{
	return true;
}

/* What the SVG's invisible layer repeats of the drawing. */
struct overlay_item {
	bool is_text;
	bool is_line;		/* a link: from (x, y) to (x2, y2) */
	double x, y, w, h;	/* a box; x, y the anchor of a text */
	double x2, y2;
	double size;
	bool mono, bold;
	enum canvas_align align;
	char *text;		/* the label, or the box's title */
	char *class;		/* the box's class, or NULL */
};

struct canvas {
	enum canvas_format format;
	cairo_surface_t *recording;
	cairo_t *cr;
	struct overlay_item *items;
	size_t item_count, item_capacity;
	char *id_prefix;
	bool out_of_memory;
};

/* Written bytes: the stream a cairo surface writes to. */
struct sink {
	FILE *file;		/* write here, or when NULL to the buffer */
	char *data;
	size_t length, capacity;
	int sys_errno;
};

static void set_colour(struct canvas *canvas, enum canvas_colour name)
{
	double rgb[3];

	canvas_colour_rgb(name, rgb);
	cairo_set_source_rgb(canvas->cr, rgb[0], rgb[1], rgb[2]);
}

/* Unhinted metrics: a label measures the same on every surface, so a
 * PNG and an SVG of one picture agree. */
static void set_font(struct canvas *canvas, const struct canvas_font *font)
{
	cairo_select_font_face(canvas->cr,
			       font->mono ? "DejaVu Sans Mono" : "DejaVu Sans",
			       CAIRO_FONT_SLANT_NORMAL,
			       font->bold ? CAIRO_FONT_WEIGHT_BOLD
					  : CAIRO_FONT_WEIGHT_NORMAL);
	cairo_set_font_size(canvas->cr, font->size);
}

static void init_font_options(cairo_t *cr)
{
	cairo_font_options_t *options = cairo_font_options_create();

	cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
	cairo_set_font_options(cr, options);
	cairo_font_options_destroy(options);
}

/* The recording is bounded, not unbounded as a picture that lays itself
 * out would have it: cairo 1.16's SVG surface takes an unbounded
 * recording's extents, which cairo_recording_surface_create() leaves
 * uninitialised (a malloc; fixed in cairo 1.17.6), for the offset of the
 * group it draws it in, and every glyph landed at x="-1544678162...".
 * Bounded from (0, 0), where the replay paints it, and far beyond any
 * picture's size, yet within cairo's 24.8 fixed point. */
static const cairo_rectangle_t recording_extents = {
	0, 0, 1 << 20, 1 << 20
};

struct canvas *canvas_new(enum canvas_format format, struct ef_error *err)
{
	struct canvas *canvas = calloc(1, sizeof *canvas);

	if (canvas == NULL) {
		ef_error_set(err, CANVAS_ERR_NOMEM, ENOMEM, "out of memory");
		return NULL;
	}
	canvas->format = format;
	canvas->recording = cairo_recording_surface_create(
		CAIRO_CONTENT_COLOR_ALPHA, &recording_extents);
	canvas->cr = cairo_create(canvas->recording);
	if (cairo_status(canvas->cr) != CAIRO_STATUS_SUCCESS) {
		ef_error_set(err, CANVAS_ERR_CAIRO, 0, "cairo: %s",
			     cairo_status_to_string(cairo_status(canvas->cr)));
		canvas_free(canvas);
		return NULL;
	}
	init_font_options(canvas->cr);
	cairo_set_line_join(canvas->cr, CAIRO_LINE_JOIN_MITER);
	return canvas;
}

void canvas_free(struct canvas *canvas)
{
	if (canvas == NULL)
		return;
	for (size_t i = 0; i < canvas->item_count; i++) {
		free(canvas->items[i].text);
		free(canvas->items[i].class);
	}
	free(canvas->items);
	free(canvas->id_prefix);
	cairo_destroy(canvas->cr);
	cairo_surface_destroy(canvas->recording);
	free(canvas);
}

int canvas_set_id_prefix(struct canvas *canvas, const char *prefix)
{
	char *copy = strdup(prefix);

	if (copy == NULL) {
		canvas->out_of_memory = true;
		return -1;
	}
	free(canvas->id_prefix);
	canvas->id_prefix = copy;
	return 0;
}

/* ---- the SVG overlay's record ------------------------------------------- */

/* A new item for the SVG overlay (only SVG keeps one); NULL when not
 * kept or out of memory (remembered for canvas_write()). */
static struct overlay_item *add_item(struct canvas *canvas,
				     const char *text, const char *class)
{
	struct overlay_item *item;

	if (canvas->format != CANVAS_SVG)
		return NULL;
	if (canvas->item_count == canvas->item_capacity) {
		size_t capacity = canvas->item_capacity ? 2 * canvas->item_capacity
						       : 32;
		struct overlay_item *grown = realloc(canvas->items,
						     capacity * sizeof *grown);

		if (grown == NULL)
			goto nomem;
		canvas->items = grown;
		canvas->item_capacity = capacity;
	}
	item = &canvas->items[canvas->item_count];
	memset(item, 0, sizeof *item);
	item->text = strdup(text);
	item->class = class != NULL ? strdup(class) : NULL;
	if (item->text == NULL || (class != NULL && item->class == NULL)) {
		free(item->text);
		free(item->class);
		goto nomem;
	}
	canvas->item_count++;
	return item;
nomem:
	canvas->out_of_memory = true;
	return NULL;
}

/* ---- measuring ------------------------------------------------------------ */

double canvas_text_width(struct canvas *canvas, const char *text,
			 const struct canvas_font *font)
{
	cairo_text_extents_t extents;

	set_font(canvas, font);
	cairo_text_extents(canvas->cr, text, &extents);
	return extents.x_advance;
}

void canvas_font_extents(struct canvas *canvas,
			 const struct canvas_font *font, double *ascent,
			 double *descent)
{
	cairo_font_extents_t extents;

	set_font(canvas, font);
	cairo_font_extents(canvas->cr, &extents);
	*ascent = extents.ascent;
	*descent = extents.descent;
}

/* ---- drawing ---------------------------------------------------------------- */

void canvas_fill(struct canvas *canvas, double x, double y, double w,
		 double h, enum canvas_colour fill)
{
	cairo_rectangle(canvas->cr, x, y, w, h);
	set_colour(canvas, fill);
	cairo_fill(canvas->cr);
}

void canvas_box(struct canvas *canvas, double x, double y, double w,
		double h, enum canvas_colour fill, const char *class,
		const char *title)
{
	struct overlay_item *item;

	cairo_rectangle(canvas->cr, x, y, w, h);
	set_colour(canvas, fill);
	cairo_fill_preserve(canvas->cr);
	set_colour(canvas, CANVAS_INK);
	cairo_set_line_width(canvas->cr, 0.8);
	cairo_stroke(canvas->cr);
	if (title == NULL || (item = add_item(canvas, title, class)) == NULL)
		return;
	item->x = x;
	item->y = y;
	item->w = w;
	item->h = h;
}

/* Hatching at 45 degrees, 4 points apart: each line cut to the
 * rectangle here rather than clipped by cairo, since an SVG's clipped
 * lines still count in its bounds (a browser measures them). */
void canvas_hatch(struct canvas *canvas, double x, double y, double w,
		  double h, enum canvas_colour colour)
{
	cairo_t *cr = canvas->cr;

	for (double d = -h; d < w; d += 4) {
		/* the line (x + d + t, y + h - t), t in [0, h], inside */
		double t0 = d < 0 ? -d : 0, t1 = w - d < h ? w - d : h;

		if (t0 >= t1)
			continue;
		cairo_move_to(cr, x + d + t0, y + h - t0);
		cairo_line_to(cr, x + d + t1, y + h - t1);
	}
	set_colour(canvas, colour);
	cairo_set_line_width(cr, 0.6);
	cairo_stroke(cr);
}

void canvas_text(struct canvas *canvas, double x, double y,
		 const char *text, const struct canvas_font *font,
		 enum canvas_align align, enum canvas_colour colour)
{
	double width = canvas_text_width(canvas, text, font);
	double left = align == CANVAS_LEFT ? x
		      : align == CANVAS_CENTER ? x - width / 2 : x - width;
	struct overlay_item *item;

	cairo_move_to(canvas->cr, left, y);
	set_colour(canvas, colour);
	cairo_show_text(canvas->cr, text);
	cairo_new_path(canvas->cr);
	if ((item = add_item(canvas, text, NULL)) == NULL)
		return;
	item->is_text = true;
	item->x = x;
	item->y = y;
	item->w = width;
	item->size = font->size;
	item->mono = font->mono;
	item->bold = font->bold;
	item->align = align;
}

void canvas_line(struct canvas *canvas, double x1, double y1, double x2,
		 double y2, double width, bool dashed,
		 enum canvas_colour colour)
{
	static const double dash[] = { 3, 2 };
	cairo_t *cr = canvas->cr;

	cairo_save(cr);
	if (dashed)
		cairo_set_dash(cr, dash, 2, 0);
	cairo_move_to(cr, x1, y1);
	cairo_line_to(cr, x2, y2);
	set_colour(canvas, colour);
	cairo_set_line_width(cr, width);
	cairo_stroke(cr);
	cairo_restore(cr);
}

/* The head: a filled triangle 7 points long, 5 wide, on the line's axis;
 * the shaft stops at its base so that a wide line does not poke out. */
static void arrow(struct canvas *canvas, double x1, double y1, double x2,
		  double y2, bool dashed, enum canvas_colour colour)
{
	cairo_t *cr = canvas->cr;
	double length = hypot(x2 - x1, y2 - y1);
	double ux = length > 0 ? (x2 - x1) / length : 1;
	double uy = length > 0 ? (y2 - y1) / length : 0;
	double bx = x2 - 7 * ux, by = y2 - 7 * uy;

	canvas_line(canvas, x1, y1, bx, by, 0.9, dashed, colour);
	cairo_move_to(cr, x2, y2);
	cairo_line_to(cr, bx - 2.5 * uy, by + 2.5 * ux);
	cairo_line_to(cr, bx + 2.5 * uy, by - 2.5 * ux);
	cairo_close_path(cr);
	set_colour(canvas, colour);
	cairo_fill(cr);
}

void canvas_arrow(struct canvas *canvas, double x1, double y1, double x2,
		  double y2, enum canvas_colour colour)
{
	arrow(canvas, x1, y1, x2, y2, false, colour);
}

void canvas_link(struct canvas *canvas, double x1, double y1, double x2,
		 double y2, bool dashed, enum canvas_colour colour,
		 const char *class, const char *title)
{
	struct overlay_item *item;

	arrow(canvas, x1, y1, x2, y2, dashed, colour);
	if (title == NULL || (item = add_item(canvas, title, class)) == NULL)
		return;
	item->is_line = true;
	item->x = x1;
	item->y = y1;
	item->x2 = x2;
	item->y2 = y2;
}

void canvas_dot(struct canvas *canvas, double x, double y, double r,
		enum canvas_colour colour)
{
	cairo_new_sub_path(canvas->cr);
	cairo_arc(canvas->cr, x, y, r, 0, 2 * M_PI);
	set_colour(canvas, colour);
	cairo_fill(canvas->cr);
}

/* A zigzag of 6-point teeth across [x - 2, x + w + 2) at height y. */
static void zigzag(cairo_t *cr, double x, double y, double w)
{
	int teeth = (int)ceil((w + 4) / 6);

	cairo_move_to(cr, x - 2, y);
	for (int i = 0; i < teeth; i++) {
		cairo_line_to(cr, x - 2 + 6 * i + 3, y - 2);
		cairo_line_to(cr, x - 2 + 6 * i + 6, y);
	}
}

void canvas_break(struct canvas *canvas, double x, double y, double w)
{
	cairo_t *cr = canvas->cr;

	zigzag(cr, x, y - 2, w);
	cairo_line_to(cr, x + w + 2, y + 4);
	cairo_line_to(cr, x - 2, y + 4);
	cairo_close_path(cr);
	set_colour(canvas, CANVAS_PAPER);
	cairo_fill(cr);
	zigzag(cr, x, y - 2, w);
	zigzag(cr, x, y + 4, w);
	set_colour(canvas, CANVAS_INK);
	cairo_set_line_width(cr, 0.8);
	cairo_stroke(cr);
}

/* ---- writing -------------------------------------------------------------- */

static cairo_status_t sink_write(void *closure, const unsigned char *data,
				 unsigned int length)
{
	struct sink *sink = closure;

	if (sink->file != NULL) {
		if (fwrite(data, 1, length, sink->file) == length)
			return CAIRO_STATUS_SUCCESS;
		sink->sys_errno = errno ? errno : EIO;
		return CAIRO_STATUS_WRITE_ERROR;
	}
	if (sink->length + length > sink->capacity) {
		size_t capacity = 2 * (sink->length + length);
		char *grown = realloc(sink->data, capacity);

		if (grown == NULL) {
			sink->sys_errno = ENOMEM;
			return CAIRO_STATUS_NO_MEMORY;
		}
		sink->data = grown;
		sink->capacity = capacity;
	}
	memcpy(sink->data + sink->length, data, length);
	sink->length += length;
	return CAIRO_STATUS_SUCCESS;
}

/* Paper behind the picture, then the recording over it. */
static void replay(struct canvas *canvas, cairo_surface_t *target,
		   double width, double height)
{
	cairo_t *cr = cairo_create(target);
	double rgb[3];

	canvas_colour_rgb(CANVAS_PAPER, rgb);
	cairo_set_source_rgb(cr, rgb[0], rgb[1], rgb[2]);
	cairo_rectangle(cr, 0, 0, width, height);
	cairo_fill(cr);
	cairo_set_source_surface(cr, canvas->recording, 0, 0);
	cairo_paint(cr);
	cairo_destroy(cr);
}

static cairo_surface_t *target_surface(struct canvas *canvas,
				       struct sink *sink, double width,
				       double height)
{
	switch (canvas->format) {
	case CANVAS_SVG:
		return cairo_svg_surface_create_for_stream(sink_write, sink,
							   width, height);
	case CANVAS_PDF:
		return cairo_pdf_surface_create_for_stream(sink_write, sink,
							   width, height);
	case CANVAS_PNG:
		break;
	}
	return cairo_image_surface_create(CAIRO_FORMAT_RGB24,
					  (int)ceil(width), (int)ceil(height));
}

static int cairo_failed(struct ef_error *err, cairo_status_t status,
			const struct sink *sink)
{
	if (status == CAIRO_STATUS_WRITE_ERROR)
		return ef_error_set(err, CANVAS_ERR_WRITE, sink->sys_errno,
				    "%s", strerror(sink->sys_errno));
	if (status == CAIRO_STATUS_NO_MEMORY)
		return ef_error_set(err, CANVAS_ERR_NOMEM, ENOMEM,
				    "out of memory");
	return ef_error_set(err, CANVAS_ERR_CAIRO, 0, "cairo: %s",
			    cairo_status_to_string(status));
}

/* Draw the recording on the format's surface; its bytes go to SINK. */
static int render(struct canvas *canvas, struct sink *sink, double width,
		  double height, struct ef_error *err)
{
	cairo_surface_t *target = target_surface(canvas, sink, width, height);
	cairo_status_t status = cairo_surface_status(target);

	if (status == CAIRO_STATUS_SUCCESS) {
		replay(canvas, target, width, height);
		if (canvas->format == CANVAS_PNG)
			status = cairo_surface_write_to_png_stream(
				target, sink_write, sink);
		cairo_surface_finish(target);
		if (status == CAIRO_STATUS_SUCCESS)
			status = cairo_surface_status(target);
	}
	cairo_surface_destroy(target);
	if (status != CAIRO_STATUS_SUCCESS)
		return cairo_failed(err, status, sink);
	return 0;
}

/* ---- the SVG's post-processing ------------------------------------------ */

/* TEXT as XML (text.h). */
static void put_escaped(FILE *out, const char *text)
{
	text_put_xml(out, text, strlen(text));
}

static void put_overlay_item(FILE *out, const struct overlay_item *item)
{
	static const char *const anchors[] = { "start", "middle", "end" };
	const char *tag = item->is_line ? "line" : "rect";

	if (!item->is_text) {
		if (item->is_line)
			fprintf(out, "<line x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" "
				"y2=\"%.2f\"", item->x, item->y, item->x2,
				item->y2);
		else
			fprintf(out, "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" "
				"height=\"%.2f\"", item->x, item->y, item->w,
				item->h);
		if (item->class != NULL) {
			fputs(" class=\"", out);
			put_escaped(out, item->class);
			fputc('"', out);
		}
		fputs("><title>", out);
		put_escaped(out, item->text);
		fprintf(out, "</title></%s>\n", tag);
		return;
	}
	fprintf(out, "<text x=\"%.2f\" y=\"%.2f\" font-size=\"%.2f\" "
		"font-family=\"%s\"%s text-anchor=\"%s\" textLength=\"%.2f\">",
		item->x, item->y, item->size,
		item->mono ? "DejaVu Sans Mono" : "DejaVu Sans",
		item->bold ? " font-weight=\"bold\"" : "", anchors[item->align],
		item->w);
	put_escaped(out, item->text);
	fputs("</text>\n", out);
}

/* The invisible layer: boxes first, so that the labels over them can
 * still be selected. */
static void put_overlay(FILE *out, const struct canvas *canvas)
{
	fputs("<g class=\"elfault-overlay\" style=\"fill:#000;"
	      "fill-opacity:0;stroke:none\">\n", out);
	for (int text = 0; text < 2; text++)
		for (size_t i = 0; i < canvas->item_count; i++)
			if (canvas->items[i].is_text == (text == 1))
				put_overlay_item(out, &canvas->items[i]);
	fputs("</g>\n", out);
}

/* cairo's SVG with the ids prefixed (id="X", href="#X", url(#X)) and the
 * overlay before the closing tag. */
static void put_svg(FILE *out, const struct canvas *canvas,
		    const struct sink *svg)
{
	static const char *const refs[] = { "id=\"", "href=\"#", "url(#" };
	const char *prefix = canvas->id_prefix ? canvas->id_prefix : "";
	const char *p = svg->data, *end = svg->data + svg->length;
	const char *close = end;

	for (const char *q = end - 6; q >= p; q--)
		if (memcmp(q, "</svg>", 6) == 0) {
			close = q;
			break;
		}
	while (p < close) {
		size_t k = 0;

		for (; k < 3; k++)
			if ((size_t)(close - p) >= strlen(refs[k]) &&
			    memcmp(p, refs[k], strlen(refs[k])) == 0)
				break;
		if (k == 3) {
			fputc(*p++, out);
			continue;
		}
		fputs(refs[k], out);
		fputs(prefix, out);
		p += strlen(refs[k]);
	}
	put_overlay(out, canvas);
	fwrite(close, 1, (size_t)(end - close), out);
}

int canvas_write(struct canvas *canvas, double width, double height,
		 FILE *out, struct ef_error *err)
{
	struct sink sink = { .file = canvas->format == CANVAS_SVG ? NULL : out };
	cairo_status_t status = cairo_status(canvas->cr);
	int result = 0;

	if (canvas->out_of_memory)
		return ef_error_set(err, CANVAS_ERR_NOMEM, ENOMEM,
				    "out of memory");
	if (status != CAIRO_STATUS_SUCCESS)
		return cairo_failed(err, status, &sink);
	cairo_surface_flush(canvas->recording);
	if (render(canvas, &sink, width, height, err) != 0)
		result = -1;
	else if (canvas->format == CANVAS_SVG && sink.length >= 6)
		put_svg(out, canvas, &sink);
	free(sink.data);
	if (result == 0 && (fflush(out) != 0 || ferror(out)))
		return ef_error_set(err, CANVAS_ERR_WRITE, errno ? errno : EIO,
				    "%s", strerror(errno ? errno : EIO));
	return result;
}

#else /* !HAVE_CAIRO: configured --without-cairo */

bool canvas_available(void)
{
	return false;
}

struct canvas *canvas_new(enum canvas_format format, struct ef_error *err)
{
	ef_error_set(err, CANVAS_ERR_FORMAT, 0, "pictures need cairo, and "
		     "this elfault was configured --without-cairo");
	return NULL;
}

/* No canvas exists, so none of these is ever called. */
void canvas_free(struct canvas *canvas) {}
int canvas_set_id_prefix(struct canvas *c, const char *p) { return -1; }
double canvas_text_width(struct canvas *c, const char *t,
			 const struct canvas_font *f) { return 0; }
void canvas_font_extents(struct canvas *c, const struct canvas_font *f,
			 double *a, double *d) { *a = *d = 0; }
void canvas_box(struct canvas *c, double x, double y, double w, double h,
		enum canvas_colour f, const char *cl, const char *t) {}
void canvas_fill(struct canvas *c, double x, double y, double w, double h,
		 enum canvas_colour f) {}
void canvas_hatch(struct canvas *c, double x, double y, double w, double h,
		  enum canvas_colour f) {}
void canvas_text(struct canvas *c, double x, double y, const char *t,
		 const struct canvas_font *f, enum canvas_align a,
		 enum canvas_colour k) {}
void canvas_line(struct canvas *c, double x1, double y1, double x2,
		 double y2, double w, bool d, enum canvas_colour k) {}
void canvas_arrow(struct canvas *c, double x1, double y1, double x2,
		  double y2, enum canvas_colour k) {}
void canvas_link(struct canvas *c, double x1, double y1, double x2,
		 double y2, bool d, enum canvas_colour k, const char *cl,
		 const char *t) {}
void canvas_dot(struct canvas *c, double x, double y, double r,
		enum canvas_colour k) {}
void canvas_break(struct canvas *c, double x, double y, double w) {}
int canvas_write(struct canvas *c, double w, double h, FILE *out,
		 struct ef_error *err)
{
	return ef_error_set(err, CANVAS_ERR_FORMAT, 0, "no cairo");
}

#endif
