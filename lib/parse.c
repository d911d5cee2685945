// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The value parsers every module shares: sizes ("4k", "1T", "64MiB") and CPU
 * lists ("0-3,8", as sysfs and /proc write them).  One of each, so that a
 * size means the same to bench and snapshot, and a cpulist the same to the
 * scan, the interrupt-locality check and bench's placement.
 */
#include "iov.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* Binary multiples, as lsblk, fio and the kernel's memparse() read them. */
static int size_shift(char c)
{
	switch (tolower((unsigned char)c)) {
	case 'k':
		return 10;
	case 'm':
		return 20;
	case 'g':
		return 30;
	case 't':
		return 40;
	case 'p':
		return 50;
	case 'e':
		return 60;
	}
	return -1;
}

int iov_parse_size(const char *s, uint64_t *bytes)
{
	unsigned long long v;
	int shift = 0;
	char *end;

	if (!s || !isdigit((unsigned char)*s))
		return -EINVAL;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno == ERANGE)
		return -ERANGE;
	if (errno)
		return -EINVAL;
	if (*end) {
		shift = size_shift(*end++);
		if (shift < 0)
			return -EINVAL;
		/* "4k", "4K", "4kb", "4KiB" */
		if (*end == 'i' || *end == 'I')
			end++;
		if (*end == 'b' || *end == 'B')
			end++;
		if (*end)
			return -EINVAL;
	}
	if (shift && v > (UINT64_MAX >> shift))
		return -ERANGE;
	*bytes = (uint64_t)v << shift;
	return 0;
}

static const char *skip_space(const char *s)
{
	while (*s == ' ' || *s == '\t' || *s == '\n')
		s++;
	return s;
}

int iov_cpulist_parse(const char *s, uint64_t *mask, size_t nwords)
{
	memset(mask, 0, nwords * sizeof(*mask));
	/* what a sysfs file holds: the list, maybe empty, and a newline */
	s = skip_space(s);
	while (*s) {
		unsigned long a, b;
		char *end;

		if (!isdigit((unsigned char)*s))
			return -EINVAL;
		errno = 0;
		a = strtoul(s, &end, 10);
		b = a;
		if (*end == '-') {
			s = end + 1;
			if (!isdigit((unsigned char)*s))
				return -EINVAL;
			b = strtoul(s, &end, 10);
		}
		if (errno || b < a || b >= nwords * 64)
			return -ERANGE;
		for (; a <= b; a++)
			mask[a / 64] |= 1ULL << (a % 64);
		s = end;
		if (*s == ',') {
			s++;
			if (!isdigit((unsigned char)*s))
				return -EINVAL;
		} else if (*s) {
			s = skip_space(s);
			if (*s)
				return -EINVAL;
		}
	}
	return 0;
}

unsigned iov_cpulist_count(const uint64_t *mask, size_t nwords)
{
	unsigned n = 0;
	size_t i;

	for (i = 0; i < nwords; i++)
		n += (unsigned)__builtin_popcountll(mask[i]);
	return n;
}
