#!/usr/bin/env bash
# Quick start, part one: set up, build, and run the main job on the example roster with a
# throwaway key. The PDF lands in build/demo/placards.pdf.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh

demo=build/demo
mkdir -p "$demo"
# A fresh throwaway key each time, so a fresh ledger too: the old one names the old key.
rm -f "$demo/demo.key" "$demo"/placard-ledger.sqlite*
build/cli/placard keygen -o "$demo/demo.key" --kid DEMO
build/cli/placard render examples/roster.csv --key "$demo/demo.key" \
    --base-url https://survey.example.ir/S -o "$demo/placards.pdf"
echo "demo: placards in $demo/placards.pdf, ledger $demo/placard-ledger.sqlite" \
    "(throwaway key $demo/demo.key)" >&2
