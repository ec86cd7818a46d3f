/* oops.h - the kernel's Oops report for a fault it cannot handle.
 *
 * page_fault_oops() (arch/x86/mm/fault.c, Linux 6.1) prints, for a bad
 * area in kernel mode with no exception-table fixup:
 *
 *     BUG: kernel NULL pointer dereference, address: 00000004
 *     #PF: supervisor read access in kernel mode
 *     #PF: error_code(0x0000) - not-present page
 *     *pde = 00000000
 *     Oops: 0000 [#1] PREEMPT SMP
 *     CPU: 0 PID: 1 Comm: a.out Not tainted 6.1.0-elfault #1
 *     EIP: track2lba+0x27/0x3f [dm_vguard]
 *     CR0: 80050033 CR2: 00000004 CR3: 00012000 CR4: 00000090
 *     CR2: 0000000000000004
 *     ---[ end trace 0000000000000000 ]---
 *
 * show_fault_oops() gives the BUG line (NULL pointer below PAGE_SIZE),
 * the two #PF lines and dump_pagetable() (the PTE only when the PDE is
 * present and not a 4 MiB page); __die() the Oops line, whose flags are
 * those of Debian's 686 configuration (PREEMPT SMP, no PTI without PAE),
 * and the CPU line (tainted D after the first Oops); __show_regs() the EIP
 * and control registers; page_fault_oops() the CR2 summary; oops_end()
 * the end marker and, in interrupt context, the panic.  elfault has no
 * general registers, stack or modules: their lines are left out.
 */
#ifndef ELFAULT_OOPS_H
#define ELFAULT_OOPS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mmu.h"

struct oops_input {
	const struct mmu_fault *hw;	/* the fault: CR2, error code, entries */
	const char *eip;		/* %pS of the EIP, or the script's name */
	int pid;
	const char *comm;
	unsigned number;		/* die_counter: 1 for the first Oops */
	bool panic;			/* in interrupt context */
	uint32_t cr0, cr3, cr4;
};

/* The Oops report of IN, its lines ending in '\n', into BUF (cut to
 * SIZE).  Returns BUF. */
char *oops_format(const struct oops_input *in, char *buf, size_t size);

/* CR0 and CR4 as the modelled MMU has them (only the bits it models in
 * CR4: PSE and PGE; in CR0 PE, MP, ET, NE, WP, AM and PG as Linux sets). */
uint32_t oops_cr0(const struct mmu *mmu);
uint32_t oops_cr4(const struct mmu *mmu);

#endif
