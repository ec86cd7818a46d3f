/* elf_image.c - reading an ELF file's headers and symbols through libelf. */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
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
};

static int libelf_ready(struct ef_error *err)
{
	static int version = EV_NONE;

	if (version == EV_NONE)
		version = elf_version(EV_CURRENT);
	if (version == EV_NONE)
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

static int read_section(struct elf_image *image, Elf_Scn *scn,
			struct elf_section *out, struct ef_error *err)
{
	GElf_Shdr shdr;
	const char *name;

	if (gelf_getshdr(scn, &shdr) == NULL)
		return ef_error_set(err, ELF_IMAGE_ERR_MALFORMED, 0,
				    "section header %zu: %s", out->index,
				    elf_errmsg(-1));
	out->type = shdr.sh_type;
	out->flags = shdr.sh_flags;
	out->addr = shdr.sh_addr;
	out->offset = shdr.sh_offset;
	out->size = shdr.sh_size;
	out->link = shdr.sh_link;
	out->info = shdr.sh_info;
	out->addralign = shdr.sh_addralign;
	out->entsize = shdr.sh_entsize;

	name = image->shstrndx != 0 && image->shstrndx < image->section_count
		? elf_strptr(image->priv->elf, image->shstrndx, shdr.sh_name)
		: NULL;
	out->name_valid = name != NULL;
	out->name = name != NULL ? name : "";

	if (shdr.sh_flags & SHF_COMPRESSED) {
		GElf_Chdr chdr;

		if (gelf_getchdr(scn, &chdr) != NULL) {
			out->chdr_valid = true;
			out->chdr_type = chdr.ch_type;
			out->chdr_size = chdr.ch_size;
			out->chdr_addralign = chdr.ch_addralign;
		}
	}
	return 0;
}

static int read_sections(struct elf_image *image, struct ef_error *err)
{
	Elf *elf = image->priv->elf;
	size_t count, strndx;

	if (elf_getshdrnum(elf, &count) != 0)
		return ef_error_set(err, ELF_IMAGE_ERR_MALFORMED, 0,
				    "section header table: %s", elf_errmsg(-1));
	if (elf_getshdrstrndx(elf, &strndx) != 0)
		strndx = 0;
	image->shstrndx = strndx;
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
		if (scn == NULL)
			return ef_error_set(err, ELF_IMAGE_ERR_MALFORMED, 0,
					    "section %zu: %s", i,
					    elf_errmsg(-1));
		if (read_section(image, scn, &image->sections[i], err) != 0)
			return -1;
	}
	return 0;
}

static int read_segments(struct elf_image *image, struct ef_error *err)
{
	Elf *elf = image->priv->elf;
	size_t count;

	if (elf_getphdrnum(elf, &count) != 0)
		return ef_error_set(err, ELF_IMAGE_ERR_MALFORMED, 0,
				    "program header table: %s", elf_errmsg(-1));
	if (count == 0)
		return 0;
	image->segments = calloc(count, sizeof *image->segments);
	if (image->segments == NULL)
		return ef_error_set(err, ELF_IMAGE_ERR_NOMEM, ENOMEM,
				    "out of memory");
	image->segment_count = count;
	for (size_t i = 0; i < count; i++) {
		struct elf_segment *seg = &image->segments[i];
		GElf_Phdr phdr;

		if (gelf_getphdr(elf, (int)i, &phdr) == NULL)
			return ef_error_set(err, ELF_IMAGE_ERR_MALFORMED, 0,
					    "program header %zu: %s", i,
					    elf_errmsg(-1));
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
	if (read_sections(image, err) != 0 || read_segments(image, err) != 0)
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
	if (image->priv->elf == NULL) {
		ef_error_set(err, ELF_IMAGE_ERR_NOT_ELF, 0, "%s",
			     elf_errmsg(-1));
		elf_image_free(image);
		return NULL;
	}
	if (read_image(image, err) != 0) {
		elf_image_free(image);
		return NULL;
	}
	return image;
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
		ap->next_member_cmd = elf_next(elf);
		if (*name != NULL && (*name)[0] != '/')
			return elf;
		free(*name);
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
	if (elf == NULL)
		return NULL;
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
