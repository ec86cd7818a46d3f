/* replacement_test.c - each policy's victims on the standard reference
 * strings, worked by hand, and opt against an exhaustive search. */
#include <config.h>

#include "replacement.h"
#include "tap.h"

enum { MAX_PAGES = 16, MAX_REFS = 64 };

/* A toy memory: pages are frame numbers 1..MAX_PAGES-1, each mapped by
 * one PTE whose accessed bit every reference sets (the MMU's walk). */
struct toy {
	bool accessed[MAX_PAGES];
	bool resident[MAX_PAGES];
	bool pinned[MAX_PAGES];
	bool file[MAX_PAGES];
};

static unsigned toy_referenced(void *ctx, uint32_t pfn)
{
	struct toy *t = ctx;
	bool was = t->accessed[pfn];

	t->accessed[pfn] = false;
	return was;
}

static bool toy_reclaimable(void *ctx, uint32_t pfn)
{
	return !((struct toy *)ctx)->pinned[pfn];
}

static bool toy_anon_ok(void *ctx)
{
	(void)ctx;
	return true;
}

static bool toy_no(void *ctx, uint32_t pfn)
{
	(void)ctx;
	(void)pfn;
	return false;
}

/* The next use of PAGE_SIZE after position I of REFS (N long). */
static uint64_t next_use(const unsigned *refs, unsigned n, unsigned i,
			 unsigned page)
{
	for (unsigned j = i + 1; j < n; j++)
		if (refs[j] == page)
			return j;
	return REPLACEMENT_NEVER;
}

/* Run REFS (N long) with FRAMES frames under POLICY; the victims go to
 * VICTIMS.  Returns the number of faults. */
static unsigned run(enum replacement_policy policy, const unsigned *refs,
		    unsigned n, unsigned frames, unsigned *victims,
		    unsigned *victim_count)
{
	struct toy t = { 0 };
	struct replacement_ops ops = { toy_referenced, toy_reclaimable,
				       toy_anon_ok, toy_no, toy_no, &t };
	struct replacement r;
	unsigned faults = 0, resident = 0;

	*victim_count = 0;
	replacement_init(&r, policy);
	for (unsigned i = 0; i < n; i++) {
		unsigned page = refs[i];

		if (!t.resident[page]) {
			faults++;
			if (resident == frames) {
				uint32_t victim;

				if (replacement_pick(&r, &ops, &victim) != 0)
					break;
				replacement_remove(&r, victim);
				t.resident[victim] = false;
				t.accessed[victim] = false;
				victims[(*victim_count)++] = victim;
				resident--;
			}
			replacement_add(&r, page, t.file[page], NULL);
			t.resident[page] = true;
			resident++;
		}
		t.accessed[page] = true;
		replacement_accessed(&r, page);
		replacement_set_next_use(&r, page, next_use(refs, n, i, page));
	}
	replacement_release(&r);
	return faults;
}

static void check_victims(enum replacement_policy policy, const char *name,
			  const unsigned *refs, unsigned n, unsigned frames,
			  unsigned want_faults, const unsigned *want,
			  unsigned want_count)
{
	unsigned victims[MAX_REFS], count, faults;
	bool same;

	faults = run(policy, refs, n, frames, victims, &count);
	tap_eq_u64(faults, want_faults, "%s, %u frames, %s: faults",
		   replacement_policy_name(policy), frames, name);
	same = count == want_count;
	for (unsigned i = 0; same && i < count; i++)
		same = victims[i] == want[i];
	if (!tap_ok(same, "%s, %u frames, %s: victims in order",
		    replacement_policy_name(policy), frames, name)) {
		printf("#   got");
		for (unsigned i = 0; i < count; i++)
			printf(" %u", victims[i]);
		printf("\n");
	}
}

/* Silberschatz's reference string (Operating System Concepts, 9.4). */
static const unsigned textbook[] = { 7, 0, 1, 2, 0, 3, 0, 4, 2, 3, 0, 3, 2,
				     1, 2, 0, 1, 7, 0, 1 };
#define TEXTBOOK_N (sizeof textbook / sizeof textbook[0])

/* Belady, Nelson and Shedler's string: FIFO takes more faults with more
 * frames. */
static const unsigned belady[] = { 1, 2, 3, 4, 1, 2, 5, 1, 2, 3, 4, 5 };
#define BELADY_N (sizeof belady / sizeof belady[0])

static void test_textbook(void)
{
	static const unsigned fifo[] = { 7, 0, 1, 2, 3, 0, 4, 2, 3, 0, 1, 2 };
	static const unsigned lru[] = { 7, 1, 2, 3, 0, 4, 0, 3, 2 };
	static const unsigned opt[] = { 7, 1, 0, 4, 3, 2 };
	/* Second chance, every reference setting the bit, new pages behind
	 * the hand.  At 2 the hand clears 7 0 1 and comes round to take 7;
	 * at 3 it clears 0 (used again) and takes 1; at 4 it clears 2 0 3
	 * and takes 2; at 2, 0 is clear: taken; and so on. */
	static const unsigned clock[] = { 7, 1, 2, 0, 3, 4, 2, 0, 3, 1, 2 };

	check_victims(POLICY_FIFO, "textbook", textbook, TEXTBOOK_N, 3, 15,
		      fifo, 12);
	check_victims(POLICY_LRU, "textbook", textbook, TEXTBOOK_N, 3, 12,
		      lru, 9);
	check_victims(POLICY_OPT, "textbook", textbook, TEXTBOOK_N, 3, 9,
		      opt, 6);
	check_victims(POLICY_CLOCK, "textbook", textbook, TEXTBOOK_N, 3, 14,
		      clock, 11);
}

static void test_belady_anomaly(void)
{
	static const unsigned three[] = { 1, 2, 3, 4, 1, 2 };
	static const unsigned four[] = { 1, 2, 3, 4, 5, 1 };
	unsigned victims[MAX_REFS], count;

	check_victims(POLICY_FIFO, "Belady", belady, BELADY_N, 3, 9, three, 6);
	check_victims(POLICY_FIFO, "Belady", belady, BELADY_N, 4, 10, four, 6);
	tap_eq_u64(run(POLICY_LRU, belady, BELADY_N, 3, victims, &count), 10,
		   "lru, 3 frames, Belady: faults");
	tap_eq_u64(run(POLICY_LRU, belady, BELADY_N, 4, victims, &count), 8,
		   "lru, 4 frames, Belady: no anomaly (a stack algorithm)");
	tap_eq_u64(run(POLICY_OPT, belady, BELADY_N, 3, victims, &count), 7,
		   "opt, 3 frames, Belady: faults");
	tap_eq_u64(run(POLICY_OPT, belady, BELADY_N, 4, victims, &count), 6,
		   "opt, 4 frames, Belady: faults");
}

/* lru2q on 1 2 3 1 1 4 2 5 1, anonymous pages, 3 frames:
 *  4: the inactive list is 1 2 3 (oldest first), all accessed once: each
 *     is kept with PG_referenced (one PTE reference: KEEP); on the second
 *     round 1 has no PTE reference -> taken.
 *  5: 2 was accessed again and has PG_referenced -> active; 3 has only
 *     PG_referenced -> taken.
 *  1: inactive 4 5 (accessed once each, kept), then 4 -> taken. */
static void test_lru2q(void)
{
	static const unsigned refs[] = { 1, 2, 3, 1, 1, 4, 2, 5, 1 };
	static const unsigned want[] = { 1, 3, 4 };

	check_victims(POLICY_LRU2Q, "two lists", refs, 9, 3, 6, want, 3);
}

/* lru2q's two pairs share the victims 60 anonymous to 140 file
 * (get_scan_count() at swappiness 60): pages 1-6 anonymous, 7-12 file,
 * none referenced.  The ninth victim is the last file page, so the
 * tenth is anonymous although it is the file pair's turn: a pair with
 * nothing to give yields to the other. */
static void test_lru2q_pairs(void)
{
	static const char want[] = "FAFFAFFAFA";
	struct toy t = { 0 };
	struct replacement_ops ops = { toy_referenced, toy_reclaimable,
				       toy_anon_ok, toy_no, toy_no, &t };
	struct replacement r;
	char got[16] = "";
	uint32_t victim;

	replacement_init(&r, POLICY_LRU2Q);
	for (uint32_t pfn = 1; pfn <= 12; pfn++) {
		t.file[pfn] = pfn > 6;
		replacement_add(&r, pfn, t.file[pfn], NULL);
	}
	for (unsigned i = 0; i < 10 && replacement_pick(&r, &ops, &victim) == 0;
	     i++) {
		got[i] = t.file[victim] ? 'F' : 'A';
		replacement_remove(&r, victim);
	}
	tap_eq_str(got, want, "lru2q: file and anonymous victims 140:60");
	for (uint32_t pfn = 1; pfn <= 12; pfn++)
		t.pinned[pfn] = !t.file[pfn];
	replacement_add(&r, 13, true, NULL);
	t.file[13] = true;
	tap_ok(replacement_pick(&r, &ops, &victim) == 0 && victim == 13,
	       "lru2q: no anonymous page can go: a file page, whoever's turn");
	replacement_release(&r);
}

/* mark_page_accessed(): inactive -> referenced -> active. */
static void test_mark_accessed(void)
{
	struct replacement r;

	replacement_init(&r, POLICY_LRU2Q);
	replacement_add(&r, 5, true, NULL);
	replacement_mark_accessed(&r, 5);
	tap_ok(!replacement_is_active(&r, 5), "first read(): still inactive");
	replacement_mark_accessed(&r, 5);
	tap_ok(replacement_is_active(&r, 5), "second read(): active");
	tap_eq_u64(r.stats.activated, 1, "pgactivate counted");
	replacement_release(&r);
}

/* Pinned pages are passed over by every policy. */
static void test_pinned(void)
{
	for (unsigned p = 0; p < POLICY_COUNT; p++) {
		struct toy t = { 0 };
		struct replacement_ops ops = { toy_referenced, toy_reclaimable,
					       toy_anon_ok, toy_no, toy_no, &t };
		struct replacement r;
		uint32_t victim = 0;

		replacement_init(&r, (enum replacement_policy)p);
		for (uint32_t pfn = 1; pfn <= 3; pfn++)
			replacement_add(&r, pfn, false, NULL);
		t.pinned[1] = t.pinned[2] = true;
		tap_ok(replacement_pick(&r, &ops, &victim) == 0 && victim == 3,
		       "%s: the one unpinned page is taken",
		       replacement_policy_name((enum replacement_policy)p));
		t.pinned[3] = true;
		tap_ok(replacement_pick(&r, &ops, &victim) == -1,
		       "%s: nothing when every page is pinned",
		       replacement_policy_name((enum replacement_policy)p));
		replacement_release(&r);
	}
}

/* The fewest faults any choice of victims gives: try them all. */
static unsigned brute_force(const unsigned *refs, unsigned n, unsigned i,
			    unsigned frames, unsigned resident_mask)
{
	unsigned best = UINT32_MAX;

	for (; i < n; i++) {
		unsigned bit = 1u << refs[i];

		if (resident_mask & bit)
			continue;
		if ((unsigned)__builtin_popcount(resident_mask) < frames) {
			resident_mask |= bit;
			return 1 + brute_force(refs, n, i + 1, frames,
					       resident_mask);
		}
		for (unsigned v = 0; v < MAX_PAGES; v++) {
			unsigned faults;

			if (!(resident_mask & (1u << v)))
				continue;
			faults = brute_force(refs, n, i + 1, frames,
					     (resident_mask & ~(1u << v)) | bit);
			if (faults < best)
				best = faults;
		}
		return 1 + best;
	}
	return 0;
}

static void test_opt_is_optimal(void)
{
	uint32_t seed = 12345;
	unsigned worse = 0, cases = 0;

	for (unsigned c = 0; c < 200; c++) {
		unsigned refs[12], n = 8 + c % 5, frames = 2 + c % 3;
		unsigned pages = frames + 1 + c % 3, victims[MAX_REFS], count;

		for (unsigned i = 0; i < n; i++) {
			seed = seed * 1103515245u + 12345u;
			refs[i] = 1 + (seed >> 16) % pages;
		}
		if (run(POLICY_OPT, refs, n, frames, victims, &count) !=
		    brute_force(refs, n, 0, frames, 0))
			worse++;
		cases++;
	}
	tap_eq_u64(worse, 0, "opt equals the exhaustive optimum on %u random "
		   "strings (8-12 references, 2-4 frames, 3-7 pages)", cases);
}

int main(void)
{
	test_textbook();
	test_belady_anomaly();
	test_lru2q();
	test_lru2q_pairs();
	test_mark_accessed();
	test_pinned();
	test_opt_is_optimal();
	return tap_done();
}
