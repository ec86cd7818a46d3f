/* walk_picture.c - one fault's page walk, drawn (walk_picture.h). */
#include <config.h>

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "replay_report.h"
#include "walk_picture.h"

/* ---- taking the fault ---------------------------------------------------- */

/* Copy the report's lines for fault INDEX out of TEXT (the step's text
 * report): its "fault N:" line and the lines indented under it. */
static int copy_lines(struct walk_fault *f, const char *text, unsigned index)
{
	char head[32];
	const char *at;

	snprintf(f->heading, sizeof f->heading, "%.*s",
		 (int)strcspn(text, "\n"), text);
	snprintf(head, sizeof head, "\n  fault %u:", index);
	if ((at = strstr(text, head)) == NULL)
		return -1;
	at += 3;
	snprintf(f->fault_line, sizeof f->fault_line, "%.*s",
		 (int)strcspn(at, "\n"), at);
	at += strcspn(at, "\n");
	while (strncmp(at, "\n    ", 5) == 0 &&
	       f->line_count < WALK_PICTURE_LINES) {
		at += 5;
		snprintf(f->lines[f->line_count++], sizeof f->lines[0], "%.*s",
			 (int)strcspn(at, "\n"), at);
		at += strcspn(at, "\n");
	}
	return 0;
}

int walk_fault_take(struct walk_fault *f, const struct replay *r,
		    const struct replay_outcome *o, unsigned index)
{
	char *text = NULL;
	size_t size = 0;
	FILE *out;
	int rc = -1;

	memset(f, 0, sizeof *f);
	if (index == 0 || index > o->fault_count)
		return -1;
	f->step = o->number;
	f->index = index;
	f->hw = o->faults[index - 1].hw;
	if ((out = open_memstream(&text, &size)) == NULL)
		return -1;
	replay_report_text_step(out, r, o, 0);
	if (fclose(out) == 0 && text != NULL)
		rc = copy_lines(f, text, index);
	free(text);
	return rc;
}

/* ---- the layout ---------------------------------------------------------- */

#define MARGIN 16.0
#define CARD_W 250.0
#define GAP 56.0
#define CELL_W 26.0
#define CELL_H 16.0
#define ROW 15.0
#define ARROW_AT (CARD_W * 0.75)	/* where an index field points in */

static const struct canvas_font title_font = { 11, true, false };
static const struct canvas_font sans = { 10, false, false };
static const struct canvas_font bold = { 10, true, false };
static const struct canvas_font note = { 8, false, false };
static const struct canvas_font mono = { 9, false, true };
static const struct canvas_font mono_small = { 7.5, false, true };

/* The columns: CR3, the directory, the table, the frame. */
static const double x_cr3 = MARGIN;
static const double x_pd = MARGIN + 100;
static const double x_pt = MARGIN + 100 + CARD_W + GAP;
static const double x_frame = MARGIN + 100 + 2 * (CARD_W + GAP);
static const double frame_w = 170;

/* An entry's bits 8 to 0, as the SDM's figure lists them. */
static const char *const bit_names[2][9] = {
	{ "P", "RW", "US", "PWT", "PCD", "A", "D", "PAT", "G" },
	{ "P", "RW", "US", "PWT", "PCD", "A", "D", "PS", "G" },
};

/* The bit the failed check tests (-1: the reserved bits). */
static int failed_bit(enum mmu_check check)
{
	return check == MMU_CHECK_P ? 0 : check == MMU_CHECK_W ? 1
	       : check == MMU_CHECK_U ? 2 : -1;
}

/* The linear address, split as the MMU splits it, over the cards. */
static void draw_address(struct canvas *c, const struct walk_fault *f,
			 double y)
{
	const uint32_t a = f->hw.cr2;
	char text[64];

	snprintf(text, sizeof text, "linear address 0x%08" PRIx32 " (cr2)", a);
	canvas_text(c, x_pd, y - 4, text, &bold, CANVAS_LEFT, CANVAS_INK);
	snprintf(text, sizeof text, "directory %u  (bits 31:22)",
		 pde_index(a));
	canvas_box(c, x_pd, y, CARD_W, 20, CANVAS_PAPER, "field", text);
	canvas_text(c, x_pd + CARD_W / 2, y + 14, text, &sans, CANVAS_CENTER,
		    CANVAS_INK);
	snprintf(text, sizeof text, "table %u  (bits 21:12)", pte_index(a));
	canvas_box(c, x_pt, y, CARD_W, 20, CANVAS_PAPER, "field", text);
	canvas_text(c, x_pt + CARD_W / 2, y + 14, text, &sans, CANVAS_CENTER,
		    CANVAS_INK);
	snprintf(text, sizeof text, "offset %#" PRIx32 "  (bits 11:0)",
		 a & (PAGE_SIZE - 1));
	canvas_box(c, x_frame, y, frame_w, 20, CANVAS_PAPER, "field", text);
	canvas_text(c, x_frame + frame_w / 2, y + 14, text, &sans,
		    CANVAS_CENTER, CANVAS_INK);
}

/* One entry the walk read (or would have). */
struct entry_card {
	bool is_pde;
	unsigned index;
	uint32_t paddr;		/* the word's physical address */
	pte_t value;
	bool read;
	bool failed;		/* the walk failed at this entry */
	enum mmu_check check;
};

/* The entry's flag bits, 8 to 0, set ones filled, the failed one in the
 * alert colour. */
static void draw_bits(struct canvas *c, const struct entry_card *e,
		      double x, double y)
{
	const char *level = e->is_pde ? "pde" : "pte";

	for (int bit = 8; bit >= 0; bit--) {
		const char *name = bit_names[e->is_pde][bit];
		bool set = e->value & (1u << bit);
		bool failed = e->failed && failed_bit(e->check) == bit;
		double cx = x + (8 - bit) * CELL_W;
		char title[48];

		snprintf(title, sizeof title, "%s.%s=%d%s", level, name, set,
			 failed ? " failed" : "");
		canvas_box(c, cx, y, CELL_W, CELL_H, failed ? CANVAS_ALERT
			   : set ? CANVAS_GOOD : CANVAS_PAPER, "bit", title);
		canvas_text(c, cx + CELL_W / 2, y + CELL_H - 5, name,
			    &mono_small, CANVAS_CENTER,
			    failed || set ? CANVAS_PAPER : CANVAS_INK);
	}
}

/* What the failed check found, under the bits. */
static void draw_failure(struct canvas *c, const struct entry_card *e,
			 double x, double y)
{
	static const char *const says[] = {
		[MMU_CHECK_P] = "not present (P = 0)",
		[MMU_CHECK_W] = "read-only (RW = 0)",
		[MMU_CHECK_U] = "supervisor only (US = 0)",
		[MMU_CHECK_RSVD] = "a reserved bit set",
	};
	char text[96];

	snprintf(text, sizeof text, "walk failed: %s.%s, %s",
		 e->is_pde ? "pde" : "pte", mmu_check_name(e->check),
		 says[e->check]);
	canvas_text(c, x, y, text, &bold, CANVAS_LEFT, CANVAS_ALERT);
}

/* An entry's card at (X, Y): its table, its word, its bits; returns its
 * height. */
static double draw_card(struct canvas *c, const struct entry_card *e,
			double x, double y)
{
	const char *level = e->is_pde ? "pde" : "pte";
	char text[96];

	snprintf(text, sizeof text, "%s at 0x%08" PRIx32, e->is_pde ?
		 "page directory" : "page table", e->paddr & PTE_FRAME_MASK);
	if (!e->read)	/* mmu.c reads the PTE unless the PDE is absent */
		snprintf(text, sizeof text, "no page table: the PDE is not "
			 "present");
	canvas_text(c, x, y + 10, text, &note, CANVAS_LEFT, CANVAS_MUTED);
	if (!e->read) {
		canvas_box(c, x, y + 14, CARD_W, 20 + 8 + CELL_H, CANVAS_PAPER,
			   "entry", "not read");
		canvas_hatch(c, x, y + 14, CARD_W, 20 + 8 + CELL_H,
			     CANVAS_MUTED);
		canvas_text(c, x + CARD_W / 2, y + 36, "not read", &sans,
			    CANVAS_CENTER, CANVAS_MUTED);
		return 14 + 28 + CELL_H;
	}
	snprintf(text, sizeof text, "%s[%u] = 0x%08" PRIx32, level, e->index,
		 e->value);
	canvas_box(c, x, y + 14, CARD_W, 20, CANVAS_PAPER, "entry", text);
	canvas_text(c, x + 6, y + 28, text, &mono, CANVAS_LEFT,
		    e->failed ? CANVAS_ALERT : CANVAS_INK);
	draw_bits(c, e, x + (CARD_W - 9 * CELL_W) / 2, y + 42);
	snprintf(text, sizeof text, "at 0x%08" PRIx32 "; bits 31:12: %#" PRIx32,
		 e->paddr, pte_pfn(e->value));
	canvas_text(c, x, y + 42 + CELL_H + 12, text, &note, CANVAS_LEFT,
		    CANVAS_MUTED);
	if (e->failed)
		draw_failure(c, e, x, y + 42 + CELL_H + 26);
	return 42 + CELL_H + 30;
}

/* The frame the walk reached: the PTE's (or a 4 MiB page's), when
 * present - a permission fault still names it. */
static bool frame_reached(const struct mmu_fault *hw, uint32_t *pfn)
{
	if (pte_present(hw->pde) && (hw->pde & PTE_PS)) {
		*pfn = pde_large_pfn(hw->pde, hw->cr2);
		return true;
	}
	if (!hw->pte_read || !pte_present(hw->pte))
		return false;
	*pfn = pte_pfn(hw->pte);
	return true;
}

/* The frame's card at (x_frame, Y). */
static void draw_frame(struct canvas *c, const struct mmu_fault *hw, double y)
{
	const double h = 20 + 8 + CELL_H;
	char text[64], title[96];
	uint32_t pfn;

	canvas_text(c, x_frame, y + 10, "the page's frame", &note, CANVAS_LEFT,
		    CANVAS_MUTED);
	if (!frame_reached(hw, &pfn)) {
		const char *none = hw->from_tlb ? "in the TLB entry"
						: "no frame";

		canvas_box(c, x_frame, y + 14, frame_w, h, CANVAS_PAPER,
			   "frame", none);
		canvas_hatch(c, x_frame, y + 14, frame_w, h, CANVAS_MUTED);
		canvas_text(c, x_frame + frame_w / 2, y + 36, none, &sans,
			    CANVAS_CENTER, CANVAS_MUTED);
		return;
	}
	snprintf(text, sizeof text, "frame %#" PRIx32, pfn);
	snprintf(title, sizeof title, "frame %#" PRIx32 ", the access refused",
		 pfn);
	canvas_box(c, x_frame, y + 14, frame_w, h, CANVAS_ANON, "frame", title);
	canvas_text(c, x_frame + 6, y + 28, text, &bold, CANVAS_LEFT,
		    CANVAS_INK);
	snprintf(text, sizeof text, "byte 0x%08" PRIx32 ": refused",
		 pfn << PAGE_SHIFT | (hw->cr2 & (PAGE_SIZE - 1)));
	canvas_text(c, x_frame + 6, y + 46, text, &mono_small, CANVAS_LEFT,
		    CANVAS_INK);
}

/* The two entries as the walk read them. */
static void entry_cards(const struct mmu_fault *hw, struct entry_card *pde,
			struct entry_card *pte)
{
	*pde = (struct entry_card){ true, pde_index(hw->cr2), hw->pde_paddr,
				    hw->pde, true,
				    hw->level == MMU_LEVEL_PDE, hw->check };
	*pte = (struct entry_card){ false, pte_index(hw->cr2), hw->pte_paddr,
				    hw->pte, hw->pte_read,
				    hw->level == MMU_LEVEL_PTE, hw->check };
	if (!hw->pte_read)	/* where the table would be */
		pte->paddr = (hw->pde & PTE_FRAME_MASK) + 4 * pte->index;
}

/* A fault the TLB gave (mmu.c's use_tlb_entry()): the entry cached for
 * the page refused the access before any walk, so no PDE or PTE was
 * read; the kernel's handler reads them afterwards. */
static double draw_tlb(struct canvas *c, const struct walk_fault *f, double y)
{
	const double w = x_pt + CARD_W - x_pd;
	const char *bit = f->hw.check == MMU_CHECK_U ? "US" : "RW";
	char text[96], title[48];

	canvas_text(c, x_pd, y + 10, "the TLB", &note, CANVAS_LEFT,
		    CANVAS_MUTED);
	snprintf(text, sizeof text, "entry for page 0x%05" PRIx32 " (cached "
		 "from an earlier walk)", f->hw.cr2 >> PAGE_SHIFT);
	canvas_box(c, x_pd, y + 14, w, 20, CANVAS_PAPER, "entry", text);
	canvas_text(c, x_pd + 6, y + 28, text, &mono, CANVAS_LEFT, CANVAS_INK);
	snprintf(title, sizeof title, "tlb.%s=0 failed", bit);
	canvas_box(c, x_pd, y + 42, CELL_W, CELL_H, CANVAS_ALERT, "bit", title);
	canvas_text(c, x_pd + CELL_W / 2, y + 42 + CELL_H - 5, bit,
		    &mono_small, CANVAS_CENTER, CANVAS_PAPER);
	snprintf(text, sizeof text, "walk failed: the TLB's %s = 0 refused "
		 "it; no PDE or PTE read", bit);
	canvas_text(c, x_pd + CELL_W + 8, y + 42 + CELL_H - 4, text, &bold,
		    CANVAS_LEFT, CANVAS_ALERT);
	canvas_arrow(c, x_pd + ARROW_AT, y - 24, x_pd + ARROW_AT, y + 14,
		     CANVAS_INK);
	canvas_arrow(c, x_pt + ARROW_AT, y - 24, x_pt + ARROW_AT, y + 14,
		     CANVAS_INK);
	draw_frame(c, &f->hw, y);
	return y + 42 + CELL_H + 8;
}

/* CR3, the two cards, the frame and the arrows between them, from Y;
 * returns their bottom. */
static double draw_walk(struct canvas *c, const struct walk_fault *f,
			double y)
{
	const double mid = y + 24, field_bottom = y - 24;
	struct entry_card pde, pte;
	char text[32];
	double h;

	if (f->hw.from_tlb)
		return draw_tlb(c, f, y);
	entry_cards(&f->hw, &pde, &pte);
	snprintf(text, sizeof text, "cr3 0x%08" PRIx32,
		 f->hw.pde_paddr & PTE_FRAME_MASK);
	canvas_box(c, x_cr3, y + 14, 90, 20, CANVAS_KERNEL, "cr3", text);
	canvas_text(c, x_cr3 + 45, y + 28, text, &mono_small, CANVAS_CENTER,
		    CANVAS_INK);
	canvas_arrow(c, x_cr3 + 90, mid, x_pd, mid, CANVAS_INK);
	h = draw_card(c, &pde, x_pd, y);
	canvas_arrow(c, x_pd + ARROW_AT, field_bottom, x_pd + ARROW_AT,
		     y + 14, CANVAS_INK);
	if (pte.read || !pte_present(f->hw.pde) || !(f->hw.pde & PTE_PS)) {
		double ht = draw_card(c, &pte, x_pt, y);

		h = ht > h ? ht : h;
		if (pte.read)
			canvas_arrow(c, x_pd + CARD_W, mid, x_pt, mid,
				     CANVAS_INK);
		canvas_arrow(c, x_pt + ARROW_AT, field_bottom,
			     x_pt + ARROW_AT, y + 14, pte.read ?
			     CANVAS_INK : CANVAS_MUTED);
	}
	draw_frame(c, &f->hw, y);
	canvas_arrow(c, x_frame + frame_w * 0.75, field_bottom,
		     x_frame + frame_w * 0.75, y + 14, CANVAS_MUTED);
	if (frame_reached(&f->hw, &(uint32_t){ 0 }))
		canvas_arrow(c, (pte.read ? x_pt : x_pd) + CARD_W, mid,
			     x_frame, mid, CANVAS_INK);
	return y + h;
}

void walk_picture_draw(struct canvas *canvas, const struct walk_fault *f,
		       double *width, double *height)
{
	double y = MARGIN + 12, w = x_frame + frame_w + MARGIN, tw;

	canvas_text(canvas, MARGIN, y, f->heading, &title_font, CANVAS_LEFT,
		    CANVAS_INK);
	if ((tw = canvas_text_width(canvas, f->heading, &title_font) +
		  2 * MARGIN) > w)
		w = tw;
	canvas_text(canvas, MARGIN, y + 18, f->fault_line, &sans, CANVAS_LEFT,
		    CANVAS_INK);
	draw_address(canvas, f, y + 46);
	y = draw_walk(canvas, f, y + 90) + 18;
	for (unsigned i = 0; i < f->line_count; i++, y += ROW) {
		canvas_text(canvas, MARGIN, y, f->lines[i], &mono, CANVAS_LEFT,
			    CANVAS_INK);
		if ((tw = canvas_text_width(canvas, f->lines[i], &mono) +
			  2 * MARGIN) > w)
			w = tw;
	}
	*width = w;
	*height = y + MARGIN - ROW + 4;
}
