/* SPDX-License-Identifier: GPL-2.0-or-later */
/* iovctl topology: options shared by the text, JSON and DOT renderers. */
#ifndef IOVCTL_TOPOLOGY_H
#define IOVCTL_TOPOLOGY_H

#include <stdbool.h>
#include <stdio.h>

#include "cli.h"
#include "lib/iov-topology.h"

enum {
	COL_ADDRESS,
	COL_TYPE,
	COL_NAME,
	COL_DRIVER,
	COL_NUMA,
	COL_GROUP,
	COL_LINK,
	COL_MAXLINK,
	COL_BOTTLENECK,
	COL_ACS,
	COL_VENDOR,
	COL_ID,
	NCOLS
};

struct colinfo {
	const char *name;
	double whint;
	int flags;
	unsigned drop;		/* goes when lines are too wide: 1 first, 0 never */
	const char *help;
};

/* like lsblk's: the -o names, width hints, drop order and the --help text */
extern const struct colinfo topo_colinfo[NCOLS];

struct topo_opts {
	bool vfs;		/* one row per VF */
	bool numa_set;
	int numa;
	bool ascii;
	bool dot;
	int cols[NCOLS];
	unsigned ncols;
	const char *target;	/* DEV */
	bool color;
	unsigned width;		/* --width; 0: the terminal's, or full lines when piped */
};

/* printf at the end of buf; truncates, never overruns */
void topo_str_append(char *buf, size_t len, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* "root port", "PF", ... */
const char *topo_kind_text(enum iov_topo_kind k);
/* "ok", "none", "off RR,CR", "?" and, with groups, ": groups 3,4"; "" n/a */
void topo_acs_text(char *buf, size_t len, const struct iov_topo_node *n, bool groups);
bool topo_has_problem(const struct iov_topo_node *n);
/* a VF shown only in its PF's summary row (no --vfs) */
bool topo_vfs_collapsed(const struct topo_opts *o, const struct iov_topo_node *n);
/* "60 vfio-pci, 2 other, 4 unbound", appended to buf */
void topo_vf_drivers_text(char *buf, size_t len, const struct iov_vf_summary *s);
/* the IOMMU groups of a PF's VFs: "17-20", "8 shared", "17-20, 2 of 4 shared" */
void topo_vf_groups_text(char *buf, size_t len, const struct iov_vf_summary *s);

/* the renderers: 0 or -errno */
int topo_print_text(const struct iov_topo *t, const struct topo_opts *o);	/* topology-text.c */
int topo_print_json(const struct iov_topo *t, const struct topo_opts *o);	/* topology-json.c */
int topo_print_dot(const struct iov_topo *t, const struct topo_opts *o);	/* topology-dot.c */

#endif
