/* maps_report.h - an address space as /proc/PID/maps shows it, and more.
 *
 * The text form is what `cat /proc/PID/maps` prints on the target's
 * kernel (fs/proc/task_mmu.c show_map_vma()): the same columns, the name
 * column padded for the kernel's pointer size, [heap]/[stack] decided by
 * that kernel's rule.  The section annotation (the arrows of the
 * chapter's Fig. 14.23) and the YAML form add what maps cannot show.
 */
#ifndef ELFAULT_MAPS_REPORT_H
#define ELFAULT_MAPS_REPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "elf_image.h"
#include "exec_layout.h"
#include "yaml_writer.h"

/* What /proc/PID/maps shows in the name column for VMA: the file's path,
 * "[heap]", "[stack]", "[vdso]", "[vvar]", "[vvar_vclock]", or NULL. */
const char *maps_vma_name(const struct mm *mm, const struct vma *vma);

/* The permissions column for vm_flags FLAGS: "r-xp", "rw-s"... */
void maps_vma_perms(unsigned flags, char perms[5]);

/* Whether VMA holds the program's own sections: its file VMAs and the
 * anonymous pages of its .bss below start_brk. */
bool maps_vma_of_program(const struct mm *mm, const struct vma *vma);

/* Whether section S has bytes in memory: allocated, not empty, not the
 * .tbss template (TLS that takes no room in the image). */
bool maps_section_in_memory(const struct elf_section *s);

/* The maps lines of MM.  With IMAGE non-NULL, each VMA is followed by the
 * ELF sections (of IMAGE, mapped with MM's load bias) it holds, indented.
 * Returns 0, or -1 when writing failed. */
int maps_report_text(FILE *out, const struct mm *mm,
		     const struct elf_image *image);

/* For a 32-bit kernel: a note on the kernel's 1 GiB above TASK_SIZE, which
 * every page table maps supervisor-only (U=0) and /proc/PID/maps omits.
 * Writes nothing for targets without one. */
int maps_report_kernel_region(FILE *out, const struct mm *mm);

/* The initial stack exec wrote, from the stack pointer up: argc, the argv
 * and envp pointers with the strings they point to, the auxiliary vector,
 * then the platform string, the AT_RANDOM bytes and the strings area. */
int maps_report_stack(FILE *out, const struct mm *mm);

/* One VMA as the YAML of maps and of the show: step's vmas describe it. */
struct maps_vma_record {
	uint64_t start, end;
	int digits;		/* hex digits of an address: 8, 12 or 16 */
	char perms[5];		/* "r-xp" */
	bool has_file;		/* offset, dev and inode are its file's */
	uint64_t offset;
	unsigned dev_major, dev_minor;
	uint64_t inode;
	const char *kind;	/* "file", "anonymous", "heap", "stack"... */
	const char *name;	/* maps' name column, or NULL; MM's storage */
	bool grows_down;
};

/* Fill REC for VMA of MM (REC->name points into MM). */
void maps_vma_record(const struct mm *mm, const struct vma *vma,
		     struct maps_vma_record *rec);

/* Call VISIT with each line maps shows for MM, in its order (the
 * vsyscall page last, where the target has one); stops at the first
 * non-zero return, which it returns (else 0). */
typedef int maps_vma_visitor(void *ctx, const struct maps_vma_record *rec);
int maps_for_each_vma(const struct mm *mm, maps_vma_visitor *visit,
		      void *ctx);

/* REC's keys, into the mapping W has open (keys in elfault(1)). */
void maps_report_yaml_vma(struct yaml_writer *w,
			  const struct maps_vma_record *rec);

/* One YAML mapping: target, file, the mm fields, the VMAs (with their
 * sections when IMAGE is non-NULL), the auxiliary vector, the kernel
 * region, and with STACK the initial stack's words.  Keys are listed in
 * elfault(1). */
void maps_report_yaml(struct yaml_writer *w, const struct mm *mm,
		      const struct elf_image *image, bool stack);

#endif
