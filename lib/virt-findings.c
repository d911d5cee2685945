// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Findings about I/O virtualization beyond SR-IOV: Scalable IOV readiness
 * (PASID, page size, IOMMU scalable mode, iommufd), MR-IOV, and sharing
 * with other hosts (non-transparent bridges, partitioned switches). Like the
 * rules in findings.c, they look only at facts that were actually read.
 */
#include "iov-private.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

static int rule_siov_pasid(struct iov_dev *d, struct iov_findings *out)
{
	const struct iov_siov *s = &d->c.siov;

	/* a list cut short may hold PASID beyond the break */
	if (!d->c.pasid.present && d->caps.ext_status == IOV_WALK_OK)
		return iov_finding_fn(out, IOV_F_SIOV_NO_PASID, d, NULL,
					"Scalable IOV DVSEC at 0x%03x but no PASID capability: its interfaces cannot get address spaces of their own",
					s->offset);
	/* unbound, nobody has had the chance to enable it */
	if (d->c.pasid.present && !d->c.pasid.enabled && d->driver)
		return iov_finding_fn(out, IOV_F_SIOV_PASID_OFF, d, NULL,
					"PASID is disabled although %s is bound: Scalable IOV interfaces and shared work queues are unavailable",
					d->driver);
	return 0;
}

static int rule_siov_page_size(struct iov_dev *d, struct iov_findings *out)
{
	const struct iov_siov *s = &d->c.siov;

	if (iov_page_size_valid(s->supported_page_sizes, s->system_page_size))
		return 0;
	return iov_finding_fn(out, IOV_F_SIOV_PAGE_SIZE, d, NULL,
				"Scalable IOV System Page Size 0x%x is not exactly one of the supported sizes 0x%x",
				s->system_page_size, s->supported_page_sizes);
}

static int rule_siov_host(const struct iov_siov_host *h, struct iov_dev *d,
			  struct iov_findings *out)
{
	int r = 0;

	/* without VT-d units (AMD, no IOMMU) ecap says nothing */
	if (h->vtd_units && !h->vtd_scalable)
		r = iov_finding_fn(out, IOV_F_SIOV_NO_SCALABLE_MODE, d, NULL,
				     "none of the %u VT-d unit%s offers scalable mode (ecap bit 40 PASID and bit 43 SMTS)",
				     h->vtd_units, h->vtd_units == 1 ? "" : "s");
	if (r == 0 && !h->iommufd)
		r = iov_finding_fn(out, IOV_F_SIOV_NO_IOMMUFD, d, NULL,
				     "iommufd is not loaded (no /dev/iommu): Scalable IOV interfaces cannot be assigned to guests through the VFIO cdev");
	return r;
}

static int rule_mriov(struct iov_dev *d, struct iov_findings *out)
{
	const struct iov_cap *c = iov_caps_find(&d->caps, IOV_CAP_EXT, IOV_ECAP_ID_MRIOV);

	if (!c)
		return 0;
	return iov_finding_fn(out, IOV_F_MRIOV_PRESENT, d, NULL,
				"Multi-Root I/O Virtualization capability v%u at 0x%03x: only the management host of an MR-aware switch can configure it; this host sees a single-root function",
				c->version, c->offset);
}

static int rule_ntb_driver(struct iov_dev *d, const struct iov_sharing *sh,
			   struct iov_findings *out)
{
	if (!d->driver)
		return iov_finding_fn(out, IOV_F_NTB_NO_DRIVER, d, NULL,
					"non-transparent bridge (class %04x) has no driver: the other host cannot reach this one through it",
					d->class_code >> 8);
	if (!sh->ntb_dev[0])
		return iov_finding_fn(out, IOV_F_NTB_NO_DRIVER, d, NULL,
					"non-transparent bridge bound to %s has no device on the ntb bus (/sys/bus/ntb): NTB clients cannot use it",
					d->driver);
	return 0;
}

/* DMA arriving from the other host is only as isolated as the NTB's group */
static int rule_ntb_group(const struct iov_devlist *list, struct iov_dev *d,
			  struct iov_findings *out)
{
	const struct iov_dev *first = NULL;
	struct iov_isolation iso;
	unsigned i, endpoints = 0;
	int r = 0;

	if (iov_isolation(list, d, &iso) < 0)
		return 0;
	for (i = 0; i < iso.nshared; i++)
		if (!iso.shared[i]->is_bridge && endpoints++ == 0)
			first = iso.shared[i];
	if (iso.known && endpoints)
		r = iov_finding_fn(out, IOV_F_NTB_GROUP_SHARED, d, NULL,
				     "non-transparent bridge shares IOMMU group %d with %u endpoint%s (first %s): traffic from the other host is not isolated from them",
				     d->iommu_group, endpoints, endpoints == 1 ? "" : "s", first->addr);
	iov_isolation_free(&iso);
	return r;
}

static int rule_switch_partitioned(struct iov_dev *d, const struct iov_sharing *sh,
				   struct iov_findings *out)
{
	if (sh->partition_count <= 1)
		return 0;
	return iov_finding_fn(out, IOV_F_SWITCH_PARTITIONED, d, NULL,
				"switch %s is partitioned among %lld hosts (this is partition %lld): its reset or firmware update disrupts them all",
				sh->switchtec, sh->partition_count, sh->partition);
}

static int rules_sharing(struct iov_ctx *ctx, const struct iov_devlist *list, struct iov_dev *d,
			 struct iov_findings *out)
{
	struct iov_sharing sh;
	int r;

	if (!iov_dev_is_ntb(d) && d->vendor != IOV_VENDOR_SWITCHTEC)
		return 0;
	if (iov_sharing_read(ctx, d, &sh) < 0)
		return 0;
	r = rule_switch_partitioned(d, &sh, out);
	if (r == 0 && sh.ntb)
		r = rule_ntb_driver(d, &sh, out);
	if (r == 0 && sh.ntb && list->iommu_groups_present)
		r = rule_ntb_group(list, d, out);
	return r;
}

/* One finding per PF: its VFs on plain vfio-pci that a variant driver could migrate. */
static int rule_vf_variant(struct iov_ctx *ctx, struct iov_dev *pf, struct iov_findings *out)
{
	struct iov_vf_migration m, first_m;
	const struct iov_dev *first = NULL;
	unsigned i, n = 0;
	char hint[512];

	for (i = 0; i < pf->nvfs; i++) {
		const struct iov_dev *vf = pf->vfs[i];

		if (!vf || !vf->driver || strcmp(vf->driver, "vfio-pci") != 0 ||
		    iov_vf_migration(ctx, vf, &m) < 0 || !m.variant[0])
			continue;
		if (n++ == 0) {
			first = vf;
			first_m = m;
		}
	}
	if (!n)
		return 0;
	snprintf(hint, sizeof(hint),
		 "%secho %s > /sys/bus/pci/devices/%s/driver_override; echo %s > /sys/bus/pci/drivers/vfio-pci/unbind; echo %s > /sys/bus/pci/drivers_probe (each VF, guest stopped)",
		 first_m.installed ? "" : "install the module, then ", first_m.variant, first->addr,
		 first->addr, first->addr);
	return iov_finding_fn(out, IOV_F_VF_VARIANT_AVAILABLE, pf, hint,
				"%u VF%s on plain vfio-pci (first %s) although %s%s supports VFIO migration: guests using them cannot be live-migrated",
				n, n == 1 ? "" : "s", first->addr, first_m.variant,
				first_m.installed ? "" : " (not installed)");
}

static void serial_text(const struct iov_dev *d, bool vpd, char *buf, size_t len)
{
	if (vpd)
		snprintf(buf, len, "VPD %s", d->vpd_sn);
	else
		snprintf(buf, len, "%016llx", (unsigned long long)d->c.dsn.serial);
}

/* reported once, on the card's first function */
static int rule_adapter_serial(const struct iov_devlist *list, struct iov_dev *d,
			       struct iov_findings *out)
{
	char s0[IOV_VPD_SN_LEN + 8], s1[IOV_VPD_SN_LEN + 8], where[48];
	struct iov_adapter a;

	if (iov_adapter_of(list, d, &a) < 0 || !a.n || a.fn[0] != d || a.serial_equal)
		return 0;
	serial_text(a.differ[0], a.differ_vpd, s0, sizeof(s0));
	serial_text(a.differ[1], a.differ_vpd, s1, sizeof(s1));
	if (a.slot)
		snprintf(where, sizeof(where), "slot %s", a.slot);
	else
		snprintf(where, sizeof(where), "device %04x:%02x:%02x", d->bdf.domain, d->bdf.bus,
			 d->bdf.dev);
	return iov_finding_fn(out, IOV_F_ADAPTER_SERIAL_MISMATCH, d, NULL,
				"functions of %s report different serial numbers (%s: %s, %s: %s)",
				where, a.differ[0]->addr, s0, a.differ[1]->addr, s1);
}

/* Fibre Channel class 0x0c04: FC HBAs and FCoE initiators (Emulex 19a2:0714) */
static bool is_storage_fn(const struct iov_dev *d)
{
	return (d->class_code >> 8) == 0x0c04;
}

static int rules_adapter_children(struct iov_ctx *ctx, struct iov_dev *d, struct iov_findings *out)
{
	struct iov_children ch;
	unsigned i;
	int r = 0;

	if (is_storage_fn(d) && !d->driver && !d->is_vf)
		return iov_finding_fn(out, IOV_F_STORAGE_NO_DRIVER, d, NULL,
					"Fibre Channel function (class %04x) has no driver: its storage paths are down",
					d->class_code >> 8);
	if (!d->driver || iov_children_read(ctx, d, &ch) < 0)
		return 0;
	for (i = 0; i < ch.n && r == 0; i++) {
		const struct iov_child *c = &ch.c[i];

		if (c->kind == IOV_CHILD_FC_HOST && strcmp(c->state, "Online") != 0)
			r = iov_finding_fn(out, IOV_F_FC_HOST_OFFLINE, d, NULL,
					     "fc_host %s is %s, not Online (port %s)", c->name, c->state,
					     c->port_name[0] ? c->port_name : "?");
		else if (c->kind == IOV_CHILD_FCOE_CTLR && !c->nfcf)
			r = iov_finding_fn(out, IOV_F_FCOE_NO_FCF, d, NULL,
					     "FCoE controller %s on %s found no FCF (Fibre Channel Forwarder): no fabric to log in to",
					     c->name, c->netdev);
		else if (c->kind == IOV_CHILD_FCOE_CTLR && strcmp(c->state, "Connected") != 0)
			r = iov_finding_fn(out, IOV_F_FCOE_FABRIC_DISCONNECTED, d, NULL,
					     "FCoE controller %s on %s: its FCF is %s, not Connected (fabric %s)",
					     c->name, c->netdev, c->state[0] ? c->state : "unknown",
					     c->port_name[0] ? c->port_name : "?");
		else if (c->kind == IOV_CHILD_IB_PORT && strcmp(c->state, "ACTIVE") != 0)
			r = iov_finding_fn(out, IOV_F_RDMA_PORT_DOWN, d, NULL,
					     "%s port %s is %s, not ACTIVE", c->link_layer[0] ? c->link_layer : "RDMA",
					     c->name, c->state[0] ? c->state : "unknown");
	}
	iov_children_free(&ch);
	return r;
}

int iov_findings_virt(struct iov_ctx *ctx, const struct iov_devlist *list,
		      struct iov_findings *out)
{
	struct iov_siov_host host;
	bool host_read = false;
	size_t i;
	int r = 0;

	for (i = 0; i < list->n && r == 0; i++) {
		struct iov_dev *d = list->dev[i];

		r = rule_mriov(d, out);
		if (r == 0)
			r = rules_sharing(ctx, list, d, out);
		if (r == 0 && iov_dev_is_pf(d))
			r = rule_vf_variant(ctx, d, out);
		if (r == 0)
			r = rule_adapter_serial(list, d, out);
		if (r == 0)
			r = rules_adapter_children(ctx, d, out);
		if (r < 0 || !d->c.siov.present)
			continue;
		if (!host_read) {
			r = iov_siov_host_read(ctx, &host);
			if (r < 0)
				return r;
			host_read = true;
		}
		r = rule_siov_pasid(d, out);
		if (r == 0)
			r = rule_siov_page_size(d, out);
		if (r == 0)
			r = rule_siov_host(&host, d, out);
	}
	return r;
}
