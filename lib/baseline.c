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

/*
 * 2: bandwidth is "bw_bytes_per_s" (1 called it "bw_bytes"). Version 1
 * files are still read: a CI gate keeps its baseline across the upgrade.
 */
#define BASELINE_SCHEMA 2
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
		json_object_object_add(o, "bw_bytes_per_s", json_object_new_double(b->e[i].bw));
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
	const char *bw_key;
	FILE *f;
	size_t i, n;
	int r = -EINVAL, version;

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
	    !json_object_is_type(x, json_type_int))
		goto out;
	version = json_object_get_int(x);
	/* a newer file may mean something else by the same keys */
	if (version < 1 || version > BASELINE_SCHEMA) {
		r = -EPROTO;
		goto out;
	}
	bw_key = version == 1 ? "bw_bytes" : "bw_bytes_per_s";
	if (!json_object_object_get_ex(root, BASELINE_ROOT, &top) ||
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
		    !get_num(o, "iops", &e->iops) || !get_num(o, bw_key, &e->bw) ||
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

void iov_baseline_describe(const struct iov_bench_opts *o, char *buf, size_t len)
{
	snprintf(buf, len, "%s bs=%u qd=%u jobs=%u engine=%s direct=%d fixed_buffers=%d",
		 iov_bench_rw_name(o->rw), o->bs, o->qd, o->jobs, o->engine, o->direct,
		 o->fixed_buffers);
}

int iov_baseline_of(const struct iov_bench_opts *o, const struct iov_bench_target *t, size_t nt,
		    const struct iov_bench_result *per, const struct iov_bench_result *agg,
		    struct iov_baseline *b)
{
	size_t i;

	memset(b, 0, sizeof(*b));
	iov_baseline_describe(o, b->settings, sizeof(b->settings));
	b->e = calloc(nt + 1, sizeof(*b->e));
	if (!b->e)
		return -ENOMEM;
	for (i = 0; i <= nt; i++) {
		const struct iov_bench_result *r = i < nt ? &per[i] : agg;

		snprintf(b->e[i].name, sizeof(b->e[i].name), "%s", i < nt ? t[i].name : "aggregate");
		b->e[i].iops = r->iops;
		b->e[i].bw = r->bw;
		b->e[i].p99_ns = r->lat.p99_ns;
	}
	/* one target: its aggregate is itself, keep the file short */
	b->n = nt > 1 ? nt + 1 : nt;
	return 0;
}

/* Append word to buf (space-separated), truncating safely. */
static void append_word(char *buf, size_t len, size_t *used, const char *word)
{
	int k = snprintf(buf + *used, len - *used, "%s%s", *used ? " " : "", word);

	if (k > 0)
		*used = *used + (size_t)k < len ? *used + (size_t)k : len - 1;
}

int iov_baseline_settings_differ(const char *a, const char *b, char *was, size_t wlen,
				 char *now, size_t nlen)
{
	char ca[256], cb[256], *sa, *sb, *x, *y;
	size_t lw = 0, ln = 0;

	was[0] = now[0] = '\0';
	if (!a[0] || strcmp(a, b) == 0)
		return 0;
	snprintf(ca, sizeof(ca), "%s", a);
	snprintf(cb, sizeof(cb), "%s", b);
	x = strtok_r(ca, " ", &sa);
	y = strtok_r(cb, " ", &sb);
	for (; x && y; x = strtok_r(NULL, " ", &sa), y = strtok_r(NULL, " ", &sb))
		if (strcmp(x, y)) {
			append_word(was, wlen, &lw, x);
			append_word(now, nlen, &ln, y);
		}
	return x || y || !lw ? 2 : 1;
}
