#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Golden output of `iovctl snapshot` over the committed real-kernel snapshots: the -j summary
# and the number of files and links in each directory must stay as reviewed in
# tests/expected/snapshot/<fixture>.{json,list}. `tests/snapshot-golden.sh --update` rewrites
# them. Also checks the sample the build tree ships (IOVCTL_SAMPLE_DIR) and --sample where a
# subcommand offers it.
set -u
. "$(dirname "$0")/lib.sh"
: "${IOVCTL:=$top_builddir/iovctl}"
update=0; [ "${1:-}" = --update ] && update=1
w=$(mktemp -d); trap 'rm -rf "$w"' EXIT
fail=0 n=0
bad() { echo "FAIL: $*"; fail=$((fail+1)); }
golden() {     # golden NAME FILE
    want="$top_srcdir/tests/expected/snapshot/$1"
    if [ $update = 1 ]; then mkdir -p "${want%/*}"; cp "$2" "$want"; echo "updated $want"; return; fi
    diff -u "$want" "$2" > "$w/diff" || bad "$1 differs from the golden output: $(head -30 "$w/diff")"
}
for t in "$top_srcdir"/tests/fixtures/real/*/sysfs.tar.xz; do
    [ -f "$t" ] || continue
    name=$(basename "$(dirname "$t")"); n=$((n+1))
    mkdir -p "$w/$name"; tar -xJf "$t" -C "$w/$name"
    (cd "$w" && "$IOVCTL" --sysfs-root "$name/sys" snapshot -j -o "out-$name") > "$w/$name.json" 2>"$w/err" ||
        { bad "snapshot of $name: $(cat "$w/err")"; continue; }
    golden "$name.json" "$w/$name.json"
    # per directory: how many files and links it holds
    (cd "$w/out-$name" && find . -mindepth 1 ! -type d -printf '%h %y\n' | LC_ALL=C sort | uniq -c |
        awk '{ k = $2; n[k] = n[k] " " $1 ($3 == "l" ? " links" : " files") } END { for (k in n) print k ":" n[k] }' |
        LC_ALL=C sort) > "$w/$name.list"
    golden "$name.list" "$w/$name.list"
done
[ $n -gt 0 ] || skip "no committed snapshots in tests/fixtures/real"

# the sample: an SR-IOV PF with VFs, NUMA node 1, IOMMU groups
s="${IOVCTL_SAMPLE_DIR:-/nonexistent}"
[ -d "$s/sys" ] && s="$s/sys"     # the snapshot directory or its sys/
if [ -d "$s/bus" ]; then
    pf=$(grep -l '^[1-9]' "$s"/bus/pci/devices/*/sriov_numvfs 2>/dev/null | head -1)
    [ -n "$pf" ] || bad "the sample has no SR-IOV PF with VFs"
    [ -n "$(ls "$s/kernel/iommu_groups" 2>/dev/null)" ] || bad "the sample has no IOMMU groups"
    [ -d "$s/devices/system/node/node1" ] || bad "the sample has no NUMA node 1"
    "$IOVCTL" --list-cmds > "$w/cmds" || bad "iovctl --list-cmds: exit $?"
    # --sample is global: before or after the command, where the command reads a tree
    for c in $(cat "$w/cmds"); do
        "$IOVCTL" "$c" --list-opts 2>/dev/null | grep -qx -- '--sample' || continue
        case $c in
        snapshot) args="-o $w/snap-$c" ;;
        monitor) args="-b -n 1" ;;	# one frame, not a watch until killed
        *) args= ;;
        esac
        for form in "--sample $c" "$c --sample"; do
            rm -rf "$w/snap-$c"
            # shellcheck disable=SC2086
            "$IOVCTL" $form $args > "$w/sample.out" 2>&1; rc=$?
            [ $c = snapshot ] && ls "$w/snap-$c/sys/bus/pci/devices" >> "$w/sample.out" 2>&1
            [ $rc -le 1 ] && grep -q '81:00\.0' "$w/sample.out" || bad "iovctl $form: exit $rc, $(head -c 300 "$w/sample.out")"
            rm -rf "$w/snap-$c"
            # shellcheck disable=SC2086
            IOVCTL_SAMPLE_DIR="$w/none" "$IOVCTL" $form $args > /dev/null 2> "$w/err"
            [ $? -eq 3 ] && grep -q "^iovctl: cannot use .*$w/none" "$w/err" || bad "iovctl $form without a sample: $(cat "$w/err")"
        done
    done
    for c in inspect topology snapshot; do
        grep -qx "$c" "$w/cmds" && ! "$IOVCTL" "$c" --list-opts | grep -qx -- '--sample' &&
            bad "iovctl $c --list-opts does not offer --sample"
    done
    # bench measures this host: it refuses the sample, and does not offer it
    "$IOVCTL" --sample bench > /dev/null 2> "$w/err"; rc=$?
    [ $rc -eq 2 ] && grep -q "^iovctl: --sample does not apply to bench" "$w/err" || bad "iovctl --sample bench: exit $rc, $(cat "$w/err")"
    ! "$IOVCTL" bench --list-opts | grep -qx -- '--sample' || bad "iovctl bench --list-opts offers --sample"
else
    partial "the sample: none in the build tree (IOVCTL_SAMPLE_DIR unset)"
fi
echo "$n snapshots checked, $fail failures"
[ $fail -eq 0 ]
