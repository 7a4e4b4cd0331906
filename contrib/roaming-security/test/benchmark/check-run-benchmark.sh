#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# scenarios/run-benchmark.sh end to end on a tiny constant-density series (doc/benchmark.rst,
# "Scaling"): it must exit 0, write one JSON line per run into scaling.jsonl (and a
# callgrind instruction line per run when valgrind is installed), the table scaling.md
# and the plot scaling.png.
#
# usage: check-run-benchmark.sh <run-benchmark.sh> <build-dir>
set -uo pipefail
script=$1
build=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
instructions=0
if command -v valgrind >/dev/null; then
    instructions=1
else
    echo "SKIP (instructions only): valgrind is not installed"
fi
if ! DEFAULT=0 SCALE="" SERIES="20 30" SERIES_TIME="2.5:2" INSTRUCTIONS=$instructions \
    INSTR_TIME="2.1:2" bash "$script" "$build" "$work" >"$work/log" 2>&1; then
    echo "FAIL: run-benchmark.sh exited non-zero:"
    cat "$work/log"
    exit 1
fi
fail=0
campus=$(grep -c '"benchmark": "campus"' "$work/scaling.jsonl")
if [ "$campus" != 4 ]; then
    echo "FAIL: $campus benchmark-campus lines in scaling.jsonl, expected 4 (2 sizes x on/off)"
    fail=1
fi
if [ "$instructions" = 1 ]; then
    counted=$(grep '"benchmark": "campus-instructions"' "$work/scaling.jsonl" |
        grep -vc '"instructions_steady": 0}')
    if [ "$counted" != 4 ]; then
        echo "FAIL: $counted non-zero callgrind instruction counts, expected 4"
        fail=1
    fi
fi
for row in "| 20 | 2 |" "| 30 | 3 |"; do
    if ! grep -qF "$row" "$work/scaling.md"; then
        echo "FAIL: no row '$row' in scaling.md"
        fail=1
    fi
done
if ! head -c 8 "$work/scaling.png" | grep -q PNG; then
    echo "FAIL: no scaling.png"
    fail=1
fi
if [ "$fail" != 0 ]; then
    cat "$work/log"
    exit 1
fi
echo "PASS: run-benchmark.sh series of 20 and 30 mobiles, table and plot written"
cat "$work/scaling.md"
