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

/* ---- a process's dispositions ------------------------------------------ */

/* SIGKILL and SIGSTOP: never blocked (sigdelsetmask() in
 * set_current_blocked()). */
static const uint64_t UNBLOCKABLE = (uint64_t)1 << (SIG_KILL - 1) |
				    (uint64_t)1 << (SIG_STOP - 1);

void signal_state_init(struct signal_state *s)
{
	memset(s, 0, sizeof *s);
}

void signal_state_fork(struct signal_state *child,
		       const struct signal_state *parent)
{
	*child = *parent;
	child->pending = 0;	/* init_sigpending() */
}

void signal_state_exec(struct signal_state *s)
{
	for (int i = 0; i < SIGNAL_MAX; i++) {
		struct signal_disposition *a = &s->action[i];

		if (a->handler != SIGNAL_IGN)
			a->handler = SIGNAL_DFL;
		a->flags = 0;
		a->restorer = 0;
		a->mask = 0;
	}
}

/* sig_handler_ignored(): HANDLER ignores SIGNO. */
static bool handler_ignores(uint32_t handler, int signo)
{
	enum signal_action dfl = signal_default(signo);

	return handler == SIGNAL_IGN ||
	       (handler == SIGNAL_DFL && (dfl == SIGNAL_IGNORE ||
					  dfl == SIGNAL_CONTINUE));
}

bool signal_ignored(const struct signal_state *s, int signo)
{
	if (s->blocked & signal_bit(signo))
		return false;
	return handler_ignores(s->action[signo - 1].handler, signo);
}

bool signal_autoreap(const struct signal_state *s)
{
	const struct signal_disposition *chld = &s->action[SIG_CHLD - 1];

	return chld->handler == SIGNAL_IGN ||
	       (chld->flags & SIGNAL_SA_NOCLDWAIT);
}

/* SIGSTOP, SIGTSTP, SIGTTIN, SIGTTOU: SIG_KERNEL_STOP_MASK. */
static uint64_t stop_signals(void)
{
	uint64_t mask = 0;

	for (int signo = 1; signo < SIGNALS; signo++)
		if (signals[signo].action == SIGNAL_STOP)
			mask |= signal_bit(signo);
	return mask;
}

bool signal_post(struct signal_state *s, int signo)
{
	if (signal_default(signo) == SIGNAL_STOP)
		s->pending &= ~signal_bit(SIG_CONT);
	else if (signo == SIG_CONT)
		s->pending &= ~stop_signals();
	if (signal_ignored(s, signo))
		return false;
	s->pending |= signal_bit(signo);
	return true;
}

int signal_next(struct signal_state *s)
{
	for (int signo = 1; signo <= SIGNAL_MAX; signo++) {
		uint64_t bit = signal_bit(signo);
		uint32_t handler = s->action[signo - 1].handler;

		if (!(s->pending & bit) || (s->blocked & bit & ~UNBLOCKABLE))
			continue;
		if (handler != SIGNAL_DFL && handler != SIGNAL_IGN)
			continue;	/* a handler: it would run; it does not */
		s->pending &= ~bit;
		if (!handler_ignores(handler, signo))
			return signo;
	}
	return 0;
}

void signal_set_action(struct signal_state *s, int signo,
		       const struct signal_disposition *act)
{
	struct signal_disposition *k = &s->action[signo - 1];

	*k = *act;
	k->flags &= SIGNAL_SA_KNOWN;
	/* POSIX 3.3.1.3: setting SIG_IGN (or SIG_DFL for a signal whose
	 * default is to ignore) discards it, blocked or not */
	if (handler_ignores(k->handler, signo))
		s->pending &= ~signal_bit(signo);
}
