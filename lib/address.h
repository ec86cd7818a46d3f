/* address.h - the addresses a script writes, decoded once: a number
 * ("0x0804a000"), a symbol of the program ("counter"), one of its
 * sections (".data"), a VMA by its /proc/PID/maps name ("[stack]"), or
 * the last system call's return ("$result"), each perhaps followed by +N
 * or -N.  [vma]+N counts from the VMA's start, [vma]-N from its end;
 * symbols and sections move with a PIE's load bias.
 */
#ifndef ELFAULT_ADDRESS_H
#define ELFAULT_ADDRESS_H

#include <stdbool.h>
#include <stdint.h>

#include "elf_image.h"
#include "error.h"
#include "exec_layout.h"

enum address_error {
	ADDRESS_ERR_NONE = 0,
	/* the text names no address; the detail says why */
	ADDRESS_ERR_BAD = EF_ERR_BASE(EF_DOMAIN_ADDRESS) + 1,
};

/* What an address can name: the process's VMAs and load bias, its
 * program's symbols and sections, and $result. */
struct address_context {
	const struct mm *mm;
	struct elf_image *image;	/* (its symbols are read when first asked) */
	bool has_result;	/* a system call has returned */
	int64_t result;
};

/* The address TEXT names, where SIZE bytes from it must fit below 4 GiB.
 * Returns 0 with *ADDRESS set, or -1 with ERR ADDRESS_ERR_BAD ("TEXT is
 * not an address", "BASE: no such symbol in the program", ...). */
int address_resolve(const struct address_context *ctx, const char *text,
		    unsigned size, uint32_t *address, struct ef_error *err);

#endif
