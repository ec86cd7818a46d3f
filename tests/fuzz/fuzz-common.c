/* fuzz-common.c - the input as a file, the report's sink (fuzz.h). */
#include <config.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzz.h"

static char scratch[64];

const char *fuzz_scratch_dir(void)
{
	if (scratch[0] == '\0') {
		const char *tmp = getenv("TMPDIR");

		snprintf(scratch, sizeof scratch, "%s/elfault-fuzz.XXXXXX",
			 tmp && strlen(tmp) < 32 ? tmp : "/tmp");
		if (mkdtemp(scratch) == NULL)
			abort();
	}
	return scratch;
}

const char *fuzz_input_file(const uint8_t *data, size_t size,
			    const char *name)
{
	static char path[128];
	int fd;

	snprintf(path, sizeof path, "%s/%s", fuzz_scratch_dir(), name);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0 || (size != 0 && write(fd, data, size) != (ssize_t)size))
		abort();
	close(fd);
	return path;
}

FILE *fuzz_sink(void)
{
	static FILE *sink;

	if (sink == NULL && (sink = fopen("/dev/null", "w")) == NULL)
		abort();
	return sink;
}
