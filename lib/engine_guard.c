/* engine_guard.c - the instructions Unicorn 2.0.1 cannot translate made
 * #UD before it does, the engine's own decoder telling where an
 * instruction starts (engine_guard.h). */
#include <config.h>

#include <string.h>

#include "engine_guard.h"

#define SPACE_BYTES (1ull << 32)
/* What the engine translates as #UD: ff /7 with mod 3, an opcode no CPU
 * defines (QEMU's unknown_op), and a locked nop (its illegal_op). */
#define UNDEFINED_MODRM 0xf8u
#define NOP 0x90u

void engine_guard_init(struct engine_guard *g)
{
	memset(g, 0, sizeof *g);
}

/* The legacy prefixes, a bit each (on_translate() asks of every byte the
 * engine translates whether the one before it is one). */
static const uint32_t prefix_bits[8] = {
	[0x26 / 32] = 1u << (0x26 % 32) | 1u << (0x2e % 32) |
		      1u << (0x36 % 32) | 1u << (0x3e % 32),
	[0x64 / 32] = 1u << (0x64 % 32) | 1u << (0x65 % 32) |
		      1u << (0x66 % 32) | 1u << (0x67 % 32),
	[0xf0 / 32] = 1u << (0xf0 % 32) | 1u << (0xf2 % 32) |
		      1u << (0xf3 % 32),
};

bool engine_guard_is_prefix(uint8_t byte)
{
	return prefix_bits[byte / 32] >> (byte % 32) & 1;
}

/* ModRM of ff /3 (lcall) or ff /5 (ljmp) with a register operand. */
static bool far_through_register(uint8_t modrm)
{
	unsigned reg = (modrm >> 3) & 7;

	return modrm >> 6 == 3 && (reg == 3 || reg == 5);
}

/* Whether LOCK may prefix the instruction whose opcode is at OP, with
 * AVAIL bytes of the space from there (SDM vol. 2, LOCK): one of the
 * read-modify-write instructions, and only with a memory destination. */
static bool lockable(const uint8_t *op, uint64_t avail)
{
	unsigned opcode = op[0], modrm, reg;

	if (opcode == 0x0f) {
		if (avail < 3)
			return false;
		opcode = 0x100 | op[1];
		op++;
	} else if (avail < 2) {
		return false;
	}
	modrm = op[1];
	reg = (modrm >> 3) & 7;
	if (modrm >> 6 == 3)
		return false;
	switch (opcode) {
	case 0x00: case 0x01:		/* add */
	case 0x08: case 0x09:		/* or */
	case 0x10: case 0x11:		/* adc */
	case 0x18: case 0x19:		/* sbb */
	case 0x20: case 0x21:		/* and */
	case 0x28: case 0x29:		/* sub */
	case 0x30: case 0x31:		/* xor */
	case 0x86: case 0x87:		/* xchg */
	case 0x1ab: case 0x1b3: case 0x1bb:	/* bts, btr, btc */
	case 0x1b0: case 0x1b1:		/* cmpxchg */
	case 0x1c0: case 0x1c1:		/* xadd */
		return true;
	case 0x80: case 0x81: case 0x82: case 0x83:
		return reg != 7;	/* cmp */
	case 0xf6: case 0xf7:
		return reg == 2 || reg == 3;	/* not, neg */
	case 0xfe: case 0xff:
		return reg <= 1;	/* inc, dec */
	case 0x1ba:
		return reg >= 5;	/* bts, btr, btc with an immediate */
	case 0x1c7:
		return reg == 1;	/* cmpxchg8b */
	default:
		return false;
	}
}

/* The run of prefixes right before END (at most as many as an
 * instruction can hold): its first byte; *LAST_LOCK the last f0 in it,
 * or END. */
static uint32_t prefix_run(const uint8_t *space, uint32_t end,
			   uint32_t *last_lock)
{
	uint32_t first = end;

	*last_lock = end;
	while (end - first < ENGINE_GUARD_PREFIXES_MAX && first > 0 &&
	       engine_guard_is_prefix(space[first - 1])) {
		first--;
		if (space[first] == 0xf0 && *last_lock == end)
			*last_lock = first;
	}
	return first;
}

bool engine_guard_suspect(const uint8_t *space, uint32_t address,
			  uint32_t size, struct engine_guard_suspect *s)
{
	uint32_t last_lock;

	if (size != 1 || address == 0)
		return false;
	if (space[address - 1] == 0xff &&
	    far_through_register(space[address])) {
		/* the ModRM of a far call or jmp at the ff */
		s->first = prefix_run(space, address - 1, &last_lock);
		s->last = address - 1;
		s->lock = false;
	} else {
		/* the opcode of an instruction locked by an f0 before it */
		if (!engine_guard_is_prefix(space[address - 1]) ||
		    engine_guard_is_prefix(space[address]))
			return false;
		s->first = prefix_run(space, address, &last_lock);
		if (last_lock == address ||
		    lockable(space + address, SPACE_BYTES - address))
			return false;
		s->last = last_lock;
		s->lock = true;
	}
	s->at = address;
	return true;
}

/* The bit of READ for the byte at AT of the block at BLOCK, or -1 when
 * it is beyond the block's reach. */
static long read_bit(uint32_t block, uint32_t at)
{
	if (at < block || at - block >= ENGINE_GUARD_BLOCK_MAX)
		return -1;
	return (long)(at - block);
}

static bool known_read(const struct engine_guard *g, uint32_t block,
		       uint32_t at)
{
	long bit = read_bit(block, at);

	return bit >= 0 && g->read_block == block &&
	       (g->read[bit / 8] >> (bit % 8) & 1);
}

/* The probe's answer: the byte at AT of the block at BLOCK is read as it
 * is - remembered, for the block may hold other suspect bytes, which the
 * engine reads again as each of their probes translates it anew. */
static void note_read(struct engine_guard *g, uint32_t block, uint32_t at)
{
	long bit = read_bit(block, at);

	if (g->read_block != block) {
		memset(g->read, 0, sizeof g->read);
		g->read_block = block;
	}
	if (bit >= 0)
		g->read[bit / 8] |= (uint8_t)(1u << (bit % 8));
}

static void make_undefined(struct engine_guard *g, uint8_t *space,
			   const struct engine_guard_suspect *s)
{
	engine_guard_restore(g);
	g->patched = space + s->at;
	g->original = *g->patched;
	*g->patched = s->lock ? NOP : UNDEFINED_MODRM;
	g->undefined++;
}

enum engine_guard_verdict engine_guard_fetch(struct engine_guard *g,
					     uint8_t *space, uint32_t block,
					     const struct engine_guard_suspect *s)
{
	if (block >= s->first && block <= s->last) {
		make_undefined(g, space, s);
		return ENGINE_GUARD_UD;
	}
	if (block > s->last && block <= s->at)
		return ENGINE_GUARD_READ;	/* it starts after them */
	if (g->probing && g->probe.at == s->at) {
		/* past every place the instruction could start at */
		g->probing = false;
		note_read(g, block, s->at);
		return ENGINE_GUARD_READ;
	}
	if (known_read(g, block, s->at) || read_bit(block, s->at) < 0)
		return ENGINE_GUARD_READ;
	g->probe = *s;
	g->probe_block = block;
	g->probes++;
	return ENGINE_GUARD_PROBE;
}

size_t engine_guard_stops(struct engine_guard *g,
			  uint64_t stops[ENGINE_GUARD_PREFIXES_MAX + 1])
{
	size_t n = 0;

	for (uint32_t at = g->probe.first; at <= g->probe.last; at++)
		stops[n++] = at;
	g->probing = true;
	return n;
}
