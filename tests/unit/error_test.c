/* error_test.c - every module's error kinds lie in its own range: the
 * first and the last kind of each enum name the module's domain, so that
 * an error says where it came from (error.h). */
#include <config.h>

#include "address.h"
#include "elf_image.h"
#include "error.h"
#include "exec_layout.h"
#include "files.h"
#include "future.h"
#include "memfs.h"
#include "page_cache.h"
#include "phys_mem.h"
#include "replacement.h"
#include "replay.h"
#include "script.h"
#include "section_table.h"
#include "swap.h"
#include "tap.h"
#include "vma.h"
#include "yaml_writer.h"

static enum ef_error_domain domain_of(int kind)
{
	struct ef_error err = { .kind = kind };

	return ef_error_domain(&err);
}

int main(void)
{
	static const struct {
		const char *module;
		int first, last;
		enum ef_error_domain domain;
	} cases[] = {
		{ "elf_image", ELF_IMAGE_ERR_NO_FILE, ELF_IMAGE_ERR_NOMEM,
		  EF_DOMAIN_ELF_IMAGE },
		{ "section_table", SECTION_TABLE_ERR_FORMAT,
		  SECTION_TABLE_ERR_NOMEM, EF_DOMAIN_SECTION_TABLE },
		{ "exec_layout", EXEC_ERR_NOEXEC, EXEC_ERR_HOST, EF_DOMAIN_EXEC },
		{ "vma", VMA_ERR_NOMEM, VMA_ERR_NO_SPACE, EF_DOMAIN_VMA },
		{ "phys_mem", PHYS_ERR_NO_FRAME, PHYS_ERR_OOM_KILLED,
		  EF_DOMAIN_PHYS },
		{ "page_cache", PAGE_CACHE_ERR_IO, PAGE_CACHE_ERR_NOMEM,
		  EF_DOMAIN_PAGE_CACHE },
		{ "swap", SWAP_ERR_SIZE, SWAP_ERR_NOMEM, EF_DOMAIN_SWAP },
		{ "replacement", REPLACEMENT_ERR_NOMEM, REPLACEMENT_ERR_NOMEM,
		  EF_DOMAIN_REPLACEMENT },
		{ "future", FUTURE_ERR_NOMEM, FUTURE_ERR_NOMEM,
		  EF_DOMAIN_FUTURE },
		{ "script", SCRIPT_ERR_OPEN, SCRIPT_ERR_NOMEM, EF_DOMAIN_SCRIPT },
		{ "replay", REPLAY_ERR_SCRIPT, REPLAY_ERR_HOST, EF_DOMAIN_REPLAY },
		{ "yaml_writer", YAML_WRITER_ERR_EMIT, YAML_WRITER_ERR_EMIT,
		  EF_DOMAIN_YAML_WRITER },
		{ "address", ADDRESS_ERR_BAD, ADDRESS_ERR_BAD, EF_DOMAIN_ADDRESS },
		{ "files", FILES_ERR_NOMEM, FILES_ERR_NOMEM, EF_DOMAIN_FILES },
		{ "memfs", MEMFS_ERR_NOMEM, MEMFS_ERR_NOSPC, EF_DOMAIN_MEMFS },
	};
	struct ef_error none = { 0 };

	tap_ok(ef_error_domain(&none) == EF_DOMAIN_NONE,
	       "no error is no module's");
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		tap_ok(cases[i].first == (int)EF_ERR_BASE(cases[i].domain) + 1,
		       "%s: its first kind starts its range", cases[i].module);
		tap_ok(domain_of(cases[i].first) == cases[i].domain &&
		       domain_of(cases[i].last) == cases[i].domain,
		       "%s: its first and last kinds are its domain's",
		       cases[i].module);
	}
	return tap_done();
}
