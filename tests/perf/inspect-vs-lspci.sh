#!/bin/bash
# Benchmark, not a test: iovctl inspect against lspci -vvv on the same
# large fixture (8 SR-IOV PFs x 256 VFs behind switches, > 2,000 functions).
# Prints the median wall time of each over ROUNDS alternating runs and the
# ratio iovctl/lspci (target <= 1.0, aim <= 0.5).
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

# seconds (float) for one run of "$@", output discarded
timed() {
	local s e
	s=$(date +%s.%N)
	"$@" >/dev/null 2>&1 || true
	e=$(date +%s.%N)
	echo "$e - $s" | bc -l
}

median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# warm the page cache once for both
"$lspci" -vvv -O "sysfs.path=$root/bus/pci" >/dev/null 2>&1 || true
"$iovctl" --sysfs-root "$root" inspect --all -vv >/dev/null 2>&1 || true

: >"$tmp/l"; : >"$tmp/t"; : >"$tmp/j"
for ((i = 0; i < rounds; i++)); do
	timed "$lspci" -vvv -O "sysfs.path=$root/bus/pci" >>"$tmp/l"
	timed "$iovctl" --sysfs-root "$root" inspect --all -vv >>"$tmp/t"
	timed "$iovctl" --sysfs-root "$root" inspect --all -vv -j >>"$tmp/j"
done
l=$(median <"$tmp/l") t=$(median <"$tmp/t") j=$(median <"$tmp/j")
printf 'lspci -vvv                  %.3f s\n' "$l"
printf 'iovctl inspect --all -vv    %.3f s   ratio %.2f\n' "$t" "$(echo "$t / $l" | bc -l)"
printf 'iovctl inspect --all -vv -j %.3f s   ratio %.2f\n' "$j" "$(echo "$j / $l" | bc -l)"
