#!/bin/sh
# Golden text and JSON output of 'iovctl inspect' over every fixture.
exec "${top_srcdir:-.}/tests/run-golden.sh" inspect "$@"
