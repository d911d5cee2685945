#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# `iovctl snapshot` command line: options, exit codes, error messages, size bound, proc capture.
set -u
: "${IOVCTL:=$top_builddir/iovctl}"
w=$(mktemp -d); trap 'rm -rf "$w"' EXIT
fail=0
bad() { echo "FAIL: $*"; fail=$((fail+1)); }
# expect CODE DESCRIPTION CMD...: run, check the exit code, keep stderr in $w/err
expect() { want=$1 what=$2; shift 2; "$@" > "$w/out" 2> "$w/err"; rc=$?; [ "$rc" -eq "$want" ] || bad "$what: exit $rc, want $want ($(head -c 300 "$w/err"))"; }

# a tiny source tree: one function, a VF, an IOMMU group, a node, proc/interrupts
s=$w/src/sys
mkdir -p "$s/bus/pci/devices" "$s/bus/pci/drivers/nvme" "$s/kernel/iommu_groups/1/devices" \
    "$s/devices/pci0000:00/0000:00:01.0/0000:01:00.0" "$s/devices/pci0000:00/0000:00:01.0/0000:01:00.1" \
    "$s/devices/system/node/node0" "$w/src/proc"
f=$s/devices/pci0000:00/0000:00:01.0
for d in "$f" "$f/0000:01:00.0" "$f/0000:01:00.1"; do
    printf '0x1b36\n' > "$d/vendor"; printf '0x0010\n' > "$d/device"; printf '0x010802\n' > "$d/class"
    head -c 64 /dev/zero > "$d/config"; : > "$d/resource0"; : > "$d/remove"
    ln -s "../../../../kernel/iommu_groups/1" "$d/iommu_group" 2>/dev/null || true
done
ln -s ../0000:01:00.1 "$f/0000:01:00.0/virtfn0"; ln -s ../0000:01:00.0 "$f/0000:01:00.1/physfn"
ln -s ../../../../bus/pci/drivers/nvme "$f/0000:01:00.0/driver"
ln -s /etc "$f/0000:01:00.0/absolute"
for b in 0000:00:01.0 0000:01:00.0 0000:01:00.1; do
    p=$(cd "$s" && find devices -name "$b" -type d)
    ln -s "../../../$p" "$s/bus/pci/devices/$b"
done
ln -s "../../../../devices/pci0000:00/0000:00:01.0/0000:01:00.0" "$s/kernel/iommu_groups/1/devices/0000:01:00.0"
printf '0\n' > "$s/devices/system/node/online"; printf '0-1\n' > "$s/devices/system/node/node0/cpulist"
printf '           CPU0\n  0:         42   IO-APIC   2-edge      timer\n' > "$w/src/proc/interrupts"
chmod 200 "$f/0000:01:00.0/device" 2>/dev/null

expect 2 "no -o" "$IOVCTL" --sysfs-root "$s" snapshot
grep -q "missing -o" "$w/err" || bad "no -o: message: $(cat "$w/err")"
expect 2 "unknown option" "$IOVCTL" snapshot --no-such-option -o "$w/x"
grep -qx "iovctl: unknown option '--no-such-option'" "$w/err" || bad "unknown option message: $(cat "$w/err")"
expect 2 "-o without argument" "$IOVCTL" snapshot -o
grep -qx "iovctl: option '-o' needs an argument" "$w/err" || bad "-o message: $(cat "$w/err")"
expect 2 "--max-size without argument" "$IOVCTL" snapshot -o x --max-size
grep -qx "iovctl: option '--max-size' needs an argument" "$w/err" || bad "--max-size message: $(cat "$w/err")"
expect 2 "extra argument" "$IOVCTL" snapshot -o "$w/x" extra
expect 2 "bad --max-size" "$IOVCTL" snapshot --max-size 12X -o "$w/x"
expect 0 "--help" "$IOVCTL" snapshot --help
grep -q -- "--max-size" "$w/out" || bad "--help does not list --max-size"
expect 0 "--list-opts" "$IOVCTL" snapshot --list-opts
grep -qx -- "--output=" "$w/out" || bad "--list-opts lacks --output="

expect 0 "snapshot to DIR" "$IOVCTL" --sysfs-root "$s" snapshot -o "$w/d"
grep -q "written to '$w/d'" "$w/out" || bad "no summary line: $(cat "$w/out")"
[ -f "$w/d/proc/interrupts" ] || bad "proc/interrupts not captured (proc root defaults to <sysfs>/../proc)"
[ "$(readlink "$w/d/sys/bus/pci/devices/0000:01:00.0")" = "../../../devices/pci0000:00/0000:00:01.0/0000:01:00.0" ] ||
    bad "bus/pci/devices link: $(readlink "$w/d/sys/bus/pci/devices/0000:01:00.0")"
[ "$(readlink "$w/d/sys/$(cd "$s" && find devices -name 0000:01:00.1)/physfn")" = "../0000:01:00.0" ] || bad "physfn link"
[ -e "$w/d/sys/kernel/iommu_groups/1/devices/0000:01:00.0/vendor" ] || bad "iommu group link does not resolve"
[ -e "$w/d/sys/devices/system/node/node0/cpulist" ] || bad "node0/cpulist"
[ ! -e "$f/0000:01:00.0/absolute" ] || [ ! -L "$w/d/sys/$(cd "$s" && find devices -name 0000:01:00.0)/absolute" ] || bad "absolute link copied"
[ ! -e "$w/d/sys/devices/pci0000:00/0000:00:01.0/resource0" ] || bad "resource0 copied"
grep -q 'resource0	mapping or action' "$w/d/iovctl-snapshot.txt" || bad "manifest does not list resource0"
grep -q 'absolute	link leads outside' "$w/d/iovctl-snapshot.txt" || bad "manifest does not list the absolute link"
if [ "$(id -u)" != 0 ]; then
    grep -q 'device	write-only' "$w/d/iovctl-snapshot.txt" || bad "manifest does not list the write-only file"
fi

expect 3 "non-empty DIR" "$IOVCTL" --sysfs-root "$s" snapshot -o "$w/d"
grep -qx "iovctl: cannot write '$w/d': directory exists and is not empty" "$w/err" || bad "non-empty DIR message: $(cat "$w/err")"
expect 3 "size bound" "$IOVCTL" --sysfs-root "$s" snapshot --max-size 100 -o "$w/small.tar.gz"
grep -q "exceed 100 bytes" "$w/err" || bad "size bound message: $(cat "$w/err")"
[ ! -e "$w/small.tar.gz" ] || bad "partial tarball left behind"
[ -z "$(ls -d "$w"/small.tar.gz.tmp* 2>/dev/null)" ] || bad "temporary directory left behind"
expect 3 "unwritable output" "$IOVCTL" --sysfs-root "$s" snapshot -o "$w/no/such/dir/x.tar.gz"
grep -qx "iovctl: cannot write '$w/no/such/dir/x.tar.gz': No such file or directory" "$w/err" || bad "unwritable message: $(cat "$w/err")"
expect 3 "missing root" "$IOVCTL" --sysfs-root "$w/nonexistent" snapshot -o "$w/y"

for fmt in tar tar.gz tgz tar.xz; do
    expect 0 "snapshot .$fmt" "$IOVCTL" --sysfs-root "$s" snapshot -q -o "$w/s.$fmt"
    [ ! -s "$w/out" ] || bad "-q printed: $(cat "$w/out")"
    mkdir -p "$w/u-$fmt"; tar -xf "$w/s.$fmt" -C "$w/u-$fmt" || bad "cannot unpack .$fmt"
    diff -r --no-dereference "$w/d" "$w/u-$fmt" > "$w/diff" || bad ".$fmt differs from DIR: $(head -5 "$w/diff")"
done
cmp -s "$w/s.tar" <("$IOVCTL" --sysfs-root "$s" snapshot -q -o "$w/s2.tar" && cat "$w/s2.tar") || bad "tarballs of one tree differ (not reproducible)"
expect 0 "-j" "$IOVCTL" --sysfs-root "$s" snapshot -j -o "$w/j"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); s=d["snapshot"]; assert d["schema_version"]==1 and s["files"]>0 and s["links"]>0 and s["skipped"]["mappings_actions"]>0, d' "$w/out" ||
    bad "-j output: $(cat "$w/out")"
echo "$fail failures"
[ $fail -eq 0 ]
