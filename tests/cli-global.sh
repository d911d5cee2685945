#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The global options and dispatch: --sample and --width before or after the
# command (same output either way), --width validated (exit 2 with the
# reason), every command's --help within 80 columns, 'help CMD' the same as
# 'CMD --help', getopt errors worded as documented, options after operands.
set -u
: "${IOVCTL:=$top_builddir/iovctl}"
: "${FIXTURES:?set FIXTURES to the directory holding the fixture trees}"
export LC_ALL=C
unset IOVCTL_SYSFS_ROOT
w=$(mktemp -d) || exit 99
trap 'rm -rf "$w"' EXIT
fail=0 ran=0
bad() { echo "FAIL: $*"; fail=$((fail + 1)); }
expect() {
	local want=$1 what=$2 rc
	shift 2
	ran=$((ran + 1))
	"$@" >"$w/out" 2>"$w/err"
	rc=$?
	[ "$rc" -eq "$want" ] || bad "$what: exit $rc, want $want ($(head -c 300 "$w/err"))"
}
has() { grep -qxF -- "$3" "$2" || bad "$1: no line '$3' in: $(head -c 400 "$2")"; }

tree=$FIXTURES/switch-no-acs/sys
[ -d "$tree" ] || { echo "SKIP: fixture switch-no-acs missing"; exit 77; }

# ---- --help: 80 columns, and 'help CMD' is the same text
"$IOVCTL" --list-cmds >"$w/cmds" || bad "--list-cmds: exit $?"
for c in $(grep -vx help "$w/cmds"); do
	expect 0 "$c --help" "$IOVCTL" "$c" --help
	awk -v c="$c" 'length > 80 { print "FAIL: " c " --help: line " NR " is " length " wide: " $0; e = 1 } END { exit e }' "$w/out" ||
		fail=$((fail + 1))
	cp "$w/out" "$w/help1"
	expect 0 "help $c" "$IOVCTL" help "$c"
	cmp -s "$w/out" "$w/help1" || bad "'help $c' differs from '$c --help'"
	grep -q -- '--width N' "$w/out" || bad "$c --help does not list --width"
done
expect 0 "--help" "$IOVCTL" --help
awk 'length > 80 { print "FAIL: --help: " $0; e = 1 } END { exit e }' "$w/out" || fail=$((fail + 1))

# ---- --width: a positive integer, before or after the command
for v in 0 -3 abc 12x '' 99999999999; do
	expect 2 "--width '$v'" "$IOVCTL" --sysfs-root "$tree" inspect --width="$v"
	has "--width '$v' message" "$w/err" "iovctl: invalid --width '$v' (a positive number of columns)"
	expect 2 "--width '$v' first" "$IOVCTL" --width="$v" --sysfs-root "$tree" topology
done
expect 2 "--width without a value" "$IOVCTL" --sysfs-root "$tree" topology --width
has "--width without a value" "$w/err" "iovctl: option '--width' needs an argument"
for pos in before after; do
	if [ $pos = before ]; then
		expect 0 "--width 100 $pos" "$IOVCTL" --width 100 --sysfs-root "$tree" inspect
	else
		expect 0 "--width 100 $pos" "$IOVCTL" --sysfs-root "$tree" inspect --width 100
	fi
	grep -q '^0000:' "$w/out" || bad "--width 100 $pos: no output"
done

# ---- --sample, before or after the command, gives the same output
if "$IOVCTL" inspect --sample >"$w/after" 2>"$w/err"; then
	for c in inspect topology; do
		expect 0 "$c --sample" "$IOVCTL" "$c" --sample -j
		cp "$w/out" "$w/after"
		expect 0 "--sample $c" "$IOVCTL" --sample "$c" -j
		cmp -s "$w/out" "$w/after" || bad "'--sample $c' and '$c --sample' differ"
		grep -q '"0000:81:00.0"' "$w/out" || bad "--sample $c: not the sample"
	done
	# the sample wins over --sysfs-root, wherever each comes
	expect 0 "--sysfs-root then --sample" "$IOVCTL" --sysfs-root "$tree" topology --sample -j
	cmp -s "$w/out" "$w/after" || bad "--sample does not win over --sysfs-root"
else
	echo "note: not tested: the sample is not in the build tree ($(head -c 200 "$w/err"))"
fi

# ---- getopt errors and option placement
expect 2 "unknown long option" "$IOVCTL" --sysfs-root "$tree" inspect --bogus
has "unknown long option" "$w/err" "iovctl: unknown option '--bogus'"
has "unknown long option hint" "$w/err" "Try 'iovctl inspect --help' for more information."
expect 2 "unknown short option in a cluster" "$IOVCTL" --sysfs-root "$tree" topology -aZ
has "unknown short option" "$w/err" "iovctl: invalid option '-a'"
expect 2 "unknown global option" "$IOVCTL" --bogus inspect
has "unknown global option" "$w/err" "iovctl: unknown option '--bogus'"
expect 2 "missing argument" "$IOVCTL" --sysfs-root "$tree" inspect -s
has "missing argument" "$w/err" "iovctl: option '-s' needs an argument"
expect 2 "unknown command" "$IOVCTL" frobnicate
has "unknown command" "$w/err" "iovctl: unknown command 'frobnicate'"
expect 2 "no command" "$IOVCTL"
expect 0 "options after operands" "$IOVCTL" inspect 0000:00:01.0 --sysfs-root "$tree" -j
grep -q '"address": "0000:00:01.0"' "$w/out" || bad "options after operands: $(head -c 300 "$w/out")"
expect 4 "no such device" "$IOVCTL" --sysfs-root "$tree" inspect 0000:55:00.0
expect 0 "--list-opts of a command" "$IOVCTL" topology --list-opts
has "--list-opts lists --width" "$w/out" "--width="
has "--list-opts lists --sample" "$w/out" "--sample"

echo "$ran cases, $fail failures"
[ "$fail" -eq 0 ]
