// SPDX-License-Identifier: GPL-2.0-or-later
/* Unit tests for lib/topology.c: link arithmetic, tree, bottleneck, ACS, groups. */
#include "iov-topology.h"

#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ck_near(a, b) ck_assert_msg(fabs((a) - (b)) < 1e-6, "%f != %f", (double)(a), (double)(b))

/* ---- link arithmetic ------------------------------------------------------ */

START_TEST(test_encoding)
{
	ck_near(iov_link_encoding_efficiency(2.5), 0.8);
	ck_near(iov_link_encoding_efficiency(5.0), 0.8);
	ck_near(iov_link_encoding_efficiency(8.0), 128.0 / 130.0);
	ck_near(iov_link_encoding_efficiency(16.0), 128.0 / 130.0);
	ck_near(iov_link_encoding_efficiency(32.0), 128.0 / 130.0);
	ck_near(iov_link_encoding_efficiency(64.0), 242.0 / 256.0);
	ck_near(iov_link_encoding_efficiency(0), 0);
}
END_TEST

START_TEST(test_bandwidth)
{
	/* per lane: 2.5 GT/s 8b/10b = 0.25 GB/s; 5 GT/s = 0.5 GB/s */
	ck_near(iov_link_bandwidth_gbps(2.5, 1), 0.25);
	ck_near(iov_link_bandwidth_gbps(5.0, 4), 2.0);
	/* 8 GT/s 128b/130b: 0.984615 GB/s per lane, 15.75 at x16 */
	ck_near(iov_link_bandwidth_gbps(8.0, 1), 8.0 * 128 / 130 / 8);
	ck_near(iov_link_bandwidth_gbps(8.0, 16), 15.753846153846155);
	ck_near(iov_link_bandwidth_gbps(16.0, 16), 31.50769230769231);
	ck_near(iov_link_bandwidth_gbps(32.0, 16), 63.01538461538462);
	/* 64 GT/s FLIT: 242/256 of 8 GB/s per lane */
	ck_near(iov_link_bandwidth_gbps(64.0, 1), 7.5625);
	ck_near(iov_link_bandwidth_gbps(64.0, 16), 121.0);
	ck_near(iov_link_bandwidth_gbps(0, 16), 0);
	ck_near(iov_link_bandwidth_gbps(8.0, 0), 0);
}
END_TEST

/* ---- synthetic hosts ------------------------------------------------------ */

struct host {
	struct iov_devlist list;
	struct iov_dev *dev[32];
};

static int cmp_devp(const void *a, const void *b)
{
	const struct iov_dev *const *x = a, *const *y = b;

	return iov_bdf_cmp(&(*x)->bdf, &(*y)->bdf);
}

/* A PCIe function with readable 4 KiB config and no IOMMU group. */
static struct iov_dev *add(struct host *h, const char *addr, int port_type, struct iov_dev *parent)
{
	struct iov_dev *d = calloc(1, sizeof(*d));

	ck_assert_ptr_nonnull(d);
	ck_assert_int_eq(iov_bdf_parse(addr, &d->bdf), 0);
	iov_bdf_format(&d->bdf, d->addr);
	snprintf(d->root_bus, sizeof(d->root_bus), "pci%04x:00", d->bdf.domain);
	d->parent = parent;
	d->iommu_group = -1;
	d->numa_node = -1;
	d->vf_index = -1;
	d->cfg.len = IOV_CFG_SIZE;
	d->cfg_ok = true;
	d->header_type = 0;
	if (port_type >= 0) {
		d->c.pcie.present = true;
		d->c.pcie.port_type = port_type;
		d->c.pcie.has_link = port_type != IOV_PORT_RC_INTEGRATED &&
				     port_type != IOV_PORT_RC_EC;
	}
	d->is_bridge = port_type == IOV_PORT_ROOT_PORT || port_type == IOV_PORT_UPSTREAM ||
		       port_type == IOV_PORT_DOWNSTREAM;
	d->sriov_sysfs.totalvfs = -1;
	h->dev[h->list.n++] = d;
	return d;
}

static void set_link(struct iov_dev *d, double gts, int w, double max_gts, int max_w)
{
	d->link.speed_gts = gts;
	d->link.width = w;
	d->link.max_speed_gts = max_gts;
	d->link.max_width = max_w;
}

static void set_acs(struct iov_dev *d, uint16_t cap, uint16_t ctrl)
{
	d->c.acs.present = true;
	d->c.acs.cap = cap;
	d->c.acs.ctrl = ctrl;
}

static struct iov_dev *add_vf(struct host *h, struct iov_dev *pf, const char *addr, int idx,
			      const char *driver)
{
	struct iov_dev *vf = add(h, addr, IOV_PORT_ENDPOINT, pf->parent);

	vf->is_vf = true;
	vf->pf = pf;
	vf->vf_index = idx;
	vf->driver = driver ? strdup(driver) : NULL;
	pf->sriov_sysfs.totalvfs = 8;
	return vf;
}

/* Sort, and make IOMMU groups from the functions' group numbers. */
static void finish(struct host *h)
{
	size_t i, j;

	/* as the scan does */
	for (i = 0; i < h->list.n; i++)
		iov_sriov_resolve(h->dev[i]);
	qsort(h->dev, h->list.n, sizeof(h->dev[0]), cmp_devp);
	h->list.dev = h->dev;
	h->list.groups = calloc(h->list.n + 1, sizeof(*h->list.groups));
	for (int g = 0; g < 64; g++) {
		struct iov_group *grp = &h->list.groups[h->list.ngroups];

		for (i = 0; i < h->list.n; i++)
			if (h->dev[i]->iommu_group == g)
				grp->n++;
		if (!grp->n)
			continue;
		grp->id = g;
		grp->members = calloc(grp->n, sizeof(*grp->members));
		for (i = 0, j = 0; i < h->list.n; i++)
			if (h->dev[i]->iommu_group == g)
				grp->members[j++] = h->dev[i];
		h->list.ngroups++;
	}
	h->list.iommu_groups_present = h->list.ngroups > 0;
}

static void host_free(struct host *h)
{
	size_t i;

	for (i = 0; i < h->list.ngroups; i++)
		free(h->list.groups[i].members);
	free(h->list.groups);
	for (i = 0; i < h->list.n; i++) {
		free(h->dev[i]->driver);
		free(h->dev[i]);
	}
}

static struct iov_topo_node *node(struct iov_topo *t, struct host *h, const char *addr)
{
	struct iov_bdf b;

	ck_assert_int_eq(iov_bdf_parse(addr, &b), 0);
	return iov_topo_find(t, iov_devlist_find(&h->list, &b));
}

/*
 * pci0000:00 -> root port 00:01.0 (no ACS) -> switch 01:00.0 (8 GT/s x4
 * uplink) -> downstream 02:00.0 (ACS ok) -> PF 03:00.0 (16 GT/s x16) with
 * two VFs; downstream 02:01.0 (ACS RR/CR off) -> 2-function 04:00.0/.1
 * without ACS. Root port 00:02.0 holds an endpoint at 2.5 GT/s of an
 * 8 GT/s x4 link, and 00:03.0 one whose link is unknown. 00:1f.0 is
 * conventional PCI.
 */
static void build_switch_host(struct host *h)
{
	struct iov_dev *rp, *up, *dn1, *dn2, *pf, *f0, *f1, *rp2, *ep2, *rp3;

	memset(h, 0, sizeof(*h));
	rp = add(h, "0000:00:01.0", IOV_PORT_ROOT_PORT, NULL);
	set_link(rp, 8, 4, 16, 16);
	up = add(h, "0000:01:00.0", IOV_PORT_UPSTREAM, rp);
	set_link(up, 8, 4, 8, 4);
	dn1 = add(h, "0000:02:00.0", IOV_PORT_DOWNSTREAM, up);
	set_acs(dn1, IOV_ACS_REQUIRED | IOV_ACS_TB, IOV_ACS_REQUIRED);
	set_link(dn1, 16, 16, 16, 16);
	dn2 = add(h, "0000:02:01.0", IOV_PORT_DOWNSTREAM, up);
	set_acs(dn2, IOV_ACS_REQUIRED, IOV_ACS_SV | IOV_ACS_UF);
	set_link(dn2, 8, 4, 8, 4);
	pf = add(h, "0000:03:00.0", IOV_PORT_ENDPOINT, dn1);
	pf->c.sriov.present = true;
	set_link(pf, 16, 16, 16, 16);
	add_vf(h, pf, "0000:03:00.2", 1, NULL)->iommu_group = 6;
	add_vf(h, pf, "0000:03:00.1", 0, "vfio-pci")->iommu_group = 5;
	f0 = add(h, "0000:04:00.0", IOV_PORT_ENDPOINT, dn2);
	f1 = add(h, "0000:04:00.1", IOV_PORT_ENDPOINT, dn2);
	f0->multifunction = f1->multifunction = true;
	set_link(f0, 8, 4, 8, 4);
	set_link(f1, 8, 4, 8, 4);
	rp2 = add(h, "0000:00:02.0", IOV_PORT_ROOT_PORT, NULL);
	set_acs(rp2, IOV_ACS_SV | IOV_ACS_UF, IOV_ACS_SV | IOV_ACS_UF);
	set_link(rp2, 2.5, 4, 8, 16);
	ep2 = add(h, "0000:05:00.0", IOV_PORT_ENDPOINT, rp2);
	set_link(ep2, 2.5, 4, 8, 4);
	rp3 = add(h, "0000:00:03.0", IOV_PORT_ROOT_PORT, NULL);
	set_link(rp3, 8, 4, 8, 4);
	add(h, "0000:06:00.0", IOV_PORT_ENDPOINT, rp3);
	/* conventional PCI on the root bus: no link to have */
	add(h, "0000:00:1f.0", -1, NULL);
	/* groups: the root port and all behind it (no ACS there) */
	rp->iommu_group = up->iommu_group = dn1->iommu_group = dn2->iommu_group = 1;
	pf->iommu_group = f0->iommu_group = f1->iommu_group = 1;
	rp2->iommu_group = 2;
	ep2->iommu_group = 3;
	finish(h);
}

START_TEST(test_tree_shape)
{
	struct host h;
	struct iov_topo *t;
	struct iov_topo_node *pf, *up;

	build_switch_host(&h);
	ck_assert_int_eq(iov_topo_build(&h.list, &t), 0);
	ck_assert_uint_eq(t->nhost, 1);
	ck_assert_str_eq(t->host[0]->name, "pci0000:00");
	ck_assert_uint_eq(t->host[0]->nchild, 4);
	ck_assert_str_eq(t->host[0]->child[0]->name, "0000:00:01.0");
	ck_assert_int_eq(t->host[0]->child[0]->kind, IOV_TOPO_ROOT_PORT);
	up = node(t, &h, "01:00.0");
	ck_assert_int_eq(up->kind, IOV_TOPO_SWITCH_UP);
	ck_assert_uint_eq(up->nchild, 2);
	ck_assert_int_eq(up->child[0]->kind, IOV_TOPO_SWITCH_DOWN);
	/* VFs hang under their PF, in virtfn order */
	pf = node(t, &h, "03:00.0");
	ck_assert_int_eq(pf->kind, IOV_TOPO_PF);
	ck_assert_uint_eq(pf->nchild, 2);
	ck_assert_uint_eq(pf->nvfs, 2);
	ck_assert_str_eq(pf->child[0]->name, "0000:03:00.1");
	ck_assert_int_eq(pf->child[0]->kind, IOV_TOPO_VF);
	ck_assert(iov_topo_in_subtree(up, pf->child[1]));
	ck_assert(!iov_topo_in_subtree(pf, up));
	iov_topo_free(t);
	host_free(&h);
}
END_TEST

/*
 * Intel VMD: the endpoint 0000:00:0e.0 holds root bus pci10000:00 in its
 * sysfs directory; that domain's host bridge nests under it. A root bus
 * whose holder is not in the list (10001) stays a tree of its own.
 */
START_TEST(test_vmd_nesting)
{
	struct host h;
	struct iov_topo *t;
	struct iov_dev *vmd, *rp, *ep, *lone;
	struct iov_topo_node *nv, *hv;
	size_t i;

	memset(&h, 0, sizeof(h));
	add(&h, "0000:00:00.0", -1, NULL);
	vmd = add(&h, "0000:00:0e.0", IOV_PORT_RC_INTEGRATED, NULL);
	rp = add(&h, "10000:00:02.0", IOV_PORT_ROOT_PORT, NULL);
	set_link(rp, 8, 4, 8, 4);
	ep = add(&h, "10000:01:00.0", IOV_PORT_ENDPOINT, rp);
	set_link(ep, 16, 4, 16, 4);
	lone = add(&h, "10001:00:00.0", IOV_PORT_ENDPOINT, NULL);
	vmd->syspath = strdup("devices/pci0000:00/0000:00:0e.0");
	rp->syspath = strdup("devices/pci0000:00/0000:00:0e.0/pci10000:00/10000:00:02.0");
	ep->syspath = strdup("devices/pci0000:00/0000:00:0e.0/pci10000:00/10000:00:02.0/10000:01:00.0");
	lone->syspath = strdup("devices/pci0000:00/0000:00:0f.0/pci10001:00/10001:00:00.0");
	finish(&h);
	ck_assert_int_eq(iov_topo_build(&h.list, &t), 0);
	/* three root buses, sorted by their full 32-bit domain */
	ck_assert_uint_eq(t->nhost, 3);
	ck_assert_str_eq(t->host[0]->name, "pci0000:00");
	ck_assert_str_eq(t->host[1]->name, "pci10000:00");
	ck_assert_uint_eq(t->host[1]->domain, 0x10000);
	ck_assert_str_eq(t->host[2]->name, "pci10001:00");
	nv = node(t, &h, "0000:00:0e.0");
	hv = t->host[1];
	ck_assert_ptr_eq(hv->parent, nv);
	ck_assert_uint_eq(nv->nchild, 1);
	ck_assert_ptr_eq(nv->child[0], hv);
	ck_assert_ptr_null(t->host[0]->parent);
	ck_assert_ptr_null(t->host[2]->parent);
	ck_assert(iov_topo_in_subtree(nv, node(t, &h, "10000:01:00.0")));
	/* the drive's bottleneck ends at its root port, not at the VMD endpoint */
	ck_assert_ptr_eq(node(t, &h, "10000:01:00.0")->bottleneck_at, node(t, &h, "10000:00:02.0"));
	iov_topo_free(t);
	for (i = 0; i < h.list.n; i++)
		free(h.dev[i]->syspath);
	host_free(&h);
}
END_TEST

/* A function below a bridge the capture missed, as read_syspath() leaves it. */
static struct iov_dev *add_orphan(struct host *h, const char *addr, const char *syspath,
				  const char *parent_addr)
{
	struct iov_dev *d = add(h, addr, IOV_PORT_ENDPOINT, NULL);

	d->syspath = (char *)syspath;	/* not freed by host_free() */
	snprintf(d->parent_addr, sizeof(d->parent_addr), "%s", parent_addr);
	return d;
}

START_TEST(test_uncaptured_bridge)
{
	static const char p0[] = "devices/pci0000:00/0000:00:01.0/0000:01:00.0/0000:02:03.0/0000:03:00.0";
	static const char p1[] = "devices/pci0000:00/0000:00:01.0/0000:01:00.0/0000:02:03.0/0000:03:00.1";
	struct iov_dev *rp, *up, *e0, *e1;
	struct iov_topo_node *n, *ph;
	struct iov_topo *t;
	struct host h;
	size_t i, used = 0;

	memset(&h, 0, sizeof(h));
	rp = add(&h, "0000:00:01.0", IOV_PORT_ROOT_PORT, NULL);
	up = add(&h, "0000:01:00.0", IOV_PORT_UPSTREAM, rp);
	e0 = add_orphan(&h, "0000:03:00.0", p0, "0000:02:03.0");
	e1 = add_orphan(&h, "0000:03:00.1", p1, "0000:02:03.0");
	set_link(rp, 8, 8, 8, 8);
	set_link(up, 8, 8, 8, 8);
	set_link(e0, 2.5, 1, 8, 1);
	set_link(e1, 8, 1, 8, 1);
	e0->numa_node = e1->numa_node = 1;
	finish(&h);
	ck_assert_int_eq(iov_topo_build(&h.list, &t), 0);
	/* both nest under one placeholder for 02:03.0, below 01:00.0 */
	ck_assert_uint_eq(t->nuncaptured, 1);
	n = node(t, &h, "03:00.0");
	ph = n->parent;
	ck_assert_int_eq(ph->kind, IOV_TOPO_UNCAPTURED);
	ck_assert_ptr_null(ph->dev);
	ck_assert_str_eq(ph->name, "0000:02:03.0");
	ck_assert_ptr_eq(ph->parent, node(t, &h, "01:00.0"));
	ck_assert_ptr_eq(node(t, &h, "03:00.1")->parent, ph);
	ck_assert_uint_eq(ph->nchild, 2);
	ck_assert_int_eq(ph->numa_node, 1);
	ck_assert_str_eq(iov_topo_kind_str(ph->kind), "not_captured");
	/* below its own best, the other end unread: not called downtrained */
	ck_assert(!n->link.downtrained);
	ck_assert(n->link.downtrained_unknown);
	ck_assert(!node(t, &h, "03:00.1")->link.downtrained_unknown);
	/* the placeholder hides no link: the captured ends report them */
	ck_near(n->bottleneck_gbps, iov_link_bandwidth_gbps(2.5, 1));
	/* host bridge, placeholder, four functions */
	for (i = 0; i < t->n; i++)
		used += iov_topo_node_used(t, i);
	ck_assert_uint_eq(used, 6);
	iov_topo_free(t);
	host_free(&h);
}
END_TEST

/* A hostile path naming the function above itself builds no cycle. */
START_TEST(test_uncaptured_loop)
{
	static const char p0[] = "devices/pci0000:00/0000:07:00.0/0000:08:00.0/0000:07:00.0";
	struct iov_topo_node *n, *x;
	struct iov_topo *t;
	struct host h;
	unsigned depth = 0;

	memset(&h, 0, sizeof(h));
	add_orphan(&h, "0000:07:00.0", p0, "0000:08:00.0");
	finish(&h);
	ck_assert_int_eq(iov_topo_build(&h.list, &t), 0);
	n = node(t, &h, "07:00.0");
	ck_assert(!iov_topo_in_subtree(n, n->parent));
	for (x = n; x && depth < 8; x = x->parent)
		depth++;
	ck_assert_uint_lt(depth, 8);
	ck_assert_int_eq(n->parent->kind, IOV_TOPO_HOST);
	iov_topo_free(t);
	host_free(&h);
}
END_TEST

START_TEST(test_bottleneck)
{
	struct host h;
	struct iov_topo *t;
	struct iov_topo_node *pf, *n;

	build_switch_host(&h);
	ck_assert_int_eq(iov_topo_build(&h.list, &t), 0);
	/* a x16 Gen4 PF behind an 8 GT/s x4 switch uplink */
	pf = node(t, &h, "03:00.0");
	ck_near(pf->bottleneck_gbps, iov_link_bandwidth_gbps(8, 4));
	ck_assert_str_eq(pf->bottleneck_at->name, "0000:01:00.0");
	/* VFs share their PF's path */
	ck_near(pf->child[0]->bottleneck_gbps, pf->bottleneck_gbps);
	ck_assert_ptr_eq(pf->child[0]->bottleneck_at, pf->bottleneck_at);
	/* its own link is the slowest */
	n = node(t, &h, "05:00.0");
	ck_near(n->bottleneck_gbps, 1.0);
	ck_assert_ptr_eq(n->bottleneck_at, n);
	/* a hop nobody reports: unknown, not a guess */
	n = node(t, &h, "06:00.0");
	ck_near(n->bottleneck_gbps, 0);
	ck_assert_ptr_null(n->bottleneck_at);
	ck_assert(n->link.applies && !n->link.known);
	/* conventional PCI: no link, so no bottleneck to know */
	n = node(t, &h, "00:1f.0");
	ck_assert_int_eq(n->kind, IOV_TOPO_ENDPOINT);
	ck_assert(!n->link.applies);
	ck_near(n->bottleneck_gbps, 0);
	/* ports have no bottleneck of their own */
	ck_near(node(t, &h, "02:00.0")->bottleneck_gbps, 0);
	iov_topo_free(t);
	host_free(&h);
}
END_TEST

START_TEST(test_downtrained)
{
	struct host h;
	struct iov_topo *t;

	build_switch_host(&h);
	ck_assert_int_eq(iov_topo_build(&h.list, &t), 0);
	/* x16-capable root port holding an x4 switch at full speed: fine */
	ck_assert(!node(t, &h, "00:01.0")->link.downtrained);
	ck_assert_int_eq(node(t, &h, "00:01.0")->link.attainable_width, 4);
	ck_assert(!node(t, &h, "01:00.0")->link.downtrained);
	/* 2.5 GT/s where both ends do 8: downtrained, seen from both ends */
	ck_assert(node(t, &h, "05:00.0")->link.downtrained);
	ck_assert(node(t, &h, "00:02.0")->link.downtrained);
	ck_near(node(t, &h, "00:02.0")->link.attainable_speed_gts, 8);
	ck_assert(!node(t, &h, "06:00.0")->link.known);
	ck_assert(!node(t, &h, "06:00.0")->link.downtrained);
	iov_topo_free(t);
	host_free(&h);
}
END_TEST

START_TEST(test_acs_verdicts)
{
	struct iov_dev d;
	uint16_t miss, nocap;

	memset(&d, 0, sizeof(d));
	d.cfg.len = IOV_CFG_SIZE;
	d.cfg_ok = true;
	d.c.pcie.present = true;
	d.c.pcie.port_type = IOV_PORT_ROOT_PORT;
	d.is_bridge = true;
	/* no capability: every required control missing */
	ck_assert_int_eq(iov_acs_verdict(&d, &miss, &nocap), IOV_ACS_NONE);
	ck_assert_uint_eq(miss, IOV_ACS_REQUIRED);
	/* capable of all, RR and CR off */
	set_acs(&d, IOV_ACS_REQUIRED, IOV_ACS_SV | IOV_ACS_UF);
	ck_assert_int_eq(iov_acs_verdict(&d, &miss, &nocap), IOV_ACS_GAP);
	ck_assert_uint_eq(miss, IOV_ACS_RR | IOV_ACS_CR);
	ck_assert_uint_eq(nocap, 0);
	/* controls a port does not implement count as hard-wired on */
	set_acs(&d, IOV_ACS_SV | IOV_ACS_UF, IOV_ACS_SV | IOV_ACS_UF);
	ck_assert_int_eq(iov_acs_verdict(&d, &miss, &nocap), IOV_ACS_OK);
	ck_assert_uint_eq(nocap, IOV_ACS_RR | IOV_ACS_CR);
	/* egress control and translation blocking are not required */
	set_acs(&d, 0x7f, IOV_ACS_REQUIRED);
	ck_assert_int_eq(iov_acs_verdict(&d, &miss, &nocap), IOV_ACS_OK);
	/* config beyond 64 bytes unreadable: unknown, even with a stale struct */
	d.cfg.len = 64;
	ck_assert_int_eq(iov_acs_verdict(&d, &miss, &nocap), IOV_ACS_UNKNOWN);
	d.cfg.len = IOV_CFG_SIZE;
	/* downstream ports judged, upstream ports and endpoints not */
	d.c.pcie.port_type = IOV_PORT_DOWNSTREAM;
	d.c.acs.present = false;
	ck_assert_int_eq(iov_acs_verdict(&d, &miss, &nocap), IOV_ACS_NONE);
	d.c.pcie.port_type = IOV_PORT_UPSTREAM;
	ck_assert_int_eq(iov_acs_verdict(&d, &miss, &nocap), IOV_ACS_NA);
	d.c.pcie.port_type = IOV_PORT_ENDPOINT;
	d.is_bridge = false;
	ck_assert_int_eq(iov_acs_verdict(&d, &miss, &nocap), IOV_ACS_NA);
	/* ...unless multifunction: peers can talk without ACS */
	d.multifunction = true;
	ck_assert_int_eq(iov_acs_verdict(&d, &miss, &nocap), IOV_ACS_NONE);
	d.is_vf = true;
	ck_assert_int_eq(iov_acs_verdict(&d, &miss, &nocap), IOV_ACS_NA);
	/*
	 * conventional multi-function (capability list read, no PCIe): no ACS
	 * at all, so its functions group together (ICH9 00:1f.x in the sample)
	 */
	d.is_vf = false;
	d.c.pcie.present = false;
	d.c.acs.present = false;
	d.cfg.len = 256;
	ck_assert_int_eq(iov_acs_verdict(&d, &miss, &nocap), IOV_ACS_NONE);
	ck_assert_uint_eq(miss, IOV_ACS_REQUIRED);
	ck_assert_uint_eq(nocap, IOV_ACS_REQUIRED);
	/* a conventional single-function endpoint: nothing to judge */
	d.multifunction = false;
	ck_assert_int_eq(iov_acs_verdict(&d, &miss, &nocap), IOV_ACS_NA);
	/* a conventional PCI bridge: not judged by ACS either */
	d.is_bridge = true;
	ck_assert_int_eq(iov_acs_verdict(&d, &miss, &nocap), IOV_ACS_NA);
	/* a PCIe multi-function device whose extended space is unread: unknown */
	d.is_bridge = false;
	d.multifunction = true;
	d.c.pcie.present = true;
	d.c.pcie.port_type = IOV_PORT_ENDPOINT;
	ck_assert_int_eq(iov_acs_verdict(&d, &miss, &nocap), IOV_ACS_UNKNOWN);
}
END_TEST

START_TEST(test_groups)
{
	struct host h;
	struct iov_topo *t;
	struct iov_topo_node *n;

	build_switch_host(&h);
	ck_assert_int_eq(iov_topo_build(&h.list, &t), 0);
	/* the root port's group holds only functions below it */
	n = node(t, &h, "00:01.0");
	ck_assert_uint_eq(n->ngroup_shared, 0);
	ck_assert_int_eq(n->acs, IOV_ACS_NONE);
	ck_assert_uint_eq(n->ngroups_below, 3);
	ck_assert_int_eq(n->groups_below[0], 1);
	ck_assert_int_eq(n->groups_below[1], 5);
	ck_assert_int_eq(n->groups_below[2], 6);
	/* the PF shares with the root port, the switch and 04:00.x */
	n = node(t, &h, "03:00.0");
	ck_assert_uint_eq(n->ngroup_shared, 6);
	/* the downstream port with RR/CR off merges the two functions below */
	n = node(t, &h, "02:01.0");
	ck_assert_int_eq(n->acs, IOV_ACS_GAP);
	ck_assert_uint_eq(n->acs_missing, IOV_ACS_RR | IOV_ACS_CR);
	ck_assert_int_eq(node(t, &h, "04:00.1")->acs, IOV_ACS_NONE);
	ck_assert_uint_ge(node(t, &h, "04:00.1")->ngroup_shared, 1);
	/* alone in a group, or no group at all: nothing shared */
	ck_assert_uint_eq(node(t, &h, "05:00.0")->ngroup_shared, 0);
	ck_assert_uint_eq(node(t, &h, "06:00.0")->ngroup_shared, 0);
	ck_assert_int_eq(node(t, &h, "00:02.0")->acs, IOV_ACS_OK);
	ck_assert(t->iommu);
	iov_topo_free(t);
	host_free(&h);
}
END_TEST

START_TEST(test_vf_summary)
{
	struct host h;
	struct iov_topo *t;
	struct iov_vf_summary s;

	build_switch_host(&h);
	ck_assert_int_eq(iov_topo_build(&h.list, &t), 0);
	iov_topo_vf_summary(node(t, &h, "03:00.0"), &s);
	ck_assert_uint_eq(s.n, 2);
	ck_assert_int_eq(s.first_index, 0);
	ck_assert_int_eq(s.last_index, 1);
	ck_assert_uint_eq(s.ndrv, 1);
	ck_assert_str_eq(s.drv[0].driver, "vfio-pci");
	ck_assert_uint_eq(s.unbound, 1);
	ck_assert_int_eq(s.group_min, 5);
	ck_assert_int_eq(s.group_max, 6);
	ck_assert_int_eq(s.numa_node, -1);
	ck_assert_uint_eq(s.shared, 0);
	iov_topo_free(t);
	host_free(&h);
}
END_TEST

START_TEST(test_select)
{
	struct host h;
	struct iov_topo *t;
	struct iov_topo_node *pf;

	build_switch_host(&h);
	h.dev[0]->numa_node = 1;	/* 00:01.0 after sorting */
	ck_assert_int_eq(iov_topo_build(&h.list, &t), 0);
	pf = node(t, &h, "03:00.0");
	iov_topo_select_subtree(t, pf);
	ck_assert(pf->selected && pf->child[1]->selected);
	ck_assert(node(t, &h, "01:00.0")->selected && t->host[0]->selected);
	ck_assert(!node(t, &h, "02:01.0")->selected);
	ck_assert(!node(t, &h, "00:02.0")->selected);
	iov_topo_free(t);

	ck_assert_int_eq(iov_topo_build(&h.list, &t), 0);
	ck_assert_uint_eq(iov_topo_select_numa(t, 1), 1);
	ck_assert(node(t, &h, "00:01.0")->selected && t->host[0]->selected);
	ck_assert(!node(t, &h, "01:00.0")->selected);
	ck_assert_int_eq(t->host[0]->numa_node, -1);	/* children disagree */
	iov_topo_free(t);
	host_free(&h);
}
END_TEST

START_TEST(test_empty)
{
	struct iov_devlist list;
	struct iov_topo *t;

	memset(&list, 0, sizeof(list));
	ck_assert_int_eq(iov_topo_build(&list, &t), 0);
	ck_assert_uint_eq(t->nhost, 0);
	ck_assert(!t->iommu);
	iov_topo_free(t);
}
END_TEST

static Suite *topology_suite(void)
{
	Suite *s = suite_create("topology");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_encoding);
	tcase_add_test(tc, test_bandwidth);
	tcase_add_test(tc, test_tree_shape);
	tcase_add_test(tc, test_vmd_nesting);
	tcase_add_test(tc, test_bottleneck);
	tcase_add_test(tc, test_uncaptured_bridge);
	tcase_add_test(tc, test_uncaptured_loop);
	tcase_add_test(tc, test_downtrained);
	tcase_add_test(tc, test_acs_verdicts);
	tcase_add_test(tc, test_groups);
	tcase_add_test(tc, test_vf_summary);
	tcase_add_test(tc, test_select);
	tcase_add_test(tc, test_empty);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(topology_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
