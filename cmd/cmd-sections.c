/* cmd-sections.c - `elfault sections FILE...`: objdump -h, byte for byte. */
#include <config.h>

#include <argp.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "commands.h"
#include "elf_image.h"
#include "section_report.h"
#include "section_table.h"
#include "stream.h"
#include "yaml_writer.h"

struct sections_args {
	bool yaml;
	char **files;
	int file_count;
};

enum { OPT_FORMAT = 'f' };

static const struct argp_option options[] = {
	{ "format", OPT_FORMAT, "FORMAT", 0,
	  "output format: text (objdump -h, the default) or yaml", 0 },
	{ 0 }
};

static error_t parse_sections(int key, char *arg, struct argp_state *state)
{
	struct sections_args *args = state->input;

	switch (key) {
	case OPT_FORMAT:
		args->yaml = format_is_yaml(state, arg);
		return 0;
	case ARGP_KEY_ARGS:
		args->files = state->argv + state->next;
		args->file_count = state->argc - state->next;
		return 0;
	case ARGP_KEY_NO_ARGS:
		argp_error(state, "no FILE given");
		return 0;
	default:
		return ARGP_ERR_UNKNOWN;
	}
}

static const struct argp sections_argp = {
	.options = options,
	.parser = parse_sections,
	.children = short_help,
	.args_doc = "FILE...",
	.doc = "List the sections of each ELF FILE exactly as `objdump -h` "
	       "(GNU binutils 2.40) does, or as YAML; FILE - is standard "
	       "input.\v"
	       "Archives are listed member by member. Exit status: 0 when "
	       "every file was listed, 1 when one could not be, 70 when the "
	       "output cannot be written.",
};

/* objdump's words for a file it cannot open or recognise. */
static void report_open_error(const char *path, const struct ef_error *err)
{
	switch (err->kind) {
	case ELF_IMAGE_ERR_NO_FILE:
		report_error("'%s': No such file", path);
		break;
	case ELF_IMAGE_ERR_DIRECTORY:
		report_error("Warning: '%s' is a directory", path);
		break;
	case ELF_IMAGE_ERR_NOT_REGULAR:
		report_error("Warning: '%s' is not an ordinary file", path);
		break;
	case ELF_IMAGE_ERR_EMPTY:
		report_error("'%s': file is empty", path);
		break;
	case ELF_IMAGE_ERR_IO:
		report_error("%s: %s", path, err->detail);
		break;
	case ELF_IMAGE_ERR_NOMEM:
		report_error("%s: out of memory", path);
		break;
	default:
		report_error("%s: file format not recognized", path);
		break;
	}
}

struct output {
	bool yaml;
	struct yaml_writer writer;
};

/* List one ELF object (a file or an archive member). */
static int list_object(struct output *out, struct elf_image *image,
		       const char *display_name)
{
	struct section_table table;
	struct ef_error err;
	int rc = section_table_build(image, &table, &err);

	/* BFD's messages come as one batch: only the first carries the
	 * program's name. */
	for (size_t i = 0; i < table.message_count; i++) {
		if (i == 0)
			report_error("%s", table.messages[i]);
		else
			fprintf(stderr, "%s\n", table.messages[i]);
	}
	if (rc != 0) {
		if (err.kind == SECTION_TABLE_ERR_TRUNCATED)
			report_error("%s: file truncated", display_name);
		else if (err.kind == SECTION_TABLE_ERR_NOMEM)
			report_error("%s: out of memory", display_name);
		else
			report_error("%s: file format not recognized",
				     display_name);
		section_table_release(&table);
		return EXIT_FAILED;
	}
	if (out->yaml)
		section_report_yaml(&out->writer, image->path, image->member,
				    image, &table);
	else
		section_report_text(stdout, display_name, &table);
	section_table_release(&table);
	return EXIT_OK;
}

static int list_archive(struct output *out, struct elf_image *archive)
{
	struct elf_image *member;
	struct ef_error err;
	int status = EXIT_OK;

	if (!out->yaml)
		section_report_archive_text(stdout, archive->path);
	while ((member = elf_image_next_member(archive, &err)) != NULL) {
		if (list_object(out, member, member->member) != EXIT_OK)
			status = EXIT_FAILED;
		elf_image_free(member);
	}
	if (err.kind != 0) {
		/* objdump: "ARCHIVE: malformed archive", and the rest is lost. */
		report_error("%s: %s", archive->path, err.detail);
		status = EXIT_FAILED;
	}
	return status;
}

/* PATH's image; "-" is standard input, read whole (libelf reads from
 * memory what it cannot map), named <stdin>. */
static struct elf_image *open_file(const char **path, struct ef_error *err)
{
	char *bytes;
	size_t size;
	int rc;

	if (strcmp(*path, STREAM_STDIN_ARG) != 0)
		return elf_image_open(*path, err);
	*path = STREAM_STDIN_NAME;
	rc = stream_read_all(STDIN_FILENO, &bytes, &size);
	if (rc != 0) {
		ef_error_set(err, rc == -ENOMEM ? ELF_IMAGE_ERR_NOMEM
				  : ELF_IMAGE_ERR_IO, -rc, "%s", strerror(-rc));
		return NULL;
	}
	return elf_image_open_memory(*path, bytes, size, err);
}

static int list_file(struct output *out, const char *path)
{
	struct ef_error err;
	struct elf_image *image = open_file(&path, &err);
	int status;

	if (image == NULL) {
		report_open_error(path, &err);
		return EXIT_FAILED;
	}
	if (image->kind == ELF_IMAGE_ARCHIVE)
		status = list_archive(out, image);
	else
		status = list_object(out, image, path);
	elf_image_free(image);
	return status;
}

int cmd_sections(int argc, char **argv)
{
	struct sections_args args = { 0 };
	struct output out = { 0 };
	struct ef_error err;
	int status = EXIT_OK;

	argp_parse(&sections_argp, argc, argv, 0, NULL, &args);
	out.yaml = args.yaml;
	if (out.yaml) {
		yaml_writer_init(&out.writer, stdout);
		yaml_writer_begin_document(&out.writer);
		yaml_writer_begin_seq(&out.writer, false);
	}
	for (int i = 0; i < args.file_count; i++)
		if (list_file(&out, args.files[i]) != EXIT_OK)
			status = EXIT_FAILED;
	if (out.yaml) {
		yaml_writer_end_seq(&out.writer);
		yaml_writer_end_document(&out.writer);
		if (yaml_writer_finish(&out.writer, &err) != 0)
			return report_output_failed(err.detail);
	}
	if (fflush(stdout) != 0 || ferror(stdout)) {
		status = report_output_failed(strerror(errno ? errno : EIO));
	}
	return status;
}
