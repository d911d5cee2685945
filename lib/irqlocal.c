// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Interrupt locality: which CPUs serve a function's MSI/MSI-X vectors
 * (/proc/irq/N/effective_affinity_list under the proc root) against the CPUs
 * of its NUMA node (devices/system/node/nodeX/cpulist).
 */
#include "iov-host.h"
#include "iov-private.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool intersects(const uint64_t *a, const uint64_t *b, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (a[i] & b[i])
			return true;
	return false;
}

static int irq_locality_read(struct iov_ctx *ctx, const struct iov_dev *d, struct iov_irq_locality *out)
{
	uint64_t node[IOV_CPU_WORDS], eff[IOV_CPU_WORDS];
	char path[PATH_MAX], buf[4096];
	struct dirent *de;
	DIR *dir;

	memset(out, 0, sizeof(*out));
	out->first_remote_irq = -1;
	if (d->numa_node < 0 || !iov_ctx_proc_root(ctx))
		return -ENODATA;
	if (iov_sysfs_read_str(ctx, buf, sizeof(buf), "devices/system/node/node%d/cpulist", d->numa_node) < 0 ||
	    iov_cpulist_parse(buf, node, IOV_CPU_WORDS) < 0)
		return -ENODATA;
	out->node_cpus_known = true;
	snprintf(out->node_cpus, sizeof(out->node_cpus), "%.63s", buf);
	if (iov_sysfs_path(ctx, path, sizeof(path), "bus/pci/devices/%s/msi_irqs", d->addr) < 0)
		return -ENAMETOOLONG;
	dir = opendir(path);
	if (!dir)
		return 0;	/* no vectors allocated */
	while ((de = readdir(dir))) {
		long long irq;

		if (de->d_name[0] == '.' || iov_parse_int(de->d_name, &irq) < 0)
			continue;
		out->vectors++;
		if (iov_proc_path(ctx, path, sizeof(path), "irq/%lld/effective_affinity_list", irq) < 0 ||
		    iov_read_file(path, buf, sizeof(buf)) < 0 ||
		    iov_cpulist_parse(buf, eff, IOV_CPU_WORDS) < 0)
			continue;
		out->known++;
		if (intersects(eff, node, IOV_CPU_WORDS))
			continue;
		out->remote++;
		/* the lowest remote IRQ, so the message is stable */
		if (out->first_remote_irq < 0 || irq < out->first_remote_irq) {
			out->first_remote_irq = (int)irq;
			snprintf(out->first_remote_cpus, sizeof(out->first_remote_cpus), "%.31s", buf);
		}
	}
	closedir(dir);
	return 0;
}

/*
 * Kept on the function: findings and inspect -j both ask, and each asking
 * reads msi_irqs/ and every vector's affinity (4,000 files on a large host).
 */
int iov_irq_locality(struct iov_ctx *ctx, struct iov_dev *d, struct iov_irq_locality *out)
{
	if (!d->irq_locality) {
		struct iov_irq_locality *l = malloc(sizeof(*l));

		if (!l)
			return -ENOMEM;
		d->irq_locality_rc = irq_locality_read(ctx, d, l);
		d->irq_locality = l;
	}
	*out = *d->irq_locality;
	return d->irq_locality_rc;
}
