#!/usr/bin/env bash
# Installs the Debian 12 packages Tantalus needs to build, test and run.
# Idempotent: installs only what is missing and prints nothing when all is present.
set -euo pipefail

PACKAGES=(
  # toolchain
  cmake ninja-build ccache g++ make pkg-config
  # the seven libraries of the design
  qt6-base-dev libqt6opengl6-dev libxkbcommon-dev
  libvtk9-dev
  libinsighttoolkit5-dev
  libdcmtk-dev libopenjp2-7-dev
  libcgal-dev libgmp-dev libmpfr-dev
  libopenvdb-dev libtbb-dev libboost-iostreams-dev libblosc-dev
  libeigen3-dev zlib1g-dev
  # support libraries
  googletest libgtest-dev libgmock-dev libbenchmark-dev nlohmann-json3-dev libcli11-dev libspdlog-dev lib3mf-dev
  # independent checkers used by the tests
  admesh dcm2niix libgdcm-tools time python3
  # headless GUI tests
  xvfb xauth libgl1-mesa-dri
)

missing=()
for p in "${PACKAGES[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
  [ "$status" = "installed" ] || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "install-deps: missing Debian packages: ${missing[*]}" >&2
  echo "install-deps: run as root (sudo make ...) or install them with: apt-get install ${missing[*]}" >&2
  exit 1
fi
echo "install-deps: installing ${#missing[@]} package(s): ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
# Refresh package lists once if they are missing or older than a day.
if [ -z "$(find /var/lib/apt/lists -maxdepth 1 -name '*Packages*' -mmin -1440 2>/dev/null | head -1)" ]; then
  apt-get update -qq >/dev/null
fi
if ! apt-get install -y -qq --no-install-recommends "${missing[@]}" >/tmp/tantalus-apt.log 2>&1; then
  echo "install-deps: apt-get install failed; last lines of /tmp/tantalus-apt.log:" >&2
  tail -n 20 /tmp/tantalus-apt.log >&2
  exit 1
fi
echo "install-deps: done"
