// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Findings and IOMMU isolation (lib/findings.c, lib/iommu.c) over a sysfs
 * tree written from C into a temp dir: a root port with an SR-IOV PF and
 * two VFs below it, laid out as the kernel lays it out (bus/pci/devices
 * links into devices/pci0000:00/..., physfn/virtfnN/driver/iommu_group
 * links, kernel/iommu_groups/N/devices, devices/system/node/online). The
 * base tree is healthy and raises nothing; each test changes one fact and
 * checks that exactly the rules about that fact fire.
 */
#include "iov.h"
#include "cfgbuild.h"

#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_FNS 8
#define NRES_ENDPOINT 13	/* resource lines the kernel prints (with CONFIG_PCI_IOV) */
#define NRES_BRIDGE 17

/* kernel IORESOURCE_MEM | IORESOURCE_MEM_64 | SIZEALIGN, as in real 'resource' files */
#define RES_MEM64 0x140204ull

/* config offsets used by the base functions */
#define EXP_OFF		0x40
#define MSIX_OFF	0x80
#define ARI_OFF		0x100
#define ACS_OFF		0x100
#define SRIOV_OFF	0x140
#define AER_OFF		0x180
#define AER_OFF		0x180

struct fn {
	char addr[IOV_BDF_STRLEN];
	const char *parent;	/* upstream bridge's address; NULL under the host bridge */
	const char *host;	/* "pci0000:00" */
	uint16_t vendor, device;
	uint32_t class_code;
	struct cfgbuild cb;	/* cb.cfg.len bytes go to 'config' */
	const char *driver;	/* NULL: unbound */
	int group;		/* -1: no iommu_group link */
	int numa;
	const char *power;
	const char *cur_speed, *max_speed;	/* NULL: no file */
	int cur_width, max_width;
	const char *physfn;	/* VF: the PF's address */
	int vf_index;
	long long totalvfs, numvfs, offset, stride, autoprobe;	/* -1: no file */
	const char *vf_msix;	/* sriov_vf_msix_count content; NULL: no file */
	unsigned long long res[NRES_BRIDGE][3];
	unsigned nres;
	long long aer[3];	/* TOTAL_ERR_COR/NONFATAL/FATAL; -1: no aer_dev_* files */
};

struct scen {
	struct fn fn[MAX_FNS];
	unsigned n;
	bool iommu;		/* kernel/iommu_groups exists */
	const char *nodes_online;	/* NULL: no devices/system/node/online */
};

static char root[PATH_MAX];
static struct scen S;
static struct iov_ctx *ctx;
static struct iov_devlist *list;
static struct iov_findings F;

/* snprintf that fails the test rather than truncate a path */
#define xsnprintf(buf, len, ...) ck_assert_int_lt(snprintf(buf, len, __VA_ARGS__), (int)(len))

/* ---- writing the tree ---------------------------------------------------- */

static void mkdirs(const char *rel)
{
	char path[PATH_MAX];
	char *p;

	xsnprintf(path, sizeof(path), "%s/%s", root, rel);
	for (p = path + strlen(root) + 1; (p = strchr(p, '/')); p++) {
		*p = '\0';
		ck_assert_msg(mkdir(path, 0755) == 0 || errno == EEXIST, "mkdir %s", path);
		*p = '/';
	}
	ck_assert_msg(mkdir(path, 0755) == 0 || errno == EEXIST, "mkdir %s", path);
}

static void write_bin(const char *rel, const void *data, size_t len)
{
	char path[PATH_MAX];
	int fd;

	xsnprintf(path, sizeof(path), "%s/%s", root, rel);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	ck_assert_msg(fd >= 0, "create %s", path);
	ck_assert_int_eq(write(fd, data, len), (ssize_t)len);
	close(fd);
}

static void write_str(const char *rel, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void write_str(const char *rel, const char *fmt, ...)
{
	char buf[4096];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	ck_assert_int_lt(n, (int)sizeof(buf));
	write_bin(rel, buf, n);
}

/* link -> target, both relative to the root, spelled with ../ as sysfs does */
static void rel_symlink(const char *target, const char *link)
{
	char rel[PATH_MAX] = "", path[PATH_MAX];
	const char *p;

	for (p = strchr(link, '/'); p; p = strchr(p + 1, '/'))
		strcat(rel, "../");
	ck_assert_uint_lt(strlen(rel) + strlen(target), sizeof(rel));
	strcat(rel, target);
	xsnprintf(path, sizeof(path), "%s/%s", root, link);
	ck_assert_msg(symlink(rel, path) == 0, "symlink %s", path);
}

static const struct fn *fn_by_addr(const char *addr)
{
	unsigned i;

	for (i = 0; i < S.n; i++)
		if (strcmp(S.fn[i].addr, addr) == 0)
			return &S.fn[i];
	ck_abort_msg("no function %s in the scenario", addr);
	return NULL;
}

/* "devices/pci0000:00/0000:00:01.0/0000:01:00.0" */
static void syspath(const struct fn *f, char *buf, size_t len)
{
	char up[PATH_MAX];

	if (!f->parent) {
		xsnprintf(buf, len, "devices/%s/%s", f->host, f->addr);
		return;
	}
	syspath(fn_by_addr(f->parent), up, sizeof(up));
	xsnprintf(buf, len, "%s/%s", up, f->addr);
}

/* GT/s as the kernel prints it ("8.0 GT/s PCIe") -> LnkCap/LnkSta encoding */
static unsigned speed_enc(const char *s)
{
	static const char *const speeds[] = { "2.5", "5.0", "8.0", "16.0", "32.0", "64.0" };
	unsigned i;

	for (i = 0; s && i < 6; i++)
		if (strncmp(s, speeds[i], strlen(speeds[i])) == 0 && s[strlen(speeds[i])] == ' ')
			return i + 1;
	return 0;
}

/*
 * Keep config space saying what the attributes say, as on a real kernel
 * (which derives the attributes from it): identity, and the link registers
 * the kernel turns into current_link_* and max_link_*.
 */
static void sync_config(const struct fn *f, struct iov_config *c)
{
	if (c->len < 64)
		return;
	if (iov_cfg_u16(c, 0x00) != 0xffff) {
		put16(c, 0x00, f->vendor);
		put16(c, 0x02, f->device);
	}
	put8(c, 0x09, f->class_code & 0xff);
	put16(c, 0x0a, f->class_code >> 8);
	if (c->len < 256 || !iov_cfg_has(c, EXP_OFF, 0x3c) || c->bytes[EXP_OFF] != IOV_CAP_ID_EXP ||
	    !f->cur_speed)
		return;
	put32(c, EXP_OFF + 0x0c, (get32(c, EXP_OFF + 0x0c) & ~0x3ffu) | speed_enc(f->max_speed) |
				 (unsigned)f->max_width << 4);
	put16(c, EXP_OFF + 0x12, (iov_cfg_u16(c, EXP_OFF + 0x12) & ~0x3ffu) | speed_enc(f->cur_speed) |
				 (unsigned)f->cur_width << 4);
	/* Supported Link Speeds up to the maximum */
	put32(c, EXP_OFF + 0x2c, ((1u << speed_enc(f->max_speed)) - 1) << 1);
}

static void write_fn(const struct fn *f)
{
	char dir[PATH_MAX], p[PATH_MAX], res[NRES_BRIDGE * 64] = "";
	static struct iov_config cfg;	/* 4 KiB: keep it off the stack */
	unsigned i;

	syspath(f, dir, sizeof(dir));
	mkdirs(dir);
	xsnprintf(p, sizeof(p), "bus/pci/devices/%s", f->addr);
	rel_symlink(dir, p);

#define ATTR(name, ...)                                                    \
	do {                                                               \
		xsnprintf(p, sizeof(p), "%s/%s", dir, name);               \
		write_str(p, __VA_ARGS__);                                 \
	} while (0)
	ATTR("vendor", "0x%04x\n", f->vendor);
	ATTR("device", "0x%04x\n", f->device);
	ATTR("class", "0x%06x\n", f->class_code);
	ATTR("subsystem_vendor", "0x%04x\n", f->vendor);
	ATTR("subsystem_device", "0x0000\n");
	ATTR("revision", "0x01\n");
	ATTR("irq", "16\n");
	ATTR("enable", "1\n");
	ATTR("numa_node", "%d\n", f->numa);
	ATTR("local_cpulist", "0-1\n");
	ATTR("power_state", "%s\n", f->power);
	for (i = 0; i < f->nres; i++)
		xsnprintf(res + strlen(res), sizeof(res) - strlen(res),
			  "0x%016llx 0x%016llx 0x%016llx\n", f->res[i][0], f->res[i][1], f->res[i][2]);
	ATTR("resource", "%s", res);
	if (f->cur_speed) {
		ATTR("current_link_speed", "%s\n", f->cur_speed);
		ATTR("max_link_speed", "%s\n", f->max_speed);
		ATTR("current_link_width", "%d\n", f->cur_width);
		ATTR("max_link_width", "%d\n", f->max_width);
	}
	if (f->aer[0] >= 0) {
		/* the kernel's format: one counter per line, the total last */
		ATTR("aer_dev_correctable",
		     "RxErr 0\nBadTLP %lld\nBadDLLP 0\nRollover 0\nTimeout 0\nNonFatalErr 0\n"
		     "CorrIntErr 0\nHeaderOF 0\nTOTAL_ERR_COR %lld\n", f->aer[0], f->aer[0]);
		ATTR("aer_dev_nonfatal",
		     "Undefined 0\nDLP 0\nSDES 0\nTLP 0\nFCP 0\nCmpltTO %lld\nCmpltAbrt 0\n"
		     "UnxCmplt 0\nRxOF 0\nMalfTLP 0\nECRC 0\nUnsupReq 0\nACSViol 0\n"
		     "TOTAL_ERR_NONFATAL %lld\n", f->aer[1], f->aer[1]);
		ATTR("aer_dev_fatal",
		     "Undefined 0\nDLP 0\nSDES 0\nTLP 0\nFCP 0\nCmpltTO 0\nCmpltAbrt 0\n"
		     "UnxCmplt 0\nRxOF 0\nMalfTLP %lld\nECRC 0\nUnsupReq 0\nACSViol 0\n"
		     "TOTAL_ERR_FATAL %lld\n", f->aer[2], f->aer[2]);
	}
	if (f->totalvfs >= 0)
		ATTR("sriov_totalvfs", "%lld\n", f->totalvfs);
	if (f->numvfs >= 0)
		ATTR("sriov_numvfs", "%lld\n", f->numvfs);
	if (f->offset >= 0)
		ATTR("sriov_offset", "%lld\n", f->offset);
	if (f->stride >= 0)
		ATTR("sriov_stride", "%lld\n", f->stride);
	if (f->autoprobe >= 0)
		ATTR("sriov_drivers_autoprobe", "%lld\n", f->autoprobe);
	if (f->totalvfs >= 0)
		ATTR("sriov_vf_device", "%x\n", f->cb.cfg.bytes[SRIOV_OFF + 0x1a] |
						 f->cb.cfg.bytes[SRIOV_OFF + 0x1b] << 8);
	if (f->vf_msix)
		ATTR("sriov_vf_msix_count", "%s", f->vf_msix);
#undef ATTR
	cfg = f->cb.cfg;
	sync_config(f, &cfg);
	xsnprintf(p, sizeof(p), "%s/config", dir);
	write_bin(p, cfg.bytes, cfg.len);

	if (f->driver) {
		char drv[PATH_MAX];

		xsnprintf(drv, sizeof(drv), "bus/pci/drivers/%s", f->driver);
		mkdirs(drv);
		xsnprintf(p, sizeof(p), "%s/driver", dir);
		rel_symlink(drv, p);
	}
	if (f->physfn) {
		char target[32], vlink[PATH_MAX];

		/* VF and PF are siblings: the kernel links them as ../<addr> */
		xsnprintf(p, sizeof(p), "%s/%s/physfn", root, dir);
		xsnprintf(target, sizeof(target), "../%s", f->physfn);
		ck_assert_int_eq(symlink(target, p), 0);
		syspath(fn_by_addr(f->physfn), p, sizeof(p));
		xsnprintf(p + strlen(p), sizeof(p) - strlen(p), "/virtfn%d", f->vf_index);
		xsnprintf(target, sizeof(target), "../%s", f->addr);
		xsnprintf(vlink, sizeof(vlink), "%s/%s", root, p);
		ck_assert_int_eq(symlink(target, vlink), 0);
	}
	if (S.iommu && f->group >= 0) {
		char grp[64];

		xsnprintf(grp, sizeof(grp), "kernel/iommu_groups/%d", f->group);
		xsnprintf(p, sizeof(p), "%s/devices", grp);
		mkdirs(p);
		xsnprintf(p, sizeof(p), "%s/type", grp);
		write_str(p, "DMA\n");
		xsnprintf(p, sizeof(p), "%s/devices/%s", grp, f->addr);
		rel_symlink(dir, p);
		xsnprintf(p, sizeof(p), "%s/iommu_group", dir);
		rel_symlink(grp, p);
	}
}

static void write_tree(void)
{
	unsigned i;

	mkdirs("bus/pci/devices");
	mkdirs("bus/pci/drivers");
	mkdirs("devices/system/node");
	if (S.iommu)
		mkdirs("kernel/iommu_groups");
	if (S.nodes_online)
		write_str("devices/system/node/online", "%s\n", S.nodes_online);
	for (i = 0; i < S.n; i++)
		if (!S.fn[i].parent)
			mkdirs("devices/pci0000:00");
	for (i = 0; i < S.n; i++)
		write_fn(&S.fn[i]);
}

/* ---- the base scenario --------------------------------------------------- */

static struct fn *fn_new(const char *addr, const char *parent, uint32_t class_code)
{
	struct fn *f;

	ck_assert_uint_lt(S.n, MAX_FNS);
	f = &S.fn[S.n++];
	memset(f, 0, sizeof(*f));
	snprintf(f->addr, sizeof(f->addr), "%s", addr);
	f->parent = parent;
	f->host = "pci0000:00";
	f->vendor = 0x8086;
	f->class_code = class_code;
	f->group = -1;
	f->numa = 0;
	f->power = "D0";
	f->vf_index = -1;
	f->totalvfs = f->numvfs = f->offset = f->stride = f->autoprobe = -1;
	f->aer[0] = f->aer[1] = f->aer[2] = 0;
	cb_init(&f->cb, IOV_CFG_SIZE);
	return f;
}

/* PCIe capability v2 with a link: speed encoding and width, trained and capable */
static void add_pcie(struct fn *f, unsigned type, unsigned cap_speed, unsigned cap_width,
		     unsigned speed, unsigned width)
{
	struct iov_config *c = &f->cb.cfg;

	add_std_cap(&f->cb, EXP_OFF, IOV_CAP_ID_EXP);
	put16(c, EXP_OFF + 0x02, 2 | type << 4);
	put32(c, EXP_OFF + 0x04, 0x2 | 1u << 28);		/* MPS 512, FLR */
	put16(c, EXP_OFF + 0x08, 1 << 5 | 2 << 12);		/* MPS 256, MRRS 512 */
	put32(c, EXP_OFF + 0x0c, cap_speed | cap_width << 4);
	put16(c, EXP_OFF + 0x12, speed | width << 4 | 1 << 13);
	put32(c, EXP_OFF + 0x2c, 0x0e);			/* 2.5, 5, 8 GT/s */
}

static void set_link(struct fn *f, const char *cur, int cw, const char *max, int mw)
{
	f->cur_speed = cur;
	f->cur_width = cw;
	f->max_speed = max;
	f->max_width = mw;
}

static struct fn *rp, *pf, *vf0, *vf1;

static void add_msix(struct fn *f, unsigned entries)
{
	add_std_cap(&f->cb, MSIX_OFF, IOV_CAP_ID_MSIX);
	put16(&f->cb.cfg, MSIX_OFF + 2, (entries - 1) | 0x8000);
	put32(&f->cb.cfg, MSIX_OFF + 4, 0x2000 | 3);
	put32(&f->cb.cfg, MSIX_OFF + 8, 0x3000 | 3);
}

/*
 * A healthy host: root port 00:01.0 (ACS SV/RR/CR/UF on, ARI forwarding on)
 * above PF 01:00.0 (ARI, SR-IOV: TotalVFs 8, NumVFs 2, offset 1, stride 1,
 * a 64-bit VF BAR0 with its window assigned) and VFs 01:00.1, 01:00.2, each
 * bound and in its own IOMMU group, on a 2-node host with known NUMA nodes.
 */
static void base(void)
{
	struct iov_config *c;
	unsigned i;

	memset(&S, 0, sizeof(S));
	S.iommu = true;
	S.nodes_online = "0-1";

	rp = fn_new("0000:00:01.0", NULL, 0x060400);
	rp->device = 0x2030;
	put8(&rp->cb.cfg, PCI_HEADER_TYPE, 0x01);
	add_pcie(rp, IOV_PORT_ROOT_PORT, 3, 4, 3, 4);
	put32(&rp->cb.cfg, EXP_OFF + 0x24, 1 << 5);		/* ARI forwarding supported */
	put16(&rp->cb.cfg, EXP_OFF + 0x28, 1 << 5);		/* ... and enabled */
	add_ext_cap(&rp->cb, ACS_OFF, IOV_ECAP_ID_ACS, 1);
	put16(&rp->cb.cfg, ACS_OFF + 4, 0x1f);
	put16(&rp->cb.cfg, ACS_OFF + 6, IOV_ACS_REQUIRED);
	put8(&rp->cb.cfg, 0x18, 0x00);				/* primary bus */
	put8(&rp->cb.cfg, 0x19, 0x01);				/* secondary bus */
	put8(&rp->cb.cfg, 0x1a, 0x01);				/* subordinate bus */
	rp->driver = "pcieport";
	rp->group = 0;
	rp->nres = NRES_BRIDGE;
	set_link(rp, "8.0 GT/s PCIe", 4, "8.0 GT/s PCIe", 4);

	pf = fn_new("0000:01:00.0", "0000:00:01.0", 0x020000);
	pf->device = 0x10fb;
	c = &pf->cb.cfg;
	add_pcie(pf, IOV_PORT_ENDPOINT, 3, 4, 3, 4);
	add_msix(pf, 64);
	add_ext_cap(&pf->cb, ARI_OFF, IOV_ECAP_ID_ARI, 1);
	add_ext_cap(&pf->cb, SRIOV_OFF, IOV_ECAP_ID_SRIOV, 1);
	add_ext_cap(&pf->cb, AER_OFF, IOV_ECAP_ID_AER, 2);
	put32(c, SRIOV_OFF + 0x04, 0x2);			/* ARI hierarchy preserved */
	put16(c, SRIOV_OFF + 0x08, 0x1 | 0x8 | 0x10);		/* VFE, MSE, ARI hierarchy */
	put16(c, SRIOV_OFF + 0x0c, 8);
	put16(c, SRIOV_OFF + 0x0e, 8);
	put16(c, SRIOV_OFF + 0x10, 2);
	put16(c, SRIOV_OFF + 0x14, 1);
	put16(c, SRIOV_OFF + 0x16, 1);
	put16(c, SRIOV_OFF + 0x1a, 0x10ed);
	put32(c, SRIOV_OFF + 0x1c, 0x553);
	put32(c, SRIOV_OFF + 0x20, 0x1);
	put32(c, SRIOV_OFF + 0x24, 0xfe000000 | 0x4);		/* VF BAR0: 64-bit memory */
	put32(c, SRIOV_OFF + 0x28, 0);
	pf->driver = "ixgbe";
	pf->group = 1;
	pf->totalvfs = 8;
	pf->numvfs = 2;
	pf->offset = 1;
	pf->stride = 1;
	pf->autoprobe = 1;
	pf->nres = NRES_ENDPOINT;
	pf->res[0][0] = 0xfe100000;
	pf->res[0][1] = 0xfe17ffff;
	pf->res[0][2] = RES_MEM64;
	/* resource line 7: the VF BAR0 window, 8 VFs x 16 KiB */
	pf->res[IOV_RES_SRIOV][0] = 0xfe000000;
	pf->res[IOV_RES_SRIOV][1] = 0xfe01ffff;
	pf->res[IOV_RES_SRIOV][2] = RES_MEM64;
	set_link(pf, "8.0 GT/s PCIe", 4, "8.0 GT/s PCIe", 4);

	for (i = 0; i < 2; i++) {
		struct fn *v = fn_new(i ? "0000:01:00.2" : "0000:01:00.1", "0000:00:01.0", 0x020000);

		v->device = 0x10ed;
		/* a VF's own config reads ffff:ffff for vendor and device */
		put16(&v->cb.cfg, 0x00, 0xffff);
		put16(&v->cb.cfg, 0x02, 0xffff);
		add_pcie(v, IOV_PORT_ENDPOINT, 3, 4, 3, 4);
		add_msix(v, 4);
		v->driver = "ixgbevf";
		v->group = 2 + i;
		v->physfn = "0000:01:00.0";
		v->vf_index = i;
		v->nres = NRES_ENDPOINT;
		v->res[0][0] = 0xfe000000 + 0x4000 * i;
		v->res[0][1] = 0xfe003fff + 0x4000 * i;
		v->res[0][2] = RES_MEM64;
		set_link(v, "8.0 GT/s PCIe", 4, "8.0 GT/s PCIe", 4);
		if (i)
			vf1 = v;
		else
			vf0 = v;
	}
}

/* ---- running and checking ------------------------------------------------ */

static void expect_as_registered(void);

static void run(void)
{
	int r;

	write_tree();
	ck_assert_int_eq(iov_ctx_new(&ctx, root, NULL), 0);
	r = iov_scan(ctx, 0, &list);
	ck_assert_msg(r == 0, "iov_scan: %s", strerror(-r));
	ck_assert_uint_eq(list->n, S.n);
	ck_assert_int_eq(iov_findings_run(ctx, list, &F), 0);
	expect_as_registered();
}

/* As run(), with one function left out of bus/pci/devices (a partial capture). */
static void run_uncaptured(const char *addr)
{
	char p[PATH_MAX];
	int r;

	write_tree();
	xsnprintf(p, sizeof(p), "%s/bus/pci/devices/%s", root, addr);
	ck_assert_int_eq(unlink(p), 0);
	ck_assert_int_eq(iov_ctx_new(&ctx, root, NULL), 0);
	r = iov_scan(ctx, 0, &list);
	ck_assert_msg(r == 0, "iov_scan: %s", strerror(-r));
	ck_assert_uint_eq(list->n, S.n - 1);
	ck_assert_int_eq(iov_findings_run(ctx, list, &F), 0);
	expect_as_registered();
}

static struct iov_dev *dev(const char *addr)
{
	struct iov_bdf b;
	struct iov_dev *d;

	ck_assert_int_eq(iov_bdf_parse(addr, &b), 0);
	d = iov_devlist_find(list, &b);
	ck_assert_msg(d != NULL, "%s not scanned", addr);
	return d;
}

static const struct iov_finding *finding(const char *id)
{
	size_t i;

	for (i = 0; i < F.n; i++)
		if (strcmp(F.f[i].id, id) == 0)
			return &F.f[i];
	return NULL;
}

/*
 * Every finding raised is its rule's: the id and severity of the registry
 * (no raise site may pick another), a hint, and a subject of the right shape.
 */
static void expect_as_registered(void)
{
	size_t i;
	unsigned k;

	for (i = 0; i < F.n; i++) {
		const struct iov_finding *f = &F.f[i];
		const struct iov_subject *s = &f->subject;

		ck_assert_uint_lt(f->rule, IOV_F_COUNT);
		ck_assert_ptr_eq(f->id, iov_rules[f->rule].id);
		ck_assert_msg(f->severity == iov_rules[f->rule].severity,
			      "%s raised as %s, registered as %s", f->id, iov_severity_str(f->severity),
			      iov_severity_str(iov_rules[f->rule].severity));
		ck_assert_ptr_nonnull(f->hint);
		ck_assert_ptr_eq(f->dev, s->dev);
		switch (s->kind) {
		case IOV_SUBJECT_FUNCTION:
			ck_assert_ptr_nonnull(s->dev);
			ck_assert(iov_finding_concerns(f, s->dev));
			break;
		case IOV_SUBJECT_GROUP:
			ck_assert_int_ge(s->group, 0);
			ck_assert_uint_gt(s->ndevs, 0);
			for (k = 0; k < s->ndevs; k++)
				ck_assert_int_eq(s->devs[k]->iommu_group, s->group);
			ck_assert(iov_finding_concerns(f, s->dev));
			break;
		case IOV_SUBJECT_BUS:
			ck_assert_ptr_null(s->dev);
			ck_assert_uint_gt(s->ndevs, 0);
			for (k = 0; k < s->ndevs; k++)
				ck_assert_str_eq(s->devs[k]->root_bus, s->bus);
			break;
		case IOV_SUBJECT_HOST:
			ck_assert_ptr_null(s->dev);
			break;
		}
	}
}

static void dump(char *buf, size_t len)
{
	size_t i, used = 0;

	buf[0] = '\0';
	for (i = 0; i < F.n && used < len; i++)
		used += snprintf(buf + used, len - used, "\n  %s [%s] %s", F.f[i].id,
				 F.f[i].dev ? F.f[i].dev->addr : "host", F.f[i].message);
}

/* Exactly these findings (an id listed twice must occur twice), no others. */
static void expect_findings(const char *id, ...)
{
	const char *ids[16];
	size_t n = 0, i, j;
	bool used[16] = { false };
	char all[2048];
	va_list ap;

	va_start(ap, id);
	for (; id; id = va_arg(ap, const char *)) {
		ck_assert_uint_lt(n, 16);
		ids[n++] = id;
	}
	va_end(ap);
	dump(all, sizeof(all));
	ck_assert_msg(F.n == n, "expected %zu findings, got %zu:%s", n, F.n, all);
	for (i = 0; i < F.n; i++) {
		for (j = 0; j < n; j++)
			if (!used[j] && strcmp(ids[j], F.f[i].id) == 0)
				break;
		ck_assert_msg(j < n, "unexpected finding %s:%s", F.f[i].id, all);
		used[j] = true;
	}
}

static void expect_finding_on(const char *id, const char *addr, enum iov_severity sev)
{
	const struct iov_finding *f = finding(id);

	ck_assert_msg(f != NULL, "no %s", id);
	if (addr) {
		ck_assert_ptr_nonnull(f->dev);
		ck_assert_str_eq(f->dev->addr, addr);
	} else {
		ck_assert_ptr_null(f->dev);
	}
	ck_assert_int_eq(f->severity, sev);
	ck_assert_ptr_nonnull(f->message);
	ck_assert_ptr_nonnull(f->hint);
}

static void setup(void)
{
	xsnprintf(root, sizeof(root), "%s/check_findings.XXXXXX",
		  getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	ck_assert_ptr_nonnull(mkdtemp(root));
	ctx = NULL;
	list = NULL;
	memset(&F, 0, sizeof(F));
	base();
}

static void teardown(void)
{
	char cmd[PATH_MAX + 16];

	iov_findings_free(&F);
	iov_devlist_free(list);
	iov_ctx_free(ctx);
	xsnprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
	ck_assert_int_eq(system(cmd), 0);
}

/* ---- the scan itself ------------------------------------------------------ */

START_TEST(test_base_scan)
{
	struct iov_dev *p, *v0, *v1, *r;

	run();
	r = dev("0000:00:01.0");
	p = dev("0000:01:00.0");
	v0 = dev("0000:01:00.1");
	v1 = dev("0000:01:00.2");
	/* relations from the links */
	ck_assert(r->is_bridge);
	ck_assert_ptr_null(r->parent);
	ck_assert_ptr_eq(p->parent, r);
	ck_assert_ptr_eq(v0->parent, r);
	ck_assert(iov_dev_is_pf(p));
	ck_assert(!p->is_vf);
	ck_assert(v0->is_vf && v1->is_vf);
	ck_assert_ptr_eq(v0->pf, p);
	ck_assert_ptr_eq(v1->pf, p);
	ck_assert_uint_eq(p->nvfs, 2);
	ck_assert_ptr_eq(p->vfs[0], v0);
	ck_assert_ptr_eq(p->vfs[1], v1);
	ck_assert_int_eq(v1->vf_index, 1);
	ck_assert_str_eq(p->root_bus, "pci0000:00");
	/* a VF's config says ffff; its IDs are the PF's vendor and VF Device ID */
	ck_assert_uint_eq(v0->vendor, 0x8086);
	ck_assert_uint_eq(v0->device, 0x10ed);
	ck_assert_uint_eq(p->class_code, 0x020000);
	ck_assert_str_eq(p->driver, "ixgbe");
	ck_assert_int_eq(p->iommu_group, 1);
	ck_assert_int_eq(v1->iommu_group, 3);
	ck_assert_int_eq(p->numa_node, 0);
	ck_assert_str_eq(p->power_state, "D0");
	/* config and decoded capabilities */
	ck_assert_uint_eq(p->cfg.len, IOV_CFG_SIZE);
	ck_assert(p->c.sriov.present);
	ck_assert_uint_eq(p->c.sriov.total_vfs, 8);
	ck_assert(p->c.ari.present);
	ck_assert(r->c.acs.present);
	/* resource and the VF BAR size derived from it */
	ck_assert(p->has_resource);
	ck_assert_uint_eq(p->nres, NRES_ENDPOINT);
	ck_assert_uint_eq(p->c.sriov.vf_bar[0].total, 0x20000);
	ck_assert_uint_eq(p->c.sriov.vf_bar[0].size, 0x4000);
	/* kernel attributes */
	ck_assert_int_eq(p->sriov_sysfs.totalvfs, 8);
	ck_assert_int_eq(p->sriov_sysfs.vf_device, 0x10ed);
	ck_assert(p->link.speed_gts == 8.0);
	ck_assert_int_eq(p->link.max_width, 4);
	ck_assert(p->aer_counts.present);
	/* host */
	ck_assert(list->iommu_groups_present);
	ck_assert_uint_eq(list->ngroups, 4);
	ck_assert_int_eq(list->numa_nodes, 2);
	ck_assert_uint_eq(list->limited_config, 0);
}
END_TEST

/* A second scan on the same context sees the same functions, once each. */
START_TEST(test_rescan)
{
	struct iov_devlist *again = NULL;

	run();
	ck_assert_int_eq(iov_scan(ctx, 0, &again), 0);
	ck_assert_uint_eq(again->n, S.n);
	ck_assert_uint_eq(again->ngroups, 4);
	ck_assert_uint_eq(again->groups[1].n, 1);
	iov_devlist_free(again);
}
END_TEST

START_TEST(test_base_is_clean)
{
	struct iov_isolation iso;

	run();
	expect_findings(NULL);
	ck_assert_int_eq(iov_isolation(list, dev("0000:01:00.0"), &iso), 0);
	ck_assert(iso.known);
	ck_assert(iso.isolated);
	ck_assert_uint_eq(iso.nshared, 0);
	ck_assert_uint_eq(iso.nreasons, 0);
	iov_isolation_free(&iso);
}
END_TEST

/* ---- one rule at a time -------------------------------------------------- */

START_TEST(test_iommu_off)
{
	S.iommu = false;
	run();
	expect_findings("iommu-off", NULL);
	expect_finding_on("iommu-off", NULL, IOV_SEV_WARNING);
	ck_assert(!list->iommu_groups_present);
	ck_assert_int_eq(dev("0000:01:00.0")->iommu_group, -1);
}
END_TEST

/* An empty iommu_groups directory is the same as none. */
START_TEST(test_iommu_empty_dir)
{
	S.iommu = false;
	mkdirs("kernel/iommu_groups");
	run();
	expect_findings("iommu-off", NULL);
}
END_TEST

START_TEST(test_group_not_isolated)
{
	const struct iov_finding *f;

	vf1->group = vf0->group;
	run();
	expect_findings("group-not-isolated", NULL);
	expect_finding_on("group-not-isolated", "0000:01:00.1", IOV_SEV_WARNING);
	f = finding("group-not-isolated");
	ck_assert_ptr_nonnull(strstr(f->message, "0000:01:00.1"));
	ck_assert_ptr_nonnull(strstr(f->message, "0000:01:00.2"));
}
END_TEST

/* A bridge sharing its endpoint's group is normal, not a finding. */
START_TEST(test_group_bridge_and_endpoint)
{
	rp->group = pf->group;
	run();
	expect_findings(NULL);
}
END_TEST

START_TEST(test_isolation_no_acs)
{
	struct iov_isolation iso;

	/* a root port without an ACS capability */
	put32(&rp->cb.cfg, ACS_OFF, 0);
	vf1->group = pf->group = vf0->group;
	run();
	ck_assert(!dev("0000:00:01.0")->c.acs.present);
	ck_assert_int_eq(iov_isolation(list, dev("0000:01:00.0"), &iso), 0);
	ck_assert(iso.known);
	ck_assert(!iso.isolated);
	ck_assert_uint_eq(iso.nshared, 2);
	ck_assert_uint_ge(iso.nreasons, 1);
	ck_assert_int_eq(iso.reason[0].kind, IOV_ISO_NO_ACS);
	ck_assert_str_eq(iso.reason[0].where->addr, "0000:00:01.0");
	ck_assert_uint_eq(iso.reason[0].acs_missing,
			  IOV_ACS_SV | IOV_ACS_RR | IOV_ACS_CR | IOV_ACS_UF);
	ck_assert_uint_eq(iso.reason[0].acs_absent, IOV_ACS_REQUIRED);
	iov_isolation_free(&iso);
	expect_findings("group-not-isolated", NULL);
	ck_assert_ptr_nonnull(strstr(finding("group-not-isolated")->message, "no ACS capability on 0000:00:01.0"));
}
END_TEST

START_TEST(test_isolation_acs_bits)
{
	struct iov_isolation iso;

	/* capable of everything, Request Redirect left off */
	put16(&rp->cb.cfg, ACS_OFF + 6, IOV_ACS_SV | IOV_ACS_CR | IOV_ACS_UF);
	run();
	ck_assert_int_eq(iov_isolation(list, dev("0000:01:00.0"), &iso), 0);
	ck_assert(iso.isolated);
	ck_assert_uint_eq(iso.nreasons, 1);
	ck_assert_int_eq(iso.reason[0].kind, IOV_ISO_ACS_BITS);
	ck_assert_str_eq(iso.reason[0].where->addr, "0000:00:01.0");
	ck_assert_uint_eq(iso.reason[0].acs_missing, IOV_ACS_RR);
	ck_assert_uint_eq(iso.reason[0].acs_absent, 0);
	iov_isolation_free(&iso);

	/*
	 * RR not implemented at all: as in pci_acs_flags_enabled(), a control
	 * the port lacks is hard-wired on, so the path is not a gap.
	 */
	iov_findings_free(&F);
	iov_devlist_free(list);
	list = NULL;
	ck_assert_int_eq(iov_scan(ctx, 0, &list), 0);
	dev("0000:00:01.0")->c.acs.cap &= ~IOV_ACS_RR;
	ck_assert_int_eq(iov_isolation(list, dev("0000:01:00.0"), &iso), 0);
	ck_assert_uint_eq(iso.nreasons, 0);
	iov_isolation_free(&iso);
}
END_TEST

/* Without IOMMU groups isolation is unknown, but the ACS gaps still show. */
START_TEST(test_isolation_unknown)
{
	struct iov_isolation iso;

	put32(&rp->cb.cfg, ACS_OFF, 0);
	S.iommu = false;
	run();
	ck_assert_int_eq(iov_isolation(list, dev("0000:01:00.0"), &iso), 0);
	ck_assert(!iso.known);
	ck_assert(!iso.isolated);
	ck_assert_uint_eq(iso.nreasons, 1);
	ck_assert_int_eq(iso.reason[0].kind, IOV_ISO_NO_ACS);
	iov_isolation_free(&iso);
}
END_TEST

START_TEST(test_sriov_no_vfs)
{
	put16(&pf->cb.cfg, SRIOV_OFF + 0x0e, 0);
	put16(&pf->cb.cfg, SRIOV_OFF + 0x10, 0);
	put16(&pf->cb.cfg, SRIOV_OFF + 0x08, 0);
	S.n = 2;	/* no VFs */
	pf->totalvfs = 0;
	pf->numvfs = 0;
	run();
	expect_findings("sriov-no-vfs", NULL);
	expect_finding_on("sriov-no-vfs", "0000:01:00.0", IOV_SEV_WARNING);
}
END_TEST

START_TEST(test_vf_bar_unassigned)
{
	memset(pf->res[IOV_RES_SRIOV], 0, sizeof(pf->res[0]) * IOV_SRIOV_NBARS);
	run();
	expect_findings("vf-bar-unassigned", NULL);
	expect_finding_on("vf-bar-unassigned", "0000:01:00.0", IOV_SEV_ERROR);
	ck_assert_uint_eq(dev("0000:01:00.0")->c.sriov.vf_bar[0].total, 0);
}
END_TEST

/* The kernel marks a window it could not place IORESOURCE_UNSET. */
START_TEST(test_vf_bar_unset)
{
	pf->res[IOV_RES_SRIOV][0] = 0;
	pf->res[IOV_RES_SRIOV][1] = 0x1ffff;
	pf->res[IOV_RES_SRIOV][2] = RES_MEM64 | 0x20000000;
	run();
	expect_findings("vf-bar-unassigned", NULL);
}
END_TEST

/* No VF BAR implemented: nothing to assign, nothing to report. */
START_TEST(test_vf_bar_none_implemented)
{
	put32(&pf->cb.cfg, SRIOV_OFF + 0x24, 0);
	memset(pf->res[IOV_RES_SRIOV], 0, sizeof(pf->res[0]) * IOV_SRIOV_NBARS);
	run();
	expect_findings(NULL);
}
END_TEST

START_TEST(test_vfs_without_ari)
{
	const struct iov_finding *f;

	/* no ARI capability on the PF (a vendor-specific one in its place), 8 VFs enabled */
	put32(&pf->cb.cfg, ARI_OFF, 0x0b | 1 << 16 | (uint32_t)SRIOV_OFF << 20);
	put16(&pf->cb.cfg, SRIOV_OFF + 0x08, 0x1 | 0x8);
	put16(&pf->cb.cfg, SRIOV_OFF + 0x10, 8);
	pf->numvfs = 8;
	run();
	ck_assert(!dev("0000:01:00.0")->c.ari.present);
	ck_assert_uint_eq(dev("0000:01:00.0")->c.sriov.num_vfs, 8);
	expect_findings("vfs-without-ari", NULL);
	expect_finding_on("vfs-without-ari", "0000:01:00.0", IOV_SEV_WARNING);
	f = finding("vfs-without-ari");
	ck_assert_ptr_nonnull(strstr(f->message, "8 VFs enabled"));
}
END_TEST

/* ARI on the PF is not enough when the port above does not forward it. */
START_TEST(test_vfs_ari_not_forwarded)
{
	put16(&pf->cb.cfg, SRIOV_OFF + 0x10, 8);
	put16(&rp->cb.cfg, EXP_OFF + 0x28, 0);
	run();
	expect_findings("vfs-without-ari", NULL);
}
END_TEST

/* 8 VFs possible but none enabled: worth knowing, not a warning. */
START_TEST(test_vfs_without_ari_possible)
{
	put32(&pf->cb.cfg, ARI_OFF, 0x0b | 1 << 16 | (uint32_t)SRIOV_OFF << 20);
	put16(&pf->cb.cfg, SRIOV_OFF + 0x08, 0);
	put16(&pf->cb.cfg, SRIOV_OFF + 0x10, 0);
	pf->numvfs = 0;
	S.n = 2;
	run();
	expect_findings("total-vfs-without-ari", NULL);
	expect_finding_on("total-vfs-without-ari", "0000:01:00.0", IOV_SEV_INFO);
}
END_TEST

/* 7 VFs without ARI fit in one device's 8 functions. */
START_TEST(test_seven_vfs_without_ari)
{
	put32(&pf->cb.cfg, ARI_OFF, 0x0b | 1 << 16 | (uint32_t)SRIOV_OFF << 20);
	put16(&pf->cb.cfg, SRIOV_OFF + 0x0e, 7);
	put16(&pf->cb.cfg, SRIOV_OFF + 0x10, 7);
	pf->totalvfs = 7;
	run();
	expect_findings(NULL);
}
END_TEST

START_TEST(test_vf_rid_mismatch)
{
	const struct iov_finding *f;

	/* stride 2 puts VF1 at 01:00.3, but virtfn1 is 01:00.2 */
	put16(&pf->cb.cfg, SRIOV_OFF + 0x16, 2);
	run();
	expect_findings("vf-rid-mismatch", NULL);
	expect_finding_on("vf-rid-mismatch", "0000:01:00.0", IOV_SEV_ERROR);
	f = finding("vf-rid-mismatch");
	ck_assert_ptr_nonnull(strstr(f->message, "virtfn1 is 0000:01:00.2"));
	ck_assert_ptr_nonnull(strstr(f->message, "0000:01:00.3"));
}
END_TEST

START_TEST(test_vf_unbound)
{
	vf1->driver = NULL;
	run();
	expect_findings("vf-unbound", NULL);
	expect_finding_on("vf-unbound", "0000:01:00.0", IOV_SEV_WARNING);
	ck_assert_ptr_nonnull(strstr(finding("vf-unbound")->message, "1 of 2"));
}
END_TEST

START_TEST(test_vf_unbound_autoprobe_off)
{
	vf0->driver = NULL;
	vf1->driver = NULL;
	pf->autoprobe = 0;
	run();
	expect_findings("vf-unbound", "autoprobe-off", NULL);
	expect_finding_on("autoprobe-off", "0000:01:00.0", IOV_SEV_INFO);
	ck_assert_ptr_nonnull(strstr(finding("vf-unbound")->message, "2 of 2"));
}
END_TEST

/* Autoprobe off with every VF bound (by hand) is a choice, not a problem. */
START_TEST(test_autoprobe_off_all_bound)
{
	pf->autoprobe = 0;
	run();
	expect_findings(NULL);
}
END_TEST

START_TEST(test_vf_msix_zero)
{
	vf0->vf_msix = "0\n";
	vf1->vf_msix = "4\n";
	run();
	expect_findings("vf-msix-zero", NULL);
	expect_finding_on("vf-msix-zero", "0000:01:00.1", IOV_SEV_WARNING);
}
END_TEST

/* The kernel's sriov_vf_msix_count is write-only: it reads back empty. */
START_TEST(test_vf_msix_empty_file)
{
	vf0->vf_msix = "";
	run();
	expect_findings(NULL);
	ck_assert_int_eq(dev("0000:01:00.1")->vf_msix_count, -1);
}
END_TEST

/* With the attribute unreadable, a VF without MSI-X (or MSI) in config tells. */
START_TEST(test_vf_msix_no_capability)
{
	vf0->vf_msix = "";
	vf1->vf_msix = "";
	put8(&vf1->cb.cfg, MSIX_OFF, IOV_CAP_ID_VNDR);	/* MSI-X gone, chain intact */
	run();
	expect_findings("vf-msix-zero", NULL);
	expect_finding_on("vf-msix-zero", "0000:01:00.2", IOV_SEV_WARNING);
	ck_assert_ptr_nonnull(strstr(finding("vf-msix-zero")->message, "no MSI-X capability"));
}
END_TEST

START_TEST(test_link_downtrained)
{
	/* both ends do 8 GT/s x4; the link came up at 2.5 GT/s */
	set_link(pf, "2.5 GT/s PCIe", 4, "8.0 GT/s PCIe", 4);
	set_link(rp, "2.5 GT/s PCIe", 4, "8.0 GT/s PCIe", 4);
	run();
	/* one finding, on the device: the port's reading is the same link */
	expect_findings("link-downtrained", NULL);
	expect_finding_on("link-downtrained", "0000:01:00.0", IOV_SEV_WARNING);
}
END_TEST

/* The port above was not captured: the finding names only what was read. */
START_TEST(test_link_downtrained_port_not_captured)
{
	const struct iov_finding *f;

	set_link(pf, "2.5 GT/s PCIe", 4, "8.0 GT/s PCIe", 4);
	set_link(rp, "2.5 GT/s PCIe", 4, "8.0 GT/s PCIe", 4);
	run_uncaptured("0000:00:01.0");
	expect_findings("link-downtrained", NULL);
	f = finding("link-downtrained");
	ck_assert_ptr_null(strstr(f->message, "both ends"));
	ck_assert_ptr_nonnull(strstr(f->message, "8 GT/s x4 this end supports"));
	ck_assert_ptr_nonnull(strstr(f->message, "port above (0000:00:01.0) was not captured"));
	ck_assert_str_eq(dev("0000:01:00.0")->parent_addr, "0000:00:01.0");
	ck_assert_ptr_null(dev("0000:01:00.0")->parent);
}
END_TEST

START_TEST(test_link_width_downtrained)
{
	set_link(pf, "8.0 GT/s PCIe", 1, "8.0 GT/s PCIe", 4);
	set_link(rp, "8.0 GT/s PCIe", 1, "8.0 GT/s PCIe", 4);
	run();
	expect_findings("link-downtrained", NULL);
}
END_TEST

START_TEST(test_link_slot_limited)
{
	/* a 16 GT/s x8 card in an 8 GT/s x4 port, running at what the port can do */
	set_link(pf, "8.0 GT/s PCIe", 4, "16.0 GT/s PCIe", 8);
	run();
	expect_findings("link-slot-limited", NULL);
	expect_finding_on("link-slot-limited", "0000:01:00.0", IOV_SEV_INFO);
}
END_TEST

/* Below even the port's limit: downtrained, not merely slot-limited. */
START_TEST(test_link_slot_limited_and_downtrained)
{
	set_link(pf, "5.0 GT/s PCIe", 4, "16.0 GT/s PCIe", 8);
	set_link(rp, "5.0 GT/s PCIe", 4, "8.0 GT/s PCIe", 4);
	run();
	expect_findings("link-downtrained", NULL);
}
END_TEST

START_TEST(test_numa_unknown)
{
	const struct iov_finding *f;

	pf->numa = -1;
	vf0->numa = -1;
	vf1->numa = -1;
	rp->numa = -1;
	run();
	/* one per root complex, about the host, naming its first endpoint */
	expect_findings("numa-unknown", NULL);
	f = finding("numa-unknown");
	ck_assert_ptr_null(f->dev);
	ck_assert_int_eq(f->severity, IOV_SEV_WARNING);
	ck_assert_ptr_nonnull(strstr(f->message, "first 0000:01:00.0"));
	ck_assert_ptr_nonnull(strstr(f->message, "3 functions under pci0000:00"));
	ck_assert_ptr_nonnull(strstr(f->message, "2-node"));
}
END_TEST

START_TEST(test_numa_unknown_single_node)
{
	pf->numa = -1;
	S.nodes_online = "0";
	run();
	expect_findings(NULL);
	ck_assert_int_eq(list->numa_nodes, 1);
}
END_TEST

/* A node list that is no list counts no nodes (one overflowed a long once) and is not kept */
START_TEST(test_nodes_online_garbage)
{
	static const char *const bad[] = {
		"0-9223372036854775807", "-5-3", "3-1", "0-2147483647,0-2147483647", "1,x", "0-",
	};
	unsigned i;

	S.nodes_online = "0-3,8";
	run();
	ck_assert_int_eq(list->numa_nodes, 5);
	ck_assert_str_eq(list->nodes_online, "0-3,8");
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		write_str("devices/system/node/online", "%s\n", bad[i]);
		iov_devlist_free(list);
		list = NULL;
		ck_assert_int_eq(iov_scan(ctx, 0, &list), 0);
		ck_assert_msg(list->numa_nodes == 0, "'%s': %d nodes", bad[i], list->numa_nodes);
		ck_assert_ptr_null(list->nodes_online);
	}
}
END_TEST

START_TEST(test_aer_errors)
{
	const struct iov_finding *f;

	pf->aer[0] = 5;
	run();
	expect_findings("aer-errors", NULL);
	expect_finding_on("aer-errors", "0000:01:00.0", IOV_SEV_WARNING);
	f = finding("aer-errors");
	/* the types that moved are named */
	ck_assert_ptr_nonnull(strstr(f->message, "5 correctable (BadTLP 5), 0 non-fatal, 0 fatal"));
	ck_assert_uint_eq(dev("0000:01:00.0")->aer_counts.correctable, 5);
	ck_assert_uint_eq(dev("0000:01:00.0")->aer_counts.nmoved, 1);
	ck_assert_str_eq(dev("0000:01:00.0")->aer_counts.moved[0].name, "BadTLP");
}
END_TEST

START_TEST(test_aer_fatal)
{
	/* the kernel keeps AER counters only for functions with AER */
	add_ext_cap(&vf0->cb, 0x100, IOV_ECAP_ID_AER, 2);
	vf0->aer[1] = 2;
	vf0->aer[2] = 1;
	run();
	expect_findings("aer-uncorrectable", NULL);
	expect_finding_on("aer-uncorrectable", "0000:01:00.1", IOV_SEV_ERROR);
	ck_assert_uint_eq(dev("0000:01:00.1")->aer_counts.nonfatal, 2);
	ck_assert_uint_eq(dev("0000:01:00.1")->aer_counts.fatal, 1);
	ck_assert_uint_eq(dev("0000:01:00.1")->aer_counts.correctable, 0);
}
END_TEST

START_TEST(test_power_d3)
{
	vf1->power = "D3hot";
	run();
	expect_findings("power-d3", NULL);
	expect_finding_on("power-d3", "0000:01:00.2", IOV_SEV_WARNING);
}
END_TEST

/* Unbound and suspended is what runtime PM does to an idle function. */
START_TEST(test_power_d3_unbound)
{
	pf->power = "D3cold";
	pf->driver = NULL;
	run();
	/* and, unbound, the PF cannot enable its remaining VFs */
	expect_findings("power-d3-unbound", "pf-no-driver", NULL);
	expect_finding_on("power-d3-unbound", "0000:01:00.0", IOV_SEV_INFO);
}
END_TEST

/* ---- VFIO group viability ------------------------------------------------- */

/* One VF on vfio-pci, its group peer on a host driver: VFIO refuses the group. */
START_TEST(test_group_not_viable)
{
	const struct iov_finding *f;

	vf1->group = vf0->group;
	vf0->driver = "vfio-pci";
	run();
	expect_findings("group-not-isolated", "group-not-viable", NULL);
	expect_finding_on("group-not-viable", "0000:01:00.1", IOV_SEV_ERROR);
	f = finding("group-not-viable");
	ck_assert_ptr_nonnull(strstr(f->message, "IOMMU group 2"));
	ck_assert_ptr_nonnull(strstr(f->message, "0000:01:00.1 (vfio-pci) is on VFIO"));
	ck_assert_ptr_nonnull(strstr(f->message, "0000:01:00.2 (ixgbevf) is bound"));
	ck_assert_ptr_nonnull(strstr(f->hint, "0000:01:00.2"));
	ck_assert_ptr_nonnull(strstr(f->hint, "vfio-pci too"));
}
END_TEST

/* Variant drivers count as VFIO; unbound and pci-stub peers do not block. */
START_TEST(test_group_viable_peers)
{
	vf1->group = vf0->group;
	vf0->driver = "mlx5_vfio_pci";
	vf1->driver = "pci-stub";
	run();
	expect_findings("group-not-isolated", NULL);
}
END_TEST

START_TEST(test_group_viable_unbound_peer)
{
	vf1->group = vf0->group;
	vf0->driver = "vfio-pci";
	vf1->driver = NULL;
	run();
	expect_findings("group-not-isolated", "vf-unbound", NULL);
}
END_TEST

/* A bridge on pcieport in the group of a vfio-pci function does not block it. */
START_TEST(test_group_viable_bridge)
{
	rp->group = vf0->group;
	vf0->driver = "vfio-pci";
	run();
	expect_findings(NULL);
}
END_TEST

/* vfio-pci's runtime PM parks a function no guest holds in D3hot. */
START_TEST(test_power_d3_vfio)
{
	vf1->power = "D3hot";
	vf1->driver = "vfio-pci";
	run();
	expect_findings(NULL);
}
END_TEST

/* ---- why VFs cannot be enabled -------------------------------------------- */

/* PF alone (no VFs enabled) */
static void no_vfs(void)
{
	S.n = 2;
	pf->numvfs = 0;
	put16(&pf->cb.cfg, SRIOV_OFF + 0x08, 0x10);	/* VF Enable off */
	put16(&pf->cb.cfg, SRIOV_OFF + 0x10, 0);
}

START_TEST(test_pf_no_driver)
{
	no_vfs();
	pf->driver = NULL;
	run();
	expect_findings("pf-no-driver", NULL);
	expect_finding_on("pf-no-driver", "0000:01:00.0", IOV_SEV_WARNING);
}
END_TEST

/* With its driver and no VFs enabled yet, a PF is merely idle. */
START_TEST(test_pf_idle)
{
	no_vfs();
	run();
	expect_findings(NULL);
}
END_TEST

/* All VFs enabled: the driver went away afterwards, nothing more to enable. */
START_TEST(test_pf_no_driver_all_enabled)
{
	pf->totalvfs = 2;
	put16(&pf->cb.cfg, SRIOV_OFF + 0x0c, 2);
	put16(&pf->cb.cfg, SRIOV_OFF + 0x0e, 2);
	pf->driver = NULL;
	run();
	expect_findings(NULL);
}
END_TEST

/* First VF Offset 0xf9: VFs 0-6 land on bus 01, VF 7 on bus 02 beyond the port's range. */
START_TEST(test_vf_bus_range)
{
	const struct iov_finding *f;

	no_vfs();
	pf->offset = 0xf9;
	put16(&pf->cb.cfg, SRIOV_OFF + 0x14, 0xf9);
	run();
	expect_findings("vf-bus-range", NULL);
	expect_finding_on("vf-bus-range", "0000:01:00.0", IOV_SEV_ERROR);
	f = finding("vf-bus-range");
	ck_assert_ptr_nonnull(strstr(f->message, "bus 02, beyond bus 01"));
	ck_assert_ptr_nonnull(strstr(f->message, "0000:00:01.0"));
	ck_assert_ptr_nonnull(strstr(f->message, "only 7 of 8 VFs fit"));
	ck_assert_ptr_nonnull(strstr(f->hint, "pci=assign-busses"));
}
END_TEST

/* One more bus behind the port and they all fit. */
START_TEST(test_vf_bus_range_fits)
{
	no_vfs();
	pf->offset = 0xf9;
	put16(&pf->cb.cfg, SRIOV_OFF + 0x14, 0xf9);
	put8(&rp->cb.cfg, 0x1a, 0x02);
	run();
	expect_findings(NULL);
}
END_TEST

START_TEST(test_vf_unbound_named)
{
	vf0->driver = NULL;
	vf1->driver = NULL;
	run();
	ck_assert_ptr_nonnull(strstr(finding("vf-unbound")->message,
				     "2 of 2 enabled VFs have no driver: 0000:01:00.1, 0000:01:00.2"));
}
END_TEST

START_TEST(test_caps_malformed)
{
	/* MSI-X points back at the PCIe capability */
	put8(&pf->cb.cfg, MSIX_OFF + 1, EXP_OFF);
	run();
	expect_findings("caps-malformed", NULL);
	expect_finding_on("caps-malformed", "0000:01:00.0", IOV_SEV_WARNING);
	ck_assert_ptr_nonnull(strstr(finding("caps-malformed")->message, "standard"));
}
END_TEST

START_TEST(test_caps_malformed_ext)
{
	set_ext_next(&rp->cb, ACS_OFF, 0x0f0);
	run();
	expect_findings("caps-malformed", NULL);
	expect_finding_on("caps-malformed", "0000:00:01.0", IOV_SEV_WARNING);
	ck_assert_ptr_nonnull(strstr(finding("caps-malformed")->message, "extended"));
}
END_TEST

START_TEST(test_config_limited)
{
	run();
	iov_findings_free(&F);
	iov_devlist_free(list);
	list = NULL;
	/* the same tree read as a user: 64 bytes of config per function */
	pf->cb.cfg.len = 64;
	{
		char dir[PATH_MAX], p[PATH_MAX];

		syspath(pf, dir, sizeof(dir));
		xsnprintf(p, sizeof(p), "%s/config", dir);
		write_bin(p, pf->cb.cfg.bytes, 64);
	}
	ck_assert_int_eq(iov_scan(ctx, 0, &list), 0);
	ck_assert_int_eq(iov_findings_run(ctx, list, &F), 0);
	expect_as_registered();
	expect_findings("config-limited", NULL);
	expect_finding_on("config-limited", NULL, IOV_SEV_INFO);
	ck_assert_uint_eq(list->limited_config, 1);
	ck_assert_ptr_nonnull(strstr(finding("config-limited")->message, "1 function "));
}
END_TEST

/*
 * With 64 bytes of config, nothing beyond the header may be judged: a tree
 * whose full config would raise sriov-no-vfs, vf-bar-unassigned and
 * caps-malformed raises only config-limited.
 */
START_TEST(test_config_limited_no_config_findings)
{
	struct iov_dev *p;

	put16(&pf->cb.cfg, SRIOV_OFF + 0x0e, 0);		/* TotalVFs 0 */
	memset(pf->res[IOV_RES_SRIOV], 0, sizeof(pf->res[0]) * IOV_SRIOV_NBARS);
	put8(&pf->cb.cfg, MSIX_OFF + 1, EXP_OFF);		/* loop */
	pf->cb.cfg.len = 64;
	/* the port's ACS is unknown too: no isolation reason may be guessed */
	rp->cb.cfg.len = 64;
	vf1->group = pf->group = vf0->group;
	run();
	p = dev("0000:01:00.0");
	ck_assert_uint_eq(p->cfg.len, 64);
	ck_assert(!p->c.sriov.present);
	ck_assert(!p->c.pcie.present);
	ck_assert_int_eq(p->caps.std_status, IOV_WALK_UNREAD);
	ck_assert(iov_dev_is_pf(p));	/* from sriov_totalvfs */
	ck_assert_uint_eq(list->limited_config, 2);
	expect_findings("config-limited", "group-not-isolated", NULL);
	ck_assert_ptr_null(strstr(finding("group-not-isolated")->message, "ACS"));
	ck_assert_ptr_nonnull(strstr(finding("config-limited")->message, "2 functions"));
}
END_TEST

/* Several problems at once are all reported. */
START_TEST(test_several)
{
	vf1->driver = NULL;
	vf0->power = "D3hot";
	pf->aer[0] = 1;
	run();
	expect_findings("vf-unbound", "power-d3", "aer-errors", NULL);
}
END_TEST

/* ---- Scalable IOV and MR-IOV (lib/virt-findings.c, lib/siov.c) ----------- */

#define DVSEC_OFF	0x100
#define PASID_OFF	0x120
#define ECAP_SM		((1ull << 40) | (1ull << 43) | 0xf050dull)

/* VT-d units (ecap values; 0 ends the list) and iommufd, as the kernel shows them */
static void host_iommu(bool iommufd, ...)
{
	unsigned long long ecap;
	char p[64], target[64];
	unsigned i = 0;
	va_list ap;

	va_start(ap, iommufd);
	while ((ecap = va_arg(ap, unsigned long long))) {
		xsnprintf(p, sizeof(p), "devices/virtual/iommu/dmar%u/intel-iommu", i);
		mkdirs(p);
		xsnprintf(p, sizeof(p), "devices/virtual/iommu/dmar%u/intel-iommu/ecap", i);
		write_str(p, "%llx\n", ecap);
		mkdirs("class/iommu");
		xsnprintf(p, sizeof(p), "class/iommu/dmar%u", i);
		xsnprintf(target, sizeof(target), "devices/virtual/iommu/dmar%u", i);
		rel_symlink(target, p);
		i++;
	}
	va_end(ap);
	if (iommufd) {
		mkdirs("devices/virtual/misc/iommu");
		mkdirs("class/misc");
		rel_symlink("devices/virtual/misc/iommu", "class/misc/iommu");
	}
}

/*
 * The base host plus an Intel DSA-like RCiEP 00:02.0 (idxd) with the
 * Scalable IOV DVSEC (page sizes 4K, IMS) and PASID enabled, in its own
 * group; dvsec_vendor/dvsec_id let a test make it another DVSEC.
 */
static struct fn *siov_fn(uint16_t dvsec_vendor, uint16_t dvsec_id, bool pasid)
{
	struct fn *f = fn_new("0000:00:02.0", NULL, 0x088000);
	struct iov_config *c = &f->cb.cfg;

	f->device = 0x0b25;
	add_pcie(f, IOV_PORT_RC_INTEGRATED, 3, 4, 3, 4);
	add_ext_cap(&f->cb, DVSEC_OFF, 0x23, 1);
	put32(c, DVSEC_OFF + 4, dvsec_vendor | 24u << 20);
	put16(c, DVSEC_OFF + 8, dvsec_id);
	put32(c, DVSEC_OFF + 0x0c, 0x1);
	put32(c, DVSEC_OFF + 0x10, 0x1);
	put32(c, DVSEC_OFF + 0x14, 0x1);
	if (pasid) {
		add_ext_cap(&f->cb, PASID_OFF, IOV_ECAP_ID_PASID, 1);
		put16(c, PASID_OFF + 4, 0x1404);
		put16(c, PASID_OFF + 6, 0x1);
	}
	f->driver = "idxd";
	f->group = 4;
	f->nres = NRES_ENDPOINT;
	return f;
}

START_TEST(test_siov_ready)
{
	siov_fn(0x8086, 5, true);
	host_iommu(true, ECAP_SM, 0ull);
	run();
	ck_assert(dev("0000:00:02.0")->c.siov.present);
	expect_findings(NULL);
}
END_TEST

START_TEST(test_siov_no_pasid)
{
	siov_fn(0x8086, 5, false);
	host_iommu(true, ECAP_SM, 0ull);
	run();
	expect_findings("siov-no-pasid", NULL);
	expect_finding_on("siov-no-pasid", "0000:00:02.0", IOV_SEV_WARNING);
}
END_TEST

START_TEST(test_siov_pasid_off)
{
	struct fn *f = siov_fn(0x8086, 5, true);

	put16(&f->cb.cfg, PASID_OFF + 6, 0);
	host_iommu(true, ECAP_SM, 0ull);
	run();
	expect_findings("siov-pasid-off", NULL);
	expect_finding_on("siov-pasid-off", "0000:00:02.0", IOV_SEV_WARNING);
	ck_assert_ptr_nonnull(strstr(finding("siov-pasid-off")->message, "idxd"));
}
END_TEST

/* nobody bound it, so nobody could have enabled PASID */
START_TEST(test_siov_pasid_off_unbound)
{
	struct fn *f = siov_fn(0x8086, 5, true);

	put16(&f->cb.cfg, PASID_OFF + 6, 0);
	f->driver = NULL;
	host_iommu(true, ECAP_SM, 0ull);
	run();
	expect_findings(NULL);
}
END_TEST

START_TEST(test_siov_page_size)
{
	struct fn *f = siov_fn(0x8086, 5, true);

	put32(&f->cb.cfg, DVSEC_OFF + 0x10, 0x3);	/* 4K and 8K at once */
	host_iommu(true, ECAP_SM, 0ull);
	run();
	expect_findings("siov-page-size", NULL);
	ck_assert_ptr_nonnull(strstr(finding("siov-page-size")->message, "0x3"));
}
END_TEST

START_TEST(test_siov_page_size_unsupported)
{
	struct fn *f = siov_fn(0x8086, 5, true);

	put32(&f->cb.cfg, DVSEC_OFF + 0x10, 0x2);	/* 8K, only 4K supported */
	host_iommu(true, ECAP_SM, 0ull);
	run();
	expect_findings("siov-page-size", NULL);
}
END_TEST

START_TEST(test_siov_no_scalable_mode)
{
	siov_fn(0x8086, 5, true);
	/* two units: one without SMTS, one without PASID */
	host_iommu(true, (1ull << 40) | 0xf050dull, (1ull << 43) | 0xf050dull, 0ull);
	run();
	expect_findings("siov-no-scalable-mode", NULL);
	expect_finding_on("siov-no-scalable-mode", "0000:00:02.0", IOV_SEV_WARNING);
	ck_assert_ptr_nonnull(strstr(finding("siov-no-scalable-mode")->message, "2 VT-d units"));
}
END_TEST

/* one unit in scalable mode is enough; no VT-d at all says nothing */
START_TEST(test_siov_scalable_one_unit)
{
	siov_fn(0x8086, 5, true);
	host_iommu(true, 0xf050dull, ECAP_SM, 0ull);
	run();
	expect_findings(NULL);
}
END_TEST

START_TEST(test_siov_no_vtd)
{
	siov_fn(0x8086, 5, true);
	host_iommu(true, 0ull);
	run();
	expect_findings(NULL);
}
END_TEST

START_TEST(test_siov_no_iommufd)
{
	siov_fn(0x8086, 5, true);
	host_iommu(false, ECAP_SM, 0ull);
	run();
	expect_findings("siov-no-iommufd", NULL);
	expect_finding_on("siov-no-iommufd", "0000:00:02.0", IOV_SEV_INFO);
}
END_TEST

/* CXL's DVSEC ID 5 (GPF) and Intel's other IDs are not Scalable IOV */
START_TEST(test_siov_other_dvsec)
{
	siov_fn(0x1e98, 5, false);
	host_iommu(false, 0xf050dull, 0ull);
	run();
	ck_assert(!dev("0000:00:02.0")->c.siov.present);
	expect_findings(NULL);
}
END_TEST

START_TEST(test_mriov_present)
{
	add_ext_cap(&pf->cb, 0x1c0, IOV_ECAP_ID_MRIOV, 1);
	run();
	expect_findings("mriov-present", NULL);
	ck_assert_int_eq(finding("mriov-present")->severity, IOV_SEV_INFO);
	ck_assert_ptr_eq(finding("mriov-present")->dev, dev("0000:01:00.0"));
	ck_assert_ptr_nonnull(strstr(finding("mriov-present")->message, "0x1c0"));
}
END_TEST

/* ---- sharing with other hosts (lib/sharing.c) ---------------------------- */

/* An NTB 00:03.0 (class 0680) on the root bus, in its own group. */
static struct fn *ntb_fn(const char *driver)
{
	struct fn *f = fn_new("0000:00:03.0", NULL, 0x068000);

	f->device = 0x201c;
	add_pcie(f, IOV_PORT_RC_INTEGRATED, 3, 4, 3, 4);
	f->driver = driver;
	f->group = 5;
	f->nres = NRES_ENDPOINT;
	return f;
}

/* after run()'s tree exists: the function's device on the ntb bus */
static void ntb_bus_device(const char *addr)
{
	char dir[PATH_MAX], p[PATH_MAX];

	syspath(fn_by_addr(addr), dir, sizeof(dir));
	xsnprintf(p, sizeof(p), "%s/%s", dir, addr);
	mkdirs(p);
	mkdirs("bus/ntb/devices");
	xsnprintf(dir, sizeof(dir), "bus/ntb/devices/%s", addr);
	rel_symlink(p, dir);
}

static void switchtec_class(const char *addr, int partition, int count)
{
	char dir[PATH_MAX], p[PATH_MAX], fdir[PATH_MAX];

	syspath(fn_by_addr(addr), fdir, sizeof(fdir));
	xsnprintf(dir, sizeof(dir), "%s/switchtec/switchtec0", fdir);
	mkdirs(dir);
	xsnprintf(p, sizeof(p), "%s/partition", dir);
	write_str(p, "%d\n", partition);
	xsnprintf(p, sizeof(p), "%s/partition_count", dir);
	write_str(p, "%d\n", count);
	xsnprintf(p, sizeof(p), "%s/device", dir);
	rel_symlink(fdir, p);
	mkdirs("class/switchtec");
	rel_symlink(dir, "class/switchtec/switchtec0");
}

/* run() with extra files that need the tree's directories first */
static void run_with(void (*extra)(void))
{
	write_tree();
	extra();
	ck_assert_int_eq(iov_ctx_new(&ctx, root, NULL), 0);
	ck_assert_int_eq(iov_scan(ctx, 0, &list), 0);
	ck_assert_int_eq(iov_findings_run(ctx, list, &F), 0);
	expect_as_registered();
}

static void ntb_dev_00_03(void)
{
	ntb_bus_device("0000:00:03.0");
}

static void partitioned_2(void)
{
	switchtec_class("0000:00:03.0", 1, 2);
	ntb_bus_device("0000:00:03.0");
}

static void partitioned_1(void)
{
	switchtec_class("0000:00:03.0", 0, 1);
	ntb_bus_device("0000:00:03.0");
}

START_TEST(test_ntb_no_driver)
{
	ntb_fn(NULL);
	run();
	expect_findings("ntb-no-driver", NULL);
	expect_finding_on("ntb-no-driver", "0000:00:03.0", IOV_SEV_WARNING);
	ck_assert_ptr_nonnull(strstr(finding("ntb-no-driver")->message, "no driver"));
}
END_TEST

START_TEST(test_ntb_no_bus_device)
{
	ntb_fn("ntb_hw_intel");
	run();
	expect_findings("ntb-no-driver", NULL);
	ck_assert_ptr_nonnull(strstr(finding("ntb-no-driver")->message, "ntb_hw_intel"));
}
END_TEST

START_TEST(test_ntb_ok)
{
	struct iov_sharing sh;

	ntb_fn("ntb_hw_intel");
	run_with(ntb_dev_00_03);
	expect_findings(NULL);
	ck_assert_int_eq(iov_sharing_read(ctx, dev("0000:00:03.0"), &sh), 0);
	ck_assert(sh.ntb && iov_sharing_shared(&sh));
	ck_assert_str_eq(sh.ntb_dev, "0000:00:03.0");
	ck_assert_int_eq(sh.partition_count, -1);
	/* not an NTB: not shared, not looked up */
	ck_assert_int_eq(iov_sharing_read(ctx, dev("0000:01:00.0"), &sh), 0);
	ck_assert(!sh.ntb && !iov_sharing_shared(&sh));
}
END_TEST

START_TEST(test_ntb_group_shared)
{
	struct fn *f = ntb_fn("ntb_hw_intel");

	f->group = 1;	/* with the PF */
	run_with(ntb_dev_00_03);
	expect_findings("ntb-group-shared", "group-not-isolated", NULL);
	expect_finding_on("ntb-group-shared", "0000:00:03.0", IOV_SEV_WARNING);
	ck_assert_ptr_nonnull(strstr(finding("ntb-group-shared")->message, "0000:01:00.0"));
}
END_TEST

/* bridges in the group do not count: they are not passed through */
START_TEST(test_ntb_group_with_bridge)
{
	struct fn *f = ntb_fn("ntb_hw_intel");

	f->group = 0;	/* with the root port */
	run_with(ntb_dev_00_03);
	expect_findings(NULL);
}
END_TEST

START_TEST(test_switch_partitioned)
{
	struct fn *f = ntb_fn("switchtec");
	struct iov_sharing sh;

	f->vendor = 0x11f8;
	f->device = 0x8536;
	run_with(partitioned_2);
	expect_findings("switch-partitioned", NULL);
	expect_finding_on("switch-partitioned", "0000:00:03.0", IOV_SEV_WARNING);
	ck_assert_int_eq(iov_sharing_read(ctx, dev("0000:00:03.0"), &sh), 0);
	ck_assert_str_eq(sh.switchtec, "switchtec0");
	ck_assert_int_eq(sh.partition, 1);
	ck_assert_int_eq(sh.partition_count, 2);
}
END_TEST

START_TEST(test_switch_one_partition)
{
	struct fn *f = ntb_fn("switchtec");

	f->vendor = 0x11f8;
	run_with(partitioned_1);
	expect_findings(NULL);
}
END_TEST

/* ---- converged adapters (lib/adapter.c) ---------------------------------- */

#define DSN_OFF	0x200

static void add_dsn(struct fn *f, uint64_t serial)
{
	/* the extended list must start at 0x100 */
	unsigned off = f->cb.ext_last ? DSN_OFF : 0x100;

	add_ext_cap(&f->cb, off, IOV_ECAP_ID_DSN, 1);
	put32(&f->cb.cfg, off + 4, (uint32_t)serial);
	put32(&f->cb.cfg, off + 8, (uint32_t)(serial >> 32));
}

/* a second physical function 01:00.4 beside the PF (not a VF) */
static struct fn *second_fn(void)
{
	struct fn *f = fn_new("0000:01:00.4", "0000:00:01.0", 0x0c0400);

	f->device = 0x0714;
	add_pcie(f, IOV_PORT_ENDPOINT, 3, 4, 3, 4);
	f->driver = "lpfc";
	f->group = 6;
	f->nres = NRES_ENDPOINT;
	return f;
}

static void fc_host(const char *addr, const char *host, const char *state)
{
	char dir[PATH_MAX], p[PATH_MAX + 64];

	syspath(fn_by_addr(addr), dir, sizeof(dir));
	xsnprintf(p, sizeof(p), "%s/%s/fc_host/%s", dir, host, host);
	mkdirs(p);
	xsnprintf(p, sizeof(p), "%s/%s/fc_host/%s/port_state", dir, host, host);
	write_str(p, "%s\n", state);
	xsnprintf(p, sizeof(p), "%s/%s/fc_host/%s/port_name", dir, host, host);
	write_str(p, "0x10000090fa000001\n");
}

static void ib_port(const char *addr, const char *dev, const char *state, const char *layer)
{
	char dir[PATH_MAX], p[PATH_MAX + 64];

	syspath(fn_by_addr(addr), dir, sizeof(dir));
	xsnprintf(p, sizeof(p), "%s/infiniband/%s/ports/1", dir, dev);
	mkdirs(p);
	xsnprintf(p, sizeof(p), "%s/infiniband/%s/ports/1/state", dir, dev);
	write_str(p, "%s\n", state);
	xsnprintf(p, sizeof(p), "%s/infiniband/%s/ports/1/link_layer", dir, dev);
	write_str(p, "%s\n", layer);
}

START_TEST(test_adapter_same_serial)
{
	struct iov_adapter a;

	struct fn *other = fn_new("0000:01:01.0", "0000:00:01.0", 0x020000);

	/* another device on the same bus: not part of the card */
	add_pcie(other, IOV_PORT_ENDPOINT, 3, 4, 3, 4);
	other->driver = "e1000e";
	other->group = 7;
	other->nres = NRES_ENDPOINT;
	add_dsn(pf, 0x1122334455667788ull);
	add_dsn(second_fn(), 0x1122334455667788ull);
	run();
	expect_findings(NULL);
	ck_assert_int_eq(iov_adapter_of(list, dev("0000:01:01.0"), &a), 0);
	ck_assert_uint_eq(a.n, 0);
	ck_assert_int_eq(iov_adapter_of(list, dev("0000:01:00.0"), &a), 0);
	ck_assert_uint_eq(a.n, 2);	/* the VFs are not functions of the card */
	ck_assert_ptr_eq(a.fn[0], dev("0000:01:00.0"));
	ck_assert_ptr_eq(a.fn[1], dev("0000:01:00.4"));
	ck_assert(a.serial_known && a.serial_equal);
	/* a VF belongs to no adapter of its own */
	ck_assert_int_eq(iov_adapter_of(list, dev("0000:01:00.1"), &a), 0);
	ck_assert_uint_eq(a.n, 0);
}
END_TEST

START_TEST(test_adapter_serial_mismatch)
{
	add_dsn(pf, 0x1122334455667788ull);
	add_dsn(second_fn(), 0x1122334455667789ull);
	run();
	expect_findings("adapter-serial-mismatch", NULL);
	expect_finding_on("adapter-serial-mismatch", "0000:01:00.0", IOV_SEV_INFO);
	ck_assert_ptr_nonnull(strstr(finding("adapter-serial-mismatch")->message, "1122334455667789"));
}
END_TEST

/* no serial on one function: nothing to confirm, nothing to contradict */
START_TEST(test_adapter_serial_partial)
{
	struct iov_adapter a;

	add_dsn(pf, 0x1122334455667788ull);
	second_fn();
	run();
	expect_findings(NULL);
	ck_assert_int_eq(iov_adapter_of(list, dev("0000:01:00.4"), &a), 0);
	ck_assert(!a.serial_known && a.serial_equal);
}
END_TEST

/* a NIC on another device number of this host, in its own slot */
static struct fn *other_slot_fn(const char *addr)
{
	struct fn *f = fn_new(addr, "0000:00:01.0", 0x020000);

	add_pcie(f, IOV_PORT_ENDPOINT, 3, 4, 3, 4);
	f->driver = "mlx5_core";
	f->group = 7;
	f->nres = NRES_ENDPOINT;
	return f;
}

/* one card through two slots (Socket Direct): the same serial elsewhere */
START_TEST(test_same_serial_elsewhere)
{
	const struct iov_dev *el[4];

	add_dsn(pf, 0x1122334455667788ull);
	add_dsn(second_fn(), 0x1122334455667788ull);	/* same card: not elsewhere */
	add_dsn(other_slot_fn("0000:01:02.0"), 0x1122334455667788ull);
	add_dsn(other_slot_fn("0000:01:03.0"), 0x1122334455667789ull);
	add_dsn(rp, 0x1122334455667788ull);	/* a bridge: a switch's ports share one */
	run();
	ck_assert_uint_eq(iov_same_serial_elsewhere(list, dev("0000:01:00.0"), el, 4), 1);
	ck_assert_ptr_eq(el[0], dev("0000:01:02.0"));
	ck_assert_uint_eq(iov_same_serial_elsewhere(list, dev("0000:01:02.0"), el, 4), 2);
	ck_assert_ptr_eq(el[0], dev("0000:01:00.0"));
	ck_assert_ptr_eq(el[1], dev("0000:01:00.4"));
	/* more than max: counted, not written past the end */
	el[1] = NULL;
	ck_assert_uint_eq(iov_same_serial_elsewhere(list, dev("0000:01:02.0"), el, 1), 2);
	ck_assert_ptr_null(el[1]);
	ck_assert_uint_eq(iov_same_serial_elsewhere(list, dev("0000:01:03.0"), el, 4), 0);
	ck_assert_uint_eq(iov_same_serial_elsewhere(list, dev("0000:00:01.0"), el, 4), 0);
	ck_assert_uint_eq(iov_same_serial_elsewhere(list, dev("0000:01:00.1"), el, 4), 0);	/* a VF */
}
END_TEST

/* a blank EEPROM's serial (0 or all ones) is no identity */
START_TEST(test_same_serial_blank)
{
	const struct iov_dev *el[4];

	add_dsn(pf, 0);
	add_dsn(other_slot_fn("0000:01:02.0"), 0);
	add_dsn(other_slot_fn("0000:01:03.0"), UINT64_MAX);
	add_dsn(other_slot_fn("0000:01:04.0"), UINT64_MAX);
	run();
	ck_assert_uint_eq(iov_same_serial_elsewhere(list, dev("0000:01:00.0"), el, 4), 0);
	ck_assert_uint_eq(iov_same_serial_elsewhere(list, dev("0000:01:03.0"), el, 4), 0);
}
END_TEST

START_TEST(test_storage_no_driver)
{
	second_fn()->driver = NULL;
	run();
	expect_findings("storage-no-driver", NULL);
	expect_finding_on("storage-no-driver", "0000:01:00.4", IOV_SEV_WARNING);
}
END_TEST

static void fc_offline(void)
{
	fc_host("0000:01:00.4", "host5", "Online");
	fc_host("0000:01:00.4", "host6", "Linkdown");
}

START_TEST(test_fc_host_offline)
{
	struct iov_children ch;

	second_fn();
	run_with(fc_offline);
	expect_findings("fc-host-offline", NULL);
	ck_assert_ptr_nonnull(strstr(finding("fc-host-offline")->message, "host6 is Linkdown"));
	ck_assert_int_eq(iov_children_read(ctx, dev("0000:01:00.4"), &ch), 0);
	ck_assert_uint_eq(ch.n, 2);
	ck_assert_int_eq(ch.c[0].kind, IOV_CHILD_FC_HOST);
	ck_assert_str_eq(ch.c[0].name, "host5");
	ck_assert_str_eq(ch.c[0].port_name, "0x10000090fa000001");
	iov_children_free(&ch);
}
END_TEST

static void rdma_ports(void)
{
	ib_port("0000:01:00.0", "mlx5_0", "4: ACTIVE", "Ethernet");
	ib_port("0000:01:00.4", "mlx5_1", "1: DOWN", "Ethernet");
}

START_TEST(test_rdma_port_down)
{
	struct iov_children ch;

	second_fn();
	run_with(rdma_ports);
	expect_findings("rdma-port-down", NULL);
	expect_finding_on("rdma-port-down", "0000:01:00.4", IOV_SEV_WARNING);
	ck_assert_int_eq(iov_children_read(ctx, dev("0000:01:00.0"), &ch), 0);
	ck_assert_uint_eq(ch.n, 1);
	ck_assert_int_eq(ch.c[0].kind, IOV_CHILD_IB_PORT);
	ck_assert_str_eq(ch.c[0].state, "ACTIVE");
	ck_assert_str_eq(ch.c[0].name, "mlx5_0/1");
	ck_assert_str_eq(ch.c[0].link_layer, "Ethernet");
	iov_children_free(&ch);
}
END_TEST

/* bus/fcoe/devices/<ctlr> -> <function>/net/<net>/<ctlr>, with an FCF below it when given */
static void fcoe_ctlr(const char *addr, const char *net, const char *ctlr, const char *fcf,
		      const char *state)
{
	char dir[PATH_MAX], p[PATH_MAX + 96], l[96];

	syspath(fn_by_addr(addr), dir, sizeof(dir));
	xsnprintf(p, sizeof(p), "%s/net/%s/%s", dir, net, ctlr);
	mkdirs(p);
	mkdirs("bus/fcoe/devices");
	xsnprintf(l, sizeof(l), "bus/fcoe/devices/%s", ctlr);
	rel_symlink(p, l);
	if (!fcf)
		return;
	xsnprintf(p, sizeof(p), "%s/net/%s/%s/%s", dir, net, ctlr, fcf);
	mkdirs(p);
	xsnprintf(p, sizeof(p), "%s/net/%s/%s/%s/state", dir, net, ctlr, fcf);
	write_str(p, "%s\n", state);
	xsnprintf(p, sizeof(p), "%s/net/%s/%s/%s/fabric_name", dir, net, ctlr, fcf);
	write_str(p, "0x2001000dec1f2a01\n");
}

static void fcoe_setup(void)
{
	fcoe_ctlr("0000:01:00.0", "eth0", "ctlr_0", "fcf_0", "Disconnected");
	fcoe_ctlr("0000:01:00.4", "eth1", "ctlr_1", NULL, NULL);
}

START_TEST(test_fcoe)
{
	struct iov_children ch;

	second_fn();
	run_with(fcoe_setup);
	expect_findings("fcoe-fabric-disconnected", "fcoe-no-fcf", NULL);
	expect_finding_on("fcoe-fabric-disconnected", "0000:01:00.0", IOV_SEV_WARNING);
	expect_finding_on("fcoe-no-fcf", "0000:01:00.4", IOV_SEV_WARNING);
	ck_assert_int_eq(iov_children_read(ctx, dev("0000:01:00.0"), &ch), 0);
	ck_assert_uint_eq(ch.n, 1);
	ck_assert_int_eq(ch.c[0].kind, IOV_CHILD_FCOE_CTLR);
	ck_assert_str_eq(ch.c[0].name, "ctlr_0");
	ck_assert_str_eq(ch.c[0].netdev, "eth0");
	ck_assert_str_eq(ch.c[0].state, "Disconnected");
	ck_assert_str_eq(ch.c[0].port_name, "0x2001000dec1f2a01");
	ck_assert_uint_eq(ch.c[0].nfcf, 1);
	iov_children_free(&ch);
	/* the root port above holds both controllers' directories, but not on its netdevs */
	ck_assert_int_eq(iov_children_read(ctx, dev("0000:00:01.0"), &ch), 0);
	ck_assert_uint_eq(ch.n, 0);
	iov_children_free(&ch);
}
END_TEST

/* The scan resolves SR-IOV once: the capability wins over disagreeing attributes. */
START_TEST(test_sriov_state_config)
{
	const struct iov_dev *p;

	pf->numvfs = 5;
	pf->offset = 9;
	pf->stride = 3;
	run();
	p = dev("0000:01:00.0");
	ck_assert(p->sriov.pf);
	ck_assert(p->sriov.from_config);
	ck_assert_int_eq(p->sriov.total_vfs, 8);
	ck_assert_int_eq(p->sriov.num_vfs, 2);
	ck_assert_int_eq(p->sriov.offset, 1);
	ck_assert_int_eq(p->sriov_sysfs.numvfs, 5);
	ck_assert(!dev("0000:01:00.1")->sriov.pf);
}
END_TEST

/* ...and without the capability (config cut at the header), the attributes tell. */
START_TEST(test_sriov_state_sysfs)
{
	const struct iov_dev *p;

	pf->cb.cfg.len = 64;
	pf->numvfs = 5;
	pf->offset = 9;
	pf->stride = 3;
	run();
	p = dev("0000:01:00.0");
	ck_assert(p->sriov.pf);
	ck_assert(!p->sriov.from_config);
	ck_assert_int_eq(p->sriov.total_vfs, 8);
	ck_assert_int_eq(p->sriov.num_vfs, 5);
	ck_assert_int_eq(p->sriov.offset, 9);
	ck_assert_int_eq(p->sriov.stride, 3);
	ck_assert(iov_dev_is_pf(p));
}
END_TEST

/* An id is lower-case words joined by single dashes: "vf-bar-unassigned". */
static bool id_well_formed(const char *id)
{
	const char *p;

	if (!*id || *id == '-')
		return false;
	for (p = id; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		      (*p == '-' && p[1] && p[1] != '-')))
			return false;
	return true;
}

/* What is wrong with a registry of n rules, or NULL: one test for the real one and bad ones. */
static const char *registry_problem(const struct iov_rule *tab, size_t n)
{
	size_t i, j;

	for (i = 0; i < n; i++) {
		const struct iov_rule *r = &tab[i];

		if (!r->id)
			return "a rule without an id (an enum value with no entry)";
		if (!id_well_formed(r->id))
			return "a malformed id";
		if (r->severity < IOV_SEV_INFO || r->severity > IOV_SEV_ERROR)
			return "an invalid severity";
		if (!r->check || !*r->check || r->check[strlen(r->check) - 1] == '.')
			return "a missing check, or one ending in a full stop";
		if (!r->hint || !*r->hint || r->hint[strlen(r->hint) - 1] == '.')
			return "a missing hint, or one ending in a full stop";
		for (j = 0; j < i; j++)
			if (strcmp(tab[j].id, r->id) == 0)
				return "a duplicate id";
	}
	if (tab[n].id)
		return "no terminating entry";
	return NULL;
}

START_TEST(test_rule_table)
{
	/* ids are stable: scripts --ignore them and match them in JSON */
	static const char *const stable[] = {
		"iommu-off", "group-not-isolated", "sriov-no-vfs", "vf-bar-unassigned",
		"vfs-without-ari", "vf-rid-mismatch", "vf-unbound", "autoprobe-off",
		"vf-msix-zero", "link-downtrained", "link-slot-limited", "numa-unknown",
		"aer-errors", "power-d3", "group-not-viable", "pf-no-driver", "vf-bus-range",
		"irq-remote", "vf-nvme-offline", "vf-link-disabled", "caps-malformed", "config-limited",
		"siov-no-pasid", "siov-pasid-off", "siov-page-size", "siov-no-scalable-mode",
		"siov-no-iommufd", "mriov-present", "ntb-no-driver", "ntb-group-shared",
		"vf-variant-available", "adapter-serial-mismatch", "storage-no-driver",
		"fc-host-offline", "rdma-port-down", "fcoe-no-fcf", "fcoe-fabric-disconnected",
		"switch-partitioned", "total-vfs-without-ari", "aer-uncorrectable", "power-d3-unbound",
	};
	const char *why = registry_problem(iov_rules, IOV_F_COUNT);
	enum iov_severity sev;
	size_t i;

	ck_assert_msg(why == NULL, "iov_rules[]: %s", why);
	for (i = 0; i < IOV_F_COUNT; i++)
		ck_assert_ptr_eq(iov_rule_find(iov_rules[i].id), &iov_rules[i]);
	ck_assert_uint_eq(IOV_F_COUNT, sizeof(stable) / sizeof(stable[0]));
	for (i = 0; i < sizeof(stable) / sizeof(stable[0]); i++)
		ck_assert_msg(iov_rule_find(stable[i]), "rule %s is gone", stable[i]);
	ck_assert_ptr_null(iov_rule_find("no-such-rule"));
	ck_assert_str_eq(iov_severity_str(IOV_SEV_ERROR), "error");
	ck_assert_str_eq(iov_severity_str(IOV_SEV_INFO), "info");
	ck_assert_int_eq(iov_severity_parse("warning", &sev), 0);
	ck_assert_int_eq(sev, IOV_SEV_WARNING);
	ck_assert_int_eq(iov_severity_parse("Warning", &sev), -EINVAL);
	ck_assert_str_eq(iov_subject_kind_str(IOV_SUBJECT_GROUP), "iommu_group");
}
END_TEST

/* The registry check itself catches what it is for. */
START_TEST(test_rule_table_check)
{
	struct iov_rule bad[3] = {
		{ "vf-unbound", IOV_SEV_WARNING, "enabled VFs without a driver", "bind them" },
		{ "vf-unbound", IOV_SEV_INFO, "again", "bind them" },
		{ NULL, 0, NULL, NULL },
	};

	ck_assert_str_eq(registry_problem(bad, 2), "a duplicate id");
	bad[1].id = "vf-msix-zero";
	ck_assert_ptr_null(registry_problem(bad, 2));
	bad[1].hint = NULL;
	ck_assert_str_eq(registry_problem(bad, 2), "a missing hint, or one ending in a full stop");
	bad[1].hint = "fix it";
	bad[1].check = "";
	ck_assert_str_eq(registry_problem(bad, 2), "a missing check, or one ending in a full stop");
	bad[1].check = "x";
	bad[1].severity = 7;
	ck_assert_str_eq(registry_problem(bad, 2), "an invalid severity");
	bad[1].severity = IOV_SEV_INFO;
	bad[1].id = "VF_Msix";
	ck_assert_str_eq(registry_problem(bad, 2), "a malformed id");
	bad[1].id = NULL;
	ck_assert_str_eq(registry_problem(bad, 2), "a rule without an id (an enum value with no entry)");
}
END_TEST

static Suite *findings_suite(void)
{
	Suite *s = suite_create("findings");
	TCase *tc = tcase_create("tree");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_base_scan);
	tcase_add_test(tc, test_rescan);
	tcase_add_test(tc, test_base_is_clean);
	tcase_add_test(tc, test_iommu_off);
	tcase_add_test(tc, test_iommu_empty_dir);
	tcase_add_test(tc, test_group_not_isolated);
	tcase_add_test(tc, test_group_bridge_and_endpoint);
	tcase_add_test(tc, test_isolation_no_acs);
	tcase_add_test(tc, test_isolation_acs_bits);
	tcase_add_test(tc, test_isolation_unknown);
	tcase_add_test(tc, test_sriov_no_vfs);
	tcase_add_test(tc, test_vf_bar_unassigned);
	tcase_add_test(tc, test_vf_bar_unset);
	tcase_add_test(tc, test_vf_bar_none_implemented);
	tcase_add_test(tc, test_vfs_without_ari);
	tcase_add_test(tc, test_vfs_ari_not_forwarded);
	tcase_add_test(tc, test_vfs_without_ari_possible);
	tcase_add_test(tc, test_seven_vfs_without_ari);
	tcase_add_test(tc, test_vf_rid_mismatch);
	tcase_add_test(tc, test_vf_unbound);
	tcase_add_test(tc, test_vf_unbound_autoprobe_off);
	tcase_add_test(tc, test_autoprobe_off_all_bound);
	tcase_add_test(tc, test_vf_msix_zero);
	tcase_add_test(tc, test_vf_msix_empty_file);
	tcase_add_test(tc, test_vf_msix_no_capability);
	tcase_add_test(tc, test_link_downtrained);
	tcase_add_test(tc, test_link_downtrained_port_not_captured);
	tcase_add_test(tc, test_link_width_downtrained);
	tcase_add_test(tc, test_link_slot_limited);
	tcase_add_test(tc, test_link_slot_limited_and_downtrained);
	tcase_add_test(tc, test_numa_unknown);
	tcase_add_test(tc, test_numa_unknown_single_node);
	tcase_add_test(tc, test_aer_errors);
	tcase_add_test(tc, test_aer_fatal);
	tcase_add_test(tc, test_power_d3);
	tcase_add_test(tc, test_power_d3_unbound);
	tcase_add_test(tc, test_caps_malformed);
	tcase_add_test(tc, test_group_not_viable);
	tcase_add_test(tc, test_group_viable_peers);
	tcase_add_test(tc, test_group_viable_unbound_peer);
	tcase_add_test(tc, test_group_viable_bridge);
	tcase_add_test(tc, test_power_d3_vfio);
	tcase_add_test(tc, test_pf_no_driver);
	tcase_add_test(tc, test_pf_idle);
	tcase_add_test(tc, test_pf_no_driver_all_enabled);
	tcase_add_test(tc, test_vf_bus_range);
	tcase_add_test(tc, test_vf_bus_range_fits);
	tcase_add_test(tc, test_vf_unbound_named);
	tcase_add_test(tc, test_caps_malformed_ext);
	tcase_add_test(tc, test_config_limited);
	tcase_add_test(tc, test_config_limited_no_config_findings);
	tcase_add_test(tc, test_several);
	tcase_add_test(tc, test_rule_table);
	tcase_add_test(tc, test_rule_table_check);
	tcase_add_test(tc, test_sriov_state_config);
	tcase_add_test(tc, test_sriov_state_sysfs);
	tcase_add_test(tc, test_nodes_online_garbage);
	tcase_add_test(tc, test_siov_ready);
	tcase_add_test(tc, test_siov_no_pasid);
	tcase_add_test(tc, test_siov_pasid_off);
	tcase_add_test(tc, test_siov_pasid_off_unbound);
	tcase_add_test(tc, test_siov_page_size);
	tcase_add_test(tc, test_siov_page_size_unsupported);
	tcase_add_test(tc, test_siov_no_scalable_mode);
	tcase_add_test(tc, test_siov_scalable_one_unit);
	tcase_add_test(tc, test_siov_no_vtd);
	tcase_add_test(tc, test_siov_no_iommufd);
	tcase_add_test(tc, test_siov_other_dvsec);
	tcase_add_test(tc, test_mriov_present);
	tcase_add_test(tc, test_ntb_no_driver);
	tcase_add_test(tc, test_ntb_no_bus_device);
	tcase_add_test(tc, test_ntb_ok);
	tcase_add_test(tc, test_ntb_group_shared);
	tcase_add_test(tc, test_ntb_group_with_bridge);
	tcase_add_test(tc, test_switch_partitioned);
	tcase_add_test(tc, test_switch_one_partition);
	tcase_add_test(tc, test_adapter_same_serial);
	tcase_add_test(tc, test_adapter_serial_mismatch);
	tcase_add_test(tc, test_adapter_serial_partial);
	tcase_add_test(tc, test_same_serial_elsewhere);
	tcase_add_test(tc, test_same_serial_blank);
	tcase_add_test(tc, test_fcoe);
	tcase_add_test(tc, test_storage_no_driver);
	tcase_add_test(tc, test_fc_host_offline);
	tcase_add_test(tc, test_rdma_port_down);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(findings_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
