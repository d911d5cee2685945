/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * libiov: the core of iovctl. Gathers and decodes what the system says about
 * PCI functions, SR-IOV, IOMMU groups and NUMA placement. Nothing here prints
 * or exits: functions return 0 or a negative errno and fill plain structs.
 */
#ifndef IOV_H
#define IOV_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

struct iov_ctx;

/* ---- context (ctx.c) ---------------------------------------------------- */

typedef void (*iov_log_fn)(void *data, int level, const char *fmt, va_list ap);

enum {
	IOV_LOG_ERR = 3,
	IOV_LOG_WARN = 4,
	IOV_LOG_INFO = 6,
	IOV_LOG_DEBUG = 7,
};

/*
 * sysfs_root is what /sys is (NULL: "/sys"); proc_root what /proc is
 * (NULL: "/proc", or "<sysfs_root>/../proc" when a sysfs root is given and
 * that directory exists, which is how snapshots are laid out).
 */
int iov_ctx_new(struct iov_ctx **out, const char *sysfs_root, const char *proc_root);
void iov_ctx_free(struct iov_ctx *ctx);
void iov_ctx_set_log(struct iov_ctx *ctx, iov_log_fn fn, void *data);
void iov_log(struct iov_ctx *ctx, int level, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
const char *iov_ctx_sysfs_root(const struct iov_ctx *ctx);
const char *iov_ctx_proc_root(const struct iov_ctx *ctx);
/* true when reading the live system rather than a fixture or snapshot */
bool iov_ctx_is_live(const struct iov_ctx *ctx);

/* ---- paths under the injectable root (path.c) ---------------------------- */

/*
 * Every path iovctl reads is built here. rel is relative to the sysfs root
 * ("bus/pci/devices/0000:00:01.0/numa_node"). Return 0 or -ENAMETOOLONG.
 */
int iov_sysfs_path(const struct iov_ctx *ctx, char *buf, size_t len, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
int iov_proc_path(const struct iov_ctx *ctx, char *buf, size_t len, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Read a whole small file (trailing newline stripped). 0 or -errno. */
int iov_read_file(const char *path, char *buf, size_t len);
/* Read up to len bytes of a binary file; returns bytes read or -errno. */
ssize_t iov_read_bin(const char *path, void *buf, size_t len);
/* Parse a file holding one integer (decimal, or 0x-hex). 0 or -errno. */
int iov_read_int(const char *path, long long *val);
/* Basename of a symlink target ("../../bus/pci/drivers/nvme" -> "nvme"). */
int iov_read_link_name(const char *path, char *buf, size_t len);

/* Same, relative to the sysfs root, printf-style. */
int iov_sysfs_read_str(const struct iov_ctx *ctx, char *buf, size_t len, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
int iov_sysfs_read_int(const struct iov_ctx *ctx, long long *val, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int iov_sysfs_read_link_name(const struct iov_ctx *ctx, char *buf, size_t len, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

#endif /* IOV_H */
