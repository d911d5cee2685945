// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests of the bench modules: option parsing and validation, the whole
 * pipeline on the null engine, baseline comparison, and target resolution
 * and safety checks over a synthetic sysfs tree.
 */
#include "config.h"

#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lib/iov-bench.h"

/* ---- parsing ------------------------------------------------------------- */

START_TEST(test_parse_time)
{
	uint64_t ns;

	ck_assert_int_eq(iov_bench_parse_time("10", &ns), 0);
	ck_assert_uint_eq(ns, 10000000000ull);
	ck_assert_int_eq(iov_bench_parse_time("1.5s", &ns), 0);
	ck_assert_uint_eq(ns, 1500000000ull);
	ck_assert_int_eq(iov_bench_parse_time("500ms", &ns), 0);
	ck_assert_uint_eq(ns, 500000000ull);
	ck_assert_int_eq(iov_bench_parse_time("2m", &ns), 0);
	ck_assert_uint_eq(ns, 120000000000ull);
	ck_assert_int_eq(iov_bench_parse_time("250us", &ns), 0);
	ck_assert_uint_eq(ns, 250000ull);
	ck_assert_int_lt(iov_bench_parse_time("10 s", &ns), 0);
	ck_assert_int_lt(iov_bench_parse_time("s", &ns), 0);
	ck_assert_int_lt(iov_bench_parse_time("-1", &ns), 0);
	ck_assert_int_lt(iov_bench_parse_time("1d", &ns), 0);
}
END_TEST

START_TEST(test_parse_rw_cpus)
{
	enum iov_bench_rw rw;
	struct iov_cpuset s;
	char buf[64];

	ck_assert_int_eq(iov_bench_parse_rw("randrw", &rw), 0);
	ck_assert_int_eq(rw, IOV_BENCH_RANDRW);
	ck_assert_str_eq(iov_bench_rw_name(rw), "randrw");
	ck_assert_int_lt(iov_bench_parse_rw("rw", &rw), 0);
	ck_assert(iov_bench_rw_writes(IOV_BENCH_WRITE));
	ck_assert(!iov_bench_rw_writes(IOV_BENCH_RANDREAD));

	ck_assert_int_eq(iov_cpuset_parse(&s, "0-3,8,10-11"), 0);
	ck_assert(iov_cpuset_isset(&s, 2) && iov_cpuset_isset(&s, 8) && !iov_cpuset_isset(&s, 9));
	iov_cpuset_format(&s, buf, sizeof(buf));
	ck_assert_str_eq(buf, "0-3,8,10-11");
	ck_assert_int_lt(iov_cpuset_parse(&s, "3-1"), 0);
	ck_assert_int_lt(iov_cpuset_parse(&s, "1,,2"), 0);
	ck_assert_int_lt(iov_cpuset_parse(&s, "a"), 0);
	ck_assert_int_lt(iov_cpuset_parse(&s, "99999"), 0);
	ck_assert_int_lt(iov_cpuset_parse(&s, ""), 0);
}
END_TEST

/* ---- validation ------------------------------------------------------------ */

static struct iov_bench_target null_target(const char *name, uint64_t size)
{
	struct iov_bench_target t;

	memset(&t, 0, sizeof(t));
	snprintf(t.name, sizeof(t.name), "%s", name);
	snprintf(t.path, sizeof(t.path), "%s", name);
	t.kind = IOV_TARGET_NULL;
	t.size = size;
	return t;
}

static struct iov_bench_target block_target(void)
{
	struct iov_bench_target t = null_target("/dev/fake", 1 << 30);

	t.kind = IOV_TARGET_BLOCK;
	t.dio_align = 4096;
	return t;
}

static int try_new(const struct iov_bench_opts *o, const struct iov_bench_target *t, char *why)
{
	struct iov_bench_run *r = NULL;
	int rc;

	why[0] = '\0';
	rc = iov_bench_new(NULL, o, t, 1, &r, why, 256);
	iov_bench_free(r);
	return rc;
}

START_TEST(test_validate)
{
	struct iov_bench_target nt = null_target("n", 1 << 20), bt = block_target();
	struct iov_bench_opts o;
	char why[256];

	iov_bench_opts_init(&o);
	o.engine = "null";
	ck_assert_int_eq(try_new(&o, &nt, why), 0);

	/* writes need allow_write */
	o.rw = IOV_BENCH_RANDWRITE;
	ck_assert_int_eq(try_new(&o, &nt, why), -EPERM);
	ck_assert_ptr_nonnull(strstr(why, "allow_write"));
	o.allow_write = true;
	ck_assert_int_eq(try_new(&o, &nt, why), 0);

	/* ring features on an engine without one */
	iov_bench_opts_init(&o);
	o.engine = "null";
	o.sqpoll = true;
	ck_assert_int_eq(try_new(&o, &nt, why), -EINVAL);
	ck_assert_ptr_nonnull(strstr(why, "ring (null has none)"));

	iov_bench_opts_init(&o);
	o.sqpoll_cpu = 1;
	ck_assert_int_eq(try_new(&o, &bt, why), -EINVAL);
	ck_assert_ptr_nonnull(strstr(why, "sqpoll_cpu needs sqpoll"));
	ck_assert_ptr_null(strstr(why, "--"));	/* fields, not command-line flags */

	/* misaligned O_DIRECT */
	iov_bench_opts_init(&o);
	o.bs = 512;
	ck_assert_int_eq(try_new(&o, &bt, why), -EINVAL);
	ck_assert_ptr_nonnull(strstr(why, "4096"));
	o.direct = false;
	ck_assert_int_eq(try_new(&o, &bt, why), 0);

	/* polled I/O where the queue has no poll queues */
	iov_bench_opts_init(&o);
	o.iopoll = true;
	ck_assert_int_eq(try_new(&o, &bt, why), -EOPNOTSUPP);
	o.direct = false;
	ck_assert_int_eq(try_new(&o, &bt, why), -EINVAL);

	/* rwmix only with randrw; size within the target; verify needs writes */
	iov_bench_opts_init(&o);
	o.rwmix_read = 70;
	ck_assert_int_eq(try_new(&o, &bt, why), -EINVAL);
	o.rw = IOV_BENCH_RANDRW;
	o.allow_write = true;
	ck_assert_int_eq(try_new(&o, &bt, why), 0);
	iov_bench_opts_init(&o);
	o.size = 2ull << 30;
	ck_assert_int_eq(try_new(&o, &bt, why), -EINVAL);
	iov_bench_opts_init(&o);
	o.verify = IOV_BENCH_VERIFY_WRITE;
	ck_assert_int_eq(try_new(&o, &bt, why), -EINVAL);
	ck_assert_ptr_nonnull(strstr(why, "write job"));

	/* a null target with a real engine, an unknown engine */
	iov_bench_opts_init(&o);
	ck_assert_int_eq(try_new(&o, &nt, why), -EINVAL);
	o.engine = "aio";
	ck_assert_int_eq(try_new(&o, &bt, why), -EINVAL);
	ck_assert_ptr_nonnull(strstr(why, "aio"));
}
END_TEST

static int try_new_n(const struct iov_bench_opts *o, const struct iov_bench_target *t, size_t n,
		     char *why)
{
	struct iov_bench_run *r = NULL;
	int rc;

	why[0] = '\0';
	rc = iov_bench_new(NULL, o, t, n, &r, why, 256);
	iov_bench_free(r);
	return rc;
}

START_TEST(test_validate_same_target)
{
	struct iov_bench_target t[3] = { block_target(), block_target(), null_target("x", 1 << 20) };
	struct iov_bench_opts o;
	char why[256];

	iov_bench_opts_init(&o);
	/* one device under two names: same major and minor */
	t[0].major = t[1].major = 259;
	t[0].minor = t[1].minor = 3;
	snprintf(t[1].path, sizeof(t[1].path), "/dev/disk/by-id/nvme-x");
	ck_assert_int_eq(try_new_n(&o, t, 2, why), -EINVAL);
	ck_assert_str_eq(why, "'/dev/fake' and '/dev/disk/by-id/nvme-x' are the same block device (259:3)");
	t[1].minor = 4;
	ck_assert_int_eq(try_new_n(&o, t, 2, why), 0);
	/* the same path twice */
	t[1] = t[0];
	ck_assert_int_eq(try_new_n(&o, t, 2, why), -EINVAL);
	ck_assert_str_eq(why, "target '/dev/fake' is given twice");

	/* files: one inode under two paths; another inode of the same filesystem */
	t[0].kind = t[1].kind = IOV_TARGET_FILE;
	t[0].ino = t[1].ino = 12;
	snprintf(t[1].path, sizeof(t[1].path), "/tmp/link");
	ck_assert_int_eq(try_new_n(&o, t, 2, why), -EINVAL);
	ck_assert_str_eq(why, "'/dev/fake' and '/tmp/link' are the same file (inode 12 on 259:3)");
	t[1].ino = 13;
	ck_assert_int_eq(try_new_n(&o, t, 2, why), 0);

	/* synthetic null targets: by name, the duplicate found wherever it is */
	o.engine = "null";
	t[0] = null_target("x", 1 << 20);
	t[1] = null_target("y", 1 << 20);
	ck_assert_int_eq(try_new_n(&o, t, 3, why), -EINVAL);
	ck_assert_str_eq(why, "target 'x' is given twice");
	ck_assert_int_eq(try_new_n(&o, t, 2, why), 0);
}
END_TEST

/* ---- the pipeline on the null engine --------------------------------------- */

static void run_null(struct iov_bench_opts *o, struct iov_bench_target *t, size_t n,
		     struct iov_bench_result *per, struct iov_bench_result *agg)
{
	struct iov_bench_run *r;
	char why[256];

	ck_assert_int_eq(iov_bench_new(NULL, o, t, n, &r, why, sizeof(why)), 0);
	ck_assert_msg(iov_bench_start(r, why, sizeof(why)) == 0, "start: %s", why);
	iov_bench_wait(r);
	ck_assert(iov_bench_finished(r));
	iov_bench_results(r, per, agg);
	iov_bench_free(r);
}

START_TEST(test_null_counts)
{
	struct iov_bench_target t[2] = { null_target("a", 1 << 30), null_target("b", 1 << 30) };
	struct iov_bench_result *per = calloc(2, sizeof(*per)), *agg = calloc(1, sizeof(*agg));
	struct iov_bench_opts o;
	size_t i;

	iov_bench_opts_init(&o);
	o.engine = "null";
	o.ios = 50000;
	o.jobs = 3;
	o.qd = 8;
	o.rw = IOV_BENCH_RANDRW;
	o.rwmix_read = 70;
	o.allow_write = true;
	run_null(&o, t, 2, per, agg);
	for (i = 0; i < 2; i++) {
		ck_assert_uint_eq(per[i].ios, 150000);
		ck_assert_uint_eq(per[i].bytes, per[i].ios * o.bs);
		ck_assert_uint_eq(per[i].reads + per[i].writes, per[i].ios);
		ck_assert_uint_eq(per[i].hist.count, per[i].ios);
		ck_assert_uint_eq(per[i].errors + per[i].short_ios, 0);
		ck_assert_uint_eq(per[i].njobs, 3);
		/* about 70% reads */
		ck_assert(per[i].reads > per[i].ios * 65 / 100 && per[i].reads < per[i].ios * 75 / 100);
		ck_assert(per[i].iops > 0 && per[i].runtime_ns > 0);
		ck_assert(per[i].lat.p50_ns <= per[i].lat.p99_ns);
		ck_assert(per[i].lat.p99_ns <= (double)per[i].lat.max_ns);
	}
	ck_assert_uint_eq(agg->ios, 300000);
	ck_assert_uint_eq(agg->bytes, agg->ios * o.bs);
	ck_assert_uint_eq(agg->hist.count, 300000);
	ck_assert_uint_eq(agg->njobs, 6);
	free(per);
	free(agg);
}
END_TEST

START_TEST(test_null_one_pass)
{
	struct iov_bench_target t = null_target("a", 1 << 20);
	struct iov_bench_result per, agg;
	struct iov_bench_opts o;

	/* no runtime, no ios: one pass over the region, 256 blocks of 4k */
	iov_bench_opts_init(&o);
	o.engine = "null";
	o.rw = IOV_BENCH_READ;
	run_null(&o, &t, 1, &per, &agg);
	ck_assert_uint_eq(per.ios, 256);
	ck_assert_uint_eq(per.bytes, 1 << 20);
}
END_TEST

START_TEST(test_null_runtime_ramp)
{
	struct iov_bench_target t = null_target("a", 1 << 30);
	struct iov_bench_result per, agg;
	struct iov_bench_opts o;

	iov_bench_opts_init(&o);
	o.engine = "null";
	o.runtime_ns = 200000000;
	o.ramp_ns = 800000000;
	run_null(&o, &t, 1, &per, &agg);
	ck_assert_uint_gt(per.ios, 1000);
	/*
	 * The window is the runtime, not ramp + runtime (at least 1 s). The
	 * ramp is long so that a loaded machine's scheduling delays (up to
	 * 600 ms here) cannot be mistaken for the ramp counted in.
	 */
	ck_assert_uint_ge(per.runtime_ns, 150000000);
	ck_assert_uint_lt(per.runtime_ns, 800000000);
	ck_assert_uint_eq(per.hist.count, per.ios);
}
END_TEST

START_TEST(test_null_stop)
{
	struct iov_bench_target t = null_target("a", 1 << 30);
	struct iov_bench_result per, agg;
	struct iov_bench_progress p;
	struct iov_bench_opts o;
	struct iov_bench_run *r;
	char why[256];

	iov_bench_opts_init(&o);
	o.engine = "null";
	o.runtime_ns = 60000000000ull;
	ck_assert_int_eq(iov_bench_new(NULL, &o, &t, 1, &r, why, sizeof(why)), 0);
	ck_assert_int_eq(iov_bench_start(r, why, sizeof(why)), 0);
	usleep(200000);
	iov_bench_progress(r, &p);
	ck_assert_int_eq(p.phase, IOV_BENCH_PH_RUN);
	ck_assert_uint_gt(p.ios, 0);
	iov_bench_stop(r);
	iov_bench_wait(r);
	ck_assert(iov_bench_interrupted(r));
	iov_bench_results(r, &per, &agg);
	ck_assert_uint_gt(per.ios, 0);
	ck_assert_uint_lt(per.runtime_ns, 10000000000ull);
	iov_bench_free(r);
}
END_TEST

/* Every interval of a run, until it is done; a stop after stop_after of them. */
static size_t watch_all(struct iov_bench_run *r, struct iov_bench_interval *iv, size_t max,
			size_t stop_after)
{
	size_t n = 0;
	int ev;

	while ((ev = iov_bench_watch(r, 0, &iv[n < max ? n : max - 1])) != IOV_BENCH_WATCH_DONE) {
		ck_assert_int_eq(ev, IOV_BENCH_WATCH_INTERVAL);	/* no tick asked for */
		ck_assert_uint_lt(n, max);
		n++;
		if (n == stop_after)
			iov_bench_stop(r);
	}
	return n;
}

/* The intervals tile the window and their I/Os add up to the results'. */
static void check_tiling(const struct iov_bench_interval *iv, size_t n,
			 const struct iov_bench_result *agg, uint32_t bs)
{
	uint64_t ios = 0, bytes = 0, hist = 0, lat = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		ck_assert_uint_eq(iv[i].start_ns, i ? iv[i - 1].end_ns : 0);
		ck_assert_uint_ge(iv[i].end_ns, iv[i].start_ns);
		ck_assert_uint_eq(iv[i].bytes, iv[i].ios * bs);
		ck_assert_uint_eq(iv[i].hist.count, iv[i].ios);
		ck_assert(iv[i].last == (i == n - 1));
		ios += iv[i].ios;
		bytes += iv[i].bytes;
		hist += iv[i].hist.count;
		lat += iv[i].lat_sum_ns;
	}
	ck_assert_uint_eq(ios, agg->ios);
	ck_assert_uint_eq(bytes, agg->bytes);
	ck_assert_uint_eq(hist, agg->hist.count);
	ck_assert_uint_eq(lat, agg->hist.sum);
}

START_TEST(test_null_intervals)
{
	struct iov_bench_target t[2] = { null_target("a", 1 << 30), null_target("b", 1 << 30) };
	struct iov_bench_interval *iv = calloc(8, sizeof(*iv));
	struct iov_bench_result per[2], agg;
	struct iov_bench_opts o;
	struct iov_bench_run *r;
	char why[256];
	size_t n, i;

	iov_bench_opts_init(&o);
	o.engine = "null";
	o.jobs = 2;
	o.qd = 4;
	o.ramp_ns = 100000000;
	o.runtime_ns = 600000000;
	o.interval_ns = 200000000;
	ck_assert_int_eq(iov_bench_new(NULL, &o, t, 2, &r, why, sizeof(why)), 0);
	ck_assert_int_eq(iov_bench_start(r, why, sizeof(why)), 0);
	n = watch_all(r, iv, 8, 0);
	iov_bench_wait(r);
	iov_bench_results(r, per, &agg);
	iov_bench_free(r);
	/* 0.2 and 0.4 s by the timer, the third closed by the end of the run */
	ck_assert_uint_eq(n, 3);
	for (i = 0; i < n; i++) {
		ck_assert_uint_eq(iv[i].index, i + 1);
		ck_assert_uint_eq(iv[i].deadline_ns, (i + 1) * o.interval_ns);
		/* never early; late only by scheduling (loose: a loaded CI machine) */
		ck_assert_uint_ge(iv[i].end_ns, iv[i].deadline_ns);
		ck_assert_uint_lt(iv[i].end_ns, iv[i].deadline_ns + o.interval_ns / 2);
		ck_assert_uint_gt(iv[i].ios, 0);
		ck_assert(!iv[i].partial);
	}
	check_tiling(iv, n, &agg, o.bs);
	free(iv);
}
END_TEST

START_TEST(test_null_intervals_partial)
{
	struct iov_bench_target t = null_target("a", 1 << 30);
	struct iov_bench_interval *iv = calloc(8, sizeof(*iv));
	struct iov_bench_result per, agg;
	struct iov_bench_opts o;
	struct iov_bench_run *r;
	char why[256];
	size_t n;

	/* stopped right after the second interval: the third is cut short */
	iov_bench_opts_init(&o);
	o.engine = "null";
	o.runtime_ns = 60000000000ull;
	o.interval_ns = 150000000;
	ck_assert_int_eq(iov_bench_new(NULL, &o, &t, 1, &r, why, sizeof(why)), 0);
	ck_assert_int_eq(iov_bench_start(r, why, sizeof(why)), 0);
	n = watch_all(r, iv, 8, 2);
	iov_bench_wait(r);
	iov_bench_results(r, &per, &agg);
	iov_bench_free(r);
	ck_assert_uint_eq(n, 3);
	ck_assert(!iv[0].partial && !iv[1].partial);
	ck_assert(iv[2].partial);
	ck_assert_uint_eq(iv[2].deadline_ns, 3 * o.interval_ns);
	ck_assert_uint_lt(iv[2].end_ns, iv[2].deadline_ns);
	check_tiling(iv, n, &agg, o.bs);
	/* the window of the results ends where the last interval does */
	ck_assert_uint_le(agg.runtime_ns, iv[2].end_ns);
	free(iv);
}
END_TEST

START_TEST(test_null_intervals_quick)
{
	struct iov_bench_target t = null_target("a", 1 << 20);
	struct iov_bench_interval *iv = calloc(4, sizeof(*iv));
	struct iov_bench_result per, agg;
	struct iov_bench_opts o;
	struct iov_bench_run *r;
	char why[256];
	size_t n;

	/* one pass of 256 I/Os ends long before the first deadline */
	iov_bench_opts_init(&o);
	o.engine = "null";
	o.interval_ns = 10000000000ull;
	ck_assert_int_eq(iov_bench_new(NULL, &o, &t, 1, &r, why, sizeof(why)), 0);
	ck_assert_int_eq(iov_bench_start(r, why, sizeof(why)), 0);
	n = watch_all(r, iv, 4, 0);
	iov_bench_wait(r);
	iov_bench_results(r, &per, &agg);
	iov_bench_free(r);
	ck_assert_uint_eq(n, 1);
	ck_assert_uint_eq(iv[0].ios, 256);
	ck_assert(iv[0].partial && iv[0].last);
	check_tiling(iv, n, &agg, o.bs);
	free(iv);
}
END_TEST

/* ---- baselines -------------------------------------------------------------- */

static struct iov_baseline_entry entry(const char *name, double iops, double bw, double p99)
{
	struct iov_baseline_entry e;

	memset(&e, 0, sizeof(e));
	snprintf(e.name, sizeof(e.name), "%s", name);
	e.iops = iops;
	e.bw = bw;
	e.p99_ns = p99;
	return e;
}

START_TEST(test_baseline_compare)
{
	struct iov_baseline_entry be[3] = {
		entry("a", 1000, 4e6, 100000), entry("b", 1000, 4e6, 100000),
		entry("gone", 10, 10, 10),
	};
	struct iov_baseline_entry ce[2] = {
		entry("b", 940, 4.4e6, 104000),	/* iops -6%, bw +10%, p99 +4% */
		entry("a", 960, 3.9e6, 110000),	/* iops -4%, bw -2.5%, p99 +10% */
	};
	struct iov_baseline base = { .e = be, .n = 3 }, cur = { .e = ce, .n = 2 };
	struct iov_baseline_diff *d;
	size_t n, i;
	int reg;

	reg = iov_baseline_compare(&base, &cur, 5, &d, &n);
	ck_assert_uint_eq(n, 9);
	/* b iops, a p99, and the three metrics of the missing target */
	ck_assert_int_eq(reg, 5);
	for (i = 0; i < n; i++) {
		bool want = (strcmp(d[i].name, "b") == 0 && d[i].metric == IOV_BL_IOPS) ||
			    (strcmp(d[i].name, "a") == 0 && d[i].metric == IOV_BL_P99) ||
			    strcmp(d[i].name, "gone") == 0;

		ck_assert_msg(d[i].regression == want, "%s %s", d[i].name,
			      iov_baseline_metric_name(d[i].metric));
		if (strcmp(d[i].name, "gone") == 0)
			ck_assert(d[i].missing);
	}
	ck_assert_double_eq_tol(d[0].change_pct, -4.0, 1e-9);	/* a iops */
	free(d);

	/* a wider tolerance lets all present targets pass; zero catches any drop */
	base.n = 2;
	ck_assert_int_eq(iov_baseline_compare(&base, &cur, 10.5, &d, &n), 0);
	free(d);
	ck_assert_int_eq(iov_baseline_compare(&base, &base, 0, &d, &n), 0);
	free(d);
	ck_assert_int_eq(iov_baseline_compare(&base, &cur, -1, &d, &n), -EINVAL);
}
END_TEST

/* A VF's block device renamed across a reboot still meets its baseline. */
START_TEST(test_baseline_renamed_device)
{
	struct iov_baseline_entry be[3] = {
		entry("0000:3b:00.2/nvme1n1", 1000, 4e6, 1e5),
		entry("0000:3b:00.3/nvme2n1", 1000, 4e6, 1e5),
		entry("aggregate", 2000, 8e6, 1e5),
	};
	struct iov_baseline_entry ce[4] = {
		entry("0000:3b:00.2/nvme2n1", 900, 4e6, 1e5),	/* renamed, and slower */
		entry("0000:3b:00.3/nvme1n1", 1000, 4e6, 1e5),	/* two devices now: */
		entry("0000:3b:00.3/nvme3n1", 1000, 4e6, 1e5),	/* which one is ambiguous */
		entry("aggregate", 2900, 12e6, 1e5),
	};
	struct iov_baseline base = { .e = be, .n = 3 }, cur = { .e = ce, .n = 4 };
	struct iov_baseline_diff *d;
	size_t n, i;

	ck_assert_int_eq(iov_baseline_compare(&base, &cur, 5, &d, &n), 4);
	for (i = 0; i < n; i++) {
		if (strncmp(d[i].name, "0000:3b:00.2/", 13) == 0) {
			ck_assert(!d[i].missing);
			ck_assert(d[i].regression == (d[i].metric == IOV_BL_IOPS));
		} else if (strncmp(d[i].name, "0000:3b:00.3/", 13) == 0) {
			ck_assert(d[i].missing);
		} else {
			ck_assert(!d[i].regression);
		}
	}
	free(d);
	/* names that are not BDF/device never match loosely */
	be[0] = entry("/dev/vdb", 1, 1, 1);
	ce[0] = entry("/dev/vdc", 1, 1, 1);
	base.n = 1;
	ck_assert_int_eq(iov_baseline_compare(&base, &cur, 5, &d, &n), 3);
	free(d);
}
END_TEST

/* The same behind VMD: the function's domain is 10000, not 0000. */
START_TEST(test_baseline_renamed_device_domain)
{
	struct iov_baseline_entry be[2] = {
		entry("10000:01:00.0/nvme0n1", 1000, 4e6, 1e5),
		entry("aggregate", 1000, 4e6, 1e5),
	};
	struct iov_baseline_entry ce[2] = {
		entry("10000:01:00.0/nvme1n1", 1000, 4e6, 1e5),	/* renamed, as fast */
		entry("aggregate", 1000, 4e6, 1e5),
	};
	struct iov_baseline base = { .e = be, .n = 2 }, cur = { .e = ce, .n = 2 };
	struct iov_baseline_diff *d;
	size_t n, i;

	ck_assert_int_eq(iov_baseline_compare(&base, &cur, 5, &d, &n), 0);
	for (i = 0; i < n; i++)
		ck_assert_msg(!d[i].missing, "%s missing", d[i].name);
	free(d);
	/* another domain's function is another function */
	ce[0] = entry("0000:01:00.0/nvme0n1", 1000, 4e6, 1e5);
	ck_assert_int_eq(iov_baseline_compare(&base, &cur, 5, &d, &n), 3);
	free(d);
}
END_TEST

START_TEST(test_baseline_file)
{
	struct iov_baseline_entry be[2] = { entry("/dev/loop0", 12345.5, 5e7, 81234),
					    entry("aggregate", 1, 2, 3) };
	struct iov_baseline b = { .e = be, .n = 2 }, l;
	char path[] = "/tmp/check_bench_blXXXXXX";
	int fd = mkstemp(path);
	FILE *f;

	ck_assert_int_ge(fd, 0);
	close(fd);
	snprintf(b.settings, sizeof(b.settings), "randread bs=4096");
	ck_assert_int_eq(iov_baseline_save(path, &b), 0);
	ck_assert_int_eq(iov_baseline_load(path, &l), 0);
	ck_assert_uint_eq(l.n, 2);
	ck_assert_str_eq(l.e[0].name, "/dev/loop0");
	ck_assert_double_eq_tol(l.e[0].iops, 12345.5, 1e-6);
	ck_assert_double_eq_tol(l.e[0].p99_ns, 81234, 1e-6);
	ck_assert_str_eq(l.settings, "randread bs=4096");
	iov_baseline_free(&l);

	f = fopen(path, "w");
	fputs("{\"something\": 1}", f);
	fclose(f);
	ck_assert_int_eq(iov_baseline_load(path, &l), -EINVAL);
	unlink(path);
	ck_assert_int_eq(iov_baseline_load(path, &l), -ENOENT);
}
END_TEST

/* ---- targets over a synthetic sysfs ---------------------------------------- */

static char root[256];

static void mkfile(const char *rel, const char *content)
{
	char path[PATH_MAX], cmd[PATH_MAX * 2];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	snprintf(cmd, sizeof(cmd), "mkdir -p \"$(dirname '%s')\"", path);
	ck_assert_int_eq(system(cmd), 0);
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs(content, f);
	fclose(f);
}

static void mklink(const char *rel, const char *target)
{
	char path[PATH_MAX], cmd[PATH_MAX * 2];

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	snprintf(cmd, sizeof(cmd), "mkdir -p \"$(dirname '%s')\"", path);
	ck_assert_int_eq(system(cmd), 0);
	ck_assert_int_eq(symlink(target, path), 0);
}

#define PFD "sysfs/devices/pci0000:3a/0000:3a:00.0/0000:3b:00.0"
#define VF0 "sysfs/devices/pci0000:3a/0000:3a:00.0/0000:3b:00.2"
#define VF1 "sysfs/devices/pci0000:3a/0000:3a:00.0/0000:3b:00.3"

static void disk(const char *dir, const char *name, const char *dev)
{
	char rel[PATH_MAX], tgt[PATH_MAX];

	snprintf(rel, sizeof(rel), "%s/%s/dev", dir, name);
	mkfile(rel, dev);
	snprintf(rel, sizeof(rel), "%s/%s/size", dir, name);
	mkfile(rel, "2097152\n");	/* 1 GiB */
	snprintf(rel, sizeof(rel), "%s/%s/queue/logical_block_size", dir, name);
	mkfile(rel, "4096\n");
	snprintf(rel, sizeof(rel), "%s/%s/holders/.keep", dir, name);
	mkfile(rel, "");
	snprintf(rel, sizeof(rel), "sysfs/class/block/%s", name);
	snprintf(tgt, sizeof(tgt), "../../%s/%s", dir + 6, name);	/* dir without "sysfs/" */
	mklink(rel, tgt);
	snprintf(rel, sizeof(rel), "sysfs/dev/block/%s", dev);
	*strchr(rel + strlen("sysfs/dev/block/"), '\n') = '\0';
	snprintf(tgt, sizeof(tgt), "../../%s/%s", dir + 6, name);
	mklink(rel, tgt);
}

static struct iov_devlist *fixture_list;

static void fixture_setup(void)
{
	snprintf(root, sizeof(root), "/tmp/check_bench_sysXXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(root));
	mkfile(PFD "/vendor", "0x8086\n");
	mkfile(PFD "/numa_node", "1\n");
	mkfile(VF0 "/vendor", "0x8086\n");
	mkfile(VF0 "/numa_node", "1\n");
	mkfile(VF1 "/vendor", "0x1af4\n");
	mkfile(VF1 "/numa_node", "-1\n");
	mklink(PFD "/virtfn0", "../0000:3b:00.2");
	mklink(PFD "/virtfn1", "../0000:3b:00.3");
	mklink(VF0 "/physfn", "../0000:3b:00.0");
	mklink(VF1 "/physfn", "../0000:3b:00.0");
	mkfile("sysfs/bus/nvme/drivers/nvme/.keep", "");
	mkfile("sysfs/bus/virtio/drivers/virtio-pci/.keep", "");
	mklink(VF0 "/driver", "../../../../bus/nvme/drivers/nvme");
	mklink(VF1 "/driver", "../../../../bus/virtio/drivers/virtio-pci");
	mklink("sysfs/bus/pci/devices/0000:3b:00.0", "../../../devices/pci0000:3a/0000:3a:00.0/0000:3b:00.0");
	mklink("sysfs/bus/pci/devices/0000:3b:00.2", "../../../devices/pci0000:3a/0000:3a:00.0/0000:3b:00.2");
	mklink("sysfs/bus/pci/devices/0000:3b:00.3", "../../../devices/pci0000:3a/0000:3a:00.0/0000:3b:00.3");
	/* an NVMe namespace with a multipath path device beside it, a virtio disk */
	disk(VF0 "/nvme/nvme0", "nvme0n1", "259:0\n");
	mkfile(VF0 "/nvme/nvme0/nvme0c0n1/dev", "259:9\n");
	mkfile(VF0 "/nvme/nvme0/ng0n1/dev", "242:0\n");
	disk(VF1 "/virtio3/block", "vda", "253:0\n");
	/* vda has a partition vda1, held by dm-0; nvme0n1 is mounted */
	mkfile(VF1 "/virtio3/block/vda/vda1/partition", "1\n");
	mkfile(VF1 "/virtio3/block/vda/vda1/dev", "253:1\n");
	mkfile(VF1 "/virtio3/block/vda/vda1/holders/dm-0", "");
	mkfile("procfs/self/mountinfo",
	       "22 1 0:21 / /proc rw - proc proc rw\n"
	       "40 22 259:0 / /srv/data rw,relatime - ext4 /dev/nvme0n1 rw\n");
}

static void fixture_teardown(void)
{
	char cmd[PATH_MAX + 16];

	iov_devlist_free(fixture_list);
	fixture_list = NULL;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
	ck_assert_int_eq(system(cmd), 0);
}

static struct iov_ctx *fixture_ctx(void)
{
	char sysd[PATH_MAX], procd[PATH_MAX];
	struct iov_ctx *ctx;

	snprintf(sysd, sizeof(sysd), "%s/sysfs", root);
	snprintf(procd, sizeof(procd), "%s/procfs", root);
	ck_assert_int_eq(iov_ctx_new(&ctx, sysd, procd), 0);
	/* targets point into the scan; freed by fixture_teardown */
	iov_devlist_free(fixture_list);
	ck_assert_int_eq(iov_scan(ctx, IOV_SCAN_BRIEF, &fixture_list), 0);
	return ctx;
}

START_TEST(test_resolve_pci)
{
	struct iov_ctx *ctx = fixture_ctx();
	struct iov_bench_target *t;
	size_t n;

	ck_assert_int_eq(iov_bench_resolve(ctx, fixture_list, "3b:00.2", 0, &t, &n), 0);
	ck_assert_uint_eq(n, 1);	/* not the path device nor the generic char device */
	ck_assert_str_eq(t[0].blk, "nvme0n1");
	ck_assert_str_eq(t[0].path, "/dev/nvme0n1");
	ck_assert_str_eq(t[0].name, "0000:3b:00.2/nvme0n1");
	/* the scan's function: address, PF/VF, NUMA node and driver are its own */
	ck_assert_ptr_nonnull(t[0].dev);
	ck_assert_ptr_eq(t[0].dev, iov_devlist_find(fixture_list, &(struct iov_bdf){ 0, 0x3b, 0, 2 }));
	ck_assert_str_eq(iov_bench_target_addr(&t[0]), "0000:3b:00.2");
	ck_assert_str_eq(t[0].dev->pf->addr, "0000:3b:00.0");
	ck_assert_int_eq(t[0].dev->vf_index, 0);
	ck_assert_int_eq(iov_bench_target_node(&t[0]), 1);
	ck_assert_str_eq(t[0].dev->driver, "nvme");
	ck_assert_uint_eq(t[0].size, 1ull << 30);
	ck_assert_uint_eq(t[0].dio_align, 4096);
	ck_assert_uint_eq(t[0].major, 259);
	free(t);

	ck_assert_int_eq(iov_bench_resolve(ctx, fixture_list, "0000:3b:00.0/vf1", 0, &t, &n), 0);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(t[0].blk, "vda");
	ck_assert_int_eq(t[0].dev->vf_index, 1);
	ck_assert_int_eq(iov_bench_target_node(&t[0]), -1);
	ck_assert_str_eq(t[0].dev->driver, "virtio-pci");
	free(t);

	ck_assert_int_eq(iov_bench_resolve(ctx, fixture_list, "0000:3b:00.0", 0, &t, &n), -ENODEV);
	ck_assert_int_eq(iov_bench_resolve(ctx, fixture_list, "0000:3b:00.0/vf7", 0, &t, &n), -ENOENT);
	ck_assert_int_eq(iov_bench_resolve(ctx, fixture_list, "0000:3c:00.0", 0, &t, &n), -ENOENT);
	ck_assert_int_eq(iov_bench_resolve(ctx, fixture_list, "/nonexistent/disk", 0, &t, &n), -ENOENT);

	ck_assert_int_eq(iov_bench_resolve_all_vfs(ctx, fixture_list, "3b:00.0", &t, &n), 0);
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(t[0].blk, "nvme0n1");
	ck_assert_str_eq(t[1].blk, "vda");
	free(t);
	ck_assert_int_eq(iov_bench_resolve_all_vfs(ctx, fixture_list, "3b:00.2", &t, &n), -ENXIO);
	iov_ctx_free(ctx);
}
END_TEST

START_TEST(test_safety)
{
	struct iov_ctx *ctx = fixture_ctx();
	struct iov_bench_target *t;
	struct iov_bench_safety s;
	size_t n;

	ck_assert_int_eq(iov_bench_resolve_all_vfs(ctx, fixture_list, "3b:00.0", &t, &n), 0);
	ck_assert_int_eq(iov_bench_target_safety(ctx, &t[0], &s), 0);
	ck_assert_str_eq(s.mounted, "/srv/data");
	ck_assert_str_eq(s.mounted_dev, "nvme0n1");
	ck_assert_str_eq(s.holder, "");
	ck_assert_int_eq(iov_bench_target_safety(ctx, &t[1], &s), 0);
	ck_assert_str_eq(s.mounted, "");
	ck_assert_str_eq(s.holder, "dm-0");	/* held through its partition */
	free(t);
	iov_ctx_free(ctx);
}
END_TEST

/* A mounted partition makes its disk mounted: matched by the partition's own dev number. */
START_TEST(test_safety_mounted_partition)
{
	struct iov_ctx *ctx;
	struct iov_bench_target *t;
	struct iov_bench_safety s;
	size_t n;

	mkfile("procfs/self/mountinfo",
	       "22 1 0:21 / /proc rw - proc proc rw\n"
	       "41 22 253:1 / /boot rw,relatime - ext4 /dev/vda1 rw\n");
	ctx = fixture_ctx();
	ck_assert_int_eq(iov_bench_resolve_all_vfs(ctx, fixture_list, "3b:00.0", &t, &n), 0);
	ck_assert_int_eq(iov_bench_target_safety(ctx, &t[1], &s), 0);
	ck_assert_str_eq(s.mounted, "/boot");
	ck_assert_str_eq(s.mounted_dev, "vda1");
	ck_assert_int_eq(iov_bench_target_safety(ctx, &t[0], &s), 0);
	ck_assert_str_eq(s.mounted, "");	/* nvme0n1 is not mounted now */
	free(t);
	iov_ctx_free(ctx);
}
END_TEST

START_TEST(test_resolve_file)
{
	struct iov_ctx *ctx;
	struct iov_bench_target *t;
	char path[] = "/tmp/check_bench_fileXXXXXX";
	int fd = mkstemp(path);
	size_t n;

	ck_assert_int_ge(fd, 0);
	close(fd);
	unlink(path);
	ck_assert_int_eq(iov_ctx_new(&ctx, NULL, NULL), 0);
	ck_assert_int_eq(iov_bench_resolve(ctx, NULL, path, 0, &t, &n), -ENOENT);
	/* write jobs create a missing file of --size */
	ck_assert_int_eq(iov_bench_resolve(ctx, NULL, path, 1 << 20, &t, &n), 0);
	ck_assert_int_eq(t[0].kind, IOV_TARGET_FILE);
	ck_assert_uint_eq(t[0].size, 1 << 20);
	ck_assert_uint_gt(t[0].dio_align, 0);
	free(t);
	unlink(path);
	iov_ctx_free(ctx);
}
END_TEST

static Suite *bench_suite(void)
{
	Suite *s = suite_create("bench");
	TCase *tc;

	tc = tcase_create("options");
	tcase_add_test(tc, test_parse_time);
	tcase_add_test(tc, test_parse_rw_cpus);
	tcase_add_test(tc, test_validate);
	tcase_add_test(tc, test_validate_same_target);
	suite_add_tcase(s, tc);

	tc = tcase_create("null-engine");
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_null_counts);
	tcase_add_test(tc, test_null_one_pass);
	tcase_add_test(tc, test_null_runtime_ramp);
	tcase_add_test(tc, test_null_stop);
	tcase_add_test(tc, test_null_intervals);
	tcase_add_test(tc, test_null_intervals_partial);
	tcase_add_test(tc, test_null_intervals_quick);
	suite_add_tcase(s, tc);

	tc = tcase_create("baseline");
	tcase_add_test(tc, test_baseline_compare);
	tcase_add_test(tc, test_baseline_renamed_device);
	tcase_add_test(tc, test_baseline_renamed_device_domain);
	tcase_add_test(tc, test_baseline_file);
	suite_add_tcase(s, tc);

	tc = tcase_create("targets");
	tcase_add_checked_fixture(tc, fixture_setup, fixture_teardown);
	tcase_add_test(tc, test_resolve_pci);
	tcase_add_test(tc, test_safety);
	tcase_add_test(tc, test_safety_mounted_partition);
	tcase_add_test(tc, test_resolve_file);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(bench_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
