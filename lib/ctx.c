// SPDX-License-Identifier: GPL-2.0-or-later
/* The library context: the injectable system root and the log callback. */
#include "iov.h"
#include "iov-private.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int dir_exists(const char *path)
{
	struct stat st;

	if (stat(path, &st) < 0)
		return -errno;
	return S_ISDIR(st.st_mode) ? 0 : -ENOTDIR;
}

/* Strip trailing slashes so "DIR/" and "DIR" build the same paths. */
static char *dup_root(const char *root)
{
	size_t n = strlen(root);
	char *s;

	while (n > 1 && root[n - 1] == '/')
		n--;
	s = strndup(root, n);
	return s;
}

/*
 * A snapshot's top directory (holding sys/ and proc/) stands for its sys/:
 * "--sysfs-root snap" then reads what "--sysfs-root snap/sys" would.
 */
static int snapshot_sys(char **root)
{
	char bus[PATH_MAX], sys[PATH_MAX];
	int n, m;

	n = snprintf(bus, sizeof(bus), "%s/bus", *root);
	m = snprintf(sys, sizeof(sys), "%s/sys/bus", *root);
	if (n < 0 || (size_t)n >= sizeof(bus) || m < 0 || (size_t)m >= sizeof(sys))
		return -ENAMETOOLONG;
	if (dir_exists(bus) == 0 || dir_exists(sys) < 0)
		return 0;
	sys[m - strlen("/bus")] = '\0';
	free(*root);
	*root = strdup(sys);
	return *root ? 0 : -ENOMEM;
}

static char *default_proc_root(const char *sysfs_root)
{
	char buf[PATH_MAX];
	int n;

	if (!sysfs_root)
		return strdup("/proc");
	/* snapshots hold sys/ and proc/ side by side */
	n = snprintf(buf, sizeof(buf), "%s/../proc", sysfs_root);
	if (n < 0 || (size_t)n >= sizeof(buf) || dir_exists(buf) < 0)
		return NULL;
	return strdup(buf);
}

int iov_ctx_new(struct iov_ctx **out, const char *sysfs_root, const char *proc_root)
{
	struct iov_ctx *ctx;
	int r;

	*out = NULL;
	ctx = calloc(1, sizeof(*ctx));
	if (!ctx)
		return -ENOMEM;
	ctx->live = !sysfs_root;
	ctx->sysfs_root = dup_root(sysfs_root ? sysfs_root : "/sys");
	if (!ctx->sysfs_root) {
		r = -ENOMEM;
		goto fail;
	}
	r = dir_exists(ctx->sysfs_root);
	if (r == 0 && sysfs_root)
		r = snapshot_sys(&ctx->sysfs_root);
	if (r < 0)
		goto fail;
	if (proc_root) {
		ctx->proc_root = dup_root(proc_root);
		if (!ctx->proc_root) {
			r = -ENOMEM;
			goto fail;
		}
	} else {
		ctx->proc_root = default_proc_root(sysfs_root ? ctx->sysfs_root : NULL);
	}
	*out = ctx;
	return 0;
fail:
	iov_ctx_free(ctx);
	return r;
}

void iov_ctx_free(struct iov_ctx *ctx)
{
	if (!ctx)
		return;
	free(ctx->sysfs_root);
	free(ctx->proc_root);
	free(ctx);
}

void iov_ctx_set_log(struct iov_ctx *ctx, iov_log_fn fn, void *data)
{
	ctx->log_fn = fn;
	ctx->log_data = data;
}

void iov_log(struct iov_ctx *ctx, int level, const char *fmt, ...)
{
	va_list ap;

	if (!ctx || !ctx->log_fn)
		return;
	va_start(ap, fmt);
	ctx->log_fn(ctx->log_data, level, fmt, ap);
	va_end(ap);
}

const char *iov_ctx_sysfs_root(const struct iov_ctx *ctx)
{
	return ctx->sysfs_root;
}

const char *iov_ctx_proc_root(const struct iov_ctx *ctx)
{
	return ctx->proc_root;
}

bool iov_ctx_is_live(const struct iov_ctx *ctx)
{
	return ctx->live;
}
