#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# iovctl-bench(8) lints cleanly and documents every option the binary has.
. "${top_srcdir:-.}/tests/bench-lib.sh"
bench_setup
man=$top_srcdir/man/iovctl-bench.8

if command -v mandoc >/dev/null 2>&1; then
	mandoc -Tlint -W warning "$man" >"$WORK/lint" 2>&1
	[ -s "$WORK/lint" ] && { cat "$WORK/lint" >&2; fail "mandoc -Tlint warns"; }
else
	partial "lint of iovctl-bench.8: mandoc missing"
fi

run 0 "$IOVCTL" bench --list-opts
cp "$WORK/out" "$WORK/opts"
missing=""
for o in $(sed 's/=$//' "$WORK/out"); do
	# roff spells --fixed-buffers as \-\-fixed\-buffers
	pat=$(printf '%s' "$o" | sed 's/-/\\\\-/g')
	grep -q -- "$pat" "$man" || missing="$missing $o"
done
[ -z "$missing" ] || fail "iovctl-bench.8 lacks:$missing"
# and --help too
run 0 "$IOVCTL" bench --help
sed 's/=$//' "$WORK/opts" | while read -r o; do
	grep -q -- "$o" "$WORK/out" || { echo "--help lacks $o" >&2; exit 1; }
done || fail "--help misses an option"
exit 0
