#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# make check-vm: boot the guest (run-vm.sh), then assert on its results on the host (check.py).
# usage: tests/vm/check-vm.sh [OUT]      env: IOVCTL, VM_CACHE, ACCEL, TIMEOUT (see run-vm.sh)
# exit: 0 all facets passed or skipped, 1 a failure, 77 QEMU cannot run here (skip; a failure
# under IOVCTL_TEST_STRICT=1, as in CI). Every failure ends with a "# FAIL: N" line.
set -u
here="$(cd "$(dirname "$(readlink -f "$0")")" && pwd)"
. "$here/../lib.sh"
out="${1:-$here/out/sriov}"
: "${IOVCTL:=$here/../../iovctl}"
export IOVCTL
t0=$(date +%s)
"$here/run-vm.sh" "$out"
rc=$?
t1=$(date +%s)
if [ $rc -eq 77 ]; then
    strict && echo "# FAIL: 1"
    skip "check-vm: QEMU cannot start a guest here"
fi
echo "check-vm: guest boot to poweroff $(grep -o 'wall_s=[0-9.]*' "$out/run-info.txt" 2>/dev/null | cut -d= -f2) s (whole run $((t1 - t0)) s)"
echo "check-vm: $(head -n 1 "$out/run-info.txt" 2>/dev/null)"
if [ $rc -ne 0 ]; then
    echo "check-vm: FAIL: the guest failed (run-vm.sh exit $rc); last lines of its log:"
    tail -n 20 "$out/stage2.log" "$out/console.log" 2>/dev/null
    echo "# FAIL: 1"
    exit 1
fi
python3 "$here/check.py" "$out" "$(readlink -f "$IOVCTL")" | tee "$out/check.log"
rc=${PIPESTATUS[0]}
# a traceback leaves no summary: count it as a failure all the same
if [ "$rc" -ne 0 ] && ! grep -q '^# FAIL: [1-9]' "$out/check.log"; then
    echo "check-vm: FAIL: check.py exited $rc without its summary (see above)"
    echo "# FAIL: 1"
    [ "$rc" -eq 77 ] && rc=1
fi
exit "$rc"
