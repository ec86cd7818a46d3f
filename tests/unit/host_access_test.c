/* host_access_test.c - what a replay may read: a table of paths in a
 * scratch tree (links inside and out, dangling, looping, "..") and the
 * answer each gets, which for a path outside never depends on whether
 * it exists. */
#include <config.h>

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "host_access.h"
#include "tap.h"

static char top[PATH_MAX];

static void make(const char *kind, const char *name, const char *target)
{
	char path[PATH_MAX * 2];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", top, name);
	if (kind[0] == 'd' && mkdir(path, 0755) != 0)
		perror(path);
	if (kind[0] == 'l' && symlink(target, path) != 0)
		perror(path);
	if (kind[0] == 'f' && (f = fopen(path, "w")) != NULL)
		fclose(f);
}

static const struct {
	const char *kind, *name, *target;
} tree[] = {
	{ "dir", "root", NULL },	{ "dir", "root/sub", NULL },
	{ "dir", "outside", NULL },	{ "file", "root/file", NULL },
	{ "file", "root/sub/file2", NULL },
	{ "file", "outside/secret", NULL },
	{ "link", "root/link-in", "sub/file2" },
	{ "link", "root/link-abs-in", NULL },	/* made below: absolute */
	{ "link", "root/link-out", "../outside/secret" },
	{ "link", "root/link-out-missing", "../outside/missing" },
	{ "link", "root/link-dir-out", "../outside" },
	{ "link", "root/dangling", "missing-in" },
	{ "link", "root/loop", "loop" },
	{ "link", "root/etc", "/etc" },
	{ "link", "root/link-file-slash", "file/" },
	{ "link", "root/link-missing-out", "missing/../../outside/secret" },
	{ "link", "root/link-up-file", "../root/file" },
};

static const struct {
	const char *path;	/* under the scratch tree */
	int want;		/* 0, HOST_ACCESS_REFUSED or -errno */
	const char *real;	/* when 0 */
} cases[] = {
	{ "root", 0, "root" },
	{ "root/file", 0, "root/file" },
	{ "root/./sub//../file", 0, "root/file" },
	{ "root/link-in", 0, "root/sub/file2" },
	{ "root/link-abs-in", 0, "root/sub/file2" },
	{ "root/missing", -ENOENT, NULL },
	{ "root/missing/../file", 0, "root/file" },	/* ".." as text */
	{ "root/file/x", -ENOTDIR, NULL },
	{ "root/dangling", -ENOENT, NULL },
	{ "root/loop", -ELOOP, NULL },
	{ "root/../outside/secret", HOST_ACCESS_REFUSED, NULL },
	{ "root/../outside/missing", HOST_ACCESS_REFUSED, NULL },
	{ "root/link-out", HOST_ACCESS_REFUSED, NULL },
	{ "root/link-out-missing", HOST_ACCESS_REFUSED, NULL },
	{ "root/link-dir-out/secret", HOST_ACCESS_REFUSED, NULL },
	{ "root/link-dir-out/../file", 0, "root/file" },
	{ "root/link-dir-out/../../outside/secret", HOST_ACCESS_REFUSED, NULL },
	{ "outside/../root/file", 0, "root/file" },
	{ "root/etc/passwd", HOST_ACCESS_REFUSED, NULL },
	{ "root/etc/no-such-file", HOST_ACCESS_REFUSED, NULL },
	{ "root/..", HOST_ACCESS_REFUSED, NULL },
	{ "root/../../../../../../..", HOST_ACCESS_REFUSED, NULL },
	{ "rootx", HOST_ACCESS_REFUSED, NULL },
	{ "root/file/", -ENOTDIR, NULL },
	{ "root/file/.", -ENOTDIR, NULL },
	{ "root/sub/", 0, "root/sub" },
	{ "root/link-file-slash", -ENOTDIR, NULL },
	{ "root/link-missing-out", HOST_ACCESS_REFUSED, NULL },
	{ "root/link-up-file", 0, "root/file" },
};

static void check_case(const struct host_access *a, unsigned i)
{
	char path[PATH_MAX * 2], want_real[PATH_MAX * 2], *real = NULL;
	int rc;

	snprintf(path, sizeof path, "%s/%s", top, cases[i].path);
	snprintf(want_real, sizeof want_real, "%s/%s", top,
		 cases[i].real ? cases[i].real : "");
	rc = host_access_resolve(a, path, HOST_ACCESS_FILE, &real);
	tap_ok(rc == cases[i].want &&
	       (rc != 0 || (real != NULL && strcmp(real, want_real) == 0)),
	       "%s: %d (%s), want %d", cases[i].path, rc, real ? real : "-",
	       cases[i].want);
	free(real);
}

static void check_others(struct host_access *a)
{
	struct ef_error err;
	int rc;
	char *real = NULL;
	char path[PATH_MAX * 2];

	tap_ok(host_access_resolve(a, "/etc/passwd", HOST_ACCESS_FILE, &real) ==
	       HOST_ACCESS_REFUSED && real == NULL, "/etc/passwd: refused");
	tap_ok(host_access_resolve(a, "/", HOST_ACCESS_FILE, &real) ==
	       HOST_ACCESS_REFUSED, "/: refused");
	rc = host_access_resolve(a, "/lib", HOST_ACCESS_INTERPRETER, &real);
	tap_ok(rc == 0 && real != NULL &&
	       host_access_permits(a, real, HOST_ACCESS_INTERPRETER),
	       "/lib, for an interpreter: %s (a link on merged-/usr "
	       "systems, followed)", real ? real : "-");
	free(real);
	real = NULL;
	tap_ok(host_access_resolve(a, "/lib", HOST_ACCESS_FILE, &real) ==
	       HOST_ACCESS_REFUSED, "/lib, for a script: refused");
	tap_ok(host_access_permits(a, "/usr/lib/ld-linux.so.2",
				   HOST_ACCESS_INTERPRETER) &&
	       !host_access_permits(a, "/usr/lib/ld-linux.so.2",
				    HOST_ACCESS_FILE),
	       "/usr/lib: an interpreter's directory, not a script's");
	snprintf(path, sizeof path, "%s/root", top);
	tap_ok(chdir(path) == 0 &&
	       host_access_resolve(a, "sub/file2", HOST_ACCESS_FILE, &real) == 0
	       && strstr(real, "/root/sub/file2") != NULL,
	       "a relative path is from the working directory");
	free(real);
	tap_ok(host_access_resolve(a, "../outside/secret", HOST_ACCESS_FILE,
				   &real) == HOST_ACCESS_REFUSED,
	       "../outside/secret from root/: refused");
	snprintf(path, sizeof path, "%s/outside", top);
	tap_ok(chdir(path) == 0 &&
	       host_access_resolve(a, "../root/file", HOST_ACCESS_FILE, &real)
	       == 0 && strstr(real, "/root/file") != NULL,
	       "../root/file from outside/: the walk starts at the working "
	       "directory, outside or not");
	free(real);
	snprintf(path, sizeof path, "%s/root", top);
	tap_ok(chdir(path) == 0, "in root/ again");
	tap_ok(host_access_allow(a, "no-such-dir", &err) == -1 &&
	       err.kind == HOST_ACCESS_ERR_DIR && err.sys_errno == ENOENT,
	       "--allow-read of a missing directory: %s", err.detail);
	tap_ok(host_access_allow(a, "file", &err) == -1 &&
	       err.kind == HOST_ACCESS_ERR_DIR && err.sys_errno == ENOTDIR,
	       "--allow-read of a file: %s", err.detail);
	snprintf(path, sizeof path, "%s/outside", top);
	tap_ok(host_access_allow(a, path, &err) == 0 &&
	       host_access_resolve(a, "link-out", HOST_ACCESS_FILE, &real) == 0,
	       "allowed, outside/ is read through a link");
	free(real);
}

/* A chain of N links in root/ ending at root/file; returns the first. */
static void make_chain(const char *prefix, int n)
{
	char name[64], target[64];

	for (int i = 0; i < n; i++) {
		snprintf(name, sizeof name, "root/%s%d", prefix, i);
		if (i + 1 < n)
			snprintf(target, sizeof target, "%s%d", prefix, i + 1);
		else
			snprintf(target, sizeof target, "file");
		make("link", name, target);
	}
}

static void check_links(const struct host_access *a)
{
	char path[PATH_MAX * 2], big[PATH_MAX - 5], *real = NULL;
	int rc;

	make_chain("forty-", 40);
	make_chain("forty-one-", 41);
	snprintf(path, sizeof path, "%s/root/forty-0", top);
	rc = host_access_resolve(a, path, HOST_ACCESS_FILE, &real);
	tap_ok(rc == 0, "40 links: followed (MAXSYMLINKS), %d", rc);
	free(real);
	real = NULL;
	snprintf(path, sizeof path, "%s/root/forty-one-0", top);
	tap_eq_u64((uint64_t)-host_access_resolve(a, path, HOST_ACCESS_FILE,
						  &real), ELOOP, "41: ELOOP");
	memset(big, 'a', sizeof big - 1);
	big[0] = '/';
	big[sizeof big - 1] = '\0';
	make("link", "root/link-long", big);
	snprintf(path, sizeof path, "%s/root/link-long/%s", top,
		 "yyyyyyyyyyyyyyyyyyyy");
	rc = host_access_resolve(a, path, HOST_ACCESS_FILE, &real);
	tap_ok(rc == -ENAMETOOLONG && real == NULL, "a link whose target and "
	       "the rest pass PATH_MAX: ENAMETOOLONG, nothing read (%d)", rc);
}

int main(void)
{
	struct host_access a;
	struct ef_error err;
	char root[PATH_MAX * 2], abs_target[PATH_MAX * 2], made[PATH_MAX];
	char *scratch = getenv("TMPDIR");

	snprintf(top, sizeof top, "%s/host_access_test.XXXXXX",
		 scratch ? scratch : "/tmp");
	if (mkdtemp(top) == NULL || realpath(top, made) == NULL)
		return perror(top), 99;
	memcpy(top, made, sizeof top);
	snprintf(abs_target, sizeof abs_target, "%s/root/sub/file2", top);
	for (size_t i = 0; i < sizeof tree / sizeof tree[0]; i++)
		make(tree[i].kind, tree[i].name,
		     tree[i].target ? tree[i].target : abs_target);
	snprintf(root, sizeof root, "%s/root", top);
	tap_ok(host_access_init(&a, &err) == 0 &&
	       host_access_allow(&a, root, &err) == 0, "a rule with one root");
	for (unsigned i = 0; i < sizeof cases / sizeof cases[0]; i++)
		check_case(&a, i);
	check_links(&a);
	check_others(&a);
	host_access_release(&a);
	snprintf(root, sizeof root, "rm -rf '%s'", top);
	if (system(root) != 0)
		perror(root);
	return tap_done();
}
