// SPDX-License-Identifier: GPL-2.0-or-later
/* Shared command-line helpers: global options, messages, stdout checks. */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli.h"
#include "lib/iov-snapshot.h"

static void vmsg(const char *fmt, va_list ap)
{
	fflush(stdout);
	fputs("iovctl: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void cli_err(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(fmt, ap);
	va_end(ap);
}

void cli_warn(const struct iov_cli *cli, const char *fmt, ...)
{
	va_list ap;

	if (cli->quiet)
		return;
	va_start(ap, fmt);
	vmsg(fmt, ap);
	va_end(ap);
}

int cli_usage_error(const struct iov_cli *cli, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(fmt, ap);
	va_end(ap);
	fprintf(stderr, "Try 'iovctl %s%s--help' for more information.\n",
		cli->cmd ? cli->cmd : "", cli->cmd ? " " : "");
	return EXIT_USAGE;
}

int cli_check_address(const char *arg)
{
	enum iov_addr_err e;
	struct iov_bdf b;

	if (!iov_addr_shaped(arg))
		return EXIT_OK;
	e = iov_bdf_parse_why(arg, &b);
	if (e == IOV_ADDR_OK)
		return EXIT_OK;
	/* an operand, not an option: the reason says it all, no --help hint */
	cli_err("invalid PCI address '%s': %s", arg, iov_addr_strerror(e));
	return EXIT_USAGE;
}

static int parse_color(struct iov_cli *cli, const char *arg)
{
	if (!arg || strcmp(arg, "always") == 0 || strcmp(arg, "yes") == 0)
		cli->color = COLOR_ALWAYS;
	else if (strcmp(arg, "never") == 0 || strcmp(arg, "no") == 0)
		cli->color = COLOR_NEVER;
	else if (strcmp(arg, "auto") == 0)
		cli->color = COLOR_AUTO;
	else
		return -EINVAL;
	return 0;
}

/* lsblk's -w: a positive number of columns */
static int parse_width(struct iov_cli *cli, const char *arg)
{
	unsigned long w;
	char *end;

	if (!arg || *arg < '0' || *arg > '9')
		return -EINVAL;
	errno = 0;
	w = strtoul(arg, &end, 10);
	if (errno || *end || w == 0 || w > INT_MAX)
		return -EINVAL;
	cli->width = (unsigned)w;
	return 0;
}

int cli_global_opt(struct iov_cli *cli, const struct iov_cmd *cmd, int c, const char *arg,
		   void (*usage)(FILE *))
{
	switch (c) {
	case 'h':
		usage(stdout);
		return CLI_STOP(EXIT_OK);
	case 'V':
		printf("iovctl %s\n", PACKAGE_VERSION);
		return CLI_STOP(EXIT_OK);
	case 'j':
		cli->json = true;
		return 1;
	case 'q':
		cli->quiet++;
		return 1;
	case 'v':
		cli->verbose++;
		return 1;
	case OPT_COLOR:
		if (parse_color(cli, arg) < 0)
			return CLI_STOP(cli_usage_error(cli, "invalid --color value '%s' (auto, always, never)", arg));
		return 1;
	case OPT_SYSFS_ROOT:
		cli->sysfs_root = arg;
		return 1;
	case OPT_PROC_ROOT:
		cli->proc_root = arg;
		return 1;
	case OPT_SAMPLE:
		cli->sample = true;
		return 1;
	case OPT_WIDTH:
		if (parse_width(cli, arg) < 0)
			return CLI_STOP(cli_usage_error(cli, "invalid --width '%s' (a positive number of columns)", arg));
		return 1;
	case OPT_LIST_OPTS:
		if (cmd)
			cli_list_opts(stdout, cmd, cmd->longopts);
		return CLI_STOP(EXIT_OK);
	}
	return 0;
}

void cli_list_opts(FILE *f, const struct iov_cmd *cmd, const struct option *opts)
{
	for (; opts->name; opts++) {
		if (strcmp(opts->name, "list-opts") == 0 || strcmp(opts->name, "colour") == 0)
			continue;
		/* a command refuses what it cannot use: do not offer it */
		if (cmd && !(cmd->flags & CMD_TAKES_SAMPLE) && opts->val == OPT_SAMPLE)
			continue;
		fprintf(f, "--%s%s\n", opts->name, opts->has_arg == required_argument ? "=" : "");
	}
}

void cli_log(void *data, int level, const char *fmt, va_list ap)
{
	const struct iov_cli *cli = data;

	if (level > IOV_LOG_WARN && cli->verbose < 3)
		return;
	fputs("iovctl: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

/* the private copy of a snapshot tarball given as the root, removed at exit */
static char unpacked[PATH_MAX];

static void remove_unpacked(void)
{
	if (unpacked[0])
		iov_snapshot_remove(unpacked);
	unpacked[0] = '\0';
}

/*
 * Killed while a tarball is unpacked: remove it with rm(1), as fork and
 * exec are what a signal handler may call, then die of the signal.
 */
static void on_fatal_signal(int sig)
{
	pid_t pid = unpacked[0] ? fork() : -1;

	if (pid == 0) {
		execl("/bin/rm", "rm", "-rf", "--", unpacked, (char *)NULL);
		_exit(127);
	}
	if (pid > 0)
		waitpid(pid, NULL, 0);
	signal(sig, SIG_DFL);
	raise(sig);
}

static void cleanup_on_signals(sigset_t *fatal)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };
	struct sigaction sa = { .sa_handler = on_fatal_signal };
	size_t i;

	sigemptyset(fatal);
	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		sigaddset(fatal, sigs[i]);
	sa.sa_mask = *fatal;
	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		sigaction(sigs[i], &sa, NULL);
	/* a reader gone early gives EPIPE (not an error), and exit cleans up */
	signal(SIGPIPE, SIG_IGN);
}

/* --sysfs-root FILE: a snapshot tarball, unpacked to a private temp dir. */
static int open_tarball(struct iov_cli *cli)
{
	static char top[PATH_MAX];
	sigset_t fatal, old;
	int r, tar_status;

	if (unpacked[0])
		return EXIT_OK;	/* done once already */
	/*
	 * A signal during the unpack waits for tar to finish (tar inherits
	 * the mask too), so that the cleanup does not race its writes.
	 */
	atexit(remove_unpacked);
	cleanup_on_signals(&fatal);
	sigprocmask(SIG_BLOCK, &fatal, &old);
	r = iov_snapshot_unpack(cli->sysfs_root, unpacked, sizeof(unpacked), top, sizeof(top),
				&tar_status);
	sigprocmask(SIG_SETMASK, &old, NULL);
	if (r == -EPROTO) {
		cli_err("cannot unpack '%s': tar failed with status %d (not a snapshot tarball?)",
			cli->sysfs_root, tar_status);
		return EXIT_RUNTIME;
	}
	if (r == -ENOTDIR) {
		cli_err("cannot use '%s' as the sysfs root: the archive holds no snapshot (no sys/)",
			cli->sysfs_root);
		return EXIT_RUNTIME;
	}
	if (r < 0) {
		cli_err("cannot unpack '%s': %s", cli->sysfs_root, strerror(-r));
		return EXIT_RUNTIME;
	}
	cli->sysfs_archive = cli->sysfs_root;
	cli->sysfs_root = top;
	return EXIT_OK;
}

int cli_open_ctx(struct iov_cli *cli, struct iov_ctx **ctx)
{
	struct stat st;
	int r;

	if (cli->sysfs_root && stat(cli->sysfs_root, &st) == 0 && S_ISREG(st.st_mode)) {
		r = open_tarball(cli);
		if (r)
			return r;
	}
	r = iov_ctx_new(ctx, cli->sysfs_root, cli->proc_root);
	if (r < 0) {
		cli_err("cannot use '%s' as the sysfs root: %s",
			cli->sysfs_root ? cli->sysfs_root : "/sys", strerror(-r));
		return EXIT_RUNTIME;
	}
	return EXIT_OK;
}

bool cli_use_color(const struct iov_cli *cli)
{
	const char *nc;

	if (cli->color == COLOR_ALWAYS)
		return true;
	if (cli->color == COLOR_NEVER || cli->json)
		return false;
	nc = getenv("NO_COLOR");
	if (nc && *nc)
		return false;
	return isatty(STDOUT_FILENO);
}

int cli_close_stdout(int code)
{
	bool failed = ferror(stdout);

	if (fflush(stdout) != 0)
		failed = true;
	if (failed && errno != EPIPE) {
		cli_err("write error on standard output: %s", strerror(errno));
		return code ? code : EXIT_RUNTIME;
	}
	return code;
}

static bool is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/*
 * The installed sample; from an uninstalled build, the one unpacked beside
 * the binary (tests/sample), so ./iovctl --sample works in a checkout.
 */
static const char *default_sample_dir(void)
{
	static char dir[PATH_MAX];
	char exe[PATH_MAX], *slash;
	ssize_t n;

	if (is_dir(IOV_DATADIR "/sample"))
		return IOV_DATADIR "/sample";
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n <= 0)
		return IOV_DATADIR "/sample";
	exe[n] = '\0';
	slash = strrchr(exe, '/');
	if (slash)
		*slash = '\0';
	if ((size_t)snprintf(dir, sizeof(dir), "%s/tests/sample", exe) >= sizeof(dir) || !is_dir(dir))
		return IOV_DATADIR "/sample";
	return dir;
}

int cli_use_sample(struct iov_cli *cli)
{
	static char root[PATH_MAX];
	const char *dir = getenv("IOVCTL_SAMPLE_DIR");
	int n;

	if (!dir || !*dir)
		dir = default_sample_dir();
	/* the snapshot directory (holding sys/ and proc/), or its sys/ itself */
	n = snprintf(root, sizeof(root), "%s/sys", dir);
	if (n < 0 || (size_t)n >= sizeof(root)) {
		cli_err("cannot use the sample snapshot '%s': %s", dir, strerror(ENAMETOOLONG));
		return EXIT_RUNTIME;
	}
	if (!is_dir(root)) {
		n = snprintf(root, sizeof(root), "%s/bus", dir);
		if (n < 0 || (size_t)n >= sizeof(root) || !is_dir(root)) {
			cli_err("cannot use the sample snapshot '%s': %s (is iovctl installed? "
				"IOVCTL_SAMPLE_DIR may name an unpacked snapshot)",
				dir, strerror(ENOENT));
			return EXIT_RUNTIME;
		}
		snprintf(root, sizeof(root), "%s", dir);
	}
	cli->sysfs_root = root;
	cli->proc_root = NULL;
	return EXIT_OK;
}

bool cli_report_read_errors(struct iov_ctx *ctx, const struct iov_devlist *list)
{
	bool any = false;

	if (list->iommu_groups_errno) {
		cli_err("cannot read IOMMU groups in '%s/kernel/iommu_groups': %s",
			iov_ctx_sysfs_root(ctx), strerror(-list->iommu_groups_errno));
		any = true;
	}
	if (list->unreadable_config) {
		unsigned more = list->unreadable_config - 1;

		if (more)
			cli_err("cannot read 'config' of %s and %u more function%s: %s",
				list->unreadable_config_addr, more, more == 1 ? "" : "s",
				strerror(-list->unreadable_config_errno));
		else
			cli_err("cannot read 'config' of %s: %s", list->unreadable_config_addr,
				strerror(-list->unreadable_config_errno));
		any = true;
	}
	return any;
}
