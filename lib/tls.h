/* tls.h - a process's thread-local-storage descriptors (i386, 6.1):
 * set_thread_area() and get_thread_area() (arch/x86/kernel/tls.c).
 *
 * Each task has three GDT entries of its own, GDT_ENTRY_TLS_MIN (6) to
 * GDT_ENTRY_TLS_MAX (8), kept in thread.tls_array and copied into the
 * CPU's GDT on every switch to the task and after set_thread_area()
 * (load_TLS()); glibc points %gs at one of them (selector 0x33 for entry
 * 6) and finds its thread block, and AT_SYSINFO at %gs:0x10, there.
 * fork() copies the three (copy_thread() copies the whole thread_struct),
 * execve() clears them (flush_thread()).
 *
 * set_thread_area(u_info): the struct user_desc (16 bytes) is read with
 * copy_from_user() - EFAULT when it cannot be; tls_desc_okay() refuses a
 * 16-bit segment, a code segment (contents 2 or 3) and a not-present one
 * (EINVAL), while an empty (LDT_empty()) or all-zero (LDT_zero())
 * descriptor clears the entry; entry_number -1 picks the first empty
 * entry (ESRCH when none is) and stores its number back with put_user()
 * (EFAULT); any other number outside 6..8 is EINVAL.  The descriptor is
 * what fill_ldt() builds: DPL 3, present, the accessed bit set.
 * get_thread_area(u_info): the entry number read with get_user(), EINVAL
 * outside 6..8, and the entry as fill_user_desc() describes it written
 * back with copy_to_user().
 */
#ifndef ELFAULT_TLS_H
#define ELFAULT_TLS_H

#include <stdbool.h>
#include <stdint.h>

#include "uaccess.h"

enum {
	TLS_ENTRY_MIN = 6,	/* GDT_ENTRY_TLS_MIN */
	TLS_ENTRIES = 3,	/* GDT_ENTRY_TLS_ENTRIES */
	TLS_USER_DESC_SIZE = 16,	/* sizeof(struct user_desc), i386 */
};

/* struct user_desc (include/uapi/asm/ldt.h), its bitfields decoded. */
struct tls_user_desc {
	uint32_t entry_number;
	uint32_t base_addr;
	uint32_t limit;
	bool seg_32bit;
	unsigned contents;	/* 0..3 */
	bool read_exec_only;
	bool limit_in_pages;
	bool seg_not_present;
	bool useable;
};

/* The 16 bytes of a struct user_desc, decoded and encoded. */
void tls_user_desc_decode(const uint8_t bytes[TLS_USER_DESC_SIZE],
			  struct tls_user_desc *info);
void tls_user_desc_encode(const struct tls_user_desc *info,
			  uint8_t bytes[TLS_USER_DESC_SIZE]);

/* tls_desc_okay(): whether INFO may go into the TLS array. */
bool tls_desc_okay(const struct tls_user_desc *info);

/* The 8-byte descriptor set_tls_desc() stores for INFO: 0 for an empty
 * or all-zero one, else fill_ldt()'s. */
uint64_t tls_descriptor(const struct tls_user_desc *info);

/* fill_user_desc(): the user_desc of entry IDX holding DESC. */
void tls_user_desc_of(uint64_t desc, uint32_t idx, struct tls_user_desc *info);

/* A descriptor's base, and whether a data-segment load may use it (a
 * present segment, DPL 3). */
uint32_t tls_descriptor_base(uint64_t desc);
bool tls_descriptor_usable(uint64_t desc);

/* set_thread_area(USER) on the array TLS, the kernel's copies made
 * through U (LIMIT: TASK_SIZE, for access_ok()); KADDR is the kernel
 * buffer copy_from_user() fills (its low bits choose __copy_user_ll()'s
 * path).  Returns 0 with *RESULT 0 or -errno, UACCESS_DEAD when an
 * access ended in an Oops, or -1 on an error. */
int tls_set_thread_area(const struct uaccess *u, uint64_t tls[TLS_ENTRIES],
			uint32_t user, uint32_t limit, uint32_t kaddr,
			int32_t *result);

/* get_thread_area(USER): the same for the entry the user_desc names. */
int tls_get_thread_area(const struct uaccess *u,
			const uint64_t tls[TLS_ENTRIES], uint32_t user,
			uint32_t limit, uint32_t kaddr, int32_t *result);

#endif
