/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Config space for tests, built register by register: a type 0 header and
 * standard/extended capability lists appended in order. Shared by the Check
 * suites; every function asserts instead of writing out of bounds.
 */
#ifndef TESTS_CFGBUILD_H
#define TESTS_CFGBUILD_H

#include "iov.h"

#include <check.h>
#include <string.h>

/* header registers (pciutils header.h) */
#define PCI_STATUS		0x06
#define  PCI_STATUS_CAP_LIST	0x10
#define PCI_HEADER_TYPE		0x0e
#define PCI_CAPABILITY_LIST	0x34
#define PCI_CB_CAPABILITY_LIST	0x14

struct cfgbuild {
	struct iov_config cfg;
	unsigned std_last;	/* offset of the last standard capability, 0: none */
	unsigned ext_last;	/* same for the extended list */
};

static inline void put8(struct iov_config *c, unsigned off, uint8_t v)
{
	ck_assert_uint_lt(off, IOV_CFG_SIZE);
	c->bytes[off] = v;
}

static inline void put16(struct iov_config *c, unsigned off, uint16_t v)
{
	put8(c, off, v & 0xff);
	put8(c, off + 1, v >> 8);
}

static inline void put32(struct iov_config *c, unsigned off, uint32_t v)
{
	put16(c, off, v & 0xffff);
	put16(c, off + 2, v >> 16);
}

static inline uint32_t get32(const struct iov_config *c, unsigned off)
{
	return (uint32_t)c->bytes[off] | (uint32_t)c->bytes[off + 1] << 8 |
	       (uint32_t)c->bytes[off + 2] << 16 | (uint32_t)c->bytes[off + 3] << 24;
}

/* A type 0 header of a PCIe function with len bytes readable. */
static inline void cb_init(struct cfgbuild *b, size_t len)
{
	memset(b, 0, sizeof(*b));
	b->cfg.len = len;
	put16(&b->cfg, 0x00, 0x1b36);
	put16(&b->cfg, 0x02, 0x0010);
}

/* Append a standard capability at off to the list (sets Status bit 4). */
static inline void add_std_cap(struct cfgbuild *b, unsigned off, uint8_t id)
{
	put8(&b->cfg, off, id);
	put8(&b->cfg, off + 1, 0);
	if (b->std_last) {
		put8(&b->cfg, b->std_last + 1, off);
	} else {
		put8(&b->cfg, PCI_CAPABILITY_LIST, off);
		put16(&b->cfg, PCI_STATUS, PCI_STATUS_CAP_LIST);
	}
	b->std_last = off;
}

/* Append an extended capability; the first one must sit at 0x100. */
static inline void add_ext_cap(struct cfgbuild *b, unsigned off, uint16_t id, uint8_t ver)
{
	put32(&b->cfg, off, id | (uint32_t)(ver & 0xf) << 16);
	if (b->ext_last)
		put32(&b->cfg, b->ext_last,
		      (get32(&b->cfg, b->ext_last) & 0xfffff) | (uint32_t)off << 20);
	else
		ck_assert_uint_eq(off, 0x100);
	b->ext_last = off;
}

/* Point the next field of the extended header at off to next, raw. */
static inline void set_ext_next(struct cfgbuild *b, unsigned off, unsigned next)
{
	put32(&b->cfg, off, (get32(&b->cfg, off) & 0xfffff) | (uint32_t)next << 20);
}

#endif /* TESTS_CFGBUILD_H */
