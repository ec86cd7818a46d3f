/* cmd-maps.c - `elfault maps FILE [ARG...]`: /proc/PID/maps right after
 * exec(), on a modelled kernel. */
#include <config.h>

#include <argp.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "elf_image.h"
#include "exec_layout.h"
#include "exec_target.h"
#include "maps_report.h"
#include "stream.h"
#include "yaml_writer.h"

struct maps_args {
	const char *target_name;
	const char *sysroot;
	bool yaml;
	bool sections;
	bool stack;
	const char **env;
	size_t env_count;
	char **program;		/* FILE and its arguments */
	int program_count;
};

enum { OPT_SYSROOT = 1000 };

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
	{ "format", 'f', "FORMAT", 0, "text (the default) or yaml", 0 },
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
		args->yaml = format_is_yaml(state, arg);
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
	       "refuses to exec it (the errno is named), 70 when the output "
	       "cannot be written.",
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

static int print_layout(const struct maps_args *args, const struct mm *mm,
			const struct elf_image *image)
{
	const struct elf_image *annotate = args->sections ? image : NULL;
	struct yaml_writer writer;
	struct ef_error err;

	if (!args->yaml) {
		maps_report_text(stdout, mm, annotate);
		maps_report_kernel_region(stdout, mm);
		if (args->stack) {
			fputs("\ninitial stack:\n", stdout);
			maps_report_stack(stdout, mm);
		}
		return EXIT_OK;
	}
	yaml_writer_init(&writer, stdout);
	yaml_writer_begin_document(&writer);
	maps_report_yaml(&writer, mm, annotate, args->stack);
	yaml_writer_end_document(&writer);
	if (yaml_writer_finish(&writer, &err) != 0)
		return report_output_failed(err.detail);
	return EXIT_OK;
}

static int run_exec(const struct maps_args *args, struct elf_image *image)
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
	status = print_layout(args, &mm, image);
	mm_release(&mm);
	return status;
}

int cmd_maps(int argc, char **argv)
{
	struct maps_args args = { 0 };
	struct elf_image *image;
	struct ef_error err;
	bool from_stdin;
	int status;

	argp_parse(&maps_argp, argc, argv, ARGP_IN_ORDER, NULL, &args);
	/* "-": the program on standard input, exec'd as /dev/stdin would be
	 * - through the link to the file itself, which /proc/PID/maps then
	 * names; execve(2) needs a regular file, so a pipe is refused */
	from_stdin = strcmp(args.program[0], STREAM_STDIN_ARG) == 0;
	if (from_stdin)
		args.program[0] = (char *)"/dev/stdin";
	image = elf_image_open_program(args.program[0], &err);
	if (image == NULL) {
		if (err.kind == ELF_IMAGE_ERR_NOT_ELF ||
		    err.kind == ELF_IMAGE_ERR_EMPTY)
			report_error("%s: exec fails with ENOEXEC (Exec format "
				     "error): not an ELF file", args.program[0]);
		else if (err.kind == ELF_IMAGE_ERR_NOT_REGULAR && from_stdin)
			report_error("-: standard input is not a file: exec "
				     "needs the program's own (< FILE)");
		else
			report_error("%s: %s", args.program[0], err.detail);
		free(args.env);
		return err.kind == ELF_IMAGE_ERR_NOT_ELF ||
		       err.kind == ELF_IMAGE_ERR_EMPTY ? EXIT_REFUSED
						       : EXIT_FAILED;
	}
	status = run_exec(&args, image);
	elf_image_free(image);
	free(args.env);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		status = report_output_failed(strerror(errno ? errno : EIO));
	}
	return status;
}
