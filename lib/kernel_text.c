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
	{ "__put_user_8", KTEXT_PUT_USER_8, KTEXT_PUT_USER_8_SIZE },
	{ "__put_user_nocheck_8", KTEXT_PUT_USER_NOCHECK_8,
	  KTEXT_PUT_USER_NOCHECK_8_SIZE },
	{ "filldir64", KTEXT_FILLDIR64, KTEXT_FILLDIR64_SIZE },
	{ "__rseq_handle_notify_resume", KTEXT_RSEQ_NOTIFY_RESUME,
	  KTEXT_RSEQ_NOTIFY_RESUME_SIZE },
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

/* The exception table of the other routines: each instruction that
 * touches user memory, and where its fault resumes. */
static const struct {
	uint32_t insn, fixup;
} extable[] = {
	{ KTEXT_CLEAR_USER + CLU_STOSL, KTEXT_CLEAR_USER + CLU_FIXUP },
	{ KTEXT_CLEAR_USER + CLU_STOSB, KTEXT_CLEAR_USER + CLU_FIXUP },
	{ KTEXT_STRNCPY_FROM_USER + SFU_WORD,
	  KTEXT_STRNCPY_FROM_USER + SFU_WORD_FIXUP },
	{ KTEXT_STRNCPY_FROM_USER + SFU_BYTE,
	  KTEXT_STRNCPY_FROM_USER + SFU_BYTE_FIXUP },
	{ KTEXT_FAULT_IN_READABLE + FIR_FIRST,
	  KTEXT_FAULT_IN_READABLE + FIR_FIRST_FIXUP },
	{ KTEXT_FAULT_IN_READABLE + FIR_PAGE,
	  KTEXT_FAULT_IN_READABLE + FIR_PAGE_FIXUP },
	{ KTEXT_PUT_USER_NOCHECK_4 + PUT_STORE,
	  KTEXT_PUT_USER_NOCHECK_4 + PUT_FIXUP },
	{ KTEXT_PUT_USER_NOCHECK_8 + PUT8_STORE_LOW,
	  KTEXT_PUT_USER_NOCHECK_4 + PUT_FIXUP },
	{ KTEXT_PUT_USER_NOCHECK_8 + PUT8_STORE_HIGH,
	  KTEXT_PUT_USER_NOCHECK_4 + PUT_FIXUP },
#define FILLDIR64(offset) \
	{ KTEXT_FILLDIR64 + (offset), KTEXT_FILLDIR64 + FD64_FIXUP }
	FILLDIR64(FD64_PREV_OFF), FILLDIR64(FD64_PREV_OFF_HIGH),
	FILLDIR64(FD64_INO), FILLDIR64(FD64_INO_HIGH), FILLDIR64(FD64_RECLEN),
	FILLDIR64(FD64_TYPE), FILLDIR64(FD64_NUL), FILLDIR64(FD64_NAME8),
	FILLDIR64(FD64_NAME8_HIGH), FILLDIR64(FD64_NAME4),
	FILLDIR64(FD64_NAME2), FILLDIR64(FD64_NAME1),
#undef FILLDIR64
	{ KTEXT_GET_USER_4 + GET_LOAD, KTEXT_GET_USER_4 + GET_FIXUP },
	{ KTEXT_STRNLEN_USER + SNU_FIRST, KTEXT_STRNLEN_USER + SNU_FIXUP },
	{ KTEXT_STRNLEN_USER + SNU_WORD, KTEXT_STRNLEN_USER + SNU_FIXUP },
	{ KTEXT_RSEQ_NOTIFY_RESUME + RSEQ_PUT_CPU_ID_START,
	  KTEXT_RSEQ_NOTIFY_RESUME + RSEQ_PUT_FIXUP },
	{ KTEXT_RSEQ_NOTIFY_RESUME + RSEQ_PUT_CPU_ID,
	  KTEXT_RSEQ_NOTIFY_RESUME + RSEQ_PUT_FIXUP },
};

bool kernel_text_fixup(uint32_t eip, uint32_t *fixup)
{
	uint32_t offset = eip - KTEXT_COPY_USER_LL;

	if (eip >= KTEXT_COPY_USER_LL && offset < KTEXT_COPY_USER_LL_SIZE) {
		if (!copy_user_ll_fixup(offset, fixup))
			return false;
		*fixup += KTEXT_COPY_USER_LL;
		return true;
	}
	for (size_t i = 0; i < sizeof extable / sizeof extable[0]; i++)
		if (extable[i].insn == eip) {
			*fixup = extable[i].fixup;
			return true;
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
