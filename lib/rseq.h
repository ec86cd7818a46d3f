/* rseq.h - restartable sequences (kernel/rseq.c, 6.1): the rseq()
 * registration, and the update of the area the kernel makes before the
 * process returns to user mode.
 *
 * rseq (386): rseq(area, len, flags, sig).  Registering: flags 0; the
 *   area 32-byte aligned and len 32 (sizeof(struct rseq); 6.1 knows no
 *   longer one) else EINVAL; access_ok() else EFAULT; when one is
 *   registered already: the same area and length EBUSY (EPERM with
 *   another signature), another one EINVAL.  Unregistering (flags
 *   RSEQ_FLAG_UNREGISTER alone, else EINVAL): the registered area and len
 *   32 (EINVAL), its signature (EPERM); the kernel then stores 0 in
 *   cpu_id_start and RSEQ_CPU_ID_UNINITIALIZED (-1) in cpu_id with
 *   put_user() (EFAULT).  The area is kept in struct process; fork
 *   copies it, execve forgets it.
 *
 * The update (__rseq_handle_notify_resume()) is due after a
 * registration, in a fork's child, and after the process was scheduled
 * out (its call slept, or it stopped: rseq_preempt()); a stopped process
 * makes it when it next returns from a call, not as it is continued.
 * The model's processes are never preempted: the VM's are, by its
 * scheduler, whenever it likes, and each time the update follows - it
 * shows as a fault only where the area's page is not writable (after
 * fork, copy-on-write), which is why the VM's faults of a parent with an
 * rseq area after fork come at no fixed place.  It reads rseq_cs (8 bytes at
 * area + 8) with copy_from_user(), finds it 0 - outside any critical
 * section - and clears it with clear_user() (a 32-bit kernel:
 * clear_rseq_cs()), then stores the CPU number, 0 (one CPU), in
 * cpu_id_start and cpu_id with unsafe_put_user() (kernel_text.h).  A
 * fault there that the kernel cannot resolve is SIGSEGV
 * (force_sigsegv()).  Not modelled: a non-zero rseq_cs - a critical
 * section's descriptor is not read, nor is the sequence restarted at
 * its abort_ip; the area is cleared as for 0.
 */
#ifndef ELFAULT_RSEQ_H
#define ELFAULT_RSEQ_H

#include "syscalls.h"

enum {
	RSEQ_AREA_SIZE = 32,	/* sizeof(struct rseq) */
	RSEQ_FLAG_UNREGISTER = 1,
	RSEQ_CPU_ID_UNINITIALIZED = -1,
};

sys_fn rseq_call;

/* __rseq_handle_notify_resume() when C->p's update is due (and it has
 * an area): the accesses above.  Returns 0 (RES->ended when the process
 * got SIGSEGV, RES->dead on an Oops), or -1 with ERR. */
int rseq_return_to_user(const struct sys_context *c, struct sys_result *res,
			struct ef_error *err);

#endif
