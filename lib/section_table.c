/* section_table.c - BFD's list of sections for an ELF file (binutils 2.40).
 *
 * BFD tries each target of its vector on a file; here that is the x86
 * target for the file's machine (when there is one), then the generic one.
 * An attempt mirrors BFD's functions: check_elf_header() is the part of
 * bfd/elfcode.h elf_object_p() that rejects files, section_from_shdr() is
 * bfd/elf.c bfd_section_from_shdr() (which ELF sections become BFD
 * sections, and in what order), make_section() is
 * _bfd_elf_make_section_from_shdr() (flags, size, alignment, LMA), and
 * setup_group()/check_links() are elf.c's setup_group() and
 * _bfd_elf_setup_sections().
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
#ifndef ELFCOMPRESS_ZSTD
#define ELFCOMPRESS_ZSTD 2
#endif
#ifndef PT_GNU_SFRAME
#define PT_GNU_SFRAME 0x6474e554
#endif
#define PT_GNU_MBIND_LO_ (PT_LOOS + 0x474e555)
#define PT_GNU_MBIND_HI_ (PT_GNU_MBIND_LO_ + 0xfff)
#define SHN_BEFORE_ 0xff00	/* Solaris sh_link values x86 BFD accepts */
#define SHN_AFTER_ 0xff01

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

/* A BFD target: what differs between the x86 backends and the generic
 * ELF one for listing sections. */
struct target {
	const char *name;
	bool x86;		/* accepts sh_link SHN_BEFORE/SHN_AFTER */
	bool x86_64;		/* elf_x86_64_section_from_shdr(): only
				 * SHT_X86_64_UNWIND among processor types */
	bool generic;		/* default backend hook: any type is a section */
};

/* The messages of one attempt, and whether BFD's once-per-file warning
 * latch (abfd->read_only) has fired; it outlives the attempt. */
struct messages {
	size_t count;
	char **text;
};

/* Which relocation sections fold into target T so far (REL and RELA are
 * kept apart, as bfd_elf_section_data's rel and rela). */
struct reloc_slots {
	bool rel;
	bool rela;
};

/* A string table as bfd_elf_get_str_section() caches it. */
struct string_table {
	bool loaded;		/* read, with one NUL added after it */
	bool failed;		/* reading failed: BFD then sets sh_size 0 */
	char *bytes;
	uint64_t size;
};

/* BFD's bookkeeping for one ELF section header. */
struct shdr_state {
	long bfd_index;		/* its BFD entry, or -1 */
	bool being_created;	/* recursion guard, as BFD 2.40 has */
	bool secondary_reloc;	/* a RELA shown as a second reloc one */
	bool has_group_flag;	/* SHF_GROUP, as setup_group() sets it */
	bool in_group;		/* elf_next_in_group(): a group has it */
	bool group_has_member;	/* a .group whose member BFD has made */
	struct reloc_slots slots; /* relocs folded into it */
	const char *name;	/* the name BFD looked up */
	struct string_table strings; /* as BFD reads it */
};

/* The state of one attempt. */
struct builder {
	const struct elf_image *image;
	const struct target *target;
	const char *bfd_name;	/* %pB: PATH, or ARCHIVE(MEMBER) */
	struct bfd_section_entry *entries;
	size_t count;
	struct shdr_state *shdrs; /* per ELF section */
	size_t shstrndx;	/* e_shstrndx after BFD's sanity check */
	size_t symtab;		/* elf_onesymtab: the SHT_SYMTAB in use, or 0 */
	size_t dynsymtab;	/* elf_dynsymtab */
	bool groups_read;	/* setup_group() has read every SHT_GROUP */
	bool *latch;		/* per file: a "warning: FILE has ..." was given */
	struct messages msgs;
	struct ef_error *err;
};

static int out_of_memory(struct ef_error *err)
{
	return ef_error_set(err, SECTION_TABLE_ERR_NOMEM, ENOMEM,
			    "out of memory");
}

static int add_message(struct builder *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int add_message(struct builder *b, const char *fmt, ...)
{
	struct messages *m = &b->msgs;
	char **grown;
	char *text;
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vasprintf(&text, fmt, ap);
	va_end(ap);
	grown = n < 0 ? NULL : realloc(m->text, (m->count + 1) * sizeof *grown);
	if (grown == NULL) {
		if (n >= 0)
			free(text);
		return out_of_memory(b->err);
	}
	m->text = grown;
	m->text[m->count++] = text;
	return 0;
}

/* The three "warning: FILE has ..." messages share one latch per file:
 * BFD gives only the first of them. */
static int add_latched_warning(struct builder *b, const char *what)
{
	if (*b->latch)
		return 0;
	*b->latch = true;
	return add_message(b, "warning: %s has %s", b->bfd_name, what);
}

static void messages_free(struct messages *m)
{
	for (size_t i = 0; i < m->count; i++)
		free(m->text[i]);
	free(m->text);
	memset(m, 0, sizeof *m);
}

/* Reject the file for this target (BFD's got_wrong_format_error). */
static int not_recognized(struct builder *b, const char *why)
{
	return ef_error_set(b->err, SECTION_TABLE_ERR_FORMAT, 0, "%s", why);
}

static const struct elf_section *shdr_at(const struct builder *b, size_t i)
{
	return &b->image->sections[i];
}

/* The BFD entry made for ELF section I (it must have one). */
static const struct bfd_section_entry *entry_of(const struct builder *b,
						size_t i)
{
	return &b->entries[b->shdrs[i].bfd_index];
}

static size_t ehdr_size(const struct elf_image *image)
{
	return image->elf_class == ELFCLASS64 ? sizeof(Elf64_Ehdr)
					      : sizeof(Elf32_Ehdr);
}

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

static bool starts_with(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* Whether bytes [OFFSET, OFFSET+SIZE) lie inside the file. */
static bool in_file(const struct elf_image *image, uint64_t offset,
		    uint64_t size)
{
	return offset <= image->file_size &&
	       size <= image->file_size - offset;
}

static uint32_t read_word32(const struct elf_image *image, uint64_t offset)
{
	uint8_t w[4];

	if (elf_image_read(image, offset, w, 4, NULL) != 0)
		return 0;
	if (image->data == ELFDATA2MSB)
		return (uint32_t)w[0] << 24 | (uint32_t)w[1] << 16 |
		       (uint32_t)w[2] << 8 | w[3];
	return (uint32_t)w[3] << 24 | (uint32_t)w[2] << 16 |
	       (uint32_t)w[1] << 8 | w[0];
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

/* ---- flags, alignment, LMA, compression ------------------------------ */

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

static unsigned shdr_flags(const struct elf_section *s, const char *name)
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
		flags |= name_flags(name);
	return flags;
}

/* The powers bfd_set_section_alignment() accepts are below this. */
#define BFD_ALIGNMENT_POWER_LIMIT (sizeof(uint64_t) * 8 - 1)

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
 * sections) that holds it, by file offset (by address for NOBITS); a
 * zero-sized section on a segment boundary belongs to the segment whose
 * addresses contain it. */
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

/* Whether the first COUNT bytes of section S can be read (BFD's
 * bfd_get_section_contents() of a compression header). */
static bool header_readable(const struct elf_image *image,
			    const struct elf_section *s, uint64_t count)
{
	return count <= s->size && in_file(image, s->offset, count);
}

/* The compression header of S as BFD sees it: *COMPRESSED when it finds
 * one; returns false when the header is there but invalid, which makes
 * bfd_init_section_decompress_status() fail. */
static bool read_compression(const struct builder *b,
			     const struct elf_section *s, const char *name,
			     bool *compressed,
			     uint64_t *size, unsigned *power)
{
	const struct elf_image *image = b->image;
	uint64_t chdr_size = image->elf_class == ELFCLASS64
			     ? sizeof(Elf64_Chdr) : sizeof(Elf32_Chdr);
	uint8_t zlib[12];

	*compressed = false;
	*power = 0;
	if (s->flags & SHF_COMPRESSED) {
		if (!header_readable(image, s, chdr_size) || !s->chdr_valid)
			return true;
		*compressed = true;
		*size = s->chdr_size;
		*power = alignment_power(s->chdr_addralign);
		return (s->chdr_type == ELFCOMPRESS_ZLIB ||
			s->chdr_type == ELFCOMPRESS_ZSTD) &&
		       s->chdr_addralign ==
			       (s->chdr_addralign & -s->chdr_addralign);
	}
	if (!header_readable(image, s, sizeof zlib) ||
	    elf_image_read(image, s->offset, zlib, sizeof zlib, NULL) != 0 ||
	    memcmp(zlib, "ZLIB", 4) != 0)
		return true;
	/* A .debug_str whose first string starts "ZLIB" is not compressed. */
	if (strcmp(name, ".debug_str") == 0 && zlib[4] >= 0x20 &&
	    zlib[4] < 0x7f)
		return true;
	*compressed = true;
	*size = 0;
	for (int i = 4; i < 12; i++)
		*size = *size << 8 | zlib[i];
	return true;
}

/* Compressed DWARF is listed decompressed: objdump opens every file with
 * BFD_DECOMPRESS unless it dumps contents.  The section then shows the
 * uncompressed size and alignment; its name is kept (.zdebug_* too). */
static int decompress_debug(struct builder *b, struct bfd_section_entry *e)
{
	const unsigned wanted =
		SECTION_DEBUGGING | SECTION_CONTENTS | SECTION_OCTETS;
	bool compressed;
	uint64_t size;
	unsigned power;

	if ((e->flags & wanted) != wanted)
		return 0;
	if (!read_compression(b, e->shdr, e->name, &compressed, &size,
			      &power)) {
		if (add_message(b, "%s: unable to decompress section %s",
				b->bfd_name, e->name) != 0)
			return -1;
		return not_recognized(b, "invalid compression header");
	}
	if (!compressed)
		return 0;
	/* decompress_contents() works in zlib's 32-bit uInt. */
	if (e->shdr->size > UINT32_MAX || size > UINT32_MAX) {
		if (add_message(b, "%s: unable to decompress section %s",
				b->bfd_name, e->name) != 0)
			return -1;
		return not_recognized(b, "compressed section too large");
	}
	e->size = size;
	/* bfd_set_section_alignment() refuses a power of 63 or more (its
	 * 64-bit bfd_vma), and the caller goes on with the section's own. */
	if (power < BFD_ALIGNMENT_POWER_LIMIT)
		e->alignment_power = power;
	return 0;
}

/* ---- names ----------------------------------------------------------- */

/* bfd_elf_get_str_section(): string table T read once, with a NUL added
 * after it.  A table BFD cannot read stays unread.  Returns 1 when it was
 * read now, 0 when not, -1 without memory. */
static int load_strings(struct builder *b, size_t t)
{
	const struct elf_section *s = shdr_at(b, t);
	struct string_table *cache = &b->shdrs[t].strings;

	if (cache->failed)
		return 0;
	if (s->size == 0 || s->size == UINT64_MAX ||
	    !in_file(b->image, s->offset, s->size)) {
		cache->failed = true;
		return 0;
	}
	cache->bytes = malloc(s->size + 1);
	if (cache->bytes == NULL)
		return out_of_memory(b->err);
	if (elf_image_read(b->image, s->offset, cache->bytes, s->size,
			   NULL) != 0) {
		free(cache->bytes);
		cache->bytes = NULL;
		cache->failed = true;
		return 0;
	}
	cache->bytes[s->size] = '\0';
	cache->size = s->size;
	cache->loaded = true;
	return 1;
}

/* bfd_elf_string_from_elf_section(): the string at STRINDEX of string
 * table T, or NULL (*NAME) where BFD finds none.  Once a table is loaded
 * BFD refuses every lookup if its last byte is not NUL; an offset past
 * its end earns a message naming the table. */
static int lookup_string(struct builder *b, size_t t, uint32_t strindex,
			 const char **name)
{
	struct string_table *cache;
	const char *table_name;
	int loaded = 0;

	*name = NULL;
	if (strindex == 0) {
		*name = "";
		return 0;
	}
	if (t >= b->image->section_count)
		return 0;
	cache = &b->shdrs[t].strings;
	if (!cache->loaded) {
		uint32_t type = shdr_at(b, t)->type;

		if (type != SHT_STRTAB && type < SHT_LOOS)
			return add_message(b, "%s: attempt to load strings from "
					   "a non-string section (number %zu)",
					   b->bfd_name, t);
		loaded = load_strings(b, t);
		if (loaded <= 0)
			return loaded;
	}
	if (!loaded && cache->bytes[cache->size - 1] != '\0')
		return 0;
	if (strindex >= cache->size) {
		table_name = ".shstrtab";
		if (!(t == b->shstrndx && strindex == shdr_at(b, t)->name_offset) &&
		    lookup_string(b, b->shstrndx, shdr_at(b, t)->name_offset,
				  &table_name) != 0)
			return -1;
		return add_message(b, "%s: invalid string offset %u >= %llu for "
				   "section `%s'", b->bfd_name, strindex,
				   (unsigned long long)cache->size,
				   table_name ? table_name : "(null)");
	}
	*name = cache->bytes + strindex;
	return 0;
}

/* A section's name, from the section-name string table. */
static int lookup_name(struct builder *b, uint32_t strindex, const char **name)
{
	return lookup_string(b, b->shstrndx, strindex, name);
}

/* ---- groups ----------------------------------------------------------- */

static int section_from_shdr(struct builder *b, size_t shindex);

/* IS_VALID_GROUP_SECTION_HEADER with room for at least one member. */
static bool is_group_with_members(const struct elf_section *s)
{
	return s->type == SHT_GROUP && s->size >= 8 && s->entsize == 4 &&
	       s->size % 4 == 0;
}

/* Read one group's member list, as setup_group() translates it: members
 * get SHF_GROUP; an out-of-range or nested-group entry is reported. */
static int read_group(struct builder *b, size_t g)
{
	const struct elf_section *grp = shdr_at(b, g);
	size_t shnum = b->image->section_count;
	long entry;

	/* setup_group() walks the entries from the last to the first. */
	for (uint64_t w = grp->size / 4; w-- > 1;) {
		uint32_t member = read_word32(b->image, grp->offset + 4 * w);

		if (member < shnum)
			b->shdrs[member].has_group_flag = true;
		if ((member >= shnum || shdr_at(b, member)->type == SHT_GROUP) &&
		    add_message(b, "%s: invalid entry in SHT_GROUP section "
				"[%zu]", b->bfd_name, g) != 0)
			return -1;
	}
	entry = b->shdrs[g].bfd_index;
	if (entry >= 0 && (read_word32(b->image, grp->offset) & GRP_COMDAT))
		b->entries[entry].flags |= SECTION_LINK_ONCE_DISCARD;
	return 0;
}

/* setup_group()'s first call: every valid SHT_GROUP becomes a section
 * now, right after the member that triggered it. */
static int read_all_groups(struct builder *b)
{
	const struct elf_image *image = b->image;

	b->groups_read = true;
	for (size_t g = 0; g < image->section_count; g++) {
		const struct elf_section *grp = shdr_at(b, g);

		if (!is_group_with_members(grp))
			continue;
		if (section_from_shdr(b, g) != 0)
			return -1;
		if (!in_file(image, grp->offset, grp->size)) {
			if (add_message(b, "%s: invalid size field in group "
					"section header: %#llx", b->bfd_name,
					(unsigned long long)grp->size) != 0)
				return -1;
			continue;
		}
		if (read_group(b, g) != 0)
			return -1;
	}
	return 0;
}

static size_t sym_entry_size(const struct elf_image *image)
{
	return image->elf_class == ELFCLASS64 ? sizeof(Elf64_Sym)
					      : sizeof(Elf32_Sym);
}

/* The extended section index of symbol INDEX of the symbol table, when
 * there is an SHT_SYMTAB_SHNDX table to read it from. */
static bool read_extended_index(struct builder *b, uint64_t index)
{
	for (size_t i = 1; i < b->image->section_count; i++) {
		const struct elf_section *x = shdr_at(b, i);

		if (x->type == SHT_SYMTAB_SHNDX && x->size != 0)
			return in_file(b->image, x->offset + 4 * index, 4);
	}
	return false;
}

/* group_signature() and bfd_elf_sym_name(): group G's signature symbol
 * (sh_info of the symbol table it links to) must be readable; its name,
 * looked up for the group, may earn a message but never fails.  Sets
 * *READABLE; returns -1 only without memory. */
static int read_group_signature(struct builder *b, size_t g, bool *readable)
{
	const struct elf_section *grp = shdr_at(b, g), *symtab;
	struct elf_symbol sym;
	uint32_t strindex;
	size_t strtab;
	const char *name;

	*readable = false;
	if (grp->link >= b->image->section_count ||
	    shdr_at(b, grp->link)->type != SHT_SYMTAB)
		return 0;
	if (section_from_shdr(b, grp->link) != 0)
		return b->err->kind == SECTION_TABLE_ERR_NOMEM ? -1 : 0;
	if (b->symtab == 0)
		return 0;
	symtab = shdr_at(b, b->symtab);
	if (elf_image_read_symbol(b->image, symtab->offset + (uint64_t)grp->info *
				  sym_entry_size(b->image), &sym, NULL) != 0)
		return 0;
	if (sym.shndx == SHN_XINDEX && !read_extended_index(b, grp->info))
		return add_message(b, "%s symbol number %lu references "
				   "nonexistent SHT_SYMTAB_SHNDX section",
				   b->bfd_name, (unsigned long)grp->info);
	strindex = sym.name_offset;
	strtab = symtab->link;
	if (strindex == 0 && sym.type == STT_SECTION &&
	    sym.shndx < b->image->section_count) {
		strindex = shdr_at(b, sym.shndx)->name_offset;
		strtab = b->shstrndx;
	}
	*readable = true;
	return lookup_string(b, strtab, strindex, &name);
}

/* The valid group that lists section SHINDEX, or 0. */
static size_t group_of(const struct builder *b, size_t shindex)
{
	const struct elf_image *image = b->image;

	for (size_t g = 0; g < image->section_count; g++) {
		const struct elf_section *grp = shdr_at(b, g);

		if (!is_group_with_members(grp) ||
		    !in_file(image, grp->offset, grp->size))
			continue;
		for (uint64_t w = 1; w < grp->size / 4; w++)
			if (read_word32(image, grp->offset + 4 * w) == shindex)
				return g;
	}
	return 0;
}

/* setup_group() for a new SHF_GROUP section: find its group. */
static int setup_group(struct builder *b, size_t shindex)
{
	size_t g;

	if (!b->groups_read && read_all_groups(b) != 0)
		return -1;
	g = group_of(b, shindex);
	if (g == 0)
		return add_message(b, "%s: no group info for section '%s'",
				   b->bfd_name, b->shdrs[shindex].name);
	if (!b->shdrs[g].group_has_member) {
		bool readable;

		if (read_group_signature(b, g, &readable) != 0)
			return -1;
		if (!readable)
			return not_recognized(b, "unreadable group signature");
	}
	b->shdrs[g].group_has_member = true;
	b->shdrs[shindex].in_group = true;
	return 0;
}

/* ---- _bfd_elf_make_section_from_shdr --------------------------------- */

static int make_section(struct builder *b, size_t shindex)
{
	const struct elf_section *s = shdr_at(b, shindex);
	struct bfd_section_entry *e;
	size_t index;

	if (b->shdrs[shindex].bfd_index >= 0)
		return 0;
	index = b->count++;
	b->shdrs[shindex].bfd_index = (long)index;
	e = &b->entries[index];
	memset(e, 0, sizeof *e);
	e->shdr = s;
	e->name = b->shdrs[shindex].name ? b->shdrs[shindex].name : "";
	e->index = (unsigned)index;
	e->size = s->size;
	e->vma = e->lma = s->addr;
	e->file_offset = s->offset;
	e->load_segment = -1;
	if ((s->flags & SHF_GROUP || b->shdrs[shindex].has_group_flag) &&
	    setup_group(b, shindex) != 0)
		return -1;
	e = &b->entries[index];
	e->flags |= shdr_flags(s, e->name);
	e->alignment_power = alignment_power(s->addralign);
	/* bfd_set_section_alignment() refuses 2**63 and beyond. */
	if (e->alignment_power >= 63)
		return not_recognized(b, "section alignment too large");
	if (starts_with(e->name, ".gnu.linkonce") &&
	    !b->shdrs[shindex].in_group)
		e->flags |= SECTION_LINK_ONCE_DISCARD;
	/* The contents of a note are read (and parsed) at once. */
	if (s->type == SHT_NOTE && s->size != 0 &&
	    !in_file(b->image, s->offset, s->size)) {
		if (add_message(b, "error: %s(%s) is too large (%#llx bytes)",
				b->bfd_name, e->name,
				(unsigned long long)s->size) != 0)
			return -1;
		return not_recognized(b, "note section past the end of the file");
	}
	if (e->flags & SECTION_ALLOC)
		set_lma(b->image, e);
	return decompress_debug(b, e);
}

/* ---- bfd_section_from_shdr ------------------------------------------- */

/* A symbol table: the first of its type is BFD's; it is a BFD section only
 * when it is .dynsym, or an allocated .symtab in a shared object. */
static int symbol_table(struct builder *b, size_t shindex, size_t *which)
{
	const struct elf_section *s = shdr_at(b, shindex);

	if (*which == shindex)
		return 0;
	if (s->entsize != sym_entry_size(b->image))
		return not_recognized(b, "bad symbol table entry size");
	if ((uint64_t)s->info * s->entsize > s->size)
		return s->size != 0 ? not_recognized(b, "bad symbol table") : 0;
	if (*which != 0)
		return add_message(b, "%s: warning: multiple %ssymbol tables "
				   "detected - ignoring the table in section %zu",
				   b->bfd_name,
				   s->type == SHT_DYNSYM ? "dynamic " : "",
				   shindex);
	*which = shindex;
	if (s->type == SHT_DYNSYM ||
	    ((s->flags & SHF_ALLOC) && b->image->type == ET_DYN))
		return make_section(b, shindex);
	return 0;
}

static bool links_to(const struct builder *b, size_t table, size_t shindex)
{
	return table != 0 && shdr_at(b, table)->link == shindex;
}

/* A string table is a section unless it names sections or symbols of
 * .symtab; .dynstr is one.  Tables linked from later headers are found by
 * creating those first, as BFD does. */
static int string_table(struct builder *b, size_t shindex)
{
	const struct elf_image *image = b->image;

	if (b->shdrs[shindex].bfd_index >= 0 || b->shstrndx == shindex ||
	    links_to(b, b->symtab, shindex))
		return 0;
	if (links_to(b, b->dynsymtab, shindex))
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

/* Whether BFD shows a relocation section as a section of its own rather
 * than folding it into the section it relocates. */
static bool reloc_stands_alone(const struct builder *b,
			       const struct elf_section *s)
{
	const struct elf_image *image = b->image;
	bool linked = image->type == ET_EXEC || image->type == ET_DYN;

	return (linked && (s->flags & SHF_ALLOC)) || s->type == SHT_RELR ||
	       s->link == SHN_UNDEF || s->link != b->symtab ||
	       s->info == SHN_UNDEF || s->info >= image->section_count ||
	       is_reloc_type(shdr_at(b, s->info)->type);
}

static int reloc_section(struct builder *b, size_t shindex)
{
	struct reloc_slots *slots;
	const struct elf_image *image = b->image;
	const struct elf_section *s = shdr_at(b, shindex);
	struct bfd_section_entry *target;
	bool *slot;
	long t;

	if (s->entsize != reloc_entry_size(image, s->type))
		return not_recognized(b, "bad relocation entry size");
	if (s->link >= image->section_count) {
		if (add_message(b, "%s: invalid link %u for reloc section %s "
				"(index %zu)", b->bfd_name, s->link,
				b->shdrs[shindex].name, shindex) != 0)
			return -1;
		return make_section(b, shindex);
	}
	if ((shdr_at(b, s->link)->type == SHT_SYMTAB ||
	     shdr_at(b, s->link)->type == SHT_DYNSYM) &&
	    section_from_shdr(b, s->link) != 0)
		return -1;
	if (reloc_stands_alone(b, s))
		return make_section(b, shindex);
	if (section_from_shdr(b, s->info) != 0)
		return -1;
	t = b->shdrs[s->info].bfd_index;
	if (t < 0)
		return not_recognized(b, "relocations for a section BFD lacks");
	target = &b->entries[t];
	slots = &b->shdrs[s->info].slots;
	slot = s->type == SHT_RELA ? &slots->rela : &slots->rel;
	if (*slot) {
		/* init_secondary_reloc_section() takes a second RELA only. */
		if (s->type == SHT_RELA) {
			b->shdrs[shindex].secondary_reloc = true;
			return make_section(b, shindex);
		}
		return add_message(b, "%s: warning: secondary relocation section "
				   "'%s' for section %s found - ignoring",
				   b->bfd_name, b->shdrs[shindex].name,
				   target->name);
	}
	*slot = true;
	target->flags |= SECTION_RELOC;
	return 0;
}

/* Types BFD makes a section of without further ado. */
static bool plain_section_type(uint32_t type)
{
	switch (type) {
	case SHT_PROGBITS: case SHT_NOBITS: case SHT_HASH: case SHT_NOTE:
	case SHT_INIT_ARRAY: case SHT_FINI_ARRAY: case SHT_PREINIT_ARRAY:
	case SHT_GNU_LIBLIST: case SHT_GNU_HASH:
	case SHT_GNU_verdef: case SHT_GNU_verneed: case SHT_GNU_ATTRIBUTES:
		return true;
	default:
		return false;
	}
}

/* Section types outside the generic ones.  Most backends make a section
 * of anything; the x86-64 one knows only SHT_X86_64_UNWIND, and then BFD
 * takes user types that are not allocated and OS types that do not need
 * special knowledge, and rejects the file for any other. */
static int other_section(struct builder *b, size_t shindex)
{
	const struct elf_section *s = shdr_at(b, shindex);
	uint32_t type = s->type;

	if (!b->target->x86_64 || type == SHT_X86_64_UNWIND)
		return make_section(b, shindex);
	if (type >= SHT_LOUSER && !(s->flags & SHF_ALLOC))
		return make_section(b, shindex);
	if (type >= SHT_LOOS && type <= SHT_HIOS &&
	    !(s->flags & SHF_OS_NONCONFORMING))
		return make_section(b, shindex);
	if (add_message(b, "%s: unknown type [%#x] section `%s'",
			b->bfd_name, type, b->shdrs[shindex].name) != 0)
		return -1;
	return not_recognized(b, "unknown section type");
}

/* SHT_DYNAMIC's sh_link must name a section (x86 also takes SHN_BEFORE
 * and SHN_AFTER). */
static int dynamic_section(struct builder *b, size_t shindex)
{
	const struct elf_section *s = shdr_at(b, shindex);

	if (make_section(b, shindex) != 0)
		return -1;
	if (s->link > b->image->section_count &&
	    !(b->target->x86 &&
	      (s->link == SHN_BEFORE_ || s->link == SHN_AFTER_)))
		return not_recognized(b, "bad .dynamic link");
	return 0;
}

static int dispatch_shdr(struct builder *b, size_t shindex)
{
	const struct elf_section *s = shdr_at(b, shindex);
	const char *name;

	if (lookup_name(b, s->name_offset, &name) != 0)
		return -1;
	if (name == NULL)
		return not_recognized(b, "section name out of range");
	if (b->shdrs[shindex].name == NULL)
		b->shdrs[shindex].name = name;
	if (plain_section_type(s->type))
		return make_section(b, shindex);
	switch (s->type) {
	case SHT_NULL: case SHT_SHLIB: case SHT_SYMTAB_SHNDX:
		return 0;
	case SHT_DYNAMIC:
		return dynamic_section(b, shindex);
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
		if (s->entsize != 4 || s->size < 4 || s->size % 4 != 0)
			return not_recognized(b, "bad group section");
		return make_section(b, shindex);
	default:
		return other_section(b, shindex);
	}
}

static int section_from_shdr(struct builder *b, size_t shindex)
{
	int rc;

	if (b->shdrs[shindex].being_created) {
		if (add_message(b, "%s: warning: loop in section dependencies "
				"detected", b->bfd_name) != 0)
			return -1;
		return not_recognized(b, "loop in section dependencies");
	}
	b->shdrs[shindex].being_created = true;
	rc = dispatch_shdr(b, shindex);
	b->shdrs[shindex].being_created = false;
	return rc;
}

/* ---- _bfd_elf_setup_sections ------------------------------------------ */

/* SHF_LINK_ORDER must link to a section BFD made; a .group must have got
 * a member; a group's members must all be sections or relocations.  All
 * problems are reported before the file is rejected. */
static int check_links(struct builder *b)
{
	bool ok = true;

	for (size_t i = 0; i < b->count; i++) {
		const struct elf_section *s = b->entries[i].shdr;

		if ((s->flags & SHF_LINK_ORDER) && s->link != 0) {
			if (s->link < b->image->section_count &&
			    b->shdrs[s->link].bfd_index >= 0)
				continue;
			ok = false;
			if (add_message(b, "%s: sh_link [%u] in section `%s' is "
					"incorrect", b->bfd_name, s->link,
					b->entries[i].name) != 0)
				return -1;
		} else if (s->type == SHT_GROUP &&
			   !b->shdrs[s->index].group_has_member) {
			ok = false;
			if (add_message(b, "%s: SHT_GROUP section [index %zu] "
					"has no SHF_GROUP sections",
					b->bfd_name, s->index) != 0)
				return -1;
		}
	}
	return ok ? 0 : not_recognized(b, "bad section links");
}

/* A group member that is neither a BFD section nor a relocation section
 * (which BFD folds) is unknown to BFD. */
static int check_group_members(struct builder *b)
{
	const struct elf_image *image = b->image;
	bool ok = true;

	if (!b->groups_read)
		return 0;
	for (size_t g = 0; g < image->section_count; g++) {
		const struct elf_section *grp = shdr_at(b, g);

		if (!is_group_with_members(grp) ||
		    !in_file(image, grp->offset, grp->size))
			continue;
		for (uint64_t w = 1; w < grp->size / 4; w++) {
			uint32_t m = read_word32(image, grp->offset + 4 * w);
			const struct elf_section *member;
			const char *name;

			if (m >= image->section_count)
				continue;
			member = shdr_at(b, m);
			if (member->type == SHT_GROUP ||
			    b->shdrs[m].bfd_index >= 0 ||
			    is_reloc_type(member->type))
				continue;
			ok = false;
			if (lookup_name(b, member->name_offset, &name) != 0 ||
			    add_message(b, "%s: unknown type [%#x] section `%s' "
					"in group [%s]", b->bfd_name,
					member->type, name ? name : "(null)",
					entry_of(b, g)->name) != 0)
				return -1;
		}
	}
	return ok ? 0 : not_recognized(b, "unknown section in a group");
}

/* Relocation sections shown on their own for a debugging section are
 * debugging sections too (the end of elf_object_p()). */
static void mark_debug_relocs(struct builder *b)
{
	for (size_t i = 0; i < b->count; i++) {
		const struct elf_section *s = b->entries[i].shdr;
		long target;

		if (!is_reloc_type(s->type) || s->info == 0 ||
		    b->shdrs[s->index].secondary_reloc ||
		    s->info >= b->image->section_count)
			continue;
		target = b->shdrs[s->info].bfd_index;
		if (target >= 0 &&
		    (b->entries[target].flags & SECTION_DEBUGGING))
			b->entries[i].flags |= SECTION_DEBUGGING;
	}
}

/* ---- elf_object_p ----------------------------------------------------- */

/* BFD's once-per-file warning for a section header whose contents lie
 * past the end of the file (elf_swap_shdr_in()). */
static int warn_if_past_eof(struct builder *b, const struct elf_section *s)
{
	const struct elf_image *image = b->image;

	if (s->type == SHT_NOBITS || image->file_size == 0 ||
	    in_file(image, s->offset, s->size))
		return 0;
	return add_latched_warning(b, "a section extending past end of file");
}

/* The ELF header as elf_object_p() checks it before any section.  BFD
 * reads section header 0 first (it may hold the extended counts) and then
 * makes sure the last header is in the file.  libelf reads no section
 * headers when their table is not in the file, so the header's own
 * e_shnum counts too. */
static int check_elf_header(struct builder *b)
{
	const struct elf_image *image = b->image;
	uint64_t shnum = image->section_count > image->shnum
			 ? image->section_count : image->shnum;
	bool table_present = image->shoff >= ehdr_size(image);

	if (image->version != EV_CURRENT)
		return not_recognized(b, "bad ELF version");
	/* Core files are not objects; objdump's core reading is not modelled. */
	if (image->type == ET_CORE)
		return not_recognized(b, "core file");
	if (image->type == ET_REL && !table_present)
		return not_recognized(b, "relocatable file without sections");
	if (image->shnum != 0 && image->shentsize != shdr_size(image))
		return not_recognized(b, "bad e_shentsize");
	if (image->shnum != 0 && !table_present)
		return not_recognized(b, "section headers overlap the ELF header");
	if (table_present) {
		if (!image->shdr0_present)
			return not_recognized(b, "section header 0 past the end of the file");
		if (warn_if_past_eof(b, &image->shdr0) != 0)
			return -1;
		if ((image->shnum == 0 && (shnum == 0 || shnum >= SHN_LORESERVE)) ||
		    !in_file(image, image->shoff, shnum * shdr_size(image)))
			return not_recognized(b, "section headers past the end of the file");
	}
	if ((!table_present || shnum == 0) && image->shstrndx != 0)
		return not_recognized(b, "string table index without sections");
	return 0;
}

/* Each further section header as elf_object_p() reads it in: the
 * once-per-file warning, then sh_link and sh_info must name sections (x86
 * takes the Solaris SHN_BEFORE/SHN_AFTER). */
static int check_section_headers(struct builder *b)
{
	size_t shnum = b->image->section_count;

	for (size_t i = 1; i < shnum; i++) {
		const struct elf_section *s = shdr_at(b, i);

		if (warn_if_past_eof(b, s) != 0)
			return -1;
		if (s->link >= shnum &&
		    !(b->target->x86 &&
		      (s->link == SHN_BEFORE_ || s->link == SHN_AFTER_)))
			return not_recognized(b, "bad sh_link");
		if (((s->flags & SHF_INFO_LINK) || is_reloc_type(s->type)) &&
		    s->info >= shnum)
			return not_recognized(b, "bad sh_info");
	}
	return 0;
}

/* A bad e_shstrndx is forgiven: BFD warns and then makes no sections. */
static int check_string_table_index(struct builder *b)
{
	const struct elf_image *image = b->image;

	b->shstrndx = image->shstrndx;
	if (image->section_count == 0 || image->shstrndx == 0)
		return 0;
	if (image->shstrndx < image->section_count &&
	    shdr_at(b, image->shstrndx)->type == SHT_STRTAB)
		return 0;
	b->shstrndx = 0;
	return add_latched_warning(b, "a corrupt string table index");
}

static int check_program_headers(struct builder *b)
{
	const struct elf_image *image = b->image;
	uint64_t phnum = image->segment_count;

	if (image->segments_unreadable)
		return not_recognized(b, "program headers past the end of the file");
	if (phnum == 0)
		return 0;
	if (phnum > image->file_size / phdr_size(image) ||
	    !in_file(image, image->phoff, phnum * phdr_size(image)))
		return not_recognized(b, "program headers past the end of the file");
	for (size_t i = 0; i < phnum; i++) {
		uint64_t align = image->segments[i].align;

		if (align != (align & -align))
			return add_latched_warning(
				b, "a program header with invalid alignment");
	}
	return 0;
}

static int build_sections(struct builder *b)
{
	const struct elf_image *image = b->image;

	if (b->shstrndx == 0 || image->shoff < ehdr_size(image))
		return 0;
	for (size_t i = 1; i < image->section_count; i++)
		if (section_from_shdr(b, i) != 0)
			return -1;
	if (check_links(b) != 0 || check_group_members(b) != 0)
		return -1;
	mark_debug_relocs(b);
	return 0;
}

static void *zalloc(size_t count, size_t size, bool *failed)
{
	void *p = calloc(count ? count : 1, size);

	if (p == NULL)
		*failed = true;
	return p;
}

static int builder_init(struct builder *b, const struct elf_image *image,
			const struct target *target, const char *bfd_name,
			bool *latch, struct ef_error *err)
{
	size_t n = image->section_count;
	bool failed = false;

	memset(b, 0, sizeof *b);
	b->image = image;
	b->target = target;
	b->bfd_name = bfd_name;
	b->latch = latch;
	b->err = err;
	b->entries = zalloc(n, sizeof *b->entries, &failed);
	b->shdrs = zalloc(n, sizeof *b->shdrs, &failed);
	if (failed)
		return out_of_memory(err);
	for (size_t i = 0; i < n; i++)
		b->shdrs[i].bfd_index = -1;
	return 0;
}

static void builder_release(struct builder *b)
{
	free(b->entries);
	for (size_t i = 0; b->shdrs != NULL && i < b->image->section_count; i++)
		free(b->shdrs[i].strings.bytes);
	free(b->shdrs);
	messages_free(&b->msgs);
}

/* One target's try at the file, as elf_object_p() runs it. */
static int attempt(struct builder *b)
{
	if (check_elf_header(b) != 0 || check_section_headers(b) != 0 ||
	    check_string_table_index(b) != 0 ||
	    check_program_headers(b) != 0)
		return -1;
	return build_sections(b);
}

/* ---- choosing the target ---------------------------------------------- */

static const struct target target_i386 = { "elf32-i386", true, false, false };
static const struct target target_iamcu = { "elf32-iamcu", true, false, false };
static const struct target target_x32 = { "elf32-x86-64", true, true, false };
static const struct target target_x86_64 = { "elf64-x86-64", true, true, false };
static const struct target target_32le = { "elf32-little", false, false, true };
static const struct target target_32be = { "elf32-big", false, false, true };
static const struct target target_64le = { "elf64-little", false, false, true };
static const struct target target_64be = { "elf64-big", false, false, true };

/* The x86 target written for this file's machine, class and byte order. */
static const struct target *specific_target(const struct elf_image *image)
{
	bool is64 = image->elf_class == ELFCLASS64;

	if (image->data != ELFDATA2LSB)
		return NULL;
	if (image->machine == EM_X86_64)
		return is64 ? &target_x86_64 : &target_x32;
	if (is64)
		return NULL;
	if (image->machine == EM_386)
		return &target_i386;
	if (image->machine == EM_IAMCU)
		return &target_iamcu;
	return NULL;
}

/* The generic target; a specific one, when it accepts, takes priority. */
static const struct target *generic_target(const struct elf_image *image)
{
	bool is64 = image->elf_class == ELFCLASS64;

	if (image->data == ELFDATA2MSB)
		return is64 ? &target_64be : &target_32be;
	return is64 ? &target_64le : &target_32le;
}

/* Hand B's sections and messages to TABLE. */
static void take_result(struct section_table *table, struct builder *b)
{
	table->format = b->target->name;
	table->entries = b->entries;
	table->count = b->count;
	table->messages = b->msgs.text;
	table->message_count = b->msgs.count;
	if (b->shstrndx != 0) {
		table->names = b->shdrs[b->shstrndx].strings.bytes;
		b->shdrs[b->shstrndx].strings.bytes = NULL;
	}
	b->entries = NULL;
	memset(&b->msgs, 0, sizeof b->msgs);
}

/* Two failed attempts: BFD prints the messages only when exactly one
 * target produced any. */
static void keep_lone_messages(struct section_table *table,
			       struct builder *first, struct builder *second)
{
	struct builder *only = NULL;

	if (first->msgs.count != 0 && second->msgs.count == 0)
		only = first;
	else if (second->msgs.count != 0 && first->msgs.count == 0)
		only = second;
	if (only != NULL) {
		table->messages = only->msgs.text;
		table->message_count = only->msgs.count;
		memset(&only->msgs, 0, sizeof only->msgs);
	}
}

static int try_target(struct builder *b, const struct elf_image *image,
		      const struct target *target, const char *bfd_name,
		      bool *latch, struct ef_error *err)
{
	if (builder_init(b, image, target, bfd_name, latch, err) != 0)
		return -1;
	return attempt(b);
}

static int build_with_targets(const struct elf_image *image,
			      struct section_table *table,
			      const char *bfd_name, struct ef_error *err)
{
	const struct target *specific = specific_target(image);
	struct builder first, second;
	bool latch = false;
	int rc;

	memset(&first, 0, sizeof first);
	memset(&second, 0, sizeof second);
	if (specific != NULL) {
		rc = try_target(&first, image, specific, bfd_name, &latch, err);
		if (rc == 0 || err->kind == SECTION_TABLE_ERR_NOMEM) {
			if (rc == 0)
				take_result(table, &first);
			builder_release(&first);
			return rc;
		}
		ef_error_clear(err);
	}
	rc = try_target(&second, image, generic_target(image), bfd_name,
			&latch, err);
	if (rc == 0)
		take_result(table, &second);
	else if (err->kind != SECTION_TABLE_ERR_NOMEM)
		keep_lone_messages(table, &first, &second);
	builder_release(&first);
	builder_release(&second);
	return rc;
}

int section_table_build(const struct elf_image *image,
			struct section_table *table, struct ef_error *err)
{
	struct ef_error local;
	char *bfd_name;
	int rc;

	if (err == NULL)
		err = &local;
	ef_error_clear(err);
	memset(table, 0, sizeof *table);
	table->address_bits = image->elf_class == ELFCLASS64 ? 64 : 32;
	if (image->member != NULL
	    ? asprintf(&bfd_name, "%s(%s)", image->path, image->member) < 0
	    : (bfd_name = strdup(image->path)) == NULL)
		return out_of_memory(err);
	rc = build_with_targets(image, table, bfd_name, err);
	free(bfd_name);
	return rc;
}

void section_table_release(struct section_table *table)
{
	for (size_t i = 0; i < table->message_count; i++)
		free(table->messages[i]);
	free(table->entries);
	free(table->messages);
	free(table->names);
	memset(table, 0, sizeof *table);
}
