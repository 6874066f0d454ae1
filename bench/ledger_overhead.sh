#!/bin/sh
# What the print ledger costs a render: placards per second with --no-ledger and with a
# new ledger on the same generated roster, then the time of a --changed-only run that
# finds nothing new over a ledger of LEDGER_ROWS employees.
#
#   bench/ledger_overhead.sh [PLACARD] [ROWS] [LEDGER_ROWS]
#
# PLACARD is the built binary (default build/cli/placard), ROWS the roster rendered with
# and without the ledger (default 10000), LEDGER_ROWS the employees in the ledger of the
# no-change run (default 100000). Building that ledger renders LEDGER_ROWS placards once,
# which takes minutes; LEDGER_ROWS=0 skips it. REPEAT (default 3) runs each of the first
# two renders that many times, alternating, and the best time of each is compared, so a
# busy moment of a shared machine does not land on one side only.
set -eu

placard=${1:-build/cli/placard}
rows=${2:-10000}
ledger_rows=${3:-100000}
repeat=${REPEAT:-3}
base_url=https://survey.example.ir/S

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM


# A roster of $1 employees with distinct, valid national codes (check digit as the
# national code rules compute it) and Persian names, titles and offices.
make_roster() {
    awk -v rows="$1" '
    function national_code(n,    digits, sum, i, r) {
        digits = sprintf("%09d", 100000000 + (n * 7919) % 800000000)
        sum = 0
        for (i = 1; i <= 9; i++) sum += substr(digits, i, 1) * (11 - i)
        r = sum % 11
        return digits (r < 2 ? r : 11 - r)
    }
    BEGIN {
        split("سارا علی مهدی ژیلا محمدرضا نرگس", given, " ")
        split("نمونه‌زاده آزمایشی فرضی‌پور کریمی اسلامی‌فر", family, " ")
        print "employee_code,national_code,first_name,last_name,job_title,office,agency,city,province"
        for (n = 1; n <= rows; n++)
            printf "K%06d,%s,%s,%s,کارشناس رده %d,دفتر %d,اداره کل ثبت احوال,کاشان,اصفهان\n",
                n, national_code(n), given[n % 6 + 1], family[n % 5 + 1], n % 40 + 1, n % 12 + 1
    }'
}

now() {
    date +%s.%N
}

render() {
    if [ -x /usr/bin/time ]; then
        /usr/bin/time -f '%U %S' -o "$work/cpu" \
            "$placard" render --key "$work/bench.key" --base-url "$base_url" --quiet "$@"
    else
        "$placard" render --key "$work/bench.key" --base-url "$base_url" --quiet "$@"
    fi
}

# timed_render TIMES ARGS...: runs placard render with ARGS and appends to the file TIMES
# the seconds it took and, where GNU time is installed, the CPU seconds it used (user plus
# system), which a busy shared machine disturbs far less than the elapsed time; stops the
# script if the render fails.
timed_render() {
    times=$1
    shift
    start=$(now)
    if ! render "$@"; then
        echo "error: placard render $* failed" >&2
        exit 1
    fi
    end=$(now)
    cpu=-
    if [ -s "$work/cpu" ]; then
        cpu=$(awk '{ printf "%.2f", $1 + $2 }' "$work/cpu")
    fi
    awk -v s="$start" -v e="$end" -v c="$cpu" 'BEGIN { printf "%.2f %s\n", e - s, c }' \
        >>"$times"
}

# smallest COLUMN <FILE: the smallest number in that column (1 elapsed, 2 CPU).
smallest() {
    sort -n -k "$1" | head -n 1 | cut -d ' ' -f "$1"
}

# column COLUMN <FILE: that column of every line, on one line.
column() {
    cut -d ' ' -f "$1" | tr '\n' ' '
}

rate() {
    awk -v n="$1" -v s="$2" 'BEGIN { printf "%.1f", n / s }'
}

"$placard" keygen -o "$work/bench.key" --kid B1 >/dev/null 2>&1
make_roster "$rows" >"$work/roster.csv"

: >"$work/without.txt"
: >"$work/with.txt"
i=1
while [ "$i" -le "$repeat" ]; do
    timed_render "$work/without.txt" "$work/roster.csv" -o "$work/without.pdf" --no-ledger
    timed_render "$work/with.txt" "$work/roster.csv" -o "$work/with-$i.pdf" \
        --ledger "$work/ledger-$i.sqlite"
    rm -f "$work/with-$i.pdf" "$work/without.pdf"
    i=$((i + 1))
done
echo "placard render, $rows rows, $repeat runs each, alternating; best time" \
    "($(nproc) cores, load $(cut -d ' ' -f 1-3 /proc/loadavg) at the end)"
for run in without with; do
    elapsed=$(smallest 1 <"$work/$run.txt")
    printf '  %-17s %7s s elapsed (%s placards/s), %6s s CPU   (all: %s/ %s)\n' \
        "$run a ledger:" "$elapsed" "$(rate "$rows" "$elapsed")" "$(smallest 2 <"$work/$run.txt")" \
        "$(column 1 <"$work/$run.txt")" "$(column 2 <"$work/$run.txt")"
done
for col in 1 2; do
    awk -v a="$(smallest "$col" <"$work/without.txt")" \
        -v b="$(smallest "$col" <"$work/with.txt")" -v what="$col" \
        'BEGIN { if (a != "-" && b != "-") printf "  ledger overhead, %s: %.1f %%\n",
                 what == 1 ? "elapsed" : "CPU", (b - a) * 100 / a }'
done

if [ "$ledger_rows" -gt 0 ]; then
    make_roster "$ledger_rows" >"$work/big.csv"
    timed_render "$work/first.txt" "$work/big.csv" -o "$work/big.pdf" \
        --ledger "$work/big.sqlite" --changed-only
    rm -f "$work/big.pdf"
    first=$(cut -d ' ' -f 1 "$work/first.txt")
    echo "a ledger of $ledger_rows employees, built by one --changed-only run:"
    printf '  first run: %s s (%s placards/s); ledger %s\n' "$first" \
        "$(rate "$ledger_rows" "$first")" "$(du -h "$work/big.sqlite" | cut -f 1)"
    for _ in 1 2 3; do
        timed_render "$work/none.txt" "$work/big.csv" -o "$work/none.pdf" \
            --ledger "$work/big.sqlite" --changed-only
    done
    echo "  no-change --changed-only runs: $(column 1 <"$work/none.txt")s elapsed," \
        "$(column 2 <"$work/none.txt")s CPU"
    if [ -e "$work/none.pdf" ]; then
        echo "error: a run with nothing new wrote a PDF" >&2
        exit 1
    fi
fi
