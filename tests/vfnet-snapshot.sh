#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# NIC VF settings survive 'iovctl snapshot': a snapshot of nic-64vf-ari (whose PF 81:00.0 has
# its VF settings recorded in vfstate/0000:81:00.0/net-vfs) must record the same settings and
# replay the same 'inspect -v' text and JSON for the PF and its VFs. A snapshot of no-iommu
# (nothing recorded) must note why in its manifest (iovctl-snapshot.txt) and replay "unknown", not nothing.
set -u
w=$(mktemp -d)
trap 'rm -rf "$w"' EXIT
fail=0
src=$FIXTURES/nic-64vf-ari
rec=vfstate/0000:81:00.0/net-vfs
[ -f "$src/$rec" ] || { echo "FAIL: fixture nic-64vf-ari has no $rec"; exit 1; }
"$IOVCTL" --sysfs-root "$src/sys" snapshot -q -o "$w/nic" || { echo "FAIL: snapshot"; exit 1; }
if ! cmp -s "$src/$rec" "$w/nic/$rec"; then
	echo "FAIL: the snapshot recorded other VF settings:"
	diff -u "$src/$rec" "$w/nic/$rec" | head -20
	fail=1
fi
for args in "inspect -v 81:00.0 81:01.0 81:01.1 81:01.2 81:01.3 81:01.4 81:01.5" "inspect --all -j"; do
	"$IOVCTL" --sysfs-root "$src/sys" $args >"$w/want" 2>&1
	"$IOVCTL" --sysfs-root "$w/nic/sys" $args >"$w/got" 2>&1
	if ! cmp -s "$w/want" "$w/got"; then
		echo "FAIL: '$args' differs after snapshot:"
		diff -u "$w/want" "$w/got" | head -20
		fail=1
	fi
done
# the facts the comparison is about are there to compare
grep -q "NIC VF:  eth0 vf 1: MAC 00:00:00:00:00:00, spoof checking on, link-state disable" "$w/got" 2>/dev/null ||
	"$IOVCTL" --sysfs-root "$w/nic/sys" inspect 81:01.1 | grep -q "NIC VF:  eth0 vf 1: .*link-state disable" ||
	{ echo "FAIL: the replayed snapshot lost VF 1's link state"; fail=1; }
"$IOVCTL" --sysfs-root "$w/nic/sys" inspect -j 81:00.0 | grep -q '"function": "0000:81:08.7"' ||
	{ echo "FAIL: the replayed snapshot lost the join of VF 63 to 81:08.7"; fail=1; }

"$IOVCTL" --sysfs-root "$FIXTURES/no-iommu/sys" snapshot -q -o "$w/bare" || { echo "FAIL: snapshot no-iommu"; exit 1; }
[ ! -e "$w/bare/vfstate/0000:01:00.0/net-vfs" ] || { echo "FAIL: no-iommu: a net-vfs out of nothing"; fail=1; }
grep -q "0000:01:00.0/net-vfs" "$w/bare/iovctl-snapshot.txt" ||
	{ echo "FAIL: no-iommu: the manifest does not say net-vfs was not recorded"; fail=1; }
"$IOVCTL" --sysfs-root "$w/bare/sys" inspect 01:00.0 | grep -q "NIC VFs: VF settings unknown (not recorded in this snapshot)" ||
	{ echo "FAIL: no-iommu replay does not mark the VF settings unknown"; fail=1; }
[ $fail = 0 ] && echo "ok: NIC VF settings survive snapshot and replay"
exit $fail
