#!/bin/sh
# The command-line contract, checked by the project's shared contract-check
# (exit codes, --help everywhere, global options before or after the
# command, JSON that parses, SR-IOV numbers equal to lspci's, facts equal to
# the kernel's, topology nesting equal to the kernel's) on the real-kernel
# fixture. The tool lives beside the repository, in shared/tools.
tool=${top_srcdir:-.}/../shared/tools/contract-check
if [ ! -x "$tool" ]; then
	echo "skip: $tool not found (it sits beside the repository in CI)"
	exit 77
fi
exec "$tool" "${IOVCTL:-./iovctl}"
