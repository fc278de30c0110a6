// The reentrancy check is a debug-build feature; test it in every build.
#undef NDEBUG
#include "maptidy/sharded_map.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <iterator>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <shared_mutex>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

namespace {

using namespace std::string_literals;
using namespace std::string_view_literals;

template <class Map>
std::map<typename Map::key_type, typename Map::mapped_type> contents(const Map& map) {
  std::map<typename Map::key_type, typename Map::mapped_type> result;
  for (auto& [key, value] : map.snapshot()) EXPECT_TRUE(result.emplace(key, value).second) << "duplicate key";
  EXPECT_EQ(result.size(), map.size());
  return result;
}

template <class Oracle>
std::map<typename Oracle::key_type, typename Oracle::mapped_type> sorted(const Oracle& oracle) {
  return {oracle.begin(), oracle.end()};
}

// Few distinct hash values: long probe sequences, overflow bits, one shard.
struct colliding_hash {
  std::size_t operator()(int key) const noexcept { return static_cast<std::size_t>(key % 7); }
};

// Applies the same random operations to a sharded_map and to a
// std::unordered_map and compares every result.
template <class Map>
void run_against_oracle(Map& map, int operations, int key_range, std::uint64_t seed) {
  std::unordered_map<int, int> oracle;
  std::mt19937_64 random(seed);
  std::uniform_int_distribution<int> key_of(0, key_range - 1), op_of(0, 15), value_of(-1000, 1000);
  for (int step = 0; step < operations; ++step) {
    const int key = key_of(random), value = value_of(random);
    switch (op_of(random)) {
      case 0:
        ASSERT_EQ(map.insert({key, value}), oracle.insert({key, value}).second);
        break;
      case 1: {
        const std::pair<const int, int> element{key, value};
        ASSERT_EQ(map.insert(element), oracle.insert(element).second);
        break;
      }
      case 2:
        ASSERT_EQ(map.emplace(key, value), oracle.emplace(key, value).second);
        break;
      case 3:
        ASSERT_EQ(map.try_emplace(key, value), oracle.try_emplace(key, value).second);
        break;
      case 4:
        ASSERT_EQ(map.insert_or_assign(key, value), oracle.insert_or_assign(key, value).second);
        break;
      case 5: {
        const bool inserted = oracle.find(key) == oracle.end();
        oracle[key] += value;
        ASSERT_EQ(map.upsert(key, [value](int& mapped) { mapped += value; }), inserted);
        break;
      }
      case 6:
      case 7:
        ASSERT_EQ(map.erase(key), oracle.erase(key));
        break;
      case 8: {
        const auto found = oracle.find(key);
        ASSERT_EQ(map.visit(key, [&](std::pair<const int, int>& element) { element.second *= 3; }),
                  found != oracle.end());
        if (found != oracle.end()) found->second *= 3;
        break;
      }
      case 9: {
        const auto found = oracle.find(key);
        const auto got = map.get(key);
        ASSERT_EQ(got.has_value(), found != oracle.end());
        if (got) {
          ASSERT_EQ(*got, found->second);
        }
        break;
      }
      case 10: {
        const auto found = oracle.find(key);
        ASSERT_EQ(map.get_or(key, 12345), found == oracle.end() ? 12345 : found->second);
        break;
      }
      case 11:
        ASSERT_EQ(map.contains(key), oracle.count(key) == 1);
        ASSERT_EQ(map.count(key), oracle.count(key));
        break;
      case 12: {
        const Map& view = map;
        int seen = 0;
        ASSERT_EQ(view.visit(key, [&](const std::pair<const int, int>& element) { seen = element.second; }),
                  oracle.count(key) == 1);
        if (oracle.count(key)) {
          ASSERT_EQ(seen, oracle[key]);
        }
        break;
      }
      case 13:
        if (step % 97 == 0) {
          const int modulus = 2 + step % 5;
          const auto erased = map.erase_if([modulus](const auto& element) { return element.first % modulus == 0; });
          std::size_t expected = 0;
          for (auto it = oracle.begin(); it != oracle.end();)
            it = it->first % modulus == 0 ? (++expected, oracle.erase(it)) : std::next(it);
          ASSERT_EQ(erased, expected);
        }
        break;
      case 14:
        if (step % 1009 == 0) map.reserve(static_cast<std::size_t>(key_range));
        if (step % 5003 == 0) {
          map.clear();
          oracle.clear();
        }
        break;
      default:
        ASSERT_EQ(map.size(), oracle.size());
        ASSERT_EQ(map.empty(), oracle.empty());
        break;
    }
    if (step % 4096 == 0) {
      ASSERT_EQ(contents(map), sorted(oracle));
    }
  }
  ASSERT_EQ(contents(map), sorted(oracle));
}

TEST(ShardedMap, MatchesUnorderedMapWithDefaultHash) {
  for (const std::size_t shard_count : {1, 2, 8, 64}) {
    maptidy::sharded_map<int, int> map(maptidy::shards{shard_count});
    run_against_oracle(map, 100000, 3000, shard_count);
  }
}

TEST(ShardedMap, MatchesUnorderedMapUnderHeavyCollisions) {
  maptidy::sharded_map<int, int, colliding_hash, std::equal_to<int>> map(maptidy::shards{4});
  run_against_oracle(map, 20000, 300, 99);
}

TEST(ShardedMap, MatchesUnorderedMapWithSharedMutex) {
  maptidy::sharded_map<int, int, std::hash<int>, std::equal_to<int>, std::allocator<std::pair<const int, int>>,
                       std::shared_mutex>
      map(maptidy::shards{16});
  run_against_oracle(map, 50000, 2000, 7);
}

using int_map = maptidy::sharded_map<int, int>;

TEST(ShardedMap, ShardCount) {
  EXPECT_EQ(int_map(maptidy::shards{3}).shard_count(), 4u);
  EXPECT_EQ(int_map(maptidy::shards{1}).shard_count(), 1u);
  const std::size_t default_count = int_map::default_shard_count();
  EXPECT_EQ(int_map().shard_count(), default_count);
  EXPECT_GE(default_count, 8u);
  EXPECT_LE(default_count, 1024u);
  EXPECT_EQ(default_count & (default_count - 1), 0u);
  // At most 2^16 shards.
  EXPECT_EQ(int_map(maptidy::shards{std::size_t{1} << 20}).shard_count(), std::size_t{1} << 16);
}

TEST(ShardedMap, ShardsSpreadEvenlyForIdentityHash) {
  // std::hash<int> is the identity: the map must post-mix it.
  maptidy::sharded_map<int, int, std::hash<int>, std::equal_to<int>> map(maptidy::shards{16});
  for (int i = 0; i < 16000; ++i) map.insert({i, i});
  // Count elements per shard through the hash the map uses.
  std::vector<int> per_shard(16);
  for (int i = 0; i < 16000; ++i)
    ++per_shard[(maptidy::detail::mul_fold(std::hash<int>{}(i), maptidy::detail::post_mix_multiplier) >> 48) & 15];
  for (const int count : per_shard) {
    EXPECT_GT(count, 800);
    EXPECT_LT(count, 1200);
  }
  EXPECT_EQ(map.size(), 16000u);
}

TEST(ShardedMap, Constructors) {
  const maptidy::sharded_map<int, std::string> from_list{{1, "one"}, {2, "two"}, {1, "uno"}};
  EXPECT_EQ(from_list.size(), 2u);
  EXPECT_EQ(from_list.get_or(1, ""), "one");

  const std::vector<std::pair<int, std::string>> source{{3, "three"}, {4, "four"}};
  const maptidy::sharded_map<int, std::string> from_range(source.begin(), source.end());
  EXPECT_EQ(from_range.get(4), std::optional<std::string>("four"));

  const maptidy::sharded_map<int, std::string> copy(from_list);
  EXPECT_EQ(contents(copy), contents(from_list));
  EXPECT_EQ(copy.shard_count(), from_list.shard_count());

  const maptidy::sharded_map<int, int> reserved(100000);
  EXPECT_TRUE(reserved.empty());

  maptidy::sharded_map<int, std::string> target;
  EXPECT_EQ(target.insert(source.begin(), source.end()), 2u);
  EXPECT_EQ(target.insert(source.begin(), source.end()), 0u);
}

TEST(ShardedMap, EmplaceForms) {
  maptidy::sharded_map<int, std::pair<int, int>> map;
  EXPECT_TRUE(map.emplace(std::piecewise_construct, std::forward_as_tuple(1), std::forward_as_tuple(2, 3)));
  EXPECT_FALSE(map.emplace(std::piecewise_construct, std::forward_as_tuple(1), std::forward_as_tuple(4, 5)));
  EXPECT_TRUE(map.emplace(2, std::pair(6, 7)));
  EXPECT_TRUE(map.emplace(std::pair<const int, std::pair<int, int>>(3, {8, 9})));
  EXPECT_TRUE(map.try_emplace(4, 10, 11));
  EXPECT_EQ(map.get(1), std::optional(std::pair(2, 3)));
  EXPECT_EQ(map.get(4), std::optional(std::pair(10, 11)));
  EXPECT_EQ(map.size(), 4u);
}

TEST(ShardedMap, MoveOnlyValues) {
  maptidy::sharded_map<int, std::unique_ptr<int>> map;
  for (int i = 0; i < 1000; ++i) EXPECT_TRUE(map.try_emplace(i, std::make_unique<int>(i)));
  EXPECT_FALSE(map.try_emplace(5, std::make_unique<int>(-1)));
  EXPECT_TRUE(map.insert_or_assign(5000, std::make_unique<int>(5000)));
  EXPECT_FALSE(map.insert_or_assign(5, std::make_unique<int>(-5)));
  int sum = 0;
  map.for_each([&sum](const std::pair<const int, std::unique_ptr<int>>& element) { sum += *element.second; });
  EXPECT_EQ(sum, 999 * 1000 / 2 - 5 - 5 + 5000);
}

TEST(ShardedMap, HeterogeneousStringLookup) {
  maptidy::sharded_map<std::string, int> map;
  map.insert({"alpha", 1});
  map.upsert("beta"s, [](int& value) { value = 2; });
  EXPECT_TRUE(map.contains("alpha"sv));
  EXPECT_TRUE(map.contains("beta"));
  EXPECT_EQ(map.count("gamma"sv), 0u);
  EXPECT_EQ(map.get("beta"sv), std::optional(2));
  EXPECT_EQ(map.get_or("nope"sv, -1), -1);
  EXPECT_TRUE(map.visit("alpha"sv, [](std::pair<const std::string, int>& element) { element.second = 10; }));
  EXPECT_EQ(map.get_or("alpha", 0), 10);
  EXPECT_EQ(map.erase("alpha"sv), 1u);
  EXPECT_EQ(map.size(), 1u);
}

// A key that counts its copies; moving it is free and cannot throw.
struct copy_counted_key {
  static inline int copies = 0;
  std::string text;
  explicit copy_counted_key(std::string t) : text(std::move(t)) {}
  copy_counted_key(const copy_counted_key& other) : text(other.text) { ++copies; }
  copy_counted_key(copy_counted_key&&) noexcept = default;
  bool operator==(const copy_counted_key& other) const { return text == other.text; }
};
struct copy_counted_hash {
  std::size_t operator()(const copy_counted_key& key) const noexcept { return std::hash<std::string>()(key.text); }
};

TEST(ShardedMap, GrowthMovesKeys) {
  maptidy::sharded_map<copy_counted_key, int, copy_counted_hash, std::equal_to<copy_counted_key>> map(
      maptidy::shards{2});
  for (int i = 0; i < 5000; ++i) map.try_emplace(copy_counted_key("key " + std::to_string(i)), i);
  EXPECT_EQ(copy_counted_key::copies, 0);
  EXPECT_EQ(map.get_or(copy_counted_key("key 4999"), -1), 4999);
}

TEST(ShardedMap, HeterogeneousPairLookup) {
  using key = std::pair<std::string, std::string>;
  maptidy::sharded_map<key, int, maptidy::hash<key>, maptidy::equal_to<>> map;
  for (int i = 0; i < 500; ++i) map.try_emplace(key{"dir" + std::to_string(i), "file" + std::to_string(i)}, i);
  const std::string dir = "dir42", file = "file42";
  const std::pair<std::string_view, std::string_view> probe{dir, file};
  EXPECT_TRUE(map.contains(probe));
  EXPECT_EQ(map.get(probe), std::optional(42));
  EXPECT_FALSE(map.contains(std::pair("dir42"sv, "file43"sv)));
  EXPECT_EQ(map.erase(probe), 1u);
  EXPECT_FALSE(map.contains(key{dir, file}));
}

TEST(ShardedMap, WholeMapOperations) {
  maptidy::sharded_map<int, int> map(maptidy::shards{8});
  for (int i = 0; i < 1000; ++i) map.insert({i, i});
  map.for_each([](std::pair<const int, int>& element) { element.second *= 2; });
  long long sum = 0;
  std::as_const(map).for_each([&sum](const std::pair<const int, int>& element) { sum += element.second; });
  EXPECT_EQ(sum, 999LL * 1000);
  EXPECT_EQ(map.erase_if([](const std::pair<const int, int>& element) { return element.first >= 500; }), 500u);
  auto snapshot = map.snapshot();
  std::sort(snapshot.begin(), snapshot.end());
  ASSERT_EQ(snapshot.size(), 500u);
  EXPECT_EQ(snapshot.front(), std::pair(0, 0));
  EXPECT_EQ(snapshot.back(), std::pair(499, 998));
  map.clear();
  EXPECT_TRUE(map.empty());
  EXPECT_TRUE(map.snapshot().empty());
  EXPECT_TRUE(map.insert({1, 1}));
  (void)map.hash_function()(1);
  EXPECT_TRUE(map.key_eq()(1, 1));
  EXPECT_TRUE(map.get_allocator() == int_map::allocator_type());
}

// Live bytes of every allocator copy, to observe allocations.
std::atomic<long> allocated_bytes{0};
std::atomic<long> allocation_count{0};
template <class T>
struct tracking_allocator {
  using value_type = T;
  tracking_allocator() = default;
  template <class U>
  tracking_allocator(const tracking_allocator<U>&) noexcept {}
  T* allocate(std::size_t n) {
    allocated_bytes += static_cast<long>(n * sizeof(T));
    ++allocation_count;
    return std::allocator<T>().allocate(n);
  }
  void deallocate(T* p, std::size_t n) noexcept {
    allocated_bytes -= static_cast<long>(n * sizeof(T));
    std::allocator<T>().deallocate(p, n);
  }
  template <class U>
  bool operator==(const tracking_allocator<U>&) const noexcept { return true; }
  template <class U>
  bool operator!=(const tracking_allocator<U>&) const noexcept { return false; }
};

TEST(ShardedMap, ReserveAvoidsRehashAndAllocatorIsUsed) {
  {
    maptidy::sharded_map<int, int, maptidy::hash<int>, std::equal_to<>, tracking_allocator<std::pair<const int, int>>>
        map(maptidy::shards{8});
    const long empty = allocated_bytes;
    EXPECT_GT(empty, 0);  // the shards
    map.reserve(100000);
    const long reserved = allocated_bytes;
    EXPECT_GT(reserved, empty + 100000 * 8);
    for (int i = 0; i < 100000; ++i) map.insert({i, i});
    EXPECT_EQ(allocated_bytes.load(), reserved);
    map.clear();
    EXPECT_EQ(allocated_bytes.load(), reserved);
  }
  EXPECT_EQ(allocated_bytes.load(), 0);
}

TEST(ShardedMap, ChurnRebuildsTableInPlace) {
  // Erasures leave overflow marks behind; under steady churn the table must
  // rebuild itself at the same size now and then, so that lookups of absent
  // keys stay short and memory stays bounded. Random keys overflow groups
  // (sequential ones spread too evenly over the groups to).
  maptidy::sharded_map<std::uint64_t, int, maptidy::hash<std::uint64_t>, std::equal_to<>,
                       tracking_allocator<std::pair<const std::uint64_t, int>>>
      map(maptidy::shards{1});
  std::mt19937_64 random(11);
  std::vector<std::uint64_t> keys;
  for (int i = 0; i < 10000; ++i) keys.push_back(random());
  for (const std::uint64_t key : keys) map.insert({key, 0});
  const long bytes_after_fill = allocated_bytes.load(), allocations_after_fill = allocation_count.load();
  for (int i = 0; i < 390000; ++i) {
    std::uint64_t& oldest = keys[static_cast<std::size_t>(i) % keys.size()];
    map.erase(oldest);
    oldest = random();
    map.insert({oldest, i});
  }
  EXPECT_EQ(map.size(), 10000u);
  EXPECT_GT(allocation_count.load(), allocations_after_fill);
  EXPECT_LE(allocated_bytes.load(), bytes_after_fill);
}

// ---- Exception safety.

struct injected_failure : std::runtime_error {
  injected_failure() : std::runtime_error("injected") {}
};

// Throws on the countdown's last step; negative means never.
int countdown = -1;
void maybe_throw() {
  if (countdown >= 0 && countdown-- == 0) throw injected_failure();
}

struct throwing_hash {
  std::size_t operator()(int key) const {
    maybe_throw();
    return std::hash<int>{}(key);
  }
};
struct throwing_equal {
  bool operator()(int a, int b) const {
    maybe_throw();
    return a == b;
  }
};
// Copying may throw; moving may too (not noexcept), so relocation copies.
// A move empties its source, so moving elements out of a table that is then
// kept would show.
struct throwing_value {
  int value = 0;
  throwing_value() = default;
  explicit throwing_value(int v) : value(v) {}
  throwing_value(const throwing_value& other) : value(other.value) { maybe_throw(); }
  throwing_value(throwing_value&& other) : value(other.value) {
    maybe_throw();
    other.value = -1;
  }
  throwing_value& operator=(const throwing_value&) = default;
  bool operator==(const throwing_value& other) const { return value == other.value; }
};

template <class Map>
std::map<int, int> plain_contents(const Map& map) {
  std::map<int, int> result;
  map.for_each([&result](const auto& element) { result[element.first] = element.second.value; });
  return result;
}

// Inserts until every countdown step has been tried: each failure must leave
// the map exactly as it was.
template <class Map, class Insert>
void expect_strong_guarantee(Map& map, Insert insert) {
  int failures = 0;
  for (int key = 0; key < 3000; ++key) {
    const auto before = plain_contents(map);
    countdown = key % 5;
    try {
      insert(map, key);
      countdown = -1;
    } catch (const injected_failure&) {
      countdown = -1;
      ++failures;
      ASSERT_EQ(plain_contents(map), before) << "key " << key;
      insert(map, key);  // the shard's lock was released: retry works
    }
  }
  countdown = -1;
  EXPECT_GT(failures, 100);
  const auto after = plain_contents(map);
  ASSERT_EQ(after.size(), 3000u);
  for (const auto& [key, value] : after) EXPECT_EQ(value, key);
}

// The seqlock behind lookups without the shard's lock: a read validates
// only if no change began or ended since it started.
TEST(ShardedMapReadsWithoutLock, VersionRejectsReadsOverlappingAChange) {
  maptidy::detail::table_version version;
  const std::uint64_t before = version.read_begin();
  EXPECT_TRUE(version.validate(before));
  version.begin_change();
  EXPECT_FALSE(version.validate(before));
  const std::uint64_t during = version.read_begin();
  EXPECT_EQ(during % 2, 1u);
  EXPECT_FALSE(version.validate(during));
  version.end_change();
  EXPECT_FALSE(version.validate(before));
  EXPECT_FALSE(version.validate(during));
  EXPECT_TRUE(version.validate(version.read_begin()));
}

// Storage replaced under a reader is freed only once the reader has left.
TEST(ShardedMapReadsWithoutLock, GateWaitsForReadersInside) {
  maptidy::detail::reader_gate gate;
  gate.wait_for_readers();  // no reader: returns at once
  auto reader = std::make_unique<maptidy::detail::reader_gate::pass>(gate);
  std::atomic<bool> waited{false};
  std::thread writer([&] {
    gate.wait_for_readers();
    waited = true;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_FALSE(waited.load());
  reader.reset();
  writer.join();
  EXPECT_TRUE(waited.load());
}

// Reader indexes are exclusive and limited: a thread that gets none (more
// threads alive than gate slots) takes the shard lock, with the same results.
TEST(ShardedMapReadsWithoutLock, ThreadsBeyondTheReaderIndexesLock) {
  maptidy::sharded_map<int, int> map;
  map.insert({1, 10});
  maptidy::detail::reader_gate gate;
  std::atomic<bool> release{false};
  std::atomic<int> holding{0};
  std::vector<std::thread> holders;
  bool exhausted = false;
  std::optional<int> found_by_extra_thread;
  for (std::size_t started = 0; !exhausted && started <= maptidy::detail::reader_indexes::count; ++started) {
    std::atomic<int> entered{-1};
    holders.emplace_back([&] {
      const maptidy::detail::reader_gate::pass pass(gate);
      entered = pass.entered() ? 1 : 0;
      if (!pass.entered()) {
        found_by_extra_thread = map.get(1);
        return;
      }
      ++holding;
      while (!release.load()) std::this_thread::yield();
    });
    while (entered.load() < 0) std::this_thread::yield();
    exhausted = entered.load() == 0;
  }
  release = true;
  for (std::thread& holder : holders) holder.join();
  EXPECT_TRUE(exhausted);
  EXPECT_LE(holding.load(), static_cast<int>(maptidy::detail::reader_indexes::count));
  EXPECT_EQ(found_by_extra_thread, std::optional<int>(10));
  EXPECT_EQ(map.get(1), std::optional<int>(10));
}

TEST(ShardedMapExceptions, ThrowingHashLeavesMapUnchanged) {
  maptidy::sharded_map<int, throwing_value, throwing_hash, std::equal_to<int>> map(maptidy::shards{2});
  expect_strong_guarantee(map, [](auto& m, int key) { m.try_emplace(key, key); });
}

TEST(ShardedMapExceptions, ThrowingEqualityLeavesMapUnchanged) {
  maptidy::sharded_map<int, throwing_value, colliding_hash, throwing_equal> map(maptidy::shards{2});
  expect_strong_guarantee(map, [](auto& m, int key) { m.try_emplace(key, key); });
  countdown = 0;
  EXPECT_THROW(map.contains(1), injected_failure);
  countdown = 0;
  EXPECT_THROW(map.erase(1), injected_failure);
  EXPECT_TRUE(map.contains(1));
}

TEST(ShardedMapExceptions, ThrowingCopyLeavesMapUnchanged) {
  // Copies happen when building the element and when rehashing.
  maptidy::sharded_map<int, throwing_value> map(maptidy::shards{2});
  expect_strong_guarantee(map, [](auto& m, int key) {
    const int armed = std::exchange(countdown, -1);  // building the argument must not throw
    const std::pair<const int, throwing_value> element{key, throwing_value(key)};
    countdown = armed;
    m.insert(element);
  });
  countdown = 0;
  EXPECT_THROW(map.snapshot(), injected_failure);
  countdown = 0;
  EXPECT_THROW(decltype(map){map}, injected_failure);
  EXPECT_EQ(map.size(), 3000u);
}

TEST(ShardedMapExceptions, ThrowingUpsertCallback) {
  maptidy::sharded_map<int, int> map;
  EXPECT_THROW(map.upsert(1, [](int&) { throw injected_failure(); }), injected_failure);
  EXPECT_FALSE(map.contains(1)) << "an element inserted for a throwing callback is removed";
  map.insert({2, 5});
  EXPECT_THROW(map.upsert(2,
                          [](int& value) {
                            value = 6;
                            throw injected_failure();
                          }),
               injected_failure);
  EXPECT_EQ(map.get(2), std::optional(6)) << "an existing element keeps the callback's changes";
  EXPECT_THROW(map.visit(2, [](auto&) { throw injected_failure(); }), injected_failure);
  EXPECT_THROW(map.erase_if([](const auto&) -> bool { throw injected_failure(); }), injected_failure);
  EXPECT_EQ(map.size(), 1u);
  EXPECT_TRUE(map.upsert(3, [](int& value) { value = 1; }));  // no lock left held
}

TEST(ShardedMapDeathTest, CallbackCallingBackIntoItsMapIsDetected) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  maptidy::sharded_map<int, int> map;
  map.insert({1, 1});
  EXPECT_DEATH(map.visit(1, [&map](const auto&) { (void)map.contains(2); }), "callback called back");
  EXPECT_DEATH(map.for_each([&map](const auto&) { map.erase(1); }), "callback called back");
  // Another map inside a callback is fine.
  maptidy::sharded_map<int, int> other;
  EXPECT_TRUE(map.visit(1, [&other](const auto& element) { other.insert(element); }));
  EXPECT_TRUE(other.contains(1));
}

}  // namespace
