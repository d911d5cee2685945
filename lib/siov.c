// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Scalable IOV readiness: what the host's IOMMU offers (Intel VT-d
 * scalable mode, iommufd) and the sub-devices a driver exposes below one
 * function (idxd work queues, mdev types, the VFIO cdev). Everything is
 * read under the injectable sysfs root; nothing here opens a device node.
 */
#include "iov-private.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* VT-d Extended Capability Register (VT-d 3.x, 11.4.3) */
#define ECAP_PASID (1ull << 40)
#define ECAP_SMTS (1ull << 43)

static bool exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0;
}

static int read_ecap(struct iov_ctx *ctx, const char *unit, uint64_t *ecap)
{
	char buf[64], *end;
	int r;

	r = iov_sysfs_read_str(ctx, buf, sizeof(buf), "class/iommu/%s/intel-iommu/ecap", unit);
	if (r < 0)
		return r;
	errno = 0;
	*ecap = strtoull(buf, &end, 16);
	if (errno || end == buf || *end)
		return -EINVAL;
	return 0;
}

int iov_siov_host_read(struct iov_ctx *ctx, struct iov_siov_host *out)
{
	char path[PATH_MAX];
	struct dirent *de;
	DIR *dir;
	int r;

	memset(out, 0, sizeof(*out));
	r = iov_sysfs_path(ctx, path, sizeof(path), "class/misc/iommu");
	if (r < 0)
		return r;
	out->iommufd = exists(path);
	r = iov_sysfs_path(ctx, path, sizeof(path), "class/iommu");
	if (r < 0)
		return r;
	dir = opendir(path);
	if (!dir)
		return 0;
	while ((de = readdir(dir))) {
		uint64_t ecap;

		if (de->d_name[0] == '.' || read_ecap(ctx, de->d_name, &ecap) < 0)
			continue;
		out->vtd_units++;
		if ((ecap & (ECAP_PASID | ECAP_SMTS)) == (ECAP_PASID | ECAP_SMTS))
			out->vtd_scalable++;
	}
	closedir(dir);
	return 0;
}

static char *read_attr(struct iov_ctx *ctx, const char *dir, const char *name)
{
	char buf[256];

	if (iov_sysfs_read_str(ctx, buf, sizeof(buf), "%s/%s", dir, name) < 0)
		return NULL;
	return strdup(buf);
}

/* Sorted names of the entries of a directory under the root matching pred. */
static int list_dir(struct iov_ctx *ctx, const char *rel, bool (*pred)(const char *),
		    char ***out, unsigned *n)
{
	char path[PATH_MAX];
	struct dirent **ents = NULL;
	int i, k, r;

	*out = NULL;
	*n = 0;
	r = iov_sysfs_path(ctx, path, sizeof(path), "%s", rel);
	if (r < 0)
		return r;
	k = scandir(path, &ents, NULL, alphasort);
	if (k < 0)
		return errno == ENOENT || errno == ENOTDIR ? 0 : -errno;
	for (i = 0, r = 0; i < k; i++) {
		if (r == 0 && ents[i]->d_name[0] != '.' && pred(ents[i]->d_name)) {
			char **nv = realloc(*out, (*n + 1) * sizeof(**out));

			if (!nv || !(nv[*n] = strdup(ents[i]->d_name))) {
				if (nv)
					*out = nv;
				r = -ENOMEM;
			} else {
				*out = nv;
				(*n)++;
			}
		}
		free(ents[i]);
	}
	free(ents);
	return r;
}

static void free_names(char **v, unsigned n)
{
	unsigned i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static bool is_idxd_dev(const char *s)
{
	unsigned u;
	char tail;

	return sscanf(s, "dsa%u%c", &u, &tail) == 1 || sscanf(s, "iax%u%c", &u, &tail) == 1;
}

static bool is_wq(const char *s)
{
	unsigned a, b;
	char tail;

	return sscanf(s, "wq%u.%u%c", &a, &b, &tail) == 2;
}

static bool is_vfio(const char *s)
{
	unsigned u;
	char tail;

	return sscanf(s, "vfio%u%c", &u, &tail) == 1;
}

static bool any(const char *s)
{
	(void)s;
	return true;
}

static int read_wqs(struct iov_ctx *ctx, const char *fdir, struct iov_subdevs *out)
{
	char **devs, **wqs, rel[256];
	unsigned ndevs, nwqs, i, j;
	int r;

	r = list_dir(ctx, fdir, is_idxd_dev, &devs, &ndevs);
	for (i = 0; i < ndevs && r == 0; i++) {
		snprintf(rel, sizeof(rel), "%s/%s", fdir, devs[i]);
		r = list_dir(ctx, rel, is_wq, &wqs, &nwqs);
		for (j = 0; j < nwqs && r == 0; j++) {
			struct iov_wq *nw = realloc(out->wq, (out->nwq + 1) * sizeof(*nw)), *w;
			char wdir[PATH_MAX];

			if (!nw) {
				r = -ENOMEM;
				break;
			}
			out->wq = nw;
			w = &nw[out->nwq++];
			memset(w, 0, sizeof(*w));
			snprintf(wdir, sizeof(wdir), "%s/%s", rel, wqs[j]);
			snprintf(w->device, sizeof(w->device), "%s", devs[i]);
			snprintf(w->id, sizeof(w->id), "%s", wqs[j]);
			w->mode = read_attr(ctx, wdir, "mode");
			w->state = read_attr(ctx, wdir, "state");
			w->type = read_attr(ctx, wdir, "type");
			w->name = read_attr(ctx, wdir, "name");
		}
		free_names(wqs, nwqs);
	}
	free_names(devs, ndevs);
	return r;
}

static int read_mdev_types(struct iov_ctx *ctx, const char *fdir, struct iov_subdevs *out)
{
	char **types, rel[256];
	unsigned ntypes, i;
	int r;

	snprintf(rel, sizeof(rel), "%s/mdev_supported_types", fdir);
	r = list_dir(ctx, rel, any, &types, &ntypes);
	for (i = 0; i < ntypes && r == 0; i++) {
		struct iov_mdev_type *nm = realloc(out->mdev, (out->nmdev + 1) * sizeof(*nm)), *m;
		char tdir[PATH_MAX];
		long long avail;

		if (!nm) {
			r = -ENOMEM;
			break;
		}
		out->mdev = nm;
		m = &nm[out->nmdev++];
		memset(m, 0, sizeof(*m));
		snprintf(tdir, sizeof(tdir), "%s/%s", rel, types[i]);
		snprintf(m->id, sizeof(m->id), "%s", types[i]);
		m->name = read_attr(ctx, tdir, "name");
		m->device_api = read_attr(ctx, tdir, "device_api");
		m->available = iov_sysfs_read_int(ctx, &avail, "%s/available_instances", tdir) < 0
				       ? -1 : avail;
	}
	free_names(types, ntypes);
	return r;
}

int iov_subdevs_read(struct iov_ctx *ctx, const struct iov_dev *d, struct iov_subdevs *out)
{
	char fdir[64], **vfio;
	unsigned nvfio;
	int r;

	memset(out, 0, sizeof(*out));
	snprintf(fdir, sizeof(fdir), "bus/pci/devices/%s", d->addr);
	r = read_wqs(ctx, fdir, out);
	if (r == 0)
		r = read_mdev_types(ctx, fdir, out);
	if (r == 0) {
		char rel[96];

		snprintf(rel, sizeof(rel), "%s/vfio-dev", fdir);
		r = list_dir(ctx, rel, is_vfio, &vfio, &nvfio);
		if (r == 0 && nvfio)
			snprintf(out->vfio_cdev, sizeof(out->vfio_cdev), "%s", vfio[0]);
		if (r == 0)
			free_names(vfio, nvfio);
	}
	if (r < 0)
		iov_subdevs_free(out);
	return r;
}

void iov_subdevs_free(struct iov_subdevs *s)
{
	unsigned i;

	for (i = 0; i < s->nwq; i++) {
		free(s->wq[i].mode);
		free(s->wq[i].state);
		free(s->wq[i].type);
		free(s->wq[i].name);
	}
	free(s->wq);
	for (i = 0; i < s->nmdev; i++) {
		free(s->mdev[i].name);
		free(s->mdev[i].device_api);
	}
	free(s->mdev);
	memset(s, 0, sizeof(*s));
}
