// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * VF runtime state that only the device knows: the NVMe secondary controller
 * list (Identify CNS 0x15) of an NVMe SR-IOV PF, asked through libnvme on the
 * live system and recorded by `snapshot` as the raw 4 KiB Identify data in
 * DIR/vfstate/<PF address>/nvme-secondary-ctrl-list, which replay decodes
 * with the same decoder.
 */
#include "iov-host.h"
#include "iov-private.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <nvme/ioctl.h>
#include <nvme/types.h>

static uint16_t le16(const uint8_t *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

int iov_nvme_sec_decode(const uint8_t *buf, size_t len, struct iov_nvme_sec_list *out)
{
	unsigned i, num;

	memset(out, 0, sizeof(*out));
	if (len < 32)
		return -EINVAL;
	num = buf[0];
	if (num > IOV_NVME_SEC_MAX || 32 + 32 * (size_t)num > len)
		return -EINVAL;
	for (i = 0; i < num; i++) {
		const uint8_t *e = buf + 32 + 32 * i;
		struct iov_nvme_sec *s = &out->e[i];

		s->scid = le16(e + 0);
		s->pcid = le16(e + 2);
		s->online = e[4] & 1;	/* SCS bit 0: Secondary Controller State */
		s->vfn = le16(e + 8);
		s->nvq = le16(e + 10);
		s->nvi = le16(e + 12);
	}
	out->n = num;
	out->known = true;
	return 0;
}

int iov_nvme_ctrl_of(struct iov_ctx *ctx, const char *addr, char *name, size_t len)
{
	struct iov_fn_devs fd;
	unsigned i;
	int r;

	/* the function's controllers as the one resolver finds them (fndevs.c) */
	r = iov_fn_devs_read(ctx, addr, 0, &fd);
	if (r < 0)
		return r;
	r = -ENOENT;
	for (i = 0; i < fd.nnvme; i++) {
		if (strlen(fd.nvme[i]) >= len)
			continue;
		/* the lowest-numbered one, so the choice is stable */
		if (r < 0 || strcmp(fd.nvme[i], name) < 0) {
			strcpy(name, fd.nvme[i]);
			r = 0;
		}
	}
	iov_fn_devs_free(&fd);
	return r;
}

int iov_nvme_sec_path(struct iov_ctx *ctx, const char *addr, char *buf, size_t len)
{
	return iov_sysfs_path(ctx, buf, len, "../vfstate/%s/nvme-secondary-ctrl-list", addr);
}

/* Identify CNS 0x15 through libnvme on /dev/<ctrl>. */
static int identify_secondary(const char *ctrl, uint8_t raw[IOV_NVME_IDENTIFY_SIZE])
{
	struct nvme_secondary_ctrl_list *list = (struct nvme_secondary_ctrl_list *)raw;
	char dev[64];
	int fd, r;

	snprintf(dev, sizeof(dev), "/dev/%s", ctrl);
	fd = open(dev, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	r = nvme_identify_secondary_ctrl_list(fd, 0, 0, list);
	if (r > 0)
		r = -EIO;	/* an NVMe status: the controller cannot answer */
	else if (r < 0)
		r = -errno;
	close(fd);
	return r;
}

int iov_nvme_sec_read(struct iov_ctx *ctx, const char *addr, uint8_t raw[IOV_NVME_IDENTIFY_SIZE])
{
	char path[PATH_MAX], ctrl[32];
	ssize_t n;
	int r;

	memset(raw, 0, IOV_NVME_IDENTIFY_SIZE);
	if (!iov_ctx_is_live(ctx)) {
		r = iov_nvme_sec_path(ctx, addr, path, sizeof(path));
		if (r < 0)
			return r;
		n = iov_read_bin(path, raw, IOV_NVME_IDENTIFY_SIZE);
		if (n < 0)
			return (int)n;
		return n < 32 ? -EINVAL : 0;
	}
	r = iov_nvme_ctrl_of(ctx, addr, ctrl, sizeof(ctrl));
	if (r < 0)
		return r;
	return identify_secondary(ctrl, raw);
}

static bool is_nvme_pf(const struct iov_dev *d)
{
	return d->class_code == 0x010802 && iov_dev_is_pf(d);
}

int iov_nvme_secondary(struct iov_ctx *ctx, const struct iov_dev *pf, struct iov_nvme_sec_list *out)
{
	uint8_t raw[IOV_NVME_IDENTIFY_SIZE];
	int r;

	memset(out, 0, sizeof(*out));
	if (!is_nvme_pf(pf))
		return -ENOTSUP;
	r = iov_nvme_sec_read(ctx, pf->addr, raw);
	if (r == 0)
		r = iov_nvme_sec_decode(raw, sizeof(raw), out);
	out->error = r;
	return r;
}

const struct iov_nvme_sec *iov_nvme_sec_of_vf(const struct iov_nvme_sec_list *l, unsigned vf_index)
{
	unsigned i;

	/* VF Number is 1-based: virtfn0 is VF 1 */
	for (i = 0; i < l->n; i++)
		if (l->e[i].vfn == vf_index + 1)
			return &l->e[i];
	return NULL;
}
