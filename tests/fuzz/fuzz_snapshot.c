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

/*
 * The model: link_dir/target walked one component at a time, ".." above
 * the root refused. 0 with the path, or -EXDEV.
 */
static int model_resolve(const char *dir, const char *target, char *out, size_t len)
{
	size_t ends[PATH_MAX], k = 0, used = 0;
	const char *parts[2] = { dir, target };
	int i;

	if (dir[0] == '/' || target[0] == '/')
		return -EXDEV;
	out[0] = '\0';
	for (i = 0; i < 2; i++) {
		const char *c = parts[i];

		while (*c) {
			size_t n = strcspn(c, "/");

			if (n == 0 || (n == 1 && c[0] == '.')) {
				/* nothing */
			} else if (n == 2 && c[0] == '.' && c[1] == '.') {
				if (k == 0)
					return -EXDEV;
				used = --k ? ends[k - 1] : 0;
				out[used] = '\0';
			} else {
				if (used + n + 2 > len)
					return -ENAMETOOLONG;
				if (used)
					out[used++] = '/';
				memcpy(out + used, c, n);
				used += n;
				out[used] = '\0';
				ends[k++] = used;
			}
			c += n;
			c += *c == '/';
		}
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *a, *b, res[PATH_MAX], rel[PATH_MAX], back[PATH_MAX], to[PATH_MAX], from[PATH_MAX];
	static char model[2 * PATH_MAX + 2];
	size_t na;
	int r, m;
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

	r = iov_snapshot_resolve(a, b, res, sizeof(res));
	if (r == 0 && !clean(res))
		__builtin_trap();	/* a path that is not plainly inside the root */
	/* the same answer as the model, or a refusal for length only */
	m = model_resolve(a, b, model, sizeof(model));
	if (m == -EXDEV && r == 0)
		__builtin_trap();	/* out of the root, not refused */
	if (m == 0 && r == 0 && strcmp(res, model) != 0)
		__builtin_trap();
	if (m == 0 && r < 0 && r != -ENAMETOOLONG)
		__builtin_trap();

	/*
	 * relative() on clean paths must round-trip through resolve(), which
	 * may only refuse a path too long (or deep) for it, never answer wrong
	 */
	if (iov_snapshot_resolve("", a, from, sizeof(from)) == 0 &&
	    iov_snapshot_resolve("", b, to, sizeof(to)) == 0 &&
	    iov_snapshot_relative(from, to, rel, sizeof(rel)) == 0) {
		r = iov_snapshot_resolve(from, rel, back, sizeof(back));
		if ((r == 0 && strcmp(back, to) != 0) || (r < 0 && r != -ENAMETOOLONG))
			__builtin_trap();
	}
	free(a);
	return 0;
}
