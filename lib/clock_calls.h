/* clock_calls.h - the clocks a process reads (kernel/time/posix-timers.c,
 * posix-cpu-timers.c, time.c of Linux 6.1), on a modelled clock that
 * makes every run the same.
 *
 * The modelled clock is the machine's: it starts at 0 when the machine
 * is made and advances by 1 microsecond each time a process reads any
 * clock, before the read - so two reads never see the same time and a
 * run reads the same times each time it is run.  CLOCK_MONOTONIC (1),
 * CLOCK_MONOTONIC_RAW (4), CLOCK_BOOTTIME (7), CLOCK_BOOTTIME_ALARM (9)
 * and the CPU-time clocks (CLOCK_PROCESS_CPUTIME_ID (2),
 * CLOCK_THREAD_CPUTIME_ID (3), and the negative ids of a process's or
 * thread's clock: no process ever waits for the CPU) read it as it is;
 * CLOCK_REALTIME (0), CLOCK_REALTIME_ALARM (8) and CLOCK_TAI (11, the
 * VM keeps no TAI offset) add 1795651200 s (2026-11-26 00:00:00 UTC,
 * the date in the VM kernel's uname version); the _COARSE ones (5, 6)
 * are that read cut to the 4 ms tick (CONFIG_HZ=250).  Every other id
 * is EINVAL, as on the VM: 10 and 12 up, a negative id whose clock
 * field is 3, another process's thread or a process that does not exist.
 *
 *   clock_gettime (265): struct old_timespec32 (8 bytes), clock_gettime64
 *     (403): struct __kernel_timespec (16 bytes), with copy_to_user()
 *     (EFAULT);
 *   clock_getres (266), clock_getres_time64 (406): 1 ns, the tick for the
 *     coarse clocks and the CPU clocks that are not CPUCLOCK_SCHED; a
 *     NULL pointer stores nothing;
 *   gettimeofday (78): the seconds and microseconds with put_user() each,
 *     then the struct timezone (0, 0) with copy_to_user(), each when its
 *     pointer is not NULL (EFAULT);
 *   time (13): the seconds, stored with put_user() too when the pointer
 *     is not NULL (EFAULT).
 */
#ifndef ELFAULT_CLOCK_CALLS_H
#define ELFAULT_CLOCK_CALLS_H

#include "syscalls.h"

/* CLOCK_REALTIME's seconds at the modelled clock's 0. */
#define CLOCK_EPOCH 1795651200u

/* The modelled clock's step per read, in nanoseconds. */
#define CLOCK_READ_NS 1000u

sys_fn clock_call_gettime, clock_call_gettime64, clock_call_getres,
       clock_call_getres_time64, clock_call_gettimeofday, clock_call_time;

/* The time clock ID reads for C->p (the clock advanced first), in
 * nanoseconds; or -EINVAL for no such clock. */
int64_t clock_read(const struct sys_context *c, int32_t id);

#endif
