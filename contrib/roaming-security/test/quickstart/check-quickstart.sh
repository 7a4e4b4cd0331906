#!/usr/bin/env bash
# The README's first command, as a new user runs it: scenarios/quickstart.sh in a fresh
# copy of the repository (the files git tracks, as they are in the work tree; no build
# directory, no results), then checks that everything it promises exists.
# Usage: check-quickstart.sh REPO_ROOT
set -euo pipefail
repo=$(cd "$1" && pwd)
if ! git -C "$repo" rev-parse --is-inside-work-tree > /dev/null 2>&1; then
  echo "QUICKSTART-SKIP: $repo is not a git checkout, so there is no fresh copy to make"
  exit 0
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/roamsec-quickstart.XXXXXX")
trap 'rm -rf "$work"' EXIT

# a fresh clone of the current sources (uncommitted changes included, untracked files not)
cd "$repo"
git ls-files -z --cached --others --exclude-standard | while IFS= read -r -d '' f; do
  if [ -e "$f" ] || [ -L "$f" ]; then cp -P --parents -- "$f" "$work"; fi
done
[ -x "$work/scenarios/quickstart.sh" ] || { echo "FAIL: no scenarios/quickstart.sh in the copy"; exit 1; }

cd "$work"
if ! scenarios/quickstart.sh > quickstart.log 2>&1; then
  tail -n 40 quickstart.log
  echo "FAIL: scenarios/quickstart.sh exited non-zero in a fresh copy"
  exit 1
fi
tail -n 12 quickstart.log

failed=0
out=results/roaming-handoff
for f in "$out.table.txt" "$out/handoffs-run1.csv" "$out/run1.json" "$out/messages-run1.csv" \
         "$out/figures/phase-breakdown.png" "$out/figures/latency-cdf.png"; do
  if [ -s "$f" ]; then
    echo "ok: $f"
  else
    echo "FAIL: $f missing or empty"
    failed=1
  fi
done
# the table names every method and the CSV has one row per handoff beyond its header
for m in full-eap cached-pmk pre-association-ptk delegated; do
  grep -q -- "$m" "$out.table.txt" || { echo "FAIL: table has no row for $m"; failed=1; }
done
rows=$(($(wc -l < "$out/handoffs-run1.csv") - 1))
[ "$rows" -gt 0 ] || { echo "FAIL: no handoff rows"; failed=1; }
for png in "$out/figures/phase-breakdown.png" "$out/figures/latency-cdf.png"; do
  head -c 8 "$png" | od -An -tx1 | grep -q "89 50 4e 47" || { echo "FAIL: $png is not a PNG"; failed=1; }
done
[ $failed -eq 0 ] && echo "quickstart: $rows handoffs, table, CSV, JSON, message trace and plots present"
exit $failed
