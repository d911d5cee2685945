// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * One PCI function's sysfs directory: identity, config space, the kernel's
 * attributes and links. One readdir tells which attributes exist, so we
 * only open files that are there (and a vanished device shows as -ENOENT).
 */
#include "iov-private.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* attributes we look for, as bits of a presence mask */
enum attr {
	A_CONFIG, A_RESOURCE, A_NUMA, A_CPULIST, A_POWER, A_RESET, A_IRQ,
	A_CUR_SPEED, A_CUR_WIDTH, A_MAX_SPEED, A_MAX_WIDTH,
	A_AER_COR, A_AER_NONFATAL, A_AER_FATAL, A_MSI_IRQS,
	A_SRIOV_TOTAL, A_SRIOV_NUM, A_SRIOV_OFFSET, A_SRIOV_STRIDE, A_SRIOV_VFDEV,
	A_SRIOV_AUTOPROBE, A_SRIOV_TOTAL_MSIX, A_VF_MSIX, A_DRIVER, A_GROUP, A_PHYSFN,
	A_NET, A_NVME, A_BLOCK, A_SUBSYS_VENDOR, A_SUBSYS_DEVICE, A_REVISION,
	A_RP_COR, A_RP_NONFATAL, A_RP_FATAL,
	A_COUNT
};

static const char *const attr_names[A_COUNT] = {
	[A_CONFIG] = "config", [A_RESOURCE] = "resource", [A_NUMA] = "numa_node",
	[A_CPULIST] = "local_cpulist", [A_POWER] = "power_state", [A_RESET] = "reset_method",
	[A_IRQ] = "irq", [A_CUR_SPEED] = "current_link_speed",
	[A_CUR_WIDTH] = "current_link_width", [A_MAX_SPEED] = "max_link_speed",
	[A_MAX_WIDTH] = "max_link_width", [A_AER_COR] = "aer_dev_correctable",
	[A_AER_NONFATAL] = "aer_dev_nonfatal", [A_AER_FATAL] = "aer_dev_fatal",
	[A_MSI_IRQS] = "msi_irqs", [A_SRIOV_TOTAL] = "sriov_totalvfs",
	[A_SRIOV_NUM] = "sriov_numvfs", [A_SRIOV_OFFSET] = "sriov_offset",
	[A_SRIOV_STRIDE] = "sriov_stride", [A_SRIOV_VFDEV] = "sriov_vf_device",
	[A_SRIOV_AUTOPROBE] = "sriov_drivers_autoprobe",
	[A_SRIOV_TOTAL_MSIX] = "sriov_vf_total_msix", [A_VF_MSIX] = "sriov_vf_msix_count",
	[A_DRIVER] = "driver", [A_GROUP] = "iommu_group", [A_PHYSFN] = "physfn",
	[A_NET] = "net", [A_NVME] = "nvme", [A_BLOCK] = "block",
	[A_SUBSYS_VENDOR] = "subsystem_vendor", [A_SUBSYS_DEVICE] = "subsystem_device",
	[A_REVISION] = "revision", [A_RP_COR] = "aer_rootport_total_err_cor",
	[A_RP_NONFATAL] = "aer_rootport_total_err_nonfatal",
	[A_RP_FATAL] = "aer_rootport_total_err_fatal",
};

/* the same names sorted (strcmp order) for bsearch: a directory has ~40 entries */
static const struct attr_key {
	const char *name;
	enum attr a;
} attr_sorted[A_COUNT] = {
	{ "aer_dev_correctable", A_AER_COR },
	{ "aer_dev_fatal", A_AER_FATAL },
	{ "aer_dev_nonfatal", A_AER_NONFATAL },
	{ "aer_rootport_total_err_cor", A_RP_COR },
	{ "aer_rootport_total_err_fatal", A_RP_FATAL },
	{ "aer_rootport_total_err_nonfatal", A_RP_NONFATAL },
	{ "block", A_BLOCK },
	{ "config", A_CONFIG },
	{ "current_link_speed", A_CUR_SPEED },
	{ "current_link_width", A_CUR_WIDTH },
	{ "driver", A_DRIVER },
	{ "iommu_group", A_GROUP },
	{ "irq", A_IRQ },
	{ "local_cpulist", A_CPULIST },
	{ "max_link_speed", A_MAX_SPEED },
	{ "max_link_width", A_MAX_WIDTH },
	{ "msi_irqs", A_MSI_IRQS },
	{ "net", A_NET },
	{ "numa_node", A_NUMA },
	{ "nvme", A_NVME },
	{ "physfn", A_PHYSFN },
	{ "power_state", A_POWER },
	{ "reset_method", A_RESET },
	{ "resource", A_RESOURCE },
	{ "revision", A_REVISION },
	{ "sriov_drivers_autoprobe", A_SRIOV_AUTOPROBE },
	{ "sriov_numvfs", A_SRIOV_NUM },
	{ "sriov_offset", A_SRIOV_OFFSET },
	{ "sriov_stride", A_SRIOV_STRIDE },
	{ "sriov_totalvfs", A_SRIOV_TOTAL },
	{ "sriov_vf_device", A_SRIOV_VFDEV },
	{ "sriov_vf_msix_count", A_VF_MSIX },
	{ "sriov_vf_total_msix", A_SRIOV_TOTAL_MSIX },
	{ "subsystem_device", A_SUBSYS_DEVICE },
	{ "subsystem_vendor", A_SUBSYS_VENDOR },
};

static int cmp_attr_key(const void *key, const void *elem)
{
	return strcmp(key, ((const struct attr_key *)elem)->name);
}

static int attr_lookup(const char *name)
{
	const struct attr_key *k = bsearch(name, attr_sorted, A_COUNT, sizeof(*k), cmp_attr_key);

	return k ? (int)k->a : -1;
}

struct devdir {
	char path[PATH_MAX];	/* <root>/bus/pci/devices/<bdf> */
	size_t plen;
	int fd;			/* that directory, open: attributes are read relative to it */
	uint64_t have;		/* bit per enum attr */
	char **virtio;		/* virtioN children (hold block/net) */
	unsigned nvirtio;
};

static bool has(const struct devdir *dd, enum attr a)
{
	return dd->have & (1ull << a);
}

static int read_str(struct devdir *dd, enum attr a, char *buf, size_t len)
{
	if (!has(dd, a))
		return -ENOENT;
	return iov_read_file_at(dd->fd, attr_names[a], buf, len);
}

static char *read_strdup(struct devdir *dd, enum attr a)
{
	char buf[4096];	/* PAGE_SIZE: the most a sysfs attribute holds */

	if (read_str(dd, a, buf, sizeof(buf)) < 0 || !buf[0])
		return NULL;
	return strdup(buf);
}

static long long read_ll(struct devdir *dd, enum attr a, long long def)
{
	long long v;

	if (!has(dd, a) || iov_read_int_at(dd->fd, attr_names[a], &v) < 0)
		return def;
	return v;
}

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

static int add_virtfn(struct iov_dev *d, struct devdir *dd, const char *name)
{
	struct iov_virtfn_link *nv;
	char *end;
	unsigned long idx = strtoul(name + 6, &end, 10);

	if (end == name + 6 || *end)
		return 0;
	nv = realloc(d->virtfn, (d->nvirtfn + 1) * sizeof(*nv));
	if (!nv)
		return -ENOMEM;
	d->virtfn = nv;
	nv[d->nvirtfn].index = idx;
	if (iov_read_link_name_at(dd->fd, name, nv[d->nvirtfn].addr, IOV_BDF_STRLEN) < 0)
		return 0;
	d->nvirtfn++;
	return 0;
}

/* A subdirectory as a stream, or NULL */
static DIR *opendir_at(int dirfd, const char *name)
{
	int fd = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	DIR *dir;

	if (fd < 0)
		return NULL;
	dir = fdopendir(fd);
	if (!dir)
		close(fd);
	return dir;
}

/* One pass over the directory: which attributes exist, virtfn links, virtio children. */
static int scan_dir(struct iov_dev *d, struct devdir *dd)
{
	struct dirent *de;
	DIR *dir;
	int r = 0, fd;

	/* the directory stream takes its own fd: ours stays for the attributes */
	fd = dup(dd->fd);
	if (fd < 0)
		return -errno;
	dir = fdopendir(fd);
	if (!dir) {
		r = -errno;
		close(fd);
		return r;
	}
	while ((de = readdir(dir)) && r == 0) {
		int a;

		if (de->d_name[0] == '.')
			continue;
		if (strncmp(de->d_name, "virtfn", 6) == 0) {
			r = add_virtfn(d, dd, de->d_name);
			continue;
		}
		if (strncmp(de->d_name, "virtio", 6) == 0) {
			r = add_name(&dd->virtio, &dd->nvirtio, de->d_name);
			continue;
		}
		if (strncmp(de->d_name, "host", 4) == 0)
			d->dir_has |= IOV_DIR_HOST;
		else if (strcmp(de->d_name, "infiniband") == 0)
			d->dir_has |= IOV_DIR_INFINIBAND;
		else if (strcmp(de->d_name, "modalias") == 0)
			d->dir_has |= IOV_DIR_MODALIAS;
		a = attr_lookup(de->d_name);
		if (a >= 0)
			dd->have |= 1ull << a;
	}
	closedir(dir);
	if (has(dd, A_NET))
		d->dir_has |= IOV_DIR_NET;
	if (r == 0)
		d->dir_has |= IOV_DIR_KNOWN;
	return r;
}

static void read_config(struct iov_dev *d, struct devdir *dd)
{
	ssize_t n;

	if (!has(dd, A_CONFIG))
		return;
	n = iov_read_bin_at(dd->fd, "config", d->cfg.bytes, sizeof(d->cfg.bytes));
	if (n < 0) {
		d->cfg_errno = n;	/* there but unreadable: not a short capture */
		return;
	}
	d->cfg.len = n;
	d->cfg_ok = n >= 64;
	if (!d->cfg_ok)
		d->cfg.len = 0;
}

static void read_resource(struct iov_dev *d, struct devdir *dd)
{
	char buf[4096];
	const char *p = buf;
	unsigned i;

	if (read_str(dd, A_RESOURCE, buf, sizeof(buf)) < 0)
		return;
	d->has_resource = true;
	/* lines of "0x%016llx 0x%016llx 0x%016llx" */
	for (i = 0; i < IOV_RES_LINES && *p; i++) {
		unsigned long long v[3];
		char *end;
		int k;

		for (k = 0; k < 3; k++) {
			v[k] = strtoull(p, &end, 16);
			if (end == p)
				break;
			p = end;
		}
		if (k < 3)
			break;
		d->res[i].start = v[0];
		d->res[i].end = v[1];
		d->res[i].flags = v[2];
		while (*p == ' ' || *p == '\n')
			p++;
	}
	d->nres = i;
}

/* "RxErr 0\n...\nTOTAL_ERR_COR 3": the total and the counters that moved */
static int aer_file(struct devdir *dd, enum attr a, enum iov_aer_kind kind, struct iov_aer_counts *c,
		    uint64_t *total)
{
	char buf[4096];

	if (read_str(dd, a, buf, sizeof(buf)) < 0)
		return -ENOENT;
	return iov_aer_parse(buf, kind, c, total);
}

static void read_aer(struct iov_dev *d, struct devdir *dd)
{
	struct iov_aer_counts *c = &d->aer_counts;
	long long v;
	int ok = 0;

	/* the counters exist only for functions with AER, if the lists are whole */
	if (d->cfg.len >= IOV_CFG_SIZE && !d->c.aer.present && d->caps.std_status == IOV_WALK_OK &&
	    d->caps.ext_status == IOV_WALK_OK)
		return;
	ok += aer_file(dd, A_AER_COR, IOV_AER_COR, c, &c->correctable) == 0;
	ok += aer_file(dd, A_AER_NONFATAL, IOV_AER_NONFATAL, c, &c->nonfatal) == 0;
	ok += aer_file(dd, A_AER_FATAL, IOV_AER_FATAL, c, &c->fatal) == 0;
	c->present = ok > 0;
	/* root ports also count what their hierarchy reported */
	v = read_ll(dd, A_RP_COR, -1);
	if (v < 0)
		return;
	c->rootport = true;
	c->rp_cor = v;
	c->rp_nonfatal = read_ll(dd, A_RP_NONFATAL, 0);
	c->rp_fatal = read_ll(dd, A_RP_FATAL, 0);
}

/* "8.0 GT/s PCIe" -> 8.0; "Unknown" -> 0 */
static double parse_speed(const char *s)
{
	char *end;
	double v = strtod(s, &end);

	return end == s ? 0 : v;
}

/* Highest speed in a LnkCap2 Supported Link Speeds vector, as encoded in LnkCap. */
static unsigned top_speed(uint8_t vector)
{
	unsigned enc = 0;

	while (vector) {
		enc++;
		vector >>= 1;
	}
	return enc;
}

/*
 * The kernel derives current_link_* and max_link_* from LnkSta, LnkCap and
 * LnkCap2 (pcie_get_speed_cap); with config in hand we do the same and save
 * four files per function. Without it, the attributes tell.
 */
static void read_link(struct iov_dev *d, struct devdir *dd)
{
	const struct iov_pcie *p = &d->c.pcie;
	char buf[64];

	if (d->cfg.len >= IOV_CFG_STD_SIZE && p->present) {
		if (!p->has_link)
			return;
		d->link.speed_gts = iov_link_speed_gts(p->link_speed);
		d->link.width = p->link_width;
		d->link.max_speed_gts = iov_link_speed_gts(p->link_speeds_supported ?
							   top_speed(p->link_speeds_supported) :
							   p->link_cap_speed);
		d->link.max_width = p->link_cap_width;
		return;
	}
	if (read_str(dd, A_CUR_SPEED, buf, sizeof(buf)) == 0)
		d->link.speed_gts = parse_speed(buf);
	if (read_str(dd, A_MAX_SPEED, buf, sizeof(buf)) == 0)
		d->link.max_speed_gts = parse_speed(buf);
	d->link.width = read_ll(dd, A_CUR_WIDTH, 0);
	d->link.max_width = read_ll(dd, A_MAX_WIDTH, 0);
}

static void read_msi_irqs(struct iov_dev *d, struct devdir *dd)
{
	struct dirent *de;
	unsigned n = 0;
	char mode[8] = "";
	DIR *dir;

	/* config says which of MSI-X or MSI is on; else ask the first vector */
	bool msix_on = d->c.msix.present && d->c.msix.enabled;
	bool known = msix_on || (d->c.msi.present && d->c.msi.enabled);

	if (!has(dd, A_MSI_IRQS))
		return;
	if (msix_on)
		strcpy(mode, "msix");
	dir = opendir_at(dd->fd, "msi_irqs");
	if (!dir)
		return;
	while ((de = readdir(dir))) {
		if (de->d_name[0] == '.')
			continue;
		if (!n && !known)
			iov_read_file_at(dirfd(dir), de->d_name, mode, sizeof(mode));
		n++;
	}
	closedir(dir);
	if (strcmp(mode, "msix") == 0)
		d->msix_irqs = n;
	else
		d->msi_irqs = n;
}

static void read_sriov_sysfs(struct iov_dev *d, struct devdir *dd)
{
	struct iov_sriov_sysfs *s = &d->sriov_sysfs;

	s->totalvfs = read_ll(dd, A_SRIOV_TOTAL, -1);
	s->numvfs = read_ll(dd, A_SRIOV_NUM, -1);
	s->offset = read_ll(dd, A_SRIOV_OFFSET, -1);
	s->stride = read_ll(dd, A_SRIOV_STRIDE, -1);
	s->vf_device = read_ll(dd, A_SRIOV_VFDEV, -1);
	s->drivers_autoprobe = read_ll(dd, A_SRIOV_AUTOPROBE, -1);
	s->vf_total_msix = read_ll(dd, A_SRIOV_TOTAL_MSIX, -1);
	/* sriov_vf_device is printed in hex without a 0x prefix */
	if (has(dd, A_SRIOV_VFDEV)) {
		char buf[16];

		if (read_str(dd, A_SRIOV_VFDEV, buf, sizeof(buf)) == 0)
			s->vf_device = strtol(buf, NULL, 16);
	}
}

void iov_sriov_resolve(struct iov_dev *d)
{
	const struct iov_sriov *c = &d->c.sriov;
	const struct iov_sriov_sysfs *k = &d->sriov_sysfs;
	struct iov_sriov_state *s = &d->sriov;

	s->pf = c->present || k->totalvfs >= 0;
	s->from_config = c->present;
	if (c->present) {
		s->total_vfs = c->total_vfs;
		s->num_vfs = c->num_vfs;
		s->offset = c->first_vf_offset;
		s->stride = c->vf_stride;
	} else {
		s->total_vfs = k->totalvfs;
		s->num_vfs = k->numvfs;
		s->offset = k->offset;
		s->stride = k->stride;
	}
}

/* net, block and NVMe children through the one resolver (fndevs.c) */
static void read_class_children(struct iov_ctx *ctx, struct iov_dev *d, struct devdir *dd)
{
	struct iov_fn_hint hint = {
		.net = has(dd, A_NET), .block = has(dd, A_BLOCK), .nvme = has(dd, A_NVME),
		.virtio = dd->virtio, .nvirtio = dd->nvirtio,
	};
	struct iov_fn_devs fd;
	unsigned i;

	if (!hint.net && !hint.block && !hint.nvme && !hint.nvirtio)
		return;
	dd->path[dd->plen] = '\0';
	if (iov_fn_devs_read_dir(ctx, dd->path, &hint, 0, &fd) < 0)
		return;
	/* the scan keeps names: a multipath path by its head */
	d->netdevs = fd.net;
	d->nnetdevs = fd.nnet;
	fd.net = NULL;
	fd.nnet = 0;
	for (i = 0; i < fd.ndisk; i++)
		add_name(&d->blockdevs, &d->nblockdevs, fd.disk[i].name);
	iov_fn_devs_free(&fd);
}

/* "../../../devices/pci0000:00/0000:00:02.0/0000:01:00.0" -> syspath, root bus, parent */
static int read_syspath(int devices_fd, struct iov_dev *d)
{
	char target[PATH_MAX];
	const char *p, *comp, *prev = NULL;
	ssize_t n;

	n = readlinkat(devices_fd, d->addr, target, sizeof(target) - 1);
	if (n < 0)
		return -errno;
	target[n] = '\0';
	p = strstr(target, "devices/");
	if (!p)
		return -EINVAL;
	d->syspath = strdup(p);
	if (!d->syspath)
		return -ENOMEM;
	comp = p + strlen("devices/");
	/*
	 * The root bus is the last "pciDDDD:BB" component: a VMD endpoint
	 * (0000:00:0e.0) hosts its own root bus (pci10000:00) below itself.
	 * The parent is the last function between that root bus and us.
	 */
	for (p = comp; *p; p += strcspn(p, "/"), p += *p == '/') {
		size_t len = strcspn(p, "/");
		char part[IOV_BDF_STRLEN];

		if (len > 3 && strncmp(p, "pci", 3) == 0 && memchr(p, ':', len)) {
			snprintf(d->root_bus, sizeof(d->root_bus), "%.*s", (int)len, p);
			prev = NULL;
			continue;
		}
		if (len >= sizeof(part))
			continue;
		memcpy(part, p, len);
		part[len] = '\0';
		if (iov_bdf_canonical(part, NULL) && strcmp(part, d->addr) != 0)
			prev = p;
	}
	if (prev)
		snprintf(d->parent_addr, sizeof(d->parent_addr), "%.*s", (int)strcspn(prev, "/"), prev);
	return 0;
}

/*
 * Identity from config space when we have it; VFs read vendor/device as
 * ffff there (as the spec requires), so those two come from sysfs.
 */
static void read_identity(struct iov_dev *d, struct devdir *dd)
{
	const struct iov_config *c = &d->cfg;
	long long v;

	if (d->cfg_ok) {
		d->vendor = iov_cfg_u16(c, 0x00);
		d->device = iov_cfg_u16(c, 0x02);
		d->revision = iov_cfg_u8(c, 0x08);
		d->class_code = iov_cfg_u32(c, 0x08) >> 8;
		if ((iov_cfg_u8(c, 0x0e) & 0x7f) == 0) {
			d->subsys_vendor = iov_cfg_u16(c, 0x2c);
			d->subsys_device = iov_cfg_u16(c, 0x2e);
		} else {
			d->subsys_vendor = read_ll(dd, A_SUBSYS_VENDOR, 0);
			d->subsys_device = read_ll(dd, A_SUBSYS_DEVICE, 0);
		}
		if (d->vendor != 0xffff)
			return;
		/* a VF: the scan takes its IDs from the PF, as the kernel does */
		if (has(dd, A_PHYSFN))
			return;
	}
	if (iov_read_int_at(dd->fd, "vendor", &v) == 0)
		d->vendor = v;
	if (iov_read_int_at(dd->fd, "device", &v) == 0)
		d->device = v;
	if (d->cfg_ok)
		return;
	if (iov_read_int_at(dd->fd, "class", &v) == 0)
		d->class_code = v & 0xffffff;
	d->subsys_vendor = read_ll(dd, A_SUBSYS_VENDOR, 0);
	d->subsys_device = read_ll(dd, A_SUBSYS_DEVICE, 0);
	d->revision = read_ll(dd, A_REVISION, 0);
}

static void read_header(struct iov_dev *d)
{
	d->header_type = 0xff;
	if (d->cfg_ok) {
		d->header_type = d->cfg.bytes[0x0e] & 0x7f;
		d->multifunction = d->cfg.bytes[0x0e] & 0x80;
		/* a VF's config reads revision from its PF; sysfs already has it */
	}
	/* class 0x0604/0x0609 bridges even when config is not readable */
	d->is_bridge = d->header_type == 1 ||
		       (d->header_type == 0xff && ((d->class_code >> 8) == 0x0604 ||
						   (d->class_code >> 8) == 0x0609));
}

static void read_links(struct iov_dev *d, struct devdir *dd)
{
	char name[256];
	long long g;

	if (has(dd, A_DRIVER) && iov_read_link_name_at(dd->fd, "driver", name, sizeof(name)) == 0)
		d->driver = strdup(name);
	d->iommu_group = -1;
	if (has(dd, A_GROUP) &&
	    iov_read_link_name_at(dd->fd, "iommu_group", name, sizeof(name)) == 0 &&
	    iov_parse_int(name, &g) == 0)
		d->iommu_group = g;
	if (has(dd, A_PHYSFN))
		iov_read_link_name_at(dd->fd, "physfn", d->physfn_addr, sizeof(d->physfn_addr));
	d->is_vf = d->physfn_addr[0] != '\0';
}

/* the kernel's MAX_NUMNODES is at most 1 << CONFIG_NODES_SHIFT, 10 bits */
#define MAX_NUMA_NODE	1023

static void read_numa(struct iov_dev *d, struct devdir *dd)
{
	long long v = read_ll(dd, A_NUMA, -1);

	/* checked as read, before it narrows to int: a node no kernel has is unknown */
	d->numa_node = v >= 0 && v <= MAX_NUMA_NODE ? (int)v : -1;
}

static void read_misc(struct iov_dev *d, struct devdir *dd)
{
	d->local_cpulist = read_strdup(dd, A_CPULIST);
	read_str(dd, A_POWER, d->power_state, sizeof(d->power_state));
	d->reset_methods = read_strdup(dd, A_RESET);
	d->irq = read_ll(dd, A_IRQ, -1);
	d->vf_msix_count = read_ll(dd, A_VF_MSIX, -1);
}

int iov_dev_read(struct iov_ctx *ctx, int devices_fd, const struct iov_bdf *bdf, unsigned flags,
		 struct iov_dev **out)
{
	struct devdir dd = { .have = 0, .fd = -1 };
	struct iov_dev *d;
	unsigned i;
	int r;

	*out = NULL;
	d = calloc(1, sizeof(*d));
	if (!d)
		return -ENOMEM;
	d->bdf = *bdf;
	d->vf_index = -1;
	iov_bdf_format(bdf, d->addr);
	r = iov_sysfs_path(ctx, dd.path, sizeof(dd.path), "bus/pci/devices/%s", d->addr);
	if (r < 0)
		goto fail;
	dd.plen = strlen(dd.path);
	dd.fd = openat(devices_fd, d->addr, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dd.fd < 0) {
		r = -errno;
		goto fail;
	}
	r = scan_dir(d, &dd);
	if (r < 0)
		goto fail;
	r = read_syspath(devices_fd, d);
	if (r < 0)
		goto fail;
	read_config(d, &dd);
	read_identity(d, &dd);
	read_header(d);
	iov_caps_walk(&d->cfg, &d->caps);
	iov_caps_decode(&d->cfg, &d->caps, &d->c);
	read_links(d, &dd);
	read_numa(d, &dd);
	read_link(d, &dd);
	read_sriov_sysfs(d, &dd);
	iov_sriov_resolve(d);
	if (flags & IOV_SCAN_BRIEF) {
		d->irq = -1;
		d->vf_msix_count = -1;
	} else {
		read_misc(d, &dd);
		read_resource(d, &dd);
		read_aer(d, &dd);
		read_msi_irqs(d, &dd);
		read_class_children(ctx, d, &dd);
	}
	for (i = 0; i < dd.nvirtio; i++)
		free(dd.virtio[i]);
	free(dd.virtio);
	close(dd.fd);
	*out = d;
	return 0;
fail:
	for (i = 0; i < dd.nvirtio; i++)
		free(dd.virtio[i]);
	free(dd.virtio);
	if (dd.fd >= 0)
		close(dd.fd);
	iov_dev_free(d);
	return r;
}

int iov_dev_read_ids(struct iov_ctx *ctx, struct iov_dev *d)
{
	long long v;
	int r;

	r = iov_sysfs_read_int(ctx, &v, "bus/pci/devices/%s/vendor", d->addr);
	if (r == 0)
		d->vendor = v;
	if (r == 0 && (r = iov_sysfs_read_int(ctx, &v, "bus/pci/devices/%s/device", d->addr)) == 0)
		d->device = v;
	return r;
}

void iov_dev_free(struct iov_dev *d)
{
	unsigned i;

	if (!d)
		return;
	free(d->syspath);
	free(d->vendor_name);
	free(d->device_name);
	free(d->class_name);
	free(d->driver);
	free(d->local_cpulist);
	free(d->reset_methods);
	free(d->aer_counts.moved);
	free(d->irq_locality);
	free(d->virtfn);
	for (i = 0; i < d->nnetdevs; i++)
		free(d->netdevs[i]);
	free(d->netdevs);
	for (i = 0; i < d->nblockdevs; i++)
		free(d->blockdevs[i]);
	free(d->blockdevs);
	free(d->vfs);
	free(d);
}
