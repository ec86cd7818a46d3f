/* vma_test.c - the VMA set: mapping over, unmapping, splitting, merging
 * and the top-down free-area search, case by case. */
#include <config.h>

#include "tap.h"
#include "vma.h"

#define P 0x1000u

static const struct mapped_file file_a = { .path = (char *)"/a" };
static const struct mapped_file file_b = { .path = (char *)"/b" };

/* A set as a string "start-end:flags ..." in pages, for comparing. */
static const char *describe(const struct vma_set *set)
{
	static char text[1024];
	size_t n = 0;

	text[0] = '\0';
	for (size_t i = 0; i < set->count && n < sizeof text - 40; i++) {
		const struct vma *v = &set->vmas[i];

		n += (size_t)snprintf(text + n, sizeof text - n, "%s%llx-%llx%s%s",
				      i ? " " : "",
				      (unsigned long long)(v->start / P),
				      (unsigned long long)(v->end / P),
				      v->kind == VMA_KIND_FILE ? "f" : "",
				      v->flags & VMA_WRITE ? "w" : "");
	}
	return text;
}

static struct vma anon(uint64_t start, uint64_t end, unsigned flags)
{
	struct vma v = { .start = start * P, .end = end * P, .flags = flags,
			 .kind = VMA_KIND_ANON };
	return v;
}

static struct vma filed(uint64_t start, uint64_t end, const struct mapped_file *f,
			uint64_t pgoff)
{
	struct vma v = { .start = start * P, .end = end * P, .flags = VMA_READ,
			 .kind = VMA_KIND_FILE, .file = f, .pgoff = pgoff };
	return v;
}

static void test_map_and_merge(void)
{
	struct vma_set set;
	struct vma v;

	vma_set_init(&set);
	v = anon(0x10, 0x20, VMA_READ | VMA_WRITE);
	vma_set_map(&set, &v, NULL);
	v = anon(0x20, 0x30, VMA_READ | VMA_WRITE);
	vma_set_map(&set, &v, NULL);
	tap_eq_str(describe(&set), "10-30w", "adjacent anonymous VMAs merge");
	v = anon(0x30, 0x40, VMA_READ);
	vma_set_map(&set, &v, NULL);
	tap_eq_str(describe(&set), "10-30w 30-40", "different flags do not merge");
	v = anon(0x18, 0x1c, VMA_READ);
	vma_set_map(&set, &v, NULL);
	tap_eq_str(describe(&set), "10-18w 18-1c 1c-30w 30-40",
		   "mapping over splits in three");
	v = anon(0x08, 0x48, VMA_READ);
	vma_set_map(&set, &v, NULL);
	tap_eq_str(describe(&set), "8-48", "mapping over everything replaces it");
	vma_set_release(&set);

	vma_set_init(&set);
	v = filed(0x10, 0x12, &file_a, 0);
	vma_set_map(&set, &v, NULL);
	v = filed(0x12, 0x14, &file_a, 2);
	vma_set_map(&set, &v, NULL);
	tap_eq_str(describe(&set), "10-14f", "same file, contiguous offsets merge");
	v = filed(0x14, 0x16, &file_a, 7);
	vma_set_map(&set, &v, NULL);
	v = filed(0x16, 0x18, &file_b, 9);
	vma_set_map(&set, &v, NULL);
	tap_eq_str(describe(&set), "10-14f 14-16f 16-18f",
		   "a gap in offsets or another file does not merge");
	vma_set_release(&set);
}

static void test_unmap(void)
{
	struct vma_set set;
	struct vma v = filed(0x10, 0x20, &file_a, 0x100);
	struct ef_error err;

	vma_set_init(&set);
	vma_set_map(&set, &v, NULL);
	tap_ok(vma_set_unmap(&set, 0x14 * P, 0x18 * P, NULL) == 0, "unmap the middle");
	tap_eq_str(describe(&set), "10-14f 18-20f", "unmapping the middle splits");
	tap_eq_u64(set.vmas[1].pgoff, 0x108, "the tail keeps its file offset");
	vma_set_unmap(&set, 0x12 * P, 0x1a * P, NULL);
	tap_eq_str(describe(&set), "10-12f 1a-20f", "unmap across a hole trims both sides");
	tap_eq_u64(set.vmas[1].pgoff, 0x10a, "the trimmed head moves its offset");
	vma_set_unmap(&set, 0, 0x100 * P, NULL);
	tap_eq_u64(set.count, 0, "unmap everything");
	tap_ok(vma_set_unmap(&set, 0x10 * P + 1, 0x20 * P, &err) != 0 &&
	       err.kind == VMA_ERR_RANGE, "an unaligned range is refused");
	tap_ok(vma_set_unmap(&set, 0x20 * P, 0x10 * P, &err) != 0 &&
	       err.kind == VMA_ERR_RANGE, "an empty range is refused");
	vma_set_release(&set);
}

static void test_lookup(void)
{
	struct vma_set set;
	struct vma v = anon(0x10, 0x20, VMA_READ);

	vma_set_init(&set);
	vma_set_map(&set, &v, NULL);
	tap_ok(vma_set_lookup(&set, 0x10 * P) != NULL, "lookup: first byte");
	tap_ok(vma_set_lookup(&set, 0x20 * P - 1) != NULL, "lookup: last byte");
	tap_ok(vma_set_lookup(&set, 0x20 * P) == NULL, "lookup: the end is outside");
	tap_ok(vma_set_lookup(&set, 0xf * P) == NULL, "lookup: below");
	tap_ok(vma_set_find(&set, 0x5 * P) == &set.vmas[0],
	       "find_vma: the next VMA above an address");
	tap_ok(vma_set_overlaps(&set, 0x1f * P, 0x30 * P), "overlap at the end");
	tap_ok(!vma_set_overlaps(&set, 0x20 * P, 0x30 * P), "touching is no overlap");
	vma_set_release(&set);
}

static void test_free_area(void)
{
	struct vma_set set;
	struct vma v;
	uint64_t at = 0;
	struct ef_error err;

	vma_set_init(&set);
	/* A stack VMA at the top, with a 4-page guard gap below it. */
	v = anon(0xf0, 0x100, VMA_READ | VMA_WRITE | VMA_GROWSDOWN);
	vma_set_map(&set, &v, NULL);
	tap_ok(vma_set_free_area_topdown(&set, 2 * P, P, 0xe0 * P, 4 * P, &at,
					 NULL) == 0 && at == 0xde * P,
	       "top-down: just below the high limit");
	v = anon(0xd8, 0xe0, VMA_READ);
	vma_set_map(&set, &v, NULL);
	vma_set_free_area_topdown(&set, 2 * P, P, 0xe0 * P, 4 * P, &at, NULL);
	tap_eq_u64(at, 0xd6 * P, "top-down: below the lowest mapping");
	/* The hole e0-f0 less the stack's 4-page gap: 12 pages. */
	vma_set_free_area_topdown(&set, 12 * P, P, 0x100 * P, 4 * P, &at, NULL);
	tap_eq_u64(at, 0xe0 * P, "top-down: a hole just big enough, stack gap kept");
	vma_set_free_area_topdown(&set, 13 * P, P, 0x100 * P, 4 * P, &at, NULL);
	tap_eq_u64(at, 0xcb * P, "top-down: a hole one page short is skipped");
	tap_ok(vma_set_free_area_topdown(&set, 0x200 * P, P, 0x100 * P, 0, &at,
					 &err) != 0 && err.kind == VMA_ERR_NO_SPACE,
	       "top-down: no room is VMA_ERR_NO_SPACE");
	vma_set_release(&set);
}

int main(void)
{
	test_map_and_merge();
	test_unmap();
	test_lookup();
	test_free_area();
	return tap_done();
}
