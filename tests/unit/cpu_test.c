/* cpu_test.c - the CPU (cpu.h) runs real i386 code on the model: a
 * program of testdata/replay/programs executes from its entry point, its
 * every page fault goes to the model's fault handler, and its system
 * calls (int $0x80) come back to the caller.  The program checks the
 * values it reads itself and exits with the step that went wrong, so an
 * exit status of 0 says every load saw the frame the model mapped. */
#include <config.h>


#include "cpu.h"
#include "cpuid.h"
#include "fault.h"
#include "pgtable.h"
#include "process.h"
#include "traps.h"
#include "world.h"

enum { MAX_FAULTS = 16 };

struct faults {
	struct world *w;
	unsigned count;
	struct { uint32_t cr2, error_code, eip; enum fault_kind kind; }
		seen[MAX_FAULTS];
};

static int handle_fault(void *ctx, const struct cpu_access *access,
			const struct mmu_fault *hw, struct ef_error *err)
{
	struct faults *f = ctx;
	struct fault_result res;
	uint32_t eip = access->eip;

	if (fault_handle(&f->w->m, f->w->p, hw, 4096, &res, err) != 0)
		return -1;
	if (f->count < MAX_FAULTS) {
		f->seen[f->count].cr2 = hw->cr2;
		f->seen[f->count].error_code = hw->error_code;
		f->seen[f->count].eip = eip;
		f->seen[f->count].kind = res.kind;
	}
	f->count++;
	return fault_kind_facts(res.kind)->signal != NULL;
}

/* The calls rp.inc makes: getpid (a mark), kill (a stop: ignored here),
 * write (a failed check's message) and exit.  Returns 1 at exit. */
static int system_call(struct world *w, struct cpu_regs *regs, int *status)
{
	switch (regs->eax) {
	case 1:
		*status = (int)regs->ebx;
		return 1;
	case 20:
		regs->eax = (uint32_t)w->p->pid;
		return 0;
	case 37:
	case 4:
		regs->eax = 0;
		return 0;
	default:
		regs->eax = (uint32_t)-38;	/* ENOSYS */
		return 0;
	}
}

static void test_seed_pages(void)
{
	struct world w;
	struct faults f = { .w = &w };
	const struct cpu_hooks hooks = { handle_fault, &f };
	struct cpu cpu;
	struct cpu_regs regs = { 0 };
	enum cpu_stop stop = CPU_STOP_BUDGET;
	int status = -1, calls = 0;

	world_start(&w, "replay/programs/rp-seed-pages");
	if (!tap_ok(w.p != NULL, "rp-seed-pages exec'd") ||
	    !tap_ok(cpu_open(&cpu, &w.m, &hooks, NULL) == 0, "cpu_open")) {
		world_stop(&w);
		return;
	}
	regs.eip = (uint32_t)w.p->mm.entry;
	regs.esp = (uint32_t)w.p->mm.start_stack;
	regs.eflags = 0x202;
	while (cpu_run(&cpu, &regs, 1000000, &stop, NULL) == 0 &&
	       stop == CPU_STOP_SYSCALL && calls++ < 100)
		if (system_call(&w, &regs, &status))
			break;
	tap_eq_u64(stop, CPU_STOP_SYSCALL, "it ended in a system call");
	tap_eq_u64(status, 0, "exit(0): every value it read was right");
	tap_eq_u64(f.count, 4, "four user faults, as the real kernel takes");
	tap_eq_u64(f.seen[0].kind, FAULT_FILE_READ, "the first fetch: file-read");
	tap_eq_u64(f.seen[0].cr2, w.p->mm.entry, "at the entry point");
	tap_eq_u64(f.seen[0].error_code, 0x4, "a user read of an absent page");
	tap_eq_u64(f.seen[0].eip, w.p->mm.entry, "EIP the instruction's");
	tap_eq_u64(f.seen[1].kind, FAULT_ANON_ZERO, "buffer_end read: zero page");
	tap_eq_u64(f.seen[2].kind, FAULT_WP_ZERO, "written: wp-zero");
	tap_eq_u64(f.seen[2].error_code, 0x7, "a user write, protection");
	tap_eq_u64(f.seen[3].kind, FAULT_ANON_NEW, "the stack below: anon-new");
	tap_eq_u64(f.seen[3].cr2, 0xbfffe000, "at 0xbfffe000");
	tap_ok(cpu.instructions > 20, "%llu instructions ran",
	       (unsigned long long)cpu.instructions);
	cpu_close(&cpu);
	world_stop(&w);
}

/* A jump to an address no VMA holds, and one to the kernel's quarter:
 * the fetch faults, the model gives SIGSEGV, and the CPU stops with the
 * process dead and nothing run. */
static void test_fatal_fetch(uint32_t eip, uint32_t error_code,
			     const char *what)
{
	struct world w;
	struct faults f = { .w = &w };
	const struct cpu_hooks hooks = { handle_fault, &f };
	struct cpu cpu;
	struct cpu_regs regs = { .eip = eip, .eflags = 0x202 };
	enum cpu_stop stop = CPU_STOP_BUDGET;

	world_start(&w, "replay/programs/rp-seed-pages");
	if (w.p == NULL || cpu_open(&cpu, &w.m, &hooks, NULL) != 0) {
		tap_ok(false, "%s: a process and a CPU", what);
		world_stop(&w);
		return;
	}
	regs.esp = (uint32_t)w.p->mm.start_stack;
	tap_ok(cpu_run(&cpu, &regs, 1000, &stop, NULL) == 0, "%s: ran", what);
	tap_eq_u64(stop, CPU_STOP_DIED, "%s: the process died", what);
	tap_eq_u64(f.count, 1, "%s: one fault", what);
	tap_eq_u64(f.seen[0].kind, FAULT_SIGSEGV, "%s: SIGSEGV", what);
	tap_eq_u64(f.seen[0].cr2, eip, "%s: at the target", what);
	tap_eq_u64(f.seen[0].error_code, error_code, "%s: error code", what);
	tap_eq_u64(cpu.instructions, 0, "%s: no instruction ran", what);
	cpu_close(&cpu);
	world_stop(&w);
}

/* rp-seed-pages run in slices of BUDGET instructions: each slice ends
 * with CPU_STOP_BUDGET having run exactly BUDGET more (the engine is
 * stopped before the next instruction, not after it), and the program
 * ends as it does in one go: exit(0), its four faults, as many
 * instructions.  The cut between two slices also drops the hot path's
 * last translations, which must change nothing. */
static void test_budget(void)
{
	static const uint64_t budgets[] = { 1, 2, 3, 7, 16 };
	uint64_t whole = 0;

	for (size_t i = 0; i < sizeof budgets / sizeof budgets[0]; i++) {
		struct world w;
		struct faults f = { .w = &w };
		const struct cpu_hooks hooks = { handle_fault, &f };
		struct cpu cpu;
		struct cpu_regs regs = { .eflags = 0x202 };
		enum cpu_stop stop = CPU_STOP_BUDGET;
		int status = -1, slices = 0;
		bool exact = true;

		world_start(&w, "replay/programs/rp-seed-pages");
		if (w.p == NULL || cpu_open(&cpu, &w.m, &hooks, NULL) != 0) {
			tap_ok(false, "budget %llu: a process and a CPU",
			       (unsigned long long)budgets[i]);
			world_stop(&w);
			continue;
		}
		regs.eip = (uint32_t)w.p->mm.entry;
		regs.esp = (uint32_t)w.p->mm.start_stack;
		while (slices++ < 1000) {
			uint64_t before = cpu.instructions;

			if (cpu_run(&cpu, &regs, budgets[i], &stop, NULL) != 0)
				break;
			if (stop == CPU_STOP_BUDGET)
				exact &= cpu.instructions - before ==
					 budgets[i];
			else if (stop != CPU_STOP_SYSCALL ||
				 system_call(&w, &regs, &status))
				break;
		}
		if (whole == 0)		/* the first, to compare the rest with */
			whole = cpu.instructions;
		tap_ok(exact, "budget %llu: every slice ran exactly that many",
		       (unsigned long long)budgets[i]);
		tap_ok(status == 0 && f.count == 4 && cpu.instructions == whole,
		       "budget %llu: exit %d, %u faults, %llu instructions",
		       (unsigned long long)budgets[i], status, f.count,
		       (unsigned long long)cpu.instructions);
		cpu_close(&cpu);
		world_stop(&w);
	}
}

/* rp-cpuid checks cpuid's answers itself and ends on ud2: the CPU stops
 * with #UD there, twice in a row - the engine reset after the first trap
 * takes the second as a #UD again, not as a double fault. */
static void test_cpuid_and_ud(void)
{
	struct world w;
	struct faults f = { .w = &w };
	const struct cpu_hooks hooks = { handle_fault, &f };
	struct cpu cpu;
	enum cpu_stop stop = CPU_STOP_BUDGET;
	uint32_t first_eip = 0;

	world_start(&w, "replay/programs/rp-cpuid");
	if (w.p == NULL || cpu_open(&cpu, &w.m, &hooks, NULL) != 0) {
		tap_ok(false, "rp-cpuid: a process and a CPU");
		world_stop(&w);
		return;
	}
	for (unsigned round = 1; round <= 2; round++) {
		struct cpu_regs regs = { .eip = (uint32_t)w.p->mm.entry,
			.esp = (uint32_t)w.p->mm.start_stack, .eflags = 0x202 };

		tap_ok(cpu_run(&cpu, &regs, 10000, &stop, NULL) == 0,
		       "rp-cpuid %u: ran", round);
		tap_eq_u64(stop, CPU_STOP_TRAP, "rp-cpuid %u: every leaf as "
			   "qemu32's (no exit), then a trap", round);
		tap_eq_u64(cpu.trap, TRAP_UD, "rp-cpuid %u: #UD", round);
		if (round == 1)
			first_eip = cpu.trap_eip;
		tap_ok(cpu.trap_eip >= 0x08048000 && cpu.trap_eip ==
		       first_eip, "rp-cpuid %u: at the ud2 (%#x)", round,
		       cpu.trap_eip);
	}
	cpu_close(&cpu);
	world_stop(&w);
}

/* cpuid_qemu32(): the VM's answers, and the limits of each range. */
static void test_cpuid_table(void)
{
	static const struct {
		uint32_t leaf, subleaf, want[4];
	} cases[] = {
		{ 0, 0, { 4, 0x756e6547, 0x6c65746e, 0x49656e69 } },
		{ 1, 0, { 0x663, 0x800, 0x80000001, 0x0781abfd } },
		{ 4, 3, { 0x163, 0x03c0003f, 0x3fff, 6 } },
		{ 4, 9, { 0, 0, 0, 0 } },		/* no such cache */
		{ 5, 0, { 0x121, 0x01c0003f, 0x3f, 1 } },	/* > 4: leaf 4 */
		{ 7, 1, { 0x122, 0x01c0003f, 0x3f, 1 } },	/* its ECX too */
		{ 0x40000000, 0, { 0x40000001, 0x54474354, 0x43544743,
				   0x47435447 } },
		{ 0x40000002, 0, { 0x121, 0x01c0003f, 0x3f, 1 } },
		{ 0x80000001, 0, { 0x663, 0, 0, 0 } },
		{ 0x80000008, 0, { 0x121, 0x01c0003f, 0x3f, 1 } },
		{ 0xc0000000, 0, { 0x121, 0x01c0003f, 0x3f, 1 } },
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		uint32_t out[4];

		cpuid_qemu32(cases[i].leaf, cases[i].subleaf, out);
		tap_ok(memcmp(out, cases[i].want, sizeof out) == 0,
		       "cpuid %#x/%u as qemu32's", cases[i].leaf,
		       cases[i].subleaf);
	}
}

/* traps.h: each vector's signal, and `int N`'s gate. */
static void test_traps(void)
{
	static const struct { unsigned vector; int signo; } signals[] = {
		{ TRAP_DE, 8 }, { TRAP_DB, 5 }, { TRAP_BP, 5 }, { TRAP_OF, 11 },
		{ TRAP_BR, 11 }, { TRAP_UD, 4 }, { TRAP_NP, 7 }, { TRAP_SS, 7 },
		{ TRAP_GP, 11 }, { TRAP_MF, 8 }, { TRAP_AC, 7 }, { TRAP_XM, 8 },
	};
	static const struct { unsigned n, vector; } gates[] = {
		{ 3, TRAP_BP }, { 4, TRAP_OF }, { 0x80, 0x80 }, { 1, TRAP_GP },
		{ 0, TRAP_GP }, { 0x81, TRAP_GP }, { 0xff, TRAP_GP },
	};

	for (size_t i = 0; i < sizeof signals / sizeof signals[0]; i++)
		tap_eq_u64(trap_facts(signals[i].vector)->signo,
			   signals[i].signo, "vector %u: signal %d",
			   signals[i].vector, signals[i].signo);
	tap_ok(trap_facts(8) == NULL && trap_facts(14) == NULL,
	       "#DF and #PF are no user traps");
	tap_ok(trap_by_name("#GP") == trap_facts(TRAP_GP) &&
	       trap_by_name("#XX") == NULL, "trap_by_name()");
	for (size_t i = 0; i < sizeof gates / sizeof gates[0]; i++)
		tap_eq_u64(trap_int_vector(gates[i].n), gates[i].vector,
			   "int $%#x from user mode", gates[i].n);
}

/* Run W's process from its entry until it exits; its status, or -1. */
static int run_to_exit(struct world *w, struct cpu *cpu)
{
	struct cpu_regs regs = { .eflags = 0x202 };
	enum cpu_stop stop = CPU_STOP_BUDGET;
	int status = -1, calls = 0;

	regs.eip = (uint32_t)w->p->mm.entry;
	regs.esp = (uint32_t)w->p->mm.start_stack;
	while (cpu_run(cpu, &regs, 1000000, &stop, NULL) == 0 &&
	       stop == CPU_STOP_SYSCALL && calls++ < 100)
		if (system_call(w, &regs, &status))
			return status;
	return -1;
}

static struct process *exec_into(struct world *w, const char *fixture,
				 struct elf_image **image)
{
	const char *argv[] = { fixture };
	struct exec_args args = { .filename = fixture, .argv = argv,
				  .argc = 1 };
	struct kernel_faults k = { .m = &w->m };
	const struct uaccess u = { kernel_access, &k, 7 };

	*image = elf_image_open(testdata_path(fixture), NULL);
	k.p = *image ? process_exec(&w->m, *image, &args, NULL) : NULL;
	if (k.p != NULL) {
		process_switch(&w->m, k.p);
		process_exec_padzero(k.p, &u);
	}
	return k.p;
}

/* cpu_flush() on a switch: another program's code at the same addresses
 * runs as itself (the pages mapped before, and their translated code,
 * forgotten page by page), as it runs on a CPU of its own - and a flush
 * costs the pages mapped, not the engine's translation buffer (Unicorn
 * 2.0.1's whole flush took 50-150 ms and touched a gigabyte). */
static void test_flush(void)
{
	const char *second = "replay/programs/rp-padzero";
	struct world alone, w;
	struct faults fa = { .w = &alone }, fw = { .w = &w };
	const struct cpu_hooks ha = { handle_fault, &fa }, hw = { handle_fault, &fw };
	struct cpu ca, cw;
	struct elf_image *image = NULL;
	uint64_t ran;
	bool clear = true;

	world_start(&alone, second);
	world_start(&w, "replay/programs/rp-seed-pages");
	if (alone.p == NULL || w.p == NULL ||
	    cpu_open(&ca, &alone.m, &ha, NULL) != 0 ||
	    cpu_open(&cw, &w.m, &hw, NULL) != 0) {
		tap_ok(false, "flush: two worlds and their CPUs");
		return;
	}
	tap_eq_u64(run_to_exit(&alone, &ca), 0, "flush: %s alone exits 0", second);
	tap_eq_u64(run_to_exit(&w, &cw), 0, "flush: rp-seed-pages exits 0");
	tap_ok(cw.mapped_count > 0, "flush: %zu pages mapped", cw.mapped_count);
	w.p = exec_into(&w, second, &image);
	tap_ok(w.p != NULL && cpu_flush(&cw, NULL) == 0, "flush: exec and flush");
	for (size_t vpn = 0; vpn < (1u << 20); vpn++)
		clear = clear && cw.alias[vpn] == 0;
	tap_ok(clear && cw.mapped_count == 0, "flush: no page mapped after");
	ran = cw.instructions;
	fw.count = 0;
	tap_eq_u64(w.p ? run_to_exit(&w, &cw) : -1, 0,
		   "flush: %s after it exits 0", second);
	tap_eq_u64(cw.instructions - ran, ca.instructions,
		   "flush: the same %llu instructions as alone",
		   (unsigned long long)ca.instructions);
	tap_eq_u64(fw.count, fa.count, "flush: the same %u faults", fa.count);
	cpu_close(&ca);
	cpu_close(&cw);
	world_stop(&alone);
	world_stop(&w);
	elf_image_free(image);
}

/* rp-code-ahead: a block's code runs onto a page that has no frame in
 * the reservation when the engine translates it, and that a load of the
 * block's first instruction gives one; what runs there is the page's
 * code (exit(0)), not what was translated from its scratch bytes - the
 * code is translated again - and the faults are the real kernel's three
 * (testdata/expected/run/rp-code-ahead.faults). */
static void test_code_ahead(void)
{
	struct world w;
	struct faults f = { .w = &w };
	const struct cpu_hooks hooks = { handle_fault, &f };
	struct cpu cpu;

	world_start(&w, "replay/programs/rp-code-ahead");
	if (w.p == NULL || cpu_open(&cpu, &w.m, &hooks, NULL) != 0) {
		tap_ok(false, "code ahead: rp-code-ahead and its CPU");
		world_stop(&w);
		return;
	}
	tap_eq_u64(run_to_exit(&w, &cpu), 0, "code ahead: exit(0), the "
		   "second page's code");
	tap_eq_u64(f.count, 3, "code ahead: three faults");
	tap_eq_u64(f.seen[1].cr2, 0x083ffff0, "code ahead: the block's fetch");
	tap_eq_u64(f.seen[2].cr2, 0x08400010, "code ahead: its load");
	tap_eq_u64(f.seen[2].eip, 0x083ffff0, "code ahead: by the first "
		   "instruction");
	tap_ok(cpu.refetches >= 1, "code ahead: translated again (%llu)",
	       (unsigned long long)cpu.refetches);
	cpu_close(&cpu);
	world_stop(&w);
}

/* The kernel writes a frame the CPU ran code from (phys_write(), as a
 * copy to user memory does): the CPU, the frames' observer while it is
 * open, forgets the code translated from it; a frame it ran no code
 * from, and a write after cpu_close(), tell it nothing. */
static void test_frame_written(void)
{
	struct world w;
	struct faults f = { .w = &w };
	const struct cpu_hooks hooks = { handle_fault, &f };
	struct cpu cpu;
	pte_t text, stack;
	const uint8_t nop = 0x90;

	world_start(&w, "replay/programs/rp-seed-pages");
	if (w.p == NULL || cpu_open(&cpu, &w.m, &hooks, NULL) != 0) {
		tap_ok(false, "frame written: rp-seed-pages and its CPU");
		world_stop(&w);
		return;
	}
	tap_eq_u64(run_to_exit(&w, &cpu), 0, "frame written: exit(0)");
	text = process_get_pte(&w.m, w.p, (uint32_t)w.p->mm.entry);
	stack = process_get_pte(&w.m, w.p, 0xbfffe000);
	tap_eq_u64(cpu.code_page[pte_pfn(text)], (w.p->mm.entry >> 12) + 1,
		   "frame written: the text's frame has the text page's code");
	tap_eq_u64(cpu.code_page[pte_pfn(stack)], 0,
		   "frame written: the stack's frame has none");
	tap_eq_u64(phys_write(&w.m.mem, pte_pfn(stack) << 12, &nop, 1, NULL),
		   0, "frame written: the kernel writes the stack's frame");
	tap_eq_u64(cpu.code_page[pte_pfn(text)], (w.p->mm.entry >> 12) + 1,
		   "frame written: the text's code stays");
	tap_eq_u64(phys_write(&w.m.mem, (pte_pfn(text) << 12) + 0xff0, &nop,
			      1, NULL), 0,
		   "frame written: the kernel writes the text's frame");
	tap_eq_u64(cpu.code_page[pte_pfn(text)], 0,
		   "frame written: its code is forgotten");
	cpu_close(&cpu);
	tap_ok(w.m.mem.observer.written == NULL,
	       "frame written: no observer after cpu_close()");
	world_stop(&w);
}

int main(void)
{
	test_cpuid_table();
	test_traps();
	test_cpuid_and_ud();
	test_seed_pages();
	test_budget();
	test_flush();
	test_code_ahead();
	test_frame_written();
	test_fatal_fetch(0x00001000, 0x4, "no VMA");
	test_fatal_fetch(0xc0001000, 0x5, "the kernel's page");
	return tap_done();
}
