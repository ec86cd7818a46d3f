/* signal_calls.h - kill(), rt_sigaction(), rt_sigprocmask() and
 * rt_sigpending() on the processes' signal state (signals.h), and the
 * signals a process acts on before it returns to user mode.
 *
 * kill (37): pid > 0 one process, 0 the caller's process group, -1
 *   every process but pid 1 and the caller, < -1 the group -pid
 *   (kill_something_info()); ESRCH when none, EINVAL for no such
 *   signal; signal 0 only checks.  A signal an ignoring process gets is
 *   discarded, a blocked one stays pending (rt_sigpending() shows it),
 *   SIGCONT continues a stopped process whatever its disposition; any
 *   other is acted on: at once by another process, by the caller as it
 *   returns from the call - its default action (signals.h), since no
 *   handler runs (a signal with a handler stays pending).
 * rt_sigaction (174): sigsetsize must be 8 (EINVAL); SIGKILL and SIGSTOP
 *   take no disposition (EINVAL), nor do 0 and numbers past 64; the
 *   20-byte i386 struct sigaction is read with copy_from_user() and the
 *   old one written with copy_to_user() (EFAULT); unknown sa_flags bits
 *   are dropped, sa_mask is kept as given (as the VM shows).
 * rt_sigprocmask (175): sigsetsize 8 (EINVAL); SIG_BLOCK, SIG_UNBLOCK,
 *   SIG_SETMASK (else EINVAL, looked at only with a new set); SIGKILL and
 *   SIGSTOP are never blocked; the old mask stored after the change.
 * rt_sigpending (176): the blocked pending signals, sigsetsize bytes
 *   (at most 8, else EINVAL).
 */
#ifndef ELFAULT_SIGNAL_CALLS_H
#define ELFAULT_SIGNAL_CALLS_H

#include "syscalls.h"

sys_fn signal_call_kill, signal_call_rt_sigaction, signal_call_rt_sigprocmask,
       signal_call_rt_sigpending;

/* get_signal() as P returns to user mode: the pending signals it does
 * not block are acted on - SIG_DFL's action (the process may end: true),
 * SIG_IGN's nothing; those with a handler stay pending. */
bool signal_calls_act(struct machine *m, struct process *p);

#endif
