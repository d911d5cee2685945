#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# iovctl's NVMe secondary controller list against nvme-cli's: for every real-kernel capture
# (tests/fixtures/real/*/) that holds `nvme list-secondary` output next to its snapshot, the
# snapshot replayed by `iovctl inspect -j` must list the same controllers with the same SCID,
# PCID, state, VF number and VQ/VI resources. Exit 77 when no capture has one.
set -u
: "${IOVCTL:=$top_builddir/iovctl}" "${top_srcdir:=.}"
w=$(mktemp -d); trap 'rm -rf "$w"' EXIT
n=0 fail=0
for ls in "$top_srcdir"/tests/fixtures/real/*/*-list-secondary.txt; do
    [ -f "$ls" ] || continue
    dir=$(dirname "$ls"); name=$(basename "$dir")
    [ -f "$dir/sysfs.tar.xz" ] || continue
    n=$((n+1))
    mkdir -p "$w/$name" && tar -xJf "$dir/sysfs.tar.xz" -C "$w/$name" || { echo "FAIL: unpack $name"; fail=1; continue; }
    "$IOVCTL" --sysfs-root "$w/$name/sys" inspect --all -j > "$w/$name.json" 2>"$w/err" ||
        { echo "FAIL: iovctl on $name: $(cat "$w/err")"; fail=1; continue; }
    python3 - "$w/$name.json" "$ls" <<'PY' || fail=1
import json, re, sys
doc = json.load(open(sys.argv[1]))
# nvme-cli: "SCID : Secondary Controller Identifier : 0x0001" per entry
cli, cur = [], None
for line in open(sys.argv[2]):
    m = re.match(r'\s*(SCID|PCID|SCS|VFN|NVQ|NVI)\s*:.*:\s*(0x[0-9a-fA-F]+|\d+)', line)
    if not m:
        continue
    k, v = m.group(1), int(m.group(2), 0)
    if k == 'SCID':
        cur = {}
        cli.append(cur)
    cur[k] = v
ours = [f for f in doc['functions'] if f.get('nvme_secondary')]
if not ours or not ours[0]['nvme_secondary']['known']:
    sys.exit('FAIL: %s: iovctl has no secondary controller list' % sys.argv[2])
got = [{'SCID': c['scid'], 'PCID': c['pcid'], 'SCS': int(c['online']), 'VFN': c['vf_number'],
        'NVQ': c['vq'], 'NVI': c['vi']} for c in ours[0]['nvme_secondary']['controllers']]
if got != cli or not cli:
    sys.exit('FAIL: %s\n  nvme-cli: %s\n  iovctl:   %s' % (sys.argv[2], cli, got))
print('ok: %s: %d secondary controllers agree with nvme list-secondary' % (sys.argv[2], len(cli)))
PY
done
[ $n -gt 0 ] || { echo "SKIP: no capture with nvme list-secondary output"; exit 77; }
exit $fail
