// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The findings registry and how a finding is raised: the rules (findings.c,
 * findings-vf.c, virt-findings.c) depend on this file and it on none of them.
 */
#include "iov-private.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *iov_severity_str(enum iov_severity s)
{
	switch (s) {
	case IOV_SEV_INFO:
		return "info";
	case IOV_SEV_WARNING:
		return "warning";
	case IOV_SEV_ERROR:
		return "error";
	}
	return "?";
}

int iov_severity_parse(const char *s, enum iov_severity *out)
{
	enum iov_severity v;

	for (v = IOV_SEV_INFO; v <= IOV_SEV_ERROR; v++)
		if (strcmp(s, iov_severity_str(v)) == 0) {
			*out = v;
			return 0;
		}
	return -EINVAL;
}

const char *iov_subject_kind_str(enum iov_subject_kind k)
{
	switch (k) {
	case IOV_SUBJECT_HOST:
		return "host";
	case IOV_SUBJECT_BUS:
		return "bus";
	case IOV_SUBJECT_GROUP:
		return "iommu_group";
	case IOV_SUBJECT_FUNCTION:
		return "function";
	}
	return "?";
}

const struct iov_rule *iov_rule_find(const char *id)
{
	unsigned i;

	for (i = 0; i < IOV_F_COUNT; i++)
		if (iov_rules[i].id && strcmp(iov_rules[i].id, id) == 0)
			return &iov_rules[i];
	return NULL;
}

bool iov_finding_concerns(const struct iov_finding *f, const struct iov_dev *d)
{
	const struct iov_subject *s = &f->subject;
	unsigned i;

	if (s->kind == IOV_SUBJECT_FUNCTION)
		return s->dev == d;
	if (s->kind == IOV_SUBJECT_HOST && !s->ndevs)
		return true;
	for (i = 0; i < s->ndevs; i++)
		if (s->devs[i] == d)
			return true;
	return false;
}

int iov_findings_worst(const struct iov_findings *fs, const struct iov_dev *d)
{
	int worst = -1;
	size_t i;

	for (i = 0; i < fs->n; i++) {
		const struct iov_finding *f = &fs->f[i];

		if (f->subject.kind == IOV_SUBJECT_HOST && !f->subject.ndevs)
			continue;
		if ((int)f->severity > worst && iov_finding_concerns(f, d))
			worst = f->severity;
	}
	return worst;
}

static char *vfmt(const char *fmt, va_list ap)
{
	char *s = NULL;

	if (vasprintf(&s, fmt, ap) < 0)
		return NULL;
	return s;
}

static int copy_subject(struct iov_subject *dst, const struct iov_subject *src)
{
	*dst = *src;
	dst->devs = NULL;
	if (!src->ndevs)
		return 0;
	dst->devs = malloc(src->ndevs * sizeof(*dst->devs));
	if (!dst->devs)
		return -ENOMEM;
	memcpy(dst->devs, src->devs, src->ndevs * sizeof(*dst->devs));
	return 0;
}

static int vraise(struct iov_findings *out, enum iov_finding_id id, const struct iov_subject *subject,
		  const char *hint, const char *fmt, va_list ap)
{
	const struct iov_rule *rule = &iov_rules[id];
	struct iov_finding *nf, *f;

	nf = realloc(out->f, (out->n + 1) * sizeof(*nf));
	if (!nf)
		return -ENOMEM;
	out->f = nf;
	f = &nf[out->n];
	memset(f, 0, sizeof(*f));
	if (copy_subject(&f->subject, subject) < 0)
		return -ENOMEM;
	f->rule = id;
	f->id = rule->id;
	f->severity = rule->severity;
	f->dev = subject->dev;
	f->message = vfmt(fmt, ap);
	f->hint = strdup(hint ? hint : rule->hint);
	if (!f->message || !f->hint) {
		free(f->message);
		free(f->hint);
		free(f->subject.devs);
		return -ENOMEM;
	}
	out->n++;
	return 0;
}

int iov_finding_raise(struct iov_findings *out, enum iov_finding_id id,
		      const struct iov_subject *subject, const char *hint, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vraise(out, id, subject, hint, fmt, ap);
	va_end(ap);
	return r;
}

int iov_finding_fn(struct iov_findings *out, enum iov_finding_id id, struct iov_dev *d,
		   const char *hint, const char *fmt, ...)
{
	struct iov_subject s = { .kind = IOV_SUBJECT_FUNCTION, .dev = d, .group = -1 };
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vraise(out, id, &s, hint, fmt, ap);
	va_end(ap);
	return r;
}

void iov_findings_free(struct iov_findings *f)
{
	size_t i;

	for (i = 0; i < f->n; i++) {
		free(f->f[i].message);
		free(f->f[i].hint);
		free(f->f[i].subject.devs);
	}
	free(f->f);
	f->f = NULL;
	f->n = 0;
}

#define RULE(e, i, sev, chk, fix) [e] = { .id = i, .severity = sev, .check = chk, .hint = fix }

/*
 * The registry: every finding takes its id, severity and general hint from
 * here (tests/check_findings.c walks it). A rule whose severity depends on
 * the case is two rules.
 */
const struct iov_rule iov_rules[IOV_F_COUNT + 1] = {
	RULE(IOV_F_IOMMU_OFF, "iommu-off", IOV_SEV_WARNING,
	     "no IOMMU groups: passthrough and VF isolation impossible",
	     "enable VT-d / AMD-Vi in the firmware and boot with intel_iommu=on (or amd_iommu=on) iommu=pt"),
	RULE(IOV_F_GROUP_NOT_ISOLATED, "group-not-isolated", IOV_SEV_WARNING,
	     "an IOMMU group holds several endpoints",
	     "pass the whole group to one guest, move the card below an ACS-capable port, or enable ACS in the firmware"),
	RULE(IOV_F_SRIOV_NO_VFS, "sriov-no-vfs", IOV_SEV_WARNING,
	     "SR-IOV capable but TotalVFs is 0",
	     "enable SR-IOV (and the number of VFs) in the system firmware or the device's own configuration tool"),
	RULE(IOV_F_VF_BAR_UNASSIGNED, "vf-bar-unassigned", IOV_SEV_ERROR,
	     "VF BARs have no address space assigned",
	     "enable SR-IOV support in the firmware, or boot with pci=realloc so the kernel assigns VF BARs"),
	RULE(IOV_F_VFS_WITHOUT_ARI, "vfs-without-ari", IOV_SEV_WARNING,
	     "more than 7 VFs enabled without ARI",
	     "use a slot whose port supports ARI forwarding (PCIe 2.0+) and keep ARI enabled"),
	RULE(IOV_F_TOTAL_VFS_WITHOUT_ARI, "total-vfs-without-ari", IOV_SEV_INFO,
	     "more than 7 VFs possible without ARI, so at most 7 can be enabled",
	     "use a slot whose port supports ARI forwarding (PCIe 2.0+) and keep ARI enabled"),
	RULE(IOV_F_VF_RID_MISMATCH, "vf-rid-mismatch", IOV_SEV_ERROR,
	     "virtfn links disagree with First VF Offset / VF Stride",
	     "report this: the kernel and the SR-IOV capability disagree"),
	RULE(IOV_F_VF_UNBOUND, "vf-unbound", IOV_SEV_WARNING,
	     "enabled VFs without a driver",
	     "bind them: echo vfio-pci > /sys/bus/pci/devices/VF/driver_override, then echo VF > /sys/bus/pci/drivers_probe"),
	RULE(IOV_F_AUTOPROBE_OFF, "autoprobe-off", IOV_SEV_INFO,
	     "sriov_drivers_autoprobe is 0",
	     "echo 1 > sriov_drivers_autoprobe before enabling VFs, or bind each VF explicitly"),
	RULE(IOV_F_VF_MSIX_ZERO, "vf-msix-zero", IOV_SEV_WARNING,
	     "a VF has no MSI-X vectors assigned",
	     "with the VF unbound, assign vectors: echo N > /sys/bus/pci/devices/VF/sriov_vf_msix_count"),
	RULE(IOV_F_LINK_DOWNTRAINED, "link-downtrained", IOV_SEV_WARNING,
	     "link runs below what both ends support",
	     "reseat the card, check the slot's wiring and the firmware's link settings, and look for AER errors"),
	RULE(IOV_F_LINK_SLOT_LIMITED, "link-slot-limited", IOV_SEV_INFO,
	     "the slot or port limits the device's link",
	     "move the card to a slot that supports its full link"),
	RULE(IOV_F_NUMA_UNKNOWN, "numa-unknown", IOV_SEV_WARNING,
	     "NUMA node unknown on a multi-node host",
	     "the firmware gives no proximity (_PXM) for this root complex; pin workloads by measurement or update the firmware"),
	RULE(IOV_F_AER_ERRORS, "aer-errors", IOV_SEV_WARNING,
	     "correctable AER errors since boot",
	     "check dmesg for AER reports; recurring errors point at the card, the slot or signal integrity"),
	RULE(IOV_F_AER_UNCORRECTABLE, "aer-uncorrectable", IOV_SEV_ERROR,
	     "non-fatal or fatal (uncorrectable) AER errors since boot",
	     "check dmesg for AER reports; recurring errors point at the card, the slot or signal integrity"),
	RULE(IOV_F_POWER_D3, "power-d3", IOV_SEV_WARNING,
	     "function bound to a driver is in D3 (powered down)",
	     "check runtime PM (power/control) and whether the driver suspended it on purpose"),
	RULE(IOV_F_POWER_D3_UNBOUND, "power-d3-unbound", IOV_SEV_INFO,
	     "function without a driver is in D3 (powered down)",
	     "nothing to do unless it should be in use: binding a driver powers it up"),
	RULE(IOV_F_GROUP_NOT_VIABLE, "group-not-viable", IOV_SEV_ERROR,
	     "VFIO cannot open the group: a member is bound to a host driver",
	     "unbind the member from its host driver, or bind it to vfio-pci too"),
	RULE(IOV_F_PF_NO_DRIVER, "pf-no-driver", IOV_SEV_WARNING,
	     "SR-IOV PF without a driver cannot enable VFs",
	     "bind the PF to its driver (or to vfio-pci with enable_sriov=1) before writing sriov_numvfs"),
	RULE(IOV_F_VF_BUS_RANGE, "vf-bus-range", IOV_SEV_ERROR,
	     "VFs need bus numbers beyond the upstream bridge's range",
	     "boot with pci=assign-busses, or enable SR-IOV in the firmware so it reserves bus numbers"),
	RULE(IOV_F_IRQ_REMOTE, "irq-remote", IOV_SEV_WARNING,
	     "most MSI/MSI-X vectors are served outside the function's NUMA node",
	     "run irqbalance (it follows the driver's affinity hints), or pin the vectors to the node's CPUs in /proc/irq/N/smp_affinity_list"),
	RULE(IOV_F_VF_NVME_OFFLINE, "vf-nvme-offline", IOV_SEV_ERROR,
	     "an NVMe VF's secondary controller is offline or has no queues",
	     "with the VF unbound, assign it resources and bring it online with nvme virt-mgmt on the PF"),
	RULE(IOV_F_VF_LINK_DISABLED, "vf-link-disabled", IOV_SEV_WARNING,
	     "a VF in use has its link forced down by the PF (link-state disable)",
	     "if that is not meant: ip link set dev PF vf N state auto"),
	RULE(IOV_F_CAPS_MALFORMED, "caps-malformed", IOV_SEV_WARNING,
	     "capability list is malformed",
	     "capabilities after that point are ignored; update the device firmware"),
	RULE(IOV_F_CONFIG_LIMITED, "config-limited", IOV_SEV_INFO,
	     "config space beyond 64 bytes unreadable (not root)",
	     "run as root for capabilities"),
	RULE(IOV_F_SIOV_NO_PASID, "siov-no-pasid", IOV_SEV_WARNING,
	     "Scalable IOV without a PASID capability",
	     "this function cannot do Scalable IOV: use SR-IOV or assign the whole function"),
	RULE(IOV_F_SIOV_PASID_OFF, "siov-pasid-off", IOV_SEV_WARNING,
	     "Scalable IOV function bound but PASID disabled",
	     "drivers enable PASID only with the IOMMU in scalable mode: boot with intel_iommu=on,sm_on and rebind"),
	RULE(IOV_F_SIOV_PAGE_SIZE, "siov-page-size", IOV_SEV_WARNING,
	     "Scalable IOV System Page Size not one supported size",
	     "the driver programs it to the host page size: reload the driver, and report the device if it persists"),
	RULE(IOV_F_SIOV_NO_SCALABLE_MODE, "siov-no-scalable-mode", IOV_SEV_WARNING,
	     "Scalable IOV function but no IOMMU in scalable mode",
	     "Scalable IOV needs VT-d 3.0 hardware in scalable mode (intel_iommu=on,sm_on); check the firmware's VT-d setting"),
	RULE(IOV_F_SIOV_NO_IOMMUFD, "siov-no-iommufd", IOV_SEV_INFO,
	     "Scalable IOV function but iommufd (/dev/iommu) not loaded",
	     "modprobe iommufd (kernel 6.2 or later with CONFIG_IOMMUFD and CONFIG_VFIO_DEVICE_CDEV)"),
	RULE(IOV_F_MRIOV_PRESENT, "mriov-present", IOV_SEV_INFO,
	     "MR-IOV capability: only an MR-aware switch's management host can use it",
	     "nothing to do on this host: configure MR-IOV from the switch's management host"),
	RULE(IOV_F_NTB_NO_DRIVER, "ntb-no-driver", IOV_SEV_WARNING,
	     "non-transparent bridge without its driver or NTB device",
	     "load the NTB hardware driver for it (ntb_hw_intel, ntb_hw_amd, ntb_hw_idt, ntb_hw_epf; Switchtec: switchtec and ntb_hw_switchtec) and ntb_transport or ntb_netdev"),
	RULE(IOV_F_NTB_GROUP_SHARED, "ntb-group-shared", IOV_SEV_WARNING,
	     "non-transparent bridge shares its IOMMU group with endpoints",
	     "move the NTB below a port with ACS, and do not pass the other members of its group to guests"),
	RULE(IOV_F_VF_VARIANT_AVAILABLE, "vf-variant-available", IOV_SEV_WARNING,
	     "VFs on plain vfio-pci although a migration-capable variant driver matches",
	     "with the guest stopped, rebind each VF to the variant driver through driver_override"),
	RULE(IOV_F_ADAPTER_SERIAL_MISMATCH, "adapter-serial-mismatch", IOV_SEV_INFO,
	     "functions of one card report different serial numbers",
	     "some cards give each port its own serial; otherwise treat the functions as separate devices when planning resets and passthrough"),
	RULE(IOV_F_STORAGE_NO_DRIVER, "storage-no-driver", IOV_SEV_WARNING,
	     "an FC, FCoE or iSCSI function has no driver",
	     "load the HBA driver (lpfc, qla2xxx, bnx2fc/qedf, be2iscsi, qedi) or bind the function to it"),
	RULE(IOV_F_FC_HOST_OFFLINE, "fc-host-offline", IOV_SEV_WARNING,
	     "an fc_host port is not Online",
	     "check the cable, SFP and the switch port's zoning; 'echo 1 > /sys/class/fc_host/<host>/issue_lip' retries login"),
	RULE(IOV_F_RDMA_PORT_DOWN, "rdma-port-down", IOV_SEV_WARNING,
	     "an InfiniBand/RoCE port is not ACTIVE",
	     "check the link and, for InfiniBand, the subnet manager; for RoCE, the netdev's link"),
	RULE(IOV_F_FCOE_NO_FCF, "fcoe-no-fcf", IOV_SEV_WARNING,
	     "an FCoE controller found no Fibre Channel Forwarder",
	     "check DCB/PFC and the FCoE VLAN on the switch port (fipvlan -a discovers it); 'fcoeadm -i' shows the interface"),
	RULE(IOV_F_FCOE_FABRIC_DISCONNECTED, "fcoe-fabric-disconnected", IOV_SEV_WARNING,
	     "an FCoE controller's FCF is not Connected",
	     "check the FCF switch and the fabric login; 'fcoeadm -r <netdev>' resets the FCoE interface"),
	RULE(IOV_F_SWITCH_PARTITIONED, "switch-partitioned", IOV_SEV_WARNING,
	     "switch partitioned among hosts: reset or firmware update touches them all",
	     "coordinate switch resets and firmware updates with the hosts of the other partitions"),
	[IOV_F_COUNT] = { NULL, 0, NULL, NULL },
};
