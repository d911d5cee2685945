#!/bin/sh
# The command-line contract, checked by the project's shared contract-check
# (exit codes, --help everywhere, global options before or after the
# command, JSON that parses, SR-IOV numbers equal to lspci's, facts equal to
# the kernel's, topology nesting equal to the kernel's) on the real-kernel
# fixture. The tool lives beside the repository, in shared/tools (or set
# CONTRACT_CHECK to it).
. "$(dirname "$0")/lib.sh"
tool=${CONTRACT_CHECK:-${top_srcdir:-.}/../shared/tools/contract-check}
[ -x "$tool" ] || skip "$tool not found (it sits beside the repository in CI)"
exec "$tool" "${IOVCTL:-./iovctl}"
