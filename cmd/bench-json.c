// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * iovctl bench, JSON: the report as one document. A PCI function is an
 * object with address, role, physfn, vf_index and numa_node, as in every
 * command; units are in the keys.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "bench.h"
#include "output.h"

/*
 * 2: functions as address/role/physfn/vf_index/numa_node (1 had bdf/pf),
 * units in every key (bs_bytes, bw_bytes_per_s, ...), "vfs" entries are
 * functions, baseline metrics named with their units.
 */
#define BENCH_SCHEMA 2

static struct json_object *jnum(double v)
{
	return isfinite(v) ? json_object_new_double(v) : NULL;
}

static struct json_object *jint(uint64_t v)
{
	return json_object_new_int64((int64_t)v);
}

static struct json_object *jstr_or_null(const char *s)
{
	return s && *s ? json_object_new_string(s) : NULL;
}

static void put(struct json_object *o, const char *key, struct json_object *v)
{
	json_object_object_add(o, key, v);
}

/* The function's keys as every command writes them, and its driver. */
static void put_function(struct json_object *o, const struct iov_dev *d)
{
	out_json_function(o, d);
	put(o, "driver", jstr_or_null(d->driver));
}

static struct json_object *json_function(const struct iov_dev *d)
{
	struct json_object *o;

	if (!d)
		return NULL;
	o = json_object_new_object();
	put_function(o, d);
	return o;
}

static struct json_object *json_percentiles(const struct iov_bench_lat *l, bool any)
{
	struct json_object *pct = json_object_new_object();

	put(pct, "50", any ? jnum(l->p50_ns) : NULL);
	put(pct, "90", any ? jnum(l->p90_ns) : NULL);
	put(pct, "99", any ? jnum(l->p99_ns) : NULL);
	put(pct, "99.9", any ? jnum(l->p999_ns) : NULL);
	put(pct, "99.99", any ? jnum(l->p9999_ns) : NULL);
	return pct;
}

/* link_gbps: the ceiling the throughput is a share of; 0 unknown */
static struct json_object *json_result(const struct iov_bench_result *r, double link_gbps)
{
	struct json_object *o = json_object_new_object(), *lat, *h, *cpu, *v = NULL;
	double share = iov_bench_link_share(r, link_gbps);
	bool any = r->hist.count > 0;

	put(o, "ios", jint(r->ios));
	put(o, "bytes", jint(r->bytes));
	put(o, "reads", jint(r->reads));
	put(o, "writes", jint(r->writes));
	put(o, "short_ios", jint(r->short_ios));
	put(o, "short_bytes", jint(r->short_bytes));
	put(o, "errors", jint(r->errors));
	put(o, "first_error", r->errors ? json_object_new_string(strerror(-r->first_error)) : NULL);
	put(o, "first_error_offset_bytes", r->errors ? jint(r->first_error_off) : NULL);
	put(o, "runtime_ns", jint(r->runtime_ns));
	put(o, "iops", jnum(r->iops));
	put(o, "bw_bytes_per_s", jnum(r->bw));
	put(o, "link_ceiling_share", share >= 0 ? jnum(share) : NULL);
	lat = json_object_new_object();
	put(lat, "min", any ? jint(r->lat.min_ns) : NULL);
	put(lat, "mean", any ? jnum(r->lat.mean_ns) : NULL);
	put(lat, "stddev", any ? jnum(r->lat.stddev_ns) : NULL);
	put(lat, "max", any ? jint(r->lat.max_ns) : NULL);
	put(lat, "percentiles", json_percentiles(&r->lat, any));
	put(o, "latency_ns", lat);
	h = json_object_new_object();
	put(h, "type", json_object_new_string("log-linear"));
	put(h, "sub_buckets", json_object_new_int(IOV_HIST_SUB));
	put(h, "max_relative_error", jnum(IOV_HIST_REL_ERROR));
	put(h, "count", jint(r->hist.count));
	put(h, "buckets_used", jint(iov_hist_used_buckets(&r->hist)));
	put(o, "histogram", h);
	cpu = json_object_new_object();
	put(cpu, "usr_s", jnum(r->usr_s));
	put(cpu, "sys_s", jnum(r->sys_s));
	put(cpu, "usr_ns_per_io", r->ios ? jnum(r->usr_s * 1e9 / r->ios) : NULL);
	put(cpu, "sys_ns_per_io", r->ios ? jnum(r->sys_s * 1e9 / r->ios) : NULL);
	put(o, "cpu", cpu);
	if (r->verify_blocks || r->verify_errors) {
		v = json_object_new_object();
		put(v, "blocks", jint(r->verify_blocks));
		put(v, "mismatches", jint(r->verify_errors));
		put(v, "first_bad_offset_bytes", r->verify_errors ? jint(r->verify_first_bad) : NULL);
	}
	put(o, "verify", v);
	return o;
}

static struct json_object *json_cpuset(const struct iov_cpuset *s)
{
	char buf[1024];

	iov_cpuset_format(s, buf, sizeof(buf));
	return json_object_new_string(buf);
}

static struct json_object *json_device(const struct iov_bench_target *t)
{
	struct json_object *d = json_object_new_object();
	bool link = t->link_gbps > 0;
	char mm[32];

	put(d, "block_device", jstr_or_null(t->blk));
	snprintf(mm, sizeof(mm), "%u:%u", t->major, t->minor);
	put(d, "dev", t->kind == IOV_TARGET_NULL ? NULL : json_object_new_string(mm));
	put(d, "size_bytes", jint(t->size));
	put(d, "dio_align_bytes", t->dio_align ? jint(t->dio_align) : NULL);
	put(d, "function", json_function(t->dev));
	put(d, "disk_driver", jstr_or_null(t->disk_driver));
	put(d, "io_poll", json_object_new_boolean(t->io_poll));
	put(d, "nvme_controller", jstr_or_null(t->nvme_ctrl));
	put(d, "nvme_path", jstr_or_null(t->nvme_path));
	put(d, "via", json_object_new_string(t->nvme_path[0] ? "multipath_head" :
					     t->kind == IOV_TARGET_FILE ? "file" : "device"));
	put(d, "link_ceiling_bytes_per_s", link ? jnum(t->link_gbps * 1e9) : NULL);
	put(d, "link_ceiling_speed_gts", link ? jnum(t->link_gts) : NULL);
	put(d, "link_ceiling_width", link ? json_object_new_int(t->link_width) : NULL);
	put(d, "link_ceiling_at", link ? json_object_new_string(t->link_at) : NULL);
	return d;
}

static struct json_object *json_target(const struct iov_bench_target *t,
				       const struct iov_bench_result *r,
				       const struct iov_bench_result *alone)
{
	static const char *const kinds[] = { "file", "block", "null" };
	struct json_object *o = json_object_new_object(), *p;

	put(o, "name", json_object_new_string(t->name));
	put(o, "path", json_object_new_string(t->path));
	put(o, "kind", json_object_new_string(kinds[t->kind]));
	put(o, "device", json_device(t));
	p = json_object_new_object();
	put(p, "pinned", json_object_new_boolean(r->place.pinned));
	put(p, "cpus_allowed", json_cpuset(&r->place.allowed));
	put(p, "cpus_used", json_cpuset(&r->place.used));
	put(p, "buffer_node", r->place.buffer_node >= 0 ?
	    json_object_new_int(r->place.buffer_node) : NULL);
	put(p, "jobs", json_object_new_int((int)r->njobs));
	put(o, "placement", p);
	put(o, "results", json_result(r, t->link_gbps));
	if (alone) {
		struct json_object *i = json_object_new_object();

		put(i, "alone", json_result(alone, t->link_gbps));
		put(i, "together_vs_alone_iops", alone->iops > 0 ? jnum(r->iops / alone->iops) : NULL);
		put(o, "interference", i);
	}
	return o;
}

static struct json_object *json_settings(const struct iov_bench_opts *o)
{
	struct json_object *s = json_object_new_object();
	static const char *const pins[] = { "auto", "cpus", "numa", "none" };
	static const char *const verifies[] = { "none", "write", "only" };

	put(s, "engine", json_object_new_string(o->engine));
	put(s, "rw", json_object_new_string(iov_bench_rw_name(o->rw)));
	put(s, "rwmix_read_pct", o->rw == IOV_BENCH_RANDRW ?
	    json_object_new_int((int)o->rwmix_read) : NULL);
	put(s, "bs_bytes", jint(o->bs));
	put(s, "qd", jint(o->qd));
	put(s, "jobs", jint(o->jobs));
	put(s, "runtime_ns", o->runtime_ns ? jint(o->runtime_ns) : NULL);
	put(s, "ramp_ns", jint(o->ramp_ns));
	put(s, "size_bytes", o->size ? jint(o->size) : NULL);
	put(s, "ios", o->ios ? jint(o->ios) : NULL);
	put(s, "direct", json_object_new_boolean(o->direct));
	put(s, "fixed_buffers", json_object_new_boolean(o->fixed_buffers));
	put(s, "fixed_files", json_object_new_boolean(o->fixed_files));
	put(s, "sqpoll", json_object_new_boolean(o->sqpoll));
	put(s, "sqpoll_cpu", o->sqpoll_cpu >= 0 ? json_object_new_int(o->sqpoll_cpu) : NULL);
	put(s, "iopoll", json_object_new_boolean(o->iopoll));
	put(s, "batch_submit", o->batch_submit ? jint(o->batch_submit) : NULL);
	put(s, "batch_complete", jint(o->batch_complete ? o->batch_complete : 1));
	put(s, "pin", json_object_new_string(pins[o->pin]));
	put(s, "cpus", o->pin == IOV_BENCH_PIN_CPUS ? json_cpuset(&o->cpus) : NULL);
	put(s, "numa_node", o->pin == IOV_BENCH_PIN_NODE ? json_object_new_int(o->numa_node) : NULL);
	put(s, "verify", json_object_new_string(verifies[o->verify]));
	put(s, "seed", jint(o->seed));
	put(s, "latency", json_object_new_string("submit to completion"));
	return s;
}

static struct json_object *json_host(void)
{
	struct iov_bench_host h;
	struct json_object *o = json_object_new_object();

	iov_bench_host_info(&h);
	put(o, "hostname", jstr_or_null(h.hostname));
	put(o, "kernel", jstr_or_null(h.kernel));
	put(o, "cpus", json_object_new_int(h.cpus));
	put(o, "numa_nodes", h.numa_nodes ? json_object_new_int(h.numa_nodes) : NULL);
	put(o, "iovctl_version", json_object_new_string(PACKAGE_VERSION));
	return o;
}

/* Baseline metrics with their units, as the baseline file keys them. */
static const char *metric_key(enum iov_baseline_metric m)
{
	return m == IOV_BL_BW ? "bw_bytes_per_s" : m == IOV_BL_P99 ? "p99_ns" : "iops";
}

static struct json_object *json_diff(const struct bench_report *r)
{
	struct json_object *o = json_object_new_object(), *arr = json_object_new_array();
	size_t i;

	put(o, "file", json_object_new_string(r->baseline));
	put(o, "tolerance_pct", jnum(r->tolerance));
	put(o, "regressions", json_object_new_int(r->regressions));
	for (i = 0; i < r->ndiff; i++) {
		const struct iov_baseline_diff *d = &r->diff[i];
		struct json_object *x = json_object_new_object();

		put(x, "name", json_object_new_string(d->name));
		put(x, "metric", json_object_new_string(metric_key(d->metric)));
		put(x, "baseline", jnum(d->base));
		put(x, "current", d->missing ? NULL : jnum(d->cur));
		put(x, "change_pct", d->missing ? NULL : jnum(d->change_pct));
		put(x, "regression", json_object_new_boolean(d->regression));
		json_object_array_add(arr, x);
	}
	put(o, "diff", arr);
	return o;
}

/* One interval's latency percentiles: the keys of the results'. */
static struct json_object *json_interval_pct(const struct iov_hist *h)
{
	static const struct { const char *key; double p; } ps[] = {
		{ "50", 50 }, { "90", 90 }, { "99", 99 }, { "99.9", 99.9 }, { "99.99", 99.99 },
	};
	struct json_object *o = json_object_new_object();
	size_t i;

	for (i = 0; i < sizeof(ps) / sizeof(ps[0]); i++)
		put(o, ps[i].key, h->count ? jnum(iov_hist_percentile(h, ps[i].p)) : NULL);
	return o;
}

struct json_object *bench_json_interval(const struct iov_bench_interval *iv)
{
	struct json_object *o = json_object_new_object();
	struct iov_bench_rates rt;

	iov_bench_interval_rates(iv, &rt);
	put(o, "t_ns", jint(iv->end_ns));
	put(o, "start_ns", jint(iv->start_ns));
	put(o, "deadline_ns", jint(iv->deadline_ns));
	put(o, "partial", json_object_new_boolean(iv->partial));
	put(o, "ios", jint(iv->ios));
	put(o, "iops", jnum(rt.iops));
	put(o, "bw_bytes_per_s", jnum(rt.bytes_per_s));
	put(o, "lat_mean_ns", rt.lat_mean_ns >= 0 ? jnum(rt.lat_mean_ns) : NULL);
	put(o, "lat_percentiles_ns", json_interval_pct(&iv->hist));
	put(o, "errors", jint(iv->errors));
	return o;
}

static struct json_object *json_vfs(const struct bench_report *r)
{
	struct json_object *va = json_object_new_array();
	size_t i, k;

	for (i = 0; i < r->nvfs; i++) {
		const struct iov_bench_fn_group *g = &r->vfs[i];
		struct json_object *v = json_object_new_object(), *names = json_object_new_array();

		if (g->t->dev)
			put_function(v, g->t->dev);
		for (k = 0; k < g->n; k++)
			json_object_array_add(names, json_object_new_string(r->t[g->first + k].name));
		put(v, "targets", names);
		put(v, "results", json_result(&g->res, g->t->link_gbps));
		json_object_array_add(va, v);
	}
	return va;
}

static struct json_object *json_fairness(const struct bench_report *r)
{
	struct json_object *fair;

	if (r->nt < 2)
		return NULL;
	fair = json_object_new_object();
	put(fair, "metric", json_object_new_string("iops"));
	put(fair, "over", json_object_new_string(r->vfs ? "vfs" : "targets"));
	put(fair, "jain_index", jnum(r->vfs ? iov_bench_jain_groups(r->vfs, r->nvfs) :
				     iov_bench_jain_results(r->out->per, r->nt)));
	return fair;
}

struct json_object *bench_json_report(const struct bench_report *r, struct json_object *intervals)
{
	struct json_object *root = json_object_new_object(), *b = json_object_new_object();
	struct json_object *arr = json_object_new_array();
	const struct iov_bench_target *common = iov_bench_common_link(r->t, r->nt);
	size_t i;

	put(root, "schema_version", json_object_new_int(BENCH_SCHEMA));
	put(root, "bench", b);
	put(b, "settings", json_settings(r->o));
	put(b, "host", json_host());
	for (i = 0; i < r->nt; i++)
		json_object_array_add(arr, json_target(&r->t[i], &r->out->per[i],
						       r->alone ? &r->alone[i] : NULL));
	put(b, "targets", arr);
	put(b, "aggregate", json_result(&r->out->agg, common ? common->link_gbps : 0));
	put(b, "vfs", r->vfs ? json_vfs(r) : NULL);
	put(b, "fairness", json_fairness(r));
	put(b, "intervals", intervals);
	put(b, "interrupted", json_object_new_boolean(r->out->interrupted));
	put(b, "baseline", r->baseline ? json_diff(r) : NULL);
	return root;
}
