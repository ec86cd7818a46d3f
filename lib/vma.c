/* vma.c - a sorted, non-overlapping set of VMAs with the kernel's map,
 * unmap and merge rules. */
#include <config.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "vma.h"

void vma_set_init(struct vma_set *set)
{
	memset(set, 0, sizeof *set);
}

void vma_set_release(struct vma_set *set)
{
	free(set->vmas);
	memset(set, 0, sizeof *set);
}

static bool valid_range(uint64_t start, uint64_t end)
{
	return start < end && offset_in_page(start) == 0 &&
	       offset_in_page(end) == 0;
}

static int reserve(struct vma_set *set, size_t more, struct ef_error *err)
{
	size_t wanted = set->count + more, capacity;
	struct vma *grown;

	if (wanted <= set->capacity)
		return 0;
	capacity = set->capacity ? set->capacity * 2 : 16;
	while (capacity < wanted)
		capacity *= 2;
	grown = realloc(set->vmas, capacity * sizeof *grown);
	if (grown == NULL)
		return ef_error_set(err, VMA_ERR_NOMEM, ENOMEM, "out of memory");
	set->vmas = grown;
	set->capacity = capacity;
	return 0;
}

/* Index of the first VMA whose end is above ADDR (count when none). */
static size_t first_ending_above(const struct vma_set *set, uint64_t addr)
{
	size_t low = 0, high = set->count;

	while (low < high) {
		size_t mid = low + (high - low) / 2;

		if (set->vmas[mid].end > addr)
			high = mid;
		else
			low = mid + 1;
	}
	return low;
}

const struct vma *vma_set_find(const struct vma_set *set, uint64_t addr)
{
	size_t i = first_ending_above(set, addr);

	return i < set->count ? &set->vmas[i] : NULL;
}

const struct vma *vma_set_find_prev(const struct vma_set *set, uint64_t addr)
{
	size_t i = first_ending_above(set, addr);

	return i > 0 ? &set->vmas[i - 1] : NULL;
}

const struct vma *vma_set_lookup(const struct vma_set *set, uint64_t addr)
{
	const struct vma *vma = vma_set_find(set, addr);

	return vma != NULL && vma->start <= addr ? vma : NULL;
}

void vma_set_add_flags(struct vma_set *set, uint64_t addr, unsigned flags)
{
	size_t i = first_ending_above(set, addr);

	if (i < set->count && set->vmas[i].start <= addr)
		set->vmas[i].flags |= flags;
}

bool vma_set_overlaps(const struct vma_set *set, uint64_t start, uint64_t end)
{
	const struct vma *vma = vma_set_find(set, start);

	return vma != NULL && vma->start < end;
}

static void insert_at(struct vma_set *set, size_t i, const struct vma *vma)
{
	memmove(&set->vmas[i + 1], &set->vmas[i],
		(set->count - i) * sizeof *set->vmas);
	set->vmas[i] = *vma;
	set->count++;
}

static void remove_at(struct vma_set *set, size_t i, size_t n)
{
	memmove(&set->vmas[i], &set->vmas[i + n],
		(set->count - i - n) * sizeof *set->vmas);
	set->count -= n;
}

int vma_set_unmap(struct vma_set *set, uint64_t start, uint64_t end,
		  struct ef_error *err)
{
	size_t i, j;

	if (!valid_range(start, end))
		return ef_error_set(err, VMA_ERR_RANGE, EINVAL,
				    "bad range %#llx-%#llx",
				    (unsigned long long)start,
				    (unsigned long long)end);
	/* One VMA may need splitting in three: room for one more. */
	if (reserve(set, 1, err) != 0)
		return -1;
	i = first_ending_above(set, start);
	if (i < set->count && set->vmas[i].start < start &&
	    set->vmas[i].end > end) {
		struct vma tail = set->vmas[i];

		tail.pgoff += (end - tail.start) / PAGE_SIZE;
		tail.start = end;
		set->vmas[i].end = start;
		insert_at(set, i + 1, &tail);
		return 0;
	}
	if (i < set->count && set->vmas[i].start < start) {
		set->vmas[i].end = start;
		i++;
	}
	for (j = i; j < set->count && set->vmas[j].end <= end; j++)
		;
	if (j < set->count && set->vmas[j].start < end) {
		struct vma *v = &set->vmas[j];

		v->pgoff += (end - v->start) / PAGE_SIZE;
		v->start = end;
	}
	remove_at(set, i, j - i);
	return 0;
}

/* vma_merge()'s test: A directly followed by B can be one VMA (an
 * anon_vma on one side only is no obstacle). */
static bool mergeable(const struct vma *a, const struct vma *b)
{
	if (a->end != b->start || a->kind != b->kind ||
	    (a->flags & ~VMA_ANON_VMA) != (b->flags & ~VMA_ANON_VMA))
		return false;
	if (a->flags & VMA_SPECIAL)
		return false;
	if (a->kind == VMA_KIND_FILE)
		return a->file == b->file && a->file_id == b->file_id &&
		       a->pgoff + (a->end - a->start) / PAGE_SIZE == b->pgoff;
	return a->kind == VMA_KIND_ANON;
}

int vma_set_map(struct vma_set *set, const struct vma *new,
		struct ef_error *err)
{
	size_t i;

	if (!valid_range(new->start, new->end))
		return ef_error_set(err, VMA_ERR_RANGE, EINVAL,
				    "bad range %#llx-%#llx",
				    (unsigned long long)new->start,
				    (unsigned long long)new->end);
	if (vma_set_unmap(set, new->start, new->end, err) != 0 ||
	    reserve(set, 1, err) != 0)
		return -1;
	i = first_ending_above(set, new->start);
	insert_at(set, i, new);
	if (i + 1 < set->count && mergeable(&set->vmas[i], &set->vmas[i + 1])) {
		set->vmas[i].end = set->vmas[i + 1].end;
		set->vmas[i].flags |= set->vmas[i + 1].flags;
		remove_at(set, i + 1, 1);
	}
	if (i > 0 && mergeable(&set->vmas[i - 1], &set->vmas[i])) {
		set->vmas[i - 1].end = set->vmas[i].end;
		set->vmas[i - 1].flags |= set->vmas[i].flags;
		remove_at(set, i, 1);
	}
	return 0;
}

/* vm_start_gap(): a stack keeps stack_guard_gap free below itself. */
static uint64_t start_gap(const struct vma *vma, uint64_t gap)
{
	if (vma->flags & VMA_GROWSDOWN)
		return vma->start > gap ? vma->start - gap : 0;
	return vma->start;
}

int vma_set_free_area_topdown(const struct vma_set *set, uint64_t length,
			      uint64_t low, uint64_t high, uint64_t gap,
			      uint64_t *start, struct ef_error *err)
{
	/* Hole k lies between VMA k-1 and VMA k; walk them from the top. */
	for (size_t k = set->count + 1; k-- > 0;) {
		uint64_t hole_low = k > 0 ? set->vmas[k - 1].end : 0;
		uint64_t hole_high = k < set->count
				     ? start_gap(&set->vmas[k], gap) : UINT64_MAX;

		if (hole_high > high)
			hole_high = high;
		if (hole_low < low)
			hole_low = low;
		if (hole_high <= low)
			break;
		if (hole_high > hole_low && hole_high - hole_low >= length) {
			*start = page_down(hole_high - length);
			return 0;
		}
	}
	return ef_error_set(err, VMA_ERR_NO_SPACE, ENOMEM,
			    "no free range of %#llx bytes",
			    (unsigned long long)length);
}

/* The hint's test: free, inside [MIN_ADDR, TASK_SIZE), and clear of the
 * guard gap below a stack above it. */
static bool hint_usable(const struct vma_set *set, uint64_t hint,
			uint64_t length, uint64_t min_addr, uint64_t task_size,
			uint64_t gap)
{
	const struct vma *next;

	if (hint == 0 || hint < min_addr || length > task_size ||
	    hint > task_size - length)
		return false;
	next = vma_set_find(set, hint);
	return next == NULL || start_gap(next, gap) >= hint + length;
}

int vma_set_get_unmapped_area(const struct vma_set *set, uint64_t hint,
			      uint64_t length, uint64_t min_addr,
			      uint64_t mmap_base, uint64_t task_size,
			      uint64_t gap, uint64_t *addr,
			      struct ef_error *err)
{
	hint = page_up(hint);
	if (hint_usable(set, hint, length, min_addr, task_size, gap)) {
		*addr = hint;
		return 0;
	}
	return vma_set_free_area_topdown(set, length, PAGE_SIZE, mmap_base,
					 gap, addr, err);
}
