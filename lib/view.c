/* view.c - a process's VMAs and page tables, the machine's frames. */
#include <config.h>

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "maps_report.h"
#include "process.h"
#include "pt_dump.h"
#include "view.h"

static const char *const part_names[] = { "vmas", "page-table", "entries",
					   "frames" };

enum { PARTS = sizeof part_names / sizeof part_names[0] };

const char *view_part_name(enum view_part part)
{
	for (unsigned i = 0; i < PARTS; i++)
		if (part == 1u << i)
			return part_names[i];
	return part == VIEW_ALL ? "all" : "?";
}

unsigned view_part_of(const char *name)
{
	for (unsigned i = 0; i < PARTS; i++)
		if (strcmp(name, part_names[i]) == 0)
			return 1u << i;
	return strcmp(name, "all") == 0 ? VIEW_ALL : 0;
}

static int host_nomem(struct ef_error *err)
{
	return ef_error_set(err, PHYS_ERR_NOMEM, ENOMEM, "out of memory");
}

/* A growable array: *ITEMS of *COUNT elements of SIZE, one more. */
static void *grow(void *items, size_t *count, size_t size)
{
	char *grown = realloc(items, (*count + 1) * size);

	if (grown == NULL)
		return NULL;
	memset(grown + *count * size, 0, size);
	(*count)++;
	return grown;
}

/* ---- text made by the report modules, kept as lines --------------------- */

typedef int writer_fn(FILE *out, const void *arg);

/* TEXT's lines, copied (there are no empty ones). */
static int split_lines(char *text, char ***lines, size_t *count)
{
	char *save = NULL;

	for (char *line = strtok_r(text, "\n", &save); line != NULL;
	     line = strtok_r(NULL, "\n", &save)) {
		char **grown = grow(*lines, count, sizeof **lines);

		if (grown == NULL)
			return -1;
		*lines = grown;
		if ((grown[*count - 1] = strdup(line)) == NULL)
			return -1;
	}
	return 0;
}

/* What WRITE prints for ARG, as lines. */
static int capture(writer_fn *write, const void *arg, char ***lines,
		   size_t *count, struct ef_error *err)
{
	char *text = NULL;
	size_t size = 0;
	FILE *out = open_memstream(&text, &size);
	int rc;

	if (out == NULL)
		return host_nomem(err);
	rc = write(out, arg);
	if (fclose(out) != 0 || rc != 0 || text == NULL) {
		free(text);
		return host_nomem(err);
	}
	rc = split_lines(text, lines, count);
	free(text);
	return rc == 0 ? 0 : host_nomem(err);
}

static int write_maps(FILE *out, const void *arg)
{
	const struct process *p = arg;

	return maps_report_text(out, &p->mm, NULL);
}

struct table_arg {
	struct machine *m;
	uint32_t cr3;
};

static int write_page_table(FILE *out, const void *arg)
{
	const struct table_arg *t = arg;

	return pt_dump_user(out, &t->m->mem, t->cr3);
}

/* ---- the page-table words ------------------------------------------------ */

static int add_entry(struct view *v, bool is_pde, unsigned index,
		     uint32_t paddr, pte_t value, uint32_t address)
{
	struct view_entry *grown = grow(v->entries, &v->entry_count,
					sizeof *grown);

	if (grown == NULL)
		return -1;
	v->entries = grown;
	grown[v->entry_count - 1] = (struct view_entry){ is_pde, index, paddr,
							 value, address };
	return 0;
}

static int take_entries(struct view *v, struct machine *m,
			const struct process *p)
{
	for (unsigned i = 0; i < pde_index(PAGE_OFFSET); i++) {
		uint32_t pde_paddr = p->pgd + 4 * i;
		pte_t pde = phys_read32(&m->mem, pde_paddr);

		if (!pte_present(pde))
			continue;
		if (add_entry(v, true, i, pde_paddr, pde, i << PGDIR_SHIFT) != 0)
			return -1;
		if (pde & PTE_PS)
			continue;
		for (unsigned j = 0; j < PTRS_PER_TABLE; j++) {
			uint32_t paddr = (pde & PTE_FRAME_MASK) + 4 * j;
			pte_t pte = phys_read32(&m->mem, paddr);

			if (pte != 0 &&
			    add_entry(v, false, j, paddr, pte,
				      i << PGDIR_SHIFT | j << PAGE_SHIFT) != 0)
				return -1;
		}
	}
	return 0;
}

/* ---- the frames ------------------------------------------------------------ */

/* A user PTE mapping a frame, or a page-table frame's owner, found by
 * walking the page tables; sorted by frame, then merged into the list. */
struct found {
	uint32_t pfn;
	struct view_mapper mapper;
	char owner[48];		/* a page-table frame: whose, for what */
};

struct finds {
	struct found *items;
	size_t count;
};

static int add_found(struct finds *f, uint32_t pfn, int pid, uint32_t address,
		     bool writable, const char *owner)
{
	struct found *grown = grow(f->items, &f->count, sizeof *grown);

	if (grown == NULL)
		return -1;
	f->items = grown;
	grown[f->count - 1].pfn = pfn;
	grown[f->count - 1].mapper = (struct view_mapper){ pid, address,
							   writable };
	snprintf(grown[f->count - 1].owner, sizeof grown->owner, "%s",
		 owner ? owner : "");
	return 0;
}

/* Process P's directory, tables and the frames its PTEs map. */
static int find_in(struct finds *f, struct machine *m, const struct process *p)
{
	char owner[48];

	snprintf(owner, sizeof owner, "page directory of pid %d", p->pid);
	if (add_found(f, p->pgd >> PAGE_SHIFT, 0, 0, false, owner) != 0)
		return -1;
	for (unsigned i = 0; i < pde_index(PAGE_OFFSET); i++) {
		pte_t pde = phys_read32(&m->mem, p->pgd + 4 * i);

		if (!pte_present(pde) || (pde & PTE_PS))
			continue;
		snprintf(owner, sizeof owner, "page table of pid %d, %08x-%08x",
			 p->pid, i << PGDIR_SHIFT, (i << PGDIR_SHIFT) + 0x3fffff);
		if (add_found(f, pte_pfn(pde), 0, 0, false, owner) != 0)
			return -1;
		for (unsigned j = 0; j < PTRS_PER_TABLE; j++) {
			pte_t pte = phys_read32(&m->mem, (pde & PTE_FRAME_MASK) +
						4 * j);

			if (pte_maps_frame(pte) &&
			    add_found(f, pte_pfn(pte), p->pid,
				      i << PGDIR_SHIFT | j << PAGE_SHIFT,
				      pte & PTE_RW, NULL) != 0)
				return -1;
		}
	}
	return 0;
}

static int by_frame(const void *a, const void *b)
{
	const struct found *x = a, *y = b;

	if (x->pfn != y->pfn)
		return x->pfn < y->pfn ? -1 : 1;
	if (x->mapper.pid != y->mapper.pid)
		return x->mapper.pid < y->mapper.pid ? -1 : 1;
	return x->mapper.address < y->mapper.address ? -1
	       : x->mapper.address > y->mapper.address;
}

static const char *base_name(const char *path)
{
	const char *slash = path ? strrchr(path, '/') : NULL;

	return slash ? slash + 1 : path ? path : "?";
}

/* What frame INFO holds, for people (a page table's owner comes from
 * the walk). */
static void describe(char *buf, size_t size, const struct frame_info *info)
{
	switch (info->kind) {
	case FRAME_ANON:
		snprintf(buf, size, "anonymous %08" PRIx32, info->address);
		break;
	case FRAME_PAGE_CACHE:
		snprintf(buf, size, "%s page %" PRIu64,
			 info->file && info->file->shmem ? info->file->path
			 : base_name(info->file ? info->file->path : NULL),
			 info->index);
		break;
	case FRAME_ZERO:
		snprintf(buf, size, "the zero page");
		break;
	case FRAME_PAGE_TABLE:
		snprintf(buf, size, "a page table");
		break;
	default:
		snprintf(buf, size, "?");
	}
}

/* The frame PFN's entry, its owner and mappers from F (from *AT on). */
static int add_frame(struct view *v, uint32_t pfn,
		     const struct frame_info *info, const struct finds *f,
		     size_t *at)
{
	struct view_frame *frame = grow(v->frames, &v->frame_count,
					sizeof *frame);

	if (frame == NULL)
		return -1;
	v->frames = frame;
	frame += v->frame_count - 1;
	*frame = (struct view_frame){ .pfn = pfn, .kind = info->kind,
		.refcount = info->refcount, .mapcount = info->mapcount,
		.dirty = info->dirty, .swap_slot = info->swap_slot,
		.first_mapper = v->mapper_count };
	describe(frame->what, sizeof frame->what, info);
	for (; *at < f->count && f->items[*at].pfn <= pfn; (*at)++) {
		const struct found *x = &f->items[*at];
		struct view_mapper *grown;

		if (x->pfn < pfn)
			continue;	/* a PTE to a frame not in use */
		if (x->owner[0] != '\0') {
			snprintf(frame->what, sizeof frame->what, "%s", x->owner);
			continue;
		}
		grown = grow(v->mappers, &v->mapper_count, sizeof *grown);
		if (grown == NULL)
			return -1;
		v->mappers = grown;
		grown[v->mapper_count - 1] = x->mapper;
		frame->mapper_count++;
	}
	return 0;
}

/* The kernel's page directory and the page tables of its half. */
static int find_kernel(struct finds *f, struct machine *m)
{
	uint32_t pgd = m->kernel.pgd;
	char owner[48];

	if (add_found(f, pgd >> PAGE_SHIFT, 0, 0, false, "swapper_pg_dir") != 0)
		return -1;
	for (unsigned i = pde_index(PAGE_OFFSET); i < PTRS_PER_TABLE; i++) {
		pte_t pde = phys_read32(&m->mem, pgd + 4 * i);

		if (!pte_present(pde) || (pde & PTE_PS))
			continue;
		snprintf(owner, sizeof owner, "page table of the kernel, "
			 "%08x-%08x", i << PGDIR_SHIFT,
			 (i << PGDIR_SHIFT) + 0x3fffff);
		if (add_found(f, pte_pfn(pde), 0, 0, false, owner) != 0)
			return -1;
	}
	return 0;
}

static int take_frames(struct view *v, struct machine *m)
{
	struct finds f = { NULL, 0 };
	size_t at = 0;
	int rc = find_kernel(&f, m);

	for (unsigned i = 0; i < m->live_count && rc == 0; i++)
		if (m->live[i]->alive && m->live[i]->pgd != 0)
			rc = find_in(&f, m, m->live[i]);
	if (rc == 0 && f.count > 0)
		qsort(f.items, f.count, sizeof *f.items, by_frame);
	for (uint64_t pfn = 0; pfn < m->mem.frame_count && rc == 0; pfn++) {
		const struct frame_info *info = phys_frame(&m->mem, pfn);

		if (info == NULL || info->kind == FRAME_FREE)
			continue;
		v->used_frames++;
		if (info->kind == FRAME_KERNEL)
			v->kernel_frames++;
		else
			rc = add_frame(v, (uint32_t)pfn, info, &f, &at);
	}
	free(f.items);
	return rc;
}

/* ---- the view ---------------------------------------------------------------- */

static int take_process(struct view *v, struct machine *m, struct process *p,
			unsigned parts, struct ef_error *err)
{
	struct table_arg t = { m, p->pgd };

	v->pid = p->pid;
	snprintf(v->name, sizeof v->name, "%s", p->name);
	v->cr3 = p->pgd;
	if ((parts & VIEW_VMAS) &&
	    capture(write_maps, p, &v->vmas, &v->vma_count, err) != 0)
		return -1;
	if ((parts & VIEW_PAGE_TABLE) &&
	    capture(write_page_table, &t, &v->page_table, &v->page_table_count,
		    err) != 0)
		return -1;
	if ((parts & VIEW_ENTRIES) && take_entries(v, m, p) != 0)
		return host_nomem(err);
	return 0;
}

int view_take(struct view *v, struct machine *m, struct process *p,
	      unsigned parts, struct ef_error *err)
{
	view_release(v);
	v->parts = parts;
	if (p != NULL && p->alive && p->pgd != 0 &&
	    take_process(v, m, p, parts, err) != 0)
		return -1;
	if ((parts & VIEW_FRAMES) && take_frames(v, m) != 0)
		return host_nomem(err);
	return 0;
}

static void free_lines(char **lines, size_t count)
{
	for (size_t i = 0; i < count; i++)
		free(lines[i]);
	free(lines);
}

void view_release(struct view *v)
{
	free_lines(v->vmas, v->vma_count);
	free_lines(v->page_table, v->page_table_count);
	free(v->entries);
	free(v->frames);
	free(v->mappers);
	memset(v, 0, sizeof *v);
}

/* ---- for people ------------------------------------------------------------------ */

static const char *kind_name(enum frame_kind kind)
{
	static const char *const names[] = {
		[FRAME_FREE] = "free", [FRAME_KERNEL] = "kernel",
		[FRAME_PAGE_TABLE] = "page-table", [FRAME_ANON] = "anon",
		[FRAME_PAGE_CACHE] = "page-cache", [FRAME_ZERO] = "zero",
	};

	return names[kind];
}

static void write_lines(FILE *out, int indent, char *const *lines,
			size_t count)
{
	for (size_t i = 0; i < count; i++)
		fprintf(out, "%*s%s\n", indent, "", lines[i]);
}

static void write_entries_text(FILE *out, const struct view *v, int indent)
{
	char bits[64];

	for (size_t i = 0; i < v->entry_count; i++) {
		const struct view_entry *e = &v->entries[i];

		fprintf(out, "%*s%s[%u] at %08" PRIx32 " = %08" PRIx32 " (%s)",
			indent + (e->is_pde ? 0 : 2), "",
			e->is_pde ? "pde" : "pte", e->index, e->paddr, e->value,
			pte_describe(e->value, e->is_pde, bits, sizeof bits));
		if (e->is_pde)
			fprintf(out, " %08" PRIx32 "-%08" PRIx32 "\n",
				e->address, e->address + 0x3fffffu);
		else if (pte_is_swap(e->value))
			fprintf(out, " %08" PRIx32 " swap slot %" PRIu32 "\n",
				e->address, swap_pte_offset(e->value));
		else
			fprintf(out, " %08" PRIx32 " frame %#" PRIx32 "\n",
				e->address, pte_pfn(e->value));
	}
}

static void write_frames_text(FILE *out, const struct view *v, int indent)
{
	fprintf(out, "%*sframes in use: %" PRIu64 " (%" PRIu64 " the kernel's, "
		"not listed)\n", indent, "", v->used_frames, v->kernel_frames);
	if (v->frame_count > 0)
		fprintf(out, "%*s%-8s %-10s %3s %3s  %-44s %s\n", indent + 2, "",
			"frame", "kind", "ref", "map", "holds", "mapped by");
	for (size_t i = 0; i < v->frame_count; i++) {
		const struct view_frame *f = &v->frames[i];

		fprintf(out, "%*s%#-8" PRIx32 " %-10s %3" PRIu32 " %3" PRIu32
			"  %-*s", indent + 2, "", f->pfn, kind_name(f->kind),
			f->refcount, f->mapcount, f->mapper_count ? 44 : 0,
			f->what);
		for (size_t j = 0; j < f->mapper_count; j++) {
			const struct view_mapper *x = &v->mappers[f->first_mapper + j];

			fprintf(out, " %d:%08" PRIx32 "%s", x->pid, x->address,
				x->writable ? "" : "(ro)");
		}
		fputc('\n', out);
	}
}

int view_write_text(FILE *out, const struct view *v, int indent)
{
	if (v->pid != 0 && (v->parts & VIEW_VMAS)) {
		fprintf(out, "%*svmas of pid %d (%s):\n", indent, "", v->pid,
			v->name);
		write_lines(out, indent + 2, v->vmas, v->vma_count);
	}
	if (v->pid != 0 && (v->parts & VIEW_PAGE_TABLE)) {
		fprintf(out, "%*spage table of pid %d (cr3 %08" PRIx32 "), "
			"ptdump:\n", indent, "", v->pid, v->cr3);
		write_lines(out, indent + 2, v->page_table, v->page_table_count);
	}
	if (v->pid != 0 && (v->parts & VIEW_ENTRIES)) {
		fprintf(out, "%*sentries of pid %d:\n", indent, "", v->pid);
		write_entries_text(out, v, indent + 2);
	}
	if (v->pid == 0 && (v->parts & ~VIEW_FRAMES))
		fprintf(out, "%*sno process: nothing but the frames to show\n",
			indent, "");
	if (v->parts & VIEW_FRAMES)
		write_frames_text(out, v, indent);
	return ferror(out) ? -1 : 0;
}

/* ---- for programs ------------------------------------------------------------------ */

static void yaml_lines(struct yaml_writer *w, const char *key,
		       char *const *lines, size_t count)
{
	yaml_writer_str(w, key);
	yaml_writer_begin_seq(w, false);
	for (size_t i = 0; i < count; i++)
		yaml_writer_str(w, lines[i]);
	yaml_writer_end_seq(w);
}

static void yaml_entry(struct yaml_writer *w, const struct view_entry *e)
{
	char bits[64];

	yaml_writer_begin_map(w);
	yaml_writer_key_str(w, "level", e->is_pde ? "pde" : "pte");
	yaml_writer_key_int(w, "index", e->index);
	yaml_writer_key_hex(w, "at", e->paddr, 8);
	yaml_writer_key_hex(w, "value", e->value, 8);
	yaml_writer_key_str(w, "bits", pte_describe(e->value, e->is_pde, bits,
						    sizeof bits));
	yaml_writer_key_hex(w, "address", e->address, 8);
	if (!e->is_pde && pte_is_swap(e->value))
		yaml_writer_key_int(w, "swap-slot", swap_pte_offset(e->value));
	else if (!e->is_pde && pte_maps_frame(e->value))
		yaml_writer_key_hex(w, "frame", pte_pfn(e->value), 0);
	yaml_writer_end_map(w);
}

static void yaml_frame(struct yaml_writer *w, const struct view *v,
		       const struct view_frame *f)
{
	yaml_writer_begin_map(w);
	yaml_writer_key_hex(w, "frame", f->pfn, 0);
	yaml_writer_key_str(w, "kind", kind_name(f->kind));
	yaml_writer_key_int(w, "refcount", f->refcount);
	yaml_writer_key_int(w, "mapcount", f->mapcount);
	yaml_writer_key_str(w, "holds", f->what);
	yaml_writer_key_bool(w, "dirty", f->dirty);
	if (f->swap_slot != 0)
		yaml_writer_key_int(w, "swap-slot", f->swap_slot);
	yaml_writer_str(w, "mapped-by");
	yaml_writer_begin_seq(w, false);
	for (size_t j = 0; j < f->mapper_count; j++) {
		const struct view_mapper *x = &v->mappers[f->first_mapper + j];

		yaml_writer_begin_map(w);
		yaml_writer_key_int(w, "pid", x->pid);
		yaml_writer_key_hex(w, "address", x->address, 8);
		yaml_writer_key_bool(w, "writable", x->writable);
		yaml_writer_end_map(w);
	}
	yaml_writer_end_seq(w);
	yaml_writer_end_map(w);
}

void view_write_yaml(struct yaml_writer *w, const struct view *v)
{
	yaml_writer_begin_map(w);
	if (v->pid != 0) {
		yaml_writer_key_int(w, "pid", v->pid);
		yaml_writer_key_hex(w, "cr3", v->cr3, 8);
	}
	if (v->pid != 0 && (v->parts & VIEW_VMAS))
		yaml_lines(w, "vmas", v->vmas, v->vma_count);
	if (v->pid != 0 && (v->parts & VIEW_PAGE_TABLE))
		yaml_lines(w, "page-table", v->page_table, v->page_table_count);
	if (v->pid != 0 && (v->parts & VIEW_ENTRIES)) {
		yaml_writer_str(w, "entries");
		yaml_writer_begin_seq(w, false);
		for (size_t i = 0; i < v->entry_count; i++)
			yaml_entry(w, &v->entries[i]);
		yaml_writer_end_seq(w);
	}
	if (v->parts & VIEW_FRAMES) {
		yaml_writer_key_int(w, "frames-in-use", (long long)v->used_frames);
		yaml_writer_key_int(w, "kernel-frames", (long long)v->kernel_frames);
		yaml_writer_str(w, "frames");
		yaml_writer_begin_seq(w, false);
		for (size_t i = 0; i < v->frame_count; i++)
			yaml_frame(w, v, &v->frames[i]);
		yaml_writer_end_seq(w);
	}
	yaml_writer_end_map(w);
}
