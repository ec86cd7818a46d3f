/* elf_image_test.c - the ELF image module on the fixtures. */
#include <config.h>

#include <elf.h>

#include "elf_image.h"
#include "tap.h"

struct header_case {
	const char *fixture;
	unsigned elf_class;
	unsigned data;
	uint16_t type;
	uint16_t machine;
	size_t sections;	/* section headers, index 0 included */
	size_t segments;
	uint64_t entry;
};

static const struct header_case header_cases[] = {
	{ "seed/a.out", ELFCLASS32, ELFDATA2LSB, ET_EXEC, EM_386, 8, 3, 0x8048094 },
	{ "elf/i386-rel.o", ELFCLASS32, ELFDATA2LSB, ET_REL, EM_386, 0, 0, 0 },
	{ "elf/x86_64-static-pie", ELFCLASS64, ELFDATA2LSB, ET_DYN, EM_X86_64, 0, 0, 0 },
	{ "elf/x32.o", ELFCLASS32, ELFDATA2LSB, ET_REL, EM_X86_64, 0, 0, 0 },
	{ "elf/ppc32-be.o", ELFCLASS32, ELFDATA2MSB, ET_REL, EM_PPC, 0, 0, 0 },
	{ "elf/aarch64-patched.o", ELFCLASS64, ELFDATA2LSB, ET_REL, EM_AARCH64, 0, 0, 0 },
};

static void test_headers(void)
{
	for (size_t i = 0; i < sizeof header_cases / sizeof header_cases[0]; i++) {
		const struct header_case *c = &header_cases[i];
		struct ef_error err;
		struct elf_image *image = elf_image_open(testdata_path(c->fixture), &err);

		if (!tap_ok(image != NULL, "%s opens", c->fixture)) {
			printf("#   %s\n", err.detail);
			continue;
		}
		tap_eq_u64(image->elf_class, c->elf_class, "%s: class", c->fixture);
		tap_eq_u64(image->data, c->data, "%s: byte order", c->fixture);
		tap_eq_u64(image->type, c->type, "%s: e_type", c->fixture);
		tap_eq_u64(image->machine, c->machine, "%s: e_machine", c->fixture);
		if (c->sections != 0)
			tap_eq_u64(image->section_count, c->sections,
				   "%s: section headers", c->fixture);
		if (c->segments != 0)
			tap_eq_u64(image->segment_count, c->segments,
				   "%s: program headers", c->fixture);
		if (c->entry != 0)
			tap_eq_u64(image->entry, c->entry, "%s: entry", c->fixture);
		elf_image_free(image);
	}
}

/* The seed's sections and segments, as readelf -SlW shows them. */
static void test_seed_layout(void)
{
	static const struct {
		const char *name;
		uint32_t type;
		uint64_t addr, offset, size, align;
	} sections[] = {
		{ ".text", SHT_PROGBITS, 0x08048094, 0x94, 0x72, 4 },
		{ ".rodata", SHT_PROGBITS, 0x08048108, 0x108, 0x6bd, 4 },
		{ ".data", SHT_PROGBITS, 0x080497c8, 0x7c8, 0x30, 4 },
		{ ".bss", SHT_NOBITS, 0x08049800, 0x7f8, 0x1000, 32 },
	};
	struct elf_image *image = elf_image_open(testdata_path("seed/a.out"), NULL);

	if (!tap_ok(image != NULL, "seed/a.out opens"))
		return;
	for (size_t i = 0; i < sizeof sections / sizeof sections[0]; i++) {
		const struct elf_section *s = elf_image_section(image, sections[i].name);

		if (!tap_ok(s != NULL, "seed: %s exists", sections[i].name))
			continue;
		tap_eq_u64(s->type, sections[i].type, "seed: %s type", s->name);
		tap_eq_u64(s->addr, sections[i].addr, "seed: %s address", s->name);
		tap_eq_u64(s->offset, sections[i].offset, "seed: %s offset", s->name);
		tap_eq_u64(s->size, sections[i].size, "seed: %s size", s->name);
		tap_eq_u64(s->addralign, sections[i].align, "seed: %s alignment", s->name);
	}
	tap_eq_u64(image->segments[0].type, PT_LOAD, "seed: first segment is PT_LOAD");
	tap_eq_u64(image->segments[0].vaddr, 0x08048000, "seed: text at 0x08048000");
	tap_eq_u64(image->segments[1].filesz, 0x30, "seed: data p_filesz");
	tap_eq_u64(image->segments[1].memsz, 0x1038, "seed: data p_memsz");
	tap_eq_u64(image->segments[2].type, PT_GNU_STACK, "seed: PT_GNU_STACK");
	tap_ok(elf_image_section(image, ".nonesuch") == NULL,
	       "seed: no section .nonesuch");
	elf_image_free(image);
}

static void test_symbols(void)
{
	static const struct {
		const char *fixture, *name;
		uint64_t value;
		unsigned char type;
	} cases[] = {
		{ "seed/a.out", "counter", 0x080497c8, STT_OBJECT },
		{ "seed/a.out", "_start", 0x08048094, STT_FUNC },
		{ "elf/libtiny.so", "tiny_get", 0, STT_FUNC },
	};
	struct ef_error err;

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct elf_image *image = elf_image_open(testdata_path(cases[i].fixture), NULL);
		const struct elf_symbol *sym;

		if (!tap_ok(image != NULL, "%s opens", cases[i].fixture))
			continue;
		sym = elf_image_symbol(image, cases[i].name, &err);
		if (tap_ok(sym != NULL, "%s: symbol %s found", cases[i].fixture,
			   cases[i].name)) {
			if (cases[i].value != 0)
				tap_eq_u64(sym->value, cases[i].value, "%s: %s value",
					   cases[i].fixture, cases[i].name);
			tap_eq_u64(sym->type, cases[i].type, "%s: %s type",
				   cases[i].fixture, cases[i].name);
		}
		sym = elf_image_symbol(image, "no_such_symbol", &err);
		tap_ok(sym == NULL && err.kind == ELF_IMAGE_ERR_NO_SYMBOL,
		       "%s: unknown symbol is ELF_IMAGE_ERR_NO_SYMBOL", cases[i].fixture);
		elf_image_free(image);
	}
}

static void test_errors(void)
{
	static const struct {
		const char *path;
		int kind;
	} cases[] = {
		{ "no/such/file", ELF_IMAGE_ERR_NO_FILE },
		{ "elf", ELF_IMAGE_ERR_DIRECTORY },
		{ "bad/empty", ELF_IMAGE_ERR_EMPTY },
		{ "bad/not-elf.txt", ELF_IMAGE_ERR_NOT_ELF },
		{ "bad/truncated-ehdr", ELF_IMAGE_ERR_NOT_ELF },
	};
	struct ef_error err;

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct elf_image *image = elf_image_open(testdata_path(cases[i].path), &err);

		if (!tap_ok(image == NULL && err.kind == cases[i].kind,
			    "%s: error kind %d", cases[i].path, cases[i].kind))
			printf("#   got kind %d (%s)\n", err.kind, err.detail);
		elf_image_free(image);
	}
	{
		struct elf_image *image = elf_image_open("/dev/null", &err);

		tap_ok(image == NULL && err.kind == ELF_IMAGE_ERR_NOT_REGULAR,
		       "/dev/null is not an ordinary file");
	}
}

static void test_read_bounds(void)
{
	struct elf_image *image = elf_image_open(testdata_path("seed/a.out"), NULL);
	unsigned char magic[4];
	struct ef_error err;

	if (!tap_ok(image != NULL, "seed/a.out opens"))
		return;
	tap_ok(elf_image_read(image, 0, magic, 4, &err) == 0 &&
	       memcmp(magic, "\177ELF", 4) == 0, "read: ELF magic at 0");
	tap_ok(elf_image_read(image, image->file_size - 2, magic, 4, &err) != 0,
	       "read: a range past the end fails");
	tap_ok(elf_image_read(image, UINT64_MAX - 1, magic, 4, &err) != 0,
	       "read: a wrapping range fails");
	elf_image_free(image);
}

static void test_archive(void)
{
	static const char *const members[] = { "archive-a.o", "archive-b.o" };
	struct elf_image *archive = elf_image_open(testdata_path("elf/libpair.a"), NULL);
	struct elf_image *member;
	struct ef_error err;
	size_t n = 0;

	if (!tap_ok(archive != NULL && archive->kind == ELF_IMAGE_ARCHIVE,
		    "libpair.a is an archive"))
		return;
	while ((member = elf_image_next_member(archive, &err)) != NULL) {
		if (n < 2)
			tap_eq_str(member->member, members[n], "member %zu name", n);
		tap_eq_u64(member->machine, EM_X86_64, "member %zu is x86-64", n);
		elf_image_free(member);
		n++;
	}
	tap_eq_u64(n, 2, "libpair.a has two members (index skipped)");
	tap_ok(err.kind == 0, "archive ends without error");
	elf_image_free(archive);
}

int main(void)
{
	test_headers();
	test_seed_layout();
	test_symbols();
	test_errors();
	test_read_bounds();
	test_archive();
	return tap_done();
}
