/* replay.c - a script's steps on the simulated machine. */
#include <config.h>

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include "address.h"
#include "elf_image.h"
#include "exec_target.h"
#include "host_access.h"
#include "kernel_text.h"
#include "lru.h"
#include "maps_report.h"
#include "mm_syscalls.h"
#include "number.h"
#include "number_index.h"
#include "oops.h"
#include "replay.h"
#include "rw_syscalls.h"
#include "signals.h"
#include "syscalls.h"
#include "text.h"
#include "traps.h"
#include "uaccess.h"

/* What a process was exec'd from, and what the script calls it. */
struct actor {
	struct process *process;
	struct elf_image *image;	/* owned by the replay */
	char label[32];
	size_t older;		/* the actor before it with its label, +1:
				 * 0 for none (a chain from the newest) */
};

/* An ELF image and the path it points to, both the replay's. */
struct owned_image {
	struct elf_image *image;
	char *path;
};

struct replay {
	char *script_dir;
	struct host_access access;	/* what the script may read */
	struct replay_outcome *step_out; /* the step being run's outcome */
	bool have_machine;
	struct machine machine;
	uint64_t memory_bytes;
	uint64_t swap_bytes;
	enum replacement_policy policy;
	unsigned overridden;		/* OVERRIDE_*: the command line's */
	struct future *recording;	/* opt's first run records... */
	struct future *future;		/* ...for its second run */
	struct replay_fault *open_fault; /* being handled (an OOM ends it) */
	unsigned fault_around_bytes;
	const struct exec_target *target;
	struct actor *actors;		/* in the order of their pids */
	unsigned actor_count, actor_capacity;
	struct number_index by_label;	/* the newest actor of each label */
	struct owned_image *images;	/* every image opened, freed at the end */
	unsigned image_count;
	struct mapped_file **files;	/* files mmap'ed, shared by forks */
	unsigned file_count;
	unsigned step_number;
	bool has_last_result;
	int64_t last_result;		/* $result: the last call's return */
	bool panicked;			/* the kernel panicked: nothing runs */
	bool warm_cache;		/* machine: page-cache: warm */
	struct view view;		/* the last show:'s */
	unsigned show_each;		/* --show: a view after every step */
	bool collect_resident;		/* --format=brief: present pages */
	bool calls_sleep;		/* a call that would sleep is no error */
	struct terminal_output terminal; /* the machine's, once it starts */
};

enum { OVERRIDE_MEMORY = 1, OVERRIDE_SWAP = 2, OVERRIDE_POLICY = 4 };

/* ---- errors ----------------------------------------------------------- */

/* A mistake in the script, at AT. */
#define script_error(err, at, ...) \
	ef_error_set_at((err), REPLAY_ERR_SCRIPT, (at).line, (at).column, \
			__VA_ARGS__)

/* Keep ERR's text (after PREFIX, when not NULL) but give it KIND and the
 * step's position. */
static int error_at_prefixed(struct ef_error *err, int kind,
			     struct script_mark at, const char *prefix)
{
	if (err == NULL)
		return -1;
	if (prefix != NULL) {	/* both cut to fit, the prefix first */
		size_t room = sizeof err->detail - 1;
		size_t head = strnlen(prefix, room);
		size_t tail = strnlen(err->detail, room);

		if (tail > room - head)
			tail = room - head;
		memmove(err->detail + head, err->detail, tail);
		memcpy(err->detail, prefix, head);
		err->detail[head + tail] = '\0';
	}
	err->kind = kind;
	err->line = at.line;
	err->column = at.column;
	return -1;
}

static int error_at(struct ef_error *err, int kind, struct script_mark at)
{
	return error_at_prefixed(err, kind, at,
				 kind == REPLAY_ERR_MEMORY
				 ? "simulated memory exhausted: " : NULL);
}

/* The replay's kind for a failure of the machine, by the error's own:
 * the simulated memory ran out (phys_mem found no frame, and reclaim
 * none to free), or else the host failed. */
static int machine_error(struct ef_error *err, struct script_mark at)
{
	return error_at(err, err != NULL && err->kind == PHYS_ERR_NO_FRAME
			? REPLAY_ERR_MEMORY : REPLAY_ERR_HOST, at);
}

/* ---- names ------------------------------------------------------------- */

const char *replay_walk_name(const struct mmu_fault *hw, char *buf)
{
	const char *level = mmu_level_name(hw->level);	/* "pde", "pte" */
	const char *check = mmu_check_name(hw->check);	/* at most "RSVD" */
	size_t n = strlen(level), m = strlen(check);

	memcpy(buf, level, n);
	buf[n] = '.';
	memcpy(buf + n + 1, check, m + 1);
	return buf;
}

const char *replay_si_code_name(enum fault_kind kind, int si_code)
{
	if (kind == FAULT_SIGBUS)
		return "BUS_ADRERR";
	return si_code == FAULT_SEGV_ACCERR ? "SEGV_ACCERR" : "SEGV_MAPERR";
}

const char *replay_escape(const uint8_t *bytes, size_t n, char *buf,
			  size_t size)
{
	size_t used = 0;

	for (size_t i = 0; i < n; i++) {
		char one[5];
		uint8_t c = bytes[i];
		const char *e = c == '\\' ? "\\\\" : c == '"' ? "\\\""
				: c == '\n' ? "\\n" : c == '\t' ? "\\t" : NULL;
		size_t len;

		if (e == NULL && (c < 0x20 || c >= 0x7f))
			snprintf(one, sizeof one, "\\x%02x", c);
		else if (e == NULL)
			snprintf(one, sizeof one, "%c", c);
		e = e ? e : one;
		len = strlen(e);
		if (used + len + 1 > size)
			break;
		memcpy(buf + used, e, len);
		used += len;
	}
	if (size != 0)
		buf[used] = '\0';
	return buf;
}

/* How a step kind runs: on the replay R, with A the running process's
 * actor (NULL: none), for STEP of kind ACTION; what it did into OUT.
 * Returns 0, or -1 with ERR set. */
typedef int step_run(struct replay *r, struct actor *a,
		     enum replay_action action, const struct script_step *step,
		     struct replay_outcome *out, struct ef_error *err);

static step_run run_exec, run_switch, run_access, run_instruction, run_fork,
		run_exit, run_syscall, run_sys_rw, run_kernel_access, run_show,
		run_int80, run_trap;

/* What a step needs before it can run. */
enum step_needs {
	NEEDS_NOTHING,		/* exec makes its process */
	NEEDS_MACHINE,		/* switch: any process of the machine */
	NEEDS_ANY,		/* exit: the running process or a named one */
	NEEDS_PROCESS,		/* the running process, the step's actor */
};

/* A step kind: the key that names it, the other keys it takes (besides
 * expect:), what it needs and the function that runs it.  A new step
 * kind is a row here (its enum replay_action in replay.h) and its
 * function; machine: settings are the one kind that is no step. */
struct step_kind {
	const char *name;
	const char *keys[8];
	enum step_needs needs;
	step_run *run;
};

static const struct step_kind step_kinds[] = {
	[REPLAY_MACHINE] = { "machine", { "memory", "swap", "policy",
			     "fault-around", "kernel", "page-cache" },
			     NEEDS_NOTHING, NULL },
	[REPLAY_EXEC] = { "exec", { "as", "argv", "env", "path" }, NEEDS_NOTHING,
			  run_exec },
	[REPLAY_SWITCH] = { "switch", { 0 }, NEEDS_MACHINE, run_switch },
	[REPLAY_READ] = { "read", { "size", "eip" }, NEEDS_PROCESS,
			  run_access },
	[REPLAY_WRITE] = { "write", { "size", "value", "eip" },
			   NEEDS_PROCESS, run_access },
	[REPLAY_FETCH] = { "fetch", { "size" }, NEEDS_PROCESS, run_access },
	[REPLAY_INSTRUCTION] = { "instruction", { "length", "operands" },
				 NEEDS_PROCESS, run_instruction },
	[REPLAY_FORK] = { "fork", { 0 }, NEEDS_PROCESS, run_fork },
	[REPLAY_EXIT] = { "exit", { 0 }, NEEDS_ANY, run_exit },
	[REPLAY_MMAP] = { "mmap", { "length", "prot", "flags", "file",
			  "offset", "file-writable" }, NEEDS_PROCESS,
			  run_syscall },
	[REPLAY_MUNMAP] = { "munmap", { "length" }, NEEDS_PROCESS,
			    run_syscall },
	[REPLAY_MPROTECT] = { "mprotect", { "length", "prot" }, NEEDS_PROCESS,
			      run_syscall },
	[REPLAY_BRK] = { "brk", { 0 }, NEEDS_PROCESS, run_syscall },
	[REPLAY_SYS_READ] = { "sys-read", { "count", "file", "offset" },
			      NEEDS_PROCESS, run_sys_rw },
	[REPLAY_SYS_WRITE] = { "sys-write", { "count" }, NEEDS_PROCESS,
			       run_sys_rw },
	[REPLAY_KERNEL_READ] = { "kernel-read", { "size", "eip", "context" },
				 NEEDS_PROCESS, run_kernel_access },
	[REPLAY_KERNEL_WRITE] = { "kernel-write", { "size", "value", "eip",
				  "context" }, NEEDS_PROCESS,
				  run_kernel_access },
	[REPLAY_SHOW] = { "show", { "of" }, NEEDS_MACHINE, run_show },
	[REPLAY_SYSCALL] = { "syscall", { "args", "sysenter" }, NEEDS_PROCESS,
			     run_int80 },
	[REPLAY_TRAP] = { "trap", { "eip" }, NEEDS_PROCESS, run_trap },
};

enum { STEP_KINDS = sizeof step_kinds / sizeof step_kinds[0] };

const char *replay_action_name(enum replay_action action)
{
	return step_kinds[action].name;
}

static bool in_list(const char *const *list, size_t n, const char *key)
{
	for (size_t i = 0; i < n && list[i] != NULL; i++)
		if (strcmp(list[i], key) == 0)
			return true;
	return false;
}

/* The action KEY names, or -1. */
static int action_of(const char *key)
{
	for (int a = REPLAY_EXEC; a < STEP_KINDS; a++)
		if (key[0] == step_kinds[a].name[0] &&
		    strcmp(key, step_kinds[a].name) == 0)
			return a;
	return -1;
}

/* Whether KEY is a key some action takes. */
static bool any_action_takes(const char *key)
{
	if (strcmp(key, "expect") == 0)
		return true;
	for (int a = REPLAY_EXEC; a < STEP_KINDS; a++)
		if (in_list(step_kinds[a].keys, 8, key))
			return true;
	return false;
}

/* STEP names no action: the key that may be a misspelt one, the
 * closest action, and the list. */
static int no_action(const struct script_step *step, struct ef_error *err)
{
	const char *names[STEP_KINDS], *closest;
	char list[512];
	struct text t;

	for (int a = 0; a < STEP_KINDS; a++)
		names[a] = a < REPLAY_EXEC ? NULL : step_kinds[a].name;
	text_init(&t, list, sizeof list);
	text_join(&t, names, STEP_KINDS, ", ");
	for (unsigned i = 0; i < step->field_count; i++) {
		const struct script_field *f = &step->fields[i];

		if (f->in_expect || any_action_takes(f->key))
			continue;
		closest = text_closest(f->key, names, STEP_KINDS);
		if (closest != NULL)
			return script_error(err, f->mark, "%s: is no action "
					    "(did you mean %s:?); the actions: "
					    "%s", f->key, closest, list);
		return script_error(err, f->mark, "%s: is no action; the "
				    "actions: %s", f->key, list);
	}
	return script_error(err, step->mark, "a step needs an action, one "
			    "of %s", list);
}

/* Which action STEP is: exactly one of its keys names one. */
static int step_action(const struct script_step *step,
		       enum replay_action *action, struct ef_error *err)
{
	const struct script_field *found = NULL;

	if (step->is_machine) {
		*action = REPLAY_MACHINE;
		return 0;
	}
	for (unsigned i = 0; i < step->field_count; i++) {
		const struct script_field *f = &step->fields[i];
		int a = f->in_expect ? -1 : action_of(f->key);

		if (a < 0)
			continue;
		if (found != NULL)
			return script_error(err, f->mark, "a step does one thing: "
					    "%s: and %s: together", found->key,
					    f->key);
		found = f;
		*action = (enum replay_action)a;
	}
	if (found == NULL)
		return no_action(step, err);
	return 0;
}

/* F is no key of KIND's: the one it may misspell, and the keys. */
static int unknown_key(const struct step_kind *kind,
		       const struct script_field *f, struct ef_error *err)
{
	const char *keys[9], *closest;
	char list[256];
	struct text t;

	memcpy(keys, kind->keys, sizeof kind->keys);
	keys[8] = "expect";
	closest = text_closest(f->key, keys, 9);
	text_init(&t, list, sizeof list);
	text_join(&t, keys, 9, ":, ");
	if (closest != NULL)
		return script_error(err, f->mark, "%s: takes no %s: key (did "
				    "you mean %s:?); it takes %s:", kind->name,
				    f->key, closest, list);
	return script_error(err, f->mark, "%s: takes no %s: key; it takes %s:",
			    kind->name, f->key, list);
}

/* An expect: key's check (below, with the expectations). */
static int check_expect_key(const struct script_step *step,
			    const struct script_field *f, struct ef_error *err);

/* Every key of STEP is one its action takes. */
static int check_keys(const struct script_step *step,
		      enum replay_action action, struct ef_error *err)
{
	for (unsigned i = 0; i < step->field_count; i++) {
		const struct script_field *f = &step->fields[i];

		if (f->in_expect) {
			if (check_expect_key(step, f, err) != 0)
				return -1;
			continue;
		}
		if (strcmp(f->key, "expect") == 0 && action == REPLAY_MACHINE)
			return script_error(err, f->mark,
					    "machine: takes no expect:");
		if (strcmp(f->key, "expect") == 0 && !step->has_expect)
			return script_error(err, f->mark, "expect: takes a "
					    "mapping ({ fault: ..., value: ... })");
		if (strcmp(f->key, step_kinds[action].name) == 0 ||
		    strcmp(f->key, "expect") == 0)
			continue;
		if (!in_list(step_kinds[action].keys, 8, f->key))
			return unknown_key(&step_kinds[action], f, err);
	}
	return 0;
}

/* ---- values ------------------------------------------------------------- */

/* The single value of KEY (NULL if absent); a list is an error. */
static int scalar(const struct script_step *step, const char *key,
		  bool in_expect, const char **text, struct script_mark *at,
		  struct ef_error *err)
{
	const struct script_field *f = script_field(step, key, in_expect);

	*text = NULL;
	if (f == NULL)
		return 0;
	if (f->is_list || f->value_count != 1)
		return script_error(err, f->mark, "%s: expected one value, not "
				    "a list", key);
	*text = script_field_text(step, f, 0);
	if (at != NULL)
		*at = step->values[f->first_value].mark;
	return 0;
}

static int number_of(const struct script_step *step, const char *key,
		     uint64_t min, uint64_t max, uint64_t fallback,
		     uint64_t *value, struct ef_error *err)
{
	const char *text;
	struct script_mark at;

	if (scalar(step, key, false, &text, &at, err) != 0)
		return -1;
	if (text == NULL) {
		*value = fallback;
		return 0;
	}
	if (!number_parse(text, max, value) || *value < min)
		return script_error(err, at, "%s: %s is not a number from %"
				    PRIu64 " to %" PRIu64, key, text, min, max);
	return 0;
}

/* ---- processes ----------------------------------------------------------- */

/* The actor of PID: actors are added in the order of their pids, so a
 * binary search finds it in a replay of any length. */
static struct actor *actor_of(const struct replay *r, int pid)
{
	unsigned low = 0, high = r->actor_count;

	while (low < high) {
		unsigned mid = low + (high - low) / 2;
		int at = r->actors[mid].process->pid;

		if (at == pid)
			return &r->actors[mid];
		if (at < pid)
			low = mid + 1;
		else
			high = mid;
	}
	return NULL;
}

static const void *label_of(const void *r, size_t number)
{
	return ((const struct replay *)r)->actors[number].label;
}

static const struct number_index_keys labels = {
	label_of, number_index_hash_string, number_index_same_string,
};

/* The process a script names: the live process labelled NAME - the
 * newest, when more than one has had the label - or whose pid NAME is.
 * Ended processes leave the label's chain as they are passed (all but
 * the newest, which the index holds), so the work does not grow with the
 * processes the replay made. */
static struct actor *find_actor(struct replay *r, const char *name)
{
	const size_t *slot = number_index_slot(&r->by_label, &labels, r, name);
	uint64_t pid;

	if (slot != NULL && *slot != 0) {
		struct actor *newest = &r->actors[*slot - 1];
		size_t *link = &newest->older;

		if (newest->process->alive)
			return newest;
		while (*link != 0) {
			struct actor *a = &r->actors[*link - 1];

			if (a->process->alive)
				return a;
			*link = a->older;	/* ended: alive never again */
		}
	}
	if (number_parse(name, INT_MAX, &pid)) {
		struct actor *a = actor_of(r, (int)pid);

		return a != NULL && a->process->alive ? a : NULL;
	}
	return NULL;
}

static struct actor *current_actor(struct replay *r)
{
	return r->machine.current ? actor_of(r, r->machine.current->pid) : NULL;
}

static int add_actor(struct replay *r, struct process *p,
		     struct elf_image *image, const char *label,
		     struct ef_error *err)
{
	struct actor *grown = r->actors;
	size_t *slot;

	if (r->actor_count == r->actor_capacity) {
		unsigned capacity = r->actor_capacity ? 2 * r->actor_capacity : 16;

		grown = realloc(r->actors, capacity * sizeof *grown);
		if (grown == NULL)
			return ef_error_set(err, REPLAY_ERR_HOST, ENOMEM,
					    "out of memory");
		r->actors = grown;
		r->actor_capacity = capacity;
	}
	grown[r->actor_count] = (struct actor){ .process = p, .image = image };
	snprintf(grown[r->actor_count].label, sizeof grown->label, "%s",
		 label && *label ? label : p->name);
	if (number_index_room(&r->by_label, &labels, r, r->actor_count) != 0)
		return ef_error_set(err, REPLAY_ERR_HOST, ENOMEM,
				    "out of memory");
	slot = number_index_slot(&r->by_label, &labels, r,
				 grown[r->actor_count].label);
	grown[r->actor_count].older = *slot;
	*slot = r->actor_count + 1;
	r->actor_count++;
	return 0;
}

/* OUT's process: A's pid and label (labels always fit: both 32 bytes). */
static void set_label(struct replay_outcome *out, const struct actor *a)
{
	out->pid = a->process->pid;
	memcpy(out->label, a->label, sizeof out->label);
}

const char *replay_label(const struct replay *r, int pid)
{
	const struct actor *a = actor_of(r, pid);

	return a != NULL ? a->label : "";
}

const struct machine *replay_machine(const struct replay *r)
{
	return r->have_machine ? &r->machine : NULL;
}

/* ---- the machine ------------------------------------------------------- */

struct replay *replay_new(const char *script_path, struct ef_error *err)
{
	struct replay *r = calloc(1, sizeof *r);
	const char *slash = script_path ? strrchr(script_path, '/') : NULL;

	if (r == NULL)
		goto nomem;
	r->script_dir = slash ? strndup(script_path, (size_t)(slash - script_path) + 1)
			      : strdup("");
	if (r->script_dir == NULL || host_access_init(&r->access, err) != 0)
		goto nomem;
	if (host_access_allow(&r->access, *r->script_dir ? r->script_dir : ".",
			      err) != 0) {
		replay_free(r);
		return NULL;
	}
	r->memory_bytes = 64u << 20;
	r->policy = POLICY_LRU2Q;
	r->fault_around_bytes = 65536;
	r->target = exec_target_by_name("i386");
	return r;
nomem:
	replay_free(r);
	ef_error_set(err, REPLAY_ERR_HOST, ENOMEM, "out of memory");
	return NULL;
}

void replay_free(struct replay *r)
{
	if (r == NULL)
		return;
	if (r->have_machine)
		machine_release(&r->machine);
	for (unsigned i = 0; i < r->image_count; i++) {
		elf_image_free(r->images[i].image);
		free(r->images[i].path);
	}
	for (unsigned i = 0; i < r->file_count; i++) {
		free(r->files[i]->path);
		free(r->files[i]);
	}
	free(r->images);
	free(r->files);
	free(r->actors);
	number_index_release(&r->by_label);
	free(r->script_dir);
	host_access_release(&r->access);
	view_release(&r->view);
	free(r);
}

static int start_machine(struct replay *r, struct script_mark at,
			 struct ef_error *err)
{
	if (r->have_machine)
		return 0;
	if (machine_init(&r->machine, r->memory_bytes, r->target, err) != 0)
		return error_at(err, REPLAY_ERR_SCRIPT, at);
	r->have_machine = true;
	r->machine.cache.warm = r->warm_cache;
	r->machine.terminal = r->terminal;
	lru_set_policy(&r->machine, r->policy);
	lru_record_references(&r->machine, r->recording);
	lru_use_future(&r->machine, r->future);
	if (reclaim_set_swap(&r->machine, r->swap_bytes, err) != 0)
		return error_at(err, REPLAY_ERR_HOST, at);
	return 0;
}

int replay_parse_memory(const char *text, uint64_t *bytes,
			struct ef_error *err)
{
	if (phys_parse_size(text, bytes, NULL) != 0 ||
	    offset_in_page(*bytes) != 0 || *bytes < REPLAY_MIN_MEMORY ||
	    *bytes > (UINT64_C(1) << 32))
		return ef_error_set(err, REPLAY_ERR_SCRIPT, 0, "memory: %s is "
				    "not a size from 96K to 4G in whole pages",
				    text);
	return 0;
}

int replay_parse_swap(const char *text, uint64_t *bytes, struct ef_error *err)
{
	if (phys_parse_size(text, bytes, NULL) != 0 ||
	    offset_in_page(*bytes) != 0 || *bytes == PAGE_SIZE ||
	    *bytes > SWAP_MAX_BYTES)
		return ef_error_set(err, REPLAY_ERR_SCRIPT, 0, "swap: %s is not "
				    "0 or a size from 8K to 4G in whole pages "
				    "(the header page and the slots)", text);
	return 0;
}

void replay_override_memory(struct replay *r, uint64_t bytes)
{
	r->memory_bytes = bytes;
	r->overridden |= OVERRIDE_MEMORY;
}

void replay_override_swap(struct replay *r, uint64_t bytes)
{
	r->swap_bytes = bytes;
	r->overridden |= OVERRIDE_SWAP;
}

void replay_override_policy(struct replay *r, enum replacement_policy policy)
{
	r->policy = policy;
	r->overridden |= OVERRIDE_POLICY;
}

void replay_record_references(struct replay *r, struct future *f)
{
	r->recording = f;
}

void replay_use_future(struct replay *r, struct future *f)
{
	r->future = f;
}

enum replacement_policy replay_policy(const struct replay *r)
{
	return r->policy;
}

/* A machine: key's size, checked even when the command line's wins. */
static int machine_size(struct replay *r, const struct script_step *step,
			const char *key, unsigned override, uint64_t *bytes,
			struct ef_error *err)
{
	const char *text;
	struct script_mark at;
	uint64_t value;
	int rc;

	if (scalar(step, key, false, &text, &at, err) != 0)
		return -1;
	if (text == NULL)
		return 0;
	rc = override == OVERRIDE_MEMORY ? replay_parse_memory(text, &value, err)
					 : replay_parse_swap(text, &value, err);
	if (rc != 0)
		return error_at(err, REPLAY_ERR_SCRIPT, at);
	if (!(r->overridden & override))
		*bytes = value;
	return 0;
}

/* machine: memory, fault-around (a power of two from 4 KiB to the 4 MiB
 * one page table covers, as do_fault_around() clamps it), kernel. */
static int run_machine(struct replay *r, const struct script_step *step,
		       struct ef_error *err)
{
	const char *text;
	struct script_mark at;
	uint64_t bytes;

	if (r->have_machine || r->step_number > 0)
		return script_error(err, step->mark,
				    "machine: must come before the steps");
	if (machine_size(r, step, "memory", OVERRIDE_MEMORY, &r->memory_bytes,
			 err) != 0 ||
	    machine_size(r, step, "swap", OVERRIDE_SWAP, &r->swap_bytes,
			 err) != 0 ||
	    scalar(step, "policy", false, &text, &at, err) != 0)
		return -1;
	if (text != NULL) {
		enum replacement_policy policy;

		if (replacement_policy_parse(text, &policy) != 0)
			return script_error(err, at, "policy: %s is not one of "
					    "lru2q, clock, fifo, lru, opt", text);
		if (!(r->overridden & OVERRIDE_POLICY))
			r->policy = policy;
	}
	if (scalar(step, "fault-around", false, &text, &at, err) != 0)
		return -1;
	if (text != NULL) {
		if (phys_parse_size(text, &bytes, err) != 0 ||
		    bytes < PAGE_SIZE || bytes > (4u << 20) ||
		    (bytes & (bytes - 1)) != 0)
			return script_error(err, at, "fault-around: %s is not a "
					    "power of two from 4K to 4M", text);
		r->fault_around_bytes = (unsigned)bytes;
	}
	if (scalar(step, "kernel", false, &text, &at, err) != 0)
		return -1;
	if (text != NULL) {
		if (strcmp(text, "i386") != 0)
			return script_error(err, at, "kernel: %s is not one "
					    "replay runs (i386)", text);
		r->target = exec_target_by_name(text);
	}
	if (scalar(step, "page-cache", false, &text, &at, err) != 0)
		return -1;
	if (text != NULL && strcmp(text, "warm") != 0 &&
	    strcmp(text, "cold") != 0)
		return script_error(err, at, "page-cache: warm or cold, not %s",
				    text);
	r->warm_cache = text != NULL && strcmp(text, "warm") == 0;
	return 0;
}

/* ---- exec, fork, switch, exit ------------------------------------------------ */

static char *script_relative(const struct replay *r, const char *path)
{
	char *full;

	if (path[0] == '/')
		return strdup(path);
	if (asprintf(&full, "%s%s", r->script_dir, path) < 0)
		return NULL;
	return full;
}

int replay_allow_read(struct replay *r, const char *dir, struct ef_error *err)
{
	if (host_access_allow(&r->access, dir, err) == 0)
		return 0;
	if (err != NULL && err->kind == HOST_ACCESS_ERR_NOMEM)
		err->kind = REPLAY_ERR_HOST;
	return -1;
}

/* The canonical path of the host file NAME (from the script's
 * directory) into *REAL, when the script may read it: 0, -errno, or
 * HOST_ACCESS_REFUSED (then the step's outcome names it). */
static int host_path(struct replay *r, const char *name, char **real)
{
	char *full = script_relative(r, name);
	int rc;

	*real = NULL;
	if (full == NULL)
		return -ENOMEM;
	rc = host_access_resolve(&r->access, full, HOST_ACCESS_FILE, real);
	free(full);
	if (rc == HOST_ACCESS_REFUSED && r->step_out != NULL &&
	    r->step_out->access_refused[0] == '\0')
		snprintf(r->step_out->access_refused,
			 sizeof r->step_out->access_refused, "%s", name);
	return rc;
}

/* ERR for host_path()'s failure RC on NAME (REPLAY_ERR_HOST when
 * elfault's memory ran out, else KIND). */
static int host_path_error(struct ef_error *err, int rc, int kind)
{
	if (rc == -ENOMEM)
		return ef_error_set(err, REPLAY_ERR_HOST, ENOMEM,
				    "out of memory");
	if (rc == HOST_ACCESS_REFUSED)
		return ef_error_set(err, REPLAY_ERR_FILE, EACCES, "%s",
				    HOST_ACCESS_REFUSED_TEXT);
	return ef_error_set(err, rc == -ENOENT ? ELF_IMAGE_ERR_NO_FILE : kind,
			    -rc, "%s", strerror(-rc));
}

/* The image of the host file NAME: one per file however often it is
 * exec'd, by its canonical path, kept for the replay's lifetime.  On
 * failure ERR is the file's (elf_image.h's kinds), REPLAY_ERR_FILE when
 * the script may not read it, or REPLAY_ERR_HOST when elfault itself
 * failed. */
static struct elf_image *open_image(struct replay *r, const char *name,
				    struct ef_error *err)
{
	struct owned_image *images;
	struct elf_image *image;
	char *real;
	int rc = host_path(r, name, &real);

	if (rc != 0) {
		host_path_error(err, rc, ELF_IMAGE_ERR_IO);
		return NULL;
	}
	for (unsigned i = 0; i < r->image_count; i++)
		if (strcmp(r->images[i].path, real) == 0) {
			free(real);
			return r->images[i].image;
		}
	images = realloc(r->images, (r->image_count + 1) * sizeof *images);
	if (images == NULL) {
		free(real);
		ef_error_set(err, REPLAY_ERR_HOST, ENOMEM, "out of memory");
		return NULL;
	}
	r->images = images;
	image = elf_image_open_program(real, err);
	if (image == NULL) {
		free(real);
		return NULL;
	}
	r->images[r->image_count++] = (struct owned_image){ image, real };
	return image;
}

/* A list field's values as a NULL-less array (at most SCRIPT_MAX_VALUES). */
static size_t list_values(const struct script_step *step, const char *key,
			  const char **values)
{
	const struct script_field *f = script_field(step, key, false);

	if (f == NULL)
		return 0;
	for (unsigned i = 0; i < f->value_count; i++)
		values[i] = script_field_text(step, f, i);
	return f->value_count;
}

/* exec:'s file, opened; a file that is no ELF at all gets what execve()
 * says of it. */
static struct elf_image *exec_image(struct replay *r, const char *file,
				    struct script_mark at, struct ef_error *err)
{
	char prefix[320];
	struct elf_image *image = open_image(r, file, err);

	if (image != NULL)
		return image;
	/* elfault's own limits (descriptors, memory) are not the script's */
	if (err != NULL && (err->sys_errno == EMFILE ||
			    err->sys_errno == ENFILE ||
			    err->sys_errno == ENOMEM))
		err->kind = REPLAY_ERR_HOST;
	snprintf(prefix, sizeof prefix, "exec: %.200s: %s", file,
		 err && (err->kind == ELF_IMAGE_ERR_EMPTY ||
			 err->kind == ELF_IMAGE_ERR_NOT_ELF)
		 ? "ENOEXEC (Exec format error): " : "");
	if (err != NULL && err->kind == REPLAY_ERR_HOST)
		error_at(err, REPLAY_ERR_HOST, at);
	else
		error_at_prefixed(err, REPLAY_ERR_FILE, at, prefix);
	return NULL;
}

/* The new process, built by process_exec(); not the running one until
 * it exists: an OOM kill while it is built takes another (and not the
 * one running).  NULL with ERR: the machine's failure, or the loader's
 * refusal with execve()'s errno. */
static struct process *exec_process(struct replay *r, struct elf_image *image,
				    const struct exec_args *args,
				    struct script_mark at, struct ef_error *err)
{
	struct process *was = r->machine.current, *p;
	char prefix[320];

	process_switch(&r->machine, NULL);
	p = process_exec(&r->machine, image, args, err);
	if (p != NULL)
		return p;
	process_switch(&r->machine, was && was->alive ? was : NULL);
	/* Any error but the loader's refusal is the machine's. */
	if (err != NULL && (ef_error_domain(err) != EF_DOMAIN_EXEC ||
			    err->kind == EXEC_ERR_HOST)) {
		machine_error(err, at);
		return NULL;
	}
	snprintf(prefix, sizeof prefix, "exec: %.200s: %s (%s): ",
		 args->filename, exec_error_name(err ? err->kind : 0),
		 exec_error_text(err ? err->kind : 0));
	error_at_prefixed(err, REPLAY_ERR_FILE, at, prefix);
	return NULL;
}

static int run_padzero(struct replay *r, struct actor *a,
		       struct replay_outcome *out, struct script_mark at,
		       struct ef_error *err);

/* elfault's limit on the VMAs of the live processes together, checked
 * before PARENT forks: fork copies its VMAs (up to max_map_count). */
static int room_for_vmas(const struct replay *r, const struct process *parent,
			 struct script_mark at, struct ef_error *err)
{
	size_t total = parent->mm.vmas.count;

	for (unsigned i = 0; i < r->machine.live_count; i++)
		total += r->machine.live[i]->mm.vmas.count;
	if (total > REPLAY_MAX_VMAS)
		return script_error(err, at, "fork: %zu VMAs in the processes "
				    "alive would be past elfault's limit, %d",
				    total, REPLAY_MAX_VMAS);
	return 0;
}

/* elfault's limits on processes, checked before STEP (exec or fork)
 * makes one: the live ones (each holds its page tables and VMAs), and
 * every one made, as pids are never reused (the kernel's alloc_pid()
 * wraps around at pid_max and takes a free one again). */
static int room_for_a_process(const struct replay *r, const char *step,
			      struct script_mark at, struct ef_error *err)
{
	if (r->machine.live_count >= REPLAY_MAX_PROCESSES)
		return script_error(err, at, "%s: %d processes at once (alive, "
				    "or ended and not reaped) is elfault's "
				    "limit", step, REPLAY_MAX_PROCESSES);
	if (r->machine.process_count >= REPLAY_MAX_PIDS)
		return script_error(err, at, "%s: pid %d would be past "
				    "pid_max: elfault does not reuse pids, so "
				    "a replay makes at most %d processes", step,
				    REPLAY_MAX_PIDS + 1, REPLAY_MAX_PIDS);
	return 0;
}

static int run_exec(struct replay *r, struct actor *a,
		    enum replay_action action, const struct script_step *step,
		    struct replay_outcome *out, struct ef_error *err)
{
	const char *file, *label, *path, *argv[SCRIPT_MAX_VALUES];
	const char *envp[SCRIPT_MAX_VALUES];
	struct script_mark at;
	struct exec_args args = { .sysroot = "/", .access = &r->access };
	struct elf_image *image;
	struct process *p;

	if (scalar(step, "exec", false, &file, &at, err) != 0 ||
	    scalar(step, "as", false, &label, NULL, err) != 0 ||
	    scalar(step, "path", false, &path, NULL, err) != 0)
		return -1;
	if (*file == '\0')
		return script_error(err, at, "exec: needs a file");
	image = exec_image(r, file, at, err);
	if (image == NULL)
		return -1;
	/* the path execve() is given: the host file's, or path: */
	args.filename = path != NULL && *path != '\0' ? path : file;
	args.argc = list_values(step, "argv", argv);
	if (args.argc == 0) {
		argv[0] = args.filename;
		args.argc = 1;
	}
	args.argv = argv;
	args.envc = list_values(step, "env", envp);
	args.envp = envp;
	if (start_machine(r, step->mark, err) != 0)
		return -1;
	if (room_for_a_process(r, "exec", step->mark, err) != 0)
		return -1;
	if ((p = exec_process(r, image, &args, at, err)) == NULL ||
	    add_actor(r, p, image, label, err) != 0)
		return -1;
	process_switch(&r->machine, p);
	out->new_pid = p->pid;
	return run_padzero(r, actor_of(r, p->pid), out, at, err);
}

static int run_fork(struct replay *r, struct actor *parent,
		    enum replay_action action, const struct script_step *step,
		    struct replay_outcome *out, struct ef_error *err)
{
	const char *label;
	struct process *child;

	if (scalar(step, "fork", false, &label, NULL, err) != 0)
		return -1;
	if (room_for_a_process(r, "fork", step->mark, err) != 0 ||
	    room_for_vmas(r, parent->process, step->mark, err) != 0)
		return -1;
	child = process_fork(&r->machine, parent->process, err);
	if (child == NULL)
		return machine_error(err, step->mark);
	if (add_actor(r, child, parent->image, label, err) != 0)
		return -1;
	out->new_pid = child->pid;
	r->has_last_result = true;	/* fork() returns it to the parent */
	r->last_result = child->pid;
	return 0;
}

static int switch_return(struct replay *r, struct actor *a,
			 struct replay_outcome *out, struct script_mark at,
			 struct ef_error *err);

static int run_switch(struct replay *r, struct actor *current,
		      enum replay_action action, const struct script_step *step,
		      struct replay_outcome *out, struct ef_error *err)
{
	const char *name;
	struct script_mark at;
	struct actor *a;

	if (scalar(step, "switch", false, &name, &at, err) != 0)
		return -1;
	a = find_actor(r, name);
	if (a == NULL)
		return script_error(err, at, "switch: no running process %s",
				    name);
	process_switch(&r->machine, a->process);
	set_label(out, a);
	return switch_return(r, a, out, at, err);
}

static int run_exit(struct replay *r, struct actor *current,
		    enum replay_action action, const struct script_step *step,
		    struct replay_outcome *out, struct ef_error *err)
{
	const char *name;
	struct script_mark at;
	struct actor *a = current;

	if (scalar(step, "exit", false, &name, &at, err) != 0)
		return -1;
	if (*name != '\0') {
		a = find_actor(r, name);
		if (a == NULL)
			return script_error(err, at, "exit: no running "
					    "process %s", name);
	}
	if (a == NULL)
		return script_error(err, at, "exit: no process is running");
	set_label(out, a);
	process_end(&r->machine, a->process, 0);
	return 0;
}

/* ---- addresses ------------------------------------------------------------- */

/* BASE of an address expression: a number, $result, [vma], a symbol or a
 * section of the process's program. */
/* An address of A's process, as address.h decodes it; a script error at
 * AT when it names none. */
static int resolve_address(struct replay *r, const struct actor *a,
			   const char *text, struct script_mark at,
			   unsigned size, uint32_t *address,
			   struct ef_error *err)
{
	const struct address_context ctx = {
		.mm = &a->process->mm, .image = a->image,
		.has_result = r->has_last_result, .result = r->last_result,
	};

	if (address_resolve(&ctx, text, size, address, err) != 0)
		return error_at(err, REPLAY_ERR_SCRIPT, at);
	return 0;
}

/* ---- accesses --------------------------------------------------------------- */

/* The kernel's side of an access it makes itself (NULL: a user access). */
struct kernel_context {
	bool in_interrupt;
	const char *eip_name;	/* the script's name for the EIP, or NULL */
};

/* The kernel's EIP as reports name it: the script's NAME for it, or
 * %pS of the address. */
static void name_eip(uint32_t eip, const char *name, char *buf, size_t size)
{
	if (name != NULL)
		snprintf(buf, size, "%s", name);
	else
		kernel_text_symbolize(eip, buf, size);
}

/* An Oops killed A's process (page_fault_oops(), then make_task_dead()
 * with SIGKILL): its report in OUT, before the mm is torn down. */
static void record_oops(struct replay *r, struct actor *a,
			const struct replay_fault *f, struct replay_outcome *out)
{
	const struct oops_input in = {
		.hw = &f->hw, .eip = f->eip_name, .pid = a->process->pid,
		.comm = a->process->name, .number = f->result.oops_number,
		.panic = f->result.panic, .cr0 = oops_cr0(&r->machine.mmu),
		.cr3 = r->machine.mmu.cr3, .cr4 = oops_cr4(&r->machine.mmu),
	};

	oops_format(&in, out->oops, sizeof out->oops);
	out->panicked = f->result.panic;
	r->panicked |= f->result.panic;
}

/* How one attempt at an access ended (-1: an error). */
enum attempt_end {
	ATTEMPT_DONE,		/* the access completed */
	ATTEMPT_RESOLVED,	/* a fault the kernel resolved: try again */
	ATTEMPT_DIED,		/* the process died (a signal or an Oops) */
	ATTEMPT_FIXED_UP,	/* a kernel fault the exception table fixed */
};

/* One attempt at an access, by the user (K NULL) or by the kernel: an
 * enum attempt_end, or -1 with ERR. */
static int attempt(struct replay *r, struct actor *a, enum mmu_access_type type,
		   uint32_t address, unsigned size, uint8_t *buf, uint32_t eip,
		   const struct kernel_context *k, struct replay_outcome *out,
		   struct script_mark at, struct ef_error *err)
{
	struct replay_fault *f;
	int rc = mmu_access(&r->machine.mmu, address, size, type,
			    k ? MMU_SUPERVISOR : MMU_USER, buf,
			    &out->faults[out->fault_count].hw, err);

	if (rc <= 0)
		return rc == 0 ? ATTEMPT_DONE : error_at(err, REPLAY_ERR_HOST, at);
	if (out->fault_count + 1 == REPLAY_MAX_FAULTS)
		return script_error(err, at, "more than %d faults in one step "
				    "(an access that makes no progress, or a "
				    "system call with too large a count)",
				    REPLAY_MAX_FAULTS - 1);
	f = &out->faults[out->fault_count++];
	f->type = type;
	f->eip = eip;
	f->in_interrupt = k && k->in_interrupt;
	f->eip_name[0] = '\0';
	if (k != NULL)
		name_eip(eip, k->eip_name, f->eip_name, sizeof f->eip_name);
	r->open_fault = f;
	rc = k ? fault_handle_kernel(&r->machine, a->process, &f->hw, eip,
				     k->in_interrupt, r->fault_around_bytes,
				     &f->result, err)
	       : fault_handle(&r->machine, a->process, &f->hw,
			      r->fault_around_bytes, &f->result, err);
	if (rc != 0)
		return machine_error(err, at);
	r->open_fault = NULL;
	if (f->result.kind == FAULT_FIXUP)
		return ATTEMPT_FIXED_UP;
	if (f->result.kind == FAULT_OOPS)
		record_oops(r, a, f, out);
	if (fault_kind_facts(f->result.kind)->signal != NULL) {
		out->killed = true;
		process_end(&r->machine, a->process, signal_number(
			    fault_kind_facts(f->result.kind)->signal));
		return ATTEMPT_DIED;
	}
	return ATTEMPT_RESOLVED;
}

/* An access repeated until it completes, the process dies or (for the
 * kernel) it is fixed up: attempt()'s last answer, never
 * ATTEMPT_RESOLVED. */
static int access_until_done(struct replay *r, struct actor *a,
			     enum mmu_access_type type, uint32_t address,
			     unsigned size, uint8_t *buf, uint32_t eip,
			     const struct kernel_context *k,
			     struct replay_outcome *out, struct script_mark at,
			     struct ef_error *err)
{
	int rc;

	while ((rc = attempt(r, a, type, address, size, buf, eip, k, out, at,
			     err)) == ATTEMPT_RESOLVED)
		;
	return rc;
}

static uint64_t little_endian(const uint8_t *bytes, unsigned size)
{
	uint64_t value = 0;

	for (unsigned i = size; i-- > 0;)
		value = value << 8 | bytes[i];
	return value;
}

static void store_little_endian(uint8_t *bytes, unsigned size, uint64_t value)
{
	for (unsigned i = 0; i < size; i++, value >>= 8)
		bytes[i] = (uint8_t)value;
}

/* The value: of a write fits in its SIZE bytes. */
static int value_fits(const struct script_step *step, uint64_t value,
		      uint64_t size, struct ef_error *err)
{
	if (size < 8 && value >> (8 * size) != 0)
		return script_error(err, script_field(step, "value", false)->mark,
				    "value: %" PRIu64 " does not fit in a %"
				    PRIu64 "-byte access", value, size);
	return 0;
}

/* read:, write:, fetch: ADDRESS with size: (1 to 16 bytes; 4 for reads
 * and writes, 1 for fetches, when not given) and value: for writes. */
/* The script's expression TEXT for the step's address, into the
 * outcome: whole, or cut at a character's start and marked "...". */
static void name_address(struct replay_outcome *out, const char *text)
{
	size_t room = sizeof out->address_name, n = strlen(text);

	if (n < room) {
		memcpy(out->address_name, text, n + 1);
		return;
	}
	n = room - 4;
	while (n > 0 && ((unsigned char)text[n] & 0xc0) == 0x80)
		n--;		/* not inside a UTF-8 character */
	memcpy(out->address_name, text, n);
	memcpy(out->address_name + n, "...", 4);
}

static int run_access(struct replay *r, struct actor *a,
		      enum replay_action action, const struct script_step *step,
		      struct replay_outcome *out, struct ef_error *err)
{
	static const enum mmu_access_type types[] = {
		[REPLAY_READ] = MMU_READ, [REPLAY_WRITE] = MMU_WRITE,
		[REPLAY_FETCH] = MMU_FETCH,
	};
	const char *text;
	struct script_mark at;
	uint64_t size, value, eip;
	uint8_t buf[16] = { 0 };

	if (scalar(step, step_kinds[action].name, false, &text, &at, err) != 0 ||
	    number_of(step, "size", 1, 16, action == REPLAY_FETCH ? 1 : 4,
		      &size, err) != 0 ||
	    number_of(step, "value", 0, UINT64_MAX, 0, &value, err) != 0 ||
	    number_of(step, "eip", 0, UINT32_MAX, 0, &eip, err) != 0 ||
	    value_fits(step, value, size, err) != 0)
		return -1;
	out->type = types[action];
	out->size = (unsigned)size;
	if (resolve_address(r, a, text, at, out->size, &out->address, err) != 0)
		return -1;
	out->eip = action == REPLAY_FETCH ? out->address : (uint32_t)eip;
	if (!isdigit((unsigned char)text[0]))
		name_address(out, text);
	out->has_written = action == REPLAY_WRITE && size <= 8;
	out->written = out->has_written ? value : 0;
	store_little_endian(buf, out->size < 8 ? out->size : 8, value);
	if (access_until_done(r, a, out->type, out->address, out->size, buf,
			      out->eip, NULL, out, at, err) < 0)
		return -1;
	if (action != REPLAY_WRITE && !out->killed && size <= 8) {
		out->has_value = true;
		out->value = little_endian(buf, out->size);
	}
	return 0;
}

/* An instruction's memory operand: "read ADDRESS SIZE" or
 * "write ADDRESS SIZE VALUE". */
struct operand {
	enum mmu_access_type type;
	uint32_t address;
	unsigned size;
	uint8_t bytes[8];
};

static int parse_operand(struct replay *r, struct actor *a,
			 const struct script_value *v, struct operand *op,
			 struct ef_error *err)
{
	char kind[16], address[256], size_text[32], value_text[64];
	uint64_t size, value = 0;
	int n = sscanf(v->text, "%15s %255s %31s %63s", kind, address,
		       size_text, value_text);

	if (n < 3 || (strcmp(kind, "read") != 0 && strcmp(kind, "write") != 0) ||
	    (strcmp(kind, "read") == 0) != (n == 3))
		return script_error(err, v->mark, "operand %s: expected "
				    "\"read ADDRESS SIZE\" or \"write ADDRESS "
				    "SIZE VALUE\"", v->text);
	if (!number_parse(size_text, 8, &size) || size == 0 ||
	    (n == 4 && !number_parse(value_text, UINT64_MAX, &value)) ||
	    (size < 8 && value >> (8 * size) != 0))
		return script_error(err, v->mark, "operand %s: a size from 1 "
				    "to 8 and a value that fits it", v->text);
	op->type = n == 4 ? MMU_WRITE : MMU_READ;
	op->size = (unsigned)size;
	store_little_endian(op->bytes, op->size, value);
	return resolve_address(r, a, address, v->mark, op->size, &op->address,
			       err);
}

/* instruction: ADDRESS, length: 1 to 15 bytes, operands: [...].  A fault
 * anywhere restarts the instruction from its fetch; EIP is its address. */
static int run_instruction(struct replay *r, struct actor *a,
			   enum replay_action action,
			   const struct script_step *step,
			   struct replay_outcome *out, struct ef_error *err)
{
	const struct script_field *list = script_field(step, "operands", false);
	struct operand ops[REPLAY_MAX_OPERANDS];
	unsigned op_count = list ? list->value_count : 0;
	const char *text;
	struct script_mark at;
	uint64_t length;
	uint8_t code[16];
	int rc;

	if (scalar(step, "instruction", false, &text, &at, err) != 0 ||
	    number_of(step, "length", 1, 15, 1, &length, err) != 0)
		return -1;
	if (op_count > REPLAY_MAX_OPERANDS)
		return script_error(err, list->mark, "operands: at most %d",
				    REPLAY_MAX_OPERANDS);
	out->type = MMU_FETCH;
	out->size = (unsigned)length;
	if (resolve_address(r, a, text, at, out->size, &out->address, err) != 0)
		return -1;
	out->eip = out->address;
	for (unsigned i = 0; i < op_count; i++)
		if (parse_operand(r, a, &step->values[list->first_value + i],
				  &ops[i], err) != 0)
			return -1;
restart:
	rc = attempt(r, a, MMU_FETCH, out->address, out->size, code, out->eip,
		     NULL, out, at, err);
	for (unsigned i = 0; rc == ATTEMPT_DONE && i < op_count; i++)
		rc = attempt(r, a, ops[i].type, ops[i].address, ops[i].size,
			     ops[i].bytes, out->eip, NULL, out,
			     step->values[list->first_value + i].mark, err);
	if (rc == ATTEMPT_RESOLVED)
		goto restart;
	for (unsigned i = 0; rc == ATTEMPT_DONE && i < op_count; i++)
		if (ops[i].type == MMU_READ)
			out->operand_values[out->operands_read++] =
				little_endian(ops[i].bytes, ops[i].size);
	return rc < 0 ? -1 : 0;
}

/* ---- system calls ------------------------------------------------------------ */

/* prot: "r", "rw", "rwx", "r-x", "none" or "---". */
static int parse_prot(const struct script_step *step, int *prot,
		      struct ef_error *err)
{
	const char *text;
	struct script_mark at;

	*prot = 0;
	if (scalar(step, "prot", false, &text, &at, err) != 0)
		return -1;
	if (text == NULL)
		return script_error(err, step->mark, "prot: is needed");
	if (strcmp(text, "none") == 0)
		return 0;
	for (const char *c = text; *c != '\0'; c++) {
		int bit = *c == 'r' ? MM_PROT_READ : *c == 'w' ? MM_PROT_WRITE
			  : *c == 'x' ? MM_PROT_EXEC : *c == '-' ? 0 : -1;

		if (bit < 0 || (bit != 0 && (*prot & bit)))
			return script_error(err, at, "prot: %s is not made of "
					    "r, w, x and - (or none)", text);
		*prot |= bit;
	}
	return 0;
}

static int parse_map_flags(const struct script_step *step, int *flags,
			   struct ef_error *err)
{
	static const struct { const char *name; int flag; } names[] = {
		{ "private", MM_MAP_PRIVATE }, { "shared", MM_MAP_SHARED },
		{ "anonymous", MM_MAP_ANONYMOUS }, { "fixed", MM_MAP_FIXED },
		{ "fixed-noreplace", MM_MAP_FIXED_NOREPLACE },
	};
	const struct script_field *f = script_field(step, "flags", false);

	*flags = 0;
	for (unsigned i = 0; f != NULL && i < f->value_count; i++) {
		const struct script_value *v = &step->values[f->first_value + i];
		size_t k = 0;

		while (k < sizeof names / sizeof names[0] &&
		       strcmp(names[k].name, v->text) != 0)
			k++;
		if (k == sizeof names / sizeof names[0])
			return script_error(err, v->mark, "flags: unknown flag "
					    "%s", v->text);
		*flags |= names[k].flag;
	}
	return 0;
}

/* The record of a file mmap'ed, made once and kept by the replay. */
static int mapped_file_of(struct replay *r, const char *name,
			  struct script_mark at, const struct mapped_file **out,
			  struct ef_error *err)
{
	struct mapped_file *file, **grown;
	struct stat st;
	char *real;
	int rc = host_path(r, name, &real);

	if (rc == -ENOMEM)
		return host_path_error(err, rc, 0);
	if (rc != 0 || stat(real, &st) != 0 || !S_ISREG(st.st_mode)) {
		ef_error_set(err, REPLAY_ERR_FILE,
			     rc == HOST_ACCESS_REFUSED ? EACCES : rc ? -rc : errno,
			     "file: %s: %s", name,
			     rc == HOST_ACCESS_REFUSED ? HOST_ACCESS_REFUSED_TEXT
			     : rc ? strerror(-rc)
			     : real ? "not a regular file" : strerror(errno));
		free(real);
		return error_at(err, REPLAY_ERR_FILE, at);
	}
	for (unsigned i = 0; i < r->file_count; i++)
		if (strcmp(r->files[i]->path, real) == 0) {
			free(real);
			*out = r->files[i];
			return 0;
		}
	file = calloc(1, sizeof *file);
	grown = realloc(r->files, (r->file_count + 1) * sizeof *grown);
	if (file == NULL || grown == NULL) {
		free(file);
		free(real);
		if (grown != NULL)
			r->files = grown;
		return ef_error_set(err, REPLAY_ERR_HOST, ENOMEM, "out of memory");
	}
	*file = (struct mapped_file){ .path = real,
		.dev_major = major(st.st_dev), .dev_minor = minor(st.st_dev),
		.inode = st.st_ino, .size = (uint64_t)st.st_size };
	r->files = grown;
	grown[r->file_count++] = file;
	*out = file;
	return 0;
}

/* An mmap, munmap, mprotect or brk step, decoded. */
struct mm_call {
	struct script_mark at;		/* of the step's address */
	uint32_t address, length;
	uint64_t offset;
	int prot, flags;
	const struct mapped_file *file;	/* NULL: anonymous */
	bool file_writable;
};

/* file-writable: true or false. */
static int decode_writable(const struct script_step *step, bool *writable,
			   struct ef_error *err)
{
	const char *text;

	if (scalar(step, "file-writable", false, &text, NULL, err) != 0)
		return -1;
	*writable = text != NULL && strcmp(text, "true") == 0;
	if (text != NULL && strcmp(text, "true") != 0 &&
	    strcmp(text, "false") != 0)
		return script_error(err, script_field(step, "file-writable",
						      false)->mark,
				    "file-writable: true or false, not %s",
				    text);
	return 0;
}

static int decode_mm_call(struct replay *r, struct actor *a,
			  enum replay_action action,
			  const struct script_step *step, struct mm_call *c,
			  struct ef_error *err)
{
	const char *text, *file_name = NULL;
	uint64_t length = 0;

	if (scalar(step, step_kinds[action].name, false, &text, &c->at,
		   err) != 0 ||
	    number_of(step, "length", 0, UINT32_MAX, 0, &length, err) != 0 ||
	    number_of(step, "offset", 0, UINT64_MAX, 0, &c->offset, err) != 0 ||
	    scalar(step, "file", false, &file_name, NULL, err) != 0)
		return -1;
	c->length = (uint32_t)length;
	if ((action == REPLAY_MMAP || action == REPLAY_MPROTECT) &&
	    parse_prot(step, &c->prot, err) != 0)
		return -1;
	if (action == REPLAY_MMAP && parse_map_flags(step, &c->flags, err) != 0)
		return -1;
	if (action != REPLAY_MUNMAP && action != REPLAY_MPROTECT &&
	    *text == '\0')
		c->address = 0;
	else if (resolve_address(r, a, text, c->at, 0, &c->address, err) != 0)
		return -1;
	if (decode_writable(step, &c->file_writable, err) != 0)
		return -1;
	if (file_name != NULL &&
	    mapped_file_of(r, file_name, script_field(step, "file", false)->mark,
			   &c->file, err) != 0)
		return -1;
	return 0;
}

static int run_syscall(struct replay *r, struct actor *a,
		       enum replay_action action, const struct script_step *step,
		       struct replay_outcome *out, struct ef_error *err)
{
	struct machine *m = &r->machine;
	struct process *p = a->process;
	struct mm_call c = { 0 };
	struct mm_result result;
	int rc;

	if (decode_mm_call(r, a, action, step, &c, err) != 0)
		return -1;
	if (action == REPLAY_MMAP)
		rc = mm_mmap(m, p, c.address, c.length, c.prot, c.flags, c.file,
			     c.file_writable, 0, c.offset, &result, err);
	else if (action == REPLAY_MUNMAP)
		rc = mm_munmap(m, p, c.address, c.length, &result, err);
	else if (action == REPLAY_MPROTECT)
		rc = mm_mprotect(m, p, c.address, c.length, c.prot, &result,
				 err);
	else
		rc = mm_brk(m, p, c.address, &result, err);
	if (rc != 0)
		return machine_error(err, c.at);
	out->has_result = true;
	out->result = result.value;
	out->error = result.error;
	r->has_last_result = true;
	r->last_result = result.value;
	return 0;
}

/* ---- the kernel at user memory ------------------------------------------- */

/* The user-memory accesses of the kernel's copy routines (uaccess.h). */
struct kernel_accessor {
	struct replay *r;
	struct actor *a;
	struct replay_outcome *out;
	struct script_mark at;
	struct ef_error *err;
	struct kernel_context k;
	bool failed;		/* an access failed: ERR is set in full */
};

static int kernel_access(void *ctx, uint32_t eip, enum mmu_access_type type,
			 uint32_t user, unsigned size, uint8_t *bytes)
{
	struct kernel_accessor *c = ctx;
	int rc = access_until_done(c->r, c->a, type, user, size, bytes, eip,
				   &c->k, c->out, c->at, c->err);

	c->failed = rc < 0;
	return rc < 0 ? -1 : rc == ATTEMPT_DONE ? UACCESS_DONE
	       : rc == ATTEMPT_FIXED_UP ? UACCESS_FIXUP : UACCESS_DEAD;
}

/* exec's padzero(): clear_user()'s faults, in the exec step. */
static int run_padzero(struct replay *r, struct actor *a,
		       struct replay_outcome *out, struct script_mark at,
		       struct ef_error *err)
{
	struct kernel_accessor c = { .r = r, .a = a, .out = out, .at = at,
				     .err = err };
	const struct uaccess u = { kernel_access, &c, 7 };
	int rc = process_exec_padzero(a->process, &u);

	if (rc < 0)
		return c.failed ? -1 : machine_error(err, at);
	return 0;
}

/* A number the step must have. */
static int required_number(const struct script_step *step, const char *key,
			   enum replay_action action, uint64_t max,
			   uint64_t *value, struct ef_error *err)
{
	if (script_field(step, key, false) == NULL)
		return script_error(err, step->mark, "%s: needs %s:",
				    step_kinds[action].name, key);
	return number_of(step, key, 0, max, 0, value, err);
}

/* sys-read: BUFFER, file:, offset:, count: - read(2) of the file at the
 * offset; sys-write: BUFFER, count: - write(2) to a pipe. */
static int run_sys_rw(struct replay *r, struct actor *a,
		      enum replay_action action, const struct script_step *step,
		      struct replay_outcome *out, struct ef_error *err)
{
	struct kernel_accessor c = { .r = r, .a = a, .out = out, .err = err };
	const struct uaccess u = { kernel_access, &c, 7 };
	const struct mapped_file *file = NULL;
	const char *text, *name = NULL;
	uint64_t count, offset;
	struct rw_result res;
	int rc;

	if (scalar(step, step_kinds[action].name, false, &text, &c.at, err) != 0 ||
	    required_number(step, "count", action, UINT32_MAX, &count, err) ||
	    number_of(step, "offset", 0, INT64_MAX, 0, &offset, err) != 0 ||
	    scalar(step, "file", false, &name, NULL, err) != 0 ||
	    resolve_address(r, a, text, c.at, 0, &out->address, err) != 0)
		return -1;
	if (action == REPLAY_SYS_READ && name == NULL)
		return script_error(err, step->mark, "sys-read: needs file:");
	if (name != NULL && mapped_file_of(r, name, script_field(step, "file",
				false)->mark, &file, err) != 0)
		return -1;
	rc = action == REPLAY_SYS_READ
	     ? rw_read_file(&r->machine, file, offset, out->address,
			    (uint32_t)count, &u, r->target->task_size, &res, err)
	     : rw_write_pipe(out->address, (uint32_t)count, &u,
			     r->target->task_size, &res);
	if (rc != 0)
		return c.failed ? -1 : machine_error(err, c.at);
	out->count = res.count;
	out->copied = res.copied;
	out->refused = res.refused;
	out->data_len = res.data_len;
	memcpy(out->data, res.data, res.data_len);
	if (res.dead)
		return 0;	/* an Oops: the call never returned */
	out->has_result = true;
	out->result = res.value;
	out->error = res.error;
	r->has_last_result = true;
	r->last_result = res.value;
	return 0;
}

/* ---- int $0x80 ------------------------------------------------------------- */

/* open()'s lookup: PATH from the script's directory, the host's file. */
static int lookup_path(void *ctx, const char *path, struct mapped_file *file)
{
	struct replay *r = ctx;
	struct ef_error err = { 0 };
	char *real;
	int rc = host_path(r, path, &real);

	if (rc == HOST_ACCESS_REFUSED)
		return -EACCES;
	if (rc != 0)
		return rc;
	rc = mapped_file_stat(file, real, &err);
	free(real);
	if (rc == 0)
		return 0;
	return err.sys_errno == ENOENT || err.sys_errno == 0 ? -ENOENT
							      : -err.sys_errno;
}

/* The canonical host path PATH names (from the script's directory),
 * its last link followed when FOLLOW: 0, or -errno (EACCES for a path
 * the script may not read). */
static int resolve_path(void *ctx, const char *path, bool follow,
			char **real)
{
	struct replay *r = ctx;
	const char *slash = strrchr(path, '/');
	const char *last = slash ? slash + 1 : path;
	char *dir, *joined;
	int rc;

	if (follow || strcmp(last, "") == 0 || strcmp(last, ".") == 0 ||
	    strcmp(last, "..") == 0) {
		rc = host_path(r, path, real);
		return rc == HOST_ACCESS_REFUSED ? -EACCES : rc;
	}
	/* lstat()'s lookup: the directory followed, the last name not */
	dir = slash == NULL ? strdup(".") : slash == path ? strdup("/")
	      : strndup(path, (size_t)(slash - path));
	if (dir == NULL)
		return -ENOMEM;
	rc = host_path(r, dir, real);
	free(dir);
	if (rc != 0)
		return rc == HOST_ACCESS_REFUSED ? -EACCES : rc;
	rc = asprintf(&joined, "%s/%s", strcmp(*real, "/") ? *real : "", last);
	free(*real);
	*real = rc < 0 ? NULL : joined;
	if (*real == NULL)
		return -ENOMEM;
	if (!host_access_permits(&r->access, *real, HOST_ACCESS_FILE)) {
		free(*real);
		*real = NULL;
		return -EACCES;
	}
	return 0;
}

/* execve()'s image: the host file PATH names (from the script's
 * directory), opened and kept by the replay; NULL with *ERROR: ENOENT,
 * EACCES (not a regular file), ENOEXEC (not ELF), ENOMEM.  A file a
 * process created has no host file behind it: ENOEXEC. */
static struct elf_image *exec_image_of(void *ctx, const char *path,
				       int *error)
{
	struct replay *r = ctx;
	struct ef_error err = { 0 };
	struct elf_image *image;

	if (memfs_lookup(&r->machine.memfs, path) != NULL) {
		*error = ENOEXEC;
		return NULL;
	}
	image = open_image(r, path, &err);
	if (image != NULL)
		return image;
	*error = err.kind == ELF_IMAGE_ERR_NO_FILE ? ENOENT
		 : err.kind == ELF_IMAGE_ERR_DIRECTORY ||
		   err.kind == ELF_IMAGE_ERR_NOT_REGULAR ? EACCES
		 : err.kind == ELF_IMAGE_ERR_IO ||
		   err.kind == REPLAY_ERR_FILE ? (err.sys_errno ? err.sys_errno
								: EIO)
		 : err.kind == ELF_IMAGE_ERR_NOMEM || err.kind == REPLAY_ERR_HOST
		 ? ENOMEM : ENOEXEC;
	return NULL;
}

/* Where A's system call runs: the replay's machine and host files, its
 * kernel accesses made through U. */
static struct sys_context sys_context_of(struct replay *r, struct actor *a,
					 const struct uaccess *u)
{
	return (struct sys_context){ &r->machine, a->process, u, lookup_path,
				     exec_image_of, r, &r->access,
				     resolve_path };
}

/* The process switched to returns to user mode (a fork's child for the
 * first time), unless it sleeps in a call, which it makes again: the
 * kernel's work on the way (sys_return_to_user(): rseq's update), its
 * faults this step's. */
static int switch_return(struct replay *r, struct actor *a,
			 struct replay_outcome *out, struct script_mark at,
			 struct ef_error *err)
{
	struct kernel_accessor c = { .r = r, .a = a, .out = out, .at = at,
				     .err = err };
	const struct uaccess u = { kernel_access, &c, 7 };
	const struct sys_context sc = sys_context_of(r, a, &u);
	struct sys_result res;

	if (!a->process->alive || a->process->stopped ||
	    a->process->call_sleeps)
		return 0;
	if (sys_return_to_user(&sc, &res, err) != 0)
		return c.failed ? -1 : machine_error(err, at);
	out->ended = res.ended;
	return 0;
}

/* A call's number: its name (sys_number()) or a number. */
static int call_number(const char *text, uint32_t *nr)
{
	uint64_t n;

	if (sys_number(text, nr))
		return 0;
	if (!number_parse(text, UINT32_MAX, &n))
		return -1;
	*nr = (uint32_t)n;
	return 0;
}

/* The args: of a syscall: step, each a number (negative ones too: -100
 * for AT_FDCWD) or an address expression, into OUT. */
static int call_args(struct replay *r, struct actor *a,
		     const struct script_step *step, struct replay_outcome *out,
		     struct ef_error *err)
{
	const struct script_field *f = script_field(step, "args", false);

	for (unsigned i = 0; f != NULL && i < f->value_count; i++) {
		const char *text = script_field_text(step, f, i);
		struct script_mark at = step->values[f->first_value + i].mark;
		uint64_t n;

		if (i == 6)
			return script_error(err, at, "syscall: at most six "
					    "args (ebx, ecx, edx, esi, edi, ebp)");
		if (text[0] == '-' && number_parse(text + 1, 0x80000000u, &n))
			out->sys_args[i] = (uint32_t)-n;
		else if (resolve_address(r, a, text, at, 0, &out->sys_args[i],
					 err) != 0)
			return -1;
		out->sys_arg_count = i + 1;
	}
	return 0;
}

/* What the call RES did, into OUT. */
static void int80_outcome(struct replay *r, struct actor *a,
			  const struct sys_result *res,
			  struct replay_outcome *out)
{
	snprintf(out->sys_path, sizeof out->sys_path, "%s", res->path);
	out->sys_not_modelled = res->not_modelled;
	out->woke = res->woke;
	if (res->has_rw) {
		out->address = out->sys_args[1];
		out->count = res->rw.count;
		out->copied = res->rw.copied;
		out->refused = res->rw.refused;
		out->data_len = res->rw.data_len;
		memcpy(out->data, res->rw.data, res->rw.data_len);
	}
	if (res->image != NULL)		/* execve: its symbols are the new
					 * program's */
		a->image = res->image;
	out->ended = res->ended;
	if (res->dead || res->ended)
		return;		/* an Oops, an exit: the call never returned */
	out->has_result = true;
	/* eax: -errno for -4095 to -1 (IS_ERR_VALUE), else an unsigned
	 * value - mmap2's address above 2 GiB is no negative number */
	out->error = res->value < 0 && res->value >= -4095 ? -res->value : 0;
	out->result = out->error ? res->value : (int64_t)(uint32_t)res->value;
	r->has_last_result = true;
	r->last_result = out->result;
}

/* sysenter: ADDRESS - the call came through the vDSO's sysenter, and
 * do_fast_syscall_32() reads its sixth argument with get_user() from
 * ADDRESS, the user's stack pointer (EBP at sysenter); a failed read is
 * EFAULT, the call not made.  Returns 0 (OUT->sysenter set, or
 * OUT->has_result for the EFAULT), -1 with ERR for the script's error,
 * or -2 for the access's. */
static int sysenter_arg(struct replay *r, struct actor *a,
			const struct script_step *step, const struct uaccess *u,
			struct replay_outcome *out, struct ef_error *err)
{
	const char *text;
	struct script_mark at;
	bool failed = false;
	int rc;

	if (scalar(step, "sysenter", false, &text, &at, err) != 0)
		return -1;
	if (text == NULL)
		return 0;
	if (out->sys_arg_count > 5)
		return script_error(err, at, "sysenter: the sixth argument is "
				    "read from the stack: at most five args");
	if (resolve_address(r, a, text, at, 4, &out->sysenter_sp, err) != 0)
		return -1;
	rc = uaccess_get_user(u, out->sysenter_sp, &out->sys_args[5],
			      (uint32_t)a->process->mm.target->task_size,
			      &failed);
	if (rc < 0)
		return -2;
	out->sysenter = true;
	out->sys_arg_count = 6;
	if (failed) {		/* "User code screwed up." */
		out->has_result = true;
		out->error = EFAULT;
		out->result = -EFAULT;
	}
	return 0;
}

/* trap: NAME (#DE, #UD, #GP...) with eip: - a user instruction trapped
 * (traps.h); no handler runs, so the trap's signal kills the process. */
static int run_trap(struct replay *r, struct actor *a,
		    enum replay_action action, const struct script_step *step,
		    struct replay_outcome *out, struct ef_error *err)
{
	const struct trap_facts *trap;
	const char *name;
	struct script_mark at;
	uint64_t eip;

	(void)action;
	if (scalar(step, "trap", false, &name, &at, err) != 0 ||
	    number_of(step, "eip", 0, UINT32_MAX, 0, &eip, err) != 0)
		return -1;
	trap = trap_by_name(name);
	if (trap == NULL)
		return script_error(err, at, "trap: %s is none of #DE, #DB, "
				    "#BP, #OF, #BR, #UD, #NM, #TS, #NP, #SS, "
				    "#GP, #MF, #AC, #XM", name);
	out->trap = trap->vector;
	out->trap_signal = trap->signo;
	out->eip = (uint32_t)eip;
	out->killed = true;
	process_end(&r->machine, a->process, trap->signo);
	return 0;
}

/* syscall: NAME or NUMBER with args: [...] - int $0x80 with eax = the
 * number and ebx, ecx, edx, esi, edi, ebp = the args (sysenter: the
 * sixth from the stack). */
static int run_int80(struct replay *r, struct actor *a,
		     enum replay_action action, const struct script_step *step,
		     struct replay_outcome *out, struct ef_error *err)
{
	struct kernel_accessor c = { .r = r, .a = a, .out = out, .err = err };
	const struct uaccess u = { kernel_access, &c, 7 };
	const struct sys_context sc = sys_context_of(r, a, &u);
	struct sys_result res;
	const char *name;
	int rc;

	if (scalar(step, "syscall", false, &name, &c.at, err) != 0 ||
	    call_args(r, a, step, out, err) != 0)
		return -1;
	if (call_number(name, &out->sys_nr) != 0)
		return script_error(err, c.at, "syscall: %s is no call elfault "
				    "models, nor a number", name);
	rc = sysenter_arg(r, a, step, &u, out, err);
	if (rc != 0)
		return rc == -1 || c.failed ? -1 : machine_error(err, c.at);
	if (out->has_result) {	/* its sixth argument could not be read */
		r->has_last_result = true;
		r->last_result = out->result;
		return 0;
	}
	if (sys_call(&sc, out->sys_nr, out->sys_args, &res, err) != 0)
		return c.failed ? -1 : machine_error(err, c.at);
	if (res.would_block && r->calls_sleep) {
		out->would_block = true;
		return 0;
	}
	if (res.would_block && out->sys_nr != SYS_WAIT4 &&
	    out->sys_nr != SYS_WAITPID)
		return script_error(err, c.at, "syscall: %s would sleep: its "
				    "pipe is empty or full (make the other "
				    "end's call first, or use O_NONBLOCK)",
				    name);
	if (res.would_block)
		return script_error(err, c.at, "syscall: %s would sleep: no "
				    "child of pid %d has ended (end one first, "
				    "or pass WNOHANG)", name, a->process->pid);
	int80_outcome(r, a, &res, out);
	return 0;
}

/* kernel-read:, kernel-write: ADDRESS with size:, value:, eip: (a number,
 * a modelled routine's NAME+OFFSET, or any name for the Oops) and
 * context: process or interrupt - the kernel touching memory outside its
 * copy routines, as a bug does. */
static int run_kernel_access(struct replay *r, struct actor *a,
			     enum replay_action action,
			     const struct script_step *step,
			     struct replay_outcome *out, struct ef_error *err)
{
	struct kernel_accessor c = { .r = r, .a = a, .out = out, .err = err };
	const char *text, *eip_text, *context;
	struct script_mark context_at;
	uint64_t size, value;
	uint8_t buf[8] = { 0 };
	int rc;

	if (scalar(step, step_kinds[action].name, false, &text, &c.at, err) != 0 ||
	    number_of(step, "size", 1, 8, 4, &size, err) != 0 ||
	    number_of(step, "value", 0, UINT64_MAX, 0, &value, err) != 0 ||
	    scalar(step, "eip", false, &eip_text, NULL, err) != 0 ||
	    scalar(step, "context", false, &context, &context_at, err) != 0 ||
	    value_fits(step, value, size, err) != 0)
		return -1;
	if (context != NULL && strcmp(context, "process") != 0 &&
	    strcmp(context, "interrupt") != 0)
		return script_error(err, context_at, "context: process or "
				    "interrupt, not %s", context);
	c.k.in_interrupt = context != NULL && strcmp(context, "interrupt") == 0;
	out->eip = KTEXT_UNNAMED;
	if (eip_text != NULL && !kernel_text_lookup(eip_text, &out->eip))
		c.k.eip_name = eip_text;	/* a routine elfault does not model */
	out->in_interrupt = c.k.in_interrupt;
	name_eip(out->eip, c.k.eip_name, out->eip_name, sizeof out->eip_name);
	out->type = action == REPLAY_KERNEL_READ ? MMU_READ : MMU_WRITE;
	out->size = (unsigned)size;
	if (resolve_address(r, a, text, c.at, out->size, &out->address, err) != 0)
		return -1;
	store_little_endian(buf, out->size, value);
	rc = access_until_done(r, a, out->type, out->address, out->size, buf,
			       out->eip, &c.k, out, c.at, err);
	if (rc < 0)
		return -1;
	if (rc == ATTEMPT_DONE && out->type == MMU_READ) {
		out->has_value = true;
		out->value = little_endian(buf, out->size);
	}
	return 0;
}

/* ---- seeing the state ------------------------------------------------------ */

/* The parts show: names: one, a list, or none for all of them. */
static int show_parts(const struct script_step *step, unsigned *parts,
		      struct ef_error *err)
{
	const struct script_field *f = script_field(step, "show", false);

	*parts = 0;
	for (unsigned i = 0; f != NULL && i < f->value_count; i++) {
		const char *name = script_field_text(step, f, i);
		unsigned part = view_part_of(name);

		if (*name == '\0' && f->value_count == 1)
			break;
		if (part == 0)
			return script_error(err,
					    step->values[f->first_value + i].mark,
					    "show: vmas, page-table, entries, "
					    "frames or all, not %s", name);
		*parts |= part;
	}
	if (*parts == 0)
		*parts = VIEW_ALL;
	return 0;
}

static int take_view(struct replay *r, struct process *p, unsigned parts,
		     struct replay_outcome *out, struct script_mark at,
		     struct ef_error *err)
{
	if (view_take(&r->view, &r->machine, p, parts, err) != 0)
		return error_at(err, REPLAY_ERR_HOST, at);
	out->view = &r->view;
	return 0;
}

/* show: [PARTS] with of: LABEL (the running process by default): a view
 * of its memory and of the machine's frames. */
static int run_show(struct replay *r, struct actor *current,
		    enum replay_action action, const struct script_step *step,
		    struct replay_outcome *out, struct ef_error *err)
{
	const char *name;
	struct script_mark at;
	struct actor *a = current;
	unsigned parts;

	if (show_parts(step, &parts, err) != 0 ||
	    scalar(step, "of", false, &name, &at, err) != 0)
		return -1;
	if (name != NULL && (a = find_actor(r, name)) == NULL)
		return script_error(err, at, "show: no running process %s",
				    name);
	if (a != NULL)
		set_label(out, a);
	return take_view(r, a ? a->process : NULL, parts, out, step->mark,
			 err);
}

struct machine *replay_machine_for_cpu(struct replay *r)
{
	return r->have_machine ? &r->machine : NULL;
}

struct process *replay_current(struct replay *r)
{
	return r->have_machine ? r->machine.current : NULL;
}

void replay_let_calls_sleep(struct replay *r, bool on)
{
	r->calls_sleep = on;
}

void replay_send_terminal(struct replay *r, const struct terminal_output *to)
{
	r->terminal = *to;
	if (r->have_machine)
		r->machine.terminal = *to;
}

void replay_show_each(struct replay *r, unsigned parts)
{
	r->show_each = parts;
}

void replay_collect_resident(struct replay *r, bool on)
{
	r->collect_resident = on;
}

/* P's present user pages (below PAGE_OFFSET), walked from its page
 * directory, into OUT. */
static void take_resident(struct replay *r, const struct process *p,
			  struct replay_outcome *out)
{
	struct phys_mem *mem = &r->machine.mem;
	pte_t pgd[PTRS_PER_TABLE], table[PTRS_PER_TABLE];

	if (!phys_read_words(mem, p->pgd >> PAGE_SHIFT, pgd))
		return;
	for (uint32_t i = 0; i < pde_index(PAGE_OFFSET); i++) {
		if (!pte_present(pgd[i]) || (pgd[i] & PTE_PS) ||
		    !phys_read_words(mem, pte_pfn(pgd[i]), table))
			continue;
		for (uint32_t j = 0; j < PTRS_PER_TABLE; j++) {
			if (!pte_maps_frame(table[j]))	/* PROT_NONE too */
				continue;
			if (out->resident_count < REPLAY_RESIDENT_SHOWN)
				out->resident[out->resident_count] =
					i << (PGDIR_SHIFT - PAGE_SHIFT) | j;
			out->resident_count++;
		}
	}
}

int replay_view(struct replay *r, int pid, unsigned parts, struct view *v,
		struct ef_error *err)
{
	struct actor *a = pid ? actor_of(r, pid) : NULL;

	if (!r->have_machine)
		return 0;
	if (view_take(v, &r->machine, a ? a->process : NULL, parts, err) != 0)
		return ef_error_set(err, REPLAY_ERR_HOST, ENOMEM,
				    "out of memory");
	return 0;
}

/* ---- expectations ----------------------------------------------------------- */

static void mismatch(struct replay_outcome *out, const struct script_field *f,
		     const char *expected, const char *actual)
{
	struct replay_mismatch *m;

	if (out->mismatch_count == REPLAY_MAX_MISMATCHES)
		return;
	m = &out->mismatches[out->mismatch_count++];
	snprintf(m->key, sizeof m->key, "%s", f->key);
	snprintf(m->expected, sizeof m->expected, "%s", expected);
	snprintf(m->actual, sizeof m->actual, "%s", actual);
	m->mark = f->mark;
}

static const struct replay_fault *last_fault(const struct replay_outcome *out)
{
	return out->fault_count ? &out->faults[out->fault_count - 1] : NULL;
}

/* swap-slot: the slot of the step's last swap fault, else of its last
 * swap-out. */
static void actual_swap_slot(const struct replay_outcome *out,
			     const struct process *p, char *buf, size_t size)
{
	for (unsigned i = out->fault_count; i-- > 0;)
		if (out->faults[i].result.swap_offset != 0) {
			snprintf(buf, size, "%u", out->faults[i].result.swap_offset);
			return;
		}
	for (unsigned i = out->reclaim_count; i-- > 0;)
		if (out->reclaims[i].swap_offset != 0) {
			snprintf(buf, size, "%u", out->reclaims[i].swap_offset);
			return;
		}
}

/* oom-kill: the pid the OOM killer chose in the step. */
static void actual_oom_kill(const struct replay_outcome *out,
			    const struct process *p, char *buf, size_t size)
{
	for (unsigned i = 0; i < out->reclaim_count; i++)
		if (out->reclaims[i].action == RECLAIM_OOM_KILL) {
			snprintf(buf, size, "%d", out->reclaims[i].pid);
			return;
		}
}

/* A /proc/vmstat counter after the step, by its name there. */
static void vmstat_text(const struct vmstat *v, const char *key, char *buf,
			size_t size)
{
	uint64_t value;

	if (vmstat_lookup(v, key, &value))
		snprintf(buf, size, "%" PRIu64, value);
}

/* The actual value of a scalar expectation, as text, into BUF (which
 * holds "none" already): one function a key. */
typedef void actual_value(const struct replay_outcome *out,
			  const struct process *p, char *buf, size_t size);

/* Whether the step's last fault killed its process with a signal. */
static const struct replay_fault *signalled(const struct replay_outcome *out)
{
	return out->killed ? last_fault(out) : NULL;
}

static void actual_walk(const struct replay_outcome *out,
			const struct process *p, char *buf, size_t size)
{
	const struct replay_fault *f = last_fault(out);
	char walk[REPLAY_WALK_NAME_SIZE];

	if (f)
		snprintf(buf, size, "%s", replay_walk_name(&f->hw, walk));
}

static void actual_error_code(const struct replay_outcome *out,
			      const struct process *p, char *buf, size_t size)
{
	const struct replay_fault *f = last_fault(out);

	if (f)
		snprintf(buf, size, "%#x", f->hw.error_code);
}

static void actual_signal(const struct replay_outcome *out,
			  const struct process *p, char *buf, size_t size)
{
	const struct replay_fault *f = signalled(out);

	snprintf(buf, size, "%s", out->oom_killed ? "SIGKILL" : !f ? "none"
		 : fault_kind_facts(f->result.kind)->signal);
}

static void actual_code(const struct replay_outcome *out,
			const struct process *p, char *buf, size_t size)
{
	const struct replay_fault *f = signalled(out);

	snprintf(buf, size, "%s", !f || out->oom_killed ||
		 f->result.kind == FAULT_OOPS ? "none"
		 : replay_si_code_name(f->result.kind, f->result.si_code));
}

static void actual_oops(const struct replay_outcome *out,
			const struct process *p, char *buf, size_t size)
{
	snprintf(buf, size, "%s", out->oops[0] != '\0' && out->killed
		 ? "true" : "false");
}

static void actual_panic(const struct replay_outcome *out,
			 const struct process *p, char *buf, size_t size)
{
	snprintf(buf, size, "%s", out->panicked ? "true" : "false");
}

static void actual_major(const struct replay_outcome *out,
			 const struct process *p, char *buf, size_t size)
{
	bool major = false;

	for (unsigned i = 0; i < out->fault_count; i++)
		major |= out->faults[i].result.major;
	snprintf(buf, size, "%s", major ? "true" : "false");
}

static void actual_value_read(const struct replay_outcome *out,
			      const struct process *p, char *buf, size_t size)
{
	if (out->has_value)
		snprintf(buf, size, "%#" PRIx64, out->value);
}

static void actual_result(const struct replay_outcome *out,
			  const struct process *p, char *buf, size_t size)
{
	if (out->has_result && out->error)
		snprintf(buf, size, "%s", strerrorname_np(out->error));
	else if (out->has_result)
		snprintf(buf, size, "%#" PRIx64, (uint64_t)out->result);
}

static void actual_pid(const struct replay_outcome *out,
		       const struct process *p, char *buf, size_t size)
{
	snprintf(buf, size, "%d", out->new_pid ? out->new_pid : out->pid);
}

static void actual_minflt(const struct replay_outcome *out,
			  const struct process *p, char *buf, size_t size)
{
	if (p)
		snprintf(buf, size, "%" PRIu64, p->minflt);
}

static void actual_majflt(const struct replay_outcome *out,
			  const struct process *p, char *buf, size_t size)
{
	if (p)
		snprintf(buf, size, "%" PRIu64, p->majflt);
}

/* Two values agree: as numbers when both are, else as text. */
static bool same_value(const char *expected, const char *actual)
{
	uint64_t a, b;

	if (number_parse(expected, UINT64_MAX, &a) &&
	    number_parse(actual, UINT64_MAX, &b))
		return a == b;
	return strcasecmp(expected, actual) == 0;
}

/* An item of a list: as same_value(), a modelled kernel routine's
 * NAME+OFFSET standing for its address. */
static bool same_item(const char *expected, const char *actual)
{
	uint64_t n;
	uint32_t eip;
	char number[16];

	if (!number_parse(expected, UINT64_MAX, &n) &&
	    kernel_text_lookup(expected, &eip)) {
		snprintf(number, sizeof number, "%#x", eip);
		expected = number;
	}
	return same_value(expected, actual);
}

/* The name of the Ith fault's kind, or of the Ith reclaim action. */
/* Item I of a list the step produced, as text into BUF. */
typedef void item_at(const struct replay_outcome *out, unsigned i, char *buf,
		     size_t size);

static void fault_kind_at(const struct replay_outcome *out, unsigned i,
			  char *buf, size_t size)
{
	snprintf(buf, size, "%s", fault_kind_facts(out->faults[i].result.kind)->name);
}

/* A fault's EIP (expected values may name a modelled kernel routine's
 * instruction: same_item()). */
static void fault_eip_at(const struct replay_outcome *out, unsigned i,
			 char *buf, size_t size)
{
	snprintf(buf, size, "0x%08" PRIx32, out->faults[i].eip);
}

static void operand_value_at(const struct replay_outcome *out, unsigned i,
			     char *buf, size_t size)
{
	snprintf(buf, size, "%#" PRIx64, out->operand_values[i]);
}

static void reclaim_action_at(const struct replay_outcome *out, unsigned i,
			      char *buf, size_t size)
{
	snprintf(buf, size, "%s", reclaim_action_name(out->reclaims[i].action));
}

/* The fault: and reclaim: expectations - the names in order (any case),
 * or none (also written []); the step had COUNT, NAME_AT gives each. */
static bool same_item(const char *expected, const char *actual);

/* A list expectation: as many items as the step produced, in order, each
 * the same (same_item()). */
static void check_name_list(const struct script_step *step,
			    const struct script_field *f,
			    struct replay_outcome *out, unsigned count,
			    item_at *name_at)
{
	char expected[256], actual[256];
	unsigned want = f->value_count;
	struct text e, a;
	bool same;

	if (want == 1 && strcasecmp(script_field_text(step, f, 0), "none") == 0)
		want = 0;
	same = want == count;
	/* both lists cut at 255 bytes, "..." at the end */
	text_init(&e, expected, sizeof expected);
	text_str(&e, f->value_count ? "" : "none");
	for (unsigned i = 0; i < f->value_count; i++) {
		text_str(&e, i ? ", " : "");
		text_str(&e, script_field_text(step, f, i));
	}
	text_mark_cut(&e);
	text_init(&a, actual, sizeof actual);
	text_str(&a, count ? "" : "none");
	for (unsigned i = 0; i < count; i++) {
		char name[64];

		name_at(out, i, name, sizeof name);
		if (same && !same_item(script_field_text(step, f, i), name))
			same = false;
		text_str(&a, i ? ", " : "");
		text_str(&a, name);
	}
	text_mark_cut(&a);
	if (!same)
		mismatch(out, f, expected, actual);
}

const char *replay_vma_name(const struct mm *mm, const struct vma *v)
{
	const char *name = maps_vma_name(mm, v);
	/* a host file by its last component; shmem's name is the kernel's */
	bool host_file = name && name[0] == '/' &&
			 !(v->kind == VMA_KIND_FILE && v->file->shmem);

	return host_file ? strrchr(name, '/') + 1 : name;
}

void replay_format_vma(const struct mm *mm, const struct vma *v, char *buf,
		       size_t size)
{
	const char *base = replay_vma_name(mm, v);
	char perms[5];
	struct text t;

	maps_vma_perms(v->flags, perms);
	text_init(&t, buf, size);
	text_hex_digits(&t, v->start, 8);
	text_char(&t, '-');
	text_hex_digits(&t, v->end, 8);
	text_char(&t, ' ');
	text_str(&t, perms);
	if (base != NULL) {
		text_char(&t, ' ');
		text_str(&t, base);
	}
}

/* The VMAs, one "START-END PERMS NAME" line each (replay_format_vma()). */
static void check_vmas(const struct script_step *step,
		       const struct script_field *f, const struct process *p,
		       struct replay_outcome *out)
{
	const struct vma_set *set = &p->mm.vmas;

	for (unsigned i = 0; i < f->value_count || i < set->count; i++) {
		char actual[256] = "none";
		const char *expected = i < f->value_count
				       ? script_field_text(step, f, i) : "none";

		if (i < set->count)
			replay_format_vma(&p->mm, &set->vmas[i], actual,
					  sizeof actual);
		if (strcmp(expected, actual) != 0) {
			mismatch(out, f, expected, actual);
			return;
		}
	}
}

/* The data: expectation - the first bytes the call moved, as the
 * script's string spells them (at most REPLAY_DATA_MAX are kept). */
static void check_data(const struct script_step *step,
		       const struct script_field *f, struct replay_outcome *out)
{
	const char *expected = script_field_text(step, f, 0);
	char want[256], got[256];

	if (strlen(expected) <= out->data_len &&
	    memcmp(expected, out->data, strlen(expected)) == 0)
		return;
	replay_escape((const uint8_t *)expected, strlen(expected), want,
		      sizeof want);
	replay_escape(out->data, out->data_len, got, sizeof got);
	mismatch(out, f, want, got);
}

/* An expectation whose value is a list: fault:, reclaim:, vmas:, and
 * data: (a string, checked as bytes). */
typedef int list_check(struct replay *r, const struct script_step *step,
		       const struct script_field *f, const struct process *p,
		       struct replay_outcome *out, struct ef_error *err);

static int check_faults(struct replay *r, const struct script_step *step,
			const struct script_field *f, const struct process *p,
			struct replay_outcome *out, struct ef_error *err)
{
	check_name_list(step, f, out, out->fault_count,
			strcmp(f->key, "eip") == 0 ? fault_eip_at
			: fault_kind_at);
	return 0;
}

/* operand-values: what an instruction's read operands read. */
static int check_operands(struct replay *r, const struct script_step *step,
			  const struct script_field *f,
			  const struct process *p, struct replay_outcome *out,
			  struct ef_error *err)
{
	if (out->action != REPLAY_INSTRUCTION)
		return script_error(err, f->mark, "operand-values: only for "
				    "an instruction");
	check_name_list(step, f, out, out->operands_read, operand_value_at);
	return 0;
}

/* cr2: each fault's address, the expected ones address expressions. */
static int check_cr2(struct replay *r, const struct script_step *step,
		     const struct script_field *f, const struct process *p,
		     struct replay_outcome *out, struct ef_error *err)
{
	struct actor *a = p ? actor_of(r, p->pid) : NULL;
	char expected[256], actual[256];
	struct text want, got;
	unsigned want_count = f->value_count;
	bool same;

	if (want_count == 1 &&
	    strcasecmp(script_field_text(step, f, 0), "none") == 0)
		want_count = 0;
	same = want_count == out->fault_count;
	text_init(&want, expected, sizeof expected);
	text_init(&got, actual, sizeof actual);
	for (unsigned i = 0; i < want_count; i++) {
		const char *text = script_field_text(step, f, i);
		uint32_t address;

		if (a == NULL)
			return script_error(err, f->mark, "cr2: no process");
		if (resolve_address(r, a, text,
				    step->values[f->first_value + i].mark, 0,
				    &address, err) != 0)
			return -1;
		text_printf(&want, "%s0x%08" PRIx32, i ? ", " : "", address);
		if (i < out->fault_count && out->faults[i].hw.cr2 != address)
			same = false;
	}
	for (unsigned i = 0; i < out->fault_count; i++)
		text_printf(&got, "%s0x%08" PRIx32, i ? ", " : "",
			    out->faults[i].hw.cr2);
	if (!same)
		mismatch(out, f, want_count ? expected : "none",
			 out->fault_count ? actual : "none");
	return 0;
}

static int check_reclaims(struct replay *r, const struct script_step *step,
			const struct script_field *f, const struct process *p,
			struct replay_outcome *out, struct ef_error *err)
{
	check_name_list(step, f, out, out->reclaim_count, reclaim_action_at);
	return 0;
}

static int check_vmas_of(struct replay *r, const struct script_step *step,
			const struct script_field *f, const struct process *p,
			struct replay_outcome *out, struct ef_error *err)
{
	if (p != NULL)
		check_vmas(step, f, p, out);
	return 0;
}

static int check_data_of(struct replay *r, const struct script_step *step,
			const struct script_field *f, const struct process *p,
			struct replay_outcome *out, struct ef_error *err)
{
	check_data(step, f, out);
	return 0;
}

/* What the page at ADDRESS of P is now: "absent" (no PTE maps a frame),
 * "shared" (its frame is mapped by another PTE too, or is the zero
 * page), or "private"; *PFN the frame. */
static const char *residency(struct replay *r, const struct process *p,
			     uint32_t address, uint32_t *pfn)
{
	pte_t pte = process_get_pte(&r->machine, (struct process *)p, address);
	const struct frame_info *info;

	if (!pte_present(pte))
		return "absent";
	*pfn = pte_pfn(pte);
	info = phys_frame(&r->machine.mem, *pfn);
	return info->kind == FRAME_ZERO || info->mapcount > 1 ? "shared"
							       : "private";
}

/* present:, absent:, shared:, private: - the pages at the listed
 * addresses of the acting process after the step. */
static int check_residency(struct replay *r, const struct script_step *step,
			   const struct script_field *f,
			   const struct process *p, struct replay_outcome *out,
			   struct ef_error *err)
{
	char expected[256], actual[256];
	struct text want, got;
	bool holds = true;
	struct actor *a = p ? actor_of(r, p->pid) : NULL;

	text_init(&want, expected, sizeof expected);
	text_init(&got, actual, sizeof actual);
	for (unsigned i = 0; i < f->value_count; i++) {
		const char *text = script_field_text(step, f, i);
		uint32_t address, pfn = 0;
		const char *state;

		if (a == NULL)
			return script_error(err, f->mark, "%s: no process to "
					    "look at", f->key);
		if (resolve_address(r, a, text,
				    step->values[f->first_value + i].mark, 0,
				    &address, err) != 0)
			return -1;
		state = p->alive ? residency(r, p, address, &pfn) : "absent";
		if (strcmp(f->key, "present") == 0 ? strcmp(state, "absent") == 0
		    : strcmp(state, f->key) != 0)
			holds = false;
		text_printf(&want, "%s%s %s", i ? ", " : "", text, f->key);
		text_printf(&got, "%s%s %s", i ? ", " : "", text, state);
	}
	if (!holds)
		mismatch(out, f, expected, actual);
	return 0;
}

/* frame: the frame that backs the step's address afterwards. */
static int check_frame(struct replay *r, const struct script_step *step,
		       const struct script_field *f, const struct process *p,
		       struct replay_outcome *out, struct ef_error *err)
{
	uint32_t pfn = 0;
	char actual[32] = "none";

	if (out->size == 0)
		return script_error(err, f->mark, "frame: only for a step "
				    "that accesses memory");
	if (p != NULL && p->alive &&
	    strcmp(residency(r, p, out->address, &pfn), "absent") != 0)
		snprintf(actual, sizeof actual, "%#x", pfn);
	if (!same_value(script_field_text(step, f, 0), actual))
		mismatch(out, f, script_field_text(step, f, 0), actual);
	return 0;
}

/* An expect: key: whether it takes a list, and how it is checked - by
 * its own function, or by comparing one value with the actual one (as
 * numbers when both are, else as text, any case).  A new expectation is
 * a row here and its function; /proc/vmstat's counters are keys too. */
struct expect_kind {
	const char *key;
	bool takes_list;
	list_check *check;	/* or: */
	actual_value *actual;
};

static const struct expect_kind expect_kinds[] = {
	{ "fault", true, check_faults, NULL },
	{ "cr2", true, check_cr2, NULL },
	{ "eip", true, check_faults, NULL },
	{ "operand-values", true, check_operands, NULL },
	{ "walk", false, NULL, actual_walk },
	{ "error-code", false, NULL, actual_error_code },
	{ "signal", false, NULL, actual_signal },
	{ "code", false, NULL, actual_code },
	{ "major", false, NULL, actual_major },
	{ "value", false, NULL, actual_value_read },
	{ "result", false, NULL, actual_result },
	{ "pid", false, NULL, actual_pid },
	{ "minflt", false, NULL, actual_minflt },
	{ "majflt", false, NULL, actual_majflt },
	{ "vmas", true, check_vmas_of, NULL },
	{ "data", false, check_data_of, NULL },
	{ "oops", false, NULL, actual_oops },
	{ "panic", false, NULL, actual_panic },
	{ "reclaim", true, check_reclaims, NULL },
	{ "swap-slot", false, NULL, actual_swap_slot },
	{ "oom-kill", false, NULL, actual_oom_kill },
	{ "present", true, check_residency, NULL },
	{ "absent", true, check_residency, NULL },
	{ "shared", true, check_residency, NULL },
	{ "private", true, check_residency, NULL },
	{ "frame", false, check_frame, NULL },
};

/* The row of expect: key KEY, or NULL (a /proc/vmstat counter, or
 * unknown). */
static const struct expect_kind *expect_kind_of(const char *key)
{
	for (size_t i = 0; i < sizeof expect_kinds / sizeof expect_kinds[0]; i++)
		if (strcmp(expect_kinds[i].key, key) == 0)
			return &expect_kinds[i];
	return NULL;
}

/* The words an expect: KEY's values are made of, into WORDS (at most
 * SIZE); 0 for a key whose values are numbers, addresses or text. */
static size_t expect_words(const char *key, const char **words, size_t size)
{
	static const char *const signals[] = { "SIGSEGV", "SIGBUS", "SIGKILL",
					       "none" };
	static const char *const codes[] = { "SEGV_MAPERR", "SEGV_ACCERR",
					     "BUS_ADRERR", "none" };
	static const char *const booleans[] = { "true", "false" };
	static const char *const walks[] = { "pde.P", "pde.W", "pde.U",
		"pde.RSVD", "pte.P", "pte.W", "pte.U", "pte.RSVD", "none" };
	const char *const *list = NULL;
	size_t n = 0;

	if (strcmp(key, "fault") == 0) {
		for (int k = FAULT_ANON_ZERO; k <= FAULT_OOM && n < size; k++)
			words[n++] = fault_kind_facts((enum fault_kind)k)->name;
		words[n++] = "none";
		return n;
	}
	if (strcmp(key, "signal") == 0)
		list = signals, n = sizeof signals / sizeof signals[0];
	else if (strcmp(key, "code") == 0)
		list = codes, n = sizeof codes / sizeof codes[0];
	else if (strcmp(key, "walk") == 0)
		list = walks, n = sizeof walks / sizeof walks[0];
	else if (strcmp(key, "major") == 0 || strcmp(key, "oops") == 0 ||
		 strcmp(key, "panic") == 0)
		list = booleans, n = sizeof booleans / sizeof booleans[0];
	n = n < size ? n : size;
	if (n != 0)
		memcpy(words, list, n * sizeof *words);
	return n;
}

/* Each value of STEP's expect: key F is one of its words (any case): a
 * typo is the script's mistake, not a failed expectation. */
static int check_expect_words(const struct script_step *step,
			      const struct script_field *f,
			      struct ef_error *err)
{
	const char *words[24], *closest;
	size_t n = expect_words(f->key, words, sizeof words / sizeof words[0]);
	char list[512];
	struct text t;

	for (unsigned i = 0; n != 0 && i < f->value_count; i++) {
		const char *value = script_field_text(step, f, i);
		size_t w = 0;

		while (w < n && strcasecmp(value, words[w]) != 0)
			w++;
		if (w < n)
			continue;
		closest = text_closest(value, words, n);
		text_init(&t, list, sizeof list);
		text_join(&t, words, n, ", ");
		if (closest != NULL)
			return script_error(err, f->mark, "%s: %s is not one of "
					    "its values (did you mean %s?): %s",
					    f->key, value, closest, list);
		return script_error(err, f->mark, "%s: %s is not one of its "
				    "values: %s", f->key, value, list);
	}
	return 0;
}

/* An expect: key: a row of expect_kinds or a /proc/vmstat counter; a
 * list only where the row takes one; words from its vocabulary. */
static int check_expect_key(const struct script_step *step,
			    const struct script_field *f, struct ef_error *err)
{
	const struct expect_kind *kind = expect_kind_of(f->key);
	const char *keys[sizeof expect_kinds / sizeof expect_kinds[0]];
	struct vmstat none = { 0 };
	const char *closest;
	uint64_t value;

	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
		keys[i] = expect_kinds[i].key;
	closest = text_closest(f->key, keys, sizeof keys / sizeof keys[0]);
	if (kind == NULL && !vmstat_lookup(&none, f->key, &value))
		return closest != NULL
		       ? script_error(err, f->mark, "unknown expectation %s "
				      "(did you mean %s?)", f->key, closest)
		       : script_error(err, f->mark, "unknown expectation %s",
				      f->key);
	if (f->is_list && (kind == NULL || !kind->takes_list))
		return script_error(err, f->mark, "%s: expected one value, "
				    "not a list", f->key);
	return check_expect_words(step, f, err);
}

/* One expectation F of STEP against the outcome.  Returns 0, or -1 with
 * ERR when the expectation itself is wrong (an address that names
 * nothing). */
static int check_expectation(struct replay *r, const struct script_step *step,
			     const struct script_field *f,
			     const struct process *p,
			     struct replay_outcome *out, struct ef_error *err)
{
	const struct expect_kind *kind = expect_kind_of(f->key);
	const char *expected = script_field_text(step, f, 0);
	char actual[256] = "none";

	if (kind != NULL && kind->check != NULL)
		return kind->check(r, step, f, p, out, err);
	if (kind != NULL)
		kind->actual(out, p, actual, sizeof actual);
	else
		vmstat_text(&out->vmstat, f->key, actual, sizeof actual);
	if (strcmp(f->key, "panic") == 0)	/* a panic the script expects */
		out->panic_expected = true;
	if (!same_value(expected, actual))
		mismatch(out, f, expected, actual);
	return 0;
}

static int check_expectations(struct replay *r, const struct script_step *step,
			      const struct process *p,
			      struct replay_outcome *out, struct ef_error *err)
{
	for (unsigned i = 0; i < step->field_count; i++)
		if (step->fields[i].in_expect &&
		    check_expectation(r, step, &step->fields[i], p, out,
				      err) != 0)
			return -1;
	return 0;
}

/* ---- a step ------------------------------------------------------------------- */

/* The OOM killer chose the running process while the step allocated for
 * it: the allocation failed, and now the process dies (SIGKILL), the
 * fault in progress, if any, ending as VM_FAULT_OOM does. */
static bool oom_killed_current(struct replay *r, struct replay_outcome *out)
{
	struct process *p = r->have_machine ? r->machine.current : NULL;

	if (p == NULL || !p->alive || !p->oom_killed)
		return false;
	if (r->open_fault != NULL)
		r->open_fault->result.kind = FAULT_OOM;
	out->killed = true;
	out->oom_killed = true;
	if (out->pid == 0)
		set_label(out, actor_of(r, p->pid));
	process_end(&r->machine, p, SIG_KILL);
	return true;
}

/* What reclaim did in the step, and the counters after it. */
static void take_reclaim_log(struct replay *r, struct replay_outcome *out)
{
	if (!r->have_machine)
		return;
	out->reclaim_count = r->machine.log.count;
	out->reclaims_lost = r->machine.log.lost;
	memcpy(out->reclaims, r->machine.log.events,
	       out->reclaim_count * sizeof out->reclaims[0]);
	reclaim_vmstat(&r->machine, &out->vmstat);
}

/* Run STEP of kind ACTION by its row of step_kinds, once what it needs
 * is there. */
static int run_kind(struct replay *r, enum replay_action action,
		    const struct script_step *step, struct replay_outcome *out,
		    struct ef_error *err)
{
	const struct step_kind *kind = &step_kinds[action];
	struct actor *a = r->have_machine ? current_actor(r) : NULL;

	if ((kind->needs == NEEDS_MACHINE && !r->have_machine) ||
	    (kind->needs == NEEDS_PROCESS && a == NULL))
		return script_error(err, step->mark, "%s: no process is running "
				    "(exec one, or switch to one)", kind->name);
	if (kind->needs == NEEDS_PROCESS)
		set_label(out, a);
	return kind->run(r, a, action, step, out, err);
}

int replay_step(struct replay *r, const struct script_step *step,
		struct replay_outcome *out, struct ef_error *err)
{
	enum replay_action action = REPLAY_MACHINE;
	struct actor *a;
	int rc;

	memset(out, 0, offsetof(struct replay_outcome, faults));
	out->oops[0] = '\0';
	r->step_out = out;
	r->open_fault = NULL;
	if (r->have_machine) {
		r->machine.log.count = 0, r->machine.log.lost = 0;
		machine_collect(&r->machine);	/* the last report is out */
	}
	out->number = step->is_machine ? 0 : ++r->step_number;
	out->mark = step->mark;
	if (step_action(step, &action, err) != 0 ||
	    check_keys(step, action, err) != 0)
		return -1;
	out->action = action;
	if (r->panicked)
		return script_error(err, step->mark, "the kernel has panicked: "
				    "no step runs after a panic");
	if (action == REPLAY_MACHINE)
		return run_machine(r, step, err);
	rc = run_kind(r, action, step, out, err);
	if (rc != 0 && !oom_killed_current(r, out))
		return -1;
	take_reclaim_log(r, out);
	if (out->new_pid != 0) {
		struct actor *made = actor_of(r, out->new_pid);

		if (out->pid == 0)
			set_label(out, made);
	}
	a = out->pid ? actor_of(r, out->pid) : NULL;
	if (a != NULL) {
		out->has_counts = true;
		out->minflt = a->process->minflt;
		out->majflt = a->process->majflt;
		if (r->collect_resident && a->process->alive)
			take_resident(r, a->process, out);
	}
	if (r->show_each != 0 && out->view == NULL && r->have_machine &&
	    take_view(r, r->machine.current, r->show_each, out, step->mark,
		      err) != 0)
		return -1;
	return check_expectations(r, step, a ? a->process : NULL, out, err);
}
