/* stream.c - a file that can be read only once, read whole (stream.h). */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "stream.h"

bool stream_path(const char *path)
{
	struct stat st;

	if (strcmp(path, STREAM_STDIN_ARG) == 0 ||
	    strncmp(path, "/dev/", 5) == 0 || strncmp(path, "/proc/", 6) == 0)
		return true;
	/* (a path that cannot be stat'ed is not one: opening it says why) */
	return stat(path, &st) == 0 && !S_ISREG(st.st_mode) &&
	       !S_ISDIR(st.st_mode);
}

int stream_read_all(int fd, char **bytes, size_t *size)
{
	size_t used = 0, capacity = 65536;
	char *buf = malloc(capacity), *grown;
	ssize_t n;

	if (buf == NULL)
		return -ENOMEM;
	for (;;) {
		if (used + 1 == capacity) {
			grown = capacity > SIZE_MAX / 2 ? NULL
				: realloc(buf, capacity * 2);
			if (grown == NULL) {
				free(buf);
				return -ENOMEM;
			}
			buf = grown;
			capacity *= 2;
		}
		n = read(fd, buf + used, capacity - 1 - used);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int e = errno;

			free(buf);
			return -e;
		}
		if (n == 0)
			break;
		used += (size_t)n;
	}
	buf[used] = '\0';
	*bytes = buf;
	*size = used;
	return 0;
}

int stream_read_path(const char *path, char **bytes, size_t *size)
{
	int fd, rc;

	if (strcmp(path, STREAM_STDIN_ARG) == 0)
		return stream_read_all(STDIN_FILENO, bytes, size);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	rc = stream_read_all(fd, bytes, size);
	close(fd);
	return rc;
}
