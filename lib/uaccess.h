/* uaccess.h - the kernel reading and writing user memory (i386, 6.1).
 *
 * A system call that moves data through a user pointer first checks the
 * range with access_ok() - a range that reaches the kernel's half is
 * refused with EFAULT before any access - and then copies with
 * copy_to_user()/copy_from_user(), which end in __copy_user_ll()
 * (kernel_text.h has its two paths).  Each instruction's user-side
 * access runs on the MMU in supervisor mode: a fault on it goes to the
 * kernel's fault handler, which either resolves it (the instruction is
 * restarted and the copy goes on), or finds the instruction in the
 * exception table and resumes at its fixup, so that the routine returns
 * how many bytes it did not copy.
 *
 * The caller supplies that access (struct uaccess): uaccess models which
 * accesses the routine makes, in what order, from which EIP, and what
 * its fixups count; the caller models the faults.
 */
#ifndef ELFAULT_UACCESS_H
#define ELFAULT_UACCESS_H

#include <stdbool.h>
#include <stdint.h>

#include "mmu.h"

enum uaccess_direction { UACCESS_TO_USER, UACCESS_FROM_USER };

/* How one access by a kernel instruction ended. */
enum uaccess_end {
	UACCESS_DONE = 0,	/* made, after any faults the kernel resolved */
	UACCESS_FIXUP = 1,	/* a fault ended at the exception table's fixup */
	UACCESS_DEAD = 2,	/* a fault ended in an Oops: the task is dead */
};

/* Make the access of SIZE bytes at USER by the instruction at EIP;
 * BYTES supplies (MMU_WRITE) or receives (MMU_READ) them.  Returns an
 * enum uaccess_end, or -1 on an error. */
typedef int uaccess_access_fn(void *ctx, uint32_t eip,
			      enum mmu_access_type type, uint32_t user,
			      unsigned size, uint8_t *bytes);

struct uaccess {
	uaccess_access_fn *access;
	void *ctx;
	uint32_t movsl_mask;	/* movsl_mask.mask: 7 on Pentium Pro and up
				 * (arch/x86/kernel/cpu/intel.c) */
};

/* access_ok(ADDR, SIZE) (include/asm-generic/access_ok.h): the range
 * ends at or below LIMIT (TASK_SIZE_MAX, PAGE_OFFSET on i386). */
bool uaccess_ok(uint32_t addr, uint32_t size, uint32_t limit);

/* __copy_user_ll() of N bytes between user address USER and the kernel
 * buffer KBUF, whose kernel address is KADDR (its low bits choose the
 * path).  Returns 0 with *NOT_COPIED set, UACCESS_DEAD when an access
 * ended in an Oops, or -1 on an error. */
int uaccess_copy(const struct uaccess *u, enum uaccess_direction dir,
		 uint32_t user, uint8_t *kbuf, uint32_t kaddr, uint32_t n,
		 uint32_t *not_copied);

/* clear_user() of N bytes at USER: access_ok() (LIMIT as for
 * uaccess_ok()), then stosl and stosb (kernel_text.h).  Returns 0 with
 * *NOT_CLEARED set (N when access_ok() refused), UACCESS_DEAD, or -1 on
 * an error. */
int uaccess_clear(const struct uaccess *u, uint32_t user, uint32_t n,
		  uint32_t limit, uint32_t *not_cleared);

/* strncpy_from_user() of at most COUNT bytes from USER into KBUF (COUNT
 * bytes): words while 4 or more bytes may be read, then bytes (also
 * after a fault in the word loop); no more than LIMIT - USER bytes.
 * Returns 0 with *LENGTH set - the string's length (without the NUL), or
 * COUNT when none came within COUNT bytes, or -EFAULT - UACCESS_DEAD, or
 * -1 on an error. */
int uaccess_strncpy(const struct uaccess *u, uint32_t user, uint8_t *kbuf,
		    uint32_t count, uint32_t limit, int32_t *length);

/* fault_in_readable(USER, SIZE): access_ok() (LIMIT), then one byte read
 * per page - the first byte when USER does not start a page, then each
 * page's first - each fault handled as usual, a fixup ending the loop.
 * Returns 0 with *LEFT the bytes not faulted in (SIZE when access_ok()
 * refused), UACCESS_DEAD, or -1 on an error. */
int uaccess_fault_in_readable(const struct uaccess *u, uint32_t user,
			      uint32_t size, uint32_t limit, uint32_t *left);

/* put_user(VALUE, USER) of 4 bytes: __put_user_4's range check (the 4
 * bytes below LIMIT), then __put_user_nocheck_4's store.  Returns 0 with
 * *FAILED set when it was refused or fixed up (EFAULT), UACCESS_DEAD,
 * or -1 on an error. */
int uaccess_put_user(const struct uaccess *u, uint32_t user, uint32_t value,
		     uint32_t limit, bool *failed);

/* put_user(VALUE, USER) of 8 bytes: __put_user_8's range check, then
 * __put_user_nocheck_8's two stores (the low word first).  As
 * uaccess_put_user(). */
int uaccess_put_user8(const struct uaccess *u, uint32_t user, uint64_t value,
		      uint32_t limit, bool *failed);

/* unsafe_put_user() of 4 bytes: the store at EIP, inlined in its
 * caller, which checked the range first (user_write_access_begin()).
 * Returns 0 with *FAILED set when it was fixed up, UACCESS_DEAD, or -1. */
int uaccess_unsafe_put_user(const struct uaccess *u, uint32_t eip,
			    uint32_t user, uint32_t value, bool *failed);

/* get_user() of 4 bytes at USER into *VALUE (0 when it fails):
 * __get_user_4's range check, then its load.  Returns 0 with *FAILED set
 * when refused or fixed up (EFAULT), UACCESS_DEAD, or -1. */
int uaccess_get_user(const struct uaccess *u, uint32_t user, uint32_t *value,
		     uint32_t limit, bool *failed);

/* strnlen_user(USER, COUNT): the string's length with its NUL, COUNT + 1
 * when it is longer, 0 when a fault was fixed up or LIMIT (TASK_SIZE)
 * cut it.  Into *LENGTH; returns 0, UACCESS_DEAD, or -1. */
int uaccess_strnlen(const struct uaccess *u, uint32_t user, uint32_t count,
		    uint32_t limit, uint32_t *length);

/* copy_page_to_iter()/copy_page_from_iter() (lib/iov_iter.c) with a
 * single user buffer: __copy_user_ll() and, after a partial copy, again
 * from where it stopped, until all is copied or a call copies nothing.
 * Returns 0 with *COPIED set, UACCESS_DEAD, or -1 on an error. */
int uaccess_copy_page(const struct uaccess *u, enum uaccess_direction dir,
		      uint32_t user, uint8_t *kbuf, uint32_t kaddr, uint32_t n,
		      uint32_t *copied);

#endif
