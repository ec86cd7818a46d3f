/* number.h - an unsigned number as scripts and symbol offsets write it.
 *
 * Decimal, 0x hexadecimal or 0 octal (strtoull() with base 0), the whole
 * text, no sign and no leading blank.
 */
#ifndef ELFAULT_NUMBER_H
#define ELFAULT_NUMBER_H

#include <stdbool.h>
#include <stdint.h>

/* TEXT as a number of at most MAX: true with *VALUE set, or false. */
bool number_parse(const char *text, uint64_t max, uint64_t *value);

#endif
