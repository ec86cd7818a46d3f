/* script.c - a replay script, streamed with libyaml's event API. */
#include <config.h>

#include <errno.h>
#include <stdint.h>
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

/* What the input handler has handed libyaml, and why it stopped. */
struct reader {
	FILE *file;
	bool checked;		/* UTF-8 (no BOM for UTF-16): bytes checked */
	uint8_t carry[4];	/* the start of a character cut by a chunk */
	size_t carry_len;
	uint64_t fed;		/* bytes handed over */
	uint64_t fed_at_event;	/* ... when the last event came out */
	struct script_mark at;	/* where the next byte is */
	struct script_mark cut;	/* a bad byte's: where the input was cut */
	struct script_mark bad_at; /* the bad byte */
	const char *bad;	/* why: NULL while all is well */
	bool too_long;		/* a token past TOKEN_INPUT_MAX */
	int read_errno;		/* reading the file failed */
	struct script_mark last_event;	/* where the last event ended */
};

struct script {
	struct reader in;
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

/* ---- reading: bounded, checked, positioned ------------------------------ */

/* The most libyaml may take between two events: no token of a step can
 * be near this long, so a longer one (a scalar, most likely) is refused
 * before libyaml holds it whole. */
enum { TOKEN_INPUT_MAX = 1 << 20 };

/* The length of the UTF-8 character at B (N bytes there), 0 when B does
 * not start a character YAML allows (c-printable: tab, line feed,
 * carriage return, 0x20-0x7e, 0x85, 0xa0-0xd7ff, 0xe000-0xfffd, and
 * 0x10000-0x10ffff), or -1 when it is cut short. */
static int char_length(const uint8_t *b, size_t n)
{
	unsigned len = b[0] < 0x80 ? 1u : (b[0] & 0xe0) == 0xc0 ? 2u
		       : (b[0] & 0xf0) == 0xe0 ? 3u : (b[0] & 0xf8) == 0xf0 ? 4u
		       : 0u;
	uint32_t c = len == 1 ? b[0] : len == 2 ? b[0] & 0x1fu
		     : len == 3 ? b[0] & 0x0fu : b[0] & 0x07u;

	if (len == 0)
		return 0;
	if (n < len)
		return -1;
	for (unsigned i = 1; i < len; i++) {
		if ((b[i] & 0xc0) != 0x80)
			return 0;
		c = c << 6 | (b[i] & 0x3fu);
	}
	if ((len == 2 && c < 0x80) || (len == 3 && c < 0x800) ||
	    (len == 4 && c < 0x10000))
		return 0;		/* an overlong form */
	if (c == 0x9 || c == 0xa || c == 0xd || (c >= 0x20 && c <= 0x7e) ||
	    c == 0x85 || (c >= 0xa0 && c <= 0xd7ff) ||
	    (c >= 0xe000 && c <= 0xfffd) || (c >= 0x10000 && c <= 0x10ffff))
		return (int)len;
	return 0;
}

/* The prefix of BUF (N bytes) that is whole characters YAML allows, to
 * the end of the line before the first bad byte (R->bad, R->bad_at);
 * a character cut by the chunk's end waits in R->carry. */
static size_t check_chars(struct reader *r, const uint8_t *buf, size_t n)
{
	size_t i = 0, line_start = 0;
	struct script_mark at_line = r->at;

	while (i < n) {
		int len = char_length(buf + i, n - i);

		if (len < 0)
			break;
		if (len == 0) {
			r->bad = buf[i] == 0 ? "a NUL byte"
				 : buf[i] < 0x20 || buf[i] == 0x7f
				 ? "a control character" : "invalid UTF-8";
			r->bad_at = r->at;
			r->at = r->cut = at_line;
			return line_start;
		}
		if (buf[i] == '\n') {
			r->at.line++;
			r->at.column = 1;
			line_start = i + 1;
			at_line = r->at;
		} else if ((buf[i] & 0xc0) != 0x80) {
			r->at.column++;
		}
		i += (size_t)len;
	}
	return i;
}

/* yaml_read_handler_t: at most SIZE bytes into BUFFER.  A bad byte cuts
 * the input at its line's start, which then ends: the steps before it
 * are read, and what follows the cut is the error (next_event()). */
static int read_input(void *data, unsigned char *buffer, size_t size,
		      size_t *size_read)
{
	struct reader *r = data;
	size_t n = r->carry_len, good;

	*size_read = 0;
	if (r->bad != NULL)
		return 1;		/* the end, at the cut */
	if (r->fed - r->fed_at_event > TOKEN_INPUT_MAX) {
		r->too_long = true;
		return 0;
	}
	memcpy(buffer, r->carry, n);
	n += fread(buffer + n, 1, size - n, r->file);
	if (ferror(r->file)) {
		r->read_errno = errno ? errno : EIO;
		return 0;
	}
	if (r->fed == 0 && n >= 2 && ((buffer[0] == 0xfe && buffer[1] == 0xff) ||
				      (buffer[0] == 0xff && buffer[1] == 0xfe)))
		r->checked = false;	/* UTF-16: libyaml checks it */
	good = r->checked ? check_chars(r, buffer, n) : n;
	r->carry_len = r->bad == NULL ? n - good : 0;
	memcpy(r->carry, buffer + good, r->carry_len);
	if (r->carry_len != 0 && n < size && feof(r->file)) {
		r->bad = "invalid UTF-8";	/* cut short by the end */
		r->bad_at = r->at;
		r->cut = r->at;
		r->carry_len = 0;
	}
	*size_read = good;
	r->fed += good;
	return 1;
}

/* Whether the event at MARK lies at or past the cut a bad byte made. */
static bool past_cut(const struct reader *r, yaml_mark_t mark)
{
	return r->bad != NULL &&
	       (mark.line + 1 > r->cut.line ||
		(mark.line + 1 == r->cut.line && mark.column + 1 >= r->cut.column));
}

/* A hint for the YAML mistakes scripts make most, after libyaml's
 * words, from them: "" when none fits. */
static const char *syntax_hint(const yaml_parser_t *parser)
{
	static const struct {
		const char *problem, *context, *hint;
	} hints[] = {
		{ "tab", NULL, " (YAML indents with spaces, not tabs)" },
		{ "did not find expected ',' or ']'", "flow sequence",
		  " (a value with [ or ] in it is quoted: "
		  "\"08048000-08049000 r-xp [stack]\")" },
		{ "did not find expected ',' or '}'", "flow mapping",
		  " (a value with { } [ ] or , in it is quoted)" },
		{ "did not find expected key", "block mapping",
		  " (is this line indented deeper than the keys before it?)" },
		{ "did not find expected '-' indicator", "block collection",
		  " (a step's keys are indented under its first key, past "
		  "its '- ')" },
		{ "mapping values are not allowed", NULL,
		  " (a value with ': ' in it is quoted)" },
	};
	const char *problem = parser->problem ? parser->problem : "";
	const char *context = parser->context ? parser->context : "";

	for (size_t i = 0; i < sizeof hints / sizeof hints[0]; i++)
		if (strstr(problem, hints[i].problem) != NULL &&
		    (hints[i].context == NULL ||
		     strstr(context, hints[i].context) != NULL))
			return hints[i].hint;
	return "";
}

static int next_event(struct script *s, yaml_event_t *event,
		      struct ef_error *err)
{
	if (!yaml_parser_parse(&s->parser, event)) {
		struct script_mark at = mark_of(s->parser.problem_mark);

		if (s->in.too_long)
			return fail_at(err, SCRIPT_ERR_TOO_BIG, s->in.last_event,
				       "a value (or a comment) longer than 1 MiB "
				       "follows");
		if (s->in.bad != NULL)
			return fail_at(err, SCRIPT_ERR_SYNTAX, s->in.bad_at,
				       "%s", s->in.bad);
		if (s->in.read_errno != 0)
			return ef_error_set(err, SCRIPT_ERR_OPEN, s->in.read_errno,
					    "%s", strerror(s->in.read_errno));
		if (s->parser.error == YAML_MEMORY_ERROR)
			return fail_at(err, SCRIPT_ERR_NOMEM, at, "out of memory");
		if (s->parser.context != NULL)
			return fail_at(err, SCRIPT_ERR_SYNTAX, at, "%s %s%s",
				       s->parser.problem, s->parser.context,
				       syntax_hint(&s->parser));
		return fail_at(err, SCRIPT_ERR_SYNTAX, at, "%s%s",
			       s->parser.problem ? s->parser.problem
						 : "unreadable YAML",
			       syntax_hint(&s->parser));
	}
	if (past_cut(&s->in, event->start_mark)) {
		yaml_event_delete(event);
		return fail_at(err, SCRIPT_ERR_SYNTAX, s->in.bad_at, "%s",
			       s->in.bad);
	}
	s->in.fed_at_event = s->in.fed;
	s->in.last_event = mark_of(event->end_mark);
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

/* A reader of FILE (NULL: PATH could not be opened, errno says why). */
static struct script *script_open_file(FILE *file, struct ef_error *err)
{
	struct script *s;

	if (file == NULL) {
		ef_error_set(err, SCRIPT_ERR_OPEN, errno, "%s", strerror(errno));
		return NULL;
	}
	s = calloc(1, sizeof *s);
	if (s == NULL || !yaml_parser_initialize(&s->parser)) {
		fclose(file);
		free(s);
		ef_error_set(err, SCRIPT_ERR_NOMEM, ENOMEM, "out of memory");
		return NULL;
	}
	s->in.file = file;
	s->in.checked = true;
	s->in.at = (struct script_mark){ 1, 1 };
	yaml_parser_set_input(&s->parser, read_input, &s->in);
	return s;
}

struct script *script_open(const char *path, struct ef_error *err)
{
	return script_open_file(fopen(path, "rb"), err);
}

struct script *script_open_memory(const char *text, size_t size,
				  struct ef_error *err)
{
	/* fmemopen() may refuse a size of 0 (POSIX allows it to): an empty
	 * script is /dev/null's nothing */
	return script_open_file(size == 0 ? fopen("/dev/null", "rb")
				: fmemopen((void *)text, size, "rb"), err);
}

void script_close(struct script *s)
{
	if (s == NULL)
		return;
	yaml_parser_delete(&s->parser);
	fclose(s->in.file);
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

/* ---- building a step ---------------------------------------------------- */

void script_step_begin(struct script_step *step, struct script_mark at)
{
	step_reset(step, false, at);
}

int script_step_add(struct script_step *step, const char *key, bool is_list,
		    const char *const *values, unsigned count,
		    struct ef_error *err)
{
	struct script_field *field;
	const char *name;

	if (step->field_count == SCRIPT_MAX_FIELDS ||
	    step->value_count + count > SCRIPT_MAX_VALUES)
		return fail_at(err, SCRIPT_ERR_TOO_BIG, step->mark,
			       "%s: too many keys or values for a step", key);
	name = store_text(step, key, strlen(key), step->mark, err);
	if (name == NULL)
		return -1;
	field = &step->fields[step->field_count++];
	*field = (struct script_field){ .key = name, .mark = step->mark,
		.is_list = is_list, .first_value = step->value_count };
	for (unsigned i = 0; i < count; i++) {
		struct script_value *value = &step->values[step->value_count];

		value->mark = step->mark;
		value->text = store_text(step, values[i], strlen(values[i]),
					 step->mark, err);
		if (value->text == NULL)
			return -1;
		step->value_count++;
		field->value_count++;
	}
	return 0;
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
