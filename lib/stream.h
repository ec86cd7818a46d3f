/* stream.h - a file that can be read only once, read whole.
 *
 * Standard input, a pipe or a shell's <(...) cannot be opened again nor
 * read with pread(): a script on one is needed more than once (opt's
 * first pass, --compare-policies' runs) and libelf needs an ELF file's
 * bytes in memory (elf_memory()).  Such a file is read to its end once,
 * and its bytes kept.
 */
#ifndef ELFAULT_STREAM_H
#define ELFAULT_STREAM_H

#include <stdbool.h>
#include <stddef.h>

/* The name a command line gives standard input by ("-", POSIX's utility
 * convention, XBD 12.2), and the one messages call it by. */
#define STREAM_STDIN_ARG "-"
#define STREAM_STDIN_NAME "<stdin>"

/* Whether PATH names a stream rather than a file of its own: "-", a
 * path under /dev/ or /proc/ (/dev/stdin, /dev/fd/N), or one that is not
 * a regular file (a FIFO, a terminal).  Such a path has no directory a
 * script's relative paths could be relative to. */
bool stream_path(const char *path);

/* Read FD to its end into *BYTES (malloc'd, NUL-terminated past *SIZE;
 * the caller frees it).  Returns 0, or -errno (read(2)'s, or -ENOMEM). */
int stream_read_all(int fd, char **bytes, size_t *size);

/* PATH read whole as above ("-": standard input, left open).  Returns
 * 0, or -errno (open(2)'s or read(2)'s, or -ENOMEM). */
int stream_read_path(const char *path, char **bytes, size_t *size);

#endif
