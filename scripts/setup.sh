#!/usr/bin/env bash
# Makes a Debian 12 machine ready to build placard and builds it: installs the Debian
# packages that are missing, fetches the pinned Persian font, configures and builds.
# Safe to run again; it only does what is still missing. Run as root (or with sudo).
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
    cmake g++ make pkg-config
    libcli11-dev libfmt-dev doctest-dev nlohmann-json3-dev
    libqrencode-dev libcairo2-dev libpango1.0-dev libpoppler-cpp-dev libzxing-dev
    libsqlitecpp-dev libsqlite3-dev libssl-dev libicu-dev libtomlplusplus-dev librsvg2-dev
    zlib1g-dev
    fontconfig poppler-utils sqlite3 ca-certificates
)

# npm fetches the font package; the machine's own Node.js may already bring it.
if ! command -v npm >/dev/null 2>&1; then
    packages+=(npm)
fi
scripts/install-packages.sh "${packages[@]}"

scripts/fetch-font.sh

build_dir=${PLACARD_BUILD_DIR:-build}
# shellcheck disable=SC2086 # PLACARD_CMAKE_ARGS holds several words on purpose
cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo ${PLACARD_CMAKE_ARGS:-} >/dev/null
cmake --build "$build_dir" -j"$(nproc)"
