// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Config space as bytes plus how many were read: every reader of a register
 * asks here, so what could not be read reads as all ones (what the bus
 * returns for nothing), never as zeros that look real.
 */
#include "iov.h"

bool iov_cfg_has(const struct iov_config *cfg, unsigned off, unsigned n)
{
	return off <= cfg->len && n <= cfg->len - off;
}

uint8_t iov_cfg_u8(const struct iov_config *cfg, unsigned off)
{
	return iov_cfg_has(cfg, off, 1) ? cfg->bytes[off] : 0xff;
}

uint16_t iov_cfg_u16(const struct iov_config *cfg, unsigned off)
{
	if (!iov_cfg_has(cfg, off, 2))
		return 0xffff;
	return cfg->bytes[off] | cfg->bytes[off + 1] << 8;
}

uint32_t iov_cfg_u32(const struct iov_config *cfg, unsigned off)
{
	if (!iov_cfg_has(cfg, off, 4))
		return 0xffffffff;
	return (uint32_t)cfg->bytes[off] | (uint32_t)cfg->bytes[off + 1] << 8 |
	       (uint32_t)cfg->bytes[off + 2] << 16 | (uint32_t)cfg->bytes[off + 3] << 24;
}
