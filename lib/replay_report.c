/* replay_report.c - a replay's steps, faults and totals as text and YAML
 * (replay_report.h). */
#include <config.h>

#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "colour.h"
#include "kernel_text.h"
#include "maps_report.h"
#include "replay_report.h"
#include "syscalls.h"
#include "signals.h"
#include "text.h"
#include "traps.h"


/* The "s" of a count's noun: none for one. */
static const char *plural(unsigned n)
{
	return n == 1 ? "" : "s";
}
/* ---- text ------------------------------------------------------------- */

/* A step's line is built in a buffer and written at once, like a
 * fault's block (text.h): scripts of cheap steps print one per step. */
static void add_access(struct text *t, const struct replay_outcome *o)
{
	text_str(t, replay_action_name(o->action));
	text_char(t, ' ');
	text_hex(t, o->address, 8);
	if (o->address_name[0] != '\0') {
		text_str(t, " (");
		text_str(t, o->address_name);
		text_char(t, ')');
	}
	text_str(t, " size ");
	text_dec(t, o->size);
	if (o->has_written) {
		text_str(t, " value ");
		text_hex(t, o->written, 0);
	}
	if (o->eip != 0 && o->action != REPLAY_FETCH) {
		text_str(t, " eip ");
		text_hex(t, o->eip, 8);
	}
	if (o->has_value) {
		text_str(t, " = ");
		text_hex(t, o->value, 0);
	}
	for (unsigned i = 0; i < o->operands_read; i++) {
		text_str(t, i ? ", " : ", reads ");
		text_hex(t, o->operand_values[i], 0);
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

/* syscall: NAME(ARGS) = RESULT, the path open() read, what a read or
 * write moved. */
static void add_int80(struct text *t, const struct replay_outcome *o)
{
	const char *name = sys_name(o->sys_nr);
	char data[4 * REPLAY_DATA_MAX + 1];

	if (name != NULL)
		text_str(t, name);
	else
		text_printf(t, "syscall %u", o->sys_nr);
	text_char(t, '(');
	for (unsigned i = 0; i < o->sys_arg_count; i++)
		text_printf(t, o->sys_args[i] < 0x10000 ? "%s%u" : "%s%#x",
			    i ? ", " : "", o->sys_args[i]);
	text_char(t, ')');
	if (o->sysenter)
		text_printf(t, " by sysenter (the sixth from %#x)",
			    o->sysenter_sp);
	if (o->ended)
		text_str(t, " (no return: the process ended)");
	else if (!o->has_result)
		text_str(t, " (no return: the task died)");
	else if (o->error != 0)
		text_printf(t, " = -1 %s", strerrorname_np(o->error));
	else	/* as the arguments: an address in hex */
		text_printf(t, o->result < 0x10000 ? " = %" PRId64
			    : " = %#" PRIx64, o->result);
	if (o->sys_path[0] != '\0')
		text_printf(t, " path \"%s\"", replay_escape((const uint8_t *)
			    o->sys_path, strlen(o->sys_path), data, sizeof data));
	if (o->refused)
		text_str(t, " (access_ok() refused the buffer: no access made)");
	else if (o->count != 0 && o->copied != o->count &&
		 (!o->has_result || o->result != o->copied))
		text_printf(t, " (%u of %u copied)", o->copied, o->count);
	if (o->data_len != 0)
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

/* trap #DE (divide error) at eip 0x...: killed by SIGFPE */
static void add_trap(struct text *t, const struct replay_outcome *o)
{
	const struct trap_facts *trap = trap_facts(o->trap);

	text_printf(t, "trap %s (%s) at eip %#x: killed by %s",
		    trap ? trap->name : "?", trap ? trap->words : "?", o->eip,
		    signal_name(o->trap_signal));
}

static bool is_access(enum replay_action action)
{
	return action == REPLAY_READ || action == REPLAY_WRITE ||
	       action == REPLAY_FETCH || action == REPLAY_INSTRUCTION ||
	       action == REPLAY_KERNEL_READ || action == REPLAY_KERNEL_WRITE;
}

static void print_step_line(FILE *out, const struct replay_outcome *o)
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
		if (o->action == REPLAY_FORK && o->new_pid == 0) {
			text_str(&t, ": no child");	/* the parent was killed */
			break;
		}
		text_str(&t, ": pid ");
		text_dec(&t, (unsigned)o->new_pid);
		break;
	case REPLAY_MMAP: case REPLAY_MUNMAP: case REPLAY_MPROTECT:
	case REPLAY_BRK:
		add_syscall(&t, o);
		break;
	case REPLAY_SYSCALL:
		add_int80(&t, o);
		break;
	case REPLAY_TRAP:
		add_trap(&t, o);
		break;
	default:
		text_str(&t, replay_action_name(o->action));
		break;
	}
	if (o->fault_count == 0 && is_access(o->action))
		text_str(&t, ", no fault");
	text_char(&t, '\n');
	fwrite(t.buf, 1, t.used, out);
}

/* The VMA of fault RES as replay_format_vma() writes it, in the mm of
 * O's process; false when the fault had no VMA. */
static bool fault_vma(const struct replay *r, const struct replay_outcome *o,
		      const struct fault_result *res, char *buf, size_t size)
{
	const struct machine *m = replay_machine(r);
	const struct process *p = m && res->has_vma
				  ? machine_process(m, o->pid) : NULL;

	if (p == NULL)
		return false;
	replay_format_vma(&p->mm, &res->vma, buf, size);
	return true;
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

static void print_oops(FILE *out, const char *oops)
{
	int n;

	for (const char *at = oops, *line = at; next_line(&at, &n); line = at)
		fprintf(out, "    | %.*s\n", n, line);
}

/* "fault N: user read at 0x..., eip 0x... symbol" */
static void add_fault_head(struct text *t, const struct replay_fault *f,
			   unsigned i)
{
	text_str(t, "  fault ");
	text_dec(t, i + 1);
	text_str(t, f->hw.error_code & PF_USER ? ": user " : ": kernel ");
	text_str(t, mmu_access_name(f->type));
	text_str(t, " at ");
	text_hex(t, f->hw.cr2, 8);
	if (f->eip != 0) {
		text_str(t, ", eip ");
		text_hex(t, f->eip, 8);
	}
	if (f->eip_name[0] != '\0' && strncmp(f->eip_name, "0x", 2) != 0) {
		text_str(t, " ");
		text_str(t, f->eip_name);
	}
	if (f->in_interrupt)
		text_str(t, " in interrupt context");
	text_str(t, "\n");
}

/* Where the walk failed, the entries it read, and the error code. */
static void add_walk_and_error(struct text *t, const struct replay_fault *f)
{
	char words[128], walk[REPLAY_WALK_NAME_SIZE];

	text_str(t, "    walk:   ");
	text_str(t, replay_walk_name(&f->hw, walk));
	text_str(t, " failed");
	if (f->hw.from_tlb) {
		text_str(t, " in the TLB entry (no walk)");
	} else {
		text_str(t, "; pde ");
		text_hex(t, f->hw.pde, 8);
		if (f->hw.pte_read) {
			text_str(t, " pte ");
			text_hex(t, f->hw.pte, 8);
		}
	}
	text_str(t, "\n    error:  ");
	text_hex(t, f->hw.error_code, 0);
	text_str(t, " (");
	text_str(t, mmu_error_code_text(f->hw.error_code, words, sizeof words));
	text_str(t, "), cr2 ");
	text_hex(t, f->hw.cr2, 8);
	text_str(t, "\n");
}

/* "; pid N killed (SIGKILL)", or the panic */
static void add_killed(struct text *t, const struct replay_outcome *o,
		       const char *how)
{
	text_str(t, "; pid ");
	text_dec(t, (unsigned)o->pid);
	text_str(t, how);
}

/* A signal, a fixup, an Oops: the kernel's rule and what followed. */
static void add_bad_area(struct text *t, const struct replay_outcome *o,
			 const struct fault_result *res)
{
	char words[128];

	if (fault_kind_facts(res->kind)->class == FAULT_CLASS_SIGNAL) {
		text_str(t, ", ");
		text_str(t, replay_si_code_name(res->kind, res->si_code));
		text_str(t, " (");
		text_str(t, res->why);
		text_str(t, ")");
		add_killed(t, o, " killed\n");
	} else if (res->kind == FAULT_FIXUP) {
		text_str(t, " (");
		text_str(t, res->why);
		text_str(t, ");\n            resumed at ");
		text_hex(t, res->fixup_eip, 8);
		text_str(t, " ");
		text_str(t, kernel_text_symbolize(res->fixup_eip, words,
						  sizeof words));
		text_str(t, "\n");
	} else if (res->panic) {	/* FAULT_OOPS */
		text_str(t, " (");
		text_str(t, res->why);
		text_str(t, ");\n            the kernel panicked\n");
	} else {
		text_str(t, " (");
		text_str(t, res->why);
		text_str(t, ");\n            pid ");
		text_dec(t, (unsigned)o->pid);
		text_str(t, " killed (SIGKILL)\n");
	}
}

/* A page mapped: from swap, or new, copied, or from the page cache. */
static void add_mapped(struct text *t, const struct fault_result *res)
{
	if (res->kind == FAULT_SWAP_IN || res->kind == FAULT_SWAP_CACHE) {
		text_str(t, "; slot ");
		text_dec(t, res->swap_offset);
		text_str(t, res->kind == FAULT_SWAP_IN ? " read into frame "
						      : ", frame ");
		text_hex(t, res->new_pfn, 0);
		if (res->wp_copied)
			text_str(t, ", then copied (the slot is shared)");
		text_str(t, res->major ? " (major)\n" : " (minor)\n");
		return;
	}
	text_str(t, "; frame ");
	if (res->kind == FAULT_WP_COPY || res->kind == FAULT_FILE_COW) {
		text_hex(t, res->old_pfn, 0);
		text_str(t, " copied to ");
	}
	text_hex(t, res->new_pfn, 0);
	text_str(t, res->major ? " (major" : " (minor");
	if (res->read_pages) {
		text_str(t, ", ");
		text_dec(t, res->read_pages);
		text_str(t, res->read_pages == 1 ? " page read" : " pages read");
	}
	if (res->around) {
		text_str(t, ", ");
		text_dec(t, res->around);
		text_str(t, " more mapped around");
	}
	text_str(t, ")\n");
}

/* "kernel: KIND: words" and how the kernel resolved the fault. */
/* The colour of a fault of CLASS: how it ended, at a glance. */
static const char *class_colour(enum fault_class class)
{
	switch (class) {
	case FAULT_CLASS_MAPPED:
		return COLOUR_GREEN;
	case FAULT_CLASS_FIXUP:
		return COLOUR_YELLOW;
	default:
		return COLOUR_BOLD_RED;
	}
}

static void add_resolution(struct text *t, const struct replay_outcome *o,
			   const struct fault_result *res, bool colour)
{
	const struct fault_kind_facts *facts = fault_kind_facts(res->kind);

	text_str(t, "    kernel: ");
	if (colour)
		text_str(t, class_colour(facts->class));
	text_str(t, facts->name);
	if (colour)
		text_str(t, COLOUR_OFF);
	text_str(t, ": ");
	text_str(t, facts->words);
	if (facts->class == FAULT_CLASS_MAPPED)
		add_mapped(t, res);
	else if (facts->class == FAULT_CLASS_OOM)
		add_killed(t, o, " killed\n");
	else
		add_bad_area(t, o, res);
}

static void print_fault(FILE *out, const struct replay *r,
			const struct replay_outcome *o, unsigned i, bool colour)
{
	const struct replay_fault *f = &o->faults[i];
	char buf[1024];
	struct text t;

	text_init(&t, buf, sizeof buf);
	add_fault_head(&t, f, i);
	add_walk_and_error(&t, f);
	add_vma_line(&t, r, o, &f->result);
	add_resolution(&t, o, &f->result, colour);
	fwrite(t.buf, 1, t.used, out);
	if (f->result.kind == FAULT_OOPS)
		print_oops(out, o->oops);
}

/* Whether --quiet leaves O out: no fault, no reclaim, and every
 * expectation held. */
static bool quiet_skips(const struct replay_outcome *o, bool quiet)
{
	return quiet && o->fault_count == 0 && o->mismatch_count == 0 &&
	       o->reclaim_count == 0 && o->action != REPLAY_SHOW;
}

/* A file's name without its directories (the same on every machine). */
static const char *file_name(const struct mapped_file *file)
{
	const char *slash = strrchr(file->path, '/');

	return slash ? slash + 1 : file->path;
}

/* Where a reclaimed page was: a file's page, or a process's address. */
static void print_reclaimed_page(FILE *out, const struct replay *r,
				 const struct reclaim_event *e)
{
	if (e->file != NULL)
		fprintf(out, "%s page %" PRIu64, file_name(e->file), e->index);
	else if (e->pid == 0)
		fprintf(out, "mapped by no one, was at 0x%08" PRIx32,
			e->address);
	else
		fprintf(out, "pid %d %s 0x%08" PRIx32, e->pid,
			replay_label(r, e->pid), e->address);
	fprintf(out, ", %u PTE%s cleared", e->unmapped,
		e->unmapped == 1 ? "" : "s");
}

/* The kernel's line for an OOM kill (__oom_kill_process()). */
static void print_oom_kill(FILE *out, const struct reclaim_event *e)
{
	fprintf(out, "  oom-kill: no page can be reclaimed; oom_badness() %"
		PRIu64 " is the highest:\n    Out of memory: Killed process "
		"%d (%s) total-vm:%" PRIu64 "kB, anon-rss:%" PRIu64 "kB, "
		"file-rss:%" PRIu64 "kB, shmem-rss:%" PRIu64 "kB, UID:0 "
		"pgtables:%" PRIu64 "kB oom_score_adj:0\n", e->points, e->pid,
		e->comm, e->total_vm_kb, e->anon_rss_kb, e->file_rss_kb,
		e->shmem_rss_kb, e->pgtables_kb);
}

static void print_reclaim(FILE *out, const struct replay *r,
			  const struct reclaim_event *e)
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
		print_oom_kill(out, e);
		return;
	}
	fprintf(out, "  reclaim: %s frame %#" PRIx32 " (",
		reclaim_action_name(e->action), e->pfn);
	print_reclaimed_page(out, r, e);
	fprintf(out, "): %s", where[e->action]);
	if (e->swap_offset != 0)
		fprintf(out, " %" PRIu32 ", PTE now 0x%08" PRIx32,
			e->swap_offset, swap_pte(e->swap_offset));
	fprintf(out, "\n");
}

void replay_report_text_step(FILE *out, const struct replay *r,
			     const struct replay_outcome *o, unsigned flags)
{
	if (quiet_skips(o, flags & REPLAY_TEXT_QUIET))
		return;
	print_step_line(out, o);
	for (unsigned i = 0; i < o->reclaim_count; i++)
		print_reclaim(out, r, &o->reclaims[i]);
	if (o->reclaims_lost != 0)
		fprintf(out, "  reclaim: %" PRIu64 " more not shown\n",
			o->reclaims_lost);
	for (unsigned i = 0; i < o->fault_count; i++)
		print_fault(out, r, o, i, flags & REPLAY_TEXT_COLOUR);
	if (o->oom_killed && !replay_oom_ended_fault(o))
		fprintf(out, "  pid %d killed (SIGKILL) by the OOM killer\n",
			o->pid);
	if (o->view != NULL)
		view_write_text(out, o->view, 2);
}

/* ---- brief -------------------------------------------------------------- */

/* Whether O's step is a user access (its page is the brief line's). */
static bool brief_is_access(const struct replay_outcome *o)
{
	return o->size != 0 &&
	       (o->action == REPLAY_READ || o->action == REPLAY_WRITE ||
		o->action == REPLAY_FETCH || o->action == REPLAY_INSTRUCTION);
}

/* The brief line's access column: the action, and the address of one. */
static void brief_access(struct text *t, const struct replay_outcome *o)
{
	text_str(t, replay_action_name(o->action));
	if (brief_is_access(o)) {
		text_char(t, ' ');
		text_hex(t, o->address, 8);
	}
}

/* What happened: the faults' kinds, or "hit" for an access without. */
static void brief_result(struct text *t, const struct replay_outcome *o)
{
	for (unsigned i = 0, same; i < o->fault_count; i += same) {
		enum fault_kind kind = o->faults[i].result.kind;

		for (same = 1; i + same < o->fault_count &&
			       o->faults[i + same].result.kind == kind; same++)
			;
		if (i != 0)
			text_char(t, ',');
		text_str(t, fault_kind_facts(kind)->name);
		if (same > 1)	/* fault-around's neighbours, a copy loop */
			text_printf(t, "(%u)", same);
	}
	if (o->fault_count == 0)
		text_str(t, brief_is_access(o) ? "hit" : "-");
}

/* The pages reclaim took in the step (an OOM kill: its victim), the
 * first BRIEF_VICTIMS_SHOWN, then their count. */
enum { BRIEF_VICTIMS_SHOWN = 4 };

static void brief_victims(struct text *t, const struct replay_outcome *o)
{
	uint64_t taken = o->reclaim_count + o->reclaims_lost;

	for (unsigned i = 0; i < o->reclaim_count; i++) {
		const struct reclaim_event *e = &o->reclaims[i];

		if (i == BRIEF_VICTIMS_SHOWN) {
			text_printf(t, ",...(%" PRIu64 ")", taken);
			return;
		}
		if (i != 0)
			text_char(t, ',');
		if (e->action == RECLAIM_OOM_KILL)
			text_printf(t, "oom:%d", e->pid);
		else if (e->pid == 0 && e->file != NULL)	/* cache only */
			text_printf(t, "%s@%" PRIu64, file_name(e->file),
				    e->index);
		else if (e->pid != o->pid)
			text_printf(t, "%d:%05" PRIx32, e->pid,
				    e->address >> PAGE_SHIFT);
		else
			text_printf(t, "%05" PRIx32, e->address >> PAGE_SHIFT);
	}
	if (o->reclaim_count == 0)
		text_char(t, '-');
}

void replay_report_brief_step(FILE *out, const struct replay *r,
			      const struct replay_outcome *o, bool quiet)
{
	char access[48], result[96], victims[160], line[512];
	struct text t;
	size_t n;

	if (o->number == 1)
		fprintf(out, "%4s %5s %4s  %-24s %-5s  %-18s %-10s %s\n",
			"step", "line", "pid", "access", "page", "result",
			"reclaimed", "present after");
	if (quiet_skips(o, quiet))
		return;
	text_init(&t, access, sizeof access);
	brief_access(&t, o);
	text_init(&t, result, sizeof result);
	brief_result(&t, o);
	text_init(&t, victims, sizeof victims);
	brief_victims(&t, o);
	text_init(&t, line, sizeof line);
	text_printf(&t, "%4u %5u %4d  %-24s ", o->number, o->mark.line, o->pid,
		    access);
	if (brief_is_access(o))
		text_printf(&t, "%05" PRIx32, o->address >> PAGE_SHIFT);
	else
		text_printf(&t, "%-5s", "-");
	text_printf(&t, "  %-18s %-10s", result, victims);
	for (unsigned i = 0; i < o->resident_count &&
			     i < REPLAY_RESIDENT_SHOWN; i++)
		text_printf(&t, " %05" PRIx32, o->resident[i]);
	if (o->resident_count > REPLAY_RESIDENT_SHOWN)
		text_printf(&t, " ... (%u)", o->resident_count);
	for (n = strlen(line); n > 0 && line[n - 1] == ' '; n--)
		line[n - 1] = '\0';
	fprintf(out, "%s\n", line);
}

void replay_report_quiz_step(FILE *out, const struct replay_outcome *o)
{
	char access[48];
	struct text t;

	if (o->number == 1)
		fprintf(out, "%4s %5s %4s  %-24s %-5s  %s\n", "step", "line",
			"pid", "access", "page",
			"faults on? (kind, or hit)   reclaimed?   present after?");
	text_init(&t, access, sizeof access);
	brief_access(&t, o);
	fprintf(out, "%4u %5u %4d  %-24s ", o->number, o->mark.line, o->pid,
		access);
	if (brief_is_access(o))
		fprintf(out, "%05" PRIx32, o->address >> PAGE_SHIFT);
	else
		fprintf(out, "%-5s", "-");
	fprintf(out, "  %s\n", "_________________________   __________   "
		"______________");
}

/* The machine's memory, swap and policy, and /proc/vmstat's counters. */
static void print_machine(FILE *out, const struct replay *r,
			  const struct machine *m)
{
	char memory[32], swap[32];
	struct vmstat v;
	struct text t;

	reclaim_vmstat(m, &v);
	text_init(&t, memory, sizeof memory);
	text_size(&t, m->mem.frame_count * PAGE_SIZE);
	text_init(&t, swap, sizeof swap);
	if (m->swap.slots == 0) {
		text_str(&t, "no swap");
	} else {
		text_str(&t, "swap ");
		text_size(&t, swap_bytes(&m->swap));
		text_printf(&t, " (%u slots, %u in use)", m->swap.slots,
			    m->swap.used);
	}
	fprintf(out, "memory %s (%" PRIu64 " frames, %" PRIu64 " at most in "
		"use), %s, policy %s\n", memory, m->mem.frame_count,
		m->mem.peak_used, swap, replacement_policy_name(replay_policy(r)));
	fprintf(out, "vmstat:");
	for (unsigned i = 0; i < VMSTAT_COUNTERS; i++)
		fprintf(out, " %s %" PRIu64, vmstat_name(i),
			vmstat_value(&v, i));
	fprintf(out, "\n");
}

void replay_report_text_summary(FILE *out, const struct replay *r,
				const struct replay_tally *t)
{
	const struct machine *m = replay_machine(r);

	fprintf(out, "\n");
	for (unsigned i = 0; m != NULL && i < m->process_count; i++) {
		const struct process *p = m->processes[i];

		fprintf(out, "pid %d %-12s minflt %" PRIu64 " majflt %" PRIu64
			" %s\n", p->pid, replay_label(r, p->pid), p->minflt,
			p->majflt, p->alive ? "running" : "gone");
	}
	if (m != NULL)
		print_machine(out, r, m);
	if (t->panic_step != 0)
		fprintf(out, "the kernel panicked in step %u: the replay "
			"stopped there\n", t->panic_step);
	fprintf(out, "%u step%s, %u fault%s (%u minor, %u major, %u signal%s",
		t->steps, plural(t->steps), t->faults, plural(t->faults),
		t->minor, t->major, t->signals, plural(t->signals));
	if (t->fixups != 0 || t->oopses != 0)
		fprintf(out, ", %u fixed up, %u oops%s", t->fixups, t->oopses,
			t->oopses == 1 ? "" : "es");
	fprintf(out, "), %u expectation%s failed\n", t->failed,
		plural(t->failed));
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

/* How the kernel resolved the fault: its kind, and the signal, the
 * fixup or the Oops, or the page mapped. */
static void yaml_resolution(struct yaml_writer *w,
			    const struct replay_outcome *o,
			    const struct fault_result *res)
{
	const struct fault_kind_facts *facts = fault_kind_facts(res->kind);

	yaml_writer_key_str(w, "kind", facts->name);
	if (facts->class == FAULT_CLASS_SIGNAL) {
		yaml_writer_key_str(w, "signal", facts->signal);
		yaml_writer_key_str(w, "code", replay_si_code_name(res->kind,
								   res->si_code));
		yaml_writer_key_str(w, "why", res->why);
	} else if (facts->class == FAULT_CLASS_FIXUP ||
		   facts->class == FAULT_CLASS_OOPS) {
		yaml_writer_key_str(w, "bad-area", replay_si_code_name(
				    res->bad_area, res->si_code));
		yaml_writer_key_str(w, "why", res->why);
		if (facts->class == FAULT_CLASS_FIXUP)
			yaml_writer_key_hex(w, "fixup-eip", res->fixup_eip, 8);
		else
			yaml_oops(w, o, res);
	} else if (facts->class == FAULT_CLASS_OOM) {
		yaml_writer_key_str(w, "signal", facts->signal);
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
}

/* The VMA that holds the fault's address, as fields: those of a vmas:
 * expectation's "START-END PERMS NAME". */
static void yaml_fault_vma(struct yaml_writer *w, const struct replay *r,
			   const struct replay_outcome *o,
			   const struct fault_result *res)
{
	const struct machine *m = replay_machine(r);
	const struct process *p = m && res->has_vma
				  ? machine_process(m, o->pid) : NULL;
	const char *name;
	char perms[5];

	if (p == NULL)
		return;
	name = replay_vma_name(&p->mm, &res->vma);
	maps_vma_perms(res->vma.flags, perms);
	yaml_writer_str(w, "vma");
	yaml_writer_begin_map(w);
	yaml_writer_key_hex(w, "start", res->vma.start, 8);
	yaml_writer_key_hex(w, "end", res->vma.end, 8);
	yaml_writer_key_str(w, "perms", perms);
	if (name != NULL)
		yaml_writer_key_str(w, "name", name);
	yaml_writer_end_map(w);
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
	/* As the text report: no EIP for an access without one, and no
	 * symbol when the address is all there is to say. */
	if (f->eip != 0)
		yaml_writer_key_hex(w, "eip", f->eip, 8);
	if (f->eip_name[0] != '\0' && strncmp(f->eip_name, "0x", 2) != 0)
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
	yaml_fault_vma(w, r, o, res);
	yaml_resolution(w, o, res);
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

static void yaml_int80(struct yaml_writer *w, const struct replay_outcome *o)
{
	if (sys_name(o->sys_nr) != NULL)	/* one elfault does not know */
		yaml_writer_key_str(w, "syscall", sys_name(o->sys_nr));
	yaml_writer_key_int(w, "number", o->sys_nr);
	yaml_writer_str(w, "args");
	yaml_writer_begin_seq(w, true);
	for (unsigned i = 0; i < o->sys_arg_count; i++)
		yaml_writer_hex(w, o->sys_args[i], 0);
	yaml_writer_end_seq(w);
	if (o->sys_path[0] != '\0')
		yaml_writer_key_str(w, "path", o->sys_path);
	if (o->sysenter)
		yaml_writer_key_hex(w, "sysenter", o->sysenter_sp, 8);
}

/* trap: its name, the instruction, the signal that killed the process. */
static void yaml_trap(struct yaml_writer *w, const struct replay_outcome *o)
{
	const struct trap_facts *trap = trap_facts(o->trap);

	yaml_writer_key_str(w, "trap", trap ? trap->name : "?");
	yaml_writer_key_hex(w, "eip", o->eip, 8);
	yaml_writer_key_str(w, "signal", signal_name(o->trap_signal));
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
		yaml_writer_key_int(w, "shmem-rss-kb",
				    (long long)e->shmem_rss_kb);
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

/* What the step did: its access, value, new process, call and result,
 * the process's counts, its view. */
static void yaml_step_effects(struct yaml_writer *w,
			      const struct replay_outcome *o)
{
	if (o->size != 0) {
		yaml_writer_key_hex(w, "address", o->address, 8);
		if (o->address_name[0] != '\0')
			yaml_writer_key_str(w, "address-name", o->address_name);
		yaml_writer_key_int(w, "size", o->size);
	}
	if (o->has_value)
		yaml_writer_key_hex(w, "value", o->value, 1);
	if (o->has_written)
		yaml_writer_key_hex(w, "written", o->written, 1);
	if (o->operands_read != 0) {
		yaml_writer_str(w, "operand-values");
		yaml_writer_begin_seq(w, true);
		for (unsigned i = 0; i < o->operands_read; i++)
			yaml_writer_hex(w, o->operand_values[i], 1);
		yaml_writer_end_seq(w);
	}
	if (o->new_pid != 0)
		yaml_writer_key_int(w, "new-pid", o->new_pid);
	if (o->action == REPLAY_SYSCALL)
		yaml_int80(w, o);
	if (o->action == REPLAY_TRAP)
		yaml_trap(w, o);
	if (o->action == REPLAY_SYS_READ || o->action == REPLAY_SYS_WRITE ||
	    (o->action == REPLAY_SYSCALL && o->count != 0))
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
	if (o->has_counts) {
		yaml_writer_key_int(w, "minflt", (long long)o->minflt);
		yaml_writer_key_int(w, "majflt", (long long)o->majflt);
	}
	if (o->view != NULL) {
		yaml_writer_str(w, "show");
		view_write_yaml(w, o->view);
	}
}

/* The expectations that failed. */
static void yaml_mismatches(struct yaml_writer *w,
			    const struct replay_outcome *o)
{
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
}

void replay_report_yaml_step(struct yaml_writer *w, const struct replay *r,
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
	yaml_step_effects(w, o);
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
	yaml_mismatches(w, o);
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
	yaml_writer_key_int(w, "memory",
			    (long long)(m->mem.frame_count * PAGE_SIZE));
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

void replay_report_yaml_error(struct yaml_writer *w, const char *script,
			      enum replay_end end, const struct ef_error *err)
{
	static const char *const whose[] = {
		[REPLAY_END_OK] = "none", [REPLAY_END_EXHAUSTED] = "memory",
		[REPLAY_END_REFUSED] = "script", [REPLAY_END_HOST] = "elfault",
	};

	yaml_writer_str(w, "error");
	yaml_writer_begin_map(w);
	yaml_writer_key_str(w, "file", script);
	if (err->line != 0) {	/* as replay_error_line(): no place, none */
		yaml_writer_key_int(w, "line", err->line);
		yaml_writer_key_int(w, "column", err->column);
	}
	yaml_writer_key_str(w, "message", err->detail);
	yaml_writer_key_str(w, "kind", whose[end]);
	yaml_writer_end_map(w);
}

void replay_report_yaml_summary(struct yaml_writer *w, const struct replay *r,
				const struct replay_tally *t)
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
	if (t->panic_step != 0)		/* steps count from 1 */
		yaml_writer_key_int(w, "panic-step", t->panic_step);
	yaml_writer_key_int(w, "reclaimed", t->reclaims);
	yaml_writer_key_int(w, "oom-kills", t->oom_kills);
	yaml_writer_key_int(w, "expectations-failed", t->failed);
	yaml_writer_end_map(w);
	if (m != NULL)
		yaml_machine(w, r, m);
}

/* ---- --show=end ---------------------------------------------------------- */

typedef void view_writer(void *to, const struct view *v);

/* A view of each live process, then of the frames, each given to WRITE. */
static int views_at_end(struct replay *r, view_writer *write, void *to,
			struct ef_error *err)
{
	const struct machine *m = replay_machine(r);
	struct view v = { 0 };
	int rc = 0;

	for (unsigned i = 0; m != NULL && i < m->process_count && rc == 0; i++) {
		if (!m->processes[i]->alive)
			continue;
		rc = replay_view(r, m->processes[i]->pid,
				 VIEW_ALL & ~VIEW_FRAMES, &v, err);
		if (rc == 0)
			write(to, &v);
	}
	if (rc == 0 && m != NULL && (rc = replay_view(r, 0, VIEW_FRAMES, &v,
						      err)) == 0)
		write(to, &v);
	view_release(&v);
	return rc;
}

static void write_text_view(void *to, const struct view *v)
{
	view_write_text(to, v, 2);
}

int replay_report_text_end(FILE *out, struct replay *r, struct ef_error *err)
{
	fprintf(out, "at the end:\n");
	return views_at_end(r, write_text_view, out, err);
}

static void write_yaml_view(void *to, const struct view *v)
{
	view_write_yaml(to, v);
}

int replay_report_yaml_end(struct yaml_writer *w, struct replay *r,
			   struct ef_error *err)
{
	int rc;

	yaml_writer_str(w, "end");
	yaml_writer_begin_seq(w, false);
	rc = views_at_end(r, write_yaml_view, w, err);
	yaml_writer_end_seq(w);
	return rc;
}
