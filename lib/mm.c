/* mm.c - the memory descriptor's life: dup_mmap(), mmput(). */
#include <config.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "exec_error.h"
#include "mm.h"

void mm_release(struct mm *mm)
{
	vma_set_release(&mm->vmas);
	mapped_file_release(&mm->program);
	mapped_file_release(&mm->interpreter);
	free(mm->stack);
	free(mm->padzero);
	memset(mm, 0, sizeof *mm);
}

void mm_move(struct mm *dst, struct mm *src)
{
	*dst = *src;
	for (size_t i = 0; i < dst->vmas.count; i++) {
		struct vma *vma = &dst->vmas.vmas[i];

		if (vma->file == &src->program)
			vma->file = &dst->program;
		else if (vma->file == &src->interpreter)
			vma->file = &dst->interpreter;
	}
	memset(src, 0, sizeof *src);
}

int mm_dup(struct mm *dst, const struct mm *src, struct ef_error *err)
{
	*dst = *src;
	dst->stack = NULL;
	dst->padzero = NULL;
	dst->padzero_count = 0;
	dst->rss = (struct mm_rss){ 0 };	/* the child's PTEs count anew */
	dst->program.path = dst->interpreter.path = NULL;
	vma_set_init(&dst->vmas);
	if (mapped_file_dup(&dst->program, &src->program, err) != 0 ||
	    mapped_file_dup(&dst->interpreter, &src->interpreter, err) != 0)
		return -1;
	for (size_t i = 0; i < src->vmas.count; i++) {
		struct vma vma = src->vmas.vmas[i];

		/* dup_mmap(): MADV_DONTFORK's VMAs are not copied, and
		 * MADV_WIPEONFORK's have no anon_vma in the child */
		if (vma.flags & VMA_DONTCOPY)
			continue;
		if (vma.flags & VMA_WIPEONFORK)
			vma.flags &= ~VMA_ANON_VMA;
		if (vma.file == &src->program)
			vma.file = &dst->program;
		else if (vma.file == &src->interpreter)
			vma.file = &dst->interpreter;
		if (vma_set_map(&dst->vmas, &vma, NULL) != 0)
			return ef_error_set(err, EXEC_ERR_HOST, ENOMEM,
					    "out of memory");
	}
	return 0;
}

unsigned mm_vma_flags(const struct mm *mm, bool read, bool write, bool exec)
{
	return (read ? VMA_READ : 0) | (write ? VMA_WRITE : 0) |
	       (exec || (read && mm->read_implies_exec) ? VMA_EXEC : 0);
}
