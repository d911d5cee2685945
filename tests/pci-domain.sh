#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# PCI domains above ffff (Intel VMD, Hyper-V) and malformed addresses, over
# the vmd-domain fixture: every way in (inspect, topology, bench targets,
# PF/vfN, --all-vfs, the completions' addresses) and a snapshot round trip.
# Malformed addresses are usage errors (exit 2, one line saying what is
# wrong); a well-formed one that names nothing is exit 4.
set -u
: "${IOVCTL:=$top_builddir/iovctl}" "${FIXTURES:?FIXTURES not set (run via make check)}"
R=$FIXTURES/vmd-domain/sys
[ -d "$R/bus/pci/devices" ] || { echo "FAIL: fixture vmd-domain missing under $FIXTURES"; exit 1; }
export LC_ALL=C
unset IOVCTL_SYSFS_ROOT
w=$(mktemp -d) || exit 99
trap 'rm -rf "$w"' EXIT
fail=0
bad() { echo "FAIL: $*"; fail=$((fail + 1)); }

# run RC ARGS...: iovctl over the fixture must exit RC; output in $w/out, $w/err
run() {
	local want=$1 rc
	shift
	"$IOVCTL" --sysfs-root "$R" "$@" >"$w/out" 2>"$w/err"
	rc=$?
	[ $rc -eq "$want" ] || bad "iovctl $*: exit $rc, expected $want: $(head -c 300 "$w/err")"
}

# usage ERRLINE ARGS...: exit 2, exactly ERRLINE on stderr, nothing on stdout
usage() {
	local msg=$1
	shift
	run 2 "$@"
	[ "$(cat "$w/err")" = "$msg" ] || bad "iovctl $*: stderr '$(cat "$w/err")', expected '$msg'"
	[ -s "$w/out" ] && bad "iovctl $*: printed on stdout: $(head -c 200 "$w/out")"
}

# json EXPR ARGS...: run (exit 0) with -j; the python EXPR over d must hold
json() {
	local expr=$1
	shift
	run 0 -j "$@"
	python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); sys.exit(0 if eval(sys.argv[2]) else 1)' \
		"$w/out" "$expr" || bad "iovctl -j $*: not true: $expr"
}

# ---- inspect: every function, once, by its full address ----------------------
json 'd["host"]["functions"] == 9 and len(d["functions"]) == 9' inspect --all
json 'sorted(f["address"] for f in d["functions"]) == ["0000:00:00.0", "0000:00:0e.0", "10000:00:02.0", "10000:00:03.0", "10000:00:04.0", "10000:01:00.0", "10000:02:00.0", "10000:02:00.1", "10000:02:00.2"]' inspect --all
json '[f["address"] for f in d["functions"]] == ["10000:01:00.0"]' inspect 10000:01:00.0
json '[f["address"] for f in d["functions"]] == ["10000:00:04.0"]' inspect vda
json '[f["address"] for f in d["functions"]] == ["10000:01:00.0"]' inspect nvme0n1
json '[f["address"] for f in d["functions"]] == ["10000:02:00.1"]' inspect /dev/nvme2n1
json '[f["address"] for f in d["functions"]] == ["10000:01:00.0"]' inspect -s 10000:01:
json '[f["address"] for f in d["functions"]] == ["10000:01:00.0"]' inspect -s 00010000:01:00.0
json '[f["address"] for f in d["functions"]] == ["10000:02:00.1", "10000:02:00.2"]' inspect -d 144d:0a55
json 'd["functions"] == []' inspect -s 0000:01:
json '[f["parent"] for f in d["functions"]] == ["10000:00:03.0"]' inspect 10000:02:00.0
json '[f["root_bus"] for f in d["functions"]] == ["pci10000:00"]' inspect 10000:00:04.0
run 4 inspect 10001:00:00.0
run 4 inspect 0000:01:00.0

# ---- topology: a root of its own, under the VMD endpoint as in sysfs ----------
json '[h["host_bridge"] for h in d["topology"]["host_bridges"]] == ["pci0000:00"]' topology
vmd='d["topology"]["host_bridges"][0]["children"][1]'
json "$vmd[\"address\"] == \"0000:00:0e.0\" and [(h[\"host_bridge\"], h[\"domain\"], h[\"bus\"]) for h in $vmd[\"children\"]] == [(\"pci10000:00\", 65536, 0)]" topology
json "[c[\"address\"] for c in $vmd[\"children\"][0][\"children\"]] == [\"10000:00:02.0\", \"10000:00:03.0\", \"10000:00:04.0\"]" topology
# the path up from a drive runs through the VMD endpoint
run 0 topology -o ADDRESS 10000:01:00.0
[ "$(tr -d ' |`\\-' <"$w/out" | sed 's/^[^0-9a-zA-Z]*//' | tr '\n' ' ')" = "ADDRESS pci0000:00 0000:00:0e.0 pci10000:00 10000:00:02.0 10000:01:00.0 " ] ||
	bad "topology 10000:01:00.0: $(cat "$w/out")"
# the kernel's nesting, as the shared contract tool reads it (where it is)
tool=${top_srcdir:-.}/../shared/tools/compare_tree.py
if [ -f "$tool" ]; then
	for f in vmd-domain hyperv-vf; do
		"$IOVCTL" --sysfs-root "$FIXTURES/$f/sys" topology -j --vfs >"$w/t.json" &&
			python3 "$tool" "$w/t.json" "$FIXTURES/$f/sys" >"$w/cmp" 2>&1 ||
			bad "$f: topology nesting differs from the kernel's: $(head -5 "$w/cmp")"
	done
fi
run 0 topology -o ADDRESS 10000:02:00.1
grep -q '10000:02:00.1' "$w/out" || bad "topology 10000:02:00.1 does not show it: $(cat "$w/out")"
run 4 topology 10001:00:00.0

# ---- malformed addresses: usage errors, for every command ---------------------
for cmd in inspect topology; do
	usage "iovctl: invalid PCI address '0000:81:00.9': function must be 0-7" $cmd 0000:81:00.9
	usage "iovctl: invalid PCI address '0x81:00.0': fields are hex without a 0x prefix" $cmd 0x81:00.0
	usage "iovctl: invalid PCI address '81:20.0': device must be 00-1f (1-2 hex digits)" $cmd 81:20.0
	usage "iovctl: invalid PCI address '0000:181:00.0': bus must be 00-ff (1-2 hex digits)" $cmd 0000:181:00.0
	usage "iovctl: invalid PCI address '100000000:01:00.0': domain must be 0-ffffffff (1-8 hex digits)" $cmd 100000000:01:00.0
	usage "iovctl: invalid PCI address '81:00': expected [domain:]bus:device.function" $cmd 81:00
done
b=(bench --engine null --ios 50)
usage "iovctl: invalid PCI address '0000:81:00.9': function must be 0-7" "${b[@]}" 0000:81:00.9
usage "iovctl: invalid PCI address '10000:02:20.0': device must be 00-1f (1-2 hex digits)" "${b[@]}" 10000:02:20.0/vf0
usage "iovctl: invalid PCI address '0x10000:02:00.0': fields are hex without a 0x prefix" "${b[@]}" --all-vfs 0x10000:02:00.0

# ---- bench: targets resolve through the 32-bit domain -------------------------
# a well-formed address that names nothing: exit 4, saying so (any engine that does I/O)
run 4 bench --ios 50 10001:00:00.0
[ "$(cat "$w/err")" = "iovctl: no PCI function '10001:00:00.0' under '$R'" ] ||
	bad "bench 10001:00:00.0: $(cat "$w/err")"
json '[(t["device"]["block_device"], t["device"]["function"]["address"]) for t in d["bench"]["targets"]] == [("nvme0n1", "10000:01:00.0")]' "${b[@]}" 10000:01:00.0
json '[(t["device"]["function"]["address"], t["device"]["function"]["physfn"], t["device"]["function"]["vf_index"]) for t in d["bench"]["targets"]] == [("10000:02:00.1", "10000:02:00.0", 0)]' "${b[@]}" 10000:02:00.0/vf0
json '[t["device"]["block_device"] for t in d["bench"]["targets"]] == ["nvme2n1"]' "${b[@]}" --all-vfs 10000:02:00.0
json '[(t["device"]["block_device"], t["device"]["function"]["address"]) for t in d["bench"]["targets"]] == [("vda", "10000:00:04.0")]' "${b[@]}" 10000:00:04.0

# a file's placement follows the disk it lives on (dev/block/MAJ:MIN): make
# that disk nvme0n1 behind VMD in a copy of the tree
cp -a "$R" "$w/tree" && head -c 65536 /dev/zero >"$w/file" || bad "cannot copy the fixture"
mkdir -p "$w/tree/dev/block"
blk=$(cd "$w/tree" && realpath --relative-to=dev/block "$(readlink -f class/block/nvme0n1)")
ln -s "$blk" "$w/tree/dev/block/$(stat -c '%Hd:%Ld' "$w/file")"
"$IOVCTL" --sysfs-root "$w/tree" -j bench --engine null --ios 50 "$w/file" >"$w/out" 2>"$w/err" ||
	bad "bench of a file on nvme0n1: $(cat "$w/err")"
python3 -c 'import json, sys; t = json.load(open(sys.argv[1]))["bench"]["targets"][0]["device"]; sys.exit(0 if t["function"]["address"] == "10000:01:00.0" and t["function"]["driver"] == "nvme" else 1)' "$w/out" ||
	bad "a file on nvme0n1 is not placed on 10000:01:00.0: $(head -c 600 "$w/out")"

# ---- the completions offer what the commands accept ---------------------------
for addr in $(ls "$R/bus/pci/devices"); do
	"$IOVCTL" --sysfs-root "$R" inspect -q "$addr" >/dev/null 2>"$w/err" ||
		bad "inspect $addr (as completed from bus/pci/devices): $(cat "$w/err")"
done

# ---- snapshot: the copy replays the same answers ------------------------------
run 0 snapshot -q -o "$w/snap"
for args in "inspect --all -j" "topology -j --vfs" "inspect -v 10000:02:00.0" "inspect vda"; do
	# shellcheck disable=SC2086 # split on purpose
	"$IOVCTL" --sysfs-root "$R" $args >"$w/a" 2>&1
	# shellcheck disable=SC2086
	"$IOVCTL" --sysfs-root "$w/snap/sys" $args >"$w/b" 2>&1
	diff -u "$w/a" "$w/b" >"$w/diff" || bad "snapshot replays '$args' differently: $(head -20 "$w/diff")"
done
"$IOVCTL" --sysfs-root "$w/snap/sys" -j inspect --all >"$w/out" 2>/dev/null
python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); sys.exit(0 if d["host"]["functions"] == 9 else 1)' "$w/out" ||
	bad "the snapshot's inspect does not count 9 functions"

[ $fail -eq 0 ] && echo "pci domains and addresses: ok"
exit $((fail > 0))
