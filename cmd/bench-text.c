// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * iovctl bench, text: the settings line, interval and progress lines, each
 * target's results, and the VF, interference and baseline tables.
 */
#include "config.h"

#include <libsmartcols.h>
#include <math.h>
#include <stdarg.h>
#include <string.h>

#include "bench.h"
#include "output.h"

static const char *fmt_pct(char *buf, size_t len, double share)
{
	snprintf(buf, len, share < 0.1 ? "%.1f%%" : "%.0f%%", share * 100);
	return buf;
}

/* PCIe generation of a link speed: 8 GT/s is Gen3; 0 when not a PCIe speed. */
static int pcie_gen(double gts)
{
	static const double speeds[] = { 2.5, 5, 8, 16, 32, 64 };
	size_t i;

	for (i = 0; i < sizeof(speeds) / sizeof(speeds[0]); i++)
		if (fabs(gts - speeds[i]) < 0.01)
			return (int)i + 1;
	return 0;
}

static const char *phase_name(enum iov_bench_phase ph)
{
	switch (ph) {
	case IOV_BENCH_PH_SETUP:
		return "setup";
	case IOV_BENCH_PH_RAMP:
		return "ramp";
	case IOV_BENCH_PH_RUN:
		return "run";
	case IOV_BENCH_PH_VERIFY:
		return "verify";
	default:
		return "done";
	}
}

void bench_text_settings(FILE *f, const struct iov_bench_opts *o, size_t nt)
{
	fprintf(f, "bench: %s", iov_bench_rw_name(o->rw));
	if (o->rw == IOV_BENCH_RANDRW)
		fprintf(f, " (%u%% reads)", o->rwmix_read);
	fprintf(f, ", bs %u, qd %u, %u job%s x %zu target%s, %s%s%s%s%s%s\n", o->bs, o->qd, o->jobs,
		o->jobs == 1 ? "" : "s", nt, nt == 1 ? "" : "s", o->engine,
		o->direct ? ", direct" : ", buffered", o->fixed_buffers ? ", fixed buffers" : "",
		o->fixed_files ? ", fixed files" : "", o->sqpoll ? ", sqpoll" : "",
		o->iopoll ? ", iopoll" : "");
}

/* One interval line: the I/Os completed in it, its rates and latencies. */
void bench_text_interval(FILE *f, const struct iov_bench_interval *iv)
{
	const struct iov_hist *lat = &iv->hist;
	struct iov_bench_rates rt;

	iov_bench_interval_rates(iv, &rt);
	fprintf(f, "[%7.1fs] %10.0f IOPS %9.1f MB/s  ", iv->end_ns / 1e9, rt.iops,
		rt.bytes_per_s / 1e6);
	if (iv->ios && lat->count) {
		char lb[3][OUT_FMT_LEN];

		fprintf(f, "lat mean %s p50 %s p99 %s",
			out_fmt_latency(lb[0], OUT_FMT_LEN, rt.lat_mean_ns),
			out_fmt_latency(lb[1], OUT_FMT_LEN, iov_hist_percentile(lat, 50)),
			out_fmt_latency(lb[2], OUT_FMT_LEN, iov_hist_percentile(lat, 99)));
	} else {
		fprintf(f, "lat mean -");
	}
	/* a short last interval: its rates are over its own length */
	if (iv->partial)
		fprintf(f, "  (partial, %.2fs)", rt.seconds);
	fputc('\n', f);
	fflush(f);
}

void bench_text_progress(FILE *f, const struct iov_bench_opts *o, const struct iov_bench_progress *p)
{
	double total = (o->runtime_ns + o->ramp_ns) / 1e9;
	struct iov_bench_rates rt;

	iov_bench_progress_rates(p, &rt);
	fprintf(f, "\r\033[K%s %.1fs", phase_name(p->phase), rt.seconds);
	if (total > 0)
		fprintf(f, "/%.3gs", total);
	fprintf(f, "  %.0f IOPS  %.1f MB/s  %llu errors", rt.iops, rt.bytes_per_s / 1e6,
		(unsigned long long)p->errors);
}

static void print_place(FILE *f, const struct iov_bench_target *t, const struct iov_bench_result *r)
{
	char allowed[256], used[256];
	int node = iov_bench_target_node(t);

	iov_cpuset_format(&r->place.allowed, allowed, sizeof(allowed));
	iov_cpuset_format(&r->place.used, used, sizeof(used));
	fprintf(f, "  placement  ");
	if (node >= 0)
		fprintf(f, "node %d, ", node);
	else if (t->kind != IOV_TARGET_NULL)
		fprintf(f, "node unknown, ");
	fprintf(f, "%s %s, ran on %s", r->place.pinned ? "pinned to" : "not pinned, allowed",
		allowed[0] ? allowed : "-", used[0] ? used : "-");
	if (r->place.buffer_node >= 0)
		fprintf(f, ", buffers on node %d", r->place.buffer_node);
	fputc('\n', f);
}

/* "link       3.1 GB/s, 79% of the x4 Gen4 ceiling (3.94 GB/s at 0000:00:01.0)" */
static void print_link(FILE *f, const struct iov_bench_target *lt, const struct iov_bench_result *r)
{
	char pct[32], gen[32], rate[OUT_FMT_LEN], ceil[OUT_FMT_LEN];

	if (lt->link_gbps <= 0) {
		fprintf(f, "  link       ceiling unknown (a link on the path to the root port is not reported)\n");
		return;
	}
	if (pcie_gen(lt->link_gts))
		snprintf(gen, sizeof(gen), "x%d Gen%d", lt->link_width, pcie_gen(lt->link_gts));
	else
		snprintf(gen, sizeof(gen), "x%d %.3g GT/s", lt->link_width, lt->link_gts);
	fprintf(f, "  link       %s, %s of the %s ceiling (%s at %s)\n",
		out_fmt_rate(rate, sizeof(rate), r->bw),
		fmt_pct(pct, sizeof(pct), iov_bench_link_share(r, lt->link_gbps)), gen,
		out_fmt_rate(ceil, sizeof(ceil), lt->link_gbps * 1e9), lt->link_at);
}

/* "(0000:3b:00.2, 0000:3b:00.0/vf0, nvme)": the function a target is on */
static void print_function(FILE *f, const struct iov_bench_target *t)
{
	const struct iov_dev *d = t->dev;

	if (d) {
		fprintf(f, "  (%s", d->addr);
		if (d->is_vf && d->pf)
			fprintf(f, ", %s/vf%d", d->pf->addr, d->vf_index);
		fprintf(f, ", %s)", d->driver ? d->driver : "no driver");
		if (t->nvme_path[0])
			fprintf(f, "\n  path       %s of controller %s, the only path of head %s: "
				"I/O to the head", t->nvme_path, t->nvme_ctrl, t->blk);
	} else if (t->disk_driver[0] && t->kind == IOV_TARGET_BLOCK) {
		fprintf(f, "  (%s)", t->disk_driver);
	}
}

/* link: whose link ceiling to measure r against (NULL: no PCI function) */
static void print_result(FILE *f, const char *title, const struct iov_bench_target *t,
			 const struct iov_bench_result *r, const struct iov_bench_target *link)
{
	char b[5][OUT_FMT_LEN];

	fprintf(f, "%s", title);
	if (t)
		print_function(f, t);
	fputc('\n', f);
	fprintf(f, "  throughput %.0f IOPS, %s, %llu I/Os in %.2fs", r->iops,
		out_fmt_rate(b[0], sizeof(b[0]), r->bw), (unsigned long long)r->ios,
		r->runtime_ns / 1e9);
	if (r->reads && r->writes)
		fprintf(f, " (%llu reads, %llu writes)", (unsigned long long)r->reads,
			(unsigned long long)r->writes);
	fputc('\n', f);
	if (link)
		print_link(f, link, r);
	fprintf(f, "  latency    min %s, mean %s, stddev %s, max %s\n",
		out_fmt_latency(b[0], OUT_FMT_LEN, (double)r->lat.min_ns), out_fmt_latency(b[1], OUT_FMT_LEN, r->lat.mean_ns),
		out_fmt_latency(b[2], OUT_FMT_LEN, r->lat.stddev_ns), out_fmt_latency(b[3], OUT_FMT_LEN, (double)r->lat.max_ns));
	fprintf(f, "  percentile p50 %s, p90 %s, p99 %s, ",
		out_fmt_latency(b[0], OUT_FMT_LEN, r->lat.p50_ns), out_fmt_latency(b[1], OUT_FMT_LEN, r->lat.p90_ns),
		out_fmt_latency(b[2], OUT_FMT_LEN, r->lat.p99_ns));
	fprintf(f, "p99.9 %s, p99.99 %s\n", out_fmt_latency(b[3], OUT_FMT_LEN, r->lat.p999_ns),
		out_fmt_latency(b[4], OUT_FMT_LEN, r->lat.p9999_ns));
	if (r->ios)
		fprintf(f, "  cpu        usr %.2fus/IO, sys %.2fus/IO (%.2fs, %.2fs)\n",
			r->usr_s * 1e6 / r->ios, r->sys_s * 1e6 / r->ios, r->usr_s, r->sys_s);
	if (r->errors || r->short_ios)
		fprintf(f, "  errors     %llu failed%s%s, %llu short (%llu bytes)\n",
			(unsigned long long)r->errors, r->errors ? ", first: " : "",
			r->errors ? strerror(-r->first_error) : "",
			(unsigned long long)r->short_ios, (unsigned long long)r->short_bytes);
	if (r->verify_blocks || r->verify_errors)
		fprintf(f, "  verify     %llu blocks read back, %llu differ%s\n",
			(unsigned long long)r->verify_blocks, (unsigned long long)r->verify_errors,
			r->verify_errors ? " (see below)" : "");
	if (t)
		print_place(f, t, r);
}

/* ---- tables (the shared libsmartcols setup) ------------------------------ */

struct col {
	const char *name;
	double whint;
	int flags;
	unsigned drop;		/* order in which it goes on a narrow terminal; 0 never */
};

static struct out_table *new_table(unsigned width, const struct col *c, size_t n)
{
	struct out_table *tb = out_table_new(width, false, false);
	size_t i;

	for (i = 0; tb && i < n; i++)
		if (!out_table_add_column(tb, c[i].name, c[i].whint, c[i].flags, c[i].drop)) {
			out_table_free(tb);
			return NULL;
		}
	return tb;
}

/* A row of n cells, given as strings. */
static void row(struct out_table *tb, size_t n, ...)
{
	struct libscols_line *ln = scols_table_new_line(out_table_scols(tb), NULL);
	va_list ap;
	size_t i;

	va_start(ap, n);
	for (i = 0; i < n; i++) {
		const char *s = va_arg(ap, const char *);

		if (ln)
			scols_line_set_data(ln, i, s);
	}
	va_end(ap);
}

static void print_table(FILE *f, struct out_table *tb)
{
	if (!tb)
		return;
	out_table_print(tb, f);
	out_table_free(tb);
}

static void print_vfs(FILE *f, unsigned width, const struct iov_bench_fn_group *g, size_t n)
{
	static const struct col cols[] = {
		{ "VF", 0, 0, 0 }, { "ADDRESS", 0, 0, 2 }, { "DISKS", 0, SCOLS_FL_RIGHT, 1 },
		{ "IOPS", 0, SCOLS_FL_RIGHT, 0 }, { "BW", 0, SCOLS_FL_RIGHT, 0 },
		{ "P99", 0, SCOLS_FL_RIGHT, 0 }, { "LINK", 0, SCOLS_FL_RIGHT, 3 },
	};
	struct out_table *tb = new_table(width, cols, sizeof(cols) / sizeof(cols[0]));
	size_t i;

	for (i = 0; i < n && tb; i++) {
		const struct iov_dev *d = g[i].t->dev;
		char vf[OUT_VF_RANGE_LEN], disks[16], iops[32], bw[OUT_FMT_LEN], p99[OUT_FMT_LEN];
		char pct[32];
		double share = iov_bench_link_share(&g[i].res, g[i].t->link_gbps);

		if (d && d->is_vf && d->pf)
			out_fmt_vf_range(vf, sizeof(vf), d->pf->addr, d->vf_index, d->vf_index);
		else
			snprintf(vf, sizeof(vf), "-");
		snprintf(disks, sizeof(disks), "%zu", g[i].n);
		snprintf(iops, sizeof(iops), "%.0f", g[i].res.iops);
		row(tb, 7, vf, d ? d->addr : "-", disks, iops,
		    out_fmt_rate(bw, sizeof(bw), g[i].res.bw),
		    out_fmt_latency(p99, sizeof(p99), g[i].res.lat.p99_ns),
		    share >= 0 ? fmt_pct(pct, sizeof(pct), share) : "-");
	}
	fputc('\n', f);
	print_table(f, tb);
	fprintf(f, "fairness: Jain's index %.4f over %zu VFs (1 = equal IOPS)\n",
		iov_bench_jain_groups(g, n), n);
}

static void print_interference(FILE *f, const struct bench_report *r)
{
	static const struct col cols[] = {
		{ "TARGET", 0, SCOLS_FL_TRUNC, 0 }, { "ALONE", 0, SCOLS_FL_RIGHT, 0 },
		{ "TOGETHER", 0, SCOLS_FL_RIGHT, 0 }, { "RATIO", 0, SCOLS_FL_RIGHT, 0 },
	};
	struct out_table *tb = new_table(r->width, cols, sizeof(cols) / sizeof(cols[0]));
	size_t i;

	for (i = 0; i < r->nt && tb; i++) {
		const struct iov_bench_result *a = &r->alone[i], *t = &r->out->per[i];
		char alone[32], together[32], ratio[32];

		snprintf(alone, sizeof(alone), "%.0f", a->iops);
		snprintf(together, sizeof(together), "%.0f", t->iops);
		snprintf(ratio, sizeof(ratio), "%.3f", a->iops > 0 ? t->iops / a->iops : 0);
		row(tb, 4, r->t[i].name, alone, together, ratio);
	}
	fprintf(f, "\ninterference: IOPS of each target alone and all together\n");
	print_table(f, tb);
}

/* Metrics in the units people read: IOPS, MB/s, microseconds. */
static const char *diff_unit(enum iov_baseline_metric m, double *scale)
{
	switch (m) {
	case IOV_BL_BW:
		*scale = 1e-6;
		return "MB/s";
	case IOV_BL_P99:
		*scale = 1e-3;
		return "p99 us";
	default:
		*scale = 1;
		return "IOPS";
	}
}

static void print_diff(FILE *f, const struct bench_report *r)
{
	static const struct col cols[] = {
		{ "TARGET", 0, SCOLS_FL_TRUNC, 0 }, { "METRIC", 0, 0, 0 },
		{ "BASELINE", 0, SCOLS_FL_RIGHT, 2 }, { "CURRENT", 0, SCOLS_FL_RIGHT, 0 },
		{ "CHANGE", 0, SCOLS_FL_RIGHT, 1 }, { "VERDICT", 0, 0, 0 },
	};
	struct out_table *tb = new_table(r->width, cols, sizeof(cols) / sizeof(cols[0]));
	size_t i;

	for (i = 0; i < r->ndiff && tb; i++) {
		const struct iov_baseline_diff *d = &r->diff[i];
		char base[32], cur[32], change[32];
		double sc;
		const char *unit = diff_unit(d->metric, &sc);

		snprintf(base, sizeof(base), "%.1f", d->base * sc);
		snprintf(cur, sizeof(cur), d->missing ? "-" : "%.1f", d->cur * sc);
		snprintf(change, sizeof(change), d->missing ? "-" : "%+.1f%%", d->change_pct);
		row(tb, 6, d->name, unit, base, cur, change,
		    d->missing ? "MISSING" : d->regression ? "REGRESSION" : "ok");
	}
	fprintf(f, "\nbaseline comparison (tolerance %.1f%%)\n", r->tolerance);
	print_table(f, tb);
}

void bench_text_report(FILE *f, const struct bench_report *r)
{
	const struct iov_bench_target *t = r->t;
	size_t i;

	if (r->out->interrupted)
		fprintf(f, "interrupted: results so far\n");
	for (i = 0; i < r->nt; i++) {
		fputc('\n', f);
		print_result(f, t[i].name, &t[i], &r->out->per[i], t[i].dev ? &t[i] : NULL);
	}
	if (r->nt > 1) {
		fputc('\n', f);
		print_result(f, "aggregate", NULL, &r->out->agg, iov_bench_common_link(t, r->nt));
		fprintf(f, "  fairness   Jain's index %.4f over %zu targets (1 = equal IOPS)\n",
			iov_bench_jain_results(r->out->per, r->nt), r->nt);
	}
	if (r->vfs)
		print_vfs(f, r->width, r->vfs, r->nvfs);
	if (r->alone)
		print_interference(f, r);
	if (r->baseline && r->diff)
		print_diff(f, r);
}
