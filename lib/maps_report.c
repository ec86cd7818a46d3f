/* maps_report.c - show_map_vma() for elfault's address spaces. */
#include <config.h>

#include <elf.h>
#include <inttypes.h>
#include <string.h>

#include "maps_report.h"

#define VSYSCALL_START 0xffffffffff600000ull

/* The [heap] test: 6.1's is inclusive, so the .bss VMA that ends at
 * start_brk is [heap] there; 6.12 on (vma_is_initial_heap()) is strict. */
static bool is_initial_heap(const struct mm *mm, const struct vma *vma)
{
	if (mm->target->heap_includes_bss)
		return vma->start <= mm->brk && vma->end >= mm->start_brk;
	return vma->start < mm->brk && vma->end > mm->start_brk;
}

const char *maps_vma_name(const struct mm *mm, const struct vma *vma)
{
	switch (vma->kind) {
	case VMA_KIND_FILE:
		return vma->file->path;
	case VMA_KIND_VDSO:
		return "[vdso]";
	case VMA_KIND_VVAR:
		return "[vvar]";
	case VMA_KIND_VVAR_VCLOCK:
		return "[vvar_vclock]";
	case VMA_KIND_VSYSCALL:
		return "[vsyscall]";
	case VMA_KIND_ANON:
		break;
	}
	if (is_initial_heap(mm, vma))
		return "[heap]";
	if (vma->start <= mm->start_stack && vma->end >= mm->start_stack)
		return "[stack]";
	return NULL;
}

void maps_vma_perms(unsigned flags, char perms[5])
{
	perms[0] = flags & VMA_READ ? 'r' : '-';
	perms[1] = flags & VMA_WRITE ? 'w' : '-';
	perms[2] = flags & VMA_EXEC ? 'x' : '-';
	perms[3] = flags & VMA_SHARED ? 's' : 'p';
	perms[4] = '\0';
}

static void put_perms(FILE *out, unsigned flags)
{
	char perms[5];

	maps_vma_perms(flags, perms);
	fputs(perms, out);
}

/* show_vma_header_prefix(), then the name after padding to the width
 * seq_setwidth() set: 25 + 6 * sizeof(void *) - 1 for the kernel. */
static void put_line(FILE *out, const struct mm *mm, const struct vma *vma,
		     const char *name)
{
	const struct mapped_file *file = vma->kind == VMA_KIND_FILE
					 ? vma->file : NULL;
	int width = 25 + 6 * (int)(mm->target->kernel_bits / 8) - 1;
	int length;

	length = fprintf(out, "%08" PRIx64 "-%08" PRIx64 " ", vma->start,
			 vma->end);
	put_perms(out, vma->flags);
	length += 4;
	length += fprintf(out, " %08" PRIx64 " %02x:%02x %" PRIu64 " ",
			  file ? vma->pgoff * PAGE_SIZE : 0,
			  file ? file->dev_major : 0,
			  file ? file->dev_minor : 0,
			  file ? file->inode : 0);
	if (name != NULL)
		fprintf(out, "%*s%s", length < width ? width - length + 1 : 1,
			"", name);
	fputc('\n', out);
}

/* The vsyscall page is not a VMA but /proc/PID/maps lists it last
 * (gate_vma, x86-64 only). */
static const struct vma vsyscall_page = {
	.start = VSYSCALL_START, .end = VSYSCALL_START + PAGE_SIZE,
	.flags = VMA_EXEC, .kind = VMA_KIND_VSYSCALL,
};

/* One allocated section's part inside [start, end), indented under its
 * VMA: the arrows from the file to memory. */
static void put_section_part(FILE *out, const struct mm *mm,
			     const struct elf_section *s, const struct vma *vma,
			     int width)
{
	uint64_t s_start = s->addr + mm->load_bias;
	uint64_t s_end = s_start + s->size;
	uint64_t from = s_start > vma->start ? s_start : vma->start;
	uint64_t to = s_end < vma->end ? s_end : vma->end;

	if (from >= to)
		return;
	fprintf(out, "    %-*s %08" PRIx64 "-%08" PRIx64, width, s->name, from,
		to);
	if (s->type == SHT_NOBITS && vma->kind == VMA_KIND_FILE)
		fputs("  zero-filled, in the last file page (exec zeroes it)",
		      out);
	else if (s->type == SHT_NOBITS)
		fputs("  zero-filled, anonymous memory", out);
	else
		fprintf(out, "  file %08" PRIx64 "-%08" PRIx64,
			s->offset + (from - s_start), s->offset + (to - s_start));
	if (from != s_start || to != s_end)
		fprintf(out, "  (part of %08" PRIx64 "-%08" PRIx64 ")",
			s_start, s_end);
	fputc('\n', out);
}

bool maps_vma_of_program(const struct mm *mm, const struct vma *vma)
{
	return (vma->kind == VMA_KIND_FILE && vma->file == &mm->program) ||
	       (vma->kind == VMA_KIND_ANON && vma->start < mm->start_brk &&
		vma->end <= mm->start_brk && vma->end > mm->start_code);
}

/* Whether section S has bytes in memory: allocated, not empty, not the
 * .tbss template (TLS that takes no room in the image). */
bool maps_section_in_memory(const struct elf_section *s)
{
	return (s->flags & SHF_ALLOC) && s->size != 0 &&
	       !((s->flags & SHF_TLS) && s->type == SHT_NOBITS);
}

/* The width of the section names' column: 16, or the longest name. */
static int section_name_width(const struct elf_image *image)
{
	size_t width = 16;

	for (size_t i = 1; i < image->section_count; i++)
		if (maps_section_in_memory(&image->sections[i]) &&
		    strlen(image->sections[i].name) > width)
			width = strlen(image->sections[i].name);
	return (int)width;
}

static void put_sections(FILE *out, const struct mm *mm,
			 const struct elf_image *image, const struct vma *vma,
			 int width)
{
	if (!maps_vma_of_program(mm, vma))
		return;
	for (size_t i = 1; i < image->section_count; i++)
		if (maps_section_in_memory(&image->sections[i]))
			put_section_part(out, mm, &image->sections[i], vma,
					 width);
}

int maps_report_text(FILE *out, const struct mm *mm,
		     const struct elf_image *image)
{
	int width = image != NULL ? section_name_width(image) : 0;

	for (size_t i = 0; i < mm->vmas.count; i++) {
		const struct vma *vma = &mm->vmas.vmas[i];

		put_line(out, mm, vma, maps_vma_name(mm, vma));
		if (image != NULL)
			put_sections(out, mm, image, vma, width);
	}
	if (mm->target->vsyscall)
		put_line(out, mm, &vsyscall_page, "[vsyscall]");
	return ferror(out) ? -1 : 0;
}

int maps_report_kernel_region(FILE *out, const struct mm *mm)
{
	const struct exec_target *t = mm->target;

	if (t->kernel_start == 0)
		return 0;
	fprintf(out, "\nkernel: %08" PRIx64 "-%08" PRIx64 " (%" PRIu64
		" MiB) in every address space, supervisor only (U=0);"
		" not in /proc/PID/maps\n", t->kernel_start,
		(uint64_t)0xffffffff,
		((uint64_t)1 << 32) / (1024 * 1024) - t->kernel_start / (1024 * 1024));
	return ferror(out) ? -1 : 0;
}

/* ---- the initial stack ---------------------------------------------- */

/* The names' column: as wide as the longest, AT_MINSIGSTKSZ's and
 * AT_RSEQ_FEATURE_SIZE's. */
enum { STACK_NAME_WIDTH = 22 };

static unsigned stack_word_size(const struct mm *mm)
{
	return mm->target->elf_class == ELFCLASS64 ? 8 : 4;
}

static uint64_t stack_word(const struct mm *mm, uint64_t addr)
{
	uint64_t value = 0;

	for (unsigned i = stack_word_size(mm); i-- > 0;)
		value = value << 8 | mm->stack[addr - mm->stack_low + i];
	return value;
}

/* The NUL-terminated string at ADDR, when it lies in the stack bytes. */
static const char *stack_string(const struct mm *mm, uint64_t addr)
{
	if (addr < mm->stack_low || addr >= mm->target->stack_top)
		return NULL;
	return (const char *)mm->stack + (addr - mm->stack_low);
}

static const char *auxv_name(uint64_t type);

/* A list of pointers ending in NULL: argv or envp. */
static uint64_t put_pointer_list(FILE *out, const struct mm *mm,
				 uint64_t at, const char *what, int digits)
{
	unsigned word = stack_word_size(mm);

	for (unsigned i = 0;; i++, at += word) {
		uint64_t value = stack_word(mm, at);
		const char *text = stack_string(mm, value);

		char name[32];

		snprintf(name, sizeof name, "%s[%u]", what, i);
		fprintf(out, "%0*" PRIx64 "  %-*s %0*" PRIx64, digits, at,
			STACK_NAME_WIDTH, name, digits, value);
		if (value != 0 && text != NULL)
			fprintf(out, "  \"%s\"", text);
		fputc('\n', out);
		if (value == 0)
			return at + word;
	}
}

int maps_report_stack(FILE *out, const struct mm *mm)
{
	int digits = mm->target->elf_class == ELFCLASS64 ? 12 : 8;
	unsigned word = stack_word_size(mm);
	uint64_t at = mm->sp;

	fprintf(out, "%0*" PRIx64 "  %-*s %" PRIu64 "\n", digits, at,
		STACK_NAME_WIDTH, "argc", stack_word(mm, at));
	at = put_pointer_list(out, mm, at + word, "argv", digits);
	at = put_pointer_list(out, mm, at, "envp", digits);
	for (size_t i = 0; i <= mm->auxv_count; i++, at += 2 * word) {
		uint64_t type = stack_word(mm, at), value = stack_word(mm, at + word);

		fprintf(out, "%0*" PRIx64 "  %-*s %0*" PRIx64, digits, at,
			STACK_NAME_WIDTH, type == 0 ? "AT_NULL" : auxv_name(type),
			digits, value);
		if ((type == AT_PLATFORM || type == AT_EXECFN) &&
		    stack_string(mm, value) != NULL)
			fprintf(out, "  \"%s\"", stack_string(mm, value));
		fputc('\n', out);
	}
	fprintf(out, "%0*" PRIx64 "  %-*s %0*" PRIx64
		" (argv, envp, file name)\n", digits, mm->arg_start,
		STACK_NAME_WIDTH, "strings up to", digits,
		mm->target->stack_top);
	return ferror(out) ? -1 : 0;
}

/* ---- YAML ---------------------------------------------------------------- */

static int address_digits(const struct mm *mm)
{
	return mm->target->elf_class == ELFCLASS64 ? 12 : 8;
}

static const char *vma_kind_name(const struct mm *mm, const struct vma *vma)
{
	const char *name;

	switch (vma->kind) {
	case VMA_KIND_FILE:
		return "file";
	case VMA_KIND_VDSO:
		return "vdso";
	case VMA_KIND_VVAR:
	case VMA_KIND_VVAR_VCLOCK:
		return "vvar";
	case VMA_KIND_VSYSCALL:
		return "vsyscall";
	case VMA_KIND_ANON:
		break;
	}
	name = maps_vma_name(mm, vma);
	if (name != NULL && strcmp(name, "[stack]") == 0)
		return "stack";
	if (name != NULL && strcmp(name, "[heap]") == 0)
		return "heap";
	return "anonymous";
}

static void yaml_sections(struct yaml_writer *w, const struct mm *mm,
			  const struct elf_image *image, const struct vma *vma)
{
	yaml_writer_str(w, "sections");
	yaml_writer_begin_seq(w, false);
	for (size_t i = 1; maps_vma_of_program(mm, vma) && i < image->section_count;
	     i++) {
		const struct elf_section *s = &image->sections[i];
		uint64_t start = s->addr + mm->load_bias, end = start + s->size;
		uint64_t from = start > vma->start ? start : vma->start;
		uint64_t to = end < vma->end ? end : vma->end;

		if (!(s->flags & SHF_ALLOC) || from >= to ||
		    ((s->flags & SHF_TLS) && s->type == SHT_NOBITS))
			continue;
		yaml_writer_begin_map(w);
		yaml_writer_key_str(w, "name", s->name);
		yaml_writer_key_hex(w, "start", from, address_digits(mm));
		yaml_writer_key_hex(w, "end", to, address_digits(mm));
		yaml_writer_key_bool(w, "whole", from == start && to == end);
		yaml_writer_key_bool(w, "zero-filled", s->type == SHT_NOBITS);
		yaml_writer_end_map(w);
	}
	yaml_writer_end_seq(w);
}

void maps_vma_record(const struct mm *mm, const struct vma *vma,
		     struct maps_vma_record *rec)
{
	const struct mapped_file *file = vma->kind == VMA_KIND_FILE
					 ? vma->file : NULL;

	*rec = (struct maps_vma_record){
		.start = vma->start, .end = vma->end,
		.digits = vma->end > 0xffffffffu ? 16 : address_digits(mm),
		.has_file = file != NULL,
		.offset = file ? vma->pgoff * PAGE_SIZE : 0,
		.dev_major = file ? file->dev_major : 0,
		.dev_minor = file ? file->dev_minor : 0,
		.inode = file ? file->inode : 0,
		.kind = vma_kind_name(mm, vma), .name = maps_vma_name(mm, vma),
		.grows_down = vma->flags & VMA_GROWSDOWN,
	};
	maps_vma_perms(vma->flags, rec->perms);
}

int maps_for_each_vma(const struct mm *mm, maps_vma_visitor *visit,
		      void *ctx)
{
	struct maps_vma_record rec;
	int rc = 0;

	for (size_t i = 0; i < mm->vmas.count && rc == 0; i++) {
		maps_vma_record(mm, &mm->vmas.vmas[i], &rec);
		rc = visit(ctx, &rec);
	}
	if (rc == 0 && mm->target->vsyscall) {
		maps_vma_record(mm, &vsyscall_page, &rec);
		rc = visit(ctx, &rec);
	}
	return rc;
}

/* show_map_vma() prints 0 for the offset, device and inode of a VMA
 * without a file; here they are left out, as is a name maps leaves blank. */
void maps_report_yaml_vma(struct yaml_writer *w,
			  const struct maps_vma_record *rec)
{
	yaml_writer_key_hex(w, "start", rec->start, rec->digits);
	yaml_writer_key_hex(w, "end", rec->end, rec->digits);
	yaml_writer_key_str(w, "perms", rec->perms);
	if (rec->has_file) {
		yaml_writer_key_hex(w, "offset", rec->offset, 8);
		yaml_writer_str(w, "dev");
		yaml_writer_begin_flow_map(w);
		yaml_writer_key_int(w, "major", rec->dev_major);
		yaml_writer_key_int(w, "minor", rec->dev_minor);
		yaml_writer_end_map(w);
		yaml_writer_key_int(w, "inode", (long long)rec->inode);
	}
	yaml_writer_key_str(w, "kind", rec->kind);
	if (rec->name != NULL)
		yaml_writer_key_str(w, "name", rec->name);
	yaml_writer_key_bool(w, "grows-down", rec->grows_down);
}

static void yaml_vma(struct yaml_writer *w, const struct mm *mm,
		     const struct vma *vma, const struct elf_image *image)
{
	struct maps_vma_record rec;

	maps_vma_record(mm, vma, &rec);
	yaml_writer_begin_map(w);
	maps_report_yaml_vma(w, &rec);
	if (image != NULL)
		yaml_sections(w, mm, image, vma);
	yaml_writer_end_map(w);
}

/* mm_struct's fields, and AT_BASE's interp-base when there is an
 * interpreter (without one AT_BASE is 0: none, and the key is left out). */
static void yaml_mm_fields(struct yaml_writer *w, const struct mm *mm)
{
	static const struct {
		const char *key;
		size_t offset;
	} fields[] = {
		{ "start-code", offsetof(struct mm, start_code) },
		{ "end-code", offsetof(struct mm, end_code) },
		{ "start-data", offsetof(struct mm, start_data) },
		{ "end-data", offsetof(struct mm, end_data) },
		{ "start-brk", offsetof(struct mm, start_brk) },
		{ "brk", offsetof(struct mm, brk) },
		{ "start-stack", offsetof(struct mm, start_stack) },
		{ "arg-start", offsetof(struct mm, arg_start) },
		{ "arg-end", offsetof(struct mm, arg_end) },
		{ "env-start", offsetof(struct mm, env_start) },
		{ "env-end", offsetof(struct mm, env_end) },
		{ "load-bias", offsetof(struct mm, load_bias) },
		{ "interp-base", offsetof(struct mm, interp_base) },
		{ "entry", offsetof(struct mm, entry) },
		{ "sp", offsetof(struct mm, sp) },
	};

	yaml_writer_str(w, "mm");
	yaml_writer_begin_map(w);
	for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
		if (fields[i].offset == offsetof(struct mm, interp_base) &&
		    mm->interpreter.path == NULL)
			continue;
		yaml_writer_key_hex(w, fields[i].key,
				    *(const uint64_t *)((const char *)mm +
							fields[i].offset),
				    address_digits(mm));
	}
	yaml_writer_key_bool(w, "read-implies-exec", mm->read_implies_exec);
	yaml_writer_end_map(w);
}

static const char *auxv_name(uint64_t type)
{
	static const struct { uint64_t type; const char *name; } names[] = {
		{ AT_SYSINFO, "AT_SYSINFO" }, { AT_SYSINFO_EHDR, "AT_SYSINFO_EHDR" },
		{ 51, "AT_MINSIGSTKSZ" }, { AT_HWCAP, "AT_HWCAP" },
		{ AT_PAGESZ, "AT_PAGESZ" }, { AT_CLKTCK, "AT_CLKTCK" },
		{ AT_PHDR, "AT_PHDR" }, { AT_PHENT, "AT_PHENT" },
		{ AT_PHNUM, "AT_PHNUM" }, { AT_BASE, "AT_BASE" },
		{ AT_FLAGS, "AT_FLAGS" }, { AT_ENTRY, "AT_ENTRY" },
		{ AT_UID, "AT_UID" }, { AT_EUID, "AT_EUID" }, { AT_GID, "AT_GID" },
		{ AT_EGID, "AT_EGID" }, { AT_SECURE, "AT_SECURE" },
		{ AT_RANDOM, "AT_RANDOM" }, { AT_HWCAP2, "AT_HWCAP2" },
		{ AT_EXECFN, "AT_EXECFN" }, { AT_PLATFORM, "AT_PLATFORM" },
		{ 27, "AT_RSEQ_FEATURE_SIZE" }, { 28, "AT_RSEQ_ALIGN" },
	};

	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (names[i].type == type)
			return names[i].name;
	return "AT_UNKNOWN";
}

/* A NULL-terminated list of pointers at AT (argv, envp) under KEY: each
 * pointer's place, value and string; returns the address past the NULL. */
static uint64_t yaml_pointer_list(struct yaml_writer *w, const struct mm *mm,
				  uint64_t at, const char *key)
{
	int digits = address_digits(mm);
	uint64_t value;

	yaml_writer_str(w, key);
	yaml_writer_begin_seq(w, false);
	for (; (value = stack_word(mm, at)) != 0; at += stack_word_size(mm)) {
		yaml_writer_begin_map(w);
		yaml_writer_key_hex(w, "at", at, digits);
		yaml_writer_key_hex(w, "value", value, digits);
		if (stack_string(mm, value) != NULL)
			yaml_writer_key_str(w, "string", stack_string(mm, value));
		yaml_writer_end_map(w);
	}
	yaml_writer_end_seq(w);
	return at + stack_word_size(mm);
}

/* --stack: the words maps_report_stack() lists, as fields. */
static void yaml_stack(struct yaml_writer *w, const struct mm *mm)
{
	unsigned word = stack_word_size(mm);
	int digits = address_digits(mm);
	uint64_t at = mm->sp;

	yaml_writer_str(w, "stack");
	yaml_writer_begin_map(w);
	yaml_writer_key_hex(w, "sp", at, digits);
	yaml_writer_key_int(w, "argc", (long long)stack_word(mm, at));
	at = yaml_pointer_list(w, mm, at + word, "argv");
	at = yaml_pointer_list(w, mm, at, "envp");
	yaml_writer_str(w, "auxv");
	yaml_writer_begin_seq(w, false);
	for (size_t i = 0; i <= mm->auxv_count; i++, at += 2 * word) {
		uint64_t type = stack_word(mm, at), value = stack_word(mm, at + word);

		yaml_writer_begin_map(w);
		yaml_writer_key_hex(w, "at", at, digits);
		yaml_writer_key_str(w, "type", type == 0 ? "AT_NULL"
							 : auxv_name(type));
		yaml_writer_key_hex(w, "value", value, digits);
		if ((type == AT_PLATFORM || type == AT_EXECFN) &&
		    stack_string(mm, value) != NULL)
			yaml_writer_key_str(w, "string", stack_string(mm, value));
		yaml_writer_end_map(w);
	}
	yaml_writer_end_seq(w);
	yaml_writer_key_hex(w, "strings-start", mm->arg_start, digits);
	yaml_writer_key_hex(w, "strings-end", mm->target->stack_top, digits);
	yaml_writer_end_map(w);
}

void maps_report_yaml(struct yaml_writer *w, const struct mm *mm,
		      const struct elf_image *image, bool stack)
{
	yaml_writer_begin_map(w);
	yaml_writer_key_str(w, "target", mm->target->name);
	yaml_writer_key_str(w, "file", mm->program.path);
	if (mm->interpreter.path != NULL)
		yaml_writer_key_str(w, "interpreter", mm->interpreter.path);
	yaml_mm_fields(w, mm);
	yaml_writer_str(w, "vmas");
	yaml_writer_begin_seq(w, false);
	for (size_t i = 0; i < mm->vmas.count; i++)
		yaml_vma(w, mm, &mm->vmas.vmas[i], image);
	if (mm->target->vsyscall)
		yaml_vma(w, mm, &vsyscall_page, NULL);
	yaml_writer_end_seq(w);
	yaml_writer_str(w, "auxv");
	yaml_writer_begin_seq(w, false);
	for (size_t i = 0; i < mm->auxv_count; i++) {
		yaml_writer_begin_map(w);
		yaml_writer_key_str(w, "type", auxv_name(mm->auxv[i].type));
		yaml_writer_key_hex(w, "value", mm->auxv[i].value, 8);
		yaml_writer_end_map(w);
	}
	yaml_writer_end_seq(w);
	if (mm->target->kernel_start != 0) {
		yaml_writer_str(w, "kernel-region");
		yaml_writer_begin_map(w);
		yaml_writer_key_hex(w, "start", mm->target->kernel_start, 8);
		yaml_writer_key_hex(w, "end", 0x100000000ull, 8);
		yaml_writer_key_bool(w, "user-accessible", false);
		yaml_writer_end_map(w);
	}
	if (stack)
		yaml_stack(w, mm);
	yaml_writer_end_map(w);
}
