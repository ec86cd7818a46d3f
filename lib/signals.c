/* signals.c - the i386 signal table (arch/x86/include/uapi/asm/signal.h). */
#include <config.h>

#include <string.h>

#include "signals.h"

static const struct {
	const char *name;
	enum signal_action action;
} signals[] = {
	[1] = { "SIGHUP", SIGNAL_TERMINATE }, [2] = { "SIGINT", SIGNAL_TERMINATE },
	[3] = { "SIGQUIT", SIGNAL_TERMINATE }, [4] = { "SIGILL", SIGNAL_TERMINATE },
	[5] = { "SIGTRAP", SIGNAL_TERMINATE }, [6] = { "SIGABRT", SIGNAL_TERMINATE },
	[7] = { "SIGBUS", SIGNAL_TERMINATE }, [8] = { "SIGFPE", SIGNAL_TERMINATE },
	[9] = { "SIGKILL", SIGNAL_TERMINATE }, [10] = { "SIGUSR1", SIGNAL_TERMINATE },
	[11] = { "SIGSEGV", SIGNAL_TERMINATE }, [12] = { "SIGUSR2", SIGNAL_TERMINATE },
	[13] = { "SIGPIPE", SIGNAL_TERMINATE }, [14] = { "SIGALRM", SIGNAL_TERMINATE },
	[15] = { "SIGTERM", SIGNAL_TERMINATE }, [16] = { "SIGSTKFLT", SIGNAL_TERMINATE },
	[17] = { "SIGCHLD", SIGNAL_IGNORE }, [18] = { "SIGCONT", SIGNAL_CONTINUE },
	[19] = { "SIGSTOP", SIGNAL_STOP }, [20] = { "SIGTSTP", SIGNAL_STOP },
	[21] = { "SIGTTIN", SIGNAL_STOP }, [22] = { "SIGTTOU", SIGNAL_STOP },
	[23] = { "SIGURG", SIGNAL_IGNORE }, [24] = { "SIGXCPU", SIGNAL_TERMINATE },
	[25] = { "SIGXFSZ", SIGNAL_TERMINATE }, [26] = { "SIGVTALRM", SIGNAL_TERMINATE },
	[27] = { "SIGPROF", SIGNAL_TERMINATE }, [28] = { "SIGWINCH", SIGNAL_IGNORE },
	[29] = { "SIGIO", SIGNAL_TERMINATE }, [30] = { "SIGPWR", SIGNAL_TERMINATE },
	[31] = { "SIGSYS", SIGNAL_TERMINATE },
};

enum { SIGNALS = sizeof signals / sizeof signals[0] };

enum signal_action signal_default(int signo)
{
	if (signo == 0)
		return SIGNAL_NONE;
	/* the real-time signals (32-64) terminate too */
	if (signo < 0 || signo > 64)
		return SIGNAL_INVALID;
	return signo < SIGNALS ? signals[signo].action : SIGNAL_TERMINATE;
}

int signal_number(const char *name)
{
	for (int i = 1; i < SIGNALS; i++)
		if (strcmp(signals[i].name, name) == 0)
			return i;
	return 0;
}

const char *signal_name(int signo)
{
	return signo > 0 && signo < SIGNALS ? signals[signo].name : "SIG?";
}
