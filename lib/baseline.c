// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * CI baselines: save the headline numbers of a run, and compare a later run
 * against them with a tolerance. The file is JSON, versioned like the
 * command's output.
 */
#include "config.h"

#include "iov-bench.h"

#include <errno.h>
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BASELINE_SCHEMA 1
#define BASELINE_ROOT "iovctl_bench_baseline"

int iov_baseline_save(const char *path, const struct iov_baseline *b)
{
	struct json_object *root, *top, *arr;
	size_t i;
	int r = 0;

	root = json_object_new_object();
	top = json_object_new_object();
	arr = json_object_new_array();
	json_object_object_add(root, "schema_version", json_object_new_int(BASELINE_SCHEMA));
	json_object_object_add(root, BASELINE_ROOT, top);
	json_object_object_add(top, "settings", json_object_new_string(b->settings));
	json_object_object_add(top, "targets", arr);
	for (i = 0; i < b->n; i++) {
		struct json_object *o = json_object_new_object();

		json_object_object_add(o, "name", json_object_new_string(b->e[i].name));
		json_object_object_add(o, "iops", json_object_new_double(b->e[i].iops));
		json_object_object_add(o, "bw_bytes", json_object_new_double(b->e[i].bw));
		json_object_object_add(o, "p99_ns", json_object_new_double(b->e[i].p99_ns));
		json_object_array_add(arr, o);
	}
	if (json_object_to_file_ext(path, root, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_NOSLASHESCAPE) < 0)
		r = errno ? -errno : -EIO;
	json_object_put(root);
	return r;
}

static bool get_num(struct json_object *o, const char *key, double *v)
{
	struct json_object *x;

	if (!json_object_object_get_ex(o, key, &x))
		return false;
	if (!json_object_is_type(x, json_type_double) && !json_object_is_type(x, json_type_int))
		return false;
	*v = json_object_get_double(x);
	return true;
}

int iov_baseline_load(const char *path, struct iov_baseline *b)
{
	struct json_object *root, *top, *x, *arr;
	FILE *f;
	size_t i, n;
	int r = -EINVAL;

	memset(b, 0, sizeof(*b));
	/* json_object_from_file() hides errno: find out why it cannot be read first */
	f = fopen(path, "re");
	if (!f)
		return -errno;
	fclose(f);
	root = json_object_from_file(path);
	if (!root)
		return -EINVAL;
	if (!json_object_object_get_ex(root, "schema_version", &x) ||
	    json_object_get_int(x) != BASELINE_SCHEMA ||
	    !json_object_object_get_ex(root, BASELINE_ROOT, &top) ||
	    !json_object_object_get_ex(top, "targets", &arr) ||
	    !json_object_is_type(arr, json_type_array))
		goto out;
	if (json_object_object_get_ex(top, "settings", &x))
		snprintf(b->settings, sizeof(b->settings), "%s", json_object_get_string(x));
	n = json_object_array_length(arr);
	b->e = calloc(n ? n : 1, sizeof(*b->e));
	if (!b->e) {
		r = -ENOMEM;
		goto out;
	}
	for (i = 0; i < n; i++) {
		struct json_object *o = json_object_array_get_idx(arr, i);
		struct iov_baseline_entry *e = &b->e[i];

		if (!json_object_object_get_ex(o, "name", &x) ||
		    !get_num(o, "iops", &e->iops) || !get_num(o, "bw_bytes", &e->bw) ||
		    !get_num(o, "p99_ns", &e->p99_ns)) {
			iov_baseline_free(b);
			goto out;
		}
		snprintf(e->name, sizeof(e->name), "%s", json_object_get_string(x));
	}
	b->n = n;
	r = 0;
out:
	json_object_put(root);
	return r;
}

void iov_baseline_free(struct iov_baseline *b)
{
	free(b->e);
	b->e = NULL;
	b->n = 0;
}

const char *iov_baseline_metric_name(enum iov_baseline_metric m)
{
	switch (m) {
	case IOV_BL_IOPS:
		return "iops";
	case IOV_BL_BW:
		return "bw";
	case IOV_BL_P99:
		return "p99";
	default:
		return "?";
	}
}

static double metric(const struct iov_baseline_entry *e, enum iov_baseline_metric m)
{
	return m == IOV_BL_IOPS ? e->iops : m == IOV_BL_BW ? e->bw : e->p99_ns;
}

/* "0000:3b:00.2/nvme1n1" -> length of "0000:3b:00.2/"; 0 for other names */
static size_t bdf_prefix(const char *name)
{
	const char *slash = strchr(name, '/');
	struct iov_bdf a;
	char bdf[32];

	if (!slash || slash == name || (size_t)(slash - name) >= sizeof(bdf))
		return 0;
	memcpy(bdf, name, (size_t)(slash - name));
	bdf[slash - name] = '\0';
	return iov_bdf_parse(bdf, &a) == 0 ? (size_t)(slash - name) + 1 : 0;
}

/* How many entries of b name a device under the PCI function prefix p. */
static size_t count_prefixed(const struct iov_baseline *b, const char *p, size_t len,
			     const struct iov_baseline_entry **last)
{
	size_t i, n = 0;

	for (i = 0; i < b->n; i++)
		if (strncmp(b->e[i].name, p, len) == 0) {
			*last = &b->e[i];
			n++;
		}
	return n;
}

/*
 * The entry of cur for a baseline target: the same name, or else, for a
 * PCI function's only block device, the only one under the same function
 * now. Block device names are not stable across boots (nvme1n1 may come
 * back as nvme2n1); the function's address is.
 */
static const struct iov_baseline_entry *find_entry(const struct iov_baseline *cur,
						   const struct iov_baseline *base, const char *name)
{
	const struct iov_baseline_entry *c = NULL, *dummy;
	size_t i, len;

	for (i = 0; i < cur->n; i++)
		if (strcmp(cur->e[i].name, name) == 0)
			return &cur->e[i];
	len = bdf_prefix(name);
	if (!len || count_prefixed(base, name, len, &dummy) != 1 ||
	    count_prefixed(cur, name, len, &c) != 1)
		return NULL;
	return c;
}

int iov_baseline_compare(const struct iov_baseline *base, const struct iov_baseline *cur,
			 double tolerance_pct, struct iov_baseline_diff **rows, size_t *nrows)
{
	struct iov_baseline_diff *d;
	size_t i, n = 0;
	int regressions = 0;

	*rows = NULL;
	*nrows = 0;
	if (tolerance_pct < 0)
		return -EINVAL;
	d = calloc(base->n * IOV_BL_NMETRICS + 1, sizeof(*d));
	if (!d)
		return -ENOMEM;
	for (i = 0; i < base->n; i++) {
		const struct iov_baseline_entry *b = &base->e[i], *c = NULL;
		enum iov_baseline_metric m;

		c = find_entry(cur, base, b->name);
		for (m = 0; m < IOV_BL_NMETRICS; m++) {
			struct iov_baseline_diff *r = &d[n++];
			double bv = metric(b, m), cv;

			snprintf(r->name, sizeof(r->name), "%s", b->name);
			r->metric = m;
			r->base = bv;
			if (!c) {
				r->missing = true;
				r->regression = true;
				regressions++;
				continue;
			}
			cv = metric(c, m);
			r->cur = cv;
			r->change_pct = bv != 0 ? (cv - bv) / bv * 100.0 : 0;
			/* more IOPS and bandwidth is better; a higher p99 is worse */
			if (m == IOV_BL_P99)
				r->regression = cv > bv * (1 + tolerance_pct / 100.0);
			else
				r->regression = cv < bv * (1 - tolerance_pct / 100.0);
			regressions += r->regression;
		}
	}
	*rows = d;
	*nrows = n;
	return regressions;
}
