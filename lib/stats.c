// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Latency statistics: a log-linear histogram with bounded memory and
 * bounded relative error, mergeable across threads, plus Jain's index.
 */
#include "config.h"

#include "iov-bench.h"

#include <math.h>
#include <string.h>

void iov_hist_init(struct iov_hist *h)
{
	memset(h, 0, sizeof(*h));
	h->min = UINT64_MAX;
}

void iov_hist_merge(struct iov_hist *dst, const struct iov_hist *src)
{
	unsigned i;

	if (!src->count)
		return;
	for (i = 0; i < IOV_HIST_BUCKETS; i++)
		dst->buckets[i] += src->buckets[i];
	dst->count += src->count;
	dst->sum += src->sum;
	dst->sumsq += src->sumsq;
	if (src->min < dst->min)
		dst->min = src->min;
	if (src->max > dst->max)
		dst->max = src->max;
}

uint64_t iov_hist_bucket_low(unsigned idx)
{
	unsigned shift;

	if (idx < IOV_HIST_SUB)
		return idx;
	shift = idx / IOV_HIST_HALF - 1;
	return (uint64_t)(idx - shift * IOV_HIST_HALF) << shift;
}

uint64_t iov_hist_bucket_width(unsigned idx)
{
	if (idx < IOV_HIST_SUB)
		return 1;
	return 1ull << (idx / IOV_HIST_HALF - 1);
}

double iov_hist_bucket_value(unsigned idx)
{
	return (double)iov_hist_bucket_low(idx) + (double)(iov_hist_bucket_width(idx) - 1) / 2.0;
}

double iov_hist_percentile(const struct iov_hist *h, double p)
{
	uint64_t rank, seen = 0;
	double v;
	unsigned i;

	if (!h->count)
		return 0;
	if (p >= 100)
		return (double)h->max;
	rank = (uint64_t)ceil(p / 100.0 * (double)h->count);
	if (rank < 1)
		rank = 1;
	for (i = 0; i < IOV_HIST_BUCKETS; i++) {
		seen += h->buckets[i];
		if (seen >= rank)
			break;
	}
	if (i == IOV_HIST_BUCKETS)
		return (double)h->max;
	v = iov_hist_bucket_value(i);
	/* the exact extremes are known: never report beyond them */
	if (v < (double)h->min)
		v = (double)h->min;
	if (v > (double)h->max)
		v = (double)h->max;
	return v;
}

double iov_hist_mean(const struct iov_hist *h)
{
	return h->count ? (double)h->sum / (double)h->count : 0;
}

double iov_hist_stddev(const struct iov_hist *h)
{
	long double n = h->count, sum = h->sum, var;

	if (h->count < 2)
		return 0;
	var = ((long double)h->sumsq - sum * sum / n) / (n - 1);
	return var > 0 ? sqrt((double)var) : 0;
}

/* dst may be a: each bucket is read before it is written */
void iov_hist_sub(struct iov_hist *dst, const struct iov_hist *a, const struct iov_hist *b)
{
	unsigned i, lo = IOV_HIST_BUCKETS, hi = 0;
	uint64_t count = 0;

	for (i = 0; i < IOV_HIST_BUCKETS; i++) {
		uint64_t n = a->buckets[i] > b->buckets[i] ? a->buckets[i] - b->buckets[i] : 0;

		dst->buckets[i] = n;
		if (!n)
			continue;
		count += n;
		if (i < lo)
			lo = i;
		hi = i;
	}
	dst->count = count;
	dst->sum = 0;
	dst->sumsq = 0;
	dst->min = count ? iov_hist_bucket_low(lo) : UINT64_MAX;
	dst->max = count ? iov_hist_bucket_low(hi) + iov_hist_bucket_width(hi) - 1 : 0;
}

unsigned iov_hist_used_buckets(const struct iov_hist *h)
{
	unsigned i, n = 0;

	for (i = 0; i < IOV_HIST_BUCKETS; i++)
		n += h->buckets[i] != 0;
	return n;
}

double iov_bench_jain(const double *x, size_t n)
{
	double s = 0, s2 = 0;
	size_t i;

	if (!n)
		return 0;
	for (i = 0; i < n; i++) {
		s += x[i];
		s2 += x[i] * x[i];
	}
	if (s2 == 0)
		return 1;	/* all zero: equal shares of nothing */
	return s * s / ((double)n * s2);
}
