#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# NVMe VFs under native multipath: a VF's namespace is a path (nvmeXcYnZ) of a
# head disk, with no device node of its own. A head with one path is that
# VF's disk: benched through the head, saying so. A head with several paths
# cannot measure one VF: refused, naming VF, controller, path and head. The
# null engine stands in for the disks.
. "${top_srcdir:-.}/tests/bench-lib.sh"
bench_setup

# the real-kernel capture: a PF and 4 VFs, every controller a path of nvme0n1
F=${top_srcdir:-.}/tests/fixtures/gen/real-nvme-sriov-2numa/sys
run 4 "$IOVCTL" --sysfs-root "$F" bench --all-vfs 0000:81:00.0 --ios 10
expect_err "^iovctl: no VF of '0000:81:00.0' has a disk of its own: namespace nvme0c2n1 of nvme2 \(0000:81:00.1\) is one of 5 paths of multipath head nvme0n1, and the kernel gives a path no device node \(nvme_core.multipath=N gives each its own disk\)$"
run 4 "$IOVCTL" --sysfs-root "$F" bench 0000:81:00.0/vf1 --ios 10
expect_err "^iovctl: no disk of its own under PCI function '0000:81:00.0/vf1': namespace nvme0c3n1 of nvme3 \(0000:81:00.2\) is one of 5 paths of multipath head nvme0n1,"
run 4 "$IOVCTL" --sysfs-root "$F" bench 81:00.4 --ios 10
expect_err "namespace nvme0c5n1 of nvme5 \(0000:81:00.4\) is one of 5 paths"

# a tree where each VF's controller is the only path of its own head
S=$WORK/sysfs
pci=devices/pci0000:3a/0000:3a:00.0
mk() { mkdir -p "$(dirname "$S/$1")" && printf '%s\n' "$2" >"$S/$1"; }
ln_() { mkdir -p "$(dirname "$S/$1")" && ln -s "$2" "$S/$1"; }
mk "$pci/0000:3b:00.0/vendor" 0x144d
ln_ "bus/pci/devices/0000:3b:00.0" "../../../$pci/0000:3b:00.0"
for vf in 0 1; do
	bdf=0000:3b:00.$((vf + 1))
	c=$((vf + 1))		# controller nvme1, nvme2; heads nvme1n1, nvme2n1
	mk "$pci/$bdf/vendor" 0x144d
	ln_ "$pci/0000:3b:00.0/virtfn$vf" "../$bdf"
	ln_ "$pci/$bdf/physfn" "../0000:3b:00.0"
	ln_ "bus/pci/devices/$bdf" "../../../$pci/$bdf"
	mkdir -p "$S/bus/pci/drivers/nvme"
	ln_ "$pci/$bdf/driver" "../../../bus/pci/drivers/nvme"
	p="$pci/$bdf/nvme/nvme$c/nvme${c}c${c}n1"
	mkdir -p "$S/$p"
	ln_ "class/block/nvme${c}c${c}n1" "../../$p"
	h=devices/virtual/nvme-subsystem/nvme-subsys$c/nvme${c}n1
	mk "$h/dev" "259:$c"
	mk "$h/size" 2097152
	mk "$h/queue/logical_block_size" 512
	ln_ "class/block/nvme${c}n1" "../../$h"
	ln_ "dev/block/259:$c" "../../$h"
done
run 0 "$IOVCTL" --sysfs-root "$S" -j bench --engine null --all-vfs 0000:3b:00.0 --ios 100
jconsistent
jcheck '[x["name"] for x in b["targets"]] == ["0000:3b:00.1/nvme1n1", "0000:3b:00.2/nvme2n1"]' \
       '[x["path"] for x in b["targets"]] == ["/dev/nvme1n1", "/dev/nvme2n1"]' \
       '[(x["device"]["function"]["address"], x["device"]["function"]["vf_index"], x["device"]["nvme_controller"], x["device"]["nvme_path"], x["device"]["via"]) for x in b["targets"]] == [("0000:3b:00.1", 0, "nvme1", "nvme1c1n1", "multipath_head"), ("0000:3b:00.2", 1, "nvme2", "nvme2c2n1", "multipath_head")]' \
       '[x["device"]["block_device"] for x in b["targets"]] == ["nvme1n1", "nvme2n1"]' \
       '[(v["vf_index"], v["results"]["ios"]) for v in b["vfs"]] == [(0, 100), (1, 100)]'
run 0 "$IOVCTL" --sysfs-root "$S" bench --engine null 0000:3b:00.0/vf1 --ios 100
expect_out "^0000:3b:00.2/nvme2n1  \(0000:3b:00.2, 0000:3b:00.0/vf1, nvme\)$"
expect_out "^  path       nvme2c2n1 of controller nvme2, the only path of head nvme2n1: I/O to the head$"

# a path whose head was not captured: no disk, and no claim about paths
bdf=0000:3b:00.3
mk "$pci/$bdf/vendor" 0x144d
ln_ "$pci/0000:3b:00.0/virtfn2" "../$bdf"
ln_ "bus/pci/devices/$bdf" "../../../$pci/$bdf"
mkdir -p "$S/$pci/$bdf/nvme/nvme3/nvme3c3n1"
ln_ "class/block/nvme3c3n1" "../../$pci/$bdf/nvme/nvme3/nvme3c3n1"
run 4 "$IOVCTL" --sysfs-root "$S" bench 0000:3b:00.0/vf2 --ios 100
expect_err "^iovctl: no block device under PCI function '0000:3b:00.0/vf2'$"

# a second path on VF 0's head: it no longer measures VF 0 alone
p2="$pci/0000:3b:00.0/nvme/nvme0/nvme1c0n1"
mkdir -p "$S/$p2"
ln_ "class/block/nvme1c0n1" "../../$p2"
run 4 "$IOVCTL" --sysfs-root "$S" bench 0000:3b:00.0/vf0 --ios 100
expect_err "^iovctl: no disk of its own under PCI function '0000:3b:00.0/vf0': namespace nvme1c1n1 of nvme1 \(0000:3b:00.1\) is one of 2 paths of multipath head nvme1n1,"
run 0 "$IOVCTL" --sysfs-root "$S" -j bench --engine null --all-vfs 0000:3b:00.0 --ios 100
jcheck '[x["name"] for x in b["targets"]] == ["0000:3b:00.2/nvme2n1"]'
exit 0
