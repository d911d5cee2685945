// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libFuzzer harness: how a snapshot reads the links and names it meets.
 * The input is two strings split at the first NUL: a directory and a link
 * text (or path) inside the snapshot root. iov_snapshot_resolve() must give
 * a clean path inside the root or refuse; iov_snapshot_relative() must give
 * a link that resolves back to where it points. Each string also goes to
 * the size and output-name parsers.
 */
#include "iov-snapshot.h"

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* no leading or trailing '/', no empty, "." or ".." component */
static bool clean(const char *p)
{
	const char *c = p;

	if (!*p)
		return true;
	if (*p == '/')
		return false;
	while (*c) {
		size_t n = strcspn(c, "/");

		if (n == 0 || (n == 1 && c[0] == '.') || (n == 2 && c[0] == '.' && c[1] == '.'))
			return false;
		c += n;
		if (*c == '/' && !*++c)
			return false;
	}
	return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *a, *b, res[PATH_MAX], rel[PATH_MAX], back[PATH_MAX], to[PATH_MAX], from[PATH_MAX];
	size_t na;
	uint64_t u;

	a = malloc(size + 2);
	if (!a)
		return 0;
	memcpy(a, data, size);
	a[size] = a[size + 1] = '\0';
	na = strlen(a);
	b = a + na + (na < size);

	iov_parse_size(a, &u);
	iov_snapshot_format_of(a);
	iov_snapshot_format_of(b);

	if (iov_snapshot_resolve(a, b, res, sizeof(res)) == 0 && !clean(res))
		__builtin_trap();	/* a path that is not plainly inside the root */

	/*
	 * relative() on clean paths must round-trip through resolve(), which
	 * may only refuse a path too long (or deep) for it, never answer wrong
	 */
	if (iov_snapshot_resolve("", a, from, sizeof(from)) == 0 &&
	    iov_snapshot_resolve("", b, to, sizeof(to)) == 0 &&
	    iov_snapshot_relative(from, to, rel, sizeof(rel)) == 0) {
		int r = iov_snapshot_resolve(from, rel, back, sizeof(back));

		if ((r == 0 && strcmp(back, to) != 0) || (r < 0 && r != -ENAMETOOLONG))
			__builtin_trap();
	}
	free(a);
	return 0;
}
