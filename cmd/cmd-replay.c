/* cmd-replay.c - `elfault replay SCRIPT`: a script's processes on the
 * emulated i386 MMU, every page fault described. */
#include <config.h>

#include <argp.h>
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "batch_ring.h"
#include "commands.h"
#include "kernel_text.h"
#include "output-thread.h"
#include "replay-run.h"
#include "replay.h"
#include "script.h"
#include "step_queue.h"
#include "text.h"
#include "yaml_writer.h"

struct replay_args {
	const char *script;
	bool quiet;
	bool yaml;
	bool compare;
	struct replay_settings settings;
};

enum { OPTION_SIZES = 256 };

static const struct argp_option options[] = {
	{ "quiet", 'q', NULL, 0,
	  "print only the steps that fault, reclaim or whose expectations "
	  "fail", 0 },
	{ "format", 'f', "FORMAT", 0, "text (the default) or yaml", 0 },
	{ "memory", 'm', "SIZE", 0, "physical memory (96K to 4G; K, M, G "
	  "suffixes), instead of the script's memory:", 0 },
	{ "swap", 's', "SIZE", 0, "a swap area of SIZE (0: none), instead of "
	  "the script's swap:", 0 },
	{ "policy", 'p', "POLICY", 0, "page replacement: lru2q (the kernel's, "
	  "the default), clock, fifo, lru or opt; instead of the script's "
	  "policy:", 0 },
	{ "compare-policies", 'c', NULL, 0, "replay SCRIPT under every policy "
	  "and several memory sizes and print the page faults of each", 0 },
	{ "sizes", OPTION_SIZES, "LIST", 0, "with --compare-policies: the "
	  "memory sizes, comma-separated (default: from a quarter of the "
	  "script's peak to the peak, every frame count or sixteen sizes)", 0 },
	{ 0 }
};

/* --memory, --swap, --policy */
static void parse_machine_option(int key, const char *arg,
				 struct argp_state *state)
{
	struct replay_settings *s = &((struct replay_args *)state->input)->settings;
	struct ef_error err = { 0 };

	if (key == 'm' && replay_parse_memory(arg, &s->memory, &err) == 0)
		s->has_memory = true;
	else if (key == 's' && replay_parse_swap(arg, &s->swap, &err) == 0)
		s->has_swap = true;
	else if (key == 'p' && replacement_policy_parse(arg, &s->policy) == 0)
		s->has_policy = true;
	else if (key == 'p')
		argp_error(state, "--policy: %s is not one of lru2q, clock, "
			   "fifo, lru, opt", arg);
	else
		argp_error(state, "--%s", err.detail);
}

static error_t parse_replay(int key, char *arg, struct argp_state *state)
{
	struct replay_args *args = state->input;

	switch (key) {
	case 'q':
		args->quiet = true;
		return 0;
	case 'f':
		args->yaml = format_is_yaml(state, arg);
		return 0;
	case 'm': case 's': case 'p':
		parse_machine_option(key, arg, state);
		return 0;
	case 'c':
		args->compare = true;
		return 0;
	case OPTION_SIZES:
		args->settings.sizes = arg;
		return 0;
	case ARGP_KEY_ARG:
		if (args->script != NULL)
			argp_error(state, "one SCRIPT at a time");
		args->script = arg;
		return 0;
	case ARGP_KEY_END:
		if (args->settings.sizes != NULL && !args->compare)
			argp_error(state, "--sizes goes with "
				   "--compare-policies");
		if (args->compare && args->settings.has_memory)
			argp_error(state, "--compare-policies chooses the "
				   "memory sizes: give them with --sizes");
		return 0;
	case ARGP_KEY_NO_ARGS:
		argp_error(state, "no SCRIPT given");
		return 0;
	default:
		return ARGP_ERR_UNKNOWN;
	}
}

static const struct argp replay_argp = {
	.options = options,
	.parser = parse_replay,
	.args_doc = "SCRIPT",
	.doc = "Run the processes SCRIPT describes (elfault-script(5)) on an "
	       "emulated i386 MMU and Linux's page-fault handling, and print "
	       "every step and every page fault, the user's and the kernel's "
	       "own: where the page walk failed, the error code, the VMA, what "
	       "the kernel decided and what it mapped, or its exception-table "
	       "fixup, or its Oops; what reclaim takes when memory runs short "
	       "(swap-outs, dropped and written-back file pages, OOM kills) "
	       "and the /proc/vmstat counters.\v"
	       "Exit status: 0 when every expect: held, 1 when one failed (each "
	       "reported as SCRIPT:LINE:COLUMN with the expected and actual "
	       "values), 2 when the script or a file it names is wrong (one "
	       "SCRIPT:LINE:COLUMN line), 3 when the simulated physical memory "
	       "ran out with nothing to reclaim and no process to kill, 4 when "
	       "the simulated kernel panicked in a step whose "
	       "expect: has no panic: key (and every expect: held), 70 when "
	       "elfault itself failed.",
};

/* Totals for the summary. */
struct tally {
	unsigned steps, faults, minor, major, signals, fixups, oopses, failed;
	unsigned reclaims, oom_kills;
	unsigned panic_step;	/* the step the kernel panicked in, or 0 */
};

/* ---- text ------------------------------------------------------------- */

/* A step's line is built in a buffer and written at once, like a
 * fault's block (text.h): scripts of cheap steps print one per step. */
static void add_access(struct text *t, const struct replay_outcome *o)
{
	text_str(t, replay_action_name(o->action));
	text_char(t, ' ');
	text_hex(t, o->address, 8);
	text_str(t, " size ");
	text_dec(t, o->size);
	if (o->eip != 0 && o->action != REPLAY_FETCH) {
		text_str(t, " eip ");
		text_hex(t, o->eip, 8);
	}
	if (o->has_value) {
		text_str(t, " = ");
		text_hex(t, o->value, 0);
	}
}

/* kernel-read, kernel-write: where, from which EIP, in which context. */
static void add_kernel_access(struct text *t, const struct replay_outcome *o)
{
	text_printf(t, "%s 0x%08" PRIx32 " size %u from %s in %s context",
		    replay_action_name(o->action), o->address, o->size,
		    o->eip_name, o->in_interrupt ? "interrupt" : "process");
	if (o->has_value)
		text_printf(t, " = %#" PRIx64, o->value);
}

/* sys-read, sys-write: the call, its return, what the copies moved. */
static void add_rw(struct text *t, const struct replay_outcome *o)
{
	char data[4 * REPLAY_DATA_MAX + 1];

	text_printf(t, "%s 0x%08" PRIx32 " count %u",
		    replay_action_name(o->action), o->address, o->count);
	if (!o->has_result) {
		text_str(t, " (no return: the task died)");
		return;
	}
	if (o->error != 0)
		text_printf(t, " = -1 %s", strerrorname_np(o->error));
	else
		text_printf(t, " = %" PRId64, o->result);
	if (o->refused)
		text_str(t, " (access_ok() refused the buffer: no access made)");
	else if (o->copied != o->count)
		text_printf(t, " (%u of %u copied)", o->copied, o->count);
	if (o->data_len != 0)	/* the first 16 bytes: a line, not a dump */
		text_printf(t, " \"%s\"%s",
			    replay_escape(o->data, o->data_len < 16 ?
					  o->data_len : 16, data, sizeof data),
			    o->data_len > 16 ? "..." : "");
}

/* mmap, munmap, mprotect, brk: the return value or the error. */
static void add_syscall(struct text *t, const struct replay_outcome *o)
{
	text_str(t, replay_action_name(o->action));
	if (o->error != 0) {
		text_str(t, " = -1 ");
		text_str(t, strerrorname_np(o->error));
	} else {
		text_str(t, " = ");
		text_hex(t, (uint64_t)o->result, 0);
	}
}

static bool is_access(enum replay_action action)
{
	return action == REPLAY_READ || action == REPLAY_WRITE ||
	       action == REPLAY_FETCH || action == REPLAY_INSTRUCTION ||
	       action == REPLAY_KERNEL_READ || action == REPLAY_KERNEL_WRITE;
}

static void print_step_line(const struct replay_outcome *o)
{
	char buf[512];
	struct text t;

	text_init(&t, buf, sizeof buf);
	text_str(&t, "step ");
	text_dec(&t, o->number);
	text_str(&t, " (line ");
	text_dec(&t, o->mark.line);
	text_str(&t, "): ");
	if (o->pid != 0) {
		text_str(&t, "pid ");
		text_dec(&t, (unsigned)o->pid);
		text_char(&t, ' ');
		text_str(&t, o->label);
		text_str(&t, ": ");
	}
	switch (o->action) {
	case REPLAY_READ: case REPLAY_WRITE: case REPLAY_FETCH:
	case REPLAY_INSTRUCTION:
		add_access(&t, o);
		break;
	case REPLAY_KERNEL_READ: case REPLAY_KERNEL_WRITE:
		add_kernel_access(&t, o);
		break;
	case REPLAY_SYS_READ: case REPLAY_SYS_WRITE:
		add_rw(&t, o);
		break;
	case REPLAY_EXEC:
	case REPLAY_FORK:
		text_str(&t, replay_action_name(o->action));
		text_str(&t, ": pid ");
		text_dec(&t, (unsigned)o->new_pid);
		break;
	case REPLAY_MMAP: case REPLAY_MUNMAP: case REPLAY_MPROTECT:
	case REPLAY_BRK:
		add_syscall(&t, o);
		break;
	default:
		text_str(&t, replay_action_name(o->action));
		break;
	}
	if (o->fault_count == 0 && is_access(o->action))
		text_str(&t, ", no fault");
	text_char(&t, '\n');
	fwrite(t.buf, 1, t.used, stdout);
}

/* The VMA of fault RES as replay_format_vma() writes it, in the mm of
 * O's process; false when the fault had no VMA. */
static bool fault_vma(const struct replay *r, const struct replay_outcome *o,
		      const struct fault_result *res, char *buf, size_t size)
{
	const struct machine *m = replay_machine(r);

	for (unsigned k = 0; res->has_vma && m && k < m->process_count; k++)
		if (m->processes[k]->pid == o->pid) {
			replay_format_vma(&m->processes[k]->mm, &res->vma, buf,
					  size);
			return true;
		}
	return false;
}

static void add_vma_line(struct text *t, const struct replay *r,
			 const struct replay_outcome *o,
			 const struct fault_result *res)
{
	char vma[128];

	if (!fault_vma(r, o, res, vma, sizeof vma))
		return;
	text_str(t, "    vma:    ");
	text_str(t, vma);
	text_str(t, res->stack_grown ? " (the stack grew)\n" : "\n");
}

/* The Oops report, its lines set off as the kernel log's. */
/* The next line of TEXT at *AT (its length in *LENGTH), moving *AT past
 * it; false at the end. */
static bool next_line(const char **at, int *length)
{
	const char *line = *at, *end = strchr(line, '\n');

	if (*line == '\0')
		return false;
	*length = end ? (int)(end - line) : (int)strlen(line);
	*at = line + *length + (end != NULL);
	return true;
}

static void print_oops(const char *oops)
{
	int n;

	for (const char *at = oops, *line = at; next_line(&at, &n); line = at)
		printf("    | %.*s\n", n, line);
}

static void print_fault(const struct replay *r, const struct replay_outcome *o,
			unsigned i)
{
	const struct replay_fault *f = &o->faults[i];
	const struct fault_result *res = &f->result;
	char buf[1024], words[128], walk[REPLAY_WALK_NAME_SIZE];
	struct text t;

	text_init(&t, buf, sizeof buf);

	text_str(&t, "  fault ");
	text_dec(&t, i + 1);
	text_str(&t, f->hw.error_code & PF_USER ? ": user " : ": kernel ");
	text_str(&t, mmu_access_name(f->type));
	text_str(&t, " at ");
	text_hex(&t, f->hw.cr2, 8);
	if (f->eip != 0) {
		text_str(&t, ", eip ");
		text_hex(&t, f->eip, 8);
	}
	if (f->eip_name[0] != '\0' && strncmp(f->eip_name, "0x", 2) != 0) {
		text_str(&t, " ");
		text_str(&t, f->eip_name);
	}
	if (f->in_interrupt)
		text_str(&t, " in interrupt context");
	text_str(&t, "\n    walk:   ");
	text_str(&t, replay_walk_name(&f->hw, walk));
	text_str(&t, " failed");
	if (f->hw.from_tlb) {
		text_str(&t, " in the TLB entry (no walk)");
	} else {
		text_str(&t, "; pde ");
		text_hex(&t, f->hw.pde, 8);
		if (f->hw.pte_read) {
			text_str(&t, " pte ");
			text_hex(&t, f->hw.pte, 8);
		}
	}
	text_str(&t, "\n    error:  ");
	text_hex(&t, f->hw.error_code, 0);
	text_str(&t, " (");
	text_str(&t, mmu_error_code_text(f->hw.error_code, words, sizeof words));
	text_str(&t, "), cr2 ");
	text_hex(&t, f->hw.cr2, 8);
	text_str(&t, "\n");
	add_vma_line(&t, r, o, res);
	text_str(&t, "    kernel: ");
	text_str(&t, replay_fault_name(res->kind));
	text_str(&t, ": ");
	text_str(&t, fault_kind_name(res->kind));
	if (res->kind == FAULT_SIGSEGV || res->kind == FAULT_SIGBUS) {
		text_str(&t, ", ");
		text_str(&t, replay_si_code_name(res->kind, res->si_code));
		text_str(&t, " (");
		text_str(&t, res->why);
		text_str(&t, "); pid ");
		text_dec(&t, (unsigned)o->pid);
		text_str(&t, " killed\n");
	} else if (res->kind == FAULT_FIXUP) {
		text_str(&t, " (");
		text_str(&t, res->why);
		text_str(&t, ");\n            resumed at ");
		text_hex(&t, res->fixup_eip, 8);
		text_str(&t, " ");
		text_str(&t, kernel_text_symbolize(res->fixup_eip, words,
						  sizeof words));
		text_str(&t, "\n");
	} else if (res->kind == FAULT_OOM) {
		text_str(&t, "; pid ");
		text_dec(&t, (unsigned)o->pid);
		text_str(&t, " killed\n");
	} else if (res->kind == FAULT_SWAP_IN || res->kind == FAULT_SWAP_CACHE) {
		text_str(&t, "; slot ");
		text_dec(&t, res->swap_offset);
		text_str(&t, res->kind == FAULT_SWAP_IN ? " read into frame "
						       : ", frame ");
		text_hex(&t, res->new_pfn, 0);
		if (res->wp_copied)
			text_str(&t, ", then copied (the slot is shared)");
		text_str(&t, res->major ? " (major)\n" : " (minor)\n");
	} else if (res->kind == FAULT_OOPS) {
		text_str(&t, " (");
		text_str(&t, res->why);
		text_str(&t, res->panic ? ");\n            the kernel panicked\n"
			: ");\n            pid ");
		if (!res->panic) {
			text_dec(&t, (unsigned)o->pid);
			text_str(&t, " killed (SIGKILL)\n");
		}
	} else {
		text_str(&t, "; frame ");
		if (res->kind == FAULT_WP_COPY || res->kind == FAULT_FILE_COW) {
			text_hex(&t, res->old_pfn, 0);
			text_str(&t, " copied to ");
		}
		text_hex(&t, res->new_pfn, 0);
		text_str(&t, res->major ? " (major" : " (minor");
		if (res->read_pages) {
			text_str(&t, ", ");
			text_dec(&t, res->read_pages);
			text_str(&t, " pages read");
		}
		if (res->around) {
			text_str(&t, ", ");
			text_dec(&t, res->around);
			text_str(&t, " more mapped around");
		}
		text_str(&t, ")\n");
	}
	fwrite(t.buf, 1, t.used, stdout);
	if (res->kind == FAULT_OOPS)
		print_oops(o->oops);
}

/* Whether --quiet leaves O out: no fault, no reclaim, and every
 * expectation held. */
static bool quiet_skips(const struct replay_outcome *o, bool quiet)
{
	return quiet && o->fault_count == 0 && o->mismatch_count == 0 &&
	       o->reclaim_count == 0;
}

/* A file's name without its directories (the same on every machine). */
static const char *file_name(const struct mapped_file *file)
{
	const char *slash = strrchr(file->path, '/');

	return slash ? slash + 1 : file->path;
}

/* Where a reclaimed page was: a file's page, or a process's address. */
static void print_reclaimed_page(const struct replay *r,
				 const struct reclaim_event *e)
{
	if (e->file != NULL) {
		printf("%s page %" PRIu64, file_name(e->file), e->index);
	} else if (e->pid == 0) {
		printf("mapped by no one, was at 0x%08" PRIx32, e->address);
	} else {
		printf("pid %d %s 0x%08" PRIx32, e->pid,
		       replay_label(r, e->pid), e->address);
	}
	printf(", %u PTE%s cleared", e->unmapped, e->unmapped == 1 ? "" : "s");
}

/* The kernel's line for an OOM kill (__oom_kill_process()). */
static void print_oom_kill(const struct reclaim_event *e)
{
	printf("  oom-kill: no page can be reclaimed; oom_badness() %" PRIu64
	       " is the highest:\n    Out of memory: Killed process %d (%s) "
	       "total-vm:%" PRIu64 "kB, anon-rss:%" PRIu64 "kB, file-rss:%"
	       PRIu64 "kB, shmem-rss:0kB, UID:0 pgtables:%" PRIu64 "kB "
	       "oom_score_adj:0\n", e->points, e->pid, e->comm, e->total_vm_kb,
	       e->anon_rss_kb, e->file_rss_kb, e->pgtables_kb);
}

static void print_reclaim(const struct replay *r, const struct reclaim_event *e)
{
	static const char *const where[] = {
		[RECLAIM_DROP] = "clean: dropped",
		[RECLAIM_WRITEBACK] = "dirty: written back to its file, "
				      "dropped",
		[RECLAIM_SWAP_OUT] = "written to swap slot",
		[RECLAIM_SWAP_CACHE] = "clean in the swap cache: dropped, "
				       "its bytes already in slot",
	};

	if (e->action == RECLAIM_OOM_KILL) {
		print_oom_kill(e);
		return;
	}
	printf("  reclaim: %s frame %#" PRIx32 " (", reclaim_action_name(e->action),
	       e->pfn);
	print_reclaimed_page(r, e);
	printf("): %s", where[e->action]);
	if (e->swap_offset != 0)
		printf(" %" PRIu32 ", PTE now 0x%08" PRIx32, e->swap_offset,
		       swap_pte(e->swap_offset));
	printf("\n");
}

/* Whether the OOM kill of the step's process ended one of its faults
 * (else it ended a fork or a system call's own allocation). */
static bool oom_fault(const struct replay_outcome *o)
{
	return o->fault_count != 0 &&
	       o->faults[o->fault_count - 1].result.kind == FAULT_OOM;
}

static void print_text(const struct replay *r, const struct replay_outcome *o,
		       bool quiet)
{
	if (quiet_skips(o, quiet))
		return;
	print_step_line(o);
	for (unsigned i = 0; i < o->reclaim_count; i++)
		print_reclaim(r, &o->reclaims[i]);
	if (o->reclaims_lost != 0)
		printf("  reclaim: %" PRIu64 " more not shown\n",
		       o->reclaims_lost);
	for (unsigned i = 0; i < o->fault_count; i++)
		print_fault(r, o, i);
	if (o->oom_killed && !oom_fault(o))
		printf("  pid %d killed (SIGKILL) by the OOM killer\n", o->pid);
}

static void print_text_summary(const struct replay *r, const struct tally *t)
{
	const struct machine *m = replay_machine(r);

	printf("\n");
	for (unsigned i = 0; m != NULL && i < m->process_count; i++) {
		const struct process *p = m->processes[i];

		printf("pid %d %-12s minflt %" PRIu64 " majflt %" PRIu64 " %s\n",
		       p->pid, replay_label(r, p->pid), p->minflt, p->majflt,
		       p->alive ? "running" : "gone");
	}
	if (m != NULL) {
		struct vmstat v;

		reclaim_vmstat(m, &v);
		printf("memory %" PRIu64 "K (%" PRIu64 " frames, %" PRIu64
		       " at most in use), swap %" PRIu64 "K (%u slots, %u in "
		       "use), policy %s\n", m->mem.frame_count * 4,
		       m->mem.frame_count, m->mem.peak_used,
		       swap_bytes(&m->swap) / 1024,
		       m->swap.slots, m->swap.used,
		       replacement_policy_name(replay_policy(r)));
		printf("vmstat:");
		for (unsigned i = 0; i < VMSTAT_COUNTERS; i++)
			printf(" %s %" PRIu64, vmstat_name(i), vmstat_value(&v, i));
		printf("\n");
	}
	if (t->panic_step != 0)
		printf("the kernel panicked in step %u: the replay stopped "
		       "there\n", t->panic_step);
	printf("%u steps, %u faults (%u minor, %u major, %u signals", t->steps,
	       t->faults, t->minor, t->major, t->signals);
	if (t->fixups != 0 || t->oopses != 0)
		printf(", %u fixed up, %u oopses", t->fixups, t->oopses);
	printf("), %u expectations failed\n", t->failed);
}

/* ---- YAML ---------------------------------------------------------------- */

/* An Oops: its number, whether it panicked, the report's lines. */
static void yaml_oops(struct yaml_writer *w, const struct replay_outcome *o,
		      const struct fault_result *res)
{
	int n;

	yaml_writer_key_int(w, "oops-number", res->oops_number);
	yaml_writer_key_bool(w, "panic", res->panic);
	yaml_writer_str(w, "report");
	yaml_writer_begin_seq(w, false);
	for (const char *at = o->oops, *line = at; next_line(&at, &n);
	     line = at) {
		char text[160];

		snprintf(text, sizeof text, "%.*s", n, line);
		yaml_writer_str(w, text);
	}
	yaml_writer_end_seq(w);
}

static void yaml_fault(struct yaml_writer *w, const struct replay *r,
		       const struct replay_outcome *o, const struct replay_fault *f)
{
	const struct fault_result *res = &f->result;
	char text[128];

	yaml_writer_begin_map(w);
	yaml_writer_key_str(w, "access", mmu_access_name(f->type));
	yaml_writer_key_str(w, "mode", f->hw.error_code & PF_USER ? "user"
							      : "kernel");
	yaml_writer_key_hex(w, "cr2", f->hw.cr2, 8);
	yaml_writer_key_hex(w, "eip", f->eip, 8);
	if (f->eip_name[0] != '\0')
		yaml_writer_key_str(w, "eip-symbol", f->eip_name);
	if (!(f->hw.error_code & PF_USER))
		yaml_writer_key_bool(w, "in-interrupt", f->in_interrupt);
	yaml_writer_key_hex(w, "error-code", f->hw.error_code, 1);
	yaml_writer_key_str(w, "error", mmu_error_code_text(f->hw.error_code,
							    text, sizeof text));
	yaml_writer_key_str(w, "walk", replay_walk_name(&f->hw, text));
	yaml_writer_key_bool(w, "from-tlb", f->hw.from_tlb);
	if (!f->hw.from_tlb)
		yaml_writer_key_hex(w, "pde", f->hw.pde, 8);
	if (!f->hw.from_tlb && f->hw.pte_read)
		yaml_writer_key_hex(w, "pte", f->hw.pte, 8);
	if (fault_vma(r, o, res, text, sizeof text))
		yaml_writer_key_str(w, "vma", text);
	yaml_writer_key_str(w, "kind", replay_fault_name(res->kind));
	if (res->kind == FAULT_SIGSEGV || res->kind == FAULT_SIGBUS) {
		yaml_writer_key_str(w, "signal", res->kind == FAULT_SIGBUS
				    ? "SIGBUS" : "SIGSEGV");
		yaml_writer_key_str(w, "code", replay_si_code_name(res->kind,
								   res->si_code));
		yaml_writer_key_str(w, "why", res->why);
	} else if (res->kind == FAULT_FIXUP || res->kind == FAULT_OOPS) {
		yaml_writer_key_str(w, "bad-area", replay_si_code_name(
				    res->bad_area, res->si_code));
		yaml_writer_key_str(w, "why", res->why);
		if (res->kind == FAULT_FIXUP)
			yaml_writer_key_hex(w, "fixup-eip", res->fixup_eip, 8);
		else
			yaml_oops(w, o, res);
	} else if (res->kind == FAULT_OOM) {
		yaml_writer_key_str(w, "signal", "SIGKILL");
	} else {
		yaml_writer_key_bool(w, "major", res->major);
		if (res->swap_offset != 0) {
			yaml_writer_key_int(w, "swap-slot", res->swap_offset);
			yaml_writer_key_bool(w, "then-copied", res->wp_copied);
		}
		if (res->kind == FAULT_WP_COPY || res->kind == FAULT_FILE_COW)
			yaml_writer_key_hex(w, "old-frame", res->old_pfn, 1);
		yaml_writer_key_hex(w, "frame", res->new_pfn, 1);
		yaml_writer_key_int(w, "mapped-around", res->around);
		yaml_writer_key_int(w, "pages-read", res->read_pages);
		yaml_writer_key_bool(w, "stack-grown", res->stack_grown);
	}
	yaml_writer_end_map(w);
}

/* sys-read, sys-write: the buffer and what the copies did. */
static void yaml_rw(struct yaml_writer *w, const struct replay_outcome *o)
{
	char data[4 * REPLAY_DATA_MAX + 1];

	yaml_writer_key_hex(w, "buffer", o->address, 8);
	yaml_writer_key_int(w, "count", o->count);
	yaml_writer_key_bool(w, "access-ok", !o->refused);
	yaml_writer_key_int(w, "copied", o->copied);
	yaml_writer_key_str(w, "data", replay_escape(o->data, o->data_len, data,
						     sizeof data));
}

static void yaml_reclaim(struct yaml_writer *w, const struct replay *r,
			 const struct reclaim_event *e)
{
	yaml_writer_begin_map(w);
	yaml_writer_key_str(w, "action", reclaim_action_name(e->action));
	if (e->action == RECLAIM_OOM_KILL) {
		yaml_writer_key_int(w, "pid", e->pid);
		yaml_writer_key_str(w, "name", e->comm);
		yaml_writer_key_int(w, "points", (long long)e->points);
		yaml_writer_key_int(w, "total-vm-kb", (long long)e->total_vm_kb);
		yaml_writer_key_int(w, "anon-rss-kb", (long long)e->anon_rss_kb);
		yaml_writer_key_int(w, "file-rss-kb", (long long)e->file_rss_kb);
		yaml_writer_key_int(w, "pgtables-kb", (long long)e->pgtables_kb);
		yaml_writer_end_map(w);
		return;
	}
	yaml_writer_key_hex(w, "frame", e->pfn, 1);
	yaml_writer_key_int(w, "ptes-cleared", e->unmapped);
	if (e->file != NULL) {
		yaml_writer_key_str(w, "file", file_name(e->file));
		yaml_writer_key_int(w, "index", (long long)e->index);
	} else {
		if (e->pid != 0) {	/* a swap-cache page may be unmapped */
			yaml_writer_key_int(w, "pid", e->pid);
			yaml_writer_key_str(w, "process",
					    replay_label(r, e->pid));
		}
		yaml_writer_key_hex(w, "address", e->address, 8);
	}
	if (e->swap_offset != 0) {
		yaml_writer_key_int(w, "swap-slot", e->swap_offset);
		yaml_writer_key_hex(w, "swap-pte", swap_pte(e->swap_offset), 8);
	}
	yaml_writer_end_map(w);
}

static void yaml_step(struct yaml_writer *w, const struct replay *r,
		      const struct replay_outcome *o, bool quiet)
{
	if (quiet_skips(o, quiet))
		return;
	yaml_writer_begin_map(w);
	yaml_writer_key_int(w, "step", o->number);
	yaml_writer_key_int(w, "line", o->mark.line);
	yaml_writer_key_str(w, "action", replay_action_name(o->action));
	yaml_writer_key_int(w, "pid", o->pid);
	yaml_writer_key_str(w, "process", o->label);
	if (o->size != 0) {
		yaml_writer_key_hex(w, "address", o->address, 8);
		yaml_writer_key_int(w, "size", o->size);
	}
	if (o->has_value)
		yaml_writer_key_hex(w, "value", o->value, 1);
	if (o->new_pid != 0)
		yaml_writer_key_int(w, "new-pid", o->new_pid);
	if (o->action == REPLAY_SYS_READ || o->action == REPLAY_SYS_WRITE)
		yaml_rw(w, o);
	if (o->has_result) {
		yaml_writer_key_int(w, "result", (long long)o->result);
		if (o->error != 0)
			yaml_writer_key_str(w, "errno", strerrorname_np(o->error));
	}
	if (o->oops[0] != '\0')
		yaml_writer_key_bool(w, "panicked", o->panicked);
	if (o->oom_killed)
		yaml_writer_key_bool(w, "oom-killed", true);
	yaml_writer_str(w, "reclaim");
	yaml_writer_begin_seq(w, false);
	for (unsigned i = 0; i < o->reclaim_count; i++)
		yaml_reclaim(w, r, &o->reclaims[i]);
	yaml_writer_end_seq(w);
	yaml_writer_str(w, "faults");
	yaml_writer_begin_seq(w, false);
	for (unsigned i = 0; i < o->fault_count; i++)
		yaml_fault(w, r, o, &o->faults[i]);
	yaml_writer_end_seq(w);
	yaml_writer_str(w, "failed");
	yaml_writer_begin_seq(w, false);
	for (unsigned i = 0; i < o->mismatch_count; i++) {
		yaml_writer_begin_map(w);
		yaml_writer_key_str(w, "expect", o->mismatches[i].key);
		yaml_writer_key_int(w, "line", o->mismatches[i].mark.line);
		yaml_writer_key_int(w, "column", o->mismatches[i].mark.column);
		yaml_writer_key_str(w, "expected", o->mismatches[i].expected);
		yaml_writer_key_str(w, "actual", o->mismatches[i].actual);
		yaml_writer_end_map(w);
	}
	yaml_writer_end_seq(w);
	yaml_writer_end_map(w);
}

/* The machine's sizes and policy, and /proc/vmstat's counters. */
static void yaml_machine(struct yaml_writer *w, const struct replay *r,
			 const struct machine *m)
{
	struct vmstat v;

	reclaim_vmstat(m, &v);
	yaml_writer_str(w, "machine");
	yaml_writer_begin_map(w);
	yaml_writer_key_int(w, "memory", (long long)(m->mem.frame_count * 4096));
	yaml_writer_key_int(w, "frames", (long long)m->mem.frame_count);
	yaml_writer_key_int(w, "peak-frames", (long long)m->mem.peak_used);
	yaml_writer_key_int(w, "swap-slots", m->swap.slots);
	yaml_writer_key_int(w, "swap-slots-used", m->swap.used);
	yaml_writer_key_str(w, "policy",
			    replacement_policy_name(replay_policy(r)));
	yaml_writer_end_map(w);
	yaml_writer_str(w, "vmstat");
	yaml_writer_begin_map(w);
	for (unsigned i = 0; i < VMSTAT_COUNTERS; i++)
		yaml_writer_key_int(w, vmstat_name(i),
				    (long long)vmstat_value(&v, i));
	yaml_writer_end_map(w);
}

static void yaml_summary(struct yaml_writer *w, const struct replay *r,
			 const struct tally *t)
{
	const struct machine *m = replay_machine(r);

	yaml_writer_str(w, "processes");
	yaml_writer_begin_seq(w, false);
	for (unsigned i = 0; m != NULL && i < m->process_count; i++) {
		const struct process *p = m->processes[i];

		yaml_writer_begin_map(w);
		yaml_writer_key_int(w, "pid", p->pid);
		yaml_writer_key_str(w, "name", replay_label(r, p->pid));
		yaml_writer_key_int(w, "minflt", (long long)p->minflt);
		yaml_writer_key_int(w, "majflt", (long long)p->majflt);
		yaml_writer_key_bool(w, "running", p->alive);
		yaml_writer_end_map(w);
	}
	yaml_writer_end_seq(w);
	yaml_writer_str(w, "summary");
	yaml_writer_begin_map(w);
	yaml_writer_key_int(w, "steps", t->steps);
	yaml_writer_key_int(w, "faults", t->faults);
	yaml_writer_key_int(w, "minor", t->minor);
	yaml_writer_key_int(w, "major", t->major);
	yaml_writer_key_int(w, "signals", t->signals);
	yaml_writer_key_int(w, "fixups", t->fixups);
	yaml_writer_key_int(w, "oopses", t->oopses);
	yaml_writer_key_int(w, "panic-step", t->panic_step);
	yaml_writer_key_int(w, "reclaimed", t->reclaims);
	yaml_writer_key_int(w, "oom-kills", t->oom_kills);
	yaml_writer_key_int(w, "expectations-failed", t->failed);
	yaml_writer_end_map(w);
	if (m != NULL)
		yaml_machine(w, r, m);
}

/* ---- the run --------------------------------------------------------------- */

static void count(struct tally *t, const struct replay_outcome *o)
{
	t->steps++;
	t->faults += o->fault_count;
	t->failed += o->mismatch_count;
	for (unsigned i = 0; i < o->reclaim_count; i++)
		if (o->reclaims[i].action == RECLAIM_OOM_KILL)
			t->oom_kills++;
		else
			t->reclaims++;
	t->reclaims += (unsigned)o->reclaims_lost;
	if (o->oom_killed && !oom_fault(o))
		t->signals++;
	for (unsigned i = 0; i < o->fault_count; i++) {
		enum fault_kind kind = o->faults[i].result.kind;

		if (kind == FAULT_SIGSEGV || kind == FAULT_SIGBUS ||
		    kind == FAULT_OOM)
			t->signals++;
		else if (kind == FAULT_FIXUP)
			t->fixups++;
		else if (kind == FAULT_OOPS)
			t->oopses++;
		else if (o->faults[i].result.major)
			t->major++;
		else
			t->minor++;
	}
}

static void report_mismatches(const char *script, const struct replay_outcome *o)
{
	if (o->mismatch_count != 0)	/* after the report's lines before it */
		output_thread_sync();
	for (unsigned i = 0; i < o->mismatch_count; i++) {
		const struct replay_mismatch *m = &o->mismatches[i];

		fprintf(stderr, "%s:%u:%u: expectation failed: %s\n"
			"-%s\n+%s\n", script, m->mark.line, m->mark.column,
			m->key, m->expected, m->actual);
	}
}

/* opt: the first pass, whose references R's run then reads.  A first
 * pass that fails leaves opt without a future (it then takes the pages
 * loaded first); the run reports the script's error itself. */
static int prepare_future(const struct replay_args *args, struct replay *r,
			  struct future *f)
{
	struct replay_totals first;

	if (replay_record_future(&args->settings, f, &first) != 0 &&
	    first.status == EXIT_SOFTWARE) {
		fprintf(stderr, "%s\n", first.error);
		return -1;
	}
	replay_use_future(r, f);
	return 0;
}

/* Run every step; returns the exit status. */
static int run(const struct replay_args *args, struct step_queue *steps,
	       struct replay *r, struct yaml_writer *w, struct future *future)
{
	static struct replay_outcome outcome;
	const struct script_step *step;
	struct ef_error err = { 0 };
	struct tally t = { 0 };
	int rc, status = EXIT_OK;
	bool reading = true;	/* the error, if any, is the reader's */
	bool panicked = false;	/* and nothing expected it */
	bool future_ready = false; /* opt's first pass is done, if needed */

	if (w != NULL) {
		yaml_writer_begin_map(w);
		yaml_writer_str(w, "steps");
		yaml_writer_begin_seq(w, false);
	}
	while ((rc = step_queue_next(steps, &step, &err)) == 1) {
		if (!step->is_machine && !future_ready) {
			future_ready = true;
			if (replay_policy(r) == POLICY_OPT &&
			    prepare_future(args, r, future) != 0) {
				status = EXIT_SOFTWARE;
				break;
			}
		}
		if (replay_step(r, step, &outcome, &err) != 0) {
			reading = false;
			rc = -1;
			break;
		}
		if (step->is_machine)
			continue;
		count(&t, &outcome);
		if (w != NULL)
			yaml_step(w, r, &outcome, args->quiet);
		else
			print_text(r, &outcome, args->quiet);
		report_mismatches(args->script, &outcome);
		if (outcome.panicked) {	/* the machine stops */
			t.panic_step = outcome.number;
			panicked = !outcome.panic_expected;
			if (panicked) {
				output_thread_sync();
				fprintf(stderr, "%s:%u:%u: the kernel panicked "
					"(an Oops in interrupt context); the "
					"replay stops\n", args->script,
					outcome.mark.line, outcome.mark.column);
			}
			break;
		}
	}
	if (rc < 0) {
		char line[PATH_MAX + sizeof err.detail + 32];

		output_thread_sync();
		replay_error_line(args->script, &err, line, sizeof line);
		fprintf(stderr, "%s\n", line);
		status = replay_exit_status(&err, reading);
	}
	if (w != NULL) {
		yaml_writer_end_seq(w);
		yaml_summary(w, r, &t);
		yaml_writer_end_map(w);
	} else if (status == EXIT_OK) {
		print_text_summary(r, &t);
	}
	if (status == EXIT_OK && t.failed != 0)
		status = EXIT_FAILED;
	else if (status == EXIT_OK && panicked)
		status = EXIT_PANIC;
	return status;
}

int cmd_replay(int argc, char **argv)
{
	struct replay_args args = { 0 };
	struct yaml_writer writer;
	struct ef_error err;
	struct future future;
	struct script *script;
	struct step_queue *steps;
	struct replay *r;
	bool threaded_output;
	int status;

	argp_parse(&replay_argp, argc, argv, 0, NULL, &args);
	args.settings.script = args.script;
	args.settings.yaml = args.yaml;
	if (args.compare)
		return replay_compare_policies(&args.settings);
	script = script_open(args.script, &err);
	if (script == NULL) {
		report_error("%s: %s", args.script, err.detail);
		return err.kind == SCRIPT_ERR_OPEN ? EXIT_REFUSED : EXIT_SOFTWARE;
	}
	r = replay_new(args.script, &err);
	steps = r ? step_queue_new(script, batch_ring_worth_a_thread(), &err)
		  : NULL;
	if (steps == NULL) {
		replay_free(r);
		script_close(script);
		report_error("%s", err.detail);
		return EXIT_SOFTWARE;
	}
	replay_apply_settings(r, &args.settings);
	future_init(&future);
	threaded_output = output_thread_start();
	if (args.yaml) {
		yaml_writer_init(&writer, stdout);
		yaml_writer_begin_document(&writer);
	}
	status = run(&args, steps, r, args.yaml ? &writer : NULL, &future);
	if (args.yaml) {
		yaml_writer_end_document(&writer);
		if (yaml_writer_finish(&writer, &err) != 0) {
			report_error("writing YAML: %s", err.detail);
			status = EXIT_SOFTWARE;
		}
	}
	step_queue_free(steps);
	replay_free(r);
	future_release(&future);
	script_close(script);
	if ((threaded_output ? output_thread_finish() : fflush(stdout)) != 0) {
		report_error("writing the output failed: %s", strerror(errno));
		status = EXIT_SOFTWARE;
	}
	return status;
}
