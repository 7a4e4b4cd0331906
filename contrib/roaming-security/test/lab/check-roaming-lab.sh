#!/usr/bin/env bash
# The teaching lab as a student runs it (doc/teaching.rst): --list prints at least 12
# cases; every case runs in under 30 s and writes its handoffs, messages (with the lab
# columns) and JSON; the same case twice gives byte-identical files; an unknown case
# lists the valid ones; analysis/viewer.py draws every case's trace.
#
# Usage: check-roaming-lab.sh ROAMING_LAB_BINARY REPO_ROOT
set -u
LAB=${1:?usage: check-roaming-lab.sh ROAMING_LAB_BINARY REPO_ROOT}
ROOT=${2:?usage: check-roaming-lab.sh ROAMING_LAB_BINARY REPO_ROOT}
[ -x "$LAB" ] || { echo "SKIP: $LAB not built"; exit 0; }
WORK=$(mktemp -d /tmp/roamsec-lab.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
FAIL=0
fail() { echo "FAIL: $*"; FAIL=$((FAIL + 1)); }

"$LAB" --list >"$WORK/list" || fail "--list exited $?"
cases=$(awk '{print $1}' "$WORK/list")
n=$(echo "$cases" | grep -c .)
[ "$n" -ge 12 ] || fail "--list printed $n cases (want >= 12)"
echo "== $n cases"

"$LAB" --case=no-such-case >"$WORK/out" 2>"$WORK/err"
rc=$?
[ $rc -eq 2 ] || fail "unknown case: exit $rc (want 2)"
for c in $cases; do
    grep -q -- "$c" "$WORK/err" || fail "unknown case: the message does not list $c"
done

for c in $cases; do
    start=$(date +%s.%N)
    "$LAB" --case="$c" --outDir="$WORK/a" >"$WORK/out-$c" 2>"$WORK/err-$c"
    rc=$?
    secs=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }')
    [ $rc -eq 0 ] || { fail "$c: exit $rc: $(head -c 300 "$WORK/err-$c")"; continue; }
    echo "$c (${secs}s): $(cat "$WORK/out-$c")"
    awk -v s="$secs" 'BEGIN { exit !(s < 30) }' || fail "$c took ${secs}s (want < 30)"
    grep -q "^$c: " "$WORK/out-$c" || fail "$c: no outcome line"
    for f in handoffs-run1.csv messages-run1.csv run1.json; do
        [ -s "$WORK/a/$c/$f" ] || fail "$c: $f missing or empty"
    done
    head -1 "$WORK/a/$c/messages-run1.csv" | grep -q ',attacker,detect,case$' \
        || fail "$c: messages-run1.csv lacks the lab columns"
    python3 -c "import json,sys; json.load(open(sys.argv[1]))" "$WORK/a/$c/run1.json" \
        || fail "$c: run1.json is not JSON"
    python3 "$ROOT/analysis/viewer.py" "$WORK/a/$c/messages-run1.csv" --case "$c" \
        -o "$WORK/a/$c/viewer.html" >/dev/null 2>"$WORK/viewer-err" \
        || fail "$c: viewer: $(head -c 300 "$WORK/viewer-err")"
done

# The README's commands, as written there (default output directory).
mkdir -p "$WORK/readme"
(cd "$WORK/readme" && "$LAB" --case=rogue-ap >/dev/null \
    && python3 "$ROOT/analysis/viewer.py" results/roaming-lab/rogue-ap/messages-run1.csv \
        --case rogue-ap -o rogue-ap.html >/dev/null) || fail "the README's lab commands failed"
[ -s "$WORK/readme/rogue-ap.html" ] || fail "the README's viewer command wrote no page"

# Reproducible: the same case and run twice, byte-identical files.
for c in replayed-challenge eapol-key-replay; do
    "$LAB" --case="$c" --outDir="$WORK/b" >/dev/null 2>&1
    for f in handoffs-run1.csv messages-run1.csv run1.json; do
        cmp -s "$WORK/a/$c/$f" "$WORK/b/$c/$f" || fail "$c: $f differs between two runs"
    done
done

if [ $FAIL -eq 0 ]; then
    echo "PASS: roaming-lab: $n cases, all under 30 s, files and viewer pages written"
fi
[ $FAIL -eq 0 ]
