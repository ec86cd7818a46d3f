/* program_run.c - a program run on the CPU, the kernel's part of it as
 * replay steps (program_run.h). */
#include <config.h>

#include <errno.h>
#include <limits.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cpu.h"
#include "machine.h"
#include "process.h"
#include "program_run.h"
#include "traps.h"
#include "vdso.h"

/* The i386 calls the run makes into other steps than syscall:. */
enum { NR_EXIT = 1, NR_FORK = 2, NR_READ = 3, NR_WRITE = 4, NR_EXECVE = 11,
       NR_CLONE = 120, NR_SENDFILE = 187, NR_VFORK = 190,
       NR_SENDFILE64 = 239, NR_EXIT_GROUP = 252 };

/* EFLAGS as a new program starts: IF, and bit 1 (always set). */
#define EFLAGS_START 0x202u

struct task {
	int pid;
	struct cpu_regs regs;
	bool sleeping;		/* in a call that would sleep: made again */
	bool sysenter;		/* its call came by sysenter: EBP is the
				 * user's stack pointer */
};

struct run {
	struct replay *r;
	struct cpu cpu;
	bool have_cpu;
	const struct program_run_hooks *hooks;
	struct task *tasks;	/* in the order of their pids */
	unsigned task_count, task_capacity;
	unsigned current;	/* index of the running task */
	struct script_step step;
	struct replay_outcome *out;
	unsigned steps;
	int first_pid;
	const struct program_run_options *options;
};

/* ---- steps ------------------------------------------------------------ */

static void begin(struct run *run)
{
	script_step_begin(&run->step, (struct script_mark){ run->steps + 1, 1 });
}

static int add(struct run *run, const char *key, const char *value,
	       struct ef_error *err)
{
	return script_step_add(&run->step, key, false, &value, 1, err);
}

static int add_hex(struct run *run, const char *key, uint64_t value,
		   struct ef_error *err)
{
	char text[24];

	snprintf(text, sizeof text, "%#" PRIx64, value);
	return add(run, key, value ? text : "0", err);
}

/* Run the step built; a call that would sleep is no step of the run (it
 * changed nothing, and is made again later). */
static int run_step(struct run *run, struct ef_error *err)
{
	if (replay_step(run->r, &run->step, run->out, err) != 0)
		return -1;
	if (run->out->would_block)
		return 0;
	run->steps++;
	if (run->hooks->step != NULL)
		run->hooks->step(run->hooks->ctx, run->r, &run->step, run->out);
	return 0;
}

/* ---- the CPU's faults ------------------------------------------------- */

static const char *const access_keys[] = {
	[MMU_READ] = "read", [MMU_WRITE] = "write", [MMU_FETCH] = "fetch",
};

/* A user access the MMU refused: the same access as a step, which takes
 * the fault (and any the retry takes) as the CPU would. */
static int on_fault(void *ctx, const struct cpu_access *a,
		    const struct mmu_fault *hw, struct ef_error *err)
{
	struct run *run = ctx;
	char size[8];

	(void)hw;
	snprintf(size, sizeof size, "%u", a->size);
	begin(run);
	if (add_hex(run, access_keys[a->type], a->address, err) != 0 ||
	    add(run, "size", size, err) != 0 ||
	    (a->has_value && add_hex(run, "value", a->value, err) != 0) ||
	    (a->type != MMU_FETCH && add_hex(run, "eip", a->eip, err) != 0) ||
	    run_step(run, err) != 0)
		return -1;
	return run->out->killed ? 1 : 0;
}

/* ---- processes -------------------------------------------------------- */

static struct task *current_task(struct run *run)
{
	return &run->tasks[run->current];
}

static struct process *process_of(struct run *run, const struct task *t)
{
	return machine_process(replay_machine_for_cpu(run->r), t->pid);
}

/* A task for the running process, with REGS. */
static int add_task(struct run *run, int pid, const struct cpu_regs *regs,
		    struct ef_error *err)
{
	if (run->task_count == run->task_capacity) {
		unsigned capacity = run->task_capacity ? 2 * run->task_capacity
						       : 8;
		struct task *grown = realloc(run->tasks,
					     capacity * sizeof *grown);

		if (grown == NULL)
			return ef_error_set(err, PROGRAM_RUN_ERR_NOMEM, ENOMEM,
					    "out of memory");
		run->tasks = grown;
		run->task_capacity = capacity;
	}
	run->tasks[run->task_count++] = (struct task){ .pid = pid,
						       .regs = *regs };
	return 0;
}

/* The registers a program starts with after exec: EIP its entry, ESP
 * its initial stack, the rest 0 (ELF_PLAT_INIT()). */
static struct cpu_regs start_regs(const struct process *p)
{
	return (struct cpu_regs){ .eip = (uint32_t)p->mm.entry,
				  .esp = (uint32_t)p->mm.start_stack,
				  .eflags = EFLAGS_START };
}

static bool can_run(const struct process *p)
{
	return p != NULL && p->alive && !p->zombie && !p->stopped;
}

/* exec: PROGRAM, the first step, and the CPU for its machine. */
static int start(struct run *run, const char *program,
		 const char *const *argv, unsigned argc, struct ef_error *err)
{
	struct process *p;
	struct cpu_regs regs;

	begin(run);
	if (add(run, "exec", program, err) != 0 ||
	    script_step_add(&run->step, "argv", true, argv, argc, err) != 0 ||
	    (run->options->path != NULL &&
	     add(run, "path", run->options->path, err) != 0) ||
	    run_step(run, err) != 0)
		return -1;
	p = replay_current(run->r);
	if (p == NULL || !p->alive)
		return 0;	/* exec's own fault killed it */
	run->first_pid = p->pid;
	/* The vvar page's clock: the epoch, until the run has a clock. */
	if (vdso_install(replay_machine_for_cpu(run->r), run->options->vdso,
			 &(struct vdso_clock){ 0, 0, 0, 0 }, err) != 0 ||
	    cpu_open(&run->cpu, replay_machine_for_cpu(run->r),
		     &(struct cpu_hooks){ on_fault, run }, err) != 0)
		return -1;
	run->have_cpu = true;
	regs = start_regs(p);
	return add_task(run, p->pid, &regs, err);
}

/* fork:, for fork, vfork and clone (clone's flags are not looked at: a
 * new process, as fork makes).  The parent runs on with the child's pid
 * in EAX; the child will start from the same registers with 0. */
static int do_fork(struct run *run, struct ef_error *err)
{
	struct cpu_regs child;

	begin(run);
	if (add(run, "fork", "", err) != 0 || run_step(run, err) != 0)
		return -1;
	if (run->out->new_pid == 0) {	/* refused: fork's EAGAIN */
		current_task(run)->regs.eax = (uint32_t)-EAGAIN;
		return 0;
	}
	child = current_task(run)->regs;
	child.eax = 0;
	current_task(run)->regs.eax = (uint32_t)run->out->new_pid;
	return add_task(run, run->out->new_pid, &child, err);
}

/* syscall: EAX with args: the other six registers - or, for a call by
 * sysenter, five, and sysenter: the stack the sixth is read from. */
static int do_syscall(struct run *run, struct task *t, struct ef_error *err)
{
	const uint32_t *r = &t->regs.ebx;
	const uint32_t args[6] = { r[0], r[1], r[2], t->regs.esi,
				   t->regs.edi, t->regs.ebp };
	unsigned count = t->sysenter ? 5 : 6;
	char number[12], texts[6][12];
	const char *list[6];

	snprintf(number, sizeof number, "%u", t->regs.eax);
	for (unsigned i = 0; i < 6; i++) {
		snprintf(texts[i], sizeof texts[i], "%#x", args[i]);
		list[i] = args[i] ? texts[i] : "0";
	}
	begin(run);
	return add(run, "syscall", number, err) != 0 ||
	       script_step_add(&run->step, "args", true, list, count,
			       err) != 0 ||
	       (t->sysenter && add_hex(run, "sysenter", t->regs.ebp,
				       err) != 0) ||
	       run_step(run, err) != 0 ? -1 : 0;
}

/* do_fast_syscall_32()'s return for a call by sysenter, the sixth
 * argument SIXTH in EBP: at the vDSO's int80_landing_pad with the
 * user's stack, by sysexit (EDX the EIP, ECX the ESP) - where the vDSO
 * pops EBP, EDX and ECX and returns to the caller. */
static void sysenter_return(struct task *t, const struct process *p,
			    uint32_t sixth)
{
	uint32_t sp = t->regs.ebp;

	t->regs.eip = (uint32_t)p->mm.vdso_base + VDSO_INT80_LANDING_PAD;
	t->regs.esp = sp;
	t->regs.ebp = sixth;
	t->regs.edx = t->regs.eip;
	t->regs.ecx = sp;
	t->sysenter = false;
}

/* What a call's outcome does to the task that made it. */
static int after_syscall(struct run *run, uint32_t nr, struct ef_error *err)
{
	struct task *t = current_task(run);
	struct process *p = process_of(run, t);

	if (run->out->would_block) {
		t->sleeping = true;	/* EAX still holds the call */
		return 0;
	}
	t->sleeping = false;
	if (p == NULL || !p->alive)
		return 0;
	if (nr == NR_EXECVE && run->out->has_result &&
	    run->out->result == 0) {
		t->regs = start_regs(p);	/* the new program */
		t->sysenter = false;
		return cpu_flush(&run->cpu, err);
	}
	if (run->out->has_result)
		t->regs.eax = (uint32_t)run->out->result;
	if (t->sysenter)	/* get_user() gave 0 when it failed */
		sysenter_return(t, p, run->out->sys_args[5]);
	return 0;
}

static int wake_preempt(struct run *run, struct ef_error *err);

static int system_call(struct run *run, struct ef_error *err)
{
	struct task *t = current_task(run);
	uint32_t nr = t->regs.eax, sixth = 0;

	if (nr == NR_FORK || nr == NR_VFORK || nr == NR_CLONE) {
		/* fork: takes no arguments: the sixth get_user() reads is
		 * the EBP the vDSO has just pushed, which comes back */
		if (t->sysenter) {
			cpu_peek32(&run->cpu, t->regs.ebp, &sixth);
			sysenter_return(t, process_of(run, t), sixth);
		}
		return do_fork(run, err);
	}
	if (do_syscall(run, current_task(run), err) != 0 ||
	    after_syscall(run, nr, err) != 0)
		return -1;
	return run->out->woke ? wake_preempt(run, err) : 0;
}

/* ---- scheduling ------------------------------------------------------- */

/* switch: to task I, when it is not the one running. */
static int switch_to(struct run *run, unsigned i, struct ef_error *err)
{
	char pid[12];

	if (replay_current(run->r) != NULL &&
	    replay_current(run->r)->pid == run->tasks[i].pid) {
		run->current = i;
		return 0;
	}
	snprintf(pid, sizeof pid, "%d", run->tasks[i].pid);
	begin(run);
	if (add(run, "switch", pid, err) != 0 || run_step(run, err) != 0)
		return -1;
	run->current = i;
	return cpu_flush(&run->cpu, err);
}

/* Task I, if it can run: switched to, and its sleeping call made again.
 * Returns 1 when it runs now, 0 when it cannot, -1 on error. */
static int try_task(struct run *run, unsigned i, struct ef_error *err)
{
	struct task *t = &run->tasks[i];

	if (!can_run(process_of(run, t)))
		return 0;
	if (switch_to(run, i, err) != 0)
		return -1;
	if (!t->sleeping)
		return 1;
	if (do_syscall(run, t, err) != 0 ||
	    after_syscall(run, t->regs.eax, err) != 0)
		return -1;
	return !t->sleeping;
}

/* Whether task T sleeps in a call on a pipe (read, write, sendfile). */
static bool sleeps_on_pipe(const struct task *t)
{
	return t->sleeping && (t->regs.eax == NR_READ || t->regs.eax == NR_WRITE ||
			       t->regs.eax == NR_SENDFILE ||
			       t->regs.eax == NR_SENDFILE64);
}

/* check_preempt_wakeup(): a call that woke those sleeping on a pipe lets
 * the first of them (in pid order after the caller) whose call now goes
 * through run at once - CFS places a sleeper that wakes up to half a
 * latency period below the others' vruntime, so on the VM's one CPU it
 * preempts its waker, which runs again in its turn.  A sleeper whose
 * call still would sleep sleeps on. */
static int wake_preempt(struct run *run, struct ef_error *err)
{
	unsigned was = run->current;

	for (unsigned n = 1; n < run->task_count; n++) {
		unsigned i = (was + n) % run->task_count;
		int rc;

		if (!sleeps_on_pipe(&run->tasks[i]))
			continue;
		if ((rc = try_task(run, i, err)) != 0)
			return rc < 0 ? -1 : 0;
	}
	return switch_to(run, was, err);
}

/* The next task in pid order after the running one that can run (the
 * running one last).  Returns 1, 0 when none can, or -1. */
static int next_task(struct run *run, struct ef_error *err)
{
	for (unsigned n = 1; n <= run->task_count; n++) {
		int rc = try_task(run, (run->current + n) % run->task_count,
				  err);

		if (rc != 0)
			return rc;
	}
	return 0;
}

/* Whether any process of the run sleeps in a call. */
static bool any_sleeping(struct run *run)
{
	for (unsigned i = 0; i < run->task_count; i++) {
		struct process *p = process_of(run, &run->tasks[i]);

		if (run->tasks[i].sleeping && p != NULL && p->alive &&
		    !p->stopped)
			return true;
	}
	return false;
}

/* The tasks of the processes that ended dropped, in place, the order
 * kept: an ended process never runs again (its pid is never reused), so
 * that choosing the next task costs the processes that may still run,
 * not every process the run made.  The running task, if dropped, leaves
 * CURRENT at the task kept before it, so that the next tried is the one
 * that came after it, as before. */
static void drop_ended_tasks(struct run *run)
{
	unsigned kept = 0, current = 0;

	for (unsigned i = 0; i < run->task_count; i++) {
		const struct process *p = process_of(run, &run->tasks[i]);
		bool ended = p == NULL || !p->alive;

		if (i == run->current)
			current = !ended ? kept : kept ? kept - 1 : UINT_MAX;
		if (!ended)
			run->tasks[kept++] = run->tasks[i];
	}
	run->task_count = kept;
	run->current = current != UINT_MAX ? current
		       : kept ? kept - 1 : 0;
}

/* The first process, stopped, continued (options->continue_first). */
static bool continue_first(struct run *run)
{
	struct process *p = machine_process(replay_machine_for_cpu(run->r),
					    run->first_pid);

	if (!run->options->continue_first || p == NULL || !p->alive ||
	    !p->stopped)
		return false;
	p->stopped = false;	/* the harness's kill -CONT */
	if (run->hooks->continued != NULL)
		run->hooks->continued(run->hooks->ctx, p->pid);
	return true;
}

/* The task to run next: the running one while it can, else the next
 * that can.  Returns 1, 0 when no process can run any more (all ended,
 * or stopped), or -1 (PROGRAM_RUN_ERR_STUCK when a process sleeps in a
 * call no other can end). */
static int pick(struct run *run, struct ef_error *err)
{
	struct task *t = current_task(run);
	int rc;

	if (!t->sleeping && can_run(process_of(run, t)))
		return 1;
	drop_ended_tasks(run);
	if (run->task_count == 0)
		return 0;
	do {
		rc = next_task(run, err);
		if (rc != 0)
			return rc;
	} while (continue_first(run));
	if (any_sleeping(run))
		return ef_error_set(err, PROGRAM_RUN_ERR_STUCK, 0, "pid %d "
				    "sleeps in a call no process left can end",
				    current_task(run)->pid);
	return 0;
}

/* ---- the run ---------------------------------------------------------- */

/* trap: NAME with eip: - the instruction trapped, and the trap's signal
 * (traps.h) kills the process. */
static int trapped(struct run *run, struct ef_error *err)
{
	const struct trap_facts *trap = trap_facts(run->cpu.trap);

	if (trap == NULL)	/* the engine raised what no CPU would */
		return ef_error_set(err, PROGRAM_RUN_ERR_TRAP, 0, "pid %d: "
				    "the instruction at %#x took vector %u",
				    current_task(run)->pid, run->cpu.trap_eip,
				    run->cpu.trap);
	begin(run);
	return add(run, "trap", trap->name, err) != 0 ||
	       add_hex(run, "eip", run->cpu.trap_eip, err) != 0 ||
	       run_step(run, err) != 0 ? -1 : 0;
}

static int run_until_done(struct run *run, struct ef_error *err)
{
	uint64_t budget = run->options->budget;
	int rc;

	while ((rc = pick(run, err)) == 1) {
		uint64_t ran = run->cpu.instructions;
		enum cpu_stop stop;

		if (budget != 0 && ran >= budget)
			return ef_error_set(err, PROGRAM_RUN_ERR_BUDGET, 0,
					    "%" PRIu64 " instructions ran: "
					    "the run's limit", budget);
		/* load_TLS(): the process's descriptors in the GDT */
		cpu_load_tls(&run->cpu, process_of(run, current_task(run))->tls);
		if (cpu_run(&run->cpu, &current_task(run)->regs,
			    budget ? budget - ran : 0, &stop, err) != 0)
			return -1;
		current_task(run)->sysenter = stop == CPU_STOP_SYSENTER;
		if ((stop == CPU_STOP_SYSCALL || stop == CPU_STOP_SYSENTER) &&
		    system_call(run, err) != 0)
			return -1;
		if (stop == CPU_STOP_TRAP && trapped(run, err) != 0)
			return -1;
	}
	return rc;
}

/* The exit code a shell would give for the first process. */
static int exit_code(struct run *run)
{
	struct machine *m = replay_machine_for_cpu(run->r);
	const struct process *p = m && run->first_pid
				  ? machine_process(m, run->first_pid) : NULL;

	if (p == NULL)
		return 127;
	if (p->alive && p->stopped)
		return -1;
	if ((p->wait_status & 0x7f) == 0)
		return (p->wait_status >> 8) & 0xff;
	return 128 + (p->wait_status & 0x7f);
}

int program_run(struct replay *r, const char *program,
		const char *const *argv, unsigned argc,
		const struct program_run_options *options,
		const struct program_run_hooks *hooks,
		struct program_run_result *result, struct ef_error *err)
{
	struct run *run = calloc(1, sizeof *run);
	int rc = -1;

	memset(result, 0, sizeof *result);
	if (run == NULL || (run->out = malloc(sizeof *run->out)) == NULL) {
		free(run);
		return ef_error_set(err, PROGRAM_RUN_ERR_NOMEM, ENOMEM,
				    "out of memory");
	}
	run->r = r;
	run->hooks = hooks;
	run->options = options;
	replay_let_calls_sleep(r, true);
	if (start(run, program, argv, argc, err) == 0)
		rc = run->task_count ? run_until_done(run, err) : 0;
	result->exit_code = exit_code(run);
	result->instructions = run->cpu.instructions;
	result->steps = run->steps;
	if (run->have_cpu)
		cpu_close(&run->cpu);
	free(run->tasks);
	free(run->out);
	free(run);
	return rc;
}
