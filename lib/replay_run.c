/* replay_run.c - the step loop, its tally, silent runs and opt's first
 * pass (replay_run.h). */
#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "batch_ring.h"
#include "replay_run.h"

int replay_apply_settings(struct replay *r, const struct replay_settings *s,
			  struct ef_error *err)
{
	for (size_t i = 0; i < s->allow_read_count; i++)
		if (replay_allow_read(r, s->allow_read[i], err) != 0)
			return -1;
	if (s->has_memory)
		replay_override_memory(r, s->memory);
	if (s->has_swap)
		replay_override_swap(r, s->swap);
	if (s->has_policy)
		replay_override_policy(r, s->policy);
	replay_show_each(r, s->show_each);
	return 0;
}

enum replay_end replay_end_of(const struct ef_error *err, bool reading)
{
	if (reading)
		return err->kind == SCRIPT_ERR_NOMEM ? REPLAY_END_HOST
						     : REPLAY_END_REFUSED;
	switch (err->kind) {
	case REPLAY_ERR_MEMORY:
		return REPLAY_END_EXHAUSTED;
	case REPLAY_ERR_HOST:
		return REPLAY_END_HOST;
	default:
		return REPLAY_END_REFUSED;
	}
}

void replay_error_line(const char *script, const struct ef_error *err,
		       char *buf, size_t size)
{
	if (err->line != 0)
		snprintf(buf, size, "%s:%u:%u: %s", script, err->line,
			 err->column, err->detail);
	else
		snprintf(buf, size, "%s: %s", script, err->detail);
}

/* ---- the loop ---------------------------------------------------------- */

/* Under opt, the first pass, once the machine: settings are in (they
 * choose the policy).  Returns -1 only when elfault itself failed. */
static int prepare_future(struct replay *r, const struct replay_settings *s,
			  struct future *future, struct replay_run_result *out)
{
	struct replay_totals first;

	if (s == NULL || future == NULL || replay_policy(r) != POLICY_OPT)
		return 0;
	if (replay_record_future(s, future, &first) != 0 &&
	    first.end == REPLAY_END_HOST) {
		out->end = REPLAY_END_HOST;
		out->err = first.err;
		return -1;
	}
	replay_use_future(r, future);
	return 0;
}

/* The step's outcome counted and handed on; false when the machine
 * stopped (the kernel panicked). */
static bool step_done(const struct replay *r, const struct replay_outcome *o,
		      const struct replay_run_hooks *hooks,
		      struct replay_run_result *out)
{
	replay_tally_count(&out->tally, o);
	if (hooks != NULL && hooks->step != NULL)
		hooks->step(hooks->ctx, r, o);
	if (!o->panicked)
		return true;
	out->tally.panic_step = o->number;
	out->unexpected_panic = !o->panic_expected;
	out->panic_mark = o->mark;
	return false;
}

void replay_run(struct replay *r, struct step_queue *steps,
		const struct replay_run_hooks *hooks,
		const struct replay_settings *first_pass,
		struct future *future, struct replay_run_result *out)
{
	/* 30 KiB: a run's own (opt's first pass is a run within a run) */
	struct replay_outcome *outcome = malloc(sizeof *outcome);
	const struct script_step *step;
	bool future_ready = false; /* opt's first pass is done, if needed */
	int rc;

	memset(out, 0, sizeof *out);
	if (outcome == NULL) {
		out->end = REPLAY_END_HOST;
		ef_error_set(&out->err, REPLAY_ERR_HOST, errno, "%s",
			     strerror(errno));
		return;
	}
	while ((rc = step_queue_next(steps, &step, &out->err)) == 1) {
		if (!step->is_machine && !future_ready) {
			future_ready = true;
			if (prepare_future(r, first_pass, future, out) != 0)
				break;
		}
		if (replay_step(r, step, outcome, &out->err) != 0) {
			out->end = replay_end_of(&out->err, false);
			break;
		}
		if (!step->is_machine && !step_done(r, outcome, hooks, out))
			break;
	}
	if (rc < 0)
		out->end = replay_end_of(&out->err, true);
	free(outcome);
}

/* ---- silent runs ---------------------------------------------------------- */

struct script *replay_open_script(const struct replay_settings *s,
				  struct ef_error *err)
{
	if (s->script_text != NULL)
		return script_open_memory(s->script_text, s->script_size, err);
	return script_open(s->script, err);
}

struct replay *replay_new_for(const struct replay_settings *s,
			      struct ef_error *err)
{
	return replay_new(s->script_text != NULL ? NULL : s->script, err);
}

static void fail(struct replay_totals *out, enum replay_end end,
		 const struct ef_error *err)
{
	out->end = end;
	out->err = *err;
}

void replay_silently(const struct replay_settings *s, struct future *record,
		     struct future *future, struct replay_totals *out)
{
	struct ef_error err = { 0 };
	struct script *script = replay_open_script(s, &err);
	struct replay *r = script ? replay_new_for(s, &err) : NULL;
	struct step_queue *steps = r ? step_queue_new(script,
		batch_ring_worth_a_thread(), &err) : NULL;
	struct replay_run_result run;
	const struct machine *m;

	memset(out, 0, sizeof *out);
	if (steps == NULL) {
		fail(out, script ? REPLAY_END_HOST : REPLAY_END_REFUSED, &err);
		replay_free(r);
		script_close(script);
		return;
	}
	if (replay_apply_settings(r, s, &err) != 0) {
		fail(out, REPLAY_END_HOST, &err);
		step_queue_free(steps);
		replay_free(r);
		script_close(script);
		return;
	}
	replay_record_references(r, record);
	replay_use_future(r, future);
	replay_run(r, steps, NULL, NULL, NULL, &run);
	if (run.end != REPLAY_END_OK)
		fail(out, run.end, &run.err);
	step_queue_free(steps);
	m = replay_machine(r);
	if (m != NULL) {
		reclaim_vmstat(m, &out->vmstat);
		out->peak_frames = m->mem.peak_used;
		out->kernel_frames = m->kernel.frames_used;
		out->memory = m->mem.frame_count * PAGE_SIZE;
		out->swap = swap_bytes(&m->swap);
	}
	out->policy = replay_policy(r);
	replay_free(r);
	script_close(script);
}

int replay_record_future(const struct replay_settings *s, struct future *f,
			 struct replay_totals *out)
{
	struct replay_settings big = *s;
	struct ef_error err = { 0 };

	big.has_memory = true;
	big.memory = UINT64_C(4) << 30;
	big.has_policy = true;
	big.policy = POLICY_LRU;
	future_init(f);
	replay_silently(&big, f, NULL, out);
	if (out->end != REPLAY_END_OK)
		return -1;
	if (future_seal(f, &err) != 0) {
		fail(out, REPLAY_END_HOST, &err);
		return -1;
	}
	return 0;
}

/* ---- the table ----------------------------------------------------------- */

/* ---- the tally ------------------------------------------------------------ */

void replay_tally_count(struct replay_tally *t, const struct replay_outcome *o)
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
	if (o->oom_killed && !replay_oom_ended_fault(o))
		t->signals++;
	for (unsigned i = 0; i < o->fault_count; i++) {
		const struct fault_result *res = &o->faults[i].result;

		switch (fault_kind_facts(res->kind)->class) {
		case FAULT_CLASS_SIGNAL: case FAULT_CLASS_OOM:
			t->signals++;
			break;
		case FAULT_CLASS_FIXUP:
			t->fixups++;
			break;
		case FAULT_CLASS_OOPS:
			t->oopses++;
			break;
		case FAULT_CLASS_MAPPED:
			if (res->major)
				t->major++;
			else
				t->minor++;
			break;
		}
	}
}

bool replay_oom_ended_fault(const struct replay_outcome *o)
{
	return o->fault_count != 0 &&
	       o->faults[o->fault_count - 1].result.kind == FAULT_OOM;
}
