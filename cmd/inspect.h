/* SPDX-License-Identifier: GPL-2.0-or-later */
/* iovctl inspect: the selection and the two printers. */
#ifndef IOVCTL_INSPECT_H
#define IOVCTL_INSPECT_H

#include <string.h>

#include "cli.h"

struct json_object;

struct inspect_view {
	struct iov_ctx *ctx;
	struct iov_devlist *list;
	struct iov_findings findings;
	bool *selected;		/* per list index */
	bool expand_vfs;	/* --vfs */
	bool check_only;	/* --check */
	bool all;		/* --all */
	bool host;		/* --host */
	int verbose;
	bool color;
	unsigned width;		/* columns to wrap findings and hints to; 0: not (piped) */
};

static inline size_t inspect_index(const struct inspect_view *v, const struct iov_dev *d)
{
	size_t lo = 0, hi = v->list->n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = iov_bdf_cmp(&v->list->dev[mid]->bdf, &d->bdf);

		if (c == 0)
			return mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (size_t)-1;
}

static inline bool inspect_selected(const struct inspect_view *v, const struct iov_dev *d)
{
	size_t i = inspect_index(v, d);

	return i != (size_t)-1 && v->selected[i];
}

/*
 * A finding is shown when it is about the host or a selected function; one
 * about an IOMMU group, when any function of that group is selected.
 */
static inline bool inspect_finding_shown(const struct inspect_view *v, const struct iov_finding *f)
{
	const struct iov_group *g;
	unsigned i;

	if (!f->dev || inspect_selected(v, f->dev))
		return true;
	if (f->dev->iommu_group < 0 ||
	    (strcmp(f->id, "group-not-isolated") != 0 && strcmp(f->id, "group-not-viable") != 0))
		return false;
	g = iov_devlist_group(v->list, f->dev->iommu_group);
	for (i = 0; g && i < g->n; i++)
		if (inspect_selected(v, g->members[i]))
			return true;
	return false;
}

int inspect_print_text(const struct inspect_view *v, FILE *out);

/* inspect-iov.c: DVSECs, Scalable IOV, MR-IOV and other raw capabilities */
struct json_object;
void inspect_text_virt(const struct inspect_view *v, const struct iov_dev *d, FILE *out);
void inspect_text_vf_migration(const struct iov_sriov *s, FILE *out);
void inspect_json_virt(const struct inspect_view *v, const struct iov_dev *d, struct json_object *o);
struct json_object *inspect_json_virt_host(const struct inspect_view *v);
int inspect_print_json(const struct inspect_view *v, FILE *out);
/* inspect-vfstate.c: a PF's NVMe secondary controllers (nothing for other functions) */
void inspect_text_vfstate(const struct inspect_view *v, const struct iov_dev *d, FILE *out);
struct json_object *inspect_json_vfstate(const struct inspect_view *v, const struct iov_dev *d);
/* inspect-vfnet.c: NIC VF settings under a PF with a netdev, and on each of its VFs */
void inspect_text_vfnet(const struct inspect_view *v, const struct iov_dev *d, FILE *out);
void inspect_text_vfnet_vf(const struct inspect_view *v, const struct iov_dev *d, FILE *out);
struct json_object *inspect_json_vfnet(const struct inspect_view *v, const struct iov_dev *d);
struct json_object *inspect_json_vfnet_vf(const struct inspect_view *v, const struct iov_dev *d);
/* inspect --host (inspect-host.c): print the checklist; returns the exit code */
int inspect_host(const struct inspect_view *v, bool json, FILE *out);

#endif
