/* process.h - a process of the simulated machine (machine.h): its memory
 * descriptor (the VMAs exec built: exec_layout.h) and its own page
 * directory, whose user half it fills as pages are touched.
 *
 * process_exec() and process_exec_padzero() leave exactly what the
 * kernel leaves at the exec stop (checked with /proc/PID/pagemap at that
 * stop on the host): present are the stack pages exec wrote (the strings,
 * argv, envp and the auxiliary vector: copy_strings() and
 * create_elf_tables(), through get_user_pages(): no page fault) and,
 * where a .bss begins inside a writable file page, that page - a private
 * anonymous copy, made by the write fault padzero()'s clear_user() takes
 * in execve (kernel mode, error code 0x2, counted in the new process's
 * minflt).  Nothing else: not the text, not the vDSO.  The page cache
 * then holds the ELF header page and the file pages padzero() writes
 * (exec read them).
 */
#ifndef ELFAULT_PROCESS_H
#define ELFAULT_PROCESS_H

#include <stdbool.h>
#include <stdint.h>

#include "elf_image.h"
#include "error.h"
#include "exec_layout.h"
#include "files.h"
#include "machine.h"
#include "pgtable.h"
#include "tls.h"
#include "rlimit.h"
#include "signals.h"
#include "uaccess.h"

struct process {
	int pid;
	char name[16];		/* comm: the file name's last part */
	char *exe_path;		/* the path execve() was given: what
				 * /proc/PID/exe reads as, when absolute;
				 * NULL before it (or without host memory
				 * for it: the program's path then), and
				 * once the process is buried and collected */
	struct mm mm;		/* the VMAs and mm fields */
	struct files files;	/* the descriptors: 0 /dev/null, 1, 2 the output
				 * after exec; the parent's after fork */
	uint32_t pgd;		/* the page directory: the CR3 value */
	uint64_t minflt;	/* minor and major faults (getrusage) */
	uint64_t majflt;
	bool alive;
	bool started;		/* exec or fork finished: the OOM killer sees it */
	bool oom_killed;	/* the OOM killer killed it */
	int ppid;		/* fork's parent; 0 for a process exec: made */
	bool forked;		/* it forked: it may have children */
	bool zombie;		/* ended, not yet reaped by wait4() */
	int wait_status;	/* what wait4() reports: the exit code << 8,
				 * or the signal that ended it */
	struct mm **retired;	/* the mms execve() replaced: kept until the
				 * step's report is out (machine_collect()),
				 * as faults recorded in them still name
				 * their VMAs' files */
	size_t retired_count;
	bool stopped;		/* SIGSTOP'ed, not continued */
	bool stop_reported;	/* a WUNTRACED wait saw the stop */
	/* thread.tls_array: GDT entries 6 to 8 (tls.h); fork copies them,
	 * execve clears them (flush_thread()) */
	uint64_t tls[TLS_ENTRIES];
	/* What the process-state calls keep (proc_calls.h, rseq.h,
	 * signal_calls.h), where the kernel keeps it: */
	int pgid, sid;		/* process group and session; exec: made
				 * ones are in the VM's init's, 0 and 0 */
	bool session_leader;	/* signal->leader: setsid() made it one */
	bool forknoexec;	/* PF_FORKNOEXEC: forked, not yet exec'd */
	uint32_t clear_child_tid;	/* set_tid_address() */
	uint32_t robust_list;	/* set_robust_list(): the head, */
	uint32_t robust_list_len;	/* and its length (12) */
	int pdeath_signal;	/* prctl(PR_SET_PDEATHSIG) */
	int dumpable;		/* the mm's: prctl(PR_SET_DUMPABLE) */
	uint32_t rseq;		/* rseq(): the registered area, or 0 */
	uint32_t rseq_sig;	/* its abort signature */
	bool call_sleeps;	/* its last call would sleep (wait4): it
				 * returns to user mode when the call is
				 * made again and does not */
	bool rseq_resume;	/* TIF_NOTIFY_RESUME for rseq: its fields
				 * are updated before the process next
				 * returns to user mode (rseq.h) */
	struct rlimits rlim;	/* signal->rlim[] */
	struct signal_state sig;	/* sighand, blocked, pending */
};

/* exec IMAGE in a new process (pid 1, 2, ... in order): build its mm, a
 * page directory, and the pages exec itself wrote.  Returns the process
 * (owned by the machine), or NULL with ERR set (exec_layout's errors,
 * or the phys_mem error when memory runs out). */
struct process *process_exec(struct machine *m, struct elf_image *image,
			     const struct exec_args *args,
			     struct ef_error *err);

/* execve() in process P: the same pid, descriptors, limits, process
 * group and session, a task state reset as begin_new_exec() resets it
 * (no rseq area, robust list or clear_child_tid; handlers back to
 * SIG_DFL, SIG_IGN kept), a new mm that
 * exec_layout_build() makes for IMAGE - the old one freed at the point
 * of no return (begin_new_exec(): exec_mmap()), then the pages exec
 * writes, as process_exec() makes them (the caller runs
 * process_exec_padzero()).  Returns 0; or -1 with ERR - an exec error
 * before the point of no return (P unchanged), or the machine's; a
 * failure past it ends P with SIGSEGV (*KILLED, 0 returned). */
int process_execve(struct machine *m, struct process *p,
		   struct elf_image *image, const struct exec_args *args,
		   bool *killed, struct ef_error *err);

/* padzero(): clear_user() of each range exec left in P->mm.padzero, in
 * order, through U - whose accesses the caller makes on the MMU with P
 * current, faults and fixups included - as load_elf_binary() does before
 * the process runs.  What clear_user() could not zero is ignored, as
 * Debian's 6.1 elf_load() ignores it.  Returns 0, UACCESS_DEAD (an
 * access ended in an Oops), or -1 when U failed. */
int process_exec_padzero(const struct process *p, const struct uaccess *u);

/* do_exit(): P ends with WAIT_STATUS (exit code << 8, or the signal
 * number) and its memory goes (process_exit()); it stays a zombie for
 * its parent's wait4() when it was forked - unless the parent ignores
 * SIGCHLD or set SA_NOCLDWAIT (signal_autoreap()): then no one waits
 * for it.  The parent is sent SIGCHLD (signal_post(): kept pending only
 * when it has a handler for it). */
void process_end(struct machine *m, struct process *p, int wait_status);

/* release_task(): the zombie P reaped (by its parent's wait4()): it
 * leaves the machine's task list. */
void process_reap(struct machine *m, struct process *p);

/* Free the shmem objects (memfs.h) no live process maps any more: after
 * an exit or an munmap, as the last fput() of a shmem file frees it. */
void process_reap_shmem(struct machine *m);

/* fork(): a new process (the next pid) with PARENT's task state as
 * copy_process() copies it (process group, session, rlimits, signal
 * dispositions and mask, the rseq registration) and a copy of its VMAs and
 * page tables as dup_mmap()/copy_page_range() make them: for each VMA that
 * has anonymous pages, every present PTE is shared - a private writable
 * one made read-only in both (copy-on-write), the frame's map and
 * reference counts raised.  Other VMAs start empty in the child.  Returns
 * the child (owned by the machine), or NULL with ERR set (PHYS_ERR_OOM_KILLED
 * when the OOM killer chose PARENT: the caller ends it). */
struct process *process_fork(struct machine *m, struct process *parent,
			     struct ef_error *err);

/* Make P the running process: CR3 = its page directory. */
void process_switch(struct machine *m, struct process *p);

/* The PTE for ADDR in P's tables, or 0 when there is no page table. */
pte_t process_get_pte(struct machine *m, const struct process *p,
		      uint32_t addr);

/* The first address in [ADDR, END) that P has a page table for, or END.
 * A walk over a range of P's PTEs goes from one to the next, passing over
 * a page-directory entry with no table whole, as the kernel's walks do
 * (pmd_none_or_clear_bad() in zap_pmd_range(), change_pmd_range(),
 * copy_pmd_range()): it costs the tables there are, not the range's
 * length. */
uint64_t process_next_table(struct machine *m, const struct process *p,
			    uint64_t addr, uint64_t end);

/* Make sure P has the page table for ADDR (pte_alloc(): a user page
 * table, its PDE P, RW, US).  Returns 0, or -1 with ERR (no frame). */
int process_ensure_table(struct machine *m, struct process *p, uint32_t addr,
			 struct ef_error *err);

/* A new anonymous frame for ADDR of P (its VMA gets an anon_vma:
 * anon_vma_prepare()), a copy of frame *SOURCE or, for NULL, zero-filled:
 * refcount 1, mapcount 0, a new page key.  *SOURCE is pinned meanwhile,
 * since the allocation may run reclaim.  Returns 0 with *PFN set, or -1
 * with ERR set. */
int process_new_anon(struct machine *m, struct process *p, uint32_t addr,
		     const uint64_t *source, uint64_t *pfn, struct ef_error *err);

/* The page-cache page INDEX of FILE, read from the disk if not cached
 * (*READ, when not NULL, says which).  Returns 0 with *PFN set, or -1
 * with ERR set. */
int process_cached_page(struct machine *m, const struct mapped_file *file,
			uint64_t index, uint64_t *pfn, bool *read,
			struct ef_error *err);

/* Set the PTE for ADDR, allocating the page table if needed (a user page
 * table: its PDE is P, RW, US), and flush the page from the TLB when P
 * is running.  Returns 0, or -1 with ERR set (no frame). */
int process_set_pte(struct machine *m, struct process *p, uint32_t addr,
		    pte_t pte, struct ef_error *err);

/* A PTE that maps a frame: present, or made PROT_NONE by mprotect (x86
 * keeps the frame, with P clear and _PAGE_PROTNONE - the G bit - set). */
static inline bool pte_maps_frame(pte_t pte)
{
	return (pte & PTE_P) || ((pte & PTE_G) && pte_pfn(pte) != 0);
}

/* Drop one mapping's hold on frame PFN (zap_pte_range()): its map count
 * and its reference; the frame is freed when no one holds it.  The zero
 * page is never counted. */
void process_put_frame(struct machine *m, uint64_t pfn);

/* Unmap the pages of [START, END) in P's tables: clear the PTEs, drop
 * their frames, flush them from the TLB.  The page tables stay. */
void process_zap_range(struct machine *m, struct process *p, uint64_t start,
		       uint64_t end);

/* free_pgd_range() on two-level tables, once the VMAs of [START, END)
 * are gone: the page tables of [START, END) freed, but not one that
 * also covers an address below FLOOR or at or above CEILING (the end of
 * the VMA left below, the start of the one left above; 0: none above). */
void process_free_tables(struct machine *m, struct process *p,
			 uint64_t start, uint64_t end, uint64_t floor,
			 uint64_t ceiling);

/* exit_mmap(): unmap every user page (dropping the frames' map counts and
 * references), free the page tables and the directory. */
void process_exit(struct machine *m, struct process *p);

#endif
