/* error.c - filling in a struct ef_error. */
#include <config.h>

#include <stdio.h>
#include <string.h>

#include "error.h"

int ef_error_set(struct ef_error *err, int kind, int sys_errno,
		 const char *fmt, ...)
{
	va_list ap;

	if (err == NULL)
		return -1;
	err->kind = kind;
	err->sys_errno = sys_errno;
	err->line = 0;
	err->column = 0;
	va_start(ap, fmt);
	vsnprintf(err->detail, sizeof err->detail, fmt, ap);
	va_end(ap);
	return -1;
}

int ef_error_set_at(struct ef_error *err, int kind, unsigned line,
		    unsigned column, const char *fmt, ...)
{
	va_list ap;

	if (err == NULL)
		return -1;
	err->kind = kind;
	err->sys_errno = 0;
	err->line = line;
	err->column = column;
	va_start(ap, fmt);
	vsnprintf(err->detail, sizeof err->detail, fmt, ap);
	va_end(ap);
	return -1;
}

void ef_error_clear(struct ef_error *err)
{
	if (err != NULL)
		memset(err, 0, sizeof *err);
}
