#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Prove that the tests catch a crashing iovctl: run each given test against an
# iovctl that dies of SIGSEGV (exit 139) after writing all its output, then
# against one that dies before writing anything. Every test must fail (exit
# neither 0 nor 77) both times; one that passes or skips lets crashes through.
#
#   tests/crash-canary.sh [--vm] [TEST...]
#     TEST...  test scripts (default: a quick set, which make check runs);
#              `make check-crash` passes every shell test of make check
#     --vm     also boot the check-vm guest with each crashing iovctl: check-vm
#              must fail, with every facet that runs iovctl failing
# Environment as under make check: IOVCTL (the real binary), top_srcdir,
# top_builddir, FIXTURES, LSPCI.
set -u
. "$(dirname "$0")/lib.sh"
: "${top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
: "${IOVCTL:=$top_builddir/iovctl}"
vm=0
[ "${1:-}" = --vm ] && { vm=1; shift; }
[ $# -gt 0 ] || set -- tests/inspect-vs-lspci.sh tests/golden-topology.sh tests/snapshot-cli.sh \
	tests/bench-allvfs.sh
[ -x "$IOVCTL" ] || { echo "FAIL: no iovctl at $IOVCTL"; exit 1; }
real=$(readlink -f "$IOVCTL")
# in the build tree, not /tmp: the check-vm guest sees the host's files but not its /tmp
w=$(mktemp -d "$top_builddir/tests/crash-XXXXXX") || exit 99
trap 'rm -rf "$w"' EXIT
mkdir -p "$w/after" "$w/before"
# after: run the real iovctl (passing on INT and TERM, which bench tests send), then crash
cat >"$w/after/iovctl" <<WRAP
#!/bin/bash
# iovctl that crashes after its output (tests/crash-canary.sh)
ulimit -c 0
"$real" "\$@" <&0 &
pid=\$!
trap 'kill -INT \$pid' INT
trap 'kill -TERM \$pid' TERM
while wait \$pid; kill -0 \$pid 2>/dev/null; do :; done
kill -SEGV \$\$
WRAP
cat >"$w/before/iovctl" <<'WRAP'
#!/bin/sh
# iovctl that crashes before any output (tests/crash-canary.sh)
ulimit -c 0
kill -SEGV $$
WRAP
chmod +x "$w/after/iovctl" "$w/before/iovctl"
rc=$( { "$w/after/iovctl" --version >/dev/null 2>&1; echo $?; } 2>/dev/null )
[ "$rc" -eq 139 ] || { echo "FAIL: the crashing wrapper does not exit 139"; exit 1; }

fail=0 n=0
for mode in after before; do
	for t in "$@"; do
		case $t in /*) path=$t ;; *) path=$top_srcdir/$t ;; esac
		n=$((n + 1))
		IOVCTL=$w/$mode/iovctl "$path" >"$w/log" 2>&1
		rc=$?
		if [ $rc -eq 0 ] || [ $rc -eq 77 ]; then
			echo "FAIL: ${t#"$top_srcdir"/}: exit $rc with an iovctl that crashes $mode its output"
			tail -n 5 "$w/log" | sed 's/^/    /'
			fail=$((fail + 1))
		else
			echo "ok: ${t#"$top_srcdir"/} fails (exit $rc) when iovctl crashes $mode its output"
		fi
	done
	[ $vm = 1 ] || continue
	# the guest: check-vm must fail, and no facet that runs iovctl may pass or skip
	n=$((n + 1))
	IOVCTL=$w/$mode/iovctl "$top_srcdir/tests/vm/check-vm.sh" "$w/vm-$mode" >"$w/log" 2>&1
	rc=$?
	grep -E '^(PASS|FAIL|SKIP) ' "$w/log" | sed 's/^/    /'
	bad=$(grep -E '^(PASS|SKIP) (commands|snapshot|inspect|topology|bench|replay):' "$w/log")
	if [ $rc -ne 1 ] || [ -n "$bad" ]; then
		echo "FAIL: check-vm: exit $rc with an iovctl that crashes $mode its output${bad:+; }$bad"
		tail -n 5 "$w/log" | sed 's/^/    /'
		fail=$((fail + 1))
	else
		echo "ok: check-vm fails when iovctl crashes $mode its output"
	fi
done
echo "crash canary: $n runs, $fail let a crash through"
[ $fail -eq 0 ]
