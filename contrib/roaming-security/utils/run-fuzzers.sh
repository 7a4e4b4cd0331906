#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Builds the libFuzzer targets of roaming-security with clang and runs each for a
# bounded time on a scratch copy of its seed corpus (doc/fuzzing.rst).
#
# usage: run-fuzzers.sh [SECONDS_PER_TARGET]              (default 60)
#        run-fuzzers.sh --campaign [SECONDS_PER_TARGET]   (default and minimum 600)
# --campaign: the recorded campaign (doc/fuzzing.rst): every target at least 10 minutes
# under ASan+UBSan, each corpus kept and grown across campaigns in ROAMSEC_FUZZ_CORPUS_DIR,
# and a summary (executions, coverage, corpus, findings) written to campaign-<date>.txt there.
# environment:
#   ROAMSEC_FUZZ_CORPUS_DIR campaign corpora         (default ~/.cache/roamsec-fuzz-corpus, outside git)
#   ROAMSEC_FUZZ_SHORT_CAMPAIGN=1  allow a campaign below 600 s per target (a trial of the mode)
#   ROAMSEC_FUZZ_BUILD_DIR  build directory          (default <repo>/build-fuzz)
#   ROAMSEC_FUZZ_TARGETS    space-separated subset   (default: all of ROAMSEC_FUZZ_TARGETS)
#   ROAMSEC_FUZZ_JOBS       parallel build jobs      (default 2)
#   ROAMSEC_FUZZ_WORK_DIR   scratch directory        (default: a new mktemp -d)
#   ROAMSEC_FUZZ_CXX        clang++ to use           (default clang++)
#   ROAMSEC_FUZZ_KEEP_GOING=1  fork mode: collect every crash for the whole time
# exit status: 0 all targets passed, 1 a target crashed / leaked / timed out / ran
# out of memory, 2 bad usage or the build failed.
set -u -o pipefail

usage()
{
    sed -n 's/^# \{0,1\}//; 7,23p' "$0" >&2
    exit 2
}

CAMPAIGN=0
if [ "${1:-}" = --campaign ]; then
    CAMPAIGN=1
    shift
fi
if [ $CAMPAIGN = 1 ]; then
    SECONDS_PER_TARGET=${1:-600}
else
    SECONDS_PER_TARGET=${1:-60}
fi
[ $# -le 1 ] || usage
case "$SECONDS_PER_TARGET" in
    -h|--help) usage ;;
    ''|*[!0-9]*|0) echo "run-fuzzers.sh: SECONDS_PER_TARGET must be a positive integer, got '$SECONDS_PER_TARGET'" >&2; exit 2 ;;
esac

if [ $CAMPAIGN = 1 ] && [ "$SECONDS_PER_TARGET" -lt 600 ] && [ "${ROAMSEC_FUZZ_SHORT_CAMPAIGN:-0}" != 1 ]; then
    echo "run-fuzzers.sh: a campaign runs each target at least 600 s, got $SECONDS_PER_TARGET (ROAMSEC_FUZZ_SHORT_CAMPAIGN=1 for a trial)" >&2
    exit 2
fi

MODULE_DIR=$(cd "$(dirname "$0")/.." && pwd)
REPO_DIR=$(cd "$MODULE_DIR/../.." && pwd)
BUILD_DIR=${ROAMSEC_FUZZ_BUILD_DIR:-$REPO_DIR/build-fuzz}
JOBS=${ROAMSEC_FUZZ_JOBS:-2}
CLANGXX=${ROAMSEC_FUZZ_CXX:-clang++}

if ! command -v "$CLANGXX" >/dev/null 2>&1; then
    echo "run-fuzzers.sh: $CLANGXX not found (apt-get install clang)" >&2
    exit 2
fi

# The target list is the one CMake builds: ROAMSEC_FUZZ_TARGETS in the module's CMakeLists.txt.
if [ -n "${ROAMSEC_FUZZ_TARGETS:-}" ]; then
    TARGETS=$ROAMSEC_FUZZ_TARGETS
else
    TARGETS=$(sed -n '/^set(ROAMSEC_FUZZ_TARGETS/,/)/{/^set(/d;s/[)#].*//;p}' \
        "$MODULE_DIR/CMakeLists.txt" | tr -s ' \n' ' ')
fi
# shellcheck disable=SC2086
set -- $TARGETS
if [ $# -eq 0 ]; then
    echo "run-fuzzers.sh: no fuzz targets found in $MODULE_DIR/CMakeLists.txt" >&2
    exit 2
fi

WORK_DIR=${ROAMSEC_FUZZ_WORK_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/roamsec-fuzz.XXXXXX")}
mkdir -p "$WORK_DIR"
if [ $CAMPAIGN = 1 ]; then
    CORPUS_DIR=${ROAMSEC_FUZZ_CORPUS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/roamsec-fuzz-corpus}
    mkdir -p "$CORPUS_DIR" || exit 2
    CORPUS_DIR=$(cd "$CORPUS_DIR" && pwd)
    case "$CORPUS_DIR/" in
        "$REPO_DIR"/*) echo "run-fuzzers.sh: warning: corpus $CORPUS_DIR is inside the repository" >&2 ;;
    esac
fi

echo "== configuring $BUILD_DIR with $CLANGXX (ROAMSEC_FUZZ=ON)"
if ! cmake -S "$REPO_DIR" -B "$BUILD_DIR" -DCMAKE_CXX_COMPILER="$CLANGXX" -DROAMSEC_FUZZ=ON \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo >"$WORK_DIR/configure.log" 2>&1; then
    cat "$WORK_DIR/configure.log" >&2
    echo "run-fuzzers.sh: configure failed" >&2
    exit 2
fi
echo "== building $# targets (-j$JOBS)"
if ! cmake --build "$BUILD_DIR" -j"$JOBS" --target "$@"; then
    echo "run-fuzzers.sh: build failed" >&2
    exit 2
fi

echo "== running each target for ${SECONDS_PER_TARGET}s; corpora, logs and reproducers in $WORK_DIR"

# Every sanitizer report is fatal, with a stack trace in the log.
export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=0:detect_leaks=1:symbolize=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}

# Keep going past a first (perhaps already known) crash to find the others behind it.
extra=()
if [ "${ROAMSEC_FUZZ_KEEP_GOING:-0}" = 1 ]; then
    extra=(-fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1)
fi

# "<error line> at <innermost frame in the module's sources>" from a libFuzzer/sanitizer log:
# for an invariant abort() the frame is the fuzz target line that names the invariant.
Diagnose()
{
    local what where
    what=$(grep -m1 -E '^(==[0-9]+==ERROR|SUMMARY|.*runtime error:|.*ERROR: libFuzzer)' "$1" \
        | sed 's/^==[0-9]*== *//; s/^ *//')
    where=$(grep -E '^ *#[0-9]+ ' "$1" | grep -m1 -oE "$MODULE_DIR/[^ ]+:[0-9]+" \
        | sed "s|^$MODULE_DIR/||")
    echo "${what:-see log}${where:+ at $where}"
}

failed=0
summary=()
for target in "$@"; do
    bin="$BUILD_DIR/contrib/roaming-security/$target"
    dir="$WORK_DIR/$target"
    corpus="$dir/corpus"
    # A campaign grows one corpus per target across campaigns, outside the repository.
    [ $CAMPAIGN = 1 ] && corpus="$CORPUS_DIR/$target"
    mkdir -p "$corpus" "$dir/artifacts"
    # libFuzzer adds new inputs to its first corpus directory: give it a copy, not the repo's.
    seeds="$MODULE_DIR/test/fuzz/corpus/$target"
    if [ -d "$seeds" ]; then
        cp -R -n "$seeds/." "$corpus/"
    fi
    nseeds=$(find "$corpus" -type f | wc -l)
    "$bin" -max_total_time="$SECONDS_PER_TARGET" -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 -artifact_prefix="$dir/artifacts/" "${extra[@]}" "$corpus" \
        >"$dir/log" 2>&1
    rc=$?
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$dir/log" | tail -1)
    # Fork mode prints no final stats; its last status line "#N: cov: ..." counts the runs.
    [ -n "$runs" ] || runs=$(sed -n 's/^#\([0-9][0-9]*\)[: ].*/\1/p' "$dir/log" | tail -1)
    ncorpus=$(find "$corpus" -type f | wc -l)
    # Coverage: the "cov:" (edges) and "ft:" (features) of libFuzzer's last status line.
    cov=$(grep -oE 'cov: [0-9]+ ft: [0-9]+' "$dir/log" | tail -1)
    # Reproducers, smallest first.
    mapfile -t artifacts < <(find "$dir/artifacts" -type f -printf '%s %p\n' | sort -n | cut -d' ' -f2-)
    if [ $rc -eq 0 ] && [ ${#artifacts[@]} -eq 0 ]; then
        line=$(printf '%-28s PASS   %9s runs, %s, corpus %d -> %d' "$target" "${runs:-?}" \
            "${cov:-cov: ?}" "$nseeds" "$ncorpus")
    else
        failed=1
        line=$(printf '%-28s CRASH  exit %d' "$target" "$rc")
        if [ ${#artifacts[@]} -eq 0 ]; then
            line+=": $(Diagnose "$dir/log")"$'\n'"$(printf '%-28s        no reproducer written' '')"
        fi
        # Replay each reproducer alone and group them by what failed where.
        declare -A seen=()
        for a in "${artifacts[@]}"; do
            replay="$dir/replay-$(basename "$a").log"
            "$bin" -timeout=10 -rss_limit_mb=2048 "$a" >"$replay" 2>&1
            sig=$(Diagnose "$replay")
            if [ -z "${seen[$sig]:-}" ]; then
                seen[$sig]=1
                line+=$'\n'"$(printf '%-28s        %s' '' "$sig")"
                line+=$'\n'"$(printf '%-28s          reproducer: %s (%d bytes)' '' "$a" "$(stat -c %s "$a")")"
            fi
        done
        unset seen
        line+=$'\n'"$(printf '%-28s        %d reproducer(s); log: %s' '' \
            "${#artifacts[@]}" "$dir/log")"
    fi
    echo "$line"
    summary+=("$line")
done

echo
echo "== summary (${SECONDS_PER_TARGET}s per target; replay a reproducer with: <build>/contrib/roaming-security/<target> <file>)"
printf '%s\n' "${summary[@]}"
if [ $CAMPAIGN = 1 ]; then
    report="$CORPUS_DIR/campaign-$(date -u +%Y%m%dT%H%M%SZ).txt"
    {
        echo "roaming-security fuzz campaign, $(date -u +%Y-%m-%dT%H:%M:%SZ)"
        echo "commit $(git -C "$REPO_DIR" rev-parse --short HEAD 2>/dev/null || echo '?')," \
            "$("$CLANGXX" --version | head -1), ASan+UBSan, ${SECONDS_PER_TARGET}s per target"
        printf '%s\n' "${summary[@]}"
    } >"$report"
    echo "campaign summary: $report (corpora in $CORPUS_DIR)"
fi
if [ $failed -ne 0 ]; then
    echo "run-fuzzers.sh: at least one target failed; work dir kept: $WORK_DIR"
    exit 1
fi
if [ $CAMPAIGN = 1 ]; then
    echo "run-fuzzers.sh: all $# targets passed (corpora in $CORPUS_DIR, logs in $WORK_DIR)"
else
    echo "run-fuzzers.sh: all $# targets passed (grown corpora in $WORK_DIR)"
fi
