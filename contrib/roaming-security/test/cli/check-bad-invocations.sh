#!/usr/bin/env bash
# Every program validates before it simulates (issue 14): each bad invocation of the
# table below must exit 2 with one line on stderr naming the flag, and must write
# nothing (it runs in an empty directory that must stay empty, and the output paths
# it names must not appear).
#
# Usage: check-bad-invocations.sh SCENARIO_DIR EXAMPLE_DIR
#   SCENARIO_DIR holds roaming-handoff, benchmark-campus and roaming-lab, EXAMPLE_DIR
#   roaming-security-example and the roamsec-* tools. A program that is not built is
#   reported as SKIP.
set -u
SCEN=${1:?usage: check-bad-invocations.sh SCENARIO_DIR EXAMPLE_DIR}
EXDIR=${2:?usage: check-bad-invocations.sh SCENARIO_DIR EXAMPLE_DIR}
# The programs run in a scratch directory: make the paths absolute.
SCEN=$(cd "$SCEN" 2>/dev/null && pwd || echo "$SCEN")
EXDIR=$(cd "$EXDIR" 2>/dev/null && pwd || echo "$EXDIR")
WORK=$(mktemp -d /tmp/roamsec-cli.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
FIX=$WORK/fixtures
mkdir -p "$FIX/adir"
echo "not a directory" >"$FIX/afile"

# program | arguments (word-split) | flag the message must name
TABLE=$(cat <<ROWS
roaming-handoff|--numMobiles=-1|numMobiles
roaming-handoff|--numAps=-3|numAps
roaming-handoff|--numAps=1|numAps
roaming-handoff|--numAps=abc|numAps
roaming-handoff|--speed=-2|speed
roaming-handoff|--apSpacing=0|apSpacing
roaming-handoff|--wanDelay=-50|wanDelay
roaming-handoff|--channels=37|channels
roaming-handoff|--standard=g --channels=36|channels
roaming-handoff|--standard=b|standard
roaming-handoff|--outDir=$FIX/afile|outDir
roaming-handoff|--outDir=$FIX/afile/sub|outDir
roaming-handoff|--dataInterval=0|dataInterval
roaming-handoff|--dataInterval=1e-12|dataInterval
roaming-handoff|--dataInterval=-1|dataInterval
roaming-handoff|--duration=1e300|duration
roaming-handoff|--duration=-5|duration
roaming-handoff|--methods=bogus|methods
roaming-handoff|--methods=fast-reauth|methods
roaming-handoff|--policy=sticky|policy
roaming-handoff|--scan=psychic|scan
roaming-handoff|--policy=rssi --rssiThreshold=-120|rssiThreshold
roaming-handoff|--rssiThreshold=5|rssiThreshold
roaming-handoff|--rssiMinGain=-3|rssiMinGain
roaming-handoff|--minChannelTime=-1|minChannelTime
roaming-handoff|--neighbors=0:7|neighbors
roaming-handoff|--neighbors=0:0|neighbors
roaming-handoff|--neighbors=x|neighbors
roaming-handoff|--methods=ft-over-ds --mobilityDomain=0|mobilityDomain
roaming-handoff|--methods=ft-over-air --mobilityDomain=70000|mobilityDomain
roaming-handoff|--mobilityDomain=-2|mobilityDomain
roaming-handoff|--methods=ft-over-the-air|methods
roaming-handoff|--methods=ft-over-ds --standard=n|methods
roaming-handoff|--policy=rssi --wifiChannel=grid|policy
roaming-handoff|--wifiChannel=bogus|wifiChannel
benchmark-campus|--wifiChannel=bogus|wifiChannel
benchmark-campus|--backhaul=ring|backhaul
benchmark-campus|--numMobiles=10000 --duration=86400|numMobiles
benchmark-campus|--numMobiles=-1|numMobiles
benchmark-campus|--numAps=-1|numAps
benchmark-campus|--speed=-1|speed
benchmark-campus|--apSpacing=0|apSpacing
benchmark-campus|--packetSize=0|packetSize
benchmark-campus|--packetSize=100000|packetSize
benchmark-campus|--csv=$FIX/adir|csv
benchmark-campus|--csv=$FIX/nodir/h.csv|csv
benchmark-campus|--dataInterval=1e-12|dataInterval
benchmark-campus|--duration=1e300|duration
benchmark-campus|--duration=-5|duration
benchmark-campus|--method=delegated|method
benchmark-campus|--spread=1e308|spread
benchmark-campus|--warmup=500|warmup
roaming-lab|--case=no-such-case|case
roaming-lab||case
roaming-lab|--case=rogue-ap --run=0|run
roaming-lab|--case=rogue-ap --outDir=$FIX/afile|outDir
roaming-security-example|--wanDelay=-50|wanDelay
roaming-security-example|--method=bogus|method
roamsec-radius-client|--imsi 001010000000001 --count -1|count
roamsec-radius-client|--imsi 001010000000001 --timeout 0|timeout
roamsec-radius-client|--server 127.0.0.1:70000 --imsi 001010000000001|server
roamsec-radius-client|--sqn 12345678901234 --imsi 001010000000001|sqn
roamsec-radius-client|--mnc-digits 4 --imsi 001010000000001|mnc-digits
roamsec-usim-responder|--ctrl $FIX/ctrl --timeout -5|timeout
ROWS
)

PASS=0
FAIL=0
SKIP=0
while IFS='|' read -r prog args flag; do
    [ -z "$prog" ] && continue
    bin=$SCEN/$prog
    case "$prog" in roaming-security-example | roamsec-*) bin=$EXDIR/$prog ;; esac
    if [ ! -x "$bin" ]; then
        echo "SKIP: $prog is not built ($bin)"
        SKIP=$((SKIP + 1))
        continue
    fi
    run=$WORK/run
    rm -rf "$run" && mkdir "$run"
    # shellcheck disable=SC2086  # the table's arguments are word-split on purpose
    (cd "$run" && timeout 60 "$bin" $args >"$WORK/out" 2>"$WORK/err")
    rc=$?
    lines=$(wc -l <"$WORK/err")
    problems=""
    [ "$rc" -eq 2 ] || problems="exit $rc (want 2)"
    [ "$lines" -eq 1 ] || problems="$problems; $lines stderr lines (want 1)"
    grep -q -- "^$prog: --$flag=" "$WORK/err" || problems="$problems; message does not name --$flag"
    [ -z "$(ls -A "$run")" ] || problems="$problems; wrote $(ls -A "$run" | tr '\n' ' ')"
    [ -e "$FIX/afile/sub" ] || [ -e "$FIX/nodir" ] && problems="$problems; created an output path"
    if [ -z "$problems" ]; then
        echo "PASS: $prog $args -> $(cat "$WORK/err")"
        PASS=$((PASS + 1))
    else
        echo "FAIL: $prog $args: ${problems#; }"
        head -c 600 "$WORK/err"
        FAIL=$((FAIL + 1))
    fi
done <<<"$TABLE"
echo "$PASS passed, $FAIL failed, $SKIP skipped"
if [ "$PASS" -eq 0 ] && [ "$FAIL" -eq 0 ]; then
    echo "SKIP: no program built"
fi
[ "$FAIL" -eq 0 ]
