#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, AddressSanitizer and UndefinedBehaviorSanitizer),
# seeds each from the test inputs and runs each for a fixed time. A crash, leak, timeout
# or sanitizer report stops with a non-zero exit and leaves the input in
# build-fuzz/artifacts/ (PLACARD_FUZZ_BUILD_DIR names another build folder). Usage: scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]
# (default 15 seconds, every target). docs/hardening.md explains longer runs.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-15}
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    targets=(csv_reader header_mapper verify_url template scan_log)
fi
build_dir=${PLACARD_FUZZ_BUILD_DIR:-build-fuzz}

# A folder already configured with the fuzz targets (scripts/sanitize.sh's build-asan)
# is used as it is; otherwise this script configures a fuzz-only build of its own.
if ! grep -qs '^PLACARD_FUZZ:BOOL=ON$' "$build_dir/CMakeCache.txt"; then
    CC=clang CXX=clang++ cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        -DPLACARD_FUZZ=ON -DPLACARD_SANITIZE="address;undefined" \
        -DPLACARD_BUILD_TESTS=OFF -DPLACARD_BUILD_BENCH=OFF >/dev/null
fi
cmake --build "$build_dir" --target fuzzers -j"$(nproc)"

# Big rosters are cut to their first lines: a seed of 200 kB makes every run slow and
# teaches the fuzzer nothing the first rows do not.
add_seed() {
    local file=$1 folder=$2
    local name
    name=$(echo "$file" | tr '/' '_')
    if [ "$(stat -c %s "$file")" -gt 8192 ]; then
        head -n 30 "$file" >"$folder/$name"
    else
        cp "$file" "$folder/$name"
    fi
}

make_seeds() {
    local target=$1 folder=$2
    rm -rf "$folder"
    mkdir -p "$folder"
    case $target in
    csv_reader | header_mapper)
        while IFS= read -r file; do add_seed "$file" "$folder"; done \
            < <(find tests/data tests/cases -name '*.csv' | sort)
        ;;
    template)
        while IFS= read -r file; do add_seed "$file" "$folder"; done \
            < <(find assets/templates tests/cases -name '*.toml' | sort)
        ;;
    scan_log)
        # The documented examples, and the rosters for the CSV reading they share.
        awk '/^```csv/ {inside = 1; n++; f = sprintf("%s/doc-%d.csv", dir, n); next}
             /^```/ {if (inside) close(f); inside = 0; next}
             inside {print > f}' dir="$folder" docs/coverage.md
        while IFS= read -r file; do add_seed "$file" "$folder"; done \
            < <(find tests/cases -name '*.csv' | sort)
        ;;
    verify_url)
        # Every URL the tests and the format document spell out, valid or not.
        grep -rhoE 'https?://[A-Za-z0-9./_~:%?#=-]+' tests/unit tests/e2e docs/url-format.md \
            | sort -u | split -l 1 -a 3 - "$folder/url-"
        ;;
    esac
}

# Runs one target for the time given, then prints its figures; non-zero on a finding.
fuzz_target() {
    local target=$1
    local seeds="$build_dir/seeds/$target"
    local corpus="$build_dir/corpus/$target"
    local artifacts="$build_dir/artifacts/$target/"
    local log="$build_dir/fuzz-$target.log"
    make_seeds "$target" "$seeds"
    mkdir -p "$corpus" "$artifacts"

    echo "fuzz: $target for ${seconds}s ($(ls "$seeds" | wc -l) seeds)" >&2
    if ! ASAN_OPTIONS=detect_leaks=1 "$build_dir/fuzz/fuzz_$target" "$corpus" "$seeds" \
        -max_total_time="$seconds" -max_len=8192 -timeout=10 -rss_limit_mb=2048 \
        -artifact_prefix="$artifacts" -print_final_stats=1 >"$log" 2>&1; then
        echo "fuzz: $target FAILED; last lines of $log:" >&2
        tail -n 40 "$log" >&2
        return 1
    fi

    # The last status line holds the coverage (cov: edges, ft: features) and exec/s.
    local done_line runs cov features
    done_line=$(grep -E '^#[0-9]+.*(DONE|pulse|NEW|REDUCE)' "$log" | tail -n 1)
    runs=$(grep -oE 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -oE '[0-9]+$')
    cov=$(echo "$done_line" | grep -oE 'cov: [0-9]+' | grep -oE '[0-9]+')
    features=$(echo "$done_line" | grep -oE 'ft: [0-9]+' | grep -oE '[0-9]+')
    echo "fuzz: $target ok: $runs runs, $((runs / seconds)) exec/s, cov $cov edges, ft $features," \
        "corpus $(ls "$corpus" | wc -l) files" >&2
}

# Each fuzzer is one process on one core, so as many run at once as there are cores:
# every target still gets its full time, and the stage takes a fraction of the sum.
status=0
running=()
for target in "${targets[@]}"; do
    if [ ${#running[@]} -ge "$(nproc)" ]; then
        wait "${running[0]}" || status=1
        running=("${running[@]:1}")
    fi
    fuzz_target "$target" &
    running+=($!)
done
for pid in "${running[@]}"; do
    wait "$pid" || status=1
done
exit $status
