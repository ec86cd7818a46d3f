/* cmd-maps.c - `elfault maps FILE [ARG...]`: /proc/PID/maps right after
 * exec(), on a modelled kernel. */
#include <config.h>

#include <argp.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "canvas.h"
#include "commands.h"
#include "elf_image.h"
#include "exec_layout.h"
#include "exec_target.h"
#include "html_page.h"
#include "maps_picture.h"
#include "maps_report.h"
#include "stream.h"
#include "yaml_writer.h"

struct maps_args {
	const char *target_name;
	const char *sysroot;
	bool yaml;
	bool picture;		/* --format=svg|png|pdf */
	int picture_format;	/* enum canvas_format */
	const char *format_name;
	const char *output;	/* --output FILE, or NULL: stdout */
	const char *html;	/* --html FILE, or NULL */
	bool sections;
	bool stack;
	const char **env;
	size_t env_count;
	char **program;		/* FILE and its arguments */
	int program_count;
};

enum { OPT_SYSROOT = 1000, OPT_HTML, OPT_OUTPUT = 'o' };

static const struct argp_option options[] = {
	{ "target", 't', "TARGET", 0,
	  "the kernel and process kind: i386 (native 32-bit 6.1, the default "
	  "for ELF32), i386-on-x86-64 (32-bit process on a 64-bit 6.18 "
	  "kernel), x86-64 (the default for ELF64)", 0 },
	{ "sysroot", OPT_SYSROOT, "DIR", 0,
	  "look the program interpreter (PT_INTERP) up under DIR (default /)", 0 },
	{ "env", 'e', "NAME=VALUE", 0,
	  "add a string to the environment (repeatable; the default "
	  "environment is empty)", 0 },
	{ "sections", 's', NULL, 0,
	  "list under each VMA the ELF sections it holds", 0 },
	{ "stack", 'S', NULL, 0,
	  "after the maps, list the initial stack exec wrote: argc, argv, "
	  "envp and the auxiliary vector (in YAML, a stack key)", 0 },
	{ "format", 'f', "FORMAT", 0, "text (the default), yaml, or a "
	  "picture: svg, png or pdf (the address space; with --sections the "
	  "ELF file beside its VMAs)", 0 },
	{ "output", OPT_OUTPUT, "FILE", 0,
	  "write to FILE instead of standard output", 0 },
	{ "html", OPT_HTML, "FILE", 0,
	  "also write one self-contained HTML page to FILE: the maps with "
	  "the address space drawn, the sections with the ELF file beside "
	  "its VMAs drawn", 0 },
	{ 0 }
};

static void add_env(struct argp_state *state, struct maps_args *args,
		    const char *entry)
{
	const char **grown = realloc(args->env,
				     (args->env_count + 1) * sizeof *grown);

	if (grown == NULL)
		argp_failure(state, EXIT_FAILED, 0, "out of memory");
	args->env = grown;
	args->env[args->env_count++] = entry;
}

/* What a picture cannot be asked for: the stack's words (text), and
 * binary bytes on a terminal. */
static void check_picture_args(struct argp_state *state,
			       const struct maps_args *args)
{
	if (!args->picture)
		return;
	if (args->stack)
		argp_error(state, "--stack is text only, not --format=%s",
			   args->format_name);
	if (canvas_format_is_binary((enum canvas_format)args->picture_format)
	    && args->output == NULL && isatty(STDOUT_FILENO))
		argp_error(state, "--format=%s is not written to a terminal: "
			   "redirect it, or give --output FILE",
			   args->format_name);
}

static error_t parse_maps(int key, char *arg, struct argp_state *state)
{
	struct maps_args *args = state->input;

	switch (key) {
	case 't':
		if (exec_target_by_name(arg) == NULL)
			argp_error(state, "--target: %s is not one of i386, "
				   "i386-on-x86-64, x86-64", arg);
		args->target_name = arg;
		return 0;
	case OPT_SYSROOT:
		args->sysroot = arg;
		return 0;
	case 'e':
		if (strchr(arg, '=') == NULL)
			argp_error(state, "--env wants NAME=VALUE, not '%s'", arg);
		add_env(state, args, arg);
		return 0;
	case 's':
		args->sections = true;
		return 0;
	case 'S':
		args->stack = true;
		return 0;
	case 'f':
		args->format_name = arg;
		args->picture = picture_format(arg, &args->picture_format);
		if (args->picture)
			args->yaml = false;
		else if (strcmp(arg, "yaml") != 0 && strcmp(arg, "text") != 0)
			argp_error(state, "unknown format '%s' (text, yaml, svg, "
				   "png or pdf)", arg);
		else
			args->yaml = strcmp(arg, "yaml") == 0;
		return 0;
	case OPT_OUTPUT:
		args->output = arg;
		return 0;
	case OPT_HTML:
		args->html = arg;
		return 0;
	case ARGP_KEY_SUCCESS:
		check_picture_args(state, args);
		return 0;
	case ARGP_KEY_ARG:
		/* FILE: the rest of the line is the program's argv. */
		args->program = state->argv + state->next - 1;
		args->program_count = state->argc - state->next + 1;
		state->next = state->argc;
		return 0;
	case ARGP_KEY_NO_ARGS:
		argp_error(state, "no FILE given");
		return 0;
	default:
		return ARGP_ERR_UNKNOWN;
	}
}

static const struct argp maps_argp = {
	.options = options,
	.parser = parse_maps,
	.children = short_help,
	.args_doc = "FILE [ARG...]",
	.doc = "Print the address space exec() of FILE (with argv FILE ARG... "
	       "and the given environment) builds, as `cat /proc/PID/maps` "
	       "shows it right after exec, on the target's kernel with ASLR "
	       "off.  FILE - is /dev/stdin (standard input redirected from "
	       "the program's file).\v"
	       "On the i386 target a last line shows the kernel's 1 GiB, which "
	       "/proc/PID/maps does not list. Exit status: 0 when exec "
	       "succeeds, 1 when FILE cannot be read, 2 when the kernel "
	       "refuses to exec it (the errno is named), 64 for a PNG or PDF "
	       "to a terminal, 69 for a picture when elfault was built "
	       "without cairo, 70 when the output cannot be written.",
};

/* The kernel's refusal, as one line. */
static void report_exec_error(const char *path, const struct ef_error *err,
			      const struct mm *mm)
{
	if (mm->killed)
		report_error("%s: exec fails with %s (%s) past its point of no "
			     "return, so the kernel kills the process "
			     "(SIGSEGV): %s", path, exec_error_name(err->kind),
			     exec_error_text(err->kind), err->detail);
	else
		report_error("%s: exec fails with %s (%s): %s", path,
			     exec_error_name(err->kind),
			     exec_error_text(err->kind), err->detail);
}

/* Fig. 14.22, or with --sections Fig. 14.23. */
static int print_picture(const struct maps_args *args, const struct mm *mm,
			 const struct elf_image *image, FILE *out)
{
	struct ef_error err;
	struct canvas *canvas = canvas_new(
		(enum canvas_format)args->picture_format, &err);
	double width, height;
	int drawn;

	if (canvas == NULL) {
		report_error("%s", err.detail);
		return EXIT_SOFTWARE;
	}
	drawn = args->sections
		? maps_picture_sections(canvas, mm, image, &width, &height)
		: maps_picture_address_space(canvas, mm, &width, &height);
	if (drawn != 0) {
		canvas_free(canvas);
		report_error("out of memory");
		return EXIT_SOFTWARE;
	}
	return write_picture(canvas, width, height, out);
}

static int print_layout(const struct maps_args *args, const struct mm *mm,
			const struct elf_image *image, FILE *out)
{
	const struct elf_image *annotate = args->sections ? image : NULL;
	struct yaml_writer writer;
	struct ef_error err;

	if (args->picture)
		return print_picture(args, mm, image, out);
	if (!args->yaml) {
		maps_report_text(out, mm, annotate);
		maps_report_kernel_region(out, mm);
		if (args->stack) {
			fputs("\ninitial stack:\n", out);
			maps_report_stack(out, mm);
		}
		return EXIT_OK;
	}
	yaml_writer_init(&writer, out);
	yaml_writer_begin_document(&writer);
	maps_report_yaml(&writer, mm, annotate, args->stack);
	yaml_writer_end_document(&writer);
	if (yaml_writer_finish(&writer, &err) != 0)
		return report_output_failed(err.detail);
	return EXIT_OK;
}

/* Close OUT (flushing what is left), turning a failed write into the
 * exit status every command gives for it. */
static int close_output(FILE *out, int status)
{
	errno = 0;
	if (fflush(out) != 0 || ferror(out))
		status = report_output_failed(strerror(errno ? errno : EIO));
	if (out != stdout && fclose(out) != 0 && status == EXIT_OK)
		status = report_output_failed(strerror(errno ? errno : EIO));
	return status;
}

/* The text report of MM (annotated with IMAGE's sections when not NULL,
 * with the initial stack when STACK) on PAGE.  Returns -1 when out of
 * memory. */
static int html_report(struct html_page *page, const struct mm *mm,
		       const struct elf_image *image, bool stack)
{
	char *text = NULL;
	size_t length = 0;
	FILE *memory = open_memstream(&text, &length);

	if (memory == NULL)
		return -1;
	maps_report_text(memory, mm, image);
	maps_report_kernel_region(memory, mm);
	if (stack) {
		fputs("\ninitial stack:\n", memory);
		maps_report_stack(memory, mm);
	}
	if (fclose(memory) != 0) {
		free(text);
		return -1;
	}
	html_page_text(page, text, length);
	free(text);
	return 0;
}

/* A picture of MM (with IMAGE: Fig. 14.23) on PAGE, captioned. */
static int html_picture(struct html_page *page, const struct mm *mm,
			const struct elf_image *image, const char *caption)
{
	struct ef_error err;
	struct canvas *canvas = canvas_new(CANVAS_SVG, &err);
	double width, height;

	if (canvas == NULL)
		return -1;
	if ((image != NULL
	     ? maps_picture_sections(canvas, mm, image, &width, &height)
	     : maps_picture_address_space(canvas, mm, &width, &height)) != 0) {
		canvas_free(canvas);
		return -1;
	}
	return html_page_picture(page, canvas, width, height, caption, &err);
}

/* --html FILE: the maps and the address space, then the sections and
 * the file beside its VMAs.  Returns the exit status. */
static int write_html(const struct maps_args *args, const struct mm *mm,
		      const struct elf_image *image)
{
	FILE *out = open_output(args->html);
	struct html_page page;
	char title[4200];
	int drawn;

	if (out == NULL)
		return EXIT_SOFTWARE;
	snprintf(title, sizeof title, "elfault maps %s", args->program[0]);
	html_page_begin(&page, out, title);
	html_page_heading(&page, "The address space after exec");
	drawn = html_report(&page, mm, NULL, args->stack) == 0 &&
		html_picture(&page, mm, NULL, "The address space: left the "
			     "whole line to scale, right the VMAs (Fig. "
			     "14.22).") == 0;
	html_page_heading(&page, "The ELF file beside its VMAs");
	drawn = drawn && html_report(&page, mm, image, false) == 0 &&
		html_picture(&page, mm, image, "The file's sections and where "
			     "exec maps them (Fig. 14.23).") == 0;
	html_page_end(&page);
	if (!drawn) {
		report_error("%s: drawing the page failed (out of memory)",
			     args->html);
		fclose(out);
		return EXIT_SOFTWARE;
	}
	return close_output(out, EXIT_OK);
}

static int run_exec(const struct maps_args *args, struct elf_image *image,
		    FILE *out)
{
	const struct exec_target *target = args->target_name
		? exec_target_by_name(args->target_name)
		: exec_target_default(image);
	struct exec_args exec = {
		.filename = args->program[0],
		.argv = (const char *const *)args->program,
		.argc = (size_t)args->program_count,
		.envp = args->env,
		.envc = args->env_count,
		.sysroot = args->sysroot,
	};
	struct ef_error err;
	struct mm mm;
	int status;

	if (exec_layout_build(image, target, &exec, &mm, &err) != 0) {
		if (err.kind == EXEC_ERR_HOST)
			report_error("%s: out of memory", args->program[0]);
		else
			report_exec_error(args->program[0], &err, &mm);
		mm_release(&mm);
		return EXIT_REFUSED;
	}
	status = print_layout(args, &mm, image, out);
	if (status == EXIT_OK && args->html != NULL)
		status = write_html(args, &mm, image);
	mm_release(&mm);
	return status;
}

/* The program named on the command line, opened; NULL after its error
 * line, *STATUS set. */
/* The program maps execs: PATH, or for "-" the program on standard input,
 * exec'd as /dev/stdin would be - through the link to the file itself,
 * which /proc/PID/maps then names; execve(2) needs a regular file, so a
 * pipe is refused.  NULL with one error line and *STATUS set. */
static struct elf_image *open_program(char **path, int *status)
{
	bool from_stdin = strcmp(*path, STREAM_STDIN_ARG) == 0;
	struct elf_image *image;
	struct ef_error err;
	bool not_elf;

	if (from_stdin)
		*path = (char *)"/dev/stdin";
	image = elf_image_open_program(*path, &err);
	if (image != NULL)
		return image;
	not_elf = err.kind == ELF_IMAGE_ERR_NOT_ELF ||
		  err.kind == ELF_IMAGE_ERR_EMPTY;
	if (not_elf)
		report_error("%s: exec fails with ENOEXEC (Exec format error): "
			     "not an ELF file", *path);
	else if (err.kind == ELF_IMAGE_ERR_NOT_REGULAR && from_stdin)
		report_error("-: standard input is not a file: exec needs the "
			     "program's own (< FILE)");
	else
		report_error("%s: %s", *path, err.detail);
	*status = not_elf ? EXIT_REFUSED : EXIT_FAILED;
	return NULL;
}

int cmd_maps(int argc, char **argv)
{
	struct maps_args args = { 0 };
	struct elf_image *image;
	FILE *out = stdout;
	int status;

	argp_parse(&maps_argp, argc, argv, ARGP_IN_ORDER, NULL, &args);
	if (args.picture && (status = picture_unavailable("--format")) != 0)
		goto done;
	if (args.html && (status = picture_unavailable("--html")) != 0)
		goto done;
	image = open_program(&args.program[0], &status);
	if (image == NULL)
		goto done;
	if (args.output != NULL && (out = open_output(args.output)) == NULL) {
		elf_image_free(image);
		status = EXIT_SOFTWARE;
		goto done;
	}
	status = close_output(out, run_exec(&args, image, out));
	elf_image_free(image);
done:
	free(args.env);
	return status;
}
