/* traps.h - what the i386 kernel makes of a trap a user instruction
 * takes (arch/x86/kernel/traps.c, Linux 6.1): the signal its handler
 * sends, and so - no handler being installed - the signal that kills the
 * process (its exit status 128 + the signal, as a shell shows it).
 *
 *   #DE divide error (0)        SIGFPE  FPE_INTDIV  exc_divide_error()
 *   #DB debug (1)               SIGTRAP             exc_debug_user()
 *   #BP int3 (3)                SIGTRAP             do_int3_user()
 *   #OF into (4)                SIGSEGV             exc_overflow()
 *   #BR bound (5)               SIGSEGV             exc_bounds()
 *   #UD invalid opcode (6)      SIGILL  ILL_ILLOPN  exc_invalid_op()
 *   #NM no FPU (7)              SIGSEGV (a CPU with an FPU never has it)
 *   #TS invalid TSS (10)        SIGSEGV             exc_invalid_tss()
 *   #NP not present (11)        SIGBUS              exc_segment_not_present()
 *   #SS stack segment (12)      SIGBUS              exc_stack_segment()
 *   #GP general protection (13) SIGSEGV SI_KERNEL   exc_general_protection()
 *   #MF x87 error (16)          SIGFPE              exc_coprocessor_error()
 *   #AC alignment check (17)    SIGBUS  BUS_ADRALN  exc_alignment_check()
 *   #XM SIMD error (19)         SIGFPE              exc_simd_coprocessor_error()
 *
 * `int N` reaches its vector only through a gate user mode may use: 3,
 * 4 and 0x80 (the system call) are DPL 3 (arch/x86/kernel/idt.c); any
 * other N is a #GP, as are the privileged instructions (hlt, cli, a
 * control-register move, in and out without I/O permission) and a
 * segment load of a selector whose descriptor is absent or not a DPL 3
 * data segment - each checked against the VM (testdata/src/trap-*.s).
 */
#ifndef ELFAULT_TRAPS_H
#define ELFAULT_TRAPS_H

#include <stdbool.h>
#include <stdint.h>

enum { TRAP_DE = 0, TRAP_DB = 1, TRAP_BP = 3, TRAP_OF = 4, TRAP_BR = 5,
       TRAP_UD = 6, TRAP_NM = 7, TRAP_TS = 10, TRAP_NP = 11, TRAP_SS = 12,
       TRAP_GP = 13, TRAP_MF = 16, TRAP_AC = 17, TRAP_XM = 19,
       TRAP_SYSCALL = 0x80 };

/* A trap's facts. */
struct trap_facts {
	unsigned vector;
	const char *name;	/* "#DE" */
	const char *words;	/* "divide error" */
	int signo;		/* what kills the process: SIGFPE (8) ... */
};

/* The facts of VECTOR, or NULL for one a user instruction never takes
 * (a reserved vector, #DF, #PF: the fault engine's, #MC). */
const struct trap_facts *trap_facts(unsigned vector);

/* The facts of the trap NAME names ("#DE"), or NULL. */
const struct trap_facts *trap_by_name(const char *name);

/* The vector the CPU takes for the software interrupt `int N` from user
 * mode: N for a DPL 3 gate (3, 4, 0x80), else #GP. */
unsigned trap_int_vector(unsigned n);

#endif
