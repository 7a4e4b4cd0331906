#!/usr/bin/env bash
# Builds the repository against an installed ns-3 given as a release tarball (as in
# ../shared/ns3/ns-3.48-install.tar.xz) and runs its CTest tests there, the way a user
# with an installed ns-3 would: find_package(ns3) through CMAKE_PREFIX_PATH.
# The Python analysis and the interop tests use no ns-3 and are left to the main run.
# Usage: test-ns3-install.sh INSTALL_TARBALL BUILD_DIR
set -euo pipefail
tarball=$1
mkdir -p "$2"
build=$(cd "$2" && pwd)
if [ ! -f "$tarball" ]; then
  echo "SKIP: no installed ns-3 at $tarball: the module was not tested against it"
  exit 0
fi
repo=$(cd "$(dirname "$0")/../../.." && pwd)
prefix_root="$build/ns3-install"
rm -rf "$prefix_root"
mkdir -p "$prefix_root"
tar -xJf "$tarball" -C "$prefix_root"
prefix=$(find "$prefix_root" -mindepth 4 -maxdepth 6 -name ns3Config.cmake -path '*/lib/cmake/ns3/*' \
         | head -n 1 | sed 's|/lib/cmake/ns3/ns3Config.cmake$||')
[ -n "$prefix" ] || { echo "no lib/cmake/ns3/ns3Config.cmake in $tarball"; exit 1; }
cmake -S "$repo" -B "$build" -DCMAKE_PREFIX_PATH="$prefix"
grep -q "^ns3_DIR:PATH=$prefix/" "$build/CMakeCache.txt" \
  || { echo "CMake did not pick the ns-3 in $prefix"; grep '^ns3_DIR' "$build/CMakeCache.txt"; exit 1; }
cmake --build "$build" -j2
ctest --test-dir "$build" --output-on-failure -LE 'analysis|interop'
