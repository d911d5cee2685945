#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# `iovctl snapshot` of a tree must replay it: for each source tree (every fixture under
# $FIXTURES: the generator's trees and the real-kernel captures of tests/fixtures/real/, this
# host's /sys when it has PCI devices, and any tarball in $SNAPSHOT_TEST_TREES), snapshot it into
# a directory and a tarball, then check that
#   - lspci -vvv and lspci -tv over the copy equal lspci over the source,
#   - inspect --host and --check over the copy equal them over the source,
#   - every symlink is relative and resolves inside the snapshot,
#   - the tarball holds the same tree as the directory,
#   - a snapshot of the snapshot is the same tree (idempotent).
set -u
. "$(dirname "$0")/lib.sh"
: "${IOVCTL:=$top_builddir/iovctl}" "${LSPCI:=lspci}"
[ -n "$LSPCI" ] && command -v "$LSPCI" >/dev/null || skip "lspci (pciutils) not found"
w=$(mktemp -d); trap 'rm -rf "$w"' EXIT
fail=0 n=0
bad() { echo "FAIL: $*"; fail=$((fail+1)); }

trees=()
k=0
for t in ${SNAPSHOT_TEST_TREES:-}; do
    [ -f "$t" ] || continue
    k=$((k+1)); mkdir -p "$w/src$k"; tar -xJf "$t" -C "$w/src$k" || { bad "cannot unpack $t"; continue; }
    trees+=("$w/src$k/sys")
done
for t in "${FIXTURES:-/nonexistent}"/*/sys; do
    [ -d "$t/bus/pci/devices" ] && trees+=("$t")
done
if [ -n "$(ls /sys/bus/pci/devices 2>/dev/null)" ]; then
    # this host: freeze it first (live attributes such as link status may change between reads)
    if "$IOVCTL" snapshot -q -o "$w/live" 2>"$w/err"; then trees+=("$w/live/sys"); else bad "snapshot of /sys: $(cat "$w/err")"; fi
fi
[ ${#trees[@]} -gt 0 ] || skip "no source trees"

lsp() { "$LSPCI" -A linux-sysfs -O "sysfs.path=$1/bus/pci" "${@:2}" 2>&1 | grep -v 'libkmod'; }
for src in "${trees[@]}"; do
    n=$((n+1)); d="$w/out$n"
    echo "# tree $n: $src ($(ls "$src/bus/pci/devices" | wc -l) functions)"
    "$IOVCTL" --sysfs-root "$src" snapshot -o "$d" > "$w/msg" 2>&1 || { bad "snapshot of $src: $(cat "$w/msg")"; continue; }
    [ -f "$d/iovctl-snapshot.txt" ] || bad "$d: no manifest"
    for opts in "-vvv -D -nn" "-tv" "-x -D"; do
        lsp "$src" $opts > "$w/a"; lsp "$d/sys" $opts > "$w/b"
        [ -s "$w/a" ] || bad "lspci $opts shows nothing for $src"
        diff -u "$w/a" "$w/b" > "$w/diff" || bad "lspci $opts differs for $src: $(head -20 "$w/diff")"
    done
    # the host readiness checklist replays: every file the checks read was captured
    # (a live tree is already a snapshot here, so its proc/ is beside its sys/)
    "$IOVCTL" --sysfs-root "$src" inspect --host -j > "$w/a" 2>&1
    "$IOVCTL" --sysfs-root "$d/sys" inspect --host -j > "$w/b" 2>&1
    diff -u "$w/a" "$w/b" > "$w/diff" || bad "inspect --host differs for $src: $(head -20 "$w/diff")"
    # and so do the findings, those from /proc/irq (irq-remote) included
    "$IOVCTL" --sysfs-root "$src" inspect --check -j > "$w/a" 2>&1
    "$IOVCTL" --sysfs-root "$d/sys" inspect --check -j > "$w/b" 2>&1
    diff -u "$w/a" "$w/b" > "$w/diff" || bad "inspect --check differs for $src: $(head -20 "$w/diff")"
    # links: relative, and resolving (lexically) inside the snapshot
    out=$(cd "$d" && find . -type l | while read -r l; do
        t=$(readlink "$l")
        case $t in /*) echo "absolute: $l -> $t"; continue;; esac
        r=$(realpath -m -s "$(dirname "$l")/$t")
        case $r in "$d"/*) ;; *) echo "outside: $l -> $t";; esac
    done)
    [ -z "$out" ] || bad "links of the snapshot of $src: $(echo "$out" | head -5)"
    [ "$(cd "$d" && find . -type l | wc -l)" -gt 0 ] || bad "no links in the snapshot of $src"
    # tarball = directory
    "$IOVCTL" --sysfs-root "$src" snapshot -q -o "$w/t$n.tar.gz" || bad "tarball of $src"
    mkdir "$w/t$n" && tar -xzf "$w/t$n.tar.gz" -C "$w/t$n" || bad "cannot unpack $w/t$n.tar.gz"
    diff -r --no-dereference "$d" "$w/t$n" > "$w/diff" || bad "tarball differs from directory for $src: $(head -5 "$w/diff")"
    # idempotent: the snapshot of the snapshot is the same tree
    "$IOVCTL" --sysfs-root "$d/sys" snapshot -q -o "$w/again$n" || bad "snapshot of snapshot $d"
    diff -r --no-dereference "$d/sys" "$w/again$n/sys" > "$w/diff" || bad "snapshot of snapshot differs for $src: $(head -5 "$w/diff")"
done
echo "$n trees checked, $fail failures"
[ $fail -eq 0 ]
