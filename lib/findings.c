// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Findings: what is wrong and how to fix it. Each rule has a stable ID and
 * looks only at facts that were actually read; a function whose config
 * space was not readable never produces a finding from config data.
 */
#include "iov-private.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const struct iov_rule iov_rules[] = {
	{ "iommu-off", IOV_SEV_WARNING, "no IOMMU groups: passthrough and VF isolation impossible" },
	{ "group-not-isolated", IOV_SEV_WARNING, "an IOMMU group holds several endpoints" },
	{ "sriov-no-vfs", IOV_SEV_WARNING, "SR-IOV capable but TotalVFs is 0" },
	{ "vf-bar-unassigned", IOV_SEV_ERROR, "VF BARs have no address space assigned" },
	{ "vfs-without-ari", IOV_SEV_WARNING, "more than 7 VFs without ARI" },
	{ "vf-rid-mismatch", IOV_SEV_ERROR, "virtfn links disagree with First VF Offset / VF Stride" },
	{ "vf-unbound", IOV_SEV_WARNING, "enabled VFs without a driver" },
	{ "autoprobe-off", IOV_SEV_INFO, "sriov_drivers_autoprobe is 0" },
	{ "vf-msix-zero", IOV_SEV_WARNING, "a VF has no MSI-X vectors assigned" },
	{ "link-downtrained", IOV_SEV_WARNING, "link runs below what both ends support" },
	{ "link-slot-limited", IOV_SEV_INFO, "the slot or port limits the device's link" },
	{ "numa-unknown", IOV_SEV_WARNING, "NUMA node unknown on a multi-node host" },
	{ "aer-errors", IOV_SEV_WARNING, "non-zero AER error counters" },
	{ "power-d3", IOV_SEV_WARNING, "function is in D3 (powered down)" },
	{ "group-not-viable", IOV_SEV_ERROR, "VFIO cannot open the group: a member is bound to a host driver" },
	{ "pf-no-driver", IOV_SEV_WARNING, "SR-IOV PF without a driver cannot enable VFs" },
	{ "vf-bus-range", IOV_SEV_ERROR, "VFs need bus numbers beyond the upstream bridge's range" },
	{ "irq-remote", IOV_SEV_WARNING, "most MSI/MSI-X vectors are served outside the function's NUMA node" },
	{ "vf-nvme-offline", IOV_SEV_ERROR, "an NVMe VF's secondary controller is offline or has no queues" },
	{ "vf-link-disabled", IOV_SEV_WARNING, "a VF in use has its link forced down by the PF (link-state disable)" },
	{ "caps-malformed", IOV_SEV_WARNING, "capability list is malformed" },
	{ "config-limited", IOV_SEV_INFO, "config space beyond 64 bytes unreadable (not root)" },
	{ "siov-no-pasid", IOV_SEV_WARNING, "Scalable IOV without a PASID capability" },
	{ "siov-pasid-off", IOV_SEV_WARNING, "Scalable IOV function bound but PASID disabled" },
	{ "siov-page-size", IOV_SEV_WARNING, "Scalable IOV System Page Size not one supported size" },
	{ "siov-no-scalable-mode", IOV_SEV_WARNING, "Scalable IOV function but no IOMMU in scalable mode" },
	{ "siov-no-iommufd", IOV_SEV_INFO, "Scalable IOV function but iommufd (/dev/iommu) not loaded" },
	{ "mriov-present", IOV_SEV_INFO, "MR-IOV capability: only an MR-aware switch's management host can use it" },
	{ "ntb-no-driver", IOV_SEV_WARNING, "non-transparent bridge without its driver or NTB device" },
	{ "ntb-group-shared", IOV_SEV_WARNING, "non-transparent bridge shares its IOMMU group with endpoints" },
	{ "vf-variant-available", IOV_SEV_WARNING, "VFs on plain vfio-pci although a migration-capable variant driver matches" },
	{ "adapter-serial-mismatch", IOV_SEV_INFO, "functions of one card report different serial numbers" },
	{ "storage-no-driver", IOV_SEV_WARNING, "an FC, FCoE or iSCSI function has no driver" },
	{ "fc-host-offline", IOV_SEV_WARNING, "an fc_host port is not Online" },
	{ "rdma-port-down", IOV_SEV_WARNING, "an InfiniBand/RoCE port is not ACTIVE" },
	{ "fcoe-no-fcf", IOV_SEV_WARNING, "an FCoE controller found no Fibre Channel Forwarder" },
	{ "fcoe-fabric-disconnected", IOV_SEV_WARNING, "an FCoE controller's FCF is not Connected" },
	{ "switch-partitioned", IOV_SEV_WARNING, "switch partitioned among hosts: reset or firmware update touches them all" },
	{ NULL, 0, NULL },
};

const char *iov_severity_str(enum iov_severity s)
{
	switch (s) {
	case IOV_SEV_INFO:
		return "info";
	case IOV_SEV_WARNING:
		return "warning";
	case IOV_SEV_ERROR:
		return "error";
	}
	return "?";
}

static const struct iov_rule *rule(const char *id)
{
	const struct iov_rule *r;

	for (r = iov_rules; r->id; r++)
		if (strcmp(r->id, id) == 0)
			return r;
	return NULL;
}

static char *vfmt(const char *fmt, va_list ap)
{
	char *s = NULL;

	if (vasprintf(&s, fmt, ap) < 0)
		return NULL;
	return s;
}

static int vadd(struct iov_findings *out, const char *id, enum iov_severity sev, struct iov_dev *dev,
		const char *hint, const char *fmt, va_list ap)
{
	struct iov_finding *nf, *f;

	nf = realloc(out->f, (out->n + 1) * sizeof(*nf));
	if (!nf)
		return -ENOMEM;
	out->f = nf;
	f = &nf[out->n];
	memset(f, 0, sizeof(*f));
	f->id = rule(id)->id;
	f->severity = sev;
	f->dev = dev;
	f->message = vfmt(fmt, ap);
	f->hint = hint ? strdup(hint) : NULL;
	if (!f->message)
		return -ENOMEM;
	out->n++;
	return 0;
}

/* Add a finding: message then hint (hint may be NULL), printf-style each. */
static int add(struct iov_findings *out, const char *id, enum iov_severity sev, struct iov_dev *dev,
	       const char *hint, const char *fmt, ...) __attribute__((format(printf, 6, 7)));

static int add(struct iov_findings *out, const char *id, enum iov_severity sev, struct iov_dev *dev,
	       const char *hint, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vadd(out, id, sev, dev, hint, fmt, ap);
	va_end(ap);
	return r;
}

int iov_findings_add(struct iov_findings *out, const char *id, enum iov_severity sev,
		     struct iov_dev *dev, const char *hint, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vadd(out, id, sev, dev, hint, fmt, ap);
	va_end(ap);
	return r;
}

static bool full_config(const struct iov_dev *d)
{
	return d->cfg.len >= IOV_CFG_SIZE;
}

static int rule_iommu(const struct iov_devlist *list, struct iov_findings *out)
{
	/* a kernel/iommu_groups we could not read says nothing about the IOMMU */
	if (list->iommu_groups_present || list->iommu_groups_errno || !list->n)
		return 0;
	return add(out, "iommu-off", IOV_SEV_WARNING, NULL,
		   "enable VT-d / AMD-Vi in the firmware and boot with intel_iommu=on (or amd_iommu=on) iommu=pt",
		   "no IOMMU groups: the IOMMU is off or absent, so no function can be passed through safely");
}

static bool is_endpoint(const struct iov_dev *d)
{
	return !d->is_bridge && (d->class_code >> 16) != 0x06;
}

/* What VFIO needs bound to it before a group can be passed through: all but bridges. */
static bool needs_vfio(const struct iov_dev *d)
{
	return !d->is_bridge;
}

static int rule_groups(const struct iov_devlist *list, struct iov_findings *out)
{
	size_t g;
	int r = 0;

	for (g = 0; g < list->ngroups && r == 0; g++) {
		const struct iov_group *grp = &list->groups[g];
		struct iov_dev *first = NULL;
		struct iov_isolation iso;
		char members[512] = "", why[256] = "";
		unsigned i, endpoints = 0;
		size_t len = 0;

		for (i = 0; i < grp->n; i++) {
			if (!needs_vfio(grp->members[i]))
				continue;
			if (!first)
				first = grp->members[i];
			endpoints++;
			len += snprintf(members + len, len < sizeof(members) ? sizeof(members) - len : 0,
					"%s%s", len ? ", " : "", grp->members[i]->addr);
		}
		if (endpoints < 2)
			continue;
		if (iov_isolation(list, first, &iso) < 0)
			return -ENOMEM;
		for (i = 0, len = 0; i < iso.nreasons && len < sizeof(why); i++)
			len += snprintf(why + len, sizeof(why) - len, "%s%s %s", i ? "; " : " (",
					iso.reason[i].kind == IOV_ISO_MULTIFUNCTION ? "multi-function without ACS at"
					: iso.reason[i].kind == IOV_ISO_PCI_BRIDGE ? "conventional PCI bridge"
					: iso.reason[i].kind == IOV_ISO_NO_ACS ? "no ACS on"
					: "ACS incomplete on",
					iso.reason[i].where->addr);
		if (iso.nreasons && len < sizeof(why))
			snprintf(why + len, sizeof(why) - len, ")");
		iov_isolation_free(&iso);
		r = add(out, "group-not-isolated", IOV_SEV_WARNING, first,
			"pass the whole group to one guest, move the card below an ACS-capable port, or enable ACS in the firmware",
			"IOMMU group %d is shared by %u functions: %s%s", grp->id, endpoints, members, why);
	}
	return r;
}

static bool vf_bars_unassigned(const struct iov_dev *d)
{
	const struct iov_sriov *s = &d->c.sriov;
	unsigned i;
	bool any = false;

	if (!d->has_resource || d->nres < IOV_RES_SRIOV + IOV_SRIOV_NBARS)
		return false;
	for (i = 0; i < IOV_SRIOV_NBARS; i++) {
		const struct iov_bar *res = &d->res[IOV_RES_SRIOV + i];

		if (!s->vf_bar[i].present || s->vf_bar[i].upper)
			continue;
		any = true;
		if (res->flags && !(res->flags & IOV_IORES_UNSET) && res->end > res->start)
			return false;
	}
	return any;
}

/* Why VFs beyond function 7 are unreachable, or NULL when ARI is in place. */
static const char *ari_gap(const struct iov_dev *pf, char *buf, size_t len)
{
	if (!pf->c.ari.present)
		return "the PF has no ARI capability";
	/* below a port, function numbers > 7 need ARI forwarding there */
	if (pf->parent && full_config(pf->parent) && pf->parent->c.pcie.has_cap2 &&
	    !pf->parent->c.pcie.ari_fwd_enabled) {
		snprintf(buf, len, "ARI forwarding is %s on port %s",
			 pf->parent->c.pcie.ari_fwd_cap ? "off" : "unsupported", pf->parent->addr);
		return buf;
	}
	return NULL;
}

static int rule_sriov_caps(const struct iov_devlist *list, struct iov_dev *d, struct iov_findings *out)
{
	const struct iov_sriov *s = &d->c.sriov;
	int r = 0;

	if (!full_config(d) || !s->present)
		return 0;
	if (s->total_vfs == 0)
		return add(out, "sriov-no-vfs", IOV_SEV_WARNING, d,
			   "enable SR-IOV (and the number of VFs) in the system firmware or the device's own configuration tool",
			   "SR-IOV capable but TotalVFs is 0");
	if (vf_bars_unassigned(d))
		r = add(out, "vf-bar-unassigned", IOV_SEV_ERROR, d,
			"enable SR-IOV support in the firmware, or boot with pci=realloc so the kernel assigns VF BARs",
			"VF BARs have no address space assigned, so VFs cannot be enabled");
	if (r == 0 && (s->num_vfs > 7 || (s->total_vfs > 7 && !s->vf_enable))) {
		char buf[96];
		const char *gap = ari_gap(d, buf, sizeof(buf));

		if (gap)
			r = add(out, "vfs-without-ari", s->num_vfs > 7 ? IOV_SEV_WARNING : IOV_SEV_INFO, d,
				"use a slot whose port supports ARI forwarding (PCIe 2.0+) and keep ARI enabled",
				"%u VFs %s but %s: without ARI only 8 functions per device are addressable",
				s->num_vfs > 7 ? s->num_vfs : s->total_vfs,
				s->num_vfs > 7 ? "enabled" : "possible", gap);
	}
	return r;
}

static int rule_vf_rids(const struct iov_devlist *list, struct iov_dev *d, struct iov_findings *out)
{
	unsigned i;

	for (i = 0; i < d->nvirtfn; i++) {
		struct iov_bdf want, got;

		if (iov_sriov_vf_rid(d, d->virtfn[i].index, &want) < 0 ||
		    iov_bdf_parse(d->virtfn[i].addr, &got) < 0)
			continue;
		if (iov_bdf_cmp(&want, &got) != 0) {
			char w[IOV_BDF_STRLEN];

			iov_bdf_format(&want, w);
			return add(out, "vf-rid-mismatch", IOV_SEV_ERROR, d,
				   "report this: the kernel and the SR-IOV capability disagree",
				   "virtfn%u is %s but First VF Offset/VF Stride give %s",
				   d->virtfn[i].index, d->virtfn[i].addr, w);
		}
	}
	return 0;
}

static int rule_vf_binding(const struct iov_devlist *list, struct iov_dev *d, struct iov_findings *out)
{
	unsigned i, unbound = 0, present = 0;
	char hint[256], names[256] = "";
	size_t used = 0;
	int r = 0;

	for (i = 0; i < d->nvfs; i++) {
		if (!d->vfs[i])
			continue;
		present++;
		if (d->vfs[i]->driver)
			continue;
		/* name each unbound VF, up to 8 */
		if (++unbound <= 8 && used < sizeof(names))
			used += snprintf(names + used, sizeof(names) - used, "%s%s",
					 used ? ", " : "", d->vfs[i]->addr);
	}
	if (!unbound)
		return 0;
	snprintf(hint, sizeof(hint),
		 "bind them: echo vfio-pci > /sys/bus/pci/devices/VF/driver_override, then echo VF > /sys/bus/pci/drivers_probe");
	r = add(out, "vf-unbound", IOV_SEV_WARNING, d, hint, "%u of %u enabled VFs have no driver: %s%s",
		unbound, present, names, unbound > 8 ? " and more" : "");
	if (r == 0 && d->sriov_sysfs.drivers_autoprobe == 0)
		r = add(out, "autoprobe-off", IOV_SEV_INFO, d,
			"echo 1 > sriov_drivers_autoprobe before enabling VFs, or bind each VF explicitly",
			"sriov_drivers_autoprobe is 0, so new VFs are not bound to a driver");
	return r;
}

/*
 * sriov_vf_msix_count is write-only on current kernels (it reads back
 * empty), so the VF's own config is the usual witness: a VF with neither
 * MSI-X nor MSI has no vectors a driver could use.
 */
static int rule_vf_msix(const struct iov_devlist *list, struct iov_dev *d, struct iov_findings *out)
{
	const char *why;

	if (!d->is_vf)
		return 0;
	if (d->vf_msix_count == 0)
		why = "sriov_vf_msix_count is 0";
	else if (full_config(d) && d->caps.std_status == IOV_WALK_OK && !d->c.msix.present &&
		 !d->c.msi.present)
		why = "it has no MSI-X capability";
	else
		return 0;
	return add(out, "vf-msix-zero", IOV_SEV_WARNING, d,
		   "with the VF unbound, assign vectors: echo N > /sys/bus/pci/devices/VF/sriov_vf_msix_count",
		   "VF has no MSI-X vectors: %s", why);
}

static double min_pos(double a, double b)
{
	if (a <= 0)
		return b;
	if (b <= 0)
		return a;
	return a < b ? a : b;
}

static bool is_downstream_port(const struct iov_dev *d)
{
	return d->c.pcie.present && (d->c.pcie.port_type == IOV_PORT_ROOT_PORT ||
				     d->c.pcie.port_type == IOV_PORT_DOWNSTREAM);
}

/* A port's link is judged from the device below it, which knows both ends. */
static bool link_has_child(const struct iov_devlist *list, const struct iov_dev *port)
{
	size_t i;

	for (i = 0; i < list->n; i++)
		if (list->dev[i]->parent == port && list->dev[i]->link.max_width > 0)
			return true;
	return false;
}

static const char downtrained_hint[] =
	"reseat the card, check the slot's wiring and the firmware's link settings, and look for AER errors";

static int rule_link(const struct iov_devlist *list, struct iov_dev *d, struct iov_findings *out)
{
	const struct iov_link *l = &d->link;
	const struct iov_dev *up = d->parent;
	double cap_speed;
	int cap_width;
	bool partner;

	/* a VF has no link of its own; an untrained port (width 0) has none yet */
	if (d->is_vf || l->width <= 0 || l->speed_gts <= 0 || l->max_width <= 0)
		return 0;
	if (is_downstream_port(d) && link_has_child(list, d))
		return 0;
	if (l->speed_gts >= l->max_speed_gts && l->width >= l->max_width)
		return 0;
	cap_speed = l->max_speed_gts;
	cap_width = l->max_width;
	partner = up && up->link.max_width > 0 && !is_downstream_port(d);
	if (partner) {
		cap_speed = min_pos(cap_speed, up->link.max_speed_gts);
		cap_width = up->link.max_width < cap_width ? up->link.max_width : cap_width;
	}
	if ((l->speed_gts < cap_speed || l->width < cap_width) && partner)
		return add(out, "link-downtrained", IOV_SEV_WARNING, d, downtrained_hint,
			   "link runs at %g GT/s x%d, both ends support %g GT/s x%d", l->speed_gts,
			   l->width, cap_speed, cap_width);
	/* only this end was read: say so, and what is missing */
	if (!partner && d->parent_addr[0] && !up && !is_downstream_port(d))
		return add(out, "link-downtrained", IOV_SEV_WARNING, d, downtrained_hint,
			   "link runs at %g GT/s x%d, below the %g GT/s x%d this end supports; the port above (%s) was not captured",
			   l->speed_gts, l->width, cap_speed, cap_width, d->parent_addr);
	if (!partner)
		return add(out, "link-downtrained", IOV_SEV_WARNING, d, downtrained_hint,
			   "link runs at %g GT/s x%d, below the %g GT/s x%d this end supports; the other end's was not read",
			   l->speed_gts, l->width, cap_speed, cap_width);
	return add(out, "link-slot-limited", IOV_SEV_INFO, d,
		   "move the card to a slot that supports its full link",
		   "link runs at %g GT/s x%d, the device supports %g GT/s x%d but its port does not",
		   l->speed_gts, l->width, l->max_speed_gts, l->max_width);
}

static int rule_aer(const struct iov_devlist *list, struct iov_dev *d, struct iov_findings *out)
{
	const struct iov_aer_counts *a = &d->aer_counts;
	char what[400];

	if (!a->present || (!a->correctable && !a->nonfatal && !a->fatal))
		return 0;
	/* name the error types that moved */
	iov_aer_format(a, what, sizeof(what));
	return add(out, "aer-errors", a->fatal || a->nonfatal ? IOV_SEV_ERROR : IOV_SEV_WARNING, d,
		   "check dmesg for AER reports; recurring errors point at the card, the slot or signal integrity",
		   "AER errors since boot: %s", what);
}

static int rule_power(const struct iov_devlist *list, struct iov_dev *d, struct iov_findings *out)
{
	if (strncmp(d->power_state, "D3", 2) != 0)
		return 0;
	/* vfio-pci's runtime PM parks a function no guest holds in D3hot */
	if (iov_driver_is_vfio(d->driver))
		return 0;
	return add(out, "power-d3", d->driver ? IOV_SEV_WARNING : IOV_SEV_INFO, d,
		   "check runtime PM (power/control) and whether the driver suspended it on purpose",
		   "function is in %s", d->power_state);
}

static int rule_caps(const struct iov_devlist *list, struct iov_dev *d, struct iov_findings *out)
{
	const struct iov_caps *c = &d->caps;
	enum iov_walk_status st = c->std_status;
	unsigned off = c->std_bad_off;
	const char *which = "standard";

	if (st == IOV_WALK_OK || st == IOV_WALK_UNREAD) {
		st = c->ext_status;
		off = c->ext_bad_off;
		which = "extended";
	}
	if (st == IOV_WALK_OK || st == IOV_WALK_UNREAD)
		return 0;
	return add(out, "caps-malformed", IOV_SEV_WARNING, d,
		   "capabilities after that point are ignored; update the device firmware",
		   "%s capability list: %s at 0x%03x", which, iov_walk_status_str(st), off);
}

static int rule_numa(const struct iov_devlist *list, struct iov_findings *out)
{
	size_t i;
	int r = 0;

	if (list->numa_nodes < 2)
		return 0;
	/* one finding per host bridge: the firmware's _PXM is per root complex */
	for (i = 0; i < list->n && r == 0; i++) {
		struct iov_dev *d = list->dev[i];
		unsigned n = 0;
		size_t j;

		if (d->numa_node >= 0 || !is_endpoint(d) || d->is_vf)
			continue;
		for (j = 0; j < i; j++)
			if (list->dev[j]->numa_node < 0 && is_endpoint(list->dev[j]) &&
			    !list->dev[j]->is_vf && strcmp(list->dev[j]->root_bus, d->root_bus) == 0)
				break;
		if (j < i)
			continue;
		for (j = i; j < list->n; j++)
			if (list->dev[j]->numa_node < 0 && is_endpoint(list->dev[j]) &&
			    strcmp(list->dev[j]->root_bus, d->root_bus) == 0)
				n++;
		r = add(out, "numa-unknown", IOV_SEV_WARNING, NULL,
			"the firmware gives no proximity (_PXM) for this root complex; pin workloads by measurement or update the firmware",
			"%u function%s under %s (first %s) report%s NUMA node -1 on a %d-node host", n,
			n == 1 ? "" : "s", d->root_bus, d->addr, n == 1 ? "s" : "", list->numa_nodes);
	}
	return r;
}

static int rule_config(const struct iov_devlist *list, struct iov_findings *out)
{
	if (!list->limited_config)
		return 0;
	return add(out, "config-limited", IOV_SEV_INFO, NULL, "run as root for capabilities",
		   "config space of %u function%s could not be read beyond the header", list->limited_config,
		   list->limited_config == 1 ? "" : "s");
}

typedef int (*dev_rule)(const struct iov_devlist *list, struct iov_dev *d, struct iov_findings *out);

static const dev_rule dev_rules[] = {
	rule_sriov_caps, rule_vf_rids, rule_vf_binding, rule_vf_msix, rule_link,
	rule_aer, rule_power, rule_caps, iov_rule_pf_no_driver, iov_rule_vf_bus_range,
};

int iov_findings_run(struct iov_ctx *ctx, const struct iov_devlist *list, struct iov_findings *out)
{
	size_t i, k;
	int r;

	memset(out, 0, sizeof(*out));
	r = rule_iommu(list, out);
	if (r == 0)
		r = rule_config(list, out);
	if (r == 0)
		r = rule_numa(list, out);
	if (r == 0)
		r = rule_groups(list, out);
	if (r == 0)
		r = iov_rule_group_viable(list, out);
	if (r == 0)
		r = iov_rule_irq_locality(ctx, list, out);
	if (r == 0)
		r = iov_rule_nvme_secondary(ctx, list, out);
	if (r == 0)
		r = iov_rule_net_vfs(ctx, list, out);
	for (i = 0; i < list->n && r == 0; i++)
		for (k = 0; k < sizeof(dev_rules) / sizeof(dev_rules[0]) && r == 0; k++)
			r = dev_rules[k](list, list->dev[i], out);
	if (r == 0)
		r = iov_findings_virt(ctx, list, out);
	if (r < 0) {
		iov_findings_free(out);
		return r;
	}
	/* errors first; within a severity, the order the rules ran in */
	for (i = 1; i < out->n; i++) {
		struct iov_finding f = out->f[i];

		for (k = i; k > 0 && out->f[k - 1].severity < f.severity; k--)
			out->f[k] = out->f[k - 1];
		out->f[k] = f;
	}
	return 0;
}

void iov_findings_free(struct iov_findings *f)
{
	size_t i;

	for (i = 0; i < f->n; i++) {
		free(f->f[i].message);
		free(f->f[i].hint);
	}
	free(f->f);
	f->f = NULL;
	f->n = 0;
}
