/* exec_error.c - the errno names and texts of exec's errors. */
#include <config.h>

#include <errno.h>

#include "exec_error.h"

/* By the kind's place in its range (EXEC_ERR_NONE is 0, the others
 * follow EF_ERR_BASE(EF_DOMAIN_EXEC)). */
#define EXEC_ERRNO(kind) ((kind) == EXEC_ERR_NONE ? 0 \
			  : (kind) - EF_ERR_BASE(EF_DOMAIN_EXEC))

static const struct {
	const char *name, *text;
	int errno_value;
} exec_errors[] = {
	[EXEC_ERRNO(EXEC_ERR_NONE)] = { "0", "Success", 0 },
	[EXEC_ERRNO(EXEC_ERR_NOEXEC)] = { "ENOEXEC", "Exec format error", ENOEXEC },
	[EXEC_ERRNO(EXEC_ERR_INVAL)] = { "EINVAL", "Invalid argument", EINVAL },
	[EXEC_ERRNO(EXEC_ERR_NOMEM)] = { "ENOMEM", "Cannot allocate memory", ENOMEM },
	[EXEC_ERRNO(EXEC_ERR_NOENT)] = { "ENOENT", "No such file or directory", ENOENT },
	[EXEC_ERRNO(EXEC_ERR_LIBBAD)] = { "ELIBBAD", "Accessing a corrupted shared library", ELIBBAD },
	[EXEC_ERRNO(EXEC_ERR_EXIST)] = { "EEXIST", "File exists", EEXIST },
	[EXEC_ERRNO(EXEC_ERR_IO)] = { "EIO", "Input/output error", EIO },
	[EXEC_ERRNO(EXEC_ERR_2BIG)] = { "E2BIG", "Argument list too long", E2BIG },
	[EXEC_ERRNO(EXEC_ERR_ACCES)] = { "EACCES", "Permission denied", EACCES },
	[EXEC_ERRNO(EXEC_ERR_FAULT)] = { "EFAULT", "Bad address", EFAULT },
	[EXEC_ERRNO(EXEC_ERR_HOST)] = { "ENOMEM", "elfault ran out of memory", ENOMEM },
};

/* KIND's row of exec_errors, or -1 when it is no exec error. */
static int exec_error_row(int kind)
{
	if (kind != EXEC_ERR_NONE &&
	    (kind < EXEC_ERR_NOEXEC || kind > EXEC_ERR_HOST))
		return -1;
	return EXEC_ERRNO(kind);
}

const char *exec_error_name(int kind)
{
	int row = exec_error_row(kind);

	return row < 0 ? "?" : exec_errors[row].name;
}

const char *exec_error_text(int kind)
{
	int row = exec_error_row(kind);

	return row < 0 ? "?" : exec_errors[row].text;
}

int exec_error_errno(int kind)
{
	int row = exec_error_row(kind);

	return row < 0 ? 0 : exec_errors[row].errno_value;
}
