# SPDX-License-Identifier: GPL-2.0-or-later
# Helpers for the iovctl bench integration tests; sourced, not run.
# skip() and partial() come from tests/lib.sh (exit 77, or a failure in CI).
. "${top_srcdir:-.}/tests/lib.sh"

: "${IOVCTL:=$top_builddir/iovctl}"
: "${top_builddir:=.}"
LOOPS=""
MOUNTS=""

fail() {
	echo "FAIL: $*" >&2
	exit 1
}

cleanup() {
	for m in $MOUNTS; do
		umount "$m" 2>/dev/null
	done
	for l in $LOOPS; do
		losetup -d "$l" 2>/dev/null
	done
	[ -n "$WORK" ] && rm -rf "$WORK"
}

bench_setup() {
	command -v python3 >/dev/null 2>&1 || skip "python3 is needed to check the JSON"
	[ -x "$IOVCTL" ] || fail "no iovctl binary at $IOVCTL"
	# on the build tree's filesystem: tmpfs may refuse O_DIRECT
	WORK=$(mktemp -d "$top_builddir/tests/bench-XXXXXX") || fail "mktemp"
	WORK=$(cd "$WORK" && pwd)
	trap cleanup EXIT
	trap 'exit 1' INT TERM HUP
}

# new_loop FILE: attach FILE as $LOOPDEV (not in a subshell: the trap must see it)
new_loop() {
	command -v losetup >/dev/null 2>&1 || skip "losetup is not installed"
	[ "$(id -u)" = 0 ] || skip "loop devices need root"
	LOOPDEV=$(losetup -f --show "$1" 2>"$WORK/losetup.err") ||
		skip "cannot attach a loop device: $(cat "$WORK/losetup.err")"
	LOOPS="$LOOPS $LOOPDEV"
}

# run EXPECTED_EXIT CMD...: stdout in $WORK/out, stderr in $WORK/err
run() {
	want=$1
	shift
	"$@" >"$WORK/out" 2>"$WORK/err"
	got=$?
	if [ "$got" != "$want" ]; then
		echo "command: $*" >&2
		echo "--- stdout" >&2
		head -50 "$WORK/out" >&2
		echo "--- stderr" >&2
		cat "$WORK/err" >&2
		fail "exit status $got, expected $want"
	fi
}

# expect_err PATTERN: the last command's stderr matches (grep -E)
expect_err() {
	grep -Eq -- "$1" "$WORK/err" || { cat "$WORK/err" >&2; fail "stderr lacks '$1'"; }
}

expect_out() {
	grep -Eq -- "$1" "$WORK/out" || { head -40 "$WORK/out" >&2; fail "stdout lacks '$1'"; }
}

# jcheck PYTHON-EXPR...: each expression must hold for d = the JSON in $WORK/out,
# t = its first target's results, s = its settings; jain(IOPS list), close(a, b) and
# cpus(CPU list) help compare a reported figure with one computed from the rest of the report
jcheck() {
	python3 - "$WORK/out" "$@" <<'PY' || fail "JSON check failed"
import json, sys
with open(sys.argv[1]) as f:
    d = json.load(f)
b = d["bench"]
assert d["schema_version"] == 2
s = b["settings"]
t = b["targets"][0]["results"] if b["targets"] else None
def jain(xs):       # Jain's fairness index, computed here from the same report
    return sum(xs) ** 2 / (len(xs) * sum(x * x for x in xs))
def close(a, b, rel=1e-9):
    return abs(a - b) <= rel * max(abs(a), abs(b))
def cpus(l):        # a CPU list such as "0-3,8" as a set
    return {c for p in l.split(",") if p for c in range(int(p.split("-")[0]), int(p.split("-")[-1]) + 1)}
ok = True
for e in sys.argv[2:]:
    try:
        r = eval(e)
    except Exception as x:
        r = "%s: %s" % (type(x).__name__, x)
    if r is not True:
        print("JSON check `%s` -> %r" % (e, r), file=sys.stderr)
        ok = False
sys.exit(0 if ok else 1)
PY
}

# consistency every result must have
jconsistent() {
	jcheck 'all(x["results"]["bytes"] == x["results"]["ios"] * s["bs_bytes"] for x in b["targets"])' \
	       'all(x["results"]["histogram"]["count"] == x["results"]["ios"] for x in b["targets"])' \
	       'all(x["results"]["reads"] + x["results"]["writes"] == x["results"]["ios"] for x in b["targets"])' \
	       'b["aggregate"]["ios"] == sum(x["results"]["ios"] for x in b["targets"])' \
	       'all(x["results"]["errors"] == 0 and x["results"]["short_ios"] == 0 for x in b["targets"])' \
	       'all((p := x["results"]["latency_ns"])["min"] <= p["percentiles"]["50"] <= p["percentiles"]["99"] <= p["max"] for x in b["targets"] if x["results"]["ios"])'
}
