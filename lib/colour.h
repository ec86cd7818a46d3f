/* colour.h - when text gets colour, and the colours.
 *
 * Colour is for a person at a terminal: on by default only when the
 * output is one, never when NO_COLOR is set to anything but the empty
 * string (no-color.org) nor on a terminal that says it has none
 * (TERM=dumb); a command-line --color=always or never overrides both,
 * as no-color.org asks.  The colours are ECMA-48's SGR sequences, which
 * every terminal emulator understands.
 */
#ifndef ELFAULT_COLOUR_H
#define ELFAULT_COLOUR_H

#include <stdbool.h>

enum colour_when {
	COLOUR_AUTO,		/* a terminal, NO_COLOR unset or empty */
	COLOUR_ALWAYS,
	COLOUR_NEVER,
};

/* --color's argument ("auto", "always", "never"; GNU's "yes", "force",
 * "no", "none", "tty", "if-tty" too) into *WHEN.  Returns 0, or -1 when
 * it is none of them. */
int colour_parse(const char *arg, enum colour_when *when);

/* Whether output gets colour, for WHEN, whether it is a terminal
 * (IS_TTY), and the environment's NO_COLOR and TERM (NULL: unset). */
bool colour_decide(enum colour_when when, bool is_tty, const char *no_color,
		   const char *term);

/* SGR sequences: each coloured span ends with COLOUR_OFF. */
#define COLOUR_BOLD "\033[1m"
#define COLOUR_RED "\033[31m"
#define COLOUR_BOLD_RED "\033[1;31m"
#define COLOUR_GREEN "\033[32m"
#define COLOUR_YELLOW "\033[33m"
#define COLOUR_MAGENTA "\033[35m"
#define COLOUR_OFF "\033[m"

#endif
