/* lru.h - the page lists reclaim chooses from, and the references that
 * order them.
 *
 * Every anonymous and page-cache page is on the machine's replacement
 * lists (replacement.h) from the moment its frame is handed out until it
 * is freed, as folio_add_lru() puts a new folio on an LRU list
 * (mm/swap.c).  What the lists learn of a page:
 *
 *  - an access through the MMU (the accessed bit the hardware sets, which
 *    lru's order and opt's string need for every access: only then is
 *    the MMU asked to report each one);
 *  - a read() of it (mark_page_accessed(): a reference, and promotion to
 *    the active list as the kernel's second access does);
 *  - its key, which page of the program it holds - a new anonymous page
 *    counts up, a file page is its file and index - kept through swap and
 *    re-reads: opt's future is written in keys.
 *
 * A run can record the string of keys it references (future.h), and a
 * second run of the same script can use that recording as opt's future.
 */
#ifndef ELFAULT_LRU_H
#define ELFAULT_LRU_H

#include <stdint.h>

#include "future.h"
#include "replacement.h"

struct machine;

/* Put M's anonymous and page-cache frames on lists of POLICY (lru2q
 * when the machine starts) as they come and go (machine_init() does). */
void lru_attach(struct machine *m);

/* Choose the policy: only before any page is on the lists. */
void lru_set_policy(struct machine *m, enum replacement_policy policy);

/* Write every page reference into F (a run that opt will replay), or
 * read the future from F (sealed) for opt.  F stays the caller's.  Both
 * runs must set it at the same point - before the first exec - so that
 * their reference counts agree. */
void lru_record_references(struct machine *m, struct future *f);
void lru_use_future(struct machine *m, struct future *f);

/* mark_page_accessed(): the kernel read page PFN for read().  It is a
 * reference too, for lru's order and opt's string. */
void lru_mark_accessed(struct machine *m, uint64_t pfn);

/* A new anonymous page at ADDRESS in frame PFN: its rmap address and a
 * new page key. */
void lru_new_anon(struct machine *m, uint64_t pfn, uint32_t address);

/* A page came into frame PFN from the disk or from swap (its key set):
 * opt learns when it is used next. */
void lru_page_loaded(struct machine *m, uint64_t pfn);

#endif
