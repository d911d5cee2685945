#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# iovctl-snapshot(8) is clean under mandoc -Tlint and documents every option the command takes.
set -u
: "${IOVCTL:=$top_builddir/iovctl}"
page="$top_srcdir/man/iovctl-snapshot.8"
fail=0
if command -v mandoc >/dev/null; then
    mandoc -Tlint -W warning "$page" || { echo "FAIL: mandoc -Tlint"; fail=1; }
else
    echo "note: mandoc not installed, lint skipped"
fi
for o in $("$IOVCTL" snapshot --list-opts | sed 's/=$//; s/^--//'); do
    case $o in help|version|json|quiet|verbose|color|sysfs-root|proc-root) continue;; esac  # iovctl(8)
    grep -q "Fl -$o\b" "$page" || { echo "FAIL: --$o not in $page"; fail=1; }
done
exit $fail
