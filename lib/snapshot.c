// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Capture the part of sysfs and procfs that iovctl reads into a directory
 * that replays it: DIR/sys (what /sys is) and DIR/proc (what /proc is).
 *
 * PCI function directories are copied without recursion (their attributes,
 * read with read(2) so that `config` holds what the kernel gives: 4096 bytes
 * as root, 64 otherwise), plus a few small subdirectories and the class
 * devices (net, block, nvme) that live below them. Symlinks are re-created as
 * relative links computed inside the snapshot; links that would lead out of
 * the root are left out. BAR/ROM mappings, action files and write-only or
 * unreadable attributes are not copied and are listed in the manifest.
 */
#include "iov-snapshot.h"
#include "iov-host.h"
#include "iov-private.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

/* copy_dir() flags */
enum {
	CD_FILES = 1 << 0,	/* regular files */
	CD_LINKS = 1 << 1,	/* symlinks */
	CD_RECURSE = 1 << 2,	/* subdirectories too (up to CD_MAX_DEPTH) */
};
#define CD_MAX_DEPTH 4

struct snap {
	const char *src;	/* the sysfs root, resolved */
	const char *area;	/* "sys" or "proc", for the manifest */
	char dst[PATH_MAX];	/* dest/sys */
	uint64_t max_bytes;
	struct iov_snapshot_stats st;
	FILE *manifest;
	char **pci_dirs;	/* PCI function dirs copied so far (relative) */
	size_t n_pci, cap_pci;
};

/* PCI function attributes that are mappings or actions, never read */
static const char *const skip_names[] = {
	"rom", "remove", "reset", "rescan", "bind", "unbind", "new_id", "remove_id",
};

/* ---- pure path helpers ------------------------------------------------------ */

/* Split a relative path into components in place; returns how many, or -1. */
static int split_path(char *s, char **comp, int max)
{
	int n = 0;
	char *save = NULL, *tok;

	for (tok = strtok_r(s, "/", &save); tok; tok = strtok_r(NULL, "/", &save)) {
		if (n == max)
			return -1;
		comp[n++] = tok;
	}
	return n;
}

#define MAX_COMP 256

static int join_path(char **comp, int n, const char *prefix, char *buf, size_t len)
{
	size_t used = 0;
	int i, m;

	buf[0] = '\0';
	if (prefix) {
		m = snprintf(buf, len, "%s", prefix);
		if (m < 0 || (size_t)m >= len)
			return -ENAMETOOLONG;
		used = m;
	}
	for (i = 0; i < n; i++) {
		m = snprintf(buf + used, len - used, "%s%s", used && buf[used - 1] != '/' ? "/" : "",
			     comp[i]);
		if (m < 0 || (size_t)m >= len - used)
			return -ENAMETOOLONG;
		used += m;
	}
	return 0;
}

int iov_snapshot_resolve(const char *link_dir, const char *target, char *buf, size_t len)
{
	char tmp[2 * PATH_MAX];
	char *in[MAX_COMP], *out[MAX_COMP];
	int n, i, k = 0, m;

	if (target[0] == '/' || link_dir[0] == '/')
		return -EXDEV;
	m = snprintf(tmp, sizeof(tmp), "%s/%s", link_dir, target);
	if (m < 0 || (size_t)m >= sizeof(tmp))
		return -ENAMETOOLONG;
	n = split_path(tmp, in, MAX_COMP);
	if (n < 0)
		return -ENAMETOOLONG;
	for (i = 0; i < n; i++) {
		if (strcmp(in[i], ".") == 0)
			continue;
		if (strcmp(in[i], "..") == 0) {
			if (k == 0)
				return -EXDEV;
			k--;
			continue;
		}
		out[k++] = in[i];
	}
	return join_path(out, k, NULL, buf, len);
}

int iov_snapshot_relative(const char *from_dir, const char *to, char *buf, size_t len)
{
	char a[PATH_MAX], b[PATH_MAX], up[PATH_MAX];
	char *fa[MAX_COMP], *fb[MAX_COMP];
	int na, nb, k = 0, i, r;
	size_t used = 0;

	if (strlen(from_dir) >= sizeof(a) || strlen(to) >= sizeof(b))
		return -ENAMETOOLONG;
	strcpy(a, from_dir);
	strcpy(b, to);
	na = split_path(a, fa, MAX_COMP);
	nb = split_path(b, fb, MAX_COMP);
	if (na < 0 || nb < 0)
		return -ENAMETOOLONG;
	while (k < na && k < nb && strcmp(fa[k], fb[k]) == 0)
		k++;
	up[0] = '\0';
	for (i = k; i < na; i++) {
		if (used + 4 > sizeof(up))
			return -ENAMETOOLONG;
		strcpy(up + used, "../");
		used += 3;
	}
	if (k == nb) {
		/* `to` is from_dir itself or one of its ancestors */
		if (used == 0)
			return snprintf(buf, len, ".") < (int)len ? 0 : -ENAMETOOLONG;
		up[used - 1] = '\0';
		if (strlen(up) >= len)
			return -ENAMETOOLONG;
		strcpy(buf, up);
		return 0;
	}
	r = join_path(fb + k, nb - k, up, buf, len);
	return r;
}

enum iov_snapshot_format iov_snapshot_format_of(const char *name)
{
	static const struct {
		const char *suffix;
		enum iov_snapshot_format fmt;
	} sfx[] = {
		{ ".tar.gz", IOV_SNAPSHOT_TAR_GZ }, { ".tgz", IOV_SNAPSHOT_TAR_GZ },
		{ ".tar.xz", IOV_SNAPSHOT_TAR_XZ }, { ".txz", IOV_SNAPSHOT_TAR_XZ },
		{ ".tar", IOV_SNAPSHOT_TAR },
	};
	/*
	 * Names of formats we do not write: a directory called "x.zip" would
	 * only mislead, so these are refused rather than taken as directories.
	 */
	static const char *const other[] = {
		".zip", ".zst", ".tzst", ".bz2", ".tbz", ".tbz2", ".lz4", ".lz", ".lzma",
		".lzo", ".7z", ".rar", ".cpio", ".gz", ".xz", ".Z", ".taz", ".tlz", ".tar.zst",
	};
	size_t n = strlen(name), i;

	for (i = 0; i < sizeof(sfx) / sizeof(sfx[0]); i++) {
		size_t m = strlen(sfx[i].suffix);

		if (n > m && strcmp(name + n - m, sfx[i].suffix) == 0)
			return sfx[i].fmt;
	}
	for (i = 0; i < sizeof(other) / sizeof(other[0]); i++) {
		size_t m = strlen(other[i]);

		if (n > m && strcasecmp(name + n - m, other[i]) == 0 && name[n - m - 1] != '/')
			return IOV_SNAPSHOT_UNSUPPORTED;
	}
	return IOV_SNAPSHOT_DIR;
}

/* ---- the copy ----------------------------------------------------------------- */

static void note(struct snap *s, const char *rel, const char *why)
{
	if (s->manifest)
		fprintf(s->manifest, "skipped\t%s/%s\t%s\n", s->area, rel, why);
}

/* snprintf into a path buffer: 0, or -ENAMETOOLONG when it does not fit */
static int __attribute__((format(printf, 3, 4))) pathf(char *buf, size_t len, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, len, fmt, ap);
	va_end(ap);
	return n < 0 || (size_t)n >= len ? -ENAMETOOLONG : 0;
}

static bool is_skip_name(const char *name)
{
	size_t i;

	/* resourceN and resourceN_wc map BARs; reading them is meaningless */
	if (strncmp(name, "resource", 8) == 0 && name[8] >= '0' && name[8] <= '9')
		return true;
	for (i = 0; i < sizeof(skip_names) / sizeof(skip_names[0]); i++)
		if (strcmp(name, skip_names[i]) == 0)
			return true;
	return false;
}

static int mkdirs(struct snap *s, const char *rel)
{
	char p[PATH_MAX];
	size_t base;
	char *c;

	if (pathf(p, sizeof(p), "%s/%s", s->dst, rel) < 0)
		return -ENAMETOOLONG;
	base = strlen(s->dst);
	for (c = p + base + 1;; c++) {
		if (*c != '/' && *c != '\0')
			continue;
		char save = *c;

		*c = '\0';
		if (mkdir(p, 0755) == 0)
			s->st.dirs++;
		else if (errno != EEXIST)
			return -errno;
		*c = save;
		if (!save)
			break;
	}
	return 0;
}

static int write_all(int fd, const char *buf, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, buf, n);

		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		buf += w;
		n -= w;
	}
	return 0;
}

/*
 * Read src with read(2) until EOF and write what it gave to dst.
 * A failure on the source side is a skip (returns 1), on ours an error.
 */
static int copy_data(struct snap *s, const char *src, const char *dst, const char *rel)
{
	char buf[65536];
	int in, out, r = 0;

	in = open(src, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (in < 0) {
		s->st.skipped_unreadable++;
		note(s, rel, strerror(errno));
		return 1;
	}
	out = open(dst, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (out < 0) {
		r = -errno;
		close(in);
		return r;
	}
	for (;;) {
		ssize_t n = read(in, buf, sizeof(buf));

		if (n < 0) {
			if (errno == EINTR)
				continue;
			/* unreadable attribute (EIO, EINVAL, ENODEV...): drop the copy */
			s->st.skipped_unreadable++;
			note(s, rel, strerror(errno));
			close(out);
			unlink(dst);
			r = 1;
			goto out;
		}
		if (n == 0)
			break;
		if (s->st.bytes + n > s->max_bytes) {
			r = -EFBIG;
			break;
		}
		s->st.bytes += n;
		r = write_all(out, buf, n);
		if (r < 0)
			break;
	}
	if (close(out) < 0 && r == 0)
		r = -errno;
	if (r == 0)
		s->st.files++;
out:
	close(in);
	return r;
}

static int copy_file(struct snap *s, const char *rel, const struct stat *st)
{
	char src[PATH_MAX], dst[PATH_MAX];
	const char *name = strrchr(rel, '/');
	int n;

	name = name ? name + 1 : rel;
	if (is_skip_name(name)) {
		s->st.skipped_action++;
		note(s, rel, "mapping or action, not read");
		return 0;
	}
	if (!(st->st_mode & 0444)) {
		s->st.skipped_wronly++;
		note(s, rel, "write-only");
		return 0;
	}
	if (pathf(src, sizeof(src), "%s/%s", s->src, rel) < 0 ||
	    pathf(dst, sizeof(dst), "%s/%s", s->dst, rel) < 0)
		return -ENAMETOOLONG;
	n = copy_data(s, src, dst, rel);
	return n < 0 ? n : 0;
}

/* Split "a/b/c" into dir "a/b" (or "") and name "c". */
static void dir_of(const char *rel, char *dir, size_t len)
{
	const char *sl = strrchr(rel, '/');
	size_t n = sl ? (size_t)(sl - rel) : 0;

	if (n >= len)
		n = len - 1;
	memcpy(dir, rel, n);
	dir[n] = '\0';
}

/*
 * Re-create the symlink at rel (whose directory is a real directory) with a
 * relative target computed inside the root. Links leading out are left out.
 */
static int copy_link(struct snap *s, const char *rel)
{
	char src[PATH_MAX], dst[PATH_MAX], text[PATH_MAX], dir[PATH_MAX];
	char target[PATH_MAX], rewritten[PATH_MAX];
	ssize_t len;
	int r;

	if (pathf(src, sizeof(src), "%s/%s", s->src, rel) < 0)
		return -ENAMETOOLONG;
	len = readlink(src, text, sizeof(text) - 1);
	if (len < 0) {
		s->st.skipped_links++;
		note(s, rel, strerror(errno));
		return 0;
	}
	text[len] = '\0';
	dir_of(rel, dir, sizeof(dir));
	r = iov_snapshot_resolve(dir, text, target, sizeof(target));
	if (r == 0)
		r = iov_snapshot_relative(dir, target, rewritten, sizeof(rewritten));
	if (r < 0) {
		s->st.skipped_links++;
		note(s, rel, r == -EXDEV ? "link leads outside the root" : strerror(-r));
		return 0;
	}
	if (pathf(dst, sizeof(dst), "%s/%s", s->dst, rel) < 0)
		return -ENAMETOOLONG;
	if (symlink(rewritten, dst) < 0) {
		if (errno == EEXIST)
			return 0;	/* copied before */
		return -errno;
	}
	s->st.links++;
	return 0;
}

static int copy_entry(struct snap *s, const char *rel, int flags, int depth);

/* Copy directory rel (relative to the root) according to flags. */
static int copy_dir_depth(struct snap *s, const char *rel, int flags, int depth)
{
	char path[PATH_MAX], child[PATH_MAX];
	struct dirent *de;
	DIR *d;
	int r;

	if (pathf(path, sizeof(path), "%s/%s", s->src, rel) < 0)
		return -ENAMETOOLONG;
	d = opendir(path);
	if (!d) {
		if (errno == ENOENT)
			return 0;
		s->st.skipped_unreadable++;
		note(s, rel, strerror(errno));
		return 0;
	}
	r = mkdirs(s, rel);
	while (r == 0 && (de = readdir(d))) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		r = pathf(child, sizeof(child), "%s%s%s", rel, *rel ? "/" : "", de->d_name);
		if (r == 0)
			r = copy_entry(s, child, flags, depth);
	}
	closedir(d);
	return r;
}

static int copy_entry(struct snap *s, const char *rel, int flags, int depth)
{
	char path[PATH_MAX];
	struct stat st;

	if (pathf(path, sizeof(path), "%s/%s", s->src, rel) < 0)
		return -ENAMETOOLONG;
	if (lstat(path, &st) < 0) {
		if (errno == ENOENT)
			return 0;
		s->st.skipped_unreadable++;
		note(s, rel, strerror(errno));
		return 0;
	}
	if (S_ISLNK(st.st_mode))
		return (flags & CD_LINKS) ? copy_link(s, rel) : 0;
	if (S_ISREG(st.st_mode))
		return (flags & CD_FILES) ? copy_file(s, rel, &st) : 0;
	if (S_ISDIR(st.st_mode) && (flags & CD_RECURSE) && depth < CD_MAX_DEPTH)
		return copy_dir_depth(s, rel, flags, depth + 1);
	return 0;
}

static int copy_dir(struct snap *s, const char *rel, int flags)
{
	return copy_dir_depth(s, rel, flags, 0);
}

/* The real directory behind a link, relative to the root; -EXDEV if outside. */
static int real_rel(struct snap *s, const char *rel, char *buf, size_t len)
{
	char path[PATH_MAX], real[PATH_MAX];
	size_t n = strlen(s->src);

	if (pathf(path, sizeof(path), "%s/%s", s->src, rel) < 0)
		return -ENAMETOOLONG;
	if (!realpath(path, real))
		return -errno;
	if (strncmp(real, s->src, n) != 0 || (real[n] != '/' && real[n] != '\0'))
		return -EXDEV;
	return pathf(buf, len, "%s", real[n] ? real + n + 1 : "");
}

static bool pci_dir_seen(struct snap *s, const char *rel)
{
	size_t i;

	for (i = 0; i < s->n_pci; i++)
		if (strcmp(s->pci_dirs[i], rel) == 0)
			return true;
	return false;
}

/* The copied PCI function directory that holds rel, or NULL. */
static const char *pci_dir_above(struct snap *s, const char *rel)
{
	const char *best = NULL;
	size_t i, n, bn = 0;

	for (i = 0; i < s->n_pci; i++) {
		n = strlen(s->pci_dirs[i]);
		if (strncmp(rel, s->pci_dirs[i], n) == 0 && rel[n] == '/' && n > bn) {
			best = s->pci_dirs[i];
			bn = n;
		}
	}
	return best;
}

static int remember_pci_dir(struct snap *s, const char *rel)
{
	if (s->n_pci == s->cap_pci) {
		size_t cap = s->cap_pci ? 2 * s->cap_pci : 64;
		char **p = realloc(s->pci_dirs, cap * sizeof(*p));

		if (!p)
			return -ENOMEM;
		s->pci_dirs = p;
		s->cap_pci = cap;
	}
	s->pci_dirs[s->n_pci] = strdup(rel);
	if (!s->pci_dirs[s->n_pci])
		return -ENOMEM;
	s->n_pci++;
	return 0;
}

/* idxd's devices below a DSA/IAA function ("dsa0", "iax1"): its work queues */
static bool is_idxd_name(const char *name)
{
	unsigned n;
	char tail;

	return sscanf(name, "dsa%u%c", &n, &tail) == 1 || sscanf(name, "iax%u%c", &n, &tail) == 1;
}

static int copy_children(struct snap *s, const char *rel, const char *prefix, const char *sub,
			 int flags);

/* "host5": a SCSI host the function's driver registered */
static bool is_host_name(const char *name)
{
	return strncmp(name, "host", 4) == 0 && name[4] >= '0' && name[4] <= '9';
}

/*
 * A SCSI host below a function (FC, FCoE, iSCSI HBAs): hostN's attributes
 * and its transport class devices hostN/{fc,scsi,iscsi}_host/hostN, which
 * carry the port state, names and speed inspect shows.
 */
static int copy_scsi_host(struct snap *s, const char *rel, const char *host)
{
	static const char *const classes[] = { "fc_host", "scsi_host", "iscsi_host" };
	char sub[PATH_MAX];
	size_t i;
	int r;

	r = pathf(sub, sizeof(sub), "%s/%s", rel, host);
	if (r == 0)
		r = copy_dir(s, sub, CD_FILES | CD_LINKS);
	for (i = 0; r == 0 && i < sizeof(classes) / sizeof(classes[0]); i++) {
		r = pathf(sub, sizeof(sub), "%s/%s/%s/%s", rel, host, classes[i], host);
		if (r == 0)
			r = copy_dir(s, sub, CD_FILES | CD_LINKS);
	}
	return r;
}

/*
 * RDMA devices below a function: infiniband/<dev>'s attributes and each
 * ports/<n>'s (state, link_layer), not the large gids/pkeys/counters tables.
 */
static int copy_rdma(struct snap *s, const char *rel)
{
	char ib[PATH_MAX], dev[PATH_MAX], path[PATH_MAX];
	struct dirent *de;
	DIR *d;
	int r;

	if (pathf(ib, sizeof(ib), "%s/infiniband", rel) < 0 ||
	    pathf(path, sizeof(path), "%s/%s", s->src, ib) < 0)
		return -ENAMETOOLONG;
	d = opendir(path);
	if (!d)
		return 0;
	r = mkdirs(s, ib);
	while (r == 0 && (de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		r = pathf(dev, sizeof(dev), "%s/%s", ib, de->d_name);
		if (r == 0)
			r = copy_dir(s, dev, CD_FILES | CD_LINKS);
		if (r == 0 && pathf(path, sizeof(path), "%s/ports", dev) == 0)
			r = copy_children(s, path, "", NULL, CD_FILES | CD_LINKS);
	}
	closedir(d);
	return r;
}

/* Sub-devices a driver exposes below a function (Scalable IOV, mdev, VFIO cdev). */
static int copy_pci_subdevices(struct snap *s, const char *rel)
{
	static const char *const subdirs[] = { "mdev_supported_types", "vfio-dev" };
	char sub[PATH_MAX], path[PATH_MAX];
	struct dirent *de;
	size_t i;
	DIR *d;
	int r = 0;

	for (i = 0; r == 0 && i < sizeof(subdirs) / sizeof(subdirs[0]); i++) {
		r = pathf(sub, sizeof(sub), "%s/%s", rel, subdirs[i]);
		if (r == 0)
			r = copy_dir(s, sub, CD_FILES | CD_LINKS | CD_RECURSE);
	}
	if (r < 0 || pathf(path, sizeof(path), "%s/%s", s->src, rel) < 0)
		return r < 0 ? r : -ENAMETOOLONG;
	d = opendir(path);
	if (!d)
		return 0;
	while (r == 0 && (de = readdir(d))) {
		if (is_host_name(de->d_name)) {
			r = copy_scsi_host(s, rel, de->d_name);
			continue;
		}
		if (!is_idxd_name(de->d_name))
			continue;
		r = pathf(sub, sizeof(sub), "%s/%s", rel, de->d_name);
		if (r == 0)
			r = copy_dir(s, sub, CD_FILES | CD_LINKS | CD_RECURSE);
	}
	closedir(d);
	if (r == 0)
		r = copy_rdma(s, rel);
	return r;
}

/* One PCI function: its attributes and links, and small subdirectories. */
static int copy_pci_function(struct snap *s, const char *rel)
{
	static const char *const subdirs[] = { "msi_irqs", "power", "link" };
	char sub[PATH_MAX];
	size_t i;
	int r;

	if (pci_dir_seen(s, rel))
		return 0;
	r = remember_pci_dir(s, rel);
	if (r < 0)
		return r;
	r = copy_dir(s, rel, CD_FILES | CD_LINKS);
	for (i = 0; r == 0 && i < sizeof(subdirs) / sizeof(subdirs[0]); i++) {
		r = pathf(sub, sizeof(sub), "%s/%s", rel, subdirs[i]);
		if (r == 0)
			r = copy_dir(s, sub, CD_FILES | CD_LINKS);
	}
	if (r == 0)
		r = copy_pci_subdevices(s, rel);
	return r;
}

static int copy_pci_devices(struct snap *s)
{
	char rel[PATH_MAX], real[PATH_MAX], path[PATH_MAX];
	struct dirent *de;
	DIR *d;
	int r = 0;

	if (pathf(path, sizeof(path), "%s/bus/pci/devices", s->src) < 0)
		return -ENAMETOOLONG;
	d = opendir(path);
	if (!d) {
		if (errno == ENOENT)
			return 0;
		s->st.unreadable = "bus/pci/devices";
		return -errno;
	}
	r = mkdirs(s, "bus/pci/devices");
	while (r == 0 && (de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		r = pathf(rel, sizeof(rel), "bus/pci/devices/%s", de->d_name);
		if (r == 0)
			r = copy_link(s, rel);
		if (r < 0)
			break;
		if (real_rel(s, rel, real, sizeof(real)) < 0) {
			s->st.skipped_links++;
			note(s, rel, "does not lead to a directory inside the root");
			continue;
		}
		r = copy_pci_function(s, real);
	}
	closedir(d);
	return r;
}

/*
 * The class devices (net interfaces, block devices, NVMe controllers) that sit
 * below a copied PCI function: the class link, every directory between the
 * function and the device (attributes only), the device's attributes and its
 * statistics/ and queue/ subdirectories.
 */
static int copy_class(struct snap *s, const char *cls)
{
	static const char *const subdirs[] = { "statistics", "queue" };
	char rel[PATH_MAX], real[PATH_MAX], part[PATH_MAX], path[PATH_MAX];
	const char *pci;
	struct dirent *de;
	size_t i;
	DIR *d;
	int r = 0;

	if (pathf(path, sizeof(path), "%s/class/%s", s->src, cls) < 0)
		return -ENAMETOOLONG;
	d = opendir(path);
	if (!d)
		return errno == ENOENT ? 0 : -errno;
	while (r == 0 && (de = readdir(d))) {
		char *c;

		if (de->d_name[0] == '.')
			continue;
		if (pathf(rel, sizeof(rel), "class/%s/%s", cls, de->d_name) < 0 ||
		    real_rel(s, rel, real, sizeof(real)) < 0)
			continue;
		pci = pci_dir_above(s, real);
		if (!pci)
			continue;	/* virtual devices: not ours */
		r = pathf(path, sizeof(path), "class/%s", cls);
		if (r == 0)
			r = mkdirs(s, path);
		if (r == 0)
			r = copy_link(s, rel);
		/* each directory from below the PCI function down to the device */
		strcpy(part, real);	/* same size */
		for (c = part + strlen(pci) + 1; r == 0; c++) {
			if (*c != '/' && *c != '\0')
				continue;
			char save = *c;

			*c = '\0';
			r = copy_dir(s, part, CD_FILES | CD_LINKS);
			*c = save;
			if (!save)
				break;
		}
		for (i = 0; r == 0 && i < sizeof(subdirs) / sizeof(subdirs[0]); i++) {
			r = pathf(part, sizeof(part), "%s/%s", real, subdirs[i]);
			if (r == 0)
				r = copy_dir(s, part, CD_FILES | CD_LINKS);
		}
	}
	closedir(d);
	return r;
}

/*
 * A directory's files and links, then for each child named <prefix><digit>...
 * (any child when prefix is NULL) its subdirectory sub (or itself) with flags.
 */
static int copy_children(struct snap *s, const char *rel, const char *prefix, const char *sub,
			 int flags)
{
	char path[PATH_MAX], child[PATH_MAX];
	struct dirent *de;
	size_t pl = prefix ? strlen(prefix) : 0;
	DIR *d;
	int r;

	r = copy_dir(s, rel, CD_FILES | CD_LINKS);
	if (r < 0)
		return r;
	if (pathf(path, sizeof(path), "%s/%s", s->src, rel) < 0)
		return -ENAMETOOLONG;
	d = opendir(path);
	if (!d)
		return 0;
	while (r == 0 && (de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		if (prefix && (strncmp(de->d_name, prefix, pl) != 0 ||
			       de->d_name[pl] < '0' || de->d_name[pl] > '9'))
			continue;
		r = pathf(child, sizeof(child), "%s/%s%s%s", rel, de->d_name, sub ? "/" : "",
			  sub ? sub : "");
		if (r == 0)
			r = copy_dir(s, child, flags);
	}
	closedir(d);
	return r;
}

/*
 * The host-readiness inputs (lib/host.c): class devices under class/<cls>
 * (only those in names, when given), each as its real directory's files
 * (recursively with CD_RECURSE) and the class link. class/<cls> itself is
 * made whenever the source has it, so that "none" replays as none.
 */
static int copy_class_devs(struct snap *s, const char *cls, const char *const *names, int flags)
{
	char rel[PATH_MAX], real[PATH_MAX], path[PATH_MAX];
	struct dirent *de;
	DIR *d;
	int r;

	if (pathf(rel, sizeof(rel), "class/%s", cls) < 0 ||
	    pathf(path, sizeof(path), "%s/%s", s->src, rel) < 0)
		return -ENAMETOOLONG;
	d = opendir(path);
	if (!d)
		return errno == ENOENT ? 0 : -errno;
	r = mkdirs(s, rel);
	while (r == 0 && (de = readdir(d))) {
		const char *const *n = names;

		if (de->d_name[0] == '.')
			continue;
		while (n && *n && strcmp(*n, de->d_name) != 0)
			n++;
		if (n && !*n)
			continue;
		if (pathf(rel, sizeof(rel), "class/%s/%s", cls, de->d_name) < 0)
			continue;
		if (real_rel(s, rel, real, sizeof(real)) == 0)
			r = copy_dir(s, real, flags);
		if (r == 0)
			r = copy_link(s, rel);
	}
	closedir(d);
	return r;
}

/*
 * ACPI tables that describe an IOMMU. Only root may read them; when we
 * cannot, an empty file keeps the one fact the checks use: the table exists.
 */
static int copy_acpi_tables(struct snap *s)
{
	static const char *const tables[] = { "DMAR", "IVRS", "IORT" };
	char rel[64], src[PATH_MAX], dst[PATH_MAX];
	struct stat st;
	size_t i;
	int r, fd;

	if (pathf(src, sizeof(src), "%s/firmware/acpi/tables", s->src) < 0)
		return -ENAMETOOLONG;
	if (stat(src, &st) < 0)
		return 0;
	r = mkdirs(s, "firmware/acpi/tables");
	for (i = 0; r == 0 && i < sizeof(tables) / sizeof(tables[0]); i++) {
		snprintf(rel, sizeof(rel), "firmware/acpi/tables/%s", tables[i]);
		if (pathf(src, sizeof(src), "%s/%s", s->src, rel) < 0 ||
		    pathf(dst, sizeof(dst), "%s/%s", s->dst, rel) < 0)
			return -ENAMETOOLONG;
		if (stat(src, &st) < 0)
			continue;
		r = copy_data(s, src, dst, rel);
		if (r != 1)
			continue;
		fd = open(dst, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
		if (fd < 0)
			return -errno;
		close(fd);
		note(s, rel, "unreadable: kept as an empty file (the table exists)");
		r = 0;
	}
	return r;
}

/* module/NAME (its attributes and parameters/) for the modules the checks ask about */
static int copy_modules(struct snap *s)
{
	static const char *const mods[] = {
		"vfio", "vfio_pci", "vfio_pci_core", "vfio_iommu_type1", "iommufd",
		"kvm", "kvm_intel", "kvm_amd",
	};
	char rel[PATH_MAX], path[PATH_MAX];
	struct stat st;
	size_t i;
	int r;

	if (pathf(path, sizeof(path), "%s/module", s->src) < 0)
		return -ENAMETOOLONG;
	if (stat(path, &st) < 0)
		return 0;
	r = mkdirs(s, "module");
	for (i = 0; r == 0 && i < sizeof(mods) / sizeof(mods[0]); i++) {
		if (pathf(rel, sizeof(rel), "module/%s", mods[i]) < 0)
			return -ENAMETOOLONG;
		r = copy_dir(s, rel, CD_FILES);
		if (r == 0 && pathf(rel, sizeof(rel), "module/%s/parameters", mods[i]) == 0)
			r = copy_dir(s, rel, CD_FILES);
	}
	return r;
}

static int copy_host_inputs(struct snap *s)
{
	static const char *const misc[] = { "vfio", "iommu", "kvm", NULL };
	int r;

	r = copy_class_devs(s, "iommu", NULL, CD_FILES | CD_LINKS | CD_RECURSE);
	if (r == 0)
		r = copy_class_devs(s, "misc", misc, CD_FILES);
	if (r == 0)
		r = copy_class_devs(s, "vfio", NULL, CD_FILES);
	if (r == 0)
		r = copy_acpi_tables(s);
	if (r == 0)
		r = copy_modules(s);
	return r;
}

/*
 * /proc/irq/N/{effective_affinity_list,smp_affinity_list} for every vector in
 * the msi_irqs/ of a copied PCI function: where its interrupts are served.
 */
static int copy_proc_irqs(struct iov_ctx *ctx, struct snap *s, const char *dest)
{
	static const char *const files[] = { "effective_affinity_list", "smp_affinity_list" };
	char path[PATH_MAX], src[PATH_MAX], dst[PATH_MAX], rel[64];
	struct dirent *de;
	size_t i, k;
	DIR *d;
	int r = 0;

	for (i = 0; r == 0 && i < s->n_pci; i++) {
		if (pathf(path, sizeof(path), "%s/%s/msi_irqs", s->src, s->pci_dirs[i]) < 0)
			return -ENAMETOOLONG;
		d = opendir(path);
		if (!d)
			continue;
		while (r == 0 && (de = readdir(d))) {
			if (de->d_name[0] < '0' || de->d_name[0] > '9')
				continue;
			for (k = 0; r == 0 && k < sizeof(files) / sizeof(files[0]); k++) {
				snprintf(rel, sizeof(rel), "irq/%.16s/%s", de->d_name, files[k]);
				if (iov_proc_path(ctx, src, sizeof(src), "%s", rel) < 0 ||
				    pathf(dst, sizeof(dst), "%s/proc/irq/%.16s", dest, de->d_name) < 0)
					r = -ENAMETOOLONG;
				else if (access(src, F_OK) < 0)
					continue;
				else if (mkdir(dst, 0755) < 0 && errno != EEXIST)
					r = -errno;
				else if (pathf(dst, sizeof(dst), "%s/proc/%s", dest, rel) < 0)
					r = -ENAMETOOLONG;
				else if ((r = copy_data(s, src, dst, rel)) > 0)
					r = 0;	/* unreadable: noted in the manifest */
			}
		}
		closedir(d);
	}
	return r;
}

/* proc/irq/N affinity files of the copied functions' vectors (interrupt locality) */
static int copy_irq_affinity(struct iov_ctx *ctx, struct snap *s, const char *dest)
{
	char src[PATH_MAX], dst[PATH_MAX];

	if (pathf(src, sizeof(src), "%s/irq", iov_ctx_proc_root(ctx)) < 0 ||
	    pathf(dst, sizeof(dst), "%s/proc/irq", dest) < 0)
		return -ENAMETOOLONG;
	if (access(src, F_OK) < 0)
		return 0;
	if (mkdir(dst, 0755) < 0 && errno != EEXIST)
		return -errno;
	return copy_proc_irqs(ctx, s, dest);
}

/* the kernel release names the modules directory (VF migration) */
static int copy_osrelease(struct iov_ctx *ctx, struct snap *s, const char *dest)
{
	char src[PATH_MAX], dst[PATH_MAX];

	if (iov_proc_path(ctx, src, sizeof(src), "sys/kernel/osrelease") < 0 ||
	    access(src, F_OK) < 0)
		return 0;
	if (pathf(dst, sizeof(dst), "%s/proc/sys", dest) < 0)
		return -ENAMETOOLONG;
	if (mkdir(dst, 0755) < 0 && errno != EEXIST)
		return -errno;
	if (pathf(dst, sizeof(dst), "%s/proc/sys/kernel", dest) < 0)
		return -ENAMETOOLONG;
	if (mkdir(dst, 0755) < 0 && errno != EEXIST)
		return -errno;
	if (pathf(dst, sizeof(dst), "%s/proc/sys/kernel/osrelease", dest) < 0)
		return -ENAMETOOLONG;
	return copy_data(s, src, dst, "sys/kernel/osrelease");
}

static int copy_proc(struct iov_ctx *ctx, struct snap *s, const char *dest)
{
	static const char *const files[] = { "interrupts", "cmdline", "modules", "cpuinfo" };
	char src[PATH_MAX], dst[PATH_MAX];
	size_t i;
	int r;

	if (!iov_ctx_proc_root(ctx))
		return 0;
	s->area = "proc";
	if (pathf(dst, sizeof(dst), "%s/proc", dest) < 0)
		return -ENAMETOOLONG;
	if (mkdir(dst, 0755) < 0 && errno != EEXIST)
		return -errno;
	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		if (iov_proc_path(ctx, src, sizeof(src), "%s", files[i]) < 0 ||
		    pathf(dst, sizeof(dst), "%s/proc/%s", dest, files[i]) < 0)
			return -ENAMETOOLONG;
		if (access(src, F_OK) < 0)
			continue;
		r = copy_data(s, src, dst, files[i]);
		if (r < 0)
			return r;
	}
	r = copy_irq_affinity(ctx, s, dest);
	if (r < 0)
		return r;
	return copy_osrelease(ctx, s, dest);
}

/* modules.dep/modules.builtin line naming a vfio-pci migration variant */
static bool variant_line(char *line)
{
	char name[160], *base, *end, *p;

	/* modules.dep: "path/mod.ko: deps..."; only the module itself counts */
	end = strpbrk(line, ":\n");
	if (end)
		*end = '\0';
	base = strrchr(line, '/');
	base = base ? base + 1 : line;
	end = strstr(base, ".ko");
	if (!end || (size_t)(end - base) >= sizeof(name))
		return false;
	memcpy(name, base, end - base);
	name[end - base] = '\0';
	for (p = name; *p; p++)
		if (*p == '-')
			*p = '_';
	return iov_vfio_is_variant(name);
}

/* Copy the lines of moddir/file that keep() accepts into the snapshot. */
static int copy_lines(struct snap *s, const char *moddir, const char *dstdir, const char *file,
		      bool (*keep)(char *))
{
	char src[PATH_MAX], dst[PATH_MAX], line[2048], copy[2048];
	FILE *in, *out;
	int r = 0;

	if (pathf(src, sizeof(src), "%s/%s", moddir, file) < 0 ||
	    pathf(dst, sizeof(dst), "%s/%s", dstdir, file) < 0)
		return -ENAMETOOLONG;
	in = fopen(src, "re");
	if (!in)
		return 0;
	out = fopen(dst, "we");
	if (!out) {
		r = -errno;
		fclose(in);
		return r;
	}
	while (fgets(line, sizeof(line), in)) {
		snprintf(copy, sizeof(copy), "%s", line);
		if (keep(copy)) {
			fputs(line, out);
			s->st.bytes += strlen(line);
		}
	}
	if (fclose(out) != 0)
		r = -errno;
	fclose(in);
	s->st.files++;
	return r;
}

static bool vfio_alias_line(char *line)
{
	return strncmp(line, "alias vfio_pci:", 15) == 0;
}

/*
 * VF migration looks the VFs' modaliases up in modules.alias: keep its
 * "vfio_pci:" lines and the variant drivers' modules.dep and
 * modules.builtin lines, in DIR/lib/modules/<release>.
 */
static int copy_module_aliases(struct iov_ctx *ctx, struct snap *s, const char *dest)
{
	static const char *const parts[] = { "lib", "lib/modules" };
	char moddir[PATH_MAX], dst[PATH_MAX];
	const char *release;
	size_t i;
	int r;

	if (iov_modules_dir(ctx, moddir, sizeof(moddir)) < 0)
		return 0;
	release = strrchr(moddir, '/') + 1;
	for (i = 0; i < sizeof(parts) / sizeof(parts[0]); i++) {
		if (pathf(dst, sizeof(dst), "%s/%s", dest, parts[i]) < 0)
			return -ENAMETOOLONG;
		if (mkdir(dst, 0755) < 0 && errno != EEXIST)
			return -errno;
	}
	if (pathf(dst, sizeof(dst), "%s/lib/modules/%s", dest, release) < 0)
		return -ENAMETOOLONG;
	if (mkdir(dst, 0755) < 0 && errno != EEXIST)
		return -errno;
	r = copy_lines(s, moddir, dst, "modules.alias", vfio_alias_line);
	if (r == 0)
		r = copy_lines(s, moddir, dst, "modules.dep", variant_line);
	if (r == 0)
		r = copy_lines(s, moddir, dst, "modules.builtin", variant_line);
	return r;
}


/* Write buf as vfstate/<addr>/<name> under dest. */
static int write_vfstate(struct snap *s, const char *dest, const char *addr, const char *name,
			 const char *buf, size_t len)
{
	char path[PATH_MAX];
	int r, fd;

	if (pathf(path, sizeof(path), "%s/vfstate/%s", dest, addr) < 0)
		return -ENAMETOOLONG;
	if (mkdir(path, 0755) < 0 && errno != EEXIST)
		return -errno;
	if (pathf(path, sizeof(path), "%s/vfstate/%s/%s", dest, addr, name) < 0)
		return -ENAMETOOLONG;
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		return -errno;
	r = write_all(fd, buf, len);
	if (close(fd) < 0 && r == 0)
		r = -errno;
	if (r == 0) {
		s->st.files++;
		s->st.bytes += len;
	}
	return r;
}

/* An SR-IOV PF with a netdev, or of network class (its netdev may be elsewhere). */
static bool is_net_pf(struct iov_ctx *ctx, struct snap *s, const char *addr)
{
	char path[PATH_MAX], cls[16];
	struct stat st;

	if (iov_sysfs_read_str(ctx, cls, sizeof(cls), "bus/pci/devices/%s/sriov_totalvfs", addr) < 0 ||
	    iov_sysfs_read_str(ctx, cls, sizeof(cls), "bus/pci/devices/%s/class", addr) < 0)
		return false;
	if (strncmp(cls, "0x02", 4) == 0)
		return true;
	return pathf(path, sizeof(path), "%s/bus/pci/devices/%s/net", s->src, addr) == 0 &&
	       stat(path, &st) == 0;
}

/* The NIC VF settings of a PF as text, vfstate/<addr>/net-vfs (see lib/vfnet.c). */
static int copy_net_vfs(struct iov_ctx *ctx, struct snap *s, const char *dest, const char *addr)
{
	static struct iov_net_vf_list l;
	char rel[96], *text;
	int r;

	snprintf(rel, sizeof(rel), "%s/net-vfs", addr);
	r = iov_net_vfs_read(ctx, addr, &l);
	if (r == 0)
		r = iov_net_vfs_format(&l, &text);
	if (r < 0) {
		note(s, rel, strerror(-r));
		return 0;
	}
	r = write_vfstate(s, dest, addr, "net-vfs", text, strlen(text));
	free(text);
	return r;
}

/*
 * VF runtime state only the device can tell: the NVMe secondary controller
 * list of each NVMe SR-IOV PF, as raw Identify data in
 * vfstate/<addr>/nvme-secondary-ctrl-list (see lib/vfstate.c), and the NIC
 * VF settings of each PF with a netdev in vfstate/<addr>/net-vfs. What
 * cannot be asked (not root, no controller, no netdev) is noted and replays
 * as unknown.
 */
static int copy_vfstate(struct iov_ctx *ctx, struct snap *s, const char *dest)
{
	static uint8_t raw[IOV_NVME_IDENTIFY_SIZE];
	char path[PATH_MAX], cls[16], rel[96];
	struct dirent *de;
	DIR *d;
	int r = 0;

	if (pathf(path, sizeof(path), "%s/bus/pci/devices", s->src) < 0)
		return -ENAMETOOLONG;
	d = opendir(path);
	if (!d)
		return 0;
	s->area = "vfstate";
	while (r == 0 && (de = readdir(d))) {
		if (de->d_name[0] == '.' || strlen(de->d_name) >= IOV_BDF_STRLEN)
			continue;
		if (is_net_pf(ctx, s, de->d_name)) {
			r = copy_net_vfs(ctx, s, dest, de->d_name);
			continue;
		}
		if (iov_sysfs_read_str(ctx, cls, sizeof(cls), "bus/pci/devices/%s/class", de->d_name) < 0 ||
		    strcmp(cls, "0x010802") != 0 ||
		    iov_sysfs_read_str(ctx, cls, sizeof(cls), "bus/pci/devices/%s/sriov_totalvfs", de->d_name) < 0)
			continue;
		snprintf(rel, sizeof(rel), "%s/nvme-secondary-ctrl-list", de->d_name);
		r = iov_nvme_sec_read(ctx, de->d_name, raw);
		if (r < 0) {
			note(s, rel, strerror(-r));
			r = 0;
			continue;
		}
		r = write_vfstate(s, dest, de->d_name, "nvme-secondary-ctrl-list", (const char *)raw, sizeof(raw));
	}
	closedir(d);
	return r;
}

static int prepare_dest(const char *dest)
{
	struct dirent *de;
	DIR *d;
	int r = 0;

	if (mkdir(dest, 0755) == 0)
		return 0;
	if (errno != EEXIST)
		return -errno;
	d = opendir(dest);
	if (!d)
		return -errno;
	while ((de = readdir(d)))
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, "..")) {
			r = -EEXIST;
			break;
		}
	closedir(d);
	return r;
}

int iov_snapshot_source_check(struct iov_ctx *ctx)
{
	char path[PATH_MAX];
	struct dirent *de;
	DIR *d;
	int r = -ENODEV;

	if (iov_sysfs_path(ctx, path, sizeof(path), "bus/pci/devices") < 0)
		return -ENAMETOOLONG;
	d = opendir(path);
	if (!d)
		return -errno;
	while ((de = readdir(d)))
		if (de->d_name[0] != '.') {
			r = 0;
			break;
		}
	closedir(d);
	return r;
}

/* bus/BUS/devices: the links and each device directory's attributes (NTB devices) */
static int copy_bus_devices(struct snap *s, const char *bus)
{
	char rel[PATH_MAX], real[PATH_MAX], path[PATH_MAX];
	struct dirent *de;
	DIR *d;
	int r;

	if (pathf(rel, sizeof(rel), "bus/%s/devices", bus) < 0 ||
	    pathf(path, sizeof(path), "%s/%s", s->src, rel) < 0)
		return -ENAMETOOLONG;
	d = opendir(path);
	if (!d)
		return 0;
	r = mkdirs(s, rel);
	while (r == 0 && (de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		r = pathf(rel, sizeof(rel), "bus/%s/devices/%s", bus, de->d_name);
		if (r == 0)
			r = copy_link(s, rel);
		if (r == 0 && real_rel(s, rel, real, sizeof(real)) == 0)
			r = copy_dir(s, real, CD_FILES | CD_LINKS);
	}
	closedir(d);
	return r;
}

int iov_snapshot_capture(struct iov_ctx *ctx, const char *dest,
			 const struct iov_snapshot_opts *opts, struct iov_snapshot_stats *stats)
{
	static const char *const classes[] = { "net", "block", "nvme" };
	struct snap s = { 0 };
	char root[PATH_MAX], path[PATH_MAX];
	size_t i;
	int r;

	if (stats)
		memset(stats, 0, sizeof(*stats));	/* early failures: nothing unreadable */
	if (!realpath(iov_ctx_sysfs_root(ctx), root))
		return -errno;
	s.src = root;
	s.area = "sys";
	s.max_bytes = opts && opts->max_bytes ? opts->max_bytes : IOV_SNAPSHOT_DEFAULT_MAX;
	r = prepare_dest(dest);
	if (r < 0)
		return r;
	if (pathf(s.dst, sizeof(s.dst), "%s/sys", dest) < 0 ||
	    pathf(path, sizeof(path), "%s/%s", dest, IOV_SNAPSHOT_MANIFEST) < 0)
		return -ENAMETOOLONG;
	if (mkdir(s.dst, 0755) < 0)
		return -errno;
	s.manifest = fopen(path, "we");
	if (!s.manifest)
		return -errno;
	fprintf(s.manifest, "# iovctl snapshot: what was left out of sys/ and proc/, and why\n");

	r = copy_pci_devices(&s);
	if (r == 0)
		r = copy_children(&s, "bus/pci/drivers", NULL, NULL, CD_FILES | CD_LINKS);
	if (r == 0)
		r = copy_dir(&s, "bus/pci/slots", CD_FILES | CD_LINKS | CD_RECURSE);
	if (r == 0)
		r = copy_dir(&s, "kernel/iommu_groups", CD_FILES | CD_LINKS | CD_RECURSE);
	if (r == 0)
		r = copy_children(&s, "devices/system/node", "node", NULL, CD_FILES | CD_LINKS);
	if (r == 0)
		r = copy_children(&s, "devices/system/cpu", "cpu", "topology", CD_FILES);
	for (i = 0; r == 0 && i < sizeof(classes) / sizeof(classes[0]); i++)
		r = copy_class(&s, classes[i]);
	if (r == 0)
		r = copy_host_inputs(&s);
	if (r == 0)
		r = copy_class_devs(&s, "switchtec", NULL, CD_FILES | CD_LINKS);
	if (r == 0)
		r = copy_bus_devices(&s, "ntb");
	if (r == 0)
		r = copy_bus_devices(&s, "fcoe");
	if (r == 0)
		r = copy_proc(ctx, &s, dest);
	if (r == 0)
		r = copy_module_aliases(ctx, &s, dest);
	if (r == 0 && pathf(path, sizeof(path), "%s/vfstate", dest) == 0) {
		if (mkdir(path, 0755) < 0)
			r = -errno;
		else
			r = copy_vfstate(ctx, &s, dest);
		rmdir(path);	/* only when nothing was recorded */
	}

	fprintf(s.manifest, "# %lu dirs, %lu files, %lu links, %llu bytes; not copied: "
		"%lu mappings/actions, %lu write-only, %lu unreadable, %lu links%s\n",
		s.st.dirs, s.st.files, s.st.links, (unsigned long long)s.st.bytes,
		s.st.skipped_action, s.st.skipped_wronly, s.st.skipped_unreadable,
		s.st.skipped_links, r == -EFBIG ? "; INCOMPLETE: size bound reached" : "");
	if (fclose(s.manifest) != 0 && r == 0)
		r = -errno;
	for (i = 0; i < s.n_pci; i++)
		free(s.pci_dirs[i]);
	free(s.pci_dirs);
	if (stats)
		*stats = s.st;
	return r;
}

/* ---- archive ------------------------------------------------------------------ */

int iov_snapshot_archive(const char *dir, enum iov_snapshot_format fmt, int out_fd,
			 int *tar_status)
{
	static const char *const entries[] = { IOV_SNAPSHOT_MANIFEST, "sys", "proc", "lib", "vfstate" };
	const char *argv[24];
	char buf[65536], path[PATH_MAX];
	int argc = 0, p[2], st, r = 0;
	size_t i;
	pid_t pid;

	*tar_status = 0;
	argv[argc++] = "tar";
	/* reproducible: same tree, same archive */
	argv[argc++] = "--sort=name";
	argv[argc++] = "--owner=0";
	argv[argc++] = "--group=0";
	argv[argc++] = "--numeric-owner";
	argv[argc++] = "--mtime=@0";
	if (fmt == IOV_SNAPSHOT_TAR_GZ) {
		argv[argc++] = "-I";
		argv[argc++] = "gzip -n";
	} else if (fmt == IOV_SNAPSHOT_TAR_XZ) {
		argv[argc++] = "-J";
	}
	argv[argc++] = "-cf";
	argv[argc++] = "-";
	argv[argc++] = "-C";
	argv[argc++] = dir;
	for (i = 0; i < sizeof(entries) / sizeof(entries[0]); i++) {
		if (pathf(path, sizeof(path), "%s/%s", dir, entries[i]) == 0 &&
		    access(path, F_OK) == 0)
			argv[argc++] = entries[i];
	}
	argv[argc] = NULL;

	if (pipe2(p, O_CLOEXEC) < 0)
		return -errno;
	pid = fork();
	if (pid < 0) {
		r = -errno;
		close(p[0]);
		close(p[1]);
		return r;
	}
	if (pid == 0) {
		int null = open("/dev/null", O_WRONLY);

		if (dup2(p[1], STDOUT_FILENO) < 0 || (null >= 0 && dup2(null, STDERR_FILENO) < 0))
			_exit(126);
		execvp("tar", (char *const *)argv);
		_exit(127);
	}
	close(p[1]);
	for (;;) {
		ssize_t n = read(p[0], buf, sizeof(buf));

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			r = -errno;
			break;
		}
		if (n == 0)
			break;
		r = write_all(out_fd, buf, n);
		if (r < 0)
			break;
	}
	close(p[0]);	/* on our error, tar stops with SIGPIPE */
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return r ? r : -errno;
	if (r == 0 && !(WIFEXITED(st) && WEXITSTATUS(st) == 0)) {
		*tar_status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
		r = -EPROTO;
	}
	return r;
}

/* tar -xf file -C dir, quietly; -EPROTO with tar's status when it fails */
static int run_untar(const char *file, const char *dir, int *tar_status)
{
	const char *argv[] = { "tar", "--no-same-owner", "--no-same-permissions", "-xf", file,
			       "-C", dir, NULL };
	int st;
	pid_t pid;

	*tar_status = 0;
	pid = fork();
	if (pid < 0)
		return -errno;
	if (pid == 0) {
		int null = open("/dev/null", O_RDWR);

		if (null >= 0 && (dup2(null, STDIN_FILENO) < 0 || dup2(null, STDOUT_FILENO) < 0 ||
				  dup2(null, STDERR_FILENO) < 0))
			_exit(126);
		execvp("tar", (char *const *)argv);
		_exit(127);
	}
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return -errno;
	if (WIFEXITED(st) && WEXITSTATUS(st) == 0)
		return 0;
	*tar_status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
	return -EPROTO;
}

static bool has_sys(const char *dir)
{
	char p[PATH_MAX];
	struct stat st;

	return pathf(p, sizeof(p), "%s/sys", dir) == 0 && stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The snapshot inside an unpacked tree: its top, or its only directory. */
static int find_top(const char *tmp, char *top, size_t len)
{
	struct dirent *de;
	char only[NAME_MAX + 1] = "";
	unsigned n = 0;
	DIR *d;

	if (has_sys(tmp))
		return pathf(top, len, "%s", tmp);
	d = opendir(tmp);
	if (!d)
		return -errno;
	while ((de = readdir(d)))
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, "..") && n++ == 0)
			snprintf(only, sizeof(only), "%s", de->d_name);
	closedir(d);
	if (n != 1 || pathf(top, len, "%s/%s", tmp, only) < 0 || !has_sys(top))
		return -ENOTDIR;
	return 0;
}

int iov_snapshot_unpack(const char *tarball, char *tmp, size_t tmplen, char *top, size_t toplen,
			int *tar_status)
{
	const char *base = getenv("TMPDIR");
	int r;

	*tar_status = 0;
	if (!base || !*base)
		base = "/tmp";
	/* mkdtemp makes it 0700: the unpacked tree is ours alone */
	if (pathf(tmp, tmplen, "%s/iovctl-snapshot.XXXXXX", base) < 0)
		return -ENAMETOOLONG;
	if (!mkdtemp(tmp))
		return -errno;
	r = run_untar(tarball, tmp, tar_status);
	if (r == 0)
		r = find_top(tmp, top, toplen);
	if (r < 0) {
		iov_snapshot_remove(tmp);
		tmp[0] = '\0';
	}
	return r;
}

static int rm_entry(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	return remove(path) < 0 ? -1 : 0;
}

int iov_snapshot_remove(const char *dir)
{
	if (nftw(dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS) < 0)
		return errno == ENOENT ? 0 : -errno;
	return 0;
}
