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

/* Append to buf with a separator; never overflows. */
static void append(char *buf, size_t len, const char *sep, const char *s)
{
	size_t used = strlen(buf);

	if (used < len)
		snprintf(buf + used, len - used, "%s%s", used ? sep : "", s);
}


static bool full_config(const struct iov_dev *d)
{
	return d->cfg.len >= IOV_CFG_SIZE;
}

static int rule_iommu(const struct iov_devlist *list, struct iov_findings *out)
{
	struct iov_subject host = { .kind = IOV_SUBJECT_HOST, .group = -1 };

	/* a kernel/iommu_groups we could not read says nothing about the IOMMU */
	if (list->iommu_groups_present || list->iommu_groups_errno || !list->n)
		return 0;
	return iov_finding_raise(out, IOV_F_IOMMU_OFF, &host, NULL,
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
		struct iov_subject subj = { .kind = IOV_SUBJECT_GROUP, .group = grp->id,
					    .devs = grp->members, .ndevs = grp->n };
		struct iov_dev *first = NULL;
		struct iov_isolation iso;
		char members[512] = "", why[256] = "", reason[96];
		unsigned i, endpoints = 0;

		for (i = 0; i < grp->n; i++) {
			if (!needs_vfio(grp->members[i]))
				continue;
			if (!first)
				first = grp->members[i];
			endpoints++;
			append(members, sizeof(members), ", ", grp->members[i]->addr);
		}
		if (endpoints < 2)
			continue;
		if (iov_isolation(list, first, &iso) < 0)
			return -ENOMEM;
		for (i = 0; i < iso.nreasons; i++) {
			iov_iso_reason_format(&iso.reason[i], reason, sizeof(reason));
			append(why, sizeof(why), "; ", reason);
		}
		iov_isolation_free(&iso);
		subj.dev = first;
		r = iov_finding_raise(out, IOV_F_GROUP_NOT_ISOLATED, &subj, NULL,
			"IOMMU group %d is shared by %u functions: %s%s%s%s", grp->id, endpoints, members,
			why[0] ? " (" : "", why, why[0] ? ")" : "");
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
		return iov_finding_fn(out, IOV_F_SRIOV_NO_VFS, d, NULL,
			   "SR-IOV capable but TotalVFs is 0");
	if (vf_bars_unassigned(d))
		r = iov_finding_fn(out, IOV_F_VF_BAR_UNASSIGNED, d, NULL,
			"VF BARs have no address space assigned, so VFs cannot be enabled");
	if (r == 0 && (s->num_vfs > 7 || (s->total_vfs > 7 && !s->vf_enable))) {
		char buf[96];
		const char *gap = ari_gap(d, buf, sizeof(buf));

		if (gap)
			r = iov_finding_fn(out, s->num_vfs > 7 ? IOV_F_VFS_WITHOUT_ARI : IOV_F_TOTAL_VFS_WITHOUT_ARI,
				d, NULL,
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
			return iov_finding_fn(out, IOV_F_VF_RID_MISMATCH, d, NULL,
				   "virtfn%u is %s but First VF Offset/VF Stride give %s",
				   d->virtfn[i].index, d->virtfn[i].addr, w);
		}
	}
	return 0;
}

static int rule_vf_binding(const struct iov_devlist *list, struct iov_dev *d, struct iov_findings *out)
{
	unsigned i, unbound = 0, present = 0;
	char names[256] = "";
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
	r = iov_finding_fn(out, IOV_F_VF_UNBOUND, d, NULL, "%u of %u enabled VFs have no driver: %s%s",
		unbound, present, names, unbound > 8 ? " and more" : "");
	if (r == 0 && d->sriov_sysfs.drivers_autoprobe == 0)
		r = iov_finding_fn(out, IOV_F_AUTOPROBE_OFF, d, NULL,
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
	return iov_finding_fn(out, IOV_F_VF_MSIX_ZERO, d, NULL,
		   "VF has no MSI-X vectors: %s", why);
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

static int rule_link(const struct iov_devlist *list, struct iov_dev *d, struct iov_findings *out)
{
	const struct iov_link *l = &d->link;
	const struct iov_dev *up = d->parent;
	double cap_speed;
	int cap_width;
	bool partner, below;

	/* a VF has no link of its own; an untrained port (width 0) has none yet */
	if (d->is_vf || l->width <= 0 || l->speed_gts <= 0 || l->max_width <= 0)
		return 0;
	if (is_downstream_port(d) && link_has_child(list, d))
		return 0;
	if (l->speed_gts >= l->max_speed_gts && l->width >= l->max_width)
		return 0;
	partner = up && up->link.max_width > 0 && !is_downstream_port(d);
	below = iov_link_downtrained(l, partner ? &up->link : NULL, &cap_speed, &cap_width);
	if (below && partner)
		return iov_finding_fn(out, IOV_F_LINK_DOWNTRAINED, d, NULL,
			   "link runs at %g GT/s x%d, both ends support %g GT/s x%d", l->speed_gts,
			   l->width, cap_speed, cap_width);
	/* only this end was read: say so, and what is missing */
	if (!partner && d->parent_addr[0] && !up && !is_downstream_port(d))
		return iov_finding_fn(out, IOV_F_LINK_DOWNTRAINED, d, NULL,
			   "link runs at %g GT/s x%d, below the %g GT/s x%d this end supports; the port above (%s) was not captured",
			   l->speed_gts, l->width, cap_speed, cap_width, d->parent_addr);
	if (!partner)
		return iov_finding_fn(out, IOV_F_LINK_DOWNTRAINED, d, NULL,
			   "link runs at %g GT/s x%d, below the %g GT/s x%d this end supports; the other end's was not read",
			   l->speed_gts, l->width, cap_speed, cap_width);
	return iov_finding_fn(out, IOV_F_LINK_SLOT_LIMITED, d, NULL,
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
	return iov_finding_fn(out, a->fatal || a->nonfatal ? IOV_F_AER_UNCORRECTABLE : IOV_F_AER_ERRORS,
		   d, NULL, "AER errors since boot: %s", what);
}

static int rule_power(const struct iov_devlist *list, struct iov_dev *d, struct iov_findings *out)
{
	if (strncmp(d->power_state, "D3", 2) != 0)
		return 0;
	/* vfio-pci's runtime PM parks a function no guest holds in D3hot */
	if (iov_driver_is_vfio(d->driver))
		return 0;
	return iov_finding_fn(out, d->driver ? IOV_F_POWER_D3 : IOV_F_POWER_D3_UNBOUND, d, NULL,
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
	return iov_finding_fn(out, IOV_F_CAPS_MALFORMED, d, NULL,
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
		struct iov_subject subj = { .kind = IOV_SUBJECT_BUS, .group = -1 };
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
		subj.devs = malloc((list->n - i) * sizeof(*subj.devs));
		if (!subj.devs)
			return -ENOMEM;
		for (j = i; j < list->n; j++)
			if (list->dev[j]->numa_node < 0 && is_endpoint(list->dev[j]) &&
			    strcmp(list->dev[j]->root_bus, d->root_bus) == 0)
				subj.devs[n++] = list->dev[j];
		subj.ndevs = n;
		snprintf(subj.bus, sizeof(subj.bus), "%s", d->root_bus);
		r = iov_finding_raise(out, IOV_F_NUMA_UNKNOWN, &subj, NULL,
			"%u function%s under %s (first %s) report%s NUMA node -1 on a %d-node host", n,
			n == 1 ? "" : "s", d->root_bus, d->addr, n == 1 ? "s" : "", list->numa_nodes);
		free(subj.devs);
	}
	return r;
}

static int rule_config(const struct iov_devlist *list, struct iov_findings *out)
{
	struct iov_subject subj = { .kind = IOV_SUBJECT_HOST, .group = -1 };
	size_t i;
	int r;

	if (!list->limited_config)
		return 0;
	/* about the functions cut short only, so --check scopes it */
	subj.devs = malloc(list->n * sizeof(*subj.devs));
	if (!subj.devs)
		return -ENOMEM;
	for (i = 0; i < list->n; i++)
		if (!list->dev[i]->cfg_errno && list->dev[i]->cfg.len < IOV_CFG_STD_SIZE)
			subj.devs[subj.ndevs++] = list->dev[i];
	r = iov_finding_raise(out, IOV_F_CONFIG_LIMITED, &subj, NULL,
		   "config space of %u function%s could not be read beyond the header", list->limited_config,
		   list->limited_config == 1 ? "" : "s");
	free(subj.devs);
	return r;
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
