#!/bin/sh
# Side by side with pciutils: on every fixture tree, each field that both
# 'lspci -vvv' and 'iovctl inspect' decode must agree. A disagreement is our
# bug until shown otherwise.
set -u
. "$(dirname "$0")/lib.sh"
: "${LSPCI:=lspci}"
command -v "$LSPCI" >/dev/null 2>&1 || skip "lspci not found (Debian package pciutils)"
[ -d "$FIXTURES" ] || { echo "FAIL: no fixtures under $FIXTURES"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0 n=0
for root in "$FIXTURES"/*/sys; do
	name=$(basename "$(dirname "$root")")
	[ "$name" = large ] && continue
	n=$((n + 1))
	# 0, or 1 for findings; anything else (a usage error, a crash) fails
	"$IOVCTL" --sysfs-root "$root" inspect --all -j >"$tmp/$name.json" 2>"$tmp/err"
	rc=$?
	[ $rc -le 1 ] || { echo "FAIL: $name: inspect exit $rc: $(cat "$tmp/err")"; fail=1; continue; }
	if python3 "$top_srcdir/tests/lspci-compare.py" "$LSPCI" "$tmp/$name.json" "$root" >"$tmp/out" 2>&1; then
		echo "ok: $name: $(tail -n 1 "$tmp/out")"
	else
		echo "FAIL: $name:"
		cat "$tmp/out"
		fail=1
	fi
done
[ $n -gt 0 ] || { echo "FAIL: no fixture trees in $FIXTURES"; exit 1; }
exit $fail
