// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * iovctl bench: throughput and latency of block devices, files and the disks
 * of PCI functions, per target and in aggregate, with a CI baseline gate.
 */
#include "config.h"

#include <errno.h>
#include <json-c/json.h>
#include <math.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "bench.h"
#include "cli.h"
#include "output.h"

enum {
	OPT_RW = OPT_CMD,
	OPT_RWMIX,
	OPT_BS,
	OPT_QD,
	OPT_JOBS,
	OPT_RUNTIME,
	OPT_SIZE,
	OPT_IOS,
	OPT_RAMP,
	OPT_DIRECT,
	OPT_FIXED_BUFFERS,
	OPT_FIXED_FILES,
	OPT_SQPOLL,
	OPT_SQPOLL_CPU,
	OPT_IOPOLL,
	OPT_BATCH_SUBMIT,
	OPT_BATCH_COMPLETE,
	OPT_ENGINE,
	OPT_CPUS,
	OPT_NUMA,
	OPT_NO_PIN,
	OPT_ALL_VFS,
	OPT_INTERFERENCE,
	OPT_INTERVAL,
	OPT_NO_PROGRESS,
	OPT_WRITE,
	OPT_FORCE,
	OPT_VERIFY,
	OPT_VERIFY_ONLY,
	OPT_SEED,
	OPT_SAVE_BASELINE,
	OPT_BASELINE,
	OPT_TOLERANCE,
	OPT_BASELINE_ANY,
};

static const struct option bench_longopts[] = {
	CLI_GLOBAL_LONGOPTS,
	{ "rw", required_argument, NULL, OPT_RW },
	{ "rwmix", required_argument, NULL, OPT_RWMIX },
	{ "bs", required_argument, NULL, OPT_BS },
	{ "qd", required_argument, NULL, OPT_QD },
	{ "iodepth", required_argument, NULL, OPT_QD },
	{ "jobs", required_argument, NULL, OPT_JOBS },
	{ "runtime", required_argument, NULL, OPT_RUNTIME },
	{ "size", required_argument, NULL, OPT_SIZE },
	{ "ios", required_argument, NULL, OPT_IOS },
	{ "ramp", required_argument, NULL, OPT_RAMP },
	{ "direct", optional_argument, NULL, OPT_DIRECT },
	{ "fixed-buffers", no_argument, NULL, OPT_FIXED_BUFFERS },
	{ "fixed-files", no_argument, NULL, OPT_FIXED_FILES },
	{ "sqpoll", no_argument, NULL, OPT_SQPOLL },
	{ "sqpoll-cpu", required_argument, NULL, OPT_SQPOLL_CPU },
	{ "iopoll", no_argument, NULL, OPT_IOPOLL },
	{ "batch-submit", required_argument, NULL, OPT_BATCH_SUBMIT },
	{ "batch-complete", required_argument, NULL, OPT_BATCH_COMPLETE },
	{ "engine", required_argument, NULL, OPT_ENGINE },
	{ "cpus", required_argument, NULL, OPT_CPUS },
	{ "numa", required_argument, NULL, OPT_NUMA },
	{ "no-pin", no_argument, NULL, OPT_NO_PIN },
	{ "all-vfs", required_argument, NULL, OPT_ALL_VFS },
	{ "interference", no_argument, NULL, OPT_INTERFERENCE },
	{ "interval", required_argument, NULL, OPT_INTERVAL },
	{ "no-progress", no_argument, NULL, OPT_NO_PROGRESS },
	{ "write", no_argument, NULL, OPT_WRITE },
	{ "force", no_argument, NULL, OPT_FORCE },
	{ "verify", no_argument, NULL, OPT_VERIFY },
	{ "verify-only", no_argument, NULL, OPT_VERIFY_ONLY },
	{ "seed", required_argument, NULL, OPT_SEED },
	{ "save-baseline", required_argument, NULL, OPT_SAVE_BASELINE },
	{ "baseline", required_argument, NULL, OPT_BASELINE },
	{ "tolerance", required_argument, NULL, OPT_TOLERANCE },
	{ "baseline-any-settings", no_argument, NULL, OPT_BASELINE_ANY },
	{ NULL, 0, NULL, 0 },
};

struct bench_args {
	struct iov_bench_opts o;
	char **specs;
	int nspecs;
	const char *all_vfs;
	bool interference;
	bool progress;
	bool force;
	const char *save_baseline;
	const char *baseline;
	bool baseline_any;		/* compare with a baseline of other settings */
	double tolerance;		/* percent */
};

/* The text report's first line, printed once the first run has started. */
struct bench_header {
	size_t nt;		/* targets of the whole report */
	bool printed;
};

static volatile sig_atomic_t got_signal;
static struct iov_bench_run *volatile current_run;

static void bench_usage(FILE *f)
{
	fputs("Usage: iovctl bench [OPTIONS] TARGET...\n"
	      "       iovctl bench [OPTIONS] --all-vfs PF\n\n"
	      "Measure throughput and latency of block devices with io_uring, one or more\n"
	      "threads per target pinned to the target's NUMA node.\n\n"
	      "TARGET is a block device (/dev/nvme0n1), a regular file, a PCI function\n"
	      "(0000:3b:00.2: every disk under it) or a PF's VF (0000:3b:00.0/vf2).\n\n"
	      "Workload:\n"
	      "      --rw MODE            read, write, randread (default), randwrite, randrw\n"
	      "      --rwmix N            percent reads in randrw (default 50)\n"
	      "      --bs SIZE            bytes per I/O (default 4k)\n"
	      "      --qd N               I/Os in flight per job (default 32; --iodepth)\n"
	      "      --jobs N             threads per target (default 1)\n"
	      "      --runtime TIME       run this long (10s, 500ms, 2m)\n"
	      "      --size SIZE          bytes of the target to use (default all of it)\n"
	      "      --ios N              I/Os per job (default: one pass over --size)\n"
	      "      --ramp TIME          warm-up, left out of the results\n"
	      "      --write              allow write modes (refused without it)\n"
	      "      --force              write even over a filesystem or partition signature\n"
	      "      --verify             write a pattern, read it back and compare\n"
	      "      --verify-only        only read back and check a pattern written before\n"
	      "      --seed N             random offsets and pattern seed\n\n"
	      "Engine:\n"
	      "      --engine NAME        io_uring (default) or null (no device, no I/O)\n"
	      "      --direct[=0|1]       O_DIRECT (default 1)\n"
	      "      --fixed-buffers      registered buffers\n"
	      "      --fixed-files        registered file\n"
	      "      --sqpoll             kernel submission thread (--sqpoll-cpu CPU)\n"
	      "      --iopoll             polled completions (needs poll queues)\n"
	      "      --batch-submit N     submit at most N I/Os at a time\n"
	      "      --batch-complete N   wait for N completions at a time\n\n"
	      "Placement:\n"
	      "      --cpus LIST          run the jobs on these CPUs (0-3,8)\n"
	      "      --numa N             run on node N and allocate buffers there\n"
	      "      --no-pin             leave placement to the scheduler\n\n"
	      "Reports and CI:\n"
	      "      --all-vfs PF         every VF of PF at once, with Jain's fairness index\n"
	      "      --interference       first run each target alone, then all together\n"
	      "      --interval TIME      every TIME (e.g. 1s), a line: IOPS, MB/s, latency\n"
	      "      --no-progress        no live progress line on a terminal\n"
	      "      --save-baseline FILE save IOPS, bandwidth and p99 per target\n"
	      "      --baseline FILE      compare against FILE; exit 1 on a regression\n"
	      "      --baseline-any-settings  compare even with a baseline of other settings\n"
	      "      --tolerance PCT      allowed change before it counts (default 5)\n",
	      f);
	fputs(CLI_GLOBAL_HELP, f);
	fputs("\nExit status: 0 ok, 1 regression against the baseline, 2 usage,\n"
	      "3 runtime error (I/O error, verify mismatch, refusal), 4 no such device,\n"
	      "128+N when stopped by signal N (results so far are printed).\n"
	      "See iovctl-bench(8).\n",
	      f);
}

static void on_signal(int sig)
{
	got_signal = sig;
	if (current_run)
		iov_bench_stop(current_run);
}

static int parse_uint(const char *s, unsigned long long max, unsigned long long *v)
{
	char *end;

	if (!s || !*s || *s == '-')
		return -EINVAL;
	errno = 0;
	*v = strtoull(s, &end, 0);
	if (errno || *end || *v > max)
		return -EINVAL;
	return 0;
}

/* "unknown engine 'x' (io_uring, null)", the list from the registry */
static int unknown_engine(struct iov_cli *cli, const char *name)
{
	char list[128] = "";
	const char *e;
	size_t i, used = 0;

	for (i = 0; (e = iov_bench_engine_name(i)) && used < sizeof(list); i++)
		used += snprintf(list + used, sizeof(list) - used, "%s%s", i ? ", " : "", e);
	return cli_usage_error(cli, "unknown engine '%s' (%s)", name, list);
}

static void bench_init(void *args)
{
	struct bench_args *a = args;

	iov_bench_opts_init(&a->o);
	a->progress = true;
	a->tolerance = 5;
}

static int bench_option(struct iov_cli *cli, void *args, int c, const char *arg,
			const char *name)
{
	struct bench_args *a = args;
	unsigned long long v;
	uint64_t u;
	char *end;

	switch (c) {
	case OPT_RW:
		if (iov_bench_parse_rw(arg, &a->o.rw) < 0)
			goto bad;
		break;
	case OPT_RWMIX:
		if (parse_uint(arg, 100, &v) < 0)
			goto bad;
		a->o.rwmix_read = (unsigned)v;
		break;
	case OPT_BS:
		if (iov_parse_size(arg, &u) < 0 || u == 0 || u > (64u << 20))
			goto bad;
		a->o.bs = (uint32_t)u;
		break;
	case OPT_QD:
		if (parse_uint(arg, 4096, &v) < 0 || v == 0)
			goto bad;
		a->o.qd = (unsigned)v;
		break;
	case OPT_JOBS:
		if (parse_uint(arg, 256, &v) < 0 || v == 0)
			goto bad;
		a->o.jobs = (unsigned)v;
		break;
	case OPT_RUNTIME:
		if (iov_bench_parse_time(arg, &a->o.runtime_ns) < 0 || !a->o.runtime_ns)
			goto bad;
		break;
	case OPT_SIZE:
		if (iov_parse_size(arg, &a->o.size) < 0 || !a->o.size)
			goto bad;
		break;
	case OPT_IOS:
		if (parse_uint(arg, UINT64_MAX >> 1, &v) < 0 || v == 0)
			goto bad;
		a->o.ios = v;
		break;
	case OPT_RAMP:
		if (iov_bench_parse_time(arg, &a->o.ramp_ns) < 0)
			goto bad;
		break;
	case OPT_DIRECT:
		if (!arg || strcmp(arg, "1") == 0)
			a->o.direct = true;
		else if (strcmp(arg, "0") == 0)
			a->o.direct = false;
		else
			goto bad;
		break;
	case OPT_FIXED_BUFFERS:
		a->o.fixed_buffers = true;
		break;
	case OPT_FIXED_FILES:
		a->o.fixed_files = true;
		break;
	case OPT_SQPOLL:
		a->o.sqpoll = true;
		break;
	case OPT_SQPOLL_CPU:
		if (parse_uint(arg, IOV_MAX_CPUS - 1, &v) < 0)
			goto bad;
		a->o.sqpoll_cpu = (int)v;
		break;
	case OPT_IOPOLL:
		a->o.iopoll = true;
		break;
	case OPT_BATCH_SUBMIT:
		if (parse_uint(arg, 4096, &v) < 0 || v == 0)
			goto bad;
		a->o.batch_submit = (unsigned)v;
		break;
	case OPT_BATCH_COMPLETE:
		if (parse_uint(arg, 4096, &v) < 0 || v == 0)
			goto bad;
		a->o.batch_complete = (unsigned)v;
		break;
	case OPT_ENGINE:
		if (iov_bench_engine_caps(arg) < 0)
			return unknown_engine(cli, arg);
		a->o.engine = arg;
		break;
	case OPT_CPUS:
		if (iov_cpuset_parse(&a->o.cpus, arg) < 0)
			goto bad;
		a->o.pin = IOV_BENCH_PIN_CPUS;
		break;
	case OPT_NUMA:
		if (parse_uint(arg, 1023, &v) < 0)
			goto bad;
		a->o.numa_node = (int)v;
		a->o.pin = IOV_BENCH_PIN_NODE;
		break;
	case OPT_NO_PIN:
		a->o.pin = IOV_BENCH_PIN_NONE;
		break;
	case OPT_ALL_VFS:
		a->all_vfs = arg;
		break;
	case OPT_INTERFERENCE:
		a->interference = true;
		break;
	case OPT_INTERVAL:
		if (iov_bench_parse_time(arg, &a->o.interval_ns) < 0 ||
		    a->o.interval_ns < 10000000)
			return cli_usage_error(cli, "invalid --interval '%s' (at least 10ms)", arg);
		break;
	case OPT_NO_PROGRESS:
		a->progress = false;
		break;
	case OPT_WRITE:
		a->o.allow_write = true;
		break;
	case OPT_FORCE:
		a->force = true;
		break;
	case OPT_VERIFY:
		a->o.verify = IOV_BENCH_VERIFY_WRITE;
		break;
	case OPT_VERIFY_ONLY:
		a->o.verify = IOV_BENCH_VERIFY_ONLY;
		break;
	case OPT_SEED:
		if (parse_uint(arg, UINT64_MAX, &v) < 0)
			goto bad;
		a->o.seed = v;
		break;
	case OPT_SAVE_BASELINE:
		a->save_baseline = arg;
		break;
	case OPT_BASELINE:
		a->baseline = arg;
		break;
	case OPT_BASELINE_ANY:
		a->baseline_any = true;
		break;
	case OPT_TOLERANCE:
		errno = 0;
		a->tolerance = strtod(arg, &end);
		if (errno || end == arg || (*end && strcmp(end, "%")) ||
		    a->tolerance < 0 || a->tolerance > 1e6)
			goto bad;
		break;
	}
	return EXIT_OK;
bad:
	return cli_usage_error(cli, "invalid value '%s' for %s", arg ? arg : "", name);
}

static int bench_operands(struct iov_cli *cli, void *args, int argc, char **argv)
{
	struct bench_args *a = args;
	int c, r;

	a->specs = argv;
	a->nspecs = argc;
	for (c = 0; c < a->nspecs; c++)
		if ((r = cli_check_address(a->specs[c])))
			return r;
	if (a->all_vfs && (r = cli_check_address(a->all_vfs)))
		return r;
	if (a->all_vfs && a->nspecs)
		return cli_usage_error(cli, "--all-vfs takes the PF; give no other target");
	if (a->baseline_any && !a->baseline)
		return cli_usage_error(cli, "--baseline-any-settings needs --baseline");
	if (!a->all_vfs && !a->nspecs && !(iov_bench_engine_caps(a->o.engine) & IOV_BENCH_ENG_SYNTHETIC))
		return cli_usage_error(cli, "no target given");
	if (iov_bench_rw_writes(a->o.rw) && a->o.verify != IOV_BENCH_VERIFY_ONLY && !a->o.allow_write)
		return cli_usage_error(cli, "--rw %s writes to the target: add --write to allow it",
				       iov_bench_rw_name(a->o.rw));
	if (a->o.verify == IOV_BENCH_VERIFY_ONLY && a->o.rw != IOV_BENCH_WRITE &&
	    a->o.rw != IOV_BENCH_RANDWRITE)
		a->o.rw = IOV_BENCH_WRITE;	/* describes what was written; nothing is */
	return EXIT_OK;
}

/* ---- targets ------------------------------------------------------------------ */

static int exit_for(int err)
{
	return err == -ENOENT || err == -ENODEV || err == -ENXIO || err == -ENOTBLK ?
	       EXIT_NODEV : EXIT_RUNTIME;
}

static int add_targets(struct iov_bench_target **all, size_t *n, struct iov_bench_target *t,
		       size_t nt)
{
	struct iov_bench_target *tmp = realloc(*all, (*n + nt) * sizeof(*tmp));

	if (!tmp)
		return -ENOMEM;
	memcpy(tmp + *n, t, nt * sizeof(*t));
	*all = tmp;
	*n += nt;
	return 0;
}

/*
 * Why a function with an NVMe controller has no disk: its namespaces are
 * paths of multipath heads with other paths. Prints the error naming each
 * path disk and returns true when that is the case.
 */
static bool explain_paths(struct iov_ctx *ctx, const char *what, const struct iov_dev *d)
{
	struct iov_fn_devs fd;
	bool any = false;
	unsigned i;

	if (iov_fn_devs_read(ctx, d->addr, IOV_FNDEVS_PATHS, &fd) < 0)
		return false;
	for (i = 0; i < fd.ndisk && !any; i++) {
		const struct iov_fn_disk *k = &fd.disk[i];

		if (!k->path[0] || k->npaths < 2)
			continue;
		cli_err("%s: namespace %s of %s (%s) is one of %d paths of multipath head %s, and the "
			"kernel gives a path no device node (nvme_core.multipath=N gives each its own disk)",
			what, k->path, k->ctrl, d->addr, k->npaths, k->name);
		any = true;
	}
	iov_fn_devs_free(&fd);
	return any;
}

/* --all-vfs: the first VF whose disks are paths of shared heads explains why none is a target. */
static bool explain_vf_paths(struct iov_ctx *ctx, const struct iov_devlist *list, const char *pf)
{
	const struct iov_dev *d;
	char what[96];
	unsigned i;

	if (iov_bench_find_function(ctx, list, pf, &d) < 0)
		return false;
	snprintf(what, sizeof(what), "no VF of '%s' has a disk of its own", d->addr);
	for (i = 0; i < d->nvfs; i++)
		if (d->vfs[i] && explain_paths(ctx, what, d->vfs[i]))
			return true;
	return false;
}

static int resolve_null(struct bench_args *a, const struct iov_devlist *list, struct iov_ctx *ctx,
			struct iov_bench_target **all, size_t *n)
{
	struct iov_bench_target *t, nt0;
	size_t nt;
	int i, r;

	/*
	 * The null engine does no I/O: a target that resolves keeps its
	 * identity (handy with --sysfs-root), any other name is synthetic.
	 */
	for (i = 0; i < (a->nspecs ? a->nspecs : 1); i++) {
		if (a->nspecs && iov_bench_resolve(ctx, list, a->specs[i], 0, &t, &nt) == 0) {
			r = add_targets(all, n, t, nt);
			free(t);
		} else {
			iov_bench_null_target(&nt0, a->nspecs ? a->specs[i] : "null", a->o.size);
			r = add_targets(all, n, &nt0, 1);
		}
		if (r < 0)
			return EXIT_RUNTIME;
	}
	return EXIT_OK;
}

static int resolve_all_vfs(struct iov_cli *cli, struct iov_ctx *ctx, const struct iov_devlist *list,
			   struct bench_args *a, struct iov_bench_target **all, size_t *n)
{
	struct iov_bench_target *t;
	size_t nt;
	int r;

	r = iov_bench_resolve_all_vfs(ctx, list, a->all_vfs, &t, &nt);
	if (r == -EINVAL)
		return cli_usage_error(cli, "--all-vfs needs a PCI function, not '%s'", a->all_vfs);
	if (r == -ENODEV && explain_vf_paths(ctx, list, a->all_vfs))
		return EXIT_NODEV;
	if (r < 0) {
		cli_err(r == -ENXIO ? "'%s' has no VFs (sriov_numvfs is 0?)" :
			r == -ENODEV ? "no VF of '%s' has a block device" :
			r == -ENOENT ? "no PCI function '%s'" :
			"cannot find the VFs of '%s': %s", a->all_vfs, strerror(-r));
		return exit_for(r);
	}
	r = add_targets(all, n, t, nt);
	free(t);
	return r < 0 ? EXIT_RUNTIME : EXIT_OK;
}

static int resolve_one(struct iov_cli *cli, struct iov_ctx *ctx, const struct iov_devlist *list,
		       const char *spec, uint64_t create, struct iov_bench_target **all, size_t *n)
{
	struct iov_bench_target *t;
	const struct iov_dev *d;
	size_t nt;
	int r;

	r = iov_bench_resolve(ctx, list, spec, create, &t, &nt);
	if (r == -ENODEV) {
		char what[160];

		snprintf(what, sizeof(what), "no disk of its own under PCI function '%s'", spec);
		if (iov_bench_find_function(ctx, list, spec, &d) == 0 && explain_paths(ctx, what, d))
			return EXIT_NODEV;
		cli_err("no block device under PCI function '%s'", spec);
		return EXIT_NODEV;
	}
	if (r == -ENOTBLK) {
		cli_err("cannot use '%s': not a block device or regular file", spec);
		return EXIT_NODEV;
	}
	if (r == -ENOENT && iov_addr_shaped(spec)) {
		cli_err("no PCI function '%s' under '%s'", spec, iov_ctx_sysfs_root(ctx));
		return EXIT_NODEV;
	}
	if (r < 0) {
		cli_err("cannot open '%s': %s", spec, strerror(-r));
		return exit_for(r);
	}
	r = add_targets(all, n, t, nt);
	free(t);
	return r < 0 ? EXIT_RUNTIME : EXIT_OK;
}

static int resolve_targets(struct iov_cli *cli, struct iov_ctx *ctx, const struct iov_devlist *list,
			   struct bench_args *a, struct iov_bench_target **all, size_t *n)
{
	/* write jobs on a new file create it, like fio */
	uint64_t create = iov_bench_rw_writes(a->o.rw) && a->o.allow_write &&
			  a->o.verify != IOV_BENCH_VERIFY_ONLY ? a->o.size : 0;
	/* an engine that does no I/O: synthetic targets, none opened */
	bool null = iov_bench_engine_caps(a->o.engine) & IOV_BENCH_ENG_SYNTHETIC;
	int i, code = EXIT_OK, r;

	*all = NULL;
	*n = 0;
	if (null && !a->all_vfs)
		code = resolve_null(a, list, ctx, all, n);
	else if (a->all_vfs)
		code = resolve_all_vfs(cli, ctx, list, a, all, n);
	else
		for (i = 0; i < a->nspecs && code == EXIT_OK; i++)
			code = resolve_one(cli, ctx, list, a->specs[i], create, all, n);
	if (code)
		return code;
	if (null)
		iov_bench_make_null(*all, *n, a->o.size);
	/* without the tree the ceilings are unknown: reported as such, not fatal */
	r = iov_bench_link_ceilings(list, *all, *n);
	if (r < 0 && cli->verbose)
		cli_warn(cli, "cannot read the PCI tree for the link ceilings: %s", strerror(-r));
	return EXIT_OK;
}

/* Refuse to write over something that is in use or holds data. */
static int check_safety(struct iov_ctx *ctx, const struct bench_args *a,
			const struct iov_bench_target *t, size_t n)
{
	struct iov_bench_safety s;
	size_t i;

	if (!iov_bench_rw_writes(a->o.rw) || a->o.verify == IOV_BENCH_VERIFY_ONLY)
		return EXIT_OK;
	for (i = 0; i < n; i++) {
		if (iov_bench_target_safety(ctx, &t[i], &s) < 0)
			continue;
		if (a->force)
			continue;
		if (s.mounted[0]) {
			cli_err("refusing to write to '%s': %s is mounted on %s (--force to override)",
				t[i].path, s.mounted_dev, s.mounted);
			return EXIT_RUNTIME;
		}
		if (s.holder[0]) {
			cli_err("refusing to write to '%s': it is held by %s (LVM, md or dm; --force to override)",
				t[i].path, s.holder);
			return EXIT_RUNTIME;
		}
		if (s.sig_type[0]) {
			cli_err("refusing to write to '%s': it carries a %s signature (%s); wipefs it, or --force",
				t[i].path, s.sig_usage, s.sig_type);
			return EXIT_RUNTIME;
		}
	}
	return EXIT_OK;
}

/*
 * A baseline of other settings measures another job: comparing with it
 * would pass or fail a CI gate for the wrong reason.
 */
static int check_baseline_settings(struct iov_cli *cli, const struct bench_args *a,
				   const struct iov_baseline *base)
{
	char desc[256], was[128], now[128];
	int d;

	iov_baseline_describe(&a->o, desc, sizeof(desc));
	d = iov_baseline_settings_differ(base->settings, desc, was, sizeof(was), now, sizeof(now));
	if (d == 0)
		return EXIT_OK;
	if (a->baseline_any) {
		cli_warn(cli, "baseline '%s' was taken with other settings: %s", a->baseline,
			 base->settings);
		return EXIT_OK;
	}
	if (d == 2)	/* not the same shape: show both whole */
		return cli_usage_error(cli, "baseline '%s' was taken with other settings (%s), "
				       "not this run's; --baseline-any-settings compares anyway",
				       a->baseline, base->settings);
	return cli_usage_error(cli, "baseline '%s' was taken with %s, this run has %s; "
			       "--baseline-any-settings compares anyway", a->baseline, was, now);
}

/* ---- running ------------------------------------------------------------------- */

/* One interval line, or its JSON object for the report. */
static void print_interval(struct iov_cli *cli, bool tty, struct bench_outcome *out,
			   const struct iov_bench_interval *iv)
{
	if (cli->json) {
		json_object_array_add(out->intervals, bench_json_interval(iv));
		return;
	}
	if (tty)
		fputs("\r\033[K", stderr);
	bench_text_interval(stdout, iv);
}

static void print_progress(const struct bench_args *a, struct iov_bench_run *run)
{
	struct iov_bench_progress p;

	iov_bench_progress(run, &p);
	bench_text_progress(stderr, &a->o, &p);
}

/*
 * Watch a started run: interval lines at their deadlines, a progress line
 * on a terminal; signals stop the run from their handler.
 */
static void watch(struct iov_cli *cli, const struct bench_args *a, struct iov_bench_run *run,
		  struct bench_outcome *out)
{
	bool tty = a->progress && !cli->quiet && isatty(STDERR_FILENO);
	struct iov_bench_interval *iv = NULL;
	int ev;

	if (a->o.interval_ns) {
		iv = malloc(sizeof(*iv));
		if (!iv) {
			cli_err("out of memory: no interval lines");
			iov_bench_wait(run);
			return;
		}
	}
	while ((ev = iov_bench_watch(run, tty ? 200000000ull : 0, iv)) != IOV_BENCH_WATCH_DONE) {
		if (ev < 0) {
			cli_err("cannot time the intervals: %s", strerror(-ev));
			break;
		}
		if (ev == IOV_BENCH_WATCH_INTERVAL)
			print_interval(cli, tty, out, iv);
		if (tty)
			print_progress(a, run);
	}
	if (tty)
		fputs("\r\033[K", stderr);
	free(iv);
}

/* Free a run the signal handler may be looking at: block it meanwhile. */
static void forget_run(struct iov_bench_run *run)
{
	sigset_t set, old;

	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigprocmask(SIG_BLOCK, &set, &old);
	current_run = NULL;
	sigprocmask(SIG_SETMASK, &old, NULL);
	iov_bench_free(run);
}

static int run_once(struct iov_cli *cli, struct iov_ctx *ctx, const struct bench_args *a,
		    const struct iov_bench_target *t, size_t nt, struct bench_outcome *out,
		    struct bench_header *hdr)
{
	struct iov_bench_run *run = NULL;
	char why[PATH_MAX + 512];
	int r;

	out->per = calloc(nt, sizeof(*out->per));
	if (!out->per) {
		cli_err("out of memory");
		return EXIT_RUNTIME;
	}
	r = iov_bench_new(ctx, &a->o, t, nt, &run, why, sizeof(why));
	if (r == -EINVAL || r == -EPERM)
		return cli_usage_error(cli, "%s", why);
	if (r == -EOPNOTSUPP) {
		cli_err("%s", why);
		return EXIT_RUNTIME;
	}
	if (r < 0) {
		cli_err("cannot prepare the benchmark: %s", strerror(-r));
		return EXIT_RUNTIME;
	}
	current_run = run;
	if (got_signal) {
		forget_run(run);
		out->interrupted = true;
		return EXIT_OK;
	}
	r = iov_bench_start(run, why, sizeof(why));
	if (r < 0) {
		forget_run(run);
		cli_err("%s", why);
		return r == -ENOENT ? EXIT_NODEV : r == -EINVAL && !why[0] ? EXIT_USAGE : EXIT_RUNTIME;
	}
	/* before any interval line: what the lines are about */
	if (!cli->json && !hdr->printed) {
		bench_text_settings(stdout, &a->o, hdr->nt);
		fflush(stdout);
		hdr->printed = true;
	}
	watch(cli, a, run, out);
	iov_bench_wait(run);
	iov_bench_results(run, out->per, &out->agg);
	out->interrupted = iov_bench_interrupted(run);
	forget_run(run);
	return EXIT_OK;
}

/* Errors the results carry: I/O errors and verify mismatches. */
static int report_failures(const struct iov_bench_target *t, size_t nt,
			   const struct bench_outcome *out)
{
	int code = EXIT_OK;
	size_t i;

	for (i = 0; i < nt; i++) {
		const struct iov_bench_result *r = &out->per[i];

		if (r->errors) {
			cli_err("I/O error on '%s' at offset %llu: %s (%llu failed)", t[i].path,
				(unsigned long long)r->first_error_off, strerror(-r->first_error),
				(unsigned long long)r->errors);
			code = EXIT_RUNTIME;
		}
		if (r->verify_errors) {
			cli_err("verify failed on '%s': %llu of %llu blocks differ, first at offset %llu",
				t[i].path, (unsigned long long)r->verify_errors,
				(unsigned long long)r->verify_blocks,
				(unsigned long long)r->verify_first_bad);
			code = EXIT_RUNTIME;
		}
	}
	return code;
}

static void outcome_free(struct bench_outcome *o)
{
	free(o->per);
	o->per = NULL;
}

static int bench_run(struct iov_cli *cli, struct iov_ctx *ctx, void *args)
{
	struct bench_args a = *(struct bench_args *)args;
	struct bench_outcome out = { 0 }, alone = { 0 };
	struct iov_bench_target *t = NULL;
	struct iov_baseline base = { 0 }, cur = { 0 };
	struct iov_baseline_diff *diff = NULL;
	struct bench_header hdr = { 0 };
	struct json_object *root = NULL;
	struct iov_bench_fn_group *vfs = NULL;
	struct iov_devlist *list = NULL;
	struct sigaction sa;
	struct bench_report rep;
	size_t nt = 0, ndiff = 0, nvfs = 0, i;
	int regressions = 0, code, r;

	if (a.baseline) {
		r = iov_baseline_load(a.baseline, &base);
		if (r < 0) {
			cli_err(r == -EINVAL ? "cannot use '%s' as a baseline: not an iovctl bench baseline" :
				r == -EPROTO ? "cannot use baseline '%s': written by a newer iovctl "
				"(schema_version above 2); take it again with this one" :
				"cannot read baseline '%s': %s", a.baseline, strerror(-r));
			return EXIT_RUNTIME;
		}
		code = check_baseline_settings(cli, &a, &base);
		if (code)
			goto out;
	}
	/* one scan: the targets point at its functions, the link ceilings come from its tree */
	r = iov_scan(ctx, IOV_SCAN_BRIEF, &list);
	if (r < 0 && cli->verbose)
		cli_warn(cli, "cannot scan the PCI functions: %s", strerror(-r));
	code = resolve_targets(cli, ctx, list, &a, &t, &nt);
	if (code)
		goto out;
	code = check_safety(ctx, &a, t, nt);
	if (code)
		goto out;
	if (a.interference && nt < 2) {
		code = cli_usage_error(cli, "--interference compares targets run alone and together: "
				       "give two or more ('%s' is one)", t[0].name);
		goto out;
	}

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);

	if (cli->json)
		out.intervals = json_object_new_array();
	hdr.nt = nt;
	if (a.interference && nt > 1) {
		alone.per = calloc(nt, sizeof(*alone.per));
		if (!alone.per) {
			code = EXIT_RUNTIME;
			goto out;
		}
		for (i = 0; i < nt && !got_signal; i++) {
			struct bench_outcome one = { 0 };
			struct bench_args solo = a;

			solo.o.interval_ns = 0;
			code = run_once(cli, ctx, &solo, &t[i], 1, &one, &hdr);
			if (code == EXIT_OK)
				alone.per[i] = one.per[0];
			outcome_free(&one);
			if (code)
				goto out;
		}
	}
	if (got_signal) {
		out.per = calloc(nt, sizeof(*out.per));
		out.interrupted = true;
	} else {
		code = run_once(cli, ctx, &a, t, nt, &out, &hdr);
		if (code)
			goto out;
	}
	if (got_signal)
		out.interrupted = true;

	if (a.save_baseline || a.baseline) {
		if (iov_baseline_of(&a.o, t, nt, out.per, &out.agg, &cur) < 0) {
			code = EXIT_RUNTIME;
			goto out;
		}
	}
	if (a.baseline && !out.interrupted) {
		regressions = iov_baseline_compare(&base, &cur, a.tolerance, &diff, &ndiff);
		if (regressions < 0) {
			cli_err("cannot compare with the baseline: %s", strerror(-regressions));
			code = EXIT_RUNTIME;
			goto out;
		}
	}

	if (a.all_vfs && iov_bench_group_by_function(t, nt, out.per, a.o.bs, &vfs, &nvfs) < 0) {
		code = EXIT_RUNTIME;
		goto out;
	}
	rep = (struct bench_report){
		.o = &a.o, .t = t, .nt = nt, .out = &out, .alone = alone.per,
		.vfs = vfs, .nvfs = nvfs,
		.baseline = a.baseline && !out.interrupted ? a.baseline : NULL,
		.tolerance = a.tolerance, .diff = diff, .ndiff = ndiff, .regressions = regressions,
		.width = cli->width,
	};
	if (cli->json) {
		root = bench_json_report(&rep, out.intervals);
		out.intervals = NULL;
		out_json_print(root, stdout);
	} else {
		if (!hdr.printed)	/* a run stopped before it started */
			bench_text_settings(stdout, &a.o, nt);
		bench_text_report(stdout, &rep);
	}

	code = report_failures(t, nt, &out);
	if (a.save_baseline && !out.interrupted && code == EXIT_OK) {
		r = iov_baseline_save(a.save_baseline, &cur);
		if (r < 0) {
			cli_err("cannot write baseline '%s': %s", a.save_baseline, strerror(-r));
			code = EXIT_RUNTIME;
		}
	} else if (a.save_baseline && !cli->quiet) {
		cli_warn(cli, "baseline '%s' not saved: the run %s", a.save_baseline,
			 out.interrupted ? "was interrupted" : "failed");
	}
	if (code == EXIT_OK && regressions > 0) {
		cli_err("%d regression%s against baseline '%s' beyond %.1f%%", regressions,
			regressions == 1 ? "" : "s", a.baseline, a.tolerance);
		code = EXIT_FINDINGS;
	}
	if (out.interrupted && got_signal)
		code = 128 + got_signal;
out:
	json_object_put(root);
	json_object_put(out.intervals);
	free(diff);
	free(vfs);
	iov_baseline_free(&base);
	iov_baseline_free(&cur);
	outcome_free(&out);
	outcome_free(&alone);
	free(t);
	iov_devlist_free(list);
	return code;
}

const struct iov_cmd cmd_bench = {
	.name = "bench",
	.summary = "measure throughput and latency of block devices and VFs",
	.flags = CMD_NEEDS_CONTEXT,
	.longopts = bench_longopts,
	.usage = bench_usage,
	.args_size = sizeof(struct bench_args),
	.init = bench_init,
	.option = bench_option,
	.operands = bench_operands,
	.run = bench_run,
};
