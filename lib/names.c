// SPDX-License-Identifier: GPL-2.0-or-later
/* Names found under the sysfs root, for listings such as the shell completions. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "iov.h"
#include "iov-names.h"

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int add_name(struct iov_names *out, const char *name)
{
	char **v = realloc(out->v, (out->n + 1) * sizeof(*v));

	if (!v)
		return -ENOMEM;
	out->v = v;
	v[out->n] = strdup(name);
	if (!v[out->n])
		return -ENOMEM;
	out->n++;
	return 0;
}

int iov_sysfs_names(const struct iov_ctx *ctx, const char *dir, struct iov_names *out)
{
	char path[PATH_MAX];
	struct dirent *e;
	DIR *d;
	int r;

	out->v = NULL;
	out->n = 0;
	r = iov_sysfs_path(ctx, path, sizeof(path), "%s", dir);
	if (r < 0)
		return r;
	d = opendir(path);
	if (!d)
		return -errno;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		r = add_name(out, e->d_name);
		if (r < 0) {
			closedir(d);
			iov_names_free(out);
			return r;
		}
	}
	closedir(d);
	if (out->n)
		qsort(out->v, out->n, sizeof(*out->v), cmp_names);
	return 0;
}

void iov_names_free(struct iov_names *names)
{
	size_t i;

	for (i = 0; i < names->n; i++)
		free(names->v[i]);
	free(names->v);
	names->v = NULL;
	names->n = 0;
}
