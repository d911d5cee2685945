#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# iovctl bench on a regular file: read and write modes, JSON, counts, usage errors.
. "${top_srcdir:-.}/tests/bench-lib.sh"
bench_setup
f=$WORK/data.img

# a missing file cannot be read: no such device
run 4 "$IOVCTL" bench "$f" --runtime 0.2
expect_err "^iovctl: cannot open '.*data.img': No such file or directory$"

# writing needs --write; then a write job creates the file of --size
run 2 "$IOVCTL" bench --rw write --size 4M "$f"
expect_err "add --write"
[ -e "$f" ] && fail "the file was created without --write"
run 0 "$IOVCTL" -j bench --rw write --write --size 4M --bs 64k --qd 4 "$f"
jconsistent
jcheck 't["ios"] == 64' 't["writes"] == 64' 't["bytes"] == 4 << 20' 'b["targets"][0]["kind"] == "file"'

# sequential and random reads, options after the target, -j after the command
run 0 "$IOVCTL" bench "$f" --rw read --bs 4k --qd 8 -j
jconsistent
jcheck 't["ios"] == 1024' 's["rw"] == "read"' 's["direct"] is True' \
       'b["interrupted"] is False' 'b["fairness"] is None' 'b["host"]["cpus"] >= 1' \
       't["latency_ns"]["percentiles"]["99.99"] <= t["latency_ns"]["max"]' \
       't["histogram"]["max_relative_error"] == 1 / t["histogram"]["sub_buckets"]' \
       'all(t["latency_ns"]["min"] * (1 - 1 / t["histogram"]["sub_buckets"]) <= v <= t["latency_ns"]["max"] for v in t["latency_ns"]["percentiles"].values())' \
       'close(t["iops"], t["ios"] / t["runtime_ns"] * 1e9)' 
run 0 "$IOVCTL" bench -j --ios 3000 --qd 16 --jobs 2 "$f"
jconsistent
jcheck 't["ios"] == 6000' 'b["targets"][0]["placement"]["jobs"] == 2' \
       'b["targets"][0]["placement"]["cpus_used"] != ""'
run 0 "$IOVCTL" bench -j --rw randrw --rwmix 70 --write --ios 2000 --fixed-buffers --fixed-files "$f"
jconsistent
jcheck 't["reads"] > 0 and t["writes"] > 0' 's["fixed_buffers"] is True'
# the engine's other paths: SQPOLL (submit without a syscall), batching
run 0 "$IOVCTL" bench -j --ios 3000 --qd 8 --sqpoll "$f"
jconsistent
jcheck 't["ios"] == 3000' 't["errors"] == 0'
run 0 "$IOVCTL" bench -j --ios 3000 --qd 16 --batch-submit 4 --batch-complete 4 --bs 128k "$f"
jconsistent
jcheck 't["ios"] == 3000' 't["bytes"] == 3000 * 131072'

# text report, interval lines, ramp: the header first, then a line at each
# deadline (0.25 .. 1.0 s), the last one closed by the end of the run
run 0 "$IOVCTL" bench "$f" --runtime 1 --ramp 0.2 --interval 250ms --qd 4
expect_out "throughput [1-9][0-9]* IOPS"
expect_out "percentile p50 .*p99 .*p99.99"
# a file has no NUMA node: nothing to pin to
expect_out "^  placement  node unknown, not pinned, allowed [0-9,-]+, ran on [0-9,-]+(, buffers on node [0-9]+)?$"
head -1 "$WORK/out" | grep -q '^bench: randread' || fail "the bench: header is not the first line"
[ "$(grep -c '^\[ *[0-9.]*s\]' "$WORK/out")" = 4 ] || fail "not 4 interval lines"
sed -n 2,5p "$WORK/out" | grep -vq '^\[' && fail "interval lines do not follow the header"
grep -q partial "$WORK/out" && fail "a full last interval is marked partial"
expect_out "^\[ *[0-9.]+s\] +[1-9][0-9]* IOPS .* lat mean [0-9.]+ [nmu]?s p50 [0-9.]+ [nmu]?s p99 [0-9.]+ [nmu]?s$"
# 1.1 s: the fifth interval runs from the fourth line (1.0 s, later when
# the machine is busy) to the end: about 0.1 s, printed and marked partial
run 0 "$IOVCTL" bench "$f" --runtime 1.1 --interval 250ms --qd 4
[ "$(grep -c '^\[ *[0-9.]*s\]' "$WORK/out")" = 5 ] || fail "not 5 interval lines"
expect_out "^\[ +1\.1s\] .*  \(partial, 0\.(0[2-9]|1[0-9])s\)$"
# each interval's own percentiles, ordered and inside the run's range (to a
# bucket); the intervals tile the window, sum to the total and land at their
# deadlines (never before; late only by scheduling, loosely bounded)
run 0 "$IOVCTL" -j bench "$f" --runtime 1.2 --interval 250ms --qd 4
jconsistent
jcheck 'len(b["intervals"]) == 5' \
       'all(i["lat_percentiles_ns"]["50"] <= i["lat_percentiles_ns"]["90"] <= i["lat_percentiles_ns"]["99"] <= i["lat_percentiles_ns"]["99.99"] for i in b["intervals"])' \
       'all(t["latency_ns"]["min"] * (1 - 1/64) <= i["lat_percentiles_ns"]["50"] <= t["latency_ns"]["max"] for i in b["intervals"])' \
       'sum(i["ios"] for i in b["intervals"]) == t["ios"]' \
       '[i["deadline_ns"] for i in b["intervals"]] == [k * 250000000 for k in range(1, 6)]' \
       'all(i["deadline_ns"] <= i["t_ns"] < i["deadline_ns"] + 125000000 for i in b["intervals"][:4])' \
       'all(b["intervals"][k]["start_ns"] == (b["intervals"][k - 1]["t_ns"] if k else 0) for k in range(5))' \
       '[i["partial"] for i in b["intervals"]] == [False] * 4 + [True]' \
       'b["intervals"][4]["t_ns"] >= 1200000000'

# arguments that make no sense: one file twice, under its name or another
run 2 "$IOVCTL" bench "$f" "$f" --ios 10
expect_err "^iovctl: target '.*data.img' is given twice$"
ln -s "$f" "$WORK/link.img"
run 2 "$IOVCTL" bench "$f" "$WORK/link.img" --ios 10
expect_err "^iovctl: '.*data.img' and '.*link.img' are the same file \(inode [0-9]+ on [0-9]+:[0-9]+\)$"
cp "$f" "$WORK/copy.img"
run 0 "$IOVCTL" bench "$f" "$WORK/copy.img" --ios 10
# --interference needs something to interfere with
run 2 "$IOVCTL" bench "$f" --interference --ios 10
expect_err "^iovctl: --interference compares targets run alone and together: give two or more \('.*data.img' is one\)$"
[ -s "$WORK/out" ] && fail "a refused run printed results"

# buffered I/O may use any size; O_DIRECT may not
run 2 "$IOVCTL" bench "$f" --bs 1000 --ios 10
expect_err "^iovctl: O_DIRECT on '.*data.img' needs bs and size multiples of [0-9]+ bytes \(or no direct I/O\)$"
run 0 "$IOVCTL" bench "$f" --bs 1000 --ios 10 --direct=0

# usage errors exit 2 and point to --help
run 2 "$IOVCTL" bench "$f" --bogus
expect_err "unknown option '--bogus'"
expect_err "Try 'iovctl bench --help'"
run 2 "$IOVCTL" bench "$f" --rw sideways
run 2 "$IOVCTL" bench "$f" --qd 0
run 2 "$IOVCTL" bench "$f" --sqpoll-cpu 0
expect_err "sqpoll_cpu needs sqpoll"
run 2 "$IOVCTL" bench
expect_err "no target"
run 3 "$IOVCTL" bench "$f" --iopoll
expect_err "^iovctl: iopoll: '.*data.img' has no poll queues \(polled I/O is unsupported there\)$"

# completions read the option list
run 0 "$IOVCTL" bench --list-opts
expect_out "^--rw=$"
expect_out "^--json$"
expect_out "^--save-baseline=$"
run 0 "$IOVCTL" bench --help
expect_out "Usage: iovctl bench"
exit 0
