/* process_test.c - exec on the simulated machine leaves what the real
 * kernel leaves at the exec stop: the top stack page and, after
 * padzero()'s clear_user() and its one kernel write fault, the padzero
 * page present, nothing else; the page cache holds the header page and
 * the page padzero copied.  Exit gives every frame back. */
#include <config.h>

#include "elf_image.h"
#include "exec_target.h"
#include "kernel_text.h"
#include "process.h"
#include "tap.h"
#include "world.h"

static uint32_t read32(struct machine *m, uint32_t addr, int *rc)
{
	struct mmu_fault fault;
	uint8_t b[4] = { 0 };

	*rc = mmu_access(&m->mmu, addr, 4, MMU_READ, MMU_USER, b, &fault, NULL);
	return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 |
	       (uint32_t)b[3] << 24;
}

/* After exec, P has two page tables: 08000000-083fffff (the padzero page)
 * and bfc00000-bfffffff (the stack's top page).  A walk from each START
 * to END lands on the first address one of them covers, or on END. */
static void test_next_table(struct machine *m, const struct process *p)
{
	static const struct {
		uint64_t start, end, next;
		const char *what;
	} cases[] = {
		{ 0, PAGE_OFFSET, 0x08000000, "from 0: the first table's start" },
		{ 0x08049000, PAGE_OFFSET, 0x08049000, "inside a table: there" },
		{ 0x083ff000, PAGE_OFFSET, 0x083ff000, "its last page: there" },
		{ 0x08400000, PAGE_OFFSET, 0xbfc00000,
		  "past it: 734 empty entries passed over, to the stack's" },
		{ 0x08400000, 0x20000000, 0x20000000, "none before END: END" },
		{ 0x10000000, 0x10000000, 0x10000000, "an empty range: END" },
		{ 0xbffff000, PAGE_OFFSET, 0xbffff000, "the stack's top page" },
		{ 0xbffff000 + 4096, PAGE_OFFSET, PAGE_OFFSET,
		  "the user space's end" },
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		tap_eq_u64(process_next_table(m, p, cases[i].start,
					      cases[i].end),
			   cases[i].next, "%s", cases[i].what);
}

int main(void)
{
	static const char *const argv[] = { "seed/a.out" };
	struct exec_args args = { .filename = "seed/a.out", .argv = argv, .argc = 1 };
	struct elf_image *image = elf_image_open(testdata_path("seed/a.out"), NULL);
	uint8_t counter_in_file[4];
	uint64_t used_before, pfn;
	struct machine m;
	struct process *p;
	unsigned present = 0;
	int rc;

	tap_ok(machine_init(&m, 16u << 20, exec_target_by_name("i386"), NULL) == 0,
	       "a 16 MiB i386 machine");
	used_before = m.mem.used;
	p = process_exec(&m, image, &args, NULL);
	if (!tap_ok(p != NULL && p->pid == 1 && strcmp(p->name, "a.out") == 0,
		    "exec seed/a.out: pid 1, comm a.out"))
		return tap_done();
	for (uint32_t addr = 0; addr < PAGE_OFFSET; addr += 4096)
		present += pte_present(process_get_pte(&m, p, addr));
	tap_eq_u64(present, 1, "exec itself leaves one page present: the stack");
	tap_ok(p->mm.padzero_count == 1 && p->mm.padzero[0].start == 0x080497f8 &&
	       p->mm.padzero[0].end == 0x0804a000,
	       "padzero() clears 080497f8-0804a000");
	process_switch(&m, p);
	{
		struct kernel_faults k = { .m = &m, .p = p };
		const struct uaccess u = { kernel_access, &k, 7 };

		tap_ok(process_exec_padzero(p, &u) == 0 && k.count == 1 &&
		       k.cr2 == 0x080497f8 && k.error_code == 0x2 &&
		       k.eip == KTEXT_CLEAR_USER + CLU_STOSL &&
		       k.kind == FAULT_FILE_COW && p->minflt == 1,
		       "its clear_user() takes one kernel write fault at "
		       "080497f8 (ec 0x2, clear_user+0x2d): a private file "
		       "copy, counted in minflt");
	}
	present = 0;
	for (uint32_t addr = 0; addr < PAGE_OFFSET; addr += 4096)
		present += pte_present(process_get_pte(&m, p, addr));
	tap_eq_u64(present, 2, "two pages present, as at the real exec stop");
	tap_ok(pte_present(process_get_pte(&m, p, 0xbffff000)), "the top stack page");
	tap_ok(pte_present(process_get_pte(&m, p, 0x08049000)) &&
	       phys_frame(&m.mem, pte_pfn(process_get_pte(&m, p, 0x08049000)))->kind
	       == FRAME_ANON, "the padzero page: an anonymous copy");
	tap_ok(!pte_present(process_get_pte(&m, p, 0x08048000)), "the text is not");
	test_next_table(&m, p);
	/* The seed's data segment maps file page 0 (08049000 rw-p 00000000):
	 * the header page is also the one padzero() copied. */
	tap_ok(page_cache_find(&m.cache, &p->mm.program, 0, &pfn) &&
	       page_cache_count(&m.cache) == 1,
	       "the page cache holds file page 0: the header and the data");

	tap_eq_u64(read32(&m, (uint32_t)p->mm.sp, &rc), 1, "argc at the stack pointer");
	elf_image_read(image, 0x7c8, counter_in_file, 4, NULL);
	tap_eq_u64(read32(&m, 0x080497c8, &rc),
		   (uint32_t)counter_in_file[0] | (uint32_t)counter_in_file[1] << 8,
		   "counter reads its value from the file");
	tap_eq_u64(read32(&m, 0x08049800, &rc), 0, "the .bss in that page reads 0");
	read32(&m, 0x08048094, &rc);
	tap_ok(rc == 1, "a read of the text faults: nothing maps it yet");

	{
		/* execve() keeps the mm it replaces until the step's report
		 * is out: machine_collect() frees it, and only it */
		bool killed = true;

		tap_ok(process_execve(&m, p, image, &args, &killed, NULL) == 0 &&
		       !killed && p->retired_count == 1 &&
		       m.retiring_count == 1,
		       "execve: the old mm retired, the process listed");
		tap_ok(process_execve(&m, p, image, &args, &killed, NULL) == 0 &&
		       p->retired_count == 2 && m.retiring_count == 1,
		       "a second execve: two retired, the process listed once");
		machine_collect(&m);
		tap_ok(p->retired_count == 0 && p->retired == NULL &&
		       m.retiring_count == 0 && p->alive &&
		       p->mm.vmas.count > 0,
		       "collected: the retired mms freed, the live mm kept");
	}
	process_exit(&m, p);
	tap_eq_u64(m.mem.used, used_before + page_cache_count(&m.cache),
		   "exit gives back every frame but the cached ones");
	machine_release(&m);
	elf_image_free(image);
	return tap_done();
}
