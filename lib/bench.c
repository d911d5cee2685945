// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The bench job model and run loop: one thread per job, pinned to the CPUs
 * of its target's NUMA node with its buffers on that node, driving an
 * engine (io_uring or null) and timing each I/O from queueing to completion.
 */
#include "config.h"

#include "bench-private.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <numa.h>
#include <numaif.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <sys/timerfd.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#define VERIFY_MAGIC 0x696f7663746c7631ull	/* "iovctlv1" */
#define VERIFY_HDR_WORDS 3

struct iov_bench_run {
	struct iov_ctx *ctx;
	struct iov_bench_opts o;
	struct iov_bench_target *t;
	size_t nt;
	struct bench_job *jobs;
	size_t nj;
	const struct bench_engine *eng;
	/* the start gate: jobs set up, then all start I/O together, or none */
	pthread_mutex_t gate_lock;
	pthread_cond_t gate_cond;
	unsigned gate_arrived;		/* jobs done with setup */
	bool gate_open;
	bool gate_init;
	bool setup_failed;
	_Atomic int stop;
	_Atomic int interrupted;
	_Atomic unsigned running;
	uint64_t start_ns;		/* the gate opened: every job's start */
	int done_fd;			/* eventfd, written when the last job ends */
	/* intervals (iov_bench_watch) */
	int timer_fd;			/* one-shot absolute deadlines; -1 */
	unsigned iv_index;		/* of the last interval given */
	bool iv_done;			/* the last interval was given */
	struct iov_bench_interval iv_prev;	/* totals when the last one was taken */
	struct iov_hist iv_hist;	/* scratch: the live histogram now */
};

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static inline uint64_t xorshift64(uint64_t *s)
{
	uint64_t x = *s;

	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	*s = x;
	return x;
}

static uint64_t splitmix64(uint64_t x)
{
	x += 0x9e3779b97f4a7c15ull;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
	return x ^ (x >> 31);
}

/* uniform in [0, n) without a division */
static inline uint64_t rand_below(uint64_t *s, uint64_t n)
{
	return (uint64_t)(((unsigned __int128)xorshift64(s) * n) >> 64);
}

/*
 * libnuma reports errors by printing; a library must not. These override
 * its weak defaults; failures show up as return values we check.
 */
void numa_error(char *where);
void numa_warn(int num, char *fmt, ...);
void numa_error(char *where)
{
}

void numa_warn(int num, char *fmt, ...)
{
}

/* A node that exists here (a fixture may name node 7 on a 1-node host). */
static bool node_usable(int node)
{
	return node >= 0 && numa_available() >= 0 && node <= numa_max_node() &&
	       numa_bitmask_isbitset(numa_all_nodes_ptr, (unsigned)node);
}

/* ---- options --------------------------------------------------------------- */

void iov_bench_opts_init(struct iov_bench_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->engine = "io_uring";
	o->rw = IOV_BENCH_RANDREAD;
	o->rwmix_read = 50;
	o->bs = 4096;
	o->qd = 32;
	o->jobs = 1;
	o->direct = true;
	o->sqpoll_cpu = -1;
	o->pin = IOV_BENCH_PIN_AUTO;
	o->numa_node = -1;
	o->seed = 0x1ee7c0deull;
}

static const char *const rw_names[] = {
	[IOV_BENCH_READ] = "read",
	[IOV_BENCH_WRITE] = "write",
	[IOV_BENCH_RANDREAD] = "randread",
	[IOV_BENCH_RANDWRITE] = "randwrite",
	[IOV_BENCH_RANDRW] = "randrw",
};

int iov_bench_parse_rw(const char *s, enum iov_bench_rw *rw)
{
	size_t i;

	for (i = 0; i < sizeof(rw_names) / sizeof(rw_names[0]); i++)
		if (strcmp(s, rw_names[i]) == 0) {
			*rw = (enum iov_bench_rw)i;
			return 0;
		}
	return -EINVAL;
}

const char *iov_bench_rw_name(enum iov_bench_rw rw)
{
	return (unsigned)rw < sizeof(rw_names) / sizeof(rw_names[0]) ? rw_names[rw] : "?";
}

bool iov_bench_rw_writes(enum iov_bench_rw rw)
{
	return rw == IOV_BENCH_WRITE || rw == IOV_BENCH_RANDWRITE || rw == IOV_BENCH_RANDRW;
}

static bool rw_random(enum iov_bench_rw rw)
{
	return rw == IOV_BENCH_RANDREAD || rw == IOV_BENCH_RANDWRITE || rw == IOV_BENCH_RANDRW;
}

int iov_bench_parse_size(const char *s, uint64_t *bytes)
{
	unsigned long long v;
	unsigned shift = 0;
	char *end;

	if (!s || !isdigit((unsigned char)*s))
		return -EINVAL;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno)
		return -errno;
	switch (tolower((unsigned char)*end)) {
	case '\0':
		break;
	case 'k':
		shift = 10;
		break;
	case 'm':
		shift = 20;
		break;
	case 'g':
		shift = 30;
		break;
	case 't':
		shift = 40;
		break;
	default:
		return -EINVAL;
	}
	if (*end) {
		end++;
		/* accept "4k", "4K", "4kb", "4KiB" */
		if (*end == 'i' || *end == 'I')
			end++;
		if (*end == 'b' || *end == 'B')
			end++;
		if (*end)
			return -EINVAL;
	}
	if (shift && v > (UINT64_MAX >> shift))
		return -ERANGE;
	*bytes = (uint64_t)v << shift;
	return 0;
}

int iov_bench_parse_time(const char *s, uint64_t *ns)
{
	static const struct {
		const char *sfx;
		double mult;
	} units[] = {
		{ "", 1e9 }, { "s", 1e9 }, { "ms", 1e6 }, { "us", 1e3 }, { "ns", 1 },
		{ "m", 60e9 }, { "min", 60e9 }, { "h", 3600e9 },
	};
	char *end;
	double v;
	size_t i;

	if (!s || !(isdigit((unsigned char)*s) || *s == '.'))
		return -EINVAL;
	errno = 0;
	v = strtod(s, &end);
	if (errno || v < 0)
		return -EINVAL;
	for (i = 0; i < sizeof(units) / sizeof(units[0]); i++)
		if (strcmp(end, units[i].sfx) == 0) {
			if (v * units[i].mult > 1e18)
				return -ERANGE;
			*ns = (uint64_t)(v * units[i].mult + 0.5);
			return 0;
		}
	return -EINVAL;
}

bool iov_cpuset_empty(const struct iov_cpuset *s)
{
	size_t i;

	for (i = 0; i < sizeof(s->bits) / sizeof(s->bits[0]); i++)
		if (s->bits[i])
			return false;
	return true;
}

int iov_cpuset_parse(struct iov_cpuset *s, const char *list)
{
	const char *p = list;

	memset(s, 0, sizeof(*s));
	if (!p || !*p)
		return -EINVAL;
	while (*p) {
		unsigned long a, b;
		char *end;

		if (!isdigit((unsigned char)*p))
			return -EINVAL;
		a = strtoul(p, &end, 10);
		b = a;
		if (*end == '-') {
			p = end + 1;
			if (!isdigit((unsigned char)*p))
				return -EINVAL;
			b = strtoul(p, &end, 10);
		}
		if (b < a || b >= IOV_MAX_CPUS)
			return -EINVAL;
		for (; a <= b; a++)
			iov_cpuset_set(s, (unsigned)a);
		p = end;
		if (*p == ',')
			p++;
		else if (*p)
			return -EINVAL;
	}
	return 0;
}

void iov_cpuset_format(const struct iov_cpuset *s, char *buf, size_t len)
{
	size_t used = 0;
	unsigned c = 0;

	if (!len)
		return;
	buf[0] = '\0';
	while (c < IOV_MAX_CPUS) {
		unsigned a;
		int n;

		if (!iov_cpuset_isset(s, c)) {
			c++;
			continue;
		}
		a = c;
		while (c + 1 < IOV_MAX_CPUS && iov_cpuset_isset(s, c + 1))
			c++;
		if (a == c)
			n = snprintf(buf + used, len - used, "%s%u", used ? "," : "", a);
		else
			n = snprintf(buf + used, len - used, "%s%u-%u", used ? "," : "", a, c);
		if (n < 0 || (size_t)n >= len - used) {
			buf[used] = '\0';
			return;
		}
		used += n;
		c++;
	}
}

/* ---- validation ------------------------------------------------------------ */

#define WHY(...) (snprintf(why, whylen, __VA_ARGS__), -EINVAL)

static int validate_opts(const struct iov_bench_opts *o, const struct bench_engine *eng,
			 char *why, size_t whylen)
{
	bool ring = eng->caps & IOV_BENCH_ENG_RING;

	if (o->bs == 0)
		return WHY("--bs must be at least 1 byte");
	if (o->qd == 0 || o->qd > 4096)
		return WHY("--qd must be between 1 and 4096");
	if (o->jobs == 0 || o->jobs > 256)
		return WHY("--jobs must be between 1 and 256");
	if (o->rwmix_read > 100)
		return WHY("--rwmix must be between 0 and 100");
	if (o->rw != IOV_BENCH_RANDRW && o->rwmix_read != 50)
		return WHY("--rwmix only applies to --rw randrw");
	if (!ring && (o->fixed_buffers || o->fixed_files || o->sqpoll || o->iopoll))
		return WHY("--fixed-buffers, --fixed-files, --sqpoll and --iopoll need the io_uring engine");
	if (o->sqpoll_cpu >= 0 && !o->sqpoll)
		return WHY("--sqpoll-cpu needs --sqpoll");
	if (o->iopoll && !o->direct)
		return WHY("--iopoll needs O_DIRECT (drop --direct=0)");
	if (o->batch_submit > o->qd || o->batch_complete > o->qd)
		return WHY("--batch-submit and --batch-complete cannot exceed --qd (%u)", o->qd);
	if (o->verify == IOV_BENCH_VERIFY_WRITE &&
	    o->rw != IOV_BENCH_WRITE && o->rw != IOV_BENCH_RANDWRITE)
		return WHY("--verify needs a write job (--rw write or randwrite)");
	if (o->verify != IOV_BENCH_VERIFY_NONE && (o->bs % 8 || o->bs < 64))
		return WHY("--verify needs --bs a multiple of 8 and at least 64");
	if (o->verify != IOV_BENCH_VERIFY_NONE && !(eng->caps & IOV_BENCH_ENG_MOVES_DATA))
		return WHY("--verify needs a real engine, not null");
	if (iov_bench_rw_writes(o->rw) && o->verify != IOV_BENCH_VERIFY_ONLY && !o->allow_write) {
		snprintf(why, whylen, "--rw %s writes to the target: add --write to allow it",
			 iov_bench_rw_name(o->rw));
		return -EPERM;
	}
	if (o->pin == IOV_BENCH_PIN_CPUS && iov_cpuset_empty(&o->cpus))
		return WHY("--cpus names no CPU");
	return 0;
}

static int validate_target(const struct iov_bench_opts *o, const struct iov_bench_target *t,
			   char *why, size_t whylen)
{
	uint64_t region = o->size ? o->size : t->size;

	if (o->size > t->size && t->kind != IOV_TARGET_NULL)
		return WHY("--size %llu is larger than '%s' (%llu bytes)",
			   (unsigned long long)o->size, t->path, (unsigned long long)t->size);
	if (region < o->bs)
		return WHY("'%s' has %llu bytes, less than one block of --bs %u",
			   t->path, (unsigned long long)region, o->bs);
	if (o->direct && t->kind != IOV_TARGET_NULL && t->dio_align &&
	    (o->bs % t->dio_align || (o->size && o->size % t->dio_align)))
		return WHY("O_DIRECT on '%s' needs --bs and --size multiples of %u bytes (or --direct=0)",
			   t->path, t->dio_align);
	if (o->iopoll && !t->io_poll) {
		snprintf(why, whylen, "--iopoll: '%s' has no poll queues (polled I/O is unsupported there)",
			 t->path);
		return -EOPNOTSUPP;
	}
	return 0;
}

/*
 * Two targets that are one: a block device under two names (same major and
 * minor), a file under two paths (same inode on the same filesystem), or a
 * synthetic null-engine target named twice.
 */
static bool same_target(const struct iov_bench_target *a, const struct iov_bench_target *b)
{
	if (!a->major && !a->minor && !b->major && !b->minor)
		return strcmp(a->path, b->path) == 0;
	return a->major == b->major && a->minor == b->minor && a->ino == b->ino;
}

static int check_distinct(const struct iov_bench_target *t, size_t n, char *why, size_t whylen)
{
	size_t i, k;

	for (i = 0; i < n; i++)
		for (k = 0; k < i; k++) {
			if (!same_target(&t[k], &t[i]))
				continue;
			if (strcmp(t[k].path, t[i].path) == 0)
				return WHY("target '%s' is given twice", t[i].path);
			if (t[i].ino)
				return WHY("'%s' and '%s' are the same file (inode %llu on %u:%u)",
					   t[k].path, t[i].path, (unsigned long long)t[i].ino,
					   t[i].major, t[i].minor);
			return WHY("'%s' and '%s' are the same block device (%u:%u)", t[k].path,
				   t[i].path, t[i].major, t[i].minor);
		}
	return 0;
}

/* ---- verify pattern ---------------------------------------------------------- */

static void pattern_fill(uint64_t *w, uint32_t bs, uint64_t off, uint64_t seed)
{
	uint64_t x = splitmix64(seed ^ off) | 1;
	uint32_t i, n = bs / 8;

	w[0] = VERIFY_MAGIC;
	w[1] = off;
	w[2] = seed;
	for (i = VERIFY_HDR_WORDS; i < n; i++)
		w[i] = xorshift64(&x);
}

static bool pattern_check(const uint64_t *w, uint32_t bs, uint64_t off, uint64_t seed)
{
	uint64_t x = splitmix64(seed ^ off) | 1;
	uint32_t i, n = bs / 8;

	if (w[0] != VERIFY_MAGIC || w[1] != off || w[2] != seed)
		return false;
	for (i = VERIFY_HDR_WORDS; i < n; i++)
		if (w[i] != xorshift64(&x))
			return false;
	return true;
}

/* ---- the run loop ------------------------------------------------------------ */

static void reset_measure(struct bench_job *j, uint64_t now)
{
	struct iov_bench_result *r = &j->res;

	r->ios = r->bytes = r->reads = r->writes = 0;
	iov_hist_init(&r->hist);
	j->measure_start_ns = now;
	getrusage(RUSAGE_THREAD, &j->ru0);
	atomic_store_explicit(&j->live_ios, 0, memory_order_relaxed);
	atomic_store_explicit(&j->live_bytes, 0, memory_order_relaxed);
	atomic_store_explicit(&j->live_lat_ns, 0, memory_order_relaxed);
	atomic_store_explicit(&j->live_start_ns, now, memory_order_relaxed);
}

static void end_measure(struct bench_job *j, uint64_t now)
{
	struct rusage ru;

	if (j->measure_end_ns)
		return;
	j->measure_end_ns = now;
	atomic_store_explicit(&j->live_end_ns, now, memory_order_relaxed);
	getrusage(RUSAGE_THREAD, &ru);
	j->res.usr_s = (ru.ru_utime.tv_sec - j->ru0.ru_utime.tv_sec) +
		       (ru.ru_utime.tv_usec - j->ru0.ru_utime.tv_usec) / 1e6;
	j->res.sys_s = (ru.ru_stime.tv_sec - j->ru0.ru_stime.tv_sec) +
		       (ru.ru_stime.tv_usec - j->ru0.ru_stime.tv_usec) / 1e6;
}

static bool next_verify_block(struct bench_job *j, uint64_t *blk)
{
	while (j->verify_pos < j->nblocks) {
		uint64_t b = j->verify_pos++;

		if (j->written[b / 8] & (1u << (b % 8))) {
			*blk = b;
			return true;
		}
	}
	return false;
}

/* Describe the next I/O in slot s and queue it; false when there is none. */
static bool issue(struct bench_job *j, unsigned s, uint64_t now)
{
	const struct iov_bench_opts *o = j->o;
	struct bench_slot *sl = &j->slots[s];
	uint64_t blk;

	if (j->stopping)
		return false;
	if (j->phase == IOV_BENCH_PH_VERIFY) {
		if (!next_verify_block(j, &blk))
			return false;
		sl->write = false;
	} else {
		if (!j->to_issue)
			return false;
		if (j->to_issue != UINT64_MAX)
			j->to_issue--;
		switch (o->rw) {
		case IOV_BENCH_READ:
		case IOV_BENCH_WRITE:
			blk = j->seq_next++;
			if (j->seq_next == j->nblocks)
				j->seq_next = 0;
			sl->write = o->rw == IOV_BENCH_WRITE;
			break;
		case IOV_BENCH_RANDRW:
			sl->write = rand_below(&j->rng, 100) >= o->rwmix_read;
			blk = rand_below(&j->rng, j->nblocks);
			break;
		default:
			sl->write = o->rw == IOV_BENCH_RANDWRITE;
			blk = rand_below(&j->rng, j->nblocks);
			break;
		}
		if (sl->write && o->verify == IOV_BENCH_VERIFY_WRITE)
			pattern_fill(sl->buf, o->bs, blk * o->bs, o->seed);
	}
	sl->off = blk * o->bs;
	sl->submit_ns = now;
	if (j->eng->prep(j, s) < 0) {
		j->stopping = true;
		return false;
	}
	j->inflight++;
	return true;
}

/*
 * One more I/O of this latency in the live histogram. Only this job writes
 * it; the watcher reads it, so the counts are atomics, and relaxed ones: a
 * plain load and store, no locked instruction on the I/O path.
 */
static void live_count(struct bench_job *j, uint64_t lat, const struct iov_bench_result *r)
{
	_Atomic uint64_t *b = &j->live_buckets[iov_hist_index(lat)];

	atomic_store_explicit(b, atomic_load_explicit(b, memory_order_relaxed) + 1,
			      memory_order_relaxed);
	/* for the mean latency of an interval taken at any instant */
	atomic_store_explicit(&j->live_lat_ns, r->hist.sum, memory_order_relaxed);
}

/* Account one completion (res: bytes or -errno) and queue the next I/O. */
static void bench_complete(struct bench_job *j, unsigned s, int res, uint64_t now)
{
	struct bench_slot *sl = &j->slots[s];
	struct iov_bench_result *r = &j->res;
	uint32_t bs = j->o->bs;

	j->inflight--;
	if (res < 0) {
		if (!r->errors++) {
			r->first_error = res;
			r->first_error_off = sl->off;
		}
		j->stopping = true;	/* like fio: the first error ends the job */
	} else if ((uint32_t)res < bs) {
		r->short_ios++;
		r->short_bytes += res;
	} else if (j->phase == IOV_BENCH_PH_VERIFY) {
		r->verify_blocks++;
		if (!pattern_check(sl->buf, bs, sl->off, j->o->seed) && !r->verify_errors++)
			r->verify_first_bad = sl->off;
	} else {
		if (sl->write && j->written) {
			uint64_t b = sl->off / bs;

			j->written[b / 8] |= 1u << (b % 8);
		}
		if (j->phase == IOV_BENCH_PH_RUN && !j->ended) {
			uint64_t lat = now - sl->submit_ns;

			r->ios++;
			if (sl->write)
				r->writes++;
			else
				r->reads++;
			iov_hist_add(&r->hist, lat);
			if (j->live_buckets)
				live_count(j, lat, r);
		}
	}
	issue(j, s, now);
}

static void publish(struct bench_job *j)
{
	struct iov_bench_result *r = &j->res;

	atomic_store_explicit(&j->live_ios, r->ios, memory_order_relaxed);
	atomic_store_explicit(&j->live_bytes, r->ios * j->o->bs, memory_order_relaxed);
	atomic_store_explicit(&j->live_lat_ns, r->hist.sum, memory_order_relaxed);
	atomic_store_explicit(&j->live_errors, r->errors, memory_order_relaxed);
}

/* Release: who sees the new phase sees the counters published before it. */
static void set_phase(struct bench_job *j, enum iov_bench_phase ph)
{
	j->phase = ph;
	atomic_store_explicit(&j->live_phase, ph, memory_order_release);
}

static void note_cpu(struct bench_job *j)
{
	int cpu = sched_getcpu();

	if (cpu >= 0)
		iov_cpuset_set(&j->res.place.used, (unsigned)cpu);
}

/* Keep qd I/Os in flight until there is nothing left to issue. */
static int drive(struct bench_job *j)
{
	unsigned wait_min = j->o->batch_complete ? j->o->batch_complete : 1;
	uint64_t now = now_ns();
	unsigned s;
	int r;

	for (s = 0; s < j->qd; s++)
		if (!issue(j, s, now))
			break;
	while (j->inflight) {
		unsigned wait = j->inflight < wait_min ? j->inflight : wait_min;

		r = j->eng->submit(j, wait);
		if (r < 0 && r != -EINTR && r != -EAGAIN && r != -EBUSY && r != -ETIME)
			return r;
		now = now_ns();
		if (j->phase == IOV_BENCH_PH_RAMP && now >= j->ramp_end_ns) {
			set_phase(j, IOV_BENCH_PH_RUN);
			reset_measure(j, now);
			if (j->to_issue != UINT64_MAX)
				j->to_issue = j->limit;
		}
		if (j->phase == IOV_BENCH_PH_RUN && j->end_ns && now >= j->end_ns && !j->ended) {
			j->ended = true;
			j->stopping = true;
			end_measure(j, now);
		}
		if (atomic_load_explicit(&j->run->stop, memory_order_relaxed))
			j->stopping = true;
		j->eng->reap(j, now, bench_complete);
		j->last_ns = now;
		if ((++j->iter & 63) == 0) {
			publish(j);
			note_cpu(j);
		}
	}
	return 0;
}

#define HUGE_PAGE	(2u << 20)	/* a PMD on x86-64 and arm64 (4k pages) */
#define HUGE_IO_MIN	(64u << 10)	/* I/O size from which huge pages pay off */

/*
 * The buffers of a job: an anonymous mapping on node (or anywhere for -1),
 * page aligned for O_DIRECT. For I/Os of HUGE_IO_MIN and more it is aligned
 * to 2 MiB and advised for transparent huge pages: O_DIRECT pins the pages
 * of every I/O, and a 128k I/O in one huge page pins one folio where small
 * pages pin 32 (128k sequential read QD8, loop over tmpfs, one CPU: system
 * time 5.1 -> 2.5 us per I/O, 82k -> 122k IOPS). Best effort: with THP off
 * or unavailable it is an ordinary mapping.
 */
static void *bufs_alloc(size_t len, int node, bool huge, size_t *maplen)
{
	size_t align = huge ? HUGE_PAGE : (size_t)sysconf(_SC_PAGESIZE);
	size_t map = (len + align - 1) & ~(align - 1), head;
	char *raw, *p;

	raw = mmap(NULL, map + align, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (raw == MAP_FAILED)
		return NULL;
	/* keep the aligned part; hand back the slack on either side */
	p = (char *)(((uintptr_t)raw + align - 1) & ~(uintptr_t)(align - 1));
	head = (size_t)(p - raw);
	if (head)
		munmap(raw, head);
	munmap(p + map, align - head);
	if (huge)
		madvise(p, map, MADV_HUGEPAGE);
	if (node >= 0)
		numa_tonode_memory(p, map, node);
	*maplen = map;
	return p;
}

static int job_setup(struct bench_job *j)
{
	const struct iov_bench_opts *o = j->o;
	const struct iov_bench_target *t = j->t;
	int node = -1, flags;
	uint64_t region;
	unsigned s;
	int r;

	/* buffers on the node the job runs on */
	if (o->pin == IOV_BENCH_PIN_NODE)
		node = o->numa_node;
	else if (o->pin == IOV_BENCH_PIN_AUTO)
		node = t->numa_node;
	j->bufs_len = (size_t)o->bs * j->qd;
	j->bufs = bufs_alloc(j->bufs_len, node_usable(node) ? node : -1, o->bs >= HUGE_IO_MIN,
			     &j->bufs_map);
	if (!j->bufs) {
		snprintf(j->why, sizeof(j->why), "cannot allocate %zu bytes of buffers", j->bufs_len);
		return -ENOMEM;
	}
	{
		/* non-zero, incompressible data for writes; also faults the pages in */
		uint64_t *w = j->bufs, x = splitmix64(o->seed + j->jidx) | 1;
		size_t i;

		for (i = 0; i < j->bufs_len / 8; i++)
			w[i] = xorshift64(&x);
	}
	j->res.place.buffer_node = -1;
	if (numa_available() >= 0) {
		int bn = -1;

		if (get_mempolicy(&bn, NULL, 0, j->bufs, MPOL_F_NODE | MPOL_F_ADDR) == 0)
			j->res.place.buffer_node = bn;
	}
	j->slots = calloc(j->qd, sizeof(*j->slots));
	if (!j->slots) {
		snprintf(j->why, sizeof(j->why), "out of memory");
		return -ENOMEM;
	}
	for (s = 0; s < j->qd; s++)
		j->slots[s].buf = (char *)j->bufs + (size_t)s * o->bs;

	region = o->size ? o->size : t->size;
	j->nblocks = region / o->bs;
	j->seq_next = rw_random(o->rw) ? 0 : j->nblocks * j->jidx / o->jobs;
	j->rng = splitmix64(o->seed ^ ((uint64_t)j->tidx << 32) ^ j->jidx) | 1;
	if (o->ios)
		j->limit = o->ios;
	else if (o->runtime_ns)
		j->limit = UINT64_MAX;
	else
		j->limit = j->nblocks;
	j->to_issue = j->limit;
	if (o->verify != IOV_BENCH_VERIFY_NONE) {
		j->written = calloc(1, (j->nblocks + 7) / 8);
		if (!j->written) {
			snprintf(j->why, sizeof(j->why), "out of memory for the verify bitmap");
			return -ENOMEM;
		}
		if (o->verify == IOV_BENCH_VERIFY_ONLY)
			memset(j->written, 0xff, (j->nblocks + 7) / 8);
	}

	j->fd = -1;
	if (t->kind != IOV_TARGET_NULL) {
		bool wr = iov_bench_rw_writes(o->rw) && o->verify != IOV_BENCH_VERIFY_ONLY;

		flags = (wr ? O_RDWR : O_RDONLY) | O_CLOEXEC;
		if (o->direct)
			flags |= O_DIRECT;
		/*
		 * A block device in use by a mount or a holder cannot be opened
		 * O_EXCL, and while we hold it nothing can mount it. One claim
		 * per target: a second O_EXCL open of our own would fail too.
		 */
		if (wr && t->kind == IOV_TARGET_BLOCK && j->jidx == 0)
			flags |= O_EXCL;
		j->fd = open(t->path, flags);
		if (j->fd < 0) {
			r = -errno;
			snprintf(j->why, sizeof(j->why), "cannot open '%s': %s%s", t->path, strerror(-r),
				 r == -EINVAL && o->direct ? " (O_DIRECT unsupported here? try --direct=0)" :
				 r == -EBUSY ? " (in use: mounted or held)" : "");
			return r;
		}
	}
	r = j->eng->init(j, j->why, sizeof(j->why));
	if (r < 0)
		return r;
	return 0;
}

static void job_cleanup(struct bench_job *j)
{
	if (j->eng_data)
		j->eng->cleanup(j);
	if (j->fd >= 0)
		close(j->fd);
	j->fd = -1;
	if (j->bufs)
		munmap(j->bufs, j->bufs_map);
	j->bufs = NULL;
	free(j->slots);
	j->slots = NULL;
	free(j->written);
	j->written = NULL;
}

static void *job_main(void *arg)
{
	struct bench_job *j = arg;
	struct iov_bench_run *run = j->run;
	const struct iov_bench_opts *o = j->o;
	uint64_t start;
	int r;

	note_cpu(j);
	j->err = job_setup(j);
	pthread_mutex_lock(&run->gate_lock);
	if (j->err < 0)
		run->setup_failed = true;
	run->gate_arrived++;
	pthread_cond_broadcast(&run->gate_cond);
	while (!run->gate_open)
		pthread_cond_wait(&run->gate_cond, &run->gate_lock);
	pthread_mutex_unlock(&run->gate_lock);
	if (run->setup_failed)
		goto out;

	/* one clock for all jobs: their windows and the intervals line up */
	start = run->start_ns;
	j->ramp_end_ns = start + o->ramp_ns;
	if (o->runtime_ns)
		j->end_ns = j->ramp_end_ns + o->runtime_ns;
	if (o->verify == IOV_BENCH_VERIFY_ONLY) {
		set_phase(j, IOV_BENCH_PH_VERIFY);
		reset_measure(j, start);
	} else if (o->ramp_ns) {
		set_phase(j, IOV_BENCH_PH_RAMP);
		reset_measure(j, start);
	} else {
		set_phase(j, IOV_BENCH_PH_RUN);
		reset_measure(j, start);
	}
	r = drive(j);
	end_measure(j, j->last_ns ? j->last_ns : now_ns());
	if (r < 0 && !j->res.errors) {
		j->res.errors++;
		j->res.first_error = r;
	}
	publish(j);
	if (r >= 0 && o->verify == IOV_BENCH_VERIFY_WRITE && !j->res.errors &&
	    !atomic_load(&run->stop)) {
		set_phase(j, IOV_BENCH_PH_VERIFY);
		j->stopping = false;
		r = drive(j);
		if (r < 0 && !j->res.errors) {
			j->res.errors++;
			j->res.first_error = r;
		}
	}
	note_cpu(j);
out:
	set_phase(j, IOV_BENCH_PH_DONE);
	job_cleanup(j);
	if (atomic_fetch_sub(&run->running, 1) == 1) {
		uint64_t one = 1;

		/* wake the watcher; the counter cannot overflow with one write */
		if (write(run->done_fd, &one, sizeof(one)) < 0)
			(void)0;
	}
	return NULL;
}

/* ---- public ------------------------------------------------------------------ */

int iov_bench_new(struct iov_ctx *ctx, const struct iov_bench_opts *o,
		  const struct iov_bench_target *t, size_t n,
		  struct iov_bench_run **out, char *why, size_t whylen)
{
	const struct bench_engine *eng;
	struct iov_bench_run *r;
	size_t i, k;
	int rc;

	*out = NULL;
	if (!n)
		return WHY("no target to run on");
	eng = bench_engine_find(o->engine);
	if (!eng)
		return WHY("unknown engine '%s' (io_uring, null)", o->engine);
	rc = validate_opts(o, eng, why, whylen);
	if (rc < 0)
		return rc;
	for (i = 0; i < n; i++) {
		if (t[i].kind == IOV_TARGET_NULL && !(eng->caps & IOV_BENCH_ENG_SYNTHETIC))
			return WHY("target '%s' needs --engine null", t[i].name);
		rc = validate_target(o, &t[i], why, whylen);
		if (rc < 0)
			return rc;
	}
	rc = check_distinct(t, n, why, whylen);
	if (rc < 0)
		return rc;
	r = calloc(1, sizeof(*r));
	if (!r)
		return -ENOMEM;
	r->ctx = ctx;
	r->o = *o;
	r->eng = eng;
	r->timer_fd = -1;
	r->done_fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	if (r->done_fd < 0) {
		rc = -errno;
		free(r);
		snprintf(why, whylen, "cannot create an eventfd: %s", strerror(-rc));
		return rc;
	}
	r->nt = n;
	r->t = malloc(n * sizeof(*t));
	r->nj = n * o->jobs;
	r->jobs = calloc(r->nj, sizeof(*r->jobs));
	if (!r->t || !r->jobs) {
		iov_bench_free(r);
		return -ENOMEM;
	}
	memcpy(r->t, t, n * sizeof(*t));
	for (i = 0; i < n; i++)
		for (k = 0; k < o->jobs; k++) {
			struct bench_job *j = &r->jobs[i * o->jobs + k];

			j->run = r;
			j->o = &r->o;
			j->t = &r->t[i];
			j->eng = eng;
			j->tidx = i;
			j->jidx = k;
			j->qd = o->qd;
			j->fd = -1;
			iov_hist_init(&j->res.hist);
			if (o->live_hist || o->interval_ns) {
				j->live_buckets = calloc(IOV_HIST_BUCKETS, sizeof(*j->live_buckets));
				if (!j->live_buckets) {
					iov_bench_free(r);
					return -ENOMEM;
				}
			}
		}
	*out = r;
	return 0;
}

/* The CPUs a job of target t may use under the options. */
static bool job_cpus(const struct iov_bench_opts *o, const struct iov_bench_target *t,
		     struct iov_cpuset *set)
{
	struct bitmask *bm;
	int node = -1;
	unsigned c;

	memset(set, 0, sizeof(*set));
	switch (o->pin) {
	case IOV_BENCH_PIN_NONE:
		return false;
	case IOV_BENCH_PIN_CPUS:
		*set = o->cpus;
		return true;
	case IOV_BENCH_PIN_NODE:
		node = o->numa_node;
		break;
	case IOV_BENCH_PIN_AUTO:
		node = t->numa_node;
		break;
	}
	if (!node_usable(node))
		return false;
	bm = numa_allocate_cpumask();
	if (!bm)
		return false;
	if (numa_node_to_cpus(node, bm) < 0) {
		numa_free_cpumask(bm);
		return false;
	}
	for (c = 0; c < bm->size && c < IOV_MAX_CPUS; c++)
		if (numa_bitmask_isbitset(bm, c))
			iov_cpuset_set(set, c);
	numa_free_cpumask(bm);
	return !iov_cpuset_empty(set);
}

static void open_gate(struct iov_bench_run *r, bool fail)
{
	pthread_mutex_lock(&r->gate_lock);
	if (fail)
		r->setup_failed = true;
	r->gate_open = true;
	pthread_cond_broadcast(&r->gate_cond);
	pthread_mutex_unlock(&r->gate_lock);
}

/* Start one job's thread, pinned when the options say so. */
static int start_job(struct iov_bench_run *r, struct bench_job *j, char *why, size_t whylen)
{
	pthread_attr_t attr;
	struct iov_cpuset set;
	sigset_t all, old;
	cpu_set_t cs;
	unsigned c;
	int rc;

	pthread_attr_init(&attr);
	if (job_cpus(&r->o, j->t, &set)) {
		CPU_ZERO(&cs);
		for (c = 0; c < IOV_MAX_CPUS && c < CPU_SETSIZE; c++)
			if (iov_cpuset_isset(&set, c))
				CPU_SET(c, &cs);
		if (pthread_attr_setaffinity_np(&attr, sizeof(cs), &cs) == 0) {
			j->res.place.pinned = true;
			j->res.place.allowed = set;
		}
	}
	if (!j->res.place.pinned && sched_getaffinity(0, sizeof(cs), &cs) == 0)
		for (c = 0; c < IOV_MAX_CPUS && c < CPU_SETSIZE; c++)
			if (CPU_ISSET(c, &cs))
				iov_cpuset_set(&j->res.place.allowed, c);
	/* jobs take no signals: the caller's thread handles them and stops the run */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	rc = -pthread_create(&j->thread, &attr, job_main, j);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	pthread_attr_destroy(&attr);
	if (rc < 0 && j->res.place.pinned)
		snprintf(why, whylen, "cannot run a job of '%s' on CPUs %s: %s", j->t->name,
			 (iov_cpuset_format(&set, j->why, sizeof(j->why)), j->why), strerror(-rc));
	else if (rc < 0)
		snprintf(why, whylen, "cannot start a job thread: %s", strerror(-rc));
	else
		j->thread_started = true;
	return rc;
}

int iov_bench_start(struct iov_bench_run *r, char *why, size_t whylen)
{
	size_t i;
	int rc = 0;

	if (r->o.pin == IOV_BENCH_PIN_NODE && !node_usable(r->o.numa_node))
		return WHY("--numa %d: no such NUMA node", r->o.numa_node);
	pthread_mutex_init(&r->gate_lock, NULL);
	pthread_cond_init(&r->gate_cond, NULL);
	r->gate_init = true;
	atomic_store(&r->running, (unsigned)r->nj);
	for (i = 0; i < r->nj && rc == 0; i++) {
		rc = start_job(r, &r->jobs[i], why, whylen);
		if (rc < 0)	/* this one and the rest will never run */
			atomic_fetch_sub(&r->running, (unsigned)(r->nj - i));
	}
	if (rc < 0) {
		open_gate(r, true);
		iov_bench_wait(r);
		return rc;
	}
	/* every job is set up before any starts I/O: setup errors come first */
	pthread_mutex_lock(&r->gate_lock);
	while (r->gate_arrived < r->nj)
		pthread_cond_wait(&r->gate_cond, &r->gate_lock);
	pthread_mutex_unlock(&r->gate_lock);
	for (i = 0; i < r->nj; i++)
		if (r->jobs[i].err < 0) {
			rc = r->jobs[i].err;
			snprintf(why, whylen, "%s", r->jobs[i].why);
			open_gate(r, true);
			iov_bench_wait(r);
			return rc;
		}
	r->start_ns = now_ns();
	open_gate(r, false);
	return 0;
}

void iov_bench_stop(struct iov_bench_run *r)
{
	atomic_store_explicit(&r->interrupted, 1, memory_order_relaxed);
	atomic_store_explicit(&r->stop, 1, memory_order_relaxed);
}

bool iov_bench_interrupted(struct iov_bench_run *r)
{
	return atomic_load(&r->interrupted);
}

bool iov_bench_finished(struct iov_bench_run *r)
{
	return atomic_load(&r->running) == 0;
}

void iov_bench_progress(struct iov_bench_run *r, struct iov_bench_progress *p)
{
	uint64_t first = 0, now = now_ns();
	size_t i;

	memset(p, 0, sizeof(*p));
	p->phase = IOV_BENCH_PH_DONE;
	for (i = 0; i < r->nj; i++) {
		struct bench_job *j = &r->jobs[i];
		int ph = atomic_load_explicit(&j->live_phase, memory_order_relaxed);
		uint64_t st = atomic_load_explicit(&j->live_start_ns, memory_order_relaxed);

		if ((enum iov_bench_phase)ph < p->phase)
			p->phase = ph;
		p->ios += atomic_load_explicit(&j->live_ios, memory_order_relaxed);
		p->bytes += atomic_load_explicit(&j->live_bytes, memory_order_relaxed);
		p->lat_sum_ns += atomic_load_explicit(&j->live_lat_ns, memory_order_relaxed);
		p->errors += atomic_load_explicit(&j->live_errors, memory_order_relaxed);
		if (st && (!first || st < first))
			first = st;
	}
	p->elapsed_ns = first && now > first ? now - first : 0;
}

void iov_bench_live_hist(struct iov_bench_run *r, struct iov_hist *h)
{
	static const struct iov_hist none = { .min = UINT64_MAX };
	size_t i;
	unsigned b;

	iov_hist_init(h);
	for (i = 0; i < r->nj; i++) {
		_Atomic uint64_t *lb = r->jobs[i].live_buckets;

		if (!lb)
			continue;
		for (b = 0; b < IOV_HIST_BUCKETS; b++)
			h->buckets[b] += atomic_load_explicit(&lb[b], memory_order_relaxed);
	}
	/* count, min and max from the buckets */
	iov_hist_sub(h, h, &none);
}

/* Every job has left the measured phase: no interval can gain an I/O. */
static bool measure_over(struct iov_bench_run *r)
{
	size_t i;

	for (i = 0; i < r->nj; i++)
		if (atomic_load_explicit(&r->jobs[i].live_phase, memory_order_acquire) <
		    IOV_BENCH_PH_VERIFY)
			return false;
	return true;
}

/* Arm the timer for interval k, unless the run ends before it is due. */
static int arm_interval(struct iov_bench_run *r, unsigned k)
{
	uint64_t due = (uint64_t)k * r->o.interval_ns;
	uint64_t at = r->start_ns + r->o.ramp_ns + due;
	struct itimerspec its = { 0 };

	if (r->o.runtime_ns && due >= r->o.runtime_ns)
		at = 0;		/* disarm: the end of the run closes it */
	its.it_value.tv_sec = (time_t)(at / 1000000000ull);
	its.it_value.tv_nsec = (long)(at % 1000000000ull);
	return timerfd_settime(r->timer_fd, TFD_TIMER_ABSTIME, &its, NULL) < 0 ? -errno : 0;
}

/*
 * The interval from the last one taken to now (last: to the end of the
 * measurement). Totals minus the totals at the last one, so nothing
 * completed is ever left out or counted twice.
 */
static void take_interval(struct iov_bench_run *r, struct iov_bench_interval *iv, bool last,
			  uint64_t now)
{
	uint64_t t0 = r->start_ns + r->o.ramp_ns, end = now, lat = 0, err = 0;
	struct iov_bench_interval *prev = &r->iv_prev;
	size_t i;

	for (i = 0; i < r->nj; i++) {
		lat += atomic_load_explicit(&r->jobs[i].live_lat_ns, memory_order_relaxed);
		err += atomic_load_explicit(&r->jobs[i].live_errors, memory_order_relaxed);
	}
	/*
	 * The count is the histogram's, so an interval's I/Os and latencies
	 * are the same I/Os, and the counts telescope to the total.
	 */
	iov_bench_live_hist(r, &r->iv_hist);
	if (last) {
		end = 0;
		for (i = 0; i < r->nj; i++) {
			uint64_t e = atomic_load_explicit(&r->jobs[i].live_end_ns, memory_order_relaxed);

			if (e > end)
				end = e;
		}
	}
	iv->index = last ? r->iv_index + 1 : (unsigned)((now - t0) / r->o.interval_ns);
	r->iv_index = iv->index;
	iv->deadline_ns = (uint64_t)iv->index * r->o.interval_ns;
	iv->start_ns = prev->end_ns;
	iv->end_ns = end > t0 ? end - t0 : 0;
	if (iv->end_ns < iv->start_ns)
		iv->end_ns = iv->start_ns;
	iov_hist_sub(&iv->hist, &r->iv_hist, &prev->hist);
	iv->ios = iv->hist.count;
	iv->bytes = iv->ios * r->o.bs;
	iv->lat_sum_ns = lat - prev->lat_sum_ns;
	iv->errors = err;
	iv->last = last;
	iv->partial = last && iv->end_ns < iv->deadline_ns;
	prev->lat_sum_ns = lat;
	prev->end_ns = iv->end_ns;
	memcpy(&prev->hist, &r->iv_hist, sizeof(prev->hist));
	if (last)
		r->iv_done = true;
}

/* The last interval, if the run measured anything after the one before. */
static int last_interval(struct iov_bench_run *r, struct iov_bench_interval *iv)
{
	take_interval(r, iv, true, 0);
	if (!iv->ios && iv->end_ns <= iv->start_ns)
		return IOV_BENCH_WATCH_DONE;
	return IOV_BENCH_WATCH_INTERVAL;
}

int iov_bench_watch(struct iov_bench_run *r, uint64_t tick_ns, struct iov_bench_interval *iv)
{
	bool intervals = r->o.interval_ns && !r->iv_done;
	struct pollfd pfd[2];
	uint64_t v;
	int rc, n;

	if (intervals && r->timer_fd < 0) {
		r->timer_fd = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC | TFD_NONBLOCK);
		if (r->timer_fd < 0)
			return -errno;
		iov_hist_init(&r->iv_prev.hist);
		rc = arm_interval(r, 1);
		if (rc < 0)
			return rc;
	}
	if (iov_bench_finished(r)) {
		if (intervals)
			return last_interval(r, iv);
		return IOV_BENCH_WATCH_DONE;
	}
	pfd[0].fd = r->done_fd;
	pfd[0].events = POLLIN;
	pfd[1].fd = intervals ? r->timer_fd : -1;	/* poll skips a negative fd */
	pfd[1].events = POLLIN;
	/* a tick below a millisecond rounds up: poll counts milliseconds */
	n = poll(pfd, 2, tick_ns ? (int)((tick_ns + 999999) / 1000000) : -1);
	if (n < 0 && errno != EINTR)
		return -errno;
	if (n <= 0)
		return IOV_BENCH_WATCH_TICK;
	if (pfd[0].revents & POLLIN)
		return iov_bench_watch(r, tick_ns, iv);	/* finished: the last interval */
	if (read(r->timer_fd, &v, sizeof(v)) < 0)
		return IOV_BENCH_WATCH_TICK;		/* raced with a re-arm */
	if (measure_over(r))
		return last_interval(r, iv);
	take_interval(r, iv, false, now_ns());
	rc = arm_interval(r, r->iv_index + 1);
	return rc < 0 ? rc : IOV_BENCH_WATCH_INTERVAL;
}

void iov_bench_wait(struct iov_bench_run *r)
{
	size_t i;

	for (i = 0; i < r->nj; i++)
		if (r->jobs[i].thread_started) {
			pthread_join(r->jobs[i].thread, NULL);
			r->jobs[i].thread_started = false;
		}
}

static void finish(struct iov_bench_result *res, uint32_t bs)
{
	const struct iov_hist *h = &res->hist;
	double secs = res->runtime_ns / 1e9;

	res->bytes = res->ios * bs;
	res->iops = secs > 0 ? res->ios / secs : 0;
	res->bw = secs > 0 ? res->bytes / secs : 0;
	res->lat.min_ns = h->count ? h->min : 0;
	res->lat.max_ns = h->max;
	res->lat.mean_ns = iov_hist_mean(h);
	res->lat.stddev_ns = iov_hist_stddev(h);
	res->lat.p50_ns = iov_hist_percentile(h, 50);
	res->lat.p90_ns = iov_hist_percentile(h, 90);
	res->lat.p99_ns = iov_hist_percentile(h, 99);
	res->lat.p999_ns = iov_hist_percentile(h, 99.9);
	res->lat.p9999_ns = iov_hist_percentile(h, 99.99);
}

static void add_result(struct iov_bench_result *dst, const struct iov_bench_result *src,
		       bool concurrent)
{
	size_t w;

	dst->ios += src->ios;
	dst->reads += src->reads;
	dst->writes += src->writes;
	dst->short_ios += src->short_ios;
	dst->short_bytes += src->short_bytes;
	if (src->errors && !dst->errors) {
		dst->first_error = src->first_error;
		dst->first_error_off = src->first_error_off;
	}
	dst->errors += src->errors;
	dst->usr_s += src->usr_s;
	dst->sys_s += src->sys_s;
	if (src->verify_errors && !dst->verify_errors)
		dst->verify_first_bad = src->verify_first_bad;
	dst->verify_blocks += src->verify_blocks;
	dst->verify_errors += src->verify_errors;
	/* jobs run side by side: the window is the longest one */
	if (concurrent && src->runtime_ns > dst->runtime_ns)
		dst->runtime_ns = src->runtime_ns;
	dst->njobs += src->njobs;
	dst->place.pinned |= src->place.pinned;
	for (w = 0; w < IOV_MAX_CPUS / 64; w++) {
		dst->place.allowed.bits[w] |= src->place.allowed.bits[w];
		dst->place.used.bits[w] |= src->place.used.bits[w];
	}
	if (dst->place.buffer_node == -2)
		dst->place.buffer_node = src->place.buffer_node;
	else if (dst->place.buffer_node != src->place.buffer_node)
		dst->place.buffer_node = -1;
	iov_hist_merge(&dst->hist, &src->hist);
}

static void result_init(struct iov_bench_result *r)
{
	memset(r, 0, sizeof(*r));
	iov_hist_init(&r->hist);
	r->place.buffer_node = -2;	/* none merged yet */
}

void iov_bench_results(struct iov_bench_run *r, struct iov_bench_result *per_target,
		       struct iov_bench_result *agg)
{
	size_t i;

	for (i = 0; i < r->nt; i++)
		result_init(&per_target[i]);
	result_init(agg);
	for (i = 0; i < r->nj; i++) {
		struct bench_job *j = &r->jobs[i];

		j->res.njobs = 1;
		j->res.runtime_ns = j->measure_end_ns > j->measure_start_ns ?
				    j->measure_end_ns - j->measure_start_ns : 0;
		add_result(&per_target[j->tidx], &j->res, true);
	}
	for (i = 0; i < r->nt; i++) {
		if (per_target[i].place.buffer_node == -2)
			per_target[i].place.buffer_node = -1;
		finish(&per_target[i], r->o.bs);
		add_result(agg, &per_target[i], true);
	}
	if (agg->place.buffer_node == -2)
		agg->place.buffer_node = -1;
	finish(agg, r->o.bs);
}

void iov_bench_result_sum(struct iov_bench_result *dst, const struct iov_bench_result *src,
			  size_t n, uint32_t bs)
{
	size_t i;

	result_init(dst);
	for (i = 0; i < n; i++)
		add_result(dst, &src[i], true);
	if (dst->place.buffer_node == -2)
		dst->place.buffer_node = -1;
	finish(dst, bs);
}

void iov_bench_free(struct iov_bench_run *r)
{
	size_t i;

	if (!r)
		return;
	iov_bench_wait(r);
	if (r->gate_init) {
		pthread_mutex_destroy(&r->gate_lock);
		pthread_cond_destroy(&r->gate_cond);
	}
	for (i = 0; r->jobs && i < r->nj; i++)
		free(r->jobs[i].live_buckets);
	if (r->done_fd >= 0)
		close(r->done_fd);
	if (r->timer_fd >= 0)
		close(r->timer_fd);
	free(r->jobs);
	free(r->t);
	free(r);
}

void iov_bench_host_info(struct iov_bench_host *h)
{
	struct utsname u;

	memset(h, 0, sizeof(*h));
	if (gethostname(h->hostname, sizeof(h->hostname) - 1) < 0)
		h->hostname[0] = '\0';
	if (uname(&u) == 0)
		snprintf(h->kernel, sizeof(h->kernel), "%s", u.release);
	h->cpus = (int)sysconf(_SC_NPROCESSORS_ONLN);
	h->numa_nodes = numa_available() >= 0 ? numa_max_node() + 1 : 0;
}
