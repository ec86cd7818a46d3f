/* rseq.c - kernel/rseq.c of Linux 6.1. */
#include <config.h>

#include <errno.h>

#include "kernel_space.h"
#include "kernel_text.h"
#include "rseq.h"

/* rseq_get_rseq_cs()'s u64 on the kernel's stack. */
#define KADDR_RSEQ_CS (PAGE_OFFSET + 0x00805000u)

enum { RSEQ_CS_OFFSET = 8, RSEQ_CPU_ID_OFFSET = 4 };

/* rseq_reset_rseq_cpu_id(): put_user() of 0 and of -1. */
static int reset_cpu_id(const struct sys_context *c, struct sys_result *res)
{
	bool failed = false;
	int rc = uaccess_put_user(c->u, c->p->rseq, 0, sys_task_size(c),
				  &failed);

	if (rc == 0 && !failed)
		rc = uaccess_put_user(c->u, c->p->rseq + RSEQ_CPU_ID_OFFSET,
				      (uint32_t)RSEQ_CPU_ID_UNINITIALIZED,
				      sys_task_size(c), &failed);
	res->value = failed ? -EFAULT : 0;
	if (rc == 0 && !failed) {
		c->p->rseq = 0;
		c->p->rseq_sig = 0;
	}
	return sys_access_end(rc, res);
}

static int unregister(const struct sys_context *c, const uint32_t arg[6],
		      struct sys_result *res)
{
	if (arg[2] & ~(uint32_t)RSEQ_FLAG_UNREGISTER ||
	    c->p->rseq != arg[0] || c->p->rseq == 0 ||
	    arg[1] != RSEQ_AREA_SIZE)
		res->value = -EINVAL;
	else if (c->p->rseq_sig != arg[3])
		res->value = -EPERM;
	else
		return reset_cpu_id(c, res);
	return 0;
}

/* rseq(rseq, rseq_len, flags, sig) */
int rseq_call(const struct sys_context *c, const uint32_t arg[6],
	      struct sys_result *res, struct ef_error *err)
{
	struct process *p = c->p;

	(void)err;
	if (arg[2] & RSEQ_FLAG_UNREGISTER)
		return unregister(c, arg, res);
	if (arg[2] != 0 || (p->rseq != 0 && (p->rseq != arg[0] ||
					      arg[1] != RSEQ_AREA_SIZE)))
		res->value = -EINVAL;
	else if (p->rseq != 0)
		res->value = p->rseq_sig != arg[3] ? -EPERM : -EBUSY;
	else if (arg[0] % RSEQ_AREA_SIZE != 0 || arg[1] != RSEQ_AREA_SIZE)
		res->value = -EINVAL;
	else if (!uaccess_ok(arg[0], RSEQ_AREA_SIZE, sys_task_size(c)))
		res->value = -EFAULT;
	else {
		p->rseq = arg[0];
		p->rseq_sig = arg[3];
		p->rseq_resume = true;	/* rseq_set_notify_resume() */
		res->value = 0;
	}
	return 0;
}

/* rseq_ip_fixup() with rseq_cs read as 0, then rseq_update_cpu_id().
 * Returns 0 with *FAILED for -EFAULT, UACCESS_DEAD, or -1. */
static int update(const struct sys_context *c, bool *failed)
{
	uint32_t area = c->p->rseq, left;
	uint8_t cs[8];
	int rc;

	*failed = true;
	rc = sys_copy_from_user(c, area + RSEQ_CS_OFFSET, cs, KADDR_RSEQ_CS,
				sizeof cs, failed);
	if (rc != 0 || *failed)
		return rc;
	if ((rc = uaccess_clear(c->u, area + RSEQ_CS_OFFSET, sizeof cs,
				sys_task_size(c), &left)) != 0)
		return rc;
	*failed = left != 0 ||
		  !uaccess_ok(area, RSEQ_AREA_SIZE, sys_task_size(c));
	if (*failed)
		return 0;
	rc = uaccess_unsafe_put_user(c->u, KTEXT_RSEQ_NOTIFY_RESUME +
				     RSEQ_PUT_CPU_ID_START, area, 0, failed);
	if (rc == 0 && !*failed)
		rc = uaccess_unsafe_put_user(c->u, KTEXT_RSEQ_NOTIFY_RESUME +
					     RSEQ_PUT_CPU_ID,
					     area + RSEQ_CPU_ID_OFFSET, 0,
					     failed);
	return rc;
}

int rseq_return_to_user(const struct sys_context *c, struct sys_result *res,
			struct ef_error *err)
{
	bool failed;
	int rc;

	(void)err;
	if (!c->p->rseq_resume || c->p->rseq == 0)
		return 0;
	c->p->rseq_resume = false;
	rc = update(c, &failed);
	if (rc != 0)
		return sys_access_end(rc, res);
	if (failed) {		/* force_sigsegv() */
		process_end(c->m, c->p, SIG_SEGV);
		res->ended = true;
	}
	return 0;
}
