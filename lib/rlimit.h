/* rlimit.h - a process's resource limits (signal->rlim[]), as the
 * i386 6.1 kernel keeps them: 32-bit values, RLIM_INFINITY all ones.
 *
 * A process made by exec starts with the limits the ground-truth VM's
 * programs have (checked there with ugetrlimit() and prlimit64() for
 * every resource): the kernel's INIT_RLIMITS
 * (include/asm-generic/resource.h) with what boot and the VM's init
 * changed - RLIMIT_NPROC and RLIMIT_SIGPENDING set from the memory size
 * by fork_init() (1888 in the VM's 256 MiB), RLIMIT_NOFILE 1024/4096,
 * RLIMIT_MEMLOCK 8 MiB, RLIMIT_STACK 8 MiB soft and unlimited hard,
 * RLIMIT_CORE 0 soft.  fork copies them (copy_signal()), exec keeps them.
 */
#ifndef ELFAULT_RLIMIT_H
#define ELFAULT_RLIMIT_H

#include <stdbool.h>
#include <stdint.h>

enum rlimit_resource {
	RLIMIT_CPU_, RLIMIT_FSIZE_, RLIMIT_DATA_, RLIMIT_STACK_, RLIMIT_CORE_,
	RLIMIT_RSS_, RLIMIT_NPROC_, RLIMIT_NOFILE_, RLIMIT_MEMLOCK_,
	RLIMIT_AS_, RLIMIT_LOCKS_, RLIMIT_SIGPENDING_, RLIMIT_MSGQUEUE_,
	RLIMIT_NICE_, RLIMIT_RTPRIO_, RLIMIT_RTTIME_,
	RLIMIT_COUNT		/* RLIM_NLIMITS */
};

#define RLIMIT_INFINITY 0xffffffffu	/* RLIM_INFINITY: ~0UL */

/* _STK_LIM: the default RLIMIT_STACK, which exec's layout
 * (exec_layout.c) and the stack's growth (fault.c) use. */
#define RLIMIT_STACK_DEFAULT (8u * 1024 * 1024)

/* fs/file.c sysctl_nr_open: RLIMIT_NOFILE's hard limit at most. */
#define RLIMIT_NR_OPEN (1024u * 1024)

struct rlimits {
	uint32_t cur[RLIMIT_COUNT];	/* soft */
	uint32_t max[RLIMIT_COUNT];	/* hard */
};

/* The limits a process exec: made starts with (the VM's). */
void rlimit_init(struct rlimits *r);

/* do_prlimit(): RESOURCE's limits into *OLD (when not NULL), then NEW_CUR
 * and NEW_MAX set (when NEW is true).  Returns 0 or -errno: EINVAL for
 * no such resource or a soft limit above the hard one, EPERM for an
 * RLIMIT_NOFILE hard limit above nr_open (the process is root:
 * CAP_SYS_RESOURCE lets it raise a hard limit). */
int rlimit_change(struct rlimits *r, uint32_t resource, bool set,
		  uint32_t new_cur, uint32_t new_max, uint32_t *old_cur,
		  uint32_t *old_max);

/* rlim_to_rlim64() and rlim64_to_rlim(): prlimit64()'s 64-bit values
 * (RLIM64_INFINITY all ones). */
uint64_t rlimit_to_64(uint32_t value);
uint32_t rlimit_from_64(uint64_t value);

#endif
