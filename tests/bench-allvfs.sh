#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# --all-vfs and PF/vfN over a synthetic sysfs tree: targets found through the
# VFs, their identity in the report, fairness, interference. The null engine
# stands in for the disks, which exist only in the tree.
. "${top_srcdir:-.}/tests/bench-lib.sh"
bench_setup
S=$WORK/sysfs
pci=devices/pci0000:3a/0000:3a:00.0

mk() { mkdir -p "$(dirname "$S/$1")" && printf '%s\n' "$2" >"$S/$1"; }
ln_() { mkdir -p "$(dirname "$S/$1")" && ln -s "$2" "$S/$1"; }

# disk DIR NAME MAJ:MIN
disk() {
	mk "$1/$2/dev" "$3"
	mk "$1/$2/size" 2097152
	mk "$1/$2/queue/logical_block_size" 512
	mkdir -p "$S/$1/$2/holders"
	ln_ "class/block/$2" "../../$1/$2"
	ln_ "dev/block/$3" "../../$1/$2"
}

mk "$pci/0000:3b:00.0/vendor" 0x8086
for vf in 0 1 2; do
	bdf=0000:3b:00.$((vf + 2))
	mk "$pci/$bdf/vendor" 0x8086
	mk "$pci/$bdf/numa_node" 0
	ln_ "$pci/0000:3b:00.0/virtfn$vf" "../$bdf"
	ln_ "$pci/$bdf/physfn" "../0000:3b:00.0"
	ln_ "bus/pci/devices/$bdf" "../../../$pci/$bdf"
	mkdir -p "$S/bus/pci/drivers/nvme"
	ln_ "$pci/$bdf/driver" "../../../bus/pci/drivers/nvme"
done
ln_ "bus/pci/devices/0000:3b:00.0" "../../../$pci/0000:3b:00.0"
disk "$pci/0000:3b:00.2/nvme/nvme0" nvme0n1 259:0
disk "$pci/0000:3b:00.3/nvme/nvme1" nvme1n1 259:1
disk "$pci/0000:3b:00.3/nvme/nvme1" nvme1n2 259:2
# VF 2 has no disk (unbound): skipped

run 0 "$IOVCTL" --sysfs-root "$S" -j bench --engine null --all-vfs 3b:00.0 --ios 20000 --qd 4
jconsistent
jcheck 'len(b["targets"]) == 3' \
       '[x["name"] for x in b["targets"]] == ["0000:3b:00.2/nvme0n1", "0000:3b:00.3/nvme1n1", "0000:3b:00.3/nvme1n2"]' \
       '[x["device"]["function"]["vf_index"] for x in b["targets"]] == [0, 1, 1]' \
       '[x["device"]["function"]["address"] for x in b["targets"]] == ["0000:3b:00.2", "0000:3b:00.3", "0000:3b:00.3"]' \
       'all(x["device"]["function"]["physfn"] == "0000:3b:00.0" and x["device"]["function"]["role"] == "vf" for x in b["targets"])' \
       'all(x["device"]["function"]["driver"] == "nvme" and x["device"]["function"]["numa_node"] == 0 for x in b["targets"])' \
       'b["targets"][0]["device"]["path"] if False else b["targets"][0]["path"] == "/dev/nvme0n1"' \
       'b["aggregate"]["ios"] == 60000' \
       '[(v["address"], v["role"], v["physfn"], v["vf_index"], len(v["targets"]), v["results"]["ios"]) for v in b["vfs"]] == [("0000:3b:00.2", "vf", "0000:3b:00.0", 0, 1, 20000), ("0000:3b:00.3", "vf", "0000:3b:00.0", 1, 2, 40000)]' \
       'b["fairness"]["over"] == "vfs"' 'close(b["fairness"]["jain_index"], jain([v["results"]["iops"] for v in b["vfs"]]))'

# automatic pinning: each job on the CPUs of its target's node (node 0 in the tree). The CPUs
# come from libnuma, that is from this host, whose node 0 always exists when NUMA is on.
if [ -r /sys/devices/system/node/node0/cpulist ]; then
	node0=$(cat /sys/devices/system/node/node0/cpulist)
	jcheck 's["pin"] == "auto"' 'all(x["placement"]["pinned"] for x in b["targets"])' \
	       'all(x["placement"]["cpus_allowed"] == "'"$node0"'" for x in b["targets"])' \
	       'all(cpus(x["placement"]["cpus_used"]) <= cpus("'"$node0"'") for x in b["targets"])'
else
	partial "automatic NUMA pinning: this host has no NUMA node 0 in /sys"
fi
run 0 "$IOVCTL" --sysfs-root "$S" bench --engine null --all-vfs 0000:3b:00.0 --interference --ios 20000
expect_out "^interference: IOPS of each target alone and all together$"
expect_out "^TARGET +ALONE +TOGETHER +RATIO$"
expect_out "^0000:3b:00.3/nvme1n2 +[1-9][0-9]* +[1-9][0-9]* +[0-9.]+$"
expect_out "Jain's index"
expect_out "^VF +ADDRESS +DISKS +IOPS +BW +P99 +LINK$"
expect_out "^0000:3b:00.0/vf1 +0000:3b:00.3 +2 +[1-9][0-9]* "
expect_out "^fairness: Jain's index [0-9.]+ over 2 VFs"
run 0 "$IOVCTL" --sysfs-root "$S" -j bench --engine null --all-vfs 0000:3b:00.0 --interference --ios 2000
jcheck 'all(x["interference"]["alone"]["ios"] == 2000 for x in b["targets"])' \
       'all(x["interference"]["together_vs_alone_iops"] > 0 for x in b["targets"])'

# one VF by PF/vfN, and the function itself
run 0 "$IOVCTL" --sysfs-root "$S" -j bench --engine null 0000:3b:00.0/vf1 --ios 100
jcheck '[x["device"]["block_device"] for x in b["targets"]] == ["nvme1n1", "nvme1n2"]'

# no such PF, a PF without VFs, a VF without disks (the real engine resolves first)
run 4 "$IOVCTL" --sysfs-root "$S" bench --all-vfs 0000:3c:00.0
run 4 "$IOVCTL" --sysfs-root "$S" bench --all-vfs 0000:3b:00.2
expect_err "has no VFs"
run 4 "$IOVCTL" --sysfs-root "$S" bench 0000:3b:00.4
expect_err "no block device under PCI function '0000:3b:00.4'"
run 2 "$IOVCTL" --sysfs-root "$S" bench --all-vfs 0000:3b:00.0 /dev/null
exit 0
