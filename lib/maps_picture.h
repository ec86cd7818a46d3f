/* maps_picture.h - the address space after exec, drawn (the chapter's
 * Fig. 14.22 and Fig. 14.23).
 *
 * Both pictures are built from the same mm that `elfault maps` prints,
 * so every address and boundary in them is the model's.
 *
 * The address space (Fig. 14.22): on the left the whole line to scale -
 * 4 GiB for a 32-bit process, with the i386 kernel's top quarter from
 * PAGE_OFFSET (0xC0000000) up, 128 TiB of user space for a 64-bit one -
 * with a tick where each VMA lies; on the right the VMAs themselves,
 * high addresses on top, at PAGE_HEIGHT points a page.  A VMA taller than
 * MAX_PAGES pages and a gap wider than a few pages are drawn with a break
 * (their size written beside them), so that one picture holds both a
 * one-page .data and the 3 GiB below the stack.
 *
 * The ELF file beside its VMAs (Fig. 14.23): the file's allocated
 * sections on the left at their offsets, the program's VMAs on the right
 * as in the address space, and an arrow from each section to where it
 * lies in memory.  .bss has no bytes in the file: its part in the last
 * file-backed page (zeroed by exec's padzero()) and its part in
 * anonymous pages (set_brk()) are drawn apart, hatched.
 *
 * In the SVG, each VMA is a titled box of class "vma" (title: the maps
 * line's range, permissions and name), each overview tick of class
 * "overview", the kernel's part of class "kernel", each section of class
 * "section" and each part of .bss in memory of class "bss-file" or
 * "bss-anon".
 */
#ifndef ELFAULT_MAPS_PICTURE_H
#define ELFAULT_MAPS_PICTURE_H

#include "canvas.h"
#include "elf_image.h"
#include "exec_layout.h"

/* The height of one page in the VMA column, in points. */
#define MAPS_PICTURE_PAGE_HEIGHT 16.0

/* Draw MM's address space on CANVAS; *WIDTH and *HEIGHT are set to the
 * picture's size, for canvas_write().  Returns 0, or -1 when out of
 * memory. */
int maps_picture_address_space(struct canvas *canvas, const struct mm *mm,
				double *width, double *height);

/* Draw IMAGE's sections beside the VMAs of MM built from it; *WIDTH and
 * *HEIGHT are set to the picture's size.  Returns 0, or -1 when out of
 * memory. */
int maps_picture_sections(struct canvas *canvas, const struct mm *mm,
			   const struct elf_image *image, double *width,
			   double *height);

#endif
