/* dir_test.c - a host directory as getdents64 reads it: "." and ".."
 * first, then the names in byte order; the record's layout; and
 * filldir64's stores, in order, at their offsets (the first at
 * filldir64+0x86, the previous record's d_off, as the VM's trace shows),
 * a record that does not fit (EINVAL) and a store that faults (EFAULT). */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dir.h"
#include "kernel_text.h"
#include "tap.h"

enum { USER = 0x10000000u, USER_SIZE = 4096 };

struct log {
	uint32_t eip[64], at[64];
	unsigned n;
	uint32_t fault_at;	/* a store here is fixed up (0: none) */
	uint8_t mem[USER_SIZE];
};

static int logged_access(void *ctx, uint32_t eip, enum mmu_access_type type,
			 uint32_t user, unsigned size, uint8_t *bytes)
{
	struct log *l = ctx;

	(void)type;
	if (l->n < 64) {
		l->eip[l->n] = eip;
		l->at[l->n++] = user;
	}
	if (user == l->fault_at || user < USER || user + size > USER + USER_SIZE)
		return UACCESS_FIXUP;
	memcpy(l->mem + (user - USER), bytes, size);
	return UACCESS_DONE;
}

static const struct {
	uint32_t offset;	/* of filldir64 */
	uint32_t at;		/* from the record */
} stores[] = {
	{ FD64_PREV_OFF, 8 }, { FD64_PREV_OFF_HIGH, 12 }, { FD64_INO, 0 },
	{ FD64_INO_HIGH, 4 }, { FD64_RECLEN, 16 }, { FD64_TYPE, 18 },
	{ FD64_NUL, 19 + 10 }, { FD64_NAME8, 19 }, { FD64_NAME8_HIGH, 23 },
	{ FD64_NAME2, 27 },
};

int main(void)
{
	char dir[] = "/tmp/elfault-dir-XXXXXX", path[64];
	struct dir_listing list;
	struct log log = { .n = 0 };
	const struct uaccess u = { logged_access, &log, 7 };
	struct dir_fill f = { USER, 64, 0, 0 };
	const struct dir_entry ten = { "0123456789", 77, 8 };
	bool in_order = true;
	char buf[20] = { 0 };

	if (mkdtemp(dir) == NULL)
		return 1;
	for (const char *const *n = (const char *const[]){ "b", "a", "c", NULL };
	     *n; n++) {
		snprintf(path, sizeof path, "%s/%s", dir, *n);
		close(open(path, O_CREAT | O_WRONLY, 0644));
	}
	snprintf(path, sizeof path, "%s/sub", dir);
	mkdir(path, 0755);
	tap_ok(dir_list(dir, &list) == 0 && list.count == 6, "6 entries");
	for (size_t i = 0; i < list.count; i++)
		strcat(buf, list.entries[i].name), strcat(buf, " ");
	tap_ok(strcmp(buf, ". .. a b c sub ") == 0,
	       "\".\" and \"..\" first, then by name: %s", buf);
	tap_ok(list.entries[0].type == 4 && list.entries[2].type == 8 &&
	       list.entries[5].type == 4, "d_type: DT_DIR, DT_REG");
	dir_listing_release(&list);
	tap_ok(dir_list("/nonexistent-elfault", &list) == -ENOENT,
	       "a missing directory: ENOENT");
	tap_eq_u64(dir_reclen("."), 24, "\".\": 24 bytes");
	tap_eq_u64(dir_reclen("hello"), 32, "\"hello\": 32 bytes");
	tap_eq_u64(dir_reclen("list"), 24, "\"list\": 24 (19 + 4 + 1)");

	tap_ok(dir_fill(&u, &f, &ten, 5, 0xc0000000u) == 1 &&
	       f.current == USER + 32 && f.count == 32 && f.prev_reclen == 32,
	       "a record of 32 bytes stored");
	for (size_t i = 0; i < sizeof stores / sizeof stores[0]; i++)
		in_order &= log.eip[i] == KTEXT_FILLDIR64 + stores[i].offset &&
			    log.at[i] == USER + stores[i].at;
	tap_ok(in_order && log.n == 10, "filldir64's ten stores, in order");
	tap_ok(log.mem[0] == 77 && log.mem[8] == 5 && log.mem[16] == 32 &&
	       log.mem[18] == 8 && memcmp(log.mem + 19, "0123456789", 11) == 0,
	       "d_ino, d_off (its own position, for now), reclen, type, name");
	f.count = 20;
	tap_ok(dir_fill(&u, &f, &ten, 6, 0xc0000000u) == 0 &&
	       f.error == -EINVAL && log.n == 10,
	       "no room: EINVAL, nothing stored");
	f.count = 64;
	log.fault_at = USER + 32;
	tap_ok(dir_fill(&u, &f, &ten, 6, 0xc0000000u) == 0 &&
	       f.error == -EFAULT && log.mem[8] == 6 &&
	       log.eip[log.n - 1] == KTEXT_FILLDIR64 + FD64_INO,
	       "the previous d_off stored, then d_ino's fault: EFAULT");
	f.current = 0xbfffffe0u;
	tap_ok(dir_fill(&u, &f, &ten, 6, 0xc0000000u) == 0 &&
	       f.error == -EFAULT, "access_ok() refused: EFAULT");
	snprintf(path, sizeof path, "rm -r %s", dir);
	return system(path) == 0 ? tap_done() : 1;
}
