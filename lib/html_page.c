/* html_page.c - a report and its pictures in one HTML file. */
#include <config.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "html_page.h"
#include "text.h"

/* The page's whole style: pictures no wider than the page, report lines
 * and long paths (a title's) that wrap rather than run off its edge. */
static const char style[] =
	"body{font-family:'DejaVu Sans',sans-serif;margin:1.5em auto;"
	"max-width:72em;padding:0 1em;color:#222;background:#fff;"
	"overflow-wrap:anywhere}\n"
	"h1{font-size:1.4em}h2{font-size:1.15em;margin-top:2em}\n"
	"pre{font-family:'DejaVu Sans Mono',monospace;font-size:.85em;"
	"white-space:pre-wrap;overflow-wrap:anywhere;background:#f6f6f6;"
	"padding:.6em;border:1px solid #ddd}\n"
	"figure{margin:1em 0}\n"
	"figure svg{display:block;max-width:100%;height:auto}\n"
	"figcaption{font-size:.9em;color:#555;margin-top:.3em}\n";

void html_page_begin(struct html_page *page, FILE *out, const char *title)
{
	page->out = out;
	page->pictures = 0;
	fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
	      "<meta charset=\"utf-8\">\n"
	      "<meta name=\"viewport\" content=\"width=device-width\">\n"
	      "<title>", out);
	text_put_xml(out, title, strlen(title));
	fprintf(out, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<h1>",
		style);
	text_put_xml(out, title, strlen(title));
	fputs("</h1>\n", out);
}

void html_page_heading(struct html_page *page, const char *text)
{
	fputs("<h2>", page->out);
	text_put_xml(page->out, text, strlen(text));
	fputs("</h2>\n", page->out);
}

void html_page_text(struct html_page *page, const char *text, size_t length)
{
	fputs("<pre>", page->out);
	text_put_xml(page->out, text, length);
	fputs("</pre>\n", page->out);
}

/* The SVG document without its XML declaration, which has no place
 * inside HTML. */
static void put_svg(FILE *out, const char *svg, size_t length)
{
	const char *start = svg;

	if (length > 5 && strncmp(svg, "<?xml", 5) == 0 &&
	    (start = memchr(svg, '\n', length)) != NULL)
		start++;
	else
		start = svg;
	fwrite(start, 1, length - (size_t)(start - svg), out);
}

int html_page_picture(struct html_page *page, struct canvas *canvas,
		      double width, double height, const char *caption,
		      struct ef_error *err)
{
	char prefix[32], *svg = NULL;
	size_t length = 0;
	FILE *memory = open_memstream(&svg, &length);
	int status = -1;

	snprintf(prefix, sizeof prefix, "fig%u-", ++page->pictures);
	if (memory == NULL || canvas_set_id_prefix(canvas, prefix) != 0)
		ef_error_set(err, CANVAS_ERR_NOMEM, ENOMEM, "out of memory");
	else if (canvas_write(canvas, width, height, memory, err) == 0)
		status = 0;
	if (memory != NULL && fclose(memory) != 0 && status == 0)
		status = ef_error_set(err, CANVAS_ERR_NOMEM, ENOMEM,
				      "out of memory");
	canvas_free(canvas);
	if (status == 0) {
		fprintf(page->out, "<figure id=\"fig%u\">\n", page->pictures);
		put_svg(page->out, svg, length);
		fputs("<figcaption>", page->out);
		text_put_xml(page->out, caption, strlen(caption));
		fputs("</figcaption>\n</figure>\n", page->out);
	}
	free(svg);
	return status;
}

int html_page_end(struct html_page *page)
{
	fputs("</body>\n</html>\n", page->out);
	return fflush(page->out) != 0 || ferror(page->out) ? -1 : 0;
}
