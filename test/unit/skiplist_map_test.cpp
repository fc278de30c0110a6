// Single-threaded behaviour of maptidy::skiplist_map: std::map equivalence, every member,
// allocator propagation and exception safety.
#include <maptidy/skiplist_map.hpp>

#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <iterator>
#include <map>
#include <new>
#include <random>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace {

using int_map = maptidy::skiplist_map<int, int>;

template <class Map, class Ref>
void expect_same(const Map& map, const Ref& ref) {
  ASSERT_EQ(map.size(), ref.size());
  ASSERT_EQ(map.empty(), ref.empty());
  auto expected = ref.begin();
  for (const auto& [key, value] : map) {
    ASSERT_NE(expected, ref.end());
    ASSERT_EQ(key, expected->first);
    ASSERT_EQ(value, expected->second);
    ++expected;
  }
  ASSERT_EQ(expected, ref.end());
}

// --- types and iterators -----------------------------------------------------------------------

static_assert(std::is_same_v<int_map::key_type, int>);
static_assert(std::is_same_v<int_map::mapped_type, int>);
static_assert(std::is_same_v<int_map::value_type, std::pair<const int, int>>);
static_assert(std::is_same_v<int_map::key_compare, std::less<>>);
static_assert(std::is_same_v<int_map::allocator_type, std::allocator<std::pair<const int, int>>>);
static_assert(std::is_same_v<int_map::size_type, std::size_t>);
static_assert(std::is_same_v<int_map::difference_type, std::ptrdiff_t>);
static_assert(std::is_same_v<int_map::reference, std::pair<const int, int>&>);
static_assert(std::is_same_v<int_map::const_reference, const std::pair<const int, int>&>);
static_assert(std::is_same_v<std::iterator_traits<int_map::iterator>::iterator_category,
                             std::forward_iterator_tag>);
static_assert(std::is_same_v<decltype(*std::declval<int_map::iterator>()), std::pair<const int, int>&>);
static_assert(std::is_same_v<decltype(*std::declval<int_map::const_iterator>()),
                             const std::pair<const int, int>&>);
static_assert(std::is_convertible_v<int_map::iterator, int_map::const_iterator>);
static_assert(!std::is_convertible_v<int_map::const_iterator, int_map::iterator>);
static_assert(std::is_nothrow_move_constructible_v<int_map>);

TEST(SkiplistMap, EmptyMap) {
  int_map map;
  EXPECT_TRUE(map.empty());
  EXPECT_EQ(map.size(), 0u);
  EXPECT_EQ(map.begin(), map.end());
  EXPECT_EQ(map.cbegin(), map.cend());
  EXPECT_EQ(map.find(1), map.end());
  EXPECT_FALSE(map.contains(1));
  EXPECT_EQ(map.count(1), 0u);
  EXPECT_EQ(map.erase(1), 0u);
  EXPECT_TRUE(map.snapshot().empty());
  EXPECT_GT(map.max_size(), 0u);
}

TEST(SkiplistMap, RangeForYieldsMutableReferencesInKeyOrder) {
  int_map map{{3, 30}, {1, 10}, {2, 20}};
  std::vector<int> keys;
  for (auto& element : map) {
    static_assert(std::is_same_v<decltype(element), std::pair<const int, int>&>);
    keys.push_back(element.first);
    element.second += 1;
  }
  EXPECT_EQ(keys, (std::vector<int>{1, 2, 3}));
  EXPECT_EQ(map.at(1), 11);
  EXPECT_EQ(map.at(3), 31);
}

TEST(SkiplistMap, IteratorOperations) {
  int_map map{{1, 10}, {2, 20}, {3, 30}};
  int_map::iterator it = map.begin();
  int_map::iterator copy = it;
  EXPECT_EQ(copy, it);
  EXPECT_EQ((it++)->first, 1);
  EXPECT_EQ(it->first, 2);
  EXPECT_NE(copy, it);
  int_map::const_iterator cit = it;  // conversion
  EXPECT_EQ(cit, it);
  EXPECT_EQ(it, cit);
  EXPECT_EQ(cit->second, 20);
  EXPECT_EQ(std::distance(map.begin(), map.end()), 3);
  EXPECT_EQ(std::next(map.begin(), 3), map.end());
  int_map::iterator assigned;
  assigned = copy;
  EXPECT_EQ(assigned->first, 1);
  assigned = std::move(it);
  EXPECT_EQ(assigned->first, 2);
  const int_map& const_map = map;
  EXPECT_EQ(const_map.begin()->first, 1);
  EXPECT_EQ(const_map.find(3)->second, 30);
  EXPECT_EQ(const_map.at(2), 20);
  EXPECT_THROW((void)const_map.at(4), std::out_of_range);
  int sum = 0;
  const_map.for_each([&](const std::pair<const int, int>& element) { sum += element.second; });
  EXPECT_EQ(sum, 60);
}

// --- std::map equivalence under random operation sequences ------------------------------------

TEST(SkiplistMap, RandomOperationsMatchStdMap) {
  for (unsigned seed = 1; seed <= 4; ++seed) {
    std::mt19937 rng(seed);
    const int key_range = seed % 2 == 0 ? 64 : 2000;
    std::uniform_int_distribution<int> key_of(0, key_range - 1);
    std::uniform_int_distribution<int> op_of(0, 15);
    int_map map;
    std::map<int, int> ref;
    for (int step = 0; step < 40000; ++step) {
      const int key = key_of(rng);
      const int value = step;
      switch (op_of(rng)) {
        case 0: {
          auto [it, inserted] = map.insert({key, value});
          auto [rit, rinserted] = ref.insert({key, value});
          ASSERT_EQ(inserted, rinserted);
          ASSERT_EQ(it->second, rit->second);
          break;
        }
        case 1: {
          auto [it, inserted] = map.emplace(key, value);
          auto [rit, rinserted] = ref.emplace(key, value);
          ASSERT_EQ(inserted, rinserted);
          ASSERT_EQ(it->second, rit->second);
          break;
        }
        case 2: {
          auto [it, inserted] = map.try_emplace(key, value);
          ASSERT_EQ(inserted, ref.try_emplace(key, value).second);
          ASSERT_EQ(it->first, key);
          break;
        }
        case 3: {
          auto [it, inserted] = map.insert_or_assign(key, value);
          ASSERT_EQ(inserted, ref.insert_or_assign(key, value).second);
          ASSERT_EQ(it->second, value);
          break;
        }
        case 4:
          map[key] += 1;
          ref[key] += 1;
          break;
        case 5:
        case 6:
          ASSERT_EQ(map.erase(key), ref.erase(key));
          break;
        case 7: {
          auto it = map.find(key);
          auto rit = ref.find(key);
          ASSERT_EQ(it == map.end(), rit == ref.end());
          if (rit != ref.end()) {
            auto next = map.erase(it);
            auto rnext = ref.erase(rit);
            ASSERT_EQ(next == map.end(), rnext == ref.end());
            if (rnext != ref.end()) {
              ASSERT_EQ(next->first, rnext->first);
            }
          }
          break;
        }
        case 8: {
          auto it = map.find(key);
          auto rit = ref.find(key);
          ASSERT_EQ(it == map.end(), rit == ref.end());
          if (rit != ref.end()) {
            ASSERT_EQ(it->second, rit->second);
          }
          ASSERT_EQ(map.count(key), ref.count(key));
          ASSERT_EQ(map.contains(key), ref.count(key) == 1);
          break;
        }
        case 9:
        case 10: {
          auto it = map.lower_bound(key);
          auto rit = ref.lower_bound(key);
          ASSERT_EQ(it == map.end(), rit == ref.end());
          if (rit != ref.end()) {
            ASSERT_EQ(it->first, rit->first);
          }
          auto ut = map.upper_bound(key);
          auto rut = ref.upper_bound(key);
          ASSERT_EQ(ut == map.end(), rut == ref.end());
          if (rut != ref.end()) {
            ASSERT_EQ(ut->first, rut->first);
          }
          break;
        }
        case 11: {
          auto [first, last] = map.equal_range(key);
          auto [rfirst, rlast] = ref.equal_range(key);
          ASSERT_EQ(std::distance(first, last), std::distance(rfirst, rlast));
          break;
        }
        case 12: {
          auto rit = ref.find(key);
          if (rit != ref.end()) {
            ASSERT_EQ(map.at(key), rit->second);
          } else {
            ASSERT_THROW(map.at(key), std::out_of_range);
          }
          break;
        }
        case 13: {  // erase a short range
          auto first = map.lower_bound(key);
          auto last = map.lower_bound(key + 5);
          auto next = map.erase(first, last);
          auto rnext = ref.erase(ref.lower_bound(key), ref.lower_bound(key + 5));
          ASSERT_EQ(next == map.end(), rnext == ref.end());
          if (rnext != ref.end()) {
            ASSERT_EQ(next->first, rnext->first);
          }
          break;
        }
        case 14: {
          auto hinted = map.insert(map.begin(), {key, value});
          ref.insert({key, value});
          ASSERT_EQ(hinted->first, key);
          break;
        }
        default:
          if (step % 97 == 0) {
            const auto copy = map.snapshot();
            ASSERT_TRUE(std::equal(copy.begin(), copy.end(), ref.begin(), ref.end(),
                                   [](const auto& a, const auto& b) {
                                     return a.first == b.first && a.second == b.second;
                                   }));
          }
          break;
      }
      if (step % 1000 == 0) expect_same(map, ref);
    }
    expect_same(map, ref);
  }
}

// --- construction, assignment, swap ------------------------------------------------------------

TEST(SkiplistMap, ConstructorsAndAssignment) {
  const std::vector<std::pair<const int, int>> values{{5, 50}, {1, 10}, {3, 30}, {1, 99}};
  int_map from_range(values.begin(), values.end());
  std::map<int, int> ref(values.begin(), values.end());
  expect_same(from_range, ref);

  int_map from_list{{5, 50}, {1, 10}, {3, 30}};
  expect_same(from_list, ref);

  int_map copy(from_list);
  expect_same(copy, ref);
  EXPECT_EQ(copy, from_list);

  int_map moved(std::move(copy));
  expect_same(moved, ref);
  EXPECT_TRUE(copy.empty());  // NOLINT(bugprone-use-after-move): moved-from is empty
  copy.insert({7, 70});       // and usable
  EXPECT_EQ(copy.size(), 1u);

  int_map assigned{{100, 1}};
  assigned = from_list;
  expect_same(assigned, ref);
  const int_map& same = assigned;
  assigned = same;  // self-assignment keeps the contents
  expect_same(assigned, ref);

  int_map move_assigned{{100, 1}};
  move_assigned = std::move(assigned);
  expect_same(move_assigned, ref);

  move_assigned = {{2, 20}};
  expect_same(move_assigned, std::map<int, int>{{2, 20}});
  EXPECT_NE(move_assigned, from_list);

  int_map a{{1, 1}};
  int_map b{{2, 2}, {3, 3}};
  a.swap(b);
  EXPECT_EQ(a.size(), 2u);
  EXPECT_EQ(b.begin()->first, 1);
  swap(a, b);
  EXPECT_EQ(a.begin()->first, 1);

  a.clear();
  EXPECT_TRUE(a.empty());
  a.insert({4, 4});
  EXPECT_EQ(a.begin()->first, 4);
}

TEST(SkiplistMap, InsertOverloads) {
  maptidy::skiplist_map<int, std::string> map;
  const std::pair<const int, std::string> lvalue{1, "one"};
  EXPECT_TRUE(map.insert(lvalue).second);
  EXPECT_TRUE(map.insert(std::pair<int, std::string>(2, "two")).second);  // template P&&
  EXPECT_FALSE(map.insert({2, "zwei"}).second);
  EXPECT_EQ(map.at(2), "two");
  map.insert({{3, "three"}, {4, "four"}});
  EXPECT_EQ(map.emplace_hint(map.end(), 5, "five")->second, "five");
  EXPECT_EQ(map.try_emplace(map.end(), 6, 3, 'x')->second, "xxx");
  std::string key_seven = "unused";
  EXPECT_EQ(map.insert_or_assign(map.end(), 7, key_seven)->second, "unused");
  EXPECT_EQ(map.insert_or_assign(7, std::string("seven")).first->second, "seven");
  EXPECT_EQ(map[8], "");
  map[8] = "eight";
  EXPECT_EQ(map.size(), 8u);

  // try_emplace leaves its arguments alone when the key exists.
  std::string payload = "payload";
  EXPECT_FALSE(map.try_emplace(1, std::move(payload)).second);
  EXPECT_EQ(payload, "payload");  // NOLINT(bugprone-use-after-move)
}

TEST(SkiplistMap, MoveOnlyAndStringKeys) {
  maptidy::skiplist_map<std::string, std::unique_ptr<int>> map;
  map.emplace("b", std::make_unique<int>(2));
  map.try_emplace("a", std::make_unique<int>(1));
  std::string key = "c";
  map.insert_or_assign(std::move(key), std::make_unique<int>(3));
  EXPECT_EQ(*map.at("a"), 1);
  EXPECT_EQ(*map.find("c")->second, 3);
  std::vector<std::string> keys;
  map.for_each([&](const auto& element) { keys.push_back(element.first); });
  EXPECT_EQ(keys, (std::vector<std::string>{"a", "b", "c"}));
  auto moved = std::move(map);
  EXPECT_EQ(moved.size(), 3u);
}

TEST(SkiplistMap, HeterogeneousLookup) {
  maptidy::skiplist_map<std::string, int> map{{"apple", 1}, {"banana", 2}, {"cherry", 3}};
  const std::string_view banana = "banana";
  EXPECT_EQ(map.find(banana)->second, 2);
  EXPECT_TRUE(map.contains("cherry"));
  EXPECT_EQ(map.count(std::string_view("apple")), 1u);
  EXPECT_EQ(map.lower_bound(std::string_view("b"))->first, "banana");
  EXPECT_EQ(map.upper_bound(std::string_view("banana"))->first, "cherry");
  const auto [first, last] = map.equal_range(std::string_view("banana"));
  EXPECT_EQ(std::distance(first, last), 1);
  EXPECT_EQ(map.erase(std::string_view("apple")), 1u);
  EXPECT_EQ(map.size(), 2u);
}

TEST(SkiplistMap, CustomComparatorAndObservers) {
  maptidy::skiplist_map<int, int, std::greater<int>> map{{1, 1}, {3, 3}, {2, 2}};
  std::vector<int> keys;
  for (const auto& element : map) keys.push_back(element.first);
  EXPECT_EQ(keys, (std::vector<int>{3, 2, 1}));
  EXPECT_TRUE(map.key_comp()(2, 1));
  EXPECT_TRUE(map.value_comp()({2, 0}, {1, 0}));
  EXPECT_EQ(map.lower_bound(2)->first, 2);
  EXPECT_EQ(map.upper_bound(2)->first, 1);
}

// Scalar keys under std::less or std::greater use key hints in the tower; other maps compare
// the nodes' keys. Both layouts must answer every lookup like std::map on large maps.
static_assert(maptidy::detail::skiplist::key_hint<std::uint64_t, std::less<>>::enabled);
static_assert(maptidy::detail::skiplist::key_hint<int, std::greater<int>>::enabled);
static_assert(maptidy::detail::skiplist::key_hint<std::string, std::less<>>::enabled);

struct mod_order {  // a custom order (no hints): by value modulo 1000, then by value
  bool operator()(long a, long b) const {
    return a % 1000 != b % 1000 ? a % 1000 < b % 1000 : a < b;
  }
};
static_assert(!maptidy::detail::skiplist::key_hint<long, mod_order>::enabled);

template <class Key, class Compare>
void check_lookups_against_std_map(unsigned seed) {
  std::mt19937 rng(seed);
  std::uniform_int_distribution<int> raw(0, 60000);
  maptidy::skiplist_map<Key, int, Compare> map;
  std::map<Key, int, Compare> ref;
  for (int step = 0; step < 60000; ++step) {
    const Key key = static_cast<Key>(raw(rng)) / 2;
    if (step % 3 == 2) {
      ASSERT_EQ(map.erase(key), ref.erase(key));
    } else {
      ASSERT_EQ(map.try_emplace(key, step).second, ref.try_emplace(key, step).second);
    }
  }
  expect_same(map, ref);
  for (int probe = 0; probe < 20000; ++probe) {
    const Key key = static_cast<Key>(raw(rng)) / 2;
    ASSERT_EQ(map.contains(key), ref.count(key) != 0);
    const auto found = map.find(key);
    ASSERT_EQ(found == map.end(), ref.find(key) == ref.end());
    if (found != map.end()) ASSERT_EQ(found->first, key);
    const auto lower = map.lower_bound(key);
    const auto ref_lower = ref.lower_bound(key);
    ASSERT_EQ(lower == map.end(), ref_lower == ref.end());
    if (lower != map.end()) ASSERT_EQ(lower->first, ref_lower->first);
    const auto upper = map.upper_bound(key);
    const auto ref_upper = ref.upper_bound(key);
    ASSERT_EQ(upper == map.end(), ref_upper == ref.end());
    if (upper != map.end()) ASSERT_EQ(upper->first, ref_upper->first);
  }
}

TEST(SkiplistMap, LookupsMatchStdMapWithAndWithoutKeyHints) {
  check_lookups_against_std_map<std::uint64_t, std::less<>>(1);
  check_lookups_against_std_map<double, std::less<>>(2);
  check_lookups_against_std_map<int, std::greater<int>>(3);
  check_lookups_against_std_map<long, mod_order>(4);
}

// --- search index ------------------------------------------------------------------------------

// Every lookup member for the keys make_key(first), make_key(first + step), ... up to
// make_key(last), against `ref`; string keys are also looked up as std::string_view.
template <class Map, class Ref, class MakeKey>
void expect_same_lookups(const Map& map, const Ref& ref, int first, int last, int step,
                         MakeKey make_key) {
  for (int number = first; number <= last; number += step) {
    const auto key = make_key(number);
    if constexpr (std::is_same_v<typename Map::key_type, std::string> &&
                  std::is_same_v<typename Map::key_compare, std::less<>>) {
      const std::string_view view(key);
      ASSERT_EQ(map.contains(view), ref.count(key) != 0) << key;
      const auto lower = map.lower_bound(view);
      const auto ref_lower = ref.lower_bound(key);
      ASSERT_EQ(lower == map.end(), ref_lower == ref.end()) << key;
      if (lower != map.end()) ASSERT_EQ(lower->first, ref_lower->first) << key;
    }
    ASSERT_EQ(map.contains(key), ref.count(key) != 0) << key;
    const auto found = map.find(key);
    ASSERT_EQ(found == map.end(), ref.find(key) == ref.end()) << key;
    if (found != map.end()) ASSERT_EQ(found->second, ref.at(key)) << key;
    const auto lower = map.lower_bound(key);
    const auto ref_lower = ref.lower_bound(key);
    ASSERT_EQ(lower == map.end(), ref_lower == ref.end()) << key;
    if (lower != map.end()) ASSERT_EQ(lower->first, ref_lower->first) << key;
    const auto upper = map.upper_bound(key);
    const auto ref_upper = ref.upper_bound(key);
    ASSERT_EQ(upper == map.end(), ref_upper == ref.end()) << key;
    if (upper != map.end()) ASSERT_EQ(upper->first, ref_upper->first) << key;
  }
}

template <class Map, class Ref>
void expect_same_lookups(const Map& map, const Ref& ref, int first, int last, int step) {
  expect_same_lookups(map, ref, first, last, step,
                      [](int number) { return static_cast<typename Map::key_type>(number); });
}

// Lookups start from the search index, rebuilt after a quarter of the size in writes. Between
// rebuilds the index names erased nodes (erased in bulk here, tall ones included), misses the
// nodes inserted since, and its erased entries' keys come back as new nodes. Key number n is
// make_key(n).
template <class Key, class Compare, class MakeKey>
void check_lookups_through_a_stale_index(unsigned seed, MakeKey make_key) {
  constexpr int count = 40000;
  std::mt19937 rng(seed);
  maptidy::skiplist_map<Key, int, Compare> map;
  std::map<Key, int, Compare> ref;
  for (int i = 0; i < count; ++i) {
    map.try_emplace(make_key(2 * i), i);
    ref.try_emplace(make_key(2 * i), i);
  }
  const int first = 0;
  const int last = 2 * count;
  expect_same_lookups(map, ref, first, last, 1, make_key);
  for (int round = 0; round < 6; ++round) {
    // Fewer writes per step than a rebuild needs, so each check runs on a stale index.
    std::vector<Key> erased;
    for (int i = 0; i < 2000; ++i) {
      const Key key = make_key(2 * static_cast<int>(rng() % count));
      const bool gone = map.erase(key) != 0;
      ASSERT_EQ(ref.erase(key), gone ? 1u : 0u);
      if (gone) erased.push_back(key);
    }
    expect_same_lookups(map, ref, first, last, 1, make_key);
    for (const Key& key : erased) {  // the same keys again, in new nodes
      ASSERT_TRUE(map.try_emplace(key, round).second);
      ref.try_emplace(key, round);
    }
    for (int i = 0; i < 1000; ++i) {  // keys between the indexed ones
      const Key key = make_key(2 * static_cast<int>(rng() % count) + 1);
      ASSERT_EQ(map.insert_or_assign(key, -round).second, ref.insert_or_assign(key, -round).second);
    }
    expect_same_lookups(map, ref, first, last, 1, make_key);
  }
  expect_same(map, ref);
  for (const auto& [key, value] : ref) ASSERT_EQ(map.erase(key), 1u);  // down to no index
  EXPECT_TRUE(map.empty());
  expect_same_lookups(map, std::map<Key, int, Compare>(), first, last, 1, make_key);
}

template <class Key>
Key numbered(int number) {
  return static_cast<Key>(number);
}

// Strings whose first eight bytes order them (a letter per six bits of the number, then a tail)
// and strings that all share their first eight bytes, so that every prefix hint ties.
std::string spread_name(int number) {
  std::string name;
  for (int shift = 18; shift >= 0; shift -= 6) {
    name += static_cast<char>('0' + ((number >> shift) & 63));
  }
  return name + "/tail";
}
std::string common_prefix_name(int number) {
  const std::string digits = std::to_string(number);
  return "user:000" + std::string(8 - digits.size(), '0') + digits;
}

TEST(SkiplistMapIndex, LookupsThroughAStaleIndexMatchStdMap) {
  check_lookups_through_a_stale_index<std::uint64_t, std::less<>>(11, numbered<std::uint64_t>);
  check_lookups_through_a_stale_index<int, std::greater<int>>(12, numbered<int>);
  check_lookups_through_a_stale_index<double, std::less<>>(13, numbered<double>);
}

TEST(SkiplistMapIndex, StringKeysUseThePrefixIndexAndMatchStdMap) {
  static_assert(maptidy::detail::skiplist::hint_kind_of<std::string, std::less<>> ==
                maptidy::detail::skiplist::hint_kind::prefix);
  check_lookups_through_a_stale_index<std::string, std::less<>>(14, spread_name);
  check_lookups_through_a_stale_index<std::string, std::less<std::string>>(15, common_prefix_name);
}

// A key type comparable with std::string but not convertible to std::string_view: lookups by it
// cannot cut a prefix and compare the nodes' keys.
struct name_ref {
  const std::string* name;
  friend bool operator<(const name_ref& a, const std::string& b) { return *a.name < b; }
  friend bool operator<(const std::string& a, const name_ref& b) { return a < *b.name; }
};

// Short keys over bytes that test the prefix order: NUL (a shorter key is a prefix of a longer
// one padded with NULs), bytes above 0x7f (ordered as unsigned char), and keys that tie on
// their first eight bytes.
TEST(SkiplistMapIndex, StringKeysOfEveryShapeMatchStdMap) {
  const char bytes[] = {'\0', '\x01', 'a', 'b', '\x7f', '\x80', '\xff'};
  std::mt19937 rng(16);
  std::vector<std::string> names(20000);
  for (std::string& name : names) {
    name.resize(rng() % 13);
    for (char& c : name) c = bytes[rng() % sizeof(bytes)];
  }
  maptidy::skiplist_map<std::string, int> map;
  std::map<std::string, int> ref;
  for (int step = 0; step < 60000; ++step) {
    const std::string& key = names[rng() % names.size()];
    if (step % 3 == 2) {
      ASSERT_EQ(map.erase(std::string_view(key)), ref.erase(key));
    } else {
      ASSERT_EQ(map.try_emplace(key, step).second, ref.try_emplace(key, step).second);
    }
  }
  expect_same(map, ref);
  expect_same_lookups(map, ref, 0, static_cast<int>(names.size()) - 1, 1,
                      [&](int number) { return names[static_cast<std::size_t>(number)]; });
  for (const std::string& name : names) {
    const name_ref probe{&name};
    ASSERT_EQ(map.contains(probe), ref.count(name) != 0);
    const auto lower = map.lower_bound(probe);
    const auto ref_lower = ref.lower_bound(name);
    ASSERT_EQ(lower == map.end(), ref_lower == ref.end());
    if (lower != map.end()) ASSERT_EQ(lower->first, ref_lower->first);
  }
  for (std::size_t i = 0; i < names.size(); i += 2) {
    const name_ref probe{&names[i]};
    ASSERT_EQ(map.erase(probe), ref.erase(names[i]));
  }
  expect_same(map, ref);
  // std::string_view keys get the same hints.
  maptidy::skiplist_map<std::string_view, int> views;
  std::map<std::string_view, int> view_ref;
  for (std::size_t i = 0; i < names.size(); i += 3) {
    ASSERT_EQ(views.try_emplace(names[i], 0).second, view_ref.try_emplace(names[i], 0).second);
  }
  expect_same_lookups(views, view_ref, 0, static_cast<int>(names.size()) - 1, 1, [&](int number) {
    return std::string_view(names[static_cast<std::size_t>(number)]);
  });
}

TEST(SkiplistMapIndex, CopiesAndSwapsKeepWorkingIndexes) {
  maptidy::skiplist_map<int, int> map;
  std::map<int, int> ref;
  for (int i = 0; i < 30000; i += 3) {
    map.try_emplace(i, i);
    ref.try_emplace(i, i);
  }
  maptidy::skiplist_map<int, int> copy(map);  // built without inserts: indexed at the end
  maptidy::skiplist_map<int, int> other;
  other.swap(copy);
  expect_same_lookups(other, ref, 0, 30000, 1);
  expect_same_lookups(copy, std::map<int, int>(), 0, 30, 1);
  map.clear();
  expect_same_lookups(map, std::map<int, int>(), 0, 30000, 7);
  for (int i = 0; i < 3000; ++i) map.try_emplace(i, i);  // a fresh index after clear()
  ref.clear();
  for (int i = 0; i < 3000; ++i) ref.try_emplace(i, i);
  expect_same_lookups(map, ref, 0, 3000, 1);
}

TEST(SkiplistMap, ValuesLargerThanAPoolChunk) {
  struct big {
    int payload[40000] = {};  // 160 KB: more than the largest chunk of the node pool
  };
  maptidy::skiplist_map<int, big> map;
  for (int i = 0; i < 8; ++i) map[i].payload[39999] = i;
  for (int i = 0; i < 8; i += 2) EXPECT_EQ(map.erase(i), 1u);
  for (int i = 0; i < 8; ++i) EXPECT_EQ(map.contains(i), i % 2 == 1);
  EXPECT_EQ(map.at(7).payload[39999], 7);
}

TEST(SkiplistMap, SnapshotAndForEachAreSorted) {
  int_map map;
  std::mt19937 rng(7);
  std::map<int, int> ref;
  for (int i = 0; i < 5000; ++i) {
    const int key = static_cast<int>(rng() % 100000);
    map.try_emplace(key, i);
    ref.try_emplace(key, i);
  }
  const std::vector<std::pair<int, int>> snapshot = map.snapshot();
  ASSERT_EQ(snapshot.size(), ref.size());
  EXPECT_TRUE(std::equal(snapshot.begin(), snapshot.end(), ref.begin(),
                         [](const auto& a, const auto& b) { return a.first == b.first && a.second == b.second; }));
  int previous = -1;
  std::size_t visited = 0;
  map.for_each([&](auto& element) {
    EXPECT_LT(previous, element.first);
    previous = element.first;
    element.second = 0;
    ++visited;
  });
  EXPECT_EQ(visited, ref.size());
  EXPECT_EQ(map.begin()->second, 0);
}

TEST(SkiplistMap, IteratorOutlivesEraseOfItsElement) {
  maptidy::skiplist_map<int, std::string> map;
  for (int i = 0; i < 1000; ++i) map.try_emplace(i, std::string(40, static_cast<char>('a' + i % 26)));
  auto held = map.find(500);
  for (int i = 0; i < 1000; ++i) map.erase(i);  // enough erases to trigger reclamation
  EXPECT_TRUE(map.empty());
  EXPECT_EQ(held->first, 500);
  EXPECT_EQ(held->second, std::string(40, static_cast<char>('a' + 500 % 26)));
  ++held;  // the frozen links of erased nodes still lead to end()
  while (held != map.end()) ++held;
}

// --- allocators ----------------------------------------------------------------------------------

struct allocation_stats {
  long live_blocks = 0;
  long live_bytes = 0;
};

// Stateful allocator: allocators compare equal when their ids match.
template <class T, bool Propagate>
struct tracking_allocator {
  using value_type = T;
  using propagate_on_container_copy_assignment = std::bool_constant<Propagate>;
  using propagate_on_container_move_assignment = std::bool_constant<Propagate>;
  using propagate_on_container_swap = std::bool_constant<Propagate>;
  using is_always_equal = std::false_type;

  tracking_allocator(int allocator_id, allocation_stats* allocation_stats)
      : id(allocator_id), stats(allocation_stats) {}
  template <class U>
  tracking_allocator(const tracking_allocator<U, Propagate>& other)  // NOLINT: rebinding
      : id(other.id), stats(other.stats) {}

  T* allocate(std::size_t n) {
    ++stats->live_blocks;
    stats->live_bytes += static_cast<long>(n * sizeof(T));
    return std::allocator<T>().allocate(n);
  }
  void deallocate(T* p, std::size_t n) {
    --stats->live_blocks;
    stats->live_bytes -= static_cast<long>(n * sizeof(T));
    std::allocator<T>().deallocate(p, n);
  }
  tracking_allocator select_on_container_copy_construction() const {
    return tracking_allocator(id + 1000, stats);
  }

  template <class U>
  struct rebind {
    using other = tracking_allocator<U, Propagate>;
  };

  friend bool operator==(const tracking_allocator& a, const tracking_allocator& b) { return a.id == b.id; }
  friend bool operator!=(const tracking_allocator& a, const tracking_allocator& b) { return a.id != b.id; }

  int id;
  allocation_stats* stats;
};

template <bool Propagate>
using tracked_map = maptidy::skiplist_map<int, std::string, std::less<>,
                                          tracking_allocator<std::pair<const int, std::string>, Propagate>>;

template <bool Propagate>
tracked_map<Propagate> make_tracked(int id, allocation_stats* stats, int first_key, int count) {
  tracked_map<Propagate> map(typename tracked_map<Propagate>::allocator_type(id, stats));
  for (int i = 0; i < count; ++i) map.try_emplace(first_key + i, std::to_string(first_key + i));
  return map;
}

TEST(SkiplistMapAllocator, EveryNodeComesFromTheAllocatorAndGoesBack) {
  allocation_stats stats;
  {
    auto map = make_tracked<true>(1, &stats, 0, 100);
    // Nodes are carved out of a few chunks: fewer blocks than nodes, at least a value per node.
    EXPECT_GE(stats.live_blocks, 1);
    EXPECT_LT(stats.live_blocks, 20);
    EXPECT_GE(stats.live_bytes, 100 * static_cast<long>(sizeof(std::pair<const int, std::string>)));
    for (int i = 0; i < 100; i += 2) map.erase(i);
    map.clear();
    EXPECT_LE(stats.live_blocks, 1);  // at most the retired list's buffer
  }
  EXPECT_EQ(stats.live_blocks, 0);
  EXPECT_EQ(stats.live_bytes, 0);
}

// Bytes per entry a map of `count` random keys requests from its allocator after a fill (not
// counting what the keys and values allocate themselves).
template <class Key>
double bytes_per_entry_after_fill(std::size_t count, Key (*make_key)(std::uint64_t)) {
  allocation_stats stats;
  using value = std::pair<const Key, std::uint64_t>;
  maptidy::skiplist_map<Key, std::uint64_t, std::less<>, tracking_allocator<value, false>> map(
      tracking_allocator<value, false>(1, &stats));
  std::mt19937_64 rng(21);
  while (map.size() < count) map.try_emplace(make_key(rng() % (4 * count)), 0);
  return static_cast<double>(stats.live_bytes) / static_cast<double>(count);
}

std::uint64_t u64_key(std::uint64_t number) { return number; }
std::string string_key(std::uint64_t number) { return "key:" + std::to_string(number) + "/tail"; }

// After a fill, a map holds its nodes and one search index: the index each rebuild replaced is
// freed once the epoch has moved past it, without waiting for erases or the next rebuild. Nodes
// of std::uint64_t -> std::uint64_t take 44 bytes on average plus cache-line padding (5), the
// index 4.3 (a quarter of the keys, with a pointer each); the index before it would add 2.5 to
// 3.5, hints on every level 4.
TEST(SkiplistMapAllocator, FillKeepsNoReplacedIndexAndNoHintsAboveLevelOne) {
  EXPECT_LT(bytes_per_entry_after_fill<std::uint64_t>(300000, u64_key), 54.5);
  // 32 bytes more per node for the std::string key (its characters are the string's own).
  EXPECT_LT(bytes_per_entry_after_fill<std::string>(300000, string_key), 77.5);
}

TEST(SkiplistMapAllocator, ErasedNodesAreReclaimedAndReused) {
  allocation_stats stats;
  auto map = make_tracked<true>(1, &stats, 0, 0);
  auto churn = [&](int rounds) {
    for (int round = 0; round < rounds; ++round) {
      for (int i = 0; i < 100; ++i) map.try_emplace(i, "value");
      for (int i = 0; i < 100; ++i) map.erase(i);
    }
  };
  churn(5);
  const long settled = stats.live_bytes;
  churn(45);
  // 4500 more erases: without reclamation their nodes would add more than 200 KB; reclaimed
  // nodes serve later inserts instead (allow one more chunk).
  EXPECT_LT(stats.live_bytes, settled + 70 * 1024);
}

TEST(SkiplistMapAllocator, CopyUsesSelectOnContainerCopyConstruction) {
  allocation_stats stats;
  const auto source = make_tracked<false>(1, &stats, 0, 10);
  const tracked_map<false> copy(source);
  EXPECT_EQ(copy.get_allocator().id, 1001);
  EXPECT_EQ(copy, source);
}

TEST(SkiplistMapAllocator, PropagatingAllocatorFollowsAssignmentAndSwap) {
  allocation_stats stats;
  auto a = make_tracked<true>(1, &stats, 0, 10);
  auto b = make_tracked<true>(2, &stats, 100, 5);
  b = a;
  EXPECT_EQ(b.get_allocator().id, 1);
  EXPECT_EQ(b, a);

  auto c = make_tracked<true>(3, &stats, 200, 5);
  c = std::move(b);
  EXPECT_EQ(c.get_allocator().id, 1);
  EXPECT_EQ(c, a);

  auto d = make_tracked<true>(4, &stats, 300, 5);
  c.swap(d);
  EXPECT_EQ(c.get_allocator().id, 4);
  EXPECT_EQ(d.get_allocator().id, 1);
  EXPECT_EQ(d, a);
}

TEST(SkiplistMapAllocator, NonPropagatingAllocatorStaysAndMovesElementWise) {
  allocation_stats stats;
  auto a = make_tracked<false>(1, &stats, 0, 10);
  auto b = make_tracked<false>(2, &stats, 100, 5);
  b = a;
  EXPECT_EQ(b.get_allocator().id, 2);
  EXPECT_EQ(b, a);

  auto c = make_tracked<false>(3, &stats, 200, 5);
  c = std::move(b);  // unequal allocators: elements move one by one
  EXPECT_EQ(c.get_allocator().id, 3);
  EXPECT_EQ(c, a);
  EXPECT_TRUE(b.empty());  // NOLINT(bugprone-use-after-move)

  tracked_map<false> e(std::move(c), typename tracked_map<false>::allocator_type(5, &stats));
  EXPECT_EQ(e.get_allocator().id, 5);
  EXPECT_EQ(e, a);

  auto f = make_tracked<false>(1, &stats, 0, 3);
  auto g = make_tracked<false>(1, &stats, 50, 4);
  f.swap(g);  // equal allocators: contents swap
  EXPECT_EQ(f.size(), 4u);
  EXPECT_EQ(g.size(), 3u);
}

// --- exception safety ----------------------------------------------------------------------------

// Counts down to a throw; -1 disables throwing.
int throw_countdown = -1;

void maybe_throw() {
  if (throw_countdown > 0 && --throw_countdown == 0) throw std::runtime_error("injected");
}

struct throwing_value {
  explicit throwing_value(int v) : value(v) {}
  throwing_value(const throwing_value& other) : value(other.value) { maybe_throw(); }
  throwing_value& operator=(const throwing_value& other) {
    maybe_throw();
    value = other.value;
    return *this;
  }
  bool operator==(const throwing_value& other) const { return value == other.value; }
  int value;
};

struct throwing_less {
  bool operator()(int a, int b) const {
    maybe_throw();
    return a < b;
  }
};

TEST(SkiplistMapExceptions, ThrowingCopyLeavesMapUnchangedAndLeaksNothing) {
  allocation_stats stats;
  using map_type =
      maptidy::skiplist_map<int, throwing_value, std::less<>,
                            tracking_allocator<std::pair<const int, throwing_value>, true>>;
  {
    map_type map(map_type::allocator_type(1, &stats));
    std::map<int, throwing_value> ref;
    std::mt19937 rng(3);
    int failures = 0;
    for (int step = 0; step < 5000; ++step) {
      const int key = static_cast<int>(rng() % 200);
      const throwing_value value(step);
      throw_countdown = static_cast<int>(rng() % 3) + 1;
      try {
        switch (rng() % 3) {
          case 0:
            map.insert({key, value});
            throw_countdown = -1;
            ref.insert({key, value});
            break;
          case 1:
            map.insert_or_assign(key, value);
            throw_countdown = -1;
            ref.insert_or_assign(key, value);
            break;
          default:
            map.erase(key);
            throw_countdown = -1;
            ref.erase(key);
            break;
        }
      } catch (const std::runtime_error&) {
        ++failures;
      }
      throw_countdown = -1;
      if (step % 250 == 0) expect_same(map, ref);
    }
    expect_same(map, ref);
    EXPECT_GT(failures, 100);

    throw_countdown = 50;  // the copy fails part-way through
    EXPECT_THROW({ map_type copy(map); }, std::runtime_error);
    throw_countdown = -1;
  }
  EXPECT_EQ(stats.live_blocks, 0);
  EXPECT_EQ(stats.live_bytes, 0);
}

TEST(SkiplistMapExceptions, ThrowingCompareLeavesMapUnchangedAndLeaksNothing) {
  allocation_stats stats;
  using map_type = maptidy::skiplist_map<int, int, throwing_less,
                                         tracking_allocator<std::pair<const int, int>, true>>;
  {
    map_type map(throwing_less(), map_type::allocator_type(1, &stats));
    std::map<int, int> ref;
    std::mt19937 rng(4);
    int failures = 0;
    for (int step = 0; step < 5000; ++step) {
      const int key = static_cast<int>(rng() % 300);
      throw_countdown = static_cast<int>(rng() % 40) + 1;
      try {
        switch (rng() % 5) {
          case 0:
            map.try_emplace(key, step);
            throw_countdown = -1;
            ref.try_emplace(key, step);
            break;
          case 1:
            map.insert_or_assign(key, step);
            throw_countdown = -1;
            ref.insert_or_assign(key, step);
            break;
          case 2:
            map.emplace(key, step);
            throw_countdown = -1;
            ref.emplace(key, step);
            break;
          case 3:
            map.erase(key);
            throw_countdown = -1;
            ref.erase(key);
            break;
          default:
            (void)map.lower_bound(key);
            break;
        }
      } catch (const std::runtime_error&) {
        ++failures;
      }
      throw_countdown = -1;
      if (step % 250 == 0) expect_same(map, ref);
    }
    expect_same(map, ref);
    EXPECT_GT(failures, 100);
  }
  EXPECT_EQ(stats.live_blocks, 0);
}

// Allocator whose allocations of more than 64 KiB (more than a chunk of the node pool: the search
// index at this test's size) fail while `failing_allocations` is set.
bool failing_allocations = false;
int failed_allocations = 0;

template <class T>
struct failing_allocator {
  using value_type = T;
  failing_allocator() = default;
  template <class U>
  failing_allocator(const failing_allocator<U>&) noexcept {}  // NOLINT: rebinding
  T* allocate(std::size_t n) {
    if (failing_allocations && n * sizeof(T) > 65536) {
      ++failed_allocations;
      throw std::bad_alloc();
    }
    return std::allocator<T>().allocate(n);
  }
  void deallocate(T* p, std::size_t n) noexcept { std::allocator<T>().deallocate(p, n); }
  friend bool operator==(const failing_allocator&, const failing_allocator&) { return true; }
  friend bool operator!=(const failing_allocator&, const failing_allocator&) { return false; }
};

// An index build that cannot allocate must not fail the write that triggered it: the write has
// taken effect, and lookups go on with the previous index.
TEST(SkiplistMapExceptions, FailedIndexBuildsKeepTheMapCorrect) {
  using map_type = maptidy::skiplist_map<std::uint64_t, int, std::less<>,
                                         failing_allocator<std::pair<const std::uint64_t, int>>>;
  map_type map;
  std::map<std::uint64_t, int> ref;
  for (int i = 0; i < 20000; ++i) {
    map.try_emplace(2 * i, i);
    ref.try_emplace(2 * i, i);
  }
  std::mt19937 rng(5);
  int writes_despite_failures = 0;
  failing_allocations = true;
  for (int step = 0; step < 40000; ++step) {
    const std::uint64_t key = 2 * (rng() % 20000) + rng() % 2;
    const int failed_before = failed_allocations;
    try {
      if (step % 2 == 0) {
        const std::size_t erased = map.erase(key);
        ASSERT_EQ(erased, ref.erase(key));
      } else {
        const bool inserted = map.try_emplace(key, step).second;
        ASSERT_EQ(inserted, ref.try_emplace(key, step).second);
      }
      if (failed_allocations != failed_before) ++writes_despite_failures;
    } catch (const std::bad_alloc&) {
      ADD_FAILURE() << "a write failed";
    }
  }
  failing_allocations = false;
  EXPECT_GT(writes_despite_failures, 0);  // index builds failed inside successful writes
  expect_same(map, ref);
  expect_same_lookups(map, ref, 1, 40000, 1);
  for (int i = 0; i < 20000; ++i) {  // enough writes for a build that succeeds
    const std::uint64_t key = 2 * (rng() % 20000) + 1;
    ASSERT_EQ(map.insert_or_assign(key, i).second, ref.insert_or_assign(key, i).second);
  }
  expect_same_lookups(map, ref, 1, 40000, 1);
}

}  // namespace
