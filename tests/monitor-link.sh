#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# `iovctl monitor` judges a link as inspect and topology do: against the
# lower maximum of its two ends. A QEMU root port (max 16 GT/s x32) above a
# 2.5 GT/s x1 device is not degraded, and neither is the device; a device
# whose link drops below what both ends can do is (tests/monitor-golden.py
# covers that drop and its events).
set -u
. "$(dirname "$0")/lib.sh"
IOVCTL=${IOVCTL:-./iovctl}
: "${FIXTURES:?set FIXTURES to the directory holding the fixture trees}"
root=$FIXTURES/real-vm-sriov/sys
[ -d "$root" ] || skip "no real-vm-sriov fixture under $FIXTURES"
command -v python3 >/dev/null 2>&1 || skip "python3 not found"
unset IOVCTL_SYSFS_ROOT
out=$(mktemp) || exit 99
trap 'rm -f "$out"' EXIT
rc=0
"$IOVCTL" --sysfs-root "$root" monitor -j -n 1 >"$out" || rc=$?
[ $rc -eq 0 ] || { echo "FAIL: monitor exited $rc"; exit 1; }
python3 - "$out" <<'PY'
import json, sys
rows = {}
for line in open(sys.argv[1]):
    o = json.loads(line)
    if o.get("type") == "function":
        rows[o["address"]] = o
fail = 0
def expect(addr, degraded):
    global fail
    link = rows.get(addr, {}).get("link") or {}
    if link.get("degraded") is not degraded:
        print(f"FAIL: {addr} link {link}: degraded should be {degraded}")
        fail = 1
# root port: max 16 GT/s x32, its device 2.5 GT/s x1: trained as far as it can
expect("0000:00:02.0", False)
expect("0000:80:00.0", False)
# the devices below, at their own maximum
expect("0000:01:00.0", False)
expect("0000:81:00.0", False)
sys.exit(fail)
PY
