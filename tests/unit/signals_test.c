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

/* A signal sent to a process with DISPOSITION for it, BLOCKED or not:
 * whether it is kept (signal_post()), and what get_signal() then acts
 * on (signal_next()). */
static void test_post(void)
{
	static const struct {
		int signo;
		uint32_t handler;
		bool blocked, posted;
		int next;
		const char *what;
	} posts[] = {
		{ 15, SIGNAL_DFL, false, true, 15, "SIGTERM: acted on" },
		{ 15, SIGNAL_IGN, false, false, 0, "SIGTERM ignored: dropped" },
		{ 15, SIGNAL_IGN, true, true, 0,
		  "SIGTERM ignored but blocked: kept, not acted on" },
		{ 15, SIGNAL_DFL, true, true, 0, "SIGTERM blocked: pending" },
		{ 15, 0x08049000, false, true, 0,
		  "SIGTERM caught: pending (no handler runs)" },
		{ 17, SIGNAL_DFL, false, false, 0, "SIGCHLD: ignored by default" },
		{ 9, SIGNAL_DFL, true, true, 9, "SIGKILL: never blocked" },
		{ 19, SIGNAL_DFL, false, true, 19, "SIGSTOP: acted on" },
		{ 18, SIGNAL_DFL, false, false, 0, "SIGCONT: nothing more" },
		{ 40, SIGNAL_DFL, false, true, 40, "a real-time signal" },
	};

	for (size_t i = 0; i < sizeof posts / sizeof posts[0]; i++) {
		struct signal_state s;
		int signo = posts[i].signo;

		signal_state_init(&s);
		s.action[signo - 1].handler = posts[i].handler;
		if (posts[i].blocked)
			s.blocked = signal_bit(signo);
		tap_eq_u64(signal_post(&s, signo), posts[i].posted,
			   "%s: posted", posts[i].what);
		tap_eq_u64(signal_next(&s), posts[i].next, "%s: acted on",
			   posts[i].what);
	}
}

/* SIGCONT drops a pending stop signal and the other way round;
 * SIG_IGN set on a pending signal drops it. */
static void test_pending(void)
{
	struct signal_state s;
	const struct signal_disposition ign = { .handler = SIGNAL_IGN,
						.flags = 0x100 | 4 };

	signal_state_init(&s);
	s.blocked = signal_bit(19) | signal_bit(18) | signal_bit(10);
	signal_post(&s, 19);
	signal_post(&s, 18);
	tap_eq_u64(s.pending, signal_bit(18), "SIGCONT drops a pending SIGSTOP");
	signal_post(&s, 20);
	tap_eq_u64(s.pending, signal_bit(20), "SIGTSTP drops a pending SIGCONT");
	signal_post(&s, 10);
	signal_set_action(&s, 10, &ign);
	tap_eq_u64(s.pending, signal_bit(20), "SIG_IGN drops a pending SIGUSR1");
	tap_eq_u64(s.action[9].flags, 4, "an unknown sa_flags bit dropped");
	s.action[16].flags = SIGNAL_SA_NOCLDWAIT;
	tap_ok(signal_autoreap(&s), "SA_NOCLDWAIT: children reap themselves");
}

int main(void)
{
	test_post();
	test_pending();
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
