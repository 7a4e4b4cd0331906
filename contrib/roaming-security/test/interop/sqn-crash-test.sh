#!/usr/bin/env bash
# Crash test of the AuC's SQN state (doc/interop.rst, issue 14): roamsec-aaa-daemon
# serves N subscribers, one roamsec-radius-client (our EapAkaPeer + Usim) per
# subscriber authenticates concurrently, the daemon is killed with SIGKILL at a
# random moment, restarted, and every USIM must accept the next challenge with no
# AKA-Synchronization-Failure (the USIM state is kept in a file, as a card keeps it).
# A control round with save-sqn no (no SQN state kept) must show resynchronisations,
# so the test can tell reuse from freshness. Only 127.0.0.1, ephemeral ports.
#
# Usage: sqn-crash-test.sh BUILD_DIR [SUBSCRIBERS=50] [ROUNDS=3]
set -u
BIN=${1:?usage: sqn-crash-test.sh BUILD_DIR [SUBSCRIBERS] [ROUNDS]}
N=${2:-50}
ROUNDS=${3:-3}
for p in roamsec-aaa-daemon roamsec-radius-client; do
    if [ ! -x "$BIN/$p" ]; then
        echo "SKIP: $BIN/$p is not built"
        exit 0
    fi
done
WORK=$(mktemp -d /tmp/roamsec-sqn-crash.XXXXXX)
DPID=""
cleanup() {
    [ -n "$DPID" ] && kill -9 "$DPID" 2>/dev/null
    if [ "${KEEP_WORK:-0}" = 1 ]; then echo "logs kept in $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

K=465b5ce8b199b49faa5f0a2ee238a6bc
OPC=cd63cb71954a9f4e48a5994e37a02baf
imsi() { printf '0010100000%05d' "$1"; }
{
    echo "# crash-test subscribers"
    for i in $(seq 1 "$N"); do
        echo "imsi=$(imsi "$i") k=$K opc=$OPC amf=8000 sqn=000000000020"
    done
} >"$WORK/subscribers.txt"
chmod 600 "$WORK/subscribers.txt"
cp "$WORK/subscribers.txt" "$WORK/usim-keys.txt"

start_daemon() { # $1 = config
    rm -f "$WORK/port"
    "$BIN/roamsec-aaa-daemon" -c "$1" --port-file "$WORK/port" >>"$WORK/daemon.log" 2>&1 &
    DPID=$!
    for _ in $(seq 1 100); do
        [ -s "$WORK/port" ] && return 0
        sleep 0.05
    done
    echo "FAIL: the daemon did not start"; tail "$WORK/daemon.log"; exit 1
}
clients() { # $1 = tag, $2.. = extra client options; returns the number of failed clients
    local port pids=() i failed=0
    port=$(cat "$WORK/port")
    for i in $(seq 1 "$N"); do
        "$BIN/roamsec-radius-client" --server "127.0.0.1:$port" --secret crash-secret \
            --subscribers "$WORK/usim-keys.txt" --imsi "$(imsi "$i")" --timeout 2 \
            --usim-state "$WORK/usim-$i" "${@:2}" >"$WORK/$1-$i.log" 2>&1 &
        pids+=($!)
    done
    for p in "${pids[@]}"; do wait "$p" || failed=$((failed + 1)); done
    return $failed
}
crash_round() { # $1 = config, $2 = round name, $3 = earliest kill (s)
    start_daemon "$1"
    clients "$2-load" --count 3 &
    local load=$!
    # A random moment while the authentications are in flight.
    sleep "$(awk -v s="$RANDOM" -v m="${3:-0.05}" 'BEGIN { srand(s); printf "%.2f", m + rand() * 1.2 }')"
    kill -9 "$DPID"; wait "$DPID" 2>/dev/null; DPID=""
    wait $load
    start_daemon "$1"
    clients "$2-next" --count 1 --fail-on-resync
    local failed=$?
    kill "$DPID"; wait "$DPID"; DPID=""
    local resyncs
    resyncs=$(cat "$WORK/$2-next-"*.log | grep -c "Synchronization-Failure")
    echo "$2: $failed of $N next authentications failed, $resyncs resynchronisations"
    [ "$failed" -eq 0 ] && [ "$resyncs" -eq 0 ]
}

printf 'listen 127.0.0.1:0\nsubscribers subscribers.txt\nclient 127.0.0.1 crash-secret\n' \
    >"$WORK/aaa.conf"
RC=0
for r in $(seq 1 "$ROUNDS"); do
    crash_round "$WORK/aaa.conf" "round$r" || { echo "FAIL: round $r"; RC=1; }
done
accepted=$(cat "$WORK"/usim-* 2>/dev/null | wc -l)
echo "USIM IND slots holding an accepted SQN: $accepted"
mode=$(stat -c %a "$WORK/subscribers.txt")
if [ "$mode" != 600 ] || ! head -1 "$WORK/subscribers.txt" | grep -q "^# crash-test"; then
    echo "FAIL: subscriber file mode $mode or comment lost"; RC=1
fi
if ls "$WORK"/*.tmp >/dev/null 2>&1; then echo "FAIL: temporary file left"; RC=1; fi

# Control: the same crash without SQN state must make USIMs resynchronise.
sed 's/^client/save-sqn no\nclient/' "$WORK/aaa.conf" >"$WORK/nostate.conf"
if crash_round "$WORK/nostate.conf" control 0.8 >/dev/null; then
    echo "FAIL: control round without SQN state saw no resynchronisation (test cannot detect reuse)"
    RC=1
else
    echo "control (save-sqn no): resynchronisations detected, as expected"
fi
[ $RC -eq 0 ] && echo "PASS: no SQN reused after kill -9 ($ROUNDS rounds, $N subscribers)"
exit $RC
