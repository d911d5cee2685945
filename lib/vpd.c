// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Vital Product Data (PCI Local Bus 3.0, 6.4; PCIe Base 6.28): a list of
 * resources, each a small (bit 7 clear: tag in bits 6:3, length in 2:0) or a
 * large one (bit 7 set: tag in 6:0, 16-bit little-endian length). The
 * read-only resource (large tag 0x10, byte 0x90) holds keywords: two ASCII
 * bytes, a length byte, the data. "SN" is the card's serial number. The
 * bytes come from the function's 'vpd' attribute and may be anything: every
 * length is checked against the buffer before it is used.
 */
#include "iov-private.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define VPD_LARGE		0x80
#define VPD_LARGE_VPD_R		0x10	/* 0x90 with the large bit */
#define VPD_SMALL_END		0x0f	/* 0x78 with its length */

/* the SN keyword's data, printable, trailing blanks and NULs dropped */
static int copy_sn(const uint8_t *p, size_t n, char *sn, size_t snlen)
{
	size_t i, k = 0;

	while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\0'))
		n--;
	if (n == 0)
		return -ENOENT;		/* blank: no serial to confirm anything */
	for (i = 0; i < n && k + 1 < snlen; i++)
		sn[k++] = (p[i] >= 0x20 && p[i] < 0x7f) ? (char)p[i] : '?';
	sn[k] = '\0';
	return 0;
}

static int find_sn_in_vpd_r(const uint8_t *d, size_t len, char *sn, size_t snlen)
{
	size_t k = 0;

	while (k + 3 <= len) {
		size_t kl = d[k + 2];

		if (k + 3 + kl > len)
			return -EINVAL;
		if (d[k] == 'S' && d[k + 1] == 'N')
			return copy_sn(d + k + 3, kl, sn, snlen);
		k += 3 + kl;
	}
	return -ENOENT;
}

int iov_vpd_serial(const uint8_t *buf, size_t len, char *sn, size_t snlen)
{
	size_t pos = 0;

	if (snlen == 0)
		return -EINVAL;
	sn[0] = '\0';
	while (pos < len) {
		uint8_t tag = buf[pos];

		if (tag & VPD_LARGE) {
			size_t rl;

			if (pos + 3 > len)
				return -EINVAL;
			rl = buf[pos + 1] | (size_t)buf[pos + 2] << 8;
			if (pos + 3 + rl > len)
				return -EINVAL;
			if ((tag & 0x7f) == VPD_LARGE_VPD_R)
				return find_sn_in_vpd_r(buf + pos + 3, rl, sn, snlen);
			pos += 3 + rl;
		} else {
			if (((tag >> 3) & 0x0f) == VPD_SMALL_END)
				break;
			pos += 1 + (tag & 0x07);
		}
	}
	return -ENOENT;
}

int iov_vpd_read_serial(struct iov_ctx *ctx, const struct iov_dev *d, char *sn, size_t snlen)
{
	uint8_t buf[IOV_VPD_MAX];
	char path[PATH_MAX];
	size_t n = 0;
	int fd, r;

	r = iov_sysfs_path(ctx, path, sizeof(path), "bus/pci/devices/%s/vpd", d->addr);
	if (r < 0)
		return r;
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		return -errno;
	while (n < sizeof(buf)) {
		ssize_t got = read(fd, buf + n, sizeof(buf) - n);

		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			r = -errno;
			close(fd);
			return r;
		}
		if (got == 0)
			break;
		n += got;
	}
	close(fd);
	return iov_vpd_serial(buf, n, sn, snlen);
}
