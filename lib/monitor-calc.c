// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The monitor's pure parts: counter deltas across wraps and resets, the
 * stat-line, /proc/interrupts and link-speed parsers, rates, and the column,
 * sort and filter tables. No I/O here, so all of it is unit-tested.
 */
#include "iov-monitor.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

enum iov_mon_delta_status iov_mon_delta(uint64_t old, uint64_t now, unsigned bits, uint64_t *delta)
{
	uint64_t mask = bits >= 64 ? UINT64_MAX : (1ULL << bits) - 1;
	uint64_t d;

	old &= mask;
	now &= mask;
	if (now >= old) {
		*delta = now - old;
		return IOV_MON_DELTA_OK;
	}
	d = (now - old) & mask;
	if (d < (mask >> 1) + 1) {
		*delta = d;
		return IOV_MON_DELTA_WRAP;
	}
	*delta = 0;
	return IOV_MON_DELTA_RESET;
}

int iov_mon_parse_blkstat(const char *line, struct iov_mon_blkstat *out)
{
	uint64_t v[17];
	unsigned n = 0;
	const char *s = line;

	memset(out, 0, sizeof(*out));
	for (;;) {
		char *end;

		while (*s == ' ' || *s == '\t')
			s++;
		if (!*s || *s == '\n')
			break;
		if (!isdigit((unsigned char)*s) || n == 17)
			return -EINVAL;
		errno = 0;
		v[n++] = strtoull(s, &end, 10);
		if (errno)
			return -EINVAL;
		s = end;
		if (*s && *s != ' ' && *s != '\t' && *s != '\n')
			return -EINVAL;
	}
	if (n != 11 && n != 15 && n != 17)
		return -EINVAL;
	out->nfields = n;
	out->rd_ios = v[0], out->rd_merges = v[1], out->rd_sectors = v[2], out->rd_ticks = v[3];
	out->wr_ios = v[4], out->wr_merges = v[5], out->wr_sectors = v[6], out->wr_ticks = v[7];
	out->in_flight = v[8], out->io_ticks = v[9], out->time_in_queue = v[10];
	if (n >= 15) {
		out->dc_ios = v[11], out->dc_merges = v[12], out->dc_sectors = v[13];
		out->dc_ticks = v[14];
	}
	if (n == 17)
		out->fl_ios = v[15], out->fl_ticks = v[16];
	return 0;
}

void iov_mon_irqtab_free(struct iov_mon_irqtab *t)
{
	free(t->cpu);
	free(t->percpu);
	free(t->present);
	memset(t, 0, sizeof(*t));
}

/* "           CPU0       CPU1 ..." */
static int parse_cpu_header(struct iov_mon_irqtab *t, const char *line, const char *eol)
{
	const char *s = line;
	unsigned *cpu = NULL, n = 0;

	while (s < eol) {
		char *end;
		unsigned long c;
		unsigned *nc;

		while (s < eol && *s == ' ')
			s++;
		if (s >= eol)
			break;
		if (strncmp(s, "CPU", 3) || !isdigit((unsigned char)s[3]))
			goto bad;
		c = strtoul(s + 3, &end, 10);
		nc = realloc(cpu, (n + 1) * sizeof(*cpu));
		if (!nc) {
			free(cpu);
			return -ENOMEM;
		}
		cpu = nc;
		cpu[n++] = c;
		s = end;
	}
	if (!n)
		goto bad;
	free(t->cpu);
	t->cpu = cpu;
	t->ncpu = n;
	return 0;
bad:
	free(cpu);
	return -EINVAL;
}

static int irqtab_grow(struct iov_mon_irqtab *t, unsigned irq)
{
	size_t cap = t->cap ? t->cap : 256;
	uint32_t *p;
	bool *pr;

	if (irq < t->cap)
		return 0;
	while (cap <= irq)
		cap *= 2;
	p = realloc(t->percpu, cap * t->ncpu * sizeof(*p));
	if (!p)
		return -ENOMEM;
	t->percpu = p;
	pr = realloc(t->present, cap * sizeof(*pr));
	if (!pr)
		return -ENOMEM;
	memset(pr + t->cap, 0, (cap - t->cap) * sizeof(*pr));
	t->present = pr;
	t->cap = cap;
	return 0;
}

int iov_mon_irqtab_parse(struct iov_mon_irqtab *t, const char *text)
{
	const char *line = text, *eol;
	unsigned old_ncpu;
	int r;

	eol = strchr(line, '\n');
	if (!eol)
		eol = line + strlen(line);
	old_ncpu = t->ncpu;
	r = parse_cpu_header(t, line, eol);
	if (r < 0)
		return r;
	if (t->ncpu != old_ncpu) {
		/* the column count changed: start the arrays over */
		free(t->percpu);
		t->percpu = NULL;
		free(t->present);
		t->present = NULL;
		t->cap = 0;
	} else if (t->present) {
		memset(t->present, 0, t->cap * sizeof(*t->present));
	}
	t->max_irq = 0;
	for (line = *eol ? eol + 1 : eol; *line; line = *eol ? eol + 1 : eol) {
		const char *s = line;
		unsigned long irq;
		unsigned col;
		char *end;

		eol = strchr(line, '\n');
		if (!eol)
			eol = line + strlen(line);
		while (*s == ' ')
			s++;
		/* NMI:, LOC:, ERR: and the like are not vectors */
		if (!isdigit((unsigned char)*s))
			continue;
		irq = strtoul(s, &end, 10);
		if (*end != ':' || irq > 1u << 24)
			continue;
		if (irqtab_grow(t, irq) < 0)
			return -ENOMEM;
		s = end + 1;
		/* the hot loop of a refresh: digits by hand, not strtoull */
		for (col = 0; col < t->ncpu; col++) {
			uint32_t v = 0;

			while (*s == ' ')
				s++;
			if (*s < '0' || *s > '9')
				break;
			while (*s >= '0' && *s <= '9')
				v = v * 10 + (uint32_t)(*s++ - '0');
			t->percpu[irq * t->ncpu + col] = v;
		}
		if (col < t->ncpu)
			continue;	/* short line: not a vector we can count */
		t->present[irq] = true;
		if (irq + 1 > t->max_irq)
			t->max_irq = irq + 1;
	}
	return 0;
}

bool iov_mon_irqtab_sum(const struct iov_mon_irqtab *t, unsigned irq, uint64_t *sum)
{
	unsigned c;

	if (irq >= t->max_irq || !t->present[irq])
		return false;
	*sum = 0;
	for (c = 0; c < t->ncpu; c++)
		*sum += t->percpu[irq * t->ncpu + c];
	return true;
}

double iov_mon_parse_link_speed(const char *s)
{
	char *end;
	double v = strtod(s, &end);

	if (end == s || v <= 0)
		return 0;
	return v;
}

/* ---- rates --------------------------------------------------------------- */

void iov_mon_rates_unknown(struct iov_mon_rates *r)
{
	r->iops = r->rd_iops = r->wr_iops = NAN;
	r->rd_bytes_per_s = r->wr_bytes_per_s = r->util_pct = NAN;
	r->rx_bytes_per_s = r->tx_bytes_per_s = r->rx_packets_per_s = r->tx_packets_per_s = NAN;
	r->drops_per_s = r->irqs_per_s = NAN;
	r->aer_cor = r->aer_nonfatal = r->aer_fatal = NAN;
	r->vf_rx_bytes_per_s = r->vf_tx_bytes_per_s = r->vf_drops_per_s = NAN;
}

struct delta_ctx {
	bool reset;
};

/* Delta of one counter; a reset marks the whole group as reset. */
static uint64_t dlt(struct delta_ctx *dc, uint64_t old, uint64_t now, unsigned bits)
{
	uint64_t d;

	if (iov_mon_delta(old, now, bits, &d) == IOV_MON_DELTA_RESET)
		dc->reset = true;
	return d;
}

static void block_rates(const struct iov_mon_counters *p, const struct iov_mon_counters *c,
			double s, struct iov_mon_rates *o, unsigned *reset)
{
	struct delta_ctx dc = { false };
	uint64_t rd = dlt(&dc, p->rd_ios, c->rd_ios, 64), wr = dlt(&dc, p->wr_ios, c->wr_ios, 64);
	uint64_t dcn = dlt(&dc, p->dc_ios, c->dc_ios, 64);
	uint64_t rb = dlt(&dc, p->rd_bytes, c->rd_bytes, 64), wb = dlt(&dc, p->wr_bytes, c->wr_bytes, 64);
	/* io_ticks is an unsigned int of milliseconds in the kernel */
	uint64_t tk = dlt(&dc, p->io_ticks_ms, c->io_ticks_ms, 32);

	if (dc.reset) {
		*reset |= IOV_MON_CTR_BLOCK;
		return;
	}
	o->rd_iops = rd / s;
	o->wr_iops = wr / s;
	o->iops = (rd + wr + dcn) / s;
	o->rd_bytes_per_s = rb / s;
	o->wr_bytes_per_s = wb / s;
	o->util_pct = tk / (s * 10.0);
	if (o->util_pct > 100)
		o->util_pct = 100;
}

static void net_rates(const struct iov_mon_counters *p, const struct iov_mon_counters *c,
		      double s, struct iov_mon_rates *o, unsigned *reset)
{
	struct delta_ctx dc = { false };
	uint64_t rb = dlt(&dc, p->rx_bytes, c->rx_bytes, 64), tb = dlt(&dc, p->tx_bytes, c->tx_bytes, 64);
	uint64_t rp = dlt(&dc, p->rx_packets, c->rx_packets, 64);
	uint64_t tp = dlt(&dc, p->tx_packets, c->tx_packets, 64);
	uint64_t dr = dlt(&dc, p->rx_dropped, c->rx_dropped, 64) + dlt(&dc, p->tx_dropped, c->tx_dropped, 64);

	if (dc.reset) {
		*reset |= IOV_MON_CTR_NET;
		return;
	}
	o->rx_bytes_per_s = rb / s;
	o->tx_bytes_per_s = tb / s;
	o->rx_packets_per_s = rp / s;
	o->tx_packets_per_s = tp / s;
	o->drops_per_s = dr / s;
}

static void aer_rates(const struct iov_mon_counters *p, const struct iov_mon_counters *c,
		      struct iov_mon_rates *o, unsigned *reset)
{
	struct delta_ctx dc = { false };
	uint64_t a = dlt(&dc, p->aer_cor + p->rp_cor, c->aer_cor + c->rp_cor, 64);
	uint64_t b = dlt(&dc, p->aer_nonfatal + p->rp_nonfatal, c->aer_nonfatal + c->rp_nonfatal, 64);
	uint64_t f = dlt(&dc, p->aer_fatal + p->rp_fatal, c->aer_fatal + c->rp_fatal, 64);

	if (dc.reset) {
		*reset |= IOV_MON_CTR_AER;
		return;
	}
	o->aer_cor = a;
	o->aer_nonfatal = b;
	o->aer_fatal = f;
}

static void vf_rates(const struct iov_mon_counters *p, const struct iov_mon_counters *c,
		     double s, struct iov_mon_rates *o, unsigned *reset)
{
	struct delta_ctx dc = { false };
	uint64_t rb = dlt(&dc, p->vf_rx_bytes, c->vf_rx_bytes, 64);
	uint64_t tb = dlt(&dc, p->vf_tx_bytes, c->vf_tx_bytes, 64);
	uint64_t dr = dlt(&dc, p->vf_rx_dropped, c->vf_rx_dropped, 64) +
		      dlt(&dc, p->vf_tx_dropped, c->vf_tx_dropped, 64);

	if (dc.reset) {
		*reset |= IOV_MON_CTR_VF_STATS;
		return;
	}
	o->vf_rx_bytes_per_s = rb / s;
	o->vf_tx_bytes_per_s = tb / s;
	o->vf_drops_per_s = dr / s;
}

void iov_mon_rates_compute(const struct iov_mon_counters *prev, const struct iov_mon_counters *cur,
			   uint64_t dt_ns, struct iov_mon_rates *out, unsigned *reset)
{
	double s = dt_ns / 1e9;

	iov_mon_rates_unknown(out);
	*reset = 0;
	if (!dt_ns)
		return;
	if (prev->has_block && cur->has_block)
		block_rates(prev, cur, s, out, reset);
	if (prev->has_net && cur->has_net)
		net_rates(prev, cur, s, out, reset);
	if (prev->has_irq && cur->has_irq) {
		uint64_t d;

		/* the sampler sums per-CPU deltas with 32-bit wrap; irqs is that running sum */
		if (iov_mon_delta(prev->irqs, cur->irqs, 64, &d) == IOV_MON_DELTA_RESET)
			*reset |= IOV_MON_CTR_IRQ;
		else
			out->irqs_per_s = d / s;
	}
	if ((prev->has_aer || prev->has_aer_rootport) && (cur->has_aer || cur->has_aer_rootport))
		aer_rates(prev, cur, out, reset);
	if (prev->has_vf_stats && cur->has_vf_stats)
		vf_rates(prev, cur, s, out, reset);
}

static void add1(double *a, double b)
{
	if (isnan(b))
		return;
	*a = isnan(*a) ? b : *a + b;
}

void iov_mon_rates_add(struct iov_mon_rates *a, const struct iov_mon_rates *b)
{
	add1(&a->iops, b->iops);
	add1(&a->rd_iops, b->rd_iops);
	add1(&a->wr_iops, b->wr_iops);
	add1(&a->rd_bytes_per_s, b->rd_bytes_per_s);
	add1(&a->wr_bytes_per_s, b->wr_bytes_per_s);
	/* utilisation does not add up: the busiest one is the function's */
	if (!isnan(b->util_pct) && (isnan(a->util_pct) || b->util_pct > a->util_pct))
		a->util_pct = b->util_pct;
	add1(&a->rx_bytes_per_s, b->rx_bytes_per_s);
	add1(&a->tx_bytes_per_s, b->tx_bytes_per_s);
	add1(&a->rx_packets_per_s, b->rx_packets_per_s);
	add1(&a->tx_packets_per_s, b->tx_packets_per_s);
	add1(&a->drops_per_s, b->drops_per_s);
	add1(&a->irqs_per_s, b->irqs_per_s);
	add1(&a->aer_cor, b->aer_cor);
	add1(&a->aer_nonfatal, b->aer_nonfatal);
	add1(&a->aer_fatal, b->aer_fatal);
	add1(&a->vf_rx_bytes_per_s, b->vf_rx_bytes_per_s);
	add1(&a->vf_tx_bytes_per_s, b->vf_tx_bytes_per_s);
	add1(&a->vf_drops_per_s, b->vf_drops_per_s);
}

/* ---- names --------------------------------------------------------------- */

static const char *const role_names[] = {
	[IOV_MON_ROLE_PF] = "pf", [IOV_MON_ROLE_VF] = "vf",
	[IOV_MON_ROLE_ENDPOINT] = "endpoint", [IOV_MON_ROLE_ROOT_PORT] = "root_port",
};

const char *iov_mon_role_str(enum iov_mon_role r)
{
	return (unsigned)r < sizeof(role_names) / sizeof(role_names[0]) ? role_names[r] : "?";
}

static const char *const state_names[] = {
	[IOV_MON_STATE_LIVE] = "live", [IOV_MON_STATE_RESETTING] = "resetting",
	[IOV_MON_STATE_UNBOUND] = "unbound", [IOV_MON_STATE_SUSPENDED] = "suspended",
	[IOV_MON_STATE_GONE] = "gone",
};

const char *iov_mon_state_str(enum iov_mon_state s)
{
	return (unsigned)s < sizeof(state_names) / sizeof(state_names[0]) ? state_names[s] : "?";
}

static const char *const event_names[IOV_MON_NEVENT_KINDS] = {
	[IOV_MON_EV_ADD] = "add", [IOV_MON_EV_REMOVE] = "remove",
	[IOV_MON_EV_BIND] = "bind", [IOV_MON_EV_UNBIND] = "unbind",
	[IOV_MON_EV_NUMVFS] = "numvfs", [IOV_MON_EV_LINK_DEGRADED] = "link_degraded",
	[IOV_MON_EV_LINK_RESTORED] = "link_restored", [IOV_MON_EV_AER] = "aer",
	[IOV_MON_EV_NVME_STATE] = "nvme_state", [IOV_MON_EV_COUNTER_RESET] = "counter_reset",
	[IOV_MON_EV_IRQ_OFF_NODE] = "irq_off_node",
};

const char *iov_mon_event_kind_str(enum iov_mon_event_kind k)
{
	return (unsigned)k < IOV_MON_NEVENT_KINDS ? event_names[k] : "?";
}

/* ---- columns, sort, filter ----------------------------------------------- */

static const char *const col_names[IOV_MON_NCOLS] = {
	[IOV_MON_COL_ADDRESS] = "address", [IOV_MON_COL_ROLE] = "role",
	[IOV_MON_COL_DRIVER] = "driver", [IOV_MON_COL_NODE] = "node",
	[IOV_MON_COL_GROUP] = "group", [IOV_MON_COL_LINK] = "link",
	[IOV_MON_COL_IOPS] = "iops", [IOV_MON_COL_MBPS] = "mbps",
	[IOV_MON_COL_UTIL] = "util", [IOV_MON_COL_RX] = "rx", [IOV_MON_COL_TX] = "tx",
	[IOV_MON_COL_DROPS] = "drops", [IOV_MON_COL_IRQS] = "irqs",
	[IOV_MON_COL_AER] = "aer", [IOV_MON_COL_STATE] = "state",
};

const char *iov_mon_col_name(enum iov_mon_col c)
{
	return (unsigned)c < IOV_MON_NCOLS ? col_names[c] : "?";
}

int iov_mon_col_parse(const char *s)
{
	int c;

	for (c = 0; c < IOV_MON_NCOLS; c++)
		if (strcasecmp(s, col_names[c]) == 0)
			return c;
	return -EINVAL;
}

static double aer_sum(const struct iov_mon_rates *r)
{
	double s = NAN;

	add1(&s, r->aer_cor);
	add1(&s, r->aer_nonfatal);
	add1(&s, r->aer_fatal);
	return s;
}

bool iov_mon_row_number(const struct iov_mon_row *r, enum iov_mon_col c, double *out)
{
	const struct iov_mon_rates *v = &r->sum;
	double x = NAN;

	switch (c) {
	case IOV_MON_COL_NODE:
		x = r->numa_node >= 0 ? r->numa_node : NAN;
		break;
	case IOV_MON_COL_GROUP:
		x = r->iommu_group >= 0 ? r->iommu_group : NAN;
		break;
	case IOV_MON_COL_LINK:
		/* bandwidth-ish: speed times width */
		x = r->link.speed_gts > 0 && r->link.width > 0 ? r->link.speed_gts * r->link.width : NAN;
		break;
	case IOV_MON_COL_IOPS:
		x = v->iops;
		break;
	case IOV_MON_COL_MBPS:
		x = v->rd_bytes_per_s;
		add1(&x, v->wr_bytes_per_s);
		break;
	case IOV_MON_COL_UTIL:
		x = v->util_pct;
		break;
	case IOV_MON_COL_RX:
		x = v->rx_bytes_per_s;
		break;
	case IOV_MON_COL_TX:
		x = v->tx_bytes_per_s;
		break;
	case IOV_MON_COL_DROPS:
		x = v->drops_per_s;
		break;
	case IOV_MON_COL_IRQS:
		x = v->irqs_per_s;
		break;
	case IOV_MON_COL_AER:
		x = aer_sum(v);
		break;
	default:
		return false;
	}
	*out = x;
	return !isnan(x);
}

static const char *row_text(const struct iov_mon_row *r, enum iov_mon_col c)
{
	switch (c) {
	case IOV_MON_COL_ROLE:
		return iov_mon_role_str(r->role);
	case IOV_MON_COL_DRIVER:
		return r->driver;
	case IOV_MON_COL_STATE:
		return iov_mon_state_str(r->state);
	default:
		return NULL;
	}
}

int iov_mon_row_cmp(const struct iov_mon_row *a, const struct iov_mon_row *b, enum iov_mon_col c)
{
	const char *ta = row_text(a, c), *tb = row_text(b, c);
	double x, y;
	bool kx, ky;
	int r;

	if (ta && tb) {
		r = strcmp(ta, tb);
		if (r)
			return r;
	} else if (c != IOV_MON_COL_ADDRESS) {
		kx = iov_mon_row_number(a, c, &x);
		ky = iov_mon_row_number(b, c, &y);
		if (kx != ky)
			return kx ? -1 : 1;
		if (kx && x != y) {
			/* node and group read best ascending; rates busiest first */
			if (c == IOV_MON_COL_NODE || c == IOV_MON_COL_GROUP)
				return x < y ? -1 : 1;
			return x > y ? -1 : 1;
		}
	}
	return iov_bdf_cmp(&a->bdf, &b->bdf);
}

static const char *const filter_keys[IOV_MON_NFILTER_KEYS] = {
	[IOV_MON_F_DRV] = "drv", [IOV_MON_F_NODE] = "node", [IOV_MON_F_ROLE] = "role",
	[IOV_MON_F_GROUP] = "group", [IOV_MON_F_PF] = "pf", [IOV_MON_F_STATE] = "state",
};

const char *iov_mon_filter_key_name(enum iov_mon_filter_key k)
{
	return (unsigned)k < IOV_MON_NFILTER_KEYS ? filter_keys[k] : "?";
}

static bool name_in(const char *v, const char *const *names, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (names[i] && strcmp(v, names[i]) == 0)
			return true;
	return false;
}

int iov_mon_filter_parse(const char *expr, struct iov_mon_filter *out)
{
	const char *eq = strchr(expr, '=');
	size_t klen;
	int k;
	char *end;

	memset(out, 0, sizeof(*out));
	if (!eq || eq == expr || !eq[1] || strlen(eq + 1) >= sizeof(out->value))
		return -EINVAL;
	klen = eq - expr;
	for (k = 0; k < IOV_MON_NFILTER_KEYS; k++)
		if (strlen(filter_keys[k]) == klen && strncmp(expr, filter_keys[k], klen) == 0)
			break;
	if (k == IOV_MON_NFILTER_KEYS)
		return -EINVAL;
	out->key = k;
	strcpy(out->value, eq + 1);
	switch (out->key) {
	case IOV_MON_F_NODE:
	case IOV_MON_F_GROUP:
		errno = 0;
		out->num = strtoll(out->value, &end, 10);
		if (errno || *end || out->num < -1)
			return -EINVAL;
		break;
	case IOV_MON_F_PF:
		return iov_bdf_parse(out->value, &out->bdf);
	case IOV_MON_F_ROLE:
		return name_in(out->value, role_names, sizeof(role_names) / sizeof(role_names[0])) ?
			0 : -EINVAL;
	case IOV_MON_F_STATE:
		return name_in(out->value, state_names, sizeof(state_names) / sizeof(state_names[0])) ?
			0 : -EINVAL;
	default:
		break;
	}
	return 0;
}

static bool filter_match(const struct iov_mon_filter *f, const struct iov_mon_row *r)
{
	struct iov_bdf pf;

	switch (f->key) {
	case IOV_MON_F_DRV:
		if (strcmp(f->value, "none") == 0)
			return !r->driver[0];
		return strcmp(f->value, r->driver) == 0;
	case IOV_MON_F_NODE:
		return r->numa_node == f->num;
	case IOV_MON_F_ROLE:
		return strcmp(f->value, iov_mon_role_str(r->role)) == 0;
	case IOV_MON_F_GROUP:
		return r->iommu_group == f->num;
	case IOV_MON_F_PF:
		if (iov_bdf_cmp(&r->bdf, &f->bdf) == 0)
			return true;
		return r->physfn[0] && iov_bdf_parse(r->physfn, &pf) == 0 &&
		       iov_bdf_cmp(&pf, &f->bdf) == 0;
	case IOV_MON_F_STATE:
		return strcmp(f->value, iov_mon_state_str(r->state)) == 0;
	default:
		return false;
	}
}

bool iov_mon_filters_match(const struct iov_mon_filter *f, size_t n, const struct iov_mon_row *r)
{
	unsigned k;
	size_t i;

	for (k = 0; k < IOV_MON_NFILTER_KEYS; k++) {
		bool any = false, hit = false;

		for (i = 0; i < n; i++) {
			if (f[i].key != k)
				continue;
			any = true;
			if (filter_match(&f[i], r)) {
				hit = true;
				break;
			}
		}
		if (any && !hit)
			return false;
	}
	return true;
}

static bool moved(double v)
{
	return !isnan(v) && v > 0;
}

bool iov_mon_row_active(const struct iov_mon_row *r)
{
	const struct iov_mon_rates *v = &r->rate;

	return r->reset || moved(v->iops) || moved(v->rd_bytes_per_s) || moved(v->wr_bytes_per_s) ||
	       moved(v->rx_packets_per_s) || moved(v->tx_packets_per_s) ||
	       moved(v->rx_bytes_per_s) || moved(v->tx_bytes_per_s) || moved(v->drops_per_s) ||
	       moved(v->irqs_per_s) || moved(aer_sum(v)) || moved(v->vf_rx_bytes_per_s) ||
	       moved(v->vf_tx_bytes_per_s) || (!isnan(v->util_pct) && v->util_pct > 0);
}
