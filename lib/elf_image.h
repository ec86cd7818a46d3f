/* elf_image.h - an ELF file as elfault sees it: its header, its section
 * headers, its program headers and, on request, its symbols.
 *
 * Everything is read through libelf (elfutils); nothing here parses ELF by
 * hand.  ELF32 and ELF64, either byte order, any e_type.  An archive (ar
 * file) is opened as an image of kind ELF_IMAGE_ARCHIVE whose members are
 * opened one by one with elf_image_next_member().
 *
 * Ownership: an image owns every string and array it points to; they stay
 * valid until elf_image_free().  All fields are read-only for callers.
 */
#ifndef ELFAULT_ELF_IMAGE_H
#define ELFAULT_ELF_IMAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"

/* Error kinds (struct ef_error.kind) set by this module. */
enum elf_image_error {
	ELF_IMAGE_ERR_NONE = 0,
	/* the path does not exist */
	ELF_IMAGE_ERR_NO_FILE = EF_ERR_BASE(EF_DOMAIN_ELF_IMAGE) + 1,
	ELF_IMAGE_ERR_DIRECTORY,	/* the path is a directory */
	ELF_IMAGE_ERR_NOT_REGULAR,	/* a device, fifo or socket */
	ELF_IMAGE_ERR_EMPTY,		/* the file has no bytes at all */
	ELF_IMAGE_ERR_IO,		/* open/read failed: see sys_errno */
	ELF_IMAGE_ERR_NOT_ELF,		/* no ELF (or ar) magic, or too short */
	ELF_IMAGE_ERR_MALFORMED,	/* ELF, but a header is unreadable */
	ELF_IMAGE_ERR_NO_SYMBOL,	/* elf_image_symbol(): no such name */
	ELF_IMAGE_ERR_NOMEM,
};

enum elf_image_kind {
	ELF_IMAGE_OBJECT,	/* an ELF file (or archive member) */
	ELF_IMAGE_ARCHIVE,	/* an ar archive: see elf_image_next_member() */
};

/* One section header, with its name resolved. */
struct elf_section {
	size_t index;		/* section header table index */
	const char *name;	/* never NULL; see name_valid */
	bool name_valid;	/* false when sh_name is not in .shstrtab */
	uint32_t name_offset;	/* sh_name */
	uint32_t type;		/* sh_type */
	uint64_t flags;		/* sh_flags */
	uint64_t addr;		/* sh_addr */
	uint64_t offset;	/* sh_offset */
	uint64_t size;		/* sh_size */
	uint32_t link;		/* sh_link */
	uint32_t info;		/* sh_info */
	uint64_t addralign;	/* sh_addralign */
	uint64_t entsize;	/* sh_entsize */
	/* SHF_COMPRESSED sections: the compression header (Elf_Chdr) at
	 * sh_offset, converted by libelf, when its bytes are in the file and
	 * in the section; chdr_valid is false otherwise. */
	bool chdr_valid;
	uint32_t chdr_type;	/* ch_type: ELFCOMPRESS_ZLIB, _ZSTD, ... */
	uint64_t chdr_size;	/* ch_size: the uncompressed size */
	uint64_t chdr_addralign; /* ch_addralign */
};

/* One program header. */
struct elf_segment {
	size_t index;
	uint32_t type;		/* p_type */
	uint32_t flags;		/* p_flags (PF_R, PF_W, PF_X) */
	uint64_t offset;	/* p_offset */
	uint64_t vaddr;		/* p_vaddr */
	uint64_t paddr;		/* p_paddr */
	uint64_t filesz;	/* p_filesz */
	uint64_t memsz;		/* p_memsz */
	uint64_t align;		/* p_align */
};

/* One entry of .symtab (or of .dynsym in a stripped file). */
struct elf_symbol {
	const char *name;
	uint64_t value;		/* st_value */
	uint64_t size;		/* st_size */
	unsigned char type;	/* STT_* */
	unsigned char bind;	/* STB_* */
	uint32_t shndx;		/* section index, SHN_XINDEX resolved */
	uint32_t name_offset;	/* st_name */
};

struct elf_image {
	enum elf_image_kind kind;
	const char *path;	/* as given to elf_image_open() */
	const char *member;	/* archive member name, or NULL */
	uint64_t file_size;	/* bytes in the file (or member) */

	/* The ELF header (kind == ELF_IMAGE_OBJECT only). */
	unsigned elf_class;	/* ELFCLASS32 or ELFCLASS64 */
	unsigned data;		/* ELFDATA2LSB or ELFDATA2MSB */
	unsigned osabi;		/* e_ident[EI_OSABI] */
	uint16_t type;		/* e_type */
	uint16_t machine;	/* e_machine */
	uint64_t entry;		/* e_entry */
	uint64_t phoff;		/* e_phoff */
	uint64_t shoff;		/* e_shoff */
	size_t shstrndx;	/* e_shstrndx (SHN_XINDEX resolved when libelf
				 * can); names are resolved only when it is
				 * < section_count */
	uint16_t shnum;		/* e_shnum as written (libelf gives no
				 * sections when their table is not in the
				 * file; section_count is what it read) */
	uint16_t shentsize;	/* e_shentsize */
	uint16_t phentsize;	/* e_phentsize */
	uint16_t phnum;		/* e_phnum as written */
	unsigned version;	/* e_ident[EI_VERSION] */

	/* The first section header as written at e_shoff, converted by libelf
	 * even when libelf refuses the rest of the table (BFD reads it first,
	 * for the extended section numbering); valid when shdr0_present. */
	bool shdr0_present;
	struct elf_section shdr0;

	size_t section_count;	/* entries of sections[], index 0 included */
	struct elf_section *sections;
	/* libelf could not read the section header table: section_count is
	 * 0 and shnum says how many the header claims. */
	bool sections_unreadable;
	size_t segment_count;
	struct elf_segment *segments;
	/* libelf could not read the program header table (it lies past the
	 * end of the file, say): segment_count is 0 and phnum says how many
	 * the header claims.  What that means is the caller's to decide. */
	bool segments_unreadable;

	struct elf_image_private *priv;
};

/* Open PATH and read its headers.  Returns a new image (free it with
 * elf_image_free()), or NULL with ERR set (kinds above).  Unreadable
 * section or program header tables are not errors here (see
 * sections_unreadable, segments_unreadable): what they mean is for the
 * caller, which models a particular reader of ELF, to decide. */
struct elf_image *elf_image_open(const char *path, struct ef_error *err);

/* The same for a file read whole (stream.h: standard input), named NAME
 * (which must outlive the image): the image owns BYTES (malloc'd, SIZE
 * of them) from now on, and frees them even when it fails. */
struct elf_image *elf_image_open_memory(const char *name, void *bytes,
					size_t size, struct ef_error *err);

/* The same for a program to exec: the kernel reads only the ELF header
 * and the program headers, so a file whose section header fields libelf
 * refuses outright (e_shnum 0 with section 0 claiming 2^64-1 sections,
 * say) is read as if it had no section headers - it has no sections
 * then - where elf_image_open() calls it not ELF. */
struct elf_image *elf_image_open_program(const char *path,
					 struct ef_error *err);

/* For an archive: open the member after PREV (NULL for the first) as a new
 * image.  Returns NULL at the end (ERR kind 0) or on error (ERR kind set).
 * The member image must be freed before its archive. */
struct elf_image *elf_image_next_member(struct elf_image *archive,
					struct ef_error *err);

/* Release IMAGE and everything it owns.  NULL is allowed. */
void elf_image_free(struct elf_image *image);

/* Read COUNT bytes of the file at OFFSET into BUF.  Returns 0, or -1 with
 * ERR set when the range is not inside the file. */
int elf_image_read(const struct elf_image *image, uint64_t offset, void *buf,
		   size_t count, struct ef_error *err);

/* Read one symbol table entry from the raw bytes at OFFSET (in IMAGE's
 * class and byte order), whether or not libelf would read its table.
 * Fills *SYMBOL but its name (NULL) and shndx (st_shndx as written).
 * Returns 0, or -1 with ERR set when the bytes are not in the file. */
int elf_image_read_symbol(const struct elf_image *image, uint64_t offset,
			  struct elf_symbol *symbol, struct ef_error *err);

/* The symbols of IMAGE (.symtab, else .dynsym), loaded on first call.
 * Returns the count and sets *SYMBOLS (owned by the image), or -1 with ERR
 * set.  A file without symbols has 0. */
long elf_image_symbols(struct elf_image *image,
		       const struct elf_symbol **symbols, struct ef_error *err);

/* Find the first symbol called NAME.  Returns it (owned by the image) or
 * NULL with ERR kind ELF_IMAGE_ERR_NO_SYMBOL. */
const struct elf_symbol *elf_image_symbol(struct elf_image *image,
					  const char *name,
					  struct ef_error *err);

/* The section called NAME, or NULL. */
const struct elf_section *elf_image_section(const struct elf_image *image,
					    const char *name);

#endif
