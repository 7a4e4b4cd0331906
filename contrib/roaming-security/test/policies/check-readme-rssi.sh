#!/usr/bin/env bash
# The README's roaming-policy command, as a user runs it (doc/roaming-policies.rst):
# every handoff must be the rssi policy's, complete, and without a scan after leaving.
# Usage: check-readme-rssi.sh SCENARIO_DIR
set -u
SCEN=${1:?usage: check-readme-rssi.sh SCENARIO_DIR}
BIN=$SCEN/roaming-handoff
[ -x "$BIN" ] || { echo "SKIP: $BIN not built"; exit 0; }
OUT=$(mktemp -d /tmp/roamsec-rssi.XXXXXX)
trap 'rm -rf "$OUT"' EXIT
# the README's command, with the output directory made private
"$BIN" --policy=rssi --scan=neighbour-report --outDir="$OUT" >"$OUT/stdout" 2>&1 \
    || { echo "FAIL: roaming-handoff exited $?"; cat "$OUT/stdout"; exit 1; }
python3 - "$OUT/handoffs-run1.csv" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
bad = []
if len(rows) < 8:
    bad.append("only %d handoffs" % len(rows))
for r in rows:
    if r["trigger"] != "rssi":
        bad.append("%s %s->%s left on %s" % (r["method"], r["from_ap"], r["to_ap"], r["trigger"]))
    if r["outcome"] != "completed":
        bad.append("%s %s->%s %s" % (r["method"], r["from_ap"], r["to_ap"], r["outcome"]))
    if r["t_scan_done"] != r["t_link_lost"]:
        bad.append("%s %s->%s scanned after leaving" % (r["method"], r["from_ap"], r["to_ap"]))
for b in bad:
    print("FAIL:", b)
if bad:
    sys.exit(1)
print("PASS: %d handoffs, all rssi-triggered, completed, no scan after leaving" % len(rows))
PY
