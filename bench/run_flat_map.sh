#!/usr/bin/env bash
# Builds the flat_map benchmark in Release mode and runs it against Debian's Boost 1.81 and,
# when MAPTIDY_PEERS_DIR holds it, the current Boost.Unordered; the tables it prints are
# Markdown. Arguments are passed on (--sizes=..., --repetitions=..., --keys=u64|string, --sets).
#   BUILD_DIR          build directory (default: build-flat-map-bench in the source tree)
#   MAPTIDY_PEERS_DIR  benchmark peers (default: ../shared/peers beside the source tree)
#   JOBS               parallel build jobs (default: 2)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${BUILD_DIR:-$root/build-flat-map-bench}"
peers="${MAPTIDY_PEERS_DIR:-$root/../shared/peers}"

cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DMAPTIDY_BUILD_TOOLS=OFF -DMAPTIDY_BUILD_BENCHMARKS=ON -DMAPTIDY_PEERS_DIR="$peers" >/dev/null
targets=(flat_map_bench)
[[ -f "$peers/boost/boost/unordered/unordered_flat_map.hpp" ]] && targets+=(flat_map_bench_boost_peer)
cmake --build "$build" --target "${targets[@]}" -j "${JOBS:-2}" >/dev/null
for target in "${targets[@]}"; do "$build/bench/$target" "$@"; done
