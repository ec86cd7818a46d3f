/* replay.h - running a script's steps on a simulated machine.
 *
 * A replay owns a machine (process.h), the ELF images its processes were
 * exec'd from and the files they mapped.  Each step read by script.h is
 * checked against the language of elfault-script(5), carried out, and
 * described in a struct replay_outcome: the access or system call, every
 * page fault it took (what the MMU reported, what the kernel decided) and
 * every expect: that did not hold.  The replay never prints; the command
 * formats outcomes.
 *
 * Accesses run as the CPU runs them: a fault is handed to the kernel
 * (fault.h) and, when it is resolved, the access is restarted; for an
 * instruction step the whole instruction is restarted, its fetch first,
 * as x86 restarts a faulting instruction.  A signal kills the process
 * (SIGSEGV and SIGBUS are fatal by default and scripts have no handlers).
 */
#ifndef ELFAULT_REPLAY_H
#define ELFAULT_REPLAY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "fault.h"
#include "mmu.h"
#include "process.h"
#include "script.h"
#include "view.h"

struct terminal_output;

enum replay_error_kind {
	REPLAY_ERR_NONE = 0,
	/* a step is wrong; line and column say where */
	REPLAY_ERR_SCRIPT = EF_ERR_BASE(EF_DOMAIN_REPLAY) + 1,
	REPLAY_ERR_FILE,	/* a file to exec or map is missing or refused */
	REPLAY_ERR_MEMORY,	/* the simulated physical memory ran out */
	REPLAY_ERR_HOST,	/* elfault itself failed (host memory) */
};

enum replay_action {
	REPLAY_MACHINE, REPLAY_EXEC, REPLAY_SWITCH, REPLAY_READ, REPLAY_WRITE,
	REPLAY_FETCH, REPLAY_INSTRUCTION, REPLAY_FORK, REPLAY_EXIT,
	REPLAY_MMAP, REPLAY_MUNMAP, REPLAY_MPROTECT, REPLAY_BRK,
	REPLAY_SYS_READ, REPLAY_SYS_WRITE, REPLAY_KERNEL_READ,
	REPLAY_KERNEL_WRITE, REPLAY_SHOW, REPLAY_SYSCALL, REPLAY_TRAP,
};

enum {
	REPLAY_MAX_FAULTS = 64,		/* faults in one step */
	REPLAY_MAX_PROCESSES = 4096,	/* alive (and zombies) at once */
	REPLAY_MAX_VMAS = 1 << 20,	/* of the live processes together */
	REPLAY_RESIDENT_SHOWN = 12,	/* pages a brief line lists */
	REPLAY_MAX_PIDS = 32767,	/* made in all: pid_max (32768, the
					 * i386 default) less one; pids are
					 * never reused */
	REPLAY_MAX_MISMATCHES = 16,	/* failed expectations in one step */
	REPLAY_MAX_OPERANDS = 8,	/* memory operands of an instruction */
	REPLAY_DATA_MAX = 64,		/* bytes of a read or write shown */
	REPLAY_OOPS_SIZE = 1024,	/* an Oops report's text */
};

/* One page fault: what the MMU reported and what the kernel did.  A
 * kernel-mode fault (U=0 in the error code) has the kernel's EIP. */
struct replay_fault {
	enum mmu_access_type type;	/* the access that faulted */
	uint32_t eip;			/* the instruction's address (0: none) */
	char eip_name[48];		/* kernel mode: %pS of the EIP */
	bool in_interrupt;		/* kernel mode, in interrupt context */
	struct mmu_fault hw;
	struct fault_result result;
};

/* An expect: that did not hold. */
struct replay_mismatch {
	char key[32];
	char expected[256];
	char actual[256];
	struct script_mark mark;	/* of the expect: key */
};

struct replay_outcome {
	unsigned number;		/* 1-based step number */
	struct script_mark mark;
	enum replay_action action;
	int pid;			/* the process that acted (0: none) */
	char label[32];			/* its name in the script */

	/* read, write, fetch, instruction: the access (the instruction's
	 * fetch for an instruction) */
	enum mmu_access_type type;
	uint32_t address;
	unsigned size;
	uint32_t eip;
	char address_name[48];		/* the script's address when it names
					 * one (a symbol, a VMA, $result...),
					 * as written; "" for a number */
	bool has_value;			/* read or fetch of at most 8 bytes */
	uint64_t value;			/* little-endian, as the CPU loads it */
	bool has_written;		/* write of at most 8 bytes */
	uint64_t written;		/* its value */
	unsigned operands_read;		/* instruction: its read operands' */
	uint64_t operand_values[REPLAY_MAX_OPERANDS];	/* values, in order */

	/* exec, fork: the new process; mmap...brk, sys-read, sys-write:
	 * the return value */
	int new_pid;
	bool has_result;
	int64_t result;
	int error;			/* errno, when the call failed */

	/* sys-read, sys-write, and syscall: read or write (address: the
	 * buffer) */
	uint32_t count;
	uint32_t copied;		/* bytes the copy routines moved */
	bool refused;			/* access_ok() refused the buffer */
	unsigned data_len;		/* the first bytes moved */
	uint8_t data[REPLAY_DATA_MAX];

	/* kernel-read, kernel-write: the EIP's name and the context */
	char eip_name[48];
	bool in_interrupt;

	/* syscall: the call, its arguments, the path open() read */
	uint32_t sys_nr;
	uint32_t sys_args[6];
	unsigned sys_arg_count;
	char sys_path[128];
	/* syscall: by sysenter (do_fast_syscall_32()): the user's stack
	 * pointer, whence get_user() read the sixth argument */
	bool sysenter;
	uint32_t sysenter_sp;
	/* trap: the vector, and the signal that killed the process (eip:
	 * the instruction) */
	unsigned trap;
	int trap_signal;
	bool sys_not_modelled;		/* no such call in the model: ENOSYS */
	/* the first path of the step the script may not read (host_access.h):
	 * an open() or execve() that got EACCES for it ("": none) */
	char access_refused[128];

	/* show: (or --show): what the machine looked like after the step;
	 * the replay's, valid until its next step */
	const struct view *view;

	bool would_block;		/* syscall: it would sleep (wait4 with
					 * no child ready), with
					 * replay_let_calls_sleep() on */
	bool woke;			/* syscall: it woke whoever sleeps on
					 * a pipe (sys_result.woke) */
	bool ended;			/* syscall: exit, or a signal the call
					 * sent its own process */
	/* --format=brief (replay_collect_resident()): the process's present
	 * user pages after the step, by page number, the first
	 * REPLAY_RESIDENT_SHOWN of RESIDENT_COUNT */
	unsigned resident_count;
	uint32_t resident[REPLAY_RESIDENT_SHOWN];
	bool has_counts;		/* the process's minflt and majflt */
	uint64_t minflt, majflt;	/* after the step */
	bool killed;			/* a signal, an Oops or the OOM
					 * killer killed it */
	bool oom_killed;		/* the OOM killer chose it */
	bool panicked;			/* an Oops in interrupt context */
	bool panic_expected;		/* the step has expect: panic: */
	unsigned fault_count;
	unsigned mismatch_count;
	unsigned reclaim_count;		/* reclaim's events in the step */
	uint64_t reclaims_lost;		/* beyond RECLAIM_LOG_SIZE */
	struct vmstat vmstat;		/* the counters after the step */

	/* The arrays last: a step clears everything before them. */
	struct replay_fault faults[REPLAY_MAX_FAULTS];
	struct replay_mismatch mismatches[REPLAY_MAX_MISMATCHES];
	struct reclaim_event reclaims[RECLAIM_LOG_SIZE];
	char oops[REPLAY_OOPS_SIZE];	/* the Oops report, when killed by one */
};

struct replay;

/* A replay of the script at SCRIPT_PATH (files in it are relative to the
 * script's directory, which it may read: host_access.h), or, with
 * SCRIPT_PATH NULL, of a script with no directory of its own, read from
 * a stream (stream.h): its files are relative to the working directory,
 * the one it may read, as a script there would be.  Returns NULL with
 * ERR REPLAY_ERR_HOST. */
struct replay *replay_new(const char *script_path, struct ef_error *err);

/* Whether each step's outcome lists the pages its process has present
 * (resident, resident_count), for the brief report. */
void replay_collect_resident(struct replay *r, bool on);

/* Let R read the host's files under DIR too (--allow-read; the script's
 * own directory tree always).  Returns 0, or -1 with ERR:
 * HOST_ACCESS_ERR_DIR (DIR is no directory) or REPLAY_ERR_HOST. */
int replay_allow_read(struct replay *r, const char *dir, struct ef_error *err);

/* The smallest memory a replay takes (the kernel's frames, a process's
 * page tables and a few pages). */
#define REPLAY_MIN_MEMORY (96u << 10)

/* Parse a memory: or swap: size as the script and the command line give
 * it.  Returns 0, or -1 with ERR (REPLAY_ERR_SCRIPT, no position). */
int replay_parse_memory(const char *text, uint64_t *bytes,
			struct ef_error *err);
int replay_parse_swap(const char *text, uint64_t *bytes, struct ef_error *err);

/* Settings from the command line: they win over the script's machine:
 * keys.  Call before the first step. */
void replay_override_memory(struct replay *r, uint64_t bytes);
void replay_override_swap(struct replay *r, uint64_t bytes);
void replay_override_policy(struct replay *r, enum replacement_policy policy);

/* opt: a first run records the page references into F; a second run of
 * the same script reads the future from F (sealed).  F stays the
 * caller's.  Call before the first step. */
void replay_record_references(struct replay *r, struct future *f);
void replay_use_future(struct replay *r, struct future *f);

/* The replacement policy the replay runs (the script's or overridden). */
enum replacement_policy replay_policy(const struct replay *r);

/* Check and run STEP, describing it in OUT.  Returns 0 (expectations
 * that failed are in OUT, not errors), or -1 with ERR set: line and
 * column point at the part of the step at fault. */
int replay_step(struct replay *r, const struct script_step *step,
		struct replay_outcome *out, struct ef_error *err);

void replay_free(struct replay *r);

/* For a CPU that runs the processes (elfault run): the machine (NULL
 * before the first exec:) and the process running now (NULL: none). */
struct machine *replay_machine_for_cpu(struct replay *r);
struct process *replay_current(struct replay *r);

/* A syscall: that would sleep ends with the outcome's would_block set
 * (the caller runs another process and makes the call again) instead of
 * being a mistake in the script. */
void replay_let_calls_sleep(struct replay *r, bool on);

/* What the processes write to the terminal goes to TO as well (machine.h)
 * from now on; a copy is kept. */
void replay_send_terminal(struct replay *r, const struct terminal_output *to);

/* After every step from now on, a view of VIEW_* PARTS of the running
 * process and the frames (the outcome's view), as a show: step takes;
 * 0 for none. */
void replay_show_each(struct replay *r, unsigned parts);

/* A view of PARTS of the process PID (0: none, the frames only) now,
 * into V.  Returns 0, or -1 with ERR (REPLAY_ERR_HOST). */
int replay_view(struct replay *r, int pid, unsigned parts, struct view *v,
		struct ef_error *err);

/* The machine (NULL before the first step that needs one). */
const struct machine *replay_machine(const struct replay *r);

/* The script's name for the process with PID ("" if unknown). */
const char *replay_label(const struct replay *r, int pid);

/* Where the walk of HW failed, as scripts name it: "pte.P", "pde.U"...
 * Written into BUF (REPLAY_WALK_NAME_SIZE bytes), which is returned. */
enum { REPLAY_WALK_NAME_SIZE = 12 };
const char *replay_walk_name(const struct mmu_fault *hw, char *buf);

/* A signal's si_code name ("SEGV_MAPERR"), for KIND's signal; for the
 * bad area behind a fixup or an Oops, what the signal would have been. */
const char *replay_si_code_name(enum fault_kind kind, int si_code);

/* BYTES as a C string literal's contents ("a\n\x00"), into BUF (cut to
 * SIZE, never within an escape), which is returned. */
const char *replay_escape(const uint8_t *bytes, size_t n, char *buf,
			  size_t size);

/* The name of VMA of MM in a script's vmas: expectation and the
 * report: maps' last path component or [heap], [stack]...; NULL for
 * none.  Points into MM. */
const char *replay_vma_name(const struct mm *mm, const struct vma *vma);

/* VMA of MM as a script's vmas: expectation names it: "START-END PERMS
 * NAME", the name being maps' last path component or [heap], [stack]... */
void replay_format_vma(const struct mm *mm, const struct vma *vma, char *buf,
		       size_t size);

/* The action's name in scripts ("read", "mprotect"). */
const char *replay_action_name(enum replay_action action);

#endif
