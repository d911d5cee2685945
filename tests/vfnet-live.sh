#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# The live rtnetlink query of NIC VF settings (iov_net_vfs_query, through tests/net-vfs-query)
# on real kernel objects: a veth pair in a network namespace this test makes. netdevsim (real
# VFs) is not assumed; a veth has no VF info, so the query must answer 0 VFs without error.
# A name missing from the namespace - including one that exists only in another namespace,
# as a PF netdev moved elsewhere - must give ENODEV (exit 4, "No such device"), which inspect
# shows as "no netdev of the PF in this network namespace". Needs root and iproute2.
set -u
. "$(dirname "$0")/lib.sh"
q=${top_builddir:-.}/tests/net-vfs-query
[ -x "$q" ] || { echo "FAIL: no $q"; exit 1; }
[ "$(id -u)" = 0 ] || skip "needs root to make a network namespace"
command -v ip >/dev/null 2>&1 || skip "no ip (iproute2)"
ns=iovctl-vfnet-$$
ip netns add "$ns" 2>/dev/null || skip "cannot make a network namespace (ip netns add)"
w=$(mktemp -d)
trap 'ip netns del "$ns" 2>/dev/null; rm -rf "$w"' EXIT
ip -n "$ns" link add vfnt0 type veth peer name vfnt1 || { echo "FAIL: cannot make a veth pair"; exit 1; }
fail=0

ip netns exec "$ns" "$q" vfnt0 >"$w/out" 2>"$w/err"; r=$?
if [ $r != 0 ] || ! grep -qx "netdev=vfnt0" "$w/out" || grep -q "^vf=" "$w/out" || [ -s "$w/err" ]; then
	echo "FAIL: veth vfnt0: exit $r, want 0 and 0 VFs:"; cat "$w/out" "$w/err"; fail=1
fi

ip netns exec "$ns" "$q" vfnt-none >"$w/out" 2>"$w/err"; r=$?
if [ $r != 4 ] || ! grep -qx "net-vfs-query: vfnt-none: No such device" "$w/err"; then
	echo "FAIL: missing interface: exit $r, want 4 and ENODEV:"; cat "$w/out" "$w/err"; fail=1
fi

# vfnt0 is in $ns, not here: as a PF netdev in another namespace
if ! ip link show vfnt0 >/dev/null 2>&1; then
	"$q" vfnt0 >"$w/out" 2>"$w/err"; r=$?
	if [ $r != 4 ] || ! grep -qx "net-vfs-query: vfnt0: No such device" "$w/err"; then
		echo "FAIL: netdev in another namespace: exit $r, want 4 and ENODEV:"; cat "$w/out" "$w/err"; fail=1
	fi
else
	partial "an interface vfnt0 exists in this namespace too"
fi
[ $fail = 0 ] && echo "ok: live rtnetlink query: veth 0 VFs, missing and other-namespace netdev ENODEV"
exit $fail
