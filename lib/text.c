/* text.c - appending to a buffer, cut at its end. */
#include <config.h>

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "text.h"

void text_init(struct text *t, char *buf, size_t size)
{
	t->buf = buf;
	t->size = size;
	t->used = 0;
	buf[0] = '\0';
}

void text_dec(struct text *t, uint64_t value)
{
	char digits[20], *end = digits + sizeof digits, *p = end;

	do {
		*--p = (char)('0' + value % 10);
		value /= 10;
	} while (value != 0);
	text_mem(t, p, (size_t)(end - p));
}

/* VALUE's hex digits, at least MIN_DIGITS, ending at END; returns the
 * first. */
static char *hex_digits(char *end, uint64_t value, int min_digits)
{
	char *p = end;

	do {
		*--p = "0123456789abcdef"[value & 15];
		value >>= 4;
	} while (value != 0 || end - p < min_digits);
	return p;
}

void text_hex_digits(struct text *t, uint64_t value, int min_digits)
{
	char digits[24], *end = digits + sizeof digits;
	char *p = hex_digits(end, value, min_digits < 16 ? min_digits : 16);

	text_mem(t, p, (size_t)(end - p));
}

void text_hex(struct text *t, uint64_t value, int min_digits)
{
	char digits[24], *end = digits + sizeof digits;
	char *p = hex_digits(end, value, min_digits < 16 ? min_digits : 16);

	if (min_digits != 0 || value != 0) {
		*--p = 'x';
		*--p = '0';
	}
	text_mem(t, p, (size_t)(end - p));
}

void text_printf(struct text *t, const char *fmt, ...)
{
	size_t room = t->size - t->used;
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(t->buf + t->used, room, fmt, ap);
	va_end(ap);
	if (n > 0)
		t->used += (size_t)n < room ? (size_t)n : room - 1;
}
