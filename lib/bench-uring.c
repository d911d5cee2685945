// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The io_uring engine. One ring per job; user_data is the slot index. The
 * loop submits and waits in one io_uring_enter and walks the CQ ring in
 * place, so a steady state costs one syscall per batch of completions.
 */
#include "config.h"

#include "bench-private.h"

#include <errno.h>
#include <liburing.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>

struct uring_data {
	struct io_uring ring;
	unsigned queued;	/* SQEs not yet submitted */
	unsigned batch;		/* submit when this many are queued; 0: at submit */
	bool fixed_files;
	bool fixed_buffers;
};

/*
 * Setup flags to try, best first: a single issuer whose task work runs only
 * when it waits has the fewest interruptions; older kernels reject them.
 */
static const unsigned try_flags[] = {
	IORING_SETUP_SINGLE_ISSUER | IORING_SETUP_DEFER_TASKRUN,
	IORING_SETUP_SINGLE_ISSUER | IORING_SETUP_COOP_TASKRUN,
	IORING_SETUP_COOP_TASKRUN,
	0,
};

static int ring_setup(struct bench_job *j, struct uring_data *d)
{
	const struct iov_bench_opts *o = j->o;
	struct io_uring_params p;
	unsigned base = 0;
	size_t i;
	int r = -EINVAL;

	if (o->sqpoll) {
		base |= IORING_SETUP_SQPOLL;
		if (o->sqpoll_cpu >= 0)
			base |= IORING_SETUP_SQ_AFF;
	}
	if (o->iopoll)
		base |= IORING_SETUP_IOPOLL;
	for (i = 0; i < sizeof(try_flags) / sizeof(try_flags[0]); i++) {
		unsigned extra = try_flags[i];

		if (o->sqpoll)
			extra &= ~IORING_SETUP_DEFER_TASKRUN;
		memset(&p, 0, sizeof(p));
		p.flags = base | extra;
		if (o->sqpoll_cpu >= 0)
			p.sq_thread_cpu = (unsigned)o->sqpoll_cpu;
		p.sq_thread_idle = 1000;	/* ms */
		r = io_uring_queue_init_params(j->qd, &d->ring, &p);
		if (r != -EINVAL)
			break;
	}
	return r;
}

static int uring_init(struct bench_job *j, char *why, size_t len)
{
	const struct iov_bench_opts *o = j->o;
	struct uring_data *d;
	int r;

	d = calloc(1, sizeof(*d));
	if (!d)
		return -ENOMEM;
	r = ring_setup(j, d);
	if (r < 0) {
		snprintf(why, len, "cannot set up an io_uring of depth %u%s%s: %s", j->qd,
			 o->sqpoll ? " with SQPOLL" : "", o->iopoll ? " with IOPOLL" : "",
			 strerror(-r));
		free(d);
		return r;
	}
	j->eng_data = d;
	d->batch = o->batch_submit;
	if (o->fixed_files) {
		r = io_uring_register_files(&d->ring, &j->fd, 1);
		if (r < 0) {
			snprintf(why, len, "cannot register the file of '%s': %s", j->t->path,
				 strerror(-r));
			return r;
		}
		d->fixed_files = true;
	}
	if (o->fixed_buffers) {
		struct iovec *iov = calloc(j->qd, sizeof(*iov));
		unsigned s;

		if (!iov)
			return -ENOMEM;
		for (s = 0; s < j->qd; s++) {
			iov[s].iov_base = j->slots[s].buf;
			iov[s].iov_len = o->bs;
		}
		r = io_uring_register_buffers(&d->ring, iov, j->qd);
		free(iov);
		if (r < 0) {
			snprintf(why, len, "cannot register %u buffers of %u bytes: %s%s", j->qd, o->bs,
				 strerror(-r), r == -ENOMEM ? " (RLIMIT_MEMLOCK too low?)" : "");
			return r;
		}
		d->fixed_buffers = true;
	}
	return 0;
}

static int uring_prep(struct bench_job *j, unsigned s)
{
	struct uring_data *d = j->eng_data;
	struct bench_slot *sl = &j->slots[s];
	struct io_uring_sqe *sqe;
	int fd = d->fixed_files ? 0 : j->fd;

	sqe = io_uring_get_sqe(&d->ring);
	if (!sqe) {
		/* SQ full (SQPOLL has not consumed it yet): push it out and retry */
		io_uring_submit(&d->ring);
		d->queued = 0;
		if (j->o->sqpoll)
			io_uring_sqring_wait(&d->ring);
		sqe = io_uring_get_sqe(&d->ring);
		if (!sqe)
			return -EBUSY;
	}
	if (d->fixed_buffers) {
		if (sl->write)
			io_uring_prep_write_fixed(sqe, fd, sl->buf, j->o->bs, sl->off, (int)s);
		else
			io_uring_prep_read_fixed(sqe, fd, sl->buf, j->o->bs, sl->off, (int)s);
	} else {
		if (sl->write)
			io_uring_prep_write(sqe, fd, sl->buf, j->o->bs, sl->off);
		else
			io_uring_prep_read(sqe, fd, sl->buf, j->o->bs, sl->off);
	}
	if (d->fixed_files)
		sqe->flags |= IOSQE_FIXED_FILE;
	io_uring_sqe_set_data64(sqe, s);
	if (++d->queued >= d->batch && d->batch) {
		io_uring_submit(&d->ring);
		d->queued = 0;
	}
	return 0;
}

static int uring_submit(struct bench_job *j, unsigned wait_nr)
{
	struct uring_data *d = j->eng_data;
	struct io_uring_cqe *cqe;
	int r;

	d->queued = 0;
	/*
	 * Submit, return to user space, then wait: two io_uring_enter calls,
	 * as fio makes them. With one call that submits and sleeps, a loop or
	 * stacked device's worker is woken onto the other (idle) CPU and every
	 * I/O pays two cross-CPU wake-ups; returning first lets the worker run
	 * on the submitting CPU. Measured on a loop device at QD1: 1.4x the
	 * IOPS (tests/perf/bench-vs-fio.sh). With SQPOLL its thread submits:
	 * enter only to wait (or to wake it).
	 */
	r = j->o->sqpoll ? io_uring_submit(&d->ring) : io_uring_submit_and_get_events(&d->ring);
	if (r < 0)
		return r;
	if (!wait_nr || io_uring_cq_ready(&d->ring) >= wait_nr)
		return 0;
	r = io_uring_wait_cqe_nr(&d->ring, &cqe, wait_nr);
	return r < 0 ? r : 0;
}

static unsigned uring_reap(struct bench_job *j, uint64_t now, bench_complete_fn *complete)
{
	struct uring_data *d = j->eng_data;
	struct io_uring_cqe *cqe;
	unsigned head, n = 0, ready;

	/*
	 * Only what had completed by `now`: an I/O queued (and with
	 * --batch-submit, submitted) from here may complete inline, and must
	 * not be timed against this same `now`.
	 */
	ready = io_uring_cq_ready(&d->ring);
	io_uring_for_each_cqe(&d->ring, head, cqe) {
		if (n == ready)
			break;
		complete(j, (unsigned)cqe->user_data, cqe->res, now);
		n++;
	}
	io_uring_cq_advance(&d->ring, n);
	return n;
}

static void uring_cleanup(struct bench_job *j)
{
	struct uring_data *d = j->eng_data;

	io_uring_queue_exit(&d->ring);
	free(d);
	j->eng_data = NULL;
}

const struct bench_engine bench_engine_uring = {
	.name = "io_uring",
	.caps = IOV_BENCH_ENG_MOVES_DATA | IOV_BENCH_ENG_RING,
	.init = uring_init,
	.prep = uring_prep,
	.submit = uring_submit,
	.reap = uring_reap,
	.cleanup = uring_cleanup,
};
