/* text.c - appending to a buffer, cut at its end. */
#include <config.h>

#include <ctype.h>

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "text.h"

void text_init(struct text *t, char *buf, size_t size)
{
	t->buf = buf;
	t->size = size;
	t->used = 0;
	t->cut = false;
	buf[0] = '\0';
}

void text_mark_cut(struct text *t)
{
	if (t->cut && t->used >= 3)
		memcpy(t->buf + t->used - 3, "...", 3);
}

/* Where N more bytes go: at the end when they fit, else in SCRATCH (then
 * cut by text_mem()).  Numbers are written in place, digit by digit:
 * copying them from a scratch array every time made the CPU reload, as a
 * block, bytes it had just stored one by one, a stall that cost more
 * than the digits. */
static char *place(struct text *t, size_t n, char *scratch)
{
	return n <= t->size - 1 - t->used ? t->buf + t->used : scratch;
}

/* The N bytes at P, from place(), are now the text's. */
static void commit(struct text *t, char *p, size_t n, const char *scratch)
{
	if (p == scratch) {
		text_mem(t, scratch, n);
		return;
	}
	t->used += n;
	t->buf[t->used] = '\0';
}

void text_dec(struct text *t, uint64_t value)
{
	char scratch[20], *p;
	size_t n = 1;

	for (uint64_t v = value; v >= 10; v /= 10)
		n++;
	p = place(t, n, scratch);
	for (size_t i = n; i-- > 0; value /= 10)
		p[i] = (char)('0' + value % 10);
	commit(t, p, n, scratch);
}

/* VALUE's hex digits, at least MIN_DIGITS (0 to 16), with 0x before them
 * when PREFIX. */
static void hex(struct text *t, uint64_t value, int min_digits, bool prefix)
{
	size_t digits = 1, n;
	char scratch[18], *p;

	for (uint64_t v = value >> 4; v != 0; v >>= 4)
		digits++;
	if (min_digits > 16)
		min_digits = 16;
	if (min_digits > 0 && digits < (size_t)min_digits)
		digits = (size_t)min_digits;
	n = digits + (prefix ? 2 : 0);
	p = place(t, n, scratch);
	if (prefix) {
		p[0] = '0';
		p[1] = 'x';
	}
	for (size_t i = n; i-- > n - digits; value >>= 4)
		p[i] = "0123456789abcdef"[value & 15];
	commit(t, p, n, scratch);
}

void text_hex_digits(struct text *t, uint64_t value, int min_digits)
{
	hex(t, value, min_digits, false);
}

void text_hex(struct text *t, uint64_t value, int min_digits)
{
	hex(t, value, min_digits, min_digits != 0 || value != 0);
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
	t->cut |= n > 0 && (size_t)n >= room;
}

void text_size(struct text *t, uint64_t bytes)
{
	static const char units[] = "GMK";

	for (int i = 0; i < 3; i++) {
		uint64_t unit = (uint64_t)1 << (10 * (3 - i));

		if (bytes != 0 && bytes % unit == 0) {
			text_dec(t, bytes / unit);
			text_char(t, units[i]);
			return;
		}
	}
	text_dec(t, bytes);
}

void text_join(struct text *t, const char *const *words, size_t count,
	       const char *separator)
{
	bool first = true;

	for (size_t i = 0; i < count; i++) {
		if (words[i] == NULL)
			continue;
		if (!first)
			text_str(t, separator);
		text_str(t, words[i]);
		first = false;
	}
}

enum { CLOSEST_MAX = 32 };	/* longer words are never misspellings */

/* The optimal string alignment distance of A and B, any case. */
static unsigned edit_distance(const char *a, const char *b)
{
	unsigned d[CLOSEST_MAX + 1][CLOSEST_MAX + 1];
	size_t n = strlen(a), m = strlen(b);

	for (size_t i = 0; i <= n; i++)
		d[i][0] = (unsigned)i;
	for (size_t j = 0; j <= m; j++)
		d[0][j] = (unsigned)j;
	for (size_t i = 1; i <= n; i++)
		for (size_t j = 1; j <= m; j++) {
			unsigned cost = tolower((unsigned char)a[i - 1]) !=
					tolower((unsigned char)b[j - 1]);
			unsigned best = d[i - 1][j - 1] + cost;

			if (d[i - 1][j] + 1 < best)
				best = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < best)
				best = d[i][j - 1] + 1;
			if (i > 1 && j > 1 &&
			    tolower((unsigned char)a[i - 1]) ==
			    tolower((unsigned char)b[j - 2]) &&
			    tolower((unsigned char)a[i - 2]) ==
			    tolower((unsigned char)b[j - 1]) &&
			    d[i - 2][j - 2] + 1 < best)
				best = d[i - 2][j - 2] + 1;
			d[i][j] = best;
		}
	return d[n][m];
}

const char *text_closest(const char *word, const char *const *words,
			 size_t count)
{
	size_t len = strlen(word);
	unsigned limit = len / 3 > 1 ? (unsigned)(len / 3) : 1, best = limit + 1;
	const char *closest = NULL;

	if (len > CLOSEST_MAX)
		return NULL;
	for (size_t i = 0; i < count; i++) {
		unsigned d;

		size_t other = words[i] ? strlen(words[i]) : 0;

		if (words[i] == NULL || other > CLOSEST_MAX)
			continue;
		/* the distance is at least the lengths' difference: a word
		 * that far off cannot be closer (and costs no table) */
		if ((other > len ? other - len : len - other) >= best)
			continue;
		d = edit_distance(word, words[i]);
		if (d < best) {
			best = d;
			closest = words[i];
		}
	}
	return closest;
}

void text_put_xml(FILE *out, const char *text, size_t length)
{
	for (size_t i = 0; i < length; i++)
		switch (text[i]) {
		case '<':
			fputs("&lt;", out);
			break;
		case '>':
			fputs("&gt;", out);
			break;
		case '&':
			fputs("&amp;", out);
			break;
		case '"':
			fputs("&quot;", out);
			break;
		default:
			fputc(text[i], out);
		}
}
