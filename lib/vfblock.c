// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Why a PF cannot enable (all of) its VFs, from what sysfs and config space
 * tell: the reasons the kernel's sriov_enable() and pci_iov_add_virtfn()
 * refuse, or the firmware left no room for.
 */
#include "iov-host.h"
#include "iov-private.h"

#include <errno.h>
#include <string.h>

bool iov_vf_bars_unassigned(const struct iov_dev *d)
{
	const struct iov_sriov *s = &d->c.sriov;
	unsigned i;
	bool any = false;

	if (!s->present || !d->has_resource || d->nres < IOV_RES_SRIOV + IOV_SRIOV_NBARS)
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

int iov_bridge_buses(const struct iov_dev *b, uint8_t *secondary, uint8_t *subordinate)
{
	/* PCI_SECONDARY_BUS 0x19, PCI_SUBORDINATE_BUS 0x1a: inside the 64 bytes anyone may read */
	if (!b->is_bridge || !iov_cfg_has(&b->cfg, 0x18, 4))
		return -ENODATA;
	*secondary = iov_cfg_u8(&b->cfg, 0x19);
	*subordinate = iov_cfg_u8(&b->cfg, 0x1a);
	return 0;
}


/* Routing ID of VF i, unbounded (beyond 0xffff means beyond bus 255). */
static int vf_rid(const struct iov_dev *pf, unsigned i, unsigned *rid)
{
	struct iov_bdf b;
	int r = iov_sriov_vf_rid(pf, i, &b);

	if (r == -ERANGE) {
		*rid = 0x10000;
		return 0;
	}
	if (r < 0)
		return r;
	*rid = iov_bdf_rid(&b);
	return 0;
}

static void check_bus_range(const struct iov_dev *pf, unsigned total, struct iov_vf_block *out)
{
	const struct iov_dev *br = pf->parent;
	uint8_t sec, sub;
	unsigned rid, i;

	if (!br || iov_bridge_buses(br, &sec, &sub) < 0 || vf_rid(pf, total - 1, &rid) < 0)
		return;
	if ((rid >> 8) <= sub)
		return;
	out->bus_range = true;
	out->bridge = br;
	out->subordinate = sub;
	out->last_vf_bus = rid > 0xffff ? 0xff : rid >> 8;
	/* how many would fit: the kernel refuses any NumVFs whose last VF is out of range */
	for (i = 0; i < total && vf_rid(pf, i, &rid) == 0 && (rid >> 8) <= sub; i++)
		;
	out->vfs_fit = i;
}

void iov_vf_block(const struct iov_devlist *list, const struct iov_dev *pf, struct iov_vf_block *out)
{
	long long total = pf->sriov.total_vfs, num = pf->sriov.num_vfs;

	(void)list;
	memset(out, 0, sizeof(*out));
	if (pf->is_vf || total < 0 || (pf->cfg.len >= IOV_CFG_SIZE && !pf->c.sriov.present))
		return;
	if (total == 0) {
		out->applies = true;
		out->total_zero = true;
		return;
	}
	if (num >= total)
		return;
	out->applies = true;
	out->no_driver = !pf->driver;
	out->bars_unassigned = iov_vf_bars_unassigned(pf);
	/* ARI forwarding is the vfs-without-ari rule's business */
	check_bus_range(pf, (unsigned)total, out);
}
