/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The command-line edge: global options, dispatch, messages, exit codes. */
#ifndef IOVCTL_CLI_H
#define IOVCTL_CLI_H

#include <getopt.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>

#include "lib/iov.h"

/* Exit status, documented in iovctl(8). */
enum {
	EXIT_OK = 0,
	EXIT_FINDINGS = 1,	/* findings (inspect --check) or regression (bench) */
	EXIT_USAGE = 2,		/* bad command line */
	EXIT_RUNTIME = 3,	/* could not read the system, I/O failed, ... */
	EXIT_NODEV = 4,		/* a named device does not exist */
};

enum iov_color { COLOR_AUTO, COLOR_ALWAYS, COLOR_NEVER };

/* Options every subcommand accepts, before or after its name. */
struct iov_cli {
	const char *sysfs_root;	/* --sysfs-root, or $IOVCTL_SYSFS_ROOT */
	const char *proc_root;	/* --proc-root */
	const char *sysfs_archive; /* the tarball given as --sysfs-root, once unpacked */
	bool json;		/* -j */
	enum iov_color color;	/* --color */
	int quiet;		/* -q */
	int verbose;		/* -v, repeatable */
	bool sample;		/* --sample: read the bundled sample */
	unsigned width;		/* --width: output columns, 0 = the terminal's */
	const char *cmd;	/* the subcommand's name, for messages */
};

/* long option values shared by all commands; per-command ones start at OPT_CMD */
enum {
	OPT_SYSFS_ROOT = 0x100,
	OPT_PROC_ROOT,
	OPT_COLOR,
	OPT_LIST_OPTS,
	OPT_SAMPLE,
	OPT_WIDTH,
	OPT_CMD = 0x140,
};

/* getopt strings: ':' reports a missing argument apart from an unknown option */
#define CLI_GLOBAL_SHORTOPTS ":hVjqv"
#define CLI_GLOBAL_LONGOPTS                                                   \
	{ "help", no_argument, NULL, 'h' },                                   \
	{ "version", no_argument, NULL, 'V' },                                \
	{ "json", no_argument, NULL, 'j' },                                   \
	{ "quiet", no_argument, NULL, 'q' },                                  \
	{ "verbose", no_argument, NULL, 'v' },                                \
	{ "color", optional_argument, NULL, OPT_COLOR },                      \
	{ "colour", optional_argument, NULL, OPT_COLOR },                     \
	{ "sysfs-root", required_argument, NULL, OPT_SYSFS_ROOT },            \
	{ "proc-root", required_argument, NULL, OPT_PROC_ROOT },              \
	{ "sample", no_argument, NULL, OPT_SAMPLE },                          \
	{ "width", required_argument, NULL, OPT_WIDTH },                      \
	{ "list-opts", no_argument, NULL, OPT_LIST_OPTS }

/* Help text for the global options, shared by every usage(). */
#define CLI_GLOBAL_HELP                                                       \
	"\nGlobal options (before or after the command):\n"                   \
	"  -j, --json               JSON output\n"                            \
	"  -q, --quiet              fewer messages\n"                         \
	"  -v, --verbose            more detail (repeat for more)\n"          \
	"      --color[=WHEN]       auto, always or never (honours NO_COLOR)\n" \
	"      --sysfs-root DIR     read DIR as /sys (also $IOVCTL_SYSFS_ROOT)\n" \
	"      --proc-root DIR      read DIR as /proc\n"                      \
	"      --sample             read the bundled sample of an SR-IOV host\n" \
	"                           (inspect, topology, snapshot)\n"          \
	"      --width N            fit output to N columns (default: terminal)\n" \
	"  -h, --help               show this help\n"                         \
	"  -V, --version            show the version\n"

/* What dispatch does for a command before it runs it. */
enum {
	CMD_NEEDS_CONTEXT = 1 << 0,	/* open the library context (and its log hook) */
	CMD_TAKES_SAMPLE = 1 << 1,	/* --sample makes sense: it reads a tree */
};

/*
 * A subcommand, as git's cmd_struct and nvme-cli's struct command: dispatch
 * runs the option loop over its tables, hands each of its own options to
 * option(), the operands to operands(), opens what the flags ask for and
 * calls run().  args is the command's own argument struct, args_size bytes,
 * zeroed and then set up by init().
 */
struct iov_cmd {
	const char *name;
	const char *summary;
	unsigned flags;				/* CMD_* */
	const char *shortopts;			/* the command's own, beside the global ones */
	const struct option *longopts;		/* global and own, for getopt and --list-opts */
	void (*usage)(FILE *f);
	size_t args_size;
	void (*init)(void *args);		/* may be NULL */
	/* one option: EXIT_OK, or the exit code to stop with; name as given, "-s" or "--slot" */
	int (*option)(struct iov_cli *cli, void *args, int c, const char *arg, const char *name);
	/* the operands left after the options: EXIT_OK or an exit code */
	int (*operands)(struct iov_cli *cli, void *args, int argc, char **argv);
	/* ctx is NULL unless CMD_NEEDS_CONTEXT */
	int (*run)(struct iov_cli *cli, struct iov_ctx *ctx, void *args);
	void (*done)(void *args);		/* release what args holds; may be NULL */
};

/*
 * Handle one option from CLI_GLOBAL_LONGOPTS.  Returns 1 when handled, 0
 * when c is not a global option, or an exit code + 0x1000 when the command
 * must stop now (help, version, bad value).  cmd is NULL before a command.
 */
int cli_global_opt(struct iov_cli *cli, const struct iov_cmd *cmd, int c, const char *arg,
		   void (*usage)(FILE *));
#define CLI_STOP(code) (0x1000 + (code))
#define CLI_STOPPED(r) ((r) >= 0x1000)
#define CLI_STOP_CODE(r) ((r) - 0x1000)

/* Print "try 'iovctl CMD --help'" and return EXIT_USAGE. */
int cli_usage_error(const struct iov_cli *cli, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* "iovctl: MESSAGE" on stderr */
void cli_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/*
 * An argument with a ':' (and no '/') is a PCI address, one with an address
 * and "/vf" a VF as PF/vfN: when it is malformed, say what is wrong and
 * return EXIT_USAGE; else EXIT_OK.
 */
int cli_check_address(const char *arg);
void cli_warn(const struct iov_cli *cli, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Open the library context on the chosen root; prints the error. */
int cli_open_ctx(struct iov_cli *cli, struct iov_ctx **ctx);
/*
 * Say what the scan could not read (IOMMU groups, config space), as errors
 * naming the thing and the reason. True when there was any: the command
 * still shows what it read, then exits EXIT_RUNTIME.
 */
bool cli_report_read_errors(struct iov_ctx *ctx, const struct iov_devlist *list);
/* Whether to colour stdout. */
bool cli_use_color(const struct iov_cli *cli);
/* Flush and check stdout; EPIPE is not an error. Returns an exit code. */
int cli_close_stdout(int code);

/* The options of cmd (or the global ones, cmd NULL) for completions. */
void cli_list_opts(FILE *f, const struct iov_cmd *cmd, const struct option *opts);

/*
 * The library's log hook: warnings and errors on stderr, debug messages
 * with -vvv.  data is the struct iov_cli.
 */
void cli_log(void *data, int level, const char *fmt, va_list ap);

/*
 * --sample: point cli->sysfs_root at the shipped sample snapshot of a QEMU
 * host with SR-IOV: $IOVCTL_SAMPLE_DIR (the snapshot directory or its sys/),
 * else IOV_DATADIR/sample/sys. Prints the error and returns EXIT_RUNTIME
 * when it is missing, else EXIT_OK.
 */
int cli_use_sample(struct iov_cli *cli);

/* subcommands, each defined in its own file */
extern const struct iov_cmd cmd_inspect;
extern const struct iov_cmd cmd_topology;
extern const struct iov_cmd cmd_bench;
extern const struct iov_cmd cmd_snapshot;
extern const struct iov_cmd cmd_monitor;

#endif
