#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# inspect --check as CI uses it: it counts only the findings that concern the
# selected functions (their own, their IOMMU group's, their root bus's, the
# whole host's), --ignore waives rules by id, --fail-on sets the threshold,
# and the exit status says so. Also: --list-findings against the man page.
#
# Environment (set by 'make check'): IOVCTL, FIXTURES, top_srcdir.
set -u
. "$(dirname "$0")/lib.sh"

top_srcdir=${top_srcdir:-$(cd "$(dirname "$0")/.." && pwd)}
IOVCTL=${IOVCTL:-$top_srcdir/iovctl}
: "${FIXTURES:=$top_srcdir/tests/fixtures/gen}"
export LC_ALL=C NO_COLOR=1
unset IOVCTL_SYSFS_ROOT
fail=0
tmp=$(mktemp -d "${TMPDIR:-/tmp}/inspect-check.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM

[ -d "$FIXTURES/vfio-not-viable/sys" ] || skip "fixtures not generated ($FIXTURES)"

# expect RC GREP-OUT ARGS...: the exit status, and a line of stdout+stderr
# matching GREP-OUT (- for none to check)
expect()
{
	want=$1 pat=$2
	shift 2
	"$IOVCTL" "$@" >"$tmp/out" 2>&1
	rc=$?
	if [ "$rc" != "$want" ]; then
		echo "FAIL: iovctl $*: exit $rc, expected $want"
		sed 's/^/    /' "$tmp/out"
		fail=1
	elif [ "$pat" != - ] && ! grep -q -- "$pat" "$tmp/out"; then
		echo "FAIL: iovctl $*: no line matching '$pat'"
		sed 's/^/    /' "$tmp/out"
		fail=1
	fi
}

# The issue's case: the sample's NVMe VFs are fine; the warnings about
# pci0000:00 and IOMMU group 8 concern other functions.
expect 0 '^No findings\.$' inspect --sample -d 1b36:0010 --check
expect 0 '^No findings\.$' --sample inspect -s 81: --check
expect 1 'numa-unknown' inspect --sample --check
# a function of that bus and group: both concern it
expect 1 'numa-unknown' inspect --sample -s 00:1f.3 --check
expect 1 'group-not-isolated' inspect --sample -s 00:1f.3 --check
# a function named as operand, on the other root bus: nothing
expect 0 '^No findings\.$' inspect --sample 0000:82:00.0 --check

# --ignore: waived rules are neither shown nor counted; lists and repeats add up
expect 0 '^No findings\.$' inspect --sample --check --ignore numa-unknown,group-not-isolated
expect 0 '^No findings\.$' inspect --sample --check --ignore numa-unknown --ignore group-not-isolated
expect 1 'group-not-isolated' inspect --sample --check --ignore numa-unknown
"$IOVCTL" inspect --sample --check --ignore numa-unknown >"$tmp/out" 2>&1
grep -q numa-unknown "$tmp/out" && { echo "FAIL: --ignore numa-unknown still shows it"; fail=1; }
expect 2 "unknown finding 'no-such-rule'" inspect --sample --check --ignore numa-unknown,no-such-rule

# --fail-on: warnings alone pass at 'error'; an error fails at both levels
expect 0 'numa-unknown' inspect --sample --check --fail-on error
expect 1 'group-not-viable' --sysfs-root "$FIXTURES/vfio-not-viable/sys" inspect --check --fail-on error
expect 1 'group-not-viable' --sysfs-root "$FIXTURES/vfio-not-viable/sys" inspect --check
# the blocking member is selected: the group's error concerns it
expect 1 'group-not-viable' --sysfs-root "$FIXTURES/vfio-not-viable/sys" inspect -s 02:00.1 --check --fail-on error
expect 0 'group-not-isolated' --sysfs-root "$FIXTURES/vfio-not-viable/sys" inspect --check --fail-on error --ignore group-not-viable
expect 2 "invalid --fail-on 'info'" inspect --sample --check --fail-on info
expect 2 "invalid --fail-on 'Error'" inspect --sample --check --fail-on Error
expect 2 '--fail-on sets the threshold of --check' inspect --sample --fail-on error

# a host finding about the whole host concerns every selected function
expect 1 'iommu-off' --sysfs-root "$FIXTURES/no-iommu/sys" inspect -s 01:00.0 --check

# JSON: subjects, not ids, say what a finding is about
"$IOVCTL" inspect --sample --check -j >"$tmp/json" 2>&1
python3 - "$tmp/json" <<'PY' || fail=1
import json, sys
doc = json.load(open(sys.argv[1]))
assert doc["schema_version"] == 2, doc["schema_version"]
by = {f["id"]: f["subject"] for f in doc["findings"]}
bus = by["numa-unknown"]
assert bus["kind"] == "bus" and bus["bus"] == "pci0000:00", bus
assert "0000:00:1a.0" in bus["addresses"] and "0000:81:00.1" not in bus["addresses"], bus
grp = by["group-not-isolated"]
assert grp["kind"] == "iommu_group" and grp["group"] == 7, grp
assert grp["addresses"] == ["0000:00:1f.0", "0000:00:1f.2", "0000:00:1f.3"], grp
assert all("function" not in f for f in doc["findings"])
PY

# --list-findings: one line per rule; each documented in the man page with
# the same severity
"$IOVCTL" inspect --list-findings >"$tmp/rules" || { echo "FAIL: --list-findings"; fail=1; }
[ "$(wc -l <"$tmp/rules")" -ge 40 ] || { echo "FAIL: --list-findings lists $(wc -l <"$tmp/rules") rules"; fail=1; }
while read -r id sev _; do
	roff=$(printf '%s' "$id" | sed 's/-/\\\\-/g')
	grep -q "^\.BR $roff \" ($sev[,)]" "$top_srcdir/man/iovctl-inspect.8" ||
		{ echo "FAIL: man/iovctl-inspect.8 does not document $id ($sev)"; fail=1; }
done <"$tmp/rules"

exit $fail
