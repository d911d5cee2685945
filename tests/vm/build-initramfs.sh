#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Build cache/initramfs.cpio.gz: static busybox + guest/init + the kernel modules needed
# to mount the 9p shares (virtio_pci, 9pnet_virtio, 9p, overlay and their dependencies) and
# to read the harness paths QEMU passes with -fw_cfg (qemu_fw_cfg).
set -euo pipefail
TB="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
CACHE="${VM_CACHE:-$TB/cache}"
[ -f "$CACHE/kernel-version" ] || "$TB/fetch-kernel.sh"
KVER="$(cat "$CACHE/kernel-version")"
KROOT="$CACHE/kernel"
MODS="virtio_pci 9pnet_virtio 9p overlay qemu_fw_cfg"
BB=/bin/busybox
[ -x "$BB" ] || { echo "need busybox-static (apt-get install busybox-static)" >&2; exit 1; }
# The initramfs has no dynamic loader, so busybox must not ask for one: no PT_INTERP program
# header. readelf comes with binutils (build-essential); file(1) is not on a minbase system,
# and ldd exits 1 on a static binary, which breaks a pipe under pipefail.
command -v readelf >/dev/null || { echo "need readelf (apt-get install binutils)" >&2; exit 1; }
phdrs="$(readelf -lW "$BB" 2>&1)" || { echo "$BB is not an ELF executable: $phdrs" >&2; exit 1; }
case "$phdrs" in *INTERP*) echo "$BB is not static (it needs a dynamic loader); apt-get install busybox-static" >&2; exit 1;; esac

W="$(mktemp -d)"; trap 'rm -rf "$W"' EXIT
mkdir -p "$W"/{bin,sbin,lib/modules,proc,sys,dev,run,tmp}
cp "$BB" "$W/bin/busybox"
cp "$TB/guest/init" "$W/init"; chmod 755 "$W/init"
: > "$W/lib/modules/load-order"
for m in $MODS; do
    modprobe -d "$KROOT" -S "$KVER" --show-depends "$m" | awk '$1=="insmod"{print $2}'
done | awk '!seen[$0]++' | while read -r ko; do
    b="$(basename "$ko")"
    cp "$ko" "$W/lib/modules/$b"
    echo "$b" >> "$W/lib/modules/load-order"
done
echo "modules: $(tr '\n' ' ' < "$W/lib/modules/load-order")"
( cd "$W" && find . -print0 | cpio --null -o -H newc --quiet ) | gzip -9 > "$CACHE/initramfs.cpio.gz.tmp"
mv "$CACHE/initramfs.cpio.gz.tmp" "$CACHE/initramfs.cpio.gz"
ls -la "$CACHE/initramfs.cpio.gz"
