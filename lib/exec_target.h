/* exec_target.h - the machines elfault builds process images for.
 *
 * A target is a kernel (its version decides details such as the vDSO's
 * VMAs and what /proc/PID/maps calls [heap]) and a kind of process on it:
 *
 *   i386            a native 32-bit kernel, 3G/1G split (TASK_SIZE
 *                   0xC0000000): Debian 12's 6.1 "686" kernel, the
 *                   chapter's machine.  Default for ELF32 i386 files.
 *   i386-on-x86-64  a 32-bit program on a 64-bit kernel (TASK_SIZE
 *                   0xFFFFE000): 6.18 with IA-32 emulation, which some
 *                   hosts switch off (their execve refuses every i386
 *                   program with ENOEXEC; the model does not follow).
 *   x86-64          a 64-bit program, 47-bit user space: this machine's
 *                   kernel, 6.18.  Default for ELF64 files.
 *
 * Every address here is with ASLR off (personality ADDR_NO_RANDOMIZE) and
 * the default 8 MiB stack rlimit.
 */
#ifndef ELFAULT_EXEC_TARGET_H
#define ELFAULT_EXEC_TARGET_H

#include <stdbool.h>
#include <stdint.h>

#include "elf_image.h"
#include "vma.h"

/* The kernel whose rules a target follows. */
enum kernel_model {
	KERNEL_6_1,	/* Debian 12's linux 6.1 (i386 686) */
	KERNEL_6_18,	/* this machine's kernel */
};

/* One VMA of the vDSO block, from its lowest address up. */
struct vdso_part {
	enum vma_kind kind;
	unsigned pages;
	unsigned flags;		/* enum vma_flag */
};

struct exec_target {
	const char *name;	/* "i386", "i386-on-x86-64", "x86-64" */
	enum kernel_model kernel;
	unsigned elf_class;	/* ELFCLASS32/64 of the programs it runs */
	unsigned kernel_bits;	/* 32 or 64: the kernel's pointer size */
	uint64_t task_size;	/* TASK_SIZE: the top of user space */
	uint64_t stack_top;	/* STACK_TOP: where [stack] ends */
	uint64_t mmap_base;	/* mm->mmap_base: top of the mmap area */
	uint64_t elf_et_dyn_base; /* ELF_ET_DYN_BASE: where PIEs go */
	uint64_t mmap_min_addr;	/* vm.mmap_min_addr */
	uint64_t stack_guard_gap; /* stack_guard_gap */
	uint64_t kernel_start;	/* first kernel address (PAGE_OFFSET) */
	const char *platform;	/* AT_PLATFORM string */
	unsigned vdso_part_count;
	const struct vdso_part *vdso_parts;
	bool vsyscall;		/* [vsyscall] at 0xffffffffff600000 */
	bool heap_includes_bss; /* /proc/PID/maps calls a VMA ending at
				 * start_brk [heap] (6.1's test is not strict) */
	bool bss_reads_exec;	/* READ_IMPLIES_EXEC when PT_GNU_STACK is missing */
	/* The auxiliary vector's machine-dependent values, as the modelled
	 * machine reports them (the VM's QEMU CPU; this host's CPU). */
	uint64_t hwcap;		/* AT_HWCAP: CPUID leaf 1 EDX */
	uint64_t hwcap2;	/* AT_HWCAP2 */
	uint64_t minsigstksz;	/* AT_MINSIGSTKSZ: the signal frame size */
	uint64_t vdso_entry;	/* AT_SYSINFO: __kernel_vsyscall's offset in
				 * the vDSO text (32-bit processes), or 0 */
	bool rseq_auxv;		/* AT_RSEQ_FEATURE_SIZE/AT_RSEQ_ALIGN (6.3+) */
	unsigned max_phdr_bytes; /* load_elf_phdrs(): 6.1 wants the table in
				  * a page (ELF_MIN_ALIGN); 6.18 allows 64 KiB */
	bool padzero_fails_exec; /* elf_load(): a writable segment whose
				  * padzero() faults fails exec with EFAULT
				  * (6.18); Debian's 6.1 backport ignores
				  * padzero()'s result, as the VM shows */
};

/* The target called NAME, or NULL. */
const struct exec_target *exec_target_by_name(const char *name);

/* The default target for IMAGE: i386 for ELF32, x86-64 for ELF64. */
const struct exec_target *exec_target_default(const struct elf_image *image);

/* All targets, for help texts: *COUNT is set. */
const struct exec_target *exec_target_list(unsigned *count);

/* Whether TARGET's kernel runs IMAGE's machine (elf_check_arch()). */
bool exec_target_runs(const struct exec_target *target,
		      const struct elf_image *image);

#endif
