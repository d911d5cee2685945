#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Corrupted copies of the fixture trees through inspect, topology and
# snapshot (tests/hostile-trees.py; HOSTILE_SEED=N repeats a run).
command -v python3 >/dev/null 2>&1 || { echo "SKIP: python3 not found"; exit 77; }
exec python3 "${top_srcdir:-.}/tests/hostile-trees.py" "${IOVCTL:-./iovctl}" \
	"${FIXTURES:-tests/fixtures/gen}"
