# SPDX-License-Identifier: GPL-2.0-or-later
# Helpers shared by the shell tests; sourced (POSIX sh), not run:
#   . "$(dirname "$0")/lib.sh"
#
# A test that cannot run here exits 77, automake's skip. In CI (.ci/run sets
# IOVCTL_TEST_STRICT=1) a skip means a missing install step, so there it is
# a failure instead; the same goes for a part of a test that cannot run.

# strict: true when a skip must fail (CI)
strict() {
	[ "${IOVCTL_TEST_STRICT:-0}" = 1 ]
}

# skip REASON: the whole test cannot run here; exit 77, or 1 when strict
skip() {
	if strict; then
		echo "FAIL: cannot run: $* (IOVCTL_TEST_STRICT=1: a skip is a failure)" >&2
		exit 1
	fi
	echo "SKIP: $*" >&2
	exit 77
}

# partial REASON: part of the test cannot run here; a note, or exit 1 when strict
partial() {
	if strict; then
		echo "FAIL: not tested: $* (IOVCTL_TEST_STRICT=1: a skip is a failure)" >&2
		exit 1
	fi
	echo "note: not tested: $*" >&2
}
