/* exec-truth.c - ask the running kernel what exec() builds.
 *
 * usage: exec-truth [-e NAME=VALUE]... FILE [ARG...]
 *
 * Forks; the child sets personality(ADDR_NO_RANDOMIZE), asks to be traced
 * and execs FILE with argv FILE ARG... and only the -e strings as its
 * environment.  At the exec stop, before the first instruction, the parent
 * prints "sp=HEX ip=HEX" and the child's /proc/PID/maps, then kills it.
 * When exec fails it prints "execve: ERRNO" (the name), or "killed: SIGNAL"
 * when the kernel killed the child instead.  Exit status 0 for any of
 * these answers, 77 when this host cannot trace (the test is skipped), 1
 * on other errors.  Used by tests/differential-maps.sh.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/personality.h>
#include <sys/ptrace.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAX_ENV 64

static const char *errno_name(int e)
{
	static const struct { int e; const char *name; } names[] = {
		{ ENOEXEC, "ENOEXEC" }, { EINVAL, "EINVAL" }, { ENOMEM, "ENOMEM" },
		{ ENOENT, "ENOENT" }, { ELIBBAD, "ELIBBAD" }, { EEXIST, "EEXIST" },
		{ EIO, "EIO" }, { E2BIG, "E2BIG" }, { EACCES, "EACCES" },
		{ EFAULT, "EFAULT" }, { EPERM, "EPERM" },
	};

	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (names[i].e == e)
			return names[i].name;
	return "E?";
}

static void child(int report, char **argv, char **envp)
{
	int e;

	personality(ADDR_NO_RANDOMIZE);
	if (ptrace(PTRACE_TRACEME, 0, NULL, NULL) != 0) {
		e = -1;
		if (write(report, &e, sizeof e) < 0)
			_exit(1);
		_exit(1);
	}
	execve(argv[0], argv, envp);
	e = errno;
	if (write(report, &e, sizeof e) < 0)
		_exit(1);
	_exit(1);
}

static int print_maps(pid_t pid)
{
	char path[64], buf[4096];
	size_t n;
	FILE *maps;

	snprintf(path, sizeof path, "/proc/%d/maps", (int)pid);
	maps = fopen(path, "r");
	if (maps == NULL)
		return 1;
	while ((n = fread(buf, 1, sizeof buf, maps)) > 0)
		fwrite(buf, 1, n, stdout);
	fclose(maps);
	return 0;
}

static int parent(pid_t pid, int report)
{
	struct user_regs_struct regs;
	int status, e;

	if (waitpid(pid, &status, 0) != pid)
		return 1;
	if (read(report, &e, sizeof e) == sizeof e) {
		waitpid(pid, &status, 0);
		if (e == -1)
			return 77;
		printf("execve: %s\n", errno_name(e));
		return 0;
	}
	if (WIFSIGNALED(status)) {
		printf("killed: %s\n", sigabbrev_np(WTERMSIG(status)));
		return 0;
	}
	if (!WIFSTOPPED(status))
		return 1;
	/* A signal other than exec's SIGTRAP: the kernel is killing it. */
	if (WSTOPSIG(status) != SIGTRAP) {
		printf("killed: %s\n", sigabbrev_np(WSTOPSIG(status)));
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
		return 0;
	}
	if (ptrace(PTRACE_GETREGS, pid, NULL, &regs) != 0)
		return 1;
	printf("sp=%llx ip=%llx\n", (unsigned long long)regs.rsp,
	       (unsigned long long)regs.rip);
	status = print_maps(pid);
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	return status;
}

int main(int argc, char **argv)
{
	char *envp[MAX_ENV + 1];
	int envc = 0, pipefd[2], first = 1;
	pid_t pid;

	while (first + 1 < argc && strcmp(argv[first], "-e") == 0 &&
	       envc < MAX_ENV) {
		envp[envc++] = argv[first + 1];
		first += 2;
	}
	envp[envc] = NULL;
	if (first >= argc) {
		fprintf(stderr, "usage: exec-truth [-e NAME=VALUE]... FILE [ARG...]\n");
		return 1;
	}
	if (pipe2(pipefd, O_CLOEXEC) != 0)
		return 1;
	fflush(stdout);
	pid = fork();
	if (pid < 0)
		return 1;
	if (pid == 0) {
		close(pipefd[0]);
		child(pipefd[1], argv + first, envp);
	}
	close(pipefd[1]);
	return parent(pid, pipefd[0]);
}
