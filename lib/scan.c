// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The whole-host scan: enumerate with libpci, read every function, then
 * resolve the relations (parent bridge, PF <-> VF) and IOMMU groups.
 */
#include "iov-private.h"
#include "iov-bench.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <numa.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void lookup_names(struct iov_pci *pci, struct iov_dev *d);

static int cmp_dev(const void *a, const void *b)
{
	const struct iov_dev *const *x = a, *const *y = b;

	return iov_bdf_cmp(&(*x)->bdf, &(*y)->bdf);
}

struct iov_dev *iov_devlist_find(const struct iov_devlist *list, const struct iov_bdf *bdf)
{
	size_t lo = 0, hi = list->n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = iov_bdf_cmp(&list->dev[mid]->bdf, bdf);

		if (c == 0)
			return list->dev[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

static struct iov_dev *find_addr(const struct iov_devlist *list, const char *addr)
{
	struct iov_bdf b;

	if (!addr[0] || iov_bdf_parse(addr, &b) < 0)
		return NULL;
	return iov_devlist_find(list, &b);
}

static int link_vfs(struct iov_devlist *list, struct iov_dev *pf)
{
	unsigned i, max = 0;

	for (i = 0; i < pf->nvirtfn; i++)
		if (pf->virtfn[i].index + 1 > max)
			max = pf->virtfn[i].index + 1;
	if (!max)
		return 0;
	pf->vfs = calloc(max, sizeof(*pf->vfs));
	if (!pf->vfs)
		return -ENOMEM;
	pf->nvfs = max;
	for (i = 0; i < pf->nvirtfn; i++) {
		struct iov_dev *vf = find_addr(list, pf->virtfn[i].addr);

		pf->vfs[pf->virtfn[i].index] = vf;
		if (vf) {
			vf->vf_index = pf->virtfn[i].index;
			vf->pf = pf;
		}
	}
	return 0;
}

static void vf_bar_sizes(struct iov_dev *d)
{
	struct iov_sriov *s = &d->c.sriov;
	unsigned i;

	if (!s->present || !d->has_resource || d->nres < IOV_RES_SRIOV + IOV_SRIOV_NBARS)
		return;
	for (i = 0; i < IOV_SRIOV_NBARS; i++) {
		const struct iov_bar *r = &d->res[IOV_RES_SRIOV + i];
		uint64_t total;

		if (!r->flags || r->end <= r->start)
			continue;
		total = r->end - r->start + 1;
		s->vf_bar[i].total = (r->flags & IOV_IORES_UNSET) ? 0 : total;
		/* the kernel sizes the window for TotalVFs, one BAR per VF */
		if (s->total_vfs)
			s->vf_bar[i].size = total / s->total_vfs;
	}
}

/* A VF's config reads ffff:ffff; its IDs are the PF's vendor and VF Device ID. */
static void vf_ids(struct iov_ctx *ctx, struct iov_dev *vf)
{
	if (vf->vendor != 0xffff || !vf->is_vf)
		return;
	if (vf->pf && vf->pf->c.sriov.present) {
		vf->vendor = vf->pf->vendor;
		vf->device = vf->pf->c.sriov.vf_device_id;
		return;
	}
	iov_dev_read_ids(ctx, vf);
}

static int resolve_relations(struct iov_ctx *ctx, struct iov_pci *pci, struct iov_devlist *list,
			     unsigned flags)
{
	size_t i;
	int r;

	for (i = 0; i < list->n; i++) {
		struct iov_dev *d = list->dev[i];

		d->parent = find_addr(list, d->parent_addr);
		if (d->physfn_addr[0] && !d->pf)
			d->pf = find_addr(list, d->physfn_addr);
		if (d->nvirtfn) {
			r = link_vfs(list, d);
			if (r < 0)
				return r;
		}
		vf_bar_sizes(d);
	}
	for (i = 0; i < list->n; i++) {
		vf_ids(ctx, list->dev[i]);
		if (flags & IOV_SCAN_NAMES)
			lookup_names(pci, list->dev[i]);
	}
	return 0;
}

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

/* Groups from the functions' own links; the group directory adds its type. */
static int build_groups(struct iov_ctx *ctx, struct iov_devlist *list)
{
	int *ids;
	size_t i, n = 0;

	ids = malloc((list->n ? list->n : 1) * sizeof(*ids));
	if (!ids)
		return -ENOMEM;
	for (i = 0; i < list->n; i++)
		if (list->dev[i]->iommu_group >= 0)
			ids[n++] = list->dev[i]->iommu_group;
	qsort(ids, n, sizeof(*ids), cmp_int);
	list->groups = calloc(n ? n : 1, sizeof(*list->groups));
	if (!list->groups) {
		free(ids);
		return -ENOMEM;
	}
	for (i = 0; i < n; i++)
		if (!list->ngroups || list->groups[list->ngroups - 1].id != ids[i])
			list->groups[list->ngroups++].id = ids[i];
	free(ids);
	for (i = 0; i < list->n; i++) {
		struct iov_dev *d = list->dev[i];
		struct iov_group *grp;
		struct iov_dev **nm;

		if (d->iommu_group < 0)
			continue;
		grp = (struct iov_group *)iov_devlist_group(list, d->iommu_group);
		nm = realloc(grp->members, (grp->n + 1) * sizeof(*nm));
		if (!nm)
			return -ENOMEM;
		grp->members = nm;
		nm[grp->n++] = d;
	}
	(void)ctx;
	return 0;
}

const struct iov_group *iov_devlist_group(const struct iov_devlist *list, int id)
{
	size_t lo = 0, hi = list->ngroups;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (list->groups[mid].id == id)
			return &list->groups[mid];
		if (list->groups[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* 1 when the directory has entries, 0 when empty or absent, else -errno. */
static int dir_has_entries(const char *path)
{
	struct dirent *de;
	DIR *dir = opendir(path);
	bool any = false;

	if (!dir)
		return errno == ENOENT ? 0 : -errno;
	while (!any && (de = readdir(dir)))
		any = de->d_name[0] != '.';
	closedir(dir);
	return any;
}

/*
 * "0-1,4" -> 3, through the one CPU-list parser and its bounds: ranges of
 * huge, negative or reversed numbers are not a count.
 */
/* how many in a list such as node/online's "0-1" */
static int count_cpulist(const char *s)
{
	uint64_t set[IOV_CPU_WORDS];
	int r;

	r = iov_cpulist_parse(s, set, IOV_CPU_WORDS);
	return r < 0 ? r : (int)iov_cpulist_count(set, IOV_CPU_WORDS);
}

static void read_host(struct iov_ctx *ctx, struct iov_devlist *list)
{
	char path[PATH_MAX], buf[256];

	if (iov_sysfs_path(ctx, path, sizeof(path), "kernel/iommu_groups") == 0) {
		int r = dir_has_entries(path);

		/* unreadable is not "IOMMU off": keep what the functions' links tell */
		list->iommu_groups_errno = r < 0 ? r : 0;
		list->iommu_groups_present = r < 0 ? list->ngroups > 0 : r > 0;
	}
	if (iov_sysfs_read_str(ctx, buf, sizeof(buf), "devices/system/node/online") == 0) {
		int n = count_cpulist(buf);

		/* not a node list (a corrupt tree): unknown, not its bytes */
		if (n > 0)
			list->nodes_online = strdup(buf);
		list->numa_nodes = n > 0 ? n : 0;
	} else if (iov_ctx_is_live(ctx) && numa_available() >= 0) {
		list->numa_nodes = numa_num_configured_nodes();
	}
}

static void lookup_names(struct iov_pci *pci, struct iov_dev *d)
{
	d->vendor_name = iov_pci_name(pci, IOV_NAME_VENDOR, d->vendor, 0);
	d->device_name = iov_pci_name(pci, IOV_NAME_DEVICE, d->vendor, d->device);
	d->class_name = iov_pci_name(pci, IOV_NAME_CLASS, d->class_code >> 8, 0);
}

static int read_all(struct iov_ctx *ctx, unsigned flags, struct iov_devlist *list,
		    const struct iov_bdf *bdfs, size_t n)
{
	char path[PATH_MAX];
	size_t i;
	int r, dfd;

	list->dev = calloc(n ? n : 1, sizeof(*list->dev));
	if (!list->dev)
		return -ENOMEM;
	r = iov_sysfs_path(ctx, path, sizeof(path), "bus/pci/devices");
	if (r < 0)
		return r;
	dfd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd < 0)
		return -errno;
	r = 0;
	for (i = 0; i < n; i++) {
		struct iov_dev *d;

		r = iov_dev_read(ctx, dfd, &bdfs[i], flags, &d);
		if (r == -ENOENT || r == -ENOTDIR) {
			/* removed while we walked: not an error */
			list->vanished++;
			continue;
		}
		if (r < 0)
			break;
		r = 0;
		if (d->cfg_errno && !list->unreadable_config++) {
			list->unreadable_config_errno = d->cfg_errno;
			memcpy(list->unreadable_config_addr, d->addr, sizeof(d->addr));
		} else if (!d->cfg_errno && d->cfg.len < IOV_CFG_STD_SIZE) {
			list->limited_config++;
		}
		list->dev[list->n++] = d;
	}
	close(dfd);
	if (r < 0)
		return r;
	qsort(list->dev, list->n, sizeof(*list->dev), cmp_dev);
	return 0;
}

int iov_scan(struct iov_ctx *ctx, unsigned flags, struct iov_devlist **out)
{
	struct iov_devlist *list = NULL;
	struct iov_bdf *bdfs = NULL;
	struct iov_pci *pci = NULL;
	char path[PATH_MAX];
	struct stat st;
	size_t n;
	int r;

	*out = NULL;
	r = iov_sysfs_path(ctx, path, sizeof(path), "bus/pci/devices");
	if (r < 0)
		return r;
	/* access(X_OK) on a file says EACCES; the reason is that it is no directory */
	if (stat(path, &st) < 0)
		return -errno;
	if (!S_ISDIR(st.st_mode))
		return -ENOTDIR;
	if (access(path, R_OK | X_OK) < 0)
		return -errno;
	r = iov_pci_open(ctx, &pci);
	if (r < 0)
		return r;
	r = iov_pci_enumerate(pci, &bdfs, &n);
	if (r < 0)
		goto out;
	list = calloc(1, sizeof(*list));
	if (!list) {
		r = -ENOMEM;
		goto out;
	}
	r = read_all(ctx, flags, list, bdfs, n);
	if (r == 0)
		r = resolve_relations(ctx, pci, list, flags);
	if (r == 0)
		r = build_groups(ctx, list);
	if (r < 0)
		goto out;
	read_host(ctx, list);
	r = iov_adapters_prepare(ctx, list);
	if (r < 0)
		goto out;
	*out = list;
	list = NULL;
out:
	iov_devlist_free(list);
	free(bdfs);
	iov_pci_close(pci);
	return r;
}

void iov_devlist_free(struct iov_devlist *list)
{
	size_t i;

	if (!list)
		return;
	for (i = 0; i < list->n; i++)
		iov_dev_free(list->dev[i]);
	free(list->dev);
	for (i = 0; i < list->ngroups; i++)
		free(list->groups[i].members);
	free(list->groups);
	free(list->nodes_online);
	free(list);
}

bool iov_dev_is_pf(const struct iov_dev *d)
{
	return d->sriov.pf;
}

int iov_sriov_vf_rid(const struct iov_dev *pf, unsigned i, struct iov_bdf *out)
{
	const struct iov_sriov_state *s = &pf->sriov;
	unsigned rid;

	if (s->offset < 0 || s->stride < 0)
		return -ENODATA;
	rid = iov_bdf_rid(&pf->bdf) + s->offset + s->stride * i;
	if (rid > 0xffff)
		return -ERANGE;
	out->domain = pf->bdf.domain;
	out->bus = rid >> 8;
	out->dev = (rid >> 3) & 0x1f;
	out->fn = rid & 7;
	return 0;
}

/* The last BDF-shaped component of a class device's path is its function. */
static int bdf_in_link(const char *link, struct iov_bdf *out)
{
	char target[PATH_MAX];
	const char *p;
	ssize_t n;
	bool found = false;

	n = readlink(link, target, sizeof(target) - 1);
	if (n < 0)
		return -errno;
	target[n] = '\0';
	for (p = strtok(target, "/"); p; p = strtok(NULL, "/")) {
		struct iov_bdf b;

		if (iov_bdf_canonical(p, &b)) {
			*out = b;
			found = true;
		}
	}
	return found ? 0 : -ENODEV;
}

static bool add_match(struct iov_dev **out, size_t max, size_t *n, struct iov_dev *d)
{
	size_t i;

	if (!d)
		return false;
	for (i = 0; i < *n; i++)
		if (out[i] == d)
			return true;
	if (*n < max)
		out[(*n)++] = d;
	return true;
}

/*
 * A native NVMe multipath head ("nvme0n1") lives under the virtual
 * nvme-subsystem, not under a PCI function; its paths "nvme0c<N>n1" do.
 */
static void nvme_paths(struct iov_ctx *ctx, const struct iov_devlist *list, const char *name,
		       struct iov_dev **out, size_t max, size_t *n)
{
	char path[PATH_MAX], want[64];
	unsigned subsys, ns;
	struct dirent *de;
	struct iov_bdf b;
	DIR *dir;

	if (sscanf(name, "nvme%un%u", &subsys, &ns) != 2)
		return;
	if (iov_sysfs_path(ctx, path, sizeof(path), "class/block") < 0 || !(dir = opendir(path)))
		return;
	snprintf(want, sizeof(want), "nvme%uc", subsys);
	while ((de = readdir(dir))) {
		unsigned ctrl, ns2;
		char tail[8];

		if (strncmp(de->d_name, want, strlen(want)) != 0 ||
		    sscanf(de->d_name + strlen(want), "%un%u%7s", &ctrl, &ns2, tail) != 2 || ns2 != ns)
			continue;
		if (iov_sysfs_path(ctx, path, sizeof(path), "class/block/%s", de->d_name) == 0 &&
		    bdf_in_link(path, &b) == 0)
			add_match(out, max, n, iov_devlist_find(list, &b));
	}
	closedir(dir);
}

int iov_devlist_resolve_name(struct iov_ctx *ctx, const struct iov_devlist *list, const char *name,
			     struct iov_dev **out, size_t max)
{
	static const char *const classes[] = { "net", "block", "nvme" };
	char path[PATH_MAX];
	struct iov_bdf b;
	size_t i, n = 0;

	if (strncmp(name, "/dev/", 5) == 0)
		name += 5;
	if (!*name || strchr(name, '/') || max == 0)
		return -EINVAL;
	for (i = 0; i < sizeof(classes) / sizeof(classes[0]); i++) {
		if (iov_sysfs_path(ctx, path, sizeof(path), "class/%s/%s", classes[i], name) < 0)
			continue;
		if (bdf_in_link(path, &b) == 0) {
			if (!add_match(out, max, &n, iov_devlist_find(list, &b)))
				return -ENODEV;
			return n;
		}
	}
	nvme_paths(ctx, list, name, out, max, &n);
	if (n)
		return n;
	/* snapshots may lack class/: look at what we found under the functions */
	for (i = 0; i < list->n; i++) {
		struct iov_dev *d = list->dev[i];
		unsigned j;

		for (j = 0; j < d->nnetdevs; j++)
			if (strcmp(d->netdevs[j], name) == 0)
				add_match(out, max, &n, d);
		for (j = 0; j < d->nblockdevs; j++)
			if (strcmp(d->blockdevs[j], name) == 0)
				add_match(out, max, &n, d);
	}
	return n ? (int)n : -ENODEV;
}

int iov_devlist_find_name(struct iov_ctx *ctx, const struct iov_devlist *list, const char *name,
			  struct iov_dev **out)
{
	int r = iov_devlist_resolve_name(ctx, list, name, out, 1);

	if (r < 0)
		*out = NULL;
	return r < 0 ? r : 0;
}
