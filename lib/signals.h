/* signals.h - the i386 signals: numbers, names, and what each does by
 * default (kernel/signal.c: sig_kernel_ignore(), sig_kernel_stop()...),
 * which is all a process without handlers ever gets.
 */
#ifndef ELFAULT_SIGNALS_H
#define ELFAULT_SIGNALS_H

enum signal_action {
	SIGNAL_NONE,		/* 0: no signal (kill()'s existence test) */
	SIGNAL_TERMINATE,	/* the process ends */
	SIGNAL_IGNORE,		/* SIGCHLD, SIGURG, SIGWINCH */
	SIGNAL_STOP,		/* SIGSTOP, SIGTSTP, SIGTTIN, SIGTTOU */
	SIGNAL_CONTINUE,	/* SIGCONT */
	SIGNAL_INVALID,		/* no such signal: EINVAL */
};

enum {
	SIG_KILL = 9, SIG_BUS = 7, SIG_SEGV = 11, SIG_STOP = 19,
	SIG_CONT = 18,
};

/* What signal SIGNO does to a process that has no handler. */
enum signal_action signal_default(int signo);

/* The number of "SIGSEGV" (0 for an unknown name), and the name of SIGNO
 * ("SIG?" for none). */
int signal_number(const char *name);
const char *signal_name(int signo);

#endif
