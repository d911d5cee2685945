// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests of what bench's reports compute in lib/: grouping targets by
 * function, Jain's index over results and groups, link shares, interval
 * and progress rates, null targets (lib/bench-report.c), and baselines:
 * the settings they record, their compatibility across schema versions
 * (lib/baseline.c).
 */
#include "config.h"

#include <check.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/iov-bench.h"

static struct iov_bench_result *results(const uint64_t *ios, size_t n)
{
	struct iov_bench_result *r = calloc(n, sizeof(*r));
	size_t i;

	ck_assert_ptr_nonnull(r);
	for (i = 0; i < n; i++) {
		iov_hist_init(&r[i].hist);
		r[i].ios = ios[i];
		r[i].reads = ios[i];
		r[i].bytes = ios[i] * 4096;
		r[i].runtime_ns = 1000000000;
		r[i].iops = (double)ios[i];
		r[i].bw = ios[i] * 4096.0;
		r[i].place.buffer_node = -1;
	}
	return r;
}

/* Consecutive disks of one function are one group; targets without a function stand alone. */
START_TEST(test_group_by_function)
{
	struct iov_dev a = { .addr = "0000:3b:00.2" }, b = { .addr = "0000:3b:00.3" };
	struct iov_bench_target t[5] = {
		{ .name = "a/nvme0n1", .dev = &a }, { .name = "a/nvme0n2", .dev = &a },
		{ .name = "b/nvme1n1", .dev = &b }, { .name = "file1" }, { .name = "file2" },
	};
	static const uint64_t ios[5] = { 100, 300, 400, 50, 70 };
	struct iov_bench_result *per = results(ios, 5);
	struct iov_bench_fn_group *g;
	size_t n;

	ck_assert_int_eq(iov_bench_group_by_function(t, 5, per, 4096, &g, &n), 0);
	ck_assert_uint_eq(n, 4);
	ck_assert_ptr_eq(g[0].t, &t[0]);
	ck_assert_uint_eq(g[0].first, 0);
	ck_assert_uint_eq(g[0].n, 2);
	ck_assert_uint_eq(g[0].res.ios, 400);
	ck_assert_uint_eq(g[0].res.bytes, 400 * 4096);
	ck_assert_uint_eq(g[1].first, 2);
	ck_assert_uint_eq(g[1].n, 1);
	ck_assert_uint_eq(g[1].res.ios, 400);
	ck_assert_uint_eq(g[2].n, 1);	/* two files are not one function */
	ck_assert_uint_eq(g[3].first, 4);
	/* two VFs with 400 I/Os each in the same time: perfectly fair */
	ck_assert_double_eq_tol(iov_bench_jain_groups(g, 2), 1.0, 1e-12);
	/* per target 100, 300, 400: (800^2) / (3 * 260000) */
	ck_assert_double_eq_tol(iov_bench_jain_results(per, 3), 640000.0 / 780000.0, 1e-12);
	free(g);
	free(per);
}
END_TEST

START_TEST(test_link_share)
{
	struct iov_bench_target t[2] = {
		{ .link_gbps = 3.938, .link_at = "0000:00:01.0" },
		{ .link_gbps = 3.938, .link_at = "0000:00:01.0" },
	};
	struct iov_bench_result r = { .bw = 3.1e9 };

	ck_assert_double_eq_tol(iov_bench_link_share(&r, 3.938), 3.1 / 3.938, 1e-12);
	ck_assert_double_eq(iov_bench_link_share(&r, 0), -1);
	ck_assert_ptr_eq(iov_bench_common_link(t, 2), &t[0]);
	snprintf(t[1].link_at, sizeof(t[1].link_at), "0000:00:02.0");
	ck_assert_ptr_null(iov_bench_common_link(t, 2));
	t[1] = t[0];
	t[1].link_gbps = 0;	/* unknown for one: no common ceiling */
	ck_assert_ptr_null(iov_bench_common_link(t, 2));
	ck_assert_ptr_null(iov_bench_common_link(t, 0));
}
END_TEST

START_TEST(test_rates)
{
	struct iov_bench_interval iv = {
		.start_ns = 1500000000, .end_ns = 1750000000,	/* a partial 250 ms */
		.ios = 1000, .bytes = 1000 * 4096, .lat_sum_ns = 1000 * 20000,
	};
	struct iov_bench_progress p = { .ios = 0, .elapsed_ns = 0 };
	struct iov_bench_rates r;

	iov_bench_interval_rates(&iv, &r);
	ck_assert_double_eq_tol(r.seconds, 0.25, 1e-12);
	ck_assert_double_eq_tol(r.iops, 4000, 1e-9);
	ck_assert_double_eq_tol(r.bytes_per_s, 4000 * 4096.0, 1e-6);
	ck_assert_double_eq_tol(r.lat_mean_ns, 20000, 1e-9);
	iv.ios = 0;
	iv.end_ns = iv.start_ns;
	iov_bench_interval_rates(&iv, &r);
	ck_assert_double_eq(r.iops, 0);
	ck_assert_double_eq(r.lat_mean_ns, -1);
	iov_bench_progress_rates(&p, &r);
	ck_assert_double_eq(r.iops, 0);
	p.ios = 300;
	p.bytes = 300 * 512;
	p.lat_sum_ns = 300 * 7;
	p.elapsed_ns = 3000000000ull;
	iov_bench_progress_rates(&p, &r);
	ck_assert_double_eq_tol(r.iops, 100, 1e-9);
	ck_assert_double_eq_tol(r.bytes_per_s, 100 * 512.0, 1e-9);
	ck_assert_double_eq_tol(r.lat_mean_ns, 7, 1e-12);
}
END_TEST

START_TEST(test_null_targets)
{
	struct iov_dev a = { .addr = "0000:3b:00.2" };
	struct iov_bench_target t, r[2] = {
		{ .kind = IOV_TARGET_BLOCK, .size = 123, .dev = &a },
		{ .kind = IOV_TARGET_FILE, .size = 456 },
	};

	iov_bench_null_target(&t, "scratch", 0);
	ck_assert_str_eq(t.name, "scratch");
	ck_assert_int_eq(t.kind, IOV_TARGET_NULL);
	ck_assert_uint_eq(t.size, 1ull << 30);
	ck_assert_ptr_null(t.dev);
	ck_assert_int_eq(iov_bench_target_node(&t), -1);
	iov_bench_null_target(&t, "x", 4096);
	ck_assert_uint_eq(t.size, 4096);

	iov_bench_make_null(r, 2, 0);
	ck_assert_int_eq(r[0].kind, IOV_TARGET_NULL);
	ck_assert_int_eq(r[1].kind, IOV_TARGET_NULL);
	ck_assert_uint_eq(r[0].size, 123);	/* keeps what it resolved to */
	ck_assert_ptr_eq(r[0].dev, &a);
	iov_bench_make_null(r, 2, 8192);
	ck_assert_uint_eq(r[1].size, 8192);
}
END_TEST

START_TEST(test_baseline_settings)
{
	struct iov_bench_opts o;
	char a[256], b[256], was[128], now[128];

	iov_bench_opts_init(&o);
	o.qd = 32;
	o.jobs = 1;
	iov_baseline_describe(&o, a, sizeof(a));
	ck_assert_ptr_nonnull(strstr(a, " qd=32 jobs=1 "));
	ck_assert_int_eq(iov_baseline_settings_differ(a, a, was, sizeof(was), now, sizeof(now)), 0);
	ck_assert_int_eq(iov_baseline_settings_differ("", a, was, sizeof(was), now, sizeof(now)), 0);
	o.qd = 8;
	o.jobs = 2;
	iov_baseline_describe(&o, b, sizeof(b));
	ck_assert_int_eq(iov_baseline_settings_differ(a, b, was, sizeof(was), now, sizeof(now)), 1);
	ck_assert_str_eq(was, "qd=32 jobs=1");
	ck_assert_str_eq(now, "qd=8 jobs=2");
	ck_assert_int_eq(iov_baseline_settings_differ("randread bs=4096", b, was, sizeof(was), now,
						      sizeof(now)), 2);
}
END_TEST

START_TEST(test_baseline_of)
{
	struct iov_bench_target t[2] = { { .name = "disk-a" }, { .name = "disk-b" } };
	static const uint64_t ios[3] = { 10, 30, 40 };
	struct iov_bench_result *r = results(ios, 3);
	struct iov_bench_opts o;
	struct iov_baseline b;

	iov_bench_opts_init(&o);
	r[1].lat.p99_ns = 5000;
	ck_assert_int_eq(iov_baseline_of(&o, t, 2, r, &r[2], &b), 0);
	ck_assert_uint_eq(b.n, 3);
	ck_assert_str_eq(b.e[1].name, "disk-b");
	ck_assert_double_eq(b.e[1].iops, 30);
	ck_assert_double_eq(b.e[1].p99_ns, 5000);
	ck_assert_str_eq(b.e[2].name, "aggregate");
	ck_assert_double_eq(b.e[2].iops, 40);
	iov_baseline_free(&b);
	/* one target: no aggregate entry */
	ck_assert_int_eq(iov_baseline_of(&o, t, 1, r, &r[2], &b), 0);
	ck_assert_uint_eq(b.n, 1);
	iov_baseline_free(&b);
	free(r);
}
END_TEST

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
}

/* A CI gate keeps its schema 1 baseline across the upgrade; a newer one is refused. */
START_TEST(test_baseline_versions)
{
	char path[] = "/tmp/check_bench_blXXXXXX";
	struct iov_baseline b, c;
	int fd = mkstemp(path);

	ck_assert_int_ge(fd, 0);
	close(fd);
	write_file(path, "{ \"schema_version\": 1, \"iovctl_bench_baseline\": { \"settings\": \"s\","
		   " \"targets\": [ { \"name\": \"d\", \"iops\": 10, \"bw_bytes\": 40960,"
		   " \"p99_ns\": 7 } ] } }");
	ck_assert_int_eq(iov_baseline_load(path, &b), 0);
	ck_assert_uint_eq(b.n, 1);
	ck_assert_double_eq(b.e[0].bw, 40960);
	/* written back as schema 2, with the unit in the key */
	ck_assert_int_eq(iov_baseline_save(path, &b), 0);
	ck_assert_int_eq(iov_baseline_load(path, &c), 0);
	ck_assert_double_eq(c.e[0].bw, 40960);
	ck_assert_double_eq(c.e[0].p99_ns, 7);
	iov_baseline_free(&c);
	iov_baseline_free(&b);

	/* schema 2 keys under the schema 1 number: not a valid baseline */
	write_file(path, "{ \"schema_version\": 1, \"iovctl_bench_baseline\": { \"targets\": ["
		   " { \"name\": \"d\", \"iops\": 1, \"bw_bytes_per_s\": 1, \"p99_ns\": 1 } ] } }");
	ck_assert_int_eq(iov_baseline_load(path, &b), -EINVAL);
	write_file(path, "{ \"schema_version\": 3, \"iovctl_bench_baseline\": { \"targets\": [] } }");
	ck_assert_int_eq(iov_baseline_load(path, &b), -EPROTO);
	write_file(path, "{ \"schema_version\": 0, \"iovctl_bench_baseline\": { \"targets\": [] } }");
	ck_assert_int_eq(iov_baseline_load(path, &b), -EPROTO);
	write_file(path, "{ \"bench\": {} }");
	ck_assert_int_eq(iov_baseline_load(path, &b), -EINVAL);
	unlink(path);
}
END_TEST

static Suite *report_suite(void)
{
	Suite *s = suite_create("bench-report");
	TCase *tc = tcase_create("report");

	tcase_add_test(tc, test_group_by_function);
	tcase_add_test(tc, test_link_share);
	tcase_add_test(tc, test_rates);
	tcase_add_test(tc, test_null_targets);
	suite_add_tcase(s, tc);
	tc = tcase_create("baseline");
	tcase_add_test(tc, test_baseline_settings);
	tcase_add_test(tc, test_baseline_of);
	tcase_add_test(tc, test_baseline_versions);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(report_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
