// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * monitor --vf-stats: the per-VF counters a PF reports over rtnetlink
 * (IFLA_VF_STATS inside IFLA_VFINFO_LIST, asked with RTEXT_FILTER_VF), read
 * through libnl-route-3. They exist even when the VF's netdev lives in a
 * guest or a container, or the VF is bound to vfio.
 */
#include "iov-monitor.h"
#include "iov-private.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <netlink/errno.h>
#include <netlink/netlink.h>
#include <netlink/route/link.h>
#include <netlink/route/link/sriov.h>

static void stats_from_link(struct rtnl_link *link, struct iov_mon_vf_stat *out, size_t max,
			    size_t *n)
{
	uint32_t num = 0, i;

	*n = 0;
	if (rtnl_link_get_num_vf(link, &num) < 0)
		return;
	for (i = 0; i < num && *n < max; i++) {
		struct rtnl_link_vf *nv = rtnl_link_vf_get(link, i);
		struct iov_mon_vf_stat *s = &out[*n];
		uint32_t index;

		if (!nv)
			continue;
		memset(s, 0, sizeof(*s));
		s->vf = rtnl_link_vf_get_index(nv, &index) == 0 ? index : i;
		/* a driver without ndo_get_vf_stats sends no IFLA_VF_STATS */
		s->known = rtnl_link_vf_get_stat(nv, RTNL_LINK_VF_STATS_RX_BYTES, &s->rx_bytes) == 0 &&
			   rtnl_link_vf_get_stat(nv, RTNL_LINK_VF_STATS_TX_BYTES, &s->tx_bytes) == 0 &&
			   rtnl_link_vf_get_stat(nv, RTNL_LINK_VF_STATS_RX_PACKETS, &s->rx_packets) == 0 &&
			   rtnl_link_vf_get_stat(nv, RTNL_LINK_VF_STATS_TX_PACKETS, &s->tx_packets) == 0;
		rtnl_link_vf_put(nv);
		(*n)++;
	}
}

int iov_mon_vf_stats_decode(const void *buf, size_t len, struct iov_mon_vf_stat *out, size_t max,
			    size_t *n)
{
	struct rtnl_link *link;
	int r;

	*n = 0;
	r = iov_nl_link_parse(buf, len, &link);
	if (r < 0)
		return r;
	stats_from_link(link, out, max, n);
	rtnl_link_put(link);
	return 0;
}

int iov_mon_vf_stats_query(const char *ifname, struct iov_mon_vf_stat *out, size_t max, size_t *n)
{
	struct rtnl_link *link = NULL;
	struct nl_sock *sk;
	int r;

	*n = 0;
	if (!ifname[0])
		return -EINVAL;
	sk = nl_socket_alloc();
	if (!sk)
		return -ENOMEM;
	r = nl_connect(sk, NETLINK_ROUTE);
	/* libnl's get request carries IFLA_EXT_MASK = RTEXT_FILTER_VF */
	if (r == 0)
		r = rtnl_link_get_kernel(sk, 0, ifname, &link);
	if (r < 0)
		r = r == -NLE_NOMEM ? -ENOMEM : r == -NLE_OBJ_NOTFOUND || r == -NLE_NODEV ? -ENODEV : -EIO;
	else
		stats_from_link(link, out, max, n);
	if (link)
		rtnl_link_put(link);
	nl_socket_free(sk);
	return r < 0 ? r : 0;
}
