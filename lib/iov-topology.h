/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The PCIe tree of a scanned host, annotated for I/O virtualization: host
 * bridges -> root ports -> switch ports -> endpoints -> PFs -> VFs, with
 * per-function link state, the path bottleneck up to the root port, ACS
 * gaps on ports and IOMMU groups shared outside a function's own subtree.
 * Built from a struct iov_devlist without further I/O; nothing printed.
 */
#ifndef IOV_TOPOLOGY_H
#define IOV_TOPOLOGY_H

#include "iov.h"

enum iov_topo_kind {
	IOV_TOPO_HOST,		/* host bridge (root complex): no function of its own */
	IOV_TOPO_ROOT_PORT,
	IOV_TOPO_SWITCH_UP,	/* switch upstream port */
	IOV_TOPO_SWITCH_DOWN,	/* switch downstream port */
	IOV_TOPO_PCI_BRIDGE,	/* PCIe<->PCI/PCI-X bridge */
	IOV_TOPO_BRIDGE,	/* a bridge whose PCIe port type is unknown */
	IOV_TOPO_RC_ENDPOINT,	/* root complex integrated endpoint */
	IOV_TOPO_RC_EC,		/* root complex event collector */
	IOV_TOPO_ENDPOINT,	/* endpoint, legacy endpoint or conventional function */
	IOV_TOPO_PF,		/* an endpoint with SR-IOV */
	IOV_TOPO_VF,
	IOV_TOPO_UNCAPTURED,	/* a bridge in a function's path missing from the tree read */
};
/* "root_port", "switch_upstream", ... (stable: used as JSON values) */
const char *iov_topo_kind_str(enum iov_topo_kind k);
/* What d is in the tree, from its PCIe port type, SR-IOV and header type */
enum iov_topo_kind iov_topo_dev_kind(const struct iov_dev *d);

const char *iov_acs_state_str(enum iov_acs_state s);

/* One link as the kernel reports it (current_link_* / max_link_*). */
struct iov_topo_link {
	bool applies;		/* may have a link: not conventional PCI, not RC-integrated */
	bool known;		/* current speed and width both known */
	double speed_gts, max_speed_gts;	/* GT/s; 0 unknown */
	int width, max_width;	/* lanes; 0 unknown */
	double gbps, max_gbps;	/* GB/s after line coding; 0 unknown */
	/* the most both ends support: min of this end's and the partner's max */
	double attainable_speed_gts;
	int attainable_width;
	bool downtrained;	/* trained below what both ends support */
	bool downtrained_unknown; /* below this end's best; the other end not captured */
};

struct iov_topo_node {
	enum iov_topo_kind kind;
	struct iov_dev *dev;	/* NULL for a host bridge or an uncaptured bridge */
	char name[IOV_BDF_STRLEN];	/* "pci0000:80" for a host bridge, else the address */
	uint32_t domain;	/* host bridge: its domain and root bus */
	uint8_t bus;
	int numa_node;		/* -1 unknown; host bridge: its functions' node if they agree */
	struct iov_topo_node *parent;
	struct iov_topo_node **child;	/* sorted by address */
	unsigned nchild;
	unsigned nvfs;		/* PF: how many of its children are VFs */

	struct iov_topo_link link;
	/*
	 * Endpoints (and VFs, through their PF): the lowest bandwidth of the links
	 * between the function and its root port. 0 when a hop is unknown.
	 */
	double bottleneck_gbps;
	const struct iov_topo_node *bottleneck_at;	/* the function reporting that link */

	/* members of its IOMMU group outside its own subtree */
	struct iov_dev **group_shared;
	unsigned ngroup_shared;

	enum iov_acs_state acs;
	uint16_t acs_missing;		/* required controls the port has but leaves off */
	uint16_t acs_not_capable;	/* required controls it lacks (hard-wired per Linux) */
	int *groups_below;		/* ACS gap: the IOMMU groups of functions below */
	unsigned ngroups_below;

	bool selected;		/* set by iov_topo_select_*() */
};

struct iov_topo {
	const struct iov_devlist *list;
	/*
	 * Host bridges first (n_host_slots slots, nhost used), then the
	 * bridges seen only in device paths (nuncaptured), then one node per
	 * function in the list's order.
	 */
	struct iov_topo_node *node;
	size_t n;
	/*
	 * Host bridges sorted by domain and bus. One whose root bus a function
	 * holds (Intel VMD) has that function as parent: the tree's roots are
	 * the hosts without a parent.
	 */
	struct iov_topo_node **host;
	unsigned nhost;
	size_t n_host_slots;
	unsigned nuncaptured;		/* placeholders for bridges not captured */
	bool iommu;			/* IOMMU groups exist at all */
};

/* Line-code efficiency for a speed: 8b/10b, 128b/130b or FLIT; 0 if unknown. */
double iov_link_encoding_efficiency(double speed_gts);
/* Usable GB/s of a link: GT/s x efficiency / 8 per lane x width; 0 if unknown. */
double iov_link_bandwidth_gbps(double speed_gts, int width);


/* Build the tree. The list must outlive the tree. 0 or -ENOMEM. */
int iov_topo_build(const struct iov_devlist *list, struct iov_topo **out);
void iov_topo_free(struct iov_topo *t);
struct iov_topo_node *iov_topo_find(const struct iov_topo *t, const struct iov_dev *d);
/* Whether node i of t->node is in use (host slots beyond nhost are not). */
bool iov_topo_node_used(const struct iov_topo *t, size_t i);
/* Whether node a is n or lies below n. */
bool iov_topo_in_subtree(const struct iov_topo_node *n, const struct iov_topo_node *a);

/* Mark n, its ancestors and its whole subtree selected. */
void iov_topo_select_subtree(struct iov_topo *t, struct iov_topo_node *n);
/* Mark functions on NUMA node `node` (-1: unknown) and their ancestors. */
unsigned iov_topo_select_numa(struct iov_topo *t, int node);
void iov_topo_select_all(struct iov_topo *t);

/* What a PF's VFs look like, for the collapsed one-line view. */
struct iov_vf_driver_count {
	const char *driver;	/* NULL: unbound */
	unsigned n;
};

#define IOV_VF_SUMMARY_DRIVERS 8

struct iov_vf_summary {
	unsigned n;			/* VFs below the PF */
	int first_index, last_index;	/* virtfn numbers */
	struct iov_vf_driver_count drv[IOV_VF_SUMMARY_DRIVERS];	/* most first; unbound last */
	unsigned ndrv;
	unsigned other;			/* bound to drivers beyond the table */
	unsigned unbound;
	int numa_node;			/* common node, -1 if unknown or mixed */
	bool numa_mixed;
	int group_min, group_max;	/* IOMMU groups; -1 none */
	unsigned shared;		/* VFs whose group reaches outside the VF */
};
void iov_topo_vf_summary(const struct iov_topo_node *pf, struct iov_vf_summary *out);

#endif /* IOV_TOPOLOGY_H */
