/* number.c - unsigned numbers in decimal, hexadecimal or octal. */
#include <config.h>

#include <errno.h>
#include <stdlib.h>

#include "number.h"

bool number_parse(const char *text, uint64_t max, uint64_t *value)
{
	char *end;
	unsigned long long v;

	if (*text < '0' || *text > '9')
		return false;
	errno = 0;
	v = strtoull(text, &end, 0);
	if (errno != 0 || *end != '\0' || v > max)
		return false;
	*value = v;
	return true;
}
