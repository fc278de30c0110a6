// Per-call cost of producing a key-ordered vector from a map: copying an
// unordered map and sorting the copy (what maptidy-unsorted-map-to-vector
// case B finds) against copying a maptidy::skiplist_map or a std::map, which
// iterate in key order already.
#include <maptidy/skiplist_map.hpp>

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <random>
#include <unordered_map>
#include <utility>
#include <vector>

namespace {

using entry = std::pair<std::uint64_t, std::uint64_t>;

std::vector<std::uint64_t> random_keys(std::size_t n) {
  std::mt19937_64 random(42);
  std::vector<std::uint64_t> keys(n);
  for (auto& key : keys) key = random();
  return keys;
}

template <class Map>
Map filled(std::size_t n) {
  Map map;
  for (std::uint64_t key : random_keys(n)) map.emplace(key, key / 3);
  return map;
}

void unordered_copy_and_sort(benchmark::State& state) {
  const auto map = filled<std::unordered_map<std::uint64_t, std::uint64_t>>(state.range(0));
  for (auto _ : state) {
    std::vector<entry> rows(map.begin(), map.end());
    std::sort(rows.begin(), rows.end());
    benchmark::DoNotOptimize(rows.data());
  }
}

template <class Map>
void ordered_copy(benchmark::State& state) {
  const auto map = filled<Map>(state.range(0));
  for (auto _ : state) {
    std::vector<entry> rows(map.begin(), map.end());
    benchmark::DoNotOptimize(rows.data());
  }
}

}  // namespace

// Each size runs the three contenders back to back, so that they see the same
// machine load.
int main(int argc, char** argv) {
  for (std::int64_t n = 1000; n <= 1000000; n *= 10) {
    benchmark::RegisterBenchmark("unordered_map+sort", unordered_copy_and_sort)->Arg(n);
    benchmark::RegisterBenchmark("skiplist_map", ordered_copy<maptidy::skiplist_map<std::uint64_t, std::uint64_t>>)
        ->Arg(n);
    benchmark::RegisterBenchmark("std::map", ordered_copy<std::map<std::uint64_t, std::uint64_t>>)->Arg(n);
  }
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
}
