/* world.h - for the unit tests: a machine with one process exec'd from a
 * fixture (padzero's kernel accesses made as the kernel makes them), and an access as the CPU makes it (through the MMU; a fault
 * goes to fault_handle() and, when resolved, the access is retried, as
 * the CPU restarts the instruction). */
#ifndef ELFAULT_TEST_WORLD_H
#define ELFAULT_TEST_WORLD_H

#include "elf_image.h"
#include "exec_target.h"
#include "fault.h"
#include "process.h"
#include "tap.h"

struct world {
	struct machine m;
	struct process *p;
	struct elf_image *image;
};

/* The kernel's access for clear_user(): a fault goes to the handler and
 * the access is retried, as the CPU restarts the instruction. */
struct kernel_faults {
	struct machine *m;
	struct process *p;
	unsigned count;
	uint32_t cr2, error_code, eip;
	enum fault_kind kind;
};

static inline int kernel_access(void *ctx, uint32_t eip, enum mmu_access_type type,
			 uint32_t user, unsigned size, uint8_t *bytes)
{
	struct kernel_faults *k = ctx;
	struct mmu_fault hw;
	struct fault_result res;

	while (mmu_access(&k->m->mmu, user, size, type, MMU_SUPERVISOR, bytes,
			  &hw, NULL) == 1) {
		if (fault_handle_kernel(k->m, k->p, &hw, eip, false, 4096, &res,
					NULL) != 0)
			return -1;
		if (k->count++ == 0) {
			k->cr2 = hw.cr2;
			k->error_code = hw.error_code;
			k->eip = eip;
			k->kind = res.kind;
		}
		if (res.kind == FAULT_FIXUP)
			return UACCESS_FIXUP;
	}
	return UACCESS_DONE;
}

/* 16 MiB of memory on the i386 target; FIXTURE (under testdata/) exec'd
 * with argv { FIXTURE }, made the running process, and its padzero()
 * made (clear_user(), faults and all), as execve() returns. */
static inline void world_start(struct world *w, const char *fixture)
{
	const char *argv[] = { fixture };
	struct exec_args args = { .filename = fixture, .argv = argv,
				  .argc = 1 };

	w->image = elf_image_open(testdata_path(fixture), NULL);
	machine_init(&w->m, 16u << 20, exec_target_by_name("i386"), NULL);
	w->p = process_exec(&w->m, w->image, &args, NULL);
	process_switch(&w->m, w->p);
	if (w->p != NULL) {
		struct kernel_faults k = { .m = &w->m, .p = w->p };
		const struct uaccess u = { kernel_access, &k, 7 };

		process_exec_padzero(w->p, &u);
	}
}

static inline void world_stop(struct world *w)
{
	machine_release(&w->m);
	elf_image_free(w->image);
}

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
