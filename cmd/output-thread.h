/* output-thread.h - standard output written on a thread of its own.
 *
 * A fault-heavy replay writes some 340 bytes a fault; sent to a file,
 * write(2)'s copy into the page cache took a third of the replay's time.
 * With a second CPU, stdout is replaced by a stream whose buffers a
 * writer thread writes out, in order, while the replay goes on.  Bytes
 * reach the file descriptor exactly as they would have; only the moment
 * they are written changes, and output_thread_sync() pins it down where
 * it matters (before a message to stderr).
 */
#ifndef ELFAULT_OUTPUT_THREAD_H
#define ELFAULT_OUTPUT_THREAD_H

#include <stdbool.h>

/* Replace stdout by a stream written on a thread of its own, when stdout
 * is not a terminal (a person reading one wants each line as it comes)
 * and there is a CPU to spare; with one CPU, stdout is only given a
 * 64 KiB buffer.  Call before anything is written to stdout.  Returns
 * whether it did. */
bool output_thread_start(void);

/* Flush stdout and, when it is written on the thread, wait until it has
 * been: what was printed before a message to stderr comes before it. */
void output_thread_sync(void);

/* Flush what is buffered, wait for the writer to write it all, and give
 * stdout back.  Returns 0, or -1 with errno when a write failed. */
int output_thread_finish(void);

#endif
