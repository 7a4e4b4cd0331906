#!/bin/sh
# Make every figure and table of the standard sweep and of the roaming-policies
# sweep, from scratch or resuming.
#
#   analysis/make-figures.sh [--fresh] [sweep.py run options...]
#
# e.g.  analysis/make-figures.sh -j 2 -r 3            # 3 replications, 2 cores
#       ROAMSEC_SCENARIO_BIN=analysis/tests/fake-roaming-handoff analysis/make-figures.sh
#                                                     # demo on synthetic data
# Environment: SWEEP (default scenarios/sweeps/standard.toml), OUT (sweep
# results, default results/standard), SWEEP_POLICIES (default
# scenarios/sweeps/policies.toml), OUT_POLICIES (its results, default
# results/policies), FIG (default results/figures), PYTHON
# (default /usr/bin/python3), ROAMSEC_SCENARIO_BIN / ROAMSEC_BUILD_DIR (the
# scenario program, default build/scenarios/roaming-handoff).
set -eu
cd "$(dirname "$0")/.."
SWEEP=${SWEEP:-scenarios/sweeps/standard.toml}
OUT=${OUT:-results/standard}
SWEEP_POLICIES=${SWEEP_POLICIES:-scenarios/sweeps/policies.toml}
OUT_POLICIES=${OUT_POLICIES:-results/policies}
FIG=${FIG:-results/figures}
PY=${PYTHON:-/usr/bin/python3}

if [ "${1:-}" = "--fresh" ]; then
    shift
    echo "make-figures: removing $OUT, $OUT_POLICIES and $FIG"
    rm -rf "$OUT" "$OUT_POLICIES" "$FIG"
fi

echo "make-figures: running $SWEEP into $OUT (finished runs are kept)"
if ! "$PY" analysis/sweep.py run "$SWEEP" -o "$OUT" "$@"; then
    echo "make-figures: the sweep did not complete; fix the failed runs (see $OUT/failed/) and run again" >&2
    exit 1
fi

H="$OUT/handoffs.csv"
mkdir -p "$FIG"
"$PY" analysis/stats.py "$H" -o "$FIG" --prefix stats-baseline --where group=baseline --by method
"$PY" analysis/stats.py "$H" -o "$FIG" --prefix stats-wan --where group=wan --by method,wanDelay
"$PY" analysis/stats.py "$H" -o "$FIG" --prefix stats-load --where group=load --by method,numMobiles
"$PY" analysis/plots.py cdf "$H" -o "$FIG/latency-cdf" --where group=baseline
"$PY" analysis/plots.py phases "$H" -o "$FIG/phase-breakdown" --where group=baseline
"$PY" analysis/plots.py wan "$H" -o "$FIG/latency-vs-wan-delay" --where group=wan --wan-param wanDelay
"$PY" analysis/plots.py load "$H" -o "$FIG/load-vs-mobiles" --where group=load --mobiles-param numMobiles
"$PY" analysis/msc.py per-method "$OUT/runs" -o "$FIG"

# Every method under each roaming policy (missed-beacons, rssi) against the WAN delay.
echo "make-figures: running $SWEEP_POLICIES into $OUT_POLICIES (finished runs are kept)"
if ! "$PY" analysis/sweep.py run "$SWEEP_POLICIES" -o "$OUT_POLICIES" "$@"; then
    echo "make-figures: the policies sweep did not complete; fix the failed runs (see $OUT_POLICIES/failed/)" \
        "and run again" >&2
    exit 1
fi
HP="$OUT_POLICIES/handoffs.csv"
for group in missed-beacons rssi; do
    "$PY" analysis/stats.py "$HP" -o "$FIG" --prefix "stats-policy-$group" --where "group=$group" \
        --by method,wanDelay
done
"$PY" analysis/plots.py policies "$HP" -o "$FIG/latency-by-policy" --metric total \
    --policy-param policy --wan-param wanDelay
"$PY" analysis/plots.py policies "$HP" -o "$FIG/outage-by-policy" --metric udp_gap \
    --policy-param policy --wan-param wanDelay
echo "make-figures: figures and tables are in $FIG"
