#!/usr/bin/env bash
# Builds the skiplist_map benchmark (Release, without the LLVM tools) and prints its tables.
# Usage: bench/run_skiplist_map.sh [seconds per cell] [table...]   (build dir: $MAPTIDY_BENCH_BUILD_DIR)
# Tables: finds, scans, memory, gate, mixes, strings, fills (default: all), e.g.
# `bench/run_skiplist_map.sh 0.2 finds`.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${MAPTIDY_BENCH_BUILD_DIR:-$root/build-bench}"
# Loops aligned to 64 bytes: otherwise where a short search loop (std::map::find's is 24 bytes)
# falls relative to a 64-byte boundary decides its speed, by up to 2.5x from one build to the next.
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_FLAGS=-falign-loops=64 \
  -DMAPTIDY_BUILD_TOOLS=OFF -DMAPTIDY_BUILD_TESTS=OFF -DMAPTIDY_BUILD_BENCHMARKS=ON >/dev/null
cmake --build "$build" --target skiplist_map_bench -j 2 >/dev/null
exec "$build/bench/skiplist_map_bench" "$@"
