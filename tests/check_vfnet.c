// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * NIC VF settings (lib/vfnet.c): the recorded net-vfs form (parse, format,
 * round trip, malformed input) and the join of a VF's settings to its PCI
 * address through the PF's virtfnN, on the nic-64vf-ari fixture.
 */
#include "config.h"

#include "iov-host.h"

#include <check.h>
#include <errno.h>
#include <limits.h>
#include <sys/socket.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct iov_net_vf_list l, l2;

static const char rec[] =
	"# a comment\n"
	"netdev=eth0\n"
	"vf=0 mac=02:00:00:00:00:01 vlan=100 qos=3 proto=802.1Q spoofchk=on trust=off link_state=auto min_tx_rate=0 max_tx_rate=0 rss_query=off\n"
	"vf=1 mac=00:00:00:00:00:00 vlan=0 qos=0 link_state=disable\n"
	"vf=7 proto=802.1ad spoofchk=off trust=on min_tx_rate=100 max_tx_rate=1000 rss_query=on future_key=x\n";

START_TEST(test_parse)
{
	ck_assert_int_eq(iov_net_vfs_parse(rec, &l), 0);
	ck_assert(l.known);
	ck_assert_str_eq(l.netdev, "eth0");
	ck_assert_uint_eq(l.n, 3);
	ck_assert_uint_eq(l.e[0].vf, 0);
	ck_assert_str_eq(l.e[0].mac, "02:00:00:00:00:01");
	ck_assert_uint_eq(l.e[0].vlan, 100);
	ck_assert_uint_eq(l.e[0].qos, 3);
	ck_assert_uint_eq(l.e[0].vlan_proto, 0x8100);
	ck_assert_uint_eq(l.e[0].spoofchk, 1);
	ck_assert_uint_eq(l.e[0].trust, 0);
	ck_assert_uint_eq(l.e[0].link_state, IOV_NET_LINK_AUTO);
	ck_assert_uint_eq(l.e[1].link_state, IOV_NET_LINK_DISABLE);
	/* a key left out was not reported */
	ck_assert_uint_eq(l.e[1].spoofchk, IOV_NET_UNSET);
	ck_assert_uint_eq(l.e[1].trust, IOV_NET_UNSET);
	ck_assert_uint_eq(l.e[1].max_tx_rate, IOV_NET_UNSET);
	ck_assert_uint_eq(l.e[2].vf, 7);
	ck_assert_str_eq(l.e[2].mac, "");
	ck_assert_uint_eq(l.e[2].vlan, IOV_NET_UNSET);
	ck_assert_uint_eq(l.e[2].vlan_proto, 0x88a8);
	ck_assert_uint_eq(l.e[2].spoofchk, 0);
	ck_assert_uint_eq(l.e[2].trust, 1);
	ck_assert_uint_eq(l.e[2].min_tx_rate, 100);
	ck_assert_uint_eq(l.e[2].max_tx_rate, 1000);
	ck_assert_uint_eq(l.e[2].rss_query, 1);
	ck_assert_uint_eq(l.e[2].link_state, IOV_NET_UNSET);
}
END_TEST

/* A PF netdev without VFs is a known, empty list. */
START_TEST(test_parse_empty)
{
	ck_assert_int_eq(iov_net_vfs_parse("netdev=veth0\n", &l), 0);
	ck_assert(l.known);
	ck_assert_uint_eq(l.n, 0);
}
END_TEST

START_TEST(test_parse_malformed)
{
	static const char *const bad[] = {
		"",					/* no netdev line */
		"vf=0 vlan=1\n",			/* no netdev line */
		"netdev=eth0\nnetdev=eth1\n",
		"netdev=\n",
		"netdev=a-name-far-too-long-for-ifnamsiz-0123\n",
		"netdev=eth0\nvlan=1 vf=0\n",		/* vf= not first */
		"netdev=eth0\nvf=x\n",
		"netdev=eth0\nvf=-1\n",
		"netdev=eth0\nvf=0 vlan=4294967295\n",	/* the "not reported" value */
		"netdev=eth0\nvf=0 vlan=99999999999999999999\n",
		"netdev=eth0\nvf=0 vlan=12a\n",
		"netdev=eth0\nvf=0 spoofchk=yes\n",
		"netdev=eth0\nvf=0 link_state=down\n",
		"netdev=eth0\nvf=0 proto=8021q\n",
		"netdev=eth0\nvf=0 mac=zz:00\n",
		"netdev=eth0\nvf=0 novalue\n",
		"netdev=eth0\nvf=0 =1\n",
	};
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		ck_assert_msg(iov_net_vfs_parse(bad[i], &l) == -EINVAL, "accepted: %s", bad[i]);
		ck_assert(!l.known);
		ck_assert_uint_eq(l.n, 0);
	}
}
END_TEST

START_TEST(test_parse_too_many)
{
	size_t cap = 16 + (IOV_NET_VF_MAX + 1) * 16, off;
	char *t = malloc(cap);
	unsigned i;

	ck_assert_ptr_nonnull(t);
	off = (size_t)snprintf(t, cap, "netdev=eth0\n");
	for (i = 0; i <= IOV_NET_VF_MAX; i++)
		off += (size_t)snprintf(t + off, cap - off, "vf=%u\n", i);
	ck_assert_int_eq(iov_net_vfs_parse(t, &l), -E2BIG);
	t[off - strlen("vf=512\n")] = '\0';	/* exactly IOV_NET_VF_MAX lines */
	ck_assert_int_eq(iov_net_vfs_parse(t, &l), 0);
	ck_assert_uint_eq(l.n, IOV_NET_VF_MAX);
	free(t);
}
END_TEST

/* What snapshot writes, replay reads back unchanged, unreported keys included. */
START_TEST(test_round_trip)
{
	char *text;

	ck_assert_int_eq(iov_net_vfs_parse(rec, &l), 0);
	ck_assert_int_eq(iov_net_vfs_format(&l, &text), 0);
	ck_assert_ptr_null(strstr(text, "future_key"));
	ck_assert_ptr_nonnull(strstr(text, "vf=1 mac=00:00:00:00:00:00 vlan=0 qos=0 link_state=disable\n"));
	ck_assert_int_eq(iov_net_vfs_parse(text, &l2), 0);
	ck_assert_mem_eq(&l, &l2, sizeof(l));
	free(text);
}
END_TEST

START_TEST(test_link_state_names)
{
	ck_assert_str_eq(iov_net_link_state_name(IOV_NET_LINK_AUTO), "auto");
	ck_assert_str_eq(iov_net_link_state_name(IOV_NET_LINK_ENABLE), "enable");
	ck_assert_str_eq(iov_net_link_state_name(IOV_NET_LINK_DISABLE), "disable");
	ck_assert_ptr_null(iov_net_link_state_name(3));
	ck_assert_ptr_null(iov_net_link_state_name(IOV_NET_UNSET));
}
END_TEST

/* ---- an RTM_NEWLINK message as the kernel sends it (rtnl_fill_vfinfo) ---- */

static uint8_t msg[4096];
static size_t mlen;

static struct rtattr *put_attr(uint16_t type, const void *data, size_t len)
{
	struct rtattr *a = (struct rtattr *)(msg + mlen);

	a->rta_type = type;
	a->rta_len = (unsigned short)RTA_LENGTH(len);
	if (data)
		memcpy(RTA_DATA(a), data, len);
	mlen += RTA_SPACE(len);
	return a;
}

static void nest_end(struct rtattr *a)
{
	a->rta_len = (unsigned short)(msg + mlen - (uint8_t *)a);
}

/* One IFLA_VF_INFO: VLAN, rates, spoof check (-1: not reported), link state, RSS query, trust. */
static void put_vf(uint32_t vf, uint8_t mac_last, uint32_t vlan, uint32_t qos, uint32_t min,
		   uint32_t max, uint32_t spoof, uint32_t link, uint32_t rss, uint32_t trust)
{
	struct rtattr *info = put_attr(IFLA_VF_INFO, NULL, 0);
	struct ifla_vf_mac m = { .vf = vf, .mac = { 0x02, 0, 0, 0, 0, mac_last } };
	struct ifla_vf_vlan v = { .vf = vf, .vlan = vlan, .qos = qos };
	struct ifla_vf_tx_rate t = { .vf = vf, .rate = max };
	struct ifla_vf_rate r = { .vf = vf, .min_tx_rate = min, .max_tx_rate = max };
	struct ifla_vf_spoofchk sp = { .vf = vf, .setting = spoof };
	struct ifla_vf_link_state ls = { .vf = vf, .link_state = link };
	struct ifla_vf_rss_query_en rq = { .vf = vf, .setting = rss };
	struct ifla_vf_trust tr = { .vf = vf, .setting = trust };

	put_attr(IFLA_VF_MAC, &m, sizeof(m));
	put_attr(IFLA_VF_VLAN, &v, sizeof(v));
	put_attr(IFLA_VF_TX_RATE, &t, sizeof(t));
	put_attr(IFLA_VF_RATE, &r, sizeof(r));
	put_attr(IFLA_VF_SPOOFCHK, &sp, sizeof(sp));
	put_attr(IFLA_VF_LINK_STATE, &ls, sizeof(ls));
	put_attr(IFLA_VF_RSS_QUERY_EN, &rq, sizeof(rq));
	put_attr(IFLA_VF_TRUST, &tr, sizeof(tr));
	nest_end(info);
}

static size_t newlink(unsigned nvf)
{
	struct nlmsghdr *h = (struct nlmsghdr *)msg;
	struct ifinfomsg *ifi = NLMSG_DATA(h);
	struct rtattr *list;
	uint32_t num = nvf;

	memset(msg, 0, sizeof(msg));
	h->nlmsg_type = RTM_NEWLINK;
	ifi->ifi_family = AF_UNSPEC;
	ifi->ifi_index = 7;
	mlen = NLMSG_SPACE(sizeof(*ifi));
	put_attr(IFLA_IFNAME, "ens1f0", 7);
	put_attr(IFLA_NUM_VF, &num, sizeof(num));
	list = put_attr(IFLA_VFINFO_LIST, NULL, 0);
	if (nvf > 0)
		put_vf(0, 1, 100, 3, 0, 0, 1, IFLA_VF_LINK_STATE_AUTO, 0, 1);
	if (nvf > 1)
		put_vf(1, 2, 0, 0, 100, 1000, (uint32_t)-1, IFLA_VF_LINK_STATE_DISABLE, 1, (uint32_t)-1);
	nest_end(list);
	h->nlmsg_len = (uint32_t)mlen;
	return mlen;
}

/* What libnl makes of the kernel's answer, through the code the live query runs. */
START_TEST(test_decode_newlink)
{
	size_t n = newlink(2);

	ck_assert_int_eq(iov_net_vfs_decode(msg, n, &l), 0);
	ck_assert(l.known);
	ck_assert_str_eq(l.netdev, "ens1f0");
	ck_assert_uint_eq(l.n, 2);
	ck_assert_uint_eq(l.e[0].vf, 0);
	ck_assert_str_eq(l.e[0].mac, "02:00:00:00:00:01");
	ck_assert_uint_eq(l.e[0].vlan, 100);
	ck_assert_uint_eq(l.e[0].qos, 3);
	ck_assert_uint_eq(l.e[0].spoofchk, 1);
	ck_assert_uint_eq(l.e[0].trust, 1);
	ck_assert_uint_eq(l.e[0].rss_query, 0);
	ck_assert_uint_eq(l.e[0].link_state, IOV_NET_LINK_AUTO);
	ck_assert_uint_eq(l.e[0].min_tx_rate, 0);
	ck_assert_uint_eq(l.e[0].max_tx_rate, 0);
	ck_assert_uint_eq(l.e[1].vf, 1);
	ck_assert_str_eq(l.e[1].mac, "02:00:00:00:00:02");
	ck_assert_uint_eq(l.e[1].vlan, 0);
	ck_assert_uint_eq(l.e[1].link_state, IOV_NET_LINK_DISABLE);
	ck_assert_uint_eq(l.e[1].min_tx_rate, 100);
	ck_assert_uint_eq(l.e[1].max_tx_rate, 1000);
	ck_assert_uint_eq(l.e[1].rss_query, 1);
	/* the kernel's -1: the driver does not say */
	ck_assert_uint_eq(l.e[1].spoofchk, IOV_NET_UNSET);
	ck_assert_uint_eq(l.e[1].trust, IOV_NET_UNSET);
	ck_assert_ptr_eq(iov_net_vf_of(&l, 1), &l.e[1]);
}
END_TEST

START_TEST(test_decode_novf)
{
	size_t n = newlink(0);

	ck_assert_int_eq(iov_net_vfs_decode(msg, n, &l), 0);
	ck_assert(l.known);
	ck_assert_uint_eq(l.n, 0);
	/* truncated, or not a link message */
	ck_assert_int_eq(iov_net_vfs_decode(msg, n - 1, &l), -EINVAL);
	ck_assert(!l.known);
	((struct nlmsghdr *)msg)->nlmsg_type = RTM_NEWADDR;
	ck_assert_int_eq(iov_net_vfs_decode(msg, n, &l), -EINVAL);
	ck_assert_int_eq(iov_net_vfs_decode(msg, 3, &l), -EINVAL);
}
END_TEST

static struct iov_dev *find(struct iov_devlist *list, const char *addr)
{
	struct iov_bdf b;
	struct iov_dev *d;

	ck_assert_int_eq(iov_bdf_parse(addr, &b), 0);
	d = iov_devlist_find(list, &b);
	ck_assert_msg(d != NULL, "%s not scanned", addr);
	return d;
}

/* VF N of the record is the PF's virtfnN: 81:01.1 is VF 1, 81:08.7 is VF 63 (offset 8, stride 1). */
START_TEST(test_join_fixture)
{
	const char *fx = getenv("FIXTURES");
	struct iov_devlist *list;
	struct iov_ctx *ctx;
	struct iov_dev *pf, *vf;
	const struct iov_net_vf *e;
	char sys[PATH_MAX];
	int r;

	ck_assert_msg(fx != NULL, "FIXTURES is not set (run through make check)");
	snprintf(sys, sizeof(sys), "%s/nic-64vf-ari/sys", fx);
	ck_assert_int_eq(iov_ctx_new(&ctx, sys, NULL), 0);
	r = iov_scan(ctx, 0, &list);
	ck_assert_msg(r == 0, "iov_scan: %s", strerror(-r));
	pf = find(list, "0000:81:00.0");
	ck_assert_int_eq(iov_net_vfs(ctx, pf, &l), 0);
	ck_assert(l.known);
	ck_assert_str_eq(l.netdev, "eth0");
	ck_assert_uint_eq(l.n, 64);

	vf = find(list, "0000:81:01.1");
	ck_assert_int_eq(vf->vf_index, 1);
	e = iov_net_vf_of(&l, (unsigned)vf->vf_index);
	ck_assert_ptr_nonnull(e);
	ck_assert_uint_eq(e->link_state, IOV_NET_LINK_DISABLE);
	ck_assert_str_eq(iov_net_vf_addr(pf, e), "0000:81:01.1");

	e = iov_net_vf_of(&l, 0);
	ck_assert_uint_eq(e->vlan, 100);
	ck_assert_str_eq(iov_net_vf_addr(pf, e), "0000:81:01.0");
	e = iov_net_vf_of(&l, 63);
	ck_assert_ptr_nonnull(e);
	ck_assert_str_eq(iov_net_vf_addr(pf, e), "0000:81:08.7");
	ck_assert_ptr_null(iov_net_vf_of(&l, 64));

	/* an entry beyond NumVFs has no function */
	l.e[0].vf = 64;
	ck_assert_ptr_null(iov_net_vf_addr(pf, &l.e[0]));

	/* a VF is not a PF; nor is the accelerator without a netdev */
	ck_assert_int_eq(iov_net_vfs(ctx, vf, &l), -ENOTSUP);
	iov_devlist_free(list);
	iov_ctx_free(ctx);
}
END_TEST

/* A network PF with nothing recorded (e.g. no-iommu) is unknown, never absent. */
START_TEST(test_not_recorded)
{
	const char *fx = getenv("FIXTURES");
	struct iov_devlist *list;
	struct iov_ctx *ctx;
	char sys[PATH_MAX];

	ck_assert_msg(fx != NULL, "FIXTURES is not set (run through make check)");
	snprintf(sys, sizeof(sys), "%s/no-iommu/sys", fx);
	ck_assert_int_eq(iov_ctx_new(&ctx, sys, NULL), 0);
	ck_assert_int_eq(iov_scan(ctx, 0, &list), 0);
	ck_assert_int_eq(iov_net_vfs(ctx, find(list, "0000:01:00.0"), &l), -ENOENT);
	ck_assert(!l.known);
	ck_assert_int_eq(l.error, -ENOENT);
	iov_devlist_free(list);
	iov_ctx_free(ctx);
}
END_TEST

static Suite *vfnet_suite(void)
{
	Suite *s = suite_create("vfnet");
	TCase *tc = tcase_create("record");

	tcase_add_test(tc, test_parse);
	tcase_add_test(tc, test_parse_empty);
	tcase_add_test(tc, test_parse_malformed);
	tcase_add_test(tc, test_parse_too_many);
	tcase_add_test(tc, test_round_trip);
	tcase_add_test(tc, test_link_state_names);
	suite_add_tcase(s, tc);
	tc = tcase_create("rtnetlink");
	tcase_add_test(tc, test_decode_newlink);
	tcase_add_test(tc, test_decode_novf);
	suite_add_tcase(s, tc);
	tc = tcase_create("join");
	tcase_add_test(tc, test_join_fixture);
	tcase_add_test(tc, test_not_recorded);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(vfnet_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
