// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Converged adapters: the functions of one card (same domain:bus:device,
 * confirmed by equal device serial numbers), and the storage and RDMA
 * children the kernel hangs below a function: fc_host and scsi_host
 * (hostN/...), InfiniBand/RoCE ports (infiniband/<dev>/ports/<n>).
 */
#include "iov-private.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int entries(struct iov_ctx *ctx, const char *rel, const char *prefix, struct dirent ***ents);
static void free_entries(struct dirent **e, int n);
static bool is_dir(struct iov_ctx *ctx, const char *rel);

static bool same_card(const struct iov_dev *a, const struct iov_dev *b)
{
	if (a->bdf.domain != b->bdf.domain)
		return false;
	if (a->bdf.bus == b->bdf.bus && a->bdf.dev == b->bdf.dev)
		return true;
	return a->slot[0] && strcmp(a->slot, b->slot) == 0;
}

static bool card_member(const struct iov_dev *d)
{
	return !d->is_vf && !d->is_bridge;
}

/* serials of the functions: equal where present, known where all have one kind */
static void compare_serials(struct iov_adapter *out)
{
	const struct iov_dev *first_dsn = NULL, *first_vpd = NULL;
	bool all_dsn = true, all_vpd = true;
	unsigned i;

	out->serial_equal = true;
	for (i = 0; i < out->n; i++) {
		const struct iov_dev *f = out->fn[i];

		all_dsn &= f->c.dsn.present;
		all_vpd &= f->vpd_sn[0] != '\0';
		if (f->c.dsn.present) {
			if (!first_dsn)
				first_dsn = f;
			else if (out->serial_equal && f->c.dsn.serial != first_dsn->c.dsn.serial) {
				out->serial_equal = false;
				out->differ[0] = first_dsn;
				out->differ[1] = f;
			}
		}
		if (f->vpd_sn[0]) {
			if (!first_vpd)
				first_vpd = f;
			else if (out->serial_equal && strcmp(f->vpd_sn, first_vpd->vpd_sn) != 0) {
				out->serial_equal = false;
				out->differ[0] = first_vpd;
				out->differ[1] = f;
				out->differ_vpd = true;
			}
		}
	}
	out->serial_known = all_dsn || all_vpd;
	out->by_vpd = !all_dsn && all_vpd;
}

int iov_adapter_of(const struct iov_devlist *list, const struct iov_dev *d,
		   struct iov_adapter *out)
{
	size_t i;

	memset(out, 0, sizeof(*out));
	if (!card_member(d))
		return 0;
	for (i = 0; i < list->n; i++) {
		struct iov_dev *o = list->dev[i];

		if (!card_member(o) || !same_card(o, d))
			continue;
		if (out->n < IOV_ADAPTER_MAX_FNS)
			out->fn[out->n++] = o;
		if (o->slot[0] && !out->slot)
			out->slot = o->slot;
	}
	/* one function is no adapter to speak of */
	if (out->n < 2) {
		out->n = 0;
		out->slot = NULL;
		return 0;
	}
	compare_serials(out);
	return 0;
}

static void assign_slot(struct iov_devlist *list, const char *name, const struct iov_bdf *at,
			bool whole_bus)
{
	size_t i;

	for (i = 0; i < list->n; i++) {
		struct iov_dev *d = list->dev[i];

		if (!card_member(d) || d->bdf.domain != at->domain || d->bdf.bus != at->bus ||
		    (!whole_bus && d->bdf.dev != at->dev))
			continue;
		snprintf(d->slot, sizeof(d->slot), "%.31s", name);
	}
}

static void read_slots(struct iov_ctx *ctx, struct iov_devlist *list)
{
	struct dirent **e;
	int n, i;

	n = entries(ctx, "bus/pci/slots", "", &e);
	for (i = 0; i < n; i++) {
		char addr[64];
		struct iov_bdf at;
		bool whole;

		/* a name too long to show whole would group by a cut name */
		if (strlen(e[i]->d_name) >= sizeof(list->dev[0]->slot) ||
		    iov_sysfs_read_str(ctx, addr, sizeof(addr), "bus/pci/slots/%s/address",
				       e[i]->d_name) < 0 ||
		    iov_slot_address_parse(addr, &at, &whole) < 0)
			continue;
		assign_slot(list, e[i]->d_name, &at, whole);
	}
	free_entries(e, n);
}

int iov_adapters_prepare(struct iov_ctx *ctx, struct iov_devlist *list)
{
	size_t i, j;

	read_slots(ctx, list);
	for (i = 0; i < list->n; i++) {
		struct iov_dev *d = list->dev[i];

		if (!card_member(d) || d->c.dsn.present)
			continue;
		for (j = 0; j < list->n; j++) {
			struct iov_dev *o = list->dev[j];

			if (o != d && card_member(o) && same_card(o, d))
				break;
		}
		/* reading VPD is slow on some devices: only where it confirms a card */
		if (j < list->n &&
		    iov_vpd_read_serial(ctx, d, d->vpd_sn, sizeof(d->vpd_sn)) < 0)
			d->vpd_sn[0] = '\0';
	}
	return 0;
}

/* a serial of all zeros or all ones is a blank EEPROM, not an identity */
static bool card_function(const struct iov_dev *d)
{
	return !d->is_vf && !d->is_bridge && d->c.dsn.present && d->c.dsn.serial != 0 &&
	       d->c.dsn.serial != UINT64_MAX;
}

unsigned iov_same_serial_elsewhere(const struct iov_devlist *list, const struct iov_dev *d,
				   const struct iov_dev **out, unsigned max)
{
	unsigned n = 0;
	size_t i;

	if (!card_function(d))
		return 0;
	for (i = 0; i < list->n; i++) {
		const struct iov_dev *o = list->dev[i];

		if (!card_function(o) || same_card(o, d) || o->c.dsn.serial != d->c.dsn.serial)
			continue;
		if (n < max)
			out[n] = o;
		n++;
	}
	return n;
}

static void read_attr(struct iov_ctx *ctx, char *buf, size_t len, const char *dir, const char *name)
{
	if (iov_sysfs_read_str(ctx, buf, len, "%s/%s", dir, name) < 0)
		buf[0] = '\0';
}

static int add_child(struct iov_children *out, const struct iov_child *c)
{
	struct iov_child *n = realloc(out->c, (out->n + 1) * sizeof(*n));

	if (!n)
		return -ENOMEM;
	out->c = n;
	n[out->n++] = *c;
	return 0;
}

/* sorted entries of dir matching prefix */
static int entries(struct iov_ctx *ctx, const char *rel, const char *prefix, struct dirent ***ents)
{
	char path[PATH_MAX];
	struct dirent **e = NULL;
	int n, i, k = 0;

	*ents = NULL;
	if (iov_sysfs_path(ctx, path, sizeof(path), "%s", rel) < 0)
		return 0;
	n = scandir(path, &e, NULL, alphasort);
	if (n < 0)
		return 0;
	for (i = 0; i < n; i++) {
		if (e[i]->d_name[0] != '.' && !strncmp(e[i]->d_name, prefix, strlen(prefix)))
			e[k++] = e[i];
		else
			free(e[i]);
	}
	*ents = e;
	return k;
}

static void free_entries(struct dirent **e, int n)
{
	int i;

	for (i = 0; i < n; i++)
		free(e[i]);
	free(e);
}

/* hostN/fc_host/hostN and hostN/scsi_host/hostN below the function */
static int read_hosts(struct iov_ctx *ctx, const char *fdir, struct iov_children *out)
{
	struct dirent **h;
	int nh, i, r = 0;

	nh = entries(ctx, fdir, "host", &h);
	for (i = 0; i < nh && r == 0; i++) {
		struct iov_child c;
		char dir[PATH_MAX];

		memset(&c, 0, sizeof(c));
		snprintf(c.name, sizeof(c.name), "%.31s", h[i]->d_name);
		snprintf(dir, sizeof(dir), "%s/%s/fc_host/%s", fdir, h[i]->d_name, c.name);
		read_attr(ctx, c.state, sizeof(c.state), dir, "port_state");
		if (c.state[0]) {
			c.kind = IOV_CHILD_FC_HOST;
			read_attr(ctx, c.port_name, sizeof(c.port_name), dir, "port_name");
			read_attr(ctx, c.node_name, sizeof(c.node_name), dir, "node_name");
			read_attr(ctx, c.speed, sizeof(c.speed), dir, "speed");
		} else {
			snprintf(dir, sizeof(dir), "%s/%s/iscsi_host/%s", fdir, h[i]->d_name, c.name);
			c.kind = is_dir(ctx, dir) ? IOV_CHILD_ISCSI_HOST : IOV_CHILD_SCSI_HOST;
			if (c.kind == IOV_CHILD_ISCSI_HOST) {
				read_attr(ctx, c.state, sizeof(c.state), dir, "port_state");
				read_attr(ctx, c.ip, sizeof(c.ip), dir, "ipaddress");
				read_attr(ctx, c.speed, sizeof(c.speed), dir, "port_speed");
			}
		}
		r = add_child(out, &c);
	}
	free_entries(h, nh);
	return r;
}

/* infiniband/<dev>/ports/<n>: state "4: ACTIVE", link_layer "Ethernet" (RoCE) */
static int read_ib(struct iov_ctx *ctx, const char *fdir, struct iov_children *out)
{
	struct dirent **d, **p;
	int nd, np, i, j, r = 0;
	char rel[128];

	snprintf(rel, sizeof(rel), "%s/infiniband", fdir);
	nd = entries(ctx, rel, "", &d);
	for (i = 0; i < nd && r == 0; i++) {
		char ports[256];

		snprintf(ports, sizeof(ports), "%s/%.64s/ports", rel, d[i]->d_name);
		np = entries(ctx, ports, "", &p);
		for (j = 0; j < np && r == 0; j++) {
			struct iov_child c;
			char dir[300];
			const char *colon;

			memset(&c, 0, sizeof(c));
			c.kind = IOV_CHILD_IB_PORT;
			snprintf(c.name, sizeof(c.name), "%.24s/%.6s", d[i]->d_name, p[j]->d_name);
			snprintf(dir, sizeof(dir), "%s/%.16s", ports, p[j]->d_name);
			read_attr(ctx, c.state, sizeof(c.state), dir, "state");
			/* "4: ACTIVE" -> "ACTIVE" */
			colon = strstr(c.state, ": ");
			if (colon)
				memmove(c.state, colon + 2, strlen(colon + 2) + 1);
			read_attr(ctx, c.link_layer, sizeof(c.link_layer), dir, "link_layer");
			r = add_child(out, &c);
		}
		free_entries(p, np);
	}
	free_entries(d, nd);
	return r;
}

static bool is_dir(struct iov_ctx *ctx, const char *rel)
{
	char path[PATH_MAX];
	struct stat st;

	return iov_sysfs_path(ctx, path, sizeof(path), "%s", rel) == 0 && stat(path, &st) == 0 &&
	       S_ISDIR(st.st_mode);
}

/* the FCFs of one controller: how many, and the first Connected one's state and fabric */
static void read_fcfs(struct iov_ctx *ctx, const char *ctlr, struct iov_child *c)
{
	struct dirent **f;
	int nf, i;

	nf = entries(ctx, ctlr, "fcf_", &f);
	for (i = 0; i < nf; i++) {
		char dir[PATH_MAX], state[32];

		if ((size_t)snprintf(dir, sizeof(dir), "%s/%s", ctlr, f[i]->d_name) >= sizeof(dir))
			continue;
		read_attr(ctx, state, sizeof(state), dir, "state");
		if (c->nfcf++ == 0 || (strcmp(state, "Connected") == 0 &&
				       strcmp(c->state, "Connected") != 0)) {
			snprintf(c->state, sizeof(c->state), "%s", state);
			read_attr(ctx, c->port_name, sizeof(c->port_name), dir, "fabric_name");
		}
	}
	free_entries(f, nf);
}

/*
 * bus/fcoe/devices/ctlr_N whose device directory is <function>/net/<netdev>/ctlr_N: FCoE runs in software (fcoe, bnx2fc,
 * qedf) on one of the function's netdevs.
 */
static int read_fcoe(struct iov_ctx *ctx, const char *fdir, struct iov_children *out)
{
	char path[PATH_MAX], fn_real[PATH_MAX], real[PATH_MAX];
	struct dirent **e;
	int n, i, r = 0;
	size_t fl;

	if (iov_sysfs_path(ctx, path, sizeof(path), "%s", fdir) < 0 || !realpath(path, fn_real))
		return 0;
	fl = strlen(fn_real);
	n = entries(ctx, "bus/fcoe/devices", "ctlr_", &e);
	for (i = 0; i < n && r == 0; i++) {
		char rel[PATH_MAX];
		struct iov_child c;
		char *slash;

		snprintf(rel, sizeof(rel), "bus/fcoe/devices/%.64s", e[i]->d_name);
		if (iov_sysfs_path(ctx, path, sizeof(path), "%s", rel) < 0 || !realpath(path, real) ||
		    strncmp(real, fn_real, fl) != 0 || strncmp(real + fl, "/net/", 5) != 0 ||
		    strchr(real + fl + 5, '/') != strrchr(real, '/'))
			continue;	/* not on this function's own netdev (a bridge's child's) */
		memset(&c, 0, sizeof(c));
		c.kind = IOV_CHILD_FCOE_CTLR;
		snprintf(c.name, sizeof(c.name), "%.31s", e[i]->d_name);
		/* the netdev: the directory above ctlr_N */
		slash = strrchr(real, '/');
		if (slash) {
			*slash = '\0';
			slash = strrchr(real, '/');
			snprintf(c.netdev, sizeof(c.netdev), "%.31s", slash ? slash + 1 : "");
		}
		read_fcfs(ctx, rel, &c);
		r = add_child(out, &c);
	}
	free_entries(e, n);
	return r;
}

int iov_children_read(struct iov_ctx *ctx, const struct iov_dev *d, struct iov_children *out)
{
	char fdir[64];
	int r;

	memset(out, 0, sizeof(*out));
	snprintf(fdir, sizeof(fdir), "bus/pci/devices/%s", d->addr);
	/* the scan saw which children there are: most functions have none */
	r = 0;
	if (iov_dev_may_have(d, IOV_DIR_HOST))
		r = read_hosts(ctx, fdir, out);
	if (r == 0 && iov_dev_may_have(d, IOV_DIR_INFINIBAND))
		r = read_ib(ctx, fdir, out);
	/* an FCoE controller hangs off one of the function's own netdevs */
	if (r == 0 && iov_dev_may_have(d, IOV_DIR_NET))
		r = read_fcoe(ctx, fdir, out);
	if (r < 0)
		iov_children_free(out);
	return r;
}

void iov_children_free(struct iov_children *c)
{
	free(c->c);
	memset(c, 0, sizeof(*c));
}
