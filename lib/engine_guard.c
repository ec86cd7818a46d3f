/* engine_guard.c - a far call or jmp through a register made #UD before
 * Unicorn 2.0.1 translates it, the engine's own decoder telling which ff
 * is an opcode (engine_guard.h). */
#include <config.h>

#include <string.h>

#include "engine_guard.h"

/* ff /7 with mod 3: an opcode no CPU defines, which the engine
 * translates as #UD (QEMU's unknown_op). */
#define UNDEFINED_MODRM 0xf8u

void engine_guard_init(struct engine_guard *g)
{
	memset(g, 0, sizeof *g);
}

bool engine_guard_is_prefix(uint8_t byte)
{
	static const uint8_t prefixes[] = { 0x26, 0x2e, 0x36, 0x3e, 0x64,
					    0x65, 0x66, 0x67, 0xf0, 0xf2,
					    0xf3 };

	return memchr(prefixes, byte, sizeof prefixes) != NULL;
}

/* ModRM of ff /3 (lcall) or ff /5 (ljmp) with a register operand. */
static bool far_through_register(uint8_t modrm)
{
	unsigned reg = (modrm >> 3) & 7;

	return modrm >> 6 == 3 && (reg == 3 || reg == 5);
}

bool engine_guard_suspect(const uint8_t *space, uint32_t address,
			  uint32_t size)
{
	return size == 1 && address != 0 &&
	       far_through_register(space[address]) &&
	       space[address - 1] == 0xff;
}

/* Whether an instruction that starts at START has its opcode at the ff
 * at FF: only prefixes between them, few enough for the instruction to
 * end within 15 bytes. */
static bool prefixes_only(const uint8_t *space, uint32_t start, uint32_t ff)
{
	if (ff < start || ff - start > ENGINE_GUARD_PREFIXES_MAX)
		return false;
	for (uint32_t at = start; at < ff; at++)
		if (!engine_guard_is_prefix(space[at]))
			return false;
	return true;
}

/* The bit of OPERANDS for the ff at FF of the block at BLOCK, or -1 when
 * it is beyond the block's reach. */
static long operand_bit(uint32_t block, uint32_t ff)
{
	if (ff < block || ff - block >= ENGINE_GUARD_BLOCK_MAX)
		return -1;
	return (long)(ff - block);
}

static bool known_operand(const struct engine_guard *g, uint32_t block,
			  uint32_t ff)
{
	long bit = operand_bit(block, ff);

	return bit >= 0 && g->operands_block == block &&
	       (g->operands[bit / 8] >> (bit % 8) & 1);
}

/* The probe's answer: the ff at FF of the block at BLOCK is an operand -
 * remembered, for the block holds other suspect bytes the engine reads
 * again as each of their probes translates it anew. */
static void note_operand(struct engine_guard *g, uint32_t block, uint32_t ff)
{
	long bit = operand_bit(block, ff);

	if (g->operands_block != block) {
		memset(g->operands, 0, sizeof g->operands);
		g->operands_block = block;
	}
	if (bit >= 0)
		g->operands[bit / 8] |= (uint8_t)(1u << (bit % 8));
}

static void make_undefined(struct engine_guard *g, uint8_t *modrm)
{
	engine_guard_restore(g);
	g->patched = modrm;
	g->original = *modrm;
	*modrm = UNDEFINED_MODRM;
	g->undefined++;
}

enum engine_guard_verdict engine_guard_fetch(struct engine_guard *g,
					     uint8_t *space, uint32_t block,
					     uint32_t address)
{
	uint32_t ff = address - 1;

	if (prefixes_only(space, block, ff)) {
		make_undefined(g, space + address);
		return ENGINE_GUARD_UD;
	}
	if (g->probing && g->probe_ff == ff) {
		/* past every start the instruction could have */
		g->probing = false;
		note_operand(g, block, ff);
		return ENGINE_GUARD_READ;
	}
	if (known_operand(g, block, ff) || operand_bit(block, ff) < 0)
		return ENGINE_GUARD_READ;
	g->probe_ff = ff;
	g->probe_block = block;
	g->probes++;
	return ENGINE_GUARD_PROBE;
}

size_t engine_guard_stops(struct engine_guard *g, const uint8_t *space,
			  uint64_t stops[ENGINE_GUARD_PREFIXES_MAX + 1])
{
	size_t n = 0;
	uint32_t at = g->probe_ff;

	stops[n++] = at;
	while (n <= ENGINE_GUARD_PREFIXES_MAX && at > 0 &&
	       engine_guard_is_prefix(space[at - 1]))
		stops[n++] = --at;
	g->probing = true;
	return n;
}
