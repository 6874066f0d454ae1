#!/usr/bin/env bash
# clang-tidy (checks in .clang-tidy) and cppcheck (suppressions in .cppcheck-suppressions)
# over the library and the CLI, from the compile_commands.json of a configured build.
# Any finding fails. Usage: scripts/static-analysis.sh [BUILD_DIR] (default: build).
set -euo pipefail
cd "$(dirname "$0")/.."

build_dir=${1:-build}
if [ ! -f "$build_dir/compile_commands.json" ]; then
    echo "static-analysis: no $build_dir/compile_commands.json; configure a build first" >&2
    exit 2
fi
jobs=$(nproc)

echo "static-analysis: clang-tidy over $(find src cli -name '*.cpp' | wc -l) files" >&2
# run-clang-tidy prints each file's full command; only the findings matter in a log.
if ! run-clang-tidy-14 -quiet -p "$build_dir" -j "$jobs" "^$PWD/(src|cli)/.*\.cpp$" \
    >"$build_dir/clang-tidy.log" 2>&1; then
    grep -E 'warning:|error:' -A3 "$build_dir/clang-tidy.log" | grep -v '^clang-tidy-14 ' >&2 || true
    echo "static-analysis: clang-tidy found problems (full log: $build_dir/clang-tidy.log)" >&2
    exit 1
fi

echo "static-analysis: cppcheck" >&2
cppcheck --project="$build_dir/compile_commands.json" --file-filter='src/*' \
    --file-filter='cli/*' --enable=warning,performance,portability --std=c++20 \
    --inline-suppr --suppressions-list=.cppcheck-suppressions --error-exitcode=1 \
    -j "$jobs" --quiet --template='{file}:{line}:{column}: {severity}: {message} [{id}]'
echo "static-analysis: clean" >&2
