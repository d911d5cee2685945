#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# No two source files need each other.  From the built objects of lib/ and
# cmd/ (nm: the symbols each defines and the ones it uses), build the graph
# "file A uses a symbol file B defines" and fail, naming the files, on every
# cycle: a strongly connected component of more than one file.  A cycle
# means neither file can be understood, tested or replaced without the other.
#
# Environment (set by 'make check'): top_srcdir, top_builddir; NM (default nm).
set -eu
. "$(dirname "$0")/lib.sh"

top_srcdir=${top_srcdir:-$(cd "$(dirname "$0")/.." && pwd)}
top_builddir=${top_builddir:-$top_srcdir}
NM=${NM:-nm}
command -v "$NM" >/dev/null 2>&1 || skip "no '$NM' to read the objects with (binutils)"
command -v python3 >/dev/null 2>&1 || skip "no python3"

# Cycles known and owned elsewhere, one per line as the files of the
# cycle; tolerated (and reported) only while no other file joins them.
# - lib/findings*.c: the rules call iov_findings_add() and findings.c calls
#   the rules; the findings registry of issue 11 splits them.
known='lib/findings-vf.c lib/findings.c lib/virt-findings.c'

tmp=$(mktemp -d "${TMPDIR:-/tmp}/no-cycles.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM

# one line per object: "FILE.c D|U SYMBOL"; FILE is the source, found as the
# longest tail of the object's name (automake prefixes the target: iovctl-x.o)
n=0
for dir in lib cmd; do
	for obj in "$top_builddir/$dir"/*.o; do
		[ -f "$obj" ] || continue
		base=${obj##*/}
		base=${base%.o}
		src=
		tail=$base
		while :; do
			if [ -f "$top_srcdir/$dir/$tail.c" ]; then
				src=$dir/$tail.c
				break
			fi
			case $tail in
			*-*) tail=${tail#*-} ;;
			*) break ;;
			esac
		done
		[ -n "$src" ] || { echo "no-cycles: no source for $obj" >&2; exit 99; }
		"$NM" -g --defined-only "$obj" | awk -v f="$src" 'NF == 3 { print f, "D", $3 }'
		"$NM" -u "$obj" | awk -v f="$src" '{ print f, "U", $NF }'
		n=$((n + 1))
	done
done >"$tmp/syms"
[ "$n" -gt 0 ] || { echo "no-cycles: no objects under $top_builddir/lib or cmd: build first" >&2; exit 99; }

printf '%s\n' "$known" >"$tmp/known"
python3 - "$tmp/syms" "$tmp/known" <<'PY'
import sys
from collections import defaultdict

defs, uses = {}, defaultdict(set)
files = set()
for line in open(sys.argv[1]):
    f, kind, sym = line.split()
    files.add(f)
    if kind == "D":
        defs.setdefault(sym, f)
    else:
        uses[f].add(sym)

# edges, with one symbol each as the evidence
edges = defaultdict(dict)
for f in files:
    for s in sorted(uses[f]):
        g = defs.get(s)
        if g and g != f:
            edges[f].setdefault(g, s)

# Tarjan's strongly connected components, iteratively
index, low, on, stack, comps = {}, {}, set(), [], []
counter = 0
for root in sorted(files):
    if root in index:
        continue
    work = [(root, iter(sorted(edges[root])))]
    index[root] = low[root] = counter; counter += 1
    stack.append(root); on.add(root)
    while work:
        v, it = work[-1]
        nxt = next(it, None)
        if nxt is not None:
            if nxt not in index:
                index[nxt] = low[nxt] = counter; counter += 1
                stack.append(nxt); on.add(nxt)
                work.append((nxt, iter(sorted(edges[nxt]))))
            elif nxt in on:
                low[v] = min(low[v], index[nxt])
            continue
        work.pop()
        if work:
            low[work[-1][0]] = min(low[work[-1][0]], low[v])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop(); on.discard(w); comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                comps.append(sorted(comp))

known = [set(l.split()) for l in open(sys.argv[2]) if l.strip()]
failed = 0
for comp in comps:
    if any(set(comp) <= k for k in known):
        print("no-cycles: known cycle, to be removed: " + ", ".join(comp))
    else:
        failed += 1
        print("no-cycles: FAIL: these files need each other: " + ", ".join(comp))
    members = set(comp)
    for f in comp:
        for g, s in sorted(edges[f].items()):
            if g in members:
                print("  %s -> %s (%s)" % (f, g, s))
for k in known:
    if not any(set(c) <= k for c in comps):
        print("no-cycles: the known cycle of %s is gone: drop it from the list" % ", ".join(sorted(k)))
print("no-cycles: %d files, %d cycle%s, %d not known" % (len(files), len(comps),
      "" if len(comps) == 1 else "s", failed))
sys.exit(1 if failed else 0)
PY
