// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The capability walker and decoders (lib/caps.c) on config space built
 * byte by byte. Register offsets and bit positions below are taken from the
 * PCIe Base Specification and pciutils' lib/header.h, not from caps.c, so a
 * decoder that reads the wrong bit fails here.
 */
#include "iov.h"
#include "cfgbuild.h"

#include <check.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

/* iov_caps with guard words, to catch a walker writing past cap[] */
struct guarded_caps {
	uint64_t before;
	struct iov_caps caps;
	uint64_t after;
};
#define GUARD 0x5afe5afe5afe5afeull

static void walk(const struct cfgbuild *b, struct guarded_caps *g)
{
	memset(g, 0xcc, sizeof(*g));
	g->before = g->after = GUARD;
	ck_assert_int_eq(iov_caps_walk(&b->cfg, &g->caps), 0);
	ck_assert(g->before == GUARD && g->after == GUARD);
	ck_assert_uint_le(g->caps.n, IOV_MAX_CAPS);
}

static void expect_cap(const struct iov_caps *c, unsigned i, int space, uint16_t id, unsigned off)
{
	ck_assert_uint_lt(i, c->n);
	ck_assert_int_eq(c->cap[i].space, space);
	ck_assert_uint_eq(c->cap[i].id, id);
	ck_assert_uint_eq(c->cap[i].offset, off);
}

/* ---- walker -------------------------------------------------------------- */

START_TEST(test_walk_normal)
{
	struct cfgbuild b;
	struct guarded_caps g;
	const struct iov_cap *c;

	cb_init(&b, IOV_CFG_SIZE);
	add_std_cap(&b, 0x40, IOV_CAP_ID_PM);
	add_std_cap(&b, 0x50, IOV_CAP_ID_MSI);
	add_std_cap(&b, 0x70, IOV_CAP_ID_EXP);
	add_std_cap(&b, 0xb0, IOV_CAP_ID_MSIX);
	add_ext_cap(&b, 0x100, IOV_ECAP_ID_AER, 2);
	add_ext_cap(&b, 0x148, IOV_ECAP_ID_ARI, 1);
	add_ext_cap(&b, 0x160, IOV_ECAP_ID_SRIOV, 1);
	add_ext_cap(&b, 0x1a0, 0x2a, 1);	/* unknown to the decoders: kept anyway */
	walk(&b, &g);
	ck_assert_int_eq(g.caps.std_status, IOV_WALK_OK);
	ck_assert_int_eq(g.caps.ext_status, IOV_WALK_OK);
	ck_assert_uint_eq(g.caps.n, 8);
	expect_cap(&g.caps, 0, IOV_CAP_STD, IOV_CAP_ID_PM, 0x40);
	expect_cap(&g.caps, 1, IOV_CAP_STD, IOV_CAP_ID_MSI, 0x50);
	expect_cap(&g.caps, 2, IOV_CAP_STD, IOV_CAP_ID_EXP, 0x70);
	expect_cap(&g.caps, 3, IOV_CAP_STD, IOV_CAP_ID_MSIX, 0xb0);
	expect_cap(&g.caps, 4, IOV_CAP_EXT, IOV_ECAP_ID_AER, 0x100);
	expect_cap(&g.caps, 5, IOV_CAP_EXT, IOV_ECAP_ID_ARI, 0x148);
	expect_cap(&g.caps, 6, IOV_CAP_EXT, IOV_ECAP_ID_SRIOV, 0x160);
	expect_cap(&g.caps, 7, IOV_CAP_EXT, 0x2a, 0x1a0);
	ck_assert_uint_eq(g.caps.cap[4].version, 2);
	ck_assert_uint_eq(g.caps.cap[6].version, 1);

	c = iov_caps_find(&g.caps, IOV_CAP_EXT, IOV_ECAP_ID_SRIOV);
	ck_assert_ptr_nonnull(c);
	ck_assert_uint_eq(c->offset, 0x160);
	/* the same ID in the other space is a different capability */
	c = iov_caps_find(&g.caps, IOV_CAP_STD, IOV_CAP_ID_EXP);
	ck_assert_ptr_nonnull(c);
	ck_assert_uint_eq(c->offset, 0x70);
	ck_assert_ptr_null(iov_caps_find(&g.caps, IOV_CAP_EXT, IOV_ECAP_ID_ACS));
	ck_assert_ptr_null(iov_caps_find(&g.caps, IOV_CAP_STD, IOV_CAP_ID_VNDR));
}
END_TEST

/* The low two bits of a standard pointer are reserved: software ignores them. */
START_TEST(test_walk_std_reserved_bits)
{
	struct cfgbuild b;
	struct guarded_caps g;

	cb_init(&b, 256);
	add_std_cap(&b, 0x40, IOV_CAP_ID_PM);
	add_std_cap(&b, 0x60, IOV_CAP_ID_EXP);
	put8(&b.cfg, PCI_CAPABILITY_LIST, 0x43);
	put8(&b.cfg, 0x41, 0x62);
	walk(&b, &g);
	ck_assert_int_eq(g.caps.std_status, IOV_WALK_OK);
	ck_assert_uint_eq(g.caps.n, 2);
	expect_cap(&g.caps, 0, IOV_CAP_STD, IOV_CAP_ID_PM, 0x40);
	expect_cap(&g.caps, 1, IOV_CAP_STD, IOV_CAP_ID_EXP, 0x60);
}
END_TEST

/* CardBus bridges keep the capability pointer at 0x14, not 0x34. */
START_TEST(test_walk_cardbus)
{
	struct cfgbuild b;
	struct guarded_caps g;

	cb_init(&b, 256);
	put8(&b.cfg, PCI_HEADER_TYPE, 0x02);
	put16(&b.cfg, PCI_STATUS, PCI_STATUS_CAP_LIST);
	put8(&b.cfg, PCI_CB_CAPABILITY_LIST, 0x80);
	put8(&b.cfg, PCI_CAPABILITY_LIST, 0x00);
	put8(&b.cfg, 0x80, IOV_CAP_ID_PM);
	walk(&b, &g);
	ck_assert_int_eq(g.caps.std_status, IOV_WALK_OK);
	ck_assert_uint_eq(g.caps.n, 1);
	expect_cap(&g.caps, 0, IOV_CAP_STD, IOV_CAP_ID_PM, 0x80);
}
END_TEST

START_TEST(test_walk_std_loop)
{
	struct cfgbuild b;
	struct guarded_caps g;

	cb_init(&b, IOV_CFG_SIZE);
	add_std_cap(&b, 0x40, IOV_CAP_ID_EXP);
	add_std_cap(&b, 0x50, IOV_CAP_ID_MSI);
	put8(&b.cfg, 0x51, 0x40);	/* B -> A */
	add_ext_cap(&b, 0x100, IOV_ECAP_ID_AER, 1);
	walk(&b, &g);
	ck_assert_int_eq(g.caps.std_status, IOV_WALK_LOOP);
	ck_assert_uint_eq(g.caps.std_bad_off, 0x40);
	/* what came before the loop is kept, and the other list is unaffected */
	ck_assert_uint_eq(g.caps.n, 3);
	expect_cap(&g.caps, 0, IOV_CAP_STD, IOV_CAP_ID_EXP, 0x40);
	expect_cap(&g.caps, 1, IOV_CAP_STD, IOV_CAP_ID_MSI, 0x50);
	ck_assert_int_eq(g.caps.ext_status, IOV_WALK_OK);
	expect_cap(&g.caps, 2, IOV_CAP_EXT, IOV_ECAP_ID_AER, 0x100);
}
END_TEST

START_TEST(test_walk_std_self_loop)
{
	struct cfgbuild b;
	struct guarded_caps g;

	cb_init(&b, 256);
	add_std_cap(&b, 0x40, IOV_CAP_ID_PM);
	put8(&b.cfg, 0x41, 0x40);
	walk(&b, &g);
	ck_assert_int_eq(g.caps.std_status, IOV_WALK_LOOP);
	ck_assert_uint_eq(g.caps.std_bad_off, 0x40);
	ck_assert_uint_eq(g.caps.n, 1);
}
END_TEST

START_TEST(test_walk_ext_loop)
{
	struct cfgbuild b;
	struct guarded_caps g;

	cb_init(&b, IOV_CFG_SIZE);
	add_std_cap(&b, 0x40, IOV_CAP_ID_EXP);
	add_ext_cap(&b, 0x100, IOV_ECAP_ID_AER, 1);
	add_ext_cap(&b, 0x140, IOV_ECAP_ID_ACS, 1);
	add_ext_cap(&b, 0x200, IOV_ECAP_ID_DSN, 1);
	set_ext_next(&b, 0x200, 0x140);
	walk(&b, &g);
	ck_assert_int_eq(g.caps.std_status, IOV_WALK_OK);
	ck_assert_int_eq(g.caps.ext_status, IOV_WALK_LOOP);
	ck_assert_uint_eq(g.caps.ext_bad_off, 0x140);
	ck_assert_uint_eq(g.caps.n, 4);
}
END_TEST

START_TEST(test_walk_std_ptr_into_header)
{
	struct cfgbuild b;
	struct guarded_caps g;

	/* the first pointer itself */
	cb_init(&b, 256);
	add_std_cap(&b, 0x40, IOV_CAP_ID_PM);
	put8(&b.cfg, PCI_CAPABILITY_LIST, 0x20);
	walk(&b, &g);
	ck_assert_int_eq(g.caps.std_status, IOV_WALK_BAD_PTR);
	ck_assert_uint_eq(g.caps.std_bad_off, 0x20);
	ck_assert_uint_eq(g.caps.n, 0);

	/* a next pointer */
	cb_init(&b, 256);
	add_std_cap(&b, 0x40, IOV_CAP_ID_PM);
	put8(&b.cfg, 0x41, 0x3c);
	walk(&b, &g);
	ck_assert_int_eq(g.caps.std_status, IOV_WALK_BAD_PTR);
	ck_assert_uint_eq(g.caps.std_bad_off, 0x3c);
	ck_assert_uint_eq(g.caps.n, 1);
}
END_TEST

START_TEST(test_walk_ext_bad_ptr)
{
	struct cfgbuild b;
	struct guarded_caps g;

	cb_init(&b, IOV_CFG_SIZE);
	add_std_cap(&b, 0x40, IOV_CAP_ID_EXP);
	add_ext_cap(&b, 0x100, IOV_ECAP_ID_AER, 1);
	set_ext_next(&b, 0x100, 0x0fc);		/* back into standard space */
	walk(&b, &g);
	ck_assert_int_eq(g.caps.ext_status, IOV_WALK_BAD_PTR);
	ck_assert_uint_eq(g.caps.ext_bad_off, 0x0fc);
	ck_assert_uint_eq(g.caps.n, 2);

	cb_init(&b, IOV_CFG_SIZE);
	add_std_cap(&b, 0x40, IOV_CAP_ID_EXP);
	add_ext_cap(&b, 0x100, IOV_ECAP_ID_AER, 1);
	set_ext_next(&b, 0x100, 0x004);
	walk(&b, &g);
	ck_assert_int_eq(g.caps.ext_status, IOV_WALK_BAD_PTR);
	ck_assert_uint_eq(g.caps.ext_bad_off, 0x004);

	/* a next pointer to an empty (all-zero) header is not a list end */
	cb_init(&b, IOV_CFG_SIZE);
	add_std_cap(&b, 0x40, IOV_CAP_ID_EXP);
	add_ext_cap(&b, 0x100, IOV_ECAP_ID_AER, 1);
	set_ext_next(&b, 0x100, 0x300);
	walk(&b, &g);
	ck_assert_int_eq(g.caps.ext_status, IOV_WALK_BAD_PTR);
	ck_assert_uint_eq(g.caps.ext_bad_off, 0x300);
}
END_TEST

/*
 * The low two bits of the extended Next Capability Offset are reserved and
 * "software must mask them" (PCIe Base Spec, 7.6.3; Linux PCI_EXT_CAP_NEXT
 * and pciutils mask with 0xffc), so a set bit does not break the list.
 */
START_TEST(test_walk_ext_reserved_bits)
{
	struct cfgbuild b;
	struct guarded_caps g;

	cb_init(&b, IOV_CFG_SIZE);
	add_std_cap(&b, 0x40, IOV_CAP_ID_EXP);
	add_ext_cap(&b, 0x100, IOV_ECAP_ID_AER, 1);
	add_ext_cap(&b, 0x140, IOV_ECAP_ID_SRIOV, 1);
	set_ext_next(&b, 0x100, 0x142);
	walk(&b, &g);
	ck_assert_int_eq(g.caps.ext_status, IOV_WALK_OK);
	ck_assert_uint_eq(g.caps.n, 3);
	expect_cap(&g.caps, 2, IOV_CAP_EXT, IOV_ECAP_ID_SRIOV, 0x140);
}
END_TEST

/* What an unprivileged read of config gives: the header only. */
START_TEST(test_walk_64_bytes)
{
	struct cfgbuild b;
	struct guarded_caps g;

	cb_init(&b, IOV_CFG_SIZE);
	add_std_cap(&b, 0x40, IOV_CAP_ID_PM);
	add_std_cap(&b, 0x50, IOV_CAP_ID_EXP);
	add_ext_cap(&b, 0x100, IOV_ECAP_ID_SRIOV, 1);
	b.cfg.len = 64;
	walk(&b, &g);
	ck_assert_int_eq(g.caps.std_status, IOV_WALK_UNREAD);
	ck_assert_uint_eq(g.caps.std_bad_off, 0x40);
	ck_assert_uint_eq(g.caps.n, 0);
	/* whatever it says about the extended list, it must not call it broken */
	ck_assert(g.caps.ext_status == IOV_WALK_OK || g.caps.ext_status == IOV_WALK_UNREAD);
}
END_TEST

/* Nothing at all read (config unreadable). */
START_TEST(test_walk_empty)
{
	struct cfgbuild b;
	struct guarded_caps g;

	cb_init(&b, 0);
	walk(&b, &g);
	ck_assert_int_eq(g.caps.std_status, IOV_WALK_UNREAD);
	ck_assert_uint_eq(g.caps.n, 0);
}
END_TEST

/* 256 bytes of a PCIe function: the extended list is simply not there. */
START_TEST(test_walk_256_bytes)
{
	struct cfgbuild b;
	struct guarded_caps g;

	cb_init(&b, 256);
	add_std_cap(&b, 0x40, IOV_CAP_ID_EXP);
	walk(&b, &g);
	ck_assert_int_eq(g.caps.std_status, IOV_WALK_OK);
	ck_assert_uint_eq(g.caps.n, 1);
	ck_assert(g.caps.ext_status == IOV_WALK_OK || g.caps.ext_status == IOV_WALK_UNREAD);
}
END_TEST

START_TEST(test_walk_truncated)
{
	struct cfgbuild b;
	struct guarded_caps g;

	/* a file cut at a length the kernel never hands out */
	cb_init(&b, IOV_CFG_SIZE);
	add_std_cap(&b, 0x40, IOV_CAP_ID_PM);
	add_std_cap(&b, 0xd0, IOV_CAP_ID_MSIX);
	b.cfg.len = 200;
	walk(&b, &g);
	ck_assert_int_eq(g.caps.std_status, IOV_WALK_TRUNCATED);
	ck_assert_uint_eq(g.caps.std_bad_off, 0xd0);
	ck_assert_uint_eq(g.caps.n, 1);
	expect_cap(&g.caps, 0, IOV_CAP_STD, IOV_CAP_ID_PM, 0x40);

	/* the same in the extended list */
	cb_init(&b, IOV_CFG_SIZE);
	add_std_cap(&b, 0x40, IOV_CAP_ID_EXP);
	add_ext_cap(&b, 0x100, IOV_ECAP_ID_AER, 1);
	add_ext_cap(&b, 0x400, IOV_ECAP_ID_SRIOV, 1);
	b.cfg.len = 1000;
	walk(&b, &g);
	ck_assert_int_eq(g.caps.ext_status, IOV_WALK_TRUNCATED);
	ck_assert_uint_eq(g.caps.ext_bad_off, 0x400);
	ck_assert_uint_eq(g.caps.n, 2);
}
END_TEST

/* A capability whose body runs past the bytes read: listed, not decoded. */
START_TEST(test_walk_body_past_len)
{
	struct cfgbuild b;
	struct guarded_caps g;
	struct iov_capset cs;

	cb_init(&b, 256);
	add_std_cap(&b, 0x40, IOV_CAP_ID_PM);
	add_std_cap(&b, 0xf8, IOV_CAP_ID_MSIX);	/* needs 12 bytes, 8 left */
	put16(&b.cfg, 0xfa, 0x8007);
	walk(&b, &g);
	ck_assert_int_eq(g.caps.std_status, IOV_WALK_OK);
	ck_assert_uint_eq(g.caps.n, 2);
	expect_cap(&g.caps, 1, IOV_CAP_STD, IOV_CAP_ID_MSIX, 0xf8);
	memset(&cs, 0xff, sizeof(cs));
	iov_caps_decode(&b.cfg, &g.caps, &cs);
	ck_assert_int_eq(cs.errors, 1);
	ck_assert(!cs.msix.present);
	ck_assert_uint_eq(cs.msix.table_size, 0);
	ck_assert(cs.pm.present);
	/* capabilities that are not there stay "not present" */
	ck_assert(!cs.pcie.present && !cs.sriov.present && !cs.msi.present);
}
END_TEST

START_TEST(test_walk_no_cap_list_bit)
{
	struct cfgbuild b;
	struct guarded_caps g;

	cb_init(&b, 256);
	add_std_cap(&b, 0x40, IOV_CAP_ID_PM);
	put16(&b.cfg, PCI_STATUS, 0);
	walk(&b, &g);
	ck_assert_int_eq(g.caps.std_status, IOV_WALK_OK);
	ck_assert_uint_eq(g.caps.n, 0);
}
END_TEST

START_TEST(test_walk_no_ext_list)
{
	struct cfgbuild b;
	struct guarded_caps g;

	cb_init(&b, IOV_CFG_SIZE);
	add_std_cap(&b, 0x40, IOV_CAP_ID_EXP);
	/* header 0 at 0x100: no extended capabilities */
	put32(&b.cfg, 0x140, IOV_ECAP_ID_SRIOV | 1 << 16);
	walk(&b, &g);
	ck_assert_int_eq(g.caps.ext_status, IOV_WALK_OK);
	ck_assert_uint_eq(g.caps.n, 1);

	/* all ones reads the same (nothing behind the address) */
	put32(&b.cfg, 0x100, 0xffffffff);
	walk(&b, &g);
	ck_assert_int_eq(g.caps.ext_status, IOV_WALK_OK);
	ck_assert_uint_eq(g.caps.n, 1);
}
END_TEST

/* A step cap: a chain of 60 distinct extended capabilities. */
START_TEST(test_walk_many_ext)
{
	struct cfgbuild b;
	struct guarded_caps g;
	unsigned i;

	cb_init(&b, IOV_CFG_SIZE);
	add_std_cap(&b, 0x40, IOV_CAP_ID_EXP);
	for (i = 0; i < 60; i++)
		add_ext_cap(&b, 0x100 + 0x10 * i, 0x0b, 1);
	walk(&b, &g);
	if (g.caps.ext_status == IOV_WALK_OK) {
		ck_assert_uint_eq(g.caps.n, 61);
		expect_cap(&g.caps, 60, IOV_CAP_EXT, 0x0b, 0x100 + 0x10 * 59);
	} else {
		ck_assert_int_eq(g.caps.ext_status, IOV_WALK_TOO_MANY);
		ck_assert_uint_eq(g.caps.n, IOV_MAX_CAPS);
	}
}
END_TEST

/* Extended space belongs to PCI Express functions only, as for lspci and the kernel. */
START_TEST(test_walk_ext_needs_pcie)
{
	struct cfgbuild b;
	struct guarded_caps g;

	cb_init(&b, IOV_CFG_SIZE);
	add_std_cap(&b, 0x40, IOV_CAP_ID_PM);
	add_ext_cap(&b, 0x100, IOV_ECAP_ID_AER, 1);
	walk(&b, &g);
	ck_assert_uint_eq(g.caps.n, 1);
	ck_assert_int_eq(g.caps.ext_status, IOV_WALK_OK);
	ck_assert_ptr_null(iov_caps_find(&g.caps, IOV_CAP_EXT, IOV_ECAP_ID_AER));
}
END_TEST

/* Both lists full: more entries than cap[] holds must stop cleanly. */
START_TEST(test_walk_too_many)
{
	struct cfgbuild b;
	struct guarded_caps g;
	unsigned i;

	cb_init(&b, IOV_CFG_SIZE);
	/* every dword slot of standard space holds a capability: 48, the first PCIe */
	for (i = 0x40; i < 0x100; i += 4)
		add_std_cap(&b, i, i == 0x40 ? IOV_CAP_ID_EXP : IOV_CAP_ID_VNDR);
	for (i = 0; i < 60; i++)
		add_ext_cap(&b, 0x100 + 0x10 * i, 0x0b, 1);
	walk(&b, &g);
	ck_assert_int_eq(g.caps.std_status, IOV_WALK_OK);
	ck_assert_int_eq(g.caps.ext_status, IOV_WALK_TOO_MANY);
	ck_assert_uint_eq(g.caps.n, IOV_MAX_CAPS);
	expect_cap(&g.caps, 47, IOV_CAP_STD, IOV_CAP_ID_VNDR, 0xfc);
	expect_cap(&g.caps, 48, IOV_CAP_EXT, 0x0b, 0x100);
}
END_TEST

/* ---- decoders ------------------------------------------------------------ */

/* PCI Express capability registers (header.h PCI_EXP_*) */
#define EXP_FLAGS	0x02
#define EXP_DEVCAP	0x04
#define EXP_DEVCTL	0x08
#define EXP_DEVSTA	0x0a
#define EXP_LNKCAP	0x0c
#define EXP_LNKCTL	0x10
#define EXP_LNKSTA	0x12
#define EXP_DEVCAP2	0x24
#define EXP_DEVCTL2	0x28
#define EXP_LNKCAP2	0x2c

static void build_pcie(struct cfgbuild *b, unsigned off, unsigned version, unsigned type)
{
	cb_init(b, IOV_CFG_SIZE);
	add_std_cap(b, off, IOV_CAP_ID_EXP);
	put16(&b->cfg, off + EXP_FLAGS, version | type << 4);
}

START_TEST(test_decode_pcie_endpoint)
{
	struct cfgbuild b;
	struct iov_pcie p;
	const unsigned o = 0x70;

	build_pcie(&b, o, 2, IOV_PORT_ENDPOINT);
	/* DevCap: MPS 512 (2), FLR (bit 28) */
	put32(&b.cfg, o + EXP_DEVCAP, 0x2 | 1u << 28);
	/* DevCtl: MPS 256 (bits 7:5 = 1), MRRS 4096 (bits 14:12 = 5) */
	put16(&b.cfg, o + EXP_DEVCTL, 1 << 5 | 5 << 12);
	put16(&b.cfg, o + EXP_DEVSTA, 0x0004);
	/* LnkCap: 16 GT/s (4), x8 (bits 9:4), ASPM L0s+L1 (bits 11:10 = 3), port 7 */
	put32(&b.cfg, o + EXP_LNKCAP, 0x4 | 8 << 4 | 3 << 10 | 7u << 24);
	/* LnkCtl: ASPM L1 only (bits 1:0 = 2) */
	put16(&b.cfg, o + EXP_LNKCTL, 0x2);
	/* LnkSta: 8 GT/s (3), x4 (bits 9:4), DLL Link Active (bit 13) */
	put16(&b.cfg, o + EXP_LNKSTA, 0x3 | 4 << 4 | 1 << 13);
	/* LnkCap2: Supported Link Speeds Vector bits 7:1 = 2.5/5/8/16 */
	put32(&b.cfg, o + EXP_LNKCAP2, 0x1e);
	ck_assert_int_eq(decode_pcie(&b.cfg, o, &p), 0);
	ck_assert(p.present);
	ck_assert_uint_eq(p.version, 2);
	ck_assert_uint_eq(p.port_type, IOV_PORT_ENDPOINT);
	ck_assert(!p.slot);
	ck_assert(p.has_cap2);
	ck_assert(p.has_link);
	ck_assert_uint_eq(p.max_payload_cap, 512);
	ck_assert_uint_eq(p.max_payload, 256);
	ck_assert_uint_eq(p.max_read_req, 4096);
	ck_assert(p.flr);
	ck_assert_uint_eq(p.devsta, 0x0004);
	ck_assert_uint_eq(p.link_cap_speed, 4);
	ck_assert_uint_eq(p.link_cap_width, 8);
	ck_assert_uint_eq(p.aspm_cap, 3);
	ck_assert_uint_eq(p.aspm_ctl, 2);
	ck_assert_uint_eq(p.link_speed, 3);
	ck_assert_uint_eq(p.link_width, 4);
	ck_assert(p.dll_link_active);
	ck_assert_uint_eq(p.link_speeds_supported, 0x0f);
	ck_assert(!p.ari_fwd_cap);
	ck_assert(!p.ari_fwd_enabled);
}
END_TEST

START_TEST(test_decode_pcie_root_port)
{
	struct cfgbuild b;
	struct iov_pcie p;
	const unsigned o = 0x40;

	build_pcie(&b, o, 2, IOV_PORT_ROOT_PORT);
	/* Slot Implemented (flags bit 8) */
	put16(&b.cfg, o + EXP_FLAGS, 2 | IOV_PORT_ROOT_PORT << 4 | 1 << 8);
	/* DevCap: MPS 128 (0), no FLR; DevCtl: MPS 128, MRRS 512 (2) */
	put32(&b.cfg, o + EXP_DEVCAP, 0);
	put16(&b.cfg, o + EXP_DEVCTL, 2 << 12);
	/* x16 at 32 GT/s, trained x16 at 2.5 GT/s */
	put32(&b.cfg, o + EXP_LNKCAP, 0x5 | 16 << 4);
	put16(&b.cfg, o + EXP_LNKSTA, 0x1 | 16 << 4);
	/* DevCap2/DevCtl2: ARI Forwarding Supported / Enable (bit 5) */
	put32(&b.cfg, o + EXP_DEVCAP2, 1 << 5);
	put16(&b.cfg, o + EXP_DEVCTL2, 1 << 5);
	/* every speed up to 64 GT/s */
	put32(&b.cfg, o + EXP_LNKCAP2, 0x7e);
	ck_assert_int_eq(decode_pcie(&b.cfg, o, &p), 0);
	ck_assert_uint_eq(p.port_type, IOV_PORT_ROOT_PORT);
	ck_assert(p.slot);
	ck_assert(!p.flr);
	ck_assert_uint_eq(p.max_payload_cap, 128);
	ck_assert_uint_eq(p.max_payload, 128);
	ck_assert_uint_eq(p.max_read_req, 512);
	ck_assert_uint_eq(p.link_cap_speed, 5);
	ck_assert_uint_eq(p.link_cap_width, 16);
	ck_assert_uint_eq(p.link_speed, 1);
	ck_assert_uint_eq(p.link_width, 16);
	ck_assert(!p.dll_link_active);
	ck_assert(p.ari_fwd_cap);
	ck_assert(p.ari_fwd_enabled);
	ck_assert_uint_eq(p.link_speeds_supported, 0x3f);

	/* capable but not enabled */
	put16(&b.cfg, o + EXP_DEVCTL2, 0);
	ck_assert_int_eq(decode_pcie(&b.cfg, o, &p), 0);
	ck_assert(p.ari_fwd_cap);
	ck_assert(!p.ari_fwd_enabled);
}
END_TEST

START_TEST(test_decode_pcie_port_types)
{
	static const unsigned types[] = {
		IOV_PORT_ENDPOINT, IOV_PORT_LEGACY_ENDPOINT, IOV_PORT_ROOT_PORT,
		IOV_PORT_UPSTREAM, IOV_PORT_DOWNSTREAM, IOV_PORT_PCIE_PCI_BRIDGE,
		IOV_PORT_PCI_PCIE_BRIDGE, IOV_PORT_RC_INTEGRATED, IOV_PORT_RC_EC,
	};
	struct cfgbuild b;
	struct iov_pcie p;
	size_t i;

	/* the spec's encodings (PCI_EXP_TYPE_*) */
	ck_assert_int_eq(IOV_PORT_ROOT_PORT, 4);
	ck_assert_int_eq(IOV_PORT_DOWNSTREAM, 6);
	ck_assert_int_eq(IOV_PORT_PCIE_PCI_BRIDGE, 7);
	ck_assert_int_eq(IOV_PORT_RC_INTEGRATED, 9);
	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
		build_pcie(&b, 0x40, 2, types[i]);
		ck_assert_int_eq(decode_pcie(&b.cfg, 0x40, &p), 0);
		ck_assert_uint_eq(p.port_type, types[i]);
		ck_assert_uint_eq(p.version, 2);
		ck_assert(p.has_link == (types[i] != IOV_PORT_RC_INTEGRATED &&
					 types[i] != IOV_PORT_RC_EC));
	}
}
END_TEST

/* A root complex integrated endpoint has no link registers (they are reserved). */
START_TEST(test_decode_pcie_rciep)
{
	struct cfgbuild b;
	struct iov_pcie p;
	const unsigned o = 0x40;

	build_pcie(&b, o, 2, IOV_PORT_RC_INTEGRATED);
	put32(&b.cfg, o + EXP_DEVCAP, 1u << 28);
	put32(&b.cfg, o + EXP_LNKCAP, 0x3 | 4 << 4);
	put16(&b.cfg, o + EXP_LNKSTA, 0x3 | 4 << 4 | 1 << 13);
	put32(&b.cfg, o + EXP_LNKCAP2, 0x0e);
	ck_assert_int_eq(decode_pcie(&b.cfg, o, &p), 0);
	ck_assert(p.present);
	ck_assert(!p.has_link);
	ck_assert(p.flr);
	ck_assert_uint_eq(p.lnkcap, 0);
	ck_assert_uint_eq(p.lnksta, 0);
	ck_assert_uint_eq(p.lnkcap2, 0);
	ck_assert_uint_eq(p.link_cap_speed, 0);
	ck_assert_uint_eq(p.link_cap_width, 0);
	ck_assert_uint_eq(p.link_speed, 0);
	ck_assert_uint_eq(p.link_width, 0);
	ck_assert_uint_eq(p.link_speeds_supported, 0);
	ck_assert(!p.dll_link_active);
}
END_TEST

/* Version 1 structures end after the link registers. */
START_TEST(test_decode_pcie_v1)
{
	struct cfgbuild b;
	struct iov_pcie p;
	const unsigned o = 0xec;	/* 0xec + 0x14 == 0x100: exactly fits 256 bytes */

	build_pcie(&b, o, 1, IOV_PORT_ENDPOINT);
	b.cfg.len = 256;
	put16(&b.cfg, o + EXP_LNKSTA, 0x1 | 1 << 4);
	ck_assert_int_eq(decode_pcie(&b.cfg, o, &p), 0);
	ck_assert(p.present);
	ck_assert_uint_eq(p.version, 1);
	ck_assert(!p.has_cap2);
	ck_assert_uint_eq(p.devcap2, 0);
	ck_assert_uint_eq(p.link_speed, 1);
	ck_assert_uint_eq(p.link_width, 1);

	/* a v2 structure at the same place does not fit */
	put16(&b.cfg, o + EXP_FLAGS, 2);
	ck_assert_int_eq(decode_pcie(&b.cfg, o, &p), -ENODATA);
	ck_assert(!p.present);
}
END_TEST

START_TEST(test_decode_pm)
{
	struct cfgbuild b;
	struct iov_pm pm;
	const unsigned o = 0x40;

	cb_init(&b, 256);
	add_std_cap(&b, o, IOV_CAP_ID_PM);
	/* PMC: version 3 (bits 2:0); PMCSR: D3hot (3), No_Soft_Reset (bit 3), PME_En (bit 8) */
	put16(&b.cfg, o + 2, 0x3 | 0xc800);
	put16(&b.cfg, o + 4, 0x3 | 0x8 | 0x100);
	ck_assert_int_eq(decode_pm(&b.cfg, o, &pm), 0);
	ck_assert(pm.present);
	ck_assert_uint_eq(pm.version, 3);
	ck_assert_uint_eq(pm.state, 3);
	ck_assert(pm.no_soft_reset);
	ck_assert(pm.pme_enabled);

	/* D1, nothing else; PME_Status (bit 15) is not PME_En */
	put16(&b.cfg, o + 4, 0x1 | 0x8000);
	ck_assert_int_eq(decode_pm(&b.cfg, o, &pm), 0);
	ck_assert_uint_eq(pm.state, 1);
	ck_assert(!pm.no_soft_reset);
	ck_assert(!pm.pme_enabled);

	b.cfg.len = o + 7;
	ck_assert_int_eq(decode_pm(&b.cfg, o, &pm), -ENODATA);
	ck_assert(!pm.present);
}
END_TEST

START_TEST(test_decode_msi)
{
	struct cfgbuild b;
	struct iov_msi m;
	const unsigned o = 0x50;

	cb_init(&b, 256);
	add_std_cap(&b, o, IOV_CAP_ID_MSI);
	/* 32-bit: enabled, Multiple Message Capable 4 (2), Enable 2 (1) */
	put16(&b.cfg, o + 2, 0x1 | 2 << 1 | 1 << 4);
	ck_assert_int_eq(decode_msi(&b.cfg, o, &m), 0);
	ck_assert(m.present);
	ck_assert(m.enabled);
	ck_assert(!m.addr64);
	ck_assert(!m.maskable);
	ck_assert_uint_eq(m.vectors_cap, 4);
	ck_assert_uint_eq(m.vectors_en, 2);

	/* 64-bit (bit 7), per-vector masking (bit 8), 32 vectors (5), disabled */
	put16(&b.cfg, o + 2, 5 << 1 | 0x80 | 0x100);
	ck_assert_int_eq(decode_msi(&b.cfg, o, &m), 0);
	ck_assert(!m.enabled);
	ck_assert(m.addr64);
	ck_assert(m.maskable);
	ck_assert_uint_eq(m.vectors_cap, 32);
	ck_assert_uint_eq(m.vectors_en, 1);

	/* a 64-bit maskable MSI is 24 bytes (pending bits at 0x14) */
	b.cfg.len = o + 24;
	ck_assert_int_eq(decode_msi(&b.cfg, o, &m), 0);
	b.cfg.len = o + 23;
	ck_assert_int_eq(decode_msi(&b.cfg, o, &m), -ENODATA);
	ck_assert(!m.present);
	/* 32-bit without masking: 10 bytes */
	put16(&b.cfg, o + 2, 0);
	b.cfg.len = o + 10;
	ck_assert_int_eq(decode_msi(&b.cfg, o, &m), 0);
	ck_assert_uint_eq(m.vectors_cap, 1);
	b.cfg.len = o + 9;
	ck_assert_int_eq(decode_msi(&b.cfg, o, &m), -ENODATA);
}
END_TEST

START_TEST(test_decode_msix)
{
	struct cfgbuild b;
	struct iov_msix m;
	const unsigned o = 0xb0;

	cb_init(&b, 256);
	add_std_cap(&b, o, IOV_CAP_ID_MSIX);
	/* Table Size is N-1 (bits 10:0); Function Mask bit 14; Enable bit 15 */
	put16(&b.cfg, o + 2, 63 | 0x8000);
	/* Table: BIR 3, offset 0x2000; PBA: BIR 4, offset 0x3000 */
	put32(&b.cfg, o + 4, 0x2000 | 3);
	put32(&b.cfg, o + 8, 0x3000 | 4);
	ck_assert_int_eq(decode_msix(&b.cfg, o, &m), 0);
	ck_assert(m.present);
	ck_assert(m.enabled);
	ck_assert(!m.masked);
	ck_assert_uint_eq(m.table_size, 64);
	ck_assert_uint_eq(m.table_bir, 3);
	ck_assert_uint_eq(m.table_offset, 0x2000);
	ck_assert_uint_eq(m.pba_bir, 4);
	ck_assert_uint_eq(m.pba_offset, 0x3000);

	put16(&b.cfg, o + 2, 0x7ff | 0x4000);
	put32(&b.cfg, o + 4, 0xfffffff8);
	ck_assert_int_eq(decode_msix(&b.cfg, o, &m), 0);
	ck_assert(!m.enabled);
	ck_assert(m.masked);
	ck_assert_uint_eq(m.table_size, 2048);
	ck_assert_uint_eq(m.table_bir, 0);
	ck_assert_uint_eq(m.table_offset, 0xfffffff8);

	put16(&b.cfg, o + 2, 0);
	ck_assert_int_eq(decode_msix(&b.cfg, o, &m), 0);
	ck_assert_uint_eq(m.table_size, 1);
}
END_TEST

/* SR-IOV capability registers (header.h PCI_IOV_*) */
#define IOV_CAP		0x04
#define IOV_CTRL	0x08
#define IOV_STATUS	0x0a
#define IOV_INITIAL_VF	0x0c
#define IOV_TOTAL_VF	0x0e
#define IOV_NUM_VF	0x10
#define IOV_FUNC_LINK	0x12
#define IOV_OFFSET	0x14
#define IOV_STRIDE	0x16
#define IOV_DID		0x1a
#define IOV_SUPPS	0x1c
#define IOV_SYSPS	0x20
#define IOV_BAR_0	0x24
#define IOV_MSAO	0x3c

static void build_sriov(struct cfgbuild *b, unsigned o)
{
	cb_init(b, IOV_CFG_SIZE);
	add_std_cap(b, 0x40, IOV_CAP_ID_EXP);
	if (o == 0x100) {
		add_ext_cap(b, o, IOV_ECAP_ID_SRIOV, 1);
	} else {
		add_ext_cap(b, 0x100, IOV_ECAP_ID_ARI, 1);
		add_ext_cap(b, o, IOV_ECAP_ID_SRIOV, 1);
	}
	/* VF Migration Capable, ARI Capable Hierarchy Preserved, VF 10-Bit Tag, IMN 0x123 */
	put32(&b->cfg, o + IOV_CAP, 0x1 | 0x2 | 0x4 | 0x123u << 21);
	put16(&b->cfg, o + IOV_CTRL, 0x1 | 0x8 | 0x10);
	put16(&b->cfg, o + IOV_STATUS, 0x1);
	put16(&b->cfg, o + IOV_INITIAL_VF, 8);
	put16(&b->cfg, o + IOV_TOTAL_VF, 16);
	put16(&b->cfg, o + IOV_NUM_VF, 4);
	put8(&b->cfg, o + IOV_FUNC_LINK, 0x02);
	put16(&b->cfg, o + IOV_OFFSET, 0x80);
	put16(&b->cfg, o + IOV_STRIDE, 2);
	put16(&b->cfg, o + IOV_DID, 0x1889);
	put32(&b->cfg, o + IOV_SUPPS, 0x553);
	put32(&b->cfg, o + IOV_SYSPS, 0x1);
	/* BAR0/1: 64-bit prefetchable (type 10b in bits 2:1, bit 3) at 0x38_fe000000 */
	put32(&b->cfg, o + IOV_BAR_0 + 0, 0xfe000000 | 0x4 | 0x8);
	put32(&b->cfg, o + IOV_BAR_0 + 4, 0x38);
	/* BAR2: 32-bit non-prefetchable */
	put32(&b->cfg, o + IOV_BAR_0 + 8, 0xfd100000);
	/* BAR3: not implemented (reads as zero) */
	put32(&b->cfg, o + IOV_BAR_0 + 12, 0);
	/* BAR4/5: 64-bit non-prefetchable below 4G, upper half zero */
	put32(&b->cfg, o + IOV_BAR_0 + 16, 0xf0000000 | 0x4);
	put32(&b->cfg, o + IOV_BAR_0 + 20, 0);
	/* VF Migration State Array Offset: BIR 2, offset 0x1000 */
	put32(&b->cfg, o + IOV_MSAO, 0x1000 | 2);
}

START_TEST(test_decode_sriov)
{
	struct cfgbuild b;
	struct iov_sriov s;
	const unsigned o = 0x160;

	build_sriov(&b, o);
	ck_assert_int_eq(decode_sriov(&b.cfg, o, &s), 0);
	ck_assert(s.present);
	ck_assert_uint_eq(s.offset, o);
	ck_assert_uint_eq(s.cap, 0x1 | 0x2 | 0x4 | 0x123u << 21);
	ck_assert(s.vf_migration_cap);
	ck_assert(s.ari_hier_preserved);
	ck_assert(s.vf_10bit_tag_cap);
	ck_assert_uint_eq(s.migration_irq, 0x123);
	ck_assert_uint_eq(s.ctrl, 0x19);
	ck_assert(s.vf_enable);
	ck_assert(!s.vf_migration_enable);
	ck_assert(!s.vf_migration_irq_enable);
	ck_assert(s.vf_mse);
	ck_assert(s.ari_hierarchy);
	ck_assert(!s.vf_10bit_tag);
	ck_assert_uint_eq(s.status, 1);
	ck_assert(s.vf_migration_status);
	ck_assert_uint_eq(s.initial_vfs, 8);
	ck_assert_uint_eq(s.total_vfs, 16);
	ck_assert_uint_eq(s.num_vfs, 4);
	ck_assert_uint_eq(s.func_dep_link, 2);
	ck_assert_uint_eq(s.first_vf_offset, 0x80);
	ck_assert_uint_eq(s.vf_stride, 2);
	ck_assert_uint_eq(s.vf_device_id, 0x1889);
	ck_assert_uint_eq(s.supported_page_sizes, 0x553);
	ck_assert_uint_eq(s.system_page_size, 1);
	ck_assert_uint_eq(s.migration_state, 0x1002);

	/* 64-bit pair: the upper register merges into BAR0's address */
	ck_assert(s.vf_bar[0].present);
	ck_assert(s.vf_bar[0].mem64);
	ck_assert(s.vf_bar[0].prefetch);
	ck_assert(!s.vf_bar[0].upper);
	ck_assert_uint_eq(s.vf_bar[0].address, 0x38fe000000ull);
	/* the upper register is implemented (iov.h: "or upper half of a 64-bit pair") */
	ck_assert(s.vf_bar[1].upper);
	ck_assert(s.vf_bar[1].present);
	ck_assert(!s.vf_bar[1].mem64);
	ck_assert_uint_eq(s.vf_bar[1].address, 0);
	/* 32-bit */
	ck_assert(s.vf_bar[2].present);
	ck_assert(!s.vf_bar[2].mem64);
	ck_assert(!s.vf_bar[2].prefetch);
	ck_assert(!s.vf_bar[2].upper);
	ck_assert_uint_eq(s.vf_bar[2].address, 0xfd100000ull);
	/* unimplemented */
	ck_assert(!s.vf_bar[3].present);
	ck_assert(!s.vf_bar[3].upper);
	ck_assert_uint_eq(s.vf_bar[3].address, 0);
	/* a zero upper half is still the upper half */
	ck_assert(s.vf_bar[4].present);
	ck_assert(s.vf_bar[4].mem64);
	ck_assert(!s.vf_bar[4].prefetch);
	ck_assert_uint_eq(s.vf_bar[4].address, 0xf0000000ull);
	ck_assert(s.vf_bar[5].upper);
	ck_assert(s.vf_bar[5].present);
	/* sizes come from sysfs 'resource', never from config bytes */
	ck_assert_uint_eq(s.vf_bar[0].size, 0);
	ck_assert_uint_eq(s.vf_bar[0].total, 0);
}
END_TEST

/* Each control bit lands in its own flag and nowhere else. */
START_TEST(test_decode_sriov_ctrl_bits)
{
	struct cfgbuild b;
	struct iov_sriov s;
	const unsigned o = 0x100;
	unsigned bit;

	build_sriov(&b, o);
	put32(&b.cfg, o + IOV_CAP, 0);
	put16(&b.cfg, o + IOV_STATUS, 0);
	ck_assert_int_eq(decode_sriov(&b.cfg, o, &s), 0);
	ck_assert(!s.vf_migration_cap && !s.ari_hier_preserved && !s.vf_10bit_tag_cap);
	ck_assert(!s.vf_migration_status);
	ck_assert_uint_eq(s.migration_irq, 0);
	for (bit = 0; bit < 6; bit++) {
		bool got[6];
		unsigned i;

		put16(&b.cfg, o + IOV_CTRL, 1 << bit);
		ck_assert_int_eq(decode_sriov(&b.cfg, o, &s), 0);
		/* VFE, VF Migration En, VF Migration Int En, VF MSE, ARI Capable Hierarchy, 10-bit tag */
		got[0] = s.vf_enable;
		got[1] = s.vf_migration_enable;
		got[2] = s.vf_migration_irq_enable;
		got[3] = s.vf_mse;
		got[4] = s.ari_hierarchy;
		got[5] = s.vf_10bit_tag;
		for (i = 0; i < 6; i++)
			ck_assert_msg(got[i] == (i == bit), "ctrl bit %u: flag %u is %d", bit, i, got[i]);
	}
	/* each capability bit likewise */
	put16(&b.cfg, o + IOV_CTRL, 0);
	put32(&b.cfg, o + IOV_CAP, 0x2);
	ck_assert_int_eq(decode_sriov(&b.cfg, o, &s), 0);
	ck_assert(!s.vf_migration_cap && s.ari_hier_preserved && !s.vf_10bit_tag_cap);
	put32(&b.cfg, o + IOV_CAP, 0x1);
	ck_assert_int_eq(decode_sriov(&b.cfg, o, &s), 0);
	ck_assert(s.vf_migration_cap && !s.ari_hier_preserved && !s.vf_10bit_tag_cap);
}
END_TEST

START_TEST(test_decode_sriov_bar_layouts)
{
	struct cfgbuild b;
	struct iov_sriov s;
	const unsigned o = 0x100;
	unsigned i;

	/* three 64-bit BARs back to back: 0/1, 2/3, 4/5 */
	build_sriov(&b, o);
	for (i = 0; i < 3; i++) {
		put32(&b.cfg, o + IOV_BAR_0 + 8 * i, 0x10000000u * (i + 1) | 0xc);
		put32(&b.cfg, o + IOV_BAR_0 + 8 * i + 4, i + 1);
	}
	ck_assert_int_eq(decode_sriov(&b.cfg, o, &s), 0);
	for (i = 0; i < 3; i++) {
		ck_assert(s.vf_bar[2 * i].mem64 && !s.vf_bar[2 * i].upper);
		ck_assert(s.vf_bar[2 * i + 1].upper);
		ck_assert_uint_eq(s.vf_bar[2 * i].address,
				  (uint64_t)(i + 1) << 32 | 0x10000000ull * (i + 1));
	}

	/* no BARs at all */
	for (i = 0; i < IOV_SRIOV_NBARS; i++)
		put32(&b.cfg, o + IOV_BAR_0 + 4 * i, 0);
	ck_assert_int_eq(decode_sriov(&b.cfg, o, &s), 0);
	for (i = 0; i < IOV_SRIOV_NBARS; i++)
		ck_assert(!s.vf_bar[i].present && !s.vf_bar[i].upper && !s.vf_bar[i].mem64);
}
END_TEST

START_TEST(test_decode_sriov_truncated)
{
	struct cfgbuild b;
	struct iov_sriov s;

	build_sriov(&b, 0x100);
	b.cfg.len = 0x100 + 0x3f;	/* one byte short of the 64-byte structure */
	ck_assert_int_eq(decode_sriov(&b.cfg, 0x100, &s), -ENODATA);
	ck_assert(!s.present);
	b.cfg.len = 0x140;
	ck_assert_int_eq(decode_sriov(&b.cfg, 0x100, &s), 0);
	ck_assert(s.present);
}
END_TEST

START_TEST(test_decode_ari)
{
	struct cfgbuild b;
	struct iov_ari a;
	const unsigned o = 0x100;

	cb_init(&b, IOV_CFG_SIZE);
	add_ext_cap(&b, o, IOV_ECAP_ID_ARI, 1);
	/* Cap: MFVC FG (bit 0), ACS FG (bit 1), Next Function 5 (bits 15:8) */
	put16(&b.cfg, o + 4, 0x1 | 0x2 | 5 << 8);
	/* Ctrl: MFVC FG En (bit 0), ACS FG En (bit 1), Function Group 3 (bits 6:4) */
	put16(&b.cfg, o + 6, 0x1 | 0x2 | 3 << 4);
	ck_assert_int_eq(decode_ari(&b.cfg, o, &a), 0);
	ck_assert(a.present);
	ck_assert(a.mfvc_fg && a.acs_fg);
	ck_assert_uint_eq(a.next_fn, 5);
	ck_assert(a.mfvc_fg_enabled && a.acs_fg_enabled);
	ck_assert_uint_eq(a.fn_group, 3);

	put16(&b.cfg, o + 4, 0x2 | 0xff << 8);
	put16(&b.cfg, o + 6, 7 << 4);
	ck_assert_int_eq(decode_ari(&b.cfg, o, &a), 0);
	ck_assert(!a.mfvc_fg && a.acs_fg);
	ck_assert_uint_eq(a.next_fn, 0xff);
	ck_assert(!a.mfvc_fg_enabled && !a.acs_fg_enabled);
	ck_assert_uint_eq(a.fn_group, 7);
}
END_TEST

START_TEST(test_decode_acs)
{
	struct cfgbuild b;
	struct iov_acs a;
	const unsigned o = 0x100;

	/* bit positions (header.h PCI_ACS_*) */
	ck_assert_int_eq(IOV_ACS_SV, 0x01);
	ck_assert_int_eq(IOV_ACS_TB, 0x02);
	ck_assert_int_eq(IOV_ACS_RR, 0x04);
	ck_assert_int_eq(IOV_ACS_CR, 0x08);
	ck_assert_int_eq(IOV_ACS_UF, 0x10);
	ck_assert_int_eq(IOV_ACS_EC, 0x20);
	ck_assert_int_eq(IOV_ACS_DT, 0x40);
	ck_assert_int_eq(IOV_ACS_REQUIRED, 0x1d);

	cb_init(&b, IOV_CFG_SIZE);
	add_ext_cap(&b, o, IOV_ECAP_ID_ACS, 1);
	/* Cap: all seven, Egress Control Vector Size 0x20 (bits 15:8) */
	put16(&b.cfg, o + 4, 0x7f | 0x20 << 8);
	/* Ctrl: SV RR CR UF enabled */
	put16(&b.cfg, o + 6, 0x1d);
	ck_assert_int_eq(decode_acs(&b.cfg, o, &a), 0);
	ck_assert(a.present);
	ck_assert_uint_eq(a.cap, 0x7f);
	ck_assert_uint_eq(a.ctrl, IOV_ACS_REQUIRED);
	ck_assert_uint_eq(a.egress_vector_size, 0x20);

	/* RR off */
	put16(&b.cfg, o + 4, IOV_ACS_SV | IOV_ACS_RR | IOV_ACS_CR | IOV_ACS_UF);
	put16(&b.cfg, o + 6, IOV_ACS_SV | IOV_ACS_CR | IOV_ACS_UF);
	ck_assert_int_eq(decode_acs(&b.cfg, o, &a), 0);
	ck_assert_uint_eq(a.cap, IOV_ACS_REQUIRED);
	ck_assert_uint_eq(a.ctrl & IOV_ACS_RR, 0);
	ck_assert_uint_eq(a.egress_vector_size, 0);

	ck_assert_str_eq(iov_acs_bit_name(0), "SV");
	ck_assert_str_eq(iov_acs_bit_name(2), "RR");
	ck_assert_str_eq(iov_acs_bit_name(6), "DT");
	ck_assert_str_eq(iov_acs_bit_name(7), "?");
}
END_TEST

START_TEST(test_decode_ats)
{
	struct cfgbuild b;
	struct iov_ats a;
	const unsigned o = 0x100;

	cb_init(&b, IOV_CFG_SIZE);
	add_ext_cap(&b, o, IOV_ECAP_ID_ATS, 1);
	/* Cap: Invalidate Queue Depth 0 (means 32; reported raw), Page Aligned (bit 5) */
	put16(&b.cfg, o + 4, 0x20);
	/* Ctrl: Enable (bit 15), STU 5 (bits 4:0) */
	put16(&b.cfg, o + 6, 0x8000 | 5);
	ck_assert_int_eq(decode_ats(&b.cfg, o, &a), 0);
	ck_assert(a.present);
	ck_assert_uint_eq(a.invq_depth, 0);
	ck_assert(a.page_aligned);
	ck_assert(a.enabled);
	ck_assert_uint_eq(a.stu, 5);

	put16(&b.cfg, o + 4, 0x1f);
	put16(&b.cfg, o + 6, 0x1f);
	ck_assert_int_eq(decode_ats(&b.cfg, o, &a), 0);
	ck_assert_uint_eq(a.invq_depth, 31);
	ck_assert(!a.page_aligned);
	ck_assert(!a.enabled);
	ck_assert_uint_eq(a.stu, 31);
}
END_TEST

START_TEST(test_decode_pri)
{
	struct cfgbuild b;
	struct iov_pri p;
	const unsigned o = 0x100;

	cb_init(&b, IOV_CFG_SIZE);
	add_ext_cap(&b, o, IOV_ECAP_ID_PRI, 1);
	/* Ctrl: Enable (bit 0); Status: Stopped (bit 8) */
	put16(&b.cfg, o + 4, 0x1);
	put16(&b.cfg, o + 6, 0x100);
	put32(&b.cfg, o + 8, 0x200);
	put32(&b.cfg, o + 12, 0x80);
	ck_assert_int_eq(decode_pri(&b.cfg, o, &p), 0);
	ck_assert(p.present);
	ck_assert(p.enabled);
	ck_assert(p.stopped);
	ck_assert_uint_eq(p.max_requests, 0x200);
	ck_assert_uint_eq(p.alloc_requests, 0x80);

	/* Reset (ctrl bit 1) and Response Failure (status bit 0) are other bits */
	put16(&b.cfg, o + 4, 0x2);
	put16(&b.cfg, o + 6, 0x1);
	ck_assert_int_eq(decode_pri(&b.cfg, o, &p), 0);
	ck_assert(!p.enabled);
	ck_assert(!p.stopped);
}
END_TEST

START_TEST(test_decode_pasid)
{
	struct cfgbuild b;
	struct iov_pasid p;
	const unsigned o = 0x100;

	cb_init(&b, IOV_CFG_SIZE);
	add_ext_cap(&b, o, IOV_ECAP_ID_PASID, 1);
	/* Cap: Execute (bit 1), Privileged (bit 2), Max PASID Width 20 (bits 12:8) */
	put16(&b.cfg, o + 4, 0x2 | 0x4 | 20 << 8);
	/* Ctrl: Enable, Execute, Privileged (bits 0..2) */
	put16(&b.cfg, o + 6, 0x7);
	ck_assert_int_eq(decode_pasid(&b.cfg, o, &p), 0);
	ck_assert(p.present);
	ck_assert(p.exec_cap && p.priv_cap);
	ck_assert_uint_eq(p.width, 20);
	ck_assert(p.enabled && p.exec_enabled && p.priv_enabled);

	put16(&b.cfg, o + 4, 0x4 | 0x1f << 8);
	put16(&b.cfg, o + 6, 0x1);
	ck_assert_int_eq(decode_pasid(&b.cfg, o, &p), 0);
	ck_assert(!p.exec_cap && p.priv_cap);
	ck_assert_uint_eq(p.width, 31);
	ck_assert(p.enabled && !p.exec_enabled && !p.priv_enabled);
}
END_TEST

START_TEST(test_decode_aer)
{
	struct cfgbuild b;
	struct iov_aer a;
	const unsigned o = 0x100;

	cb_init(&b, IOV_CFG_SIZE);
	add_ext_cap(&b, o, IOV_ECAP_ID_AER, 2);
	/* PCI_ERR_UNCOR_STATUS .. PCI_ERR_CAP: 0x04 0x08 0x0c 0x10 0x14 0x18 */
	put32(&b.cfg, o + 0x04, 0x00100000);
	put32(&b.cfg, o + 0x08, 0x00400000);
	put32(&b.cfg, o + 0x0c, 0x00462030);
	put32(&b.cfg, o + 0x10, 0x00000001);
	put32(&b.cfg, o + 0x14, 0x00002000);
	put32(&b.cfg, o + 0x18, 0x000000a0);
	ck_assert_int_eq(decode_aer(&b.cfg, o, &a), 0);
	ck_assert(a.present);
	ck_assert_uint_eq(a.uncor_status, 0x00100000);
	ck_assert_uint_eq(a.uncor_mask, 0x00400000);
	ck_assert_uint_eq(a.uncor_severity, 0x00462030);
	ck_assert_uint_eq(a.cor_status, 0x00000001);
	ck_assert_uint_eq(a.cor_mask, 0x00002000);
	ck_assert_uint_eq(a.cap_ctrl, 0x000000a0);

	b.cfg.len = o + 0x1b;
	ck_assert_int_eq(decode_aer(&b.cfg, o, &a), -ENODATA);
	ck_assert(!a.present);
}
END_TEST

START_TEST(test_decode_dsn)
{
	struct cfgbuild b;
	struct iov_dsn d;
	const unsigned o = 0x100;

	cb_init(&b, IOV_CFG_SIZE);
	add_ext_cap(&b, o, IOV_ECAP_ID_DSN, 1);
	/* lower dword at 0x04, upper at 0x08 */
	put32(&b.cfg, o + 4, 0x11223344);
	put32(&b.cfg, o + 8, 0x55667788);
	ck_assert_int_eq(decode_dsn(&b.cfg, o, &d), 0);
	ck_assert(d.present);
	ck_assert_uint_eq(d.serial, 0x5566778811223344ull);

	b.cfg.len = o + 0x0b;
	ck_assert_int_eq(decode_dsn(&b.cfg, o, &d), -ENODATA);
	ck_assert(!d.present);
}
END_TEST

/* The decoder table runs each decoder at the offset the walker found. */
START_TEST(test_caps_decode_table)
{
	struct cfgbuild b;
	struct guarded_caps g;
	struct iov_capset cs;

	build_sriov(&b, 0x160);
	put16(&b.cfg, 0x40 + EXP_FLAGS, 2 | IOV_PORT_ENDPOINT << 4);
	put32(&b.cfg, 0x40 + EXP_DEVCAP, 1u << 28);
	put16(&b.cfg, 0x104, 0x0200);	/* ARI next function 2 */
	walk(&b, &g);
	ck_assert_uint_eq(g.caps.n, 3);
	iov_caps_decode(&b.cfg, &g.caps, &cs);
	ck_assert_int_eq(cs.errors, 0);
	ck_assert(cs.pcie.present && cs.pcie.flr);
	ck_assert(cs.ari.present);
	ck_assert_uint_eq(cs.ari.next_fn, 2);
	ck_assert(cs.sriov.present);
	ck_assert_uint_eq(cs.sriov.offset, 0x160);
	ck_assert_uint_eq(cs.sriov.total_vfs, 16);
	ck_assert(!cs.acs.present && !cs.msix.present && !cs.dsn.present);
}
END_TEST

START_TEST(test_cap_names)
{
	ck_assert_str_eq(iov_cap_name(IOV_CAP_STD, IOV_CAP_ID_PM), "pm");
	ck_assert_str_eq(iov_cap_name(IOV_CAP_STD, IOV_CAP_ID_EXP), "express");
	ck_assert_str_eq(iov_cap_name(IOV_CAP_STD, IOV_CAP_ID_MSIX), "msix");
	ck_assert_str_eq(iov_cap_desc(IOV_CAP_STD, IOV_CAP_ID_MSI), "Message Signalled Interrupts");
	ck_assert_str_eq(iov_cap_name(IOV_CAP_EXT, IOV_ECAP_ID_SRIOV), "sriov");
	ck_assert_str_eq(iov_cap_desc(IOV_CAP_EXT, IOV_ECAP_ID_SRIOV),
			 "Single Root I/O Virtualization");
	ck_assert_str_eq(iov_cap_name(IOV_CAP_EXT, IOV_ECAP_ID_ACS), "acs");
	ck_assert_str_eq(iov_cap_desc(IOV_CAP_EXT, IOV_ECAP_ID_ACS), "Access Control Services");
	ck_assert_str_eq(iov_cap_name(IOV_CAP_EXT, IOV_ECAP_ID_ARI), "ari");
	ck_assert_str_eq(iov_cap_name(IOV_CAP_EXT, IOV_ECAP_ID_PASID), "pasid");
	/* the same number means different things in the two spaces */
	ck_assert_str_eq(iov_cap_name(IOV_CAP_STD, 0x0d), "ssvid");
	ck_assert_str_eq(iov_cap_name(IOV_CAP_EXT, 0x0d), "acs");
	ck_assert_str_eq(iov_cap_name(IOV_CAP_STD, 0x01), "pm");
	ck_assert_str_eq(iov_cap_name(IOV_CAP_EXT, 0x01), "aer");

	ck_assert_ptr_null(iov_cap_name(IOV_CAP_STD, 0x00));
	ck_assert_ptr_null(iov_cap_desc(IOV_CAP_STD, 0x00));
	ck_assert_ptr_null(iov_cap_name(IOV_CAP_STD, 0xff));
	ck_assert_ptr_null(iov_cap_name(IOV_CAP_EXT, 0x0000));
	ck_assert_ptr_null(iov_cap_name(IOV_CAP_EXT, 0x7fff));
	ck_assert_ptr_null(iov_cap_desc(IOV_CAP_EXT, 0xffff));
	ck_assert_ptr_null(iov_cap_name(2, IOV_CAP_ID_PM));
}
END_TEST

START_TEST(test_link_speed)
{
	/* LnkCap/LnkSta Current Link Speed encodings */
	ck_assert(iov_link_speed_gts(1) == 2.5);
	ck_assert(iov_link_speed_gts(2) == 5.0);
	ck_assert(iov_link_speed_gts(3) == 8.0);
	ck_assert(iov_link_speed_gts(4) == 16.0);
	ck_assert(iov_link_speed_gts(5) == 32.0);
	ck_assert(iov_link_speed_gts(6) == 64.0);
	ck_assert(iov_link_speed_gts(0) == 0);
	ck_assert(iov_link_speed_gts(7) == 0);
	ck_assert(iov_link_speed_gts(15) == 0);
	ck_assert(iov_link_speed_gts(UINT_MAX) == 0);
}
END_TEST

START_TEST(test_walk_status_str)
{
	ck_assert_str_eq(iov_walk_status_str(IOV_WALK_OK), "ok");
	ck_assert_str_eq(iov_walk_status_str(IOV_WALK_LOOP), "capability list loops");
	ck_assert_str_eq(iov_walk_status_str((enum iov_walk_status)99), "unknown");
}
END_TEST

static Suite *caps_suite(void)
{
	Suite *s = suite_create("caps");
	TCase *tc = tcase_create("walker");

	tcase_add_test(tc, test_walk_normal);
	tcase_add_test(tc, test_walk_std_reserved_bits);
	tcase_add_test(tc, test_walk_cardbus);
	tcase_add_test(tc, test_walk_std_loop);
	tcase_add_test(tc, test_walk_std_self_loop);
	tcase_add_test(tc, test_walk_ext_loop);
	tcase_add_test(tc, test_walk_std_ptr_into_header);
	tcase_add_test(tc, test_walk_ext_bad_ptr);
	tcase_add_test(tc, test_walk_ext_reserved_bits);
	tcase_add_test(tc, test_walk_64_bytes);
	tcase_add_test(tc, test_walk_empty);
	tcase_add_test(tc, test_walk_256_bytes);
	tcase_add_test(tc, test_walk_truncated);
	tcase_add_test(tc, test_walk_body_past_len);
	tcase_add_test(tc, test_walk_no_cap_list_bit);
	tcase_add_test(tc, test_walk_no_ext_list);
	tcase_add_test(tc, test_walk_many_ext);
	tcase_add_test(tc, test_walk_too_many);
	tcase_add_test(tc, test_walk_ext_needs_pcie);
	tcase_add_test(tc, test_walk_status_str);
	suite_add_tcase(s, tc);

	tc = tcase_create("decoders");
	tcase_add_test(tc, test_decode_pcie_endpoint);
	tcase_add_test(tc, test_decode_pcie_root_port);
	tcase_add_test(tc, test_decode_pcie_port_types);
	tcase_add_test(tc, test_decode_pcie_rciep);
	tcase_add_test(tc, test_decode_pcie_v1);
	tcase_add_test(tc, test_decode_pm);
	tcase_add_test(tc, test_decode_msi);
	tcase_add_test(tc, test_decode_msix);
	tcase_add_test(tc, test_decode_sriov);
	tcase_add_test(tc, test_decode_sriov_ctrl_bits);
	tcase_add_test(tc, test_decode_sriov_bar_layouts);
	tcase_add_test(tc, test_decode_sriov_truncated);
	tcase_add_test(tc, test_decode_ari);
	tcase_add_test(tc, test_decode_acs);
	tcase_add_test(tc, test_decode_ats);
	tcase_add_test(tc, test_decode_pri);
	tcase_add_test(tc, test_decode_pasid);
	tcase_add_test(tc, test_decode_aer);
	tcase_add_test(tc, test_decode_dsn);
	tcase_add_test(tc, test_caps_decode_table);
	tcase_add_test(tc, test_cap_names);
	tcase_add_test(tc, test_link_speed);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(caps_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
