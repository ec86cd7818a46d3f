/* tls.c - set_thread_area() and get_thread_area() (tls.h), as
 * arch/x86/kernel/tls.c and arch/x86/include/asm/desc.h have them. */
#include <config.h>

#include <errno.h>

#include "tls.h"

/* The user_desc flags word's bits (include/uapi/asm/ldt.h). */
enum {
	UD_SEG_32BIT = 1u << 0, UD_CONTENTS_SHIFT = 1,
	UD_READ_EXEC_ONLY = 1u << 3, UD_LIMIT_IN_PAGES = 1u << 4,
	UD_SEG_NOT_PRESENT = 1u << 5, UD_USEABLE = 1u << 6,
};

/* struct desc_struct's fields, as bit positions in its 8 bytes. */
enum {
	DESC_TYPE_SHIFT = 40, DESC_S = 44, DESC_DPL_SHIFT = 45, DESC_P = 47,
	DESC_LIMIT1_SHIFT = 48, DESC_AVL = 52, DESC_D = 54, DESC_G = 55,
	DESC_BASE2_SHIFT = 56,
};

static uint32_t get32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

static void put32(uint8_t *p, uint32_t v)
{
	for (unsigned i = 0; i < 4; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

void tls_user_desc_decode(const uint8_t bytes[TLS_USER_DESC_SIZE],
			  struct tls_user_desc *info)
{
	uint32_t flags = get32(bytes + 12);

	info->entry_number = get32(bytes);
	info->base_addr = get32(bytes + 4);
	info->limit = get32(bytes + 8);
	info->seg_32bit = flags & UD_SEG_32BIT;
	info->contents = (flags >> UD_CONTENTS_SHIFT) & 3;
	info->read_exec_only = flags & UD_READ_EXEC_ONLY;
	info->limit_in_pages = flags & UD_LIMIT_IN_PAGES;
	info->seg_not_present = flags & UD_SEG_NOT_PRESENT;
	info->useable = flags & UD_USEABLE;
}

void tls_user_desc_encode(const struct tls_user_desc *info,
			  uint8_t bytes[TLS_USER_DESC_SIZE])
{
	uint32_t flags = (info->seg_32bit ? UD_SEG_32BIT : 0) |
			 info->contents << UD_CONTENTS_SHIFT |
			 (info->read_exec_only ? UD_READ_EXEC_ONLY : 0) |
			 (info->limit_in_pages ? UD_LIMIT_IN_PAGES : 0) |
			 (info->seg_not_present ? UD_SEG_NOT_PRESENT : 0) |
			 (info->useable ? UD_USEABLE : 0);

	put32(bytes, info->entry_number);
	put32(bytes + 4, info->base_addr);
	put32(bytes + 8, info->limit);
	put32(bytes + 12, flags);
}

/* LDT_empty() and LDT_zero() (arch/x86/include/asm/desc.h). */
static bool ldt_empty(const struct tls_user_desc *i)
{
	return i->base_addr == 0 && i->limit == 0 && i->contents == 0 &&
	       i->read_exec_only && !i->seg_32bit && !i->limit_in_pages &&
	       i->seg_not_present && !i->useable;
}

static bool ldt_zero(const struct tls_user_desc *i)
{
	return i->base_addr == 0 && i->limit == 0 && i->contents == 0 &&
	       !i->read_exec_only && !i->seg_32bit && !i->limit_in_pages &&
	       !i->seg_not_present && !i->useable;
}

bool tls_desc_okay(const struct tls_user_desc *info)
{
	if (ldt_empty(info) || ldt_zero(info))
		return true;
	/* espfix works for LDT segments only: no 16-bit ones; data
	 * segments only; and no not-present DPL 3 segment. */
	return info->seg_32bit && info->contents <= 1 &&
	       !info->seg_not_present;
}

/* fill_ldt(): the accessed bit set, S=1, DPL 3, never the L bit. */
uint64_t tls_descriptor(const struct tls_user_desc *i)
{
	uint64_t type = (uint64_t)(!i->read_exec_only) << 1 |
			(uint64_t)i->contents << 2 | 1;

	if (ldt_empty(i) || ldt_zero(i))
		return 0;
	return (i->limit & 0xffffu) | (uint64_t)(i->base_addr & 0xffffffu) << 16 |
	       type << DESC_TYPE_SHIFT | 1ull << DESC_S |
	       3ull << DESC_DPL_SHIFT |
	       (uint64_t)!i->seg_not_present << DESC_P |
	       (uint64_t)((i->limit >> 16) & 0xf) << DESC_LIMIT1_SHIFT |
	       (uint64_t)i->useable << DESC_AVL |
	       (uint64_t)i->seg_32bit << DESC_D |
	       (uint64_t)i->limit_in_pages << DESC_G |
	       (uint64_t)(i->base_addr >> 24) << DESC_BASE2_SHIFT;
}

uint32_t tls_descriptor_base(uint64_t desc)
{
	return (uint32_t)((desc >> 16) & 0xffffff) |
	       (uint32_t)(desc >> DESC_BASE2_SHIFT) << 24;
}

bool tls_descriptor_usable(uint64_t desc)
{
	return (desc >> DESC_P & 1) && (desc >> DESC_S & 1) &&
	       ((desc >> DESC_DPL_SHIFT) & 3) == 3;
}

void tls_user_desc_of(uint64_t desc, uint32_t idx, struct tls_user_desc *info)
{
	unsigned type = (desc >> DESC_TYPE_SHIFT) & 0xf;

	*info = (struct tls_user_desc){
		.entry_number = idx,
		.base_addr = tls_descriptor_base(desc),
		.limit = (uint32_t)(desc & 0xffff) |
			 (uint32_t)((desc >> DESC_LIMIT1_SHIFT) & 0xf) << 16,
		.seg_32bit = desc >> DESC_D & 1,
		.contents = type >> 2,
		.read_exec_only = !(type & 2),
		.limit_in_pages = desc >> DESC_G & 1,
		.seg_not_present = !(desc >> DESC_P & 1),
		.useable = desc >> DESC_AVL & 1,
	};
}

/* get_free_idx(): the first entry whose descriptor is empty
 * (desc_empty(): both words 0), or -ESRCH. */
static int32_t free_index(const uint64_t tls[TLS_ENTRIES])
{
	for (int32_t i = 0; i < TLS_ENTRIES; i++)
		if (tls[i] == 0)
			return i + TLS_ENTRY_MIN;
	return -ESRCH;
}

static bool valid_index(int32_t idx)
{
	return idx >= TLS_ENTRY_MIN && idx < TLS_ENTRY_MIN + TLS_ENTRIES;
}

int tls_set_thread_area(const struct uaccess *u, uint64_t tls[TLS_ENTRIES],
			uint32_t user, uint32_t limit, uint32_t kaddr,
			int32_t *result)
{
	uint8_t bytes[TLS_USER_DESC_SIZE] = { 0 };
	struct tls_user_desc info;
	uint32_t left = TLS_USER_DESC_SIZE;
	int32_t idx;
	bool failed = false;
	int rc = 0;

	*result = -EFAULT;
	if (uaccess_ok(user, TLS_USER_DESC_SIZE, limit))
		rc = uaccess_copy(u, UACCESS_FROM_USER, user, bytes, kaddr,
				  TLS_USER_DESC_SIZE, &left);
	if (rc != 0 || left != 0)
		return rc;
	tls_user_desc_decode(bytes, &info);
	*result = -EINVAL;
	if (!tls_desc_okay(&info))
		return 0;
	idx = (int32_t)info.entry_number;
	if (idx == -1) {	/* the kernel picks: the first empty entry */
		*result = idx = free_index(tls);
		if (idx < 0)
			return 0;
		rc = uaccess_put_user(u, user, (uint32_t)idx, limit, &failed);
		*result = failed ? -EFAULT : -EINVAL;
		if (rc != 0 || failed)
			return rc;
	}
	if (!valid_index(idx))
		return 0;
	tls[idx - TLS_ENTRY_MIN] = tls_descriptor(&info);
	*result = 0;
	return 0;
}

int tls_get_thread_area(const struct uaccess *u,
			const uint64_t tls[TLS_ENTRIES], uint32_t user,
			uint32_t limit, uint32_t kaddr, int32_t *result)
{
	uint8_t bytes[TLS_USER_DESC_SIZE];
	struct tls_user_desc info;
	uint32_t idx, left = TLS_USER_DESC_SIZE;
	bool failed;
	int rc = uaccess_get_user(u, user, &idx, limit, &failed);

	*result = -EFAULT;
	if (rc != 0 || failed)
		return rc;
	*result = -EINVAL;
	if (!valid_index((int32_t)idx))
		return 0;
	tls_user_desc_of(tls[idx - TLS_ENTRY_MIN], idx, &info);
	tls_user_desc_encode(&info, bytes);
	*result = -EFAULT;
	if (uaccess_ok(user, TLS_USER_DESC_SIZE, limit))
		rc = uaccess_copy(u, UACCESS_TO_USER, user, bytes, kaddr,
				  TLS_USER_DESC_SIZE, &left);
	if (rc == 0 && left == 0)
		*result = 0;
	return rc;
}
