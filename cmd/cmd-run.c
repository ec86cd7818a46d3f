/* cmd-run.c - `elfault run PROGRAM [ARG...]`: a real i386 program
 * executed on the modelled kernel, every page fault and system call
 * reported as a replay's steps are. */
#include <config.h>

#include <argp.h>
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "commands.h"
#include "fault.h"
#include "host_access.h"
#include "replay.h"
#include "replay_report.h"
#include "replay_run.h"
#include "syscalls.h"
#include "yaml_writer.h"

#include "program_run.h"
#include "run-output.h"

struct run_args {
	const char *program;
	char **argv;		/* the program's, argv[0] first */
	unsigned argc;
	bool quiet;
	bool yaml;
	const char *record;	/* --record FILE */
	const char *program_output;	/* --program-output FILE */
	struct program_run_options options; /* --max-instructions,
					     * --continue */
	struct replay_settings settings;
	const char *allow_read[REPLAY_MAX_ALLOW_READ];
};

enum { OPTION_RECORD = 256, OPTION_ALLOW_READ, OPTION_BUDGET,
       OPTION_CONTINUE, OPTION_PROGRAM_OUTPUT, OPTION_SHOW };

static const struct argp_option options[] = {
	{ "quiet", 'q', NULL, 0, "print only the steps that fault or "
	  "reclaim", 0 },
	{ "format", 'f', "FORMAT", 0, "text (the default) or yaml", 0 },
	{ "memory", 'm', "SIZE", 0, "physical memory (96K to 4G; K, M, G "
	  "suffixes; default 64M)", 0 },
	{ "swap", 's', "SIZE", 0, "a swap area of SIZE (default: none)", 0 },
	{ "policy", 'p', "POLICY", 0, "page replacement: lru2q (the kernel's, "
	  "the default), clock, fifo, lru or opt", 0 },
	{ "record", OPTION_RECORD, "FILE", 0, "write the run as a replay "
	  "script: its steps, each fault's kind expected", 0 },
	{ "allow-read", OPTION_ALLOW_READ, "DIR", 0, "let the program open "
	  "the host's files under DIR too (repeatable); by default those "
	  "under the current directory and the program's", 0 },
	{ "continue", OPTION_CONTINUE, NULL, 0, "when nothing else can run "
	  "and the program's first process has stopped itself (SIGSTOP), "
	  "continue it, as the ground-truth VM's harness does", 0 },
	{ "max-instructions", OPTION_BUDGET, "N", 0, "stop the run after N "
	  "instructions (default 1000000000; 0: no limit)", 0 },
	{ "show", OPTION_SHOW, "WHEN", 0, "each: after every step, the running "
	  "process's VMAs, page tables and the frames in use; end: after the "
	  "run, every live process's and the frames", 0 },
	{ "program-output", OPTION_PROGRAM_OUTPUT, "FILE", 0, "write what the "
	  "program writes to its standard output and error to FILE, as it "
	  "writes it, instead of into the report", 0 },
	{ 0 }
};

static void parse_budget(const char *arg, struct argp_state *state)
{
	struct run_args *args = state->input;
	char *end;

	errno = 0;
	args->options.budget = strtoull(arg, &end, 0);
	if (errno != 0 || end == arg || *end != '\0' || arg[0] == '-')
		argp_error(state, "--max-instructions: %s is not a count", arg);
}

static error_t parse_run(int key, char *arg, struct argp_state *state)
{
	struct run_args *args = state->input;

	switch (key) {
	case 'q':
		args->quiet = true;
		return 0;
	case 'f':
		args->yaml = format_is_yaml(state, arg);
		return 0;
	case 'm': case 's': case 'p':
		parse_machine_option(state, key, arg, &args->settings);
		return 0;
	case OPTION_RECORD:
		args->record = arg;
		return 0;
	case OPTION_ALLOW_READ:
		parse_allow_read(state, arg, &args->settings, args->allow_read);
		return 0;
	case OPTION_BUDGET:
		parse_budget(arg, state);
		return 0;
	case OPTION_CONTINUE:
		args->options.continue_first = true;
		return 0;
	case OPTION_PROGRAM_OUTPUT:
		args->program_output = arg;
		return 0;
	case OPTION_SHOW:
		parse_show(state, arg, &args->settings);
		return 0;
	case ARGP_KEY_ARG:	/* PROGRAM: it and the rest are the program's */
		args->program = arg;
		args->argv = &state->argv[state->next - 1];
		args->argc = (unsigned)(state->argc - state->next + 1);
		state->next = state->argc;
		return 0;
	case ARGP_KEY_NO_ARGS:
		argp_usage(state);
		return 0;
	default:
		return ARGP_ERR_UNKNOWN;
	}
}

static const char doc[] =
	"Run the i386 program PROGRAM with its arguments on the modelled "
	"kernel: the Unicorn engine executes its instructions, every memory "
	"access goes through the emulated MMU, and each page fault and "
	"system call is a step of the report, as elfault replay prints a "
	"script's.\vWhat the program writes to its standard output and error "
	"is shown after the step that wrote it, each line marked \"pid N> \" "
	"(\"pid N 2> \" for standard error), or in the YAML report's "
	"output: list; its standard input is /dev/null.  A call the model "
	"does not have returns ENOSYS, and is named once on standard error.  "
	"elfault run exits 0 when the run ended (the program's exit status, "
	"or the signal that ended it, is in the summary), 2 when the program "
	"cannot be run, runs past --max-instructions or sleeps for good (no "
	"process left can wake it), 3 when simulated "
	"memory ran out, 70 on elfault's own failures.  See elfault(1), "
	"RUNNING PROGRAMS.";

static const struct argp run_argp = {
	options, parse_run, "PROGRAM [ARG...]", doc, short_help, NULL, NULL
};

#ifdef HAVE_UNICORN

/* ---- --record: the run as a script -------------------------------------- */

/* A value as the script would write it: a number plain, a name as a
 * string. */
static void record_value(struct yaml_writer *w, const char *text)
{
	if (isdigit((unsigned char)text[0]))
		yaml_writer_number(w, text);
	else
		yaml_writer_str(w, text);
}

/* One field of a step, as the script has it; the program of exec: by its
 * absolute path, as the script may live anywhere. */
static void record_field(struct yaml_writer *w, const struct script_step *step,
			 const struct script_field *f)
{
	char path[PATH_MAX];

	yaml_writer_str(w, f->key);
	if (strcmp(f->key, "exec") == 0 &&
	    realpath(script_field_text(step, f, 0), path) != NULL) {
		yaml_writer_str(w, path);
	} else if (!f->is_list) {
		record_value(w, script_field_text(step, f, 0));
	} else {
		yaml_writer_begin_seq(w, true);
		for (unsigned i = 0; i < f->value_count; i++)
			record_value(w, script_field_text(step, f, i));
		yaml_writer_end_seq(w);
	}
}

/* STEP, with the kinds of its faults expected (a list when several). */
static void record_step(struct yaml_writer *w, const struct script_step *step,
			const struct replay_outcome *o)
{
	yaml_writer_begin_map(w);
	for (unsigned i = 0; i < step->field_count; i++)
		record_field(w, step, &step->fields[i]);
	if (o->fault_count > 0) {
		yaml_writer_str(w, "expect");
		yaml_writer_begin_map(w);
		yaml_writer_str(w, "fault");
		if (o->fault_count > 1)
			yaml_writer_begin_seq(w, true);
		for (unsigned i = 0; i < o->fault_count; i++)
			yaml_writer_str(w, fault_kind_facts(
					o->faults[i].result.kind)->name);
		if (o->fault_count > 1)
			yaml_writer_end_seq(w);
		yaml_writer_end_map(w);
	}
	yaml_writer_end_map(w);
}

/* ---- the report --------------------------------------------------------- */

struct report {
	const struct run_args *args;
	struct run_output *output;
	struct yaml_writer *yaml;	/* NULL: text */
	struct yaml_writer *record;	/* NULL: no --record */
	struct replay_tally tally;
	uint32_t *unmodelled;		/* the calls said not modelled */
	size_t unmodelled_count;
};

/* A call the model does not have: said on stderr, once per number. */
static void say_unmodelled(struct report *rep, uint32_t nr)
{
	uint32_t *grown;

	for (size_t i = 0; i < rep->unmodelled_count; i++)
		if (rep->unmodelled[i] == nr)
			return;
	report_error("%s: system call %" PRIu32 " is not modelled: -ENOSYS",
		     rep->args->program, nr);
	grown = realloc(rep->unmodelled,
			(rep->unmodelled_count + 1) * sizeof *grown);
	if (grown != NULL) {
		rep->unmodelled = grown;
		rep->unmodelled[rep->unmodelled_count++] = nr;
	}
}

/* A call refused a host file the program may not open: one warning, as
 * replay's (the call itself failed with EACCES). */
static void say_refused(const struct report *rep,
			const struct replay_outcome *o)
{
	const char *call = sys_name(o->sys_nr);

	if (o->access_refused[0] == '\0' || o->action != REPLAY_SYSCALL)
		return;
	report_error("%s: warning: %s: %s: %s", rep->args->program,
		     call ? call : "syscall", o->access_refused,
		     HOST_ACCESS_REFUSED_RUN_TEXT);
}

static void report_step(void *ctx, const struct replay *r,
			const struct script_step *step,
			const struct replay_outcome *o)
{
	struct report *rep = ctx;

	replay_tally_count(&rep->tally, o);
	if (o->sys_not_modelled)
		say_unmodelled(rep, o->sys_nr);
	say_refused(rep, o);
	if (rep->yaml != NULL)
		replay_report_yaml_step(rep->yaml, r, o, rep->args->quiet);
	else
		replay_report_text_step(stdout, r, o,
					rep->args->quiet ? REPLAY_TEXT_QUIET : 0);
	if (rep->yaml == NULL)
		run_output_flush_text(rep->output, stdout, false);
	if (rep->record != NULL)
		record_step(rep->record, step, o);
}

static void report_continued(void *ctx, int pid)
{
	struct report *rep = ctx;

	if (rep->yaml == NULL)
		printf("pid %d stopped; continued (--continue)\n", pid);
}

static int begin_record(const struct run_args *args, FILE **file,
			struct yaml_writer *w)
{
	*file = fopen(args->record, "w");
	if (*file == NULL) {
		report_error("--record: %s: %s", args->record, strerror(errno));
		return -1;
	}
	yaml_writer_init(w, *file);
	yaml_writer_begin_document(w);
	yaml_writer_begin_map(w);
	yaml_writer_str(w, "steps");
	yaml_writer_begin_seq(w, false);
	return 0;
}

static int end_record(FILE *file, struct yaml_writer *w, const char *path)
{
	struct ef_error err;
	int rc;

	yaml_writer_end_seq(w);
	yaml_writer_end_map(w);
	yaml_writer_end_document(w);
	rc = yaml_writer_finish(w, &err);
	if (fclose(file) != 0 && rc == 0) {
		snprintf(err.detail, sizeof err.detail, "%s", strerror(errno));
		rc = -1;
	}
	if (rc != 0)
		report_error("--record: %s: %s", path, err.detail);
	return rc;
}

/* The run's end: the error line, and the exit status. */
static int run_status(const struct run_args *args, int rc,
		      const struct ef_error *err)
{
	enum replay_end end;

	if (rc == 0)
		return EXIT_OK;
	end = err->kind >= EF_ERR_BASE(EF_DOMAIN_PROGRAM_RUN) &&
	      err->kind < EF_ERR_BASE(EF_DOMAIN_PROGRAM_RUN + 1)
	      ? (err->kind == PROGRAM_RUN_ERR_NOMEM ? REPLAY_END_HOST
						     : REPLAY_END_REFUSED)
	      : replay_end_of(err, false);
	if (err->line == 1)	/* the exec: step, which names the program */
		report_error("%s", err->detail);
	else if (err->line != 0)
		report_error("%s: step %u: %s", args->program, err->line,
			     err->detail);
	else
		report_error("%s: %s", args->program, err->detail);
	return end == REPLAY_END_EXHAUSTED ? EXIT_EXHAUSTED
	       : end == REPLAY_END_HOST ? EXIT_SOFTWARE : EXIT_REFUSED;
}

/* --show=end: the machine at the end of a run that ended (RC 0), into
 * YAML's end: or as text.  Returns 0, or -1 after saying why. */
static int show_end(const struct run_args *args, struct replay *r,
		    struct yaml_writer *yaml, int rc)
{
	struct ef_error err;

	if (!args->settings.show_end || rc != 0)
		return 0;
	if ((yaml ? replay_report_yaml_end(yaml, r, &err)
		  : replay_report_text_end(stdout, r, &err)) == 0)
		return 0;
	report_error("--show=end: %s", err.detail);
	return -1;
}

static int run_program(const struct run_args *args, struct replay *r,
		       struct run_output *output, struct yaml_writer *yaml,
		       struct yaml_writer *record)
{
	struct report rep = { .args = args, .output = output, .yaml = yaml,
			      .record = record };
	const struct program_run_hooks hooks = { report_step,
						 report_continued, &rep };
	struct program_run_result result;
	struct ef_error err = { 0 };
	int rc, status;

	if (yaml != NULL) {
		yaml_writer_begin_map(yaml);
		yaml_writer_str(yaml, "steps");
		yaml_writer_begin_seq(yaml, false);
	}
	rc = program_run(r, args->program, (const char *const *)args->argv,
			 args->argc, &args->options, &hooks, &result, &err);
	if (yaml == NULL)
		run_output_flush_text(output, stdout, true);
	fflush(stdout);
	status = run_status(args, rc, &err);
	if (yaml != NULL) {
		yaml_writer_end_seq(yaml);
		if (show_end(args, r, yaml, rc) != 0)
			status = EXIT_SOFTWARE;
		run_output_yaml(output, yaml);
		replay_report_yaml_summary(yaml, r, &rep.tally);
		yaml_writer_key_int(yaml, "exit-code", result.exit_code);
		yaml_writer_key_int(yaml, "instructions",
				    (long long)result.instructions);
		yaml_writer_end_map(yaml);
	} else if (rc == 0) {
		if (show_end(args, r, NULL, rc) != 0)
			status = EXIT_SOFTWARE;
		replay_report_text_summary(stdout, r, &rep.tally);
		if (result.exit_code < 0)
			printf("%s stopped (SIGSTOP) after %llu instructions"
			       "\n", args->program,
			       (unsigned long long)result.instructions);
		else
			printf("%s exited with %d after %llu instructions\n",
			       args->program, result.exit_code,
			       (unsigned long long)result.instructions);
	}
	free(rep.unmodelled);
	return status;
}

/* A replay whose "script" directory is the current one, reading the
 * program's own directory too.  The program the user named is read
 * through its real path (a link such as /bin -> usr/bin included), and
 * execve() is given the path as named. */
static struct replay *new_replay(struct run_args *args, struct ef_error *err)
{
	static char real[PATH_MAX], program_dir[PATH_MAX];
	char *slash;
	struct replay *r;

	if (realpath(args->program, real) != NULL &&
	    strcmp(real, args->program) != 0) {
		args->options.path = args->program;
		args->program = real;
	}
	snprintf(program_dir, sizeof program_dir, "%s", args->program);
	slash = strrchr(program_dir, '/');
	if (slash == NULL)
		snprintf(program_dir, sizeof program_dir, ".");
	else
		slash[slash == program_dir] = '\0';
	r = replay_new("./elfault-run", err);
	if (r == NULL)
		return NULL;
	replay_show_each(r, args->settings.show_each);
	if (replay_apply_settings(r, &args->settings, err) != 0 ||
	    replay_allow_read(r, program_dir, err) != 0) {
		replay_free(r);
		return NULL;
	}
	return r;
}

/* The program's output: to --program-output's FILE (*RAW), or kept for
 * the report; the machine's terminal writes into it. */
static int begin_output(const struct run_args *args, struct replay *r,
			struct run_output *output, FILE **raw)
{
	struct terminal_output terminal;

	*raw = NULL;
	if (args->program_output != NULL &&
	    (*raw = fopen(args->program_output, "w")) == NULL) {
		report_error("--program-output: %s: %s", args->program_output,
			     strerror(errno));
		return -1;
	}
	run_output_init(output, args->yaml, *raw);
	terminal = run_output_terminal(output);
	replay_send_terminal(r, &terminal);
	return 0;
}

/* STATUS, unless the program's output could not be kept or written. */
static int end_output(const struct run_args *args, struct run_output *output,
		      FILE *raw, int status)
{
	bool failed = output->failed;
	const char *why = "out of memory";

	if (raw != NULL && (fclose(raw) != 0 || failed)) {
		failed = true;
		why = strerror(errno ? errno : EIO);
	}
	run_output_release(output);
	if (!failed)
		return status;
	report_error("%s: the program's output: %s",
		     raw ? args->program_output : args->program, why);
	return status == EXIT_OK ? EXIT_SOFTWARE : status;
}

/* The vDSO's image (vdso.h): in $ELFAULT_DATADIR when it is set (the
 * tests point it at the source tree's data/), else beside the program
 * (a build tree's ./elfault), else in the package's data directory.
 * Without it the vDSO's pages are zeros: a warning, and a program that
 * calls into them dies of it. */
static const struct vdso_image *load_vdso(void)
{
	static struct vdso_image image;
	const char *env = getenv("ELFAULT_DATADIR");
	char exe[PATH_MAX], path[PATH_MAX + 64];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	struct ef_error err;
	char *slash;

	exe[n > 0 ? n : 0] = '\0';
	slash = strrchr(exe, '/');
	if (slash != NULL)
		*slash = '\0';
	if (env != NULL && *env != '\0')
		snprintf(path, sizeof path, "%s/%s", env, VDSO_IMAGE_FILE);
	else
		snprintf(path, sizeof path, "%s/data/%s", exe, VDSO_IMAGE_FILE);
	if ((env == NULL || *env == '\0') && access(path, R_OK) != 0)
		snprintf(path, sizeof path, "%s/%s", PKGDATADIR,
			 VDSO_IMAGE_FILE);
	if (vdso_image_load(&image, path, &err) == 0)
		return &image;
	report_error("warning: the vDSO: %s; its pages are zeros", err.detail);
	return NULL;
}

int cmd_run(int argc, char **argv)
{
	struct run_args args = { .options.budget = 1000000000 };
	struct yaml_writer writer, recorder;
	FILE *record_file = NULL, *raw;
	struct run_output output;
	struct ef_error err;
	struct replay *r;
	int status;

	argp_parse(&run_argp, argc, argv, ARGP_IN_ORDER, NULL, &args);
	args.options.vdso = load_vdso();
	r = new_replay(&args, &err);
	if (r == NULL) {
		report_error("%s: %s", args.program, err.detail);
		return EXIT_REFUSED;
	}
	if (begin_output(&args, r, &output, &raw) != 0 ||
	    (args.record && begin_record(&args, &record_file, &recorder))) {
		if (raw != NULL)
			fclose(raw);
		replay_free(r);
		return EXIT_FAILED;
	}
	if (args.yaml) {
		yaml_writer_init(&writer, stdout);
		yaml_writer_begin_document(&writer);
	}
	status = run_program(&args, r, &output, args.yaml ? &writer : NULL,
			     args.record ? &recorder : NULL);
	if (args.yaml) {
		yaml_writer_end_document(&writer);
		if (yaml_writer_finish(&writer, &err) != 0)
			status = report_output_failed(err.detail);
	}
	if (record_file && end_record(record_file, &recorder, args.record) &&
	    status == EXIT_OK)
		status = EXIT_SOFTWARE;
	status = end_output(&args, &output, raw, status);
	replay_free(r);
	if (fflush(stdout) != 0 && status != EXIT_SOFTWARE)
		status = report_output_failed(strerror(errno ? errno : EIO));
	return status;
}

#else	/* !HAVE_UNICORN */

int cmd_run(int argc, char **argv)
{
	struct run_args args = { 0 };

	argp_parse(&run_argp, argc, argv, ARGP_IN_ORDER, NULL, &args);
	report_error("run: this elfault was built without the Unicorn engine "
		     "(configure --without-unicorn): it has no CPU to run "
		     "programs on");
	return EXIT_UNAVAILABLE;
}

#endif
