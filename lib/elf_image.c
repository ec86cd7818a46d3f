/* elf_image.c - reading an ELF file's headers and symbols through libelf. */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <ar.h>
#include <gelf.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "elf_image.h"

struct elf_image_private {
	int fd;			/* owned by the outermost image only */
	Elf *elf;
	Elf_Cmd next_member_cmd; /* archives: how to open the next member */
	bool symbols_loaded;
	struct elf_symbol *symbols;
	size_t symbol_count;
	char *member_name;	/* archive members: owned copy of the name */
	void *headers_only;	/* elf_image_open_program()'s copy of the
				 * file, section header fields cleared, or
				 * elf_image_open_memory()'s bytes */
	uint64_t archive_end;	/* archives: where the member headers read
				 * so far end (the next header's offset) */
};

/* elf_version() once per process, whatever thread opens the first file
 * (--compare-policies runs its replays on threads of their own). */
static unsigned libelf_version = EV_NONE;

static void libelf_init(void)
{
	libelf_version = elf_version(EV_CURRENT);
}

static int libelf_ready(struct ef_error *err)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;

	pthread_once(&once, libelf_init);
	if (libelf_version == EV_NONE)
		return ef_error_set(err, ELF_IMAGE_ERR_IO, 0,
				    "libelf is too old: %s", elf_errmsg(-1));
	return 0;
}

static struct elf_image *image_alloc(const char *path, struct ef_error *err)
{
	struct elf_image *image = calloc(1, sizeof *image);

	if (image != NULL)
		image->priv = calloc(1, sizeof *image->priv);
	if (image == NULL || image->priv == NULL) {
		free(image);
		ef_error_set(err, ELF_IMAGE_ERR_NOMEM, ENOMEM, "out of memory");
		return NULL;
	}
	image->path = path;
	image->priv->fd = -1;
	return image;
}

/* Read one ELF structure of TYPE (ELF_T_SHDR, ELF_T_CHDR, ELF_T_SYM) at
 * OFFSET from the raw bytes and convert it with libelf to the host's
 * Elf32_* or Elf64_* form in NATIVE (NATIVE_SIZE bytes, room for either).
 * Returns 0, or -1 when the bytes are not in the file. */
static int read_native(const struct elf_image *image, uint64_t offset,
		       Elf_Type type, void *native, size_t native_size)
{
	size_t size = gelf_fsize(image->priv->elf, type, 1, EV_CURRENT);
	unsigned char raw[sizeof(Elf64_Shdr)];
	Elf_Data src = { .d_buf = raw, .d_type = type, .d_size = size,
			 .d_version = EV_CURRENT };
	Elf_Data dst = { .d_buf = native, .d_type = type,
			 .d_size = native_size, .d_version = EV_CURRENT };

	if (size == 0 || size > sizeof raw ||
	    elf_image_read(image, offset, raw, size, NULL) != 0 ||
	    gelf_xlatetom(image->priv->elf, &dst, &src, image->data) == NULL)
		return -1;
	return 0;
}

static void copy_shdr(struct elf_section *out, const GElf_Shdr *shdr)
{
	out->type = shdr->sh_type;
	out->flags = shdr->sh_flags;
	out->addr = shdr->sh_addr;
	out->offset = shdr->sh_offset;
	out->size = shdr->sh_size;
	out->link = shdr->sh_link;
	out->info = shdr->sh_info;
	out->addralign = shdr->sh_addralign;
	out->entsize = shdr->sh_entsize;
}

/* The Elf_Chdr at the start of compressed section S, from the raw bytes:
 * libelf's gelf_getchdr() needs the whole section in the file, and the
 * header alone is what a reader of sizes needs. */
static void read_compression_header(struct elf_image *image,
				    struct elf_section *s)
{
	bool is64 = image->elf_class == ELFCLASS64;
	union { Elf32_Chdr c32; Elf64_Chdr c64; } native;

	if (s->size < (is64 ? sizeof(Elf64_Chdr) : sizeof(Elf32_Chdr)) ||
	    read_native(image, s->offset, ELF_T_CHDR, &native,
			sizeof native) != 0)
		return;
	s->chdr_valid = true;
	s->chdr_type = is64 ? native.c64.ch_type : native.c32.ch_type;
	s->chdr_size = is64 ? native.c64.ch_size : native.c32.ch_size;
	s->chdr_addralign = is64 ? native.c64.ch_addralign
				 : native.c32.ch_addralign;
}

static int read_section(struct elf_image *image, Elf_Scn *scn,
			struct elf_section *out)
{
	GElf_Shdr shdr;
	const char *name;

	if (gelf_getshdr(scn, &shdr) == NULL)
		return -1;
	copy_shdr(out, &shdr);

	name = image->shstrndx != 0 && image->shstrndx < image->section_count
		? elf_strptr(image->priv->elf, image->shstrndx, shdr.sh_name)
		: NULL;
	out->name_valid = name != NULL;
	out->name = name != NULL ? name : "";

	out->name_offset = shdr.sh_name;
	if (shdr.sh_flags & SHF_COMPRESSED)
		read_compression_header(image, out);
	return 0;
}

/* Section header 0 from the raw bytes at e_shoff, through libelf's own
 * byte-order and class conversion. */
static void read_first_shdr(struct elf_image *image)
{
	union { Elf32_Shdr s32; Elf64_Shdr s64; } native;
	GElf_Shdr shdr;

	if (image->shoff == 0 ||
	    read_native(image, image->shoff, ELF_T_SHDR, &native,
			sizeof native) != 0)
		return;
	if (image->elf_class == ELFCLASS64) {
		shdr = native.s64;
	} else {
		shdr.sh_name = native.s32.sh_name;
		shdr.sh_type = native.s32.sh_type;
		shdr.sh_flags = native.s32.sh_flags;
		shdr.sh_addr = native.s32.sh_addr;
		shdr.sh_offset = native.s32.sh_offset;
		shdr.sh_size = native.s32.sh_size;
		shdr.sh_link = native.s32.sh_link;
		shdr.sh_info = native.s32.sh_info;
		shdr.sh_addralign = native.s32.sh_addralign;
		shdr.sh_entsize = native.s32.sh_entsize;
	}
	copy_shdr(&image->shdr0, &shdr);
	image->shdr0.name = "";
	image->shdr0_present = true;
}

/* libelf could not read the section header table: keep none. */
static int sections_unreadable(struct elf_image *image)
{
	free(image->sections);
	image->sections = NULL;
	image->section_count = 0;
	image->sections_unreadable = true;
	return 0;
}

static int read_sections(struct elf_image *image, uint16_t raw_shstrndx,
			 struct ef_error *err)
{
	Elf *elf = image->priv->elf;
	size_t count, strndx;

	image->shstrndx = elf_getshdrstrndx(elf, &strndx) == 0
			  ? strndx : raw_shstrndx;
	if (elf_getshdrnum(elf, &count) != 0)
		return sections_unreadable(image);
	if (count == 0)
		return 0;

	image->sections = calloc(count, sizeof *image->sections);
	if (image->sections == NULL)
		return ef_error_set(err, ELF_IMAGE_ERR_NOMEM, ENOMEM,
				    "out of memory");
	image->section_count = count;
	for (size_t i = 0; i < count; i++) {
		Elf_Scn *scn = elf_getscn(elf, i);

		image->sections[i].index = i;
		if (scn == NULL ||
		    read_section(image, scn, &image->sections[i]) != 0)
			return sections_unreadable(image);
	}
	return 0;
}

static int read_segments(struct elf_image *image, struct ef_error *err)
{
	Elf *elf = image->priv->elf;
	size_t count;

	if (elf_getphdrnum(elf, &count) != 0) {
		image->segments_unreadable = image->phnum != 0;
		return 0;
	}
	if (count == 0)
		return 0;
	image->segments = calloc(count, sizeof *image->segments);
	if (image->segments == NULL)
		return ef_error_set(err, ELF_IMAGE_ERR_NOMEM, ENOMEM,
				    "out of memory");
	for (size_t i = 0; i < count; i++) {
		struct elf_segment *seg = &image->segments[i];
		GElf_Phdr phdr;

		if (gelf_getphdr(elf, (int)i, &phdr) == NULL) {
			image->segments_unreadable = true;
			return 0;
		}
		seg->index = i;
		seg->type = phdr.p_type;
		seg->flags = phdr.p_flags;
		seg->offset = phdr.p_offset;
		seg->vaddr = phdr.p_vaddr;
		seg->paddr = phdr.p_paddr;
		seg->filesz = phdr.p_filesz;
		seg->memsz = phdr.p_memsz;
		seg->align = phdr.p_align;
	}
	image->segment_count = count;
	return 0;
}

static int read_elf_header(struct elf_image *image, struct ef_error *err)
{
	Elf *elf = image->priv->elf;
	GElf_Ehdr ehdr;

	if (gelf_getehdr(elf, &ehdr) == NULL)
		return ef_error_set(err, ELF_IMAGE_ERR_NOT_ELF, 0,
				    "ELF header: %s", elf_errmsg(-1));
	image->elf_class = ehdr.e_ident[EI_CLASS];
	image->data = ehdr.e_ident[EI_DATA];
	image->osabi = ehdr.e_ident[EI_OSABI];
	image->type = ehdr.e_type;
	image->machine = ehdr.e_machine;
	image->entry = ehdr.e_entry;
	image->phoff = ehdr.e_phoff;
	image->shoff = ehdr.e_shoff;
	image->shnum = ehdr.e_shnum;
	image->shentsize = ehdr.e_shentsize;
	image->phentsize = ehdr.e_phentsize;
	image->phnum = ehdr.e_phnum;
	image->version = ehdr.e_ident[EI_VERSION];
	read_first_shdr(image);
	if (read_sections(image, ehdr.e_shstrndx, err) != 0 ||
	    read_segments(image, err) != 0)
		return -1;
	return 0;
}

/* Fill IMAGE from its libelf handle: an archive, an ELF file or neither. */
static int read_image(struct elf_image *image, struct ef_error *err)
{
	size_t size = 0;

	if (elf_rawfile(image->priv->elf, &size) != NULL)
		image->file_size = size;
	switch (elf_kind(image->priv->elf)) {
	case ELF_K_AR:
		image->kind = ELF_IMAGE_ARCHIVE;
		image->priv->next_member_cmd = ELF_C_READ_MMAP;
		image->priv->archive_end = SARMAG;
		return 0;
	case ELF_K_ELF:
		image->kind = ELF_IMAGE_OBJECT;
		return read_elf_header(image, err);
	default:
		return ef_error_set(err, ELF_IMAGE_ERR_NOT_ELF, 0,
				    "not an ELF file");
	}
}

static int open_regular_file(const char *path, struct ef_error *err)
{
	struct stat st;
	int fd;

	if (stat(path, &st) != 0)
		return ef_error_set(err, errno == ENOENT ? ELF_IMAGE_ERR_NO_FILE
					 : ELF_IMAGE_ERR_IO,
				    errno, "%s", strerror(errno));
	if (S_ISDIR(st.st_mode))
		return ef_error_set(err, ELF_IMAGE_ERR_DIRECTORY, EISDIR,
				    "is a directory");
	if (!S_ISREG(st.st_mode))
		return ef_error_set(err, ELF_IMAGE_ERR_NOT_REGULAR, 0,
				    "is not an ordinary file");
	if (st.st_size == 0)
		return ef_error_set(err, ELF_IMAGE_ERR_EMPTY, 0, "is empty");
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return ef_error_set(err, ELF_IMAGE_ERR_IO, errno, "%s",
				    strerror(errno));
	return fd;
}

/* The headers and sections of IMAGE once libelf has begun it
 * (elf_begin(), elf_memory()); on failure IMAGE is freed.  Returns 0,
 * or -1 with ERR. */
static int read_elf(struct elf_image *image, struct ef_error *err)
{
	if (image->priv->elf == NULL) {
		ef_error_set(err, ELF_IMAGE_ERR_NOT_ELF, 0, "%s",
			     elf_errmsg(-1));
		elf_image_free(image);
		return -1;
	}
	if (read_image(image, err) != 0) {
		elf_image_free(image);
		return -1;
	}
	return 0;
}

struct elf_image *elf_image_open(const char *path, struct ef_error *err)
{
	struct elf_image *image;
	int fd;

	ef_error_clear(err);
	if (libelf_ready(err) != 0)
		return NULL;
	fd = open_regular_file(path, err);
	if (fd < 0)
		return NULL;
	image = image_alloc(path, err);
	if (image == NULL) {
		close(fd);
		return NULL;
	}
	image->priv->fd = fd;
	image->priv->elf = elf_begin(fd, ELF_C_READ_MMAP, NULL);
	if (read_elf(image, err) != 0)
		return NULL;
	/* An ELF file needs its descriptor no more once libelf has all of
	 * it (mapped, or read now): a replay may exec thousands.  An
	 * archive keeps it for its members. */
	if (elf_kind(image->priv->elf) == ELF_K_ELF &&
	    elf_cntl(image->priv->elf, ELF_C_FDREAD) == 0 &&
	    elf_cntl(image->priv->elf, ELF_C_FDDONE) == 0) {
		close(image->priv->fd);
		image->priv->fd = -1;
	}
	return image;
}

struct elf_image *elf_image_open_memory(const char *name, void *bytes,
					size_t size, struct ef_error *err)
{
	struct elf_image *image;

	ef_error_clear(err);
	if (libelf_ready(err) != 0 || (image = image_alloc(name, err)) == NULL) {
		free(bytes);
		return NULL;
	}
	image->priv->headers_only = bytes;
	if (size == 0) {
		ef_error_set(err, ELF_IMAGE_ERR_EMPTY, 0, "is empty");
		elf_image_free(image);
		return NULL;
	}
	image->priv->elf = elf_memory(bytes, size);
	return read_elf(image, err) == 0 ? image : NULL;
}

/* PATH's bytes with e_shoff, e_shnum and e_shstrndx cleared (ELFCLASS32
 * or ELFCLASS64, either byte order: zero is zero), or NULL. */
static void *without_section_headers(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	unsigned char *bytes = NULL;
	long n;

	if (f == NULL)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 64 &&
	    fseek(f, 0, SEEK_SET) == 0 && (bytes = malloc((size_t)n)) != NULL &&
	    fread(bytes, 1, (size_t)n, f) == (size_t)n &&
	    memcmp(bytes, ELFMAG, SELFMAG) == 0 &&
	    (bytes[EI_CLASS] == ELFCLASS32 || bytes[EI_CLASS] == ELFCLASS64)) {
		bool is64 = bytes[EI_CLASS] == ELFCLASS64;

		/* e_shoff; e_shnum and e_shstrndx (e_shentsize kept) */
		memset(bytes + (is64 ? 0x28 : 0x20), 0, is64 ? 8 : 4);
		memset(bytes + (is64 ? 0x3c : 0x30), 0, 2);
		memset(bytes + (is64 ? 0x3e : 0x32), 0, 2);
		*size = (size_t)n;
		fclose(f);
		return bytes;
	}
	free(bytes);
	fclose(f);
	return NULL;
}

struct elf_image *elf_image_open_program(const char *path,
					 struct ef_error *err)
{
	struct elf_image *image = elf_image_open(path, err);
	struct elf_image *bare;
	size_t size;
	void *bytes;

	if (image != NULL || err == NULL || err->kind != ELF_IMAGE_ERR_NOT_ELF ||
	    (bytes = without_section_headers(path, &size)) == NULL)
		return image;
	bare = image_alloc(path, err);
	if (bare == NULL) {
		free(bytes);
		return NULL;
	}
	bare->priv->headers_only = bytes;
	bare->priv->elf = elf_memory(bytes, size);
	if (bare->priv->elf == NULL || elf_kind(bare->priv->elf) != ELF_K_ELF ||
	    read_image(bare, err) != 0) {
		ef_error_set(err, ELF_IMAGE_ERR_NOT_ELF, 0, "not an ELF file");
		elf_image_free(bare);
		return NULL;
	}
	ef_error_clear(err);
	return bare;
}

/* libelf's next member of ARCHIVE, skipping the archive's own index
 * members ("/" symbol table, "//" long names, "/SYM64/").  Its name is
 * copied to *NAME (the caller frees it): elf_getarhdr() describes the
 * archive's current position, which elf_next() moves on. */
static Elf *next_archive_member(struct elf_image_private *ap, char **name)
{
	while (ap->next_member_cmd != ELF_C_NULL) {
		Elf *elf = elf_begin(ap->fd, ap->next_member_cmd, ap->elf);
		Elf_Arhdr *arhdr;

		if (elf == NULL) {
			ap->next_member_cmd = ELF_C_NULL;
			return NULL;
		}
		arhdr = elf_getarhdr(elf);
		*name = strdup(arhdr != NULL && arhdr->ar_name != NULL
			       ? arhdr->ar_name : "");
		if (arhdr != NULL) {
			/* Members start on even offsets. */
			uint64_t end = (uint64_t)elf_getaroff(elf) +
				       sizeof(struct ar_hdr) + arhdr->ar_size;

			ap->archive_end = end + (end & 1);
		}
		ap->next_member_cmd = elf_next(elf);
		/* A NULL name (no memory) is the caller's to report. */
		if (*name == NULL || (*name)[0] != '/')
			return elf;
		free(*name);
		*name = NULL;
		elf_end(elf);
	}
	return NULL;
}

struct elf_image *elf_image_next_member(struct elf_image *archive,
					struct ef_error *err)
{
	struct elf_image *member;
	char *name = NULL;
	Elf *elf;

	ef_error_clear(err);
	if (archive->kind != ELF_IMAGE_ARCHIVE)
		return NULL;
	elf = next_archive_member(archive->priv, &name);
	if (elf == NULL) {
		/* libelf stops at a damaged member header as at the end;
		 * like BFD, call it the end only when no whole header is
		 * left to read. */
		if (archive->priv->archive_end + sizeof(struct ar_hdr) <=
		    archive->file_size)
			ef_error_set(err, ELF_IMAGE_ERR_MALFORMED, 0,
				     "malformed archive");
		return NULL;
	}
	if (name == NULL) {
		elf_end(elf);
		ef_error_set(err, ELF_IMAGE_ERR_NOMEM, ENOMEM, "out of memory");
		return NULL;
	}
	member = image_alloc(archive->path, err);
	if (member == NULL) {
		free(name);
		elf_end(elf);
		return NULL;
	}
	member->priv->elf = elf;
	member->priv->member_name = name;
	member->member = name;
	if (read_image(member, err) != 0) {
		elf_image_free(member);
		return NULL;
	}
	return member;
}

void elf_image_free(struct elf_image *image)
{
	if (image == NULL)
		return;
	if (image->priv->elf != NULL)
		elf_end(image->priv->elf);
	if (image->priv->fd >= 0)
		close(image->priv->fd);
	free(image->priv->symbols);
	free(image->priv->member_name);
	free(image->priv->headers_only);
	free(image->priv);
	free(image->sections);
	free(image->segments);
	free(image);
}

int elf_image_read(const struct elf_image *image, uint64_t offset, void *buf,
		   size_t count, struct ef_error *err)
{
	size_t size = 0;
	const char *raw = elf_rawfile(image->priv->elf, &size);

	if (raw == NULL || offset > size || count > size - offset)
		return ef_error_set(err, ELF_IMAGE_ERR_MALFORMED, 0,
				    "bytes %#llx..%#llx are past the end of the file",
				    (unsigned long long)offset,
				    (unsigned long long)(offset + count));
	memcpy(buf, raw + offset, count);
	return 0;
}

int elf_image_read_symbol(const struct elf_image *image, uint64_t offset,
			  struct elf_symbol *symbol, struct ef_error *err)
{
	bool is64 = image->elf_class == ELFCLASS64;
	union { Elf32_Sym s32; Elf64_Sym s64; } native;
	unsigned char info;

	if (read_native(image, offset, ELF_T_SYM, &native, sizeof native) != 0)
		return ef_error_set(err, ELF_IMAGE_ERR_MALFORMED, 0,
				    "no symbol at %#llx in the file",
				    (unsigned long long)offset);
	memset(symbol, 0, sizeof *symbol);
	symbol->name_offset = is64 ? native.s64.st_name : native.s32.st_name;
	symbol->value = is64 ? native.s64.st_value : native.s32.st_value;
	symbol->size = is64 ? native.s64.st_size : native.s32.st_size;
	symbol->shndx = is64 ? native.s64.st_shndx : native.s32.st_shndx;
	info = is64 ? native.s64.st_info : native.s32.st_info;
	symbol->type = GELF_ST_TYPE(info);
	symbol->bind = GELF_ST_BIND(info);
	return 0;
}

const struct elf_section *elf_image_section(const struct elf_image *image,
					    const char *name)
{
	for (size_t i = 1; i < image->section_count; i++)
		if (image->sections[i].name_valid &&
		    strcmp(image->sections[i].name, name) == 0)
			return &image->sections[i];
	return NULL;
}

/* The symbol table to use: .symtab, or .dynsym in a stripped file. */
static const struct elf_section *symbol_table(const struct elf_image *image)
{
	const struct elf_section *dynsym = NULL;

	for (size_t i = 1; i < image->section_count; i++) {
		if (image->sections[i].type == SHT_SYMTAB)
			return &image->sections[i];
		if (image->sections[i].type == SHT_DYNSYM && dynsym == NULL)
			dynsym = &image->sections[i];
	}
	return dynsym;
}

/* The SHT_SYMTAB_SHNDX data that extends TABLE's st_shndx, or NULL. */
static Elf_Data *extended_index_data(const struct elf_image *image,
				     const struct elf_section *table)
{
	for (size_t i = 1; i < image->section_count; i++)
		if (image->sections[i].type == SHT_SYMTAB_SHNDX &&
		    image->sections[i].link == table->index)
			return elf_getdata(elf_getscn(image->priv->elf, i),
					   NULL);
	return NULL;
}

static int load_symbols(struct elf_image *image, struct ef_error *err)
{
	struct elf_image_private *priv = image->priv;
	const struct elf_section *table = symbol_table(image);
	Elf_Data *data, *xdata;
	size_t count;

	priv->symbols_loaded = true;
	if (table == NULL)
		return 0;
	data = elf_getdata(elf_getscn(priv->elf, table->index), NULL);
	if (data == NULL)
		return ef_error_set(err, ELF_IMAGE_ERR_MALFORMED, 0,
				    "symbol table %s: %s", table->name,
				    elf_errmsg(-1));
	count = data->d_size / gelf_fsize(priv->elf, ELF_T_SYM, 1, EV_CURRENT);
	priv->symbols = calloc(count ? count : 1, sizeof *priv->symbols);
	if (priv->symbols == NULL)
		return ef_error_set(err, ELF_IMAGE_ERR_NOMEM, ENOMEM,
				    "out of memory");
	xdata = extended_index_data(image, table);
	for (size_t i = 0; i < count; i++) {
		struct elf_symbol *sym = &priv->symbols[priv->symbol_count];
		GElf_Word xindex = 0;
		GElf_Sym gsym;
		const char *name;

		if (gelf_getsymshndx(data, xdata, (int)i, &gsym, &xindex) == NULL)
			continue;
		name = elf_strptr(priv->elf, table->link, gsym.st_name);
		sym->name = name != NULL ? name : "";
		sym->value = gsym.st_value;
		sym->size = gsym.st_size;
		sym->type = GELF_ST_TYPE(gsym.st_info);
		sym->bind = GELF_ST_BIND(gsym.st_info);
		sym->shndx = gsym.st_shndx == SHN_XINDEX ? xindex : gsym.st_shndx;
		sym->name_offset = gsym.st_name;
		priv->symbol_count++;
	}
	return 0;
}

long elf_image_symbols(struct elf_image *image,
		       const struct elf_symbol **symbols, struct ef_error *err)
{
	if (!image->priv->symbols_loaded && load_symbols(image, err) != 0)
		return -1;
	*symbols = image->priv->symbols;
	return (long)image->priv->symbol_count;
}

const struct elf_symbol *elf_image_symbol(struct elf_image *image,
					  const char *name,
					  struct ef_error *err)
{
	const struct elf_symbol *symbols;
	long count = elf_image_symbols(image, &symbols, err);

	for (long i = 0; i < count; i++)
		if (symbols[i].name[0] != '\0' &&
		    strcmp(symbols[i].name, name) == 0)
			return &symbols[i];
	if (count >= 0)
		ef_error_set(err, ELF_IMAGE_ERR_NO_SYMBOL, 0,
			     "no symbol '%s'", name);
	return NULL;
}
