// SPDX-License-Identifier: GPL-2.0-or-later
/* iovctl snapshot: capture what iovctl reads into a directory or a tarball. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <json-c/json.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "lib/iov-snapshot.h"

enum {
	OPT_MAX_SIZE = OPT_CMD,
};

static const struct option snapshot_longopts[] = {
	CLI_GLOBAL_LONGOPTS,
	{ "output", required_argument, NULL, 'o' },
	{ "max-size", required_argument, NULL, OPT_MAX_SIZE },
	{ NULL, 0, NULL, 0 },
};

static void usage(FILE *f)
{
	fprintf(f, "Usage: iovctl snapshot -o FILE.tar.gz|FILE.tar.xz|FILE.tar|DIR [OPTIONS]\n\n"
		   "Copy the part of /sys and /proc that iovctl reads (PCI functions with their\n"
		   "attributes and config space, IOMMU groups, NUMA nodes, the net, block and nvme\n"
		   "devices below PCI functions, /proc/interrupts) for replay with\n"
		   "'iovctl --sysfs-root DIR/sys' or for a bug report. Run as root for full\n"
		   "config space. The source is the --sysfs-root/--proc-root in effect.\n\n"
		   "Options:\n"
		   "  -o, --output PATH        write a tarball (.tar, .tar.gz, .tgz, .tar.xz, .txz)\n"
		   "                           or a new or empty directory\n"
		   "      --max-size SIZE      refuse to copy more than SIZE bytes of attributes\n"
		   "                           (k, M, G suffixes; default 64M)\n");
	fputs(CLI_GLOBAL_HELP, f);
}

static const char *format_name(enum iov_snapshot_format fmt)
{
	switch (fmt) {
	case IOV_SNAPSHOT_TAR:
		return "tar";
	case IOV_SNAPSHOT_TAR_GZ:
		return "tar.gz";
	case IOV_SNAPSHOT_TAR_XZ:
		return "tar.xz";
	case IOV_SNAPSHOT_DIR:
	case IOV_SNAPSHOT_UNSUPPORTED:
		break;
	}
	return "dir";
}

static void print_json(const char *out, enum iov_snapshot_format fmt, const char *source,
		       const struct iov_snapshot_stats *st)
{
	struct json_object *root = json_object_new_object();
	struct json_object *snap = json_object_new_object();
	struct json_object *skip = json_object_new_object();

	json_object_object_add(root, "schema_version", json_object_new_int(1));
	json_object_object_add(snap, "output", json_object_new_string(out));
	json_object_object_add(snap, "format", json_object_new_string(format_name(fmt)));
	json_object_object_add(snap, "source", json_object_new_string(source));
	json_object_object_add(snap, "dirs", json_object_new_int64(st->dirs));
	json_object_object_add(snap, "files", json_object_new_int64(st->files));
	json_object_object_add(snap, "links", json_object_new_int64(st->links));
	json_object_object_add(snap, "bytes", json_object_new_int64(st->bytes));
	json_object_object_add(skip, "mappings_actions", json_object_new_int64(st->skipped_action));
	json_object_object_add(skip, "write_only", json_object_new_int64(st->skipped_wronly));
	json_object_object_add(skip, "unreadable", json_object_new_int64(st->skipped_unreadable));
	json_object_object_add(skip, "links", json_object_new_int64(st->skipped_links));
	json_object_object_add(snap, "skipped", skip);
	json_object_object_add(root, "snapshot", snap);
	puts(json_object_to_json_string_ext(root, JSON_C_TO_STRING_PRETTY |
						  JSON_C_TO_STRING_SPACED));
	json_object_put(root);
}

static void print_text(const char *out, const char *source, const struct iov_snapshot_stats *st)
{
	printf("snapshot of %s written to '%s': %lu files (%.1f KiB), %lu links, %lu directories\n",
	       source, out, st->files, st->bytes / 1024.0, st->links, st->dirs);
	printf("not copied: %lu BAR mappings and action files, %lu write-only, %lu unreadable, "
	       "%lu links (listed in %s)\n",
	       st->skipped_action, st->skipped_wronly, st->skipped_unreadable, st->skipped_links,
	       IOV_SNAPSHOT_MANIFEST);
}

/* Message for a capture or write failure on out. */
static int report(const char *out, int r, uint64_t max, int tar_status)
{
	if (r == -EFBIG)
		cli_err("cannot write '%s': the snapshot would exceed %llu bytes (raise --max-size)",
			out, (unsigned long long)max);
	else if (r == -EEXIST)
		cli_err("cannot write '%s': directory exists and is not empty", out);
	else if (r == -EPROTO)
		cli_err("cannot write '%s': tar failed with status %d", out, tar_status);
	else
		cli_err("cannot write '%s': %s", out, strerror(-r));
	return EXIT_RUNTIME;
}

/* A capture that failed reading the tree says so; else it failed writing out. */
static int report_capture(struct iov_ctx *ctx, const char *out, int r, uint64_t max,
			  const struct iov_snapshot_stats *st)
{
	if (!st->unreadable)
		return report(out, r, max, 0);
	cli_err("cannot read '%s' under '%s': %s", st->unreadable, iov_ctx_sysfs_root(ctx),
		strerror(-r));
	return EXIT_RUNTIME;
}

/* Capture into a temporary directory beside out, then stream tar into out. */
static int write_archive(struct iov_ctx *ctx, const char *out, enum iov_snapshot_format fmt,
			 const struct iov_snapshot_opts *opts, struct iov_snapshot_stats *st)
{
	char tmp[PATH_MAX];
	int fd, r, tar_status = 0;

	if ((size_t)snprintf(tmp, sizeof(tmp), "%s.tmpXXXXXX", out) >= sizeof(tmp))
		return report(out, -ENAMETOOLONG, 0, 0);
	if (!mkdtemp(tmp))
		return report(out, -errno, 0, 0);
	fd = open(out, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0) {
		r = -errno;
		iov_snapshot_remove(tmp);
		return report(out, r, 0, 0);
	}
	r = iov_snapshot_capture(ctx, tmp, opts, st);
	if (r < 0 && st->unreadable) {
		close(fd);
		iov_snapshot_remove(tmp);
		unlink(out);
		return report_capture(ctx, out, r, opts->max_bytes, st);
	}
	if (r == 0)
		r = iov_snapshot_archive(tmp, fmt, fd, &tar_status);
	if (close(fd) < 0 && r == 0)
		r = -errno;
	iov_snapshot_remove(tmp);
	if (r < 0) {
		unlink(out);
		return report(out, r, opts->max_bytes, tar_status);
	}
	return EXIT_OK;
}

struct snapshot_args {
	struct iov_snapshot_opts opts;
	const char *out;
};

static void snapshot_init(void *args)
{
	struct snapshot_args *a = args;

	a->opts.max_bytes = IOV_SNAPSHOT_DEFAULT_MAX;
}

static int snapshot_option(struct iov_cli *cli, void *args, int c, const char *arg,
			   const char *name)
{
	struct snapshot_args *a = args;

	(void)name;
	switch (c) {
	case 'o':
		a->out = arg;
		break;
	case OPT_MAX_SIZE:
		if (iov_parse_size(arg, &a->opts.max_bytes) < 0 || a->opts.max_bytes == 0)
			return cli_usage_error(cli, "invalid --max-size '%s'", arg);
		break;
	}
	return EXIT_OK;
}

static int snapshot_operands(struct iov_cli *cli, void *args, int argc, char **argv)
{
	struct snapshot_args *a = args;

	if (argc > 0)
		return cli_usage_error(cli, "unexpected argument '%s'", argv[0]);
	if (!a->out || !*a->out)
		return cli_usage_error(cli, "missing -o FILE.tar.gz or -o DIR");
	if (iov_snapshot_format_of(a->out) == IOV_SNAPSHOT_UNSUPPORTED)
		return cli_usage_error(cli, "cannot write '%s': not a format iovctl writes "
				       "(.tar, .tar.gz, .tgz, .tar.xz, .txz, or a directory)", a->out);
	return EXIT_OK;
}

static int snapshot_run(struct iov_cli *cli, struct iov_ctx *ctx, void *args)
{
	struct snapshot_args *a = args;
	const struct iov_snapshot_opts opts = a->opts;
	struct iov_snapshot_stats st = { 0 };
	enum iov_snapshot_format fmt;
	const char *out = a->out, *source;
	int r;

	fmt = iov_snapshot_format_of(out);
	/* before anything is written: an empty or unreadable tree is no snapshot */
	r = iov_snapshot_source_check(ctx);
	if (r == -ENODEV) {
		cli_err("nothing to capture: no PCI functions under '%s'", iov_ctx_sysfs_root(ctx));
		return EXIT_NODEV;
	}
	if (r < 0) {
		cli_err("cannot read PCI devices under '%s': %s", iov_ctx_sysfs_root(ctx),
			strerror(-r));
		return EXIT_RUNTIME;
	}
	if (iov_ctx_is_live(ctx) && geteuid() != 0)
		cli_warn(cli, "not running as root: config space is limited to 64 bytes per function");

	if (fmt == IOV_SNAPSHOT_DIR) {
		r = iov_snapshot_capture(ctx, out, &opts, &st);
		r = r < 0 ? report_capture(ctx, out, r, opts.max_bytes, &st) : EXIT_OK;
	} else {
		r = write_archive(ctx, out, fmt, &opts, &st);
	}
	/* a tarball's private copy is gone at exit: name the tarball */
	source = cli->sysfs_archive ? cli->sysfs_archive : iov_ctx_sysfs_root(ctx);
	if (r == EXIT_OK && cli->json)
		print_json(out, fmt, source, &st);
	else if (r == EXIT_OK && !cli->quiet)
		print_text(out, source, &st);
	return r;
}

const struct iov_cmd cmd_snapshot = {
	.name = "snapshot",
	.summary = "capture what iovctl reads into a tarball or directory for replay",
	.flags = CMD_NEEDS_CONTEXT | CMD_TAKES_SAMPLE,
	.shortopts = "o:",
	.longopts = snapshot_longopts,
	.usage = usage,
	.args_size = sizeof(struct snapshot_args),
	.init = snapshot_init,
	.option = snapshot_option,
	.operands = snapshot_operands,
	.run = snapshot_run,
};
