/* engine_guard_test.c - the engine guard (engine_guard.h): which reads
 * are suspect, the verdict on each from the block's start, a probe's
 * stops, and its answer remembered; each case's code at BASE in a 4 GiB
 * space, the engine about to read the byte at AT. */
#include <config.h>

#include <sys/mman.h>

#include "engine_guard.h"
#include "tap.h"

#define BASE 0x08048000u

static const struct guard_case {
	const char *what;
	const char *bytes;	/* the code */
	size_t size;
	uint32_t block, at;	/* from BASE */
	bool suspect;
	enum engine_guard_verdict verdict;
	uint32_t first, last;	/* for a suspect: its possible starts */
	uint8_t reads;		/* the byte the engine reads for a #UD */
} cases[] = {
	/* far call and jmp through a register */
	{ "ljmp *%ecx, the block's first instruction", "\xff\xe9", 2, 0, 1,
	  true, ENGINE_GUARD_UD, 0, 0, 0xf8 },
	{ "lcallw *%ax, its prefix the block's start", "\x66\xff\xd8", 3, 0,
	  2, true, ENGINE_GUARD_UD, 0, 1, 0xf8 },
	{ "13 prefixes, ff and ModRM: 15 bytes", "\x66\x66\x66\x66\x66\x66"
	  "\x66\x66\x66\x66\x66\x66\x66\xff\xe8", 15, 0, 14, true,
	  ENGINE_GUARD_UD, 0, 13, 0xf8 },
	{ "lcall *%eax after a mov: probed", "\xb8\x00\x00\x00\x00\xff\xd8",
	  7, 0, 6, true, ENGINE_GUARD_PROBE, 5, 5, 0 },
	{ "cmp $-24, %edi (83 ff e8): probed", "\x83\xff\xe8", 3, 0, 2, true,
	  ENGINE_GUARD_PROBE, 1, 1, 0 },
	{ "nop, lcallw *%ax: probed at its prefix and the ff",
	  "\x90\x66\xff\xd8", 4, 0, 3, true, ENGINE_GUARD_PROBE, 1, 2, 0 },
	{ "14 prefixes: at most 13 of them an instruction's",
	  "\x66\x66\x66\x66\x66\x66\x66\x66\x66\x66\x66\x66\x66\x66\xff\xe8",
	  16, 0, 15, true, ENGINE_GUARD_PROBE, 1, 14, 0 },
	{ "a block that starts at the ModRM: read", "\xff\xe9", 2, 1, 1,
	  true, ENGINE_GUARD_READ, 0, 0, 0 },
	{ "ff ff, ff e0: no far ModRM", "\xff\xff\xff\xe0", 4, 0, 3, false,
	  ENGINE_GUARD_READ, 0, 0, 0 },
	/* LOCK */
	{ "lock cmp %eax, (%eax)", "\xf0\x39\x00", 3, 0, 1, true,
	  ENGINE_GUARD_UD, 0, 0, 0x90 },
	{ "lock cmpsb", "\xf0\xa6", 2, 0, 1, true, ENGINE_GUARD_UD, 0, 0,
	  0x90 },
	{ "lock bt %eax, %eax", "\xf0\x0f\xa3\xc0", 4, 0, 1, true,
	  ENGINE_GUARD_UD, 0, 0, 0x90 },
	{ "lock add %eax, %eax: a register destination",
	  "\xf0\x01\xc0", 3, 0, 1, true, ENGINE_GUARD_UD, 0, 0, 0x90 },
	{ "lock cmpl $1, (%esp) behind cs and 66",
	  "\x2e\xf0\x66\x83\x3c\x24\x01", 7, 0, 3, true, ENGINE_GUARD_UD, 0,
	  1, 0x90 },
	{ "lock add %eax, (%esp): lockable", "\xf0\x01\x04\x24", 4, 0, 1,
	  false, ENGINE_GUARD_READ, 0, 0, 0 },
	{ "lock cmpxchg8b (%esi): lockable", "\xf0\x0f\xc7\x0e", 4, 0, 1,
	  false, ENGINE_GUARD_READ, 0, 0, 0 },
	{ "lock btsl $3, (%eax): lockable", "\xf0\x0f\xba\x28\x03", 5, 0, 1,
	  false, ENGINE_GUARD_READ, 0, 0, 0 },
	{ "lock decl (%eax): lockable", "\xf0\xff\x08", 3, 0, 1, false,
	  ENGINE_GUARD_READ, 0, 0, 0 },
	{ "66 alone: no lock", "\x66\x39\x00", 3, 0, 1, false,
	  ENGINE_GUARD_READ, 0, 0, 0 },
	{ "and $-16, %esp then cmp: the f0 an operand, probed",
	  "\x83\xe4\xf0\x39\xc0", 5, 0, 3, true, ENGINE_GUARD_PROBE, 2, 2,
	  0 },
	{ "a block that starts after the f0: read", "\xf0\x3e\x39\x00", 4, 1,
	  2, true, ENGINE_GUARD_READ, 0, 0, 0 },
};

static uint8_t *space;

static void test_case(const struct guard_case *c)
{
	struct engine_guard g;
	struct engine_guard_suspect s;
	uint64_t stops[ENGINE_GUARD_PREFIXES_MAX + 1];
	uint32_t at = BASE + c->at;
	uint8_t original = (uint8_t)c->bytes[c->at];
	enum engine_guard_verdict v;
	bool suspect;

	engine_guard_init(&g);
	memset(space + BASE - 16, 0x90, 64);
	memcpy(space + BASE, c->bytes, c->size);
	suspect = engine_guard_suspect(space, at, 1, &s);
	tap_eq_u64(suspect, c->suspect, "%s: %ssuspect", c->what,
		   c->suspect ? "" : "not ");
	if (!suspect)
		return;
	tap_ok(s.first == BASE + c->first && s.last == BASE + c->last,
	       "%s: it may start from +%u to +%u", c->what, c->first, c->last);
	v = engine_guard_fetch(&g, space, BASE + c->block, &s);
	tap_eq_u64(v, c->verdict, "%s: the verdict", c->what);
	if (v == ENGINE_GUARD_UD)
		tap_eq_u64(space[at], c->reads, "%s: the engine reads %#x",
			   c->what, c->reads);
	if (v == ENGINE_GUARD_PROBE)
		tap_eq_u64(engine_guard_stops(&g, stops), c->last - c->first + 1,
			   "%s: a stop at each", c->what);
	engine_guard_restore(&g);
	tap_eq_u64(space[at], original, "%s: the byte as it was", c->what);
}

/* Every byte against the SDM's list of legacy prefixes (2.1.1). */
static void test_prefixes(void)
{
	static const uint8_t prefixes[] = { 0x26, 0x2e, 0x36, 0x3e, 0x64,
					    0x65, 0x66, 0x67, 0xf0, 0xf2,
					    0xf3 };
	unsigned wrong = 0;

	for (unsigned b = 0; b < 256; b++)
		if (engine_guard_is_prefix((uint8_t)b) !=
		    (memchr(prefixes, (int)b, sizeof prefixes) != NULL))
			wrong++;
	tap_eq_u64(wrong, 0, "the 11 legacy prefixes, no other byte");
}

static void test_edges(void)
{
	struct engine_guard_suspect s;

	space[0] = 0xe8;
	tap_ok(!engine_guard_suspect(space, 0, 1, &s),
	       "address 0 has no byte before it");
	memcpy(space + BASE, "\xff\xe8", 2);
	tap_ok(!engine_guard_suspect(space, BASE + 1, 2, &s),
	       "a read of two bytes is no ModRM or opcode");
	space[0xfffffffeu] = 0xf0;
	space[0xffffffffu] = 0x39;	/* lock cmp, its ModRM beyond 4 GiB */
	tap_ok(engine_guard_suspect(space, 0xffffffffu, 1, &s) && s.lock,
	       "an opcode at the last byte: suspect, nothing read beyond");
}

/* A probe that the engine answers by reading the byte again: read as it
 * is, and not probed again while the block is translated anew for the
 * probes of its other suspect bytes. */
static void test_answer(void)
{
	struct engine_guard g;
	struct engine_guard_suspect cmp, push;
	uint64_t stops[ENGINE_GUARD_PREFIXES_MAX + 1];

	engine_guard_init(&g);
	/* cmp $-24, %edi; push $-1; call . + 5 */
	memcpy(space + BASE, "\x83\xff\xe8\x6a\xff\xe8\x00\x00\x00\x00", 10);
	engine_guard_suspect(space, BASE + 2, 1, &cmp);
	engine_guard_suspect(space, BASE + 5, 1, &push);
	tap_eq_u64(engine_guard_fetch(&g, space, BASE, &cmp),
		   ENGINE_GUARD_PROBE, "answer: cmp's ff probed");
	engine_guard_stops(&g, stops);
	tap_ok(g.probing, "answer: probing");
	tap_eq_u64(engine_guard_fetch(&g, space, BASE, &cmp),
		   ENGINE_GUARD_READ, "answer: read again, no stop: an operand");
	tap_ok(!g.probing, "answer: the probe over");
	tap_eq_u64(engine_guard_fetch(&g, space, BASE, &push),
		   ENGINE_GUARD_PROBE, "answer: push's ff probed next");
	engine_guard_stops(&g, stops);
	tap_eq_u64(engine_guard_fetch(&g, space, BASE, &cmp),
		   ENGINE_GUARD_READ, "answer: cmp's ff not probed again");
	tap_ok(g.probing, "answer: the second probe still on");
	tap_eq_u64(engine_guard_fetch(&g, space, BASE, &push),
		   ENGINE_GUARD_READ, "answer: push's ff an operand too");
	tap_eq_u64(engine_guard_fetch(&g, space, BASE + 3, &push),
		   ENGINE_GUARD_PROBE, "answer: in another block, probed anew");
	tap_eq_u64(g.probes, 3, "answer: three probes");
	tap_eq_u64(g.undefined, 0, "answer: nothing made #UD");
}

int main(void)
{
	space = mmap(NULL, 1ull << 32, PROT_READ | PROT_WRITE,
		     MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (!tap_ok(space != MAP_FAILED, "a 4 GiB space"))
		return tap_done();
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		test_case(&cases[i]);
	test_prefixes();
	test_edges();
	test_answer();
	return tap_done();
}
