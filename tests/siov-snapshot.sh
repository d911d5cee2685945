#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Scalable IOV readiness, sharing and VF migration survive 'iovctl snapshot': a snapshot
# of the siov-dsa, siov-not-ready, ntb-switchtec and vf-migration fixtures must replay the
# same 'inspect -v' text and JSON (VT-d ecap, iommufd, idxd work queues,
# NTB devices, Switchtec partitions, the VFs' vfio_pci aliases, findings).
set -u
w=$(mktemp -d)
trap 'rm -rf "$w"' EXIT
fail=0
for name in siov-dsa siov-not-ready ntb-switchtec vf-migration; do
	src=$FIXTURES/$name/sys
	[ -d "$src" ] || { echo "FAIL: no fixture $name"; fail=1; continue; }
	"$IOVCTL" --sysfs-root "$src" snapshot -q -o "$w/$name" || { echo "FAIL: $name: snapshot"; fail=1; continue; }
	for args in "inspect --all -v" "inspect --all -j"; do
		"$IOVCTL" --sysfs-root "$src" $args >"$w/want" 2>&1
		"$IOVCTL" --sysfs-root "$w/$name/sys" $args >"$w/got" 2>&1
		if ! cmp -s "$w/want" "$w/got"; then
			echo "FAIL: $name: '$args' differs after snapshot:"
			diff -u "$w/want" "$w/got" | head -20
			fail=1
		fi
	done
	echo "ok: $name"
done
# the facts the comparison is about are there to compare
grep -q "work queue dsa0/wq0.0: dedicated, enabled" "$w/want" 2>/dev/null ||
	"$IOVCTL" --sysfs-root "$w/siov-dsa/sys" inspect -v | grep -q "work queue dsa0/wq0.0: dedicated, enabled" ||
	{ echo "FAIL: siov-dsa snapshot lost its work queues"; fail=1; }
"$IOVCTL" --sysfs-root "$w/siov-dsa/sys" inspect -j | grep -q '"vtd_scalable_mode_units": 1' ||
	{ echo "FAIL: siov-dsa snapshot lost the VT-d ecap"; fail=1; }
"$IOVCTL" --sysfs-root "$w/siov-dsa/sys" inspect -j | grep -q '"iommufd": true' ||
	{ echo "FAIL: siov-dsa snapshot lost iommufd"; fail=1; }
"$IOVCTL" --sysfs-root "$w/ntb-switchtec/sys" inspect --all | grep -q "switch partitioning (switchtec0, partition 0 of 2)" ||
	{ echo "FAIL: ntb-switchtec snapshot lost the switch partitions"; fail=1; }
"$IOVCTL" --sysfs-root "$w/ntb-switchtec/sys" inspect --all | grep -q "(NTB device 0000:01:00.1)" ||
	{ echo "FAIL: ntb-switchtec snapshot lost the NTB device"; fail=1; }
"$IOVCTL" --sysfs-root "$w/vf-migration/sys" inspect --vfs | grep -q "Migrate: mlx5_vfio_pci supports VFIO migration; bound to vfio-pci" ||
	{ echo "FAIL: vf-migration snapshot lost the modules.alias lookup"; fail=1; }
exit $fail
