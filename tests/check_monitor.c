// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests of the monitor's sampler (lib/monitor.c, lib/monitor-calc.c):
 * deltas across 32- and 64-bit wraps and resets, the stat-line,
 * /proc/interrupts, AER and link-speed parsers, events, vanish and
 * re-creation, sort and filter. The sampler runs on a tree made here, with
 * files rewritten in place between samples and time given explicitly.
 */
#include "config.h"

#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <sys/socket.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>

#include "lib/iov-monitor.h"

#define SEC 1000000000ULL

/* ---- delta --------------------------------------------------------------- */

START_TEST(test_delta_plain)
{
	uint64_t d;

	ck_assert_int_eq(iov_mon_delta(100, 350, 64, &d), IOV_MON_DELTA_OK);
	ck_assert_uint_eq(d, 250);
	ck_assert_int_eq(iov_mon_delta(7, 7, 32, &d), IOV_MON_DELTA_OK);
	ck_assert_uint_eq(d, 0);
}
END_TEST

START_TEST(test_delta_wrap32)
{
	uint64_t d;

	/* an IRQ count passing 2^32: 4294967000 -> 200 is 496 more */
	ck_assert_int_eq(iov_mon_delta(4294967000u, 200, 32, &d), IOV_MON_DELTA_WRAP);
	ck_assert_uint_eq(d, 496);
	ck_assert_int_eq(iov_mon_delta(UINT32_MAX, 0, 32, &d), IOV_MON_DELTA_WRAP);
	ck_assert_uint_eq(d, 1);
}
END_TEST

START_TEST(test_delta_wrap64)
{
	uint64_t d;

	ck_assert_int_eq(iov_mon_delta(UINT64_MAX - 9, 5, 64, &d), IOV_MON_DELTA_WRAP);
	ck_assert_uint_eq(d, 15);
}
END_TEST

START_TEST(test_delta_reset)
{
	uint64_t d = 99;

	/* down by more than half the range: the counter restarted */
	ck_assert_int_eq(iov_mon_delta(1000000, 5, 64, &d), IOV_MON_DELTA_RESET);
	ck_assert_uint_eq(d, 0);
	ck_assert_int_eq(iov_mon_delta(3000000000u, 5, 32, &d), IOV_MON_DELTA_WRAP);
	ck_assert_int_eq(iov_mon_delta(1000, 5, 32, &d), IOV_MON_DELTA_RESET);
}
END_TEST

/* ---- rates --------------------------------------------------------------- */

START_TEST(test_rates_block_net)
{
	struct iov_mon_counters a = { .has_block = true, .has_net = true }, b;
	struct iov_mon_rates r;
	unsigned reset;

	a.rd_ios = 1000, a.wr_ios = 500, a.rd_bytes = 1 << 20, a.wr_bytes = 0;
	a.io_ticks_ms = 100, a.rx_bytes = 10, a.tx_bytes = 20, a.rx_dropped = 1;
	b = a;
	b.rd_ios += 4000, b.wr_ios += 2000, b.rd_bytes += 8 << 20, b.io_ticks_ms += 1000;
	b.rx_bytes += 2000, b.tx_dropped += 4;
	iov_mon_rates_compute(&a, &b, 2 * SEC, &r, &reset);
	ck_assert_uint_eq(reset, 0);
	ck_assert_double_eq_tol(r.iops, 3000, 1e-9);
	ck_assert_double_eq_tol(r.rd_iops, 2000, 1e-9);
	ck_assert_double_eq_tol(r.rd_bytes_per_s, 4 << 20, 1e-6);
	ck_assert_double_eq_tol(r.util_pct, 50, 1e-9);
	ck_assert_double_eq_tol(r.rx_bytes_per_s, 1000, 1e-9);
	ck_assert_double_eq_tol(r.drops_per_s, 2, 1e-9);
	/* absent counters stay unknown */
	ck_assert(!iov_mon_known(r.irqs_per_s));
	ck_assert(!iov_mon_known(r.aer_cor));
}
END_TEST

START_TEST(test_rates_util_ticks_wrap)
{
	struct iov_mon_counters a = { .has_block = true, .io_ticks_ms = 4294967000u }, b = a;
	struct iov_mon_rates r;
	unsigned reset;

	/* io_ticks is 32 bits of milliseconds: 1000 ms across the wrap */
	b.io_ticks_ms = 704;
	iov_mon_rates_compute(&a, &b, 2 * SEC, &r, &reset);
	ck_assert_uint_eq(reset, 0);
	ck_assert_double_eq_tol(r.util_pct, 50, 1e-9);
}
END_TEST

START_TEST(test_rates_reset)
{
	struct iov_mon_counters a = { .has_net = true, .has_block = true }, b;
	struct iov_mon_rates r;
	unsigned reset;

	a.rx_bytes = 5000000, a.rd_ios = 10;
	b = a;
	b.rx_bytes = 100;	/* driver reloaded */
	b.rd_ios = 30;
	iov_mon_rates_compute(&a, &b, SEC, &r, &reset);
	ck_assert_uint_eq(reset, IOV_MON_CTR_NET);
	ck_assert(!iov_mon_known(r.rx_bytes_per_s));
	ck_assert(!iov_mon_known(r.tx_bytes_per_s));
	ck_assert_double_eq_tol(r.rd_iops, 20, 1e-9);
}
END_TEST

START_TEST(test_rates_add)
{
	struct iov_mon_rates a, b;

	iov_mon_rates_unknown(&a);
	iov_mon_rates_unknown(&b);
	b.iops = 10, b.util_pct = 30;
	iov_mon_rates_add(&a, &b);
	ck_assert_double_eq(a.iops, 10);
	b.util_pct = 20;
	iov_mon_rates_add(&a, &b);
	ck_assert_double_eq(a.iops, 20);
	ck_assert_double_eq(a.util_pct, 30);	/* the busiest, not a sum */
	ck_assert(!iov_mon_known(a.rx_bytes_per_s));
}
END_TEST

/* ---- parsers ------------------------------------------------------------- */

START_TEST(test_blkstat_fields)
{
	struct iov_mon_blkstat s;

	ck_assert_int_eq(iov_mon_parse_blkstat("  1 2 3 4 5 6 7 8 9 10 11\n", &s), 0);
	ck_assert_uint_eq(s.nfields, 11);
	ck_assert_uint_eq(s.rd_ios, 1);
	ck_assert_uint_eq(s.wr_sectors, 7);
	ck_assert_uint_eq(s.io_ticks, 10);
	ck_assert_uint_eq(s.dc_ios, 0);
	ck_assert_int_eq(iov_mon_parse_blkstat("1 2 3 4 5 6 7 8 9 10 11 12 13 14 15", &s), 0);
	ck_assert_uint_eq(s.dc_ios, 12);
	ck_assert_uint_eq(s.dc_ticks, 15);
	ck_assert_int_eq(iov_mon_parse_blkstat(
		"     100        0     8000      50      200        0    16000      90        3      120      140        0        0        0        0       30        5\n",
		&s), 0);
	ck_assert_uint_eq(s.nfields, 17);
	ck_assert_uint_eq(s.in_flight, 3);
	ck_assert_uint_eq(s.fl_ios, 30);
	ck_assert_uint_eq(s.fl_ticks, 5);
}
END_TEST

START_TEST(test_blkstat_bad)
{
	struct iov_mon_blkstat s;

	ck_assert_int_eq(iov_mon_parse_blkstat("1 2 3 4 5 6 7 8 9 10", &s), -EINVAL);
	ck_assert_int_eq(iov_mon_parse_blkstat("1 2 3 4 5 6 7 8 9 10 11 12", &s), -EINVAL);
	ck_assert_int_eq(iov_mon_parse_blkstat("1 2 3 4 5 6 7 8 9 10 x", &s), -EINVAL);
	ck_assert_int_eq(iov_mon_parse_blkstat("1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18", &s), -EINVAL);
	ck_assert_int_eq(iov_mon_parse_blkstat("", &s), -EINVAL);
}
END_TEST

START_TEST(test_irqtab)
{
	/* CPU1 offline: the columns are CPU0 and CPU2 */
	static const char text[] =
		"           CPU0       CPU2\n"
		"  0:         10          0   IO-APIC   2-edge      timer\n"
		" 24:        100        200   PCI-MSIX-0000:01:00.0 0-edge  nvme0q0\n"
		" 25: 4294967295          1   PCI-MSIX-0000:01:00.0 1-edge  nvme0q1\n"
		" 26:          5\n"
		"NMI:          1          2   Non-maskable interrupts\n"
		"ERR:          0\n";
	struct iov_mon_irqtab t = { 0 };
	uint64_t sum;

	ck_assert_int_eq(iov_mon_irqtab_parse(&t, text), 0);
	ck_assert_uint_eq(t.ncpu, 2);
	ck_assert_uint_eq(t.cpu[0], 0);
	ck_assert_uint_eq(t.cpu[1], 2);
	ck_assert(iov_mon_irqtab_sum(&t, 24, &sum));
	ck_assert_uint_eq(sum, 300);
	ck_assert(iov_mon_irqtab_sum(&t, 25, &sum));
	ck_assert_uint_eq(sum, 4294967296ULL);
	ck_assert(!iov_mon_irqtab_sum(&t, 26, &sum));	/* short line: not countable */
	ck_assert(!iov_mon_irqtab_sum(&t, 27, &sum));
	ck_assert(!iov_mon_irqtab_sum(&t, 1000, &sum));
	ck_assert_int_eq(iov_mon_irqtab_parse(&t, "no header\n 24: 1\n"), -EINVAL);
	iov_mon_irqtab_free(&t);
}
END_TEST

START_TEST(test_link_speed)
{
	ck_assert_double_eq(iov_mon_parse_link_speed("16.0 GT/s PCIe"), 16);
	ck_assert_double_eq(iov_mon_parse_link_speed("2.5 GT/s PCIe"), 2.5);
	ck_assert_double_eq(iov_mon_parse_link_speed("8 GT/s"), 8);
	ck_assert_double_eq(iov_mon_parse_link_speed("Unknown"), 0);
	ck_assert_double_eq(iov_mon_parse_link_speed(""), 0);
}
END_TEST

/* ---- the sampler on a tree ------------------------------------------------ */

static char root[256];	/* a mkdtemp path: short */

static void wr(const char *rel, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Write root/rel in place (O_TRUNC on the same inode), making directories. */
static void wr(const char *rel, const char *fmt, ...)
{
	char p[PATH_MAX], *s;
	va_list ap;
	FILE *f;

	snprintf(p, sizeof(p), "%s/%s", root, rel);
	for (s = p + strlen(root) + 1; (s = strchr(s, '/')); s++) {
		*s = '\0';
		mkdir(p, 0755);
		*s = '/';
	}
	f = fopen(p, "w");
	ck_assert_ptr_nonnull(f);
	va_start(ap, fmt);
	vfprintf(f, fmt, ap);
	va_end(ap);
	fclose(f);
}

static void ln(const char *target, const char *rel)
{
	char p[PATH_MAX];

	snprintf(p, sizeof(p), "%s/%s", root, rel);
	unlink(p);
	ck_assert_int_eq(symlink(target, p), 0);
}

static void rm_rf(const char *rel)
{
	char cmd[PATH_MAX + 32];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s/%s'", root, rel);
	ck_assert_int_eq(system(cmd), 0);
}

#define PF "sys/bus/pci/devices/0000:01:00.0"
#define VF "sys/bus/pci/devices/0000:01:00.1"

static void stat_line(unsigned long long rd, unsigned long long ticks)
{
	wr(PF "/nvme/nvme0/nvme0n1/stat", "%llu 0 %llu 0 0 0 0 0 0 %llu 0\n", rd, rd * 8, ticks);
}

static void interrupts(unsigned long long c0, unsigned long long c1)
{
	wr("proc/interrupts", "           CPU0       CPU1\n 40: %llu %llu  PCI-MSIX 0-edge nvme0q0\n", c0, c1);
}

/* PF 01:00.0 (nvme, 1 VF, nvme0n1, vector 40, AER) and VF 01:00.1 (unbound). */
static void make_tree(void)
{
	char t[] = "/tmp/check_monitor.XXXXXX";

	ck_assert_ptr_nonnull(mkdtemp(t));
	snprintf(root, sizeof(root), "%s", t);
	wr(PF "/class", "0x010802\n");
	wr(PF "/numa_node", "0\n");
	wr(PF "/sriov_totalvfs", "4\n");
	wr(PF "/sriov_numvfs", "1\n");
	wr(PF "/power_state", "D0\n");
	wr(PF "/power/runtime_status", "active\n");
	wr(PF "/current_link_speed", "16.0 GT/s PCIe\n");
	wr(PF "/current_link_width", "16\n");
	wr(PF "/max_link_speed", "16.0 GT/s PCIe\n");
	wr(PF "/max_link_width", "16\n");
	wr(PF "/aer_dev_correctable", "RxErr 0\nBadTLP 0\nTOTAL_ERR_COR 0\n");
	wr(PF "/nvme/nvme0/state", "live\n");
	wr(PF "/msi_irqs/40", "msix\n");
	wr("sys/bus/pci/drivers/nvme/.keep", "\n");
	ln("../../../bus/pci/drivers/nvme", PF "/driver");
	ln("../0000:01:00.1", PF "/virtfn0");
	stat_line(1000, 100);
	wr(VF "/class", "0x010802\n");
	wr(VF "/numa_node", "0\n");
	ln("../0000:01:00.0", VF "/physfn");
	interrupts(4294967000u, 10);
}

static struct iov_mon *open_mon(struct iov_ctx **ctx)
{
	char sys[PATH_MAX], proc[PATH_MAX];
	struct iov_mon *m;

	snprintf(sys, sizeof(sys), "%s/sys", root);
	snprintf(proc, sizeof(proc), "%s/proc", root);
	ck_assert_int_eq(iov_ctx_new(ctx, sys, proc), 0);
	ck_assert_int_eq(iov_mon_open(*ctx, NULL, &m), 0);
	return m;
}

static const struct iov_mon_row *row(struct iov_mon *m, const char *addr)
{
	struct iov_bdf b;

	ck_assert_int_eq(iov_bdf_parse(addr, &b), 0);
	return iov_mon_find(m, &b);
}

/* events of the last refresh of kind k (for addr) */
static const struct iov_mon_event *new_event(struct iov_mon *m, enum iov_mon_event_kind k,
					     const char *addr)
{
	const struct iov_mon_event *ev;
	size_t n, nnew, i;

	ev = iov_mon_events(m, &n, &nnew);
	for (i = n - nnew; i < n; i++)
		if (ev[i].kind == k && strcmp(ev[i].addr, addr) == 0)
			return &ev[i];
	return NULL;
}

static size_t nnew_events(struct iov_mon *m)
{
	size_t n, nnew;

	iov_mon_events(m, &n, &nnew);
	return nnew;
}

static void cleanup(struct iov_mon *m, struct iov_ctx *ctx)
{
	iov_mon_close(m);
	iov_ctx_free(ctx);
	rm_rf("");
}

START_TEST(test_sampler_rates)
{
	struct iov_ctx *ctx;
	struct iov_mon *m;
	const struct iov_mon_row *r;

	make_tree();
	m = open_mon(&ctx);
	ck_assert_int_eq(iov_mon_refresh_at(m, 10 * SEC), 0);
	ck_assert_uint_eq(iov_mon_nrows(m), 2);
	r = iov_mon_row_at(m, 0);
	ck_assert_str_eq(r->addr, "0000:01:00.0");
	ck_assert_int_eq(r->role, IOV_MON_ROLE_PF);
	ck_assert_str_eq(r->driver, "nvme");
	ck_assert(!iov_mon_known(r->rate.iops));	/* first sample */
	r = iov_mon_row_at(m, 1);
	ck_assert_int_eq(r->role, IOV_MON_ROLE_VF);
	ck_assert_int_eq(r->vf_index, 0);
	ck_assert_int_eq(r->state, IOV_MON_STATE_UNBOUND);
	ck_assert_ptr_eq(r->pf, iov_mon_row_at(m, 0));

	stat_line(3000, 1100);
	interrupts(200, 20);	/* CPU0 wrapped: +496, CPU1 +10 */
	ck_assert_int_eq(iov_mon_refresh_at(m, 12 * SEC), 0);
	r = row(m, "0000:01:00.0");
	ck_assert_double_eq_tol(r->rate.iops, 1000, 1e-9);
	ck_assert_double_eq_tol(r->rate.rd_bytes_per_s, 2000 * 8 * 512 / 2.0, 1e-6);
	ck_assert_double_eq_tol(r->rate.util_pct, 50, 1e-9);
	ck_assert_double_eq_tol(r->rate.irqs_per_s, 253, 1e-9);
	ck_assert_uint_eq(r->reset, 0);
	ck_assert_double_eq_tol(iov_mon_interval(m), 2.0, 1e-9);
	cleanup(m, ctx);
}
END_TEST

START_TEST(test_sampler_reset_event)
{
	struct iov_ctx *ctx;
	struct iov_mon *m;
	const struct iov_mon_row *r;
	const struct iov_mon_event *e;

	make_tree();
	m = open_mon(&ctx);
	ck_assert_int_eq(iov_mon_refresh_at(m, SEC), 0);
	stat_line(10, 100);	/* down from 1000: the disk's counters restarted */
	ck_assert_int_eq(iov_mon_refresh_at(m, 2 * SEC), 0);
	r = row(m, "0000:01:00.0");
	ck_assert_uint_eq(r->reset, IOV_MON_CTR_BLOCK);
	ck_assert(!iov_mon_known(r->rate.iops));
	ck_assert(iov_mon_row_active(r));
	e = new_event(m, IOV_MON_EV_COUNTER_RESET, "0000:01:00.0");
	ck_assert_ptr_nonnull(e);
	ck_assert_str_eq(e->from, "block");
	ck_assert_uint_eq(e->mono_ns, 2 * SEC);
	/* the next sample counts from the new baseline */
	stat_line(110, 100);
	ck_assert_int_eq(iov_mon_refresh_at(m, 3 * SEC), 0);
	r = row(m, "0000:01:00.0");
	ck_assert_uint_eq(r->reset, 0);
	ck_assert_double_eq_tol(r->rate.iops, 100, 1e-9);
	ck_assert_uint_eq(nnew_events(m), 0);
	cleanup(m, ctx);
}
END_TEST

START_TEST(test_sampler_state_events)
{
	struct iov_ctx *ctx;
	struct iov_mon *m;
	const struct iov_mon_event *e;

	make_tree();
	m = open_mon(&ctx);
	ck_assert_int_eq(iov_mon_refresh_at(m, SEC), 0);
	ck_assert_uint_eq(nnew_events(m), 0);	/* the first sample raises none */
	wr(PF "/sriov_numvfs", "0\n");
	wr(PF "/current_link_speed", "8.0 GT/s PCIe\n");
	wr(PF "/current_link_width", "8\n");
	wr(PF "/aer_dev_correctable", "RxErr 2\nBadTLP 1\nTOTAL_ERR_COR 3\n");
	wr(PF "/nvme/nvme0/state", "resetting\n");
	wr("sys/bus/pci/drivers/vfio-pci/.keep", "\n");
	ln("../../../bus/pci/drivers/vfio-pci", VF "/driver");
	ck_assert_int_eq(iov_mon_refresh_at(m, 2 * SEC), 0);
	e = new_event(m, IOV_MON_EV_NUMVFS, "0000:01:00.0");
	ck_assert_ptr_nonnull(e);
	ck_assert_int_eq(e->old_val, 1);
	ck_assert_int_eq(e->new_val, 0);
	e = new_event(m, IOV_MON_EV_LINK_DEGRADED, "0000:01:00.0");
	ck_assert_ptr_nonnull(e);
	ck_assert_str_eq(e->to, "8 GT/s x8");
	ck_assert(row(m, "0000:01:00.0")->link_degraded);
	e = new_event(m, IOV_MON_EV_AER, "0000:01:00.0");
	ck_assert_ptr_nonnull(e);
	ck_assert_int_eq(e->new_val - e->old_val, 3);
	ck_assert_double_eq(row(m, "0000:01:00.0")->rate.aer_cor, 3);
	e = new_event(m, IOV_MON_EV_NVME_STATE, "0000:01:00.0");
	ck_assert_ptr_nonnull(e);
	ck_assert_str_eq(e->from, "live");
	ck_assert_str_eq(e->to, "resetting");
	ck_assert_int_eq(row(m, "0000:01:00.0")->state, IOV_MON_STATE_RESETTING);
	e = new_event(m, IOV_MON_EV_BIND, "0000:01:00.1");
	ck_assert_ptr_nonnull(e);
	ck_assert_str_eq(e->to, "vfio-pci");
	ck_assert_ptr_null(new_event(m, IOV_MON_EV_UNBIND, "0000:01:00.1"));	/* was unbound */
	ck_assert_uint_eq(nnew_events(m), 5);

	wr(PF "/current_link_speed", "16.0 GT/s PCIe\n");
	wr(PF "/current_link_width", "16\n");
	wr(PF "/nvme/nvme0/state", "live\n");
	ck_assert_int_eq(iov_mon_refresh_at(m, 3 * SEC), 0);
	ck_assert_ptr_nonnull(new_event(m, IOV_MON_EV_LINK_RESTORED, "0000:01:00.0"));
	ck_assert_ptr_nonnull(new_event(m, IOV_MON_EV_NVME_STATE, "0000:01:00.0"));
	ck_assert_uint_eq(nnew_events(m), 2);
	ck_assert_int_eq(row(m, "0000:01:00.0")->state, IOV_MON_STATE_LIVE);
	cleanup(m, ctx);
}
END_TEST

START_TEST(test_sampler_suspended_link)
{
	struct iov_ctx *ctx;
	struct iov_mon *m;
	const struct iov_mon_row *r;

	make_tree();
	wr(PF "/power/runtime_status", "suspended\n");
	/* reading this would wake the device: it must stay unread (speed unknown) */
	wr(PF "/current_link_speed", "2.5 GT/s PCIe\n");
	m = open_mon(&ctx);
	ck_assert_int_eq(iov_mon_refresh_at(m, SEC), 0);
	r = row(m, "0000:01:00.0");
	ck_assert_int_eq(r->state, IOV_MON_STATE_SUSPENDED);
	ck_assert(r->link.speed_gts == 0);
	ck_assert(!r->link_degraded);
	ck_assert_double_eq(r->link.max_speed_gts, 16);
	cleanup(m, ctx);
}
END_TEST

START_TEST(test_sampler_vanish_recreate)
{
	struct iov_ctx *ctx;
	struct iov_mon *m;
	const struct iov_mon_row *r;

	make_tree();
	m = open_mon(&ctx);
	ck_assert_int_eq(iov_mon_refresh_at(m, SEC), 0);
	stat_line(2000, 100);
	ck_assert_int_eq(iov_mon_refresh_at(m, 2 * SEC), 0);
	rm_rf(PF);
	ck_assert_int_eq(iov_mon_refresh_at(m, 3 * SEC), 0);
	r = row(m, "0000:01:00.0");
	ck_assert_ptr_nonnull(r);	/* kept one sample, as gone */
	ck_assert_int_eq(r->state, IOV_MON_STATE_GONE);
	ck_assert(!iov_mon_known(r->rate.iops));
	ck_assert_ptr_nonnull(new_event(m, IOV_MON_EV_REMOVE, "0000:01:00.0"));
	ck_assert_int_eq(iov_mon_refresh_at(m, 4 * SEC), 0);
	ck_assert_ptr_null(row(m, "0000:01:00.0"));
	ck_assert_uint_eq(iov_mon_nrows(m), 1);
	cleanup(m, ctx);
}
END_TEST

START_TEST(test_sampler_recreate_baseline)
{
	struct iov_ctx *ctx;
	struct iov_mon *m;
	const struct iov_mon_row *r;

	make_tree();
	m = open_mon(&ctx);
	stat_line(900000, 100);
	ck_assert_int_eq(iov_mon_refresh_at(m, SEC), 0);
	rm_rf(PF);
	ck_assert_int_eq(iov_mon_refresh_at(m, 2 * SEC), 0);
	ck_assert_int_eq(iov_mon_refresh_at(m, 3 * SEC), 0);
	/* re-create the PF in the same tree, its counters from zero */
	wr(PF "/class", "0x010802\n");
	wr(PF "/sriov_totalvfs", "4\n");
	wr(PF "/sriov_numvfs", "0\n");
	stat_line(5, 1);
	ck_assert_int_eq(iov_mon_refresh_at(m, 4 * SEC), 0);
	ck_assert_ptr_nonnull(new_event(m, IOV_MON_EV_ADD, "0000:01:00.0"));
	ck_assert_ptr_null(new_event(m, IOV_MON_EV_COUNTER_RESET, "0000:01:00.0"));
	r = row(m, "0000:01:00.0");
	ck_assert(!iov_mon_known(r->rate.iops));
	stat_line(25, 1);
	ck_assert_int_eq(iov_mon_refresh_at(m, 5 * SEC), 0);
	ck_assert_double_eq_tol(row(m, "0000:01:00.0")->rate.iops, 20, 1e-9);
	cleanup(m, ctx);
}
END_TEST

/* ---- --vf-stats: an RTM_NEWLINK as the kernel lays it out --------------- */

static uint8_t nlbuf[4096];
static size_t nllen;

static struct rtattr *put_attr(uint16_t type, const void *data, size_t len)
{
	struct rtattr *a = (struct rtattr *)(nlbuf + nllen);

	a->rta_type = type;
	a->rta_len = (unsigned short)RTA_LENGTH(len);
	if (data)
		memcpy(RTA_DATA(a), data, len);
	nllen += RTA_SPACE(len);
	return a;
}

static void nest_end(struct rtattr *a)
{
	a->rta_len = (unsigned short)(nlbuf + nllen - (uint8_t *)a);
}

static void put_u64(uint16_t type, uint64_t v)
{
	put_attr(type, &v, sizeof(v));
}

/* One IFLA_VF_INFO, with IFLA_VF_STATS when stats is set (rtnl_fill_vfinfo). */
static void put_vf_info(uint32_t vf, bool stats, uint64_t base)
{
	struct rtattr *info = put_attr(IFLA_VF_INFO, NULL, 0), *st;
	struct ifla_vf_mac mac = { .vf = vf, .mac = { 0x02, 0, 0, 0, 0, (uint8_t)vf } };
	struct ifla_vf_vlan vlan = { .vf = vf };
	struct ifla_vf_tx_rate rate = { .vf = vf };

	put_attr(IFLA_VF_MAC, &mac, sizeof(mac));
	put_attr(IFLA_VF_VLAN, &vlan, sizeof(vlan));
	put_attr(IFLA_VF_TX_RATE, &rate, sizeof(rate));
	if (stats) {
		st = put_attr(IFLA_VF_STATS, NULL, 0);
		put_u64(IFLA_VF_STATS_RX_PACKETS, base + 1);
		put_u64(IFLA_VF_STATS_TX_PACKETS, base + 2);
		put_u64(IFLA_VF_STATS_RX_BYTES, base + 3);
		put_u64(IFLA_VF_STATS_TX_BYTES, base + 4);
		put_u64(IFLA_VF_STATS_BROADCAST, 0);
		put_u64(IFLA_VF_STATS_MULTICAST, 0);
		nest_end(st);
	}
	nest_end(info);
}

START_TEST(test_vf_stats_decode)
{
	struct nlmsghdr *h = (struct nlmsghdr *)nlbuf;
	struct ifinfomsg *ifi = NLMSG_DATA(h);
	struct iov_mon_vf_stat st[4];
	struct rtattr *list;
	uint32_t num = 2;
	size_t n;

	memset(nlbuf, 0, sizeof(nlbuf));
	h->nlmsg_type = RTM_NEWLINK;
	ifi->ifi_family = AF_UNSPEC;
	ifi->ifi_index = 7;
	nllen = NLMSG_SPACE(sizeof(*ifi));
	put_attr(IFLA_IFNAME, "ens1f0", 7);
	put_attr(IFLA_NUM_VF, &num, sizeof(num));
	list = put_attr(IFLA_VFINFO_LIST, NULL, 0);
	put_vf_info(0, true, 5000000000ULL);	/* beyond 32 bits */
	put_vf_info(1, false, 0);		/* a driver without ndo_get_vf_stats */
	nest_end(list);
	h->nlmsg_len = (uint32_t)nllen;

	ck_assert_int_eq(iov_mon_vf_stats_decode(nlbuf, nllen, st, 4, &n), 0);
	ck_assert_uint_eq(n, 2);
	ck_assert_uint_eq(st[0].vf, 0);
	ck_assert(st[0].known);
	ck_assert_uint_eq(st[0].rx_packets, 5000000001ULL);
	ck_assert_uint_eq(st[0].tx_packets, 5000000002ULL);
	ck_assert_uint_eq(st[0].rx_bytes, 5000000003ULL);
	ck_assert_uint_eq(st[0].tx_bytes, 5000000004ULL);
	ck_assert_uint_eq(st[1].vf, 1);
	ck_assert(!st[1].known);
	/* room for one: one */
	ck_assert_int_eq(iov_mon_vf_stats_decode(nlbuf, nllen, st, 1, &n), 0);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(iov_mon_vf_stats_decode(nlbuf, nllen - 1, st, 4, &n), -EINVAL);
	h->nlmsg_type = RTM_NEWADDR;
	ck_assert_int_eq(iov_mon_vf_stats_decode(nlbuf, nllen, st, 4, &n), -EINVAL);
}
END_TEST

/* ---- sort and filter ----------------------------------------------------- */

static void fake_row(struct iov_mon_row *r, const char *addr, double iops)
{
	memset(r, 0, sizeof(*r));
	ck_assert_int_eq(iov_bdf_parse(addr, &r->bdf), 0);
	iov_bdf_format(&r->bdf, r->addr);
	iov_mon_rates_unknown(&r->rate);
	r->rate.iops = iops;
	r->sum = r->rate;
	r->numa_node = -1;
	r->iommu_group = -1;
	r->vf_index = -1;
}

START_TEST(test_sort)
{
	struct iov_mon_row a, b, c;

	fake_row(&a, "01:00.0", 10);
	fake_row(&b, "02:00.0", 500);
	fake_row(&c, "00:05.0", NAN);
	ck_assert_int_lt(iov_mon_row_cmp(&b, &a, IOV_MON_COL_IOPS), 0);	/* busiest first */
	ck_assert_int_lt(iov_mon_row_cmp(&a, &c, IOV_MON_COL_IOPS), 0);	/* unknown last */
	ck_assert_int_lt(iov_mon_row_cmp(&c, &a, IOV_MON_COL_ADDRESS), 0);
	b.rate.iops = b.sum.iops = 10;
	ck_assert_int_lt(iov_mon_row_cmp(&a, &b, IOV_MON_COL_IOPS), 0);	/* ties by address */
	snprintf(a.driver, sizeof(a.driver), "vfio-pci");
	snprintf(b.driver, sizeof(b.driver), "nvme");
	ck_assert_int_gt(iov_mon_row_cmp(&a, &b, IOV_MON_COL_DRIVER), 0);
	a.numa_node = 1, b.numa_node = 0;
	ck_assert_int_gt(iov_mon_row_cmp(&a, &b, IOV_MON_COL_NODE), 0);	/* nodes ascending */
	ck_assert_int_eq(iov_mon_col_parse("mbps"), IOV_MON_COL_MBPS);
	ck_assert_int_eq(iov_mon_col_parse("IRQS"), IOV_MON_COL_IRQS);
	ck_assert_int_eq(iov_mon_col_parse("speed"), -EINVAL);
	ck_assert_str_eq(iov_mon_col_name(IOV_MON_COL_STATE), "state");
}
END_TEST

START_TEST(test_filter_parse)
{
	struct iov_mon_filter f;

	ck_assert_int_eq(iov_mon_filter_parse("drv=vfio-pci", &f), 0);
	ck_assert_int_eq(f.key, IOV_MON_F_DRV);
	ck_assert_str_eq(f.value, "vfio-pci");
	ck_assert_int_eq(iov_mon_filter_parse("node=1", &f), 0);
	ck_assert_int_eq(f.num, 1);
	ck_assert_int_eq(iov_mon_filter_parse("pf=81:00.0", &f), 0);
	ck_assert_uint_eq(f.bdf.bus, 0x81);
	ck_assert_int_eq(iov_mon_filter_parse("role=vf", &f), 0);
	ck_assert_int_eq(iov_mon_filter_parse("state=gone", &f), 0);
	ck_assert_int_eq(iov_mon_filter_parse("node=x", &f), -EINVAL);
	ck_assert_int_eq(iov_mon_filter_parse("node=", &f), -EINVAL);
	ck_assert_int_eq(iov_mon_filter_parse("=1", &f), -EINVAL);
	ck_assert_int_eq(iov_mon_filter_parse("color=red", &f), -EINVAL);
	ck_assert_int_eq(iov_mon_filter_parse("drv", &f), -EINVAL);
	ck_assert_int_eq(iov_mon_filter_parse("role=switch", &f), -EINVAL);
	ck_assert_int_eq(iov_mon_filter_parse("state=dead", &f), -EINVAL);
	ck_assert_int_eq(iov_mon_filter_parse("pf=zz", &f), -EINVAL);
	ck_assert_int_eq(iov_mon_filter_parse("group=-2", &f), -EINVAL);
}
END_TEST

START_TEST(test_filter_match)
{
	struct iov_mon_filter f[3];
	struct iov_mon_row pf, vf, other;

	fake_row(&pf, "81:00.0", 0);
	pf.role = IOV_MON_ROLE_PF;
	pf.numa_node = 1;
	snprintf(pf.driver, sizeof(pf.driver), "ice");
	fake_row(&vf, "81:00.1", 0);
	vf.role = IOV_MON_ROLE_VF;
	vf.numa_node = 1;
	snprintf(vf.physfn, sizeof(vf.physfn), "0000:81:00.0");
	snprintf(vf.driver, sizeof(vf.driver), "vfio-pci");
	fake_row(&other, "01:00.0", 0);
	other.numa_node = 0;

	ck_assert(iov_mon_filters_match(f, 0, &other));	/* no filter: all */
	ck_assert_int_eq(iov_mon_filter_parse("pf=0000:81:00.0", &f[0]), 0);
	ck_assert(iov_mon_filters_match(f, 1, &pf));
	ck_assert(iov_mon_filters_match(f, 1, &vf));
	ck_assert(!iov_mon_filters_match(f, 1, &other));
	/* different keys AND */
	ck_assert_int_eq(iov_mon_filter_parse("drv=vfio-pci", &f[1]), 0);
	ck_assert(!iov_mon_filters_match(f, 2, &pf));
	ck_assert(iov_mon_filters_match(f, 2, &vf));
	/* one key twice ORs */
	ck_assert_int_eq(iov_mon_filter_parse("drv=ice", &f[2]), 0);
	ck_assert(iov_mon_filters_match(f, 3, &pf));
	ck_assert(iov_mon_filters_match(f, 3, &vf));
	ck_assert_int_eq(iov_mon_filter_parse("drv=none", &f[0]), 0);
	ck_assert(iov_mon_filters_match(f, 1, &other));
	ck_assert(!iov_mon_filters_match(f, 1, &pf));
	ck_assert_int_eq(iov_mon_filter_parse("node=0", &f[0]), 0);
	ck_assert(iov_mon_filters_match(f, 1, &other));
	ck_assert(!iov_mon_filters_match(f, 1, &vf));
	ck_assert_int_eq(iov_mon_filter_parse("role=vf", &f[0]), 0);
	ck_assert(iov_mon_filters_match(f, 1, &vf));
	ck_assert(!iov_mon_filters_match(f, 1, &pf));
}
END_TEST

START_TEST(test_active)
{
	struct iov_mon_row r;

	fake_row(&r, "01:00.0", NAN);
	ck_assert(!iov_mon_row_active(&r));
	r.rate.iops = 0;
	ck_assert(!iov_mon_row_active(&r));
	r.rate.irqs_per_s = 3;
	ck_assert(iov_mon_row_active(&r));
	r.rate.irqs_per_s = 0;
	r.rate.aer_fatal = 1;
	ck_assert(iov_mon_row_active(&r));
	r.rate.aer_fatal = NAN;
	r.reset = IOV_MON_CTR_NET;
	ck_assert(iov_mon_row_active(&r));
}
END_TEST

static Suite *monitor_suite(void)
{
	Suite *s = suite_create("monitor");
	TCase *tc = tcase_create("delta");

	tcase_add_test(tc, test_delta_plain);
	tcase_add_test(tc, test_delta_wrap32);
	tcase_add_test(tc, test_delta_wrap64);
	tcase_add_test(tc, test_delta_reset);
	tcase_add_test(tc, test_rates_block_net);
	tcase_add_test(tc, test_rates_util_ticks_wrap);
	tcase_add_test(tc, test_rates_reset);
	tcase_add_test(tc, test_rates_add);
	suite_add_tcase(s, tc);
	tc = tcase_create("parsers");
	tcase_add_test(tc, test_blkstat_fields);
	tcase_add_test(tc, test_blkstat_bad);
	tcase_add_test(tc, test_irqtab);
	tcase_add_test(tc, test_link_speed);
	tcase_add_test(tc, test_vf_stats_decode);
	suite_add_tcase(s, tc);
	tc = tcase_create("sampler");
	tcase_add_test(tc, test_sampler_rates);
	tcase_add_test(tc, test_sampler_reset_event);
	tcase_add_test(tc, test_sampler_state_events);
	tcase_add_test(tc, test_sampler_suspended_link);
	tcase_add_test(tc, test_sampler_vanish_recreate);
	tcase_add_test(tc, test_sampler_recreate_baseline);
	suite_add_tcase(s, tc);
	tc = tcase_create("sort-filter");
	tcase_add_test(tc, test_sort);
	tcase_add_test(tc, test_filter_parse);
	tcase_add_test(tc, test_filter_match);
	tcase_add_test(tc, test_active);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(monitor_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
