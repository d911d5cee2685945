// SPDX-License-Identifier: GPL-2.0-or-later
/* inspect --host: the host readiness checklist, as text and as JSON. */
#include "config.h"

#include <errno.h>
#include <json-c/json.h>
#include <string.h>

#include "inspect.h"
#include "output.h"
#include "lib/iov-host.h"

/* the schema of the --host document; see iovctl-inspect(8) */
#define HOST_SCHEMA_VERSION 1

static const char *status_color(bool color, enum iov_check_status s)
{
	if (!color)
		return "";
	switch (s) {
	case IOV_CHECK_PASS:
		return "\033[32m";
	case IOV_CHECK_WARN:
		return "\033[33m";
	case IOV_CHECK_FAIL:
		return "\033[1;31m";
	case IOV_CHECK_UNKNOWN:
		break;
	}
	return "\033[36m";
}

static void count(const struct iov_host_report *r, unsigned n[4])
{
	size_t i;

	memset(n, 0, 4 * sizeof(*n));
	for (i = 0; i < r->n; i++)
		n[r->check[i].status]++;
}

static int print_text(const struct inspect_view *v, const struct iov_host_report *r, FILE *out)
{
	const char *vendor = iov_cpu_vendor_str(r->vendor), *iommu = iov_cpu_vendor_str(r->iommu);
	unsigned n[4];
	size_t i;

	fprintf(out, "Host readiness (CPU: %s, IOMMU: %s)\n", vendor ? vendor : "unknown",
		iommu ? iommu : "unknown");
	for (i = 0; i < r->n; i++) {
		const struct iov_host_check *c = &r->check[i];
		char st[8];
		size_t k;

		for (k = 0; k < sizeof(st) - 1 && iov_check_status_str(c->status)[k]; k++)
			st[k] = (char)(iov_check_status_str(c->status)[k] - 'a' + 'A');
		st[k] = '\0';
		fprintf(out, "  %s%-7s%s %-20s ", status_color(v->color, c->status), st,
			v->color ? "\033[0m" : "", c->id);
		out_wrap(out, c->detail, v->width, 31, 31);
		if (c->hint) {
			fputs("          fix: ", out);
			out_wrap(out, c->hint, v->width, 15, 15);
		}
	}
	count(r, n);
	fprintf(out, "%zu checks: %u pass, %u warn, %u fail, %u unknown\n", r->n, n[IOV_CHECK_PASS],
		n[IOV_CHECK_WARN], n[IOV_CHECK_FAIL], n[IOV_CHECK_UNKNOWN]);
	return 0;
}

static struct json_object *jstr(const char *s)
{
	return s ? json_object_new_string(s) : NULL;
}

static int print_json(const struct iov_host_report *r, FILE *out)
{
	struct json_object *root = json_object_new_object(), *o = json_object_new_object();
	struct json_object *a = json_object_new_array();
	unsigned n[4];
	size_t i;
	int ret;

	if (!root || !o || !a) {
		json_object_put(root);
		json_object_put(o);
		json_object_put(a);
		return -ENOMEM;
	}
	count(r, n);
	json_object_object_add(root, "schema_version", json_object_new_int(HOST_SCHEMA_VERSION));
	json_object_object_add(o, "cpu_vendor", jstr(iov_cpu_vendor_str(r->vendor)));
	json_object_object_add(o, "iommu_vendor", jstr(iov_cpu_vendor_str(r->iommu)));
	json_object_object_add(o, "cmdline", jstr(r->cmdline));
	json_object_object_add(o, "pass", json_object_new_int(n[IOV_CHECK_PASS]));
	json_object_object_add(o, "warn", json_object_new_int(n[IOV_CHECK_WARN]));
	json_object_object_add(o, "fail", json_object_new_int(n[IOV_CHECK_FAIL]));
	json_object_object_add(o, "unknown", json_object_new_int(n[IOV_CHECK_UNKNOWN]));
	for (i = 0; i < r->n; i++) {
		const struct iov_host_check *c = &r->check[i];
		struct json_object *e = json_object_new_object();

		json_object_object_add(e, "id", jstr(c->id));
		json_object_object_add(e, "title", jstr(c->title));
		json_object_object_add(e, "status", jstr(iov_check_status_str(c->status)));
		json_object_object_add(e, "detail", jstr(c->detail));
		json_object_object_add(e, "hint", jstr(c->hint));
		json_object_array_add(a, e);
	}
	json_object_object_add(o, "checks", a);
	json_object_object_add(root, "readiness", o);
	ret = out_json_print(root, out);
	json_object_put(root);
	return ret;
}

int inspect_host(const struct inspect_view *v, bool json, FILE *out)
{
	struct iov_host_report r;
	bool failed = false;
	size_t i;
	int e;

	e = iov_host_check(v->ctx, v->list, &r);
	if (e < 0) {
		cli_err("cannot check the host: %s", strerror(-e));
		return EXIT_RUNTIME;
	}
	e = json ? print_json(&r, out) : print_text(v, &r, out);
	for (i = 0; i < r.n; i++)
		failed |= r.check[i].status == IOV_CHECK_FAIL;
	iov_host_report_free(&r);
	if (e < 0) {
		cli_err("cannot format output: %s", strerror(-e));
		return EXIT_RUNTIME;
	}
	return failed ? EXIT_FINDINGS : EXIT_OK;
}
