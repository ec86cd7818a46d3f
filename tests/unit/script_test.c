/* script_test.c - the script reader on small documents: the steps and
 * fields it returns, and where (line, column) it reports each error. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "script.h"
#include "tap.h"

static char path[] = "/tmp/elfault-script-test-XXXXXX";

static struct script *open_text(const char *text)
{
	FILE *f = fopen(path, "w");

	fputs(text, f);
	fclose(f);
	return script_open(path, NULL);
}

/* Read every step; describe them as "key=value,key=[a b];" per step
 * (expect keys prefixed with "?"), or the error as "LINE:COL KIND", KIND
 * counted from the start of script.h's range. */
static void describe(const char *text, char *out, size_t size)
{
	struct script *s = open_text(text);
	static struct script_step step;
	struct ef_error err = { 0 };
	size_t used = 0;
	int rc;

	out[0] = '\0';
	while ((rc = script_next(s, &step, &err)) == 1) {
		used += (size_t)snprintf(out + used, size - used, "%s",
					 step.is_machine ? "M:" : "");
		for (unsigned i = 0; i < step.field_count; i++) {
			const struct script_field *f = &step.fields[i];

			used += (size_t)snprintf(out + used, size - used, "%s%s=%s",
						 f->in_expect ? "?" : "", f->key,
						 f->is_list ? "[" : "");
			for (unsigned v = 0; v < f->value_count; v++)
				used += (size_t)snprintf(out + used, size - used,
							 "%s%s", v ? " " : "",
							 script_field_text(&step, f, v));
			used += (size_t)snprintf(out + used, size - used, "%s,",
						 f->is_list ? "]" : "");
		}
		used += (size_t)snprintf(out + used, size - used, ";");
	}
	if (rc < 0)
		snprintf(out + used, size - used, "%u:%u %d", err.line,
			 err.column, err.kind - EF_ERR_BASE(EF_DOMAIN_SCRIPT));
	script_close(s);
}

int main(void)
{
	static const struct {
		const char *text, *want, *what;
	} cases[] = {
		{ "steps:\n  - read: counter\n    size: 4\n",
		  "read=counter,size=4,;", "a step's keys in order" },
		{ "machine:\n  memory: 16M\nsteps:\n  - exit:\n",
		  "M:memory=16M,;exit=,;", "machine: first, an empty value" },
		{ "steps:\n  - exec: a.out\n    argv: [a, b]\n    env: []\n",
		  "exec=a.out,argv=[a b],env=[],;", "lists, an empty one too" },
		{ "steps:\n  - read: 1\n    expect: {fault: [a, b], value: 3}\n",
		  "read=1,expect=,?fault=[a b],?value=3,;", "expect: nested" },
		{ "steps: []\n", "", "no steps" },
		{ "", "1:1 3", "an empty file" },
		{ "steps:\n  - read: 1\n    read: 2\n", "3:5 3", "a key twice" },
		{ "steps:\n  - read: {a: 1}\n", "2:11 3", "a mapping value" },
		{ "steps:\n  - [read, 1]\n", "2:5 3", "a step that is a list" },
		{ "steps:\n  - read: [[1]]\n", "2:12 3", "a nested list" },
		{ "steps:\n  - read: 1\n    expect: {a: {b: 1}}\n", "3:17 3",
		  "a mapping inside expect:" },
		{ "machine: {}\nmachine: {}\n", "M:;2:1 3", "machine: twice" },
		{ "steps: []\nmachine: {}\n", "2:1 3", "machine: after steps:" },
		{ "- a\n", "1:1 3", "a document that is a list" },
		{ "steps: [\n", "2:1 2", "a YAML syntax error" },
		{ "x: &a 1\n", "1:1 3", "an unknown top-level key" },
		{ "steps:\n  - &s {exit: }\n  - *s\n", "exit=,;3:5 3",
		  "an alias" },
		{ "steps: []\n---\nsteps: []\n", "2:1 3", "two documents" },
	};
	char got[2048];

	if (mkstemp(path) < 0)
		return 99;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		describe(cases[i].text, got, sizeof got);
		tap_eq_str(got, cases[i].want, "%s", cases[i].what);
	}
	/* A step beyond the limits is an error, not an overflow. */
	{
		size_t n = 40 * 12 + 32;
		char *text = malloc(n), *p = text;

		p += sprintf(p, "steps:\n  - read: 1\n");
		for (int k = 0; k < 40; k++)
			p += sprintf(p, "    k%02d: 1\n", k);
		describe(text, got, sizeof got);
		tap_eq_str(got, "34:5 4", "more than 32 keys: too big");
		free(text);
	}
	unlink(path);
	return tap_done();
}
