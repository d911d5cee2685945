// SPDX-License-Identifier: GPL-2.0-or-later
/* inspect, text: one block per function, meant for a person at 80 columns. */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "inspect.h"
#include "output.h"

#define LABEL "    %-9s"
#define CONT "             "

static const char *sev_color(const struct inspect_view *v, enum iov_severity s)
{
	if (!v->color)
		return "";
	return s == IOV_SEV_ERROR ? "\033[1;31m" : s == IOV_SEV_WARNING ? "\033[33m" : "\033[36m";
}

static const char *reset_color(const struct inspect_view *v)
{
	return v->color ? "\033[0m" : "";
}

static void inspect_wrapped(const struct inspect_view *v, FILE *out, const char *label,
			    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/*
 * "    LABEL:   VALUE", the value wrapped under itself at word boundaries
 * on a terminal (see out_wrap()); fmt as for printf.
 */
static void inspect_wrapped(const struct inspect_view *v, FILE *out, const char *label,
			    const char *fmt, ...)
{
	char *text = NULL;
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vasprintf(&text, fmt, ap);
	va_end(ap);
	fprintf(out, LABEL, label);
	if (n < 0) {
		fputc('\n', out);
		return;
	}
	out_wrap(out, text, v->width, strlen(CONT), strlen(CONT));
	free(text);
}

/* "ADDRESS CLASS: VENDOR DEVICE (rev NN)", as lspci; wrapped under the fields */
static void print_title(const struct inspect_view *v, const struct iov_dev *d, FILE *out)
{
	char vendor[16], device[24], rev[16] = "";
	char *text = NULL;

	snprintf(vendor, sizeof(vendor), "[%04x]", d->vendor);
	snprintf(device, sizeof(device), "Device [%04x]", d->device);
	if (d->revision)
		snprintf(rev, sizeof(rev), " (rev %02x)", d->revision);
	if (asprintf(&text, "%s %s: %s %s%s", d->addr, d->class_name ? d->class_name : "Class",
		     d->vendor_name ? d->vendor_name : vendor, d->device_name ? d->device_name : device,
		     rev) < 0) {
		fprintf(out, "%s\n", d->addr);
		return;
	}
	out_wrap(out, text, v->width, 0, strlen(CONT));
	free(text);
}

static void print_identity(const struct iov_dev *d, FILE *out)
{
	fprintf(out, LABEL "%04x:%04x", "ID:", d->vendor, d->device);
	if (d->subsys_vendor || d->subsys_device)
		fprintf(out, ", subsystem %04x:%04x", d->subsys_vendor, d->subsys_device);
	fprintf(out, ", class %06x\n", d->class_code);
}

static void print_driver(const struct iov_dev *d, FILE *out)
{
	unsigned i;

	fprintf(out, LABEL "%s", "Driver:", d->driver ? d->driver : "none");
	for (i = 0; i < d->nnetdevs; i++)
		fprintf(out, "%s%s", i ? ", " : " (", d->netdevs[i]);
	for (i = 0; i < d->nblockdevs; i++)
		fprintf(out, "%s%s", i || d->nnetdevs ? ", " : " (", d->blockdevs[i]);
	fputs(d->nnetdevs || d->nblockdevs ? ")\n" : "\n", out);
}

static void print_numa(const struct inspect_view *v, const struct iov_dev *d, FILE *out)
{
	if (d->numa_node >= 0)
		fprintf(out, LABEL "node %d", "NUMA:", d->numa_node);
	else
		fprintf(out, LABEL "unknown%s", "NUMA:",
			v->list->numa_nodes > 1 ? " (multi-node host)" : "");
	if (d->local_cpulist)
		fprintf(out, ", CPUs %s", d->local_cpulist);
	fputc('\n', out);
}

static void print_reasons(const struct iov_isolation *iso, FILE *out)
{
	unsigned i, b;

	for (i = 0; i < iso->nreasons; i++) {
		const struct iov_iso_reason *r = &iso->reason[i];

		switch (r->kind) {
		case IOV_ISO_NO_ACS:
			fprintf(out, CONT "no ACS capability on %s\n", r->where->addr);
			continue;
		case IOV_ISO_PCI_BRIDGE:
			fprintf(out, CONT "behind conventional PCI bridge %s\n", r->where->addr);
			continue;
		case IOV_ISO_MULTIFUNCTION:
			fprintf(out, CONT "multi-function device without ACS (%s)\n", r->where->addr);
			continue;
		case IOV_ISO_ACS_BITS:
			fprintf(out, CONT "ACS on %s has", r->where->addr);
			for (b = 0; b < 7; b++)
				if (r->acs_missing & (1u << b))
					fprintf(out, " %s", iov_acs_bit_name(b));
			fputs(" off\n", out);
			continue;
		}
	}
}

static void print_iommu(const struct inspect_view *v, struct iov_dev *d, FILE *out)
{
	struct iov_isolation iso;
	/* "group N, shared with" and 4 addresses of up to 16 characters */
	char shared[160];
	unsigned i;
	int len;

	if (!v->list->iommu_groups_present && v->list->iommu_groups_errno) {
		fprintf(out, LABEL "unknown (IOMMU groups unreadable)\n", "IOMMU:");
		return;
	}
	if (!v->list->iommu_groups_present) {
		fprintf(out, LABEL "no IOMMU groups on this host\n", "IOMMU:");
		return;
	}
	if (d->iommu_group < 0) {
		fprintf(out, LABEL "no group\n", "IOMMU:");
		return;
	}
	if (iov_isolation(v->list, d, &iso) < 0)
		return;
	len = snprintf(shared, sizeof(shared), "group %d, %s", d->iommu_group,
		       iso.isolated ? "isolated" : "shared with");
	for (i = 0; i < iso.nshared && i < 4; i++)
		len += snprintf(shared + len, sizeof(shared) - len, " %s", iso.shared[i]->addr);
	if (iso.nshared > 4)
		snprintf(shared + len, sizeof(shared) - len, " and %u more", iso.nshared - 4);
	inspect_wrapped(v, out, "IOMMU:", "%s", shared);
	if (!iso.isolated)
		print_reasons(&iso, out);
	iov_isolation_free(&iso);
}

static void print_link(const struct iov_dev *d, FILE *out)
{
	char cur[32], max[32], port[32];

	if (d->is_vf || (d->link.max_width <= 0 && d->link.width <= 0 && d->link.speed_gts <= 0))
		return;
	out_fmt_link(cur, sizeof(cur), d->link.speed_gts, d->link.width);
	out_fmt_link(max, sizeof(max), d->link.max_speed_gts, d->link.max_width);
	fprintf(out, LABEL "%s (max %s)", "Link:", cur, max);
	if (d->parent && d->parent->link.max_width > 0 &&
	    !(d->c.pcie.port_type == IOV_PORT_ROOT_PORT || d->c.pcie.port_type == IOV_PORT_DOWNSTREAM)) {
		out_fmt_link(port, sizeof(port), d->parent->link.max_speed_gts, d->parent->link.max_width);
		fprintf(out, ", port %s max %s", d->parent->addr, port);
	} else if (!d->parent && d->parent_addr[0]) {
		fprintf(out, ", port %s not captured", d->parent_addr);
	}
	fputc('\n', out);
}

static void print_irqs(const struct iov_dev *d, FILE *out)
{
	if (!d->msix_irqs && !d->msi_irqs && !d->c.msix.present && !d->c.msi.present)
		return;
	fprintf(out, LABEL, "IRQs:");
	if (d->msix_irqs || d->c.msix.present) {
		fprintf(out, "MSI-X %u in use", d->msix_irqs);
		if (d->c.msix.present)
			fprintf(out, " of %u", d->c.msix.table_size);
	}
	if (d->msi_irqs || d->c.msi.present) {
		fprintf(out, "%sMSI %u in use", d->msix_irqs || d->c.msix.present ? ", " : "",
			d->msi_irqs);
		if (d->c.msi.present)
			fprintf(out, " of %u", d->c.msi.vectors_cap);
	}
	if (d->is_vf && d->vf_msix_count >= 0)
		fprintf(out, ", %lld MSI-X assigned by PF", d->vf_msix_count);
	fputc('\n', out);
}

/* a sysfs number, or "?" where the attribute could not be read */
static void print_count(long long v, FILE *out)
{
	if (v < 0)
		fputc('?', out);
	else
		fprintf(out, "%lld", v);
}

static void print_sriov_summary(const struct iov_dev *d, FILE *out)
{
	const struct iov_sriov *s = &d->c.sriov;
	const struct iov_sriov_sysfs *k = &d->sriov_sysfs;

	if (s->present) {
		fprintf(out, LABEL "%u of %u VFs enabled (initial %u)%s, VF ID %04x:%04x\n", "SR-IOV:",
			s->num_vfs, s->total_vfs, s->initial_vfs,
			d->c.ari.present ? (s->ari_hierarchy ? ", ARI" : ", ARI capable") : ", no ARI",
			d->vendor, s->vf_device_id);
		fprintf(out, CONT "offset %u, stride %u", s->first_vf_offset, s->vf_stride);
	} else {
		/* config not readable: the kernel's attributes still tell */
		fprintf(out, LABEL, "SR-IOV:");
		print_count(k->numvfs, out);
		fputs(" of ", out);
		print_count(k->totalvfs, out);
		fputs(" VFs enabled", out);
		if (k->offset >= 0 && k->stride >= 0)
			fprintf(out, ", offset %lld, stride %lld", k->offset, k->stride);
	}
	if (k->drivers_autoprobe >= 0)
		fprintf(out, ", autoprobe %s", k->drivers_autoprobe ? "on" : "off");
	if (k->vf_total_msix > 0)
		fprintf(out, ", %lld MSI-X for VFs", k->vf_total_msix);
	fputc('\n', out);
}

static void print_vf_bars(const struct iov_dev *d, FILE *out)
{
	const struct iov_sriov *s = &d->c.sriov;
	unsigned i;
	bool any = false;

	for (i = 0; i < IOV_SRIOV_NBARS; i++) {
		const struct iov_vf_bar *b = &s->vf_bar[i];
		char sz[32];

		if (!b->present || b->upper)
			continue;
		if (b->size)
			out_fmt_size(sz, sizeof(sz), b->size);
		fprintf(out, "%sVF BAR%u %s%s%s", any ? ", " : CONT, i, b->size ? sz : "unassigned",
			b->mem64 ? " 64-bit" : "", b->prefetch ? " pref" : "");
		any = true;
	}
	if (any)
		fputc('\n', out);
}

/* "4 nvme, 2 unbound" over the PF's VFs */
static void print_vf_drivers(const struct iov_dev *pf, FILE *out)
{
	const char *seen[16];
	unsigned counts[16], nseen = 0, unbound = 0, i, j;

	for (i = 0; i < pf->nvfs; i++) {
		const struct iov_dev *vf = pf->vfs[i];

		if (!vf)
			continue;
		if (!vf->driver) {
			unbound++;
			continue;
		}
		for (j = 0; j < nseen && strcmp(seen[j], vf->driver); j++)
			;
		if (j == nseen && nseen < 16) {
			seen[nseen] = vf->driver;
			counts[nseen++] = 0;
		}
		if (j < 16)
			counts[j]++;
	}
	for (j = 0; j < nseen; j++)
		fprintf(out, "%s%u %s", j ? ", " : "", counts[j], seen[j]);
	if (unbound)
		fprintf(out, "%s%u unbound", nseen ? ", " : "", unbound);
}

static void print_vf_summary(const struct inspect_view *v, const struct iov_dev *pf, FILE *out)
{
	const struct iov_dev *first = NULL, *last = NULL;
	char range[OUT_VF_RANGE_LEN];
	unsigned i, n = 0;

	for (i = 0; i < pf->nvfs; i++)
		if (pf->vfs[i]) {
			if (!first)
				first = pf->vfs[i];
			last = pf->vfs[i];
			n++;
		}
	if (!n)
		return;
	fprintf(out, LABEL "%u (%s): ", "VFs:", n,
		out_fmt_vf_range(range, sizeof(range), pf->addr, first->vf_index, last->vf_index));
	print_vf_drivers(pf, out);
	fputc('\n', out);
	if (!v->expand_vfs)
		fprintf(out, CONT "(--vfs lists them)\n");
}

static void print_vf_of(const struct iov_dev *d, FILE *out)
{
	char name[OUT_VF_RANGE_LEN];

	if (d->vf_index < 0) {	/* the PF has no virtfn link to it */
		fprintf(out, LABEL "VF of %s\n", "SR-IOV:", d->physfn_addr);
		return;
	}
	fprintf(out, LABEL "VF %s\n", "SR-IOV:",
		out_fmt_vf_range(name, sizeof(name), d->physfn_addr, d->vf_index, d->vf_index));
}

static void print_acs(const char *label, uint16_t cap, uint16_t ctl, FILE *out)
{
	unsigned b;

	fprintf(out, LABEL, label);
	for (b = 0; b < 7; b++)
		if (cap & (1u << b))
			fprintf(out, "%s%c ", iov_acs_bit_name(b), ctl & (1u << b) ? '+' : '-');
	if (!cap)
		fputs("no ACS controls", out);
	fputc('\n', out);
}

static void print_caps_list(const struct iov_dev *d, FILE *out)
{
	unsigned i;
	int col = 0;

	fprintf(out, LABEL, "Caps:");
	for (i = 0; i < d->caps.n; i++) {
		const struct iov_cap *c = &d->caps.cap[i];
		const char *name = iov_cap_name(c->space, c->id);
		char buf[32];

		if (name)
			snprintf(buf, sizeof(buf), "%s@%03x", name, c->offset);
		else
			snprintf(buf, sizeof(buf), "%s%02x@%03x", c->space ? "ext" : "cap", c->id,
				 c->offset);
		if (col && col + strlen(buf) > 64) {
			fputs("\n" CONT, out);
			col = 0;
		}
		col += fprintf(out, "%s%s", col ? " " : "", buf);
	}
	if (!d->caps.n)
		fputs(d->cfg.len < 256 ? "not readable (run as root)" : "none", out);
	fputc('\n', out);
	if (d->caps.std_status != IOV_WALK_OK && d->caps.std_status != IOV_WALK_UNREAD)
		fprintf(out, CONT "standard list: %s at 0x%02x\n",
			iov_walk_status_str(d->caps.std_status), d->caps.std_bad_off);
	if (d->caps.ext_status != IOV_WALK_OK && d->caps.ext_status != IOV_WALK_UNREAD)
		fprintf(out, CONT "extended list: %s at 0x%03x\n",
			iov_walk_status_str(d->caps.ext_status), d->caps.ext_bad_off);
}

static const char *port_type_str(uint8_t t)
{
	switch (t) {
	case IOV_PORT_ENDPOINT:
		return "Endpoint";
	case IOV_PORT_LEGACY_ENDPOINT:
		return "Legacy Endpoint";
	case IOV_PORT_ROOT_PORT:
		return "Root Port";
	case IOV_PORT_UPSTREAM:
		return "Upstream Port";
	case IOV_PORT_DOWNSTREAM:
		return "Downstream Port";
	case IOV_PORT_PCIE_PCI_BRIDGE:
		return "PCIe to PCI bridge";
	case IOV_PORT_PCI_PCIE_BRIDGE:
		return "PCI to PCIe bridge";
	case IOV_PORT_RC_INTEGRATED:
		return "Root Complex Integrated Endpoint";
	case IOV_PORT_RC_EC:
		return "Root Complex Event Collector";
	}
	return "unknown port type";
}

static void print_pcie(const struct inspect_view *v, const struct iov_pcie *p, FILE *out)
{
	inspect_wrapped(v, out, "PCIe:", "v%u %s, MaxPayload %u/%u B, MaxReadReq %u B%s%s%s",
			p->version, port_type_str(p->port_type), p->max_payload, p->max_payload_cap,
			p->max_read_req, p->flr ? ", FLR" : "", p->has_cap2 ? ", ARI forwarding " : "",
			!p->has_cap2 ? "" : p->ari_fwd_enabled ? "on" : p->ari_fwd_cap ? "off" :
			"unsupported");
	if (p->has_link) {
		char cap[OUT_FMT_LEN], sta[OUT_FMT_LEN];

		fprintf(out, CONT "LnkCap %s, LnkSta %s\n",
			out_fmt_link(cap, sizeof(cap), iov_link_speed_gts(p->link_cap_speed),
				     p->link_cap_width),
			out_fmt_link(sta, sizeof(sta), iov_link_speed_gts(p->link_speed), p->link_width));
	}
}

static void print_features(const struct iov_capset *c, FILE *out)
{
	if (c->ari.present)
		fprintf(out, LABEL "next function %u%s%s\n", "ARI:", c->ari.next_fn,
			c->ari.mfvc_fg ? ", MFVC groups" : "", c->ari.acs_fg ? ", ACS groups" : "");
	if (c->acs.present)
		print_acs("ACS:", c->acs.cap, c->acs.ctrl, out);
	if (c->ats.present)
		fprintf(out, LABEL "%s, STU %u, invalidate queue %u\n", "ATS:",
			c->ats.enabled ? "enabled" : "disabled", c->ats.stu,
			c->ats.invq_depth ? c->ats.invq_depth : 32u);
	if (c->pri.present)
		fprintf(out, LABEL "%s, %u requests capacity, %u allocated\n", "PRI:",
			c->pri.enabled ? "enabled" : "disabled", c->pri.max_requests,
			c->pri.alloc_requests);
	if (c->pasid.present)
		fprintf(out, LABEL "%s, width %u%s%s\n", "PASID:",
			c->pasid.enabled ? "enabled" : "disabled", c->pasid.width,
			c->pasid.exec_cap ? ", exec" : "", c->pasid.priv_cap ? ", privileged" : "");
	if (c->dsn.present)
		fprintf(out, LABEL "%02x-%02x-%02x-%02x-%02x-%02x-%02x-%02x\n", "Serial:",
			(unsigned)(c->dsn.serial >> 56) & 0xff, (unsigned)(c->dsn.serial >> 48) & 0xff,
			(unsigned)(c->dsn.serial >> 40) & 0xff, (unsigned)(c->dsn.serial >> 32) & 0xff,
			(unsigned)(c->dsn.serial >> 24) & 0xff, (unsigned)(c->dsn.serial >> 16) & 0xff,
			(unsigned)(c->dsn.serial >> 8) & 0xff, (unsigned)c->dsn.serial & 0xff);
}

static void print_aer(const struct iov_dev *d, FILE *out)
{
	if (!d->aer_counts.present)
		return;
	char what[400];

	iov_aer_format(&d->aer_counts, what, sizeof(what));
	fprintf(out, LABEL "%s since boot\n", "AER:", what);
	if (d->aer_counts.rootport)
		fprintf(out, CONT "reported to this root port: %llu correctable, %llu non-fatal, %llu fatal\n",
			(unsigned long long)d->aer_counts.rp_cor,
			(unsigned long long)d->aer_counts.rp_nonfatal,
			(unsigned long long)d->aer_counts.rp_fatal);
}

static void print_bars(const struct iov_dev *d, FILE *out)
{
	unsigned i;
	bool first = true;

	for (i = 0; i < d->nres && i <= IOV_RES_ROM; i++) {
		const struct iov_bar *r = &d->res[i];
		char sz[32];

		if (!r->flags || r->end < r->start || (!r->start && !r->end))
			continue;
		out_fmt_size(sz, sizeof(sz), r->end - r->start + 1);
		fprintf(out, first ? LABEL : CONT, "BARs:");
		if (i == IOV_RES_ROM)
			fprintf(out, "ROM");
		else
			fprintf(out, "%u", i);
		fprintf(out, ": %s at 0x%llx, %s%s%s\n", r->flags & IOV_IORES_IO ? "I/O" : "memory",
			(unsigned long long)r->start, sz, r->flags & IOV_IORES_MEM64 ? ", 64-bit" : "",
			r->flags & IOV_IORES_PREFETCH ? ", prefetchable" : "");
		first = false;
	}
}

static void print_power(const struct iov_dev *d, FILE *out)
{
	fprintf(out, LABEL "%s", "Power:", d->power_state[0] ? d->power_state : "unknown");
	if (d->reset_methods)
		fprintf(out, ", reset methods: %s", d->reset_methods);
	fputc('\n', out);
}

static void print_sriov_detail(const struct iov_dev *d, FILE *out)
{
	const struct iov_sriov *s = &d->c.sriov;
	const struct iov_sriov_sysfs *k = &d->sriov_sysfs;

	if (!s->present)
		return;
	fprintf(out, CONT "cap: ARI hierarchy preserved %s, 10-bit tags %s\n",
		s->ari_hier_preserved ? "yes" : "no", s->vf_10bit_tag_cap ? "yes" : "no");
	fprintf(out, CONT "ctl: VF enable %s, MSE %s, ARI hierarchy %s\n",
		s->vf_enable ? "on" : "off", s->vf_mse ? "on" : "off", s->ari_hierarchy ? "on" : "off");
	inspect_text_vf_migration(s, out);
	fprintf(out, CONT "function dependency link %02x, page sizes %08x (system %08x)\n",
		s->func_dep_link, s->supported_page_sizes, s->system_page_size);
	fprintf(out, CONT "sysfs: totalvfs %lld, numvfs %lld, offset %lld, stride %lld, vf_device %llx\n",
		k->totalvfs, k->numvfs, k->offset, k->stride, k->vf_device < 0 ? 0 : k->vf_device);
}

static void print_function(const struct inspect_view *v, struct iov_dev *d, FILE *out)
{
	print_title(v, d, out);
	if (v->verbose)
		print_identity(d, out);
	print_driver(d, out);
	print_numa(v, d, out);
	print_iommu(v, d, out);
	print_link(d, out);
	print_irqs(d, out);
	if (iov_dev_is_pf(d)) {
		print_sriov_summary(d, out);
		if (v->verbose)
			print_vf_bars(d, out);
		if (v->verbose > 1)
			print_sriov_detail(d, out);
		print_vf_summary(v, d, out);
		inspect_text_vfstate(v, d, out);
		inspect_text_vfnet(v, d, out);
	}
	if (d->is_vf) {
		print_vf_of(d, out);
		inspect_text_vfnet_vf(v, d, out);
	}
	inspect_text_virt(v, d, out);
	if (v->verbose) {
		if (d->c.pcie.present)
			print_pcie(v, &d->c.pcie, out);
		print_features(&d->c, out);
		print_aer(d, out);
		print_power(d, out);
		print_bars(d, out);
		print_caps_list(d, out);
	}
	fputc('\n', out);
}

/*
 * "  warning 0000:81:00.0: MESSAGE [id]" and "          fix: HINT", wrapped
 * on a terminal under the message and the hint.
 */
static void print_finding(const struct inspect_view *v, const struct iov_finding *f, FILE *out)
{
	const char *subject = f->dev ? f->dev->addr : "host";
	char *text = NULL;
	int col;

	col = fprintf(out, "  %s%-7s%s %s: ", sev_color(v, f->severity),
		      iov_severity_str(f->severity), reset_color(v), subject);
	col -= strlen(sev_color(v, f->severity)) + strlen(reset_color(v));
	if (asprintf(&text, "%s [%s]", f->message, f->id) < 0)
		text = NULL;
	if (text)
		out_wrap(out, text, v->width, col, 10);
	else
		fprintf(out, "%s [%s]\n", f->message, f->id);
	free(text);
	if (f->hint) {
		fputs("          fix: ", out);
		out_wrap(out, f->hint, v->width, 15, 15);
	}
}

static void print_findings(const struct inspect_view *v, FILE *out)
{
	unsigned counts[3] = { 0 };
	size_t i;

	for (i = 0; i < v->findings.n; i++)
		if (inspect_finding_shown(v, &v->findings.f[i]))
			counts[v->findings.f[i].severity]++;
	if (!counts[0] && !counts[1] && !counts[2]) {
		fprintf(out, "No findings.\n");
		return;
	}
	fprintf(out, "Findings: %u error%s, %u warning%s, %u info\n", counts[2],
		counts[2] == 1 ? "" : "s", counts[1], counts[1] == 1 ? "" : "s", counts[0]);
	for (i = 0; i < v->findings.n; i++) {
		const struct iov_finding *f = &v->findings.f[i];

		if (!inspect_finding_shown(v, f))
			continue;
		print_finding(v, f, out);
	}
}

int inspect_print_text(const struct inspect_view *v, FILE *out)
{
	size_t i, shown = 0;

	if (!v->check_only) {
		for (i = 0; i < v->list->n; i++) {
			struct iov_dev *d = v->list->dev[i];

			if (!v->selected[i])
				continue;
			/* VFs fold into their PF's summary unless asked for */
			if (d->is_vf && !v->expand_vfs && d->pf && inspect_selected(v, d->pf))
				continue;
			print_function(v, d, out);
			shown++;
		}
		if (!shown)
			fprintf(out, "No SR-IOV, passthrough or IOMMU-grouped functions found on this host.\n"
				     "'iovctl inspect --all' lists every function; "
				     "'iovctl inspect --sample' shows an SR-IOV host.\n\n");
	}
	print_findings(v, out);
	return 0;
}
