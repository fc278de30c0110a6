#include "maptidy/composite_key.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

namespace {

using namespace std::string_literals;
using namespace std::string_view_literals;

template <class T>
std::uint64_t hash_of(const T& value) {
  return maptidy::hash<>{}(value);
}

TEST(CompositeKeyHash, StringTypesHashByContent) {
  // Every length up to 80 exercises the short, overlapping and block paths.
  std::string text;
  for (int length = 0; length <= 80; ++length) {
    const std::string copy = text;
    EXPECT_EQ(hash_of(text), hash_of(std::string_view(text))) << length;
    EXPECT_EQ(hash_of(text), hash_of(text.c_str())) << length;
    EXPECT_EQ(hash_of(text), hash_of(copy)) << length;
    EXPECT_EQ(hash_of(text), maptidy::hash<std::string>{}(text)) << length;
    text += static_cast<char>('a' + length % 26);
  }
  EXPECT_EQ(hash_of("literal"), hash_of("literal"s));
  char buffer[] = "mutable";
  EXPECT_EQ(hash_of(static_cast<char*>(buffer)), hash_of("mutable"sv));
}

TEST(CompositeKeyHash, StringsOfEveryLengthDiffer) {
  std::unordered_set<std::uint64_t> seen;
  std::string text;
  for (int length = 0; length <= 64; ++length) {
    EXPECT_TRUE(seen.insert(hash_of(text)).second) << length;
    // Same length, one byte changed at each position.
    for (int i = 0; i < length; ++i) {
      std::string changed = text;
      changed[i] = '#';
      EXPECT_NE(hash_of(changed), hash_of(text)) << length << " at " << i;
    }
    text += 'x';
  }
  // Embedded NUL bytes count for sized strings.
  EXPECT_NE(hash_of("a\0b"s), hash_of("a\0c"s));
  EXPECT_NE(hash_of(std::string(3, '\0')), hash_of(std::string(2, '\0')));
}

TEST(CompositeKeyHash, PairOfViewsHashesLikePairOfStrings) {
  const std::pair<std::string, std::string> owned{"alpha", "a rather longer second component"};
  const std::pair<std::string_view, std::string_view> views{owned.first, owned.second};
  const std::pair<const char*, std::string_view> mixed{"alpha", owned.second};
  EXPECT_EQ(hash_of(owned), hash_of(views));
  EXPECT_EQ(hash_of(owned), hash_of(mixed));
  const maptidy::hash<std::pair<std::string, std::string>> typed_hash;
  EXPECT_EQ(typed_hash(owned), typed_hash(views));
  // Moving bytes across the component boundary changes the hash.
  EXPECT_NE(hash_of(std::pair("ab"sv, "c"sv)), hash_of(std::pair("a"sv, "bc"sv)));
  EXPECT_NE(hash_of(std::pair("a"sv, "b"sv)), hash_of(std::pair("b"sv, "a"sv)));
}

TEST(CompositeKeyHash, NestedPairsAndTuples) {
  using owned_key = std::tuple<int, std::pair<std::string, double>, std::tuple<unsigned, std::string>>;
  using probe_key = std::tuple<long, std::pair<std::string_view, double>, std::tuple<unsigned long, const char*>>;
  const owned_key owned{7, {"seven", 7.5}, {7u, "VII"}};
  const probe_key probe{7L, {"seven"sv, 7.5}, {7ul, "VII"}};
  EXPECT_EQ(hash_of(owned), hash_of(probe));
  EXPECT_TRUE(maptidy::equal_to<>{}(owned, probe));
  const probe_key other{7L, {"seven"sv, 7.5}, {8ul, "VII"}};
  EXPECT_NE(hash_of(owned), hash_of(other));
  EXPECT_FALSE(maptidy::equal_to<>{}(owned, other));

  // A pair, a two-element tuple and hash_values of the same values agree.
  EXPECT_EQ(hash_of(std::pair(1, "x"s)), hash_of(std::tuple(1, "x"sv)));
  EXPECT_EQ(hash_of(std::pair(1, "x"s)), maptidy::hash_values(1, "x"));
  EXPECT_NE(maptidy::hash_values(1, 2), maptidy::hash_values(2, 1));
}

TEST(CompositeKeyHash, ArithmeticValues) {
  EXPECT_EQ(hash_of(5), hash_of(5L));
  EXPECT_EQ(hash_of(short{-3}), hash_of(-3LL));
  EXPECT_EQ(hash_of(5u), hash_of(std::uint64_t{5}));
  EXPECT_EQ(hash_of(0.0), hash_of(-0.0));
  EXPECT_EQ(hash_of(1.5f), hash_of(1.5));
  EXPECT_NE(hash_of(1.0), hash_of(2.0));
  EXPECT_NE(hash_of(true), hash_of(false));
  EXPECT_NE(hash_of(0), hash_of(1));
}

enum class color : std::uint8_t { red, green, blue };
enum plain_enum { first_value = 10, second_value = 20 };

TEST(CompositeKeyHash, Enums) {
  EXPECT_EQ(hash_of(color::green), hash_of(std::uint8_t{1}));
  EXPECT_NE(hash_of(color::red), hash_of(color::blue));
  EXPECT_EQ(hash_of(second_value), hash_of(static_cast<std::underlying_type_t<plain_enum>>(20)));
  std::unordered_map<color, int, maptidy::hash<color>> by_color{{color::red, 1}, {color::blue, 3}};
  EXPECT_EQ(by_color.at(color::blue), 3);
}

TEST(CompositeKeyHash, PointersHashByAddress) {
  std::vector<int> storage(1000);
  std::unordered_set<std::uint64_t> seen;
  for (const int& element : storage) EXPECT_TRUE(seen.insert(hash_of(&element)).second);
  const int* first = storage.data();
  EXPECT_EQ(hash_of(first), hash_of(&storage[0]));
  EXPECT_EQ(hash_of(nullptr), hash_of(static_cast<const int*>(nullptr)));
}

struct user_point {
  int x, y;
  bool operator==(const user_point& other) const { return x == other.x && y == other.y; }
};

}  // namespace

template <>
struct std::hash<user_point> {
  std::size_t operator()(const user_point& p) const noexcept { return maptidy::hash_values(p.x, p.y); }
};

namespace {

TEST(CompositeKeyHash, FallsBackToStdHash) {
  EXPECT_EQ(hash_of(user_point{1, 2}), hash_of(user_point{1, 2}));
  EXPECT_NE(hash_of(user_point{1, 2}), hash_of(user_point{2, 1}));
  EXPECT_NE(hash_of(std::optional<int>(3)), hash_of(std::optional<int>()));
  std::unordered_set<std::pair<user_point, int>, maptidy::hash<>> set{{{1, 2}, 3}};
  EXPECT_EQ(set.count({{1, 2}, 3}), 1u);
}

TEST(CompositeKeyHash, HashCombineDependsOnOrderAndSeed) {
  std::size_t forward = 0, backward = 0, other_seed = 1;
  maptidy::hash_combine(forward, 1);
  maptidy::hash_combine(forward, "two");
  maptidy::hash_combine(backward, "two");
  maptidy::hash_combine(backward, 1);
  maptidy::hash_combine(other_seed, 1);
  maptidy::hash_combine(other_seed, "two");
  EXPECT_NE(forward, backward);
  EXPECT_NE(forward, other_seed);
  EXPECT_NE(forward, 0u);
}

TEST(CompositeKeyEqual, ComparesAcrossElementTypes) {
  const maptidy::equal_to<> eq;
  const std::pair<std::string, std::string> key{"a", "b"};
  EXPECT_TRUE(eq(key, std::pair("a"sv, "b"sv)));
  EXPECT_FALSE(eq(key, std::pair("a"sv, "c"sv)));
  EXPECT_TRUE(eq(key, std::tuple("a", "b"s)));
  // C strings compare by content, not by address.
  const std::string a1 = "same", a2 = "same";
  EXPECT_TRUE(eq(a1.c_str(), a2.c_str()));
  EXPECT_FALSE(eq("same", "diff"));
  EXPECT_TRUE(eq(3, 3L));
}

TEST(CompositeKeyTraits, Avalanching) {
  struct void_marker { using is_avalanching = void; };
  struct false_marker { using is_avalanching = std::false_type; };
  static_assert(maptidy::is_avalanching_v<maptidy::hash<int>>);
  static_assert(maptidy::is_avalanching_v<maptidy::hash<>>);
  static_assert(!maptidy::is_avalanching_v<std::hash<int>>);
  static_assert(maptidy::is_avalanching_v<void_marker>);
  static_assert(!maptidy::is_avalanching_v<false_marker>);
  const auto key = std::pair(1, "x"s);
  static_assert(noexcept(maptidy::hash<>{}(key)));
  SUCCEED();
}

TEST(CompositeKeyHash, UsableInStandardUnorderedContainers) {
  using key = std::pair<std::string, std::string>;
  std::unordered_map<key, int, maptidy::hash<key>, maptidy::equal_to<>> map;
  for (int i = 0; i < 100; ++i) map[{std::to_string(i), std::to_string(i * i)}] = i;
  ASSERT_EQ(map.size(), 100u);
  EXPECT_EQ(map.at({"7", "49"}), 7);
  // Heterogeneous probing needs C++20's unordered lookup; the hash/equality
  // consistency it relies on is covered above for C++17.
#if defined(__cpp_lib_generic_unordered_lookup)
  const auto found = map.find(std::pair("9"sv, "81"sv));
  ASSERT_NE(found, map.end());
  EXPECT_EQ(found->second, 9);
#endif
}

// Pearson chi-square statistic of the hashes' bucket counts.
double chi_square(const std::vector<std::uint64_t>& counts, double total) {
  const double expected = total / static_cast<double>(counts.size());
  double sum = 0;
  for (const std::uint64_t count : counts) {
    const double delta = static_cast<double>(count) - expected;
    sum += delta * delta / expected;
  }
  return sum;
}

// Upper bound for a chi-square statistic with `buckets - 1` degrees of
// freedom: mean plus six standard deviations.
double chi_square_limit(std::size_t buckets) {
  const double dof = static_cast<double>(buckets - 1);
  return dof + 6 * std::sqrt(2 * dof);
}

TEST(CompositeKeyDistribution, SequentialIntPairsSpreadInLowAndHighBits) {
  constexpr int side = 1000;
  constexpr int bits = 10;
  constexpr std::size_t buckets = std::size_t{1} << bits;
  std::vector<std::uint64_t> low(buckets), high(buckets), middle(buckets), joint(buckets * 16);
  for (int i = 0; i < side; ++i) {
    for (int j = 0; j < side; ++j) {
      const std::uint64_t h = maptidy::hash<std::pair<int, int>>{}(std::pair(i, j));
      ++low[h & (buckets - 1)];
      ++high[h >> (64 - bits)];
      ++middle[(h >> 32) & (buckets - 1)];
      // A sharded table takes shard bits from bit 32 up and group bits from
      // the bottom: the two must be independent.
      ++joint[(((h >> 32) & 15) << bits) | (h & (buckets - 1))];
    }
  }
  const double total = double{side} * side;
  EXPECT_LT(chi_square(low, total), chi_square_limit(buckets));
  EXPECT_LT(chi_square(high, total), chi_square_limit(buckets));
  EXPECT_LT(chi_square(middle, total), chi_square_limit(buckets));
  EXPECT_LT(chi_square(joint, total), chi_square_limit(joint.size()));
}

TEST(CompositeKeyDistribution, SequentialIntsSpreadInLowAndHighBits) {
  constexpr std::size_t buckets = 1024;
  std::vector<std::uint64_t> low(buckets), high(buckets);
  constexpr int count = 1 << 20;
  for (int i = 0; i < count; ++i) {
    const std::uint64_t h = hash_of(i);
    ++low[h & (buckets - 1)];
    ++high[h >> 54];
  }
  EXPECT_LT(chi_square(low, count), chi_square_limit(buckets));
  EXPECT_LT(chi_square(high, count), chi_square_limit(buckets));
}

TEST(CompositeKeyDistribution, NoCollisionsAmongSequentialPairs) {
  constexpr int rows = 4096, columns = 2048;
  std::vector<std::uint64_t> hashes;
  hashes.reserve(std::size_t{rows} * columns);
  for (int i = 0; i < rows; ++i)
    for (int j = 0; j < columns; ++j) hashes.push_back(maptidy::hash<>{}(std::pair(i - rows / 2, j)));
  std::sort(hashes.begin(), hashes.end());
  EXPECT_EQ(std::adjacent_find(hashes.begin(), hashes.end()), hashes.end());
}

// Strict avalanche: flipping any input bit flips each output bit with
// probability close to one half.
template <class MakeKey>
double worst_avalanche_bias(MakeKey make_key, int input_bits) {
  constexpr int samples = 4000;
  std::mt19937_64 random(42);
  std::vector<int> flips(static_cast<std::size_t>(input_bits) * 64);
  for (int sample = 0; sample < samples; ++sample) {
    // Half the samples are small numbers, the common case for keys.
    const std::uint64_t a = random() >> (sample % 2 ? 44 : 0), b = random() >> (sample % 2 ? 44 : 0);
    const std::uint64_t base = make_key(a, b, -1);
    for (int bit = 0; bit < input_bits; ++bit) {
      const std::uint64_t diff = base ^ make_key(a, b, bit);
      for (int out = 0; out < 64; ++out) flips[static_cast<std::size_t>(bit) * 64 + out] += (diff >> out) & 1;
    }
  }
  double worst = 0;
  for (const int count : flips) worst = std::max(worst, std::abs(count / double{samples} - 0.5));
  return worst;
}

TEST(CompositeKeyDistribution, Avalanches) {
  const auto single = [](std::uint64_t a, std::uint64_t, int bit) {
    return hash_of(bit < 0 ? a : a ^ (std::uint64_t{1} << bit));
  };
  const auto pair = [](std::uint64_t a, std::uint64_t b, int bit) {
    if (bit >= 64) b ^= std::uint64_t{1} << (bit - 64);
    else if (bit >= 0) a ^= std::uint64_t{1} << bit;
    return hash_of(std::pair(a, b));
  };
  EXPECT_LT(worst_avalanche_bias(single, 64), 0.06);
  EXPECT_LT(worst_avalanche_bias(pair, 128), 0.06);
}

}  // namespace
