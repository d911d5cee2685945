// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Bench targets: resolve paths, PCI functions and VFs to block devices
 * through sysfs (under the injectable root), and find out whether writing
 * to one would destroy something (mounts, holders, blkid signatures).
 */
#include "config.h"

#include "iov-bench.h"
#include "iov-private.h"
#include "iov-topology.h"

#include <blkid.h>
#include <libmount.h>
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

/* The last PCI function on the sysfs path of block device blk, in list. */
static const struct iov_dev *pci_parent(struct iov_ctx *ctx, const struct iov_devlist *list,
					const char *blk)
{
	char path[PATH_MAX], real[PATH_MAX], *p, *save = NULL;
	struct iov_bdf b, last;
	bool found = false;

	if (!list || iov_sysfs_path(ctx, path, sizeof(path), "class/block/%s", blk) < 0 ||
	    !realpath(path, real))
		return NULL;
	for (p = strtok_r(real, "/", &save); p; p = strtok_r(NULL, "/", &save))
		if (iov_bdf_canonical(p, NULL) && iov_bdf_parse(p, &b) == 0) {
			last = b;
			found = true;
		}
	return found ? iov_devlist_find(list, &last) : NULL;
}

/* Fill a block-device target from sysfs, given its kernel name. */
static int fill_block(struct iov_ctx *ctx, const char *blk, struct iov_bench_target *t)
{
	char buf[64];
	long long v;
	unsigned maj, min;
	int r;

	t->kind = IOV_TARGET_BLOCK;
	snprintf(t->blk, sizeof(t->blk), "%s", blk);
	r = iov_sysfs_read_str(ctx, buf, sizeof(buf), "class/block/%s/dev", blk);
	if (r < 0)
		return r;
	if (sscanf(buf, "%u:%u", &maj, &min) != 2)
		return -EINVAL;
	t->major = maj;
	t->minor = min;
	if (iov_sysfs_read_int(ctx, &v, "class/block/%s/size", blk) == 0 && v >= 0)
		t->size = (uint64_t)v * 512;
	t->dio_align = 512;
	if (iov_sysfs_read_int(ctx, &v, "class/block/%s/queue/logical_block_size", blk) < 0 &&
	    iov_sysfs_read_int(ctx, &v, "class/block/%s/../queue/logical_block_size", blk) < 0)
		v = 512;
	if (v > 0)
		t->dio_align = (uint32_t)v;
	if (iov_sysfs_read_int(ctx, &v, "class/block/%s/queue/io_poll", blk) == 0)
		t->io_poll = v == 1;
	return 0;
}

/* A disk with no PCI function: its driver from its name (loop0 -> loop, zram0 -> zram). */
static void name_disk_driver(struct iov_bench_target *t)
{
	size_t n = strcspn(t->blk, "0123456789");

	if (!t->dev && t->blk[0])
		snprintf(t->disk_driver, sizeof(t->disk_driver), "%.*s", (int)n, t->blk);
}

static int fill_file(struct iov_ctx *ctx, const struct iov_devlist *list, const char *path,
		     const struct stat *st, struct iov_bench_target *t)
{
	char blk[64];
	struct statx sx;

	t->kind = IOV_TARGET_FILE;
	t->size = (uint64_t)st->st_size;
	t->major = major(st->st_dev);
	t->minor = minor(st->st_dev);
	t->ino = (uint64_t)st->st_ino;
	t->dio_align = 512;
	if (statx(AT_FDCWD, path, 0, STATX_DIOALIGN, &sx) == 0 && (sx.stx_mask & STATX_DIOALIGN) &&
	    sx.stx_dio_offset_align)
		t->dio_align = sx.stx_dio_offset_align;
	/* placement follows the disk the file lives on, when there is one */
	if (iov_sysfs_read_link_name(ctx, blk, sizeof(blk), "dev/block/%u:%u", t->major,
				     t->minor) == 0)
		t->dev = pci_parent(ctx, list, blk);
	return 0;
}

static int resolve_path(struct iov_ctx *ctx, const struct iov_devlist *list, const char *spec,
			uint64_t create_size, struct iov_bench_target *t)
{
	struct stat st;
	char blk[64];
	int r;

	snprintf(t->name, sizeof(t->name), "%s", spec);
	snprintf(t->path, sizeof(t->path), "%s", spec);
	if (stat(spec, &st) < 0) {
		int fd;

		r = -errno;
		if (r != -ENOENT || !create_size || strncmp(spec, "/dev/", 5) == 0)
			return r;
		fd = open(spec, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
		if (fd < 0)
			return -errno;
		r = ftruncate(fd, (off_t)create_size) < 0 ? -errno : 0;
		close(fd);
		if (r < 0 || stat(spec, &st) < 0)
			return r < 0 ? r : -errno;
	}
	if (S_ISREG(st.st_mode))
		return fill_file(ctx, list, spec, &st, t);
	if (!S_ISBLK(st.st_mode))
		return -ENOTBLK;
	r = iov_sysfs_read_link_name(ctx, blk, sizeof(blk), "dev/block/%u:%u",
				     major(st.st_rdev), minor(st.st_rdev));
	if (r < 0)
		return r;
	r = fill_block(ctx, blk, t);
	t->dev = pci_parent(ctx, list, blk);
	name_disk_driver(t);
	return r;
}

/*
 * The disks of function d as targets. A multipath path is reached through
 * its head when it is the head's only path: then I/O to the head is I/O to
 * this function; a head of several paths is no target.
 */
static int resolve_pci(struct iov_ctx *ctx, const struct iov_dev *d,
		       struct iov_bench_target **out, size_t *nout)
{
	struct iov_bench_target *t;
	struct iov_fn_devs fd;
	size_t k = 0;
	unsigned i;
	int r;

	r = iov_fn_devs_read(ctx, d->addr, IOV_FNDEVS_DEEP | IOV_FNDEVS_PATHS, &fd);
	if (r < 0)
		return r;
	t = calloc(fd.ndisk ? fd.ndisk : 1, sizeof(*t));
	if (!t) {
		iov_fn_devs_free(&fd);
		return -ENOMEM;
	}
	for (i = 0; i < fd.ndisk; i++) {
		const struct iov_fn_disk *dk = &fd.disk[i];

		if ((dk->path[0] && dk->npaths != 1) || fill_block(ctx, dk->name, &t[k]) < 0)
			continue;
		snprintf(t[k].name, sizeof(t[k].name), "%s/%s", d->addr, dk->name);
		snprintf(t[k].path, sizeof(t[k].path), "/dev/%s", dk->name);
		/* the disk sits under this function whatever is above it */
		t[k].dev = d;
		if (dk->path[0]) {
			snprintf(t[k].nvme_ctrl, sizeof(t[k].nvme_ctrl), "%s", dk->ctrl);
			snprintf(t[k].nvme_path, sizeof(t[k].nvme_path), "%s", dk->path);
		}
		k++;
	}
	iov_fn_devs_free(&fd);
	if (!k) {
		free(t);
		return -ENODEV;
	}
	*out = t;
	*nout = k;
	return 0;
}

/* "0000:3b:00.2", "3b:00.2" or "PF/vfN": the function in list; 0, -EINVAL or -ENOENT. */
int iov_bench_find_function(struct iov_ctx *ctx, const struct iov_devlist *list, const char *spec,
			    const struct iov_dev **out)
{
	struct iov_bdf b;
	int r;

	*out = NULL;
	/* the one parser of addresses and PF/vfN */
	r = iov_function_resolve(ctx, spec, &b);
	if (r < 0)
		return r == -ENODEV ? -ENOENT : r;
	*out = list ? iov_devlist_find(list, &b) : NULL;
	return *out ? 0 : -ENOENT;
}

int iov_bench_resolve(struct iov_ctx *ctx, const struct iov_devlist *list, const char *spec,
		      uint64_t create_size, struct iov_bench_target **out, size_t *n)
{
	struct iov_bench_target *t;
	const struct iov_dev *d;
	int r;

	*out = NULL;
	*n = 0;
	/* a colon and no slash: an address, never a file (that is ./NAME) */
	if (iov_addr_shaped(spec) ||
	    (strstr(spec, "/vf") && spec[0] != '/' && spec[0] != '.')) {
		r = iov_bench_find_function(ctx, list, spec, &d);
		if (r == 0)
			return resolve_pci(ctx, d, out, n);
		if (r != -EINVAL || iov_addr_shaped(spec))
			return r;
	}
	t = calloc(1, sizeof(*t));
	if (!t)
		return -ENOMEM;
	r = resolve_path(ctx, list, spec, create_size, t);
	if (r < 0) {
		free(t);
		return r;
	}
	*out = t;
	*n = 1;
	return 0;
}

int iov_bench_resolve_all_vfs(struct iov_ctx *ctx, const struct iov_devlist *list, const char *pf,
			      struct iov_bench_target **out, size_t *n)
{
	struct iov_bench_target *all = NULL, *t, *tmp;
	const struct iov_dev *d;
	size_t nall = 0, nt;
	unsigned i, nvf = 0;
	int r;

	*out = NULL;
	*n = 0;
	if (strchr(pf, '/'))
		return -EINVAL;
	r = iov_bench_find_function(ctx, list, pf, &d);
	if (r < 0)
		return r;
	for (i = 0; i < d->nvfs; i++) {
		if (!d->vfs[i])
			continue;
		nvf++;
		r = resolve_pci(ctx, d->vfs[i], &t, &nt);
		if (r == -ENODEV)
			continue;	/* a VF with no disk (unbound, not storage) */
		if (r < 0) {
			free(all);
			return r;
		}
		tmp = realloc(all, (nall + nt) * sizeof(*all));
		if (!tmp) {
			free(t);
			free(all);
			return -ENOMEM;
		}
		all = tmp;
		memcpy(all + nall, t, nt * sizeof(*t));
		nall += nt;
		free(t);
	}
	if (!nall)
		return nvf ? -ENODEV : -ENXIO;
	*out = all;
	*n = nall;
	return 0;
}

/* ---- link ceiling ------------------------------------------------------------ */

static void fill_link(const struct iov_topo *topo, struct iov_bench_target *t)
{
	const struct iov_topo_node *n = t->dev ? iov_topo_find(topo, t->dev) : NULL;

	/* the same number topology prints: a VF shares its PF's path */
	if (!n || n->bottleneck_gbps <= 0 || !n->bottleneck_at)
		return;
	t->link_gbps = n->bottleneck_gbps;
	t->link_gts = n->bottleneck_at->link.speed_gts;
	t->link_width = n->bottleneck_at->link.width;
	snprintf(t->link_at, sizeof(t->link_at), "%s", n->bottleneck_at->name);
}

int iov_bench_link_ceilings(const struct iov_devlist *list, struct iov_bench_target *t, size_t n)
{
	struct iov_topo *topo = NULL;
	bool any = false;
	size_t i;
	int r;

	for (i = 0; i < n; i++)
		any |= t[i].dev != NULL;
	if (!any || !list)
		return 0;
	r = iov_topo_build(list, &topo);
	if (r == 0)
		for (i = 0; i < n; i++)
			fill_link(topo, &t[i]);
	iov_topo_free(topo);
	return r;
}

/* ---- safety ------------------------------------------------------------------ */

struct devnum {
	unsigned major, minor;
	char name[64];
};

/* The disk and its partitions. */
static size_t disk_and_parts(struct iov_ctx *ctx, const struct iov_bench_target *t,
			     struct devnum *dn, size_t max)
{
	char dir[PATH_MAX], buf[64];
	struct dirent *de;
	size_t n = 0;
	DIR *d;

	dn[n].major = t->major;
	dn[n].minor = t->minor;
	snprintf(dn[n].name, sizeof(dn[n].name), "%s", t->blk);
	n++;
	if (iov_sysfs_path(ctx, dir, sizeof(dir), "class/block/%s", t->blk) < 0)
		return n;
	d = opendir(dir);
	if (!d)
		return n;
	while ((de = readdir(d)) && n < max) {
		long long v;

		if (de->d_name[0] == '.' ||
		    iov_sysfs_read_int(ctx, &v, "class/block/%s/%s/partition", t->blk, de->d_name) < 0 ||
		    iov_sysfs_read_str(ctx, buf, sizeof(buf), "class/block/%s/%s/dev", t->blk,
				       de->d_name) < 0 ||
		    sscanf(buf, "%u:%u", &dn[n].major, &dn[n].minor) != 2)
			continue;
		snprintf(dn[n].name, sizeof(dn[n].name), "%.63s", de->d_name);
		n++;
	}
	closedir(d);
	return n;
}

/* The mount table through libmount: mountinfo's escapes and optional fields are its job. */
static void check_mounts(struct iov_ctx *ctx, const struct devnum *dn, size_t n,
			 struct iov_bench_safety *s)
{
	struct libmnt_table *tb;
	struct libmnt_iter *it;
	struct libmnt_fs *fs;
	char path[PATH_MAX];

	if (iov_proc_path(ctx, path, sizeof(path), "self/mountinfo") < 0)
		return;
	tb = mnt_new_table_from_file(path);
	it = mnt_new_iter(MNT_ITER_FORWARD);
	while (tb && it && mnt_table_next_fs(tb, it, &fs) == 0) {
		dev_t dev = mnt_fs_get_devno(fs);
		const char *target = mnt_fs_get_target(fs);
		size_t i;

		for (i = 0; i < n && target; i++)
			if (dn[i].major == major(dev) && dn[i].minor == minor(dev)) {
				snprintf(s->mounted, sizeof(s->mounted), "%s", target);
				snprintf(s->mounted_dev, sizeof(s->mounted_dev), "%s", dn[i].name);
				goto out;
			}
	}
out:
	mnt_free_iter(it);
	mnt_unref_table(tb);
}

static void check_holders(struct iov_ctx *ctx, const struct iov_bench_target *t,
			  const struct devnum *dn, size_t n, struct iov_bench_safety *s)
{
	char dir[PATH_MAX];
	struct dirent *de;
	size_t i;
	DIR *d;

	for (i = 0; i < n && !s->holder[0]; i++) {
		int r = i == 0 ? iov_sysfs_path(ctx, dir, sizeof(dir), "class/block/%s/holders",
						t->blk) :
				 iov_sysfs_path(ctx, dir, sizeof(dir), "class/block/%s/%s/holders",
						t->blk, dn[i].name);

		if (r < 0 || !(d = opendir(dir)))
			continue;
		while ((de = readdir(d)))
			if (de->d_name[0] != '.') {
				snprintf(s->holder, sizeof(s->holder), "%.63s", de->d_name);
				break;
			}
		closedir(d);
	}
}

static void check_signature(const struct iov_bench_target *t, struct iov_bench_safety *s)
{
	const char *v = NULL;
	blkid_probe pr;
	int r;

	pr = blkid_new_probe_from_filename(t->path);
	if (!pr)
		return;
	blkid_probe_enable_superblocks(pr, 1);
	blkid_probe_set_superblocks_flags(pr, BLKID_SUBLKS_TYPE | BLKID_SUBLKS_USAGE);
	blkid_probe_enable_partitions(pr, 1);
	blkid_probe_set_partitions_flags(pr, BLKID_PARTS_MAGIC);
	r = blkid_do_safeprobe(pr);
	if (r == -2) {
		snprintf(s->sig_type, sizeof(s->sig_type), "ambivalent");
		snprintf(s->sig_usage, sizeof(s->sig_usage), "several signatures");
	} else if (r == 0) {
		if (blkid_probe_lookup_value(pr, "TYPE", &v, NULL) == 0 && v) {
			snprintf(s->sig_type, sizeof(s->sig_type), "%s", v);
			if (blkid_probe_lookup_value(pr, "USAGE", &v, NULL) == 0 && v)
				snprintf(s->sig_usage, sizeof(s->sig_usage), "%s", v);
			else
				snprintf(s->sig_usage, sizeof(s->sig_usage), "signature");
		} else if (blkid_probe_lookup_value(pr, "PTTYPE", &v, NULL) == 0 && v) {
			snprintf(s->sig_type, sizeof(s->sig_type), "%s", v);
			snprintf(s->sig_usage, sizeof(s->sig_usage), "partition table");
		}
	}
	blkid_free_probe(pr);
}

int iov_bench_target_safety(struct iov_ctx *ctx, const struct iov_bench_target *t,
			    struct iov_bench_safety *s)
{
	struct devnum dn[128];
	size_t n;

	memset(s, 0, sizeof(*s));
	if (t->kind != IOV_TARGET_BLOCK)
		return 0;
	n = disk_and_parts(ctx, t, dn, sizeof(dn) / sizeof(dn[0]));
	check_mounts(ctx, dn, n, s);
	check_holders(ctx, t, dn, n, s);
	if (iov_ctx_is_live(ctx))
		check_signature(t, s);
	return 0;
}
