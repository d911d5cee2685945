/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Internal to lib/: the context's layout and helpers shared between modules. */
#ifndef IOV_PRIVATE_H
#define IOV_PRIVATE_H

#include "iov.h"

struct pci_access;

struct iov_ctx {
	char *sysfs_root;	/* what /sys is; no trailing slash */
	char *proc_root;	/* what /proc is; NULL when the snapshot has none */
	bool live;		/* no root given: reading this host */
	iov_log_fn log_fn;
	void *log_data;
	struct pci_access *pacc; /* libpci handle, created on first scan */
};

int iov_parse_int(const char *s, long long *val);
void iov_ctx_release_pci(struct iov_ctx *ctx);

#endif
