// SPDX-License-Identifier: GPL-2.0-or-later
/* PCI addresses and lspci-style -s / -d selectors. */
#include "iov.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Widest field: a 32-bit PCI domain, 8 hex digits. */
#define DOMAIN_DIGITS 8

/*
 * Parse a hex field of at most maxdigits digits, all of s..end. Returns 0,
 * 1 for a "0x" prefix (the fields are hex already) or -EINVAL.
 */
static int hex_field(const char *s, const char *end, unsigned maxdigits, unsigned long max,
		     unsigned long *val)
{
	unsigned long v = 0;
	const char *p;

	if (end - s > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
		return 1;
	if (s == end || (size_t)(end - s) > maxdigits)
		return -EINVAL;
	for (p = s; p < end; p++) {
		int d;

		if (*p >= '0' && *p <= '9')
			d = *p - '0';
		else if (*p >= 'a' && *p <= 'f')
			d = *p - 'a' + 10;
		else if (*p >= 'A' && *p <= 'F')
			d = *p - 'A' + 10;
		else
			return -EINVAL;
		v = v * 16 + d;
	}
	if (v > max)
		return -EINVAL;
	*val = v;
	return 0;
}

/* One address field: its hex_field() result as the reason it is wrong. */
static enum iov_addr_err addr_field(const char *s, const char *end, unsigned maxdigits,
				    unsigned long max, unsigned long *val, enum iov_addr_err bad)
{
	int r = hex_field(s, end, maxdigits, max, val);

	if (r == 1)
		return IOV_ADDR_PREFIX;
	return r < 0 ? bad : IOV_ADDR_OK;
}

enum iov_addr_err iov_bdf_parse_why(const char *s, struct iov_bdf *out)
{
	const char *c1, *c2, *dot;
	unsigned long dom = 0, bus, dev, fn;
	enum iov_addr_err e;

	if (!s)
		return IOV_ADDR_SHAPE;
	dot = strrchr(s, '.');
	c1 = strchr(s, ':');
	if (!dot || !c1 || dot < c1 || strchr(dot + 1, ':'))
		return IOV_ADDR_SHAPE;
	c2 = strchr(c1 + 1, ':');
	if (c2) {
		if (strchr(c2 + 1, ':'))
			return IOV_ADDR_SHAPE;
		e = addr_field(s, c1, DOMAIN_DIGITS, 0xffffffffUL, &dom, IOV_ADDR_DOMAIN);
		if (e)
			return e;
		s = c1 + 1;
		c1 = c2;
	}
	if (memchr(s, '.', dot - s))
		return IOV_ADDR_SHAPE;
	e = addr_field(s, c1, 2, 0xff, &bus, IOV_ADDR_BUS);
	if (!e)
		e = addr_field(c1 + 1, dot, 2, 0x1f, &dev, IOV_ADDR_DEV);
	if (!e)
		e = addr_field(dot + 1, dot + 1 + strlen(dot + 1), 1, 7, &fn, IOV_ADDR_FN);
	if (e)
		return e;
	out->domain = dom;
	out->bus = bus;
	out->dev = dev;
	out->fn = fn;
	return IOV_ADDR_OK;
}

int iov_bdf_parse(const char *s, struct iov_bdf *out)
{
	return iov_bdf_parse_why(s, out) == IOV_ADDR_OK ? 0 : -EINVAL;
}

bool iov_bdf_canonical(const char *s, struct iov_bdf *out)
{
	char buf[IOV_BDF_STRLEN];
	struct iov_bdf b;

	if (iov_bdf_parse(s, &b) < 0)
		return false;
	iov_bdf_format(&b, buf);
	if (strcmp(buf, s) != 0)
		return false;
	if (out)
		*out = b;
	return true;
}

bool iov_addr_shaped(const char *s)
{
	/* netdev names cannot hold ':' (dev_valid_name()), disk names do not */
	return s && strchr(s, ':') && !strchr(s, '/');
}

const char *iov_addr_strerror(enum iov_addr_err e)
{
	switch (e) {
	case IOV_ADDR_OK:
		return "valid";
	case IOV_ADDR_SHAPE:
		return "expected [domain:]bus:device.function";
	case IOV_ADDR_PREFIX:
		return "fields are hex without a 0x prefix";
	case IOV_ADDR_DOMAIN:
		return "domain must be 0-ffffffff (1-8 hex digits)";
	case IOV_ADDR_BUS:
		return "bus must be 00-ff (1-2 hex digits)";
	case IOV_ADDR_DEV:
		return "device must be 00-1f (1-2 hex digits)";
	case IOV_ADDR_FN:
		return "function must be 0-7";
	case IOV_ADDR_VF:
		return "expected PF/vfN, N a VF index (0-65535)";
	}
	return "invalid";
}

/* "/vfN" at s: N decimal, 0-65535, no sign and no leading zeros but "0" */
static enum iov_addr_err vf_index(const char *s, unsigned *index)
{
	unsigned long v = 0;
	const char *p;

	if (strncmp(s, "/vf", 3) != 0)
		return IOV_ADDR_SHAPE;
	p = s + 3;
	if (*p < '0' || *p > '9' || (p[0] == '0' && p[1]))
		return IOV_ADDR_VF;
	for (; *p >= '0' && *p <= '9'; p++) {
		v = v * 10 + (unsigned long)(*p - '0');
		if (v > 0xffff)
			return IOV_ADDR_VF;
	}
	if (*p)
		return IOV_ADDR_VF;
	*index = (unsigned)v;
	return IOV_ADDR_OK;
}

bool iov_vf_ref_shaped(const char *s)
{
	const char *slash = s ? strchr(s, '/') : NULL;

	return slash && slash > s && memchr(s, ':', slash - s) && strncmp(slash, "/vf", 3) == 0;
}

enum iov_addr_err iov_vf_ref_parse_why(const char *s, struct iov_bdf *pf, unsigned *index)
{
	char addr[IOV_BDF_STRLEN];
	const char *slash;
	enum iov_addr_err e;
	struct iov_bdf b;
	unsigned i;

	if (!iov_vf_ref_shaped(s))
		return IOV_ADDR_SHAPE;
	slash = strchr(s, '/');
	if ((size_t)(slash - s) >= sizeof(addr))
		return IOV_ADDR_SHAPE;
	memcpy(addr, s, slash - s);
	addr[slash - s] = '\0';
	e = iov_bdf_parse_why(addr, &b);
	if (e)
		return e;
	e = vf_index(slash, &i);
	if (e)
		return e;
	*pf = b;
	*index = i;
	return IOV_ADDR_OK;
}

int iov_function_resolve(const struct iov_ctx *ctx, const char *s, struct iov_bdf *out)
{
	char pfname[IOV_BDF_STRLEN], vfname[IOV_BDF_STRLEN];
	struct iov_bdf pf;
	unsigned index;

	if (iov_bdf_parse(s, out) == 0)
		return 0;
	if (iov_vf_ref_parse_why(s, &pf, &index) != IOV_ADDR_OK)
		return -EINVAL;
	iov_bdf_format(&pf, pfname);
	if (iov_sysfs_read_link_name(ctx, vfname, sizeof(vfname), "bus/pci/devices/%s/virtfn%u",
				     pfname, index) < 0 ||
	    iov_bdf_parse(vfname, out) < 0)
		return -ENODEV;
	return 0;
}

void iov_bdf_format(const struct iov_bdf *b, char buf[IOV_BDF_STRLEN])
{
	/* as the kernel names functions: at least four domain digits, more if needed */
	snprintf(buf, IOV_BDF_STRLEN, "%04x:%02x:%02x.%x", (unsigned)b->domain, b->bus,
		 b->dev & 0x1f, b->fn & 7);
}

int iov_bdf_cmp(const struct iov_bdf *a, const struct iov_bdf *b)
{
	if (a->domain != b->domain)
		return a->domain < b->domain ? -1 : 1;
	if (a->bus != b->bus)
		return a->bus < b->bus ? -1 : 1;
	if (a->dev != b->dev)
		return a->dev < b->dev ? -1 : 1;
	if (a->fn != b->fn)
		return a->fn < b->fn ? -1 : 1;
	return 0;
}

/* "0000:03:00" (one device) or "0000:03" (every device on the bus), as slots/N/address */
int iov_slot_address_parse(const char *s, struct iov_bdf *bdf, bool *whole_bus)
{
	const char *c1 = strchr(s, ':'), *c2, *end = s + strlen(s);
	unsigned long dom, bus, dev = 0;

	if (!c1)
		return -EINVAL;
	c2 = strchr(c1 + 1, ':');
	if (addr_field(s, c1, DOMAIN_DIGITS, 0xffffffffUL, &dom, IOV_ADDR_DOMAIN) ||
	    addr_field(c1 + 1, c2 ? c2 : end, 2, 0xff, &bus, IOV_ADDR_BUS) ||
	    (c2 && addr_field(c2 + 1, end, 2, 0x1f, &dev, IOV_ADDR_DEV)))
		return -EINVAL;
	memset(bdf, 0, sizeof(*bdf));
	bdf->domain = dom;
	bdf->bus = bus;
	bdf->dev = dev;
	*whole_bus = !c2;
	return 0;
}
