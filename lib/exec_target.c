/* exec_target.c - the three targets' constants, with ASLR off.
 *
 * mmap_base: arch/x86/mm/mmap.c mmap_base() leaves a gap below the stack
 * of the stack rlimit plus stack_guard_gap (8 MiB + 1 MiB here), at least
 * 128 MiB: so TASK_SIZE - 128 MiB.  ELF_ET_DYN_BASE
 * (arch/x86/include/asm/elf.h): 0x400000 when mmap_is_ia32() on a 32-bit
 * kernel; 2/3 of the 47-bit window for 64-bit processes; for ia32 programs
 * on a 64-bit kernel, COMPAT_ELF_ET_DYN_BASE (the live kernel agrees:
 * 0x56555000).
 */
#include <config.h>

#include <elf.h>
#include <string.h>

#include "exec_target.h"

#define MIB (1024ull * 1024)

/* vvar's vm_flags are VM_READ|VM_MAYREAD|VM_IO|VM_DONTDUMP|VM_PFNMAP: no
 * VM_MAYWRITE, no VM_MAYEXEC (mprotect() cannot add either). */
#define VVAR_DENIED (VMA_WRITE_DENIED | VMA_EXEC_DENIED)

/* 6.18's vDSO: vvar (4 pages), vvar_vclock (2), the vDSO text (2). */
static const struct vdso_part vdso_6_18[] = {
	{ VMA_KIND_VVAR, 4, VMA_READ | VMA_SPECIAL | VVAR_DENIED },
	{ VMA_KIND_VVAR_VCLOCK, 2, VMA_READ | VMA_SPECIAL | VVAR_DENIED },
	{ VMA_KIND_VDSO, 2, VMA_READ | VMA_EXEC | VMA_SPECIAL },
};

/* 6.1 (i386): vvar (4 pages: vvar, pvclock, hvclock, timens), the
 * 32-bit vDSO text (2). */
static const struct vdso_part vdso_6_1_i386[] = {
	{ VMA_KIND_VVAR, 4, VMA_READ | VMA_SPECIAL | VVAR_DENIED },
	{ VMA_KIND_VDSO, 2, VMA_READ | VMA_EXEC | VMA_SPECIAL },
};

#define PARTS(a) (unsigned)(sizeof(a) / sizeof((a)[0])), (a)

static const struct exec_target targets[] = {
	{
		.name = "i386",
		.kernel = KERNEL_6_1,
		.elf_class = ELFCLASS32,
		.kernel_bits = 32,
		.task_size = 0xc0000000,
		.stack_top = 0xc0000000,
		.mmap_base = 0xc0000000 - 128 * MIB,
		.elf_et_dyn_base = 0x400000,
		.mmap_min_addr = 65536,
		.stack_guard_gap = 256 * PAGE_SIZE,
		.kernel_start = 0xc0000000,
		.platform = "i686",
		.vdso_part_count = PARTS(vdso_6_1_i386),
		.vsyscall = false,
		.heap_includes_bss = true,
		.bss_reads_exec = true,
		.hwcap = 0x0780abfd,
		.hwcap2 = 0,
		.minsigstksz = 0x5a0,
		.vdso_entry = 0x550,
		.rseq_auxv = false,
		.max_phdr_bytes = PAGE_SIZE,
		.padzero_fails_exec = false,
	},
	{
		.name = "i386-on-x86-64",
		.kernel = KERNEL_6_18,
		.elf_class = ELFCLASS32,
		.kernel_bits = 64,
		.task_size = 0xffffe000,
		.stack_top = 0xffffe000,
		.mmap_base = 0xffffe000 - 128 * MIB,
		/* compat_binfmt_elf.c: COMPAT_ELF_ET_DYN_BASE, 16 MiB above
		 * TASK_UNMAPPED_BASE (a third of TASK_SIZE, page aligned). */
		.elf_et_dyn_base = 0x55555000 + 16 * MIB,
		.mmap_min_addr = 65536,
		.stack_guard_gap = 256 * PAGE_SIZE,
		.kernel_start = 0,
		.platform = "i686",
		.vdso_part_count = PARTS(vdso_6_18),
		.vsyscall = false,
		.heap_includes_bss = false,
		.bss_reads_exec = true,
		.hwcap = 0x1f8bfbff,
		.hwcap2 = 2,
		.minsigstksz = 0x2eb0,
		.vdso_entry = 0x5e0,
		.rseq_auxv = true,
		.max_phdr_bytes = 65536,
		.padzero_fails_exec = true,
	},
	{
		.name = "x86-64",
		.kernel = KERNEL_6_18,
		.elf_class = ELFCLASS64,
		.kernel_bits = 64,
		.task_size = 0x7ffffffff000,
		.stack_top = 0x7ffffffff000,
		.mmap_base = 0x7ffffffff000 - 128 * MIB,
		.elf_et_dyn_base = 0x7ffffffff000 / 3 * 2,
		.mmap_min_addr = 65536,
		.stack_guard_gap = 256 * PAGE_SIZE,
		.kernel_start = 0,
		.platform = "x86_64",
		.vdso_part_count = PARTS(vdso_6_18),
		.vsyscall = true,
		.heap_includes_bss = false,
		.bss_reads_exec = false,
		.hwcap = 0x1f8bfbff,
		.hwcap2 = 2,
		.minsigstksz = 0x2eb0,
		.vdso_entry = 0,
		.rseq_auxv = true,
		.max_phdr_bytes = 65536,
		.padzero_fails_exec = true,
	},
};

#define TARGET_COUNT (sizeof targets / sizeof targets[0])

const struct exec_target *exec_target_by_name(const char *name)
{
	for (size_t i = 0; i < TARGET_COUNT; i++)
		if (strcmp(targets[i].name, name) == 0)
			return &targets[i];
	return NULL;
}

const struct exec_target *exec_target_default(const struct elf_image *image)
{
	return exec_target_by_name(image->elf_class == ELFCLASS64 ? "x86-64"
								  : "i386");
}

const struct exec_target *exec_target_list(unsigned *count)
{
	*count = TARGET_COUNT;
	return targets;
}

/* elf_check_arch(): EM_386 (or the old EM_486) for 32-bit processes,
 * EM_X86_64 for 64-bit ones; each of the right ELF class. */
bool exec_target_runs(const struct exec_target *target,
		      const struct elf_image *image)
{
	if (image->elf_class != target->elf_class)
		return false;
	if (target->elf_class == ELFCLASS64)
		return image->machine == EM_X86_64;
	return image->machine == EM_386 || image->machine == 6 /* EM_486 */;
}
