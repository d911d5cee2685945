// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * iovctl topology: the annotated PCIe tree, from host bridge to every VF,
 * as a libsmartcols tree, nested JSON or Graphviz DOT.
 */
#include "config.h"

#include <errno.h>
#include <libsmartcols.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "topology.h"

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

static const int default_cols[] = {
	COL_ADDRESS, COL_TYPE, COL_NAME, COL_DRIVER, COL_NUMA, COL_GROUP, COL_LINK, COL_BOTTLENECK,
	COL_ACS,
};
static void usage(FILE *f)
{
	unsigned i;

	fputs("Usage: iovctl topology [OPTIONS] [DEV]\n\n"
	      "Show the PCIe tree from each host bridge down to every VF, with NUMA node,\n"
	      "IOMMU group, link state, the path bottleneck and ACS gaps. DEV (an address,\n"
	      "a VF as PF/vfN or a net/block device name) limits it to that function's\n"
	      "subtree and the path up to its host bridge.\n\n"
	      "Options:\n"
	      "      --vfs                one row per VF (default: one line per PF)\n"
	      "      --numa N             only functions on NUMA node N (-1: unknown)\n"
	      "  -o, --output COLS        columns to show; '+COLS' adds to the default\n"
	      "      --ascii              plain ASCII tree characters\n"
	      "      --dot                Graphviz DOT (render with 'dot -Tsvg')\n"
	      "\nColumns:\n", f);
	for (i = 0; i < NCOLS; i++)
		fprintf(f, "  %-11s %s\n", topo_colinfo[i].name, topo_colinfo[i].help);
	fputs("Default:", f);
	for (i = 0; i < sizeof(default_cols) / sizeof(default_cols[0]); i++)
		fprintf(f, "%s%s", i ? "," : " ", topo_colinfo[default_cols[i]].name);
	fputc('\n', f);
	fputs(CLI_GLOBAL_HELP, f);
	fputs("\nSee iovctl-topology(8).\n", f);
}

static int column_id(const char *name, size_t len)
{
	unsigned i;

	for (i = 0; i < NCOLS; i++)
		if (strlen(topo_colinfo[i].name) == len && strncasecmp(topo_colinfo[i].name, name, len) == 0)
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
	n = iov_function_resolve(ctx, name, &b);
	if (n != -EINVAL) {
		hit[0] = n == 0 ? iov_devlist_find(list, &b) : NULL;
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
	o.width = cli->width;
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
		r = topo_print_json(t, &o);
	else if (o.dot)
		r = topo_print_dot(t, &o);
	else
		r = topo_print_text(t, &o);
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
