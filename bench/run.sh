#!/bin/sh
# The standard rendering benchmark: placard_bench at N = 1,000, 10,000 and 100,000 for
# each layout, a new print ledger every run, then the QR content stream micro-benchmark.
# Writes one JSON file per layout (PREFIX-LAYOUT-jJOBS.json) beside the tables printed
# on stdout, and PREFIX-qr-stream.json; docs/performance.md keeps the latest figures.
#
#   bench/run.sh [BUILD_DIR] [PREFIX]          (defaults: build, bench-results)
#
# SIZES and LAYOUTS override the sets, e.g. SIZES="1000 10000" for a quicker run; the
# 100,000 run takes minutes of CPU. REPEAT (default 1) runs each N that many times; JOBS
# (default 1) is the number of rendering threads.
# The machine may be shared: every run records the load average before and after it, and
# the CPU seconds, which count only the time the benchmark's process ran.
set -eu

build=${1:-build}
prefix=${2:-bench-results}
sizes=${SIZES:-"1000 10000 100000"}
layouts=${LAYOUTS:-"a5"}
repeat=${REPEAT:-1}
jobs=${JOBS:-1}

uname -srm
grep -m1 'model name' /proc/cpuinfo || true
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"

for layout in $layouts; do
    # shellcheck disable=SC2086 # $sizes is a list of numbers on purpose
    "$build/bench/placard_bench" $sizes --layout "$layout" --jobs "$jobs" \
        --repeat "$repeat" --json "$prefix-$layout-j$jobs.json"
done
"$build/bench/placard_qr_stream_bench" --json "$prefix-qr-stream.json"
