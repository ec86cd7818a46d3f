/* access.h - an access as the CPU makes it, for the unit tests: through
 * the MMU; a fault goes to fault_handle() and, when resolved, the access
 * is retried, as the CPU restarts the instruction. */
#ifndef ELFAULT_TEST_ACCESS_H
#define ELFAULT_TEST_ACCESS_H

#include "fault.h"
#include "process.h"

#define NO_FAULT (-1)

/* Access ADDR in P with fault-around AROUND bytes; returns the kind of
 * the last fault taken (NO_FAULT if none), -2 on an error, -3 when the
 * access does not complete. */
static inline int access_page(struct machine *m, struct process *p,
			      uint32_t addr, enum mmu_access_type type,
			      unsigned around, struct fault_result *r)
{
	uint8_t byte = 0x5a;
	struct mmu_fault hw;
	int kind = NO_FAULT;

	for (int attempt = 0; attempt < 3; attempt++) {
		if (mmu_access(&m->mmu, addr, 1, type, MMU_USER, &byte, &hw,
			       NULL) == 0)
			return kind;
		if (fault_handle(m, p, &hw, around, r, NULL) != 0)
			return -2;
		kind = (int)r->kind;
		if (r->kind == FAULT_SIGSEGV || r->kind == FAULT_SIGBUS)
			return kind;
	}
	return -3;
}

#endif
