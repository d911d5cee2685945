// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * PCI addresses and lspci-style selectors (lib/bdf.c). The expected
 * behaviour of -s and -d follows pciutils' lib/filter.c, so that
 * "iovctl -s X" selects exactly what "lspci -s X" selects.
 */
#include "iov.h"

#include <check.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

static struct iov_bdf mk(unsigned dom, unsigned bus, unsigned dev, unsigned fn)
{
	struct iov_bdf b = { .domain = dom, .bus = bus, .dev = dev, .fn = fn };

	return b;
}

static void expect_bdf(const char *s, unsigned dom, unsigned bus, unsigned dev, unsigned fn)
{
	struct iov_bdf b;

	/* poison the output so a parser that skips a field cannot pass */
	memset(&b, 0xa5, sizeof(b));
	ck_assert_msg(iov_bdf_parse(s, &b) == 0, "'%s' rejected", s);
	ck_assert_msg(b.domain == dom && b.bus == bus && b.dev == dev && b.fn == fn,
		      "'%s' -> %04x:%02x:%02x.%x", s, b.domain, b.bus, b.dev, b.fn);
}

START_TEST(test_bdf_full_and_short)
{
	expect_bdf("0000:3b:00.0", 0, 0x3b, 0, 0);
	expect_bdf("0001:00:1f.7", 1, 0, 0x1f, 7);
	expect_bdf("ffff:ff:1f.7", 0xffff, 0xff, 0x1f, 7);
	expect_bdf("3b:00.1", 0, 0x3b, 0, 1);
	expect_bdf("00:02.0", 0, 0, 2, 0);
	/* single-digit fields, as "lspci -s 0:2.0" accepts */
	expect_bdf("0:2.0", 0, 0, 2, 0);
}
END_TEST

/* PCI domains are 32-bit: VMD starts at 10000, Hyper-V picks any. */
START_TEST(test_bdf_domain_32bit)
{
	expect_bdf("ffff:ff:1f.7", 0xffff, 0xff, 0x1f, 7);
	expect_bdf("10000:00:04.0", 0x10000, 0, 4, 0);
	expect_bdf("10000:01:00.0", 0x10000, 1, 0, 0);
	expect_bdf("00010000:01:00.0", 0x10000, 1, 0, 0);
	expect_bdf("7fffffff:00:00.0", 0x7fffffff, 0, 0, 0);
	expect_bdf("80000000:00:00.0", 0x80000000u, 0, 0, 0);
	expect_bdf("ffffffff:ff:1f.7", 0xffffffffu, 0xff, 0x1f, 7);
	expect_bdf("0:00:00.0", 0, 0, 0, 0);
}
END_TEST

START_TEST(test_bdf_hex_case)
{
	expect_bdf("ABCD:EF:1A.3", 0xabcd, 0xef, 0x1a, 3);
	expect_bdf("abcd:ef:1a.3", 0xabcd, 0xef, 0x1a, 3);
	expect_bdf("aBcD:eF:1a.3", 0xabcd, 0xef, 0x1a, 3);
}
END_TEST

static const char *const bad_bdfs[] = {
	"",
	"3g:00.0",		/* bad digit in bus */
	"0000:3b:0x.0",		/* bad digit in device */
	"zzzz:3b:00.0",		/* bad digit in domain */
	"3b:20.0",		/* device > 0x1f */
	"3b:ff.0",
	"3b:00.8",		/* function > 7 */
	"3b:00.f",
	"3b:00",		/* no function */
	"3b:00.",		/* empty function */
	"3b.0",			/* no device */
	":00.0",		/* empty bus */
	"3b:.0",		/* empty device */
	"0000::00.0",
	":3b:00.0",		/* empty domain */
	"00.0",
	"3b00.0",
	"3b:00.0x",		/* trailing junk */
	"3b:00.0 ",
	"3b:00.0\n",
	"3b:00.0.1",
	"0000:3b:00.0:",
	" 3b:00.0",
	"100000000:3b:00.0",	/* 9-digit domain: beyond 32 bits */
	"fffffffff:00:00.0",
	"000000000:00:00.0",	/* 9 digits even when the value fits */
	"0x10000:01:00.0",	/* 0x prefix */
	"0x81:00.0",
	"0000:13b:00.0",	/* 3-digit bus */
	"0000:3b:000.0",	/* 3-digit device */
	"0000:0000:3b:00.0",
	"-1:00.0",
	"+3b:00.0",
};

START_TEST(test_bdf_rejects)
{
	struct iov_bdf b = mk(0x1234, 0x56, 0x7, 0x1), orig = b;
	const char *s = bad_bdfs[_i];

	ck_assert_msg(iov_bdf_parse(s, &b) == -EINVAL, "'%s' accepted", s);
	/* a failed parse must leave the output alone */
	ck_assert_int_eq(iov_bdf_cmp(&b, &orig), 0);
}
END_TEST

START_TEST(test_bdf_null)
{
	struct iov_bdf b;

	ck_assert_int_eq(iov_bdf_parse(NULL, &b), -EINVAL);
}
END_TEST

START_TEST(test_bdf_format_roundtrip)
{
	static const struct iov_bdf cases[] = {
		{ 0, 0, 0, 0 }, { 0, 0x3b, 0, 1 }, { 0xffff, 0xff, 0x1f, 7 },
		{ 0x10, 0x80, 0x10, 4 }, { 0xabcd, 0x0a, 0x0b, 5 },
		{ 0x10000, 0x01, 0, 0 }, { 0xffffffff, 0xff, 0x1f, 7 },
	};
	char buf[IOV_BDF_STRLEN];
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct iov_bdf back;

		memset(buf, 'X', sizeof(buf));
		iov_bdf_format(&cases[i], buf);
		ck_assert_uint_ge(strlen(buf), 12);
		ck_assert_uint_le(strlen(buf), IOV_BDF_STRLEN - 1);
		ck_assert_int_eq(iov_bdf_parse(buf, &back), 0);
		ck_assert_int_eq(iov_bdf_cmp(&back, &cases[i]), 0);
	}
	/* the kernel's spelling: lower case, zero-padded */
	iov_bdf_format(&cases[4], buf);
	ck_assert_str_eq(buf, "abcd:0a:0b.5");
	iov_bdf_format(&cases[1], buf);
	ck_assert_str_eq(buf, "0000:3b:00.1");
	/* four domain digits at least, more when needed: "%04x" as the kernel */
	iov_bdf_format(&cases[5], buf);
	ck_assert_str_eq(buf, "10000:01:00.0");
	iov_bdf_format(&cases[6], buf);
	ck_assert_str_eq(buf, "ffffffff:ff:1f.7");
}
END_TEST

/* What a usage error says: the part that is wrong. */
static const struct {
	const char *s;
	enum iov_addr_err why;
} addr_errs[] = {
	{ "0000:81:00.9", IOV_ADDR_FN },
	{ "81:00.8", IOV_ADDR_FN },
	{ "81:00.", IOV_ADDR_FN },
	{ "81:20.0", IOV_ADDR_DEV },
	{ "0000:81:000.0", IOV_ADDR_DEV },
	{ "0000:81:xy.0", IOV_ADDR_DEV },
	{ "0000:181:00.0", IOV_ADDR_BUS },
	{ "0000::00.0", IOV_ADDR_BUS },
	{ "0x81:00.0", IOV_ADDR_PREFIX },
	{ "0000:0x81:00.0", IOV_ADDR_PREFIX },
	{ "100000000:00:00.0", IOV_ADDR_DOMAIN },
	{ "zzzz:00:00.0", IOV_ADDR_DOMAIN },
	{ ":81:00.0", IOV_ADDR_DOMAIN },
	{ "81:00", IOV_ADDR_SHAPE },
	{ "1:2:3:4.0", IOV_ADDR_SHAPE },
	{ "81.00.0", IOV_ADDR_SHAPE },
	{ "81:00.0.1", IOV_ADDR_SHAPE },
	{ "0000:81:00.0", IOV_ADDR_OK },
	{ "10000:01:00.0", IOV_ADDR_OK },
};

START_TEST(test_bdf_parse_why)
{
	struct iov_bdf b;
	enum iov_addr_err e = iov_bdf_parse_why(addr_errs[_i].s, &b);

	ck_assert_msg(e == addr_errs[_i].why, "'%s': reason %d, expected %d (%s)", addr_errs[_i].s,
		      e, addr_errs[_i].why, iov_addr_strerror(addr_errs[_i].why));
	ck_assert_int_eq(iov_bdf_parse(addr_errs[_i].s, &b), e ? -EINVAL : 0);
}
END_TEST

START_TEST(test_addr_strerror)
{
	ck_assert_str_eq(iov_addr_strerror(IOV_ADDR_FN), "function must be 0-7");
	ck_assert_str_eq(iov_addr_strerror(IOV_ADDR_DEV), "device must be 00-1f (1-2 hex digits)");
	ck_assert_str_eq(iov_addr_strerror(IOV_ADDR_BUS), "bus must be 00-ff (1-2 hex digits)");
	ck_assert_str_eq(iov_addr_strerror(IOV_ADDR_DOMAIN),
			 "domain must be 0-ffffffff (1-8 hex digits)");
	ck_assert_ptr_nonnull(strstr(iov_addr_strerror(IOV_ADDR_PREFIX), "0x"));
}
END_TEST

/* Names in sysfs paths: only the kernel's own spelling is a function. */
START_TEST(test_bdf_canonical)
{
	struct iov_bdf b;

	ck_assert(iov_bdf_canonical("0000:3b:00.0", &b));
	ck_assert(iov_bdf_canonical("10000:01:00.0", &b));
	ck_assert_uint_eq(b.domain, 0x10000);
	ck_assert_uint_eq(b.bus, 1);
	ck_assert(iov_bdf_canonical("ffffffff:ff:1f.7", NULL));
	ck_assert(!iov_bdf_canonical("3b:00.0", NULL));
	ck_assert(!iov_bdf_canonical("000:3b:00.0", NULL));
	ck_assert(!iov_bdf_canonical("010000:01:00.0", NULL));
	ck_assert(!iov_bdf_canonical("0000:3B:00.0", NULL));
	ck_assert(!iov_bdf_canonical("0000:00:01.0:pcie002", NULL));
	ck_assert(!iov_bdf_canonical("pci10000:00", NULL));
}
END_TEST

START_TEST(test_addr_shaped)
{
	ck_assert(iov_addr_shaped("0000:81:00.9"));
	ck_assert(iov_addr_shaped("81:20.0"));
	ck_assert(iov_addr_shaped("0x81:00.0"));
	ck_assert(!iov_addr_shaped("eth0"));
	ck_assert(!iov_addr_shaped("nvme0n1"));
	ck_assert(!iov_addr_shaped("/dev/nvme0n1"));
	ck_assert(!iov_addr_shaped("0000:81:00.0/vf1"));
	ck_assert(!iov_addr_shaped(NULL));
}
END_TEST

START_TEST(test_bdf_cmp)
{
	struct iov_bdf a = mk(0, 0x3b, 0, 0), b;

	ck_assert_int_eq(iov_bdf_cmp(&a, &a), 0);
	/* every field orders, and the most significant one wins */
	b = mk(0, 0x3b, 0, 1);
	ck_assert_int_lt(iov_bdf_cmp(&a, &b), 0);
	ck_assert_int_gt(iov_bdf_cmp(&b, &a), 0);
	b = mk(0, 0x3b, 1, 0);
	ck_assert_int_lt(iov_bdf_cmp(&a, &b), 0);
	b = mk(0, 0x3c, 0, 0);
	ck_assert_int_lt(iov_bdf_cmp(&a, &b), 0);
	b = mk(1, 0, 0, 0);
	ck_assert_int_lt(iov_bdf_cmp(&a, &b), 0);
	ck_assert_int_gt(iov_bdf_cmp(&b, &a), 0);
	a = mk(0, 0x3b, 0x1f, 7);
	b = mk(0, 0x3c, 0, 0);
	ck_assert_int_lt(iov_bdf_cmp(&a, &b), 0);
	a = mk(0, 0xff, 0x1f, 7);
	b = mk(1, 0, 0, 0);
	ck_assert_int_lt(iov_bdf_cmp(&a, &b), 0);
	/* a domain above ffff sorts after ffff, not as its low 16 bits */
	a = mk(0xffff, 0xff, 0x1f, 7);
	b = mk(0x10000, 0, 0, 0);
	ck_assert_int_lt(iov_bdf_cmp(&a, &b), 0);
	a = mk(0, 0, 0, 0);
	ck_assert_int_lt(iov_bdf_cmp(&a, &b), 0);
	a = mk(0x7fffffff, 0, 0, 0);
	b = mk(0xffffffff, 0, 0, 0);
	ck_assert_int_lt(iov_bdf_cmp(&a, &b), 0);
}
END_TEST

/* -s and -d are libpci's parsers: what they take, and the reason they give for what they refuse */
static const struct {
	bool slot;
	const char *s, *why;	/* why NULL: accepted */
} filters[] = {
	{ true, "81:", NULL },
	{ true, ".1", NULL },
	{ true, "10000:01:", NULL },	/* VMD's 32-bit domains */
	{ true, "7fffffff::", NULL },
	{ true, "*:*.*", NULL },
	{ true, "", NULL },
	{ true, "81x:", "Invalid bus number" },
	{ true, "1:2:3:4", "Too many fields" },
	{ true, "80000000::", "Invalid domain number" },
	{ true, "3b:20", "Invalid slot number" },
	{ true, "3b:00.8", "Invalid function number" },
	{ false, "1b36:", NULL },
	{ false, "::0108", NULL },
	{ false, "::01xx", NULL },
	{ false, "::0108:02", NULL },
	{ false, "8086", "At least two fields must be given" },
	{ false, "18086:", "Invalid vendor ID" },
	{ false, "8086:zz", "Invalid device ID" },
	{ false, "::10200", "Invalid class code" },
	{ false, "::0108:100", "Invalid programming interface code" },
	{ false, "1:2:3:4:5", "Too many fields" },
};

START_TEST(test_filter_parse)
{
	struct iov_filter *f = iov_filter_new();
	const char *why = "unset";
	int r;

	ck_assert_ptr_nonnull(f);
	r = filters[_i].slot ? iov_filter_slot(f, filters[_i].s, &why) :
			       iov_filter_id(f, filters[_i].s, &why);
	if (!filters[_i].why) {
		ck_assert_msg(r == 0, "'%s' refused: %s", filters[_i].s, why);
		ck_assert_ptr_null(why);
	} else {
		ck_assert_msg(r == -EINVAL, "'%s' accepted", filters[_i].s);
		ck_assert_str_eq(why, filters[_i].why);
	}
	iov_filter_free(f);
}
END_TEST

static Suite *bdf_suite(void)
{
	Suite *s = suite_create("bdf");
	TCase *tc = tcase_create("bdf");

	tcase_add_test(tc, test_bdf_full_and_short);
	tcase_add_test(tc, test_bdf_hex_case);
	tcase_add_test(tc, test_bdf_domain_32bit);
	tcase_add_loop_test(tc, test_bdf_parse_why, 0, sizeof(addr_errs) / sizeof(addr_errs[0]));
	tcase_add_test(tc, test_addr_strerror);
	tcase_add_test(tc, test_bdf_canonical);
	tcase_add_test(tc, test_addr_shaped);
	tcase_add_loop_test(tc, test_bdf_rejects, 0, sizeof(bad_bdfs) / sizeof(bad_bdfs[0]));
	tcase_add_test(tc, test_bdf_null);
	tcase_add_test(tc, test_bdf_format_roundtrip);
	tcase_add_test(tc, test_bdf_cmp);
	suite_add_tcase(s, tc);

	tc = tcase_create("filters");
	tcase_add_loop_test(tc, test_filter_parse, 0, sizeof(filters) / sizeof(filters[0]));
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(bdf_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
