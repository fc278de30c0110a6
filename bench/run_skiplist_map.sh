#!/usr/bin/env bash
# Builds the skiplist_map benchmark (Release, without the LLVM tools) and prints its tables.
# Usage: bench/run_skiplist_map.sh [seconds per cell]   (build dir: $MAPTIDY_BENCH_BUILD_DIR)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${MAPTIDY_BENCH_BUILD_DIR:-$root/build-bench}"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DMAPTIDY_BUILD_TOOLS=OFF -DMAPTIDY_BUILD_TESTS=OFF -DMAPTIDY_BUILD_BENCHMARKS=ON >/dev/null
cmake --build "$build" --target skiplist_map_bench -j 2 >/dev/null
exec "$build/bench/skiplist_map_bench" "$@"
