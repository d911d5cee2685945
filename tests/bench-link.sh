#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# The link ceiling: a target under a PCI function reports its throughput as
# a share of the path's bottleneck, the number topology computes for that
# function (null, or "ceiling unknown", when a link is not reported). The
# null engine stands in for the disks of the fixture trees.
. "${top_srcdir:-.}/tests/bench-lib.sh"
bench_setup
fx=${top_srcdir:-.}/tests/fixtures/gen

# topo TREE BDF: topology's bottleneck of BDF in GB/s (from its JSON), for comparison
topo() {
	"$IOVCTL" --sysfs-root "$1" -j topology | python3 -c '
import json, sys
def walk(n):
    yield n
    for c in n.get("children", []):
        yield from walk(c)
d = json.load(sys.stdin)["topology"]
for h in d["host_bridges"]:
    for n in walk(h):
        if n.get("address") == sys.argv[1]:
            print(round(n["bottleneck_bytes_per_s"] / 1e9, 3))
' "$2"
}

# an NVMe PF at 16 GT/s x4 and its VFs: all behind the PF's own link
S=$fx/nvme-vf/sys
pf_gbps=$(topo "$S" 0000:01:00.0)
[ "$pf_gbps" = 7.877 ] || fail "topology's bottleneck of the fixture's PF is '$pf_gbps'"
run 0 "$IOVCTL" --sysfs-root "$S" -j bench --engine null --ios 5000 --all-vfs 0000:01:00.0
jconsistent
jcheck 'len(b["targets"]) == 3' \
       'all(abs(x["device"]["link_ceiling_bytes_per_s"] - '"$pf_gbps"' * 1e9) < 1e6 for x in b["targets"])' \
       'all(close(x["device"]["link_ceiling_bytes_per_s"], 16e9 * 128 / 130 / 8 * 4) for x in b["targets"])' \
       'all(x["device"]["link_ceiling_speed_gts"] == 16 and x["device"]["link_ceiling_width"] == 4 for x in b["targets"])' \
       'all(x["device"]["link_ceiling_at"] == "0000:01:00.0" for x in b["targets"])' \
       'all(close(x["results"]["link_ceiling_share"], x["results"]["bw_bytes"] / x["device"]["link_ceiling_bytes_per_s"]) for x in b["targets"])' \
       'close(b["aggregate"]["link_ceiling_share"], b["aggregate"]["bw_bytes"] / b["targets"][0]["device"]["link_ceiling_bytes_per_s"])' \
       'all(close(v["results"]["link_ceiling_share"], v["results"]["bw_bytes"] / b["targets"][0]["device"]["link_ceiling_bytes_per_s"]) for v in b["vfs"])'
run 0 "$IOVCTL" --sysfs-root "$S" bench --engine null --ios 5000 --all-vfs 0000:01:00.0
expect_out "^  link       [0-9]+\.[0-9]{2} GB/s, [0-9.]+% of the x4 Gen4 ceiling \(7\.88 GB/s at 0000:01:00\.0\)$"
[ "$(grep -c '^  link  ' "$WORK/out")" = 4 ] || fail "not a link line for each of 3 targets and the aggregate"
expect_out "^VF +BDF +DISKS +IOPS +MB/s +P99 +LINK$"
expect_out "^0 +0000:01:00\.1 +1 +[0-9]+ +[0-9.]+ +[0-9.]+[nmu]?s +[0-9.]+%$"
# the percentage is the throughput over the ceiling
python3 - "$WORK/out" <<'PY' || fail "text share is not the throughput over the ceiling"
import re, sys
for m in re.finditer(r"^  link       ([0-9.]+) GB/s, ([0-9.]+)% of .* \(([0-9.]+) GB/s", open(sys.argv[1]).read(), re.M):
    bw, pct, ceil = map(float, m.groups())
    assert abs(bw / ceil * 100 - pct) <= 0.5 + pct * 0.002, m.group(0)
PY

# a Gen3 x4 disk behind a VMD domain; two targets on two links: no common ceiling
S=$fx/vmd-domain/sys
run 0 "$IOVCTL" --sysfs-root "$S" bench --engine null --ios 2000 10000:01:00.0
expect_out "^  link       [0-9.]+ GB/s, [0-9.]+% of the x4 Gen3 ceiling \(3\.94 GB/s at 10000:01:00\.0\)$"
run 0 "$IOVCTL" --sysfs-root "$S" -j bench --engine null --ios 2000 10000:01:00.0 10000:00:04.0
jcheck '[x["device"]["link_ceiling_at"] for x in b["targets"]] == ["10000:01:00.0", "10000:00:04.0"]' \
       'abs(b["targets"][0]["device"]["link_ceiling_bytes_per_s"] - '"$(topo "$S" 10000:01:00.0)"' * 1e9) < 1e6' \
       'b["aggregate"]["link_ceiling_share"] is None'

# a tree without link state: unknown, said so; a target with no PCI function: nothing
S=$WORK/sysfs
pci=devices/pci0000:3a/0000:3a:00.0/0000:3b:00.0
mkdir -p "$S/$pci/nvme/nvme0/nvme0n1/queue" "$S/class/block" "$S/dev/block" "$S/bus/pci/devices"
echo 0x8086 >"$S/$pci/vendor"
echo 259:0 >"$S/$pci/nvme/nvme0/nvme0n1/dev"
echo 2097152 >"$S/$pci/nvme/nvme0/nvme0n1/size"
ln -s "../../$pci/nvme/nvme0/nvme0n1" "$S/class/block/nvme0n1"
ln -s "../../$pci/nvme/nvme0/nvme0n1" "$S/dev/block/259:0"
ln -s "../../../$pci" "$S/bus/pci/devices/0000:3b:00.0"
run 0 "$IOVCTL" --sysfs-root "$S" bench --engine null --ios 100 0000:3b:00.0
expect_out "^  link       ceiling unknown \(a link on the path to the root port is not reported\)$"
run 0 "$IOVCTL" --sysfs-root "$S" -j bench --engine null --ios 100 0000:3b:00.0 disk-b
jcheck 'b["targets"][0]["device"]["bdf"] == "0000:3b:00.0"' \
       'all(x["device"]["link_ceiling_bytes_per_s"] is None and x["results"]["link_ceiling_share"] is None for x in b["targets"])' \
       'b["aggregate"]["link_ceiling_share"] is None'
run 0 "$IOVCTL" --sysfs-root "$S" bench --engine null --ios 100 disk-b
grep -q '^  link ' "$WORK/out" && fail "a link line for a target with no PCI function"
exit 0
