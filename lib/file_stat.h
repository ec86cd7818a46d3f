/* file_stat.h - a file's metadata as the i386 system calls store it:
 * struct kstat (include/linux/stat.h), and its two user layouts of the
 * i386 ABI that Linux 6.1 fills:
 *
 *  - struct stat64 (arch/x86/include/uapi/asm/stat.h, 96 bytes;
 *    cp_new_stat64() in fs/stat.c): st_dev and st_rdev as
 *    huge_encode_dev() encodes them, the inode twice (__st_ino cut to 32
 *    bits at 12, st_ino at 88), st_size at 44 (a long long is 4-aligned
 *    on i386), 32-bit seconds;
 *  - struct statx (include/uapi/linux/stat.h, 256 bytes; cp_statx()):
 *    stx_mask STATX_BASIC_STATS | STATX_MNT_ID (0x17ff), as
 *    vfs_getattr_nosec() and vfs_statx() report them on the VM's tmpfs
 *    (no btime); stx_attributes_mask at least STATX_ATTR_AUTOMOUNT |
 *    STATX_ATTR_MOUNT_ROOT | STATX_ATTR_DAX (0x203000, every file's in
 *    6.1), and shmem_getattr()'s APPEND, IMMUTABLE and NODUMP (0x70) on
 *    tmpfs; 64-bit seconds; the device as major and minor.
 *
 * Both are zeroed before they are filled, as the kernel's are, so every
 * byte of them is defined.
 */
#ifndef ELFAULT_FILE_STAT_H
#define ELFAULT_FILE_STAT_H

#include <stdint.h>
#include <sys/stat.h>

enum { FILE_STAT64_SIZE = 96, FILE_STATX_SIZE = 256 };

/* include/uapi/linux/stat.h */
#define FILE_STATX_BASIC_STATS 0x7ffu
#define FILE_STATX_MNT_ID 0x1000u

/* The S_IF* types of the i386 ABI (the same numbers on every Linux). */
enum {
	FILE_S_IFIFO = 0010000, FILE_S_IFCHR = 0020000, FILE_S_IFDIR = 0040000,
	FILE_S_IFREG = 0100000, FILE_S_IFLNK = 0120000,
};

struct file_time {
	int64_t sec;
	uint32_t nsec;
};

/* struct kstat: what getattr reports. */
struct file_stat {
	uint32_t dev_major, dev_minor;
	uint32_t rdev_major, rdev_minor;
	uint64_t ino;
	uint32_t mode, nlink, uid, gid;
	int64_t size;
	uint32_t blksize;
	uint64_t blocks;	/* 512-byte blocks */
	struct file_time atime, mtime, ctime;
	uint64_t mnt_id;
	uint64_t attributes, attributes_mask;	/* STATX_ATTR_* */
};

/* stx_attributes_mask: every file's (vfs_getattr_nosec(), vfs_statx()),
 * and what shmem_getattr() adds on tmpfs and devtmpfs. */
#define FILE_STATX_ATTRS_VFS 0x203000u
#define FILE_STATX_ATTRS_SHMEM 0x70u

/* ST from the host's stat(2) of a file. */
void file_stat_from_host(struct file_stat *st, const struct stat *host);

/* cp_new_stat64(): ST in OUT as struct stat64. */
void file_stat_stat64(const struct file_stat *st,
		      uint8_t out[FILE_STAT64_SIZE]);

/* cp_statx(): ST in OUT as struct statx. */
void file_stat_statx(const struct file_stat *st,
		     uint8_t out[FILE_STATX_SIZE]);

/* huge_encode_dev(MKDEV(MAJOR, MINOR)): the 32-bit dev_t of stat64. */
uint32_t file_stat_encode_dev(uint32_t major, uint32_t minor);

#endif
