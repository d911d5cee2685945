// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * What the shell completions offer, asked of the binary so that they follow
 * the code: 'iovctl [WORDS...] --list-values=NAME' (hidden, the last word).
 * WORDS, the command line typed so far, choose the command and the root
 * whose devices are offered (--sysfs-root DIR or tarball, --sample,
 * $IOVCTL_SYSFS_ROOT). NAME is a long option without its dashes, a short
 * option letter, or "-" for the command's operands.
 *
 * Output, one per line: directives for the shell, then candidates.
 *   @flag      the option takes no value
 *   @optional  the value only as --opt=VALUE (a separate word is no value)
 *   @list      a comma-separated list of the candidates; a '+' may lead
 *   @file      a file name        @dir  a directory
 *   @snapshot  a directory or a snapshot tarball
 * No output: a value nothing can suggest (a number, a size, an expression).
 * Candidates holding a '/' (PF/vfN, /dev/NAME) are for a word with a '/'.
 */
#include "config.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "complete.h"
#include "lib/iov-bench.h"
#include "lib/iov-names.h"

struct comp {
	struct iov_cli cli;
	const struct iov_cmd *cmd;	/* NULL: before the command */
	bool sample;
	struct iov_ctx *ctx;		/* opened on the first listing of the root */
	int err;			/* the root could not be opened */
};

/* the root the command line chose, opened once; NULL when it cannot be */
static struct iov_ctx *comp_ctx(struct comp *c)
{
	if (c->ctx || c->err)
		return c->ctx;
	if (c->sample)
		c->err = cli_use_sample(&c->cli);
	if (!c->err)
		c->err = cli_open_ctx(&c->cli, &c->ctx);
	return c->ctx;
}

static void print_names(struct comp *c, const char *dir, const char *prefix)
{
	struct iov_ctx *ctx = comp_ctx(c);
	struct iov_names names;
	size_t i;

	if (!ctx || iov_sysfs_names(ctx, dir, &names) < 0)
		return;
	for (i = 0; i < names.n; i++)
		printf("%s%s\n", prefix, names.v[i]);
	iov_names_free(&names);
}

static void list_addresses(struct comp *c)
{
	print_names(c, "bus/pci/devices", "");
}

/* Each enabled VF as PF/vfN (N from the PF's sriov_numvfs), or each such PF. */
static void print_sriov(struct comp *c, bool pfs_only, const char *prefix)
{
	struct iov_ctx *ctx = comp_ctx(c);
	struct iov_names names;
	long long nvfs, i;
	size_t k;

	if (!ctx || iov_sysfs_names(ctx, "bus/pci/devices", &names) < 0)
		return;
	for (k = 0; k < names.n; k++) {
		if (iov_sysfs_read_int(ctx, &nvfs, "bus/pci/devices/%s/sriov_numvfs",
				       names.v[k]) < 0 || nvfs <= 0)
			continue;
		if (pfs_only) {
			printf("%s%s\n", prefix, names.v[k]);
			continue;
		}
		for (i = 0; i < nvfs && i < 65536; i++)
			printf("%s%s/vf%lld\n", prefix, names.v[k], i);
	}
	iov_names_free(&names);
}

static void list_functions(struct comp *c)
{
	list_addresses(c);
	print_sriov(c, false, "");
}

static void list_pfs(struct comp *c)
{
	print_sriov(c, true, "");
}

/* NUMA nodes: the N of devices/system/node/nodeN */
static void print_nodes(struct comp *c, const char *prefix)
{
	struct iov_ctx *ctx = comp_ctx(c);
	struct iov_names names;
	size_t i;

	if (!ctx || iov_sysfs_names(ctx, "devices/system/node", &names) < 0)
		return;
	for (i = 0; i < names.n; i++) {
		const char *p = names.v[i] + 4;

		if (strncmp(names.v[i], "node", 4) == 0 && *p && strspn(p, "0123456789") == strlen(p))
			printf("%s%s\n", prefix, p);
	}
	iov_names_free(&names);
}

static void list_nodes(struct comp *c)
{
	print_nodes(c, "");
}

/* inspect DEVICE: a function, a network interface, a block device, an NVMe controller */
static void list_inspect_devices(struct comp *c)
{
	list_functions(c);
	print_names(c, "class/net", "");
	print_names(c, "class/block", "");
	print_names(c, "class/block", "/dev/");
	print_names(c, "class/nvme", "");
}

static void list_topology_devices(struct comp *c)
{
	list_functions(c);
	print_names(c, "class/net", "");
	print_names(c, "class/block", "");
}

/* bench TARGET: a block device, a function (its disks) or a file */
static void list_bench_targets(struct comp *c)
{
	puts("@file");
	print_names(c, "class/block", "/dev/");
	list_functions(c);
}

static void list_rw(struct comp *c)
{
	const char *s;
	int i;

	(void)c;
	for (i = 0; strcmp(s = iov_bench_rw_name((enum iov_bench_rw)i), "?") != 0; i++)
		printf("%s\n", s);
}

static void list_engines(struct comp *c)
{
	const char *s;
	size_t i;

	(void)c;
	for (i = 0; (s = iov_bench_engine_name(i)); i++)
		printf("%s\n", s);
}

static void list_rules(struct comp *c)
{
	const struct iov_rule *r;

	(void)c;
	puts("@list");
	for (r = iov_rules; r->id; r++)
		printf("%s\n", r->id);
}

static void list_columns(struct comp *c)
{
	(void)c;
	puts("@list");
	topology_list_columns(stdout);
}

/*
 * monitor --filter KEY=VALUE: the keys, then KEY=VALUE where the values are
 * few (the shells show those once '=' is typed). As iov_mon_filter_parse()
 * takes them; tests/completion.sh has the binary accept each one.
 */
static void list_monitor_filter(struct comp *c)
{
	static const char *const fixed[] = {
		"drv=", "node=", "role=", "group=", "pf=", "state=",
		"drv=none", "role=pf", "role=vf", "role=endpoint", "role=root_port",
		"state=live", "state=resetting", "state=unbound", "state=suspended", "state=gone",
	};
	size_t i;

	for (i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++)
		printf("%s\n", fixed[i]);
	print_names(c, "bus/pci/drivers", "drv=");
	print_names(c, "kernel/iommu_groups", "group=");
	print_nodes(c, "node=");
	print_sriov(c, true, "pf=");
}

/*
 * The value of each option that takes one. An option missing here makes
 * --list-values fail, and tests/docs-sync.sh with it: add the new option.
 * words: fixed candidates, after the directive if any; list: computed ones.
 * Neither: a free value.
 */
struct values {
	const char *cmd;	/* NULL: a global option */
	const char *opt;	/* long name; "-": the operands */
	const char *words;	/* space-separated */
	void (*list)(struct comp *c);
};

static const struct values values[] = {
	{ NULL, "color", "@optional auto always never", NULL },
	{ NULL, "sysfs-root", "@snapshot", NULL },
	{ NULL, "proc-root", "@dir", NULL },
	{ NULL, "width", NULL, NULL },

	{ "inspect", "-", NULL, list_inspect_devices },
	{ "inspect", "slot", NULL, list_addresses },
	{ "inspect", "id", NULL, NULL },
	{ "inspect", "fail-on", "warning error", NULL },
	{ "inspect", "ignore", NULL, list_rules },

	{ "topology", "-", NULL, list_topology_devices },
	{ "topology", "numa", NULL, list_nodes },
	{ "topology", "output", NULL, list_columns },

	{ "bench", "-", NULL, list_bench_targets },
	{ "bench", "rw", NULL, list_rw },
	{ "bench", "engine", NULL, list_engines },
	{ "bench", "numa", NULL, list_nodes },
	{ "bench", "all-vfs", NULL, list_pfs },
	{ "bench", "save-baseline", "@file", NULL },
	{ "bench", "baseline", "@file", NULL },
	{ "bench", "direct", "@optional 0 1", NULL },
	{ "bench", "rwmix", NULL, NULL },
	{ "bench", "bs", NULL, NULL },
	{ "bench", "qd", NULL, NULL },
	{ "bench", "iodepth", NULL, NULL },
	{ "bench", "jobs", NULL, NULL },
	{ "bench", "runtime", NULL, NULL },
	{ "bench", "size", NULL, NULL },
	{ "bench", "ios", NULL, NULL },
	{ "bench", "ramp", NULL, NULL },
	{ "bench", "sqpoll-cpu", NULL, NULL },
	{ "bench", "batch-submit", NULL, NULL },
	{ "bench", "batch-complete", NULL, NULL },
	{ "bench", "cpus", NULL, NULL },
	{ "bench", "interval", NULL, NULL },
	{ "bench", "seed", NULL, NULL },
	{ "bench", "tolerance", NULL, NULL },

	{ "snapshot", "-", NULL, NULL },
	{ "snapshot", "output", "@file", NULL },
	{ "snapshot", "max-size", NULL, NULL },

	{ "monitor", "-", NULL, list_functions },
	{ "monitor", "iterations", NULL, NULL },
	{ "monitor", "delay", NULL, NULL },
	{ "monitor", "prometheus", "@file", NULL },
	/* the columns iov_mon_col_parse() takes */
	{ "monitor", "sort", "address role driver node group link iops mbps util rx tx drops irqs aer state", NULL },
	{ "monitor", "filter", NULL, list_monitor_filter },
};

static const struct values *find_values(const char *cmd, const char *opt)
{
	size_t i;

	for (i = 0; i < sizeof(values) / sizeof(values[0]); i++)
		if (strcmp(values[i].opt, opt) == 0 &&
		    (values[i].cmd ? cmd && strcmp(values[i].cmd, cmd) == 0 : !cmd))
			return &values[i];
	return cmd ? find_values(NULL, opt) : NULL;
}

/* what 'iovctl --list-opts' prints */
static const struct option global_opts[] = {
	CLI_GLOBAL_LONGOPTS,
	{ "list-cmds", no_argument, NULL, 0 },
	{ NULL, 0, NULL, 0 },
};

/* NAME as a long option, or a short letter, of opts */
static const struct option *find_opt(const struct option *opts, const char *name)
{
	for (; opts->name; opts++)
		if (strcmp(opts->name, name) == 0 ||
		    (name[0] && !name[1] && opts->val == (unsigned char)name[0]))
			return opts;
	return NULL;
}

/* getopt's short option string for opts: the letters among their values */
static void short_opts(const struct option *opts, char *buf, size_t len)
{
	size_t n = 0;

	for (; opts->name && n + 4 < len; opts++) {
		if (opts->val <= ' ' || opts->val > '~' || strchr(buf, opts->val))
			continue;
		buf[n++] = (char)opts->val;
		if (opts->has_arg == required_argument)
			buf[n++] = ':';
		else if (opts->has_arg == optional_argument)
			n += (size_t)snprintf(buf + n, len - n, "::");
		buf[n] = '\0';
	}
}

/* the options of the typed line that choose the root */
static void note_opt(struct comp *c, const struct option *opts, int idx, const char *arg)
{
	if (idx < 0)
		return;
	if (strcmp(opts[idx].name, "sysfs-root") == 0 && arg)
		c->cli.sysfs_root = arg;
	else if (strcmp(opts[idx].name, "proc-root") == 0 && arg)
		c->cli.proc_root = arg;
	else if (strcmp(opts[idx].name, "sample") == 0)
		c->sample = true;
}

static void parse_words(struct comp *c, int argc, char **argv, const struct option *opts)
{
	char shorts[128] = "+";
	int ch, idx;

	short_opts(opts, shorts + 1, sizeof(shorts) - 1);
	opterr = 0;
	optind = 0;
	for (;;) {
		idx = -1;
		ch = getopt_long(argc, argv, shorts, opts, &idx);
		if (ch == -1)
			break;
		if (ch != '?' && ch != ':')
			note_opt(c, opts, idx, optarg);
	}
}

static void print_words(const char *words)
{
	size_t n;

	while (*words) {
		n = strcspn(words, " ");
		printf("%.*s\n", (int)n, words);
		words += n;
		words += strspn(words, " ");
	}
}

static const struct iov_cmd *find_cmd(const char *name, const struct iov_cmd *const *cmds,
				      size_t ncmds)
{
	size_t i;

	for (i = 0; i < ncmds; i++)
		if (strcmp(cmds[i]->name, name) == 0)
			return cmds[i];
	return NULL;
}

int cli_complete(int argc, char **argv, const char *name, const struct iov_cmd *const *cmds,
		 size_t ncmds)
{
	struct comp c = { .cli = { .color = COLOR_NEVER } };
	const struct option *opt = NULL;
	const struct values *v;
	const char *env = getenv("IOVCTL_SYSFS_ROOT");

	if (env && *env)
		c.cli.sysfs_root = env;
	parse_words(&c, argc, argv, global_opts);
	if (optind < argc && (c.cmd = find_cmd(argv[optind], cmds, ncmds))) {
		argc -= optind;
		argv += optind;
		parse_words(&c, argc, argv, c.cmd->longopts);
	}
	c.cli.cmd = c.cmd ? c.cmd->name : NULL;

	if (strcmp(name, "-") != 0) {
		opt = find_opt(c.cmd ? c.cmd->longopts : global_opts, name);
		if (!opt) {
			cli_err("--list-values: no option '%s'%s%s", name,
				c.cmd ? " in " : "", c.cmd ? c.cmd->name : "");
			return EXIT_USAGE;
		}
		if (opt->has_arg == no_argument) {
			puts("@flag");
			return cli_close_stdout(EXIT_OK);
		}
		name = opt->name;
	} else if (!c.cmd) {
		return cli_close_stdout(EXIT_OK);	/* the commands: --list-cmds */
	}
	v = find_values(c.cmd ? c.cmd->name : NULL, name);
	if (!v) {
		cli_err("--list-values: no values known for %s%s%s (add them to cmd/complete.c)",
			opt ? "--" : "the operands of ", opt ? name : "", opt ? "" : c.cmd->name);
		return EXIT_USAGE;
	}
	if (v->words)
		print_words(v->words);
	if (v->list)
		v->list(&c);
	if (c.ctx)
		iov_ctx_free(c.ctx);
	return cli_close_stdout(EXIT_OK);
}
