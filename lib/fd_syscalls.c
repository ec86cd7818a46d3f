/* fd_syscalls.c - do_pipe2(), ksys_dup3(), do_fcntl(), do_vfs_ioctl(),
 * do_readlinkat(), vfs_statx(), getdents64 and do_sendfile()
 * (fd_syscalls.h). */
#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dir.h"
#include "fd_syscalls.h"
#include "file_stat.h"
#include "kernel_space.h"
#include "memfs.h"
#include "pipe.h"
#include "rw_syscalls.h"

/* include/uapi/asm-generic/fcntl.h and linux/fcntl.h, as i386 has them */
#define O_ACCMODE_ 3u
#define O_EXCL_ 0200u
#define O_APPEND_ 02000u
#define O_NONBLOCK_ 04000u
#define O_DIRECT_ 040000u
#define O_NOATIME_ 01000000u
#define O_CLOEXEC_ 02000000u
#define SETFL_MASK (O_APPEND_ | O_NONBLOCK_ | O_DIRECT_ | O_NOATIME_)
#define AT_FDCWD_ (-100)
#define AT_SYMLINK_NOFOLLOW_ 0x100u
#define AT_NO_AUTOMOUNT_ 0x800u
#define AT_EMPTY_PATH_ 0x1000u
#define AT_STATX_SYNC_TYPE_ 0x6000u
#define STATX_RESERVED_ 0x80000000u

enum {
	F_DUPFD_ = 0, F_GETFD_ = 1, F_SETFD_ = 2, F_GETFL_ = 3, F_SETFL_ = 4,
	F_DUPFD_CLOEXEC_ = 1030, FD_CLOEXEC_ = 1,
	FIONREAD_ = 0x541b, FIONBIO_ = 0x5421, FIONCLEX_ = 0x5450,
	FIOCLEX_ = 0x5451,
	MAX_RW_COUNT_ = 0x7ffff000, MAX_NON_LFS_ = 0x7fffffff,
};

/* The kernel buffers the calls copy from: on the kernel stack (struct
 * kstat's copies, the pipe's fds), and kmalloc(PATH_MAX)'s page for
 * d_path(); only their low bits matter (uaccess.h). */
#define KADDR_STACK (PAGE_OFFSET + 0x00804e40u)
#define KADDR_DPATH (PAGE_OFFSET + 0x00805000u)

static struct open_file *fd_of(const struct sys_context *c, uint32_t fd)
{
	return files_get(&c->p->files, (int32_t)fd);
}

/* copy_to_user() of N BYTES from KADDR to USER: *FAILED when access_ok()
 * refused it or a fault was fixed up (EFAULT).  Returns 0, UACCESS_DEAD,
 * or -1. */
static int copy_out(const struct sys_context *c, uint32_t user,
		    const void *bytes, uint32_t kaddr, uint32_t n,
		    bool *failed)
{
	uint32_t left = n;
	int rc = 0;

	*failed = true;
	if (!uaccess_ok(user, n, task_size(c)))
		return 0;
	if (n != 0)		/* TO_USER only reads the kernel's bytes */
		rc = uaccess_copy(c->u, UACCESS_TO_USER, user, (uint8_t *)bytes,
				  kaddr, n, &left);
	*failed = left != 0;
	return rc;
}

/* A call's result after copy_out(): VALUE, or EFAULT. */
static int copied_result(int rc, bool failed, int32_t value,
			 struct sys_result *res)
{
	res->value = failed ? -EFAULT : value;
	return access_end(rc, res);
}

/* ---- pipe, pipe2 ---------------------------------------------------------- */

/* The ends of PIPE from END on, which no descriptor holds: put, so that
 * the pipe goes when the ends made go. */
static void put_ends_from(struct pipe *pipe, unsigned end)
{
	for (; end < 2; end++)
		pipe_put_end(pipe, end == 1);
}

/* The two ends of PIPE with the flags of pipe2(): fd[0], fd[1]. */
static int install_ends(const struct sys_context *c, struct pipe *pipe,
			uint32_t flags, int fd[2], struct ef_error *err)
{
	for (unsigned end = 0; end < 2; end++) {
		struct open_file *open = files_new(FILE_PIPE, NULL, end);
		int rc;

		if (open == NULL) {
			put_ends_from(pipe, end);
			return ef_error_set(err, FILES_ERR_NOMEM, ENOMEM,
					    "out of memory");
		}
		open->pipe = pipe;
		open->flags = end | (flags & (O_NONBLOCK_ | O_DIRECT_));
		rc = files_install_from(&c->p->files, open, 0,
					flags & O_CLOEXEC_, &fd[end], err);
		if (rc != 0 || fd[end] < 0) {	/* this end was put */
			put_ends_from(pipe, end + 1);
			return rc;
		}
	}
	return 0;
}

static int do_pipe2(const struct sys_context *c, uint32_t user, uint32_t flags,
		    struct sys_result *res, struct ef_error *err)
{
	struct pipe *pipe;
	int fd[2] = { -1, -1 }, rc;
	uint8_t bytes[8];
	bool failed;

	if (flags & ~(O_CLOEXEC_ | O_NONBLOCK_ | O_DIRECT_)) {
		res->value = -EINVAL;	/* notification pipes: not modelled */
		return 0;
	}
	if ((pipe = pipe_new()) == NULL)
		return ef_error_set(err, FILES_ERR_NOMEM, ENOMEM,
				    "out of memory");
	if (install_ends(c, pipe, flags, fd, err) != 0)
		return -1;
	if (fd[0] < 0 || fd[1] < 0) {
		if (fd[1] < 0 && fd[0] >= 0)
			files_close(&c->p->files, fd[0]);
		res->value = fd[0] < 0 ? fd[0] : fd[1];
		return 0;
	}
	for (unsigned i = 0; i < 8; i++)
		bytes[i] = (uint8_t)((uint32_t)fd[i / 4] >> (8 * (i % 4)));
	rc = copy_out(c, user, bytes, KADDR_STACK, 8, &failed);
	if (failed) {		/* the descriptors are not installed */
		files_close(&c->p->files, fd[0]);
		files_close(&c->p->files, fd[1]);
	}
	return copied_result(rc, failed, 0, res);
}

int sys_pipe(const struct sys_context *c, const uint32_t arg[6],
	     struct sys_result *res, struct ef_error *err)
{
	return do_pipe2(c, arg[0], 0, res, err);
}

int sys_pipe2(const struct sys_context *c, const uint32_t arg[6],
	      struct sys_result *res, struct ef_error *err)
{
	return do_pipe2(c, arg[0], arg[1], res, err);
}

/* ---- dup, dup2, dup3 ------------------------------------------------------ */

int sys_dup(const struct sys_context *c, const uint32_t arg[6],
	    struct sys_result *res, struct ef_error *err)
{
	struct open_file *open = fd_of(c, arg[0]);
	int fd;

	if (open == NULL) {
		res->value = -EBADF;
		return 0;
	}
	if (files_install_from(&c->p->files, open, 0, false, &fd, err) != 0)
		return -1;
	res->value = fd;
	return 0;
}

static int do_dup3(const struct sys_context *c, uint32_t oldfd, uint32_t newfd,
		   uint32_t flags, struct sys_result *res, struct ef_error *err)
{
	struct open_file *open;
	int rc;

	res->value = flags & ~O_CLOEXEC_ ? -EINVAL : oldfd == newfd ? -EINVAL
		     : newfd >= FILES_MAX ? -EBADF
		     : (open = fd_of(c, oldfd)) == NULL ? -EBADF : 0;
	if (res->value != 0)
		return 0;
	rc = files_install_at(&c->p->files, open, (int)newfd,
			      flags & O_CLOEXEC_, err);
	if (rc == -1)
		return -1;
	res->value = rc < 0 ? rc : (int32_t)newfd;
	return 0;
}

int sys_dup2(const struct sys_context *c, const uint32_t arg[6],
	     struct sys_result *res, struct ef_error *err)
{
	if (arg[0] == arg[1]) {		/* ksys_dup2(): fd onto itself */
		res->value = fd_of(c, arg[0]) ? (int32_t)arg[0] : -EBADF;
		return 0;
	}
	return do_dup3(c, arg[0], arg[1], 0, res, err);
}

int sys_dup3(const struct sys_context *c, const uint32_t arg[6],
	     struct sys_result *res, struct ef_error *err)
{
	return do_dup3(c, arg[0], arg[1], arg[2], res, err);
}

/* ---- fcntl ---------------------------------------------------------------- */

int sys_fcntl(const struct sys_context *c, const uint32_t arg[6],
	      struct sys_result *res, struct ef_error *err)
{
	struct open_file *open = fd_of(c, arg[0]);
	struct files *f = &c->p->files;
	int fd;

	if (open == NULL) {
		res->value = -EBADF;
		return 0;
	}
	switch (arg[1]) {
	case F_DUPFD_:
	case F_DUPFD_CLOEXEC_:
		if (files_install_from(f, open, (int32_t)arg[2] < 0 ? FILES_MAX
					: (int)arg[2], arg[1] == F_DUPFD_CLOEXEC_,
				       &fd, err) != 0)
			return -1;
		res->value = fd;
		break;
	case F_GETFD_:
		res->value = files_cloexec(f, (int)arg[0]) ? FD_CLOEXEC_ : 0;
		break;
	case F_SETFD_:
		files_set_cloexec(f, (int)arg[0], arg[2] & FD_CLOEXEC_);
		res->value = 0;
		break;
	case F_GETFL_:
		res->value = (int32_t)(open->flags | open->access);
		break;
	case F_SETFL_:		/* setfl() */
		open->flags = (arg[2] & SETFL_MASK) | (open->flags & ~SETFL_MASK);
		open->append = open->flags & O_APPEND_;
		res->value = 0;
		break;
	default:
		res->value = -EINVAL;
		break;
	}
	return 0;
}

/* ---- ioctl ---------------------------------------------------------------- */

/* FIONREAD: the bytes a read would find, stored with put_user(). */
static int fionread(const struct sys_context *c, struct open_file *open,
		    uint32_t user, struct sys_result *res)
{
	uint32_t n;
	bool failed;
	int rc;

	if (open->kind == FILE_PIPE)
		n = pipe_bytes(open->pipe);
	else if (open->kind == FILE_REGULAR || open->kind == FILE_OUTPUT)
		n = (uint32_t)(page_cache_file_size(&c->m->cache, &open->file) -
			       open->pos);
	else {
		res->value = -ENOTTY;
		return 0;
	}
	rc = uaccess_put_user(c->u, user, n, task_size(c), &failed);
	return copied_result(rc, failed, 0, res);
}

/* FIONBIO: O_NONBLOCK from the int at USER (get_user()). */
static int fionbio(const struct sys_context *c, struct open_file *open,
		   uint32_t user, struct sys_result *res)
{
	uint32_t on;
	bool failed;
	int rc = uaccess_get_user(c->u, user, &on, task_size(c), &failed);

	if (rc == 0 && !failed)
		open->flags = on ? open->flags | O_NONBLOCK_
				 : open->flags & ~O_NONBLOCK_;
	return copied_result(rc, failed, 0, res);
}

/* ioctl(fd, cmd, arg): do_vfs_ioctl()'s commands for every file, then
 * the file's own: none here is a tty's. */
int sys_ioctl(const struct sys_context *c, const uint32_t arg[6],
	      struct sys_result *res, struct ef_error *err)
{
	struct open_file *open = fd_of(c, arg[0]);

	if (open == NULL) {
		res->value = -EBADF;
		return 0;
	}
	res->value = 0;
	switch (arg[1]) {
	case FIOCLEX_:
	case FIONCLEX_:
		files_set_cloexec(&c->p->files, (int)arg[0],
				  arg[1] == FIOCLEX_);
		return 0;
	case FIONBIO_:
		return fionbio(c, open, arg[2], res);
	case FIONREAD_:
		return fionread(c, open, arg[2], res);
	default:		/* vfs_ioctl(): no unlocked_ioctl, or a
				 * driver's ENOIOCTLCMD */
		res->value = -ENOTTY;
		return 0;
	}
}

/* ---- paths ---------------------------------------------------------------- */

/* PATH as seen from DFD (AT_FDCWD, or a directory's descriptor) into
 * *FULL (the caller's to free): 0, or -errno (EBADF, ENOTDIR, ENOMEM). */
static int at_path(const struct sys_context *c, int32_t dfd, const char *path,
		   char **full)
{
	struct open_file *dir;

	*full = NULL;
	if (path[0] == '/' || dfd == AT_FDCWD_)
		*full = strdup(path[0] ? path : ".");
	else if ((dir = fd_of(c, (uint32_t)dfd)) == NULL)
		return -EBADF;
	else if (dir->kind != FILE_DIR)
		return -ENOTDIR;
	else if (asprintf(full, "%s/%s", dir->dir_path,
			  path[0] ? path : ".") < 0)
		*full = NULL;
	return *full != NULL ? 0 : -ENOMEM;
}

/* The process and the file of a /proc/PID/NAME path: 1 with *P and NAME
 * ("maps", "exe"...), 0 for another path. */
static int proc_path(const struct sys_context *c, const char *path,
		     struct process **p, char name[16])
{
	char pid[16];

	if (sscanf(path, "/proc/%15[^/]/%15s", pid, name) != 2)
		return 0;
	*p = sys_proc_process(c, pid);
	return 1;
}

/* What /proc/PID/exe reads as: execve()'s path when absolute, else the
 * program file's (canonical). */
static const char *exe_link(const struct process *p)
{
	return p->exe_path != NULL && p->exe_path[0] == '/'
	       ? p->exe_path : p->mm.program.path;
}

/* ---- stat ------------------------------------------------------------------ */

/* The kernel's own files, as the VM's 6.1 gives them: on devtmpfs (0:5;
 * /dev/null is its inode 4), pipefs (0:12), proc (0:20), the harness's
 * output on the rootfs (0:2, a tmpfs); times 0. */
enum { DEV_ROOTFS = 2, DEV_DEVTMPFS = 5, DEV_PIPEFS = 12, DEV_PROC = 20 };

static void kernel_stat(struct file_stat *st, uint32_t mode, uint32_t dev,
			uint32_t rdev_major, uint32_t rdev_minor)
{
	memset(st, 0, sizeof *st);
	st->mode = mode;
	st->nlink = 1;
	st->dev_minor = dev;
	st->rdev_major = rdev_major;
	st->rdev_minor = rdev_minor;
	st->blksize = PAGE_SIZE;
	st->ino = dev == DEV_DEVTMPFS && rdev_major == 1 ? 4 : 2;
	st->attributes_mask = FILE_STATX_ATTRS_VFS;
	if (dev == DEV_DEVTMPFS || dev == DEV_ROOTFS)
		st->attributes_mask |= FILE_STATX_ATTRS_SHMEM;
	/* the VM's mount ids: the rootfs 1, devtmpfs 22 */
	st->mnt_id = dev == DEV_ROOTFS ? 1 : dev == DEV_DEVTMPFS ? 22 : 0;
}

/* stat of a file a process made (memfs.h): a regular file, 0644. */
static void made_stat(const struct sys_context *c, const struct mapped_file *f,
		      struct file_stat *st)
{
	kernel_stat(st, FILE_S_IFREG | 0644, DEV_ROOTFS, 0, 0);
	st->dev_major = f->dev_major;
	st->dev_minor = f->dev_minor;
	st->ino = f->inode;
	st->size = (int64_t)page_cache_file_size(&c->m->cache, f);
	st->blocks = ((uint64_t)st->size + 511) / 512;
}

/* stat(2) of the host file REAL (FOLLOW: stat, else lstat). */
static int host_stat(const char *real, bool follow, struct file_stat *st)
{
	struct stat host;

	if ((follow ? stat(real, &host) : lstat(real, &host)) != 0)
		return -errno;
	file_stat_from_host(st, &host);
	return 0;
}

/* The kernel's own files by path: 1 with *ERROR and ST, 0 for another
 * path. */
static int kernel_path_stat(const struct sys_context *c, const char *path,
			    bool follow, struct file_stat *st, int *error)
{
	struct process *p;
	char name[16];

	*error = 0;
	if (strcmp(path, "/dev/null") == 0)
		kernel_stat(st, FILE_S_IFCHR | 0666, DEV_DEVTMPFS, 1, 3);
	else if (strcmp(path, "/dev/console") == 0)
		kernel_stat(st, FILE_S_IFCHR | 0600, DEV_DEVTMPFS, 5, 1);
	else if (strcmp(path, "/dev/tty") == 0)
		kernel_stat(st, FILE_S_IFCHR | 0666, DEV_DEVTMPFS, 5, 0);
	else if (!proc_path(c, path, &p, name))
		return 0;
	else if (p == NULL || (strcmp(name, "maps") && strcmp(name, "exe")))
		*error = ENOENT;
	else if (strcmp(name, "maps") == 0)
		kernel_stat(st, FILE_S_IFREG | 0444, DEV_PROC, 0, 0);
	else if (!follow)
		kernel_stat(st, FILE_S_IFLNK | 0777, DEV_PROC, 0, 0);
	else
		*error = -host_stat(p->mm.program.path, true, st);
	return 1;
}

/* vfs_statx()'s lookup and getattr of PATH (from the run's directory). */
static int path_stat(const struct sys_context *c, const char *path,
		     bool follow, struct file_stat *st)
{
	const struct mapped_file *made = memfs_lookup(&c->m->memfs, path);
	char *real;
	int error, rc;

	if (kernel_path_stat(c, path, follow, st, &error))
		return -error;
	if (made != NULL) {
		made_stat(c, made, st);
		return 0;
	}
	if (c->resolve == NULL)
		return -ENOENT;
	if ((rc = c->resolve(c->lookup_ctx, path, follow, &real)) != 0)
		return rc;
	rc = host_stat(real, follow, st);
	free(real);
	return rc;
}

/* vfs_fstat(): the getattr of the description OPEN. */
static int open_stat(const struct sys_context *c, const struct open_file *open,
		     struct file_stat *st)
{
	switch (open->kind) {
	case FILE_NULL:
		kernel_stat(st, FILE_S_IFCHR | 0666, DEV_DEVTMPFS, 1, 3);
		return 0;
	case FILE_TTY:
		kernel_stat(st, FILE_S_IFCHR | 0600, DEV_DEVTMPFS, 5, 1);
		return 0;
	case FILE_PIPE:		/* pipefs */
		kernel_stat(st, FILE_S_IFIFO | 0600, DEV_PIPEFS, 0, 0);
		return 0;
	case FILE_PROC_MAPS:
		kernel_stat(st, FILE_S_IFREG | 0444, DEV_PROC, 0, 0);
		return 0;
	case FILE_OUTPUT:	/* the harness's file on the VM's rootfs */
		kernel_stat(st, FILE_S_IFREG | 0644, DEV_ROOTFS, 0, 0);
		st->size = (int64_t)open->file.size;
		st->blocks = (open->file.size + PAGE_SIZE - 1) / PAGE_SIZE * 8;
		return 0;
	case FILE_DIR:
		return host_stat(open->dir_path, true, st);
	default:
		if (open->file.in_memory) {
			made_stat(c, &open->file, st);
			return 0;
		}
		return host_stat(open->file.path, true, st);
	}
}

/* The kstat ST (or ERROR) stored at USER as stat64 or statx. */
static int put_stat(const struct sys_context *c, int error,
		    const struct file_stat *st, uint32_t user, bool statx,
		    struct sys_result *res)
{
	uint8_t bytes[FILE_STATX_SIZE];
	bool failed;
	int rc;

	if (error != 0) {
		res->value = error;
		return 0;
	}
	if (statx)
		file_stat_statx(st, bytes);
	else
		file_stat_stat64(st, bytes);
	rc = copy_out(c, user, bytes, KADDR_STACK, statx ? FILE_STATX_SIZE
			: FILE_STAT64_SIZE, &failed);
	return copied_result(rc, failed, 0, res);
}

/* vfs_statx(DFD, PATH at USER, FLAGS) and the copy to BUF. */
static int do_statx(const struct sys_context *c, int32_t dfd, uint32_t user,
		    uint32_t flags, uint32_t buf, bool statx,
		    struct sys_result *res, struct ef_error *err)
{
	char *kbuf, *full = NULL;
	struct file_stat st;
	int32_t length;
	int rc;

	if (flags & ~(AT_SYMLINK_NOFOLLOW_ | AT_NO_AUTOMOUNT_ | AT_EMPTY_PATH_ |
		      (statx ? AT_STATX_SYNC_TYPE_ : 0))) {
		res->value = -EINVAL;
		return 0;
	}
	if ((kbuf = malloc(SYS_PATH_MAX)) == NULL)
		return ef_error_set(err, FILES_ERR_NOMEM, ENOMEM, "out of memory");
	rc = sys_getname(c, user, kbuf, flags & AT_EMPTY_PATH_, &length);
	if (rc != 0 || length < 0) {
		free(kbuf);
		res->value = length;
		return access_end(rc, res);
	}
	snprintf(res->path, sizeof res->path, "%s", kbuf);
	if (length == 0 && dfd != AT_FDCWD_)	/* AT_EMPTY_PATH: DFD */
		rc = fd_of(c, (uint32_t)dfd) == NULL ? -EBADF
		     : open_stat(c, fd_of(c, (uint32_t)dfd), &st);
	else if ((rc = at_path(c, dfd, kbuf, &full)) == 0)
		rc = path_stat(c, full, !(flags & AT_SYMLINK_NOFOLLOW_), &st);
	free(full);
	free(kbuf);
	return put_stat(c, rc, &st, buf, statx, res);
}

int sys_stat64(const struct sys_context *c, const uint32_t arg[6],
	       struct sys_result *res, struct ef_error *err)
{
	return do_statx(c, AT_FDCWD_, arg[0], 0, arg[1], false, res, err);
}

int sys_lstat64(const struct sys_context *c, const uint32_t arg[6],
		struct sys_result *res, struct ef_error *err)
{
	return do_statx(c, AT_FDCWD_, arg[0], AT_SYMLINK_NOFOLLOW_, arg[1],
			false, res, err);
}

int sys_fstat64(const struct sys_context *c, const uint32_t arg[6],
		struct sys_result *res, struct ef_error *err)
{
	struct open_file *open = fd_of(c, arg[0]);
	struct file_stat st;

	return put_stat(c, open == NULL ? -EBADF : open_stat(c, open, &st),
			&st, arg[1], false, res);
}

/* fstatat64(dfd, path, buf, flags) */
int sys_fstatat64(const struct sys_context *c, const uint32_t arg[6],
		  struct sys_result *res, struct ef_error *err)
{
	return do_statx(c, (int32_t)arg[0], arg[1], arg[3], arg[2], false, res,
			err);
}

/* statx(dfd, path, flags, mask, buf) */
int sys_statx(const struct sys_context *c, const uint32_t arg[6],
	      struct sys_result *res, struct ef_error *err)
{
	if ((arg[3] & STATX_RESERVED_) ||
	    (arg[2] & AT_STATX_SYNC_TYPE_) == AT_STATX_SYNC_TYPE_) {
		res->value = -EINVAL;
		return 0;
	}
	return do_statx(c, (int32_t)arg[0], arg[1], arg[2], arg[4], true, res,
			err);
}

/* ---- getcwd --------------------------------------------------------------- */

/* getcwd(buf, size) (fs/d_path.c): the current directory - where the
 * run's relative paths start, canonical - built at the end of a
 * __getname() page and stored with copy_to_user(): its length with the
 * NUL, ERANGE when SIZE is smaller. */
int sys_getcwd(const struct sys_context *c, const uint32_t arg[6],
	       struct sys_result *res, struct ef_error *err)
{
	char *real = NULL;
	uint32_t len;
	bool failed;
	int rc = c->resolve == NULL ? -ENOENT
		 : c->resolve(c->lookup_ctx, ".", true, &real);

	(void)err;
	if (rc == 0 && (len = (uint32_t)strlen(real) + 1) > SYS_PATH_MAX)
		rc = -ENAMETOOLONG;
	else if (rc == 0 && len > arg[1])
		rc = -ERANGE;
	if (rc != 0) {
		free(real);
		res->value = rc;
		return 0;
	}
	rc = copy_out(c, arg[0], real, KADDR_DPATH + PAGE_SIZE - len, len,
		      &failed);
	free(real);
	return copied_result(rc, failed, (int32_t)len, res);
}

/* ---- readlink ------------------------------------------------------------- */

/* The link PATH names, into TARGET (SYS_PATH_MAX): 0, -EINVAL (no link),
 * or the lookup's -errno. */
static int link_target(const struct sys_context *c, const char *path,
		       char *target)
{
	struct process *p;
	char name[16], *real;
	struct file_stat st;
	ssize_t n;
	int rc;

	if (proc_path(c, path, &p, name)) {
		if (p == NULL || (strcmp(name, "maps") && strcmp(name, "exe")))
			return -ENOENT;
		if (strcmp(name, "exe") != 0)
			return -EINVAL;
		snprintf(target, SYS_PATH_MAX, "%s", exe_link(p));
		return 0;
	}
	if (kernel_path_stat(c, path, false, &st, &rc) ||
	    memfs_lookup(&c->m->memfs, path) != NULL)
		return rc ? -rc : -EINVAL;
	if (c->resolve == NULL)
		return -ENOENT;
	if ((rc = c->resolve(c->lookup_ctx, path, false, &real)) != 0)
		return rc;
	n = readlink(real, target, SYS_PATH_MAX - 1);
	rc = n >= 0 ? 0 : errno == EINVAL ? -EINVAL : -errno;
	free(real);
	if (n >= 0)
		target[n] = '\0';
	return rc;
}

/* do_readlinkat(dfd, path at USER, BUF, BUFSIZ) */
static int do_readlinkat(const struct sys_context *c, int32_t dfd,
			 uint32_t user, uint32_t buf, int32_t bufsiz,
			 struct sys_result *res, struct ef_error *err)
{
	char *kbuf = NULL, *target = NULL, *full = NULL;
	int32_t length = -EINVAL;
	uint32_t len;
	bool failed;
	int rc = 0;

	if (bufsiz > 0 && ((kbuf = malloc(SYS_PATH_MAX)) == NULL ||
			   (target = malloc(SYS_PATH_MAX)) == NULL)) {
		free(kbuf);
		return ef_error_set(err, FILES_ERR_NOMEM, ENOMEM, "out of memory");
	}
	if (bufsiz > 0)
		rc = sys_getname(c, user, kbuf, true, &length);
	if (rc == 0 && length == 0)
		length = -ENOENT;	/* "": not a link, and empty */
	else if (rc == 0 && length > 0) {
		snprintf(res->path, sizeof res->path, "%s", kbuf);
		length = at_path(c, dfd, kbuf, &full);
		if (length == 0)
			length = link_target(c, full, target);
	}
	res->value = length;
	if (rc == 0 && length == 0) {
		len = (uint32_t)strlen(target);
		len = len > (uint32_t)bufsiz ? (uint32_t)bufsiz : len;
		/* d_path() ends the path at its page's last byte */
		rc = copy_out(c, buf, target, KADDR_DPATH + PAGE_SIZE - 1 -
			      (uint32_t)strlen(target), len, &failed);
		res->value = failed ? -EFAULT : (int32_t)len;
	}
	free(full);
	free(target);
	free(kbuf);
	return access_end(rc, res);
}

int sys_readlink(const struct sys_context *c, const uint32_t arg[6],
		 struct sys_result *res, struct ef_error *err)
{
	return do_readlinkat(c, AT_FDCWD_, arg[0], arg[1], (int32_t)arg[2], res,
			     err);
}

int sys_readlinkat(const struct sys_context *c, const uint32_t arg[6],
		   struct sys_result *res, struct ef_error *err)
{
	return do_readlinkat(c, (int32_t)arg[0], arg[1], arg[2],
			     (int32_t)arg[3], res, err);
}

/* ---- getdents64 ----------------------------------------------------------- */

/* getdents64(fd, dirent, count): filldir64() for each entry from the
 * description's position, then the last record's d_off stored with
 * put_user() (8 bytes): the position of the first entry not stored. */
int sys_getdents64(const struct sys_context *c, const uint32_t arg[6],
		   struct sys_result *res, struct ef_error *err)
{
	struct open_file *open = fd_of(c, arg[0]);
	struct dir_fill f = { arg[1], arg[2], 0, 0 };
	struct dir_listing list;
	bool failed = false;
	int rc = 1;

	if (open == NULL || open->kind != FILE_DIR) {
		res->value = open == NULL ? -EBADF : -ENOTDIR;
		return 0;
	}
	if ((rc = dir_list(open->dir_path, &list)) != 0) {
		if (rc == -ENOMEM)
			return ef_error_set(err, FILES_ERR_NOMEM, ENOMEM,
					    "out of memory");
		res->value = rc;
		return 0;
	}
	for (rc = 1; rc == 1 && open->pos < list.count; open->pos += rc == 1)
		rc = dir_fill(c->u, &f, &list.entries[open->pos],
			      (int64_t)open->pos, task_size(c));
	dir_listing_release(&list);
	if (rc < 0 || rc == UACCESS_DEAD)
		return access_end(rc, res);
	res->value = rc == 1 ? 0 : f.error;
	if (f.prev_reclen == 0)
		return 0;
	rc = uaccess_put_user8(c->u, f.current - f.prev_reclen + 8, open->pos,
			       task_size(c), &failed);
	res->value = failed ? -EFAULT : (int32_t)(arg[2] - f.count);
	return access_end(rc, res);
}

/* ---- sendfile ------------------------------------------------------------- */

/* Where do_sendfile()'s bytes go: OUT at *OUT_POS, and what the output
 * or the terminal takes on to TO (may be NULL).  N bytes of a file
 * page; false when a pipe has no room. */
static int splice_out(const struct sys_context *c, struct open_file *out,
		      const struct rw_sink *to, const uint8_t *bytes,
		      uint32_t n, bool *full, struct ef_error *err)
{
	*full = false;
	switch (out->kind) {
	case FILE_PIPE:
		*full = !pipe_splice_page(out->pipe, bytes, n);
		return 0;
	case FILE_REGULAR:
		if (rw_kernel_write(c->m, &out->file, out->pos, bytes, n,
				    err) != 0)
			return -1;
		break;
	case FILE_OUTPUT:
	case FILE_TTY:
		if (to != NULL && n != 0)
			to->take(to->ctx, bytes, n);
		break;
	default:		/* /dev/null, the console */
		break;
	}
	out->pos += n;
	if (out->kind == FILE_OUTPUT && out->pos > out->file.size)
		out->file.size = out->pos;
	return 0;
}

/* The data of do_sendfile(): COUNT bytes of IN from *POS to OUT, a page
 * at a time, until the file's end or a full pipe.  *MOVED the bytes. */
static int splice_data(const struct sys_context *c, struct open_file *in,
		       struct open_file *out, const struct rw_sink *to,
		       int64_t *pos, uint32_t count, uint32_t *moved,
		       struct ef_error *err)
{
	uint8_t page[PAGE_SIZE];
	unsigned pages_read = 0;
	bool full = false;

	*moved = 0;
	while (*moved < count && !full) {
		uint32_t want = PAGE_SIZE - (uint32_t)(*pos % PAGE_SIZE), got;

		if (want > count - *moved)
			want = count - *moved;
		if (out->kind == FILE_PIPE && pipe_is_full(out->pipe))
			break;
		if (rw_kernel_read(c->m, &in->file, (uint64_t)*pos, page, want,
				   &got, &pages_read, err) != 0 ||
		    splice_out(c, out, to, page, got, &full, err) != 0)
			return -1;
		if (got == 0 || full)
			break;
		*pos += got;
		*moved += got;
	}
	return 0;
}

/* do_sendfile(OUT_FD, IN_FD, POS or NULL, COUNT, MAX): the result, or
 * -errno, into RES; *POS moved. */
static int do_sendfile(const struct sys_context *c, uint32_t out_fd,
		       uint32_t in_fd, int64_t *ppos, uint32_t count,
		       int64_t max, struct sys_result *res, struct ef_error *err)
{
	struct open_file *in = fd_of(c, in_fd), *out = fd_of(c, out_fd);
	int64_t pos = in && ppos ? *ppos : in ? (int64_t)in->pos : 0;
	struct sys_output_writer writer;
	struct rw_sink sink;
	uint32_t moved;

	res->value = in == NULL || in->access == FILE_O_WRONLY ? -EBADF
		     : ppos && (in->kind == FILE_PIPE || in->kind == FILE_TTY)
		     ? -ESPIPE : pos < 0 || (int32_t)count < 0 ? -EINVAL : 0;
	if (res->value == 0 && count > MAX_RW_COUNT_)
		count = MAX_RW_COUNT_;
	if (res->value == 0)
		res->value = out == NULL || out->access == FILE_O_RDONLY
			     ? -EBADF : pos + count > max && pos >= max
			     ? -EOVERFLOW : 0;
	if (res->value == 0 && pos + count > max)
		count = (uint32_t)(max - pos);
	if (res->value == 0 && (in->kind != FILE_REGULAR || out->kind ==
				FILE_DIR || out->kind == FILE_PROC_MAPS ||
				(out->append && out->kind != FILE_PIPE)))
		res->value = -EINVAL;	/* no splice_read, or O_APPEND */
	if (res->value != 0)
		return 0;
	if (out->kind == FILE_PIPE && pipe_is_full(out->pipe) && count != 0) {
		res->would_block = true;	/* wait_for_space() */
		return 0;
	}
	res->woke = out->kind == FILE_PIPE && pipe_bytes(out->pipe) == 0;
	if (splice_data(c, in, out,
			sys_output_sink(c, (int)out_fd, &writer, &sink), &pos,
			count, &moved, err) != 0)
		return -1;
	res->woke = res->woke && moved > 0;
	res->value = (int32_t)moved;
	if (moved > 0 && ppos)
		*ppos = pos;
	else if (moved > 0)
		in->pos = (uint64_t)pos;
	return 0;
}

/* sendfile(out, in, off_t *offset, count): the offset read with
 * get_user() and written back with put_user(). */
int sys_sendfile(const struct sys_context *c, const uint32_t arg[6],
		 struct sys_result *res, struct ef_error *err)
{
	uint32_t off;
	int64_t pos;
	bool failed;
	int rc;

	if (arg[2] == 0)
		return do_sendfile(c, arg[0], arg[1], NULL, arg[3], INT64_MAX,
				   res, err);
	rc = uaccess_get_user(c->u, arg[2], &off, task_size(c), &failed);
	if (rc != 0 || failed)
		return copied_result(rc, failed, 0, res);
	pos = (int32_t)off;
	if (do_sendfile(c, arg[0], arg[1], &pos, arg[3], MAX_NON_LFS_, res,
			err) != 0 || res->would_block)
		return res->would_block ? 0 : -1;
	rc = uaccess_put_user(c->u, arg[2], (uint32_t)pos, task_size(c),
			      &failed);
	return copied_result(rc, failed, res->value, res);
}

/* sendfile64(out, in, loff_t *offset, count): the offset read with
 * copy_from_user() and written back with put_user() (8 bytes). */
int sys_sendfile64(const struct sys_context *c, const uint32_t arg[6],
		   struct sys_result *res, struct ef_error *err)
{
	uint8_t bytes[8] = { 0 };
	uint32_t left = 8;
	int64_t pos = 0;
	bool failed;
	int rc = 0;

	if (arg[2] == 0)
		return do_sendfile(c, arg[0], arg[1], NULL, arg[3], INT64_MAX,
				   res, err);
	if (uaccess_ok(arg[2], 8, task_size(c)))
		rc = uaccess_copy(c->u, UACCESS_FROM_USER, arg[2], bytes,
				  KADDR_STACK, 8, &left);
	if (rc != 0 || left != 0)
		return copied_result(rc, true, 0, res);
	for (unsigned i = 0; i < 8; i++)
		pos |= (int64_t)((uint64_t)bytes[i] << (8 * i));
	if (do_sendfile(c, arg[0], arg[1], &pos, arg[3], INT64_MAX, res,
			err) != 0 || res->would_block)
		return res->would_block ? 0 : -1;
	rc = uaccess_put_user8(c->u, arg[2], (uint64_t)pos, task_size(c),
			       &failed);
	return copied_result(rc, failed, res->value, res);
}
