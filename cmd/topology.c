// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * iovctl topology: the annotated PCIe tree, from host bridge to every VF,
 * as a libsmartcols tree, nested JSON or Graphviz DOT.
 */
#include "config.h"

#include <errno.h>
#include <json-c/json.h>
#include <libsmartcols.h>
#include <locale.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli.h"
#include "lib/iov-topology.h"

enum {
	OPT_VFS = OPT_CMD,
	OPT_NUMA,
	OPT_ASCII,
	OPT_DOT,
};

static const struct option topology_longopts[] = {
	CLI_GLOBAL_LONGOPTS,
	{ "vfs", no_argument, NULL, OPT_VFS },
	{ "numa", required_argument, NULL, OPT_NUMA },
	{ "output", required_argument, NULL, 'o' },
	{ "ascii", no_argument, NULL, OPT_ASCII },
	{ "dot", no_argument, NULL, OPT_DOT },
	{ NULL, 0, NULL, 0 },
};

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
	const char *help;
};

/* like lsblk's: the -o names, width hints and the --help text */
static const struct colinfo colinfo[NCOLS] = {
	[COL_ADDRESS] = { "ADDRESS", 0.2, SCOLS_FL_TREE, "host bridge or PCI address (the tree)" },
	[COL_TYPE] = { "TYPE", 0.1, 0, "root port, switch port, endpoint, PF, VF, ..." },
	[COL_NAME] = { "NAME", 0.2, SCOLS_FL_TRUNC, "device name from pci.ids" },
	[COL_DRIVER] = { "DRIVER", 0.1, 0, "bound driver; VFs: how many per driver" },
	[COL_NUMA] = { "NUMA", 2, SCOLS_FL_RIGHT, "NUMA node ('-': the kernel does not know)" },
	[COL_GROUP] = { "GROUP", 3, 0, "IOMMU group, 'shared' when it reaches outside the subtree" },
	[COL_LINK] = { "LINK", 0.1, 0, "link speed and width now, '(down)' below what both ends do" },
	[COL_MAXLINK] = { "MAXLINK", 0.1, 0, "maximum link speed and width" },
	[COL_BOTTLENECK] = { "BOTTLENECK", 0.1, 0, "slowest link up to the root port, GB/s" },
	[COL_ACS] = { "ACS", 0.1, 0, "ports, multi-function devices: missing ACS controls, groups merged" },
	[COL_VENDOR] = { "VENDOR", 0.1, SCOLS_FL_TRUNC, "vendor name from pci.ids" },
	[COL_ID] = { "ID", 9, 0, "vendor:device ID" },
};

static const int default_cols[] = {
	COL_ADDRESS, COL_TYPE, COL_NAME, COL_DRIVER, COL_NUMA, COL_GROUP, COL_LINK, COL_BOTTLENECK,
	COL_ACS,
};

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
};

static void usage(FILE *f)
{
	unsigned i;

	fputs("Usage: iovctl topology [OPTIONS] [DEV]\n\n"
	      "Show the PCIe tree from each host bridge down to every VF, with NUMA node,\n"
	      "IOMMU group, link state, the path bottleneck and ACS gaps. DEV (an address\n"
	      "or a net/block device name) limits it to that function's subtree and the\n"
	      "path up to its host bridge.\n\n"
	      "Options:\n"
	      "      --vfs                one row per VF (default: one line per PF)\n"
	      "      --numa N             only functions on NUMA node N (-1: unknown)\n"
	      "  -o, --output COLS        columns to show; '+COLS' adds to the default\n"
	      "      --ascii              plain ASCII tree characters\n"
	      "      --dot                Graphviz DOT (render with 'dot -Tsvg')\n"
	      "\nColumns:\n", f);
	for (i = 0; i < NCOLS; i++)
		fprintf(f, "  %-11s %s\n", colinfo[i].name, colinfo[i].help);
	fputs("Default:", f);
	for (i = 0; i < sizeof(default_cols) / sizeof(default_cols[0]); i++)
		fprintf(f, "%s%s", i ? "," : " ", colinfo[default_cols[i]].name);
	fputc('\n', f);
	fputs(CLI_GLOBAL_HELP, f);
	fputs("\nSee iovctl-topology(8).\n", f);
}

static int column_id(const char *name, size_t len)
{
	unsigned i;

	for (i = 0; i < NCOLS; i++)
		if (strlen(colinfo[i].name) == len && strncasecmp(colinfo[i].name, name, len) == 0)
			return i;
	if (len == 4 && strncasecmp(name, "TREE", 4) == 0)
		return COL_ADDRESS;
	return -1;
}

static int parse_columns(struct iov_cli *cli, struct topo_opts *o, const char *arg)
{
	const char *p = arg;

	o->ncols = 0;
	if (*p == '+') {
		for (; o->ncols < sizeof(default_cols) / sizeof(default_cols[0]); o->ncols++)
			o->cols[o->ncols] = default_cols[o->ncols];
		p++;
	}
	while (*p) {
		size_t len = strcspn(p, ",");
		int id = column_id(p, len);
		unsigned i;

		if (id < 0)
			return cli_usage_error(cli, "unknown column '%.*s'", (int)len, p);
		for (i = 0; i < o->ncols && o->cols[i] != id; i++)
			;
		if (i == o->ncols)
			o->cols[o->ncols++] = id;
		p += len;
		if (*p == ',')
			p++;
	}
	if (!o->ncols)
		return cli_usage_error(cli, "no columns given to --output");
	return EXIT_OK;
}

/* ---- shared formatting ---------------------------------------------------- */

static void str_append(char *buf, size_t len, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* printf at the end of buf; truncates, never overruns */
static void str_append(char *buf, size_t len, const char *fmt, ...)
{
	size_t off = strlen(buf);
	va_list ap;

	if (off + 1 >= len)
		return;
	va_start(ap, fmt);
	vsnprintf(buf + off, len - off, fmt, ap);
	va_end(ap);
}

static const char *kind_text(enum iov_topo_kind k)
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

/* "8GT/s x16" */
static void fmt_link(char *buf, size_t len, double gts, int width)
{
	char w[16] = "x?";

	if (width > 0)
		snprintf(w, sizeof(w), "x%d", width);
	if (gts > 0)
		snprintf(buf, len, "%gGT/s %s", gts, w);
	else if (width > 0)
		snprintf(buf, len, "?GT/s %s", w);
	else
		snprintf(buf, len, "-");
}

/* "RR,CR" */
static void fmt_acs_bits(char *buf, size_t len, uint16_t bits)
{
	unsigned b;

	buf[0] = '\0';
	for (b = 0; b < 7; b++)
		if (bits & (1u << b))
			str_append(buf, len, "%s%s", buf[0] ? "," : "", iov_acs_bit_name(b));
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
			str_append(buf, len, "%s%d-%d", buf[0] ? "," : "", v[i], v[j]);
		else if (j == i + 1)
			str_append(buf, len, "%s%d,%d", buf[0] ? "," : "", v[i], v[j]);
		else
			str_append(buf, len, "%s%d", buf[0] ? "," : "", v[i]);
	}
}

/* "ok", "none", "off RR,CR", "?" and, with groups, ": groups 3,4"; "" n/a */
static void acs_text(char *buf, size_t len, const struct iov_topo_node *n, bool groups)
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

static bool has_problem(const struct iov_topo_node *n)
{
	return n->ngroup_shared || n->acs == IOV_ACS_NONE || n->acs == IOV_ACS_GAP;
}

static bool vfs_collapsed(const struct topo_opts *o, const struct iov_topo_node *n)
{
	return !o->vfs && n->kind == IOV_TOPO_VF;
}

/* "60 vfio-pci, 2 other, 4 unbound" */
static void vf_drivers_text(char *buf, size_t len, const struct iov_vf_summary *s)
{
	size_t start = strlen(buf);
	unsigned k;

	for (k = 0; k < s->ndrv; k++)
		str_append(buf, len, "%s%u %s", strlen(buf) > start ? ", " : "", s->drv[k].n,
			   s->drv[k].driver);
	if (s->other)
		str_append(buf, len, "%s%u other", strlen(buf) > start ? ", " : "", s->other);
	if (s->unbound)
		str_append(buf, len, "%s%u unbound", strlen(buf) > start ? ", " : "", s->unbound);
}

/* ---- text (libsmartcols) -------------------------------------------------- */

struct text_out {
	struct libscols_table *tb;
	const struct topo_opts *o;
	const struct iov_topo *t;
};

static int set_cell(struct text_out *to, struct libscols_line *ln, unsigned i, const char *s,
		    const char *color)
{
	int r = scols_line_set_data(ln, i, s);

	if (r == 0 && color && to->o->color)
		r = scols_cell_set_color(scols_line_get_cell(ln, i), color);
	return r;
}

static int text_cell(struct text_out *to, struct libscols_line *ln, unsigned i,
		     const struct iov_topo_node *n)
{
	const struct iov_dev *d = n->dev;
	char buf[256];
	const char *color = NULL;

	buf[0] = '\0';
	switch (to->o->cols[i]) {
	case COL_ADDRESS:
		return set_cell(to, ln, i, n->name, has_problem(n) ? "red" : NULL);
	case COL_TYPE:
		return set_cell(to, ln, i, kind_text(n->kind), NULL);
	case COL_NAME:
		if (n->kind == IOV_TOPO_UNCAPTURED)
			snprintf(buf, sizeof(buf), "bridge in the device path, not in bus/pci/devices");
		else if (!d)
			snprintf(buf, sizeof(buf), "domain %04x bus %02x", n->domain, n->bus);
		else if (d->device_name)
			snprintf(buf, sizeof(buf), "%s", d->device_name);
		else
			snprintf(buf, sizeof(buf), "[%04x:%04x]", d->vendor, d->device);
		break;
	case COL_VENDOR:
		if (d)
			snprintf(buf, sizeof(buf), "%s", d->vendor_name ? d->vendor_name : "-");
		break;
	case COL_ID:
		if (d)
			snprintf(buf, sizeof(buf), "%04x:%04x", d->vendor, d->device);
		break;
	case COL_DRIVER:
		if (d)
			snprintf(buf, sizeof(buf), "%s", d->driver ? d->driver : "-");
		break;
	case COL_NUMA:
		if (n->numa_node >= 0)
			snprintf(buf, sizeof(buf), "%d", n->numa_node);
		else
			snprintf(buf, sizeof(buf), "-");
		break;
	case COL_GROUP:
		if (!d)
			break;
		if (d->iommu_group < 0)
			snprintf(buf, sizeof(buf), "-");
		else
			snprintf(buf, sizeof(buf), "%d%s", d->iommu_group,
				 n->ngroup_shared ? " shared" : "");
		if (n->ngroup_shared)
			color = "red";
		break;
	case COL_LINK:
		if (!d || !n->link.applies)
			break;
		fmt_link(buf, sizeof(buf), n->link.speed_gts, n->link.width);
		if (n->link.downtrained) {
			strcat(buf, " (down)");
			color = "yellow";
		} else if (n->link.downtrained_unknown) {
			strcat(buf, " (down?)");
			color = "yellow";
		}
		break;
	case COL_MAXLINK:
		if (d && n->link.applies)
			fmt_link(buf, sizeof(buf), n->link.max_speed_gts, n->link.max_width);
		break;
	case COL_BOTTLENECK:
		if (n->bottleneck_gbps > 0) {
			int off = snprintf(buf, sizeof(buf), "%.2f GB/s", n->bottleneck_gbps);

			if (n->bottleneck_at != n &&
			    !(n->kind == IOV_TOPO_VF && n->bottleneck_at == n->parent))
				snprintf(buf + off, sizeof(buf) - off, " at %s", n->bottleneck_at->name);
		} else if ((n->kind == IOV_TOPO_ENDPOINT || n->kind == IOV_TOPO_PF ||
			    n->kind == IOV_TOPO_VF) && n->link.applies) {
			snprintf(buf, sizeof(buf), "-");	/* a hop nobody reports */
		}
		break;
	case COL_ACS:
		acs_text(buf, sizeof(buf), n, true);
		if (n->acs == IOV_ACS_NONE || n->acs == IOV_ACS_GAP)
			color = "red";
		break;
	}
	return set_cell(to, ln, i, buf, color);
}

/* The collapsed VFs of a PF as one row: "VF 0-63", "60 vfio-pci, 4 unbound". */
static int text_vf_row(struct text_out *to, struct libscols_line *parent,
		       const struct iov_topo_node *pf)
{
	struct iov_vf_summary s;
	struct libscols_line *ln;
	char buf[256];
	unsigned i;
	int r = 0;

	iov_topo_vf_summary(pf, &s);
	if (!s.n)
		return 0;
	ln = scols_table_new_line(to->tb, parent);
	if (!ln)
		return -ENOMEM;
	for (i = 0; i < to->o->ncols && r == 0; i++) {
		const char *color = NULL;

		buf[0] = '\0';
		switch (to->o->cols[i]) {
		case COL_ADDRESS:
			snprintf(buf, sizeof(buf), "VF %d-%d", s.first_index, s.last_index);
			if (s.shared)
				color = "red";
			break;
		case COL_TYPE:
			snprintf(buf, sizeof(buf), "%u VFs", s.n);
			break;
		case COL_DRIVER:
			vf_drivers_text(buf, sizeof(buf), &s);
			break;
		case COL_NUMA:
			if (s.numa_mixed)
				snprintf(buf, sizeof(buf), "mixed");
			else if (s.numa_node >= 0)
				snprintf(buf, sizeof(buf), "%d", s.numa_node);
			else
				snprintf(buf, sizeof(buf), "-");
			break;
		case COL_GROUP:
			if (s.group_min < 0)
				snprintf(buf, sizeof(buf), "-");
			else if (s.group_min == s.group_max)
				snprintf(buf, sizeof(buf), "%d", s.group_min);
			else
				snprintf(buf, sizeof(buf), "%d-%d", s.group_min, s.group_max);
			if (s.shared) {
				str_append(buf, sizeof(buf), " %u shared", s.shared);
				color = "red";
			}
			break;
		case COL_BOTTLENECK:
			if (pf->bottleneck_gbps > 0)
				snprintf(buf, sizeof(buf), "%.2f GB/s", pf->bottleneck_gbps);
			else
				snprintf(buf, sizeof(buf), "-");
			break;
		}
		r = set_cell(to, ln, i, buf, color);
	}
	return r;
}

static int text_node(struct text_out *to, struct libscols_line *parent,
		     const struct iov_topo_node *n)
{
	struct libscols_line *ln;
	unsigned i;
	int r = 0;

	if (!n->selected)
		return 0;
	ln = scols_table_new_line(to->tb, parent);
	if (!ln)
		return -ENOMEM;
	for (i = 0; i < to->o->ncols && r == 0; i++)
		r = text_cell(to, ln, i, n);
	for (i = 0; i < n->nchild && r == 0; i++)
		if (!vfs_collapsed(to->o, n->child[i]))
			r = text_node(to, ln, n->child[i]);
	if (r == 0 && !to->o->vfs && n->nvfs)
		r = text_vf_row(to, ln, n);
	return r;
}

static int print_text(const struct iov_topo *t, const struct topo_opts *o)
{
	struct text_out to = { .o = o, .t = t };
	unsigned i;
	int r = -ENOMEM;

	/*
	 * libsmartcols draws the tree in UTF-8 when the locale's character set
	 * is; only LC_CTYPE, so numbers keep their '.' whatever LC_NUMERIC says.
	 */
	setlocale(LC_CTYPE, "");
	to.tb = scols_new_table();
	if (!to.tb)
		return -ENOMEM;
	scols_table_enable_ascii(to.tb, o->ascii);
	scols_table_enable_colors(to.tb, o->color);
	for (i = 0; i < o->ncols; i++) {
		const struct colinfo *ci = &colinfo[o->cols[i]];

		if (!scols_table_new_column(to.tb, ci->name, ci->whint, ci->flags))
			goto out;
	}
	r = 0;
	for (i = 0; i < t->nhost && r == 0; i++)
		if (!t->host[i]->parent)
			r = text_node(&to, NULL, t->host[i]);
	if (r == 0)
		r = scols_print_table(to.tb);
out:
	scols_unref_table(to.tb);
	return r;
}

/* ---- JSON ----------------------------------------------------------------- */

/* a double rounded to 3 decimals, printed as such */
static struct json_object *json_num(double v)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%.3f", v);
	/* "15.754" "8.000" -> "8" */
	if (strchr(buf, '.')) {
		char *e = buf + strlen(buf) - 1;

		while (*e == '0')
			*e-- = '\0';
		if (*e == '.')
			*e = '\0';
	}
	return json_object_new_double_s(strtod(buf, NULL), buf);
}

static struct json_object *json_str_or_null(const char *s)
{
	return s ? json_object_new_string(s) : NULL;
}

static struct json_object *json_int_or_null(long long v, bool known)
{
	return known ? json_object_new_int64(v) : NULL;
}

static struct json_object *json_acs_bits(uint16_t bits)
{
	struct json_object *a = json_object_new_array();
	unsigned b;

	for (b = 0; b < 7; b++)
		if (bits & (1u << b))
			json_object_array_add(a, json_object_new_string(iov_acs_bit_name(b)));
	return a;
}

static struct json_object *json_link(const struct iov_topo_node *n)
{
	const struct iov_topo_link *l = &n->link;
	struct json_object *o;

	if (!l->speed_gts && !l->width && !l->max_speed_gts && !l->max_width)
		return NULL;
	o = json_object_new_object();
	/* key names as in inspect's "link" */
	json_object_object_add(o, "current_speed_gts", l->speed_gts > 0 ? json_num(l->speed_gts) : NULL);
	json_object_object_add(o, "current_width", json_int_or_null(l->width, l->width > 0));
	json_object_object_add(o, "max_speed_gts",
			       l->max_speed_gts > 0 ? json_num(l->max_speed_gts) : NULL);
	json_object_object_add(o, "max_width", json_int_or_null(l->max_width, l->max_width > 0));
	json_object_object_add(o, "gbps", l->gbps > 0 ? json_num(l->gbps) : NULL);
	json_object_object_add(o, "max_gbps", l->max_gbps > 0 ? json_num(l->max_gbps) : NULL);
	/* null: below this end's best, but the other end was not captured */
	json_object_object_add(o, "downtrained", l->downtrained_unknown ? NULL :
				       json_object_new_boolean(l->downtrained));
	return o;
}

static struct json_object *json_acs(const struct iov_topo_node *n)
{
	struct json_object *o, *g;
	bool known = n->acs != IOV_ACS_UNKNOWN;
	unsigned i;

	if (n->acs == IOV_ACS_NA)
		return NULL;
	o = json_object_new_object();
	json_object_object_add(o, "state", json_object_new_string(iov_acs_state_str(n->acs)));
	json_object_object_add(o, "capable", known && n->dev->c.acs.present ?
						     json_acs_bits(n->dev->c.acs.cap) :
						     (known ? json_object_new_array() : NULL));
	json_object_object_add(o, "enabled", known && n->dev->c.acs.present ?
						     json_acs_bits(n->dev->c.acs.ctrl) :
						     (known ? json_object_new_array() : NULL));
	json_object_object_add(o, "missing", known ? json_acs_bits(n->acs_missing) : NULL);
	g = json_object_new_array();
	for (i = 0; i < n->ngroups_below; i++)
		json_object_array_add(g, json_object_new_int(n->groups_below[i]));
	json_object_object_add(o, "groups_below", g);
	return o;
}

static struct json_object *json_vfs(const struct iov_topo_node *pf)
{
	const struct iov_dev *d = pf->dev;
	struct json_object *o, *drv;
	struct iov_vf_summary s;
	long long total = d->sriov_sysfs.totalvfs, num = d->sriov_sysfs.numvfs;
	unsigned k;

	iov_topo_vf_summary(pf, &s);
	if (total < 0 && d->c.sriov.present)
		total = d->c.sriov.total_vfs;
	if (num < 0 && d->c.sriov.present)
		num = d->c.sriov.num_vfs;
	o = json_object_new_object();
	json_object_object_add(o, "total_vfs", json_int_or_null(total, total >= 0));
	json_object_object_add(o, "num_vfs", json_int_or_null(num, num >= 0));
	json_object_object_add(o, "count", json_object_new_int(s.n));
	json_object_object_add(o, "first_index", json_int_or_null(s.first_index, s.n));
	json_object_object_add(o, "last_index", json_int_or_null(s.last_index, s.n));
	drv = json_object_new_object();
	for (k = 0; k < s.ndrv; k++)
		json_object_object_add(drv, s.drv[k].driver, json_object_new_int(s.drv[k].n));
	json_object_object_add(o, "drivers", drv);
	json_object_object_add(o, "other_drivers", json_object_new_int(s.other));
	json_object_object_add(o, "unbound", json_object_new_int(s.unbound));
	json_object_object_add(o, "numa_node", json_int_or_null(s.numa_node, s.numa_node >= 0));
	json_object_object_add(o, "iommu_group_min", json_int_or_null(s.group_min, s.group_min >= 0));
	json_object_object_add(o, "iommu_group_max", json_int_or_null(s.group_max, s.group_max >= 0));
	json_object_object_add(o, "shared_groups", json_object_new_int(s.shared));
	return o;
}

static struct json_object *json_node(const struct topo_opts *opt, const struct iov_topo_node *n);

static struct json_object *json_children(const struct topo_opts *opt, const struct iov_topo_node *n)
{
	struct json_object *a = json_object_new_array();
	unsigned i;

	for (i = 0; i < n->nchild; i++)
		if (n->child[i]->selected && !vfs_collapsed(opt, n->child[i]))
			json_object_array_add(a, json_node(opt, n->child[i]));
	return a;
}

/*
 * A device object holds its own address and nothing else shaped like one
 * below it except other device objects (compare_tree.py reads nesting so).
 */
static struct json_object *json_node(const struct topo_opts *opt, const struct iov_topo_node *n)
{
	const struct iov_dev *d = n->dev;
	struct json_object *o = json_object_new_object(), *a;
	unsigned i;

	if (n->kind == IOV_TOPO_UNCAPTURED) {
		/* seen only in its children's sysfs paths: nothing else is known */
		json_object_object_add(o, "address", json_object_new_string(n->name));
		json_object_object_add(o, "type", json_object_new_string(iov_topo_kind_str(n->kind)));
		json_object_object_add(o, "captured", json_object_new_boolean(false));
		json_object_object_add(o, "numa_node", json_int_or_null(n->numa_node, n->numa_node >= 0));
		json_object_object_add(o, "children", json_children(opt, n));
		return o;
	}
	if (!d) {
		json_object_object_add(o, "host_bridge", json_object_new_string(n->name));
		json_object_object_add(o, "domain", json_object_new_int64(n->domain));
		json_object_object_add(o, "bus", json_object_new_int(n->bus));
		json_object_object_add(o, "numa_node", json_int_or_null(n->numa_node, n->numa_node >= 0));
		json_object_object_add(o, "children", json_children(opt, n));
		return o;
	}
	json_object_object_add(o, "address", json_object_new_string(d->addr));
	json_object_object_add(o, "type", json_object_new_string(iov_topo_kind_str(n->kind)));
	json_object_object_add(o, "vendor_id", json_object_new_int(d->vendor));
	json_object_object_add(o, "device_id", json_object_new_int(d->device));
	json_object_object_add(o, "vendor_name", json_str_or_null(d->vendor_name));
	json_object_object_add(o, "device_name", json_str_or_null(d->device_name));
	json_object_object_add(o, "driver", json_str_or_null(d->driver));
	json_object_object_add(o, "numa_node", json_int_or_null(n->numa_node, n->numa_node >= 0));
	json_object_object_add(o, "iommu_group", json_int_or_null(d->iommu_group, d->iommu_group >= 0));
	a = json_object_new_array();
	for (i = 0; i < n->ngroup_shared; i++)
		json_object_array_add(a, json_object_new_string(n->group_shared[i]->addr));
	json_object_object_add(o, "iommu_group_shared_with", a);
	json_object_object_add(o, "link", json_link(n));
	json_object_object_add(o, "bottleneck_gbps",
			       n->bottleneck_gbps > 0 ? json_num(n->bottleneck_gbps) : NULL);
	json_object_object_add(o, "bottleneck_at", n->bottleneck_gbps > 0 ?
							   json_object_new_string(n->bottleneck_at->name) :
							   NULL);
	json_object_object_add(o, "acs", json_acs(n));
	if (n->kind == IOV_TOPO_PF)
		json_object_object_add(o, "vfs", json_vfs(n));
	if (n->kind == IOV_TOPO_VF)
		json_object_object_add(o, "vf_index", json_object_new_int(d->vf_index));
	json_object_object_add(o, "children", json_children(opt, n));
	return o;
}

static int print_json(const struct iov_topo *t, const struct topo_opts *opt)
{
	struct json_object *root = json_object_new_object(), *top = json_object_new_object(), *a;
	const struct iov_devlist *list = t->list;
	unsigned i;

	json_object_object_add(root, "schema_version", json_object_new_int(1));
	/* host keys named and typed as in inspect's "host" */
	/* null: kernel/iommu_groups unreadable and no function links a group */
	json_object_object_add(top, "iommu", list->iommu_groups_errno && !t->iommu ? NULL :
						      json_object_new_boolean(t->iommu));
	json_object_object_add(top, "iommu_groups", json_object_new_int(list->ngroups));
	json_object_object_add(top, "numa_nodes", json_int_or_null(list->numa_nodes, list->numa_nodes > 0));
	json_object_object_add(top, "vfs_expanded", json_object_new_boolean(opt->vfs));
	a = json_object_new_array();
	for (i = 0; i < t->nhost; i++)
		if (t->host[i]->selected && !t->host[i]->parent)
			json_object_array_add(a, json_node(opt, t->host[i]));
	json_object_object_add(top, "host_bridges", a);
	json_object_object_add(root, "topology", top);
	fputs(json_object_to_json_string_ext(root, JSON_C_TO_STRING_PRETTY |
						   JSON_C_TO_STRING_SPACED |
						   JSON_C_TO_STRING_NOSLASHESCAPE), stdout);
	fputc('\n', stdout);
	json_object_put(root);
	return 0;
}

/* ---- DOT ------------------------------------------------------------------ */

static void dot_str(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			fputc('\\', f);
		fputc(*s, f);
	}
	fputc('"', f);
}

/* the node id of a PF's collapsed VFs */
static void dot_vfs_id(FILE *f, const struct iov_topo_node *pf)
{
	fprintf(f, "\"%s/vfs\"", pf->name);
}

/* "\nNAME", escaped for a DOT string, cut at a word boundary near 40 chars */
static void dot_label_name(char *buf, size_t len, const char *name)
{
	size_t off = strlen(buf), n = 0, cut = 0;
	const char *p;

	for (p = name; *p && n < 40; p++, n++)
		if (*p == ' ')
			cut = n;
	if (!*p)
		cut = n;
	else if (!cut)
		cut = 40;
	if (off + 2 * cut + 8 >= len)
		return;
	buf[off++] = '\\';
	buf[off++] = 'n';
	for (n = 0; n < cut; n++) {
		if (name[n] == '"' || name[n] == '\\')
			buf[off++] = '\\';
		buf[off++] = name[n];
	}
	if (name[cut])
		off += snprintf(buf + off, len - off, "...");
	buf[off] = '\0';
}

static void dot_node(FILE *f, const struct topo_opts *o, const struct iov_topo_node *n)
{
	const struct iov_dev *d = n->dev;
	char label[512], tmp[128];

	snprintf(label, sizeof(label), "%s\\n%s", n->name, kind_text(n->kind));
	if (d) {
		if (d->device_name)
			dot_label_name(label, sizeof(label), d->device_name);
		str_append(label, sizeof(label), "\\ndriver %s", d->driver ? d->driver : "-");
		if (d->iommu_group >= 0) {
			snprintf(tmp, sizeof(tmp), "%d%s", d->iommu_group,
				 n->ngroup_shared ? " (shared)" : "");
			str_append(label, sizeof(label), "\\ngroup %s", tmp);
		}
		if (n->acs != IOV_ACS_NA && n->acs != IOV_ACS_OK) {
			acs_text(tmp, sizeof(tmp), n, false);
			str_append(label, sizeof(label), "\\nACS %s", tmp);
		}
		if (n->bottleneck_gbps > 0 && n->kind != IOV_TOPO_VF) {
			snprintf(tmp, sizeof(tmp), "%.2f GB/s", n->bottleneck_gbps);
			str_append(label, sizeof(label), "\\nbottleneck %s", tmp);
		}
	}
	fputs("\t\t", f);
	dot_str(f, n->name);
	fputs(" [label=", f);
	/* labels carry \n escapes: write them unquoted-escaped */
	fprintf(f, "\"%s\"", label);
	if (n->kind == IOV_TOPO_UNCAPTURED)
		fputs(", style=dashed", f);
	else if (!d)
		fputs(", shape=box3d", f);
	if (has_problem(n))
		fputs(", color=red, fontcolor=red", f);
	fputs("];\n", f);
}

static void dot_vfs_node(FILE *f, const struct iov_topo_node *pf)
{
	struct iov_vf_summary s;
	char label[512];

	iov_topo_vf_summary(pf, &s);
	snprintf(label, sizeof(label), "VF %d-%d\\n", s.first_index, s.last_index);
	vf_drivers_text(label, sizeof(label), &s);
	if (s.group_min >= 0)
		str_append(label, sizeof(label), "\\ngroups %d-%d%s", s.group_min, s.group_max,
			   s.shared ? " (shared)" : "");
	fputs("\t\t", f);
	dot_vfs_id(f, pf);
	fprintf(f, " [label=\"%s\", shape=folder%s];\n", label,
		s.shared ? ", color=red, fontcolor=red" : "");
}

/* the cluster of a PF's collapsed VFs: their common node, else unknown */
static int vfs_numa(const struct iov_topo_node *pf)
{
	struct iov_vf_summary s;

	iov_topo_vf_summary(pf, &s);
	return s.numa_mixed ? -1 : s.numa_node;
}

/* Nodes of one NUMA node (or unknown: -1) and the collapsed VF boxes there. */
static void dot_cluster_nodes(FILE *f, const struct iov_topo *t, const struct topo_opts *o,
			      int numa)
{
	size_t i;

	for (i = 0; i < t->n; i++) {
		const struct iov_topo_node *n = &t->node[i];

		if (!n->selected || vfs_collapsed(o, n) || !iov_topo_node_used(t, i))
			continue;
		if (n->numa_node == numa)
			dot_node(f, o, n);
		if (!o->vfs && n->nvfs && vfs_numa(n) == numa)
			dot_vfs_node(f, n);
	}
}

static void dot_edges(FILE *f, const struct topo_opts *o, const struct iov_topo_node *n)
{
	unsigned i;

	for (i = 0; i < n->nchild; i++) {
		const struct iov_topo_node *c = n->child[i];
		char lab[64] = "";
		const struct iov_topo_link *l = &c->link;

		if (!c->selected || vfs_collapsed(o, c))
			continue;
		if (c->kind != IOV_TOPO_VF && !l->known && n->dev &&
		    (n->kind == IOV_TOPO_ROOT_PORT || n->kind == IOV_TOPO_SWITCH_DOWN))
			l = &n->link;	/* the port reports the same link */
		if (c->kind != IOV_TOPO_VF && (n->dev || n->kind == IOV_TOPO_UNCAPTURED) && l->known)
			fmt_link(lab, sizeof(lab), l->speed_gts, l->width);
		fprintf(f, "\t\"%s\" -> \"%s\"", n->name, c->name);
		if (lab[0])
			fprintf(f, " [label=\"%s%s\"%s]", lab,
				l->downtrained ? " (down)" : l->downtrained_unknown ? " (down?)" : "",
				l->downtrained ? ", color=red, fontcolor=red" : "");
		if (c->kind == IOV_TOPO_VF)
			fputs(" [style=dashed]", f);
		fputs(";\n", f);
		dot_edges(f, o, c);
	}
	if (!o->vfs && n->nvfs) {
		fprintf(f, "\t\"%s\" -> ", n->name);
		dot_vfs_id(f, n);
		fputs(" [style=dashed];\n", f);
	}
}

static bool cluster_used(const struct iov_topo *t, const struct topo_opts *o, int numa)
{
	size_t i;

	for (i = 0; i < t->n; i++) {
		const struct iov_topo_node *n = &t->node[i];

		if (!n->selected || !iov_topo_node_used(t, i) || vfs_collapsed(o, n))
			continue;
		if (n->numa_node == numa || (!o->vfs && n->nvfs && vfs_numa(n) == numa))
			return true;
	}
	return false;
}

static int print_dot(const struct iov_topo *t, const struct topo_opts *o)
{
	int nodes = t->list->numa_nodes, numa, max = -1;
	size_t i;

	for (i = 0; i < t->n; i++)
		if (t->node[i].numa_node > max)
			max = t->node[i].numa_node;
	if (nodes - 1 > max)
		max = nodes - 1;
	printf("digraph topology {\n"
	       "\tgraph [rankdir=LR, fontname=\"Helvetica\"];\n"
	       "\tnode [shape=box, fontname=\"Helvetica\", fontsize=10];\n"
	       "\tedge [fontname=\"Helvetica\", fontsize=9];\n");
	for (numa = -1; numa <= max; numa++) {
		if (!cluster_used(t, o, numa))
			continue;
		if (numa < 0)
			printf("\tsubgraph \"cluster_numa_unknown\" {\n"
			       "\t\tlabel=\"NUMA node unknown\";\n\t\tstyle=dashed;\n");
		else
			printf("\tsubgraph \"cluster_numa_%d\" {\n\t\tlabel=\"NUMA node %d\";\n",
			       numa, numa);
		dot_cluster_nodes(stdout, t, o, numa);
		printf("\t}\n");
	}
	for (i = 0; i < t->nhost; i++)
		if (t->host[i]->selected && !t->host[i]->parent)
			dot_edges(stdout, o, t->host[i]);
	printf("}\n");
	return 0;
}

/* ---- the command ---------------------------------------------------------- */

/*
 * Select the subtree of every function DEV names (an address, or a device
 * name; an NVMe multipath namespace names each function with a path to it).
 * Returns how many, or -ENODEV; *vf is set when one of them is a VF.
 */
static int select_target(struct iov_ctx *ctx, struct iov_topo *t, const char *name, bool *vf)
{
	const struct iov_devlist *list = t->list;
	struct iov_dev **hit;
	struct iov_bdf b;
	int i, n;

	hit = calloc(list->n ? list->n : 1, sizeof(*hit));
	if (!hit)
		return -ENOMEM;
	if (iov_bdf_parse(name, &b) == 0) {
		hit[0] = iov_devlist_find(list, &b);
		n = hit[0] ? 1 : -ENODEV;
	} else {
		n = iov_devlist_resolve_name(ctx, list, name, hit, list->n ? list->n : 1);
	}
	for (i = 0; i < n; i++) {
		iov_topo_select_subtree(t, iov_topo_find(t, hit[i]));
		if (hit[i]->is_vf)
			*vf = true;
	}
	free(hit);
	return n;
}

static void topology_init(void *args)
{
	struct topo_opts *o = args;

	for (; o->ncols < sizeof(default_cols) / sizeof(default_cols[0]); o->ncols++)
		o->cols[o->ncols] = default_cols[o->ncols];
}

static int topology_option(struct iov_cli *cli, void *args, int c, const char *arg,
			   const char *name)
{
	struct topo_opts *o = args;
	char *end;

	(void)name;
	switch (c) {
	case OPT_VFS:
		o->vfs = true;
		break;
	case OPT_NUMA:
		errno = 0;
		o->numa = strtol(arg, &end, 10);
		if (errno || end == arg || *end || o->numa < -1)
			return cli_usage_error(cli, "invalid NUMA node '%s'", arg);
		o->numa_set = true;
		break;
	case 'o':
		return parse_columns(cli, o, arg);
	case OPT_ASCII:
		o->ascii = true;
		break;
	case OPT_DOT:
		o->dot = true;
		break;
	}
	return EXIT_OK;
}

static int topology_operands(struct iov_cli *cli, void *args, int argc, char **argv)
{
	struct topo_opts *o = args;
	int r;

	if (argc > 1)
		return cli_usage_error(cli, "too many arguments: one DEV at most");
	if (argc == 1) {
		o->target = argv[0];
		if ((r = cli_check_address(o->target)))
			return r;
	}
	if (o->target && o->numa_set)
		return cli_usage_error(cli, "DEV and --numa exclude each other");
	if (o->dot && cli->json)
		return cli_usage_error(cli, "--dot and --json exclude each other");
	return EXIT_OK;
}

static int topology_run(struct iov_cli *cli, struct iov_ctx *ctx, void *args)
{
	struct topo_opts o = *(struct topo_opts *)args;
	struct iov_devlist *list = NULL;
	struct iov_topo *t = NULL;
	bool read_errors = false;
	int r, ret;

	o.color = cli_use_color(cli);
	ret = EXIT_RUNTIME;
	r = iov_scan(ctx, IOV_SCAN_NAMES | IOV_SCAN_BRIEF, &list);
	if (r < 0) {
		cli_err("cannot scan PCI devices under '%s': %s", iov_ctx_sysfs_root(ctx),
			strerror(-r));
		goto out;
	}
	read_errors = cli_report_read_errors(ctx, list);
	r = iov_topo_build(list, &t);
	if (r < 0) {
		cli_err("cannot build the PCI tree: %s", strerror(-r));
		goto out;
	}
	if (o.target) {
		bool vf = false;

		r = select_target(ctx, t, o.target, &vf);
		if (r == -ENOMEM) {
			cli_err("cannot select '%s': %s", o.target, strerror(-r));
			goto out;
		}
		if (r <= 0) {
			cli_err("no PCI function '%s' under '%s'", o.target, iov_ctx_sysfs_root(ctx));
			ret = EXIT_NODEV;
			goto out;
		}
		/* a VF asked for is shown as itself */
		if (vf)
			o.vfs = true;
	}
	if (o.numa_set && !iov_topo_select_numa(t, o.numa))
		cli_warn(cli, "no PCI function on NUMA node %d", o.numa);
	if (!o.target && !o.numa_set)
		iov_topo_select_all(t);
	if (cli->json)
		r = print_json(t, &o);
	else if (o.dot)
		r = print_dot(t, &o);
	else
		r = print_text(t, &o);
	if (r < 0) {
		cli_err("cannot print the tree: %s", strerror(-r));
		goto out;
	}
	ret = read_errors ? EXIT_RUNTIME : EXIT_OK;
out:
	iov_topo_free(t);
	iov_devlist_free(list);
	return ret;
}

const struct iov_cmd cmd_topology = {
	.name = "topology",
	.summary = "show the PCIe tree with NUMA, IOMMU, link and ACS facts",
	.flags = CMD_NEEDS_CONTEXT | CMD_TAKES_SAMPLE,
	.shortopts = "o:",
	.longopts = topology_longopts,
	.usage = usage,
	.args_size = sizeof(struct topo_opts),
	.init = topology_init,
	.option = topology_option,
	.operands = topology_operands,
	.run = topology_run,
};
