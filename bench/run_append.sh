#!/usr/bin/env bash
# Builds and runs the append benchmark once and prints, per container and n,
# the time and allocations without reserve() relative to with it.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/ci/setup.sh" --bench
build=$root/build-bench
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DMAPTIDY_BUILD_TOOLS=OFF -DMAPTIDY_BUILD_TESTS=OFF -DMAPTIDY_BUILD_BENCHMARKS=ON > /dev/null
cmake --build "$build" --target append_bench > /dev/null
"$build/bench/append_bench" --benchmark_repetitions=5 --benchmark_report_aggregates_only=true \
  --benchmark_out="$build/append.json" --benchmark_out_format=json > /dev/null
python3 - "$build/append.json" <<'PY'
import json, sys
# Medians of the repetitions, keyed by "container/method/n".
runs = {b["run_name"]: b for b in json.load(open(sys.argv[1]))["benchmarks"]
        if b.get("aggregate_name") == "median"}
print("| container | n | time without / with reserve (median of 5) | allocations without | allocations with |")
print("|---|---:|---:|---:|---:|")
for name, run in runs.items():
    if "/reserve+" in name:
        continue
    kind, rest = name.split("/", 1)
    method, n = rest.split("/")
    reserved = runs[f"{kind}/reserve+{method}/{n}"]
    ratio = run["real_time"] / reserved["real_time"]
    print(f"| {kind} | {int(n):,} | {ratio:.2f}x | {run['allocations']:.0f} | {reserved['allocations']:.0f} |")
PY
