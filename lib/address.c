/* address.c - a script's address expressions (address.h). */
#include <config.h>

#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "address.h"
#include "maps_report.h"
#include "number.h"

/* The value BASE names (SIGN: the offset's, '+' without one), or -1
 * with *WHY. */
static int address_base(const struct address_context *ctx, const char *base,
			char sign, uint64_t *value, const char **why)
{
	const struct mm *mm = ctx->mm;

	if (isdigit((unsigned char)base[0]) &&
	    number_parse(base, UINT32_MAX, value))
		return 0;
	if (isdigit((unsigned char)base[0]))
		return *why = number_parse(base, UINT64_MAX, value) ||
			      strspn(base, "0123456789") == strlen(base) ||
			      (strncasecmp(base, "0x", 2) == 0 &&
			       strspn(base + 2, "0123456789abcdefABCDEF") ==
			       strlen(base + 2))
			      ? "beyond 32 bits" : "not a number", -1;
	if (strcmp(base, "$result") == 0) {
		if (!ctx->has_result)
			return *why = "no system call has returned yet", -1;
		*value = (uint64_t)ctx->result;
		return 0;
	}
	if (base[0] == '[') {
		for (size_t i = 0; i < mm->vmas.count; i++) {
			const struct vma *vma = &mm->vmas.vmas[i];
			const char *name = maps_vma_name(mm, vma);

			if (name != NULL && strcmp(name, base) == 0) {
				*value = sign == '-' ? vma->end : vma->start;
				return 0;
			}
		}
		return *why = "no such VMA in the process", -1;
	}
	if (base[0] == '.') {
		const struct elf_section *s =
			elf_image_section(ctx->image, base);

		if (s == NULL)
			return *why = "no such section in the program", -1;
		*value = s->addr + mm->load_bias;
		return 0;
	}
	{
		const struct elf_symbol *sym =
			elf_image_symbol(ctx->image, base, NULL);

		if (sym == NULL)
			return *why = "no such symbol in the program", -1;
		*value = sym->value + mm->load_bias;
	}
	return 0;
}

int address_resolve(const struct address_context *ctx, const char *text,
		    unsigned size, uint32_t *address, struct ef_error *err)
{
	char base[256];
	const char *op = NULL, *why = NULL;
	uint64_t value, offset = 0;
	size_t n;

	for (const char *c = text + 1; *c != '\0' && op == NULL; c++)
		if ((*c == '+' || *c == '-') && !(text[0] == '[' &&
						  strchr(c, ']') != NULL))
			op = c;
	n = op ? (size_t)(op - text) : strlen(text);
	if (n == 0 || n >= sizeof base)
		return ef_error_set(err, ADDRESS_ERR_BAD, 0, "%s is not an "
				    "address", text);
	memcpy(base, text, n);
	base[n] = '\0';
	if (op != NULL && !number_parse(op + 1, UINT32_MAX, &offset))
		return ef_error_set(err, ADDRESS_ERR_BAD, 0, "%s: %s is not an "
				    "offset", text, op + 1);
	if (address_base(ctx, base, op ? *op : '+', &value, &why) != 0)
		return ef_error_set(err, ADDRESS_ERR_BAD, 0, "%s: %s", base,
				    why);
	value = op && *op == '-' ? value - offset : value + offset;
	if (value > UINT32_MAX ||
	    (op && *op == '-' && offset > value + offset) ||
	    value + size > (UINT64_C(1) << 32))
		return ef_error_set(err, ADDRESS_ERR_BAD, 0, "%s is outside "
				    "the 4 GiB address space", text);
	*address = (uint32_t)value;
	return 0;
}
