// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests of the shared parsers: sizes (bench --size, snapshot
 * --max-size), CPU lists (sysfs cpulists, bench --cpus) and VFs named as
 * PF/vfN, resolved over a small sysfs tree.
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
#include "lib/iov-bench.h"

/* ---- sizes ------------------------------------------------------------------ */

START_TEST(test_size_units)
{
	static const struct {
		const char *s;
		uint64_t v;
	} ok[] = {
		{ "0", 0 },
		{ "512", 512 },
		{ "1048576", 1048576 },
		{ "4k", 4096 },
		{ "128K", 128ULL << 10 },
		{ "512k", 512ULL << 10 },
		{ "64M", 64ULL << 20 },
		{ "1MiB", 1ULL << 20 },
		{ "1MB", 1ULL << 20 },
		{ "1mb", 1ULL << 20 },
		{ "2g", 2ULL << 30 },
		{ "2GiB", 2ULL << 30 },
		{ "1T", 1ULL << 40 },
		{ "1t", 1ULL << 40 },
		{ "3P", 3ULL << 50 },
		{ "15E", 15ULL << 60 },
		{ "18446744073709551615", UINT64_MAX },
	};
	size_t i;

	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		uint64_t v = 1;

		ck_assert_msg(iov_parse_size(ok[i].s, &v) == 0, "'%s' refused", ok[i].s);
		ck_assert_msg(v == ok[i].v, "'%s' is %llu, not %llu", ok[i].s,
			      (unsigned long long)v, (unsigned long long)ok[i].v);
	}
}
END_TEST

START_TEST(test_size_bad)
{
	static const char *const bad[] = {
		"", "k", "-1", "-4k", "+4k", " 4k", "4k ", "4x", "12X", "1Mx", "1MiBB", "1iB", "4.5M",
		"0x10", "1Z",
	};
	uint64_t v = 7;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(iov_parse_size(bad[i], &v) == -EINVAL, "'%s' accepted", bad[i]);
	ck_assert_int_eq(iov_parse_size(NULL, &v), -EINVAL);
	/* beyond 64 bits: out of range, not malformed */
	ck_assert_int_eq(iov_parse_size("18446744073709551616", &v), -ERANGE);
	ck_assert_int_eq(iov_parse_size("99999999999999999999", &v), -ERANGE);
	ck_assert_int_eq(iov_parse_size("17179869184G", &v), -ERANGE);
	ck_assert_int_eq(iov_parse_size("16E", &v), -ERANGE);
	ck_assert_int_eq(iov_parse_size("16777216T", &v), -ERANGE);
	ck_assert_int_eq(iov_parse_size("16777215T", &v), 0);
	ck_assert_uint_eq(v, 16777215ULL << 40);
	ck_assert_uint_eq(v + (1ULL << 40) - 1, UINT64_MAX);
}
END_TEST

/* ---- CPU lists ----------------------------------------------------------------- */

START_TEST(test_cpulist)
{
	uint64_t m[2];

	ck_assert_int_eq(iov_cpulist_parse("0-3,8,62-65\n", m, 2), 0);
	ck_assert_uint_eq(m[0], 0xfULL | 1ULL << 8 | 3ULL << 62);
	ck_assert_uint_eq(m[1], 0x3);
	ck_assert_uint_eq(iov_cpulist_count(m, 2), 4 + 1 + 4);
	ck_assert_int_eq(iov_cpulist_parse("127", m, 2), 0);
	ck_assert_uint_eq(m[1], 1ULL << 63);
	ck_assert_uint_eq(iov_cpulist_count(m, 2), 1);
	/* sysfs: a memory-only node has an empty cpulist */
	ck_assert_int_eq(iov_cpulist_parse("\n", m, 2), 0);
	ck_assert_uint_eq(m[0] | m[1], 0);
	ck_assert_int_eq(iov_cpulist_parse("", m, 2), 0);
	ck_assert_int_eq(iov_cpulist_parse(" 5 \n", m, 2), 0);
	ck_assert_uint_eq(m[0], 1ULL << 5);
}
END_TEST

START_TEST(test_cpulist_bad)
{
	static const char *const inval[] = { "a", "1-", "-1", "1;2", "1,,2", "1,", ",1", "1 2", "1-2-3", "0x1" };
	uint64_t m[2];
	size_t i;

	for (i = 0; i < sizeof(inval) / sizeof(inval[0]); i++)
		ck_assert_msg(iov_cpulist_parse(inval[i], m, 2) == -EINVAL, "'%s' accepted", inval[i]);
	ck_assert_int_eq(iov_cpulist_parse("128", m, 2), -ERANGE);
	ck_assert_int_eq(iov_cpulist_parse("0-128", m, 2), -ERANGE);
	ck_assert_int_eq(iov_cpulist_parse("3-1", m, 2), -ERANGE);
	ck_assert_int_eq(iov_cpulist_parse("99999999999999999999", m, 2), -ERANGE);
}
END_TEST

/* bench's --cpus: the same parser, and a placement names a CPU */
START_TEST(test_cpuset_is_cpulist)
{
	struct iov_cpuset s;

	ck_assert_int_eq(iov_cpuset_parse(&s, "0-3,8\n"), 0);
	ck_assert(iov_cpuset_isset(&s, 3) && iov_cpuset_isset(&s, 8) && !iov_cpuset_isset(&s, 4));
	ck_assert_int_eq(iov_cpuset_parse(&s, ""), -EINVAL);
	ck_assert_int_eq(iov_cpuset_parse(&s, "1024"), -ERANGE);
	ck_assert_int_eq(iov_cpuset_parse(&s, "1023"), 0);
	ck_assert(iov_cpuset_isset(&s, 1023));
}
END_TEST

/* ---- PF/vfN ------------------------------------------------------------------------ */

START_TEST(test_vf_ref_parse)
{
	struct iov_bdf pf = { 0 };
	unsigned vf = 99;

	ck_assert_int_eq(iov_vf_ref_parse_why("0000:81:00.0/vf1", &pf, &vf), IOV_ADDR_OK);
	ck_assert_uint_eq(pf.domain, 0);
	ck_assert_uint_eq(pf.bus, 0x81);
	ck_assert_uint_eq(pf.dev, 0);
	ck_assert_uint_eq(pf.fn, 0);
	ck_assert_uint_eq(vf, 1);
	ck_assert_int_eq(iov_vf_ref_parse_why("3b:1f.7/vf65535", &pf, &vf), IOV_ADDR_OK);
	ck_assert_uint_eq(pf.bus, 0x3b);
	ck_assert_uint_eq(pf.dev, 0x1f);
	ck_assert_uint_eq(pf.fn, 7);
	ck_assert_uint_eq(vf, 65535);
	ck_assert_int_eq(iov_vf_ref_parse_why("10000:01:00.0/vf0", &pf, &vf), IOV_ADDR_OK);
	ck_assert_uint_eq(pf.domain, 0x10000);
	ck_assert_uint_eq(vf, 0);

	/* not PF/vfN at all: names and paths */
	ck_assert_int_eq(iov_vf_ref_parse_why("eth0", &pf, &vf), IOV_ADDR_SHAPE);
	ck_assert_int_eq(iov_vf_ref_parse_why("/dev/nvme0n1", &pf, &vf), IOV_ADDR_SHAPE);
	ck_assert_int_eq(iov_vf_ref_parse_why("./x/vf1", &pf, &vf), IOV_ADDR_SHAPE);
	ck_assert_int_eq(iov_vf_ref_parse_why("81:00.0", &pf, &vf), IOV_ADDR_SHAPE);
	ck_assert_int_eq(iov_vf_ref_parse_why("81:00.0/pf1", &pf, &vf), IOV_ADDR_SHAPE);
	ck_assert(!iov_vf_ref_shaped("/81:00.0/vf1"));
	ck_assert(iov_vf_ref_shaped("81:00.0/vf"));
	/* meant as PF/vfN, malformed: the reason */
	ck_assert_int_eq(iov_vf_ref_parse_why("81:00.0/vf", &pf, &vf), IOV_ADDR_VF);
	ck_assert_int_eq(iov_vf_ref_parse_why("81:00.0/vfx", &pf, &vf), IOV_ADDR_VF);
	ck_assert_int_eq(iov_vf_ref_parse_why("81:00.0/vf-1", &pf, &vf), IOV_ADDR_VF);
	ck_assert_int_eq(iov_vf_ref_parse_why("81:00.0/vf01", &pf, &vf), IOV_ADDR_VF);
	ck_assert_int_eq(iov_vf_ref_parse_why("81:00.0/vf65536", &pf, &vf), IOV_ADDR_VF);
	ck_assert_int_eq(iov_vf_ref_parse_why("81:00.0/vf1/", &pf, &vf), IOV_ADDR_VF);
	ck_assert_int_eq(iov_vf_ref_parse_why("81:00.8/vf1", &pf, &vf), IOV_ADDR_FN);
	ck_assert_int_eq(iov_vf_ref_parse_why("81:20.0/vf1", &pf, &vf), IOV_ADDR_DEV);
	ck_assert_int_eq(iov_vf_ref_parse_why("0x81:00.0/vf1", &pf, &vf), IOV_ADDR_PREFIX);
	/* untouched on error */
	ck_assert_uint_eq(pf.domain, 0x10000);
	ck_assert_uint_eq(vf, 0);
	ck_assert_str_ne(iov_addr_strerror(IOV_ADDR_VF), "invalid");
}
END_TEST

static char root[PATH_MAX];

static void mk(const char *rel)
{
	char p[PATH_MAX * 2];

	snprintf(p, sizeof(p), "%s/%s", root, rel);
	ck_assert_int_eq(mkdir(p, 0755), 0);
}

static void ln(const char *target, const char *rel)
{
	char p[PATH_MAX * 2];

	snprintf(p, sizeof(p), "%s/%s", root, rel);
	ck_assert_int_eq(symlink(target, p), 0);
}

START_TEST(test_function_resolve)
{
	struct iov_ctx *ctx;
	struct iov_bdf b;
	char s[IOV_BDF_STRLEN], cmd[PATH_MAX + 16];

	snprintf(root, sizeof(root), "%s/check_parse.XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	ck_assert_ptr_nonnull(mkdtemp(root));
	mk("bus");
	mk("bus/pci");
	mk("bus/pci/devices");
	mk("bus/pci/devices/0000:81:00.0");
	mk("bus/pci/devices/0000:81:00.1");
	mk("bus/pci/devices/0000:81:00.3");
	/* VFs numbered by the kernel, not by function number: vf1 is 00.3 */
	ln("../0000:81:00.1", "bus/pci/devices/0000:81:00.0/virtfn0");
	ln("../0000:81:00.3", "bus/pci/devices/0000:81:00.0/virtfn1");
	ck_assert_int_eq(iov_ctx_new(&ctx, root, NULL), 0);

	ck_assert_int_eq(iov_function_resolve(ctx, "81:00.0/vf1", &b), 0);
	iov_bdf_format(&b, s);
	ck_assert_str_eq(s, "0000:81:00.3");
	ck_assert_int_eq(iov_function_resolve(ctx, "0000:81:00.0/vf0", &b), 0);
	iov_bdf_format(&b, s);
	ck_assert_str_eq(s, "0000:81:00.1");
	/* an address is itself, whether it exists or not */
	ck_assert_int_eq(iov_function_resolve(ctx, "3b:00.2", &b), 0);
	iov_bdf_format(&b, s);
	ck_assert_str_eq(s, "0000:3b:00.2");
	/* no such VF, no such PF */
	ck_assert_int_eq(iov_function_resolve(ctx, "81:00.0/vf2", &b), -ENODEV);
	ck_assert_int_eq(iov_function_resolve(ctx, "82:00.0/vf0", &b), -ENODEV);
	/* neither an address nor PF/vfN */
	ck_assert_int_eq(iov_function_resolve(ctx, "eth0", &b), -EINVAL);
	ck_assert_int_eq(iov_function_resolve(ctx, "81:00.0/vfx", &b), -EINVAL);

	iov_ctx_free(ctx);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
	ck_assert_int_eq(system(cmd), 0);
}
END_TEST

static Suite *parse_suite(void)
{
	Suite *s = suite_create("parse");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_size_units);
	tcase_add_test(tc, test_size_bad);
	tcase_add_test(tc, test_cpulist);
	tcase_add_test(tc, test_cpulist_bad);
	tcase_add_test(tc, test_cpuset_is_cpulist);
	tcase_add_test(tc, test_vf_ref_parse);
	tcase_add_test(tc, test_function_resolve);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(parse_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
