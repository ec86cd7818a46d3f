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

/* ---- the VMAs as fields ------------------------------------------------------ */

static int add_vma_record(void *ctx, const struct maps_vma_record *rec)
{
	struct view *v = ctx;
	struct view_vma *grown = grow(v->vma_records, &v->vma_record_count,
				      sizeof *grown);

	if (grown == NULL)
		return -1;
	v->vma_records = grown;
	grown += v->vma_record_count - 1;
	grown->record = *rec;
	if (rec->name != NULL && (grown->name = strdup(rec->name)) == NULL)
		return -1;
	grown->record.name = grown->name;
	return 0;
}

struct table_arg {
	struct machine *m;
	uint32_t cr3;
};

static int add_run(void *ctx, const struct pt_dump_run *run)
{
	struct view *v = ctx;
	struct pt_dump_run *grown = grow(v->runs, &v->run_count,
					 sizeof *grown);

	if (grown == NULL)
		return -1;
	v->runs = grown;
	grown[v->run_count - 1] = *run;
	return 0;
}

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
	pte_t pgd[PTRS_PER_TABLE], table[PTRS_PER_TABLE];

	if (!phys_read_words(&m->mem, p->pgd >> PAGE_SHIFT, pgd))
		return 0;
	for (unsigned i = 0; i < pde_index(PAGE_OFFSET); i++) {
		pte_t pde = pgd[i];

		if (!pte_present(pde))
			continue;
		if (add_entry(v, true, i, p->pgd + 4 * i, pde,
			      i << PGDIR_SHIFT) != 0)
			return -1;
		if ((pde & PTE_PS) ||
		    !phys_read_words(&m->mem, pte_pfn(pde), table))
			continue;
		for (unsigned j = 0; j < PTRS_PER_TABLE; j++)
			if (table[j] != 0 &&
			    add_entry(v, false, j,
				      (pde & PTE_FRAME_MASK) + 4 * j, table[j],
				      i << PGDIR_SHIFT | j << PAGE_SHIFT) != 0)
				return -1;
	}
	return 0;
}

/* ---- the frames ------------------------------------------------------------ */

/* A user PTE mapping a frame, or a page-table frame's owner, found by
 * walking the page tables; sorted by frame, then merged into the list. */
struct found {
	uint32_t pfn;
	struct view_mapper mapper;
	char owner_text[48];	/* a page-table frame: whose, for what */
	struct view_table_owner owner;
};

struct finds {
	struct found *items;
	size_t count;
};

static struct found *add_found(struct finds *f, uint32_t pfn)
{
	struct found *grown = grow(f->items, &f->count, sizeof *grown);

	if (grown == NULL)
		return NULL;
	f->items = grown;
	grown[f->count - 1].pfn = pfn;
	return &grown[f->count - 1];
}

/* A user PTE of PID mapping frame PFN at ADDRESS. */
static int add_mapper(struct finds *f, uint32_t pfn, int pid,
		      uint32_t address, bool writable)
{
	struct found *x = add_found(f, pfn);

	if (x == NULL)
		return -1;
	x->mapper = (struct view_mapper){ pid, address, writable };
	return 0;
}

/* Frame PFN is PID's page directory (PDE_INDEX < 0) or the page table
 * under its directory's entry PDE_INDEX (PID 0: the kernel's). */
static int add_table(struct finds *f, uint32_t pfn, int pid, int pde_index)
{
	struct found *x = add_found(f, pfn);
	uint64_t start = (uint64_t)pde_index << PGDIR_SHIFT;

	if (x == NULL)
		return -1;
	x->owner = (struct view_table_owner){ pde_index < 0, pid,
		pde_index < 0 ? 0 : start,
		pde_index < 0 ? 0 : start + (1u << PGDIR_SHIFT) };
	if (pde_index < 0 && pid == 0)
		snprintf(x->owner_text, sizeof x->owner_text,
			 "swapper_pg_dir");
	else if (pde_index < 0)
		snprintf(x->owner_text, sizeof x->owner_text,
			 "page directory of pid %d", pid);
	else if (pid == 0)
		snprintf(x->owner_text, sizeof x->owner_text,
			 "page table of the kernel, %08" PRIx64 "-%08" PRIx64,
			 start, x->owner.end - 1);
	else
		snprintf(x->owner_text, sizeof x->owner_text,
			 "page table of pid %d, %08" PRIx64 "-%08" PRIx64, pid,
			 start, x->owner.end - 1);
	return 0;
}

/* Process P's directory, tables and the frames its PTEs map. */
static int find_in(struct finds *f, struct machine *m, const struct process *p)
{
	pte_t pgd[PTRS_PER_TABLE], table[PTRS_PER_TABLE];

	if (add_table(f, p->pgd >> PAGE_SHIFT, p->pid, -1) != 0)
		return -1;
	if (!phys_read_words(&m->mem, p->pgd >> PAGE_SHIFT, pgd))
		return 0;
	for (unsigned i = 0; i < pde_index(PAGE_OFFSET); i++) {
		pte_t pde = pgd[i];

		if (!pte_present(pde) || (pde & PTE_PS))
			continue;
		if (add_table(f, pte_pfn(pde), p->pid, (int)i) != 0)
			return -1;
		if (!phys_read_words(&m->mem, pte_pfn(pde), table))
			continue;
		for (unsigned j = 0; j < PTRS_PER_TABLE; j++) {
			pte_t pte = table[j];

			if (pte_maps_frame(pte) &&
			    add_mapper(f, pte_pfn(pte), p->pid,
				       i << PGDIR_SHIFT | j << PAGE_SHIFT,
				       pte & PTE_RW) != 0)
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

/* A page-cache frame's file, as the report names it: a host file by its
 * last component, a shmem file by the kernel's name for it. */
static const char *file_name(const struct frame_info *info)
{
	return info->file && info->file->shmem ? info->file->path
	       : base_name(info->file ? info->file->path : NULL);
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
		snprintf(buf, size, "%s page %" PRIu64, file_name(info),
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
	if (info->kind == FRAME_ANON)
		frame->address = info->address;
	if (info->kind == FRAME_PAGE_CACHE) {
		snprintf(frame->file, sizeof frame->file, "%s", file_name(info));
		frame->index = info->index;
	}
	for (; *at < f->count && f->items[*at].pfn <= pfn; (*at)++) {
		const struct found *x = &f->items[*at];
		struct view_mapper *grown;

		if (x->pfn < pfn)
			continue;	/* a PTE to a frame not in use */
		if (x->owner_text[0] != '\0') {
			snprintf(frame->what, sizeof frame->what, "%s",
				 x->owner_text);
			frame->has_owner = true;
			frame->owner = x->owner;
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

	if (add_table(f, pgd >> PAGE_SHIFT, 0, -1) != 0)
		return -1;
	for (unsigned i = pde_index(PAGE_OFFSET); i < PTRS_PER_TABLE; i++) {
		pte_t pde = phys_read32(&m->mem, pgd + 4 * i);

		if (!pte_present(pde) || (pde & PTE_PS))
			continue;
		if (add_table(f, pte_pfn(pde), 0, (int)i) != 0)
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
		const struct frame_info *info = phys_frame_peek(&m->mem, pfn);

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
	if ((parts & VIEW_VMAS) && maps_for_each_vma(&p->mm, add_vma_record,
						     v) != 0)
		return host_nomem(err);
	if ((parts & VIEW_PAGE_TABLE) &&
	    capture(write_page_table, &t, &v->page_table, &v->page_table_count,
		    err) != 0)
		return -1;
	if ((parts & VIEW_PAGE_TABLE) &&
	    pt_dump_user_runs(&m->mem, p->pgd, add_run, v) != 0)
		return host_nomem(err);
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
	for (size_t i = 0; i < v->vma_record_count; i++)
		free(v->vma_records[i].name);
	free(v->vma_records);
	free_lines(v->page_table, v->page_table_count);
	free(v->runs);
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

static void yaml_vmas(struct yaml_writer *w, const struct view *v)
{
	yaml_writer_str(w, "vmas");
	yaml_writer_begin_seq(w, false);
	for (size_t i = 0; i < v->vma_record_count; i++) {
		yaml_writer_begin_map(w);
		maps_report_yaml_vma(w, &v->vma_records[i].record);
		yaml_writer_end_map(w);
	}
	yaml_writer_end_seq(w);
}

/* ptdump's runs: the range, the level, whether present, the flags. */
static void yaml_page_table(struct yaml_writer *w, const struct view *v)
{
	yaml_writer_str(w, "page-table");
	yaml_writer_begin_seq(w, false);
	for (size_t i = 0; i < v->run_count; i++) {
		const struct pt_dump_run *run = &v->runs[i];
		const char *flags[PT_DUMP_FLAGS];
		size_t count = pt_dump_run_flags(run, flags);

		yaml_writer_begin_map(w);
		yaml_writer_key_hex(w, "start", run->start, 8);
		yaml_writer_key_hex(w, "end", run->end, 8);
		yaml_writer_key_str(w, "level", run->pte_level ? "pte" : "pmd");
		yaml_writer_key_bool(w, "present", run->prot & PTE_P);
		yaml_writer_str(w, "flags");
		yaml_writer_begin_seq(w, true);
		for (size_t j = 0; j < count; j++)
			yaml_writer_str(w, flags[j]);
		yaml_writer_end_seq(w);
		yaml_writer_end_map(w);
	}
	yaml_writer_end_seq(w);
}

static void yaml_entry(struct yaml_writer *w, const struct view_entry *e)
{
	const char *bits[PTE_BITS];
	size_t count = pte_bit_names(e->value, e->is_pde, bits);

	yaml_writer_begin_map(w);
	yaml_writer_key_str(w, "level", e->is_pde ? "pde" : "pte");
	yaml_writer_key_int(w, "index", e->index);
	yaml_writer_key_hex(w, "at", e->paddr, 8);
	yaml_writer_key_hex(w, "value", e->value, 8);
	yaml_writer_str(w, "bits");
	yaml_writer_begin_seq(w, true);
	for (size_t i = 0; i < count; i++)
		yaml_writer_str(w, bits[i]);
	yaml_writer_end_seq(w);
	yaml_writer_key_hex(w, "address", e->address, 8);
	if (!e->is_pde && pte_is_swap(e->value))
		yaml_writer_key_int(w, "swap-slot", swap_pte_offset(e->value));
	else if (!e->is_pde && pte_maps_frame(e->value))
		yaml_writer_key_hex(w, "frame", pte_pfn(e->value), 0);
	yaml_writer_end_map(w);
}

/* What holds says, as fields: a page directory's or table's owner (no
 * pid: the kernel's) and a table's addresses [start, end), an anonymous page's
 * address, a file page's file and index. */
static void yaml_frame_holds(struct yaml_writer *w, const struct view_frame *f)
{
	if (f->has_owner) {
		yaml_writer_key_bool(w, "directory", f->owner.directory);
		if (f->owner.pid != 0)
			yaml_writer_key_int(w, "pid", f->owner.pid);
		if (!f->owner.directory) {
			yaml_writer_key_hex(w, "start", f->owner.start, 8);
			yaml_writer_key_hex(w, "end", f->owner.end, 8);
		}
	} else if (f->kind == FRAME_ANON) {
		yaml_writer_key_hex(w, "address", f->address, 8);
	} else if (f->kind == FRAME_PAGE_CACHE) {
		yaml_writer_key_str(w, "file", f->file);
		yaml_writer_key_int(w, "index", (long long)f->index);
	}
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
	yaml_frame_holds(w, f);
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
		yaml_vmas(w, v);
	if (v->pid != 0 && (v->parts & VIEW_PAGE_TABLE))
		yaml_page_table(w, v);
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
