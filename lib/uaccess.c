/* uaccess.c - __copy_user_ll() instruction by instruction. */
#include <config.h>

#include <errno.h>

#include "kernel_text.h"
#include "uaccess.h"

/* One copy in progress: user and kernel side, the direction. */
struct copy {
	const struct uaccess *u;
	enum uaccess_direction dir;
	uint32_t user;
	uint8_t *kbuf;
};

bool uaccess_ok(uint32_t addr, uint32_t size, uint32_t limit)
{
	return size <= limit && addr <= limit - size;
}

/* The user-side access of a "movs" element: SIZE bytes at POS of the
 * copy, by the instruction at OFFSET in __copy_user_ll. */
static int movs(const struct copy *c, uint32_t offset, uint32_t pos,
		unsigned size)
{
	return c->u->access(c->u->ctx, KTEXT_COPY_USER_LL + offset,
			    c->dir == UACCESS_TO_USER ? MMU_WRITE : MMU_READ,
			    c->user + pos, size, c->kbuf + pos);
}

/* COUNT elements of SIZE bytes from *POS by the instruction at OFFSET.
 * On a fixup, *LEFT is what the fixup counts as not copied: the elements
 * not moved, and AFTER more bytes. */
static int movs_run(const struct copy *c, uint32_t offset, uint32_t *pos,
		    uint32_t count, unsigned size, uint32_t after,
		    uint32_t *left)
{
	for (uint32_t i = 0; i < count; i++, *pos += size) {
		int rc = movs(c, offset, *pos, size);

		if (rc == UACCESS_FIXUP) {
			*left = (count - i) * size + after;
			return UACCESS_FIXUP;
		}
		if (rc != UACCESS_DONE)
			return rc;
	}
	return UACCESS_DONE;
}

/* __copy_user(): movsb to align the destination to 8, movsl, movsb. */
static int copy_movsl(const struct copy *c, uint32_t to, uint32_t n,
		      uint32_t *left)
{
	uint32_t pos = 0, head, rest;
	int rc;

	if (n <= 7)
		return movs_run(c, CUL_MOVSB_TAIL, &pos, n, 1, 0, left);
	head = -to & 7;
	rest = n - head;
	if ((rc = movs_run(c, CUL_MOVSB_ALIGN, &pos, head, 1, rest, left)) ||
	    (rc = movs_run(c, CUL_MOVSL, &pos, rest >> 2, 4, rest & 3, left)))
		return rc;
	return movs_run(c, CUL_MOVSB_TAIL, &pos, rest & 3, 1, 0, left);
}

/* One 64-byte block of __copy_user_intel() at POS: the touches of
 * from+32 (and from+64 when more than 67 bytes are left), then eight
 * pairs of loads and stores.  Only the user side is an access. */
static int intel_block(const struct copy *c, uint32_t pos, uint32_t size)
{
	uint8_t scratch[4];
	int rc;

	if (c->dir == UACCESS_FROM_USER) {
		rc = c->u->access(c->u->ctx, KTEXT_COPY_USER_LL +
				  CUL_INTEL_TOUCH_32, MMU_READ,
				  c->user + pos + 32, 4, scratch);
		if (rc == UACCESS_DONE && size > 67)
			rc = c->u->access(c->u->ctx, KTEXT_COPY_USER_LL +
					  CUL_INTEL_TOUCH_64, MMU_READ,
					  c->user + pos + 64, 4, scratch);
		if (rc != UACCESS_DONE)
			return rc;
	}
	for (unsigned k = 0; k < 8; k++)
		for (unsigned j = 0; j < 4; j++) {
			bool store = j >= 2;

			if (store != (c->dir == UACCESS_TO_USER))
				continue;	/* the kernel side */
			rc = movs(c, kernel_text_intel_movl(k, j),
				  pos + 8 * k + 4 * (j & 1), 4);
			if (rc != UACCESS_DONE)
				return rc;
		}
	return UACCESS_DONE;
}

/* __copy_user_intel(): whole blocks, then movsl and movsb.  A fault in
 * a block leaves the block and all after it not copied. */
static int copy_intel(const struct copy *c, uint32_t n, uint32_t *left)
{
	uint32_t pos = 0, size = n;
	int rc;

	for (; size > 63; size -= 64, pos += 64) {
		rc = intel_block(c, pos, size);
		if (rc == UACCESS_FIXUP)
			*left = size;
		if (rc != UACCESS_DONE)
			return rc;
	}
	if ((rc = movs_run(c, CUL_INTEL_MOVSL, &pos, size >> 2, 4, size & 3,
			   left)))
		return rc;
	return movs_run(c, CUL_INTEL_MOVSB, &pos, size & 3, 1, 0, left);
}

int uaccess_copy(const struct uaccess *u, enum uaccess_direction dir,
		 uint32_t user, uint8_t *kbuf, uint32_t kaddr, uint32_t n,
		 uint32_t *not_copied)
{
	struct copy c = { .u = u, .dir = dir, .user = user, .kbuf = kbuf };
	uint32_t to = dir == UACCESS_TO_USER ? user : kaddr;
	uint32_t from = dir == UACCESS_TO_USER ? kaddr : user;
	int rc;

	*not_copied = 0;
	if (n > 63 && ((to ^ from) & u->movsl_mask))
		rc = copy_intel(&c, n, not_copied);
	else
		rc = copy_movsl(&c, to, n, not_copied);
	return rc == UACCESS_FIXUP ? 0 : rc;
}

/* COUNT stores of SIZE zero bytes from USER + *POS by clear_user's
 * instruction at OFFSET; on a fixup *LEFT is the stores left times SIZE
 * plus AFTER. */
static int stos_run(const struct uaccess *u, uint32_t offset, uint32_t user,
		    uint32_t *pos, uint32_t count, unsigned size,
		    uint32_t after, uint32_t *left)
{
	for (uint32_t i = 0; i < count; i++, *pos += size) {
		uint8_t zeros[4] = { 0 };
		int rc = u->access(u->ctx, KTEXT_CLEAR_USER + offset, MMU_WRITE,
				   user + *pos, size, zeros);

		if (rc == UACCESS_FIXUP) {
			*left = (count - i) * size + after;
			return UACCESS_FIXUP;
		}
		if (rc != UACCESS_DONE)
			return rc;
	}
	return UACCESS_DONE;
}

int uaccess_clear(const struct uaccess *u, uint32_t user, uint32_t n,
		  uint32_t limit, uint32_t *not_cleared)
{
	uint32_t pos = 0;
	int rc;

	*not_cleared = n;
	if (!uaccess_ok(user, n, limit))
		return 0;
	*not_cleared = 0;
	rc = stos_run(u, CLU_STOSL, user, &pos, n / 4, 4, n % 4, not_cleared);
	if (rc == UACCESS_DONE)
		rc = stos_run(u, CLU_STOSB, user, &pos, n % 4, 1, 0,
			      not_cleared);
	return rc == UACCESS_FIXUP ? 0 : rc;
}

/* do_strncpy_from_user()'s word loop: 0 with *DONE the string's length
 * (a NUL found), 1 to go on byte by byte from *POS, or an access's
 * UACCESS_DEAD or -1. */
static int strncpy_words(const struct uaccess *u, uint32_t user,
			 uint8_t *kbuf, uint32_t *pos, uint32_t *max,
			 int32_t *done)
{
	while (*max >= 4) {
		int rc = u->access(u->ctx, KTEXT_STRNCPY_FROM_USER + SFU_WORD,
				   MMU_READ, user + *pos, 4, kbuf + *pos);

		if (rc == UACCESS_FIXUP)
			return 1;
		if (rc != UACCESS_DONE)
			return rc;
		for (unsigned i = 0; i < 4; i++)
			if (kbuf[*pos + i] == 0) {
				*done = (int32_t)(*pos + i);
				return 0;
			}
		*pos += 4;
		*max -= 4;
	}
	return 1;
}

int uaccess_strncpy(const struct uaccess *u, uint32_t user, uint8_t *kbuf,
		    uint32_t count, uint32_t limit, int32_t *length)
{
	uint32_t pos = 0, max;
	int rc;

	*length = -EFAULT;
	if (count == 0) {
		*length = 0;
		return 0;
	}
	if (user >= limit)
		return 0;
	max = limit - user < count ? limit - user : count;
	rc = strncpy_words(u, user, kbuf, &pos, &max, length);
	if (rc <= 0)
		return rc;
	for (; max > 0; pos++, max--) {
		rc = u->access(u->ctx, KTEXT_STRNCPY_FROM_USER + SFU_BYTE,
			       MMU_READ, user + pos, 1, kbuf + pos);
		if (rc == UACCESS_FIXUP)
			return 0;		/* -EFAULT */
		if (rc != UACCESS_DONE)
			return rc;
		if (kbuf[pos] == 0) {
			*length = (int32_t)pos;
			return 0;
		}
	}
	/* No NUL: the whole count, or EFAULT when the limit cut it. */
	*length = pos >= count ? (int32_t)count : -EFAULT;
	return 0;
}

int uaccess_fault_in_readable(const struct uaccess *u, uint32_t user,
			      uint32_t size, uint32_t limit, uint32_t *left)
{
	uint64_t at = user, end = ((uint64_t)user + size + 4095) & ~4095ull;
	int rc = UACCESS_DONE;

	*left = size;
	if (size == 0) {
		*left = 0;
		return 0;
	}
	if (!uaccess_ok(user, size, limit))
		return 0;
	for (bool first = (user & 4095) != 0; at != end || first;
	     first = false) {
		uint8_t byte;

		rc = u->access(u->ctx, KTEXT_FAULT_IN_READABLE +
			       (first ? FIR_FIRST : FIR_PAGE), MMU_READ,
			       (uint32_t)at, 1, &byte);
		if (rc != UACCESS_DONE)
			break;
		at = first ? (at + 4095) & ~4095ull : at + 4096;
	}
	if (rc != UACCESS_DONE && rc != UACCESS_FIXUP)
		return rc;
	*left = at - user >= size ? 0 : size - (uint32_t)(at - user);
	return 0;
}

int uaccess_put_user(const struct uaccess *u, uint32_t user, uint32_t value,
		     uint32_t limit, bool *failed)
{
	uint8_t bytes[4] = { (uint8_t)value, (uint8_t)(value >> 8),
			     (uint8_t)(value >> 16), (uint8_t)(value >> 24) };
	int rc;

	*failed = true;
	if (!uaccess_ok(user, 4, limit))
		return 0;
	rc = u->access(u->ctx, KTEXT_PUT_USER_NOCHECK_4 + PUT_STORE, MMU_WRITE,
		       user, 4, bytes);
	*failed = rc == UACCESS_FIXUP;
	return rc == UACCESS_FIXUP ? 0 : rc;
}

int uaccess_put_user8(const struct uaccess *u, uint32_t user, uint64_t value,
		      uint32_t limit, bool *failed)
{
	uint8_t bytes[8];
	int rc;

	for (unsigned i = 0; i < 8; i++)
		bytes[i] = (uint8_t)(value >> (8 * i));
	*failed = true;
	if (!uaccess_ok(user, 8, limit))
		return 0;
	rc = u->access(u->ctx, KTEXT_PUT_USER_NOCHECK_8 + PUT8_STORE_LOW,
		       MMU_WRITE, user, 4, bytes);
	if (rc == UACCESS_DONE)
		rc = u->access(u->ctx, KTEXT_PUT_USER_NOCHECK_8 +
			       PUT8_STORE_HIGH, MMU_WRITE, user + 4, 4,
			       bytes + 4);
	*failed = rc == UACCESS_FIXUP;
	return rc == UACCESS_FIXUP ? 0 : rc;
}

int uaccess_unsafe_put_user(const struct uaccess *u, uint32_t eip,
			    uint32_t user, uint32_t value, bool *failed)
{
	uint8_t bytes[4] = { (uint8_t)value, (uint8_t)(value >> 8),
			     (uint8_t)(value >> 16), (uint8_t)(value >> 24) };
	int rc = u->access(u->ctx, eip, MMU_WRITE, user, 4, bytes);

	*failed = rc == UACCESS_FIXUP;
	return rc == UACCESS_FIXUP ? 0 : rc;
}

int uaccess_get_user(const struct uaccess *u, uint32_t user, uint32_t *value,
		     uint32_t limit, bool *failed)
{
	uint8_t b[4] = { 0 };
	int rc;

	*value = 0;
	*failed = true;
	if (!uaccess_ok(user, 4, limit))
		return 0;
	rc = u->access(u->ctx, KTEXT_GET_USER_4 + GET_LOAD, MMU_READ, user, 4,
		       b);
	*failed = rc == UACCESS_FIXUP;
	if (rc == UACCESS_DONE)
		*value = (uint32_t)b[0] | (uint32_t)b[1] << 8 |
			 (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
	return rc == UACCESS_FIXUP ? 0 : rc;
}

int uaccess_strnlen(const struct uaccess *u, uint32_t user, uint32_t count,
		    uint32_t limit, uint32_t *length)
{
	uint32_t align = user & 3, src = user - align, max, res = 0;
	uint32_t offset = SNU_FIRST;

	*length = 0;
	if (count == 0 || user >= limit)
		return 0;
	max = limit - user < count ? limit - user : count;
	for (max += align;; max -= 4, res += 4, offset = SNU_WORD) {
		uint8_t w[4];
		int rc = u->access(u->ctx, KTEXT_STRNLEN_USER + offset,
				   MMU_READ, src + res, 4, w);

		if (rc == UACCESS_FIXUP)
			return 0;		/* efault: 0 */
		if (rc != UACCESS_DONE)
			return rc;
		for (uint32_t i = res ? 0 : align; i < 4; i++)
			if (w[i] == 0) {
				*length = res + i + 1 - align;
				return 0;
			}
		if (max <= 4)
			break;
	}
	/* max reached: too long, or the address space's end (0) */
	*length = res + 4 - align >= count ? count + 1 : 0;
	return 0;
}

int uaccess_copy_page(const struct uaccess *u, enum uaccess_direction dir,
		      uint32_t user, uint8_t *kbuf, uint32_t kaddr, uint32_t n,
		      uint32_t *copied)
{
	*copied = 0;
	while (*copied < n) {
		uint32_t left, done;
		int rc = uaccess_copy(u, dir, user + *copied, kbuf + *copied,
				      kaddr + *copied, n - *copied, &left);

		if (rc != 0)
			return rc;
		done = n - *copied - left;
		*copied += done;
		if (done == 0)
			break;
	}
	return 0;
}
