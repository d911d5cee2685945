#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# inspect -s/-d side by side with lspci -s/-d: on every fixture tree, the
# same filter strings must select the same set of functions (both use
# libpci's pci_filter_*), and a malformed one is a usage error (exit 2)
# carrying the reason lspci gives.
set -u
. "$(dirname "$0")/lib.sh"
: "${LSPCI:=lspci}"
command -v "$LSPCI" >/dev/null 2>&1 || skip "lspci not found (Debian package pciutils)"
command -v python3 >/dev/null 2>&1 || skip "python3 not found"
[ -d "$FIXTURES" ] || { echo "FAIL: no fixtures under $FIXTURES"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# one selection per line, as the words given to both tools
selections='-s 00:
-s 81:
-s .1
-s 0000:
-s 10000:01:
-s 0:0.0
-s *:*.3
-s 81: -s .2
-d 1b36:
-d 8086:
-d :0010
-d ::0108
-d ::01xx
-d ::0108:02
-d ::0108:00
-d ::0604:00
-d ::06xx
-d ::x2xx
-d 1b36::0108
-d *:*:0200
-s 81: -d ::0108
-d 1b36: -d ::0604'

fail=0 n=0 nonempty=0
for root in "$FIXTURES"/*/sys; do
	name=$(basename "$(dirname "$root")")
	[ "$name" = large ] && continue
	while IFS= read -r sel; do
		n=$((n + 1))
		# shellcheck disable=SC2086 # the selection is words on purpose
		"$LSPCI" -D -O "sysfs.path=$root/bus/pci" $sel 2>"$tmp/lerr" | cut -d' ' -f1 | sort >"$tmp/want"
		# shellcheck disable=SC2086
		"$IOVCTL" --sysfs-root "$root" -j inspect $sel >"$tmp/json" 2>"$tmp/err"
		rc=$?
		if [ $rc -gt 1 ]; then
			echo "FAIL: $name: inspect $sel: exit $rc: $(cat "$tmp/err")"
			fail=1
			continue
		fi
		python3 -c 'import json, sys
for f in json.load(open(sys.argv[1]))["functions"]:
    print(f["address"])' "$tmp/json" | sort >"$tmp/got"
		[ -s "$tmp/want" ] && nonempty=$((nonempty + 1))
		if ! diff -u --label "lspci $sel" --label "iovctl inspect $sel" "$tmp/want" "$tmp/got" >"$tmp/diff"; then
			echo "FAIL: $name: $sel selects other functions than lspci:"
			cat "$tmp/diff"
			fail=1
		fi
	done <<<"$selections"
done
[ $n -gt 0 ] || { echo "FAIL: no fixture trees in $FIXTURES"; exit 1; }
# a comparison of empty sets proves nothing: most selections must pick something
[ $nonempty -ge $((n / 4)) ] || { echo "FAIL: only $nonempty of $n selections matched anything"; fail=1; }
echo "ok: $n selections compared, $nonempty non-empty"

# malformed filters: exit 2, with lspci's own reason
root=$(ls -d "$FIXTURES"/*/sys | head -n 1)
while read -r opt arg; do
	reason=$("$LSPCI" -O "sysfs.path=$root/bus/pci" "$opt" "$arg" 2>&1 >/dev/null | sed -n 's/^lspci: -[sd]: //p')
	[ -n "$reason" ] || { echo "FAIL: lspci $opt '$arg' was not refused"; fail=1; continue; }
	"$IOVCTL" --sysfs-root "$root" inspect "$opt" "$arg" >/dev/null 2>"$tmp/err"
	rc=$?
	first=$(head -n 1 "$tmp/err")
	# libpci's reason, its first letter lowered to fit our messages
	want=$(printf '%s' "${reason:0:1}" | tr 'A-Z' 'a-z')${reason:1}
	if [ $rc -ne 2 ] || [ "${first#*": $want ("}" = "$first" ]; then
		echo "FAIL: inspect $opt '$arg': exit $rc, '$first' (want 2 and '...: $want')"
		fail=1
	else
		echo "ok: inspect $opt '$arg': $first"
	fi
done <<'BAD'
-s 81x:
-s 10000:
-s 1:2:3:4
-s 80000000::
-s 3b:20
-s 3b:00.8
-d 8086
-d 18086:
-d 8086:zz
-d ::10200
-d ::0108:100
BAD
exit $fail
