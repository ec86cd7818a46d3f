/* cmd-replay.c - `elfault replay SCRIPT`: a script's processes on the
 * emulated i386 MMU, every page fault described. */
#include <config.h>

#include <argp.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "batch_ring.h"
#include "canvas.h"
#include "colour.h"
#include "commands.h"
#include "host_access.h"
#include "output-thread.h"
#include "policy_plot.h"
#include "replay.h"
#include "replay_compare.h"
#include "replay-html.h"
#include "replay_picture.h"
#include "replay_report.h"
#include "script.h"
#include "step_queue.h"
#include "stream.h"
#include "syscalls.h"
#include "yaml_writer.h"

struct replay_args {
	const char *script;
	bool quiet;
	bool yaml;
	bool csv;		/* --compare-policies' table as CSV */
	bool brief;		/* a line a step */
	bool quiz;		/* --quiz: brief, the answers blank */
	bool answers;		/* --answers: brief */
	bool format_given;	/* --format */
	const char *format_name;
	bool picture;		/* --format=svg|png|pdf */
	int picture_format;	/* enum canvas_format */
	const char *picture_name;	/* --picture */
	struct replay_picture_spec picture_spec;
	const char *output;	/* --output FILE, or NULL: stdout */
	const char *html;	/* --html FILE, or NULL */
	bool compare;
	const char *sizes;	/* --sizes: a comma-separated list, or NULL */
	unsigned jobs;		/* --jobs; 0: one per CPU */
	struct replay_settings settings;
	const char *allow_read[REPLAY_MAX_ALLOW_READ];
	char *text;		/* a stream's script, read whole, or NULL */
	enum colour_when colour;	/* --color */
	bool colour_out;	/* the text report in colour */
	size_t text_size;
};

enum { OPTION_SIZES = 256, OPTION_SHOW, OPTION_ALLOW_READ, OPTION_QUIZ,
       OPTION_ANSWERS, OPTION_COLOR, OPTION_PICTURE, OPTION_HTML };

static const struct argp_option options[] = {
	{ "quiet", 'q', NULL, 0,
	  "print only the steps that fault, reclaim or whose expectations "
	  "fail", 0 },
	{ "format", 'f', "FORMAT", 0, "text (the default), yaml, or brief (a "
	  "line a step); csv with --compare-policies; or a picture: svg, png "
	  "or pdf (the one --picture names; with --compare-policies the "
	  "faults per memory size)", 0 },
	{ "picture", OPTION_PICTURE, "PICTURE", 0, "which picture "
	  "--format=svg|png|pdf draws: timeline (the default: the faults "
	  "along the steps), tables[:STEP[,STEP...]] (the page tables and "
	  "frames after each STEP, at most 4; by default after each show: "
	  "step, or the last step that left a process alive) or "
	  "walk[:STEP[.FAULT]] (the page walk of a fault, by default the "
	  "first)", 0 },
	{ "output", 'o', "FILE", 0, "write to FILE instead of standard output",
	  0 },
	{ "html", OPTION_HTML, "FILE", 0, "also write one self-contained HTML "
	  "page to FILE: the text report, the faults along the steps, the "
	  "page tables and frames, the first fault's walk, drawn", 0 },
	{ "memory", 'm', "SIZE", 0, "physical memory (96K to 4G; K, M, G "
	  "suffixes), instead of the script's memory:", 0 },
	{ "swap", 's', "SIZE", 0, "a swap area of SIZE (0: none), instead of "
	  "the script's swap:", 0 },
	{ "policy", 'p', "POLICY", 0, "page replacement: lru2q (the kernel's, "
	  "the default), clock, fifo, lru or opt; instead of the script's "
	  "policy:", 0 },
	{ "compare-policies", 'c', NULL, 0, "replay SCRIPT under every policy "
	  "and several memory sizes and print the page faults of each", 0 },
	{ "quiz", OPTION_QUIZ, NULL, 0, "a worksheet: each step as "
	  "--format=brief prints it, what it faults on, what reclaim takes "
	  "and what is present after it left blank", 0 },
	{ "answers", OPTION_ANSWERS, NULL, 0, "the quiz's answers: "
	  "--format=brief", 0 },
	{ "show", OPTION_SHOW, "WHEN", 0, "each: after every step, the running "
	  "process's VMAs, page tables (ptdump and raw PDE/PTE words) and the "
	  "frames in use; end: after the last step, every live process's and "
	  "the frames (as a show: step prints them)", 0 },
	{ "allow-read", OPTION_ALLOW_READ, "DIR", 0, "let the script read "
	  "the host's files under DIR too (repeatable); by default it reads "
	  "only those in its own directory's tree (and a program's "
	  "interpreter those under /lib and /usr/lib)", 0 },
	{ "sizes", OPTION_SIZES, "LIST", 0, "with --compare-policies: the "
	  "memory sizes, comma-separated (default: from a quarter of the "
	  "script's peak to the peak, every frame count or sixteen sizes)", 0 },
	{ "color", OPTION_COLOR, "WHEN", OPTION_ARG_OPTIONAL, "colour the "
	  "text report's fault kinds and the error lines: auto (the "
	  "default: on a terminal, unless NO_COLOR is set), always (no "
	  "WHEN) or never", 0 },
	{ "colour", OPTION_COLOR, "WHEN", OPTION_ARG_OPTIONAL | OPTION_ALIAS,
	  NULL, 0 },
	{ "jobs", 'j', "N", 0, "with --compare-policies: N runs at once "
	  "(1 to 64; default: one per CPU), the same table whatever N", 0 },
	{ 0 }
};

/* --jobs N: 1 to REPLAY_COMPARE_MAX_JOBS threads. */
static void parse_jobs(struct argp_state *state, const char *arg)
{
	struct replay_args *args = state->input;
	char *end;
	unsigned long n;

	errno = 0;
	n = strtoul(arg, &end, 10);
	if (arg[0] < '0' || arg[0] > '9' || *end != '\0' || errno != 0 ||
	    n < 1 || n > REPLAY_COMPARE_MAX_JOBS)
		argp_error(state, "--jobs: %s is not a number from 1 to %d",
			   arg, REPLAY_COMPARE_MAX_JOBS);
	args->jobs = (unsigned)n;
}

/* --format: a report's, the comparison's CSV, or a picture's. */
static void parse_format(struct argp_state *state, const char *arg)
{
	struct replay_args *args = state->input;

	args->format_given = true;
	args->format_name = arg;
	args->picture = picture_format(arg, &args->picture_format);
	args->csv = strcmp(arg, "csv") == 0;
	args->brief = strcmp(arg, "brief") == 0;
	args->yaml = strcmp(arg, "yaml") == 0;
	if (!args->picture && !args->csv && !args->brief && !args->yaml &&
	    strcmp(arg, "text") != 0)
		argp_error(state, "unknown format '%s' (text, yaml, brief, csv, "
			   "svg, png or pdf)", arg);
}

/* --picture NAME: checked now (a usage error if wrong). */
static void parse_picture(struct argp_state *state, const char *arg)
{
	struct replay_args *args = state->input;
	struct ef_error err;

	if (replay_picture_parse(arg, &args->picture_spec, &err) != 0)
		argp_error(state, "--picture %s", err.detail);
	args->picture_name = arg;
}

/* What goes with a picture: --picture alone means --format=svg; a
 * picture is neither of the reports nor a quiz, and binary bytes are not
 * written to a terminal. */
static void check_picture_args(struct argp_state *state,
			       struct replay_args *args)
{
	if (args->picture_name != NULL && !args->format_given)
		args->picture = picture_format("svg", &args->picture_format);
	if (args->picture_name != NULL && !args->picture)
		argp_error(state, "--picture goes with --format=svg, png or "
			   "pdf");
	if (!args->picture)
		return;
	if (args->compare && args->picture_name != NULL)
		argp_error(state, "--picture draws a replay; "
			   "--compare-policies draws its own plot");
	if (args->quiet || args->quiz || args->answers ||
	    args->settings.show_each || args->settings.show_end)
		argp_error(state, "a picture goes without --quiet, --quiz, "
			   "--answers and --show");
	if (canvas_format_is_binary((enum canvas_format)args->picture_format)
	    && args->output == NULL && isatty(STDOUT_FILENO))
		argp_error(state, "--format=%s is not written to a terminal: "
			   "redirect it, or give --output FILE",
			   args->format_name ? args->format_name : "png");
}

/* The options that do not go together: usage errors (argp_error()). */
static void check_combinations(struct argp_state *state)
{
	struct replay_args *args = state->input;

	if (args->sizes != NULL && !args->compare)
		argp_error(state, "--sizes goes with "
			   "--compare-policies");
	if (args->jobs != 0 && !args->compare)
		argp_error(state, "--jobs goes with "
			   "--compare-policies");
	if (args->compare && args->settings.has_memory)
		argp_error(state, "--compare-policies chooses the "
			   "memory sizes: give them with --sizes");
	if (args->csv && !args->compare)
		argp_error(state, "--format=csv goes with "
			   "--compare-policies");
	if (args->quiz && (args->format_given || args->answers ||
			   args->compare || args->quiet ||
			   args->settings.show_each ||
			   args->settings.show_end))
		argp_error(state, "--quiz is a format of its own: not "
			   "with --format, --answers, --quiet, --show "
			   "or --compare-policies");
	if (args->answers && args->format_given && !args->brief)
		argp_error(state, "--answers is --format=brief");
	args->brief |= args->answers;
	if (args->brief && (args->settings.show_each ||
			    args->settings.show_end))
		argp_error(state, "--show goes with the text or YAML "
			   "report, not the brief one");
	if (args->brief && args->compare)
		argp_error(state, "--format=brief goes with a replay, "
			   "not with --compare-policies");
	if (args->compare && (args->settings.show_each ||
			      args->settings.show_end))
		argp_error(state, "--show goes with a replay, not "
			   "with --compare-policies");
	check_picture_args(state, args);
	if (args->html != NULL && args->compare)
		argp_error(state, "--html draws a replay, not "
			   "--compare-policies");
}

/* --format, --picture, --output, --html: what is written, and where. */
static void parse_output_option(struct argp_state *state, int key,
				const char *arg)
{
	struct replay_args *args = state->input;

	if (key == 'f')
		parse_format(state, arg);
	else if (key == OPTION_PICTURE)
		parse_picture(state, arg);
	else if (key == 'o')
		args->output = arg;
	else
		args->html = arg;
}

static error_t parse_replay(int key, char *arg, struct argp_state *state)
{
	struct replay_args *args = state->input;

	switch (key) {
	case 'q':
		args->quiet = true;
		return 0;
	case 'f': case OPTION_PICTURE: case 'o': case OPTION_HTML:
		parse_output_option(state, key, arg);
		return 0;
	case 'm': case 's': case 'p':
		parse_machine_option(state, key, arg, &args->settings);
		return 0;
	case 'c':
		args->compare = true;
		return 0;
	case OPTION_SIZES:
		args->sizes = arg;
		return 0;
	case 'j':
		parse_jobs(state, arg);
		return 0;
	case OPTION_COLOR:
		if (colour_parse(arg ? arg : "always", &args->colour) != 0)
			argp_error(state, "--color: auto, always or never, "
				   "not %s", arg);
		return 0;
	case OPTION_QUIZ:
		args->quiz = true;
		return 0;
	case OPTION_ANSWERS:
		args->answers = true;
		return 0;
	case OPTION_ALLOW_READ:
		parse_allow_read(state, arg, &args->settings, args->allow_read);
		return 0;
	case OPTION_SHOW:
		parse_show(state, arg, &args->settings);
		return 0;
	case ARGP_KEY_ARG:
		if (args->script != NULL)
			argp_error(state, "one SCRIPT at a time");
		args->script = arg;
		return 0;
	case ARGP_KEY_END:
		check_combinations(state);
		return 0;
	case ARGP_KEY_NO_ARGS:
		argp_error(state, "no SCRIPT given");
		return 0;
	default:
		return ARGP_ERR_UNKNOWN;
	}
}

static const struct argp replay_argp = {
	.options = options,
	.parser = parse_replay,
	.children = short_help,
	.args_doc = "SCRIPT",
	.doc = "Run the processes SCRIPT describes (elfault-script(5)) on an "
	       "emulated i386 MMU and Linux's page-fault handling, and print "
	       "every step and every page fault, the user's and the kernel's "
	       "own: where the page walk failed, the error code, the VMA, what "
	       "the kernel decided and what it mapped, or its exception-table "
	       "fixup, or its Oops; what reclaim takes when memory runs short "
	       "(swap-outs, dropped and written-back file pages, OOM kills) "
	       "and the /proc/vmstat counters.  SCRIPT - is standard input; "
	       "a script read from it, or from another stream, has the "
	       "working directory for its own.\v"
	       "Exit status: 0 when every expect: held, 1 when one failed (each "
	       "reported as SCRIPT:LINE:COLUMN with the expected and actual "
	       "values), 2 when the script or a file it names is wrong, or is "
	       "outside what it may read (one SCRIPT:LINE:COLUMN line), 3 when the simulated physical memory "
	       "ran out with nothing to reclaim and no process to kill, 4 when "
	       "the simulated kernel panicked in a step whose "
	       "expect: has no panic: key (and every expect: held), 70 when "
	       "elfault itself failed.",
};

/* ---- the run --------------------------------------------------------------- */

/* The failed expectations of a step (under --quiz, without the values:
 * the actual ones would be the answers). */
static void report_mismatches(const char *script, const struct replay_outcome *o,
			      bool quiz)
{
	if (o->mismatch_count != 0)	/* after the report's lines before it */
		output_thread_sync();
	for (unsigned i = 0; i < o->mismatch_count; i++) {
		const struct replay_mismatch *m = &o->mismatches[i];

		fprintf(stderr, "%s%s:%u:%u:%s %sexpectation failed:%s %s\n",
			report_colour(COLOUR_BOLD), script, m->mark.line,
			m->mark.column, report_colour(COLOUR_OFF),
			report_colour(COLOUR_RED), report_colour(COLOUR_OFF),
			m->key);
		if (!quiz)	/* as diff -u --color shows the two */
			fprintf(stderr, "%s-%s%s\n%s+%s%s\n",
				report_colour(COLOUR_RED), m->expected,
				report_colour(COLOUR_OFF),
				report_colour(COLOUR_GREEN), m->actual,
				report_colour(COLOUR_OFF));
	}
}

/* The exit status of a run that ended so (elfault(1), EXIT STATUS). */
static int exit_status_of(enum replay_end end)
{
	static const int status[] = {
		[REPLAY_END_OK] = EXIT_OK,
		[REPLAY_END_EXHAUSTED] = EXIT_EXHAUSTED,
		[REPLAY_END_REFUSED] = EXIT_REFUSED,
		[REPLAY_END_HOST] = EXIT_SOFTWARE,
	};

	return status[end];
}

/* ERR as one SCRIPT:LINE:COLUMN line on stderr. */
static void report_script_error(const char *script, const struct ef_error *err)
{
	char line[PATH_MAX + sizeof err->detail + 32];
	int at;

	replay_error_line(script, err, line, sizeof line);
	/* the position in bold red, as a compiler's "FILE:LINE:COL: error:" */
	at = (int)(strlen(script) + strspn(line + strlen(script),
					   ":0123456789"));
	fprintf(stderr, "%s%.*s%s%s\n", report_colour(COLOUR_BOLD_RED), at,
		line, report_colour(COLOUR_OFF), line + at);
}

/* On a terminal, how far the comparison is: "run N of M", rewritten in
 * place and cleared at the end. */
static void show_progress(void *ctx, unsigned done, unsigned total)
{
	if (done < total)
		fprintf(stderr, "\relfault: run %u of %u ", done, total);
	else
		fprintf(stderr, "\r%40s\r", "");
	fflush(stderr);
}

/* --compare-policies --format=svg|png|pdf: the faults per memory size
 * plotted; returns the exit status. */
static int draw_plot(const struct replay_args *args,
		     const struct replay_comparison *c)
{
	struct ef_error err;
	struct canvas *canvas;
	double width, height;

	canvas = canvas_new((enum canvas_format)args->picture_format, &err);
	if (canvas == NULL) {
		report_error("%s", err.detail);
		return EXIT_SOFTWARE;
	}
	policy_plot_draw(canvas, args->script, c, &width, &height);
	return write_picture(canvas, width, height, stdout);
}

/* --compare-policies: the table, or its YAML; returns the exit status. */
static int compare_policies(const struct replay_args *args)
{
	static struct replay_comparison c;
	struct replay_totals first;
	struct yaml_writer w;
	struct ef_error err = { 0 };
	int status = EXIT_OK;

	memset(&c, 0, sizeof c);
	if (args->sizes != NULL &&
	    replay_compare_parse_sizes(args->sizes, &c, &err) != 0) {
		report_error("--sizes: %s", err.detail);
		return EXIT_USAGE;
	}
	const struct replay_compare_progress progress = { show_progress, NULL };

	if (replay_compare_run(&args->settings, &c, &first,
			       isatty(STDERR_FILENO) ? &progress : NULL,
			       args->jobs) != 0) {
		report_script_error(args->script, &first.err);
		return exit_status_of(first.end);
	}
	for (unsigned p = 0; p < POLICY_COUNT; p++)
		for (unsigned i = 0; i < c.size_count; i++)
			if (c.runs[p][i].end == REPLAY_END_HOST)
				status = EXIT_SOFTWARE;
	if (args->picture)
		return status == EXIT_OK ? draw_plot(args, &c) : status;
	if (args->csv) {
		if (status == EXIT_OK && (replay_compare_write_csv(stdout, &c) != 0 ||
					  fflush(stdout) != 0))
			return report_output_failed(strerror(errno ? errno
								   : EIO));
		return status;
	}
	if (!args->yaml) {
		replay_compare_print(stdout, args->script, &c);
		if (fflush(stdout) != 0 || ferror(stdout))
			return report_output_failed(strerror(errno ? errno
								   : EIO));
		return status;
	}
	if (status != EXIT_OK)
		return status;
	yaml_writer_init(&w, stdout);
	yaml_writer_begin_document(&w);
	replay_compare_write_yaml(&w, args->script, &c);
	yaml_writer_end_document(&w);
	if (yaml_writer_finish(&w, &err) != 0)
		return report_output_failed(err.detail);
	return EXIT_OK;
}

/* A system call refused a file the script may not read: one warning. */
static void report_refused(const char *script, const struct replay_outcome *o)
{
	const char *call = sys_name(o->sys_nr);

	if (o->access_refused[0] == '\0' || o->action != REPLAY_SYSCALL)
		return;	/* (a step's own file: an error, reported as one) */
	output_thread_sync();
	fprintf(stderr, "%s%s:%u:%u:%s %swarning:%s %s: %s: %s\n",
		report_colour(COLOUR_BOLD), script, o->mark.line,
		o->mark.column, report_colour(COLOUR_OFF),
		report_colour(COLOUR_MAGENTA), report_colour(COLOUR_OFF),
		call ? call : "syscall",
		o->access_refused, HOST_ACCESS_REFUSED_TEXT);
}

/* The report of one step, and its failed expectations on stderr. */
struct report {
	const struct replay_args *args;
	struct yaml_writer *yaml;	/* NULL: text */
	struct replay *replay;
	struct replay_picture *picture;	/* a picture instead of a report */
	struct replay_html *html;	/* --html, or NULL */
	bool picture_failed;		/* host memory: PICTURE_ERR says */
	struct ef_error picture_err;
};

static void report_step(void *ctx, const struct replay *r,
			const struct replay_outcome *o)
{
	struct report *rep = ctx;

	if (rep->picture != NULL) {
		/* (the hook's replay is const; the picture takes views) */
		if (!rep->picture_failed &&
		    replay_picture_step(rep->picture, rep->replay, o,
					&rep->picture_err) != 0)
			rep->picture_failed = true;
	} else if (rep->yaml != NULL)
		replay_report_yaml_step(rep->yaml, r, o, rep->args->quiet);
	else if (rep->args->quiz)
		replay_report_quiz_step(stdout, o);
	else if (rep->args->brief)
		replay_report_brief_step(stdout, r, o, rep->args->quiet);
	else
		replay_report_text_step(stdout, r, o,
			(rep->args->quiet ? REPLAY_TEXT_QUIET : 0) |
			(rep->args->colour_out ? REPLAY_TEXT_COLOUR : 0));
	if (rep->html != NULL)
		replay_html_step(rep->html, rep->replay, o, rep->args->quiet);
	report_refused(rep->args->script, o);
	report_mismatches(rep->args->script, o, rep->args->quiz);
}

/* The picture of the run, once it is over; returns the exit status. */
static int finish_picture(const struct replay_args *args, struct replay *r,
			  const struct report *rep)
{
	struct ef_error err;
	struct canvas *canvas;
	double width, height;

	if (rep->picture_failed) {
		report_error("%s", rep->picture_err.detail);
		return EXIT_SOFTWARE;
	}
	if (replay_picture_finish(rep->picture, r, &err) != 0) {
		report_error("--picture %s: %s", args->picture_name
			     ? args->picture_name : "timeline", err.detail);
		return err.kind == REPLAY_PICTURE_ERR_STEP ? EXIT_USAGE
							   : EXIT_SOFTWARE;
	}
	canvas = canvas_new((enum canvas_format)args->picture_format, &err);
	if (canvas == NULL) {
		report_error("%s", err.detail);
		return EXIT_SOFTWARE;
	}
	replay_picture_draw(rep->picture, canvas, &width, &height);
	return write_picture(canvas, width, height, stdout);
}

/* Run every step, the report to W (YAML), as text, or as PICTURE; and
 * HTML's page; returns the exit status. */
static int run(const struct replay_args *args, struct step_queue *steps,
	       struct replay *r, struct yaml_writer *w, struct future *future,
	       struct replay_picture *picture, struct replay_html *html)
{
	struct report rep = { args, w, r, picture, html, false, { 0 } };
	const struct replay_run_hooks hooks = { report_step, &rep };
	struct replay_run_result run;
	int status = EXIT_OK;

	if (w != NULL) {
		yaml_writer_begin_map(w);
		yaml_writer_str(w, "steps");
		yaml_writer_begin_seq(w, false);
	}
	replay_run(r, steps, &hooks, &args->settings, future, &run);
	output_thread_sync();	/* the report's lines before stderr's */
	if (run.unexpected_panic)
		fprintf(stderr, "%s%s:%u:%u:%s the kernel panicked (an Oops "
			"in interrupt context); the replay stops\n",
			report_colour(COLOUR_BOLD_RED), args->script,
			run.panic_mark.line, run.panic_mark.column,
			report_colour(COLOUR_OFF));
	if (run.end != REPLAY_END_OK) {
		report_script_error(args->script, &run.err);
		status = exit_status_of(run.end);
	}
	if (w != NULL) {
		yaml_writer_end_seq(w);
		if (run.end != REPLAY_END_OK)
			replay_report_yaml_error(w, args->script, run.end,
						 &run.err);
		if (args->settings.show_end &&
		    replay_report_yaml_end(w, r, &run.err) != 0)
			status = EXIT_SOFTWARE;
		replay_report_yaml_summary(w, r, &run.tally);
		yaml_writer_end_map(w);
	} else if (picture != NULL) {
		if (status == EXIT_OK)
			status = finish_picture(args, r, &rep);
	} else if (status == EXIT_OK && args->quiz) {
		/* the counts would give the answers away */
		printf("\n(the answers: run it again with --answers in "
		       "place of --quiz)\n");
	} else if (status == EXIT_OK) {
		if (args->settings.show_end &&
		    replay_report_text_end(stdout, r, &run.err) != 0)
			status = EXIT_SOFTWARE;
		replay_report_text_summary(stdout, r, &run.tally);
	}
	if (status == EXIT_OK && run.tally.failed != 0)
		status = EXIT_FAILED;
	else if (status == EXIT_OK && run.unexpected_panic)
		status = EXIT_PANIC;
	if (html != NULL && replay_html_finish(html, r, &run,
					       args->settings.show_end) != 0)
		status = EXIT_SOFTWARE;
	return status;
}

/* The run of R's STEPS and its report (or picture) to standard output,
 * its HTML page to --html's file; returns the exit status. */
static int report(const struct replay_args *args, struct replay *r,
		  struct step_queue *steps)
{
	struct replay_picture *picture = NULL;
	struct replay_html *html = NULL;
	struct yaml_writer writer;
	struct future future;
	struct ef_error err;
	int status;

	if (args->picture && (picture = replay_picture_new(
			&args->picture_spec, args->script, &err)) == NULL) {
		report_error("%s", err.detail);
		return EXIT_SOFTWARE;
	}
	if (args->html != NULL &&
	    (html = replay_html_new(args->script, args->html)) == NULL) {
		replay_picture_free(picture);
		return EXIT_SOFTWARE;
	}
	replay_collect_resident(r, args->brief);
	future_init(&future);
	if (args->yaml) {
		yaml_writer_init(&writer, stdout);
		yaml_writer_begin_document(&writer);
	}
	status = run(args, steps, r, args->yaml ? &writer : NULL, &future,
		     picture, html);
	if (args->yaml) {
		yaml_writer_end_document(&writer);
		if (yaml_writer_finish(&writer, &err) != 0)
			status = report_output_failed(err.detail);
	}
	future_release(&future);
	replay_picture_free(picture);
	replay_html_free(html);
	return status;
}

/* The replay of ARGS' script; returns the exit status. */
static int replay(const struct replay_args *args)
{
	struct ef_error err;
	struct script *script;
	struct step_queue *steps;
	struct replay *r;
	bool threaded_output, written;
	int status;

	script = replay_open_script(&args->settings, &err);
	if (script == NULL) {
		report_error("%s: %s", args->script, err.detail);
		return err.kind == SCRIPT_ERR_OPEN ? EXIT_REFUSED : EXIT_SOFTWARE;
	}
	r = replay_new_for(&args->settings, &err);
	steps = r ? step_queue_new(script, batch_ring_worth_a_thread(), &err)
		  : NULL;
	if (steps == NULL ||
	    replay_apply_settings(r, &args->settings, &err) != 0) {
		step_queue_free(steps);
		replay_free(r);
		script_close(script);
		report_error("%s", err.detail);
		return EXIT_SOFTWARE;
	}
	threaded_output = output_thread_start();
	status = report(args, r, steps);
	written = status != EXIT_SOFTWARE;	/* one line for a failed write */
	step_queue_free(steps);
	replay_free(r);
	script_close(script);
	if ((threaded_output ? output_thread_finish() : fflush(stdout)) != 0 &&
	    written)
		status = report_output_failed(strerror(errno ? errno : EIO));
	return status;
}

/* A script on a stream ("-", /dev/stdin, a pipe: stream.h) is read
 * whole now, for every run to read it from memory, and is named in
 * messages as given ("-": <stdin>); its relative paths are the working
 * directory's.  Returns the exit status: EXIT_OK to go on. */
static int read_stream(struct replay_args *args)
{
	int rc;

	if (!stream_path(args->script))
		return EXIT_OK;
	rc = stream_read_path(args->script, &args->text, &args->text_size);
	if (rc != 0) {
		report_error("%s: %s", args->script, strerror(-rc));
		return rc == -ENOMEM ? EXIT_SOFTWARE : EXIT_REFUSED;
	}
	if (strcmp(args->script, STREAM_STDIN_ARG) == 0)
		args->script = STREAM_STDIN_NAME;
	args->settings.script = args->script;
	args->settings.script_text = args->text;
	args->settings.script_size = args->text_size;
	return EXIT_OK;
}

/* --color: the report's colour by standard output, the error lines' by
 * standard error (colour.h). */
static void decide_colour(struct replay_args *args)
{
	const char *no_color = getenv("NO_COLOR"), *term = getenv("TERM");

	args->colour_out = colour_decide(args->colour, isatty(STDOUT_FILENO),
					 no_color, term);
	report_use_colour(colour_decide(args->colour, isatty(STDERR_FILENO),
					no_color, term));
}

/* --output FILE: standard output goes to FILE, for the reports (and the
 * thread that writes them) and the pictures alike.  Returns the exit
 * status: EXIT_SOFTWARE after the error's line. */
static int redirect_output(const char *path)
{
	int fd;

	if (path == NULL)
		return EXIT_OK;
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
	if (fd < 0 || dup2(fd, STDOUT_FILENO) < 0) {
		report_error("%s: cannot be written: %s", path,
			     strerror(errno));
		if (fd >= 0)
			close(fd);
		return EXIT_SOFTWARE;
	}
	if (fd != STDOUT_FILENO)
		close(fd);
	return EXIT_OK;
}

/* What the command line asks for before any replay: a picture this
 * elfault can draw, the output file.  Returns the exit status: EXIT_OK
 * to go on. */
static int start(const struct replay_args *args)
{
	int status;

	if (args->picture &&
	    (status = picture_unavailable("--format")) != EXIT_OK)
		return status;
	if (args->html != NULL &&
	    (status = picture_unavailable("--html")) != EXIT_OK)
		return status;
	return redirect_output(args->output);
}

int cmd_replay(int argc, char **argv)
{
	struct replay_args args = { 0 };
	int status;

	args.picture_spec.fault = 1;	/* the timeline, unless --picture */
	argp_parse(&replay_argp, argc, argv, 0, NULL, &args);
	args.settings.script = args.script;
	status = start(&args);	/* (--output first: colour is a terminal's) */
	decide_colour(&args);
	if (status == EXIT_OK)
		status = read_stream(&args);
	if (status != EXIT_OK)
		return status;
	status = args.compare ? compare_policies(&args) : replay(&args);
	free(args.text);
	return status;
}
