#!/usr/bin/env bash
# Quick start, part two: set up, build, and run every test (unit and end to end).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
ctest --test-dir "${PLACARD_BUILD_DIR:-build}" --output-on-failure -j"$(nproc)"
