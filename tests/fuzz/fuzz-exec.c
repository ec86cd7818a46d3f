/* fuzz-exec.c - libFuzzer target: the exec layout, as `elfault maps`
 * builds it: the program read as the kernel reads it, exec'd on each
 * target (a small argv and envp, the interpreter looked up under a
 * sysroot of the scratch directory, where there is none), the maps,
 * the stack and the YAML written to /dev/null. */
#include <config.h>

#include "elf_image.h"
#include "exec_layout.h"
#include "fuzz.h"
#include "maps_report.h"
#include "yaml_writer.h"

static const char *const targets[] = { "i386", "i386-on-x86-64", "x86-64" };

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	return 0;
}

static void exec_on(struct elf_image *image, const char *target_name)
{
	static const char *const argv[] = { "./input", "-x", "" };
	static const char *const envp[] = { "A=1", "PATH=/bin" };
	const struct exec_args args = {
		.filename = argv[0], .argv = argv, .argc = 3,
		.envp = envp, .envc = 2, .sysroot = fuzz_scratch_dir(),
	};
	struct yaml_writer w;
	struct mm mm;

	if (exec_layout_build(image, exec_target_by_name(target_name), &args,
			      &mm, NULL) == 0) {
		maps_report_text(fuzz_sink(), &mm, image);
		maps_report_kernel_region(fuzz_sink(), &mm);
		maps_report_stack(fuzz_sink(), &mm);
		yaml_writer_init(&w, fuzz_sink());
		yaml_writer_begin_document(&w);
		maps_report_yaml(&w, &mm, image, true);
		yaml_writer_end_document(&w);
		yaml_writer_finish(&w, NULL);
	}
	mm_release(&mm);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_input_file(data, size, "input");
	struct elf_image *image = elf_image_open_program(path, NULL);

	if (image == NULL)
		return 0;
	for (size_t i = 0; i < sizeof targets / sizeof targets[0]; i++)
		exec_on(image, targets[i]);
	elf_image_free(image);
	return 0;
}
