// maptidy::flat_map against boost::unordered_flat_map and absl::flat_hash_map, each with its
// default hash: fill from empty (no reserve), successful and unsuccessful lookups in random
// order, erasure of every key, and iteration, with u64 keys and 16-32 character string keys.
// With --sets, the same for maptidy::flat_set against boost::unordered_flat_set and
// absl::flat_hash_set.
// Prints Markdown tables: nanoseconds per operation (median of the repetitions), the ratio
// best peer / maptidy (above 1: maptidy is faster), and heap bytes requested per entry.
//
// Usage: flat_map_bench [--sizes=10000,1000000] [--repetitions=5] [--keys=u64|string] [--sets]
// The Boost.Unordered version is the one on the include path (BOOST_LIB_VERSION is printed).
#include "heap_counter.hpp"

#include "maptidy/flat_map.hpp"
#include "maptidy/flat_set.hpp"

#include <absl/container/flat_hash_map.h>
#include <absl/container/flat_hash_set.h>
#include <boost/unordered/unordered_flat_map.hpp>
#include <boost/unordered/unordered_flat_set.hpp>
#include <boost/version.hpp>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>
#include <type_traits>
#include <unordered_set>
#include <utility>
#include <vector>

namespace {

using clock_type = std::chrono::steady_clock;

// Distinct keys: `present` are inserted, `absent` never are; lookups and erasures visit the
// present keys in another random order than the insertions.
template <class Key>
struct key_set {
  std::vector<Key> present, absent, shuffled;
};

std::uint64_t make_key(std::mt19937_64& random, std::uint64_t*) { return random(); }
std::string make_key(std::mt19937_64& random, std::string*) {
  static constexpr char alphabet[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-";
  std::string key(16 + random() % 17, ' ');
  for (char& c : key) c = alphabet[random() % 64];
  return key;
}

template <class Key>
key_set<Key> make_keys(std::size_t count) {
  std::mt19937_64 random(count * 31 + sizeof(Key));
  std::unordered_set<Key> seen;
  key_set<Key> keys;
  while (keys.present.size() < count || keys.absent.size() < count) {
    Key key = make_key(random, static_cast<Key*>(nullptr));
    if (!seen.insert(key).second) continue;
    (keys.present.size() < count ? keys.present : keys.absent).push_back(std::move(key));
  }
  keys.shuffled = keys.present;
  std::shuffle(keys.shuffled.begin(), keys.shuffled.end(), random);
  return keys;
}

// Runs `body` (which performs `operations` operations) `repeat` times after `setup`, enough
// times for at least 20 ms in total, and returns nanoseconds per operation.
template <class Setup, class Body>
double time_per_operation(std::size_t operations, Setup setup, Body body) {
  double total_ns = 0;
  std::size_t rounds = 0;
  while (total_ns < 2e7 || rounds < 1) {
    setup();
    const auto start = clock_type::now();
    body();
    total_ns += std::chrono::duration<double, std::nano>(clock_type::now() - start).count();
    ++rounds;
  }
  return total_ns / static_cast<double>(rounds * operations);
}

volatile std::uint64_t sink;

// Maps hold a u64 value per key; sets hold the key alone. payload() is what a lookup reads.
template <class Container, class = void>
struct is_map : std::false_type {};
template <class Container>
struct is_map<Container, std::void_t<typename Container::mapped_type>> : std::true_type {};

template <class Container, class Key>
void add(Container& container, const Key& key, std::uint64_t value) {
  if constexpr (is_map<Container>::value)
    container.emplace(key, value);
  else
    container.emplace(key);
}
template <class Key>
std::uint64_t payload(const std::pair<const Key, std::uint64_t>& element) {
  return element.second;
}
std::uint64_t payload(std::uint64_t key) { return key; }
std::uint64_t payload(const std::string& key) { return key.size(); }

struct measurement {
  double insert = 0, hit = 0, miss = 0, erase = 0, iterate = 0, bytes = 0;
};

template <class Map, class Key>
measurement measure(const key_set<Key>& keys) {
  const std::size_t n = keys.present.size();
  measurement m;
  Map map;
  std::uint64_t value = 0;
  const auto fill = [&] {
    for (const Key& key : keys.present) add(map, key, ++value);
  };
  m.insert = time_per_operation(n, [&] { Map().swap(map); }, fill);
  {
    Map().swap(map);
    heap_counter::scope heap;
    fill();
    m.bytes = static_cast<double>(heap.requested()) / static_cast<double>(n);
  }
  m.hit = time_per_operation(n, [] {}, [&] {
    std::uint64_t sum = 0;
    for (const Key& key : keys.shuffled) sum += payload(*map.find(key));
    sink = sum;
  });
  m.miss = time_per_operation(n, [] {}, [&] {
    std::uint64_t found = 0;
    for (const Key& key : keys.absent) found += map.find(key) != map.end();
    sink = found;
  });
  m.iterate = time_per_operation(n, [] {}, [&] {
    std::uint64_t sum = 0;
    for (const auto& element : map) sum += payload(element);
    sink = sum;
  });
  m.erase = time_per_operation(n, [&] { if (map.empty()) fill(); }, [&] {
    for (const Key& key : keys.shuffled) map.erase(key);
  });
  return m;
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

struct row {
  const char* workload;
  double maptidy, boost, absl;
};

std::vector<double> all_ratios;

// The contenders: maptidy's container, Boost's and Abseil's, as maps or as sets.
template <class Key, bool Sets>
struct contenders {
  using ours = maptidy::flat_map<Key, std::uint64_t>;
  using boost = boost::unordered_flat_map<Key, std::uint64_t>;
  using absl = absl::flat_hash_map<Key, std::uint64_t>;
  static constexpr const char* header = "maptidy::flat_map | boost::unordered_flat_map | absl::flat_hash_map";
};
template <class Key>
struct contenders<Key, true> {
  using ours = maptidy::flat_set<Key>;
  using boost = boost::unordered_flat_set<Key>;
  using absl = absl::flat_hash_set<Key>;
  static constexpr const char* header = "maptidy::flat_set | boost::unordered_flat_set | absl::flat_hash_set";
};

template <class Key, bool Sets>
void run(const char* key_name, std::size_t n, int repetitions) {
  const key_set<Key> keys = make_keys<Key>(n);
  using containers = contenders<Key, Sets>;
  std::vector<measurement> ours, boost, absl;
  // Interleaved repetitions: a slow phase of the machine hits every container.
  for (int r = 0; r < repetitions; ++r) {
    ours.push_back(measure<typename containers::ours>(keys));
    boost.push_back(measure<typename containers::boost>(keys));
    absl.push_back(measure<typename containers::absl>(keys));
  }
  const auto med = [](const std::vector<measurement>& ms, double measurement::*field) {
    std::vector<double> values;
    for (const measurement& m : ms) values.push_back(m.*field);
    return median(values);
  };
  std::printf("\n**%s keys, %zu elements** (ns/op; ratio: the better peer / maptidy, above 1 is faster)\n\n", key_name,
              n);
  std::printf("| workload | %s | ratio |\n", containers::header);
  std::printf("|---|---|---|---|---|\n");
  const std::pair<const char*, double measurement::*> workloads[] = {
      {"insert", &measurement::insert},      {"successful lookup", &measurement::hit},
      {"unsuccessful lookup", &measurement::miss}, {"erase", &measurement::erase},
      {"iteration", &measurement::iterate}};
  for (const auto& [name, field] : workloads) {
    const double a = med(ours, field), b = med(boost, field), c = med(absl, field);
    const double ratio = std::min(b, c) / a;
    all_ratios.push_back(ratio);
    std::printf("| %s | %.2f | %.2f | %.2f | %.2f |\n", name, a, b, c, ratio);
  }
  std::printf("| bytes/entry | %.1f | %.1f | %.1f | %.2f |\n", ours[0].bytes, boost[0].bytes, absl[0].bytes,
              std::min(boost[0].bytes, absl[0].bytes) / ours[0].bytes);
}

// The key types `keys` names (empty: both) at each size.
template <bool Sets>
void run_sizes(const std::vector<std::size_t>& sizes, const std::string& keys, int repetitions) {
  for (const std::size_t n : sizes) {
    if (keys != "string") run<std::uint64_t, Sets>("u64", n, repetitions);
    if (keys != "u64") run<std::string, Sets>("string (16-32 chars)", n, repetitions);
  }
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::size_t> sizes{10000, 1000000};
  int repetitions = 5;
  std::string keys;  // empty: both key types
  bool sets = false;
  for (int i = 1; i < argc; ++i) {
    if (std::strncmp(argv[i], "--sizes=", 8) == 0) {
      sizes.clear();
      for (char* p = argv[i] + 8; *p != '\0';) {
        sizes.push_back(std::strtoull(p, &p, 10));
        if (*p == ',') ++p;
      }
    } else if (std::strncmp(argv[i], "--repetitions=", 14) == 0) {
      repetitions = std::atoi(argv[i] + 14);
    } else if (std::strcmp(argv[i], "--keys=u64") == 0 || std::strcmp(argv[i], "--keys=string") == 0) {
      keys = argv[i] + 7;
    } else if (std::strcmp(argv[i], "--sets") == 0) {
      sets = true;
    } else {
      std::fprintf(stderr, "usage: %s [--sizes=N,...] [--repetitions=R] [--keys=u64|string] [--sets]\n", argv[0]);
      return 2;
    }
  }
  std::printf("Boost %s, median of %d interleaved repetitions\n", BOOST_LIB_VERSION, repetitions);
  if (sets)
    run_sizes<true>(sizes, keys, repetitions);
  else
    run_sizes<false>(sizes, keys, repetitions);
  std::vector<double> ratios = all_ratios;
  std::sort(ratios.begin(), ratios.end());
  std::printf("\nTime ratios over %zu cells: median %.2f, lowest %.2f\n", ratios.size(), median(ratios), ratios.front());
}
