/* sys_internal.h - what the modules of the system calls share
 * (syscalls.c, fd_syscalls.c): not a contract for anyone else. */
#ifndef ELFAULT_SYS_INTERNAL_H
#define ELFAULT_SYS_INTERNAL_H

#include "syscalls.h"

typedef int sys_fn(const struct sys_context *c, const uint32_t arg[6],
		   struct sys_result *res, struct ef_error *err);

enum { SYS_PATH_MAX = 4096 };	/* PATH_MAX */

static inline uint32_t task_size(const struct sys_context *c)
{
	return (uint32_t)c->p->mm.target->task_size;
}

/* An access's end: 0 (done, the result set), or -1 on an error; an Oops
 * marks the call dead. */
static inline int access_end(int rc, struct sys_result *res)
{
	if (rc == UACCESS_DEAD)
		res->dead = true;
	return rc < 0 ? -1 : 0;
}

/* getname_flags(): the path at USER into KBUF (SYS_PATH_MAX bytes): 0
 * with *LENGTH its length or -errno (EFAULT, ENAMETOOLONG, and ENOENT
 * for "" unless EMPTY_OK: LOOKUP_EMPTY); else what the access returned. */
int sys_getname(const struct sys_context *c, uint32_t user, char *kbuf,
		bool empty_ok, int32_t *length);

/* Where a write to the run's output or the terminal through descriptor
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
