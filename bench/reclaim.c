/* bench/reclaim.c - page replacement under memory pressure: a trace of
 * 10^6 page accesses (30 % writes) over a working set of 4096 anonymous
 * pages (16 MiB, one private mapping), replayed through mmu_access() and
 * fault_handle() with physical memory for only a quarter of the working
 * set beyond what the kernel and exec use, and swap for all of it.  The
 * trace mixes what reclaim meets in practice: a hot set (60 % of the
 * accesses, an eighth of the pages), a sequential scan looping over half
 * the pages (25 %) and uniform random accesses to any page (15 %), from a
 * fixed LCG seed, so that the policies' choices differ.
 *
 * Each policy runs in its own child process, so its peak RSS is its own
 * (the trace, 4 MB, is in every one).  opt first records the reference
 * string in a run with memory to spare, seals it (the O(n log n) sort),
 * then replays under pressure; to show the growth, opt also runs with a
 * tenth of the accesses and the time per access of the two is compared.
 * Goal (issue): every policy but opt >= 1 M accesses/s; opt O(n log n).
 * usage: bench-reclaim [A.OUT] [ACCESSES]  (default $TESTDATA/seed/a.out,
 * 1000000) */
#include <config.h>

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "elf_image.h"
#include "exec_target.h"
#include "fault.h"
#include "lru.h"
#include "future.h"
#include "mm_syscalls.h"
#include "process.h"
#include "reclaim.h"
#include "replacement.h"

enum {
	BASE = 0x40000000,		/* the region: 4 MiB aligned */
	WSET = 4096,			/* working-set pages */
	HOT = WSET / 8,			/* the hot set: pages [0, HOT) */
	LOOP = WSET / 2,		/* the scanned pages: [HOT, HOT + LOOP) */
	USER_FRAMES = WSET / 4,		/* memory for 25 % of the working set */
	SWAP_PAGES = 2 * WSET,		/* vm_swap_full() stays false */
	TABLES = (WSET + 1023) / 1024,	/* the region's page tables */
	MAX_FAULTS = 4,			/* per access: more is a bug */
};

#define RECORD_MEMORY (256ull << 20)	/* opt's recording run: no reclaim */

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* ---- the trace: page << 1 | write ----------------------------------- */

static uint32_t lcg(uint64_t *state)
{
	*state = *state * 6364136223846793005ull + 1442695040888963407ull;
	return (uint32_t)(*state >> 33);
}

static uint32_t *trace_build(long count)
{
	uint32_t *trace = malloc((size_t)count * sizeof *trace);
	uint64_t state = 42;
	uint32_t scan = 0;

	for (long i = 0; trace != NULL && i < count; i++) {
		uint32_t kind = lcg(&state) % 100, page;

		if (kind < 60)
			page = lcg(&state) % HOT;
		else if (kind < 85)
			page = HOT + scan++ % LOOP;
		else
			page = lcg(&state) % WSET;
		trace[i] = page << 1 | (lcg(&state) % 100 < 30);
	}
	return trace;
}

/* ---- a machine: the seed exec'ed, the region mapped ------------------- */

struct setup {
	struct elf_image *image;
	uint64_t memory;		/* bytes */
	enum replacement_policy policy;
	struct future *record;		/* opt's recording run */
	struct future *future;		/* opt's measured run */
};

static int map_region(struct machine *m, struct process *p,
		      struct ef_error *err)
{
	struct mm_result r;

	if (mm_mmap(m, p, BASE, WSET * 4096, MM_PROT_READ | MM_PROT_WRITE,
		    MM_MAP_PRIVATE | MM_MAP_ANONYMOUS | MM_MAP_FIXED, NULL,
		    false, 0, 0, &r, err) != 0)
		return -1;
	return r.error == 0 ? 0 : ef_error_set(err, 1, r.error, "mmap of the "
					       "region: errno %d", r.error);
}

/* The policy and the future are set before exec, so that every page is
 * on the policy's lists and opt's clock counts from the same start in
 * the recording and the replay. */
static struct process *machine_setup(struct machine *m, const struct setup *s,
				     struct ef_error *err)
{
	const char *argv[] = { "a.out" };
	struct exec_args args = { .filename = "a.out", .argv = argv,
				  .argc = 1 };
	struct process *p;

	if (machine_init(m, s->memory, exec_target_by_name("i386"), err) != 0)
		return NULL;
	lru_set_policy(m, s->policy);
	if (reclaim_set_swap(m, (SWAP_PAGES + 1) * 4096ull, err) != 0)
		goto fail;
	if (s->record != NULL)
		lru_record_references(m, s->record);
	if (s->future != NULL)
		lru_use_future(m, s->future);
	p = process_exec(m, s->image, &args, err);
	if (p == NULL)
		goto fail;
	process_switch(m, p);
	if (map_region(m, p, err) != 0)
		goto fail;
	return p;
fail:
	machine_release(m);
	return NULL;
}

/* Frames free for the region's pages once the kernel, exec and the
 * region's page tables have theirs. */
static long user_frames(const struct machine *m)
{
	return (long)(m->mem.frame_count - m->mem.used) - TABLES;
}

/* The memory that leaves USER_FRAMES for the region: the kernel's direct
 * map grows with the memory, so adjust until it fits. */
static int size_memory(struct elf_image *image, uint64_t *memory,
		       long *base, struct ef_error *err)
{
	struct setup s = { image, (USER_FRAMES + 256) * 4096ull, POLICY_LRU2Q,
			   NULL, NULL };

	for (int round = 0; round < 8; round++) {
		struct machine m;
		long spare;

		if (machine_setup(&m, &s, err) == NULL)
			return -1;
		spare = user_frames(&m);
		*base = (long)m.mem.used;
		machine_release(&m);
		if (spare == USER_FRAMES) {
			*memory = s.memory;
			return 0;
		}
		s.memory += (USER_FRAMES - spare) * 4096ll;
	}
	return ef_error_set(err, 1, 0, "no memory size leaves %d user frames",
			    USER_FRAMES);
}

/* ---- the replay ------------------------------------------------------- */

/* One access, faulted in as the CPU retries after each fault. */
static int access_page(struct machine *m, struct process *p, uint32_t addr,
		       enum mmu_access_type type, uint32_t *value,
		       struct ef_error *err)
{
	for (int faults = 0; faults <= MAX_FAULTS; faults++) {
		struct mmu_fault hw;
		struct fault_result r;
		int rc = mmu_access(&m->mmu, addr, 4, type, MMU_USER, value,
				    &hw, err);

		if (rc <= 0)
			return rc;
		if (fault_handle(m, p, &hw, 65536, &r, err) != 0)
			return -1;
		if (r.kind == FAULT_SIGSEGV || r.kind == FAULT_SIGBUS)
			return ef_error_set(err, 1, 0, "%#x: %s", addr,
					    fault_kind_facts(r.kind)->words);
	}
	return ef_error_set(err, 1, 0, "%#x still faults after %d faults",
			    addr, MAX_FAULTS);
}

static int replay(struct machine *m, struct process *p,
		  const uint32_t *trace, long count, struct ef_error *err)
{
	for (long i = 0; i < count; i++) {
		uint32_t page = trace[i] >> 1, value = (uint32_t)i;
		uint32_t addr = BASE + page * 4096 + (uint32_t)(i & 1023) * 4;

		if (access_page(m, p, addr, trace[i] & 1 ? MMU_WRITE : MMU_READ,
				&value, err) != 0)
			return -1;
	}
	if (m->stat.oom_kill != 0 || p->oom_killed)
		return ef_error_set(err, 1, 0, "the OOM killer ran");
	return 0;
}

/* ---- one policy, in a child ------------------------------------------- */

struct result {
	int failed;
	char error[sizeof ((struct ef_error *)0)->detail];
	long accesses;
	struct vmstat stat;
	uint64_t strays;		/* opt: replay left the recording */
	double record, seal, seconds;	/* seconds of each phase */
	long max_rss_kib;
};

/* opt's recording run: the same machine with memory to spare, every
 * page reference written down, then the string sorted (the n log n). */
static int record_future(struct setup *s, struct future *f,
			 const uint32_t *trace, long count, struct result *out,
			 struct ef_error *err)
{
	struct setup big = *s;
	struct machine m;
	struct process *p;
	double start = now();

	big.memory = RECORD_MEMORY;
	big.record = f;
	p = machine_setup(&m, &big, err);
	if (p == NULL)
		return -1;
	if (replay(&m, p, trace, count, err) != 0) {
		machine_release(&m);
		return -1;
	}
	machine_release(&m);
	out->record = now() - start;
	start = now();
	if (future_seal(f, err) != 0)
		return -1;
	out->seal = now() - start;
	return 0;
}

static int run_policy(struct setup *s, const uint32_t *trace, long count,
		      struct result *out, struct ef_error *err)
{
	struct future f;
	struct machine m;
	struct process *p;
	double start;
	int rc = -1;

	future_init(&f);
	if (s->policy == POLICY_OPT) {
		if (record_future(s, &f, trace, count, out, err) != 0)
			goto out;
		s->future = &f;
	}
	p = machine_setup(&m, s, err);
	if (p == NULL)
		goto out;
	start = now();
	rc = replay(&m, p, trace, count, err);
	out->seconds = now() - start;
	out->accesses = count;
	reclaim_vmstat(&m, &out->stat);
	out->strays = f.strays;
	machine_release(&m);
out:
	future_release(&f);
	return rc;
}

static void child(struct setup *s, const uint32_t *trace, long count, int fd)
{
	struct result out;
	struct ef_error err;
	struct rusage ru;

	memset(&out, 0, sizeof out);
	ef_error_clear(&err);
	if (run_policy(s, trace, count, &out, &err) != 0) {
		out.failed = 1;
		snprintf(out.error, sizeof out.error, "%s", err.detail);
	}
	getrusage(RUSAGE_SELF, &ru);
	out.max_rss_kib = ru.ru_maxrss;
	_exit(write(fd, &out, sizeof out) == sizeof out ? 0 : 1);
}

/* Run S in a forked child; its result comes back through a pipe. */
static int run_in_child(struct setup *s, const uint32_t *trace, long count,
			struct result *out)
{
	int fds[2], status;
	ssize_t got;
	pid_t pid;

	memset(out, 0, sizeof *out);
	snprintf(out->error, sizeof out->error, "the child failed");
	fflush(stdout);
	if (pipe(fds) != 0 || (pid = fork()) < 0)
		return -1;
	if (pid == 0) {
		close(fds[0]);
		child(s, trace, count, fds[1]);
	}
	close(fds[1]);
	got = read(fds[0], out, sizeof *out);
	close(fds[0]);
	if (waitpid(pid, &status, 0) != pid || got != sizeof *out)
		return -1;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

/* ---- the report ------------------------------------------------------- */

static double per_access_us(const struct result *r)
{
	return (r->record + r->seal + r->seconds) / r->accesses * 1e6;
}

static void print_row(enum replacement_policy policy, const struct result *r,
		      const struct result *opt_small)
{
	double rate = r->accesses / r->seconds / 1e6;
	char goal[96];

	if (policy != POLICY_OPT)
		snprintf(goal, sizeof goal, "%s", rate >= 1.0 ? "ok" : "below");
	else if (opt_small != NULL)
		snprintf(goal, sizeof goal, "n/a, O(n log n): %.2fx time/access "
			 "at 10x n", per_access_us(r) / per_access_us(opt_small));
	else
		snprintf(goal, sizeof goal, "n/a");
	printf("%-6s %9ld %8llu %10llu %7llu %8llu %7.3f %7.2f %8.1f   %s\n",
	       replacement_policy_name(policy), r->accesses,
	       (unsigned long long)r->stat.pgfault,
	       (unsigned long long)r->stat.pgmajfault,
	       (unsigned long long)r->stat.pswpin,
	       (unsigned long long)r->stat.pswpout, r->seconds, rate,
	       r->max_rss_kib / 1024.0, goal);
}

static void print_opt(const struct result *small, const struct result *big)
{
	printf("\nopt phases (record: the run with memory to spare; seal: "
	       "the sort; replay: the row above):\n");
	for (int i = 0; i < 2; i++) {
		const struct result *r = i == 0 ? small : big;

		printf("  n = %8ld: record %.3f s, seal %.3f s (%.1f ns/access), "
		       "replay %.3f s; %.2f us/access in all; %llu strays\n",
		       r->accesses, r->record, r->seal,
		       r->seal / r->accesses * 1e9, r->seconds,
		       per_access_us(r), (unsigned long long)r->strays);
	}
	printf("  time/access at n = %ld over n = %ld: %.2fx in all, %.2fx "
	       "for the seal (n log n predicts %.2fx, n^2 %.0fx)\n",
	       big->accesses, small->accesses,
	       per_access_us(big) / per_access_us(small),
	       (big->seal / big->accesses) / (small->seal / small->accesses),
	       log((double)big->accesses) / log((double)small->accesses),
	       (double)big->accesses / small->accesses);
}

static void print_header(long count, uint64_t memory, long base)
{
	printf("%ld accesses (30%% writes) over %d pages (%d MiB): 60%% to a "
	       "hot set of %d, 25%% a loop over %d, 15%% random\n", count,
	       WSET, WSET / 256, HOT, LOOP);
	printf("memory %llu frames: %ld kernel and exec + %d region page "
	       "tables + %d for the region (25%%); swap %d slots\n\n",
	       (unsigned long long)(memory / 4096), base, TABLES, USER_FRAMES,
	       SWAP_PAGES);
	printf("policy  accesses   faults pgmajfault  pswpin  pswpout "
	       "seconds  M acc/s  peak RSS  goal >= 1.0 M/s\n");
}

static const char *seed_path(int argc, char **argv, char *buf, size_t size)
{
	const char *testdata = getenv("TESTDATA");

	if (argc > 1)
		return argv[1];
	snprintf(buf, size, "%s/seed/a.out", testdata ? testdata : "testdata");
	return buf;
}

int main(int argc, char **argv)
{
	char path[4096];
	long count = argc > 2 ? atol(argv[2]) : 1000000, base = 0;
	const char *seed = seed_path(argc, argv, path, sizeof path);
	struct result results[POLICY_COUNT], opt_small;
	struct setup s = { NULL, 0, POLICY_LRU2Q, NULL, NULL };
	struct ef_error err;
	struct elf_image *image;
	uint32_t *trace;
	int status = 0;

	if (count < 10) {
		fprintf(stderr, "usage: bench-reclaim [A.OUT] [ACCESSES]  "
			"(ACCESSES >= 10)\n");
		return 2;
	}
	image = elf_image_open(seed, &err);
	if (image == NULL) {
		fprintf(stderr, "bench-reclaim: %s: %s\n", seed, err.detail);
		return 2;
	}
	s.image = image;
	trace = trace_build(count);
	if (trace == NULL || size_memory(image, &s.memory, &base, &err) != 0) {
		fprintf(stderr, "bench-reclaim: %s\n", trace ? err.detail
			: strerror(ENOMEM));
		return 1;
	}
	print_header(count, s.memory, base);
	s.policy = POLICY_OPT;
	if (run_in_child(&s, trace, count / 10, &opt_small) != 0 ||
	    opt_small.failed) {
		fprintf(stderr, "bench-reclaim: opt at n = %ld: %s\n",
			count / 10, opt_small.error);
		return 1;
	}
	for (unsigned i = 0; i < POLICY_COUNT; i++) {
		s.policy = (enum replacement_policy)i;
		if (run_in_child(&s, trace, count, &results[i]) != 0 ||
		    results[i].failed) {
			fprintf(stderr, "bench-reclaim: %s: %s\n",
				replacement_policy_name(s.policy),
				results[i].error);
			status = 1;
			continue;
		}
		print_row(s.policy, &results[i],
			  s.policy == POLICY_OPT ? &opt_small : NULL);
	}
	if (status == 0)
		print_opt(&opt_small, &results[POLICY_OPT]);
	free(trace);
	elf_image_free(image);
	return status;
}
