// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The null engine: every I/O completes at once with the full size and no
 * data moves, so the run loop, statistics and reports run with no device.
 */
#include "config.h"

#include "bench-private.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

struct null_data {
	unsigned *queued;	/* slots prepped, not yet submitted */
	unsigned nqueued;
	unsigned *done;		/* slots submitted: complete on the next reap */
	unsigned ndone;
};

static int null_init(struct bench_job *j, char *why, size_t len)
{
	struct null_data *d = calloc(1, sizeof(*d));

	if (d) {
		d->queued = calloc(j->qd, sizeof(*d->queued));
		d->done = calloc(j->qd, sizeof(*d->done));
	}
	if (!d || !d->queued || !d->done) {
		if (d) {
			free(d->queued);
			free(d->done);
		}
		free(d);
		return -ENOMEM;
	}
	j->eng_data = d;
	return 0;
}

static int null_prep(struct bench_job *j, unsigned s)
{
	struct null_data *d = j->eng_data;

	d->queued[d->nqueued++] = s;
	return 0;
}

static int null_submit(struct bench_job *j, unsigned wait_nr)
{
	struct null_data *d = j->eng_data;
	unsigned n = d->nqueued;

	memcpy(d->done + d->ndone, d->queued, n * sizeof(*d->queued));
	d->ndone += n;
	d->nqueued = 0;
	return (int)n;
}

static unsigned null_reap(struct bench_job *j, uint64_t now, bench_complete_fn *complete)
{
	struct null_data *d = j->eng_data;
	unsigned i, n = d->ndone;

	/* completions queue new slots on d->queued, never on d->done */
	d->ndone = 0;
	for (i = 0; i < n; i++)
		complete(j, d->done[i], (int)j->o->bs, now);
	return n;
}

static void null_cleanup(struct bench_job *j)
{
	struct null_data *d = j->eng_data;

	free(d->queued);
	free(d->done);
	free(d);
	j->eng_data = NULL;
}

const struct bench_engine bench_engine_null = {
	.name = "null",
	.caps = IOV_BENCH_ENG_SYNTHETIC,
	.init = null_init,
	.prep = null_prep,
	.submit = null_submit,
	.reap = null_reap,
	.cleanup = null_cleanup,
};
