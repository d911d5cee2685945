// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Findings about VFIO group viability and about PFs that cannot enable
 * their VFs (see iov_vf_block() for the reasons read).
 */
#include "iov-host.h"
#include "iov-private.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

bool iov_driver_is_vfio(const char *drv)
{
	/* vfio-pci and its variant drivers: mlx5_vfio_pci, hisi_acc_vfio_pci, ... */
	return drv && (strcmp(drv, "vfio-pci") == 0 || strstr(drv, "vfio_pci") ||
		       strstr(drv, "vfio-pci"));
}

/*
 * Whether a group member keeps VFIO from opening the group: bound to a
 * driver that neither is VFIO nor gives up DMA ownership (pci-stub and
 * pcieport do; bridges never count), as vfio's viability check judges.
 */
static bool blocks_vfio(const struct iov_dev *d)
{
	if (!d->driver || d->is_bridge || iov_driver_is_vfio(d->driver))
		return false;
	return strcmp(d->driver, "pci-stub") != 0 && strcmp(d->driver, "pcieport") != 0;
}

/* Append "s" to buf with a separator; never overflows. */
static void append(char *buf, size_t len, const char *sep, const char *s)
{
	size_t used = strlen(buf);

	if (used < len)
		snprintf(buf + used, len - used, "%s%s", used ? sep : "", s);
}

static int group_viable(const struct iov_group *g, struct iov_findings *out)
{
	char vfio[256] = "", blockers[512] = "", msg[1024], hint[256], item[64];
	struct iov_subject subj = { .kind = IOV_SUBJECT_GROUP, .group = g->id, .devs = g->members,
				    .ndevs = g->n };
	struct iov_dev *first_vfio = NULL, *first_block = NULL;
	unsigned i, nb = 0;

	for (i = 0; i < g->n; i++) {
		struct iov_dev *d = g->members[i];

		if (iov_driver_is_vfio(d->driver)) {
			if (!first_vfio)
				first_vfio = d;
			snprintf(item, sizeof(item), "%s (%s)", d->addr, d->driver);
			append(vfio, sizeof(vfio), ", ", item);
		} else if (blocks_vfio(d)) {
			if (!first_block)
				first_block = d;
			nb++;
			snprintf(item, sizeof(item), "%s (%s)", d->addr, d->driver);
			append(blockers, sizeof(blockers), ", ", item);
		}
	}
	if (!first_vfio || !first_block)
		return 0;
	snprintf(msg, sizeof(msg),
		 "VFIO cannot open IOMMU group %d: %s %s on VFIO but %s %s bound to a host driver",
		 g->id, vfio, strchr(vfio, ',') ? "are" : "is", blockers, nb == 1 ? "is" : "are");
	snprintf(hint, sizeof(hint),
		 "unbind it (echo %s > /sys/bus/pci/devices/%s/driver/unbind), or bind it to vfio-pci too",
		 first_block->addr, first_block->addr);
	subj.dev = first_vfio;
	return iov_finding_raise(out, IOV_F_GROUP_NOT_VIABLE, &subj, hint, "%s", msg);
}

int iov_rule_group_viable(const struct iov_devlist *list, struct iov_findings *out)
{
	size_t g;
	int r = 0;

	for (g = 0; g < list->ngroups && r == 0; g++)
		r = group_viable(&list->groups[g], out);
	return r;
}

int iov_rule_pf_no_driver(const struct iov_devlist *list, struct iov_dev *d, struct iov_findings *out)
{
	struct iov_vf_block b;

	iov_vf_block(list, d, &b);
	if (!b.applies || !b.no_driver)
		return 0;
	return iov_finding_fn(out, IOV_F_PF_NO_DRIVER, d, NULL,
			       "%s", "VFs cannot be enabled: the PF has no driver, and VFs are created by the PF driver's sriov_configure");
}

int iov_rule_vf_bus_range(const struct iov_devlist *list, struct iov_dev *d, struct iov_findings *out)
{
	struct iov_vf_block b;
	char msg[256];

	iov_vf_block(list, d, &b);
	if (!b.applies || !b.bus_range)
		return 0;
	snprintf(msg, sizeof(msg),
		 "not enough bus numbers: the last VF would be on bus %02x, beyond bus %02x, the subordinate bus of %s; only %u of %u VFs fit",
		 b.last_vf_bus, b.subordinate, b.bridge->addr, b.vfs_fit,
		 (unsigned)d->sriov.total_vfs);
	return iov_finding_fn(out, IOV_F_VF_BUS_RANGE, d, NULL,
			       "%s", msg);
}

/* Most of a function's vectors served off its NUMA node: every interrupt crosses the interconnect. */
static int irq_locality(struct iov_ctx *ctx, struct iov_dev *d, struct iov_findings *out)
{
	struct iov_irq_locality l;
	char msg[256], hint[256];

	if (iov_irq_locality(ctx, d, &l) < 0 || !l.known || l.remote * 2 <= l.known)
		return 0;
	snprintf(msg, sizeof(msg),
		 "%u of %u %s vectors are served outside NUMA node %d (CPUs %s), e.g. IRQ %d on CPU %s",
		 l.remote, l.known, d->msix_irqs ? "MSI-X" : "MSI", d->numa_node, l.node_cpus,
		 l.first_remote_irq, l.first_remote_cpus);
	snprintf(hint, sizeof(hint),
		 "run irqbalance (it follows the driver's affinity hints), or pin them: echo %s > /proc/irq/%d/smp_affinity_list",
		 l.node_cpus, l.first_remote_irq);
	return iov_finding_fn(out, IOV_F_IRQ_REMOTE, d, hint, "%s", msg);
}

int iov_rule_irq_locality(struct iov_ctx *ctx, const struct iov_devlist *list, struct iov_findings *out)
{
	size_t i;
	int r = 0;

	if (!ctx)
		return 0;
	for (i = 0; i < list->n && r == 0; i++)
		r = irq_locality(ctx, list->dev[i], out);
	return r;
}

/* An enabled NVMe VF whose secondary controller is offline or has no queues cannot bind. */
static int nvme_vfs(struct iov_ctx *ctx, struct iov_dev *pf, struct iov_findings *out)
{
	struct iov_nvme_sec_list l;
	char ctrl[32] = "nvmeX", msg[256], hint[512];
	unsigned i;
	int r = 0;

	if (!pf->nvfs || iov_nvme_secondary(ctx, pf, &l) < 0)
		return 0;	/* unknown (not root, not recorded): say nothing */
	iov_nvme_ctrl_of(ctx, pf->addr, ctrl, sizeof(ctrl));
	for (i = 0; i < pf->nvfs && r == 0; i++) {
		const struct iov_nvme_sec *e = iov_nvme_sec_of_vf(&l, i);

		if (!pf->vfs[i] || !e || (e->online && e->nvq && e->nvi))
			continue;
		snprintf(msg, sizeof(msg),
			 "its NVMe secondary controller 0x%04x is %s with %u VQ and %u VI resources: the nvme driver cannot %s",
			 e->scid, e->online ? "online" : "offline", e->nvq, e->nvi,
			 pf->vfs[i]->driver ? "use it" : "bind it");
		snprintf(hint, sizeof(hint),
			 "with the VF unbound, on the PF: nvme virt-mgmt /dev/%s -c %u -r 0 -a 8 -n 2; nvme virt-mgmt /dev/%s -c %u -r 1 -a 8 -n 1; nvme virt-mgmt /dev/%s -c %u -a 9 (the primary must have spare flexible resources)",
			 ctrl, e->scid, ctrl, e->scid, ctrl, e->scid);
		r = iov_finding_fn(out, IOV_F_VF_NVME_OFFLINE, pf->vfs[i], hint, "%s", msg);
	}
	return r;
}

int iov_rule_nvme_secondary(struct iov_ctx *ctx, const struct iov_devlist *list, struct iov_findings *out)
{
	size_t i;
	int r = 0;

	if (!ctx)
		return 0;
	for (i = 0; i < list->n && r == 0; i++)
		r = nvme_vfs(ctx, list->dev[i], out);
	return r;
}

/*
 * A VF bound to a driver whose link the PF holds down (ip link ... vf N
 * state disable): the guest or iavf sees no carrier whatever the wire does.
 * A VF nobody uses is left alone: disabling it may be the admin's quarantine.
 */
static int net_vfs(struct iov_ctx *ctx, struct iov_dev *pf, struct iov_findings *out)
{
	static struct iov_net_vf_list l;
	char hint[128];
	unsigned i;
	int r = 0;

	if (!pf->nvfs || iov_net_vfs(ctx, pf, &l) < 0)
		return 0;	/* unknown (no netdev here, not recorded): say nothing */
	for (i = 0; i < l.n && r == 0; i++) {
		const struct iov_net_vf *e = &l.e[i];
		struct iov_dev *vf = e->vf < pf->nvfs ? pf->vfs[e->vf] : NULL;

		if (!vf || !vf->driver || e->link_state != IOV_NET_LINK_DISABLE)
			continue;
		snprintf(hint, sizeof(hint), "if that is not meant: ip link set dev %s vf %u state auto",
			 l.netdev, e->vf);
		r = iov_finding_fn(out, IOV_F_VF_LINK_DISABLED, vf, hint,
				     "%s holds VF %u's link down (link-state disable): the VF, bound to %s, gets no carrier",
				     l.netdev, e->vf, vf->driver);
	}
	return r;
}

int iov_rule_net_vfs(struct iov_ctx *ctx, const struct iov_devlist *list, struct iov_findings *out)
{
	size_t i;
	int r = 0;

	if (!ctx)
		return 0;
	for (i = 0; i < list->n && r == 0; i++)
		r = net_vfs(ctx, list->dev[i], out);
	return r;
}
