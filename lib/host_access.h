/* host_access.h - which of the host's files a replay may read: elfault's
 * consent rule, not the kernel's.
 *
 * A script is data, and like an XML document's external entities it must
 * not read its reader's files unasked.  A replay may read the files inside
 * its roots (the script's directory tree, and each directory the command
 * line names with --allow-read), symbolic links resolved, and a program's
 * PT_INTERP may also name a file in the host's interpreter directories
 * (/lib, /lib32, /lib64, /libx32 and the same under /usr).
 *
 * A path is made absolute and its ".." taken out as text first (as a
 * shell's `cd` does: "a/b/.." is "a"), then resolved one component at a
 * time as the kernel's path walk does (link_path_walk(), a link's own
 * ".." taken physically, MAXSYMLINKS 40), and the walk never looks at a
 * name that is neither inside a root nor on the way to one: a path
 * outside is refused whether or not it exists, so that neither the
 * answer nor its error says anything about the host's other files.  What
 * is inside gets the lookup's own error (ENOENT, ENOTDIR, ELOOP...).
 */
#ifndef ELFAULT_HOST_ACCESS_H
#define ELFAULT_HOST_ACCESS_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"

/* What a path is read for. */
enum host_access_use {
	HOST_ACCESS_FILE,		/* any file a script names */
	HOST_ACCESS_INTERPRETER,	/* a program's PT_INTERP */
};

/* Why host_access_init() or host_access_allow() failed. */
enum host_access_error {
	HOST_ACCESS_ERR_DIR = EF_ERR_BASE(EF_DOMAIN_HOST_ACCESS) + 1,
				/* the directory to allow is not one */
	HOST_ACCESS_ERR_NOMEM,	/* elfault ran out of memory */
};

/* What a refusal says (after the path), naming the way to allow it. */
#define HOST_ACCESS_REFUSED_TEXT \
	"Permission denied: outside the script's directory and every " \
	"--allow-read DIR"
/* And for a program under `elfault run`. */
#define HOST_ACCESS_REFUSED_RUN_TEXT \
	"Permission denied: outside the current directory, the program's " \
	"and every --allow-read DIR"

/* Returned for a path outside every root (a positive value: errors
 * are negative errnos). */
#define HOST_ACCESS_REFUSED 1

/* The directories a replay may read under (canonical, absolute). */
struct host_access {
	char **roots;
	size_t root_count;
	char **interpreter_dirs;	/* the host's that exist */
	size_t interpreter_dir_count;
};

/* A rule with the host's interpreter directories and no root yet.
 * Returns 0, or -1 with ERR (ENOMEM). */
int host_access_init(struct host_access *a, struct ef_error *err);

/* Allow reading the tree under DIR (symbolic links resolved).  Returns
 * 0, or -1 with ERR: DIR cannot be resolved or is not a directory (its
 * errno), or ENOMEM. */
int host_access_allow(struct host_access *a, const char *dir,
		      struct ef_error *err);

/* Resolve PATH (relative to the working directory unless absolute) for
 * USE.  Returns 0 with *REAL its canonical path (the caller's to free),
 * HOST_ACCESS_REFUSED when it lies outside what A allows, or -errno when
 * the lookup inside failed (-ENOMEM when elfault's memory ran out). */
int host_access_resolve(const struct host_access *a, const char *path,
			enum host_access_use use, char **real);

/* Whether PATH (canonical) is inside a root of A, for USE. */
bool host_access_permits(const struct host_access *a, const char *path,
			enum host_access_use use);

void host_access_release(struct host_access *a);

#endif
