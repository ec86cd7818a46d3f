/* signal_calls.c - kernel/signal.c: kill_something_info(),
 * do_sigaction(), sigprocmask(), do_sigpending(). */
#include <config.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "kernel_space.h"
#include "signal_calls.h"

enum {
	SIGSET_SIZE = 8,	/* sizeof(sigset_t): _NSIG / 8 */
	SIGACTION_SIZE = 20,	/* i386 struct sigaction */
	SIG_BLOCK_ = 0, SIG_UNBLOCK_ = 1, SIG_SETMASK_ = 2,
};

/* Where the kernel's copies are: on its stack (only under 64 bytes). */
#define KADDR_STACK (PAGE_OFFSET + 0x00804000u)

bool signal_calls_act(struct machine *m, struct process *p)
{
	int signo;

	while (p->alive && (signo = signal_next(&p->sig)) != 0) {
		switch (signal_default(signo)) {
		case SIGNAL_TERMINATE:
			process_end(m, p, signo);
			return true;
		case SIGNAL_STOP:	/* do_signal_stop() */
			p->stopped = true;
			p->stop_reported = false;
			break;
		default:
			break;
		}
	}
	return false;
}

/* send_signal() of SIGNO to Q by the caller: prepare_signal() (SIGCONT
 * continues), the pending set, and - for a process other than the
 * caller, which acts as it returns - the action. */
static void send_to(const struct sys_context *c, struct process *q, int signo)
{
	if (signo == 0 || !q->alive)
		return;		/* a zombie: nothing happens */
	if (signo == SIG_CONT)
		q->stopped = false;
	if (signal_post(&q->sig, signo) && q != c->p)
		signal_calls_act(c->m, q);
}

/* Is Q one of those kill(PID) names: PID > 0, that one; 0, the caller's
 * process group; -1, all but pid 1 and the caller; below, the group
 * -PID? */
static bool named(const struct sys_context *c, const struct process *q,
		  int32_t pid)
{
	if (!q->alive && !q->zombie)
		return false;
	return pid > 0 ? q->pid == pid
	       : pid == 0 ? q->pgid == c->p->pgid
	       : pid == -1 ? q->pid > 1 && q != c->p
	       : q->pgid == -pid;
}

/* SIGNO to each process PID names; returns how many there were, or -1
 * when the host's memory ran out. */
static int send_all(const struct sys_context *c, int32_t pid, int signo)
{
	struct process **to = malloc((c->m->live_count + 1) * sizeof *to);
	unsigned n = 0;

	if (to == NULL)
		return -1;
	for (unsigned i = 0; i < c->m->live_count; i++)
		if (named(c, c->m->live[i], pid))
			to[n++] = c->m->live[i];
	/* the list first: a process that ends may reap others */
	for (unsigned i = 0; i < n; i++)
		send_to(c, to[i], signo);
	free(to);
	return (int)n;
}

int signal_call_kill(const struct sys_context *c, const uint32_t arg[6],
		     struct sys_result *res, struct ef_error *err)
{
	int signo = (int32_t)arg[1], n;

	if (signal_default(signo) == SIGNAL_INVALID) {
		res->value = -EINVAL;
		return 0;
	}
	if ((int32_t)arg[0] == INT32_MIN) {	/* -INT_MIN names no one */
		res->value = -ESRCH;
		return 0;
	}
	if ((n = send_all(c, (int32_t)arg[0], signo)) < 0)
		return ef_error_set(err, FILES_ERR_NOMEM, ENOMEM,
				    "out of memory");
	res->value = n > 0 ? 0 : -ESRCH;
	return 0;
}

/* An i386 struct sigaction's 20 bytes into *A, or out of it. */
static void sigaction_decode(const uint8_t *b, struct signal_disposition *a)
{
	uint32_t w[5];

	for (unsigned i = 0; i < 5; i++)
		w[i] = (uint32_t)b[4 * i] | (uint32_t)b[4 * i + 1] << 8 |
		       (uint32_t)b[4 * i + 2] << 16 |
		       (uint32_t)b[4 * i + 3] << 24;
	a->handler = w[0];
	a->flags = w[1];
	a->restorer = w[2];
	a->mask = (uint64_t)w[4] << 32 | w[3];
}

static void sigaction_encode(const struct signal_disposition *a, uint8_t *b)
{
	const uint32_t w[5] = { a->handler, a->flags, a->restorer,
				(uint32_t)a->mask, (uint32_t)(a->mask >> 32) };

	for (unsigned i = 0; i < 20; i++)
		b[i] = (uint8_t)(w[i / 4] >> (8 * (i % 4)));
}

/* copy_from_user() of N bytes at USER into BYTES (a kernel stack
 * buffer): true, or false with RES's -EFAULT and *END what the call
 * returns (sys_access_end()). */
static bool read_user(const struct sys_context *c, uint32_t user,
		      uint8_t *bytes, uint32_t n, struct sys_result *res,
		      int *end)
{
	bool failed = false;
	int rc = sys_copy_from_user(c, user, bytes, KADDR_STACK, n, &failed);

	if (rc == 0 && !failed)
		return true;
	res->value = -EFAULT;
	*end = sys_access_end(rc, res);
	return false;
}

/* rt_sigaction(sig, act, oact, sigsetsize) */
int signal_call_rt_sigaction(const struct sys_context *c,
			     const uint32_t arg[6], struct sys_result *res,
			     struct ef_error *err)
{
	int signo = (int32_t)arg[0];
	uint8_t bytes[SIGACTION_SIZE];
	struct signal_disposition act, old;
	bool failed = false;
	int rc = 0;

	(void)err;
	res->value = -EINVAL;
	if (arg[3] != SIGSET_SIZE)
		return 0;
	if (arg[1] != 0) {
		if (!read_user(c, arg[1], bytes, sizeof bytes, res, &rc))
			return rc;
		sigaction_decode(bytes, &act);
	}
	if (signo < 1 || signo > SIGNAL_MAX ||
	    (arg[1] != 0 && (signo == SIG_KILL || signo == SIG_STOP)))
		return 0;	/* !valid_signal(), sig_kernel_only() */
	old = c->p->sig.action[signo - 1];
	if (arg[1] != 0)
		signal_set_action(&c->p->sig, signo, &act);
	res->value = 0;
	if (arg[2] != 0) {
		sigaction_encode(&old, bytes);
		rc = sys_copy_to_user(c, arg[2], bytes, KADDR_STACK,
				      sizeof bytes, &failed);
		if (failed)
			res->value = -EFAULT;
	}
	return sys_access_end(rc, res);
}

static uint64_t sigset_decode(const uint8_t b[8])
{
	uint64_t set = 0;

	for (unsigned i = 0; i < 8; i++)
		set |= (uint64_t)b[i] << (8 * i);
	return set;
}

static void sigset_encode(uint64_t set, uint8_t b[8])
{
	for (unsigned i = 0; i < 8; i++)
		b[i] = (uint8_t)(set >> (8 * i));
}

/* sigprocmask(HOW, SET): the new blocked mask, or -EINVAL. */
static int change_mask(struct signal_state *s, uint32_t how, uint64_t set)
{
	set &= ~(signal_bit(SIG_KILL) | signal_bit(SIG_STOP));
	if (how == SIG_BLOCK_)
		s->blocked |= set;
	else if (how == SIG_UNBLOCK_)
		s->blocked &= ~set;
	else if (how == SIG_SETMASK_)
		s->blocked = set;
	else
		return -EINVAL;
	return 0;
}

/* rt_sigprocmask(how, nset, oset, sigsetsize) */
int signal_call_rt_sigprocmask(const struct sys_context *c,
			       const uint32_t arg[6], struct sys_result *res,
			       struct ef_error *err)
{
	uint64_t old = c->p->sig.blocked;
	uint8_t bytes[SIGSET_SIZE];
	bool failed = false;
	int rc = 0;

	(void)err;
	res->value = -EINVAL;
	if (arg[3] != SIGSET_SIZE)
		return 0;
	if (arg[1] != 0) {
		if (!read_user(c, arg[1], bytes, sizeof bytes, res, &rc))
			return rc;
		if ((res->value = change_mask(&c->p->sig, arg[0],
					      sigset_decode(bytes))) != 0)
			return 0;
	}
	res->value = 0;
	if (arg[2] != 0) {
		sigset_encode(old, bytes);
		rc = sys_copy_to_user(c, arg[2], bytes, KADDR_STACK,
				      sizeof bytes, &failed);
		if (failed)
			res->value = -EFAULT;
	}
	return sys_access_end(rc, res);
}

/* rt_sigpending(set, sigsetsize) */
int signal_call_rt_sigpending(const struct sys_context *c,
			      const uint32_t arg[6], struct sys_result *res,
			      struct ef_error *err)
{
	uint8_t bytes[SIGSET_SIZE];
	bool failed = false;
	int rc;

	(void)err;
	if (arg[1] > SIGSET_SIZE) {
		res->value = -EINVAL;
		return 0;
	}
	sigset_encode(c->p->sig.pending & c->p->sig.blocked, bytes);
	rc = sys_copy_to_user(c, arg[0], bytes, KADDR_STACK, arg[1], &failed);
	res->value = failed ? -EFAULT : 0;
	return sys_access_end(rc, res);
}
