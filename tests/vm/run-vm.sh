#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Boot the iovctl test guest (QEMU q35 under TCG) and let guest/stage2.sh enable SR-IOV, run the
# iovctl just built and its peers, and write everything to OUT (a 9p share). Adapted from the
# shared QEMU recipe.
#
# usage: tests/vm/run-vm.sh [OUT]
#   OUT   results directory (default: tests/vm/out/sriov)
# env: IOVCTL   the iovctl binary the guest runs (default: ../../iovctl beside this script)
#      VM_CACHE kernel + initramfs cache (default: tests/vm/cache)
#      ACCEL=tcg|kvm (default tcg), TIMEOUT seconds (default 540), QEMU (qemu-system-x86_64)
#      NUMVFS (default 4), BINDVFS (default 4), VQ_PER_VF (default 2)
#      VM_SCENARIO, VM_EXTRA_ARGS, VM_APPEND: see capture-host.sh (defaults: none, none, the
#      command line below)
# exit: 0 guest powered off, 1 guest failed or timed out, 77 QEMU cannot run here (skip)
#
# Machine: 2 vCPUs in 2 NUMA nodes, intel-iommu (real IOMMU groups), on the main bus (node -1):
#   rp1: virtio-net (ATS, AER)   rp2: virtio-blk   rp3: PCIe switch (x3130-upstream) with two
#   xio3130-downstream ports, an e1000e behind the first (no ACS: one IOMMU group below it);
# a pxb-pcie expander (bus 0x80) bound to NUMA node 1 with
#   rp10: NVMe SR-IOV PF (nvme-subsys, sriov_max_vfs=4, flexible VQ/VI resources)
#   rp11: a plain NVMe
# the whole script is one { ... } block so that bash parses it all before running
{
set -euo pipefail
TB="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
OUT="$(mkdir -p "${1:-$TB/out/sriov}" && cd "${1:-$TB/out/sriov}" && pwd)"
CACHE="$(mkdir -p "${VM_CACHE:-$TB/cache}" && cd "${VM_CACHE:-$TB/cache}" && pwd)"
export VM_CACHE="$CACHE"
IOVCTL="$(readlink -f "${IOVCTL:-$TB/../../iovctl}")"
ACCEL="${ACCEL:-tcg}"
TIMEOUT="${TIMEOUT:-540}"
QEMU="${QEMU:-qemu-system-x86_64}"
RUN="$CACHE/run"   # disk images (not shared with the guest)

skip() { echo "SKIP: $*" >&2; exit 77; }
command -v "$QEMU" >/dev/null || skip "$QEMU not found (apt-get install qemu-system-x86)"
# can QEMU start a q35 machine with this accelerator at all? (paused, then quit)
printf 'quit\n' | timeout 60 "$QEMU" -accel "$ACCEL" -machine q35 -nodefaults -no-user-config \
	-display none -S -monitor stdio -serial none >/dev/null 2>&1 || skip "$QEMU cannot run a q35 guest with -accel $ACCEL here"
[ -x "$IOVCTL" ] || { echo "no iovctl binary at $IOVCTL (build first)" >&2; exit 1; }

"$TB/fetch-kernel.sh"     # the pinned kernel; quick once it is in the cache
KIMG="$CACHE/kernel/boot/vmlinuz-$(cat "$CACHE/kernel-version")"
[ -f "$KIMG" ] || { echo "missing $KIMG (run tests/vm/fetch-kernel.sh)" >&2; exit 1; }
if [ ! -f "$CACHE/initramfs.cpio.gz" ] || [ "$TB/guest/init" -nt "$CACHE/initramfs.cpio.gz" ] ||
   [ "$TB/build-initramfs.sh" -nt "$CACHE/initramfs.cpio.gz" ] ||
   [ "$CACHE/kernel-version" -nt "$CACHE/initramfs.cpio.gz" ]; then
  "$TB/build-initramfs.sh" >/dev/null
fi

find "$OUT" -mindepth 1 -delete
mkdir -p "$RUN"
for img in nvme0 nvme1 vblk0; do [ -f "$RUN/$img.img" ] || truncate -s 64M "$RUN/$img.img"; done

ARGS=(
  -accel "$ACCEL" -nodefaults -no-user-config -display none -vga none
  -m 1G -smp 2,sockets=2,cores=1,threads=1
  -object memory-backend-ram,id=mem0,size=512M -object memory-backend-ram,id=mem1,size=512M
  -numa node,nodeid=0,cpus=0,memdev=mem0 -numa node,nodeid=1,cpus=1,memdev=mem1
  -numa dist,src=0,dst=1,val=20
  -kernel "$KIMG" -initrd "$CACHE/initramfs.cpio.gz"
  -serial "file:$OUT/console.log" -monitor none -no-reboot
  # where the harness and its cache are, for guest/init (read from /sys/firmware/qemu_fw_cfg),
  # so that the guest's /proc/cmdline, which snapshots capture, holds no host paths
  -fw_cfg "name=opt/iovctl/tbdir,string=$TB" -fw_cfg "name=opt/iovctl/tbcache,string=$CACHE"
  -machine q35,kernel-irqchip=split
  -device intel-iommu,intremap=on,device-iotlb=on
  # 9p shares: the host root (read-only) and the output dir, on the main bus out of the way
  -fsdev "local,id=fsroot,path=/,security_model=none,readonly=on,multidevs=remap"
  -device virtio-9p-pci,fsdev=fsroot,mount_tag=hostroot,bus=pcie.0,addr=0x1a
  -fsdev "local,id=fsout,path=$OUT,security_model=none"
  -device virtio-9p-pci,fsdev=fsout,mount_tag=tbout,bus=pcie.0,addr=0x1b
  # main bus: three root ports
  -device pcie-root-port,id=rp1,bus=pcie.0,chassis=1,slot=1,addr=0x2.0,multifunction=on
  -device pcie-root-port,id=rp2,bus=pcie.0,chassis=1,slot=2,addr=0x2.1
  -device pcie-root-port,id=rp3,bus=pcie.0,chassis=1,slot=3,addr=0x2.2
  -netdev user,id=net0,restrict=on
  -device virtio-net-pci,netdev=net0,bus=rp1,mac=52:54:00:00:00:01,iommu_platform=on,ats=on,aer=on
  -drive file="$RUN/vblk0.img",if=none,id=vblk0,format=raw
  -device virtio-blk-pci,drive=vblk0,bus=rp2,iommu_platform=on
  # PCIe switch behind rp3: upstream port, two downstream ports, an e1000e below the first
  -device x3130-upstream,id=us0,bus=rp3
  -device xio3130-downstream,id=ds0,bus=us0,chassis=4,slot=0
  -device xio3130-downstream,id=ds1,bus=us0,chassis=4,slot=1
  -netdev user,id=net1,restrict=on
  -device e1000e,netdev=net1,bus=ds0,mac=52:54:00:00:00:02
  # expander host bridge bound to NUMA node 1, two root ports below it
  -device pxb-pcie,id=pxb1,bus_nr=0x80,numa_node=1,bus=pcie.0,addr=0x10
  -device pcie-root-port,id=rp10,bus=pxb1,chassis=2,slot=10,addr=0x0
  -device pcie-root-port,id=rp11,bus=pxb1,chassis=2,slot=11,addr=0x1
  # NVMe SR-IOV PF: 4 VFs, flexible queue (VQ) and interrupt (VI) resources for them
  -device nvme-subsys,id=subsys0,nqn=iovctl-vm-subsys0
  -device nvme,id=nvme0,serial=IOVVM0001,subsys=subsys0,bus=rp10,sriov_max_vfs=4,sriov_vq_flexible=8,sriov_vi_flexible=4,max_ioqpairs=10,msix_qsize=8
  -drive file="$RUN/nvme0.img",if=none,id=nvmedrv0,format=raw
  -device nvme-ns,drive=nvmedrv0,bus=nvme0,nsid=1,shared=on
  -drive file="$RUN/nvme1.img",if=none,id=nvmedrv1,format=raw
  -device nvme,id=nvme1,serial=IOVVM0002,bus=rp11,drive=nvmedrv1
)

# capture-host.sh: extra devices for a scenario (split on blanks)
read -ra EXTRA <<< "${VM_EXTRA_ARGS:-}"
ARGS+=("${EXTRA[@]}")

cat > "$OUT/job.env" <<EOF
IOVCTL=$IOVCTL
SCENARIO=${VM_SCENARIO:-}
NUMVFS=${NUMVFS:-4}
BINDVFS=${BINDVFS:-4}
VQ_PER_VF=${VQ_PER_VF:-2}
EOF
# nvme_core.multipath=N: each controller (VFs included) shows its own namespace block device
APPEND="${VM_APPEND:-console=ttyS0 panic=-1 intel_iommu=on iommu=pt nvme_core.multipath=N}"
CMD=("$QEMU" "${ARGS[@]}" -append "$APPEND")
printf '%q ' "${CMD[@]}" > "$OUT/qemu-cmdline.sh"; echo >> "$OUT/qemu-cmdline.sh"
echo "accel=$ACCEL qemu=$("$QEMU" --version | head -1) kernel=$(cat "$CACHE/kernel-version") kernel_pkg=$(cat "$CACHE/kernel-package" | tr ' ' '=')" > "$OUT/run-info.txt"

T0=$(date +%s.%N)
echo "qemu: output $OUT (console: $OUT/console.log), at most ${TIMEOUT}s"
# timeout(1) rather than a background watchdog: nothing may outlive QEMU and hold our stdout
set +e
timeout -k 10 "$TIMEOUT" "${CMD[@]}" > "$OUT/qemu-stdout.log" 2>&1
RC=$?
set -e
[ $RC -eq 124 ] && echo "TIMEOUT after ${TIMEOUT}s" >> "$OUT/run-info.txt"
T1=$(date +%s.%N)
WALL=$(awk -v a="$T0" -v b="$T1" 'BEGIN{printf "%.1f", b-a}')
echo "qemu exit=$RC wall_s=$WALL" | tee -a "$OUT/run-info.txt"
# unpack the guest's captures for the host-side checks
if [ -f "$OUT/sysfs-ref.tar" ]; then
  mkdir -p "$OUT/sysfs-ref" && tar -C "$OUT/sysfs-ref" -xf "$OUT/sysfs-ref.tar" && rm -f "$OUT/sysfs-ref.tar"
fi
if [ -f "$OUT/done" ]; then exit 0; fi
echo "guest did not finish (see $OUT/console.log and $OUT/stage2.log)" >&2
exit 1
}
