/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Host readiness: the checks behind every failed passthrough that are not in
 * a device's capability registers (IOMMU, interrupt remapping, VFIO, KVM,
 * kernel command line), and why a PF cannot enable its VFs. Everything is
 * read under the context's sysfs and proc roots, so snapshots replay it.
 * Like the rest of libiov nothing here prints.
 */
#ifndef IOV_HOST_H
#define IOV_HOST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "iov.h"

enum iov_check_status {
	IOV_CHECK_PASS = 0,
	IOV_CHECK_WARN,
	IOV_CHECK_FAIL,
	IOV_CHECK_UNKNOWN,	/* nothing to judge by: file absent from the root, unreadable */
};

enum iov_cpu_vendor {
	IOV_CPU_UNKNOWN = 0,	/* no /proc/cpuinfo */
	IOV_CPU_INTEL,
	IOV_CPU_AMD,		/* AuthenticAMD and HygonGenuine: both use AMD-Vi */
	IOV_CPU_ARM64,
	IOV_CPU_OTHER,
};

struct iov_host_check {
	const char *id;		/* stable: "iommu-groups" */
	const char *title;	/* "IOMMU groups" */
	enum iov_check_status status;
	char *detail;		/* what was read, one line */
	char *hint;		/* how to fix; NULL on pass */
};

struct iov_host_report {
	enum iov_cpu_vendor vendor;	/* of the CPU */
	enum iov_cpu_vendor iommu;	/* whose IOMMU: from its units, its ACPI table, else the CPU */
	char *cmdline;		/* the kernel command line; NULL if unreadable */
	struct iov_host_check *check;
	size_t n;
};

/* Run every host check. 0 or -ENOMEM; unreadable inputs give UNKNOWN items. */
int iov_host_check(struct iov_ctx *ctx, const struct iov_devlist *list,
		   struct iov_host_report *out);
void iov_host_report_free(struct iov_host_report *r);
/* "pass", "warn", "fail", "unknown" */
const char *iov_check_status_str(enum iov_check_status s);
/* "intel", "amd", "arm64", "other", NULL for unknown */
const char *iov_cpu_vendor_str(enum iov_cpu_vendor v);

/* The check table, NULL-terminated, for documentation. */
struct iov_host_check_desc {
	const char *id;
	const char *title;
};
extern const struct iov_host_check_desc iov_host_checks[];

/* ---- why a PF cannot enable its VFs (vfblock.c) ---------------------------- */

struct iov_vf_block {
	bool applies;		/* an SR-IOV PF with fewer VFs enabled than it has */
	bool no_driver;		/* VFs are made by the PF driver's sriov_configure */
	bool total_zero;	/* TotalVFs 0: disabled in firmware */
	bool bars_unassigned;	/* VF BARs without address space */
	bool bus_range;		/* the last VF's bus lies beyond the bridge's subordinate bus */
	unsigned vfs_fit;	/* VFs whose bus is in range (when bus_range) */
	uint8_t last_vf_bus;	/* bus of VF TotalVFs-1 */
	uint8_t subordinate;	/* the upstream bridge's subordinate bus */
	const struct iov_dev *bridge;	/* that bridge */
};

/* Analyse one function; out->applies is false for anything but a short PF. */
void iov_vf_block(const struct iov_devlist *list, const struct iov_dev *pf, struct iov_vf_block *out);
/* VF BARs that exist but got no address space (reads resource lines 7-12). */
bool iov_vf_bars_unassigned(const struct iov_dev *pf);
/* Secondary and subordinate bus of a bridge from its config header; 0 or -ENODATA. */
int iov_bridge_buses(const struct iov_dev *bridge, uint8_t *secondary, uint8_t *subordinate);

/* ---- interrupt locality (irqlocal.c) ------------------------------------------ */

struct iov_irq_locality {
	bool node_cpus_known;	/* the function's NUMA node and its cpulist were read */
	char node_cpus[64];	/* that cpulist */
	unsigned vectors;	/* MSI/MSI-X vectors (msi_irqs/) */
	unsigned known;		/* ... whose effective affinity was read */
	unsigned remote;	/* ... served by no CPU of the function's node */
	int first_remote_irq;	/* the lowest such IRQ; -1 if none */
	char first_remote_cpus[32];	/* its effective_affinity_list */
};

/*
 * Where a function's vectors are served: 0, or -ENODATA when its NUMA
 * node, that node's CPUs or the proc root are unknown. Read once and
 * kept on d (freed with it).
 */
int iov_irq_locality(struct iov_ctx *ctx, struct iov_dev *d, struct iov_irq_locality *out);

/* ---- NVMe secondary controllers (vfstate.c) ------------------------------------ */

#define IOV_NVME_IDENTIFY_SIZE 4096
#define IOV_NVME_SEC_MAX 127

/* One Secondary Controller Entry (NVMe base spec, Identify CNS 15h) */
struct iov_nvme_sec {
	uint16_t scid;		/* Secondary Controller Identifier */
	uint16_t pcid;		/* its Primary Controller */
	bool online;		/* SCS bit 0 */
	uint16_t vfn;		/* Virtual Function Number, 1-based; 0: none */
	uint16_t nvq, nvi;	/* VQ and VI flexible resources assigned */
};

struct iov_nvme_sec_list {
	bool known;		/* read from the device, or from a snapshot */
	int error;		/* why not: -EACCES (not root), -ENOENT (not recorded), ... */
	unsigned n;
	struct iov_nvme_sec e[IOV_NVME_SEC_MAX];
};

/* Decode Identify CNS 15h data (len bytes, up to 4096). 0 or -EINVAL. */
int iov_nvme_sec_decode(const uint8_t *buf, size_t len, struct iov_nvme_sec_list *out);
/*
 * The raw Identify data of the NVMe PF at addr: through libnvme on the live
 * system (root), else from the snapshot file below. 0 or -errno.
 */
int iov_nvme_sec_read(struct iov_ctx *ctx, const char *addr, uint8_t raw[IOV_NVME_IDENTIFY_SIZE]);
/* Where a snapshot keeps it: <sysfs root>/../vfstate/<addr>/nvme-secondary-ctrl-list */
int iov_nvme_sec_path(struct iov_ctx *ctx, const char *addr, char *buf, size_t len);
/* Read and decode for an NVMe SR-IOV PF; -ENOTSUP for anything else. */
int iov_nvme_secondary(struct iov_ctx *ctx, const struct iov_dev *pf, struct iov_nvme_sec_list *out);
/* The NVMe controller ("nvme0") below a PCI function, from its nvme/ directory. */
int iov_nvme_ctrl_of(struct iov_ctx *ctx, const char *addr, char *name, size_t len);
/* The entry of VF vf_index (virtfnN), or NULL. */
const struct iov_nvme_sec *iov_nvme_sec_of_vf(const struct iov_nvme_sec_list *l, unsigned vf_index);

/* ---- NIC VF settings over rtnetlink (vfnet.c) ----------------------------------- */

#define IOV_NET_VF_MAX 512
#define IOV_NET_UNSET UINT32_MAX	/* not reported: the driver does not support it */

enum { IOV_NET_LINK_AUTO, IOV_NET_LINK_ENABLE, IOV_NET_LINK_DISABLE };	/* IFLA_VF_LINK_STATE_* */

/* One VF's settings as the PF driver reports them (IFLA_VF_INFO), as `ip link show` does. */
struct iov_net_vf {
	uint32_t vf;			/* VF index: N of the PF's virtfnN */
	char mac[64];			/* "" when not reported */
	uint32_t vlan, qos;		/* IOV_NET_UNSET when not reported */
	uint16_t vlan_proto;		/* 0x8100, 0x88a8; 0 when not reported */
	uint32_t spoofchk, trust, rss_query;	/* 0/1 or IOV_NET_UNSET */
	uint32_t link_state;		/* IOV_NET_LINK_* or IOV_NET_UNSET */
	uint32_t min_tx_rate, max_tx_rate;	/* Mb/s, 0: no limit; IOV_NET_UNSET */
};

struct iov_net_vf_list {
	bool known;		/* asked over rtnetlink, or read from a snapshot */
	int error;		/* why not: -ENODEV (no netdev here), -ENOENT (not recorded), ... */
	char netdev[32];	/* the PF netdev that answered */
	unsigned n;
	struct iov_net_vf e[IOV_NET_VF_MAX];
};

/*
 * The recorded form, vfstate/<PF address>/net-vfs: '#' comments, a line
 * "netdev=NAME", then one line per VF of space-separated key=value pairs
 * (vf= first; a key left out was not reported). Unknown keys are skipped.
 * Parse: 0, -EINVAL (malformed) or -E2BIG. Format: 0 or -ENOMEM; *text is malloc'd.
 */
int iov_net_vfs_parse(const char *text, struct iov_net_vf_list *out);
int iov_net_vfs_format(const struct iov_net_vf_list *l, char **text);
/*
 * Ask the kernel for netdev ifname's VF list (RTM_GETLINK with
 * IFLA_EXT_MASK = RTEXT_FILTER_VF) in the caller's network namespace.
 * 0 (a netdev without VF info has 0 VFs), -ENODEV (no such interface here),
 * -EPERM, -ENOMEM or -EIO.
 */
int iov_net_vfs_query(const char *ifname, struct iov_net_vf_list *out);
/* Decode one RTM_NEWLINK message (len bytes) through libnl, as the query does. 0 or -EINVAL. */
int iov_net_vfs_decode(const void *buf, size_t len, struct iov_net_vf_list *out);
/* Where a snapshot keeps it: <sysfs root>/../vfstate/<addr>/net-vfs */
int iov_net_vfs_path(struct iov_ctx *ctx, const char *addr, char *buf, size_t len);
/* The PF at addr: over rtnetlink through its netdevs on the live system, else from the snapshot. */
int iov_net_vfs_read(struct iov_ctx *ctx, const char *addr, struct iov_net_vf_list *out);
/* For an SR-IOV PF (TotalVFs > 0) with a netdev or of network class; -ENOTSUP for anything else. */
int iov_net_vfs(struct iov_ctx *ctx, const struct iov_dev *pf, struct iov_net_vf_list *out);
/* The settings of VF vf_index (virtfnN), or NULL. */
const struct iov_net_vf *iov_net_vf_of(const struct iov_net_vf_list *l, unsigned vf_index);
/* The PCI address of the VF an entry is about (the PF's virtfnN), or NULL when not enabled. */
const char *iov_net_vf_addr(const struct iov_dev *pf, const struct iov_net_vf *e);
/* "auto", "enable", "disable" as iproute2 says; NULL for anything else. */
const char *iov_net_link_state_name(uint32_t s);

/* ---- pure parsers (exported for the unit tests) ------------------------------ */

/* The CPU vendor from /proc/cpuinfo text (the first processor block is enough). */
enum iov_cpu_vendor iov_cpuinfo_vendor(const char *text);
/*
 * Find kernel parameter key on a command line (last one wins, as for the
 * kernel); stops at "--". Returns 1 and copies the value ("" for a bare
 * key) into val, or 0 when absent. val may be NULL.
 */
int iov_cmdline_param(const char *cmdline, const char *key, char *val, size_t len);
/* Whether "pci=" options on the command line include opt ("realloc", "assign-busses"). */
bool iov_cmdline_pci_opt(const char *cmdline, const char *opt);
/* Whether /proc/modules text lists module name (first column). */
bool iov_modules_has(const char *text, const char *name);
/* A hex register dump such as intel-iommu/ecap ("f050da", "0x...") into *out. 0 or -EINVAL. */
int iov_parse_hex64(const char *s, uint64_t *out);

/* Intel VT-d ECAP bit 3: Interrupt Remapping support */
#define IOV_VTD_ECAP_IR (1ULL << 3)
/* AMD IOMMU Extended Feature Register bit 7: GASup, guest virtual APIC (posted interrupts) */
#define IOV_AMD_EFR_GA (1ULL << 7)

#endif /* IOV_HOST_H */
