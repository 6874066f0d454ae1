#!/usr/bin/env bash
# Builds placard with clang under AddressSanitizer and UndefinedBehaviorSanitizer and runs
# every test against it; the end-to-end tests run the sanitized binary, so a report from
# the CLI fails its test too. Leaks inside third-party libraries are suppressed only
# through .ci/lsan.supp. Usage: scripts/sanitize.sh (after scripts/setup.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

build_dir=${PLACARD_ASAN_BUILD_DIR:-build-asan}
# Line tables are all a sanitizer report needs for its stack (file and line), and they
# build much faster than full debug information. The libFuzzer targets are built here
# too, against the same instrumented library: scripts/fuzz.sh runs them from this folder
# (PLACARD_FUZZ_BUILD_DIR) instead of compiling placard_core a second time.
CC=clang CXX=clang++ cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=Debug \
    -DCMAKE_CXX_FLAGS_DEBUG="-gline-tables-only -O1" -DPLACARD_SANITIZE="address;undefined" \
    -DPLACARD_WERROR=ON -DPLACARD_BUILD_BENCH=OFF -DPLACARD_FUZZ=ON >/dev/null
cmake --build "$build_dir" -j"$(nproc)"

# Children inherit these, so the placard binary that the end-to-end tests start is
# checked with the same settings. print_suppressions=0 keeps stderr clean for the tests
# that expect a silent run.
export ASAN_OPTIONS="detect_leaks=1:detect_stack_use_after_return=1:strict_init_order=1:check_initialization_order=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
export LSAN_OPTIONS="suppressions=$PWD/.ci/lsan.supp:print_suppressions=0"
ctest --test-dir "$build_dir" --output-on-failure -j"$(nproc)" --timeout 1200
