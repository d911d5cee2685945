// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * DVSEC headers, the Intel Scalable IOV DVSEC and raw capability spans
 * (lib/caps-iov.c) on config space built byte by byte. Offsets come from
 * the PCIe Base Specification (DVSEC, 7.9.6), pciutils' ls-ecaps.c
 * cap_dvsec() and the Intel Scalable IOV specification (3.2), checked
 * against the Intel DSA 8086:0b25 dump in pciutils' tests/pri-pasid.
 */
#include "iov.h"
#include "cfgbuild.h"

#include <check.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define DVSEC_HDR1	0x04
#define DVSEC_HDR2	0x08

static void dvsec_hdr(struct cfgbuild *b, unsigned off, uint16_t vendor, uint8_t rev,
		      uint16_t len, uint16_t id)
{
	put32(&b->cfg, off + DVSEC_HDR1, vendor | (uint32_t)rev << 16 | (uint32_t)len << 20);
	put16(&b->cfg, off + DVSEC_HDR2, id);
}

/* a PCIe endpoint whose extended list starts with a DVSEC at 0x100 */
static void build(struct cfgbuild *b)
{
	cb_init(b, IOV_CFG_SIZE);
	add_std_cap(b, 0x40, IOV_CAP_ID_EXP);
	put16(&b->cfg, 0x42, 2);
	add_ext_cap(b, 0x100, IOV_ECAP_ID_DVSEC, 1);
}

/* the bytes at 0x200 of pciutils tests/pri-pasid (Intel DSA), moved to off */
static void put_dsa_siov(struct cfgbuild *b, unsigned off)
{
	static const uint8_t dsa[24] = {
		0x23, 0x00, 0x01, 0x22, 0x86, 0x80, 0x80, 0x01,
		0x05, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00,
		0x01, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00,
	};
	unsigned i;

	/* keep the header the list built; the body is the capture's */
	for (i = 4; i < sizeof(dsa); i++)
		put8(&b->cfg, off + i, dsa[i]);
}

START_TEST(test_dvsec_header)
{
	struct cfgbuild b;
	struct iov_dvsec d;

	build(&b);
	/* vendor 1e98, rev 2, length 0x3c, ID 0 */
	dvsec_hdr(&b, 0x100, 0x1e98, 2, 0x3c, 0);
	ck_assert_int_eq(decode_dvsec(&b.cfg, 0x100, &d), 0);
	ck_assert_uint_eq(d.offset, 0x100);
	ck_assert_uint_eq(d.vendor, 0x1e98);
	ck_assert_uint_eq(d.revision, 2);
	ck_assert_uint_eq(d.length, 0x3c);
	ck_assert_uint_eq(d.id, 0);
	/* all-ones in the upper bits: 12-bit length, 4-bit revision, 16-bit ID */
	dvsec_hdr(&b, 0x100, 0xabcd, 0xf, 0xfff, 0xfedc);
	ck_assert_int_eq(decode_dvsec(&b.cfg, 0x100, &d), 0);
	ck_assert_uint_eq(d.vendor, 0xabcd);
	ck_assert_uint_eq(d.revision, 0xf);
	ck_assert_uint_eq(d.length, 0xfff);
	ck_assert_uint_eq(d.id, 0xfedc);
}
END_TEST

START_TEST(test_dvsec_truncated)
{
	struct cfgbuild b;
	struct iov_dvsec d;

	build(&b);
	dvsec_hdr(&b, 0x100, 0x8086, 0, 24, 5);
	/* Header 2 (ID) ends at +0x0a */
	b.cfg.len = 0x109;
	ck_assert_int_eq(decode_dvsec(&b.cfg, 0x100, &d), -ENODATA);
	b.cfg.len = 0x10a;
	ck_assert_int_eq(decode_dvsec(&b.cfg, 0x100, &d), 0);
	ck_assert_uint_eq(d.id, 5);
	ck_assert_int_eq(decode_dvsec(&b.cfg, IOV_CFG_SIZE - 4, &d), -ENODATA);
}
END_TEST

START_TEST(test_siov_dsa_capture)
{
	struct cfgbuild b;
	struct iov_siov s;

	build(&b);
	put_dsa_siov(&b, 0x100);
	ck_assert_int_eq(decode_siov(&b.cfg, 0x100, &s), 0);
	ck_assert(s.present);
	ck_assert_uint_eq(s.offset, 0x100);
	ck_assert_uint_eq(s.revision, 0);
	ck_assert_uint_eq(s.func_dep_link, 0);
	ck_assert(!s.homogeneous);
	ck_assert_uint_eq(s.supported_page_sizes, 0x1);
	ck_assert_uint_eq(s.system_page_size, 0x1);
	ck_assert(s.ims_supported);
}
END_TEST

START_TEST(test_siov_fields)
{
	struct cfgbuild b;
	struct iov_siov s;

	build(&b);
	dvsec_hdr(&b, 0x100, 0x8086, 1, 24, 5);
	put8(&b.cfg, 0x10a, 0x42);		/* Function Dependency Link */
	put8(&b.cfg, 0x10b, 0x01);		/* homogeneous */
	put32(&b.cfg, 0x10c, 0x113);		/* 4K, 8K, 64K, 1M */
	put32(&b.cfg, 0x110, 0x10);		/* 64K */
	put32(&b.cfg, 0x114, 0xfffffffe);	/* everything but IMS */
	ck_assert_int_eq(decode_siov(&b.cfg, 0x100, &s), 0);
	ck_assert_uint_eq(s.revision, 1);
	ck_assert_uint_eq(s.func_dep_link, 0x42);
	ck_assert_uint_eq(s.flags, 0x01);
	ck_assert(s.homogeneous);
	ck_assert_uint_eq(s.supported_page_sizes, 0x113);
	ck_assert_uint_eq(s.system_page_size, 0x10);
	ck_assert_uint_eq(s.caps, 0xfffffffe);
	ck_assert(!s.ims_supported);
	/* flags other than bit 0 are not "homogeneous" */
	put8(&b.cfg, 0x10b, 0xfe);
	ck_assert_int_eq(decode_siov(&b.cfg, 0x100, &s), 0);
	ck_assert(!s.homogeneous);
}
END_TEST

START_TEST(test_siov_needs_intel_id5)
{
	struct cfgbuild b;
	struct iov_siov s;

	build(&b);
	put_dsa_siov(&b, 0x100);
	/* CXL's DVSEC ID 5 is GPF for devices */
	dvsec_hdr(&b, 0x100, 0x1e98, 0, 0x10, 5);
	ck_assert_int_eq(decode_siov(&b.cfg, 0x100, &s), -EINVAL);
	ck_assert(!s.present);
	/* Intel, another ID */
	dvsec_hdr(&b, 0x100, 0x8086, 0, 24, 4);
	ck_assert_int_eq(decode_siov(&b.cfg, 0x100, &s), -EINVAL);
	ck_assert(!s.present);
}
END_TEST

START_TEST(test_siov_truncated)
{
	struct cfgbuild b;
	struct iov_siov s;

	build(&b);
	put_dsa_siov(&b, 0x100);
	b.cfg.len = 0x117;	/* capabilities register cut short */
	ck_assert_int_eq(decode_siov(&b.cfg, 0x100, &s), -ENODATA);
	ck_assert(!s.present);
	b.cfg.len = 0x118;
	ck_assert_int_eq(decode_siov(&b.cfg, 0x100, &s), 0);
	ck_assert(s.present && s.ims_supported);
}
END_TEST

START_TEST(test_caps_decode_dvsecs)
{
	struct cfgbuild b;
	struct iov_caps caps;
	struct iov_capset cs;

	build(&b);
	dvsec_hdr(&b, 0x100, 0x1e98, 1, 0x10, 5);	/* CXL GPF device first */
	add_ext_cap(&b, 0x200, IOV_ECAP_ID_DVSEC, 1);
	put_dsa_siov(&b, 0x200);
	add_ext_cap(&b, 0x300, IOV_ECAP_ID_DVSEC, 1);
	dvsec_hdr(&b, 0x300, 0x1e98, 0, 0x24, 8);
	iov_caps_walk(&b.cfg, &caps);
	ck_assert_uint_eq(caps.n, 4);
	iov_caps_decode(&b.cfg, &caps, &cs);
	ck_assert_int_eq(cs.errors, 0);
	ck_assert_uint_eq(cs.ndvsec, 3);
	ck_assert_uint_eq(cs.dvsec[0].offset, 0x100);
	ck_assert_uint_eq(cs.dvsec[0].vendor, 0x1e98);
	ck_assert_uint_eq(cs.dvsec[0].id, 5);
	ck_assert_uint_eq(cs.dvsec[1].offset, 0x200);
	ck_assert_uint_eq(cs.dvsec[1].vendor, 0x8086);
	ck_assert_uint_eq(cs.dvsec[1].length, 24);
	ck_assert_uint_eq(cs.dvsec[2].id, 8);
	ck_assert(cs.siov.present);
	ck_assert_uint_eq(cs.siov.offset, 0x200);
	ck_assert(cs.siov.ims_supported);
}
END_TEST

START_TEST(test_caps_decode_dvsec_cut)
{
	struct cfgbuild b;
	struct iov_caps caps;
	struct iov_capset cs;

	build(&b);
	put_dsa_siov(&b, 0x100);
	iov_caps_walk(&b.cfg, &caps);
	/* the SIOV body runs past what was read: counted, not invented */
	b.cfg.len = 0x110;
	iov_caps_decode(&b.cfg, &caps, &cs);
	ck_assert_int_eq(cs.errors, 1);
	ck_assert_uint_eq(cs.ndvsec, 1);
	ck_assert(!cs.siov.present);
}
END_TEST

START_TEST(test_caps_decode_many_dvsecs)
{
	struct cfgbuild b;
	struct iov_caps caps;
	struct iov_capset cs;
	unsigned i;

	build(&b);
	dvsec_hdr(&b, 0x100, 0x1e98, 0, 0x10, 0);
	for (i = 1; i < IOV_MAX_DVSEC + 4; i++) {
		add_ext_cap(&b, 0x100 + i * 0x20, IOV_ECAP_ID_DVSEC, 1);
		dvsec_hdr(&b, 0x100 + i * 0x20, 0x1e98, 0, 0x10, i);
	}
	iov_caps_walk(&b.cfg, &caps);
	ck_assert_uint_eq(caps.n, IOV_MAX_DVSEC + 5);
	iov_caps_decode(&b.cfg, &caps, &cs);
	ck_assert_uint_eq(cs.ndvsec, IOV_MAX_DVSEC);
	ck_assert_uint_eq(cs.dvsec[IOV_MAX_DVSEC - 1].id, IOV_MAX_DVSEC - 1);
}
END_TEST

START_TEST(test_dvsec_names)
{
	static const struct {
		uint16_t vendor, id;
		const char *key, *desc;
	} t[] = {
		{ 0x1e98, 0x0, "cxl_device", "PCIe DVSEC for CXL Devices" },
		{ 0x1e98, 0x2, "cxl_function_map", "Non-CXL Function Map DVSEC" },
		{ 0x1e98, 0x3, "cxl_port", "CXL Extensions DVSEC for Ports" },
		{ 0x1e98, 0x4, "cxl_gpf_port", "GPF DVSEC for CXL Ports" },
		{ 0x1e98, 0x5, "cxl_gpf_device", "GPF DVSEC for CXL Devices" },
		{ 0x1e98, 0x7, "cxl_flex_bus_port", "PCIe DVSEC for Flex Bus Port" },
		{ 0x1e98, 0x8, "cxl_register_locator", "Register Locator DVSEC" },
		{ 0x1e98, 0x9, "cxl_mld", "MLD DVSEC" },
		{ 0x1e98, 0xa, "cxl_test", "PCIe DVSEC for Test Capability" },
		{ 0x8086, 0x5, "intel_siov", "Scalable IOV" },
	};
	unsigned i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		ck_assert_str_eq(iov_dvsec_name(t[i].vendor, t[i].id), t[i].key);
		ck_assert_str_eq(iov_dvsec_desc(t[i].vendor, t[i].id), t[i].desc);
	}
	ck_assert_ptr_null(iov_dvsec_name(0x1e98, 0x1));
	ck_assert_ptr_null(iov_dvsec_name(0x1e98, 0x6));
	ck_assert_ptr_null(iov_dvsec_name(0x8086, 0x0));
	ck_assert_ptr_null(iov_dvsec_name(0x10de, 0x5));
	ck_assert_ptr_null(iov_dvsec_desc(0x8086, 0x6));
	ck_assert_str_eq(iov_cap_name(IOV_CAP_EXT, IOV_ECAP_ID_DVSEC), "dvsec");
	ck_assert_str_eq(iov_cap_name(IOV_CAP_EXT, IOV_ECAP_ID_SIOV), "siov");
	ck_assert_str_eq(iov_cap_desc(IOV_CAP_EXT, IOV_ECAP_ID_SIOV), "Scalable I/O Virtualization");
	ck_assert_str_eq(iov_cap_desc(IOV_CAP_EXT, IOV_ECAP_ID_MRIOV),
			 "Multi-Root I/O Virtualization");
	ck_assert_str_eq(iov_cap_desc(IOV_CAP_EXT, IOV_ECAP_ID_HIER_ID), "Hierarchy ID");
}
END_TEST

START_TEST(test_page_size_valid)
{
	ck_assert(iov_page_size_valid(0x1, 0x1));
	ck_assert(iov_page_size_valid(0x553, 0x2));
	ck_assert(iov_page_size_valid(0x80000000u, 0x80000000u));
	ck_assert(!iov_page_size_valid(0x553, 0x0));	/* none chosen */
	ck_assert(!iov_page_size_valid(0x553, 0x3));	/* two at once */
	ck_assert(!iov_page_size_valid(0x553, 0x4));	/* 16K not supported */
	ck_assert(!iov_page_size_valid(0x0, 0x1));
}
END_TEST

START_TEST(test_cap_raw_len)
{
	struct cfgbuild b;
	struct iov_caps caps;

	build(&b);
	add_ext_cap(&b, 0x120, IOV_ECAP_ID_MRIOV, 1);
	add_ext_cap(&b, 0x400, IOV_ECAP_ID_SIOV, 1);
	add_ext_cap(&b, 0x130, IOV_ECAP_ID_HIER_ID, 1);
	iov_caps_walk(&b.cfg, &caps);
	ck_assert_uint_eq(caps.n, 5);
	/* up to the next capability above it, not the next in the list */
	ck_assert_uint_eq(iov_cap_raw_len(&b.cfg, &caps, &caps.cap[1]), 0x20);
	ck_assert_uint_eq(iov_cap_raw_len(&b.cfg, &caps, &caps.cap[2]), 0x10);
	/* nothing above: capped */
	ck_assert_uint_eq(iov_cap_raw_len(&b.cfg, &caps, &caps.cap[3]), IOV_CAP_RAW_MAX);
	/* a short read ends it */
	b.cfg.len = 0x40c;
	ck_assert_uint_eq(iov_cap_raw_len(&b.cfg, &caps, &caps.cap[3]), 0x0c);
	b.cfg.len = 0x400;
	ck_assert_uint_eq(iov_cap_raw_len(&b.cfg, &caps, &caps.cap[3]), 0);
	/* standard space ends at 0x100 */
	b.cfg.len = IOV_CFG_SIZE;
	ck_assert_uint_eq(iov_cap_raw_len(&b.cfg, &caps, &caps.cap[0]), IOV_CAP_RAW_MAX);
	add_std_cap(&b, 0xe0, IOV_CAP_ID_VNDR);
	iov_caps_walk(&b.cfg, &caps);
	ck_assert_uint_eq(iov_cap_raw_len(&b.cfg, &caps, &caps.cap[1]), 0x20);
}
END_TEST

/*
 * VPD as a ConnectX card gives it: ID string (large 0x82), VPD-R (0x90) with
 * PN, EC, SN (blank padded) and RV, then the end tag 0x78.
 */
static const uint8_t vpd_cx[] = {
	0x82, 0x0b, 0x00, 'C', 'o', 'n', 'n', 'e', 'c', 't', 'X', '-', '6', ' ',
	0x90, 0x25, 0x00,
	'P', 'N', 0x08, 'M', 'C', 'X', '6', '2', '3', '1', '0',
	'E', 'C', 0x02, 'A', '7',
	'S', 'N', 0x0e, 'M', 'T', '2', '1', '0', '1', 'X', '1', '2', '3', '4', '5', ' ', ' ',
	'R', 'V', 0x01, 0x00,
	0x78,
};
#define VPD_R_END (14 + 3 + 0x25)	/* the first byte past VPD-R */

START_TEST(test_vpd_serial)
{
	char sn[IOV_VPD_SN_LEN];

	ck_assert_int_eq(iov_vpd_serial(vpd_cx, sizeof(vpd_cx), sn, sizeof(sn)), 0);
	ck_assert_str_eq(sn, "MT2101X12345");
	/* a short buffer truncates, terminated */
	ck_assert_int_eq(iov_vpd_serial(vpd_cx, sizeof(vpd_cx), sn, 5), 0);
	ck_assert_str_eq(sn, "MT21");
}
END_TEST

/* every prefix of the bytes: no overrun (sanitizers watch), a clear answer */
START_TEST(test_vpd_truncated)
{
	char sn[IOV_VPD_SN_LEN];
	size_t n;

	for (n = 0; n < sizeof(vpd_cx); n++) {
		int r = iov_vpd_serial(vpd_cx, n, sn, sizeof(sn));

		if (n >= VPD_R_END)
			ck_assert_int_eq(r, 0);
		else if (n == 0 || n == 14)	/* nothing, or the ID string only */
			ck_assert_int_eq(r, -ENOENT);
		else
			ck_assert_msg(r == -EINVAL, "prefix %zu: %d", n, r);
	}
}
END_TEST

START_TEST(test_vpd_no_serial)
{
	uint8_t b[sizeof(vpd_cx)];
	char sn[IOV_VPD_SN_LEN];
	/* an end tag before VPD-R, a VPD-W (0x91) holding "SN", a blank SN */
	static const uint8_t end_first[] = { 0x82, 0x01, 0x00, 'X', 0x78, 0x90, 0x05, 0x00,
					     'S', 'N', 0x02, 'A', 'B' };
	static const uint8_t vpd_w[] = { 0x91, 0x05, 0x00, 'S', 'N', 0x02, 'A', 'B', 0x78 };
	static const uint8_t blank[] = { 0x90, 0x05, 0x00, 'S', 'N', 0x02, ' ', 0x00, 0x78 };
	static const uint8_t ones[] = { 0xff, 0xff, 0xff, 0xff };

	memcpy(b, vpd_cx, sizeof(b));
	b[14 + 3 + 16] = 'X';	/* "SN" -> "XN" */
	ck_assert_int_eq(iov_vpd_serial(b, sizeof(b), sn, sizeof(sn)), -ENOENT);
	ck_assert_int_eq(iov_vpd_serial(end_first, sizeof(end_first), sn, sizeof(sn)), -ENOENT);
	ck_assert_int_eq(iov_vpd_serial(vpd_w, sizeof(vpd_w), sn, sizeof(sn)), -ENOENT);
	ck_assert_int_eq(iov_vpd_serial(blank, sizeof(blank), sn, sizeof(sn)), -ENOENT);
	/* no VPD at all (a device that does not answer): all ones */
	ck_assert_int_eq(iov_vpd_serial(ones, sizeof(ones), sn, sizeof(sn)), -EINVAL);
}
END_TEST

START_TEST(test_vpd_bad_keyword)
{
	uint8_t b[sizeof(vpd_cx)];
	char sn[IOV_VPD_SN_LEN];
	static const uint8_t odd[] = { 0x90, 0x06, 0x00, 'S', 'N', 0x03, 'A', 0x01, 'B', 0x78 };

	memcpy(b, vpd_cx, sizeof(b));
	b[14 + 3 + 2] = 0x40;	/* PN's length runs past VPD-R */
	ck_assert_int_eq(iov_vpd_serial(b, sizeof(b), sn, sizeof(sn)), -EINVAL);
	/* control bytes are not printed raw */
	ck_assert_int_eq(iov_vpd_serial(odd, sizeof(odd), sn, sizeof(sn)), 0);
	ck_assert_str_eq(sn, "A?B");
}
END_TEST

START_TEST(test_slot_address)
{
	struct iov_bdf b;
	bool whole;
	static const char *const bad[] = { "", "0000", "0000:", "0000:03:", "0000:03x",
					   "0000:03:00.0", "0000:100:00", "0000:03:20",
					   "0000:03:00:1", "-1:03", " 0000:03",
					   /* sscanf's %x took these */
					   "0000:+3", "0000:03: 1", "0x0:03", "0000:0x3", "123456789:03" };
	size_t i;

	ck_assert_int_eq(iov_slot_address_parse("0000:3b:1f", &b, &whole), 0);
	ck_assert(!whole);
	ck_assert_uint_eq(b.domain, 0);
	ck_assert_uint_eq(b.bus, 0x3b);
	ck_assert_uint_eq(b.dev, 0x1f);
	ck_assert_int_eq(iov_slot_address_parse("10000:e1", &b, &whole), 0);
	ck_assert(whole);
	ck_assert_uint_eq(b.domain, 0x10000);
	ck_assert_uint_eq(b.bus, 0xe1);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(iov_slot_address_parse(bad[i], &b, &whole) == -EINVAL, "'%s'", bad[i]);
}
END_TEST

static Suite *caps_iov_suite(void)
{
	Suite *s = suite_create("caps-iov");
	TCase *tc = tcase_create("dvsec");

	tcase_add_test(tc, test_dvsec_header);
	tcase_add_test(tc, test_dvsec_truncated);
	tcase_add_test(tc, test_siov_dsa_capture);
	tcase_add_test(tc, test_siov_fields);
	tcase_add_test(tc, test_siov_needs_intel_id5);
	tcase_add_test(tc, test_siov_truncated);
	tcase_add_test(tc, test_caps_decode_dvsecs);
	tcase_add_test(tc, test_caps_decode_dvsec_cut);
	tcase_add_test(tc, test_caps_decode_many_dvsecs);
	tcase_add_test(tc, test_dvsec_names);
	tcase_add_test(tc, test_page_size_valid);
	tcase_add_test(tc, test_cap_raw_len);
	suite_add_tcase(s, tc);
	tc = tcase_create("vpd");
	tcase_add_test(tc, test_vpd_serial);
	tcase_add_test(tc, test_vpd_truncated);
	tcase_add_test(tc, test_vpd_no_serial);
	tcase_add_test(tc, test_vpd_bad_keyword);
	tcase_add_test(tc, test_slot_address);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(caps_iov_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
