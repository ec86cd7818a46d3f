/* engine_guard.h - the instructions Unicorn 2.0.1 cannot translate, made
 * the #UD a real CPU raises before the engine's code generator sees them.
 *
 * Two kinds of instruction are #UD on every x86 CPU (Intel SDM vol. 2)
 * and make QEMU 5's translator, which Unicorn 2.0.1 is, use a value it
 * never computed, on which its code generator aborts the whole process
 * ("tcg fatal error"; fixed upstream after 2.0.1, the version Debian 12
 * ships):
 *   - a far call or jmp through a register (ff /3 or ff /5 with mod 3:
 *     `lcall *%eax`, `ljmp *%ecx`): the far pointer must be in memory
 *     (CALL, JMP; unicorn#1716);
 *   - a LOCK prefix on an instruction that cannot be locked: only ADD,
 *     ADC, AND, BTC, BTR, BTS, CMPXCHG, CMPXCHG8B, DEC, INC, NEG, NOT,
 *     OR, SBB, SUB, XOR, XADD and XCHG with a memory destination can
 *     (LOCK); the engine aborts on `lock cmp` with memory, `lock cmps`,
 *     `lock bt` on a register, and lets others run.  (The ground-truth
 *     VM's CPU, QEMU 7.2's TCG, aborts on `lock cmpl $1, (%esp)` too:
 *     for LOCK the SDM is the reference; the far jmp it runs, #UD.)
 *
 * The engine reads every byte of code it translates through a hook of
 * the CPU's (cpu.c maps the address space without execute permission,
 * so that each read of code is a "fetch from non-executable memory" the
 * hook allows).  A read is suspect when its byte, with the bytes before
 * it, would make such an instruction if one started at some address
 * before it: the ModRM after an ff, or the opcode after a run of
 * prefixes with an f0 among them.  The same bytes may be operands -
 * 83 ff e8 is `cmp $-24, %edi` - and which they are, the engine's own
 * decoder answers, no other:
 *   - when the block being translated starts where such an instruction
 *     would (only prefixes between the block's start and the opcode), it
 *     is one; when it starts after those places, it is not;
 *   - otherwise the translation is abandoned (nothing of the block has
 *     run) and tried again with the engine told to stop at each of those
 *     places.  If it stops at one, the instruction starts there, and its
 *     block is the first case; if it reads the byte again without
 *     stopping, no instruction starts there, and the byte is read as it
 *     is.
 * An instruction found is made one the engine translates as #UD - its
 * ModRM read as ff /7's, or its opcode as a nop's, which the engine
 * refuses to lock - raised at its first byte, prefixes included, as the
 * CPU reports it; the byte is put back before anything else can read it
 * (the block's first instruction's code hook, or the engine's
 * return). */
#ifndef ELFAULT_ENGINE_GUARD_H
#define ELFAULT_ENGINE_GUARD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The longest instruction (Intel SDM vol. 2, 2.3.11), and so the most
 * prefixes one can have with its opcode and ModRM. */
#define ENGINE_GUARD_INSN_MAX 15u
#define ENGINE_GUARD_PREFIXES_MAX (ENGINE_GUARD_INSN_MAX - 2)
/* The most code of one block before a byte it reads: QEMU 5's i386
 * translator ends a block before it would pass a page. */
#define ENGINE_GUARD_BLOCK_MAX (2u * 4096)

enum engine_guard_verdict {
	ENGINE_GUARD_READ,	/* the byte is read as it is */
	ENGINE_GUARD_UD,	/* the instruction is made #UD */
	ENGINE_GUARD_PROBE,	/* abandon the block, probe (below) */
};

/* A suspect read: where the instruction that would be #UD may start. */
struct engine_guard_suspect {
	uint32_t at;		/* the byte read */
	uint32_t first, last;	/* the addresses it may start at */
	bool lock;		/* a LOCK's opcode, or else a far ModRM */
};

struct engine_guard {
	uint8_t *patched;	/* the byte made a #UD's, or NULL */
	uint8_t original;	/* and what it was */
	bool probing;		/* a probe's stops are set */
	struct engine_guard_suspect probe;	/* what it asks about */
	uint32_t probe_block;	/* in the block that starts there */
	/* The suspect bytes of the block at READ_BLOCK that probes found
	 * to be read as they are: a bit per byte from the block's start. */
	uint32_t read_block;
	uint8_t read[ENGINE_GUARD_BLOCK_MAX / 8];
	uint64_t undefined;	/* instructions made #UD so far */
	uint64_t probes;	/* probes made so far */
};

void engine_guard_init(struct engine_guard *g);

/* Whether BYTE is a legacy prefix of 32-bit code (a segment override,
 * 66, 67, lock, repne, rep). */
bool engine_guard_is_prefix(uint8_t byte);

/* Whether the engine's read of SIZE bytes at ADDRESS of SPACE (the
 * 4 GiB address space) is suspect, into *S: the one test made of every
 * read, cheap when it is not. */
bool engine_guard_suspect(const uint8_t *space, uint32_t address,
			  uint32_t size, struct engine_guard_suspect *s);

/* The engine, translating the block that starts at BLOCK, is about to
 * make the suspect read S.  ENGINE_GUARD_UD: the byte reads as a #UD's
 * until engine_guard_restore().  ENGINE_GUARD_PROBE: the
 * caller abandons the translation, stops the engine at the addresses
 * engine_guard_stops() gives and translates the block again - a stop
 * there means the instruction starts at it; the same read again means
 * none does (ENGINE_GUARD_READ, and the probe is over). */
enum engine_guard_verdict engine_guard_fetch(struct engine_guard *g,
					     uint8_t *space, uint32_t block,
					     const struct engine_guard_suspect *s);

/* The probe's stops, into STOPS; returns how many. */
size_t engine_guard_stops(struct engine_guard *g,
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
