/* exec_layout.c - load_elf_binary() with ASLR off, step by step.
 *
 * The steps follow the kernel's order, which decides where things land:
 * the argument strings are copied first (do_execveat_common), the stack
 * VMA is set up (setup_arg_pages), the PT_LOAD segments are mapped with
 * their .bss, then the interpreter and the vDSO are placed top-down below
 * mmap_base, and last create_elf_tables() writes argc, argv, envp and the
 * auxiliary vector below the strings.
 */
#include <config.h>

#include <elf.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exec_layout.h"
#include "rlimit.h"

/* exec lays the stack out for the default RLIMIT_STACK (a limit set
 * before execve() is not looked at) */
#define STACK_RLIMIT RLIMIT_STACK_DEFAULT

#define STACK_EXPAND 131072u		/* setup_arg_pages(): 32 pages */
#define MAX_ARG_STRLEN (32u * PAGE_SIZE)
#define PATH_MAX_KERNEL 4096

/* The steps' shared state: what struct linux_binprm holds. */
struct loader {
	struct elf_image *image;
	const struct exec_target *target;
	const struct exec_args *args;
	struct mm *mm;
	struct ef_error *err;
	struct elf_image *interp;	/* PT_INTERP's ELF, or NULL */
	int exec_stack;			/* EXSTACK_* below */
	uint64_t p;			/* bprm->p: the lowest stack byte so far */
	uint64_t stack_buf_low;		/* mm->stack holds [low, stack_top) */
	uint64_t phdr_addr;		/* AT_PHDR */
	uint64_t execfn;		/* bprm->exec: where the file name is */
	uint64_t elf_brk;		/* the end of the highest segment */
};

enum { EXSTACK_DEFAULT, EXSTACK_DISABLE_X, EXSTACK_ENABLE_X };

static int fail(struct loader *ld, int kind, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int fail(struct loader *ld, int kind, const char *fmt, ...)
{
	char detail[400];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(detail, sizeof detail, fmt, ap);
	va_end(ap);
	return ef_error_set(ld->err, kind, 0, "%s", detail);
}

static int host_nomem(struct loader *ld)
{
	return fail(ld, EXEC_ERR_HOST, "out of memory");
}

/* ---- the ELF header and program headers ------------------------------ */

static size_t phdr_size(const struct elf_image *image)
{
	return image->elf_class == ELFCLASS64 ? sizeof(Elf64_Phdr)
					      : sizeof(Elf32_Phdr);
}

/* load_elf_binary()'s first checks, and load_elf_phdrs(): KIND is
 * ENOEXEC for the program and ELIBBAD for the interpreter. */
static int check_elf(struct loader *ld, const struct elf_image *image,
		     int kind, const char *what)
{
	uint64_t size = (uint64_t)image->phnum * phdr_size(image);

	if (image->kind != ELF_IMAGE_OBJECT)
		return fail(ld, kind, "%s is an archive, not an ELF program", what);
	if (image->type != ET_EXEC && image->type != ET_DYN)
		return fail(ld, kind, "%s is not ET_EXEC or ET_DYN (e_type %u)",
			    what, image->type);
	if (!exec_target_runs(ld->target, image))
		return fail(ld, kind, "%s is ELFCLASS%u e_machine %u: the %s "
			    "kernel runs %s programs", what,
			    image->elf_class == ELFCLASS64 ? 64 : 32,
			    image->machine, ld->target->name,
			    ld->target->elf_class == ELFCLASS64
			    ? "ELFCLASS64 EM_X86_64" : "ELFCLASS32 EM_386");
	if (image->phentsize != phdr_size(image))
		return fail(ld, kind, "%s: e_phentsize %u is not %zu", what,
			    image->phentsize, phdr_size(image));
	if (size == 0 || size > ld->target->max_phdr_bytes)
		return fail(ld, kind, "%s: %u program headers (this kernel "
			    "reads 1 to %zu)", what, image->phnum,
			    (size_t)(ld->target->max_phdr_bytes / phdr_size(image)));
	if (image->segments_unreadable)
		return fail(ld, kind, "%s: program headers past the end of "
			    "the file", what);
	return 0;
}

/* ---- the interpreter and PT_GNU_STACK -------------------------------- */

static int read_interp_path(struct loader *ld, const struct elf_segment *seg,
			    char *path, size_t size)
{
	if (seg->filesz > PATH_MAX_KERNEL || seg->filesz < 2)
		return fail(ld, EXEC_ERR_NOEXEC, "PT_INTERP of %llu bytes",
			    (unsigned long long)seg->filesz);
	if (seg->filesz > size ||
	    elf_image_read(ld->image, seg->offset, path, seg->filesz, NULL) != 0)
		return fail(ld, EXEC_ERR_IO, "PT_INTERP past the end of the file");
	if (path[seg->filesz - 1] != '\0')
		return fail(ld, EXEC_ERR_NOEXEC, "PT_INTERP is not NUL-terminated");
	return 0;
}

/* PATH as seen from inside ROOT. */
static void path_in_sysroot(const char *root, const char *path, char *full,
			    size_t size)
{
	size_t n = strlen(root);

	while (n > 1 && root[n - 1] == '/')
		n--;
	if (n <= 1 && root[0] == '/')
		snprintf(full, size, "%s", path);
	else
		snprintf(full, size, "%.*s%s%s", (int)n, root,
			 path[0] == '/' ? "" : "/", path);
}

/* The interpreter's path as the replay's rule lets it be read (elfault's
 * consent, host_access.h, not the kernel's): FULL resolved into REAL,
 * which is what is opened then, so that the path checked is the path
 * read.  Returns 0, or -1 with the loader's error: EACCES outside, the
 * lookup's errno inside. */
static int checked_interpreter(struct loader *ld, const char *full,
			       char *real, size_t size)
{
	char *resolved = NULL;
	int rc;

	if (ld->args->access == NULL) {
		snprintf(real, size, "%s", full);
		return 0;
	}
	rc = host_access_resolve(ld->args->access, full,
				 HOST_ACCESS_INTERPRETER, &resolved);
	if (rc == 0 && strlen(resolved) >= size)
		rc = -ENAMETOOLONG;
	if (rc == 0)
		strcpy(real, resolved);
	free(resolved);
	if (rc == HOST_ACCESS_REFUSED)
		return fail(ld, EXEC_ERR_ACCES, "interpreter %s: %s", full,
			    HOST_ACCESS_REFUSED_TEXT);
	if (rc == -ENOMEM)
		return host_nomem(ld);
	if (rc != 0)
		return fail(ld, rc == -ENOENT ? EXEC_ERR_NOENT : EXEC_ERR_ACCES,
			    "interpreter %s: %s", full, strerror(-rc));
	return 0;
}

/* Open PT_INTERP's file under the sysroot (open_exec()). */
static int open_interpreter(struct loader *ld, const struct elf_segment *seg)
{
	char path[PATH_MAX_KERNEL + 1], full[2 * PATH_MAX_KERNEL + 2];
	char real[2 * PATH_MAX_KERNEL + 2];
	struct ef_error err;

	if (read_interp_path(ld, seg, path, sizeof path) != 0)
		return -1;
	path_in_sysroot(ld->args->sysroot ? ld->args->sysroot : "/", path,
			full, sizeof full);
	if (checked_interpreter(ld, full, real, sizeof real) != 0)
		return -1;
	if (mapped_file_stat(&ld->mm->interpreter, real, &err) != 0)
		return fail(ld, err.kind, "interpreter %s: %s", full,
			    err.sys_errno ? strerror(err.sys_errno) : err.detail);
	ld->interp = elf_image_open_program(real, &err);
	if (ld->interp == NULL) {
		if (err.kind == ELF_IMAGE_ERR_NOMEM)
			return host_nomem(ld);
		return fail(ld, EXEC_ERR_LIBBAD, "interpreter %s: not ELF", full);
	}
	return check_elf(ld, ld->interp, EXEC_ERR_LIBBAD, "the interpreter");
}

static int scan_program_headers(struct loader *ld)
{
	const struct elf_image *image = ld->image;

	ld->exec_stack = EXSTACK_DEFAULT;
	for (size_t i = 0; i < image->segment_count; i++) {
		const struct elf_segment *seg = &image->segments[i];

		if (seg->type == PT_INTERP && ld->interp == NULL &&
		    open_interpreter(ld, seg) != 0)
			return -1;
		if (seg->type == PT_GNU_STACK)
			ld->exec_stack = (seg->flags & PF_X) ? EXSTACK_ENABLE_X
							     : EXSTACK_DISABLE_X;
	}
	/* elf_read_implies_exec(): 32-bit processes without PT_GNU_STACK
	 * get READ_IMPLIES_EXEC (arch/x86/include/asm/elf.h). */
	ld->mm->read_implies_exec = ld->target->bss_reads_exec &&
				    ld->exec_stack == EXSTACK_DEFAULT;
	return 0;
}

/* ---- arguments and the stack VMA ------------------------------------- */

static unsigned kernel_pointer(const struct loader *ld)
{
	return ld->target->kernel_bits / 8;
}

static unsigned user_pointer(const struct loader *ld)
{
	return ld->target->elf_class == ELFCLASS64 ? 8 : 4;
}

/* Room for the strings, the auxiliary vector and the pointers below
 * them: the stack bytes exec writes. */
static int stack_reserve(struct loader *ld)
{
	const struct exec_args *a = ld->args;
	uint64_t strings = strlen(a->filename) + 1 + 1;

	for (size_t i = 0; i < a->argc; i++)
		strings += strlen(a->argv[i]) + 1;
	for (size_t i = 0; i < a->envc; i++)
		strings += strlen(a->envp[i]) + 1;
	strings += (a->argc + a->envc + 4) * 8 + 2 * PAGE_SIZE;
	if (strings > ld->target->stack_top)
		return fail(ld, EXEC_ERR_2BIG, "arguments do not fit");
	ld->stack_buf_low = page_down(ld->target->stack_top - strings);
	ld->mm->stack = calloc(1, ld->target->stack_top - ld->stack_buf_low);
	if (ld->mm->stack == NULL)
		return host_nomem(ld);
	/* bprm_mm_init(): the first string ends one kernel pointer below
	 * the top (the arg pages are built at STACK_TOP_MAX, then moved). */
	ld->p = ld->target->stack_top - kernel_pointer(ld);
	return 0;
}

static void stack_write(struct loader *ld, uint64_t addr, const void *bytes,
			size_t length)
{
	memcpy(ld->mm->stack + (addr - ld->stack_buf_low), bytes, length);
}

static void stack_write_word(struct loader *ld, uint64_t addr, uint64_t value)
{
	uint8_t bytes[8];

	for (unsigned i = 0; i < 8; i++)
		bytes[i] = (uint8_t)(value >> (8 * i));
	stack_write(ld, addr, bytes, user_pointer(ld));
}

/* copy_strings(): one string below bprm->p, within the argument limit
 * (bprm_stack_limits(): a quarter of the stack rlimit, less the
 * pointers). */
static int copy_string(struct loader *ld, const char *text, uint64_t argmin)
{
	size_t length = strlen(text) + 1;

	if (length > MAX_ARG_STRLEN || ld->p - length < argmin)
		return fail(ld, EXEC_ERR_2BIG, "arguments and environment "
			    "exceed the stack rlimit's quarter");
	ld->p -= length;
	stack_write(ld, ld->p, text, length);
	return 0;
}

uint64_t exec_args_floor(uint64_t p, uint64_t argc, uint64_t envc,
			 unsigned pointer)
{
	uint64_t limit = STACK_RLIMIT / 4;
	uint64_t pointers = ((argc ? argc : 1) + envc) * pointer;

	return limit > pointers ? p - (limit - pointers) : 0;
}

/* do_execveat_common(): the file name, then the environment, then the
 * arguments, each list from its last string down. */
static int copy_arguments(struct loader *ld)
{
	const struct exec_args *a = ld->args;
	uint64_t argmin = exec_args_floor(ld->p, a->argc, a->envc,
					  kernel_pointer(ld));

	if (argmin == 0)
		return fail(ld, EXEC_ERR_2BIG, "too many arguments");
	if (copy_string(ld, a->filename, argmin) != 0)
		return -1;
	ld->execfn = ld->p;
	for (size_t i = a->envc; i-- > 0;)
		if (copy_string(ld, a->envp[i], argmin) != 0)
			return -1;
	ld->mm->env_start = ld->p;
	for (size_t i = a->argc; i-- > 0;)
		if (copy_string(ld, a->argv[i], argmin) != 0)
			return -1;
	/* An empty argv gets "" as argv[0] (since Linux 5.18). */
	if (a->argc == 0 && copy_string(ld, "", argmin) != 0)
		return -1;
	ld->mm->arg_start = ld->p;
	return 0;
}

/* VM_STACK_FLAGS adjusted by PT_GNU_STACK (setup_arg_pages()). */
static unsigned stack_flags(const struct loader *ld)
{
	unsigned flags = VMA_READ | VMA_WRITE | VMA_GROWSDOWN;

	if (ld->exec_stack == EXSTACK_ENABLE_X ||
	    (ld->exec_stack == EXSTACK_DEFAULT && ld->mm->read_implies_exec))
		flags |= VMA_EXEC;
	return flags;
}

/* setup_arg_pages(): the pages the strings occupy, grown by 128 KiB
 * (stack_expand), but not beyond the stack rlimit. */
static int setup_stack(struct loader *ld)
{
	uint64_t top = ld->target->stack_top;
	uint64_t start = page_down(ld->p);
	struct vma stack = {
		.end = top, .flags = stack_flags(ld), .kind = VMA_KIND_ANON,
	};

	if (top - start + STACK_EXPAND > STACK_RLIMIT)
		stack.start = top - STACK_RLIMIT;
	else
		stack.start = start - STACK_EXPAND;
	if (vma_set_map(&ld->mm->vmas, &stack, ld->err) != 0)
		return host_nomem(ld);
	return 0;
}

/* ---- PT_LOAD segments ------------------------------------------------- */

/* Addresses of a 32-bit process wrap at 4 GiB (compat_binfmt_elf.c's
 * elf_addr_t is 32 bits). */
static uint64_t user_word(const struct loader *ld, uint64_t value)
{
	return ld->target->elf_class == ELFCLASS64 ? value
						   : value & 0xffffffffu;
}


/* make_prot() and do_mmap(): a segment's p_flags to VMA permissions. */
static unsigned segment_flags(const struct loader *ld, uint32_t p_flags)
{
	return mm_vma_flags(ld->mm, p_flags & PF_R, p_flags & PF_W,
			    p_flags & PF_X);
}

/* vm_brk_flags(): anonymous memory with VM_DATA_DEFAULT_FLAGS (read and
 * write, and exec under READ_IMPLIES_EXEC) plus the segment's PF_X. */
static int map_anonymous(struct loader *ld, uint64_t start, uint64_t end,
			 uint32_t p_flags)
{
	struct vma vma = {
		.start = start, .end = end, .kind = VMA_KIND_ANON,
		.flags = VMA_READ | VMA_WRITE,
	};

	if (end <= start)
		return 0;
	if (end > ld->target->task_size)
		return fail(ld, EXEC_ERR_NOMEM, ".bss at %#llx-%#llx is beyond "
			    "TASK_SIZE", (unsigned long long)start,
			    (unsigned long long)end);
	if ((p_flags & PF_X) || ld->mm->read_implies_exec)
		vma.flags |= VMA_EXEC;
	if (vma_set_map(&ld->mm->vmas, &vma, ld->err) != 0)
		return host_nomem(ld);
	return 0;
}

/* elf_map(): the file pages of a segment at ADDR (a hint unless FIXED),
 * reserving TOTAL bytes first when it is non-zero.  *MAPPED gets the
 * address used.  Errors are vm_mmap()'s. */
static int map_file_pages(struct loader *ld, const struct mapped_file *file,
			  const struct elf_segment *seg, uint64_t addr,
			  unsigned flags, bool fixed, bool noreplace,
			  uint64_t total, uint64_t *mapped)
{
	uint64_t pageoff = offset_in_page(seg->vaddr);
	uint64_t size = page_up(seg->filesz + pageoff);
	uint64_t offset = seg->offset - pageoff;
	uint64_t length = total ? page_up(total) : size;
	struct vma vma = { .flags = flags, .kind = VMA_KIND_FILE, .file = file };

	addr = page_down(addr);
	*mapped = addr;
	if (size == 0)
		return 0;
	if (offset_in_page(offset))
		return fail(ld, EXEC_ERR_INVAL, "p_offset %#llx and p_vaddr "
			    "%#llx differ modulo the page size",
			    (unsigned long long)seg->offset,
			    (unsigned long long)seg->vaddr);
	if (!fixed &&
	    vma_set_get_unmapped_area(&ld->mm->vmas, addr, length,
				      ld->target->mmap_min_addr,
				      ld->target->mmap_base,
				      ld->target->task_size,
				      ld->target->stack_guard_gap, &addr,
				      NULL) != 0)
		return fail(ld, EXEC_ERR_NOMEM, "no room for %#llx bytes below "
			    "mmap_base", (unsigned long long)length);
	if (length > ld->target->task_size ||
	    addr > ld->target->task_size - length)
		return fail(ld, EXEC_ERR_NOMEM, "segment at %#llx-%#llx is "
			    "beyond TASK_SIZE", (unsigned long long)addr,
			    (unsigned long long)(addr + length));
	if (noreplace && vma_set_overlaps(&ld->mm->vmas, addr, addr + length))
		return fail(ld, EXEC_ERR_EXIST, "segment at %#llx overlaps a "
			    "mapping already there", (unsigned long long)addr);
	vma.start = addr;
	vma.end = addr + size;
	vma.pgoff = offset / PAGE_SIZE;
	if (vma_set_map(&ld->mm->vmas, &vma, ld->err) != 0)
		return host_nomem(ld);
	*mapped = addr;
	return 0;
}

/* padzero(): exec zeroes the rest of the page the file part ends in,
 * from ADDRESS on, with clear_user() (remembered for the caller to run).
 * That fails (clear_user() faults) when the page is not writable or lies
 * wholly past the end of the file (SIGBUS).  Returns 0 with *WORKS set,
 * or -1 with the loader's error (host memory). */
static int padzero(struct loader *ld, const struct mapped_file *file,
		   uint64_t address, uint64_t file_offset, unsigned flags,
		   bool *works)
{
	struct mm *mm = ld->mm;
	struct mm_range *grown;

	*works = true;
	if (offset_in_page(address) == 0)
		return 0;
	grown = realloc(mm->padzero, (mm->padzero_count + 1) * sizeof *grown);
	if (grown == NULL)
		return host_nomem(ld);
	mm->padzero = grown;
	mm->padzero[mm->padzero_count++] =
		(struct mm_range){ address, page_up(address) };
	*works = (flags & VMA_WRITE) &&
		 file_offset / PAGE_SIZE < page_count(file->size);
	return 0;
}

/* elf_load(): a segment's file pages, then its .bss: the rest of the last
 * file page zeroed, and anonymous pages for what is beyond.  Debian's 6.1
 * has this loader too (backported in 6.1.140): before, 6.1 mapped only
 * the last segment's .bss, in set_brk(). */
static int load_segment(struct loader *ld, const struct mapped_file *file,
			const struct elf_segment *seg, uint64_t addr,
			bool fixed, bool noreplace, uint64_t total,
			uint64_t *mapped)
{
	unsigned flags = segment_flags(ld, seg->flags);
	uint64_t pageoff = offset_in_page(seg->vaddr);
	uint64_t zero_start, zero_end;

	if (seg->filesz == 0) {
		*mapped = zero_start = page_down(addr);
		zero_end = zero_start + pageoff + seg->memsz;
	} else {
		if (map_file_pages(ld, file, seg, addr, flags, fixed, noreplace,
				   total, mapped) != 0)
			return -1;
		zero_start = *mapped + pageoff + seg->filesz;
		zero_end = *mapped + pageoff + seg->memsz;
		/* Only a writable segment's failure counts, and only on
		 * 6.18: Debian's 6.1 runs such a program (its elf_load()
		 * ignores padzero()'s result; the i386 VM checks it). */
		if (seg->memsz > seg->filesz) {
			bool works;

			if (padzero(ld, file, zero_start, seg->offset +
				    seg->filesz, flags, &works) != 0)
				return -1;
			if (!works && (flags & VMA_WRITE) &&
			    ld->target->padzero_fails_exec)
				return fail(ld, EXEC_ERR_FAULT, "the .bss "
					    "begins in a page past the end "
					    "of the file");
		}
	}
	if (seg->memsz > seg->filesz)
		return map_anonymous(ld, page_up(zero_start),
				     page_up(zero_end), seg->flags);
	return 0;
}

/* total_mapping_size(): from the first PT_LOAD's page to the end of the
 * highest one, in the process's address width. */
static uint64_t total_mapping_size(const struct loader *ld,
				   const struct elf_image *image)
{
	uint64_t low = UINT64_MAX, high = 0;
	bool any = false;

	for (size_t i = 0; i < image->segment_count; i++) {
		const struct elf_segment *seg = &image->segments[i];
		uint64_t end = user_word(ld, seg->vaddr + seg->memsz);

		if (seg->type != PT_LOAD)
			continue;
		any = true;
		if (page_down(seg->vaddr) < low)
			low = page_down(seg->vaddr);
		if (end > high)
			high = end;
	}
	return any ? user_word(ld, high - low) : 0;
}

/* maximum_alignment(): the largest power-of-two p_align of a PT_LOAD,
 * rounded up to a page. */
static uint64_t maximum_alignment(const struct elf_image *image)
{
	uint64_t alignment = 0;

	for (size_t i = 0; i < image->segment_count; i++) {
		uint64_t a = image->segments[i].align;

		if (image->segments[i].type == PT_LOAD && a != 0 &&
		    (a & (a - 1)) == 0 && a > alignment)
			alignment = a;
	}
	return page_up(alignment);
}

/* The part of a segment that would not fit below TASK_SIZE. */
static bool segment_overflows(const struct loader *ld,
			      const struct elf_segment *seg, uint64_t k)
{
	uint64_t task_size = ld->target->task_size;

	return k >= task_size || seg->filesz > seg->memsz ||
	       seg->memsz > task_size || task_size - seg->memsz < k;
}

/* Where the first PT_LOAD of an ET_DYN program goes: a PIE at
 * ELF_ET_DYN_BASE (aligned to its largest p_align), a static PIE (no
 * interpreter) wherever mmap puts it, below mmap_base. */
static uint64_t dyn_load_bias(struct loader *ld, uint64_t vaddr,
			      uint64_t total, bool *noreplace)
{
	uint64_t alignment = maximum_alignment(ld->image), bias = 0;

	if (ld->interp != NULL) {
		bias = ld->target->elf_et_dyn_base;
		if (alignment)
			bias &= ~(alignment - 1);
		*noreplace = true;
	} else if (alignment > PAGE_SIZE &&
		   vma_set_free_area_topdown(&ld->mm->vmas, total, PAGE_SIZE,
					     ld->target->mmap_base,
					     ld->target->stack_guard_gap,
					     &bias, NULL) == 0) {
		/* The loader probes where mmap would put it, then aligns. */
		bias &= ~(alignment - 1);
		*noreplace = true;
	}
	return user_word(ld, page_down(user_word(ld, bias - vaddr)));
}

/* Bookkeeping of load_elf_binary()'s loop for one segment. */
static int account_segment(struct loader *ld, const struct elf_segment *seg)
{
	struct mm *mm = ld->mm;
	uint64_t k = seg->vaddr;

	if ((seg->flags & PF_X) && k < mm->start_code)
		mm->start_code = k;
	if (mm->start_data < k)
		mm->start_data = k;
	if (segment_overflows(ld, seg, k))
		return fail(ld, EXEC_ERR_INVAL, "segment at %#llx of %#llx "
			    "bytes (file %#llx) does not fit below TASK_SIZE",
			    (unsigned long long)seg->vaddr,
			    (unsigned long long)seg->memsz,
			    (unsigned long long)seg->filesz);
	k = seg->vaddr + seg->filesz;
	if ((seg->flags & PF_X) && mm->end_code < k)
		mm->end_code = k;
	if (mm->end_data < k)
		mm->end_data = k;
	k = seg->vaddr + seg->memsz;
	if (k > ld->elf_brk)
		ld->elf_brk = k;
	return 0;
}

/* load_elf_binary()'s PT_LOAD loop. */
static int map_program(struct loader *ld)
{
	const struct elf_image *image = ld->image;
	struct mm *mm = ld->mm;
	bool first = true;

	mm->start_code = UINT64_MAX;
	for (size_t i = 0; i < image->segment_count; i++) {
		const struct elf_segment *seg = &image->segments[i];
		bool noreplace = first && image->type == ET_EXEC;
		uint64_t total = 0, mapped;

		if (seg->type != PT_LOAD)
			continue;
		if (first && image->type == ET_DYN) {
			total = total_mapping_size(ld, image);
			if (total == 0)
				return fail(ld, EXEC_ERR_INVAL, "no PT_LOAD");
			mm->load_bias = dyn_load_bias(ld, seg->vaddr, total,
						      &noreplace);
		}
		/* MAP_FIXED_NOREPLACE is a fixed mapping that may not
		 * replace one. */
		if (load_segment(ld, &mm->program, seg, user_word(ld,
				 mm->load_bias + seg->vaddr), !first || noreplace,
				 noreplace, total, &mapped) != 0)
			return -1;
		if (first && image->type == ET_DYN)
			mm->load_bias = user_word(ld, mm->load_bias + mapped -
				page_down(user_word(ld, mm->load_bias +
							seg->vaddr)));
		first = false;
		if (seg->offset <= image->phoff &&
		    image->phoff < seg->offset + seg->filesz)
			ld->phdr_addr = image->phoff - seg->offset + seg->vaddr;
		if (account_segment(ld, seg) != 0)
			return -1;
	}
	return 0;
}

/* ---- the interpreter and the vDSO ------------------------------------ */

/* load_elf_interp(): an ET_DYN interpreter goes top-down below
 * mmap_base, its later segments at fixed offsets from the first. */
static int map_interpreter(struct loader *ld)
{
	const struct elf_image *interp = ld->interp;
	struct mm *mm = ld->mm;
	uint64_t total = total_mapping_size(ld, interp), load_addr = 0;
	bool load_addr_set = false;

	if (total == 0)
		return fail(ld, EXEC_ERR_INVAL, "the interpreter has no PT_LOAD");
	for (size_t i = 0; i < interp->segment_count; i++) {
		const struct elf_segment *seg = &interp->segments[i];
		bool fixed = interp->type == ET_EXEC || load_addr_set;
		uint64_t mapped, k;

		if (seg->type != PT_LOAD)
			continue;
		if (load_segment(ld, &mm->interpreter, seg,
				 user_word(ld, load_addr + seg->vaddr), fixed,
				 false, total, &mapped) != 0)
			return -1;
		total = 0;
		if (!load_addr_set && interp->type == ET_DYN) {
			load_addr = user_word(ld, mapped -
					      page_down(seg->vaddr));
			load_addr_set = true;
		}
		k = user_word(ld, load_addr + seg->vaddr);
		if (segment_overflows(ld, seg, k))
			return fail(ld, EXEC_ERR_NOMEM, "an interpreter segment "
				    "does not fit below TASK_SIZE");
	}
	mm->interp_base = load_addr;
	mm->entry = user_word(ld, interp->entry + load_addr);
	return 0;
}

/* map_vdso(): the vDSO's data pages and text, top-down below whatever
 * was mapped last (arch/x86/entry/vdso/vma.c). */
static int map_vdso(struct loader *ld)
{
	const struct exec_target *t = ld->target;
	uint64_t pages = 0, at;

	for (unsigned i = 0; i < t->vdso_part_count; i++)
		pages += t->vdso_parts[i].pages;
	if (vma_set_free_area_topdown(&ld->mm->vmas, pages * PAGE_SIZE,
				      PAGE_SIZE, t->mmap_base,
				      t->stack_guard_gap, &at, NULL) != 0)
		return fail(ld, EXEC_ERR_NOMEM, "no room for the vDSO");
	for (unsigned i = 0; i < t->vdso_part_count; i++) {
		const struct vdso_part *part = &t->vdso_parts[i];
		struct vma vma = {
			.start = at, .end = at + part->pages * PAGE_SIZE,
			.flags = part->flags, .kind = part->kind,
		};

		if (part->kind == VMA_KIND_VDSO)
			ld->mm->vdso_base = at;
		if (vma_set_map(&ld->mm->vmas, &vma, ld->err) != 0)
			return host_nomem(ld);
		at = vma.end;
	}
	return 0;
}

/* ---- create_elf_tables ----------------------------------------------- */

static void add_auxv(struct mm *mm, uint64_t type, uint64_t value)
{
	mm->auxv[mm->auxv_count].type = type;
	mm->auxv[mm->auxv_count].value = value;
	mm->auxv_count++;
}

/* The auxiliary vector, in the order create_elf_tables() writes it. */
static void build_auxv(struct loader *ld, uint64_t random, uint64_t platform)
{
	const struct exec_target *t = ld->target;
	struct mm *mm = ld->mm;

	mm->auxv_count = 0;
	/* ARCH_DLINFO / ARCH_DLINFO_IA32 */
	if (t->vdso_entry != 0)
		add_auxv(mm, AT_SYSINFO, mm->vdso_base + t->vdso_entry);
	add_auxv(mm, AT_SYSINFO_EHDR, mm->vdso_base);
	add_auxv(mm, 51 /* AT_MINSIGSTKSZ */, t->minsigstksz);
	add_auxv(mm, AT_HWCAP, t->hwcap);
	add_auxv(mm, AT_PAGESZ, PAGE_SIZE);
	add_auxv(mm, AT_CLKTCK, 100);
	add_auxv(mm, AT_PHDR, user_word(ld, ld->phdr_addr + mm->load_bias));
	add_auxv(mm, AT_PHENT, phdr_size(ld->image));
	add_auxv(mm, AT_PHNUM, ld->image->phnum);
	add_auxv(mm, AT_BASE, mm->interp_base);
	add_auxv(mm, AT_FLAGS, 0);
	add_auxv(mm, AT_ENTRY, user_word(ld, ld->image->entry + mm->load_bias));
	/* The ground truth ran as root. */
	add_auxv(mm, AT_UID, 0);
	add_auxv(mm, AT_EUID, 0);
	add_auxv(mm, AT_GID, 0);
	add_auxv(mm, AT_EGID, 0);
	add_auxv(mm, AT_SECURE, 0);
	add_auxv(mm, AT_RANDOM, random);
	add_auxv(mm, AT_HWCAP2, t->hwcap2);
	add_auxv(mm, AT_EXECFN, ld->execfn);
	add_auxv(mm, AT_PLATFORM, platform);
	if (t->rseq_auxv) {
		add_auxv(mm, 27 /* AT_RSEQ_FEATURE_SIZE */, 0x1c);
		add_auxv(mm, 28 /* AT_RSEQ_ALIGN */, 0x20);
	}
}

/* Stand-in for the kernel's 16 random bytes (AT_RANDOM): fixed, so that
 * outputs are reproducible. */
static const uint8_t random_bytes[16] = {
	'e', 'l', 'f', 'a', 'u', 'l', 't', ' ',
	'A', 'T', '_', 'R', 'A', 'N', 'D', 'M',
};

/* Write the pointers to the NUL-terminated strings from *P on, COUNT of
 * them and a NULL, at *SP; advance both. */
static void write_string_pointers(struct loader *ld, uint64_t *sp,
				  uint64_t *p, size_t count)
{
	unsigned word = user_pointer(ld);

	for (size_t i = 0; i < count; i++) {
		stack_write_word(ld, *sp, *p);
		*sp += word;
		*p += strlen((const char *)ld->mm->stack +
			     (*p - ld->stack_buf_low)) + 1;
	}
	stack_write_word(ld, *sp, 0);
	*sp += word;
}

/* create_elf_tables(): below the strings, the platform name and the
 * random bytes; then, from the 16-byte-aligned stack pointer up, argc,
 * argv[], NULL, envp[], NULL and the auxiliary vector. */
static void create_elf_tables(struct loader *ld)
{
	struct mm *mm = ld->mm;
	unsigned word = user_pointer(ld);
	size_t argc = ld->args->argc ? ld->args->argc : 1;
	size_t envc = ld->args->envc;
	size_t platform_length = strlen(ld->target->platform) + 1;
	uint64_t p = mm->arg_start & ~(uint64_t)0xf, platform, random, sp, at;

	p -= platform_length;
	platform = p;
	stack_write(ld, platform, ld->target->platform, platform_length);
	p -= sizeof random_bytes;
	random = p;
	stack_write(ld, random, random_bytes, sizeof random_bytes);
	build_auxv(ld, random, platform);
	sp = p - (mm->auxv_count + 1) * 2 * word;
	sp = (sp - ((argc + 1) + (envc + 1) + 1) * word) & ~(uint64_t)0xf;
	mm->sp = mm->start_stack = mm->stack_low = sp;

	at = sp;
	stack_write_word(ld, at, argc);
	at += word;
	p = mm->arg_start;
	write_string_pointers(ld, &at, &p, argc);
	mm->arg_end = mm->env_start = p;
	write_string_pointers(ld, &at, &p, envc);
	mm->env_end = p;
	for (size_t i = 0; i < mm->auxv_count; i++) {
		stack_write_word(ld, at, mm->auxv[i].type);
		stack_write_word(ld, at + word, mm->auxv[i].value);
		at += 2 * word;
	}
	/* mm->stack holds exactly [sp, stack_top). */
	memmove(mm->stack, mm->stack + (sp - ld->stack_buf_low),
		ld->target->stack_top - sp);
}

/* ---- the whole exec ---------------------------------------------------- */

/* mm->start_brk: past the highest segment; a static PIE's brk moves to
 * ELF_ET_DYN_BASE even with ASLR off (CONFIG_COMPAT_BRK is off). */
static void set_brk(struct loader *ld)
{
	struct mm *mm = ld->mm;
	uint64_t brk = user_word(ld, ld->elf_brk + mm->load_bias);

	if (ld->image->type == ET_DYN && ld->interp == NULL)
		brk = ld->target->elf_et_dyn_base;
	mm->start_brk = mm->brk = page_up(brk);
}

/* Everything after begin_new_exec(), the point of no return. */
static int build_new_image(struct loader *ld)
{
	struct mm *mm = ld->mm;

	mm->killed = true;
	if (setup_stack(ld) != 0 || map_program(ld) != 0)
		return -1;
	mm->start_code = user_word(ld, mm->start_code + mm->load_bias);
	mm->end_code = user_word(ld, mm->end_code + mm->load_bias);
	mm->start_data = user_word(ld, mm->start_data + mm->load_bias);
	mm->end_data = user_word(ld, mm->end_data + mm->load_bias);
	set_brk(ld);
	mm->entry = user_word(ld, ld->image->entry + mm->load_bias);
	if (ld->interp != NULL && map_interpreter(ld) != 0)
		return -1;
	if (mm->entry >= ld->target->task_size)
		return fail(ld, EXEC_ERR_INVAL, "the entry point %#llx is "
			    "beyond TASK_SIZE", (unsigned long long)mm->entry);
	if (map_vdso(ld) != 0)
		return -1;
	create_elf_tables(ld);
	mm->killed = false;
	return 0;
}

int exec_layout_build(struct elf_image *image,
		      const struct exec_target *target,
		      const struct exec_args *args, struct mm *mm,
		      struct ef_error *err)
{
	struct loader ld = {
		.image = image, .target = target, .args = args, .mm = mm,
		.err = err,
	};
	int rc;

	ef_error_clear(err);
	memset(mm, 0, sizeof *mm);
	mm->target = target;
	vma_set_init(&mm->vmas);
	/* do_execveat_common(): open the file, copy the strings; then the
	 * ELF handler checks the file, and past begin_new_exec() builds. */
	rc = mapped_file_stat(&mm->program, image->path, err);
	if (rc == 0)
		rc = stack_reserve(&ld);
	if (rc == 0)
		rc = copy_arguments(&ld);
	if (rc == 0)
		rc = check_elf(&ld, image, EXEC_ERR_NOEXEC, "the file");
	if (rc == 0)
		rc = scan_program_headers(&ld);
	if (rc == 0)
		rc = build_new_image(&ld);
	elf_image_free(ld.interp);
	return rc;
}
