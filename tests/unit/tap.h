/* tap.h - a few lines of TAP for elfault's C unit tests.
 *
 * Each check prints "ok N - what" or "not ok N - what" (with the values
 * that differed); tap_done() prints the plan and returns the exit status.
 */
#ifndef ELFAULT_TAP_H
#define ELFAULT_TAP_H

#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned tap_count;
static unsigned tap_failures;

__attribute__((format(printf, 2, 3)))
static inline bool tap_ok(bool passed, const char *fmt, ...)
{
	va_list ap;

	tap_count++;
	if (!passed)
		tap_failures++;
	printf("%sok %u - ", passed ? "" : "not ", tap_count);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	return passed;
}

#define tap_eq_u64(got, want, ...)                                        \
	do {                                                              \
		uint64_t got_ = (got), want_ = (want);                    \
		if (!tap_ok(got_ == want_, __VA_ARGS__))                  \
			printf("#   got %#" PRIx64 ", want %#" PRIx64 "\n", \
			       got_, want_);                              \
	} while (0)

#define tap_eq_str(got, want, ...)                                        \
	do {                                                              \
		const char *got_ = (got), *want_ = (want);                \
		bool same_ = got_ != NULL && want_ != NULL                \
			     ? strcmp(got_, want_) == 0 : got_ == want_;  \
		if (!tap_ok(same_, __VA_ARGS__))                          \
			printf("#   got \"%s\", want \"%s\"\n",           \
			       got_ ? got_ : "(null)",                    \
			       want_ ? want_ : "(null)");                 \
	} while (0)

static inline int tap_done(void)
{
	printf("1..%u\n", tap_count);
	return 0;
}

/* The fixture directory, from the TESTDATA environment variable. */
static inline const char *testdata_path(const char *relative)
{
	static char path[4096];
	const char *dir = getenv("TESTDATA");

	snprintf(path, sizeof path, "%s/%s", dir ? dir : "testdata", relative);
	return path;
}

#endif
