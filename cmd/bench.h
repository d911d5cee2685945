/* SPDX-License-Identifier: GPL-2.0-or-later */
/* iovctl bench: what the control (bench.c) hands its renderers (bench-text.c, bench-json.c). */
#ifndef IOVCTL_BENCH_H
#define IOVCTL_BENCH_H

#include <json-c/json.h>
#include <stdio.h>

#include "lib/iov-bench.h"

/* One measured run of a set of targets. */
struct bench_outcome {
	struct iov_bench_result *per;	/* one per target */
	struct iov_bench_result agg;
	bool interrupted;
	struct json_object *intervals;	/* array, JSON mode */
};

/* Everything a report shows. */
struct bench_report {
	const struct iov_bench_opts *o;
	const struct iov_bench_target *t;
	size_t nt;
	const struct bench_outcome *out;
	const struct iov_bench_result *alone;	/* --interference: each target alone; NULL */
	const struct iov_bench_fn_group *vfs;	/* --all-vfs: per VF; NULL */
	size_t nvfs;
	const char *baseline;			/* compared with this file; NULL: not compared */
	double tolerance;			/* percent */
	const struct iov_baseline_diff *diff;
	size_t ndiff;
	int regressions;
	unsigned width;				/* --width (output.h); 0 auto */
};

/* bench-text.c */
void bench_text_settings(FILE *f, const struct iov_bench_opts *o, size_t nt);
void bench_text_interval(FILE *f, const struct iov_bench_interval *iv);
void bench_text_progress(FILE *f, const struct iov_bench_opts *o, const struct iov_bench_progress *p);
void bench_text_report(FILE *f, const struct bench_report *r);

/* bench-json.c */
struct json_object *bench_json_interval(const struct iov_bench_interval *iv);
/* The document; takes over intervals (an array, or NULL). */
struct json_object *bench_json_report(const struct bench_report *r, struct json_object *intervals);

#endif
