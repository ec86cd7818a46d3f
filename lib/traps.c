/* traps.c - a user trap's signal (traps.h). */
#include <config.h>

#include <stddef.h>
#include <string.h>

#include "traps.h"

enum { SIGTRAP_ = 5, SIGILL_ = 4, SIGFPE_ = 8, SIGBUS_ = 7, SIGSEGV_ = 11 };

static const struct trap_facts traps[] = {
	{ TRAP_DE, "#DE", "divide error", SIGFPE_ },
	{ TRAP_DB, "#DB", "debug", SIGTRAP_ },
	{ TRAP_BP, "#BP", "int3", SIGTRAP_ },
	{ TRAP_OF, "#OF", "overflow", SIGSEGV_ },
	{ TRAP_BR, "#BR", "bounds", SIGSEGV_ },
	{ TRAP_UD, "#UD", "invalid opcode", SIGILL_ },
	{ TRAP_NM, "#NM", "device not available", SIGSEGV_ },
	{ TRAP_TS, "#TS", "invalid TSS", SIGSEGV_ },
	{ TRAP_NP, "#NP", "segment not present", SIGBUS_ },
	{ TRAP_SS, "#SS", "stack segment", SIGBUS_ },
	{ TRAP_GP, "#GP", "general protection", SIGSEGV_ },
	{ TRAP_MF, "#MF", "coprocessor error", SIGFPE_ },
	{ TRAP_AC, "#AC", "alignment check", SIGBUS_ },
	{ TRAP_XM, "#XM", "SIMD coprocessor error", SIGFPE_ },
};

const struct trap_facts *trap_facts(unsigned vector)
{
	for (size_t i = 0; i < sizeof traps / sizeof traps[0]; i++)
		if (traps[i].vector == vector)
			return &traps[i];
	return NULL;
}

const struct trap_facts *trap_by_name(const char *name)
{
	for (size_t i = 0; i < sizeof traps / sizeof traps[0]; i++)
		if (strcmp(traps[i].name, name) == 0)
			return &traps[i];
	return NULL;
}

unsigned trap_int_vector(unsigned n)
{
	return n == TRAP_BP || n == TRAP_OF || n == TRAP_SYSCALL ? n : TRAP_GP;
}
