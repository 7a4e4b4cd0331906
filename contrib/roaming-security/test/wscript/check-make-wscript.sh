#!/usr/bin/env bash
# wscript-extras/make-wscript.py (wscript-extras/README.md) on the module's current
# CMakeLists.txt: it must find every list, write a wscript that is valid Python, list
# every core source and core test suite, and leave the model's suites out. (No waf tree
# is built here: the waf build itself is not tested.)
# Usage: check-make-wscript.sh REPO_ROOT
set -u
ROOT=${1:?usage: check-make-wscript.sh REPO_ROOT}
WORK=$(mktemp -d /tmp/roamsec-wscript.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
cp "$ROOT/contrib/roaming-security/CMakeLists.txt" "$WORK/"
python3 "$ROOT/wscript-extras/make-wscript.py" "$WORK" || { echo "FAIL: make-wscript.py exited $?"; exit 1; }
python3 -m py_compile "$WORK/wscript" || { echo "FAIL: the wscript is not valid Python"; exit 1; }
fail=0
for src in $(sed -n '/^set(ROAMSEC_CORE_SOURCES/,/^)/p' "$WORK/CMakeLists.txt" | grep -o 'model/core/[a-z0-9-]*\.cc'); do
    grep -q "'$src'" "$WORK/wscript" || { echo "FAIL: core source $src missing"; fail=1; }
done
if grep -qE "roamsec-(ns3|model|lab)-" "$WORK/wscript"; then
    echo "FAIL: a model test suite is in the waf build"; fail=1
fi
grep -q "roamsec-aka-test-suite.cc" "$WORK/wscript" || { echo "FAIL: core test suites missing"; fail=1; }
[ $fail = 0 ] && echo "PASS: make-wscript.py wrote a wscript with every core source and core test suite"
exit $fail
