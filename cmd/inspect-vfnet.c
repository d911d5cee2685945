// SPDX-License-Identifier: GPL-2.0-or-later
/* inspect: NIC VF settings (rtnetlink), under the PF and on each VF, text and JSON. */
#include "config.h"

#include <errno.h>
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "inspect.h"
#include "output.h"
#include "lib/iov-host.h"

#define LABEL "    %-9s"
#define CONT "             "

/* One list per run: a PF's settings are asked once, not once per VF. */
static struct iov_net_vf_list cache;
static const struct iov_dev *cache_pf;
static int cache_r;

static int net_vfs(const struct inspect_view *v, const struct iov_dev *pf, const struct iov_net_vf_list **l)
{
	/* a function that is no PF has no list: it must not evict the PF's */
	if (!iov_dev_is_pf(pf))
		return -ENOTSUP;
	if (pf != cache_pf) {
		cache_r = iov_net_vfs(v->ctx, pf, &cache);
		cache_pf = pf;
	}
	*l = &cache;
	return cache_r;
}

static const char *unknown_reason(const struct inspect_view *v, int err)
{
	switch (-err) {
	case EACCES:
	case EPERM:
		return "rtnetlink query not permitted";
	case ENODEV:
		return "no netdev of the PF in this network namespace";
	case ENOENT:
		return iov_ctx_is_live(v->ctx) ? "no netdev of the PF in this network namespace"
					       : "not recorded in this snapshot";
	case EINVAL:
	case E2BIG:
		return "malformed net-vfs record";
	case EIO:
		return "rtnetlink query failed";
	}
	return strerror(-err);
}

static bool notable(const struct iov_net_vf *e)
{
	return e->link_state == IOV_NET_LINK_DISABLE;
}

/*
 * As iproute2's "vf N" line: what is set, in its words, comma-separated;
 * after col columns already printed, wrapped on a terminal under indent.
 */
static void print_settings(const struct inspect_view *v, const struct iov_net_vf *e, FILE *to,
			   int col, unsigned indent)
{
	const char *ls = iov_net_link_state_name(e->link_state);
	const char *sep = "";
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);

	if (!out) {
		fputc('\n', to);
		return;
	}

#define ITEM(...) do { fputs(sep, out); fprintf(out, __VA_ARGS__); sep = ", "; } while (0)
	if (e->mac[0])
		ITEM("MAC %s", e->mac);
	if (e->vlan && e->vlan != IOV_NET_UNSET) {
		ITEM("vlan %u", e->vlan);
		if (e->qos != IOV_NET_UNSET && e->qos)
			ITEM("qos %u", e->qos);
		if (e->vlan_proto == 0x88a8)
			ITEM("vlan protocol 802.1ad");
	}
	if (e->max_tx_rate && e->max_tx_rate != IOV_NET_UNSET)
		ITEM("max_tx_rate %uMbps", e->max_tx_rate);
	if (e->min_tx_rate && e->min_tx_rate != IOV_NET_UNSET)
		ITEM("min_tx_rate %uMbps", e->min_tx_rate);
	if (e->spoofchk != IOV_NET_UNSET)
		ITEM("spoof checking %s", e->spoofchk ? "on" : "off");
	if (ls)
		ITEM("link-state %s", ls);
	if (e->trust != IOV_NET_UNSET)
		ITEM("trust %s", e->trust ? "on" : "off");
	if (e->rss_query != IOV_NET_UNSET)
		ITEM("query_rss %s", e->rss_query ? "on" : "off");
#undef ITEM
	if (fclose(out) == 0)
		out_wrap(to, text, v->width, col > 0 ? col : 0, indent);
	else
		fputc('\n', to);
	free(text);
}

void inspect_text_vfnet(const struct inspect_view *v, const struct iov_dev *d, FILE *out)
{
	const struct iov_net_vf_list *l;
	unsigned i, disabled = 0;
	int col;

	if (net_vfs(v, d, &l) == -ENOTSUP)
		return;
	if (!l->known) {
		fprintf(out, LABEL "VF settings unknown (%s)\n", "NIC VFs:", unknown_reason(v, l->error));
		return;
	}
	for (i = 0; i < l->n; i++)
		disabled += notable(&l->e[i]);
	fprintf(out, LABEL "%s: %u VF%s", "NIC VFs:", l->netdev, l->n, l->n == 1 ? "" : "s");
	if (disabled)
		fprintf(out, ", %u with link-state disable", disabled);
	fputc('\n', out);
	for (i = 0; i < l->n; i++) {
		const struct iov_net_vf *e = &l->e[i];
		const char *a = iov_net_vf_addr(d, e);

		/* all with -v; without, the ones whose link is held down */
		if (!v->verbose && !notable(e))
			continue;
		col = fprintf(out, CONT "VF %u %s: ", e->vf, a ? a : "(not enabled)");
		print_settings(v, e, out, col, strlen(CONT) + 2);
	}
}

void inspect_text_vfnet_vf(const struct inspect_view *v, const struct iov_dev *d, FILE *out)
{
	const struct iov_net_vf_list *l;
	const struct iov_net_vf *e;
	int col;

	if (!d->is_vf || !d->pf || d->vf_index < 0 || net_vfs(v, d->pf, &l) == -ENOTSUP)
		return;
	if (!l->known) {
		fprintf(out, LABEL "settings unknown (%s)\n", "NIC VF:", unknown_reason(v, l->error));
		return;
	}
	e = iov_net_vf_of(l, (unsigned)d->vf_index);
	if (!e) {
		fprintf(out, LABEL "not reported by %s\n", "NIC VF:", l->netdev);
		return;
	}
	col = fprintf(out, LABEL "%s vf %u: ", "NIC VF:", l->netdev, e->vf);
	print_settings(v, e, out, col, strlen(CONT));
}

static struct json_object *opt_int(uint32_t x)
{
	return x == IOV_NET_UNSET ? NULL : json_object_new_int64(x);
}

static struct json_object *opt_bool(uint32_t x)
{
	return x == IOV_NET_UNSET ? NULL : json_object_new_boolean(x != 0);
}

/* null where the driver does not report the setting */
static struct json_object *vf_json(const struct iov_dev *pf, const struct iov_net_vf *e)
{
	struct json_object *x = json_object_new_object();
	const char *fn = iov_net_vf_addr(pf, e);
	const char *ls = iov_net_link_state_name(e->link_state);
	const char *proto = e->vlan_proto == 0x8100 ? "802.1Q" : e->vlan_proto == 0x88a8 ? "802.1ad" : NULL;

	json_object_object_add(x, "vf", json_object_new_int64(e->vf));
	json_object_object_add(x, "function", fn ? json_object_new_string(fn) : NULL);
	json_object_object_add(x, "mac", e->mac[0] ? json_object_new_string(e->mac) : NULL);
	json_object_object_add(x, "vlan", opt_int(e->vlan));
	json_object_object_add(x, "qos", opt_int(e->qos));
	json_object_object_add(x, "vlan_protocol", proto ? json_object_new_string(proto) : NULL);
	json_object_object_add(x, "spoof_check", opt_bool(e->spoofchk));
	json_object_object_add(x, "trust", opt_bool(e->trust));
	json_object_object_add(x, "link_state", ls ? json_object_new_string(ls) : NULL);
	json_object_object_add(x, "min_tx_rate_mbps", opt_int(e->min_tx_rate));
	json_object_object_add(x, "max_tx_rate_mbps", opt_int(e->max_tx_rate));
	json_object_object_add(x, "rss_query", opt_bool(e->rss_query));
	return x;
}

static struct json_object *head_json(const struct inspect_view *v, const struct iov_net_vf_list *l)
{
	struct json_object *o = json_object_new_object();

	json_object_object_add(o, "known", json_object_new_boolean(l->known));
	json_object_object_add(o, "unknown_reason",
			       l->known ? NULL : json_object_new_string(unknown_reason(v, l->error)));
	json_object_object_add(o, "netdev", l->known ? json_object_new_string(l->netdev) : NULL);
	return o;
}

struct json_object *inspect_json_vfnet(const struct inspect_view *v, const struct iov_dev *d)
{
	const struct iov_net_vf_list *l;
	struct json_object *o, *a;
	unsigned i;

	if (net_vfs(v, d, &l) == -ENOTSUP)
		return NULL;
	o = head_json(v, l);
	a = l->known ? json_object_new_array() : NULL;
	for (i = 0; a && i < l->n; i++)
		json_object_array_add(a, vf_json(d, &l->e[i]));
	json_object_object_add(o, "vfs", a);
	return o;
}

struct json_object *inspect_json_vfnet_vf(const struct inspect_view *v, const struct iov_dev *d)
{
	const struct iov_net_vf_list *l;
	const struct iov_net_vf *e;
	struct json_object *o;

	if (!d->is_vf || !d->pf || d->vf_index < 0 || net_vfs(v, d->pf, &l) == -ENOTSUP)
		return NULL;
	o = head_json(v, l);
	e = l->known ? iov_net_vf_of(l, (unsigned)d->vf_index) : NULL;
	json_object_object_add(o, "settings", e ? vf_json(d->pf, e) : NULL);
	return o;
}
