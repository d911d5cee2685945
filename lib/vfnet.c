// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * NIC VF settings: what `ip link show` prints as "vf N ..." lines, asked over
 * rtnetlink through libnl-route-3 on the live system, recorded by `snapshot`
 * as a small key=value text file, DIR/vfstate/<PF address>/net-vfs, which
 * replay parses with the same parser. Text rather than raw netlink attributes:
 * the attribute layout of IFLA_VF_INFO grew over kernel versions, while the
 * text names what was reported and what was not, and a human can read it.
 */
#include "iov-host.h"
#include "iov-private.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <netlink/errno.h>
#include <netlink/netlink.h>
#include <netlink/route/link.h>
#include <netlink/route/link/sriov.h>

/* the longest net-vfs file read back: IOV_NET_VF_MAX lines of ~200 bytes */
#define NET_VFS_FILE_MAX (IOV_NET_VF_MAX * 256 + 4096)

static const char *const link_states[] = {
	[IOV_NET_LINK_AUTO] = "auto",
	[IOV_NET_LINK_ENABLE] = "enable",
	[IOV_NET_LINK_DISABLE] = "disable",
};

const char *iov_net_link_state_name(uint32_t s)
{
	return s < sizeof(link_states) / sizeof(link_states[0]) ? link_states[s] : NULL;
}

static void vf_init(struct iov_net_vf *v, uint32_t index)
{
	memset(v, 0, sizeof(*v));
	v->vf = index;
	v->vlan = v->qos = IOV_NET_UNSET;
	v->spoofchk = v->trust = v->rss_query = v->link_state = IOV_NET_UNSET;
	v->min_tx_rate = v->max_tx_rate = IOV_NET_UNSET;
}

/* ---- the recorded form ---------------------------------------------------- */

static int parse_u32(const char *s, uint32_t *out)
{
	unsigned long long v;
	char *end;

	if (*s < '0' || *s > '9')
		return -EINVAL;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || *end || v >= IOV_NET_UNSET)
		return -EINVAL;
	*out = (uint32_t)v;
	return 0;
}

static int parse_bool(const char *s, uint32_t *out)
{
	if (strcmp(s, "on") == 0)
		*out = 1;
	else if (strcmp(s, "off") == 0)
		*out = 0;
	else
		return -EINVAL;
	return 0;
}

static int parse_link_state(const char *s, uint32_t *out)
{
	uint32_t i;

	for (i = 0; i < sizeof(link_states) / sizeof(link_states[0]); i++)
		if (strcmp(s, link_states[i]) == 0) {
			*out = i;
			return 0;
		}
	return -EINVAL;
}

static int parse_proto(const char *s, uint16_t *out)
{
	if (strcmp(s, "802.1Q") == 0)
		*out = 0x8100;
	else if (strcmp(s, "802.1ad") == 0)
		*out = 0x88a8;
	else
		return -EINVAL;
	return 0;
}

static int parse_mac(const char *s, char *out, size_t len)
{
	size_t i, n = strlen(s);

	if (!n || n >= len)
		return -EINVAL;
	for (i = 0; i < n; i++)
		if (!strchr("0123456789abcdefABCDEF:", s[i]))
			return -EINVAL;
	memcpy(out, s, n + 1);
	return 0;
}

/* One key=value of a VF line into v. Unknown keys are skipped (newer writers). */
static int parse_pair(struct iov_net_vf *v, const char *key, const char *val)
{
	if (strcmp(key, "mac") == 0)
		return parse_mac(val, v->mac, sizeof(v->mac));
	if (strcmp(key, "vlan") == 0)
		return parse_u32(val, &v->vlan);
	if (strcmp(key, "qos") == 0)
		return parse_u32(val, &v->qos);
	if (strcmp(key, "proto") == 0)
		return parse_proto(val, &v->vlan_proto);
	if (strcmp(key, "spoofchk") == 0)
		return parse_bool(val, &v->spoofchk);
	if (strcmp(key, "trust") == 0)
		return parse_bool(val, &v->trust);
	if (strcmp(key, "rss_query") == 0)
		return parse_bool(val, &v->rss_query);
	if (strcmp(key, "link_state") == 0)
		return parse_link_state(val, &v->link_state);
	if (strcmp(key, "min_tx_rate") == 0)
		return parse_u32(val, &v->min_tx_rate);
	if (strcmp(key, "max_tx_rate") == 0)
		return parse_u32(val, &v->max_tx_rate);
	return 0;
}

static int parse_vf_line(char *line, struct iov_net_vf *v)
{
	char *save = NULL, *tok, *eq;
	uint32_t index;
	int r;

	tok = strtok_r(line, " \t", &save);
	if (!tok || strncmp(tok, "vf=", 3) != 0 || parse_u32(tok + 3, &index) < 0)
		return -EINVAL;
	vf_init(v, index);
	while ((tok = strtok_r(NULL, " \t", &save))) {
		eq = strchr(tok, '=');
		if (!eq || eq == tok)
			return -EINVAL;
		*eq = '\0';
		r = parse_pair(v, tok, eq + 1);
		if (r < 0)
			return r;
	}
	return 0;
}

int iov_net_vfs_parse(const char *text, struct iov_net_vf_list *out)
{
	char *copy, *line, *save = NULL;
	bool have_netdev = false;
	int r = 0;

	memset(out, 0, sizeof(*out));
	copy = strdup(text);
	if (!copy)
		return -ENOMEM;
	for (line = strtok_r(copy, "\n", &save); line && r == 0; line = strtok_r(NULL, "\n", &save)) {
		if (line[0] == '#' || line[0] == '\0')
			continue;
		if (strncmp(line, "netdev=", 7) == 0) {
			size_t n = strlen(line + 7);

			if (have_netdev || !n || n >= sizeof(out->netdev) || strchr(line + 7, ' '))
				r = -EINVAL;
			else
				memcpy(out->netdev, line + 7, n + 1);
			have_netdev = true;
		} else if (out->n >= IOV_NET_VF_MAX) {
			r = -E2BIG;
		} else {
			r = parse_vf_line(line, &out->e[out->n]);
			out->n += r == 0;
		}
	}
	free(copy);
	if (r == 0 && !have_netdev)
		r = -EINVAL;
	if (r < 0) {
		memset(out, 0, sizeof(*out));
		return r;
	}
	out->known = true;
	return 0;
}

static void put_bool(FILE *f, const char *key, uint32_t v)
{
	if (v != IOV_NET_UNSET)
		fprintf(f, " %s=%s", key, v ? "on" : "off");
}

static void put_u32(FILE *f, const char *key, uint32_t v)
{
	if (v != IOV_NET_UNSET)
		fprintf(f, " %s=%u", key, v);
}

int iov_net_vfs_format(const struct iov_net_vf_list *l, char **text)
{
	size_t len;
	unsigned i;
	FILE *f;

	*text = NULL;
	f = open_memstream(text, &len);
	if (!f)
		return -ENOMEM;
	fprintf(f, "# iovctl net-vfs: rtnetlink IFLA_VF_INFO_LIST of the PF netdev; a key left out was not reported\n");
	fprintf(f, "netdev=%s\n", l->netdev);
	for (i = 0; i < l->n; i++) {
		const struct iov_net_vf *v = &l->e[i];

		fprintf(f, "vf=%u", v->vf);
		if (v->mac[0])
			fprintf(f, " mac=%s", v->mac);
		put_u32(f, "vlan", v->vlan);
		put_u32(f, "qos", v->qos);
		if (v->vlan_proto == 0x8100 || v->vlan_proto == 0x88a8)
			fprintf(f, " proto=%s", v->vlan_proto == 0x8100 ? "802.1Q" : "802.1ad");
		put_bool(f, "spoofchk", v->spoofchk);
		put_bool(f, "trust", v->trust);
		if (iov_net_link_state_name(v->link_state))
			fprintf(f, " link_state=%s", iov_net_link_state_name(v->link_state));
		put_u32(f, "min_tx_rate", v->min_tx_rate);
		put_u32(f, "max_tx_rate", v->max_tx_rate);
		put_bool(f, "rss_query", v->rss_query);
		fputc('\n', f);
	}
	if (fclose(f) != 0 || !*text) {
		free(*text);
		*text = NULL;
		return -ENOMEM;
	}
	return 0;
}

/* ---- rtnetlink ----------------------------------------------------------- */

static int nl_to_errno(int nlerr)
{
	switch (nlerr < 0 ? -nlerr : nlerr) {
	case NLE_OBJ_NOTFOUND:
	case NLE_NODEV:
		return -ENODEV;
	case NLE_PERM:
		return -EPERM;
	case NLE_NOACCESS:
		return -EACCES;
	case NLE_NOMEM:
		return -ENOMEM;
	}
	return -EIO;
}

/* A kernel u32 of (u32)-1 means "the driver does not say" (rtnl_fill_vfinfo). */
static uint32_t opt_u32(int r, uint32_t v)
{
	return r < 0 ? IOV_NET_UNSET : v;
}

static void vf_from_nl(struct rtnl_link_vf *nv, uint32_t index, struct iov_net_vf *v)
{
	struct nl_addr *addr = NULL;
	nl_vf_vlans_t *vlans = NULL;
	struct nl_vf_rate rate;
	uint32_t x;
	int r;

	vf_init(v, index);
	/* libnl lends the address (no reference), but takes one on the VLANs */
	if (rtnl_link_vf_get_addr(nv, &addr) == 0 && addr)
		nl_addr2str(addr, v->mac, sizeof(v->mac));
	if (rtnl_link_vf_get_vlans(nv, &vlans) == 0 && vlans) {
		/* the outermost tag, as iproute2 shows */
		if (vlans->size > 0) {
			v->vlan = vlans->vlans[0].vf_vlan;
			v->qos = vlans->vlans[0].vf_vlan_qos;
			v->vlan_proto = vlans->vlans[0].vf_vlan_proto;
		}
		rtnl_link_vf_vlan_put(vlans);
	} else {
		v->vlan = v->qos = 0;	/* libnl keeps no VLAN entry for VLAN 0 */
	}
	r = rtnl_link_vf_get_spoofchk(nv, &x);
	v->spoofchk = opt_u32(r, x);
	r = rtnl_link_vf_get_trust(nv, &x);
	v->trust = opt_u32(r, x);
	r = rtnl_link_vf_get_rss_query_en(nv, &x);
	v->rss_query = opt_u32(r, x);
	r = rtnl_link_vf_get_linkstate(nv, &x);
	v->link_state = opt_u32(r, x);
	/* libnl reports "no rate" as an error: 0, no limit */
	v->min_tx_rate = v->max_tx_rate = 0;
	if (rtnl_link_vf_get_rate(nv, &rate) == 0) {
		if (rate.api == RTNL_LINK_VF_RATE_API_OLD) {
			v->max_tx_rate = rate.rate;
		} else {
			v->min_tx_rate = rate.min_tx_rate;
			v->max_tx_rate = rate.max_tx_rate;
		}
	}
}

/* The VF list of a link libnl parsed; no IFLA_NUM_VF (not a PCI netdev, or no VFs) is 0 VFs. */
static void from_link(struct rtnl_link *link, struct iov_net_vf_list *out)
{
	uint32_t num = 0, i;
	const char *name = rtnl_link_get_name(link);

	memset(out, 0, sizeof(*out));
	if (name && strlen(name) < sizeof(out->netdev))
		strcpy(out->netdev, name);
	if (rtnl_link_get_num_vf(link, &num) < 0)
		num = 0;
	for (i = 0; i < num && out->n < IOV_NET_VF_MAX; i++) {
		struct rtnl_link_vf *nv = rtnl_link_vf_get(link, i);

		if (!nv)
			continue;
		vf_from_nl(nv, i, &out->e[out->n++]);
		rtnl_link_vf_put(nv);
	}
	out->known = true;
}

static void take_link(struct nl_object *obj, void *arg)
{
	struct rtnl_link **link = arg;

	if (!*link) {
		nl_object_get(obj);
		*link = (struct rtnl_link *)obj;
	}
}

int iov_nl_link_parse(const void *buf, size_t len, struct rtnl_link **out)
{
	const struct nlmsghdr *h = buf;
	struct rtnl_link *link = NULL;
	struct nl_msg *msg;
	int r;

	*out = NULL;
	if (len < NLMSG_HDRLEN || h->nlmsg_len < NLMSG_HDRLEN || h->nlmsg_len > len ||
	    h->nlmsg_type != RTM_NEWLINK)
		return -EINVAL;
	msg = nlmsg_convert((struct nlmsghdr *)h);	/* a copy: buf stays const */
	if (!msg)
		return -ENOMEM;
	nlmsg_set_proto(msg, NETLINK_ROUTE);
	r = nl_msg_parse(msg, take_link, &link);
	nlmsg_free(msg);
	if (r < 0 || !link) {
		if (link)
			rtnl_link_put(link);
		return r == -NLE_NOMEM ? -ENOMEM : -EINVAL;
	}
	*out = link;
	return 0;
}

int iov_net_vfs_decode(const void *buf, size_t len, struct iov_net_vf_list *out)
{
	struct rtnl_link *link;
	int r;

	memset(out, 0, sizeof(*out));
	r = iov_nl_link_parse(buf, len, &link);
	if (r < 0)
		return r;
	from_link(link, out);
	rtnl_link_put(link);
	return 0;
}

int iov_net_vfs_query(const char *ifname, struct iov_net_vf_list *out)
{
	struct rtnl_link *link = NULL;
	struct nl_sock *sk;
	int r;

	memset(out, 0, sizeof(*out));
	if (!ifname[0] || strlen(ifname) >= sizeof(out->netdev))
		return -EINVAL;
	sk = nl_socket_alloc();
	if (!sk)
		return -ENOMEM;
	r = nl_connect(sk, NETLINK_ROUTE);
	/* libnl's get request carries IFLA_EXT_MASK = RTEXT_FILTER_VF (strace shows it) */
	if (r == 0)
		r = rtnl_link_get_kernel(sk, 0, ifname, &link);
	if (r < 0) {
		r = nl_to_errno(r);
	} else {
		from_link(link, out);
		r = 0;
	}
	if (link)
		rtnl_link_put(link);
	nl_socket_free(sk);
	return r;
}

/* ---- by PCI address ------------------------------------------------------- */

int iov_net_vfs_path(struct iov_ctx *ctx, const char *addr, char *buf, size_t len)
{
	return iov_sysfs_path(ctx, buf, len, "../vfstate/%s/net-vfs", addr);
}

static int read_recorded(struct iov_ctx *ctx, const char *addr, struct iov_net_vf_list *out)
{
	char path[PATH_MAX], *text;
	ssize_t n;
	int r;

	r = iov_net_vfs_path(ctx, addr, path, sizeof(path));
	if (r < 0)
		return r;
	text = malloc(NET_VFS_FILE_MAX);
	if (!text)
		return -ENOMEM;
	n = iov_read_bin(path, text, NET_VFS_FILE_MAX - 1);
	if (n < 0)
		r = (int)n;
	else if (n == NET_VFS_FILE_MAX - 1)
		r = -E2BIG;
	else {
		text[n] = '\0';
		r = iov_net_vfs_parse(text, out);
	}
	free(text);
	return r;
}

/*
 * A PF can have several netdevs (switchdev representors share its device):
 * the one that reports VFs answers; else the first by name.
 */
static int query_netdevs(struct iov_ctx *ctx, const char *addr, struct iov_net_vf_list *out)
{
	static struct iov_net_vf_list tmp;
	struct dirent **names = NULL;
	char path[PATH_MAX];
	int i, n, r = -ENODEV, best = -ENODEV;

	if (iov_sysfs_path(ctx, path, sizeof(path), "bus/pci/devices/%s/net", addr) < 0)
		return -ENAMETOOLONG;
	n = scandir(path, &names, NULL, alphasort);
	if (n < 0)
		return errno == ENOENT ? -ENODEV : -errno;
	for (i = 0; i < n; i++) {
		if (names[i]->d_name[0] == '.' || (best == 0 && out->n))
			continue;
		r = iov_net_vfs_query(names[i]->d_name, &tmp);
		if (r == 0 && (best < 0 || tmp.n > out->n)) {
			*out = tmp;
			best = 0;
		} else if (best < 0) {
			best = r;
		}
	}
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return best;
}

int iov_net_vfs_read(struct iov_ctx *ctx, const char *addr, struct iov_net_vf_list *out)
{
	memset(out, 0, sizeof(*out));
	if (!iov_ctx_is_live(ctx))
		return read_recorded(ctx, addr, out);
	return query_netdevs(ctx, addr, out);
}

int iov_net_vfs(struct iov_ctx *ctx, const struct iov_dev *pf, struct iov_net_vf_list *out)
{
	int r;

	long long total = pf->sriov.total_vfs;

	memset(out, 0, sizeof(*out));
	/* TotalVFs 0: there is no VF to have settings */
	if (!iov_dev_is_pf(pf) || total <= 0 || (!pf->nnetdevs && pf->class_code >> 16 != 0x02))
		return -ENOTSUP;
	r = iov_net_vfs_read(ctx, pf->addr, out);
	out->error = r;
	return r;
}

const struct iov_net_vf *iov_net_vf_of(const struct iov_net_vf_list *l, unsigned vf_index)
{
	unsigned i;

	for (i = 0; i < l->n; i++)
		if (l->e[i].vf == vf_index)
			return &l->e[i];
	return NULL;
}

const char *iov_net_vf_addr(const struct iov_dev *pf, const struct iov_net_vf *e)
{
	return e->vf < pf->nvfs && pf->vfs[e->vf] ? pf->vfs[e->vf]->addr : NULL;
}
