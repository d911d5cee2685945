// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * iovctl topology: the annotated PCIe tree, from host bridge to every VF,
 * as a libsmartcols tree, nested JSON or Graphviz DOT.
 */
#include "config.h"

#include <errno.h>
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
static const int default_cols[] = {
	COL_ADDRESS, COL_TYPE, COL_NAME, COL_DRIVER, COL_NUMA, COL_GROUP, COL_LINK, COL_BOTTLENECK,
	COL_ACS,
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
