// SPDX-License-Identifier: GPL-2.0-or-later
/* inspect: VF runtime state of a PF (NVMe secondary controllers), text and JSON. */
#include "config.h"

#include <errno.h>
#include <json-c/json.h>
#include <string.h>

#include "inspect.h"
#include "lib/iov-host.h"

#define LABEL "    %-9s"
#define CONT "             "

/* Why a list is unknown, in a few words. */
static const char *unknown_reason(const struct inspect_view *v, int err)
{
	switch (-err) {
	case EACCES:
	case EPERM:
		return "not root";
	case ENOENT:
		return iov_ctx_is_live(v->ctx) ? "no NVMe controller bound to the PF"
					       : "not recorded in this snapshot";
	case EIO:
		return "the controller cannot answer";
	case EINVAL:
		return "malformed Identify data";
	}
	return strerror(-err);
}

static const char *vf_addr(const struct iov_dev *pf, const struct iov_nvme_sec *e)
{
	unsigned i = e->vfn ? e->vfn - 1u : 0;

	return e->vfn && i < pf->nvfs && pf->vfs[i] ? pf->vfs[i]->addr : NULL;
}

void inspect_text_vfstate(const struct inspect_view *v, const struct iov_dev *d, FILE *out)
{
	static struct iov_nvme_sec_list l;
	unsigned i, online = 0;

	if (iov_nvme_secondary(v->ctx, d, &l) == -ENOTSUP)
		return;
	if (!l.known) {
		fprintf(out, LABEL "secondary controllers unknown (%s)\n", "NVMe:",
			unknown_reason(v, l.error));
		return;
	}
	for (i = 0; i < l.n; i++)
		online += l.e[i].online;
	fprintf(out, LABEL "%u secondary controller%s, %u online\n", "NVMe:", l.n,
		l.n == 1 ? "" : "s", online);
	for (i = 0; i < l.n; i++) {
		const struct iov_nvme_sec *e = &l.e[i];
		const char *a = vf_addr(d, e);
		bool bad = !e->online || !e->nvq || !e->nvi;

		/* as nvme list-secondary, by address; only the troubled ones without -v */
		if (!v->verbose && !(bad && a))
			continue;
		fprintf(out, CONT "VF %u%s%s: SCID 0x%04x %s, %u VQ, %u VI\n", e->vfn, a ? " " : "",
			a ? a : " (not enabled)", e->scid, e->online ? "online" : "offline", e->nvq, e->nvi);
	}
}

struct json_object *inspect_json_vfstate(const struct inspect_view *v, const struct iov_dev *d)
{
	static struct iov_nvme_sec_list l;
	struct json_object *o, *a;
	unsigned i;

	if (iov_nvme_secondary(v->ctx, d, &l) == -ENOTSUP)
		return NULL;
	o = json_object_new_object();
	json_object_object_add(o, "known", json_object_new_boolean(l.known));
	json_object_object_add(o, "unknown_reason",
			       l.known ? NULL : json_object_new_string(unknown_reason(v, l.error)));
	a = l.known ? json_object_new_array() : NULL;
	for (i = 0; a && i < l.n; i++) {
		const struct iov_nvme_sec *e = &l.e[i];
		struct json_object *x = json_object_new_object();
		const char *fn = vf_addr(d, e);

		json_object_object_add(x, "scid", json_object_new_int(e->scid));
		json_object_object_add(x, "pcid", json_object_new_int(e->pcid));
		json_object_object_add(x, "vf_number", json_object_new_int(e->vfn));
		json_object_object_add(x, "function", fn ? json_object_new_string(fn) : NULL);
		json_object_object_add(x, "online", json_object_new_boolean(e->online));
		json_object_object_add(x, "vq", json_object_new_int(e->nvq));
		json_object_object_add(x, "vi", json_object_new_int(e->nvi));
		json_object_array_add(a, x);
	}
	json_object_object_add(o, "controllers", a);
	return o;
}
