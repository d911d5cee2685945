// SPDX-License-Identifier: GPL-2.0-or-later
/* iovctl topology: nested JSON, host bridge down to every VF. */
#include "config.h"

#include <json-c/json.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "output.h"
#include "topology.h"

/* ---- JSON ----------------------------------------------------------------- */

/*
 * 2: "type" became "role" and VFs carry "physfn" (the convention of
 * iovctl(8), JSON OUTPUT); "gbps", "max_gbps" and "bottleneck_gbps", which
 * held gigabytes per second, became "bytes_per_s", "max_bytes_per_s" and
 * "bottleneck_bytes_per_s" (whole bytes per second).
 */
#define TOPO_SCHEMA_VERSION 2

/* GB/s as the library computes them, as a whole number of bytes per second */
static struct json_object *json_bytes_per_s(double gbps)
{
	return gbps > 0 ? json_object_new_int64(llround(gbps * 1e9)) : NULL;
}

static struct json_object *json_int_or_null(long long v, bool known)
{
	return known ? json_object_new_int64(v) : NULL;
}

static struct json_object *json_acs_bits(uint16_t bits)
{
	struct json_object *a = json_object_new_array();
	unsigned b;

	for (b = 0; b < 7; b++)
		if (bits & (1u << b))
			json_object_array_add(a, json_object_new_string(iov_acs_bit_name(b)));
	return a;
}

static struct json_object *json_link(const struct iov_topo_node *n)
{
	const struct iov_topo_link *l = &n->link;
	struct json_object *o;

	if (!l->speed_gts && !l->width && !l->max_speed_gts && !l->max_width)
		return NULL;
	o = json_object_new_object();
	/* key names as in inspect's "link" */
	json_object_object_add(o, "current_speed_gts", l->speed_gts > 0 ? out_json_number(l->speed_gts) : NULL);
	json_object_object_add(o, "current_width", json_int_or_null(l->width, l->width > 0));
	json_object_object_add(o, "max_speed_gts",
			       l->max_speed_gts > 0 ? out_json_number(l->max_speed_gts) : NULL);
	json_object_object_add(o, "max_width", json_int_or_null(l->max_width, l->max_width > 0));
	json_object_object_add(o, "bytes_per_s", json_bytes_per_s(l->gbps));
	json_object_object_add(o, "max_bytes_per_s", json_bytes_per_s(l->max_gbps));
	/* null: below this end's best, but the other end was not captured */
	json_object_object_add(o, "downtrained", l->downtrained_unknown ? NULL :
				       json_object_new_boolean(l->downtrained));
	return o;
}

static struct json_object *json_acs(const struct iov_topo_node *n)
{
	struct json_object *o, *g;
	bool known = n->acs != IOV_ACS_UNKNOWN;
	unsigned i;

	if (n->acs == IOV_ACS_NA)
		return NULL;
	o = json_object_new_object();
	json_object_object_add(o, "state", json_object_new_string(iov_acs_state_str(n->acs)));
	json_object_object_add(o, "capable", known && n->dev->c.acs.present ?
						     json_acs_bits(n->dev->c.acs.cap) :
						     (known ? json_object_new_array() : NULL));
	json_object_object_add(o, "enabled", known && n->dev->c.acs.present ?
						     json_acs_bits(n->dev->c.acs.ctrl) :
						     (known ? json_object_new_array() : NULL));
	json_object_object_add(o, "missing", known ? json_acs_bits(n->acs_missing) : NULL);
	g = json_object_new_array();
	for (i = 0; i < n->ngroups_below; i++)
		json_object_array_add(g, json_object_new_int(n->groups_below[i]));
	json_object_object_add(o, "groups_below", g);
	return o;
}

static struct json_object *json_vfs(const struct iov_topo_node *pf)
{
	const struct iov_dev *d = pf->dev;
	struct json_object *o, *drv;
	struct iov_vf_summary s;
	long long total = d->sriov_sysfs.totalvfs, num = d->sriov_sysfs.numvfs;
	unsigned k;

	iov_topo_vf_summary(pf, &s);
	if (total < 0 && d->c.sriov.present)
		total = d->c.sriov.total_vfs;
	if (num < 0 && d->c.sriov.present)
		num = d->c.sriov.num_vfs;
	o = json_object_new_object();
	json_object_object_add(o, "total_vfs", json_int_or_null(total, total >= 0));
	json_object_object_add(o, "num_vfs", json_int_or_null(num, num >= 0));
	json_object_object_add(o, "count", json_object_new_int(s.n));
	json_object_object_add(o, "first_index", json_int_or_null(s.first_index, s.n));
	json_object_object_add(o, "last_index", json_int_or_null(s.last_index, s.n));
	drv = json_object_new_object();
	for (k = 0; k < s.ndrv; k++)
		json_object_object_add(drv, s.drv[k].driver, json_object_new_int(s.drv[k].n));
	json_object_object_add(o, "drivers", drv);
	json_object_object_add(o, "other_drivers", json_object_new_int(s.other));
	json_object_object_add(o, "unbound", json_object_new_int(s.unbound));
	json_object_object_add(o, "numa_node", json_int_or_null(s.numa_node, s.numa_node >= 0));
	json_object_object_add(o, "iommu_group_min", json_int_or_null(s.group_min, s.group_min >= 0));
	json_object_object_add(o, "iommu_group_max", json_int_or_null(s.group_max, s.group_max >= 0));
	json_object_object_add(o, "shared_groups", json_object_new_int(s.shared));
	return o;
}

static struct json_object *json_node(const struct topo_opts *opt, const struct iov_topo_node *n);

static struct json_object *json_children(const struct topo_opts *opt, const struct iov_topo_node *n)
{
	struct json_object *a = json_object_new_array();
	unsigned i;

	for (i = 0; i < n->nchild; i++)
		if (n->child[i]->selected && !topo_vfs_collapsed(opt, n->child[i]))
			json_object_array_add(a, json_node(opt, n->child[i]));
	return a;
}

/*
 * A device object holds its own address and nothing else shaped like one
 * below it except other device objects (compare_tree.py reads nesting so).
 */
static struct json_object *json_node(const struct topo_opts *opt, const struct iov_topo_node *n)
{
	const struct iov_dev *d = n->dev;
	struct json_object *o = json_object_new_object(), *a;
	unsigned i;

	if (n->kind == IOV_TOPO_UNCAPTURED) {
		/* seen only in its children's sysfs paths: nothing else is known */
		json_object_object_add(o, "address", json_object_new_string(n->name));
		json_object_object_add(o, "role", json_object_new_string(iov_topo_kind_str(n->kind)));
		json_object_object_add(o, "captured", json_object_new_boolean(false));
		json_object_object_add(o, "numa_node", json_int_or_null(n->numa_node, n->numa_node >= 0));
		json_object_object_add(o, "children", json_children(opt, n));
		return o;
	}
	if (!d) {
		json_object_object_add(o, "host_bridge", json_object_new_string(n->name));
		json_object_object_add(o, "domain", json_object_new_int64(n->domain));
		json_object_object_add(o, "bus", json_object_new_int(n->bus));
		json_object_object_add(o, "numa_node", json_int_or_null(n->numa_node, n->numa_node >= 0));
		json_object_object_add(o, "children", json_children(opt, n));
		return o;
	}
	out_json_function(o, d);
	json_object_object_add(o, "vendor_id", json_object_new_int(d->vendor));
	json_object_object_add(o, "device_id", json_object_new_int(d->device));
	json_object_object_add(o, "vendor_name", out_json_str_or_null(d->vendor_name));
	json_object_object_add(o, "device_name", out_json_str_or_null(d->device_name));
	json_object_object_add(o, "driver", out_json_str_or_null(d->driver));
	json_object_object_add(o, "iommu_group", json_int_or_null(d->iommu_group, d->iommu_group >= 0));
	a = json_object_new_array();
	for (i = 0; i < n->ngroup_shared; i++)
		json_object_array_add(a, json_object_new_string(n->group_shared[i]->addr));
	json_object_object_add(o, "iommu_group_shared_with", a);
	json_object_object_add(o, "link", json_link(n));
	json_object_object_add(o, "bottleneck_bytes_per_s", json_bytes_per_s(n->bottleneck_gbps));
	json_object_object_add(o, "bottleneck_at", n->bottleneck_gbps > 0 ?
							   json_object_new_string(n->bottleneck_at->name) :
							   NULL);
	json_object_object_add(o, "acs", json_acs(n));
	if (n->kind == IOV_TOPO_PF)
		json_object_object_add(o, "vfs", json_vfs(n));
	json_object_object_add(o, "children", json_children(opt, n));
	return o;
}

int topo_print_json(const struct iov_topo *t, const struct topo_opts *opt)
{
	struct json_object *root = json_object_new_object(), *top = json_object_new_object(), *a;
	const struct iov_devlist *list = t->list;
	unsigned i;
	int r;

	json_object_object_add(root, "schema_version", json_object_new_int(TOPO_SCHEMA_VERSION));
	/* host keys named and typed as in inspect's "host" */
	/* null: kernel/iommu_groups unreadable and no function links a group */
	json_object_object_add(top, "iommu", list->iommu_groups_errno && !t->iommu ? NULL :
						      json_object_new_boolean(t->iommu));
	json_object_object_add(top, "iommu_groups", json_object_new_int(list->ngroups));
	json_object_object_add(top, "numa_nodes", json_int_or_null(list->numa_nodes, list->numa_nodes > 0));
	json_object_object_add(top, "vfs_expanded", json_object_new_boolean(opt->vfs));
	a = json_object_new_array();
	for (i = 0; i < t->nhost; i++)
		if (t->host[i]->selected && !t->host[i]->parent)
			json_object_array_add(a, json_node(opt, t->host[i]));
	json_object_object_add(top, "host_bridges", a);
	json_object_object_add(root, "topology", top);
	r = out_json_print(root, stdout);
	json_object_put(root);
	return r;
}
