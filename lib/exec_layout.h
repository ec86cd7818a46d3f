/* exec_layout.h - the address space exec() builds for an ELF program.
 *
 * exec_layout_build() does what the kernel's ELF loader does between
 * execve() and the program's first instruction, with ASLR off: the checks
 * that refuse a file (fs/binfmt_elf.c load_elf_binary), the argument
 * pages and the stack (fs/exec.c setup_arg_pages, create_elf_tables), the
 * PT_LOAD mappings with their .bss (elf_map, padzero, vm_brk_flags), the
 * program interpreter (load_elf_interp), the vDSO and the mm fields.  The
 * result is the VMA list /proc/PID/maps shows at that moment, plus the
 * initial registers and the bytes exec wrote.
 */
#ifndef ELFAULT_EXEC_LAYOUT_H
#define ELFAULT_EXEC_LAYOUT_H

#include <stddef.h>
#include <stdint.h>

#include "elf_image.h"
#include "error.h"
#include "exec_target.h"
#include "vma.h"

/* Why exec failed: each kind is the errno the kernel returns. */
enum exec_error {
	EXEC_ERR_NONE = 0,
	/* ENOEXEC: not an ELF program this kernel runs */
	EXEC_ERR_NOEXEC = EF_ERR_BASE(EF_DOMAIN_EXEC) + 1,
	EXEC_ERR_INVAL,		/* EINVAL: a segment the loader cannot place */
	EXEC_ERR_NOMEM,		/* ENOMEM: no room in the address space */
	EXEC_ERR_NOENT,		/* ENOENT: the interpreter does not exist */
	EXEC_ERR_LIBBAD,	/* ELIBBAD: the interpreter is not a usable ELF */
	EXEC_ERR_EXIST,		/* EEXIST: MAP_FIXED_NOREPLACE found a mapping */
	EXEC_ERR_IO,		/* EIO: a header lies past the end of the file */
	EXEC_ERR_2BIG,		/* E2BIG: arguments and environment too long */
	EXEC_ERR_ACCES,		/* EACCES: not a regular file */
	EXEC_ERR_FAULT,		/* EFAULT: exec could not zero the .bss */
	EXEC_ERR_HOST,		/* elfault itself ran out of memory */
};

/* The program's arguments, as execve() receives them. */
struct exec_args {
	const char *filename;	/* the path given to execve() (AT_EXECFN) */
	const char *const *argv; /* argv[0] included */
	size_t argc;
	const char *const *envp;
	size_t envc;
	const char *sysroot;	/* where PT_INTERP paths are looked up ("/") */
};

/* An auxiliary vector entry (AT_*) placed on the stack. */
struct auxv_entry {
	uint64_t type;
	uint64_t value;
};

/* The memory descriptor right after exec: struct mm_struct's fields. */
struct mm {
	const struct exec_target *target;
	struct vma_set vmas;
	struct mapped_file program;	/* the file exec'd */
	struct mapped_file interpreter;	/* PT_INTERP, when path != NULL */
	uint64_t start_code, end_code;
	uint64_t start_data, end_data;
	uint64_t start_brk, brk;
	uint64_t start_stack;		/* where argc is */
	uint64_t arg_start, arg_end, env_start, env_end;
	uint64_t load_bias;		/* added to the program's p_vaddr */
	uint64_t interp_base;		/* AT_BASE: the interpreter's bias */
	uint64_t vdso_base;		/* AT_SYSINFO_EHDR */
	uint64_t entry;			/* where the first instruction runs */
	uint64_t sp;			/* the initial stack pointer */
	bool read_implies_exec;		/* personality READ_IMPLIES_EXEC */
	bool executable_stack;
	size_t auxv_count;
	struct auxv_entry auxv[32];
	uint8_t *stack;			/* the bytes of [stack_low, stack_top):
					 * strings, pointers, auxv; gaps zero */
	uint64_t stack_low;		/* = sp: the lowest byte exec wrote */
	/* The .bss tail of the last file page, zeroed by padzero(): exec
	 * writes it, so that page is present (and private) at the start. */
	uint64_t padzero_start, padzero_end;
	/* Set when exec failed after its point of no return
	 * (begin_new_exec()): the kernel then kills the process with
	 * SIGSEGV instead of returning the error to the caller. */
	bool killed;
};

/* Build the address space exec() of IMAGE (at PATH) gives on TARGET.
 * Returns 0, or -1 with ERR set: kind enum exec_error, detail saying what
 * the loader objected to.  MM must be released with exec_layout_release(). */
int exec_layout_build(struct elf_image *image,
		      const struct exec_target *target,
		      const struct exec_args *args, struct mm *mm,
		      struct ef_error *err);

void exec_layout_release(struct mm *mm);

/* dup_mmap()'s copy of SRC into DST: the fields, the VMAs (their files
 * now DST's own records) and the files; not the stack bytes exec wrote.
 * Returns 0, or -1 with ERR EXEC_ERR_HOST.  DST is released with
 * exec_layout_release(). */
int mm_dup(struct mm *dst, const struct mm *src, struct ef_error *err);

/* The VMA flags of a mapping MM makes readable, writable, executable
 * (calc_vm_prot_bits() for mmap and mprotect, make_prot() for exec's
 * segments): under READ_IMPLIES_EXEC every readable mapping is
 * executable too. */
unsigned mm_vma_flags(const struct mm *mm, bool read, bool write, bool exec);

/* The errno name ("ENOEXEC") and strerror text of an exec_error. */
const char *exec_error_name(int kind);
const char *exec_error_text(int kind);

/* Fill FILE from stat(2) of PATH (canonical path, device, inode, size).
 * Returns 0, or -1 with ERR set (EXEC_ERR_NOENT, EXEC_ERR_ACCES). */
int mapped_file_stat(struct mapped_file *file, const char *path,
		     struct ef_error *err);

void mapped_file_release(struct mapped_file *file);

#endif
