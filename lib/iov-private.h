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
int iov_dev_read(struct iov_ctx *ctx, const struct iov_bdf *bdf, unsigned flags,
		 struct iov_dev **out);
void iov_dev_free(struct iov_dev *d);
/* dev.c: vendor/device from sysfs, for a VF whose PF could not tell */
int iov_dev_read_ids(struct iov_ctx *ctx, struct iov_dev *d);

/* findings.c: add one finding of a rule in iov_rules[] */
int iov_findings_add(struct iov_findings *out, const char *id, enum iov_severity sev,
		     struct iov_dev *dev, const char *hint, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));
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
