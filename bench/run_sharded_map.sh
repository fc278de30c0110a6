#!/usr/bin/env bash
# Builds a sharded_map benchmark in Release mode and runs it; the tables it
# prints are Markdown. With --grid first, the grid of key types, sizes,
# threads, skew and mixes against the strongest peers (sharded_map_grid_bench);
# otherwise the int workloads against every peer (sharded_map_bench). Other
# arguments are passed on (--quick, --only=TEXT, --rounds=N).
#   BUILD_DIR          build directory (default: build-sharded-map-bench in the source tree)
#   MAPTIDY_PEERS_DIR  benchmark peers (default: ../shared/peers beside the source tree);
#                      peers that are missing are left out
#   JOBS               parallel build jobs (default: 2)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${BUILD_DIR:-$root/build-sharded-map-bench}"
peers="${MAPTIDY_PEERS_DIR:-$root/../shared/peers}"
target=sharded_map_bench
if [[ "${1:-}" == --grid ]]; then
  target=sharded_map_grid_bench
  shift
fi

cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DMAPTIDY_BUILD_TOOLS=OFF -DMAPTIDY_BUILD_BENCHMARKS=ON -DMAPTIDY_PEERS_DIR="$peers" >/dev/null
cmake --build "$build" --target "$target" -j "${JOBS:-2}" >/dev/null
exec "$build/bench/$target" "$@"
