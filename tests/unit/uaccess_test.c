/* uaccess_test.c - __copy_user_ll()'s and clear_user()'s accesses and
 * fixups, case by case,
 * against a user memory whose valid part is one range: which instruction
 * faults at which address, and what the fixup counts as not copied.  The
 * VM's traces of the real 6.1 686 kernel showed the same EIPs
 * (testdata/replay/programs, kernel-copy). */
#include <config.h>

#include <errno.h>
#include <string.h>

#include "kernel_text.h"
#include "tap.h"
#include "uaccess.h"

/* User memory: [valid_start, valid_end) accessible, the rest a bad area
 * (the kernel finds no VMA: the exception table's fixup). */
struct fake_user {
	uint32_t valid_start, valid_end;
	uint32_t fault_eip, fault_addr;	/* the first fixup */
	unsigned accesses;
	uint8_t memory[0x4000];		/* user 0x1000..0x5000 */
};

static int fake_access(void *ctx, uint32_t eip, enum mmu_access_type type,
		       uint32_t user, unsigned size, uint8_t *bytes)
{
	struct fake_user *f = ctx;
	uint32_t bad = user < f->valid_start ? user
		       : user + size > f->valid_end ? (f->valid_end > user
			 ? f->valid_end : user) : 0;

	f->accesses++;
	if (bad != 0) {		/* the CPU faults at the first bad byte */
		if (f->fault_eip == 0) {
			f->fault_eip = eip;
			f->fault_addr = bad;
		}
		return UACCESS_FIXUP;
	}
	if (type == MMU_WRITE)
		memcpy(f->memory + (user - 0x1000), bytes, size);
	else
		memcpy(bytes, f->memory + (user - 0x1000), size);
	return UACCESS_DONE;
}

static const struct {
	const char *what;
	enum uaccess_direction dir;
	uint32_t user, kaddr_low, n;
	uint32_t valid_end;		/* valid from 0x1000 */
	uint32_t not_copied;
	uint32_t fault_offset;		/* in __copy_user_ll; 0: no fault */
	uint32_t fault_addr;
} cases[] = {
	{ "to user, all valid, aligned", UACCESS_TO_USER, 0x2000, 0, 100,
	  0x5000, 0, 0, 0 },
	{ "to user, 16 of 64 valid, movsl path (same alignment)",
	  UACCESS_TO_USER, 0x2ff0, 0, 64, 0x3000, 48, 0x40, 0x3000 },
	{ "to user, 16 of 64 valid, Intel path: the whole block",
	  UACCESS_TO_USER, 0x2ff0, 4, 64, 0x3000, 64, 0x78, 0x3000 },
	{ "to user, nothing valid: movsl's first dword",
	  UACCESS_TO_USER, 0x6000, 0, 16, 0x5000, 16, 0x40, 0x6000 },
	{ "to user, 7 bytes: rep movsb alone", UACCESS_TO_USER, 0x2ffd, 0, 7,
	  0x3000, 4, 0x44, 0x3000 },
	{ "to user, unaligned head: the alignment movsb", UACCESS_TO_USER,
	  0x2ffe, 6, 20, 0x2fff, 19, 0x35, 0x2fff },
	{ "to user, tail movsb after the dwords", UACCESS_TO_USER, 0x2ff0, 0,
	  19, 0x3002, 1, 0x44, 0x3002 },
	{ "from user, Intel path touches from+32 first", UACCESS_FROM_USER,
	  0x2ff0, 6, 64, 0x3000, 64, 0x50, 0x3010 },
	{ "from user, Intel path with more than 67 bytes touches from+64",
	  UACCESS_FROM_USER, 0x2fc0, 6, 128, 0x3000, 128, 0x58, 0x3000 },
	{ "from user, movsl path: exact to the dword", UACCESS_FROM_USER,
	  0x2ff0, 0, 64, 0x3000, 48, 0x40, 0x3000 },
	{ "from user, Intel path: second block fails, first counted",
	  UACCESS_FROM_USER, 0x2000, 3, 200, 0x2060, 136, 0x50, 0x2060 },
	{ "from user, Intel path: movsl of the rest under 64",
	  UACCESS_FROM_USER, 0x2000, 3, 100, 0x2050, 20, 0xd1, 0x2050 },
};

static void test_copy(void)
{
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		static struct fake_user f;
		const struct uaccess u = { fake_access, &f, 7 };
		uint8_t kbuf[256];
		uint32_t left = 0;
		int rc;

		memset(&f, 0, sizeof f);
		f.valid_start = 0x1000;
		f.valid_end = cases[i].valid_end;
		memset(kbuf, 0xab, sizeof kbuf);
		rc = uaccess_copy(&u, cases[i].dir, cases[i].user, kbuf,
				  0xc0100000 + cases[i].kaddr_low, cases[i].n,
				  &left);
		tap_ok(rc == 0 && left == cases[i].not_copied &&
		       (cases[i].fault_offset == 0
			? f.fault_eip == 0
			: f.fault_eip == KTEXT_COPY_USER_LL +
			  cases[i].fault_offset &&
			  f.fault_addr == cases[i].fault_addr),
		       "%s: %u not copied (want %u), fault at +%#x on %#x",
		       cases[i].what, left, cases[i].not_copied,
		       f.fault_eip ? f.fault_eip - KTEXT_COPY_USER_LL : 0,
		       f.fault_addr);
	}
}

/* copy_page_to_iter(): after a short copy, again from where it stopped. */
static void test_copy_page(void)
{
	static struct fake_user f;
	const struct uaccess u = { fake_access, &f, 7 };
	uint8_t kbuf[64];
	uint32_t copied;

	memset(&f, 0, sizeof f);
	f.valid_start = 0x1000;
	f.valid_end = 0x3000;
	memset(kbuf, 'k', sizeof kbuf);
	tap_ok(uaccess_copy_page(&u, UACCESS_TO_USER, 0x2ff0, kbuf, 0xc0100000,
				 64, &copied) == 0 && copied == 16,
	       "a movsl copy stopping at the end of memory: 16 copied");
	tap_ok(f.memory[0x1fff] == 'k', "the 16 bytes are in user memory");
	tap_eq_u64(f.accesses, 4 + 1 + 1,
		   "4 dwords, the faulting one, and the retry's first");
	memset(&f, 0, sizeof f);
	f.valid_start = 0x1000;
	f.valid_end = 0x3000;
	tap_ok(uaccess_copy_page(&u, UACCESS_TO_USER, 0x2ff0, kbuf, 0xc0100004,
				 64, &copied) == 0 && copied == 0,
	       "the Intel path's block: nothing counted, no retry");
	tap_ok(f.memory[0x1ff0] == 'k',
	       "though its first 16 bytes were stored");
}

/* clear_user(): stosl for n / 4 dwords, stosb for n % 4 bytes; a fixup
 * counts what is left (the VM's padzero faults: clear_user+0x2d for a
 * stosl, +0x31 for a stosb). */
static const struct {
	const char *what;
	uint32_t user, n, valid_end, not_cleared, fault_offset, fault_addr;
} clears[] = {
	{ "all valid: padzero of 080497f8's page", 0x27f8, 0x808, 0x5000, 0,
	  0, 0 },
	{ "3 bytes: stosb alone, the second fails", 0x2ffd, 3, 0x2ffe, 2, 0x31,
	  0x2ffe },
	{ "the dwords stop at the end: what is left, times 4, plus n % 4",
	  0x2ff0, 0x1f, 0x3000, 15, 0x2d, 0x3000 },
	{ "the stosb tail after the dwords", 0x2ff0, 0x13, 0x3002, 1, 0x31,
	  0x3002 },
	{ "nothing valid: all of it", 0x6000, 0x100, 0x5000, 0x100, 0x2d,
	  0x6000 },
	{ "access_ok refuses a range into the kernel's half: no access",
	  0xbffffff0, 0x20, 0x5000, 0x20, 0, 0 },
};

static void test_clear(void)
{
	for (size_t i = 0; i < sizeof clears / sizeof clears[0]; i++) {
		static struct fake_user f;
		const struct uaccess u = { fake_access, &f, 7 };
		uint32_t left = 0;
		int rc;

		memset(&f, 0, sizeof f);
		memset(f.memory, 0xab, sizeof f.memory);
		f.valid_start = 0x1000;
		f.valid_end = clears[i].valid_end;
		rc = uaccess_clear(&u, clears[i].user, clears[i].n, 0xc0000000,
				   &left);
		tap_ok(rc == 0 && left == clears[i].not_cleared &&
		       (clears[i].fault_offset == 0
			? f.fault_eip == 0
			: f.fault_eip == KTEXT_CLEAR_USER +
			  clears[i].fault_offset &&
			  f.fault_addr == clears[i].fault_addr),
		       "clear_user, %s: %u left (want %u), fault at +%#x on %#x",
		       clears[i].what, left, clears[i].not_cleared,
		       f.fault_eip ? f.fault_eip - KTEXT_CLEAR_USER : 0,
		       f.fault_addr);
	}
}

/* strncpy_from_user(): the word loop, its fixup to the byte loop, and
 * EFAULT from the byte loop (the VM: +0x75, then +0xd8). */
static void test_strncpy(void)
{
	static struct fake_user f;
	const struct uaccess u = { fake_access, &f, 7 };
	uint8_t kbuf[64];
	int32_t length;

	memset(&f, 0, sizeof f);
	f.valid_start = 0x1000;
	f.valid_end = 0x3000;
	memcpy(f.memory + 0x1ffd - 0x1000, "ab", 3);	/* "ab\0" at 0x1ffd */
	tap_ok(uaccess_strncpy(&u, 0x1ffd, kbuf, 64, 0xc0000000, &length) == 0 &&
	       length == 2 && f.fault_eip == 0 && f.accesses == 1,
	       "a path in one word: length 2, one access");
	memset(&f, 0, sizeof f);
	f.valid_start = 0x1000;
	f.valid_end = 0x3000;
	memcpy(f.memory + 0x2ffd - 0x1000, "ab", 3);	/* the NUL at 0x2fff */
	tap_ok(uaccess_strncpy(&u, 0x2ffd, kbuf, 64, 0xc0000000, &length) == 0 &&
	       length == 2 && f.fault_eip == KTEXT_STRNCPY_FROM_USER + SFU_WORD &&
	       f.fault_addr == 0x3000,
	       "the word read crosses into no VMA: fixed up, then byte by byte "
	       "to the NUL");
	memset(&f, 0, sizeof f);
	f.valid_start = 0x1000;
	f.valid_end = 0x3000;
	tap_ok(uaccess_strncpy(&u, 0x10000000, kbuf, 64, 0xc0000000, &length) == 0 &&
	       length == -EFAULT && f.accesses == 2,
	       "a bad pointer: the word, then the byte, then EFAULT");
	tap_ok(uaccess_strncpy(&u, 0xc0000000, kbuf, 64, 0xc0000000, &length) == 0 &&
	       length == -EFAULT, "at PAGE_OFFSET: EFAULT without an access");
	memset(&f, 0, sizeof f);
	f.valid_start = 0x1000;
	f.valid_end = 0x3000;
	memset(f.memory, 'x', 0x2000);
	tap_ok(uaccess_strncpy(&u, 0x1000, kbuf, 16, 0xc0000000, &length) == 0 &&
	       length == 16, "no NUL within the count: the count");
}

/* fault_in_readable(): the first byte when unaligned (+0x3a), then each
 * page's first (+0x60); a fixup ends it. */
static void test_fault_in(void)
{
	static struct fake_user f;
	const struct uaccess u = { fake_access, &f, 7 };
	uint32_t left;

	memset(&f, 0, sizeof f);
	f.valid_start = 0x1000;
	f.valid_end = 0x5000;
	tap_ok(uaccess_fault_in_readable(&u, 0x1ff0, 0x20, 0xc0000000,
					 &left) == 0 && left == 0 &&
	       f.accesses == 2, "an unaligned buffer over two pages: 2 reads");
	memset(&f, 0, sizeof f);
	f.valid_start = 0x1000;
	f.valid_end = 0x2000;
	tap_ok(uaccess_fault_in_readable(&u, 0x1000, 0x2000, 0xc0000000,
					 &left) == 0 && left == 0x1000 &&
	       f.fault_eip == KTEXT_FAULT_IN_READABLE + FIR_PAGE &&
	       f.fault_addr == 0x2000,
	       "the second page has no VMA: its 4096 bytes not faulted in");
	memset(&f, 0, sizeof f);
	tap_ok(uaccess_fault_in_readable(&u, 0x6001, 8, 0xc0000000, &left) == 0 &&
	       left == 8 && f.fault_eip == KTEXT_FAULT_IN_READABLE + FIR_FIRST,
	       "nothing valid, unaligned: the first read fails, all left");
}

static void test_access_ok(void)
{
	tap_ok(uaccess_ok(0xbffffff0, 16, 0xc0000000),
	       "access_ok: a range ending at PAGE_OFFSET");
	tap_ok(!uaccess_ok(0xbffffff0, 17, 0xc0000000),
	       "access_ok: one byte into the kernel's half");
	tap_ok(uaccess_ok(0xc0000000, 0, 0xc0000000),
	       "access_ok: an empty range at PAGE_OFFSET");
	tap_ok(!uaccess_ok(0x10, 0xfffffff8, 0xc0000000),
	       "access_ok: a size that wraps");
}

static void test_kernel_text(void)
{
	uint32_t eip, fixup;
	char name[64];

	tap_ok(kernel_text_fixup(KTEXT_COPY_USER_LL + 0x40, &fixup) &&
	       fixup == KTEXT_COPY_USER_LL + 0x46,
	       "rep movsl resumes at label 2");
	tap_ok(kernel_text_fixup(KTEXT_COPY_USER_LL + 0x78, &fixup) &&
	       fixup == KTEXT_COPY_USER_LL + 0xd7,
	       "an Intel block's store resumes at label 100");
	tap_ok(!kernel_text_fixup(KTEXT_COPY_USER_LL + 0x14, &fixup),
	       "the size check is no user access: no entry");
	tap_ok(!kernel_text_fixup(KTEXT_UNNAMED, &fixup),
	       "outside the copy routine: no entry");
	tap_eq_str(kernel_text_symbolize(KTEXT_COPY_USER_LL + 0x40, name,
					 sizeof name),
		   "__copy_user_ll+0x40/0xe0", "%%pS inside the routine");
	tap_eq_str(kernel_text_symbolize(KTEXT_UNNAMED, name, sizeof name),
		   "0xc0005000", "%%pS outside every routine");
	tap_ok(kernel_text_lookup("__copy_user_ll+0x44", &eip) &&
	       eip == KTEXT_COPY_USER_LL + 0x44, "NAME+OFFSET looked up");
	tap_ok(!kernel_text_lookup("__copy_user_ll+0xe0", &eip),
	       "an offset past the routine names nothing");
	tap_ok(kernel_text_fixup(KTEXT_CLEAR_USER + CLU_STOSB, &fixup) &&
	       fixup == KTEXT_CLEAR_USER + CLU_FIXUP,
	       "clear_user's rep stosb resumes at label 2");
	tap_eq_str(kernel_text_symbolize(KTEXT_CLEAR_USER + 0x2d, name,
					 sizeof name),
		   "clear_user+0x2d/0x43", "%%pS in clear_user");
	tap_ok(!kernel_text_lookup("track2lba+0x27", &eip),
	       "a routine elfault does not model");
}

int main(void)
{
	test_copy();
	test_copy_page();
	test_clear();
	test_strncpy();
	test_fault_in();
	test_access_ok();
	test_kernel_text();
	return tap_done();
}
