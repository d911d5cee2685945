// SPDX-License-Identifier: GPL-2.0-or-later
/* Unit tests for the pure parts of lib/snapshot.c: link rewriting, size bound, formats. */
#include "config.h"

#include <check.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lib/iov-snapshot.h"

static void resolve_ok(const char *dir, const char *target, const char *want)
{
	char buf[PATH_MAX];

	ck_assert_int_eq(iov_snapshot_resolve(dir, target, buf, sizeof(buf)), 0);
	ck_assert_str_eq(buf, want);
}

START_TEST(test_resolve)
{
	char buf[PATH_MAX];

	resolve_ok("bus/pci/devices", "../../../devices/pci0000:00/0000:00:01.0",
		   "devices/pci0000:00/0000:00:01.0");
	resolve_ok("devices/pci0000:80/0000:80:00.0/0000:81:00.0", "../0000:81:00.1",
		   "devices/pci0000:80/0000:80:00.0/0000:81:00.1");
	resolve_ok("devices/pci0000:00/0000:00:02.0", "./../../../kernel/iommu_groups/3",
		   "kernel/iommu_groups/3");
	resolve_ok("a/b", "..//../c", "c");
	resolve_ok("a", "..", "");
	resolve_ok("", "x/y", "x/y");
	/* out of the root: absolute or climbing above it */
	ck_assert_int_eq(iov_snapshot_resolve("a/b", "/sys/devices", buf, sizeof(buf)), -EXDEV);
	ck_assert_int_eq(iov_snapshot_resolve("a/b", "../../../etc", buf, sizeof(buf)), -EXDEV);
	ck_assert_int_eq(iov_snapshot_resolve("", "..", buf, sizeof(buf)), -EXDEV);
	/* too small a buffer */
	ck_assert_int_eq(iov_snapshot_resolve("a", "bcdef", buf, 4), -ENAMETOOLONG);
}
END_TEST

static void relative_ok(const char *from, const char *to, const char *want)
{
	char buf[PATH_MAX];

	ck_assert_int_eq(iov_snapshot_relative(from, to, buf, sizeof(buf)), 0);
	ck_assert_str_eq(buf, want);
}

START_TEST(test_relative)
{
	char buf[8];

	relative_ok("bus/pci/devices", "devices/pci0000:00/0000:00:01.0",
		    "../../../devices/pci0000:00/0000:00:01.0");
	relative_ok("devices/pci0000:80/0000:80:00.0/0000:81:00.1",
		    "devices/pci0000:80/0000:80:00.0/0000:81:00.0", "../0000:81:00.0");
	relative_ok("a/b/c", "a/b", "..");
	relative_ok("a/b", "a/b", ".");
	relative_ok("a", "a/b/c", "b/c");
	relative_ok("", "kernel/iommu_groups/1", "kernel/iommu_groups/1");
	relative_ok("x/y", "", "../..");
	/* shared prefixes of names are not shared components */
	relative_ok("devices/pci0000:0", "devices/pci0000:00/x", "../pci0000:00/x");
	ck_assert_int_eq(iov_snapshot_relative("a/b/c/d", "e/f", buf, sizeof(buf)), -ENAMETOOLONG);
}
END_TEST

/* resolve + relative round trip: what copy_link does to every link */
START_TEST(test_rewrite_round_trip)
{
	static const struct {
		const char *dir, *text;
	} links[] = {
		{ "bus/pci/devices", "../../../devices/pci0000:00/0000:00:02.0/0000:01:00.0" },
		{ "devices/pci0000:00/0000:00:02.0/0000:01:00.0", "../../../../bus/pci/drivers/nvme" },
		{ "kernel/iommu_groups/7/devices", "../../../../devices/pci0000:00/0000:00:03.0" },
		{ "class/net", "../../devices/pci0000:00/0000:00:02.0/0000:01:00.0/virtio1/net/eth0" },
	};
	char target[PATH_MAX], rel[PATH_MAX], back[PATH_MAX];
	size_t i;

	for (i = 0; i < sizeof(links) / sizeof(links[0]); i++) {
		ck_assert_int_eq(iov_snapshot_resolve(links[i].dir, links[i].text, target,
						      sizeof(target)), 0);
		ck_assert_int_eq(iov_snapshot_relative(links[i].dir, target, rel, sizeof(rel)), 0);
		ck_assert(rel[0] != '/');
		ck_assert_int_eq(iov_snapshot_resolve(links[i].dir, rel, back, sizeof(back)), 0);
		ck_assert_str_eq(back, target);
		/* kernel links are already minimal: the rewrite keeps them as they are */
		ck_assert_str_eq(rel, links[i].text);
	}
}
END_TEST

START_TEST(test_format_of)
{
	ck_assert_int_eq(iov_snapshot_format_of("host.tar.gz"), IOV_SNAPSHOT_TAR_GZ);
	ck_assert_int_eq(iov_snapshot_format_of("host.tgz"), IOV_SNAPSHOT_TAR_GZ);
	ck_assert_int_eq(iov_snapshot_format_of("host.tar.xz"), IOV_SNAPSHOT_TAR_XZ);
	ck_assert_int_eq(iov_snapshot_format_of("host.txz"), IOV_SNAPSHOT_TAR_XZ);
	ck_assert_int_eq(iov_snapshot_format_of("host.tar"), IOV_SNAPSHOT_TAR);
	ck_assert_int_eq(iov_snapshot_format_of("host"), IOV_SNAPSHOT_DIR);
	/* archive names we do not write are refused, never made directories */
	ck_assert_int_eq(iov_snapshot_format_of("host.tar.bz2"), IOV_SNAPSHOT_UNSUPPORTED);
	ck_assert_int_eq(iov_snapshot_format_of("host.zip"), IOV_SNAPSHOT_UNSUPPORTED);
	ck_assert_int_eq(iov_snapshot_format_of("host.ZIP"), IOV_SNAPSHOT_UNSUPPORTED);
	ck_assert_int_eq(iov_snapshot_format_of("host.tar.zst"), IOV_SNAPSHOT_UNSUPPORTED);
	ck_assert_int_eq(iov_snapshot_format_of("host.gz"), IOV_SNAPSHOT_UNSUPPORTED);
	ck_assert_int_eq(iov_snapshot_format_of("dir/.zip"), IOV_SNAPSHOT_DIR);
	ck_assert_int_eq(iov_snapshot_format_of("host.d"), IOV_SNAPSHOT_DIR);
	ck_assert_int_eq(iov_snapshot_format_of("snap-2024.11"), IOV_SNAPSHOT_DIR);
	ck_assert_int_eq(iov_snapshot_format_of(".tar"), IOV_SNAPSHOT_DIR);
}
END_TEST

/* write a small fake sysfs under dir */
static void put(const char *dir, const char *rel, const char *data, size_t len)
{
	char p[PATH_MAX];
	FILE *f;

	snprintf(p, sizeof(p), "%s/%s", dir, rel);
	f = fopen(p, "w");
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(data, 1, len, f), len);
	fclose(f);
}

static void mk(const char *dir, const char *rel)
{
	char p[PATH_MAX];

	snprintf(p, sizeof(p), "%s/%s", dir, rel);
	ck_assert_int_eq(mkdir(p, 0755), 0);
}

static void ln(const char *dir, const char *rel, const char *target)
{
	char p[PATH_MAX];

	snprintf(p, sizeof(p), "%s/%s", dir, rel);
	ck_assert_int_eq(symlink(target, p), 0);
}

/* The size bound stops the copy with -EFBIG; a larger bound lets it through. */
START_TEST(test_size_bound)
{
	static char big[8192];
	char src[] = "/tmp/check_snapshot.XXXXXX", dest[256], sys[256], p[PATH_MAX];
	struct iov_snapshot_opts opts = { .max_bytes = 4096 };
	struct iov_snapshot_stats st;
	struct iov_ctx *ctx;
	struct stat sb;

	ck_assert_ptr_nonnull(mkdtemp(src));
	snprintf(sys, sizeof(sys), "%s/sys", src);
	ck_assert_int_eq(mkdir(sys, 0755), 0);
	mk(sys, "bus");
	mk(sys, "bus/pci");
	mk(sys, "bus/pci/devices");
	mk(sys, "devices");
	mk(sys, "devices/pci0000:00");
	mk(sys, "devices/pci0000:00/0000:00:01.0");
	put(sys, "devices/pci0000:00/0000:00:01.0/config", big, sizeof(big));
	put(sys, "devices/pci0000:00/0000:00:01.0/vendor", "0x1b36\n", 7);
	put(sys, "devices/pci0000:00/0000:00:01.0/resource0", "", 0);
	ln(sys, "bus/pci/devices/0000:00:01.0", "../../../devices/pci0000:00/0000:00:01.0");
	ln(sys, "devices/pci0000:00/0000:00:01.0/escape", "../../../../../etc");

	ck_assert_int_eq(iov_ctx_new(&ctx, sys, NULL), 0);
	snprintf(dest, sizeof(dest), "%s/out1", src);
	ck_assert_int_eq(iov_snapshot_capture(ctx, dest, &opts, &st), -EFBIG);
	ck_assert_uint_le(st.bytes, 4096);

	opts.max_bytes = 1 << 20;
	snprintf(dest, sizeof(dest), "%s/out2", src);
	ck_assert_int_eq(iov_snapshot_capture(ctx, dest, &opts, &st), 0);
	ck_assert_uint_eq(st.bytes, sizeof(big) + 7);
	ck_assert_uint_eq(st.skipped_action, 1);	/* resource0 */
	ck_assert_uint_eq(st.skipped_links, 1);	/* escape */
	snprintf(p, sizeof(p), "%s/sys/devices/pci0000:00/0000:00:01.0/config", dest);
	ck_assert_int_eq(stat(p, &sb), 0);
	ck_assert_int_eq(sb.st_size, sizeof(big));
	snprintf(p, sizeof(p), "%s/sys/bus/pci/devices/0000:00:01.0/vendor", dest);
	ck_assert_int_eq(stat(p, &sb), 0);
	snprintf(p, sizeof(p), "%s/sys/devices/pci0000:00/0000:00:01.0/escape", dest);
	ck_assert_int_eq(lstat(p, &sb), -1);

	/* a non-empty destination is refused */
	ck_assert_int_eq(iov_snapshot_capture(ctx, dest, &opts, &st), -EEXIST);
	iov_ctx_free(ctx);
	ck_assert_int_eq(iov_snapshot_remove(src), 0);
	ck_assert_int_eq(access(src, F_OK), -1);
}
END_TEST

/* A tree whose bus/pci/devices is a file: a read error, and it says where. */
START_TEST(test_unreadable_tree)
{
	char src[] = "/tmp/check_snapshot.XXXXXX", dest[256], sys[256];
	struct iov_snapshot_stats st = { 0 };
	struct iov_ctx *ctx;

	ck_assert_ptr_nonnull(mkdtemp(src));
	snprintf(sys, sizeof(sys), "%s/sys", src);
	ck_assert_int_eq(mkdir(sys, 0755), 0);
	mk(sys, "bus");
	mk(sys, "bus/pci");
	put(sys, "bus/pci/devices", "x\n", 2);
	ck_assert_int_eq(iov_ctx_new(&ctx, sys, NULL), 0);
	snprintf(dest, sizeof(dest), "%s/out", src);
	ck_assert_int_eq(iov_snapshot_capture(ctx, dest, NULL, &st), -ENOTDIR);
	ck_assert_ptr_nonnull(st.unreadable);
	ck_assert_str_eq(st.unreadable, "bus/pci/devices");

	/* a destination that cannot be written is not the tree's fault */
	put(src, "file", "", 0);
	snprintf(dest, sizeof(dest), "%s/file/out", src);
	st.unreadable = "stale";
	ck_assert_int_lt(iov_snapshot_capture(ctx, dest, NULL, &st), 0);
	ck_assert_ptr_null(st.unreadable);
	iov_ctx_free(ctx);
	ck_assert_int_eq(iov_snapshot_remove(src), 0);
}
END_TEST

static Suite *snapshot_suite(void)
{
	Suite *s = suite_create("snapshot");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_resolve);
	tcase_add_test(tc, test_relative);
	tcase_add_test(tc, test_rewrite_round_trip);
	tcase_add_test(tc, test_format_of);
	tcase_add_test(tc, test_size_bound);
	tcase_add_test(tc, test_unreadable_tree);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(snapshot_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
