/* sys_internal.h - what the modules of the system calls share
 * (syscalls.c, fd_syscalls.c): not a contract for anyone else. */
#ifndef ELFAULT_SYS_INTERNAL_H
#define ELFAULT_SYS_INTERNAL_H

#include "syscalls.h"

enum { SYS_PATH_MAX = 4096 };	/* PATH_MAX */

/* getname_flags(): the path at USER into KBUF (SYS_PATH_MAX bytes): 0
 * with *LENGTH its length or -errno (EFAULT, ENAMETOOLONG, and ENOENT
 * for "" unless EMPTY_OK: LOOKUP_EMPTY); else what the access returned. */
int sys_getname(const struct sys_context *c, uint32_t user, char *kbuf,
		bool empty_ok, int32_t *length);

/* The process /proc/PID names ("self" or a number), or NULL. */
struct process *sys_proc_process(const struct sys_context *c,
				 const char *pid);

#endif
