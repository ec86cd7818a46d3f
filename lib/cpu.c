/* cpu.c - Unicorn's i386 CPU on the model's MMU and frames (cpu.h). */
#include <config.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unicorn/unicorn.h>

#include "cpu.h"
#include "cpuid.h"
#include "engine_guard.h"
#include "machine.h"
#include "page.h"
#include "traps.h"

#define SPACE_BYTES (1ull << 32)
#define SPACE_PAGES (SPACE_BYTES >> PAGE_SHIFT)
#define GDT_BYTES (CPU_GDT_ENTRIES * 8u)
/* The flat segments of arch/x86/kernel/cpu/common.c's gdt_page: kernel
 * code and data (12, 13: DPL 0), user code and data (14, 15: DPL 3). */
#define GDT_KERNEL_CS 0x00cf9b000000ffffull
#define GDT_KERNEL_DS 0x00cf93000000ffffull
#define GDT_USER_CS 0x00cffb000000ffffull
#define GDT_USER_DS 0x00cff3000000ffffull
/* The one instruction that takes the CPU to user mode: an iret from the
 * frame at TRAMPOLINE_FRAME (below 64 KiB: the engine's first code
 * segment ends there). */
#define IRET 0xcfu
#define TRAMPOLINE_FRAME 0x100u
/* Where the iret lands in user mode: the engine stops there, before
 * the instruction, on its code hook (on_code()).  Not an instruction
 * count: Unicorn 2.0.1 flushes all its translated code - a memset of
 * its whole code buffer, 0.28 s - at the first run after one. */
#define TRAMPOLINE_LANDING 0x200u
/* Faults one access may take before it counts as making no progress
 * (a fault handler that resolves without mapping would loop). */
#define CPU_MAX_FAULTS 64u
/* code_page[]: code translated from the frame at more than one page. */
#define CODE_PAGES_SEVERAL UINT32_MAX
/* What the engine translates from a page with no frame in the
 * reservation: int3, one byte, so that the block it begins (or ends) is
 * that one instruction, which never runs (on_code() stops before it). */
#define SCRATCH_CODE 0xccu

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
	memcpy(cpu->space + CPU_GDT_ADDRESS, cpu->gdt, GDT_BYTES);
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

	/* A page that shows the frame already shows its bytes: a frame freed
	 * and handed out again since was zeroed then (phys_mem's observer,
	 * frame_written(), dropped the code translated from its old bytes). */
	if (cpu->alias[vpn] == pfn + 1)
		return 0;
	/* What the CPU sees there are the frame's bytes as they stand, and
	 * what it stores there is the frame's from now on: a frame not
	 * written since it was handed out is zeroed and counts as written. */
	if (phys_frame_data(&cpu->m->mem, pfn) == NULL)
		return ef_error_set(&cpu->err, CPU_ERR_HOST, ENOMEM,
				    "out of memory");
	/* MAP_POPULATE: the frame's host page exists (phys_frame_data()),
	 * so the host maps it now rather than at the CPU's first access, a
	 * host page fault fewer per page (faults/s +5-10%). */
	page = mmap(cpu->space + ((uint64_t)vpn << PAGE_SHIFT), PAGE_SIZE,
		    PROT_READ | PROT_WRITE,
		    MAP_SHARED | MAP_FIXED | MAP_POPULATE,
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

/* Whether the engine may hold code of page VPN translated from bytes
 * that are not the page's now: its scratch bytes (on_translate() marks
 * it), or the bytes of a frame it had, when the code was in the block
 * running and could not be dropped at once (stale_code_dropped()); the
 * next instruction there is translated again (on_code()), which clears
 * it. */
static bool has_stale_code(const struct cpu *cpu, uint32_t vpn)
{
	return cpu->stale_code[vpn / 64] >> (vpn % 64) & 1;
}

static void mark_stale_code(struct cpu *cpu, uint32_t vpn, bool marked)
{
	uint64_t bit = 1ull << (vpn % 64);

	cpu->stale_code[vpn / 64] = marked ? cpu->stale_code[vpn / 64] | bit
					     : cpu->stale_code[vpn / 64] & ~bit;
}

/* The code the engine translated at page VPN is dropped: at once, or,
 * when it is the running instruction's page or the next (the block
 * running may span both, and runs on to its end), at the next
 * instruction there, before it runs. */
static void stale_code_dropped(struct cpu *cpu, uint64_t vpn)
{
	uint32_t running = cpu->insn_eip >> PAGE_SHIFT;

	uc_ctl_remove_cache((uc_engine *)cpu->uc, vpn << PAGE_SHIFT,
			    (vpn + 1) << PAGE_SHIFT);
	if (vpn == running || vpn == running + 1u)
		mark_stale_code(cpu, (uint32_t)vpn, true);
}

/* The engine translates code of page VPN from frame PFN. */
static void note_code_page(struct cpu *cpu, uint64_t pfn, uint32_t vpn)
{
	uint32_t *code = &cpu->code_page[pfn];

	if (*code == 0)
		*code = vpn + 1;
	else if (*code != vpn + 1)
		*code = CODE_PAGES_SEVERAL;
}

/* A store to page VPN, whose frame is PFN: code the engine translated
 * from that frame at another page - a second mapping of it, MAP_SHARED
 * twice - is dropped, for the CPU's fetches see every store to the
 * physical page, whatever address it went through (the engine itself
 * sees only those through the page its code came from). */
static void drop_aliased_code(struct cpu *cpu, uint32_t vpn, uint64_t pfn)
{
	uint32_t code = cpu->code_page[pfn];

	if (code == 0 || code == vpn + 1)
		return;
	if (code != CODE_PAGES_SEVERAL) {
		stale_code_dropped(cpu, code - 1);
	} else {
		for (size_t i = 0; i < cpu->mapped_count; i++)
			if (cpu->mapped[i] != vpn &&
			    cpu->alias[cpu->mapped[i]] == pfn + 1)
				stale_code_dropped(cpu, cpu->mapped[i]);
	}
	cpu->code_page[pfn] = vpn + 1;	/* its own code, if any, is the
					 * engine's to watch */
}

/* The observer of the frames' bytes (phys_mem.h): frame PFN changed by
 * other hands than the CPU's - the kernel wrote it (a copy to user
 * memory, a page-cache page read in, a copy-on-write copy) or it was
 * zero-filled for a new owner - so the code translated from its old
 * bytes, at every page that had it, is dropped: the CPU's fetches see
 * the physical page's bytes as they are, whatever wrote them and
 * whether or not the page is still mapped there (a page freed, filled
 * and mapped back by fault-around takes no fault). */
static void frame_written(void *ctx, uint64_t pfn)
{
	struct cpu *cpu = ctx;
	uint32_t code;

	if (pfn >= cpu->m->mem.frame_count || cpu->code_page[pfn] == 0)
		return;
	code = cpu->code_page[pfn];
	if (code != CODE_PAGES_SEVERAL) {
		stale_code_dropped(cpu, code - 1);
	} else {
		for (size_t i = 0; i < cpu->mapped_count; i++)
			if (cpu->alias[cpu->mapped[i]] == pfn + 1)
				stale_code_dropped(cpu, cpu->mapped[i]);
	}
	cpu->code_page[pfn] = 0;
}

/* Each page of a store from ADDRESS to LAST, given its frame. */
static void store_seen(struct cpu *cpu, uint32_t address, uint32_t last)
{
	for (uint64_t vpn = address >> PAGE_SHIFT; vpn <= last >> PAGE_SHIFT;
	     vpn++)
		if (cpu->alias[vpn] != 0)
			drop_aliased_code(cpu, (uint32_t)vpn,
					  cpu->alias[vpn] - 1);
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
 * *PFN and *ENTRY (the 4 KiB TLB entry that translated it, or NULL: a
 * 4 MiB one), 1 when it faulted and the fault was resolved (the access
 * starts again), -1 when the process died or an error stopped the CPU. */
static int translate(struct cpu *cpu, uint32_t address,
		     enum mmu_access_type type, uint64_t *pfn,
		     const struct tlb_entry **entry)
{
	struct mmu_translation t;
	struct mmu_fault fault;

	if (mmu_translate(&cpu->m->mmu, address, type, MMU_USER, &t,
			  &fault) == 0) {
		*pfn = phys_pfn(t.physical);
		*entry = t.large ? NULL : t.entry;
		return 0;
	}
	cpu->fault_rc = cpu->hooks.fault(cpu->hooks.ctx, &cpu->access, &fault,
					 &cpu->err);
	return cpu->fault_rc == 0 ? 1 : -1;
}

/* The frames of an access's pages (one, or two when it straddles), each
 * page translated before any is used - as the MMU does, so that a fault
 * on the second page, and whatever its handling does to the first,
 * leaves no byte moved: after a fault, the whole access starts again;
 * ENTRY the first page's TLB entry.  Returns 0, 1 when it took faults,
 * or -1. */
static int translate_access(struct cpu *cpu, uint32_t address, uint32_t last,
			    enum mmu_access_type type, uint64_t pfn[2],
			    const struct tlb_entry **entry)
{
	const struct tlb_entry *second;

	for (unsigned faults = 0; faults <= CPU_MAX_FAULTS; faults++) {
		int rc = translate(cpu, address, type, &pfn[0], entry);

		if (rc == 0 && page_down(last) != page_down(address))
			rc = translate(cpu, (uint32_t)page_down(last), type,
				       &pfn[1], &second);
		if (rc <= 0)
			return rc < 0 ? rc : (faults > 0);
	}
	cpu->fault_rc = -1;
	return ef_error_set(&cpu->err, CPU_ERR_HOST, 0, "an access at %#x "
			    "faulted %u times: it makes no progress",
			    address, CPU_MAX_FAULTS);
}

/* Whether a one-page access of TYPE at ADDRESS is a TLB hit on the entry
 * the last such access used (bring_in() keeps it), with the page's
 * frame already in the reservation: then mmu_translate() would find that
 * entry and grant the access, and bring_in() would change nothing, so
 * the hit is counted and the rest skipped (the hot path: most fetches,
 * loads and stores are on the page of the one before).  The entry is
 * read anew each time: an invalidation, a flush or a refill of its slot
 * shows in its page and flags.  Not when reclaim's exact policies
 * are told of every reference (mmu->touched). */
static bool still_hits(struct cpu *cpu, uint32_t address, uint32_t last,
		       enum mmu_access_type type)
{
	static const uint32_t needs[] = {
		[MMU_READ] = TLB_VALID | TLB_USER,
		[MMU_FETCH] = TLB_VALID | TLB_USER,
		[MMU_WRITE] = TLB_VALID | TLB_USER | TLB_WRITABLE | TLB_DIRTY,
	};
	const struct tlb_entry *e = cpu->hit[type];
	uint32_t vpn = address >> PAGE_SHIFT;

	if (e == NULL || e->page != vpn || (e->flags & needs[type]) !=
	    needs[type] || (last >> PAGE_SHIFT) != vpn ||
	    cpu->alias[vpn] != e->frame + 1 || cpu->m->mmu.touched != NULL)
		return false;
	cpu->m->mmu.tlb.hits++;
	return true;
}

/* A load or store at ADDRESS to LAST that took a fault or found a page
 * another frame: code the engine translated from those pages' old bytes
 * is dropped - munmap() and a mapping made there since, whose first
 * access was this one, may have given the page other bytes in another
 * frame or, the last one freed, in the same.  Not the running
 * instruction's page: its frame changed only by a copy of itself (COW),
 * and its own stores are the engine's to see - its code is the new
 * frame's now, for the kernel's writes to that frame to drop it. */
static void forget_changed_code(struct cpu *cpu, uint32_t address,
				uint32_t last)
{
	uint32_t running = cpu->insn_eip >> PAGE_SHIFT;

	for (uint64_t vpn = address >> PAGE_SHIFT; vpn <= last >> PAGE_SHIFT;
	     vpn++)
		if (vpn != running)
			stale_code_dropped(cpu, vpn);
		else if (cpu->alias[vpn] != 0)
			note_code_page(cpu, cpu->alias[vpn] - 1, running);
}

/* An access of SIZE bytes at ADDRESS, as the CPU is about to make it
 * (when still_hits() said no): translated, its faults handled, and the
 * reservation's pages made its frames.  Returns 1 when a page got a
 * frame it did not have, 0, or -1 when the process died or an error
 * stopped the CPU. */
static int bring_in(struct cpu *cpu, uint32_t address, uint32_t size,
		    enum mmu_access_type type)
{
	uint32_t last = address + (size ? size - 1 : 0);
	struct mmu *mmu = &cpu->m->mmu;
	const struct tlb_entry *entry = NULL;
	uint64_t pfn[2];
	int changed;

	if (last < address)	/* wraps at 4 GiB: the second page is 0 */
		last = 0xffffffffu;
	/* A fetch that faulted counts as new code even in the frame it had:
	 * the fault may have filled that frame with other bytes. */
	changed = translate_access(cpu, address, last, type, pfn, &entry);
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
	cpu->hit[type] = entry;
	if (changed && type != MMU_FETCH)
		forget_changed_code(cpu, address, last);
	return changed;
}

/* The length taken for an instruction at ADDRESS the engine does not
 * know: its first byte, for the #UD - or, when it starts in the last 15
 * bytes of a page and the next page's code is stale (its scratch int3
 * bytes can make a #UD of an instruction that is not one: `8d cc`,
 * `f0 cc`), up to the next page's first byte, so that its
 * fetch brings that page in, as the CPU decoding on would, and the
 * instruction is translated again from the page's bytes. */
static uint32_t unknown_length(const struct cpu *cpu, uint32_t address)
{
	uint32_t to_end = PAGE_SIZE - (address & (PAGE_SIZE - 1));

	if (to_end < 15 && address + to_end != 0 &&
	    has_stale_code(cpu, (address >> PAGE_SHIFT) + 1))
		return to_end + 1;
	return 1;
}

/* Whether the code of an instruction from ADDRESS to LAST may be stale:
 * on either of its pages (has_stale_code()). */
static bool insn_code_stale(const struct cpu *cpu, uint32_t address,
			    uint32_t last)
{
	return has_stale_code(cpu, address >> PAGE_SHIFT) ||
	       has_stale_code(cpu, last >> PAGE_SHIFT);
}

static void on_code(uc_engine *uc, uint64_t address, uint32_t size, void *ctx)
{
	struct cpu *cpu = ctx;
	bool stale;
	uint32_t last;
	int rc;

	engine_guard_restore(&cpu->guard);	/* the block was translated */
	if (cpu->setting_up) {
		if (address == TRAMPOLINE_LANDING)
			uc_emu_stop(uc);	/* in user mode */
		return;
	}
	if (cpu->limit != 0 && cpu->instructions >= cpu->limit) {
		stop_for(cpu, CPU_STOP_BUDGET);	/* before this one runs */
		return;
	}
	if (size == 0 || size > 15)	/* an instruction the engine does not
					 * know (it reports no length) */
		size = unknown_length(cpu, (uint32_t)address);
	cpu->insn_eip = (uint32_t)address;
	last = (uint32_t)address + size - 1;
	stale = insn_code_stale(cpu, (uint32_t)address, last);
	if (!stale && still_hits(cpu, (uint32_t)address, last,
					MMU_FETCH)) {
		cpu->instructions++;
		return;
	}
	cpu->access = (struct cpu_access){ .type = MMU_FETCH,
		.address = (uint32_t)address, .size = size,
		.eip = (uint32_t)address };
	rc = bring_in(cpu, (uint32_t)address, size, MMU_FETCH);
	/* Translated from what was there before: from scratch bytes (even
	 * when a load or store of an instruction before it in the block
	 * has given the page its frame since), from bytes since dropped
	 * (bring_in() too may have: a frame freed and handed out again), or
	 * from another frame. */
	stale = stale || insn_code_stale(cpu, (uint32_t)address, last);
	if (rc > 0 || (rc == 0 && stale)) {
		cpu->refetch = true;
		cpu->refetches++;
		cpu->stopping = true;
		uc_emu_stop(uc);
	} else if (rc == 0) {
		cpu->instructions++;
	}
}

/* Whether the instruction at INSN (15 bytes) loads a segment register
 * or reads a descriptor - its reads of the GDT are the CPU's own. */
static bool loads_segment(const uint8_t *insn)
{
	static const uint8_t one[] = { 0x07, 0x17, 0x1f, 0x8e, 0x9a, 0xc4,
				       0xc5, 0xca, 0xcb, 0xcf, 0xea };
	static const uint8_t two[] = { 0x00, 0x02, 0x03, 0xa1, 0xa9, 0xb2,
				       0xb4, 0xb5 };
	unsigned i = 0;

	while (i < 14 && engine_guard_is_prefix(insn[i]))
		i++;
	if (insn[i] == 0x0f)
		return memchr(two, insn[i + 1], sizeof two) != NULL;
	if (insn[i] == 0xff)	/* call/jmp far: ff /3, ff /5 */
		return ((insn[i + 1] >> 3) & 7) == 3 ||
		       ((insn[i + 1] >> 3) & 7) == 5;
	return memchr(one, insn[i], sizeof one) != NULL;
}

/* An access by the CPU itself - a segment load's descriptor read from
 * the GDT, or one while cpu.c sets the engine up: the model's MMU has no
 * say in it. */
static bool descriptor_read(struct cpu *cpu, uint64_t address)
{
	return cpu->setting_up ||
	       (address >= CPU_GDT_ADDRESS &&
		address < (uint64_t)CPU_GDT_ADDRESS + GDT_BYTES &&
		loads_segment(cpu->space + cpu->insn_eip));
}

static void on_memory(uc_engine *uc, uc_mem_type type, uint64_t address,
		      int size, int64_t value, void *ctx)
{
	struct cpu *cpu = ctx;
	bool store = type == UC_MEM_WRITE;

	(void)uc;
	if (descriptor_read(cpu, address))
		return;
	if (still_hits(cpu, (uint32_t)address, (uint32_t)address +
		       (uint32_t)size - 1, store ? MMU_WRITE : MMU_READ)) {
		if (store)
			store_seen(cpu, (uint32_t)address,
				   (uint32_t)address + (uint32_t)size - 1);
		return;
	}
	cpu->access = (struct cpu_access){
		.type = store ? MMU_WRITE : MMU_READ,
		.address = (uint32_t)address, .size = (uint32_t)size,
		.eip = cpu->insn_eip, .has_value = store && size <= 8,
		.value = store && size < 8
			 ? (uint64_t)value & ((1ull << (8 * size)) - 1)
			 : (uint64_t)value };
	if (bring_in(cpu, (uint32_t)address, (uint32_t)size,
		     cpu->access.type) >= 0 && store)
		store_seen(cpu, (uint32_t)address,
			   (uint32_t)address + (uint32_t)size - 1);
}

/* The instruction at EIP trapped with VECTOR: the run stops, and the
 * engine is reset before it runs again (it keeps the exception as its
 * "old" one, and would take the next for a double fault). */
static void trap_at(struct cpu *cpu, unsigned vector, uint32_t eip)
{
	cpu->trap = vector;
	cpu->trap_eip = eip;
	cpu->reset = true;
	stop_for(cpu, CPU_STOP_TRAP);
}

/* The engine raised VECTOR: for `int N` it is N, whatever the gate's DPL,
 * so the vector user mode gets is the gate's (traps.h). */
static void on_interrupt(uc_engine *uc, uint32_t vector, void *ctx)
{
	struct cpu *cpu = ctx;
	const uint8_t *insn = cpu->space + cpu->insn_eip;

	(void)uc;
	if (insn[0] == 0xcd)
		vector = trap_int_vector(insn[1]);
	if (vector == TRAP_SYSCALL) {
		cpu->trap = vector;
		stop_for(cpu, CPU_STOP_SYSCALL);
		return;
	}
	trap_at(cpu, vector, cpu->insn_eip);
}

/* The engine is about to translate SIZE bytes at ADDRESS: those of a
 * page with no frame in the reservation are made SCRATCH_CODE, and the
 * page marked.  Zeros would be `add %al,(%eax)`, two bytes: a block of
 * hundreds of them translated for nothing (the engine translates a block
 * before on_code() sees its first instruction), and an instruction at a
 * page's last byte that would reach into the next page, whose fetch
 * could fault where the CPU, fetching a one-byte instruction, takes none.
 * Not the GDT's page (the CPU's own, no frame), nor while setting up. */
static void translate_scratch(struct cpu *cpu, uint32_t address,
			      uint32_t size)
{
	for (uint64_t at = address; at < (uint64_t)address + size; at++) {
		uint32_t vpn = (uint32_t)(at >> PAGE_SHIFT);

		if (cpu->alias[vpn] != 0) {
			note_code_page(cpu, cpu->alias[vpn] - 1, vpn);
			continue;
		}
		if (cpu->setting_up || vpn == CPU_GDT_ADDRESS >> PAGE_SHIFT)
			continue;
		cpu->space[at] = SCRATCH_CODE;
		mark_stale_code(cpu, vpn, true);
	}
}

/* The engine reads a byte of code it is translating (the space is mapped
 * without execute permission, so that every such read comes here; a
 * block already translated runs without any): the engine guard sees
 * each.  Returns false to abandon the block's translation for a probe
 * (run_stretch() sets its stops), true to let the engine read. */
static bool on_translate(uc_engine *uc, uc_mem_type type, uint64_t address,
			 int size, int64_t value, void *ctx)
{
	struct cpu *cpu = ctx;
	bool probing = cpu->guard.probing;
	struct engine_guard_suspect suspect;
	uint32_t block;

	(void)type, (void)value;
	translate_scratch(cpu, (uint32_t)address, (uint32_t)size);
	if (!engine_guard_suspect(cpu->space, (uint32_t)address,
				  (uint32_t)size, &suspect) ||
	    uc_reg_read(uc, UC_X86_REG_EIP, &block) != UC_ERR_OK)
		return true;
	switch (engine_guard_fetch(&cpu->guard, cpu->space, block,
				   &suspect)) {
	case ENGINE_GUARD_PROBE:
		cpu->probe = true;
		cpu->stopping = true;
		return false;
	case ENGINE_GUARD_READ:
		if (probing && !cpu->guard.probing)	/* the probe passed */
			uc_ctl_set_exits(uc, NULL, 0);
		return true;
	default:
		return true;
	}
}

static void on_sysenter(uc_engine *uc, void *ctx)
{
	(void)uc;
	stop_for(ctx, CPU_STOP_SYSENTER);
}

/* cpuid: QEMU 7.2's qemu32 answers, not Unicorn's (cpuid.h). */
static int on_cpuid(uc_engine *uc, void *ctx)
{
	uint32_t leaf, subleaf, out[4];

	(void)ctx;
	uc_reg_read(uc, UC_X86_REG_EAX, &leaf);
	uc_reg_read(uc, UC_X86_REG_ECX, &subleaf);
	cpuid_qemu32(leaf, subleaf, out);
	uc_reg_write(uc, UC_X86_REG_EAX, &out[0]);
	uc_reg_write(uc, UC_X86_REG_EBX, &out[1]);
	uc_reg_write(uc, UC_X86_REG_ECX, &out[2]);
	uc_reg_write(uc, UC_X86_REG_EDX, &out[3]);
	return 1;
}

/* in and out at CPL 3 with IOPL 0 and no I/O bitmap: #GP (the engine
 * would do the I/O). */
static uint32_t on_in(uc_engine *uc, uint32_t port, int size, void *ctx)
{
	struct cpu *cpu = ctx;

	(void)uc, (void)port, (void)size;
	trap_at(cpu, TRAP_GP, cpu->insn_eip);
	return 0;
}

static void on_out(uc_engine *uc, uint32_t port, int size, uint32_t value,
		   void *ctx)
{
	(void)value;
	on_in(uc, port, size, ctx);
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
		e = uc_hook_add(uc, &h, UC_HOOK_MEM_FETCH_PROT,
				(void *)on_translate, cpu, 1, 0);
	if (e == UC_ERR_OK)
		e = uc_hook_add(uc, &h, UC_HOOK_INTR, (void *)on_interrupt,
				cpu, 1, 0);
	if (e == UC_ERR_OK)
		e = uc_hook_add(uc, &h, UC_HOOK_INSN, (void *)on_sysenter, cpu,
				1, 0, UC_X86_INS_SYSENTER);
	if (e == UC_ERR_OK)
		e = uc_hook_add(uc, &h, UC_HOOK_INSN, (void *)on_cpuid, cpu,
				1, 0, UC_X86_INS_CPUID);
	if (e == UC_ERR_OK)
		e = uc_hook_add(uc, &h, UC_HOOK_INSN, (void *)on_in, cpu,
				1, 0, UC_X86_INS_IN);
	if (e == UC_ERR_OK)
		e = uc_hook_add(uc, &h, UC_HOOK_INSN, (void *)on_out, cpu,
				1, 0, UC_X86_INS_OUT);
	return e == UC_ERR_OK ? 0 : engine_error(err, "adding hooks", e);
}

/* The GDT's fixed entries, and GDTR pointing at it. */
static int load_gdt(struct cpu *cpu, struct ef_error *err)
{
	uc_x86_mmr gdtr = { 0, CPU_GDT_ADDRESS, GDT_BYTES - 1, 0 };
	uc_err e;

	memset(cpu->gdt, 0, sizeof cpu->gdt);
	cpu->gdt[12] = GDT_KERNEL_CS;
	cpu->gdt[13] = GDT_KERNEL_DS;
	cpu->gdt[CPU_USER_CS >> 3] = GDT_USER_CS;
	cpu->gdt[CPU_USER_DS >> 3] = GDT_USER_DS;
	memcpy(cpu->space + CPU_GDT_ADDRESS, cpu->gdt, GDT_BYTES);
	e = uc_reg_write((uc_engine *)cpu->uc, UC_X86_REG_GDTR, &gdtr);
	return e == UC_ERR_OK ? 0 : engine_error(err, "loading the GDT", e);
}

/* The engine starts in protected mode at CPL 0 (and a first code
 * segment of 64 KiB): an iret to __USER_CS:TRAMPOLINE_LANDING with
 * __USER_DS as the stack takes it to CPL 3, the data segments are loaded
 * as exec leaves them, and that state is kept for the resets after
 * traps. */
static int enter_user_mode(struct cpu *cpu, struct ef_error *err)
{
	uc_engine *uc = (uc_engine *)cpu->uc;
	const uint32_t frame[5] = { TRAMPOLINE_LANDING, CPU_USER_CS, 0x202, 0,
				    CPU_USER_DS };
	uint32_t esp = TRAMPOLINE_FRAME, ds = CPU_USER_DS, null = 0;
	uc_err e;

	cpu->setting_up = true;
	cpu->space[0] = IRET;
	memcpy(cpu->space + TRAMPOLINE_FRAME, frame, sizeof frame);
	e = uc_reg_write(uc, UC_X86_REG_ESP, &esp);
	if (e == UC_ERR_OK)
		e = uc_emu_start(uc, 0, 0, 0, 0);
	memset(cpu->space, 0, TRAMPOLINE_FRAME + sizeof frame);
	uc_ctl_remove_cache(uc, 0, PAGE_SIZE);
	if (e == UC_ERR_OK)
		e = uc_reg_write(uc, UC_X86_REG_DS, &ds);
	if (e == UC_ERR_OK)
		e = uc_reg_write(uc, UC_X86_REG_ES, &ds);
	if (e == UC_ERR_OK)
		e = uc_reg_write(uc, UC_X86_REG_FS, &null);
	if (e == UC_ERR_OK)
		e = uc_reg_write(uc, UC_X86_REG_GS, &null);
	if (e == UC_ERR_OK)
		e = uc_context_alloc(uc, (uc_context **)&cpu->pristine);
	if (e == UC_ERR_OK)
		e = uc_context_save(uc, cpu->pristine);
	cpu->setting_up = false;
	return e == UC_ERR_OK ? 0 : engine_error(err, "entering user mode", e);
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
	cpu->stale_code = calloc(SPACE_PAGES / 64, sizeof *cpu->stale_code);
	cpu->code_page = calloc(m->mem.frame_count, sizeof *cpu->code_page);
	if (cpu->alias == NULL || cpu->stale_code == NULL ||
	    cpu->code_page == NULL) {
		cpu_close(cpu);
		return ef_error_set(err, CPU_ERR_HOST, ENOMEM, "out of memory");
	}
	if (reserve(cpu, err) != 0) {
		cpu_close(cpu);
		return -1;
	}
	m->mem.observer = (struct phys_observer){ frame_written, cpu };
	e = uc_open(UC_ARCH_X86, UC_MODE_32, &uc);
	if (e != UC_ERR_OK) {
		cpu_close(cpu);
		return engine_error(err, "starting", e);
	}
	cpu->uc = (struct uc_struct *)uc;
	/* The ground-truth VM's CPU (run.sh: -cpu qemu32, GenuineIntel), so
	 * that CPUID sends glibc's start-up down the same paths: Unicorn's
	 * default, qemu64, is AuthenticAMD, and static glibc's
	 * init_cacheinfo() then reads other tables (busybox's ninth fault). */
	e = uc_ctl_set_cpu_model(uc, UC_CPU_X86_QEMU32);
	if (e != UC_ERR_OK) {
		cpu_close(cpu);
		return engine_error(err, "choosing the CPU model", e);
	}
	/* Not executable to the engine: each byte it translates is then
	 * read through on_translate() (engine_guard.h).  The i386 page
	 * tables have no NX bit; what may run is the model's MMU's say. */
	e = uc_mem_map_ptr(uc, 0, SPACE_BYTES, UC_PROT_READ | UC_PROT_WRITE,
			   cpu->space);
	if (e != UC_ERR_OK) {
		cpu_close(cpu);
		return engine_error(err, "mapping the address space", e);
	}
	e = uc_ctl_exits_enable(uc);	/* no end address: only stops end it */
	if (e != UC_ERR_OK || add_hooks(cpu, err) != 0 ||
	    load_gdt(cpu, err) != 0 || enter_user_mode(cpu, err) != 0) {
		cpu_close(cpu);
		return e != UC_ERR_OK ? engine_error(err, "exits", e) : -1;
	}
	return 0;
}

/* The code the engine translated from each page the reservation has
 * mapped since the last flush is dropped, page by page.  A page that so
 * loses all its code also loses the bitmap Unicorn 2.0.1 makes of the
 * code on a page stored to often (build_page_bitmap()), which
 * uc_close() does not free (upstream unicorn#2149: 512 bytes leaked). */
static void drop_mapped_code(struct cpu *cpu)
{
	for (size_t i = 0; i < cpu->mapped_count; i++) {
		uint64_t page = (uint64_t)cpu->mapped[i] << PAGE_SHIFT;

		uc_ctl_remove_cache((uc_engine *)cpu->uc, page,
				    page + PAGE_SIZE);
	}
}

void cpu_close(struct cpu *cpu)
{
	if (cpu->m != NULL && cpu->m->mem.observer.ctx == cpu)
		cpu->m->mem.observer = (struct phys_observer){ NULL, NULL };
	if (cpu->pristine != NULL)
		uc_context_free(cpu->pristine);
	engine_guard_restore(&cpu->guard);
	if (cpu->uc != NULL) {
		drop_mapped_code(cpu);
		uc_close((uc_engine *)cpu->uc);
	}
	if (cpu->space != NULL)
		munmap(cpu->space, SPACE_BYTES);
	free(cpu->alias);
	free(cpu->stale_code);
	free(cpu->code_page);
	free(cpu->mapped);
	memset(cpu, 0, sizeof *cpu);
}

bool cpu_peek32(struct cpu *cpu, uint32_t address, uint32_t *value)
{
	*value = 0;
	if (address > 0xfffffffcu || cpu->alias[address >> PAGE_SHIFT] == 0 ||
	    cpu->alias[(address + 3) >> PAGE_SHIFT] == 0)
		return false;
	memcpy(value, cpu->space + address, 4);
	return true;
}

void cpu_load_tls(struct cpu *cpu, const uint64_t tls[TLS_ENTRIES])
{
	memcpy(&cpu->gdt[TLS_ENTRY_MIN], tls, TLS_ENTRIES * sizeof *tls);
	memcpy(cpu->space + CPU_GDT_ADDRESS, cpu->gdt, GDT_BYTES);
}

/* The code translated from each page the reservation mapped is dropped,
 * page by page: Unicorn 2.0.1's flush of all translated code
 * (uc_ctl_flush_tlb) clears its whole translation buffer, tens of
 * milliseconds and a gigabyte touched at every switch.  Code translated
 * from a scratch page is dropped at its first instruction, as any code
 * on a page whose frame changed is (on_code's refetch). */
int cpu_flush(struct cpu *cpu, struct ef_error *err)
{
	if (reserve(cpu, err) != 0)
		return -1;
	drop_mapped_code(cpu);
	for (size_t i = 0; i < cpu->mapped_count; i++) {
		if (cpu->alias[cpu->mapped[i]] != 0)
			cpu->code_page[cpu->alias[cpu->mapped[i]] - 1] = 0;
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

/* After a stretch of the engine: a block abandoned for a probe
 * (engine_guard.h) is to be translated again, with the probe's stops; a
 * stop at one of them - the engine ending of itself - says that the
 * instruction starts there, and the code translated with the stop in it
 * is dropped.  Returns whether the engine runs on from where it is. */
static bool after_probe(struct cpu *cpu, uc_engine *uc, uc_err e)
{
	uint64_t stops[ENGINE_GUARD_PREFIXES_MAX + 1];
	struct engine_guard *g = &cpu->guard;

	if (cpu->probe) {
		cpu->probe = false;
		uc_ctl_set_exits(uc, stops, engine_guard_stops(g, stops));
		return true;
	}
	if (!g->probing)
		return false;
	/* at a stop, or stopped for something else before the answer */
	uc_ctl_set_exits(uc, NULL, 0);
	engine_guard_end_probe(g);
	uc_ctl_remove_cache(uc, page_down(g->probe_block),
			    page_up((uint64_t)g->probe.at + 1));
	return e == UC_ERR_OK && !cpu->stopping;
}

/* One stretch of the engine from REGS->eip; a refetch stop drops the
 * code translated from the instruction's pages before they had frames. */
static int run_stretch(struct cpu *cpu, uc_engine *uc, uint32_t eip,
		       struct ef_error *err)
{
	uc_err e;

	cpu->stopping = false;
	cpu->refetch = false;
	e = uc_emu_start(uc, eip, 0, 0, 0);
	engine_guard_restore(&cpu->guard);
	cpu->again = after_probe(cpu, uc, e);
	if (cpu->fault_rc < 0) {
		*err = cpu->err;
		return -1;
	}
	if (e == UC_ERR_INSN_INVALID && !cpu->stopping) {
		/* an instruction the engine does not know: #UD there */
		uc_reg_read(uc, UC_X86_REG_EIP, &eip);
		trap_at(cpu, TRAP_UD, eip);
		return 0;
	}
	if (e != UC_ERR_OK && !cpu->stopping)
		return engine_error(err, "running", e);
	if (cpu->refetch) {
		uint32_t vpn = cpu->insn_eip >> PAGE_SHIFT;
		uint64_t page = (uint64_t)vpn << PAGE_SHIFT;

		uc_ctl_remove_cache(uc, page, page + 2 * PAGE_SIZE);
		mark_stale_code(cpu, vpn, false);
		if (vpn + 1 < SPACE_PAGES)
			mark_stale_code(cpu, vpn + 1, false);
	}
	return 0;
}

/* Segment register REG loaded with *SELECTOR, its descriptor read from
 * the GDT now; one that cannot be loaded is 0 (the fixup of the kernel's
 * `pop %gs` on the way out: EX_TYPE_POP_ZERO). */
static void load_selector(uc_engine *uc, int reg, uint16_t *selector)
{
	uint32_t value = *selector;

	if (uc_reg_write(uc, reg, &value) != UC_ERR_OK) {
		value = 0;
		*selector = 0;
		uc_reg_write(uc, reg, &value);
	}
}

/* The state the run starts from: a reset engine after a trap, REGS, and
 * FS and GS loaded again from the GDT (its TLS entries may have
 * changed). */
static int load_state(struct cpu *cpu, uc_engine *uc, struct cpu_regs *regs,
		      void *ptrs[REG_COUNT], struct ef_error *err)
{
	if (cpu->reset && uc_context_restore(uc, cpu->pristine) != UC_ERR_OK)
		return engine_error(err, "resetting", UC_ERR_ARG);
	cpu->reset = false;
	if (uc_reg_write_batch(uc, (int *)reg_ids, ptrs, REG_COUNT) !=
	    UC_ERR_OK)
		return engine_error(err, "setting registers", UC_ERR_ARG);
	cpu->setting_up = true;
	load_selector(uc, UC_X86_REG_FS, &regs->fs);
	load_selector(uc, UC_X86_REG_GS, &regs->gs);
	cpu->setting_up = false;
	return 0;
}

/* The selector in segment register REG. */
static uint16_t read_selector(uc_engine *uc, int reg)
{
	uint32_t value = 0;

	uc_reg_read(uc, reg, &value);
	return (uint16_t)value;
}

int cpu_run(struct cpu *cpu, struct cpu_regs *regs, uint64_t budget,
	    enum cpu_stop *stop, struct ef_error *err)
{
	uc_engine *uc = (uc_engine *)cpu->uc;
	void *ptrs[REG_COUNT];
	uint64_t start = cpu->instructions;

	reg_pointers(regs, ptrs);
	if (load_state(cpu, uc, regs, ptrs, err) != 0)
		return -1;
	cpu->fault_rc = 0;
	/* The budget is counted by on_code(), which counts the instructions
	 * anyway: an instruction count given to the engine would add a code
	 * hook of its own, a second call before every instruction. */
	cpu->limit = budget != 0 ? start + budget : 0;
	for (;;) {
		uint64_t ran = cpu->instructions - start;
		uint32_t eip;

		if (budget != 0 && ran >= budget) {
			cpu->stop = CPU_STOP_BUDGET;
			break;
		}
		uc_reg_read(uc, UC_X86_REG_EIP, &eip);
		if (run_stretch(cpu, uc, eip, err) != 0)
			return -1;
		if (cpu->again)
			continue;
		if (cpu->stopping && !cpu->refetch)
			break;
		if (!cpu->stopping) {	/* the engine ended of itself */
			cpu->stop = CPU_STOP_BUDGET;
			break;
		}
	}
	uc_reg_read_batch(uc, (int *)reg_ids, ptrs, REG_COUNT);
	regs->fs = read_selector(uc, UC_X86_REG_FS);
	regs->gs = read_selector(uc, UC_X86_REG_GS);
	*stop = cpu->stop;
	return 0;
}
