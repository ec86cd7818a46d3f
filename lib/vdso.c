/* vdso.c - the vDSO's and the vvar page's frames (vdso.h). */
#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "machine.h"
#include "vdso.h"

/* struct vdso_data (include/vdso/datapage.h): the offsets of its
 * fields, and its size; two follow each other (CS_HRES_COARSE, CS_RAW). */
enum {
	VD_SEQ = 0, VD_CLOCK_MODE = 4, VD_CYCLE_LAST = 8, VD_MASK = 16,
	VD_MULT = 24, VD_SHIFT = 28, VD_BASETIME = 32, VD_HRTIMER_RES = 232,
	VD_SIZE = 240,
	/* clock ids: basetime[]'s index */
	CLOCK_REALTIME_ = 0, CLOCK_MONOTONIC_ = 1, CLOCK_REALTIME_COARSE_ = 5,
	CLOCK_MONOTONIC_COARSE_ = 6, CLOCK_BOOTTIME_ = 7, CLOCK_TAI_ = 11,
};

int vdso_image_load(struct vdso_image *image, const char *path,
		    struct ef_error *err)
{
	FILE *f = fopen(path, "rb");
	size_t n;
	int extra;

	if (f == NULL)
		return ef_error_set(err, VDSO_ERR_FILE, errno, "%s: %s", path,
				    strerror(errno));
	n = fread(image->bytes, 1, sizeof image->bytes, f);
	extra = fgetc(f);
	fclose(f);
	/* an ELF file of class 32, little-endian, e_machine EM_386 */
	if (n != sizeof image->bytes || extra != EOF ||
	    memcmp(image->bytes, "\177ELF\1\1", 6) != 0 ||
	    image->bytes[18] != 3 || image->bytes[19] != 0)
		return ef_error_set(err, VDSO_ERR_FORMAT, 0, "%s: not the "
				    "8 KiB i386 vDSO image", path);
	return 0;
}

static void put(uint8_t *p, uint64_t value, unsigned size)
{
	for (unsigned i = 0; i < size; i++)
		p[i] = (uint8_t)(value >> (8 * i));
}

/* basetime[ID] of the vdso_data at VD: seconds and (shift 0) ns. */
static void put_base(uint8_t *vd, unsigned id, uint64_t sec, uint32_t nsec)
{
	put(vd + VD_BASETIME + 16 * id, sec, 8);
	put(vd + VD_BASETIME + 16 * id + 8, nsec, 8);
}

/* update_vsyscall() (kernel/time/vsyscall.c) for one vdso_data. */
static void fill_data(uint8_t *vd, const struct vdso_clock *c)
{
	put(vd + VD_SEQ, 2, 4);		/* even: no update in progress */
	put(vd + VD_CLOCK_MODE, VDSO_CLOCKMODE_TSC, 4);
	put(vd + VD_MASK, UINT64_MAX, 8);
	put_base(vd, CLOCK_REALTIME_, c->realtime_sec, c->realtime_nsec);
	put_base(vd, CLOCK_REALTIME_COARSE_, c->realtime_sec, c->realtime_nsec);
	put_base(vd, CLOCK_TAI_, c->realtime_sec, c->realtime_nsec);
	put_base(vd, CLOCK_MONOTONIC_, c->monotonic_sec, c->monotonic_nsec);
	put_base(vd, CLOCK_MONOTONIC_COARSE_, c->monotonic_sec,
		 c->monotonic_nsec);
	put_base(vd, CLOCK_BOOTTIME_, c->monotonic_sec, c->monotonic_nsec);
	put(vd + VD_HRTIMER_RES, 1, 4);
}

void vdso_fill_vvar(uint8_t page[PAGE_SIZE], const struct vdso_clock *clock)
{
	memset(page, 0, PAGE_SIZE);
	fill_data(page + VDSO_DATA_OFFSET, clock);		/* CS_HRES_COARSE */
	fill_data(page + VDSO_DATA_OFFSET + VD_SIZE, clock);	/* CS_RAW */
}

/* A frame of the kernel's holding BYTES (NULL: zeros). */
static int kernel_frame(struct machine *m, const uint8_t *bytes,
			uint64_t *pfn, struct ef_error *err)
{
	if (phys_alloc(&m->mem, FRAME_KERNEL, pfn, err) != 0)
		return -1;
	return bytes == NULL ? 0
	       : phys_write(&m->mem, *pfn << PAGE_SHIFT, bytes, PAGE_SIZE, err);
}

int vdso_install(struct machine *m, const struct vdso_image *image,
		 const struct vdso_clock *clock, struct ef_error *err)
{
	uint8_t vvar[PAGE_SIZE];

	vdso_fill_vvar(vvar, clock);
	if (!m->has_vdso) {
		for (unsigned i = 0; i < VDSO_PAGES; i++)
			if (kernel_frame(m, NULL, &m->vdso_pfn[i], err) != 0)
				return -1;
		if (kernel_frame(m, NULL, &m->vvar_pfn, err) != 0)
			return -1;
		m->has_vdso = true;
	}
	for (unsigned i = 0; image != NULL && i < VDSO_PAGES; i++)
		if (phys_write(&m->mem, m->vdso_pfn[i] << PAGE_SHIFT,
			       image->bytes + i * PAGE_SIZE, PAGE_SIZE, err) != 0)
			return -1;
	return phys_write(&m->mem, m->vvar_pfn << PAGE_SHIFT, vvar, PAGE_SIZE,
			  err);
}

int vdso_page(struct machine *m, int vdso, uint64_t index, uint64_t *pfn,
	      struct ef_error *err)
{
	static const struct vdso_clock epoch = { 0, 0, 0, 0 };

	if (!m->has_vdso && vdso_install(m, NULL, &epoch, err) != 0)
		return -1;
	if (vdso && index < VDSO_PAGES) {
		*pfn = m->vdso_pfn[index];
		return 0;
	}
	if (!vdso && index == 0) {	/* sym_vvar_page */
		*pfn = m->vvar_pfn;
		return 0;
	}
	return 1;	/* pvclock, hvclock, timens: VM_FAULT_SIGBUS */
}
