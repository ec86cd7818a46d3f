/* program_run.h - a real i386 program executed on the modelled kernel
 * (elfault run).
 *
 * The CPU (cpu.h) executes the program's instructions; everything the
 * kernel does for it is a replay step (replay.h) made as the program goes
 * and run exactly as a script's step is run, so the run is the replay of
 * a script no one had to write, reported the same way, and the steps can
 * be written out as that script (program_run_hooks.step):
 *   - exec: PROGRAM with argv: and env: (empty), once, first;
 *   - a user access the MMU refuses becomes read:, write: (with value:)
 *     or fetch: ADDRESS with size: and eip: - the step takes the fault
 *     exactly where the CPU took it, and the CPU goes on with the page
 *     the kernel mapped;
 *   - int $0x80 becomes syscall: NUMBER with args: (ebx, ecx, edx, esi,
 *     edi, ebp), its result back in eax; fork (2), vfork (190) and
 *     clone (120) become fork: (the child returns 0 in eax, the parent
 *     the child's pid), and a successful execve starts the new program
 *     at its entry point with the registers ELF_PLAT_INIT() clears;
 *   - sysenter (the vDSO's __kernel_vsyscall, which glibc calls through
 *     %gs:0x10) becomes the same syscall: with five args and sysenter:
 *     the user's stack pointer (EBP), whence do_fast_syscall_32() reads
 *     the sixth with get_user(); the call returns at the vDSO's
 *     int80_landing_pad (vdso.h) with that stack, as sysexit does;
 *   - an instruction that traps becomes trap: NAME (#DE, #UD, #GP...,
 *     traps.h) with eip:, and the trap's signal kills the process;
 *   - running another process is switch: PID.
 * The CPU's GDT holds the running process's TLS descriptors (tls.h),
 * loaded again before it runs: after a switch, an exec, or its own
 * set_thread_area().
 * Scheduling is deterministic, as Linux 6.1 runs a fork's two processes
 * by default (sched_child_runs_first is 0): the parent runs on after
 * fork; a process runs until it ends, stops, or makes a call that would
 * sleep (wait4 with no child ready, a read of an empty pipe, a write to a
 * full one); then the next process after it in pid order that can run
 * does - a sleeping call is made again, and its process runs when the
 * call no longer would sleep.  A call that wakes those sleeping on a pipe
 * (a write into an empty pipe, a read from a full one, the last close of
 * an end) lets the first of them whose call now goes through run at
 * once, before the caller, as CFS's wake-up preemption does on the VM's
 * one CPU.
 */
#ifndef ELFAULT_PROGRAM_RUN_H
#define ELFAULT_PROGRAM_RUN_H

#include <stdint.h>

#include "error.h"
#include "replay.h"
#include "script.h"
#include "vdso.h"

enum program_run_error {
	PROGRAM_RUN_ERR_STUCK = EF_ERR_BASE(EF_DOMAIN_PROGRAM_RUN) + 1,
				/* every process left sleeps */
	PROGRAM_RUN_ERR_BUDGET,	/* the instructions allowed ran out */
	PROGRAM_RUN_ERR_TRAP,	/* the engine raised a vector no user
				 * instruction takes */
	PROGRAM_RUN_ERR_NOMEM,	/* the host ran out of memory */
};

struct program_run_hooks {
	/* Each step once run: STEP as a script would give it, and its
	 * outcome. */
	void (*step)(void *ctx, const struct replay *r,
		     const struct script_step *step,
		     const struct replay_outcome *out);
	/* The first process, stopped, was continued (CONTINUE_FIRST). */
	void (*continued)(void *ctx, int pid);
	void *ctx;
};

struct program_run_options {
	uint64_t budget;	/* instructions at most (0: no limit) */
	/* When nothing else can run and the first process is stopped
	 * (SIGSTOP), continue it, as the ground-truth VM's harness does
	 * after its snapshot; without, a stopped process ends the run as
	 * a shell's stopped job stays. */
	bool continue_first;
	/* The path execve() is given (AT_EXECFN, the process's name), when
	 * it is not PROGRAM, the host file's path (exec:'s path:). */
	const char *path;
	/* The vDSO's bytes (vdso.h); NULL: its pages are zeros. */
	const struct vdso_image *vdso;
};

struct program_run_result {
	int exit_code;		/* the first process's exit code, or 128 +
				 * the signal that ended it (-1: stopped) */
	uint64_t instructions;	/* executed, every process's */
	unsigned steps;
};

/* Run PROGRAM (a host path the replay R may read) with the ARGC
 * arguments ARGV (argv[0] included) until no process it made can run:
 * every one has ended, or those left are stopped.  Returns 0 with RESULT
 * filled, or -1 with ERR set: the step's error (its line is the step's
 * number), the CPU's, or PROGRAM_RUN_ERR_*. */
int program_run(struct replay *r, const char *program,
		const char *const *argv, unsigned argc,
		const struct program_run_options *options,
		const struct program_run_hooks *hooks,
		struct program_run_result *result, struct ef_error *err);

#endif
