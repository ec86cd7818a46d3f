/* bench/fault.c - the fault engine alone: anonymous write faults per
 * second through mmu_access() and fault_handle(), with no script to read
 * and no report to print (bench/replay.sh measures those too).  A 4 MiB
 * anonymous region is written page by page, then unmapped and mapped
 * again, so memory is reused.  Goal (issue 6): >= 1 M faults/s.
 * usage: bench-fault SEED-ELF [MILLIONS]  (default 2) */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "elf_image.h"
#include "exec_target.h"
#include "fault.h"
#include "mm_syscalls.h"
#include "process.h"

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

enum { BASE = 0x40000000, PAGES = 1024 };

static int map_region(struct machine *m, struct process *p)
{
	struct mm_result r;

	return mm_mmap(m, p, BASE, PAGES * 4096, MM_PROT_READ | MM_PROT_WRITE,
		       MM_MAP_PRIVATE | MM_MAP_ANONYMOUS | MM_MAP_FIXED, NULL,
		       false, 0, 0, &r, NULL) == 0 && r.error == 0 ? 0 : -1;
}

int main(int argc, char **argv)
{
	const char *args_argv[] = { "a.out" };
	struct exec_args args = { .filename = "a.out", .argv = args_argv,
				  .argc = 1 };
	long faults = (argc > 2 ? atol(argv[2]) : 2) * 1000000L, done = 0;
	struct elf_image *image = argc > 1 ? elf_image_open(argv[1], NULL) : NULL;
	struct machine m;
	struct process *p;
	double start;

	if (image == NULL || machine_init(&m, 1u << 30,
					  exec_target_by_name("i386"), NULL) != 0) {
		fprintf(stderr, "usage: bench-fault SEED-ELF [MILLIONS]\n");
		return 2;
	}
	p = process_exec(&m, image, &args, NULL);
	process_switch(&m, p);
	if (p == NULL || map_region(&m, p) != 0)
		return 1;
	start = now();
	while (done < faults) {
		for (uint32_t page = 0; page < PAGES && done < faults; page++) {
			uint32_t value = page, addr = BASE + page * 4096;
			struct mmu_fault hw;
			struct fault_result r;

			while (mmu_access(&m.mmu, addr, 4, MMU_WRITE, MMU_USER,
					  &value, &hw, NULL) == 1) {
				if (fault_handle(&m, p, &hw, 65536, &r, NULL) != 0)
					return 1;
				done++;
			}
		}
		struct mm_result r;
		if (mm_munmap(&m, p, BASE, PAGES * 4096, &r, NULL) != 0 ||
		    map_region(&m, p) != 0)
			return 1;
	}
	double seconds = now() - start;

	printf("%ld anonymous write faults in %.2f s: %.2f M faults/s "
	       "(goal >= 1)\n", done, seconds, done / seconds / 1e6);
	machine_release(&m);
	elf_image_free(image);
	return 0;
}
