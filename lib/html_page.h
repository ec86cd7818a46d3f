/* html_page.h - one self-contained HTML page: a report and its pictures.
 *
 * What `--html FILE` writes: the text report as the terminal shows it
 * and each picture as inline SVG, with the page's CSS inline and nothing
 * fetched from the network, so that the one file can be mailed, put on a
 * course page or opened offline.  Pictures scale down to the page's width
 * (their SVG keeps its viewBox) and long report lines wrap, so that
 * nothing is cut off or scrolls sideways.  Each picture's ids are
 * prefixed ("fig1-", "fig2-"...) so that the glyphs cairo defines in one
 * SVG are not taken for another's.
 *
 * The page is written to a FILE the caller owns; errors are the FILE's
 * (ferror()) or the canvas's.
 */
#ifndef ELFAULT_HTML_PAGE_H
#define ELFAULT_HTML_PAGE_H

#include <stdio.h>

#include "canvas.h"
#include "error.h"

struct html_page {
	FILE *out;
	unsigned pictures;	/* drawn so far: the next id prefix */
};

/* Start a page on OUT titled TITLE (UTF-8; escaped here). */
void html_page_begin(struct html_page *page, FILE *out, const char *title);

/* A heading over the next part of the page. */
void html_page_heading(struct html_page *page, const char *text);

/* LENGTH bytes of a text report, as preformatted text (escaped). */
void html_page_text(struct html_page *page, const char *text,
		    size_t length);

/* CANVAS (made for CANVAS_SVG), WIDTH x HEIGHT points, as an inline SVG
 * figure with CAPTION under it; frees CANVAS.  Returns 0, or -1 with ERR
 * (the canvas's error, or CANVAS_ERR_NOMEM / CANVAS_ERR_WRITE). */
int html_page_picture(struct html_page *page, struct canvas *canvas,
		      double width, double height, const char *caption,
		      struct ef_error *err);

/* End the page.  Returns 0, or -1 when writing OUT failed (errno). */
int html_page_end(struct html_page *page);

#endif
