#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Converged adapters survive 'iovctl snapshot': a snapshot of the converged,
# adapter-slot and storage-fabrics fixtures must replay the same 'inspect -v' text and JSON, with the storage
# (fc_host, scsi_host) and RDMA (infiniband ports) children below each function
# and the findings they raise, the slots and the vpd attributes, the FCoE
# controllers of bus/fcoe and iSCSI hosts.
set -u
w=$(mktemp -d)
trap 'rm -rf "$w"' EXIT
fail=0
for name in converged adapter-slot storage-fabrics; do
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
check() {	# fixture, inspect args, fixed string, what was lost
	"$IOVCTL" --sysfs-root "$w/$1/sys" $2 >"$w/out" 2>&1
	grep -qF -- "$3" "$w/out" || { echo "FAIL: $1 snapshot lost $4"; fail=1; }
}
check converged "inspect --all -v" "Storage: fc_host host5 Online, port 0x10000090fa1b2c3d" "the fc_host"
check converged "inspect --all -v" "RDMA:    Ethernet port mlx5_1/1 DOWN" "the RDMA port"
check converged "inspect --all -v" "[fc-host-offline]" "the fc-host-offline finding"
check converged "inspect --all -v" "[rdma-port-down]" "the rdma-port-down finding"
check adapter-slot "inspect" "(slot 4, same VPD serial number CN0A1B2C3D)" "the slot or the VPD serial"
check storage-fabrics "inspect" "Storage: FCoE ctlr_2 on eth2, FCF Disconnected" "the FCoE controller"
check storage-fabrics "inspect" "[fcoe-no-fcf]" "the fcoe-no-fcf finding"
check storage-fabrics "inspect" "Storage: iscsi_host host7 LINK UP, 192.0.2.10" "the iSCSI host"
exit $fail
