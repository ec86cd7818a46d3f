/* section_report.h - writing a section table for people and for programs.
 *
 * The text form is byte for byte what `objdump -h` (binutils 2.40) prints
 * for one file; the YAML form carries the same facts plus the ELF section
 * type and the program header that holds each section.
 */
#ifndef ELFAULT_SECTION_REPORT_H
#define ELFAULT_SECTION_REPORT_H

#include <stdio.h>

#include "section_table.h"
#include "yaml_writer.h"

/* Write objdump's block for one file: the blank line, "NAME:     file
 * format FORMAT", and the "Sections:" table.  NAME is the path as the user
 * gave it (for an archive member: the member name).  Returns 0, or -1 when
 * writing to OUT failed. */
int section_report_text(FILE *out, const char *name,
			const struct section_table *table);

/* objdump's "In archive NAME:" line that precedes an archive's members. */
int section_report_archive_text(FILE *out, const char *name);

/* Emit one mapping {file, member?, format, class, sections: [...]} for the
 * table; see elfault(1) for the keys.  Errors are kept in W. */
void section_report_yaml(struct yaml_writer *w, const char *path,
			 const char *member, const struct elf_image *image,
			 const struct section_table *table);

/* The ELF name of a section type without "SHT_" ("PROGBITS"), or NULL
 * when the type has none. */
const char *section_type_name(uint32_t type);

#endif
