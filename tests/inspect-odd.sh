#!/bin/bash
# Bad input: a fixture tree damaged the ways real ones are (empty and
# truncated files, garbage in attributes, dangling and looping links, a
# function removed mid-walk) must give a report and clear messages, never
# a crash; a missing or empty root gives one line and exit 3.
set -u
. "$(dirname "$0")/lib.sh"
fail=0
bad() { echo "FAIL: $*"; fail=1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cp -a "$FIXTURES/nic-64vf-ari" "$tmp/t"
dev=$tmp/t/sys/bus/pci/devices
pf=$(readlink -f "$dev/0000:81:00.0")
: >"$pf/config"				# empty config: the link from the attributes,
echo 8 >"$pf/current_link_width"	# trained down to 8 GT/s x8 of 16 GT/s x16
echo "8.0 GT/s PCIe" >"$pf/current_link_speed"
echo garbage >"$pf/resource"
echo abc >"$pf/numa_node"
printf '\377\376' >"$pf/sriov_numvfs"	# not a number
vf0=$(readlink -f "$dev/0000:81:01.0")
head -c 100 "$vf0/config" >"$tmp/c" && cp "$tmp/c" "$vf0/config"	# truncated
rm -rf "$(readlink -f "$dev/0000:81:01.1")"	# vanished, links left dangling
ln -s ../../../devices/nowhere/0000:99:00.0 "$dev/0000:99:00.0"
vf2=$(readlink -f "$dev/0000:81:01.2")
echo 99999999999999999999999 >"$vf2/max_link_width"
printf 'RxErr\nTOTAL_ERR_COR' >"$vf2/aer_dev_correctable"
ln -sf iommu_group "$vf2/iommu_group"	# a link to itself

run=("$IOVCTL" --color=never --sysfs-root "$tmp/t/sys")
# valgrind cannot run an ASan binary; in that build the sanitizers watch instead
if [ -n "${IOV_SANITIZERS:-}" ]; then
	:
elif command -v valgrind >/dev/null 2>&1; then
	run=(valgrind -q --error-exitcode=99 "${run[@]}")
else
	partial "valgrind not found (Debian package valgrind): damaged trees not run under it"
fi
"${run[@]}" inspect --all -vv >"$tmp/out" 2>"$tmp/err"
rc=$?
[ $rc -eq 0 ] || bad "inspect --all -vv on a damaged tree: exit $rc: $(cat "$tmp/err")"
grep -q '? of 128 VFs enabled' "$tmp/out" || bad "unreadable sriov_numvfs not shown as unknown"
grep -q '0000:81:01.0: extended capability list: config space truncated at 0x100' "$tmp/out" ||
	bad "truncated config not reported"
grep -q '^0000:81:01.1' "$tmp/out" && bad "a vanished function is listed"
grep -q '^0000:99:00.0' "$tmp/out" && bad "a dangling function link is listed"
[ "$(wc -l <"$tmp/err")" -eq 1 ] && grep -q 'is incomplete in this tree' "$tmp/err" ||
	bad "expected one line about unreadable config, got: $(cat "$tmp/err")"
"${run[@]}" inspect --all -j >"$tmp/json" 2>/dev/null
rc=$?
[ $rc -eq 0 ] || bad "inspect -j on a damaged tree: exit $rc"
python3 -m json.tool "$tmp/json" >/dev/null || bad "JSON of a damaged tree does not parse"
# numa_node "abc" is unknown, not node 0; a VF's readable node stays what it says
python3 - "$tmp/json" <<'PY' || bad "garbage in numa_node not read as unknown"
import json, sys
f = {x["address"]: x for x in json.load(open(sys.argv[1]))["functions"]}
assert f["0000:81:00.0"]["numa_node"] is None, f["0000:81:00.0"]["numa_node"]
assert f["0000:81:01.3"]["numa_node"] == 1, f["0000:81:01.3"]["numa_node"]
PY
python3 - "$tmp/json" <<'PY' || bad "the link of a function without config space is not the attributes'"
import json, sys
f = {x["address"]: x for x in json.load(open(sys.argv[1]))["functions"]}
want = {"current_speed_gts": 8.0, "current_width": 8, "max_speed_gts": 16.0, "max_width": 16}
assert f["0000:81:00.0"]["link"] == want, f["0000:81:00.0"]["link"]
PY
grep -q "^ *NUMA: *unknown (multi-node host)" "$tmp/out" || bad "garbage in numa_node: NUMA not shown as unknown"

# roots that are not sysfs
"$IOVCTL" --sysfs-root "$tmp/none" inspect >/dev/null 2>"$tmp/err"
rc=$?
[ $rc -eq 3 ] && [ "$(wc -l <"$tmp/err")" -eq 1 ] && grep -q "cannot use '$tmp/none' as the sysfs root: No such file or directory" "$tmp/err" ||
	bad "missing root: exit $rc, $(cat "$tmp/err")"
mkdir "$tmp/empty"
"$IOVCTL" --sysfs-root "$tmp/empty" inspect >/dev/null 2>"$tmp/err"
rc=$?
[ $rc -eq 3 ] && grep -q "cannot read PCI devices under '$tmp/empty'" "$tmp/err" ||
	bad "root without bus/pci: exit $rc, $(cat "$tmp/err")"
IOVCTL_SYSFS_ROOT=$tmp/none "$IOVCTL" inspect >/dev/null 2>&1
[ $? -eq 3 ] || bad "IOVCTL_SYSFS_ROOT is not honoured"

# no command, an unknown one: usage errors; a full disk on stdout: a write error, not success
"$IOVCTL" >/dev/null 2>"$tmp/err"
rc=$?
[ $rc -eq 2 ] && grep -q '^Usage: iovctl' "$tmp/err" || bad "no command: exit $rc, $(head -n 2 "$tmp/err")"
"$IOVCTL" frobnicate >/dev/null 2>"$tmp/err"
rc=$?
[ $rc -eq 2 ] && grep -qx "iovctl: unknown command 'frobnicate'" "$tmp/err" || bad "unknown command: exit $rc, $(cat "$tmp/err")"
for c in "inspect --all" "topology -j"; do
	# shellcheck disable=SC2086 # the command and its options
	"$IOVCTL" --sysfs-root "$FIXTURES/nic-64vf-ari/sys" $c >/dev/full 2>"$tmp/err"
	rc=$?
	[ $rc -eq 3 ] && grep -qx "iovctl: write error on standard output: No space left on device" "$tmp/err" ||
		bad "$c to a full disk: exit $rc, $(cat "$tmp/err")"
done

[ $fail -eq 0 ] && echo "damaged trees: ok"
exit $fail
