/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The monitor's sampler: per PCI function, the counters and state that
 * `iovctl monitor` shows (block I/O, netdev counters, interrupts, AER, link,
 * power, NVMe controller state, VF count, driver), sampled on the monotonic
 * clock, turned into rates by a pure delta function, and the events between
 * samples. Sample -> delta here; draw in cmd/. Nothing here prints.
 *
 * Files are opened once and pread each refresh; /proc/interrupts is read
 * once per refresh. Everything is read under the context's sysfs and proc
 * roots.
 *
 * Unknown values: a rate or gauge that is not known (first sample, after a
 * reset, the function has no such counter) is NAN; test with
 * iov_mon_known(). Counters that are not present have their has_* flag off.
 */
#ifndef IOV_MONITOR_H
#define IOV_MONITOR_H

#include <math.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "iov.h"

struct iov_mon;

static inline bool iov_mon_known(double v)
{
	return !isnan(v);
}

/* ---- counters and the delta function ------------------------------------- */

enum iov_mon_delta_status {
	IOV_MON_DELTA_OK = 0,
	IOV_MON_DELTA_WRAP,	/* went down by less than half its range: wrapped */
	IOV_MON_DELTA_RESET,	/* went down otherwise: reset, no delta */
};

/*
 * Delta of a counter `bits` wide (32 or 64) from old to new. A counter that
 * went down is a wrap when the modular difference is below half the range
 * (a 32-bit IRQ count passing 2^32), else a reset (*delta = 0).
 */
enum iov_mon_delta_status iov_mon_delta(uint64_t old, uint64_t now, unsigned bits,
					uint64_t *delta);

/* One block device's stat line (11, 15 or 17 fields). */
struct iov_mon_blkstat {
	uint64_t rd_ios, rd_merges, rd_sectors, rd_ticks;	/* sectors of 512 bytes, ticks in ms */
	uint64_t wr_ios, wr_merges, wr_sectors, wr_ticks;
	uint64_t in_flight, io_ticks, time_in_queue;
	uint64_t dc_ios, dc_merges, dc_sectors, dc_ticks;	/* discard: 15+ fields */
	uint64_t fl_ios, fl_ticks;				/* flush: 17 fields */
	unsigned nfields;
};
/* Parse a block/.../stat line. 0 or -EINVAL (not 11, 15 or 17 numbers). */
int iov_mon_parse_blkstat(const char *line, struct iov_mon_blkstat *out);

/*
 * /proc/interrupts, parsed: the header's CPU columns (online CPUs) and, per
 * numbered IRQ, the sum of its per-CPU counts with 32-bit wrap handled per
 * column against the previous parse (see iov_mon_irqtab_parse).
 */
struct iov_mon_irqtab {
	unsigned *cpu;		/* CPU numbers of the columns */
	unsigned ncpu;
	unsigned max_irq;	/* entries in the arrays below: irq numbers 0..max_irq-1 */
	uint32_t *percpu;	/* [irq * ncpu + col], as read */
	bool *present;		/* [irq] line seen */
	size_t cap;		/* allocated irq slots */
};
/*
 * Parse the text of /proc/interrupts into t (replacing its contents).
 * 0, -EINVAL (no CPU header) or -ENOMEM.
 */
int iov_mon_irqtab_parse(struct iov_mon_irqtab *t, const char *text);
void iov_mon_irqtab_free(struct iov_mon_irqtab *t);
/* Sum of one IRQ's columns; false when the IRQ has no line. */
bool iov_mon_irqtab_sum(const struct iov_mon_irqtab *t, unsigned irq, uint64_t *sum);

/* "16.0 GT/s PCIe" / "8 GT/s" / "Unknown" -> GT/s; 0 when unknown. */
double iov_mon_parse_link_speed(const char *s);

/* Raw counters of one function at one sample (sums over its disks/netdevs). */
struct iov_mon_counters {
	bool has_block, has_net, has_irq, has_aer, has_aer_rootport, has_vf_stats;
	uint64_t rd_ios, wr_ios, dc_ios;	/* block, completed requests */
	uint64_t rd_bytes, wr_bytes;
	uint64_t io_ticks_ms;		/* the busiest disk's io_ticks (32-bit, ms) */
	uint64_t in_flight;		/* gauge */
	uint64_t rx_bytes, tx_bytes, rx_packets, tx_packets, rx_dropped, tx_dropped;
	uint64_t irqs;			/* sum over the function's vectors */
	uint64_t aer_cor, aer_nonfatal, aer_fatal;	/* TOTAL_ERR_* of aer_dev_* */
	uint64_t rp_cor, rp_nonfatal, rp_fatal;		/* aer_rootport_total_err_* */
	/* --vf-stats: what the PF reports for this VF over rtnetlink */
	uint64_t vf_rx_bytes, vf_tx_bytes, vf_rx_packets, vf_tx_packets;
	uint64_t vf_rx_dropped, vf_tx_dropped;
};

/* Rates between two samples; NAN where unknown. */
struct iov_mon_rates {
	double iops;			/* reads + writes + discards per second */
	double rd_iops, wr_iops;
	double rd_bytes_per_s, wr_bytes_per_s;
	double util_pct;		/* busiest disk: io_ticks share of the interval, 0..100 */
	double rx_bytes_per_s, tx_bytes_per_s, rx_packets_per_s, tx_packets_per_s;
	double drops_per_s;		/* rx_dropped + tx_dropped */
	double irqs_per_s;
	double aer_cor, aer_nonfatal, aer_fatal;	/* errors since the previous sample (deltas) */
	double vf_rx_bytes_per_s, vf_tx_bytes_per_s;	/* --vf-stats */
	double vf_drops_per_s;		/* not passed on by libnl-route-3: unknown for now */
};

/*
 * The pure delta function: rates from two samples dt_ns apart. Sets
 * *reset to a bitmask of IOV_MON_CTR_* whose counters went down (their
 * rates NAN). Rates whose counters are absent in either sample are NAN.
 */
enum {
	IOV_MON_CTR_BLOCK = 1 << 0,
	IOV_MON_CTR_NET = 1 << 1,
	IOV_MON_CTR_IRQ = 1 << 2,
	IOV_MON_CTR_AER = 1 << 3,
	IOV_MON_CTR_VF_STATS = 1 << 4,
};
void iov_mon_rates_compute(const struct iov_mon_counters *prev, const struct iov_mon_counters *cur,
			   uint64_t dt_ns, struct iov_mon_rates *out, unsigned *reset);
void iov_mon_rates_unknown(struct iov_mon_rates *r);
/* a += b, where a value known in b counts (unknown + known = known). */
void iov_mon_rates_add(struct iov_mon_rates *a, const struct iov_mon_rates *b);

/* ---- per-VF counters of a PF over rtnetlink (monitor-vf.c) --------------- */

struct iov_mon_vf_stat {
	uint32_t vf;			/* VF index */
	bool known;			/* the driver reported IFLA_VF_STATS */
	uint64_t rx_bytes, tx_bytes, rx_packets, tx_packets;
};
/*
 * Ask the kernel for ifname's VFs (RTM_GETLINK with RTEXT_FILTER_VF) and
 * fill up to max entries; 0 or -errno (-ENODEV: no such netdev).
 */
int iov_mon_vf_stats_query(const char *ifname, struct iov_mon_vf_stat *out, size_t max, size_t *n);
/* The same from an RTM_NEWLINK message (for tests). 0 or -EINVAL. */
int iov_mon_vf_stats_decode(const void *buf, size_t len, struct iov_mon_vf_stat *out, size_t max,
			    size_t *n);

/* ---- rows --------------------------------------------------------------- */

enum iov_mon_role {
	IOV_MON_ROLE_PF = 0,		/* SR-IOV capable function (sriov_totalvfs) */
	IOV_MON_ROLE_VF,
	IOV_MON_ROLE_ENDPOINT,		/* any other non-bridge function */
	IOV_MON_ROLE_ROOT_PORT,		/* shown for its aer_rootport_* counters */
};
/* "pf", "vf", "endpoint", "root_port" (the JSON convention) */
const char *iov_mon_role_str(enum iov_mon_role r);

enum iov_mon_state {
	IOV_MON_STATE_LIVE = 0,
	IOV_MON_STATE_RESETTING,	/* NVMe controller not live (see nvme_state) */
	IOV_MON_STATE_UNBOUND,		/* no driver */
	IOV_MON_STATE_SUSPENDED,	/* runtime-suspended */
	IOV_MON_STATE_GONE,		/* vanished since the previous sample */
};
/* "live", "resetting", "unbound", "suspended", "gone" */
const char *iov_mon_state_str(enum iov_mon_state s);

struct iov_mon_row {
	char addr[IOV_BDF_STRLEN];	/* "0000:81:00.1" */
	struct iov_bdf bdf;
	enum iov_mon_role role;
	int vf_index;			/* VF: N of the PF's virtfnN; -1 otherwise */
	char physfn[IOV_BDF_STRLEN];	/* VF: its PF's address; "" otherwise */
	struct iov_mon_row *pf;		/* VF: its PF row, NULL if not monitored */
	struct iov_mon_row **vfs;	/* PF: its VF rows, by vf_index order */
	unsigned nvfs;

	char driver[64];		/* "" unbound */
	int numa_node;			/* -1 unknown */
	int iommu_group;		/* -1 none */
	struct iov_link link;		/* 0 where unknown (e.g. not read while suspended) */
	bool link_degraded;		/* below its maximum speed or width */
	char power_state[12];		/* "D0", "D3hot"; "" unknown */
	char runtime_status[16];	/* "active", "suspended"; "" unknown */
	char nvme_state[16];		/* first NVMe controller's state; "" none */
	long long numvfs;		/* PF: sriov_numvfs; -1 otherwise */
	long long totalvfs;		/* PF: sriov_totalvfs; -1 otherwise */
	enum iov_mon_state state;

	unsigned nvectors;		/* msi_irqs entries */
	unsigned irqs_off_node;		/* vectors whose effective affinity is off numa_node */

	struct iov_mon_counters ctr;	/* as last read */
	struct iov_mon_rates rate;	/* this function's own */
	struct iov_mon_rates sum;	/* PF: own plus its VFs; else = rate */
	unsigned reset;			/* IOV_MON_CTR_* that reset at the last sample */
	bool first;			/* first sample of this function: rates unknown */
};

/* ---- columns, sort and filter -------------------------------------------- */

enum iov_mon_col {
	IOV_MON_COL_ADDRESS = 0,
	IOV_MON_COL_ROLE,
	IOV_MON_COL_DRIVER,
	IOV_MON_COL_NODE,
	IOV_MON_COL_GROUP,
	IOV_MON_COL_LINK,
	IOV_MON_COL_IOPS,
	IOV_MON_COL_MBPS,
	IOV_MON_COL_UTIL,
	IOV_MON_COL_RX,
	IOV_MON_COL_TX,
	IOV_MON_COL_DROPS,
	IOV_MON_COL_IRQS,
	IOV_MON_COL_AER,
	IOV_MON_COL_STATE,
	IOV_MON_NCOLS,
};
/* "address", "role", ..., as --sort takes them */
const char *iov_mon_col_name(enum iov_mon_col c);
/* the column named s, or -EINVAL */
int iov_mon_col_parse(const char *s);
/*
 * Numeric value of a column for sorting (PF rows use .sum): false when
 * unknown or the column is textual.
 */
bool iov_mon_row_number(const struct iov_mon_row *r, enum iov_mon_col c, double *out);
/*
 * Order of two rows by a column: numeric columns descending (busiest
 * first, unknown last), text columns ascending, ties by address.
 */
int iov_mon_row_cmp(const struct iov_mon_row *a, const struct iov_mon_row *b, enum iov_mon_col c);

enum iov_mon_filter_key {
	IOV_MON_F_DRV = 0,	/* drv=vfio-pci; drv=none: unbound */
	IOV_MON_F_NODE,		/* node=1; node=-1: unknown */
	IOV_MON_F_ROLE,		/* role=pf|vf|endpoint|root_port */
	IOV_MON_F_GROUP,	/* group=12 */
	IOV_MON_F_PF,		/* pf=0000:81:00.0: that PF and its VFs */
	IOV_MON_F_STATE,	/* state=live|resetting|unbound|suspended|gone */
	IOV_MON_NFILTER_KEYS,
};
const char *iov_mon_filter_key_name(enum iov_mon_filter_key k);

struct iov_mon_filter {
	enum iov_mon_filter_key key;
	char value[64];
	long long num;		/* node, group */
	struct iov_bdf bdf;	/* pf */
};
/* "key=value". 0, or -EINVAL (no '=', unknown key, bad value). */
int iov_mon_filter_parse(const char *expr, struct iov_mon_filter *out);
/*
 * A row passes when, for every key filtered, it matches one of that key's
 * filters (filters of one key OR, of different keys AND).
 */
bool iov_mon_filters_match(const struct iov_mon_filter *f, size_t n, const struct iov_mon_row *r);
/* Activity since the previous sample: I/O, traffic, interrupts, AER, resets. */
bool iov_mon_row_active(const struct iov_mon_row *r);

/* ---- events ------------------------------------------------------------- */

enum iov_mon_event_kind {
	IOV_MON_EV_ADD = 0,
	IOV_MON_EV_REMOVE,
	IOV_MON_EV_BIND,		/* to: the driver */
	IOV_MON_EV_UNBIND,		/* from: the driver */
	IOV_MON_EV_NUMVFS,		/* old -> new */
	IOV_MON_EV_LINK_DEGRADED,
	IOV_MON_EV_LINK_RESTORED,
	IOV_MON_EV_AER,			/* old -> new (sum of the three totals) */
	IOV_MON_EV_NVME_STATE,		/* from -> to */
	IOV_MON_EV_COUNTER_RESET,	/* from: which counters */
	IOV_MON_EV_IRQ_OFF_NODE,	/* old -> new vectors off the node */
	IOV_MON_NEVENT_KINDS,
};
/* "add", "remove", "bind", "unbind", "numvfs", "link_degraded", ... */
const char *iov_mon_event_kind_str(enum iov_mon_event_kind k);

struct iov_mon_event {
	uint64_t seq;			/* 1, 2, ... over the sampler's life */
	uint64_t mono_ns;		/* time of the refresh that saw it */
	enum iov_mon_event_kind kind;
	char addr[IOV_BDF_STRLEN];
	char from[64], to[64];		/* textual old/new ("nvme", "16 GT/s x16"); "" none */
	long long old_val, new_val;	/* numeric old/new where they apply; -1 otherwise */
	char text[160];			/* one line for people: "sriov_numvfs 4 -> 0" */
};

/* ---- the sampler -------------------------------------------------------- */

struct iov_mon_opts {
	const struct iov_bdf *select;	/* functions to show (VFs of a selected PF included); NULL all */
	size_t nselect;
	bool vf_stats;			/* poll IFLA_VF_STATS of PF netdevs */
	unsigned slow_every;		/* refreshes between slow polls (VF stats, IRQ affinity); 0: 5 */
	unsigned events_max;		/* events kept; 0: 1000 */
};

/* Open a sampler; takes no sample yet. 0 or -errno. */
int iov_mon_open(struct iov_ctx *ctx, const struct iov_mon_opts *opts, struct iov_mon **out);
void iov_mon_close(struct iov_mon *m);

/*
 * Take a sample now (CLOCK_MONOTONIC), or at a given monotonic time (tests
 * step time this way). Rows, rates and events are updated. 0 or -errno
 * (-ENOMEM; a vanished function is an event, never an error).
 */
int iov_mon_refresh(struct iov_mon *m);
int iov_mon_refresh_at(struct iov_mon *m, uint64_t mono_ns);
/* Samples taken so far; the monotonic time and CPU cost (ns) of the last. */
unsigned iov_mon_samples(const struct iov_mon *m);
uint64_t iov_mon_last_ns(const struct iov_mon *m);
uint64_t iov_mon_last_cost_ns(const struct iov_mon *m);
/* Seconds between the last two samples; 0 before the second. */
double iov_mon_interval(const struct iov_mon *m);

/*
 * Rows in display order: each PF followed by its VFs, sorted (see
 * iov_mon_set_sort), gone rows kept for the sample after they vanished.
 */
size_t iov_mon_nrows(const struct iov_mon *m);
struct iov_mon_row *iov_mon_row_at(const struct iov_mon *m, size_t i);
/* The row of an address, NULL if not monitored. */
struct iov_mon_row *iov_mon_find(const struct iov_mon *m, const struct iov_bdf *bdf);
void iov_mon_set_sort(struct iov_mon *m, enum iov_mon_col c);
enum iov_mon_col iov_mon_sort(const struct iov_mon *m);

/* Counts over the current rows (gone ones excluded). */
struct iov_mon_totals {
	unsigned pfs, vfs, other;
};
void iov_mon_totals(const struct iov_mon *m, struct iov_mon_totals *out);

/*
 * Events kept (oldest first, at most events_max); *nnew of them, at the
 * end, were raised by the last refresh.
 */
const struct iov_mon_event *iov_mon_events(const struct iov_mon *m, size_t *n, size_t *nnew);

#endif /* IOV_MONITOR_H */
