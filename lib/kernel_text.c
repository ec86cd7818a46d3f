/* kernel_text.c - the modelled kernel's code and exception table. */
#include <config.h>

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "kernel_text.h"
#include "number.h"

struct kernel_symbol {
	const char *name;
	uint32_t start, size;
};

static const struct kernel_symbol symbols[] = {
	{ "__copy_user_ll", KTEXT_COPY_USER_LL, KTEXT_COPY_USER_LL_SIZE },
	{ "clear_user", KTEXT_CLEAR_USER, KTEXT_CLEAR_USER_SIZE },
	{ "strncpy_from_user", KTEXT_STRNCPY_FROM_USER,
	  KTEXT_STRNCPY_FROM_USER_SIZE },
	{ "fault_in_readable", KTEXT_FAULT_IN_READABLE,
	  KTEXT_FAULT_IN_READABLE_SIZE },
	{ "__put_user_4", KTEXT_PUT_USER_4, KTEXT_PUT_USER_4_SIZE },
	{ "__get_user_4", KTEXT_GET_USER_4, KTEXT_GET_USER_4_SIZE },
	{ "strnlen_user", KTEXT_STRNLEN_USER, KTEXT_STRNLEN_USER_SIZE },
	{ "__put_user_nocheck_4", KTEXT_PUT_USER_NOCHECK_4,
	  KTEXT_PUT_USER_NOCHECK_4_SIZE },
};

uint32_t kernel_text_intel_movl(unsigned k, unsigned j)
{
	static const uint8_t first[4] = { 0x5c, 0x5e, 0x61, 0x63 };

	return k == 0 ? first[j] : 0x66 + 12 * (k - 1) + 3 * j;
}

/* The entries of __copy_user_ll: _ASM_EXTABLE_UA and the UCOPY_LEN
 * types, every one resuming at the path's exit label. */
static bool copy_user_ll_fixup(uint32_t offset, uint32_t *fixup)
{
	if (offset == CUL_MOVSB_ALIGN || offset == CUL_MOVSL ||
	    offset == CUL_MOVSB_TAIL) {
		*fixup = CUL_MOVS_FIXUP;
		return true;
	}
	if (offset == CUL_INTEL_TOUCH_32 || offset == CUL_INTEL_TOUCH_64 ||
	    offset == CUL_INTEL_MOVSL || offset == CUL_INTEL_MOVSB) {
		*fixup = CUL_INTEL_FIXUP;
		return true;
	}
	for (unsigned k = 0; k < 8; k++)
		for (unsigned j = 0; j < 4; j++)
			if (offset == kernel_text_intel_movl(k, j)) {
				*fixup = CUL_INTEL_FIXUP;
				return true;
			}
	return false;
}

/* clear_user's two entries (UCOPY_LEN4 for stosl, UA for stosb). */
static bool clear_user_fixup(uint32_t offset, uint32_t *fixup)
{
	if (offset != CLU_STOSL && offset != CLU_STOSB)
		return false;
	*fixup = CLU_FIXUP;
	return true;
}

/* strncpy_from_user's two entries (EX_TYPE_UACCESS). */
static bool strncpy_from_user_fixup(uint32_t offset, uint32_t *fixup)
{
	if (offset == SFU_WORD)
		*fixup = SFU_WORD_FIXUP;
	else if (offset == SFU_BYTE)
		*fixup = SFU_BYTE_FIXUP;
	else
		return false;
	return true;
}

/* fault_in_readable's two entries. */
static bool fault_in_readable_fixup(uint32_t offset, uint32_t *fixup)
{
	if (offset == FIR_FIRST)
		*fixup = FIR_FIRST_FIXUP;
	else if (offset == FIR_PAGE)
		*fixup = FIR_PAGE_FIXUP;
	else
		return false;
	return true;
}

/* __put_user_nocheck_4's store. */
static bool put_user_fixup(uint32_t offset, uint32_t *fixup)
{
	if (offset != PUT_STORE)
		return false;
	*fixup = PUT_FIXUP;
	return true;
}

/* __get_user_4's load. */
static bool get_user_fixup(uint32_t offset, uint32_t *fixup)
{
	if (offset != GET_LOAD)
		return false;
	*fixup = GET_FIXUP;
	return true;
}

/* strnlen_user's two loads. */
static bool strnlen_user_fixup(uint32_t offset, uint32_t *fixup)
{
	if (offset != SNU_FIRST && offset != SNU_WORD)
		return false;
	*fixup = SNU_FIXUP;
	return true;
}

bool kernel_text_fixup(uint32_t eip, uint32_t *fixup)
{
	static const struct {
		uint32_t start, size;
		bool (*entry)(uint32_t offset, uint32_t *fixup);
	} routines[] = {
		{ KTEXT_COPY_USER_LL, KTEXT_COPY_USER_LL_SIZE,
		  copy_user_ll_fixup },
		{ KTEXT_CLEAR_USER, KTEXT_CLEAR_USER_SIZE, clear_user_fixup },
		{ KTEXT_STRNCPY_FROM_USER, KTEXT_STRNCPY_FROM_USER_SIZE,
		  strncpy_from_user_fixup },
		{ KTEXT_FAULT_IN_READABLE, KTEXT_FAULT_IN_READABLE_SIZE,
		  fault_in_readable_fixup },
		{ KTEXT_PUT_USER_NOCHECK_4, KTEXT_PUT_USER_NOCHECK_4_SIZE,
		  put_user_fixup },
		{ KTEXT_GET_USER_4, KTEXT_GET_USER_4_SIZE, get_user_fixup },
		{ KTEXT_STRNLEN_USER, KTEXT_STRNLEN_USER_SIZE,
		  strnlen_user_fixup },
	};

	for (size_t i = 0; i < sizeof routines / sizeof routines[0]; i++) {
		uint32_t offset = eip - routines[i].start;

		if (eip >= routines[i].start && offset < routines[i].size &&
		    routines[i].entry(offset, fixup)) {
			*fixup += routines[i].start;
			return true;
		}
	}
	return false;
}

const char *kernel_text_symbolize(uint32_t eip, char *buf, size_t size)
{
	for (size_t i = 0; i < sizeof symbols / sizeof symbols[0]; i++)
		if (eip >= symbols[i].start &&
		    eip - symbols[i].start < symbols[i].size) {
			snprintf(buf, size, "%s+%#" PRIx32 "/%#" PRIx32,
				 symbols[i].name, eip - symbols[i].start,
				 symbols[i].size);
			return buf;
		}
	snprintf(buf, size, "0x%08" PRIx32, eip);
	return buf;
}

static bool parse_u32(const char *text, uint32_t *value)
{
	uint64_t v;

	if (!number_parse(text, UINT32_MAX, &v))
		return false;
	*value = (uint32_t)v;
	return true;
}

bool kernel_text_lookup(const char *text, uint32_t *eip)
{
	if (parse_u32(text, eip))
		return true;
	for (size_t i = 0; i < sizeof symbols / sizeof symbols[0]; i++) {
		size_t n = strlen(symbols[i].name);
		uint32_t offset = 0;

		if (strncmp(text, symbols[i].name, n) != 0 ||
		    (text[n] != '\0' &&
		     (text[n] != '+' || !parse_u32(text + n + 1, &offset))) ||
		    offset >= symbols[i].size)
			continue;
		*eip = symbols[i].start + offset;
		return true;
	}
	return false;
}
