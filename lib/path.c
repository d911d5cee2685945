// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Every path iovctl reads is built here, under the injectable roots, so that
 * fixture trees and user snapshots behave exactly like the live system.
 */
#include "iov.h"
#include "iov-private.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int vjoin(char *buf, size_t len, const char *root, const char *fmt, va_list ap)
{
	int n, m;

	if (!root)
		return -ENOENT;
	n = snprintf(buf, len, "%s/", root);
	if (n < 0 || (size_t)n >= len)
		return -ENAMETOOLONG;
	m = vsnprintf(buf + n, len - n, fmt, ap);
	if (m < 0 || (size_t)m >= len - n)
		return -ENAMETOOLONG;
	return 0;
}

int iov_sysfs_path(const struct iov_ctx *ctx, char *buf, size_t len, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vjoin(buf, len, ctx->sysfs_root, fmt, ap);
	va_end(ap);
	return r;
}

int iov_proc_path(const struct iov_ctx *ctx, char *buf, size_t len, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vjoin(buf, len, ctx->proc_root, fmt, ap);
	va_end(ap);
	return r;
}

ssize_t iov_read_bin(const char *path, void *buf, size_t len)
{
	return iov_read_bin_at(AT_FDCWD, path, buf, len);
}

ssize_t iov_read_bin_at(int dirfd, const char *name, void *buf, size_t len)
{
	size_t got = 0;
	int fd;

	fd = openat(dirfd, name, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	while (got < len) {
		ssize_t n = read(fd, (char *)buf + got, len - got);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			n = -errno;
			close(fd);
			return n;
		}
		if (n == 0)
			break;
		got += n;
	}
	close(fd);
	return got;
}

/* Bytes of text in buf[0..n): up to the first NUL, less trailing whitespace. */
size_t iov_attr_trim(char *buf, size_t n)
{
	n = strnlen(buf, n);
	while (n > 0 && isspace((unsigned char)buf[n - 1]))
		n--;
	buf[n] = '\0';
	return n;
}

/*
 * The one reader of text attributes. sysfs serves an attribute whole from
 * one read(2), so small files cost open, read, close. Captures are less
 * tidy: hwloc's pad devices/system/node/online to "0-3\n\0", others drop
 * the newline; the text ends at the first NUL and trailing whitespace goes.
 * A file longer than len - 1 bytes is -EOVERFLOW (buf keeps the trimmed
 * start), never a value cut short that would parse as another.
 */
int iov_read_file(const char *path, char *buf, size_t len)
{
	return iov_read_file_at(AT_FDCWD, path, buf, len);
}

int iov_read_file_at(int dirfd, const char *name, char *buf, size_t len)
{
	ssize_t n;
	char more;
	int fd, r = 0;

	if (len == 0)
		return -EINVAL;
	fd = openat(dirfd, name, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	do
		n = read(fd, buf, len - 1);
	while (n < 0 && errno == EINTR);
	if (n < 0) {
		n = -errno;
		close(fd);
		return n;
	}
	/* only a full buffer needs the probe for more */
	if ((size_t)n == len - 1 && read(fd, &more, 1) > 0)
		r = -EOVERFLOW;
	close(fd);
	buf[n] = '\0';
	iov_attr_trim(buf, n);
	return r;
}

int iov_parse_int(const char *s, long long *val)
{
	const char *p;
	char *end;
	long long v;

	while (*s == ' ' || *s == '\t')
		s++;
	if (!*s)
		return -ENODATA;
	/*
	 * decimal unless 0x-prefixed: base 0 would read a leading zero as
	 * octal ("010" -> 8) and reject "08" outright
	 */
	p = s + (*s == '-' || *s == '+');
	errno = 0;
	v = strtoll(s, &end, p[0] == '0' && (p[1] == 'x' || p[1] == 'X') ? 16 : 10);
	if (errno)
		return -errno;
	if (end == s)
		return -EINVAL;
	while (*end == ' ' || *end == '\n')
		end++;
	if (*end)
		return -EINVAL;
	*val = v;
	return 0;
}

int iov_read_int(const char *path, long long *val)
{
	return iov_read_int_at(AT_FDCWD, path, val);
}

int iov_read_int_at(int dirfd, const char *name, long long *val)
{
	char buf[64];
	int r;

	r = iov_read_file_at(dirfd, name, buf, sizeof(buf));
	if (r < 0)
		return r;
	return iov_parse_int(buf, val);
}

int iov_read_link_name(const char *path, char *buf, size_t len)
{
	return iov_read_link_name_at(AT_FDCWD, path, buf, len);
}

int iov_read_link_name_at(int dirfd, const char *name, char *buf, size_t len)
{
	char target[PATH_MAX];
	const char *base;
	ssize_t n;

	n = readlinkat(dirfd, name, target, sizeof(target) - 1);
	if (n < 0)
		return -errno;
	target[n] = '\0';
	base = strrchr(target, '/');
	base = base ? base + 1 : target;
	if (strlen(base) >= len)
		return -ENAMETOOLONG;
	strcpy(buf, base);
	return 0;
}

#define VPATH_OR_RETURN(ctx, path, fmt)                                          \
	do {                                                                     \
		va_list ap_;                                                     \
		int r_;                                                          \
		va_start(ap_, fmt);                                              \
		r_ = vjoin(path, sizeof(path), (ctx)->sysfs_root, fmt, ap_);     \
		va_end(ap_);                                                     \
		if (r_ < 0)                                                      \
			return r_;                                               \
	} while (0)

int iov_sysfs_read_str(const struct iov_ctx *ctx, char *buf, size_t len, const char *fmt, ...)
{
	char path[PATH_MAX];

	VPATH_OR_RETURN(ctx, path, fmt);
	return iov_read_file(path, buf, len);
}

int iov_sysfs_read_int(const struct iov_ctx *ctx, long long *val, const char *fmt, ...)
{
	char path[PATH_MAX];

	VPATH_OR_RETURN(ctx, path, fmt);
	return iov_read_int(path, val);
}

int iov_sysfs_read_link_name(const struct iov_ctx *ctx, char *buf, size_t len, const char *fmt, ...)
{
	char path[PATH_MAX];

	VPATH_OR_RETURN(ctx, path, fmt);
	return iov_read_link_name(path, buf, len);
}
