/* fuzz-elf.c - libFuzzer target: the ELF image and the section table,
 * as `elfault sections` reads a file (archives member by member), with
 * the text and YAML reports written to /dev/null. */
#include <config.h>

#include "elf_image.h"
#include "fuzz.h"
#include "section_report.h"
#include "section_table.h"
#include "yaml_writer.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	return 0;
}

static void list_object(struct yaml_writer *w, struct elf_image *image)
{
	struct section_table table;

	if (section_table_build(image, &table, NULL) == 0) {
		section_report_text(fuzz_sink(), "input", &table);
		section_report_yaml(w, "input", NULL, image, &table);
	}
	section_table_release(&table);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_input_file(data, size, "input.elf");
	struct elf_image *image = elf_image_open(path, NULL), *member = NULL;
	struct yaml_writer w;
	struct ef_error err;

	if (image == NULL)
		return 0;
	yaml_writer_init(&w, fuzz_sink());
	yaml_writer_begin_document(&w);
	yaml_writer_begin_seq(&w, false);
	if (image->kind != ELF_IMAGE_ARCHIVE)
		list_object(&w, image);
	else
		while ((member = elf_image_next_member(image, &err)) != NULL) {
			list_object(&w, member);
			elf_image_free(member);
		}
	yaml_writer_end_seq(&w);
	yaml_writer_end_document(&w);
	yaml_writer_finish(&w, NULL);
	elf_image_free(image);
	return 0;
}
