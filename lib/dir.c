/* dir.c - dcache_readdir()'s entries and filldir64()'s records (dir.h). */
#include <config.h>

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "dir.h"

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
