// Appending n elements one at a time, with and without reserve() first: the
// cost that maptidy-unreserved-append removes. Counters report the heap
// allocations of one fill.
#include "heap_counter.hpp"

#include <benchmark/benchmark.h>

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace {

template <typename Fill>
void run(benchmark::State& state, Fill fill) {
  const auto n = static_cast<std::int64_t>(state.range(0));
  std::int64_t allocations = 0;
  for (auto _ : state) {
    heap_counter::scope scope;
    fill(n);
    allocations = scope.allocations();
  }
  state.counters["allocations"] = static_cast<double>(allocations);
  state.SetItemsProcessed(state.iterations() * n);
}

template <bool Reserve>
void vector_append(benchmark::State& state) {
  run(state, [](std::int64_t n) {
    std::vector<std::int64_t> values;
    if (Reserve) values.reserve(static_cast<std::size_t>(n));
    for (std::int64_t i = 0; i < n; ++i) values.push_back(i);
    benchmark::DoNotOptimize(values.data());
  });
}

template <bool Reserve>
void string_append(benchmark::State& state) {
  run(state, [](std::int64_t n) {
    std::string text;
    if (Reserve) text.reserve(static_cast<std::size_t>(n));
    for (std::int64_t i = 0; i < n; ++i) text.push_back(static_cast<char>('a' + i % 26));
    benchmark::DoNotOptimize(text.data());
  });
}

template <bool Reserve>
void unordered_map_insert(benchmark::State& state) {
  run(state, [](std::int64_t n) {
    std::unordered_map<std::int64_t, std::int64_t> map;
    if (Reserve) map.reserve(static_cast<std::size_t>(n));
    for (std::int64_t i = 0; i < n; ++i) map.emplace(i * 7919, i);
    benchmark::DoNotOptimize(map.size());
  });
}

}  // namespace

// Each size runs without and then with reserve() back to back, so that both
// sides of a ratio see the same machine load.
int main(int argc, char** argv) {
  for (std::int64_t n = 1000; n <= 10000000; n *= 10) {
    const auto add = [n](const char* name, void (*fill)(benchmark::State&)) {
      benchmark::RegisterBenchmark(name, fill)->Arg(n)->Unit(benchmark::kMicrosecond);
    };
    add("vector/push_back", vector_append<false>);
    add("vector/reserve+push_back", vector_append<true>);
    add("string/push_back", string_append<false>);
    add("string/reserve+push_back", string_append<true>);
    add("unordered_map/emplace", unordered_map_insert<false>);
    add("unordered_map/reserve+emplace", unordered_map_insert<true>);
  }
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
}
