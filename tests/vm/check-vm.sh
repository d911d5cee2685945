#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# make check-vm: boot the guest (run-vm.sh), then assert on its results on the host (check.py).
# usage: tests/vm/check-vm.sh [OUT]      env: IOVCTL, VM_CACHE, ACCEL, TIMEOUT (see run-vm.sh)
# exit: 0 all facets passed or skipped, 1 a failure, 77 QEMU cannot run here (skip)
set -u
here="$(cd "$(dirname "$(readlink -f "$0")")" && pwd)"
out="${1:-$here/out/sriov}"
: "${IOVCTL:=$here/../../iovctl}"
export IOVCTL
t0=$(date +%s)
"$here/run-vm.sh" "$out"
rc=$?
t1=$(date +%s)
[ $rc -eq 77 ] && exit 77
echo "check-vm: guest boot to poweroff $(grep -o 'wall_s=[0-9.]*' "$out/run-info.txt" 2>/dev/null | cut -d= -f2) s (whole run $((t1 - t0)) s)"
if [ $rc -ne 0 ]; then
    echo "check-vm: the guest failed (exit $rc); last lines of its log:" >&2
    tail -n 20 "$out/stage2.log" "$out/console.log" >&2 2>/dev/null
    exit 1
fi
python3 "$here/check.py" "$out" "$(readlink -f "$IOVCTL")"
