/* maps_picture.c - Fig. 14.22 and Fig. 14.23 from the model's mm. */
#include <config.h>

#include <elf.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "maps_picture.h"
#include "maps_report.h"
#include "text.h"

#define MARGIN 14.0
#define GIB ((uint64_t)1 << 30)

static const struct canvas_font title_font = { .size = 12, .bold = true };
static const struct canvas_font note_font = { .size = 8.5 };
static const struct canvas_font label_font = { .size = 8 };
static const struct canvas_font name_font = { .size = 8, .bold = true };
static const struct canvas_font address_font = { .size = 8, .mono = true };

static double max(double a, double b)
{
	return a > b ? a : b;
}

/* ---- the column of VMAs ----------------------------------------------- */

enum row_kind {
	ROW_VMA,
	ROW_GAP,		/* no VMA: an access faults (SIGSEGV) */
	ROW_KERNEL,		/* i386: PAGE_OFFSET up, supervisor only */
};

struct row {
	enum row_kind kind;
	const struct vma *vma;	/* ROW_VMA */
	uint64_t start, end;
	double top, height;	/* in points, laid out */
	bool broken;		/* not to scale: drawn with a break */
};

/* How a column draws pages: PAGE_HEIGHT points a page up to MAX_PAGES
 * pages; a taller VMA, and a gap of more than GAP_PAGES pages, is drawn
 * BROKEN_HEIGHT tall with a break. */
struct column_style {
	double page_height;
	unsigned max_pages;
	unsigned gap_pages;
	double broken_height;
};

struct column {
	struct row *rows;	/* from the highest address down */
	size_t count;
	double top, bottom;
};

static const struct vma vsyscall_page = {
	.start = 0xffffffffff600000ull, .end = 0xffffffffff601000ull,
	.flags = VMA_EXEC, .kind = VMA_KIND_VSYSCALL,
};

/* The top of the line the overview draws: 4 GiB for a 32-bit process,
 * the 47-bit user space (TASK_SIZE rounded up) for a 64-bit one. */
static uint64_t line_top(const struct mm *mm)
{
	return mm->target->elf_class == ELFCLASS32 ? (uint64_t)1 << 32
						   : (uint64_t)1 << 47;
}

static void add_row(struct column *col, enum row_kind kind,
		    const struct vma *vma, uint64_t start, uint64_t end)
{
	col->rows[col->count++] = (struct row){ .kind = kind, .vma = vma,
						.start = start, .end = end };
}

/* A row for VMA under the rows so far, with a gap row between when it
 * does not reach the last row's start. */
static void add_vma_row(struct column *col, const struct vma *vma)
{
	uint64_t above = col->count > 0 ? col->rows[col->count - 1].start
					: vma->end;

	if (above > vma->end)
		add_row(col, ROW_GAP, NULL, vma->end, above);
	add_row(col, ROW_VMA, vma, vma->start, vma->end);
}

/* The rows of MM's VMAs (with ONLY_PROGRAM, of the program's own: Fig.
 * 14.23), the kernel's part and the vsyscall page, high to low, with
 * the gaps between them and down to 0.  Returns -1 when out of memory. */
static int column_build(struct column *col, const struct mm *mm,
			bool only_program)
{
	const struct exec_target *t = mm->target;

	col->count = 0;
	col->rows = calloc(2 * mm->vmas.count + 4, sizeof *col->rows);
	if (col->rows == NULL)
		return -1;
	if (!only_program && t->vsyscall)
		add_row(col, ROW_VMA, &vsyscall_page, vsyscall_page.start,
			vsyscall_page.end);
	if (!only_program && t->kernel_start != 0)
		add_row(col, ROW_KERNEL, NULL, t->kernel_start, line_top(mm));
	else if (!only_program && t->elf_class == ELFCLASS32)
		add_row(col, ROW_GAP, NULL, line_top(mm), line_top(mm));
	for (size_t i = mm->vmas.count; i-- > 0;)
		if (!only_program || maps_vma_of_program(mm, &mm->vmas.vmas[i]))
			add_vma_row(col, &mm->vmas.vmas[i]);
	if (!only_program && col->count > 0 && col->rows[col->count - 1].start)
		add_row(col, ROW_GAP, NULL, 0, col->rows[col->count - 1].start);
	if (col->count > 0 && col->rows[0].start == col->rows[0].end)
		memmove(col->rows, col->rows + 1, --col->count * sizeof *col->rows);
	return 0;
}

static void row_measure(struct row *row, const struct column_style *style)
{
	uint64_t pages = (row->end - row->start) / PAGE_SIZE;

	switch (row->kind) {
	case ROW_VMA:
		row->broken = pages > style->max_pages;
		break;
	case ROW_GAP:
		row->broken = pages > style->gap_pages;
		break;
	case ROW_KERNEL:
		row->broken = true;
		break;
	}
	row->height = row->broken ? style->broken_height
				  : (double)pages * style->page_height;
}

/* Stack the rows from TOP down. */
static void column_layout(struct column *col, const struct column_style *style,
			  double top)
{
	double y = top;

	col->top = top;
	for (size_t i = 0; i < col->count; i++) {
		row_measure(&col->rows[i], style);
		col->rows[i].top = y;
		y += col->rows[i].height;
	}
	col->bottom = y;
}

/* Where address ADDR inside ROW lies: linear in the row, even when the
 * row is broken (the break is in its middle, so ends stay right). */
static double row_y(const struct row *row, uint64_t addr)
{
	double f = (double)(addr - row->start) / (double)(row->end - row->start);

	return row->top + row->height * (1 - f);
}

/* ---- words ------------------------------------------------------------- */

/* BYTES for a reader: "1 page", "3 pages" up to 16 pages, then KiB, MiB,
 * GiB, TiB with one decimal where it is not whole. */
static void human_size(char *buf, size_t size, uint64_t bytes)
{
	static const char *const units[] = { "KiB", "MiB", "GiB", "TiB",
					     "PiB", "EiB" };
	uint64_t pages = bytes / PAGE_SIZE;
	double value = (double)bytes / 1024;
	unsigned unit = 0;

	if (bytes % PAGE_SIZE == 0 && pages <= 16) {
		snprintf(buf, size, "%" PRIu64 " page%s", pages,
			 pages == 1 ? "" : "s");
		return;
	}
	while (value >= 1024 && unit < 5) {
		value /= 1024;
		unit++;
	}
	if (value == (double)(uint64_t)value)
		snprintf(buf, size, "%.0f %s", value, units[unit]);
	else
		snprintf(buf, size, "%.1f %s", value, units[unit]);
}

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash != NULL && slash[1] != '\0' ? slash + 1 : path;
}

/* The name a VMA's box shows: the file's base name, [heap], [stack]...,
 * or "anonymous". */
static const char *vma_short_name(const struct mm *mm, const struct vma *vma)
{
	const char *name = vma == &vsyscall_page ? "[vsyscall]"
						 : maps_vma_name(mm, vma);

	if (name == NULL)
		return "anonymous";
	return vma->kind == VMA_KIND_FILE ? base_name(name) : name;
}

static int address_digits(const struct mm *mm, uint64_t addr)
{
	return addr > 0xffffffffffffull ? 16
	       : mm->target->elf_class == ELFCLASS64 ? 12 : 8;
}

/* "08048000-08049000 r-xp", the maps line's first columns. */
static void vma_range(char *buf, size_t size, const struct mm *mm,
		      const struct vma *vma)
{
	char perms[5];

	maps_vma_perms(vma->flags, perms);
	snprintf(buf, size, "%0*" PRIx64 "-%0*" PRIx64 " %s",
		 address_digits(mm, vma->start), vma->start,
		 address_digits(mm, vma->end), vma->end, perms);
}

/* One colour a kind of memory, as in every picture. */
static enum canvas_colour vma_colour(const struct mm *mm,
				     const struct vma *vma)
{
	const char *name = vma == &vsyscall_page ? NULL : maps_vma_name(mm, vma);

	if (vma->kind == VMA_KIND_VDSO || vma->kind == VMA_KIND_VVAR ||
	    vma->kind == VMA_KIND_VVAR_VCLOCK || vma->kind == VMA_KIND_VSYSCALL)
		return CANVAS_SPECIAL;
	if (name != NULL && strcmp(name, "[stack]") == 0)
		return CANVAS_STACK;
	if (vma->kind != VMA_KIND_FILE)
		return CANVAS_ANON;
	if (vma->flags & VMA_EXEC)
		return CANVAS_CODE;
	return vma->flags & VMA_WRITE ? CANVAS_DATA : CANVAS_FILE;
}

/* ---- drawing the column ------------------------------------------------ */

struct column_geometry {
	double x, width;	/* the boxes */
	double label_x;		/* where the labels on the right start */
	bool no_labels;		/* the caller places them (Fig. 14.23) */
};

/* The label right of a row, and its width. */
static void row_label(char *buf, size_t size, const struct mm *mm,
		      const struct row *row)
{
	char range[64], bytes[32];

	human_size(bytes, sizeof bytes, row->end - row->start);
	switch (row->kind) {
	case ROW_VMA:
		vma_range(range, sizeof range, mm, row->vma);
		snprintf(buf, size, "%s  %s", range, bytes);
		break;
	case ROW_GAP:
		snprintf(buf, size, "unmapped, %s", bytes);
		break;
	case ROW_KERNEL:
		snprintf(buf, size, "%08" PRIx64 "-%08" PRIx64 "  %s, "
			 "supervisor only (U=0)", row->start, row->end - 1,
			 bytes);
		break;
	}
}

/* The longest right label of COL, in points. */
static double column_label_width(struct canvas *c, const struct mm *mm,
				 const struct column *col)
{
	double widest = 0;
	char label[160];

	for (size_t i = 0; i < col->count; i++) {
		double w;

		row_label(label, sizeof label, mm, &col->rows[i]);
		w = canvas_text_width(c, label, col->rows[i].kind == ROW_VMA
					 ? &address_font : &label_font);
		if (w > widest)
			widest = w;
	}
	return widest;
}

/* The name inside a box, when the box is tall enough for a line. */
static void row_name(struct canvas *c, const struct mm *mm,
		     const struct row *row, const struct column_geometry *g)
{
	const char *name = row->kind == ROW_KERNEL ? "kernel"
			   : vma_short_name(mm, row->vma);
	double mid = row->top + row->height / 2;

	if (row->height < 10 || g->no_labels)
		return;
	if (row->broken)
		mid = row->top + row->height / 4;
	canvas_text(c, g->x + g->width / 2, mid + 3, name, &name_font,
		    CANVAS_CENTER, CANVAS_INK);
}

static void draw_row(struct canvas *c, const struct mm *mm,
		     const struct row *row, const struct column_geometry *g)
{
	char label[160], title[4200];
	double mid = row->top + row->height / 2;

	row_label(label, sizeof label, mm, row);
	if (row->kind == ROW_GAP) {
		canvas_line(c, g->x, row->top, g->x, row->top + row->height,
			    0.8, true, CANVAS_MUTED);
		canvas_line(c, g->x + g->width, row->top, g->x + g->width,
			    row->top + row->height, 0.8, true, CANVAS_MUTED);
		if (row->broken)
			canvas_break(c, g->x, mid, g->width);
		if (!g->no_labels)
			canvas_text(c, g->label_x, mid + 3, label, &label_font,
				    CANVAS_LEFT, CANVAS_MUTED);
		return;
	}
	if (row->kind == ROW_KERNEL) {
		canvas_box(c, g->x, row->top, g->width, row->height,
			   CANVAS_KERNEL, "kernel", label);
		canvas_hatch(c, g->x, row->top, g->width, row->height,
			     CANVAS_MUTED);
	} else {
		snprintf(title, sizeof title, "%s %s", label,
			 row->vma == &vsyscall_page ? "[vsyscall]"
			 : maps_vma_name(mm, row->vma) ? maps_vma_name(mm, row->vma)
			 : "");
		canvas_box(c, g->x, row->top, g->width, row->height,
			   vma_colour(mm, row->vma), "vma", title);
	}
	if (row->broken)
		canvas_break(c, g->x, mid + row->height / 6, g->width);
	row_name(c, mm, row, g);
	if (!g->no_labels)
		canvas_text(c, g->label_x, mid + 3, label, row->kind == ROW_VMA
		    ? &address_font : &label_font, CANVAS_LEFT, CANVAS_INK);
}

static void draw_column(struct canvas *c, const struct mm *mm,
			const struct column *col,
			const struct column_geometry *g)
{
	for (size_t i = 0; i < col->count; i++)
		draw_row(c, mm, &col->rows[i], g);
}

/* ---- the overview: the whole line to scale -------------------------------- */

struct overview {
	double x, width, top, bottom;
	uint64_t line_top;
};

static double overview_y(const struct overview *o, uint64_t addr)
{
	return o->bottom - (double)addr / (double)o->line_top *
			   (o->bottom - o->top);
}

/* The line's address at each quarter, left of it. */
static void overview_axis(struct canvas *c, const struct mm *mm,
			  const struct overview *o)
{
	int digits = mm->target->elf_class == ELFCLASS32 ? 8 : 12;
	char label[32];

	for (int q = 0; q <= 4; q++) {
		uint64_t addr = q == 4 ? o->line_top - 1 : o->line_top / 4 * q;
		double y = overview_y(o, q == 4 ? o->line_top : addr);

		snprintf(label, sizeof label, "%0*" PRIx64, digits, addr);
		canvas_line(c, o->x - 3, y, o->x, y, 0.8, false, CANVAS_INK);
		canvas_text(c, o->x - 5, y + 3, label, &address_font,
			    CANVAS_RIGHT, CANVAS_INK);
	}
}

/* A VMA's tick on the line (at least 1.5 points, to be seen), joined to
 * its box in the column. */
static void overview_tick(struct canvas *c, const struct mm *mm,
			  const struct overview *o, const struct row *row,
			  double column_x)
{
	double y0 = overview_y(o, row->end), y1 = overview_y(o, row->start);
	char title[160];

	if (y1 - y0 < 1.5)
		y0 = (y0 + y1) / 2 - 0.75, y1 = y0 + 1.5;
	vma_range(title, sizeof title, mm, row->vma);
	canvas_line(c, o->x + o->width, (y0 + y1) / 2, column_x,
		    row->top + row->height / 2, 0.4, false, CANVAS_MUTED);
	canvas_box(c, o->x, y0, o->width, y1 - y0, vma_colour(mm, row->vma),
		   "overview", title);
}

static void draw_overview(struct canvas *c, const struct mm *mm,
			  const struct overview *o, const struct column *col,
			  double column_x)
{
	const struct exec_target *t = mm->target;

	canvas_box(c, o->x, o->top, o->width, o->bottom - o->top, CANVAS_PAPER,
		   NULL, NULL);
	if (t->kernel_start != 0) {
		double y = overview_y(o, t->kernel_start);

		canvas_box(c, o->x, o->top, o->width, y - o->top, CANVAS_KERNEL,
			   "overview-kernel", "the kernel's quarter");
		canvas_hatch(c, o->x, o->top, o->width, y - o->top, CANVAS_MUTED);
		canvas_line(c, o->x + o->width, o->top, column_x, col->top, 0.4,
			    true, CANVAS_MUTED);
		canvas_line(c, o->x + o->width, y, column_x, col->rows[0].top +
			    col->rows[0].height, 0.4, true, CANVAS_MUTED);
	}
	for (size_t i = 0; i < col->count; i++)
		if (col->rows[i].kind == ROW_VMA &&
		    col->rows[i].end <= o->line_top)
			overview_tick(c, mm, o, &col->rows[i], column_x);
	overview_axis(c, mm, o);
}

/* ---- Fig. 14.22 ----------------------------------------------------------- */

static const struct column_style address_space_style = {
	.page_height = MAPS_PICTURE_PAGE_HEIGHT, .max_pages = 8,
	.gap_pages = 2, .broken_height = 5 * MAPS_PICTURE_PAGE_HEIGHT,
};

/* The title and the note under it; returns the wider's right end. */
static double address_space_title(struct canvas *c, const struct mm *mm)
{
	char title[4200], note[200];
	const struct exec_target *t = mm->target;

	snprintf(title, sizeof title, "%s: the address space after exec",
		 base_name(mm->program.path));
	canvas_text(c, MARGIN, MARGIN + 10, title, &title_font, CANVAS_LEFT,
		    CANVAS_INK);
	if (t->kernel_start != 0)
		snprintf(note, sizeof note, "target %s: 3 GiB for the process, "
			 "the top 1 GiB the kernel's; left to scale, right "
			 "%.0f points a page", t->name, MAPS_PICTURE_PAGE_HEIGHT);
	else
		snprintf(note, sizeof note, "target %s; left to scale, right "
			 "%.0f points a page", t->name, MAPS_PICTURE_PAGE_HEIGHT);
	canvas_text(c, MARGIN, MARGIN + 24, note, &note_font, CANVAS_LEFT,
		    CANVAS_MUTED);
	return MARGIN + max(canvas_text_width(c, title, &title_font),
			    canvas_text_width(c, note, &note_font));
}

int maps_picture_address_space(struct canvas *c, const struct mm *mm,
			       double *width, double *height)
{
	struct column col;
	struct overview o = { .width = 22, .line_top = line_top(mm) };
	struct column_geometry g = { .width = 120 };
	double axis = canvas_text_width(c, mm->target->elf_class == ELFCLASS32
					? "00000000" : "000000000000",
					&address_font);
	double right;

	if (column_build(&col, mm, false) != 0)
		return -1;
	column_layout(&col, &address_space_style, MARGIN + 40);
	o.x = MARGIN + axis + 6;
	o.top = col.top;
	o.bottom = col.bottom;
	g.x = o.x + o.width + 60;
	g.label_x = g.x + g.width + 8;
	right = address_space_title(c, mm);
	draw_overview(c, mm, &o, &col, g.x);
	draw_column(c, mm, &col, &g);
	*width = max(right, g.label_x + column_label_width(c, mm, &col)) +
		 MARGIN;
	*height = col.bottom + MARGIN;
	free(col.rows);
	return 0;
}

/* ---- Fig. 14.23: the file beside its VMAs ----------------------------- */

/* Pages are tall here, so that a 48-byte .data is still a band. */
static const struct column_style sections_style = {
	.page_height = 96, .max_pages = 3, .gap_pages = 1,
	.broken_height = 2.5 * 96,
};

#define FILE_ROW_MIN 18.0
#define BAND_MIN 3.0

/* A piece of the file, in the file column: the headers, a section, or
 * what is not loaded. */
struct file_row {
	const struct elf_section *section;	/* NULL: headers or rest */
	char name[160];
	uint64_t offset, size;
	double target;		/* where its first band is, or -1 */
	const struct row *headers_vma;	/* the headers' VMA, or NULL */
	double top, height;
};

/* A right-hand label, pushed down when it would overlap the one above. */
struct side_label {
	double y;
	char text[320];
	const struct canvas_font *font;
	enum canvas_colour colour;
	double indent;
};

struct sections_layout {
	struct column col;
	struct column_geometry g;
	double file_x, file_width;
	struct file_row *rows;
	size_t row_count;
	struct side_label *labels;
	size_t label_count, label_capacity;
};

static int by_offset(const void *a, const void *b)
{
	const struct file_row *x = a, *y = b;

	return x->offset < y->offset ? -1 : x->offset > y->offset;
}

/* The program's part of a section in ROW: [*FROM, *TO), false if none. */
static bool section_part(const struct mm *mm, const struct elf_section *s,
			 const struct row *row, uint64_t *from, uint64_t *to)
{
	uint64_t start = s->addr + mm->load_bias, end = start + s->size;

	*from = start > row->start ? start : row->start;
	*to = end < row->end ? end : row->end;
	return row->kind == ROW_VMA && *from < *to;
}

/* The band of [FROM, TO) in ROW: at least BAND_MIN points. */
static void band(const struct row *row, uint64_t from, uint64_t to,
		 double *top, double *height)
{
	*top = row_y(row, to);
	*height = row_y(row, from) - *top;
	if (*height < BAND_MIN) {
		*top -= (BAND_MIN - *height) / 2;
		*height = BAND_MIN;
	}
}

/* Where section S's first part lies in the column, or -1. */
static double section_target(const struct mm *mm, const struct column *col,
			     const struct elf_section *s)
{
	double target = -1, top, height;
	uint64_t from, to;

	for (size_t i = 0; i < col->count; i++)
		if (section_part(mm, s, &col->rows[i], &from, &to)) {
			band(&col->rows[i], from, to, &top, &height);
			target = top + height / 2;
		}
	return target;
}

/* The file's first bytes: the ELF header and the program headers,
 * mapped with the first page of the text (its pgoff is 0). */
static void headers_row(struct file_row *row, const struct mm *mm,
			const struct column *col, uint64_t size)
{
	snprintf(row->name, sizeof row->name, "ELF header, program headers");
	row->size = size;
	row->target = -1;
	for (size_t i = col->count; i-- > 0;)
		if (col->rows[i].kind == ROW_VMA && col->rows[i].vma->pgoff == 0 &&
		    col->rows[i].vma->kind == VMA_KIND_FILE) {
			row->target = row_y(&col->rows[i], col->rows[i].start +
					    size / 2);
			row->headers_vma = &col->rows[i];
			break;
		}
}

/* What exec does not load: the other sections and the section headers,
 * named (three at most). */
static void rest_row(struct file_row *row, const struct elf_image *image,
		     uint64_t from)
{
	size_t named = 0;
	struct text name;

	/* cut to the row's room however long the names (a hostile file's
	 * may be any length) */
	text_init(&name, row->name, sizeof row->name);
	text_str(&name, "not loaded:");
	for (size_t i = 1; i < image->section_count && name.used < 100; i++) {
		const struct elf_section *s = &image->sections[i];

		if ((s->flags & SHF_ALLOC) || s->type == SHT_NOBITS ||
		    s->size == 0)
			continue;
		if (named++ < 3) {
			text_char(&name, ' ');
			text_str(&name, s->name);
		} else if (named == 4) {
			text_str(&name, "...");
		}
	}
	if (image->section_count <= 1)
		snprintf(row->name, sizeof row->name, "the rest of the file "
			 "(no section table to name it)");
	else
		text_str(&name, named ? ", section headers"
				      : " section headers");
	text_mark_cut(&name);
	row->offset = from;
	row->size = image->file_size > from ? image->file_size - from : 0;
	row->target = -1;
}

/* The ELF header and the program header table: from 0 to the end of
 * whichever ends later, and not past FIRST, the first section's bytes. */
static uint64_t headers_size(const struct elf_image *image, uint64_t first)
{
	uint64_t ehdr = image->elf_class == ELFCLASS64 ? sizeof(Elf64_Ehdr)
						       : sizeof(Elf32_Ehdr);
	uint64_t phdrs = image->phoff + (uint64_t)image->phnum *
					image->phentsize;
	uint64_t end = phdrs > ehdr ? phdrs : ehdr;

	if (end > image->file_size)
		end = image->file_size;
	return end < first ? end : first;
}

static double file_row_height(const struct file_row *row)
{
	double h = (double)row->size / PAGE_SIZE * sections_style.page_height;

	return h < FILE_ROW_MIN ? FILE_ROW_MIN
	       : h > sections_style.page_height ? sections_style.page_height : h;
}

/* The file's rows, by offset: the headers, each section exec maps (a
 * .bss takes no bytes), what is not loaded.  Returns -1 (out of memory). */
static int file_rows_build(struct sections_layout *l, const struct mm *mm,
			   const struct elf_image *image)
{
	uint64_t first = image->file_size, rest = 0;

	l->rows = calloc(image->section_count + 2, sizeof *l->rows);
	if (l->rows == NULL)
		return -1;
	l->row_count = 1;
	for (size_t i = 1; i < image->section_count; i++) {
		const struct elf_section *s = &image->sections[i];
		struct file_row *row = &l->rows[l->row_count];
		uint64_t bytes = s->type == SHT_NOBITS ? 0 : s->size;

		if (!maps_section_in_memory(s))
			continue;
		l->row_count++;
		row->section = s;
		snprintf(row->name, sizeof row->name, "%s", s->name);
		row->offset = s->offset;
		row->size = bytes;
		row->target = section_target(mm, &l->col, s);
		if (s->offset < first)
			first = s->offset;
		if (s->offset + bytes > rest)
			rest = s->offset + bytes;
	}
	headers_row(&l->rows[0], mm, &l->col, headers_size(image, first));
	qsort(l->rows + 1, l->row_count - 1, sizeof *l->rows, by_offset);
	rest_row(&l->rows[l->row_count++], image,
		 rest > l->rows[0].size ? rest : l->rows[0].size);
	return 0;
}

/* From the lowest offset up: each row as near its band as the rows
 * below leave room for; then all moved down if the top ran over. */
static void file_rows_place(struct sections_layout *l)
{
	double limit = l->col.bottom, shift;

	for (size_t i = 0; i < l->row_count; i++) {
		struct file_row *row = &l->rows[i];
		double bottom = limit;

		row->height = file_row_height(row);
		if (row->target >= 0 && row->target + row->height / 2 < limit)
			bottom = row->target + row->height / 2;
		row->top = bottom - row->height;
		limit = row->top - 4;
	}
	shift = l->col.top - l->rows[l->row_count - 1].top;
	for (size_t i = 0; shift > 0 && i < l->row_count; i++)
		l->rows[i].top += shift;
}

static void add_label(struct sections_layout *l, double y, const char *text,
		      const struct canvas_font *font, double indent)
{
	struct side_label *label;

	/* A crafted file's section may span many VMAs: labels past the
	 * room made for two parts a section are left out, not written. */
	if (l->label_count == l->label_capacity)
		return;
	label = &l->labels[l->label_count++];
	label->y = y;
	snprintf(label->text, sizeof label->text, "%s", text);
	label->font = font;
	label->colour = CANVAS_INK;
	label->indent = indent;
}

static int by_y(const void *a, const void *b)
{
	const struct side_label *x = a, *y = b;

	return x->y < y->y ? -1 : x->y > y->y;
}

/* The labels right of the VMAs, top down, 10 points apart at least;
 * returns the widest's right end. */
static double draw_side_labels(struct canvas *c, struct sections_layout *l)
{
	double right = 0, last = -1e9;

	qsort(l->labels, l->label_count, sizeof *l->labels, by_y);
	for (size_t i = 0; i < l->label_count; i++) {
		struct side_label *label = &l->labels[i];
		double x = l->g.label_x + label->indent;

		if (label->y < last + 10)
			label->y = last + 10;
		last = label->y;
		canvas_text(c, x, label->y, label->text, label->font,
			    CANVAS_LEFT, label->colour);
		right = max(right, x + canvas_text_width(c, label->text,
							 label->font));
	}
	return right;
}

/* What a band of section S in ROW is: its class, and words on .bss. */
static const char *band_class(const struct elf_section *s,
			      const struct row *row, const char **words)
{
	*words = "";
	if (s->type != SHT_NOBITS)
		return "section-memory";
	if (row->vma->kind == VMA_KIND_FILE) {
		*words = "  zeroed by exec (padzero) in the file's last page";
		return "bss-file";
	}
	*words = "  anonymous zero pages (set_brk)";
	return "bss-anon";
}

/* Section ROW's parts in memory, the arrows to them and their labels. */
static void draw_bands(struct canvas *c, const struct mm *mm,
		       struct sections_layout *l, const struct file_row *row)
{
	double from_x = l->file_x + l->file_width;
	double from_y = row->top + row->height / 2;

	for (size_t i = 0; i < l->col.count; i++) {
		const struct row *vma_row = &l->col.rows[i];
		const char *words, *class;
		double top, height;
		uint64_t from, to;
		char title[320];

		if (!section_part(mm, row->section, vma_row, &from, &to))
			continue;
		band(vma_row, from, to, &top, &height);
		class = band_class(row->section, vma_row, &words);
		snprintf(title, sizeof title, "%s %0*" PRIx64 "-%0*" PRIx64 "%s",
			 row->name, address_digits(mm, from), from,
			 address_digits(mm, to), to, words);
		canvas_box(c, l->g.x + 10, top, l->g.width - 20, height,
			   row->section->type == SHT_NOBITS ? CANVAS_ANON
							    : CANVAS_FILE,
			   class, title);
		if (row->section->type == SHT_NOBITS)
			canvas_hatch(c, l->g.x + 10, top, l->g.width - 20, height,
				     CANVAS_GOOD);
		canvas_arrow(c, from_x, from_y, l->g.x + 9, top + height / 2,
			     CANVAS_INK);
		add_label(l, top + height / 2 + 3, title, &label_font, 12);
	}
}

/* The headers where the text's first page maps them. */
static void draw_headers_band(struct canvas *c, const struct sections_layout *l,
			      const struct file_row *row, const char *title)
{
	const struct row *vma_row = row->headers_vma;
	double top, height;

	band(vma_row, vma_row->start, vma_row->start + row->size, &top, &height);
	canvas_box(c, l->g.x + 10, top, l->g.width - 20, height,
		   CANVAS_SPECIAL, "headers-memory", title);
	canvas_arrow(c, l->file_x + l->file_width, row->top + row->height / 2,
		     l->g.x + 9, top + height / 2, CANVAS_MUTED);
}

/* A row of the file column: its box, its name, its offsets left of it. */
static void draw_file_row(struct canvas *c, const struct mm *mm,
			  const struct sections_layout *l,
			  const struct file_row *row)
{
	bool nobits = row->section && row->section->type == SHT_NOBITS;
	double mid = row->top + row->height / 2;
	char offsets[64], title[240];

	if (nobits)
		snprintf(offsets, sizeof offsets, "no bytes");
	else
		snprintf(offsets, sizeof offsets, "%08" PRIx64 "-%08" PRIx64,
			 row->offset, row->offset + row->size);
	snprintf(title, sizeof title, "%s: file %s", row->name, offsets);
	canvas_box(c, l->file_x, row->top, l->file_width, row->height,
		   nobits ? CANVAS_PAPER : row->section ? CANVAS_FILE
							: CANVAS_SPECIAL,
		   row->section ? "section" : "file", title);
	if (nobits)
		canvas_hatch(c, l->file_x, row->top, l->file_width, row->height,
			     CANVAS_GOOD);
	canvas_text(c, l->file_x + l->file_width / 2, mid + 3, row->name,
		    row->section ? &name_font : &label_font, CANVAS_CENTER,
		    CANVAS_INK);
	canvas_text(c, l->file_x - 5, mid + 3, offsets, &address_font,
		    CANVAS_RIGHT, nobits ? CANVAS_MUTED : CANVAS_INK);
	if (row->headers_vma != NULL)
		draw_headers_band(c, l, row, title);
}

/* Each VMA's maps columns at its top, as the side labels' first. */
static void vma_labels(struct sections_layout *l, const struct mm *mm)
{
	for (size_t i = 0; i < l->col.count; i++) {
		const struct row *row = &l->col.rows[i];
		char range[64], text[320];

		if (row->kind != ROW_VMA)
			continue;
		vma_range(range, sizeof range, mm, row->vma);
		snprintf(text, sizeof text, "%s %s", range,
			 vma_short_name(mm, row->vma));
		add_label(l, row->top + 11, text, &address_font, 0);
	}
}

static double sections_title(struct canvas *c, const struct mm *mm)
{
	char title[4200], note[200];

	snprintf(title, sizeof title, "%s: the ELF file beside the VMAs it "
		 "becomes", base_name(mm->program.path));
	snprintf(note, sizeof note, "left the file and its offsets, right "
		 "the program's VMAs at %.0f points a page; .bss has no bytes "
		 "in the file", sections_style.page_height);
	canvas_text(c, MARGIN, MARGIN + 10, title, &title_font, CANVAS_LEFT,
		    CANVAS_INK);
	canvas_text(c, MARGIN, MARGIN + 24, note, &note_font, CANVAS_LEFT,
		    CANVAS_MUTED);
	return MARGIN + max(canvas_text_width(c, title, &title_font),
			    canvas_text_width(c, note, &note_font));
}

static int sections_layout(struct canvas *c, struct sections_layout *l,
			   const struct mm *mm, const struct elf_image *image)
{
	double offsets = canvas_text_width(c, "00000000-00000000",
					   &address_font);

	if (column_build(&l->col, mm, true) != 0)
		return -1;
	column_layout(&l->col, &sections_style, MARGIN + 44);
	l->file_x = MARGIN + offsets + 6;
	if (file_rows_build(l, mm, image) != 0)
		return -1;
	l->file_width = 150;
	for (size_t i = 0; i < l->row_count; i++)
		l->file_width = max(l->file_width, 12 + canvas_text_width(
			c, l->rows[i].name, &label_font));
	l->g.x = l->file_x + l->file_width + 110;
	l->g.width = 130;
	l->g.label_x = l->g.x + l->g.width + 8;
	l->g.no_labels = true;
	file_rows_place(l);
	l->label_capacity = l->col.count + 2 * l->row_count;
	l->labels = calloc(l->label_capacity, sizeof *l->labels);
	return l->labels == NULL ? -1 : 0;
}

int maps_picture_sections(struct canvas *c, const struct mm *mm,
			  const struct elf_image *image, double *width,
			  double *height)
{
	struct sections_layout l = { 0 };
	double right, bottom;
	int status = -1;

	if (sections_layout(c, &l, mm, image) == 0) {
		right = sections_title(c, mm);
		draw_column(c, mm, &l.col, &l.g);
		vma_labels(&l, mm);
		bottom = l.col.bottom;
		for (size_t i = 0; i < l.row_count; i++) {
			draw_file_row(c, mm, &l, &l.rows[i]);
			if (l.rows[i].section != NULL)
				draw_bands(c, mm, &l, &l.rows[i]);
			bottom = max(bottom, l.rows[i].top + l.rows[i].height);
		}
		right = max(right, draw_side_labels(c, &l));
		*width = right + MARGIN;
		if (l.label_count > 0)
			bottom = max(bottom, l.labels[l.label_count - 1].y);
		*height = bottom + MARGIN;
		status = 0;
	}
	free(l.col.rows);
	free(l.rows);
	free(l.labels);
	return status;
}
