// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * inspect: the other forms of I/O virtualization, in text and JSON. DVSECs
 * by (vendor, ID), Intel Scalable IOV with its sub-devices, and the
 * capabilities no public layout decodes (MR-IOV, Hierarchy ID, PCI-SIG
 * Scalable IOV) as version plus raw bytes.
 */
#include "config.h"

#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "inspect.h"
#include "output.h"

#define LABEL "    %-9s"
#define CONT "             "

/* the extended capabilities shown raw, with the label text uses */
static const struct {
	uint16_t id;
	const char *label;
	const char *note;
} raw_caps[] = {
	{ IOV_ECAP_ID_MRIOV, "MR-IOV:", "deprecated; only an MR switch's management host uses it" },
	{ IOV_ECAP_ID_HIER_ID, "HierID:", "not decoded" },
	{ IOV_ECAP_ID_SIOV, "SIOVcap:", "PCI-SIG's, not decoded" },
};

/* "4K 8K 64K": bit n of a page size register is 4 KiB << n */
static void fmt_pages(char *buf, size_t len, uint32_t mask)
{
	size_t used = 0;
	unsigned n;

	buf[0] = '\0';
	for (n = 0; n < 32 && used < len; n++) {
		unsigned long long kib = 4ull << n;

		if (!(mask & (1u << n)))
			continue;
		if (kib >= 1024 * 1024)
			used += snprintf(buf + used, len - used, "%s%lluG", used ? " " : "", kib >> 20);
		else if (kib >= 1024)
			used += snprintf(buf + used, len - used, "%s%lluM", used ? " " : "", kib >> 10);
		else
			used += snprintf(buf + used, len - used, "%s%lluK", used ? " " : "", kib);
	}
	if (!mask)
		snprintf(buf, len, "none");
}

static void print_raw(const struct iov_dev *d, const struct iov_cap *c, FILE *out)
{
	unsigned n = iov_cap_raw_len(&d->cfg, &d->caps, c), i;

	for (i = 0; i < n; i++) {
		if (i % 16 == 0)
			fprintf(out, "%s" CONT "%03x:", i ? "\n" : "", c->offset + i);
		fprintf(out, " %02x", d->cfg.bytes[c->offset + i]);
	}
	if (n)
		fputc('\n', out);
}

static void print_dvsecs(const struct iov_capset *c, FILE *out)
{
	unsigned i;

	for (i = 0; i < c->ndvsec; i++) {
		const struct iov_dvsec *x = &c->dvsec[i];
		const char *desc = iov_dvsec_desc(x->vendor, x->id);

		fprintf(out, i ? CONT : LABEL, "DVSEC:");
		fprintf(out, "[%03x] %s (vendor %04x ID %04x rev %u, %u bytes)\n", x->offset,
			desc ? desc : "unknown", x->vendor, x->id, x->revision, x->length);
	}
}

static void print_subdevs(const struct iov_subdevs *s, FILE *out)
{
	unsigned i;

	for (i = 0; i < s->nwq; i++) {
		const struct iov_wq *w = &s->wq[i];

		fprintf(out, CONT "work queue %s/%s: %s, %s, %s", w->device, w->id,
			w->mode ? w->mode : "?", w->state ? w->state : "?", w->type ? w->type : "?");
		if (w->name && w->name[0])
			fprintf(out, ", name %s", w->name);
		fputc('\n', out);
	}
	for (i = 0; i < s->nmdev; i++) {
		const struct iov_mdev_type *m = &s->mdev[i];

		fprintf(out, CONT "mdev type %s", m->id);
		if (m->name)
			fprintf(out, " (%s)", m->name);
		if (m->available >= 0)
			fprintf(out, ", %lld available", m->available);
		fputc('\n', out);
	}
	if (s->vfio_cdev[0])
		fprintf(out, CONT "VFIO cdev %s\n", s->vfio_cdev);
}

static void print_siov(const struct inspect_view *v, const struct iov_dev *d, FILE *out)
{
	const struct iov_siov *s = &d->c.siov;
	char sup[160], sys[160];
	struct iov_subdevs sd;

	fmt_pages(sup, sizeof(sup), s->supported_page_sizes);
	fmt_pages(sys, sizeof(sys), s->system_page_size);
	fprintf(out, LABEL "Intel DVSEC rev %u, PASID %s, IMS %s%s\n", "SIOV:", s->revision,
		!d->c.pasid.present ? "missing" : d->c.pasid.enabled ? "enabled" : "disabled",
		s->ims_supported ? "supported" : "not supported",
		s->homogeneous ? ", homogeneous" : "");
	if (v->verbose)
		fprintf(out, CONT "page sizes %s, system %s%s, function dependency link %02x\n", sup,
			sys, iov_page_size_valid(s->supported_page_sizes, s->system_page_size) ? "" : " (invalid)",
			s->func_dep_link);
	if (iov_subdevs_read(v->ctx, d, &sd) == 0) {
		print_subdevs(&sd, out);
		iov_subdevs_free(&sd);
	}
}

static void print_raw_caps(const struct inspect_view *v, const struct iov_dev *d, FILE *out)
{
	unsigned i, k;

	for (i = 0; i < d->caps.n; i++) {
		const struct iov_cap *c = &d->caps.cap[i];

		if (c->space != IOV_CAP_EXT)
			continue;
		for (k = 0; k < sizeof(raw_caps) / sizeof(raw_caps[0]); k++) {
			if (raw_caps[k].id != c->id)
				continue;
			fprintf(out, LABEL "%s v%u at 0x%03x: %s\n", raw_caps[k].label,
				iov_cap_desc(IOV_CAP_EXT, c->id), c->version, c->offset, raw_caps[k].note);
			if (v->verbose)
				print_raw(d, c, out);
		}
	}
}

#define MAX_ELSEWHERE 8

/* "Sharing:" on the first line, aligned blanks on the next */
static void sharing_label(bool *first, FILE *out)
{
	fprintf(out, *first ? LABEL : CONT, "Sharing:");
	*first = false;
}

static void print_sharing(const struct inspect_view *v, const struct iov_dev *d, FILE *out)
{
	const struct iov_dev *el[MAX_ELSEWHERE];
	struct iov_sharing sh;
	bool first = true;
	unsigned n, i;

	if (iov_sharing_read(v->ctx, d, &sh) < 0)
		return;
	if (sh.ntb) {
		sharing_label(&first, out);
		fputs("shared with other hosts through a non-transparent bridge", out);
		if (sh.ntb_dev[0])
			fprintf(out, " (NTB device %s)\n", sh.ntb_dev);
		else
			fputs(" (no NTB device)\n", out);
	}
	if (sh.partition_count > 1) {
		sharing_label(&first, out);
		fprintf(out, "shared with other hosts through switch partitioning (%s, partition %lld of %lld)\n",
			sh.switchtec, sh.partition, sh.partition_count);
	}
	if (sh.hier_id) {
		sharing_label(&first, out);
		fputs("shared with other hosts through Hierarchy ID (a multi-host device; "
		      "other hosts' functions are not visible here)\n", out);
	}
	n = iov_same_serial_elsewhere(v->list, d, el, MAX_ELSEWHERE);
	if (n) {
		sharing_label(&first, out);
		fputs("one card through several slots (Socket Direct or multi-host):", out);
		for (i = 0; i < n && i < MAX_ELSEWHERE; i++)
			fprintf(out, " %s", el[i]->addr);
		fprintf(out, "%s report%s the same serial number\n", n > MAX_ELSEWHERE ? " ..." : "",
			n == 1 ? "s" : "");
	}
}

/* a VF: can a guest using it be live-migrated? */
static void print_vf_migration(const struct inspect_view *v, const struct iov_dev *d, FILE *out)
{
	struct iov_vf_migration m;

	if (!d->is_vf || iov_vf_migration(v->ctx, d, &m) < 0)
		return;
	if (m.bound_variant)
		fprintf(out, LABEL "VFIO migration through %s\n", "Migrate:", d->driver);
	else if (m.variant[0])
		fprintf(out, LABEL "%s supports VFIO migration%s; bound to %s\n", "Migrate:",
			m.variant, m.installed ? "" : " (not installed)", d->driver ? d->driver : "none");
	else if (m.looked_up && d->driver && strcmp(d->driver, "vfio-pci") == 0)
		fprintf(out, LABEL "no vfio-pci variant driver: a guest using it cannot be live-migrated\n",
			"Migrate:");
}

static void print_adapter(const struct inspect_view *v, const struct iov_dev *d, FILE *out)
{
	struct iov_adapter a;
	char *text = NULL;
	size_t len = 0;
	unsigned i;
	FILE *m;

	if (iov_adapter_of(v->list, d, &a) < 0 || !a.n)
		return;
	/* the value, then wrapped under itself on a terminal */
	m = open_memstream(&text, &len);
	if (!m)
		return;
	fprintf(m, "%u functions:", a.n);
	for (i = 0; i < a.n; i++)
		fprintf(m, " %s", a.fn[i]->addr);
	fprintf(m, " (%s%s%s", a.slot ? "slot " : "", a.slot ? a.slot : "", a.slot ? ", " : "");
	fputs(!a.serial_equal ? "serial numbers differ" :
	      !a.serial_known ? "no serial number to confirm" :
	      a.by_vpd ? "same VPD serial number " : "same serial number", m);
	fprintf(m, "%s)", a.serial_equal && a.by_vpd ? a.fn[0]->vpd_sn : "");
	if (fclose(m) == 0) {
		fprintf(out, LABEL, "Card:");
		out_wrap(out, text, v->width, strlen(CONT), strlen(CONT));
	}
	free(text);
}

static void print_children(const struct inspect_view *v, const struct iov_dev *d, FILE *out)
{
	struct iov_children ch;
	unsigned i;

	if (iov_children_read(v->ctx, d, &ch) < 0)
		return;
	for (i = 0; i < ch.n; i++) {
		const struct iov_child *c = &ch.c[i];

		switch (c->kind) {
		case IOV_CHILD_FC_HOST:
			fprintf(out, LABEL "fc_host %s %s, port %s, node %s%s%s\n", "Storage:", c->name,
				c->state, c->port_name, c->node_name, c->speed[0] ? ", " : "", c->speed);
			break;
		case IOV_CHILD_SCSI_HOST:
			fprintf(out, LABEL "scsi_host %s\n", "Storage:", c->name);
			break;
		case IOV_CHILD_ISCSI_HOST:
			fprintf(out, LABEL "iscsi_host %s %s%s%s\n", "Storage:", c->name,
				c->state[0] ? c->state : "unknown", c->ip[0] ? ", " : "", c->ip);
			break;
		case IOV_CHILD_FCOE_CTLR:
			if (c->nfcf)
				fprintf(out, LABEL "FCoE %s on %s, FCF %s, fabric %s%s\n", "Storage:",
					c->name, c->netdev, c->state[0] ? c->state : "unknown",
					c->port_name[0] ? c->port_name : "?",
					c->nfcf > 1 ? " (first of several)" : "");
			else
				fprintf(out, LABEL "FCoE %s on %s, no FCF\n", "Storage:", c->name,
					c->netdev);
			break;
		case IOV_CHILD_IB_PORT:
			fprintf(out, LABEL "%s port %s %s\n", "RDMA:",
				c->link_layer[0] ? c->link_layer : "RDMA", c->name,
				c->state[0] ? c->state : "unknown");
			break;
		}
	}
	iov_children_free(&ch);
}

/* one line per subject by default; DVSEC list, page sizes and raw bytes with -v */
void inspect_text_virt(const struct inspect_view *v, const struct iov_dev *d, FILE *out)
{
	print_adapter(v, d, out);
	print_children(v, d, out);
	print_sharing(v, d, out);
	print_vf_migration(v, d, out);
	if (v->verbose)
		print_dvsecs(&d->c, out);
	if (d->c.siov.present)
		print_siov(v, d, out);
	print_raw_caps(v, d, out);
}

/* SR-IOV's VF Migration bits, -vv: they belong to MR-IOV, not to VMs */
void inspect_text_vf_migration(const struct iov_sriov *s, FILE *out)
{
	fprintf(out, CONT "VF migration (MR-IOV, deprecated; not VM live migration): %s",
		s->vf_migration_cap ? "capable" : "not capable");
	if (s->vf_migration_cap)
		fprintf(out, ", %s, interrupt %s, message %u, status %u, state array BIR %u offset 0x%x",
			s->vf_migration_enable ? "on" : "off",
			s->vf_migration_irq_enable ? "on" : "off", s->migration_irq,
			s->vf_migration_status, s->migration_state & 7, s->migration_state & ~7u);
	fputc('\n', out);
}

/* ---- JSON ------------------------------------------------------------- */

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

static struct json_object *dvsec_arr(const struct iov_capset *c)
{
	struct json_object *a = json_object_new_array();
	unsigned i;

	for (i = 0; i < c->ndvsec; i++) {
		const struct iov_dvsec *x = &c->dvsec[i];
		struct json_object *o = json_object_new_object();

		put(o, "offset", jint(x->offset));
		put(o, "vendor_id", jint(x->vendor));
		put(o, "dvsec_id", jint(x->id));
		put(o, "revision", jint(x->revision));
		put(o, "length", jint(x->length));
		put(o, "name", jstr(iov_dvsec_name(x->vendor, x->id)));
		put(o, "description", jstr(iov_dvsec_desc(x->vendor, x->id)));
		json_object_array_add(a, o);
	}
	return a;
}

static struct json_object *subdevs_obj(const struct iov_subdevs *s, struct json_object *o)
{
	struct json_object *wqs = json_object_new_array(), *mdevs = json_object_new_array();
	unsigned i;

	for (i = 0; i < s->nwq; i++) {
		struct json_object *w = json_object_new_object();

		put(w, "device", jstr(s->wq[i].device));
		put(w, "id", jstr(s->wq[i].id));
		put(w, "mode", jstr(s->wq[i].mode));
		put(w, "state", jstr(s->wq[i].state));
		put(w, "type", jstr(s->wq[i].type));
		put(w, "name", jstr(s->wq[i].name));
		json_object_array_add(wqs, w);
	}
	for (i = 0; i < s->nmdev; i++) {
		struct json_object *m = json_object_new_object();

		put(m, "id", jstr(s->mdev[i].id));
		put(m, "name", jstr(s->mdev[i].name));
		put(m, "device_api", jstr(s->mdev[i].device_api));
		put(m, "available_instances",
		    s->mdev[i].available < 0 ? NULL : jint(s->mdev[i].available));
		json_object_array_add(mdevs, m);
	}
	put(o, "work_queues", wqs);
	put(o, "mdev_types", mdevs);
	put(o, "vfio_cdev", jstr(s->vfio_cdev[0] ? s->vfio_cdev : NULL));
	return o;
}

static struct json_object *siov_obj(const struct inspect_view *v, const struct iov_dev *d)
{
	const struct iov_siov *s = &d->c.siov;
	struct json_object *o;
	struct iov_subdevs sd;

	if (!s->present)
		return NULL;
	o = json_object_new_object();
	put(o, "dvsec_offset", jint(s->offset));
	put(o, "revision", jint(s->revision));
	put(o, "function_dependency_link", jint(s->func_dep_link));
	put(o, "homogeneous", json_object_new_boolean(s->homogeneous));
	put(o, "supported_page_sizes", jint(s->supported_page_sizes));
	put(o, "system_page_size", jint(s->system_page_size));
	put(o, "page_size_valid",
	    json_object_new_boolean(iov_page_size_valid(s->supported_page_sizes, s->system_page_size)));
	put(o, "ims_supported", json_object_new_boolean(s->ims_supported));
	put(o, "pasid_enabled", d->c.pasid.present ? json_object_new_boolean(d->c.pasid.enabled) : NULL);
	if (iov_subdevs_read(v->ctx, d, &sd) == 0) {
		subdevs_obj(&sd, o);
		iov_subdevs_free(&sd);
	}
	return o;
}

static struct json_object *raw_caps_arr(const struct iov_dev *d)
{
	struct json_object *a = json_object_new_array();
	unsigned i, k, j;

	for (i = 0; i < d->caps.n; i++) {
		const struct iov_cap *c = &d->caps.cap[i];

		if (c->space != IOV_CAP_EXT)
			continue;
		for (k = 0; k < sizeof(raw_caps) / sizeof(raw_caps[0]); k++) {
			static const char digits[] = "0123456789abcdef";
			struct json_object *o;
			unsigned n;
			char hex[IOV_CAP_RAW_MAX * 2 + 1];

			if (raw_caps[k].id != c->id)
				continue;
			/* by hand: snprintf per byte was most of inspect -j's time in this array */
			n = iov_cap_raw_len(&d->cfg, &d->caps, c);
			for (j = 0; j < n; j++) {
				hex[2 * j] = digits[d->cfg.bytes[c->offset + j] >> 4];
				hex[2 * j + 1] = digits[d->cfg.bytes[c->offset + j] & 0xf];
			}
			hex[2 * n] = '\0';
			o = json_object_new_object();
			put(o, "id", jint(c->id));
			put(o, "name", jstr(iov_cap_name(IOV_CAP_EXT, c->id)));
			put(o, "description", jstr(iov_cap_desc(IOV_CAP_EXT, c->id)));
			put(o, "offset", jint(c->offset));
			put(o, "version", jint(c->version));
			put(o, "bytes", jstr(hex));
			json_object_array_add(a, o);
		}
	}
	return a;
}

static struct json_object *sharing_obj(const struct inspect_view *v, const struct iov_dev *d)
{
	const struct iov_dev *el[MAX_ELSEWHERE];
	struct json_object *o, *via, *same;
	struct iov_sharing sh;
	unsigned n, i;

	if (iov_sharing_read(v->ctx, d, &sh) < 0)
		return NULL;
	n = iov_same_serial_elsewhere(v->list, d, el, MAX_ELSEWHERE);
	if (!sh.ntb && !sh.switchtec[0] && !sh.hier_id && !n)
		return NULL;
	o = json_object_new_object();
	via = json_object_new_array();
	if (sh.ntb)
		json_object_array_add(via, json_object_new_string("ntb"));
	if (sh.partition_count > 1)
		json_object_array_add(via, json_object_new_string("switch_partition"));
	if (sh.hier_id)
		json_object_array_add(via, json_object_new_string("hierarchy_id"));
	same = json_object_new_array();
	for (i = 0; i < n && i < MAX_ELSEWHERE; i++)
		json_object_array_add(same, json_object_new_string(el[i]->addr));
	put(o, "shared", json_object_new_boolean(iov_sharing_shared(&sh) || sh.hier_id));
	put(o, "via", via);
	put(o, "ntb_device", jstr(sh.ntb_dev[0] ? sh.ntb_dev : NULL));
	put(o, "switchtec", jstr(sh.switchtec[0] ? sh.switchtec : NULL));
	put(o, "partition", sh.partition < 0 ? NULL : jint(sh.partition));
	put(o, "partition_count", sh.partition_count < 0 ? NULL : jint(sh.partition_count));
	put(o, "same_serial_elsewhere", same);
	return o;
}

static struct json_object *vf_migration_obj(const struct inspect_view *v, const struct iov_dev *d)
{
	struct iov_vf_migration m;
	struct json_object *o;

	if (!d->is_vf || iov_vf_migration(v->ctx, d, &m) < 0)
		return NULL;
	o = json_object_new_object();
	put(o, "variant_driver_bound", json_object_new_boolean(m.bound_variant));
	put(o, "modules_alias_read", json_object_new_boolean(m.looked_up));
	put(o, "variant_driver", jstr(m.variant[0] ? m.variant : NULL));
	put(o, "variant_driver_installed", m.variant[0] ? json_object_new_boolean(m.installed) : NULL);
	return o;
}

static struct json_object *adapter_obj(const struct inspect_view *v, const struct iov_dev *d)
{
	struct json_object *o, *fns;
	struct iov_adapter a;
	unsigned i;

	if (iov_adapter_of(v->list, d, &a) < 0 || !a.n)
		return NULL;
	o = json_object_new_object();
	fns = json_object_new_array();
	for (i = 0; i < a.n; i++)
		json_object_array_add(fns, json_object_new_string(a.fn[i]->addr));
	put(o, "functions", fns);
	put(o, "serial_confirmed", !a.serial_equal ? json_object_new_boolean(false) :
		a.serial_known ? json_object_new_boolean(true) : NULL);
	put(o, "serial_source", !a.serial_known ? NULL : jstr(a.by_vpd ? "vpd" : "dsn"));
	put(o, "slot", jstr(a.slot));
	put(o, "vpd_serial_number", jstr(d->vpd_sn[0] ? d->vpd_sn : NULL));
	return o;
}

static struct json_object *children_arr(const struct inspect_view *v, const struct iov_dev *d)
{
	static const char *const kinds[] = {
		[IOV_CHILD_SCSI_HOST] = "scsi_host", [IOV_CHILD_FC_HOST] = "fc_host",
		[IOV_CHILD_IB_PORT] = "infiniband_port", [IOV_CHILD_ISCSI_HOST] = "iscsi_host",
		[IOV_CHILD_FCOE_CTLR] = "fcoe_ctlr",
	};
	struct json_object *a = json_object_new_array();
	struct iov_children ch;
	unsigned i;

	if (iov_children_read(v->ctx, d, &ch) < 0)
		return a;
	for (i = 0; i < ch.n; i++) {
		const struct iov_child *c = &ch.c[i];
		struct json_object *o = json_object_new_object();

		put(o, "kind", jstr(kinds[c->kind]));
		put(o, "name", jstr(c->name));
		put(o, "state", jstr(c->state[0] ? c->state : NULL));
		put(o, "port_name", jstr(c->port_name[0] ? c->port_name : NULL));
		put(o, "node_name", jstr(c->node_name[0] ? c->node_name : NULL));
		put(o, "speed", jstr(c->speed[0] ? c->speed : NULL));
		put(o, "link_layer", jstr(c->link_layer[0] ? c->link_layer : NULL));
		put(o, "ip_address", jstr(c->ip[0] ? c->ip : NULL));
		put(o, "netdev", jstr(c->netdev[0] ? c->netdev : NULL));
		put(o, "fcfs", c->kind == IOV_CHILD_FCOE_CTLR ? jint(c->nfcf) : NULL);
		json_object_array_add(a, o);
	}
	iov_children_free(&ch);
	return a;
}

void inspect_json_virt(const struct inspect_view *v, const struct iov_dev *d, struct json_object *o)
{
	put(o, "adapter", adapter_obj(v, d));
	put(o, "children", children_arr(v, d));
	put(o, "vf_migration", vf_migration_obj(v, d));
	put(o, "sharing", sharing_obj(v, d));
	put(o, "dvsec", dvsec_arr(&d->c));
	put(o, "scalable_iov", siov_obj(v, d));
	put(o, "raw_capabilities", raw_caps_arr(d));
}

struct json_object *inspect_json_virt_host(const struct inspect_view *v)
{
	struct iov_siov_host h;
	struct json_object *o;

	if (iov_siov_host_read(v->ctx, &h) < 0)
		return NULL;
	o = json_object_new_object();
	put(o, "vtd_units", jint(h.vtd_units));
	put(o, "vtd_scalable_mode_units", jint(h.vtd_scalable));
	put(o, "iommufd", json_object_new_boolean(h.iommufd));
	return o;
}
