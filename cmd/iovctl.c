// SPDX-License-Identifier: GPL-2.0-or-later
/* iovctl: dispatch and the options every subcommand shares. */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "complete.h"

static const struct iov_cmd *const cmds[] = {
	&cmd_inspect,
	&cmd_topology,
	&cmd_bench,
	&cmd_snapshot,
	&cmd_monitor,
};

#define NCMDS (sizeof(cmds) / sizeof(cmds[0]))

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
	for (i = 0; i < NCMDS; i++)
		fprintf(f, "  %-10s %s\n", cmds[i]->name, cmds[i]->summary);
	fprintf(f, "  %-10s %s\n", "help", "show the help of a command");
	fputs(CLI_GLOBAL_HELP, f);
	fprintf(f, "\nSee iovctl(8) and iovctl-COMMAND(8).\n");
}

static const struct iov_cmd *find_cmd(const char *name)
{
	size_t i;

	for (i = 0; i < NCMDS; i++)
		if (strcmp(cmds[i]->name, name) == 0)
			return cmds[i];
	return NULL;
}

/* getopt's '?' (unknown option) or ':' (missing argument), at argv[optind - 1] */
static int bad_option(const struct iov_cli *cli, int c, char **argv)
{
	const char *given = argv[optind - 1];

	if (c == ':')
		return cli_usage_error(cli, "option '%s' needs an argument", given);
	/* a short one may sit in a cluster (-aZ): name the letter */
	if (optopt > 0 && optopt < 0x100 && given[1] != '-')
		return cli_usage_error(cli, "invalid option '-%c'", optopt);
	return cli_usage_error(cli, "unknown option '%s'", given);
}

/* The name of the option just parsed, as the user spelt it: "--slot" or "-s". */
static void option_name(char *buf, size_t size, const struct iov_cmd *cmd, int idx, int c)
{
	if (idx >= 0)
		snprintf(buf, size, "--%s", cmd->longopts[idx].name);
	else
		snprintf(buf, size, "-%c", c);
}

static int parse_cmd_args(struct iov_cli *cli, const struct iov_cmd *cmd, void *args, int argc,
			  char **argv)
{
	char shortopts[64], name[64];
	int c, idx, r;

	snprintf(shortopts, sizeof(shortopts), "%s%s", CLI_GLOBAL_SHORTOPTS,
		 cmd->shortopts ? cmd->shortopts : "");
	opterr = 0;
	optind = 0;	/* full getopt re-initialisation for the subcommand */
	for (;;) {
		idx = -1;
		c = getopt_long(argc, argv, shortopts, cmd->longopts, &idx);
		if (c == -1)
			break;
		if (c == '?' || c == ':')
			return bad_option(cli, c, argv);
		r = cli_global_opt(cli, cmd, c, optarg, cmd->usage);
		if (CLI_STOPPED(r))
			return r;
		if (r)
			continue;
		option_name(name, sizeof(name), cmd, idx, c);
		r = cmd->option(cli, args, c, optarg, name);
		if (r)
			return r;
	}
	/* before the operands: what they lack matters less than this */
	if (cli->sample && !(cmd->flags & CMD_TAKES_SAMPLE))
		return cli_usage_error(cli, "--sample does not apply to %s: it works on this host's devices",
				       cmd->name);
	if (cmd->operands)
		return cmd->operands(cli, args, argc - optind, argv + optind);
	if (optind < argc)
		return cli_usage_error(cli, "unexpected argument '%s'", argv[optind]);
	return EXIT_OK;
}

/* Parse, point at the sample, open the context: all a command's run needs. */
static int run_cmd(struct iov_cli *cli, const struct iov_cmd *cmd, int argc, char **argv)
{
	struct iov_ctx *ctx = NULL;
	void *args;
	int r;

	args = calloc(1, cmd->args_size ? cmd->args_size : 1);
	if (!args) {
		cli_err("cannot run '%s': %s", cmd->name, strerror(ENOMEM));
		return EXIT_RUNTIME;
	}
	if (cmd->init)
		cmd->init(args);
	r = parse_cmd_args(cli, cmd, args, argc, argv);
	if (CLI_STOPPED(r)) {
		/* --help, --version, --list-opts */
		r = cli_close_stdout(CLI_STOP_CODE(r));
		goto out;
	}
	if (r)
		goto out;
	/* wins over --sysfs-root and $IOVCTL_SYSFS_ROOT, wherever they came */
	if (cli->sample && (r = cli_use_sample(cli)))
		goto out;
	if (cmd->flags & CMD_NEEDS_CONTEXT) {
		r = cli_open_ctx(cli, &ctx);
		if (r)
			goto out;
		iov_ctx_set_log(ctx, cli_log, cli);
	}
	r = cli_close_stdout(cmd->run(cli, ctx, args));
out:
	if (cmd->done)
		cmd->done(args);
	free(args);
	iov_ctx_free(ctx);
	return r;
}

static int run_help(struct iov_cli *cli, int argc, char **argv)
{
	const struct iov_cmd *cmd;

	if (argc < 2) {
		main_usage(stdout);
		return EXIT_OK;
	}
	cmd = find_cmd(argv[1]);
	if (!cmd) {
		cli_err("unknown command '%s'", argv[1]);
		main_usage(stderr);
		return EXIT_USAGE;
	}
	cli->cmd = cmd->name;
	cmd->usage(stdout);
	return EXIT_OK;
}

int main(int argc, char **argv)
{
	struct iov_cli cli = { .color = COLOR_AUTO, .cmd = NULL };
	const struct iov_cmd *cmd;
	int c, r;

	/* the shell completions: hidden, and always the last word */
	if (argc > 1 && strncmp(argv[argc - 1], CLI_LIST_VALUES, strlen(CLI_LIST_VALUES)) == 0)
		return cli_complete(argc - 1, argv, argv[argc - 1] + strlen(CLI_LIST_VALUES), cmds, NCMDS);
	cli.sysfs_root = getenv("IOVCTL_SYSFS_ROOT");
	if (cli.sysfs_root && !*cli.sysfs_root)
		cli.sysfs_root = NULL;

	opterr = 0;
	/* '+': the first operand is the command, and its options are its own */
	while ((c = getopt_long(argc, argv, "+" CLI_GLOBAL_SHORTOPTS, main_longopts, NULL)) != -1) {
		if (c == OPT_CMD) {
			size_t i;

			for (i = 0; i < NCMDS; i++)
				printf("%s\n", cmds[i]->name);
			printf("help\n");
			return cli_close_stdout(EXIT_OK);
		}
		if (c == OPT_LIST_OPTS) {
			cli_list_opts(stdout, NULL, main_longopts);
			return cli_close_stdout(EXIT_OK);
		}
		if (c == '?' || c == ':') {
			bad_option(&cli, c, argv);
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
	if (strcmp(argv[0], "help") == 0)
		return cli_close_stdout(run_help(&cli, argc, argv));
	cmd = find_cmd(argv[0]);
	if (!cmd) {
		cli_err("unknown command '%s'", argv[0]);
		fprintf(stderr, "Try 'iovctl --help' for the list of commands.\n");
		return EXIT_USAGE;
	}
	cli.cmd = cmd->name;
	return run_cmd(&cli, cmd, argc, argv);
}
