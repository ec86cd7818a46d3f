/* signals.h - the i386 signals: numbers, names, what each does by
 * default (kernel/signal.c: sig_kernel_ignore(), sig_kernel_stop()...),
 * and a process's dispositions, blocked mask and pending set
 * (sighand->action[], current->blocked, pending), as rt_sigaction() and
 * rt_sigprocmask() set them (signal_calls.h).
 *
 * No handler ever runs: a signal whose disposition is a handler stays
 * pending.  SIG_IGN matters where the kernel makes it matter: an
 * ignored signal is discarded when sent (sig_ignored()), and making a
 * pending one ignored discards it (do_sigaction()); SIGCHLD ignored, or
 * SA_NOCLDWAIT, makes a child reap itself (do_notify_parent()).  A
 * blocked signal is kept pending and acted on once unblocked.
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
	SIG_CONT = 18, SIG_CHLD = 17,
	SIGNAL_MAX = 64,	/* _NSIG */
};

#include <stdbool.h>
#include <stdint.h>

/* sa_handler's two special values. */
#define SIGNAL_DFL 0u
#define SIGNAL_IGN 1u

/* sa_flags the kernel keeps (UAPI_SA_FLAGS with x86's SA_RESTORER);
 * do_sigaction() clears the others. */
enum {
	SIGNAL_SA_NOCLDSTOP = 1, SIGNAL_SA_NOCLDWAIT = 2, SIGNAL_SA_SIGINFO = 4,
	SIGNAL_SA_EXPOSE_TAGBITS = 0x800, SIGNAL_SA_RESTORER = 0x04000000,
	SIGNAL_SA_ONSTACK = 0x08000000, SIGNAL_SA_RESTART = 0x10000000,
	SIGNAL_SA_NODEFER = 0x40000000, SIGNAL_SA_RESETHAND = 0x80000000u,
	SIGNAL_SA_KNOWN = 0xdc000807u,
};

/* struct k_sigaction as i386's rt_sigaction() reads and writes it. */
struct signal_disposition {
	uint32_t handler;	/* SIGNAL_DFL, SIGNAL_IGN or an address */
	uint32_t flags;
	uint32_t restorer;
	uint64_t mask;
};

struct signal_state {
	struct signal_disposition action[SIGNAL_MAX];	/* [signo - 1] */
	uint64_t blocked;	/* never SIGKILL nor SIGSTOP */
	uint64_t pending;
};

/* The bit of SIGNO (1 to 64) in a mask: sigmask(). */
static inline uint64_t signal_bit(int signo)
{
	return (uint64_t)1 << (signo - 1);
}

/* Every signal at SIG_DFL, none blocked, none pending. */
void signal_state_init(struct signal_state *s);

/* fork (copy_sighand(), copy_process()): the child has the parent's
 * dispositions and mask, nothing pending. */
void signal_state_fork(struct signal_state *child,
		       const struct signal_state *parent);

/* execve (flush_signal_handlers(current, 0)): handlers go back to
 * SIG_DFL, SIG_IGN stays, flags, restorer and masks cleared; the
 * blocked mask and the pending set stay. */
void signal_state_exec(struct signal_state *s);

/* sig_task_ignored(): is SIGNO ignored - SIG_IGN, or SIG_DFL with an
 * action that ignores it - and not blocked? */
bool signal_ignored(const struct signal_state *s, int signo);

/* Does a child of a process with S reap itself when it ends: SIGCHLD
 * at SIG_IGN or with SA_NOCLDWAIT (do_notify_parent())? */
bool signal_autoreap(const struct signal_state *s);

/* send_signal()'s part on the receiver: SIGNO (1 to 64) sent to a
 * process with S.  prepare_signal(): SIGCONT drops pending stop signals
 * and a stop signal a pending SIGCONT; then an ignored signal is
 * discarded (false), any other is made pending (true). */
bool signal_post(struct signal_state *s, int signo);

/* get_signal()'s choice: the lowest pending, unblocked signal whose
 * disposition the kernel acts on - SIG_DFL (taken off the pending set:
 * its default action applies) - or 0.  Pending signals with a handler
 * stay pending (no handler runs); SIG_IGN ones and SIG_DFL ones that
 * ignore are taken off on the way. */
int signal_next(struct signal_state *s);

/* rt_sigaction()'s change of SIGNO's disposition to *ACT: the flags the
 * kernel does not know cleared; a disposition that now ignores the
 * signal discards it from the pending set. */
void signal_set_action(struct signal_state *s, int signo,
		       const struct signal_disposition *act);

/* What signal SIGNO does to a process that has no handler. */
enum signal_action signal_default(int signo);

/* The number of "SIGSEGV" (0 for an unknown name), and the name of SIGNO
 * ("SIG?" for none). */
int signal_number(const char *name);
const char *signal_name(int signo);

#endif
