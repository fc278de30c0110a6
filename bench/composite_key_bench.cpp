// Composite keys: 1e6 writes of 2-D points (x, y) -> double, then 1e6
// lookups, with int parts and with string parts, stored as
//   nested std::unordered_map, nested std::map, a concatenated string key
//   (x + "/" + y), a std::pair key in std::unordered_map under
//   maptidy::hash, absl::Hash and boost::hash (hash_combine), and the pair
//   key in maptidy::sharded_map and in maptidy::flat_map (the composite-key
//   fixes' target).
// Reports time per operation and heap bytes per entry (requested, and the
// glibc footprint of those requests).
#include "heap_counter.hpp"

#include "maptidy/composite_key.hpp"
#include "maptidy/flat_map.hpp"
#include "maptidy/sharded_map.hpp"

#include <absl/hash/hash.h>
#include <benchmark/benchmark.h>
#include <boost/container_hash/hash.hpp>

#include <algorithm>
#include <cstdio>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace {

constexpr std::size_t point_count = 1000000;

// Dense: a 1000 x 1000 grid, every row holds 1000 points (the best case for
// nested maps). Sparse: 1e6 distinct random points over 2^17 x 2^17, about
// 7.6 points per row.
enum class shape : int { dense = 0, sparse = 1 };

std::vector<std::pair<int, int>> coordinates(shape s) {
  std::vector<std::pair<int, int>> result;
  std::mt19937_64 random(2024);
  if (s == shape::dense) {
    for (int x = 0; x < 1000; ++x)
      for (int y = 0; y < 1000; ++y) result.emplace_back(x, y);
  } else {
    std::uniform_int_distribution<int> coordinate(0, (1 << 17) - 1);
    while (result.size() < point_count) {
      for (std::size_t i = result.size(); i < point_count; ++i)
        result.emplace_back(coordinate(random), coordinate(random));
      std::sort(result.begin(), result.end());
      result.erase(std::unique(result.begin(), result.end()), result.end());
    }
  }
  std::shuffle(result.begin(), result.end(), random);
  return result;
}

std::string part_name(const char* prefix, int i) {
  char text[16];
  std::snprintf(text, sizeof text, "%s-%06d", prefix, i);
  return text;
}

template <class Part>
struct points {
  std::vector<std::pair<Part, Part>> writes, lookups;
};

// All points, in one random order for writes and another for lookups.
template <class Part>
const points<Part>& point_set(shape s) {
  static points<Part> cache[2];  // benchmarks run one at a time
  points<Part>& p = cache[static_cast<int>(s)];
  if (p.writes.empty()) {
    for (const auto& [x, y] : coordinates(s)) {
      if constexpr (std::is_same_v<Part, int>)
        p.writes.emplace_back(x, y);
      else
        p.writes.emplace_back(part_name("row", x), part_name("col", y));
    }
    p.lookups = p.writes;
    std::shuffle(p.lookups.begin(), p.lookups.end(), std::mt19937_64(7));
  }
  return p;
}

template <class Part>
struct nested_unordered {
  std::unordered_map<Part, std::unordered_map<Part, double>> map;
  void write(const Part& x, const Part& y, double value) { map[x][y] = value; }
  double find(const Part& x, const Part& y) const {
    const auto row = map.find(x);
    if (row == map.end()) return 0;
    const auto cell = row->second.find(y);
    return cell == row->second.end() ? 0 : cell->second;
  }
};

template <class Part>
struct nested_ordered {
  std::map<Part, std::map<Part, double>> map;
  void write(const Part& x, const Part& y, double value) { map[x][y] = value; }
  double find(const Part& x, const Part& y) const {
    const auto row = map.find(x);
    if (row == map.end()) return 0;
    const auto cell = row->second.find(y);
    return cell == row->second.end() ? 0 : cell->second;
  }
};

std::string concatenate(int x, int y) { return std::to_string(x) + "/" + std::to_string(y); }
std::string concatenate(const std::string& x, const std::string& y) { return x + "/" + y; }

template <class Part>
struct concatenated {
  std::unordered_map<std::string, double> map;
  void write(const Part& x, const Part& y, double value) { map[concatenate(x, y)] = value; }
  double find(const Part& x, const Part& y) const {
    const auto cell = map.find(concatenate(x, y));
    return cell == map.end() ? 0 : cell->second;
  }
};

template <class Part, class Hash>
struct pair_key {
  std::unordered_map<std::pair<Part, Part>, double, Hash> map;
  void write(const Part& x, const Part& y, double value) { map[{x, y}] = value; }
  double find(const Part& x, const Part& y) const {
    const auto cell = map.find({x, y});
    return cell == map.end() ? 0 : cell->second;
  }
};

// The same pair key in maptidy's flat sharded table; string parts are probed
// as a pair of string_views, without copying them.
template <class Part>
struct pair_sharded {
  maptidy::sharded_map<std::pair<Part, Part>, double, maptidy::hash<>, maptidy::equal_to<>> map;
  void write(const Part& x, const Part& y, double value) { map.insert_or_assign({x, y}, value); }
  double find(const Part& x, const Part& y) const {
    if constexpr (std::is_same_v<Part, std::string>)
      return map.get_or(std::pair<std::string_view, std::string_view>(x, y), 0);
    else
      return map.get_or({x, y}, 0);
  }
};

// The pair key in maptidy::flat_map, as the composite-key fixes write it;
// string parts are probed as a pair of string_views.
template <class Part>
struct pair_flat {
  maptidy::flat_map<std::pair<Part, Part>, double, maptidy::hash<std::pair<Part, Part>>> map;
  void write(const Part& x, const Part& y, double value) { map[{x, y}] = value; }
  double find(const Part& x, const Part& y) const {
    const auto cell = [&] {
      if constexpr (std::is_same_v<Part, std::string>)
        return map.find(std::pair<std::string_view, std::string_view>(x, y));
      else
        return map.find({x, y});
    }();
    return cell == map.end() ? 0 : cell->second;
  }
};

template <class Part> using pair_maptidy = pair_key<Part, maptidy::hash<std::pair<Part, Part>>>;
template <class Part> using pair_absl = pair_key<Part, absl::Hash<std::pair<Part, Part>>>;
template <class Part> using pair_boost = pair_key<Part, boost::hash<std::pair<Part, Part>>>;

// Wall time per operation, from the iteration rate.
benchmark::Counter per_operation() {
  return benchmark::Counter(static_cast<double>(point_count),
                            benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}

template <template <class> class Store, class Part>
void bm_write(benchmark::State& state) {
  const auto& p = point_set<Part>(static_cast<shape>(state.range(0)));
  std::int64_t requested = 0, footprint = 0;
  for (auto _ : state) {
    heap_counter::scope heap;
    std::optional<Store<Part>> store(std::in_place);
    double value = 0;
    for (const auto& [x, y] : p.writes) store->write(x, y, value += 1);
    benchmark::DoNotOptimize(*store);
    requested = heap.requested();
    footprint = heap.footprint();
    state.PauseTiming();  // exclude the destruction
    store.reset();
    state.ResumeTiming();
  }
  state.counters["time/op"] = per_operation();
  state.counters["B/entry"] = static_cast<double>(requested) / point_count;
  state.counters["heapB/entry"] = static_cast<double>(footprint) / point_count;
}

template <template <class> class Store, class Part>
void bm_lookup(benchmark::State& state) {
  const auto& p = point_set<Part>(static_cast<shape>(state.range(0)));
  Store<Part> store;
  double value = 0;
  for (const auto& [x, y] : p.writes) store.write(x, y, value += 1);
  for (auto _ : state) {
    double sum = 0;
    for (const auto& [x, y] : p.lookups) sum += store.find(x, y);
    benchmark::DoNotOptimize(sum);
  }
  state.counters["time/op"] = per_operation();
}

// Argument "sparse": 0 for the dense grid, 1 for the sparse points.
#define MAPTIDY_COMPOSITE_BENCH(store)                                     \
  BENCHMARK_TEMPLATE(bm_write, store, int)->Apply(both_shapes);            \
  BENCHMARK_TEMPLATE(bm_lookup, store, int)->Apply(both_shapes);           \
  BENCHMARK_TEMPLATE(bm_write, store, std::string)->Apply(both_shapes);    \
  BENCHMARK_TEMPLATE(bm_lookup, store, std::string)->Apply(both_shapes)

void both_shapes(benchmark::internal::Benchmark* b) {
  b->ArgName("sparse")->DenseRange(0, 1)->Unit(benchmark::kMillisecond);
}

MAPTIDY_COMPOSITE_BENCH(nested_unordered);
MAPTIDY_COMPOSITE_BENCH(nested_ordered);
MAPTIDY_COMPOSITE_BENCH(concatenated);
MAPTIDY_COMPOSITE_BENCH(pair_maptidy);
MAPTIDY_COMPOSITE_BENCH(pair_absl);
MAPTIDY_COMPOSITE_BENCH(pair_boost);
MAPTIDY_COMPOSITE_BENCH(pair_sharded);
MAPTIDY_COMPOSITE_BENCH(pair_flat);

}  // namespace

BENCHMARK_MAIN();
