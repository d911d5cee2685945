// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests of lib/fndevs.c, the one resolver of a function's net, NVMe
 * and block children: native NVMe multipath on the real-kernel capture,
 * virtio disks and netdevs, disks behind a SCSI host, and the scan's view
 * of the same (inspect and bench must agree).
 */
#include "config.h"

#include <check.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lib/iov.h"
#include "lib/iov-host.h"

static struct iov_ctx *fixture(const char *name)
{
	const char *fx = getenv("FIXTURES");
	struct iov_ctx *ctx;
	char sys[PATH_MAX];

	ck_assert_msg(fx != NULL, "FIXTURES is not set (run through make check)");
	snprintf(sys, sizeof(sys), "%s/%s/sys", fx, name);
	ck_assert_int_eq(iov_ctx_new(&ctx, sys, NULL), 0);
	return ctx;
}

/* The capture: PF 81:00.0 and VFs 81:00.1-4 share namespace 1 as head nvme0n1, 5 paths. */
START_TEST(test_multipath_vf)
{
	struct iov_ctx *ctx = fixture("real-nvme-sriov-2numa");
	struct iov_fn_devs d;

	ck_assert_int_eq(iov_fn_devs_read(ctx, "0000:81:00.1", IOV_FNDEVS_PATHS, &d), 0);
	ck_assert_uint_eq(d.nnvme, 1);
	ck_assert_str_eq(d.nvme[0], "nvme2");
	ck_assert_uint_eq(d.ndisk, 1);
	ck_assert_str_eq(d.disk[0].name, "nvme0n1");	/* the head, which has the node */
	ck_assert_str_eq(d.disk[0].path, "nvme0c2n1");	/* this VF's path */
	ck_assert_str_eq(d.disk[0].ctrl, "nvme2");
	ck_assert_int_eq(d.disk[0].npaths, 5);
	ck_assert_uint_eq(d.nnet, 0);
	iov_fn_devs_free(&d);

	/* without IOV_FNDEVS_PATHS the paths are not counted */
	ck_assert_int_eq(iov_fn_devs_read(ctx, "81:00.4", 0, &d), 0);
	ck_assert_uint_eq(d.ndisk, 1);
	ck_assert_str_eq(d.disk[0].path, "nvme0c5n1");
	ck_assert_int_eq(d.disk[0].npaths, -1);
	iov_fn_devs_free(&d);
	iov_ctx_free(ctx);
}
END_TEST

/* A namespace of a controller without multipath is its own disk. */
START_TEST(test_private_namespace)
{
	struct iov_ctx *ctx = fixture("real-nvme-sriov-2numa");
	struct iov_fn_devs d;

	ck_assert_int_eq(iov_fn_devs_read(ctx, "0000:82:00.0", IOV_FNDEVS_PATHS, &d), 0);
	ck_assert_uint_eq(d.nnvme, 1);
	ck_assert_str_eq(d.nvme[0], "nvme1");
	ck_assert_uint_eq(d.ndisk, 1);
	ck_assert_str_eq(d.disk[0].name, "nvme1n1");
	ck_assert_str_eq(d.disk[0].path, "");
	ck_assert_str_eq(d.disk[0].ctrl, "nvme1");
	ck_assert_int_eq(d.disk[0].npaths, 0);
	iov_fn_devs_free(&d);
	iov_ctx_free(ctx);
}
END_TEST

START_TEST(test_virtio_and_net)
{
	struct iov_ctx *ctx = fixture("real-nvme-sriov-2numa");
	struct iov_fn_devs d;

	ck_assert_int_eq(iov_fn_devs_read(ctx, "0000:02:00.0", 0, &d), 0);
	ck_assert_uint_eq(d.ndisk, 1);
	ck_assert_str_eq(d.disk[0].name, "vda");
	ck_assert_str_eq(d.disk[0].ctrl, "");
	ck_assert_uint_eq(d.nnvme, 0);
	iov_fn_devs_free(&d);
	ck_assert_int_eq(iov_fn_devs_read(ctx, "0000:03:00.0", IOV_FNDEVS_DEEP, &d), 0);
	ck_assert_uint_eq(d.nnet, 1);
	ck_assert_str_eq(d.net[0], "eth0");
	ck_assert_uint_eq(d.ndisk, 0);
	iov_fn_devs_free(&d);

	ck_assert_int_eq(iov_fn_devs_read(ctx, "0000:3c:00.0", 0, &d), -ENOENT);
	ck_assert_int_eq(iov_fn_devs_read(ctx, "nvme0n1", 0, &d), -EINVAL);
	iov_ctx_free(ctx);
}
END_TEST

static struct iov_dev *find(const struct iov_devlist *l, const char *addr)
{
	struct iov_bdf b;

	ck_assert_int_eq(iov_bdf_parse(addr, &b), 0);
	return iov_devlist_find(l, &b);
}

/* What inspect lists comes from the same resolver: a VF's path by its head. */
START_TEST(test_scan_agrees)
{
	struct iov_ctx *ctx = fixture("real-nvme-sriov-2numa");
	struct iov_devlist *l;
	struct iov_dev *d;

	ck_assert_int_eq(iov_scan(ctx, 0, &l), 0);
	d = find(l, "0000:81:00.3");
	ck_assert_ptr_nonnull(d);
	ck_assert_uint_eq(d->nblockdevs, 1);
	ck_assert_str_eq(d->blockdevs[0], "nvme0n1");
	d = find(l, "0000:02:00.0");
	ck_assert_uint_eq(d->nblockdevs, 1);
	ck_assert_str_eq(d->blockdevs[0], "vda");
	d = find(l, "0000:03:00.0");
	ck_assert_uint_eq(d->nnetdevs, 1);
	ck_assert_str_eq(d->netdevs[0], "eth0");
	iov_devlist_free(l);
	iov_ctx_free(ctx);
}
END_TEST

static char root[PATH_MAX];

static void mkfile(const char *rel, const char *text)
{
	char path[PATH_MAX + 64], cmd[PATH_MAX + 128];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	snprintf(cmd, sizeof(cmd), "mkdir -p \"$(dirname '%s')\"", path);
	ck_assert_int_eq(system(cmd), 0);
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
}

#define HBA "bus/pci/devices/0000:05:00.0"

/* Disks behind a SCSI host only with IOV_FNDEVS_DEEP, partitions never. */
START_TEST(test_deep_scsi)
{
	struct iov_ctx *ctx;
	struct iov_fn_devs d;
	char cmd[PATH_MAX + 16];

	snprintf(root, sizeof(root), "/tmp/check_fndevsXXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(root));
	mkfile(HBA "/vendor", "0x1000\n");
	mkfile(HBA "/host0/target0:0:1/0:0:1:0/block/sdb/dev", "8:16\n");
	mkfile(HBA "/host0/target0:0:1/0:0:1:0/block/sdb/sdb1/dev", "8:17\n");
	mkfile(HBA "/host0/target0:0:0/0:0:0:0/block/sda/dev", "8:0\n");
	mkfile(HBA "/host0/scsi_host/host0/proc_name", "mpt3sas\n");
	ck_assert_int_eq(iov_ctx_new(&ctx, root, NULL), 0);

	ck_assert_int_eq(iov_fn_devs_read(ctx, "0000:05:00.0", 0, &d), 0);
	ck_assert_uint_eq(d.ndisk, 0);
	iov_fn_devs_free(&d);
	ck_assert_int_eq(iov_fn_devs_read(ctx, "0000:05:00.0", IOV_FNDEVS_DEEP, &d), 0);
	ck_assert_uint_eq(d.ndisk, 2);
	ck_assert_str_eq(d.disk[0].name, "sda");	/* sorted */
	ck_assert_str_eq(d.disk[1].name, "sdb");
	iov_fn_devs_free(&d);
	iov_ctx_free(ctx);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
	ck_assert_int_eq(system(cmd), 0);
}
END_TEST

/* The NVMe secondary-controller rules find a PF's controller through the same resolver. */
START_TEST(test_ctrl_of)
{
	struct iov_ctx *ctx = fixture("real-nvme-sriov-2numa");
	char name[32];

	ck_assert_int_eq(iov_nvme_ctrl_of(ctx, "0000:81:00.0", name, sizeof(name)), 0);
	ck_assert_str_eq(name, "nvme0");
	ck_assert_int_eq(iov_nvme_ctrl_of(ctx, "0000:81:00.2", name, sizeof(name)), 0);
	ck_assert_str_eq(name, "nvme3");
	ck_assert_int_eq(iov_nvme_ctrl_of(ctx, "0000:02:00.0", name, sizeof(name)), -ENOENT);
	ck_assert_int_eq(iov_nvme_ctrl_of(ctx, "0000:81:00.0", name, 5), -ENOENT);	/* no room */
	iov_ctx_free(ctx);
}
END_TEST

START_TEST(test_nvme_names)
{
	unsigned s, c, n;

	ck_assert(iov_nvme_ns_name("nvme0n1", &s, &n));
	ck_assert_uint_eq(s, 0);
	ck_assert_uint_eq(n, 1);
	ck_assert(!iov_nvme_ns_name("nvme0n1p1", NULL, NULL));
	ck_assert(!iov_nvme_ns_name("nvme0c2n1", NULL, NULL));
	ck_assert(!iov_nvme_ns_name("ng0n1", NULL, NULL));
	ck_assert(iov_nvme_path_name("nvme3c12n7", &s, &c, &n));
	ck_assert_uint_eq(s, 3);
	ck_assert_uint_eq(c, 12);
	ck_assert_uint_eq(n, 7);
	ck_assert(!iov_nvme_path_name("nvme0n1", NULL, NULL, NULL));
	ck_assert(!iov_nvme_path_name("nvme0c2n1p1", NULL, NULL, NULL));
}
END_TEST

static Suite *fndevs_suite(void)
{
	Suite *s = suite_create("fndevs");
	TCase *tc = tcase_create("resolver");

	tcase_add_test(tc, test_multipath_vf);
	tcase_add_test(tc, test_private_namespace);
	tcase_add_test(tc, test_virtio_and_net);
	tcase_add_test(tc, test_scan_agrees);
	tcase_add_test(tc, test_deep_scsi);
	tcase_add_test(tc, test_ctrl_of);
	tcase_add_test(tc, test_nvme_names);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(fndevs_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
