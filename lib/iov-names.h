/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Names found under the sysfs root: PCI addresses, NUMA nodes, class devices. */
#ifndef IOV_NAMES_H
#define IOV_NAMES_H

#include <stddef.h>

#include "iov.h"

struct iov_names {
	char **v;	/* sorted (strcmp), each malloc'd */
	size_t n;
};

/*
 * The entries of DIR (relative to the sysfs root, e.g. "class/net"), without
 * the dot entries. 0, or -errno (-ENOENT when DIR is missing).
 */
int iov_sysfs_names(const struct iov_ctx *ctx, const char *dir, struct iov_names *out);
void iov_names_free(struct iov_names *names);

#endif
