/* replay-html.h - `elfault replay --html FILE`: the replay's text report
 * and its pictures on one self-contained page (lib/html_page.h).
 *
 * Fed every step from the run's hook alongside whatever the standard
 * output gets, it keeps the text report (as `elfault replay` prints it,
 * whatever --format says) and the facts of three pictures: the faults
 * along the steps, the page tables and frames (after each show: step, or
 * after the last), and the walk of the first fault, when there is one.
 */
#ifndef ELFAULT_REPLAY_HTML_H
#define ELFAULT_REPLAY_HTML_H

#include <stdbool.h>

#include "replay.h"
#include "replay_run.h"

struct replay_html;

/* A page for the replay of SCRIPT, to be written to PATH; NULL after an
 * error line (out of memory). */
struct replay_html *replay_html_new(const char *script, const char *path);

/* Step O of R has run (QUIET as --quiet says for the text report). */
void replay_html_step(struct replay_html *html, struct replay *r,
		      const struct replay_outcome *o, bool quiet);

/* The run RUN of R is over: write the page.  SHOW_END: the --show=end
 * lines go into the report.  Returns the exit status (EXIT_OK, or
 * EXIT_SOFTWARE after an error line). */
int replay_html_finish(struct replay_html *html, struct replay *r,
		       const struct replay_run_result *run, bool show_end);

void replay_html_free(struct replay_html *html);

#endif
