#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# The VPD serial number iovctl reads from a function's vpd attribute agrees
# with lspci -vv's "[SN] Serial number:" on the same tree, function by
# function (adapter-slot fixture: two cards told apart by VPD, no DSN).
. "$(dirname "$0")/lib.sh"
command -v "${LSPCI:-lspci}" >/dev/null 2>&1 || skip "lspci not found"
root=$FIXTURES/adapter-slot/sys
[ -d "$root" ] || { echo "FAIL: no fixture adapter-slot"; exit 1; }
fail=0
n=0
for addr in 0000:01:00.0 0000:01:01.0 0000:02:00.0 0000:02:00.1; do
	want=$("${LSPCI:-lspci}" -vv -D -O sysfs.path="$root/bus/pci" -s "$addr" 2>/dev/null |
		sed -n 's/^[[:space:]]*\[SN\] Serial number: //p')
	# no pipe: a crash after the JSON must not hide behind sed's status
	json=$("$IOVCTL" --sysfs-root "$root" inspect -j "$addr") || {
		echo "FAIL: $addr: iovctl inspect -j exited $?"
		fail=1
		continue
	}
	got=$(printf '%s\n' "$json" | sed -n 's/^ *"vpd_serial_number": "\(.*\)",\{0,1\}$/\1/p')
	if [ -z "$want" ] || [ "$want" != "$got" ]; then
		echo "FAIL: $addr: lspci SN '$want', iovctl '$got'"
		fail=1
	else
		n=$((n + 1))
	fi
done
echo "ok: $n VPD serial numbers agree with lspci"
exit $fail
