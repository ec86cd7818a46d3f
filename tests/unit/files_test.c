/* files_test.c - the descriptor table: the lowest free descriptor,
 * EMFILE at RLIMIT_NOFILE, EBADF, fork's shared descriptions (one
 * offset), and the last close freeing a description. */
#include <config.h>

#include <errno.h>

#include "files.h"
#include "tap.h"

int main(void)
{
	struct files f, child;
	struct open_file *open;
	int fd = -1, full = 0;

	tap_ok(files_init(&f, true, NULL) == 0 && f.fd[0] != NULL &&
	       f.fd[0]->kind == FILE_NULL && f.fd[0]->access == FILE_O_RDONLY &&
	       f.fd[0]->refs == 1,
	       "after exec: 0 is /dev/null, read-only, as the VM's harness has it");
	tap_ok(f.fd[1] == f.fd[2] && f.fd[1]->refs == 2 &&
	       f.fd[1]->kind == FILE_OUTPUT && f.fd[1]->access == FILE_O_WRONLY &&
	       f.fd[1]->flags == 0100001,
	       "1 and 2 share one description of the output, O_WRONLY|O_LARGEFILE");
	open = files_new(FILE_NULL, NULL, FILE_O_RDONLY);
	tap_ok(files_install(&f, open, &fd, NULL) == 0 && fd == 3,
	       "the next descriptor is 3");
	tap_eq_u64((uint64_t)-files_close(&f, 1), 0, "close(1)");
	open = files_new(FILE_NULL, NULL, FILE_O_RDONLY);
	tap_ok(files_install(&f, open, &fd, NULL) == 0 && fd == 1,
	       "the lowest free one is taken again: 1");
	tap_eq_u64((uint64_t)-files_close(&f, 7), EBADF, "close(7): EBADF");
	tap_eq_u64((uint64_t)-files_close(&f, -1), EBADF, "close(-1): EBADF");
	tap_ok(files_dup(&child, &f, NULL) == 0 && child.fd[3] == f.fd[3] &&
	       f.fd[3]->refs == 2, "fork: the child shares the descriptions");
	child.fd[3]->pos = 42;
	tap_eq_u64(f.fd[3]->pos, 42, "and with them the offset");
	files_release(&child);
	tap_eq_u64(f.fd[3]->refs, 1, "the child's exit leaves the parent's");
	for (int i = 0; i < FILES_MAX + 1; i++) {
		open = files_new(FILE_NULL, NULL, FILE_O_RDONLY);
		if (files_install(&f, open, &fd, NULL) != 0)
			break;
		full += fd == -EMFILE;
	}
	tap_ok(full == 5 && f.size == FILES_MAX,
	       "1024 descriptors at most: the rest get EMFILE");
	files_release(&f);
	tap_ok(f.fd == NULL && f.size == 0, "released");
	return tap_done();
}
