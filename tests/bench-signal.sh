#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# SIGINT and SIGTERM stop the I/O and print the results measured so far.
. "${top_srcdir:-.}/tests/bench-lib.sh"
bench_setup
f=$WORK/data.img
truncate -s 16M "$f"

"$IOVCTL" -j bench "$f" --runtime 60 --qd 4 --no-progress >"$WORK/out" 2>"$WORK/err" &
pid=$!
sleep 1
kill -INT $pid
wait $pid
rc=$?
[ $rc = 130 ] || { cat "$WORK/err" >&2; fail "SIGINT: exit $rc, expected 130"; }
jconsistent
jcheck 'b["interrupted"] is True' 't["ios"] > 0' 't["runtime_ns"] < 30e9'

"$IOVCTL" bench "$f" --runtime 60 --qd 4 >"$WORK/out" 2>"$WORK/err" &
pid=$!
sleep 1
kill -TERM $pid
wait $pid
rc=$?
[ $rc = 143 ] || { cat "$WORK/err" >&2; fail "SIGTERM: exit $rc, expected 143"; }
expect_out "^interrupted: results so far"
expect_out "throughput [1-9][0-9]* IOPS"
exit 0
