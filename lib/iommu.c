// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * IOMMU isolation: who shares a function's group, and why. The reasoning
 * follows the kernel's pci_device_group(): every downstream or root port on
 * the path must have ACS with SV, RR, CR and UF enabled, a multi-function
 * device needs ACS on its functions, and anything behind a conventional PCI
 * bridge shares the bridge's requester ID.
 */
#include "iov-private.h"

#include <errno.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

static bool add_reason(struct iov_isolation *iso, enum iov_iso_reason_kind kind,
		       struct iov_dev *where, const struct iov_acs *acs)
{
	struct iov_iso_reason *r;

	if (iso->nreasons >= IOV_ISO_MAX_REASONS)
		return false;
	r = &iso->reason[iso->nreasons++];
	r->kind = kind;
	r->where = where;
	r->acs_missing = acs ? iov_acs_missing(acs) : IOV_ACS_REQUIRED;
	r->acs_absent = acs && acs->present ? IOV_ACS_REQUIRED & ~acs->cap : IOV_ACS_REQUIRED;
	return true;
}

/* Only ports that route peer-to-peer traffic need ACS for isolation. */
static bool port_needs_acs(const struct iov_dev *b)
{
	return b->c.pcie.present && (b->c.pcie.port_type == IOV_PORT_ROOT_PORT ||
				     b->c.pcie.port_type == IOV_PORT_DOWNSTREAM);
}

uint16_t iov_acs_missing(const struct iov_acs *acs)
{
	return acs->present ? IOV_ACS_REQUIRED & acs->cap & ~acs->ctrl : IOV_ACS_REQUIRED;
}

/* Whether the extended capability list could be read at all. */
static bool ext_caps_known(const struct iov_dev *d)
{
	if (!d->cfg_ok)
		return false;
	if (d->cfg.len >= IOV_CFG_SIZE)
		return true;
	/* conventional PCI has no extended space; a PCIe function we cannot tell */
	return d->caps.std_status == IOV_WALK_OK && !d->c.pcie.present;
}

/*
 * Linux lets ACS decide grouping at root ports and switch downstream ports,
 * and at multifunction devices for peer traffic between their functions.
 * Required controls the port does not implement count as hard-wired on
 * (pci_acs_flags_enabled: "features missing from the capability field can
 * therefore be assumed as hard-wired enabled"). Kernel quirks for chipset
 * root ports without ACS are not known here.
 */
enum iov_acs_state iov_acs_verdict(const struct iov_dev *d, uint16_t *missing,
				   uint16_t *not_capable)
{
	const struct iov_acs *a = &d->c.acs;
	bool port;

	*missing = *not_capable = 0;
	if (d->is_vf)
		return IOV_ACS_NA;
	if (d->c.pcie.present)
		port = d->c.pcie.port_type == IOV_PORT_ROOT_PORT ||
		       d->c.pcie.port_type == IOV_PORT_DOWNSTREAM;
	else
		port = d->is_bridge;	/* port type unknown: judge it as a port */
	if (!port && !d->multifunction)
		return IOV_ACS_NA;
	if (!d->c.pcie.present && d->cfg_ok && d->caps.std_status == IOV_WALK_OK) {
		if (port)
			return IOV_ACS_NA;	/* a PCI bridge: judged as such (iov_isolation) */
		/*
		 * Conventional multi-function: pci_acs_enabled() is false for
		 * non-PCIe functions, so the kernel groups the slot together.
		 */
		*missing = IOV_ACS_REQUIRED;
		*not_capable = IOV_ACS_REQUIRED;
		return IOV_ACS_NONE;
	}
	if (!ext_caps_known(d))
		return IOV_ACS_UNKNOWN;
	*missing = iov_acs_missing(a);
	if (!a->present) {
		*not_capable = IOV_ACS_REQUIRED;
		return IOV_ACS_NONE;
	}
	*not_capable = IOV_ACS_REQUIRED & ~a->cap;
	return *missing ? IOV_ACS_GAP : IOV_ACS_OK;
}


static bool has_slot_peers(const struct iov_devlist *list, const struct iov_dev *d)
{
	size_t i;

	for (i = 0; i < list->n; i++) {
		const struct iov_dev *o = list->dev[i];

		if (o != d && !o->is_vf && o->bdf.domain == d->bdf.domain && o->bdf.bus == d->bdf.bus &&
		    o->bdf.dev == d->bdf.dev)
			return true;
	}
	return false;
}

/* What keeps d from being isolated: gaps on the path, only from data we read. */
static void find_reasons(const struct iov_devlist *list, struct iov_dev *d, struct iov_isolation *iso)
{
	struct iov_dev *b;

	uint16_t missing, absent;
	enum iov_acs_state v;

	/* the same verdict topology shows; conventional functions count too */
	v = iov_acs_verdict(d, &missing, &absent);
	if (iov_acs_lacking(v) && !port_needs_acs(d) &&
	    has_slot_peers(list, d))
		add_reason(iso, IOV_ISO_MULTIFUNCTION, d, &d->c.acs);
	for (b = d->parent; b; b = b->parent) {
		if (b->cfg.len < IOV_CFG_SIZE)
			continue;	/* ACS unknown: say nothing rather than guess */
		if (b->c.pcie.present && b->c.pcie.port_type == IOV_PORT_PCIE_PCI_BRIDGE) {
			add_reason(iso, IOV_ISO_PCI_BRIDGE, b, NULL);
			continue;
		}
		if (!port_needs_acs(b))
			continue;
		v = iov_acs_verdict(b, &missing, &absent);
		if (iov_acs_lacking(v))
			add_reason(iso, v == IOV_ACS_GAP ? IOV_ISO_ACS_BITS : IOV_ISO_NO_ACS, b,
				   &b->c.acs);
	}
}

bool iov_acs_lacking(enum iov_acs_state s)
{
	return s == IOV_ACS_NONE || s == IOV_ACS_GAP;
}

void iov_iso_reason_format(const struct iov_iso_reason *r, char *buf, size_t len)
{
	size_t used;
	unsigned b;

	switch (r->kind) {
	case IOV_ISO_NO_ACS:
		snprintf(buf, len, "no ACS capability on %s", r->where->addr);
		return;
	case IOV_ISO_PCI_BRIDGE:
		snprintf(buf, len, "behind conventional PCI bridge %s", r->where->addr);
		return;
	case IOV_ISO_MULTIFUNCTION:
		snprintf(buf, len, "multi-function device without ACS at %s", r->where->addr);
		return;
	case IOV_ISO_ACS_BITS:
		snprintf(buf, len, "ACS on %s has", r->where->addr);
		for (b = 0; b < 7; b++) {
			used = strlen(buf);
			if (r->acs_missing & (1u << b) && used < len)
				snprintf(buf + used, len - used, " %s", iov_acs_bit_name(b));
		}
		used = strlen(buf);
		if (used < len)
			snprintf(buf + used, len - used, " off");
		return;
	}
	snprintf(buf, len, "?");
}

int iov_isolation(const struct iov_devlist *list, struct iov_dev *d, struct iov_isolation *iso)
{
	const struct iov_group *g;
	unsigned i;

	memset(iso, 0, sizeof(*iso));
	find_reasons(list, d, iso);
	if (!list->iommu_groups_present || d->iommu_group < 0)
		return 0;
	g = iov_devlist_group(list, d->iommu_group);
	if (!g)
		return 0;
	iso->known = true;
	iso->shared = calloc(g->n ? g->n : 1, sizeof(*iso->shared));
	if (!iso->shared)
		return -ENOMEM;
	for (i = 0; i < g->n; i++)
		if (g->members[i] != d)
			iso->shared[iso->nshared++] = g->members[i];
	iso->isolated = iso->nshared == 0;
	return 0;
}

void iov_isolation_free(struct iov_isolation *iso)
{
	free(iso->shared);
	iso->shared = NULL;
	iso->nshared = 0;
}
