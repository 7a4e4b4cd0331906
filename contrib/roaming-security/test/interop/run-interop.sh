#!/usr/bin/env bash
# Interop test of the roaming-security core against real implementations
# (doc/interop.rst):
#   A. wpa_supplicant's eapol_test (with our USIM as its external SIM) ->
#      roamsec-aaa-daemon (our RADIUS + EAP-AKA server, our AuC);
#   B. our EapAkaPeer (roamsec-radius-client) -> roamsec-aaa-daemon;
#   C. eapol_test -> hostapd's RADIUS/EAP-AKA server, fed by our AuC over the
#      eap_sim_db (hlr_auc_gw) protocol;
#   D. our EapAkaPeer -> hostapd, same AuC.
# Everything runs on 127.0.0.1 with ephemeral ports; everything started is
# stopped on exit. Prints INTEROP-SKIP and exits 0 when eapol_test cannot be
# installed (offline machine); fails on any mismatch.
#
# Usage: run-interop.sh BUILD_DIR   (the directory holding roamsec-aaa-daemon etc.)
set -u

BIN=${1:?usage: run-interop.sh BUILD_DIR}
BIN=$(cd "$BIN" && pwd)
for p in roamsec-aaa-daemon roamsec-usim-responder roamsec-radius-client; do
    if [ ! -x "$BIN/$p" ]; then
        echo "run-interop: $BIN/$p is not built" >&2
        exit 1
    fi
done

# ---- real peers from Debian's packages ----
apt_install() {
    local sudo=""
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null 2>&1 || return 1
        sudo="sudo -n"
    fi
    export DEBIAN_FRONTEND=noninteractive
    timeout 300 $sudo apt-get install -y "$@" >/dev/null 2>&1 && return 0
    timeout 300 $sudo apt-get update >/dev/null 2>&1 || return 1
    timeout 300 $sudo apt-get install -y "$@" >/dev/null 2>&1
}
if ! command -v eapol_test >/dev/null 2>&1 || ! command -v hostapd >/dev/null 2>&1; then
    echo "run-interop: installing eapoltest hostapd from Debian's packages"
    apt_install eapoltest hostapd || true
fi
if ! command -v eapol_test >/dev/null 2>&1; then
    echo "INTEROP-SKIP: eapol_test (Debian package eapoltest) is not installed and could not be installed"
    exit 0
fi
HAVE_HOSTAPD=1
command -v hostapd >/dev/null 2>&1 || HAVE_HOSTAPD=0

WORK=$(mktemp -d /tmp/roamsec-interop.XXXXXX)
PIDS=()
cleanup() {
    for pid in "${PIDS[@]}"; do
        kill "$pid" 2>/dev/null
    done
    for pid in "${PIDS[@]}"; do
        wait "$pid" 2>/dev/null
    done
    if [ "${KEEP_WORK:-0}" = 1 ]; then
        echo "run-interop: logs kept in $WORK"
    else
        rm -rf "$WORK"
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

PASSED=0
FAILED=0
pass() {
    echo "PASS: $1"
    PASSED=$((PASSED + 1))
}
fail() {
    echo "FAIL: $1"
    shift
    for f in "$@"; do
        [ -f "$f" ] && { echo "---- $f (last lines)"; tail -n 25 "$f"; }
    done
    FAILED=$((FAILED + 1))
}

# 3GPP TS 35.208 test set 1 K and OPc; one IMSI per case so that SQN states are known.
K=465b5ce8b199b49faa5f0a2ee238a6bc
OPC=cd63cb71954a9f4e48a5994e37a02baf
WRONG_K=fec86ba6eb707ed08905757b1bb44b8f
SECRET=interop-secret-1
write_subscribers() {
    cat >"$1" <<EOF
# interop subscribers (TS 35.208 test set 1 K/OPc)
imsi=001010000000001 k=$K opc=$OPC amf=8000 sqn=000000000020
imsi=001010000000002 k=$K opc=$OPC amf=8000 sqn=000000000020
imsi=001010000000003 k=$K opc=$OPC amf=8000 sqn=000200000c80
imsi=001010000000004 k=$K opc=$OPC amf=8000 sqn=000000000020
imsi=001010000000005 k=$K opc=$OPC amf=8000 sqn=000000000020
EOF
}

free_udp_port() {
    python3 -c 'import socket;s=socket.socket(socket.AF_INET,socket.SOCK_DGRAM);s.bind(("127.0.0.1",0));print(s.getsockname()[1])' 2>/dev/null ||
        echo $((20000 + RANDOM % 20000))
}

wait_for() { # file pattern seconds
    local i
    for ((i = 0; i < $3 * 10; i++)); do
        grep -q "$2" "$1" 2>/dev/null && return 0
        sleep 0.1
    done
    return 1
}

# run_eapol NAME PORT SECRET IMSI "USIM ARGS" [EAPOL ARGS...]: eapol_test with our
# USIM responder as its external SIM; output in $WORK/NAME/{eapol,usim}.log.
run_eapol() {
    local name=$1 port=$2 secret=$3 imsi=$4 usim_args=$5
    shift 5
    local d=$WORK/$name
    mkdir -p "$d"
    cat >"$d/peer.conf" <<EOF
ctrl_interface=$d/ctrl
external_sim=1
network={
    ssid="roamsec-interop"
    key_mgmt=WPA-EAP
    eap=AKA
    identity="0$imsi@wlan.mnc001.mcc001.3gppnetwork.org"
}
EOF
    timeout 60 eapol_test -c "$d/peer.conf" -a 127.0.0.1 -p "$port" -s "$secret" -W "$@" \
        >"$d/eapol.log" 2>&1 &
    local ep=$!
    # shellcheck disable=SC2086
    timeout 60 "$BIN/roamsec-usim-responder" --ctrl "$d/ctrl/test" --subscribers "$SUBS_FOR_USIM" \
        --imsi "$imsi" $usim_args --timeout 55 >"$d/usim.log" 2>&1 &
    local up=$!
    wait "$ep"
    local rc=$?
    kill "$up" 2>/dev/null
    wait "$up" 2>/dev/null
    return $rc
}

expect_eapol_success() { # NAME MPPE_OK_COUNT
    local d=$WORK/$1
    if grep -q '^SUCCESS$' "$d/eapol.log" && grep -q "^MPPE keys OK: $2  mismatch: 0$" "$d/eapol.log"; then
        pass "$1 ($(grep '^MPPE keys OK' "$d/eapol.log"))"
    else
        fail "$1: expected SUCCESS and 'MPPE keys OK: $2  mismatch: 0'" "$d/eapol.log" "$d/usim.log"
    fi
}

# ------------------------------------------------------------------
# A/B: our daemon as the RADIUS/EAP-AKA server
# ------------------------------------------------------------------
A=$WORK/aaa
mkdir -p "$A"
write_subscribers "$A/subscribers.txt"
cp "$A/subscribers.txt" "$WORK/usim-subscribers.txt"
SUBS_FOR_USIM=$WORK/usim-subscribers.txt # K/OPc for the USIMs (never rewritten)
cat >"$A/aaa.conf" <<EOF
# interop test configuration
listen 127.0.0.1:0
subscribers subscribers.txt
profile rfc4187
save-sqn yes
client 127.0.0.1 $SECRET
EOF

# Bad configuration: a clear file:line: message, non-zero exit.
printf 'listen 127.0.0.1:1812\nsubscribers subscribers.txt\nclient 10.0.0.x secret\n' >"$A/bad.conf"
if out=$("$BIN/roamsec-aaa-daemon" -c "$A/bad.conf" --check 2>&1); then
    fail "config-error: a bad client address was accepted"
elif echo "$out" | grep -q "bad.conf:3: client: bad address '10.0.0.x'"; then
    pass "config-error ($out)"
else
    fail "config-error: unexpected message: $out"
fi

"$BIN/roamsec-aaa-daemon" -c "$A/aaa.conf" --port-file "$A/port" >"$A/daemon.log" 2>&1 &
DAEMON=$!
PIDS+=("$DAEMON")
if ! wait_for "$A/port" '[0-9]' 5; then
    fail "aaa-daemon did not start" "$A/daemon.log"
    echo "$PASSED passed, $FAILED failed"
    exit 1
fi
PORT=$(cat "$A/port")
echo "run-interop: roamsec-aaa-daemon on 127.0.0.1:$PORT"

# A1: full authentication, then one fast re-authentication (eapol_test -r 1).
run_eapol a1-full-and-reauth "$PORT" "$SECRET" 001010000000001 "" -t 15 -r 1
expect_eapol_success a1-full-and-reauth 2

# A2: the USIM is ahead (SEQ 100 in IND slot 1, the slot of the AuC's next vector):
# synchronisation failure, AUTS, resynchronisation, success.
run_eapol a2-resync-usim-ahead "$PORT" "$SECRET" 001010000000002 "--sqn 000000000c81" -t 15
expect_eapol_success a2-resync-usim-ahead 1
if grep -q "synchronisation failure, AUTS sent" "$WORK/a2-resync-usim-ahead/usim.log" &&
    grep -q "Synchronization-Failure" "$WORK/a2-resync-usim-ahead/eapol.log"; then
    pass "a2-resync-usim-ahead went through AKA-Synchronization-Failure"
else
    fail "a2-resync-usim-ahead: no synchronisation failure seen" "$WORK/a2-resync-usim-ahead/usim.log"
fi

# A3: the database is ahead by more than the freshness window (2^28 SEQ): resync downwards.
run_eapol a3-resync-db-ahead "$PORT" "$SECRET" 001010000000003 "" -t 15
expect_eapol_success a3-resync-db-ahead 1
grep -q "synchronisation failure" "$WORK/a3-resync-db-ahead/usim.log" &&
    pass "a3-resync-db-ahead went through AKA-Synchronization-Failure" ||
    fail "a3-resync-db-ahead: no synchronisation failure seen" "$WORK/a3-resync-db-ahead/usim.log"

# A4: a USIM with another K: MAC failure, Authentication-Reject, Access-Reject.
printf 'imsi=001010000000004 k=%s opc=%s\n' "$WRONG_K" "$OPC" >"$WORK/wrong-k.txt"
SAVE=$SUBS_FOR_USIM
SUBS_FOR_USIM=$WORK/wrong-k.txt
run_eapol a4-wrong-key "$PORT" "$SECRET" 001010000000004 "" -t 15
SUBS_FOR_USIM=$SAVE
if grep -q '^FAILURE$' "$WORK/a4-wrong-key/eapol.log" && grep -q "MAC failure" "$WORK/a4-wrong-key/usim.log" &&
    grep -q "identity=0001010000000004@.* result=failure" "$A/daemon.log"; then
    pass "a4-wrong-key rejected (USIM MAC failure, daemon logged the failure)"
else
    fail "a4-wrong-key: expected a rejected authentication" "$WORK/a4-wrong-key/eapol.log" "$A/daemon.log"
fi

# A5: wrong shared secret: the daemon drops the requests (bad Message-Authenticator).
run_eapol a5-wrong-secret "$PORT" "not-the-secret" 001010000000001 "" -t 3
if grep -q '^FAILURE$' "$WORK/a5-wrong-secret/eapol.log" && ! grep -q "Access-Accept" "$WORK/a5-wrong-secret/eapol.log"; then
    pass "a5-wrong-secret: no answer to a client with the wrong secret"
else
    fail "a5-wrong-secret: expected no authentication" "$WORK/a5-wrong-secret/eapol.log"
fi

# A6: hostile datagrams (random, truncated, bad lengths) must not stop the daemon;
# B1 below proves it still serves.
if command -v python3 >/dev/null 2>&1; then
    python3 - "$PORT" <<'PY'
import os, random, socket, sys
port = int(sys.argv[1])
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
rnd = random.Random(4187)
for i in range(300):
    n = rnd.choice([0, 1, 19, 20, 21, 64, 300, 4096])
    d = bytearray(rnd.getrandbits(8) for _ in range(n))
    if n >= 20 and i % 2:
        d[0] = 1  # Access-Request code, random length field and attributes
    s.sendto(bytes(d), ("127.0.0.1", port))
PY
    sleep 0.3
    if kill -0 "$DAEMON" 2>/dev/null; then
        pass "a6-hostile-datagrams: daemon survived 300 malformed datagrams"
    else
        fail "a6-hostile-datagrams: daemon died" "$A/daemon.log"
    fi
fi

# B1: our EapAkaPeer over our RadiusClient against our daemon: full + 2 fast re-auths.
"$BIN/roamsec-radius-client" --server "127.0.0.1:$PORT" --secret "$SECRET" \
    --subscribers "$SUBS_FOR_USIM" --imsi 001010000000005 --count 3 >"$WORK/b1.log" 2>&1
if [ $? -eq 0 ] && [ "$(grep -c 'MPPE keys OK: 1  mismatch: 0' "$WORK/b1.log")" = 3 ]; then
    pass "b1-radius-client-vs-daemon (3 authentications, MPPE keys match)"
else
    fail "b1-radius-client-vs-daemon" "$WORK/b1.log"
fi

# B2: the draft-arkko-pppext-eap-aka-04 profile (no real counterpart: our peer only).
sed -e 's/^profile rfc4187/profile draft/' -e 's/^save-sqn yes/save-sqn no/' "$A/aaa.conf" >"$A/draft.conf"
"$BIN/roamsec-aaa-daemon" -c "$A/draft.conf" --port-file "$A/draft-port" >"$A/draft.log" 2>&1 &
DRAFT=$!
PIDS+=("$DRAFT")
if wait_for "$A/draft-port" '[0-9]' 5 &&
    "$BIN/roamsec-radius-client" --server "127.0.0.1:$(cat "$A/draft-port")" --secret "$SECRET" \
        --subscribers "$SUBS_FOR_USIM" --imsi 001010000000005 --profile draft --count 2 \
        >"$WORK/b2.log" 2>&1 &&
    [ "$(grep -c 'MPPE keys OK: 1  mismatch: 0' "$WORK/b2.log")" = 2 ]; then
    pass "b2-draft-profile (2 authentications, MPPE keys match)"
else
    fail "b2-draft-profile" "$WORK/b2.log" "$A/draft.log"
fi
kill -TERM "$DRAFT" 2>/dev/null

# Clean shutdown saves the SQN state: IMSI 2 was resynchronised to SEQ 100 / IND 1,
# the next vector is SEQ 101 / IND 2 = 0x000000000ca2.
kill -TERM "$DAEMON"
wait "$DAEMON"
DRC=$?
if [ $DRC -eq 0 ] && grep -q "shutdown on SIGTERM" "$A/daemon.log" &&
    grep -q "^imsi=001010000000002 .*sqn=000000000ca2" "$A/subscribers.txt"; then
    pass "daemon shutdown on SIGTERM saved the SQN state"
else
    fail "daemon shutdown/SQN save (exit $DRC)" "$A/daemon.log" "$A/subscribers.txt"
fi
AUTH_LINES=$(grep -c " auth client=" "$A/daemon.log")
echo "run-interop: daemon logged $AUTH_LINES authentications:"
grep " auth client=" "$A/daemon.log" | sed 's/^/    /'

# ------------------------------------------------------------------
# C/D: hostapd as the RADIUS/EAP-AKA server, vectors from our AuC
# ------------------------------------------------------------------
if [ "$HAVE_HOSTAPD" = 1 ]; then
    H=$WORK/hostapd
    mkdir -p "$H"
    write_subscribers "$H/subscribers.txt"
    cat >"$H/auc.conf" <<EOF
listen none
subscribers subscribers.txt
eap-sim-db $H/auc.sock
EOF
    "$BIN/roamsec-aaa-daemon" -c "$H/auc.conf" -v >"$H/auc.log" 2>&1 &
    AUC=$!
    PIDS+=("$AUC")
    wait_for "$H/auc.log" "eap-sim-db: listening" 5 || fail "AuC (eap-sim-db) did not start" "$H/auc.log"

    HPORT=$(free_udp_port)
    # EAP-AKA identities: permanent "0<IMSI>", pseudonym "2...", re-authentication "4...".
    printf '"0"*\tAKA\n"2"*\tAKA\n"4"*\tAKA\n' >"$H/eap_user"
    printf '127.0.0.1/32\t%s\n' "$SECRET" >"$H/radius_clients"
    cat >"$H/hostapd.conf" <<EOF
# hostapd as an integrated RADIUS/EAP server only (no radio)
driver=none
interface=roamsec-iop0
logger_stdout=-1
logger_stdout_level=0
eap_server=1
eap_user_file=$H/eap_user
eap_sim_db=unix:$H/auc.sock
radius_server_clients=$H/radius_clients
radius_server_auth_port=$HPORT
EOF
    hostapd -d "$H/hostapd.conf" >"$H/hostapd.log" 2>&1 &
    HOSTAPD=$!
    PIDS+=("$HOSTAPD")
    if wait_for "$H/hostapd.log" "AP-ENABLED\|Setup of interface done" 5; then
        echo "run-interop: hostapd RADIUS server on 127.0.0.1:$HPORT"
        SUBS_FOR_USIM=$WORK/usim-subscribers.txt

        # C1: full authentication + fast re-authentication against hostapd.
        run_eapol c1-hostapd-full-and-reauth "$HPORT" "$SECRET" 001010000000001 "" -t 15 -r 1
        expect_eapol_success c1-hostapd-full-and-reauth 2

        # C2: resynchronisation through hostapd's AKA-AUTS message to our AuC.
        run_eapol c2-hostapd-resync "$HPORT" "$SECRET" 001010000000002 "--sqn 000000000c81" -t 15
        expect_eapol_success c2-hostapd-resync 1
        if grep -q "AUTS for 001010000000002: resynchronised" "$H/auc.log"; then
            pass "c2-hostapd-resync: our AuC accepted hostapd's AKA-AUTS"
        else
            fail "c2-hostapd-resync: no resynchronisation in the AuC" "$H/auc.log"
        fi

        # D1: our EapAkaPeer against hostapd: full + 2 fast re-authentications.
        "$BIN/roamsec-radius-client" --server "127.0.0.1:$HPORT" --secret "$SECRET" \
            --subscribers "$SUBS_FOR_USIM" --imsi 001010000000005 --count 3 >"$WORK/d1.log" 2>&1
        if [ $? -eq 0 ] && [ "$(grep -c 'MPPE keys OK: 1  mismatch: 0' "$WORK/d1.log")" = 3 ] &&
            grep -q "fast re-authentication" "$WORK/d1.log"; then
            pass "d1-radius-client-vs-hostapd (3 authentications, MPPE keys match)"
        else
            fail "d1-radius-client-vs-hostapd" "$WORK/d1.log" "$H/hostapd.log"
        fi
        if grep -q "vector for 001010000000005" "$H/auc.log"; then
            pass "d1: hostapd's vectors came from our AuC"
        else
            fail "d1: no vector request from hostapd" "$H/auc.log"
        fi
    else
        fail "hostapd did not start" "$H/hostapd.log"
    fi
else
    echo "run-interop: hostapd not installed: hostapd cases (C, D) not run"
fi

echo "interop: $PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
