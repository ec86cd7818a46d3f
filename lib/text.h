/* text.h - text built in a caller's buffer, its numbers formatted
 * without printf.
 *
 * A replay's report has a block per fault and a line per step; with
 * printf's format parsing they cost more than the faults themselves.
 * The builder appends strings and numbers as printf's "%s", "%u",
 * "%#x" and "%0*x" would write them, cuts what does not fit (the buffer
 * is always NUL-terminated) and never fails.
 */
#ifndef ELFAULT_TEXT_H
#define ELFAULT_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

struct text {
	char *buf;
	size_t size;		/* of BUF, the NUL included (at least 1) */
	size_t used;		/* bytes written, without the NUL */
	bool cut;		/* something appended did not all fit */
};

/* Start an empty text in BUF of SIZE bytes (SIZE >= 1). */
void text_init(struct text *t, char *buf, size_t size);

/* N bytes of S; S as a string; C.  Inline, so that a string literal's
 * length is known where it is appended and its copy takes a few moves. */
static inline void text_mem(struct text *t, const char *s, size_t n)
{
	size_t room = t->size - 1 - t->used;

	if (__builtin_expect(n <= room, 1)) {
		memcpy(t->buf + t->used, s, n);
	} else {
		memcpy(t->buf + t->used, s, n = room);
		t->cut = true;
	}
	t->used += n;
	t->buf[t->used] = '\0';
}

static inline void text_str(struct text *t, const char *s)
{
	text_mem(t, s, strlen(s));
}

static inline void text_char(struct text *t, char c)
{
	text_mem(t, &c, 1);
}

/* T's last three bytes "..." when something appended to it did not all
 * fit (T.cut): a cut that shows. */
void text_mark_cut(struct text *t);

/* VALUE in decimal ("%" PRIu64). */
void text_dec(struct text *t, uint64_t value);

/* VALUE in hex, at least MIN_DIGITS digits: with MIN_DIGITS > 0 as
 * "0x%0*x" writes it; with 0 as "%#x" does (0 alone, without 0x). */
void text_hex(struct text *t, uint64_t value, int min_digits);

/* VALUE in hex without 0x, at least MIN_DIGITS digits ("%0*x"). */
void text_hex_digits(struct text *t, uint64_t value, int min_digits);

/* printf's FMT, for what is too rare to spell out. */
void text_printf(struct text *t, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* BYTES as the scripts and options write a size: in the largest of G,
 * M and K that divides it ("64M", "108K", "4G"), else in bytes. */
void text_size(struct text *t, uint64_t bytes);

/* The WORDS (COUNT of them, NULLs skipped) joined with SEPARATOR. */
void text_join(struct text *t, const char *const *words, size_t count,
	       const char *separator);

/* The word of WORDS (COUNT of them, NULLs skipped) that WORD most likely
 * misspells - the fewest insertions, deletions, substitutions and swaps
 * of neighbours, any case, and at most a third of its letters (one at
 * least) - or NULL: for "did you mean" in a message. */
const char *text_closest(const char *word, const char *const *words,
			 size_t count);

/* LENGTH bytes of TEXT to OUT as XML character data or an attribute's
 * value: <, >, & and " as entities, the rest as it is (SVG, HTML). */
void text_put_xml(FILE *out, const char *text, size_t length);

#endif
