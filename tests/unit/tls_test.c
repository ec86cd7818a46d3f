/* tls_test.c - set_thread_area() and get_thread_area() (tls.h) case by
 * case against a user memory whose valid part is one range: the result,
 * the three descriptors after, the entry number stored back, and which
 * kernel routine faulted.  The cases are those testdata/replay/programs/
 * rp-tls.s makes in the i386 VM, whose results the real kernel gave,
 * and the descriptors fill_ldt() builds for glibc's user_desc. */
#include <config.h>

#include <errno.h>
#include <string.h>

#include "kernel_text.h"
#include "tap.h"
#include "tls.h"

enum { BASE = 0x1000, SIZE = 0x1000, LIMIT = 0xc0000000u,
       KADDR = 0xc0804ff0u };

/* User memory BASE..BASE+SIZE; any other address is a bad area (the
 * exception table's fixup), the routine that touched it noted. */
struct fake_user {
	uint32_t fault_eip;
	uint8_t memory[SIZE];
};

static int fake_access(void *ctx, uint32_t eip, enum mmu_access_type type,
		       uint32_t user, unsigned size, uint8_t *bytes)
{
	struct fake_user *f = ctx;

	if (user < BASE || user + size > BASE + SIZE) {
		if (f->fault_eip == 0)
			f->fault_eip = eip;
		return UACCESS_FIXUP;
	}
	if (type == MMU_WRITE)
		memcpy(f->memory + (user - BASE), bytes, size);
	else
		memcpy(bytes, f->memory + (user - BASE), size);
	return UACCESS_DONE;
}

/* glibc's TLS descriptor for a block at 0x0804a120 (flags 0x51: 32-bit,
 * limit in pages, useable) as fill_ldt() builds it: base 0x0804a120,
 * limit 0xfffff, type 3 (data, writable, accessed), S, DPL 3, P, AVL, D, G. */
#define GLIBC_DESC 0x08dff304a120ffffull

static const struct {
	const char *what;
	uint32_t entry, base, limit, flags;	/* the user_desc */
	uint32_t at;				/* its address (BASE: valid) */
	uint64_t before[TLS_ENTRIES];
	int32_t result;
	uint32_t stored;			/* entry_number after */
	uint64_t after[TLS_ENTRIES];
	uint32_t fault;				/* the faulting routine */
} set_cases[] = {
	{ "glibc's: entry -1 takes 6, stored back", (uint32_t)-1,
	  0x0804a120, 0xfffff, 0x51, BASE, { 0 }, 0, 6,
	  { GLIBC_DESC, 0, 0 }, 0 },
	{ "entry -1 takes the first empty one", (uint32_t)-1, 0x0804a120,
	  0xfffff, 0x51, BASE, { 1, 0, 3 }, 0, 7, { 1, GLIBC_DESC, 3 }, 0 },
	{ "entry -1, none empty: ESRCH", (uint32_t)-1, 0x0804a120, 0xfffff,
	  0x51, BASE, { 1, 2, 3 }, -ESRCH, (uint32_t)-1, { 1, 2, 3 }, 0 },
	{ "entry 8 named", 8, 0x2000, 0xff, 0x01, BASE, { 0 }, 0, 8,
	  { 0, 0, 0x0040f30020000000ull | 0xff }, 0 },
	{ "entry 5: EINVAL", 5, 0x0804a120, 0xfffff, 0x51, BASE, { 0 },
	  -EINVAL, 5, { 0 }, 0 },
	{ "entry 9: EINVAL", 9, 0x0804a120, 0xfffff, 0x51, BASE, { 0 },
	  -EINVAL, 9, { 0 }, 0 },
	{ "a 16-bit segment: EINVAL", (uint32_t)-1, 0x0804a120, 0xfffff,
	  0x50, BASE, { 0 }, -EINVAL, (uint32_t)-1, { 0 }, 0 },
	{ "not present: EINVAL", (uint32_t)-1, 0x0804a120, 0xfffff, 0x71,
	  BASE, { 0 }, -EINVAL, (uint32_t)-1, { 0 }, 0 },
	{ "a code segment (contents 2): EINVAL", (uint32_t)-1, 0x0804a120,
	  0xfffff, 0x55, BASE, { 0 }, -EINVAL, (uint32_t)-1, { 0 }, 0 },
	{ "LDT_empty(): the entry cleared", 8, 0, 0, 0x28, BASE, { 1, 2, 3 },
	  0, 8, { 1, 2, 0 }, 0 },
	{ "LDT_zero(): the entry cleared", 7, 0, 0, 0, BASE, { 1, 2, 3 },
	  0, 7, { 1, 0, 3 }, 0 },
	{ "a bad pointer: EFAULT at copy_from_user()", 6, 0, 0, 0, 0x8000,
	  { 0 }, -EFAULT, 0, { 0 }, KTEXT_COPY_USER_LL + CUL_MOVSL },
	{ "a kernel address: access_ok() refuses, no access", 6, 0, 0, 0,
	  0xc0001000u, { 0 }, -EFAULT, 0, { 0 }, 0 },
};

static void put_desc(struct fake_user *f, uint32_t entry, uint32_t base,
		     uint32_t limit, uint32_t flags)
{
	struct tls_user_desc info;
	uint8_t bytes[TLS_USER_DESC_SIZE];

	memcpy(bytes, &entry, 4);
	memcpy(bytes + 4, &base, 4);
	memcpy(bytes + 8, &limit, 4);
	memcpy(bytes + 12, &flags, 4);
	tls_user_desc_decode(bytes, &info);
	tls_user_desc_encode(&info, f->memory);
}

static void test_set(void)
{
	for (size_t i = 0; i < sizeof set_cases / sizeof set_cases[0]; i++) {
		struct fake_user f = { 0 };
		const struct uaccess u = { fake_access, &f, 7 };
		uint64_t tls[TLS_ENTRIES];
		uint32_t stored;
		int32_t result = 1;
		int rc;

		memcpy(tls, set_cases[i].before, sizeof tls);
		put_desc(&f, set_cases[i].entry, set_cases[i].base,
			 set_cases[i].limit, set_cases[i].flags);
		rc = tls_set_thread_area(&u, tls, set_cases[i].at, LIMIT,
					 KADDR, &result);
		memcpy(&stored, f.memory, 4);
		tap_ok(rc == 0, "set %s: done", set_cases[i].what);
		tap_eq_u64((uint64_t)(int64_t)result,
			   (uint64_t)(int64_t)set_cases[i].result,
			   "set %s: result", set_cases[i].what);
		for (unsigned e = 0; e < TLS_ENTRIES; e++)
			tap_eq_u64(tls[e], set_cases[i].after[e],
				   "set %s: entry %u", set_cases[i].what,
				   e + TLS_ENTRY_MIN);
		if (set_cases[i].at == BASE)
			tap_eq_u64(stored, set_cases[i].stored,
				   "set %s: entry_number", set_cases[i].what);
		tap_eq_u64(f.fault_eip, set_cases[i].fault,
			   "set %s: the faulting routine", set_cases[i].what);
	}
}

/* get_thread_area(): fill_user_desc() of the entry, or the errors. */
static const struct {
	const char *what;
	uint32_t entry, at;
	uint64_t desc;			/* the entry's descriptor */
	int32_t result;
	uint32_t base, limit, flags;	/* what is written back */
	uint32_t fault;
} get_cases[] = {
	{ "glibc's", 6, BASE, GLIBC_DESC, 0, 0x0804a120, 0xfffff, 0x51, 0 },
	{ "an empty entry: read_exec_only, seg_not_present", 8, BASE, 0, 0,
	  0, 0, 0x28, 0 },
	{ "entry 9: EINVAL", 9, BASE, 0, -EINVAL, 0, 0, 0, 0 },
	{ "a bad pointer: EFAULT at get_user()", 6, 0, 0, -EFAULT, 0, 0, 0,
	  KTEXT_GET_USER_4 + 0x10 },
};

static void test_get(void)
{
	for (size_t i = 0; i < sizeof get_cases / sizeof get_cases[0]; i++) {
		struct fake_user f = { 0 };
		const struct uaccess u = { fake_access, &f, 7 };
		uint64_t tls[TLS_ENTRIES] = { 0 };
		uint32_t words[4];
		int32_t result = 1;

		if (get_cases[i].entry >= 6 && get_cases[i].entry <= 8)
			tls[get_cases[i].entry - 6] = get_cases[i].desc;
		memcpy(f.memory, &get_cases[i].entry, 4);
		tap_ok(tls_get_thread_area(&u, tls, get_cases[i].at, LIMIT,
					   KADDR, &result) == 0,
		       "get %s: done", get_cases[i].what);
		tap_eq_u64((uint64_t)(int64_t)result,
			   (uint64_t)(int64_t)get_cases[i].result,
			   "get %s: result", get_cases[i].what);
		memcpy(words, f.memory, sizeof words);
		if (get_cases[i].result == 0) {
			tap_eq_u64(words[1], get_cases[i].base, "get %s: base",
				   get_cases[i].what);
			tap_eq_u64(words[2], get_cases[i].limit,
				   "get %s: limit", get_cases[i].what);
			tap_eq_u64(words[3], get_cases[i].flags,
				   "get %s: flags", get_cases[i].what);
		}
		tap_eq_u64(f.fault_eip, get_cases[i].fault,
			   "get %s: the faulting routine", get_cases[i].what);
	}
}

/* What a segment load may use: present, a code or data segment, DPL 3. */
static void test_usable(void)
{
	tap_ok(tls_descriptor_usable(GLIBC_DESC), "glibc's descriptor loads");
	tap_ok(!tls_descriptor_usable(0), "an empty one does not");
	tap_ok(!tls_descriptor_usable(GLIBC_DESC & ~(1ull << 47)),
	       "a not-present one does not");
	tap_eq_u64(tls_descriptor_base(GLIBC_DESC), 0x0804a120,
		   "its base");
}

int main(void)
{
	test_set();
	test_get();
	test_usable();
	return tap_done();
}
