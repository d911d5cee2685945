#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# tests/vm/check.py without QEMU: build a guest result directory from the committed vm-sriov
# capture (its snapshot stands in for both the guest's snapshot and the reference sysfs copy,
# its lspci output is the guest's), run this iovctl's inspect over it as the guest would, and
# require check.py to pass; then change facts in the inspect JSON one at a time and require
# the inspect facet to fail on each; and make runs crash (exit 139) and require each facet that
# ran iovctl to fail, not skip.
set -u
. "$(dirname "$0")/lib.sh"
: "${IOVCTL:=$top_builddir/iovctl}"
fx="$top_srcdir/tests/fixtures/real/vm-sriov"
command -v python3 >/dev/null || skip "no python3"
command -v lspci >/dev/null || skip "no lspci"
w=$(mktemp -d); trap 'rm -rf "$w"' EXIT
o=$w/out; mkdir -p "$o/iovctl" "$o/sysfs-ref"
cp "$fx/sysfs.tar.xz" "$o/snapshot.tar.xz"
tar -xJf "$fx/sysfs.tar.xz" -C "$o/sysfs-ref"
cp "$fx/lspci-vvv-nn-D.txt" "$fx/lspci-tv.txt" "$o/"
# only what this stand-in guest runs: inspect (bench needs a real VF namespace), and snapshot,
# whose tarball the capture stands in for
"$IOVCTL" --list-cmds > "$w/cmds" 2> "$o/iovctl/list-cmds.err"
echo $? > "$o/iovctl/list-cmds.rc"
grep -x -e inspect -e snapshot -e help "$w/cmds" > "$o/iovctl/list-cmds.txt"
grep -qx snapshot "$o/iovctl/list-cmds.txt" && echo 0 > "$o/iovctl/snapshot.rc"
if grep -qx inspect "$o/iovctl/list-cmds.txt"; then
    "$IOVCTL" --sysfs-root "$o/sysfs-ref/sys" inspect --all -j > "$o/iovctl/inspect-json.out" 2> "$o/iovctl/inspect-json.err"
    echo $? > "$o/iovctl/inspect-json.rc"
fi
fail=0
python3 "$top_srcdir/tests/vm/check.py" "$o" "$IOVCTL" > "$w/log" 2>&1 || { echo "FAIL: check.py on the capture:"; cat "$w/log"; fail=1; }
cat "$w/log"
[ -s "$o/iovctl/inspect-json.out" ] || { echo "no inspect: mutations skipped"; exit $fail; }
cp "$o/iovctl/inspect-json.out" "$w/orig.json"
# each mutation: a python expression over f (one function object, by address) that breaks a fact
while IFS='|' read -r bdf expr; do
    [ -n "$bdf" ] || continue
    python3 - "$w/orig.json" "$o/iovctl/inspect-json.out" "$bdf" "$expr" <<'PY' || { echo "FAIL: cannot apply $expr"; fail=1; continue; }
import json, sys
src, dst, bdf, expr = sys.argv[1:]
j = json.load(open(src))
def walk(o):
    if isinstance(o, dict):
        if o.get('address') == bdf:
            yield o
        for v in o.values():
            yield from walk(v)
    elif isinstance(o, list):
        for v in o:
            yield from walk(v)
f = next(walk(j))
exec(expr, {'f': f, 'j': j})
json.dump(j, open(dst, 'w'))
PY
    if python3 "$top_srcdir/tests/vm/check.py" "$o" > "$w/log" 2>&1; then
        echo "FAIL: check.py missed: $bdf $expr"; fail=1
    else
        grep -q '^FAIL inspect' "$w/log" || { echo "FAIL: $bdf $expr failed another facet"; cat "$w/log"; fail=1; }
    fi
done <<'EOF2'
0000:81:00.0|f['sriov']['num_vfs'] = 3
0000:81:00.0|f['sriov']['vf_stride'] = 2
0000:81:00.0|f['sriov']['vf_device_id'] = 17
0000:81:00.0|f['sriov']['total_vfs'] = 8
0000:81:00.0|f['pcie']['link_status_width'] = 4
0000:81:00.0|f['link']['max_speed_gts'] = 8.0
0000:81:00.0|f['numa_node'] = 0
0000:81:00.2|del f['features']['ari']
0000:81:00.3|f['physfn'] = '0000:82:00.0'
0000:81:00.3|f['iommu_group'] = 15
0000:00:02.0|f['features']['acs']['capable'].remove('TB')
0000:00:02.1|f['features']['acs']['enabled'].append('EC')
0000:00:02.2|f['pcie']['ari_forwarding_supported'] = False
0000:05:00.0|f['parent'] = '0000:04:01.0'
0000:00:1f.3|f['address'] = 'gone'
EOF2
cp "$w/orig.json" "$o/iovctl/inspect-json.out"
# a guest iovctl that crashed: each facet that ran it fails (none skips), with the exit status
while IFS='|' read -r what setup facets; do
    rm -rf "$w/c"; cp -a "$o" "$w/c"
    (cd "$w/c/iovctl" && eval "$setup")
    if python3 "$top_srcdir/tests/vm/check.py" "$w/c" "$IOVCTL" > "$w/log" 2>&1; then
        echo "FAIL: check.py passed when $what"; cat "$w/log"; fail=1; continue
    fi
    for f in $facets; do
        grep -q "^FAIL $f: .*139" "$w/log" || { echo "FAIL: when $what, facet $f did not fail with the status:"; cat "$w/log"; fail=1; }
    done
done <<'EOF2'
--list-cmds crashed before any output|: > list-cmds.txt; echo 139 > list-cmds.rc|commands inspect topology snapshot replay
inspect crashed after its output|echo 139 > inspect-json.rc|inspect replay
snapshot crashed after writing it|echo 139 > snapshot.rc|snapshot
EOF2
echo "$fail failures"
exit $fail
