// Throughput and memory of maptidy::sharded_map against concurrent peers.
//
// Workloads (int -> int maps, each container with its default hash):
//  * parallel_load: T threads share N operations: 10% insert-or-increment,
//    45% successful and 45% unsuccessful lookups. Updated and successfully
//    looked-up keys follow a Zipf distribution of skew s over [1, N/10];
//    unsuccessful lookups the same distribution over [N/10 + 1, 2N/10].
//    The map starts empty.
//  * read_mostly: a table prefilled with P keys takes N operations, 90%
//    lookups (uniform over twice the prefilled key range), 9% insertions of
//    fresh keys and 1% erasures of prefilled keys.
//  * mixed rR: a table prefilled with 1e5 keys takes N operations, R%
//    lookups and the rest insert-or-increment, all of prefilled keys chosen
//    uniformly (R = 90 and 50).
// Memory: heap bytes per entry (counting allocator) after inserting M
// distinct keys single-threaded, averaged over four M between 1e6 and 1.7e6
// so that no container is caught at a lucky or unlucky load factor.
//
// Peers are those the build found (bench/CMakeLists.txt); the first line
// of the output lists them.
//
// Usage: sharded_map_bench [--quick] [--only=TEXT] [--rounds=N]
//   --quick      small N, for a smoke run
//   --only=TEXT  only the workloads whose name contains TEXT
//   --rounds=N   interleaved rounds per cell, the median kept (default 3)
#include "maptidy/sharded_map.hpp"

#include "concurrent_bench_support.hpp"
#include "concurrent_peers.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iterator>
#include <mutex>
#include <new>
#include <optional>
#include <random>
#include <shared_mutex>
#include <string>
#include <thread>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <vector>

namespace {

// ---- Counting allocator: live bytes of every container built with it.

std::atomic<std::int64_t> live_bytes{0};

template <class T>
struct counting_allocator {
  using value_type = T;
  counting_allocator() = default;
  template <class U>
  counting_allocator(const counting_allocator<U>&) noexcept {}

  T* allocate(std::size_t n) {
    live_bytes.fetch_add(static_cast<std::int64_t>(n * sizeof(T)), std::memory_order_relaxed);
    if constexpr (alignof(T) > __STDCPP_DEFAULT_NEW_ALIGNMENT__)
      return static_cast<T*>(::operator new(n * sizeof(T), std::align_val_t(alignof(T))));
    else
      return static_cast<T*>(::operator new(n * sizeof(T)));
  }
  void deallocate(T* p, std::size_t n) noexcept {
    live_bytes.fetch_sub(static_cast<std::int64_t>(n * sizeof(T)), std::memory_order_relaxed);
    if constexpr (alignof(T) > __STDCPP_DEFAULT_NEW_ALIGNMENT__)
      ::operator delete(p, std::align_val_t(alignof(T)));
    else
      ::operator delete(p);
  }
  template <class U>
  bool operator==(const counting_allocator<U>&) const noexcept { return true; }
  template <class U>
  bool operator!=(const counting_allocator<U>&) const noexcept { return false; }
};

template <class Key, class T>
using pair_allocator = counting_allocator<std::pair<const Key, T>>;

// ---- One adapter per container: update (insert-or-increment), lookup
// (value or 0), insert, erase.

template <class SharedMutex>
struct sharded_adapter {
  maptidy::sharded_map<int, int, maptidy::hash<int>, std::equal_to<>, pair_allocator<int, int>, SharedMutex> map;
  void update(int key) { map.upsert(key, [](int& value) { ++value; }); }
  int lookup(int key) const {
    int result = 0;
    map.visit(key, [&result](const auto& element) { result = element.second; });
    return result;
  }
  void insert(int key, int value) { map.try_emplace(key, value); }
  void erase(int key) { map.erase(key); }
};

#if defined(MAPTIDY_BENCH_TBB)
struct tbb_hash_map_adapter {
  using map_type = tbb::concurrent_hash_map<int, int, tbb::tbb_hash_compare<int>, pair_allocator<int, int>>;
  map_type map;
  void update(int key) {
    map_type::accessor accessor;
    map.insert(accessor, key);
    ++accessor->second;
  }
  int lookup(int key) const {
    map_type::const_accessor accessor;
    return map.find(accessor, key) ? accessor->second : 0;
  }
  void insert(int key, int value) { map.insert({key, value}); }
  void erase(int key) { map.erase(key); }
};

// Lock-free insertion and lookup, but no concurrent erasure; mapped values
// are atomics so that increments do not race.
struct tbb_unordered_adapter {
  tbb::concurrent_unordered_map<int, std::atomic<int>, std::hash<int>, std::equal_to<int>,
                                pair_allocator<int, std::atomic<int>>>
      map;
  void update(int key) {
    auto found = map.find(key);
    if (found == map.end()) found = map.emplace(key, 0).first;
    found->second.fetch_add(1, std::memory_order_relaxed);
  }
  int lookup(int key) const {
    const auto found = map.find(key);
    return found == map.end() ? 0 : found->second.load(std::memory_order_relaxed);
  }
  void insert(int key, int value) { map.emplace(key, value); }
};

#endif

#if defined(MAPTIDY_BENCH_LIBCUCKOO)
struct cuckoo_adapter {
  libcuckoo::cuckoohash_map<int, int, std::hash<int>, std::equal_to<int>, pair_allocator<int, int>> map;
  void update(int key) { map.upsert(key, [](int& value) { ++value; }, 1); }
  int lookup(int key) const {
    int value = 0;
    map.find(key, value);
    return value;
  }
  void insert(int key, int value) { map.insert(key, value); }
  void erase(int key) { map.erase(key); }
};

#endif

#if defined(MAPTIDY_BENCH_BOOST_CONCURRENT)
struct boost_concurrent_adapter {
  boost::concurrent_flat_map<int, int, boost::hash<int>, std::equal_to<int>, pair_allocator<int, int>> map;
  void update(int key) { map.emplace_or_visit(key, 1, [](auto& element) { ++element.second; }); }
  int lookup(int key) const {
    int result = 0;
    map.cvisit(key, [&result](const auto& element) { result = element.second; });
    return result;
  }
  void insert(int key, int value) { map.emplace(key, value); }
  void erase(int key) { map.erase(key); }
};
#endif

// phmap's and gtl's parallel_flat_hash_map: 2^4 submaps, each under its own Mutex.
template <class Map>
struct parallel_hash_map_adapter {
  Map map;
  void update(int key) {
    map.try_emplace_l(key, [](auto& element) { ++element.second; }, 1);
  }
  int lookup(int key) const {
    int result = 0;
    map.if_contains(key, [&result](const auto& element) { result = element.second; });
    return result;
  }
  void insert(int key, int value) { map.try_emplace_l(key, [](auto&) {}, value); }
  void erase(int key) { map.erase(key); }
};
#if defined(MAPTIDY_BENCH_PHMAP)
template <class Mutex>
using phmap_map = phmap::parallel_flat_hash_map<int, int, phmap::Hash<int>, phmap::EqualTo<int>,
                                                pair_allocator<int, int>, 4, Mutex>;
#endif
#if defined(MAPTIDY_BENCH_GTL)
template <class Mutex>
using gtl_map =
    gtl::parallel_flat_hash_map<int, int, gtl::Hash<int>, gtl::EqualTo<int>, pair_allocator<int, int>, 4, Mutex>;
#endif

// A single-lock map; lookups take the lock shared when the mutex allows it.
template <class Map, class Mutex>
struct locked_adapter {
  Map map;
  mutable Mutex mutex;
  using read_lock = std::conditional_t<std::is_same_v<Mutex, std::shared_mutex>, std::shared_lock<Mutex>,
                                       std::unique_lock<Mutex>>;
  void update(int key) {
    const std::unique_lock<Mutex> lock(mutex);
    ++map[key];
  }
  int lookup(int key) const {
    const read_lock lock(mutex);
    const auto found = map.find(key);
    return found == map.end() ? 0 : found->second;
  }
  void insert(int key, int value) {
    const std::unique_lock<Mutex> lock(mutex);
    map.emplace(key, value);
  }
  void erase(int key) {
    const std::unique_lock<Mutex> lock(mutex);
    map.erase(key);
  }
};

// Baseline for one thread only: no synchronization at all.
struct unsynchronized_adapter {
  std::unordered_map<int, int, std::hash<int>, std::equal_to<int>, pair_allocator<int, int>> map;
  void update(int key) { ++map[key]; }
  int lookup(int key) const {
    const auto found = map.find(key);
    return found == map.end() ? 0 : found->second;
  }
  void insert(int key, int value) { map.emplace(key, value); }
  void erase(int key) { map.erase(key); }
};

using std_unordered = std::unordered_map<int, int, std::hash<int>, std::equal_to<int>, pair_allocator<int, int>>;
#if defined(MAPTIDY_BENCH_BOOST_FLAT)
using boost_flat = boost::unordered_flat_map<int, int, boost::hash<int>, std::equal_to<int>, pair_allocator<int, int>>;
#endif

// ---- Operations, generated before timing.

enum class op_kind : std::uint8_t { update, lookup, insert, erase };
struct operation {
  op_kind kind;
  int key;
};
using op_stream = std::vector<operation>;

op_stream parallel_load_ops(std::size_t n, double skew) {
  const int range = static_cast<int>(n / 10);
  const maptidy_bench::zipf_distribution zipf(static_cast<std::size_t>(range), skew);
  std::mt19937_64 random(12345);
  std::uniform_int_distribution<int> percent(0, 99);
  op_stream ops(n);
  for (operation& op : ops) {
    const int roll = percent(random);
    if (roll < 10)
      op = {op_kind::update, static_cast<int>(zipf(random))};
    else if (roll < 55)
      op = {op_kind::lookup, static_cast<int>(zipf(random))};
    else
      op = {op_kind::lookup, range + static_cast<int>(zipf(random))};
  }
  return ops;
}

// A fixed bijection of [0, 2^31) so that consecutive indices give scattered keys.
int scrambled(std::uint32_t index) { return static_cast<int>((index * 2654435761u) & 0x7fffffffu); }

struct read_mostly_ops {
  std::vector<int> prefill;
  std::vector<op_stream> per_thread;
};

read_mostly_ops make_read_mostly_ops(std::size_t prefill, std::size_t n, unsigned threads) {
  read_mostly_ops result;
  for (std::uint32_t i = 0; i < prefill; ++i) result.prefill.push_back(scrambled(i));
  std::mt19937_64 random(777);
  std::uniform_int_distribution<int> percent(0, 99);
  std::uniform_int_distribution<std::uint32_t> any_key(0, static_cast<std::uint32_t>(2 * prefill - 1));
  std::uniform_int_distribution<std::uint32_t> prefilled_key(0, static_cast<std::uint32_t>(prefill - 1));
  for (unsigned t = 0; t < threads; ++t) {
    op_stream ops(n / threads);
    std::uint32_t fresh = static_cast<std::uint32_t>(2 * prefill) + t;  // fresh keys, distinct per thread
    for (operation& op : ops) {
      const int roll = percent(random);
      if (roll < 90)
        op = {op_kind::lookup, scrambled(any_key(random))};
      else if (roll < 99)
        op = {op_kind::insert, scrambled(fresh += threads)};
      else
        op = {op_kind::erase, scrambled(prefilled_key(random))};
    }
    result.per_thread.push_back(std::move(ops));
  }
  return result;
}

// Contention on a small prefilled table: each thread runs n / threads
// operations, `lookup_percent`% lookups of prefilled keys, the rest
// insert-or-increment of prefilled keys, both uniform. The table keeps its
// size, so the cost is that of sharing its cache lines between threads.
read_mostly_ops make_mixed_ops(std::size_t prefill, std::size_t n, unsigned threads, int lookup_percent) {
  read_mostly_ops result;
  for (std::uint32_t i = 0; i < prefill; ++i) result.prefill.push_back(scrambled(i));
  std::mt19937_64 random(4242);
  std::uniform_int_distribution<int> percent(0, 99);
  std::uniform_int_distribution<std::uint32_t> prefilled_key(0, static_cast<std::uint32_t>(prefill - 1));
  for (unsigned t = 0; t < threads; ++t) {
    op_stream ops(n / threads);
    for (operation& op : ops)
      op = {percent(random) < lookup_percent ? op_kind::lookup : op_kind::update, scrambled(prefilled_key(random))};
    result.per_thread.push_back(std::move(ops));
  }
  return result;
}

template <class Adapter, class = void>
struct has_erase : std::false_type {};
template <class Adapter>
struct has_erase<Adapter, std::void_t<decltype(std::declval<Adapter&>().erase(0))>> : std::true_type {};

template <class Adapter>
void apply(Adapter& adapter, const operation* first, const operation* last, std::int64_t& sink) {
  for (; first != last; ++first) {
    switch (first->kind) {
      case op_kind::update: adapter.update(first->key); break;
      case op_kind::lookup: sink += adapter.lookup(first->key); break;
      case op_kind::insert: adapter.insert(first->key, first->key); break;
      case op_kind::erase:
        if constexpr (has_erase<Adapter>::value) adapter.erase(first->key);
        else std::abort();
        break;
    }
  }
}

// Runs each thread's range of operations, started together; returns seconds.
template <class Adapter>
double run_threads(Adapter& adapter, const std::vector<std::pair<const operation*, const operation*>>& ranges) {
  std::atomic<std::int64_t> total_sink{0};
  const double seconds = maptidy_bench::run_threads(static_cast<unsigned>(ranges.size()), [&](unsigned t) {
    std::int64_t sink = 0;
    apply(adapter, ranges[t].first, ranges[t].second, sink);
    total_sink.fetch_add(sink);
  });
  if (total_sink.load() == -1) std::puts("");  // keeps the lookups observable
  return seconds;
}

// One run on a fresh container, in Mops/s.
template <class Adapter>
double parallel_load_mops(const op_stream& ops, unsigned threads) {
  Adapter adapter;
  std::vector<std::pair<const operation*, const operation*>> ranges;
  const std::size_t chunk = ops.size() / threads;
  for (unsigned t = 0; t < threads; ++t)
    ranges.emplace_back(ops.data() + t * chunk, ops.data() + (t + 1 == threads ? ops.size() : (t + 1) * chunk));
  return static_cast<double>(ops.size()) / run_threads(adapter, ranges) / 1e6;
}

template <class Adapter>
double read_mostly_mops(const read_mostly_ops& ops) {
  Adapter adapter;
  for (const int key : ops.prefill) adapter.insert(key, key);
  std::vector<std::pair<const operation*, const operation*>> ranges;
  std::size_t total = 0;
  for (const op_stream& stream : ops.per_thread) {
    ranges.emplace_back(stream.data(), stream.data() + stream.size());
    total += stream.size();
  }
  return static_cast<double>(total) / run_threads(adapter, ranges) / 1e6;
}

template <class Adapter>
double bytes_per_entry() {
  double sum = 0;
  const std::size_t sizes[] = {1000000, 1189207, 1414214, 1681793};  // 1e6 * 2^(i/4)
  for (const std::size_t count : sizes) {
    const std::int64_t before = live_bytes.load();
    {
      Adapter adapter;
      for (std::uint32_t i = 0; i < count; ++i) adapter.insert(scrambled(i), 1);
      sum += static_cast<double>(live_bytes.load() - before) / static_cast<double>(count);
    }
  }
  return sum / std::size(sizes);
}

// ---- Table output.

struct contender {
  const char* name;
  bool concurrent;
  double (*parallel_load)(const op_stream&, unsigned);
  double (*prefilled)(const read_mostly_ops&);  // read_mostly and mixed
  bool erases;
  double (*memory)();
};

template <class Adapter>
contender make_contender(const char* name, bool concurrent = true) {
  return {name, concurrent, &parallel_load_mops<Adapter>, &read_mostly_mops<Adapter>, has_erase<Adapter>::value,
          &bytes_per_entry<Adapter>};
}

std::vector<contender> contenders() {
  return {
      make_contender<sharded_adapter<maptidy::rw_spinlock>>("sharded_map"),
      make_contender<sharded_adapter<std::shared_mutex>>("sharded_map<shared_mutex>"),
#if defined(MAPTIDY_BENCH_BOOST_CONCURRENT)
      make_contender<boost_concurrent_adapter>("boost::concurrent_flat_map"),
#endif
#if defined(MAPTIDY_BENCH_PHMAP)
      make_contender<parallel_hash_map_adapter<phmap_map<std::mutex>>>("phmap<mutex>"),
      make_contender<parallel_hash_map_adapter<phmap_map<std::shared_mutex>>>("phmap<shared_mutex>"),
#endif
#if defined(MAPTIDY_BENCH_GTL)
      make_contender<parallel_hash_map_adapter<gtl_map<std::mutex>>>("gtl<mutex>"),
#endif
#if defined(MAPTIDY_BENCH_TBB)
      make_contender<tbb_hash_map_adapter>("tbb::concurrent_hash_map"),
      make_contender<tbb_unordered_adapter>("tbb::concurrent_unordered_map"),
#endif
#if defined(MAPTIDY_BENCH_LIBCUCKOO)
      make_contender<cuckoo_adapter>("libcuckoo"),
#endif
      make_contender<locked_adapter<std_unordered, std::mutex>>("unordered_map+mutex"),
      make_contender<locked_adapter<std_unordered, std::shared_mutex>>("unordered_map+shared_mutex"),
#if defined(MAPTIDY_BENCH_BOOST_FLAT)
      make_contender<locked_adapter<boost_flat, std::mutex>>("boost_flat_map+mutex"),
#endif
      make_contender<unsynchronized_adapter>("unordered_map (1 thread, no lock)", false),
  };
}

void print_header(const std::vector<contender>& all) {
  std::printf("| workload | threads |");
  for (const contender& c : all) std::printf(" %s |", c.name);
  std::printf(" sharded_map / best peer |\n|---|---|");
  for (std::size_t i = 0; i <= all.size(); ++i) std::printf("---|");
  std::printf("\n");
}

// Prints one row of Mops/s; the last column compares sharded_map (first
// column) with the fastest concurrent peer other than its own variants.
void print_row(const std::string& workload, unsigned threads, const std::vector<std::optional<double>>& mops,
               const std::vector<contender>& all) {
  std::printf("| %s | %u |", workload.c_str(), threads);
  double best_peer = 0;
  for (std::size_t i = 0; i < mops.size(); ++i) {
    if (mops[i]) {
      std::printf(" %.2f |", *mops[i]);
      if (i >= 2 && all[i].concurrent) best_peer = std::max(best_peer, *mops[i]);
    } else {
      std::printf(" n/a |");
    }
  }
  std::printf(" %.2fx |\n", best_peer > 0 ? *mops[0] / best_peer : 0.0);
  std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
  bool quick = false;
  std::string only;
  int rounds = 3;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--quick") == 0) {
      quick = true;
    } else if (std::strncmp(argv[i], "--only=", 7) == 0) {
      only = argv[i] + 7;
    } else if (std::strncmp(argv[i], "--rounds=", 9) == 0) {
      rounds = std::max(1, std::atoi(argv[i] + 9));
    } else {
      std::fprintf(stderr, "usage: %s [--quick] [--only=TEXT] [--rounds=N]\n", argv[0]);
      return 2;
    }
  }
  const auto selected = [&only](const std::string& workload) { return workload.find(only) != std::string::npos; };
  const std::vector<contender> all = contenders();
  const unsigned thread_counts[] = {1, 2, 4, 8};

  std::printf("hardware threads: %u, sharded_map default shards: %zu\n\n", std::thread::hardware_concurrency(),
              maptidy::sharded_map<int, int>::default_shard_count());
  std::printf("Throughput, Mops/s (median of %d interleaved rounds; higher is better)\n\n", rounds);
  print_header(all);

  const std::size_t sizes[] = {quick ? 50000u : 500000u, quick ? 100000u : 5000000u};
  for (const std::size_t n : sizes) {
    for (const double skew : {0.01, 0.5, 0.99}) {
      char workload[64];
      std::snprintf(workload, sizeof workload, "parallel_load N=%zu s=%.2f", n, skew);
      if (!selected(workload)) continue;
      const op_stream ops = parallel_load_ops(n, skew);
      for (const unsigned threads : thread_counts) {
        const auto mops = maptidy_bench::median_of_rounds(all.size(), rounds, [&](std::size_t i) {
          const contender& c = all[i];
          return c.concurrent || threads == 1 ? std::optional(c.parallel_load(ops, threads)) : std::nullopt;
        });
        print_row(workload, threads, mops, all);
      }
    }
  }

  const std::size_t prefill = quick ? 50000 : 1000000, operations = quick ? 200000 : 5000000;
  char read_mostly_name[64];
  std::snprintf(read_mostly_name, sizeof read_mostly_name, "read_mostly 90/9/1 P=%zu N=%zu", prefill, operations);
  for (const unsigned threads : thread_counts) {
    if (!selected(read_mostly_name)) break;
    const read_mostly_ops ops = make_read_mostly_ops(prefill, operations, threads);
    const auto mops = maptidy_bench::median_of_rounds(all.size(), rounds, [&](std::size_t i) {
      const contender& c = all[i];
      return c.erases && (c.concurrent || threads == 1) ? std::optional(c.prefilled(ops)) : std::nullopt;
    });
    print_row(read_mostly_name, threads, mops, all);
  }

  const std::size_t mixed_prefill = quick ? 20000 : 100000, mixed_operations = quick ? 400000 : 4000000;
  for (const int lookup_percent : {90, 50}) {
    char mixed_name[64];
    std::snprintf(mixed_name, sizeof mixed_name, "mixed r%d P=%zu N=%zu", lookup_percent, mixed_prefill,
                  mixed_operations);
    for (const unsigned threads : thread_counts) {
      if (!selected(mixed_name)) break;
      const read_mostly_ops ops = make_mixed_ops(mixed_prefill, mixed_operations, threads, lookup_percent);
      const auto mops = maptidy_bench::median_of_rounds(all.size(), rounds, [&](std::size_t i) {
        const contender& c = all[i];
        return c.concurrent || threads == 1 ? std::optional(c.prefilled(ops)) : std::nullopt;
      });
      print_row(mixed_name, threads, mops, all);
    }
  }

  if (!selected("memory")) return 0;
  std::printf("\nHeap bytes per entry (int -> int, counting allocator; lower is better)\n\n| container | bytes/entry |\n|---|---|\n");
  for (const contender& c : all) std::printf("| %s | %.1f |\n", c.name, c.memory());
  return 0;
}
