/* replay-html.c - a replay's report and pictures on one page. */
#include <config.h>

#include <argp.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "canvas.h"
#include "commands.h"
#include "html_page.h"
#include "replay-html.h"
#include "replay_picture.h"
#include "replay_report.h"

/* The pictures on the page, in its order. */
static const struct {
	const char *name;	/* as --picture names it */
	const char *heading;
	const char *caption;
} pictures[] = {
	{ "timeline", "The faults along the steps",
	  "Each process's steps, a marker for each fault by its kind." },
	{ "tables", "Page tables and frames",
	  "The processes' page tables and the frames they map, after each "
	  "show: step (or the last): a frame shared is filled, a read-only "
	  "entry's arrow dashed (Fig. 14.24)." },
	{ "walk", "The first fault's walk",
	  "The MMU's walk of the replay's first fault: the entry and bit "
	  "that failed in red." },
};
#define PICTURE_COUNT (sizeof pictures / sizeof pictures[0])

struct replay_html {
	const char *script;
	const char *path;
	FILE *text;		/* the text report, in memory */
	char *text_bytes;
	size_t text_length;
	struct replay_picture *collectors[PICTURE_COUNT];
	bool failed;		/* host memory, in a step */
};

void replay_html_free(struct replay_html *html)
{
	if (html == NULL)
		return;
	if (html->text != NULL)
		fclose(html->text);
	free(html->text_bytes);
	for (size_t i = 0; i < PICTURE_COUNT; i++)
		replay_picture_free(html->collectors[i]);
	free(html);
}

struct replay_html *replay_html_new(const char *script, const char *path)
{
	struct replay_html *html = calloc(1, sizeof *html);
	struct replay_picture_spec spec;
	struct ef_error err;

	if (html == NULL ||
	    (html->text = open_memstream(&html->text_bytes,
					 &html->text_length)) == NULL)
		goto nomem;
	html->script = script;
	html->path = path;
	for (size_t i = 0; i < PICTURE_COUNT; i++)
		if (replay_picture_parse(pictures[i].name, &spec, &err) != 0 ||
		    (html->collectors[i] = replay_picture_new(&spec, script,
							      &err)) == NULL)
			goto nomem;
	return html;
nomem:
	replay_html_free(html);
	report_error("%s: out of memory", path);
	return NULL;
}

void replay_html_step(struct replay_html *html, struct replay *r,
		      const struct replay_outcome *o, bool quiet)
{
	struct ef_error err;

	replay_report_text_step(html->text, r, o,
				quiet ? REPLAY_TEXT_QUIET : 0);
	for (size_t i = 0; i < PICTURE_COUNT && !html->failed; i++)
		if (replay_picture_step(html->collectors[i], r, o, &err) != 0)
			html->failed = true;
}

/* Picture I, when the run has it (a replay without a fault has no
 * walk); 0, or -1 when drawing failed (ERR). */
static int put_picture(struct html_page *page, struct replay_html *html,
		       size_t i, struct replay *r, struct ef_error *err)
{
	struct canvas *canvas;
	double width, height;

	if (replay_picture_finish(html->collectors[i], r, err) != 0)
		return err->kind == REPLAY_PICTURE_ERR_STEP ? 0 : -1;
	if ((canvas = canvas_new(CANVAS_SVG, err)) == NULL)
		return -1;
	replay_picture_draw(html->collectors[i], canvas, &width, &height);
	html_page_heading(page, pictures[i].heading);
	return html_page_picture(page, canvas, width, height,
				 pictures[i].caption, err);
}

/* The report's end as standard output's: --show=end, the summary; or why
 * the run stopped. */
static void finish_text(struct replay_html *html, struct replay *r,
			const struct replay_run_result *run, bool show_end)
{
	struct ef_error err;

	if (run->end != REPLAY_END_OK) {
		fprintf(html->text, "\n%s:%u:%u: %s\n", html->script,
			run->err.line, run->err.column, run->err.detail);
		return;
	}
	if (show_end)
		replay_report_text_end(html->text, r, &err);
	replay_report_text_summary(html->text, r, &run->tally);
}

int replay_html_finish(struct replay_html *html, struct replay *r,
		       const struct replay_run_result *run, bool show_end)
{
	FILE *out;
	struct html_page page;
	struct ef_error err = { 0 };
	char title[4200];
	int drawn = html->failed ? -1 : 0;
	bool written;

	finish_text(html, r, run, show_end);
	if (fflush(html->text) != 0 || (out = open_output(html->path)) == NULL)
		return EXIT_SOFTWARE;
	snprintf(title, sizeof title, "elfault replay %s", html->script);
	html_page_begin(&page, out, title);
	html_page_heading(&page, "The report");
	html_page_text(&page, html->text_bytes, html->text_length);
	for (size_t i = 0; i < PICTURE_COUNT && drawn == 0; i++)
		drawn = put_picture(&page, html, i, r, &err);
	errno = 0;
	written = html_page_end(&page) == 0;
	if (fclose(out) != 0 || !written)
		return report_output_failed(strerror(errno ? errno : EIO));
	if (drawn != 0) {
		report_error("%s: drawing the page failed: %s", html->path,
			     err.detail[0] ? err.detail : "out of memory");
		return EXIT_SOFTWARE;
	}
	return EXIT_OK;
}
