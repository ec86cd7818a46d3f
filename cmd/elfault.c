/* elfault.c - the command table and the top-level argument parser. */
#include <config.h>

#include <argp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "colour.h"
#include "commands.h"

/* --version as GNU's coding standards have it: name and version, the
 * copyright, the licence and that there is no warranty; --help ends with
 * where to report bugs. */
const char *argp_program_version = PACKAGE_STRING "\n"
	"Copyright (C) 2026 the elfault maintainers.\n"
	"License GPLv3+: GNU GPL version 3 or later "
	"<https://gnu.org/licenses/gpl.html>.\n"
	"This is free software: you are free to change and redistribute it.\n"
	"There is NO WARRANTY, to the extent permitted by law.";
const char *argp_program_bug_address = "<" PACKAGE_BUGREPORT ">";

static int cmd_help(int argc, char **argv);

static const struct command commands[] = {
	{ "sections", "list an ELF file's sections, as objdump -h does",
	  cmd_sections },
	{ "maps", "the address space exec() builds, as /proc/PID/maps shows it",
	  cmd_maps },
	{ "replay", "run a script's processes on the emulated i386 MMU",
	  cmd_replay },
	{ "run", "run an i386 program on the modelled kernel, every fault "
	  "reported", cmd_run },
	{ "help", "this list, or a command's options: help COMMAND", cmd_help },
};
#define COMMAND_COUNT (sizeof commands / sizeof commands[0])

/* Whether stderr's lines get colour (--color): set once, before any
 * thread starts. */
static bool stderr_colour;

void report_use_colour(bool on)
{
	stderr_colour = on;
}

const char *report_colour(const char *colour)
{
	return stderr_colour ? colour : "";
}

void report_error(const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	fprintf(stderr, "%selfault:%s ", report_colour(COLOUR_BOLD_RED),
		report_colour(COLOUR_OFF));
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/* -h: --help, as users of other tools type it (argp's own is -?). */
static const struct argp_option short_help_options[] = {
	{ NULL, 'h', NULL, OPTION_HIDDEN, "give this help list", 0 },
	{ 0 }
};

static error_t parse_short_help(int key, char *arg, struct argp_state *state)
{
	if (key != 'h')
		return ARGP_ERR_UNKNOWN;
	argp_state_help(state, state->out_stream, ARGP_HELP_STD_HELP);
	return 0;
}

static const struct argp short_help_argp = {
	.options = short_help_options,
	.parser = parse_short_help,
};

const struct argp_child short_help[] = {
	{ &short_help_argp, 0, NULL, 0 },
	{ 0 }
};

int report_output_failed(const char *why)
{
	report_error("writing the output failed: %s", why);
	return EXIT_SOFTWARE;
}

bool format_is_yaml(struct argp_state *state, const char *arg)
{
	if (strcmp(arg, "yaml") != 0 && strcmp(arg, "text") != 0)
		argp_error(state, "unknown format '%s' (text or yaml)", arg);
	return strcmp(arg, "yaml") == 0;
}

static const struct command *find_command(const char *name)
{
	for (size_t i = 0; i < COMMAND_COUNT; i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

struct top_args {
	int command_index;	/* argv index of the command name, or 0 */
};

static error_t parse_top(int key, char *arg, struct argp_state *state)
{
	struct top_args *args = state->input;

	switch (key) {
	case ARGP_KEY_ARG:
		if (find_command(arg) == NULL)
			argp_error(state, "unknown command '%s'", arg);
		args->command_index = state->next - 1;
		state->next = state->argc;	/* the rest is the command's */
		return 0;
	case ARGP_KEY_NO_ARGS:
		argp_error(state, "a command is required");
		return 0;
	default:
		return ARGP_ERR_UNKNOWN;
	}
}

/* The --help text after the options: the command list. */
static char *help_filter(int key, const char *text, void *input)
{
	char *list = NULL, *grown;
	size_t length = 0;

	if (key != ARGP_KEY_HELP_POST_DOC)
		return (char *)text;
	for (size_t i = 0; i < COMMAND_COUNT; i++) {
		char *line;

		if (asprintf(&line, "  %-10s %s\n", commands[i].name,
			     commands[i].summary) < 0)
			break;
		grown = realloc(list, length + strlen(line) + 1);
		if (grown == NULL) {
			free(line);
			break;
		}
		list = grown;
		strcpy(list + length, line);
		length += strlen(line);
		free(line);
	}
	if (asprintf(&grown, "%s\n%s\n%s", text, list ? list : "",
		     "Run 'elfault COMMAND --help' for a command's options. "
		     "See elfault(1).") < 0)
		grown = NULL;
	free(list);
	return grown;
}

static const struct argp top_argp = {
	.parser = parse_top,
	.args_doc = "COMMAND [OPTION...] [ARG...]",
	.doc = "Turn an ELF binary into the process image Linux builds for "
	       "it, and replay memory accesses through an emulated i386 MMU "
	       "and page-fault engine.\vCommands:",
	.help_filter = help_filter,
	.children = short_help,
};

/* help [COMMAND]: COMMAND --help, or the command list. */
static int cmd_help(int argc, char **argv)
{
	const struct command *command = argc > 1 ? find_command(argv[1]) : NULL;
	char *help_argv[] = { argv[0], (char *)"--help", NULL };

	int status;

	if (argc > 2) {
		report_error("help: one COMMAND at a time");
		return EXIT_USAGE;
	}
	if (argc == 2 && command != NULL && command->run == cmd_help)
		command = NULL;		/* help help: the list */
	else if (argc == 2 && command == NULL) {
		report_error("help: %s is no command (elfault --help lists "
			     "them)", argv[1]);
		return EXIT_USAGE;
	}
	if (command == NULL) {
		char *top_argv[] = { (char *)"elfault", (char *)"--help", NULL };

		argp_parse(&top_argp, 2, top_argv, ARGP_IN_ORDER, NULL, NULL);
		return EXIT_OK;	/* (argp's --help exits) */
	}
	if (asprintf(&help_argv[0], "elfault %s", command->name) < 0)
		return EXIT_SOFTWARE;
	status = command->run(2, help_argv);	/* (argp's --help exits) */
	free(help_argv[0]);
	return status;
}

int main(int argc, char **argv)
{
	struct top_args args = { 0 };
	const struct command *command;
	char *name;
	int status;

	argp_err_exit_status = EXIT_USAGE;
	argp_parse(&top_argp, argc, argv, ARGP_IN_ORDER, NULL, &args);
	command = find_command(argv[args.command_index]);
	if (asprintf(&name, "elfault %s", command->name) < 0) {
		report_error("out of memory");
		return EXIT_FAILED;
	}
	argv[args.command_index] = name;
	status = command->run(argc - args.command_index,
			      argv + args.command_index);
	free(name);
	return status;
}
