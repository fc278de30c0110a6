#include "maptidy/flat_set.hpp"
#include "flat_test_support.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <random>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_set>
#include <utility>
#include <vector>

namespace {

using namespace flat_test;
using namespace std::string_literals;
using namespace std::string_view_literals;

template <class Set>
std::set<typename Set::key_type> sorted(const Set& set) {
  std::set<typename Set::key_type> result;
  for (const auto& key : set) EXPECT_TRUE(result.insert(key).second) << "duplicate key";
  EXPECT_EQ(result.size(), set.size());
  return result;
}

// Applies the same random operations to a flat_set and a std::unordered_set
// and compares every result, and the contents at intervals.
template <class Set>
void run_against_oracle(Set& set, int operations, int key_range, std::uint64_t seed) {
  std::unordered_set<int> oracle;
  std::mt19937_64 random(seed);
  std::uniform_int_distribution<int> key_of(0, key_range - 1), op_of(0, 15), value_of(-1000, 1000);
  for (int step = 0; step < operations; ++step) {
    const int key = key_of(random), value = value_of(random);
    switch (op_of(random)) {
      case 0: {
        const auto [it, inserted] = set.insert(key);
        const auto expected = oracle.insert(key);
        ASSERT_EQ(inserted, expected.second);
        ASSERT_EQ(*it, *expected.first);
        break;
      }
      case 1:
        ASSERT_EQ(set.emplace(key).second, oracle.emplace(key).second);
        break;
      case 2:
        ASSERT_EQ(*set.emplace_hint(set.cbegin(), key), *oracle.emplace_hint(oracle.cbegin(), key));
        break;
      case 3: {
        const int range[] = {key, key + 1, key + 2};
        set.insert(std::begin(range), std::end(range));
        oracle.insert(std::begin(range), std::end(range));
        break;
      }
      case 4:
        ASSERT_EQ(set.erase(key), oracle.erase(key));
        break;
      case 5: {
        const auto it = set.find(key);
        const auto expected = oracle.find(key);
        ASSERT_EQ(it == set.end(), expected == oracle.end());
        if (it != set.end()) {
          ASSERT_EQ(*it, *expected);
          set.erase(it);
          oracle.erase(expected);
        }
        break;
      }
      case 6:
        ASSERT_EQ(set.contains(key), oracle.count(key) == 1);
        ASSERT_EQ(set.count(key), oracle.count(key));
        ASSERT_EQ(std::distance(set.equal_range(key).first, set.equal_range(key).second),
                  std::distance(oracle.equal_range(key).first, oracle.equal_range(key).second));
        break;
      case 7: {
        const auto predicate = [value](int element) { return (element ^ value) % 5 == 0; };
        ASSERT_EQ(erase_if(set, predicate), erase_matching(oracle, predicate));
        break;
      }
      case 8:
        if (step % 97 == 0) {
          set.clear();
          oracle.clear();
        }
        break;
      case 9:
        set.reserve(static_cast<std::size_t>(value < 0 ? 0 : value));
        ASSERT_GE(set.max_load(), static_cast<std::size_t>(value < 0 ? 0 : value));
        break;
      case 10:
        if (step % 13 == 0) set.rehash(0);  // shrink to fit
        break;
      case 11: {
        Set copy = set;
        ASSERT_TRUE(copy == set);
        Set moved = std::move(copy);
        set = std::move(moved);
        break;
      }
      case 12: {
        // Erase while iterating, as std::unordered_set allows.
        for (auto it = set.begin(); it != set.end();) {
          if (*it % 11 == key % 11) {
            oracle.erase(*it);
            it = set.erase(it);
          } else {
            ++it;
          }
        }
        break;
      }
      case 13: {
        // Erase a range that starts at the element with the key.
        const auto first = set.find(key);
        if (first != set.end()) {
          auto last = first;
          for (int i = 0; i < 3 && last != set.end(); ++i) oracle.erase(*last++);
          set.erase(first, last);
        }
        break;
      }
      default: {
        const auto it = std::as_const(set).find(key);
        ASSERT_EQ(it != set.cend(), oracle.count(key) == 1);
        break;
      }
    }
    ASSERT_EQ(set.size(), oracle.size());
    if (step % 499 == 0) {
      ASSERT_EQ(sorted(set), (std::set<int>(oracle.begin(), oracle.end())));
    }
  }
  ASSERT_EQ(sorted(set), (std::set<int>(oracle.begin(), oracle.end())));
  ASSERT_EQ(static_cast<std::size_t>(std::distance(set.begin(), set.end())), oracle.size());
}

TEST(FlatSet, RandomOperationsMatchUnorderedSet) {
  for (std::uint64_t seed = 1; seed <= 4; ++seed) {
    maptidy::flat_set<int> set;
    run_against_oracle(set, 20000, seed % 2 == 0 ? 64 : 4000, seed);
  }
}

TEST(FlatSet, RandomOperationsWithCollidingHash) {
  maptidy::flat_set<int, colliding_hash, std::equal_to<int>> set;
  run_against_oracle(set, 6000, 600, 7);
}

TEST(FlatSet, StringKeysMatchUnorderedSet) {
  maptidy::flat_set<std::string> set;
  std::unordered_set<std::string> oracle;
  std::mt19937_64 random(3);
  for (int step = 0; step < 30000; ++step) {
    const std::string key = "key-" + std::to_string(random() % 3000) + std::string(random() % 20, 'x');
    switch (random() % 3) {
      case 0:
        ASSERT_EQ(set.insert(key).second, oracle.insert(key).second);
        break;
      case 1:
        ASSERT_EQ(set.erase(std::string_view(key)), oracle.erase(key));
        break;
      default:
        ASSERT_EQ(set.count(key), oracle.count(key));
    }
  }
  EXPECT_EQ(sorted(set), (std::set<std::string>(oracle.begin(), oracle.end())));
}

TEST(FlatSet, StandardInterface) {
  using set_type = maptidy::flat_set<std::string>;
  static_assert(std::is_same_v<std::iterator_traits<set_type::iterator>::iterator_category,
                               std::forward_iterator_tag>);
  static_assert(std::is_convertible_v<set_type::iterator, set_type::const_iterator>);
  // Elements are keys: no iterator lets them change in place.
  static_assert(std::is_same_v<decltype(*std::declval<set_type::iterator>()), const std::string&>);
  static_assert(std::is_same_v<set_type::reference, std::string&>);  // as std::unordered_set's
  static_assert(std::is_same_v<set_type::value_type, set_type::key_type>);

  set_type set{"one", "two"};
  EXPECT_EQ(set.size(), 2u);
  EXPECT_FALSE(set.empty());
  EXPECT_GT(set.max_size(), 1000u);
  EXPECT_EQ(*set.emplace(3, 'x').first, "xxx");
  EXPECT_FALSE(set.emplace("one").second);
  EXPECT_EQ(*set.emplace_hint(set.cbegin(), "five"), "five");
  EXPECT_EQ(*set.insert(set.cend(), "six"s), "six");
  const std::string seven = "seven";
  EXPECT_TRUE(set.insert(seven).second);
  EXPECT_FALSE(set.insert(set.cbegin(), seven) == set.end());
  set.insert({"eight", "nine"});
  const std::vector<std::string> more{"ten", "one"};
  set.insert(more.begin(), more.end());
  EXPECT_EQ(set.size(), 9u);
  const auto [first, last] = set.equal_range("nine"s);
  EXPECT_EQ(std::distance(first, last), 1);
  EXPECT_EQ(set.equal_range("eleven"s).first, set.end());
  std::size_t letters = 0;
  for (const std::string& word : std::as_const(set)) letters += word.size();
  EXPECT_EQ(letters, 3u + 3 + 3 + 4 + 3 + 5 + 5 + 4 + 3);
  set.erase(set.find("one"s));
  EXPECT_FALSE(set.contains("one"));
  EXPECT_EQ(set.size(), 8u);
  EXPECT_EQ(set.erase(set.begin(), set.end()), set.end());
  EXPECT_TRUE(set.empty());
  EXPECT_EQ(set.begin(), set.end());

  set = {"a", "b", "c"};
  EXPECT_EQ(set.size(), 3u);
  EXPECT_GE(set.bucket_count(), 3u);
  EXPECT_FLOAT_EQ(set.load_factor(), 3.0f / static_cast<float>(set.bucket_count()));
  EXPECT_FLOAT_EQ(set.max_load_factor(), 0.875f);
  set.max_load_factor(0.5f);  // no effect
  EXPECT_FLOAT_EQ(set.max_load_factor(), 0.875f);
  set.rehash(1000);
  EXPECT_GE(set.max_load(), 1000u);
  EXPECT_TRUE(set.contains("b"));
  set.clear();
  EXPECT_TRUE(set.empty());

  set_type a{"a"}, b{"b", "c"};
  swap(a, b);
  EXPECT_EQ(a.size(), 2u);
  EXPECT_TRUE(b.contains("a"));
  a.swap(b);
  EXPECT_EQ(a.size(), 1u);
  EXPECT_NE(a, b);
  b = a;
  EXPECT_EQ(a, b);
  b.insert("d");
  EXPECT_NE(a, b);

  const std::vector<int> numbers{1, 2, 3, 2, 1};
  const maptidy::flat_set<int> from_range(numbers.begin(), numbers.end(), 16);
  EXPECT_EQ(from_range.size(), 3u);
  EXPECT_GE(from_range.max_load(), 16u);
  const maptidy::flat_set<int> with_hash(8, maptidy::hash<int>());
  EXPECT_TRUE(with_hash.empty());
  EXPECT_EQ(from_range, (maptidy::flat_set<int>{3, 2, 1}));
}

// Erasing an element returns the iterator to the next one.
// The guides deduce what std::unordered_set's deduce, with maptidy's hash and equality.
TEST(FlatSet, DeductionGuidesFollowUnorderedSet) {
  using alloc = flat_test::tagged_allocator<int>;
  struct int_hash {
    std::size_t operator()(int key) const noexcept { return static_cast<std::size_t>(key); }
  };
  const std::vector<int> keys{1, 2, 2};

  maptidy::flat_set from_range(keys.begin(), keys.end());
  static_assert(std::is_same_v<decltype(from_range), maptidy::flat_set<int>>);
  EXPECT_EQ(from_range.size(), 2u);
  maptidy::flat_set from_list{std::string("a"), std::string("b")};
  static_assert(std::is_same_v<decltype(from_list), maptidy::flat_set<std::string>>);
  EXPECT_TRUE(from_list.contains("b"));

  maptidy::flat_set with_hash(keys.begin(), keys.end(), 4, int_hash());
  static_assert(std::is_same_v<decltype(with_hash), maptidy::flat_set<int, int_hash>>);
  maptidy::flat_set range_allocator(keys.begin(), keys.end(), 4, alloc(7));
  static_assert(std::is_same_v<decltype(range_allocator),
                               maptidy::flat_set<int, maptidy::hash<int>, maptidy::equal_to<int>, alloc>>);
  EXPECT_EQ(range_allocator.get_allocator().tag, 7);
  maptidy::flat_set range_hash_allocator(keys.begin(), keys.end(), 4, int_hash(), alloc(8));
  static_assert(
      std::is_same_v<decltype(range_hash_allocator), maptidy::flat_set<int, int_hash, maptidy::equal_to<int>, alloc>>);
  EXPECT_TRUE(range_hash_allocator.contains(2));
  maptidy::flat_set list_allocator({3, 4}, 4, alloc(9));
  static_assert(std::is_same_v<decltype(list_allocator), decltype(range_allocator)>);
  EXPECT_EQ(list_allocator.get_allocator().tag, 9);
  maptidy::flat_set list_hash_allocator({3, 4}, 4, int_hash(), alloc(9));
  static_assert(std::is_same_v<decltype(list_hash_allocator), decltype(range_hash_allocator)>);
  EXPECT_TRUE(list_hash_allocator.contains(4));
}

TEST(FlatSet, EraseReturnsTheNextIterator) {
  maptidy::flat_set<int> set;
  for (int i = 0; i < 100; ++i) set.insert(i);
  std::vector<int> order(set.begin(), set.end());
  auto it = set.find(order[10]);
  it = set.erase(it);
  EXPECT_EQ(*it, order[11]);
}

TEST(FlatSet, EmptySetAllocatesNothing) {
  maptidy::flat_set<int> set;
  EXPECT_EQ(set.allocated_bytes(), 0u);
  EXPECT_EQ(set.bucket_count(), 0u);
  EXPECT_FLOAT_EQ(set.load_factor(), 0.0f);
  EXPECT_EQ(set.find(1), set.end());
  EXPECT_EQ(set.erase(1), 0u);
  EXPECT_EQ(set.begin(), set.end());
  set.rehash(0);
  EXPECT_EQ(set.allocated_bytes(), 0u);
  maptidy::flat_set<int> moved_from{1, 2};
  maptidy::flat_set<int> target(std::move(moved_from));
  EXPECT_EQ(moved_from.allocated_bytes(), 0u);
  EXPECT_FALSE(moved_from.contains(1));
  moved_from.insert(3);
  EXPECT_TRUE(moved_from.contains(3));
  for (const unsigned char byte : maptidy::detail::no_groups.bytes) EXPECT_EQ(byte, 0);
}

TEST(FlatSet, HeterogeneousLookup) {
  maptidy::flat_set<std::string> words{"alpha", "beta"};
  EXPECT_TRUE(words.contains("alpha"sv));
  EXPECT_TRUE(words.contains("beta"));
  EXPECT_EQ(*words.find("beta"sv), "beta");
  EXPECT_EQ(words.count("gamma"sv), 0u);
  EXPECT_EQ(std::distance(words.equal_range("alpha"sv).first, words.equal_range("alpha"sv).second), 1);
  EXPECT_EQ(words.erase("alpha"sv), 1u);
  EXPECT_EQ(words.size(), 1u);

  // The set the composite-key fixes produce, probed without building strings.
  using key = std::pair<std::string, std::string>;
  maptidy::flat_set<key> files;
  for (int i = 0; i < 500; ++i) files.emplace("dir" + std::to_string(i), "file" + std::to_string(i));
  const std::string dir = "dir42", file = "file42";
  const std::pair<std::string_view, std::string_view> probe{dir, file};
  EXPECT_TRUE(files.contains(probe));
  EXPECT_EQ(files.find(probe)->second, "file42");
  EXPECT_FALSE(files.contains(std::pair("dir42"sv, "file43"sv)));
  EXPECT_EQ(files.count(std::pair("dir7"sv, "file7"sv)), 1u);
  EXPECT_EQ(files.erase(probe), 1u);
  EXPECT_FALSE(files.contains(key{dir, file}));
  EXPECT_EQ(files.size(), 499u);
}

// A set of pairs compares whole pairs: it is not a map keyed by `first`.
TEST(FlatSet, PairElementsAreWholeKeys) {
  maptidy::flat_set<std::pair<int, int>> edges;
  for (int from = 0; from < 30; ++from)
    for (int to = 0; to < 30; ++to) EXPECT_TRUE(edges.insert({from, to}).second);
  EXPECT_EQ(edges.size(), 900u);
  EXPECT_TRUE(edges.contains({3, 4}));
  EXPECT_FALSE(edges.insert({3, 4}).second);
  EXPECT_FALSE(edges.emplace(3, 4).second);
  EXPECT_EQ(edges.erase({3, 4}), 1u);
  EXPECT_TRUE(edges.contains({3, 5}));
  EXPECT_FALSE(edges.contains({30, 0}));
}

// ---- Validity of iterators and references, as the header promises.

TEST(FlatSet, InsertionWithoutRehashKeepsReferences) {
  maptidy::flat_set<int> set;
  set.reserve(1000);
  const std::size_t room = set.max_load();
  ASSERT_GE(room, 1000u);
  const int* first = &*set.insert(0).first;
  const auto it = set.find(0);
  const std::size_t capacity = set.bucket_count();
  for (int i = 1; i < static_cast<int>(room); ++i) set.insert(i);
  EXPECT_EQ(set.bucket_count(), capacity);
  EXPECT_EQ(first, &*set.find(0));
  EXPECT_EQ(it, set.find(0));
  set.insert(static_cast<int>(room));  // size() == max_load(): this one rehashes
  EXPECT_GT(set.bucket_count(), capacity);
}

TEST(FlatSet, InsertionMayCopyAnElementOfTheSameSet) {
  // The arguments refer into the set while the insertion rehashes it.
  maptidy::flat_set<std::pair<std::string, int>> set;
  set.emplace(std::string(100, 'v'), 0);
  for (int i = 1; i < 2000; ++i) {
    const auto& previous = *set.find({std::string(100, 'v'), i - 1});
    set.emplace(previous.first, i);
  }
  EXPECT_EQ(set.size(), 2000u);
  for (const auto& [text, number] : set) EXPECT_EQ(text, std::string(100, 'v')) << number;
}

TEST(FlatSet, ErasureKeepsOtherIterators) {
  maptidy::flat_set<int> set;
  for (int i = 0; i < 1000; ++i) set.insert(i);
  std::vector<const int*> kept;
  for (const int& key : set)
    if (key % 2 == 0) kept.push_back(&key);
  for (int i = 1; i < 1000; i += 2) set.erase(i);
  for (const int* address : kept) EXPECT_EQ(address, &*set.find(*address));
}

TEST(FlatSet, MoveAndSwapKeepIterators) {
  maptidy::flat_set<int> set{1, 2};
  const auto it = set.find(2);
  maptidy::flat_set<int> moved(std::move(set));
  EXPECT_EQ(it, moved.find(2));
  maptidy::flat_set<int> other;
  other.swap(moved);
  EXPECT_EQ(it, other.find(2));
}

TEST(FlatSet, GrowthMovesKeys) {
  counted::copies = 0;
  maptidy::flat_set<counted, counted_hash, std::equal_to<counted>> set;
  for (int i = 0; i < 5000; ++i) set.emplace("key " + std::to_string(i));
  EXPECT_EQ(counted::copies, 0);
  EXPECT_EQ(set.size(), 5000u);
  EXPECT_TRUE(set.contains(counted("key 4999")));
}

// ---- Exception guarantees.

template <class Set>
std::set<int> fragile_contents(const Set& set) {
  std::set<int> result;
  const int saved = fault::countdown;
  fault::countdown = -1;
  for (const fragile& key : set) result.insert(key.value);
  fault::countdown = saved;
  return result;
}

// Runs `operation` with a fault injected at its 1st, 2nd, ... fault point
// until it completes; after each failure the set must hold what it held.
template <class Set, class Operation>
void expect_strong(Set& set, Operation operation) {
  for (int fail_at = 0;; ++fail_at) {
    const std::set<int> before = fragile_contents(set);
    fault::countdown = fail_at;
    try {
      operation(set);
      fault::countdown = -1;
      return;
    } catch (const std::runtime_error&) {
      fault::countdown = -1;
      ASSERT_EQ(fragile_contents(set), before) << "after a fault at point " << fail_at;
    }
  }
}

using fragile_set = maptidy::flat_set<fragile, fragile_hash, std::equal_to<fragile>, failing_allocator<fragile>>;

TEST(FlatSet, InsertionIsStrongUnderFaults) {
  fragile_set set;
  for (int i = 0; i < 300; ++i) {
    expect_strong(set, [i](fragile_set& s) { s.insert(fragile(i)); });
    const fragile copied(i / 2);
    expect_strong(set, [&copied](fragile_set& s) { s.insert(copied); });
    expect_strong(set, [i](fragile_set& s) { s.emplace(i + 1000); });
    expect_strong(set, [i](fragile_set& s) { s.emplace_hint(s.cend(), fragile(i + 2000)); });
  }
  fault::countdown = -1;
  EXPECT_EQ(set.size(), 900u);
}

TEST(FlatSet, RehashAndCopyAreStrongUnderFaults) {
  fragile_set set;
  for (int i = 0; i < 200; ++i) set.emplace(i);
  expect_strong(set, [](fragile_set& s) { s.rehash(4000); });
  expect_strong(set, [](fragile_set& s) { s.reserve(9000); });
  fragile_set target;
  target.emplace(-1);
  expect_strong(target, [&set](fragile_set& s) { s = set; });
  EXPECT_EQ(fragile_contents(target), fragile_contents(set));
  expect_strong(set, [](fragile_set& s) { s.erase(fragile(5)); });
  EXPECT_FALSE(set.contains(fragile(5)));
}

TEST(FlatSet, EraseIfIsBasicUnderFaults) {
  maptidy::flat_set<int> set;
  for (int i = 0; i < 100; ++i) set.insert(i);
  int calls = 0;
  EXPECT_THROW(erase_if(set,
                        [&calls](int key) {
                          if (++calls == 50) throw std::runtime_error("predicate");
                          return key % 2 == 0;
                        }),
               std::runtime_error);
  EXPECT_LT(set.size(), 100u);
  EXPECT_GT(set.size(), 50u);
}

// ---- Stateful allocators.

TEST(FlatSet, UnequalAllocatorsMoveElementWise) {
  using set_type = maptidy::flat_set<std::string, maptidy::hash<std::string>, maptidy::equal_to<>,
                                     tagged_allocator<std::string>>;
  set_type a(0, tagged_allocator<std::string>(1));
  for (int i = 0; i < 100; ++i) a.insert("k" + std::to_string(i));
  set_type b(0, tagged_allocator<std::string>(2));
  b = std::move(a);
  EXPECT_EQ(b.get_allocator().tag, 2);
  EXPECT_EQ(b.size(), 100u);
  EXPECT_TRUE(b.contains("k42"));
  EXPECT_TRUE(a.empty());
  set_type c(std::move(b), tagged_allocator<std::string>(3));
  EXPECT_TRUE(c.contains("k7"));
  EXPECT_EQ(c.get_allocator().tag, 3);
  set_type d(c);
  EXPECT_EQ(d, c);
}

}  // namespace
