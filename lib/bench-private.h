/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Internal to the bench modules: jobs, slots and the engine ops table. */
#ifndef IOV_BENCH_PRIVATE_H
#define IOV_BENCH_PRIVATE_H

#include <pthread.h>
#include <stdatomic.h>
#include <sys/resource.h>

#include "iov-bench.h"

/* One I/O in flight; user_data of an SQE is the slot index. */
struct bench_slot {
	uint64_t submit_ns;	/* CLOCK_MONOTONIC when it was queued */
	uint64_t off;		/* bytes */
	void *buf;		/* bs bytes, aligned */
	bool write;
};

struct bench_job;

/* The run loop's accounting of one completion (res: bytes or -errno), given to reap. */
typedef void bench_complete_fn(struct bench_job *j, unsigned s, int res, uint64_t now);

/* An I/O engine: fio's ioengine ops, trimmed to what the run loop needs. */
struct bench_engine {
	const char *name;
	unsigned caps;			/* IOV_BENCH_ENG_* */
	/* after the file is open and the buffers exist; 0 or -errno, why set */
	int (*init)(struct bench_job *j, char *why, size_t len);
	/* queue the I/O described by slot s (not yet submitted) */
	int (*prep)(struct bench_job *j, unsigned s);
	/* submit what is queued and wait for wait_nr completions */
	int (*submit)(struct bench_job *j, unsigned wait_nr);
	/* call complete() for every completion available; returns how many */
	unsigned (*reap)(struct bench_job *j, uint64_t now, bench_complete_fn *complete);
	void (*cleanup)(struct bench_job *j);
};

extern const struct bench_engine bench_engine_null;
extern const struct bench_engine bench_engine_uring;

/* bench-engines.c: the engine called name ("uring" for io_uring), or NULL */
const struct bench_engine *bench_engine_find(const char *name);

struct bench_job {
	struct iov_bench_run *run;
	const struct iov_bench_opts *o;
	const struct iov_bench_target *t;
	const struct bench_engine *eng;
	unsigned tidx;			/* target index */
	unsigned jidx;			/* job index within the target */
	int fd;
	unsigned qd;
	struct bench_slot *slots;
	void *bufs;			/* qd * bs bytes */
	size_t bufs_len;		/* qd * bs */
	size_t bufs_map;		/* the mapping behind bufs: bufs_len rounded up */
	void *eng_data;

	/* what to do */
	uint64_t nblocks;		/* region / bs */
	uint64_t seq_next;		/* next block of a sequential job */
	uint64_t rng;			/* xorshift state */
	uint64_t limit;			/* I/Os to issue in the measured window */
	uint64_t to_issue;		/* left to issue; UINT64_MAX: unlimited */
	unsigned inflight;		/* queued or submitted */
	bool stopping;			/* issue no more */
	bool ended;			/* runtime is over: count no more */
	enum iov_bench_phase phase;
	uint64_t ramp_end_ns, end_ns;	/* 0: none */
	uint64_t measure_start_ns, measure_end_ns;
	uint64_t last_ns;
	unsigned iter;

	/* verify */
	uint8_t *written;		/* bitmap of blocks written, nblocks bits */
	uint64_t verify_pos;		/* next block to read back */

	/* results */
	struct iov_bench_result res;
	struct rusage ru0;

	/* live counters for progress; written by the job only */
	_Atomic uint64_t live_ios, live_bytes, live_lat_ns, live_errors;
	_Atomic int live_phase;
	_Atomic uint64_t live_start_ns;
	_Atomic uint64_t live_end_ns;	/* end of its measured window; 0 before */
	/* IOV_HIST_BUCKETS counts for intervals, with opts.live_hist; else NULL */
	_Atomic uint64_t *live_buckets;

	pthread_t thread;
	bool thread_started;
	int err;			/* setup error, -errno */
	char why[PATH_MAX + 256];
};

#endif
