/* exec_error.h - the errors execve() returns, in the exec error domain.
 *
 * Each kind is the errno the kernel's exec path returns for it
 * (fs/exec.c, fs/binfmt_elf.c); exec_layout, mapped_file and mm report
 * theirs in these terms, and the replay turns a kind back into the errno
 * a script expects.
 */
#ifndef ELFAULT_EXEC_ERROR_H
#define ELFAULT_EXEC_ERROR_H

#include "error.h"

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

/* The errno name ("ENOEXEC") and strerror text of an exec_error, and
 * the errno itself (ENOMEM for EXEC_ERR_HOST; 0 for no exec error). */
const char *exec_error_name(int kind);
const char *exec_error_text(int kind);
int exec_error_errno(int kind);

#endif
