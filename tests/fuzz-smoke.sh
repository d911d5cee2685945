#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Each libFuzzer harness (tests/fuzz/) for a short run over its seed corpus
# (tests/fuzz/corpus/NAME, plus every config file of the fixture trees for
# caps), so that the harnesses keep building and the seeds keep passing.
# Long runs: tests/fuzz/README.
set -u
: "${top_srcdir:=.}" "${top_builddir:=.}" "${FIXTURES:=$top_builddir/tests/fixtures/gen}"
if [ -z "${FUZZ_CC:-}" ]; then
	echo "SKIP: no clang at configure time (or --disable-fuzzing): install clang libfuzzer-14-dev libclang-rt-14-dev and re-run configure"
	exit 77
fi
RUNS=${FUZZ_RUNS:-2000}
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
export TMPDIR="$tmp"
fail=0
# the fixtures' config files, one seed each (sysfs trees hold links in cycles: no -L)
mkdir -p "$tmp/cfg"
find "$FIXTURES" -name config -type f 2>/dev/null | head -400 |
	while read -r f; do cp "$f" "$tmp/cfg/$(echo "$f" | cksum | cut -d' ' -f1)"; done
for name in caps attr snapshot; do
	bin="$top_builddir/tests/fuzz/fuzz_$name"
	if [ ! -x "$bin" ]; then
		echo "FAIL: $bin was not built (configure found $FUZZ_CC)"
		fail=1
		continue
	fi
	seeds=("$top_srcdir/tests/fuzz/corpus/$name")
	[ "$name" = caps ] && seeds+=("$tmp/cfg")
	mkdir -p "$tmp/new-$name"
	"$bin" -runs="$RUNS" -seed=1 -max_len=4104 -timeout=10 -rss_limit_mb=1024 \
		"$tmp/new-$name" "${seeds[@]}" >"$tmp/$name.log" 2>&1
	rc=$?
	if [ $rc -ne 0 ] || ! grep -q "^Done $RUNS runs" "$tmp/$name.log"; then
		echo "FAIL: fuzz_$name (exit $rc):"
		tail -n 40 "$tmp/$name.log"
		fail=1
	else
		echo "ok: fuzz_$name: $(grep -E '^(#[0-9]+.*(DONE|INITED)|Done)' "$tmp/$name.log" | tail -n 2 | tr '\n' ' ')"
	fi
done
exit $fail
