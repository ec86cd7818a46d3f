/* section_table_test.c - BFD's view of sections: format names, flags,
 * LMA, creation order and the segment test, case by case. */
#include <config.h>

#include <elf.h>

#include "elf_image.h"
#include "section_table.h"
#include "tap.h"

static const struct {
	const char *fixture, *format;
	unsigned bits;
} format_cases[] = {
	{ "seed/a.out", "elf32-i386", 32 },
	{ "elf/x86_64-rel.o", "elf64-x86-64", 64 },
	{ "elf/x32.o", "elf32-x86-64", 32 },
	{ "elf/iamcu.o", "elf32-iamcu", 32 },
	{ "elf/ppc32-be.o", "elf32-big", 32 },
	{ "elf/aarch64-patched.o", "elf64-little", 64 },
	/* An x86-64 file with a processor-specific section type the x86-64
	 * backend does not know falls back to the generic target. */
	{ "crafted/ty_proc.o", "elf64-little", 64 },
	{ "crafted/fmt_64be_x8664_os0.o", "elf64-big", 64 },
};

static void test_formats(void)
{
	for (size_t i = 0; i < sizeof format_cases / sizeof format_cases[0]; i++) {
		struct elf_image *image = elf_image_open(testdata_path(format_cases[i].fixture), NULL);
		struct section_table table;
		struct ef_error err;

		if (!tap_ok(image != NULL, "%s opens", format_cases[i].fixture))
			continue;
		if (tap_ok(section_table_build(image, &table, &err) == 0,
			   "%s: BFD accepts it", format_cases[i].fixture)) {
			tap_eq_str(table.format, format_cases[i].format,
				   "%s: file format", format_cases[i].fixture);
			tap_eq_u64(table.address_bits, format_cases[i].bits,
				   "%s: address width", format_cases[i].fixture);
		}
		section_table_release(&table);
		elf_image_free(image);
	}
}

/* One listed section: its BFD index, flags and LMA. */
static const struct {
	const char *fixture, *name;
	unsigned index, flags;
	uint64_t size, lma;
	unsigned power;
} entry_cases[] = {
	{ "seed/a.out", ".text", 0, SECTION_CONTENTS | SECTION_ALLOC |
	  SECTION_LOAD | SECTION_READONLY | SECTION_CODE, 0x72, 0x08048094, 2 },
	{ "seed/a.out", ".bss", 3, SECTION_ALLOC, 0x1000, 0x08049800, 5 },
	/* Relocations fold into their target as RELOC. */
	{ "elf/i386-rel.o", ".text", 0, SECTION_CONTENTS | SECTION_ALLOC |
	  SECTION_LOAD | SECTION_RELOC | SECTION_READONLY | SECTION_CODE, 0, 0, 0 },
	/* A COMDAT group section is GROUP and LINK_ONCE_DISCARD. */
	{ "elf/comdat.o", ".group", 0, SECTION_CONTENTS | SECTION_READONLY |
	  SECTION_GROUP | SECTION_LINK_ONCE_DISCARD, 0, 0, 2 },
	/* A TLS section takes its LMA from PT_TLS. */
	{ "crafted/lma_at.x", ".tdata", 3, SECTION_CONTENTS | SECTION_ALLOC |
	  SECTION_LOAD | SECTION_DATA | SECTION_THREAD_LOCAL, 8, 0x30002008, 0 },
	/* NOBITS: LMA by address within the PT_LOAD. */
	{ "crafted/lma_at.x", ".bss", 2, SECTION_ALLOC, 0x20, 0x20002010, 0 },
	/* A reloc section met before its target creates the target first. */
	{ "crafted/ord_rela_first.o", ".text", 0, SECTION_CONTENTS |
	  SECTION_ALLOC | SECTION_LOAD | SECTION_RELOC | SECTION_READONLY |
	  SECTION_CODE, 0, 0, 0 },
	/* Compressed DWARF shows its uncompressed size and alignment. */
	{ "elf/debug-zlib.o", ".debug_aranges", 6, SECTION_CONTENTS |
	  SECTION_RELOC | SECTION_READONLY | SECTION_DEBUGGING | SECTION_OCTETS,
	  0x30, 0, 4 },
};

static const struct bfd_section_entry *find_entry(const struct section_table *t,
						  const char *name)
{
	for (size_t i = 0; i < t->count; i++)
		if (strcmp(t->entries[i].name, name) == 0)
			return &t->entries[i];
	return NULL;
}

static void test_entries(void)
{
	for (size_t i = 0; i < sizeof entry_cases / sizeof entry_cases[0]; i++) {
		const char *fixture = entry_cases[i].fixture, *name = entry_cases[i].name;
		struct elf_image *image = elf_image_open(testdata_path(fixture), NULL);
		const struct bfd_section_entry *e;
		struct section_table table;

		if (!tap_ok(image != NULL && section_table_build(image, &table, NULL) == 0,
			    "%s builds", fixture)) {
			elf_image_free(image);
			continue;
		}
		e = find_entry(&table, name);
		if (tap_ok(e != NULL, "%s: %s listed", fixture, name)) {
			tap_eq_u64(e->index, entry_cases[i].index, "%s: %s index", fixture, name);
			tap_eq_u64(e->flags, entry_cases[i].flags, "%s: %s flags", fixture, name);
			if (entry_cases[i].size != 0)
				tap_eq_u64(e->size, entry_cases[i].size, "%s: %s size", fixture, name);
			tap_eq_u64(e->lma, entry_cases[i].lma, "%s: %s LMA", fixture, name);
			tap_eq_u64(e->alignment_power, entry_cases[i].power,
				   "%s: %s alignment", fixture, name);
		}
		section_table_release(&table);
		elf_image_free(image);
	}
}

/* Files BFD refuses, and the messages it gives. */
static const struct {
	const char *fixture;
	int kind;
	size_t messages;
} reject_cases[] = {
	{ "crafted/badname.o", SECTION_TABLE_ERR_FORMAT, 0 },
	{ "crafted/align63.o", SECTION_TABLE_ERR_FORMAT, 0 },
	{ "crafted/g_noflag.o", SECTION_TABLE_ERR_FORMAT, 0 },
	{ "crafted/comp_badtype.o", SECTION_TABLE_ERR_FORMAT, 0 },
	/* The latched warning is the only message: it is printed. */
	{ "crafted/shstr_pasteof.o", SECTION_TABLE_ERR_FORMAT, 1 },
};

static void test_rejections(void)
{
	for (size_t i = 0; i < sizeof reject_cases / sizeof reject_cases[0]; i++) {
		const char *fixture = reject_cases[i].fixture;
		struct elf_image *image = elf_image_open(testdata_path(fixture), NULL);
		struct section_table table;
		struct ef_error err;

		if (!tap_ok(image != NULL, "%s opens", fixture))
			continue;
		tap_ok(section_table_build(image, &table, &err) != 0 &&
		       err.kind == reject_cases[i].kind, "%s: rejected", fixture);
		tap_eq_u64(table.message_count, reject_cases[i].messages,
			   "%s: messages shown", fixture);
		section_table_release(&table);
		elf_image_free(image);
	}
}

/* ELF_SECTION_IN_SEGMENT on synthetic headers. */
static void test_in_segment(void)
{
	const struct elf_segment load = {
		.type = PT_LOAD, .offset = 0x1000, .vaddr = 0x401000,
		.filesz = 0x100, .memsz = 0x200,
	};
	const struct elf_segment tls = {
		.type = PT_TLS, .offset = 0x1000, .vaddr = 0x401000,
		.filesz = 0x10, .memsz = 0x20,
	};
	const struct {
		const char *what;
		struct elf_section s;
		const struct elf_segment *seg;
		bool strict, in;
	} cases[] = {
		{ "inside", { .type = SHT_PROGBITS, .flags = SHF_ALLOC, .addr = 0x401010,
		  .offset = 0x1010, .size = 0x10 }, &load, false, true },
		{ "file bytes past p_filesz", { .type = SHT_PROGBITS, .flags = SHF_ALLOC,
		  .addr = 0x4010f8, .offset = 0x10f8, .size = 0x10 }, &load, false, false },
		{ "NOBITS by address only", { .type = SHT_NOBITS, .flags = SHF_ALLOC,
		  .addr = 0x401100, .offset = 0x9999, .size = 0x100 }, &load, false, true },
		{ "empty at the end, lax", { .type = SHT_PROGBITS, .flags = SHF_ALLOC,
		  .addr = 0x401100, .offset = 0x1100, .size = 0 }, &load, false, true },
		{ "empty at the end, strict", { .type = SHT_PROGBITS, .flags = SHF_ALLOC,
		  .addr = 0x401100, .offset = 0x1100, .size = 0 }, &load, true, false },
		{ "unallocated not in PT_LOAD", { .type = SHT_PROGBITS, .offset = 0x1010,
		  .size = 0x10 }, &load, false, false },
		{ "TLS in PT_TLS", { .type = SHT_PROGBITS, .flags = SHF_ALLOC | SHF_TLS,
		  .addr = 0x401000, .offset = 0x1000, .size = 0x10 }, &tls, false, true },
		{ "non-TLS not in PT_TLS", { .type = SHT_PROGBITS, .flags = SHF_ALLOC,
		  .addr = 0x401000, .offset = 0x1000, .size = 0x10 }, &tls, false, false },
		{ ".tbss takes no room in PT_LOAD", { .type = SHT_NOBITS,
		  .flags = SHF_ALLOC | SHF_TLS, .addr = 0x401200, .size = 0x1000 },
		  &load, false, true },
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		tap_ok(section_in_segment(&cases[i].s, cases[i].seg, cases[i].strict)
		       == cases[i].in, "in segment: %s", cases[i].what);
}

static void test_flag_names(void)
{
	tap_eq_str(section_flag_name(SECTION_CONTENTS), "CONTENTS", "flag name CONTENTS");
	tap_eq_str(section_flag_name(SECTION_LINK_ONCE_DISCARD), "LINK_ONCE_DISCARD",
		   "flag name LINK_ONCE_DISCARD");
	tap_ok(section_flag_name(1u << SECTION_FLAG_COUNT) == NULL, "no name past the last flag");
	tap_ok(section_flag_name(SECTION_CODE | SECTION_DATA) == NULL,
	       "no name for two flags at once");
}

int main(void)
{
	test_formats();
	test_entries();
	test_rejections();
	test_in_segment();
	test_flag_names();
	return tap_done();
}
