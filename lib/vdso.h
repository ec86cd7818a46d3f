/* vdso.h - the vDSO and vvar pages of the i386 target (Linux 6.1,
 * arch/x86/entry/vdso/vma.c): the pages behind the [vvar] and [vdso]
 * VMAs exec maps (exec_layout.h), which are the kernel's own, shared by
 * every process and never copied.
 *
 * The vDSO's two pages are the 6.1 686 kernel's vdso32 image, its
 * alternatives applied (__kernel_vsyscall enters by sysenter): the bytes
 * a program in the i386 VM read at AT_SYSINFO_EHDR, in the data file
 * VDSO_IMAGE_FILE (data/README says how it was made; it is the kernel's,
 * GPL-2.0).  Without it the pages are zeros - their faults are the same,
 * but code there cannot run.
 *
 * The [vvar] VMA's first page is the vvar page: struct vdso_data for
 * CS_HRES_COARSE and CS_RAW at offset 0x80 (include/vdso/datapage.h),
 * read by the vDSO's time functions; vdso_fill_vvar() writes it for a
 * clock.  Its clock_mode is the VM kernel's: VDSO_CLOCKMODE_TSC (its
 * clocksource is tsc), so clock_gettime() in the vDSO reads the TSC.
 * The other three (pvclock, hvclock, timens) are not there: their fault
 * is SIGBUS, as vvar_fault() returns for a clock the kernel does not use.
 *
 * A fault on the vDSO is vdso_fault(): the image's page, read-only and
 * without fault-around (special mappings have no map_pages); on the vvar
 * page vvar_fault()'s vmf_insert_pfn() - each a minor fault (kind
 * "special").  fork() copies the vvar VMA's PTEs (VM_PFNMAP) and not the
 * vDSO's (vma_needs_copy()), which the child faults in again.
 */
#ifndef ELFAULT_VDSO_H
#define ELFAULT_VDSO_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "page.h"

struct machine;

/* The data file, in the package's data directory. */
#define VDSO_IMAGE_FILE "vdso32-6.1-686.so"

enum {
	VDSO_PAGES = 2,			/* the vdso32 image: 8 KiB */
	VDSO_KERNEL_VSYSCALL = 0x550,	/* __kernel_vsyscall (AT_SYSINFO) */
	VDSO_INT80_LANDING_PAD = 0x559,	/* int80_landing_pad: where
					 * do_fast_syscall_32() returns */
	VDSO_DATA_OFFSET = 0x80,	/* _vdso_data in the vvar page */
	VDSO_CLOCKMODE_TSC = 1,
};

enum vdso_error {
	VDSO_ERR_FILE = EF_ERR_BASE(EF_DOMAIN_VDSO) + 1, /* cannot be read */
	VDSO_ERR_FORMAT,	/* not an 8 KiB i386 ELF image */
	VDSO_ERR_NOMEM,
};

/* The vDSO's bytes. */
struct vdso_image {
	uint8_t bytes[VDSO_PAGES * PAGE_SIZE];
};

/* Read the image from PATH.  Returns 0, or -1 with ERR (VDSO_ERR_FILE
 * with the errno, VDSO_ERR_FORMAT). */
int vdso_image_load(struct vdso_image *image, const char *path,
		    struct ef_error *err);

/* A clock as the timekeeping core hands it to the vDSO
 * (update_vsyscall()): CLOCK_REALTIME and CLOCK_MONOTONIC now. */
struct vdso_clock {
	uint64_t realtime_sec;
	uint32_t realtime_nsec;
	uint64_t monotonic_sec;
	uint32_t monotonic_nsec;
};

/* The vvar page PAGE for CLOCK: the sequence count even (no update in
 * progress), clock_mode TSC, the bases of CLOCK_REALTIME, CLOCK_MONOTONIC
 * and their _COARSE twins, CLOCK_BOOTTIME and CLOCK_TAI (= MONOTONIC,
 * REALTIME: no suspend, no leap seconds), hrtimer_res 1 ns;
 * cycle_last, mult and shift 0 (a TSC read adds nothing). */
void vdso_fill_vvar(uint8_t page[PAGE_SIZE], const struct vdso_clock *clock);

/* Give M the vDSO: IMAGE (NULL: zeros) and the vvar page for CLOCK, in
 * frames of its own.  Returns 0, or -1 with ERR (memory). */
int vdso_install(struct machine *m, const struct vdso_image *image,
		 const struct vdso_clock *clock, struct ef_error *err);

/* The frame behind page INDEX of the vDSO VMA (VDSO: 1) or the vvar VMA
 * (0): 0 with *PFN, 1 when there is none (SIGBUS), -1 with ERR when the
 * machine's vDSO frames could not be made (they are made, zero, on
 * first use when vdso_install() was not called). */
int vdso_page(struct machine *m, int vdso, uint64_t index, uint64_t *pfn,
	      struct ef_error *err);

#endif
