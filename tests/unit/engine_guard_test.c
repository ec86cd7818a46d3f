/* engine_guard_test.c - the engine guard's verdicts (engine_guard.h): a
 * far call or jmp through a register at a block's start made #UD, the
 * same bytes further into a block probed, a probe's stops, and its
 * answer remembered; each case's code at a block's start in a 4 GiB
 * space, the engine about to read the byte at MODRM. */
#include <config.h>

#include <sys/mman.h>

#include "engine_guard.h"
#include "tap.h"

#define BASE 0x08048000u

static const struct guard_case {
	const char *what;
	const char *bytes;	/* the block's code */
	size_t size;
	uint32_t block, modrm;	/* from BASE */
	enum engine_guard_verdict verdict;
	size_t stops;		/* for a probe: how many, the ff's first */
} cases[] = {
	{ "ljmp *%ecx, the block's first instruction", "\xff\xe9", 2, 0, 1,
	  ENGINE_GUARD_UD, 0 },
	{ "lcallw *%ax, its prefix the block's start", "\x66\xff\xd8", 3, 0,
	  2, ENGINE_GUARD_UD, 0 },
	{ "ljmp *%edi behind segment and lock prefixes",
	  "\x2e\x3e\xf0\xff\xef", 5, 0, 4, ENGINE_GUARD_UD, 0 },
	{ "13 prefixes, ff and ModRM: 15 bytes", "\x66\x66\x66\x66\x66\x66"
	  "\x66\x66\x66\x66\x66\x66\x66\xff\xe8", 15, 0, 14, ENGINE_GUARD_UD,
	  0 },
	{ "lcall *%eax after a mov: probed at the ff", "\xb8\x00\x00\x00"
	  "\x00\xff\xd8", 7, 0, 6, ENGINE_GUARD_PROBE, 1 },
	{ "cmp $-24, %edi (83 ff e8): probed at the ff", "\x83\xff\xe8", 3, 0,
	  2, ENGINE_GUARD_PROBE, 1 },
	{ "nop, lcallw *%ax: probed at the ff and at its prefix",
	  "\x90\x66\xff\xd8", 4, 0, 3, ENGINE_GUARD_PROBE, 2 },
	{ "14 prefixes: too long to be one, probed at 13 and the ff",
	  "\x66\x66\x66\x66\x66\x66\x66\x66\x66\x66\x66\x66\x66\x66\xff\xe8",
	  16, 0, 15, ENGINE_GUARD_PROBE, 14 },
	{ "a block that starts after the ff: read", "\xff\xe9", 2, 1, 1,
	  ENGINE_GUARD_READ, 0 },
};

static uint8_t *space;

static void test_case(const struct guard_case *c)
{
	struct engine_guard g;
	uint32_t modrm = BASE + c->modrm;
	uint8_t original = (uint8_t)c->bytes[c->modrm];
	uint64_t stops[ENGINE_GUARD_PREFIXES_MAX + 1];
	enum engine_guard_verdict v;

	engine_guard_init(&g);
	memset(space + BASE, 0x90, 64);
	memcpy(space + BASE, c->bytes, c->size);
	tap_ok(engine_guard_suspect(space, modrm, 1), "%s: suspect", c->what);
	v = engine_guard_fetch(&g, space, BASE + c->block, modrm);
	tap_eq_u64(v, c->verdict, "%s: the verdict", c->what);
	if (v == ENGINE_GUARD_UD)
		tap_eq_u64(space[modrm], 0xf8, "%s: the engine reads ff /7",
			   c->what);
	if (v == ENGINE_GUARD_PROBE) {
		size_t n = engine_guard_stops(&g, space, stops);

		tap_eq_u64(n, c->stops, "%s: its stops", c->what);
		tap_eq_u64(stops[0], modrm - 1, "%s: the ff a stop", c->what);
		tap_eq_u64(stops[n - 1], modrm - c->stops, "%s: and the first "
			   "prefix before it", c->what);
	}
	engine_guard_restore(&g);
	tap_eq_u64(space[modrm], original, "%s: the byte as it was", c->what);
}

static void test_suspects(void)
{
	memcpy(space + BASE, "\xff\xe8\xff\xff\xe0\x00\xe8", 7);
	tap_ok(engine_guard_suspect(space, BASE + 1, 1), "suspect: ff e8");
	tap_ok(!engine_guard_suspect(space, BASE + 1, 2),
	       "not suspect: a read of two bytes");
	tap_ok(!engine_guard_suspect(space, BASE + 3, 1),
	       "not suspect: ff ff (ff /7)");
	tap_ok(!engine_guard_suspect(space, BASE + 4, 1),
	       "not suspect: ff e0 (jmp *%%eax)");
	tap_ok(!engine_guard_suspect(space, BASE + 6, 1),
	       "not suspect: 00 e8");
	tap_ok(!engine_guard_suspect(space, 0, 1),
	       "not suspect: address 0 has no byte before it");
}

/* A probe that the engine answers by reading the byte again: an operand,
 * read as it is, and not probed again while the block is translated
 * for the probes of its other suspect bytes. */
static void test_answer(void)
{
	struct engine_guard g;
	uint64_t stops[ENGINE_GUARD_PREFIXES_MAX + 1];

	engine_guard_init(&g);
	/* cmp $-24, %edi; push $-1; call . + 5 */
	memcpy(space + BASE, "\x83\xff\xe8\x6a\xff\xe8\x00\x00\x00\x00", 10);
	tap_eq_u64(engine_guard_fetch(&g, space, BASE, BASE + 2),
		   ENGINE_GUARD_PROBE, "answer: cmp's ff probed");
	engine_guard_stops(&g, space, stops);
	tap_ok(g.probing, "answer: probing");
	tap_eq_u64(engine_guard_fetch(&g, space, BASE, BASE + 2),
		   ENGINE_GUARD_READ, "answer: read again, an operand");
	tap_ok(!g.probing, "answer: the probe over");
	tap_eq_u64(engine_guard_fetch(&g, space, BASE, BASE + 5),
		   ENGINE_GUARD_PROBE, "answer: push's ff probed next");
	engine_guard_stops(&g, space, stops);
	tap_eq_u64(engine_guard_fetch(&g, space, BASE, BASE + 2),
		   ENGINE_GUARD_READ, "answer: cmp's ff not probed again");
	tap_ok(g.probing, "answer: the second probe still on");
	tap_eq_u64(engine_guard_fetch(&g, space, BASE, BASE + 5),
		   ENGINE_GUARD_READ, "answer: push's ff an operand too");
	tap_eq_u64(engine_guard_fetch(&g, space, BASE + 3, BASE + 5),
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
	test_suspects();
	test_answer();
	return tap_done();
}
