/* mapped_file.h - a file a process maps, as /proc/PID/maps names it.
 *
 * A file is known by its device and inode (what maps prints and what the
 * page cache is indexed by: two paths to one inode are one file) and its
 * canonical path; its size decides where a mapping's pages end (a fault
 * past EOF is SIGBUS).
 */
#ifndef ELFAULT_MAPPED_FILE_H
#define ELFAULT_MAPPED_FILE_H

#include <stdbool.h>
#include <stdint.h>

#include "error.h"

/* A mapped file as /proc/PID/maps shows it. */
struct mapped_file {
	char *path;		/* canonical path */
	unsigned dev_major;
	unsigned dev_minor;
	uint64_t inode;
	uint64_t size;		/* bytes, for faults past EOF */
	bool in_memory;		/* created by a process (memfs.h): no host
				 * file behind it */
	bool shmem;		/* behind MAP_SHARED|MAP_ANONYMOUS */
};

/* Fill FILE from stat(2) of PATH (canonical path, device, inode, size).
 * Returns 0, or -1 with ERR set: EXEC_ERR_NOENT, EXEC_ERR_ACCES (not a
 * regular file), as open_exec() refuses it. */
int mapped_file_stat(struct mapped_file *file, const char *path,
		     struct ef_error *err);

/* A copy of SRC in DST with a path of its own.  Returns 0, or -1 with
 * ERR EXEC_ERR_HOST. */
int mapped_file_dup(struct mapped_file *dst, const struct mapped_file *src,
		    struct ef_error *err);

/* Whether A and B are one file (one device and inode). */
bool mapped_file_same(const struct mapped_file *a, const struct mapped_file *b);

void mapped_file_release(struct mapped_file *file);

#endif
