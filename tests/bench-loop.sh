#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# iovctl bench on a loop device: identity, read and write modes, and the
# refusals that protect data (no --write, signatures, partition tables, mounts).
. "${top_srcdir:-.}/tests/bench-lib.sh"
bench_setup
img=$WORK/loop.img
truncate -s 32M "$img" || fail "truncate"
new_loop "$img"
dev=$LOOPDEV
name=${dev#/dev/}

run 0 "$IOVCTL" -j bench "$dev" --runtime 0.5 --qd 16
jconsistent
jcheck 't["ios"] > 0' 'b["targets"][0]["kind"] == "block"' \
       'b["targets"][0]["device"]["block_device"] == "'"$name"'"' \
       'b["targets"][0]["device"]["disk_driver"] == "loop"' \
       'b["targets"][0]["device"]["size_bytes"] == 32 << 20' \
       'b["targets"][0]["device"]["function"] is None'
run 0 "$IOVCTL" -j bench "$dev" --rw read --bs 128k --qd 8
jconsistent
jcheck 't["ios"] == 256' 't["bytes"] == 32 << 20'

# two devices at once, each alone first
truncate -s 16M "$WORK/loop2.img" || fail "truncate"
new_loop "$WORK/loop2.img"
dev2=$LOOPDEV
run 0 "$IOVCTL" -j bench "$dev" "$dev2" --runtime 0.3 --qd 4 --interference
jconsistent
jcheck 'len(b["targets"]) == 2' 'b["fairness"]["over"] == "targets"' \
       'close(b["fairness"]["jain_index"], jain([x["results"]["iops"] for x in b["targets"]]))' \
       'all(x["interference"]["alone"]["ios"] > 0 for x in b["targets"])' \
       'b["aggregate"]["ios"] == sum(x["results"]["ios"] for x in b["targets"])'

# one device under two names is one target: refused, not run twice side by side
ln -s "$dev" "$WORK/alias"
run 2 "$IOVCTL" bench "$dev" "$WORK/alias" --runtime 0.2
expect_err "^iovctl: '$dev' and '$WORK/alias' are the same block device \([0-9]+:[0-9]+\)$"

# writes: refused without --write, fine on a blank device with it
run 2 "$IOVCTL" bench "$dev" --rw randwrite --runtime 0.2
expect_err "add --write"
run 0 "$IOVCTL" -j bench "$dev" --rw randwrite --write --runtime 0.3 --qd 8
jconsistent
jcheck 't["writes"] == t["ios"] > 0'
run 0 "$IOVCTL" -j bench "$dev" --rw randrw --rwmix 30 --write --runtime 0.3 --qd 4 --jobs 2
jconsistent
jcheck 't["writes"] > t["reads"] > 0' 'b["targets"][0]["placement"]["jobs"] == 2'

# a filesystem signature: refused, with its type, unless --force
if command -v mkfs.ext2 >/dev/null 2>&1; then
	mkfs.ext2 -q -F "$dev" >/dev/null 2>&1 || fail "mkfs.ext2"
	run 3 "$IOVCTL" bench "$dev" --rw write --write --ios 10
	expect_err "^iovctl: refusing to write to '$dev': it carries a filesystem signature \(ext2\)"
	# reading is always allowed
	run 0 "$IOVCTL" bench "$dev" --ios 100

	# mounted: refused, and --force does not get past the kernel's exclusive open
	mkdir -p "$WORK/mnt"
	if mount "$dev" "$WORK/mnt" 2>"$WORK/mount.err"; then
		MOUNTS="$WORK/mnt"
		run 3 "$IOVCTL" bench "$dev" --rw write --write --ios 10
		expect_err "refusing to write to '$dev': $name is mounted on $WORK/mnt"
		run 3 "$IOVCTL" bench "$dev" --rw write --write --force --ios 10
		expect_err "cannot open '$dev': Device or resource busy"
		umount "$WORK/mnt" || fail "umount"
		MOUNTS=""
	else
		# without the mount the refusal of a mounted device goes untested
		fail "cannot mount the ext2 loop device: $(cat "$WORK/mount.err")"
	fi
	run 0 "$IOVCTL" bench "$dev" --rw write --write --force --ios 10
else
	partial "signature and mount refusals: mkfs.ext2 missing (Debian package e2fsprogs)"
fi

# a partition table: an MBR with one Linux partition, written by hand
dd if=/dev/zero of="$dev" bs=1M count=1 2>/dev/null || fail "zeroing $dev"
python3 - "$dev" <<'PY' || fail "writing an MBR"
import struct, sys
mbr = bytearray(512)
# one entry: not bootable, type 0x83, first LBA 2048, 4096 sectors
mbr[446:462] = struct.pack("<B3sB3sII", 0, b"\0\0\0", 0x83, b"\0\0\0", 2048, 4096)
mbr[510:512] = b"\x55\xaa"
with open(sys.argv[1], "r+b") as f:
    f.write(mbr)
PY
run 3 "$IOVCTL" bench "$dev" --rw write --write --ios 10
expect_err "it carries a partition table signature \\(dos\\)"
exit 0
