// SPDX-License-Identifier: GPL-2.0-or-later
/* Unit tests of lib/stats.c: histogram accuracy, merging, moments, Jain. */
#include "config.h"

#include <check.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "lib/iov-bench.h"

static uint64_t rng_state = 88172645463325252ull;

static uint64_t rnd(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

static double urand(void)
{
	return (rnd() >> 11) * (1.0 / 9007199254740992.0);
}

/* log-normal-ish latencies: most near 20us, a long tail to tens of ms */
static uint64_t latency_sample(void)
{
	double u1 = urand() + 1e-12, u2 = urand();
	double z = sqrt(-2 * log(u1)) * cos(2 * M_PI * u2);
	double v = exp(log(20000.0) + 0.8 * z);

	if (urand() < 0.001)
		v *= 500;	/* rare stalls */
	return (uint64_t)v;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

static struct iov_hist *hist_new(void)
{
	struct iov_hist *h = malloc(sizeof(*h));

	ck_assert_ptr_nonnull(h);
	iov_hist_init(h);
	return h;
}

START_TEST(test_bucket_bounds)
{
	uint64_t v;
	unsigned i, prev = 0;

	/* every value lands in a bucket that contains it, buckets are in order */
	for (v = 0; v < 1u << 20; v++) {
		i = iov_hist_index(v);
		ck_assert_uint_lt(i, IOV_HIST_BUCKETS);
		ck_assert_uint_le(iov_hist_bucket_low(i), v);
		ck_assert_uint_gt(iov_hist_bucket_low(i) + iov_hist_bucket_width(i), v);
		ck_assert_uint_ge(i, prev);
		prev = i;
	}
	/* and at large values; width stays within 1/64 of the bucket's start */
	for (i = 0; i < 100000; i++) {
		v = rnd() >> (rnd() % 30 + 22);
		unsigned b = iov_hist_index(v);

		ck_assert_uint_le(iov_hist_bucket_low(b), v);
		ck_assert_uint_gt(iov_hist_bucket_low(b) + iov_hist_bucket_width(b), v);
		if (v >= IOV_HIST_SUB)
			ck_assert_uint_le(iov_hist_bucket_width(b) * 64, iov_hist_bucket_low(b));
	}
	/* beyond the range: clamped to the last bucket, still counted */
	ck_assert_uint_eq(iov_hist_index(UINT64_MAX), IOV_HIST_BUCKETS - 1);
}
END_TEST

static void check_percentiles(uint64_t *s, size_t n)
{
	static const double ps[] = { 1, 10, 25, 50, 75, 90, 99, 99.9, 99.99, 100 };
	struct iov_hist *h = hist_new();
	size_t i;

	for (i = 0; i < n; i++)
		iov_hist_add(h, s[i]);
	qsort(s, n, sizeof(*s), cmp_u64);
	ck_assert_uint_eq(h->count, n);
	ck_assert_uint_eq(h->min, s[0]);
	ck_assert_uint_eq(h->max, s[n - 1]);
	for (i = 0; i < sizeof(ps) / sizeof(ps[0]); i++) {
		/* nearest rank: the ceil(p/100 * n)-th smallest sample */
		size_t rank = (size_t)ceil(ps[i] / 100.0 * n);
		double exact = (double)s[(rank ? rank : 1) - 1];
		double est = iov_hist_percentile(h, ps[i]);
		double err = exact ? fabs(est - exact) / exact : fabs(est);

		ck_assert_msg(err <= 0.01, "p%g: estimate %.1f, exact %.1f, error %.3f%%", ps[i], est,
			      exact, err * 100);
		ck_assert_msg(err <= IOV_HIST_REL_ERROR + 1e-9, "p%g: error %.4f beyond the bound",
			      ps[i], err);
	}
	free(h);
}

START_TEST(test_accuracy_lognormal)
{
	size_t n = 200000, i;
	uint64_t *s = malloc(n * sizeof(*s));

	for (i = 0; i < n; i++)
		s[i] = latency_sample();
	check_percentiles(s, n);
	free(s);
}
END_TEST

START_TEST(test_accuracy_uniform_wide)
{
	size_t n = 50000, i;
	uint64_t *s = malloc(n * sizeof(*s));

	/* spread over 1 ns .. 1 s, log-uniform */
	for (i = 0; i < n; i++)
		s[i] = (uint64_t)exp(urand() * log(1e9));
	check_percentiles(s, n);
	/* few samples: percentiles are single samples */
	for (i = 0; i < 7; i++)
		s[i] = 1000 + rnd() % 100000;
	check_percentiles(s, 7);
	free(s);
}
END_TEST

START_TEST(test_merge_equals_single)
{
	struct iov_hist *all = hist_new(), *part[4], *m = hist_new();
	unsigned i;

	for (i = 0; i < 4; i++)
		part[i] = hist_new();
	for (i = 0; i < 100000; i++) {
		uint64_t v = latency_sample();

		iov_hist_add(all, v);
		iov_hist_add(part[rnd() % 4], v);
	}
	for (i = 0; i < 4; i++)
		iov_hist_merge(m, part[i]);
	ck_assert_int_eq(memcmp(all->buckets, m->buckets, sizeof(all->buckets)), 0);
	ck_assert_uint_eq(all->count, m->count);
	ck_assert_uint_eq(all->sum, m->sum);
	ck_assert(all->sumsq == m->sumsq);
	ck_assert_uint_eq(all->min, m->min);
	ck_assert_uint_eq(all->max, m->max);
	ck_assert(iov_hist_percentile(all, 99) == iov_hist_percentile(m, 99));
	for (i = 0; i < 4; i++)
		free(part[i]);
	free(all);
	free(m);
}
END_TEST

/* What was added between two states of a histogram: an interval's latencies. */
START_TEST(test_sub_interval)
{
	static const double ps[] = { 1, 50, 90, 99, 99.9 };
	struct iov_hist *run = hist_new(), *before, *iv = hist_new(), *d = hist_new();
	size_t n = 60000, i;
	uint64_t *s = malloc(n * sizeof(*s));

	ck_assert_ptr_nonnull(s);
	for (i = 0; i < 100000; i++)
		iov_hist_add(run, latency_sample());
	before = hist_new();
	memcpy(before, run, sizeof(*run));
	/* the interval is slower: its percentiles differ from the run's */
	for (i = 0; i < n; i++) {
		s[i] = latency_sample() * 3;
		iov_hist_add(run, s[i]);
		iov_hist_add(iv, s[i]);
	}
	iov_hist_sub(d, run, before);
	ck_assert_int_eq(memcmp(d->buckets, iv->buckets, sizeof(d->buckets)), 0);
	ck_assert_uint_eq(d->count, n);
	ck_assert_uint_le(d->min, iv->min);
	ck_assert_uint_ge(d->max, iv->max);
	qsort(s, n, sizeof(*s), cmp_u64);
	for (i = 0; i < sizeof(ps) / sizeof(ps[0]); i++) {
		size_t rank = (size_t)ceil(ps[i] / 100.0 * n);
		double exact = (double)s[rank - 1], est = iov_hist_percentile(d, ps[i]);

		ck_assert_msg(fabs(est - exact) / exact <= 0.01, "p%g: %.1f, exact %.1f", ps[i], est,
			      exact);
	}
	/* in place, as iov_bench_live_hist() uses it */
	iov_hist_sub(run, run, before);
	ck_assert_int_eq(memcmp(run->buckets, d->buckets, sizeof(d->buckets)), 0);
	ck_assert_uint_eq(run->count, d->count);
	ck_assert_uint_eq(run->min, d->min);
	ck_assert_uint_eq(run->max, d->max);
	/* nothing in between: empty */
	iov_hist_sub(d, before, before);
	ck_assert_uint_eq(d->count, 0);
	ck_assert(iov_hist_percentile(d, 99) == 0);
	free(s);
	free(run);
	free(before);
	free(iv);
	free(d);
}
END_TEST

START_TEST(test_moments)
{
	struct iov_hist *h = hist_new();
	double sum = 0, sq = 0, mean, sd;
	size_t n = 10000, i;
	uint64_t *s = malloc(n * sizeof(*s));

	for (i = 0; i < n; i++) {
		s[i] = latency_sample();
		iov_hist_add(h, s[i]);
		sum += s[i];
	}
	mean = sum / n;
	for (i = 0; i < n; i++)
		sq += (s[i] - mean) * (s[i] - mean);
	sd = sqrt(sq / (n - 1));
	ck_assert_double_eq_tol(iov_hist_mean(h), mean, mean * 1e-9);
	ck_assert_double_eq_tol(iov_hist_stddev(h), sd, sd * 1e-6);
	free(s);
	free(h);
}
END_TEST

START_TEST(test_empty)
{
	struct iov_hist *h = hist_new();

	ck_assert_double_eq(iov_hist_percentile(h, 50), 0);
	ck_assert_double_eq(iov_hist_mean(h), 0);
	ck_assert_double_eq(iov_hist_stddev(h), 0);
	ck_assert_uint_eq(iov_hist_used_buckets(h), 0);
	iov_hist_add(h, 12345);
	ck_assert_double_eq(iov_hist_percentile(h, 50), 12345);	/* clamped to min/max */
	ck_assert_double_eq(iov_hist_stddev(h), 0);
	free(h);
}
END_TEST

START_TEST(test_jain)
{
	double eq[4] = { 100, 100, 100, 100 }, hog[4] = { 400, 0, 0, 0 };
	double mix[2] = { 1, 3 };

	ck_assert_double_eq_tol(iov_bench_jain(eq, 4), 1.0, 1e-12);
	ck_assert_double_eq_tol(iov_bench_jain(hog, 4), 0.25, 1e-12);
	/* (1+3)^2 / (2 * (1+9)) = 0.8 */
	ck_assert_double_eq_tol(iov_bench_jain(mix, 2), 0.8, 1e-12);
	ck_assert_double_eq(iov_bench_jain(eq, 0), 0);
	ck_assert_double_eq_tol(iov_bench_jain(eq, 1), 1.0, 1e-12);
}
END_TEST

static Suite *stats_suite(void)
{
	Suite *s = suite_create("stats");
	TCase *tc = tcase_create("hist");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_bucket_bounds);
	tcase_add_test(tc, test_accuracy_lognormal);
	tcase_add_test(tc, test_accuracy_uniform_wide);
	tcase_add_test(tc, test_merge_equals_single);
	tcase_add_test(tc, test_sub_interval);
	tcase_add_test(tc, test_moments);
	tcase_add_test(tc, test_empty);
	suite_add_tcase(s, tc);
	tc = tcase_create("jain");
	tcase_add_test(tc, test_jain);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(stats_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
