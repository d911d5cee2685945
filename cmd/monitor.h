/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * iovctl monitor: what cmd/monitor.c (options, batch, JSON lines,
 * Prometheus) shares with the screen in cmd/monitor-tui.c, the only file
 * that talks to curses.
 */
#ifndef IOVCTL_MONITOR_H
#define IOVCTL_MONITOR_H

#include <stdbool.h>
#include <stddef.h>

#include "cli.h"
#include "lib/iov-monitor.h"

#define MONITOR_MAX_FILTERS 32

struct monitor_opts {
	double delay;			/* seconds between samples (>= 0.1) */
	unsigned long iterations;	/* stop after this many samples; 0: never */
	bool batch;			/* -b */
	const char *prometheus;		/* --prometheus FILE, NULL none */
	bool vf_stats;			/* --vf-stats */
	enum iov_mon_col sort;		/* --sort */
	struct iov_mon_filter filter[MONITOR_MAX_FILTERS];	/* --filter, repeatable */
	size_t nfilters;
	bool active;			/* -a */
};

/*
 * Run the screen on an open sampler that has taken no sample yet, until the
 * user quits or o->iterations samples were shown. Restores the terminal on
 * every exit. Returns an exit code (EXIT_OK on q).
 */
int monitor_tui_run(struct iov_cli *cli, struct iov_ctx *ctx, struct iov_mon *mon,
		    struct monitor_opts *o);

/* Rows that pass --filter and -a, in display order (PF rows also pass when a VF does). */
bool monitor_row_shown(const struct monitor_opts *o, const struct iov_mon_row *r);

/* "12.3k", "950", "1.5M", "-" (unknown); for counts and rates per second. */
void monitor_fmt_num(double v, char *buf, size_t len);
/* Bytes per second as out_fmt_rate writes them ("6.14 MB/s"), "-" unknown. */
void monitor_fmt_rate(double bytes_per_s, char *buf, size_t len);
/* out_fmt_link: "16 GT/s x16", "8 GT/s x8 (16 GT/s x16)" when degraded, "-" unknown. */
void monitor_fmt_link(const struct iov_mon_row *r, char *buf, size_t len);
/* "PF", "VF 3", "EP", "RP" */
void monitor_fmt_role(const struct iov_mon_row *r, char *buf, size_t len);

#endif
