/* file_stat.c - cp_new_stat64() and cp_statx() of fs/stat.c
 * (file_stat.h). */
#include <config.h>

#include <string.h>
#include <sys/sysmacros.h>

#include "file_stat.h"

static void put16(uint8_t *at, uint32_t value)
{
	at[0] = (uint8_t)value;
	at[1] = (uint8_t)(value >> 8);
}

static void put32(uint8_t *at, uint32_t value)
{
	put16(at, value);
	put16(at + 2, value >> 16);
}

static void put64(uint8_t *at, uint64_t value)
{
	put32(at, (uint32_t)value);
	put32(at + 4, (uint32_t)(value >> 32));
}

void file_stat_from_host(struct file_stat *st, const struct stat *host)
{
	memset(st, 0, sizeof *st);
	st->dev_major = major(host->st_dev);
	st->dev_minor = minor(host->st_dev);
	st->rdev_major = major(host->st_rdev);
	st->rdev_minor = minor(host->st_rdev);
	st->ino = host->st_ino;
	st->mode = host->st_mode;
	st->nlink = (uint32_t)host->st_nlink;
	st->uid = host->st_uid;
	st->gid = host->st_gid;
	st->size = host->st_size;
	st->blksize = (uint32_t)host->st_blksize;
	st->blocks = (uint64_t)host->st_blocks;
	st->atime = (struct file_time){ host->st_atim.tv_sec,
					(uint32_t)host->st_atim.tv_nsec };
	st->mtime = (struct file_time){ host->st_mtim.tv_sec,
					(uint32_t)host->st_mtim.tv_nsec };
	st->ctime = (struct file_time){ host->st_ctim.tv_sec,
					(uint32_t)host->st_ctim.tv_nsec };
	st->attributes_mask = FILE_STATX_ATTRS_VFS;
}

uint32_t file_stat_encode_dev(uint32_t major, uint32_t minor)
{
	/* new_encode_dev() */
	return (minor & 0xff) | (major << 8) | ((minor & ~0xffu) << 12);
}

void file_stat_stat64(const struct file_stat *st,
		      uint8_t out[FILE_STAT64_SIZE])
{
	memset(out, 0, FILE_STAT64_SIZE);
	put64(out + 0, file_stat_encode_dev(st->dev_major, st->dev_minor));
	put32(out + 12, (uint32_t)st->ino);		/* __st_ino */
	put32(out + 16, st->mode);
	put32(out + 20, st->nlink);
	put32(out + 24, st->uid);
	put32(out + 28, st->gid);
	put64(out + 32, file_stat_encode_dev(st->rdev_major, st->rdev_minor));
	put64(out + 44, (uint64_t)st->size);
	put32(out + 52, st->blksize);
	put64(out + 56, st->blocks);
	put32(out + 64, (uint32_t)st->atime.sec);
	put32(out + 68, st->atime.nsec);
	put32(out + 72, (uint32_t)st->mtime.sec);
	put32(out + 76, st->mtime.nsec);
	put32(out + 80, (uint32_t)st->ctime.sec);
	put32(out + 84, st->ctime.nsec);
	put64(out + 88, st->ino);
}

static void put_time(uint8_t *at, const struct file_time *t)
{
	put64(at, (uint64_t)t->sec);
	put32(at + 8, t->nsec);
}

void file_stat_statx(const struct file_stat *st,
		     uint8_t out[FILE_STATX_SIZE])
{
	memset(out, 0, FILE_STATX_SIZE);
	put32(out + 0x00, FILE_STATX_BASIC_STATS | FILE_STATX_MNT_ID);
	put32(out + 0x04, st->blksize);
	put32(out + 0x10, st->nlink);
	put32(out + 0x14, st->uid);
	put32(out + 0x18, st->gid);
	put16(out + 0x1c, st->mode);
	put64(out + 0x20, st->ino);
	put64(out + 0x28, (uint64_t)st->size);
	put64(out + 0x08, st->attributes);
	put64(out + 0x30, st->blocks);
	put64(out + 0x38, st->attributes_mask);
	put_time(out + 0x40, &st->atime);
	put_time(out + 0x60, &st->ctime);
	put_time(out + 0x70, &st->mtime);
	put32(out + 0x80, st->rdev_major);
	put32(out + 0x84, st->rdev_minor);
	put32(out + 0x88, st->dev_major);
	put32(out + 0x8c, st->dev_minor);
	put64(out + 0x90, st->mnt_id);
}
