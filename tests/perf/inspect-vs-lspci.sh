#!/bin/bash
# Benchmark, not a test: iovctl inspect against lspci -vvv on the same
# large fixture (8 SR-IOV PFs x 256 VFs behind switches, > 2,000 functions).
# Prints the median wall and CPU time of each over ROUNDS alternating runs
# and the ratios iovctl/lspci for inspect -vv and inspect -vv -j. Target
# (issue 11): CPU ratio <= 0.7 each, aim 0.5; CPU time (user + system) is
# what a shared machine disturbs least, so the verdict is on it.
#
#   tests/perf/inspect-vs-lspci.sh [ROUNDS]      (run from a built tree)
set -eu
rounds=${1:-5}
top=$(cd "$(dirname "$0")/../.." && pwd)
iovctl=${IOVCTL:-$top/iovctl}
lspci=${LSPCI:-lspci}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

python3 "$top/tests/fixtures/mkfixture.py" "$tmp" large >/dev/null
root=$tmp/large/sys
nfn=$(ls "$root/bus/pci/devices" | wc -l)
echo "fixture: $nfn functions"

# "wall cpu" seconds for one run of "$@", output discarded; CPU time (user
# + system) is the steadier figure on a busy machine. A run that fails (exit
# above 1, inspect's findings) or crashes stops the benchmark: its time means nothing.
timed() {
	local rc=0
	/usr/bin/time -f '%e %U %S' -o "$tmp/time" "$@" >/dev/null 2>&1 || rc=$?
	[ $rc -le 1 ] || { echo "$1 exited $rc" >&2; exit 1; }
	awk '{printf "%s %.3f\n", $1, $2 + $3}' "$tmp/time"
}

# median of column $1
median() { awk -v c="$1" '{print $c}' | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# warm the page cache once for both
timed "$lspci" -vvv -O "sysfs.path=$root/bus/pci" >/dev/null
timed "$iovctl" --sysfs-root "$root" inspect --all -vv >/dev/null

: >"$tmp/l"; : >"$tmp/t"; : >"$tmp/j"
for ((i = 0; i < rounds; i++)); do
	timed "$lspci" -vvv -O "sysfs.path=$root/bus/pci" >>"$tmp/l"
	timed "$iovctl" --sysfs-root "$root" inspect --all -vv >>"$tmp/t"
	timed "$iovctl" --sysfs-root "$root" inspect --all -vv -j >>"$tmp/j"
done
target=${TARGET:-0.7}
met=yes
report() {
	local name=$1 f=$2 w c lw lc rc
	w=$(median 1 <"$f") c=$(median 2 <"$f")
	lw=$(median 1 <"$tmp/l") lc=$(median 2 <"$tmp/l")
	rc=$(echo "$c / $lc" | bc -l)
	printf '%-28s wall %6.3f s  cpu %6.3f s   ratio wall %.2f  cpu %.2f\n' "$name" "$w" "$c" \
		"$(echo "$w / $lw" | bc -l)" "$rc"
	[ "$(echo "$rc <= $target" | bc -l)" = 1 ] || met=no
}
echo "median of $rounds alternating rounds; ratio = iovctl / lspci -vvv (target cpu <= $target, aim 0.5)"
report 'lspci -vvv' "$tmp/l"
report 'iovctl inspect --all -vv' "$tmp/t"
report 'iovctl inspect --all -vv -j' "$tmp/j"
echo "target (cpu ratio <= $target for -vv and -vv -j): $([ $met = yes ] && echo met || echo NOT met)"
