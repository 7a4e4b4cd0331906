#!/usr/bin/env bash
# Installs everything the module, its tests and its analysis need from Debian 12's
# packages. Idempotent; uses sudo when not run as root.
set -euo pipefail

packages=(
  build-essential cmake
  libns3-dev ns3 libgsl-dev          # ns-3 3.37; ns3Config.cmake needs the ns3 package and GSL
  libssl-dev                          # OpenSSL 3 (EVP)
  libboost-dev libboost-program-options-dev
  python3 python3-pandas python3-matplotlib parallel
)
# Interop peers (wpa_supplicant's eapol_test, hostapd), used by the interop tests when present;
# chromium for the sequence viewer's browser test (analysis/tests/browser/check-viewer.py).
optional_packages=(eapoltest hostapd iproute2 tshark chromium)

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi

missing=()
for p in "${packages[@]}" "${optional_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-debian-deps: all packages present"
  exit 0
fi
echo "install-debian-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq "${packages[@]}"
# The interop peers are optional: their tests are skipped (and say so) when absent.
$SUDO apt-get install -y -qq "${optional_packages[@]}" \
  || echo "install-debian-deps: optional packages (interop peers, chromium) not installed"
