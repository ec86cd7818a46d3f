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
#include "exec_error.h"
#include "exec_target.h"
#include "host_access.h"
#include "mm.h"

/* The program's arguments, as execve() receives them. */
struct exec_args {
	const char *filename;	/* the path given to execve() (AT_EXECFN) */
	const char *const *argv; /* argv[0] included */
	size_t argc;
	const char *const *envp;
	size_t envc;
	const char *sysroot;	/* where PT_INTERP paths are looked up ("/") */
	/* the files PT_INTERP may name (NULL: any; a replay's rule, else
	 * the interpreter is refused with EACCES) */
	const struct host_access *access;
};

/* bprm_stack_limits(): the lowest address the argument strings may reach
 * from P (bprm->p before the file name), a quarter of the stack rlimit
 * (its default, 8 MiB) below it less ARGC (at least 1) and ENVC pointers
 * of POINTER bytes; 0 when the pointers alone take it (E2BIG). */
uint64_t exec_args_floor(uint64_t p, uint64_t argc, uint64_t envc,
			 unsigned pointer);

/* Build the address space exec() of IMAGE (at PATH) gives on TARGET.
 * Returns 0, or -1 with ERR set: kind enum exec_error, detail saying what
 * the loader objected to.  MM must be released with mm_release(). */
int exec_layout_build(struct elf_image *image,
		      const struct exec_target *target,
		      const struct exec_args *args, struct mm *mm,
		      struct ef_error *err);

#endif
