#!/usr/bin/env bash
# How fast `placard check` reads a large batch back: renders N synthetic placards (10,000
# by default), then checks the PDF against the roster and the ledger at a dpi (150 by
# default) with 1 and then 2 workers, and prints pages per second on the wall clock and
# CPU milliseconds per page (user + system, which a busy machine inflates far less).
#
#   bash bench/check_bench.sh [N] [DPI]       # after building into build/
set -euo pipefail
cd "$(dirname "$0")/.."

rows=${1:-10000}
dpi=${2:-150}
placard=build/cli/placard
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 examples/make_roster.py "$rows" "$work/roster.csv"
"$placard" keygen -o "$work/bench.key" --kid BNCH
"$placard" render "$work/roster.csv" --key "$work/bench.key" --quiet \
    --base-url https://survey.example.ir/S -o "$work/batch.pdf" --ledger "$work/ledger.sqlite"

echo "check of $rows placards at $dpi dpi; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-8s %10s %14s %16s\n' workers "wall s" "pages/s wall" "CPU ms/page"
for jobs in 1 2; do
    /usr/bin/time -f '%e %U %S' -o "$work/time" "$placard" check "$work/batch.pdf" \
        --key "$work/bench.key" --roster "$work/roster.csv" --ledger "$work/ledger.sqlite" \
        --dpi "$dpi" --jobs "$jobs" --quiet
    read -r wall user system <"$work/time"
    awk -v j="$jobs" -v w="$wall" -v u="$user" -v s="$system" -v n="$rows" \
        'BEGIN { printf "%-8d %10.1f %14.1f %16.1f\n", j, w, n / w, (u + s) * 1000 / n }'
done
