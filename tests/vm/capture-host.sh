#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Real-kernel captures for `inspect --host` and the VFIO findings: boot the check-vm guest twice
# with the "host" scenario of guest/stage2.sh and keep each `iovctl snapshot` it takes:
#   vm-host-vfio     intel_iommu=on; the first IOMMU group with two endpoints (q35's ICH9
#                    functions 00:1f.x, before a second e1000e added below the switch without
#                    ACS) gets its first endpoint bound to vfio-pci while its peers keep
#                    their drivers: the group is not viable; 4 NVMe VFs enabled but only
#                    3 given resources (BINDVFS=3), so VF 4's secondary controller is offline
#   vm-host-noparam  the same machine booted without intel_iommu=on (Debian's kernel turns
#                    VT-d on by default: groups of type DMA-FQ)
#   vm-host-iommu-off  booted with intel_iommu=off: no IOMMU groups, DMAR still published
# usage: tests/vm/capture-host.sh [FIXTURES-DIR]   (default: tests/fixtures/real)
# env: as run-vm.sh (IOVCTL, VM_CACHE, ACCEL, TIMEOUT). Exit 77 when QEMU cannot run here.
set -u
here="$(cd "$(dirname "$(readlink -f "$0")")" && pwd)"
dest="${1:-$here/../fixtures/real}"
fail=0

capture() {     # NAME, then VAR=VALUE settings for run-vm.sh
    local name=$1 out="$here/out/$1"; shift
    env VM_SCENARIO=host "$@" "$here/run-vm.sh" "$out"
    local rc=$?
    [ $rc -eq 77 ] && exit 77
    if [ $rc -ne 0 ] || [ ! -f "$out/snapshot-host.tar.xz" ]; then
        echo "capture-host: $name failed (exit $rc); see $out/stage2.log" >&2
        fail=1
        return
    fi
    mkdir -p "$dest/$name"
    cp "$out/snapshot-host.tar.xz" "$dest/$name/sysfs.tar.xz"
    cp "$out/iovctl/inspect-host-text.out" "$dest/$name/inspect-host.txt"
    cp "$out/iovctl/inspect-host-check.out" "$dest/$name/inspect-check.txt"
    cp "$out/proc-cmdline.txt" "$dest/$name/proc-cmdline.txt"
    grep -h 'vfio-pci\|group ' "$out/stage2.log" > "$dest/$name/stage2-vfio.txt" || true
    cp "$out"/nvme/*-list-secondary.txt "$dest/$name/" 2>/dev/null || true
    echo "capture-host: $name -> $dest/$name"
}

capture vm-host-vfio BINDVFS=3 \
    VM_EXTRA_ARGS="-netdev user,id=net2,restrict=on -device e1000e,netdev=net2,bus=ds1,mac=52:54:00:00:00:03"
capture vm-host-noparam VM_APPEND="console=ttyS0 panic=-1 nvme_core.multipath=N"
capture vm-host-iommu-off VM_APPEND="console=ttyS0 panic=-1 intel_iommu=off nvme_core.multipath=N"
exit $fail
