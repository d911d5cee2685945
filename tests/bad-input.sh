#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Bad input gets a clear answer: snapshot roots (a snapshot's top directory,
# a snapshot tarball), archive names snapshot does not write, trees with no
# PCI function, and read failures (IOMMU groups, config space) that must be
# reported as such rather than as "IOMMU off" or "captured without root".
# Each case checks the message and the exit status.
#
# Read failures are provoked two ways. Always: a directory where a file
# belongs (read(2) gives EISDIR) or a file where a directory belongs
# (opendir gives ENOTDIR), real errnos from the kernel. EACCES: root
# bypasses file modes, so as root the chmod'ed copy is read as 'nobody'
# through setpriv(1); without setpriv those two cases are skipped (and said
# so); as a non-root user the chmod applies directly.
set -u
: "${IOVCTL:=$top_builddir/iovctl}"
: "${FIXTURES:?set FIXTURES to the directory holding the fixture trees}"
export LC_ALL=C
unset IOVCTL_SYSFS_ROOT
w=$(mktemp -d) || exit 99
chmod 755 "$w"	# so that 'nobody' can reach the copies below
trap 'chmod -R u+rwx "$w" 2>/dev/null; rm -rf "$w"' EXIT
fail=0 ran=0
bad() { echo "FAIL: $*"; fail=$((fail + 1)); }
# expect CODE DESCRIPTION CMD...: run, check the exit status; stdout and stderr in $w/out, $w/err
expect() {
	local want=$1 what=$2 rc
	shift 2
	ran=$((ran + 1))
	"$@" >"$w/out" 2>"$w/err"
	rc=$?
	[ "$rc" -eq "$want" ] || bad "$what: exit $rc, want $want ($(head -c 300 "$w/err"))"
}
# has DESCRIPTION FILE LINE: FILE holds LINE exactly
has() { grep -qxF -- "$3" "$2" || bad "$1: no line '$3' in: $(head -c 400 "$2")"; }
hasnt() { ! grep -qF -- "$3" "$2" || bad "$1: unexpected '$3' in: $(head -c 400 "$2")"; }

src=$FIXTURES/switch-no-acs/sys
[ -d "$src" ] || { echo "SKIP: fixture switch-no-acs missing"; exit 77; }
ref=$w/ref.txt
"$IOVCTL" --sysfs-root "$src" inspect >"$ref" 2>&1 || { bad "reference run failed"; exit 1; }

# ---- snapshot roots ---------------------------------------------------------
expect 0 "snapshot to a directory" "$IOVCTL" --sysfs-root "$src" snapshot -o "$w/snap"
mkdir -p "$w/snap/proc"
printf '           CPU0\n 42:          7   PCI-MSI 524288-edge      nvme0q0\n' >"$w/snap/proc/interrupts"
expect 0 "--sysfs-root at a snapshot's top directory" "$IOVCTL" --sysfs-root "$w/snap" inspect
diff -u "$ref" "$w/out" >/dev/null || bad "snapshot top directory: output differs from the tree's"
# --proc-root follows: a snapshot of the snapshot captures its proc/
expect 0 "snapshot of a snapshot's top directory" "$IOVCTL" --sysfs-root "$w/snap" snapshot -o "$w/snap2"
cmp -s "$w/snap/proc/interrupts" "$w/snap2/proc/interrupts" || bad "proc root does not follow the snapshot's proc/"

expect 0 "snapshot to a tarball" "$IOVCTL" --sysfs-root "$w/snap" snapshot -o "$w/host.tar.xz"
export TMPDIR=$w/tmp
mkdir -p "$TMPDIR"
expect 0 "--sysfs-root at a snapshot tarball" "$IOVCTL" --sysfs-root "$w/host.tar.xz" inspect
diff -u "$ref" "$w/out" >/dev/null || bad "snapshot tarball: output differs from the tree's"
expect 0 "topology of a tarball, root given after the command" "$IOVCTL" topology --sysfs-root "$w/host.tar.xz"
[ -z "$(ls -A "$TMPDIR")" ] || bad "unpacked snapshot left behind in \$TMPDIR: $(ls -A "$TMPDIR")"
expect 0 "snapshot of a snapshot tarball" "$IOVCTL" --sysfs-root "$w/host.tar.xz" snapshot -o "$w/again"
grep -q "^snapshot of $w/host.tar.xz written to '$w/again'" "$w/out" || bad "source of a tarball snapshot: $(cat "$w/out")"
diff -r --no-dereference "$w/snap/sys" "$w/again/sys" >/dev/null 2>&1 || bad "snapshot of the tarball differs from the snapshot"
cmp -s "$w/snap/proc/interrupts" "$w/again/proc/interrupts" || bad "proc root does not follow a tarball's proc/"
# a tarball of a directory holding the snapshot (a user's own tar czf)
tar -czf "$w/wrapped.tgz" -C "$w" snap
expect 0 "tarball holding one snapshot directory" "$IOVCTL" --sysfs-root "$w/wrapped.tgz" inspect
diff -u "$ref" "$w/out" >/dev/null || bad "wrapped tarball: output differs from the tree's"
printf 'not a tarball\n' >"$w/junk.tar.gz"
expect 3 "a file that is no tarball" "$IOVCTL" --sysfs-root "$w/junk.tar.gz" inspect
grep -q "^iovctl: cannot unpack '$w/junk.tar.gz': tar failed with status [0-9]* (not a snapshot tarball?)$" "$w/err" ||
	bad "junk tarball message: $(cat "$w/err")"
tar -cf "$w/nosys.tar" -C "$w" ref.txt
expect 3 "a tarball without sys/" "$IOVCTL" --sysfs-root "$w/nosys.tar" inspect
has "tarball without sys/" "$w/err" "iovctl: cannot use '$w/nosys.tar' as the sysfs root: the archive holds no snapshot (no sys/)"
[ -z "$(ls -A "$TMPDIR")" ] || bad "failed unpack left files in \$TMPDIR: $(ls -A "$TMPDIR")"
# the unpacked copy goes also when a reader quits early or a signal comes
expect 0 "big snapshot tarball" "$IOVCTL" --sysfs-root "$FIXTURES/nic-64vf-ari/sys" snapshot -o "$w/big.tgz"
"$IOVCTL" --sysfs-root "$w/big.tgz" inspect --vfs -vv | head -n 1 >/dev/null
[ -z "$(ls -A "$TMPDIR")" ] || bad "reader gone early: unpacked snapshot left: $(ls -A "$TMPDIR")"
"$IOVCTL" --sysfs-root "$w/big.tgz" inspect --vfs -vv > >(sleep 3) &
pid=$!
sleep 1
kill -TERM "$pid"
wait "$pid"
rc=$?
ran=$((ran + 1))
[ "$rc" -eq 143 ] || bad "SIGTERM: exit $rc, want 143"
[ -z "$(ls -A "$TMPDIR")" ] || bad "SIGTERM: unpacked snapshot left: $(ls -A "$TMPDIR")"
unset TMPDIR

# ---- output names -------------------------------------------------------------
for name in x.zip x.tar.zst x.tar.bz2; do
	expect 2 "snapshot -o $name" "$IOVCTL" --sysfs-root "$src" snapshot -o "$w/$name"
	has "snapshot -o $name" "$w/err" "iovctl: cannot write '$w/$name': not a format iovctl writes (.tar, .tar.gz, .tgz, .tar.xz, .txz, or a directory)"
	[ ! -e "$w/$name" ] || bad "snapshot -o $name created '$name'"
done

# ---- empty trees ----------------------------------------------------------------
mkdir -p "$w/empty/sys/bus/pci/devices" "$w/empty/sys/kernel/iommu_groups"
expect 4 "snapshot of a tree with no PCI function" "$IOVCTL" --sysfs-root "$w/empty/sys" snapshot -o "$w/e.tar.gz"
has "empty tree" "$w/err" "iovctl: nothing to capture: no PCI functions under '$w/empty/sys'"
[ ! -e "$w/e.tar.gz" ] || bad "empty tree: e.tar.gz written"
expect 4 "snapshot of an empty tree to a directory" "$IOVCTL" --sysfs-root "$w/empty/sys" snapshot -o "$w/e.d"
[ ! -e "$w/e.d" ] || bad "empty tree: directory e.d created"
mkdir -p "$w/nosysfs"
expect 3 "snapshot of a directory that is no sysfs tree" "$IOVCTL" --sysfs-root "$w/nosysfs" snapshot -o "$w/n.d"
has "no sysfs tree" "$w/err" "iovctl: cannot read PCI devices under '$w/nosysfs': No such file or directory"

# ---- read failures ------------------------------------------------------------------
# cp -a keeps the fixture's modes; chmod u+w so the copy can be changed
copy() { rm -rf "$w/$1"; cp -a "$FIXTURES/switch-no-acs" "$w/$1"; chmod -R u+w "$w/$1"; }
cfg=devices/pci0000:00/0000:00:02.0/0000:05:00.0/config

copy grp-file
rm -rf "$w/grp-file/sys/kernel/iommu_groups"
printf 'x\n' >"$w/grp-file/sys/kernel/iommu_groups"
expect 3 "kernel/iommu_groups is a file (ENOTDIR)" "$IOVCTL" --sysfs-root "$w/grp-file/sys" inspect --check
has "iommu_groups ENOTDIR" "$w/err" "iovctl: cannot read IOMMU groups in '$w/grp-file/sys/kernel/iommu_groups': Not a directory"
hasnt "iommu_groups ENOTDIR" "$w/out" "[iommu-off]"
# the functions' own group links still tell the groups
grep -q "group-not-isolated" "$w/out" || bad "iommu_groups ENOTDIR: groups from the links lost: $(cat "$w/out")"
expect 3 "topology -j, kernel/iommu_groups a file" "$IOVCTL" --sysfs-root "$w/grp-file/sys" -j topology
grep -q '"iommu": true' "$w/out" || bad "topology -j: iommu not true from the links"

# no group links either: the IOMMU state is unknown, not "off"
copy grp-none
rm -rf "$w/grp-none/sys/kernel/iommu_groups"
printf 'x\n' >"$w/grp-none/sys/kernel/iommu_groups"
find "$w/grp-none/sys/devices" -name iommu_group -type l -delete
expect 3 "no readable groups at all" "$IOVCTL" --sysfs-root "$w/grp-none/sys" inspect -s 05:00.0
has "groups unknown" "$w/out" "    IOMMU:   unknown (IOMMU groups unreadable)"
hasnt "groups unknown" "$w/out" "iommu-off"
expect 3 "no readable groups, JSON" "$IOVCTL" --sysfs-root "$w/grp-none/sys" -j inspect
grep -q '"iommu": null' "$w/out" || bad "inspect -j: iommu not null when unreadable"

copy cfg-dir
rm "$w/cfg-dir/sys/$cfg"
mkdir "$w/cfg-dir/sys/$cfg"
expect 3 "config is a directory (EISDIR)" "$IOVCTL" --sysfs-root "$w/cfg-dir/sys" inspect
has "config EISDIR" "$w/err" "iovctl: cannot read 'config' of 0000:05:00.0: Is a directory"
hasnt "config EISDIR" "$w/err" "captured without root"
expect 3 "topology, config a directory" "$IOVCTL" --sysfs-root "$w/cfg-dir/sys" topology
has "topology config EISDIR" "$w/err" "iovctl: cannot read 'config' of 0000:05:00.0: Is a directory"

# EACCES: a real permission denial needs a user that file modes apply to
if [ "$(id -u)" -ne 0 ]; then
	as_user() { "$@"; }
	how="as $(id -un)"
elif command -v setpriv >/dev/null 2>&1 && id nobody >/dev/null 2>&1; then
	as_user() { setpriv --reuid="$(id -u nobody)" --regid="$(id -g nobody)" --clear-groups "$@"; }
	how="as nobody through setpriv"
else
	how=
fi
if [ -n "$how" ]; then
	copy perm
	chmod 000 "$w/perm/sys/kernel/iommu_groups"
	expect 3 "kernel/iommu_groups mode 000 ($how)" as_user "$IOVCTL" --sysfs-root "$w/perm/sys" inspect --check
	has "iommu_groups EACCES" "$w/err" "iovctl: cannot read IOMMU groups in '$w/perm/sys/kernel/iommu_groups': Permission denied"
	hasnt "iommu_groups EACCES" "$w/out" "[iommu-off]"
	chmod 755 "$w/perm/sys/kernel/iommu_groups"
	chmod 000 "$w/perm/sys/$cfg"
	expect 3 "config mode 000 ($how)" as_user "$IOVCTL" --sysfs-root "$w/perm/sys" inspect
	has "config EACCES" "$w/err" "iovctl: cannot read 'config' of 0000:05:00.0: Permission denied"
	hasnt "config EACCES" "$w/err" "captured without root"
	echo "note: EACCES cases run $how"
else
	echo "note: EACCES cases skipped: root without setpriv(1) cannot be denied by file modes"
fi

echo "bad input: $ran cases, $fail failed"
[ "$fail" -eq 0 ]
