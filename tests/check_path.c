// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Path module (lib/path.c): paths under the injectable root and the small
 * read helpers every sysfs attribute goes through, on files in a temp dir.
 */
#include "iov.h"

#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char tmpdir[PATH_MAX];

/* snprintf that fails the test rather than truncate a path */
#define xsnprintf(buf, len, ...) ck_assert_int_lt(snprintf(buf, len, __VA_ARGS__), (int)(len))

static void write_file(const char *name, const void *data, size_t len)
{
	char path[PATH_MAX];
	int fd;

	xsnprintf(path, sizeof(path), "%s/%s", tmpdir, name);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, data, len), (ssize_t)len);
	close(fd);
}

static const char *tpath(const char *name)
{
	static char path[PATH_MAX];

	xsnprintf(path, sizeof(path), "%s/%s", tmpdir, name);
	return path;
}

static int read_int_of(const char *content, long long *v)
{
	write_file("int", content, strlen(content));
	return iov_read_int(tpath("int"), v);
}

static void setup(void)
{
	xsnprintf(tmpdir, sizeof(tmpdir), "%s/check_path.XXXXXX",
		 getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	ck_assert_ptr_nonnull(mkdtemp(tmpdir));
}

static void teardown(void)
{
	char cmd[PATH_MAX + 16];

	xsnprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	ck_assert_int_eq(system(cmd), 0);
}

START_TEST(test_read_int)
{
	long long v = 42;

	ck_assert_int_eq(read_int_of("0x1b36\n", &v), 0);
	ck_assert_int_eq(v, 0x1b36);
	ck_assert_int_eq(read_int_of("-1\n", &v), 0);
	ck_assert_int_eq(v, -1);
	ck_assert_int_eq(read_int_of("0\n", &v), 0);
	ck_assert_int_eq(v, 0);
	ck_assert_int_eq(read_int_of("16", &v), 0);
	ck_assert_int_eq(v, 16);
	ck_assert_int_eq(read_int_of("0x010802\n", &v), 0);
	ck_assert_int_eq(v, 0x010802);
	/* "decimal, or 0x-hex" (iov.h): a leading zero is not octal */
	ck_assert_int_eq(read_int_of("010\n", &v), 0);
	ck_assert_int_eq(v, 10);
	ck_assert_int_eq(read_int_of("08\n", &v), 0);
	ck_assert_int_eq(v, 8);

	/* failures leave the value alone */
	v = 42;
	ck_assert_int_lt(read_int_of("", &v), 0);
	ck_assert_int_lt(read_int_of("\n", &v), 0);
	ck_assert_int_eq(read_int_of("abc", &v), -EINVAL);
	ck_assert_int_eq(read_int_of("12abc\n", &v), -EINVAL);
	ck_assert_int_eq(read_int_of("0x\n", &v), -EINVAL);
	ck_assert_int_eq(read_int_of("1 2\n", &v), -EINVAL);
	ck_assert_int_lt(read_int_of("99999999999999999999\n", &v), 0);
	ck_assert_int_eq(v, 42);
	ck_assert_int_eq(iov_read_int(tpath("missing"), &v), -ENOENT);
	ck_assert_int_eq(v, 42);
}
END_TEST

START_TEST(test_read_file)
{
	char buf[64];

	write_file("s", "D3hot\n", 6);
	memset(buf, 'X', sizeof(buf));
	ck_assert_int_eq(iov_read_file(tpath("s"), buf, sizeof(buf)), 0);
	ck_assert_str_eq(buf, "D3hot");

	/* only trailing newlines go; inner ones stay */
	write_file("s", "a\nb\n\n", 5);
	ck_assert_int_eq(iov_read_file(tpath("s"), buf, sizeof(buf)), 0);
	ck_assert_str_eq(buf, "a\nb");

	write_file("s", "", 0);
	ck_assert_int_eq(iov_read_file(tpath("s"), buf, sizeof(buf)), 0);
	ck_assert_str_eq(buf, "");

	/* too long for the buffer: an error, a terminated prefix, no overrun */
	write_file("s", "0123456789\n", 11);
	memset(buf, 'X', sizeof(buf));
	ck_assert_int_eq(iov_read_file(tpath("s"), buf, 5), -EOVERFLOW);
	ck_assert_str_eq(buf, "0123");
	ck_assert_int_eq(buf[5], 'X');
	/* exactly len - 1 bytes fit */
	write_file("s", "0123", 4);
	ck_assert_int_eq(iov_read_file(tpath("s"), buf, 5), 0);
	ck_assert_str_eq(buf, "0123");

	/* hwloc's captures pad with NULs: "0-3\n\0" is "0-3" */
	write_file("s", "0-3\n\0", 5);
	ck_assert_int_eq(iov_read_file(tpath("s"), buf, sizeof(buf)), 0);
	ck_assert_str_eq(buf, "0-3");
	write_file("s", "1\0\0\0\0\0\0\0", 8);
	ck_assert_int_eq(iov_read_file(tpath("s"), buf, sizeof(buf)), 0);
	ck_assert_str_eq(buf, "1");
	/* no newline at all, or trailing blanks, tabs and CRs */
	write_file("s", "0-1", 3);
	ck_assert_int_eq(iov_read_file(tpath("s"), buf, sizeof(buf)), 0);
	ck_assert_str_eq(buf, "0-1");
	write_file("s", "nvme \t\r\n", 8);
	ck_assert_int_eq(iov_read_file(tpath("s"), buf, sizeof(buf)), 0);
	ck_assert_str_eq(buf, "nvme");
	/* the text ends at the first NUL, whatever follows */
	write_file("s", "2\n\0garbage", 11);
	ck_assert_int_eq(iov_read_file(tpath("s"), buf, sizeof(buf)), 0);
	ck_assert_str_eq(buf, "2");
	write_file("s", "\0\0\n", 3);
	ck_assert_int_eq(iov_read_file(tpath("s"), buf, sizeof(buf)), 0);
	ck_assert_str_eq(buf, "");

	ck_assert_int_eq(iov_read_file(tpath("s"), buf, 0), -EINVAL);
	ck_assert_int_eq(iov_read_file(tpath("missing"), buf, sizeof(buf)), -ENOENT);
}
END_TEST

START_TEST(test_attr_trim)
{
	char b1[] = "0-3\n\0", b2[] = "  \n", b3[] = "a b \0c", b4[] = "xyz";

	ck_assert_uint_eq(iov_attr_trim(b1, sizeof(b1) - 1), 3);
	ck_assert_str_eq(b1, "0-3");
	ck_assert_uint_eq(iov_attr_trim(b2, sizeof(b2) - 1), 0);
	ck_assert_str_eq(b2, "");
	ck_assert_uint_eq(iov_attr_trim(b3, sizeof(b3) - 1), 3);
	ck_assert_str_eq(b3, "a b");
	/* n bounds the text: nothing at or past buf[n] is read as text */
	ck_assert_uint_eq(iov_attr_trim(b4, 2), 2);
	ck_assert_str_eq(b4, "xy");
	/* numbers through the same path: a NUL-padded numa_node still parses */
	write_file("n", "1\n\0\0", 4);
	{
		long long v = 0;

		ck_assert_int_eq(iov_read_int(tpath("n"), &v), 0);
		ck_assert_int_eq(v, 1);
	}
}
END_TEST

START_TEST(test_read_bin)
{
	unsigned char data[300], buf[512];
	unsigned i;

	for (i = 0; i < sizeof(data); i++)
		data[i] = i * 7;
	write_file("config", data, sizeof(data));
	ck_assert_int_eq(iov_read_bin(tpath("config"), buf, sizeof(buf)), 300);
	ck_assert_mem_eq(buf, data, 300);
	ck_assert_int_eq(iov_read_bin(tpath("config"), buf, 64), 64);
	ck_assert_int_eq(iov_read_bin(tpath("missing"), buf, 64), -ENOENT);
}
END_TEST

START_TEST(test_read_link_name)
{
	char buf[32];

	ck_assert_int_eq(symlink("../../bus/pci/drivers/nvme", tpath("driver")), 0);
	ck_assert_int_eq(iov_read_link_name(tpath("driver"), buf, sizeof(buf)), 0);
	ck_assert_str_eq(buf, "nvme");
	ck_assert_int_eq(symlink("17", tpath("group")), 0);
	ck_assert_int_eq(iov_read_link_name(tpath("group"), buf, sizeof(buf)), 0);
	ck_assert_str_eq(buf, "17");
	ck_assert_int_eq(iov_read_link_name(tpath("driver"), buf, 4), -ENAMETOOLONG);
	ck_assert_int_eq(iov_read_link_name(tpath("missing"), buf, sizeof(buf)), -ENOENT);
	write_file("plain", "x", 1);
	ck_assert_int_eq(iov_read_link_name(tpath("plain"), buf, sizeof(buf)), -EINVAL);
}
END_TEST

START_TEST(test_ctx_paths)
{
	struct iov_ctx *ctx;
	char root[PATH_MAX + 2], buf[PATH_MAX], want[PATH_MAX + 64];
	char small[8];
	long long v;

	/* a trailing slash on the root builds the same paths */
	xsnprintf(root, sizeof(root), "%s/", tmpdir);
	ck_assert_int_eq(iov_ctx_new(&ctx, root, NULL), 0);
	ck_assert(!iov_ctx_is_live(ctx));
	ck_assert_str_eq(iov_ctx_sysfs_root(ctx), tmpdir);
	ck_assert_int_eq(iov_sysfs_path(ctx, buf, sizeof(buf), "bus/pci/devices/%s/numa_node",
					"0000:00:01.0"), 0);
	xsnprintf(want, sizeof(want), "%s/bus/pci/devices/0000:00:01.0/numa_node", tmpdir);
	ck_assert_str_eq(buf, want);
	ck_assert_int_eq(iov_sysfs_path(ctx, small, sizeof(small), "x"), -ENAMETOOLONG);

	write_file("vendor", "0x8086\n", 7);
	ck_assert_int_eq(iov_sysfs_read_int(ctx, &v, "%s", "vendor"), 0);
	ck_assert_int_eq(v, 0x8086);
	ck_assert_int_eq(iov_sysfs_read_str(ctx, buf, sizeof(buf), "vendor"), 0);
	ck_assert_str_eq(buf, "0x8086");
	ck_assert_int_eq(iov_sysfs_read_int(ctx, &v, "nothing/here"), -ENOENT);
	iov_ctx_free(ctx);

	/* a root that does not exist is refused up front */
	ck_assert_int_eq(iov_ctx_new(&ctx, tpath("nope"), NULL), -ENOENT);
	ck_assert_ptr_null(ctx);
}
END_TEST

static Suite *path_suite(void)
{
	Suite *s = suite_create("path");
	TCase *tc = tcase_create("read");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_read_int);
	tcase_add_test(tc, test_read_file);
	tcase_add_test(tc, test_attr_trim);
	tcase_add_test(tc, test_read_bin);
	tcase_add_test(tc, test_read_link_name);
	tcase_add_test(tc, test_ctx_paths);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(path_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
