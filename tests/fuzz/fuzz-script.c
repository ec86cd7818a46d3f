/* fuzz-script.c - libFuzzer target: the script reader (libyaml through
 * elfault's input handler, the step limits, the positions), every step
 * read to the end or to the first error. */
#include <config.h>

#include "fuzz.h"
#include "script.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_input_file(data, size, "input.yaml");
	struct script *script = script_open(path, NULL);
	static struct script_step step;

	if (script == NULL)
		return 0;
	while (script_next(script, &step, NULL) > 0)
		;
	script_close(script);
	return 0;
}
