// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The other I/O virtualization capabilities: Designated Vendor-Specific
 * headers (ext cap 0x23) named by (vendor, DVSEC ID), Intel's Scalable IOV
 * DVSEC, and the undecoded ones (MR-IOV 0x11, native Scalable IOV 0x38,
 * Hierarchy ID 0x28) kept as version plus raw bytes. Like caps.c, every
 * decoder works on bytes plus a length and never reads past what was read.
 */
#include "iov.h"

#include <errno.h>
#include <string.h>

#define NEED(cfg, off, n)                                                     \
	do {                                                                  \
		if (!iov_cfg_has(cfg, off, n))                                \
			return -ENODATA;                                      \
	} while (0)

/*
 * DVSEC header (PCIe Base 6.0, 7.9.6): Header 1 at +0x04 holds vendor
 * (15:0), revision (19:16) and length in bytes (31:20); Header 2 at +0x08
 * holds the DVSEC ID (15:0). As pciutils' cap_dvsec().
 */
int decode_dvsec(const struct iov_config *cfg, unsigned off, struct iov_dvsec *d)
{
	uint32_t h1;

	memset(d, 0, sizeof(*d));
	NEED(cfg, off, 0x0a);
	h1 = iov_cfg_u32(cfg, off + 0x04);
	d->offset = off;
	d->vendor = h1 & 0xffff;
	d->revision = (h1 >> 16) & 0xf;
	d->length = h1 >> 20;
	d->id = iov_cfg_u16(cfg, off + 0x08);
	return 0;
}

/*
 * Intel Scalable I/O Virtualization Technical Specification, 3.2: DVSEC
 * vendor 0x8086, ID 5, 24 bytes. +0x0a Function Dependency Link, +0x0b
 * flags (bit 0 homogeneous), +0x0c supported page sizes, +0x10 system page
 * size, +0x14 capabilities (bit 0 IMS supported).
 */
int decode_siov(const struct iov_config *cfg, unsigned off, struct iov_siov *s)
{
	struct iov_dvsec h;
	int r;

	memset(s, 0, sizeof(*s));
	r = decode_dvsec(cfg, off, &h);
	if (r < 0)
		return r;
	if (!iov_dvsec_is_siov(&h))
		return -EINVAL;
	NEED(cfg, off, IOV_SIOV_DVSEC_LEN);
	s->offset = off;
	s->revision = h.revision;
	s->func_dep_link = iov_cfg_u8(cfg, off + 0x0a);
	s->flags = iov_cfg_u8(cfg, off + 0x0b);
	s->homogeneous = s->flags & 0x1;
	s->supported_page_sizes = iov_cfg_u32(cfg, off + 0x0c);
	s->system_page_size = iov_cfg_u32(cfg, off + 0x10);
	s->caps = iov_cfg_u32(cfg, off + 0x14);
	s->ims_supported = s->caps & 0x1;
	s->present = true;
	return 0;
}

bool iov_dvsec_is_siov(const struct iov_dvsec *d)
{
	return d->vendor == IOV_DVSEC_VENDOR_INTEL && d->id == IOV_DVSEC_ID_INTEL_SIOV;
}

/*
 * Page size registers: bit n is a page of 4 KiB << n. The system page size
 * must be exactly one of the supported sizes (SR-IOV 3.3.13 uses the same
 * rule; Scalable IOV copies it).
 */
bool iov_page_size_valid(uint32_t supported, uint32_t system)
{
	return system && !(system & (system - 1)) && (system & supported);
}

struct dvsec_info {
	uint16_t vendor, id;
	const char *key;
	const char *desc;	/* as lspci prints it where lspci names it */
};

static const struct dvsec_info dvsec_table[] = {
	{ IOV_DVSEC_VENDOR_CXL, 0x0, "cxl_device", "PCIe DVSEC for CXL Devices" },
	{ IOV_DVSEC_VENDOR_CXL, 0x2, "cxl_function_map", "Non-CXL Function Map DVSEC" },
	{ IOV_DVSEC_VENDOR_CXL, 0x3, "cxl_port", "CXL Extensions DVSEC for Ports" },
	{ IOV_DVSEC_VENDOR_CXL, 0x4, "cxl_gpf_port", "GPF DVSEC for CXL Ports" },
	{ IOV_DVSEC_VENDOR_CXL, 0x5, "cxl_gpf_device", "GPF DVSEC for CXL Devices" },
	{ IOV_DVSEC_VENDOR_CXL, 0x7, "cxl_flex_bus_port", "PCIe DVSEC for Flex Bus Port" },
	{ IOV_DVSEC_VENDOR_CXL, 0x8, "cxl_register_locator", "Register Locator DVSEC" },
	{ IOV_DVSEC_VENDOR_CXL, 0x9, "cxl_mld", "MLD DVSEC" },
	{ IOV_DVSEC_VENDOR_CXL, 0xa, "cxl_test", "PCIe DVSEC for Test Capability" },
	{ IOV_DVSEC_VENDOR_INTEL, IOV_DVSEC_ID_INTEL_SIOV, "intel_siov", "Scalable IOV" },
};

static const struct dvsec_info *dvsec_lookup(uint16_t vendor, uint16_t id)
{
	size_t i;

	for (i = 0; i < sizeof(dvsec_table) / sizeof(dvsec_table[0]); i++)
		if (dvsec_table[i].vendor == vendor && dvsec_table[i].id == id)
			return &dvsec_table[i];
	return NULL;
}

const char *iov_dvsec_name(uint16_t vendor, uint16_t id)
{
	const struct dvsec_info *di = dvsec_lookup(vendor, id);

	return di ? di->key : NULL;
}

const char *iov_dvsec_desc(uint16_t vendor, uint16_t id)
{
	const struct dvsec_info *di = dvsec_lookup(vendor, id);

	return di ? di->desc : NULL;
}

/*
 * Capabilities with no published or no decoded layout are shown as raw
 * bytes: from the header to the next capability above it, to the end of
 * what was read, or IOV_CAP_RAW_MAX, whichever comes first.
 */
unsigned iov_cap_raw_len(const struct iov_config *cfg, const struct iov_caps *caps,
			 const struct iov_cap *cap)
{
	unsigned end = cap->space == IOV_CAP_EXT ? IOV_CFG_SIZE : IOV_CFG_STD_SIZE, i;

	for (i = 0; i < caps->n; i++) {
		const struct iov_cap *c = &caps->cap[i];

		if (c->space == cap->space && c->offset > cap->offset && c->offset < end)
			end = c->offset;
	}
	if (end > cfg->len)
		end = cfg->len;
	if (end <= cap->offset)
		return 0;
	end -= cap->offset;
	return end < IOV_CAP_RAW_MAX ? end : IOV_CAP_RAW_MAX;
}
