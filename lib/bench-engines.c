// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The registry of bench engines: the run loop finds its engine here by name
 * and asks for capabilities, so that neither knows the other's internals.
 */
#include "config.h"

#include "bench-private.h"

#include <errno.h>
#include <string.h>

/* the first is the default */
static const struct bench_engine *const engines[] = {
	&bench_engine_uring,
	&bench_engine_null,
};

#define NENGINES (sizeof(engines) / sizeof(engines[0]))

const struct bench_engine *bench_engine_find(const char *name)
{
	size_t i;

	if (!name)
		return engines[0];
	/* fio's name for it */
	if (strcmp(name, "uring") == 0)
		name = "io_uring";
	for (i = 0; i < NENGINES; i++)
		if (strcmp(engines[i]->name, name) == 0)
			return engines[i];
	return NULL;
}

const char *iov_bench_engine_name(size_t i)
{
	return i < NENGINES ? engines[i]->name : NULL;
}

int iov_bench_engine_caps(const char *name)
{
	const struct bench_engine *eng = bench_engine_find(name);

	return eng ? (int)eng->caps : -ENOENT;
}
