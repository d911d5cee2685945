// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * iovctl topology: what the text, JSON and DOT renderers share, the column
 * table and the wording of kinds, ACS, VF drivers and groups; apart from
 * the options (topology.c) so that no renderer needs the file that calls it.
 */
#include "config.h"

#include <libsmartcols.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "topology.h"

/* like lsblk's: the -o names, width hints, drop order and the --help text */
const struct colinfo topo_colinfo[NCOLS] = {
	[COL_ADDRESS] = { "ADDRESS", 0.2, SCOLS_FL_TREE, 0, "host bridge or PCI address (the tree)" },
	[COL_TYPE] = { "TYPE", 0.1, 0, 2, "root port, switch port, endpoint, PF, VF, ..." },
	[COL_NAME] = { "NAME", 0.2, SCOLS_FL_TRUNC, 8, "device name from pci.ids" },
	[COL_DRIVER] = { "DRIVER", 0.1, SCOLS_FL_TRUNC, 4, "bound driver; VFs: how many per driver" },
	[COL_NUMA] = { "NUMA", 2, SCOLS_FL_RIGHT, 7, "NUMA node ('-': the kernel does not know)" },
	[COL_GROUP] = { "GROUP", 3, 0, 6, "IOMMU group, 'shared' when it reaches outside the subtree" },
	[COL_LINK] = { "LINK", 0.1, 0, 3, "link speed and width now, '(down)' below what both ends do" },
	[COL_MAXLINK] = { "MAXLINK", 0.1, 0, 1, "maximum link speed and width" },
	[COL_BOTTLENECK] = { "BOTTLENECK", 0.1, SCOLS_FL_TRUNC, 1,
			     "slowest link up to the root port, bytes/s" },
	[COL_ACS] = { "ACS", 0.1, SCOLS_FL_TRUNC, 5,
		      "ports, multi-function devices: missing ACS controls, groups merged" },
	[COL_VENDOR] = { "VENDOR", 0.1, SCOLS_FL_TRUNC, 1, "vendor name from pci.ids" },
	[COL_ID] = { "ID", 9, 0, 1, "vendor:device ID" },
};

/* ---- shared formatting ---------------------------------------------------- */

/* printf at the end of buf; truncates, never overruns */
void topo_str_append(char *buf, size_t len, const char *fmt, ...)
{
	size_t off = strlen(buf);
	va_list ap;

	if (off + 1 >= len)
		return;
	va_start(ap, fmt);
	vsnprintf(buf + off, len - off, fmt, ap);
	va_end(ap);
}

const char *topo_kind_text(enum iov_topo_kind k)
{
	static const char *const names[] = {
		[IOV_TOPO_HOST] = "host bridge",
		[IOV_TOPO_ROOT_PORT] = "root port",
		[IOV_TOPO_SWITCH_UP] = "switch up",
		[IOV_TOPO_SWITCH_DOWN] = "switch down",
		[IOV_TOPO_PCI_BRIDGE] = "PCI bridge",
		[IOV_TOPO_BRIDGE] = "bridge",
		[IOV_TOPO_RC_ENDPOINT] = "RC endpoint",
		[IOV_TOPO_RC_EC] = "RC event coll",
		[IOV_TOPO_ENDPOINT] = "endpoint",
		[IOV_TOPO_PF] = "PF",
		[IOV_TOPO_VF] = "VF",
		[IOV_TOPO_UNCAPTURED] = "not captured",
	};

	return (unsigned)k < sizeof(names) / sizeof(names[0]) ? names[k] : "?";
}

/* "RR,CR" */
static void fmt_acs_bits(char *buf, size_t len, uint16_t bits)
{
	unsigned b;

	buf[0] = '\0';
	for (b = 0; b < 7; b++)
		if (bits & (1u << b))
			topo_str_append(buf, len, "%s%s", buf[0] ? "," : "", iov_acs_bit_name(b));
}

/* "3,4,7-9" from a sorted list */
static void fmt_int_list(char *buf, size_t len, const int *v, unsigned n)
{
	unsigned i, j;

	buf[0] = '\0';
	for (i = 0; i < n; i = j + 1) {
		for (j = i; j + 1 < n && v[j + 1] == v[j] + 1; j++)
			;
		if (j > i + 1)
			topo_str_append(buf, len, "%s%d-%d", buf[0] ? "," : "", v[i], v[j]);
		else if (j == i + 1)
			topo_str_append(buf, len, "%s%d,%d", buf[0] ? "," : "", v[i], v[j]);
		else
			topo_str_append(buf, len, "%s%d", buf[0] ? "," : "", v[i]);
	}
}

/* "ok", "none", "off RR,CR", "?" and, with groups, ": groups 3,4"; "" n/a */
void topo_acs_text(char *buf, size_t len, const struct iov_topo_node *n, bool groups)
{
	char bits[32], g[128];

	buf[0] = '\0';
	switch (n->acs) {
	case IOV_ACS_NA:
		return;
	case IOV_ACS_UNKNOWN:
		snprintf(buf, len, "?");
		return;
	case IOV_ACS_OK:
		snprintf(buf, len, "ok");
		return;
	case IOV_ACS_NONE:
	case IOV_ACS_GAP:
		fmt_acs_bits(bits, sizeof(bits), n->acs_missing);
		fmt_int_list(g, sizeof(g), n->groups_below, n->ngroups_below);
		snprintf(buf, len, "%s%s%s%s", n->acs == IOV_ACS_NONE ? "none" : "off ",
			 n->acs == IOV_ACS_NONE ? "" : bits, groups && g[0] ? ": groups " : "",
			 groups ? g : "");
		return;
	}
}

bool topo_has_problem(const struct iov_topo_node *n)
{
	return n->ngroup_shared || n->acs == IOV_ACS_NONE || n->acs == IOV_ACS_GAP;
}

bool topo_vfs_collapsed(const struct topo_opts *o, const struct iov_topo_node *n)
{
	return !o->vfs && n->kind == IOV_TOPO_VF;
}

/* "60 vfio-pci, 2 other, 4 unbound" */
void topo_vf_drivers_text(char *buf, size_t len, const struct iov_vf_summary *s)
{
	size_t start = strlen(buf);
	unsigned k;

	for (k = 0; k < s->ndrv; k++)
		topo_str_append(buf, len, "%s%u %s", strlen(buf) > start ? ", " : "", s->drv[k].n,
			   s->drv[k].driver);
	if (s->other)
		topo_str_append(buf, len, "%s%u other", strlen(buf) > start ? ", " : "", s->other);
	if (s->unbound)
		topo_str_append(buf, len, "%s%u unbound", strlen(buf) > start ? ", " : "", s->unbound);
}
/*
 * "8 shared" when every VF's group reaches outside it, as a function's own
 * row says; "17-20, 2 of 4 shared" when some do.
 */
void topo_vf_groups_text(char *buf, size_t len, const struct iov_vf_summary *s)
{
	if (s->group_min < 0)
		snprintf(buf, len, "-");
	else if (s->group_min == s->group_max)
		snprintf(buf, len, "%d", s->group_min);
	else
		snprintf(buf, len, "%d-%d", s->group_min, s->group_max);
	if (s->shared == s->n)
		topo_str_append(buf, len, " shared");
	else if (s->shared)
		topo_str_append(buf, len, ", %u of %u shared", s->shared, s->n);
}

