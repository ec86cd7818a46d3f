/* dir.h - a directory of the host as getdents64() reads it.
 *
 * The entries are the directory's as readdir(3) finds them on the host,
 * "." and ".." first (as dir_emit_dots() and every filesystem give them),
 * then the rest in the byte order of their names (strcmp()): the order a
 * filesystem returns is its own - tmpfs's is the newest first, ext4's a
 * hash - and the model's is one that does not depend on the host.  An
 * entry's position (f_pos, d_off) is its index in that order.
 *
 * Each entry is a struct linux_dirent64 record (include/linux/dirent.h):
 * d_ino (8 bytes), d_off (8: the next entry's position), d_reclen (2),
 * d_type (1: DT_DIR, DT_REG, DT_LNK...), the name and its NUL, padded to
 * a multiple of 8 (filldir64()), stored in the user's buffer as 6.1's
 * filldir64 stores it (kernel_text.h): field by field, each store's fault
 * a kernel-mode fault at its own instruction.
 */
#ifndef ELFAULT_DIR_H
#define ELFAULT_DIR_H

#include <stddef.h>
#include <stdint.h>

#include "uaccess.h"

/* The longest record: a name of NAME_MAX (255) bytes. */
enum { DIR_RECORD_MAX = 280 };

struct dir_entry {
	char *name;
	uint64_t ino;
	uint8_t type;		/* DT_* */
};

struct dir_listing {
	struct dir_entry *entries;
	size_t count;
};

/* The entries of the host directory PATH into LIST.  Returns 0, or
 * -errno (ENOENT, ENOTDIR, EACCES, ENOMEM). */
int dir_list(const char *path, struct dir_listing *list);

void dir_listing_release(struct dir_listing *list);

/* getdents64's state (struct getdents_callback64). */
struct dir_fill {
	uint32_t current;	/* the user address of the next record */
	uint32_t count;		/* the room left */
	uint32_t prev_reclen;	/* the last record's length (0: none) */
	int error;		/* -EINVAL, -EFAULT: why a record was not
				 * stored */
};

/* filldir64(): ENTRY, at position OFFSET, stored at F->current - after
 * the previous record's d_off, OFFSET - with U's accesses; LIMIT is
 * access_ok()'s.  Returns 1 when it was stored, 0 when it was not
 * (F->error: EINVAL, no room; EFAULT, access_ok() refused or a store was
 * fixed up), UACCESS_DEAD, or -1 on an error. */
int dir_fill(const struct uaccess *u, struct dir_fill *f,
	     const struct dir_entry *entry, int64_t offset, uint32_t limit);

/* The record length of an entry named NAME. */
uint32_t dir_reclen(const char *name);

/* ENTRY's record, whose next entry is at D_OFF, into OUT (dir_reclen()
 * bytes). */
void dir_record(const struct dir_entry *entry, int64_t d_off, uint8_t *out);

#endif
