#include "maptidy/flat_map.hpp"
#include "flat_test_support.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <map>
#include <memory>
#include <new>
#include <random>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <vector>

namespace {

using namespace flat_test;
using namespace std::string_literals;
using namespace std::string_view_literals;

template <class Map>
std::map<typename Map::key_type, typename Map::mapped_type> sorted(const Map& map) {
  std::map<typename Map::key_type, typename Map::mapped_type> result;
  for (const auto& [key, value] : map) EXPECT_TRUE(result.emplace(key, value).second) << "duplicate key";
  EXPECT_EQ(result.size(), map.size());
  return result;
}

// Applies the same random operations to a flat_map and a std::unordered_map
// and compares every result, and the contents at intervals.
template <class Map>
void run_against_oracle(Map& map, int operations, int key_range, std::uint64_t seed) {
  std::unordered_map<int, int> oracle;
  std::mt19937_64 random(seed);
  std::uniform_int_distribution<int> key_of(0, key_range - 1), op_of(0, 17), value_of(-1000, 1000);
  for (int step = 0; step < operations; ++step) {
    const int key = key_of(random), value = value_of(random);
    switch (op_of(random)) {
      case 0: {
        const auto [it, inserted] = map.insert({key, value});
        const auto expected = oracle.insert({key, value});
        ASSERT_EQ(inserted, expected.second);
        ASSERT_EQ(*it, *expected.first);
        break;
      }
      case 1:
        ASSERT_EQ(map.emplace(key, value).second, oracle.emplace(key, value).second);
        break;
      case 2:
        ASSERT_EQ(map.try_emplace(key, value).second, oracle.try_emplace(key, value).second);
        break;
      case 3:
        ASSERT_EQ(map.insert_or_assign(key, value).second, oracle.insert_or_assign(key, value).second);
        break;
      case 4:
        map[key] += value;
        oracle[key] += value;
        break;
      case 5:
        ASSERT_EQ(map.erase(key), oracle.erase(key));
        break;
      case 6: {
        const auto it = map.find(key);
        const auto expected = oracle.find(key);
        ASSERT_EQ(it == map.end(), expected == oracle.end());
        if (it != map.end()) {
          ASSERT_EQ(it->second, expected->second);
          map.erase(it);
          oracle.erase(expected);
        }
        break;
      }
      case 7:
        ASSERT_EQ(map.contains(key), oracle.count(key) == 1);
        ASSERT_EQ(map.count(key), oracle.count(key));
        break;
      case 8:
        if (oracle.count(key) != 0)
          ASSERT_EQ(map.at(key), oracle.at(key));
        else
          ASSERT_THROW((void)map.at(key), std::out_of_range);
        break;
      case 9: {
        const auto predicate = [value](const auto& element) { return (element.first ^ value) % 5 == 0; };
        ASSERT_EQ(erase_if(map, predicate), erase_matching(oracle, predicate));
        break;
      }
      case 10:
        if (step % 97 == 0) {
          map.clear();
          oracle.clear();
        }
        break;
      case 11:
        map.reserve(static_cast<std::size_t>(value < 0 ? 0 : value));
        ASSERT_GE(map.max_load(), static_cast<std::size_t>(value < 0 ? 0 : value));
        break;
      case 12:
        if (step % 13 == 0) map.rehash(0);  // shrink to fit
        break;
      case 13: {
        Map copy = map;
        ASSERT_TRUE(copy == map);
        Map moved = std::move(copy);
        map = std::move(moved);
        break;
      }
      case 14: {
        // Erase while iterating, as std::unordered_map allows.
        for (auto it = map.begin(); it != map.end();) {
          if (it->first % 11 == key % 11) {
            oracle.erase(it->first);
            it = map.erase(it);
          } else {
            ++it;
          }
        }
        break;
      }
      default: {
        const auto it = std::as_const(map).find(key);
        ASSERT_EQ(it != map.cend(), oracle.count(key) == 1);
        break;
      }
    }
    ASSERT_EQ(map.size(), oracle.size());
    if (step % 499 == 0) ASSERT_EQ(sorted(map), (std::map<int, int>(oracle.begin(), oracle.end())));
  }
  ASSERT_EQ(sorted(map), (std::map<int, int>(oracle.begin(), oracle.end())));
  ASSERT_EQ(static_cast<std::size_t>(std::distance(map.begin(), map.end())), oracle.size());
}

TEST(FlatMap, RandomOperationsMatchUnorderedMap) {
  for (std::uint64_t seed = 1; seed <= 4; ++seed) {
    maptidy::flat_map<int, int> map;
    run_against_oracle(map, 20000, seed % 2 == 0 ? 64 : 4000, seed);
  }
}

TEST(FlatMap, RandomOperationsWithCollidingHash) {
  maptidy::flat_map<int, int, colliding_hash, std::equal_to<int>> map;
  run_against_oracle(map, 6000, 600, 7);
}

TEST(FlatMap, StringKeysMatchUnorderedMap) {
  maptidy::flat_map<std::string, std::string> map;
  std::unordered_map<std::string, std::string> oracle;
  std::mt19937_64 random(3);
  for (int step = 0; step < 30000; ++step) {
    const std::string key = "key-" + std::to_string(random() % 3000) + std::string(random() % 20, 'x');
    const std::string value = std::to_string(step);
    switch (random() % 4) {
      case 0:
        ASSERT_EQ(map.try_emplace(key, value).second, oracle.try_emplace(key, value).second);
        break;
      case 1:
        ASSERT_EQ(map.erase(std::string_view(key)), oracle.erase(key));
        break;
      case 2:
        map[key] = value;
        oracle[key] = value;
        break;
      default:
        ASSERT_EQ(map.count(key), oracle.count(key));
    }
  }
  EXPECT_EQ(sorted(map), (std::map<std::string, std::string>(oracle.begin(), oracle.end())));
}

// Chi-square statistic of `values` spread over `buckets` equally likely
// buckets.
template <class Bucket>
double chi_square(const std::vector<std::uint64_t>& values, std::size_t buckets, Bucket bucket_of) {
  std::vector<double> counts(buckets);
  for (const std::uint64_t value : values) counts[bucket_of(value)] += 1;
  const double expected = static_cast<double>(values.size()) / buckets;
  double statistic = 0;
  for (const double count : counts) statistic += (count - expected) * (count - expected) / expected;
  return statistic;
}

// A table mixes one-word keys under maptidy::hash with a single fold: the
// bits it reads (group, tag and overflow bit, shard) must still spread
// structured keys evenly. Each family has 2^16 keys. A single multiply leaves
// some family uneven on some field whatever the multiplier; the bound, a
// chi-square statistic 5 times its degrees of freedom, lets a 4096-way split
// vary about twice as much as random placement would, and catches a
// multiplier that clusters (8.6 times for the one maptidy::hash absorbs
// with, unmixed keys far more).
TEST(FlatMap, TableHashSpreadsStructuredOneWordKeys) {
  const maptidy::hash<std::uint64_t> hasher;
  std::vector<std::pair<std::string, std::vector<std::uint64_t>>> families;
  const auto add_family = [&](std::string name, auto key_of) {
    std::vector<std::uint64_t> keys;
    for (std::uint64_t i = 0; i < (1u << 16); ++i) keys.push_back(key_of(i));
    families.emplace_back(std::move(name), std::move(keys));
  };
  for (unsigned shift = 0; shift <= 48; ++shift)
    add_family("i << " + std::to_string(shift), [shift](std::uint64_t i) { return i << shift; });
  for (const std::uint64_t stride : {3u, 5u, 7u, 10u, 24u, 100u, 1000u, 4097u, 86400u, (1u << 20) + 1})
    add_family("i * " + std::to_string(stride), [stride](std::uint64_t i) { return i * stride; });
  add_family("negative", [](std::uint64_t i) { return ~i; });
  add_family("pointers", [](std::uint64_t i) { return 0x7f3a12000000u + 48 * i; });
  add_family("high half", [](std::uint64_t i) { return (i << 32) | 7; });

  using fields = maptidy::detail::hash_fields;
  for (const auto& [name, keys] : families) {
    std::vector<std::uint64_t> hashes;
    for (const std::uint64_t key : keys) hashes.push_back(maptidy::detail::table_hash(hasher, key));
    const unsigned group_shift = fields::group_shift(4096);
    EXPECT_LT(chi_square(hashes, 4096, [=](std::uint64_t h) { return fields::group(h, group_shift); }), 4095 * 5)
        << name << ": group";
    EXPECT_LT(chi_square(hashes, 256, [](std::uint64_t h) { return h >> fields::tag_shift; }), 255 * 5)
        << name << ": tag";
    EXPECT_LT(chi_square(hashes, 256, [](std::uint64_t h) { return fields::shard(h, 255); }), 255 * 5)
        << name << ": shard";
  }
}

TEST(FlatMap, StandardInterface) {
  maptidy::flat_map<int, std::string> map{{1, "one"}, {2, "two"}};
  static_assert(std::is_same_v<std::iterator_traits<decltype(map)::iterator>::iterator_category,
                               std::forward_iterator_tag>);
  static_assert(std::is_convertible_v<decltype(map)::iterator, decltype(map)::const_iterator>);
  static_assert(!std::is_convertible_v<decltype(map)::const_iterator, decltype(map)::iterator>);
  EXPECT_EQ(map.size(), 2u);
  EXPECT_FALSE(map.empty());
  EXPECT_EQ(map.emplace(std::pair<int, std::string>(3, "three")).first->second, "three");
  EXPECT_EQ(map.emplace(std::piecewise_construct, std::forward_as_tuple(4), std::forward_as_tuple(3, 'x'))
                .first->second,
            "xxx");
  EXPECT_FALSE(map.emplace(4, "four").second);
  EXPECT_EQ(map.emplace_hint(map.cbegin(), 5, "five")->second, "five");
  EXPECT_EQ(map.try_emplace(map.cend(), 6, "six")->second, "six");
  EXPECT_EQ(map.insert_or_assign(map.cend(), 6, "SIX")->second, "SIX");
  map.insert({{7, "seven"}, {8, "eight"}});
  const std::vector<std::pair<const int, std::string>> more{{9, "nine"}, {1, "not one"}};
  map.insert(more.begin(), more.end());
  EXPECT_EQ(map.at(1), "one");
  EXPECT_EQ(map.size(), 9u);
  const auto [first, last] = map.equal_range(9);
  EXPECT_EQ(std::distance(first, last), 1);
  EXPECT_EQ(map.equal_range(10).first, map.end());
  int sum = 0;
  for (const auto& [key, value] : std::as_const(map)) sum += key;
  EXPECT_EQ(sum, 45);
  EXPECT_EQ(map.erase(map.find(1), map.end()), map.end());
  map.clear();
  EXPECT_TRUE(map.empty());
  EXPECT_EQ(map.begin(), map.end());
  EXPECT_FLOAT_EQ(map.max_load_factor(), 0.875f);
  map.max_load_factor(0.5f);  // no effect
  EXPECT_FLOAT_EQ(map.max_load_factor(), 0.875f);
  map = {{1, "a"}};
  EXPECT_EQ(map.size(), 1u);

  maptidy::flat_map<int, std::string> other{{2, "b"}};
  swap(map, other);
  EXPECT_EQ(map.at(2), "b");
  EXPECT_EQ(other.at(1), "a");
  EXPECT_NE(map, other);
  other = map;
  EXPECT_EQ(map, other);
  other[2] = "c";
  EXPECT_NE(map, other);
}

// The guides deduce what std::unordered_map's deduce, with maptidy's hash and equality.
TEST(FlatMap, DeductionGuidesFollowUnorderedMap) {
  using alloc = flat_test::tagged_allocator<std::pair<const int, std::string>>;
  struct int_hash {
    std::size_t operator()(int key) const noexcept { return static_cast<std::size_t>(key); }
  };
  const std::vector<std::pair<int, std::string>> pairs{{1, "one"}, {2, "two"}};

  maptidy::flat_map from_range(pairs.begin(), pairs.end());
  static_assert(std::is_same_v<decltype(from_range), maptidy::flat_map<int, std::string>>);
  EXPECT_EQ(from_range.at(2), "two");
  maptidy::flat_map from_list{std::pair{1, 1.5}, std::pair{2, 2.5}};
  static_assert(std::is_same_v<decltype(from_list), maptidy::flat_map<int, double>>);
  EXPECT_EQ(from_list.size(), 2u);

  maptidy::flat_map with_hash(pairs.begin(), pairs.end(), 4, int_hash());
  static_assert(std::is_same_v<decltype(with_hash), maptidy::flat_map<int, std::string, int_hash>>);
  maptidy::flat_map range_allocator(pairs.begin(), pairs.end(), 4, alloc(7));
  static_assert(std::is_same_v<decltype(range_allocator),
                               maptidy::flat_map<int, std::string, maptidy::hash<int>, maptidy::equal_to<int>, alloc>>);
  EXPECT_EQ(range_allocator.get_allocator().tag, 7);
  maptidy::flat_map range_hash_allocator(pairs.begin(), pairs.end(), 4, int_hash(), alloc(8));
  static_assert(std::is_same_v<decltype(range_hash_allocator),
                               maptidy::flat_map<int, std::string, int_hash, maptidy::equal_to<int>, alloc>>);
  EXPECT_EQ(range_hash_allocator.at(1), "one");
  maptidy::flat_map list_allocator({std::pair<int, std::string>{3, "three"}}, 4, alloc(9));
  static_assert(std::is_same_v<decltype(list_allocator), decltype(range_allocator)>);
  EXPECT_EQ(list_allocator.get_allocator().tag, 9);
  maptidy::flat_map list_hash_allocator({std::pair<int, std::string>{3, "three"}}, 4, int_hash(), alloc(9));
  static_assert(std::is_same_v<decltype(list_hash_allocator), decltype(range_hash_allocator)>);
  EXPECT_EQ(list_hash_allocator.at(3), "three");
}

TEST(FlatMap, EmptyMapAllocatesNothing) {
  maptidy::flat_map<int, int> map;
  EXPECT_EQ(map.allocated_bytes(), 0u);
  EXPECT_EQ(map.bucket_count(), 0u);
  EXPECT_EQ(map.find(1), map.end());
  EXPECT_EQ(map.erase(1), 0u);
  EXPECT_EQ(map.begin(), map.end());
  map.rehash(0);
  EXPECT_EQ(map.allocated_bytes(), 0u);
}

// Maps without storage (new, moved from, rehashed to nothing) share one
// empty metadata group that lookups stop at; nothing may write it.
TEST(FlatMap, MapsWithoutStorageLookUpAndRefill) {
  maptidy::flat_map<int, std::string> source{{1, "a"}, {2, "b"}};
  maptidy::flat_map<int, std::string> target(std::move(source));
  maptidy::flat_map<int, std::string> drained{{3, "c"}};
  drained.erase(3);
  drained.rehash(0);
  for (auto* map : {&source, &drained}) {
    EXPECT_EQ(map->allocated_bytes(), 0u);
    EXPECT_EQ(map->find(1), map->end());
    EXPECT_FALSE(map->contains(2));
    EXPECT_EQ(map->erase(1), 0u);
    EXPECT_EQ(map->begin(), map->end());
    EXPECT_EQ(erase_if(*map, [](const auto&) { return true; }), 0u);
    map->clear();
    EXPECT_EQ(std::distance(map->begin(), map->end()), 0);
  }
  for (const unsigned char byte : maptidy::detail::no_groups.bytes) EXPECT_EQ(byte, 0);
  source[7] = "g";
  drained.try_emplace(8, "h");
  EXPECT_EQ(source.at(7), "g");
  EXPECT_EQ(drained.at(8), "h");
  EXPECT_EQ(target.size(), 2u);
  for (const unsigned char byte : maptidy::detail::no_groups.bytes) EXPECT_EQ(byte, 0);
}

TEST(FlatMap, HeterogeneousLookup) {
  maptidy::flat_map<std::string, int> words{{"alpha", 1}, {"beta", 2}};
  EXPECT_TRUE(words.contains("alpha"sv));
  EXPECT_TRUE(words.contains("beta"));
  EXPECT_EQ(words.find("beta"sv)->second, 2);
  EXPECT_EQ(words.at("alpha"sv), 1);
  EXPECT_EQ(words.count("gamma"sv), 0u);
  EXPECT_EQ(words.erase("alpha"sv), 1u);
  EXPECT_EQ(words.size(), 1u);

  using key = std::pair<std::string, std::string>;
  maptidy::flat_map<key, int, maptidy::hash<key>> files;
  for (int i = 0; i < 500; ++i) files[key{"dir" + std::to_string(i), "file" + std::to_string(i)}] = i;
  const std::string dir = "dir42", file = "file42";
  const std::pair<std::string_view, std::string_view> probe{dir, file};
  EXPECT_EQ(files.at(probe), 42);
  EXPECT_FALSE(files.contains(std::pair("dir42"sv, "file43"sv)));
  EXPECT_EQ(files.erase(probe), 1u);
  EXPECT_FALSE(files.contains(key{dir, file}));
}

TEST(FlatMap, PairKeysWithStructuredBindings) {
  // The shape the composite-key fixes produce.
  maptidy::flat_map<std::pair<int, int>, double, maptidy::hash<std::pair<int, int>>> grid;
  for (int row = 0; row < 30; ++row)
    for (int column = 0; column < 30; ++column) grid[{row, column}] = row * column;
  EXPECT_EQ(grid.count({3, 4}), 1u);
  EXPECT_DOUBLE_EQ(grid.find({5, 6})->second, 30.0);
  double total = 0;
  for (const auto& [position, value] : grid) total += value + 0 * position.first;
  EXPECT_DOUBLE_EQ(total, 435.0 * 435.0);
}

// ---- Validity of iterators and references, as the header promises.

TEST(FlatMap, InsertionWithoutRehashKeepsReferences) {
  maptidy::flat_map<int, int> map;
  map.reserve(1000);
  const std::size_t room = map.max_load();
  ASSERT_GE(room, 1000u);
  map[0] = 0;
  int* first = &map[0];
  const auto it = map.find(0);
  const std::size_t capacity = map.bucket_count();
  for (int i = 1; i < static_cast<int>(room); ++i) map[i] = i;
  EXPECT_EQ(map.bucket_count(), capacity);
  EXPECT_EQ(first, &map.at(0));
  EXPECT_EQ(it, map.find(0));
  map[static_cast<int>(room)] = 0;  // size() == max_load(): this one rehashes
  EXPECT_GT(map.bucket_count(), capacity);
}

TEST(FlatMap, InsertionMayCopyAnElementOfTheSameMap) {
  // The argument refers into the map while the insertion rehashes it.
  maptidy::flat_map<int, std::string> map;
  map[0] = std::string(100, 'v');
  for (int i = 1; i < 2000; ++i) {
    map.try_emplace(i, map.at(i - 1));
    map.emplace(-i, map.at(i));
    map.insert_or_assign(i + 5000, map.at(-i));
  }
  for (const auto& [key, value] : map) EXPECT_EQ(value, std::string(100, 'v')) << key;
}

// A hash that avalanches by declaration, so the table uses it unmixed: its
// top byte, the tag byte, is chosen by the key.
struct tag_byte_hash {
  using is_avalanching = std::true_type;
  std::size_t operator()(int key) const noexcept {
    return (static_cast<std::size_t>(key & 0xff) << 56) | static_cast<std::size_t>(key);
  }
};

// Iteration ends at a sentinel tag that no element may carry, whatever its
// hash: every tag byte, in every slot of a group, is visited and compared.
TEST(FlatMap, IterationVisitsElementsOfEveryTagByte) {
  maptidy::flat_map<int, int, tag_byte_hash, std::equal_to<int>> map;
  for (int key = 0; key < 4000; ++key) map.emplace(key, key);
  std::size_t visited = 0;
  for (auto it = map.begin(); it != map.end(); ++it, ++visited) ASSERT_EQ(map.find(it->first), it);
  EXPECT_EQ(visited, map.size());
  EXPECT_EQ(sorted(map).size(), 4000u);
  EXPECT_EQ(map.find(4000), map.end());
  for (auto it = map.begin(); it != map.end();) it = map.erase(it);
  EXPECT_TRUE(map.empty());
  EXPECT_EQ(map.begin(), map.end());
}

TEST(FlatMap, ErasureKeepsOtherIterators) {
  maptidy::flat_map<int, int> map;
  for (int i = 0; i < 1000; ++i) map[i] = i;
  std::vector<std::pair<int, const int*>> kept;
  for (auto it = map.begin(); it != map.end(); ++it)
    if (it->first % 2 == 0) kept.emplace_back(it->first, &it->second);
  for (int i = 1; i < 1000; i += 2) map.erase(i);
  for (const auto& [key, address] : kept) EXPECT_EQ(address, &map.at(key));
}

TEST(FlatMap, MoveAndSwapKeepIterators) {
  maptidy::flat_map<int, int> map{{1, 1}, {2, 2}};
  const auto it = map.find(2);
  maptidy::flat_map<int, int> moved(std::move(map));
  EXPECT_EQ(it, moved.find(2));
  maptidy::flat_map<int, int> other;
  other.swap(moved);
  EXPECT_EQ(it, other.find(2));
}

// ---- Growth moves keys and values instead of copying them.

TEST(FlatMap, GrowthMovesKeysAndValues) {
  maptidy::flat_map<counted, counted, counted_hash, std::equal_to<counted>> map;
  for (int i = 0; i < 5000; ++i) map.try_emplace(counted("key " + std::to_string(i)), "value");
  EXPECT_EQ(counted::copies, 0);
  EXPECT_EQ(map.size(), 5000u);
  EXPECT_TRUE(map.contains(counted("key 4999")));
}

// ---- Exception guarantees.

template <class Map>
std::map<int, int> fragile_contents(const Map& map) {
  std::map<int, int> result;
  const int saved = fault::countdown;
  fault::countdown = -1;
  for (const auto& [key, value] : map) result.emplace(key.value, value.value);
  fault::countdown = saved;
  return result;
}

// Runs `operation` with a fault injected at its 1st, 2nd, ... fault point
// until it completes; after each failure the map must hold what it held.
template <class Map, class Operation>
void expect_strong(Map& map, Operation operation) {
  for (int fail_at = 0;; ++fail_at) {
    const std::map<int, int> before = fragile_contents(map);
    fault::countdown = fail_at;
    try {
      operation(map);
      fault::countdown = -1;
      return;
    } catch (const std::runtime_error&) {
      fault::countdown = -1;
      ASSERT_EQ(fragile_contents(map), before) << "after a fault at point " << fail_at;
    }
  }
}

using fragile_map = maptidy::flat_map<fragile, fragile, fragile_hash, std::equal_to<fragile>,
                                      failing_allocator<std::pair<const fragile, fragile>>>;

TEST(FlatMap, InsertionIsStrongUnderFaults) {
  fragile_map map;
  for (int i = 0; i < 300; ++i) {
    expect_strong(map, [i](fragile_map& m) { m.try_emplace(fragile(i), fragile(-i)); });
    expect_strong(map, [i](fragile_map& m) { m.insert({fragile(i / 2), fragile(i)}); });
    expect_strong(map, [i](fragile_map& m) { m.emplace(fragile(i + 1000), fragile(i)); });
  }
  fault::countdown = -1;
  EXPECT_EQ(map.size(), 600u);
}

TEST(FlatMap, RehashAndCopyAreStrongUnderFaults) {
  fragile_map map;
  for (int i = 0; i < 200; ++i) map.try_emplace(fragile(i), fragile(i));
  expect_strong(map, [](fragile_map& m) { m.rehash(4000); });
  expect_strong(map, [](fragile_map& m) { m.reserve(9000); });
  fragile_map target;
  target.try_emplace(fragile(-1), fragile(-1));
  expect_strong(target, [&map](fragile_map& m) { m = map; });
  EXPECT_EQ(fragile_contents(target), fragile_contents(map));
  expect_strong(map, [](fragile_map& m) { m.erase(fragile(5)); });
  EXPECT_FALSE(map.contains(fragile(5)));
}

TEST(FlatMap, EraseIfIsBasicUnderFaults) {
  maptidy::flat_map<int, int> map;
  for (int i = 0; i < 100; ++i) map[i] = i;
  int calls = 0;
  EXPECT_THROW(erase_if(map,
                        [&calls](const auto& element) {
                          if (++calls == 50) throw std::runtime_error("predicate");
                          return element.first % 2 == 0;
                        }),
               std::runtime_error);
  EXPECT_LT(map.size(), 100u);
  EXPECT_GT(map.size(), 50u);
  for (const auto& [key, value] : map) EXPECT_EQ(key, value);
}

// ---- Stateful allocators.

TEST(FlatMap, UnequalAllocatorsMoveElementWise) {
  using map_type = maptidy::flat_map<std::string, int, maptidy::hash<std::string>, maptidy::equal_to<>,
                                     tagged_allocator<std::pair<const std::string, int>>>;
  map_type a(0, tagged_allocator<std::pair<const std::string, int>>(1));
  for (int i = 0; i < 100; ++i) a["k" + std::to_string(i)] = i;
  map_type b(0, tagged_allocator<std::pair<const std::string, int>>(2));
  b = std::move(a);
  EXPECT_EQ(b.get_allocator().tag, 2);
  EXPECT_EQ(b.size(), 100u);
  EXPECT_EQ(b.at("k42"), 42);
  map_type c(std::move(b), tagged_allocator<std::pair<const std::string, int>>(3));
  EXPECT_EQ(c.at("k7"), 7);
  map_type d(c);
  EXPECT_EQ(d, c);
}

}  // namespace
