/* fuzz-run.c - libFuzzer target: a mutated small i386 program run as
 * `elfault run --continue` runs it (program_run.h), on the Unicorn CPU.
 *
 * The input is the program's code: the bytes placed at 0x08048094, the
 * entry point of testdata/seed/a.out, whose ELF header, program headers
 * and data segment (0x080497c8, with its bss) the program keeps - the
 * layout of testdata/replay/programs/rp.ld, so the seed corpus (the code
 * of those programs, from their entry point on: run.sh) runs as they do.
 * Whatever the CPU makes of the bytes - any instruction, any system call
 * with any arguments, a fault anywhere, fork after fork - the run must
 * end cleanly: within a budget of RUN_BUDGET instructions, on a machine
 * of RUN_MEMORY bytes (a small one, so that memory runs out and reclaim
 * and the OOM killer run), with every step's text report, or for an
 * input of odd length the YAML report, written to /dev/null.
 * The program is a file in a scratch directory the run may read, beside
 * links to testdata/replay's programs/ and data.txt (so that execve of
 * programs/a.out and open of data.txt find them). */
#include <config.h>

#include <elf.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzz.h"
#include "program_run.h"
#include "replay_report.h"
#include "replay_run.h"
#include "yaml_writer.h"

#define RUN_BUDGET 20000u		/* instructions, every process's */
#define RUN_MEMORY (1024u * 1024)	/* 256 frames: the kernel takes 19 */

/* seed/a.out: its first 0x94 bytes (the ELF header, without the section
 * table, and three program headers), its data segment's bytes, and where
 * they go (tests/fuzz/program.sh makes the same file). */
static struct {
	unsigned char head[sizeof(Elf32_Ehdr) + 3 * sizeof(Elf32_Phdr)];
	unsigned char data[256];
	Elf32_Off data_offset;
	Elf32_Word data_size, text_room;
} seed;

static char program[PATH_MAX], script[PATH_MAX];

static void read_exactly(int fd, void *buf, size_t n, off_t at)
{
	if (pread(fd, buf, n, at) != (ssize_t)n)
		abort();
}

/* The template: a.out's headers, its text segment first (the code from
 * its entry on, up to the data segment's file offset), then its data. */
static void read_seed(const char *testdata)
{
	Elf32_Ehdr eh;
	Elf32_Phdr ph[3];
	char path[PATH_MAX + 32];
	int fd;

	snprintf(path, sizeof path, "%s/seed/a.out", testdata);
	if ((fd = open(path, O_RDONLY)) < 0)
		abort();
	read_exactly(fd, seed.head, sizeof seed.head, 0);
	memcpy(&eh, seed.head, sizeof eh);
	memcpy(ph, seed.head + eh.e_phoff, sizeof ph);
	eh.e_shoff = 0;		/* the sections are not kept */
	eh.e_shnum = eh.e_shstrndx = 0;
	memcpy(seed.head, &eh, sizeof eh);
	if (eh.e_phnum != 3 || eh.e_phoff != sizeof eh ||
	    ph[0].p_type != PT_LOAD || ph[0].p_offset != 0 ||
	    ph[1].p_type != PT_LOAD || ph[1].p_filesz > sizeof seed.data ||
	    eh.e_entry != ph[0].p_vaddr + sizeof seed.head)
		abort();
	seed.data_offset = ph[1].p_offset;
	seed.data_size = ph[1].p_filesz;
	seed.text_room = ph[1].p_offset - sizeof seed.head;
	read_exactly(fd, seed.data, seed.data_size, seed.data_offset);
	close(fd);
}

static void link_into_scratch(const char *dir, const char *name)
{
	char path[PATH_MAX + 64], link[PATH_MAX + 64];

	snprintf(path, sizeof path, "%s/%s", dir, name);
	snprintf(link, sizeof link, "%s/%s", fuzz_scratch_dir(), name);
	if (symlink(path, link) != 0)
		abort();
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *testdata = getenv("TESTDATA");
	char replay_dir[PATH_MAX + 16];

	(void)argc;
	(void)argv;
	if (testdata == NULL)
		testdata = FUZZ_TESTDATA;
	read_seed(testdata);
	snprintf(replay_dir, sizeof replay_dir, "%s/replay", testdata);
	link_into_scratch(replay_dir, "programs");
	link_into_scratch(replay_dir, "data.txt");
	snprintf(program, sizeof program, "%s/program", fuzz_scratch_dir());
	snprintf(script, sizeof script, "%s/elfault-run", fuzz_scratch_dir());
	return 0;
}

/* The program: seed's headers with the text segment as long as the code
 * (at most up to the data's file offset), the code, zeros, the data. */
static void write_program(const uint8_t *code, size_t size)
{
	static unsigned char image[8192];
	Elf32_Phdr text;
	size_t at = sizeof seed.head;

	if (size > seed.text_room)
		size = seed.text_room;
	if (seed.data_offset + seed.data_size > sizeof image)
		abort();
	memset(image, 0, sizeof image);
	memcpy(image, seed.head, sizeof seed.head);
	memcpy(&text, image + sizeof(Elf32_Ehdr), sizeof text);
	text.p_filesz = text.p_memsz = (Elf32_Word)(at + size);
	memcpy(image + sizeof(Elf32_Ehdr), &text, sizeof text);
	memcpy(image + at, code, size);
	memcpy(image + seed.data_offset, seed.data, seed.data_size);
	fuzz_input_file(image, seed.data_offset + seed.data_size, "program");
}

static void report_step(void *ctx, const struct replay *r,
			const struct script_step *step,
			const struct replay_outcome *o)
{
	struct yaml_writer *w = ctx;

	(void)step;
	if (w != NULL)
		replay_report_yaml_step(w, r, o, false);
	else
		replay_report_text_step(fuzz_sink(), r, o, 0);
}

/* The terminal's bytes: looked at, as a report would, and dropped. */
static void terminal_write(void *ctx, int pid, int fd, const uint8_t *bytes,
			   uint32_t n)
{
	size_t *seen = ctx;

	(void)pid;
	(void)fd;
	for (uint32_t i = 0; i < n; i++)
		*seen += bytes[i] == '\n';
}

static void run(struct replay *r, struct yaml_writer *w)
{
	const struct program_run_hooks hooks = { report_step, NULL, w };
	const struct program_run_options options = {
		.budget = RUN_BUDGET, .continue_first = true,
	};
	const char *argv[] = { program };
	struct program_run_result result;
	struct ef_error err = { 0 };

	if (w != NULL) {
		yaml_writer_begin_document(w);
		yaml_writer_begin_map(w);
		yaml_writer_str(w, "steps");
		yaml_writer_begin_seq(w, false);
	}
	program_run(r, program, argv, 1, &options, &hooks, &result, &err);
	if (w != NULL) {
		yaml_writer_end_seq(w);
		yaml_writer_end_map(w);
		yaml_writer_end_document(w);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct replay_settings s = {
		.script = script, .has_memory = true, .memory = RUN_MEMORY,
	};
	size_t lines = 0;
	const struct terminal_output terminal = { terminal_write, &lines };
	struct replay *r = replay_new(script, NULL);
	struct yaml_writer w;

	write_program(data, size);
	yaml_writer_init(&w, fuzz_sink());
	if (r != NULL && replay_apply_settings(r, &s, NULL) == 0) {
		replay_send_terminal(r, &terminal);
		run(r, size % 2 ? &w : NULL);
	}
	yaml_writer_finish(&w, NULL);
	replay_free(r);
	return 0;
}
