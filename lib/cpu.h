/* cpu.h - an i386 CPU in user mode whose every memory access goes
 * through the model's MMU: the Unicorn engine executes the instructions,
 * and this module makes its memory the simulated process's.
 *
 * Unicorn 2.0's own x86 paging cannot be used (it maps guest virtual
 * addresses one to one), so the CPU sees one flat 4 GiB region over a
 * host reservation, and each page of it that an access has used is the
 * frame the model's page table maps there: the frames live in
 * phys_mem's memfd, and the page of the reservation is mapped onto its
 * frame (mmap MAP_SHARED|MAP_FIXED).  Before every load and store
 * (Unicorn's memory hooks) and every instruction fetch (its code hook),
 * the access is translated by mmu_translate() as the CPU's MMU would,
 * for a user-mode access: a TLB hit costs a lookup, a miss walks the
 * page tables (setting A and D), and a fault goes to the owner's fault
 * hook - the kernel's do_page_fault() - and the access is tried again,
 * as the CPU restarts the faulting instruction.  So a COW fault that
 * gives the page a new frame takes effect for the very write that took
 * it, and a user access to the kernel's quarter faults (U=0) as on the
 * real machine.  A page whose translation the model has not given yet
 * reads as zeros in the reservation and is never what an access sees.
 *
 * Unicorn translates code before it runs it, from what the reservation
 * holds at that moment: when a fetch faults or its page gets another
 * frame, the translated code of that page is dropped and the instruction
 * started again.  A page with no frame there yet is translated as int3
 * bytes: one-byte blocks, and code that never runs - what was translated
 * from them is dropped at its first instruction, even when an access of
 * an instruction before it in the block has given the page its frame
 * since.  So the fetch that brings a page in is of the instruction's
 * first byte (the CPU has not decoded it yet), and a one-byte
 * instruction at a page's end fetches nothing of the next.  The engine
 * sees a store to code only through the page the code was translated
 * at; a store through another mapping of the same frame (a file mapped
 * MAP_SHARED twice, writable and executable) drops the code translated
 * from that frame at the other pages, as the CPU's fetches see every
 * store to the physical page.
 *
 * The CPU runs in user mode (CPL 3) on a GDT of Linux's layout: the user
 * code and data segments at selectors 0x73 and 0x7b (flat), and the
 * three TLS entries 6 to 8 (selectors 0x33, 0x3b, 0x43), which
 * cpu_load_tls() sets from the running process's (tls.h), as load_TLS()
 * does at a switch and after set_thread_area().  The GDT lies in a page
 * of the kernel's quarter (CPU_GDT_ADDRESS), where only the CPU's own
 * descriptor reads go: a user access there faults in the model.  A
 * segment load of a selector whose descriptor is empty, or no DPL 3 data
 * segment, is a #GP, as on the CPU.
 *
 * The CPU is QEMU's qemu32 model (GenuineIntel, family 6), the one the
 * ground-truth VM runs on, so CPUID answers as the VM's CPU does.
 *
 * Interrupts: int $0x80 ends cpu_run() with CPU_STOP_SYSCALL and EIP past
 * the instruction, for the owner's system-call layer; sysenter (the
 * vDSO's __kernel_vsyscall) ends it with CPU_STOP_SYSENTER, the call in
 * EAX..EDI and the user's stack pointer in EBP, for do_fast_syscall_32()
 * to finish; any other trap ends it with CPU_STOP_TRAP, its vector in
 * cpu->trap and the trapping instruction at cpu->trap_eip: `int N` is
 * the vector its gate gives user mode (traps.h: #GP but for 3, 4, 0x80),
 * an instruction the engine does not know is #UD, and in and out are #GP
 * (no I/O permission).  After a trap the engine's state is reset, so
 * that the next exception is not taken for a double fault.
 *
 * cpuid answers as QEMU 7.2's qemu32 does in the VM (cpuid.h).
 */
#ifndef ELFAULT_CPU_H
#define ELFAULT_CPU_H

#include <stdbool.h>
#include <stdint.h>

#include "engine_guard.h"
#include "error.h"
#include "mmu.h"
#include "tls.h"

/* Where the CPU's GDT is: its last page, in the kernel's quarter. */
#define CPU_GDT_ADDRESS 0xfffff000u
enum {
	CPU_GDT_ENTRIES = 32,	/* GDT_ENTRIES (arch/x86/include/asm/segment.h) */
	CPU_USER_CS = 0x73,	/* __USER_CS: entry 14, RPL 3 */
	CPU_USER_DS = 0x7b,	/* __USER_DS: entry 15, RPL 3 */
};

struct machine;
struct mapped_file;

enum cpu_error {
	CPU_ERR_ENGINE = EF_ERR_BASE(EF_DOMAIN_CPU) + 1, /* Unicorn refused */
	CPU_ERR_HOST,		/* the reservation or a mapping failed */
};

/* The general registers a user program sees (and EIP, EFLAGS), and the
 * two segment registers it may load (the others hold __USER_CS and
 * __USER_DS).  A selector whose descriptor is no longer usable when the
 * process runs again is 0, as the kernel's `pop %gs` fixup makes it. */
struct cpu_regs {
	uint32_t eax, ebx, ecx, edx, esi, edi, ebp, esp;
	uint32_t eip, eflags;
	uint16_t fs, gs;
};

/* Why cpu_run() returned. */
enum cpu_stop {
	CPU_STOP_SYSCALL,	/* int $0x80: EAX and the rest hold the call */
	CPU_STOP_SYSENTER,	/* sysenter: the call, EBP the user's ESP */
	CPU_STOP_TRAP,		/* another trap: its vector in cpu->trap */
	CPU_STOP_DIED,		/* the fault hook ended the process */
	CPU_STOP_BUDGET,	/* the instructions allowed have run */
};

/* An access the CPU is about to make: a fetch of an instruction's bytes,
 * or a load or store of one of its operands. */
struct cpu_access {
	enum mmu_access_type type;
	uint32_t address;
	uint32_t size;		/* 1 to 16 bytes (an instruction: its length) */
	uint32_t eip;		/* the instruction's address */
	bool has_value;		/* a store of at most 8 bytes: */
	uint64_t value;		/* what it stores */
};

/* What the owner does for the CPU. */
struct cpu_hooks {
	/* ACCESS faulted (FAULT, from mmu_translate() for one of its
	 * pages): handle it as the kernel does.  Returns 0 when it was
	 * resolved (the access is tried again), 1 when the process died of
	 * it, or -1 with ERR set. */
	int (*fault)(void *ctx, const struct cpu_access *access,
		     const struct mmu_fault *fault, struct ef_error *err);
	void *ctx;
};

struct cpu {
	struct uc_struct *uc;
	struct machine *m;
	struct cpu_hooks hooks;
	uint8_t *space;		/* the 4 GiB reservation */
	uint32_t *alias;	/* per page: the frame mapped there, + 1 */
	uint64_t *stale_code;	/* per page, a bit: the engine may hold code
				 * translated from bytes not the page's now
				 * (its scratch bytes, or a frame it had) */
	uint32_t *code_page;	/* per frame: the page + 1 whose code the
				 * engine translated from it (0: none;
				 * UINT32_MAX: several) */
	uint32_t *mapped;	/* the pages given a frame since the last
				 * flush (again after a scratch()) */
	size_t mapped_count, mapped_capacity;
	uint32_t insn_eip;	/* the instruction now running */
	struct cpu_access access; /* the access being made */
	bool stopping;		/* a hook asked the engine to stop */
	bool refetch;		/* stopped to translate code again */
	bool probe;		/* stopped to probe a block (engine_guard.h) */
	bool again;		/* run on: the stop was the CPU's own */
	enum cpu_stop stop;
	unsigned trap;		/* CPU_STOP_TRAP: the vector */
	uint32_t trap_eip;	/* and the instruction that took it */
	bool setting_up;	/* the CPU's own accesses: no hooks */
	bool reset;		/* a trap was taken: reset before running */
	void *pristine;		/* the engine's state in user mode (a
				 * uc_context) */
	uint64_t gdt[CPU_GDT_ENTRIES];
	int fault_rc;		/* the fault hook's -1 (ERR below) */
	struct ef_error err;
	uint64_t instructions;	/* run so far */
	uint64_t limit;		/* stop before the instruction that would
				 * make INSTRUCTIONS exceed it (0: none) */
	/* Per access type, the TLB entry its last access used: a hit on it
	 * again with the same frame mapped skips the translation. */
	const struct tlb_entry *hit[3];
	uint64_t remaps;	/* pages given a frame in the reservation */
	uint64_t refetches;	/* instructions translated again */
	struct engine_guard guard; /* what Unicorn 2.0.1 cannot translate */
};

/* A CPU for the processes of M, with HOOKS.  While it is open it is the
 * observer of M's frames (phys_mem.h): a frame the kernel writes, or
 * that is zero-filled for a new owner, loses the code the engine
 * translated from it, wherever that code was - so the CPU runs the
 * bytes a read() or any copy to user memory left, a page-cache page
 * read into a frame since freed, a copy-on-write copy.  (Its own stores
 * are watched by the engine and on_memory().)  Returns 0, or -1 with
 * ERR (CPU_ERR_ENGINE when Unicorn cannot start, CPU_ERR_HOST). */
int cpu_open(struct cpu *cpu, struct machine *m, const struct cpu_hooks *hooks,
	     struct ef_error *err);

void cpu_close(struct cpu *cpu);

/* The 4 bytes at user address ADDRESS as the CPU last saw them, into
 * *VALUE (0, and false, when its page has no frame in the reservation);
 * no access of the model's is made. */
bool cpu_peek32(struct cpu *cpu, uint32_t address, uint32_t *value);

/* The TLS descriptors of the process that runs next (load_TLS()):
 * the selectors cpu_run() loads see them. */
void cpu_load_tls(struct cpu *cpu, const uint64_t tls[TLS_ENTRIES]);

/* CR3 now holds another address space (a switch, an exec): forget every
 * page the reservation maps and all code translated from them (page by
 * page: the cost is the pages mapped since the last flush). */
int cpu_flush(struct cpu *cpu, struct ef_error *err);

/* Run the current process (the machine's CR3) from REGS for at most
 * BUDGET instructions (0: no limit) until a stop; REGS holds the state
 * after.  Returns 0 with *STOP set, or -1 with ERR set (the fault hook's
 * error, or the engine's). */
int cpu_run(struct cpu *cpu, struct cpu_regs *regs, uint64_t budget,
	    enum cpu_stop *stop, struct ef_error *err);

#endif
