/* view_test.c - the show: views: part names, the page-table words of a
 * process, and after fork one frame with two read-only mappers, after the
 * child's write two frames (Fig. 14.24). */
#include <config.h>

#include <string.h>

#include "view.h"
#include "world.h"

static const struct {
	const char *name;
	unsigned part;
} names[] = {
	{ "vmas", VIEW_VMAS }, { "page-table", VIEW_PAGE_TABLE },
	{ "entries", VIEW_ENTRIES }, { "frames", VIEW_FRAMES },
	{ "all", VIEW_ALL }, { "ptes", 0 }, { "", 0 }, { "VMAS", 0 },
};

static void test_names(void)
{
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		tap_eq_u64(view_part_of(names[i].name), names[i].part,
			   "part '%s'", names[i].name);
	tap_eq_str(view_part_name(VIEW_PAGE_TABLE), "page-table",
		   "a part's name");
}

/* The frame backing ADDRESS in V, or NULL. */
static const struct view_frame *frame_at(const struct view *v, int pid,
					 uint32_t address)
{
	for (size_t i = 0; i < v->frame_count; i++)
		for (size_t j = 0; j < v->frames[i].mapper_count; j++) {
			const struct view_mapper *x =
				&v->mappers[v->frames[i].first_mapper + j];

			if (x->pid == pid && x->address == address)
				return &v->frames[i];
		}
	return NULL;
}

static void test_fork(void)
{
	struct world w;
	struct view v = { 0 };
	struct fault_result r;
	struct process *child;
	const struct view_frame *f;
	bool pde_then_pte;

	world_start(&w, "seed/a.out");
	tap_ok(view_take(&v, &w.m, w.p, VIEW_ALL, NULL) == 0 && v.pid == 1 &&
	       v.vma_count == 6 && v.page_table_count > 1 &&
	       strcmp(v.page_table[0], "---[ User Space ]---") == 0,
	       "after exec: six VMAs, ptdump's user space");
	pde_then_pte = v.entry_count == 4 && v.entries[0].is_pde &&
		       v.entries[0].index == 32 && !v.entries[1].is_pde &&
		       v.entries[1].address == 0x08049000;
	tap_ok(pde_then_pte, "entries: pde[32], then the .data page's PTE");
	child = process_fork(&w.m, w.p, NULL);
	view_take(&v, &w.m, w.p, VIEW_FRAMES, NULL);
	f = frame_at(&v, 1, 0x08049000);
	tap_ok(f != NULL && f == frame_at(&v, 2, 0x08049000) &&
	       f->mapcount == 2 && f->mapper_count == 2 &&
	       !v.mappers[f->first_mapper].writable,
	       "after fork: one frame, two read-only mappers");
	tap_eq_u64(v.kernel_frames + v.frame_count, v.used_frames,
		   "every frame in use is listed or the kernel's");
	process_switch(&w.m, child);
	access_page(&w.m, child, 0x080497c8, MMU_WRITE, 0, &r);
	view_take(&v, &w.m, NULL, VIEW_FRAMES, NULL);
	tap_ok(frame_at(&v, 1, 0x08049000) != frame_at(&v, 2, 0x08049000) &&
	       frame_at(&v, 2, 0x08049000)->mapcount == 1 &&
	       v.mappers[frame_at(&v, 2, 0x08049000)->first_mapper].writable,
	       "after the child's write: two frames, the child's writable");
	view_release(&v);
	world_stop(&w);
}

int main(void)
{
	test_names();
	test_fork();
	return tap_done();
}
