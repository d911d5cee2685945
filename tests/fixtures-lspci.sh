#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Prove the generated sysfs fixtures against pciutils: lspci must decode the
# config spaces mkfixture.py wrote (SR-IOV, ARI, ACS, links, AER, ...) and
# see the bus topology each situation describes.  Exit 77 = skip.

. "$(dirname "$0")/lib.sh"
: "${FIXTURES:?FIXTURES not set (run via make check)}"
if [ -z "$LSPCI" ] || [ ! -x "$LSPCI" ]; then
	skip "lspci not found (install pciutils)"
fi
if [ ! -d "$FIXTURES/nic-64vf-ari/sys" ]; then
	echo "FAIL: $FIXTURES/nic-64vf-ari/sys missing (fixtures not generated)"
	exit 1
fi

fail=0
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
tab=$(printf '\t')

# lsp NAME ARGS...: run lspci on fixture NAME, output in $tmp/NAME.<suffix>
lsp() {
	name=$1; shift
	"$LSPCI" -O "sysfs.path=$FIXTURES/$name/sys/bus/pci" "$@" 2>"$tmp/err" |
		sed 's/[[:space:]]*$//'
	# libkmod may warn about missing module data; nothing else is expected
	if grep -v -e 'libkmod' "$tmp/err" | grep -q .; then
		echo "FAIL: $name: lspci $*: $(cat "$tmp/err")"
		fail=1
	fi
}

# has NAME FILE STRING: FILE (lspci output) must contain STRING
has() {
	if ! grep -qF -- "$3" "$2"; then
		echo "FAIL: $1: missing '$3'"
		fail=1
	fi
}

# hasnot NAME FILE STRING
hasnot() {
	if grep -qF -- "$3" "$2"; then
		echo "FAIL: $1: unexpected '$3'"
		fail=1
	fi
}

# count NAME FILE STRING N: STRING occurs on exactly N lines
count() {
	n=$(grep -cF -- "$3" "$2")
	if [ "$n" -ne "$4" ]; then
		echo "FAIL: $1: '$3' on $n lines, expected $4"
		fail=1
	fi
}

for dir in "$FIXTURES"/*/; do
	name=$(basename "$dir")
	[ -d "$dir/sys/bus/pci/devices" ] || continue
	v=$tmp/$name.v
	lsp "$name" -vvv -D >"$v"
	lsp "$name" -tv >"$tmp/$name.t"
	if [ ! -s "$v" ]; then
		echo "FAIL: $name: lspci printed nothing"
		fail=1
		continue
	fi
	# no undecodable fields anywhere except the deliberately broken fixture
	case $name in
	cyclic-caps) ;;
	*)	# lspci cannot decode Intel's SIOV DVSEC, CXL GPF, MR-IOV or Hierarchy ID
		case $name in
		siov-*|cxl-dvsec|mriov-hier|multihost) ;;
		*) hasnot "$name" "$v" "<?>" ;;
		esac
		hasnot "$name" "$v" "<chain looped>"
		hasnot "$name" "$v" "<chain broken>"
		hasnot "$name" "$v" "Illegal" ;;
	esac
	# every symlink must resolve (find -xtype l: dangling, no traversal);
	# the real captures are partial copies of /sys, so not those
	case $name in
	real-*) dangling= ;;
	*) dangling=$(find "$dir/sys" -xtype l | head -3) ;;
	esac
	if [ -n "$dangling" ]; then
		echo "FAIL: $name: dangling links: $dangling"
		fail=1
	fi
	echo "ok: $name ($(grep -c '^[0-9a-f]\{4,8\}:' "$v") functions)"
done

f=nic-64vf-ari v=$tmp/$f.v
if [ -f "$v" ]; then
	has $f "$v" "Initial VFs: 128, Total VFs: 128, Number of VFs: 64, Function Dependency Link: 00"
	has $f "$v" "VF offset: 8, stride: 1, Device ID: 1889"
	has $f "$v" "IOVCtl:${tab}Enable+ Migration- Interrupt- MSE+ ARIHierarchy+"
	has $f "$v" "Alternative Routing-ID Interpretation (ARI)"
	has $f "$v" "DevCtl2: Completion Timeout: 65ms to 210ms, TimeoutDis- LTR- 10BitTagReq- OBFF Disabled, ARIFwd+"
	has $f "$v" "ACSCtl:${tab}SrcValid+ TransBlk- ReqRedir+ CmpltRedir+ UpstreamFwd+"
	has $f "$v" "LnkSta:${tab}Speed 16GT/s, Width x16"
	has $f "$v" "Region 0: Memory at 0000038004020000 (64-bit, prefetchable)"
	has $f "$v" "MSI-X: Enable+ Count=1024 Masked-"
	has $f "$v" "Kernel driver in use: ice"
	has $f "$v" "ATSCtl:${tab}Enable+, Smallest Translation Unit: 00"
	has $f "$v" "PRICtl: Enable+ Reset-"
	has $f "$v" "PASIDCap: Exec+ Priv+, Max PASID Width: 14"
	has $f "$v" "Device Serial Number 00-a0-c9-ff-ff-00-00-01"
	count $f "$v" "Ethernet Adaptive Virtual Function" 64
	count $f "$v" "Kernel driver in use: vfio-pci" 32
	count $f "$v" "Kernel driver in use: iavf" 30
	count $f "$v" "[virtual] [size=128K]" 64
	has $f "$v" "0000:81:08.7 Ethernet controller"
	has $f "$v" "NUMA node: 1"
	# every function in its own IOMMU group
	n=$(grep -c '^[0-9a-f]\{4,8\}:' "$v")
	g=$(grep 'IOMMU group:' "$v" | sort -u | wc -l)
	[ "$n" -eq "$g" ] || { echo "FAIL: $f: $n functions but $g IOMMU groups"; fail=1; }
	has $f "$tmp/$f.t" "\\-[0000:80]---02.0-[81]--+-00.0"
fi

f=no-iommu v=$tmp/$f.v
if [ -f "$v" ]; then
	has $f "$v" "Initial VFs: 8, Total VFs: 8, Number of VFs: 4"
	has $f "$v" "ARIHierarchy-"
	count $f "$v" "Kernel driver in use: iavf" 4
	count $f "$v" "IOMMU group" 0
	count $f "$v" "NUMA node" 0
fi

f=nvme-vf v=$tmp/$f.v
if [ -f "$v" ]; then
	has $f "$v" "Initial VFs: 8, Total VFs: 16, Number of VFs: 4"
	has $f "$v" "IOVCap:	Migration+"
	has $f "$v" "VF offset: 1, stride: 1, Device ID: 0a55"
	count $f "$v" "Kernel driver in use: nvme" 4
	count $f "$v" "MSI-X: Enable+ Count=8" 3
	count $f "$v" "[virtual] [size=16K]" 4
fi

f=vmd-domain v=$tmp/$f.v
if [ -f "$v" ]; then
	# domain 10000 in full (not truncated to 0000), as its own tree in -t
	count $f "$v" "Volume Management Device NVMe RAID Controller" 1
	count $f "$v" "10000:" 7
	has $f "$v" "10000:01:00.0 Non-Volatile memory controller"
	has $f "$v" "10000:00:04.0 SCSI storage controller: Red Hat, Inc. Virtio 1.0 block device"
	has $f "$v" "Express (v2) Root Complex Integrated Endpoint"
	has $f "$v" "Initial VFs: 8, Total VFs: 8, Number of VFs: 2"
	has $f "$tmp/$f.t" "\\-[10000:00]-+-02.0-[01]----00.0"
	has $f "$tmp/$f.t" "+-03.0-[02]--+-00.0"
	has $f "$tmp/$f.t" "\\-04.0  Red Hat, Inc. Virtio 1.0 block device"
	# the VMD endpoint and everything behind it: one IOMMU group
	count $f "$v" "IOMMU group: 1" 8
fi

f=hyperv-vf v=$tmp/$f.v
if [ -f "$v" ]; then
	# a root bus per VMBus device, each in a domain of its own
	has $f "$tmp/$f.t" "+-[7870:00]---02.0  Mellanox Technologies MT27800 Family [ConnectX-5 Virtual Function]"
	has $f "$tmp/$f.t" "\\-[c05b:00]---02.0  Mellanox Technologies MT27800 Family [ConnectX-5 Virtual Function]"
	count $f "$v" "Kernel driver in use: mlx5_core" 2
	count $f "$v" "IOMMU group" 0
fi

f=switch-no-acs v=$tmp/$f.v
if [ -f "$v" ]; then
	has $f "$tmp/$f.t" "+-01.0-[01-04]----00.0-[02-04]--+-00.0-[03]----00.0"
	has $f "$tmp/$f.t" "\\-01.0-[04]--+-00.0"
	has $f "$v" "Express (v2) Upstream Port"
	count $f "$v" "Express (v2) Downstream Port" 2
	count $f "$v" "Access Control Services" 1
	count $f "$v" "IOMMU group: 1" 7
fi

f=numa-unknown v=$tmp/$f.v
if [ -f "$v" ]; then
	count $f "$v" "NUMA node" 0
	has $f "$v" "Number of VFs: 2"
fi

f=downtrained v=$tmp/$f.v
if [ -f "$v" ]; then
	# lspci flags the endpoint side (LnkSta below its own LnkCap)
	has $f "$v" "LnkSta:${tab}Speed 8GT/s (downgraded), Width x4 (downgraded)"
	has $f "$v" "LnkSta:${tab}Speed 8GT/s, Width x4"
	has $f "$v" "LnkCap:${tab}Port #0, Speed 16GT/s, Width x16"
	has $f "$v" "Initial VFs: 0, Total VFs: 0, Number of VFs: 0"
	has $f "$v" "Initial VFs: 16, Total VFs: 16, Number of VFs: 12"
	has $f "$v" "Initial VFs: 8, Total VFs: 8, Number of VFs: 0"
	has $f "$tmp/$f.t" "\\-01.4  Intel Corporation Ethernet Adaptive Virtual Function"
fi

f=nonroot-64b v=$tmp/$f.v
if [ -f "$v" ]; then
	# all but the capability-less host bridge
	count $f "$v" "Capabilities: <access denied>" 10
	count $f "$v" "Ethernet Adaptive Virtual Function" 8
fi

f=cyclic-caps v=$tmp/$f.v
if [ -f "$v" ]; then
	count $f "$v" "<chain looped>" 3
	count $f "$v" "Capabilities: <access denied>" 1
	has $f "$v" "Capabilities: [20]"
fi

f=aer-d3 v=$tmp/$f.v
if [ -f "$v" ]; then
	has $f "$v" "CESta:${tab}RxErr+ BadTLP+ BadDLLP+ Rollover- Timeout- AdvNonFatalErr-"
	has $f "$v" "UESta:${tab}DLP- SDES- TLP- FCP- CmpltTO+"
	has $f "$v" "Status: D3 NoSoftRst+"
	has $f "$v" "Number of VFs: 4"
	count $f "$v" "Kernel driver in use: iavf" 0
fi

f=real-nvme-sriov-2numa v=$tmp/$f.v
if [ -f "$v" ]; then
	has $f "$v" "Initial VFs: 4, Total VFs: 4, Number of VFs: 4"
fi

# Determinism: a second run must write the very same trees.
py=$(command -v python3)
gen=${top_srcdir:-.}/tests/fixtures/mkfixture.py
if [ -n "$py" ] && [ -f "$gen" ]; then
	"$py" "$gen" "$tmp/again" nic-64vf-ari cyclic-caps switch-no-acs || fail=1
	for n in nic-64vf-ari cyclic-caps switch-no-acs; do
		if ! diff -r --no-dereference "$FIXTURES/$n" "$tmp/again/$n" >/dev/null; then
			echo "FAIL: $n: a second mkfixture.py run differs"
			fail=1
		fi
	done
fi

exit $fail
