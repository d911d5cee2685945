#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Download the pinned Debian bookworm guest kernel with `apt-get download`, unpack it under
# cache/kernel/ with dpkg -x (nothing is installed on the host) and generate modules.dep there
# with depmod -b. Writes cache/kernel-version (uname -r) and cache/kernel-package (package and
# version, which run-vm.sh records in the results).
#
# The kernel is pinned so that the guest does not change under the tests. The pin is a kernel
# of bookworm's main suite (the current point release), not of bookworm-security: a fresh
# Debian 12 (debootstrap, a minimal image) has only main in its sources, so a security-only
# kernel cannot be downloaded there. To move the pin: take the kernel of bookworm main,
#   apt-cache policy linux-image-amd64   (the version from .../debian bookworm/main)
#   apt-cache depends linux-image-amd64=VERSION | grep linux-image-6
# set KERNEL_PKG and KERNEL_VERSION below, run `make check-vm`, review any change in the guest's
# facts (and refresh the vm-sriov capture with `make update-vm-fixture` if it is wanted), commit.
# Debian drops an old kernel from its mirrors when a new point release lands: the download then
# fails, saying to move the pin. Another kernel is never taken silently.
set -euo pipefail
KERNEL_PKG=${KERNEL_PKG:-linux-image-6.1.0-50-amd64}
KERNEL_VERSION=${KERNEL_VERSION:-6.1.176-1}
TB="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
CACHE="${VM_CACHE:-$TB/cache}"
mkdir -p "$CACHE"
cd "$CACHE"
DEB="$CACHE/${KERNEL_PKG}_${KERNEL_VERSION//:/%3a}_amd64.deb"
if [ ! -f "$DEB" ]; then
    get() { apt-get download "$KERNEL_PKG=$KERNEL_VERSION" 2>&1 | grep -v 'unsandboxed'; [ -f "$DEB" ]; }
    # a fresh root shell may have empty or stale package lists
    get || { [ "$(id -u)" = 0 ] && apt-get update -qq >/dev/null 2>&1 && get; } || {
        echo "fetch-kernel: cannot download $KERNEL_PKG=$KERNEL_VERSION, the pinned guest kernel." >&2
        echo "fetch-kernel: Debian drops old kernels from its mirrors when a point release lands;" >&2
        echo "fetch-kernel: move the pin (KERNEL_PKG, KERNEL_VERSION in tests/vm/fetch-kernel.sh) to" >&2
        echo "fetch-kernel: what 'apt-cache policy linux-image-amd64' offers: $(apt-cache depends linux-image-amd64 2>/dev/null | awk '/Depends: linux-image-[0-9]/{print $2; exit}') $(apt-cache policy linux-image-amd64 2>/dev/null | awk '/Candidate:/{print $2}')" >&2
        exit 1
    }
fi
got="$(dpkg-deb -f "$DEB" Package) $(dpkg-deb -f "$DEB" Version)"
[ "$got" = "$KERNEL_PKG $KERNEL_VERSION" ] || { echo "fetch-kernel: $DEB holds $got, not the pinned $KERNEL_PKG $KERNEL_VERSION" >&2; exit 1; }
KVER="${KERNEL_PKG#linux-image-}"
if [ "$(cat "$CACHE/kernel-package" 2>/dev/null)" != "$KERNEL_PKG $KERNEL_VERSION" ] ||
   [ ! -f "$CACHE/kernel/boot/vmlinuz-$KVER" ]; then
    rm -rf "$CACHE/kernel"
    mkdir -p "$CACHE/kernel"
    dpkg -x "$DEB" "$CACHE/kernel"
    depmod -b "$CACHE/kernel" "$KVER"
    ln -sfn "kernel/boot/vmlinuz-$KVER" "$CACHE/vmlinuz"
    # written last, and only on a change: build-initramfs.sh rebuilds when it is newer
    echo "$KVER" > "$CACHE/kernel-version"
    echo "$KERNEL_PKG $KERNEL_VERSION" > "$CACHE/kernel-package"
fi
echo "kernel: $KERNEL_PKG $KERNEL_VERSION, $CACHE/vmlinuz -> kernel/boot/vmlinuz-$KVER"
