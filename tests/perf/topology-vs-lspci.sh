#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# `iovctl topology` against `lspci -tv` on the same large sysfs tree, side by side.
#
# usage: tests/perf/topology-vs-lspci.sh [-n ROUNDS] [-t TREE] [-k]
#   -n ROUNDS  timed runs of each tool, interleaved (default 10), after one warm-up
#   -t TREE    use an existing fixture directory (holding sys/) instead of
#              generating the `large` one (which takes a while)
#   -k         keep the generated tree and print where it is
# Environment: IOVCTL (default ./iovctl), LSPCI (default lspci), top_srcdir.
# Prints the median wall time of each and the ratio iovctl/lspci (target <= 1.0);
# exits 1 when the ratio is above TARGET (default 1.0) and CHECK=1 is set.
set -u
rounds=10 tree= keep=no
while getopts n:t:k opt; do
	case $opt in
	n) rounds=$OPTARG ;;
	t) tree=$OPTARG ;;
	k) keep=yes ;;
	*) sed -n '3,12p' "$0" >&2; exit 2 ;;
	esac
done
top_srcdir=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
IOVCTL=${IOVCTL:-./iovctl}
LSPCI=${LSPCI:-lspci}
TARGET=${TARGET:-1.0}
export LC_ALL=C
unset IOVCTL_SYSFS_ROOT

if [ -z "$tree" ]; then
	gen=$top_srcdir/tests/fixtures/mkfixture.py
	[ -f "$gen" ] || { echo "no fixture generator at $gen" >&2; exit 77; }
	tmp=$(mktemp -d) || exit 3
	[ $keep = yes ] || trap 'chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
	echo "generating the large fixture in $tmp ..."
	python3 "$gen" "$tmp" large >/dev/null || { echo "mkfixture.py failed" >&2; exit 3; }
	tree=$tmp/large
fi
sys=$tree/sys
nfn=$(ls "$sys/bus/pci/devices" | wc -l)
echo "tree: $tree ($nfn PCI functions)"
[ "$nfn" -ge 2000 ] || echo "warning: fewer than 2000 functions; the benchmark wants >= 2000"

run_iovctl() { "$IOVCTL" --color=never --sysfs-root "$sys" topology >/dev/null; }
run_lspci() { "$LSPCI" -tv -O sysfs.path="$sys/bus/pci" >/dev/null; }

# one run each to warm the dentry and page caches
run_iovctl || { echo "iovctl topology failed" >&2; exit 3; }
run_lspci || { echo "lspci -tv failed" >&2; exit 3; }

ns() { date +%s%N; }
a=() b=()
for ((i = 0; i < rounds; i++)); do
	t0=$(ns); run_iovctl; t1=$(ns); run_lspci; t2=$(ns)
	a+=($((t1 - t0))) b+=($((t2 - t1)))
done
median() { printf '%s\n' "$@" | sort -n | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
ma=$(median "${a[@]}") mb=$(median "${b[@]}")
mina=$(printf '%s\n' "${a[@]}" | sort -n | head -n 1) minb=$(printf '%s\n' "${b[@]}" | sort -n | head -n 1)
awk -v ma="$ma" -v mb="$mb" -v mina="$mina" -v minb="$minb" -v n="$rounds" -v target="$TARGET" 'BEGIN {
	printf "%-22s %12s %12s\n", "", "median ms", "min ms"
	printf "%-22s %12.1f %12.1f\n", "iovctl topology", ma / 1e6, mina / 1e6
	printf "%-22s %12.1f %12.1f\n", "lspci -tv", mb / 1e6, minb / 1e6
	printf "ratio iovctl/lspci (median of %d rounds): %.2f (target <= %s)\n", n, ma / mb, target
}'
ratio_ok=$(awk -v ma="$ma" -v mb="$mb" -v t="$TARGET" 'BEGIN { print (ma / mb <= t) ? 1 : 0 }')
[ "${CHECK:-0}" = 1 ] && [ "$ratio_ok" = 0 ] && exit 1
[ $keep = yes ] && [ -n "${tmp:-}" ] && echo "kept: $tmp"
exit 0
