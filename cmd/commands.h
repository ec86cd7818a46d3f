/* commands.h - elfault's subcommands, one cmd-NAME.c each.
 *
 * Each run function receives the arguments after the command name, with
 * argv[0] set to "elfault NAME" so that argp's usage lines and errors name
 * the subcommand, and returns the process exit status.
 */
#ifndef ELFAULT_COMMANDS_H
#define ELFAULT_COMMANDS_H

#include <stdbool.h>
#include <stdio.h>

/* Exit statuses shared by every command (documented in elfault(1)). */
enum exit_status {
	EXIT_OK = 0,
	EXIT_FAILED = 1,	/* a file could not be processed */
	EXIT_REFUSED = 2,	/* maps: the kernel refuses to exec the file;
				 * replay: the script or a file it names is
				 * wrong */
	EXIT_EXHAUSTED = 3,	/* replay: simulated memory ran out */
	EXIT_PANIC = 4,		/* replay: the kernel panicked, unexpected */
	EXIT_USAGE = 64,	/* bad command line (argp's EX_USAGE) */
	EXIT_UNAVAILABLE = 69,	/* built without what the command needs
				 * (EX_UNAVAILABLE) */
	EXIT_SOFTWARE = 70,	/* elfault itself failed (EX_SOFTWARE) */
};

struct command {
	const char *name;
	const char *summary;
	int (*run)(int argc, char **argv);
};

int cmd_sections(int argc, char **argv);
int cmd_maps(int argc, char **argv);
int cmd_replay(int argc, char **argv);
int cmd_run(int argc, char **argv);

struct argp_state;
struct argp_child;
struct replay_settings;

/* The options replay and run share (replay-options.c), each a usage
 * error (argp_error() exits) when its value is wrong: --memory, --swap
 * and --policy (KEY 'm', 's', 'p') into S; --allow-read DIR, which must
 * be a directory, appended to DIRS (REPLAY_MAX_ALLOW_READ at most) and
 * S's list made DIRS. */
void parse_machine_option(struct argp_state *state, int key, const char *arg,
			  struct replay_settings *s);
void parse_allow_read(struct argp_state *state, const char *dir,
		      struct replay_settings *s, const char **dirs);
/* --show WHEN: "each" (every view after every step) or "end" into S. */
void parse_show(struct argp_state *state, const char *when,
		struct replay_settings *s);

/* The -h option (--help) every command's argp has as its child. */
extern const struct argp_child short_help[];

/* The argument of --format: true for yaml, false for text; anything else
 * is a usage error (argp_error() exits). */
bool format_is_yaml(struct argp_state *state, const char *arg);

/* Colour on stderr (colour.h) from now on, or not (the default). */
void report_use_colour(bool on);

/* COLOUR when stderr has colour, else "" (for a line's own spans). */
const char *report_colour(const char *colour);

/* Print "elfault: MESSAGE" on stderr. */
void report_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Standard output could not be written (WHY: the system's words): one
 * line, and the exit status every command gives for it, EXIT_SOFTWARE. */
int report_output_failed(const char *why);

struct canvas;

/* The format of --format=svg|png|pdf (a picture); nonzero when ARG names
 * one, and then *FORMAT is set (an enum canvas_format). */
bool picture_format(const char *arg, int *format);

/* A picture of this FORMAT, when this elfault cannot draw (configured
 * --without-cairo): one line saying so; returns EXIT_UNAVAILABLE, or
 * EXIT_OK when it can draw. */
int picture_unavailable(const char *option);

/* Open PATH (--output) for writing, or say why not (EXIT_SOFTWARE's
 * line) and return NULL. */
FILE *open_output(const char *path);

/* Write CANVAS, WIDTH x HEIGHT, to OUT and free it; returns the exit
 * status (EXIT_OK, or EXIT_SOFTWARE after the error's line). */
int write_picture(struct canvas *canvas, double width, double height,
		  FILE *out);

#endif
