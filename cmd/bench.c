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

#include "cli.h"
#include "lib/iov-bench.h"

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

/* One measured run of a set of targets. */
struct bench_outcome {
	struct iov_bench_result *per;	/* one per target */
	struct iov_bench_result agg;
	bool interrupted;
	struct json_object *intervals;	/* array, JSON mode */
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

/*
 * A target that is an address ("10000:01:00.0") or "PF/vfN" with an
 * address for PF must be a well-formed one: a usage error says what is wrong.
 */
static int check_target(const char *spec)
{
	const char *slash = strchr(spec, '/');
	char pf[64];

	if (!slash || spec[0] == '.' || !strstr(spec, "/vf"))
		return cli_check_address(spec);
	if ((size_t)(slash - spec) >= sizeof(pf))
		return EXIT_OK;
	snprintf(pf, sizeof(pf), "%.*s", (int)(slash - spec), spec);
	return cli_check_address(pf);
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
		if (iov_bench_parse_size(arg, &u) < 0 || u == 0 || u > (64u << 20))
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
		if (iov_bench_parse_size(arg, &a->o.size) < 0 || !a->o.size)
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
		if ((r = check_target(a->specs[c])))
			return r;
	if (a->all_vfs && (r = check_target(a->all_vfs)))
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
 * Why a function with an NVMe controller has no disk: its namespace is a
 * path of a multipath head, which the kernel gives no device node. Prints
 * the error and returns true when that is the case.
 */
static bool explain_paths(struct iov_ctx *ctx, const char *what, const char *bdf)
{
	struct iov_bench_nvme_path p;

	if (iov_bench_nvme_paths(ctx, bdf, &p, 1) < 1 || p.npaths < 2)
		return false;
	cli_err("%s: namespace %s of %s (%s) is one of %u paths of multipath head %s, and the "
		"kernel gives a path no device node (nvme_core.multipath=N gives each its own disk)",
		what, p.path, p.ctrl, bdf, p.npaths, p.head);
	return true;
}

/* The function a target names: "3b:00.2" or "PF/vfN"; 0 or -errno. */
static int spec_bdf(struct iov_ctx *ctx, const char *spec, char bdf[IOV_BDF_STRLEN])
{
	const char *slash = strchr(spec, '/');
	char pf[IOV_BDF_STRLEN];
	struct iov_bdf b;
	unsigned idx;
	int n = 0;

	if (!slash) {
		if (iov_bdf_parse(spec, &b) < 0)
			return -EINVAL;
		iov_bdf_format(&b, bdf);
		return 0;
	}
	if ((size_t)(slash - spec) >= sizeof(pf))
		return -EINVAL;
	snprintf(pf, sizeof(pf), "%.*s", (int)(slash - spec), spec);
	if (iov_bdf_parse(pf, &b) < 0 || sscanf(slash + 1, "vf%u%n", &idx, &n) != 1 || slash[1 + n])
		return -EINVAL;
	iov_bdf_format(&b, pf);
	return iov_sysfs_read_link_name(ctx, bdf, IOV_BDF_STRLEN, "bus/pci/devices/%s/virtfn%u", pf,
					idx);
}

static int resolve_targets(struct iov_cli *cli, struct iov_ctx *ctx, struct bench_args *a,
			   struct iov_bench_target **all, size_t *n)
{
	struct iov_bench_target *t;
	size_t nt, k;
	int i, r;
	/* write jobs on a new file create it, like fio */
	uint64_t create = iov_bench_rw_writes(a->o.rw) && a->o.allow_write &&
			  a->o.verify != IOV_BENCH_VERIFY_ONLY ? a->o.size : 0;

	*all = NULL;
	*n = 0;
	if ((iov_bench_engine_caps(a->o.engine) & IOV_BENCH_ENG_SYNTHETIC) && !a->all_vfs) {
		struct iov_bench_target nt0;

		/*
		 * The null engine does no I/O: a target that resolves keeps its
		 * identity (handy with --sysfs-root), any other name is synthetic.
		 */
		for (i = 0; i < (a->nspecs ? a->nspecs : 1); i++) {
			if (a->nspecs && iov_bench_resolve(ctx, a->specs[i], 0, &t, &nt) == 0) {
				r = add_targets(all, n, t, nt);
				free(t);
				if (r < 0)
					return EXIT_RUNTIME;
				continue;
			}
			memset(&nt0, 0, sizeof(nt0));
			snprintf(nt0.name, sizeof(nt0.name), "%s", a->nspecs ? a->specs[i] : "null");
			snprintf(nt0.path, sizeof(nt0.path), "%s", nt0.name);
			nt0.size = a->o.size ? a->o.size : 1ull << 30;
			nt0.numa_node = -1;
			nt0.vf = -1;
			snprintf(nt0.driver, sizeof(nt0.driver), "null");
			if (add_targets(all, n, &nt0, 1) < 0)
				return EXIT_RUNTIME;
		}
		goto null_kind;
	}
	if (a->all_vfs) {
		r = iov_bench_resolve_all_vfs(ctx, a->all_vfs, &t, &nt);
		if (r == -EINVAL)
			return cli_usage_error(cli, "--all-vfs needs a PCI function, not '%s'", a->all_vfs);
		if (r == -ENODEV) {
			char vf0[IOV_BDF_STRLEN], pf[IOV_BDF_STRLEN], what[96];
			struct iov_bdf b;

			iov_bdf_parse(a->all_vfs, &b);
			iov_bdf_format(&b, pf);
			snprintf(what, sizeof(what), "no VF of '%s' has a disk of its own", pf);
			if (iov_sysfs_read_link_name(ctx, vf0, sizeof(vf0), "bus/pci/devices/%s/virtfn0",
						     pf) == 0 && explain_paths(ctx, what, vf0))
				return EXIT_NODEV;
		}
		if (r < 0) {
			cli_err(r == -ENXIO ? "'%s' has no VFs (sriov_numvfs is 0?)" :
				r == -ENODEV ? "no VF of '%s' has a block device" :
				"cannot find the VFs of '%s': %s", a->all_vfs, strerror(-r));
			return exit_for(r);
		}
		r = add_targets(all, n, t, nt);
		free(t);
		if (r < 0)
			return EXIT_RUNTIME;
		goto null_kind;
	}
	for (i = 0; i < a->nspecs; i++) {
		r = iov_bench_resolve(ctx, a->specs[i], create, &t, &nt);
		if (r == -ENODEV) {
			char what[160], bdf[IOV_BDF_STRLEN];

			snprintf(what, sizeof(what), "no disk of its own under PCI function '%s'",
				 a->specs[i]);
			if (spec_bdf(ctx, a->specs[i], bdf) == 0 && explain_paths(ctx, what, bdf))
				return EXIT_NODEV;
		}
		if (r == -ENODEV) {
			cli_err("no block device under PCI function '%s'", a->specs[i]);
			return EXIT_NODEV;
		}
		if (r == -ENOTBLK) {
			cli_err("cannot use '%s': not a block device or regular file", a->specs[i]);
			return EXIT_NODEV;
		}
		if (r == -ENOENT && iov_addr_shaped(a->specs[i])) {
			cli_err("no PCI function '%s' under '%s'", a->specs[i], iov_ctx_sysfs_root(ctx));
			return EXIT_NODEV;
		}
		if (r < 0) {
			cli_err("cannot open '%s': %s", a->specs[i], strerror(-r));
			return exit_for(r);
		}
		r = add_targets(all, n, t, nt);
		free(t);
		if (r < 0)
			return EXIT_RUNTIME;
	}
null_kind:
	if (strcmp(a->o.engine, "null") == 0)
		for (k = 0; k < *n; k++) {
			(*all)[k].kind = IOV_TARGET_NULL;
			if (a->o.size)
				(*all)[k].size = a->o.size;
		}
	/* without the tree the ceilings are unknown: reported as such, not fatal */
	r = iov_bench_link_ceilings(ctx, *all, *n);
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

/* ---- text output ------------------------------------------------------------- */

static const char *fmt_lat(char *buf, size_t len, double ns)
{
	if (ns < 1000)
		snprintf(buf, len, "%.0fns", ns);
	else if (ns < 1e6)
		snprintf(buf, len, "%.1fus", ns / 1e3);
	else if (ns < 1e9)
		snprintf(buf, len, "%.2fms", ns / 1e6);
	else
		snprintf(buf, len, "%.2fs", ns / 1e9);
	return buf;
}

static void print_place(const struct iov_bench_target *t, const struct iov_bench_result *r)
{
	char allowed[256], used[256];

	iov_cpuset_format(&r->place.allowed, allowed, sizeof(allowed));
	iov_cpuset_format(&r->place.used, used, sizeof(used));
	printf("  placement  ");
	if (t->numa_node >= 0)
		printf("node %d, ", t->numa_node);
	else if (t->kind != IOV_TARGET_NULL)
		printf("node unknown, ");
	printf("%s %s, ran on %s", r->place.pinned ? "pinned to" : "not pinned, allowed",
	       allowed[0] ? allowed : "-", used[0] ? used : "-");
	if (r->place.buffer_node >= 0)
		printf(", buffers on node %d", r->place.buffer_node);
	putchar('\n');
}

/* PCIe generation of a link speed: 8 GT/s is Gen3; 0 when not a PCIe speed. */
static int pcie_gen(double gts)
{
	static const double speeds[] = { 2.5, 5, 8, 16, 32, 64 };
	size_t i;

	for (i = 0; i < sizeof(speeds) / sizeof(speeds[0]); i++)
		if (fabs(gts - speeds[i]) < 0.01)
			return (int)i + 1;
	return 0;
}

static const char *fmt_pct(char *buf, size_t len, double share)
{
	snprintf(buf, len, share < 0.1 ? "%.1f%%" : "%.0f%%", share * 100);
	return buf;
}

/* "link       3.1 GB/s, 79% of the x4 Gen4 ceiling (3.94 GB/s at 0000:00:01.0)" */
static void print_link(const struct iov_bench_target *lt, const struct iov_bench_result *r)
{
	char pct[32], gen[32];

	if (lt->link_gbps <= 0) {
		printf("  link       ceiling unknown (a link on the path to the root port is not reported)\n");
		return;
	}
	if (pcie_gen(lt->link_gts))
		snprintf(gen, sizeof(gen), "x%d Gen%d", lt->link_width, pcie_gen(lt->link_gts));
	else
		snprintf(gen, sizeof(gen), "x%d %.3g GT/s", lt->link_width, lt->link_gts);
	printf("  link       %.2f GB/s, %s of the %s ceiling (%.2f GB/s at %s)\n", r->bw / 1e9,
	       fmt_pct(pct, sizeof(pct), r->bw / (lt->link_gbps * 1e9)), gen, lt->link_gbps,
	       lt->link_at);
}

/* The link every target goes through, when it is one and known; else NULL. */
static const struct iov_bench_target *common_link(const struct iov_bench_target *t, size_t nt)
{
	size_t i;

	for (i = 0; i < nt; i++)
		if (t[i].link_gbps <= 0 || strcmp(t[i].link_at, t[0].link_at) != 0)
			return NULL;
	return nt ? &t[0] : NULL;
}

/* link: whose link ceiling to measure r against (NULL: no PCI function) */
static void print_result(const char *title, const struct iov_bench_target *t,
			 const struct iov_bench_result *r, const struct iov_bench_target *link)
{
	char b[5][32];

	printf("%s", title);
	if (t) {
		if (t->bdf[0]) {
			printf("  (%s", t->bdf);
			if (t->pf[0])
				printf(", VF %d of %s", t->vf, t->pf);
			printf(", %s)", t->driver[0] ? t->driver : "no driver");
			if (t->nvme_path[0])
				printf("\n  path       %s of controller %s, the only path of head %s: "
				       "I/O to the head", t->nvme_path, t->nvme_ctrl, t->blk);
		} else if (t->driver[0] && t->kind == IOV_TARGET_BLOCK) {
			printf("  (%s)", t->driver);
		}
	}
	putchar('\n');
	printf("  throughput %.0f IOPS, %.1f MB/s, %llu I/Os in %.2fs",
	       r->iops, r->bw / 1e6, (unsigned long long)r->ios, r->runtime_ns / 1e9);
	if (r->reads && r->writes)
		printf(" (%llu reads, %llu writes)", (unsigned long long)r->reads,
		       (unsigned long long)r->writes);
	putchar('\n');
	if (link)
		print_link(link, r);
	printf("  latency    min %s, mean %s, stddev %s, max %s\n",
	       fmt_lat(b[0], 32, (double)r->lat.min_ns), fmt_lat(b[1], 32, r->lat.mean_ns),
	       fmt_lat(b[2], 32, r->lat.stddev_ns), fmt_lat(b[3], 32, (double)r->lat.max_ns));
	printf("  percentile p50 %s, p90 %s, p99 %s, ",
	       fmt_lat(b[0], 32, r->lat.p50_ns), fmt_lat(b[1], 32, r->lat.p90_ns),
	       fmt_lat(b[2], 32, r->lat.p99_ns));
	printf("p99.9 %s, p99.99 %s\n", fmt_lat(b[3], 32, r->lat.p999_ns),
	       fmt_lat(b[4], 32, r->lat.p9999_ns));
	if (r->ios)
		printf("  cpu        usr %.2fus/IO, sys %.2fus/IO (%.2fs, %.2fs)\n",
		       r->usr_s * 1e6 / r->ios, r->sys_s * 1e6 / r->ios, r->usr_s, r->sys_s);
	if (r->errors || r->short_ios)
		printf("  errors     %llu failed%s%s, %llu short (%llu bytes)\n",
		       (unsigned long long)r->errors, r->errors ? ", first: " : "",
		       r->errors ? strerror(-r->first_error) : "",
		       (unsigned long long)r->short_ios, (unsigned long long)r->short_bytes);
	if (r->verify_blocks || r->verify_errors)
		printf("  verify     %llu blocks read back, %llu differ%s\n",
		       (unsigned long long)r->verify_blocks, (unsigned long long)r->verify_errors,
		       r->verify_errors ? " (see below)" : "");
	if (t)
		print_place(t, r);
}

static void print_settings(const struct iov_bench_opts *o, size_t nt)
{
	printf("bench: %s", iov_bench_rw_name(o->rw));
	if (o->rw == IOV_BENCH_RANDRW)
		printf(" (%u%% reads)", o->rwmix_read);
	printf(", bs %u, qd %u, %u job%s x %zu target%s, %s%s%s%s%s%s\n", o->bs, o->qd, o->jobs,
	       o->jobs == 1 ? "" : "s", nt, nt == 1 ? "" : "s", o->engine,
	       o->direct ? ", direct" : ", buffered", o->fixed_buffers ? ", fixed buffers" : "",
	       o->fixed_files ? ", fixed files" : "", o->sqpoll ? ", sqpoll" : "",
	       o->iopoll ? ", iopoll" : "");
}

static double jain_of(const struct iov_bench_result *per, size_t n)
{
	double x[1024];
	size_t i;

	if (n > 1024)
		n = 1024;
	for (i = 0; i < n; i++)
		x[i] = per[i].iops;
	return iov_bench_jain(x, n);
}

/* --all-vfs: the disks of one VF, results summed. Targets come VF by VF. */
struct vf_group {
	const struct iov_bench_target *t;	/* first disk */
	size_t first, n;
	struct iov_bench_result res;
};

static struct vf_group *group_vfs(const struct iov_bench_target *t, size_t nt,
				  const struct bench_outcome *out, uint32_t bs, size_t *ng)
{
	struct vf_group *g = calloc(nt ? nt : 1, sizeof(*g));
	size_t i, n = 0;

	*ng = 0;
	if (!g)
		return NULL;
	for (i = 0; i < nt; i++) {
		if (n && strcmp(g[n - 1].t->bdf, t[i].bdf) == 0) {
			g[n - 1].n++;
			continue;
		}
		g[n].t = &t[i];
		g[n].first = i;
		g[n].n = 1;
		n++;
	}
	for (i = 0; i < n; i++)
		iov_bench_result_sum(&g[i].res, &out->per[g[i].first], g[i].n, bs);
	*ng = n;
	return g;
}

static double jain_of_vfs(const struct vf_group *g, size_t n)
{
	double x[1024];
	size_t i;

	if (n > 1024)
		n = 1024;
	for (i = 0; i < n; i++)
		x[i] = g[i].res.iops;
	return iov_bench_jain(x, n);
}

static void print_vfs(const struct vf_group *g, size_t n)
{
	char b[32];
	size_t i;

	printf("\n%-6s %-14s %5s %12s %10s %10s %6s\n", "VF", "BDF", "DISKS", "IOPS", "MB/s", "P99",
	       "LINK");
	for (i = 0; i < n; i++) {
		char pct[32];

		printf("%-6d %-14s %5zu %12.0f %10.1f %10s %6s\n", g[i].t->vf, g[i].t->bdf, g[i].n,
		       g[i].res.iops, g[i].res.bw / 1e6, fmt_lat(b, sizeof(b), g[i].res.lat.p99_ns),
		       g[i].t->link_gbps > 0 ?
		       fmt_pct(pct, sizeof(pct), g[i].res.bw / (g[i].t->link_gbps * 1e9)) : "-");
	}
	printf("fairness: Jain's index %.4f over %zu VFs (1 = equal IOPS)\n", jain_of_vfs(g, n), n);
}

static void print_text(const struct bench_args *a, const struct iov_bench_target *t, size_t nt,
		       const struct bench_outcome *out, const struct bench_outcome *alone,
		       const struct vf_group *vfs, size_t nvfs)
{
	size_t i;

	if (out->interrupted)
		printf("interrupted: results so far\n");
	for (i = 0; i < nt; i++) {
		putchar('\n');
		print_result(t[i].name, &t[i], &out->per[i], t[i].bdf[0] ? &t[i] : NULL);
	}
	if (nt > 1) {
		putchar('\n');
		print_result("aggregate", NULL, &out->agg, common_link(t, nt));
		printf("  fairness   Jain's index %.4f over %zu targets (1 = equal IOPS)\n",
		       jain_of(out->per, nt), nt);
	}
	if (vfs)
		print_vfs(vfs, nvfs);
	if (alone) {
		printf("\n%-32s %12s %12s %8s\n", "interference", "ALONE IOPS", "TOGETHER", "RATIO");
		for (i = 0; i < nt; i++)
			printf("%-32s %12.0f %12.0f %8.3f\n", t[i].name, alone->per[i].iops,
			       out->per[i].iops,
			       alone->per[i].iops > 0 ? out->per[i].iops / alone->per[i].iops : 0);
	}
}

/* ---- JSON output ------------------------------------------------------------- */

static struct json_object *jnum(double v)
{
	return isfinite(v) ? json_object_new_double(v) : NULL;
}

static struct json_object *jint(uint64_t v)
{
	return json_object_new_int64((int64_t)v);
}

static struct json_object *jstr_or_null(const char *s)
{
	return s && *s ? json_object_new_string(s) : NULL;
}

/* link_gbps: the ceiling the throughput is a share of; 0 unknown */
static struct json_object *json_result(const struct iov_bench_result *r, double link_gbps)
{
	struct json_object *o = json_object_new_object(), *lat, *pct, *h, *cpu;

	json_object_object_add(o, "ios", jint(r->ios));
	json_object_object_add(o, "bytes", jint(r->bytes));
	json_object_object_add(o, "reads", jint(r->reads));
	json_object_object_add(o, "writes", jint(r->writes));
	json_object_object_add(o, "short_ios", jint(r->short_ios));
	json_object_object_add(o, "short_bytes", jint(r->short_bytes));
	json_object_object_add(o, "errors", jint(r->errors));
	json_object_object_add(o, "first_error",
			       r->errors ? json_object_new_string(strerror(-r->first_error)) : NULL);
	json_object_object_add(o, "first_error_offset", r->errors ? jint(r->first_error_off) : NULL);
	json_object_object_add(o, "runtime_ns", jint(r->runtime_ns));
	json_object_object_add(o, "iops", jnum(r->iops));
	json_object_object_add(o, "bw_bytes", jnum(r->bw));
	json_object_object_add(o, "mb_s", jnum(r->bw / 1e6));
	json_object_object_add(o, "link_ceiling_share",
			       link_gbps > 0 ? jnum(r->bw / (link_gbps * 1e9)) : NULL);
	lat = json_object_new_object();
	json_object_object_add(lat, "min", r->hist.count ? jint(r->lat.min_ns) : NULL);
	json_object_object_add(lat, "mean", r->hist.count ? jnum(r->lat.mean_ns) : NULL);
	json_object_object_add(lat, "stddev", r->hist.count ? jnum(r->lat.stddev_ns) : NULL);
	json_object_object_add(lat, "max", r->hist.count ? jint(r->lat.max_ns) : NULL);
	pct = json_object_new_object();
	json_object_object_add(pct, "50", r->hist.count ? jnum(r->lat.p50_ns) : NULL);
	json_object_object_add(pct, "90", r->hist.count ? jnum(r->lat.p90_ns) : NULL);
	json_object_object_add(pct, "99", r->hist.count ? jnum(r->lat.p99_ns) : NULL);
	json_object_object_add(pct, "99.9", r->hist.count ? jnum(r->lat.p999_ns) : NULL);
	json_object_object_add(pct, "99.99", r->hist.count ? jnum(r->lat.p9999_ns) : NULL);
	json_object_object_add(lat, "percentiles", pct);
	json_object_object_add(o, "latency_ns", lat);
	h = json_object_new_object();
	json_object_object_add(h, "type", json_object_new_string("log-linear"));
	json_object_object_add(h, "sub_buckets", json_object_new_int(IOV_HIST_SUB));
	json_object_object_add(h, "max_relative_error", jnum(IOV_HIST_REL_ERROR));
	json_object_object_add(h, "count", jint(r->hist.count));
	json_object_object_add(h, "buckets_used", jint(iov_hist_used_buckets(&r->hist)));
	json_object_object_add(o, "histogram", h);
	cpu = json_object_new_object();
	json_object_object_add(cpu, "usr_s", jnum(r->usr_s));
	json_object_object_add(cpu, "sys_s", jnum(r->sys_s));
	json_object_object_add(cpu, "usr_ns_per_io", r->ios ? jnum(r->usr_s * 1e9 / r->ios) : NULL);
	json_object_object_add(cpu, "sys_ns_per_io", r->ios ? jnum(r->sys_s * 1e9 / r->ios) : NULL);
	json_object_object_add(o, "cpu", cpu);
	if (r->verify_blocks || r->verify_errors) {
		struct json_object *v = json_object_new_object();

		json_object_object_add(v, "blocks", jint(r->verify_blocks));
		json_object_object_add(v, "mismatches", jint(r->verify_errors));
		json_object_object_add(v, "first_bad_offset",
				       r->verify_errors ? jint(r->verify_first_bad) : NULL);
		json_object_object_add(o, "verify", v);
	} else {
		json_object_object_add(o, "verify", NULL);
	}
	return o;
}

static struct json_object *json_cpuset(const struct iov_cpuset *s)
{
	char buf[1024];

	iov_cpuset_format(s, buf, sizeof(buf));
	return json_object_new_string(buf);
}

static struct json_object *json_target(const struct iov_bench_target *t,
				       const struct iov_bench_result *r,
				       const struct iov_bench_result *alone)
{
	static const char *const kinds[] = { "file", "block", "null" };
	struct json_object *o = json_object_new_object(), *d, *p;
	char mm[32];

	json_object_object_add(o, "name", json_object_new_string(t->name));
	json_object_object_add(o, "path", json_object_new_string(t->path));
	json_object_object_add(o, "kind", json_object_new_string(kinds[t->kind]));
	d = json_object_new_object();
	json_object_object_add(d, "block_device", jstr_or_null(t->blk));
	snprintf(mm, sizeof(mm), "%u:%u", t->major, t->minor);
	json_object_object_add(d, "dev", t->kind == IOV_TARGET_NULL ? NULL :
			       json_object_new_string(mm));
	json_object_object_add(d, "size_bytes", jint(t->size));
	json_object_object_add(d, "dio_align", t->dio_align ? jint(t->dio_align) : NULL);
	json_object_object_add(d, "bdf", jstr_or_null(t->bdf));
	json_object_object_add(d, "pf", jstr_or_null(t->pf));
	json_object_object_add(d, "vf_index", t->vf >= 0 && t->pf[0] ? json_object_new_int(t->vf) : NULL);
	json_object_object_add(d, "numa_node", t->numa_node >= 0 ? json_object_new_int(t->numa_node) : NULL);
	json_object_object_add(d, "driver", jstr_or_null(t->driver));
	json_object_object_add(d, "io_poll", json_object_new_boolean(t->io_poll));
	json_object_object_add(d, "nvme_controller", jstr_or_null(t->nvme_ctrl));
	json_object_object_add(d, "nvme_path", jstr_or_null(t->nvme_path));
	json_object_object_add(d, "via", json_object_new_string(t->nvme_path[0] ? "multipath_head" :
							       t->kind == IOV_TARGET_FILE ? "file" :
							       "device"));
	json_object_object_add(d, "link_ceiling_bytes_per_s", t->link_gbps > 0 ?
			       jnum(t->link_gbps * 1e9) : NULL);
	json_object_object_add(d, "link_ceiling_speed_gts", t->link_gbps > 0 ?
			       jnum(t->link_gts) : NULL);
	json_object_object_add(d, "link_ceiling_width", t->link_gbps > 0 ?
			       json_object_new_int(t->link_width) : NULL);
	json_object_object_add(d, "link_ceiling_at", t->link_gbps > 0 ?
			       json_object_new_string(t->link_at) : NULL);
	json_object_object_add(o, "device", d);
	p = json_object_new_object();
	json_object_object_add(p, "pinned", json_object_new_boolean(r->place.pinned));
	json_object_object_add(p, "cpus_allowed", json_cpuset(&r->place.allowed));
	json_object_object_add(p, "cpus_used", json_cpuset(&r->place.used));
	json_object_object_add(p, "buffer_node", r->place.buffer_node >= 0 ?
			       json_object_new_int(r->place.buffer_node) : NULL);
	json_object_object_add(p, "jobs", json_object_new_int((int)r->njobs));
	json_object_object_add(o, "placement", p);
	json_object_object_add(o, "results", json_result(r, t->link_gbps));
	if (alone) {
		struct json_object *i = json_object_new_object();

		json_object_object_add(i, "alone", json_result(alone, t->link_gbps));
		json_object_object_add(i, "together_vs_alone_iops",
				       alone->iops > 0 ? jnum(r->iops / alone->iops) : NULL);
		json_object_object_add(o, "interference", i);
	}
	return o;
}

static struct json_object *json_settings(const struct iov_bench_opts *o)
{
	struct json_object *s = json_object_new_object();
	static const char *const pins[] = { "auto", "cpus", "numa", "none" };
	static const char *const verifies[] = { "none", "write", "only" };

	json_object_object_add(s, "engine", json_object_new_string(o->engine));
	json_object_object_add(s, "rw", json_object_new_string(iov_bench_rw_name(o->rw)));
	json_object_object_add(s, "rwmix_read", o->rw == IOV_BENCH_RANDRW ?
			       json_object_new_int((int)o->rwmix_read) : NULL);
	json_object_object_add(s, "bs", jint(o->bs));
	json_object_object_add(s, "qd", jint(o->qd));
	json_object_object_add(s, "jobs", jint(o->jobs));
	json_object_object_add(s, "runtime_ns", o->runtime_ns ? jint(o->runtime_ns) : NULL);
	json_object_object_add(s, "ramp_ns", jint(o->ramp_ns));
	json_object_object_add(s, "size", o->size ? jint(o->size) : NULL);
	json_object_object_add(s, "ios", o->ios ? jint(o->ios) : NULL);
	json_object_object_add(s, "direct", json_object_new_boolean(o->direct));
	json_object_object_add(s, "fixed_buffers", json_object_new_boolean(o->fixed_buffers));
	json_object_object_add(s, "fixed_files", json_object_new_boolean(o->fixed_files));
	json_object_object_add(s, "sqpoll", json_object_new_boolean(o->sqpoll));
	json_object_object_add(s, "sqpoll_cpu", o->sqpoll_cpu >= 0 ? json_object_new_int(o->sqpoll_cpu) : NULL);
	json_object_object_add(s, "iopoll", json_object_new_boolean(o->iopoll));
	json_object_object_add(s, "batch_submit", o->batch_submit ? jint(o->batch_submit) : NULL);
	json_object_object_add(s, "batch_complete", jint(o->batch_complete ? o->batch_complete : 1));
	json_object_object_add(s, "pin", json_object_new_string(pins[o->pin]));
	json_object_object_add(s, "cpus", o->pin == IOV_BENCH_PIN_CPUS ? json_cpuset(&o->cpus) : NULL);
	json_object_object_add(s, "numa_node", o->pin == IOV_BENCH_PIN_NODE ?
			       json_object_new_int(o->numa_node) : NULL);
	json_object_object_add(s, "verify", json_object_new_string(verifies[o->verify]));
	json_object_object_add(s, "seed", jint(o->seed));
	json_object_object_add(s, "latency", json_object_new_string("submit to completion"));
	return s;
}

static struct json_object *json_host(void)
{
	struct iov_bench_host h;
	struct json_object *o = json_object_new_object();

	iov_bench_host_info(&h);
	json_object_object_add(o, "hostname", jstr_or_null(h.hostname));
	json_object_object_add(o, "kernel", jstr_or_null(h.kernel));
	json_object_object_add(o, "cpus", json_object_new_int(h.cpus));
	json_object_object_add(o, "numa_nodes", h.numa_nodes ? json_object_new_int(h.numa_nodes) : NULL);
	json_object_object_add(o, "iovctl_version", json_object_new_string(PACKAGE_VERSION));
	return o;
}

/* ---- baseline ------------------------------------------------------------------ */

static void baseline_describe(const struct iov_bench_opts *o, char *buf, size_t len)
{
	snprintf(buf, len, "%s bs=%u qd=%u jobs=%u engine=%s direct=%d fixed_buffers=%d",
		 iov_bench_rw_name(o->rw), o->bs, o->qd, o->jobs, o->engine, o->direct,
		 o->fixed_buffers);
}

/*
 * A baseline of other settings measures another job: comparing with it
 * would pass or fail a CI gate for the wrong reason.
 */
static int check_baseline_settings(struct iov_cli *cli, const struct bench_args *a,
				   const struct iov_baseline *base)
{
	char desc[256], was[256], now[256], *sa, *sb, *x, *y;
	size_t lw = 0, ln = 0;

	baseline_describe(&a->o, desc, sizeof(desc));
	if (!base->settings[0] || strcmp(desc, base->settings) == 0)
		return EXIT_OK;
	if (a->baseline_any) {
		cli_warn(cli, "baseline '%s' was taken with other settings: %s", a->baseline,
			 base->settings);
		return EXIT_OK;
	}
	/* name only what differs: "qd=32 jobs=1" against "qd=8 jobs=2" */
	snprintf(was, sizeof(was), "%s", base->settings);
	snprintf(now, sizeof(now), "%s", desc);
	x = strtok_r(was, " ", &sa);
	y = strtok_r(now, " ", &sb);
	for (; x && y; x = strtok_r(NULL, " ", &sa), y = strtok_r(NULL, " ", &sb))
		if (strcmp(x, y)) {
			lw += (size_t)snprintf(desc + lw, lw < 128 ? 128 - lw : 0, "%s%s",
					       lw ? " " : "", x);
			ln += (size_t)snprintf(desc + 128 + ln, ln < 128 ? 128 - ln : 0, "%s%s",
					       ln ? " " : "", y);
		}
	if (x || y || !lw)	/* not the same shape: show both whole */
		return cli_usage_error(cli, "baseline '%s' was taken with other settings (%s), "
				       "not this run's; --baseline-any-settings compares anyway",
				       a->baseline, base->settings);
	return cli_usage_error(cli, "baseline '%s' was taken with %s, this run has %s; "
			       "--baseline-any-settings compares anyway", a->baseline, desc,
			       desc + 128);
}

static int baseline_of(const struct bench_args *a, const struct iov_bench_target *t, size_t nt,
		       const struct bench_outcome *out, struct iov_baseline *b)
{
	size_t i;

	memset(b, 0, sizeof(*b));
	baseline_describe(&a->o, b->settings, sizeof(b->settings));
	b->e = calloc(nt + 1, sizeof(*b->e));
	if (!b->e)
		return -ENOMEM;
	for (i = 0; i <= nt; i++) {
		const struct iov_bench_result *r = i < nt ? &out->per[i] : &out->agg;

		snprintf(b->e[i].name, sizeof(b->e[i].name), "%s", i < nt ? t[i].name : "aggregate");
		b->e[i].iops = r->iops;
		b->e[i].bw = r->bw;
		b->e[i].p99_ns = r->lat.p99_ns;
	}
	/* one target: its aggregate is itself, keep the file short */
	b->n = nt > 1 ? nt + 1 : nt;
	return 0;
}

/* Metrics in the units people read: IOPS, MB/s, microseconds. */
static const char *diff_unit(enum iov_baseline_metric m, double *scale)
{
	switch (m) {
	case IOV_BL_BW:
		*scale = 1e-6;
		return "MB/s";
	case IOV_BL_P99:
		*scale = 1e-3;
		return "p99 us";
	default:
		*scale = 1;
		return "IOPS";
	}
}

static void print_diff_table(FILE *f, const struct iov_baseline_diff *d, size_t n, double tol)
{
	size_t i;

	fprintf(f, "\nbaseline comparison (tolerance %.1f%%)\n", tol);
	fprintf(f, "%-32s %-7s %12s %12s %9s  %s\n", "TARGET", "METRIC", "BASELINE", "CURRENT",
		"CHANGE", "VERDICT");
	for (i = 0; i < n; i++) {
		double sc;
		const char *unit = diff_unit(d[i].metric, &sc);

		if (d[i].missing) {
			fprintf(f, "%-32s %-7s %12.1f %12s %9s  %s\n", d[i].name, unit, d[i].base * sc,
				"-", "-", "MISSING");
			continue;
		}
		fprintf(f, "%-32s %-7s %12.1f %12.1f %+8.1f%%  %s\n", d[i].name, unit, d[i].base * sc,
			d[i].cur * sc, d[i].change_pct, d[i].regression ? "REGRESSION" : "ok");
	}
}

static struct json_object *json_diff(const char *file, double tol, const struct iov_baseline_diff *d,
				     size_t n, int regressions)
{
	struct json_object *o = json_object_new_object(), *arr = json_object_new_array();
	size_t i;

	json_object_object_add(o, "file", json_object_new_string(file));
	json_object_object_add(o, "tolerance_pct", jnum(tol));
	json_object_object_add(o, "regressions", json_object_new_int(regressions));
	for (i = 0; i < n; i++) {
		struct json_object *r = json_object_new_object();

		json_object_object_add(r, "name", json_object_new_string(d[i].name));
		json_object_object_add(r, "metric",
				       json_object_new_string(iov_baseline_metric_name(d[i].metric)));
		json_object_object_add(r, "baseline", jnum(d[i].base));
		json_object_object_add(r, "current", d[i].missing ? NULL : jnum(d[i].cur));
		json_object_object_add(r, "change_pct", d[i].missing ? NULL : jnum(d[i].change_pct));
		json_object_object_add(r, "regression", json_object_new_boolean(d[i].regression));
		json_object_array_add(arr, r);
	}
	json_object_object_add(o, "diff", arr);
	return o;
}

/* ---- running ------------------------------------------------------------------- */

static const char *phase_name(enum iov_bench_phase ph)
{
	switch (ph) {
	case IOV_BENCH_PH_SETUP:
		return "setup";
	case IOV_BENCH_PH_RAMP:
		return "ramp";
	case IOV_BENCH_PH_RUN:
		return "run";
	case IOV_BENCH_PH_VERIFY:
		return "verify";
	default:
		return "done";
	}
}

/* One interval's latency percentiles into JSON: the keys of the results'. */
static struct json_object *json_interval_pct(const struct iov_hist *h)
{
	static const struct { const char *key; double p; } ps[] = {
		{ "50", 50 }, { "90", 90 }, { "99", 99 }, { "99.9", 99.9 }, { "99.99", 99.99 },
	};
	struct json_object *o = json_object_new_object();
	size_t i;

	for (i = 0; i < sizeof(ps) / sizeof(ps[0]); i++)
		json_object_object_add(o, ps[i].key,
				       h->count ? jnum(iov_hist_percentile(h, ps[i].p)) : NULL);
	return o;
}

/* One interval line: the I/Os completed in it, its rates and latencies. */
static void print_interval(struct iov_cli *cli, bool tty, struct bench_outcome *out,
			   const struct iov_bench_interval *iv)
{
	double dt = (iv->end_ns - iv->start_ns) / 1e9;
	double iops = dt > 0 ? iv->ios / dt : 0, mbs = dt > 0 ? iv->bytes / dt / 1e6 : 0;
	double mean = iv->ios ? (double)iv->lat_sum_ns / iv->ios : 0;
	const struct iov_hist *lat = &iv->hist;

	if (cli->json) {
		struct json_object *o = json_object_new_object();

		json_object_object_add(o, "t_ns", jint(iv->end_ns));
		json_object_object_add(o, "start_ns", jint(iv->start_ns));
		json_object_object_add(o, "deadline_ns", jint(iv->deadline_ns));
		json_object_object_add(o, "partial", json_object_new_boolean(iv->partial));
		json_object_object_add(o, "ios", jint(iv->ios));
		json_object_object_add(o, "iops", jnum(iops));
		json_object_object_add(o, "bw_bytes", jnum(mbs * 1e6));
		json_object_object_add(o, "lat_mean_ns", iv->ios ? jnum(mean) : NULL);
		json_object_object_add(o, "lat_percentiles_ns", json_interval_pct(lat));
		json_object_object_add(o, "errors", jint(iv->errors));
		json_object_array_add(out->intervals, o);
		return;
	}
	if (tty)
		fputs("\r\033[K", stderr);
	printf("[%7.1fs] %10.0f IOPS %9.1f MB/s  ", iv->end_ns / 1e9, iops, mbs);
	if (iv->ios && lat->count) {
		char lb[3][32];

		printf("lat mean %s p50 %s p99 %s", fmt_lat(lb[0], 32, mean),
		       fmt_lat(lb[1], 32, iov_hist_percentile(lat, 50)),
		       fmt_lat(lb[2], 32, iov_hist_percentile(lat, 99)));
	} else {
		printf("lat mean -");
	}
	/* a short last interval: its rates are over its own length */
	if (iv->partial)
		printf("  (partial, %.2fs)", dt);
	putchar('\n');
	fflush(stdout);
}

static void print_progress(const struct bench_args *a, struct iov_bench_run *run)
{
	double total = (a->o.runtime_ns + a->o.ramp_ns) / 1e9, el;
	struct iov_bench_progress p;

	iov_bench_progress(run, &p);
	el = p.elapsed_ns / 1e9;
	fprintf(stderr, "\r\033[K%s %.1fs", phase_name(p.phase), el);
	if (total > 0)
		fprintf(stderr, "/%.3gs", total);
	fprintf(stderr, "  %.0f IOPS  %.1f MB/s  %llu errors", el > 0 ? p.ios / el : 0,
		el > 0 ? p.bytes / el / 1e6 : 0, (unsigned long long)p.errors);
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
		print_settings(&a->o, hdr->nt);
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
	struct vf_group *vfs = NULL;
	struct sigaction sa;
	size_t nt = 0, ndiff = 0, nvfs = 0, i;
	int regressions = 0, code, r;

	if (a.baseline) {
		r = iov_baseline_load(a.baseline, &base);
		if (r < 0) {
			cli_err(r == -EINVAL ? "cannot use '%s' as a baseline: not an iovctl bench baseline" :
				"cannot read baseline '%s': %s", a.baseline, strerror(-r));
			return EXIT_RUNTIME;
		}
		code = check_baseline_settings(cli, &a, &base);
		if (code)
			goto out;
	}
	code = resolve_targets(cli, ctx, &a, &t, &nt);
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
		if (baseline_of(&a, t, nt, &out, &cur) < 0) {
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

	if (a.all_vfs) {
		vfs = group_vfs(t, nt, &out, a.o.bs, &nvfs);
		if (!vfs) {
			code = EXIT_RUNTIME;
			goto out;
		}
	}
	if (cli->json) {
		struct json_object *b = json_object_new_object(), *arr = json_object_new_array();

		root = json_object_new_object();
		json_object_object_add(root, "schema_version", json_object_new_int(1));
		json_object_object_add(root, "bench", b);
		json_object_object_add(b, "settings", json_settings(&a.o));
		json_object_object_add(b, "host", json_host());
		for (i = 0; i < nt; i++)
			json_object_array_add(arr, json_target(&t[i], &out.per[i],
							       alone.per ? &alone.per[i] : NULL));
		json_object_object_add(b, "targets", arr);
		json_object_object_add(b, "aggregate", json_result(&out.agg, common_link(t, nt) ?
								  common_link(t, nt)->link_gbps : 0));
		if (vfs) {
			struct json_object *va = json_object_new_array();

			for (i = 0; i < nvfs; i++) {
				struct json_object *v = json_object_new_object(), *names;
				size_t k;

				json_object_object_add(v, "vf_index", json_object_new_int(vfs[i].t->vf));
				json_object_object_add(v, "bdf", json_object_new_string(vfs[i].t->bdf));
				names = json_object_new_array();
				for (k = 0; k < vfs[i].n; k++)
					json_object_array_add(names,
						json_object_new_string(t[vfs[i].first + k].name));
				json_object_object_add(v, "targets", names);
				json_object_object_add(v, "results",
						       json_result(&vfs[i].res, vfs[i].t->link_gbps));
				json_object_array_add(va, v);
			}
			json_object_object_add(b, "vfs", va);
		} else {
			json_object_object_add(b, "vfs", NULL);
		}
		if (nt > 1) {
			struct json_object *fair = json_object_new_object();

			json_object_object_add(fair, "metric", json_object_new_string("iops"));
			json_object_object_add(fair, "over", json_object_new_string(vfs ? "vfs" : "targets"));
			json_object_object_add(fair, "jain_index", jnum(vfs ? jain_of_vfs(vfs, nvfs) :
										jain_of(out.per, nt)));
			json_object_object_add(b, "fairness", fair);
		} else {
			json_object_object_add(b, "fairness", NULL);
		}
		json_object_object_add(b, "intervals", out.intervals);
		out.intervals = NULL;
		json_object_object_add(b, "interrupted", json_object_new_boolean(out.interrupted));
		json_object_object_add(b, "baseline", a.baseline && !out.interrupted ?
				       json_diff(a.baseline, a.tolerance, diff, ndiff, regressions) : NULL);
		puts(json_object_to_json_string_ext(root, JSON_C_TO_STRING_PRETTY |
						    JSON_C_TO_STRING_NOSLASHESCAPE));
	} else {
		if (!hdr.printed)	/* a run stopped before it started */
			print_settings(&a.o, nt);
		print_text(&a, t, nt, &out, alone.per ? &alone : NULL, vfs, nvfs);
		if (a.baseline && !out.interrupted)
			print_diff_table(stdout, diff, ndiff, a.tolerance);
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
