// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Host readiness checks, as virt-host-validate makes them but from the
 * files a snapshot can carry: class/iommu, kernel/iommu_groups, the ACPI
 * DMAR/IVRS/IORT tables, module/ parameters, class/misc device numbers and
 * /proc/cmdline, /proc/modules and /proc/cpuinfo under the proc root.
 */
#include "iov-host.h"
#include "iov-private.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* what one run reads once and every check shares */
struct host_in {
	struct iov_ctx *ctx;
	const struct iov_devlist *list;
	enum iov_cpu_vendor vendor;	/* of the CPU: KVM */
	enum iov_cpu_vendor iommu;	/* whose IOMMU: its parameter, table and hints */
	char *cmdline;		/* NULL: unreadable */
	char *modules;		/* /proc/modules; NULL: unreadable */
	char **units;		/* class/iommu entries, sorted */
	size_t nunits;
	char **groups;		/* kernel/iommu_groups entries: PCI or not */
	size_t ngroups;
	bool units_known;	/* class/iommu exists in the root */
};

/* ---- pure parsers ---------------------------------------------------------------- */

static const char *skip_ws(const char *s)
{
	while (*s == ' ' || *s == '\t' || *s == '\n')
		s++;
	return s;
}

/* Value of "key<tab>: value" in one line of cpuinfo, or NULL. */
static const char *cpuinfo_field(const char *line, const char *key, size_t *vlen)
{
	size_t k = strlen(key);
	const char *p, *eol;

	if (strncmp(line, key, k) != 0 || (line[k] != ' ' && line[k] != '\t' && line[k] != ':'))
		return NULL;
	p = line + k;
	while (*p == ' ' || *p == '\t')
		p++;
	if (*p != ':')
		return NULL;
	p++;
	while (*p == ' ' || *p == '\t')
		p++;
	eol = strchr(p, '\n');
	*vlen = eol ? (size_t)(eol - p) : strlen(p);
	return p;
}

enum iov_cpu_vendor iov_cpuinfo_vendor(const char *text)
{
	const char *line = text, *v;
	bool arm = false;
	size_t n;

	while (line && *line) {
		if ((v = cpuinfo_field(line, "vendor_id", &n))) {
			if (n == 12 && strncmp(v, "GenuineIntel", 12) == 0)
				return IOV_CPU_INTEL;
			if (n == 12 && (strncmp(v, "AuthenticAMD", 12) == 0 ||
					strncmp(v, "HygonGenuine", 12) == 0))
				return IOV_CPU_AMD;
			return IOV_CPU_OTHER;
		}
		/* arm64 has no vendor_id: "CPU implementer : 0x41" per CPU */
		if (cpuinfo_field(line, "CPU implementer", &n))
			arm = true;
		line = strchr(line, '\n');
		if (line)
			line++;
	}
	return arm ? IOV_CPU_ARM64 : IOV_CPU_UNKNOWN;
}

int iov_cmdline_param(const char *cmdline, const char *key, char *val, size_t len)
{
	size_t k = strlen(key);
	const char *p = cmdline;
	int found = 0;

	while (*(p = skip_ws(p))) {
		const char *start = p, *v;
		bool quoted = false;
		size_t n;

		/* a token, with "double quotes" around values holding spaces */
		while (*p && (quoted || (*p != ' ' && *p != '\t' && *p != '\n'))) {
			if (*p == '"')
				quoted = !quoted;
			p++;
		}
		n = p - start;
		if (n == 2 && strncmp(start, "--", 2) == 0)
			break;	/* the rest is for init */
		if (n < k || strncmp(start, key, k) != 0 || (n > k && start[k] != '='))
			continue;
		found = 1;
		if (!val)
			continue;
		v = n > k ? start + k + 1 : start + n;
		n = start + n - v;
		if (n >= 2 && v[0] == '"' && v[n - 1] == '"') {
			v++;
			n -= 2;
		}
		if (n >= len)
			n = len ? len - 1 : 0;
		if (len) {
			memcpy(val, v, n);
			val[n] = '\0';
		}
	}
	return found;
}

bool iov_cmdline_pci_opt(const char *cmdline, const char *opt)
{
	const char *p = cmdline;
	size_t k = strlen(opt);

	/* pci= may be given more than once; every one counts */
	while (*(p = skip_ws(p))) {
		const char *start = p, *o;

		while (*p && *p != ' ' && *p != '\t' && *p != '\n')
			p++;
		if (p - start == 2 && strncmp(start, "--", 2) == 0)
			break;
		if (p - start < 4 || strncmp(start, "pci=", 4) != 0)
			continue;
		for (o = start + 4; o < p;) {
			const char *e = o;

			while (e < p && *e != ',')
				e++;
			/* "realloc" and "realloc=on" both ask for it */
			if ((size_t)(e - o) >= k && strncmp(o, opt, k) == 0 &&
			    ((size_t)(e - o) == k || (o[k] == '=' && strncmp(o + k, "=off", 4) != 0)))
				return true;
			o = e + 1;
		}
	}
	return false;
}

bool iov_modules_has(const char *text, const char *name)
{
	size_t k = strlen(name);
	const char *line = text;

	while (line && *line) {
		if (strncmp(line, name, k) == 0 && line[k] == ' ')
			return true;
		line = strchr(line, '\n');
		if (line)
			line++;
	}
	return false;
}

int iov_parse_hex64(const char *s, uint64_t *out)
{
	uint64_t v = 0;
	int digits = 0;

	s = skip_ws(s);
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
		s += 2;
	for (; isxdigit((unsigned char)*s); s++, digits++) {
		if (digits == 16)
			return -EINVAL;
		v = v << 4 | (uint64_t)(isdigit((unsigned char)*s) ? *s - '0'
							 : tolower((unsigned char)*s) - 'a' + 10);
	}
	if (!digits || *skip_ws(s))
		return -EINVAL;
	*out = v;
	return 0;
}

/* ---- reading ------------------------------------------------------------------- */

/*
 * A whole text file, up to max bytes; NUL bytes (padding some firmware
 * and capture tools leave) become spaces, the trailing blank is cut.
 */
static int read_text(const char *path, size_t max, char **out)
{
	char *buf = malloc(max + 1);
	ssize_t n, i;

	*out = NULL;
	if (!buf)
		return -ENOMEM;
	n = iov_read_bin(path, buf, max);
	if (n < 0) {
		free(buf);
		return (int)n;
	}
	for (i = 0; i < n; i++)
		if (buf[i] == '\0')
			buf[i] = ' ';
	while (n > 0 && (buf[n - 1] == ' ' || buf[n - 1] == '\n'))
		n--;
	buf[n] = '\0';
	*out = buf;
	return 0;
}

static int read_proc_text(struct iov_ctx *ctx, const char *name, size_t max, char **out)
{
	char path[PATH_MAX];

	*out = NULL;
	if (iov_proc_path(ctx, path, sizeof(path), "%s", name) < 0)
		return -ENOENT;
	return read_text(path, max, out);
}

static bool sysfs_exists(struct iov_ctx *ctx, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static bool sysfs_exists(struct iov_ctx *ctx, const char *fmt, ...)
{
	char rel[PATH_MAX], path[PATH_MAX];
	struct stat st;
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(rel, sizeof(rel), fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof(rel) || iov_sysfs_path(ctx, path, sizeof(path), "%s", rel) < 0)
		return false;
	return stat(path, &st) == 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Entry names of a sysfs directory, sorted; -ENOENT when it is absent. */
static int list_dir(struct iov_ctx *ctx, const char *rel, char ***out, size_t *n)
{
	char path[PATH_MAX];
	struct dirent *de;
	char **v = NULL;
	size_t cap = 0;
	DIR *d;
	int r = 0;

	*out = NULL;
	*n = 0;
	if (iov_sysfs_path(ctx, path, sizeof(path), "%s", rel) < 0)
		return -ENAMETOOLONG;
	d = opendir(path);
	if (!d)
		return -errno;
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		if (*n == cap) {
			char **nv = realloc(v, (cap = cap ? 2 * cap : 8) * sizeof(*v));

			if (!nv) {
				r = -ENOMEM;
				break;
			}
			v = nv;
		}
		if (!(v[*n] = strdup(de->d_name))) {
			r = -ENOMEM;
			break;
		}
		(*n)++;
	}
	closedir(d);
	if (*n)
		qsort(v, *n, sizeof(*v), cmp_str);
	*out = v;
	return r;
}

static void free_strv(char **v, size_t n)
{
	while (n)
		free(v[--n]);
	free(v);
}

static bool module_present(struct host_in *in, const char *name)
{
	/* built-in modules with parameters appear under module/ too */
	return sysfs_exists(in->ctx, "module/%s", name) ||
	       (in->modules && iov_modules_has(in->modules, name));
}

/* ---- building the report ---------------------------------------------------- */

static int add(struct iov_host_report *r, const char *id, enum iov_check_status st,
	       const char *hint, const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static int add(struct iov_host_report *r, const char *id, enum iov_check_status st,
	       const char *hint, const char *fmt, ...)
{
	const struct iov_host_check_desc *d;
	struct iov_host_check *c, *nc;
	va_list ap;
	int n;

	nc = realloc(r->check, (r->n + 1) * sizeof(*nc));
	if (!nc)
		return -ENOMEM;
	r->check = nc;
	c = &nc[r->n];
	memset(c, 0, sizeof(*c));
	for (d = iov_host_checks; d->id; d++)
		if (strcmp(d->id, id) == 0)
			break;
	c->id = d->id;
	c->title = d->title;
	c->status = st;
	va_start(ap, fmt);
	n = vasprintf(&c->detail, fmt, ap);
	va_end(ap);
	if (n < 0)
		return -ENOMEM;
	if (hint && st != IOV_CHECK_PASS && !(c->hint = strdup(hint))) {
		free(c->detail);
		return -ENOMEM;
	}
	r->n++;
	return 0;
}

/* "a, b, c" of up to 8 names, "and N more" beyond */
static void join_names(char **v, size_t n, char *buf, size_t len)
{
	size_t i, used = 0;

	buf[0] = '\0';
	for (i = 0; i < n && i < 8 && used < len; i++)
		used += snprintf(buf + used, len - used, "%s%s", i ? ", " : "", v[i]);
	if (n > 8 && used < len)
		snprintf(buf + used, len - used, " and %zu more", n - 8);
}

static const char *enable_iommu_hint(enum iov_cpu_vendor v)
{
	switch (v) {
	case IOV_CPU_INTEL:
		return "enable VT-d in the firmware setup and boot with intel_iommu=on";
	case IOV_CPU_AMD:
		return "enable the IOMMU (AMD-Vi) in the firmware setup and boot without amd_iommu=off";
	case IOV_CPU_ARM64:
		return "enable the SMMU in the firmware (arm64 needs no kernel parameter)";
	default:
		return "enable the IOMMU in the firmware setup and on the kernel command line";
	}
}

static int check_iommu_hw(struct host_in *in, struct iov_host_report *r)
{
	char names[256];

	/* the kernel always has class/iommu: a tree without it did not capture it */
	if (!in->units_known)
		return add(r, "iommu-hardware", IOV_CHECK_UNKNOWN, NULL, "no class/iommu in this tree");
	if (!in->nunits)
		return add(r, "iommu-hardware", IOV_CHECK_FAIL, enable_iommu_hint(in->iommu),
			   "class/iommu is empty: the kernel registered no IOMMU");
	join_names(in->units, in->nunits, names, sizeof(names));
	return add(r, "iommu-hardware", IOV_CHECK_PASS, NULL, "%zu IOMMU unit%s: %s", in->nunits,
		   in->nunits == 1 ? "" : "s", names);
}

static int check_acpi(struct host_in *in, struct iov_host_report *r)
{
	static const struct {
		const char *table;
		enum iov_cpu_vendor vendor;
	} tables[] = {
		{ "DMAR", IOV_CPU_INTEL }, { "IVRS", IOV_CPU_AMD }, { "IORT", IOV_CPU_ARM64 },
	};
	const char *want = NULL;
	size_t i;

	if (!sysfs_exists(in->ctx, "firmware/acpi/tables"))
		return add(r, "iommu-acpi", IOV_CHECK_UNKNOWN, NULL,
			   "no firmware/acpi/tables (a device-tree system, or not captured)");
	for (i = 0; i < sizeof(tables) / sizeof(tables[0]); i++) {
		if (in->iommu == tables[i].vendor)
			want = tables[i].table;
		if ((in->iommu == tables[i].vendor || in->iommu == IOV_CPU_UNKNOWN ||
		     in->iommu == IOV_CPU_OTHER) &&
		    sysfs_exists(in->ctx, "firmware/acpi/tables/%s", tables[i].table))
			return add(r, "iommu-acpi", IOV_CHECK_PASS, NULL,
				   "ACPI %s table present: the firmware describes the IOMMU",
				   tables[i].table);
	}
	if (in->iommu == IOV_CPU_ARM64)
		/* arm64 servers may describe the SMMU in the device tree instead */
		return add(r, "iommu-acpi", IOV_CHECK_WARN, enable_iommu_hint(in->iommu),
			   "no ACPI IORT table: the firmware describes no SMMU to ACPI");
	return add(r, "iommu-acpi", IOV_CHECK_FAIL, enable_iommu_hint(in->iommu),
		   "no ACPI %s table: the firmware has the IOMMU disabled or lacks it",
		   want ? want : "DMAR, IVRS or IORT");
}

static int check_cmdline(struct host_in *in, struct iov_host_report *r)
{
	const char *c = in->cmdline;
	char v[32];
	bool groups = in->ngroups > 0;

	if (!c)
		return add(r, "iommu-cmdline", IOV_CHECK_UNKNOWN, NULL, "cannot read /proc/cmdline");
	if (iov_cmdline_param(c, "iommu", v, sizeof(v)) && strcmp(v, "off") == 0)
		return add(r, "iommu-cmdline", IOV_CHECK_FAIL, "remove iommu=off from the kernel command line",
			   "iommu=off disables the IOMMU");
	switch (in->iommu) {
	case IOV_CPU_INTEL:
		if (iov_cmdline_param(c, "intel_iommu", v, sizeof(v))) {
			/* intel_iommu=on,sm_on and the like */
			if (strncmp(v, "on", 2) == 0 && (v[2] == '\0' || v[2] == ','))
				return add(r, "iommu-cmdline", IOV_CHECK_PASS, NULL, "intel_iommu=%s", v);
			if (strncmp(v, "off", 3) == 0)
				return add(r, "iommu-cmdline", IOV_CHECK_FAIL,
					   "replace intel_iommu=off by intel_iommu=on on the kernel command line",
					   "intel_iommu=%s disables VT-d", v);
		}
		if (groups)
			return add(r, "iommu-cmdline", IOV_CHECK_PASS, NULL,
				   "no intel_iommu=on, but the kernel turned VT-d on by default");
		return add(r, "iommu-cmdline", IOV_CHECK_FAIL,
			   "add intel_iommu=on to the kernel command line (GRUB_CMDLINE_LINUX) and reboot",
			   "no intel_iommu=on on the kernel command line");
	case IOV_CPU_AMD:
		if (iov_cmdline_param(c, "amd_iommu", v, sizeof(v)) && strcmp(v, "off") == 0)
			return add(r, "iommu-cmdline", IOV_CHECK_FAIL,
				   "remove amd_iommu=off from the kernel command line",
				   "amd_iommu=off disables AMD-Vi");
		if (iov_cmdline_param(c, "amd_iommu", v, sizeof(v)))
			return add(r, "iommu-cmdline", IOV_CHECK_PASS, NULL, "amd_iommu=%s", v);
		/* nothing to add on AMD: when it is still off, the firmware is to blame */
		return add(r, "iommu-cmdline", IOV_CHECK_PASS, NULL,
			   "no amd_iommu=off: AMD-Vi is on by default");
	case IOV_CPU_ARM64:
		return add(r, "iommu-cmdline", IOV_CHECK_PASS, NULL,
			   "arm64: the SMMU needs no kernel parameter");
	default:
		if (iov_cmdline_param(c, "intel_iommu", v, sizeof(v)) ||
		    iov_cmdline_param(c, "amd_iommu", v, sizeof(v)) || groups)
			return add(r, "iommu-cmdline", IOV_CHECK_PASS, NULL,
				   "IOMMU option present or IOMMU on by default");
		return add(r, "iommu-cmdline", IOV_CHECK_UNKNOWN, NULL,
			   "CPU vendor unknown (no /proc/cpuinfo): cannot tell which parameter applies");
	}
}

static int check_groups(struct host_in *in, struct iov_host_report *r)
{
	if (!in->ngroups)
		return add(r, "iommu-groups", IOV_CHECK_FAIL, enable_iommu_hint(in->iommu),
			   "kernel/iommu_groups is empty: no function can be passed through");
	return add(r, "iommu-groups", IOV_CHECK_PASS, NULL, "%zu IOMMU group%s", in->ngroups,
		   in->ngroups == 1 ? "" : "s");
}

/* Passthrough mode asked on the command line: iommu=pt, iommu.passthrough=1 */
static bool cmdline_pt(const char *c)
{
	char v[16];

	if (iov_cmdline_param(c, "iommu", v, sizeof(v)) && strcmp(v, "pt") == 0)
		return true;
	return iov_cmdline_param(c, "iommu.passthrough", v, sizeof(v)) &&
	       (strcmp(v, "1") == 0 || strcmp(v, "on") == 0 || strcmp(v, "y") == 0);
}

static int check_translation(struct host_in *in, struct iov_host_report *r)
{
	static const char *const types[] = { "identity", "DMA", "DMA-FQ", "blocked", "unmanaged" };
	unsigned count[6] = { 0 }, known = 0;
	char detail[256];
	size_t i, k, used;
	bool pt, first;

	if (!in->ngroups)
		return add(r, "iommu-translation", IOV_CHECK_UNKNOWN, NULL, "no IOMMU groups");
	for (i = 0; i < in->ngroups; i++) {
		char t[32];

		if (iov_sysfs_read_str(in->ctx, t, sizeof(t), "kernel/iommu_groups/%s/type",
				       in->groups[i]) < 0)
			continue;
		known++;
		for (k = 0; k < 5 && strcmp(t, types[k]) != 0; k++)
			;
		count[k]++;
	}
	if (!known)
		return add(r, "iommu-translation", IOV_CHECK_UNKNOWN, NULL,
			   "no group has a readable 'type' (kernels before 5.11 do not tell)");
	used = snprintf(detail, sizeof(detail), "%u group%s:", known, known == 1 ? "" : "s");
	for (k = 0, first = true; k < 6 && used < sizeof(detail); k++) {
		if (!count[k])
			continue;
		used += snprintf(detail + used, sizeof(detail) - used, "%s %u %s", first ? "" : ",",
				 count[k], k < 5 ? types[k] : "other");
		first = false;
	}
	pt = in->cmdline && cmdline_pt(in->cmdline);
	if (pt && (count[1] || count[2]))
		return add(r, "iommu-translation", IOV_CHECK_WARN,
			   "groups the kernel forces to DMA (untrusted, external ports) stay translated; otherwise check that iommu=pt took effect",
			   "%s, although passthrough (iommu=pt) was asked for", detail);
	return add(r, "iommu-translation", IOV_CHECK_PASS, NULL, "%s; host-owned devices %s",
		   detail, count[0] == known ? "bypass translation (identity)"
		   : count[0] ? "are partly translated (add iommu=pt for identity)"
		   : "have their DMA translated (iommu=pt would make it identity)");
}

/* ECAP/EFR of one unit; 0, or -errno when the attribute is missing. */
static int unit_reg(struct host_in *in, const char *unit, const char *attr, uint64_t *val)
{
	char buf[64];
	int r;

	r = iov_sysfs_read_str(in->ctx, buf, sizeof(buf), "class/iommu/%s/%s", unit, attr);
	if (r < 0)
		return r;
	return iov_parse_hex64(buf, val);
}

static int check_intr_remap(struct host_in *in, struct iov_host_report *r)
{
	char with[200] = "", without[200] = "";
	size_t i, nw = 0, nwo = 0, uw = 0, uwo = 0;
	bool intel = false, amd = false;

	if (in->cmdline && (iov_cmdline_param(in->cmdline, "intremap", with, sizeof(with)) &&
			    strcmp(with, "off") == 0))
		return add(r, "interrupt-remapping", IOV_CHECK_FAIL,
			   "remove intremap=off from the kernel command line",
			   "intremap=off: interrupt remapping is disabled");
	if (!in->units_known)
		return add(r, "interrupt-remapping", IOV_CHECK_UNKNOWN, NULL, "no class/iommu in this tree");
	if (!in->nunits)
		return add(r, "interrupt-remapping", IOV_CHECK_FAIL, enable_iommu_hint(in->iommu),
			   "no IOMMU unit, so no interrupt remapping: a guest could forge MSIs");
	with[0] = '\0';
	for (i = 0; i < in->nunits; i++) {
		const char *u = in->units[i];
		uint64_t v;
		bool ir;

		if (unit_reg(in, u, "intel-iommu/ecap", &v) == 0) {
			intel = true;
			ir = v & IOV_VTD_ECAP_IR;
		} else if (unit_reg(in, u, "amd-iommu/features", &v) == 0) {
			/* every AMD IOMMU remaps interrupts; GA adds posted interrupts */
			amd = true;
			ir = true;
		} else {
			continue;
		}
		if (ir) {
			nw++;
			uw += snprintf(with + uw, uw < sizeof(with) ? sizeof(with) - uw : 0, "%s%s",
				       uw ? ", " : "", u);
		} else {
			nwo++;
			uwo += snprintf(without + uwo, uwo < sizeof(without) ? sizeof(without) - uwo : 0,
					"%s%s", uwo ? ", " : "", u);
		}
	}
	if (nwo)
		return add(r, "interrupt-remapping", IOV_CHECK_FAIL,
			   "use a platform whose VT-d supports interrupt remapping; allow_unsafe_interrupts would trade isolation away",
			   "ECAP IR bit clear on %s: no interrupt remapping", without);
	if (intel)
		return add(r, "interrupt-remapping", IOV_CHECK_PASS, NULL,
			   "ECAP IR bit set on %s", with);
	if (amd)
		return add(r, "interrupt-remapping", IOV_CHECK_PASS, NULL,
			   "AMD-Vi remaps interrupts on %s", with);
	if (in->iommu == IOV_CPU_ARM64)
		return add(r, "interrupt-remapping", IOV_CHECK_UNKNOWN, NULL,
			   "arm64: MSIs are isolated by the GIC ITS, which sysfs does not describe");
	return add(r, "interrupt-remapping", IOV_CHECK_UNKNOWN, NULL,
		   "no intel-iommu/ecap or amd-iommu/features under class/iommu");
}

static int check_unsafe_intr(struct host_in *in, struct iov_host_report *r)
{
	static const char *const mods[] = { "vfio_iommu_type1", "iommufd" };
	char v[8], which[64] = "";
	size_t i, used = 0, seen = 0;

	for (i = 0; i < 2; i++) {
		if (iov_sysfs_read_str(in->ctx, v, sizeof(v), "module/%s/parameters/allow_unsafe_interrupts",
				       mods[i]) < 0)
			continue;
		seen++;
		if (v[0] == 'Y' || v[0] == 'y' || v[0] == '1')
			used += snprintf(which + used, sizeof(which) - used, "%s%s", used ? ", " : "", mods[i]);
	}
	if (used)
		return add(r, "unsafe-interrupts", IOV_CHECK_WARN,
			   "set it back to N (modprobe.d option) once interrupt remapping works: it trades isolation away",
			   "allow_unsafe_interrupts=Y on %s: a guest can forge MSIs to the host", which);
	if (!seen && !sysfs_exists(in->ctx, "module"))
		return add(r, "unsafe-interrupts", IOV_CHECK_UNKNOWN, NULL, "no module/ in this tree");
	if (!seen)
		return add(r, "unsafe-interrupts", IOV_CHECK_PASS, NULL,
			   "allow_unsafe_interrupts not set (vfio_iommu_type1 and iommufd not loaded)");
	return add(r, "unsafe-interrupts", IOV_CHECK_PASS, NULL, "allow_unsafe_interrupts=N");
}

/* "/dev/NAME (MAJ:MIN)" from class/misc/NAME/dev, or "" when absent */
static void misc_node(struct host_in *in, const char *misc, const char *dev, char *buf, size_t len)
{
	char mm[32];

	buf[0] = '\0';
	if (iov_sysfs_read_str(in->ctx, mm, sizeof(mm), "class/misc/%s/dev", misc) == 0)
		snprintf(buf, len, "/dev/%s (%s)", dev, mm);
}

static int check_vfio(struct host_in *in, struct iov_host_report *r)
{
	bool pci = module_present(in, "vfio_pci"), type1 = module_present(in, "vfio_iommu_type1");
	bool iommufd = module_present(in, "iommufd");
	char vfio[64], iommu[64], detail[512], names[256] = "";
	char **groups = NULL;
	size_t ngroups = 0;
	int n;

	misc_node(in, "vfio", "vfio/vfio", vfio, sizeof(vfio));
	misc_node(in, "iommu", "iommu", iommu, sizeof(iommu));
	if (!sysfs_exists(in->ctx, "module") && !in->modules)
		return add(r, "vfio", IOV_CHECK_UNKNOWN, NULL, "no module/ in this tree and no /proc/modules");
	if (list_dir(in->ctx, "class/vfio", &groups, &ngroups) == -ENOMEM)
		return -ENOMEM;
	join_names(groups, ngroups, names, sizeof(names));
	free_strv(groups, ngroups);
	n = snprintf(detail, sizeof(detail), "vfio_pci %s, %s", pci ? "present" : "absent",
		     type1 && iommufd ? "vfio_iommu_type1 and iommufd present"
		     : type1 ? "vfio_iommu_type1 present" : iommufd ? "iommufd present"
		     : "no vfio_iommu_type1 or iommufd");
	if (*vfio || *iommu)
		n += snprintf(detail + n, sizeof(detail) - n, "; %s%s%s", vfio, *vfio && *iommu ? ", " : "",
			      iommu);
	if (ngroups)
		snprintf(detail + n, sizeof(detail) - n, "; groups held by VFIO: %s", names);
	if (!pci)
		return add(r, "vfio", IOV_CHECK_FAIL,
			   "modprobe vfio-pci (add it to /etc/modules-load.d/ to load it at boot)", "%s", detail);
	if (!type1 && !iommufd)
		return add(r, "vfio", IOV_CHECK_FAIL, "modprobe vfio_iommu_type1", "%s", detail);
	return add(r, "vfio", IOV_CHECK_PASS, NULL, "%s", detail);
}

static int check_kvm(struct host_in *in, struct iov_host_report *r)
{
	char node[64];
	const char *mod = in->vendor == IOV_CPU_INTEL ? "kvm_intel" : in->vendor == IOV_CPU_AMD ? "kvm_amd" : NULL;

	misc_node(in, "kvm", "kvm", node, sizeof(node));
	if (!*node && !sysfs_exists(in->ctx, "class/misc"))
		return add(r, "kvm", IOV_CHECK_UNKNOWN, NULL, "no class/misc in this tree");
	if (*node)
		return add(r, "kvm", IOV_CHECK_PASS, NULL, "%s%s%s%s", node, mod ? ", " : "",
			   mod ? mod : "", mod ? (module_present(in, mod) ? " present" : " absent") : "");
	return add(r, "kvm", IOV_CHECK_FAIL,
		   in->vendor == IOV_CPU_INTEL ? "enable VT-x in the firmware setup and modprobe kvm_intel"
		   : in->vendor == IOV_CPU_AMD ? "enable SVM (AMD-V) in the firmware setup and modprobe kvm_amd"
		   : in->vendor == IOV_CPU_ARM64 ? "boot the kernel at EL2 so that KVM can initialise"
		   : "enable hardware virtualisation in the firmware and load the kvm modules",
		   "no class/misc/kvm: /dev/kvm does not exist");
}

static int check_acs_override(struct host_in *in, struct iov_host_report *r)
{
	char v[128];

	if (!in->cmdline)
		return add(r, "acs-override", IOV_CHECK_UNKNOWN, NULL, "cannot read /proc/cmdline");
	if (iov_cmdline_param(in->cmdline, "pcie_acs_override", v, sizeof(v)))
		return add(r, "acs-override", IOV_CHECK_WARN,
			   "remove pcie_acs_override and pass whole groups, or use a platform with ACS",
			   "pcie_acs_override=%s: the IOMMU groups it reports are not real isolation", v);
	return add(r, "acs-override", IOV_CHECK_PASS, NULL, "no pcie_acs_override");
}

/* PFs that need a command-line option: VF BARs unassigned, or bus range short */
static int check_sriov_cmdline(struct host_in *in, struct iov_host_report *r, bool busses)
{
	const char *id = busses ? "pci-assign-busses" : "pci-realloc";
	const char *opt = busses ? "assign-busses" : "realloc";
	char who[256] = "";
	size_t i, used = 0, n = 0;
	bool have;

	for (i = 0; i < in->list->n; i++) {
		const struct iov_dev *d = in->list->dev[i];
		struct iov_vf_block b;

		iov_vf_block(in->list, d, &b);
		if (!(busses ? b.bus_range : b.bars_unassigned))
			continue;
		n++;
		if (used < sizeof(who))
			used += snprintf(who + used, sizeof(who) - used, "%s%s", used ? ", " : "", d->addr);
	}
	if (!n)
		return add(r, id, IOV_CHECK_PASS, NULL, "no SR-IOV PF needs pci=%s", opt);
	if (!in->cmdline)
		return add(r, id, IOV_CHECK_UNKNOWN, NULL, "cannot read /proc/cmdline; needed by %s", who);
	have = iov_cmdline_pci_opt(in->cmdline, opt);
	if (busses)
		return add(r, id, have ? IOV_CHECK_WARN : IOV_CHECK_FAIL,
			   have ? "the firmware left too few bus numbers even after reassignment: enable SR-IOV/ARI in the firmware"
			   : "boot with pci=assign-busses (or enable SR-IOV in the firmware so it reserves bus numbers)",
			   "%s: the VFs of %s need bus numbers beyond the bridge's subordinate bus",
			   have ? "pci=assign-busses given" : "no pci=assign-busses", who);
	return add(r, id, have ? IOV_CHECK_WARN : IOV_CHECK_FAIL,
		   have ? "the window is still too small: enable SR-IOV support (and above-4G decoding) in the firmware"
		   : "boot with pci=realloc, or enable SR-IOV support (and above-4G decoding) in the firmware",
		   "%s: VF BARs of %s have no address space",
		   have ? "pci=realloc given" : "no pci=realloc", who);
}

static int check_realloc(struct host_in *in, struct iov_host_report *r)
{
	return check_sriov_cmdline(in, r, false);
}

static int check_assign_busses(struct host_in *in, struct iov_host_report *r)
{
	return check_sriov_cmdline(in, r, true);
}

typedef int (*host_check_fn)(struct host_in *in, struct iov_host_report *r);

/* in the order they are shown; iov_host_checks[] below holds their titles */
static const host_check_fn host_check_fns[] = {
	check_iommu_hw, check_acpi, check_cmdline, check_groups, check_translation,
	check_intr_remap, check_unsafe_intr, check_vfio, check_kvm, check_acs_override,
	check_realloc, check_assign_busses,
};

const struct iov_host_check_desc iov_host_checks[] = {
	{ "iommu-hardware", "IOMMU units registered (class/iommu)" },
	{ "iommu-acpi", "firmware IOMMU table (ACPI DMAR, IVRS or IORT)" },
	{ "iommu-cmdline", "IOMMU enabled on the kernel command line" },
	{ "iommu-groups", "IOMMU groups exist" },
	{ "iommu-translation", "DMA translation mode of the groups" },
	{ "interrupt-remapping", "interrupt remapping" },
	{ "unsafe-interrupts", "VFIO allow_unsafe_interrupts off" },
	{ "vfio", "VFIO modules and device nodes" },
	{ "kvm", "KVM present" },
	{ "acs-override", "no pcie_acs_override" },
	{ "pci-realloc", "VF BARs assigned (pci=realloc)" },
	{ "pci-assign-busses", "bus numbers for VFs (pci=assign-busses)" },
	{ NULL, NULL },
};

const char *iov_check_status_str(enum iov_check_status s)
{
	switch (s) {
	case IOV_CHECK_PASS:
		return "pass";
	case IOV_CHECK_WARN:
		return "warn";
	case IOV_CHECK_FAIL:
		return "fail";
	case IOV_CHECK_UNKNOWN:
		break;
	}
	return "unknown";
}

const char *iov_cpu_vendor_str(enum iov_cpu_vendor v)
{
	switch (v) {
	case IOV_CPU_INTEL:
		return "intel";
	case IOV_CPU_AMD:
		return "amd";
	case IOV_CPU_ARM64:
		return "arm64";
	case IOV_CPU_OTHER:
		return "other";
	case IOV_CPU_UNKNOWN:
		break;
	}
	return NULL;
}

/*
 * Whose IOMMU this is: the units the kernel registered (dmar, ivhd, smmu),
 * else the ACPI table the firmware publishes, else the CPU's vendor. They
 * differ in a guest: QEMU's default CPU says AuthenticAMD over intel-iommu.
 */
static enum iov_cpu_vendor iommu_kind(struct host_in *in)
{
	static const struct {
		const char *unit, *table;
		enum iov_cpu_vendor kind;
	} k[] = {
		{ "dmar", "DMAR", IOV_CPU_INTEL }, { "ivhd", "IVRS", IOV_CPU_AMD },
		{ "smmu", "IORT", IOV_CPU_ARM64 },
	};
	size_t i, u;

	for (i = 0; i < sizeof(k) / sizeof(k[0]); i++)
		for (u = 0; u < in->nunits; u++)
			if (strncmp(in->units[u], k[i].unit, strlen(k[i].unit)) == 0)
				return k[i].kind;
	for (i = 0; i < sizeof(k) / sizeof(k[0]); i++)
		if (sysfs_exists(in->ctx, "firmware/acpi/tables/%s", k[i].table))
			return k[i].kind;
	return in->vendor;
}

int iov_host_check(struct iov_ctx *ctx, const struct iov_devlist *list, struct iov_host_report *out)
{
	struct host_in in = { .ctx = ctx, .list = list };
	char *cpuinfo = NULL;
	size_t i;
	int r;

	memset(out, 0, sizeof(*out));
	/* the first processor block names the vendor */
	if (read_proc_text(ctx, "cpuinfo", 16384, &cpuinfo) == -ENOMEM)
		return -ENOMEM;
	in.vendor = cpuinfo ? iov_cpuinfo_vendor(cpuinfo) : IOV_CPU_UNKNOWN;
	free(cpuinfo);
	r = read_proc_text(ctx, "cmdline", 8192, &in.cmdline);
	if (r == -ENOMEM)
		return r;
	r = read_proc_text(ctx, "modules", 1 << 20, &in.modules);
	if (r == -ENOMEM)
		goto out;
	r = list_dir(ctx, "class/iommu", &in.units, &in.nunits);
	if (r == -ENOMEM)
		goto out;
	in.units_known = r == 0;
	in.iommu = iommu_kind(&in);
	if (list_dir(ctx, "kernel/iommu_groups", &in.groups, &in.ngroups) == -ENOMEM) {
		r = -ENOMEM;
		goto out;
	}
	r = 0;
	for (i = 0; i < sizeof(host_check_fns) / sizeof(host_check_fns[0]) && r == 0; i++)
		r = host_check_fns[i](&in, out);
	out->vendor = in.vendor;
	out->iommu = in.iommu;
	out->cmdline = in.cmdline;
	in.cmdline = NULL;
out:
	free(in.cmdline);
	free(in.modules);
	free_strv(in.units, in.nunits);
	free_strv(in.groups, in.ngroups);
	if (r < 0)
		iov_host_report_free(out);
	return r;
}

void iov_host_report_free(struct iov_host_report *r)
{
	size_t i;

	for (i = 0; i < r->n; i++) {
		free(r->check[i].detail);
		free(r->check[i].hint);
	}
	free(r->check);
	free(r->cmdline);
	memset(r, 0, sizeof(*r));
}
