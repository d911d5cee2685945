// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The annotated PCIe tree: structure from the kernel's device paths (VFs
 * moved under their PF), link bandwidth and path bottlenecks, ACS gaps and
 * IOMMU groups shared outside a subtree. Pure: works on a scanned list.
 */
#include "iov-topology.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- link arithmetic ------------------------------------------------------ */

double iov_link_encoding_efficiency(double speed_gts)
{
	if (speed_gts <= 0)
		return 0;
	/* PCIe 1.x and 2.x: 8b/10b */
	if (speed_gts <= 5.0)
		return 8.0 / 10.0;
	/* PCIe 3.0 to 5.0: 128b/130b */
	if (speed_gts <= 32.0)
		return 128.0 / 130.0;
	/*
	 * PCIe 6.0 (64 GT/s) runs in FLIT mode only: 256-byte flits carrying
	 * 236 bytes of TLP payload, 6 of DLP, 8 of CRC and 6 of FEC. We count
	 * the 242 bytes of TLP + DLP as usable, as the PCI-SIG's own figures
	 * do; the same holds for 128 GT/s (PCIe 7.0).
	 */
	return 242.0 / 256.0;
}

double iov_link_bandwidth_gbps(double speed_gts, int width)
{
	if (speed_gts <= 0 || width <= 0)
		return 0;
	return speed_gts * iov_link_encoding_efficiency(speed_gts) / 8.0 * width;
}

static bool link_applies(const struct iov_dev *d)
{
	if (d->link.speed_gts > 0 || d->link.width > 0 || d->link.max_width > 0)
		return true;	/* the kernel says there is one */
	if (d->c.pcie.present)
		return d->c.pcie.has_link;
	/* capability list read whole and no PCIe: conventional PCI */
	return !(d->cfg_ok && d->caps.std_status == IOV_WALK_OK);
}

static void fill_link(struct iov_topo_link *l, const struct iov_dev *d)
{
	const struct iov_link *k = &d->link;

	memset(l, 0, sizeof(*l));
	l->applies = link_applies(d);
	l->speed_gts = k->speed_gts;
	l->width = k->width;
	l->max_speed_gts = k->max_speed_gts;
	l->max_width = k->max_width;
	l->known = k->speed_gts > 0 && k->width > 0;
	l->gbps = iov_link_bandwidth_gbps(k->speed_gts, k->width);
	l->max_gbps = iov_link_bandwidth_gbps(k->max_speed_gts, k->max_width);
	l->attainable_speed_gts = k->max_speed_gts;
	l->attainable_width = k->max_width;
}

static bool is_port(const struct iov_topo_node *n)
{
	return n->kind == IOV_TOPO_ROOT_PORT || n->kind == IOV_TOPO_SWITCH_DOWN;
}

/* The function at the other end of n's link, when the tree tells. */
static const struct iov_topo_node *link_partner(const struct iov_topo_node *n)
{
	unsigned i;

	if (n->kind == IOV_TOPO_VF || n->kind == IOV_TOPO_BRIDGE)
		return NULL;	/* no link, or which side it faces is unknown */
	if (is_port(n)) {
		for (i = 0; i < n->nchild; i++)
			if (n->child[i]->kind != IOV_TOPO_VF && n->child[i]->link.max_width > 0)
				return n->child[i];
		return NULL;
	}
	return n->parent && is_port(n->parent) ? n->parent : NULL;
}

/*
 * A link trains to the best speed and width both ends support, so a root
 * port capable of x16 holding an x4 card is not downtrained (lspci would
 * say "downgraded" there: it looks at one end only).
 */
static void link_downtrained(struct iov_topo_node *n)
{
	struct iov_topo_link *l = &n->link;
	const struct iov_topo_node *p = link_partner(n);
	bool below;

	if (p && p->link.max_speed_gts > 0 &&
	    (l->attainable_speed_gts <= 0 || p->link.max_speed_gts < l->attainable_speed_gts))
		l->attainable_speed_gts = p->link.max_speed_gts;
	if (p && p->link.max_width > 0 &&
	    (l->attainable_width <= 0 || p->link.max_width < l->attainable_width))
		l->attainable_width = p->link.max_width;
	below = l->known &&
		((l->attainable_speed_gts > 0 && l->speed_gts < l->attainable_speed_gts) ||
		 (l->attainable_width > 0 && l->width < l->attainable_width));
	/* the port above was not captured: below this end's best, the rest unknown */
	if (!p && n->parent && n->parent->kind == IOV_TOPO_UNCAPTURED)
		l->downtrained_unknown = below;
	else
		l->downtrained = below;
}

/* ---- kinds and ACS -------------------------------------------------------- */

static enum iov_topo_kind dev_kind(const struct iov_dev *d)
{
	if (d->is_vf)
		return IOV_TOPO_VF;
	if (d->c.pcie.present) {
		switch (d->c.pcie.port_type) {
		case IOV_PORT_ROOT_PORT:
			return IOV_TOPO_ROOT_PORT;
		case IOV_PORT_UPSTREAM:
			return IOV_TOPO_SWITCH_UP;
		case IOV_PORT_DOWNSTREAM:
			return IOV_TOPO_SWITCH_DOWN;
		case IOV_PORT_PCIE_PCI_BRIDGE:
		case IOV_PORT_PCI_PCIE_BRIDGE:
			return IOV_TOPO_PCI_BRIDGE;
		case IOV_PORT_RC_INTEGRATED:
			return iov_dev_is_pf(d) ? IOV_TOPO_PF : IOV_TOPO_RC_ENDPOINT;
		case IOV_PORT_RC_EC:
			return IOV_TOPO_RC_EC;
		}
	}
	if (d->is_bridge)
		return IOV_TOPO_BRIDGE;
	return iov_dev_is_pf(d) ? IOV_TOPO_PF : IOV_TOPO_ENDPOINT;
}

/* ---- building ------------------------------------------------------------- */

static int cmp_node(const void *a, const void *b)
{
	const struct iov_topo_node *const *x = a, *const *y = b;

	if ((*x)->kind == IOV_TOPO_UNCAPTURED || (*y)->kind == IOV_TOPO_UNCAPTURED)
		return strcmp((*x)->name, (*y)->name);
	if (!(*x)->dev || !(*y)->dev) {
		if ((*x)->domain != (*y)->domain)
			return (*x)->domain < (*y)->domain ? -1 : 1;
		return (int)(*x)->bus - (int)(*y)->bus;
	}
	/* a PF's VFs in virtfn order (their addresses follow it too, as a rule) */
	if ((*x)->kind == IOV_TOPO_VF && (*y)->kind == IOV_TOPO_VF)
		return (*x)->dev->vf_index - (*y)->dev->vf_index;
	return iov_bdf_cmp(&(*x)->dev->bdf, &(*y)->dev->bdf);
}

static int add_child(struct iov_topo_node *p, struct iov_topo_node *c)
{
	struct iov_topo_node **nc;

	/* grown in powers of two */
	if ((p->nchild & (p->nchild - 1)) == 0) {
		nc = realloc(p->child, (p->nchild ? 2 * p->nchild : 1) * sizeof(*nc));
		if (!nc)
			return -ENOMEM;
		p->child = nc;
	}
	p->child[p->nchild++] = c;
	c->parent = p;
	if (c->kind == IOV_TOPO_VF)
		p->nvfs++;
	return 0;
}

static struct iov_topo_node *host_for(struct iov_topo *t, const char *root_bus)
{
	struct iov_topo_node *h;
	unsigned i, dom, bus;

	for (i = 0; i < t->nhost; i++)
		if (strcmp(t->host[i]->name, root_bus) == 0)
			return t->host[i];
	h = &t->node[t->nhost];
	h->kind = IOV_TOPO_HOST;
	h->numa_node = -1;
	snprintf(h->name, sizeof(h->name), "%s", root_bus);
	if (sscanf(root_bus, "pci%8x:%2x", &dom, &bus) == 2) {
		h->domain = dom;
		h->bus = bus;
	}
	t->host[t->nhost++] = h;
	return h;
}

struct iov_topo_node *iov_topo_find(const struct iov_topo *t, const struct iov_dev *d)
{
	size_t lo = 0, hi, base = t->n - t->list->n;

	/* function nodes follow the host bridges in the list's (address) order */
	hi = t->list->n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = iov_bdf_cmp(&t->node[base + mid].dev->bdf, &d->bdf);

		if (c == 0)
			return &t->node[base + mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

bool iov_topo_in_subtree(const struct iov_topo_node *n, const struct iov_topo_node *a)
{
	for (; a; a = a->parent)
		if (a == n)
			return true;
	return false;
}

/*
 * The function whose sysfs directory holds d's root bus, as an Intel VMD
 * endpoint holds pci10000:00 (devices/pci0000:00/0000:00:0e.0/pci10000:00/...):
 * the kernel's parent of that domain. NULL for a root bus of the firmware's.
 */
static struct iov_topo_node *root_bus_holder(const struct iov_topo *t, const struct iov_dev *d)
{
	char pat[sizeof(d->root_bus) + 2], addr[IOV_BDF_STRLEN];
	const char *p, *start;
	struct iov_dev *holder;
	struct iov_bdf b;

	/* an uncaptured bridge has no function of its own */
	if (!d || !d->syspath || !d->root_bus[0])
		return NULL;
	snprintf(pat, sizeof(pat), "/%s/", d->root_bus);
	p = strstr(d->syspath, pat);
	if (!p)
		return NULL;
	for (start = p; start > d->syspath && start[-1] != '/'; start--)
		;
	if ((size_t)(p - start) >= sizeof(addr))
		return NULL;
	snprintf(addr, sizeof(addr), "%.*s", (int)(p - start), start);
	if (!iov_bdf_canonical(addr, &b) || !(holder = iov_devlist_find(t->list, &b)))
		return NULL;
	return iov_topo_find(t, holder);
}

/* Hang each root bus a function holds under that function, as sysfs does. */
static int nest_held_roots(struct iov_topo *t)
{
	unsigned i;
	int r;

	for (i = 0; i < t->nhost; i++) {
		struct iov_topo_node *h = t->host[i], *f;

		if (!h->nchild || !(f = root_bus_holder(t, h->child[0]->dev)) ||
		    iov_topo_in_subtree(h, f))
			continue;
		r = add_child(f, h);
		if (r < 0)
			return r;
	}
	return 0;
}

bool iov_topo_node_used(const struct iov_topo *t, size_t i)
{
	if (i < t->n_host_slots)
		return i < t->nhost;
	if (i < t->n - t->list->n)
		return i - t->n_host_slots < t->nuncaptured;
	return i < t->n;
}

/*
 * A full "domain:bus:dev.fn" path component, copied to out. Judged by
 * shape and the parser, not by length, so that wider domains still pass.
 */
static bool path_bdf(const char *p, size_t len, char *out, size_t outlen)
{
	struct iov_bdf b;
	const char *c;

	if (len >= outlen)
		return false;
	memcpy(out, p, len);
	out[len] = '\0';
	c = strchr(out, ':');
	return c && strchr(c + 1, ':') && iov_bdf_parse(out, &b) == 0;
}

/* Calls fn for each BDF-shaped component of a sysfs path but the last. */
static int for_each_path_bdf(const char *syspath,
			     int (*fn)(void *data, const char *addr), void *data)
{
	char last[sizeof(((struct iov_topo_node *)0)->name)] = "";
	const char *p;
	int r;

	for (p = syspath; *p; p += strcspn(p, "/"), p += *p == '/') {
		char part[sizeof(last)];

		if (!path_bdf(p, strcspn(p, "/"), part, sizeof(part)))
			continue;
		if (last[0]) {
			r = fn(data, last);
			if (r < 0)
				return r;
		}
		memcpy(last, part, sizeof(last));
	}
	return 0;
}

static int count_path_bdf(void *data, const char *addr)
{
	(void)addr;
	++*(size_t *)data;
	return 0;
}

struct path_walk {
	struct iov_topo *t;
	struct iov_topo_node *cur;	/* the deepest node of the path so far */
};

static struct iov_topo_node *uncaptured_for(struct iov_topo *t, const char *addr,
					    struct iov_topo_node *parent)
{
	struct iov_topo_node *n = &t->node[t->n_host_slots];
	unsigned i;

	for (i = 0; i < t->nuncaptured; i++)
		if (strcmp(n[i].name, addr) == 0)
			return &n[i];
	n = &n[t->nuncaptured++];
	n->kind = IOV_TOPO_UNCAPTURED;
	n->numa_node = -1;
	snprintf(n->name, sizeof(n->name), "%s", addr);
	return add_child(parent, n) < 0 ? NULL : n;
}

/* One step down a function's path: a captured function, or a placeholder. */
static int walk_path_bdf(void *data, const char *addr)
{
	struct path_walk *w = data;
	struct iov_bdf b;
	struct iov_dev *d;

	if (iov_bdf_parse(addr, &b) < 0)
		return 0;
	d = iov_devlist_find(w->t->list, &b);
	if (d) {
		w->cur = iov_topo_find(w->t, d);
		return 0;
	}
	w->cur = uncaptured_for(w->t, addr, w->cur);
	return w->cur ? 0 : -ENOMEM;
}

/*
 * Where a function hangs: its PF, its parent bridge, or, when that bridge
 * was not captured, a placeholder below the last ancestor that was (so
 * 60:00.0 in .../5e:00.0/5f:03.0/60:00.0 still nests under 5e:00.0).
 */
static int attach_point(struct iov_topo *t, const struct iov_dev *d, struct iov_topo_node **out)
{
	struct path_walk w = { .t = t };
	int r;

	*out = NULL;
	if (d->is_vf && d->pf) {
		*out = iov_topo_find(t, d->pf);
		return 0;
	}
	if (d->parent) {
		*out = iov_topo_find(t, d->parent);
		return 0;
	}
	w.cur = host_for(t, d->root_bus[0] ? d->root_bus : "pci????:??");
	if (d->parent_addr[0] && d->syspath) {
		r = for_each_path_bdf(d->syspath, walk_path_bdf, &w);
		if (r < 0)
			return r;
	}
	*out = w.cur;
	return 0;
}

static int link_nodes(struct iov_topo *t)
{
	size_t i, base = t->n - t->list->n;
	int r;

	for (i = base; i < t->n; i++) {
		struct iov_topo_node *n = &t->node[i], *p;

		r = attach_point(t, n->dev, &p);
		if (r < 0)
			return r;
		/* a hostile tree's paths can loop: never hang a node below itself */
		if (!p || iov_topo_in_subtree(n, p))
			p = host_for(t, n->dev->root_bus[0] ? n->dev->root_bus : "pci????:??");
		r = add_child(p, n);
		if (r < 0)
			return r;
	}
	r = nest_held_roots(t);
	if (r < 0)
		return r;
	for (i = 0; i < t->n; i++)
		if (t->node[i].nchild > 1)
			qsort(t->node[i].child, t->node[i].nchild, sizeof(*t->node[i].child), cmp_node);
	qsort(t->host, t->nhost, sizeof(*t->host), cmp_node);
	return 0;
}

/*
 * Every function on the way up reports a link of this path: an endpoint or
 * upstream port the link above it, a root or downstream port the link below
 * it (the one towards us). So the minimum over the path is the bottleneck,
 * whatever the port types; a function with no link known leaves it unknown.
 */
static void bottleneck(struct iov_topo_node *n)
{
	const struct iov_topo_node *x, *at = NULL;
	double min = 0;

	if (n->kind == IOV_TOPO_VF) {
		if (n->parent && n->parent->kind == IOV_TOPO_PF) {
			n->bottleneck_gbps = n->parent->bottleneck_gbps;
			n->bottleneck_at = n->parent->bottleneck_at;
		}
		return;
	}
	if ((n->kind != IOV_TOPO_ENDPOINT && n->kind != IOV_TOPO_PF) || !n->link.applies)
		return;
	for (x = n; x && x->kind != IOV_TOPO_HOST; x = x->parent) {
		/* a link has two ends: the captured one reports it */
		if (x->kind == IOV_TOPO_UNCAPTURED)
			continue;
		if (!x->link.known)
			return;
		if (!at || x->link.gbps < min) {
			min = x->link.gbps;
			at = x;
		}
	}
	n->bottleneck_gbps = min;
	n->bottleneck_at = at;
}

static int add_group(int **v, unsigned *n, int g)
{
	unsigned i;
	int *nv;

	for (i = 0; i < *n; i++)
		if ((*v)[i] == g)
			return 0;
	nv = realloc(*v, (*n + 1) * sizeof(*nv));
	if (!nv)
		return -ENOMEM;
	*v = nv;
	nv[(*n)++] = g;
	return 0;
}

static int collect_groups(struct iov_topo_node *top, const struct iov_topo_node *n)
{
	unsigned i;
	int r;

	if (n != top && n->dev && n->dev->iommu_group >= 0) {
		r = add_group(&top->groups_below, &top->ngroups_below, n->dev->iommu_group);
		if (r < 0)
			return r;
	}
	for (i = 0; i < n->nchild; i++) {
		r = collect_groups(top, n->child[i]);
		if (r < 0)
			return r;
	}
	return 0;
}

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

static int isolation(struct iov_topo *t, struct iov_topo_node *n)
{
	const struct iov_group *g;
	unsigned i;
	int r;

	n->acs = iov_acs_verdict(n->dev, &n->acs_missing, &n->acs_not_capable);
	if (n->acs == IOV_ACS_NONE || n->acs == IOV_ACS_GAP) {
		r = collect_groups(n, n);
		if (r < 0)
			return r;
		/* qsort(NULL, 0, ...) is undefined: no groups below, no array */
		if (n->ngroups_below > 1)
			qsort(n->groups_below, n->ngroups_below, sizeof(int), cmp_int);
	}
	if (n->dev->iommu_group < 0)
		return 0;
	g = iov_devlist_group(t->list, n->dev->iommu_group);
	if (!g || g->n < 2)
		return 0;
	for (i = 0; i < g->n; i++)
		if (!iov_topo_in_subtree(n, iov_topo_find(t, g->members[i])))
			n->ngroup_shared++;
	if (!n->ngroup_shared)
		return 0;
	n->group_shared = calloc(n->ngroup_shared, sizeof(*n->group_shared));
	if (!n->group_shared)
		return -ENOMEM;
	n->ngroup_shared = 0;
	for (i = 0; i < g->n; i++)
		if (!iov_topo_in_subtree(n, iov_topo_find(t, g->members[i])))
			n->group_shared[n->ngroup_shared++] = g->members[i];
	return 0;
}

/* A host or uncaptured bridge's node is its children's when they all agree. */
static void host_numa(struct iov_topo_node *h)
{
	unsigned i;

	h->numa_node = -1;
	for (i = 0; i < h->nchild; i++) {
		int nn = h->child[i]->numa_node;

		if (nn < 0 || (i && nn != h->numa_node)) {
			h->numa_node = -1;
			return;
		}
		h->numa_node = nn;
	}
}

/* Parents before children: a preorder walk fills bottlenecks top-down. */
static void fill_preorder(struct iov_topo_node *n)
{
	unsigned i;

	if (n->dev)
		bottleneck(n);
	for (i = 0; i < n->nchild; i++)
		fill_preorder(n->child[i]);
}

int iov_topo_build(const struct iov_devlist *list, struct iov_topo **out)
{
	struct iov_topo *t;
	size_t i, base, nph = 0;
	int r = -ENOMEM;

	*out = NULL;
	t = calloc(1, sizeof(*t));
	if (!t)
		return -ENOMEM;
	t->list = list;
	t->iommu = list->iommu_groups_present || list->ngroups > 0;
	/*
	 * At most one host bridge per function, and no more placeholders
	 * than components above the functions in their paths.
	 */
	t->n_host_slots = list->n;
	for (i = 0; i < list->n; i++)
		if (list->dev[i]->syspath && !list->dev[i]->parent && list->dev[i]->parent_addr[0])
			for_each_path_bdf(list->dev[i]->syspath, count_path_bdf, &nph);
	t->n = 2 * list->n + nph;
	t->node = calloc(t->n ? t->n : 1, sizeof(*t->node));
	t->host = calloc(list->n ? list->n : 1, sizeof(*t->host));
	if (!t->node || !t->host)
		goto fail;
	base = t->n - list->n;
	for (i = 0; i < list->n; i++) {
		struct iov_topo_node *n = &t->node[base + i];
		struct iov_dev *d = list->dev[i];

		n->dev = d;
		n->kind = dev_kind(d);
		n->numa_node = d->numa_node;
		snprintf(n->name, sizeof(n->name), "%s", d->addr);
		fill_link(&n->link, d);
	}
	r = link_nodes(t);
	if (r < 0)
		goto fail;
	for (i = base; i < t->n; i++)
		link_downtrained(&t->node[i]);
	for (i = base; i < t->n; i++) {
		r = isolation(t, &t->node[i]);
		if (r < 0)
			goto fail;
	}
	/* placeholders were made top-down: the deepest come last */
	for (i = t->nuncaptured; i-- > 0;)
		host_numa(&t->node[t->n_host_slots + i]);
	for (i = 0; i < t->nhost; i++) {
		host_numa(t->host[i]);
		fill_preorder(t->host[i]);
	}
	*out = t;
	return 0;
fail:
	iov_topo_free(t);
	return r;
}

void iov_topo_free(struct iov_topo *t)
{
	size_t i;

	if (!t)
		return;
	for (i = 0; i < t->n && t->node; i++) {
		free(t->node[i].child);
		free(t->node[i].group_shared);
		free(t->node[i].groups_below);
	}
	free(t->node);
	free(t->host);
	free(t);
}

/* ---- selection ------------------------------------------------------------ */

static void select_down(struct iov_topo_node *n)
{
	unsigned i;

	n->selected = true;
	for (i = 0; i < n->nchild; i++)
		select_down(n->child[i]);
}

static void select_up(struct iov_topo_node *n)
{
	for (; n && !n->selected; n = n->parent)
		n->selected = true;
}

void iov_topo_select_subtree(struct iov_topo *t, struct iov_topo_node *n)
{
	select_up(n->parent);
	select_down(n);
}

unsigned iov_topo_select_numa(struct iov_topo *t, int node)
{
	size_t i;
	unsigned hits = 0;

	for (i = 0; i < t->n; i++) {
		struct iov_topo_node *n = &t->node[i];

		if (n->dev && n->numa_node == (node < 0 ? -1 : node)) {
			select_up(n->parent);
			n->selected = true;
			hits++;
		}
	}
	return hits;
}

void iov_topo_select_all(struct iov_topo *t)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		t->node[i].selected = true;
}

/* ---- VF summary ----------------------------------------------------------- */

static void count_driver(struct iov_vf_summary *s, const char *drv)
{
	unsigned i;

	if (!drv) {
		s->unbound++;
		return;
	}
	for (i = 0; i < s->ndrv; i++)
		if (strcmp(s->drv[i].driver, drv) == 0) {
			s->drv[i].n++;
			return;
		}
	if (s->ndrv == IOV_VF_SUMMARY_DRIVERS) {
		s->other++;
		return;
	}
	s->drv[s->ndrv].driver = drv;
	s->drv[s->ndrv++].n = 1;
}

static int cmp_drv(const void *a, const void *b)
{
	const struct iov_vf_driver_count *x = a, *y = b;

	if (x->n != y->n)
		return x->n > y->n ? -1 : 1;
	return strcmp(x->driver, y->driver);
}

void iov_topo_vf_summary(const struct iov_topo_node *pf, struct iov_vf_summary *s)
{
	unsigned i;

	memset(s, 0, sizeof(*s));
	s->first_index = s->last_index = -1;
	s->numa_node = -1;
	s->group_min = s->group_max = -1;
	for (i = 0; i < pf->nchild; i++) {
		const struct iov_topo_node *c = pf->child[i];
		const struct iov_dev *d = c->dev;

		if (c->kind != IOV_TOPO_VF)
			continue;
		if (s->first_index < 0 || d->vf_index < s->first_index)
			s->first_index = d->vf_index;
		if (d->vf_index > s->last_index)
			s->last_index = d->vf_index;
		count_driver(s, d->driver);
		if (!s->n)
			s->numa_node = d->numa_node;
		else if (d->numa_node != s->numa_node)
			s->numa_mixed = true;
		if (d->iommu_group >= 0) {
			if (s->group_min < 0 || d->iommu_group < s->group_min)
				s->group_min = d->iommu_group;
			if (d->iommu_group > s->group_max)
				s->group_max = d->iommu_group;
		}
		if (c->ngroup_shared)
			s->shared++;
		s->n++;
	}
	if (s->numa_mixed)
		s->numa_node = -1;
	qsort(s->drv, s->ndrv, sizeof(s->drv[0]), cmp_drv);
}

/* ---- tables --------------------------------------------------------------- */

enum iov_topo_kind iov_topo_dev_kind(const struct iov_dev *d)
{
	return dev_kind(d);
}

const char *iov_topo_kind_str(enum iov_topo_kind k)
{
	static const char *const names[] = {
		[IOV_TOPO_HOST] = "host_bridge",
		[IOV_TOPO_ROOT_PORT] = "root_port",
		[IOV_TOPO_SWITCH_UP] = "switch_upstream",
		[IOV_TOPO_SWITCH_DOWN] = "switch_downstream",
		[IOV_TOPO_PCI_BRIDGE] = "pci_bridge",
		[IOV_TOPO_BRIDGE] = "bridge",
		[IOV_TOPO_RC_ENDPOINT] = "rc_endpoint",
		[IOV_TOPO_RC_EC] = "rc_event_collector",
		[IOV_TOPO_ENDPOINT] = "endpoint",
		[IOV_TOPO_PF] = "pf",
		[IOV_TOPO_VF] = "vf",
		[IOV_TOPO_UNCAPTURED] = "not_captured",
	};

	return (unsigned)k < sizeof(names) / sizeof(names[0]) ? names[k] : "unknown";
}

const char *iov_acs_state_str(enum iov_acs_state s)
{
	static const char *const names[] = {
		[IOV_ACS_NA] = "n/a",
		[IOV_ACS_UNKNOWN] = "unknown",
		[IOV_ACS_NONE] = "none",
		[IOV_ACS_GAP] = "incomplete",
		[IOV_ACS_OK] = "ok",
	};

	return (unsigned)s < sizeof(names) / sizeof(names[0]) ? names[s] : "unknown";
}
