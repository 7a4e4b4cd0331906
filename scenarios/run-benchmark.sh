#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Runs the campus benchmark (doc/benchmark.rst) with the security roles on and off:
# first the default campus (20 APs, 200 mobiles, 120 s simulated, 10 s warm-up), then a
# scaling series over the number of mobiles on the fixed 20-AP line, then the scaling
# series at constant density (one AP per MOBILES_PER_AP mobiles, the crowd spread so that
# PER_CELL mobiles share an AP's 110 m; grid channel, switched backhaul, APs that do not
# repeat backhaul broadcasts into their cells). Prints the
# wall and CPU times of Simulator::Run, whole and after the warm-up (every mobile's
# first association), their on/off ratio (target <= 1.10) and the cost per mobile and
# simulated second (flat if the cost grows linearly with the mobiles); with
# INSTRUCTIONS=1 also callgrind's instruction count of a short steady window per point.
# The constant-density series ends with a plot (analysis/benchmark.py).
#
# usage: scenarios/run-benchmark.sh [build-dir] [out-dir]
#   env: METHOD (full-eap); REPEAT (1: runs per point, the fastest kept);
#        DEFAULT (1: run the default campus; 0: skip it);
#        SCALE ("100:12:4 200:12:4 400:12:6 800:10:7", mobiles:simulated-s:warm-up-s;
#               "" skips this series);
#        SERIES ("100 200 400 1000" mobiles; "" skips the constant-density series);
#        SERIES_TIME ("10:5", simulated-s:warm-up-s); MOBILES_PER_AP (10); PER_CELL (10);
#        SERIES_FLAGS ("--wifiChannel=grid --backhaul=switched
#                      --ns3::RoamingApWifiMac::GroupAddressedForwarding=false");
#        INSTRUCTIONS (0; 1: callgrind runs, INSTR_TIME "5.5:5" simulated-s:warm-up-s);
#        EXTRA (further arguments for every benchmark-campus run)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../build-bench}
out=${2:-$here/../results/benchmark}
method=${METHOD:-full-eap}
repeat=${REPEAT:-1}
default=${DEFAULT:-1}
scale=${SCALE-"100:12:4 200:12:4 400:12:6 800:10:7"}
series=${SERIES-"100 200 400 1000"}
seriesTime=${SERIES_TIME:-10:5}
mobilesPerAp=${MOBILES_PER_AP:-10}
perCell=${PER_CELL:-10}
seriesFlags=${SERIES_FLAGS-"--wifiChannel=grid --backhaul=switched --ns3::RoamingApWifiMac::GroupAddressedForwarding=false"}
instructions=${INSTRUCTIONS:-0}
instrTime=${INSTR_TIME:-5.5:5}
extra=${EXTRA:-}
bin=$build/scenarios/benchmark-campus
if [ ! -x "$bin" ]; then
    echo "run-benchmark: $bin not built; build it with:" >&2
    echo "  cmake -S $here/.. -B $build && cmake --build $build -j2 --target benchmark-campus" >&2
    exit 2
fi
mkdir -p "$out"
results=$out/benchmark.jsonl
: >"$results"
seriesResults=/dev/null # the constant-density series' lines also go to scaling.jsonl

# field <key=value line> <key>
field() { sed -n "s/.* $2=\([^ ]*\).*/\1/p" <<<" $1"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{ printf "%.3f", (b > 0 ? a / b : 0) }'; }

# run <mobiles> <duration> <warmup> <security> [flags...]: the key=value line of the
# repetition with the least CPU time (the JSON line of every repetition goes to
# benchmark.jsonl)
run() {
    local best="" bestCpu="" text line cpu
    local m=$1 d=$2 w=$3 sec=$4
    shift 4
    for ((r = 0; r < repeat; r++)); do
        # shellcheck disable=SC2086
        text=$("$bin" --numMobiles="$m" --duration="$d" --warmup="$w" --security="$sec" \
            --method="$method" "$@" $extra)
        grep '^{' <<<"$text" | tee -a "$seriesResults" >>"$results"
        line=$(grep '^security=' <<<"$text")
        cpu=$(field "$line" cpu_run_s)
        if [ -z "$bestCpu" ] || awk -v a="$cpu" -v b="$bestCpu" 'BEGIN{ exit !(a < b) }'; then
            best=$line
            bestCpu=$cpu
        fi
    done
    echo "$best"
}

echo "machine: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)," \
    "$(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo)"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "method=$method repeat=$repeat extra='$extra'"
echo

if [ "$default" = 1 ]; then
    # off first, then on: both see about the same machine load
    b=$(run 200 120 10 off)
    a=$(run 200 120 10 on)
    echo "default campus (20 APs, 200 mobiles, 120 s simulated, method $method):"
    for k in wall_run_s cpu_run_s wall_total_s wall_steady_s cpu_steady_s events events_steady; do
        printf "  %-14s on %11s   off %11s   ratio %s\n" "$k" "$(field "$a" $k)" \
            "$(field "$b" $k)" "$(ratio "$(field "$a" $k)" "$(field "$b" $k)")"
    done
    echo "  handoffs completed: on $(field "$a" handoffs_completed), off $(field "$b" handoffs_completed);" \
        "per wall second: on $(field "$a" handoffs_per_wall_s), off $(field "$b" handoffs_per_wall_s)"
    echo "  events: on $(field "$a" events), off $(field "$b" events);" \
        "peak memory: on $(field "$a" peak_mb) MB, off $(field "$b" peak_mb) MB"
    echo "  target: wall ratio <= 1.10"
    echo
fi

if [ -n "$scale" ]; then
    echo "scaling (20 APs; shorter simulated times for the larger crowds; *_st: after the warm-up):"
    printf "%-7s %-9s %-8s %-8s %-6s %-8s %-8s %-6s %-6s %-8s %-9s %-9s %-7s %-7s\n" \
        mobiles sim/warm wall_on wall_off ratio cpu_st_on cpu_st_off ratio ho_st ho/wall_s \
        us/mob/s_on us/mob/s_off peak_on peak_off
    for point in $scale; do
        IFS=: read -r m d w <<<"$point"
        b=$(run "$m" "$d" "$w" off)
        a=$(run "$m" "$d" "$w" on)
        awk -v m="$m" -v d="$d" -v w="$w" \
            -v won="$(field "$a" wall_run_s)" -v woff="$(field "$b" wall_run_s)" \
            -v con="$(field "$a" cpu_steady_s)" -v coff="$(field "$b" cpu_steady_s)" \
            -v ho="$(field "$a" handoffs_steady)" -v hps="$(field "$a" handoffs_per_wall_s)" \
            -v pon="$(field "$a" peak_mb)" -v poff="$(field "$b" peak_mb)" 'BEGIN{
            printf "%-7d %-9s %-8.2f %-8.2f %-6.3f %-9.2f %-10.2f %-6.3f %-6d %-8.1f %-11.1f %-12.1f %-7.1f %-7.1f\n",
                m, d "/" w, won, woff, won / woff, con, coff, con / coff, ho, hps,
                1e6 * con / (m * (d - w)), 1e6 * coff / (m * (d - w)), pon, poff }'
    done
    echo
    echo "ratio: on/off. wall_*: Simulator::Run, whole run; cpu_st_*: CPU seconds of"
    echo "Simulator::Run after the warm-up; ho_st: handoffs completed after the warm-up (on);"
    echo "us/mob/s: CPU microseconds after the warm-up per mobile per simulated second"
    echo "(constant if the cost grows linearly with the mobiles); peak: ru_maxrss in MB."
    echo
fi

# instructions <mobiles> <security> [flags...]: callgrind's count of the steady window
# (benchmark-campus instruments only the time after its warm-up); one JSON line.
instructions() {
    local m=$1 sec=$2 d w cg count
    shift 2
    IFS=: read -r d w <<<"$instrTime"
    cg=$(mktemp "$out/callgrind.XXXXXX")
    # shellcheck disable=SC2086
    valgrind --tool=callgrind --instr-atstart=no --callgrind-out-file="$cg" \
        "$bin" --numMobiles="$m" --duration="$d" --warmup="$w" --security="$sec" \
        --method="$method" "$@" $extra >/dev/null 2>&1
    count=$(sed -n 's/^totals: *\([0-9]*\).*/\1/p' "$cg")
    rm -f "$cg"
    echo "{\"benchmark\": \"campus-instructions\", \"security\": \"$sec\", \"mobiles\": $m," \
        "\"duration\": $d, \"warmup\": $w, \"instructions_steady\": ${count:-0}}" |
        tee -a "$seriesResults" >>"$results"
    echo "${count:-0}"
}

if [ -n "$series" ]; then
    IFS=: read -r sd sw <<<"$seriesTime"
    seriesResults=$out/scaling.jsonl
    : >"$seriesResults"
    echo "scaling at constant density ($mobilesPerAp mobiles per AP, $perCell per 110 m of the" \
        "crowd, $sd s simulated, $sw s warm-up; $seriesFlags):"
    printf "%-7s %-5s %-12s %-12s %-6s %-11s %-11s %-6s %-9s %-9s %-8s %-8s\n" mobiles aps \
        ev/mob/s_on ev/mob/s_off ratio us/mob/s_on us/mob/s_off ratio ho_on ho_off peak_on \
        peak_off
    for m in $series; do
        aps=$(((m + mobilesPerAp - 1) / mobilesPerAp))
        [ "$aps" -ge 2 ] || aps=2
        spread=$(awk -v m="$m" -v c="$perCell" 'BEGIN{ printf "%.0f", m * 110 / c }')
        # shellcheck disable=SC2086
        b=$(run "$m" "$sd" "$sw" off --numAps="$aps" --spread="$spread" $seriesFlags)
        # shellcheck disable=SC2086
        a=$(run "$m" "$sd" "$sw" on --numAps="$aps" --spread="$spread" $seriesFlags)
        awk -v m="$m" -v aps="$aps" -v s="$(awk -v a="$sd" -v b="$sw" 'BEGIN{ print a - b }')" \
            -v eon="$(field "$a" events_steady)" -v eoff="$(field "$b" events_steady)" \
            -v con="$(field "$a" cpu_steady_s)" -v coff="$(field "$b" cpu_steady_s)" \
            -v hson="$(field "$a" handoffs_started)" -v hcon="$(field "$a" handoffs_completed)" \
            -v hsoff="$(field "$b" handoffs_started)" -v hcoff="$(field "$b" handoffs_completed)" \
            -v pon="$(field "$a" peak_mb)" -v poff="$(field "$b" peak_mb)" 'BEGIN{
            printf "%-7d %-5d %-12.0f %-12.0f %-6.3f %-11.1f %-11.1f %-6.3f %-9s %-9s %-8.1f %-8.1f\n",
                m, aps, eon / (m * s), eoff / (m * s), eon / eoff, 1e6 * con / (m * s),
                1e6 * coff / (m * s), con / coff, hcon "/" hson, hcoff "/" hsoff, pon, poff }'
        if [ "$instructions" = 1 ]; then
            # shellcheck disable=SC2086
            ion=$(instructions "$m" on --numAps="$aps" --spread="$spread" $seriesFlags)
            # shellcheck disable=SC2086
            ioff=$(instructions "$m" off --numAps="$aps" --spread="$spread" $seriesFlags)
            IFS=: read -r idur iw <<<"$instrTime"
            awk -v m="$m" -v on="$ion" -v off="$ioff" -v s="$(awk -v a="$idur" -v b="$iw" 'BEGIN{print a-b}')" \
                'BEGIN{ printf "        instructions per mobile and simulated second: on %.0f, off %.0f, ratio %.3f\n",
                    on / (m * s), off / (m * s), (off > 0 ? on / off : 0) }'
        fi
    done
    echo "ev/mob/s, us/mob/s: events, CPU microseconds after the warm-up per mobile and"
    echo "simulated second; ho: handoffs completed / started (benchmark's own count, the"
    echo "end of the run cuts some); peak: ru_maxrss in MB."
    if /usr/bin/python3 -c "import matplotlib" 2>/dev/null; then
        /usr/bin/python3 "$here/../analysis/benchmark.py" "$seriesResults" -o "$out/scaling"
    else
        echo "run-benchmark: no python3 with matplotlib: plot skipped" >&2
    fi
    echo
fi
echo "JSON lines of every run: $results"
