#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# `iovctl monitor --prometheus FILE`: the node_exporter textfile is accepted
# by `promtool check metrics`, every metric is iovctl_-prefixed with a `pci`
# label (the monitor's own ones excepted), descriptive labels appear only on
# iovctl_pci_function_info, samples carry no timestamps, and the file is
# replaced by rename (a hard link to the old one keeps the old content), world
# readable, with no temporary file left behind.
#
# promtool comes from Debian's `prometheus` package without installing the
# service (README, Quick start command 2):
#   (cd /tmp && apt-get download prometheus) && dpkg -x /tmp/prometheus_*.deb /opt/prometheus-deb
# It is looked for as $PROMTOOL, on PATH, then in /opt/prometheus-deb/usr/bin.
set -u
. "$(dirname "$0")/lib.sh"
IOVCTL=${IOVCTL:-./iovctl}
: "${FIXTURES:?set FIXTURES to the directory holding the fixture trees}"
root=$FIXTURES/monitor/sys
[ -d "$root" ] || skip "no monitor fixture under $FIXTURES"
promtool=${PROMTOOL:-}
[ -n "$promtool" ] || promtool=$(command -v promtool 2>/dev/null) ||
	promtool=/opt/prometheus-deb/usr/bin/promtool
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
unset IOVCTL_SYSFS_ROOT
fail=0
bad() {
	echo "FAIL: $*"
	fail=1
}

prom=$tmp/out/iovctl.prom
mkdir "$tmp/out"
"$IOVCTL" --sysfs-root "$root" monitor --prometheus "$prom" -n 2 -d 0.1 >"$tmp/stdout" 2>"$tmp/stderr" ||
	bad "exit $?: $(cat "$tmp/stderr")"
[ -s "$tmp/stdout" ] && bad "--prometheus alone printed to stdout"
[ -s "$prom" ] || { bad "no file written"; exit 1; }
[ "$(ls "$tmp/out")" = iovctl.prom ] || bad "files left beside it: $(ls "$tmp/out" | tr '\n' ' ')"
perm=$(stat -c %a "$prom")
[ "$perm" = 644 ] || bad "mode $perm, not 644 (node_exporter must read it)"

# the shape of every sample line: name{labels} value, no timestamp
awk '!/^#/ {
	name = $0; sub(/[{ ].*/, "", name)
	if (name !~ /^iovctl_/) print "not iovctl_: " $0
	if (NF != 2) print "not name{labels} value: " $0
	if (name !~ /^iovctl_monitor_/ && $0 !~ /[{,]pci="[0-9a-f]+:[0-9a-f][0-9a-f]:[0-9a-f][0-9a-f]\.[0-7]"/)
		print "no pci label: " $0
	if (name != "iovctl_pci_function_info" && $0 ~ /(driver|role|numa_node|iommu_group|physfn|state)=/)
		print "descriptive label outside iovctl_pci_function_info: " $0
}' "$prom" >"$tmp/shape"
[ -s "$tmp/shape" ] && bad "$(cat "$tmp/shape")"
grep -q '^iovctl_pci_function_info{pci="0000:01:00.1",role="vf",physfn="0000:01:00.0",vf_index="0",driver="nvme"' "$prom" ||
	bad "no info line for VF 0000:01:00.1"
grep -q '^iovctl_pci_block_read_ios_total{pci="0000:01:00.0"} 1000$' "$prom" ||
	bad "block reads of 0000:01:00.0 are not its stat line's 1000"

# replaced by rename: a hard link to the old file keeps what it had
ln "$prom" "$tmp/old"
"$IOVCTL" --sysfs-root "$root" monitor --prometheus "$prom" -n 1 --filter role=pf >/dev/null 2>&1 ||
	bad "second run failed"
cmp -s "$prom" "$tmp/old" && bad "the file was not replaced (filtered output is the same as before)"
grep -q 0000:01:00.1 "$tmp/old" || bad "the old file changed in place"
grep -q 'pci="0000:01:00.1"' "$prom" && bad "--filter role=pf still exports a VF"

# an unwritable directory is a runtime error naming the file
"$IOVCTL" --sysfs-root "$root" monitor --prometheus "$tmp/nodir/x.prom" -n 1 >/dev/null 2>"$tmp/err"
rc=$?
[ $rc -eq 3 ] || bad "unwritable directory: exit $rc, not 3"
grep -q "cannot write '$tmp/nodir/x.prom'" "$tmp/err" || bad "unwritable directory: message: $(cat "$tmp/err")"

if [ -x "$promtool" ]; then
	"$promtool" check metrics <"$tmp/old" >"$tmp/promtool" 2>&1 || bad "promtool: $(cat "$tmp/promtool")"
	# and a broken file is caught, so the check is real
	sed 's/^# TYPE iovctl_pci_up gauge$/# TYPE iovctl_pci_up gauge\n# TYPE iovctl_pci_up counter/' "$tmp/old" >"$tmp/broken"
	"$promtool" check metrics <"$tmp/broken" >/dev/null 2>&1 && bad "promtool accepted a doubled TYPE line"
else
	partial "promtool not found (PROMTOOL, PATH, /opt/prometheus-deb/usr/bin)"
fi
[ $fail -eq 0 ] && echo "PASS: monitor --prometheus"
exit $fail
