#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# `iovctl topology` against its peers on every fixture tree in $FIXTURES:
# parent/child structure against `lspci -t -O sysfs.path=TREE/bus/pci`, and
# NUMA placement and link bandwidth against hwloc
# (`HWLOC_FSROOT=TREE/.. lstopo-no-graphics --of xml`) where it is installed.
# The comparison itself is tests/topology-peers.py. Exit 77 when lspci or
# every fixture is missing.
set -u
. "$(dirname "$0")/lib.sh"
srcdir=${top_srcdir:-$(cd "$(dirname "$0")/.." && pwd)}
IOVCTL=${IOVCTL:-./iovctl}
LSPCI=${LSPCI:-lspci}
: "${FIXTURES:?set FIXTURES to the directory holding the fixture trees}"
LC_ALL=C
export LC_ALL
unset IOVCTL_SYSFS_ROOT

command -v "$LSPCI" >/dev/null 2>&1 || skip "lspci (pciutils) not found"
lstopo=$(command -v lstopo-no-graphics 2>/dev/null)
[ -n "$lstopo" ] || partial "NUMA placement against hwloc: lstopo-no-graphics (hwloc) not found"
out=$(mktemp -d) || exit 99
trap 'rm -rf "$out"' EXIT

ran=0 fail=0
for dir in "$FIXTURES"/*/; do
	dir=${dir%/}
	name=$(basename "$dir")
	[ -d "$dir/sys/bus/pci" ] || continue
	ran=$((ran + 1))
	if ! "$IOVCTL" --sysfs-root "$dir/sys" topology -j --vfs >"$out/$name.json" 2>"$out/$name.err"; then
		echo "FAIL: $name: iovctl topology: $(head -c 300 "$out/$name.err")"
		fail=$((fail + 1))
		continue
	fi
	if ! "$LSPCI" -t -O sysfs.path="$dir/sys/bus/pci" >"$out/$name.lspci" 2>"$out/$name.err"; then
		echo "FAIL: $name: lspci -t: $(head -c 300 "$out/$name.err")"
		fail=$((fail + 1))
		continue
	fi
	set -- "$out/$name.json" "$out/$name.lspci"
	# hwloc falls back to this machine when the tree lacks CPU topology
	if [ -n "$lstopo" ] && [ -d "$dir/sys/devices/system/node" ] &&
	   HWLOC_FSROOT=$dir "$lstopo" --of xml --filter io:all >"$out/$name.xml" 2>"$out/$name.err"; then
		if grep -q "aborting linux discovery" "$out/$name.err"; then
			echo "note: $name: hwloc cannot read this tree's CPU topology: NUMA not compared"
		else
			set -- "$@" "$out/$name.xml"
		fi
	fi
	# a real-kernel capture also carries the guest's own lstopo XML
	guest=$srcdir/tests/fixtures/real/${name#real-}/lstopo.xml
	if [ "$name" != "${name#real-}" ] && [ -f "$guest" ] && [ $# -eq 3 ]; then
		if ! r=$(python3 "$srcdir/tests/topology-peers.py" "$out/$name.json" "$out/$name.lspci" "$guest" 2>&1); then
			echo "FAIL: $name: against the guest's own lstopo.xml:"
			echo "$r" | sed 's/^/    /'
			fail=$((fail + 1))
		fi
	fi
	if r=$(python3 "$srcdir/tests/topology-peers.py" "$@" 2>&1); then
		echo "ok: $name: $(echo "$r" | tail -n 1)"
	else
		echo "FAIL: $name:"
		echo "$r" | sed 's/^/    /'
		fail=$((fail + 1))
	fi
done
[ $ran -gt 0 ] || skip "no fixture trees under '$FIXTURES'"
echo "$ran fixtures, $fail failed"
[ $fail -eq 0 ]
