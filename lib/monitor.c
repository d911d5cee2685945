// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The monitor's sampler: one entry per PCI function with its attribute files
 * open, pread each refresh; functions appearing and vanishing found by one
 * readdir of bus/pci/devices per refresh; /proc/interrupts read once.
 */
#include "iov-monitor.h"
#include "iov-host.h"
#include "iov-private.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define IOV_MON_VFST_MAX 1024	/* VFs per PF: PCIe allows 65535, NICs go to 1024 or fewer */

enum { NET_RXB, NET_TXB, NET_RXP, NET_TXP, NET_RXD, NET_TXD, NET_NFILES };
static const char *const net_files[NET_NFILES] = {
	"rx_bytes", "tx_bytes", "rx_packets", "tx_packets", "rx_dropped", "tx_dropped",
};

struct vec {
	unsigned irq;
	uint32_t *prev;		/* per column of the previous /proc/interrupts */
	bool have_prev;
	bool off_node;
	bool checked;		/* affinity read at least once */
	uint64_t checked_count;	/* its count then */
};

struct fn {
	struct iov_mon_row row;		/* first: rows are handed out as this */
	char dir[PATH_MAX];		/* <root>/bus/pci/devices/<addr> */
	bool seen;			/* in this refresh's readdir */
	bool gone;
	int dfd;			/* O_PATH of dir: the driver link is read relative to it */
	int fd_numvfs, fd_power, fd_runtime, fd_speed, fd_width, fd_nvme_state;
	int fd_aer[3], fd_rp[3];
	int *fd_blk;
	unsigned nblk;
	int (*fd_net)[NET_NFILES];
	unsigned nnet;
	struct vec *vec;
	unsigned nvec;
	uint64_t irq_total;		/* running sum of per-CPU deltas */
	uint64_t node_mask[IOV_CPU_WORDS];
	bool node_mask_known;
	struct iov_mon_counters prev;
	bool have_prev;
	uint64_t prev_ns;
	bool seen_degraded;
	struct iov_link partner;	/* the other end's maximum speed and width */
	bool partner_known;
	unsigned settle;
	bool virtio;			/* vendor 1af4: disks and netdevs sit below virtioN/ */
	char netdev[32];		/* the first netdev, for --vf-stats of a PF */
	/* --vf-stats of a VF: polled on its PF's turn, so kept apart */
	struct iov_mon_counters vfc, vfc_prev;
	uint64_t vf_ns, vf_prev_ns;
	struct iov_mon_rates vf_rate;		/* refreshes left to look again for class devices after a rebind */
};

struct iov_mon {
	struct iov_ctx *ctx;
	struct iov_mon_opts opts;
	struct iov_bdf *select;
	char devices[PATH_MAX];		/* <root>/bus/pci/devices */
	int fd_interrupts;
	struct iov_mon_irqtab irq;
	unsigned irq_ncpu_prev;
	unsigned *irq_cpu_prev;
	struct fn **fn;			/* sorted by address */
	size_t nfn;
	struct iov_mon_row **order;	/* display order */
	size_t norder;
	enum iov_mon_col sort;
	unsigned samples;
	uint64_t now_ns, last_cost_ns, prev_sample_ns;
	struct iov_mon_event *ev;
	size_t nev, nnew;
	uint64_t ev_seq;
	struct iov_mon_vf_stat *vfst;	/* --vf-stats answer, IOV_MON_VFST_MAX entries */
	char *buf;			/* /proc/interrupts text */
	size_t buflen;
};

/* ---- small I/O helpers --------------------------------------------------- */

static int open_ro(const char *dir, const char *name)
{
	char p[PATH_MAX];

	if (snprintf(p, sizeof(p), "%s/%s", dir, name) >= (int)sizeof(p))
		return -1;
	return open(p, O_RDONLY | O_CLOEXEC);
}

static void close_fd(int *fd)
{
	if (*fd >= 0)
		close(*fd);
	*fd = -1;
}

/* pread a small attribute into buf, trimmed; -errno on failure */
static int pread_str(int fd, char *buf, size_t len)
{
	ssize_t n;

	if (fd < 0)
		return -ENOENT;
	n = pread(fd, buf, len - 1, 0);
	if (n < 0)
		return -errno;
	buf[n] = '\0';
	iov_attr_trim(buf, n);
	return 0;
}

static int pread_u64(int fd, uint64_t *v)
{
	char buf[32], *end;

	if (pread_str(fd, buf, sizeof(buf)) < 0)
		return -EIO;
	errno = 0;
	*v = strtoull(buf, &end, 10);
	return errno || end == buf ? -EINVAL : 0;
}

static int read_link_base(const char *dir, const char *name, char *buf, size_t len)
{
	char p[PATH_MAX];

	if (snprintf(p, sizeof(p), "%s/%s", dir, name) >= (int)sizeof(p))
		return -ENAMETOOLONG;
	return iov_read_link_name(p, buf, len);
}

static int read_small(const char *dir, const char *name, char *buf, size_t len)
{
	char p[PATH_MAX];

	if (snprintf(p, sizeof(p), "%s/%s", dir, name) >= (int)sizeof(p))
		return -ENAMETOOLONG;
	return iov_read_file(p, buf, len);
}

static long long read_ll(const char *dir, const char *name, long long dflt)
{
	char p[PATH_MAX];
	long long v;

	if (snprintf(p, sizeof(p), "%s/%s", dir, name) >= (int)sizeof(p) || iov_read_int(p, &v) < 0)
		return dflt;
	return v;
}

static bool is_nvme_disk(const char *s)
{
	unsigned a, b, c;
	int n = 0;

	/* nvme0n1, or the multipath path nvme0c1n1 (its head lives elsewhere) */
	if (sscanf(s, "nvme%un%u%n", &a, &b, &n) == 2 && !s[n])
		return true;
	n = 0;
	return sscanf(s, "nvme%uc%un%u%n", &a, &b, &c, &n) == 3 && !s[n];
}

/* ---- events -------------------------------------------------------------- */

static struct iov_mon_event *event_new(struct iov_mon *m, enum iov_mon_event_kind k,
				       const struct fn *f)
{
	size_t max = m->opts.events_max ? m->opts.events_max : 1000;
	struct iov_mon_event *e;

	if (m->nev == max) {
		memmove(m->ev, m->ev + 1, (max - 1) * sizeof(*m->ev));
		m->nev--;
	}
	e = &m->ev[m->nev++];
	m->nnew++;
	if (m->nnew > m->nev)
		m->nnew = m->nev;
	memset(e, 0, sizeof(*e));
	e->seq = ++m->ev_seq;
	e->mono_ns = m->now_ns;
	e->kind = k;
	e->old_val = e->new_val = -1;
	snprintf(e->addr, sizeof(e->addr), "%s", f->row.addr);
	return e;
}

static void ev_str(struct iov_mon *m, enum iov_mon_event_kind k, const struct fn *f,
		   const char *from, const char *to, const char *text)
{
	struct iov_mon_event *e = event_new(m, k, f);

	snprintf(e->from, sizeof(e->from), "%s", from ? from : "");
	snprintf(e->to, sizeof(e->to), "%s", to ? to : "");
	snprintf(e->text, sizeof(e->text), "%s", text);
}

static void ev_num(struct iov_mon *m, enum iov_mon_event_kind k, const struct fn *f,
		   long long a, long long b, const char *what)
{
	struct iov_mon_event *e = event_new(m, k, f);

	e->old_val = a;
	e->new_val = b;
	snprintf(e->from, sizeof(e->from), "%lld", a);
	snprintf(e->to, sizeof(e->to), "%lld", b);
	snprintf(e->text, sizeof(e->text), "%s %lld -> %lld", what, a, b);
}

/* ---- per-function files -------------------------------------------------- */

static void close_class_fds(struct fn *f)
{
	unsigned i, j;

	for (i = 0; i < f->nblk; i++)
		close_fd(&f->fd_blk[i]);
	free(f->fd_blk);
	f->fd_blk = NULL;
	f->nblk = 0;
	for (i = 0; i < f->nnet; i++)
		for (j = 0; j < NET_NFILES; j++)
			close_fd(&f->fd_net[i][j]);
	free(f->fd_net);
	f->fd_net = NULL;
	f->nnet = 0;
	f->netdev[0] = '\0';
	close_fd(&f->fd_nvme_state);
}

static void add_blk(struct fn *f, const char *dir, const char *name)
{
	char p[PATH_MAX];
	int fd, *n;

	if (snprintf(p, sizeof(p), "%s/%s", dir, name) >= (int)sizeof(p))
		return;
	fd = open_ro(p, "stat");
	if (fd < 0)
		return;
	n = realloc(f->fd_blk, (f->nblk + 1) * sizeof(*n));
	if (!n) {
		close(fd);
		return;
	}
	f->fd_blk = n;
	f->fd_blk[f->nblk++] = fd;
}

static void add_net(struct fn *f, const char *dir, const char *name)
{
	char p[PATH_MAX];
	int (*n)[NET_NFILES];
	unsigned j;

	if (snprintf(p, sizeof(p), "%s/%s/statistics", dir, name) >= (int)sizeof(p))
		return;
	n = realloc(f->fd_net, (f->nnet + 1) * sizeof(*n));
	if (!n)
		return;
	f->fd_net = n;
	for (j = 0; j < NET_NFILES; j++)
		f->fd_net[f->nnet][j] = open_ro(p, net_files[j]);
	if (f->fd_net[f->nnet][NET_RXB] < 0) {
		for (j = 0; j < NET_NFILES; j++)
			close_fd(&f->fd_net[f->nnet][j]);
		return;
	}
	if (!f->nnet++ && strlen(name) < sizeof(f->netdev))
		strcpy(f->netdev, name);
}

/* Entries of dir/sub, each passed to fn. */
static void each_entry(struct fn *f, const char *sub, void (*fn)(struct fn *, const char *, const char *),
		       bool (*want)(const char *))
{
	char p[PATH_MAX];
	struct dirent *de;
	DIR *d;

	if (snprintf(p, sizeof(p), "%s/%s", f->dir, sub) >= (int)sizeof(p))
		return;
	d = opendir(p);
	if (!d)
		return;
	while ((de = readdir(d)))
		if (de->d_name[0] != '.' && (!want || want(de->d_name)))
			fn(f, p, de->d_name);
	closedir(d);
}

static bool is_nvme_ctrl(const char *s)
{
	unsigned a;
	int n = 0;

	return sscanf(s, "nvme%u%n", &a, &n) == 1 && !s[n];
}

static void add_nvme_ctrl(struct fn *f, const char *dir, const char *name)
{
	char p[PATH_MAX];
	struct dirent *de;
	DIR *d;

	if (snprintf(p, sizeof(p), "%s/%s", dir, name) >= (int)sizeof(p))
		return;
	if (f->fd_nvme_state < 0)
		f->fd_nvme_state = open_ro(p, "state");
	d = opendir(p);
	if (!d)
		return;
	while ((de = readdir(d)))
		if (is_nvme_disk(de->d_name))
			add_blk(f, p, de->d_name);
	closedir(d);
}

static bool is_virtio(const char *s)
{
	return strncmp(s, "virtio", 6) == 0;
}

static void add_virtio(struct fn *f, const char *dir, const char *name)
{
	char sub[PATH_MAX];

	(void)dir;
	snprintf(sub, sizeof(sub), "%s/net", name);
	each_entry(f, sub, add_net, NULL);
	snprintf(sub, sizeof(sub), "%s/block", name);
	each_entry(f, sub, add_blk, NULL);
}

/* Block devices, netdevs and NVMe controllers below the function. */
static void open_class_fds(struct fn *f)
{
	close_class_fds(f);
	each_entry(f, "block", add_blk, NULL);
	each_entry(f, "net", add_net, NULL);
	each_entry(f, "nvme", add_nvme_ctrl, is_nvme_ctrl);
	if (f->virtio)
		each_entry(f, ".", add_virtio, is_virtio);
}

static int cmp_vec(const void *a, const void *b)
{
	const struct vec *x = a, *y = b;

	return (x->irq > y->irq) - (x->irq < y->irq);
}

static void free_vecs(struct fn *f)
{
	unsigned i;

	for (i = 0; i < f->nvec; i++)
		free(f->vec[i].prev);
	free(f->vec);
	f->vec = NULL;
	f->nvec = 0;
}

/* A vector of the old list, to keep its per-CPU counts across a re-read. */
static struct vec *take_vec(struct vec *old, unsigned nold, unsigned irq)
{
	unsigned i;

	for (i = 0; i < nold; i++)
		if (old[i].irq == irq && old[i].prev)
			return &old[i];
	return NULL;
}

/* The function's MSI/MSI-X vectors (msi_irqs/N); those still there keep their counts. */
static void read_vectors(struct fn *f)
{
	struct vec *old = f->vec, *n;
	unsigned nold = f->nvec, i;
	char p[PATH_MAX];
	struct dirent *de;
	DIR *d;

	f->vec = NULL;
	f->nvec = 0;
	if (snprintf(p, sizeof(p), "%s/msi_irqs", f->dir) < (int)sizeof(p) && (d = opendir(p))) {
		while ((de = readdir(d))) {
			char *end;
			unsigned long irq = strtoul(de->d_name, &end, 10);
			struct vec *o;

			if (de->d_name[0] < '0' || de->d_name[0] > '9' || *end)
				continue;
			n = realloc(f->vec, (f->nvec + 1) * sizeof(*n));
			if (!n)
				break;
			f->vec = n;
			o = take_vec(old, nold, irq);
			if (o) {
				n[f->nvec] = *o;
				o->prev = NULL;
			} else {
				memset(&n[f->nvec], 0, sizeof(*n));
				n[f->nvec].irq = irq;
			}
			f->nvec++;
		}
		closedir(d);
	}
	for (i = 0; i < nold; i++)
		free(old[i].prev);
	free(old);
	if (f->nvec > 1)	/* qsort(NULL, 0) is undefined */
		qsort(f->vec, f->nvec, sizeof(*f->vec), cmp_vec);
	f->row.nvectors = f->nvec;
}

static void fn_close(struct fn *f)
{
	int i;

	close_fd(&f->dfd);
	close_fd(&f->fd_numvfs);
	close_fd(&f->fd_power);
	close_fd(&f->fd_runtime);
	close_fd(&f->fd_speed);
	close_fd(&f->fd_width);
	for (i = 0; i < 3; i++) {
		close_fd(&f->fd_aer[i]);
		close_fd(&f->fd_rp[i]);
	}
	close_class_fds(f);
	free_vecs(f);
}

static void fn_free(struct fn *f)
{
	if (!f)
		return;
	fn_close(f);
	free(f->row.vfs);
	free(f);
}

static void read_node_mask(struct iov_mon *m, struct fn *f)
{
	char buf[4096];

	f->node_mask_known = f->row.numa_node >= 0 &&
		iov_sysfs_read_str(m->ctx, buf, sizeof(buf), "devices/system/node/node%d/cpulist",
				   f->row.numa_node) == 0 &&
		iov_cpulist_parse(buf, f->node_mask, IOV_CPU_WORDS) == 0;
}

/* The function below a port: the smallest address among its children. */
static bool first_child(const struct fn *f, char *name, size_t len)
{
	struct iov_bdf b, best;
	struct dirent *de;
	bool found = false;
	DIR *d = opendir(f->dir);

	if (!d)
		return false;
	while ((de = readdir(d))) {
		if (iov_bdf_parse(de->d_name, &b) < 0 || (found && iov_bdf_cmp(&b, &best) >= 0))
			continue;
		best = b;
		found = true;
	}
	closedir(d);
	if (!found || len < IOV_BDF_STRLEN)
		return false;
	iov_bdf_format(&best, name);
	return true;
}

/* The function above: the parent directory of the device's sysfs path. */
static bool parent_fn(const struct fn *f, char *name, size_t len)
{
	char target[PATH_MAX], *slash, *base;
	struct iov_bdf b;
	ssize_t n = readlink(f->dir, target, sizeof(target) - 1);

	if (n <= 0)
		return false;
	target[n] = '\0';
	slash = strrchr(target, '/');
	if (!slash)
		return false;
	*slash = '\0';
	base = strrchr(target, '/');
	base = base ? base + 1 : target;
	if (iov_bdf_parse(base, &b) < 0 || strlen(base) >= len)
		return false;
	strcpy(name, base);
	return true;
}

/*
 * A link trains to the lower of its two ends, so it is judged against the
 * other end's maximum as well (iov_link_downtrained, as inspect and topology
 * do): a port's link by the function below it, a device's by the port above.
 */
static void read_partner(const struct iov_mon *m, struct fn *f)
{
	char name[64], dir[PATH_MAX], buf[64];
	bool port = f->row.role == IOV_MON_ROLE_ROOT_PORT;

	if (!(port ? first_child(f, name, sizeof(name)) : parent_fn(f, name, sizeof(name))))
		return;
	if (snprintf(dir, sizeof(dir), "%s/%s", m->devices, name) >= (int)sizeof(dir))
		return;
	if (read_small(dir, "max_link_speed", buf, sizeof(buf)) == 0)
		f->partner.max_speed_gts = iov_mon_parse_link_speed(buf);
	f->partner.max_width = read_ll(dir, "max_link_width", 0);
	f->partner_known = f->partner.max_speed_gts > 0 && f->partner.max_width > 0;
}

static struct fn *fn_new(struct iov_mon *m, const char *name, const struct iov_bdf *bdf)
{
	static const char *const aer[3] = { "aer_dev_correctable", "aer_dev_nonfatal", "aer_dev_fatal" };
	static const char *const rp[3] = { "aer_rootport_total_err_cor", "aer_rootport_total_err_nonfatal",
					   "aer_rootport_total_err_fatal" };
	struct fn *f = calloc(1, sizeof(*f));
	struct iov_mon_row *r;
	char buf[64];
	long long cls, node;
	int i;

	if (!f)
		return NULL;
	r = &f->row;
	if (snprintf(f->dir, sizeof(f->dir), "%s/%s", m->devices, name) >= (int)sizeof(f->dir)) {
		free(f);
		return NULL;
	}
	f->fd_numvfs = f->fd_power = f->fd_runtime = f->fd_speed = f->fd_width = -1;
	f->dfd = open(f->dir, O_PATH | O_DIRECTORY | O_CLOEXEC);
	f->fd_nvme_state = -1;
	for (i = 0; i < 3; i++)
		f->fd_aer[i] = f->fd_rp[i] = -1;
	r->bdf = *bdf;
	iov_bdf_format(bdf, r->addr);
	r->vf_index = -1;
	node = read_ll(f->dir, "numa_node", -1);
	/* MAX_NUMNODES is 1 << 10 at most: anything else is not a node */
	r->numa_node = node >= 0 && node < 4096 ? (int)node : -1;
	r->iommu_group = read_link_base(f->dir, "iommu_group", buf, sizeof(buf)) == 0 ? atoi(buf) : -1;
	r->totalvfs = read_ll(f->dir, "sriov_totalvfs", -1);
	r->numvfs = -1;
	cls = read_ll(f->dir, "class", -1);
	f->virtio = read_ll(f->dir, "vendor", -1) == 0x1af4;
	if (read_link_base(f->dir, "physfn", r->physfn, sizeof(r->physfn)) == 0)
		r->role = IOV_MON_ROLE_VF;
	else if (r->totalvfs > 0)
		r->role = IOV_MON_ROLE_PF;
	else if ((cls >> 8) == 0x0604 || (cls >> 8) == 0x0600)
		r->role = IOV_MON_ROLE_ROOT_PORT;	/* kept only with root-port AER counters */
	else
		r->role = IOV_MON_ROLE_ENDPOINT;
	if (r->role == IOV_MON_ROLE_PF)
		f->fd_numvfs = open_ro(f->dir, "sriov_numvfs");
	f->fd_power = open_ro(f->dir, "power_state");
	f->fd_runtime = open_ro(f->dir, "power/runtime_status");
	/* a VF has no link of its own (its link registers are reserved): its PF's counts */
	if (r->role != IOV_MON_ROLE_VF) {
		f->fd_speed = open_ro(f->dir, "current_link_speed");
		f->fd_width = open_ro(f->dir, "current_link_width");
		if (read_small(f->dir, "max_link_speed", buf, sizeof(buf)) == 0)
			r->link.max_speed_gts = iov_mon_parse_link_speed(buf);
		r->link.max_width = read_ll(f->dir, "max_link_width", 0);
	}
	for (i = 0; i < 3; i++) {
		f->fd_aer[i] = open_ro(f->dir, aer[i]);
		f->fd_rp[i] = open_ro(f->dir, rp[i]);
	}
	if (r->role == IOV_MON_ROLE_ROOT_PORT && f->fd_rp[0] < 0) {
		fn_free(f);
		return NULL;
	}
	if (read_link_base(f->dir, "driver", r->driver, sizeof(r->driver)) < 0)
		r->driver[0] = '\0';
	if (r->role != IOV_MON_ROLE_VF)
		read_partner(m, f);
	open_class_fds(f);
	read_vectors(f);
	read_node_mask(m, f);
	r->first = true;
	iov_mon_rates_unknown(&f->vf_rate);
	iov_mon_rates_unknown(&r->rate);
	iov_mon_rates_unknown(&r->sum);
	return f;
}

/* ---- sampling one function ----------------------------------------------- */

static void sample_block(struct fn *f, struct iov_mon_counters *c)
{
	char buf[512];
	unsigned i;

	for (i = 0; i < f->nblk; i++) {
		struct iov_mon_blkstat s;

		if (pread_str(f->fd_blk[i], buf, sizeof(buf)) < 0 || iov_mon_parse_blkstat(buf, &s) < 0)
			continue;
		c->has_block = true;
		c->rd_ios += s.rd_ios;
		c->wr_ios += s.wr_ios;
		c->dc_ios += s.dc_ios;
		c->rd_bytes += s.rd_sectors * 512;
		c->wr_bytes += s.wr_sectors * 512;
		c->in_flight += s.in_flight;
		if (s.io_ticks > c->io_ticks_ms)
			c->io_ticks_ms = s.io_ticks;
	}
}

static void sample_net(struct fn *f, struct iov_mon_counters *c)
{
	uint64_t *dst[NET_NFILES] = {
		&c->rx_bytes, &c->tx_bytes, &c->rx_packets, &c->tx_packets, &c->rx_dropped, &c->tx_dropped,
	};
	unsigned i, j;

	for (i = 0; i < f->nnet; i++) {
		for (j = 0; j < NET_NFILES; j++) {
			uint64_t v;

			if (pread_u64(f->fd_net[i][j], &v) == 0) {
				*dst[j] += v;
				c->has_net = true;
			}
		}
	}
}

/* Vectors' counts from this refresh's /proc/interrupts, per-CPU 32-bit wrap handled. */
static void sample_irqs(struct iov_mon *m, struct fn *f, struct iov_mon_counters *c, bool cpus_changed)
{
	const struct iov_mon_irqtab *t = &m->irq;
	unsigned i, col;

	for (i = 0; i < f->nvec; i++) {
		struct vec *v = &f->vec[i];
		const uint32_t *now;

		if (v->irq >= t->max_irq || !t->present[v->irq])
			continue;
		c->has_irq = true;
		now = &t->percpu[v->irq * t->ncpu];
		if (v->have_prev && !cpus_changed) {
			for (col = 0; col < t->ncpu; col++) {
				uint64_t d;

				iov_mon_delta(v->prev[col], now[col], 32, &d);
				f->irq_total += d;
			}
		} else {
			uint32_t *p = realloc(v->prev, t->ncpu * sizeof(*p));

			if (!p)
				continue;
			/* a vector's first count joins the total: the counter tells all since boot */
			if (!v->have_prev)
				for (col = 0; col < t->ncpu; col++)
					f->irq_total += now[col];
			v->prev = p;
			v->have_prev = true;
		}
		memcpy(v->prev, now, t->ncpu * sizeof(*now));
	}
	c->irqs = f->irq_total;
}

/* The TOTAL_ERR_* line of an aer_dev_* file; the full parse when it lacks one. */
static int aer_total(const char *text, enum iov_aer_kind kind, uint64_t *total)
{
	const char *t = strstr(text, "TOTAL_ERR_");
	struct iov_aer_counts ac = { 0 };
	char *end;
	int r;

	if (t && (t = strchr(t, ' '))) {
		errno = 0;
		*total = strtoull(t + 1, &end, 10);
		if (!errno && end > t + 1)
			return 0;
	}
	r = iov_aer_parse(text, kind, &ac, total);
	free(ac.moved);
	return r;
}

static void sample_aer(struct fn *f, struct iov_mon_counters *c)
{
	uint64_t *tot[3] = { &c->aer_cor, &c->aer_nonfatal, &c->aer_fatal };
	uint64_t *rp[3] = { &c->rp_cor, &c->rp_nonfatal, &c->rp_fatal };
	char buf[2048];
	int i;

	for (i = 0; i < 3; i++) {
		if (pread_str(f->fd_aer[i], buf, sizeof(buf)) == 0 &&
		    aer_total(buf, (enum iov_aer_kind)i, tot[i]) == 0)
			c->has_aer = true;
		if (pread_u64(f->fd_rp[i], rp[i]) == 0)
			c->has_aer_rootport = true;
	}
}

static int read_affinity(struct iov_ctx *ctx, char *buf, size_t len, unsigned irq)
{
	char p[PATH_MAX];

	if (iov_proc_path(ctx, p, sizeof(p), "irq/%u/effective_affinity_list", irq) < 0)
		return -ENAMETOOLONG;
	return iov_read_file(p, buf, len);
}

/* Vectors whose effective affinity has no CPU of the function's node. */
static uint64_t vec_count(const struct vec *v, unsigned ncpu)
{
	uint64_t sum = 0;
	unsigned c;

	for (c = 0; v->prev && c < ncpu; c++)
		sum += v->prev[c];
	return sum;
}

/*
 * Which vectors' effective affinity has no CPU of the function's node. A
 * vector that fired no interrupt since its last check is not read again:
 * where an idle vector would be served does not matter, and the reads add
 * up on hosts with thousands of vectors.
 */
static void sample_affinity(struct iov_mon *m, struct fn *f)
{
	uint64_t eff[IOV_CPU_WORDS];
	char buf[4096];
	unsigned i, w, off = 0;

	if (!f->node_mask_known || !iov_ctx_proc_root(m->ctx))
		return;
	for (i = 0; i < f->nvec; i++) {
		struct vec *v = &f->vec[i];
		uint64_t count = vec_count(v, m->irq.ncpu);
		bool hit = false;

		if (!v->checked || count != v->checked_count) {
			v->checked = true;
			v->checked_count = count;
			if (read_affinity(m->ctx, buf, sizeof(buf), v->irq) == 0 &&
			    iov_cpulist_parse(buf, eff, IOV_CPU_WORDS) == 0) {
				for (w = 0; w < IOV_CPU_WORDS && !hit; w++)
					hit = eff[w] & f->node_mask[w];
				v->off_node = !hit;
			}
		}
		off += v->off_node;
	}
	f->row.irqs_off_node = off;
}

/* The driver link's last component, relative to the function's directory. */
static void read_driver(struct fn *f)
{
	char target[PATH_MAX];
	const char *base;
	ssize_t n = f->dfd >= 0 ? readlinkat(f->dfd, "driver", target, sizeof(target) - 1) : -1;

	if (n <= 0) {
		f->row.driver[0] = '\0';
		return;
	}
	target[n] = '\0';
	base = strrchr(target, '/');
	base = base ? base + 1 : target;
	n = strlen(base);
	if ((size_t)n >= sizeof(f->row.driver))
		n = sizeof(f->row.driver) - 1;
	memcpy(f->row.driver, base, n);
	f->row.driver[n] = '\0';
}

static void sample_state(struct fn *f)
{
	struct iov_mon_row *r = &f->row;
	char buf[64];
	uint64_t v;

	if (pread_str(f->fd_power, r->power_state, sizeof(r->power_state)) < 0)
		r->power_state[0] = '\0';
	if (pread_str(f->fd_runtime, r->runtime_status, sizeof(r->runtime_status)) < 0)
		r->runtime_status[0] = '\0';
	/* reading link attributes resumes a runtime-suspended device: leave them */
	if (strcmp(r->runtime_status, "suspended") != 0) {
		r->link.speed_gts = pread_str(f->fd_speed, buf, sizeof(buf)) == 0 ?
			iov_mon_parse_link_speed(buf) : 0;
		r->link.width = pread_u64(f->fd_width, &v) == 0 ? (int)v : 0;
	} else {
		r->link.speed_gts = 0;
		r->link.width = 0;
	}
	if (pread_str(f->fd_nvme_state, r->nvme_state, sizeof(r->nvme_state)) < 0)
		r->nvme_state[0] = '\0';
	r->numvfs = pread_u64(f->fd_numvfs, &v) == 0 ? (long long)v : -1;
	read_driver(f);
}

static bool link_known(const struct iov_link *l)
{
	return l->speed_gts > 0 && l->width > 0 && l->max_speed_gts > 0 && l->max_width > 0;
}

static bool link_is_degraded(const struct fn *f)
{
	double cap_speed;
	int cap_width;

	return iov_link_downtrained(&f->row.link, f->partner_known ? &f->partner : NULL, &cap_speed,
				    &cap_width);
}

static enum iov_mon_state state_of(const struct iov_mon_row *r)
{
	if (!r->driver[0])
		return IOV_MON_STATE_UNBOUND;
	if (r->nvme_state[0] && strcmp(r->nvme_state, "live") != 0)
		return IOV_MON_STATE_RESETTING;
	if (strcmp(r->runtime_status, "suspended") == 0)
		return IOV_MON_STATE_SUSPENDED;
	return IOV_MON_STATE_LIVE;
}

static void fmt_link(const struct iov_link *l, char *buf, size_t len)
{
	snprintf(buf, len, "%g GT/s x%d", l->speed_gts, l->width);
}

static const char *const ctr_names[] = { "block", "net", "irq", "aer", "vf_stats" };

/* Compare the previous row with the new one and raise events. */
static void detect(struct iov_mon *m, struct fn *f, const struct iov_mon_row *old,
		   const struct iov_mon_counters *oc, bool had_prev)
{
	struct iov_mon_row *r = &f->row;
	char a[64], b[64], text[160];
	unsigned i;

	if (strcmp(old->driver, r->driver) != 0) {
		if (old->driver[0]) {
			snprintf(text, sizeof(text), "unbound from %s", old->driver);
			ev_str(m, IOV_MON_EV_UNBIND, f, old->driver, "", text);
		}
		if (r->driver[0]) {
			snprintf(text, sizeof(text), "bound to %s", r->driver);
			ev_str(m, IOV_MON_EV_BIND, f, "", r->driver, text);
		}
	}
	if (old->numvfs >= 0 && r->numvfs >= 0 && old->numvfs != r->numvfs)
		ev_num(m, IOV_MON_EV_NUMVFS, f, old->numvfs, r->numvfs, "sriov_numvfs");
	if (link_known(&r->link)) {
		bool deg = link_is_degraded(f);

		if (deg != f->seen_degraded && (deg || link_known(&old->link))) {
			fmt_link(&old->link, a, sizeof(a));
			fmt_link(&r->link, b, sizeof(b));
			if (!link_known(&old->link))
				snprintf(a, sizeof(a), "%g GT/s x%d", r->link.max_speed_gts, r->link.max_width);
			snprintf(text, sizeof(text), "link %s -> %s%s", a, b,
				 deg ? " (degraded)" : " (restored)");
			ev_str(m, deg ? IOV_MON_EV_LINK_DEGRADED : IOV_MON_EV_LINK_RESTORED, f, a, b, text);
		}
		f->seen_degraded = deg;
	}
	if (had_prev && (oc->has_aer || oc->has_aer_rootport)) {
		const struct iov_mon_counters *c = &r->ctr;
		long long o = oc->aer_cor + oc->aer_nonfatal + oc->aer_fatal + oc->rp_cor +
			      oc->rp_nonfatal + oc->rp_fatal;
		long long n = c->aer_cor + c->aer_nonfatal + c->aer_fatal + c->rp_cor + c->rp_nonfatal +
			      c->rp_fatal;

		if (n > o)
			ev_num(m, IOV_MON_EV_AER, f, o, n, "AER errors");
	}
	/* a controller coming or going with its driver is the bind or unbind event */
	if (strcmp(old->nvme_state, r->nvme_state) != 0 && old->nvme_state[0] && r->nvme_state[0]) {
		snprintf(text, sizeof(text), "NVMe controller %s -> %s", old->nvme_state, r->nvme_state);
		ev_str(m, IOV_MON_EV_NVME_STATE, f, old->nvme_state, r->nvme_state, text);
	}
	for (i = 0; i < sizeof(ctr_names) / sizeof(ctr_names[0]); i++) {
		if (!(r->reset & (1u << i)))
			continue;
		snprintf(text, sizeof(text), "%s counters went down: reset", ctr_names[i]);
		ev_str(m, IOV_MON_EV_COUNTER_RESET, f, ctr_names[i], "", text);
	}
	if (r->irqs_off_node > old->irqs_off_node && had_prev) {
		ev_num(m, IOV_MON_EV_IRQ_OFF_NODE, f, old->irqs_off_node, r->irqs_off_node,
		       "interrupt vectors off the NUMA node");
	}
}

/* The last --vf-stats values of a VF, kept between its PF's polls. */
static void apply_vf_stats(struct fn *f)
{
	struct iov_mon_counters *c = &f->row.ctr;
	struct iov_mon_rates *r = &f->row.rate;

	if (!f->vfc.has_vf_stats)
		return;
	c->has_vf_stats = true;
	c->vf_rx_bytes = f->vfc.vf_rx_bytes;
	c->vf_tx_bytes = f->vfc.vf_tx_bytes;
	c->vf_rx_packets = f->vfc.vf_rx_packets;
	c->vf_tx_packets = f->vfc.vf_tx_packets;
	r->vf_rx_bytes_per_s = f->vf_rate.vf_rx_bytes_per_s;
	r->vf_tx_bytes_per_s = f->vf_rate.vf_tx_bytes_per_s;
}

/* A new --vf-stats reading of one VF: rates over the time since its previous one. */
static void update_vf_stats(struct iov_mon *m, struct fn *f, const struct iov_mon_vf_stat *s)
{
	struct iov_mon_counters c = { .has_vf_stats = true };
	unsigned reset = 0;

	c.vf_rx_bytes = s->rx_bytes;
	c.vf_tx_bytes = s->tx_bytes;
	c.vf_rx_packets = s->rx_packets;
	c.vf_tx_packets = s->tx_packets;
	f->vfc_prev = f->vfc;
	f->vf_prev_ns = f->vf_ns;
	f->vfc = c;
	f->vf_ns = m->now_ns;
	if (f->vfc_prev.has_vf_stats)
		iov_mon_rates_compute(&f->vfc_prev, &f->vfc, f->vf_ns - f->vf_prev_ns, &f->vf_rate, &reset);
	else
		iov_mon_rates_unknown(&f->vf_rate);
	if (reset & IOV_MON_CTR_VF_STATS) {
		f->row.reset |= IOV_MON_CTR_VF_STATS;
		ev_str(m, IOV_MON_EV_COUNTER_RESET, f, "vf_stats", "", "vf_stats counters went down: reset");
	}
	apply_vf_stats(f);
}

/*
 * --vf-stats: on a PF's turn, ask the kernel for its VFs' counters. Only on
 * the live system: a name in a fixture or snapshot means another host's netdev.
 */
static void poll_vf_stats(struct iov_mon *m)
{
	struct iov_mon_vf_stat *st = m->vfst;
	size_t i, j, k, n;

	if (!m->opts.vf_stats || !iov_ctx_is_live(m->ctx))
		return;
	if (!st && !(st = m->vfst = calloc(IOV_MON_VFST_MAX, sizeof(*st))))
		return;
	for (i = 0; i < m->nfn; i++) {
		struct fn *pf = m->fn[i];

		if (pf->gone || pf->row.role != IOV_MON_ROLE_PF || !pf->netdev[0] || !pf->row.nvfs ||
		    (m->samples > 0 && (i + m->samples) % m->opts.slow_every != 0))
			continue;
		if (iov_mon_vf_stats_query(pf->netdev, st, IOV_MON_VFST_MAX, &n) < 0)
			continue;
		for (j = 0; j < n; j++) {
			if (!st[j].known)
				continue;
			for (k = 0; k < pf->row.nvfs; k++)
				if (pf->row.vfs[k]->vf_index == (int)st[j].vf)
					update_vf_stats(m, (struct fn *)pf->row.vfs[k], &st[j]);
		}
	}
}

/*
 * slow: this function's turn to read its IRQ affinity files, every
 * slow_every refreshes; rescan: its turn to look again for disks, netdevs
 * and vectors that came without a rebind (a namespace added), six times
 * less often. Turns are spread so that no refresh does them all.
 */
static void sample_fn(struct iov_mon *m, struct fn *f, bool slow, bool rescan, bool cpus_changed)
{
	struct iov_mon_row *r = &f->row, old = *r;
	struct iov_mon_counters c = { 0 }, oc = f->prev;
	bool had_prev = f->have_prev, rebound;

	sample_state(f);
	rebound = strcmp(old.driver, r->driver) != 0;
	/* binding makes and unmakes netdevs, disks and vectors, some a little later */
	if (rebound)
		f->settle = 3;
	if (rebound || rescan || f->settle) {
		open_class_fds(f);
		read_vectors(f);
		/* the controller may be new, or gone with the old driver */
		if (pread_str(f->fd_nvme_state, r->nvme_state, sizeof(r->nvme_state)) < 0)
			r->nvme_state[0] = '\0';
		if (f->settle && !rebound)
			f->settle--;
	}
	sample_block(f, &c);
	sample_net(f, &c);
	sample_irqs(m, f, &c, cpus_changed);
	if (slow || r->first)
		sample_affinity(m, f);
	sample_aer(f, &c);
	r->ctr = c;
	r->reset = 0;
	if (f->have_prev)
		iov_mon_rates_compute(&f->prev, &c, m->now_ns - f->prev_ns, &r->rate, &r->reset);
	else
		iov_mon_rates_unknown(&r->rate);
	apply_vf_stats(f);
	r->state = state_of(r);
	r->link_degraded = link_known(&r->link) && link_is_degraded(f);
	if (!r->first)
		detect(m, f, &old, &oc, had_prev);
	else if (link_known(&r->link))
		f->seen_degraded = link_is_degraded(f);
	f->prev = c;
	f->prev_ns = m->now_ns;
	f->have_prev = true;
	r->first = false;
}

/* ---- the set of functions ------------------------------------------------ */

static bool selected(const struct iov_mon *m, const struct fn *f)
{
	struct iov_bdf pf;
	size_t i;

	if (!m->opts.nselect)
		return true;
	for (i = 0; i < m->opts.nselect; i++) {
		if (iov_bdf_cmp(&m->select[i], &f->row.bdf) == 0)
			return true;
		if (f->row.physfn[0] && iov_bdf_parse(f->row.physfn, &pf) == 0 &&
		    iov_bdf_cmp(&m->select[i], &pf) == 0)
			return true;
	}
	return false;
}

static int cmp_fn(const void *a, const void *b)
{
	const struct fn *const *x = a, *const *y = b;

	return iov_bdf_cmp(&(*x)->row.bdf, &(*y)->row.bdf);
}

static struct fn *find_fn(const struct iov_mon *m, const struct iov_bdf *bdf)
{
	size_t lo = 0, hi = m->nfn;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = iov_bdf_cmp(&m->fn[mid]->row.bdf, bdf);

		if (!c)
			return m->fn[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

static int add_fn(struct iov_mon *m, struct fn *f)
{
	struct fn **n = realloc(m->fn, (m->nfn + 1) * sizeof(*n));

	if (!n)
		return -ENOMEM;
	m->fn = n;
	m->fn[m->nfn++] = f;
	return 0;
}

/*
 * One readdir of bus/pci/devices: new functions are added (and an event
 * raised after the first sample); those missing are marked gone. A gone
 * function is dropped one refresh later; one that comes back is new.
 */
static int scan_functions(struct iov_mon *m, bool *changed)
{
	struct fn **added = NULL;
	size_t nadded = 0, i, j;
	struct dirent *de;
	int r = 0;
	DIR *d;

	/* drop what was gone at the previous refresh */
	*changed = !m->samples;
	for (i = j = 0; i < m->nfn; i++) {
		if (m->fn[i]->gone)
			fn_free(m->fn[i]);
		else
			m->fn[j++] = m->fn[i];
	}
	*changed |= j != m->nfn;
	m->nfn = j;
	for (i = 0; i < m->nfn; i++)
		m->fn[i]->seen = false;
	d = opendir(m->devices);
	if (!d)
		return m->samples ? 0 : -errno;	/* all gone is an event, not an error */
	while ((de = readdir(d))) {
		struct iov_bdf bdf;
		struct fn *f, **n;

		if (de->d_name[0] == '.' || !iov_bdf_canonical(de->d_name, &bdf))
			continue;
		f = find_fn(m, &bdf);
		if (f) {
			f->seen = true;
			continue;
		}
		f = fn_new(m, de->d_name, &bdf);
		if (!f)
			continue;
		n = selected(m, f) ? realloc(added, (nadded + 1) * sizeof(*n)) : NULL;
		if (!n) {
			fn_free(f);
			continue;
		}
		added = n;
		added[nadded++] = f;
	}
	closedir(d);
	for (i = 0; i < m->nfn; i++) {
		struct fn *f = m->fn[i];

		if (f->seen)
			continue;
		f->gone = true;
		f->row.state = IOV_MON_STATE_GONE;
		iov_mon_rates_unknown(&f->row.rate);
		fn_close(f);
		ev_str(m, IOV_MON_EV_REMOVE, f, "", "", "function disappeared");
	}
	/* new ones join after the lookups above, in address order */
	if (nadded > 1)
		qsort(added, nadded, sizeof(*added), cmp_fn);
	for (i = 0; i < nadded; i++) {
		if (r < 0 || add_fn(m, added[i]) < 0) {
			fn_free(added[i]);
			r = -ENOMEM;
			continue;
		}
		if (m->samples)
			ev_str(m, IOV_MON_EV_ADD, added[i], "", "", "function appeared");
	}
	free(added);
	if (nadded)
		qsort(m->fn, m->nfn, sizeof(*m->fn), cmp_fn);
	*changed |= nadded > 0;
	return r;
}

/* The VF index of each VF: which virtfnN link of its PF names it. */
static void link_vfs(struct iov_mon *m)
{
	size_t i;

	for (i = 0; i < m->nfn; i++) {
		free(m->fn[i]->row.vfs);
		m->fn[i]->row.vfs = NULL;
		m->fn[i]->row.nvfs = 0;
		m->fn[i]->row.pf = NULL;
	}
	for (i = 0; i < m->nfn; i++) {
		struct iov_mon_row *r = &m->fn[i]->row, **n;
		struct iov_bdf pb;
		struct fn *pf;

		if (r->role != IOV_MON_ROLE_VF || iov_bdf_parse(r->physfn, &pb) < 0)
			continue;
		pf = find_fn(m, &pb);
		if (!pf)
			continue;
		r->pf = &pf->row;
		n = realloc(pf->row.vfs, (pf->row.nvfs + 1) * sizeof(*n));
		if (!n)
			continue;
		pf->row.vfs = n;
		n[pf->row.nvfs++] = r;
	}
}

/* A VF shown without its PF: its index from the PF's virtfnN links, through physfn. */
static void vf_index_via_physfn(struct fn *f)
{
	char dir[PATH_MAX], name[IOV_BDF_STRLEN];
	struct dirent *de;
	DIR *d;

	if (snprintf(dir, sizeof(dir), "%s/physfn", f->dir) >= (int)sizeof(dir) || !(d = opendir(dir)))
		return;
	while ((de = readdir(d))) {
		unsigned idx;
		int n = 0;

		if (sscanf(de->d_name, "virtfn%u%n", &idx, &n) == 1 && !de->d_name[n] &&
		    read_link_base(dir, de->d_name, name, sizeof(name)) == 0 &&
		    strcmp(name, f->row.addr) == 0) {
			f->row.vf_index = idx;
			break;
		}
	}
	closedir(d);
}

static void find_vf_indexes(struct iov_mon *m)
{
	size_t i;

	for (i = 0; i < m->nfn; i++) {
		struct fn *f = m->fn[i];

		if (f->row.role == IOV_MON_ROLE_VF && !f->row.pf && f->row.vf_index < 0 && !f->gone)
			vf_index_via_physfn(f);
	}

	for (i = 0; i < m->nfn; i++) {
		struct fn *f = m->fn[i];
		struct dirent *de;
		DIR *d;

		if (f->row.role != IOV_MON_ROLE_PF || f->gone || !f->row.nvfs)
			continue;
		d = opendir(f->dir);
		if (!d)
			continue;
		while ((de = readdir(d))) {
			char name[IOV_BDF_STRLEN];
			struct iov_bdf b;
			struct fn *vf;
			unsigned idx;
			int n = 0;

			if (sscanf(de->d_name, "virtfn%u%n", &idx, &n) != 1 || de->d_name[n] ||
			    read_link_base(f->dir, de->d_name, name, sizeof(name)) < 0 ||
			    !iov_bdf_canonical(name, &b))
				continue;
			vf = find_fn(m, &b);
			if (vf)
				vf->row.vf_index = idx;
		}
		closedir(d);
	}
}

static enum iov_mon_col g_sort;

static int cmp_rows(const void *a, const void *b)
{
	const struct iov_mon_row *const *x = a, *const *y = b;

	return iov_mon_row_cmp(*x, *y, g_sort);
}

static int cmp_vf_rows(const void *a, const void *b)
{
	const struct iov_mon_row *const *x = a, *const *y = b;

	if (g_sort == IOV_MON_COL_ADDRESS || g_sort == IOV_MON_COL_ROLE) {
		if ((*x)->vf_index != (*y)->vf_index)
			return (*x)->vf_index < (*y)->vf_index ? -1 : 1;
	}
	return iov_mon_row_cmp(*x, *y, g_sort);
}

/* PF sums, then the display order: top rows sorted, each PF's VFs under it. */
static int build_order(struct iov_mon *m)
{
	struct iov_mon_row **top, **o;
	size_t i, j, ntop = 0, n = 0;

	for (i = 0; i < m->nfn; i++) {
		struct iov_mon_row *r = &m->fn[i]->row;

		r->sum = r->rate;
		for (j = 0; j < r->nvfs; j++)
			iov_mon_rates_add(&r->sum, &r->vfs[j]->rate);
	}
	o = realloc(m->order, (m->nfn ? m->nfn : 1) * sizeof(*o));
	if (!o)
		return -ENOMEM;
	m->order = o;
	top = malloc((m->nfn ? m->nfn : 1) * sizeof(*top));
	if (!top)
		return -ENOMEM;
	for (i = 0; i < m->nfn; i++)
		if (!m->fn[i]->row.pf)
			top[ntop++] = &m->fn[i]->row;
	g_sort = m->sort;
	if (ntop > 1)
		qsort(top, ntop, sizeof(*top), cmp_rows);
	for (i = 0; i < ntop; i++) {
		struct iov_mon_row *r = top[i];

		o[n++] = r;
		if (r->nvfs > 1)
			qsort(r->vfs, r->nvfs, sizeof(*r->vfs), cmp_vf_rows);
		for (j = 0; j < r->nvfs; j++)
			o[n++] = r->vfs[j];
	}
	free(top);
	m->norder = n;
	return 0;
}

/* ---- /proc/interrupts ---------------------------------------------------- */

static int read_interrupts(struct iov_mon *m, bool *cpus_changed)
{
	size_t used = 0;
	ssize_t n;
	int r;

	*cpus_changed = false;
	if (m->fd_interrupts < 0)
		return 0;
	for (;;) {
		if (used + 4096 > m->buflen) {
			size_t len = m->buflen ? m->buflen * 2 : 65536;
			char *b = realloc(m->buf, len);

			if (!b)
				return -ENOMEM;
			m->buf = b;
			m->buflen = len;
		}
		n = pread(m->fd_interrupts, m->buf + used, m->buflen - used - 1, used);
		if (n < 0)
			return 0;
		if (n == 0)
			break;
		used += n;
	}
	m->buf[used] = '\0';
	r = iov_mon_irqtab_parse(&m->irq, m->buf);
	if (r < 0)
		return r == -ENOMEM ? r : 0;
	if (m->irq.ncpu != m->irq_ncpu_prev ||
	    (m->irq_cpu_prev && memcmp(m->irq.cpu, m->irq_cpu_prev, m->irq.ncpu * sizeof(unsigned)))) {
		unsigned *p = realloc(m->irq_cpu_prev, m->irq.ncpu * sizeof(*p));

		if (!p && m->irq.ncpu)
			return -ENOMEM;
		if (m->irq.ncpu)
			memcpy(p, m->irq.cpu, m->irq.ncpu * sizeof(*p));
		m->irq_cpu_prev = p;
		/* a CPU went on- or offline: counts restart from this sample */
		*cpus_changed = m->irq_ncpu_prev != 0;
		m->irq_ncpu_prev = m->irq.ncpu;
	}
	return 0;
}

/* ---- exported ------------------------------------------------------------ */

int iov_mon_open(struct iov_ctx *ctx, const struct iov_mon_opts *opts, struct iov_mon **out)
{
	struct iov_mon *m = calloc(1, sizeof(*m));
	char p[PATH_MAX];
	size_t max;

	if (!m)
		return -ENOMEM;
	m->ctx = ctx;
	if (opts)
		m->opts = *opts;
	if (!m->opts.slow_every)
		m->opts.slow_every = 5;
	max = m->opts.events_max ? m->opts.events_max : 1000;
	m->ev = calloc(max, sizeof(*m->ev));
	if (m->opts.nselect) {
		m->select = malloc(m->opts.nselect * sizeof(*m->select));
		if (m->select)
			memcpy(m->select, m->opts.select, m->opts.nselect * sizeof(*m->select));
	}
	if (!m->ev || (m->opts.nselect && !m->select) ||
	    iov_sysfs_path(ctx, m->devices, sizeof(m->devices), "bus/pci/devices") < 0) {
		iov_mon_close(m);
		return -ENOMEM;
	}
	m->fd_interrupts = -1;
	if (iov_ctx_proc_root(ctx) && iov_proc_path(ctx, p, sizeof(p), "interrupts") == 0)
		m->fd_interrupts = open(p, O_RDONLY | O_CLOEXEC);
	*out = m;
	return 0;
}

void iov_mon_close(struct iov_mon *m)
{
	size_t i;

	if (!m)
		return;
	for (i = 0; i < m->nfn; i++)
		fn_free(m->fn[i]);
	free(m->fn);
	free(m->order);
	free(m->ev);
	free(m->vfst);
	free(m->select);
	free(m->buf);
	free(m->irq_cpu_prev);
	iov_mon_irqtab_free(&m->irq);
	if (m->fd_interrupts >= 0)
		close(m->fd_interrupts);
	free(m);
}

static uint64_t clock_ns(clockid_t id)
{
	struct timespec ts;

	clock_gettime(id, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

int iov_mon_refresh_at(struct iov_mon *m, uint64_t mono_ns)
{
	uint64_t cpu0 = clock_ns(CLOCK_PROCESS_CPUTIME_ID);
	bool changed, cpus_changed;
	size_t i;
	int r;

	m->prev_sample_ns = m->now_ns;
	m->now_ns = mono_ns;
	m->nnew = 0;
	r = scan_functions(m, &changed);
	if (r < 0)
		return r;
	r = read_interrupts(m, &cpus_changed);
	if (r < 0)
		return r;
	for (i = 0; i < m->nfn; i++)
		if (!m->fn[i]->gone)
			sample_fn(m, m->fn[i], (i + m->samples) % m->opts.slow_every == 0,
				  (i + m->samples) % (6 * m->opts.slow_every) == 0, cpus_changed);
	if (changed) {
		link_vfs(m);
		find_vf_indexes(m);
	}
	poll_vf_stats(m);
	r = build_order(m);
	m->samples++;
	m->last_cost_ns = clock_ns(CLOCK_PROCESS_CPUTIME_ID) - cpu0;
	return r;
}

int iov_mon_refresh(struct iov_mon *m)
{
	return iov_mon_refresh_at(m, clock_ns(CLOCK_MONOTONIC));
}

unsigned iov_mon_samples(const struct iov_mon *m)
{
	return m->samples;
}

uint64_t iov_mon_last_ns(const struct iov_mon *m)
{
	return m->now_ns;
}

uint64_t iov_mon_last_cost_ns(const struct iov_mon *m)
{
	return m->last_cost_ns;
}

double iov_mon_interval(const struct iov_mon *m)
{
	return m->samples >= 2 ? (m->now_ns - m->prev_sample_ns) / 1e9 : 0;
}

size_t iov_mon_nrows(const struct iov_mon *m)
{
	return m->norder;
}

struct iov_mon_row *iov_mon_row_at(const struct iov_mon *m, size_t i)
{
	return i < m->norder ? m->order[i] : NULL;
}

struct iov_mon_row *iov_mon_find(const struct iov_mon *m, const struct iov_bdf *bdf)
{
	struct fn *f = find_fn(m, bdf);

	return f ? &f->row : NULL;
}

void iov_mon_set_sort(struct iov_mon *m, enum iov_mon_col c)
{
	if ((unsigned)c >= IOV_MON_NCOLS)
		return;
	m->sort = c;
	build_order(m);
}

enum iov_mon_col iov_mon_sort(const struct iov_mon *m)
{
	return m->sort;
}

void iov_mon_totals(const struct iov_mon *m, struct iov_mon_totals *out)
{
	size_t i;

	memset(out, 0, sizeof(*out));
	for (i = 0; i < m->nfn; i++) {
		const struct iov_mon_row *r = &m->fn[i]->row;

		if (m->fn[i]->gone)
			continue;
		if (r->role == IOV_MON_ROLE_PF)
			out->pfs++;
		else if (r->role == IOV_MON_ROLE_VF)
			out->vfs++;
		else
			out->other++;
	}
}

const struct iov_mon_event *iov_mon_events(const struct iov_mon *m, size_t *n, size_t *nnew)
{
	*n = m->nev;
	if (nnew)
		*nnew = m->nnew;
	return m->ev;
}
