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

#define MAX_WALK_DEPTH 6
#define MAX_DISKS 256

/* "0000:3b:00.2", "3b:00.2" or "10000:01:00.0" -> canonical; 0 or -EINVAL */
static int parse_bdf(const char *s, char *out, size_t len)
{
	char buf[IOV_BDF_STRLEN];
	struct iov_bdf b;

	if (iov_bdf_parse(s, &b) < 0)
		return -EINVAL;
	iov_bdf_format(&b, buf);
	snprintf(out, len, "%s", buf);
	return 0;
}

/* The last PCI function on the sysfs path of block device NAME. */
static void find_pci_parent(struct iov_ctx *ctx, const char *blk, char *bdf, size_t len)
{
	char path[PATH_MAX], real[PATH_MAX], *p, *save = NULL;

	bdf[0] = '\0';
	if (iov_sysfs_path(ctx, path, sizeof(path), "class/block/%s", blk) < 0 ||
	    !realpath(path, real))
		return;
	for (p = strtok_r(real, "/", &save); p; p = strtok_r(NULL, "/", &save))
		if (iov_bdf_canonical(p, NULL))
			snprintf(bdf, len, "%s", p);
}

static void fill_pci(struct iov_ctx *ctx, struct iov_bench_target *t)
{
	char name[64];
	long long v;
	int i;

	t->numa_node = -1;
	t->vf = -1;
	t->pf[0] = '\0';
	if (!t->bdf[0])
		return;
	if (iov_sysfs_read_int(ctx, &v, "bus/pci/devices/%s/numa_node", t->bdf) == 0 && v >= 0)
		t->numa_node = (int)v;
	if (iov_sysfs_read_link_name(ctx, name, sizeof(name), "bus/pci/devices/%s/driver",
				     t->bdf) == 0)
		snprintf(t->driver, sizeof(t->driver), "%.31s", name);
	if (iov_sysfs_read_link_name(ctx, t->pf, sizeof(t->pf), "bus/pci/devices/%s/physfn",
				     t->bdf) < 0) {
		t->pf[0] = '\0';
		return;
	}
	for (i = 0; i < 4096; i++) {
		if (iov_sysfs_read_link_name(ctx, name, sizeof(name), "bus/pci/devices/%s/virtfn%d",
					     t->pf, i) < 0)
			break;
		if (strcmp(name, t->bdf) == 0) {
			t->vf = i;
			break;
		}
	}
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
	find_pci_parent(ctx, blk, t->bdf, sizeof(t->bdf));
	fill_pci(ctx, t);
	if (!t->driver[0]) {
		/* virtual disks: loop0 -> loop, zram0 -> zram, nullb0 -> nullb */
		size_t n = strcspn(blk, "0123456789");

		snprintf(t->driver, sizeof(t->driver), "%.*s", (int)n, blk);
	}
	return 0;
}

static int fill_file(struct iov_ctx *ctx, const char *path, const struct stat *st,
		     struct iov_bench_target *t)
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
		find_pci_parent(ctx, blk, t->bdf, sizeof(t->bdf));
	fill_pci(ctx, t);
	return 0;
}

static int resolve_path(struct iov_ctx *ctx, const char *spec, uint64_t create_size,
			struct iov_bench_target *t)
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
		return fill_file(ctx, spec, &st, t);
	if (!S_ISBLK(st.st_mode))
		return -ENOTBLK;
	r = iov_sysfs_read_link_name(ctx, blk, sizeof(blk), "dev/block/%u:%u",
				     major(st.st_rdev), minor(st.st_rdev));
	if (r < 0)
		return r;
	return fill_block(ctx, blk, t);
}

static bool is_nvme_ns(const char *s)
{
	unsigned a, b;
	int n = 0;

	/* nvme0n1, not the multipath path device nvme0c0n1 nor a partition */
	return sscanf(s, "nvme%un%u%n", &a, &b, &n) == 2 && !s[n];
}

static bool is_nvme_path(const char *s, unsigned *subsys, unsigned *nsid)
{
	unsigned c;
	int n = 0;

	return sscanf(s, "nvme%uc%un%u%n", subsys, &c, nsid, &n) == 3 && !s[n];
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Collect whole-disk block devices below dir (a real directory tree). */
static void walk_disks(const char *dir, const char *name, const char *parent, int depth,
		       char **found, size_t *n)
{
	char path[PATH_MAX];
	struct dirent *de;
	struct stat st;
	DIR *d;

	if (depth > MAX_WALK_DEPTH || *n >= MAX_DISKS)
		return;
	if ((strcmp(parent, "block") == 0 || is_nvme_ns(name)) && depth > 0) {
		if (snprintf(path, sizeof(path), "%s/dev", dir) < (int)sizeof(path) &&
		    stat(path, &st) == 0) {
			found[(*n)++] = strdup(name);
			return;
		}
	}
	d = opendir(dir);
	if (!d)
		return;
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		if (de->d_type == DT_UNKNOWN) {
			if (snprintf(path, sizeof(path), "%s/%s", dir, de->d_name) >= (int)sizeof(path) ||
			    lstat(path, &st) < 0 || !S_ISDIR(st.st_mode))
				continue;
		} else if (de->d_type != DT_DIR) {
			continue;	/* symlinks (driver, subsystem, virtfnN) lead elsewhere */
		}
		if (snprintf(path, sizeof(path), "%s/%s", dir, de->d_name) >= (int)sizeof(path))
			continue;
		walk_disks(path, de->d_name, name, depth + 1, found, n);
	}
	closedir(d);
}

/* How many paths head nvme<subsys>n<nsid> has: nvme<subsys>c*n<nsid> disks. */
static unsigned count_paths(struct iov_ctx *ctx, unsigned subsys, unsigned nsid)
{
	char dir[PATH_MAX];
	struct dirent *de;
	unsigned n = 0, s, ns;
	DIR *d;

	if (iov_sysfs_path(ctx, dir, sizeof(dir), "class/block") < 0 || !(d = opendir(dir)))
		return 0;
	while ((de = readdir(d)))
		if (is_nvme_path(de->d_name, &s, &ns) && s == subsys && ns == nsid)
			n++;
	closedir(d);
	return n;
}

int iov_bench_nvme_paths(struct iov_ctx *ctx, const char *bdf, struct iov_bench_nvme_path *out,
			 size_t max)
{
	char dir[PATH_MAX], cdir[PATH_MAX], canon[IOV_BDF_STRLEN];
	struct dirent *c, *p;
	DIR *dc, *dp;
	size_t n = 0;

	if (parse_bdf(bdf, canon, sizeof(canon)) < 0 ||
	    iov_sysfs_path(ctx, dir, sizeof(dir), "bus/pci/devices/%s/nvme", canon) < 0)
		return -EINVAL;
	dc = opendir(dir);
	if (!dc)
		return 0;
	while ((c = readdir(dc)) && n < max) {
		if (strncmp(c->d_name, "nvme", 4) || snprintf(cdir, sizeof(cdir), "%s/%s", dir,
							       c->d_name) >= (int)sizeof(cdir))
			continue;
		dp = opendir(cdir);
		if (!dp)
			continue;
		while ((p = readdir(dp)) && n < max) {
			unsigned subsys, nsid;

			if (!is_nvme_path(p->d_name, &subsys, &nsid))
				continue;
			snprintf(out[n].ctrl, sizeof(out[n].ctrl), "%.31s", c->d_name);
			snprintf(out[n].path, sizeof(out[n].path), "%.63s", p->d_name);
			snprintf(out[n].head, sizeof(out[n].head), "nvme%un%u", subsys, nsid);
			out[n].npaths = count_paths(ctx, subsys, nsid);
			n++;
		}
		closedir(dp);
	}
	closedir(dc);
	return (int)n;
}

/*
 * A function whose controller is one path of a multipath head: when it is
 * the head's only path, I/O to the head is I/O to this function.
 */
static int resolve_single_paths(struct iov_ctx *ctx, const char *bdf,
				struct iov_bench_target **out, size_t *nout)
{
	struct iov_bench_nvme_path p[16];
	struct iov_bench_target *t;
	int np = iov_bench_nvme_paths(ctx, bdf, p, 16), i;
	size_t k = 0;

	if (np <= 0)
		return -ENODEV;
	t = calloc((size_t)np, sizeof(*t));
	if (!t)
		return -ENOMEM;
	for (i = 0; i < np; i++) {
		if (p[i].npaths != 1 || fill_block(ctx, p[i].head, &t[k]) < 0)
			continue;
		snprintf(t[k].name, sizeof(t[k].name), "%s/%.63s", bdf, p[i].head);
		snprintf(t[k].path, sizeof(t[k].path), "/dev/%.63s", p[i].head);
		snprintf(t[k].bdf, sizeof(t[k].bdf), "%s", bdf);
		snprintf(t[k].nvme_ctrl, sizeof(t[k].nvme_ctrl), "%.31s", p[i].ctrl);
		snprintf(t[k].nvme_path, sizeof(t[k].nvme_path), "%.63s", p[i].path);
		t[k].driver[0] = '\0';
		fill_pci(ctx, &t[k]);
		k++;
	}
	if (!k) {
		free(t);
		return -ENODEV;
	}
	*out = t;
	*nout = k;
	return 0;
}

static int resolve_pci(struct iov_ctx *ctx, const char *bdf, struct iov_bench_target **out,
		       size_t *nout)
{
	char dir[PATH_MAX], *found[MAX_DISKS];
	struct iov_bench_target *t;
	struct stat st;
	size_t n = 0, i, k = 0;
	int r = 0;

	r = iov_sysfs_path(ctx, dir, sizeof(dir), "bus/pci/devices/%s", bdf);
	if (r < 0)
		return r;
	if (stat(dir, &st) < 0)
		return -ENOENT;
	walk_disks(dir, bdf, "", 0, found, &n);
	if (!n)
		return resolve_single_paths(ctx, bdf, out, nout);
	qsort(found, n, sizeof(found[0]), cmp_name);
	t = calloc(n, sizeof(*t));
	if (!t) {
		r = -ENOMEM;
		goto out;
	}
	for (i = 0; i < n; i++) {
		if (!found[i])
			continue;
		if (fill_block(ctx, found[i], &t[k]) < 0)
			continue;
		snprintf(t[k].name, sizeof(t[k].name), "%s/%s", bdf, found[i]);
		snprintf(t[k].path, sizeof(t[k].path), "/dev/%s", found[i]);
		/* the disk sits under this function whatever the walk found above it */
		snprintf(t[k].bdf, sizeof(t[k].bdf), "%s", bdf);
		t[k].driver[0] = '\0';
		fill_pci(ctx, &t[k]);
		k++;
	}
	if (!k) {
		free(t);
		r = -ENODEV;
		goto out;
	}
	*out = t;
	*nout = k;
out:
	for (i = 0; i < n; i++)
		free(found[i]);
	return r;
}

/* "PF/vfN" -> the VF's BDF; -EINVAL when spec is no PF/vfN, -ENOENT when no such VF */
static int vf_bdf(struct iov_ctx *ctx, const char *spec, char *bdf, size_t len)
{
	struct iov_bdf b;
	int r;

	r = iov_function_resolve(ctx, spec, &b);
	if (r < 0)
		return r == -ENODEV ? -ENOENT : r;
	if (len < IOV_BDF_STRLEN)
		return -ENAMETOOLONG;
	iov_bdf_format(&b, bdf);
	return 0;
}

int iov_bench_resolve(struct iov_ctx *ctx, const char *spec, uint64_t create_size,
		      struct iov_bench_target **out, size_t *n)
{
	struct iov_bench_target *t;
	char bdf[IOV_BDF_STRLEN];
	int r;

	*out = NULL;
	*n = 0;
	/* a colon and no slash: an address, never a file (that is ./NAME) */
	if (iov_addr_shaped(spec)) {
		if (parse_bdf(spec, bdf, sizeof(bdf)) < 0)
			return -EINVAL;
		return resolve_pci(ctx, bdf, out, n);
	}
	if (iov_vf_ref_shaped(spec)) {
		r = vf_bdf(ctx, spec, bdf, sizeof(bdf));
		if (r == 0)
			return resolve_pci(ctx, bdf, out, n);
		if (r != -EINVAL)
			return r;
	}
	t = calloc(1, sizeof(*t));
	if (!t)
		return -ENOMEM;
	r = resolve_path(ctx, spec, create_size, t);
	if (r < 0) {
		free(t);
		return r;
	}
	*out = t;
	*n = 1;
	return 0;
}

int iov_bench_resolve_all_vfs(struct iov_ctx *ctx, const char *pf,
			      struct iov_bench_target **out, size_t *n)
{
	struct iov_bench_target *all = NULL, *t, *tmp;
	char pfbdf[IOV_BDF_STRLEN], vf[IOV_BDF_STRLEN];
	size_t nall = 0, nt;
	int i, r, nvf = 0;

	*out = NULL;
	*n = 0;
	if (parse_bdf(pf, pfbdf, sizeof(pfbdf)) < 0)
		return -EINVAL;
	if (iov_sysfs_read_str(ctx, vf, sizeof(vf), "bus/pci/devices/%s/vendor", pfbdf) < 0)
		return -ENOENT;
	for (i = 0; i < 4096; i++) {
		if (iov_sysfs_read_link_name(ctx, vf, sizeof(vf), "bus/pci/devices/%s/virtfn%d",
					     pfbdf, i) < 0)
			break;
		nvf++;
		r = resolve_pci(ctx, vf, &t, &nt);
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
	const struct iov_topo_node *n;
	struct iov_dev *d;
	struct iov_bdf b;

	if (!t->bdf[0] || iov_bdf_parse(t->bdf, &b) < 0)
		return;
	d = iov_devlist_find(topo->list, &b);
	n = d ? iov_topo_find(topo, d) : NULL;
	/* the same number topology prints: a VF shares its PF's path */
	if (!n || n->bottleneck_gbps <= 0 || !n->bottleneck_at)
		return;
	t->link_gbps = n->bottleneck_gbps;
	t->link_gts = n->bottleneck_at->link.speed_gts;
	t->link_width = n->bottleneck_at->link.width;
	snprintf(t->link_at, sizeof(t->link_at), "%s", n->bottleneck_at->name);
}

int iov_bench_link_ceilings(struct iov_ctx *ctx, struct iov_bench_target *t, size_t n)
{
	struct iov_devlist *list = NULL;
	struct iov_topo *topo = NULL;
	bool any = false;
	size_t i;
	int r;

	for (i = 0; i < n; i++)
		any |= t[i].bdf[0] != '\0';
	if (!any)
		return 0;
	r = iov_scan(ctx, IOV_SCAN_BRIEF, &list);
	if (r == 0)
		r = iov_topo_build(list, &topo);
	if (r == 0)
		for (i = 0; i < n; i++)
			fill_link(topo, &t[i]);
	iov_topo_free(topo);
	iov_devlist_free(list);
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

static void check_mounts(struct iov_ctx *ctx, const struct devnum *dn, size_t n,
			 struct iov_bench_safety *s)
{
	char path[PATH_MAX], line[4096];
	FILE *f;

	if (iov_proc_path(ctx, path, sizeof(path), "self/mountinfo") < 0)
		return;
	f = fopen(path, "re");
	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		unsigned maj, min;
		char mnt[PATH_MAX];
		size_t i;

		/* "36 35 98:0 /mnt1 /mnt/parent rw ..." */
		if (sscanf(line, "%*u %*u %u:%u %*s %4095s", &maj, &min, mnt) != 3)
			continue;
		for (i = 0; i < n; i++)
			if (dn[i].major == maj && dn[i].minor == min) {
				snprintf(s->mounted, sizeof(s->mounted), "%s", mnt);
				snprintf(s->mounted_dev, sizeof(s->mounted_dev), "%s", dn[i].name);
				fclose(f);
				return;
			}
	}
	fclose(f);
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
