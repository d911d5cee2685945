// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Host readiness (lib/host.c): the parsers on strings, then every check over
 * a tree written into a temp dir (DIR/sys and DIR/proc). The base tree is an
 * Intel host ready for passthrough; each test changes one fact and checks
 * the status of the item about it.
 */
#include "iov-host.h"

#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define xsnprintf(buf, len, ...) ck_assert_int_lt(snprintf(buf, len, __VA_ARGS__), (int)(len))

/* ---- parsers ------------------------------------------------------------------ */

START_TEST(test_cpuinfo_vendor)
{
	ck_assert_int_eq(iov_cpuinfo_vendor("processor\t: 0\nvendor_id\t: GenuineIntel\ncpu family\t: 6\n"),
			 IOV_CPU_INTEL);
	ck_assert_int_eq(iov_cpuinfo_vendor("processor\t: 0\nvendor_id\t: AuthenticAMD\n"), IOV_CPU_AMD);
	ck_assert_int_eq(iov_cpuinfo_vendor("vendor_id : HygonGenuine\n"), IOV_CPU_AMD);
	ck_assert_int_eq(iov_cpuinfo_vendor("processor\t: 0\nBogoMIPS\t: 50.00\nCPU implementer\t: 0x41\n"),
			 IOV_CPU_ARM64);
	ck_assert_int_eq(iov_cpuinfo_vendor("vendor_id       : IBM/S390\n"), IOV_CPU_OTHER);
	ck_assert_int_eq(iov_cpuinfo_vendor(""), IOV_CPU_UNKNOWN);
	/* a key that only starts like vendor_id is not it */
	ck_assert_int_eq(iov_cpuinfo_vendor("vendor_idx\t: GenuineIntel\n"), IOV_CPU_UNKNOWN);
	/* no trailing newline */
	ck_assert_int_eq(iov_cpuinfo_vendor("vendor_id\t: GenuineIntel"), IOV_CPU_INTEL);
}
END_TEST

START_TEST(test_cmdline_param)
{
	const char *c = "BOOT_IMAGE=/vmlinuz root=UUID=1 ro intel_iommu=on,sm_on iommu=pt quiet "
			"dyndbg=\"file a.c +p\" intel_iommu=on -- intel_iommu=off";
	char v[32];

	ck_assert_int_eq(iov_cmdline_param(c, "intel_iommu", v, sizeof(v)), 1);
	/* last one before "--" wins; after "--" is for init */
	ck_assert_str_eq(v, "on");
	ck_assert_int_eq(iov_cmdline_param(c, "iommu", v, sizeof(v)), 1);
	ck_assert_str_eq(v, "pt");
	ck_assert_int_eq(iov_cmdline_param(c, "quiet", v, sizeof(v)), 1);
	ck_assert_str_eq(v, "");
	ck_assert_int_eq(iov_cmdline_param(c, "dyndbg", v, sizeof(v)), 1);
	ck_assert_str_eq(v, "file a.c +p");
	/* a key is matched whole: "intel" is not "intel_iommu", "iommu" not "iommu.strict" */
	ck_assert_int_eq(iov_cmdline_param(c, "intel", NULL, 0), 0);
	ck_assert_int_eq(iov_cmdline_param("iommu.strict=1", "iommu", NULL, 0), 0);
	ck_assert_int_eq(iov_cmdline_param("", "iommu", NULL, 0), 0);
	/* truncated value */
	ck_assert_int_eq(iov_cmdline_param("a=123456", "a", v, 4), 1);
	ck_assert_str_eq(v, "123");
}
END_TEST

START_TEST(test_cmdline_pci_opt)
{
	ck_assert(iov_cmdline_pci_opt("ro pci=realloc", "realloc"));
	ck_assert(iov_cmdline_pci_opt("pci=noaer,realloc=on quiet", "realloc"));
	ck_assert(!iov_cmdline_pci_opt("pci=realloc=off", "realloc"));
	ck_assert(iov_cmdline_pci_opt("pci=nommconf pci=assign-busses", "assign-busses"));
	ck_assert(!iov_cmdline_pci_opt("pci=assign-busses", "realloc"));
	ck_assert(!iov_cmdline_pci_opt("pci=reallocx", "realloc"));
	ck_assert(!iov_cmdline_pci_opt("xpci=realloc", "realloc"));
	ck_assert(!iov_cmdline_pci_opt("-- pci=realloc", "realloc"));
}
END_TEST

START_TEST(test_modules_has)
{
	const char *m = "kvm_intel 376832 0 - Live 0x0000000000000000\n"
			"kvm 1155072 1 kvm_intel, Live 0x0000000000000000\n"
			"vfio_pci 16384 0 - Live 0x0000000000000000\n";

	ck_assert(iov_modules_has(m, "kvm"));
	ck_assert(iov_modules_has(m, "kvm_intel"));
	ck_assert(iov_modules_has(m, "vfio_pci"));
	ck_assert(!iov_modules_has(m, "vfio"));
	ck_assert(!iov_modules_has(m, "kvm_amd"));
	ck_assert(!iov_modules_has("", "kvm"));
}
END_TEST

START_TEST(test_parse_hex64)
{
	uint64_t v;

	ck_assert_int_eq(iov_parse_hex64("f050da", &v), 0);
	ck_assert_uint_eq(v, 0xf050da);
	ck_assert_int_eq(iov_parse_hex64("0x58f77ef22294a5a\n", &v), 0);
	ck_assert_uint_eq(v, 0x58f77ef22294a5aULL);
	ck_assert_int_eq(iov_parse_hex64("ffffffffffffffff", &v), 0);
	ck_assert_uint_eq(v, UINT64_MAX);
	ck_assert_int_eq(iov_parse_hex64("1ffffffffffffffff", &v), -EINVAL);
	ck_assert_int_eq(iov_parse_hex64("", &v), -EINVAL);
	ck_assert_int_eq(iov_parse_hex64("12g", &v), -EINVAL);
}
END_TEST

/* aer_dev_* as the kernel prints them (drivers/pci/pcie/aer.c) */
START_TEST(test_aer_parse)
{
	struct iov_aer_counts c = { .present = true };
	uint64_t total = 99;
	char buf[256];

	ck_assert_int_eq(iov_aer_parse("RxErr 12\nBadTLP 3\nBadDLLP 0\nTOTAL_ERR_COR 15", IOV_AER_COR, &c,
				       &total), 0);
	ck_assert_uint_eq(total, 15);
	ck_assert_uint_eq(c.nmoved, 2);
	ck_assert_str_eq(c.moved[1].name, "BadTLP");
	ck_assert_uint_eq(c.moved[1].value, 3);
	ck_assert_int_eq(c.moved[1].kind, IOV_AER_COR);
	c.correctable = total;
	/* no TOTAL_ line (older format): the sum */
	ck_assert_int_eq(iov_aer_parse("Undefined 0\nCmpltTO 2\nUnsupReq 1", IOV_AER_NONFATAL, &c,
				       &total), 0);
	ck_assert_uint_eq(total, 3);
	c.nonfatal = total;
	ck_assert_uint_eq(c.nmoved, 4);
	iov_aer_format(&c, buf, sizeof(buf));
	ck_assert_str_eq(buf, "15 correctable (RxErr 12, BadTLP 3), 3 non-fatal (CmpltTO 2, UnsupReq 1), 0 fatal");
	/* truncation never overflows */
	iov_aer_format(&c, buf, 20);
	ck_assert_uint_eq(strlen(buf), 19);
	ck_assert_int_eq(iov_aer_parse("RxErr x", IOV_AER_COR, &c, &total), -EINVAL);
	ck_assert_int_eq(iov_aer_parse("RxErr", IOV_AER_COR, &c, &total), -EINVAL);
	ck_assert_int_eq(iov_aer_parse("", IOV_AER_FATAL, &c, &total), 0);
	ck_assert_uint_eq(total, 0);
	free(c.moved);
}
END_TEST

/* Identify CNS 15h as QEMU's NVMe returns it: 2 entries, the second offline without resources */
static void sec_list(uint8_t *b)
{
	memset(b, 0, IOV_NVME_IDENTIFY_SIZE);
	b[0] = 2;
	/* entry 0: SCID 0x0001, PCID 0, online, VF 1, 2 VQ, 1 VI */
	b[32] = 0x01; b[34] = 0x00; b[36] = 0x01; b[40] = 1; b[42] = 2; b[44] = 1;
	/* entry 1: SCID 0x0102, PCID 0x0003, offline, VF 2, no resources */
	b[64] = 0x02; b[65] = 0x01; b[66] = 0x03; b[68] = 0x00; b[72] = 2;
}

START_TEST(test_nvme_sec_decode)
{
	static uint8_t b[IOV_NVME_IDENTIFY_SIZE];
	static struct iov_nvme_sec_list l;

	sec_list(b);
	ck_assert_int_eq(iov_nvme_sec_decode(b, sizeof(b), &l), 0);
	ck_assert(l.known);
	ck_assert_uint_eq(l.n, 2);
	ck_assert_uint_eq(l.e[0].scid, 1);
	ck_assert(l.e[0].online);
	ck_assert_uint_eq(l.e[0].vfn, 1);
	ck_assert_uint_eq(l.e[0].nvq, 2);
	ck_assert_uint_eq(l.e[0].nvi, 1);
	ck_assert_uint_eq(l.e[1].scid, 0x0102);
	ck_assert_uint_eq(l.e[1].pcid, 3);
	ck_assert(!l.e[1].online);
	ck_assert_uint_eq(l.e[1].nvq, 0);
	ck_assert_ptr_eq(iov_nvme_sec_of_vf(&l, 1), &l.e[1]);
	ck_assert_ptr_null(iov_nvme_sec_of_vf(&l, 2));
	/* SCS bits other than bit 0 do not make it online */
	b[68] = 0xfe;
	ck_assert_int_eq(iov_nvme_sec_decode(b, sizeof(b), &l), 0);
	ck_assert(!l.e[1].online);
	/* more entries than the data holds, or than the spec allows */
	ck_assert_int_eq(iov_nvme_sec_decode(b, 64, &l), -EINVAL);
	b[0] = 128;
	ck_assert_int_eq(iov_nvme_sec_decode(b, sizeof(b), &l), -EINVAL);
	ck_assert(!l.known);
	ck_assert_int_eq(iov_nvme_sec_decode(b, 16, &l), -EINVAL);
}
END_TEST

/* ---- the checks over a tree ---------------------------------------------------- */

static char root[PATH_MAX];
static struct iov_ctx *ctx;
static struct iov_devlist *list;
static struct iov_host_report R;

static void mkdirs(const char *rel)
{
	char path[PATH_MAX];
	char *p;

	xsnprintf(path, sizeof(path), "%s/%s", root, rel);
	for (p = path + strlen(root) + 1; (p = strchr(p, '/')); p++) {
		*p = '\0';
		ck_assert_msg(mkdir(path, 0755) == 0 || errno == EEXIST, "mkdir %s", path);
		*p = '/';
	}
	ck_assert_msg(mkdir(path, 0755) == 0 || errno == EEXIST, "mkdir %s", path);
}

static void write_bin(const char *rel, const void *data, size_t len)
{
	char path[PATH_MAX], dir[PATH_MAX];
	int fd;

	xsnprintf(dir, sizeof(dir), "%s", rel);
	if (strrchr(dir, '/')) {
		*strrchr(dir, '/') = '\0';
		mkdirs(dir);
	}
	xsnprintf(path, sizeof(path), "%s/%s", root, rel);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	ck_assert_msg(fd >= 0, "create %s", path);
	ck_assert_int_eq(write(fd, data, len), (ssize_t)len);
	close(fd);
}

static void put(const char *rel, const char *s)
{
	write_bin(rel, s, strlen(s));
}

static void rm(const char *rel)
{
	char cmd[PATH_MAX + 32];

	xsnprintf(cmd, sizeof(cmd), "rm -rf '%s/%s'", root, rel);
	ck_assert_int_eq(system(cmd), 0);
}

/* An Intel host with VT-d (IR), vfio-pci, KVM and two IOMMU groups. */
static void base(void)
{
	mkdirs("sys/bus/pci/devices");
	mkdirs("sys/devices/system/node");
	put("sys/devices/virtual/iommu/dmar0/intel-iommu/ecap", "f050da\n");
	put("sys/devices/virtual/iommu/dmar1/intel-iommu/ecap", "19e2ff0505e\n");
	mkdirs("sys/class/iommu");
	{
		char p[PATH_MAX];

		xsnprintf(p, sizeof(p), "%s/sys/class/iommu/dmar0", root);
		ck_assert_int_eq(symlink("../../devices/virtual/iommu/dmar0", p), 0);
		xsnprintf(p, sizeof(p), "%s/sys/class/iommu/dmar1", root);
		ck_assert_int_eq(symlink("../../devices/virtual/iommu/dmar1", p), 0);
	}
	put("sys/firmware/acpi/tables/DMAR", "DMAR");
	put("sys/firmware/acpi/tables/APIC", "APIC");
	put("sys/kernel/iommu_groups/0/type", "DMA-FQ\n");
	mkdirs("sys/kernel/iommu_groups/0/devices");
	put("sys/kernel/iommu_groups/1/type", "DMA-FQ\n");
	mkdirs("sys/kernel/iommu_groups/1/devices");
	put("sys/module/vfio_pci/parameters/ids", "\n");
	put("sys/module/vfio_iommu_type1/parameters/allow_unsafe_interrupts", "N\n");
	put("sys/class/misc/vfio/dev", "10:196\n");
	put("sys/class/misc/kvm/dev", "10:232\n");
	mkdirs("sys/module/kvm_intel");
	put("proc/cpuinfo", "processor\t: 0\nvendor_id\t: GenuineIntel\n\nprocessor\t: 1\n");
	put("proc/cmdline", "BOOT_IMAGE=/vmlinuz ro intel_iommu=on\n");
	put("proc/modules", "vfio_pci 16384 0 - Live 0x0\nkvm_intel 376832 0 - Live 0x0\n");
}

static void run(void)
{
	char sys[PATH_MAX], proc[PATH_MAX];
	int r;

	xsnprintf(sys, sizeof(sys), "%s/sys", root);
	xsnprintf(proc, sizeof(proc), "%s/proc", root);
	ck_assert_int_eq(iov_ctx_new(&ctx, sys, proc), 0);
	r = iov_scan(ctx, 0, &list);
	ck_assert_msg(r == 0, "iov_scan: %s", strerror(-r));
	ck_assert_int_eq(iov_host_check(ctx, list, &R), 0);
}

static const struct iov_host_check *item(const char *id)
{
	size_t i;

	for (i = 0; i < R.n; i++)
		if (strcmp(R.check[i].id, id) == 0)
			return &R.check[i];
	ck_abort_msg("no check %s", id);
	return NULL;
}

/* status of one item, and (when given) a piece of its detail */
static void expect(const char *id, enum iov_check_status st, const char *detail)
{
	const struct iov_host_check *c = item(id);

	ck_assert_msg(c->status == st, "%s: status %s, expected %s: %s", id,
		      iov_check_status_str(c->status), iov_check_status_str(st), c->detail);
	if (detail)
		ck_assert_msg(strstr(c->detail, detail), "%s: '%s' lacks '%s'", id, c->detail, detail);
	/* every problem comes with a fix, and a pass never with one */
	if (st == IOV_CHECK_WARN || st == IOV_CHECK_FAIL)
		ck_assert_msg(c->hint != NULL, "%s has no hint", id);
	if (st == IOV_CHECK_PASS)
		ck_assert_ptr_null(c->hint);
}

static const char *hint(const char *id)
{
	return item(id)->hint;
}

static void setup(void)
{
	xsnprintf(root, sizeof(root), "%s/check_host.XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	ck_assert_ptr_nonnull(mkdtemp(root));
	ctx = NULL;
	list = NULL;
	memset(&R, 0, sizeof(R));
	base();
}

static void teardown(void)
{
	iov_host_report_free(&R);
	iov_devlist_free(list);
	iov_ctx_free(ctx);
	rm("");
}

START_TEST(test_base_all_pass)
{
	size_t i;

	run();
	ck_assert_int_eq(R.vendor, IOV_CPU_INTEL);
	ck_assert_int_eq(R.iommu, IOV_CPU_INTEL);
	ck_assert_str_eq(R.cmdline, "BOOT_IMAGE=/vmlinuz ro intel_iommu=on");
	for (i = 0; iov_host_checks[i].id; i++)
		;
	ck_assert_uint_eq(R.n, i);
	for (i = 0; i < R.n; i++) {
		ck_assert_str_eq(R.check[i].id, iov_host_checks[i].id);
		ck_assert_msg(R.check[i].status == IOV_CHECK_PASS, "%s: %s", R.check[i].id,
			      R.check[i].detail);
	}
	expect("iommu-hardware", IOV_CHECK_PASS, "2 IOMMU units: dmar0, dmar1");
	expect("iommu-acpi", IOV_CHECK_PASS, "DMAR");
	expect("iommu-groups", IOV_CHECK_PASS, "2 IOMMU groups");
	expect("iommu-translation", IOV_CHECK_PASS, "2 groups: 2 DMA-FQ");
	expect("interrupt-remapping", IOV_CHECK_PASS, "IR bit set on dmar0, dmar1");
	expect("unsafe-interrupts", IOV_CHECK_PASS, "allow_unsafe_interrupts=N");
	expect("vfio", IOV_CHECK_PASS, "/dev/vfio/vfio (10:196)");
	expect("kvm", IOV_CHECK_PASS, "/dev/kvm (10:232), kvm_intel present");
}
END_TEST

START_TEST(test_no_iommu_units)
{
	rm("sys/class/iommu/dmar0");
	rm("sys/class/iommu/dmar1");
	run();
	expect("iommu-hardware", IOV_CHECK_FAIL, "class/iommu is empty");
	expect("interrupt-remapping", IOV_CHECK_FAIL, "no IOMMU unit");
	ck_assert_ptr_nonnull(strstr(hint("iommu-hardware"), "intel_iommu=on"));
}
END_TEST

/* A tree that did not capture class/, module/ or proc/ says unknown, not fail. */
START_TEST(test_not_captured)
{
	rm("sys/class");
	rm("sys/module");
	rm("proc/modules");
	run();
	expect("iommu-hardware", IOV_CHECK_UNKNOWN, "no class/iommu");
	expect("interrupt-remapping", IOV_CHECK_UNKNOWN, NULL);
	expect("vfio", IOV_CHECK_UNKNOWN, NULL);
	expect("unsafe-interrupts", IOV_CHECK_UNKNOWN, NULL);
	expect("kvm", IOV_CHECK_UNKNOWN, NULL);
}
END_TEST

/* Intel without intel_iommu=on and without groups: the hint names the parameter. */
START_TEST(test_intel_iommu_off)
{
	rm("sys/kernel/iommu_groups/0");
	rm("sys/kernel/iommu_groups/1");
	put("proc/cmdline", "ro quiet");
	run();
	expect("iommu-cmdline", IOV_CHECK_FAIL, "no intel_iommu=on");
	ck_assert_ptr_nonnull(strstr(hint("iommu-cmdline"), "intel_iommu=on"));
	expect("iommu-groups", IOV_CHECK_FAIL, "empty");
	expect("iommu-translation", IOV_CHECK_UNKNOWN, NULL);
}
END_TEST

/* Groups but no parameter: the kernel's default turned VT-d on. */
START_TEST(test_intel_iommu_default_on)
{
	put("proc/cmdline", "ro quiet");
	run();
	expect("iommu-cmdline", IOV_CHECK_PASS, "by default");
}
END_TEST

START_TEST(test_intel_iommu_param_off)
{
	put("proc/cmdline", "intel_iommu=off");
	run();
	expect("iommu-cmdline", IOV_CHECK_FAIL, "intel_iommu=off");
}
END_TEST

START_TEST(test_iommu_off_param)
{
	put("proc/cmdline", "intel_iommu=on iommu=off");
	run();
	expect("iommu-cmdline", IOV_CHECK_FAIL, "iommu=off");
}
END_TEST

START_TEST(test_amd)
{
	put("proc/cpuinfo", "processor\t: 0\nvendor_id\t: AuthenticAMD\n");
	put("proc/cmdline", "ro");
	rm("sys/firmware/acpi/tables/DMAR");
	rm("sys/class/iommu");
	rm("sys/module/kvm_intel");
	put("sys/devices/virtual/iommu/ivhd0/amd-iommu/features", "0x58f77ef22294a5a\n");
	mkdirs("sys/class/iommu");
	{
		char p[PATH_MAX];

		xsnprintf(p, sizeof(p), "%s/sys/class/iommu/ivhd0", root);
		ck_assert_int_eq(symlink("../../devices/virtual/iommu/ivhd0", p), 0);
	}
	run();
	ck_assert_int_eq(R.vendor, IOV_CPU_AMD);
	/* Intel's table does not count on AMD */
	expect("iommu-acpi", IOV_CHECK_FAIL, "no ACPI IVRS table");
	ck_assert_ptr_nonnull(strstr(hint("iommu-acpi"), "AMD-Vi"));
	expect("iommu-cmdline", IOV_CHECK_PASS, "on by default");
	expect("interrupt-remapping", IOV_CHECK_PASS, "AMD-Vi remaps interrupts on ivhd0");
	expect("kvm", IOV_CHECK_PASS, "kvm_amd absent");
}
END_TEST

/* A QEMU guest: the CPU says AuthenticAMD, the IOMMU is intel-iommu (dmar, DMAR). */
START_TEST(test_amd_cpu_intel_iommu)
{
	put("proc/cpuinfo", "processor\t: 0\nvendor_id\t: AuthenticAMD\n");
	put("proc/cmdline", "ro");
	run();
	ck_assert_int_eq(R.vendor, IOV_CPU_AMD);
	ck_assert_int_eq(R.iommu, IOV_CPU_INTEL);
	expect("iommu-acpi", IOV_CHECK_PASS, "DMAR");
	/* intel_iommu=on is what this IOMMU wants; the groups say the default turned it on */
	expect("iommu-cmdline", IOV_CHECK_PASS, "no intel_iommu=on, but");
	expect("kvm", IOV_CHECK_PASS, "kvm_amd absent");
}
END_TEST

START_TEST(test_amd_iommu_off)
{
	put("proc/cpuinfo", "vendor_id\t: AuthenticAMD\n");
	put("proc/cmdline", "amd_iommu=off");
	rm("sys/class/iommu/dmar0");
	rm("sys/class/iommu/dmar1");
	rm("sys/firmware/acpi/tables/DMAR");
	put("sys/firmware/acpi/tables/IVRS", "IVRS");
	run();
	ck_assert_int_eq(R.iommu, IOV_CPU_AMD);
	expect("iommu-cmdline", IOV_CHECK_FAIL, "amd_iommu=off");
	expect("iommu-acpi", IOV_CHECK_PASS, "IVRS");
	expect("iommu-hardware", IOV_CHECK_FAIL, "empty");
	ck_assert_ptr_nonnull(strstr(hint("iommu-hardware"), "AMD-Vi"));
}
END_TEST

/* arm64: no kernel parameter to name, IORT instead of DMAR, ITS not visible. */
START_TEST(test_arm64)
{
	put("proc/cpuinfo", "processor\t: 0\nBogoMIPS\t: 50.00\nCPU implementer\t: 0x41\n");
	put("proc/cmdline", "ro");
	rm("sys/class/iommu");
	rm("sys/firmware/acpi/tables/DMAR");
	mkdirs("sys/class/iommu/smmu3.0x0000000009050000");
	run();
	ck_assert_int_eq(R.vendor, IOV_CPU_ARM64);
	expect("iommu-cmdline", IOV_CHECK_PASS, "no kernel parameter");
	expect("iommu-acpi", IOV_CHECK_WARN, "IORT");
	ck_assert_ptr_null(strstr(hint("iommu-acpi"), "_iommu="));
	expect("interrupt-remapping", IOV_CHECK_UNKNOWN, "GIC ITS");
	expect("kvm", IOV_CHECK_PASS, NULL);
}
END_TEST

START_TEST(test_no_acpi)
{
	rm("sys/firmware");
	run();
	expect("iommu-acpi", IOV_CHECK_UNKNOWN, NULL);
}
END_TEST

/* dmar1 without the IR bit (ECAP bit 3) */
START_TEST(test_no_intr_remap)
{
	put("sys/devices/virtual/iommu/dmar1/intel-iommu/ecap", "f050d2\n");
	run();
	expect("interrupt-remapping", IOV_CHECK_FAIL, "IR bit clear on dmar1");
	ck_assert_ptr_null(strstr(item("interrupt-remapping")->detail, "dmar0"));
}
END_TEST

START_TEST(test_intremap_off)
{
	put("proc/cmdline", "intel_iommu=on intremap=off");
	run();
	expect("interrupt-remapping", IOV_CHECK_FAIL, "intremap=off");
}
END_TEST

START_TEST(test_unsafe_interrupts)
{
	put("sys/module/vfio_iommu_type1/parameters/allow_unsafe_interrupts", "Y\n");
	run();
	expect("unsafe-interrupts", IOV_CHECK_WARN, "allow_unsafe_interrupts=Y on vfio_iommu_type1");
	put("sys/module/vfio_iommu_type1/parameters/allow_unsafe_interrupts", "N\n");
	put("sys/module/iommufd/parameters/allow_unsafe_interrupts", "Y\n");
	iov_host_report_free(&R);
	ck_assert_int_eq(iov_host_check(ctx, list, &R), 0);
	expect("unsafe-interrupts", IOV_CHECK_WARN, "on iommufd");
}
END_TEST

START_TEST(test_no_vfio)
{
	rm("sys/module/vfio_pci");
	put("proc/modules", "kvm_intel 376832 0 - Live 0x0\n");
	run();
	expect("vfio", IOV_CHECK_FAIL, "vfio_pci absent");
	ck_assert_ptr_nonnull(strstr(hint("vfio"), "modprobe vfio-pci"));
}
END_TEST

/* Loaded modules without parameters show only in /proc/modules. */
START_TEST(test_vfio_from_proc_modules)
{
	rm("sys/module/vfio_pci");
	run();
	expect("vfio", IOV_CHECK_PASS, "vfio_pci present");
}
END_TEST

START_TEST(test_vfio_no_backend)
{
	rm("sys/module/vfio_iommu_type1");
	run();
	expect("vfio", IOV_CHECK_FAIL, "no vfio_iommu_type1 or iommufd");
	put("sys/module/iommufd/parameters/allow_unsafe_interrupts", "N\n");
	put("sys/class/misc/iommu/dev", "10:123\n");
	mkdirs("sys/class/vfio/12");
	iov_host_report_free(&R);
	ck_assert_int_eq(iov_host_check(ctx, list, &R), 0);
	expect("vfio", IOV_CHECK_PASS, "iommufd present; /dev/vfio/vfio (10:196), /dev/iommu (10:123); groups held by VFIO: 12");
}
END_TEST

START_TEST(test_no_kvm)
{
	rm("sys/class/misc/kvm");
	run();
	expect("kvm", IOV_CHECK_FAIL, "/dev/kvm does not exist");
	ck_assert_ptr_nonnull(strstr(hint("kvm"), "kvm_intel"));
}
END_TEST

START_TEST(test_acs_override)
{
	put("proc/cmdline", "intel_iommu=on pcie_acs_override=downstream,multifunction");
	run();
	expect("acs-override", IOV_CHECK_WARN, "pcie_acs_override=downstream,multifunction");
}
END_TEST

START_TEST(test_translation)
{
	put("sys/kernel/iommu_groups/1/type", "identity\n");
	run();
	expect("iommu-translation", IOV_CHECK_PASS, "2 groups: 1 identity, 1 DMA-FQ; host-owned devices are partly");
	put("proc/cmdline", "intel_iommu=on iommu=pt");
	iov_host_report_free(&R);
	ck_assert_int_eq(iov_host_check(ctx, list, &R), 0);
	expect("iommu-translation", IOV_CHECK_WARN, "although passthrough");
	put("sys/kernel/iommu_groups/0/type", "identity\n");
	iov_host_report_free(&R);
	ck_assert_int_eq(iov_host_check(ctx, list, &R), 0);
	expect("iommu-translation", IOV_CHECK_PASS, "2 groups: 2 identity; host-owned devices bypass");
}
END_TEST

/* A capture without proc/: what depends on it is unknown, not failed. */
START_TEST(test_no_proc)
{
	rm("proc");
	run();
	ck_assert_int_eq(R.vendor, IOV_CPU_UNKNOWN);
	ck_assert_ptr_null(R.cmdline);
	expect("iommu-cmdline", IOV_CHECK_UNKNOWN, NULL);
	expect("acs-override", IOV_CHECK_UNKNOWN, NULL);
	expect("iommu-hardware", IOV_CHECK_PASS, NULL);
}
END_TEST

/* NUL padding in a captured command line is blank, not the end. */
START_TEST(test_cmdline_nul_padded)
{
	static const char c[] = "ro\0\0intel_iommu=on\0pcie_acs_override=id:8086:1234\0\0\0";

	write_bin("proc/cmdline", c, sizeof(c));
	run();
	ck_assert_str_eq(R.cmdline, "ro  intel_iommu=on pcie_acs_override=id:8086:1234");
	expect("iommu-cmdline", IOV_CHECK_PASS, "intel_iommu=on");
	expect("acs-override", IOV_CHECK_WARN, NULL);
}
END_TEST

START_TEST(test_status_strings)
{
	ck_assert_str_eq(iov_check_status_str(IOV_CHECK_PASS), "pass");
	ck_assert_str_eq(iov_check_status_str(IOV_CHECK_WARN), "warn");
	ck_assert_str_eq(iov_check_status_str(IOV_CHECK_FAIL), "fail");
	ck_assert_str_eq(iov_check_status_str(IOV_CHECK_UNKNOWN), "unknown");
	ck_assert_str_eq(iov_cpu_vendor_str(IOV_CPU_ARM64), "arm64");
	ck_assert_ptr_null(iov_cpu_vendor_str(IOV_CPU_UNKNOWN));
}
END_TEST

/* Vectors 40-43 of a node-1 function: 3 served on node 0, one on node 1, one unreadable. */
START_TEST(test_irq_locality)
{
	struct iov_dev d = { .numa_node = 1 };
	struct iov_irq_locality l;
	char sys[PATH_MAX], proc[PATH_MAX];

	strcpy(d.addr, "0000:81:00.0");
	put("sys/devices/system/node/node0/cpulist", "0-7\n");
	put("sys/devices/system/node/node1/cpulist", "8-15\n");
	put("sys/bus/pci/devices/0000:81:00.0/msi_irqs/40", "msix\n");
	put("sys/bus/pci/devices/0000:81:00.0/msi_irqs/41", "msix\n");
	put("sys/bus/pci/devices/0000:81:00.0/msi_irqs/42", "msix\n");
	put("sys/bus/pci/devices/0000:81:00.0/msi_irqs/43", "msix\n");
	put("sys/bus/pci/devices/0000:81:00.0/msi_irqs/44", "msix\n");
	put("proc/irq/40/effective_affinity_list", "3\n");
	put("proc/irq/41/effective_affinity_list", "9\n");
	put("proc/irq/42/effective_affinity_list", "2\n");
	put("proc/irq/43/effective_affinity_list", "0-1\n");
	xsnprintf(sys, sizeof(sys), "%s/sys", root);
	xsnprintf(proc, sizeof(proc), "%s/proc", root);
	ck_assert_int_eq(iov_ctx_new(&ctx, sys, proc), 0);
	ck_assert_int_eq(iov_irq_locality(ctx, &d, &l), 0);
	ck_assert_uint_eq(l.vectors, 5);
	ck_assert_uint_eq(l.known, 4);
	ck_assert_uint_eq(l.remote, 3);
	ck_assert_int_eq(l.first_remote_irq, 40);
	ck_assert_str_eq(l.first_remote_cpus, "3");
	ck_assert_str_eq(l.node_cpus, "8-15");
	/* an affinity that spans both nodes counts as local */
	put("proc/irq/40/effective_affinity_list", "7-8\n");
	/* read once per scan: the function keeps the first answer */
	ck_assert_int_eq(iov_irq_locality(ctx, &d, &l), 0);
	ck_assert_uint_eq(l.remote, 3);
	free(d.irq_locality);
	d.irq_locality = NULL;
	ck_assert_int_eq(iov_irq_locality(ctx, &d, &l), 0);
	ck_assert_uint_eq(l.remote, 2);
	ck_assert_int_eq(l.first_remote_irq, 42);
	/* no NUMA node: nothing to judge by, and that answer is kept too */
	free(d.irq_locality);
	d.irq_locality = NULL;
	d.numa_node = -1;
	ck_assert_int_eq(iov_irq_locality(ctx, &d, &l), -ENODATA);
	ck_assert_int_eq(iov_irq_locality(ctx, &d, &l), -ENODATA);
	free(d.irq_locality);
}
END_TEST

/* Replay: the raw Identify data recorded beside sys/ is decoded; absent means unknown. */
START_TEST(test_nvme_sec_replay)
{
	static uint8_t b[IOV_NVME_IDENTIFY_SIZE];
	static struct iov_nvme_sec_list l;
	struct iov_dev d = { .class_code = 0x010802 };
	char sys[PATH_MAX], proc[PATH_MAX];

	strcpy(d.addr, "0000:81:00.0");
	d.sriov_sysfs.totalvfs = 4;
	d.c.sriov.present = true;
	d.c.sriov.total_vfs = 4;
	iov_sriov_resolve(&d);
	xsnprintf(sys, sizeof(sys), "%s/sys", root);
	xsnprintf(proc, sizeof(proc), "%s/proc", root);
	ck_assert_int_eq(iov_ctx_new(&ctx, sys, proc), 0);
	ck_assert_int_eq(iov_nvme_secondary(ctx, &d, &l), -ENOENT);
	ck_assert(!l.known);
	ck_assert_int_eq(l.error, -ENOENT);
	sec_list(b);
	write_bin("vfstate/0000:81:00.0/nvme-secondary-ctrl-list", b, sizeof(b));
	ck_assert_int_eq(iov_nvme_secondary(ctx, &d, &l), 0);
	ck_assert(l.known);
	ck_assert_uint_eq(l.n, 2);
	/* not an NVMe function */
	d.class_code = 0x020000;
	ck_assert_int_eq(iov_nvme_secondary(ctx, &d, &l), -ENOTSUP);
}
END_TEST

static Suite *host_suite(void)
{
	Suite *s = suite_create("host");
	TCase *tc = tcase_create("parsers");

	tcase_add_test(tc, test_cpuinfo_vendor);
	tcase_add_test(tc, test_cmdline_param);
	tcase_add_test(tc, test_cmdline_pci_opt);
	tcase_add_test(tc, test_modules_has);
	tcase_add_test(tc, test_parse_hex64);
	tcase_add_test(tc, test_status_strings);
	tcase_add_test(tc, test_aer_parse);
	tcase_add_test(tc, test_nvme_sec_decode);
	suite_add_tcase(s, tc);

	tc = tcase_create("checks");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_base_all_pass);
	tcase_add_test(tc, test_no_iommu_units);
	tcase_add_test(tc, test_not_captured);
	tcase_add_test(tc, test_intel_iommu_off);
	tcase_add_test(tc, test_intel_iommu_default_on);
	tcase_add_test(tc, test_intel_iommu_param_off);
	tcase_add_test(tc, test_iommu_off_param);
	tcase_add_test(tc, test_amd);
	tcase_add_test(tc, test_amd_iommu_off);
	tcase_add_test(tc, test_amd_cpu_intel_iommu);
	tcase_add_test(tc, test_arm64);
	tcase_add_test(tc, test_no_acpi);
	tcase_add_test(tc, test_no_intr_remap);
	tcase_add_test(tc, test_intremap_off);
	tcase_add_test(tc, test_unsafe_interrupts);
	tcase_add_test(tc, test_no_vfio);
	tcase_add_test(tc, test_vfio_from_proc_modules);
	tcase_add_test(tc, test_vfio_no_backend);
	tcase_add_test(tc, test_no_kvm);
	tcase_add_test(tc, test_acs_override);
	tcase_add_test(tc, test_translation);
	tcase_add_test(tc, test_no_proc);
	tcase_add_test(tc, test_cmdline_nul_padded);
	tcase_add_test(tc, test_irq_locality);
	tcase_add_test(tc, test_nvme_sec_replay);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(host_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
