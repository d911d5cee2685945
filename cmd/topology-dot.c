// SPDX-License-Identifier: GPL-2.0-or-later
/* iovctl topology: Graphviz DOT, one cluster per NUMA node. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "output.h"
#include "topology.h"

/* ---- DOT ------------------------------------------------------------------ */

static void dot_str(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			fputc('\\', f);
		fputc(*s, f);
	}
	fputc('"', f);
}

/* the node id of a PF's collapsed VFs */
static void dot_vfs_id(FILE *f, const struct iov_topo_node *pf)
{
	fprintf(f, "\"%s/vfs\"", pf->name);
}

/* "\nNAME", escaped for a DOT string, cut at a word boundary near 40 chars */
static void dot_label_name(char *buf, size_t len, const char *name)
{
	size_t off = strlen(buf), n = 0, cut = 0;
	const char *p;

	for (p = name; *p && n < 40; p++, n++)
		if (*p == ' ')
			cut = n;
	if (!*p)
		cut = n;
	else if (!cut)
		cut = 40;
	if (off + 2 * cut + 8 >= len)
		return;
	buf[off++] = '\\';
	buf[off++] = 'n';
	for (n = 0; n < cut; n++) {
		if (name[n] == '"' || name[n] == '\\')
			buf[off++] = '\\';
		buf[off++] = name[n];
	}
	if (name[cut])
		off += snprintf(buf + off, len - off, "...");
	buf[off] = '\0';
}

static void dot_node(FILE *f, const struct topo_opts *o, const struct iov_topo_node *n)
{
	const struct iov_dev *d = n->dev;
	char label[512], tmp[128];

	snprintf(label, sizeof(label), "%s\\n%s", n->name, topo_kind_text(n->kind));
	if (d) {
		if (d->device_name)
			dot_label_name(label, sizeof(label), d->device_name);
		topo_str_append(label, sizeof(label), "\\ndriver %s", d->driver ? d->driver : "-");
		if (d->iommu_group >= 0) {
			snprintf(tmp, sizeof(tmp), "%d%s", d->iommu_group,
				 n->ngroup_shared ? " (shared)" : "");
			topo_str_append(label, sizeof(label), "\\ngroup %s", tmp);
		}
		if (n->acs != IOV_ACS_NA && n->acs != IOV_ACS_OK) {
			topo_acs_text(tmp, sizeof(tmp), n, false);
			topo_str_append(label, sizeof(label), "\\nACS %s", tmp);
		}
		if (n->bottleneck_gbps > 0 && n->kind != IOV_TOPO_VF) {
			out_fmt_rate(tmp, sizeof(tmp), n->bottleneck_gbps * 1e9);
			topo_str_append(label, sizeof(label), "\\nbottleneck %s", tmp);
		}
	}
	fputs("\t\t", f);
	dot_str(f, n->name);
	fputs(" [label=", f);
	/* labels carry \n escapes: write them unquoted-escaped */
	fprintf(f, "\"%s\"", label);
	if (n->kind == IOV_TOPO_UNCAPTURED)
		fputs(", style=dashed", f);
	else if (!d)
		fputs(", shape=box3d", f);
	if (topo_has_problem(n))
		fputs(", color=red, fontcolor=red", f);
	fputs("];\n", f);
}

static void dot_vfs_node(FILE *f, const struct iov_topo_node *pf)
{
	struct iov_vf_summary s;
	char label[512], vfs[OUT_VF_RANGE_LEN], groups[64];

	iov_topo_vf_summary(pf, &s);
	snprintf(label, sizeof(label), "%s\\n",
		 out_fmt_vf_range(vfs, sizeof(vfs), pf->name, s.first_index, s.last_index));
	topo_vf_drivers_text(label, sizeof(label), &s);
	if (s.group_min >= 0) {
		topo_vf_groups_text(groups, sizeof(groups), &s);
		topo_str_append(label, sizeof(label), "\\ngroups %s", groups);
	}
	fputs("\t\t", f);
	dot_vfs_id(f, pf);
	fprintf(f, " [label=\"%s\", shape=folder%s];\n", label,
		s.shared ? ", color=red, fontcolor=red" : "");
}

/* the cluster of a PF's collapsed VFs: their common node, else unknown */
static int vfs_numa(const struct iov_topo_node *pf)
{
	struct iov_vf_summary s;

	iov_topo_vf_summary(pf, &s);
	return s.numa_mixed ? -1 : s.numa_node;
}

/* Nodes of one NUMA node (or unknown: -1) and the collapsed VF boxes there. */
static void dot_cluster_nodes(FILE *f, const struct iov_topo *t, const struct topo_opts *o,
			      int numa)
{
	size_t i;

	for (i = 0; i < t->n; i++) {
		const struct iov_topo_node *n = &t->node[i];

		if (!n->selected || topo_vfs_collapsed(o, n) || !iov_topo_node_used(t, i))
			continue;
		if (n->numa_node == numa)
			dot_node(f, o, n);
		if (!o->vfs && n->nvfs && vfs_numa(n) == numa)
			dot_vfs_node(f, n);
	}
}

static void dot_edges(FILE *f, const struct topo_opts *o, const struct iov_topo_node *n)
{
	unsigned i;

	for (i = 0; i < n->nchild; i++) {
		const struct iov_topo_node *c = n->child[i];
		char lab[64] = "";
		const struct iov_topo_link *l = &c->link;

		if (!c->selected || topo_vfs_collapsed(o, c))
			continue;
		if (c->kind != IOV_TOPO_VF && !l->known && n->dev &&
		    (n->kind == IOV_TOPO_ROOT_PORT || n->kind == IOV_TOPO_SWITCH_DOWN))
			l = &n->link;	/* the port reports the same link */
		if (c->kind != IOV_TOPO_VF && (n->dev || n->kind == IOV_TOPO_UNCAPTURED) && l->known)
			out_fmt_link(lab, sizeof(lab), l->speed_gts, l->width);
		fprintf(f, "\t\"%s\" -> \"%s\"", n->name, c->name);
		if (lab[0])
			fprintf(f, " [label=\"%s%s\"%s]", lab,
				l->downtrained ? " (down)" : l->downtrained_unknown ? " (down?)" : "",
				l->downtrained ? ", color=red, fontcolor=red" : "");
		if (c->kind == IOV_TOPO_VF)
			fputs(" [style=dashed]", f);
		fputs(";\n", f);
		dot_edges(f, o, c);
	}
	if (!o->vfs && n->nvfs) {
		fprintf(f, "\t\"%s\" -> ", n->name);
		dot_vfs_id(f, n);
		fputs(" [style=dashed];\n", f);
	}
}

static bool cluster_used(const struct iov_topo *t, const struct topo_opts *o, int numa)
{
	size_t i;

	for (i = 0; i < t->n; i++) {
		const struct iov_topo_node *n = &t->node[i];

		if (!n->selected || !iov_topo_node_used(t, i) || topo_vfs_collapsed(o, n))
			continue;
		if (n->numa_node == numa || (!o->vfs && n->nvfs && vfs_numa(n) == numa))
			return true;
	}
	return false;
}

int topo_print_dot(const struct iov_topo *t, const struct topo_opts *o)
{
	int nodes = t->list->numa_nodes, numa, max = -1;
	size_t i;

	for (i = 0; i < t->n; i++)
		if (t->node[i].numa_node > max)
			max = t->node[i].numa_node;
	if (nodes - 1 > max)
		max = nodes - 1;
	printf("digraph topology {\n"
	       "\tgraph [rankdir=LR, fontname=\"Helvetica\"];\n"
	       "\tnode [shape=box, fontname=\"Helvetica\", fontsize=10];\n"
	       "\tedge [fontname=\"Helvetica\", fontsize=9];\n");
	for (numa = -1; numa <= max; numa++) {
		if (!cluster_used(t, o, numa))
			continue;
		if (numa < 0)
			printf("\tsubgraph \"cluster_numa_unknown\" {\n"
			       "\t\tlabel=\"NUMA node unknown\";\n\t\tstyle=dashed;\n");
		else
			printf("\tsubgraph \"cluster_numa_%d\" {\n\t\tlabel=\"NUMA node %d\";\n",
			       numa, numa);
		dot_cluster_nodes(stdout, t, o, numa);
		printf("\t}\n");
	}
	for (i = 0; i < t->nhost; i++)
		if (t->host[i]->selected && !t->host[i]->parent)
			dot_edges(stdout, o, t->host[i]);
	printf("}\n");
	return 0;
}
