#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Download the Debian bookworm guest kernel (linux-image-amd64 -> linux-image-6.1.0-*-amd64)
# with `apt-get download`, unpack it under cache/kernel/ with dpkg -x (nothing is installed
# on the host) and generate modules.dep there with depmod -b.
set -euo pipefail
TB="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
CACHE="${VM_CACHE:-$TB/cache}"
mkdir -p "$CACHE"
cd "$CACHE"
META=linux-image-amd64
# which concrete kernel package does the meta package point to?
resolve() { apt-cache depends "$META" 2>/dev/null | awk '/Depends: linux-image-[0-9]/{print $2; exit}'; }
PKG="$(resolve)"
if [ -z "$PKG" ] && [ "$(id -u)" = 0 ]; then
    apt-get update -qq >/dev/null 2>&1 || true    # fresh root shell: the package lists may be empty
    PKG="$(resolve)"
fi
[ -n "$PKG" ] || { echo "cannot resolve $META (run apt-get update as root)" >&2; exit 1; }
if ! ls "$CACHE"/"${PKG}"_*.deb >/dev/null 2>&1; then
    apt-get download "$PKG" 2>&1 | grep -v 'unsandboxed' || true
fi
DEB="$(ls "$CACHE"/"${PKG}"_*.deb | head -1)"
KVER="${PKG#linux-image-}"
if [ ! -f "$CACHE/kernel/boot/vmlinuz-$KVER" ]; then
    rm -rf "$CACHE/kernel"
    mkdir -p "$CACHE/kernel"
    dpkg -x "$DEB" "$CACHE/kernel"
fi
depmod -b "$CACHE/kernel" "$KVER"
ln -sfn "kernel/boot/vmlinuz-$KVER" "$CACHE/vmlinuz"
echo "$KVER" > "$CACHE/kernel-version"
dpkg-deb -f "$DEB" Package Version | tr '\n' ' '; echo
echo "kernel: $CACHE/vmlinuz -> kernel/boot/vmlinuz-$KVER"
