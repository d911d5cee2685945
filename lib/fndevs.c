// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The class devices below one PCI function: network interfaces, NVMe
 * controllers and disks, native NVMe multipath included. inspect lists
 * them and bench opens them: one resolver, so both agree on what a
 * function's disk is.
 */
#include "iov-private.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define MAX_WALK_DEPTH 6
#define MAX_DISKS 256

static int add_name(char ***v, unsigned *n, const char *name)
{
	char **nv = realloc(*v, (*n + 1) * sizeof(**v));

	if (!nv)
		return -ENOMEM;
	*v = nv;
	nv[*n] = strdup(name);
	if (!nv[*n])
		return -ENOMEM;
	(*n)++;
	return 0;
}

static struct iov_fn_disk *add_disk(struct iov_fn_devs *out, const char *name)
{
	struct iov_fn_disk *nd;

	if (out->ndisk >= MAX_DISKS)
		return NULL;
	nd = realloc(out->disk, (out->ndisk + 1) * sizeof(*nd));
	if (!nd)
		return NULL;
	out->disk = nd;
	nd += out->ndisk++;
	memset(nd, 0, sizeof(*nd));
	snprintf(nd->name, sizeof(nd->name), "%.63s", name);
	return nd;
}

/* Entries of dir/sub (those starting with prefix) appended to *v. */
static int list_names(const char *dir, const char *sub, const char *prefix, char ***v, unsigned *n)
{
	char p[PATH_MAX];
	struct dirent *de;
	DIR *d;
	int r = 0;

	if ((size_t)snprintf(p, sizeof(p), "%s/%s", dir, sub) >= sizeof(p))
		return -ENAMETOOLONG;
	d = opendir(p);
	if (!d)
		return 0;
	while ((de = readdir(d)) && r == 0)
		if (de->d_name[0] != '.' && (!prefix || strncmp(de->d_name, prefix, strlen(prefix)) == 0))
			r = add_name(v, n, de->d_name);
	closedir(d);
	return r;
}

bool iov_nvme_ns_name(const char *s, unsigned *subsys, unsigned *nsid)
{
	unsigned a, b;
	int n = 0;

	/* nvme0n1: not a path nvme0c0n1, a partition nvme0n1p1 nor ng0n1 */
	if (sscanf(s, "nvme%un%u%n", &a, &b, &n) != 2 || s[n])
		return false;
	if (subsys)
		*subsys = a;
	if (nsid)
		*nsid = b;
	return true;
}

bool iov_nvme_path_name(const char *s, unsigned *subsys, unsigned *ctrl, unsigned *nsid)
{
	unsigned a, c, b;
	int n = 0;

	if (sscanf(s, "nvme%uc%un%u%n", &a, &c, &b, &n) != 3 || s[n])
		return false;
	if (subsys)
		*subsys = a;
	if (ctrl)
		*ctrl = c;
	if (nsid)
		*nsid = b;
	return true;
}

/* How many paths head nvme<subsys>n<nsid> has: the nvme<subsys>c*n<nsid> disks. */
static int count_paths(struct iov_ctx *ctx, unsigned subsys, unsigned nsid)
{
	char dir[PATH_MAX];
	struct dirent *de;
	unsigned s, ns;
	int n = 0;
	DIR *d;

	if (iov_sysfs_path(ctx, dir, sizeof(dir), "class/block") < 0 || !(d = opendir(dir)))
		return -1;
	while ((de = readdir(d)))
		if (iov_nvme_path_name(de->d_name, &s, NULL, &ns) && s == subsys && ns == nsid)
			n++;
	closedir(d);
	return n;
}

/*
 * nvme/nvmeX/: the controller, its own namespaces nvmeXnY and, under
 * native multipath, its paths nvmeScXnY of the heads nvmeSnY.
 */
static int read_nvme(struct iov_ctx *ctx, const char *fndir, unsigned flags,
		     struct iov_fn_devs *out)
{
	unsigned i, first = out->nnvme;
	int r;

	r = list_names(fndir, "nvme", "nvme", &out->nvme, &out->nnvme);
	for (i = first; i < out->nnvme && r == 0; i++) {
		char sub[300], **ns = NULL;
		unsigned nns = 0, j, subsys, nsid;

		snprintf(sub, sizeof(sub), "nvme/%.200s", out->nvme[i]);
		r = list_names(fndir, sub, "nvme", &ns, &nns);
		for (j = 0; j < nns; j++) {
			struct iov_fn_disk *d = NULL;

			if (iov_nvme_path_name(ns[j], &subsys, NULL, &nsid)) {
				char head[32];

				snprintf(head, sizeof(head), "nvme%un%u", subsys, nsid);
				d = add_disk(out, head);
				if (d) {
					snprintf(d->path, sizeof(d->path), "%.63s", ns[j]);
					d->npaths = flags & IOV_FNDEVS_PATHS ?
						    count_paths(ctx, subsys, nsid) : -1;
				}
			} else if (iov_nvme_ns_name(ns[j], NULL, NULL)) {
				d = add_disk(out, ns[j]);
			}
			if (d)
				snprintf(d->ctrl, sizeof(d->ctrl), "%.31s", out->nvme[i]);
			free(ns[j]);
		}
		free(ns);
	}
	return r;
}

static bool is_dir(const char *dir, const struct dirent *de)
{
	char path[PATH_MAX];
	struct stat st;

	if (de->d_type != DT_UNKNOWN)
		return de->d_type == DT_DIR;	/* symlinks (driver, virtfnN) lead elsewhere */
	return snprintf(path, sizeof(path), "%s/%s", dir, de->d_name) < (int)sizeof(path) &&
	       lstat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/*
 * Whole disks anywhere below dir (a SCSI or ATA host's disks sit under
 * hostN/targetN/N:N:N:N/block/sdX): a directory named in a "block"
 * directory that has a dev attribute. NVMe is read_nvme()'s.
 */
static void walk_disks(const char *dir, const char *name, const char *parent, int depth,
		       struct iov_fn_devs *out)
{
	char path[PATH_MAX];
	struct dirent *de;
	struct stat st;
	DIR *d;

	if (depth > MAX_WALK_DEPTH || out->ndisk >= MAX_DISKS)
		return;
	if (depth > 0 && strcmp(parent, "block") == 0 &&
	    snprintf(path, sizeof(path), "%s/dev", dir) < (int)sizeof(path) && stat(path, &st) == 0) {
		add_disk(out, name);
		return;
	}
	if (depth == 1 && strcmp(name, "nvme") == 0)
		return;
	d = opendir(dir);
	if (!d)
		return;
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.' || !is_dir(dir, de) ||
		    snprintf(path, sizeof(path), "%s/%s", dir, de->d_name) >= (int)sizeof(path))
			continue;
		walk_disks(path, de->d_name, name, depth + 1, out);
	}
	closedir(d);
}

static int cmp_disk(const void *a, const void *b)
{
	const struct iov_fn_disk *x = a, *y = b;
	int c = strcmp(x->name, y->name);

	return c ? c : strcmp(x->path, y->path);
}

int iov_fn_devs_read_dir(struct iov_ctx *ctx, const char *fndir, const struct iov_fn_hint *hint,
			 unsigned flags, struct iov_fn_devs *out)
{
	char sub[300];
	unsigned i;
	int r = 0;

	memset(out, 0, sizeof(*out));
	if (hint->net)
		r = list_names(fndir, "net", NULL, &out->net, &out->nnet);
	for (i = 0; i < hint->nvirtio && r == 0; i++) {
		snprintf(sub, sizeof(sub), "%.200s/net", hint->virtio[i]);
		r = list_names(fndir, sub, NULL, &out->net, &out->nnet);
	}
	if (r == 0 && hint->nvme)
		r = read_nvme(ctx, fndir, flags, out);
	if (r == 0 && (flags & IOV_FNDEVS_DEEP)) {
		walk_disks(fndir, "", "", 0, out);
	} else if (r == 0) {
		char **v = NULL;
		unsigned n = 0, j;

		if (hint->block)
			r = list_names(fndir, "block", NULL, &v, &n);
		for (i = 0; i < hint->nvirtio && r == 0; i++) {
			snprintf(sub, sizeof(sub), "%.200s/block", hint->virtio[i]);
			r = list_names(fndir, sub, NULL, &v, &n);
		}
		for (j = 0; j < n; j++) {
			if (r == 0 && !add_disk(out, v[j]))
				r = -ENOMEM;
			free(v[j]);
		}
		free(v);
	}
	if (r < 0) {
		iov_fn_devs_free(out);
		return r;
	}
	if (out->ndisk > 1)
		qsort(out->disk, out->ndisk, sizeof(*out->disk), cmp_disk);
	return 0;
}

int iov_fn_devs_read(struct iov_ctx *ctx, const char *addr, unsigned flags, struct iov_fn_devs *out)
{
	struct iov_fn_hint hint = { 0 };
	char dir[PATH_MAX], canon[IOV_BDF_STRLEN];
	struct dirent *de;
	struct iov_bdf b;
	DIR *d;
	int r;

	memset(out, 0, sizeof(*out));
	if (iov_bdf_parse(addr, &b) < 0)
		return -EINVAL;
	iov_bdf_format(&b, canon);
	r = iov_sysfs_path(ctx, dir, sizeof(dir), "bus/pci/devices/%s", canon);
	if (r < 0)
		return r;
	d = opendir(dir);
	if (!d)
		return -errno;
	while ((de = readdir(d)) && r == 0) {
		if (strcmp(de->d_name, "net") == 0)
			hint.net = true;
		else if (strcmp(de->d_name, "block") == 0)
			hint.block = true;
		else if (strcmp(de->d_name, "nvme") == 0)
			hint.nvme = true;
		else if (strncmp(de->d_name, "virtio", 6) == 0)
			r = add_name(&hint.virtio, &hint.nvirtio, de->d_name);
	}
	closedir(d);
	if (r == 0)
		r = iov_fn_devs_read_dir(ctx, dir, &hint, flags, out);
	while (hint.nvirtio)
		free(hint.virtio[--hint.nvirtio]);
	free(hint.virtio);
	return r;
}

void iov_fn_devs_free(struct iov_fn_devs *d)
{
	unsigned i;

	for (i = 0; i < d->nnet; i++)
		free(d->net[i]);
	for (i = 0; i < d->nnvme; i++)
		free(d->nvme[i]);
	free(d->net);
	free(d->nvme);
	free(d->disk);
	memset(d, 0, sizeof(*d));
}
