// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libFuzzer harness: the parsers of sysfs attribute text and of the
 * strings users type, through the library's API.
 *
 * First byte even: the rest, as a string, goes to every string parser
 * (integers, addresses, -s/-d selectors, CPU lists, sizes, times).
 * First byte odd: the rest is split at 0x1e (ASCII record separator) into
 * the attribute files of one PCI function (and the host's node list) in a
 * scratch sysfs tree, which is then scanned, judged and laid out as a tree:
 * iov_scan(), iov_findings_run(), iov_topo_build(). NUL bytes, missing
 * newlines and huge numbers all reach the readers as they would from disk.
 */
#include "iov.h"
#include "iov-bench.h"
#include "iov-private.h"
#include "iov-snapshot.h"
#include "iov-topology.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define DEV "0000:00:01.0"
#define DEVDIR "devices/pci0000:00/" DEV

/* attribute files, in the order the input's records fill them (the last: config) */
static const char *const attrs[] = {
	DEVDIR "/numa_node", DEVDIR "/local_cpulist", "devices/system/node/online",
	DEVDIR "/current_link_speed", DEVDIR "/max_link_speed", DEVDIR "/current_link_width",
	DEVDIR "/max_link_width", DEVDIR "/resource", DEVDIR "/aer_dev_correctable",
	DEVDIR "/aer_dev_nonfatal", DEVDIR "/aer_dev_fatal", DEVDIR "/sriov_totalvfs",
	DEVDIR "/sriov_numvfs", DEVDIR "/sriov_offset", DEVDIR "/sriov_stride",
	DEVDIR "/sriov_vf_device", DEVDIR "/sriov_drivers_autoprobe", DEVDIR "/irq",
	DEVDIR "/power_state", DEVDIR "/reset_method", DEVDIR "/vendor", DEVDIR "/device",
	DEVDIR "/class", DEVDIR "/revision", DEVDIR "/subsystem_vendor",
	DEVDIR "/subsystem_device", DEVDIR "/sriov_vf_msix_count", DEVDIR "/config",
};
#define NATTRS (sizeof(attrs) / sizeof(attrs[0]))

static char root[PATH_MAX];

static void die(const char *what)
{
	perror(what);
	abort();
}

static void at(char *buf, const char *rel)
{
	if ((size_t)snprintf(buf, PATH_MAX, "%s/%s", root, rel) >= PATH_MAX)
		abort();
}

static void mkdir_at(const char *rel)
{
	char p[PATH_MAX];

	at(p, rel);
	if (mkdir(p, 0755) < 0 && errno != EEXIST)
		die(p);
}

static void write_at(const char *rel, const void *buf, size_t n)
{
	char p[PATH_MAX];
	int fd;

	at(p, rel);
	fd = open(p, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		die(p);
	if (n && write(fd, buf, n) != (ssize_t)n)
		die(p);
	close(fd);
}

static void cleanup(void)
{
	char cmd[PATH_MAX + 16];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
	if (system(cmd) != 0)
		fprintf(stderr, "fuzz_attr: could not remove %s\n", root);
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* one function under one host bridge, in an IOMMU group, on a 1-node host */
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *tmp = getenv("TMPDIR");
	char p[PATH_MAX];

	/* tmpfs: on a disk file system, rewriting 28 files costs a journal commit */
	if (access("/dev/shm", W_OK) == 0)
		tmp = "/dev/shm";
	snprintf(root, sizeof(root), "%s/fuzz-attr.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(root))
		die(root);
	atexit(cleanup);
	mkdir_at("devices");
	mkdir_at("devices/pci0000:00");
	mkdir_at(DEVDIR);
	mkdir_at("devices/system");
	mkdir_at("devices/system/node");
	mkdir_at("bus");
	mkdir_at("bus/pci");
	mkdir_at("bus/pci/devices");
	mkdir_at("kernel");
	mkdir_at("kernel/iommu_groups");
	mkdir_at("kernel/iommu_groups/7");
	mkdir_at("kernel/iommu_groups/7/devices");
	at(p, "bus/pci/devices/" DEV);
	if (symlink("../../../" DEVDIR, p) < 0)
		die(p);
	at(p, DEVDIR "/iommu_group");
	if (symlink("../../../kernel/iommu_groups/7", p) < 0)
		die(p);
	at(p, "kernel/iommu_groups/7/devices/" DEV);
	if (symlink("../../../../" DEVDIR, p) < 0)
		die(p);
	return 0;
}

/* rewrite attribute k only when it changes: most inputs differ in one record */
static void update(size_t k, const void *buf, size_t n)
{
	static void *last[NATTRS];
	static size_t last_len[NATTRS];
	static bool written[NATTRS];
	void *copy;

	if (written[k] && last_len[k] == n && (!n || memcmp(last[k], buf, n) == 0))
		return;
	write_at(attrs[k], buf, n);
	copy = realloc(last[k], n ? n : 1);
	if (!copy)
		abort();
	if (n)
		memcpy(copy, buf, n);
	last[k] = copy;
	last_len[k] = n;
	written[k] = true;
}

static void strings(const char *s)
{
	struct iov_bdf bdf, again;
	struct iov_filter *flt;
	const char *why;
	struct iov_cpuset cpus;
	enum iov_bench_rw rw;
	char buf[IOV_BDF_STRLEN];
	long long v;
	uint64_t u, mask[IOV_CPU_WORDS];
	unsigned vf;

	iov_parse_int(s, &v);
	if (iov_bdf_parse(s, &bdf) == 0) {
		/* what we print, we read back */
		iov_bdf_format(&bdf, buf);
		if (iov_bdf_parse(buf, &again) != 0 || iov_bdf_cmp(&bdf, &again) != 0)
			__builtin_trap();
	}
	/* the parsers are libpci's; our wrapper copies and keeps a failed parse out */
	flt = iov_filter_new();
	if (flt) {
		iov_filter_slot(flt, s, &why);
		iov_filter_id(flt, s, &why);
		iov_filter_free(flt);
	}
	if (iov_cpuset_parse(&cpus, s) == 0) {
		char list[4096];

		iov_cpuset_format(&cpus, list, sizeof(list));
	}
	iov_bench_parse_time(s, &u);
	iov_bench_parse_rw(s, &rw);
	iov_parse_size(s, &u);
	iov_cpulist_parse(s, mask, IOV_CPU_WORDS);
	if (iov_vf_ref_parse_why(s, &bdf, &vf) == IOV_ADDR_OK && !iov_vf_ref_shaped(s))
		__builtin_trap();
}

static void tree(const uint8_t *data, size_t size)
{
	struct iov_ctx *ctx = NULL;
	struct iov_devlist *list = NULL;
	struct iov_findings f = { 0 };
	struct iov_topo *t = NULL;
	size_t i, start = 0, k = 0;

	for (i = 0; i <= size && k < NATTRS; i++) {
		if (i < size && data[i] != 0x1e)
			continue;
		update(k++, data + start, i - start);
		start = i + 1;
	}
	for (; k < NATTRS; k++)
		update(k, "", 0);
	if (iov_ctx_new(&ctx, root, NULL) < 0)
		abort();
	if (iov_scan(ctx, 0, &list) == 0) {
		if (iov_findings_run(ctx, list, &f) == 0)
			iov_findings_free(&f);
		if (iov_topo_build(list, &t) == 0)
			iov_topo_free(t);
		iov_devlist_free(list);
	}
	iov_ctx_free(ctx);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s;

	if (size < 1)
		return 0;
	if (data[0] & 1) {
		tree(data + 1, size - 1);
		return 0;
	}
	s = malloc(size);
	if (!s)
		return 0;
	memcpy(s, data + 1, size - 1);
	s[size - 1] = '\0';
	strings(s);
	free(s);
	return 0;
}
