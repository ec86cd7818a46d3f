/* pgtable.c - naming the bits of a page-table entry. */
#include <config.h>

#include <stdio.h>
#include <string.h>

#include "pgtable.h"

size_t pte_bit_names(pte_t entry, bool large, const char *names[PTE_BITS])
{
	static const struct { uint32_t bit; const char *name; } bits[] = {
		{ PTE_P, "P" }, { PTE_RW, "RW" }, { PTE_US, "US" },
		{ PTE_PWT, "PWT" }, { PTE_PCD, "PCD" }, { PTE_A, "A" },
		{ PTE_D, "D" }, { PTE_PS, "PS" }, { PTE_G, "G" },
		{ PTE_SOFTW1, "SW1" }, { PTE_SOFTW2, "SW2" },
		{ PTE_SOFTW3, "SW3" },
	};
	size_t count = 0;

	for (size_t i = 0; i < sizeof bits / sizeof bits[0]; i++) {
		if (!(entry & bits[i].bit))
			continue;
		/* bit 7 is PS in a PDE, PAT in a PTE */
		names[count++] = bits[i].bit == PTE_PS && !large ? "PAT"
								 : bits[i].name;
	}
	return count;
}

char *pte_describe(pte_t entry, bool large, char *buf, size_t size)
{
	const char *names[PTE_BITS];
	size_t count = pte_bit_names(entry, large, names);
	size_t used = 0;

	if (size == 0)
		return buf;
	buf[0] = '\0';
	for (size_t i = 0; i < count; i++) {
		int n = snprintf(buf + used, size - used, "%s%s",
				 used ? " " : "", names[i]);

		if (n < 0 || (size_t)n >= size - used)
			break;
		used += (size_t)n;
	}
	if (used == 0)
		snprintf(buf, size, "-");
	return buf;
}
