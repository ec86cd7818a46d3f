/* script.c - a replay script, streamed with libyaml's event API. */
#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "script.h"

enum place {
	AT_TOP,		/* among the document's top-level keys */
	IN_STEPS,	/* inside the steps: sequence */
	AT_END,		/* the document is over */
};

struct script {
	FILE *file;
	yaml_parser_t parser;
	enum place place;
	bool started;		/* the stream's start has been read */
	bool seen_machine, seen_steps;
};

static struct script_mark mark_of(yaml_mark_t mark)
{
	return (struct script_mark){ (unsigned)mark.line + 1,
				     (unsigned)mark.column + 1 };
}

#define fail_at(err, kind, at, ...) \
	ef_error_set_at((err), (kind), (at).line, (at).column, __VA_ARGS__)

/* The next event; aliases refused here, once for every caller. */
static int next_event(struct script *s, yaml_event_t *event,
		      struct ef_error *err)
{
	if (!yaml_parser_parse(&s->parser, event)) {
		struct script_mark at = mark_of(s->parser.problem_mark);

		if (s->parser.error == YAML_MEMORY_ERROR)
			return fail_at(err, SCRIPT_ERR_NOMEM, at, "out of memory");
		if (s->parser.context != NULL)
			return fail_at(err, SCRIPT_ERR_SYNTAX, at, "%s %s",
				       s->parser.problem, s->parser.context);
		return fail_at(err, SCRIPT_ERR_SYNTAX, at, "%s",
			       s->parser.problem ? s->parser.problem
						 : "unreadable YAML");
	}
	if (event->type == YAML_ALIAS_EVENT) {
		struct script_mark at = mark_of(event->start_mark);

		yaml_event_delete(event);
		return fail_at(err, SCRIPT_ERR_SHAPE, at,
			       "aliases are not allowed in a script");
	}
	return 0;
}

/* Expect an event of TYPE (WHAT names it for the message). */
static int expect_event(struct script *s, yaml_event_type_t type,
			const char *what, struct ef_error *err)
{
	yaml_event_t event;
	int rc;

	if (next_event(s, &event, err) != 0)
		return -1;
	rc = event.type == type ? 0
	     : fail_at(err, SCRIPT_ERR_SHAPE, mark_of(event.start_mark),
		       "expected %s", what);
	yaml_event_delete(&event);
	return rc;
}

struct script *script_open(const char *path, struct ef_error *err)
{
	struct script *s = calloc(1, sizeof *s);

	if (s == NULL) {
		ef_error_set(err, SCRIPT_ERR_NOMEM, ENOMEM, "out of memory");
		return NULL;
	}
	s->file = fopen(path, "rb");
	if (s->file == NULL) {
		ef_error_set(err, SCRIPT_ERR_OPEN, errno, "%s", strerror(errno));
		free(s);
		return NULL;
	}
	if (!yaml_parser_initialize(&s->parser)) {
		fclose(s->file);
		free(s);
		ef_error_set(err, SCRIPT_ERR_NOMEM, ENOMEM, "out of memory");
		return NULL;
	}
	yaml_parser_set_input_file(&s->parser, s->file);
	return s;
}

void script_close(struct script *s)
{
	if (s == NULL)
		return;
	yaml_parser_delete(&s->parser);
	fclose(s->file);
	free(s);
}

/* ---- storing a step --------------------------------------------------- */

static void step_reset(struct script_step *step, bool is_machine,
		       struct script_mark at)
{
	step->is_machine = is_machine;
	step->mark = at;
	step->has_expect = false;
	step->field_count = 0;
	step->value_count = 0;
	step->text_used = 0;
}

static const char *store_text(struct script_step *step, const char *text,
			      size_t length, struct script_mark at,
			      struct ef_error *err)
{
	char *copy = step->text + step->text_used;

	if (length >= SCRIPT_TEXT_BYTES - step->text_used) {
		fail_at(err, SCRIPT_ERR_TOO_BIG, at,
			"a step may hold at most %d bytes of text",
			SCRIPT_TEXT_BYTES);
		return NULL;
	}
	memcpy(copy, text, length);
	copy[length] = '\0';
	step->text_used += length + 1;
	return copy;
}

static int add_value(struct script_step *step, struct script_field *field,
		     const yaml_event_t *scalar, struct ef_error *err)
{
	struct script_mark at = mark_of(scalar->start_mark);
	struct script_value *value;

	if (step->value_count == SCRIPT_MAX_VALUES)
		return fail_at(err, SCRIPT_ERR_TOO_BIG, at,
			       "a step may hold at most %d values",
			       SCRIPT_MAX_VALUES);
	value = &step->values[step->value_count];
	value->mark = at;
	value->text = store_text(step, (const char *)scalar->data.scalar.value,
				 scalar->data.scalar.length, at, err);
	if (value->text == NULL)
		return -1;
	if (strlen(value->text) != scalar->data.scalar.length)
		return fail_at(err, SCRIPT_ERR_SHAPE, at,
			       "a value may not contain a NUL character");
	step->value_count++;
	field->value_count++;
	return 0;
}

static struct script_field *add_field(struct script_step *step,
				      const yaml_event_t *key, bool in_expect,
				      struct ef_error *err)
{
	struct script_mark at = mark_of(key->start_mark);
	struct script_field *field;
	const char *name;

	if (step->field_count == SCRIPT_MAX_FIELDS) {
		fail_at(err, SCRIPT_ERR_TOO_BIG, at,
			"a step may have at most %d keys", SCRIPT_MAX_FIELDS);
		return NULL;
	}
	name = store_text(step, (const char *)key->data.scalar.value,
			  key->data.scalar.length, at, err);
	if (name == NULL)
		return NULL;
	if (script_field(step, name, in_expect) != NULL) {
		fail_at(err, SCRIPT_ERR_SHAPE, at, "%s: given twice", name);
		return NULL;
	}
	field = &step->fields[step->field_count++];
	*field = (struct script_field){ .key = name, .mark = at,
		.in_expect = in_expect, .first_value = step->value_count };
	return field;
}

/* ---- reading a step ----------------------------------------------------- */

/* The next event inside a collection that ends with an END event: 1 with
 * EVENT (the caller deletes it), 0 at the end, -1 with ERR set. */
static int next_inside(struct script *s, yaml_event_type_t end,
		       yaml_event_t *event, struct ef_error *err)
{
	if (next_event(s, event, err) != 0)
		return -1;
	if (event->type != end)
		return 1;
	yaml_event_delete(event);
	return 0;
}

/* A sequence of scalars, its SEQUENCE-START already read. */
static int read_list(struct script *s, struct script_step *step,
		     struct script_field *field, struct ef_error *err)
{
	yaml_event_t event;
	int more;

	field->is_list = true;
	while ((more = next_inside(s, YAML_SEQUENCE_END_EVENT, &event,
				   err)) == 1) {
		int rc = event.type == YAML_SCALAR_EVENT
			 ? add_value(step, field, &event, err)
			 : fail_at(err, SCRIPT_ERR_SHAPE,
				   mark_of(event.start_mark),
				   "%s: a list may hold only plain values",
				   field->key);

		yaml_event_delete(&event);
		if (rc != 0)
			return -1;
	}
	return more;
}

static int read_mapping(struct script *s, struct script_step *step,
			bool in_expect, struct ef_error *err);

/* The value of FIELD: a scalar, a list, or (for expect:) a mapping. */
static int read_value(struct script *s, struct script_step *step,
		      struct script_field *field, struct ef_error *err)
{
	yaml_event_t event;
	struct script_mark at;
	int rc;

	if (next_event(s, &event, err) != 0)
		return -1;
	at = mark_of(event.start_mark);
	switch (event.type) {
	case YAML_SCALAR_EVENT:
		rc = add_value(step, field, &event, err);
		break;
	case YAML_SEQUENCE_START_EVENT:
		rc = read_list(s, step, field, err);
		break;
	case YAML_MAPPING_START_EVENT:
		if (!field->in_expect && !step->is_machine &&
		    strcmp(field->key, "expect") == 0 && !step->has_expect) {
			step->has_expect = true;
			step->expect_mark = at;
			rc = read_mapping(s, step, true, err);
		} else {
			rc = fail_at(err, SCRIPT_ERR_SHAPE, at,
				     "%s: expected a value or a list, not a "
				     "mapping", field->key);
		}
		break;
	default:
		rc = fail_at(err, SCRIPT_ERR_SHAPE, at, "%s: expected a value",
			     field->key);
		break;
	}
	yaml_event_delete(&event);
	return rc;
}

/* A mapping's keys and values, its MAPPING-START already read. */
static int read_mapping(struct script *s, struct script_step *step,
			bool in_expect, struct ef_error *err)
{
	yaml_event_t event;
	int more;

	while ((more = next_inside(s, YAML_MAPPING_END_EVENT, &event,
				   err)) == 1) {
		struct script_field *field = NULL;

		if (event.type == YAML_SCALAR_EVENT)
			field = add_field(step, &event, in_expect, err);
		else
			fail_at(err, SCRIPT_ERR_SHAPE, mark_of(event.start_mark),
				"expected a key");
		yaml_event_delete(&event);
		if (field == NULL || read_value(s, step, field, err) != 0)
			return -1;
	}
	return more;
}

/* ---- the document --------------------------------------------------------- */

static int read_start(struct script *s, struct ef_error *err)
{
	yaml_event_t event;
	int rc = 0;

	if (expect_event(s, YAML_STREAM_START_EVENT, "a YAML stream", err) != 0 ||
	    next_event(s, &event, err) != 0)
		return -1;
	if (event.type == YAML_STREAM_END_EVENT)
		rc = fail_at(err, SCRIPT_ERR_SHAPE, mark_of(event.start_mark),
			     "the script is empty");
	else if (event.type != YAML_DOCUMENT_START_EVENT)
		rc = fail_at(err, SCRIPT_ERR_SHAPE, mark_of(event.start_mark),
			     "expected a YAML document");
	yaml_event_delete(&event);
	if (rc == 0 && expect_event(s, YAML_MAPPING_START_EVENT,
				    "a mapping with machine: and steps:",
				    err) != 0)
		return -1;
	s->place = AT_TOP;
	return rc;
}

static int read_end(struct script *s, struct ef_error *err)
{
	yaml_event_t event;
	int rc = 0;

	if (expect_event(s, YAML_DOCUMENT_END_EVENT, "the document's end",
			 err) != 0 ||
	    next_event(s, &event, err) != 0)
		return -1;
	if (event.type != YAML_STREAM_END_EVENT)
		rc = fail_at(err, SCRIPT_ERR_SHAPE, mark_of(event.start_mark),
			     "a script is one YAML document; this is a second");
	yaml_event_delete(&event);
	s->place = AT_END;
	return rc;
}

/* A top-level key: machine: (returned as a step) or steps: (entered). */
static int read_top_key(struct script *s, const yaml_event_t *key,
			struct script_step *step, struct ef_error *err)
{
	const char *name = (const char *)key->data.scalar.value;
	struct script_mark at = mark_of(key->start_mark);

	if (strcmp(name, "machine") == 0) {
		if (s->seen_machine || s->seen_steps)
			return fail_at(err, SCRIPT_ERR_SHAPE, at,
				       "machine: must come once, before steps:");
		s->seen_machine = true;
		if (expect_event(s, YAML_MAPPING_START_EVENT,
				 "machine: a mapping", err) != 0)
			return -1;
		step_reset(step, true, at);
		return read_mapping(s, step, false, err) == 0 ? 1 : -1;
	}
	if (strcmp(name, "steps") == 0) {
		if (s->seen_steps)
			return fail_at(err, SCRIPT_ERR_SHAPE, at,
				       "steps: given twice");
		s->seen_steps = true;
		if (expect_event(s, YAML_SEQUENCE_START_EVENT,
				 "steps: a list of steps", err) != 0)
			return -1;
		s->place = IN_STEPS;
		return 0;
	}
	return fail_at(err, SCRIPT_ERR_SHAPE, at,
		       "unknown key %s (expected machine: or steps:)", name);
}

int script_next(struct script *s, struct script_step *step,
		struct ef_error *err)
{
	if (s->place == AT_END)
		return 0;
	if (!s->started) {
		s->started = true;
		if (read_start(s, err) != 0) {
			s->place = AT_END;
			return -1;
		}
	}
	for (;;) {
		yaml_event_t event;
		struct script_mark at;
		int rc;

		if (next_event(s, &event, err) != 0)
			return -1;
		at = mark_of(event.start_mark);
		if (s->place == IN_STEPS && event.type == YAML_MAPPING_START_EVENT) {
			yaml_event_delete(&event);
			step_reset(step, false, at);
			return read_mapping(s, step, false, err) == 0 ? 1 : -1;
		}
		if (s->place == IN_STEPS && event.type == YAML_SEQUENCE_END_EVENT)
			rc = (s->place = AT_TOP, 0);
		else if (s->place == IN_STEPS)
			rc = fail_at(err, SCRIPT_ERR_SHAPE, at,
				     "a step is a mapping (- read: ADDRESS ...)");
		else if (event.type == YAML_MAPPING_END_EVENT)
			rc = read_end(s, err) == 0 ? 2 : -1;
		else if (event.type == YAML_SCALAR_EVENT)
			rc = read_top_key(s, &event, step, err);
		else
			rc = fail_at(err, SCRIPT_ERR_SHAPE, at, "expected a key");
		yaml_event_delete(&event);
		if (rc == 2)
			return 0;
		if (rc != 0)
			return rc;
	}
}

const struct script_field *script_field(const struct script_step *step,
					const char *key, bool in_expect)
{
	for (unsigned i = 0; i < step->field_count; i++)
		if (step->fields[i].in_expect == in_expect &&
		    strcmp(step->fields[i].key, key) == 0)
			return &step->fields[i];
	return NULL;
}
