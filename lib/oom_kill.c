/* oom_kill.c - oom_badness(), select_bad_process(), oom_kill_process(). */
#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "oom_kill.h"
#include "process.h"
#include "signals.h"

void oom_mm_counts(struct machine *m, const struct process *p,
		   struct mm_counts *out)
{
	memset(out, 0, sizeof *out);
	for (size_t i = 0; i < p->mm.vmas.count; i++)
		out->total_vm += (p->mm.vmas.vmas[i].end -
				  p->mm.vmas.vmas[i].start) / PAGE_SIZE;
	if (p->pgd != 0)
		out->rss = p->mm.rss;
}

/* select_bad_process(): the highest oom_badness(), the later of equals. */
static struct process *select_bad_process(struct machine *m,
					  struct oom_victim *victim)
{
	struct process *chosen = NULL;

	for (unsigned i = 0; i < m->live_count; i++) {
		struct process *p = m->live[i];
		const struct mm_rss *rss = &p->mm.rss;
		uint64_t score;

		if (!p->alive || !p->started)
			continue;
		/* oom_badness(): the mm's counters, read in O(1) */
		score = p->pgd == 0 ? 0 : rss->anon + rss->file + rss->shmem +
					 rss->swapents + rss->pgtables;
		if (chosen == NULL || score >= victim->points) {
			chosen = p;
			victim->points = score;
		}
	}
	if (chosen != NULL)	/* the report's figures: the victim's only */
		oom_mm_counts(m, chosen, &victim->counts);
	return chosen;
}

int out_of_memory(struct machine *m, struct oom_victim *victim,
		  struct ef_error *err)
{
	struct process *p;

	memset(victim, 0, sizeof *victim);
	p = select_bad_process(m, victim);
	if (p == NULL)
		return ef_error_set(err, PHYS_ERR_NO_FRAME, ENOMEM, "all %llu "
				    "frames are in use, none can be reclaimed "
				    "and no process can be killed",
				    (unsigned long long)m->mem.frame_count);
	victim->pid = p->pid;
	snprintf(victim->comm, sizeof victim->comm, "%s", p->name);
	m->stat.oom_kill++;
	p->oom_killed = true;
	if (p == m->current || p == m->allocating)
		return ef_error_set(err, PHYS_ERR_OOM_KILLED, ENOMEM, "out of "
				    "memory: the OOM killer killed process "
				    "%d (%s)", p->pid, p->name);
	process_end(m, p, SIG_KILL);
	return 0;
}
