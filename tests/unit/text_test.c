/* text_test.c - the text builder writes what printf writes, and cuts at
 * the buffer's end without overflowing it. */
#include <config.h>

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "tap.h"
#include "text.h"

/* Sizes in the unit the scripts would write them in. */
static void sizes(void)
{
	static const struct {
		uint64_t bytes;
		const char *want;
	} cases[] = {
		{ 0, "0" }, { 512, "512" }, { 4096, "4K" }, { 110592, "108K" },
		{ 64 << 20, "64M" }, { (uint64_t)4 << 30, "4G" },
		{ (uint64_t)3 << 29, "1536M" }, { 1025, "1025" },
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char buf[32];
		struct text t;

		text_init(&t, buf, sizeof buf);
		text_size(&t, cases[i].bytes);
		tap_eq_str(buf, cases[i].want, "%" PRIu64 " bytes", cases[i].bytes);
	}
}

/* "Did you mean": a table of misspellings and what they are closest to. */
static void closest_words(void)
{
	static const char *const actions[] = { "exec", "read", "write",
		"fetch", "fork", "exit", "switch", "mmap", "munmap", NULL,
		"sys-read", "wp-copy", "wp-reuse", "SIGSEGV", "SIGBUS" };
	static const struct {
		const char *word, *want;
	} cases[] = {
		{ "wirte", "write" }, { "wp-cpy", "wp-copy" },
		{ "SIGSEVG", "SIGSEGV" }, { "sigbus", "SIGBUS" },
		{ "mmpa", "mmap" }, { "sysread", "sys-read" },
		{ "exce", "exec" }, { "read", "read" },
		{ "zzzzzz", NULL }, { "execute", NULL }, { "", NULL },
		{ "a-word-far-longer-than-thirty-two-letters", NULL },
		/* lengths apart by less than the limit still count */
		{ "execs", "exec" }, { "munmapp", "munmap" },
		{ "wp-copyyy", "wp-copy" }, { "SIGSEGVXYZ", "SIGSEGV" },
		{ "wr", NULL },
	};
	struct text t;
	char buf[64];

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *got = text_closest(cases[i].word, actions,
					       sizeof actions / sizeof actions[0]);

		tap_ok(got == cases[i].want ||
		       (got && cases[i].want && strcmp(got, cases[i].want) == 0),
		       "closest to \"%s\": %s", cases[i].word,
		       got ? got : "none");
	}
	text_init(&t, buf, sizeof buf);
	text_join(&t, actions, 10, ", ");
	tap_eq_str(buf, "exec, read, write, fetch, fork, exit, switch, mmap, "
		   "munmap", "a list joined, NULLs skipped");
}

/* Every number of a table, and 2000 more from a generator, as printf's
 * "%" PRIu64, "%#" PRIx64, "0x%08" PRIx64 and "%08" PRIx64 write them. */
static void numbers_as_printf(void)
{
	static const uint64_t table[] = { 0, 1, 9, 10, 15, 16, 255, 4096,
		0x7fffffff, 0x80000000, 0xffffffff, 0x100000000,
		UINT64_MAX - 1, UINT64_MAX };
	uint64_t x = 0x9e3779b97f4a7c15u;
	unsigned wrong = 0, first = 0;

	for (unsigned i = 0; i < 2000 + sizeof table / sizeof table[0]; i++) {
		uint64_t v = i < sizeof table / sizeof table[0] ? table[i]
			     : (x = x * 6364136223846793005u + 1) >> (i % 64);
		char buf[96], want[96];
		struct text t;

		text_init(&t, buf, sizeof buf);
		text_dec(&t, v);
		text_char(&t, ' ');
		text_hex(&t, v, 0);
		text_char(&t, ' ');
		text_hex(&t, v, 8);
		text_char(&t, ' ');
		text_hex_digits(&t, v, 8);
		snprintf(want, sizeof want, "%" PRIu64 " %#" PRIx64 " 0x%08"
			 PRIx64 " %08" PRIx64, v, v, v, v);
		if (strcmp(buf, want) != 0 || t.used != strlen(want))
			wrong++, first = first ? first : i + 1;
	}
	tap_ok(wrong == 0, "numbers as printf writes them (%u wrong, first "
	       "at %u)", wrong, first);
}

/* XML's four: every special character as its entity, the rest as it is,
 * LENGTH bytes and no more. */
static void xml_text(void)
{
	static const struct { const char *in; size_t len; const char *out; }
	cases[] = {
		{ "a.out", 5, "a.out" },
		{ "<rect class=\"a&b\">", 19,
		  "&lt;rect class=&quot;a&amp;b&quot;&gt;" },
		{ "[stack]", 3, "[st" },
		{ "", 0, "" },
	};
	char out[128];

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		FILE *f;

		memset(out, 0, sizeof out);
		f = fmemopen(out, sizeof out, "w");
		text_put_xml(f, cases[i].in, cases[i].len);
		fclose(f);
		tap_eq_str(out, cases[i].out, "XML of '%s' (%zu bytes)",
			   cases[i].in, cases[i].len);
	}
}

int main(void)
{
	char buf[8], big[64];
	struct text t;

	numbers_as_printf();

	text_init(&t, buf, sizeof buf);
	text_str(&t, "abc");
	text_hex(&t, 0xdeadbeef, 8);
	tap_eq_str(buf, "abc0xde", "a string and a number cut at the end");
	tap_eq_u64(t.used, 7, "the cut text's length");
	text_dec(&t, 12345);
	text_char(&t, 'x');
	text_printf(&t, "%d", 42);
	tap_eq_str(buf, "abc0xde", "nothing more once it is full");
	text_mark_cut(&t);
	tap_eq_str(buf, "abc0...", "a full text's cut marked with ...");
	text_init(&t, buf, sizeof buf);
	text_str(&t, "abcdef");
	text_mark_cut(&t);
	tap_eq_str(buf, "abcdef", "one with room left is not marked");
	text_init(&t, buf, sizeof buf);
	text_str(&t, "abcdefg");
	text_mark_cut(&t);
	tap_eq_str(buf, "abcdefg", "nor one that fits exactly");
	text_init(&t, buf, 3);
	text_str(&t, "abcdef");
	text_mark_cut(&t);
	tap_eq_str(buf, "ab", "nor one too small for the mark");

	text_init(&t, big, sizeof big);
	text_str(&t, "pid ");
	text_printf(&t, "%d %s", 7, "a.out");
	text_mem(&t, ": write", 2);
	tap_eq_str(big, "pid 7 a.out: ", "printf and a part of a string");
	text_init(&t, big, 1);
	text_printf(&t, "%s", "long");
	tap_eq_str(big, "", "a buffer of one byte holds the NUL alone");
	closest_words();
	sizes();
	xml_text();
	return tap_done();
}
