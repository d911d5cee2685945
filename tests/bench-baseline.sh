#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# The CI gate: save a baseline, pass against it, fail (exit 1) on a regression.
. "${top_srcdir:-.}/tests/bench-lib.sh"
bench_setup
bl=$WORK/baseline.json

run 0 "$IOVCTL" bench --engine null --ios 200000 --save-baseline "$bl" disk-a disk-b
python3 -m json.tool "$bl" >/dev/null || fail "baseline is not JSON"
expect_out "fairness   Jain's index"

# the same run passes with a generous tolerance (the null engine is noisy)
run 0 "$IOVCTL" bench --engine null --ios 200000 --baseline "$bl" --tolerance 1000 disk-a disk-b
expect_out "baseline comparison \(tolerance 1000.0%\)"
expect_out "^disk-a +IOPS .* ok$"

# a baseline of other settings measures another job: refused before running
run 2 "$IOVCTL" bench --engine null --ios 200000 --qd 8 --jobs 2 --baseline "$bl" disk-a disk-b
expect_err "^iovctl: baseline '.*baseline.json' was taken with qd=32 jobs=1, this run has qd=8 jobs=2; --baseline-any-settings compares anyway$"
[ -s "$WORK/out" ] && fail "a refused run printed results"
run 0 "$IOVCTL" bench --engine null --ios 200000 --qd 8 --baseline "$bl" --baseline-any-settings --tolerance 100000 disk-a disk-b
expect_err "^iovctl: baseline '.*baseline.json' was taken with other settings: randread bs=4096 qd=32 "
expect_out "^disk-a +IOPS .* ok$"
run 2 "$IOVCTL" bench --engine null --ios 10 --baseline-any-settings disk-a
expect_err "^iovctl: --baseline-any-settings needs --baseline$"

# one regression alone fails the gate: only disk-a's IOPS can regress against this baseline
python3 - "$bl" "$WORK/one.json" <<'PY' || fail "editing the baseline"
import json, sys
d = json.load(open(sys.argv[1]))
for t in d["iovctl_bench_baseline"]["targets"]:
    t["iops"], t["bw_bytes_per_s"], t["p99_ns"] = 0, 0, 1e15
d["iovctl_bench_baseline"]["targets"][0]["iops"] = 1e15
json.dump(d, open(sys.argv[2], "w"))
PY
run 1 "$IOVCTL" -j bench --engine null --ios 20000 --baseline "$WORK/one.json" --tolerance 50 disk-a disk-b
jcheck 'b["baseline"]["regressions"] == 1'
expect_err "^iovctl: 1 regression against baseline '.*one.json' beyond 50.0%"

# a baseline 100x faster than anything real: exit 1 with a diff table
python3 - "$bl" <<'PY' || fail "editing the baseline"
import json, sys
d = json.load(open(sys.argv[1]))
for t in d["iovctl_bench_baseline"]["targets"]:
    t["iops"] *= 100
    t["bw_bytes_per_s"] *= 100
    t["p99_ns"] /= 100
json.dump(d, open(sys.argv[1], "w"))
PY
run 1 "$IOVCTL" bench --engine null --ios 200000 --baseline "$bl" --tolerance 5 disk-a disk-b
expect_out "^disk-a +IOPS .*REGRESSION$"
expect_out "^aggregate +p99 us .*REGRESSION$"
expect_err "regressions against baseline"
run 1 "$IOVCTL" -j bench --engine null --ios 200000 --baseline "$bl" disk-a disk-b
jcheck 'b["baseline"]["regressions"] == 9' 'close(b["fairness"]["jain_index"], jain([x["results"]["iops"] for x in b["targets"]]))'

# a target of the baseline missing from the run is a regression too
run 1 "$IOVCTL" bench --engine null --ios 1000 --baseline "$bl" --tolerance 100000 disk-a
expect_out "^disk-b .*MISSING$"

# a baseline saved by the previous schema (1: "bw_bytes") still gates; one from a newer iovctl is refused
run 0 "$IOVCTL" bench --engine null --ios 200000 --save-baseline "$WORK/fresh.json" disk-a disk-b
python3 - "$WORK/fresh.json" "$WORK/v1.json" "$WORK/v3.json" <<'PY' || fail "editing the baseline"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["schema_version"] == 2
d["schema_version"] = 1
for t in d["iovctl_bench_baseline"]["targets"]:
    t["iops"] *= 1e6            # regresses for sure
    t["bw_bytes"] = t.pop("bw_bytes_per_s") * 1e-6  # never does, once read
    t["p99_ns"] = 1e15
json.dump(d, open(sys.argv[2], "w"))
d["schema_version"] = 3
json.dump(d, open(sys.argv[3], "w"))
PY
run 1 "$IOVCTL" -j bench --engine null --ios 200000 --baseline "$WORK/v1.json" --tolerance 50 disk-a disk-b
jcheck 'b["baseline"]["regressions"] == 3' \
       '[x["metric"] for x in b["baseline"]["diff"]][:3] == ["iops", "bw_bytes_per_s", "p99_ns"]' \
       'all(not x["regression"] for x in b["baseline"]["diff"] if x["metric"] == "bw_bytes_per_s")'
run 3 "$IOVCTL" bench --engine null --ios 10 --baseline "$WORK/v3.json" disk-a disk-b
expect_err "^iovctl: cannot use baseline '.*v3.json': written by a newer iovctl \(schema_version above 2\); take it again with this one$"

# not a baseline, no such file
echo '{}' >"$WORK/bad.json"
run 3 "$IOVCTL" bench --engine null --ios 10 --baseline "$WORK/bad.json"
expect_err "not an iovctl bench baseline"
run 3 "$IOVCTL" bench --engine null --ios 10 --baseline "$WORK/none.json"
expect_err "cannot read baseline '.*none.json': No such file or directory"
exit 0
