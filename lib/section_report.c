/* section_report.c - objdump -h text and YAML for a section table. */
#include <config.h>

#include <elf.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "section_report.h"

/* objdump's sanitize_string(): a control character c is shown as ^ and
 * the byte c + 0x40 (DEL thus as ^ and 0xbf), so that a hostile name
 * cannot drive the terminal. */
static void put_sanitized(FILE *out, const char *name, int width)
{
	int printed = 0;

	for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
		if (*p < 0x20 || *p == 0x7f) {
			fputc('^', out);
			fputc((*p + 0x40) & 0xff, out);
			printed += 2;
		} else {
			fputc(*p, out);
			printed++;
		}
	}
	for (; printed < width; printed++)
		fputc(' ', out);
}

static void put_address(FILE *out, const struct section_table *table,
			uint64_t value)
{
	if (table->address_bits == 64)
		fprintf(out, "%016" PRIx64, value);
	else
		fprintf(out, "%08" PRIx64, value & 0xffffffffu);
}

static void put_flags(FILE *out, unsigned flags)
{
	const char *comma = "";

	for (unsigned i = 0; i < SECTION_FLAG_COUNT; i++) {
		if (!(flags & (1u << i)))
			continue;
		fprintf(out, "%s%s", comma, section_flag_name(1u << i));
		comma = ", ";
	}
}

/* dump_section_header(): index, name (13 wide, never cut), size, VMA, LMA,
 * file offset, alignment; the flags on the next line. */
static void put_section(FILE *out, const struct section_table *table,
			const struct bfd_section_entry *e)
{
	fprintf(out, "%3u ", e->index);
	put_sanitized(out, e->name, 13);
	fprintf(out, " %08" PRIx64 "  ", e->size);
	put_address(out, table, e->vma);
	fputs("  ", out);
	put_address(out, table, e->lma);
	fprintf(out, "  %08" PRIx64 "  2**%u\n                  ",
		e->file_offset, e->alignment_power);
	put_flags(out, e->flags);
	fputc('\n', out);
}

int section_report_text(FILE *out, const char *name,
			const struct section_table *table)
{
	fputc('\n', out);
	put_sanitized(out, name, 0);
	fprintf(out, ":     file format %s\n\nSections:\n", table->format);
	if (table->address_bits == 64)
		fputs("Idx Name          Size      VMA               LMA"
		      "               File off  Algn\n", out);
	else
		fputs("Idx Name          Size      VMA       LMA       File off"
		      "  Algn\n", out);
	for (size_t i = 0; i < table->count; i++)
		put_section(out, table, &table->entries[i]);
	return ferror(out) ? -1 : 0;
}

int section_report_archive_text(FILE *out, const char *name)
{
	fputs("In archive ", out);
	put_sanitized(out, name, 0);
	fputs(":\n", out);
	return ferror(out) ? -1 : 0;
}

const char *section_type_name(uint32_t type)
{
	static const struct { uint32_t type; const char *name; } names[] = {
		{ SHT_NULL, "NULL" }, { SHT_PROGBITS, "PROGBITS" },
		{ SHT_SYMTAB, "SYMTAB" }, { SHT_STRTAB, "STRTAB" },
		{ SHT_RELA, "RELA" }, { SHT_HASH, "HASH" },
		{ SHT_DYNAMIC, "DYNAMIC" }, { SHT_NOTE, "NOTE" },
		{ SHT_NOBITS, "NOBITS" }, { SHT_REL, "REL" },
		{ SHT_SHLIB, "SHLIB" }, { SHT_DYNSYM, "DYNSYM" },
		{ SHT_INIT_ARRAY, "INIT_ARRAY" },
		{ SHT_FINI_ARRAY, "FINI_ARRAY" },
		{ SHT_PREINIT_ARRAY, "PREINIT_ARRAY" },
		{ SHT_GROUP, "GROUP" }, { SHT_SYMTAB_SHNDX, "SYMTAB_SHNDX" },
		{ 19, "RELR" }, { SHT_GNU_ATTRIBUTES, "GNU_ATTRIBUTES" },
		{ SHT_GNU_HASH, "GNU_HASH" }, { SHT_GNU_LIBLIST, "GNU_LIBLIST" },
		{ SHT_GNU_verdef, "GNU_verdef" },
		{ SHT_GNU_verneed, "GNU_verneed" },
		{ SHT_GNU_versym, "GNU_versym" },
		{ 0x70000001, "X86_64_UNWIND" },
	};

	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (names[i].type == type)
			return names[i].name;
	return NULL;
}

/* alignment: 2 to the POWER (up to 2^63: an unsigned 64-bit number, as
 * sh_addralign is). */
static void yaml_alignment(struct yaml_writer *w, unsigned power)
{
	char text[24];

	snprintf(text, sizeof text, "%llu",
		 power < 64 ? 1ull << power : 0ull);
	yaml_writer_str(w, "alignment");
	yaml_writer_number(w, text);
}

static void yaml_type(struct yaml_writer *w, uint32_t type)
{
	const char *name = section_type_name(type);

	yaml_writer_str(w, "type");
	if (name != NULL)
		yaml_writer_str(w, name);
	else
		yaml_writer_hex(w, type, 8);
}

static void yaml_section(struct yaml_writer *w,
			 const struct section_table *table,
			 const struct bfd_section_entry *e)
{
	int digits = table->address_bits / 4;

	yaml_writer_begin_map(w);
	yaml_writer_key_int(w, "index", e->index);
	yaml_writer_key_str(w, "name", e->name);
	yaml_writer_key_int(w, "elf-index", (long long)e->shdr->index);
	yaml_type(w, e->shdr->type);
	yaml_writer_str(w, "flags");
	yaml_writer_begin_seq(w, true);
	for (unsigned i = 0; i < SECTION_FLAG_COUNT; i++)
		if (e->flags & (1u << i))
			yaml_writer_str(w, section_flag_name(1u << i));
	yaml_writer_end_seq(w);
	yaml_writer_key_hex(w, "size", e->size, 8);
	yaml_writer_key_hex(w, "vma", e->vma, digits);
	yaml_writer_key_hex(w, "lma", e->lma, digits);
	yaml_writer_key_hex(w, "file-offset", e->file_offset, 8);
	yaml_alignment(w, e->alignment_power);
	/* A section no PT_LOAD segment holds has no segment key. */
	if (e->load_segment >= 0)
		yaml_writer_key_int(w, "segment", e->load_segment);
	yaml_writer_end_map(w);
}

void section_report_yaml(struct yaml_writer *w, const char *path,
			 const char *member, const struct elf_image *image,
			 const struct section_table *table)
{
	yaml_writer_begin_map(w);
	yaml_writer_key_str(w, "file", path);
	if (member != NULL)
		yaml_writer_key_str(w, "member", member);
	yaml_writer_key_str(w, "format", table->format);
	yaml_writer_key_int(w, "class", table->address_bits);
	yaml_writer_key_str(w, "byte-order",
			    image->data == ELFDATA2MSB ? "big" : "little");
	yaml_writer_str(w, "sections");
	yaml_writer_begin_seq(w, false);
	for (size_t i = 0; i < table->count; i++)
		yaml_section(w, table, &table->entries[i]);
	yaml_writer_end_seq(w);
	yaml_writer_end_map(w);
}
