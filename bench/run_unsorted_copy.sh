#!/usr/bin/env bash
# Builds and runs the ordered-copy benchmark once and prints, per size, the
# per-call time of copy+sort from an unordered map relative to copying a
# maptidy::skiplist_map and a std::map.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/ci/setup.sh" --bench
build=$root/build-bench
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DMAPTIDY_BUILD_TOOLS=OFF -DMAPTIDY_BUILD_TESTS=OFF -DMAPTIDY_BUILD_BENCHMARKS=ON > /dev/null
cmake --build "$build" --target unsorted_copy_bench > /dev/null
"$build/bench/unsorted_copy_bench" --benchmark_repetitions=5 --benchmark_report_aggregates_only=true \
  --benchmark_out="$build/unsorted_copy.json" --benchmark_out_format=json > /dev/null
python3 - "$build/unsorted_copy.json" <<'PY'
import json, sys
runs = {b["run_name"]: b["real_time"] for b in json.load(open(sys.argv[1]))["benchmarks"]
        if b.get("aggregate_name") == "median"}
print("| n | copy + sort (unordered_map) | vs copy of skiplist_map | vs copy of std::map |")
print("|---:|---:|---:|---:|")
for n in (1000, 10000, 100000, 1000000):
    sort = runs[f"unordered_map+sort/{n}"]
    print(f"| {n:,} | {sort / 1000:.1f} us | {sort / runs[f'skiplist_map/{n}']:.2f}x | "
          f"{sort / runs[f'std::map/{n}']:.2f}x |")
PY
