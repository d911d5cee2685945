// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * What a report makes of results: the disks of one function summed, Jain's
 * fairness, shares of the link ceiling, an interval's rates, and the
 * targets of the null engine. Pure functions over plain structs.
 */
#include "config.h"

#include "iov-bench.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int iov_bench_group_by_function(const struct iov_bench_target *t, size_t nt,
				const struct iov_bench_result *per, uint32_t bs,
				struct iov_bench_fn_group **out, size_t *ng)
{
	struct iov_bench_fn_group *g;
	size_t i, n = 0;

	*out = NULL;
	*ng = 0;
	g = calloc(nt ? nt : 1, sizeof(*g));
	if (!g)
		return -ENOMEM;
	for (i = 0; i < nt; i++) {
		/* targets come function by function; a file or null target stands alone */
		if (n && t[i].dev && g[n - 1].t->dev == t[i].dev) {
			g[n - 1].n++;
			continue;
		}
		g[n].t = &t[i];
		g[n].first = i;
		g[n].n = 1;
		n++;
	}
	for (i = 0; i < n; i++)
		iov_bench_result_sum(&g[i].res, &per[g[i].first], g[i].n, bs);
	*out = g;
	*ng = n;
	return 0;
}

double iov_bench_jain_results(const struct iov_bench_result *per, size_t n)
{
	double x[1024];
	size_t i;

	if (n > 1024)
		n = 1024;
	for (i = 0; i < n; i++)
		x[i] = per[i].iops;
	return iov_bench_jain(x, n);
}

double iov_bench_jain_groups(const struct iov_bench_fn_group *g, size_t n)
{
	double x[1024];
	size_t i;

	if (n > 1024)
		n = 1024;
	for (i = 0; i < n; i++)
		x[i] = g[i].res.iops;
	return iov_bench_jain(x, n);
}

double iov_bench_link_share(const struct iov_bench_result *r, double link_gbps)
{
	return link_gbps > 0 ? r->bw / (link_gbps * 1e9) : -1;
}

const struct iov_bench_target *iov_bench_common_link(const struct iov_bench_target *t, size_t nt)
{
	size_t i;

	for (i = 0; i < nt; i++)
		if (t[i].link_gbps <= 0 || strcmp(t[i].link_at, t[0].link_at) != 0)
			return NULL;
	return nt ? &t[0] : NULL;
}

void iov_bench_interval_rates(const struct iov_bench_interval *iv, struct iov_bench_rates *out)
{
	double dt = iv->end_ns > iv->start_ns ? (iv->end_ns - iv->start_ns) / 1e9 : 0;

	out->seconds = dt;
	out->iops = dt > 0 ? iv->ios / dt : 0;
	out->bytes_per_s = dt > 0 ? iv->bytes / dt : 0;
	out->lat_mean_ns = iv->ios ? (double)iv->lat_sum_ns / iv->ios : -1;
}

void iov_bench_progress_rates(const struct iov_bench_progress *p, struct iov_bench_rates *out)
{
	double el = p->elapsed_ns / 1e9;

	out->seconds = el;
	out->iops = el > 0 ? p->ios / el : 0;
	out->bytes_per_s = el > 0 ? p->bytes / el : 0;
	out->lat_mean_ns = p->ios ? (double)p->lat_sum_ns / p->ios : -1;
}

void iov_bench_null_target(struct iov_bench_target *t, const char *name, uint64_t size)
{
	memset(t, 0, sizeof(*t));
	snprintf(t->name, sizeof(t->name), "%s", name);
	snprintf(t->path, sizeof(t->path), "%s", name);
	t->kind = IOV_TARGET_NULL;
	t->size = size ? size : 1ull << 30;
	snprintf(t->disk_driver, sizeof(t->disk_driver), "null");
}

void iov_bench_make_null(struct iov_bench_target *t, size_t n, uint64_t size)
{
	size_t i;

	/* a target that resolved keeps its identity; no I/O reaches it */
	for (i = 0; i < n; i++) {
		t[i].kind = IOV_TARGET_NULL;
		if (size)
			t[i].size = size;
	}
}
