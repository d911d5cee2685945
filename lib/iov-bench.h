/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * libiov bench: block I/O benchmark of files, block devices and the block
 * devices under PCI functions, with io_uring and NUMA-pinned threads.
 * Like the rest of libiov, nothing here prints or exits.
 */
#ifndef IOV_BENCH_H
#define IOV_BENCH_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "iov.h"

/* ---- log-linear latency histogram (stats.c) ------------------------------ */

/*
 * HDR-style: values below 128 have a bucket each; above, every power of two
 * [2^k, 2^k+1) is split into 64 equal buckets, so a bucket is at most 1/64
 * of its lower bound wide and its midpoint is within 1/128 (0.78%) of any
 * value in it. Fixed memory, merged by adding counts.
 */
#define IOV_HIST_SUB_BITS 7
#define IOV_HIST_SUB (1u << IOV_HIST_SUB_BITS)		/* 128 */
#define IOV_HIST_HALF (IOV_HIST_SUB / 2)			/* 64 */
#define IOV_HIST_MAX_SHIFT 36				/* exact range: < 2^43 ns */
#define IOV_HIST_BUCKETS ((IOV_HIST_MAX_SHIFT + 2) * IOV_HIST_HALF)
#define IOV_HIST_REL_ERROR (1.0 / IOV_HIST_SUB)		/* worst case, midpoints */

struct iov_hist {
	uint64_t count;
	uint64_t min;			/* ns; UINT64_MAX when empty */
	uint64_t max;			/* ns */
	uint64_t sum;			/* ns */
	unsigned __int128 sumsq;	/* ns^2, exact */
	uint64_t buckets[IOV_HIST_BUCKETS];
};

static inline unsigned iov_hist_index(uint64_t v)
{
	unsigned msb, shift;

	if (v < IOV_HIST_SUB)
		return (unsigned)v;
	msb = 63 - (unsigned)__builtin_clzll(v);
	shift = msb - (IOV_HIST_SUB_BITS - 1);
	if (shift > IOV_HIST_MAX_SHIFT)
		return IOV_HIST_BUCKETS - 1;
	return shift * IOV_HIST_HALF + (unsigned)(v >> shift);
}

static inline void iov_hist_add(struct iov_hist *h, uint64_t v)
{
	h->buckets[iov_hist_index(v)]++;
	h->count++;
	h->sum += v;
	h->sumsq += (unsigned __int128)v * v;
	if (v < h->min)
		h->min = v;
	if (v > h->max)
		h->max = v;
}

void iov_hist_init(struct iov_hist *h);
void iov_hist_merge(struct iov_hist *dst, const struct iov_hist *src);
/* Lowest value of bucket idx and its width; the value a bucket reports. */
uint64_t iov_hist_bucket_low(unsigned idx);
uint64_t iov_hist_bucket_width(unsigned idx);
double iov_hist_bucket_value(unsigned idx);
/* Nearest-rank percentile (0 < p <= 100) in ns; 0 when empty. */
double iov_hist_percentile(const struct iov_hist *h, double p);
double iov_hist_mean(const struct iov_hist *h);
double iov_hist_stddev(const struct iov_hist *h);	/* sample stddev */
unsigned iov_hist_used_buckets(const struct iov_hist *h);
/*
 * dst = a - b, bucket by bucket, for b an earlier state of a (what was added
 * in between); dst may be a. Only buckets are kept: min and max become the
 * bounds of the lowest and highest buckets used, and sum and sumsq are 0.
 */
void iov_hist_sub(struct iov_hist *dst, const struct iov_hist *a, const struct iov_hist *b);

/* Jain's fairness index of n throughputs: 1 = equal, 1/n = one takes all. */
double iov_bench_jain(const double *x, size_t n);

/* ---- options ------------------------------------------------------------- */

enum iov_bench_rw {
	IOV_BENCH_READ,
	IOV_BENCH_WRITE,
	IOV_BENCH_RANDREAD,
	IOV_BENCH_RANDWRITE,
	IOV_BENCH_RANDRW,
};

enum iov_bench_pin {
	IOV_BENCH_PIN_AUTO,	/* CPUs of the target's NUMA node, when known */
	IOV_BENCH_PIN_CPUS,	/* the given CPU list */
	IOV_BENCH_PIN_NODE,	/* CPUs of the given node */
	IOV_BENCH_PIN_NONE,
};

enum iov_bench_verify {
	IOV_BENCH_VERIFY_NONE,
	IOV_BENCH_VERIFY_WRITE,	/* write a pattern, then read back what was written */
	IOV_BENCH_VERIFY_ONLY,	/* only read the region back and check the pattern */
};

#define IOV_MAX_CPUS 1024
struct iov_cpuset {
	uint64_t bits[IOV_MAX_CPUS / 64];
};

static inline void iov_cpuset_set(struct iov_cpuset *s, unsigned cpu)
{
	if (cpu < IOV_MAX_CPUS)
		s->bits[cpu / 64] |= 1ull << (cpu % 64);
}

static inline bool iov_cpuset_isset(const struct iov_cpuset *s, unsigned cpu)
{
	return cpu < IOV_MAX_CPUS && (s->bits[cpu / 64] >> (cpu % 64)) & 1;
}

bool iov_cpuset_empty(const struct iov_cpuset *s);
/* "0-3,8" <-> set. Parse returns 0 or -EINVAL; format truncates safely. */
int iov_cpuset_parse(struct iov_cpuset *s, const char *list);
void iov_cpuset_format(const struct iov_cpuset *s, char *buf, size_t len);

/* What an engine can do, so that callers ask for a capability, not a name. */
enum iov_bench_engine_cap {
	IOV_BENCH_ENG_MOVES_DATA = 1 << 0,	/* real I/O: a written pattern can be verified */
	IOV_BENCH_ENG_RING = 1 << 1,		/* fixed buffers and files, SQ polling, I/O polling */
	IOV_BENCH_ENG_SYNTHETIC = 1 << 2,	/* needs no device: runs on made-up targets */
};

/* The i-th engine's name, NULL past the last (the first is the default). */
const char *iov_bench_engine_name(size_t i);
/* The IOV_BENCH_ENG_* of the engine called name, or -ENOENT. */
int iov_bench_engine_caps(const char *name);

struct iov_bench_opts {
	const char *engine;		/* an iov_bench_engine_name(); NULL: the default */
	enum iov_bench_rw rw;
	unsigned rwmix_read;		/* percent reads in randrw */
	uint32_t bs;			/* bytes per I/O */
	unsigned qd;			/* I/Os in flight per job */
	unsigned jobs;			/* threads per target */
	uint64_t runtime_ns;		/* 0: until size or ios are done */
	uint64_t ramp_ns;		/* warm-up, not in the results */
	uint64_t size;			/* bytes of the target used; 0: all of it */
	uint64_t ios;			/* I/Os per job; 0: size / bs (one pass) */
	bool direct;			/* O_DIRECT */
	bool fixed_buffers;		/* registered buffers */
	bool fixed_files;		/* registered file */
	bool sqpoll;			/* kernel submission thread */
	int sqpoll_cpu;			/* its CPU; -1: kernel's choice */
	bool iopoll;			/* polled completions */
	unsigned batch_submit;		/* most SQEs per submit; 0: qd */
	unsigned batch_complete;	/* completions to wait for; 0: 1 */
	enum iov_bench_pin pin;
	struct iov_cpuset cpus;		/* IOV_BENCH_PIN_CPUS */
	int numa_node;			/* IOV_BENCH_PIN_NODE */
	enum iov_bench_verify verify;
	uint64_t seed;			/* random offsets and verify pattern */
	bool allow_write;		/* --write: without it writes are refused */
	bool live_hist;			/* keep a histogram readable while running */
	uint64_t interval_ns;		/* intervals for iov_bench_watch(); 0: none */
};

void iov_bench_opts_init(struct iov_bench_opts *o);
int iov_bench_parse_rw(const char *s, enum iov_bench_rw *rw);
const char *iov_bench_rw_name(enum iov_bench_rw rw);
bool iov_bench_rw_writes(enum iov_bench_rw rw);
/* "4k", "1M", "2g", "512" (bytes; k = 1024). */
int iov_bench_parse_size(const char *s, uint64_t *bytes);
/* "10s", "500ms", "2m", "1h", "250us"; a bare number is seconds. */
int iov_bench_parse_time(const char *s, uint64_t *ns);

/* ---- targets (blockdev.c) ------------------------------------------------ */

enum iov_bench_kind {
	IOV_TARGET_FILE,
	IOV_TARGET_BLOCK,
	IOV_TARGET_NULL,	/* the null engine: no device at all */
};

struct iov_bench_target {
	char name[128];		/* what reports show */
	char path[PATH_MAX];	/* what is opened */
	enum iov_bench_kind kind;
	char blk[64];		/* kernel name ("nvme0n1"); "" for files */
	unsigned major, minor;	/* of the block device (files: of their fs) */
	uint64_t ino;		/* of a file; 0 for a block device */
	uint64_t size;		/* bytes */
	uint32_t dio_align;	/* O_DIRECT offset/size alignment, bytes */
	bool io_poll;		/* the queue has poll queues */
	char bdf[IOV_BDF_STRLEN];	/* PCI function, "" when none */
	char pf[IOV_BDF_STRLEN];	/* its PF when it is a VF, else "" */
	int vf;			/* VF index under pf, -1 */
	int numa_node;		/* -1: unknown */
	char driver[32];	/* driver of the PCI function, or "loop", ... */
	/*
	 * The narrowest link between the function and its root port, as
	 * topology computes it (iov_bench_link_ceilings); 0 when unknown.
	 */
	double link_gbps;	/* GB/s (1e9 bytes/s) after line coding */
	double link_gts;	/* that link's speed, GT/s */
	int link_width;		/* and lanes */
	char link_at[IOV_BDF_STRLEN];	/* the function reporting that link */
	/*
	 * An NVMe namespace reached through a multipath head that has this
	 * function's controller as its only path: "nvme2", "nvme0c2n1".
	 */
	char nvme_ctrl[32];
	char nvme_path[64];
};

/* A namespace path (nvmeXcYnZ) of a function's NVMe controller. */
struct iov_bench_nvme_path {
	char ctrl[32];		/* "nvme2" */
	char path[64];		/* "nvme0c2n1": no device node of its own */
	char head[64];		/* "nvme0n1": the multipath head */
	unsigned npaths;	/* paths of that head, this one included */
};

/*
 * The namespace paths under a PCI function, up to max; returns how many.
 * With native NVMe multipath a namespace shared by controllers (a PF and
 * its VFs) is one head disk; each controller's path has no device node.
 */
int iov_bench_nvme_paths(struct iov_ctx *ctx, const char *bdf, struct iov_bench_nvme_path *out,
			 size_t max);

/*
 * Resolve a command-line target: a path (block device or regular file), a
 * PCI function ("0000:3b:00.2", "3b:00.2") or "PF/vfN". A PCI function gives
 * every whole-disk block device under it. *out is malloc'd.
 * -ENOENT: no such path or function; -ENODEV: a function with no disks.
 * create_size > 0 creates a missing regular file of that size.
 */
int iov_bench_resolve(struct iov_ctx *ctx, const char *spec, uint64_t create_size,
		      struct iov_bench_target **out, size_t *n);
/* The block devices of every VF of a PF; -ENODEV when it has no VFs. */
int iov_bench_resolve_all_vfs(struct iov_ctx *ctx, const char *pf,
			      struct iov_bench_target **out, size_t *n);

/*
 * Fill the link_* fields of every target under a PCI function from the PCI
 * tree (one scan for all). 0, or -errno when the tree cannot be read (the
 * fields stay 0: unknown).
 */
int iov_bench_link_ceilings(struct iov_ctx *ctx, struct iov_bench_target *t, size_t n);

/* Why writing to a block device would be unsafe. */
struct iov_bench_safety {
	char mounted[PATH_MAX];	/* mount point of it or a partition, "" */
	char mounted_dev[64];	/* which of them is mounted */
	char holder[64];	/* a holder (dm, md, ...) of it or a partition */
	char sig_type[32];	/* blkid TYPE or PTTYPE found, "" */
	char sig_usage[32];	/* "filesystem", "partition table", "raid", ... */
};
/* Fill *s for a block device target (files and null: all empty). 0 or -errno. */
int iov_bench_target_safety(struct iov_ctx *ctx, const struct iov_bench_target *t,
			    struct iov_bench_safety *s);

/* ---- running (bench.c) --------------------------------------------------- */

struct iov_bench_lat {
	uint64_t min_ns, max_ns;
	double mean_ns, stddev_ns;
	double p50_ns, p90_ns, p99_ns, p999_ns, p9999_ns;
};

/* Where a job ran. */
struct iov_bench_place {
	bool pinned;			/* affinity was set */
	struct iov_cpuset allowed;	/* CPUs it was allowed */
	struct iov_cpuset used;		/* CPUs it was seen on */
	int buffer_node;		/* node its buffers are on; -1 unknown */
};

struct iov_bench_result {
	uint64_t ios;			/* full completions, in the measured window */
	uint64_t bytes;			/* = ios * bs */
	uint64_t reads, writes;		/* of ios */
	uint64_t short_ios;		/* completions with 0 <= res < bs */
	uint64_t short_bytes;		/* bytes those moved */
	uint64_t errors;		/* completions with res < 0 */
	int first_error;		/* -errno of the first, 0 */
	uint64_t first_error_off;	/* its offset */
	uint64_t runtime_ns;		/* measured window, longest job */
	double iops, bw;		/* per second; bw in bytes */
	struct iov_bench_lat lat;
	double usr_s, sys_s;		/* CPU time of the job threads */
	uint64_t verify_blocks;		/* blocks read back and checked */
	uint64_t verify_errors;		/* of those, differing */
	uint64_t verify_first_bad;	/* offset of the first, bytes */
	unsigned njobs;
	struct iov_bench_place place;	/* union over the jobs */
	struct iov_hist hist;
};

enum iov_bench_phase {
	IOV_BENCH_PH_SETUP,
	IOV_BENCH_PH_RAMP,
	IOV_BENCH_PH_RUN,
	IOV_BENCH_PH_VERIFY,
	IOV_BENCH_PH_DONE,
};

/* Live totals over all jobs, cheap to take while the run goes on. */
struct iov_bench_progress {
	enum iov_bench_phase phase;	/* the least advanced job's */
	uint64_t ios, bytes, errors;
	uint64_t lat_sum_ns;		/* for a mean over an interval */
	uint64_t elapsed_ns;		/* since measurement began */
};

struct iov_bench_run;

/*
 * Check the options against every target and prepare a run; nothing is
 * opened yet. A target given twice (one device or file under two names)
 * is -EINVAL. On -EINVAL/-EPERM/-EOPNOTSUPP, why says exactly what is wrong.
 */
int iov_bench_new(struct iov_ctx *ctx, const struct iov_bench_opts *o,
		  const struct iov_bench_target *t, size_t n,
		  struct iov_bench_run **out, char *why, size_t whylen);
/* Open, allocate and start every job. On error, why names the target. */
int iov_bench_start(struct iov_bench_run *r, char *why, size_t whylen);
/* Ask every job to stop; async-signal-safe. */
void iov_bench_stop(struct iov_bench_run *r);
bool iov_bench_finished(struct iov_bench_run *r);
void iov_bench_progress(struct iov_bench_run *r, struct iov_bench_progress *p);
/*
 * With opts.live_hist: the latency buckets of every measured I/O so far, over
 * all jobs, as iov_hist_sub() leaves them (buckets, count, min, max). Diff two
 * of them for the latency distribution of an interval.
 */
void iov_bench_live_hist(struct iov_bench_run *r, struct iov_hist *h);
/*
 * One interval of a run with opts.interval_ns; times are ns since the
 * measurement began (after the ramp). Interval k is due at k * interval_ns.
 */
struct iov_bench_interval {
	unsigned index;			/* k: 1, 2, ... */
	uint64_t deadline_ns;		/* k * interval_ns */
	uint64_t start_ns, end_ns;	/* the time it covers; end: when it was taken */
	uint64_t ios, bytes;		/* completed in it */
	uint64_t lat_sum_ns;		/* of those I/Os */
	uint64_t errors;		/* over the run so far */
	bool last;			/* the run's measurement is over */
	bool partial;			/* last, and cut short before its deadline */
	struct iov_hist hist;		/* its latencies: buckets, count, min, max */
};

enum iov_bench_watch_ev {
	IOV_BENCH_WATCH_TICK,		/* tick_ns passed, or a signal came */
	IOV_BENCH_WATCH_INTERVAL,	/* *iv holds the next interval */
	IOV_BENCH_WATCH_DONE,		/* every job ended; every interval was given */
};

/*
 * Wait for what comes first: the next interval deadline (an absolute
 * CLOCK_MONOTONIC timer), tick_ns (0: none) or the end of the run. The
 * intervals' I/O counts add up to the results' ios exactly; the last one
 * comes once the measurement is over. Returns an iov_bench_watch_ev or -errno.
 */
int iov_bench_watch(struct iov_bench_run *r, uint64_t tick_ns, struct iov_bench_interval *iv);
/* Join the jobs. */
void iov_bench_wait(struct iov_bench_run *r);
/* After wait: one result per target (array of n) and the aggregate. */
void iov_bench_results(struct iov_bench_run *r, struct iov_bench_result *per_target,
		       struct iov_bench_result *agg);
bool iov_bench_interrupted(struct iov_bench_run *r);
/* Results of targets run side by side, as one (e.g. the disks of one VF). */
void iov_bench_result_sum(struct iov_bench_result *dst, const struct iov_bench_result *src,
			  size_t n, uint32_t bs);
void iov_bench_free(struct iov_bench_run *r);

/* Host facts for reports. */
struct iov_bench_host {
	char hostname[256];
	char kernel[128];
	int cpus;		/* online */
	int numa_nodes;		/* 0 when libnuma says NUMA is unavailable */
};
void iov_bench_host_info(struct iov_bench_host *h);

/* ---- CI baselines (baseline.c) ------------------------------------------- */

struct iov_baseline_entry {
	char name[128];		/* target name, or "aggregate" */
	double iops;
	double bw;		/* bytes/s */
	double p99_ns;
};

struct iov_baseline {
	char settings[256];	/* a description of the job, to warn on mismatch */
	struct iov_baseline_entry *e;
	size_t n;
};

int iov_baseline_save(const char *path, const struct iov_baseline *b);
/* -ENOENT, -EINVAL (not a baseline), ... */
int iov_baseline_load(const char *path, struct iov_baseline *b);
void iov_baseline_free(struct iov_baseline *b);

enum iov_baseline_metric { IOV_BL_IOPS, IOV_BL_BW, IOV_BL_P99, IOV_BL_NMETRICS };

struct iov_baseline_diff {
	char name[128];
	enum iov_baseline_metric metric;
	double base, cur;
	double change_pct;	/* (cur - base) / base * 100 */
	bool regression;	/* beyond tolerance in the bad direction */
	bool missing;		/* target in the baseline, not in this run */
};

/*
 * Compare cur against base with a tolerance in percent. Fills *rows
 * (malloc'd) with one row per target and metric; returns the number of
 * regressions, or -errno.
 */
int iov_baseline_compare(const struct iov_baseline *base, const struct iov_baseline *cur,
			 double tolerance_pct, struct iov_baseline_diff **rows, size_t *n);
const char *iov_baseline_metric_name(enum iov_baseline_metric m);

#endif /* IOV_BENCH_H */
