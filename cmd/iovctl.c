// SPDX-License-Identifier: GPL-2.0-or-later
/* iovctl: dispatch and the options every subcommand shares. */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

static const struct iov_cmd cmds[] = {
	{ "inspect", "show the I/O-virtualization state of PCI functions", cmd_inspect, inspect_longopts },
	{ "topology", "show the PCIe tree with NUMA, IOMMU, link and ACS facts", cmd_topology, topology_longopts },
	{ "bench", "measure throughput and latency of block devices and VFs", cmd_bench, bench_longopts },
	{ "snapshot", "capture what iovctl reads into a tarball or directory for replay", cmd_snapshot, snapshot_longopts },
	{ "monitor", "watch PFs and VFs live: I/O, traffic, interrupts, errors, link, events", cmd_monitor, monitor_longopts },
};

static const struct option main_longopts[] = {
	CLI_GLOBAL_LONGOPTS,
	{ "list-cmds", no_argument, NULL, OPT_CMD },
	{ NULL, 0, NULL, 0 },
};

static void main_usage(FILE *f)
{
	size_t i;

	fprintf(f, "Usage: iovctl [OPTIONS] COMMAND [ARGS]\n\n"
		   "Inspect and measure SR-IOV, PCIe passthrough, IOMMU and NUMA placement.\n\n"
		   "Commands:\n");
	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
		fprintf(f, "  %-10s %s\n", cmds[i].name, cmds[i].summary);
	fprintf(f, "  %-10s %s\n", "help", "show the help of a command");
	fputs(CLI_GLOBAL_HELP, f);
	fprintf(f, "\nSee iovctl(8) and iovctl-COMMAND(8).\n");
}

const struct iov_cmd *cli_find_cmd(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
		if (strcmp(cmds[i].name, name) == 0)
			return &cmds[i];
	return NULL;
}

void cli_list_opts(FILE *f, const struct option *opts)
{
	for (; opts->name; opts++) {
		if (strcmp(opts->name, "list-opts") == 0 || strcmp(opts->name, "colour") == 0)
			continue;
		fprintf(f, "--%s%s\n", opts->name, opts->has_arg == required_argument ? "=" : "");
	}
}

static int run_help(struct iov_cli *cli, int argc, char **argv)
{
	const struct iov_cmd *cmd;
	char *hargv[] = { NULL, "--help", NULL };

	if (argc < 2) {
		main_usage(stdout);
		return EXIT_OK;
	}
	cmd = cli_find_cmd(argv[1]);
	if (!cmd) {
		cli_err("unknown command '%s'", argv[1]);
		main_usage(stderr);
		return EXIT_USAGE;
	}
	hargv[0] = (char *)cmd->name;
	cli->cmd = cmd->name;
	optind = 0;
	return cmd->run(cli, 2, hargv);
}

int main(int argc, char **argv)
{
	struct iov_cli cli = { .color = COLOR_AUTO, .cmd = NULL };
	const struct iov_cmd *cmd;
	int c, r;

	cli.sysfs_root = getenv("IOVCTL_SYSFS_ROOT");
	if (cli.sysfs_root && !*cli.sysfs_root)
		cli.sysfs_root = NULL;

	opterr = 0;
	while ((c = getopt_long(argc, argv, CLI_GLOBAL_SHORTOPTS, main_longopts, NULL)) != -1) {
		if (c == OPT_CMD) {
			size_t i;

			for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
				printf("%s\n", cmds[i].name);
			printf("help\n");
			return cli_close_stdout(EXIT_OK);
		}
		if (c == OPT_LIST_OPTS) {
			cli_list_opts(stdout, main_longopts);
			return cli_close_stdout(EXIT_OK);
		}
		if (c == '?') {
			cli_err("unknown option '%s'", argv[optind - 1]);
			fprintf(stderr, "Try 'iovctl --help' for more information.\n");
			return EXIT_USAGE;
		}
		r = cli_global_opt(&cli, NULL, c, optarg, main_usage);
		if (CLI_STOPPED(r))
			return cli_close_stdout(CLI_STOP_CODE(r));
	}
	if (optind >= argc) {
		main_usage(stderr);
		return EXIT_USAGE;
	}
	argc -= optind;
	argv += optind;
	optind = 0;	/* full getopt re-initialisation for the subcommand */
	if (strcmp(argv[0], "help") == 0)
		return cli_close_stdout(run_help(&cli, argc, argv));
	cmd = cli_find_cmd(argv[0]);
	if (!cmd) {
		cli_err("unknown command '%s'", argv[0]);
		fprintf(stderr, "Try 'iovctl --help' for the list of commands.\n");
		return EXIT_USAGE;
	}
	cli.cmd = cmd->name;
	return cli_close_stdout(cmd->run(&cli, argc, argv));
}
