#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Golden tests for `iovctl topology`: run every case of tests/golden/topology.cases
# on its fixture tree and diff the output against tests/expected/topology/.
# DOT output must also render with graphviz (`dot -Tsvg`).
#
# Under `make check` the environment (IOVCTL, FIXTURES, top_srcdir) comes from
# tests/Makemodule.am. By hand, from a build tree:
#   FIXTURES=tests/fixtures/gen tests/golden-topology.sh [CASE...]
# After a deliberate change of output, rewrite the expected files and review
# the diff before committing it:
#   FIXTURES=tests/fixtures/gen tests/golden-topology.sh --update [CASE...]
# A case whose fixture does not exist is skipped with a message; the script
# exits 77 (skip) only when no case could run.
set -u
. "$(dirname "$0")/lib.sh"
update=no
if [ "${1:-}" = --update ]; then
	update=yes
	shift
fi
srcdir=${top_srcdir:-$(cd "$(dirname "$0")/.." && pwd)}
IOVCTL=${IOVCTL:-./iovctl}
: "${FIXTURES:?set FIXTURES to the directory holding the fixture trees}"
cases=$srcdir/tests/golden/topology.cases
expdir=$srcdir/tests/expected/topology
LC_ALL=C
export LC_ALL
unset COLUMNS NO_COLOR IOVCTL_SYSFS_ROOT

have_dot=no
command -v dot >/dev/null 2>&1 && have_dot=yes
out=$(mktemp -d) || exit 99
trap 'rm -rf "$out"' EXIT

pass=0 fail=0 skip=0 missing=""
while read -r name fixture args; do
	case $name in ''|'#'*) continue ;; esac
	if [ $# -gt 0 ]; then
		want=no
		for c in "$@"; do [ "$c" = "$name" ] && want=yes; done
		[ $want = yes ] || continue
	fi
	ext=txt
	case " $args " in
	*" -j "*|*" --json "*) ext=json ;;
	*" --dot "*) ext=dot ;;
	esac
	root=$FIXTURES/$fixture/sys
	if [ ! -d "$root" ]; then
		echo "SKIP: $name: no fixture '$fixture' ($root)"
		skip=$((skip + 1))
		case " $missing " in *" $fixture "*) ;; *) missing="$missing $fixture" ;; esac
		continue
	fi
	# shellcheck disable=SC2086 # ARGS are split on purpose
	"$IOVCTL" --color=never --sysfs-root "$root" topology $args >"$out/$name.$ext" 2>"$out/$name.err"
	rc=$?
	if [ $rc -ne 0 ]; then
		echo "FAIL: $name: exit $rc: $(head -c 300 "$out/$name.err")"
		fail=$((fail + 1))
		continue
	fi
	if [ $ext = dot ] && [ $have_dot = yes ] &&
	   ! dot -Tsvg "$out/$name.dot" >/dev/null 2>"$out/$name.doterr"; then
		echo "FAIL: $name: dot cannot render it: $(head -c 300 "$out/$name.doterr")"
		fail=$((fail + 1))
		continue
	fi
	if [ $update = yes ]; then
		cp "$out/$name.$ext" "$expdir/$name.$ext"
		echo "updated: $expdir/$name.$ext"
		continue
	fi
	if diff -u "$expdir/$name.$ext" "$out/$name.$ext"; then
		pass=$((pass + 1))
	else
		echo "FAIL: $name: output differs from $expdir/$name.$ext"
		fail=$((fail + 1))
	fi
done <"$cases"

[ $have_dot = yes ] || partial "DOT rendering: graphviz 'dot' not found"
echo "$pass passed, $fail failed, $skip skipped${missing:+ (missing fixtures:$missing)}"
[ $fail -eq 0 ] || exit 1
[ $update = yes ] && exit 0
[ $skip -gt 0 ] && [ $pass -gt 0 ] && partial "cases whose fixtures are missing:$missing"
[ $pass -eq 0 ] && [ $skip -gt 0 ] && skip "no case could run"
exit 0
