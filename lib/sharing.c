// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * How this host shares a function with other hosts: a non-transparent
 * bridge (class 0x0680, its NTB device on the ntb bus) or a partitioned
 * Switchtec switch (class/switchtec/<name>/partition_count above 1). Both
 * are found by resolving sysfs links under the injectable root.
 */
#include "iov-private.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool iov_dev_is_ntb(const struct iov_dev *d)
{
	return (d->class_code >> 8) == 0x0680;
}

/* realpath of a path under the root, or -errno */
static int real_under(struct iov_ctx *ctx, const char *rel, char *buf)
{
	char path[PATH_MAX];
	int r = iov_sysfs_path(ctx, path, sizeof(path), "%s", rel);

	if (r < 0)
		return r;
	return realpath(path, buf) ? 0 : -errno;
}

/* parent directory of a resolved path, in place */
static void up(char *path)
{
	char *slash = strrchr(path, '/');

	if (slash)
		*slash = '\0';
}

/* bus/ntb/devices/<name> whose device directory sits below the function */
static void find_ntb(struct iov_ctx *ctx, const char *fn_real, struct iov_sharing *out)
{
	char path[PATH_MAX], rel[PATH_MAX + 32], real[PATH_MAX];
	struct dirent *de;
	DIR *dir;

	if (iov_sysfs_path(ctx, path, sizeof(path), "bus/ntb/devices") < 0)
		return;
	dir = opendir(path);
	if (!dir)
		return;
	while ((de = readdir(dir))) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(rel, sizeof(rel), "bus/ntb/devices/%s", de->d_name);
		if (real_under(ctx, rel, real) < 0)
			continue;
		up(real);
		/* a name too long to keep is no NTB device of ours */
		if (strcmp(real, fn_real) == 0 &&
		    (size_t)snprintf(out->ntb_dev, sizeof(out->ntb_dev), "%s", de->d_name) <
			    sizeof(out->ntb_dev))
			break;
		out->ntb_dev[0] = '\0';
	}
	closedir(dir);
}

/* class/switchtec/<name> whose 'device' is the function */
static void find_switchtec(struct iov_ctx *ctx, const char *fn_real, struct iov_sharing *out)
{
	char path[PATH_MAX], rel[PATH_MAX + 32], real[PATH_MAX];
	struct dirent *de;
	DIR *dir;

	if (iov_sysfs_path(ctx, path, sizeof(path), "class/switchtec") < 0)
		return;
	dir = opendir(path);
	if (!dir)
		return;
	while ((de = readdir(dir))) {
		long long v;

		if (de->d_name[0] == '.')
			continue;
		snprintf(rel, sizeof(rel), "class/switchtec/%s/device", de->d_name);
		if (real_under(ctx, rel, real) < 0 || strcmp(real, fn_real) != 0)
			continue;
		if ((size_t)snprintf(out->switchtec, sizeof(out->switchtec), "%s", de->d_name) >=
		    sizeof(out->switchtec)) {
			out->switchtec[0] = '\0';
			continue;
		}
		if (iov_sysfs_read_int(ctx, &v, "class/switchtec/%s/partition", de->d_name) == 0)
			out->partition = v;
		if (iov_sysfs_read_int(ctx, &v, "class/switchtec/%s/partition_count", de->d_name) == 0)
			out->partition_count = v;
		break;
	}
	closedir(dir);
}

int iov_sharing_read(struct iov_ctx *ctx, const struct iov_dev *d, struct iov_sharing *out)
{
	char rel[64], fn_real[PATH_MAX];
	int r;

	memset(out, 0, sizeof(*out));
	out->partition = out->partition_count = -1;
	out->ntb = iov_dev_is_ntb(d);
	out->hier_id = iov_caps_find(&d->caps, IOV_CAP_EXT, IOV_ECAP_ID_HIER_ID) != NULL;
	/* resolving the function's path is costly: only for what may be shared */
	if (!out->ntb && d->vendor != IOV_VENDOR_SWITCHTEC)
		return 0;
	snprintf(rel, sizeof(rel), "bus/pci/devices/%s", d->addr);
	r = real_under(ctx, rel, fn_real);
	if (r < 0)
		return r;
	if (out->ntb)
		find_ntb(ctx, fn_real, out);
	if (d->vendor == IOV_VENDOR_SWITCHTEC)
		find_switchtec(ctx, fn_real, out);
	return 0;
}

bool iov_sharing_shared(const struct iov_sharing *s)
{
	return s->ntb || s->partition_count > 1;
}
