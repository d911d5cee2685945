#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Golden tests for `iovctl monitor` (batch, JSON lines, Prometheus) over the
# `monitor` fixture rewritten between samples; see tests/monitor-golden.py.
# After a deliberate change of output, rewrite and review:
#   FIXTURES=tests/fixtures/gen tests/monitor-golden.sh --update [SCENARIO...]
set -u
. "$(dirname "$0")/lib.sh"
: "${FIXTURES:?set FIXTURES to the directory holding the fixture trees}"
[ -d "$FIXTURES/monitor" ] && [ -d "$FIXTURES/monitor-8vf" ] ||
	skip "no monitor fixtures under $FIXTURES"
command -v python3 >/dev/null 2>&1 || skip "python3 not found"
top_srcdir=${top_srcdir:-$(cd "$(dirname "$0")/.." && pwd)}
export top_srcdir FIXTURES
exec python3 "$(dirname "$0")/monitor-golden.py" "$@"
