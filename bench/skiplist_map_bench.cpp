// Throughput, scan speed, memory and write-gate cost of maptidy::skiplist_map against
// tbb::concurrent_map, libcds SkipListMap (hazard pointers) and std::map (+ std::shared_mutex).
// One run prints every table; ratios are skiplist_map throughput over the peer's (above 1: faster).
// Every figure is the median of `repetitions` timings taken in turn with the peers', which keeps the
// ratios meaningful on a machine whose load changes while the benchmark runs.
//
// Usage: skiplist_map_bench [seconds per timing, default 0.2] [table...]
// Tables: finds, scans, memory, gate, mixes, strings, fills (default: all, in that order).
#include <maptidy/skiplist_map.hpp>

#include <cds/container/skip_list_map_hp.h>
#include <cds/gc/hp.h>
#include <cds/init.h>
#include <cds/threading/model.h>
#include <malloc.h>
#include <oneapi/tbb/concurrent_map.h>
#include <oneapi/tbb/tbb_allocator.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <initializer_list>
#include <map>
#include <memory>
#include <mutex>
#include <numeric>
#include <random>
#include <shared_mutex>
#include <string>
#include <thread>
#include <type_traits>
#include <vector>

namespace {

using u64 = std::uint64_t;
using clock_type = std::chrono::steady_clock;

double seconds_since(clock_type::time_point start) {
  return std::chrono::duration<double>(clock_type::now() - start).count();
}

// --- heap accounting -------------------------------------------------------------------------

struct heap_usage {
  std::atomic<long> requested{0};  // bytes asked for
  std::atomic<long> chunks{0};     // bytes glibc actually hands out (usable size + chunk header)
};
heap_usage usage;

template <class T>
struct counting_allocator {
  using value_type = T;
  counting_allocator() = default;
  template <class U>
  counting_allocator(const counting_allocator<U>&) noexcept {}  // NOLINT: rebinding
  T* allocate(std::size_t n) {
    T* p = std::allocator<T>().allocate(n);
    usage.requested.fetch_add(static_cast<long>(n * sizeof(T)), std::memory_order_relaxed);
    usage.chunks.fetch_add(static_cast<long>(malloc_usable_size(p) + sizeof(void*)), std::memory_order_relaxed);
    return p;
  }
  void deallocate(T* p, std::size_t n) noexcept {
    usage.requested.fetch_sub(static_cast<long>(n * sizeof(T)), std::memory_order_relaxed);
    usage.chunks.fetch_sub(static_cast<long>(malloc_usable_size(p) + sizeof(void*)), std::memory_order_relaxed);
    std::allocator<T>().deallocate(p, n);
  }
  friend bool operator==(const counting_allocator&, const counting_allocator&) { return true; }
  friend bool operator!=(const counting_allocator&, const counting_allocator&) { return false; }
};

// --- the contenders ------------------------------------------------------------------------------
// Each adapter offers find/insert/erase on keys of type `Key` (u64 or std::string) with u64
// values, and says whether it supports concurrent erase.

template <class Key = u64, class Alloc = std::allocator<std::pair<const Key, u64>>>
struct skiplist_adapter {
  using key_type = Key;
  static constexpr bool concurrent_erase = true;
  maptidy::skiplist_map<Key, u64, std::less<>, Alloc> map;
  bool find(const Key& k) const { return map.contains(k); }
  bool insert(const Key& k) { return map.try_emplace(k, 1).second; }
  bool erase(const Key& k) { return map.erase(k) != 0; }
};

template <class Key = u64, class Alloc = std::allocator<std::pair<const Key, u64>>>
struct tbb_adapter {
  using key_type = Key;
  static constexpr bool concurrent_erase = false;  // only unsafe_erase exists
  tbb::concurrent_map<Key, u64, std::less<Key>, Alloc> map;
  bool find(const Key& k) const { return map.contains(k); }
  bool insert(const Key& k) { return map.emplace(k, 1).second; }
  bool erase(const Key& k) { return map.contains(k); }  // never called in timed mixes: erase -> find
};

template <class Key = u64, class Alloc = std::allocator<int>>
struct cds_adapter {
  using key_type = Key;
  static constexpr bool concurrent_erase = true;
  using traits = typename cds::container::skip_list::make_traits<cds::opt::less<std::less<Key>>,
                                                                   cds::opt::allocator<Alloc>>::type;
  cds::container::SkipListMap<cds::gc::HP, Key, u64, traits> map;
  bool find(const Key& k) { return map.contains(k); }
  bool insert(const Key& k) { return map.insert(k, 1); }
  bool erase(const Key& k) { return map.erase(k); }
};

template <class Key = u64>
struct locked_map_adapter {
  using key_type = Key;
  static constexpr bool concurrent_erase = true;
  std::map<Key, u64> map;
  mutable std::shared_mutex mutex;
  bool find(const Key& k) const {
    std::shared_lock<std::shared_mutex> lock(mutex);
    return map.find(k) != map.end();
  }
  bool insert(const Key& k) {
    std::unique_lock<std::shared_mutex> lock(mutex);
    return map.emplace(k, 1).second;
  }
  bool erase(const Key& k) {
    std::unique_lock<std::shared_mutex> lock(mutex);
    return map.erase(k) != 0;
  }
};

// libcds needs every thread that touches its containers attached to its thread manager.
class cds_thread_scope {
 public:
  cds_thread_scope() { cds::threading::Manager::attachThread(); }
  cds_thread_scope(const cds_thread_scope&) = delete;
  cds_thread_scope& operator=(const cds_thread_scope&) = delete;
  ~cds_thread_scope() { cds::threading::Manager::detachThread(); }
};

// --- workloads -----------------------------------------------------------------------------------

struct mix {
  const char* name;
  int find_percent;
  int insert_percent;  // the rest erases
};

// Per-thread streams of keys and dice rolls (0..99), cycled through during a timed cell. A cell
// runs on a map prefilled with `size` random keys out of a key space of 2 * size.
// With string keys, key number k stands for names[k].
struct workload {
  u64 size;
  bool zipf;
  std::vector<u64> prefill;
  std::vector<std::vector<u64>> keys;
  std::vector<std::vector<std::uint8_t>> rolls;
  std::vector<std::string> names;
};

// 16 to 32 random letters and digits, the same for the same number.
std::string string_key(u64 number) {
  static constexpr char alphabet[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  std::mt19937_64 rng(number * 0x9e3779b97f4a7c15u + 1);
  std::string key(16 + rng() % 17, ' ');
  for (char& c : key) c = alphabet[rng() % 62];
  return key;
}

void name_keys(workload& w) {
  w.names.resize(2 * w.size);
  for (u64 k = 0; k < w.names.size(); ++k) w.names[k] = string_key(k);
}

template <class Key>
const Key& key_at(const workload& w, const u64& number) {
  if constexpr (std::is_same_v<Key, u64>) {
    return number;
  } else {
    return w.names[number];
  }
}

constexpr std::size_t stream_length = std::size_t{1} << 20;
constexpr int max_threads = 8;
constexpr int repetitions = 3;

// Calls each timing function `repetitions` times in turn and keeps each one's median result: on
// a shared machine a single timing may be slowed down (or, with fewer threads competing, sped
// up) by other jobs.
template <std::size_t N>
std::array<double, N> median_of(const std::array<std::function<double()>, N>& timings) {
  std::array<std::array<double, repetitions>, N> results{};
  for (int r = 0; r < repetitions; ++r) {
    for (std::size_t i = 0; i < N; ++i) results[i][static_cast<std::size_t>(r)] = timings[i]();
  }
  std::array<double, N> medians{};
  for (std::size_t i = 0; i < N; ++i) {
    std::sort(results[i].begin(), results[i].end());
    medians[i] = results[i][repetitions / 2];
  }
  return medians;
}

workload make_workload(u64 size, bool zipf) {
  workload w{size, zipf, {}, {}, {}, {}};
  const u64 space = 2 * size;
  std::mt19937_64 rng(size * 2 + (zipf ? 1 : 0));
  std::vector<u64> permutation(space);
  std::iota(permutation.begin(), permutation.end(), u64{0});
  std::shuffle(permutation.begin(), permutation.end(), rng);
  w.prefill.assign(permutation.begin(), permutation.begin() + static_cast<std::ptrdiff_t>(size));
  std::vector<double> cdf;
  if (zipf) {  // s = 0.99; rank r maps to key permutation[r], so hot keys are spread over the space
    cdf.resize(space);
    double total = 0;
    for (u64 r = 0; r < space; ++r) cdf[r] = total += 1.0 / std::pow(static_cast<double>(r + 1), 0.99);
    for (double& c : cdf) c /= total;
  }
  std::uniform_int_distribution<u64> uniform(0, space - 1);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  for (int t = 0; t < max_threads; ++t) {
    std::vector<u64> keys(stream_length);
    std::vector<std::uint8_t> rolls(stream_length);
    for (std::size_t i = 0; i < stream_length; ++i) {
      if (zipf) {
        const auto rank = static_cast<u64>(std::lower_bound(cdf.begin(), cdf.end(), unit(rng)) - cdf.begin());
        keys[i] = permutation[std::min(rank, space - 1)];
      } else {
        keys[i] = uniform(rng);
      }
      rolls[i] = static_cast<std::uint8_t>(rng() % 100);
    }
    w.keys.push_back(std::move(keys));
    w.rolls.push_back(std::move(rolls));
  }
  return w;
}

template <class Adapter>
void prefill(Adapter& adapter, const workload& w) {
  for (u64 k : w.prefill) adapter.insert(key_at<typename Adapter::key_type>(w, k));
}

// Runs `threads` threads over their streams for `seconds`; returns operations per second.
template <class Adapter>
double run_mix(Adapter& adapter, const workload& w, const mix& m, int threads, double seconds) {
  std::atomic<bool> stop{false};
  std::atomic<int> ready{0};
  std::vector<long> done(static_cast<std::size_t>(threads), 0);
  std::atomic<u64> sink{0};
  auto body = [&](int t) {
    cds_thread_scope attach;
    const std::vector<u64>& keys = w.keys[static_cast<std::size_t>(t)];
    const std::vector<std::uint8_t>& rolls = w.rolls[static_cast<std::size_t>(t)];
    const int erase_above = m.find_percent + m.insert_percent;
    ready.fetch_add(1);
    while (ready.load() < threads) std::this_thread::yield();
    u64 hits = 0;
    long ops = 0;
    for (std::size_t i = 0; !stop.load(std::memory_order_relaxed);) {
      for (int j = 0; j < 64; ++j, ++i) {
        const std::size_t at = i & (stream_length - 1);
        const auto& key = key_at<typename Adapter::key_type>(w, keys[at]);
        const int roll = rolls[at];
        if (roll < m.find_percent || (roll >= erase_above && !Adapter::concurrent_erase)) {
          hits += adapter.find(key);
        } else if (roll < erase_above) {
          hits += adapter.insert(key);
        } else {
          hits += adapter.erase(key);
        }
      }
      ops += 64;
    }
    done[static_cast<std::size_t>(t)] = ops;
    sink.fetch_add(hits);
  };
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) pool.emplace_back(body, t);
  while (ready.load() < threads) std::this_thread::yield();
  const auto start = clock_type::now();
  std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
  stop.store(true);
  for (std::thread& thread : pool) thread.join();
  const double elapsed = seconds_since(start);
  return static_cast<double>(std::accumulate(done.begin(), done.end(), 0L)) / elapsed;
}

template <class Adapter>
std::unique_ptr<Adapter> prefilled(const workload& w) {
  auto adapter = std::make_unique<Adapter>();
  prefill(*adapter, w);
  return adapter;
}

const char* count_name(u64 n) { return n >= 1000000 ? "1e6" : "1e5"; }

// One row per size, distribution, mix and thread count, with keys of type `Key`.
template <class Key>
void print_mix_rows(std::initializer_list<int> thread_counts, double seconds) {
  const mix mixes[] = {{"90/9/1", 90, 9}, {"50/50", 50, 50}};
  std::printf("finds/inserts/erases; tbb::concurrent_map has no concurrent erase: its erases run as finds.\n");
  std::printf("%-7s %-4s %-5s %3s | %8s %8s %8s %8s | %7s %7s %7s\n", "mix", "keys", "dist", "thr",
              "skiplist", "tbb", "libcds", "map+mtx", "/tbb", "/libcds", "/map+mtx");
  for (u64 size : {u64{100000}, u64{1000000}}) {
    for (bool zipf : {false, true}) {
      workload w = make_workload(size, zipf);
      if constexpr (!std::is_same_v<Key, u64>) name_keys(w);
      for (const mix& m : mixes) {
        for (int threads : thread_counts) {
          const auto ours_map = prefilled<skiplist_adapter<Key>>(w);
          const auto tbb_map = prefilled<tbb_adapter<Key>>(w);
          const auto cds_map = prefilled<cds_adapter<Key>>(w);
          const auto locked_map = prefilled<locked_map_adapter<Key>>(w);
          const auto [ours, tbb, cds, locked] = median_of<4>({
              [&] { return run_mix(*ours_map, w, m, threads, seconds); },
              [&] { return run_mix(*tbb_map, w, m, threads, seconds); },
              [&] { return run_mix(*cds_map, w, m, threads, seconds); },
              [&] { return run_mix(*locked_map, w, m, threads, seconds); }});
          std::printf("%-7s %-4s %-5s %3d | %8.2f %8.2f %8.2f %8.2f | %7.2f %7.2f %7.2f\n", m.name,
                      count_name(size), zipf ? "zipf" : "unif", threads, ours / 1e6, tbb / 1e6, cds / 1e6,
                      locked / 1e6, ours / tbb, ours / cds, ours / locked);
          std::fflush(stdout);
        }
      }
    }
  }
}

void print_mix_tables(double seconds) {
  std::printf("\n== Throughput (Mops/s) ==\n");
  print_mix_rows<u64>({1, 2, 4, 8}, seconds);
}

void print_string_mix_tables(double seconds) {
  std::printf("\n== Throughput with string keys of 16 to 32 random characters (Mops/s) ==\n");
  print_mix_rows<std::string>({1, 2, 4}, seconds);
}

// --- fills from empty --------------------------------------------------------------------------

// Inserts the prefill keys into an empty map from `threads` threads (each its share); returns
// inserts per second.
template <class Adapter>
double fill_rate(const workload& w, int threads) {
  auto adapter = std::make_unique<Adapter>();
  std::atomic<int> ready{0};
  const std::size_t share = w.prefill.size() / static_cast<std::size_t>(threads);
  auto body = [&](int t) {
    cds_thread_scope attach;
    ready.fetch_add(1);
    while (ready.load() < threads + 1) std::this_thread::yield();
    const std::size_t first = share * static_cast<std::size_t>(t);
    const std::size_t last = t + 1 == threads ? w.prefill.size() : first + share;
    for (std::size_t i = first; i < last; ++i) {
      adapter->insert(key_at<typename Adapter::key_type>(w, w.prefill[i]));
    }
  };
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) pool.emplace_back(body, t);
  while (ready.load() < threads) std::this_thread::yield();
  const auto start = clock_type::now();
  ready.fetch_add(1);
  for (std::thread& thread : pool) thread.join();
  const double rate = static_cast<double>(w.prefill.size()) / seconds_since(start);
  {
    cds_thread_scope attach;  // libcds frees its nodes through this thread's hazard pointers
    adapter.reset();
  }
  return rate;
}

template <class Key>
void print_fill_rows(const char* key_name) {
  for (u64 size : {u64{100000}, u64{1000000}}) {
    workload w = make_workload(size, false);
    if constexpr (!std::is_same_v<Key, u64>) name_keys(w);
    for (int threads : {1, 2}) {
      const auto [ours, tbb, cds, locked] = median_of<4>({
          [&] { return fill_rate<skiplist_adapter<Key>>(w, threads); },
          [&] { return fill_rate<tbb_adapter<Key>>(w, threads); },
          [&] { return fill_rate<cds_adapter<Key>>(w, threads); },
          [&] { return fill_rate<locked_map_adapter<Key>>(w, threads); }});
      std::printf("%-6s %-4s %3d | %8.2f %8.2f %8.2f %8.2f | %7.2f %7.2f %7.2f\n", key_name,
                  count_name(size), threads, ours / 1e6, tbb / 1e6, cds / 1e6, locked / 1e6, ours / tbb,
                  ours / cds, ours / locked);
      std::fflush(stdout);
    }
  }
}

void print_fill_tables() {
  std::printf("\n== Fills from empty, no reserve (Minserts/s; random keys, each thread its share) ==\n");
  std::printf("%-6s %-4s %3s | %8s %8s %8s %8s | %7s %7s %7s\n", "keys", "size", "thr", "skiplist", "tbb",
              "libcds", "map+mtx", "/tbb", "/libcds", "/map+mtx");
  print_fill_rows<u64>("u64");
  print_fill_rows<std::string>("string");
}

// --- single-threaded lookups -----------------------------------------------------------------------

template <class Lookup>
double lookups_per_second(const workload& w, double seconds, Lookup lookup) {
  const std::vector<u64>& keys = w.keys[0];
  u64 hits = 0;
  long ops = 0;
  const auto start = clock_type::now();
  for (std::size_t i = 0; seconds_since(start) < seconds;) {
    for (int j = 0; j < 1024; ++j, ++i) hits += lookup(keys[i & (stream_length - 1)]);
    ops += 1024;
  }
  const double rate = static_cast<double>(ops) / seconds_since(start);
  if (hits == 0) std::printf("(no hits)\n");
  return rate;
}

void print_find_table(double seconds) {
  std::printf("\n== Single-threaded finds, uniform keys (Mops/s; half the keys present) ==\n");
  std::printf("skiplist columns: contains(), find() (returns an iterator), contains() on tbb_allocator\n");
  std::printf("%-4s | %8s %8s %8s %8s %8s %8s %8s | %s\n", "keys", "std::map", "contains", "find", "on tbbmal",
              "tbb", "libcds", "map+mtx", "skiplist contains / std::map");
  for (u64 size : {u64{100000}, u64{1000000}}) {
    const workload w = make_workload(size, false);
    std::map<u64, u64> plain;
    for (u64 k : w.prefill) plain.emplace(k, k);
    const auto ours = prefilled<skiplist_adapter<>>(w);
    // The same map on TBB's default allocator (tbbmalloc), which tbb::concurrent_map uses.
    const auto pooled = prefilled<skiplist_adapter<u64, tbb::tbb_allocator<std::pair<const u64, u64>>>>(w);
    const auto tbb = prefilled<tbb_adapter<>>(w);
    const auto cds = prefilled<cds_adapter<>>(w);
    const auto locked = prefilled<locked_map_adapter<>>(w);
    const auto [map_rate, contains_rate, find_rate, pooled_rate, tbb_rate, cds_rate, locked_rate] = median_of<7>({
        [&] { return lookups_per_second(w, seconds, [&](u64 k) { return plain.find(k) != plain.end(); }); },
        [&] { return lookups_per_second(w, seconds, [&](u64 k) { return ours->map.contains(k); }); },
        [&] { return lookups_per_second(w, seconds, [&](u64 k) { return ours->map.find(k) != ours->map.end(); }); },
        [&] { return lookups_per_second(w, seconds, [&](u64 k) { return pooled->map.contains(k); }); },
        [&] { return lookups_per_second(w, seconds, [&](u64 k) { return tbb->find(k); }); },
        [&] { return lookups_per_second(w, seconds, [&](u64 k) { return cds->find(k); }); },
        [&] { return lookups_per_second(w, seconds, [&](u64 k) { return locked->find(k); }); }});
    std::printf("%-4s | %8.2f %8.2f %8.2f %8.2f %8.2f %8.2f %8.2f | %.2f (find: %.2f)\n", count_name(size),
                map_rate / 1e6, contains_rate / 1e6, find_rate / 1e6, pooled_rate / 1e6, tbb_rate / 1e6,
                cds_rate / 1e6, locked_rate / 1e6, contains_rate / map_rate, find_rate / map_rate);
    std::fflush(stdout);
  }
}

void print_string_find_table(double seconds) {
  std::printf("\n== Single-threaded finds, string keys of 16 to 32 random characters (Mops/s; half present) ==\n");
  std::printf("%-4s | %8s %8s %8s %8s %8s | %s\n", "keys", "std::map", "contains", "tbb", "libcds", "map+mtx",
              "skiplist / std::map, / tbb, / map+mtx");
  for (u64 size : {u64{100000}, u64{1000000}}) {
    workload w = make_workload(size, false);
    name_keys(w);
    std::map<std::string, u64> plain;
    for (u64 k : w.prefill) plain.emplace(w.names[k], k);
    const auto ours = prefilled<skiplist_adapter<std::string>>(w);
    const auto tbb = prefilled<tbb_adapter<std::string>>(w);
    const auto cds = prefilled<cds_adapter<std::string>>(w);
    const auto locked = prefilled<locked_map_adapter<std::string>>(w);
    const auto [map_rate, ours_rate, tbb_rate, cds_rate, locked_rate] = median_of<5>({
        [&] { return lookups_per_second(w, seconds, [&](u64 k) { return plain.find(w.names[k]) != plain.end(); }); },
        [&] { return lookups_per_second(w, seconds, [&](u64 k) { return ours->find(w.names[k]); }); },
        [&] { return lookups_per_second(w, seconds, [&](u64 k) { return tbb->find(w.names[k]); }); },
        [&] { return lookups_per_second(w, seconds, [&](u64 k) { return cds->find(w.names[k]); }); },
        [&] { return lookups_per_second(w, seconds, [&](u64 k) { return locked->find(w.names[k]); }); }});
    std::printf("%-4s | %8.2f %8.2f %8.2f %8.2f %8.2f | %.2f %.2f %.2f\n", count_name(size), map_rate / 1e6,
                ours_rate / 1e6, tbb_rate / 1e6, cds_rate / 1e6, locked_rate / 1e6, ours_rate / map_rate,
                ours_rate / tbb_rate, ours_rate / locked_rate);
    std::fflush(stdout);
  }
}

// --- scans ---------------------------------------------------------------------------------------

template <class Map>
double full_scan_ns_per_element(const Map& map, double seconds) {
  u64 sum = 0;
  long elements = 0;
  const auto start = clock_type::now();
  while (seconds_since(start) < seconds) {
    for (const auto& element : map) {
      sum += element.second;
      ++elements;
    }
  }
  const double ns = seconds_since(start) * 1e9 / static_cast<double>(elements);
  if (sum == 1) std::printf("(sum)\n");
  return ns;
}

template <class Map>
double range_scan_ns(const Map& map, const workload& w, double seconds) {
  const std::vector<u64>& starts = w.keys[1];
  u64 sum = 0;
  long ranges = 0;
  const auto start = clock_type::now();
  for (std::size_t i = 0; seconds_since(start) < seconds; ++i) {
    for (int r = 0; r < 256; ++r, ++i) {
      auto it = map.lower_bound(starts[i & (stream_length - 1)]);
      for (int n = 0; n < 100 && it != map.end(); ++n, ++it) sum += it->second;
    }
    ranges += 256;
  }
  const double ns = seconds_since(start) * 1e9 / static_cast<double>(ranges);
  if (sum == 1) std::printf("(sum)\n");
  return ns;
}

void print_scan_table(double seconds) {
  std::printf("\n== Ordered scans, single thread ==\n");
  std::printf("%-4s | %-24s | %10s %10s %10s | %s\n", "keys", "scan", "std::map", "skiplist", "tbb",
              "skiplist speed / std::map");
  for (u64 size : {u64{100000}, u64{1000000}}) {
    const workload w = make_workload(size, false);
    // Filled one after the other, as in the other tables: filling them in one loop would
    // interleave the nodes of std::map and tbb::concurrent_map on the heap (skiplist_map's come
    // from its own pool) and slow their scans down.
    std::map<u64, u64> plain;
    for (u64 k : w.prefill) plain.emplace(k, k);
    skiplist_adapter<> ours;
    prefill(ours, w);
    tbb_adapter<> tbb;
    prefill(tbb, w);
    // The timings return rates, so they are inverted back to times for printing.
    const auto [map_full, ours_full, tbb_full] = median_of<3>({
        [&] { return 1 / full_scan_ns_per_element(plain, seconds); },
        [&] { return 1 / full_scan_ns_per_element(ours.map, seconds); },
        [&] { return 1 / full_scan_ns_per_element(tbb.map, seconds); }});
    std::printf("%-4s | %-24s | %10.2f %10.2f %10.2f | %.2f\n", count_name(size), "full scan, ns/element",
                1 / map_full, 1 / ours_full, 1 / tbb_full, ours_full / map_full);
    const auto [map_range, ours_range, tbb_range] = median_of<3>({
        [&] { return 1 / range_scan_ns(plain, w, seconds); },
        [&] { return 1 / range_scan_ns(ours.map, w, seconds); },
        [&] { return 1 / range_scan_ns(tbb.map, w, seconds); }});
    std::printf("%-4s | %-24s | %10.0f %10.0f %10.0f | %.2f\n", count_name(size), "100-key range, ns/range",
                1 / map_range, 1 / ours_range, 1 / tbb_range, ours_range / map_range);
    std::fflush(stdout);
  }
}

// --- memory --------------------------------------------------------------------------------------

template <class Fill>
std::pair<double, double> bytes_per_entry(u64 count, Fill fill) {
  const long requested_before = usage.requested.load();
  const long chunks_before = usage.chunks.load();
  std::pair<double, double> result;
  fill([&] {
    result = {static_cast<double>(usage.requested.load() - requested_before) / static_cast<double>(count),
              static_cast<double>(usage.chunks.load() - chunks_before) / static_cast<double>(count)};
  });
  return result;
}

template <class Key>
void print_memory_rows(const char* title) {
  constexpr u64 count = 1000000;
  workload w = make_workload(count, false);
  if constexpr (!std::is_same_v<Key, u64>) name_keys(w);
  using pair_alloc = counting_allocator<std::pair<const Key, u64>>;
  std::printf("\n== Memory per entry, %s (bytes; heap = glibc chunks incl. header) ==\n", title);
  auto report = [](const char* name, std::pair<double, double> bytes) {
    std::printf("%-24s requested %6.1f   heap %6.1f\n", name, bytes.first, bytes.second);
  };
  report("std::map", bytes_per_entry(count, [&](auto measure) {
           std::map<Key, u64, std::less<Key>, pair_alloc> map;
           for (u64 k : w.prefill) map.emplace(key_at<Key>(w, k), k);
           measure();
         }));
  report("skiplist_map", bytes_per_entry(count, [&](auto measure) {
           skiplist_adapter<Key, pair_alloc> map;
           prefill(map, w);
           measure();
         }));
  report("tbb::concurrent_map", bytes_per_entry(count, [&](auto measure) {
           tbb_adapter<Key, pair_alloc> map;
           prefill(map, w);
           measure();
         }));
  report("libcds SkipListMap", bytes_per_entry(count, [&](auto measure) {
           cds_adapter<Key, counting_allocator<int>> map;
           prefill(map, w);
           measure();
         }));
}

void print_memory_table() {
  print_memory_rows<u64>("1e6 u64->u64 entries");
  print_memory_rows<std::string>("1e6 string->u64 entries, not counting the strings' characters");
}

// --- write gate and snapshots ------------------------------------------------------------------

void print_gate_table(double seconds) {
  std::printf("\n== Write gate and snapshots (skiplist_map) ==\n");
  using namespace maptidy::detail::skiplist;
  write_gate gate;
  thread_record& self = this_thread_record();
  long passes = 0;
  auto start = clock_type::now();
  while (seconds_since(start) < seconds) {
    for (int i = 0; i < 4096; ++i) gate.leave(self, gate.enter(self));
    passes += 4096;
  }
  const double gate_ns = seconds_since(start) * 1e9 / static_cast<double>(passes);

  const workload w = make_workload(100000, false);
  const mix inserts_and_erases{"50/0/50", 0, 50};
  skiplist_adapter<> quiet;
  prefill(quiet, w);
  const double alone = run_mix(quiet, w, inserts_and_erases, 1, seconds);
  std::printf("gate pass (enter + leave), uncontended: %.1f ns; one insert or erase at 1e5 keys: %.0f ns\n",
              gate_ns, 1e9 / alone);

  // A writer beside a snapshotter that copies back to back (worst case) or every 50 ms.
  for (u64 size : {u64{100000}, u64{1000000}}) {
    const workload use = make_workload(size, false);
    skiplist_adapter<> baseline;
    prefill(baseline, use);
    const double free_running = run_mix(baseline, use, inserts_and_erases, 1, seconds);
    for (int pause_ms : {0, 50}) {
      skiplist_adapter<> map;
      prefill(map, use);
      std::atomic<bool> stop{false};
      long snapshots = 0;
      double snapshot_seconds = 0;
      std::thread snapshotter([&] {
        while (!stop.load()) {
          const auto begin = clock_type::now();
          snapshots += map.map.snapshot().empty() ? 0 : 1;
          snapshot_seconds += seconds_since(begin);
          std::this_thread::sleep_for(std::chrono::milliseconds(pause_ms));
        }
      });
      const double beside = run_mix(map, use, inserts_and_erases, 1, std::max(seconds, 0.5));
      stop.store(true);
      snapshotter.join();
      std::printf("%s keys, snapshot every %s: snapshot %.1f ms; writer at %.0f%% of its speed alone\n",
                  count_name(size), pause_ms == 0 ? "0 ms (back to back)" : "50 ms",
                  snapshot_seconds * 1e3 / static_cast<double>(std::max(snapshots, 1L)),
                  100.0 * beside / free_running);
      std::fflush(stdout);
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  const double seconds = argc > 1 ? std::atof(argv[1]) : 0.2;
  const std::vector<std::string> tables(argv + std::min(argc, 2), argv + argc);
  auto wanted = [&](const char* table) {
    return tables.empty() || std::find(tables.begin(), tables.end(), table) != tables.end();
  };
  cds::Initialize();
  {
    // The skip list needs 2 * 32 + 3 hazard pointers per thread.
    cds::gc::HP hazard_pointers(67, 2 * max_threads);
    cds_thread_scope attach_main;
    std::printf("skiplist_map benchmark: %u hardware threads, median of %d timings of %.2f s each\n",
                std::thread::hardware_concurrency(), repetitions, seconds);
    if (wanted("finds")) print_find_table(seconds);
    if (wanted("scans")) print_scan_table(seconds);
    if (wanted("memory")) print_memory_table();
    if (wanted("gate")) print_gate_table(seconds);
    if (wanted("mixes")) print_mix_tables(seconds);
    if (wanted("strings")) {
      print_string_find_table(seconds);
      print_string_mix_tables(seconds);
    }
    if (wanted("fills")) print_fill_tables();
  }
  cds::Terminate();
  return 0;
}
