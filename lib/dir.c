/* dir.c - dcache_readdir()'s entries and filldir64()'s records (dir.h). */
#include <config.h>

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "dir.h"
#include "kernel_text.h"

enum { DIRENT64_NAME = 19 };	/* offsetof(struct linux_dirent64, d_name) */

/* DT_* of a host mode. */
static uint8_t type_of(mode_t mode)
{
	return S_ISDIR(mode) ? DT_DIR : S_ISREG(mode) ? DT_REG
	       : S_ISLNK(mode) ? DT_LNK : S_ISCHR(mode) ? DT_CHR
	       : S_ISBLK(mode) ? DT_BLK : S_ISFIFO(mode) ? DT_FIFO
	       : S_ISSOCK(mode) ? DT_SOCK : DT_UNKNOWN;
}

static int add(struct dir_listing *list, const char *dir, const char *name)
{
	char *path;
	struct stat st;
	struct dir_entry *grown = realloc(list->entries, (list->count + 1) *
					  sizeof *grown);

	if (grown == NULL)
		return -ENOMEM;
	list->entries = grown;
	if (asprintf(&path, "%s/%s", dir, name) < 0)
		return -ENOMEM;
	if (lstat(path, &st) != 0) {
		free(path);
		return 0;	/* gone since readdir(): not listed */
	}
	free(path);
	grown[list->count] = (struct dir_entry){ strdup(name), st.st_ino,
						 type_of(st.st_mode) };
	if (grown[list->count].name == NULL)
		return -ENOMEM;
	list->count++;
	return 0;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(((const struct dir_entry *)a)->name,
		      ((const struct dir_entry *)b)->name);
}

int dir_list(const char *path, struct dir_listing *list)
{
	DIR *dir = opendir(path);
	struct dirent *d;
	int rc;

	memset(list, 0, sizeof *list);
	if (dir == NULL)
		return -errno;
	rc = add(list, path, ".");
	if (rc == 0)
		rc = add(list, path, "..");
	while (rc == 0 && (d = readdir(dir)) != NULL)
		if (strcmp(d->d_name, ".") != 0 && strcmp(d->d_name, "..") != 0)
			rc = add(list, path, d->d_name);
	closedir(dir);
	if (rc != 0) {
		dir_listing_release(list);
		return rc;
	}
	if (list->count > 2)
		qsort(list->entries + 2, list->count - 2, sizeof *list->entries,
		      by_name);
	return 0;
}

void dir_listing_release(struct dir_listing *list)
{
	for (size_t i = 0; i < list->count; i++)
		free(list->entries[i].name);
	free(list->entries);
	memset(list, 0, sizeof *list);
}

uint32_t dir_reclen(const char *name)
{
	return (uint32_t)(DIRENT64_NAME + strlen(name) + 1 + 7) & ~7u;
}

void dir_record(const struct dir_entry *entry, int64_t d_off, uint8_t *out)
{
	uint32_t reclen = dir_reclen(entry->name);

	memset(out, 0, reclen);
	for (unsigned i = 0; i < 8; i++) {
		out[i] = (uint8_t)(entry->ino >> (8 * i));
		out[8 + i] = (uint8_t)((uint64_t)d_off >> (8 * i));
	}
	out[16] = (uint8_t)reclen;
	out[17] = (uint8_t)(reclen >> 8);
	out[18] = entry->type;
	memcpy(out + DIRENT64_NAME, entry->name, strlen(entry->name));
}

/* One unsafe_put_user() store of filldir64. */
struct store {
	uint32_t eip, at;
	unsigned size;
	uint8_t bytes[4];
};

static void add_store(struct store *s, unsigned *n, uint32_t offset,
		      uint32_t at, const void *bytes, unsigned size)
{
	s[*n] = (struct store){ KTEXT_FILLDIR64 + offset, at, size, { 0 } };
	memcpy(s[*n].bytes, bytes, size);
	(*n)++;
}

/* unsafe_copy_dirent_name(): NAME (LEN bytes) to AT, 8 bytes (two
 * stores) at a time, then 4, 2, 1. */
static void name_stores(struct store *s, unsigned *n, uint32_t at,
			const char *name, uint32_t len)
{
	for (; len > 7; len -= 8, at += 8, name += 8) {
		add_store(s, n, FD64_NAME8, at, name, 4);
		add_store(s, n, FD64_NAME8_HIGH, at + 4, name + 4, 4);
	}
	if (len > 3) {
		add_store(s, n, FD64_NAME4, at, name, 4);
		len -= 4, at += 4, name += 4;
	}
	if (len > 1) {
		add_store(s, n, FD64_NAME2, at, name, 2);
		len -= 2, at += 2, name += 2;
	}
	if (len > 0)
		add_store(s, n, FD64_NAME1, at, name, 1);
}

int dir_fill(const struct uaccess *u, struct dir_fill *f,
	     const struct dir_entry *entry, int64_t offset, uint32_t limit)
{
	struct store s[8 + 2 * (DIR_RECORD_MAX / 8) + 3];
	uint32_t reclen = dir_reclen(entry->name);
	uint32_t len = (uint32_t)strlen(entry->name), dirent = f->current;
	uint32_t prev = dirent - f->prev_reclen;
	uint8_t off[8], ino[8], rec[2] = { (uint8_t)reclen,
					  (uint8_t)(reclen >> 8) }, nul = 0;
	unsigned n = 0;

	f->error = -EINVAL;	/* "only used if we fail" */
	if (reclen > f->count)
		return 0;
	f->error = -EFAULT;	/* user_write_access_begin() */
	if (!uaccess_ok(prev, reclen + f->prev_reclen, limit))
		return 0;
	for (unsigned i = 0; i < 8; i++) {
		off[i] = (uint8_t)((uint64_t)offset >> (8 * i));
		ino[i] = (uint8_t)(entry->ino >> (8 * i));
	}
	add_store(s, &n, FD64_PREV_OFF, prev + 8, off, 4);
	add_store(s, &n, FD64_PREV_OFF_HIGH, prev + 12, off + 4, 4);
	add_store(s, &n, FD64_INO, dirent, ino, 4);
	add_store(s, &n, FD64_INO_HIGH, dirent + 4, ino + 4, 4);
	add_store(s, &n, FD64_RECLEN, dirent + 16, rec, 2);
	add_store(s, &n, FD64_TYPE, dirent + 18, &entry->type, 1);
	add_store(s, &n, FD64_NUL, dirent + DIRENT64_NAME + len, &nul, 1);
	name_stores(s, &n, dirent + DIRENT64_NAME, entry->name, len);
	for (unsigned i = 0; i < n; i++) {
		int rc = u->access(u->ctx, s[i].eip, MMU_WRITE, s[i].at,
				   s[i].size, s[i].bytes);

		if (rc != UACCESS_DONE)
			return rc == UACCESS_FIXUP ? 0 : rc;
	}
	f->error = -EINVAL;
	f->prev_reclen = reclen;
	f->current += reclen;
	f->count -= reclen;
	return 1;
}
