/* script.h - reading a replay script, one step at a time.
 *
 * A script is one YAML document (elfault-script(5)):
 *
 *     machine:            # optional, first: a mapping of scalars
 *       memory: 16M
 *     steps:              # a sequence of steps, each a mapping
 *       - exec: a.out
 *         argv: [a.out]
 *       - write: counter
 *         value: 1
 *         expect: { fault: file-cow }
 *
 * The reader checks the shape only: a step is a mapping whose values are
 * scalars or flow/block sequences of scalars, and whose `expect:` value
 * is such a mapping in turn.  What the keys mean is the replay's business
 * (replay.h).  It streams with libyaml's event API and keeps one step in
 * a fixed-size buffer, so memory does not grow with the script's length.
 * Aliases are refused (nothing needs them; they are the one way a small
 * YAML file becomes a large one); an anchor alone is harmless.
 */
#ifndef ELFAULT_SCRIPT_H
#define ELFAULT_SCRIPT_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"

enum script_error_kind {
	SCRIPT_ERR_NONE = 0,
	/* the file cannot be read (sys_errno) */
	SCRIPT_ERR_OPEN = EF_ERR_BASE(EF_DOMAIN_SCRIPT) + 1,
	SCRIPT_ERR_SYNTAX,	/* not YAML: libyaml's own message */
	SCRIPT_ERR_SHAPE,	/* YAML, but not the shape above */
	SCRIPT_ERR_TOO_BIG,	/* a step beyond the fixed limits below */
	SCRIPT_ERR_NOMEM,
};

enum {
	SCRIPT_MAX_FIELDS = 32,		/* keys in a step, expect's included */
	SCRIPT_MAX_VALUES = 64,		/* scalars in a step */
	SCRIPT_TEXT_BYTES = 8192,	/* their text, NUL-terminated */
};

/* Where in the script something was written (1-based, as editors count). */
struct script_mark {
	unsigned line;
	unsigned column;
};

/* One key of a step and its value: a scalar (is_list false, one value)
 * or a sequence of scalars (is_list true, any number, 0 included). */
struct script_field {
	const char *key;
	struct script_mark mark;	/* of the key */
	bool in_expect;			/* a key of the step's expect: mapping */
	bool is_list;
	unsigned first_value;		/* index into step->values */
	unsigned value_count;
};

struct script_value {
	const char *text;
	struct script_mark mark;
};

/* A step (or the machine: block, with is_machine set).  The strings live
 * in the step's own buffer, valid until the next script_next(). */
struct script_step {
	bool is_machine;
	struct script_mark mark;	/* where the step's mapping starts */
	bool has_expect;
	struct script_mark expect_mark;
	unsigned field_count;
	struct script_field fields[SCRIPT_MAX_FIELDS];
	unsigned value_count;
	struct script_value values[SCRIPT_MAX_VALUES];
	size_t text_used;
	char text[SCRIPT_TEXT_BYTES];
};

struct script;

/* Open PATH for reading.  Returns NULL with ERR (SCRIPT_ERR_OPEN or
 * SCRIPT_ERR_NOMEM) on failure. */
struct script *script_open(const char *path, struct ef_error *err);

/* Read the SIZE bytes at TEXT (a script read whole: stream.h), which
 * stay the caller's and must outlive the reader.  Returns NULL with ERR
 * as script_open() does. */
struct script *script_open_memory(const char *text, size_t size,
				  struct ef_error *err);

/* Read the next step into STEP: 1 when there was one, 0 at the end of
 * the script, -1 with ERR set (its line and column from libyaml's mark). */
int script_next(struct script *script, struct script_step *step,
		struct ef_error *err);

void script_close(struct script *script);

/* A step made by a program rather than read (elfault run's): begun empty
 * at AT, then each key with its value - one scalar (IS_LIST false,
 * COUNT 1) or a list of COUNT - as a script would give them.  Returns 0,
 * or -1 with ERR SCRIPT_ERR_TOO_BIG past the limits above. */
void script_step_begin(struct script_step *step, struct script_mark at);
int script_step_add(struct script_step *step, const char *key, bool is_list,
		    const char *const *values, unsigned count,
		    struct ef_error *err);

/* The field KEY of STEP (in its expect: mapping when IN_EXPECT), or NULL. */
const struct script_field *script_field(const struct script_step *step,
					const char *key, bool in_expect);

/* The text of FIELD's Ith value. */
static inline const char *script_field_text(const struct script_step *step,
					    const struct script_field *field,
					    unsigned i)
{
	return step->values[field->first_value + i].text;
}

#endif
