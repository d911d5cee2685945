/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Internal to lib/: the context's layout and helpers shared between modules. */
#ifndef IOV_PRIVATE_H
#define IOV_PRIVATE_H

#include "iov.h"

struct iov_ctx {
	char *sysfs_root;	/* what /sys is; no trailing slash */
	char *proc_root;	/* what /proc is; NULL when the snapshot has none */
	bool live;		/* no root given: reading this host */
	iov_log_fn log_fn;
	void *log_data;
};

int iov_parse_int(const char *s, long long *val);

/* pci.c: a libpci handle on the context's root, owned by one scan */
struct iov_pci;
int iov_pci_open(struct iov_ctx *ctx, struct iov_pci **out);
void iov_pci_close(struct iov_pci *pci);
enum { IOV_NAME_VENDOR, IOV_NAME_DEVICE, IOV_NAME_CLASS };
/* Every function libpci finds under the root, unsorted. */
int iov_pci_enumerate(struct iov_pci *pci, struct iov_bdf **out, size_t *n);
/* pci.ids name, malloc'd, or NULL when unknown (or pci is NULL). */
char *iov_pci_name(struct iov_pci *pci, int what, unsigned a, unsigned b);

/* dev.c: read one function's sysfs directory; -ENOENT if it vanished. */
/*
 * The readers of path.c relative to an open directory: a function's
 * attributes are opened from its directory's fd, so the kernel resolves one
 * name instead of the root, the bus/pci/devices link and the whole device path.
 */
ssize_t iov_read_bin_at(int dirfd, const char *name, void *buf, size_t len);
int iov_read_file_at(int dirfd, const char *name, char *buf, size_t len);
int iov_read_int_at(int dirfd, const char *name, long long *val);
int iov_read_link_name_at(int dirfd, const char *name, char *buf, size_t len);

/* devices_fd: <root>/bus/pci/devices, open; each function is looked up in it */
int iov_dev_read(struct iov_ctx *ctx, int devices_fd, const struct iov_bdf *bdf, unsigned flags,
		 struct iov_dev **out);
void iov_dev_free(struct iov_dev *d);
/* dev.c: vendor/device from sysfs, for a VF whose PF could not tell */
int iov_dev_read_ids(struct iov_ctx *ctx, struct iov_dev *d);

/* fndevs.c: what a function's directory holds, as the scan's one readdir found it */
struct iov_fn_hint {
	bool net, block, nvme;
	char **virtio;		/* virtioN children (hold block/net) */
	unsigned nvirtio;
};
int iov_fn_devs_read_dir(struct iov_ctx *ctx, const char *fndir, const struct iov_fn_hint *hint,
			 unsigned flags, struct iov_fn_devs *out);

/*
 * findings.c: raise a finding of a rule; its severity and id come from
 * iov_rules[] only. hint NULL takes the rule's hint; pass one only to name
 * the concrete command. The subject's devs are copied.
 */
int iov_finding_raise(struct iov_findings *out, enum iov_finding_id id,
		      const struct iov_subject *subject, const char *hint, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
/* The usual case: a finding about one function. */
int iov_finding_fn(struct iov_findings *out, enum iov_finding_id id, struct iov_dev *d,
		   const char *hint, const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/*
 * vfnet.c: the link of one RTM_NEWLINK message (a reference the caller
 * puts), for vfnet.c and monitor-vf.c. 0, -EINVAL or -ENOMEM.
 */
struct rtnl_link;
int iov_nl_link_parse(const void *buf, size_t len, struct rtnl_link **out);

/* virt-findings.c: Scalable IOV readiness, MR-IOV */
int iov_findings_virt(struct iov_ctx *ctx, const struct iov_devlist *list,
		      struct iov_findings *out);
/* findings-vf.c: rules about VFIO groups and VFs that cannot be enabled */
bool iov_driver_is_vfio(const char *driver);
int iov_rule_group_viable(const struct iov_devlist *list, struct iov_findings *out);
int iov_rule_pf_no_driver(const struct iov_devlist *list, struct iov_dev *d, struct iov_findings *out);
int iov_rule_vf_bus_range(const struct iov_devlist *list, struct iov_dev *d, struct iov_findings *out);
int iov_rule_irq_locality(struct iov_ctx *ctx, const struct iov_devlist *list, struct iov_findings *out);
int iov_rule_nvme_secondary(struct iov_ctx *ctx, const struct iov_devlist *list, struct iov_findings *out);
int iov_rule_net_vfs(struct iov_ctx *ctx, const struct iov_devlist *list, struct iov_findings *out);

#endif
