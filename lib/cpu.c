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

/* Page VPN of the reservation made frame PFN.  Returns 1 when it was
 * another frame (or none) before, 0 when it was already, -1 on error. */
static int alias(struct cpu *cpu, uint32_t vpn, uint64_t pfn)
{
	void *page;

	if (cpu->alias[vpn] == pfn + 1)
		return 0;
	page = mmap(cpu->space + ((uint64_t)vpn << PAGE_SHIFT), PAGE_SIZE,
		    PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED,
		    phys_frames_fd(&cpu->m->mem), (off_t)(pfn << PAGE_SHIFT));
	if (page == MAP_FAILED)
		return host_error(&cpu->err, "mapping a frame");
	cpu->alias[vpn] = (uint32_t)pfn + 1;
	cpu->remaps++;
	return 1;
}

/* Stop the engine for REASON; a dying access's page is made scratch
 * memory so what the instruction still does touches no frame. */
static void stop_for(struct cpu *cpu, enum cpu_stop reason, uint32_t address)
{
	uint32_t vpn = address >> PAGE_SHIFT;

	if (reason == CPU_STOP_DIED && cpu->alias[vpn] != 0 &&
	    mmap(cpu->space + ((uint64_t)vpn << PAGE_SHIFT), PAGE_SIZE,
		 PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS |
		 MAP_FIXED, -1, 0) != MAP_FAILED)
		cpu->alias[vpn] = 0;
	cpu->stop = reason;
	cpu->stopping = true;
	uc_emu_stop((uc_engine *)cpu->uc);
}

/* The page holding ADDRESS translated for a user access of TYPE, its
 * faults handled, and the reservation's page made its frame.  Returns 1
 * when the page got a frame it did not have, 0 when it had it, or -1
 * when the process died or an error stopped the CPU. */
static int bring_in(struct cpu *cpu, uint32_t address, enum mmu_access_type type)
{
	struct mmu *mmu = &cpu->m->mmu;
	struct mmu_translation t;
	struct mmu_fault fault;
	uint64_t pfn;
	int rc;

	while (mmu_translate(mmu, address, type, MMU_USER, &t, &fault) != 0) {
		rc = cpu->hooks.fault(cpu->hooks.ctx, &fault, type,
				      cpu->insn_eip, &cpu->err);
		if (rc != 0) {
			cpu->fault_rc = rc;
			stop_for(cpu, CPU_STOP_DIED, address);
			return -1;
		}
	}
	pfn = phys_pfn(t.physical);
	if (type == MMU_WRITE)
		phys_frame_data(&cpu->m->mem, pfn);	/* its bytes change */
	rc = alias(cpu, address >> PAGE_SHIFT, pfn);
	if (rc < 0) {
		cpu->fault_rc = -1;
		stop_for(cpu, CPU_STOP_DIED, address);
		return -1;
	}
	if (mmu->touched != NULL)
		mmu->touched(mmu->touched_ctx, pfn);
	return rc;
}

/* Every page an access of SIZE bytes at ADDRESS touches, in order (the
 * MMU translates all of a straddling access's pages before it moves a
 * byte).  Returns bring_in()'s answer: -1, or 1 when any page changed. */
static int bring_in_range(struct cpu *cpu, uint32_t address, uint32_t size,
			  enum mmu_access_type type)
{
	uint32_t last = address + (size ? size - 1 : 0);
	int changed = 0;

	for (uint64_t page = page_down(address); page <= last;
	     page += PAGE_SIZE) {
		int rc = bring_in(cpu, page == page_down(address) ? address
				  : (uint32_t)page, type);

		if (rc < 0)
			return -1;
		changed |= rc;
		if (page == page_down(last))
			break;
	}
	return changed;
}

static void on_code(uc_engine *uc, uint64_t address, uint32_t size, void *ctx)
{
	struct cpu *cpu = ctx;
	int rc;

	(void)uc;
	cpu->insn_eip = (uint32_t)address;
	rc = bring_in_range(cpu, (uint32_t)address, size, MMU_FETCH);
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

	(void)uc;
	(void)value;
	bring_in_range(cpu, (uint32_t)address, (uint32_t)size,
		       type == UC_MEM_WRITE ? MMU_WRITE : MMU_READ);
}

static void on_interrupt(uc_engine *uc, uint32_t vector, void *ctx)
{
	struct cpu *cpu = ctx;

	(void)uc;
	cpu->trap = vector;
	stop_for(cpu, vector == INT80 ? CPU_STOP_SYSCALL : CPU_STOP_TRAP, 0);
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
	memset(cpu, 0, sizeof *cpu);
}

int cpu_flush(struct cpu *cpu, struct ef_error *err)
{
	if (reserve(cpu, err) != 0)
		return -1;
	memset(cpu->alias, 0, SPACE_PAGES * sizeof *cpu->alias);
	uc_ctl_flush_tlb((uc_engine *)cpu->uc);	/* its translated code */
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
