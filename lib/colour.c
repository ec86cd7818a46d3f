/* colour.c - when text gets colour (colour.h). */
#include <config.h>

#include <string.h>

#include "colour.h"

int colour_parse(const char *arg, enum colour_when *when)
{
	/* GNU ls's and grep's words for the same three answers */
	static const struct {
		const char *word;
		enum colour_when when;
	} words[] = {
		{ "auto", COLOUR_AUTO }, { "tty", COLOUR_AUTO },
		{ "if-tty", COLOUR_AUTO }, { "always", COLOUR_ALWAYS },
		{ "yes", COLOUR_ALWAYS }, { "force", COLOUR_ALWAYS },
		{ "never", COLOUR_NEVER }, { "no", COLOUR_NEVER },
		{ "none", COLOUR_NEVER },
	};

	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (strcmp(arg, words[i].word) == 0) {
			*when = words[i].when;
			return 0;
		}
	return -1;
}

bool colour_decide(enum colour_when when, bool is_tty, const char *no_color,
		   const char *term)
{
	if (when != COLOUR_AUTO)
		return when == COLOUR_ALWAYS;
	if (no_color != NULL && no_color[0] != '\0')
		return false;		/* no-color.org: set and not empty */
	if (term != NULL && strcmp(term, "dumb") == 0)
		return false;
	return is_tty;
}
