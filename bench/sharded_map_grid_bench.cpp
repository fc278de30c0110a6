// maptidy::sharded_map against the strongest concurrent hash maps, over a
// grid of cells: key type (u64, strings of 16-32 characters) x key count
// (1e5, 1e6) x threads (1, 2, 4) x key distribution (uniform, Zipf 0.99) x
// mix:
//  * fill: the map starts empty and takes one insert-or-increment per key
//    count, keys drawn from the distribution (no reserve()); repeated on
//    fresh maps until 2e6 operations are timed;
//  * r90, r50: the map is prefilled with every key and takes 2e6
//    operations, 90% (50%) lookups and the rest insert-or-increment, keys
//    drawn from the distribution.
// Values are u64; each container uses its default hash (maptidy::hash for
// sharded_map). Operations are generated before timing and split into one
// contiguous range per thread. Contenders run round-robin on a fresh
// container each round and keep their median round.
//
// Usage: sharded_map_grid_bench [--quick] [--only=TEXT] [--rounds=N]
//   --quick      key counts 1e4 and 1e5, 2e5 operations: a smoke run
//   --only=TEXT  only the cells whose name contains TEXT (e.g. "string 1e5")
//   --rounds=N   interleaved rounds per cell, the median kept (default 3)
#include "maptidy/sharded_map.hpp"

#include "concurrent_bench_support.hpp"
#include "concurrent_peers.hpp"

#include <algorithm>
#include <cmath>
#include <atomic>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <optional>
#include <random>
#include <shared_mutex>
#include <string>
#include <thread>
#include <type_traits>
#include <vector>

namespace {

using u64 = std::uint64_t;

// ---- One adapter per container: update (insert-or-increment) and lookup (value or 0).

template <class Key>
struct sharded_adapter {
  maptidy::sharded_map<Key, u64> map;
  void update(const Key& key) { map.upsert(key, [](u64& value) { ++value; }); }
  u64 lookup(const Key& key) const {
    u64 result = 0;
    map.visit(key, [&result](const auto& element) { result = element.second; });
    return result;
  }
};

#if defined(MAPTIDY_BENCH_BOOST_CONCURRENT)
template <class Key>
struct boost_concurrent_adapter {
  boost::concurrent_flat_map<Key, u64> map;
  void update(const Key& key) { map.emplace_or_visit(key, 1, [](auto& element) { ++element.second; }); }
  u64 lookup(const Key& key) const {
    u64 result = 0;
    map.cvisit(key, [&result](const auto& element) { result = element.second; });
    return result;
  }
};
#endif

// phmap's and gtl's parallel_flat_hash_map: 2^4 submaps, each under its own Mutex.
template <class Map>
struct parallel_hash_map_adapter {
  Map map;
  template <class Key>
  void update(const Key& key) {
    map.try_emplace_l(key, [](auto& element) { ++element.second; }, 1);
  }
  template <class Key>
  u64 lookup(const Key& key) const {
    u64 result = 0;
    map.if_contains(key, [&result](const auto& element) { result = element.second; });
    return result;
  }
};
#if defined(MAPTIDY_BENCH_PHMAP)
template <class Key, class Mutex>
using phmap_map = phmap::parallel_flat_hash_map<Key, u64, phmap::Hash<Key>, phmap::EqualTo<Key>,
                                                std::allocator<std::pair<const Key, u64>>, 4, Mutex>;
#endif
#if defined(MAPTIDY_BENCH_GTL)
template <class Key>
using gtl_map = gtl::parallel_flat_hash_map<Key, u64, gtl::Hash<Key>, gtl::EqualTo<Key>,
                                            std::allocator<std::pair<const Key, u64>>, 4, std::mutex>;
#endif

#if defined(MAPTIDY_BENCH_TBB)
template <class Key>
struct tbb_hash_map_adapter {
  using map_type = tbb::concurrent_hash_map<Key, u64>;
  map_type map;
  void update(const Key& key) {
    typename map_type::accessor accessor;
    map.insert(accessor, key);
    ++accessor->second;
  }
  u64 lookup(const Key& key) const {
    typename map_type::const_accessor accessor;
    return map.find(accessor, key) ? accessor->second : 0;
  }
};
#endif

#if defined(MAPTIDY_BENCH_LIBCUCKOO)
template <class Key>
struct cuckoo_adapter {
  libcuckoo::cuckoohash_map<Key, u64> map;
  void update(const Key& key) { map.upsert(key, [](u64& value) { ++value; }, 1); }
  u64 lookup(const Key& key) const {
    u64 value = 0;
    map.find(key, value);
    return value;
  }
};
#endif

// ---- Keys and operations, generated before timing.

// Distinct keys in random order: splitmix64 outputs, or strings of 16-32
// characters whose last six spell the index in base 36.
std::vector<u64> make_keys(std::size_t count, u64*) {
  std::vector<u64> keys(count);
  u64 state = 0x9e3779b97f4a7c15u;
  for (u64& key : keys) {
    u64 z = state += 0x9e3779b97f4a7c15u;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    key = z ^ (z >> 31);
  }
  return keys;
}

std::vector<std::string> make_keys(std::size_t count, std::string*) {
  static constexpr char digits[] = "0123456789abcdefghijklmnopqrstuvwxyz";
  std::mt19937_64 random(99);
  std::uniform_int_distribution<int> length(16, 32), digit(0, 35);
  std::vector<std::string> keys(count);
  for (std::size_t i = 0; i < count; ++i) {
    std::string& key = keys[i];
    key.resize(static_cast<std::size_t>(length(random)));
    for (char& c : key) c = digits[digit(random)];
    for (std::size_t n = i, at = key.size() - 6; at < key.size(); ++at, n /= 36) key[at] = digits[n % 36];
  }
  std::shuffle(keys.begin(), keys.end(), random);
  return keys;
}

// An operation names its key by value when it is a word, else by address.
template <class Key>
using key_handle = std::conditional_t<std::is_arithmetic_v<Key>, Key, const Key*>;
template <class Key>
const Key& key_of(const Key& key) {
  return key;
}
template <class Key>
const Key& key_of(const Key* key) {
  return *key;
}

template <class Key>
struct grid_op {
  key_handle<Key> key;
  bool lookup;
};

template <class Key>
struct workload {
  const std::vector<Key>* keys;
  bool prefill;
  std::size_t operations;  // at least this many are timed
  std::vector<grid_op<Key>> ops;
};

// lookup_percent < 0 is a fill from empty.
template <class Key>
workload<Key> make_workload(const std::vector<Key>& keys, bool zipf, int lookup_percent, std::size_t operations) {
  workload<Key> result{&keys, lookup_percent >= 0, operations, {}};
  const std::size_t count = lookup_percent < 0 ? keys.size() : operations;
  std::mt19937_64 random(keys.size() * 4 + (zipf ? 1 : 0) + static_cast<std::size_t>(lookup_percent + 1) * 2);
  std::uniform_int_distribution<std::size_t> uniform(0, keys.size() - 1);
  std::uniform_int_distribution<int> percent(0, 99);
  std::optional<maptidy_bench::zipf_distribution> skewed;
  if (zipf) skewed.emplace(keys.size(), 0.99);
  result.ops.resize(count);
  for (grid_op<Key>& op : result.ops) {
    const std::size_t index = zipf ? (*skewed)(random) - 1 : uniform(random);
    if constexpr (std::is_arithmetic_v<Key>)
      op.key = keys[index];
    else
      op.key = &keys[index];
    op.lookup = percent(random) < lookup_percent;
  }
  return result;
}

// Times the workload on fresh containers, in Mops/s: a prefilled mix once,
// a fill as often as it takes to time `operations` operations, since a
// single fill of 1e5 keys takes a few milliseconds and moved by 2x between
// runs.
template <class Adapter, class Key>
double run_cell(const workload<Key>& w, unsigned threads) {
  const std::size_t repeats = w.prefill ? 1 : std::max<std::size_t>(1, w.operations / w.ops.size());
  double seconds = 0;
  std::atomic<u64> total_sink{0};
  for (std::size_t repeat = 0; repeat < repeats; ++repeat) {
    Adapter adapter;
    if (w.prefill)
      for (const Key& key : *w.keys) adapter.update(key);
    const std::size_t chunk = w.ops.size() / threads;
    seconds += maptidy_bench::run_threads(threads, [&](unsigned t) {
      const grid_op<Key>* op = w.ops.data() + t * chunk;
      const grid_op<Key>* const last = t + 1 == threads ? w.ops.data() + w.ops.size() : op + chunk;
      u64 sink = 0;
      for (; op != last; ++op) {
        if (op->lookup)
          sink += adapter.lookup(key_of<Key>(op->key));
        else
          adapter.update(key_of<Key>(op->key));
      }
      total_sink.fetch_add(sink);
    });
  }
  if (total_sink.load() == 1) std::puts("");  // keeps the lookups observable
  return static_cast<double>(repeats * w.ops.size()) / seconds / 1e6;
}

template <class Key>
struct contender {
  const char* name;
  double (*run)(const workload<Key>&, unsigned);
};

template <class Key>
std::vector<contender<Key>> contenders() {
  return {
      {"sharded_map", &run_cell<sharded_adapter<Key>, Key>},
#if defined(MAPTIDY_BENCH_BOOST_CONCURRENT)
      {"boost::concurrent_flat_map", &run_cell<boost_concurrent_adapter<Key>, Key>},
#endif
#if defined(MAPTIDY_BENCH_PHMAP)
      {"phmap<mutex>", &run_cell<parallel_hash_map_adapter<phmap_map<Key, std::mutex>>, Key>},
      {"phmap<shared_mutex>", &run_cell<parallel_hash_map_adapter<phmap_map<Key, std::shared_mutex>>, Key>},
#endif
#if defined(MAPTIDY_BENCH_GTL)
      {"gtl<mutex>", &run_cell<parallel_hash_map_adapter<gtl_map<Key>>, Key>},
#endif
#if defined(MAPTIDY_BENCH_TBB)
      {"tbb::concurrent_hash_map", &run_cell<tbb_hash_map_adapter<Key>, Key>},
#endif
#if defined(MAPTIDY_BENCH_LIBCUCKOO)
      {"libcuckoo", &run_cell<cuckoo_adapter<Key>, Key>},
#endif
  };
}

// ---- Output: one row per cell, then sharded_map against each peer.

struct options {
  bool quick = false;
  std::string only;
  int rounds = 3;
};

// ratios[p] collects sharded_map / peer p per cell; ratios[0] against the best peer.
template <class Key>
void run_key_type(const char* key_name, const options& opts, std::vector<std::vector<double>>& ratios) {
  const std::vector<contender<Key>> all = contenders<Key>();
  const std::size_t operations = opts.quick ? 200000 : 2000000;
  for (const std::size_t key_count : {opts.quick ? 10000u : 100000u, opts.quick ? 100000u : 1000000u}) {
    const std::vector<Key> keys = make_keys(key_count, static_cast<Key*>(nullptr));
    for (const bool zipf : {false, true}) {
      for (const int lookup_percent : {-1, 90, 50}) {
        const char* const mix = lookup_percent < 0 ? "fill" : lookup_percent == 90 ? "r90" : "r50";
        char name[96];
        const int exponent = static_cast<int>(std::lround(std::log10(static_cast<double>(key_count))));
        std::snprintf(name, sizeof name, "%s 1e%d %s %s", key_name, exponent, zipf ? "zipf" : "uniform", mix);
        if (std::string(name).find(opts.only) == std::string::npos) continue;
        const workload<Key> w = make_workload(keys, zipf, lookup_percent, operations);
        for (const unsigned threads : {1u, 2u, 4u}) {
          const auto mops = maptidy_bench::median_of_rounds(
              all.size(), opts.rounds, [&](std::size_t i) { return std::optional(all[i].run(w, threads)); });
          std::printf("| %s | %u |", name, threads);
          double best_peer = 0;
          for (std::size_t i = 0; i < all.size(); ++i) {
            std::printf(" %.2f |", *mops[i]);
            if (i > 0) {
              best_peer = std::max(best_peer, *mops[i]);
              ratios[i].push_back(*mops[0] / *mops[i]);
            }
          }
          if (best_peer > 0) {  // else no peer was built in
            ratios[0].push_back(*mops[0] / best_peer);
            std::printf(" %.2fx |\n", *mops[0] / best_peer);
          } else {
            std::printf(" n/a |\n");
          }
          std::fflush(stdout);
        }
      }
    }
  }
}

void print_summary(const std::vector<const char*>& names, std::vector<std::vector<double>>& ratios) {
  std::printf("\n| sharded_map against | cells | min | median | max | cells where sharded_map is slower |\n");
  std::printf("|---|---|---|---|---|---|\n");
  for (std::size_t i = 0; i < names.size(); ++i) {
    std::vector<double>& r = ratios[i];
    if (r.empty()) continue;
    std::sort(r.begin(), r.end());
    const auto slower = std::count_if(r.begin(), r.end(), [](double ratio) { return ratio < 1.0; });
    std::printf("| %s | %zu | %.2fx | %.2fx | %.2fx | %td |\n", names[i], r.size(), r.front(), r[r.size() / 2],
                r.back(), slower);
  }
}

}  // namespace

int main(int argc, char** argv) {
  options opts;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--quick") == 0) {
      opts.quick = true;
    } else if (std::strncmp(argv[i], "--only=", 7) == 0) {
      opts.only = argv[i] + 7;
    } else if (std::strncmp(argv[i], "--rounds=", 9) == 0) {
      opts.rounds = std::max(1, std::atoi(argv[i] + 9));
    } else {
      std::fprintf(stderr, "usage: %s [--quick] [--only=TEXT] [--rounds=N]\n", argv[0]);
      return 2;
    }
  }
  const std::vector<contender<u64>> all = contenders<u64>();
  std::vector<const char*> names{"best peer"};
  std::printf("hardware threads: %u, sharded_map default shards: %zu\n", std::thread::hardware_concurrency(),
              maptidy::sharded_map<u64, u64>::default_shard_count());
  std::printf("Throughput, Mops/s (median of %d interleaved rounds; higher is better)\n\n| cell | threads |",
              opts.rounds);
  for (const contender<u64>& c : all) std::printf(" %s |", c.name);
  std::printf(" sharded_map / best peer |\n|---|---|");
  for (std::size_t i = 0; i <= all.size(); ++i) std::printf("---|");
  std::printf("\n");
  for (std::size_t i = 1; i < all.size(); ++i) names.push_back(all[i].name);

  std::vector<std::vector<double>> ratios(all.size());
  run_key_type<u64>("u64", opts, ratios);
  run_key_type<std::string>("string", opts, ratios);
  print_summary(names, ratios);
  return 0;
}
