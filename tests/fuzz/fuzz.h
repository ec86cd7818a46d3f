/* fuzz.h - what the libFuzzer targets share: the input as a file the
 * library can open (elfault's readers take paths), and a sink for the
 * reports they write. */
#ifndef ELFAULT_FUZZ_H
#define ELFAULT_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* libFuzzer's entry points. */
int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The path of a file NAME in a scratch directory, now holding DATA. */
const char *fuzz_input_file(const uint8_t *data, size_t size,
			    const char *name);

/* The scratch directory fuzz_input_file() writes NAME in. */
const char *fuzz_scratch_dir(void);

/* Where reports go: /dev/null, opened once. */
FILE *fuzz_sink(void);

#endif
