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
# Prints the median wall and CPU time of each and the ratios iovctl/lspci.
# Target (issue 11): CPU ratio <= 0.7, aim 0.5; CPU time (user + system) is
# what a shared machine disturbs least, so the verdict is on it. Exits 1 when
# the CPU ratio is above TARGET (default 0.7) and CHECK=1 is set.
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
TARGET=${TARGET:-0.7}
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

# Interleaved rounds, one warm-up each; wall and CPU (user+sys) time per run
# from wait4(2), since the wall clock is noisy on a shared machine.
python3 - "$rounds" "$TARGET" "$IOVCTL" "$LSPCI" "$sys" <<'PY'
import os, statistics, subprocess, sys, time
rounds, target, iovctl, lspci, root = int(sys.argv[1]), float(sys.argv[2]), *sys.argv[3:]
cmds = {
    'iovctl topology': [iovctl, '--color=never', '--sysfs-root', root, 'topology'],
    'lspci -tv': [lspci, '-tv', '-O', f'sysfs.path={root}/bus/pci'],
}
def run(argv):
    t0 = time.perf_counter()
    p = subprocess.Popen(argv, stdout=subprocess.DEVNULL)
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f'{argv[0]} failed')
    return wall, ru.ru_utime + ru.ru_stime
res = {k: ([], []) for k in cmds}
for k, argv in cmds.items():
    run(argv)
for _ in range(rounds):
    for k, argv in cmds.items():
        w, c = run(argv)
        res[k][0].append(w)
        res[k][1].append(c)
med = {k: (statistics.median(v[0]), statistics.median(v[1])) for k, v in res.items()}
print(f'{"":22} {"wall ms":>10} {"min ms":>10} {"cpu ms":>10}')
for k, v in res.items():
    print(f'{k:22} {med[k][0] * 1e3:10.1f} {min(v[0]) * 1e3:10.1f} {med[k][1] * 1e3:10.1f}')
a, b = med['iovctl topology'], med['lspci -tv']
print(f'ratio iovctl/lspci, median of {rounds} rounds: wall {a[0] / b[0]:.2f}, cpu {a[1] / b[1]:.2f} (target cpu <= {target:g}, aim 0.5)')
met = a[1] / b[1] <= target
print(f'target (cpu ratio <= {target:g}): {"met" if met else "NOT met"}')
sys.exit(0 if met else 3)
PY
rc=$?
[ $keep = yes ] && [ -n "${tmp:-}" ] && echo "kept: $tmp"
[ $rc -eq 3 ] && { [ "${CHECK:-0}" = 1 ] && exit 1; exit 0; }
exit $rc
