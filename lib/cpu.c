/* cpu.c - Unicorn's i386 CPU on the model's MMU and frames (cpu.h). */
#include <config.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unicorn/unicorn.h>

#include "cpu.h"
#include "machine.h"
#include "page.h"

#define SPACE_BYTES (1ull << 32)
#define SPACE_PAGES (SPACE_BYTES >> PAGE_SHIFT)
#define INT80 0x80u
#define X86_MAX_INSN 15u	/* bytes an instruction may have */
/* Faults one access may take before it counts as making no progress
 * (a fault handler that resolves without mapping would loop). */
#define CPU_MAX_FAULTS 64u

static int engine_error(struct ef_error *err, const char *what, uc_err e)
{
	return ef_error_set(err, CPU_ERR_ENGINE, 0, "the CPU (Unicorn): %s: %s",
			    what, uc_strerror(e));
}

static int host_error(struct ef_error *err, const char *what)
{
	int error = errno;

	return ef_error_set(err, CPU_ERR_HOST, error, "the CPU's memory: %s: "
			    "%s", what, strerror(error));
}

/* The whole reservation back to zero-filled anonymous memory, where a
 * stray access of a dying instruction lands harmlessly. */
static int reserve(struct cpu *cpu, struct ef_error *err)
{
	void *space = mmap(cpu->space, SPACE_BYTES, PROT_READ | PROT_WRITE,
			   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE |
			   (cpu->space ? MAP_FIXED : 0), -1, 0);

	if (space == MAP_FAILED)
		return host_error(err, "reserving 4 GiB");
	cpu->space = space;
	return 0;
}

/* VPN joins the pages the reservation maps (cpu_flush() forgets them). */
static int note_mapped(struct cpu *cpu, uint32_t vpn)
{
	if (cpu->mapped_count == cpu->mapped_capacity) {
		size_t capacity = cpu->mapped_capacity ? 2 * cpu->mapped_capacity
						       : 64;
		uint32_t *grown = realloc(cpu->mapped,
					  capacity * sizeof *grown);

		if (grown == NULL)
			return ef_error_set(&cpu->err, CPU_ERR_HOST, ENOMEM,
					    "out of memory");
		cpu->mapped = grown;
		cpu->mapped_capacity = capacity;
	}
	cpu->mapped[cpu->mapped_count++] = vpn;
	return 0;
}

/* Page VPN of the reservation made frame PFN.  Returns 1 when it was
 * another frame (or none) before, 0 when it was already, -1 on error. */
static int alias(struct cpu *cpu, uint32_t vpn, uint64_t pfn)
{
	void *page;

	if (cpu->alias[vpn] == pfn + 1)
		return 0;
	/* What the CPU sees there are the frame's bytes as they stand, and
	 * what it stores there is the frame's from now on: a frame not
	 * written since it was handed out is zeroed and counts as written. */
	if (phys_frame_data(&cpu->m->mem, pfn) == NULL)
		return ef_error_set(&cpu->err, CPU_ERR_HOST, ENOMEM,
				    "out of memory");
	page = mmap(cpu->space + ((uint64_t)vpn << PAGE_SHIFT), PAGE_SIZE,
		    PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED,
		    phys_frames_fd(&cpu->m->mem), (off_t)(pfn << PAGE_SHIFT));
	if (page == MAP_FAILED)
		return host_error(&cpu->err, "mapping a frame");
	if (cpu->alias[vpn] == 0 && note_mapped(cpu, vpn) != 0)
		return -1;
	cpu->alias[vpn] = (uint32_t)pfn + 1;
	cpu->remaps++;
	return 1;
}

/* Stop the engine for REASON. */
static void stop_for(struct cpu *cpu, enum cpu_stop reason)
{
	cpu->stop = reason;
	cpu->stopping = true;
	uc_emu_stop((uc_engine *)cpu->uc);
}

/* The pages from FIRST to LAST made scratch memory again, so that what a
 * dying instruction still does touches no frame. */
static void scratch(struct cpu *cpu, uint32_t first, uint32_t last)
{
	for (uint64_t vpn = first >> PAGE_SHIFT; vpn <= last >> PAGE_SHIFT;
	     vpn++)
		if (cpu->alias[vpn] != 0 &&
		    mmap(cpu->space + (vpn << PAGE_SHIFT), PAGE_SIZE,
			 PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS |
			 MAP_FIXED, -1, 0) != MAP_FAILED)
			cpu->alias[vpn] = 0;
}

/* One page's translation for a user access of TYPE at ADDRESS: 0 with
 * *PFN, 1 when it faulted and the fault was resolved (the access starts
 * again), -1 when the process died or an error stopped the CPU. */
static int translate(struct cpu *cpu, uint32_t address,
		     enum mmu_access_type type, uint64_t *pfn)
{
	struct mmu_translation t;
	struct mmu_fault fault;

	if (mmu_translate(&cpu->m->mmu, address, type, MMU_USER, &t,
			  &fault) == 0) {
		*pfn = phys_pfn(t.physical);
		return 0;
	}
	cpu->fault_rc = cpu->hooks.fault(cpu->hooks.ctx, &cpu->access, &fault,
					 &cpu->err);
	return cpu->fault_rc == 0 ? 1 : -1;
}

/* The frames of an access's pages (one, or two when it straddles), each
 * page translated before any is used - as the MMU does, so that a fault
 * on the second page, and whatever its handling does to the first,
 * leaves no byte moved: after a fault, the whole access starts again.
 * Returns 0, 1 when it took faults, or -1. */
static int translate_access(struct cpu *cpu, uint32_t address, uint32_t last,
			    enum mmu_access_type type, uint64_t pfn[2])
{
	for (unsigned faults = 0; faults <= CPU_MAX_FAULTS; faults++) {
		int rc = translate(cpu, address, type, &pfn[0]);

		if (rc == 0 && page_down(last) != page_down(address))
			rc = translate(cpu, (uint32_t)page_down(last), type,
				       &pfn[1]);
		if (rc <= 0)
			return rc < 0 ? rc : (faults > 0);
	}
	cpu->fault_rc = -1;
	return ef_error_set(&cpu->err, CPU_ERR_HOST, 0, "an access at %#x "
			    "faulted %u times: it makes no progress",
			    address, CPU_MAX_FAULTS);
}

/* An access of SIZE bytes at ADDRESS, as the CPU is about to make it:
 * translated, its faults handled, and the reservation's pages made its
 * frames.  Returns 1 when a page got a frame it did not have, 0, or -1
 * when the process died or an error stopped the CPU. */
static int bring_in(struct cpu *cpu, uint32_t address, uint32_t size,
		    enum mmu_access_type type)
{
	uint32_t last = address + (size ? size - 1 : 0);
	struct mmu *mmu = &cpu->m->mmu;
	uint64_t pfn[2];
	int changed;

	if (last < address)	/* wraps at 4 GiB: the second page is 0 */
		last = 0xffffffffu;
	/* A fetch that faulted counts as new code even in the frame it had:
	 * the fault may have filled that frame with other bytes. */
	changed = translate_access(cpu, address, last, type, pfn);
	if (changed < 0) {
		scratch(cpu, address, last);
		stop_for(cpu, CPU_STOP_DIED);
		return -1;
	}
	for (unsigned i = 0; i <= (page_down(last) != page_down(address));
	     i++) {
		uint32_t vpn = (i ? last : address) >> PAGE_SHIFT;
		int rc;

		rc = alias(cpu, vpn, pfn[i]);
		if (rc < 0) {
			cpu->fault_rc = -1;
			scratch(cpu, address, last);
			stop_for(cpu, CPU_STOP_DIED);
			return -1;
		}
		changed |= rc;
		if (mmu->touched != NULL)
			mmu->touched(mmu->touched_ctx, pfn[i]);
	}
	return changed;
}

static void on_code(uc_engine *uc, uint64_t address, uint32_t size, void *ctx)
{
	struct cpu *cpu = ctx;
	int rc;

	(void)uc;
	/* Unicorn gives an invalid instruction the size 0xf1f1f1f1: its
	 * first byte is what is fetched (the engine then raises #UD) */
	if (size > X86_MAX_INSN)
		size = 1;
	cpu->insn_eip = (uint32_t)address;
	cpu->access = (struct cpu_access){ .type = MMU_FETCH,
		.address = (uint32_t)address, .size = size,
		.eip = (uint32_t)address };
	rc = bring_in(cpu, (uint32_t)address, size, MMU_FETCH);
	if (rc > 0) {		/* translated from what was there before */
		cpu->refetch = true;
		cpu->stopping = true;
		uc_emu_stop(uc);
	} else if (rc == 0) {
		cpu->instructions++;
	}
}

static void on_memory(uc_engine *uc, uc_mem_type type, uint64_t address,
		      int size, int64_t value, void *ctx)
{
	struct cpu *cpu = ctx;
	bool store = type == UC_MEM_WRITE;

	(void)uc;
	cpu->access = (struct cpu_access){
		.type = store ? MMU_WRITE : MMU_READ,
		.address = (uint32_t)address, .size = (uint32_t)size,
		.eip = cpu->insn_eip, .has_value = store && size <= 8,
		.value = store && size < 8
			 ? (uint64_t)value & ((1ull << (8 * size)) - 1)
			 : (uint64_t)value };
	bring_in(cpu, (uint32_t)address, (uint32_t)size, cpu->access.type);
}

static void on_interrupt(uc_engine *uc, uint32_t vector, void *ctx)
{
	struct cpu *cpu = ctx;

	(void)uc;
	cpu->trap = vector;
	stop_for(cpu, vector == INT80 ? CPU_STOP_SYSCALL : CPU_STOP_TRAP);
}

static int add_hooks(struct cpu *cpu, struct ef_error *err)
{
	uc_engine *uc = (uc_engine *)cpu->uc;
	uc_hook h;
	uc_err e;

	e = uc_hook_add(uc, &h, UC_HOOK_CODE, (void *)on_code, cpu, 1, 0);
	if (e == UC_ERR_OK)
		e = uc_hook_add(uc, &h, UC_HOOK_MEM_READ | UC_HOOK_MEM_WRITE,
				(void *)on_memory, cpu, 1, 0);
	if (e == UC_ERR_OK)
		e = uc_hook_add(uc, &h, UC_HOOK_INTR, (void *)on_interrupt,
				cpu, 1, 0);
	return e == UC_ERR_OK ? 0 : engine_error(err, "adding hooks", e);
}

int cpu_open(struct cpu *cpu, struct machine *m, const struct cpu_hooks *hooks,
	     struct ef_error *err)
{
	uc_engine *uc;
	uc_err e;

	memset(cpu, 0, sizeof *cpu);
	cpu->m = m;
	cpu->hooks = *hooks;
	cpu->alias = calloc(SPACE_PAGES, sizeof *cpu->alias);
	if (cpu->alias == NULL)
		return ef_error_set(err, CPU_ERR_HOST, ENOMEM, "out of memory");
	if (reserve(cpu, err) != 0) {
		cpu_close(cpu);
		return -1;
	}
	e = uc_open(UC_ARCH_X86, UC_MODE_32, &uc);
	if (e != UC_ERR_OK) {
		cpu_close(cpu);
		return engine_error(err, "starting", e);
	}
	cpu->uc = (struct uc_struct *)uc;
	e = uc_mem_map_ptr(uc, 0, SPACE_BYTES, UC_PROT_ALL, cpu->space);
	if (e != UC_ERR_OK) {
		cpu_close(cpu);
		return engine_error(err, "mapping the address space", e);
	}
	e = uc_ctl_exits_enable(uc);	/* no end address: only stops end it */
	if (e != UC_ERR_OK || add_hooks(cpu, err) != 0) {
		cpu_close(cpu);
		return e != UC_ERR_OK ? engine_error(err, "exits", e) : -1;
	}
	return 0;
}

void cpu_close(struct cpu *cpu)
{
	if (cpu->uc != NULL)
		uc_close((uc_engine *)cpu->uc);
	if (cpu->space != NULL)
		munmap(cpu->space, SPACE_BYTES);
	free(cpu->alias);
	free(cpu->mapped);
	memset(cpu, 0, sizeof *cpu);
}

void cpu_forget_code(struct cpu *cpu, uint32_t start, uint32_t end)
{
	uc_ctl_remove_cache((uc_engine *)cpu->uc, page_down(start),
			    page_up((uint64_t)end));
}

/* The code translated from each page the reservation mapped is dropped,
 * page by page: Unicorn 2.0.1's flush of all translated code
 * (uc_ctl_flush_tlb) clears its whole translation buffer, tens of
 * milliseconds and a gigabyte touched at every switch.  Code translated
 * from a scratch page is dropped at its first instruction, as any code
 * on a page whose frame changed is (on_code's refetch). */
int cpu_flush(struct cpu *cpu, struct ef_error *err)
{
	uc_engine *uc = (uc_engine *)cpu->uc;

	if (reserve(cpu, err) != 0)
		return -1;
	for (size_t i = 0; i < cpu->mapped_count; i++) {
		uint64_t page = (uint64_t)cpu->mapped[i] << PAGE_SHIFT;

		uc_ctl_remove_cache(uc, page, page + PAGE_SIZE);
		cpu->alias[cpu->mapped[i]] = 0;
	}
	cpu->mapped_count = 0;
	return 0;
}

static const int reg_ids[] = {
	UC_X86_REG_EAX, UC_X86_REG_EBX, UC_X86_REG_ECX, UC_X86_REG_EDX,
	UC_X86_REG_ESI, UC_X86_REG_EDI, UC_X86_REG_EBP, UC_X86_REG_ESP,
	UC_X86_REG_EIP, UC_X86_REG_EFLAGS,
};
#define REG_COUNT (sizeof reg_ids / sizeof reg_ids[0])

static void reg_pointers(struct cpu_regs *regs, void *ptrs[REG_COUNT])
{
	uint32_t *fields[REG_COUNT] = {
		&regs->eax, &regs->ebx, &regs->ecx, &regs->edx, &regs->esi,
		&regs->edi, &regs->ebp, &regs->esp, &regs->eip, &regs->eflags,
	};

	for (size_t i = 0; i < REG_COUNT; i++)
		ptrs[i] = fields[i];
}

/* One stretch of the engine from REGS->eip; a refetch stop drops the
 * code translated from the instruction's pages before they had frames. */
static int run_stretch(struct cpu *cpu, uc_engine *uc, uint32_t eip,
		       uint64_t budget, struct ef_error *err)
{
	uc_err e;

	cpu->stopping = false;
	cpu->refetch = false;
	e = uc_emu_start(uc, eip, 0, 0, budget);
	if (cpu->fault_rc < 0) {
		*err = cpu->err;
		return -1;
	}
	if (e != UC_ERR_OK && !cpu->stopping)
		return engine_error(err, "running", e);
	if (cpu->refetch) {
		uint64_t page = page_down(cpu->insn_eip);

		uc_ctl_remove_cache(uc, page, page + 2 * PAGE_SIZE);
	}
	return 0;
}

int cpu_run(struct cpu *cpu, struct cpu_regs *regs, uint64_t budget,
	    enum cpu_stop *stop, struct ef_error *err)
{
	uc_engine *uc = (uc_engine *)cpu->uc;
	void *ptrs[REG_COUNT];
	uint64_t start = cpu->instructions;

	reg_pointers(regs, ptrs);
	if (uc_reg_write_batch(uc, (int *)reg_ids, ptrs, REG_COUNT) !=
	    UC_ERR_OK)
		return engine_error(err, "setting registers", UC_ERR_ARG);
	cpu->fault_rc = 0;
	for (;;) {
		uint64_t ran = cpu->instructions - start;
		uint32_t eip;

		if (budget != 0 && ran >= budget) {
			cpu->stop = CPU_STOP_BUDGET;
			break;
		}
		uc_reg_read(uc, UC_X86_REG_EIP, &eip);
		if (run_stretch(cpu, uc, eip, budget ? budget - ran : 0,
				err) != 0)
			return -1;
		if (cpu->stopping && !cpu->refetch)
			break;
		if (!cpu->stopping) {	/* the engine's count ran out */
			cpu->stop = CPU_STOP_BUDGET;
			break;
		}
	}
	uc_reg_read_batch(uc, (int *)reg_ids, ptrs, REG_COUNT);
	*stop = cpu->stop;
	return 0;
}
