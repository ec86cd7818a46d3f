/* fault.h - the kernel's page-fault handler for user-mode faults.
 *
 * fault_handle() takes what the MMU reported (mmu.h) and decides as
 * arch/x86/mm/fault.c do_user_addr_fault() and mm/memory.c
 * handle_mm_fault() do (Linux 6.1):
 *
 *  - an address in the kernel's half: SIGSEGV, SEGV_MAPERR (the live
 *    kernel gives MAPERR there, through bad_area_nosemaphore());
 *  - no VMA, or below a VMA that does not grow down, or a stack that
 *    cannot grow (guard gap, rlimit): SIGSEGV, SEGV_MAPERR;
 *  - a VMA that forbids the access (access_error()): SIGSEGV, SEGV_ACCERR;
 *  - a PTE that is empty: an anonymous read maps the shared zero page
 *    read-only, an anonymous write a new zeroed frame (do_anonymous_page);
 *    a file read maps the page-cache page, reading it from the disk if
 *    needed (a major fault, with mmap read-around) and mapping the cached
 *    neighbours too (do_fault_around); a private file write maps a copy
 *    (do_cow_fault); a shared file write maps the page itself writable
 *    (do_shared_fault); a file page wholly past the end of the file is
 *    SIGBUS;
 *  - a write to a present read-only PTE (do_wp_page): the zero page is
 *    replaced by a new zeroed frame, an anonymous page mapped only here
 *    is reused (made writable), anything else is copied;
 *  - a swap entry (do_swap_page): the page from the swap cache, or read
 *    from swap (a major fault), then the copy-on-write rules on a write;
 *  - a PTE that already allows the access: a spurious fault from a stale
 *    TLB entry; nothing to do (the CPU dropped the entry);
 *  - an empty PTE of the [vdso] or [vvar] VMA: special_mapping_fault(),
 *    the kernel's own page mapped read-only (vdso.h).
 *
 * Handled faults count in the process's minflt or majflt (mm_account_fault
 * counts spurious ones too); faults ending in a signal count in neither.
 *
 * fault_handle_kernel() takes a fault of the kernel itself (error code
 * U=0), from the instruction at EIP, as handle_page_fault() does:
 *
 *  - an address in the kernel's half: do_kern_addr_fault(), a bad area;
 *  - in interrupt context: faulthandler_disabled(), a bad area even where
 *    a VMA would allow the access;
 *  - else the user-address path above: a page the VMA allows is faulted
 *    in as for a user access (and counted), the access then restarted -
 *    copy_to_user() into a fresh .bss page is an anonymous fault.
 *
 * A bad area in kernel mode is kernelmode_fixup_or_oops(): when the
 * exception table lists EIP (kernel_text.h) execution resumes at its
 * fixup and the copy routine returns short; otherwise it is an Oops
 * (page_fault_oops()): the task is killed, or in interrupt context the
 * kernel panics.  The process is neither signalled nor counted.
 */
#ifndef ELFAULT_FAULT_H
#define ELFAULT_FAULT_H

#include <stdbool.h>
#include <stdint.h>

#include "error.h"
#include "mmu.h"
#include "process.h"

/* How the kernel resolved the fault. */
enum fault_kind {
	FAULT_ANON_ZERO,	/* anonymous read: the zero page, read-only */
	FAULT_ANON_NEW,		/* anonymous write: a new zeroed frame */
	FAULT_FILE_READ,	/* file read: the page-cache page */
	FAULT_FILE_COW,		/* private file write: a copy of the cached page */
	FAULT_FILE_SHARED,	/* shared file write: the cached page, writable */
	FAULT_WP_ZERO,		/* write to the zero page: a new zeroed frame */
	FAULT_WP_REUSE,		/* write, the page mapped only here: reused */
	FAULT_WP_COPY,		/* write, the page shared or from a file: copied */
	FAULT_SWAP_IN,		/* a swap entry: the page read from swap (major) */
	FAULT_SWAP_CACHE,	/* a swap entry, the page in the swap cache */
	FAULT_SPURIOUS,		/* the PTE allowed it: a stale TLB entry */
	FAULT_SPECIAL,		/* the vDSO or vvar page (vdso.h) */
	FAULT_SIGSEGV,		/* the process gets SIGSEGV (si_code below) */
	FAULT_SIGBUS,		/* the process gets SIGBUS: past the end of file */
	FAULT_FIXUP,		/* kernel mode: resumed at the fixup (EFAULT) */
	FAULT_OOPS,		/* kernel mode, no fixup: an Oops (or panic) */
	FAULT_OOM,		/* no memory: the OOM killer chose this process */
};

enum { FAULT_SEGV_MAPERR = 1, FAULT_SEGV_ACCERR = 2, FAULT_BUS_ADRERR = 2 };

/* Mmap read-around on a page-cache miss: the default 128 KiB of
 * read_ahead_kb, centred on the faulting page (mm/filemap.c). */
#define FAULT_READ_AROUND_PAGES 32u

struct fault_result {
	enum fault_kind kind;
	int si_code;		/* SIGSEGV/SIGBUS: FAULT_SEGV_*, FAULT_BUS_* */
	const char *why;	/* for signals: what the kernel objected to */
	bool major;		/* read from the disk: counted in majflt */
	bool stack_grown;	/* expand_stack() moved the stack down */
	struct vma vma;		/* the VMA (after any growth) */
	bool has_vma;
	uint64_t old_pfn;	/* the frame the PTE had (WP faults) */
	uint64_t new_pfn;	/* the frame mapped now */
	unsigned around;	/* neighbours mapped by fault-around */
	unsigned read_pages;	/* pages read from the disk or swap */
	uint32_t swap_offset;	/* SWAP_IN, SWAP_CACHE: the slot */
	bool wp_copied;		/* SWAP_*: do_wp_page() then copied the page
				 * (the slot is shared after fork) */
	enum fault_kind bad_area; /* FIXUP, OOPS: the signal a user access
				   * would have had (with si_code, why) */
	uint32_t fixup_eip;	/* FAULT_FIXUP: where execution resumed */
	bool panic;		/* FAULT_OOPS in interrupt context */
	unsigned oops_number;	/* FAULT_OOPS: the machine's die_counter */
};

/* Handle the fault HW (from mmu_translate()) of process P, running on M
 * with FAULT_AROUND_BYTES for do_fault_around.  Returns 0 with RESULT
 * filled (signals are results, not errors), or -1 with ERR set: the
 * simulated memory ran out (PHYS_ERR_NO_FRAME), the OOM killer chose P
 * (PHYS_ERR_OOM_KILLED: P is marked oom_killed and the caller ends it
 * with process_exit()), or the host failed. */
int fault_handle(struct machine *m, struct process *p,
		 const struct mmu_fault *hw, unsigned fault_around_bytes,
		 struct fault_result *result, struct ef_error *err);

/* The same for a fault the kernel took at EIP (U=0 in HW's error code),
 * in interrupt context when IN_INTERRUPT.  Returns 0 with RESULT filled
 * (its si_code and why: what made the area bad), or -1 with ERR set. */
int fault_handle_kernel(struct machine *m, struct process *p,
			const struct mmu_fault *hw, uint32_t eip,
			bool in_interrupt, unsigned fault_around_bytes,
			struct fault_result *result, struct ef_error *err);

/* What becomes of the faulting access, by kind. */
enum fault_class {
	FAULT_CLASS_MAPPED,	/* a page mapped (or already allowed): the
				 * access goes on; a minor or major fault */
	FAULT_CLASS_SIGNAL,	/* a user bad area: SIGSEGV or SIGBUS */
	FAULT_CLASS_FIXUP,	/* a kernel bad area the exception table
				 * fixes up (EFAULT) */
	FAULT_CLASS_OOPS,	/* a kernel bad area with no fixup: an Oops,
				 * the process killed (or a panic) */
	FAULT_CLASS_OOM,	/* no memory: the OOM killer's SIGKILL */
};

/* A fault kind's facts, written in one place and read by the handler,
 * the report and the expectations. */
struct fault_kind_facts {
	const char *name;	/* in scripts and reports: "anon-new" */
	const char *words;	/* what the kernel did: "anonymous write: a
				 * new zeroed page" */
	const char *signal;	/* the signal that ends the process
				 * ("SIGSEGV", "SIGBUS", "SIGKILL"), or NULL */
	enum fault_class class;
};

/* KIND's facts. */
const struct fault_kind_facts *fault_kind_facts(enum fault_kind kind);

#endif
