#!/usr/bin/env bash
# Builds and tests the module inside an ns-3 source tree, as a user of that tree would
# (doc/ns3-versions.rst): copy the module into SRC/contrib/, configure with nothing but
# the module named, build, run its TestSuites with test.py, run the scenario with
# ./ns3 run, and check that no header of another ns-3 (Debian's /usr/include/ns3) was read.
#
# usage: check-ns3-source-tree.sh [--link] [--filter] [--configure-only | --tests-only] SRC
#   --link    symlink the module instead of copying it (for development)
#   --configure-only  stop after the configure (dependencies found, version accepted)
#   --tests-only      skip copy, configure and build: check a tree already built
#             (a new configure makes ns-3 rebuild every module)
#   --filter  build the examples and tests of this module only
#             (--filter-module-examples-and-tests=roaming-security: much faster)
# exit status: 0 all steps passed, 1 a step failed, 2 bad usage
set -euo pipefail

link=0
filter=0
configure_only=0
tests_only=0
while [ $# -gt 1 ]; do
  case "$1" in
    --link) link=1 ;;
    --filter) filter=1 ;;
    --configure-only) configure_only=1 ;;
    --tests-only) tests_only=1 ;;
    *) echo "check-ns3-source-tree.sh: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
[ $# -eq 1 ] || { sed -n '2,15p' "$0" >&2; exit 2; }
src=$(cd "$1" && pwd)
[ -x "$src/ns3" ] && [ -f "$src/VERSION" ] || { echo "$src is not an ns-3 source tree (no ns3, VERSION)" >&2; exit 2; }
module=$(cd "$(dirname "$0")/.." && pwd)
echo "== ns-3 $(cat "$src/VERSION") source tree: $src"

step() { echo; echo "== $*"; }

if [ $tests_only = 0 ]; then
step "module into contrib/ ($([ $link = 1 ] && echo link || echo copy))"
rm -rf "$src/contrib/roaming-security"
if [ $link = 1 ]; then
  ln -s "$module" "$src/contrib/roaming-security"
else
  cp -r "$module" "$src/contrib/roaming-security"
fi

cd "$src"
configure=(./ns3 configure --enable-modules=roaming-security --enable-examples --enable-tests)
[ $filter = 1 ] && configure+=(--filter-module-examples-and-tests=roaming-security)
step "${configure[*]}"
log=$(mktemp)
"${configure[@]}" > "$log" 2>&1 || { tail -n 30 "$log"; echo "FAIL: configure"; exit 1; }
sed -n '/Modules configured to be built/,/^$/p' "$log"
grep -q "roaming-security: building against ns-3 $(cat VERSION)" "$log" \
  || { echo "FAIL: the module was not configured"; exit 1; }
for m in wifi internet applications mobility point-to-point csma bridge network core; do
  sed -n '/Modules configured to be built/,/Modules that cannot be built/p' "$log" | grep -qw -- "$m" \
    || { echo "FAIL: dependency $m not configured"; exit 1; }
done
if sed -n '/Modules that cannot be built/,/^$/p' "$log" | grep -q "roaming-security"; then
  echo "FAIL: roaming-security cannot be built"; exit 1
fi
rm -f "$log"
if [ $configure_only = 1 ]; then
  echo "check-ns3-source-tree: ns-3 $(cat VERSION): configured with the module alone (build not run)"
  exit 0
fi

step "./ns3 build"
./ns3 build
else
  cd "$src"
fi

step "headers read from outside the tree (must be none)"
outside=""
if [ -f cmake-cache/build.ninja ]; then
  outside=$(ninja -C cmake-cache -t deps 2>/dev/null | grep -E '^\s+/usr(/local)?/include/ns3' | sort -u || true)
else
  outside=$(grep -rhoE '/usr(/local)?/include/ns3[^ :]*' cmake-cache --include='*.make' --include='*.d' 2>/dev/null | sort -u || true)
fi
if [ -n "$outside" ]; then
  echo "FAIL: the build read another ns-3's headers:"
  echo "$outside" | head
  exit 1
fi
echo "none"

step "./test.py: the module's TestSuites and examples (examples-to-run.py)"
suites=$(grep -ho 'TestSuite("roamsec-[a-z0-9-]*"' "$module"/test/*-test-suite.cc | sed 's/TestSuite("//; s/"//' | sort)
failed=0
log=$(mktemp)
# test.py colours its verdicts and numbers them ("[3/23] PASS: ..."): keep the plain text
./test.py -n 2>&1 | sed -E 's/\x1b\[[0-9;]*m//g; s/^\[[0-9]+\/[0-9]+\] //' > "$log" || true
for s in $suites; do
  if grep -qE "^PASS: TestSuite $s( |$)" "$log"; then
    echo "PASS $s"
  else
    echo "FAIL $s: $(grep -E "^[A-Z]+: TestSuite $s( |$)" "$log" || echo 'not run')"; failed=1
  fi
done
grep -E "^[A-Z]+: Example .*(roaming-|benchmark-campus)" "$log" || { echo "FAIL: test.py ran none of the module's examples"; failed=1; }
if grep -qE "^(FAIL|CRASH|VALGR).*(roamsec-|roaming-|benchmark-campus)" "$log"; then failed=1; fi
grep -E "^[0-9]+ of [0-9]+ tests passed" "$log" || tail -n 5 "$log"
rm -f "$log"

step "./ns3 run roaming-handoff"
out=$(mktemp -d)
run=(./ns3 run)
[ $tests_only = 1 ] && run+=(--no-build)
"${run[@]}" "roaming-handoff --methods=full-eap,pre-association-ptk --outDir=$out" | tail -n 6
[ -s "$out/handoffs-run1.csv" ] || { echo "FAIL: no handoffs-run1.csv"; failed=1; }
rm -rf "$out"

echo
if [ $failed = 0 ]; then
  echo "check-ns3-source-tree: ns-3 $(cat VERSION): configured with the module alone, built, suites and examples pass"
else
  echo "check-ns3-source-tree: FAILED (see above)"
fi
exit $failed
