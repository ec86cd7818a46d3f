/* pictures.c - what every command that draws shares: the formats, the
 * output file, the errors of a picture's write. */
#include <config.h>

#include <argp.h>
#include <errno.h>
#include <string.h>

#include "canvas.h"
#include "commands.h"

bool picture_format(const char *arg, int *format)
{
	enum canvas_format f;

	if (canvas_format_by_name(arg, &f) != 0)
		return false;
	*format = (int)f;
	return true;
}

int picture_unavailable(const char *option)
{
	if (canvas_available())
		return EXIT_OK;
	report_error("%s: pictures need cairo, and this elfault was built "
		     "without it (./configure --without-cairo)", option);
	return EXIT_UNAVAILABLE;
}

FILE *open_output(const char *path)
{
	FILE *out = fopen(path, "wb");

	if (out == NULL)
		report_error("%s: cannot be written: %s", path, strerror(errno));
	return out;
}

int write_picture(struct canvas *canvas, double width, double height,
		  FILE *out)
{
	struct ef_error err;
	int status = EXIT_OK;

	if (canvas_write(canvas, width, height, out, &err) != 0) {
		if (err.kind == CANVAS_ERR_WRITE)
			status = report_output_failed(err.detail);
		else {
			report_error("drawing the picture failed: %s", err.detail);
			status = EXIT_SOFTWARE;
		}
	}
	canvas_free(canvas);
	return status;
}
