/* file_stat_test.c - struct stat64 and struct statx as i386 Linux 6.1
 * lays them out: a table of fields, each at its offset and width, and
 * huge_encode_dev()'s dev_t.  The bytes /dev/null gives (a row) are the
 * VM's fstat64(0) and statx("/dev/null") but the times. */
#include <config.h>

#include "file_stat.h"
#include "tap.h"

static uint64_t field(const uint8_t *bytes, unsigned offset, unsigned size)
{
	uint64_t v = 0;

	for (unsigned i = size; i-- > 0;)
		v = v << 8 | bytes[offset + i];
	return v;
}

static const struct file_stat null_st = {
	.dev_major = 0, .dev_minor = 5, .rdev_major = 1, .rdev_minor = 3,
	.ino = 4, .mode = 020666, .nlink = 1, .blksize = 4096,
	.size = 0x123456789a, .blocks = 0x1122334455,
	.atime = { 0x6b1672e5, 0x3436b306 }, .mtime = { 2, 3 },
	.ctime = { 4, 5 }, .mnt_id = 22, .attributes_mask = 0x203070,
};

static const struct {
	bool statx;
	unsigned offset, size;
	uint64_t want;
	const char *what;
} fields[] = {
	{ false, 0, 8, 5, "stat64 st_dev 0:5" },
	{ false, 12, 4, 4, "stat64 __st_ino" },
	{ false, 16, 4, 020666, "stat64 st_mode" },
	{ false, 20, 4, 1, "stat64 st_nlink" },
	{ false, 32, 8, 0x103, "stat64 st_rdev 1:3" },
	{ false, 44, 8, 0x123456789a, "stat64 st_size at 44" },
	{ false, 52, 4, 4096, "stat64 st_blksize" },
	{ false, 56, 8, 0x1122334455, "stat64 st_blocks" },
	{ false, 64, 4, 0x6b1672e5, "stat64 st_atime" },
	{ false, 68, 4, 0x3436b306, "stat64 st_atime_nsec" },
	{ false, 72, 4, 2, "stat64 st_mtime" },
	{ false, 80, 4, 4, "stat64 st_ctime" },
	{ false, 88, 8, 4, "stat64 st_ino at 88" },
	{ true, 0x00, 4, 0x17ff, "statx stx_mask" },
	{ true, 0x04, 4, 4096, "statx stx_blksize" },
	{ true, 0x10, 4, 1, "statx stx_nlink" },
	{ true, 0x1c, 2, 020666, "statx stx_mode" },
	{ true, 0x20, 8, 4, "statx stx_ino" },
	{ true, 0x28, 8, 0x123456789a, "statx stx_size" },
	{ true, 0x38, 8, 0x203070, "statx stx_attributes_mask" },
	{ true, 0x40, 8, 0x6b1672e5, "statx stx_atime.tv_sec" },
	{ true, 0x48, 4, 0x3436b306, "statx stx_atime.tv_nsec" },
	{ true, 0x50, 8, 0, "statx stx_btime: none" },
	{ true, 0x60, 8, 4, "statx stx_ctime" },
	{ true, 0x70, 8, 2, "statx stx_mtime" },
	{ true, 0x80, 4, 1, "statx stx_rdev_major" },
	{ true, 0x84, 4, 3, "statx stx_rdev_minor" },
	{ true, 0x88, 4, 0, "statx stx_dev_major" },
	{ true, 0x8c, 4, 5, "statx stx_dev_minor" },
	{ true, 0x90, 8, 22, "statx stx_mnt_id" },
	{ true, 0xf8, 8, 0, "statx: the spare words zero" },
};

int main(void)
{
	uint8_t st64[FILE_STAT64_SIZE], stx[FILE_STATX_SIZE];

	file_stat_stat64(&null_st, st64);
	file_stat_statx(&null_st, stx);
	for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
		tap_eq_u64(field(fields[i].statx ? stx : st64, fields[i].offset,
				 fields[i].size), fields[i].want, "%s",
			   fields[i].what);
	tap_eq_u64(file_stat_encode_dev(8, 1), 0x801, "dev_t of 8:1");
	tap_eq_u64(file_stat_encode_dev(259, 0x12345), 0x12310345u,
		   "a minor above 255: its high bits above the major");
	return tap_done();
}
