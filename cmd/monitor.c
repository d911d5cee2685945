// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * iovctl monitor: options, the sample loop, and the non-interactive outputs
 * (batch frames as top -b, JSON lines, a node_exporter textfile). The
 * screen is in monitor-tui.c.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <json-c/json.h>
#include <limits.h>
#include <math.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "monitor.h"
#include "output.h"

enum {
	OPT_PROMETHEUS = OPT_CMD,
	OPT_VF_STATS,
	OPT_SORT,
	OPT_FILTER,
};

static const struct option monitor_longopts[] = {
	CLI_GLOBAL_LONGOPTS,
	{ "batch", no_argument, NULL, 'b' },
	{ "iterations", required_argument, NULL, 'n' },
	{ "delay", required_argument, NULL, 'd' },
	{ "prometheus", required_argument, NULL, OPT_PROMETHEUS },
	{ "vf-stats", no_argument, NULL, OPT_VF_STATS },
	{ "sort", required_argument, NULL, OPT_SORT },
	{ "filter", required_argument, NULL, OPT_FILTER },
	{ "active", no_argument, NULL, 'a' },
	{ NULL, 0, NULL, 0 },
};

static void usage(FILE *f)
{
	size_t col = 27;
	int c;

	fputs("Usage: iovctl monitor [OPTIONS] [DEVICE...]\n\n"
	      "Watch every PF and VF live: I/O, traffic, interrupts, AER errors, link, power\n"
	      "and driver state, with the events between samples. DEVICE is a PCI address or\n"
	      "PF/vfN (0000:81:00.0/vf3); a PF selects its VFs too.\n\n"
	      "Options:\n"
	      "  -b, --batch              plain text frames, as top -b (default off a terminal)\n"
	      "  -n, --iterations N       stop after N samples\n"
	      "  -d, --delay SECONDS      time between samples (default 2; at least 0.1)\n"
	      "      --prometheus FILE    write a node_exporter textfile to FILE each sample\n"
	      "      --vf-stats           also the per-VF counters PFs report over rtnetlink\n"
	      "      --sort COLUMN        order rows by COLUMN:\n"
	      "                           ", f);
	for (c = 0; c < IOV_MON_NCOLS; c++) {
		const char *name = iov_mon_col_name(c);

		/* wrap the column list within 80 columns */
		if (c && col + strlen(name) + 2 > 79) {
			fputs(",\n                           ", f);
			col = 27;
		} else if (c) {
			fputs(", ", f);
			col += 2;
		}
		fputs(name, f);
		col += strlen(name);
	}
	fputs("\n"
	      "      --filter KEY=VALUE   only rows matching (repeatable): drv=, node=, role=,\n"
	      "                           group=, pf=, state=\n"
	      "  -a, --active             only rows with activity since the previous sample\n"
	      "\nWith --json, one object per function per sample and one per event (JSON lines).\n", f);
	fputs(CLI_GLOBAL_HELP, f);
}

static bool row_passes(const struct monitor_opts *o, const struct iov_mon_row *r)
{
	return iov_mon_filters_match(o->filter, o->nfilters, r) && (!o->active || iov_mon_row_active(r));
}

bool monitor_row_shown(const struct monitor_opts *o, const struct iov_mon_row *r)
{
	unsigned i;

	if (row_passes(o, r))
		return true;
	/* a PF stays as the heading of a VF that passes */
	for (i = 0; i < r->nvfs; i++)
		if (row_passes(o, r->vfs[i]))
			return true;
	return false;
}

/* ---- the clock and the test hook ----------------------------------------- */

/*
 * IOVCTL_MONITOR_STEP=DIR (tests only): before each sample read a line from
 * the FIFO DIR/go, after it write one to DIR/done, and take the monotonic
 * time as the sample number times the delay, the wall clock from 0 (1970),
 * the refresh cost as unknown. Tests rewrite counter files between steps
 * without racing the sampler and get the same output every run.
 */
struct stepper {
	FILE *go, *done;
	bool on;
};

static int stepper_open(struct stepper *s)
{
	const char *dir = getenv("IOVCTL_MONITOR_STEP");
	char p[PATH_MAX];

	memset(s, 0, sizeof(*s));
	if (!dir || !*dir)
		return 0;
	snprintf(p, sizeof(p), "%s/go", dir);
	s->go = fopen(p, "r");
	snprintf(p, sizeof(p), "%s/done", dir);
	s->done = s->go ? fopen(p, "w") : NULL;
	if (!s->go || !s->done) {
		cli_err("cannot open the step FIFOs in '%s': %s", dir, strerror(errno));
		return -1;
	}
	s->on = true;
	return 0;
}

/* false when the test closed its end: stop */
static bool stepper_wait(struct stepper *s)
{
	char line[64];

	return fgets(line, sizeof(line), s->go) != NULL;
}

static void stepper_done(struct stepper *s, unsigned long n)
{
	fprintf(s->done, "%lu\n", n);
	fflush(s->done);
}

static void stepper_close(struct stepper *s)
{
	if (s->go)
		fclose(s->go);
	if (s->done)
		fclose(s->done);
}

static volatile sig_atomic_t stop_requested;

static void on_signal(int sig)
{
	(void)sig;
	stop_requested = 1;
}

static uint64_t mono_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

/* Sleep until the monotonic deadline; false when a signal asked to stop. */
static bool sleep_until(uint64_t deadline)
{
	struct timespec ts = { .tv_sec = deadline / 1000000000ULL, .tv_nsec = deadline % 1000000000ULL };

	while (!stop_requested) {
		int r = clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL);

		if (r == 0)
			return true;
		if (r != EINTR)
			return false;
	}
	return false;
}

/* ---- the host line ------------------------------------------------------- */

struct host_info {
	char host[128], kernel[128];
	int iommu_groups;	/* -1 unknown */
};

static void host_info_read(struct iov_ctx *ctx, struct host_info *h)
{
	char p[PATH_MAX];
	struct dirent *de;
	DIR *d;

	snprintf(h->host, sizeof(h->host), "-");
	snprintf(h->kernel, sizeof(h->kernel), "-");
	if (iov_ctx_proc_root(ctx)) {
		if (iov_proc_path(ctx, p, sizeof(p), "sys/kernel/hostname") == 0 &&
		    iov_read_file(p, h->host, sizeof(h->host)) < 0)
			snprintf(h->host, sizeof(h->host), "-");
		if (iov_proc_path(ctx, p, sizeof(p), "sys/kernel/osrelease") == 0 &&
		    iov_read_file(p, h->kernel, sizeof(h->kernel)) < 0)
			snprintf(h->kernel, sizeof(h->kernel), "-");
	}
	h->iommu_groups = -1;
	if (iov_sysfs_path(ctx, p, sizeof(p), "kernel/iommu_groups") < 0 || !(d = opendir(p)))
		return;
	h->iommu_groups = 0;
	while ((de = readdir(d)))
		h->iommu_groups += de->d_name[0] != '.';
	closedir(d);
}

/* ---- batch frames -------------------------------------------------------- */

struct frame {
	struct iov_ctx *ctx;
	struct iov_mon *mon;
	struct monitor_opts *o;
	struct host_info host;
	time_t wall0;		/* wall clock at mono0 */
	uint64_t mono0;
	bool fake_cost;		/* test hook: cost is not shown */
	unsigned long sample;
};

static time_t wall_of(const struct frame *fr, uint64_t mono_ns)
{
	return fr->wall0 + (time_t)((mono_ns - fr->mono0) / 1000000000ULL);
}

static void fmt_time(time_t t, char *buf, size_t len)
{
	struct tm tm;

	if (!localtime_r(&t, &tm) || !strftime(buf, len, "%H:%M:%S", &tm))
		snprintf(buf, len, "-");
}

static void fmt_utc(time_t t, char *buf, size_t len)
{
	struct tm tm;

	if (!gmtime_r(&t, &tm) || !strftime(buf, len, "%Y-%m-%dT%H:%M:%SZ", &tm))
		snprintf(buf, len, "-");
}

/* bytes read and written per second */
static double io_bytes_per_s(const struct iov_mon_rates *v)
{
	double x = NAN;

	if (iov_mon_known(v->rd_bytes_per_s))
		x = v->rd_bytes_per_s;
	if (iov_mon_known(v->wr_bytes_per_s))
		x = (iov_mon_known(x) ? x : 0) + v->wr_bytes_per_s;
	return x;
}

static double aer_delta(const struct iov_mon_rates *v)
{
	double x = NAN;
	const double *p[3] = { &v->aer_cor, &v->aer_nonfatal, &v->aer_fatal };
	int i;

	for (i = 0; i < 3; i++)
		if (iov_mon_known(*p[i]))
			x = iov_mon_known(x) ? x + *p[i] : *p[i];
	return x;
}

static void print_row(const struct iov_mon_row *r)
{
	const struct iov_mon_rates *v = &r->sum;
	char role[16], link[48], iops[16], mb[16], util[16], rx[16], tx[16], dr[16], irq[16];
	char aer[16], node[8], grp[12], addr[24];

	monitor_fmt_role(r, role, sizeof(role));
	monitor_fmt_link(r, link, sizeof(link));
	monitor_fmt_num(v->iops, iops, sizeof(iops));
	monitor_fmt_rate(io_bytes_per_s(v), mb, sizeof(mb));
	if (iov_mon_known(v->util_pct))
		snprintf(util, sizeof(util), "%.0f%%", v->util_pct);
	else
		snprintf(util, sizeof(util), "-");
	monitor_fmt_rate(v->rx_bytes_per_s, rx, sizeof(rx));
	monitor_fmt_rate(v->tx_bytes_per_s, tx, sizeof(tx));
	monitor_fmt_num(v->drops_per_s, dr, sizeof(dr));
	monitor_fmt_num(v->irqs_per_s, irq, sizeof(irq));
	monitor_fmt_num(aer_delta(v), aer, sizeof(aer));
	snprintf(node, sizeof(node), r->numa_node >= 0 ? "%d" : "-", r->numa_node);
	snprintf(grp, sizeof(grp), r->iommu_group >= 0 ? "%d" : "-", r->iommu_group);
	snprintf(addr, sizeof(addr), "%s%s", r->pf ? "  " : "", r->addr);
	printf("%-16s %-6s %-12s %4s %5s %-28s %7s %9s %4s %9s %9s %5s %6s %4s %s\n", addr, role,
	       r->driver[0] ? r->driver : "-", node, grp, link, iops, mb, util, rx, tx, dr, irq, aer,
	       iov_mon_state_str(r->state));
}

static void print_frame(struct frame *fr)
{
	struct iov_mon_totals t;
	const struct iov_mon_event *ev;
	size_t i, n, nnew;
	char now[32], cost[32];

	iov_mon_totals(fr->mon, &t);
	fmt_time(wall_of(fr, iov_mon_last_ns(fr->mon)), now, sizeof(now));
	if (fr->fake_cost)
		snprintf(cost, sizeof(cost), "-");
	else
		snprintf(cost, sizeof(cost), "%.2f ms", iov_mon_last_cost_ns(fr->mon) / 1e6);
	printf("iovctl monitor - %s  host %s  kernel %s  iommu %s\n", now, fr->host.host,
	       fr->host.kernel, fr->host.iommu_groups > 0 ? "on" : fr->host.iommu_groups == 0 ? "off" : "-");
	printf("Functions: %u PF, %u VF, %u other  sample %lu  interval %.1fs  refresh %s\n", t.pfs,
	       t.vfs, t.other, fr->sample, fr->o->delay, cost);
	printf("\n%-16s %-6s %-12s %4s %5s %-28s %7s %9s %4s %9s %9s %5s %6s %4s %s\n", "ADDRESS",
	       "ROLE", "DRIVER", "NODE", "GROUP", "LINK", "IOPS", "I/O", "UTIL", "RX", "TX",
	       "DROPS", "IRQ/s", "AER", "STATE");
	for (i = 0; i < iov_mon_nrows(fr->mon); i++) {
		const struct iov_mon_row *r = iov_mon_row_at(fr->mon, i);

		if (monitor_row_shown(fr->o, r))
			print_row(r);
	}
	ev = iov_mon_events(fr->mon, &n, &nnew);
	if (nnew) {
		printf("\nEvents:\n");
		for (i = n - nnew; i < n; i++) {
			char ts[32];

			fmt_time(wall_of(fr, ev[i].mono_ns), ts, sizeof(ts));
			printf("%s %s %-14s %s\n", ts, ev[i].addr, iov_mon_event_kind_str(ev[i].kind),
			       ev[i].text);
		}
	}
	printf("\n");
}

/* ---- JSON lines ---------------------------------------------------------- */

static struct json_object *jnum(double v)
{
	return iov_mon_known(v) ? out_json_number(v) : NULL;
}

static struct json_object *ju64(bool present, uint64_t v)
{
	return present ? json_object_new_int64((int64_t)v) : NULL;
}

static void jadd(struct json_object *o, const char *k, struct json_object *v)
{
	json_object_object_add(o, k, v);
}

static struct json_object *json_rates(const struct iov_mon_rates *v)
{
	struct json_object *o = json_object_new_object();

	jadd(o, "iops", jnum(v->iops));
	jadd(o, "read_iops", jnum(v->rd_iops));
	jadd(o, "write_iops", jnum(v->wr_iops));
	jadd(o, "read_bytes_per_s", jnum(v->rd_bytes_per_s));
	jadd(o, "write_bytes_per_s", jnum(v->wr_bytes_per_s));
	jadd(o, "util_pct", jnum(v->util_pct));
	jadd(o, "rx_bytes_per_s", jnum(v->rx_bytes_per_s));
	jadd(o, "tx_bytes_per_s", jnum(v->tx_bytes_per_s));
	jadd(o, "rx_packets_per_s", jnum(v->rx_packets_per_s));
	jadd(o, "tx_packets_per_s", jnum(v->tx_packets_per_s));
	jadd(o, "drops_per_s", jnum(v->drops_per_s));
	jadd(o, "irqs_per_s", jnum(v->irqs_per_s));
	jadd(o, "aer_correctable", jnum(v->aer_cor));
	jadd(o, "aer_nonfatal", jnum(v->aer_nonfatal));
	jadd(o, "aer_fatal", jnum(v->aer_fatal));
	jadd(o, "vf_rx_bytes_per_s", jnum(v->vf_rx_bytes_per_s));
	jadd(o, "vf_tx_bytes_per_s", jnum(v->vf_tx_bytes_per_s));
	jadd(o, "vf_drops_per_s", jnum(v->vf_drops_per_s));
	return o;
}

static struct json_object *json_counters(const struct iov_mon_counters *c)
{
	struct json_object *o = json_object_new_object();
	bool aer = c->has_aer, rp = c->has_aer_rootport;

	jadd(o, "read_ios", ju64(c->has_block, c->rd_ios));
	jadd(o, "write_ios", ju64(c->has_block, c->wr_ios));
	jadd(o, "discard_ios", ju64(c->has_block, c->dc_ios));
	jadd(o, "read_bytes", ju64(c->has_block, c->rd_bytes));
	jadd(o, "write_bytes", ju64(c->has_block, c->wr_bytes));
	jadd(o, "io_ticks_ms", ju64(c->has_block, c->io_ticks_ms));
	jadd(o, "in_flight", ju64(c->has_block, c->in_flight));
	jadd(o, "rx_bytes", ju64(c->has_net, c->rx_bytes));
	jadd(o, "tx_bytes", ju64(c->has_net, c->tx_bytes));
	jadd(o, "rx_packets", ju64(c->has_net, c->rx_packets));
	jadd(o, "tx_packets", ju64(c->has_net, c->tx_packets));
	jadd(o, "rx_dropped", ju64(c->has_net, c->rx_dropped));
	jadd(o, "tx_dropped", ju64(c->has_net, c->tx_dropped));
	jadd(o, "irqs", ju64(c->has_irq, c->irqs));
	jadd(o, "aer_correctable", ju64(aer, c->aer_cor));
	jadd(o, "aer_nonfatal", ju64(aer, c->aer_nonfatal));
	jadd(o, "aer_fatal", ju64(aer, c->aer_fatal));
	jadd(o, "aer_rootport_correctable", ju64(rp, c->rp_cor));
	jadd(o, "aer_rootport_nonfatal", ju64(rp, c->rp_nonfatal));
	jadd(o, "aer_rootport_fatal", ju64(rp, c->rp_fatal));
	jadd(o, "vf_rx_bytes", ju64(c->has_vf_stats, c->vf_rx_bytes));
	jadd(o, "vf_tx_bytes", ju64(c->has_vf_stats, c->vf_tx_bytes));
	jadd(o, "vf_rx_packets", ju64(c->has_vf_stats, c->vf_rx_packets));
	jadd(o, "vf_tx_packets", ju64(c->has_vf_stats, c->vf_tx_packets));
	return o;
}

static struct json_object *jstr(const char *s)
{
	return s && *s ? json_object_new_string(s) : NULL;
}

static void print_json_obj(struct json_object *o)
{
	/* our writer, not json-c's: a driver or power_state may hold any bytes */
	out_json_print_line(o, stdout);
	json_object_put(o);
}

static struct json_object *json_record(const struct frame *fr, const char *type, uint64_t mono_ns)
{
	struct json_object *o = json_object_new_object();
	char ts[32];

	fmt_utc(wall_of(fr, mono_ns), ts, sizeof(ts));
	jadd(o, "schema_version", json_object_new_int(1));
	jadd(o, "type", json_object_new_string(type));
	jadd(o, "sample", json_object_new_int64(fr->sample));
	jadd(o, "time", json_object_new_string(ts));
	return o;
}

static void print_json_row(const struct frame *fr, const struct iov_mon_row *r)
{
	struct json_object *o = json_record(fr, "function", iov_mon_last_ns(fr->mon));
	struct json_object *l = json_object_new_object();
	double iv = iov_mon_interval(fr->mon);

	jadd(o, "interval_s", iv > 0 ? out_json_number(iv) : NULL);
	jadd(o, "address", json_object_new_string(r->addr));
	jadd(o, "role", json_object_new_string(iov_mon_role_str(r->role)));
	if (r->role == IOV_MON_ROLE_VF) {
		jadd(o, "physfn", jstr(r->physfn));
		jadd(o, "vf_index", r->vf_index >= 0 ? json_object_new_int(r->vf_index) : NULL);
	}
	jadd(o, "numa_node", r->numa_node >= 0 ? json_object_new_int(r->numa_node) : NULL);
	jadd(o, "iommu_group", r->iommu_group >= 0 ? json_object_new_int(r->iommu_group) : NULL);
	jadd(o, "driver", jstr(r->driver));
	jadd(o, "state", json_object_new_string(iov_mon_state_str(r->state)));
	jadd(o, "power_state", jstr(r->power_state));
	jadd(o, "runtime_status", jstr(r->runtime_status));
	jadd(o, "nvme_state", jstr(r->nvme_state));
	if (r->role == IOV_MON_ROLE_PF) {
		jadd(o, "sriov_numvfs", r->numvfs >= 0 ? json_object_new_int64(r->numvfs) : NULL);
		jadd(o, "sriov_totalvfs", r->totalvfs >= 0 ? json_object_new_int64(r->totalvfs) : NULL);
	}
	jadd(l, "speed_gts", r->link.speed_gts > 0 ? out_json_number(r->link.speed_gts) : NULL);
	jadd(l, "width", r->link.width > 0 ? json_object_new_int(r->link.width) : NULL);
	jadd(l, "max_speed_gts", r->link.max_speed_gts > 0 ? out_json_number(r->link.max_speed_gts) : NULL);
	jadd(l, "max_width", r->link.max_width > 0 ? json_object_new_int(r->link.max_width) : NULL);
	jadd(l, "degraded", r->link.speed_gts > 0 ? json_object_new_boolean(r->link_degraded) : NULL);
	jadd(o, "link", l);
	jadd(o, "irq_vectors", json_object_new_int(r->nvectors));
	jadd(o, "irq_vectors_off_node", json_object_new_int(r->irqs_off_node));
	jadd(o, "counters", json_counters(&r->ctr));
	jadd(o, "rates", json_rates(&r->rate));
	if (r->role == IOV_MON_ROLE_PF)
		jadd(o, "rates_with_vfs", json_rates(&r->sum));
	print_json_obj(o);
}

static void print_json_event(const struct frame *fr, const struct iov_mon_event *e)
{
	struct json_object *o = json_record(fr, "event", e->mono_ns);

	jadd(o, "kind", json_object_new_string(iov_mon_event_kind_str(e->kind)));
	jadd(o, "address", json_object_new_string(e->addr));
	jadd(o, "from", jstr(e->from));
	jadd(o, "to", jstr(e->to));
	jadd(o, "message", json_object_new_string(e->text));
	print_json_obj(o);
}

static void print_json_sample(struct frame *fr)
{
	const struct iov_mon_event *ev;
	size_t i, n, nnew;

	for (i = 0; i < iov_mon_nrows(fr->mon); i++) {
		const struct iov_mon_row *r = iov_mon_row_at(fr->mon, i);

		if (monitor_row_shown(fr->o, r))
			print_json_row(fr, r);
	}
	ev = iov_mon_events(fr->mon, &n, &nnew);
	for (i = n - nnew; i < n; i++)
		print_json_event(fr, &ev[i]);
}

/* ---- Prometheus textfile ------------------------------------------------- */

struct metric {
	const char *name, *type, *help;
};

/* Label values: backslash, double quote and newline escaped. */
static void prom_label(FILE *f, const char *k, const char *v, bool first)
{
	fprintf(f, "%s%s=\"", first ? "" : ",", k);
	for (; *v; v++) {
		if (*v == '\\' || *v == '"')
			fprintf(f, "\\%c", *v);
		else if (*v == '\n')
			fputs("\\n", f);
		else
			fputc(*v, f);
	}
	fputc('"', f);
}

/* Integers as integers (counters up to 2^63 exactly), the rest shortest-ish. */
static void prom_value(FILE *f, double v)
{
	if (v == floor(v) && fabs(v) < 9.2e18)
		fprintf(f, " %lld\n", (long long)v);
	else
		fprintf(f, " %.15g\n", v);
}

static void prom_head(FILE *f, const char *name, const char *type, const char *help)
{
	fprintf(f, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, type);
}

typedef bool (*prom_get)(const struct iov_mon_row *r, double *v);

static void prom_series(FILE *f, const struct frame *fr, const char *name, const char *type,
			const char *help, prom_get get, const char *extra_k, const char *extra_v)
{
	bool head = false;
	size_t i;

	for (i = 0; i < iov_mon_nrows(fr->mon); i++) {
		const struct iov_mon_row *r = iov_mon_row_at(fr->mon, i);
		double v;

		if (r->state == IOV_MON_STATE_GONE || !monitor_row_shown(fr->o, r) || !get(r, &v))
			continue;
		if (!head)
			prom_head(f, name, type, help);
		head = true;
		fprintf(f, "%s{", name);
		prom_label(f, "pci", r->addr, true);
		if (extra_k)
			prom_label(f, extra_k, extra_v, false);
		fputc('}', f);
		prom_value(f, v);
	}
}

#define GET(fn, cond, expr)                                                    \
	static bool fn(const struct iov_mon_row *r, double *v)                 \
	{                                                                      \
		if (!(cond))                                                   \
			return false;                                          \
		*v = (expr);                                                   \
		return true;                                                   \
	}

GET(g_numvfs, r->numvfs >= 0, r->numvfs)
GET(g_totalvfs, r->totalvfs >= 0, r->totalvfs)
GET(g_speed, r->link.speed_gts > 0, r->link.speed_gts * 1e9)
GET(g_max_speed, r->link.max_speed_gts > 0, r->link.max_speed_gts * 1e9)
GET(g_width, r->link.width > 0, r->link.width)
GET(g_max_width, r->link.max_width > 0, r->link.max_width)
GET(g_degraded, r->link.speed_gts > 0, r->link_degraded)
GET(g_rd_ios, r->ctr.has_block, r->ctr.rd_ios)
GET(g_wr_ios, r->ctr.has_block, r->ctr.wr_ios)
GET(g_dc_ios, r->ctr.has_block, r->ctr.dc_ios)
GET(g_rd_bytes, r->ctr.has_block, r->ctr.rd_bytes)
GET(g_wr_bytes, r->ctr.has_block, r->ctr.wr_bytes)
GET(g_io_time, r->ctr.has_block, r->ctr.io_ticks_ms / 1e3)
GET(g_in_flight, r->ctr.has_block, r->ctr.in_flight)
GET(g_rx_bytes, r->ctr.has_net, r->ctr.rx_bytes)
GET(g_tx_bytes, r->ctr.has_net, r->ctr.tx_bytes)
GET(g_rx_packets, r->ctr.has_net, r->ctr.rx_packets)
GET(g_tx_packets, r->ctr.has_net, r->ctr.tx_packets)
GET(g_rx_dropped, r->ctr.has_net, r->ctr.rx_dropped)
GET(g_tx_dropped, r->ctr.has_net, r->ctr.tx_dropped)
GET(g_irqs, r->ctr.has_irq, r->ctr.irqs)
GET(g_vectors, true, r->nvectors)
GET(g_off_node, true, r->irqs_off_node)
GET(g_aer_cor, r->ctr.has_aer, r->ctr.aer_cor)
GET(g_aer_nonfatal, r->ctr.has_aer, r->ctr.aer_nonfatal)
GET(g_aer_fatal, r->ctr.has_aer, r->ctr.aer_fatal)
GET(g_rp_cor, r->ctr.has_aer_rootport, r->ctr.rp_cor)
GET(g_rp_nonfatal, r->ctr.has_aer_rootport, r->ctr.rp_nonfatal)
GET(g_rp_fatal, r->ctr.has_aer_rootport, r->ctr.rp_fatal)
GET(g_nvme_live, r->nvme_state[0], strcmp(r->nvme_state, "live") == 0)
GET(g_suspended, r->runtime_status[0], strcmp(r->runtime_status, "suspended") == 0)
GET(g_up, true, r->state == IOV_MON_STATE_LIVE)
GET(g_vf_rx_bytes, r->ctr.has_vf_stats, r->ctr.vf_rx_bytes)
GET(g_vf_tx_bytes, r->ctr.has_vf_stats, r->ctr.vf_tx_bytes)
GET(g_vf_rx_packets, r->ctr.has_vf_stats, r->ctr.vf_rx_packets)
GET(g_vf_tx_packets, r->ctr.has_vf_stats, r->ctr.vf_tx_packets)

static const struct prom_def {
	const char *name, *type, *help;
	prom_get get;
	const char *lk, *lv;	/* one dimension label, e.g. severity */
} prom_defs[] = {
	{ "iovctl_pci_up", "gauge", "1 when the function is bound, live and not suspended", g_up, NULL, NULL },
	{ "iovctl_pci_sriov_numvfs", "gauge", "VFs enabled on the PF (sriov_numvfs)", g_numvfs, NULL, NULL },
	{ "iovctl_pci_sriov_totalvfs", "gauge", "VFs the PF supports (sriov_totalvfs)", g_totalvfs, NULL, NULL },
	{ "iovctl_pci_link_speed_transfers_per_second", "gauge", "current PCIe link speed", g_speed, NULL, NULL },
	{ "iovctl_pci_link_max_speed_transfers_per_second", "gauge", "maximum PCIe link speed", g_max_speed, NULL, NULL },
	{ "iovctl_pci_link_width_lanes", "gauge", "current PCIe link width", g_width, NULL, NULL },
	{ "iovctl_pci_link_max_width_lanes", "gauge", "maximum PCIe link width", g_max_width, NULL, NULL },
	{ "iovctl_pci_link_degraded", "gauge", "1 when the link runs below its maximum speed or width", g_degraded, NULL, NULL },
	{ "iovctl_pci_block_read_ios_total", "counter", "reads completed by the block devices of the function", g_rd_ios, NULL, NULL },
	{ "iovctl_pci_block_write_ios_total", "counter", "writes completed by the block devices of the function", g_wr_ios, NULL, NULL },
	{ "iovctl_pci_block_discard_ios_total", "counter", "discards completed by the block devices of the function", g_dc_ios, NULL, NULL },
	{ "iovctl_pci_block_read_bytes_total", "counter", "bytes read by the block devices of the function", g_rd_bytes, NULL, NULL },
	{ "iovctl_pci_block_written_bytes_total", "counter", "bytes written by the block devices of the function", g_wr_bytes, NULL, NULL },
	{ "iovctl_pci_block_io_time_seconds_total", "counter", "time the busiest block device of the function was busy", g_io_time, NULL, NULL },
	{ "iovctl_pci_block_in_flight_requests", "gauge", "requests in flight on the block devices of the function", g_in_flight, NULL, NULL },
	{ "iovctl_pci_network_receive_bytes_total", "counter", "bytes received by the netdevs of the function", g_rx_bytes, NULL, NULL },
	{ "iovctl_pci_network_transmit_bytes_total", "counter", "bytes sent by the netdevs of the function", g_tx_bytes, NULL, NULL },
	{ "iovctl_pci_network_receive_packets_total", "counter", "packets received by the netdevs of the function", g_rx_packets, NULL, NULL },
	{ "iovctl_pci_network_transmit_packets_total", "counter", "packets sent by the netdevs of the function", g_tx_packets, NULL, NULL },
	{ "iovctl_pci_network_receive_drop_total", "counter", "received packets dropped", g_rx_dropped, NULL, NULL },
	{ "iovctl_pci_network_transmit_drop_total", "counter", "packets dropped on transmit", g_tx_dropped, NULL, NULL },
	{ "iovctl_pci_interrupts_total", "counter", "interrupts on the function's MSI/MSI-X vectors since iovctl started watching them", g_irqs, NULL, NULL },
	{ "iovctl_pci_interrupt_vectors", "gauge", "MSI/MSI-X vectors of the function", g_vectors, NULL, NULL },
	{ "iovctl_pci_interrupt_vectors_off_node", "gauge", "vectors whose effective affinity has no CPU of the function's NUMA node", g_off_node, NULL, NULL },
	{ "iovctl_pci_aer_errors_total", "counter", "AER errors the function reported (aer_dev_*)", g_aer_cor, "severity", "correctable" },
	{ "iovctl_pci_aer_errors_total", NULL, NULL, g_aer_nonfatal, "severity", "nonfatal" },
	{ "iovctl_pci_aer_errors_total", NULL, NULL, g_aer_fatal, "severity", "fatal" },
	{ "iovctl_pci_aer_rootport_errors_total", "counter", "AER errors reported to the root port (aer_rootport_total_err_*)", g_rp_cor, "severity", "correctable" },
	{ "iovctl_pci_aer_rootport_errors_total", NULL, NULL, g_rp_nonfatal, "severity", "nonfatal" },
	{ "iovctl_pci_aer_rootport_errors_total", NULL, NULL, g_rp_fatal, "severity", "fatal" },
	{ "iovctl_pci_vf_receive_bytes_total", "counter", "bytes the PF counted for this VF (--vf-stats)", g_vf_rx_bytes, NULL, NULL },
	{ "iovctl_pci_vf_transmit_bytes_total", "counter", "bytes the PF counted from this VF (--vf-stats)", g_vf_tx_bytes, NULL, NULL },
	{ "iovctl_pci_vf_receive_packets_total", "counter", "packets the PF counted for this VF (--vf-stats)", g_vf_rx_packets, NULL, NULL },
	{ "iovctl_pci_vf_transmit_packets_total", "counter", "packets the PF counted from this VF (--vf-stats)", g_vf_tx_packets, NULL, NULL },
	{ "iovctl_pci_nvme_controller_live", "gauge", "1 when the first NVMe controller of the function is live", g_nvme_live, NULL, NULL },
	{ "iovctl_pci_runtime_suspended", "gauge", "1 when the function is runtime-suspended", g_suspended, NULL, NULL },
};

static void prom_info(FILE *f, const struct frame *fr)
{
	bool head = false;
	size_t i;

	for (i = 0; i < iov_mon_nrows(fr->mon); i++) {
		const struct iov_mon_row *r = iov_mon_row_at(fr->mon, i);
		char buf[32];

		if (r->state == IOV_MON_STATE_GONE || !monitor_row_shown(fr->o, r))
			continue;
		if (!head)
			prom_head(f, "iovctl_pci_function_info", "gauge",
				  "PCI functions iovctl monitors, with what describes them");
		head = true;
		fprintf(f, "iovctl_pci_function_info{");
		prom_label(f, "pci", r->addr, true);
		prom_label(f, "role", iov_mon_role_str(r->role), false);
		prom_label(f, "physfn", r->physfn, false);
		snprintf(buf, sizeof(buf), "%d", r->vf_index);
		prom_label(f, "vf_index", r->vf_index >= 0 ? buf : "", false);
		prom_label(f, "driver", r->driver, false);
		snprintf(buf, sizeof(buf), "%d", r->numa_node);
		prom_label(f, "numa_node", r->numa_node >= 0 ? buf : "", false);
		snprintf(buf, sizeof(buf), "%d", r->iommu_group);
		prom_label(f, "iommu_group", r->iommu_group >= 0 ? buf : "", false);
		prom_label(f, "state", iov_mon_state_str(r->state), false);
		fprintf(f, "} 1\n");
	}
}

static void prom_events(FILE *f, const struct frame *fr, const unsigned long *count)
{
	unsigned k;

	prom_head(f, "iovctl_monitor_events_total", "counter",
		  "events iovctl monitor raised since it started, by kind");
	for (k = 0; k < IOV_MON_NEVENT_KINDS; k++) {
		fprintf(f, "iovctl_monitor_events_total{");
		prom_label(f, "kind", iov_mon_event_kind_str(k), true);
		fprintf(f, "} %lu\n", count[k]);
	}
	(void)fr;
}

static int prom_write(FILE *f, const struct frame *fr, const unsigned long *events)
{
	size_t i;

	prom_info(f, fr);
	for (i = 0; i < sizeof(prom_defs) / sizeof(prom_defs[0]); i++) {
		const struct prom_def *d = &prom_defs[i];
		const char *type = d->type, *help = d->help;
		size_t j = i;

		/* the first of a metric's rows carries its HELP and TYPE */
		while (!type && j > 0)
			type = prom_defs[--j].type, help = prom_defs[j].help;
		if (!d->type) {
			/* printed with the first: suppress the header by printing series directly */
			size_t k;

			for (k = 0; k < iov_mon_nrows(fr->mon); k++) {
				const struct iov_mon_row *r = iov_mon_row_at(fr->mon, k);
				double v;

				if (r->state == IOV_MON_STATE_GONE || !monitor_row_shown(fr->o, r) ||
				    !d->get(r, &v))
					continue;
				fprintf(f, "%s{", d->name);
				prom_label(f, "pci", r->addr, true);
				prom_label(f, d->lk, d->lv, false);
				fputc('}', f);
		prom_value(f, v);
			}
			continue;
		}
		prom_series(f, fr, d->name, type, help, d->get, d->lk, d->lv);
	}
	prom_head(f, "iovctl_monitor_refresh_cpu_seconds", "gauge",
		  "CPU time the last refresh of iovctl monitor took");
	fprintf(f, "iovctl_monitor_refresh_cpu_seconds");
	prom_value(f, fr->fake_cost ? 0 : iov_mon_last_cost_ns(fr->mon) / 1e9);
	prom_events(f, fr, events);
	return ferror(f) ? -EIO : 0;
}

/* Write FILE atomically: a temporary file in its directory, then rename. */
static int prom_file(const char *path, const struct frame *fr, const unsigned long *events)
{
	char tmp[PATH_MAX];
	FILE *f;
	int fd, r;

	if (snprintf(tmp, sizeof(tmp), "%s.tmpXXXXXX", path) >= (int)sizeof(tmp))
		return -ENAMETOOLONG;
	fd = mkstemp(tmp);
	if (fd < 0)
		return -errno;
	/* node_exporter runs as another user: the file must be world-readable */
	fchmod(fd, 0644);
	f = fdopen(fd, "w");
	if (!f) {
		r = -errno;
		close(fd);
		unlink(tmp);
		return r;
	}
	r = prom_write(f, fr, events);
	if (fflush(f) != 0 && r == 0)
		r = -errno;
	if (fclose(f) != 0 && r == 0)
		r = -errno;
	if (r == 0 && rename(tmp, path) < 0)
		r = -errno;
	if (r < 0)
		unlink(tmp);
	return r;
}

/* ---- options ------------------------------------------------------------- */

static int parse_delay(const char *s, double *out)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(s, &end);
	if (errno || end == s || *end || !(v >= 0.1) || v > 86400)
		return -EINVAL;
	*out = v;
	return 0;
}

static int parse_count(const char *s, unsigned long *out)
{
	char *end;
	unsigned long v;

	if (*s < '0' || *s > '9')
		return -EINVAL;
	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno || *end || v == 0)
		return -EINVAL;
	*out = v;
	return 0;
}

/* DEVICE: an address, or PF/vfN through the PF's virtfnN link. */
static int resolve_device(struct iov_cli *cli, struct iov_ctx *ctx, const char *arg, struct iov_bdf *out)
{
	char pf[64], name[IOV_BDF_STRLEN];
	const char *slash = strchr(arg, '/');
	unsigned n;
	int len = 0, r;

	if (!slash) {
		r = cli_check_address(arg);
		if (r != EXIT_OK)
			return r;
		if (iov_bdf_parse(arg, out) < 0)
			return cli_usage_error(cli, "invalid PCI address '%s'", arg);
		if (iov_sysfs_read_str(ctx, name, sizeof(name), "bus/pci/devices/%s/vendor",
				       (iov_bdf_format(out, name), name)) < 0) {
			cli_err("no PCI function '%s' under '%s'", arg, iov_ctx_sysfs_root(ctx));
			return EXIT_NODEV;
		}
		return EXIT_OK;
	}
	if ((size_t)(slash - arg) >= sizeof(pf) || sscanf(slash, "/vf%u%n", &n, &len) != 1 ||
	    slash[len])
		return cli_usage_error(cli, "invalid device '%s': expected an address or PF/vfN", arg);
	memcpy(pf, arg, slash - arg);
	pf[slash - arg] = '\0';
	if (iov_bdf_parse(pf, out) < 0)
		return cli_usage_error(cli, "invalid PCI address '%s'", pf);
	iov_bdf_format(out, pf);
	if (iov_sysfs_read_link_name(ctx, name, sizeof(name), "bus/pci/devices/%s/virtfn%u", pf, n) < 0 ||
	    !iov_bdf_canonical(name, out)) {
		cli_err("no VF %u of '%s' under '%s'", n, pf, iov_ctx_sysfs_root(ctx));
		return EXIT_NODEV;
	}
	return EXIT_OK;
}

struct monitor_args {
	struct monitor_opts o;
	char **devices;		/* the operands: addresses or PF/vfN */
	int ndevices;
};

static void monitor_init(void *args)
{
	struct monitor_args *a = args;

	a->o.delay = 2.0;
	a->o.sort = IOV_MON_COL_ADDRESS;
}

static int monitor_option(struct iov_cli *cli, void *args, int c, const char *arg, const char *name)
{
	struct monitor_opts *o = &((struct monitor_args *)args)->o;
	int r;

	(void)name;
	switch (c) {
	case 'b':
		o->batch = true;
		break;
	case 'n':
		if (parse_count(arg, &o->iterations) < 0)
			return cli_usage_error(cli, "invalid --iterations '%s': expected a positive number", arg);
		break;
	case 'd':
		if (parse_delay(arg, &o->delay) < 0)
			return cli_usage_error(cli, "invalid --delay '%s': expected seconds, at least 0.1", arg);
		break;
	case 'a':
		o->active = true;
		break;
	case OPT_PROMETHEUS:
		if (!*arg)
			return cli_usage_error(cli, "--prometheus needs a file name");
		o->prometheus = arg;
		break;
	case OPT_VF_STATS:
		o->vf_stats = true;
		break;
	case OPT_SORT:
		r = iov_mon_col_parse(arg);
		if (r < 0)
			return cli_usage_error(cli, "unknown --sort column '%s' (see --help)", arg);
		o->sort = r;
		break;
	case OPT_FILTER:
		if (o->nfilters == MONITOR_MAX_FILTERS)
			return cli_usage_error(cli, "too many --filter options (at most %d)", MONITOR_MAX_FILTERS);
		if (iov_mon_filter_parse(arg, &o->filter[o->nfilters]) < 0)
			return cli_usage_error(cli, "invalid --filter '%s': expected drv=, node=, role=, group=, pf= or state= with a valid value", arg);
		o->nfilters++;
		break;
	}
	return EXIT_OK;
}

static int monitor_operands(struct iov_cli *cli, void *args, int argc, char **argv)
{
	struct monitor_args *a = args;
	int i, r;

	/* malformed addresses are usage errors before anything is read */
	for (i = 0; i < argc; i++) {
		if (strchr(argv[i], '/'))
			continue;
		r = cli_check_address(argv[i]);
		if (r != EXIT_OK)
			return r;
	}
	a->devices = argv;
	a->ndevices = argc;
	return EXIT_OK;
}

/* ---- the loop ------------------------------------------------------------ */

static void count_events(struct iov_mon *mon, unsigned long *count)
{
	const struct iov_mon_event *ev;
	size_t i, n, nnew;

	ev = iov_mon_events(mon, &n, &nnew);
	for (i = n - nnew; i < n; i++)
		count[ev[i].kind]++;
}

static int run_loop(struct iov_cli *cli, struct frame *fr)
{
	unsigned long events[IOV_MON_NEVENT_KINDS] = { 0 };
	uint64_t delay_ns = (uint64_t)(fr->o->delay * 1e9), next;
	struct stepper st;
	int r = EXIT_OK;
	bool text = !cli->json && (fr->o->batch || !fr->o->prometheus);

	if (stepper_open(&st) < 0)
		return EXIT_RUNTIME;
	fr->fake_cost = st.on;
	fr->mono0 = st.on ? delay_ns : mono_now();
	fr->wall0 = st.on ? 0 : time(NULL);
	next = fr->mono0;
	for (fr->sample = 1; !stop_requested; fr->sample++) {
		uint64_t now;
		int e;

		if (st.on) {
			if (!stepper_wait(&st))
				break;
			now = fr->sample * delay_ns;
		} else {
			if (fr->sample > 1 && !sleep_until(next))
				break;
			now = mono_now();
		}
		e = iov_mon_refresh_at(fr->mon, now);
		if (e < 0) {
			cli_err("cannot read PCI devices under '%s': %s", iov_ctx_sysfs_root(fr->ctx),
				strerror(-e));
			r = EXIT_RUNTIME;
			break;
		}
		count_events(fr->mon, events);
		if (cli->json)
			print_json_sample(fr);
		else if (text)
			print_frame(fr);
		if (fr->o->prometheus) {
			e = prom_file(fr->o->prometheus, fr, events);
			if (e < 0) {
				cli_err("cannot write '%s': %s", fr->o->prometheus, strerror(-e));
				r = EXIT_RUNTIME;
				break;
			}
		}
		fflush(stdout);
		if (ferror(stdout))
			break;	/* reader gone; cli_close_stdout tells EPIPE apart */
		if (st.on)
			stepper_done(&st, fr->sample);
		if (fr->o->iterations && fr->sample >= fr->o->iterations)
			break;
		/* a late refresh does not make the next one early: skip missed beats */
		next += delay_ns;
		if (!st.on && next < mono_now())
			next = mono_now() + delay_ns;
	}
	stepper_close(&st);
	return r;
}

/*
 * The sampler keeps a few files open per function (about 7; 15,000 on a
 * host with 2,000 functions): lift the soft limit on open files to the hard one.
 */
static void raise_fd_limit(void)
{
	struct rlimit rl;

	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
}

static void catch_signals(void)
{
	struct sigaction sa = { .sa_handler = on_signal };

	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
}

static int monitor_run(struct iov_cli *cli, struct iov_ctx *ctx, void *args)
{
	struct monitor_args *a = args;
	struct monitor_opts *o = &a->o;
	struct iov_mon_opts mo = { 0 };
	struct iov_mon *mon = NULL;
	struct frame fr = { 0 };
	struct iov_bdf *sel = NULL;
	size_t nsel = 0;
	int r = EXIT_OK, i;

	if (a->ndevices) {
		sel = calloc(a->ndevices, sizeof(*sel));
		if (!sel) {
			cli_err("out of memory");
			return EXIT_RUNTIME;
		}
	}
	for (i = 0; i < a->ndevices; i++) {
		r = resolve_device(cli, ctx, a->devices[i], &sel[nsel]);
		if (r != EXIT_OK)
			goto out;
		nsel++;
	}
	mo.select = sel;
	mo.nselect = nsel;
	mo.vf_stats = o->vf_stats;
	raise_fd_limit();
	r = iov_mon_open(ctx, &mo, &mon);
	if (r < 0) {
		cli_err("cannot start monitoring under '%s': %s", iov_ctx_sysfs_root(ctx), strerror(-r));
		r = EXIT_RUNTIME;
		goto out;
	}
	iov_mon_set_sort(mon, o->sort);
	catch_signals();
	if (!o->batch && !cli->json && !o->prometheus && isatty(STDOUT_FILENO) && isatty(STDIN_FILENO)) {
		r = monitor_tui_run(cli, ctx, mon, o);
		goto out;
	}
	fr.ctx = ctx;
	fr.mon = mon;
	fr.o = o;
	host_info_read(ctx, &fr.host);
	r = run_loop(cli, &fr);
out:
	iov_mon_close(mon);
	free(sel);
	return r;
}

const struct iov_cmd cmd_monitor = {
	.name = "monitor",
	.summary = "watch PFs and VFs live: I/O, traffic, IRQs, errors, link, events",
	.flags = CMD_NEEDS_CONTEXT | CMD_TAKES_SAMPLE,
	.shortopts = "bn:d:a",
	.longopts = monitor_longopts,
	.usage = usage,
	.args_size = sizeof(struct monitor_args),
	.init = monitor_init,
	.option = monitor_option,
	.operands = monitor_operands,
	.run = monitor_run,
};
