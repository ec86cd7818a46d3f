/* section_table.c - BFD's list of sections for an ELF file (binutils 2.40).
 *
 * The functions mirror BFD's: check_elf_header() is the part of
 * elf_object_p() that decides whether a target accepts the file,
 * section_from_shdr() is bfd_section_from_shdr() (which ELF sections become
 * BFD sections, and in what order), make_section() is
 * _bfd_elf_make_section_from_shdr() (flags, size, alignment, LMA).
 */
#include <config.h>

#include <elf.h>
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "section_table.h"

#ifndef EM_IAMCU
#define EM_IAMCU 6
#endif
#ifndef SHT_RELR
#define SHT_RELR 19
#endif
#ifndef SHT_X86_64_UNWIND
#define SHT_X86_64_UNWIND 0x70000001
#endif
#ifndef SHF_GNU_RETAIN
#define SHF_GNU_RETAIN (1u << 21)
#endif
#ifndef PT_GNU_SFRAME
#define PT_GNU_SFRAME 0x6474e554
#endif
#define PT_GNU_MBIND_LO_ (PT_LOOS + 0x474e555)
#define PT_GNU_MBIND_HI_ (PT_GNU_MBIND_LO_ + 0xfff)

static const char *const flag_names[SECTION_FLAG_COUNT] = {
	"CONTENTS", "ALLOC", "LOAD", "RELOC", "READONLY", "CODE", "DATA",
	"DEBUGGING", "EXCLUDE", "OCTETS", "THREAD_LOCAL", "GROUP",
	"LINK_ONCE_DISCARD",
};

const char *section_flag_name(unsigned flag_bit)
{
	for (unsigned i = 0; i < SECTION_FLAG_COUNT; i++)
		if (flag_bit == 1u << i)
			return flag_names[i];
	return NULL;
}

/* The state of one build: BFD's per-shdr bookkeeping. */
struct builder {
	const struct elf_image *image;
	struct section_table *table;
	long *bfd_index;	/* per ELF section: its BFD entry, or -1 */
	bool *being_created;	/* recursion guard, as BFD 2.40 has */
	size_t symtab;		/* elf_onesymtab: the SHT_SYMTAB in use, or 0 */
	size_t dynsymtab;	/* elf_dynsymtab */
	bool groups_read;	/* setup_group() has run once */
	struct ef_error *err;
};

/* The BFD targets Debian's x86-64 binutils has for this ELF header.  BFD
 * prefers a target written for e_machine (of the same ELF class); the
 * generic targets reject any machine that has one, whatever its byte
 * order (elf_object_p()'s loop over bfd_target_vector). */
static const char *target_name(const struct elf_image *image)
{
	bool is64 = image->elf_class == ELFCLASS64;
	bool big = image->data == ELFDATA2MSB;
	const char *specific = NULL;

	if (image->machine == EM_386 && !is64)
		specific = "elf32-i386";
	else if (image->machine == EM_IAMCU && !is64)
		specific = "elf32-iamcu";
	else if (image->machine == EM_X86_64)
		specific = is64 ? "elf64-x86-64" : "elf32-x86-64";
	if (specific != NULL)
		return big ? NULL : specific;
	if (is64)
		return big ? "elf64-big" : "elf64-little";
	return big ? "elf32-big" : "elf32-little";
}

static bool is_x86_64_target(const struct elf_image *image)
{
	return image->machine == EM_X86_64 && image->data == ELFDATA2LSB;
}

static int add_warning(struct builder *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int add_warning(struct builder *b, const char *fmt, ...)
{
	struct section_table *t = b->table;
	char **grown;
	char *text;
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vasprintf(&text, fmt, ap);
	va_end(ap);
	grown = n < 0 ? NULL
		: realloc(t->warnings, (t->warning_count + 1) * sizeof *grown);
	if (grown == NULL) {
		if (n >= 0)
			free(text);
		return ef_error_set(b->err, SECTION_TABLE_ERR_NOMEM, ENOMEM,
				    "out of memory");
	}
	t->warnings = grown;
	t->warnings[t->warning_count++] = text;
	return 0;
}

static int not_recognized(struct builder *b, const char *why)
{
	return ef_error_set(b->err, SECTION_TABLE_ERR_FORMAT, 0, "%s", why);
}

static const struct elf_section *shdr_at(const struct builder *b, size_t i)
{
	return &b->image->sections[i];
}

/* ---- ELF_SECTION_IN_SEGMENT ------------------------------------------ */

/* .tbss occupies neither memory nor file space in non-TLS segments. */
static bool tbss_special(const struct elf_section *s,
			 const struct elf_segment *seg)
{
	return (s->flags & SHF_TLS) && s->type == SHT_NOBITS &&
	       seg->type != PT_TLS;
}

static uint64_t size_in_segment(const struct elf_section *s,
				const struct elf_segment *seg)
{
	return tbss_special(s, seg) ? 0 : s->size;
}

/* TLS sections live only in PT_TLS, PT_GNU_RELRO and PT_LOAD; PT_TLS holds
 * only TLS sections and PT_PHDR none. */
static bool segment_type_allows(const struct elf_section *s,
				const struct elf_segment *seg)
{
	if (s->flags & SHF_TLS)
		return seg->type == PT_TLS || seg->type == PT_GNU_RELRO ||
		       seg->type == PT_LOAD;
	return seg->type != PT_TLS && seg->type != PT_PHDR;
}

/* Loadable segment kinds hold only SHF_ALLOC sections. */
static bool segment_needs_alloc(const struct elf_segment *seg)
{
	switch (seg->type) {
	case PT_LOAD: case PT_DYNAMIC: case PT_GNU_EH_FRAME:
	case PT_GNU_STACK: case PT_GNU_RELRO: case PT_GNU_SFRAME:
		return true;
	default:
		return seg->type >= PT_GNU_MBIND_LO_ &&
		       seg->type <= PT_GNU_MBIND_HI_;
	}
}

static bool offsets_inside(const struct elf_section *s,
			   const struct elf_segment *seg, bool strict)
{
	uint64_t rel = s->offset - seg->offset;

	if (s->type == SHT_NOBITS)
		return true;
	return s->offset >= seg->offset &&
	       (!strict || rel <= seg->filesz - 1) &&
	       rel + size_in_segment(s, seg) <= seg->filesz;
}

static bool addresses_inside(const struct elf_section *s,
			     const struct elf_segment *seg, bool strict)
{
	uint64_t rel = s->addr - seg->vaddr;

	if (!(s->flags & SHF_ALLOC))
		return true;
	return s->addr >= seg->vaddr &&
	       (!strict || rel <= seg->memsz - 1) &&
	       rel + size_in_segment(s, seg) <= seg->memsz;
}

/* An empty section is not at the very start or end of PT_DYNAMIC/PT_NOTE. */
static bool not_empty_at_note_edge(const struct elf_section *s,
				   const struct elf_segment *seg)
{
	if ((seg->type != PT_DYNAMIC && seg->type != PT_NOTE) ||
	    s->size != 0 || seg->memsz == 0)
		return true;
	return (s->type == SHT_NOBITS ||
		(s->offset > seg->offset &&
		 s->offset - seg->offset < seg->filesz)) &&
	       (!(s->flags & SHF_ALLOC) ||
		(s->addr > seg->vaddr && s->addr - seg->vaddr < seg->memsz));
}

bool section_in_segment(const struct elf_section *s,
			const struct elf_segment *seg, bool strict)
{
	return segment_type_allows(s, seg) &&
	       !(!(s->flags & SHF_ALLOC) && segment_needs_alloc(seg)) &&
	       offsets_inside(s, seg, strict) &&
	       addresses_inside(s, seg, strict) &&
	       not_empty_at_note_edge(s, seg);
}

/* ---- groups ----------------------------------------------------------- */

static uint32_t read_word32(const struct elf_image *image, const uint8_t *w)
{
	if (image->data == ELFDATA2MSB)
		return (uint32_t)w[0] << 24 | (uint32_t)w[1] << 16 |
		       (uint32_t)w[2] << 8 | w[3];
	return (uint32_t)w[3] << 24 | (uint32_t)w[2] << 16 |
	       (uint32_t)w[1] << 8 | w[0];
}

static uint32_t group_flag_word(const struct builder *b,
				const struct elf_section *grp)
{
	uint8_t word[4];

	if (elf_image_read(b->image, grp->offset, word, 4, NULL) != 0)
		return 0;
	return read_word32(b->image, word);
}

/* setup_group(), run when the first SHF_GROUP member is made: the group
 * sections BFD has made by then are marked LINK_ONCE when COMDAT. */
static void mark_comdat_groups(struct builder *b)
{
	const struct elf_image *image = b->image;

	if (b->groups_read)
		return;
	b->groups_read = true;
	for (size_t g = 1; g < image->section_count; g++) {
		const struct elf_section *grp = shdr_at(b, g);

		if (grp->type == SHT_GROUP && grp->size >= 8 &&
		    b->bfd_index[g] >= 0 &&
		    (group_flag_word(b, grp) & GRP_COMDAT))
			b->table->entries[b->bfd_index[g]].flags |=
				SECTION_LINK_ONCE_DISCARD;
	}
}

/* Whether section SHINDEX is listed in a well-formed SHT_GROUP. */
static bool in_some_group(const struct builder *b, size_t shindex)
{
	const struct elf_image *image = b->image;

	for (size_t g = 1; g < image->section_count; g++) {
		const struct elf_section *grp = shdr_at(b, g);
		size_t words = grp->size / 4;

		if (grp->type != SHT_GROUP || grp->size < 8)
			continue;
		for (size_t w = 1; w < words; w++) {
			uint8_t word[4];

			if (elf_image_read(image, grp->offset + 4 * w, word, 4,
					   NULL) != 0)
				break;
			if (read_word32(image, word) == shindex)
				return true;
		}
	}
	return false;
}

/* ---- _bfd_elf_make_section_from_shdr --------------------------------- */

static bool starts_with(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* Unallocated sections that BFD recognises by name alone. */
static unsigned name_flags(const char *name)
{
	if (name[0] != '.')
		return 0;
	if (starts_with(name, ".debug") ||
	    starts_with(name, ".gnu.debuglto_.debug_") ||
	    starts_with(name, ".gnu.linkonce.wi.") ||
	    starts_with(name, ".zdebug"))
		return SECTION_DEBUGGING | SECTION_OCTETS;
	if (starts_with(name, ".gnu.build.attributes") ||
	    starts_with(name, ".note.gnu"))
		return SECTION_OCTETS;
	if (starts_with(name, ".line") || starts_with(name, ".stab") ||
	    strcmp(name, ".gdb_index") == 0)
		return SECTION_DEBUGGING;
	return 0;
}

static unsigned shdr_flags(const struct elf_section *s)
{
	unsigned flags = 0;

	if (s->type != SHT_NOBITS)
		flags |= SECTION_CONTENTS;
	if (s->type == SHT_GROUP)
		flags |= SECTION_GROUP;
	if (s->flags & SHF_ALLOC) {
		flags |= SECTION_ALLOC;
		if (s->type != SHT_NOBITS)
			flags |= SECTION_LOAD;
	}
	if (!(s->flags & SHF_WRITE))
		flags |= SECTION_READONLY;
	if (s->flags & SHF_EXECINSTR)
		flags |= SECTION_CODE;
	else if (flags & SECTION_LOAD)
		flags |= SECTION_DATA;
	if (s->flags & SHF_TLS)
		flags |= SECTION_THREAD_LOCAL;
	if (s->flags & SHF_EXCLUDE)
		flags |= SECTION_EXCLUDE;
	if (!(flags & SECTION_ALLOC))
		flags |= name_flags(s->name);
	return flags;
}

/* bfd_log2() of the lowest set bit: BFD keeps only power-of-two alignment. */
static unsigned alignment_power(uint64_t addralign)
{
	uint64_t low = addralign & -addralign;
	unsigned power = 0;

	while (low > 1) {
		low >>= 1;
		power++;
	}
	return power;
}

/* Some linkers leave every p_paddr zero; with several PT_LOADs BFD then
 * keeps LMA = VMA rather than invent overlapping load addresses. */
static bool paddrs_unusable(const struct elf_image *image)
{
	unsigned loads = 0;

	for (size_t i = 0; i < image->segment_count; i++) {
		const struct elf_segment *seg = &image->segments[i];

		if (seg->paddr != 0)
			return false;
		if (seg->type == PT_LOAD && seg->memsz != 0)
			loads++;
	}
	return loads > 1;
}

/* The LMA of an allocated section: from the first PT_LOAD (PT_TLS for TLS
 * sections) that holds it; a zero-sized section on a segment boundary
 * belongs to the segment whose addresses contain it. */
static void set_lma(const struct elf_image *image,
		    struct bfd_section_entry *e)
{
	const struct elf_section *s = e->shdr;

	if (paddrs_unusable(image))
		return;
	for (size_t i = 0; i < image->segment_count; i++) {
		const struct elf_segment *seg = &image->segments[i];

		if (!((seg->type == PT_LOAD && !(s->flags & SHF_TLS)) ||
		      seg->type == PT_TLS) ||
		    !section_in_segment(s, seg, false))
			continue;
		if (!(e->flags & SECTION_LOAD))
			e->lma = seg->paddr + s->addr - seg->vaddr;
		else
			e->lma = seg->paddr + s->offset - seg->offset;
		e->load_segment = (long)i;
		if (s->addr >= seg->vaddr &&
		    s->addr + s->size <= seg->vaddr + seg->memsz)
			break;
	}
}

/* Compressed DWARF is listed decompressed: objdump opens files with
 * BFD_DECOMPRESS unless it dumps contents.  An SHF_COMPRESSED section
 * takes the size and alignment of its compression header; a GNU-style
 * .zdebug_* section ("ZLIB" and a big-endian 64-bit size) keeps its name
 * and alignment but shows the uncompressed size. */
static void decompress_debug(struct builder *b, struct bfd_section_entry *e)
{
	const struct elf_section *s = e->shdr;
	const char *name = s->name;
	size_t length = strlen(name);
	uint8_t header[12];

	if (!(e->flags & SECTION_DEBUGGING) || !(e->flags & SECTION_CONTENTS))
		return;
	if (!((name[1] == 'd' && length > 6 && name[6] == '_') ||
	      (name[1] == 'z' && length > 7 && name[7] == '_')))
		return;
	if (s->flags & SHF_COMPRESSED) {
		if (s->uncompressed_size == 0 && s->uncompressed_align == 0)
			return;
		e->size = s->uncompressed_size;
		e->alignment_power = alignment_power(s->uncompressed_align);
		return;
	}
	if (s->size >= sizeof header &&
	    elf_image_read(b->image, s->offset, header, sizeof header,
			   NULL) == 0 &&
	    memcmp(header, "ZLIB", 4) == 0) {
		e->size = 0;
		for (int i = 4; i < 12; i++)
			e->size = e->size << 8 | header[i];
	}
}

static int make_section(struct builder *b, size_t shindex)
{
	const struct elf_section *s = shdr_at(b, shindex);
	struct section_table *t = b->table;
	struct bfd_section_entry *e;

	if (b->bfd_index[shindex] >= 0)
		return 0;
	if (alignment_power(s->addralign) >= 63)
		return not_recognized(b, "section alignment too large");
	e = &t->entries[t->count];
	memset(e, 0, sizeof *e);
	e->shdr = s;
	e->name = s->name;
	e->index = (unsigned)t->count;
	e->flags = shdr_flags(s);
	e->size = s->size;
	e->vma = e->lma = s->addr;
	e->file_offset = s->offset;
	e->alignment_power = alignment_power(s->addralign);
	e->load_segment = -1;
	b->bfd_index[shindex] = (long)t->count++;
	if (s->flags & SHF_GROUP)
		mark_comdat_groups(b);
	/* .gnu.linkonce sections are link-once unless a group owns them. */
	if (starts_with(s->name, ".gnu.linkonce") &&
	    !((s->flags & SHF_GROUP) && in_some_group(b, shindex)))
		e->flags |= SECTION_LINK_ONCE_DISCARD;
	if (e->flags & SECTION_ALLOC)
		set_lma(b->image, e);
	decompress_debug(b, e);
	return 0;
}

/* ---- bfd_section_from_shdr ------------------------------------------- */

static int section_from_shdr(struct builder *b, size_t shindex);

static size_t sym_entry_size(const struct elf_image *image)
{
	return image->elf_class == ELFCLASS64 ? sizeof(Elf64_Sym)
					      : sizeof(Elf32_Sym);
}

/* A symbol table: the first of its type is BFD's; it is a BFD section only
 * when it is .dynsym, or an allocated .symtab in a shared object. */
static int symbol_table(struct builder *b, size_t shindex, size_t *which)
{
	const struct elf_section *s = shdr_at(b, shindex);

	if (*which == shindex)
		return 0;
	if (s->entsize != sym_entry_size(b->image))
		return not_recognized(b, "bad symbol table entry size");
	if (s->info * s->entsize > s->size)
		return s->size != 0 ? not_recognized(b, "bad symbol table") : 0;
	if (*which != 0)
		return add_warning(b, "warning: %s: multiple %ssymbol tables "
				   "detected - ignoring the table in section %zu",
				   b->image->path,
				   s->type == SHT_DYNSYM ? "dynamic " : "",
				   shindex);
	*which = shindex;
	if (s->type == SHT_DYNSYM ||
	    ((s->flags & SHF_ALLOC) && b->image->type == ET_DYN))
		return make_section(b, shindex);
	return 0;
}

/* A string table is a section unless it names sections or symbols of
 * .symtab; .dynstr is one.  Tables linked from later headers are found by
 * creating those first, as BFD does. */
static int string_table(struct builder *b, size_t shindex)
{
	const struct elf_image *image = b->image;

	if (b->bfd_index[shindex] >= 0 || image->shstrndx == shindex)
		return 0;
	if (b->symtab != 0 && shdr_at(b, b->symtab)->link == shindex)
		return 0;
	if (b->dynsymtab != 0 && shdr_at(b, b->dynsymtab)->link == shindex)
		return make_section(b, shindex);
	if (b->symtab == 0 || b->dynsymtab == 0) {
		for (size_t i = 1; i < image->section_count; i++) {
			if (shdr_at(b, i)->link != shindex)
				continue;
			if (i == shindex)
				return not_recognized(b, "section links to itself");
			if (section_from_shdr(b, i) != 0)
				return -1;
			if (b->symtab == i)
				return 0;
			if (b->dynsymtab == i)
				return make_section(b, shindex);
		}
	}
	return make_section(b, shindex);
}

static size_t reloc_entry_size(const struct elf_image *image, uint32_t type)
{
	bool is64 = image->elf_class == ELFCLASS64;

	if (type == SHT_REL)
		return is64 ? sizeof(Elf64_Rel) : sizeof(Elf32_Rel);
	if (type == SHT_RELA)
		return is64 ? sizeof(Elf64_Rela) : sizeof(Elf32_Rela);
	return is64 ? 8 : 4;
}

static bool is_reloc_type(uint32_t type)
{
	return type == SHT_REL || type == SHT_RELA;
}

/* Relocations of .symtab against a real section in a relocatable file (or
 * unallocated ones in an executable) are folded into that section, which
 * gains RELOC; every other relocation section is listed as a section. */
static int reloc_section(struct builder *b, size_t shindex)
{
	const struct elf_image *image = b->image;
	const struct elf_section *s = shdr_at(b, shindex);
	size_t count = image->section_count;
	bool linked_or_dynamic = image->type == ET_EXEC || image->type == ET_DYN;
	long target;

	if (s->entsize != reloc_entry_size(image, s->type))
		return not_recognized(b, "bad relocation entry size");
	if (s->link >= count) {
		if (add_warning(b, "%s: invalid link %u for reloc section %s "
				"(index %zu)", image->path, s->link, s->name,
				shindex) != 0)
			return -1;
		return make_section(b, shindex);
	}
	if ((shdr_at(b, s->link)->type == SHT_SYMTAB ||
	     shdr_at(b, s->link)->type == SHT_DYNSYM) &&
	    section_from_shdr(b, s->link) != 0)
		return -1;
	if ((linked_or_dynamic && (s->flags & SHF_ALLOC)) ||
	    s->type == SHT_RELR || s->link == SHN_UNDEF ||
	    s->link != b->symtab || s->info == SHN_UNDEF ||
	    s->info >= count || is_reloc_type(shdr_at(b, s->info)->type))
		return make_section(b, shindex);
	if (section_from_shdr(b, s->info) != 0)
		return -1;
	target = b->bfd_index[s->info];
	if (target < 0)
		return not_recognized(b, "relocations for a section BFD lacks");
	b->table->entries[target].flags |= SECTION_RELOC;
	return 0;
}

/* Types BFD makes a section of without further ado. */
static bool plain_section_type(uint32_t type)
{
	switch (type) {
	case SHT_PROGBITS: case SHT_NOBITS: case SHT_HASH: case SHT_NOTE:
	case SHT_INIT_ARRAY: case SHT_FINI_ARRAY: case SHT_PREINIT_ARRAY:
	case SHT_GNU_LIBLIST: case SHT_GNU_HASH:
	case SHT_GNU_verdef: case SHT_GNU_verneed:
		return true;
	default:
		return false;
	}
}

/* Section types outside the generic ones: attributes, backend types, and
 * the user/OS ranges BFD accepts; anything else rejects the file. */
static int other_section(struct builder *b, size_t shindex)
{
	const struct elf_section *s = shdr_at(b, shindex);
	uint32_t type = s->type;

	if (type == SHT_GNU_ATTRIBUTES)
		return make_section(b, shindex);
	if (type == SHT_X86_64_UNWIND && is_x86_64_target(b->image))
		return make_section(b, shindex);
	if (type >= SHT_LOUSER && type <= SHT_HIUSER && !(s->flags & SHF_ALLOC))
		return make_section(b, shindex);
	if (type >= SHT_LOOS && type <= SHT_HIOS &&
	    !(s->flags & SHF_OS_NONCONFORMING))
		return make_section(b, shindex);
	if (add_warning(b, "%s: unknown type [%#x] section `%s'",
			b->image->path, type, s->name) != 0)
		return -1;
	return not_recognized(b, "unknown section type");
}

static int dispatch_shdr(struct builder *b, size_t shindex)
{
	const struct elf_section *s = shdr_at(b, shindex);

	if (!s->name_valid)
		return not_recognized(b, "section name out of range");
	if (plain_section_type(s->type))
		return make_section(b, shindex);
	switch (s->type) {
	case SHT_NULL: case SHT_SHLIB: case SHT_SYMTAB_SHNDX:
		return 0;
	case SHT_DYNAMIC:
		return make_section(b, shindex);
	case SHT_SYMTAB:
		return symbol_table(b, shindex, &b->symtab);
	case SHT_DYNSYM:
		return symbol_table(b, shindex, &b->dynsymtab);
	case SHT_STRTAB:
		return string_table(b, shindex);
	case SHT_REL: case SHT_RELA: case SHT_RELR:
		return reloc_section(b, shindex);
	case SHT_GNU_versym:
		if (s->entsize != 2)
			return not_recognized(b, "bad .gnu.version entry size");
		return make_section(b, shindex);
	case SHT_GROUP:
		if (s->size < 8 || s->entsize != 4)
			return not_recognized(b, "bad group section");
		return make_section(b, shindex);
	default:
		return other_section(b, shindex);
	}
}

static int section_from_shdr(struct builder *b, size_t shindex)
{
	int rc;

	if (b->being_created[shindex]) {
		add_warning(b, "%s: warning: loop in section dependencies "
			    "detected", b->image->path);
		return not_recognized(b, "loop in section dependencies");
	}
	b->being_created[shindex] = true;
	rc = dispatch_shdr(b, shindex);
	b->being_created[shindex] = false;
	return rc;
}


/* ---- elf_object_p ----------------------------------------------------- */

static size_t shdr_size(const struct elf_image *image)
{
	return image->elf_class == ELFCLASS64 ? sizeof(Elf64_Shdr)
					      : sizeof(Elf32_Shdr);
}

static size_t phdr_size(const struct elf_image *image)
{
	return image->elf_class == ELFCLASS64 ? sizeof(Elf64_Phdr)
					      : sizeof(Elf32_Phdr);
}

static size_t ehdr_size(const struct elf_image *image)
{
	return image->elf_class == ELFCLASS64 ? sizeof(Elf64_Ehdr)
					      : sizeof(Elf32_Ehdr);
}

/* Header checks that make BFD's ELF targets reject a file. */
static int check_elf_header(struct builder *b)
{
	const struct elf_image *image = b->image;
	uint64_t shnum = image->section_count > image->shnum
			 ? image->section_count : image->shnum;
	uint64_t phnum = image->segment_count;

	if (image->type == ET_CORE)
		return not_recognized(b, "core files are not objects");
	if (shnum != 0 && image->shentsize != shdr_size(image))
		return not_recognized(b, "bad e_shentsize");
	if (phnum != 0 && image->phentsize != phdr_size(image))
		return not_recognized(b, "bad e_phentsize");
	if (shnum != 0 && image->shoff < ehdr_size(image))
		return not_recognized(b, "section headers overlap the ELF header");
	if (shnum != 0 &&
	    (image->shoff > image->file_size ||
	     shnum * shdr_size(image) > image->file_size - image->shoff))
		return not_recognized(b, "section headers past the end of the file");
	if (phnum != 0 &&
	    (image->phoff > image->file_size ||
	     phnum * phdr_size(image) > image->file_size - image->phoff))
		return not_recognized(b, "program headers past the end of the file");
	return 0;
}

/* Warnings BFD gives, once per file, for damage it tolerates. */
static int check_tolerated_damage(struct builder *b)
{
	const struct elf_image *image = b->image;

	if (image->section_count != 0 &&
	    image->shstrndx >= image->section_count &&
	    add_warning(b, "warning: %s has a corrupt string table index",
			image->path) != 0)
		return -1;
	for (size_t i = 1; i < image->section_count; i++) {
		const struct elf_section *s = shdr_at(b, i);

		if (s->type != SHT_NOBITS &&
		    (s->offset > image->file_size ||
		     s->size > image->file_size - s->offset))
			return add_warning(b, "warning: %s has a section "
					   "extending past end of file",
					   image->path);
	}
	return 0;
}

static int build_sections(struct builder *b)
{
	const struct elf_image *image = b->image;

	if (image->shstrndx == 0 || image->shstrndx >= image->section_count)
		return 0;
	for (size_t i = 1; i < image->section_count; i++)
		if (section_from_shdr(b, i) != 0)
			return -1;
	return 0;
}

static int builder_init(struct builder *b, const struct elf_image *image,
			struct section_table *table, struct ef_error *err)
{
	size_t n = image->section_count ? image->section_count : 1;

	memset(b, 0, sizeof *b);
	b->image = image;
	b->table = table;
	b->err = err;
	b->bfd_index = malloc(n * sizeof *b->bfd_index);
	b->being_created = calloc(n, sizeof *b->being_created);
	table->entries = calloc(n, sizeof *table->entries);
	if (b->bfd_index == NULL || b->being_created == NULL ||
	    table->entries == NULL)
		return ef_error_set(err, SECTION_TABLE_ERR_NOMEM, ENOMEM,
				    "out of memory");
	for (size_t i = 0; i < n; i++)
		b->bfd_index[i] = -1;
	return 0;
}

int section_table_build(const struct elf_image *image,
			struct section_table *table, struct ef_error *err)
{
	struct builder b;
	int rc;

	ef_error_clear(err);
	memset(table, 0, sizeof *table);
	table->format = target_name(image);
	table->address_bits = image->elf_class == ELFCLASS64 ? 64 : 32;
	if (table->format == NULL)
		return ef_error_set(err, SECTION_TABLE_ERR_FORMAT, 0,
				    "no BFD target for this machine and byte order");
	rc = builder_init(&b, image, table, err);
	if (rc == 0)
		rc = check_elf_header(&b);
	if (rc == 0)
		rc = check_tolerated_damage(&b);
	if (rc == 0)
		rc = build_sections(&b);
	free(b.bfd_index);
	free(b.being_created);
	if (rc != 0) {
		/* The warnings stay: BFD prints them even when it gives up. */
		free(table->entries);
		table->entries = NULL;
		table->count = 0;
	}
	return rc;
}

void section_table_release(struct section_table *table)
{
	for (size_t i = 0; i < table->warning_count; i++)
		free(table->warnings[i]);
	free(table->entries);
	free(table->warnings);
	memset(table, 0, sizeof *table);
}
