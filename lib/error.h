/* error.h - how elfault's library reports failure.
 *
 * The library never prints and never exits.  A function that can fail takes
 * a `struct ef_error *` (which may be NULL when the caller does not care),
 * returns -1 (or NULL), and fills the error in: a module-specific kind that
 * the command line maps to its message and exit status, the errno of a
 * failed system call, a position in a script, and a short detail text
 * (lower case, no final stop, as elfutils and git word their messages).
 */
#ifndef ELFAULT_ERROR_H
#define ELFAULT_ERROR_H

#include <stdarg.h>

/* Every module's error kinds lie in a range of their own: a module's
 * enum starts at EF_ERR_BASE(its domain) + 1, 0 meaning no error, so an
 * error says which module it came from, and one module's "no frame" is
 * never another's "not executable". */
enum ef_error_domain {
	EF_DOMAIN_NONE,
	EF_DOMAIN_ELF_IMAGE,
	EF_DOMAIN_SECTION_TABLE,
	EF_DOMAIN_EXEC,
	EF_DOMAIN_VMA,
	EF_DOMAIN_PHYS,
	EF_DOMAIN_PAGE_CACHE,
	EF_DOMAIN_SWAP,
	EF_DOMAIN_REPLACEMENT,
	EF_DOMAIN_FUTURE,
	EF_DOMAIN_SCRIPT,
	EF_DOMAIN_REPLAY,
	EF_DOMAIN_YAML_WRITER,
	EF_DOMAIN_ADDRESS,
	EF_DOMAIN_FILES,
	EF_DOMAIN_MEMFS,
	EF_DOMAIN_HOST_ACCESS,
	EF_DOMAIN_CPU,
	EF_DOMAIN_PROGRAM_RUN,
	EF_DOMAIN_CANVAS,
	EF_DOMAIN_PICTURE,
	EF_DOMAIN_VDSO,
};

#define EF_ERR_BASE(domain) ((domain) * 256)

struct ef_error {
	int kind;		/* the module's own error enum; 0 when no error */
	int sys_errno;		/* errno of a failed system call, else 0 */
	unsigned line;		/* 1-based script position, 0 when not a script */
	unsigned column;
	char detail[512];	/* what is wrong, without program or file name */
};

/* Record an error in ERR (ignored when ERR is NULL); returns -1 so callers
 * can `return ef_error_set(...)`.  FMT is printf-style. */
int ef_error_set(struct ef_error *err, int kind, int sys_errno,
		 const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* The same for an error at LINE:COLUMN of a script. */
int ef_error_set_at(struct ef_error *err, int kind, unsigned line,
		    unsigned column, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

/* The module whose error ERR is (EF_DOMAIN_NONE: no error). */
static inline enum ef_error_domain ef_error_domain(const struct ef_error *err)
{
	return (enum ef_error_domain)(err->kind / EF_ERR_BASE(1));
}

/* Clear ERR (when not NULL) to the no-error state. */
void ef_error_clear(struct ef_error *err);

#endif
