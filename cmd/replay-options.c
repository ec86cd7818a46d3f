/* replay-options.c - the options replay and run share: the machine
 * (--memory, --swap, --policy) and the host directories a run may read
 * (--allow-read), and the views of the machine (--show). */
#include <config.h>

#include <argp.h>
#include <string.h>

#include "commands.h"
#include "host_access.h"
#include "replay_run.h"

void parse_machine_option(struct argp_state *state, int key, const char *arg,
			  struct replay_settings *s)
{
	struct ef_error err = { 0 };

	if (key == 'm' && replay_parse_memory(arg, &s->memory, &err) == 0)
		s->has_memory = true;
	else if (key == 's' && replay_parse_swap(arg, &s->swap, &err) == 0)
		s->has_swap = true;
	else if (key == 'p' && replacement_policy_parse(arg, &s->policy) == 0)
		s->has_policy = true;
	else if (key == 'p')
		argp_error(state, "--policy: %s is not one of lru2q, clock, "
			   "fifo, lru, opt", arg);
	else
		argp_error(state, "--%s", err.detail);
}

void parse_allow_read(struct argp_state *state, const char *dir,
		      struct replay_settings *s, const char **dirs)
{
	struct host_access probe = { 0 };
	struct ef_error err;

	if (host_access_allow(&probe, dir, &err) != 0)
		argp_error(state, "--allow-read %s", err.detail);
	host_access_release(&probe);
	if (s->allow_read_count == REPLAY_MAX_ALLOW_READ)
		argp_error(state, "--allow-read: %d directories at most",
			   REPLAY_MAX_ALLOW_READ);
	dirs[s->allow_read_count++] = dir;
	s->allow_read = dirs;
}

void parse_show(struct argp_state *state, const char *when,
		struct replay_settings *s)
{
	if (strcmp(when, "each") == 0)
		s->show_each = VIEW_ALL;
	else if (strcmp(when, "end") == 0)
		s->show_end = true;
	else
		argp_error(state, "--show: each or end, not %s", when);
}
