// SPDX-License-Identifier: GPL-2.0-or-later
/* iovctl inspect: every PCI function's I/O-virtualization story. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "inspect.h"
#include "output.h"

enum {
	OPT_VFS = OPT_CMD,
	OPT_CHECK,
	OPT_HOST,
	OPT_IGNORE,
	OPT_FAIL_ON,
	OPT_LIST_FINDINGS,
};

static const struct option inspect_longopts[] = {
	CLI_GLOBAL_LONGOPTS,
	{ "all", no_argument, NULL, 'a' },
	{ "slot", required_argument, NULL, 's' },
	{ "id", required_argument, NULL, 'd' },
	{ "vfs", no_argument, NULL, OPT_VFS },
	{ "check", no_argument, NULL, OPT_CHECK },
	{ "host", no_argument, NULL, OPT_HOST },
	{ "ignore", required_argument, NULL, OPT_IGNORE },
	{ "fail-on", required_argument, NULL, OPT_FAIL_ON },
	{ "list-findings", no_argument, NULL, OPT_LIST_FINDINGS },
	{ NULL, 0, NULL, 0 },
};

static void usage(FILE *f)
{
	fputs("Usage: iovctl inspect [OPTIONS] [DEVICE...]\n\n"
	      "Show the SR-IOV, IOMMU, NUMA and link state of PCI functions, and findings:\n"
	      "what is wrong and how to fix it.\n\n"
	      "DEVICE is a PCI address (0000:3b:00.0 or 3b:00.0), a VF as PF/vfN\n"
	      "(3b:00.0/vf1), a network interface (eth0) or a block device (nvme0n1,\n"
	      "/dev/nvme0n1).\n\n"
	      "Options:\n"
	      "  -a, --all                every function, not only those that matter for IOV\n"
	      "  -s, --slot [[D:]B:][S][.F]  select by address, as lspci -s\n"
	      "  -d, --id [V]:[D][:C[:P]] select by vendor, device, class, prog-if, as lspci -d\n"
	      "      --vfs                list each VF instead of a summary under its PF\n"
	      "      --check              print only findings about the selected functions;\n"
	      "                           exit 1 if one is at or above the --fail-on level\n"
	      "      --fail-on LEVEL      warning (default) or error\n"
	      "      --ignore ID[,ID...]  waive the findings of these rules\n"
	      "      --list-findings      list every rule: ID, severity, what it checks\n"
	      "      --host               host readiness checklist (IOMMU, interrupt remapping,\n"
	      "                           VFIO, KVM, command line); exit 1 when a check fails\n"
	      "  -v, --verbose            decoded capabilities; -vv for every field\n",
	      f);
	fputs(CLI_GLOBAL_HELP, f);
	fputs("\nExit status: 0 ok, 1 with --check a finding at or above --fail-on (not\n"
	      "--ignore'd) or with --host a failed check, 2 usage, 3 runtime error, 4 no\n"
	      "such device. See iovctl-inspect(8).\n",
	      f);
}

struct selectors {
	struct iov_filter *filter;	/* -s and -d, as lspci's; NULL: neither */
	char **names;
	int nnames;
};

static bool matches_filters(const struct inspect_view *v, const struct selectors *sel,
			    const struct iov_dev *d)
{
	return !sel->filter || iov_filter_match(v->ctx, sel->filter, d);
}

/* -s or -d into the one filter; libpci says what is wrong with a bad one */
static int add_filter(struct iov_cli *cli, struct selectors *sel, int opt, const char *arg)
{
	const char *why;
	int r;

	if (!sel->filter && !(sel->filter = iov_filter_new())) {
		cli_err("%s", strerror(ENOMEM));
		return EXIT_RUNTIME;
	}
	r = opt == 's' ? iov_filter_slot(sel->filter, arg, &why) :
			 iov_filter_id(sel->filter, arg, &why);
	if (r == -EINVAL)
		return cli_usage_error(cli, "invalid %s '%s': %c%s (expected %s)",
				       opt == 's' ? "slot" : "ID", arg, tolower((unsigned char)why[0]),
				       why + 1, opt == 's' ? "[[[domain]:][bus]:][dev][.[fn]]" :
							     "[vendor]:[device][:class[:prog-if]]");
	if (r < 0) {
		cli_err("%s", strerror(-r));
		return EXIT_RUNTIME;
	}
	return 0;
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

		n = iov_function_resolve(v->ctx, name, &b);
		if (n != -EINVAL) {
			found[0] = n == 0 ? iov_devlist_find(v->list, &b) : NULL;
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

		if (!matches_filters(v, sel, d))
			continue;
		if (v->all || sel->filter)
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
		if (v->findings.f[i].severity >= v->fail_on &&
		    inspect_finding_shown(v, &v->findings.f[i]))
			return EXIT_FINDINGS;
	return EXIT_OK;
}

/* --ignore a,b: every ID must be a rule, so a typo does not waive nothing silently */
static int parse_ignore(struct iov_cli *cli, struct inspect_view *v, const char *arg)
{
	char *list = strdup(arg), *save = NULL, *id;
	const struct iov_rule *rule;
	int r = 0;

	if (!list)
		return EXIT_RUNTIME;
	for (id = strtok_r(list, ",", &save); id; id = strtok_r(NULL, ",", &save)) {
		rule = iov_rule_find(id);
		if (!rule) {
			r = cli_usage_error(cli, "unknown finding '%s' in --ignore (see --list-findings)", id);
			break;
		}
		v->ignore[rule - iov_rules] = true;
	}
	free(list);
	return r;
}

static void list_findings(FILE *out)
{
	unsigned i;

	for (i = 0; i < IOV_F_COUNT; i++)
		fprintf(out, "%-25s %-7s %s\n", iov_rules[i].id, iov_severity_str(iov_rules[i].severity),
			iov_rules[i].check);
}

struct inspect_args {
	struct inspect_view v;
	struct selectors sel;
	bool fail_on_set;	/* --fail-on given */
};

static void inspect_init(void *args)
{
	((struct inspect_args *)args)->v.fail_on = IOV_SEV_WARNING;
}

static int inspect_option(struct iov_cli *cli, void *args, int c, const char *arg,
			  const char *name)
{
	struct inspect_view *v = &((struct inspect_args *)args)->v;
	struct selectors *sel = &((struct inspect_args *)args)->sel;

	(void)name;
	switch (c) {
	case 'a':
		v->all = true;
		break;
	case 's':
	case 'd':
		return add_filter(cli, sel, c, arg);
	case OPT_VFS:
		v->expand_vfs = true;
		break;
	case OPT_CHECK:
		v->check_only = true;
		break;
	case OPT_HOST:
		v->host = true;
		break;
	case OPT_IGNORE:
		return parse_ignore(cli, v, arg);
	case OPT_FAIL_ON:
		if (iov_severity_parse(arg, &v->fail_on) < 0 || v->fail_on == IOV_SEV_INFO)
			return cli_usage_error(cli, "invalid --fail-on '%s' (expected warning or error)", arg);
		((struct inspect_args *)args)->fail_on_set = true;
		break;
	case OPT_LIST_FINDINGS:
		list_findings(stdout);
		return CLI_STOP(EXIT_OK);
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
	if (v->host && (sel->nnames || sel->filter || v->check_only))
		return cli_usage_error(cli, "--host checks the whole host: it takes no DEVICE, -s, -d or --check");
	if (((struct inspect_args *)args)->fail_on_set && !v->check_only)
		return cli_usage_error(cli, "--fail-on sets the threshold of --check: use them together");
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
	/* before the read errors: the last line says what failed */
	if (v->list->limited_config && !cli->json && !v->host) {
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
	read_errors = cli_report_read_errors(v->ctx, v->list);
	if (v->host)
		return inspect_host(v, cli->json, stdout);
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
	a->v.width = out_term_width(cli->width);
	return run(cli, &a->v, &a->sel);
}

static void inspect_done(void *args)
{
	struct inspect_view *v = &((struct inspect_args *)args)->v;

	iov_filter_free(((struct inspect_args *)args)->sel.filter);
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
	.init = inspect_init,
	.option = inspect_option,
	.operands = inspect_operands,
	.run = inspect_run,
	.done = inspect_done,
};
