#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# --verify writes a pattern and reads it back; --verify-only catches a
# block corrupted behind its back.
. "${top_srcdir:-.}/tests/bench-lib.sh"
bench_setup
f=$WORK/data.img

run 0 "$IOVCTL" -j bench "$f" --rw write --write --verify --size 8M --bs 4k --qd 8
jcheck 't["verify"]["blocks"] == 2048' 't["verify"]["mismatches"] == 0' 't["ios"] == 2048'
run 0 "$IOVCTL" -j bench "$f" --verify-only --size 8M --bs 4k
jcheck 't["verify"]["blocks"] == 2048' 't["verify"]["mismatches"] == 0' 't["writes"] == 0'

# random writes over a time: what was written is what is read back
run 0 "$IOVCTL" -j bench "$f" --rw randwrite --write --verify --size 8M --runtime 0.3 --qd 4
jcheck 't["verify"]["mismatches"] == 0' '0 < t["verify"]["blocks"] <= 2048'

# rewrite the whole pattern, then corrupt block 100 (offset 409600)
run 0 "$IOVCTL" bench "$f" --rw write --write --verify --size 8M --bs 4k
printf 'garbage' | dd of="$f" bs=1 seek=$((409600 + 123)) conv=notrunc 2>/dev/null || fail "dd"
run 3 "$IOVCTL" -j bench "$f" --verify-only --size 8M --bs 4k
expect_err "^iovctl: verify failed on '.*data.img': 1 of 2048 blocks differ, first at offset 409600$"
jcheck 't["verify"]["mismatches"] == 1' 't["verify"]["first_bad_offset_bytes"] == 409600'

# verify needs a write job
run 2 "$IOVCTL" bench "$f" --rw randread --verify
expect_err "needs a write job"
exit 0
