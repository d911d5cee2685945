// SPDX-License-Identifier: GPL-2.0-or-later
/* PCI addresses and lspci-style -s / -d selectors. */
#include "iov.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Parse a hex field of at most maxdigits digits, all of s..end. */
static int hex_field(const char *s, const char *end, unsigned maxdigits, unsigned long max,
		     unsigned long *val)
{
	unsigned long v = 0;
	const char *p;

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

int iov_bdf_parse(const char *s, struct iov_bdf *out)
{
	const char *c1, *c2, *dot;
	unsigned long dom = 0, bus, dev, fn;

	if (!s)
		return -EINVAL;
	dot = strchr(s, '.');
	c1 = strchr(s, ':');
	if (!dot || !c1 || dot < c1)
		return -EINVAL;
	c2 = strchr(c1 + 1, ':');
	if (c2 && c2 < dot) {
		if (hex_field(s, c1, 4, 0xffff, &dom) < 0)
			return -EINVAL;
		s = c1 + 1;
		c1 = c2;
	}
	if (hex_field(s, c1, 2, 0xff, &bus) < 0 ||
	    hex_field(c1 + 1, dot, 2, 0x1f, &dev) < 0 ||
	    hex_field(dot + 1, dot + 1 + strlen(dot + 1), 1, 7, &fn) < 0)
		return -EINVAL;
	out->domain = dom;
	out->bus = bus;
	out->dev = dev;
	out->fn = fn;
	return 0;
}

void iov_bdf_format(const struct iov_bdf *b, char buf[IOV_BDF_STRLEN])
{
	snprintf(buf, IOV_BDF_STRLEN, "%04x:%02x:%02x.%x", b->domain & 0xffff, b->bus, b->dev & 0x1f,
		 b->fn & 7);
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

/* An optional selector field: empty or "*" means any (-1). */
static int opt_field(const char *s, const char *end, unsigned maxdigits, unsigned long max, int *val)
{
	unsigned long v;

	if (s == end || (end - s == 1 && *s == '*')) {
		*val = -1;
		return 0;
	}
	if (hex_field(s, end, maxdigits, max, &v) < 0)
		return -EINVAL;
	*val = (int)v;
	return 0;
}

int iov_slot_filter_parse(const char *s, struct iov_slot_filter *f)
{
	const char *end = s + strlen(s);
	const char *dot, *colon1, *colon2;
	const char *devpart = s;

	f->domain = f->bus = f->dev = f->fn = -1;
	dot = strchr(s, '.');
	if (dot) {
		if (opt_field(dot + 1, end, 1, 7, &f->fn) < 0)
			return -EINVAL;
		end = dot;
	}
	colon2 = NULL;
	colon1 = memchr(s, ':', end - s);
	if (colon1)
		colon2 = memchr(colon1 + 1, ':', end - colon1 - 1);
	if (colon2) {
		if (opt_field(s, colon1, 4, 0xffff, &f->domain) < 0 ||
		    opt_field(colon1 + 1, colon2, 2, 0xff, &f->bus) < 0)
			return -EINVAL;
		devpart = colon2 + 1;
	} else if (colon1) {
		if (opt_field(s, colon1, 2, 0xff, &f->bus) < 0)
			return -EINVAL;
		devpart = colon1 + 1;
	}
	if (memchr(devpart, ':', end - devpart))
		return -EINVAL;
	return opt_field(devpart, end, 2, 0x1f, &f->dev);
}

bool iov_slot_filter_match(const struct iov_slot_filter *f, const struct iov_bdf *b)
{
	return (f->domain < 0 || f->domain == b->domain) && (f->bus < 0 || f->bus == b->bus) &&
	       (f->dev < 0 || f->dev == b->dev) && (f->fn < 0 || f->fn == b->fn);
}

int iov_id_filter_parse(const char *s, struct iov_id_filter *f)
{
	const char *end = s + strlen(s);
	const char *c1, *c2;

	f->vendor = f->device = f->class_ = -1;
	c1 = strchr(s, ':');
	if (!c1)
		return -EINVAL;
	c2 = strchr(c1 + 1, ':');
	if (opt_field(s, c1, 4, 0xffff, &f->vendor) < 0)
		return -EINVAL;
	if (opt_field(c1 + 1, c2 ? c2 : end, 4, 0xffff, &f->device) < 0)
		return -EINVAL;
	if (c2 && opt_field(c2 + 1, end, 4, 0xffff, &f->class_) < 0)
		return -EINVAL;
	return 0;
}
