// SPDX-License-Identifier: GPL-2.0-or-later
/* iovctl topology: the tree as a libsmartcols table. */
#include "config.h"

#include <errno.h>
#include <libsmartcols.h>
#include <stdio.h>
#include <string.h>

#include "output.h"
#include "topology.h"

/* ---- text (libsmartcols) -------------------------------------------------- */

struct text_out {
	struct libscols_table *tb;	/* the table of ot */
	struct out_table *ot;
	const struct topo_opts *o;
	const struct iov_topo *t;
};

/* "2.5 GT/s x1"; "-" when neither is known */
static void link_text(char *buf, size_t len, double gts, int width)
{
	if (gts > 0 || width > 0)
		out_fmt_link(buf, len, gts, width);
	else
		snprintf(buf, len, "-");
}

static int set_cell(struct text_out *to, struct libscols_line *ln, unsigned i, const char *s,
		    const char *color)
{
	int r = scols_line_set_data(ln, i, s);

	if (r == 0 && color && to->o->color)
		r = scols_cell_set_color(scols_line_get_cell(ln, i), color);
	return r;
}

static int text_cell(struct text_out *to, struct libscols_line *ln, unsigned i,
		     const struct iov_topo_node *n)
{
	const struct iov_dev *d = n->dev;
	char buf[256];
	const char *color = NULL;

	buf[0] = '\0';
	switch (to->o->cols[i]) {
	case COL_ADDRESS:
		return set_cell(to, ln, i, n->name, topo_has_problem(n) ? "red" : NULL);
	case COL_TYPE:
		return set_cell(to, ln, i, topo_kind_text(n->kind), NULL);
	case COL_NAME:
		if (n->kind == IOV_TOPO_UNCAPTURED)
			snprintf(buf, sizeof(buf), "bridge in the device path, not in bus/pci/devices");
		else if (!d)
			snprintf(buf, sizeof(buf), "domain %04x bus %02x", n->domain, n->bus);
		else if (d->device_name)
			snprintf(buf, sizeof(buf), "%s", d->device_name);
		else
			snprintf(buf, sizeof(buf), "[%04x:%04x]", d->vendor, d->device);
		break;
	case COL_VENDOR:
		if (d)
			snprintf(buf, sizeof(buf), "%s", d->vendor_name ? d->vendor_name : "-");
		break;
	case COL_ID:
		if (d)
			snprintf(buf, sizeof(buf), "%04x:%04x", d->vendor, d->device);
		break;
	case COL_DRIVER:
		if (d)
			snprintf(buf, sizeof(buf), "%s", d->driver ? d->driver : "-");
		break;
	case COL_NUMA:
		if (n->numa_node >= 0)
			snprintf(buf, sizeof(buf), "%d", n->numa_node);
		else
			snprintf(buf, sizeof(buf), "-");
		break;
	case COL_GROUP:
		if (!d)
			break;
		if (d->iommu_group < 0)
			snprintf(buf, sizeof(buf), "-");
		else
			snprintf(buf, sizeof(buf), "%d%s", d->iommu_group,
				 n->ngroup_shared ? " shared" : "");
		if (n->ngroup_shared)
			color = "red";
		break;
	case COL_LINK:
		if (!d || !n->link.applies)
			break;
		link_text(buf, sizeof(buf), n->link.speed_gts, n->link.width);
		if (n->link.downtrained) {
			strcat(buf, " (down)");
			color = "yellow";
		} else if (n->link.downtrained_unknown) {
			strcat(buf, " (down?)");
			color = "yellow";
		}
		break;
	case COL_MAXLINK:
		if (d && n->link.applies)
			link_text(buf, sizeof(buf), n->link.max_speed_gts, n->link.max_width);
		break;
	case COL_BOTTLENECK:
		if (n->bottleneck_gbps > 0) {
			int off = strlen(out_fmt_rate(buf, sizeof(buf), n->bottleneck_gbps * 1e9));

			if (n->bottleneck_at != n &&
			    !(n->kind == IOV_TOPO_VF && n->bottleneck_at == n->parent))
				snprintf(buf + off, sizeof(buf) - off, " at %s", n->bottleneck_at->name);
		} else if ((n->kind == IOV_TOPO_ENDPOINT || n->kind == IOV_TOPO_PF ||
			    n->kind == IOV_TOPO_VF) && n->link.applies) {
			snprintf(buf, sizeof(buf), "-");	/* a hop nobody reports */
		}
		break;
	case COL_ACS:
		topo_acs_text(buf, sizeof(buf), n, true);
		if (n->acs == IOV_ACS_NONE || n->acs == IOV_ACS_GAP)
			color = "red";
		break;
	}
	return set_cell(to, ln, i, buf, color);
}

/*
 * The collapsed VFs of a PF as one row, named as VFs are everywhere
 * ("0000:81:00.0/vf0-63"), with "60 vfio-pci, 4 unbound".
 */
static int text_vf_row(struct text_out *to, struct libscols_line *parent,
		       const struct iov_topo_node *pf)
{
	struct iov_vf_summary s;
	struct libscols_line *ln;
	char buf[256];
	unsigned i;
	int r = 0;

	iov_topo_vf_summary(pf, &s);
	if (!s.n)
		return 0;
	ln = scols_table_new_line(to->tb, parent);
	if (!ln)
		return -ENOMEM;
	for (i = 0; i < to->o->ncols && r == 0; i++) {
		const char *color = NULL;

		buf[0] = '\0';
		switch (to->o->cols[i]) {
		case COL_ADDRESS:
			out_fmt_vf_range(buf, sizeof(buf), pf->name, s.first_index, s.last_index);
			if (s.shared)
				color = "red";
			break;
		case COL_TYPE:
			snprintf(buf, sizeof(buf), "%u VFs", s.n);
			break;
		case COL_DRIVER:
			topo_vf_drivers_text(buf, sizeof(buf), &s);
			break;
		case COL_NUMA:
			if (s.numa_mixed)
				snprintf(buf, sizeof(buf), "mixed");
			else if (s.numa_node >= 0)
				snprintf(buf, sizeof(buf), "%d", s.numa_node);
			else
				snprintf(buf, sizeof(buf), "-");
			break;
		case COL_GROUP:
			topo_vf_groups_text(buf, sizeof(buf), &s);
			if (s.shared)
				color = "red";
			break;
		case COL_BOTTLENECK:
			if (pf->bottleneck_gbps > 0)
				out_fmt_rate(buf, sizeof(buf), pf->bottleneck_gbps * 1e9);
			else
				snprintf(buf, sizeof(buf), "-");
			break;
		}
		r = set_cell(to, ln, i, buf, color);
	}
	return r;
}

static int text_node(struct text_out *to, struct libscols_line *parent,
		     const struct iov_topo_node *n)
{
	struct libscols_line *ln;
	unsigned i;
	int r = 0;

	if (!n->selected)
		return 0;
	ln = scols_table_new_line(to->tb, parent);
	if (!ln)
		return -ENOMEM;
	for (i = 0; i < to->o->ncols && r == 0; i++)
		r = text_cell(to, ln, i, n);
	for (i = 0; i < n->nchild && r == 0; i++)
		if (!topo_vfs_collapsed(to->o, n->child[i]))
			r = text_node(to, ln, n->child[i]);
	if (r == 0 && !to->o->vfs && n->nvfs)
		r = text_vf_row(to, ln, n);
	return r;
}

int topo_print_text(const struct iov_topo *t, const struct topo_opts *o)
{
	struct text_out to = { .o = o, .t = t };
	unsigned i;
	int r = -ENOMEM;

	to.ot = out_table_new(o->width, o->ascii, o->color);
	if (!to.ot)
		return -ENOMEM;
	to.tb = out_table_scols(to.ot);
	for (i = 0; i < o->ncols; i++) {
		const struct colinfo *ci = &topo_colinfo[o->cols[i]];

		if (!out_table_add_column(to.ot, ci->name, ci->whint, ci->flags, ci->drop))
			goto out;
	}
	r = 0;
	for (i = 0; i < t->nhost && r == 0; i++)
		if (!t->host[i]->parent)
			r = text_node(&to, NULL, t->host[i]);
	if (r == 0)
		r = out_table_print(to.ot, stdout);
out:
	out_table_free(to.ot);
	return r;
}
