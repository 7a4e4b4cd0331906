#!/usr/bin/env bash
# GridSpectrumChannel against ns-3's MultiModelSpectrumChannel (doc/channel.rst): the
# per-handoff CSV must be identical on
#  (a) the default roaming-handoff scenario (every method), and
#  (b) a 50-mobile campus (benchmark-campus, security on, short run),
# with the stock channel given the grid's cut-off loss as MaxLossDb (118 dB: 16 dBm -
# (-101 dBm) + the 1 dB margin), so that both drop exactly the receivers below threshold.
# The grid runs with VerifyCutOff (every receiver outside the visited cells is checked to
# be beyond the cut-off loss), and schedules no more events than the stock channel (as
# many on ns-3.37, whose stock channel drops at transmission; fewer on ns-3.48, which
# drops on arrival).
# Usage: check-grid-channel.sh <dir with roaming-handoff and benchmark-campus> [keep dir]
# Exit 0: pass; 1: a check failed.
set -u
bindir=${1:?usage: check-grid-channel.sh SCENARIO_BIN_DIR [KEEP_DIR]}
keep=${2:-}
for prog in roaming-handoff benchmark-campus; do
    if [ ! -x "$bindir/$prog" ]; then
        echo "FAIL: $bindir/$prog is not built"
        exit 1
    fi
done
if [ -n "$keep" ]; then
    work=$keep
    mkdir -p "$work"
else
    work=$(mktemp -d /tmp/roamsec-grid.XXXXXX)
    trap 'rm -rf "$work"' EXIT
fi
stockcut=--ns3::SpectrumChannel::MaxLossDb=118
fail=0

# non-empty, identical CSVs
same() { # label a b min_rows
    local rows
    rows=$(($(wc -l <"$2") - 1))
    if [ "$rows" -lt "$4" ]; then
        echo "FAIL: $1: only $rows handoff rows in $2 (expected at least $4)"
        fail=1
    elif ! cmp -s "$2" "$3"; then
        echo "FAIL: $1: per-handoff CSV differs between the stock and the grid channel:"
        diff "$2" "$3" | head -n 10
        fail=1
    else
        echo "ok: $1: $rows handoffs, identical CSV"
    fi
}

# (a) the default scenario
for kind in spectrum grid; do
    extra=()
    [ "$kind" = spectrum ] && extra=("$stockcut")
    if ! "$bindir/roaming-handoff" --wifiChannel=$kind "${extra[@]}" --outDir="$work/handoff-$kind" \
        >"$work/handoff-$kind.log" 2>&1; then
        echo "FAIL: roaming-handoff --wifiChannel=$kind exited non-zero:"
        tail -n 5 "$work/handoff-$kind.log"
        exit 1
    fi
done
same "default roaming-handoff" "$work/handoff-spectrum/handoffs-run1.csv" \
    "$work/handoff-grid/handoffs-run1.csv" 8

# (b) a 50-mobile campus
for kind in spectrum grid; do
    extra=(--ns3::GridSpectrumChannel::VerifyCutOff=true)
    [ "$kind" = spectrum ] && extra=("$stockcut")
    if ! "$bindir/benchmark-campus" --numMobiles=50 --numAps=20 --duration=8 --warmup=4 \
        --wifiChannel=$kind "${extra[@]}" --csv="$work/campus-$kind.csv" \
        >"$work/campus-$kind.log" 2>&1; then
        echo "FAIL: benchmark-campus --wifiChannel=$kind exited non-zero:"
        tail -n 5 "$work/campus-$kind.log"
        exit 1
    fi
done
same "50-mobile campus" "$work/campus-spectrum.csv" "$work/campus-grid.csv" 20
ev() { sed -n 's/.* events=\([0-9]*\) .*/\1/p' "$1" | head -n 1; }
stock_events=$(ev "$work/campus-spectrum.log")
grid_events=$(ev "$work/campus-grid.log")
if [ -z "$stock_events" ] || [ -z "$grid_events" ] || [ "$grid_events" -gt "$stock_events" ]; then
    echo "FAIL: campus events: stock '$stock_events', grid '$grid_events' (the grid must not schedule more)"
    fail=1
else
    echo "ok: campus events: stock $stock_events, grid $grid_events"
fi

[ $fail = 0 ] && echo "PASS: the grid channel gives the stock channel's per-handoff results"
exit $fail
