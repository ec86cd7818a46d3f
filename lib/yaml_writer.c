/* yaml_writer.c - error-sticky helpers over libyaml's emitter. */
#include <config.h>

#include <errno.h>
#include <inttypes.h>
#include <string.h>

#include "yaml_writer.h"

/* The emitter failed: what it says, and for a failed write (its output
 * handler's fwrite()) the system's words. */
static void note_failure(struct yaml_writer *w, const char *fallback)
{
	int error = errno;

	w->failed = true;
	if (w->emitter.error == YAML_WRITER_ERROR)
		snprintf(w->problem, sizeof w->problem, "%s",
			 strerror(error ? error : EIO));
	else
		snprintf(w->problem, sizeof w->problem, "%s",
			 w->emitter.problem ? w->emitter.problem : fallback);
}

static void emit(struct yaml_writer *w, yaml_event_t *event, bool made)
{
	if (w->failed) {
		if (made)
			yaml_event_delete(event);
		return;
	}
	errno = 0;
	if (!made || !yaml_emitter_emit(&w->emitter, event))
		note_failure(w, "cannot build a YAML event");
}

void yaml_writer_init(struct yaml_writer *w, FILE *out)
{
	yaml_event_t event;

	memset(w, 0, sizeof *w);
	if (!yaml_emitter_initialize(&w->emitter)) {
		w->failed = true;
		snprintf(w->problem, sizeof w->problem, "out of memory");
		return;
	}
	yaml_emitter_set_output_file(&w->emitter, out);
	yaml_emitter_set_unicode(&w->emitter, 1);
	yaml_emitter_set_width(&w->emitter, -1);
	emit(w, &event,
	     yaml_stream_start_event_initialize(&event, YAML_UTF8_ENCODING));
}

void yaml_writer_begin_document(struct yaml_writer *w)
{
	yaml_event_t event;

	emit(w, &event,
	     yaml_document_start_event_initialize(&event, NULL, NULL, NULL, 0));
}

void yaml_writer_end_document(struct yaml_writer *w)
{
	yaml_event_t event;

	emit(w, &event, yaml_document_end_event_initialize(&event, 1));
}

void yaml_writer_begin_map(struct yaml_writer *w)
{
	yaml_event_t event;

	emit(w, &event, yaml_mapping_start_event_initialize(
		&event, NULL, NULL, 1, YAML_BLOCK_MAPPING_STYLE));
}

void yaml_writer_begin_flow_map(struct yaml_writer *w)
{
	yaml_event_t event;

	emit(w, &event, yaml_mapping_start_event_initialize(
		&event, NULL, NULL, 1, YAML_FLOW_MAPPING_STYLE));
}

void yaml_writer_end_map(struct yaml_writer *w)
{
	yaml_event_t event;

	emit(w, &event, yaml_mapping_end_event_initialize(&event));
}

void yaml_writer_begin_seq(struct yaml_writer *w, bool flow)
{
	yaml_event_t event;

	emit(w, &event, yaml_sequence_start_event_initialize(
		&event, NULL, NULL, 1,
		flow ? YAML_FLOW_SEQUENCE_STYLE : YAML_BLOCK_SEQUENCE_STYLE));
}

void yaml_writer_end_seq(struct yaml_writer *w)
{
	yaml_event_t event;

	emit(w, &event, yaml_sequence_end_event_initialize(&event));
}

/* Whether a YAML 1.1 reader would take plain TEXT for something other
 * than a string (a number, a boolean, null); such strings are quoted. */
static bool reads_as_non_string(const char *text)
{
	static const char *const words[] = {
		"", "~", "null", "Null", "NULL", "y", "Y", "yes", "Yes", "YES",
		"n", "N", "no", "No", "NO", "true", "True", "TRUE", "false",
		"False", "FALSE", "on", "On", "ON", "off", "Off", "OFF",
		".inf", ".Inf", ".INF", ".nan", ".NaN", ".NAN",
	};
	const char *p = text;

	/* A word is at most 5 long and starts with one of these. */
	if (strchr("~nNyYtTfFoO.", text[0]) != NULL && strlen(text) <= 5)
		for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
			if (strcmp(text, words[i]) == 0)
				return true;
	if (*p == '-' || *p == '+')
		p++;
	if (*p == '.')
		p++;
	return *p >= '0' && *p <= '9';
}

/* Numbers, booleans and null are written plain; a string is written plain
 * when it reads back as a string, else quoted by libyaml. */
static void scalar(struct yaml_writer *w, const char *text, bool plain)
{
	bool implicit = plain || !reads_as_non_string(text);
	yaml_event_t event;

	emit(w, &event, yaml_scalar_event_initialize(
		&event, NULL, NULL, (yaml_char_t *)text, (int)strlen(text),
		implicit, !plain,
		implicit ? YAML_ANY_SCALAR_STYLE
			 : YAML_SINGLE_QUOTED_SCALAR_STYLE));
}

void yaml_writer_str(struct yaml_writer *w, const char *value)
{
	scalar(w, value, false);
}

void yaml_writer_number(struct yaml_writer *w, const char *text)
{
	scalar(w, text, true);
}

void yaml_writer_int(struct yaml_writer *w, long long value)
{
	char text[32];

	snprintf(text, sizeof text, "%lld", value);
	scalar(w, text, true);
}

void yaml_writer_hex(struct yaml_writer *w, uint64_t value, int digits)
{
	char text[32];

	snprintf(text, sizeof text, "0x%0*" PRIx64, digits, value);
	scalar(w, text, true);
}

void yaml_writer_bool(struct yaml_writer *w, bool value)
{
	scalar(w, value ? "true" : "false", true);
}

void yaml_writer_null(struct yaml_writer *w)
{
	scalar(w, "null", true);
}

void yaml_writer_key_str(struct yaml_writer *w, const char *key,
			 const char *value)
{
	yaml_writer_str(w, key);
	yaml_writer_str(w, value);
}

void yaml_writer_key_int(struct yaml_writer *w, const char *key,
			 long long value)
{
	yaml_writer_str(w, key);
	yaml_writer_int(w, value);
}

void yaml_writer_key_hex(struct yaml_writer *w, const char *key,
			 uint64_t value, int digits)
{
	yaml_writer_str(w, key);
	yaml_writer_hex(w, value, digits);
}

void yaml_writer_key_bool(struct yaml_writer *w, const char *key, bool value)
{
	yaml_writer_str(w, key);
	yaml_writer_bool(w, value);
}

int yaml_writer_finish(struct yaml_writer *w, struct ef_error *err)
{
	yaml_event_t event;
	int rc = 0;

	emit(w, &event, yaml_stream_end_event_initialize(&event));
	errno = 0;
	if (!w->failed && !yaml_emitter_flush(&w->emitter))
		note_failure(w, "write failed");
	if (w->failed)
		rc = ef_error_set(err, YAML_WRITER_ERR_EMIT, 0, "%s",
				  w->problem);
	yaml_emitter_delete(&w->emitter);
	return rc;
}
