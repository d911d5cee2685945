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

int iov_severity_parse(const char *s, enum iov_severity *out)
{
	enum iov_severity v;

	for (v = IOV_SEV_INFO; v <= IOV_SEV_ERROR; v++)
		if (strcmp(s, iov_severity_str(v)) == 0) {
			*out = v;
			return 0;
		}
	return -EINVAL;
}

const char *iov_subject_kind_str(enum iov_subject_kind k)
{
	switch (k) {
	case IOV_SUBJECT_HOST:
		return "host";
	case IOV_SUBJECT_BUS:
		return "bus";
	case IOV_SUBJECT_GROUP:
		return "iommu_group";
	case IOV_SUBJECT_FUNCTION:
		return "function";
	}
	return "?";
}

const struct iov_rule *iov_rule_find(const char *id)
{
	unsigned i;

	for (i = 0; i < IOV_F_COUNT; i++)
		if (iov_rules[i].id && strcmp(iov_rules[i].id, id) == 0)
			return &iov_rules[i];
	return NULL;
}

bool iov_finding_concerns(const struct iov_finding *f, const struct iov_dev *d)
{
	const struct iov_subject *s = &f->subject;
	unsigned i;

	if (s->kind == IOV_SUBJECT_FUNCTION)
		return s->dev == d;
	if (s->kind == IOV_SUBJECT_HOST && !s->ndevs)
		return true;
	for (i = 0; i < s->ndevs; i++)
		if (s->devs[i] == d)
			return true;
	return false;
}

int iov_findings_worst(const struct iov_findings *fs, const struct iov_dev *d)
{
	int worst = -1;
	size_t i;

	for (i = 0; i < fs->n; i++) {
		const struct iov_finding *f = &fs->f[i];

		if (f->subject.kind == IOV_SUBJECT_HOST && !f->subject.ndevs)
			continue;
		if ((int)f->severity > worst && iov_finding_concerns(f, d))
			worst = f->severity;
	}
	return worst;
}

static char *vfmt(const char *fmt, va_list ap)
{
	char *s = NULL;

	if (vasprintf(&s, fmt, ap) < 0)
		return NULL;
	return s;
}

static int copy_subject(struct iov_subject *dst, const struct iov_subject *src)
{
	*dst = *src;
	dst->devs = NULL;
	if (!src->ndevs)
		return 0;
	dst->devs = malloc(src->ndevs * sizeof(*dst->devs));
	if (!dst->devs)
		return -ENOMEM;
	memcpy(dst->devs, src->devs, src->ndevs * sizeof(*dst->devs));
	return 0;
}

static int vraise(struct iov_findings *out, enum iov_finding_id id, const struct iov_subject *subject,
		  const char *hint, const char *fmt, va_list ap)
{
	const struct iov_rule *rule = &iov_rules[id];
	struct iov_finding *nf, *f;

	nf = realloc(out->f, (out->n + 1) * sizeof(*nf));
	if (!nf)
		return -ENOMEM;
	out->f = nf;
	f = &nf[out->n];
	memset(f, 0, sizeof(*f));
	if (copy_subject(&f->subject, subject) < 0)
		return -ENOMEM;
	f->rule = id;
	f->id = rule->id;
	f->severity = rule->severity;
	f->dev = subject->dev;
	f->message = vfmt(fmt, ap);
	f->hint = strdup(hint ? hint : rule->hint);
	if (!f->message || !f->hint) {
		free(f->message);
		free(f->hint);
		free(f->subject.devs);
		return -ENOMEM;
	}
	out->n++;
	return 0;
}

int iov_finding_raise(struct iov_findings *out, enum iov_finding_id id,
		      const struct iov_subject *subject, const char *hint, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vraise(out, id, subject, hint, fmt, ap);
	va_end(ap);
	return r;
}

int iov_finding_fn(struct iov_findings *out, enum iov_finding_id id, struct iov_dev *d,
		   const char *hint, const char *fmt, ...)
{
	struct iov_subject s = { .kind = IOV_SUBJECT_FUNCTION, .dev = d, .group = -1 };
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vraise(out, id, &s, hint, fmt, ap);
	va_end(ap);
	return r;
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

void iov_findings_free(struct iov_findings *f)
{
	size_t i;

	for (i = 0; i < f->n; i++) {
		free(f->f[i].message);
		free(f->f[i].hint);
		free(f->f[i].subject.devs);
	}
	free(f->f);
	f->f = NULL;
	f->n = 0;
}

#define RULE(e, i, sev, chk, fix) [e] = { .id = i, .severity = sev, .check = chk, .hint = fix }

/*
 * The registry: every finding takes its id, severity and general hint from
 * here (tests/check_findings.c walks it). A rule whose severity depends on
 * the case is two rules.
 */
const struct iov_rule iov_rules[IOV_F_COUNT + 1] = {
	RULE(IOV_F_IOMMU_OFF, "iommu-off", IOV_SEV_WARNING,
	     "no IOMMU groups: passthrough and VF isolation impossible",
	     "enable VT-d / AMD-Vi in the firmware and boot with intel_iommu=on (or amd_iommu=on) iommu=pt"),
	RULE(IOV_F_GROUP_NOT_ISOLATED, "group-not-isolated", IOV_SEV_WARNING,
	     "an IOMMU group holds several endpoints",
	     "pass the whole group to one guest, move the card below an ACS-capable port, or enable ACS in the firmware"),
	RULE(IOV_F_SRIOV_NO_VFS, "sriov-no-vfs", IOV_SEV_WARNING,
	     "SR-IOV capable but TotalVFs is 0",
	     "enable SR-IOV (and the number of VFs) in the system firmware or the device's own configuration tool"),
	RULE(IOV_F_VF_BAR_UNASSIGNED, "vf-bar-unassigned", IOV_SEV_ERROR,
	     "VF BARs have no address space assigned",
	     "enable SR-IOV support in the firmware, or boot with pci=realloc so the kernel assigns VF BARs"),
	RULE(IOV_F_VFS_WITHOUT_ARI, "vfs-without-ari", IOV_SEV_WARNING,
	     "more than 7 VFs enabled without ARI",
	     "use a slot whose port supports ARI forwarding (PCIe 2.0+) and keep ARI enabled"),
	RULE(IOV_F_TOTAL_VFS_WITHOUT_ARI, "total-vfs-without-ari", IOV_SEV_INFO,
	     "more than 7 VFs possible without ARI, so at most 7 can be enabled",
	     "use a slot whose port supports ARI forwarding (PCIe 2.0+) and keep ARI enabled"),
	RULE(IOV_F_VF_RID_MISMATCH, "vf-rid-mismatch", IOV_SEV_ERROR,
	     "virtfn links disagree with First VF Offset / VF Stride",
	     "report this: the kernel and the SR-IOV capability disagree"),
	RULE(IOV_F_VF_UNBOUND, "vf-unbound", IOV_SEV_WARNING,
	     "enabled VFs without a driver",
	     "bind them: echo vfio-pci > /sys/bus/pci/devices/VF/driver_override, then echo VF > /sys/bus/pci/drivers_probe"),
	RULE(IOV_F_AUTOPROBE_OFF, "autoprobe-off", IOV_SEV_INFO,
	     "sriov_drivers_autoprobe is 0",
	     "echo 1 > sriov_drivers_autoprobe before enabling VFs, or bind each VF explicitly"),
	RULE(IOV_F_VF_MSIX_ZERO, "vf-msix-zero", IOV_SEV_WARNING,
	     "a VF has no MSI-X vectors assigned",
	     "with the VF unbound, assign vectors: echo N > /sys/bus/pci/devices/VF/sriov_vf_msix_count"),
	RULE(IOV_F_LINK_DOWNTRAINED, "link-downtrained", IOV_SEV_WARNING,
	     "link runs below what both ends support",
	     "reseat the card, check the slot's wiring and the firmware's link settings, and look for AER errors"),
	RULE(IOV_F_LINK_SLOT_LIMITED, "link-slot-limited", IOV_SEV_INFO,
	     "the slot or port limits the device's link",
	     "move the card to a slot that supports its full link"),
	RULE(IOV_F_NUMA_UNKNOWN, "numa-unknown", IOV_SEV_WARNING,
	     "NUMA node unknown on a multi-node host",
	     "the firmware gives no proximity (_PXM) for this root complex; pin workloads by measurement or update the firmware"),
	RULE(IOV_F_AER_ERRORS, "aer-errors", IOV_SEV_WARNING,
	     "correctable AER errors since boot",
	     "check dmesg for AER reports; recurring errors point at the card, the slot or signal integrity"),
	RULE(IOV_F_AER_UNCORRECTABLE, "aer-uncorrectable", IOV_SEV_ERROR,
	     "non-fatal or fatal (uncorrectable) AER errors since boot",
	     "check dmesg for AER reports; recurring errors point at the card, the slot or signal integrity"),
	RULE(IOV_F_POWER_D3, "power-d3", IOV_SEV_WARNING,
	     "function bound to a driver is in D3 (powered down)",
	     "check runtime PM (power/control) and whether the driver suspended it on purpose"),
	RULE(IOV_F_POWER_D3_UNBOUND, "power-d3-unbound", IOV_SEV_INFO,
	     "function without a driver is in D3 (powered down)",
	     "nothing to do unless it should be in use: binding a driver powers it up"),
	RULE(IOV_F_GROUP_NOT_VIABLE, "group-not-viable", IOV_SEV_ERROR,
	     "VFIO cannot open the group: a member is bound to a host driver",
	     "unbind the member from its host driver, or bind it to vfio-pci too"),
	RULE(IOV_F_PF_NO_DRIVER, "pf-no-driver", IOV_SEV_WARNING,
	     "SR-IOV PF without a driver cannot enable VFs",
	     "bind the PF to its driver (or to vfio-pci with enable_sriov=1) before writing sriov_numvfs"),
	RULE(IOV_F_VF_BUS_RANGE, "vf-bus-range", IOV_SEV_ERROR,
	     "VFs need bus numbers beyond the upstream bridge's range",
	     "boot with pci=assign-busses, or enable SR-IOV in the firmware so it reserves bus numbers"),
	RULE(IOV_F_IRQ_REMOTE, "irq-remote", IOV_SEV_WARNING,
	     "most MSI/MSI-X vectors are served outside the function's NUMA node",
	     "run irqbalance (it follows the driver's affinity hints), or pin the vectors to the node's CPUs in /proc/irq/N/smp_affinity_list"),
	RULE(IOV_F_VF_NVME_OFFLINE, "vf-nvme-offline", IOV_SEV_ERROR,
	     "an NVMe VF's secondary controller is offline or has no queues",
	     "with the VF unbound, assign it resources and bring it online with nvme virt-mgmt on the PF"),
	RULE(IOV_F_VF_LINK_DISABLED, "vf-link-disabled", IOV_SEV_WARNING,
	     "a VF in use has its link forced down by the PF (link-state disable)",
	     "if that is not meant: ip link set dev PF vf N state auto"),
	RULE(IOV_F_CAPS_MALFORMED, "caps-malformed", IOV_SEV_WARNING,
	     "capability list is malformed",
	     "capabilities after that point are ignored; update the device firmware"),
	RULE(IOV_F_CONFIG_LIMITED, "config-limited", IOV_SEV_INFO,
	     "config space beyond 64 bytes unreadable (not root)",
	     "run as root for capabilities"),
	RULE(IOV_F_SIOV_NO_PASID, "siov-no-pasid", IOV_SEV_WARNING,
	     "Scalable IOV without a PASID capability",
	     "this function cannot do Scalable IOV: use SR-IOV or assign the whole function"),
	RULE(IOV_F_SIOV_PASID_OFF, "siov-pasid-off", IOV_SEV_WARNING,
	     "Scalable IOV function bound but PASID disabled",
	     "drivers enable PASID only with the IOMMU in scalable mode: boot with intel_iommu=on,sm_on and rebind"),
	RULE(IOV_F_SIOV_PAGE_SIZE, "siov-page-size", IOV_SEV_WARNING,
	     "Scalable IOV System Page Size not one supported size",
	     "the driver programs it to the host page size: reload the driver, and report the device if it persists"),
	RULE(IOV_F_SIOV_NO_SCALABLE_MODE, "siov-no-scalable-mode", IOV_SEV_WARNING,
	     "Scalable IOV function but no IOMMU in scalable mode",
	     "Scalable IOV needs VT-d 3.0 hardware in scalable mode (intel_iommu=on,sm_on); check the firmware's VT-d setting"),
	RULE(IOV_F_SIOV_NO_IOMMUFD, "siov-no-iommufd", IOV_SEV_INFO,
	     "Scalable IOV function but iommufd (/dev/iommu) not loaded",
	     "modprobe iommufd (kernel 6.2 or later with CONFIG_IOMMUFD and CONFIG_VFIO_DEVICE_CDEV)"),
	RULE(IOV_F_MRIOV_PRESENT, "mriov-present", IOV_SEV_INFO,
	     "MR-IOV capability: only an MR-aware switch's management host can use it",
	     "nothing to do on this host: configure MR-IOV from the switch's management host"),
	RULE(IOV_F_NTB_NO_DRIVER, "ntb-no-driver", IOV_SEV_WARNING,
	     "non-transparent bridge without its driver or NTB device",
	     "load the NTB hardware driver for it (ntb_hw_intel, ntb_hw_amd, ntb_hw_idt, ntb_hw_epf; Switchtec: switchtec and ntb_hw_switchtec) and ntb_transport or ntb_netdev"),
	RULE(IOV_F_NTB_GROUP_SHARED, "ntb-group-shared", IOV_SEV_WARNING,
	     "non-transparent bridge shares its IOMMU group with endpoints",
	     "move the NTB below a port with ACS, and do not pass the other members of its group to guests"),
	RULE(IOV_F_VF_VARIANT_AVAILABLE, "vf-variant-available", IOV_SEV_WARNING,
	     "VFs on plain vfio-pci although a migration-capable variant driver matches",
	     "with the guest stopped, rebind each VF to the variant driver through driver_override"),
	RULE(IOV_F_ADAPTER_SERIAL_MISMATCH, "adapter-serial-mismatch", IOV_SEV_INFO,
	     "functions of one card report different serial numbers",
	     "some cards give each port its own serial; otherwise treat the functions as separate devices when planning resets and passthrough"),
	RULE(IOV_F_STORAGE_NO_DRIVER, "storage-no-driver", IOV_SEV_WARNING,
	     "an FC, FCoE or iSCSI function has no driver",
	     "load the HBA driver (lpfc, qla2xxx, bnx2fc/qedf, be2iscsi, qedi) or bind the function to it"),
	RULE(IOV_F_FC_HOST_OFFLINE, "fc-host-offline", IOV_SEV_WARNING,
	     "an fc_host port is not Online",
	     "check the cable, SFP and the switch port's zoning; 'echo 1 > /sys/class/fc_host/<host>/issue_lip' retries login"),
	RULE(IOV_F_RDMA_PORT_DOWN, "rdma-port-down", IOV_SEV_WARNING,
	     "an InfiniBand/RoCE port is not ACTIVE",
	     "check the link and, for InfiniBand, the subnet manager; for RoCE, the netdev's link"),
	RULE(IOV_F_FCOE_NO_FCF, "fcoe-no-fcf", IOV_SEV_WARNING,
	     "an FCoE controller found no Fibre Channel Forwarder",
	     "check DCB/PFC and the FCoE VLAN on the switch port (fipvlan -a discovers it); 'fcoeadm -i' shows the interface"),
	RULE(IOV_F_FCOE_FABRIC_DISCONNECTED, "fcoe-fabric-disconnected", IOV_SEV_WARNING,
	     "an FCoE controller's FCF is not Connected",
	     "check the FCF switch and the fabric login; 'fcoeadm -r <netdev>' resets the FCoE interface"),
	RULE(IOV_F_SWITCH_PARTITIONED, "switch-partitioned", IOV_SEV_WARNING,
	     "switch partitioned among hosts: reset or firmware update touches them all",
	     "coordinate switch resets and firmware updates with the hosts of the other partitions"),
	[IOV_F_COUNT] = { NULL, 0, NULL, NULL },
};
