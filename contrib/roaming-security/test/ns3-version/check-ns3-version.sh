#!/usr/bin/env bash
# The configure-time ns-3 version check (roamsec-ns3-version.cmake): supported releases
# pass with the right C++ standard; any other version stops with a message naming the
# version found and the supported ones.
set -u
here=$(cd "$(dirname "$0")" && pwd)
passed=0
failed=0
check() # VERSION EXPECT(ok|refused) PATTERN
{
  out=$(cmake -DVERSION="$1" -P "$here/run-version-check.cmake" 2>&1)
  rc=$?
  if { [ "$2" = ok ] && [ $rc -eq 0 ]; } || { [ "$2" = refused ] && [ $rc -ne 0 ]; }; then
    if grep -q -- "$3" <<< "$out"; then
      passed=$((passed + 1)); echo "ok: '$1' $2"; return
    fi
  fi
  failed=$((failed + 1)); echo "FAIL: '$1' expected $2 with '$3', got rc=$rc:"; echo "$out" | head -n 8
}
check 3.37 ok "minor=37 cxx=17"
check 3.37.1 ok "minor=37 cxx=17"
check 3.48 ok "minor=48 cxx=20"
check 3.36 refused "found ns-3 '3.36'"
check 3.40 refused "Supported ns-3 releases: 3.37, 3.48"
check 3.49 refused "found ns-3 '3.49'"
check 4.0 refused "Supported ns-3 releases: 3.37, 3.48"
check "" refused "does not support"
echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
