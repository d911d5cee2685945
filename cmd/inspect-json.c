// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * inspect -j: the stable JSON contract (schema in iovctl-inspect(8)).
 * snake_case keys, numbers as numbers, null for what is unknown.
 */
#include "config.h"

#include <errno.h>
#include <json-c/json.h>
#include <string.h>

#include "inspect.h"
#include "output.h"
#include "lib/iov-host.h"

/*
 * 2: a function starts with the keys of iovctl(8) JSON OUTPUT: "role" is
 * the tree's kind (endpoint, root_port, ... where 1 said "function" or
 * "bridge"); a VF's "physfn" and "vf_index" moved up from "vf" ("index").
 * Link speeds are written shortest (16, not 16.0). A finding names its
 * "subject" (function, IOMMU group, bus or host) instead of "function".
 */
#define INSPECT_SCHEMA_VERSION 2

/* keys are string literals added once each: skip json-c's copy and lookup */
static void put(struct json_object *o, const char *k, struct json_object *v)
{
	json_object_object_add_ex(o, k, v, JSON_C_OBJECT_ADD_KEY_IS_NEW | JSON_C_OBJECT_KEY_IS_CONSTANT);
}

static struct json_object *jstr(const char *s)
{
	return s ? json_object_new_string(s) : NULL;
}

static struct json_object *jint(long long v)
{
	return json_object_new_int64(v);
}

/* -1 (the kernel's "unknown"/"absent") becomes null */
static struct json_object *jint_or_null(long long v)
{
	return v < 0 ? NULL : json_object_new_int64(v);
}

static struct json_object *jbool(bool b)
{
	return json_object_new_boolean(b);
}

/* a measured value, null when not known (0) */
static struct json_object *jdouble(double d)
{
	return d > 0 ? out_json_number(d) : NULL;
}

static struct json_object *acs_bits(uint16_t bits)
{
	struct json_object *a = json_object_new_array();
	unsigned i;

	for (i = 0; i < 7; i++)
		if (bits & (1u << i))
			json_object_array_add(a, json_object_new_string(iov_acs_bit_name(i)));
	return a;
}

static struct json_object *link_obj(const struct iov_link *l)
{
	struct json_object *o = json_object_new_object();

	put(o, "current_speed_gts", jdouble(l->speed_gts));
	put(o, "current_width", l->width > 0 ? jint(l->width) : NULL);
	put(o, "max_speed_gts", jdouble(l->max_speed_gts));
	put(o, "max_width", l->max_width > 0 ? jint(l->max_width) : NULL);
	return o;
}

/* The port above: a separate object so its numbers never mix with ours. */
static struct json_object *upstream_obj(const struct iov_dev *d)
{
	struct json_object *o;

	if (!d->parent || d->is_vf)
		return NULL;
	o = link_obj(&d->parent->link);
	put(o, "port", jstr(d->parent->addr));
	return o;
}

static struct json_object *pcie_obj(const struct iov_pcie *p)
{
	static const char *const types[16] = {
		[0x0] = "endpoint", [0x1] = "legacy_endpoint", [0x4] = "root_port",
		[0x5] = "upstream_port", [0x6] = "downstream_port", [0x7] = "pcie_to_pci_bridge",
		[0x8] = "pci_to_pcie_bridge", [0x9] = "rc_integrated_endpoint",
		[0xa] = "rc_event_collector",
	};
	struct json_object *o;

	if (!p->present)
		return NULL;
	o = json_object_new_object();
	put(o, "version", jint(p->version));
	put(o, "port_type", jstr(types[p->port_type & 0xf]));
	put(o, "max_payload_supported", jint(p->max_payload_cap));
	put(o, "max_payload", jint(p->max_payload));
	put(o, "max_read_request", jint(p->max_read_req));
	put(o, "flr", jbool(p->flr));
	/* keys stay in place with null where the register does not exist */
	put(o, "link_cap_speed_gts", p->has_link ? jdouble(iov_link_speed_gts(p->link_cap_speed)) : NULL);
	put(o, "link_cap_width", p->has_link ? jint(p->link_cap_width) : NULL);
	put(o, "link_status_speed_gts", p->has_link ? jdouble(iov_link_speed_gts(p->link_speed)) : NULL);
	put(o, "link_status_width", p->has_link ? jint(p->link_width) : NULL);
	put(o, "aspm_supported", p->has_link ? jint(p->aspm_cap) : NULL);
	put(o, "aspm_enabled", p->has_link ? jint(p->aspm_ctl) : NULL);
	put(o, "ari_forwarding_supported", p->has_cap2 ? jbool(p->ari_fwd_cap) : NULL);
	put(o, "ari_forwarding_enabled", p->has_cap2 ? jbool(p->ari_fwd_enabled) : NULL);
	return o;
}

static struct json_object *vf_bars_obj(const struct iov_sriov *s)
{
	struct json_object *a = json_object_new_array();
	unsigned i;

	for (i = 0; i < IOV_SRIOV_NBARS; i++) {
		const struct iov_vf_bar *b = &s->vf_bar[i];
		struct json_object *o;

		if (!b->present || b->upper)
			continue;
		o = json_object_new_object();
		put(o, "index", jint(i));
		put(o, "address", jint(b->address));
		put(o, "mem64", jbool(b->mem64));
		put(o, "prefetchable", jbool(b->prefetch));
		put(o, "size_per_vf", b->size ? jint(b->size) : NULL);
		put(o, "total_size", b->total ? jint(b->total) : NULL);
		json_object_array_add(a, o);
	}
	return a;
}

static struct json_object *sriov_sysfs_obj(const struct iov_sriov_sysfs *s)
{
	struct json_object *o = json_object_new_object();

	put(o, "totalvfs", jint_or_null(s->totalvfs));
	put(o, "numvfs", jint_or_null(s->numvfs));
	put(o, "offset", jint_or_null(s->offset));
	put(o, "stride", jint_or_null(s->stride));
	put(o, "vf_device", jint_or_null(s->vf_device));
	put(o, "drivers_autoprobe", s->drivers_autoprobe < 0 ? NULL : jbool(s->drivers_autoprobe));
	put(o, "vf_total_msix", jint_or_null(s->vf_total_msix));
	return o;
}

/* s is NULL when config space did not show the capability: every key null */
static void sriov_cap_fields(struct json_object *o, const struct iov_sriov *s)
{
	put(o, "capability_offset", s ? jint(s->offset) : NULL);
	put(o, "initial_vfs", s ? jint(s->initial_vfs) : NULL);
	put(o, "total_vfs", s ? jint(s->total_vfs) : NULL);
	put(o, "num_vfs", s ? jint(s->num_vfs) : NULL);
	put(o, "function_dependency_link", s ? jint(s->func_dep_link) : NULL);
	put(o, "first_vf_offset", s ? jint(s->first_vf_offset) : NULL);
	put(o, "vf_stride", s ? jint(s->vf_stride) : NULL);
	put(o, "vf_device_id", s ? jint(s->vf_device_id) : NULL);
	put(o, "supported_page_sizes", s ? jint(s->supported_page_sizes) : NULL);
	put(o, "system_page_size", s ? jint(s->system_page_size) : NULL);
	put(o, "vf_migration_capable", s ? jbool(s->vf_migration_cap) : NULL);
	put(o, "ari_hierarchy_preserved", s ? jbool(s->ari_hier_preserved) : NULL);
	put(o, "vf_10bit_tag_capable", s ? jbool(s->vf_10bit_tag_cap) : NULL);
	put(o, "migration_interrupt_message", s ? jint(s->migration_irq) : NULL);
	put(o, "vf_enable", s ? jbool(s->vf_enable) : NULL);
	put(o, "vf_migration_enable", s ? jbool(s->vf_migration_enable) : NULL);
	put(o, "vf_migration_interrupt_enable", s ? jbool(s->vf_migration_irq_enable) : NULL);
	put(o, "vf_memory_space_enable", s ? jbool(s->vf_mse) : NULL);
	put(o, "ari_capable_hierarchy", s ? jbool(s->ari_hierarchy) : NULL);
	put(o, "vf_10bit_tag_enable", s ? jbool(s->vf_10bit_tag) : NULL);
	put(o, "vf_migration_status", s ? jbool(s->vf_migration_status) : NULL);
	put(o, "vf_migration_state_offset", s ? jint(s->migration_state & ~7u) : NULL);
	put(o, "vf_migration_state_bir", s ? jint(s->migration_state & 7) : NULL);
	put(o, "vf_bars", s ? vf_bars_obj(s) : NULL);
}

static struct json_object *sriov_obj(const struct iov_dev *d)
{
	struct json_object *o, *vfs;
	unsigned i;

	if (!iov_dev_is_pf(d))
		return NULL;
	o = json_object_new_object();
	sriov_cap_fields(o, d->c.sriov.present ? &d->c.sriov : NULL);
	put(o, "sysfs", sriov_sysfs_obj(&d->sriov_sysfs));
	vfs = json_object_new_array();
	for (i = 0; i < d->nvfs; i++)
		json_object_array_add(vfs, d->vfs[i] ? jstr(d->vfs[i]->addr) : NULL);
	put(o, "vfs", vfs);
	return o;
}

/* Is the VF where First VF Offset and VF Stride say it must be? null: unknown */
static struct json_object *vf_rid_matches(const struct iov_dev *vf)
{
	struct iov_bdf want;

	if (!vf->pf || vf->vf_index < 0 || iov_sriov_vf_rid(vf->pf, vf->vf_index, &want) < 0)
		return NULL;
	return jbool(iov_bdf_cmp(&want, &vf->bdf) == 0);
}

static struct json_object *vf_obj(const struct iov_dev *d)
{
	struct json_object *o;

	if (!d->is_vf)
		return NULL;
	o = json_object_new_object();
	put(o, "routing_id_matches", vf_rid_matches(d));
	put(o, "msix_count", jint_or_null(d->vf_msix_count));
	return o;
}

static struct json_object *iommu_obj(const struct inspect_view *v, struct iov_dev *d)
{
	struct json_object *o, *shared, *reasons;
	struct iov_isolation iso;
	unsigned i;

	if (iov_isolation(v->list, d, &iso) < 0)
		return NULL;
	o = json_object_new_object();
	put(o, "isolated", iso.known ? jbool(iso.isolated) : NULL);
	shared = json_object_new_array();
	for (i = 0; i < iso.nshared; i++)
		json_object_array_add(shared, jstr(iso.shared[i]->addr));
	put(o, "shared_with", shared);
	reasons = json_object_new_array();
	for (i = 0; i < iso.nreasons; i++) {
		static const char *const kinds[] = {
			[IOV_ISO_NO_ACS] = "no_acs", [IOV_ISO_ACS_BITS] = "acs_incomplete",
			[IOV_ISO_MULTIFUNCTION] = "multifunction", [IOV_ISO_PCI_BRIDGE] = "pci_bridge",
		};
		struct json_object *r = json_object_new_object();

		put(r, "kind", jstr(kinds[iso.reason[i].kind]));
		put(r, "at", jstr(iso.reason[i].where->addr));
		put(r, "acs_missing", acs_bits(iso.reason[i].acs_missing));
		put(r, "acs_absent", acs_bits(iso.reason[i].acs_absent));
		json_object_array_add(reasons, r);
	}
	put(o, "path_gaps", reasons);
	iov_isolation_free(&iso);
	return o;
}

static struct json_object *caps_obj(const struct iov_dev *d)
{
	struct json_object *a = json_object_new_array();
	unsigned i;

	for (i = 0; i < d->caps.n; i++) {
		const struct iov_cap *c = &d->caps.cap[i];
		struct json_object *o = json_object_new_object();
		const char *name = iov_cap_name(c->space, c->id);

		put(o, "id", jint(c->id));
		put(o, "name", jstr(name));
		put(o, "extended", jbool(c->space == IOV_CAP_EXT));
		put(o, "offset", jint(c->offset));
		if (c->space == IOV_CAP_EXT)
			put(o, "version", jint(c->version));
		json_object_array_add(a, o);
	}
	return a;
}

static struct json_object *walk_status(enum iov_walk_status st, unsigned off)
{
	struct json_object *o;

	if (st == IOV_WALK_OK)
		return NULL;
	o = json_object_new_object();
	put(o, "error", jstr(iov_walk_status_str(st)));
	put(o, "offset", jint(off));
	return o;
}

static struct json_object *features_obj(const struct iov_capset *c)
{
	struct json_object *o = json_object_new_object(), *x;

	x = NULL;
	if (c->ari.present) {
		x = json_object_new_object();
		put(x, "next_function", jint(c->ari.next_fn));
		put(x, "mfvc_function_groups", jbool(c->ari.mfvc_fg));
		put(x, "acs_function_groups", jbool(c->ari.acs_fg));
	}
	put(o, "ari", x);
	x = NULL;
	if (c->acs.present) {
		x = json_object_new_object();
		put(x, "capable", acs_bits(c->acs.cap));
		put(x, "enabled", acs_bits(c->acs.ctrl));
		put(x, "missing_for_isolation", acs_bits(iov_acs_missing(&c->acs)));
	}
	put(o, "acs", x);
	x = NULL;
	if (c->ats.present) {
		x = json_object_new_object();
		put(x, "enabled", jbool(c->ats.enabled));
		put(x, "invalidate_queue_depth", jint(c->ats.invq_depth ? c->ats.invq_depth : 32));
		put(x, "page_aligned", jbool(c->ats.page_aligned));
		put(x, "smallest_translation_unit", jint(c->ats.stu));
	}
	put(o, "ats", x);
	x = NULL;
	if (c->pri.present) {
		x = json_object_new_object();
		put(x, "enabled", jbool(c->pri.enabled));
		put(x, "max_requests", jint(c->pri.max_requests));
		put(x, "allocated_requests", jint(c->pri.alloc_requests));
	}
	put(o, "pri", x);
	x = NULL;
	if (c->pasid.present) {
		x = json_object_new_object();
		put(x, "enabled", jbool(c->pasid.enabled));
		put(x, "max_width", jint(c->pasid.width));
		put(x, "exec", jbool(c->pasid.exec_cap));
		put(x, "privileged", jbool(c->pasid.priv_cap));
	}
	put(o, "pasid", x);
	x = NULL;
	if (c->dsn.present) {
		char buf[32];

		snprintf(buf, sizeof(buf), "%016llx", (unsigned long long)c->dsn.serial);
		x = jstr(buf);
	}
	put(o, "serial_number", x);
	put(o, "pm_state", c->pm.present ? jint(c->pm.state) : NULL);
	return o;
}

/*
 * Vectors whose effective affinity lies outside the function's NUMA node
 * (and how many could be read); null where the node or /proc/irq is unknown.
 */
static void put_irq_locality(const struct inspect_view *v, struct iov_dev *d,
			     struct json_object *o)
{
	struct iov_irq_locality l;
	bool known = iov_irq_locality(v->ctx, d, &l) == 0 && l.known;

	put(o, "vectors_affinity_known", known ? jint(l.known) : NULL);
	put(o, "vectors_off_node", known ? jint(l.remote) : NULL);
}

static struct json_object *irq_obj(const struct iov_dev *d)
{
	struct json_object *o = json_object_new_object(), *x;

	put(o, "irq", jint_or_null(d->irq));
	put(o, "msi_in_use", jint(d->msi_irqs));
	put(o, "msix_in_use", jint(d->msix_irqs));
	x = NULL;
	if (d->c.msi.present) {
		x = json_object_new_object();
		put(x, "enabled", jbool(d->c.msi.enabled));
		put(x, "vectors_capable", jint(d->c.msi.vectors_cap));
		put(x, "vectors_enabled", jint(d->c.msi.vectors_en));
		put(x, "addr64", jbool(d->c.msi.addr64));
		put(x, "maskable", jbool(d->c.msi.maskable));
	}
	put(o, "msi", x);
	x = NULL;
	if (d->c.msix.present) {
		x = json_object_new_object();
		put(x, "enabled", jbool(d->c.msix.enabled));
		put(x, "masked", jbool(d->c.msix.masked));
		put(x, "table_size", jint(d->c.msix.table_size));
		put(x, "table_bar", jint(d->c.msix.table_bir));
		put(x, "table_offset", jint(d->c.msix.table_offset));
		put(x, "pba_bar", jint(d->c.msix.pba_bir));
		put(x, "pba_offset", jint(d->c.msix.pba_offset));
	}
	put(o, "msix", x);
	return o;
}

static struct json_object *bars_obj(const struct iov_dev *d)
{
	struct json_object *a = json_object_new_array();
	unsigned i;

	for (i = 0; i < d->nres && i <= IOV_RES_ROM; i++) {
		const struct iov_bar *r = &d->res[i];
		struct json_object *o;

		if (!r->flags)
			continue;
		o = json_object_new_object();
		put(o, "index", i == IOV_RES_ROM ? jstr("rom") : jint(i));
		put(o, "type", jstr(r->flags & IOV_IORES_IO ? "io" : "memory"));
		put(o, "start", jint(r->start));
		put(o, "size", jint(r->end >= r->start && (r->start || r->end) ? r->end - r->start + 1 : 0));
		put(o, "mem64", jbool(r->flags & IOV_IORES_MEM64));
		put(o, "prefetchable", jbool(r->flags & IOV_IORES_PREFETCH));
		json_object_array_add(a, o);
	}
	return a;
}

/* {"correctable": {"RxErr": 12, ...}, "nonfatal": {...}, "fatal": {...}}: the types that moved */
static struct json_object *aer_counters(const struct iov_aer_counts *c)
{
	static const char *const keys[] = { "correctable", "nonfatal", "fatal" };
	struct json_object *o = json_object_new_object(), *k[3];
	unsigned i;

	for (i = 0; i < 3; i++)
		k[i] = json_object_new_object();
	for (i = 0; i < c->nmoved; i++)
		put(k[c->moved[i].kind], c->moved[i].name, jint(c->moved[i].value));
	for (i = 0; i < 3; i++)
		put(o, keys[i], k[i]);
	return o;
}

static struct json_object *aer_rootport(const struct iov_aer_counts *c)
{
	struct json_object *o;

	if (!c->rootport)
		return NULL;
	o = json_object_new_object();
	put(o, "correctable", jint(c->rp_cor));
	put(o, "nonfatal", jint(c->rp_nonfatal));
	put(o, "fatal", jint(c->rp_fatal));
	return o;
}

static struct json_object *aer_obj(const struct iov_dev *d)
{
	struct json_object *o;

	if (!d->aer_counts.present)
		return NULL;
	o = json_object_new_object();
	put(o, "correctable", jint(d->aer_counts.correctable));
	put(o, "nonfatal", jint(d->aer_counts.nonfatal));
	put(o, "fatal", jint(d->aer_counts.fatal));
	put(o, "counters", aer_counters(&d->aer_counts));
	put(o, "rootport_total", aer_rootport(&d->aer_counts));
	put(o, "uncorrectable_status", d->c.aer.present ? jint(d->c.aer.uncor_status) : NULL);
	put(o, "correctable_status", d->c.aer.present ? jint(d->c.aer.cor_status) : NULL);
	return o;
}

static struct json_object *strv(char **v, unsigned n)
{
	struct json_object *a = json_object_new_array();
	unsigned i;

	for (i = 0; i < n; i++)
		json_object_array_add(a, jstr(v[i]));
	return a;
}

static struct json_object *function_obj(const struct inspect_view *v, struct iov_dev *d)
{
	struct json_object *o = json_object_new_object();

	out_json_function(o, d);
	put(o, "vendor_id", jint(d->vendor));
	put(o, "device_id", jint(d->device));
	put(o, "subsystem_vendor_id", jint(d->subsys_vendor));
	put(o, "subsystem_device_id", jint(d->subsys_device));
	put(o, "class", jint(d->class_code));
	put(o, "revision", jint(d->revision));
	put(o, "vendor_name", jstr(d->vendor_name));
	put(o, "device_name", jstr(d->device_name));
	put(o, "class_name", jstr(d->class_name));
	put(o, "parent", jstr(d->parent_addr[0] ? d->parent_addr : NULL));
	put(o, "root_bus", jstr(d->root_bus));
	put(o, "driver", jstr(d->driver));
	put(o, "local_cpus", jstr(d->local_cpulist));
	put(o, "iommu_group", jint_or_null(d->iommu_group));
	put(o, "iommu", iommu_obj(v, d));
	put(o, "power_state", jstr(d->power_state[0] ? d->power_state : NULL));
	put(o, "reset_methods", jstr(d->reset_methods));
	put(o, "link", link_obj(&d->link));
	put(o, "upstream_link", upstream_obj(d));
	put(o, "interrupts", irq_obj(d));
	put_irq_locality(v, d, json_object_object_get(o, "interrupts"));
	put(o, "aer", aer_obj(d));
	put(o, "bars", bars_obj(d));
	put(o, "netdevs", strv(d->netdevs, d->nnetdevs));
	put(o, "blockdevs", strv(d->blockdevs, d->nblockdevs));
	put(o, "config_bytes", jint(d->cfg.len));
	put(o, "capabilities", caps_obj(d));
	put(o, "capability_list_error", walk_status(d->caps.std_status, d->caps.std_bad_off));
	put(o, "extended_capability_list_error", walk_status(d->caps.ext_status, d->caps.ext_bad_off));
	put(o, "pcie", pcie_obj(&d->c.pcie));
	put(o, "features", features_obj(&d->c));
	put(o, "sriov", sriov_obj(d));
	put(o, "vf", vf_obj(d));
	put(o, "nvme_secondary", inspect_json_vfstate(v, d));
	put(o, "nic_vfs", inspect_json_vfnet(v, d));
	put(o, "nic_vf", inspect_json_vfnet_vf(v, d));
	inspect_json_virt(v, d, o);
	return o;
}

/* {"kind": "iommu_group", "group": 8, "addresses": [...]}: no reader needs the rule id */
static struct json_object *subject_obj(const struct iov_subject *s)
{
	struct json_object *o = json_object_new_object(), *a;
	unsigned i;

	put(o, "kind", jstr(iov_subject_kind_str(s->kind)));
	if (s->kind == IOV_SUBJECT_FUNCTION) {
		put(o, "address", jstr(s->dev->addr));
		return o;
	}
	if (s->kind == IOV_SUBJECT_GROUP)
		put(o, "group", jint(s->group));
	else if (s->kind == IOV_SUBJECT_BUS)
		put(o, "bus", jstr(s->bus));
	a = json_object_new_array();
	for (i = 0; i < s->ndevs; i++)
		json_object_array_add(a, jstr(s->devs[i]->addr));
	put(o, "addresses", a);
	return o;
}

static struct json_object *finding_obj(const struct iov_finding *f)
{
	struct json_object *o = json_object_new_object();

	put(o, "id", jstr(f->id));
	put(o, "severity", jstr(iov_severity_str(f->severity)));
	put(o, "subject", subject_obj(&f->subject));
	put(o, "message", jstr(f->message));
	put(o, "hint", jstr(f->hint));
	return o;
}

/* one object at a time, freed once written: the model never sits whole in memory */
static void put_item(struct out_json_doc *doc, struct json_object *o)
{
	out_json_doc_array_item(doc, o);
	json_object_put(o);
}

static void findings_arr(const struct inspect_view *v, struct out_json_doc *doc)
{
	size_t i;

	out_json_doc_array_begin(doc, "findings");
	for (i = 0; i < v->findings.n; i++)
		if (inspect_finding_shown(v, &v->findings.f[i]))
			put_item(doc, finding_obj(&v->findings.f[i]));
	out_json_doc_array_end(doc);
}

static struct json_object *host_obj(const struct inspect_view *v)
{
	struct json_object *o = json_object_new_object();

	put(o, "functions", jint(v->list->n));
	put(o, "iommu_groups", jint(v->list->ngroups));
	/* null: kernel/iommu_groups unreadable and no function links a group */
	put(o, "iommu", !v->list->iommu_groups_present && v->list->iommu_groups_errno ? NULL :
			jbool(v->list->iommu_groups_present));
	put(o, "numa_nodes", v->list->numa_nodes ? jint(v->list->numa_nodes) : NULL);
	put(o, "numa_nodes_online", jstr(v->list->nodes_online));
	put(o, "config_limited_functions", jint(v->list->limited_config));
	put(o, "scalable_iov", inspect_json_virt_host(v));
	return o;
}

static void functions_arr(const struct inspect_view *v, struct out_json_doc *doc)
{
	size_t i;

	out_json_doc_array_begin(doc, "functions");
	for (i = 0; i < v->list->n; i++)
		if (v->selected[i])
			put_item(doc, function_obj(v, v->list->dev[i]));
	out_json_doc_array_end(doc);
}

/* members of the top-level object, streamed */
static void put_member(struct out_json_doc *doc, const char *key, struct json_object *o)
{
	out_json_doc_member(doc, key, o);
	json_object_put(o);
}

int inspect_print_json(const struct inspect_view *v, FILE *out)
{
	struct out_json_doc doc;

	out_json_doc_begin(&doc, out);
	put_member(&doc, "schema_version", jint(INSPECT_SCHEMA_VERSION));
	put_member(&doc, "host", host_obj(v));
	if (!v->check_only)
		functions_arr(v, &doc);
	findings_arr(v, &doc);
	return out_json_doc_end(&doc);
}
