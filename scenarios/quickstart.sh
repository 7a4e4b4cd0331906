#!/usr/bin/env bash
# One command on a fresh Debian 12 machine: install the dependencies, build, run the
# main scenario, and make its table and plot.
set -euo pipefail
cd "$(dirname "$0")/.."
contrib/roaming-security/utils/install-debian-deps.sh
cmake -S . -B build
cmake --build build -j"$(nproc)" --target roaming-handoff
out=results/roaming-handoff
mkdir -p "$out"
./build/scenarios/roaming-handoff --outDir="$out" --traceMessages=1 | tee "$out.table.txt"
mkdir -p "$out/figures"
/usr/bin/python3 analysis/plots.py phases "$out/handoffs-run1.csv" -o "$out/figures/phase-breakdown"
/usr/bin/python3 analysis/plots.py cdf "$out/handoffs-run1.csv" -o "$out/figures/latency-cdf"
echo
echo "table:   $out.table.txt"
echo "results: $out/handoffs-run1.csv, $out/run1.json, $out/messages-run1.csv"
echo "plots:   $out/figures/phase-breakdown.png, $out/figures/latency-cdf.png (and .pdf)"
