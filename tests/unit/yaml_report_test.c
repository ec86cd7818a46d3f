/* yaml_report_test.c - the YAML writer's quoting, and `sections` YAML
 * parsed back with libyaml and checked against the section table. */
#include <config.h>

#include <yaml.h>

#include "elf_image.h"
#include "exec_layout.h"
#include "exec_target.h"
#include "maps_report.h"
#include "section_report.h"
#include "section_table.h"
#include "tap.h"
#include "yaml_writer.h"

/* The scalars of a YAML stream, in order, with their quoting style. */
struct scalars {
	size_t count;
	char *value[4096];
	bool plain[4096];
};

static bool parse_scalars(const char *text, size_t length, struct scalars *out)
{
	yaml_parser_t parser;
	yaml_event_t event;
	bool ok = true, done = false;

	memset(out, 0, sizeof *out);
	yaml_parser_initialize(&parser);
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, length);
	while (!done) {
		if (!yaml_parser_parse(&parser, &event)) {
			ok = false;
			break;
		}
		if (event.type == YAML_SCALAR_EVENT && out->count < 4096) {
			out->value[out->count] = strdup((char *)event.data.scalar.value);
			out->plain[out->count] =
				event.data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
			out->count++;
		}
		done = event.type == YAML_STREAM_END_EVENT;
		yaml_event_delete(&event);
	}
	yaml_parser_delete(&parser);
	return ok;
}

static void free_scalars(struct scalars *s)
{
	for (size_t i = 0; i < s->count; i++)
		free(s->value[i]);
}

/* Strings that would read back as numbers, booleans or null are quoted;
 * others are plain; numbers are plain. */
static void test_quoting(void)
{
	static const struct {
		const char *text;
		bool plain;
	} cases[] = {
		{ ".text", true }, { "CONTENTS", true }, { "1", false },
		{ "0x10", false }, { "yes", false }, { "null", false },
		{ "", false }, { "-5", false }, { ".5", false }, { ".inf", false },
		{ "a: b", false }, { "odd name$-+.!", true },
		{ "~", false }, { "OFF", false }, { "N", false },
		{ "False", false }, { ".NaN", false }, { "falsey", true },
		{ "offer", true }, { "Nope", true },
	};
	size_t n = sizeof cases / sizeof cases[0];
	struct yaml_writer w;
	struct scalars s;
	char *buffer = NULL;
	size_t length = 0;
	FILE *out = open_memstream(&buffer, &length);

	yaml_writer_init(&w, out);
	yaml_writer_begin_document(&w);
	yaml_writer_begin_seq(&w, false);
	for (size_t i = 0; i < n; i++)
		yaml_writer_str(&w, cases[i].text);
	yaml_writer_hex(&w, 0x8048094, 8);
	yaml_writer_int(&w, -3);
	yaml_writer_end_seq(&w);
	yaml_writer_end_document(&w);
	tap_ok(yaml_writer_finish(&w, NULL) == 0, "writer finishes");
	fclose(out);
	if (tap_ok(parse_scalars(buffer, length, &s) && s.count == n + 2,
		   "writer output parses back")) {
		for (size_t i = 0; i < n; i++) {
			tap_eq_str(s.value[i], cases[i].text, "round trip of \"%s\"",
				   cases[i].text);
			tap_ok(s.plain[i] == cases[i].plain, "\"%s\" is %s",
			       cases[i].text, cases[i].plain ? "plain" : "quoted");
		}
		tap_eq_str(s.value[n], "0x08048094", "hex scalar");
		tap_ok(s.plain[n] && s.plain[n + 1], "numbers are plain");
	}
	free_scalars(&s);
	free(buffer);
}

/* The value after KEY in the I-th mapping that has KEY "name". */
static const char *value_after(const struct scalars *s, size_t *pos,
			       const char *key)
{
	for (size_t i = *pos; i + 1 < s->count; i++)
		if (strcmp(s->value[i], key) == 0) {
			*pos = i + 1;
			return s->value[i + 1];
		}
	return NULL;
}

static void test_sections_yaml(void)
{
	struct elf_image *image = elf_image_open(testdata_path("seed/a.out"), NULL);
	struct section_table table;
	struct yaml_writer w;
	struct scalars s;
	char *buffer = NULL, want[32];
	size_t length = 0, pos = 0;
	FILE *out;

	if (!tap_ok(image != NULL && section_table_build(image, &table, NULL) == 0,
		    "seed/a.out builds"))
		return;
	out = open_memstream(&buffer, &length);
	yaml_writer_init(&w, out);
	yaml_writer_begin_document(&w);
	section_report_yaml(&w, "seed/a.out", NULL, image, &table);
	yaml_writer_end_document(&w);
	tap_ok(yaml_writer_finish(&w, NULL) == 0, "sections YAML written");
	fclose(out);
	if (tap_ok(parse_scalars(buffer, length, &s), "sections YAML parses back")) {
		tap_eq_str(value_after(&s, &pos, "format"), "elf32-i386", "format key");
		for (size_t i = 0; i < table.count; i++) {
			const struct bfd_section_entry *e = &table.entries[i];

			tap_eq_str(value_after(&s, &pos, "name"), e->name, "section %zu name", i);
			snprintf(want, sizeof want, "0x%08llx", (unsigned long long)e->vma);
			tap_eq_str(value_after(&s, &pos, "vma"), want, "%s vma", e->name);
			snprintf(want, sizeof want, "%d", e->load_segment == 0 ? 0 : 1);
			tap_eq_str(value_after(&s, &pos, "segment"), want, "%s segment", e->name);
		}
	}
	free_scalars(&s);
	free(buffer);
	section_table_release(&table);
	elf_image_free(image);
}

/* maps --format=yaml of the seed on the i386 target, parsed back: every
 * VMA's start, end and permissions, and the initial stack pointer. */
static void test_maps_yaml(void)
{
	static const char *const argv[] = { "a.out", "x" };
	struct exec_args args = { .filename = "a.out", .argv = argv, .argc = 2 };
	struct elf_image *image = elf_image_open(testdata_path("seed/a.out"), NULL);
	struct yaml_writer w;
	struct scalars s;
	struct mm mm;
	char *buffer = NULL, want[32];
	size_t length = 0, pos = 0;
	FILE *out;

	if (!tap_ok(image != NULL && exec_layout_build(image,
		    exec_target_by_name("i386"), &args, &mm, NULL) == 0,
		    "seed/a.out execs on i386")) {
		elf_image_free(image);
		return;
	}
	out = open_memstream(&buffer, &length);
	yaml_writer_init(&w, out);
	yaml_writer_begin_document(&w);
	maps_report_yaml(&w, &mm, NULL, false);	/* VMAs only, no section lists */
	yaml_writer_end_document(&w);
	tap_ok(yaml_writer_finish(&w, NULL) == 0, "maps YAML written");
	fclose(out);
	if (tap_ok(parse_scalars(buffer, length, &s), "maps YAML parses back")) {
		tap_eq_str(value_after(&s, &pos, "target"), "i386", "target key");
		snprintf(want, sizeof want, "0x%08llx", (unsigned long long)mm.sp);
		tap_eq_str(value_after(&s, &pos, "sp"), want, "sp key");
		for (size_t i = 0; i < mm.vmas.count; i++) {
			const struct vma *v = &mm.vmas.vmas[i];

			snprintf(want, sizeof want, "0x%08llx", (unsigned long long)v->start);
			tap_eq_str(value_after(&s, &pos, "start"), want, "vma %zu start", i);
			snprintf(want, sizeof want, "0x%08llx", (unsigned long long)v->end);
			tap_eq_str(value_after(&s, &pos, "end"), want, "vma %zu end", i);
		}
		pos = 0;
		tap_eq_str(value_after(&s, &pos, "kernel-region") ? "present" : NULL,
			   "present", "the i386 kernel region is there");
	}
	free_scalars(&s);
	free(buffer);
	mm_release(&mm);
	elf_image_free(image);
}

int main(void)
{
	test_quoting();
	test_sections_yaml();
	test_maps_yaml();
	return tap_done();
}
