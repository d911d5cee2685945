// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Capability lists: a bounds-checked walker over the standard (0x34) and
 * extended (0x100) lists, and the table of decoders keyed by capability ID.
 * Decoders work on bytes plus a length, so whatever could not be read stays
 * "not present" instead of turning into zeros that look real.
 */
#include "iov.h"

#include <errno.h>
#include <stddef.h>
#include <string.h>

#define PCI_STATUS 0x06
#define PCI_STATUS_CAP_LIST 0x10
#define PCI_HEADER_TYPE 0x0e
#define PCI_CAPABILITY_LIST 0x34
#define PCI_CB_CAPABILITY_LIST 0x14
#define EXT_CAP_START 0x100

static bool add_cap(struct iov_caps *out, int space, uint16_t id, uint8_t ver, uint16_t off)
{
	if (out->n >= IOV_MAX_CAPS)
		return false;
	out->cap[out->n].space = space;
	out->cap[out->n].id = id;
	out->cap[out->n].version = ver;
	out->cap[out->n].offset = off;
	out->n++;
	return true;
}

/* A length that is not what the kernel hands out means the file was cut. */
static enum iov_walk_status beyond_read(const struct iov_config *cfg)
{
	if (cfg->len == 64 || cfg->len == 128 || cfg->len == 256 || cfg->len == IOV_CFG_SIZE)
		return IOV_WALK_UNREAD;
	return IOV_WALK_TRUNCATED;
}

static void walk_std(const struct iov_config *cfg, struct iov_caps *out)
{
	uint8_t visited[256 / 4 / 8] = { 0 };
	unsigned ptr_off, ptr, steps = 0;

	if (!iov_cfg_has(cfg, PCI_STATUS, 2) || !iov_cfg_has(cfg, PCI_HEADER_TYPE, 1)) {
		out->std_status = IOV_WALK_UNREAD;
		return;
	}
	if (!(iov_cfg_u16(cfg, PCI_STATUS) & PCI_STATUS_CAP_LIST))
		return;
	ptr_off = (iov_cfg_u8(cfg, PCI_HEADER_TYPE) & 0x7f) == 2 ? PCI_CB_CAPABILITY_LIST
								   : PCI_CAPABILITY_LIST;
	if (!iov_cfg_has(cfg, ptr_off, 1)) {
		out->std_status = IOV_WALK_UNREAD;
		return;
	}
	/* the low two bits are reserved and must be ignored (PCI 3.0, 6.7) */
	ptr = iov_cfg_u8(cfg, ptr_off) & 0xfc;
	while (ptr) {
		if (ptr < 0x40) {
			out->std_status = IOV_WALK_BAD_PTR;
			out->std_bad_off = ptr;
			return;
		}
		if (!iov_cfg_has(cfg, ptr, 2)) {
			out->std_status = beyond_read(cfg);
			out->std_bad_off = ptr;
			return;
		}
		if (visited[ptr / 32] & (1u << (ptr / 4 % 8))) {
			out->std_status = IOV_WALK_LOOP;
			out->std_bad_off = ptr;
			return;
		}
		visited[ptr / 32] |= 1u << (ptr / 4 % 8);
		if (++steps > 48 || !add_cap(out, IOV_CAP_STD, iov_cfg_u8(cfg, ptr), 0, ptr)) {
			out->std_status = IOV_WALK_TOO_MANY;
			out->std_bad_off = ptr;
			return;
		}
		ptr = iov_cfg_u8(cfg, ptr + 1) & 0xfc;
	}
}

static void walk_ext(const struct iov_config *cfg, struct iov_caps *out)
{
	uint8_t visited[IOV_CFG_SIZE / 4 / 8] = { 0 };
	unsigned ptr = EXT_CAP_START, steps = 0;
	uint32_t hdr;

	/* the header alone (non-root read) hides both lists */
	if (out->std_status == IOV_WALK_UNREAD && cfg->len < IOV_CFG_STD_SIZE) {
		out->ext_status = IOV_WALK_UNREAD;
		out->ext_bad_off = EXT_CAP_START;
		return;
	}
	/* only PCI Express functions have extended space (as lspci and the kernel) */
	if (!iov_caps_find(out, IOV_CAP_STD, IOV_CAP_ID_EXP))
		return;
	if (cfg->len <= EXT_CAP_START) {
		/* 256 bytes: a PCIe function behind a host that gives no more */
		out->ext_status = cfg->len < 256 ? beyond_read(cfg) : IOV_WALK_OK;
		out->ext_bad_off = out->ext_status ? EXT_CAP_START : 0;
		return;
	}
	do {
		if (ptr < EXT_CAP_START) {
			out->ext_status = IOV_WALK_BAD_PTR;
			out->ext_bad_off = ptr;
			return;
		}
		if (!iov_cfg_has(cfg, ptr, 4)) {
			out->ext_status = beyond_read(cfg);
			out->ext_bad_off = ptr;
			return;
		}
		hdr = iov_cfg_u32(cfg, ptr);
		/* an all-zero or all-ones first header means no extended list */
		if (hdr == 0 || hdr == 0xffffffff) {
			if (ptr != EXT_CAP_START) {
				out->ext_status = IOV_WALK_BAD_PTR;
				out->ext_bad_off = ptr;
			}
			return;
		}
		if (visited[ptr / 32] & (1u << (ptr / 4 % 8))) {
			out->ext_status = IOV_WALK_LOOP;
			out->ext_bad_off = ptr;
			return;
		}
		visited[ptr / 32] |= 1u << (ptr / 4 % 8);
		if (++steps > 64 || !add_cap(out, IOV_CAP_EXT, hdr & 0xffff, (hdr >> 16) & 0xf, ptr)) {
			out->ext_status = IOV_WALK_TOO_MANY;
			out->ext_bad_off = ptr;
			return;
		}
		/*
		 * bits 1:0 of Next Capability Offset are reserved and software
		 * must mask them (PCIe Base Spec 7.6.3; Linux PCI_EXT_CAP_NEXT)
		 */
		ptr = (hdr >> 20) & 0xffc;
	} while (ptr);
}

int iov_caps_walk(const struct iov_config *cfg, struct iov_caps *out)
{
	memset(out, 0, sizeof(*out));
	walk_std(cfg, out);
	walk_ext(cfg, out);
	return 0;
}

const struct iov_cap *iov_caps_find(const struct iov_caps *caps, int space, uint16_t id)
{
	unsigned i;

	for (i = 0; i < caps->n; i++)
		if (caps->cap[i].space == space && caps->cap[i].id == id)
			return &caps->cap[i];
	return NULL;
}

const char *iov_walk_status_str(enum iov_walk_status st)
{
	switch (st) {
	case IOV_WALK_OK:
		return "ok";
	case IOV_WALK_UNREAD:
		return "beyond the readable config space";
	case IOV_WALK_LOOP:
		return "capability list loops";
	case IOV_WALK_BAD_PTR:
		return "invalid capability pointer";
	case IOV_WALK_TRUNCATED:
		return "config space truncated";
	case IOV_WALK_TOO_MANY:
		return "too many capabilities";
	}
	return "unknown";
}

/* ---- decoders ---------------------------------------------------------- */

#define NEED(cfg, off, n)                                                     \
	do {                                                                  \
		if (!iov_cfg_has(cfg, off, n))                                \
			return -ENODATA;                                      \
	} while (0)

double iov_link_speed_gts(unsigned enc)
{
	static const double gts[] = { 0, 2.5, 5.0, 8.0, 16.0, 32.0, 64.0 };

	return enc < sizeof(gts) / sizeof(gts[0]) ? gts[enc] : 0;
}

int decode_pcie(const struct iov_config *cfg, unsigned off, struct iov_pcie *p)
{
	uint16_t flags;
	unsigned need;

	memset(p, 0, sizeof(*p));
	NEED(cfg, off, 0x0c);
	flags = iov_cfg_u16(cfg, off + 0x02);
	p->version = flags & 0xf;
	p->port_type = (flags >> 4) & 0xf;
	p->slot = flags & 0x100;
	/* root complex integrated endpoints and event collectors have no link */
	p->has_link = p->port_type != IOV_PORT_RC_INTEGRATED && p->port_type != IOV_PORT_RC_EC;
	need = p->version >= 2 ? 0x3c : (p->has_link ? 0x14 : 0x0c);
	NEED(cfg, off, need);
	p->has_cap2 = p->version >= 2;
	p->devcap = iov_cfg_u32(cfg, off + 0x04);
	p->devctl = iov_cfg_u16(cfg, off + 0x08);
	p->devsta = iov_cfg_u16(cfg, off + 0x0a);
	p->max_payload_cap = 128u << (p->devcap & 0x7);
	p->max_payload = 128u << ((p->devctl >> 5) & 0x7);
	p->max_read_req = 128u << ((p->devctl >> 12) & 0x7);
	p->flr = p->devcap & (1u << 28);
	if (p->has_link) {
		p->lnkcap = iov_cfg_u32(cfg, off + 0x0c);
		p->lnkctl = iov_cfg_u16(cfg, off + 0x10);
		p->lnksta = iov_cfg_u16(cfg, off + 0x12);
		p->link_cap_speed = p->lnkcap & 0xf;
		p->link_cap_width = (p->lnkcap >> 4) & 0x3f;
		p->aspm_cap = (p->lnkcap >> 10) & 0x3;
		p->aspm_ctl = p->lnkctl & 0x3;
		p->link_speed = p->lnksta & 0xf;
		p->link_width = (p->lnksta >> 4) & 0x3f;
		p->dll_link_active = p->lnksta & (1u << 13);
	}
	if (p->has_cap2) {
		p->devcap2 = iov_cfg_u32(cfg, off + 0x24);
		p->devctl2 = iov_cfg_u16(cfg, off + 0x28);
		p->ari_fwd_cap = p->devcap2 & (1u << 5);
		p->ari_fwd_enabled = p->devctl2 & (1u << 5);
		if (p->has_link) {
			p->lnkcap2 = iov_cfg_u32(cfg, off + 0x2c);
			p->link_speeds_supported = (p->lnkcap2 >> 1) & 0x7f;
		}
	}
	p->present = true;
	return 0;
}

int decode_pm(const struct iov_config *cfg, unsigned off, struct iov_pm *pm)
{
	uint16_t pmcsr;

	memset(pm, 0, sizeof(*pm));
	NEED(cfg, off, 8);
	pm->version = iov_cfg_u16(cfg, off + 2) & 0x7;
	pmcsr = iov_cfg_u16(cfg, off + 4);
	pm->state = pmcsr & 0x3;
	pm->no_soft_reset = pmcsr & 0x8;
	pm->pme_enabled = pmcsr & 0x100;
	pm->present = true;
	return 0;
}

int decode_msi(const struct iov_config *cfg, unsigned off, struct iov_msi *m)
{
	uint16_t flags;
	unsigned size;

	memset(m, 0, sizeof(*m));
	NEED(cfg, off, 4);
	flags = iov_cfg_u16(cfg, off + 2);
	m->enabled = flags & 0x1;
	m->vectors_cap = 1u << ((flags >> 1) & 0x7);
	m->vectors_en = 1u << ((flags >> 4) & 0x7);
	m->addr64 = flags & 0x80;
	m->maskable = flags & 0x100;
	size = m->addr64 ? 14 : 10;
	if (m->maskable)
		size += 10;
	NEED(cfg, off, size);
	m->present = true;
	return 0;
}

int decode_msix(const struct iov_config *cfg, unsigned off, struct iov_msix *m)
{
	uint16_t flags;
	uint32_t t, p;

	memset(m, 0, sizeof(*m));
	NEED(cfg, off, 12);
	flags = iov_cfg_u16(cfg, off + 2);
	m->table_size = (flags & 0x7ff) + 1;
	m->masked = flags & 0x4000;
	m->enabled = flags & 0x8000;
	t = iov_cfg_u32(cfg, off + 4);
	p = iov_cfg_u32(cfg, off + 8);
	m->table_bir = t & 7;
	m->table_offset = t & ~7u;
	m->pba_bir = p & 7;
	m->pba_offset = p & ~7u;
	m->present = true;
	return 0;
}

static void decode_vf_bars(const struct iov_config *cfg, unsigned off, struct iov_sriov *s)
{
	unsigned i;

	for (i = 0; i < IOV_SRIOV_NBARS; i++) {
		struct iov_vf_bar *b = &s->vf_bar[i];
		uint32_t lo = iov_cfg_u32(cfg, off + 0x24 + 4 * i);

		if (i > 0 && s->vf_bar[i - 1].mem64 && !s->vf_bar[i - 1].upper) {
			/* implemented as part of the pair, whatever it holds */
			b->upper = true;
			b->present = true;
			s->vf_bar[i - 1].address |= (uint64_t)lo << 32;
			continue;
		}
		b->mem64 = ((lo >> 1) & 3) == 2;
		b->prefetch = lo & 0x8;
		b->address = lo & ~0xfull;
		/* an unimplemented BAR reads as zero; sizes come from 'resource' */
		b->present = lo != 0;
	}
}

int decode_sriov(const struct iov_config *cfg, unsigned off, struct iov_sriov *s)
{
	memset(s, 0, sizeof(*s));
	NEED(cfg, off, 0x40);
	s->offset = off;
	s->cap = iov_cfg_u32(cfg, off + 0x04);
	s->vf_migration_cap = s->cap & 0x1;
	s->ari_hier_preserved = s->cap & 0x2;
	s->vf_10bit_tag_cap = s->cap & 0x4;
	s->migration_irq = s->cap >> 21;
	s->ctrl = iov_cfg_u16(cfg, off + 0x08);
	s->vf_enable = s->ctrl & 0x1;
	s->vf_migration_enable = s->ctrl & 0x2;
	s->vf_migration_irq_enable = s->ctrl & 0x4;
	s->vf_mse = s->ctrl & 0x8;
	s->ari_hierarchy = s->ctrl & 0x10;
	s->vf_10bit_tag = s->ctrl & 0x20;
	s->status = iov_cfg_u16(cfg, off + 0x0a);
	s->vf_migration_status = s->status & 0x1;
	s->initial_vfs = iov_cfg_u16(cfg, off + 0x0c);
	s->total_vfs = iov_cfg_u16(cfg, off + 0x0e);
	s->num_vfs = iov_cfg_u16(cfg, off + 0x10);
	s->func_dep_link = iov_cfg_u8(cfg, off + 0x12);
	s->first_vf_offset = iov_cfg_u16(cfg, off + 0x14);
	s->vf_stride = iov_cfg_u16(cfg, off + 0x16);
	s->vf_device_id = iov_cfg_u16(cfg, off + 0x1a);
	s->supported_page_sizes = iov_cfg_u32(cfg, off + 0x1c);
	s->system_page_size = iov_cfg_u32(cfg, off + 0x20);
	decode_vf_bars(cfg, off, s);
	s->migration_state = iov_cfg_u32(cfg, off + 0x3c);
	s->present = true;
	return 0;
}

int decode_ari(const struct iov_config *cfg, unsigned off, struct iov_ari *a)
{
	uint16_t cap, ctl;

	memset(a, 0, sizeof(*a));
	NEED(cfg, off, 8);
	cap = iov_cfg_u16(cfg, off + 4);
	ctl = iov_cfg_u16(cfg, off + 6);
	a->mfvc_fg = cap & 0x1;
	a->acs_fg = cap & 0x2;
	a->next_fn = cap >> 8;
	a->mfvc_fg_enabled = ctl & 0x1;
	a->acs_fg_enabled = ctl & 0x2;
	a->fn_group = (ctl >> 4) & 0x7;
	a->present = true;
	return 0;
}

int decode_acs(const struct iov_config *cfg, unsigned off, struct iov_acs *a)
{
	memset(a, 0, sizeof(*a));
	NEED(cfg, off, 8);
	a->cap = iov_cfg_u16(cfg, off + 4) & 0x7f;
	a->egress_vector_size = iov_cfg_u16(cfg, off + 4) >> 8;
	a->ctrl = iov_cfg_u16(cfg, off + 6) & 0x7f;
	a->present = true;
	return 0;
}

const char *iov_acs_bit_name(unsigned bit)
{
	static const char *const names[] = { "SV", "TB", "RR", "CR", "UF", "EC", "DT" };

	return bit < 7 ? names[bit] : "?";
}

int decode_ats(const struct iov_config *cfg, unsigned off, struct iov_ats *a)
{
	uint16_t cap, ctl;

	memset(a, 0, sizeof(*a));
	NEED(cfg, off, 8);
	cap = iov_cfg_u16(cfg, off + 4);
	ctl = iov_cfg_u16(cfg, off + 6);
	a->invq_depth = cap & 0x1f;
	a->page_aligned = cap & 0x20;
	a->enabled = ctl & 0x8000;
	a->stu = ctl & 0x1f;
	a->present = true;
	return 0;
}

int decode_pri(const struct iov_config *cfg, unsigned off, struct iov_pri *p)
{
	uint16_t ctl, sta;

	memset(p, 0, sizeof(*p));
	NEED(cfg, off, 0x10);
	ctl = iov_cfg_u16(cfg, off + 4);
	sta = iov_cfg_u16(cfg, off + 6);
	p->enabled = ctl & 0x1;
	p->stopped = sta & 0x100;
	p->max_requests = iov_cfg_u32(cfg, off + 8);
	p->alloc_requests = iov_cfg_u32(cfg, off + 12);
	p->present = true;
	return 0;
}

int decode_pasid(const struct iov_config *cfg, unsigned off, struct iov_pasid *p)
{
	uint16_t cap, ctl;

	memset(p, 0, sizeof(*p));
	NEED(cfg, off, 8);
	cap = iov_cfg_u16(cfg, off + 4);
	ctl = iov_cfg_u16(cfg, off + 6);
	p->exec_cap = cap & 0x2;
	p->priv_cap = cap & 0x4;
	p->width = (cap >> 8) & 0x1f;
	p->enabled = ctl & 0x1;
	p->exec_enabled = ctl & 0x2;
	p->priv_enabled = ctl & 0x4;
	p->present = true;
	return 0;
}

int decode_aer(const struct iov_config *cfg, unsigned off, struct iov_aer *a)
{
	memset(a, 0, sizeof(*a));
	NEED(cfg, off, 0x1c);
	a->uncor_status = iov_cfg_u32(cfg, off + 0x04);
	a->uncor_mask = iov_cfg_u32(cfg, off + 0x08);
	a->uncor_severity = iov_cfg_u32(cfg, off + 0x0c);
	a->cor_status = iov_cfg_u32(cfg, off + 0x10);
	a->cor_mask = iov_cfg_u32(cfg, off + 0x14);
	a->cap_ctrl = iov_cfg_u32(cfg, off + 0x18);
	a->present = true;
	return 0;
}

int decode_dsn(const struct iov_config *cfg, unsigned off, struct iov_dsn *d)
{
	memset(d, 0, sizeof(*d));
	NEED(cfg, off, 0x0c);
	d->serial = (uint64_t)iov_cfg_u32(cfg, off + 8) << 32 | iov_cfg_u32(cfg, off + 4);
	d->present = true;
	return 0;
}

/* ---- the table ---------------------------------------------------------- */

typedef int (*decode_fn)(const struct iov_config *cfg, unsigned off, struct iov_capset *cs);

#define WRAP(name)                                                              \
	static int wrap_##name(const struct iov_config *cfg, unsigned off,     \
			       struct iov_capset *cs)                           \
	{                                                                       \
		return decode_##name(cfg, off, &cs->name);                      \
	}
WRAP(pcie)
WRAP(pm)
WRAP(msi)
WRAP(msix)
WRAP(sriov)
WRAP(ari)
WRAP(acs)
WRAP(ats)
WRAP(pri)
WRAP(pasid)
WRAP(aer)
WRAP(dsn)

/* every DVSEC is kept; Intel's Scalable IOV one is decoded further */
static int wrap_dvsec(const struct iov_config *cfg, unsigned off, struct iov_capset *cs)
{
	struct iov_dvsec *d;
	int r;

	if (cs->ndvsec >= IOV_MAX_DVSEC)
		return 0;
	d = &cs->dvsec[cs->ndvsec];
	r = decode_dvsec(cfg, off, d);
	if (r < 0)
		return r;
	cs->ndvsec++;
	if (iov_dvsec_is_siov(d) && !cs->siov.present)
		return decode_siov(cfg, off, &cs->siov);
	return 0;
}

struct cap_info {
	uint8_t space;
	uint16_t id;
	const char *name;
	const char *desc;
	decode_fn decode;
};

static const struct cap_info cap_table[] = {
	{ IOV_CAP_STD, 0x01, "pm", "Power Management", wrap_pm },
	{ IOV_CAP_STD, 0x02, "agp", "AGP", NULL },
	{ IOV_CAP_STD, 0x03, "vpd", "Vital Product Data", NULL },
	{ IOV_CAP_STD, 0x04, "slotid", "Slot Identification", NULL },
	{ IOV_CAP_STD, 0x05, "msi", "Message Signalled Interrupts", wrap_msi },
	{ IOV_CAP_STD, 0x06, "chswp", "CompactPCI Hot Swap", NULL },
	{ IOV_CAP_STD, 0x07, "pcix", "PCI-X", NULL },
	{ IOV_CAP_STD, 0x08, "ht", "HyperTransport", NULL },
	{ IOV_CAP_STD, 0x09, "vendor", "Vendor Specific", NULL },
	{ IOV_CAP_STD, 0x0a, "debug", "Debug port", NULL },
	{ IOV_CAP_STD, 0x0b, "ccrc", "CompactPCI Central Resource Control", NULL },
	{ IOV_CAP_STD, 0x0c, "hotplug", "PCI Hot-plug", NULL },
	{ IOV_CAP_STD, 0x0d, "ssvid", "Bridge Subsystem Vendor ID", NULL },
	{ IOV_CAP_STD, 0x0e, "agp3", "AGP 8x", NULL },
	{ IOV_CAP_STD, 0x0f, "secure", "Secure Device", NULL },
	{ IOV_CAP_STD, 0x10, "express", "PCI Express", wrap_pcie },
	{ IOV_CAP_STD, 0x11, "msix", "MSI-X", wrap_msix },
	{ IOV_CAP_STD, 0x12, "sata", "SATA HBA", NULL },
	{ IOV_CAP_STD, 0x13, "af", "PCI Advanced Features", NULL },
	{ IOV_CAP_STD, 0x14, "ea", "Enhanced Allocation", NULL },
	{ IOV_CAP_STD, 0x15, "fpb", "Flattening Portal Bridge", NULL },
	{ IOV_CAP_EXT, 0x01, "aer", "Advanced Error Reporting", wrap_aer },
	{ IOV_CAP_EXT, 0x02, "vc", "Virtual Channel", NULL },
	{ IOV_CAP_EXT, 0x03, "dsn", "Device Serial Number", wrap_dsn },
	{ IOV_CAP_EXT, 0x04, "power", "Power Budgeting", NULL },
	{ IOV_CAP_EXT, 0x05, "rclink", "Root Complex Link", NULL },
	{ IOV_CAP_EXT, 0x06, "rcilink", "Root Complex Internal Link", NULL },
	{ IOV_CAP_EXT, 0x07, "rcec", "Root Complex Event Collector", NULL },
	{ IOV_CAP_EXT, 0x08, "mfvc", "Multi-Function Virtual Channel", NULL },
	{ IOV_CAP_EXT, 0x09, "vc9", "Virtual Channel", NULL },
	{ IOV_CAP_EXT, 0x0a, "rcrb", "Root Complex Register Block", NULL },
	{ IOV_CAP_EXT, 0x0b, "vsec", "Vendor Specific", NULL },
	{ IOV_CAP_EXT, 0x0c, "cac", "Config Access Correlation", NULL },
	{ IOV_CAP_EXT, 0x0d, "acs", "Access Control Services", wrap_acs },
	{ IOV_CAP_EXT, 0x0e, "ari", "Alternative Routing-ID Interpretation", wrap_ari },
	{ IOV_CAP_EXT, 0x0f, "ats", "Address Translation Service", wrap_ats },
	{ IOV_CAP_EXT, 0x10, "sriov", "Single Root I/O Virtualization", wrap_sriov },
	{ IOV_CAP_EXT, 0x11, "mriov", "Multi-Root I/O Virtualization", NULL },
	{ IOV_CAP_EXT, 0x12, "mcast", "Multicast", NULL },
	{ IOV_CAP_EXT, 0x13, "pri", "Page Request Interface", wrap_pri },
	{ IOV_CAP_EXT, 0x15, "rebar", "Resizable BAR", NULL },
	{ IOV_CAP_EXT, 0x16, "dpa", "Dynamic Power Allocation", NULL },
	{ IOV_CAP_EXT, 0x17, "tph", "TPH Requester", NULL },
	{ IOV_CAP_EXT, 0x18, "ltr", "Latency Tolerance Reporting", NULL },
	{ IOV_CAP_EXT, 0x19, "secpcie", "Secondary PCI Express", NULL },
	{ IOV_CAP_EXT, 0x1a, "pmux", "Protocol Multiplexing", NULL },
	{ IOV_CAP_EXT, 0x1b, "pasid", "Process Address Space ID", wrap_pasid },
	{ IOV_CAP_EXT, 0x1c, "lnr", "LN Requester", NULL },
	{ IOV_CAP_EXT, 0x1d, "dpc", "Downstream Port Containment", NULL },
	{ IOV_CAP_EXT, 0x1e, "l1ss", "L1 PM Substates", NULL },
	{ IOV_CAP_EXT, 0x1f, "ptm", "Precision Time Measurement", NULL },
	{ IOV_CAP_EXT, 0x20, "mpcie", "PCI Express over M-PHY", NULL },
	{ IOV_CAP_EXT, 0x21, "frs", "FRS Queueing", NULL },
	{ IOV_CAP_EXT, 0x22, "rtr", "Readiness Time Reporting", NULL },
	{ IOV_CAP_EXT, 0x23, "dvsec", "Designated Vendor-Specific", wrap_dvsec },
	{ IOV_CAP_EXT, 0x24, "vfrebar", "VF Resizable BAR", NULL },
	{ IOV_CAP_EXT, 0x25, "dlf", "Data Link Feature", NULL },
	{ IOV_CAP_EXT, 0x26, "pl16", "Physical Layer 16.0 GT/s", NULL },
	{ IOV_CAP_EXT, 0x27, "lmr", "Lane Margining at the Receiver", NULL },
	{ IOV_CAP_EXT, 0x28, "hierid", "Hierarchy ID", NULL },
	{ IOV_CAP_EXT, 0x29, "npem", "Native PCIe Enclosure Management", NULL },
	{ IOV_CAP_EXT, 0x2a, "pl32", "Physical Layer 32.0 GT/s", NULL },
	{ IOV_CAP_EXT, 0x2b, "altproto", "Alternate Protocol", NULL },
	{ IOV_CAP_EXT, 0x2c, "sfi", "System Firmware Intermediary", NULL },
	{ IOV_CAP_EXT, 0x2e, "doe", "Data Object Exchange", NULL },
	{ IOV_CAP_EXT, 0x2f, "ide", "Integrity and Data Encryption", NULL },
	{ IOV_CAP_EXT, 0x31, "pl64", "Physical Layer 64.0 GT/s", NULL },
	{ IOV_CAP_EXT, 0x38, "siov", "Scalable I/O Virtualization", NULL },
};

static const struct cap_info *cap_lookup(int space, uint16_t id)
{
	size_t i;

	for (i = 0; i < sizeof(cap_table) / sizeof(cap_table[0]); i++)
		if (cap_table[i].space == space && cap_table[i].id == id)
			return &cap_table[i];
	return NULL;
}

const char *iov_cap_name(int space, uint16_t id)
{
	const struct cap_info *ci = cap_lookup(space, id);

	return ci ? ci->name : NULL;
}

const char *iov_cap_desc(int space, uint16_t id)
{
	const struct cap_info *ci = cap_lookup(space, id);

	return ci ? ci->desc : NULL;
}

void iov_caps_decode(const struct iov_config *cfg, const struct iov_caps *caps,
		     struct iov_capset *out)
{
	unsigned i;

	memset(out, 0, sizeof(*out));
	for (i = 0; i < caps->n; i++) {
		const struct cap_info *ci = cap_lookup(caps->cap[i].space, caps->cap[i].id);

		if (ci && ci->decode && ci->decode(cfg, caps->cap[i].offset, out) < 0)
			out->errors++;
	}
}
