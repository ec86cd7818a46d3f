/* engine_guard.h - the one instruction Unicorn 2.0.1 cannot translate,
 * made the #UD a real CPU raises before the engine's code generator sees
 * it.
 *
 * A far call or jmp through a register (ff /3 or ff /5 with mod 3:
 * `lcall *%eax`, `ljmp *%ecx`) is #UD on every x86 CPU: the far pointer
 * must be in memory (Intel SDM vol. 2, CALL and JMP).  QEMU 5's
 * translator, which Unicorn 2.0.1 is, loads the pointer through an
 * address it never computed, and its code generator then aborts the
 * process ("tcg fatal error", unicorn#1716; fixed upstream after 2.0.1,
 * the version Debian 12 ships).
 *
 * The engine reads every byte of code it translates through a hook of
 * the CPU's (cpu.c maps the address space without execute permission,
 * so that each read of code is a "fetch from non-executable memory" the
 * hook allows).  A read of a ModRM byte of /3 or /5 with mod 3 after an
 * ff is suspect: ff e8 is also the end of `cmp $-24, %edi` (83 ff e8) or
 * of a call followed by a call.  Whether that ff is an opcode, the
 * engine's own decoder answers, no other:
 *   - when only legacy prefixes lie between the start of the block being
 *     translated and the ff, it is the first instruction's opcode;
 *   - otherwise the translation is abandoned (nothing of the block has
 *     run) and tried again with the engine told to stop at every address
 *     the instruction could start at - the ff and the prefixes before
 *     it.  If it stops at one, the instruction starts there, and its
 *     block is the first case; if it reads the byte again without
 *     stopping, the ff is some instruction's operand, and the byte is
 *     left alone.
 * In the first case the engine is made to read ff /7's ModRM instead, an
 * opcode it knows to be invalid, so it translates a #UD raised at the
 * instruction, prefixes included, as the CPU reports it; the byte is put
 * back before anything else can read it (the block's first instruction's
 * code hook, or the engine's return). */
#ifndef ELFAULT_ENGINE_GUARD_H
#define ELFAULT_ENGINE_GUARD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The longest instruction (Intel SDM vol. 2, 2.3.11), and so the most
 * prefixes a far call or jmp can have: its ff and ModRM end it. */
#define ENGINE_GUARD_INSN_MAX 15u
#define ENGINE_GUARD_PREFIXES_MAX (ENGINE_GUARD_INSN_MAX - 2)
/* The most code of one block before a byte it reads: QEMU 5's i386
 * translator ends a block before it would pass a page. */
#define ENGINE_GUARD_BLOCK_MAX (2u * 4096)

enum engine_guard_verdict {
	ENGINE_GUARD_READ,	/* the byte is read as it is */
	ENGINE_GUARD_UD,	/* the byte is made ff /7's: #UD */
	ENGINE_GUARD_PROBE,	/* abandon the block, probe (below) */
};

struct engine_guard {
	uint8_t *patched;	/* the byte made ff /7's, or NULL */
	uint8_t original;	/* and what it was */
	bool probing;		/* a probe's stops are set */
	uint32_t probe_ff;	/* the ff it asks about */
	uint32_t probe_block;	/* in the block that starts there */
	/* The ffs of the block at OPERANDS_BLOCK that probes found to be
	 * operands: a bit per byte from the block's start. */
	uint32_t operands_block;
	uint8_t operands[ENGINE_GUARD_BLOCK_MAX / 8];
	uint64_t undefined;	/* instructions made #UD so far */
	uint64_t probes;	/* probes made so far */
};

void engine_guard_init(struct engine_guard *g);

/* Whether BYTE is a legacy prefix of 32-bit code (a segment override,
 * 66, 67, lock, repne, rep). */
bool engine_guard_is_prefix(uint8_t byte);

/* Whether the engine's read of SIZE bytes at ADDRESS of SPACE (the
 * 4 GiB address space) may be the ModRM byte of a far call or jmp
 * through a register: the one test made of every read, cheap. */
bool engine_guard_suspect(const uint8_t *space, uint32_t address,
			  uint32_t size);

/* The engine, translating the block that starts at BLOCK, is about to
 * read the suspect byte at ADDRESS (engine_guard_suspect() said so).
 * ENGINE_GUARD_UD: the byte reads as ff /7's ModRM until
 * engine_guard_restore().  ENGINE_GUARD_PROBE: the caller abandons the
 * translation, stops the engine at the addresses engine_guard_stops()
 * gives and translates the block again - a stop there means the
 * instruction starts at it; the same read again means the ff is an
 * operand (ENGINE_GUARD_READ, and the probe is over). */
enum engine_guard_verdict engine_guard_fetch(struct engine_guard *g,
					     uint8_t *space, uint32_t block,
					     uint32_t address);

/* The addresses the probe's instruction may start at, into STOPS: the
 * ff, and each prefix right before it; returns how many. */
size_t engine_guard_stops(struct engine_guard *g, const uint8_t *space,
			  uint64_t stops[ENGINE_GUARD_PREFIXES_MAX + 1]);

/* The probe over (its stops taken away). */
static inline void engine_guard_end_probe(struct engine_guard *g)
{
	g->probing = false;
}

/* The byte engine_guard_fetch() changed, if any, put back. */
static inline void engine_guard_restore(struct engine_guard *g)
{
	if (g->patched != NULL) {
		*g->patched = g->original;
		g->patched = NULL;
	}
}

#endif
