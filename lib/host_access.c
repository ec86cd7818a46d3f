/* host_access.c - the host files a replay may read (host_access.h). */
#include <config.h>

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "host_access.h"

/* include/linux/namei.h: the links one lookup may follow. */
#define MAXSYMLINKS 40

/* Where a program's interpreter may be without --allow-read: the
 * directories the toolchains put dynamic linkers in. */
static const char *const interpreter_dirs[] = {
	"/lib", "/lib32", "/lib64", "/libx32",
	"/usr/lib", "/usr/lib32", "/usr/lib64", "/usr/libx32",
};

/* Append a copy of the canonical directory DIR to *LIST. */
static int add_dir(char ***list, size_t *count, const char *dir)
{
	char **grown = realloc(*list, (*count + 1) * sizeof *grown);

	if (grown == NULL)
		return -1;
	*list = grown;
	grown[*count] = strdup(dir);
	if (grown[*count] == NULL)
		return -1;
	(*count)++;
	return 0;
}

/* PATH made absolute (from the working directory) and its "." and
 * "NAME/.." taken out as text, into OUT: the walk then never looks at a
 * directory PATH only passes through ("_build/sub/../../testdata"). */
static int lexical_path(const char *path, char *out, size_t size)
{
	char joined[PATH_MAX * 2], *name, *save = NULL;
	size_t n = 0;

	if (path[0] == '/')
		joined[0] = '\0';
	else if (getcwd(joined, PATH_MAX) == NULL)
		return -errno;
	if (strlen(joined) + 1 + strlen(path) >= sizeof joined)
		return -ENAMETOOLONG;
	strcat(strcat(joined, "/"), path);
	out[0] = '\0';
	for (name = strtok_r(joined, "/", &save); name != NULL;
	     name = strtok_r(NULL, "/", &save)) {
		if (strcmp(name, ".") == 0)
			continue;
		if (strcmp(name, "..") == 0) {
			char *slash = strrchr(out, '/');

			n = slash ? (size_t)(slash - out) : 0;
			out[n] = '\0';
			continue;
		}
		if (n + 1 + strlen(name) >= size)
			return -ENAMETOOLONG;
		out[n++] = '/';
		strcpy(out + n, name);
		n += strlen(name);
	}
	return 0;
}

int host_access_init(struct host_access *a, struct ef_error *err)
{
	size_t n = sizeof interpreter_dirs / sizeof interpreter_dirs[0];

	memset(a, 0, sizeof *a);
	for (size_t i = 0; i < n; i++) {
		char *real = realpath(interpreter_dirs[i], NULL);
		int rc = 0;

		/* The name as well as where it leads: on a merged-/usr
		 * system /lib is a link the walk must be let follow. */
		if (real == NULL && errno == ENOMEM)
			rc = -1;
		else if (real != NULL)
			rc = add_dir(&a->interpreter_dirs,
				     &a->interpreter_dir_count, real) ||
			     (strcmp(real, interpreter_dirs[i]) != 0 &&
			      add_dir(&a->interpreter_dirs,
				      &a->interpreter_dir_count,
				      interpreter_dirs[i]));
		free(real);
		if (rc != 0) {
			host_access_release(a);
			return ef_error_set(err, HOST_ACCESS_ERR_NOMEM, ENOMEM,
					    "out of memory");
		}
	}
	return 0;
}

int host_access_allow(struct host_access *a, const char *dir,
		      struct ef_error *err)
{
	char lexical[PATH_MAX], *real = NULL;
	struct stat st;
	int rc = lexical_path(dir, lexical, sizeof lexical);

	/* ".." as text, as the walk takes a script's paths */
	if (rc != 0)
		errno = -rc;
	else
		real = realpath(lexical[0] ? lexical : "/", NULL);
	if (real == NULL)
		return ef_error_set(err, HOST_ACCESS_ERR_DIR, errno, "%s: %s",
				    dir, strerror(errno));
	if (stat(real, &st) != 0 || !S_ISDIR(st.st_mode)) {
		free(real);
		return ef_error_set(err, HOST_ACCESS_ERR_DIR, ENOTDIR,
				    "%s: %s", dir, strerror(ENOTDIR));
	}
	rc = add_dir(&a->roots, &a->root_count, real);
	free(real);
	if (rc != 0)
		return ef_error_set(err, HOST_ACCESS_ERR_NOMEM, ENOMEM,
				    "out of memory");
	return 0;
}

/* Whether PATH is DIR or lies under it (both canonical). */
static bool path_under(const char *path, const char *dir)
{
	size_t n = strlen(dir);

	if (strcmp(dir, "/") == 0)
		return true;
	return strncmp(path, dir, n) == 0 && (path[n] == '\0' || path[n] == '/');
}

static bool under_any(char *const *dirs, size_t count, const char *path)
{
	for (size_t i = 0; i < count; i++)
		if (path_under(path, dirs[i]))
			return true;
	return false;
}

/* Whether a directory of DIRS lies under PATH: the walk passes it. */
static bool above_any(char *const *dirs, size_t count, const char *path)
{
	for (size_t i = 0; i < count; i++)
		if (path_under(dirs[i], path))
			return true;
	return false;
}

bool host_access_permits(const struct host_access *a, const char *path,
			 enum host_access_use use)
{
	return under_any(a->roots, a->root_count, path) ||
	       (use == HOST_ACCESS_INTERPRETER &&
		under_any(a->interpreter_dirs, a->interpreter_dir_count, path));
}

/* Whether the walk may look PATH up: it is allowed, or on the way. */
static bool walk_may_look(const struct host_access *a, const char *path,
			  enum host_access_use use)
{
	return host_access_permits(a, path, use) ||
	       above_any(a->roots, a->root_count, path) ||
	       (use == HOST_ACCESS_INTERPRETER &&
		above_any(a->interpreter_dirs, a->interpreter_dir_count, path));
}

/* A path walk: DONE the canonical part resolved so far ("" for "/"),
 * TODO what is left; ERROR the errno of the first lookup that failed,
 * after which the rest is only spelled out, never looked at. */
struct walk {
	char done[PATH_MAX];
	char todo[PATH_MAX];
	int error;
	unsigned links;
	bool must_be_dir;	/* the path, or its last link, ended in "/" */
};

/* Take TODO's first component into NAME; false when none is left. */
static bool next_component(struct walk *w, char *name, size_t size)
{
	char *s = w->todo, *end;
	size_t n;

	while (*s == '/')
		s++;
	if (*s == '\0')
		return false;
	end = strchrnul(s, '/');
	n = (size_t)(end - s);
	if (n >= size)
		n = size - 1;	/* longer than NAME_MAX: ENAMETOOLONG below */
	memcpy(name, s, n);
	name[n] = '\0';
	memmove(w->todo, end, strlen(end) + 1);
	return true;
}

/* Follow the link at CANDIDATE: its target goes before what is left. */
static int follow_link(struct walk *w, const char *candidate)
{
	char target[PATH_MAX];
	ssize_t n;

	if (++w->links > MAXSYMLINKS)
		return -ELOOP;
	n = readlink(candidate, target, sizeof target - 1);
	if (n < 0)
		return -errno;
	target[n] = '\0';
	if (strlen(target) + 1 + strlen(w->todo) + 1 > sizeof w->todo)
		return -ENAMETOOLONG;
	if (strspn(w->todo, "/") == strlen(w->todo) && n > 0 &&
	    (target[n - 1] == '/' || strcmp(target + (n > 1 ? n - 2 : 0),
					    "/.") == 0))
		w->must_be_dir = true;	/* a last link to "dir/" */
	memmove(w->todo + n + 1, w->todo, strlen(w->todo) + 1);
	memcpy(w->todo, target, (size_t)n);
	w->todo[n] = '/';
	if (target[0] == '/')
		w->done[0] = '\0';
	return 0;
}

/* One component NAME of the walk; HOST_ACCESS_REFUSED when the walk
 * would have to look outside. */
static int walk_component(const struct host_access *a, struct walk *w,
			  const char *name, enum host_access_use use)
{
	char candidate[PATH_MAX];
	struct stat st;

	if (strcmp(name, ".") == 0)
		return 0;
	if (strcmp(name, "..") == 0) {
		char *slash = strrchr(w->done, '/');

		if (slash != NULL)	/* "/.." is "/" */
			*slash = '\0';
		return 0;
	}
	if (strlen(name) > NAME_MAX ||
	    strlen(w->done) + 1 + strlen(name) >= sizeof candidate) {
		w->error = w->error ? w->error : ENAMETOOLONG;
		return 0;
	}
	stpcpy(stpcpy(stpcpy(candidate, w->done), "/"), name);
	if (w->error == 0 && !walk_may_look(a, candidate, use))
		return HOST_ACCESS_REFUSED;
	if (w->error == 0 && lstat(candidate, &st) != 0)
		w->error = errno;
	else if (w->error == 0 && S_ISLNK(st.st_mode)) {
		int rc = follow_link(w, candidate);

		if (rc == 0)
			return 0;
		w->error = -rc;
	} else if (w->error == 0 && !S_ISDIR(st.st_mode) &&
		   strspn(w->todo, "/") != strlen(w->todo))
		w->error = ENOTDIR;
	memcpy(w->done, candidate, strlen(candidate) + 1);
	return 0;
}

/* Start W at PATH, walked from "/" (its ".." already taken out; the
 * links' own ".." are walked as the kernel walks them). */
static int walk_start(struct walk *w, const char *path)
{
	size_t n = strlen(path);

	memset(w, 0, sizeof *w);
	/* "file/" and "file/." are ENOTDIR: the kernel wants a directory */
	w->must_be_dir = (n > 0 && path[n - 1] == '/') ||
			 (n > 1 && strcmp(path + n - 2, "/.") == 0) ||
			 strcmp(path, ".") == 0;
	return lexical_path(path, w->todo, sizeof w->todo);
}

/* The walk's end: the lookup's error, or ENOTDIR when a directory was
 * wanted and the path is not one. */
static int walk_end(const struct walk *w)
{
	struct stat st;

	if (w->error != 0)
		return -w->error;
	if (w->must_be_dir && (stat(w->done[0] ? w->done : "/", &st) != 0 ||
			       !S_ISDIR(st.st_mode)))
		return -ENOTDIR;
	return 0;
}

int host_access_resolve(const struct host_access *a, const char *path,
			enum host_access_use use, char **real)
{
	char name[NAME_MAX + 2];
	struct walk *w = malloc(sizeof *w);
	int rc;

	*real = NULL;
	if (w == NULL)
		return -ENOMEM;
	rc = walk_start(w, path);
	while (rc == 0 && next_component(w, name, sizeof name))
		rc = walk_component(a, w, name, use);
	if (rc == 0 && !host_access_permits(a, w->done[0] ? w->done : "/", use))
		rc = HOST_ACCESS_REFUSED;
	else if (rc == 0)
		rc = walk_end(w);
	if (rc == 0 && (*real = strdup(w->done[0] ? w->done : "/")) == NULL)
		rc = -ENOMEM;
	free(w);
	return rc;
}

static void free_list(char **list, size_t count)
{
	for (size_t i = 0; i < count; i++)
		free(list[i]);
	free(list);
}

void host_access_release(struct host_access *a)
{
	free_list(a->roots, a->root_count);
	free_list(a->interpreter_dirs, a->interpreter_dir_count);
	memset(a, 0, sizeof *a);
}
