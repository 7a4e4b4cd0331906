#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Runs the campus benchmark (doc/benchmark.rst) with the security roles on and off:
# first the default campus (20 APs, 200 mobiles, 120 s simulated, 10 s warm-up), then a
# scaling series over the number of mobiles with shorter simulated times. Prints the
# wall and CPU times of Simulator::Run, whole and after the warm-up (every mobile's
# first association), their on/off ratio (target <= 1.10) and the cost per mobile and
# simulated second (flat if the cost grows linearly with the mobiles).
#
# usage: scenarios/run-benchmark.sh [build-dir] [out-dir]
#   env: METHOD (full-eap); REPEAT (1: runs per point, the fastest kept);
#        DEFAULT (1: run the default campus; 0: skip it);
#        SCALE ("100:12:4 200:12:4 400:12:6 800:10:7", mobiles:simulated-s:warm-up-s);
#        EXTRA (further arguments for every benchmark-campus run)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../build-bench}
out=${2:-$here/../results/benchmark}
method=${METHOD:-full-eap}
repeat=${REPEAT:-1}
default=${DEFAULT:-1}
scale=${SCALE:-"100:12:4 200:12:4 400:12:6 800:10:7"}
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

# field <key=value line> <key>
field() { sed -n "s/.* $2=\([^ ]*\).*/\1/p" <<<" $1"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{ printf "%.3f", (b > 0 ? a / b : 0) }'; }

# run <mobiles> <duration> <warmup> <security>: the key=value line of the repetition with the
# least CPU time (the JSON line of every repetition goes to benchmark.jsonl)
run() {
    local best="" bestCpu="" text line cpu
    for ((r = 0; r < repeat; r++)); do
        # shellcheck disable=SC2086
        text=$("$bin" --numMobiles="$1" --duration="$2" --warmup="$3" --security="$4" \
            --method="$method" $extra)
        grep '^{' <<<"$text" >>"$results"
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
echo "JSON lines of every run: $results"
