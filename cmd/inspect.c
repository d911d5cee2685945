// SPDX-License-Identifier: GPL-2.0-or-later
/* iovctl inspect: every PCI function's I/O-virtualization story. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "inspect.h"

enum {
	OPT_VFS = OPT_CMD,
	OPT_CHECK,
	OPT_HOST,
};

static const struct option inspect_longopts[] = {
	CLI_GLOBAL_LONGOPTS,
	{ "all", no_argument, NULL, 'a' },
	{ "slot", required_argument, NULL, 's' },
	{ "id", required_argument, NULL, 'd' },
	{ "vfs", no_argument, NULL, OPT_VFS },
	{ "check", no_argument, NULL, OPT_CHECK },
	{ "host", no_argument, NULL, OPT_HOST },
	{ NULL, 0, NULL, 0 },
};

static void usage(FILE *f)
{
	fputs("Usage: iovctl inspect [OPTIONS] [DEVICE...]\n\n"
	      "Show the SR-IOV, IOMMU, NUMA and link state of PCI functions, and findings:\n"
	      "what is wrong and how to fix it.\n\n"
	      "DEVICE is a PCI address (0000:3b:00.0 or 3b:00.0), a network interface (eth0)\n"
	      "or a block device (nvme0n1, /dev/nvme0n1).\n\n"
	      "Options:\n"
	      "  -a, --all                every function, not only those that matter for IOV\n"
	      "  -s, --slot [[D:]B:][S][.F]  select by address, as lspci -s\n"
	      "  -d, --id [V]:[D][:C]     select by vendor, device and class ID, as lspci -d\n"
	      "      --vfs                list each VF instead of a summary under its PF\n"
	      "      --check              print only findings; exit 1 on any warning or error\n"
	      "      --host               host readiness checklist (IOMMU, interrupt remapping,\n"
	      "                           VFIO, KVM, command line); exit 1 when a check fails\n"
	      "  -v, --verbose            decoded capabilities; -vv for every field\n",
	      f);
	fputs(CLI_GLOBAL_HELP, f);
	fputs("\nExit status: 0 ok, 1 findings with --check or a failed --host check,\n"
	      "2 usage, 3 runtime error, 4 no such device. See iovctl-inspect(8).\n",
	      f);
}

struct selectors {
	struct iov_slot_filter slot;
	struct iov_id_filter id;
	bool have_slot, have_id;
	char **names;
	int nnames;
};

static bool matches_filters(const struct selectors *sel, const struct iov_dev *d)
{
	if (sel->have_slot && !iov_slot_filter_match(&sel->slot, &d->bdf))
		return false;
	if (sel->have_id) {
		if (sel->id.vendor >= 0 && sel->id.vendor != d->vendor)
			return false;
		if (sel->id.device >= 0 && sel->id.device != d->device)
			return false;
		if (sel->id.class_ >= 0 && sel->id.class_ != (int)(d->class_code >> 8))
			return false;
	}
	return true;
}

static bool is_passthrough_driver(const char *drv)
{
	return drv && (strcmp(drv, "vfio-pci") == 0 || strcmp(drv, "pci-stub") == 0);
}

/* SR-IOV PFs and VFs, passthrough candidates in IOMMU groups, and bridges above them. */
static bool matters(const struct iov_devlist *list, const struct iov_dev *d)
{
	if (iov_dev_is_pf(d) || d->is_vf || is_passthrough_driver(d->driver))
		return true;
	/* class 0x0680, yet the way other hosts reach this one */
	if (iov_dev_is_ntb(d))
		return true;
	/* host bridges, ISA bridges and the like are not passed through */
	if (d->is_bridge || (d->class_code >> 16) == 0x06)
		return false;
	return list->iommu_groups_present && d->iommu_group >= 0;
}

static void select_with_parents(struct inspect_view *v, struct iov_dev *d)
{
	for (; d; d = d->parent) {
		size_t i = inspect_index(v, d);

		if (i == (size_t)-1)
			break;
		v->selected[i] = true;
	}
}

static int resolve_names(struct inspect_view *v, const struct selectors *sel)
{
	int i, k;

	for (i = 0; i < sel->nnames; i++) {
		const char *name = sel->names[i];
		struct iov_dev *found[64];
		struct iov_bdf b;
		int n;

		if (iov_bdf_parse(name, &b) == 0) {
			found[0] = iov_devlist_find(v->list, &b);
			n = found[0] ? 1 : -ENODEV;
		} else {
			n = iov_devlist_resolve_name(v->ctx, v->list, name, found, 64);
		}
		if (n < 0) {
			cli_err("no PCI function '%s' in %s", name, iov_ctx_sysfs_root(v->ctx));
			return EXIT_NODEV;
		}
		for (k = 0; k < n; k++)
			v->selected[inspect_index(v, found[k])] = true;
	}
	return EXIT_OK;
}

static int select_devices(struct inspect_view *v, const struct selectors *sel)
{
	bool explicit = sel->nnames > 0;
	size_t i;
	int r;

	v->selected = calloc(v->list->n ? v->list->n : 1, sizeof(*v->selected));
	if (!v->selected)
		return EXIT_RUNTIME;
	if (explicit) {
		r = resolve_names(v, sel);
		if (r)
			return r;
		/* named VFs are shown one by one */
		v->expand_vfs = true;
		return EXIT_OK;
	}
	for (i = 0; i < v->list->n; i++) {
		struct iov_dev *d = v->list->dev[i];

		if (!matches_filters(sel, d))
			continue;
		if (v->all || sel->have_slot || sel->have_id)
			v->selected[i] = true;
		else if (matters(v->list, d))
			select_with_parents(v, d);
	}
	return EXIT_OK;
}

static int has_problems(const struct inspect_view *v)
{
	size_t i;

	for (i = 0; i < v->findings.n; i++)
		if (v->findings.f[i].severity >= IOV_SEV_WARNING &&
		    inspect_finding_shown(v, &v->findings.f[i]))
			return 1;
	return 0;
}

struct inspect_args {
	struct inspect_view v;
	struct selectors sel;
};

static int inspect_option(struct iov_cli *cli, void *args, int c, const char *arg,
			  const char *name)
{
	struct inspect_view *v = &((struct inspect_args *)args)->v;
	struct selectors *sel = &((struct inspect_args *)args)->sel;
	enum iov_addr_err e;

	(void)name;
	switch (c) {
	case 'a':
		v->all = true;
		break;
	case 's':
		e = iov_slot_filter_parse_why(arg, &sel->slot);
		if (e == IOV_ADDR_SHAPE)
			return cli_usage_error(cli, "invalid slot '%s' (expected [[domain:]bus:][dev][.fn])", arg);
		if (e)
			return cli_usage_error(cli, "invalid slot '%s': %s", arg, iov_addr_strerror(e));
		sel->have_slot = true;
		break;
	case 'd':
		if (iov_id_filter_parse(arg, &sel->id) < 0)
			return cli_usage_error(cli, "invalid ID '%s' (expected [vendor]:[device][:class])", arg);
		sel->have_id = true;
		break;
	case OPT_VFS:
		v->expand_vfs = true;
		break;
	case OPT_CHECK:
		v->check_only = true;
		break;
	case OPT_HOST:
		v->host = true;
		break;
	}
	return EXIT_OK;
}

static int inspect_operands(struct iov_cli *cli, void *args, int argc, char **argv)
{
	struct inspect_view *v = &((struct inspect_args *)args)->v;
	struct selectors *sel = &((struct inspect_args *)args)->sel;
	int i, r;

	sel->names = argv;
	sel->nnames = argc;
	for (i = 0; i < sel->nnames; i++)
		if ((r = cli_check_address(sel->names[i])))
			return r;
	if (v->host && (sel->nnames || sel->have_slot || sel->have_id || v->check_only))
		return cli_usage_error(cli, "--host checks the whole host: it takes no DEVICE, -s, -d or --check");
	return EXIT_OK;
}

static int run(struct iov_cli *cli, struct inspect_view *v, const struct selectors *sel)
{
	bool read_errors;
	int r;

	r = iov_scan(v->ctx, IOV_SCAN_NAMES, &v->list);
	if (r < 0) {
		cli_err("cannot read PCI devices under '%s': %s", iov_ctx_sysfs_root(v->ctx),
			strerror(-r));
		return EXIT_RUNTIME;
	}
	read_errors = cli_report_read_errors(v->ctx, v->list);
	if (v->host)
		return inspect_host(v, cli->json, stdout);
	if (v->list->limited_config && !cli->json) {
		unsigned n = v->list->limited_config;
		const char *pl = n == 1 ? "" : "s";

		/* say why in the words that fit: a user, a damaged host, a capture */
		if (!iov_ctx_is_live(v->ctx))
			cli_warn(cli, "config space of %u function%s is incomplete in this tree (captured without root?): capabilities unknown",
				 n, pl);
		else if (geteuid() != 0)
			cli_warn(cli, "config space of %u function%s is limited to the header: run as root for capabilities",
				 n, pl);
		else
			cli_warn(cli, "config space of %u function%s could not be read in full: capabilities unknown",
				 n, pl);
	}
	r = select_devices(v, sel);
	if (r)
		return r;
	r = iov_findings_run(v->ctx, v->list, &v->findings);
	if (r < 0) {
		cli_err("cannot evaluate findings: %s", strerror(-r));
		return EXIT_RUNTIME;
	}
	r = cli->json ? inspect_print_json(v, stdout) : inspect_print_text(v, stdout);
	if (r < 0) {
		cli_err("cannot format output: %s", strerror(-r));
		return EXIT_RUNTIME;
	}
	if (read_errors)
		return EXIT_RUNTIME;
	return v->check_only ? has_problems(v) : EXIT_OK;
}

static int inspect_run(struct iov_cli *cli, struct iov_ctx *ctx, void *args)
{
	struct inspect_args *a = args;

	a->v.ctx = ctx;
	a->v.verbose = cli->verbose;
	a->v.color = cli_use_color(cli);
	return run(cli, &a->v, &a->sel);
}

static void inspect_done(void *args)
{
	struct inspect_view *v = &((struct inspect_args *)args)->v;

	iov_findings_free(&v->findings);
	free(v->selected);
	iov_devlist_free(v->list);
}

const struct iov_cmd cmd_inspect = {
	.name = "inspect",
	.summary = "show the I/O-virtualization state of PCI functions",
	.flags = CMD_NEEDS_CONTEXT | CMD_TAKES_SAMPLE,
	.shortopts = "as:d:",
	.longopts = inspect_longopts,
	.usage = usage,
	.args_size = sizeof(struct inspect_args),
	.option = inspect_option,
	.operands = inspect_operands,
	.run = inspect_run,
	.done = inspect_done,
};
