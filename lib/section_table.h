/* section_table.h - an ELF file's sections as GNU BFD presents them, the
 * table `objdump -h` prints.
 *
 * BFD does not list ELF section headers one for one.  It skips some (the
 * symbol table, its string table, .shstrtab), folds relocation sections into
 * the section they relocate (which then carries the RELOC flag), numbers
 * sections in the order it creates them, derives flags from sh_type,
 * sh_flags and the name, and computes each section's load address (LMA)
 * from the program headers.  This module models binutils 2.40 (Debian 12):
 * bfd/elf.c bfd_section_from_shdr() and _bfd_elf_make_section_from_shdr(),
 * bfd/elfcode.h elf_object_p(), include/elf/internal.h
 * ELF_SECTION_IN_SEGMENT().
 *
 * Only the ELF targets of Debian's x86-64 binutils exist here:
 * elf32-i386, elf32-iamcu, elf32-x86-64, elf64-x86-64, and the generic
 * elf32-little, elf32-big, elf64-little, elf64-big, which take any file
 * (of their class and byte order) that no x86 target accepts.  Other
 * object formats objdump knows (PE, S-records, Intel hex, core files)
 * are not modelled: they are "file format not recognized" here.
 */
#ifndef ELFAULT_SECTION_TABLE_H
#define ELFAULT_SECTION_TABLE_H

#include <stddef.h>
#include <stdint.h>

#include "elf_image.h"
#include "error.h"

/* Error kinds set by section_table_build(). */
enum section_table_error {
	SECTION_TABLE_ERR_NONE = 0,
	/* BFD recognises no target: "file format not recognized" */
	SECTION_TABLE_ERR_FORMAT = EF_ERR_BASE(EF_DOMAIN_SECTION_TABLE) + 1,
	SECTION_TABLE_ERR_TRUNCATED,	/* BFD read past the end: "file truncated" */
	SECTION_TABLE_ERR_NOMEM,
};

/* Section flags BFD prints, as bits, in the order objdump prints them. */
enum section_flag {
	SECTION_CONTENTS = 1u << 0,	/* SEC_HAS_CONTENTS: not SHT_NOBITS */
	SECTION_ALLOC = 1u << 1,	/* SHF_ALLOC */
	SECTION_LOAD = 1u << 2,		/* allocated and has contents */
	SECTION_RELOC = 1u << 3,	/* a REL/RELA section applies to it */
	SECTION_READONLY = 1u << 4,	/* no SHF_WRITE */
	SECTION_CODE = 1u << 5,		/* SHF_EXECINSTR */
	SECTION_DATA = 1u << 6,		/* loaded, not code */
	SECTION_DEBUGGING = 1u << 7,	/* unallocated and named .debug* etc. */
	SECTION_EXCLUDE = 1u << 8,	/* SHF_EXCLUDE */
	SECTION_OCTETS = 1u << 9,	/* SEC_ELF_OCTETS: debug and GNU notes */
	SECTION_THREAD_LOCAL = 1u << 10, /* SHF_TLS */
	SECTION_GROUP = 1u << 11,	/* an SHT_GROUP section */
	SECTION_LINK_ONCE_DISCARD = 1u << 12, /* COMDAT group, .gnu.linkonce */
};
#define SECTION_FLAG_COUNT 13

/* The name objdump prints for one flag bit (e.g. "READONLY"), or NULL. */
const char *section_flag_name(unsigned flag_bit);

/* One section in BFD's list. */
struct bfd_section_entry {
	const struct elf_section *shdr;	/* the ELF header it came from */
	const char *name;	/* the name as BFD reads it from .shstrtab */
	unsigned index;		/* BFD's index: creation order */
	unsigned flags;		/* enum section_flag bits */
	uint64_t size;		/* uncompressed size for compressed debug sections */
	uint64_t vma;
	uint64_t lma;
	uint64_t file_offset;	/* sh_offset (BFD's filepos) */
	unsigned alignment_power; /* 2**N of the lowest set bit of sh_addralign */
	long load_segment;	/* program header that set the LMA, or -1 */
};

struct section_table {
	const char *format;	/* BFD target name, e.g. "elf32-i386" */
	unsigned address_bits;	/* 32 or 64: the width objdump prints */
	size_t count;
	struct bfd_section_entry *entries;	/* in BFD's order */
	/* The messages BFD would print while recognising the file, in order,
	 * without program name.  objdump puts its name before the first
	 * only: BFD buffers them and prints them as one batch. */
	size_t message_count;
	char **messages;
	char *names;		/* storage behind the entries' names */
};

/* Build IMAGE's section table as BFD would.  Returns 0, or -1 with ERR set
 * (kinds above) when BFD would not accept the file; either way TABLE then
 * owns its arrays (a failed build keeps only its warnings) and must be
 * released with section_table_release().  TABLE points into IMAGE, which
 * must outlive it. */
int section_table_build(const struct elf_image *image,
			struct section_table *table, struct ef_error *err);

/* Release what TABLE owns and zero it. */
void section_table_release(struct section_table *table);

/* The ELF segment test BFD and readelf use: whether section SHDR lies in
 * program header SEG (ELF_SECTION_IN_SEGMENT_1 in binutils'
 * include/elf/internal.h).  STRICT: a zero-sized section at the very end
 * of a non-empty segment is not in it. */
bool section_in_segment(const struct elf_section *shdr,
			const struct elf_segment *seg, bool strict);

#endif
