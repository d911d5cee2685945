#!/bin/bash
# Golden output tests: run iovctl over fixture sysfs trees and diff the
# output against tests/expected/CMD/NAME.out, as util-linux does.
#
#   tests/run-golden.sh CMD            compare (exit 1 on any difference)
#   tests/run-golden.sh CMD --update   rewrite the expected files; review
#                                      the change with git diff before commit
#
# Cases are in tests/golden/CMD.cases, one per line:
#   NAME FIXTURE ARGS...
# FIXTURE names a tree under $FIXTURES (made by tests/fixtures/mkfixture.py
# or unpacked from tests/fixtures/real/). Each expected file holds stdout,
# then stderr and the exit status, with the fixture path replaced by @ROOT@.
set -u
cmd=${1:?usage: run-golden.sh CMD [--update]}
update=${2:-}
: "${top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${IOVCTL:=$top_srcdir/iovctl}"
: "${FIXTURES:=$top_srcdir/tests/fixtures/gen}"
cases=$top_srcdir/tests/golden/$cmd.cases
expdir=$top_srcdir/tests/expected/$cmd
export LC_ALL=C NO_COLOR=1
unset IOVCTL_SYSFS_ROOT

run_case() {
	local fixture=$1; shift
	local root=$FIXTURES/$fixture/sys out err rc
	out=$(mktemp) err=$(mktemp)
	"$IOVCTL" --color=never --sysfs-root "$root" "$@" >"$out" 2>"$err"
	rc=$?
	cat "$out"
	if [ -s "$err" ]; then
		echo "-- stderr --"
		sed "s|$root|@ROOT@|g" "$err"
	fi
	echo "-- exit $rc --"
	rm -f "$out" "$err"
}

pass=0 fail=0
mkdir -p "$expdir"
while read -r name fixture args; do
	case $name in ''|'#'*) continue ;; esac
	if [ ! -d "$FIXTURES/$fixture/sys" ]; then
		echo "FAIL: $cmd/$name: fixture '$fixture' missing under $FIXTURES"
		fail=$((fail + 1))
		continue
	fi
	# shellcheck disable=SC2086 # args are split on purpose
	got=$(run_case "$fixture" $args)
	if [ "$update" = --update ]; then
		printf '%s\n' "$got" >"$expdir/$name.out"
		echo "updated: $cmd/$name"
		continue
	fi
	if diff -u --label "expected/$cmd/$name.out" --label "got" "$expdir/$name.out" - <<<"$got"; then
		pass=$((pass + 1))
	else
		echo "FAIL: $cmd/$name ($fixture: iovctl $args)"
		fail=$((fail + 1))
	fi
done <"$cases"
echo "golden $cmd: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
