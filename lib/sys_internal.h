/* sys_internal.h - what the modules of the system calls share
 * (syscalls.c, fd_syscalls.c): not a contract for anyone else. */
#ifndef ELFAULT_SYS_INTERNAL_H
#define ELFAULT_SYS_INTERNAL_H

#include "syscalls.h"

enum { SYS_PATH_MAX = 4096 };	/* PATH_MAX */

/* Short names for syscalls.h's sys_task_size() and sys_access_end(). */
static inline uint32_t task_size(const struct sys_context *c)
{
	return sys_task_size(c);
}

static inline int access_end(int rc, struct sys_result *res)
{
	return sys_access_end(rc, res);
}

/* getname_flags(): the path at USER into KBUF (SYS_PATH_MAX bytes): 0
 * with *LENGTH its length or -errno (EFAULT, ENAMETOOLONG, and ENOENT
 * for "" unless EMPTY_OK: LOOKUP_EMPTY); else what the access returned. */
int sys_getname(const struct sys_context *c, uint32_t user, char *kbuf,
		bool empty_ok, int32_t *length);

/* Where a write to the run's output through descriptor
 * FD goes on (machine.h's terminal_output): SINK, made of WRITER, or NULL
 * when the machine sends it nowhere. */
struct sys_output_writer {
	const struct terminal_output *to;
	int pid, fd;
};
const struct rw_sink *sys_output_sink(const struct sys_context *c, int fd,
				      struct sys_output_writer *writer,
				      struct rw_sink *sink);

/* The process /proc/PID names ("self" or a number), or NULL. */
struct process *sys_proc_process(const struct sys_context *c,
				 const char *pid);

#endif
