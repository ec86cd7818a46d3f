/* yaml_writer.h - machine-readable output through libyaml's emitter.
 *
 * A thin, error-sticky layer over yaml_emitter_t: callers emit a stream of
 * mappings, sequences and scalars without checking each call; the first
 * failure is kept and reported by yaml_writer_finish().  Output is block
 * style, one document per yaml_writer_begin_document().
 */
#ifndef ELFAULT_YAML_WRITER_H
#define ELFAULT_YAML_WRITER_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <yaml.h>

#include "error.h"

enum yaml_writer_error {
	YAML_WRITER_ERR_NONE = 0,
	/* libyaml refused an event or the write failed */
	YAML_WRITER_ERR_EMIT = EF_ERR_BASE(EF_DOMAIN_YAML_WRITER) + 1,
};

struct yaml_writer {
	yaml_emitter_t emitter;
	bool failed;
	char problem[256];
};

/* Start writing a YAML stream to OUT (not closed by the writer). */
void yaml_writer_init(struct yaml_writer *w, FILE *out);

void yaml_writer_begin_document(struct yaml_writer *w);
void yaml_writer_end_document(struct yaml_writer *w);
void yaml_writer_begin_map(struct yaml_writer *w);
/* A mapping on one line ({major: 8, minor: 1}), for a small record. */
void yaml_writer_begin_flow_map(struct yaml_writer *w);
void yaml_writer_end_map(struct yaml_writer *w);
/* FLOW: write the sequence on one line ([a, b]). */
void yaml_writer_begin_seq(struct yaml_writer *w, bool flow);
void yaml_writer_end_seq(struct yaml_writer *w);

/* Scalars: a string (quoted by libyaml when needed), a decimal integer, a
 * hexadecimal one padded to DIGITS ("0x08048094"), a boolean, null. */
void yaml_writer_str(struct yaml_writer *w, const char *value);
void yaml_writer_int(struct yaml_writer *w, long long value);
/* TEXT, a number already written out ("42", "0x8048094"), as a number. */
void yaml_writer_number(struct yaml_writer *w, const char *text);
void yaml_writer_hex(struct yaml_writer *w, uint64_t value, int digits);
void yaml_writer_bool(struct yaml_writer *w, bool value);
void yaml_writer_null(struct yaml_writer *w);

/* A key followed by a scalar, inside a mapping. */
void yaml_writer_key_str(struct yaml_writer *w, const char *key,
			 const char *value);
void yaml_writer_key_int(struct yaml_writer *w, const char *key,
			 long long value);
void yaml_writer_key_hex(struct yaml_writer *w, const char *key,
			 uint64_t value, int digits);
void yaml_writer_key_bool(struct yaml_writer *w, const char *key, bool value);

/* End the stream, flush, and free the emitter.  Returns 0, or -1 with ERR
 * set to the first failure. */
int yaml_writer_finish(struct yaml_writer *w, struct ef_error *err);

#endif
