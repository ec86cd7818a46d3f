/* canvas_test.c - the drawing base: every primitive drawn once, written
 * as SVG, PNG and PDF; the SVG's invisible layer (labels, titled boxes)
 * and its prefixed ids; errors for a failed write.  CANVAS_SAMPLE=DIR
 * keeps the sample pictures there, to look at. */
#include <config.h>

#include <errno.h>

#include "canvas.h"
#include "tap.h"

static const struct canvas_font label = { .size = 10 };
static const struct canvas_font title = { .size = 12, .bold = true };
static const struct canvas_font mono = { .size = 9, .mono = true };

/* One of each primitive on a 300 x 160 picture. */
static struct canvas *sample(enum canvas_format format)
{
	struct canvas *c = canvas_new(format, NULL);

	if (c == NULL)
		return NULL;
	canvas_text(c, 150, 16, "canvas <sample> & co", &title, CANVAS_CENTER,
		    CANVAS_INK);
	for (int i = 0; i < CANVAS_COLOUR_COUNT; i++)
		canvas_box(c, 10 + 21 * i, 26, 18, 18,
			   (enum canvas_colour)i, "swatch", "a colour");
	canvas_box(c, 10, 56, 120, 60, CANVAS_DATA, "vma", "08049000-0804a000");
	canvas_hatch(c, 70, 56, 60, 60, CANVAS_MUTED);
	canvas_break(c, 10, 86, 120);
	canvas_text(c, 14, 70, "0x08049000", &mono, CANVAS_LEFT, CANVAS_INK);
	canvas_arrow(c, 140, 60, 200, 100, CANVAS_ALERT);
	canvas_link(c, 140, 40, 200, 50, true, CANVAS_INK, "link",
		    "pte -> frame");
	canvas_line(c, 140, 130, 290, 130, 1, true, CANVAS_MUTED);
	canvas_dot(c, 210, 130, 3, CANVAS_GOOD);
	canvas_text(c, 290, 150, "right-aligned", &label, CANVAS_RIGHT,
		    CANVAS_MUTED);
	return c;
}

/* Write a sample in FORMAT to a temporary file; returns its bytes
 * (malloc'ed, NUL-terminated) and their number in *LENGTH. */
static char *written(enum canvas_format format, const char *prefix,
		     size_t *length)
{
	struct canvas *c = sample(format);
	FILE *f = tmpfile();
	char *data = NULL;
	long size;

	if (c == NULL || f == NULL)
		return NULL;
	if (prefix != NULL)
		canvas_set_id_prefix(c, prefix);
	if (canvas_write(c, 300, 160, f, NULL) == 0 &&
	    (size = ftell(f)) > 0 && (data = calloc(1, (size_t)size + 1)) &&
	    fseek(f, 0, SEEK_SET) == 0)
		*length = fread(data, 1, (size_t)size, f);
	fclose(f);
	canvas_free(c);
	return data;
}

static size_t count(const char *text, const char *what)
{
	size_t n = 0;

	for (const char *p = text; (p = strstr(p, what)) != NULL; p++)
		n++;
	return n;
}

static void test_svg(void)
{
	size_t length = 0;
	char *svg = written(CANVAS_SVG, "fig1-", &length);

	if (!tap_ok(svg != NULL, "an SVG is written"))
		return;
	tap_ok(strncmp(svg, "<?xml", 5) == 0 &&
	       strstr(svg, "</svg>\n") == svg + length - 7,
	       "it is one XML document, </svg> last");
	tap_ok(strstr(svg, ">canvas &lt;sample&gt; &amp; co</text>") != NULL,
	       "labels are in the overlay, escaped");
	tap_eq_u64(count(svg, "class=\"swatch\""), CANVAS_COLOUR_COUNT,
		   "each titled box once");
	tap_ok(strstr(svg, "<rect x=\"10.00\" y=\"56.00\" width=\"120.00\" "
			   "height=\"60.00\" class=\"vma\"><title>"
			   "08049000-0804a000</title></rect>") != NULL,
	       "a titled box at its place, with its title");
	tap_ok(strstr(svg, "<line x1=\"140.00\" y1=\"40.00\" x2=\"200.00\" "
			   "y2=\"50.00\" class=\"link\"><title>pte -&gt; "
			   "frame</title></line>") != NULL,
	       "a titled link from its start to its end, with its title");
	tap_ok(strstr(svg, "text-anchor=\"end\"") != NULL,
	       "right-aligned text is anchored at its end");
	tap_ok(count(svg, "id=\"") > 0 &&
	       count(svg, "id=\"") == count(svg, "id=\"fig1-"),
	       "every id is prefixed");
	tap_ok(count(svg, "href=\"#") == count(svg, "href=\"#fig1-"),
	       "every reference is prefixed");
	free(svg);
}

/* Freed blocks of every size up to 2K, each filled with 0x7f bytes (as
 * a double, 1.4e306): the next allocations of those sizes reuse them, as
 * a canvas made late in a run (an --html page's) reuses blocks freed
 * before it. */
static void dirty_heap(void)
{
	void *blocks[128];

	for (size_t i = 0; i < 128; i++)
		if ((blocks[i] = malloc(16 * (i + 1))) != NULL)
			memset(blocks[i], 0x7f, 16 * (i + 1));
	for (size_t i = 0; i < 128; i++)
		free(blocks[i]);
}

/* The x of each glyph cairo places (<use ... x="X" ...>) within the
 * picture's WIDTH. */
static bool glyphs_within(const char *svg, double width)
{
	for (const char *p = svg; (p = strstr(p, "<use ")) != NULL; p++) {
		const char *end = strchr(p, '>'), *x = strstr(p, " x=\"");
		double value;

		if (end == NULL || x == NULL || x > end)
			continue;
		value = strtod(x + 4, NULL);
		if (!(value >= 0 && value <= width))
			return false;
	}
	return true;
}

/* cairo 1.16's SVG surface read an unbounded recording surface's
 * extents, which cairo left uninitialised, as an offset: over a heap
 * of reused blocks every glyph landed at x="-1544678162182945...". */
static void test_reused_memory(void)
{
	size_t length = 0;
	char *svg;

	dirty_heap();
	svg = written(CANVAS_SVG, NULL, &length);
	tap_ok(svg != NULL && strstr(svg, "<use ") != NULL &&
	       glyphs_within(svg, 300),
	       "on reused memory, the glyphs are within the picture");
	free(svg);
}

static void test_binary(void)
{
	size_t length = 0;
	char *png = written(CANVAS_PNG, NULL, &length);
	char *pdf;

	tap_ok(png != NULL && length > 24 &&
	       memcmp(png, "\x89PNG\r\n\x1a\n", 8) == 0,
	       "a PNG is written");
	/* IHDR: the width and height, big-endian, at bytes 16 and 20. */
	tap_ok(png != NULL && length > 24 &&
	       memcmp(png + 16, "\0\0\x01\x2c\0\0\0\xa0", 8) == 0,
	       "the PNG is 300 x 160 pixels");
	free(png);
	pdf = written(CANVAS_PDF, NULL, &length);
	tap_ok(pdf != NULL && length > 6 && strncmp(pdf, "%PDF-", 5) == 0 &&
	       memcmp(pdf + length - 6, "%%EOF\n", 6) == 0,
	       "a PDF is written, whole");
	free(pdf);
}

static void test_errors(void)
{
	struct canvas *c = sample(CANVAS_SVG);
	FILE *full = fopen("/dev/full", "w");
	struct ef_error err = { 0 };
	enum canvas_format format;

	if (full != NULL) {
		tap_ok(canvas_write(c, 300, 160, full, &err) == -1 &&
		       err.kind == CANVAS_ERR_WRITE && err.sys_errno == ENOSPC,
		       "a failed write is reported with its errno");
		fclose(full);
	}
	canvas_free(c);
	tap_ok(canvas_format_by_name("svg", &format) == 0 &&
	       format == CANVAS_SVG && canvas_format_by_name("png", &format) == 0
	       && format == CANVAS_PNG && canvas_format_by_name("SVG", &format)
	       == -1 && canvas_format_by_name("jpeg", &format) == -1,
	       "formats by name");
	tap_ok(canvas_text_width(c = sample(CANVAS_SVG), "0x0804", &mono) > 0 &&
	       canvas_text_width(c, "0x08048000", &mono) >
	       canvas_text_width(c, "0x0804", &mono), "text has a width");
	canvas_free(c);
}

/* The samples, kept for a person to look at. */
static void keep_samples(const char *dir)
{
	static const char *const names[] = { "sample.svg", "sample.png",
					     "sample.pdf" };
	char path[4096];

	for (int f = 0; f < 3; f++) {
		struct canvas *c = sample((enum canvas_format)f);
		FILE *out;

		snprintf(path, sizeof path, "%s/%s", dir, names[f]);
		if (c != NULL && (out = fopen(path, "wb")) != NULL) {
			canvas_write(c, 300, 160, out, NULL);
			fclose(out);
		}
		canvas_free(c);
	}
}

int main(void)
{
	if (!canvas_available()) {
		puts("1..0 # SKIP configured --without-cairo");
		return 0;
	}
	test_reused_memory();
	test_svg();
	test_binary();
	test_errors();
	if (getenv("CANVAS_SAMPLE") != NULL)
		keep_samples(getenv("CANVAS_SAMPLE"));
	return tap_done();
}
