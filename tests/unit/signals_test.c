/* signals_test.c - the default actions kill() applies, and the names. */
#include <config.h>

#include "signals.h"
#include "tap.h"

static const struct {
	int signo;
	enum signal_action action;
	const char *name;
} cases[] = {
	{ 0, SIGNAL_NONE, "SIG?" },
	{ 9, SIGNAL_TERMINATE, "SIGKILL" },
	{ 11, SIGNAL_TERMINATE, "SIGSEGV" },
	{ 15, SIGNAL_TERMINATE, "SIGTERM" },
	{ 17, SIGNAL_IGNORE, "SIGCHLD" },
	{ 18, SIGNAL_CONTINUE, "SIGCONT" },
	{ 19, SIGNAL_STOP, "SIGSTOP" },
	{ 20, SIGNAL_STOP, "SIGTSTP" },
	{ 28, SIGNAL_IGNORE, "SIGWINCH" },
	{ 34, SIGNAL_TERMINATE, "SIG?" },	/* a real-time signal */
	{ 65, SIGNAL_INVALID, "SIG?" },
	{ -1, SIGNAL_INVALID, "SIG?" },
};

int main(void)
{
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		tap_eq_u64(signal_default(cases[i].signo), cases[i].action,
			   "signal %d: its default action", cases[i].signo);
		tap_eq_str(signal_name(cases[i].signo), cases[i].name,
			   "signal %d: its name", cases[i].signo);
	}
	tap_eq_u64(signal_number("SIGBUS"), 7, "SIGBUS is 7");
	tap_eq_u64(signal_number("SIGNOPE"), 0, "no such name: 0");
	return tap_done();
}
